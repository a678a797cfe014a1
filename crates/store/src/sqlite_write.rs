//! How the SQLite store writes a batch of calls in its transaction. A new
//! call is inserted; a stored one (a re-score, a re-decision, a record
//! sent again) is changed only where it changed: verdict rows whose
//! outcome stayed are left alone, and the search terms and cross-call
//! facts are rewritten only when the record differs (both derive from the
//! record alone). The rollup is kept by batch: each call's old share is
//! taken out and its new share added in memory, and only the groups whose
//! figures moved are written, once per batch — a re-score that changes
//! one rule touches that rule's groups and the call rows, not all 42.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};

use crate::packed::pack;
use crate::StoredCall;

/// Day, week, queue, operator: where a call counts in the rollup.
type Place = (String, String, String, String);

/// Figures of call rows: calls, passed, score sum, scored.
#[derive(Default)]
struct Sums {
    n: i64,
    passed: i64,
    score: f64,
    scored: i64,
}

/// A batch's changes to the rollup, by group.
#[derive(Default)]
pub(crate) struct Deltas {
    /// Call rows by place and operator name.
    calls: HashMap<(Place, String), Sums>,
    /// Verdict counts by place, rule and outcome (`rollup`).
    verdicts: HashMap<(Place, String, String), i64>,
    /// Verdict counts by day, week, queue, rule and outcome (`rollup_rules`).
    rules: HashMap<(String, String, String, String, String), i64>,
}

/// One call's share of the rollup.
struct Share<'a> {
    place: Place,
    name: String,
    passed: bool,
    score: f64,
    scored: bool,
    verdicts: Vec<(&'a str, &'a str)>,
}

impl Deltas {
    fn add(&mut self, s: &Share<'_>, sign: i64) {
        let sums = self
            .calls
            .entry((s.place.clone(), s.name.clone()))
            .or_default();
        sums.n += sign;
        sums.passed += sign * s.passed as i64;
        sums.score += sign as f64 * s.score;
        sums.scored += sign * s.scored as i64;
        let (day, week, queue, _) = &s.place;
        for (rule, outcome) in &s.verdicts {
            *self
                .verdicts
                .entry((s.place.clone(), rule.to_string(), outcome.to_string()))
                .or_default() += sign;
            *self
                .rules
                .entry((
                    day.clone(),
                    week.clone(),
                    queue.clone(),
                    rule.to_string(),
                    outcome.to_string(),
                ))
                .or_default() += sign;
        }
    }

    /// Writes the groups whose figures moved.
    pub(crate) fn apply(self, tx: &Transaction<'_>) -> rusqlite::Result<()> {
        let mut calls = tx.prepare_cached(
            "INSERT INTO rollup (day, week, queue, operator, operator_name, rule, outcome, n, \
             passed, score_sum, scored) VALUES (?, ?, ?, ?, ?, '', '', ?, ?, ?, ?) \
             ON CONFLICT (day, queue, operator, operator_name, rule, outcome) DO UPDATE SET \
             n = rollup.n + excluded.n, passed = rollup.passed + excluded.passed, \
             score_sum = rollup.score_sum + excluded.score_sum, scored = rollup.scored + excluded.scored",
        )?;
        for (((day, week, queue, operator), name), s) in self.calls {
            if s.n == 0 && s.passed == 0 && s.scored == 0 && s.score.abs() < 1e-9 {
                continue;
            }
            calls.execute(params![
                day, week, queue, operator, name, s.n, s.passed, s.score, s.scored
            ])?;
        }
        let mut verdicts = tx.prepare_cached(
            "INSERT INTO rollup (day, week, queue, operator, operator_name, rule, outcome, n, \
             passed, score_sum, scored) VALUES (?, ?, ?, ?, '', ?, ?, ?, 0, 0, 0) \
             ON CONFLICT (day, queue, operator, operator_name, rule, outcome) DO UPDATE SET \
             n = rollup.n + excluded.n",
        )?;
        for (((day, week, queue, operator), rule, outcome), n) in self.verdicts {
            if n != 0 {
                verdicts.execute(params![day, week, queue, operator, rule, outcome, n])?;
            }
        }
        let mut rules = tx.prepare_cached(
            "INSERT INTO rollup_rules (day, week, queue, rule, outcome, n) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (day, queue, rule, outcome) DO UPDATE SET n = rollup_rules.n + excluded.n",
        )?;
        for ((day, week, queue, rule, outcome), n) in self.rules {
            if n != 0 {
                rules.execute(params![day, week, queue, rule, outcome, n])?;
            }
        }
        Ok(())
    }
}

fn share_of(c: &StoredCall) -> Share<'_> {
    Share {
        place: (
            c.day.clone(),
            c.week.clone(),
            c.queue.clone().unwrap_or_default(),
            c.operator.clone(),
        ),
        name: c.operator_name.clone().unwrap_or_default(),
        passed: c.passed,
        score: c.score.unwrap_or(0.0),
        scored: c.score.is_some(),
        verdicts: c
            .verdicts
            .iter()
            .map(|(r, o)| (r.as_str(), o.as_str()))
            .collect(),
    }
}

/// What is stored of a call before it is replaced.
struct Old {
    seq: i64,
    place: Place,
    name: String,
    passed: bool,
    score: f64,
    scored: bool,
    record: Value,
}

fn old_call(tx: &Transaction<'_>, id: &str) -> rusqlite::Result<Option<Old>> {
    tx.prepare_cached(
        "SELECT seq, day, week, COALESCE(queue, ''), operator, COALESCE(operator_name, ''), \
         passed, score, scored, record FROM calls WHERE id = ?",
    )?
    .query_row([id], |r| {
        Ok(Old {
            seq: r.get(0)?,
            place: (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?),
            name: r.get(5)?,
            passed: r.get::<_, i64>(6)? != 0,
            score: r.get(7)?,
            scored: r.get::<_, i64>(8)? != 0,
            record: r.get(9)?,
        })
    })
    .optional()
}

/// Stores one call (see the module docs); its rollup change goes into
/// `deltas`.
pub(crate) fn put_one(
    tx: &Transaction<'_>,
    c: &StoredCall,
    keep: bool,
    deltas: &mut Deltas,
) -> rusqlite::Result<()> {
    let failed = serde_json::to_string(&c.failed_rules).unwrap_or_else(|_| "[]".into());
    let record = pack(&c.record)?;
    let audit = pack(&c.audit)?;
    // The current audit lives in `audits` only (migration 11).
    let no_audit = "";
    let (score, scored, passed) = (
        c.score.unwrap_or(0.0),
        c.score.is_some() as i64,
        c.passed as i64,
    );
    // The columns an insert and an update both write, in this order (the
    // insert adds `id`, the update matches `seq`).
    let columns = params![
        c.started,
        c.started_at,
        c.day,
        c.week,
        c.direction,
        c.language,
        c.operator,
        c.operator_name,
        c.queue,
        c.duration,
        score,
        scored,
        passed,
        failed,
        c.revision,
        record,
        no_audit,
        c.pending_until
    ];
    let (seq, same_record) = match old_call(tx, &c.id)? {
        Some(old) => {
            let verdicts: Vec<(String, String, i64)> = tx
                .prepare_cached("SELECT rule, outcome, started FROM verdicts WHERE seq = ?")?
                .query_map([old.seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            deltas.add(
                &Share {
                    place: old.place.clone(),
                    name: old.name.clone(),
                    passed: old.passed,
                    score: old.score,
                    scored: old.scored,
                    verdicts: verdicts
                        .iter()
                        .map(|(r, o, _)| (r.as_str(), o.as_str()))
                        .collect(),
                },
                -1,
            );
            let mut values = columns.to_vec();
            values.push(&old.seq);
            tx.prepare_cached(
                "UPDATE calls SET started = ?, started_at = ?, day = ?, week = ?, direction = ?, \
                 language = ?, operator = ?, operator_name = ?, queue = ?, duration = ?, score = ?, \
                 scored = ?, passed = ?, failed_rules = ?, revision = ?, record = ?, audit = ?, \
                 pending_until = ? WHERE seq = ?",
            )?
            .execute(values.as_slice())?;
            replace_verdicts(tx, old.seq, c, verdicts)?;
            let same = match &old.record {
                Value::Blob(b) => *b == record,
                Value::Text(t) => *t == c.record,
                _ => false,
            };
            if !same {
                tx.prepare_cached("DELETE FROM calls_fts WHERE rowid = ?")?
                    .execute([old.seq])?;
            }
            (old.seq, same)
        }
        None => {
            let mut values = columns.to_vec();
            values.push(&c.id);
            tx.prepare_cached(
                "INSERT INTO calls (started, started_at, day, week, direction, language, \
                 operator, operator_name, queue, duration, score, scored, passed, failed_rules, \
                 revision, record, audit, pending_until, id) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )?
            .execute(values.as_slice())?;
            let seq = tx.last_insert_rowid();
            let mut ins = tx.prepare_cached(
                "INSERT INTO verdicts (seq, rule, outcome, started) VALUES (?, ?, ?, ?)",
            )?;
            for (rule, outcome) in &c.verdicts {
                ins.execute(params![seq, rule, outcome, c.started])?;
            }
            (seq, false)
        }
    };
    deltas.add(&share_of(c), 1);
    if !same_record {
        tx.prepare_cached("INSERT INTO calls_fts (rowid, terms) VALUES (?, ?)")?
            .execute(params![seq, c.search])?;
        write_facts(tx, c)?;
    }
    if !keep {
        tx.prepare_cached("DELETE FROM audits WHERE call_id = ?")?
            .execute([&c.id])?;
    }
    tx.prepare_cached(
        "INSERT INTO audits (call_id, revision, audit) VALUES (?, ?, ?) \
         ON CONFLICT (call_id, revision) DO UPDATE SET audit = excluded.audit",
    )?
    .execute(params![c.id, c.revision, audit])?;
    Ok(())
}

/// The verdict rows of a stored call made those of `c`: changed outcomes
/// updated, new rules inserted, rules gone deleted, the rest left alone.
fn replace_verdicts(
    tx: &Transaction<'_>,
    seq: i64,
    c: &StoredCall,
    old: Vec<(String, String, i64)>,
) -> rusqlite::Result<()> {
    let mut old: HashMap<String, (String, i64)> =
        old.into_iter().map(|(r, o, s)| (r, (o, s))).collect();
    for (rule, outcome) in &c.verdicts {
        match old.remove(rule) {
            Some((o, s)) if o == *outcome && s == c.started => {}
            Some(_) => {
                tx.prepare_cached(
                    "UPDATE verdicts SET outcome = ?, started = ? WHERE seq = ? AND rule = ?",
                )?
                .execute(params![outcome, c.started, seq, rule])?;
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO verdicts (seq, rule, outcome, started) VALUES (?, ?, ?, ?)",
                )?
                .execute(params![seq, rule, outcome, c.started])?;
            }
        }
    }
    for rule in old.keys() {
        tx.prepare_cached("DELETE FROM verdicts WHERE seq = ? AND rule = ?")?
            .execute(params![seq, rule])?;
    }
    Ok(())
}

fn write_facts(tx: &Transaction<'_>, c: &StoredCall) -> rusqlite::Result<()> {
    tx.prepare_cached("DELETE FROM facts WHERE call_id = ?")?
        .execute([&c.id])?;
    if let Some(f) = &c.facts {
        tx.prepare_cached(
            "INSERT INTO facts (call_id, client, started, direction, answered, dropped, missed, \
             operator, start, has_events, dropped_at, ended_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )?
        .execute(params![
            f.call,
            f.client,
            f.started,
            f.direction,
            f.answered as i64,
            f.dropped as i64,
            f.missed as i64,
            f.operator,
            f.start,
            f.has_events as i64,
            f.dropped_at,
            f.ended_at
        ])?;
    }
    Ok(())
}
