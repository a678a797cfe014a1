//! The HTML report: one self-contained page (inline CSS and SVG, no script,
//! nothing fetched) that stays small at any batch size — summary cards, two
//! charts (score distribution, failure rate per rule), the per-rule and
//! per-operator tables, then the worst calls with their failed verdicts and
//! evidence, at most [`HtmlOptions::max_calls`] of them, with a note of how
//! many were left out.
//!
//! The page is an askama template (`templates/report.html`, its CSS in
//! `templates/report.css`, shared with the dashboard): every value is
//! escaped by the template engine, so a quote reading `<script>` shows as
//! text. This file only gathers what the template shows; the chart
//! geometry is in `html_charts.rs`.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::io::{self, Write};

use askama::Template;
use callqa_model::{CallAudit, Evidence, Lang, Outcome, Party, Severity};

use crate::html_charts::{rule_chart, score_chart, Chart, SCORE_BINS};
use crate::json::TOP_RULES;
use crate::labels::{self, label, Label};
use crate::summary::Summary;
use crate::table::clock;

/// How the HTML page is bounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The most calls listed with their evidence: the worst ones (calls that
    /// did not pass first, then by failed critical rules, then by lowest
    /// score). The page says how many others had a failure.
    pub max_calls: usize,
    /// The language of the page's labels.
    pub lang: Lang,
}

impl Default for HtmlOptions {
    /// 200 calls, English labels.
    fn default() -> Self {
        HtmlOptions {
            max_calls: 200,
            lang: Lang::En,
        }
    }
}

/// Evidence items shown per failed verdict; the rest are counted.
const MAX_EVIDENCE: usize = 5;
/// Characters of a quote shown; longer ones end in `…`.
const MAX_QUOTE: usize = 300;

/// Gathers, call by call, what the page needs beyond the [`Summary`]: the
/// score distribution and the worst calls (a bounded heap, so memory does
/// not grow with the batch).
pub(crate) struct HtmlReport {
    opts: HtmlOptions,
    bins: [usize; SCORE_BINS],
    /// Calls with at least one failed verdict.
    with_failures: usize,
    seen: usize,
    /// The least bad of the kept calls on top, to be dropped first.
    worst: BinaryHeap<Reverse<Ranked>>,
}

impl HtmlReport {
    pub(crate) fn new(opts: HtmlOptions) -> HtmlReport {
        HtmlReport {
            opts,
            bins: [0; SCORE_BINS],
            with_failures: 0,
            seen: 0,
            worst: BinaryHeap::new(),
        }
    }

    pub(crate) fn add(&mut self, audit: &CallAudit) {
        self.seen += 1;
        if let Some(score) = audit.score {
            let bin = (score.clamp(0.0, 100.0) / (100.0 / SCORE_BINS as f64)) as usize;
            self.bins[bin.min(SCORE_BINS - 1)] += 1;
        }
        let failed = failed_verdicts(audit);
        if failed == 0 {
            return;
        }
        self.with_failures += 1;
        if self.opts.max_calls == 0 {
            return;
        }
        let rank = Ranked {
            not_passed: !audit.passed,
            critical: audit
                .verdicts
                .iter()
                .filter(|v| v.outcome == Outcome::Fail && v.severity == Severity::Critical)
                .count(),
            score: audit.score.unwrap_or(100.0),
            seq: self.seen,
            audit: None,
        };
        if self.worst.len() == self.opts.max_calls {
            // Full: keep the new call only if it is worse than the least bad.
            match self.worst.peek() {
                Some(Reverse(least)) if rank.cmp(least) == Ordering::Greater => {
                    self.worst.pop();
                }
                _ => return,
            }
        }
        self.worst.push(Reverse(Ranked {
            audit: Some(Box::new(audit.clone())),
            ..rank
        }));
    }

    /// Writes the page.
    pub(crate) fn write<W: Write>(
        self,
        w: &mut W,
        summary: &Summary,
        unreadable: usize,
    ) -> io::Result<()> {
        let mut worst: Vec<Ranked> = self.worst.into_iter().map(|Reverse(r)| r).collect();
        worst.sort_by(|a, b| b.cmp(a));
        let calls: Vec<CallView<'_>> = worst
            .iter()
            .filter_map(|r| r.audit.as_deref())
            .map(|a| CallView::new(a, self.opts.lang))
            .collect();
        let lang = self.opts.lang;
        let shown = thousands(calls.len());
        let note = if self.with_failures > calls.len() {
            label(
                lang,
                Label::NoteLeftOut,
                &[
                    ("shown", &shown),
                    ("n", &thousands(self.with_failures)),
                    ("left", &thousands(self.with_failures - calls.len())),
                ],
            )
        } else if calls.is_empty() {
            Label::NoteNoFailures.text(lang).to_string()
        } else {
            label(lang, Label::NoteAll, &[("n", &shown)])
        };
        let page = Page {
            t: Texts::new(lang),
            note,
            calls: thousands(summary.calls()),
            passed: thousands(summary.passed()),
            failed: thousands(summary.failed()),
            any_failed: summary.failed() > 0,
            mean: summary
                .mean_score()
                .map_or_else(|| "–".to_owned(), |m| format!("{m:.1}")),
            unreadable: thousands(unreadable),
            any_unreadable: unreadable > 0,
            empty: summary.calls() == 0,
            score_chart: score_chart(&self.bins, lang),
            rule_chart: rule_chart(summary, lang),
            rules: rule_rows(summary, lang),
            operators: operator_rows(summary),
            worst: calls,
        };
        page.write_into(w)
    }
}

fn failed_verdicts(a: &CallAudit) -> usize {
    a.verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::Fail)
        .count()
}

/// A call's place among the worst: greater is worse.
struct Ranked {
    not_passed: bool,
    critical: usize,
    score: f64,
    /// Arrival order: of two equally bad calls the earlier is worse, so the
    /// page is the same for the same input.
    seq: usize,
    audit: Option<Box<CallAudit>>,
}

impl Ord for Ranked {
    fn cmp(&self, other: &Self) -> Ordering {
        self.not_passed
            .cmp(&other.not_passed)
            .then(self.critical.cmp(&other.critical))
            .then(other.score.total_cmp(&self.score))
            .then(other.seq.cmp(&self.seq))
    }
}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

#[derive(Template)]
#[template(path = "report.html")]
struct Page<'a> {
    t: Texts,
    /// What the list of worst calls holds.
    note: String,
    calls: String,
    passed: String,
    failed: String,
    any_failed: bool,
    mean: String,
    unreadable: String,
    any_unreadable: bool,
    empty: bool,
    score_chart: Chart,
    rule_chart: Chart,
    rules: Vec<RuleRow<'a>>,
    operators: Vec<OperatorRow<'a>>,
    worst: Vec<CallView<'a>>,
}

/// The page's fixed words in its language.
struct Texts {
    lang: &'static str,
    title: &'static str,
    calls: &'static str,
    passed: &'static str,
    failed: &'static str,
    mean: &'static str,
    unreadable: &'static str,
    charts: &'static str,
    chart_scores: &'static str,
    chart_rules: &'static str,
    rules: &'static str,
    rule: &'static str,
    severity: &'static str,
    fail: &'static str,
    pass: &'static str,
    na: &'static str,
    fail_rate: &'static str,
    operators: &'static str,
    operator: &'static str,
    failed_calls: &'static str,
    most_failed: &'static str,
    worst: &'static str,
    score: &'static str,
    badge_passed: &'static str,
    badge_failed: &'static str,
}

impl Texts {
    fn new(lang: Lang) -> Texts {
        let t = |l: Label| l.text(lang);
        Texts {
            lang: lang.as_str(),
            title: t(Label::HtmlTitle),
            calls: t(Label::ColCalls),
            passed: t(Label::CardPassed),
            failed: t(Label::ColFailed),
            mean: t(Label::ColMeanScore),
            unreadable: t(Label::CardUnreadable),
            charts: t(Label::Charts),
            chart_scores: t(Label::ChartScores),
            chart_rules: t(Label::ChartRules),
            rules: t(Label::Rules),
            rule: t(Label::ColRule),
            severity: t(Label::ColSeverity),
            fail: t(Label::ColFail),
            pass: t(Label::ColPass),
            na: t(Label::ColNa),
            fail_rate: t(Label::ColFailRate),
            operators: t(Label::Operators),
            operator: t(Label::ColOperator),
            failed_calls: t(Label::ColFailedCalls),
            most_failed: t(Label::ColMostFailedRules),
            worst: t(Label::WorstCalls),
            score: t(Label::CardScore),
            badge_passed: t(Label::Passed),
            badge_failed: t(Label::Failed),
        }
    }
}

struct RuleRow<'a> {
    rule: &'a str,
    severity: &'static str,
    severity_text: &'static str,
    hot: bool,
    fail: String,
    pass: String,
    not_applicable: String,
    rate: String,
}

fn rule_rows(s: &Summary, lang: Lang) -> Vec<RuleRow<'_>> {
    s.rules()
        .into_iter()
        .map(|r| RuleRow {
            rule: &r.rule,
            severity: r.severity.as_str(),
            severity_text: labels::severity(lang, r.severity),
            hot: r.fail > 0,
            fail: thousands(r.fail),
            pass: thousands(r.pass),
            not_applicable: thousands(r.not_applicable),
            rate: r
                .fail_rate()
                .map_or_else(|| "–".to_owned(), |f| format!("{:.1}", f * 100.0)),
        })
        .collect()
}

struct OperatorRow<'a> {
    operator: &'a str,
    calls: String,
    mean: String,
    hot: bool,
    failed: String,
    top: Vec<(&'a str, usize)>,
}

fn operator_rows(s: &Summary) -> Vec<OperatorRow<'_>> {
    s.operators()
        .map(|o| OperatorRow {
            operator: o.operator.as_deref().unwrap_or("–"),
            calls: thousands(o.calls),
            mean: o
                .mean_score()
                .map_or_else(|| "–".to_string(), |m| format!("{m:.1}")),
            hot: o.failed > 0,
            failed: thousands(o.failed),
            top: o.most_failed_rules(TOP_RULES),
        })
        .collect()
}

/// One of the worst calls: its header and its failed verdicts.
struct CallView<'a> {
    call: &'a str,
    operator: &'a str,
    score: String,
    passed: bool,
    critical: String,
    failures: Vec<FailView<'a>>,
    /// «2 failed · 20 passed · 5 n/a · standard».
    meta: String,
}

impl<'a> CallView<'a> {
    fn new(a: &'a CallAudit, lang: Lang) -> CallView<'a> {
        let critical: Vec<&str> = a
            .verdicts
            .iter()
            .filter(|v| v.outcome == Outcome::Fail && v.severity == Severity::Critical)
            .map(|v| v.rule.as_str())
            .collect();
        let count = |o: Outcome| a.verdicts.iter().filter(|v| v.outcome == o).count();
        CallView {
            call: &a.call,
            operator: a.operator.as_deref().unwrap_or("–"),
            score: a
                .score
                .map_or_else(|| "–".to_string(), |s| format!("{s:.1}")),
            passed: a.passed,
            critical: if critical.is_empty() {
                String::new()
            } else {
                label(lang, Label::CriticalFailed, &[("n", &critical.join(", "))])
            },
            meta: label(
                lang,
                Label::CallMeta,
                &[
                    ("failed", &count(Outcome::Fail).to_string()),
                    ("passed", &count(Outcome::Pass).to_string()),
                    ("na", &count(Outcome::NotApplicable).to_string()),
                    ("standard", &a.standard),
                ],
            ),
            failures: a
                .verdicts
                .iter()
                .filter(|v| v.outcome == Outcome::Fail)
                .map(|v| FailView {
                    rule: &v.rule,
                    title: &v.title,
                    severity: v.severity.as_str(),
                    severity_text: labels::severity(lang, v.severity),
                    message: v.message.as_deref(),
                    evidence: v
                        .evidence
                        .iter()
                        .take(MAX_EVIDENCE)
                        .map(|e| EvView::new(e, lang))
                        .collect(),
                    // Occurrences beyond those shown: the evidence left
                    // out here and what the audit counted in `more`.
                    more_evidence: {
                        let n = v.evidence.len().saturating_sub(MAX_EVIDENCE) + v.more;
                        (n > 0).then(|| label(lang, Label::MoreEvidence, &[("n", &n.to_string())]))
                    },
                })
                .collect(),
        }
    }
}

struct FailView<'a> {
    rule: &'a str,
    title: &'a str,
    /// The CSS class's stable name.
    severity: &'static str,
    /// The severity for people.
    severity_text: &'static str,
    message: Option<&'a str>,
    evidence: Vec<EvView>,
    more_evidence: Option<String>,
}

struct EvView {
    /// `operator 1:36`, `client 0:03` or, for an event, `1:02`.
    at: String,
    quote: String,
    /// Spoken words are quoted; an event's description is not.
    spoken: bool,
}

impl EvView {
    fn new(e: &Evidence, lang: Lang) -> EvView {
        let who = match (e.kind, e.speaker) {
            (callqa_model::EvidenceKind::Quote, Some(Party::Operator)) => {
                format!("{} ", Label::SpeakerOperator.text(lang))
            }
            (callqa_model::EvidenceKind::Quote, Some(Party::Client)) => {
                format!("{} ", Label::SpeakerClient.text(lang))
            }
            _ => String::new(),
        };
        let quote = e.quote.trim();
        let quote = match quote.char_indices().nth(MAX_QUOTE) {
            Some((cut, _)) => format!("{}…", &quote[..cut]),
            None => quote.to_owned(),
        };
        EvView {
            at: format!("{who}{}", clock(e.start)),
            quote,
            spoken: e.kind == callqa_model::EvidenceKind::Quote,
        }
    }
}

/// `1234567` as `1 234 567` (a thin space, readable in every locale).
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}

/// Writes a whole batch as one HTML page, bounded by [`HtmlOptions`]'s
/// defaults; `summary` must be that of `audits`. [`crate::Reporter`] does
/// the same call by call without holding the batch.
pub fn write_html<W: Write>(mut w: W, audits: &[CallAudit], summary: &Summary) -> io::Result<()> {
    let mut report = HtmlReport::new(HtmlOptions::default());
    for a in audits {
        report.add(a);
    }
    report.write(&mut w, summary, 0)
}

#[cfg(test)]
#[path = "html_tests.rs"]
mod tests;
