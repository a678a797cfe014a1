//! The reports stay usable at 100,000 calls: the HTML page stays small (the
//! worst calls only, with a note of the others) and CSV has a row per call.

mod synthetic;

use callqa_report::{Format, HtmlOptions, ReportOptions, Reporter};

const CALLS: usize = 100_000;

#[test]
fn html_of_100k_calls_is_bounded_and_has_the_summary() {
    let audits = synthetic::audits(CALLS, 400);
    let failed = audits.iter().filter(|a| !a.passed).count();
    let mut r = Reporter::new(Format::Html, Vec::new(), ReportOptions::new());
    for a in &audits {
        r.add(a).unwrap();
    }
    let page = String::from_utf8(r.finish(0).unwrap()).unwrap();
    eprintln!("html of {CALLS} calls: {} bytes", page.len());
    assert!(page.len() < 1_500_000, "{} bytes", page.len());
    assert!(page.contains("<div class=\"n\">100\u{202F}000</div><div class=\"l\">calls</div>"));
    let failed = format!(
        "<div class=\"n\">{}</div><div class=\"l\">failed</div>",
        group(failed)
    );
    assert!(page.contains(&failed), "{failed}");
    assert_eq!(
        page.matches("<details").count(),
        HtmlOptions::default().max_calls
    );
    assert!(page.contains("are left out of this page"));
    assert_eq!(page.matches("<svg ").count(), 2);
    assert!(page.contains("<h2 id=\"operators\">Operators</h2>") && page.contains("op-16"));
}

#[test]
fn csv_of_100k_calls_has_a_row_per_call() {
    let audits = synthetic::audits(CALLS, 100);
    // A column per rule and per [[manual]] item.
    let std = callqa_standard::builtin();
    let rules = std.rules().len() + std.manual_items().len();
    let mut r = Reporter::new(Format::Csv, Vec::new(), ReportOptions::new());
    for a in &audits {
        r.add(a).unwrap();
    }
    let bytes = r.finish(0).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    assert_eq!(reader.headers().unwrap().len(), 8 + rules);
    let mut n = 0;
    for row in reader.records() {
        let row = row.unwrap();
        assert_eq!(row.len(), 8 + rules);
        assert_eq!(&row[0], audits[n].call);
        n += 1;
    }
    assert_eq!(n, CALLS);
}

fn group(n: usize) -> String {
    let d = n.to_string();
    let mut out = String::new();
    for (i, c) in d.chars().enumerate() {
        if i > 0 && (d.len() - i) % 3 == 0 {
            out.push('\u{202F}');
        }
        out.push(c);
    }
    out
}
