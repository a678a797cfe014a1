//! Golden tests of the terminal table (in its own file to keep `table.rs`
//! readable).

use crate::testdata::{audit, audits, fail, na, pass, spec_call, OP};
use crate::width::width;
use crate::{write_table_call, write_table_summary, Details, Summary, TableOptions};

fn plain(details: Details, width: usize) -> TableOptions {
    TableOptions {
        color: false,
        details,
        width,
        lang: callqa_model::Lang::En,
    }
}

fn render(audits: &[callqa_model::CallAudit], errors: usize, opts: &TableOptions) -> String {
    let mut out = Vec::new();
    let mut summary = Summary::new();
    for a in audits {
        write_table_call(&mut out, a, opts).unwrap();
        summary.add(a);
    }
    write_table_summary(&mut out, &summary, errors, opts).unwrap();
    String::from_utf8(out).unwrap()
}

const GOLDEN_ALL_80: &str = "\
2026-03-02-000117  op-17  score 84.6  PASSED
  ✓ greeting.company     [op 0:10] «компания «Ромашка»»
  ✗ hold.thanks          major
      after the hold that ended at 1:35 the operator's first words were «Так,
      смотрите» — no thanks for waiting
      [op 1:36] «Так, смотрите»
  · outbound.time_check  inbound call

2026-03-02-000118  op-17  score 100.0  PASSED
  ✓ greeting.company
  · hold.thanks          no hold
  · outbound.time_check  inbound call

2026-03-02-000119  op-3  score 50.0  FAILED (critical: greeting.company)
  ✗ greeting.company     critical
      the operator did not name the company
      [op 0:03] «Алло»
  ✗ hold.thanks          major
      no thanks for waiting
  · outbound.time_check  inbound call

Summary
  calls 3  passed 2  failed 1  mean score 78.2  unreadable inputs 1

Rules
  rule                 severity  fail  pass  n/a  fail %
  hold.thanks          major        2     0    1   100.0
  greeting.company     critical     1     2    0    33.3
  outbound.time_check  minor        0     0    3       -

Operators
  operator  calls  mean score  failed  most failed
  op-17         2        92.3       0  hold.thanks ×1
  op-3          1        50.0       1  greeting.company ×1, hold.thanks ×1
";

#[test]
fn golden_all_details() {
    assert_eq!(
        render(&audits(), 1, &plain(Details::All, 80)),
        GOLDEN_ALL_80
    );
}

#[test]
fn golden_failed_only() {
    let expected = "\
2026-03-02-000117  op-17  score 84.6  PASSED
  ✗ hold.thanks  major
      after the hold that ended at 1:35 the operator's first words were «Так,
      смотрите» — no thanks for waiting
      [op 1:36] «Так, смотрите»

2026-03-02-000118  op-17  score 100.0  PASSED

";
    let mut out = Vec::new();
    for a in &audits()[..2] {
        write_table_call(&mut out, a, &plain(Details::Failed, 80)).unwrap();
    }
    assert_eq!(String::from_utf8(out).unwrap(), expected);
}

#[test]
fn golden_headers_only_then_summary() {
    let expected = "\
2026-03-02-000117  op-17  score 84.6  PASSED
2026-03-02-000118  op-17  score 100.0  PASSED
2026-03-02-000119  op-3  score 50.0  FAILED (critical: greeting.company)

Summary
";
    let text = render(&audits(), 0, &plain(Details::None, 0));
    assert!(text.starts_with(expected), "{text}");
}

#[test]
fn empty_batch_summary() {
    let text = render(&[], 2, &plain(Details::All, 80));
    assert_eq!(
        text,
        "Summary\n  calls 0  passed 0  failed 0  mean score -  unreadable inputs 2\n"
    );
}

#[test]
fn colour_only_when_asked() {
    let plain_text = render(&audits(), 1, &plain(Details::All, 80));
    assert!(!plain_text.contains('\x1b'));

    let opts = TableOptions {
        color: true,
        ..plain(Details::All, 80)
    };
    let coloured = render(&audits(), 1, &opts);
    assert!(coloured.contains("\x1b[32m✓\x1b[0m"), "green pass");
    assert!(coloured.contains("\x1b[31m✗\x1b[0m"), "red fail");
    assert!(
        coloured.contains("\x1b[2minbound call\x1b[0m"),
        "dim n/a reason"
    );
    assert!(coloured.contains("\x1b[1;31mFAILED (critical: greeting.company)\x1b[0m"));
    assert!(coloured.contains("\x1b[1mSummary\x1b[0m"), "bold heading");
    // Stripping the codes gives the plain report back.
    assert_eq!(strip_ansi(&coloured), plain_text);
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn no_trailing_spaces() {
    for opts in [
        plain(Details::All, 80),
        plain(Details::All, 30),
        TableOptions {
            color: true,
            ..plain(Details::All, 50)
        },
    ] {
        let text = render(&audits(), 0, &opts);
        for line in text.lines() {
            assert_eq!(line, line.trim_end(), "{line:?}");
            assert!(!strip_ansi(line).ends_with(' '), "{line:?}");
        }
    }
}

#[test]
fn cyrillic_text_is_wrapped_and_cut_by_characters() {
    let long = "Добрый день, компания «Ромашка», меня зовут Анна, чем могу помочь вам сегодня";
    let a = audit(
        "ru-1",
        Some("op-1"),
        90.0,
        true,
        vec![
            pass("greeting.self_intro", &[(OP, 2.5, long)]),
            fail(
                "courtesy.no_slang",
                "оператор употребил просторечие «ну типа» в разговоре с клиентом",
                &[(OP, 75.0, long)],
            ),
            na(
                "hold.thanks",
                "удержания не было, поэтому правило не применяется к этому звонку",
            ),
        ],
    );
    let mut out = Vec::new();
    write_table_call(&mut out, &a, &plain(Details::All, 50)).unwrap();
    let text = String::from_utf8(out).unwrap();
    let expected = "\
ru-1  op-1  score 90.0  PASSED
  ✓ greeting.self_intro  [op 0:02] «Добрый день,…
  ✗ courtesy.no_slang    major
      оператор употребил просторечие «ну типа» в
      разговоре с клиентом
      [op 1:15] «Добрый день, компания «Ромашка»,
        меня зовут Анна, чем могу помочь вам
        сегодня»
  · hold.thanks          удержания не было, поэто…

";
    assert_eq!(text, expected);
    for line in text.lines() {
        assert!(width(line) <= 50, "{line:?} is {} wide", width(line));
        // The same lines are far over 50 in bytes.
    }
    assert!(text.lines().any(|l| l.len() > 50));
}

#[test]
fn narrow_terminal_moves_tails_below() {
    let a = spec_call();
    let mut out = Vec::new();
    write_table_call(&mut out, &a, &plain(Details::All, 36)).unwrap();
    let text = String::from_utf8(out).unwrap();
    let expected = "\
2026-03-02-000117  op-17  score 84.6  PASSED
  ✓ greeting.company
      [op 0:10] «компания «Ромашка»»
  ✗ hold.thanks          major
      after the hold that ended at
      1:35 the operator's first
      words were «Так, смотрите» —
      no thanks for waiting
      [op 1:36] «Так, смотрите»
  · outbound.time_check
      inbound call

";
    assert_eq!(text, expected);
}

#[test]
fn terminal_escapes_in_transcripts_are_neutralised() {
    let a = audit(
        "x\x1b[2J",
        Some("op\n1"),
        0.0,
        false,
        vec![fail("r", "msg\x1b]0;title\x07", &[(OP, 3661.0, "a\rb")])],
    );
    let mut out = Vec::new();
    write_table_call(&mut out, &a, &plain(Details::All, 80)).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains('\x1b') && !text.contains('\x07') && !text.contains('\r'));
    assert_eq!(
        text,
        "x\\x1b[2J  op 1  score 0.0  FAILED\n  ✗ r  major\n      msg\\x1b]0;title\\x07\n      [op 1:01:01] «a b»\n\n"
    );
}

#[test]
fn osc_sequences_in_ids_are_shown_escaped_everywhere() {
    let evil = "x\u{1b}]0;PWNED\u{7}y";
    let a = audit(
        evil,
        Some(evil),
        40.0,
        false,
        vec![fail(evil, evil, &[(OP, 1.0, evil)]), na("n", evil)],
    );
    for details in [Details::All, Details::Failed, Details::None] {
        let text = render(std::slice::from_ref(&a), 0, &plain(details, 80));
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
        assert!(text.contains("x\\x1b]0;PWNED\\x07y"), "{text}");
    }
}

#[test]
fn the_table_speaks_the_report_language() {
    let ru = TableOptions {
        lang: callqa_model::Lang::Ru,
        ..plain(Details::All, 80)
    };
    let text = render(&audits(), 2, &ru);
    for word in [
        "оценка 84.6  ПРОЙДЕН",
        "Итого",
        "звонков: ",
        "нечитаемых файлов: 2",
        "Правила",
        "важность",
        "Операторы",
        "средняя оценка",
        "[оп ",
    ] {
        assert!(text.contains(word), "no {word:?} in\n{text}");
    }
    for word in ["PASSED", "Summary", "mean score", "[op "] {
        assert!(!text.contains(word), "{word:?} in\n{text}");
    }
}
