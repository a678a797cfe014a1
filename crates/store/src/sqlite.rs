//! The embedded backend: one SQLite file in WAL mode with a writer
//! connection and a few reader connections, `busy_timeout` so a second
//! process waits instead of failing, schema migrations by `user_version`,
//! and a contentless FTS5 index over the stemmed-token text. Writes are in
//! `sqlite_write`, the packed JSON columns in `packed`.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::types::{ToSqlOutput, Value};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, ToSql};

use crate::disputes::{AuditEntry, Calibration, Dispute, DisputeQuery, Grade, ManualMark};
use crate::error::{Context, StoreError};
use crate::packed::{unpack_opt, Packed};
use crate::prompts::{PromptRow, PromptScope, PromptStat};
use crate::query::{self, Dialect, Val};
use crate::types::*;
use crate::users::{self, user_from_row, User, UserRow, PENDING_COUNT, USER_COLUMNS};
use crate::{history, retention, rollup};
use crate::{CountBy, RuleCount, Store, StoredCall, TrainingRecord};

/// Migrations, applied in order; `PRAGMA user_version` is the number done.
const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE calls (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    started INTEGER NOT NULL,
    started_at TEXT,
    day TEXT NOT NULL,
    week TEXT NOT NULL,
    direction TEXT NOT NULL,
    language TEXT,
    operator TEXT NOT NULL,
    operator_name TEXT,
    queue TEXT,
    duration REAL NOT NULL,
    score REAL NOT NULL,
    passed INTEGER NOT NULL,
    failed_rules TEXT NOT NULL,
    revision INTEGER NOT NULL,
    record TEXT NOT NULL,
    audit TEXT NOT NULL
);
CREATE INDEX calls_started ON calls (started DESC, seq DESC);
CREATE INDEX calls_operator ON calls (operator, started DESC, seq DESC);
CREATE INDEX calls_queue ON calls (queue, started DESC, seq DESC);
CREATE INDEX calls_day ON calls (day);
CREATE TABLE verdicts (
    seq INTEGER NOT NULL,
    rule TEXT NOT NULL,
    outcome TEXT NOT NULL,
    PRIMARY KEY (seq, rule)
) WITHOUT ROWID;
CREATE INDEX verdicts_rule ON verdicts (rule, outcome, seq);
CREATE TABLE facts (
    call_id TEXT PRIMARY KEY,
    client TEXT NOT NULL,
    started INTEGER NOT NULL,
    direction TEXT NOT NULL,
    answered INTEGER NOT NULL,
    dropped INTEGER NOT NULL,
    missed INTEGER NOT NULL,
    operator TEXT NOT NULL
);
CREATE INDEX facts_client ON facts (client, started);
CREATE TABLE audits (
    call_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    audit TEXT NOT NULL,
    PRIMARY KEY (call_id, revision)
);
CREATE TABLE standards (
    revision INTEGER PRIMARY KEY,
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
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    done INTEGER NOT NULL,
    total INTEGER NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE calls_fts USING fts5(terms, tokenize = 'unicode61 remove_diacritics 0');
"#,
    rollup::MIGRATION,
    QUERY_INDEXES,
    history::MIGRATION,
    query::RULE_INDEX,
    crate::training::SQLITE_MIGRATION,
    query::SCORED,
    users::SQLITE_MIGRATION,
    crate::prompts::SQLITE_MIGRATION,
    crate::disputes::SQLITE_MIGRATION,
    COMPACT,
    // the dashboard's list index (dashboard.rs)
    crate::dashboard::MIGRATION,
];

/// Migration 11: a call's audit is kept once (in `audits`, by revision;
/// `calls.audit` is left empty), its search terms once (a contentless
/// FTS5 index without positions: search matches terms, never phrases),
/// and `verdicts_rule` goes (`verdicts_rule_started` serves every query
/// by rule and outcome). Records and audits written from here on are
/// compressed (`packed`); those written before are read as they are.
const COMPACT: &str = r#"
INSERT OR IGNORE INTO audits (call_id, revision, audit) SELECT id, revision, audit FROM calls;
UPDATE calls SET audit = '' WHERE audit <> '';
DROP INDEX verdicts_rule;
CREATE TEMP TABLE fts_terms AS SELECT rowid AS seq, terms FROM calls_fts;
DROP TABLE calls_fts;
CREATE VIRTUAL TABLE calls_fts USING fts5(terms, content = '', contentless_delete = 1,
    detail = none, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO calls_fts (rowid, terms) SELECT seq, terms FROM fts_terms;
DROP TABLE fts_terms;
"#;

/// Migration 3: indexes for the list filters of queue and passed.
const QUERY_INDEXES: &str = r#"
CREATE INDEX calls_queue_passed ON calls (queue, passed, started DESC, seq DESC);
CREATE INDEX calls_passed ON calls (passed, started DESC, seq DESC);
"#;

const READERS: usize = 4;

/// How many of the newest calls a full-text list asks the index about
/// one by one before it reads every match off the index instead.
const PROBE_WINDOW: usize = 3000;

/// The SQLite store. `Send + Sync`: writes go through one connection,
/// reads through a small pool (WAL lets them run beside a write).
pub struct SqliteStore {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

impl ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Val::Text(s) => ToSqlOutput::Owned(Value::Text(s.clone())),
            Val::Int(i) => ToSqlOutput::Owned(Value::Integer(*i)),
            Val::Real(f) => ToSqlOutput::Owned(Value::Real(*f)),
        })
    }
}

fn connect(path: &Path) -> Result<Connection, StoreError> {
    let what = format!("opening {}", path.display());
    let conn = Connection::open(path).ctx(&what)?;
    conn.busy_timeout(Duration::from_secs(10)).ctx(&what)?;
    // 16 KiB pages for a new file (an existing one keeps its own): a
    // call's packed record and audits, 2-3 KB each, fill them with little
    // left over, where 4 KiB pages hold one each and waste the rest.
    conn.pragma_update(None, "page_size", 16384).ctx(&what)?;
    conn.pragma_update(None, "journal_mode", "WAL").ctx(&what)?;
    // The WAL file is cut back to 64 MiB after a checkpoint (readers at
    // work during a long ingest otherwise let it grow to hundreds of MB).
    conn.pragma_update(None, "journal_size_limit", 64 << 20)
        .ctx(&what)?;
    // 32 MiB of page cache per connection (SQLite's default is 2 MiB).
    conn.pragma_update(None, "cache_size", -32768).ctx(&what)?;
    // FULL: a commit is on disk before the caller is answered.
    conn.pragma_update(None, "synchronous", "FULL").ctx(&what)?;
    conn.pragma_update(None, "foreign_keys", "ON").ctx(&what)?;
    Ok(conn)
}

impl SqliteStore {
    /// Opens (creating when missing) `DIR/callqa.sqlite3`.
    pub fn open_dir(dir: &Path) -> Result<SqliteStore, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            what: format!("creating the data directory {}", dir.display()),
            source,
        })?;
        SqliteStore::open_file(&dir.join("callqa.sqlite3"))
    }

    /// Opens (creating when missing) one database file and migrates it.
    pub fn open_file(path: &Path) -> Result<SqliteStore, StoreError> {
        let mut writer = connect(path)?;
        migrate(&mut writer)?;
        fill_facts(&mut writer)?;
        let readers = (0..READERS)
            .map(|_| connect(path).map(Mutex::new))
            .collect::<Result<_, _>>()?;
        Ok(SqliteStore {
            writer: Mutex::new(writer),
            readers,
            next: AtomicUsize::new(0),
        })
    }

    /// Copies the whole database into a new file `out` with SQLite's
    /// online backup API: a consistent snapshot while the server runs.
    pub fn backup_to(&self, out: &Path) -> Result<(), StoreError> {
        let what = format!("backing up into {}", out.display());
        if out.exists() {
            return Err(StoreError::Data(format!(
                "{} exists: a backup goes into a new file",
                out.display()
            )));
        }
        let mut dst = Connection::open(out).ctx(&what)?;
        let src = self.reader();
        let backup = rusqlite::backup::Backup::new(&src, &mut dst).ctx(&what)?;
        // All pages in one step: one read transaction, one snapshot (a
        // write by the server between steps would restart the copy).
        loop {
            match backup.step(-1).ctx(&what)? {
                rusqlite::backup::StepResult::Done => return Ok(()),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    /// [`Store::list_calls`] with a search looking at the newest `window`
    /// calls first.
    fn list_in_window(&self, q: &ListQuery, window: usize) -> Result<Page, StoreError> {
        let conn = self.reader();
        let run = |sql: &query::Sql| -> Result<Vec<(i64, i64, CallRow)>, StoreError> {
            let mut stmt = conn.prepare_cached(&sql.text).ctx("listing calls")?;
            let rows = stmt
                .query_map(params_from_iter(&sql.params), |r| call_row(r, q.with_audit))
                .and_then(|it| it.collect())
                .ctx("listing calls");
            rows
        };
        // A search looks at the newest calls first; a rare word, whose
        // page those do not fill, is read off the index.
        if let Some(sql) = query::list_probed(q, window) {
            let mut rows = run(&sql)?;
            if rows.len() > q.limit {
                return Ok(page(&mut rows, q.limit));
            }
        }
        let mut rows = run(&query::list(q, Dialect::Sqlite))?;
        Ok(page(&mut rows, q.limit))
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        self.writer.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn reader(&self) -> MutexGuard<'_, Connection> {
        for r in &self.readers {
            if let Ok(guard) = r.try_lock() {
                return guard;
            }
        }
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        self.readers[i].lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let done: usize = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .ctx("reading the schema version")?;
    if done > MIGRATIONS.len() {
        return Err(StoreError::Data(format!(
            "the database has schema version {done}, newer than this callqa ({}) knows",
            MIGRATIONS.len()
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction().ctx("starting a migration")?;
        tx.execute_batch(sql)
            .ctx(&format!("applying migration {}", i + 1))?;
        tx.pragma_update(None, "user_version", i + 1)
            .ctx("recording the schema version")?;
        tx.commit().ctx("committing a migration")?;
    }
    Ok(())
}

/// Fills the cross-call seconds of facts stored before migration 4.
fn fill_facts(conn: &mut Connection) -> Result<(), StoreError> {
    let rows: Vec<(String, String)> = conn
        .prepare(history::UNFILLED)
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get::<_, Packed>(1)?.0)))?
                .collect()
        })
        .ctx("reading facts to fill")?;
    if rows.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction().ctx("starting a write")?;
    for (id, record) in rows {
        let f = history::refill(&id, &record)?;
        tx.execute(
            history::FILL,
            params![f.start, f.has_events as i64, f.dropped_at, f.ended_at, id],
        )
        .ctx(&format!("filling the facts of {id:?}"))?;
    }
    tx.commit().ctx("committing facts")
}

fn record_rows(
    conn: &Connection,
    sql: &str,
    p: &[&dyn ToSql],
) -> Result<Vec<RecordRow>, StoreError> {
    let mut stmt = conn.prepare_cached(sql).ctx("reading pending calls")?;
    let rows = stmt
        .query_map(p, |r| {
            Ok(RecordRow {
                seq: r.get(0)?,
                id: r.get(1)?,
                record: r.get::<_, Packed>(2)?.0,
            })
        })
        .and_then(|it| it.collect())
        .ctx("reading pending calls")?;
    Ok(rows)
}

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn call_row(r: &Row<'_>, with_audit: bool) -> rusqlite::Result<(i64, i64, CallRow)> {
    let failed: String = r.get(12)?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        CallRow {
            id: r.get(2)?,
            started_at: r.get(3)?,
            direction: r.get(4)?,
            language: r.get(5)?,
            operator: r.get(6)?,
            operator_name: r.get(7)?,
            queue: r.get(8)?,
            duration: r.get(9)?,
            score: r.get(10)?,
            passed: r.get::<_, i64>(11)? != 0,
            failed_rules: serde_json::from_str(&failed).unwrap_or_default(),
            audit: if with_audit {
                unpack_opt(r.get(13)?)
            } else {
                None
            },
        },
    ))
}

/// Adds (1) or takes out (-1) the stored call `seq` from the rollup.
fn rollup_share(tx: &rusqlite::Transaction<'_>, seq: i64, sign: i64) -> rusqlite::Result<()> {
    let [calls, verdicts, rules] = rollup::share(Dialect::Sqlite);
    tx.prepare_cached(&calls)?
        .execute(params![sign, sign, sign as f64, sign, seq])?;
    tx.prepare_cached(&verdicts)?.execute(params![sign, seq])?;
    tx.prepare_cached(&rules)?.execute(params![sign, seq])?;
    Ok(())
}

fn job_row(r: &Row<'_>) -> rusqlite::Result<Job> {
    Ok(Job {
        id: r.get(0)?,
        kind: r.get(1)?,
        state: r.get(2)?,
        done: r.get::<_, i64>(3)? as u64,
        total: r.get::<_, i64>(4)? as u64,
        error: r.get(5)?,
    })
}

fn token_row(r: &Row<'_>) -> rusqlite::Result<(String, String, Option<String>, String, String)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

pub(crate) fn token_info(
    (name, role, operator, queues, created_at): (String, String, Option<String>, String, String),
) -> Result<TokenInfo, StoreError> {
    Ok(TokenInfo {
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Data(format!("token {name:?} has unknown role {role:?}")))?,
        name,
        operator,
        queues: queues
            .split(',')
            .filter(|q| !q.is_empty())
            .map(str::to_string)
            .collect(),
        created_at,
    })
}

impl Store for SqliteStore {
    fn put_calls(&self, calls: &[StoredCall], keep_history: bool) -> Result<(), StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction().ctx("starting a write")?;
        let mut deltas = crate::sqlite_write::Deltas::default();
        for c in calls {
            crate::sqlite_write::put_one(&tx, c, keep_history, &mut deltas)
                .ctx(&format!("storing call {:?}", c.id))?;
        }
        deltas.apply(&tx).ctx("updating the stats rollup")?;
        tx.commit().ctx("committing calls")
    }

    fn get_call(&self, id: &str) -> Result<Option<CallDetail>, StoreError> {
        self.reader()
            .prepare_cached(
                "SELECT c.record, a.audit, c.revision FROM calls c JOIN audits a \
                 ON a.call_id = c.id AND a.revision = c.revision WHERE c.id = ?",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok(CallDetail {
                        record: r.get::<_, Packed>(0)?.0,
                        audit: r.get::<_, Packed>(1)?.0,
                        revision: r.get(2)?,
                    })
                })
                .optional()
            })
            .ctx(&format!("reading call {id:?}"))
    }

    fn list_calls(&self, q: &ListQuery) -> Result<Page, StoreError> {
        self.list_in_window(q, PROBE_WINDOW)
    }

    fn count_calls(&self, filter: &Filter) -> Result<u64, StoreError> {
        let sql = query::count(filter, Dialect::Sqlite);
        let n: i64 = self
            .reader()
            .query_row(&sql.text, params_from_iter(&sql.params), |r| r.get(0))
            .ctx("counting calls")?;
        Ok(n as u64)
    }

    fn records_after(
        &self,
        filter: &Filter,
        after: i64,
        limit: usize,
    ) -> Result<Vec<RecordRow>, StoreError> {
        let sql = query::records_after(filter, after, limit, Dialect::Sqlite);
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&sql.text).ctx("reading records")?;
        let rows = stmt
            .query_map(params_from_iter(&sql.params), |r| {
                Ok(RecordRow {
                    seq: r.get(0)?,
                    id: r.get(1)?,
                    record: r.get::<_, Packed>(2)?.0,
                })
            })
            .and_then(|it| it.collect())
            .ctx("reading records")?;
        Ok(rows)
    }

    fn stats(
        &self,
        filter: &Filter,
        bucket: Bucket,
        by: GroupBy,
    ) -> Result<Vec<StatRow>, StoreError> {
        let sql = query::stats(filter, bucket, by, Dialect::Sqlite);
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&sql.text).ctx("computing stats")?;
        let mut rows: Vec<StatRow> = stmt
            .query_map(params_from_iter(&sql.params), |r| {
                let key: String = r.get(1)?;
                let sub: String = r.get(2)?;
                Ok(StatRow {
                    bucket: r.get(0)?,
                    key: Some(key).filter(|_| by != GroupBy::Calls),
                    sub: Some(sub).filter(|_| by != GroupBy::Calls),
                    count: r.get(3)?,
                    passed: r.get(4)?,
                    score_sum: r.get(5)?,
                    scored: r.get(6)?,
                })
            })
            .and_then(|it| it.collect())
            .ctx("computing stats")?;
        sort_stats(&mut rows);
        Ok(rows)
    }

    fn facts_for_client(&self, client: &str, from: i64, to: i64) -> Result<Vec<Facts>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare_cached(
                "SELECT call_id, client, started, direction, answered, dropped, missed, operator, \
                 start, has_events, dropped_at, ended_at FROM facts WHERE client = ? AND started >= ? AND started <= ? \
                 ORDER BY started, call_id",
            )
            .ctx("reading facts")?;
        let rows = stmt
            .query_map(params![client, from, to], |r| {
                Ok(Facts {
                    call: r.get(0)?,
                    client: r.get(1)?,
                    started: r.get(2)?,
                    direction: r.get(3)?,
                    answered: r.get::<_, i64>(4)? != 0,
                    dropped: r.get::<_, i64>(5)? != 0,
                    missed: r.get::<_, i64>(6)? != 0,
                    operator: r.get(7)?,
                    start: r.get(8)?,
                    has_events: r.get::<_, i64>(9)? != 0,
                    dropped_at: r.get(10)?,
                    ended_at: r.get(11)?,
                })
            })
            .and_then(|it| it.collect())
            .ctx("reading facts")?;
        Ok(rows)
    }

    fn pending_of_client(&self, client: &str) -> Result<Vec<RecordRow>, StoreError> {
        record_rows(&self.reader(), history::PENDING_OF_CLIENT, &[&client])
    }

    fn pending_due(&self, before: f64, limit: usize) -> Result<Vec<RecordRow>, StoreError> {
        record_rows(
            &self.reader(),
            history::PENDING_DUE,
            &[&before, &(limit as i64)],
        )
    }

    fn audit_pairs(
        &self,
        from: i64,
        to: i64,
        after: &str,
        limit: usize,
    ) -> Result<Vec<AuditPair>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare_cached(
                "SELECT a.call_id, a.audit, b.audit FROM audits a \
                 JOIN audits b ON b.call_id = a.call_id AND b.revision = ? \
                 WHERE a.revision = ? AND a.call_id > ? ORDER BY a.call_id LIMIT ?",
            )
            .ctx("reading audits")?;
        let rows = stmt
            .query_map(params![to, from, after, limit as i64], |r| {
                Ok(AuditPair {
                    call: r.get(0)?,
                    from: r.get::<_, Packed>(1)?.0,
                    to: r.get::<_, Packed>(2)?.0,
                })
            })
            .and_then(|it| it.collect())
            .ctx("reading audits")?;
        Ok(rows)
    }

    fn put_standard(&self, toml: &str) -> Result<i64, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction().ctx("starting a write")?;
        let next: i64 = tx
            .query_row(
                "SELECT COALESCE(MAX(revision), 0) + 1 FROM standards",
                [],
                |r| r.get(0),
            )
            .ctx("numbering a standard")?;
        tx.execute(
            "INSERT INTO standards (revision, toml, created_at) VALUES (?, ?, ?)",
            params![next, toml, now()],
        )
        .ctx("storing a standard")?;
        tx.commit().ctx("committing a standard")?;
        Ok(next)
    }

    fn get_standard(&self, revision: Option<i64>) -> Result<Option<StandardRevision>, StoreError> {
        let conn = self.reader();
        let map = |r: &Row<'_>| {
            Ok(StandardRevision {
                revision: r.get(0)?,
                toml: r.get(1)?,
                created_at: r.get(2)?,
            })
        };
        match revision {
            Some(n) => conn.query_row(
                "SELECT revision, toml, created_at FROM standards WHERE revision = ?",
                [n],
                map,
            ),
            None => conn.query_row(
                "SELECT revision, toml, created_at FROM standards ORDER BY revision DESC LIMIT 1",
                [],
                map,
            ),
        }
        .optional()
        .ctx("reading a standard")
    }

    fn create_token(&self, info: &TokenInfo, hash: &str) -> Result<(), StoreError> {
        let conn = self.writer();
        let taken: bool = conn
            .query_row(
                "SELECT COUNT(*) > 0 FROM tokens WHERE name = ?",
                [&info.name],
                |r| r.get(0),
            )
            .ctx("checking a token name")?;
        if taken {
            return Err(StoreError::Data(format!(
                "a token named {:?} already exists",
                info.name
            )));
        }
        conn.execute(
            "INSERT INTO tokens (name, hash, role, operator, queues, created_at) \
             VALUES (?, ?, ?, ?, ?, ?)",
            params![
                info.name,
                hash,
                info.role.as_str(),
                info.operator,
                info.queues.join(","),
                info.created_at
            ],
        )
        .ctx("storing a token")?;
        Ok(())
    }

    fn token_by_hash(&self, hash: &str) -> Result<Option<TokenInfo>, StoreError> {
        let row = self
            .reader()
            .prepare_cached(
                "SELECT name, role, operator, queues, created_at FROM tokens WHERE hash = ?",
            )
            .and_then(|mut s| s.query_row([hash], token_row).optional())
            .ctx("reading a token")?;
        row.map(token_info).transpose()
    }

    fn list_tokens(&self) -> Result<Vec<TokenInfo>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare("SELECT name, role, operator, queues, created_at FROM tokens ORDER BY name")
            .ctx("listing tokens")?;
        let rows: Vec<_> = stmt
            .query_map([], token_row)
            .and_then(|it| it.collect())
            .ctx("listing tokens")?;
        rows.into_iter().map(token_info).collect()
    }

    fn revoke_token(&self, name: &str) -> Result<bool, StoreError> {
        let n = self
            .writer()
            .execute("DELETE FROM tokens WHERE name = ?", [name])
            .ctx("revoking a token")?;
        Ok(n > 0)
    }

    fn create_job(&self, kind: &str, total: u64) -> Result<i64, StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO jobs (kind, state, done, total, created_at) VALUES (?, 'running', 0, ?, ?)",
            params![kind, total as i64, now()],
        )
        .ctx("creating a job")?;
        Ok(conn.last_insert_rowid())
    }

    fn update_job(&self, job: &Job) -> Result<(), StoreError> {
        self.writer()
            .execute(
                "UPDATE jobs SET state = ?, done = ?, total = ?, error = ? WHERE id = ?",
                params![
                    job.state,
                    job.done as i64,
                    job.total as i64,
                    job.error,
                    job.id
                ],
            )
            .ctx("updating a job")?;
        Ok(())
    }

    fn get_job(&self, id: i64) -> Result<Option<Job>, StoreError> {
        self.reader()
            .query_row(
                "SELECT id, kind, state, done, total, error FROM jobs WHERE id = ?",
                [id],
                job_row,
            )
            .optional()
            .ctx("reading a job")
    }

    // training results
    fn put_training(&self, t: &TrainingRecord) -> Result<i64, StoreError> {
        let conn = self.writer();
        conn.execute(
            "INSERT INTO training (operator, kind, standard, language, score, passed, taken_at, result) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params![t.operator, t.kind, t.standard, t.language, t.score, t.passed as i64, now(), t.result],
        )
        .ctx("storing a training result")?;
        Ok(conn.last_insert_rowid())
    }

    fn training_of(&self, operator: &str, limit: usize) -> Result<Vec<TrainingRecord>, StoreError> {
        let conn = self.reader();
        let mut st = conn
            .prepare(
                "SELECT id, operator, kind, standard, language, score, passed, taken_at, result \
                 FROM training WHERE operator = ? ORDER BY id DESC LIMIT ?",
            )
            .ctx("reading training results")?;
        let rows = st
            .query_map(params![operator, limit as i64], |r| {
                Ok(TrainingRecord {
                    id: r.get(0)?,
                    operator: r.get(1)?,
                    kind: r.get(2)?,
                    standard: r.get(3)?,
                    language: r.get(4)?,
                    score: r.get(5)?,
                    passed: r.get::<_, i64>(6)? != 0,
                    taken_at: r.get(7)?,
                    result: r.get(8)?,
                })
            })
            .ctx("reading training results")?;
        rows.collect::<Result<_, _>>()
            .ctx("reading training results")
    }

    // retention

    fn delete_calls_before(&self, before: i64) -> Result<u64, StoreError> {
        let sql = retention::statements(Dialect::Sqlite);
        let mut deleted = 0u64;
        loop {
            let mut conn = self.writer();
            let tx = conn.transaction().ctx("starting a delete")?;
            let batch = (|| -> rusqlite::Result<usize> {
                let old: Vec<(i64, String)> = tx
                    .prepare_cached(&sql.oldest)?
                    .query_map(params![before, retention::BATCH], |r| {
                        Ok((r.get(0)?, r.get(1)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (seq, id) in &old {
                    rollup_share(&tx, *seq, -1)?;
                    for q in sql
                        .by_seq
                        .iter()
                        .map(String::as_str)
                        .chain([retention::SQLITE_FTS])
                    {
                        tx.prepare_cached(q)?.execute([seq])?;
                    }
                    for q in &sql.by_id {
                        tx.prepare_cached(q)?.execute([id])?;
                    }
                    tx.prepare_cached(&sql.call)?.execute([seq])?;
                }
                if (old.len() as i64) < retention::BATCH {
                    for q in retention::EMPTY_GROUPS {
                        tx.execute(q, [])?;
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
            .writer()
            .execute(
                "INSERT INTO users (name, role, operator, queues, created_at) \
                 VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                params![
                    user.name,
                    user.role.as_str(),
                    user.operator,
                    user.queues.join(","),
                    user.created_at
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
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.name = ?");
        let row = self
            .reader()
            .query_row(&sql, [name], sqlite_user_row)
            .optional()
            .ctx("reading a user")?;
        row.map(user_from_row).transpose()
    }

    fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let conn = self.reader();
        let sql = format!("SELECT {USER_COLUMNS} FROM users u ORDER BY u.name");
        let mut stmt = conn.prepare(&sql).ctx("listing users")?;
        let rows: Vec<_> = stmt
            .query_map([], sqlite_user_row)
            .and_then(|it| it.collect())
            .ctx("listing users")?;
        rows.into_iter().map(user_from_row).collect()
    }

    fn set_password(&self, name: &str, phc: &str) -> Result<bool, StoreError> {
        let mut conn = self.writer();
        let tx = conn.transaction().ctx("starting a password change")?;
        let n = tx
            .execute("UPDATE users SET password = ? WHERE name = ?", [phc, name])
            .ctx("setting a password")?;
        tx.execute("DELETE FROM sessions WHERE user_name = ?", [name])
            .ctx("ending a user's sessions")?;
        tx.commit().ctx("committing a password change")?;
        Ok(n > 0)
    }

    fn password_of(&self, name: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .reader()
            .query_row("SELECT password FROM users WHERE name = ?", [name], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()
            .ctx("reading a password hash")?
            .flatten())
    }

    fn create_session(
        &self,
        hash: &str,
        user: &str,
        now: i64,
        expires: i64,
    ) -> Result<(), StoreError> {
        let conn = self.writer();
        conn.execute("DELETE FROM sessions WHERE expires <= ?", [now])
            .ctx("dropping expired sessions")?;
        conn.execute(
            "INSERT INTO sessions (hash, user_name, expires) VALUES (?, ?, ?)",
            params![hash, user, expires],
        )
        .ctx("storing a session")?;
        Ok(())
    }

    fn session_user(&self, hash: &str, now: i64) -> Result<Option<User>, StoreError> {
        let sql = format!(
            "SELECT {USER_COLUMNS} FROM sessions s JOIN users u ON u.name = s.user_name \
             WHERE s.hash = ? AND s.expires > ?"
        );
        let row = self
            .reader()
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params![hash, now], sqlite_user_row).optional())
            .ctx("reading a session")?;
        row.map(user_from_row).transpose()
    }

    fn delete_session(&self, hash: &str) -> Result<bool, StoreError> {
        let n = self
            .writer()
            .execute("DELETE FROM sessions WHERE hash = ?", [hash])
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
        let conn = self.writer();
        conn.execute("DELETE FROM login_links WHERE expires <= ?", [now])
            .ctx("dropping expired sign-in links")?;
        conn.execute(
            "INSERT INTO login_links (hash, user_name, expires, once) VALUES (?, ?, ?, ?)",
            params![hash, user, expires, once],
        )
        .ctx("storing a sign-in link")?;
        Ok(())
    }

    fn use_login_link(&self, hash: &str, now: i64) -> Result<Option<User>, StoreError> {
        let name: Option<String> = {
            let mut conn = self.writer();
            let tx = conn.transaction().ctx("starting a sign-in")?;
            let link: Option<(String, i64, bool)> = tx
                .query_row(
                    "SELECT user_name, expires, once FROM login_links WHERE hash = ?",
                    [hash],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .ctx("reading a sign-in link")?;
            let name = match link {
                Some((name, expires, once)) => {
                    if once || expires <= now {
                        tx.execute("DELETE FROM login_links WHERE hash = ?", [hash])
                            .ctx("using a sign-in link")?;
                    }
                    (expires > now).then_some(name)
                }
                None => None,
            };
            tx.commit().ctx("committing a sign-in")?;
            name
        };
        match name {
            Some(n) => self.get_user(&n),
            None => Ok(None),
        }
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.writer()
            .execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) \
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .ctx("storing a setting")?;
        Ok(())
    }

    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.reader()
            .query_row("SELECT value FROM settings WHERE key = ?", [key], |r| {
                r.get(0)
            })
            .optional()
            .ctx("reading a setting")
    }

    fn count_pending(&self) -> Result<u64, StoreError> {
        self.reader()
            .query_row(PENDING_COUNT, [], |r| r.get::<_, i64>(0))
            .map(|n| n as u64)
            .ctx("counting pending calls")
    }

    // live prompts
    fn put_prompt(&self, row: &PromptRow) -> Result<(), StoreError> {
        self.writer()
            .execute(
                crate::prompts::UPSERT,
                params![
                    row.call,
                    row.prompt,
                    row.rule,
                    row.trigger,
                    row.operator,
                    row.queue,
                    row.shown_at,
                    row.followed.map(i64::from)
                ],
            )
            .ctx("recording a prompt")?;
        Ok(())
    }

    fn prompt_stats(&self, scope: &PromptScope) -> Result<Vec<PromptStat>, StoreError> {
        let (sql, args) = crate::prompts::stats_sql(scope);
        let conn = self.reader();
        let mut stmt = conn.prepare(&sql).ctx("reading prompt figures")?;
        let mut rows = stmt
            .query_map(params_from_iter(args.iter()), |r| {
                Ok(PromptStat {
                    rule: r.get(0)?,
                    trigger: r.get(1)?,
                    prompt: r.get(2)?,
                    shown: r.get::<_, i64>(3)? as u64,
                    decided: r.get::<_, i64>(4)? as u64,
                    followed: r.get::<_, i64>(5)? as u64,
                })
            })
            .ctx("reading prompt figures")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading prompt figures")?;
        crate::prompts::sort(&mut rows);
        Ok(rows)
    }

    fn prompts_of_call(&self, call: &str) -> Result<Vec<PromptRow>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare(crate::prompts::OF_CALL)
            .ctx("reading a call's prompts")?;
        let rows = stmt
            .query_map([call], |r| {
                Ok(PromptRow {
                    call: r.get(0)?,
                    prompt: r.get(1)?,
                    rule: r.get(2)?,
                    trigger: r.get(3)?,
                    operator: r.get(4)?,
                    queue: r.get(5)?,
                    shown_at: r.get(6)?,
                    followed: r.get::<_, Option<i64>>(7)?.map(|f| f != 0),
                })
            })
            .ctx("reading a call's prompts")?
            .collect::<Result<Vec<_>, _>>()
            .ctx("reading a call's prompts")?;
        Ok(rows)
    }
    // disputes, marks, audit log, calibration
    fn put_dispute(&self, dispute: &Dispute) -> Result<i64, StoreError> {
        crate::disputes::sqlite::put_dispute(&self.writer(), dispute)
    }

    fn update_dispute(&self, dispute: &Dispute, was: &str) -> Result<bool, StoreError> {
        crate::disputes::sqlite::update_dispute(&self.writer(), dispute, was)
    }

    fn get_dispute(&self, id: i64) -> Result<Option<Dispute>, StoreError> {
        crate::disputes::sqlite::get_dispute(&self.reader(), id)
    }

    fn list_disputes(&self, query: &DisputeQuery) -> Result<Vec<Dispute>, StoreError> {
        crate::disputes::sqlite::list_disputes(&self.reader(), query)
    }

    fn put_mark(&self, mark: &ManualMark) -> Result<(), StoreError> {
        crate::disputes::sqlite::put_mark(&self.writer(), mark)
    }

    fn marks_of_call(&self, call: &str) -> Result<Vec<ManualMark>, StoreError> {
        crate::disputes::sqlite::marks_of(&self.reader(), call)
    }

    fn append_audit_log(&self, entry: &AuditEntry) -> Result<i64, StoreError> {
        crate::disputes::sqlite::log(&self.writer(), entry)
    }

    fn audit_log(
        &self,
        call: Option<&str>,
        before: i64,
        limit: usize,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        crate::disputes::sqlite::read_log(&self.reader(), call, before, limit)
    }

    fn create_calibration(&self, calibration: &Calibration) -> Result<i64, StoreError> {
        crate::disputes::sqlite::create_calibration(&self.writer(), calibration)
    }

    fn get_calibration(&self, id: i64) -> Result<Option<Calibration>, StoreError> {
        crate::disputes::sqlite::get_calibration(&self.reader(), id)
    }

    fn put_grade(&self, grade: &Grade) -> Result<(), StoreError> {
        crate::disputes::sqlite::put_grade(&self.writer(), grade)
    }

    fn grades_of(&self, calibration: i64) -> Result<Vec<Grade>, StoreError> {
        crate::disputes::sqlite::grades_of(&self.reader(), calibration)
    }

    // dashboard reads
    fn rule_counts(&self, filter: &Filter, by: CountBy) -> Result<Vec<RuleCount>, StoreError> {
        let sql = crate::dashboard::rule_counts(filter, by, Dialect::Sqlite);
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&sql.text).ctx("counting verdicts")?;
        let rows = stmt
            .query_map(params_from_iter(&sql.params), |r| {
                Ok(RuleCount {
                    key: r.get(0)?,
                    rule: r.get(1)?,
                    outcome: r.get(2)?,
                    count: r.get(3)?,
                })
            })
            .and_then(|it| it.collect())
            .ctx("counting verdicts")?;
        Ok(rows)
    }

    fn queues(&self, filter: &Filter) -> Result<Vec<String>, StoreError> {
        let sql = crate::dashboard::queues(filter, Dialect::Sqlite);
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&sql.text).ctx("listing queues")?;
        let rows = stmt
            .query_map(params_from_iter(&sql.params), |r| r.get(0))
            .and_then(|it| it.collect())
            .ctx("listing queues")?;
        Ok(rows)
    }

    fn operators(&self, filter: &Filter) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let sql = crate::dashboard::operators(filter, Dialect::Sqlite);
        let conn = self.reader();
        let mut stmt = conn.prepare_cached(&sql.text).ctx("listing operators")?;
        let rows = stmt
            .query_map(params_from_iter(&sql.params), |r| {
                Ok((r.get(0)?, crate::dashboard::name(r.get(1)?)))
            })
            .and_then(|it| it.collect())
            .ctx("listing operators")?;
        Ok(rows)
    }

    fn list_calibrations(&self, limit: usize) -> Result<Vec<Calibration>, StoreError> {
        let conn = self.reader();
        let mut stmt = conn
            .prepare_cached(crate::dashboard::LIST_CALIBRATIONS)
            .ctx("listing calibrations")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(Calibration {
                    id: r.get(0)?,
                    calls: crate::dashboard::names(&r.get::<_, String>(1)?),
                    graders: crate::dashboard::names(&r.get::<_, String>(2)?),
                    created_by: r.get(3)?,
                    created_at: r.get(4)?,
                })
            })
            .and_then(|it| it.collect())
            .ctx("listing calibrations")?;
        Ok(rows)
    }
}

fn sqlite_user_row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

/// Cuts the `limit + 1` rows of a list query to a page and its cursor.
pub(crate) fn page(rows: &mut Vec<(i64, i64, CallRow)>, limit: usize) -> Page {
    let next = if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|(seq, started, _)| Cursor {
            started: *started,
            seq: *seq,
        })
    } else {
        None
    };
    Page {
        calls: rows.drain(..).map(|(_, _, row)| row).collect(),
        next,
    }
}

/// Bucket, then key, then sub, by bytes: the same order on both backends
/// whatever their collation.
pub(crate) fn sort_stats(rows: &mut [StatRow]) {
    rows.sort_by(|a, b| {
        (a.bucket.as_bytes(), a.key.as_deref(), a.sub.as_deref()).cmp(&(
            b.bucket.as_bytes(),
            b.key.as_deref(),
            b.sub.as_deref(),
        ))
    });
}

#[cfg(test)]
#[path = "sqlite_compact_tests.rs"]
mod compact_tests;
