//! Live prompts of the default standard through the hub: each trigger fires
//! (and does not when the operator did the right thing), a prompt is shown
//! once per call and at most one per gap, each shown prompt's follow-up is
//! decided followed or not, and prompts change no verdict (the live audit
//! still equals the batch audit, and the same stream without prompts gives
//! the same verdicts).

mod support;

use callqa_engine::live::{Hub, Out};
use serde_json::{json, Value};
use support::*;

fn start(id: &str) -> Value {
    json!({"type": "start", "call": {"id": id, "direction": "inbound", "language": "ru",
        "started_at": "2026-03-02T11:00:00+03:00", "operator": {"id": "op1"}}})
}
fn ev(at: f64, kind: &str) -> Value {
    json!({"type": "event", "call": "c", "event": {"at": at, "type": kind}})
}
fn op(s: f64, e: f64, text: &str) -> Value {
    json!({"type": "utterance", "call": "c", "utterance": {"speaker": "operator", "start": s, "end": e, "text": text}})
}
fn cl(s: f64, e: f64, text: &str) -> Value {
    json!({"type": "utterance", "call": "c", "utterance": {"speaker": "client", "start": s, "end": e, "text": text}})
}
fn tick(at: f64) -> Value {
    json!({"type": "tick", "call": "c", "at": at})
}
fn end(at: f64) -> Value {
    json!({"type": "end", "call": "c", "at": at})
}

const HELLO: &str = "Добрый день, компания Ромашка, меня зовут Анна, чем могу помочь?";

/// Runs the lines; returns every message and, per line, the prompts it
/// produced.
fn run(hub: &mut Hub, lines: &[Value]) -> (Vec<Out>, Vec<Vec<String>>) {
    let mut all = Vec::new();
    let mut per_line = Vec::new();
    for l in lines {
        let mut out = Vec::new();
        hub.push_line(l.to_string().as_bytes(), &mut out)
            .unwrap_or_else(|e| panic!("{e}: {l}"));
        per_line.push(
            out.iter()
                .filter_map(|m| match m {
                    Out::Prompt { id, .. } => Some(id.clone()),
                    _ => None,
                })
                .collect(),
        );
        all.extend(out);
    }
    (all, per_line)
}

fn prompts(out: &[Out]) -> Vec<String> {
    out.iter()
        .filter_map(|m| match m {
            Out::Prompt { id, .. } => Some(id.clone()),
            _ => None,
        })
        .collect()
}

fn outcomes(out: &[Out]) -> Vec<(String, bool)> {
    out.iter()
        .filter_map(|m| match m {
            Out::PromptOutcome { id, followed, .. } => Some((id.clone(), *followed)),
            _ => None,
        })
        .collect()
}

struct Case {
    name: &'static str,
    lines: Vec<Value>,
    /// The prompts shown, in order.
    shown: &'static [&'static str],
    /// Their outcomes, in order of decision.
    followed: &'static [(&'static str, bool)],
}

#[test]
fn each_trigger_fires_and_its_follow_up_is_decided() {
    let cases = vec![
        Case {
            name: "hold without asking, thanks after it",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                cl(5.5, 8.0, "Где мой заказ?"),
                ev(10.0, "hold_start"),
                ev(30.0, "hold_end"),
                op(30.5, 33.0, "Спасибо за ожидание, ваш заказ в пути."),
                end(40.0),
            ],
            shown: &["hold.ask_permission"],
            followed: &[("hold.ask_permission", true)],
        },
        Case {
            name: "hold after asking",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                cl(5.5, 8.0, "Где мой заказ?"),
                op(
                    8.5,
                    10.0,
                    "Можно попросить вас подождать минуту, я проверю?",
                ),
                ev(10.5, "hold_start"),
                ev(30.0, "hold_end"),
                end(40.0),
            ],
            shown: &[],
            followed: &[],
        },
        Case {
            name: "hold without asking, no thanks",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                ev(10.0, "hold_start"),
                ev(20.0, "hold_end"),
                op(21.0, 23.0, "Ваш заказ в пути."),
                tick(200.0),
                end(201.0),
            ],
            shown: &["hold.ask_permission"],
            followed: &[("hold.ask_permission", false)],
        },
        Case {
            name: "a long hold, taken off in time",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                op(5.5, 7.0, "Можно попросить вас подождать?"),
                ev(7.5, "hold_start"),
                tick(30.0),
                tick(52.6),
                ev(60.0, "hold_end"),
                op(60.5, 62.0, "Спасибо за ожидание."),
                end(70.0),
            ],
            shown: &["hold.come_back"],
            followed: &[("hold.come_back", true)],
        },
        Case {
            name: "a long hold, never taken off in time",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                op(5.5, 7.0, "Можно попросить вас подождать?"),
                ev(7.5, "hold_start"),
                tick(53.0),
                tick(80.0),
                ev(90.0, "hold_end"),
                end(95.0),
            ],
            shown: &["hold.come_back"],
            followed: &[("hold.come_back", false)],
        },
        Case {
            name: "the client swears, the operator warns",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                cl(5.5, 8.0, "Да идите вы нахуй со своим заказом"),
                op(
                    8.5,
                    12.0,
                    "Если вы продолжите в таком тоне, я буду вынуждена завершить разговор.",
                ),
                cl(12.5, 14.0, "Нахуй вас всех"),
                end(20.0),
            ],
            shown: &["profanity.warn"],
            followed: &[("profanity.warn", true)],
        },
        Case {
            name: "the client swears after the warning",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                op(
                    5.5,
                    9.0,
                    "Если вы продолжите в таком тоне, я буду вынуждена завершить разговор.",
                ),
                cl(9.5, 12.0, "Да идите вы нахуй"),
                end(20.0),
            ],
            shown: &[],
            followed: &[],
        },
        Case {
            name: "no greeting 8 s after the answer, then a greeting",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(2.0, 4.0, "Компания Ромашка."),
                tick(9.5),
                op(10.0, 12.0, "Добрый день, чем могу помочь?"),
                end(20.0),
            ],
            shown: &["greeting.remind"],
            followed: &[("greeting.remind", true)],
        },
        Case {
            name: "a greeting in time",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                tick(30.0),
                end(31.0),
            ],
            shown: &[],
            followed: &[],
        },
        Case {
            name: "a colleague is away, help offered",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                cl(5.5, 7.0, "Позовите Ивана."),
                op(7.5, 9.0, "Ивана сейчас нет на месте."),
                op(9.5, 11.0, "Могу я вам помочь?"),
                end(20.0),
            ],
            shown: &["colleague.offer"],
            followed: &[("colleague.offer", true)],
        },
        Case {
            name: "a colleague is away, nothing offered",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                cl(5.5, 7.0, "Позовите Ивана."),
                op(7.5, 9.0, "Ивана сейчас нет на месте."),
                cl(9.5, 11.0, "Понятно."),
                end(12.0),
            ],
            shown: &["colleague.offer"],
            followed: &[("colleague.offer", false)],
        },
        Case {
            name: "a rule decided fail live (rudeness), an apology",
            lines: vec![
                start("c"),
                ev(1.0, "answer"),
                op(1.5, 5.0, HELLO),
                cl(5.5, 7.0, "Где заказ?"),
                op(7.5, 9.0, "Вы что, не понимаете? Я же сказала."),
                op(9.5, 11.0, "Извините, пожалуйста."),
                end(20.0),
            ],
            shown: &["rudeness.apologise"],
            followed: &[("rudeness.apologise", true)],
        },
    ];
    let std = builtin();
    for c in cases {
        let mut hub = Hub::new(std.clone());
        let (out, _) = run(&mut hub, &c.lines);
        assert_eq!(prompts(&out), c.shown, "{}", c.name);
        let want: Vec<(String, bool)> = c
            .followed
            .iter()
            .map(|(i, f)| (i.to_string(), *f))
            .collect();
        assert_eq!(outcomes(&out), want, "{}", c.name);
    }
}

#[test]
fn the_hold_prompt_comes_with_the_hold_start_message_in_the_report_language() {
    let std = builtin();
    let mut hub = Hub::new(std);
    let lines = [
        start("c"),
        ev(1.0, "answer"),
        op(1.5, 5.0, HELLO),
        ev(10.0, "hold_start"),
    ];
    let mut out = Vec::new();
    for l in &lines[..3] {
        hub.push_line(l.to_string().as_bytes(), &mut out).unwrap();
    }
    assert!(prompts(&out).is_empty());
    out.clear();
    hub.push_line(lines[3].to_string().as_bytes(), &mut out)
        .unwrap();
    let Some(Out::Prompt {
        text,
        at,
        rule,
        expires_at,
        ..
    }) = out.iter().find(|m| matches!(m, Out::Prompt { .. }))
    else {
        panic!("no prompt after the hold started: {out:?}")
    };
    assert!(text.starts_with("Спросите разрешения"), "{text}");
    assert_eq!((*at, rule.as_deref()), (10.0, Some("hold.permission")));
    assert_eq!(*expires_at, 130.0);
    let json = serde_json::to_value(out.iter().find(|m| matches!(m, Out::Prompt { .. }))).unwrap();
    assert_eq!(json["type"], "prompt");
    assert_eq!(json["severity"], "major");
}

#[test]
fn a_prompt_is_shown_once_per_call_and_at_most_one_per_gap() {
    let std = builtin();
    // Two holds without asking: one prompt. A swear 2 s after the hold
    // prompt waits for the 5 s gap.
    let lines = vec![
        start("c"),
        ev(1.0, "answer"),
        op(1.5, 5.0, HELLO),
        ev(10.0, "hold_start"),
        ev(11.0, "hold_end"),
        cl(11.0, 12.0, "Да пошли вы нахуй"),
        tick(13.0),
        tick(15.5),
        ev(20.0, "hold_start"),
        ev(21.0, "hold_end"),
        end(30.0),
    ];
    let mut hub = Hub::new(std.clone());
    let (out, per_line) = run(&mut hub, &lines);
    assert_eq!(prompts(&out), ["hold.ask_permission", "profanity.warn"]);
    // The swear's prompt is held back until the gap is over (the 15.5 tick).
    assert_eq!(per_line[5], Vec::<String>::new());
    assert_eq!(per_line[6], Vec::<String>::new());
    assert_eq!(per_line[7], ["profanity.warn"]);
    let at: Vec<f64> = out
        .iter()
        .filter_map(|m| match m {
            Out::Prompt { at, .. } => Some(*at),
            _ => None,
        })
        .collect();
    assert_eq!(at, [10.0, 15.5]);
    // A gap of 0: both at once.
    let mut hub = Hub::new(std.clone()).with_prompt_gap(0.0);
    let (_, per_line) = run(&mut hub, &lines);
    assert_eq!(per_line[5], ["profanity.warn"]);
    // A gap longer than the prompt's window: the late one is dropped.
    let mut hub = Hub::new(std).with_prompt_gap(100.0);
    let (out, _) = run(&mut hub, &lines);
    assert_eq!(prompts(&out), ["hold.ask_permission"]);
}

#[test]
fn prompts_change_no_verdict() {
    let std = builtin();
    let bare = standard(
        callqa_standard::DEFAULT_STANDARD_TOML
            .split("[[prompt]]")
            .next()
            .unwrap(),
    );
    assert!(bare.prompts().is_empty());
    assert!(!std.prompts().is_empty());
    for seed in 0..40u64 {
        let call = callqa_model::call_from_str(
            &serde_json::to_string(&callqa_testkit::call(seed)).unwrap(),
        )
        .unwrap();
        let mut header = serde_json::to_value(&call).unwrap();
        header.as_object_mut().unwrap().remove("events");
        header.as_object_mut().unwrap().remove("utterances");
        let mut items: Vec<(f64, Value)> = Vec::new();
        for e in &call.events {
            items.push((e.at, json!({"type": "event", "call": call.id, "event": e})));
        }
        for u in &call.utterances {
            items.push((u.start, json!({"type": "utterance", "call": call.id,
                "utterance": {"speaker": u.speaker, "start": u.start, "end": u.end, "text": u.text}})));
        }
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut lines = vec![json!({"type": "start", "call": header})];
        lines.extend(items.into_iter().map(|(_, v)| v));
        lines.push(json!({"type": "end", "call": call.id}));
        let verdicts = |std: std::sync::Arc<callqa_standard::Standard>| {
            let mut hub = Hub::new(std);
            let (out, _) = run(&mut hub, &lines);
            out.into_iter()
                .filter_map(|m| match m {
                    Out::Verdict { at, data, .. } => {
                        Some(format!("{at} {}", serde_json::to_string(&data).unwrap()))
                    }
                    Out::Audit { data, .. } => Some(serde_json::to_string(&data.verdicts).unwrap()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let with = verdicts(std.clone());
        assert_eq!(with, verdicts(bare.clone()), "seed {seed}");
        let batch = serde_json::to_string(&std.audit_call(&call).verdicts).unwrap();
        assert_eq!(with.last(), Some(&batch), "seed {seed}");
    }
}

const SMALL: &str = r#"version = 2
id = "acme"

[phrases.greeting]
ru = ["здравствуйте"]

[[rule]]
id = "greeting.hello"
severity = "major"
check = { type = "phrase_required", phrases = ["greeting"], window = "opening" }
"#;

fn problems(prompt: &str) -> Vec<String> {
    let text = format!("{SMALL}\n[[prompt]]\n{prompt}\n");
    match callqa_standard::from_toml("acme.toml", &text) {
        Ok(_) => Vec::new(),
        Err(e) => e.diagnostics.iter().map(|d| d.message.clone()).collect(),
    }
}

#[test]
fn bad_prompts_get_the_same_diagnostics_as_everything_else() {
    let text = r#"text = "Поздоровайтесь""#;
    let table = [
        (
            format!("id = \"p\"\n{text}\nwhen = {{ type = \"no_greeting_after\", secs = 5, phrases = [\"greting\"] }}"),
            "unknown phrase set \"greting\"",
        ),
        (
            format!("id = \"p\"\n{text}\nwhen = {{ type = \"hold_longer\", secs = 5 }}"),
            "unknown prompt trigger \"hold_longer\"",
        ),
        (
            format!("id = \"p\"\n{text}\nwhen = {{ type = \"hold_longer_than\", secs = -1 }}"),
            "prompt.when.secs must be greater than 0, got -1",
        ),
        (
            format!("id = \"p\"\n{text}\nwhen = {{ type = \"rule_failed\", rule = \"greeting.helo\" }}"),
            "unknown rule \"greeting.helo\"",
        ),
        (
            format!("id = \"p\"\n{text}\nwhen = {{ type = \"hold_longer_than\", secs = 5, phrases = [\"greeting\"] }}"),
            "unknown key \"phrases\" in when of type \"hold_longer_than\"",
        ),
        (
            format!("id = \"p\"\n{text}\nfollow = {{ phrases = [\"greeting\"] }}"),
            "prompt.follow is missing key within_secs",
        ),
        (
            format!("id = \"p\"\n{text}\nfollow = {{ event = \"hold\", within_secs = 5 }}"),
            "unknown event \"hold\"",
        ),
        (format!("id = \"p\"\n{text}\nwhenn = 3"), "unknown key \"whenn\" in [[prompt]]"),
    ];
    for (prompt, want) in table {
        let got = problems(&prompt);
        assert!(got.iter().any(|m| m == want), "{prompt}\n→ {got:?}");
    }
    assert_eq!(
        problems(&format!("id = \"p\"\n{text}\nwhen = {{ type = \"no_greeting_after\", secs = 5, phrases = [\"greeting\"] }}\nfollow = {{ phrases = [\"greeting\"], within_secs = 10 }}")),
        Vec::<String>::new()
    );
}

#[test]
fn the_default_standard_prompts_every_situation_in_three_languages() {
    let std = builtin();
    let triggers: Vec<&str> = std
        .prompts()
        .iter()
        .filter_map(|p| p.trigger.as_ref().map(|t| t.name()))
        .collect();
    for t in callqa_standard::Trigger::NAMES {
        assert!(triggers.contains(t), "no prompt for {t}");
    }
    for p in std.prompts() {
        for lang in callqa_model::Lang::ALL {
            assert!(
                p.text.exact(lang).is_some(),
                "{} has no {lang:?} text",
                p.id
            );
        }
        assert!(p.follow.is_some(), "{} asks nothing", p.id);
    }
}
