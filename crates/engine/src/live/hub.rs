//! The hub: the live calls of one stream or socket by call id. Each message
//! costs work in proportion to what it adds: a re-sent segment replaces the
//! earlier text of that segment; a final waits in a small reorder buffer
//! (finals of two channels may come out of start order by up to
//! [`REORDER_SECS`]) and is then evaluated once, in start order.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use callqa_model::limits::{MAX_RECORD_BYTES, MAX_STRING_BYTES};
use callqa_model::{
    call_from_json, Call, Client, Event, Operator, Outcome, Party, Utterance, Verdict,
};
use serde_json::Value;

use super::prompts::{CallPrompts, PROMPT_GAP_SECS};
use super::protocol::{In, Out, UtteranceIn};
use super::validate::{admit, Admitted, Item, Timeline};
use crate::batch::Batch;
use crate::session::Session;
use crate::standard::Standard;

/// How far (seconds of the call's clock) a final may come before a final of
/// the other channel that starts earlier.
pub const REORDER_SECS: f64 = 10.0;

/// Most segments of one call that may be open (not final) at once.
pub const MAX_OPEN_SEGMENTS: usize = 256;

/// A refused message: which call, if known, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveError {
    /// The call the message was for, when it says.
    pub call: Option<String>,
    /// What was wrong, naming the field and quoting the value.
    pub message: String,
}

impl LiveError {
    fn new(call: Option<&str>, message: impl Into<String>) -> LiveError {
        LiveError {
            call: call.map(str::to_string),
            message: message.into(),
        }
    }

    /// The `error` message of the protocol for this problem, at a line of
    /// a stream (`line`) or a frame of a socket (`frame`).
    pub fn to_out(&self, line: Option<u64>, frame: Option<u64>) -> Out {
        Out::Error {
            call: self.call.clone(),
            line,
            frame,
            message: self.message.clone(),
        }
    }
}

impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LiveError {}

struct LiveCall {
    session: Session,
    timeline: Timeline,
    /// Segments not final yet, by id.
    open: HashMap<String, Utterance>,
    /// Segment ids already final.
    closed: HashSet<String>,
    /// Finals (and, once segments are in use, events) waiting for the
    /// reorder window, by (time, events first, arrival).
    ready: BTreeMap<(Start, u8, u64), Pending>,
    /// The stream sends segments: events wait for the transcript to catch
    /// up with them.
    segmented: bool,
    /// Latest start of a final per speaker (operator, client).
    last_final: [f64; 2],
    /// The latest time the call's messages reached.
    clock: f64,
    seq: u64,
    operator_missing: bool,
    /// Prompts, when the standard has any with a trigger.
    prompts: Option<CallPrompts>,
    /// The wall time (seconds) and the call's clock when it started: wall
    /// ticks map one onto the other.
    wall_base: (f64, f64),
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct Start(f64);

impl Eq for Start {}

impl PartialOrd for Start {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Start {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// A final utterance or an event waiting in the reorder buffer.
enum Pending {
    Event(Event),
    Utterance(Utterance),
}

fn side(p: Party) -> usize {
    match p {
        Party::Operator => 0,
        Party::Client => 1,
    }
}

/// The live calls of one stream, by call id.
pub struct Hub {
    std: Arc<Standard>,
    calls: BTreeMap<String, LiveCall>,
    prompt_gap: f64,
    /// The latest wall time given to [`Hub::wall_tick`].
    wall: f64,
    /// The stream sent a tick: it runs on its own clock only.
    own_clock: bool,
    keep_finished: bool,
    finished: Vec<Call>,
}

impl Hub {
    /// A hub evaluating against `std`.
    pub fn new(std: Arc<Standard>) -> Hub {
        Hub {
            std,
            calls: BTreeMap::new(),
            prompt_gap: PROMPT_GAP_SECS,
            wall: 0.0,
            own_clock: false,
            keep_finished: false,
            finished: Vec::new(),
        }
    }

    /// Sets the least gap between two prompts of one call, in seconds of
    /// its clock (default [`PROMPT_GAP_SECS`]); a prompt fired sooner waits
    /// for the gap and is dropped once past its window.
    pub fn with_prompt_gap(mut self, secs: f64) -> Hub {
        self.prompt_gap = secs.max(0.0);
        self
    }

    /// Keeps the record of each call that ends, as received, for
    /// [`Hub::take_finished`] (a server stores them like ingested calls).
    pub fn keep_finished(mut self) -> Hub {
        self.keep_finished = true;
        self
    }

    /// The records of the calls ended since the last call, in end order.
    pub fn take_finished(&mut self) -> Vec<Call> {
        std::mem::take(&mut self.finished)
    }

    /// The ids of the open calls with their records as received so far.
    pub fn calls(&self) -> impl Iterator<Item = (&str, &Call)> + '_ {
        self.calls
            .iter()
            .map(|(id, c)| (id.as_str(), c.session.call()))
    }

    /// Time passes on the wall clock (`now`, seconds): each call's clock
    /// moves on by the wall time since it started, unless the stream sends
    /// its own ticks (then wall ticks do nothing, so a replay stays
    /// deterministic). The server calls this on a timer and before each
    /// frame.
    pub fn wall_tick(&mut self, now: f64, out: &mut Vec<Out>) {
        let mark = out.len();
        self.wall = now;
        if self.own_clock {
            return;
        }
        for (id, live) in &mut self.calls {
            let (wall, clock) = live.wall_base;
            let t = clock + (now - wall);
            if t > live.clock {
                live.clock = t;
                live.release(id, false, out);
                live.tick_prompts(id, out);
            }
        }
        self.verdicts_to_prompts(mark, out);
    }

    /// How many calls are open.
    pub fn open_calls(&self) -> usize {
        self.calls.len()
    }

    /// Takes one line (a text frame) of the protocol: checks its size and
    /// UTF-8, parses it and pushes it. A refused line changes nothing.
    pub fn push_line(&mut self, line: &[u8], out: &mut Vec<Out>) -> Result<(), LiveError> {
        if line.len() > MAX_RECORD_BYTES {
            return Err(LiveError::new(
                None,
                format!(
                    "the message is {} bytes, more than the limit of {MAX_RECORD_BYTES}",
                    line.len()
                ),
            ));
        }
        let text = std::str::from_utf8(line).map_err(|e| {
            LiveError::new(
                None,
                format!("not valid UTF-8 (at byte {})", e.valid_up_to()),
            )
        })?;
        let msg: In = serde_json::from_str(text)
            .map_err(|e| LiveError::new(None, format!("not a live envelope: {e}")))?;
        self.push(msg, out)
    }

    /// Takes one message; appends what it decided to `out`.
    pub fn push(&mut self, msg: In, out: &mut Vec<Out>) -> Result<(), LiveError> {
        let mark = out.len();
        let result = self.push_message(msg, out);
        self.verdicts_to_prompts(mark, out);
        result
    }

    /// Shows the verdicts decided since `mark` to the prompts of their
    /// calls (`rule_failed`).
    fn verdicts_to_prompts(&mut self, mark: usize, out: &mut Vec<Out>) {
        let failed: Vec<(String, f64, Verdict)> = out[mark..]
            .iter()
            .filter_map(|m| match m {
                Out::Verdict { call, at, data } if data.outcome == Outcome::Fail => {
                    Some((call.clone(), *at, data.clone()))
                }
                _ => None,
            })
            .collect();
        for (call, at, v) in failed {
            if let Some(p) = self.calls.get_mut(&call).and_then(|l| l.prompts.as_mut()) {
                p.verdict(&call, at, &v, out);
            }
        }
    }

    fn push_message(&mut self, msg: In, out: &mut Vec<Out>) -> Result<(), LiveError> {
        match msg {
            In::Start { call } => self.start(call),
            In::Update {
                call,
                operator,
                client,
                queue,
                tags,
            } => {
                let live = self.get(&call, "update")?;
                let err = |m: String| LiveError::new(Some(&call), m);
                let operator = operator.map(|v| operator_of(&v)).transpose().map_err(err)?;
                let client = client.map(|v| client_of(&v)).transpose().map_err(err)?;
                let mut tags = tags.unwrap_or_default();
                if let Some(q) = queue {
                    tags.insert("queue".into(), q);
                }
                if let Some((k, v)) = tags
                    .iter()
                    .find(|(k, v)| k.len() > MAX_STRING_BYTES || v.len() > MAX_STRING_BYTES)
                {
                    return Err(err(format!(
                        "tags: \"{}\" is longer than {MAX_STRING_BYTES} bytes",
                        if k.len() > MAX_STRING_BYTES { k } else { v }
                    )));
                }
                if operator.is_some() {
                    live.operator_missing = false;
                }
                live.session.update(operator, client, tags);
                Ok(())
            }
            In::Event { call, event } => {
                let live = self.get(&call, "event")?;
                let Admitted::Event(e) = admit(&mut live.timeline, Item::Event(event))
                    .map_err(|m| LiveError::new(Some(&call), m))?
                else {
                    unreachable!("an event is admitted as an event")
                };
                live.clock = live.clock.max(e.at);
                if let Some(p) = &mut live.prompts {
                    p.event(&call, &e, out);
                }
                if live.segmented {
                    live.seq += 1;
                    live.ready
                        .insert((Start(e.at), 0, live.seq), Pending::Event(e));
                } else {
                    let at = e.at;
                    let decided = live.session.push_event(e);
                    emit(out, &call, at, decided);
                }
                live.release(&call, false, out);
                live.tick_prompts(&call, out);
                Ok(())
            }
            In::Utterance {
                call,
                utterance,
                segment,
                is_final,
                stable_chars,
            } => {
                let live = self.get(&call, "utterance")?;
                live.utterance(&call, utterance, segment, is_final, stable_chars, out)
                    .map_err(|m| LiveError::new(Some(&call), m))?;
                live.tick_prompts(&call, out);
                Ok(())
            }
            In::Tick { call, at } => {
                if !at.is_finite() || at < 0.0 {
                    return Err(LiveError::new(
                        call.as_deref(),
                        format!("tick.at: {at} is not a time in seconds ≥ 0"),
                    ));
                }
                self.own_clock = true;
                match call {
                    Some(id) => {
                        let live = self.get(&id, "tick")?;
                        live.clock = live.clock.max(at);
                        live.release(&id, false, out);
                        live.tick_prompts(&id, out);
                    }
                    None => {
                        for (id, live) in &mut self.calls {
                            live.clock = live.clock.max(at);
                            live.release(id, false, out);
                            live.tick_prompts(id, out);
                        }
                    }
                }
                Ok(())
            }
            In::End { call, at } => {
                if let Some(at) = at {
                    if !at.is_finite() || at < 0.0 {
                        return Err(LiveError::new(
                            Some(&call),
                            format!("end.at: {at} is not a time in seconds ≥ 0"),
                        ));
                    }
                }
                if !self.calls.contains_key(&call) {
                    return Err(LiveError::new(
                        Some(&call),
                        format!("end of call \"{call}\", which has not started"),
                    ));
                }
                if let Some(at) = at {
                    let live = self.get(&call, "end")?;
                    live.clock = live.clock.max(at);
                }
                self.end(&call, out);
                Ok(())
            }
        }
    }

    /// Ends every open call (the stream is over), in order of id; returns
    /// their ids.
    pub fn finish(&mut self, out: &mut Vec<Out>) -> Vec<String> {
        let ids: Vec<String> = self.calls.keys().cloned().collect();
        for id in &ids {
            self.end(id, out);
        }
        ids
    }

    fn get(&mut self, call: &str, what: &str) -> Result<&mut LiveCall, LiveError> {
        self.calls.get_mut(call).ok_or_else(|| {
            LiveError::new(
                Some(call),
                format!("{what} for call \"{call}\", which has not started"),
            )
        })
    }

    fn start(&mut self, mut value: Value) -> Result<(), LiveError> {
        let id = value.get("id").and_then(Value::as_str).map(str::to_string);
        let Some(obj) = value.as_object_mut() else {
            return Err(LiveError::new(None, "start: call: not a JSON object"));
        };
        let operator_missing = !obj.contains_key("operator");
        if operator_missing {
            obj.insert("operator".into(), serde_json::json!({"id": "unknown"}));
        }
        let call = call_from_json(&value)
            .map_err(|e| LiveError::new(id.as_deref(), format!("start: {e}")))?;
        if self.calls.contains_key(&call.id) {
            return Err(LiveError::new(
                Some(&call.id),
                format!("call \"{}\" has already started", call.id),
            ));
        }
        let timeline = Timeline::of(&call.events, &call.utterances);
        let mut last_final = [0.0; 2];
        for u in &call.utterances {
            last_final[side(u.speaker)] = u.start;
        }
        let clock = call.ended_at();
        let id = call.id.clone();
        let session = Session::new(self.std.clone(), call);
        let prompts = CallPrompts::active(&self.std)
            .then(|| CallPrompts::new(self.std.clone(), self.prompt_gap));
        self.calls.insert(
            id,
            LiveCall {
                session,
                timeline,
                open: HashMap::new(),
                closed: HashSet::new(),
                ready: BTreeMap::new(),
                segmented: false,
                last_final,
                clock,
                seq: 0,
                operator_missing,
                prompts,
                wall_base: (self.wall, clock),
            },
        );
        Ok(())
    }

    fn end(&mut self, call: &str, out: &mut Vec<Out>) {
        let Some(mut live) = self.calls.remove(call) else {
            return;
        };
        // The recogniser never finalised these: their last text is final.
        let mut open: Vec<Utterance> = live.open.drain().map(|(_, u)| u).collect();
        open.sort_by(|a, b| a.start.total_cmp(&b.start));
        for u in open {
            live.seq += 1;
            live.ready
                .insert((Start(u.start), 1, live.seq), Pending::Utterance(u));
        }
        live.release(call, true, out);
        let at = live.clock;
        if let Some(p) = &mut live.prompts {
            p.clock(call, at, out);
            p.end(call, at, out);
        }
        if live.operator_missing {
            let tags = BTreeMap::from([("import.operator".to_string(), "unknown".to_string())]);
            live.session.update(None, None, tags);
        }
        if self.keep_finished {
            self.finished.push(live.session.call().clone());
        }
        let mut batch = Batch::new(self.std.clone());
        batch.push(live.session.finish());
        if let Some(audit) = batch.finish().pop() {
            out.push(Out::Audit {
                call: call.to_string(),
                data: audit,
            });
        }
    }
}

impl LiveCall {
    fn utterance(
        &mut self,
        call: &str,
        u: UtteranceIn,
        segment: Option<String>,
        is_final: bool,
        stable_chars: Option<usize>,
        out: &mut Vec<Out>,
    ) -> Result<(), String> {
        if let Some(n) = stable_chars {
            let chars = u.text.chars().count();
            if n > chars {
                return Err(format!(
                    "stable_chars: {n} is more than the {chars} characters of the text"
                ));
            }
        }
        let Admitted::Utterance(u) = admit(&mut self.timeline, Item::Segment(u))? else {
            unreachable!("a segment is admitted as an utterance")
        };
        self.clock = self.clock.max(u.end);
        match segment {
            None if !is_final => {
                return Err("utterance: a non-final utterance needs a \"segment\" id".into())
            }
            None if self.segmented => {
                self.hear(call, &u, None, None, out);
                // A final without an id among segments waits like one.
                let s = side(u.speaker);
                self.last_final[s] = self.last_final[s].max(u.start);
                self.seq += 1;
                self.ready
                    .insert((Start(u.start), 1, self.seq), Pending::Utterance(u));
                self.release(call, false, out);
            }
            None => {
                // Version 1: utterances come in start order, evaluated now.
                let (speaker, span) = (u.speaker, (u.start, u.end));
                self.evaluate(call, u, out)?;
                if let Some(p) = &mut self.prompts {
                    p.speech(call, speaker, span, self.session.last_sets(), None, out);
                }
            }
            Some(id) => {
                if id.len() > MAX_STRING_BYTES {
                    return Err(format!("segment: longer than {MAX_STRING_BYTES} bytes"));
                }
                self.segmented = true;
                if self.closed.contains(&id) {
                    return Err(format!("segment \"{id}\" is already final"));
                }
                if !is_final && !self.open.contains_key(&id) && self.open.len() >= MAX_OPEN_SEGMENTS
                {
                    return Err(format!(
                        "segment \"{id}\": more than {MAX_OPEN_SEGMENTS} segments open at once"
                    ));
                }
                self.hear(
                    call,
                    &u,
                    Some(&id),
                    (!is_final).then_some(stable_chars),
                    out,
                );
                if is_final {
                    self.open.remove(&id);
                    self.closed.insert(id);
                    let s = side(u.speaker);
                    self.last_final[s] = self.last_final[s].max(u.start);
                    self.seq += 1;
                    self.ready
                        .insert((Start(u.start), 1, self.seq), Pending::Utterance(u));
                } else {
                    self.open.insert(id, u);
                }
                self.release(call, false, out);
            }
        }
        Ok(())
    }

    /// Shows speech to the prompts as it arrives, before the reorder
    /// buffer: a final whole, an open segment by its stable text only
    /// (`stable` = `Some(stable_chars)`).
    fn hear(
        &mut self,
        call: &str,
        u: &Utterance,
        segment: Option<&str>,
        stable: Option<Option<usize>>,
        out: &mut Vec<Out>,
    ) {
        let Some(p) = &mut self.prompts else { return };
        let text = match stable {
            None => u.text.as_str(),
            Some(None) | Some(Some(0)) => return,
            Some(Some(n)) => match u.text.char_indices().nth(n) {
                Some((byte, _)) => &u.text[..byte],
                None => u.text.as_str(),
            },
        };
        let sets = self.session.sets_in(text);
        p.speech(call, u.speaker, (u.start, u.end), sets, segment, out);
    }

    /// Runs the prompts' clock to the call's clock.
    fn tick_prompts(&mut self, call: &str, out: &mut Vec<Out>) {
        let now = self.clock;
        if let Some(p) = &mut self.prompts {
            p.clock(call, now, out);
        }
    }

    /// Evaluates the buffered finals and events that can no longer be
    /// preceded by another (all of them when `all`), in time order: nothing
    /// open starts before it, and every channel has a final at or after it
    /// (for a final: the other channel) or the clock is past it by
    /// [`REORDER_SECS`].
    fn release(&mut self, call: &str, all: bool, out: &mut Vec<Out>) {
        while let Some(entry) = self.ready.first_entry() {
            let (Start(t), _, _) = *entry.key();
            if !all {
                let earlier_open = self.open.values().any(|o| o.start < t);
                let caught_up = match entry.get() {
                    Pending::Utterance(u) => self.last_final[1 - side(u.speaker)] >= t,
                    Pending::Event(_) => self.last_final.iter().all(|&s| s >= t),
                };
                let waited = self.clock >= t + REORDER_SECS;
                if earlier_open || !(caught_up || waited) {
                    break;
                }
            }
            match entry.remove() {
                Pending::Event(e) => {
                    let at = e.at;
                    let decided = self.session.push_event(e);
                    emit(out, call, at, decided);
                }
                // A final beyond the reorder window is reported, not lost.
                Pending::Utterance(u) => {
                    if let Err(message) = self.evaluate(call, u, out) {
                        out.push(Out::Error {
                            call: Some(call.to_string()),
                            line: None,
                            frame: None,
                            message,
                        });
                    }
                }
            }
        }
    }

    fn evaluate(&mut self, call: &str, u: Utterance, out: &mut Vec<Out>) -> Result<(), String> {
        let Admitted::Utterance(u) = admit(&mut self.timeline, Item::Release(u))? else {
            unreachable!("a release is admitted as an utterance")
        };
        let at = u.end;
        let decided = self.session.push_utterance(u);
        emit(out, call, at, decided);
        Ok(())
    }
}

fn emit(out: &mut Vec<Out>, call: &str, at: f64, decided: Vec<Verdict>) {
    for v in decided {
        out.push(Out::Verdict {
            call: call.to_string(),
            at,
            data: v,
        });
    }
}

fn string_field(v: &Value, obj: &str, key: &str) -> Result<Option<String>, String> {
    match v.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.len() > MAX_STRING_BYTES => {
            Err(format!("{obj}.{key}: longer than {MAX_STRING_BYTES} bytes"))
        }
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!("{obj}.{key}: expected a string, got {other}")),
    }
}

fn operator_of(v: &Value) -> Result<Operator, String> {
    if !v.is_object() {
        return Err(format!("operator: expected an object, got {v}"));
    }
    let id = string_field(v, "operator", "id")?
        .filter(|s| !s.is_empty())
        .ok_or("operator.id: missing")?;
    Ok(Operator {
        id,
        name: string_field(v, "operator", "name")?,
    })
}

fn client_of(v: &Value) -> Result<Client, String> {
    if !v.is_object() {
        return Err(format!("client: expected an object, got {v}"));
    }
    let third_party = match v.get("third_party") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(other) => {
            return Err(format!(
                "client.third_party: expected true or false, got {other}"
            ))
        }
    };
    Ok(Client {
        id: string_field(v, "client", "id")?,
        name: string_field(v, "client", "name")?,
        number: string_field(v, "client", "number")?,
        third_party,
    })
}
