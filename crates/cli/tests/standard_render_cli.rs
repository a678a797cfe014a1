//! `callqa standard render`: the default standard as a booklet in Markdown
//! and HTML, in Russian and English, with its parameters, phrases and
//! supervisor items.

use std::process::{Command, Output};

fn callqa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callqa"))
        .args(args)
        .output()
        .expect("runs callqa")
}

fn render(args: &[&str]) -> String {
    let mut all = vec!["standard", "render"];
    all.extend_from_slice(args);
    let o = callqa(&all);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

#[test]
fn the_russian_booklet_has_chapters_parameters_phrases_and_manual_items() {
    let md = render(&["--format", "md"]);
    assert!(md.starts_with("# Корпоративный стандарт"), "{md}");
    assert!(md.contains("## 1. Ответ на звонок"), "{md}");
    assert!(md.contains("## 4. Удержание и перевод"), "{md}");
    assert!(md.contains("Ответить не позднее 3-го звонка."), "{md}");
    assert!(md.contains("Удержание длится не дольше 60 с."), "{md}");
    assert!(
        md.contains("Рекомендуемые фразы:\n\n- «Здравствуйте»"),
        "{md}"
    );
    assert!(md.contains("Избегайте:\n\n- «Алло»"), "{md}");
    assert!(md.contains("(проверяет супервизор)"), "{md}");
    assert!(md.contains("(критично)"), "{md}");
    assert!(
        md.find("## 1. Ответ на звонок") < md.find("## 5. Завершение разговора"),
        "chapters in the standard's order"
    );
}

#[test]
fn the_english_booklet_follows_lang() {
    let md = render(&["--format", "md", "--lang", "en"]);
    assert!(md.contains("## 1. Answering the call"), "{md}");
    assert!(md.contains("Answer by ring 3."), "{md}");
    assert!(md.contains("Recommended phrases:\n\n- «Hello»"), "{md}");
    assert!(md.contains("(checked by a supervisor)"), "{md}");
    assert!(!md.contains("Рекомендуемые"), "{md}");
}

#[test]
fn the_html_booklet_is_one_escaped_page() {
    let html = render(&["--format", "html"]);
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(html.contains("<html lang=\"ru\">"), "{html}");
    assert!(html.contains("<h2>1. Ответ на звонок</h2>"), "{html}");
    assert!(html.contains("<li>«Здравствуйте»</li>"), "{html}");
    assert!(html.contains("Проверяет супервизор"), "{html}");
    // Placeholders are shown in words, and brackets never leak as markup.
    assert!(html.contains("[компания]"), "{html}");
    assert!(!html.contains("{company}"), "{html}");
    assert_eq!(
        html.matches("<div class=\"rule").count(),
        html.matches("</div>").count()
    );
}

#[test]
fn a_bad_file_is_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = dir.path().join("bad.toml");
    std::fs::write(&p, "version = 2\nid = \"x\"\n[[rule]]\nid = 3\n").expect("writes");
    let o = callqa(&["standard", "render", &p.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
}
