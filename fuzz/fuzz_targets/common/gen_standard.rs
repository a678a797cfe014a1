//! A random standard, valid by construction (format version 1 or 2): phrase
//! sets in three languages with every kind of entry (plain words, the
//! `{company}`-style placeholders, wildcards and exceptions, gaps,
//! optional words, alternatives, `@set` groups, `+`, `=word`, a final `?`),
//! settings, and rules of every check type with random parameters, windows
//! and applicability.

use super::draw::Draw;
use super::lexicon::{quoted, words, COMPANIES, LANGS};

/// Group sets (plain entries only, used as `@g0`) and the other sets.
const GROUPS: &[&str] = &["g0", "g1"];
const SETS: &[&str] = &["s0", "s1", "s2", "s3", "s4", "backchannel"];

pub const CHECK_TYPES: &[&str] = &[
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

const CROSS_CALL: &[&str] = &[
    "callback_after_drop",
    "missed_callback",
    "repeat_calls",
    "contact_frequency",
];

const ID_PREFIXES: &[&str] = &[
    "greeting",
    "answer",
    "outbound",
    "speech",
    "hold",
    "transfer",
    "closing",
    "callback",
    "collection",
    "listening",
    "misc",
];

fn word(d: &mut Draw, lang: &str) -> &'static str {
    d.pick(words(lang))
}

fn plain(d: &mut Draw, lang: &str) -> String {
    let n = d.n(1, 3);
    (0..n).map(|_| word(d, lang)).collect::<Vec<_>>().join(" ")
}

/// One entry of a set; `groups` may be used as `@name`.
fn entry(d: &mut Draw, lang: &str, groups: bool, out: &mut Vec<String>) {
    let w1 = word(d, lang);
    let w2 = word(d, lang);
    let e = match d.n(0, 14) {
        0..=3 => plain(d, lang),
        4 => d
            .pick(&["{company}", "{operator_name}", "{client_name}"])
            .to_string(),
        5 => format!("{} {{any}}", plain(d, lang)),
        6 => {
            let cut: String = w1.chars().take(d.n(2, 4) as usize).collect();
            let e = if d.flag() {
                format!("{cut}*")
            } else {
                format!("*{cut}*")
            };
            out.push(e);
            format!("!{w2}")
        }
        7 => format!("{w1} … {w2}"),
        8 => format!("{w1} …{} {w2}", d.n(1, 12)),
        9 => format!("{w1} [{w2}] {}", word(d, lang)),
        10 => format!("({w1} | {w2} {}) {}", word(d, lang), word(d, lang)),
        11 if groups => format!("{} + {w2}", d.pick(&["@g0", "@g1"])),
        11 => format!("{w1} + {w2}"),
        12 if groups => format!("(@{} | {w1}) {w2}", d.pick(GROUPS)),
        12 => format!("{w1} ... {w2}"),
        13 => format!("={w1} {w2}"),
        _ => format!("{}?", plain(d, lang)),
    };
    out.push(e);
}

fn phrase_set(d: &mut Draw, name: &str, groups: bool, s: &mut String) {
    s.push_str(&format!("\n[phrases.{name}]\n"));
    for lang in LANGS {
        if d.chance(1, 5) {
            continue; // a set may leave a language out
        }
        let mut entries = Vec::new();
        for _ in 0..d.n(1, 4) {
            if groups {
                entry(d, lang, true, &mut entries);
            } else {
                entries.push(plain(d, lang));
            }
        }
        let list: Vec<String> = entries.iter().map(|e| quoted(e)).collect();
        s.push_str(&format!("{lang} = [{}]\n", list.join(", ")));
    }
    if d.chance(1, 4) {
        s.push_str(&format!("fuzzy = {}\n", d.flag()));
    }
}

fn sets(d: &mut Draw, key: &str) -> String {
    let mut names: Vec<&str> = vec![d.pick(SETS)];
    if d.chance(1, 3) {
        names.push(d.pick(SETS));
    }
    let list: Vec<String> = names.iter().map(|n| quoted(n)).collect();
    format!("{key} = [{}]", list.join(", "))
}

fn speaker(d: &mut Draw, key: &str) -> Option<String> {
    d.chance(1, 2)
        .then(|| format!("{key} = {}", quoted(d.pick(&["operator", "client", "any"]))))
}

fn window(d: &mut Draw) -> Option<String> {
    let w = match d.n(0, 8) {
        0 => return None,
        1 => "\"call\"".to_string(),
        2 => "\"opening\"".to_string(),
        3 => "\"closing\"".to_string(),
        4 => "\"first_turn\"".to_string(),
        5 => format!("{{ first_turns = {} }}", d.n(1, 5)),
        6 => format!("{{ first_secs = {} }}", d.tenths(0.1, 120.0)),
        7 => format!("{{ last_secs = {} }}", d.tenths(0.1, 120.0)),
        _ => format!("{{ after = {} }}", quoted(d.pick(SETS))),
    };
    Some(format!("window = {w}"))
}

fn secs(d: &mut Draw) -> f64 {
    d.tenths(0.1, 400.0)
}

fn event(d: &mut Draw) -> String {
    let e = d.pick(&[
        "answer",
        "hold_start",
        "hold_end",
        "transfer",
        "hangup",
        "drop",
        "hold",
    ]);
    format!("event = {}", quoted(e))
}

fn hours(d: &mut Draw) -> String {
    if d.chance(1, 4) {
        return "\"none\"".into();
    }
    let from = d.n(0, 23);
    let to = d.n(from + 1, 24);
    format!("\"{from:02}:{:02}-{to:02}:00\"", d.pick(&[0, 30]))
}

/// The keys of a check of type `kind` after `type`, some left at their
/// defaults.
fn check(d: &mut Draw, kind: &str) -> Vec<String> {
    let mut k: Vec<Option<String>> = Vec::new();
    match kind {
        "phrase_required" => {
            k.push(Some(sets(d, "phrases")));
            k.push(speaker(d, "speaker"));
            k.push(window(d));
            k.push(d.chance(1, 3).then(|| format!("negation = {}", d.flag())));
            k.push(d.chance(1, 3).then(|| format!("all = {}", d.flag())));
        }
        "phrase_forbidden" => {
            k.push(Some(sets(d, "phrases")));
            k.push(speaker(d, "speaker"));
            k.push(window(d));
            k.push(d.chance(1, 2).then(|| format!("max = {}", d.n(0, 3))));
        }
        "phrase_rate" => {
            k.push(Some(sets(d, "phrases")));
            k.push(speaker(d, "speaker"));
            let both = d.n(0, 2);
            if both != 1 {
                k.push(Some(format!("max_per_100_words = {}", d.tenths(0.0, 20.0))));
            }
            if both != 0 {
                k.push(Some(format!("max_per_minute = {}", d.tenths(0.0, 20.0))));
            }
            k.push(d.chance(1, 2).then(|| format!("min_count = {}", d.n(0, 4))));
        }
        "not_only" => {
            k.push(Some(sets(d, "phrases")));
            k.push(speaker(d, "speaker"));
            k.push(d.flag().then(|| "turn = \"first\"".to_string()));
        }
        "phrase_order" => {
            k.push(Some(sets(d, "first")));
            k.push(Some(sets(d, "then")));
            k.push(speaker(d, "speaker"));
            k.push(window(d));
        }
        "time_of_day" => {
            let mut periods = Vec::new();
            for _ in 0..d.n(1, 3) {
                let from = d.n(0, 23);
                let to = d.n(0, 24);
                periods.push(format!(
                    "{{ phrases = {}, from = {from}, to = {to} }}",
                    quoted(d.pick(SETS))
                ));
            }
            k.push(Some(format!("periods = [{}]", periods.join(", "))));
            k.push(speaker(d, "speaker"));
            k.push(window(d));
        }
        "before_event" | "after_event" => {
            k.push(Some(event(d)));
            k.push(d.flag().then(|| format!("within_secs = {}", secs(d))));
            k.push(Some(sets(d, "phrases")));
            k.push(speaker(d, "speaker"));
        }
        "event_duration" => {
            k.push(d.flag().then(|| "event = \"hold\"".to_string()));
            k.push(Some(format!("max_secs = {}", secs(d))));
        }
        "event_count" => {
            k.push(Some(event(d)));
            k.push(Some(format!("max = {}", d.n(0, 4))));
        }
        "answer_speed" => k.push(d.flag().then(|| format!("max_rings = {}", d.n(0, 6)))),
        "call_hours" => {
            k.push(Some(format!("weekdays = {}", hours(d))));
            k.push(Some(format!("weekends = {}", hours(d))));
        }
        "speech_pace" => {
            k.push(
                d.flag()
                    .then(|| format!("min_wpm = {}", d.tenths(0.0, 200.0))),
            );
            k.push(
                d.flag()
                    .then(|| format!("max_wpm = {}", d.tenths(0.1, 400.0))),
            );
            k.push(
                d.flag()
                    .then(|| format!("min_utterance_secs = {}", d.tenths(0.0, 10.0))),
            );
            k.push(speaker(d, "speaker"));
        }
        "interruptions" => {
            k.push(d.flag().then(|| format!("max = {}", d.n(0, 5))));
            k.push(
                d.flag()
                    .then(|| format!("min_into_secs = {}", d.tenths(0.0, 3.0))),
            );
            k.push(
                d.flag()
                    .then(|| format!("min_before_end_secs = {}", d.tenths(0.0, 3.0))),
            );
        }
        "dead_air" => k.push(
            d.flag()
                .then(|| format!("max_secs = {}", d.tenths(0.1, 30.0))),
        ),
        "name_usage" | "ask_name" => {
            k.push(Some(sets(d, "phrases")));
            k.push(d.flag().then(|| sets(d, "intro")));
        }
        "trigger_response" => {
            k.push(Some(sets(d, "trigger")));
            k.push(speaker(d, "trigger_speaker"));
            k.push(Some(sets(d, "response")));
            k.push(speaker(d, "response_speaker"));
            k.push(d.flag().then(|| {
                format!(
                    "within = {}",
                    quoted(d.pick(&["rest_of_call", "same_or_next_turn"]))
                )
            }));
        }
        "hangup_by" => {
            k.push(d.flag().then(|| {
                let p = d.pick(&["client_first_on_inbound", "initiator_ends", "any"]);
                format!("policy = {}", quoted(p))
            }));
            if d.flag() {
                k.push(Some(sets(d, "profanity")));
                k.push(Some(sets(d, "warning")));
            }
        }
        "profanity_protocol" => {
            k.push(Some(sets(d, "profanity")));
            k.push(Some(sets(d, "warning")));
        }
        "callback_after_drop" => {
            k.push(d.flag().then(|| format!("within_secs = {}", secs(d))));
            k.push(
                d.flag()
                    .then(|| format!("initiator = {}", quoted(d.pick(&["operator", "client"])))),
            );
        }
        "missed_callback" => k.push(d.flag().then(|| format!("within_secs = {}", secs(d)))),
        "repeat_calls" => {
            k.push(d.flag().then(|| format!("max = {}", d.n(0, 4))));
            k.push(
                d.flag()
                    .then(|| format!("period_secs = {}", d.tenths(0.1, 200_000.0))),
            );
        }
        "contact_frequency" => {
            for key in ["per_day", "per_week", "per_month"] {
                k.push(d.flag().then(|| format!("{key} = {}", d.n(0, 4))));
            }
        }
        other => unreachable!("no generator for check type {other}"),
    }
    k.into_iter().flatten().collect()
}

/// `when` keys; `earlier` are ids of per-call rules without `unless_*`.
fn when(d: &mut Draw, earlier: &[String]) -> Vec<String> {
    let mut w = Vec::new();
    if d.chance(1, 4) {
        w.push(format!(
            "direction = {}",
            quoted(d.pick(&["inbound", "outbound"]))
        ));
    }
    if d.chance(1, 4) {
        w.push(format!("answered = {}", d.flag()));
    }
    if d.chance(1, 6) {
        let l = d.pick(LANGS);
        w.push(format!("languages = [{}]", quoted(l)));
    }
    if d.chance(1, 6) {
        w.push(format!(
            "tags = {{ queue = {} }}",
            quoted(d.pick(&["support", "sales"]))
        ));
    }
    if d.chance(1, 8) {
        w.push(format!("third_party = {}", d.flag()));
    }
    if d.chance(1, 6) {
        w.push(format!("dropped = {}", d.flag()));
    }
    if !earlier.is_empty() && d.chance(1, 5) {
        let key = d.pick(&["unless_applied", "unless_passed"]);
        let id = &earlier[d.n(0, earlier.len() as u32 - 1) as usize];
        w.push(format!("{key} = [{}]", quoted(id)));
    }
    w
}

/// A standard file; returns it with the number of rules written.
pub fn standard(d: &mut Draw) -> (String, usize) {
    let version = d.n(1, 2);
    let mut s = format!(
        "version = {version}\nid = \"fuzz\"\nrevision = {}\ntitle = \"Fuzz standard\"\nfallback_language = {}\n",
        d.n(1, 9),
        quoted(d.pick(LANGS))
    );
    if version == 2 {
        if d.flag() {
            s.push_str(&format!("pass_score = {}\n", d.n(0, 100)));
        }
        if d.flag() {
            s.push_str(&format!("report_language = {}\n", quoted(d.pick(LANGS))));
        }
    }
    if d.flag() {
        s.push_str("\n[settings]\n");
        s.push_str(&format!("ring_cycle_secs = {}\n", d.tenths(0.1, 10.0)));
        s.push_str(&format!("opening_secs = {}\n", d.tenths(0.0, 30.0)));
        s.push_str(&format!("closing_secs = {}\n", d.tenths(0.0, 60.0)));
        s.push_str(&format!("closing_turns = {}\n", d.n(0, 4)));
        s.push_str(&format!("fuzzy_min_letters = {}\n", d.n(0, 9)));
        if d.flag() {
            s.push_str("backchannels = \"backchannel\"\n");
        }
    }
    if d.flag() {
        let names: Vec<String> = (0..d.n(1, 2)).map(|_| quoted(d.pick(COMPANIES))).collect();
        s.push_str(&format!("\n[company]\nnames = [{}]\n", names.join(", ")));
    }
    for g in GROUPS {
        phrase_set(d, g, false, &mut s);
    }
    for name in SETS {
        phrase_set(d, name, true, &mut s);
    }
    let mut plain_ids: Vec<String> = Vec::new();
    let n = d.n(1, 8);
    for i in 0..n {
        let kind = d.pick(CHECK_TYPES);
        let id = format!("{}.f{i}", d.pick(ID_PREFIXES));
        let severity = d.pick(&["critical", "major", "minor"]);
        s.push_str(&format!(
            "\n[[rule]]\nid = {}\ntitle = \"rule {i}\"\nseverity = \"{severity}\"\n",
            quoted(&id)
        ));
        if d.chance(1, 3) {
            s.push_str(&format!("weight = {}\n", d.n(0, 20)));
        }
        let enabled = !d.chance(1, 8);
        if !enabled {
            s.push_str("enabled = false\n");
        }
        let w = when(d, &plain_ids);
        if !w.is_empty() {
            s.push_str(&format!("when = {{ {} }}\n", w.join(", ")));
        }
        let mut c = vec![format!("type = {}", quoted(kind))];
        c.extend(check(d, kind));
        s.push_str(&format!("check = {{ {} }}\n", c.join(", ")));
        let unless = w.iter().any(|k| k.starts_with("unless_"));
        if enabled && !unless && !CROSS_CALL.contains(&kind) {
            plain_ids.push(id);
        }
    }
    (s, n as usize)
}
