//! Asterisk AMI event logs: `Key: value` blocks separated by blank lines
//! (as recorded from the manager socket; `Action`/`Response` blocks are
//! skipped). Times come from each event's `Timestamp` (`timestampevents =
//! yes` in `manager.conf`), else from the last `EventTime` of a CEL event
//! in the stream.
//!
//! Channels are grouped into calls by `Linkedid`, `Dial*`/`Bridge` links
//! and CEL `LinkedID`. Maps `Newchannel` → ring, a called channel going
//! `Up` → answer, `Hold`/`Unhold`, `MusicOnHoldStart`/`Stop` and holding
//! `BridgeEnter`/`BridgeLeave` → hold, `BlindTransfer`/`AttendedTransfer`
//! → transfer, the last `Hangup` → hangup; who hung up from
//! `AgentComplete` `Reason`, else the first `HangupRequest`.

use std::collections::{BTreeMap, HashMap};

use callqa_model::Direction;

use crate::asterisk_cel::{is_plumbing, older};
use crate::clock;
use crate::groups::Groups;
use crate::parts::{EventCall, Leg, RawEvent, Side};
use crate::ParseCtx;

#[derive(Debug)]
struct Block {
    line: usize,
    fields: Vec<(String, String)>,
    at: Option<f64>,
}

impl Block {
    fn get(&self, k: &str) -> &str {
        self.fields
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(k))
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// Joins the groups of two uniqueids (the shared union-find), keeping the
/// older uniqueid as the call id; a blank one links nothing.
fn link(groups: &mut Groups, a: &str, b: &str) {
    if !a.is_empty() && !b.is_empty() {
        groups.union(a, b, older);
    }
}

fn blocks(text: &str, ctx: &mut ParseCtx) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur: Option<Block> = None;
    let mut clock: Option<f64> = None;
    let lines = text.lines().map(|l| l.trim_end_matches('\r'));
    for (i, l) in lines.chain(std::iter::once("")).enumerate() {
        if l.trim().is_empty() {
            if let Some(mut b) = cur.take() {
                let ts = b.get("Timestamp").to_string();
                if let Some(t) = clock::unix_guess_unit(&ts) {
                    clock = Some(t);
                } else if b.get("Event") == "CEL" {
                    let raw = b.get("EventTime").to_string();
                    if let Some(s) = clock::parse(&raw, ctx.zone) {
                        clock = Some(s.at.unix_timestamp_nanos() as f64 / 1e9);
                    }
                }
                b.at = clock;
                if !b.get("Event").is_empty() {
                    out.push(b);
                }
            }
            continue;
        }
        let b = cur.get_or_insert_with(|| Block {
            line: i + 1,
            fields: Vec::new(),
            at: None,
        });
        match l.split_once(':') {
            Some((k, v)) => b.fields.push((k.trim().to_string(), v.trim().to_string())),
            None if l.starts_with("Asterisk Call Manager") => {}
            None => ctx.warning(
                Some(i + 1),
                format!("not a `Key: value` line: {:?}", truncate(l)),
            ),
        }
    }
    // Events before the first timed one take the next known time.
    let mut next = None;
    for b in out.iter_mut().rev() {
        match b.at {
            Some(t) => next = Some(t),
            None => b.at = next,
        }
    }
    out
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}

#[derive(Debug, Default, Clone)]
struct Chan {
    leg: Leg,
    first: f64,
    up: Option<f64>,
    /// The CEL ANSWER time: exact, unlike the carried clock of Newstate.
    cel_up: Option<f64>,
}

/// Parses an AMI event log into calls.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<EventCall> {
    let blocks = blocks(text, ctx);
    if blocks.iter().all(|b| b.at.is_none()) {
        let has_channels = blocks
            .iter()
            .any(|b| !b.get("Uniqueid").is_empty() || !b.get("UniqueID").is_empty());
        if has_channels {
            ctx.error(
                None,
                "AMI events carry no time (no Timestamp header, no CEL EventTime); set `timestampevents = yes` in manager.conf",
            );
        }
        return Vec::new();
    }
    let mut uf = Groups::default();
    let mut chans: HashMap<String, Chan> = HashMap::new();
    let mut by_name: HashMap<String, String> = HashMap::new();
    for b in &blocks {
        let uid = {
            let u = b.get("Uniqueid");
            if u.is_empty() {
                b.get("UniqueID")
            } else {
                u
            }
        };
        let linked = {
            let l = b.get("Linkedid");
            if l.is_empty() {
                b.get("LinkedID")
            } else {
                l
            }
        };
        if !uid.is_empty() {
            uf.find(uid);
            link(&mut uf, uid, linked);
        }
        match b.get("Event") {
            "Dial" | "DialBegin" => {
                let dest = [b.get("DestUniqueID"), b.get("DestUniqueid")]
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .unwrap_or("");
                link(&mut uf, uid, dest);
            }
            "Bridge" | "LocalBridge" => link(&mut uf, b.get("Uniqueid1"), b.get("Uniqueid2")),
            _ => {}
        }
        let channel = b.get("Channel");
        if !uid.is_empty() && !channel.is_empty() {
            if let Some(at) = b.at {
                let c = chans.entry(uid.to_string()).or_insert_with(|| Chan {
                    first: at,
                    ..Chan::default()
                });
                c.leg.channel = channel.trim_end_matches("<ZOMBIE>").to_string();
                let num = [b.get("CallerIDNum"), b.get("CallerIDnum")]
                    .into_iter()
                    .find(|s| !s.is_empty() && *s != "<unknown>");
                if b.get("Event") == "Newchannel" || c.leg.number.is_none() {
                    if let Some(n) = num {
                        c.leg.number = Some(n.to_string());
                    }
                    let name = b.get("CallerIDName");
                    if !name.is_empty() && name != "<unknown>" {
                        c.leg.name = Some(name.to_string());
                    }
                }
                let up = b.get("Event") == "Newstate"
                    && (b.get("ChannelState") == "6" || b.get("ChannelStateDesc") == "Up");
                if up && c.up.is_none() {
                    c.up = Some(at);
                }
                if b.get("Event") == "CEL" && b.get("EventName") == "ANSWER" && c.cel_up.is_none() {
                    c.cel_up = Some(at);
                }
                by_name.insert(c.leg.channel.clone(), uid.to_string());
            }
        }
    }
    // Which call each event belongs to, in one pass.
    let keys = [
        "Uniqueid",
        "UniqueID",
        "TransfererUniqueid",
        "TransfereeUniqueid",
        "OrigTransfererUniqueid",
        "DestUniqueid",
    ];
    let mut per_root: HashMap<String, Vec<&Block>> = HashMap::new();
    for b in &blocks {
        let root = keys
            .iter()
            .map(|k| b.get(k))
            .find(|u| !u.is_empty())
            .map(str::to_string)
            .or_else(|| {
                by_name
                    .get(b.get("Channel").trim_end_matches("<ZOMBIE>"))
                    .cloned()
            });
        if let Some(u) = root {
            let r = uf.find(&u);
            per_root.entry(r).or_default().push(b);
        }
    }
    // Group channels.
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let uids: Vec<String> = chans.keys().cloned().collect();
    for u in uids {
        let root = uf.find(&u);
        groups.entry(root).or_default().push(u);
    }
    let mut out = Vec::new();
    for (root, members) in groups {
        let mut real: Vec<&Chan> = members
            .iter()
            .filter_map(|u| chans.get(u))
            .filter(|c| !is_plumbing(&c.leg.channel))
            .collect();
        if real.is_empty() {
            continue;
        }
        real.sort_by(|a, b| a.first.total_cmp(&b.first));
        let caller = real[0].leg.clone();
        let start = members
            .iter()
            .filter_map(|u| chans.get(u))
            .map(|c| c.first)
            .fold(f64::INFINITY, f64::min);
        let mut events = vec![(0.0, RawEvent::Ring)];
        let callees: Vec<Leg> = real[1..].iter().map(|c| c.leg.clone()).collect();
        if let Some(up) = real[1..]
            .iter()
            .filter_map(|c| c.cel_up.or(c.up))
            .reduce(f64::min)
        {
            events.push((up - start, RawEvent::Answer));
        }
        let mut hold_depth = 0;
        let mut end = start;
        let mut hung_up = false;
        let mut by: Option<Side> = None;
        let mut first_request: Option<String> = None;
        let mut first_hangup: Option<String> = None;
        let mut operator_hint = None;
        let mut tags = BTreeMap::new();
        let mut line = None;
        let side_of = |ch: &str| -> Option<Side> {
            let ch = ch.trim_end_matches("<ZOMBIE>");
            if is_plumbing(ch) {
                None
            } else if ch == caller.channel {
                Some(Side::Caller)
            } else {
                Some(Side::Callee)
            }
        };
        for b in per_root.get(&root).map(Vec::as_slice).unwrap_or(&[]) {
            let Some(at) = b.at else { continue };
            line = line.or(Some(b.line));
            let t = (at - start).max(0.0);
            let ch = b.get("Channel");
            match b.get("Event") {
                "Hold" | "MusicOnHoldStart" => {
                    if hold_depth == 0 {
                        events.push((t, RawEvent::HoldStart));
                    }
                    hold_depth += 1;
                }
                "Unhold" | "MusicOnHoldStop" if hold_depth > 0 => {
                    hold_depth -= 1;
                    if hold_depth == 0 {
                        events.push((t, RawEvent::HoldEnd));
                    }
                }
                "BridgeEnter" if b.get("BridgeTechnology") == "holding_bridge" => {
                    if hold_depth == 0 {
                        events.push((t, RawEvent::HoldStart));
                    }
                    hold_depth += 1;
                }
                "BridgeLeave"
                    if b.get("BridgeTechnology") == "holding_bridge" && hold_depth > 0 =>
                {
                    hold_depth -= 1;
                    if hold_depth == 0 {
                        events.push((t, RawEvent::HoldEnd));
                    }
                }
                "BlindTransfer" => {
                    let to = Some(b.get("Extension").to_string()).filter(|s| !s.is_empty());
                    events.push((t, RawEvent::Transfer(to)));
                }
                "AttendedTransfer" => {
                    let to = [
                        b.get("TransferTargetChannel"),
                        b.get("SecondTransfererConnectedLineNum"),
                    ]
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .map(str::to_string);
                    events.push((t, RawEvent::Transfer(to)));
                }
                "HangupRequest" if first_request.is_none() && !is_plumbing(ch) => {
                    first_request = Some(ch.to_string());
                }
                "Hangup" => {
                    hung_up = true;
                    end = end.max(at);
                    if first_hangup.is_none() && !is_plumbing(ch) {
                        first_hangup = Some(ch.to_string());
                    }
                }
                "AgentConnect" | "AgentComplete" | "QueueCallerJoin" => {
                    operator_hint = Some((
                        Side::Callee,
                        format!("AMI: {} (queue call)", b.get("Event")),
                    ));
                    let q = b.get("Queue");
                    if !q.is_empty() {
                        tags.insert("queue".to_string(), q.to_string());
                    }
                    if b.get("Event") == "AgentComplete" {
                        by = match b.get("Reason").to_ascii_lowercase().as_str() {
                            "caller" => Some(Side::Caller),
                            "agent" => Some(Side::Callee),
                            _ => by,
                        };
                        tags.insert(
                            "ami.agent_complete_reason".into(),
                            b.get("Reason").to_string(),
                        );
                    }
                }
                _ => {}
            }
        }
        if !hung_up {
            ctx.problems.push(
                crate::ImportProblem::warning(
                    ctx.file,
                    line,
                    "no Hangup for this call in the log (the capture ends mid-call); skipped",
                )
                .with_record(&root),
            );
            continue;
        }
        if hold_depth > 0 {
            events.push((end - start, RawEvent::HoldEnd));
        }
        let who = first_request.clone().or(first_hangup);
        if by.is_none() {
            by = who.as_deref().and_then(side_of);
        }
        if let Some(w) = who {
            tags.insert("import.hangup_source".into(), w);
        }
        events.push(((end - start).max(0.0), RawEvent::Hangup(by)));
        tags.insert("import.source".into(), "asterisk-ami".into());
        let Some(started) = clock::from_unix(start, ctx.zone) else {
            ctx.error(line, format!("bad event time {start}"));
            continue;
        };
        let aliases = members.iter().filter(|u| **u != root).cloned().collect();
        out.push(EventCall {
            id: root.clone(),
            aliases,
            file: ctx.file.to_string(),
            line,
            start: started,
            caller,
            callees,
            direction_hint: operator_hint
                .as_ref()
                .map(|_| (Direction::Inbound, "AMI: queue call".to_string())),
            operator_hint,
            events,
            tags,
        });
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    out
}
