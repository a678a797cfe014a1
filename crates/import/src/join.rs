//! Joining telephony calls and transcripts into call records: matching by
//! call id, resolving speakers to roles, dropping text recognised inside
//! holds or below the confidence thresholds, and enforcing the record's
//! invariants (events non-decreasing and ending in `hangup`/`drop`, holds
//! paired, utterances sorted with `end >= start`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use callqa_model::{
    validate_call, Call, Client, Direction, Event, EventKind, Operator, Party, RepairKind,
    Utterance,
};

use crate::error::ImportProblem;
use crate::parts::{role_label, EventCall, RawEvent, Side, SpeakerRef, Transcript};
use crate::roles::{Mapping, RecordingStart};

/// Builds the call skeleton (no utterances) of a telephony call; a mapping
/// that cannot tell the operator's side is a warning of the call's line.
pub(crate) fn call_from_events(
    ev: &EventCall,
    mapping: &Mapping,
    problems: &mut Vec<ImportProblem>,
) -> Call {
    let skeleton = skeleton(ev, mapping);
    if let Some(msg) = skeleton.roles_problem {
        problems.push(ImportProblem::warning(&ev.file, ev.line, msg).with_record(&ev.id));
    }
    skeleton.call
}

/// A telephony call made into the record's terms, before the record's
/// invariants are applied: what the importer and the live sources (which
/// build the same record from the same session) share.
#[derive(Clone, Debug)]
pub struct Skeleton {
    /// The call: direction, operator, client, tags and events; no utterances.
    pub call: Call,
    /// Why the operator's side could not be told (the call is then assumed
    /// inbound and tagged `import.roles = assumed inbound`).
    pub roles_problem: Option<String>,
    /// Whether the operator's leg is known yet (a number or a device: a
    /// queue call knows its agent only once the agent's phone rings).
    pub operator_known: bool,
}

/// The call skeleton of `ev` under `mapping`: which leg is the operator's,
/// the direction, the operator and client from their legs, the events with
/// `hangup.by` in the record's terms.
pub fn skeleton(ev: &EventCall, mapping: &Mapping) -> Skeleton {
    let mut tags = ev.tags.clone();
    let mut roles_problem = None;
    let op_side = match mapping.operator_side(ev) {
        Ok((side, why)) => {
            tags.insert("import.roles".into(), why);
            side
        }
        Err(msg) => {
            roles_problem = Some(msg);
            tags.insert("import.roles".into(), "assumed inbound".into());
            Side::Callee
        }
    };
    let direction = match op_side {
        Side::Callee => Direction::Inbound,
        Side::Caller => Direction::Outbound,
    };
    let callee = ev.callees.first().cloned().unwrap_or_default();
    let (op_leg, cl_leg) = match op_side {
        Side::Callee => (&callee, &ev.caller),
        Side::Caller => (&ev.caller, &callee),
    };
    let operator_known =
        op_leg.number.as_deref().is_some_and(|n| !n.is_empty()) || !op_leg.device().is_empty();
    let operator = Operator {
        id: op_leg
            .number
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| {
                let d = op_leg.device();
                if d.is_empty() {
                    "unknown".to_string()
                } else {
                    d.to_string()
                }
            }),
        name: op_leg
            .name
            .clone()
            .filter(|n| Some(n) != op_leg.number.as_ref()),
    };
    let client = Client {
        number: cl_leg.number.clone().filter(|n| !n.is_empty()),
        name: cl_leg
            .name
            .clone()
            .filter(|n| !n.is_empty() && Some(n) != cl_leg.number.as_ref()),
        ..Client::default()
    };
    let mut events = Vec::with_capacity(ev.events.len());
    for (at, raw) in &ev.events {
        let kind = match raw {
            RawEvent::Ring => EventKind::Ring,
            RawEvent::Answer => EventKind::Answer,
            RawEvent::HoldStart => EventKind::HoldStart,
            RawEvent::HoldEnd => EventKind::HoldEnd,
            RawEvent::Transfer(to) => EventKind::Transfer { to: to.clone() },
            RawEvent::Drop => EventKind::Drop,
            RawEvent::Hangup(Some(side)) => EventKind::Hangup {
                by: if *side == op_side {
                    Party::Operator
                } else {
                    Party::Client
                },
            },
            RawEvent::Hangup(None) => {
                tags.insert("import.hangup_by".into(), "unknown".into());
                EventKind::Hangup { by: Party::Client }
            }
        };
        events.push(Event { at: *at, kind });
    }
    let call = Call {
        id: ev.id.clone(),
        direction,
        started_at: Some(ev.start),
        language: None,
        company: None,
        department: None,
        operator,
        client,
        tags,
        events,
        utterances: Vec::new(),
    };
    Skeleton {
        call,
        roles_problem,
        operator_known,
    }
}

/// A transcript-only call (no telephony record matched).
pub(crate) fn call_from_transcripts(ts: &[&Transcript], mapping: &Mapping) -> Call {
    let first = ts[0];
    let mut tags = BTreeMap::new();
    for t in ts {
        tags.extend(t.tags.clone());
    }
    let direction = match ts
        .iter()
        .find_map(|t| t.direction)
        .or(mapping.default_direction)
    {
        Some(d) => d,
        None => {
            tags.insert("import.direction".into(), "assumed inbound".into());
            Direction::Inbound
        }
    };
    if first.events.is_empty() {
        tags.insert("import.events".into(), "none".into());
    }
    Call {
        id: first.id.clone(),
        direction,
        started_at: first.started_at,
        language: ts.iter().find_map(|t| t.language),
        company: None,
        department: None,
        operator: Operator {
            id: ts
                .iter()
                .find_map(|t| t.operator_id.clone())
                .unwrap_or_else(|| "unknown".into()),
            name: ts.iter().find_map(|t| t.operator_name.clone()),
        },
        client: Client::default(),
        tags,
        events: first
            .events
            .iter()
            .map(|(at, k)| Event {
                at: *at,
                kind: k.clone(),
            })
            .collect(),
        utterances: Vec::new(),
    }
}

/// Adds the utterances of `ts` (one call's transcripts) to `call`.
pub(crate) fn attach(
    call: &mut Call,
    ts: &[&Transcript],
    mapping: &Mapping,
    problems: &mut Vec<ImportProblem>,
) {
    let offset = match mapping.recording_starts_at {
        RecordingStart::Answer => call.answered_at().unwrap_or(0.0),
        RecordingStart::Ring => 0.0,
    };
    let offset = if ts.iter().any(|t| !t.events.is_empty()) {
        0.0 // the transcript's own timeline (Harper Valley)
    } else {
        offset
    };
    let holds = hold_intervals(call);
    // Stereo pairs: is a half missing?
    let channels: BTreeSet<u32> = ts.iter().filter_map(|t| t.channel).collect();
    if !channels.is_empty() {
        for (ch, party) in &mapping.channels {
            if !channels.contains(ch) {
                let file = &ts[0].file;
                problems.push(
                    ImportProblem::warning(
                        file,
                        None,
                        format!(
                            "stereo pair: no transcript for channel {ch} ({}); that side's words are missing",
                            party.as_str()
                        ),
                    )
                    .with_record(&call.id),
                );
                call.tags.insert(
                    "import.missing_channel".into(),
                    format!("{ch} ({})", party.as_str()),
                );
            }
        }
    }
    // Diariser labels without a role: first speaker after the answer.
    let first_party = match call.direction {
        Direction::Inbound => mapping.first_speaker_inbound,
        Direction::Outbound => mapping.first_speaker_inbound.other(),
    };
    let mut label_roles: HashMap<String, Party> = HashMap::new();
    let mut heuristic: Vec<String> = Vec::new();
    let mut order: Vec<(f64, String)> = Vec::new();
    for t in ts {
        for s in &t.segments {
            if let SpeakerRef::Label(l) = &s.speaker {
                if mapping.speakers.contains_key(l) || role_label(l).is_some() {
                    continue;
                }
                if !order.iter().any(|(_, x)| x == l) {
                    order.push((s.start, l.clone()));
                } else if let Some(o) = order.iter_mut().find(|(_, x)| x == l) {
                    o.0 = o.0.min(s.start);
                }
            }
        }
    }
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (i, (_, l)) in order.iter().enumerate() {
        let p = if i == 0 {
            first_party
        } else {
            first_party.other()
        };
        label_roles.insert(l.clone(), p);
        heuristic.push(format!("{l} → {}", p.as_str()));
    }
    if order.len() > 2 {
        problems.push(
            ImportProblem::warning(
                &ts[0].file,
                None,
                format!(
                    "{} diarised speakers for a two-party call; all but the first were taken as the {} — map them in `[speakers]`",
                    order.len(),
                    first_party.other().as_str()
                ),
            )
            .with_record(&call.id),
        );
    }
    if !heuristic.is_empty() {
        call.tags.insert(
            "import.speakers".into(),
            format!(
                "first speaker after answer heuristic: {}",
                heuristic.join(", ")
            ),
        );
    }
    let (mut in_hold, mut low_conf, mut no_speech, mut unknown, mut noise) = (0, 0, 0, 0, 0);
    for t in ts {
        for s in &t.segments {
            let speaker = match &s.speaker {
                SpeakerRef::Role(p) => Some(*p),
                SpeakerRef::Channel(c) => mapping.channels.get(c).copied(),
                SpeakerRef::Label(l) => mapping
                    .speakers
                    .get(l)
                    .copied()
                    .or_else(|| role_label(l))
                    .or_else(|| label_roles.get(l).copied()),
                SpeakerRef::Unknown => t.channel.and_then(|c| mapping.channels.get(&c).copied()),
            };
            let Some(speaker) = speaker else {
                unknown += 1;
                if unknown == 1 {
                    problems.push(
                        ImportProblem::error(
                            &t.file,
                            s.line,
                            format!(
                                "cannot tell who spoke {:?} (speaker {:?}): the transcript has no channel, role or diariser label; map channels in the mapping file or name the file `<id>.ch0.<ext>`",
                                truncate(&s.text),
                                s.speaker
                            ),
                        )
                        .with_record(&call.id),
                    );
                }
                continue;
            };
            if is_noise(&s.text) {
                noise += 1;
                continue;
            }
            if s.no_speech_prob
                .is_some_and(|p| p > mapping.max_no_speech_prob)
            {
                no_speech += 1;
                continue;
            }
            if s.confidence.is_some_and(|c| c < mapping.min_confidence) {
                low_conf += 1;
                continue;
            }
            let (start, end) = (s.start + offset, s.end + offset);
            let mid = (start + end) / 2.0;
            if holds.iter().any(|(a, b)| mid > *a && mid < *b) {
                in_hold += 1;
                continue;
            }
            let words = s
                .words
                .iter()
                .map(|w| {
                    let mut w = w.clone();
                    w.start = w.start.map(|x| x + offset);
                    w.end = w.end.map(|x| x + offset);
                    w
                })
                .collect();
            call.utterances.push(Utterance {
                speaker,
                start,
                end,
                text: s.text.trim().to_string(),
                words,
            });
        }
    }
    let mut dropped = Vec::new();
    if in_hold > 0 {
        dropped.push(format!("{in_hold} segments inside hold"));
    }
    if low_conf > 0 {
        dropped.push(format!(
            "{low_conf} segments below confidence {:.2}",
            mapping.min_confidence
        ));
    }
    if no_speech > 0 {
        dropped.push(format!(
            "{no_speech} segments with no_speech_prob above {:.2}",
            mapping.max_no_speech_prob
        ));
    }
    if noise > 0 {
        dropped.push(format!("{noise} non-speech markers"));
    }
    if unknown > 0 {
        dropped.push(format!("{unknown} segments with unknown speaker"));
    }
    if !dropped.is_empty() {
        call.tags
            .insert("import.dropped".into(), dropped.join(", "));
    }
    if call.language.is_none() {
        call.language = ts.iter().find_map(|t| t.language);
    }
    if call.operator.name.is_none() {
        call.operator.name = ts.iter().find_map(|t| t.operator_name.clone());
    }
}

/// `[noise]`, `<unk>`, `(музыка)`: markers, not speech.
fn is_noise(text: &str) -> bool {
    let mut depth = 0i32;
    let mut rest = false;
    for c in text.chars() {
        match c {
            '[' | '<' | '(' => depth += 1,
            ']' | '>' | ')' => depth -= 1,
            c if depth <= 0 && c.is_alphanumeric() => rest = true,
            _ => {}
        }
    }
    !rest
}

fn truncate(s: &str) -> String {
    s.chars().take(40).collect()
}

fn hold_intervals(call: &Call) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    let mut open = None;
    for e in &call.events {
        match e.kind {
            EventKind::HoldStart => open = Some(e.at),
            EventKind::HoldEnd => {
                if let Some(a) = open.take() {
                    out.push((a, e.at));
                }
            }
            _ => {}
        }
    }
    if let Some(a) = open {
        out.push((a, f64::INFINITY));
    }
    out
}

/// Makes `call` satisfy the record's invariants: first the model's repair
/// mode ([`callqa_model::repair`]: sorted, clamped, unpaired holds and
/// out-of-range times dropped, an end added), each fix returned as a note
/// and listed in the `import.repaired` tag; then the importer's own
/// clean-up, which is not a rule of the format and so is silent: a second
/// `ring` or `answer`, a hold before the answer and blank utterances are
/// dropped, a hold still open at the end is closed, and times are rounded
/// to microseconds.
pub(crate) fn normalize(call: &mut Call) -> Vec<String> {
    let repairs = callqa_model::repair(call);
    if !repairs.is_empty() {
        let kinds: Vec<&str> = repairs.iter().map(|r| r.kind.name()).collect();
        call.tags.insert("import.repaired".into(), kinds.join(", "));
    }
    if repairs.iter().any(|r| r.kind == RepairKind::EndAdded) {
        call.tags.insert("import.end".into(), "missing".into());
    }
    let notes = repairs.into_iter().map(|r| r.note).collect();
    let mut events = std::mem::take(&mut call.events);
    let terminal = match events.last() {
        Some(e) if matches!(e.kind, EventKind::Hangup { .. } | EventKind::Drop) => events.pop(),
        _ => None,
    };
    let mut out = Vec::with_capacity(events.len() + 2);
    let (mut rung, mut answered, mut in_hold) = (false, false, false);
    for mut e in events {
        e.at = round_us(e.at);
        match e.kind {
            EventKind::Ring if rung || answered => continue,
            EventKind::Ring => rung = true,
            EventKind::Answer if answered => continue,
            EventKind::Answer => answered = true,
            EventKind::HoldStart if in_hold || !answered => continue,
            EventKind::HoldStart => in_hold = true,
            EventKind::HoldEnd if !in_hold => continue,
            EventKind::HoldEnd => in_hold = false,
            EventKind::Hangup { .. } | EventKind::Drop => continue,
            EventKind::Transfer { .. } => {}
        }
        out.push(e);
    }
    if let Some(mut t) = terminal {
        t.at = round_us(t.at);
        if in_hold {
            out.push(Event {
                at: t.at,
                kind: EventKind::HoldEnd,
            });
        }
        out.push(t);
    }
    call.events = out;
    call.utterances.retain(|u| !u.text.trim().is_empty());
    for u in &mut call.utterances {
        u.start = round_us(u.start);
        u.end = round_us(u.end);
    }
    notes
}

/// Call-id candidates found in a transcript id (file stem): the whole
/// stem, its `_`/space separated tokens, its `-` separated tokens and
/// UUID-shaped windows.
fn id_candidates(stem: &str) -> Vec<&str> {
    let mut out = vec![stem];
    out.extend(stem.split(['_', ' ']).filter(|s| s.len() >= 3));
    out.extend(stem.split(['_', ' ', '-']).filter(|s| s.len() >= 3));
    let b = stem.as_bytes();
    if b.len() >= 36 {
        for i in 0..=b.len() - 36 {
            let w = &b[i..i + 36];
            let shaped = w.iter().enumerate().all(|(j, c)| match j {
                8 | 13 | 18 | 23 => *c == b'-',
                _ => c.is_ascii_hexdigit(),
            });
            if shaped {
                if let Some(s) = stem.get(i..i + 36) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// Joins calls and transcripts. Transcripts are matched to calls by id
/// (see [`id_candidates`]); the rest become transcript-only records.
pub(crate) fn join(
    calls: Vec<EventCall>,
    transcripts: Vec<Transcript>,
    mapping: &Mapping,
    have_transcript_sources: bool,
    problems: &mut Vec<ImportProblem>,
) -> Vec<Call> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, c) in calls.iter().enumerate() {
        index.entry(c.id.as_str()).or_insert(i);
        for a in &c.aliases {
            index.entry(a.as_str()).or_insert(i);
        }
    }
    let mut per_call: Vec<Vec<&Transcript>> = vec![Vec::new(); calls.len()];
    let mut orphans: BTreeMap<&str, Vec<&Transcript>> = BTreeMap::new();
    for t in &transcripts {
        match id_candidates(&t.id).into_iter().find_map(|c| index.get(c)) {
            Some(&i) => per_call[i].push(t),
            None => orphans.entry(t.id.as_str()).or_default().push(t),
        }
    }
    let mut out = Vec::with_capacity(calls.len() + orphans.len());
    let mut seen: HashMap<String, (String, Option<usize>)> = HashMap::new();
    for (ev, ts) in calls.iter().zip(per_call) {
        if let Some((file, line)) = seen.get(&ev.id) {
            problems.push(
                ImportProblem::warning(
                    &ev.file,
                    ev.line,
                    format!(
                        "call {:?} was already imported from {}{}; the later record replaces it",
                        ev.id,
                        file,
                        line.map(|l| format!(":{l}")).unwrap_or_default()
                    ),
                )
                .with_record(&ev.id),
            );
            out.retain(|c: &Call| c.id != ev.id);
        }
        seen.insert(ev.id.clone(), (ev.file.clone(), ev.line));
        let mut call = call_from_events(ev, mapping, problems);
        if !ts.is_empty() {
            attach(&mut call, &ts, mapping, problems);
        } else if have_transcript_sources {
            call.tags.insert("import.transcript".into(), "none".into());
        }
        out.extend(finish(call, &ev.file, problems));
    }
    for (_, ts) in orphans {
        let mut call = call_from_transcripts(&ts, mapping);
        attach(&mut call, &ts, mapping, problems);
        out.extend(finish(call, &ts[0].file, problems));
    }
    out
}

/// Repairs `call` (each fix a warning), then holds it to the rules
/// `callqa audit` applies: a call that still breaks one is reported as an
/// error and not returned, so an import never writes what audit rejects.
fn finish(mut call: Call, file: &str, problems: &mut Vec<ImportProblem>) -> Option<Call> {
    for note in normalize(&mut call) {
        problems.push(ImportProblem::warning(file, None, note).with_record(&call.id));
    }
    match validate_call(&call) {
        Ok(()) => Some(call),
        Err(e) => {
            problems.push(
                ImportProblem::error(file, None, format!("not imported: {e}"))
                    .with_record(&call.id),
            );
            None
        }
    }
}

/// Rounds seconds to microseconds (the sources' precision), dropping float
/// noise such as `3.420017957687378`. Times beyond 10^9 s (refused by the
/// model anyway) are left as they are, so that the product cannot overflow
/// to infinity.
fn round_us(x: f64) -> f64 {
    if x.abs() < 1e9 {
        (x * 1e6).round() / 1e6
    } else {
        x
    }
}
