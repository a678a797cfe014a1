//! The parameters of one rule's `check` table: which keys each check type
//! takes, their types and ranges, defaults, phrase-set names, windows and
//! hours. Keys a type does not take are reported by the caller from
//! [`CheckReader::used`].

use std::collections::HashMap;

use callqa_model::Party;

use crate::compile::{edit_distance, unknown_set};
use crate::diagnostic::Diagnostic;
use crate::schema::{CheckDef, S};
use callqa_engine::*;

const CHECK_TYPES: &[&str] = &[
    "phrase_required",
    "phrase_forbidden",
    "phrase_rate",
    "not_only",
    "phrase_order",
    "time_of_day",
    "before_event",
    "after_event",
    "event_duration",
    "event_count",
    "answer_speed",
    "call_hours",
    "speech_pace",
    "interruptions",
    "dead_air",
    "name_usage",
    "ask_name",
    "trigger_response",
    "hangup_by",
    "profanity_protocol",
    "callback_after_drop",
    "missed_callback",
    "repeat_calls",
    "contact_frequency",
];

/// Reads the parameters of one `check` table, remembering which keys it
/// used so the rest can be reported as not applying.
pub(crate) struct CheckReader<'a> {
    pub(crate) def: &'a CheckDef,
    pub(crate) sets: &'a HashMap<String, usize>,
    pub(crate) set_names: &'a [String],
    pub(crate) diags: &'a mut Vec<Diagnostic>,
    pub(crate) used: Vec<&'static str>,
}

impl CheckReader<'_> {
    pub(crate) fn compile(&mut self) -> Option<Check> {
        let d = self.def;
        let kind = d.kind.get_ref().as_str();
        let check = match kind {
            "phrase_required" => Check::PhraseRequired(PhraseRequired {
                sets: self.sets_req("phrases", &d.phrases),
                speaker: self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator)),
                window: self.window(),
                negation: self.flag("negation", &d.negation, true),
                all: self.flag("all", &d.all, false),
            }),
            "phrase_forbidden" => Check::PhraseForbidden(PhraseForbidden {
                sets: self.sets_req("phrases", &d.phrases),
                speaker: self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator)),
                window: self.window(),
                max: self.count("max", &d.max, Some(0)),
            }),
            "phrase_rate" => {
                let sets = self.sets_req("phrases", &d.phrases);
                let speaker =
                    self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator));
                let per100 = self.opt_num("max_per_100_words", &d.max_per_100_words);
                let per_min = self.opt_num("max_per_minute", &d.max_per_minute);
                if per100.is_none() && per_min.is_none() {
                    self.diags.push(
                        Diagnostic::new(
                            "phrase_rate needs max_per_100_words or max_per_minute",
                            Some(d.kind.span()),
                        )
                        .with_help("e.g. max_per_100_words = 3"),
                    );
                }
                Check::PhraseRate(PhraseRate {
                    sets,
                    speaker,
                    max_per_100_words: per100,
                    max_per_minute: per_min,
                    min_count: self.count("min_count", &d.min_count, Some(1)),
                })
            }
            "not_only" => {
                if let Some(t) = &d.turn {
                    self.used.push("turn");
                    if t.get_ref() != "first" {
                        self.diags.push(
                            Diagnostic::new(
                                format!("unknown turn \"{}\"", t.get_ref()),
                                Some(t.span()),
                            )
                            .with_help("only \"first\" is supported"),
                        );
                    }
                }
                Check::NotOnly(NotOnly {
                    sets: self.sets_req("phrases", &d.phrases),
                    speaker: self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator)),
                })
            }
            "phrase_order" => Check::PhraseOrder(PhraseOrder {
                first: self.sets_req("first", &d.first),
                then: self.sets_req("then", &d.then),
                speaker: self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator)),
                window: self.window(),
            }),
            "time_of_day" => {
                let mut periods = Vec::new();
                match &d.periods {
                    None => self.missing(
                        "periods",
                        "periods = [{ phrases = \"greet_morning\", from = 5, to = 12 }]",
                    ),
                    Some(ps) => {
                        self.used.push("periods");
                        for p in ps.get_ref() {
                            let p = p.get_ref();
                            let sets = self.set_names_to_mask(std::slice::from_ref(&p.phrases));
                            let from = self.hour(&p.from);
                            let to = self.hour(&p.to);
                            periods.push(Period { sets, from, to });
                        }
                    }
                }
                Check::TimeOfDay(TimeOfDay {
                    periods,
                    speaker: self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator)),
                    window: self.window(),
                })
            }
            "before_event" | "after_event" => {
                let event = self.event(true);
                let within = self.num("within_secs", &d.within_secs, Some(30.0), false);
                let sets = self.sets_req("phrases", &d.phrases);
                let speaker =
                    self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator));
                if kind == "before_event" {
                    Check::BeforeEvent(BeforeEvent {
                        event,
                        within,
                        sets,
                        speaker,
                    })
                } else {
                    Check::AfterEvent(AfterEvent {
                        event,
                        within,
                        sets,
                        speaker,
                    })
                }
            }
            "event_duration" => {
                let event = self.event(false);
                if event != EventSel::Hold {
                    self.bad(&d.event, "event_duration measures \"hold\"");
                }
                Check::EventDuration(EventDuration {
                    max_secs: self.num("max_secs", &d.max_secs, None, false),
                })
            }
            "event_count" => Check::EventCount(EventCount {
                event: self.event(true),
                max: self.count("max", &d.max, None),
            }),
            "answer_speed" => Check::AnswerSpeed(AnswerSpeed {
                max_rings: self.count("max_rings", &d.max_rings, Some(3)) as u32,
            }),
            "call_hours" => Check::CallHours(CallHours {
                weekdays: self.hours("weekdays", &d.weekdays),
                weekends: self.hours("weekends", &d.weekends),
            }),
            "speech_pace" => Check::SpeechPace(SpeechPace {
                min_wpm: self.num("min_wpm", &d.min_wpm, Some(80.0), true),
                max_wpm: self.num("max_wpm", &d.max_wpm, Some(190.0), false),
                min_utterance_secs: self.num(
                    "min_utterance_secs",
                    &d.min_utterance_secs,
                    Some(3.0),
                    true,
                ),
                speaker: self.speaker("speaker", &d.speaker, SpeakerSel::Only(Party::Operator)),
            }),
            "interruptions" => Check::Interruptions(Interruptions {
                max: self.count("max", &d.max, Some(2)),
                min_into_secs: self.num("min_into_secs", &d.min_into_secs, Some(0.3), true),
                min_before_end_secs: self.num(
                    "min_before_end_secs",
                    &d.min_before_end_secs,
                    Some(0.5),
                    true,
                ),
            }),
            "dead_air" => Check::DeadAir(DeadAir {
                max_secs: self.num("max_secs", &d.max_secs, Some(10.0), false),
            }),
            "name_usage" => Check::NameUsage(NameUsage {
                address: self.sets_req("phrases", &d.phrases),
                intro: self.sets_opt("intro", &d.intro),
            }),
            "ask_name" => Check::AskName(AskName {
                sets: self.sets_req("phrases", &d.phrases),
                intro: self.sets_opt("intro", &d.intro),
            }),
            "trigger_response" => Check::TriggerResponse(TriggerResponse {
                trigger: self.sets_req("trigger", &d.trigger),
                trigger_speaker: self.speaker(
                    "trigger_speaker",
                    &d.trigger_speaker,
                    SpeakerSel::Only(Party::Client),
                ),
                response: self.sets_req("response", &d.response),
                response_speaker: self.speaker(
                    "response_speaker",
                    &d.response_speaker,
                    SpeakerSel::Only(Party::Operator),
                ),
                within: self.within(),
            }),
            "hangup_by" => {
                let policy = match d.policy.as_ref().map(|p| p.get_ref().as_str()) {
                    None | Some("client_first_on_inbound") => HangupPolicy::ClientFirstOnInbound,
                    Some("initiator_ends") => HangupPolicy::InitiatorEnds,
                    Some("any") => HangupPolicy::Any,
                    Some(other) => {
                        let msg = format!("unknown policy \"{other}\"");
                        self.bad_msg(
                            &d.policy,
                            msg,
                            "expected \"client_first_on_inbound\", \"initiator_ends\" or \"any\"",
                        );
                        HangupPolicy::Any
                    }
                };
                if d.policy.is_some() {
                    self.used.push("policy");
                }
                let profanity = d
                    .profanity
                    .as_ref()
                    .map(|_| self.sets_req("profanity", &d.profanity));
                let warning = d
                    .warning
                    .as_ref()
                    .map(|_| self.sets_req("warning", &d.warning));
                if profanity.is_some() != warning.is_some() {
                    self.diags.push(Diagnostic::new(
                        "hangup_by needs both profanity and warning for the profanity exception",
                        Some(d.kind.span()),
                    ));
                }
                Check::HangupBy(HangupBy {
                    policy,
                    profanity,
                    warning,
                })
            }
            "profanity_protocol" => Check::ProfanityProtocol(ProfanityProtocol {
                profanity: self.sets_req("profanity", &d.profanity),
                warning: self.sets_req("warning", &d.warning),
            }),
            "callback_after_drop" => Check::CallbackAfterDrop(CallbackAfterDrop {
                within_secs: self.num("within_secs", &d.within_secs, Some(300.0), false),
                initiator: match self.speaker(
                    "initiator",
                    &d.initiator,
                    SpeakerSel::Only(Party::Operator),
                ) {
                    SpeakerSel::Only(p) => p,
                    SpeakerSel::Any => {
                        self.bad(&d.initiator, "initiator is \"operator\" or \"client\"");
                        Party::Operator
                    }
                },
            }),
            "missed_callback" => Check::MissedCallback(MissedCallback {
                within_secs: self.num("within_secs", &d.within_secs, Some(1800.0), false),
            }),
            "repeat_calls" => Check::RepeatCalls(RepeatCalls {
                max: self.count("max", &d.max, Some(2)),
                period_secs: self.num("period_secs", &d.period_secs, Some(86400.0), false),
            }),
            "contact_frequency" => Check::ContactFrequency(ContactFrequency {
                per_day: self.count("per_day", &d.per_day, Some(1)),
                per_week: self.count("per_week", &d.per_week, Some(2)),
                per_month: self.count("per_month", &d.per_month, Some(8)),
            }),
            other => {
                let near = CHECK_TYPES.iter().find(|t| edit_distance(t, other) <= 3);
                let help = match near {
                    Some(t) => format!("did you mean \"{t}\"?"),
                    None => format!("expected one of: {}", CHECK_TYPES.join(", ")),
                };
                self.diags.push(
                    Diagnostic::new(
                        format!("unknown check type \"{other}\""),
                        Some(d.kind.span()),
                    )
                    .with_help(help),
                );
                // Every key is then "unused"; mark them used to avoid noise.
                self.used
                    .extend(d.keys_present().into_iter().map(|(k, _)| k));
                return None;
            }
        };
        Some(check)
    }

    fn missing(&mut self, key: &str, example: &str) {
        let kind = self.def.kind.get_ref();
        self.diags.push(
            Diagnostic::new(
                format!("check type \"{kind}\" needs check.{key}"),
                Some(self.def.kind.span()),
            )
            .with_help(format!("e.g. {example}")),
        );
    }

    fn bad<T>(&mut self, v: &Option<S<T>>, msg: &str) {
        let span = v
            .as_ref()
            .map(|v| v.span())
            .unwrap_or_else(|| self.def.kind.span());
        self.diags
            .push(Diagnostic::new(msg.to_string(), Some(span)));
    }

    fn bad_msg<T>(&mut self, v: &Option<S<T>>, msg: String, help: &str) {
        let span = v
            .as_ref()
            .map(|v| v.span())
            .unwrap_or_else(|| self.def.kind.span());
        self.diags
            .push(Diagnostic::new(msg, Some(span)).with_help(help.to_string()));
    }

    fn set_names_to_mask(&mut self, names: &[S<String>]) -> SetMask {
        let mut idx = Vec::new();
        let mut labels = Vec::new();
        for n in names {
            match self.sets.get(n.get_ref()) {
                Some(&i) => {
                    idx.push(i);
                    labels.push(n.get_ref().clone());
                }
                None => self
                    .diags
                    .push(unknown_set(n.get_ref(), n.span(), self.set_names)),
            }
        }
        SetMask::new(&idx, labels)
    }

    fn sets_req(&mut self, key: &'static str, v: &Option<S<Vec<S<String>>>>) -> SetMask {
        match v {
            None => {
                self.missing(key, &format!("{key} = [\"set_name\"]"));
                SetMask::default()
            }
            Some(list) => {
                self.used.push(key);
                if list.get_ref().is_empty() {
                    self.diags.push(Diagnostic::new(
                        format!("check.{key} must name at least one phrase set"),
                        Some(list.span()),
                    ));
                }
                self.set_names_to_mask(list.get_ref())
            }
        }
    }

    fn sets_opt(&mut self, key: &'static str, v: &Option<S<Vec<S<String>>>>) -> SetMask {
        match v {
            None => SetMask::default(),
            Some(_) => self.sets_req(key, v),
        }
    }

    fn speaker(
        &mut self,
        key: &'static str,
        v: &Option<S<String>>,
        default: SpeakerSel,
    ) -> SpeakerSel {
        let Some(s) = v else { return default };
        self.used.push(key);
        match s.get_ref().as_str() {
            "operator" => SpeakerSel::Only(Party::Operator),
            "client" => SpeakerSel::Only(Party::Client),
            "any" => SpeakerSel::Any,
            other => {
                self.diags.push(
                    Diagnostic::new(format!("unknown speaker \"{other}\""), Some(s.span()))
                        .with_help("expected one of \"operator\", \"client\", \"any\""),
                );
                default
            }
        }
    }

    fn flag(&mut self, key: &'static str, v: &Option<S<bool>>, default: bool) -> bool {
        match v {
            None => default,
            Some(b) => {
                self.used.push(key);
                *b.get_ref()
            }
        }
    }

    fn opt_num(&mut self, key: &'static str, v: &Option<S<f64>>) -> Option<f64> {
        v.as_ref()?;
        Some(self.num(key, v, None, true))
    }

    fn num(
        &mut self,
        key: &'static str,
        v: &Option<S<f64>>,
        default: Option<f64>,
        zero_ok: bool,
    ) -> f64 {
        match v {
            None => match default {
                Some(d) => d,
                None => {
                    self.missing(key, &format!("{key} = 60"));
                    0.0
                }
            },
            Some(n) => {
                self.used.push(key);
                let x = *n.get_ref();
                if !x.is_finite() || x < 0.0 || (!zero_ok && x == 0.0) {
                    let bound = if zero_ok {
                        "at least 0"
                    } else {
                        "greater than 0"
                    };
                    self.diags.push(Diagnostic::new(
                        format!("check.{key} must be {bound}, got {x}"),
                        Some(n.span()),
                    ));
                }
                x
            }
        }
    }

    fn count(&mut self, key: &'static str, v: &Option<S<f64>>, default: Option<usize>) -> usize {
        match v {
            None => default.unwrap_or_else(|| {
                self.missing(key, &format!("{key} = 2"));
                0
            }),
            Some(n) => {
                self.used.push(key);
                let x = *n.get_ref();
                if !x.is_finite() || x < 0.0 || x.fract() != 0.0 || x > 1e9 {
                    self.diags.push(Diagnostic::new(
                        format!("check.{key} must be a whole number ≥ 0, got {x}"),
                        Some(n.span()),
                    ));
                    return 0;
                }
                x as usize
            }
        }
    }

    fn hour(&mut self, v: &S<f64>) -> f64 {
        let x = *v.get_ref();
        if !(0.0..=24.0).contains(&x) {
            self.diags.push(Diagnostic::new(
                format!("an hour must be between 0 and 24, got {x}"),
                Some(v.span()),
            ));
        }
        x
    }

    fn hours(&mut self, key: &'static str, v: &Option<S<String>>) -> Hours {
        let Some(s) = v else {
            self.missing(key, &format!("{key} = \"09:00-20:00\" (or \"none\")"));
            return None;
        };
        self.used.push(key);
        let text = s.get_ref().trim();
        if text.eq_ignore_ascii_case("none") || text.is_empty() {
            return None;
        }
        match parse_hours(text) {
            Some(h) => Some(h),
            None => {
                self.diags.push(
                    Diagnostic::new(
                        format!("check.{key}: \"{text}\" is not a range of hours"),
                        Some(s.span()),
                    )
                    .with_help("write \"HH:MM-HH:MM\", e.g. \"09:00-20:00\", or \"none\""),
                );
                None
            }
        }
    }

    fn event(&mut self, required: bool) -> EventSel {
        let d = self.def;
        match &d.event {
            None => {
                if required {
                    self.missing("event", "event = \"hold_start\"");
                }
                EventSel::Hold
            }
            Some(e) => {
                self.used.push("event");
                EventSel::parse(e.get_ref()).unwrap_or_else(|| {
                    self.diags.push(
                        Diagnostic::new(format!("unknown event \"{}\"", e.get_ref()), Some(e.span())).with_help(
                            "expected one of \"answer\", \"hold_start\", \"hold_end\", \"transfer\", \"hangup\", \"drop\", \"hold\"",
                        ),
                    );
                    EventSel::Hold
                })
            }
        }
    }

    fn within(&mut self) -> ResponseWithin {
        let Some(w) = &self.def.within else {
            return ResponseWithin::RestOfCall;
        };
        self.used.push("within");
        match w.get_ref().as_str() {
            "rest_of_call" => ResponseWithin::RestOfCall,
            "same_or_next_turn" => ResponseWithin::SameOrNextTurn,
            other => {
                self.diags.push(
                    Diagnostic::new(format!("unknown within \"{other}\""), Some(w.span()))
                        .with_help("expected \"rest_of_call\" or \"same_or_next_turn\""),
                );
                ResponseWithin::RestOfCall
            }
        }
    }

    fn window(&mut self) -> Window {
        let Some(w) = &self.def.window else {
            return Window::Call;
        };
        self.used.push("window");
        let span = w.span();
        let help = "expected \"call\", \"opening\", \"closing\", \"first_turn\", { first_turns = N }, { first_secs = N }, { last_secs = N } or { after = \"set\" }";
        let bad = |diags: &mut Vec<Diagnostic>, what: String| {
            diags.push(
                Diagnostic::new(format!("unknown window {what}"), Some(span.clone()))
                    .with_help(help),
            );
            Window::Call
        };
        match w.get_ref() {
            toml::Value::String(s) => match s.as_str() {
                "call" => Window::Call,
                "opening" => Window::Opening,
                "closing" => Window::Closing,
                "first_turn" => Window::FirstTurns(1),
                other => bad(self.diags, format!("\"{other}\"")),
            },
            toml::Value::Table(t) if t.len() == 1 => {
                let (k, v) = t.iter().next().expect("one entry");
                let num = v.as_float().or_else(|| v.as_integer().map(|i| i as f64));
                match (k.as_str(), num, v.as_str()) {
                    ("first_turns", Some(n), _) if n >= 1.0 && n.fract() == 0.0 => {
                        Window::FirstTurns(n as usize)
                    }
                    ("first_secs", Some(n), _) if n > 0.0 => Window::FirstSecs(n),
                    ("last_secs", Some(n), _) if n > 0.0 => Window::LastSecs(n),
                    ("after", _, Some(set)) => match self.sets.get(set) {
                        Some(&i) => Window::After(SetMask::new(&[i], vec![set.to_string()])),
                        None => {
                            self.diags
                                .push(unknown_set(set, span.clone(), self.set_names));
                            Window::Call
                        }
                    },
                    _ => bad(self.diags, format!("{{ {k} = {v} }}")),
                }
            }
            other => bad(self.diags, other.to_string()),
        }
    }
}

/// `"09:00-20:00"` → minutes since midnight, `[from, to)`.
pub(crate) fn parse_hours(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once('-')?;
    let minutes = |s: &str| -> Option<u32> {
        let (h, m) = s.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let (from, to) = (minutes(a)?, minutes(b)?);
    (from < to).then_some((from, to))
}
