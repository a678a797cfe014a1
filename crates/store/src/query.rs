//! The SQL both backends share: the WHERE clause of a [`Filter`], the list,
//! stats and record queries built on it. Statements are written with `?`
//! placeholders; [`numbered`] turns them into PostgreSQL's `$1, $2…`.
//! Only full-text search differs between the dialects.

use crate::index::search_terms;
use crate::types::{Bucket, Filter, GroupBy, ListQuery};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    Sqlite,
    Postgres,
}

/// A statement parameter.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Text(String),
    Int(i64),
    Real(f64),
}

/// A statement and its parameters.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Sql {
    pub text: String,
    pub params: Vec<Val>,
}

impl Sql {
    fn new() -> Sql {
        Sql {
            text: String::new(),
            params: Vec::new(),
        }
    }

    pub(crate) fn cond(&mut self, text: &str, params: impl IntoIterator<Item = Val>) {
        self.text.push_str(if self.text.is_empty() {
            " WHERE "
        } else {
            " AND "
        });
        self.text.push_str(text);
        self.params.extend(params);
    }

    /// The statement for `dialect`.
    pub fn finish(self, dialect: Dialect) -> Sql {
        match dialect {
            Dialect::Sqlite => self,
            Dialect::Postgres => Sql {
                text: numbered(&self.text),
                params: self.params,
            },
        }
    }
}

/// `?` → `$1`, `$2`… (the statements here have no `?` in literals).
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

fn text(s: &str) -> Val {
    Val::Text(s.to_string())
}

/// Migration 5: each verdict row carries its call's start, so a list by
/// rule and outcome reads the newest matching calls off one index instead
/// of testing every call.
/// Migration 6 (audit output revision 2): a call with no applicable rule
/// has no score. `scored` = 0 marks it (its `score` column holds 0 so that
/// sums stay sums); the rollup counts the scored calls for means. Every
/// call stored before had a score.
pub(crate) const SCORED: &str = r#"
ALTER TABLE calls ADD COLUMN scored BIGINT NOT NULL DEFAULT 1;
ALTER TABLE rollup ADD COLUMN scored BIGINT NOT NULL DEFAULT 0;
UPDATE rollup SET scored = n WHERE rule = '';
"#;

pub(crate) const RULE_INDEX: &str = r#"
ALTER TABLE verdicts ADD COLUMN started BIGINT NOT NULL DEFAULT 0;
UPDATE verdicts SET started = (SELECT c.started FROM calls c WHERE c.seq = verdicts.seq);
CREATE INDEX verdicts_rule_started ON verdicts (rule, outcome, started DESC, seq DESC);
"#;

/// The WHERE clause over `calls c`.
pub(crate) fn filter_where(f: &Filter, dialect: Dialect) -> Sql {
    filter_where_as(f, dialect, false, false)
}

/// [`filter_where`] for a list: `joined`, the rule term tests the joined
/// verdicts `v`; `ordered`, the full-text term on SQLite is kept from
/// driving the query (`+c.seq`), so the newest matches are read off
/// `calls_started` instead of sorting every match.
fn filter_where_as(f: &Filter, dialect: Dialect, joined: bool, ordered: bool) -> Sql {
    let mut w = Sql::new();
    if let Some(v) = &f.from {
        w.cond("c.day >= ?", [text(v)]);
    }
    if let Some(v) = &f.to {
        w.cond("c.day <= ?", [text(v)]);
    }
    if let Some(v) = &f.operator {
        w.cond("c.operator = ?", [text(v)]);
    }
    if let Some(v) = &f.queue {
        w.cond("c.queue = ?", [text(v)]);
    }
    if let Some(v) = &f.direction {
        w.cond("c.direction = ?", [text(v)]);
    }
    if let Some(v) = &f.language {
        w.cond("c.language = ?", [text(v)]);
    }
    if let Some(v) = f.passed {
        w.cond("c.passed = ?", [Val::Int(v as i64)]);
    }
    if let Some(v) = f.min_score {
        w.cond("c.scored = 1 AND c.score >= ?", [Val::Real(v)]);
    }
    if let Some(v) = f.max_score {
        w.cond("c.scored = 1 AND c.score <= ?", [Val::Real(v)]);
    }
    if let Some(rule) = &f.rule {
        let outcome = f.outcome.as_deref().unwrap_or("fail");
        if joined {
            w.cond("v.rule = ? AND v.outcome = ?", [text(rule), text(outcome)]);
        } else {
            w.cond(
            "EXISTS (SELECT 1 FROM verdicts v WHERE v.seq = c.seq AND v.rule = ? AND v.outcome = ?)",
            [text(rule), text(outcome)],
            );
        }
    }
    if let Some(q) = &f.q {
        let terms = search_terms(q);
        if !terms.is_empty() {
            match dialect {
                Dialect::Sqlite => {
                    let phrase: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
                    let seq = if ordered { "+c.seq" } else { "c.seq" };
                    w.cond(
                        &format!("{seq} IN (SELECT rowid FROM calls_fts WHERE calls_fts MATCH ?)"),
                        [Val::Text(phrase.join(" "))],
                    );
                }
                Dialect::Postgres => {
                    w.cond(
                        "c.search @@ plainto_tsquery('simple', ?)",
                        [Val::Text(terms.join(" "))],
                    );
                }
            }
        }
    }
    if let Some(v) = &f.scope_operator {
        w.cond("c.operator = ?", [text(v)]);
    }
    if let Some(qs) = &f.scope_queues {
        if qs.is_empty() {
            w.cond("1 = 0", []);
        } else {
            let marks = vec!["?"; qs.len()].join(", ");
            w.cond(&format!("c.queue IN ({marks})"), qs.iter().map(|q| text(q)));
        }
    }
    w
}

/// The columns of a [`crate::CallRow`], in the order the backends read
/// them: seq, started, id, started_at, direction, language, operator,
/// operator_name, queue, duration, score (NULL when not scored), passed,
/// failed_rules[, audit].
const ROW_COLUMNS: &str = "c.seq, c.started, c.id, c.started_at, c.direction, c.language, \
     c.operator, c.operator_name, c.queue, c.duration, \
     CASE WHEN c.scored = 0 THEN NULL ELSE c.score END, c.passed, c.failed_rules";

/// One page, newest first; fetches `limit + 1` rows to know whether there
/// is a next page.
///
/// With a rule filter the rows come from the verdicts of that rule and
/// outcome, newest first off `verdicts_rule_started`, joined to their calls.
pub(crate) fn list(q: &ListQuery, dialect: Dialect) -> Sql {
    let joined = q.filter.rule.is_some();
    let searched = dialect == Dialect::Sqlite
        && !joined
        && q.filter
            .q
            .as_deref()
            .is_some_and(|t| !search_terms(t).is_empty());
    let mut w = filter_where_as(&q.filter, dialect, joined, searched);
    if !joined {
        started_bounds(&mut w, &q.filter, dialect);
    }
    let (from, k) = if joined {
        ("verdicts v JOIN calls c ON c.seq = v.seq", "v")
    } else {
        ("calls c", "c")
    };
    if let Some(c) = q.cursor {
        w.cond(
            &format!("({k}.started < ? OR ({k}.started = ? AND {k}.seq < ?))"),
            [Val::Int(c.started), Val::Int(c.started), Val::Int(c.seq)],
        );
    }
    let audit = audit_column(q.with_audit, dialect);
    let text = if searched {
        // The page's call ids off the narrow index first, then their rows.
        format!(
            "SELECT {ROW_COLUMNS}{audit} FROM calls c WHERE c.seq IN (SELECT c.seq FROM calls c{} \
             ORDER BY c.started DESC, c.seq DESC LIMIT ?) ORDER BY c.started DESC, c.seq DESC",
            w.text
        )
    } else {
        format!(
            "SELECT {ROW_COLUMNS}{audit} FROM {from}{} ORDER BY {k}.started DESC, {k}.seq DESC LIMIT ?",
            w.text
        )
    };
    let mut sql = Sql {
        text,
        params: w.params,
    };
    sql.params.push(Val::Int(q.limit as i64 + 1));
    sql.finish(dialect)
}

/// A day range as a range of `started` (Unix seconds) wide enough for
/// every UTC offset, so that a list by date reads the newest calls of the
/// range off `calls_started` instead of sorting every call of the range;
/// on SQLite the day terms are kept from driving the query (`+c.day`,
/// still tested exactly).
fn started_bounds(w: &mut Sql, f: &Filter, dialect: Dialect) {
    // UTC offsets lie within ±26 hours.
    const MARGIN: i64 = 26 * 3600;
    let midnight = |d: &str| {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(d, &format)
            .ok()
            .map(|d| d.midnight().assume_utc().unix_timestamp())
    };
    let from = f.from.as_deref().and_then(midnight);
    let to = f.to.as_deref().and_then(midnight);
    if from.is_none() && to.is_none() {
        return;
    }
    if dialect == Dialect::Sqlite {
        w.text = w
            .text
            .replace("c.day >= ?", "+c.day >= ?")
            .replace("c.day <= ?", "+c.day <= ?");
    }
    if let Some(t) = from {
        w.cond("c.started >= ?", [Val::Int(t - MARGIN)]);
    }
    if let Some(t) = to {
        w.cond("c.started < ?", [Val::Int(t + 86_400 + MARGIN)]);
    }
}

/// The audit column of a list that asks for audits.
fn audit_column(with_audit: bool, dialect: Dialect) -> &'static str {
    match (with_audit, dialect) {
        (false, _) => "",
        // SQLite keeps the current audit in `audits` only.
        (true, Dialect::Sqlite) => {
            ", (SELECT a.audit FROM audits a WHERE a.call_id = c.id AND a.revision = c.revision)"
        }
        (true, Dialect::Postgres) => ", c.audit",
    }
}

/// A full-text list on SQLite that looks only at the newest `window`
/// calls the other filters select, asking the search index about each
/// (a lookup by rowid): a common word fills a page from the first few
/// hundred calls, where [`list`] would first collect every call that has
/// the word. `None` when the list has no search terms or goes by rule.
/// When it gives no more than `limit` rows the page may be short: the
/// word is rare, and [`list`] reads its few matches off the index.
pub(crate) fn list_probed(q: &ListQuery, window: usize) -> Option<Sql> {
    if q.filter.rule.is_some() {
        return None;
    }
    let terms = q
        .filter
        .q
        .as_deref()
        .map(search_terms)
        .filter(|t| !t.is_empty())?;
    let f = Filter {
        q: None,
        ..q.filter.clone()
    };
    let mut w = filter_where_as(&f, Dialect::Sqlite, false, false);
    started_bounds(&mut w, &f, Dialect::Sqlite);
    if let Some(c) = q.cursor {
        w.cond(
            "(c.started < ? OR (c.started = ? AND c.seq < ?))",
            [Val::Int(c.started), Val::Int(c.started), Val::Int(c.seq)],
        );
    }
    let phrase: Vec<String> = terms.iter().map(|t| format!("\"{t}\"")).collect();
    let text = format!(
        "SELECT {ROW_COLUMNS}{} FROM calls c WHERE c.seq IN (SELECT n.seq FROM \
         (SELECT c.seq, c.started FROM calls c{} ORDER BY c.started DESC, c.seq DESC LIMIT ?) n \
         WHERE EXISTS (SELECT 1 FROM calls_fts WHERE calls_fts MATCH ? AND calls_fts.rowid = n.seq) \
         ORDER BY n.started DESC, n.seq DESC LIMIT ?) ORDER BY c.started DESC, c.seq DESC",
        audit_column(q.with_audit, Dialect::Sqlite),
        w.text
    );
    let mut params = w.params;
    params.push(Val::Int(window as i64));
    params.push(Val::Text(phrase.join(" ")));
    params.push(Val::Int(q.limit as i64 + 1));
    Some(Sql { text, params })
}

pub(crate) fn count(f: &Filter, dialect: Dialect) -> Sql {
    let w = filter_where(f, dialect);
    Sql {
        text: format!("SELECT COUNT(*) FROM calls c{}", w.text),
        params: w.params,
    }
    .finish(dialect)
}

pub(crate) fn records_after(f: &Filter, after: i64, limit: usize, dialect: Dialect) -> Sql {
    let mut w = filter_where(f, dialect);
    w.cond("c.seq > ?", [Val::Int(after)]);
    let mut sql = Sql {
        text: format!(
            "SELECT c.seq, c.id, c.record FROM calls c{} ORDER BY c.seq LIMIT ?",
            w.text
        ),
        params: w.params,
    };
    sql.params.push(Val::Int(limit as i64));
    sql.finish(dialect)
}

/// Rows: bucket, key, sub, count, passed, score_sum, scored (NULL-free:
/// missing columns are constants).
pub(crate) fn stats(f: &Filter, bucket: Bucket, by: GroupBy, dialect: Dialect) -> Sql {
    if rollup_answers(f) {
        return rollup_stats(f, bucket, by, dialect);
    }
    let w = filter_where(f, dialect);
    let b = match bucket {
        Bucket::Day => "c.day",
        Bucket::Week => "c.week",
    };
    let sums = "CAST(SUM(c.passed) AS BIGINT), CAST(SUM(c.score) AS DOUBLE PRECISION), \
                CAST(SUM(c.scored) AS BIGINT)";
    let text = match by {
        GroupBy::Calls => format!(
            "SELECT {b}, '', '', COUNT(*), {sums} FROM calls c{} GROUP BY {b}",
            w.text
        ),
        GroupBy::Operator => format!(
            "SELECT {b}, c.operator, COALESCE(MAX(c.operator_name), ''), COUNT(*), {sums} \
             FROM calls c{} GROUP BY {b}, c.operator",
            w.text
        ),
        GroupBy::Rule => format!(
            "SELECT {b}, v.rule, v.outcome, COUNT(*), CAST(0 AS BIGINT), CAST(0 AS DOUBLE PRECISION), \
             CAST(0 AS BIGINT) FROM verdicts v JOIN calls c ON c.seq = v.seq{} GROUP BY {b}, v.rule, v.outcome",
            w.text
        ),
    };
    Sql {
        text,
        params: w.params,
    }
    .finish(dialect)
}

/// Whether the rollup (keyed by day, queue and operator) can answer a
/// filter: only those fields are set, and no queue is the empty text (the
/// rollup's form of "no queue").
pub(crate) fn rollup_answers(f: &Filter) -> bool {
    let empty = |q: &Option<String>| q.as_deref() == Some("");
    f.direction.is_none()
        && f.language.is_none()
        && f.passed.is_none()
        && f.min_score.is_none()
        && f.max_score.is_none()
        && f.rule.is_none()
        && f.outcome.is_none()
        && f.q.is_none()
        && !empty(&f.queue)
        && !f
            .scope_queues
            .as_ref()
            .is_some_and(|qs| qs.iter().any(|q| q.is_empty()))
}

/// [`stats`] from the rollup, aliased `c` so that [`filter_where`]'s day,
/// queue and operator terms apply unchanged.
fn rollup_stats(f: &Filter, bucket: Bucket, by: GroupBy, dialect: Dialect) -> Sql {
    let mut w = filter_where(f, dialect);
    w.cond(
        if by == GroupBy::Rule {
            "c.rule <> ''"
        } else {
            "c.rule = ''"
        },
        [],
    );
    let b = match bucket {
        Bucket::Day => "c.day",
        Bucket::Week => "c.week",
    };
    let sums = "CAST(SUM(c.n) AS BIGINT), CAST(SUM(c.passed) AS BIGINT), \
                CAST(SUM(c.score_sum) AS DOUBLE PRECISION), CAST(SUM(c.scored) AS BIGINT)";
    let text = match by {
        GroupBy::Calls => format!(
            "SELECT {b}, '', '', {sums} FROM rollup c{} GROUP BY {b} HAVING SUM(c.n) > 0",
            w.text
        ),
        GroupBy::Operator => format!(
            "SELECT {b}, c.operator, MAX(CASE WHEN c.n > 0 THEN c.operator_name ELSE '' END), {sums} \
             FROM rollup c{} \
             GROUP BY {b}, c.operator HAVING SUM(c.n) > 0",
            w.text
        ),
        // Without an operator, the counts kept without one (fewer rows).
        GroupBy::Rule if f.operator.is_none() && f.scope_operator.is_none() => format!(
            "SELECT {b}, c.rule, c.outcome, CAST(SUM(c.n) AS BIGINT), CAST(0 AS BIGINT), \
             CAST(0 AS DOUBLE PRECISION), CAST(0 AS BIGINT) FROM rollup_rules c{} \
             GROUP BY {b}, c.rule, c.outcome HAVING SUM(c.n) > 0",
            w.text
        ),
        GroupBy::Rule => format!(
            "SELECT {b}, c.rule, c.outcome, {sums} FROM rollup c{} \
             GROUP BY {b}, c.rule, c.outcome HAVING SUM(c.n) > 0",
            w.text
        ),
    };
    Sql {
        text,
        params: w.params,
    }
    .finish(dialect)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_for_postgres() {
        assert_eq!(
            numbered("a = ? AND b IN (?, ?)"),
            "a = $1 AND b IN ($2, $3)"
        );
    }

    #[test]
    fn scope_applies_on_top_of_the_filters() {
        let f = Filter {
            operator: Some("op-1".into()),
            scope_operator: Some("op-2".into()),
            ..Filter::default()
        };
        let sql = count(&f, Dialect::Sqlite);
        assert_eq!(
            sql.text,
            "SELECT COUNT(*) FROM calls c WHERE c.operator = ? AND c.operator = ?"
        );
        assert_eq!(sql.params, vec![text("op-1"), text("op-2")]);
    }
}
