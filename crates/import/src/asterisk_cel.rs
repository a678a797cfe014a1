//! Asterisk CEL (Channel Event Logging): the CSV of `cel_custom` (with a
//! header row, or headerless in the default `cel_custom.conf` column order)
//! and `|`-separated table dumps of the `cel` database table (Wazo
//! call-logd). Rows are grouped into calls by `linkedid`.
//!
//! Maps `CHAN_START` → ring, the first `ANSWER` of a called (non-`Local`,
//! non-`Announcer`) channel → answer, `BRIDGE_ENTER`/`BRIDGE_EXIT` of a
//! holding bridge (or an `Announcer`/MOH peer) after the answer → hold,
//! `BLINDTRANSFER`/`ATTENDEDTRANSFER` → transfer, and the last `HANGUP` →
//! hangup, its `extra.hangupsource` naming who hung up. Hold done on the
//! phone (SIP re-INVITE) leaves no trace in CEL.

use std::collections::{BTreeMap, HashMap};

use callqa_model::Direction;
use serde_json::Value;
use time::OffsetDateTime;

use crate::clock::secs_between;
use crate::groups::Groups;
use crate::parts::{EventCall, Leg, RawEvent, Side};
use crate::table::{csv_rows, psv_rows, Columns, Row};
use crate::ParseCtx;

/// `cel_custom.conf`'s sample mapping, for headerless CSV.
const DEFAULT_COLUMNS: [&str; 20] = [
    "eventtype",
    "eventtime",
    "cid_name",
    "cid_num",
    "cid_ani",
    "cid_rdnis",
    "cid_dnid",
    "exten",
    "context",
    "channame",
    "appname",
    "appdata",
    "amaflags",
    "accountcode",
    "uniqueid",
    "linkedid",
    "peer",
    "userfield",
    "userdeftype",
    "extra",
];

#[derive(Clone, Debug)]
struct Cel {
    line: usize,
    kind: String,
    at: OffsetDateTime,
    cid_name: String,
    cid_num: String,
    context: String,
    channel: String,
    appname: String,
    uniqueid: String,
    linkedid: String,
    peer: String,
    extra: String,
}

/// Parses CEL text (CSV or `|` dump) into calls.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<EventCall> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let (cols, rows, header_len) = if first.contains('|') {
        let (h, rows) = psv_rows(text);
        let named = h.iter().filter(|c| !c.is_empty()).count();
        (Columns::new(h), rows, named)
    } else {
        match csv_rows(text) {
            Ok(mut rows) => {
                let has_header = rows.first().is_some_and(|r| {
                    r.fields
                        .iter()
                        .any(|f| f.trim().eq_ignore_ascii_case("eventtype"))
                });
                if has_header {
                    let h = rows.remove(0).fields;
                    let named = h.len();
                    (Columns::new(h), rows, named)
                } else {
                    (
                        Columns::new(DEFAULT_COLUMNS.iter().map(|s| s.to_string()).collect()),
                        rows,
                        0,
                    )
                }
            }
            Err((line, msg)) => {
                ctx.error(Some(line), msg);
                return Vec::new();
            }
        }
    };
    for need in ["eventtype", "eventtime"] {
        if cols.idx(need).is_none() {
            ctx.error(Some(1), format!("CEL header has no {need:?} column"));
            return Vec::new();
        }
    }
    if cols.idx("linkedid").is_none() && cols.idx("uniqueid").is_none() {
        ctx.error(
            Some(1),
            "CEL header has neither \"linkedid\" nor \"uniqueid\"",
        );
        return Vec::new();
    }
    let rows = crate::table::drop_truncated_tail(text, rows, header_len, ctx);
    let mut cels = Vec::with_capacity(rows.len());
    for row in &rows {
        if let Some(c) = read_row(&cols, row, ctx) {
            cels.push(c);
        }
    }
    // A channel's linkedid changes when it is bridged into another call
    // (switchboard, transfers): join every linkedid a uniqueid carried,
    // keeping the oldest as the call id.
    let mut groups_of = Groups::default();
    for c in &cels {
        let (a, b) = (c.linkedid.as_str(), c.uniqueid.as_str());
        if a.is_empty() || b.is_empty() {
            continue;
        }
        groups_of.union(a, b, older);
    }
    let mut groups: Vec<(String, Vec<Cel>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for c in cels {
        let key = if c.linkedid.is_empty() {
            c.uniqueid.clone()
        } else {
            c.linkedid.clone()
        };
        let key = groups_of.find(&key);
        let i = *index.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(c);
    }
    groups
        .into_iter()
        .filter_map(|(id, rows)| build(id, rows, ctx))
        .collect()
}

fn read_row(cols: &Columns, row: &Row, ctx: &mut ParseCtx) -> Option<Cel> {
    let g = |n: &str| cols.get(row, n).trim().to_string();
    let kind = g("eventtype").to_ascii_uppercase();
    if kind.is_empty() {
        ctx.error(Some(row.line), "CEL row without eventtype");
        return None;
    }
    let raw_time = g("eventtime");
    let at = ctx.stamp(&raw_time, Some(row.line))?;
    let (uniqueid, linkedid) = (g("uniqueid"), g("linkedid"));
    if uniqueid.is_empty() && linkedid.is_empty() {
        ctx.error(
            Some(row.line),
            format!("CEL row {kind:?} has a blank uniqueid and linkedid; row skipped (it belongs to no call)"),
        );
        return None;
    }
    Some(Cel {
        line: row.line,
        kind,
        at,
        cid_name: g("cid_name"),
        cid_num: g("cid_num"),
        context: g("context"),
        channel: g("channame"),
        appname: g("appname"),
        uniqueid,
        linkedid,
        peer: g("peer"),
        extra: cols.get(row, "extra").to_string(),
    })
}

/// Uniqueids are `[system-]epoch.sequence`: the older sorts first.
pub(crate) fn older(a: &str, b: &str) -> bool {
    let num = |s: &str| -> Option<(u64, u64)> {
        let (x, y) = s.rsplit_once('.')?;
        let x = x.rsplit('-').next()?;
        Some((x.parse().ok()?, y.parse().ok()?))
    };
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x <= y,
        _ => a <= b,
    }
}

/// Channels that are not a person's phone: dialplan plumbing and media.
pub(crate) fn is_plumbing(channel: &str) -> bool {
    let c = channel.to_ascii_lowercase();
    [
        "local/",
        "announcer/",
        "recorder/",
        "snoop/",
        "message/",
        "multicast/",
        "cbanc/",
    ]
    .iter()
    .any(|p| c.starts_with(p))
        || c.is_empty()
}

fn extra_json(extra: &str) -> Option<Value> {
    let t = extra.trim();
    if t.starts_with('{') {
        serde_json::from_str(t).ok()
    } else {
        None
    }
}

/// `hangupsource` from JSON extra (Asterisk 12+) or `cause,source,dialstatus`.
fn hangup_source(extra: &str) -> Option<String> {
    let src = match extra_json(extra) {
        Some(v) => v.get("hangupsource")?.as_str()?.to_string(),
        None => extra.split(',').nth(1)?.trim().to_string(),
    };
    (!src.is_empty()).then_some(src)
}

fn same_channel(a: &str, b: &str) -> bool {
    a.trim_end_matches("<ZOMBIE>") == b.trim_end_matches("<ZOMBIE>")
}

fn build(id: String, mut rows: Vec<Cel>, ctx: &mut ParseCtx) -> Option<EventCall> {
    rows.sort_by_key(|r| r.at);
    let first = rows.first()?;
    let start = rows
        .iter()
        .find(|r| r.kind == "CHAN_START")
        .map(|r| r.at)
        .unwrap_or(first.at);
    let line = rows.iter().map(|r| r.line).min();
    let init = rows
        .iter()
        .find(|r| r.kind == "CHAN_START" && r.uniqueid == id)
        .or_else(|| rows.iter().find(|r| r.kind == "CHAN_START"))
        .unwrap_or(first)
        .clone();
    let caller = Leg {
        channel: init.channel.clone(),
        number: Some(init.cid_num.clone()).filter(|s| !s.is_empty()),
        name: Some(init.cid_name.clone()).filter(|s| !s.is_empty()),
    };
    let t = |at: OffsetDateTime| secs_between(start, at);
    let mut events = vec![(0.0, RawEvent::Ring)];
    let mut legs: BTreeMap<String, (Leg, Option<OffsetDateTime>)> = BTreeMap::new();
    let mut holding: HashMap<String, OffsetDateTime> = HashMap::new();
    let mut direction_hint = None;
    let mut operator_hint = None;
    let mut answered = false;
    let mut last_hangup: Option<&Cel> = None;
    let mut aliases: Vec<String> = Vec::new();
    for r in &rows {
        if !r.uniqueid.is_empty() && r.uniqueid != id && !aliases.contains(&r.uniqueid) {
            aliases.push(r.uniqueid.clone());
        }
        let is_caller = same_channel(&r.channel, &init.channel);
        match r.kind.as_str() {
            "CHAN_START" if !is_caller && !is_plumbing(&r.channel) => {
                legs.entry(r.channel.clone()).or_insert((
                    Leg {
                        channel: r.channel.clone(),
                        number: Some(r.cid_num.clone()).filter(|s| !s.is_empty()),
                        name: Some(r.cid_name.clone()).filter(|s| !s.is_empty()),
                    },
                    None,
                ));
            }
            "ANSWER" if !is_caller && !is_plumbing(&r.channel) => {
                if let Some(l) = legs.get_mut(&r.channel) {
                    l.1 = Some(r.at);
                }
                if !answered {
                    answered = true;
                    events.push((t(r.at), RawEvent::Answer));
                }
            }
            "BRIDGE_ENTER" | "BRIDGE_EXIT" => {
                let x = extra_json(&r.extra);
                let tech = x
                    .as_ref()
                    .and_then(|v| v.get("bridge_technology")?.as_str().map(str::to_string))
                    .unwrap_or_default();
                let holding_bridge = tech == "holding_bridge"
                    || r.peer.to_ascii_lowercase().starts_with("announcer/");
                if !holding_bridge || is_plumbing(&r.channel) {
                    continue;
                }
                if r.kind == "BRIDGE_ENTER" {
                    holding.entry(r.channel.clone()).or_insert(r.at);
                } else if let Some(a) = holding.remove(&r.channel) {
                    events.push((t(a), RawEvent::HoldStart));
                    events.push((t(r.at), RawEvent::HoldEnd));
                }
            }
            "BLINDTRANSFER" | "ATTENDEDTRANSFER" => {
                let x = extra_json(&r.extra);
                let to = x.as_ref().and_then(|v| {
                    ["extension", "transfer_target_channel_name", "channel2_name"]
                        .iter()
                        .find_map(|k| v.get(*k)?.as_str().map(str::to_string))
                });
                events.push((t(r.at), RawEvent::Transfer(to.filter(|s| !s.is_empty()))));
            }
            "HANGUP" if !is_plumbing(&r.channel) || last_hangup.is_none() => {
                last_hangup = Some(r);
            }
            "XIVO_INCALL" => {
                direction_hint = Some((Direction::Inbound, "CEL: XIVO_INCALL".to_string()))
            }
            "XIVO_OUTCALL" => {
                direction_hint = Some((Direction::Outbound, "CEL: XIVO_OUTCALL".to_string()))
            }
            "APP_START" if r.appname.eq_ignore_ascii_case("queue") && is_caller => {
                operator_hint = Some((Side::Callee, "CEL: caller entered a Queue".to_string()));
            }
            _ => {}
        }
    }
    // Holds still open at the end of the capture close at the hangup.
    let end_at = last_hangup.map(|r| r.at).unwrap_or(rows[rows.len() - 1].at);
    for (_, a) in holding.drain() {
        events.push((t(a), RawEvent::HoldStart));
        events.push((t(end_at), RawEvent::HoldEnd));
    }
    if direction_hint.is_none() {
        let c = init.context.to_ascii_lowercase();
        if [
            "from-extern",
            "from-pstn",
            "from-trunk",
            "incall",
            "from-did",
        ]
        .iter()
        .any(|p| c.contains(p))
        {
            direction_hint = Some((
                Direction::Inbound,
                format!("CEL: caller context {:?}", init.context),
            ));
        }
    }
    // Who hung up: the source on the caller's own HANGUP, else any.
    let source = rows
        .iter()
        .filter(|r| r.kind == "HANGUP")
        .filter_map(|r| {
            hangup_source(&r.extra).map(|s| (same_channel(&r.channel, &init.channel), s))
        })
        .max_by_key(|(own, _)| *own)
        .map(|(_, s)| s);
    let by = match &source {
        Some(s) if same_channel(s, &init.channel) => Some(Side::Caller),
        Some(s) if !is_plumbing(s) => Some(Side::Callee),
        _ if !answered => Some(Side::Caller),
        _ => None,
    };
    events.push((t(end_at), RawEvent::Hangup(by)));
    let mut callees: Vec<(Leg, Option<OffsetDateTime>)> = legs.into_values().collect();
    callees.sort_by_key(|(_, a)| std::cmp::Reverse(*a));
    let mut tags = BTreeMap::new();
    tags.insert("import.source".to_string(), "asterisk-cel".to_string());
    tags.insert(
        "import.hold".to_string(),
        "holding bridges only".to_string(),
    );
    if let Some(s) = source {
        tags.insert("import.hangup_source".to_string(), s);
    }
    Some(EventCall {
        id,
        aliases,
        file: ctx.file.to_string(),
        line,
        start,
        caller,
        callees: callees.into_iter().map(|(l, _)| l).collect(),
        direction_hint,
        operator_hint,
        events,
        tags,
    })
}
