//! Redaction changes no verdict: every example call, and the same calls
//! with a card and a phone number spoken into them, get the same outcome
//! for every rule and the same score before and after redaction (a
//! re-score reads the stored, redacted text).

use std::path::PathBuf;

use callqa_model::{read_inputs, Call, Party, Utterance};
use callqa_privacy::{Config, Redactor};

fn examples() -> Vec<Call> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    read_inputs(&[dir])
        .map(|c| c.expect("every example is a valid call record"))
        .collect()
}

/// The call with the client dictating a card number and the operator
/// repeating a phone number, in the middle of the call.
fn with_numbers(mut call: Call) -> Call {
    let Some(mid) = call
        .utterances
        .get(call.utterances.len() / 2)
        .map(|u| u.end)
    else {
        return call;
    };
    let (card, phone) = match call.language.map(|l| l.as_str()) {
        Some("en") => (
            "My card number is 4111 1111 1111 1111",
            "So your phone is nine one six one two three four five six seven",
        ),
        _ => (
            "Номер карты 4276 3800 1234 5679",
            "Записала ваш телефон: восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
        ),
    };
    let at = call
        .utterances
        .iter()
        .position(|u| u.start > mid)
        .unwrap_or(call.utterances.len());
    let utt = |speaker, start: f64, text: &str| Utterance {
        speaker,
        start,
        end: start + 0.2,
        text: text.to_string(),
        words: Vec::new(),
    };
    call.utterances
        .insert(at, utt(Party::Operator, mid + 0.2, phone));
    call.utterances.insert(at, utt(Party::Client, mid, card));
    call
}

#[test]
fn redaction_changes_no_verdict_on_the_examples() {
    let std = callqa_standard::builtin();
    let redactor = Redactor::new(Config::default());
    let calls = examples();
    assert!(calls.len() >= 12, "examples/ holds the example calls");
    let mut redacted_total = 0;
    for call in calls.into_iter().flat_map(|c| [c.clone(), with_numbers(c)]) {
        let before = std.audit_call(&call);
        let mut stored = call.clone();
        redacted_total += redactor.redact_call(&mut stored).total();
        let after = std.audit_call(&stored);
        assert_eq!(before.score, after.score, "{}: score", call.id);
        for (b, a) in before.verdicts.iter().zip(&after.verdicts) {
            assert_eq!(b.outcome, a.outcome, "{}: {}", call.id, b.rule);
        }
        // What is stored keeps the words and their timings.
        for (u, s) in call.utterances.iter().zip(&stored.utterances) {
            assert_eq!(
                u.text.split_whitespace().count(),
                s.text.split_whitespace().count()
            );
            assert_eq!((u.start, u.end), (s.start, s.end));
        }
        for s in &stored.utterances {
            assert!(!s.text.contains("4276"), "{}: {}", call.id, s.text);
            assert!(
                !s.text.contains("шестнадцать сто"),
                "{}: {}",
                call.id,
                s.text
            );
        }
    }
    assert!(
        redacted_total >= 20,
        "the numbers spoken into the calls were found ({redacted_total})"
    );
}

#[test]
fn an_audit_is_redacted_text_by_text_as_each_text_alone() {
    let std = callqa_standard::builtin();
    let redactor = Redactor::new(Config::default());
    let mut repeated = 0;
    let mut found = 0;
    for call in examples().into_iter().map(with_numbers) {
        let mut audit = std.audit_call(&call);
        // Quote the card utterance twice more, so a text repeats.
        if let Some(v) = audit.verdicts.iter_mut().find(|v| !v.evidence.is_empty()) {
            let mut e = v.evidence[0].clone();
            e.quote = call
                .utterances
                .iter()
                .find(|u| u.text.contains("4276") || u.text.contains("4111"))
                .map(|u| u.text.clone())
                .unwrap_or_default();
            v.evidence.push(e.clone());
            v.evidence.push(e);
        }
        let mut texts = Vec::new();
        for v in &audit.verdicts {
            texts.extend(v.message.clone());
            texts.extend(v.reason.clone());
            texts.extend(v.evidence.iter().map(|e| e.quote.clone()));
        }
        let alone: Vec<_> = texts.iter().map(|t| redactor.redact_text(t)).collect();
        let unique: std::collections::HashSet<&String> = texts.iter().collect();
        repeated += texts.len() - unique.len();
        let before = audit.clone();
        let counts = redactor.redact_audit(&mut audit);
        // Again, now from what the redactor remembers of these texts.
        let mut twice = before.clone();
        assert_eq!(redactor.redact_audit(&mut twice), counts, "{}", call.id);
        assert_eq!(twice, audit, "{}", call.id);
        let mut after = Vec::new();
        for v in &audit.verdicts {
            after.extend(v.message.clone());
            after.extend(v.reason.clone());
            after.extend(v.evidence.iter().map(|e| e.quote.clone()));
        }
        let expected: Vec<String> = alone.iter().map(|r| r.text.clone()).collect();
        assert_eq!(after, expected, "{}", call.id);
        let total: usize = alone.iter().map(|r| r.found.len()).sum();
        assert_eq!(counts.total(), total, "{}", call.id);
        found += total;
    }
    assert!(repeated > 0, "some texts repeat within an audit");
    assert!(found >= 24, "each repeated card quote counts ({found})");
}
