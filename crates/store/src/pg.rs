//! The PostgreSQL backend: the same tables as SQLite with PostgreSQL
//! types, a `tsvector` column built with `to_tsvector('simple', …)` from
//! the same stemmed tokens (GIN index), migrations in `callqa_schema`.
//! One connection behind a mutex: every write is one committed
//! transaction.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement, Transaction};

use crate::disputes::{AuditEntry, Calibration, Dispute, DisputeQuery, Grade, ManualMark};
use crate::error::{Context, StoreError};
use crate::prompts::{PromptRow, PromptScope, PromptStat};
use crate::query::{self, Dialect, Val};
use crate::sqlite::{now, page, sort_stats, token_info};
use crate::types::*;
use crate::users::{self, user_from_row, User, PENDING_COUNT, USER_COLUMNS};
use crate::{history, retention, rollup};
use crate::{CountBy, RuleCount, Store, StoredCall, TrainingRecord};

const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE calls (
    seq BIGSERIAL PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    started BIGINT NOT NULL,
    started_at TEXT,
    day TEXT NOT NULL,
    week TEXT NOT NULL,
    direction TEXT NOT NULL,
    language TEXT,
    operator TEXT NOT NULL,
    operator_name TEXT,
    queue TEXT,
    duration DOUBLE PRECISION NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    passed BIGINT NOT NULL,
    failed_rules TEXT NOT NULL,
    revision BIGINT NOT NULL,
    record TEXT NOT NULL,
    audit TEXT NOT NULL,
    search TSVECTOR NOT NULL
);
CREATE INDEX calls_started ON calls (started DESC, seq DESC);
CREATE INDEX calls_operator ON calls (operator, started DESC, seq DESC);
CREATE INDEX calls_queue ON calls (queue, started DESC, seq DESC);
CREATE INDEX calls_day ON calls (day);
CREATE INDEX calls_search ON calls USING GIN (search);
CREATE TABLE verdicts (
    seq BIGINT NOT NULL,
    rule TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (seq, rule)
);
CREATE INDEX verdicts_rule ON verdicts (rule, outcome, seq);
CREATE TABLE facts (
    call_id TEXT PRIMARY KEY,
    client TEXT NOT NULL,
    started BIGINT NOT NULL,
    direction TEXT NOT NULL,
    answered BIGINT NOT NULL,
    dropped BIGINT NOT NULL,
    missed BIGINT NOT NULL,
    operator TEXT NOT NULL
);
CREATE INDEX facts_client ON facts (client, started);
CREATE TABLE audits (
    call_id TEXT NOT NULL,
    revision BIGINT NOT NULL,
    audit TEXT NOT NULL,
    PRIMARY KEY (call_id, revision)
);
CREATE TABLE standards (
    revision BIGINT PRIMARY KEY,
    toml TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE tokens (
    name TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    operator TEXT,
    queues TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE jobs (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    done BIGINT NOT NULL,
    total BIGINT NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL
);
"#,
    rollup::MIGRATION,
    QUERY_INDEXES,
    history::MIGRATION,
    query::RULE_INDEX,
    crate::training::PG_MIGRATION,
    query::SCORED,
    users::PG_MIGRATION,
    crate::prompts::PG_MIGRATION,
    crate::disputes::PG_MIGRATION,
    // Migration 11: verdicts_rule_started serves every query by rule and outcome.
    "DROP INDEX verdicts_rule;",
    // the dashboard's list index (dashboard.rs)
    crate::dashboard::MIGRATION,
];

/// Migration 3: indexes for the list filters of queue and passed.
const QUERY_INDEXES: &str = r#"
CREATE INDEX calls_queue_passed ON calls (queue, passed, started DESC, seq DESC);
CREATE INDEX calls_passed ON calls (passed, started DESC, seq DESC);
"#;

/// The PostgreSQL store.
pub struct PgStore {
    client: Mutex<Client>,
}

fn refs(params: &[Val]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|v| match v {
            Val::Text(s) => s as &(dyn ToSql + Sync),
            Val::Int(i) => i as &(dyn ToSql + Sync),
            Val::Real(f) => f as &(dyn ToSql + Sync),
        })
        .collect()
}

impl PgStore {
    /// Connects (no TLS: a loopback or private-network database) and
    /// migrates.
    pub fn connect(url: &str) -> Result<PgStore, StoreError> {
        PgStore::connect_in_schema(url, None)
    }

    /// Connects and works inside one schema (created when missing), so
    /// several stores can share a database: the conformance tests use one
    /// schema per test.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PgStore, StoreError> {
        let mut client = Client::connect(url, NoTls).ctx("connecting")?;
        if let Some(s) = schema {
            if !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                return Err(StoreError::Data(format!("bad schema name {s:?}")));
            }
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {s}; SET search_path TO {s}"
                ))
                .ctx("selecting the schema")?;
        }
        migrate(&mut client)?;
        fill_facts(&mut client)?;
        Ok(PgStore {
            client: Mutex::new(client),
        })
    }

    fn client(&self) -> MutexGuard<'_, Client> {
        self.client.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Fills the cross-call seconds of facts stored before migration 4.
fn fill_facts(client: &mut Client) -> Result<(), StoreError> {
    let rows = client
        .query(history::UNFILLED, &[])
        .ctx("reading facts to fill")?;
    if rows.is_empty() {
        return Ok(());
    }
    let mut tx = client.transaction().ctx("starting a write")?;
    let fill = query::numbered(history::FILL);
    for row in rows {
        let (id, record): (String, String) = (row.get(0), row.get(1));
        let f = history::refill(&id, &record)?;
        tx.execute(
            &fill,
            &[
                &f.start,
                &(f.has_events as i64),
                &f.dropped_at,
                &f.ended_at,
                &id,
            ],
        )
        .ctx(&format!("filling the facts of {id:?}"))?;
    }
    tx.commit().ctx("committing facts")
}

fn record_rows(rows: &[Row]) -> Vec<RecordRow> {
    rows.iter()
        .map(|r| RecordRow {
            seq: r.get(0),
            id: r.get(1),
            record: r.get(2),
        })
        .collect()
}

fn migrate(client: &mut Client) -> Result<(), StoreError> {
    client
        .batch_execute("CREATE TABLE IF NOT EXISTS callqa_schema (version BIGINT NOT NULL)")
        .ctx("creating the schema table")?;
    let mut tx = client.transaction().ctx("starting a migration")?;
    tx.batch_execute("LOCK TABLE callqa_schema IN EXCLUSIVE MODE")
        .ctx("locking the schema table")?;
    let done: i64 = tx
        .query_opt("SELECT version FROM callqa_schema", &[])
        .ctx("reading the schema version")?
        .map(|r| r.get(0))
        .unwrap_or(0);
    if done as usize > MIGRATIONS.len() {
        return Err(StoreError::Data(format!(
            "the database has schema version {done}, newer than this callqa ({}) knows",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done as usize) {
        tx.batch_execute(sql)
            .ctx(&format!("applying migration {}", i + 1))?;
    }
    tx.execute("DELETE FROM callqa_schema", &[])
        .ctx("recording the schema version")?;
    tx.execute(
        "INSERT INTO callqa_schema (version) VALUES ($1)",
        &[&(MIGRATIONS.len() as i64)],
    )
    .ctx("recording the schema version")?;
    tx.commit().ctx("committing a migration")
}

/// Statements prepared once per transaction: PostgreSQL parses and plans
/// each of a call's statements once per batch instead of once per call,
/// and each runs in one round trip.
#[derive(Default)]
struct Prepared(HashMap<String, Statement>);

impl Prepared {
    fn get(&mut self, tx: &mut Transaction<'_>, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(st) = self.0.get(sql) {
            return Ok(st.clone());
        }
        let st = tx.prepare(sql)?;
        self.0.insert(sql.to_string(), st.clone());
        Ok(st)
    }
}

fn run(
    tx: &mut Transaction<'_>,
    p: &mut Prepared,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<u64, postgres::Error> {
    let st = p.get(tx, sql)?;
    tx.execute(&st, params)
}

fn opt(
    tx: &mut Transaction<'_>,
    p: &mut Prepared,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Option<Row>, postgres::Error> {
    let st = p.get(tx, sql)?;
    tx.query_opt(&st, params)
}

fn one(
    tx: &mut Transaction<'_>,
    p: &mut Prepared,
    sql: &str,
    params: &[&(dyn ToSql + Sync)],
) -> Result<Row, postgres::Error> {
    let st = p.get(tx, sql)?;
    tx.query_one(&st, params)
}

/// Adds (1) or takes out (-1) the stored call `seq` from the rollup.
fn rollup_share(
    tx: &mut Transaction<'_>,
    p: &mut Prepared,
    seq: i64,
    sign: i64,
) -> Result<(), postgres::Error> {
    let [calls, verdicts, rules] = rollup::share(Dialect::Postgres);
    run(tx, p, &calls, &[&sign, &sign, &(sign as f64), &sign, &seq])?;
    run(tx, p, &verdicts, &[&sign, &seq])?;
    run(tx, p, &rules, &[&sign, &seq])?;
    Ok(())
}

fn put_one(
    tx: &mut Transaction<'_>,
    p: &mut Prepared,
    c: &StoredCall,
    keep: bool,
) -> Result<(), postgres::Error> {
    let failed = serde_json::to_string(&c.failed_rules).unwrap_or_else(|_| "[]".into());
    let passed = c.passed as i64;
    let score = c.score.unwrap_or(0.0);
    let scored = c.score.is_some() as i64;
    // The columns an insert and an update both write, in this order (the
    // insert adds `id` as $20, the update matches `seq` as $20).
    let columns: [&(dyn ToSql + Sync); 19] = [
        &c.started,
        &c.started_at,
        &c.day,
        &c.week,
        &c.direction,
        &c.language,
        &c.operator,
        &c.operator_name,
        &c.queue,
        &c.duration,
        &score,
        &passed,
        &failed,
        &c.revision,
        &c.record,
        &c.audit,
        &c.search,
        &c.pending_until,
        &scored,
    ];
    let existing: Option<i64> =
        opt(tx, p, "SELECT seq FROM calls WHERE id = $1", &[&c.id])?.map(|r| r.get(0));
    let seq = match existing {
        Some(seq) => {
            rollup_share(tx, p, seq, -1)?;
            let mut values = columns.to_vec();
            values.push(&seq);
            run(
                tx,
                p,
                "UPDATE calls SET started = $1, started_at = $2, day = $3, week = $4, \
                 direction = $5, language = $6, operator = $7, operator_name = $8, queue = $9, \
                 duration = $10, score = $11, passed = $12, failed_rules = $13, revision = $14, \
                 record = $15, audit = $16, search = to_tsvector('simple', $17), \
                 pending_until = $18, scored = $19 WHERE seq = $20",
                &values,
            )?;
            run(tx, p, "DELETE FROM verdicts WHERE seq = $1", &[&seq])?;
            seq
        }
        None => {
            let mut values = columns.to_vec();
            values.push(&c.id);
            one(
                tx,
                p,
                "INSERT INTO calls (started, started_at, day, week, direction, language, \
                 operator, operator_name, queue, duration, score, passed, failed_rules, revision, \
                 record, audit, search, pending_until, scored, id) VALUES ($1, $2, $3, $4, $5, \
                 $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, to_tsvector('simple', $17), \
                 $18, $19, $20) RETURNING seq",
                &values,
            )?
            .get(0)
        }
    };
    if !c.verdicts.is_empty() {
        let rules: Vec<&str> = c.verdicts.iter().map(|(r, _)| r.as_str()).collect();
        let outcomes: Vec<&str> = c.verdicts.iter().map(|(_, o)| o.as_str()).collect();
        run(
            tx,
            p,
            "INSERT INTO verdicts (seq, rule, outcome, started) \
             SELECT $1, r, o, $4 FROM UNNEST($2::text[], $3::text[]) AS t (r, o)",
            &[&seq, &rules, &outcomes, &c.started],
        )?;
    }
    rollup_share(tx, p, seq, 1)?;
    run(tx, p, "DELETE FROM facts WHERE call_id = $1", &[&c.id])?;
    if let Some(f) = &c.facts {
        run(
            tx,
            p,
            "INSERT INTO facts (call_id, client, started, direction, answered, dropped, missed, \
             operator, start, has_events, dropped_at, ended_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
            &[
                &f.call,
                &f.client,
                &f.started,
                &f.direction,
                &(f.answered as i64),
                &(f.dropped as i64),
                &(f.missed as i64),
                &f.operator,
                &f.start,
                &(f.has_events as i64),
                &f.dropped_at,
                &f.ended_at,
            ],
        )?;
    }
    if !keep {
        run(tx, p, "DELETE FROM audits WHERE call_id = $1", &[&c.id])?;
    }
    run(
        tx,
        p,
        "INSERT INTO audits (call_id, revision, audit) VALUES ($1, $2, $3) \
         ON CONFLICT (call_id, revision) DO UPDATE SET audit = EXCLUDED.audit",
        &[&c.id, &c.revision, &c.audit],
    )?;
    Ok(())
}

fn call_row(r: &Row, with_audit: bool) -> (i64, i64, CallRow) {
    let failed: String = r.get(12);
    (
        r.get(0),
        r.get(1),
        CallRow {
            id: r.get(2),
            started_at: r.get(3),
            direction: r.get(4),
            language: r.get(5),
            operator: r.get(6),
            operator_name: r.get(7),
            queue: r.get(8),
            duration: r.get(9),
            score: r.get(10),
            passed: r.get::<_, i64>(11) != 0,
            failed_rules: serde_json::from_str(&failed).unwrap_or_default(),
            audit: if with_audit { r.get(13) } else { None },
        },
    )
}

fn job_row(r: &Row) -> Job {
    Job {
        id: r.get(0),
        kind: r.get(1),
        state: r.get(2),
        done: r.get::<_, i64>(3) as u64,
        total: r.get::<_, i64>(4) as u64,
        error: r.get(5),
    }
}

fn token_row(r: &Row) -> Result<TokenInfo, StoreError> {
    token_info((r.get(0), r.get(1), r.get(2), r.get(3), r.get(4)))
}

impl Store for PgStore {
    fn put_calls(&self, calls: &[StoredCall], keep_history: bool) -> Result<(), StoreError> {
        let mut client = self.client();
        let mut tx = client.transaction().ctx("starting a write")?;
        let mut prepared = Prepared::default();
        for c in calls {
            put_one(&mut tx, &mut prepared, c, keep_history)
                .ctx(&format!("storing call {:?}", c.id))?;
        }
        tx.commit().ctx("committing calls")
    }

    fn get_call(&self, id: &str) -> Result<Option<CallDetail>, StoreError> {
        Ok(self
            .client()
            .query_opt(
                "SELECT record, audit, revision FROM calls WHERE id = $1",
                &[&id],
            )
            .ctx(&format!("reading call {id:?}"))?
            .map(|r| CallDetail {
                record: r.get(0),
                audit: r.get(1),
                revision: r.get(2),
            }))
    }

    fn list_calls(&self, q: &ListQuery) -> Result<Page, StoreError> {
        let sql = query::list(q, Dialect::Postgres);
        let rows = self
            .client()
            .query(&sql.text, &refs(&sql.params))
            .ctx("listing calls")?;
        let mut rows: Vec<_> = rows.iter().map(|r| call_row(r, q.with_audit)).collect();
        Ok(page(&mut rows, q.limit))
    }

    fn count_calls(&self, filter: &Filter) -> Result<u64, StoreError> {
        let sql = query::count(filter, Dialect::Postgres);
        let n: i64 = self
            .client()
            .query_one(&sql.text, &refs(&sql.params))
            .ctx("counting calls")?
            .get(0);
        Ok(n as u64)
    }

    fn records_after(
        &self,
        filter: &Filter,
        after: i64,
        limit: usize,
    ) -> Result<Vec<RecordRow>, StoreError> {
        let sql = query::records_after(filter, after, limit, Dialect::Postgres);
        let rows = self
            .client()
            .query(&sql.text, &refs(&sql.params))
            .ctx("reading records")?;
        Ok(rows
            .iter()
            .map(|r| RecordRow {
                seq: r.get(0),
                id: r.get(1),
                record: r.get(2),
            })
            .collect())
    }

    fn stats(
        &self,
        filter: &Filter,
        bucket: Bucket,
        by: GroupBy,
    ) -> Result<Vec<StatRow>, StoreError> {
        let sql = query::stats(filter, bucket, by, Dialect::Postgres);
        let rows = self
            .client()
            .query(&sql.text, &refs(&sql.params))
            .ctx("computing stats")?;
        let mut rows: Vec<StatRow> = rows
            .iter()
            .map(|r| StatRow {
                bucket: r.get(0),
                key: Some(r.get::<_, String>(1)).filter(|_| by != GroupBy::Calls),
                sub: Some(r.get::<_, String>(2)).filter(|_| by != GroupBy::Calls),
                count: r.get(3),
                passed: r.get(4),
                score_sum: r.get(5),
                scored: r.get(6),
            })
            .collect();
        sort_stats(&mut rows);
        Ok(rows)
    }

    fn facts_for_client(&self, client: &str, from: i64, to: i64) -> Result<Vec<Facts>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT call_id, client, started, direction, answered, dropped, missed, operator, \
                 start, has_events, dropped_at, ended_at FROM facts WHERE client = $1 AND started >= $2 AND started <= $3 \
                 ORDER BY started, call_id COLLATE \"C\"",
                &[&client, &from, &to],
            )
            .ctx("reading facts")?;
        Ok(rows
            .iter()
            .map(|r| Facts {
                call: r.get(0),
                client: r.get(1),
                started: r.get(2),
                direction: r.get(3),
                answered: r.get::<_, i64>(4) != 0,
                dropped: r.get::<_, i64>(5) != 0,
                missed: r.get::<_, i64>(6) != 0,
                operator: r.get(7),
                start: r.get(8),
                has_events: r.get::<_, i64>(9) != 0,
                dropped_at: r.get(10),
                ended_at: r.get(11),
            })
            .collect())
    }

    fn pending_of_client(&self, client: &str) -> Result<Vec<RecordRow>, StoreError> {
        let rows = self
            .client()
            .query(&query::numbered(history::PENDING_OF_CLIENT), &[&client])
            .ctx("reading pending calls")?;
        Ok(record_rows(&rows))
    }

    fn pending_due(&self, before: f64, limit: usize) -> Result<Vec<RecordRow>, StoreError> {
        let rows = self
            .client()
            .query(
                &query::numbered(history::PENDING_DUE),
                &[&before, &(limit as i64)],
            )
            .ctx("reading pending calls")?;
        Ok(record_rows(&rows))
    }

    fn audit_pairs(
        &self,
        from: i64,
        to: i64,
        after: &str,
        limit: usize,
    ) -> Result<Vec<AuditPair>, StoreError> {
        let rows = self
            .client()
            .query(
                "SELECT a.call_id, a.audit, b.audit FROM audits a \
                 JOIN audits b ON b.call_id = a.call_id AND b.revision = $1 \
                 WHERE a.revision = $2 AND a.call_id COLLATE \"C\" > $3 \
                 ORDER BY a.call_id COLLATE \"C\" LIMIT $4",
                &[&to, &from, &after, &(limit as i64)],
            )
            .ctx("reading audits")?;
        Ok(rows
            .iter()
            .map(|r| AuditPair {
                call: r.get(0),
                from: r.get(1),
                to: r.get(2),
            })
            .collect())
    }

    fn put_standard(&self, toml: &str) -> Result<i64, StoreError> {
        let mut client = self.client();
        let mut tx = client.transaction().ctx("starting a write")?;
        tx.batch_execute("LOCK TABLE standards IN EXCLUSIVE MODE")
            .ctx("locking standards")?;
        let next: i64 = tx
            .query_one("SELECT COALESCE(MAX(revision), 0) + 1 FROM standards", &[])
            .ctx("numbering a standard")?
            .get(0);
        tx.execute(
            "INSERT INTO standards (revision, toml, created_at) VALUES ($1, $2, $3)",
            &[&next, &toml, &now()],
        )
        .ctx("storing a standard")?;
        tx.commit().ctx("committing a standard")?;
        Ok(next)
    }

    fn get_standard(&self, revision: Option<i64>) -> Result<Option<StandardRevision>, StoreError> {
        let mut client = self.client();
        let row = match revision {
            Some(n) => client.query_opt(
                "SELECT revision, toml, created_at FROM standards WHERE revision = $1",
                &[&n],
            ),
            None => client.query_opt(
                "SELECT revision, toml, created_at FROM standards ORDER BY revision DESC LIMIT 1",
                &[],
            ),
        }
        .ctx("reading a standard")?;
        Ok(row.map(|r| StandardRevision {
            revision: r.get(0),
            toml: r.get(1),
            created_at: r.get(2),
        }))
    }

    fn create_token(&self, info: &TokenInfo, hash: &str) -> Result<(), StoreError> {
        let n = self
            .client()
            .execute(
                "INSERT INTO tokens (name, hash, role, operator, queues, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (name) DO NOTHING",
                &[
                    &info.name,
                    &hash,
                    &info.role.as_str(),
                    &info.operator,
                    &info.queues.join(","),
                    &info.created_at,
                ],
            )
            .ctx("storing a token")?;
        if n == 0 {
            return Err(StoreError::Data(format!(
                "a token named {:?} already exists",
                info.name
            )));
        }
        Ok(())
    }

    fn token_by_hash(&self, hash: &str) -> Result<Option<TokenInfo>, StoreError> {
        self.client()
            .query_opt(
                "SELECT name, role, operator, queues, created_at FROM tokens WHERE hash = $1",
                &[&hash],
            )
            .ctx("reading a token")?
            .map(|r| token_row(&r))
            .transpose()
    }

    fn list_tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        self.client()
            .query(
                "SELECT name, role, operator, queues, created_at FROM tokens \
                 ORDER BY name COLLATE \"C\"",
                &[],
            )
            .ctx("listing tokens")?
            .iter()
            .map(token_row)
            .collect()
    }

    fn revoke_token(&self, name: &str) -> Result<bool, StoreError> {
        let n = self
            .client()
            .execute("DELETE FROM tokens WHERE name = $1", &[&name])
            .ctx("revoking a token")?;
        Ok(n > 0)
    }

    fn create_job(&self, kind: &str, total: u64) -> Result<i64, StoreError> {
        Ok(self
            .client()
            .query_one(
                "INSERT INTO jobs (kind, state, done, total, created_at) \
                 VALUES ($1, 'running', 0, $2, $3) RETURNING id",
                &[&kind, &(total as i64), &now()],
            )
            .ctx("creating a job")?
            .get(0))
    }

    fn update_job(&self, job: &Job) -> Result<(), StoreError> {
        self.client()
            .execute(
                "UPDATE jobs SET state = $1, done = $2, total = $3, error = $4 WHERE id = $5",
                &[
                    &job.state,
                    &(job.done as i64),
                    &(job.total as i64),
                    &job.error,
                    &job.id,
                ],
            )
            .ctx("updating a job")?;
        Ok(())
    }

    fn get_job(&self, id: i64) -> Result<Option<Job>, StoreError> {
        Ok(self
            .client()
            .query_opt(
                "SELECT id, kind, state, done, total, error FROM jobs WHERE id = $1",
                &[&id],
            )
            .ctx("reading a job")?
            .map(|r| job_row(&r)))
    }

    // training results
    fn put_training(&self, t: &TrainingRecord) -> Result<i64, StoreError> {
        Ok(self
            .client()
            .query_one(
                "INSERT INTO training (operator, kind, standard, language, score, passed, taken_at, result) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
                &[&t.operator, &t.kind, &t.standard, &t.language, &t.score, &t.passed, &now(), &t.result],
            )
            .ctx("storing a training result")?
            .get(0))
    }

    fn training_of(&self, operator: &str, limit: usize) -> Result<Vec<TrainingRecord>, StoreError> {
        Ok(self
            .client()
            .query(
                "SELECT id, operator, kind, standard, language, score, passed, taken_at, result \
                 FROM training WHERE operator = $1 ORDER BY id DESC LIMIT $2",
                &[&operator, &(limit as i64)],
            )
            .ctx("reading training results")?
            .iter()
            .map(|r| TrainingRecord {
                id: r.get(0),
                operator: r.get(1),
                kind: r.get(2),
                standard: r.get(3),
                language: r.get(4),
                score: r.get(5),
                passed: r.get(6),
                taken_at: r.get(7),
                result: r.get(8),
            })
            .collect())
    }

    // retention

    fn delete_calls_before(&self, before: i64) -> Result<u64, StoreError> {
        let sql = retention::statements(Dialect::Postgres);
        let mut deleted = 0u64;
        loop {
            let mut client = self.client();
            let mut tx = client.transaction().ctx("starting a delete")?;
            let mut prepared = Prepared::default();
            let batch = (|| -> Result<usize, postgres::Error> {
                let old: Vec<(i64, String)> = tx
                    .query(&sql.oldest, &[&before, &retention::BATCH])?
                    .iter()
                    .map(|r| (r.get(0), r.get(1)))
                    .collect();
                for (seq, id) in &old {
                    rollup_share(&mut tx, &mut prepared, *seq, -1)?;
                    for q in &sql.by_seq {
                        tx.execute(q, &[seq])?;
                    }
                    for q in &sql.by_id {
                        tx.execute(q, &[id])?;
                    }
                    tx.execute(&sql.call, &[seq])?;
                }
                if (old.len() as i64) < retention::BATCH {
                    for q in retention::EMPTY_GROUPS {
                        tx.execute(*q, &[])?;
                    }
                }
                Ok(old.len())
            })()
            .ctx("deleting old calls")?;
            tx.commit().ctx("committing a delete")?;
            deleted += batch as u64;
            if (batch as i64) < retention::BATCH {
                return Ok(deleted);
            }
        }
    }

    // users, sessions and sign-in links
    fn create_user(&self, user: &User) -> Result<(), StoreError> {
        users::check_user_name(&user.name)?;
        let n = self
            .client()
            .execute(
                "INSERT INTO users (name, role, operator, queues, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING",
                &[
                    &user.name,
                    &user.role.as_str(),
                    &user.operator,
                    &user.queues.join(","),
                    &user.created_at,
                ],
            )
            .ctx("storing a user")?;
        if n == 0 {
            return Err(StoreError::Data(format!(
                "a user named {:?} already exists",
                user.name
            )));
        }
        Ok(())
    }

    fn get_user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.name = $1");
        self.client()
            .query_opt(&sql, &[&name])
            .ctx("reading a user")?
            .map(|r| pg_user(&r))
            .transpose()
    }

    fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.name COLLATE \"C\"");
        self.client()
            .query(&sql, &[])
            .ctx("listing users")?
            .iter()
            .map(pg_user)
            .collect()
    }

    fn set_password(&self, name: &str, phc: &str) -> Result<bool, StoreError> {
        let mut client = self.client();
        let mut tx = client.transaction().ctx("starting a password change")?;
        let n = tx
            .execute(
                "UPDATE users SET password = $1 WHERE name = $2",
                &[&phc, &name],
            )
            .ctx("setting a password")?;
        tx.execute("DELETE FROM sessions WHERE user_name = $1", &[&name])
            .ctx("ending a user's sessions")?;
        tx.commit().ctx("committing a password change")?;
        Ok(n > 0)
    }

    fn password_of(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .client()
            .query_opt("SELECT password FROM users WHERE name = $1", &[&name])
            .ctx("reading a password hash")?
            .and_then(|r| r.get::<_, Option<String>>(0)))
    }

    fn create_session(
        &self,
        hash: &str,
        user: &str,
        now: i64,
        expires: i64,
    ) -> Result<(), StoreError> {
        let mut client = self.client();
        client
            .execute("DELETE FROM sessions WHERE expires <= $1", &[&now])
            .ctx("dropping expired sessions")?;
        client
            .execute(
                "INSERT INTO sessions (hash, user_name, expires) VALUES ($1, $2, $3)",
                &[&hash, &user, &expires],
            )
            .ctx("storing a session")?;
        Ok(())
    }

    fn session_user(&self, hash: &str, now: i64) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.name = s.user_name \
             WHERE s.hash = $1 AND s.expires > $2"
        );
        self.client()
            .query_opt(&sql, &[&hash, &now])
            .ctx("reading a session")?
            .map(|r| pg_user(&r))
            .transpose()
    }

    fn delete_session(&self, hash: &str) -> Result<bool, StoreError> {
        let n = self
            .client()
            .execute("DELETE FROM sessions WHERE hash = $1", &[&hash])
            .ctx("ending a session")?;
        Ok(n > 0)
    }

    fn create_login_link(
        &self,
        hash: &str,
        user: &str,
        now: i64,
        expires: i64,
        once: bool,
    ) -> Result<(), StoreError> {
        let mut client = self.client();
        client
            .execute("DELETE FROM login_links WHERE expires <= $1", &[&now])
            .ctx("dropping expired sign-in links")?;
        client
            .execute(
                "INSERT INTO login_links (hash, user_name, expires, once) VALUES ($1, $2, $3, $4)",
                &[&hash, &user, &expires, &once],
            )
            .ctx("storing a sign-in link")?;
        Ok(())
    }

    fn use_login_link(&self, hash: &str, now: i64) -> Result<Option<User>, StoreError> {
        let name: Option<String> = {
            let mut client = self.client();
            // A one-time link is deleted by the statement that reads it:
            // of two concurrent uses only one gets the row.
            let once = client
                .query_opt(
                    "DELETE FROM login_links WHERE hash = $1 AND (once OR expires <= $2) \
                     RETURNING user_name, expires",
                    &[&hash, &now],
                )
                .ctx("using a sign-in link")?;
            let link: Option<(String, i64)> = match once {
                Some(r) => Some((r.get(0), r.get(1))),
                None => client
                    .query_opt(
                        "SELECT user_name, expires FROM login_links WHERE hash = $1",
                        &[&hash],
                    )
                    .ctx("reading a sign-in link")?
                    .map(|r| (r.get(0), r.get(1))),
            };
            link.and_then(|(name, expires)| (expires > now).then_some(name))
        };
        match name {
            Some(n) => self.get_user(&n),
            None => Ok(None),
        }
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.client()
            .execute(
                "INSERT INTO settings (key, value) VALUES ($1, $2) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .ctx("storing a setting")?;
        Ok(())
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .client()
            .query_opt("SELECT value FROM settings WHERE key = $1", &[&key])
            .ctx("reading a setting")?
            .map(|r| r.get(0)))
    }

    fn count_pending(&self) -> Result<u64, StoreError> {
        Ok(self
            .client()
            .query_one(PENDING_COUNT, &[])
            .ctx("counting pending calls")?
            .get::<_, i64>(0) as u64)
    }

    // live prompts
    fn put_prompt(&self, row: &PromptRow) -> Result<(), StoreError> {
        self.client()
            .execute(
                &query::numbered(crate::prompts::UPSERT),
                &[
                    &row.call,
                    &row.prompt,
                    &row.rule,
                    &row.trigger,
                    &row.operator,
                    &row.queue,
                    &row.shown_at,
                    &row.followed.map(i64::from),
                ],
            )
            .ctx("recording a prompt")?;
        Ok(())
    }

    fn prompt_stats(&self, scope: &PromptScope) -> Result<Vec<PromptStat>, StoreError> {
        let (sql, args) = crate::prompts::stats_sql(scope);
        let params: Vec<&(dyn ToSql + Sync)> =
            args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        let mut rows: Vec<PromptStat> = self
            .client()
            .query(&query::numbered(&sql), &params)
            .ctx("reading prompt figures")?
            .iter()
            .map(|r| PromptStat {
                rule: r.get(0),
                trigger: r.get(1),
                prompt: r.get(2),
                shown: r.get::<_, i64>(3) as u64,
                decided: r.get::<_, i64>(4) as u64,
                followed: r.get::<_, i64>(5) as u64,
            })
            .collect();
        crate::prompts::sort(&mut rows);
        Ok(rows)
    }

    fn prompts_of_call(&self, call: &str) -> Result<Vec<PromptRow>, StoreError> {
        Ok(self
            .client()
            .query(&query::numbered(crate::prompts::OF_CALL), &[&call])
            .ctx("reading a call's prompts")?
            .iter()
            .map(|r| PromptRow {
                call: r.get(0),
                prompt: r.get(1),
                rule: r.get(2),
                trigger: r.get(3),
                operator: r.get(4),
                queue: r.get(5),
                shown_at: r.get(6),
                followed: r.get::<_, Option<i64>>(7).map(|f| f != 0),
            })
            .collect())
    }
    // disputes, marks, audit log, calibration
    fn put_dispute(&self, dispute: &Dispute) -> Result<i64, StoreError> {
        crate::disputes::pg::put_dispute(&mut self.client(), dispute)
    }

    fn update_dispute(&self, dispute: &Dispute, was: &str) -> Result<bool, StoreError> {
        crate::disputes::pg::update_dispute(&mut self.client(), dispute, was)
    }

    fn get_dispute(&self, id: i64) -> Result<Option<Dispute>, StoreError> {
        crate::disputes::pg::get_dispute(&mut self.client(), id)
    }

    fn list_disputes(&self, query: &DisputeQuery) -> Result<Vec<Dispute>, StoreError> {
        crate::disputes::pg::list_disputes(&mut self.client(), query)
    }

    fn put_mark(&self, mark: &ManualMark) -> Result<(), StoreError> {
        crate::disputes::pg::put_mark(&mut self.client(), mark)
    }

    fn marks_of_call(&self, call: &str) -> Result<Vec<ManualMark>, StoreError> {
        crate::disputes::pg::marks_of(&mut self.client(), call)
    }

    fn append_audit_log(&self, entry: &AuditEntry) -> Result<i64, StoreError> {
        crate::disputes::pg::log(&mut self.client(), entry)
    }

    fn audit_log(
        &self,
        call: Option<&str>,
        before: i64,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        crate::disputes::pg::read_log(&mut self.client(), call, before, limit)
    }

    fn create_calibration(&self, calibration: &Calibration) -> Result<i64, StoreError> {
        crate::disputes::pg::create_calibration(&mut self.client(), calibration)
    }

    fn get_calibration(&self, id: i64) -> Result<Option<Calibration>, StoreError> {
        crate::disputes::pg::get_calibration(&mut self.client(), id)
    }

    fn put_grade(&self, grade: &Grade) -> Result<(), StoreError> {
        crate::disputes::pg::put_grade(&mut self.client(), grade)
    }

    fn grades_of(&self, calibration: i64) -> Result<Vec<Grade>, StoreError> {
        crate::disputes::pg::grades_of(&mut self.client(), calibration)
    }

    // dashboard reads
    fn rule_counts(&self, filter: &Filter, by: CountBy) -> Result<Vec<RuleCount>, StoreError> {
        let sql = crate::dashboard::rule_counts(filter, by, Dialect::Postgres);
        let rows = self
            .client()
            .query(&sql.text, &refs(&sql.params))
            .ctx("counting verdicts")?;
        Ok(rows
            .iter()
            .map(|r| RuleCount {
                key: r.get(0),
                rule: r.get(1),
                outcome: r.get(2),
                count: r.get(3),
            })
            .collect())
    }

    fn queues(&self, filter: &Filter) -> Result<Vec<String>, StoreError> {
        let sql = crate::dashboard::queues(filter, Dialect::Postgres);
        let rows = self
            .client()
            .query(&sql.text, &refs(&sql.params))
            .ctx("listing queues")?;
        Ok(rows.iter().map(|r| r.get(0)).collect())
    }

    fn operators(&self, filter: &Filter) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let sql = crate::dashboard::operators(filter, Dialect::Postgres);
        let rows = self
            .client()
            .query(&sql.text, &refs(&sql.params))
            .ctx("listing operators")?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), crate::dashboard::name(r.get(1))))
            .collect())
    }

    fn list_calibrations(&self, limit: usize) -> Result<Vec<Calibration>, StoreError> {
        let rows = self
            .client()
            .query(
                &query::numbered(crate::dashboard::LIST_CALIBRATIONS),
                &[&(limit as i64)],
            )
            .ctx("listing calibrations")?;
        Ok(rows
            .iter()
            .map(|r| Calibration {
                id: r.get(0),
                calls: crate::dashboard::names(r.get(1)),
                graders: crate::dashboard::names(r.get(2)),
                created_by: r.get(3),
                created_at: r.get(4),
            })
            .collect())
    }
}

fn pg_user(r: &Row) -> Result<User, StoreError> {
    user_from_row((r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
}
