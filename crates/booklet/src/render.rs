//! The standard as a booklet for people, in Markdown or HTML: its sections
//! as chapters, each rule in plain words with its parameters, severity, the
//! recommended phrases and the phrases to avoid, and the items a supervisor
//! checks by hand.

use std::collections::BTreeMap;
use std::fmt::Write;

use callqa_engine::Standard;
use callqa_model::{Lang, Severity};

use callqa_engine::SetMask;

use crate::sentence::{phrase_roles, sentence};

/// The booklet's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookletFormat {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// At most this many entries of a phrase set are shown.
const MAX_SHOWN: usize = 8;

/// The phrase entries of the standard's TOML text: set → language → entries.
type Entries = BTreeMap<String, BTreeMap<String, Vec<String>>>;

fn entries(text: &str) -> Entries {
    let mut out = Entries::new();
    let Ok(file) = text.parse::<toml::Table>() else {
        return out;
    };
    let Some(sets) = file.get("phrases").and_then(toml::Value::as_table) else {
        return out;
    };
    for (name, set) in sets {
        for lang in ["ru", "en", "hy"] {
            let list = set.get(lang).and_then(toml::Value::as_array);
            let shown: Vec<String> = list
                .into_iter()
                .flatten()
                .filter_map(toml::Value::as_str)
                .filter(|e| {
                    !e.contains('*')
                        && !e.starts_with('!')
                        && !e.starts_with('@')
                        // `not:` entries are near-misses, not phrases to say.
                        && !e.trim_start().to_lowercase().starts_with("not:")
                })
                .map(str::to_string)
                .collect();
            out.entry(name.clone())
                .or_default()
                .insert(lang.into(), shown);
        }
    }
    out
}

/// An entry as an operator reads it: placeholders in words.
fn readable(entry: &str, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let mut s = entry
        .replace(
            "{company}",
            if ru {
                "[компания]"
            } else {
                "[company]"
            },
        )
        .replace(
            "{operator_name}",
            if ru {
                "[ваше имя]"
            } else {
                "[your name]"
            },
        )
        .replace(
            "{client_name}",
            if ru {
                "[имя клиента]"
            } else {
                "[client's name]"
            },
        )
        .replace("{any}", "…")
        .replace("...", "…");
    // A leading `^` (at the start of a sentence) is matching syntax only.
    if let Some(rest) = s.strip_prefix('^') {
        s = rest.trim_start().to_string();
    }
    if let Some(first) = s.chars().next() {
        s = first.to_uppercase().collect::<String>() + &s[first.len_utf8()..];
    }
    s
}

struct Words {
    severity: [&'static str; 3],
    say: &'static str,
    avoid: &'static str,
    manual: &'static str,
    manual_mark: &'static str,
    pass: &'static str,
}

fn words(lang: Lang) -> Words {
    if lang == Lang::Ru {
        Words {
            severity: ["критично", "важно", "желательно"],
            say: "Рекомендуемые фразы",
            avoid: "Избегайте",
            manual: "Проверяет супервизор",
            manual_mark: "проверяет супервизор",
            pass: "Звонок засчитан при оценке не ниже",
        }
    } else {
        Words {
            severity: ["critical", "major", "minor"],
            say: "Recommended phrases",
            avoid: "Avoid",
            manual: "Checked by a supervisor",
            manual_mark: "checked by a supervisor",
            pass: "A call passes with a score of at least",
        }
    }
}

fn severity(s: Severity, w: &Words) -> &'static str {
    match s {
        Severity::Critical => w.severity[0],
        Severity::Major => w.severity[1],
        _ => w.severity[2],
    }
}

/// One rule or manual item of a chapter.
struct Item {
    title: String,
    severity: Option<&'static str>,
    text: Vec<String>,
    say: Vec<String>,
    avoid: Vec<String>,
}

struct Chapter {
    title: String,
    items: Vec<Item>,
}

fn shown(set: &str, e: &Entries, lang: Lang) -> Vec<String> {
    let by_lang = e.get(set);
    let list = by_lang
        .and_then(|m| m.get(lang.as_str()))
        .filter(|l| !l.is_empty())
        .or_else(|| by_lang.and_then(|m| m.get("en")))
        .cloned()
        .unwrap_or_default();
    list.iter()
        .take(MAX_SHOWN)
        .map(|x| readable(x, lang))
        .collect()
}

/// Sets named by their first entries («Здравствуйте», «Добрый день»…),
/// or by id when they show none.
fn name_sets(m: &SetMask, e: &Entries, lang: Lang) -> String {
    let mut parts = Vec::new();
    for set in &m.names {
        let shown = shown(set, e, lang);
        match shown.first() {
            Some(first) if shown.len() > 1 => parts.push(format!("«{first}»…")),
            Some(first) => parts.push(format!("«{first}»")),
            None => parts.push(format!("«{set}»")),
        }
    }
    parts.join(", ")
}

fn chapters(std: &Standard, text: &str, lang: Lang) -> Vec<Chapter> {
    let e = entries(text);
    let w = words(lang);
    let mut out = Vec::new();
    for section in std.sections() {
        let mut items = Vec::new();
        for rule in std.rules_in(&section.id) {
            let mut body = Vec::new();
            if let Some(d) = rule.descriptions.get(lang).filter(|d| !d.is_empty()) {
                body.push(d.to_string());
            }
            let names = |m: &SetMask| name_sets(m, &e, lang);
            body.push(sentence(&rule.check, lang, &names).replace("….", "…"));
            let (say, avoid) = phrase_roles(&rule.check);
            let mut s = Vec::new();
            for set in &say {
                s.extend(shown(set, &e, lang));
            }
            let mut a = Vec::new();
            for set in &avoid {
                a.extend(shown(set, &e, lang));
            }
            s.dedup();
            a.dedup();
            items.push(Item {
                title: rule.titles.get(lang).unwrap_or(&rule.title).to_string(),
                severity: Some(severity(rule.severity, &w)),
                text: body,
                say: s,
                avoid: a,
            });
        }
        for m in std
            .manual_items()
            .iter()
            .filter(|m| m.section == section.id)
        {
            let mut body = Vec::new();
            if let Some(d) = m.description.get(lang) {
                body.push(d.to_string());
            }
            items.push(Item {
                title: m.title.get(lang).unwrap_or(&m.id).to_string(),
                severity: None,
                text: body,
                say: Vec::new(),
                avoid: Vec::new(),
            });
        }
        if !items.is_empty() {
            out.push(Chapter {
                title: section.title.get(lang).unwrap_or(&section.id).to_string(),
                items,
            });
        }
    }
    out
}

/// The standard as a booklet in `lang`. `text` is the standard file's
/// text (for its phrase entries as written).
pub fn render(std: &Standard, text: &str, format: BookletFormat, lang: Lang) -> String {
    let chapters = chapters(std, text, lang);
    let w = words(lang);
    match format {
        BookletFormat::Markdown => markdown(std, &chapters, &w),
        BookletFormat::Html => html(std, &chapters, &w, lang),
    }
}

fn markdown(std: &Standard, chapters: &[Chapter], w: &Words) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", std.title());
    if let Some(p) = std.pass_score() {
        let _ = writeln!(o, "{} {p}.\n", w.pass);
    }
    for (i, c) in chapters.iter().enumerate() {
        let _ = writeln!(o, "## {}. {}\n", i + 1, c.title);
        for item in &c.items {
            match item.severity {
                Some(s) => {
                    let _ = writeln!(o, "### {} ({s})\n", item.title);
                }
                None => {
                    let _ = writeln!(o, "### {} ({})\n", item.title, w.manual_mark);
                }
            }
            for t in &item.text {
                let _ = writeln!(o, "{t}\n");
            }
            for (label, list) in [(w.say, &item.say), (w.avoid, &item.avoid)] {
                if !list.is_empty() {
                    let _ = writeln!(o, "{label}:\n");
                    for p in list {
                        let _ = writeln!(o, "- «{p}»");
                    }
                    o.push('\n');
                }
            }
        }
    }
    o
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

const STYLE: &str = "body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#222}\
h1{font-size:1.8rem}h2{border-bottom:2px solid #2a6;padding-bottom:.2rem;margin-top:2.5rem}\
.rule{margin:1.2rem 0;padding:.6rem 1rem;border-left:4px solid #ccc;background:#fafafa}\
.rule h3{margin:.2rem 0;font-size:1.1rem}.sev{font-size:.8rem;padding:.1rem .4rem;border-radius:.3rem;background:#eee;margin-left:.5rem}\
.sev-critical{background:#f4c7c3}.sev-major{background:#fde9b5}.manual{border-left-color:#69c}\
ul.say,ul.avoid{padding-left:0;margin-top:.2rem}ul.say li,ul.avoid li{display:inline-block;list-style:none;margin:0 .9rem .3rem 0}\
.say li{color:#175}.avoid li{color:#a33;text-decoration:line-through}";

fn html(std: &Standard, chapters: &[Chapter], w: &Words, lang: Lang) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>\n<h1>{}</h1>\n",
        lang.as_str(),
        esc(std.title()),
        esc(std.title())
    );
    if let Some(p) = std.pass_score() {
        let _ = writeln!(o, "<p>{} {p}.</p>", esc(w.pass));
    }
    for (i, c) in chapters.iter().enumerate() {
        let _ = writeln!(o, "<h2>{}. {}</h2>", i + 1, esc(&c.title));
        for item in &c.items {
            let (class, badge) = match item.severity {
                Some(s) => {
                    let k = if s == w.severity[0] {
                        "critical"
                    } else if s == w.severity[1] {
                        "major"
                    } else {
                        "minor"
                    };
                    (
                        "rule".to_string(),
                        format!("<span class=\"sev sev-{k}\">{}</span>", esc(s)),
                    )
                }
                None => (
                    "rule manual".to_string(),
                    format!("<span class=\"sev\">{}</span>", esc(w.manual)),
                ),
            };
            let _ = writeln!(
                o,
                "<div class=\"{class}\"><h3>{}{badge}</h3>",
                esc(&item.title)
            );
            for t in &item.text {
                let _ = writeln!(o, "<p>{}</p>", esc(t));
            }
            for (label, k, list) in [(w.say, "say", &item.say), (w.avoid, "avoid", &item.avoid)] {
                if !list.is_empty() {
                    let _ = write!(o, "<p>{}:</p><ul class=\"{k}\">", esc(label));
                    for p in list {
                        let _ = write!(o, "<li>«{}»</li>", esc(p));
                    }
                    o.push_str("</ul>\n");
                }
            }
            o.push_str("</div>\n");
        }
    }
    o.push_str("</body></html>\n");
    o
}
