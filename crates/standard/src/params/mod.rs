//! The parameters of one rule's `check` table, read by taking keys out of
//! it: one reader arm per check type (the type's name comes from the
//! engine's registry), with types, ranges, defaults, phrase-set names,
//! windows and hours. Keys left over are reported: a key another check type
//! takes "does not apply", any other key is unknown, with the nearest key
//! of this type as a hint. Which keys a type takes is learnt by running its
//! reader on an empty table, so the list cannot drift from the reader.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use callqa_model::Party;

use crate::compile::unknown_set;
use crate::diagnostic::{escape, suggest, Diagnostic};
use crate::read::{Reader, Table, S, V};

mod time;

use callqa_engine::*;

/// Reads the parameters of one `check` table, remembering which keys its
/// type asked for so the rest can be reported.
pub(crate) struct CheckReader<'r, 't, 'i> {
    r: &'r mut Reader<'t>,
    t: Table<'i>,
    kind: S<String>,
    sets: &'r HashMap<String, usize>,
    set_names: &'r [String],
    /// How messages name each set (its description, else its name),
    /// indexed like `set_names`.
    set_labels: &'r [Localized],
    asked: Vec<&'static str>,
    /// Where `event` was given, for messages about it.
    event_span: Option<Range<usize>>,
    /// Where the last speaker key was given.
    last_span: Option<Range<usize>>,
}

/// The keys each check type takes, by type name.
fn keys_by_type() -> &'static Vec<(&'static str, Vec<&'static str>)> {
    static KEYS: OnceLock<Vec<(&'static str, Vec<&'static str>)>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let sets = HashMap::new();
        Check::NAMES
            .iter()
            .map(|&name| {
                let mut r = Reader {
                    text: "",
                    diags: Vec::new(),
                };
                let mut c = CheckReader {
                    r: &mut r,
                    t: Table::empty(),
                    kind: S::new(0..0, name.to_string()),
                    sets: &sets,
                    set_names: &[],
                    set_labels: &[],
                    asked: Vec::new(),
                    event_span: None,
                    last_span: None,
                };
                c.compile();
                let mut keys = std::mem::take(&mut c.asked);
                keys.sort_unstable();
                keys.dedup();
                (name, keys)
            })
            .collect()
    })
}

impl<'r, 't, 'i> CheckReader<'r, 't, 'i> {
    /// Reads a `check` table; every problem goes to the reader.
    pub(crate) fn read(
        r: &'r mut Reader<'t>,
        mut t: Table<'i>,
        sets: &'r HashMap<String, usize>,
        set_names: &'r [String],
        set_labels: &'r [Localized],
    ) -> Option<Check> {
        let kind = match t.take("type") {
            None => {
                r.push(
                    Diagnostic::new("check is missing key type", Some(t.span.clone())).with_help(
                        format!(
                            "e.g. type = \"phrase_required\"; the types are {}",
                            Check::NAMES.join(", ")
                        ),
                    ),
                );
                return None;
            }
            Some(v) => r.text("check.type", v)?,
        };
        let mut c = CheckReader {
            r,
            t,
            kind,
            sets,
            set_names,
            set_labels,
            asked: Vec::new(),
            event_span: None,
            last_span: None,
        };
        let check = c.compile();
        if check.is_some() {
            c.leftover();
        }
        check
    }

    /// Reports the keys the type did not take.
    fn leftover(&mut self) {
        let kind = self.kind.get_ref().clone();
        let mine = &self.asked;
        for (key, span) in self.t.leftover() {
            let elsewhere = keys_by_type()
                .iter()
                .any(|(_, ks)| ks.contains(&key.as_str()));
            if elsewhere {
                self.r.push(
                    Diagnostic::new(
                        format!("check.{key} does not apply to check type \"{kind}\""),
                        Some(span),
                    )
                    .with_help("docs/standard-format.md lists the parameters of every check type"),
                );
                continue;
            }
            let help = match suggest(&key, mine.iter().copied()) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None if mine.is_empty() => format!("check type \"{kind}\" takes no parameters"),
                None => format!("check type \"{kind}\" takes {}", mine.join(", ")),
            };
            self.r.push(
                Diagnostic::new(
                    format!("unknown key \"{}\" in check", escape(&key)),
                    Some(span),
                )
                .with_help(help),
            );
        }
    }

    fn take(&mut self, key: &'static str) -> Option<V<'i>> {
        self.asked.push(key);
        self.t.take(key)
    }

    fn kind_span(&self) -> Range<usize> {
        self.kind.span()
    }

    pub(crate) fn compile(&mut self) -> Option<Check> {
        let kind = self.kind.get_ref().clone();
        let kind = kind.as_str();
        let check = match kind {
            "phrase_required" => Check::PhraseRequired(PhraseRequired {
                sets: self.sets_req("phrases"),
                speaker: self.speaker("speaker", SpeakerSel::Only(Party::Operator)),
                window: self.window(),
                negation: self.flag("negation", true),
                all: self.flag("all", false),
            }),
            "phrase_forbidden" => Check::PhraseForbidden(PhraseForbidden {
                sets: self.sets_req("phrases"),
                speaker: self.speaker("speaker", SpeakerSel::Only(Party::Operator)),
                window: self.window(),
                max: self.count("max", Some(0)),
            }),
            "phrase_rate" => {
                let sets = self.sets_req("phrases");
                let speaker = self.speaker("speaker", SpeakerSel::Only(Party::Operator));
                let per100 = self.opt_num("max_per_100_words");
                let per_min = self.opt_num("max_per_minute");
                if per100.is_none() && per_min.is_none() {
                    self.r.push(
                        Diagnostic::new(
                            "phrase_rate needs max_per_100_words or max_per_minute",
                            Some(self.kind_span()),
                        )
                        .with_help("e.g. max_per_100_words = 3"),
                    );
                }
                Check::PhraseRate(PhraseRate {
                    sets,
                    speaker,
                    max_per_100_words: per100,
                    max_per_minute: per_min,
                    min_count: self.count("min_count", Some(1)),
                })
            }
            "not_only" => {
                if let Some(t) = self.text("turn") {
                    if t.get_ref() != "first" {
                        self.r.push(
                            Diagnostic::new(
                                format!("unknown turn \"{}\"", escape(t.get_ref())),
                                Some(t.span()),
                            )
                            .with_help("only \"first\" is supported"),
                        );
                    }
                }
                Check::NotOnly(NotOnly {
                    sets: self.sets_req("phrases"),
                    speaker: self.speaker("speaker", SpeakerSel::Only(Party::Operator)),
                })
            }
            "phrase_order" => Check::PhraseOrder(PhraseOrder {
                first: self.sets_req("first"),
                then: self.sets_req("then"),
                speaker: self.speaker("speaker", SpeakerSel::Only(Party::Operator)),
                window: self.window(),
            }),
            "time_of_day" => {
                let periods = self.periods();
                Check::TimeOfDay(TimeOfDay {
                    periods,
                    speaker: self.speaker("speaker", SpeakerSel::Only(Party::Operator)),
                    window: self.window(),
                })
            }
            "before_event" | "after_event" => {
                let event = self.event(true);
                let within = self.num("within_secs", Some(30.0), false);
                let sets = self.sets_req("phrases");
                let speaker = self.speaker("speaker", SpeakerSel::Only(Party::Operator));
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
                    let span = self.event_span.clone().unwrap_or_else(|| self.kind_span());
                    self.r.error("event_duration measures \"hold\"", span);
                }
                Check::EventDuration(EventDuration {
                    max_secs: self.num("max_secs", None, false),
                })
            }
            "event_count" => Check::EventCount(EventCount {
                event: self.event(true),
                max: self.count("max", None),
            }),
            "answer_speed" => Check::AnswerSpeed(AnswerSpeed {
                max_rings: self.count("max_rings", Some(3)) as u32,
            }),
            "call_hours" => Check::CallHours(CallHours {
                weekdays: self.hours("weekdays"),
                weekends: self.hours("weekends"),
            }),
            "speech_pace" => Check::SpeechPace(SpeechPace {
                min_wpm: self.num("min_wpm", Some(80.0), true),
                max_wpm: self.num("max_wpm", Some(190.0), false),
                min_utterance_secs: self.num("min_utterance_secs", Some(3.0), true),
                speaker: self.speaker("speaker", SpeakerSel::Only(Party::Operator)),
            }),
            "interruptions" => Check::Interruptions(Interruptions {
                max: self.count("max", Some(2)),
                min_into_secs: self.num("min_into_secs", Some(0.3), true),
                min_before_end_secs: self.num("min_before_end_secs", Some(0.5), true),
            }),
            "dead_air" => Check::DeadAir(DeadAir {
                max_secs: self.num("max_secs", Some(10.0), false),
            }),
            "name_usage" => Check::NameUsage(NameUsage {
                address: self.sets_req("phrases"),
                intro: self.sets_opt("intro"),
                own_intro: self.sets_opt("own_intro"),
                ask: self.sets_opt("ask"),
            }),
            "ask_name" => Check::AskName(AskName {
                sets: self.sets_req("phrases"),
                intro: self.sets_opt("intro"),
            }),
            "trigger_response" => Check::TriggerResponse(TriggerResponse {
                trigger: self.sets_req("trigger"),
                trigger_speaker: self.speaker("trigger_speaker", SpeakerSel::Only(Party::Client)),
                response: self.sets_req("response"),
                response_speaker: self
                    .speaker("response_speaker", SpeakerSel::Only(Party::Operator)),
                within: self.within(),
            }),
            "hangup_by" => {
                let policy = match self.text("policy") {
                    None => HangupPolicy::ClientFirstOnInbound,
                    Some(p) => match p.get_ref().as_str() {
                        "client_first_on_inbound" => HangupPolicy::ClientFirstOnInbound,
                        "initiator_ends" => HangupPolicy::InitiatorEnds,
                        "any" => HangupPolicy::Any,
                        other => {
                            self.r.push(
                                Diagnostic::new(format!("unknown policy \"{}\"", escape(other)), Some(p.span()))
                                    .with_help("expected \"client_first_on_inbound\", \"initiator_ends\" or \"any\""),
                            );
                            HangupPolicy::Any
                        }
                    },
                };
                let profanity = self.sets_if("profanity");
                let warning = self.sets_if("warning");
                if profanity.is_some() != warning.is_some() {
                    self.r.push(Diagnostic::new(
                        "hangup_by needs both profanity and warning for the profanity exception",
                        Some(self.kind_span()),
                    ));
                }
                Check::HangupBy(HangupBy {
                    policy,
                    profanity,
                    warning,
                })
            }
            "profanity_protocol" => Check::ProfanityProtocol(ProfanityProtocol {
                profanity: self.sets_req("profanity"),
                warning: self.sets_req("warning"),
            }),
            "callback_after_drop" => Check::CallbackAfterDrop(CallbackAfterDrop {
                within_secs: self.num("within_secs", Some(300.0), false),
                initiator: match self.speaker("initiator", SpeakerSel::Only(Party::Operator)) {
                    SpeakerSel::Only(p) => p,
                    SpeakerSel::Any => {
                        let span = self.last_span.clone().unwrap_or_else(|| self.kind_span());
                        self.r
                            .error("initiator is \"operator\" or \"client\"", span);
                        Party::Operator
                    }
                },
            }),
            "missed_callback" => Check::MissedCallback(MissedCallback {
                within_secs: self.num("within_secs", Some(1800.0), false),
            }),
            "repeat_calls" => Check::RepeatCalls(RepeatCalls {
                max: self.count("max", Some(2)),
                period_secs: self.num("period_secs", Some(86400.0), false),
            }),
            "contact_frequency" => Check::ContactFrequency(ContactFrequency {
                per_day: self.count("per_day", Some(1)),
                per_week: self.count("per_week", Some(2)),
                per_month: self.count("per_month", Some(8)),
            }),
            other => {
                let help = match suggest(other, Check::NAMES.iter().copied()) {
                    Some(t) => format!("did you mean \"{t}\"?"),
                    None => format!("expected one of: {}", Check::NAMES.join(", ")),
                };
                self.r.push(
                    Diagnostic::new(
                        format!("unknown check type \"{}\"", escape(other)),
                        Some(self.kind_span()),
                    )
                    .with_help(help),
                );
                return None;
            }
        };
        Some(check)
    }

    fn name(key: &str) -> String {
        format!("check.{key}")
    }

    fn text(&mut self, key: &'static str) -> Option<S<String>> {
        let v = self.take(key)?;
        self.r.text(&Self::name(key), v)
    }

    fn missing(&mut self, key: &str, example: &str) {
        let kind = escape(self.kind.get_ref());
        let typo = self
            .t
            .keys()
            .iter()
            .any(|(k, _)| suggest(k, [key]).is_some());
        if typo {
            return; // the unknown key's "did you mean" says it
        }
        self.r.push(
            Diagnostic::new(
                format!("check type \"{kind}\" needs check.{key}"),
                Some(self.kind_span()),
            )
            .with_help(format!("e.g. {example}")),
        );
    }

    fn set_names_to_mask(&mut self, names: &[S<String>]) -> SetMask {
        let mut idx = Vec::new();
        let mut labels = Vec::new();
        let mut kept = Vec::new();
        for n in names {
            match self.sets.get(n.get_ref()) {
                Some(&i) => {
                    idx.push(i);
                    kept.push(n.get_ref().clone());
                    labels.push(
                        self.set_labels
                            .get(i)
                            .cloned()
                            .unwrap_or_else(|| Localized::plain(n.get_ref().clone())),
                    );
                }
                None => self
                    .r
                    .push(unknown_set(n.get_ref(), n.span(), self.set_names)),
            }
        }
        SetMask::new(&idx, kept).with_labels(labels)
    }

    fn sets_req(&mut self, key: &'static str) -> SetMask {
        match self.take(key) {
            None => {
                self.missing(key, &format!("{key} = [\"set_name\"]"));
                SetMask::default()
            }
            Some(v) => self.read_sets(key, v),
        }
    }

    fn read_sets(&mut self, key: &'static str, v: V) -> SetMask {
        let Some(list) = self.r.texts(&Self::name(key), v) else {
            return SetMask::default();
        };
        if list.get_ref().is_empty() {
            self.r.error(
                format!("check.{key} must name at least one phrase set"),
                list.span(),
            );
        }
        self.set_names_to_mask(list.get_ref())
    }

    /// An optional list of sets: empty when not given.
    fn sets_opt(&mut self, key: &'static str) -> SetMask {
        self.sets_if(key).unwrap_or_default()
    }

    fn sets_if(&mut self, key: &'static str) -> Option<SetMask> {
        let v = self.take(key)?;
        Some(self.read_sets(key, v))
    }

    fn speaker(&mut self, key: &'static str, default: SpeakerSel) -> SpeakerSel {
        let Some(s) = self.text(key) else {
            return default;
        };
        self.last_span = Some(s.span());
        match s.get_ref().as_str() {
            "operator" => SpeakerSel::Only(Party::Operator),
            "client" => SpeakerSel::Only(Party::Client),
            "any" => SpeakerSel::Any,
            other => {
                self.r.push(
                    Diagnostic::new(
                        format!("unknown speaker \"{}\"", escape(other)),
                        Some(s.span()),
                    )
                    .with_help("expected one of \"operator\", \"client\", \"any\""),
                );
                default
            }
        }
    }

    fn flag(&mut self, key: &'static str, default: bool) -> bool {
        match self.take(key) {
            None => default,
            Some(v) => self
                .r
                .flag(&Self::name(key), v)
                .map(|b| *b.get_ref())
                .unwrap_or(default),
        }
    }

    fn opt_num(&mut self, key: &'static str) -> Option<f64> {
        if !self.t.has(key) {
            self.asked.push(key);
            return None;
        }
        Some(self.num(key, None, true))
    }

    fn num(&mut self, key: &'static str, default: Option<f64>, zero_ok: bool) -> f64 {
        let Some(v) = self.take(key) else {
            return match default {
                Some(d) => d,
                None => {
                    self.missing(key, &format!("{key} = 60"));
                    0.0
                }
            };
        };
        let Some(n) = self.r.number(&Self::name(key), v) else {
            return default.unwrap_or(0.0);
        };
        let x = *n.get_ref();
        if !x.is_finite() || x < 0.0 || (!zero_ok && x == 0.0) {
            let bound = if zero_ok {
                "at least 0"
            } else {
                "greater than 0"
            };
            self.r
                .error(format!("check.{key} must be {bound}, got {x}"), n.span());
        }
        x
    }

    fn count(&mut self, key: &'static str, default: Option<usize>) -> usize {
        let Some(v) = self.take(key) else {
            return default.unwrap_or_else(|| {
                self.missing(key, &format!("{key} = 2"));
                0
            });
        };
        let Some(n) = self.r.whole(&Self::name(key), v) else {
            return 0;
        };
        let x = *n.get_ref();
        if !(0.0..=1e9).contains(&x) {
            self.r.error(
                format!("check.{key} must be a whole number from 0 to 1000000000, got {x}"),
                n.span(),
            );
            return 0;
        }
        x as usize
    }

    fn event(&mut self, required: bool) -> EventSel {
        let Some(v) = self.take("event") else {
            if required {
                self.missing("event", "event = \"hold_start\"");
            }
            return EventSel::Hold;
        };
        let Some(e) = self.r.text("check.event", v) else {
            return EventSel::Hold;
        };
        self.event_span = Some(e.span());
        EventSel::parse(e.get_ref()).unwrap_or_else(|| {
            self.r.push(
                Diagnostic::new(format!("unknown event \"{}\"", escape(e.get_ref())), Some(e.span())).with_help(
                    "expected one of \"answer\", \"hold_start\", \"hold_end\", \"transfer\", \"hangup\", \"drop\", \"hold\"",
                ),
            );
            EventSel::Hold
        })
    }

    fn within(&mut self) -> ResponseWithin {
        let Some(w) = self.text("within") else {
            return ResponseWithin::RestOfCall;
        };
        match w.get_ref().as_str() {
            "rest_of_call" => ResponseWithin::RestOfCall,
            "same_or_next_turn" => ResponseWithin::SameOrNextTurn,
            other => {
                self.r.push(
                    Diagnostic::new(
                        format!("unknown within \"{}\"", escape(other)),
                        Some(w.span()),
                    )
                    .with_help("expected \"rest_of_call\" or \"same_or_next_turn\""),
                );
                ResponseWithin::RestOfCall
            }
        }
    }
}
