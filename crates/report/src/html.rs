//! The HTML report: one self-contained page (inline CSS, no script, no
//! external assets) with summary cards, the per-rule and per-operator
//! tables, then every call with its verdicts.
//!
//! Every piece of text, from the call id to transcript quotes, goes through
//! [`escape`]: a quote reading `<script>` shows as text. Failed calls are
//! open, passed calls are folded in `<details>` so a large batch stays
//! readable without JavaScript.

use std::fmt::Write as _;
use std::io::{self, Write};

use callqa_model::{CallAudit, Evidence, Outcome, Party, Severity, Verdict};

use crate::json::TOP_RULES;
use crate::summary::Summary;
use crate::table::clock;

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1d2430;\
background:#f4f6f9;margin:0;padding:24px}
main{max-width:1100px;margin:0 auto}
h1{font-size:24px;margin:0 0 16px}h2{font-size:19px;margin:28px 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border-radius:8px;padding:12px 18px;min-width:120px;\
box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card .n{font-size:26px;font-weight:600}.card .l{color:#5b6676;font-size:13px}
.card.bad .n{color:#b42318}.card.good .n{color:#067647}
table{border-collapse:collapse;background:#fff;width:100%;\
box-shadow:0 1px 2px rgba(0,0,0,.08);border-radius:8px;overflow:hidden}
th,td{padding:6px 10px;text-align:left;border-bottom:1px solid #e7eaf0;vertical-align:top}
th{background:#eef1f5;font-weight:600;font-size:13px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.hot{color:#b42318;font-weight:600}
details.call{background:#fff;border-radius:8px;margin:10px 0;\
box-shadow:0 1px 2px rgba(0,0,0,.08);border-left:5px solid #12b76a}
details.call.failed{border-left-color:#d92d20}
summary{cursor:pointer;padding:10px 14px;display:flex;flex-wrap:wrap;gap:14px;align-items:baseline}
summary .id{font-weight:600}summary .meta{color:#5b6676;font-size:13px}
.badge{border-radius:4px;padding:1px 8px;font-size:12px;font-weight:700;color:#fff}
.badge.pass{background:#12b76a}.badge.fail{background:#d92d20}
.verdicts{box-shadow:none;border-radius:0}
tr.fail td{background:#fef3f2}tr.na td{color:#8a94a3}
.mark{font-weight:700;width:1.2em}tr.pass .mark{color:#067647}tr.fail .mark{color:#d92d20}
.sev-critical{color:#b42318;font-weight:700}
.rule{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}
.ev{color:#3b4554;margin-top:3px}.ev .at{color:#5b6676;font-size:12px;margin-right:6px}
q{quotes:'«' '»'}
";

/// Writes the whole report as one HTML page.
pub fn write_html<W: Write>(mut w: W, audits: &[CallAudit], summary: &Summary) -> io::Result<()> {
    // Built in memory: `fmt::Write` on a String cannot fail, and the page is
    // then written with one call.
    let mut h = String::with_capacity(4096 + audits.len() * 2048);
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>callqa report</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<main>\n<h1>Call audit report</h1>\n");
    summary_section(&mut h, summary);
    h.push_str("<h2>Calls</h2>\n");
    for audit in audits {
        call_section(&mut h, audit);
    }
    h.push_str("</main>\n</body>\n</html>\n");
    w.write_all(h.as_bytes())
}

fn summary_section(h: &mut String, s: &Summary) {
    let mean = s
        .mean_score()
        .map_or_else(|| "–".to_owned(), |m| format!("{m:.1}"));
    h.push_str("<section class=\"cards\">\n");
    card(h, "", &s.calls().to_string(), "calls");
    card(h, "good", &s.passed().to_string(), "passed");
    let bad = if s.failed() > 0 { "bad" } else { "" };
    card(h, bad, &s.failed().to_string(), "failed");
    card(h, "", &mean, "mean score");
    h.push_str("</section>\n");
    if s.calls() == 0 {
        return;
    }

    h.push_str("<h2>Rules</h2>\n<table>\n<tr><th>rule</th><th>severity</th>");
    h.push_str("<th class=\"num\">fail</th><th class=\"num\">pass</th>");
    h.push_str("<th class=\"num\">n/a</th><th class=\"num\">fail %</th></tr>\n");
    for r in s.rules() {
        let rate = r
            .fail_rate()
            .map_or_else(|| "–".to_owned(), |f| format!("{:.1}", f * 100.0));
        let _ = writeln!(
            h,
            "<tr><td class=\"rule\">{}</td><td class=\"sev-{sev}\">{sev}</td>{}\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{rate}</td></tr>",
            escape(&r.rule),
            count_cell(r.fail),
            r.pass,
            r.not_applicable,
            sev = r.severity.as_str(),
        );
    }
    h.push_str("</table>\n");

    h.push_str("<h2>Operators</h2>\n<table>\n<tr><th>operator</th><th class=\"num\">calls</th>");
    h.push_str("<th class=\"num\">mean score</th><th class=\"num\">failed calls</th>");
    h.push_str("<th>most failed rules</th></tr>\n");
    for o in s.operators() {
        let top: Vec<String> = o
            .most_failed_rules(TOP_RULES)
            .into_iter()
            .map(|(rule, n)| format!("<span class=\"rule\">{}</span>&nbsp;×{n}", escape(rule)))
            .collect();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{:.1}</td>{}<td>{}</td></tr>",
            escape(o.operator.as_deref().unwrap_or("–")),
            o.calls,
            o.mean_score(),
            count_cell(o.failed),
            top.join(", "),
        );
    }
    h.push_str("</table>\n");
}

fn card(h: &mut String, class: &str, value: &str, label: &str) {
    let _ = writeln!(
        h,
        "<div class=\"card {class}\"><div class=\"n\">{}</div><div class=\"l\">{label}</div></div>",
        escape(value)
    );
}

fn count_cell(n: usize) -> String {
    let hot = if n > 0 { " hot" } else { "" };
    format!("<td class=\"num{hot}\">{n}</td>")
}

fn call_section(h: &mut String, a: &CallAudit) {
    let (class, open, badge) = if a.passed {
        ("call", "", "<span class=\"badge pass\">PASSED</span>")
    } else {
        (
            "call failed",
            " open",
            "<span class=\"badge fail\">FAILED</span>",
        )
    };
    let critical: Vec<String> = a
        .verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::Fail && v.severity == Severity::Critical)
        .map(|v| escape(&v.rule))
        .collect();
    let failures = a
        .verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::Fail)
        .count();
    let _ = write!(
        h,
        "<details class=\"{class}\"{open}>\n<summary><span class=\"id\">{}</span>\
         <span>{}</span><span>score <b>{:.1}</b></span>{badge}",
        escape(&a.call),
        escape(a.operator.as_deref().unwrap_or("–")),
        a.score,
    );
    if !critical.is_empty() {
        let _ = write!(
            h,
            "<span class=\"sev-critical\">critical: {}</span>",
            critical.join(", ")
        );
    }
    let _ = writeln!(
        h,
        "<span class=\"meta\">{failures} failed · {}</span></summary>",
        escape(&a.standard)
    );
    h.push_str("<table class=\"verdicts\">\n");
    for v in &a.verdicts {
        verdict_row(h, v);
    }
    h.push_str("</table>\n</details>\n");
}

fn verdict_row(h: &mut String, v: &Verdict) {
    let (class, mark) = match v.outcome {
        Outcome::Pass => ("pass", "✓"),
        Outcome::Fail => ("fail", "✗"),
        Outcome::NotApplicable => ("na", "·"),
    };
    let sev = v.severity.as_str();
    let _ = write!(
        h,
        "<tr class=\"{class}\"><td class=\"mark\">{mark}</td><td class=\"rule\">{}</td>\
         <td class=\"sev-{sev}\">{}</td><td>",
        escape(&v.rule),
        if v.outcome == Outcome::Fail { sev } else { "" },
    );
    match v.outcome {
        Outcome::Fail => {
            if let Some(m) = &v.message {
                h.push_str(&escape(m));
            }
            for e in &v.evidence {
                evidence(h, e);
            }
        }
        Outcome::Pass => {
            if let Some(e) = v.evidence.first() {
                evidence(h, e);
            }
        }
        Outcome::NotApplicable => {
            if let Some(r) = &v.reason {
                h.push_str(&escape(r));
            }
        }
    }
    h.push_str("</td></tr>\n");
}

fn evidence(h: &mut String, e: &Evidence) {
    let who = match e.speaker {
        Some(Party::Operator) => "operator ",
        Some(Party::Client) => "client ",
        None => "",
    };
    let _ = write!(
        h,
        "<div class=\"ev\"><span class=\"at\">{who}{}</span>",
        clock(e.start)
    );
    if e.speaker.is_some() {
        let _ = write!(h, "<q>{}</q>", escape(&e.quote));
    } else {
        h.push_str(&escape(&e.quote));
    }
    h.push_str("</div>");
}

/// Escapes text for HTML element content and quoted attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::{audit, audits, fail, pass, OP};

    fn render(audits: &[CallAudit]) -> String {
        let mut summary = Summary::new();
        audits.iter().for_each(|a| summary.add(a));
        let mut out = Vec::new();
        write_html(&mut out, audits, &summary).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("Так, смотрите"), "Так, смотрите");
    }

    #[test]
    fn transcript_markup_renders_as_text() {
        let evil = audit(
            "<b>id</b>",
            Some("op<script>alert(1)</script>"),
            0.0,
            false,
            vec![
                fail(
                    "rule<x>",
                    "said \"<script>alert('m')</script>\"",
                    &[(OP, 1.0, "<script>alert(2)</script> & <img src=x onerror=y>")],
                ),
                pass("ok", &[(OP, 2.0, "</td></tr></table>")]),
            ],
        );
        let page = render(&[evil]);
        assert!(!page.contains("<script"), "{page}");
        assert!(!page.contains("<img"));
        assert!(!page.contains("<b>id"));
        assert!(!page.contains("</td></tr></table><"));
        assert!(page
            .contains("&lt;script&gt;alert(2)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;"));
        assert!(page.contains("op&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("rule&lt;x&gt;"));
    }

    #[test]
    fn page_is_self_contained_and_complete() {
        let page = render(&audits());
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.ends_with("</html>\n"));
        for banned in ["<script", "<link", "src=", "http://", "https://", "@import"] {
            assert!(!page.contains(banned), "{banned}");
        }
        // Cards, tables and every call.
        assert!(page.contains("<div class=\"n\">78.2</div><div class=\"l\">mean score</div>"));
        assert!(page.contains("<h2>Rules</h2>") && page.contains("<h2>Operators</h2>"));
        for a in audits() {
            assert!(page.contains(&a.call));
        }
        // Failed calls are open and highlighted; passed ones folded.
        assert!(page.contains("<details class=\"call failed\" open>"));
        assert!(page.contains("<details class=\"call\">"));
        assert!(page.contains("<tr class=\"fail\">"));
        assert!(page.contains("<span class=\"sev-critical\">critical: greeting.company</span>"));
        assert!(page.contains("<span class=\"at\">operator 1:36</span><q>Так, смотрите</q>"));
        assert_eq!(page.matches("<details").count(), 3);
    }

    #[test]
    fn empty_batch_has_cards_only() {
        let page = render(&[]);
        assert!(page.contains("<div class=\"n\">–</div><div class=\"l\">mean score</div>"));
        assert!(!page.contains("<h2>Rules</h2>"));
    }
}
