//! Hand-built audits shared by the tests of every renderer.

use callqa_model::{
    CallAudit, CallInfo, Evidence, EvidenceKind, Outcome, Party, Severity, Verdict,
};

/// `(speaker, start, quote)`; the end is start + 3 s.
pub type Ev<'a> = (Option<Party>, f64, &'a str);

fn severity(rule: &str) -> Severity {
    match rule {
        "greeting.company" => Severity::Critical,
        "outbound.time_check" => Severity::Minor,
        _ => Severity::Major,
    }
}

fn verdict(rule: &str, outcome: Outcome, evidence: &[Ev<'_>]) -> Verdict {
    let severity = severity(rule);
    Verdict {
        evidence: evidence
            .iter()
            .map(|&(speaker, start, quote)| Evidence {
                kind: if speaker.is_some() {
                    EvidenceKind::Quote
                } else {
                    EvidenceKind::Fact
                },
                speaker,
                start,
                end: start + 3.0,
                quote: quote.to_owned(),
                lang: None,
            })
            .collect(),
        ..Verdict::new(rule, outcome, severity, severity.default_weight())
    }
}

pub fn pass(rule: &str, evidence: &[Ev<'_>]) -> Verdict {
    verdict(rule, Outcome::Pass, evidence)
}

pub fn fail(rule: &str, message: &str, evidence: &[Ev<'_>]) -> Verdict {
    Verdict {
        message: Some(message.to_owned()),
        ..verdict(rule, Outcome::Fail, evidence)
    }
}

pub fn na(rule: &str, reason: &str) -> Verdict {
    Verdict {
        reason: Some(reason.to_owned()),
        ..verdict(rule, Outcome::NotApplicable, &[])
    }
}

pub fn audit(
    call: &str,
    operator: Option<&str>,
    score: f64,
    passed: bool,
    verdicts: Vec<Verdict>,
) -> CallAudit {
    CallAudit {
        call: call.to_owned(),
        standard: "ru-default@1".to_owned(),
        score: Some(score),
        raw_score: Some(score),
        passed,
        sections: Vec::new(),
        operator: operator.map(str::to_owned),
        info: CallInfo::default(),
        verdicts,
    }
}

pub const OP: Option<Party> = Some(Party::Operator);

/// The call of the spec's example.
pub fn spec_call() -> CallAudit {
    audit(
        "2026-03-02-000117",
        Some("op-17"),
        84.6,
        true,
        vec![
            pass("greeting.company", &[(OP, 10.1, "компания «Ромашка»")]),
            fail(
                "hold.thanks",
                "after the hold that ended at 1:35 the operator's first words were \
                 «Так, смотрите» — no thanks for waiting",
                &[(OP, 96.0, "Так, смотрите")],
            ),
            na("outbound.time_check", "inbound call"),
        ],
    )
}

/// Three calls of two operators: one passed with a failure, one clean, one
/// failed on a critical rule.
pub fn audits() -> Vec<CallAudit> {
    vec![
        spec_call(),
        audit(
            "2026-03-02-000118",
            Some("op-17"),
            100.0,
            true,
            vec![
                pass("greeting.company", &[]),
                na("hold.thanks", "no hold"),
                na("outbound.time_check", "inbound call"),
            ],
        ),
        audit(
            "2026-03-02-000119",
            Some("op-3"),
            50.0,
            false,
            vec![
                fail(
                    "greeting.company",
                    "the operator did not name the company",
                    &[(OP, 3.0, "Алло")],
                ),
                fail("hold.thanks", "no thanks for waiting", &[]),
                na("outbound.time_check", "inbound call"),
            ],
        ),
    ]
}
