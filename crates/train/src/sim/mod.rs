//! The simulator: a scripted client call the trainee takes by typing the
//! operator's lines. Commands (`/hold`, `/unhold`, `/wait N`, `/transfer`,
//! `/hangup`, `/callback`) make the telephony events; the engine's live
//! [`Session`] scores each line as it is decided, and at the end the whole
//! call (and the call back after a drop, for `callback.after_drop`) is
//! scored like any audited call, with the evidence and messages.

use std::io::{BufRead, Write};
use std::sync::Arc;

use callqa_engine::{Horizon, MemoryHistory, Session, Standard};
use callqa_model::{
    Call, CallAudit, Direction, Event, EventKind, Lang, Outcome, Party, Utterance, Verdict,
};
use callqa_text::Slots;
use serde::Serialize;

use crate::phrases::Entries;
use crate::probe;
use crate::rules;
use crate::scenarios::{tr, Beat, Scenario};
use crate::words::{self, Ui};

mod report;
pub use report::summary;

/// A rule verdict decided during the call, at the operator's line or event
/// that decided it.
#[derive(Clone, Debug, Serialize)]
pub struct TurnVerdict {
    /// What the operator typed (a line or a command).
    pub after: String,
    /// The verdict as the engine gave it.
    pub verdict: Verdict,
}

/// The result of one simulated call.
#[derive(Clone, Debug, Serialize)]
pub struct SimResult {
    /// The scenario's id.
    pub scenario: String,
    /// Verdicts decided while the call went on.
    pub turns: Vec<TurnVerdict>,
    /// The engine's audits of the call (and of the call back, if any).
    pub audits: Vec<CallAudit>,
    /// The calls as they were recorded.
    pub calls: Vec<Call>,
    /// Every call passed: no critical failure and, when the standard has
    /// a pass mark, a score that reaches it.
    pub passed: bool,
}

/// Whether an audit passes the standard: no critical failure and the pass
/// mark reached (the engine's own `passed` says both since scores v2; kept
/// as the simulator's one place that decides it).
pub fn passes(_std: &Standard, a: &CallAudit) -> bool {
    a.passed
}

impl SimResult {
    /// The score of the first call (the scenario's call); 0 when no rule
    /// applied to it (nothing the trainee said could be scored).
    pub fn score(&self) -> f64 {
        self.audits.first().and_then(|a| a.score).unwrap_or(0.0)
    }

    /// Whether every call passed.
    pub fn passed(&self) -> bool {
        self.passed
    }
}

/// A wrong line in a script file or a bad command.
#[derive(Debug)]
pub struct ScriptError(pub String);

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScriptError {}

/// Where the operator's lines come from.
pub struct Input<'a> {
    /// The lines.
    pub reader: &'a mut dyn BufRead,
    /// The file name for errors; `None` when a person types (then a bad
    /// command is explained and asked again, and lines are not echoed).
    pub file: Option<&'a str>,
}

struct Call1 {
    session: Session,
    now: f64,
    hold_from: Option<f64>,
    beats: Vec<Beat>,
    next: usize,
    repeated: usize,
    drop_pending: bool,
    ended: bool,
}

/// One simulated call, played to the end.
pub struct Sim<'a> {
    std: Arc<Standard>,
    lang: Lang,
    scenario: Scenario,
    operator: String,
    ui: Ui,
    entries: Entries,
    out: &'a mut dyn Write,
    turns: Vec<TurnVerdict>,
    done: Vec<Session>,
    dropped_at: Option<f64>,
}

/// The client of every scenario.
fn client_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Ольга",
        Lang::En => "Olga",
        Lang::Hy => "Օլգա",
    }
}

fn sim_names(lang: Lang) -> crate::phrases::Names<'static> {
    crate::phrases::Names {
        client: client_name(lang),
        ..probe::names(lang)
    }
}

fn header(id: &str, lang: Lang, direction: Direction, operator: &str) -> Call {
    let mut call = probe::header(id, lang, direction);
    call.operator.id = operator.to_string();
    call.client.id = Some("sim-client".into());
    if direction == Direction::Outbound {
        call.client.name = Some(client_name(lang).into());
    }
    call
}

impl<'a> Sim<'a> {
    /// A simulator of `scenario` in `lang` for the operator id `operator`
    /// (it goes into the call records), writing to `out`.
    pub fn new(
        std: Arc<Standard>,
        text: &str,
        scenario: Scenario,
        lang: Lang,
        operator: &str,
        out: &'a mut dyn Write,
    ) -> Sim<'a> {
        Sim {
            std,
            lang,
            scenario,
            operator: operator.to_string(),
            ui: words::ui(lang),
            entries: Entries::from_toml(text),
            out,
            turns: Vec::new(),
            done: Vec::new(),
            dropped_at: None,
        }
    }

    fn start(&mut self, id: &str, at: f64, beats: Vec<Beat>) -> std::io::Result<Call1> {
        let mut call = header(id, self.lang, self.scenario.direction, &self.operator);
        if let Some(t) = call.started_at {
            call.started_at = Some(t + time::Duration::seconds_f64(at));
        }
        let mut c = Call1 {
            session: Session::new(self.std.clone(), call),
            now: 0.0,
            hold_from: None,
            beats,
            next: 0,
            repeated: 0,
            drop_pending: false,
            ended: false,
        };
        self.event(&mut c, EventKind::Ring, "")?;
        c.now = 3.0;
        self.event(&mut c, EventKind::Answer, "")?;
        if let Some(first) = self
            .scenario
            .first
            .filter(|_| self.scenario.direction == Direction::Outbound)
        {
            self.client(&mut c, tr(&first, self.lang))?;
        }
        Ok(c)
    }

    fn event(&mut self, c: &mut Call1, kind: EventKind, after: &str) -> std::io::Result<()> {
        let v = c.session.push_event(Event { at: c.now, kind });
        self.show(v, after)
    }

    fn say(&mut self, c: &mut Call1, speaker: Party, text: &str) -> Vec<Verdict> {
        let d = probe::duration(text);
        let v = c.session.push_utterance(Utterance {
            speaker,
            start: c.now,
            end: c.now + d,
            text: text.to_string(),
            words: Vec::new(),
        });
        c.now += d + 0.8;
        v
    }

    fn client(&mut self, c: &mut Call1, text: &str) -> std::io::Result<()> {
        writeln!(self.out, "{}: {text}", self.ui.client)?;
        let v = self.say(c, Party::Client, text);
        self.show(v, "")
    }

    /// Prints the verdicts just decided (failures with their evidence) and
    /// keeps them.
    fn show(&mut self, verdicts: Vec<Verdict>, after: &str) -> std::io::Result<()> {
        let names = sim_names(self.lang);
        for v in verdicts {
            let Some(rule) = self.std.rule(&v.rule) else {
                continue;
            };
            let label = rules::label(rule, self.lang, &self.entries, names);
            match v.outcome {
                Outcome::Pass => writeln!(self.out, "   ✓ {label}")?,
                Outcome::Fail => {
                    writeln!(self.out, "   ✗ {label} ({})", v.rule)?;
                    if let Some(m) = &v.message {
                        writeln!(self.out, "     {m}")?;
                    }
                }
                Outcome::NotApplicable => {}
            }
            if v.outcome != Outcome::NotApplicable {
                self.turns.push(TurnVerdict {
                    after: after.to_string(),
                    verdict: v,
                });
            }
        }
        Ok(())
    }

    /// Whether `text` has a phrase that rule `rule` asks the operator for.
    fn said(&self, c: &Call1, rule: &str, text: &str) -> bool {
        let Some(r) = self.std.rule(rule) else {
            return false;
        };
        let (sets, _) = rules::roles(&r.check);
        let book = self.std.book(self.lang);
        let analyzed = book.analyze(text);
        let mut slots = Slots::new();
        let call = c.session.call();
        if let Some(name) = &call.company {
            slots.set_company(book.analyzer(), "company", &[name]);
        }
        if let Some(name) = &call.operator.name {
            slots.set_name(book.analyzer(), "operator_name", name);
        }
        let ids: Vec<_> = sets.iter().filter_map(|s| book.set_id(s)).collect();
        book.find(&analyzed, &slots)
            .iter()
            .any(|m| !m.negated && ids.contains(&m.set))
    }

    /// Plays the call: reads the operator's lines and commands from
    /// `input` until the call (and any call back) is over.
    pub fn run(mut self, input: Input<'_>) -> Result<SimResult, Box<dyn std::error::Error>> {
        writeln!(self.out, "{}\n", tr(&self.scenario.brief, self.lang))?;
        writeln!(self.out, "{}\n", self.ui.help)?;
        let id = format!("sim-{}", self.scenario.id);
        let beats = self.scenario.beats.clone();
        let mut cur = Some(self.start(&id, 0.0, beats)?);
        let mut lineno = 0usize;
        let mut buf = String::new();
        loop {
            let waiting_callback = self.dropped_at.is_some() && self.done.len() == 1;
            match cur.as_ref() {
                Some(c) if c.ended => {
                    let c = cur.take().expect("a call");
                    self.done.push(c.session);
                    if self.dropped_at.is_some() && self.done.len() == 1 {
                        writeln!(self.out, "{}", self.after_drop_prompt())?;
                    } else {
                        break;
                    }
                }
                Some(_) => {}
                None if waiting_callback => {}
                None => break,
            }
            if input.file.is_none() {
                write!(self.out, "{}> ", self.ui.you)?;
                self.out.flush()?;
            }
            buf.clear();
            if input.reader.read_line(&mut buf)? == 0 {
                break;
            }
            lineno += 1;
            let line = buf.trim().to_string();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if input.file.is_some() {
                writeln!(self.out, "{}> {line}", self.ui.you)?;
            }
            let fail = |msg: String| -> Result<(), Box<dyn std::error::Error>> {
                match input.file {
                    Some(f) => Err(Box::new(ScriptError(format!("{f}:{lineno}: {msg}")))),
                    None => Ok(()),
                }
            };
            if let Some(cmd) = line.strip_prefix('/') {
                let mut parts = cmd.split_whitespace();
                let name = parts.next().unwrap_or("");
                let arg = parts.next();
                let rest = cmd[name.len()..].trim();
                match self.command(&mut cur, name, arg, rest, &id) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(msg) => {
                        writeln!(self.out, "   ! {msg}")?;
                        fail(msg)?;
                    }
                }
                continue;
            }
            let Some(c) = cur.as_mut() else {
                let msg = self.no_call();
                writeln!(self.out, "   ! {msg}")?;
                fail(msg)?;
                continue;
            };
            if c.hold_from.is_some() {
                let msg = self.on_hold();
                writeln!(self.out, "   ! {msg}")?;
                fail(msg)?;
                continue;
            }
            let mut c = cur.take().expect("a call");
            let v = self.say(&mut c, Party::Operator, &line);
            self.show(v, &line)?;
            self.reply(&mut c, &line)?;
            cur = Some(c);
        }
        // The script or the person stopped: the client hangs up.
        if let Some(mut c) = cur.take() {
            if !c.ended {
                c.now += 1.0;
                self.event(&mut c, EventKind::Hangup { by: Party::Client }, "")?;
            }
            self.done.push(c.session);
        }
        self.finish()
    }

    fn reply(&mut self, c: &mut Call1, line: &str) -> std::io::Result<()> {
        if c.drop_pending {
            c.now += 0.5;
            self.event(c, EventKind::Drop, "")?;
            writeln!(self.out, "   ({})", self.line_dropped())?;
            self.dropped_at = Some(c.now);
            c.ended = true;
            return Ok(());
        }
        // A goodbye from the operator skips to the client's goodbye (not in
        // the first line: «Доброе утро» greets there).
        let last = c.beats.len().saturating_sub(1);
        if c.next > 0
            && c.next < last
            && c.beats[last].hangup
            && self.said(c, "closing.farewell", line)
        {
            c.next = last;
        }
        let Some(beat) = c.beats.get(c.next).cloned() else {
            return Ok(());
        };
        let text = match beat.branch {
            Some((rule, alt)) if self.said(c, rule, line) => {
                c.next += 1;
                tr(&alt, self.lang)
            }
            _ => {
                if beat.repeat && c.repeated < 2 {
                    c.repeated += 1;
                } else {
                    c.next += 1;
                }
                tr(&beat.client, self.lang)
            }
        };
        self.client(c, text)?;
        if beat.hangup {
            c.now += 0.5;
            self.event(c, EventKind::Hangup { by: Party::Client }, "")?;
            writeln!(self.out, "   ({})", self.hung_up())?;
            c.ended = true;
        } else if beat.drop {
            c.drop_pending = true;
        }
        Ok(())
    }

    /// Runs a command; `Ok(false)` ends the training.
    fn command(
        &mut self,
        cur: &mut Option<Call1>,
        name: &str,
        arg: Option<&str>,
        rest: &str,
        id: &str,
    ) -> Result<bool, String> {
        let io = |e: std::io::Error| e.to_string();
        if name == "help" {
            writeln!(self.out, "{}", self.ui.help).map_err(io)?;
            return Ok(true);
        }
        if name == "quit" {
            return Ok(false);
        }
        if name == "callback" {
            let Some(at) = self.dropped_at.filter(|_| cur.is_none()) else {
                return Err(self.no_callback());
            };
            let beats = self.scenario.callback.clone();
            writeln!(self.out, "   ({})", self.calling_back()).map_err(io)?;
            let c = self
                .start(&format!("{id}-callback"), at + 60.0, beats)
                .map_err(io)?;
            *cur = Some(c);
            return Ok(true);
        }
        let Some(mut c) = cur.take() else {
            return Err(self.no_call());
        };
        let r = self.call_command(&mut c, name, arg, rest);
        *cur = Some(c);
        r.map(|()| true)
    }

    fn call_command(
        &mut self,
        c: &mut Call1,
        name: &str,
        arg: Option<&str>,
        rest: &str,
    ) -> Result<(), String> {
        let io = |e: std::io::Error| e.to_string();
        let after = format!("/{name}");
        match name {
            "hold" => {
                if c.hold_from.is_some() {
                    return Err(self.already_on_hold());
                }
                self.event(c, EventKind::HoldStart, &after).map_err(io)?;
                c.hold_from = Some(c.now);
                writeln!(self.out, "   ({})", self.holding()).map_err(io)?;
            }
            "unhold" => {
                let Some(from) = c.hold_from.take() else {
                    return Err(self.not_on_hold());
                };
                // Checking takes half a minute unless /wait said otherwise.
                if c.now - from < 5.0 {
                    c.now = from + 30.0;
                }
                let secs = (c.now - from).round();
                self.event(c, EventKind::HoldEnd, &after).map_err(io)?;
                writeln!(self.out, "   ({})", self.held(secs)).map_err(io)?;
            }
            "wait" => {
                let secs = match arg {
                    None => 10.0,
                    Some(a) => a
                        .parse::<f64>()
                        .ok()
                        .filter(|s| s.is_finite() && *s > 0.0 && *s <= 3600.0)
                        .ok_or_else(|| format!("/wait {a}: {}", self.seconds_wanted()))?,
                };
                c.now += secs;
            }
            "transfer" => {
                // The client goes on with the colleague and hangs up there.
                self.event(c, EventKind::Transfer { to: None }, &after)
                    .map_err(io)?;
                c.now += 60.0;
                self.event(c, EventKind::Hangup { by: Party::Client }, &after)
                    .map_err(io)?;
                writeln!(self.out, "   ({})", self.transferred()).map_err(io)?;
                c.ended = true;
            }
            "hangup" => {
                if c.hold_from.take().is_some() {
                    self.event(c, EventKind::HoldEnd, &after).map_err(io)?;
                }
                // `/hangup Всего доброго.`: last words, then the receiver down.
                if !rest.is_empty() {
                    let v = self.say(c, Party::Operator, rest);
                    self.show(v, rest).map_err(io)?;
                }
                c.now += 0.5;
                self.event(
                    c,
                    EventKind::Hangup {
                        by: Party::Operator,
                    },
                    &after,
                )
                .map_err(io)?;
                writeln!(self.out, "   ({})", self.you_hung_up()).map_err(io)?;
                c.ended = true;
            }
            other => return Err(self.unknown_command(other)),
        }
        Ok(())
    }

    fn finish(self) -> Result<SimResult, Box<dyn std::error::Error>> {
        let mut calls = Vec::new();
        let mut evaluated = Vec::new();
        let mut history = MemoryHistory::new();
        for s in self.done {
            calls.push(s.call().clone());
            let e = s.finish();
            history.insert(e.facts().clone());
            evaluated.push(e);
        }
        // The training is over: no call back comes later, so the windows
        // of call-back rules are closed (a day past the last call).
        let end = history.latest().unwrap_or(0.0) + 86_400.0;
        let audits: Vec<CallAudit> = evaluated
            .into_iter()
            .map(|mut e| {
                self.std
                    .decide_cross_calls(&mut e, &history, Horizon::complete(end));
                self.std.audit_of(e)
            })
            .collect();
        let passed = !audits.is_empty() && audits.iter().all(|a| passes(&self.std, a));
        Ok(SimResult {
            passed,
            scenario: self.scenario.id.to_string(),
            turns: self.turns,
            audits,
            calls,
        })
    }
}
