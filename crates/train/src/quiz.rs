//! The quiz: multiple-choice questions generated from the standard's rules
//! and phrase sets. A *say* question puts the trainee in a situation (a
//! slot of a model call: before a hold, after it, at the end) and offers one
//! phrase the rule accepts and three it does not; an *avoid* question offers
//! one acceptable line and three phrases to avoid; a *what is wrong*
//! question shows an opening or a closing the engine fails on exactly one
//! rule. Every option is decided by auditing the model call with it, never
//! by a list kept here. Generation is deterministic for a seed.

use std::collections::BTreeSet;

use callqa_engine::{Check, Standard};
use callqa_model::{Lang, Outcome};
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::phrases::Entries;
use crate::probe::{self, Step, Template};
use crate::rules;
use crate::words;

/// What a question asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Which phrase to say in a situation.
    Say,
    /// Which line is fine among phrases to avoid.
    Avoid,
    /// Which rule an opening or closing breaks.
    WhatIsWrong,
}

/// One question with its options; `right` is the index of the right one.
#[derive(Clone, Debug, Serialize)]
pub struct Question {
    /// What it asks.
    pub kind: Kind,
    /// The rule it teaches.
    pub rule: String,
    /// The situation and the question, in the quiz language.
    pub prompt: String,
    /// The options, in the order shown.
    pub options: Vec<String>,
    /// Index of the right option.
    pub right: usize,
    /// Per option, why it is wrong (the rules the engine failed it on);
    /// empty for the right one.
    pub why: Vec<String>,
    /// The rule's title, description and plain sentence.
    pub explanation: String,
    /// The model call the question is about (`inbound`, `outbound`).
    pub direction: callqa_model::Direction,
    /// The slot of that call the options fill (say, avoid) or the one shown.
    pub slot: String,
    /// What-is-wrong questions: the words shown in the slot.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shown: Option<String>,
    /// What-is-wrong questions: the rule id of each option.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub option_rules: Vec<String>,
}

/// The training call's slot a question fills, and the situation words.
struct Slot<'a> {
    template: &'a Template,
    name: &'static str,
    default: &'static str,
}

fn slots(t: &Template) -> impl Iterator<Item = Slot<'_>> + '_ {
    t.steps.iter().filter_map(move |s| match *s {
        Step::Op(name, default) => Some(Slot {
            template: t,
            name,
            default,
        }),
        _ => None,
    })
}

/// Slots that hold a whole opening or closing: asked as "what is wrong".
const COMPOSITE: &[&str] = &["opening", "intro", "closing"];

struct Ctx<'a> {
    std: &'a Standard,
    lang: Lang,
    entries: Entries,
}

impl Ctx<'_> {
    fn failed(&self, slot: &Slot<'_>, text: Option<&str>) -> BTreeSet<String> {
        let call = probe::build(slot.template, self.lang, slot.name, text);
        probe::failed(&probe::audit(self.std, &call))
    }

    fn sayable(&self, sets: &[String]) -> Vec<String> {
        let names = probe::names(self.lang);
        let mut out: Vec<String> = Vec::new();
        for s in sets {
            for e in self.entries.sayable(s, self.lang, names) {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
        out
    }

    fn label(&self, id: &str) -> String {
        match self.std.rule(id) {
            Some(r) => rules::label(r, self.lang, &self.entries, probe::names(self.lang)),
            None => id.to_string(),
        }
    }

    fn why(&self, failed: &BTreeSet<String>) -> String {
        failed
            .iter()
            .map(|id| format!("{} ({id})", self.label(id)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Generates up to `n` questions on the standard (`text`: its file text,
/// for the phrase entries as written) in `lang`, chosen and ordered by
/// `seed`.
pub fn generate(std: &Standard, text: &str, lang: Lang, seed: u64, n: usize) -> Vec<Question> {
    let ctx = Ctx {
        std,
        lang,
        entries: Entries::from_toml(text),
    };
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let templates = probe::templates(lang);
    let mut all = Vec::new();
    // Every phrase of every set, for wrong options.
    // Every phrase the operator is told to say or to avoid, for wrong
    // options (the client's trigger phrases are no operator lines).
    let mut operator_sets: Vec<String> = Vec::new();
    for r in std.rules() {
        let (s, a) = rules::roles(&r.check);
        let critical = r.severity == callqa_model::Severity::Critical;
        for set in s.into_iter().chain(a.into_iter().filter(|_| !critical)) {
            if !operator_sets.contains(&set) {
                operator_sets.push(set);
            }
        }
    }
    let pool = ctx.sayable(&operator_sets);
    let avoid_sets: Vec<String> = std
        .rules()
        .iter()
        .filter(|r| r.severity != callqa_model::Severity::Critical)
        .flat_map(|r| rules::roles(&r.check).1)
        .collect();
    let avoid_pool = ctx.sayable(&avoid_sets);
    for rule in std.rules() {
        let (say, avoid) = rules::roles(&rule.check);
        let q = if !say.is_empty() {
            say_question(&ctx, &templates, rule, &say, &pool, &mut rng)
        } else if !avoid.is_empty() && rule.severity != callqa_model::Severity::Critical {
            // Critical words (profanity, a debt named to a third party) are
            // not shown as options.
            avoid_question(&ctx, &templates, rule, &avoid, &mut rng)
        } else {
            None
        };
        all.extend(q);
    }
    for t in &templates {
        for slot in slots(t).filter(|s| COMPOSITE.contains(&s.name)) {
            all.extend(wrong_questions(&ctx, &slot, &pool, &avoid_pool, &mut rng));
        }
    }
    all.shuffle(&mut rng);
    // One question per rule and kind before any repeats.
    let mut seen = BTreeSet::new();
    let (first, rest): (Vec<Question>, Vec<Question>) = all
        .into_iter()
        .partition(|q| seen.insert((q.rule.clone(), q.kind as u8)));
    first.into_iter().chain(rest).take(n).collect()
}

fn finish(
    ctx: &Ctx<'_>,
    slot: &Slot<'_>,
    rule: &callqa_engine::Rule,
    (kind, prompt): (Kind, String),
    right: String,
    wrong: Vec<(String, String)>,
    rng: &mut ChaCha8Rng,
) -> Question {
    let mut options: Vec<(String, String)> = vec![(right.clone(), String::new())];
    options.extend(wrong);
    options.shuffle(rng);
    let right = options.iter().position(|(o, _)| *o == right).unwrap_or(0);
    Question {
        kind,
        rule: rule.id.clone(),
        prompt,
        right,
        why: options.iter().map(|(_, w)| w.clone()).collect(),
        options: options.into_iter().map(|(o, _)| o).collect(),
        explanation: rules::explain(rule, ctx.lang, &ctx.entries, probe::names(ctx.lang)),
        direction: slot.template.direction,
        slot: slot.name.to_string(),
        shown: None,
        option_rules: Vec::new(),
    }
}

fn say_question(
    ctx: &Ctx<'_>,
    templates: &[Template],
    rule: &callqa_engine::Rule,
    say: &[String],
    pool: &[String],
    rng: &mut ChaCha8Rng,
) -> Option<Question> {
    // The slot whose words this rule is about: the rule passes on the
    // model call and fails when the slot is not said.
    // The slot whose words this rule is about: the rule fails when the
    // slot is not said and passes with one of its own phrases there (the
    // slot's default need not be one: a company's standard may have
    // changed the phrases).
    let mut own = ctx.sayable(say);
    own.shuffle(rng);
    let (slot, omitted, right) = templates
        .iter()
        .flat_map(slots)
        .filter(|s| !COMPOSITE.contains(&s.name))
        .find_map(|s| {
            let omitted = ctx.failed(&s, None);
            if !omitted.contains(&rule.id) {
                return None;
            }
            let right = own.iter().take(12).find(|x| {
                let f = ctx.failed(&s, Some(x));
                !f.contains(&rule.id) && f.is_subset(&omitted)
            })?;
            Some((s, omitted, right.clone()))
        })?;
    let mut others: Vec<&String> = pool.iter().filter(|p| !own.contains(p)).collect();
    others.shuffle(rng);
    let mut wrong = Vec::new();
    for x in others.into_iter().take(60) {
        let f = ctx.failed(&slot, Some(x));
        if f.contains(&rule.id) || !f.is_subset(&omitted) {
            let mut new: BTreeSet<String> = f.difference(&omitted).cloned().collect();
            if f.contains(&rule.id) {
                new.insert(rule.id.clone());
            }
            wrong.push((x.clone(), ctx.why(&new)));
            if wrong.len() == 3 {
                break;
            }
        }
    }
    if wrong.len() < 3 {
        return None;
    }
    let prompt = words::situation(ctx.lang, slot.name);
    Some(finish(
        ctx,
        &slot,
        rule,
        (Kind::Say, prompt),
        right,
        wrong,
        rng,
    ))
}

fn avoid_question(
    ctx: &Ctx<'_>,
    templates: &[Template],
    rule: &callqa_engine::Rule,
    avoid: &[String],
    rng: &mut ChaCha8Rng,
) -> Option<Question> {
    let mut bad = ctx.sayable(avoid);
    bad.shuffle(rng);
    let mut order: Vec<Slot<'_>> = templates.iter().flat_map(slots).collect();
    order.sort_by_key(|s| COMPOSITE.contains(&s.name));
    {
        for slot in order {
            let good = ctx.failed(&slot, Some(slot.default));
            if good.contains(&rule.id) {
                continue;
            }
            let mut wrong = Vec::new();
            for x in bad.iter().take(40) {
                let f = ctx.failed(&slot, Some(x));
                if f.contains(&rule.id) {
                    // The rule the question is about (the words also leave
                    // out what the slot said, which is not the point).
                    let why: BTreeSet<String> = [rule.id.clone()].into();
                    wrong.push((x.clone(), ctx.why(&why)));
                    if wrong.len() == 3 {
                        break;
                    }
                }
            }
            if wrong.len() == 3 {
                let prompt = words::situation(ctx.lang, slot.name);
                let right = slot.default.to_string();
                return Some(finish(
                    ctx,
                    &slot,
                    rule,
                    (Kind::Avoid, prompt),
                    right,
                    wrong,
                    rng,
                ));
            }
            if !wrong.is_empty() {
                // The slot takes these phrases but the set has too few.
                return None;
            }
        }
    }
    None
}

/// The slot's words split into clauses: «Доброе утро», «компания…».
fn clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        cur.push(c);
        if matches!(c, ',' | '.' | '?' | '!' | '։') {
            out.push(cur.trim().to_string());
            cur.clear();
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

fn wrong_questions(
    ctx: &Ctx<'_>,
    slot: &Slot<'_>,
    pool: &[String],
    avoid_pool: &[String],
    rng: &mut ChaCha8Rng,
) -> Vec<Question> {
    let good = ctx.failed(slot, Some(slot.default));
    let parts = clauses(slot.default);
    let mut mutants: Vec<String> = Vec::new();
    for i in 0..parts.len() {
        mutants.push(fix_end(&without(&parts, i)));
    }
    // The greeting said at the wrong time of day.
    for r in ctx.std.rules() {
        if let Check::TimeOfDay(c) = &r.check {
            let sets: Vec<String> = c
                .periods
                .iter()
                .flat_map(|p| p.sets.names.clone())
                .collect();
            for x in ctx.sayable(&sets) {
                let mut p = parts.clone();
                p[0] = format!("{x},");
                mutants.push(fix_end(&p.join(" ")));
            }
        }
    }
    // A phrase to avoid said first.
    let mut avoid: Vec<&String> = pool.iter().filter(|p| avoid_pool.contains(p)).collect();
    avoid.shuffle(rng);
    for x in avoid.into_iter().take(12) {
        mutants.push(fix_end(&format!("{x}, {}", lower_first(slot.default))));
    }
    let mut out = Vec::new();
    let mut taught = BTreeSet::new();
    for m in mutants {
        let call = probe::build(slot.template, ctx.lang, slot.name, Some(&m));
        let audit = probe::audit(ctx.std, &call);
        let f = probe::failed(&audit);
        let new: Vec<&String> = f.difference(&good).collect();
        let [broken] = new.as_slice() else { continue };
        if !taught.insert((*broken).clone()) {
            continue;
        }
        let Some(rule) = ctx.std.rule(broken) else {
            continue;
        };
        // Wrong options: rules of the same section the call passed.
        let mut passed: Vec<&str> = audit
            .verdicts
            .iter()
            .filter(|v| v.outcome == Outcome::Pass && v.rule != rule.id)
            .filter(|v| {
                ctx.std
                    .rule(&v.rule)
                    .is_some_and(|r| r.section == rule.section)
            })
            .map(|v| v.rule.as_str())
            .collect();
        if passed.len() < 3 {
            passed = audit
                .verdicts
                .iter()
                .filter(|v| v.outcome == Outcome::Pass && v.rule != rule.id)
                .filter(|v| ctx.std.rule(&v.rule).is_some_and(|r| is_phrase(&r.check)))
                .map(|v| v.rule.as_str())
                .collect();
        }
        passed.shuffle(rng);
        if passed.len() < 3 {
            continue;
        }
        let wrong = passed[..3]
            .iter()
            .map(|id| (ctx.label(id), words::passed_here(ctx.lang)))
            .collect();
        let prompt = words::what_is_wrong(ctx.lang, slot.name, &m);
        let mut q = finish(
            ctx,
            slot,
            rule,
            (Kind::WhatIsWrong, prompt),
            ctx.label(&rule.id),
            wrong,
            rng,
        );
        q.option_rules = q
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                if i == q.right {
                    rule.id.clone()
                } else {
                    passed[..3]
                        .iter()
                        .find(|id| ctx.label(id) == *o)
                        .map(|id| id.to_string())
                        .unwrap_or_default()
                }
            })
            .collect();
        q.shown = Some(m.clone());
        out.push(q);
    }
    out
}

fn is_phrase(c: &Check) -> bool {
    let (s, a) = rules::roles(c);
    !s.is_empty() || !a.is_empty()
}

/// Joined clauses as a sentence: no comma at the end, a capital letter
/// after each full stop.
fn fix_end(s: &str) -> String {
    let t = s.trim().trim_end_matches(',');
    let mut out = String::new();
    let mut cap = true;
    for c in t.chars() {
        if cap && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            cap = false;
        } else {
            out.push(c);
        }
        if matches!(c, '.' | '!' | '?' | '։') {
            cap = true;
        }
    }
    out
}

/// The clauses without clause `i`. A clause that began a sentence and now
/// follows a comma loses its capital («Доброе утро, меня зовут…» once
/// «Иван!» is gone); names keep theirs.
fn without(parts: &[String], i: usize) -> String {
    let ends = |c: &str| c.ends_with(['.', '!', '?', '։']);
    let mut out: Vec<String> = Vec::new();
    for (j, c) in parts.iter().enumerate() {
        if j == i {
            continue;
        }
        let began_sentence = j > 0 && ends(&parts[j - 1]);
        let after_comma = out.last().is_some_and(|p| !ends(p));
        out.push(if began_sentence && after_comma {
            lower_first(c)
        } else {
            c.clone()
        });
    }
    out.join(" ")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
