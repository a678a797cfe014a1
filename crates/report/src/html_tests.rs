//! Tests of the HTML page (beside `html.rs` to keep it readable).

use super::*;
use crate::testdata::{audit, audits, fail, pass, OP};

fn render_with(audits: &[CallAudit], opts: HtmlOptions, unreadable: usize) -> String {
    let mut summary = Summary::new();
    let mut report = HtmlReport::new(opts);
    for a in audits {
        summary.add(a);
        report.add(a);
    }
    let mut out = Vec::new();
    report.write(&mut out, &summary, unreadable).unwrap();
    String::from_utf8(out).unwrap()
}

fn render(audits: &[CallAudit]) -> String {
    render_with(audits, HtmlOptions::default(), 0)
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
        .contains("&#60;script&#62;alert(2)&#60;/script&#62; &#38; &#60;img src=x onerror=y&#62;"));
    assert!(page.contains("op&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(page.contains("rule&#60;x&#62;"));
    // In the chart's SVG labels and hover titles too.
    assert!(page.contains(
        "<text class=\"name\" x=\"250\" y=\"16\" text-anchor=\"end\">rule&#60;x&#62;</text>"
    ));
}

#[test]
fn page_is_self_contained_and_complete() {
    let page = render(&audits());
    assert!(page.starts_with("<!DOCTYPE html>"), "{}", &page[..100]);
    assert!(page.trim_end().ends_with("</html>"));
    for banned in [
        "<script", "<link", "src=", "http://", "https://", "@import", "url(",
    ] {
        assert!(!page.contains(banned), "{banned}");
    }
    assert!(page.contains("<div class=\"n\">78.2</div><div class=\"l\">mean score</div>"));
    assert!(
        page.contains("<h2 id=\"rules\">Rules</h2>")
            && page.contains("<h2 id=\"operators\">Operators</h2>")
    );
    assert_eq!(page.matches("<svg ").count(), 2, "two charts");
    // The calls with a failed rule, worst first: the failed call, then the
    // passed one with a failure; the clean call is only counted.
    let worst = page.find("2026-03-02-000119").unwrap();
    let next = page.find("2026-03-02-000117").unwrap();
    assert!(worst < next);
    assert!(!page.contains("2026-03-02-000118"));
    assert!(page.contains("Every call with a failed rule (2), worst first."));
    assert!(page.contains("<details class=\"call failed\" open>"));
    assert!(page.contains("<span class=\"sev-critical\">critical: greeting.company</span>"));
    assert!(page.contains("<span class=\"at\">operator 1:36</span><q>Так, смотрите</q>"));
    assert!(page.contains("<td class=\"rule\">hold.thanks</td><td class=\"sev-major\">major</td><td class=\"num hot\">2</td>"));
    assert!(page.contains("<span class=\"rule\">greeting.company</span>&nbsp;×1, <span class=\"rule\">hold.thanks</span>&nbsp;×1"));
}

#[test]
fn the_worst_calls_are_kept_and_the_rest_counted() {
    let calls: Vec<CallAudit> = (0..50)
        .map(|i| {
            let score = f64::from(i * 2);
            audit(
                &format!("call-{i:02}"),
                Some("op"),
                score,
                i % 10 != 0,
                vec![fail("r", "m", &[]), pass("p", &[])],
            )
        })
        .collect();
    let page = render_with(
        &calls,
        HtmlOptions {
            max_calls: 7,
            ..HtmlOptions::default()
        },
        0,
    );
    assert_eq!(page.matches("<details").count(), 7);
    // The five calls that did not pass (0, 10, … 40), then the two lowest
    // scores among the others (1, 2), in that order.
    let order: Vec<usize> = [
        "call-00", "call-10", "call-20", "call-30", "call-40", "call-01", "call-02",
    ]
    .iter()
    .map(|id| {
        page.find(&format!("<span class=\"id\">{id}</span>"))
            .unwrap_or_else(|| panic!("{id}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(!page.contains("call-03"));
    assert!(page.contains("The 7 worst of the 50 calls with a failed rule"));
    assert!(page.contains("The other 43 are left out of this page"));
}

#[test]
fn long_quotes_and_evidence_lists_are_cut() {
    let long = "а".repeat(1000);
    let many: Vec<(Option<callqa_model::Party>, f64, &str)> =
        (0..9).map(|i| (OP, f64::from(i), long.as_str())).collect();
    let page = render(&[audit("x", None, 0.0, false, vec![fail("r", "m", &many)])]);
    assert_eq!(
        page.matches("<div class=\"ev\"><span class=\"at\">")
            .count(),
        5
    );
    assert!(page.contains("<div class=\"ev\">+4 more</div>"));
    assert!(page.contains(&format!("<q>{}…</q>", "а".repeat(300))));
}

#[test]
fn empty_batch_has_cards_only() {
    let page = render_with(&[], HtmlOptions::default(), 3);
    assert!(page.contains("<div class=\"n\">–</div><div class=\"l\">mean score</div>"));
    assert!(page.contains(
        "<div class=\"card bad\"><div class=\"n\">3</div><div class=\"l\">unreadable inputs</div>"
    ));
    assert!(!page.contains("<h2 id=\"rules\">Rules</h2>"));
}

#[test]
fn thousands_are_grouped() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1000), "1\u{202F}000");
    assert_eq!(thousands(1_234_567), "1\u{202F}234\u{202F}567");
}

#[test]
fn the_page_speaks_the_report_language() {
    let ru = render_with(
        &audits(),
        HtmlOptions {
            lang: Lang::Ru,
            ..HtmlOptions::default()
        },
        0,
    );
    for word in [
        "<html lang=\"ru\">",
        "Отчёт о проверке звонков",
        "Правила",
        "Операторы",
        "Худшие звонки",
        "НЕ ПРОЙДЕН",
        "нарушено: ",
    ] {
        assert!(ru.contains(word), "no {word:?} in\n{ru}");
    }
    for word in ["Worst calls", "PASSED", "mean score", ">operator "] {
        assert!(!ru.contains(word), "{word:?} in\n{ru}");
    }
    // CSS classes keep their stable names.
    assert!(ru.contains("class=\"sev-"), "{ru}");
    let en = render(&audits());
    assert!(en.contains("<html lang=\"en\">") && en.contains("Worst calls"));
}
