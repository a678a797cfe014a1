//! AMI events → calls in progress → v2 messages.
//!
//! Blocks are grouped into calls the way the importer groups an AMI log
//! (`Linkedid`, `Dial*` destinations, `Bridge` pairs). After each event
//! that can change the call, the call's blocks so far are read by the
//! importer's own AMI parser (`callqa_import::ami::parse`) with a
//! placeholder `Hangup` far in the future, so ring, answer, holds,
//! transfers, the queue, the agent and who hung up mean exactly what they
//! mean in an import; the [`Tracker`] sends what is new. The `start` goes
//! out once the call has a called leg, an answer or a queue; the agent is
//! sent in an `update` when its phone rings. When every channel of the call
//! has hung up, the real blocks are parsed once more and the call ends.

use std::collections::{HashMap, HashSet};

use callqa_import::{ami, clock, Mapping, ParseCtx, Zone};
use callqa_model::EventKind;

use super::frame::Block;
use crate::protocol::Message;
use crate::record::call_from_events;
use crate::tracker::Tracker;

/// Seconds after the last event where the placeholder hangup of a call in
/// progress is put; everything from there on is not real.
const PLACEHOLDER: f64 = 1.0e6;

/// At most this many calls in progress; past it the oldest is dropped (a
/// PBX whose hangups were lost while the client was away).
pub const MAX_OPEN_CALLS: usize = 20_000;

/// At most this many blocks kept per call (a looping dialplan); later
/// blocks of that call are not kept, its end still comes.
pub const MAX_BLOCKS_PER_CALL: usize = 20_000;

/// Events after which the call is read again: those the importer turns
/// into events, roles or grouping, and channel renames. The rest
/// (`VarSet`, `Newexten`, `AGIExec`…) are kept for the final read only.
const MEANINGFUL: &[&str] = &[
    "Newchannel",
    "Newstate",
    "NewCallerid",
    "Rename",
    "Masquerade",
    "Hold",
    "Unhold",
    "MusicOnHoldStart",
    "MusicOnHoldStop",
    "BridgeEnter",
    "BridgeLeave",
    "BlindTransfer",
    "AttendedTransfer",
    "AgentConnect",
    "AgentComplete",
    "QueueCallerJoin",
    "Dial",
    "DialBegin",
    "Bridge",
    "LocalBridge",
    "Hangup",
];

#[derive(Debug, Default)]
struct Group {
    /// (arrival number, block text).
    blocks: Vec<(u64, String)>,
    live: HashSet<String>,
    dead: HashSet<String>,
    /// Unix time of the latest timed block.
    last_at: Option<f64>,
    tracker: Tracker,
    first_seq: u64,
    /// Blocks carry `Timestamp` (`timestampevents = yes`): every event has
    /// its own exact time.
    timestamped: bool,
    /// Channels that went `Up` (`Newstate`) with no CEL `ANSWER` yet:
    /// without `Timestamp`, the CEL gives the answer's exact time.
    up_untimed: HashSet<String>,
}

/// The calls in progress on one AMI connection (kept across reconnects:
/// uniqueids outlive the socket).
pub struct AmiCalls {
    mapping: Mapping,
    zone: Option<Zone>,
    parent: HashMap<String, String>,
    groups: HashMap<String, Group>,
    by_channel: HashMap<String, String>,
    seq: u64,
    /// Uniqueids of calls that ended: their late events are ignored.
    finished: HashSet<String>,
    reads: u64,
}

fn uid_of(b: &Block) -> &str {
    let u = b.get("Uniqueid");
    if u.is_empty() {
        b.get("UniqueID")
    } else {
        u
    }
}

const ROUTE_KEYS: [&str; 6] = [
    "Uniqueid",
    "UniqueID",
    "TransfererUniqueid",
    "TransfereeUniqueid",
    "OrigTransfererUniqueid",
    "DestUniqueid",
];

impl AmiCalls {
    /// A tracker with no calls yet; `mapping` says which legs are operators, `zone` reads stamps without an offset.
    pub fn new(mapping: Mapping, zone: Option<Zone>) -> AmiCalls {
        AmiCalls {
            mapping,
            zone,
            parent: HashMap::new(),
            groups: HashMap::new(),
            by_channel: HashMap::new(),
            seq: 0,
            finished: HashSet::new(),
            reads: 0,
        }
    }

    /// How many calls are in progress.
    pub fn open_calls(&self) -> usize {
        self.groups.len()
    }

    /// How many times a call was read with the importer so far (the cost
    /// of following calls: one read per meaningful event).
    pub fn reads(&self) -> u64 {
        self.reads
    }

    fn find(&mut self, x: &str) -> String {
        let mut cur = x.to_string();
        let mut hops = 0;
        while let Some(p) = self.parent.get(&cur) {
            if *p == cur || hops > 10_000 {
                break;
            }
            cur = p.clone();
            hops += 1;
        }
        if cur != x {
            self.parent.insert(x.to_string(), cur.clone());
        }
        cur
    }

    fn union(&mut self, a: &str, b: &str) {
        if a.is_empty() || b.is_empty() || self.finished.contains(a) || self.finished.contains(b) {
            return;
        }
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let ga = self.groups.get(&ra).map(|g| g.first_seq);
        let gb = self.groups.get(&rb).map(|g| g.first_seq);
        // The importer names a call after its oldest uniqueid; so do we.
        let (root, child) = if older(&ra, &rb) { (ra, rb) } else { (rb, ra) };
        self.parent.insert(child.clone(), root.clone());
        if let Some(c) = self.groups.remove(&child) {
            let r = self.groups.entry(root).or_default();
            r.blocks.extend(c.blocks);
            r.blocks.sort_by_key(|(s, _)| *s);
            r.live.extend(c.live);
            r.dead.extend(c.dead);
            r.last_at = match (r.last_at, c.last_at) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            r.timestamped |= c.timestamped;
            r.up_untimed.extend(c.up_untimed);
            r.first_seq = ga.unwrap_or(u64::MAX).min(gb.unwrap_or(u64::MAX));
            if !r.tracker.started() && c.tracker.started() {
                r.tracker = c.tracker;
            }
        }
    }

    /// One block from the socket; the messages it gives.
    pub fn feed(&mut self, b: &Block) -> Vec<Message> {
        let mut out = Vec::new();
        let event = b.get("Event");
        if event.is_empty() {
            return out; // a Response
        }
        let uid = uid_of(b).to_string();
        let route = ROUTE_KEYS
            .iter()
            .map(|k| b.get(k))
            .find(|u| !u.is_empty())
            .map(str::to_string)
            .or_else(|| {
                self.by_channel
                    .get(b.get("Channel").trim_end_matches("<ZOMBIE>"))
                    .cloned()
            });
        let Some(route) = route else {
            return out;
        };
        if self.finished.contains(&route) {
            return out;
        }
        let linked = {
            let l = b.get("Linkedid");
            if l.is_empty() {
                b.get("LinkedID")
            } else {
                l
            }
        };
        if !uid.is_empty() {
            self.union(&uid, linked);
        }
        match event {
            "Dial" | "DialBegin" => {
                let dest = [b.get("DestUniqueID"), b.get("DestUniqueid")]
                    .into_iter()
                    .find(|s| !s.is_empty())
                    .unwrap_or("")
                    .to_string();
                self.union(&uid, &dest);
            }
            "Bridge" | "LocalBridge" => {
                let (a, c) = (
                    b.get("Uniqueid1").to_string(),
                    b.get("Uniqueid2").to_string(),
                );
                self.union(&a, &c);
            }
            _ => {}
        }
        let root = self.find(&route);
        let channel = b.get("Channel").trim_end_matches("<ZOMBIE>").to_string();
        if !uid.is_empty() && !channel.is_empty() {
            self.by_channel.insert(channel, uid.clone());
        }
        self.seq += 1;
        let seq = self.seq;
        if !self.groups.contains_key(&root) && self.groups.len() >= MAX_OPEN_CALLS {
            self.drop_oldest();
        }
        let g = self.groups.entry(root.clone()).or_insert_with(|| Group {
            first_seq: seq,
            ..Group::default()
        });
        if g.blocks.len() < MAX_BLOCKS_PER_CALL {
            g.blocks.push((seq, b.text()));
        }
        g.timestamped |= !b.get("Timestamp").is_empty();
        if event == "Newstate"
            && (b.get("ChannelState") == "6" || b.get("ChannelStateDesc") == "Up")
        {
            g.up_untimed.insert(uid.clone());
        }
        if event == "CEL" && b.get("EventName") == "ANSWER" {
            g.up_untimed.remove(&uid);
        }
        if let Some(t) = block_time(b, self.zone.as_ref()) {
            g.last_at = Some(g.last_at.map_or(t, |l| l.max(t)));
        }
        if !uid.is_empty() {
            if event == "Hangup" {
                g.live.remove(&uid);
                g.dead.insert(uid.clone());
            } else if !g.dead.contains(&uid) {
                g.live.insert(uid.clone());
            }
        }
        if event == "Hangup" && g.live.is_empty() {
            self.finish(&root, &mut out);
        } else if MEANINGFUL.contains(&event) || (event == "CEL" && b.get("EventName") == "ANSWER")
        {
            self.progress(&root, &mut out);
        }
        out
    }

    fn drop_oldest(&mut self) {
        if let Some(k) = self
            .groups
            .iter()
            .min_by_key(|(_, g)| g.first_seq)
            .map(|(k, _)| k.clone())
        {
            self.groups.remove(&k);
        }
    }

    fn parse(&mut self, root: &str, text: &str) -> Option<(callqa_model::Call, bool)> {
        self.reads += 1;
        let mut ctx = ParseCtx::new("ami", self.zone.as_ref());
        let calls = ami::parse(text, &mut ctx);
        let ev = calls
            .iter()
            .find(|c| c.id == root)
            .or_else(|| calls.first())?;
        // A called leg on the caller's own device is the other half of an
        // Asterisk 11 masquerade, not a callee (it is renamed `<ZOMBIE>`
        // and dropped once the masquerade completes).
        let callee = ev
            .callees
            .iter()
            .any(|l| device(&l.channel) != device(&ev.caller.channel));
        let ready = callee || ev.operator_hint.is_some() || ev.tags.contains_key("queue");
        let (call, known) = call_from_events(ev, &self.mapping);
        ready.then_some((call, known))
    }

    fn text(g: &Group) -> String {
        let mut s = String::new();
        for (_, t) in &g.blocks {
            s.push_str(t);
            s.push('\n');
        }
        s
    }

    fn progress(&mut self, root: &str, out: &mut Vec<Message>) {
        let Some(g) = self.groups.get(root) else {
            return;
        };
        let Some(last) = g.last_at else { return };
        let answer_untimed = !g.timestamped && !g.up_untimed.is_empty();
        let mut text = AmiCalls::text(g);
        text.push_str(&format!(
            "Event: Hangup\nTimestamp: {:.6}\nUniqueid: {root}\n\n",
            last + PLACEHOLDER
        ));
        let Some((mut call, known)) = self.parse(root, &text) else {
            return;
        };
        // The placeholder end says nothing about who hung up.
        call.tags.retain(|k, _| !k.starts_with("import.hangup"));
        let until = call
            .events
            .iter()
            .rev()
            .find(|e| matches!(e.kind, EventKind::Hangup { .. }))
            .map(|e| e.at - PLACEHOLDER / 2.0)
            .unwrap_or(f64::INFINITY);
        if answer_untimed {
            // Without `Timestamp` a `Newstate Up` is timed by the last CEL
            // event, seconds early; the answer (and what follows it) waits
            // for the CEL `ANSWER`, as the importer times it.
            if let Some(i) = call.events.iter().position(|e| e.kind == EventKind::Answer) {
                call.events.truncate(i);
            }
        }
        if let Some(g) = self.groups.get_mut(root) {
            g.tracker.progress(&call, known, until, out);
        }
    }

    fn finish(&mut self, root: &str, out: &mut Vec<Message>) {
        let Some(mut g) = self.groups.remove(root) else {
            return;
        };
        let text = AmiCalls::text(&g);
        if let Some((call, _)) = self.parse(root, &text) {
            g.tracker.finish(&call, out);
        }
        let members: Vec<String> = g.live.iter().chain(g.dead.iter()).cloned().collect();
        for m in members {
            self.parent.remove(&m);
            self.finished.insert(m);
        }
        self.parent.remove(root);
        self.finished.insert(root.to_string());
        self.by_channel.retain(|_, u| !self.finished.contains(u));
        if self.finished.len() > 4 * MAX_OPEN_CALLS {
            self.finished.clear();
        }
    }
}

/// A channel's device without the masquerade marks: `SIP/bob-0000001a<MASQ>`
/// → `SIP/bob`.
fn device(channel: &str) -> String {
    let base = channel.split('<').next().unwrap_or(channel);
    callqa_import::parts::Leg {
        channel: base.to_string(),
        ..Default::default()
    }
    .device()
    .to_string()
}

/// The Unix time of a block: `Timestamp`, else a CEL `EventTime`.
fn block_time(b: &Block, zone: Option<&Zone>) -> Option<f64> {
    if let Some(t) = clock::unix_guess_unit(b.get("Timestamp")) {
        return Some(t);
    }
    if b.get("Event") == "CEL" {
        let s = clock::parse(b.get("EventTime"), zone)?;
        return Some(s.at.unix_timestamp_nanos() as f64 / 1e9);
    }
    None
}

/// Uniqueids are `[system-]epoch.sequence`: the older sorts first (the
/// importer's rule for naming a call).
fn older(a: &str, b: &str) -> bool {
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
