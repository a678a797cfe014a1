//! The paraphrase corpus harness: phrasings written blind (by someone who
//! never saw the phrase lists, from the rule catalog only), judged as a
//! supervisor would, each audited with the default standard inside a small
//! realistic call.
//!
//! Reads `corpus/paraphrase/dev/*.jsonl` by default and
//! `corpus/paraphrase/heldout/*.jsonl` with `CALLQA_CORPUS=heldout` (a
//! missing folder skips with a message). Each item's `operator` line is put
//! where its rule looks: the opening of an inbound or outbound call, the
//! last words before a `hold_start` or a `transfer`, the first turn after a
//! `hold_end`, the operator's last turn, the answer to the item's `client`
//! line, or the middle of a call for speech rules; the record carries the
//! item's company, operator and client names and `third_party`. The other
//! lines of the call are fixed neutral lines that no rule reacts to.
//!
//! Positive class: for rules that find bad speech (`speech.*`,
//! `greeting.no_bare_hello`, `collection.third_party`) the verdict `fail`
//! (the bad thing was found); for rules that require a phrase, the verdict
//! `pass` (the phrase was found). `speech.fillers` is a rate rule over the
//! whole call, so one line cannot make it fail: an item counts positive when
//! the fillers set matched at least once, i.e. the verdict is `fail` or its
//! evidence (which lists the matches) is not empty. An expected `n/a` is a
//! negative. The test prints precision and recall per rule and language, the
//! misses (every item whose outcome differs from `expect`), and asserts a
//! floor on the number of items decided right per language, so that a
//! regression in the matcher or the phrase sets fails.
//!
//! `collection.third_party` is off in the default standard; its items are
//! audited with the default standard with every rule enabled.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;

use callqa_model::{Call, Outcome, Party, Verdict};
use serde::Deserialize;
use support::{all_enabled, builtin, CallB};

#[derive(Clone, Debug, Deserialize)]
struct Item {
    rule: String,
    lang: String,
    operator: String,
    #[serde(default)]
    client: Option<String>,
    expect: String,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    operator_name: Option<String>,
    #[serde(default)]
    client_name: Option<String>,
    /// `client.third_party` of the record (`collection.third_party` items;
    /// `true` when absent): `false` where the debtor himself answered.
    #[serde(default)]
    third_party: Option<bool>,
}

/// Neutral lines of one language.
struct Lines {
    opening: &'static str,
    outbound_intro: &'static str,
    answer_phone: &'static str,
    client_listens: &'static str,
    client_question: &'static str,
    op_middle: &'static str,
    client_middle: &'static str,
    op_middle2: &'static str,
    client_end: &'static str,
    op_close: &'static str,
    op_bye: &'static str,
    client_bye: &'static str,
    client_final: &'static str,
    before_hold: &'static str,
    after_hold: &'static str,
    swear_again: &'static str,
    company: &'static str,
    operator: &'static str,
}

const RU: Lines = Lines {
    opening: "Добрый день, компания Ромашка, меня зовут Анна. Чем могу помочь?",
    outbound_intro: "Добрый день, меня зовут Анна, компания Ромашка.",
    answer_phone: "Алло.",
    client_listens: "Да, я слушаю.",
    client_question: "У меня вопрос по счёту за март, сумма больше обычной.",
    op_middle: "Сумма выросла из-за нового тарифа, он действует с первого марта.",
    client_middle: "А можно вернуть старый тариф?",
    op_middle2: "Старый тариф вернуть можно с первого числа следующего месяца.",
    client_end: "Хорошо, так и сделаю.",
    op_close: "Могу ли я ещё чем-то помочь? Спасибо за обращение, всего доброго!",
    op_bye: "До свидания.",
    client_bye: "До свидания.",
    client_final: "Хорошо, поняла.",
    before_hold: "Могу я попросить вас подождать? Мне нужно уточнить информацию.",
    after_hold: "Спасибо за ожидание. Я всё проверила.",
    swear_again: "Да пошла ты нахуй со своими правилами.",
    company: "Ромашка",
    operator: "Анна Смирнова",
};

const EN: Lines = Lines {
    opening: "Good afternoon, Harper Bank, my name is Anna. How can I help you?",
    outbound_intro: "Good afternoon, my name is Anna, I am calling from Harper Bank.",
    answer_phone: "Hello?",
    client_listens: "Yes, go on.",
    client_question: "I have a question about my March bill, it is higher than usual.",
    op_middle: "The amount went up because of the new plan that started on March first.",
    client_middle: "Can I go back to the old plan?",
    op_middle2: "The old plan can be restored from the first day of next month.",
    client_end: "Right, I will do that then.",
    op_close: "Is there anything else I can help you with? Thank you for calling, goodbye!",
    op_bye: "Goodbye.",
    client_bye: "Bye.",
    client_final: "Okay, got it.",
    before_hold: "May I put you on hold for a moment? I need to check your account.",
    after_hold: "Thank you for holding. I have checked everything.",
    swear_again: "Fuck you and your rules.",
    company: "Harper Bank",
    operator: "Anna Smith",
};

const HY: Lines = Lines {
    opening: "Բարև ձեզ, Արարատ ընկերություն, իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։",
    outbound_intro: "Բարև ձեզ, իմ անունը Աննա է, Արարատ ընկերությունից։",
    answer_phone: "Ալո։",
    client_listens: "Այո, լսում եմ։",
    client_question: "Ես հարց ունեմ մարտի հաշվի մասին, գումարը սովորականից մեծ է։",
    op_middle: "Գումարը աճել է նոր սակագնի պատճառով, որը գործում է մարտի մեկից։",
    client_middle: "Կարելի՞ է վերադարձնել հին սակագինը։",
    op_middle2: "Հին սակագինը կարելի է վերադարձնել հաջորդ ամսվա առաջին օրից։",
    client_end: "Լավ, այդպես էլ կանեմ։",
    op_close: "Էլ ինչո՞վ կարող եմ օգնել։ Շնորհակալություն զանգի համար, ցտեսություն։",
    op_bye: "Ցտեսություն։",
    client_bye: "Ցտեսություն։",
    client_final: "Լավ, հասկացա։",
    before_hold: "Կարո՞ղ եք սպասել, պետք է ստուգեմ տվյալները։",
    after_hold: "Շնորհակալություն սպասելու համար, ես ամեն ինչ ստուգեցի։",
    swear_again: "Քունեմ քո կանոնները։",
    company: "Արարատ",
    operator: "Աննա Սարգսյան",
};

enum Step<'a> {
    Op(&'a str),
    Cl(&'a str),
    /// Seconds of nobody speaking (pushes later lines out of a window).
    Wait(f64),
    Hold,
    Transfer,
}

/// Lays the steps out in time from `answer` at 4 s, each utterance
/// lasting 0.35 s per word (at least 1.5 s) with 0.5 s between turns.
fn lay_out(mut call: CallB, steps: &[Step], hangup_by: Party) -> Call {
    call = call.answer(4.0);
    let mut t = 4.4;
    for step in steps {
        match step {
            Step::Op(text) | Step::Cl(text) => {
                let words = text.split_whitespace().count() as f64;
                let len = (words * 0.35).max(1.5);
                call = if matches!(step, Step::Op(_)) {
                    call.op(t, t + len, text)
                } else {
                    call.client(t, t + len, text)
                };
                t += len + 0.5;
            }
            Step::Wait(secs) => t += secs,
            Step::Hold => {
                call = call.hold(t, t + 30.0);
                t += 31.0;
            }
            Step::Transfer => {
                call = call.transfer(t);
                t += 1.0;
            }
        }
    }
    call.hangup(t + 1.0, hangup_by).build()
}

fn lines(lang: &str) -> &'static Lines {
    match lang {
        "ru" => &RU,
        "en" => &EN,
        _ => &HY,
    }
}

/// The turns of a `closing.profanity_protocol` item; the operator ends
/// the call after them. An item with one client line is the warning case:
/// the client swears again after the operator's first line. An item written as several turns — parts separated by " … ", the
/// client's later part possibly marked "(after the warning)" — is played
/// as written: client, operator, client, operator…, with nothing added, so
/// a client who calms down after the warning is not made to swear again.
fn profanity_steps<'a>(l: &'a Lines, client: &'a str, op: &'a str) -> Vec<Step<'a>> {
    let client_parts = turns(client);
    let op_parts = turns(op);
    let mut s = vec![Step::Op(l.opening)];
    if client_parts.len() == 1 {
        // The client's one line starts it; the harness has the client swear
        // again after the warning (the operator's first part), before the
        // operator's later parts end the call.
        s.extend([
            Step::Cl(client),
            Step::Op(op_parts[0]),
            Step::Cl(l.swear_again),
        ]);
        s.extend(op_parts[1..].iter().map(|o| Step::Op(o)));
        return s;
    }
    for i in 0..client_parts.len().max(op_parts.len()) {
        if let Some(c) = client_parts.get(i) {
            s.push(Step::Cl(c));
        }
        if let Some(o) = op_parts.get(i) {
            s.push(Step::Op(o));
        }
    }
    s
}

/// One field's turns: split at " … " and before a parenthesised stage
/// marker such as "(after the warning)", which is dropped.
fn turns(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for part in text.split(" … ") {
        let mut rest = part;
        while let Some(open) = rest.find('(') {
            let Some(close) = rest[open..].find(')') else {
                break;
            };
            let before = rest[..open].trim();
            if !before.is_empty() {
                out.push(before);
            }
            rest = &rest[open + close + 1..];
        }
        let rest = rest.trim();
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    if out.is_empty() {
        out.push(text);
    }
    out
}

/// The call an item is audited in.
fn call_for(item: &Item) -> Call {
    let l = lines(&item.lang);
    let op = item.operator.as_str();
    let client = item.client.as_deref();
    let outbound = item.rule.starts_with("outbound.") || item.rule == "collection.third_party";
    let mut b = if outbound {
        CallB::outbound(&item.lang)
    } else {
        CallB::inbound(&item.lang)
    };
    b = b
        .company(item.company.as_deref().unwrap_or(l.company))
        .operator_name(item.operator_name.as_deref().unwrap_or(l.operator))
        .client_id("cl-1");
    if let Some(name) = &item.client_name {
        b = b.client_name(name);
    }
    if item.rule == "collection.third_party" {
        b = b.third_party(item.third_party.unwrap_or(true));
    }
    use Step::*;
    let ask = client.unwrap_or(l.client_question);
    let tail = [
        Cl(l.client_middle),
        Op(l.op_middle2),
        Cl(l.client_end),
        Op(l.op_close),
        Cl(l.client_bye),
    ];
    let mut by = Party::Client;
    let steps: Vec<Step> = match item.rule.as_str() {
        r if r.starts_with("greeting.") => {
            let mut s = vec![Op(op), Cl(l.client_question), Wait(15.0), Op(l.op_middle)];
            s.extend(tail);
            s
        }
        "outbound.reschedule" | "outbound.wrong_number" => vec![
            Cl(l.answer_phone),
            Op(l.outbound_intro),
            Cl(ask),
            Op(op),
            Cl(l.client_bye),
        ],
        r if r.starts_with("outbound.") => {
            let mut s = vec![
                Cl(l.answer_phone),
                Op(op),
                Cl(l.client_listens),
                Op(l.op_middle),
            ];
            s.extend(tail);
            s
        }
        "collection.third_party" => {
            let mut s = vec![Cl(l.answer_phone), Op(l.outbound_intro), Cl(ask), Op(op)];
            s.extend(tail);
            s
        }
        "hold.permission" | "hold.reason" => {
            let mut s = vec![
                Op(l.opening),
                Cl(ask),
                Wait(30.0),
                Op(op),
                Hold,
                Op(l.after_hold),
            ];
            s.extend(tail);
            s
        }
        "hold.thanks" => {
            let mut s = vec![Op(l.opening), Cl(ask), Op(l.before_hold), Hold, Op(op)];
            s.extend(tail);
            s
        }
        "transfer.announce" => vec![
            Op(l.opening),
            Cl(ask),
            Wait(30.0),
            Op(op),
            Transfer,
            Wait(5.0),
        ],
        "colleague.unavailable" => vec![
            Op(l.opening),
            Cl(ask),
            Op(op),
            Cl(l.client_end),
            Op(l.op_bye),
            Cl(l.client_bye),
        ],
        r if r.starts_with("closing.profanity") => {
            by = Party::Operator;
            profanity_steps(l, ask, op)
        }
        r if r.starts_with("closing.") => vec![
            Op(l.opening),
            Cl(ask),
            Wait(35.0),
            Op(l.op_middle),
            Cl(l.client_middle),
            Op(l.op_middle2),
            Cl(l.client_end),
            Op(op),
            Cl(l.client_final),
        ],
        _ => {
            // Speech rules and the client's name: the line in mid-call.
            let mut s = vec![Op(l.opening), Cl(ask), Op(op)];
            s.extend(tail);
            s
        }
    };
    lay_out(b, &steps, by)
}

/// Rules whose positive class is `fail` (they find bad speech).
fn finds_bad_speech(rule: &str) -> bool {
    rule.starts_with("speech.")
        || rule == "greeting.no_bare_hello"
        || rule == "collection.third_party"
}

fn predicted_positive(item: &Item, v: &Verdict) -> bool {
    match item.rule.as_str() {
        "speech.fillers" => v.outcome == Outcome::Fail || !v.evidence.is_empty(),
        r if finds_bad_speech(r) => v.outcome == Outcome::Fail,
        _ => v.outcome == Outcome::Pass,
    }
}

fn expected_positive(item: &Item) -> bool {
    if finds_bad_speech(&item.rule) {
        item.expect == "fail"
    } else {
        item.expect == "pass"
    }
}

#[derive(Default)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
    tn: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    fn right(&self) -> usize {
        self.tp + self.tn
    }
    fn total(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }
}

fn corpus_dir(part: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("../../corpus/paraphrase/{part}"))
}

/// Items decided right per language on the dev part, at least (a floor
/// just below what the matcher reaches, so regressions fail).
const DEV_FLOOR: &[(&str, usize)] = &[("ru", 12132), ("en", 12345), ("hy", 12218)];

#[test]
fn paraphrase_corpus() {
    let part = std::env::var("CALLQA_CORPUS").unwrap_or_else(|_| "dev".to_string());
    let dir = corpus_dir(&part);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: no corpus folder {}", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut items = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let item: Item = serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{}:{}: {e}", file.display(), n + 1));
            items.push(item);
        }
    }
    assert!(!items.is_empty(), "no items in {}", dir.display());

    let mut table: BTreeMap<(String, String), Counts> = BTreeMap::new();
    let mut per_lang: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for item in &items {
        let std = if item.rule == "collection.third_party" {
            all_enabled()
        } else {
            builtin()
        };
        assert!(std.rule(&item.rule).is_some(), "unknown rule {}", item.rule);
        let call = call_for(item);
        let audit = std.audit_call(&call);
        let v = audit
            .verdicts
            .iter()
            .find(|v| v.rule == item.rule)
            .expect("a verdict per rule");
        let (want, got) = (expected_positive(item), predicted_positive(item, v));
        for c in [
            table
                .entry((item.rule.clone(), item.lang.clone()))
                .or_default(),
            per_lang.entry(item.lang.clone()).or_default(),
        ] {
            match (want, got) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                (false, false) => c.tn += 1,
            }
        }
        if want != got {
            let why = v
                .message
                .as_deref()
                .or(v.reason.as_deref())
                .unwrap_or_else(|| v.evidence.first().map_or("", |e| e.quote.as_str()));
            misses.push(format!(
                "{} {} expect {} got {}: {:?}{} — {}",
                item.lang,
                item.rule,
                item.expect,
                v.outcome.as_str(),
                item.operator,
                item.client
                    .as_deref()
                    .map(|c| format!(" (client: {c:?})"))
                    .unwrap_or_default(),
                why
            ));
        }
    }

    println!("\nparaphrase corpus ({part}): {} items\n", items.len());
    println!("| rule | lang | n | P | R |");
    println!("|---|---|---|---|---|");
    for ((rule, lang), c) in &table {
        println!(
            "| {rule} | {lang} | {} | {:.0} % | {:.0} % |",
            c.total(),
            c.precision() * 100.0,
            c.recall() * 100.0
        );
    }
    println!();
    for (lang, c) in &per_lang {
        println!(
            "{lang}: {}/{} right, precision {:.1} %, recall {:.1} %",
            c.right(),
            c.total(),
            c.precision() * 100.0,
            c.recall() * 100.0
        );
    }
    println!("\nmisses ({}):", misses.len());
    for m in &misses {
        println!("  {m}");
    }
    if part == "dev" {
        for (lang, floor) in DEV_FLOOR {
            let right = per_lang.get(*lang).map_or(0, Counts::right);
            assert!(
                right >= *floor,
                "{lang}: {right} dev items decided right, the floor is {floor}"
            );
        }
    }
}
