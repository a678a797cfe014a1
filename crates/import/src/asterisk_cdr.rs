//! Asterisk CDR: `Master.csv` of `cdr_csv` (16 columns, 18 with
//! `loguniqueid`/`loguserfield`, 21 with `newcdrcolumns`) and CSV exports
//! with a header row (`cdr_adaptive_odbc`, `cdr_custom`).
//!
//! Rows are grouped into calls by `linkedid`, else `uniqueid`, else the
//! calling channel; several rows of one call are dial attempts and
//! transfers. Maps `start` → ring, the first answered row's `answer` →
//! answer, each later answered row to another party → transfer, the last
//! `end` → hangup. CDRs record neither hold (tag `import.hold = "unknown"`)
//! nor who hung up (tag `import.hangup_by = "unknown"`).

use std::collections::{BTreeMap, HashMap};

use callqa_model::Direction;
use time::OffsetDateTime;

use crate::asterisk_cel::is_plumbing;
use crate::clock::secs_between;
use crate::groups::Groups;
use crate::parts::{EventCall, Leg, RawEvent, Side};
use crate::table::{csv_rows, Columns, Row};
use crate::ParseCtx;

const MASTER: [&str; 21] = [
    "accountcode",
    "src",
    "dst",
    "dcontext",
    "clid",
    "channel",
    "dstchannel",
    "lastapp",
    "lastdata",
    "start",
    "answer",
    "end",
    "duration",
    "billsec",
    "disposition",
    "amaflags",
    "uniqueid",
    "userfield",
    "peeraccount",
    "linkedid",
    "sequence",
];

#[derive(Clone, Debug)]
struct Cdr {
    line: usize,
    src: String,
    dst: String,
    dcontext: String,
    clid: String,
    channel: String,
    dstchannel: String,
    lastapp: String,
    lastdata: String,
    start: OffsetDateTime,
    answer: Option<OffsetDateTime>,
    end: OffsetDateTime,
    disposition: String,
    uniqueid: String,
    linkedid: String,
}

/// Splits `"Alice" <100>` into name and number.
pub fn split_clid(clid: &str) -> (Option<String>, Option<String>) {
    let c = clid.trim();
    // The documentation's tables quote the whole value: "Alice <100>".
    let c = if c.starts_with('"') && c.ends_with('"') && c.matches('"').count() == 2 {
        c.trim_matches('"')
    } else {
        c
    };
    if let (Some(lt), true) = (c.rfind('<'), c.ends_with('>')) {
        let num = c[lt + 1..c.len() - 1].trim().to_string();
        let name = c[..lt].trim().trim_matches('"').trim().to_string();
        (
            Some(name).filter(|s| !s.is_empty()),
            Some(num).filter(|s| !s.is_empty()),
        )
    } else {
        let name = c.trim_matches('"').trim().to_string();
        (Some(name).filter(|s| !s.is_empty()), None)
    }
}

/// Parses CDR CSV into calls.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<EventCall> {
    let mut rows = match csv_rows(text) {
        Ok(r) => r,
        Err((line, msg)) => {
            ctx.error(Some(line), msg);
            return Vec::new();
        }
    };
    let has_header = rows.first().is_some_and(|r| {
        r.fields.iter().any(|f| {
            matches!(
                f.trim().to_ascii_lowercase().as_str(),
                "disposition" | "billsec" | "dstchannel"
            )
        })
    });
    let cols = if has_header {
        Columns::new(rows.remove(0).fields)
    } else {
        Columns::new(MASTER.iter().map(|s| s.to_string()).collect())
    };
    if cols.idx("start").is_none() || cols.idx("end").is_none() {
        ctx.error(Some(1), "CDR header has no \"start\" or \"end\" column");
        return Vec::new();
    }
    let header_len = if has_header { cols.len() } else { 0 };
    let rows = crate::table::drop_truncated_tail(text, rows, header_len, ctx);
    let mut cdrs = Vec::new();
    for row in &rows {
        if !has_header && !(16..=21).contains(&row.fields.len()) {
            ctx.error(
                Some(row.line),
                format!(
                    "CDR row has {} fields (expected 16 to 21 in Master.csv order)",
                    row.fields.len()
                ),
            );
            continue;
        }
        if let Some(c) = read_row(&cols, row, ctx) {
            cdrs.push(c);
        }
    }
    // Rows of one call share the linkedid; without one (Master.csv) they
    // are chained through uniqueid and channel names, which are unique per
    // channel instance.
    let mut groups_of = Groups::default();
    let keys: Vec<Vec<String>> = cdrs
        .iter()
        .map(|c| {
            if !c.linkedid.is_empty() {
                vec![format!("l:{}", c.linkedid)]
            } else {
                // The two halves of a Local channel (`;1`, `;2`) are one.
                let local = |ch: &str| {
                    ch.rsplit_once(';')
                        .map(|(a, _)| a)
                        .unwrap_or(ch)
                        .to_string()
                };
                [
                    ("u", c.uniqueid.clone()),
                    ("c", local(&c.channel)),
                    ("c", local(&c.dstchannel)),
                ]
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| format!("{k}:{v}"))
                .collect()
            }
        })
        .collect();
    for k in &keys {
        for w in k.windows(2) {
            groups_of.union(&w[0], &w[1], |_, _| true);
        }
    }
    let mut groups: Vec<(String, Vec<Cdr>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (c, k) in cdrs.into_iter().zip(keys) {
        let root = match k.first() {
            Some(k) => groups_of.find(k),
            None => format!("line-{}", c.line),
        };
        let i = *index.entry(root).or_insert_with(|| {
            groups.push((String::new(), Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(c);
    }
    // The call id: the linkedid, else the first row's uniqueid.
    for (id, rows) in groups.iter_mut() {
        *id = [&rows[0].linkedid, &rows[0].uniqueid]
            .into_iter()
            .find(|s| !s.is_empty())
            .cloned()
            .unwrap_or_else(|| format!("{}-line-{}", ctx.file_stem(), rows[0].line));
    }
    groups
        .into_iter()
        .map(|(id, rows)| build(id, rows, ctx))
        .collect()
}

fn read_row(cols: &Columns, row: &Row, ctx: &mut ParseCtx) -> Option<Cdr> {
    let g = |n: &str| cols.get(row, n).trim().to_string();
    let line = Some(row.line);
    let start = ctx.stamp(&g("start"), line)?;
    let end = ctx.stamp(&g("end"), line)?;
    let raw_answer = g("answer");
    let answer = if raw_answer.is_empty() || raw_answer.starts_with("0000") {
        None
    } else {
        Some(ctx.stamp(&raw_answer, line)?)
    };
    let disposition = g("disposition").to_ascii_uppercase();
    let answer = if disposition.is_empty() || disposition == "ANSWERED" {
        answer
    } else {
        None
    };
    if end < start {
        ctx.error(
            line,
            format!("end {:?} is earlier than start {:?}", g("end"), g("start")),
        );
        return None;
    }
    Some(Cdr {
        line: row.line,
        src: g("src"),
        dst: g("dst"),
        dcontext: g("dcontext"),
        clid: g("clid"),
        channel: g("channel"),
        dstchannel: g("dstchannel"),
        lastapp: g("lastapp"),
        lastdata: g("lastdata"),
        start,
        answer,
        end,
        disposition,
        uniqueid: g("uniqueid"),
        linkedid: g("linkedid"),
    })
}

fn build(id: String, mut rows: Vec<Cdr>, ctx: &mut ParseCtx) -> EventCall {
    rows.sort_by_key(|r| (r.start, r.answer));
    // The caller's row: the earliest that is not the far half of a Local
    // channel.
    let first = rows
        .iter()
        .find(|r| !is_plumbing(&r.channel))
        .unwrap_or(&rows[0])
        .clone();
    let start = first.start;
    let t = |at: OffsetDateTime| secs_between(start, at).max(0.0);
    let (name, clid_num) = split_clid(&first.clid);
    let caller = Leg {
        channel: first.channel.clone(),
        number: Some(first.src.clone())
            .filter(|s| !s.is_empty())
            .or(clid_num),
        name,
    };
    let mut events = vec![(0.0, RawEvent::Ring)];
    // Answers by Local channels are dialplan hops; the real answer is the
    // phone behind them.
    let mut answered: Vec<&Cdr> = rows
        .iter()
        .filter(|r| r.answer.is_some() && !is_plumbing(&r.dstchannel))
        .collect();
    if answered.is_empty() {
        answered = rows.iter().filter(|r| r.answer.is_some()).collect();
    }
    answered.sort_by_key(|r| r.answer);
    let mut last_party: Option<String> = None;
    let mut prev_answer = None;
    for r in &answered {
        let ans = r.answer.unwrap_or(r.start);
        let party = if r.dstchannel.is_empty() {
            r.dst.clone()
        } else {
            Leg {
                channel: r.dstchannel.clone(),
                ..Leg::default()
            }
            .device()
            .to_string()
        };
        match &last_party {
            None => events.push((t(ans), RawEvent::Answer)),
            Some(p) if *p != party => {
                let at = if prev_answer.is_some_and(|a| r.start >= a) {
                    r.start
                } else {
                    ans
                };
                let to = Some(r.dst.clone())
                    .filter(|s| !s.is_empty())
                    .or(Some(party.clone()));
                events.push((t(at), RawEvent::Transfer(to)));
            }
            _ => {}
        }
        prev_answer = Some(ans);
        last_party = Some(party);
    }
    let end = rows.iter().map(|r| r.end).max().unwrap_or(start);
    let last_disp = rows
        .iter()
        .max_by_key(|r| r.end)
        .map(|r| r.disposition.clone())
        .unwrap_or_default();
    let terminal = if answered.is_empty() && matches!(last_disp.as_str(), "FAILED" | "CONGESTION") {
        RawEvent::Drop
    } else {
        RawEvent::Hangup(None)
    };
    events.push((t(end), terminal));
    let mut callees: Vec<Leg> = Vec::new();
    for r in answered.iter().rev().copied().chain(rows.iter()) {
        if r.dstchannel.is_empty()
            || is_plumbing(&r.dstchannel)
            || callees.iter().any(|l| l.channel == r.dstchannel)
        {
            continue;
        }
        callees.push(Leg {
            channel: r.dstchannel.clone(),
            // `dst` is the dialled extension only for Dial; for Queue it is
            // the queue's number, not the agent's.
            number: Some(r.dst.clone())
                .filter(|s| !s.is_empty() && r.lastapp.eq_ignore_ascii_case("dial")),
            name: None,
        });
    }
    let mut tags = BTreeMap::new();
    tags.insert("import.source".to_string(), "asterisk-cdr".to_string());
    tags.insert("import.hold".to_string(), "unknown".to_string());
    tags.insert("cdr.disposition".to_string(), last_disp);
    let mut operator_hint = None;
    if let Some(q) = rows
        .iter()
        .find(|r| r.lastapp.eq_ignore_ascii_case("queue"))
    {
        operator_hint = Some((
            Side::Callee,
            "CDR: lastapp Queue (the agent answered)".to_string(),
        ));
        if let Some(name) = q
            .lastdata
            .split([',', '|'])
            .next()
            .filter(|s| !s.is_empty())
        {
            tags.insert("queue".to_string(), name.to_string());
        }
    }
    let ctxl = first.dcontext.to_ascii_lowercase();
    let direction_hint = if [
        "from-trunk",
        "from-pstn",
        "from-extern",
        "from-did",
        "incoming",
    ]
    .iter()
    .any(|p| ctxl.contains(p))
    {
        Some((
            Direction::Inbound,
            format!("CDR: dcontext {:?}", first.dcontext),
        ))
    } else {
        None
    };
    let mut aliases: Vec<String> = Vec::new();
    for r in &rows {
        for v in [&r.uniqueid, &r.linkedid] {
            if !v.is_empty() && *v != id && !aliases.contains(v) {
                aliases.push(v.clone());
            }
        }
    }
    EventCall {
        id,
        aliases,
        file: ctx.file.to_string(),
        line: Some(first.line),
        start,
        caller,
        callees,
        direction_hint,
        operator_hint,
        events,
        tags,
    }
}
