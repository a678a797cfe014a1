//! From the standard file's text to a runnable [`Standard`]: the top level,
//! settings, company names, phrase sets and rules are read by taking keys
//! out of their tables (`read.rs`), so every unknown key, wrong type and
//! bad value becomes a [`Diagnostic`] at its place, and compilation goes on
//! to find the others. Version 2 additions are read in `extras.rs`, check
//! parameters in `params.rs`.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use callqa_model::{Direction, Lang, Severity};
use toml::de::DeTable;

use crate::diagnostic::{escape, suggest, Diagnostic, LineIndex};
use crate::extras::{self, default_section};
use crate::params::CheckReader;
use crate::phrase_sets::read_phrase_sets;
use crate::read::{Reader, Table, S};
use callqa_engine::*;

/// Top-level keys of a version 1 file.
const TOP_V1: &[&str] = &[
    "version",
    "id",
    "revision",
    "title",
    "description",
    "fallback_language",
    "settings",
    "company",
    "phrases",
    "rule",
];
const RULE_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "severity",
    "weight",
    "enabled",
    "source",
    "when",
    "check",
    "section",
];
const SETTINGS_KEYS: &[&str] = &[
    "ring_cycle_secs",
    "opening_secs",
    "closing_secs",
    "closing_turns",
    "backchannels",
    "fuzzy_min_letters",
];
const WHEN_KEYS: &[&str] = &[
    "direction",
    "answered",
    "languages",
    "tags",
    "third_party",
    "dropped",
    "unless_applied",
    "unless_passed",
];

/// Compiles the text of a standard file, or gives every problem found.
pub(crate) fn compile(text: &str) -> Result<Standard, Vec<Diagnostic>> {
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .iter()
            .map(|e| Diagnostic::new(e.message().trim().to_string(), e.span()))
            .collect());
    }
    let mut r = Reader {
        text,
        diags: Vec::new(),
    };
    let span = root.span();
    let mut top = Table::new(span, root.into_inner());
    let std = read_standard(&mut r, &mut top);
    if r.diags.is_empty() {
        std.ok_or_else(Vec::new)
    } else {
        Err(r.diags)
    }
}

fn read_standard(r: &mut Reader, top: &mut Table) -> Option<Standard> {
    let version = match top.take("version").and_then(|v| r.whole("version", v)) {
        Some(v) if *v.get_ref() == 1.0 || *v.get_ref() == 2.0 => *v.get_ref() as u32,
        Some(v) => {
            r.push(
                Diagnostic::new(
                    format!("unsupported format version {}", v.get_ref()),
                    Some(v.span()),
                )
                .with_help("this callqa reads version = 1 and version = 2"),
            );
            2
        }
        None => {
            if !top.has("version") {
                r.push(
                    Diagnostic::new("missing key version", Some(0..0))
                        .with_help("start the file with version = 2"),
                );
            }
            2
        }
    };
    let id = required_text(r, top, "id", "", "id = \"acme-standard\"")
        .map(|s| s.get_ref().trim().to_string())
        .unwrap_or_default();
    if id.is_empty() && !r.diags.iter().any(|d| d.message.contains("key id")) {
        r.error("id must not be empty", top.span.start..top.span.start);
    }
    let revision = match top.take("revision").and_then(|v| r.whole("revision", v)) {
        None => 1,
        Some(v) if *v.get_ref() >= 1.0 && *v.get_ref() <= u32::MAX as f64 => *v.get_ref() as u32,
        Some(v) => {
            r.push(
                Diagnostic::new(
                    format!("revision must be at least 1, got {}", v.get_ref()),
                    Some(v.span()),
                )
                .with_help("bump the revision each time the rules change"),
            );
            1
        }
    };
    let fallback_language = match top.take("fallback_language") {
        None => Lang::Ru,
        Some(v) => r
            .text("fallback_language", v)
            .and_then(|l| language(r, &l))
            .unwrap_or(Lang::Ru),
    };
    let v2 = version >= 2;
    let title = top.take("title").and_then(|v| {
        if v2 {
            r.localized("title", v)
        } else {
            r.text("title", v).map(|s| Localized::plain(s.into_inner()))
        }
    });
    if let Some(v) = top.take("description") {
        if v2 {
            r.localized("description", v);
        } else {
            r.text("description", v);
        }
    }

    let (mut head, mut refs) = extras::read_head(r, top, version, fallback_language);
    // Prompts name phrase sets: read once the sets are known.
    let prompt_tables = top.take("prompt");
    let settings_table = top.take("settings").and_then(|v| r.table("settings", v));
    let company = top.take("company").and_then(|v| r.table("company", v));
    let phrases = top.take("phrases").and_then(|v| r.table("phrases", v));
    let rules = top
        .take("rule")
        .map(|v| r.tables("rule", v))
        .unwrap_or_default();
    let known: Vec<&str> = TOP_V1
        .iter()
        .chain(extras::TOP_V2.iter())
        .copied()
        .collect();
    r.unknown_keys(
        top,
        "the standard",
        &known,
        "a key of docs/standard-format.md",
    );

    // Phrase sets: names first, so rules can refer to them.
    let mut sets: BTreeMap<String, (Range<usize>, Table)> = BTreeMap::new();
    if let Some(mut t) = phrases {
        for (name, span) in t.keys() {
            let v = t.take(&name).expect("listed key");
            if let Some(set) = r.table(&format!("phrases.{name}"), v) {
                sets.insert(name, (span, set));
            }
        }
    }
    let set_names: Vec<String> = sets.keys().cloned().collect();
    // Messages name a set by its description («the operator asks permission
    // to put the client on hold»), never by its internal name.
    let set_labels: Vec<Localized> = sets
        .iter()
        .map(|(name, (_, t))| {
            t.peek_localized("description")
                .map(|d| d.map(set_label))
                .unwrap_or_else(|| Localized::plain(name.clone()))
        })
        .collect();
    let set_index: HashMap<String, usize> = set_names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.clone(), i))
        .collect();

    let settings = read_settings(r, settings_table, &set_index, &set_names);
    let company_names = read_company(r, company);
    let (books, requires) = read_phrase_sets(r, sets, &settings);
    if let Some(v) = prompt_tables {
        let sets = crate::prompts::Sets {
            index: &set_index,
            names: &set_names,
        };
        head.prompts = crate::prompts::read_prompts(r, v, &sets, &mut refs);
    }

    let mut compiled = Vec::new();
    let mut seen: HashMap<String, Range<usize>> = HashMap::new();
    let lines = LineIndex::new(r.text);
    let mut all_ids = Vec::new();
    let mut rule_refs = Vec::new();
    for mut rule in rules {
        let span = rule.span.clone();
        let Some(rid) = required_text(r, &mut rule, "id", "rule ", "id = \"greeting.hello\"")
        else {
            read_rule(
                r,
                rule,
                String::new(),
                (&set_index, &set_names, &set_labels),
                &head,
                &mut rule_refs,
            );
            continue;
        };
        let id = rid.get_ref().clone();
        if id.trim().is_empty() {
            r.error("rule id must not be empty", rid.span());
        }
        if let Some(first) = seen.get(&id) {
            let (line, _) = lines.line_col(first.start);
            r.push(
                Diagnostic::new(format!("duplicate rule id \"{id}\""), Some(rid.span())).with_help(
                    format!("the rule at line {line} already has this id; rule ids are stable keys in reports"),
                ),
            );
            continue;
        }
        seen.insert(id.clone(), span);
        all_ids.push(id.clone());
        if let Some((rule, enabled)) = read_rule(
            r,
            rule,
            id,
            (&set_index, &set_names, &set_labels),
            &head,
            &mut rule_refs,
        ) {
            if enabled {
                compiled.push(rule);
            }
        }
    }
    extras::read_tail(r, &refs, &all_ids);
    check_rule_refs(r, &rule_refs, &all_ids, &compiled);

    if !r.diags.is_empty() {
        return None;
    }
    let title = title
        .and_then(|t| t.get(head.report_language).map(str::to_string))
        .unwrap_or_default();
    let sections = extras::used_sections(&head, &compiled);
    Some(Standard::new(StandardParts {
        id,
        revision,
        title,
        fallback_language,
        settings,
        company_names,
        set_names,
        rules: compiled,
        books,
        requires,
        format: FormatExtras { sections, ..head },
    }))
}

/// A required text key; reports it missing unless a leftover key looks
/// like its misspelling (then the unknown key's "did you mean" says it).
pub(crate) fn required_text(
    r: &mut Reader,
    t: &mut Table,
    key: &str,
    place: &str,
    example: &str,
) -> Option<S<String>> {
    match t.take(key) {
        Some(v) => r.text(&format!("{}{key}", place.trim_start_matches("rule ")), v),
        None => {
            missing(r, t, key, place, example);
            None
        }
    }
}

/// Reports a missing key, unless a key of the table is its misspelling.
pub(crate) fn missing(r: &mut Reader, t: &Table, key: &str, place: &str, example: &str) {
    let typo = t
        .keys()
        .iter()
        .any(|(k, _)| suggest(k, [key]).is_some() && !t.is_taken(k));
    if typo {
        return;
    }
    let place = if place.is_empty() {
        "the standard "
    } else {
        place
    };
    r.push(
        Diagnostic::new(format!("{place}is missing key {key}"), Some(t.span.clone()))
            .with_help(format!("e.g. {example}")),
    );
}

fn language(r: &mut Reader, l: &S<String>) -> Option<Lang> {
    let lang = Lang::from_tag(l.get_ref());
    if lang.is_none() {
        r.push(bad_lang(l));
    }
    lang
}

fn read_settings(
    r: &mut Reader,
    t: Option<Table>,
    set_index: &HashMap<String, usize>,
    set_names: &[String],
) -> Settings {
    let mut settings = Settings::default();
    let Some(mut t) = t else { return settings };
    if let Some(v) = t
        .take("ring_cycle_secs")
        .and_then(|v| r.number("settings.ring_cycle_secs", v))
    {
        settings.ring_cycle_secs = positive(r, &v, "settings.ring_cycle_secs");
    }
    if let Some(v) = t
        .take("opening_secs")
        .and_then(|v| r.number("settings.opening_secs", v))
    {
        settings.opening_secs = non_negative(r, &v, "settings.opening_secs");
    }
    if let Some(v) = t
        .take("closing_secs")
        .and_then(|v| r.number("settings.closing_secs", v))
    {
        settings.closing_secs = non_negative(r, &v, "settings.closing_secs");
    }
    if let Some(v) = t
        .take("closing_turns")
        .and_then(|v| r.whole("settings.closing_turns", v))
    {
        settings.closing_turns = count(r, &v, "settings.closing_turns");
    }
    if let Some(v) = t
        .take("fuzzy_min_letters")
        .and_then(|v| r.whole("settings.fuzzy_min_letters", v))
    {
        settings.fuzzy_min_letters = count(r, &v, "settings.fuzzy_min_letters");
    }
    if let Some(v) = t
        .take("backchannels")
        .and_then(|v| r.text("settings.backchannels", v))
    {
        match set_index.get(v.get_ref()) {
            Some(&i) => settings.backchannels = Some(i),
            None => r.push(unknown_set(v.get_ref(), v.span(), set_names)),
        }
    }
    r.unknown_keys(
        &mut t,
        "[settings]",
        SETTINGS_KEYS,
        "a setting of docs/standard-format.md",
    );
    settings
}

fn read_company(r: &mut Reader, t: Option<Table>) -> Vec<String> {
    let Some(mut t) = t else { return Vec::new() };
    let names = t
        .take("names")
        .and_then(|v| r.texts("company.names", v))
        .map(|l| l.into_inner())
        .unwrap_or_default();
    r.unknown_keys(&mut t, "[company]", &["names"], "names = [\"…\"]");
    names
        .into_iter()
        .map(|n| n.into_inner().trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// Reads one `[[rule]]`; the rule and whether it is enabled.
fn read_rule(
    r: &mut Reader,
    mut t: Table,
    id: String,
    (sets, set_names, set_labels): (&HashMap<String, usize>, &[String], &[Localized]),
    head: &FormatExtras,
    rule_refs: &mut Vec<(Range<usize>, String)>,
) -> Option<(Rule, bool)> {
    let before = r.diags.len();
    let v2 = head.version >= 2;
    let localized = |r: &mut Reader, t: &mut Table, key: &str| -> Option<Localized> {
        let v = t.take(key)?;
        if v2 {
            r.localized(key, v)
        } else {
            r.text(key, v).map(|s| Localized::plain(s.into_inner()))
        }
    };
    let titles = localized(r, &mut t, "title").unwrap_or_default();
    let descriptions = localized(r, &mut t, "description").unwrap_or_default();
    let severity = match t.take("severity") {
        None => {
            missing(r, &t, "severity", "rule ", "severity = \"major\"");
            Severity::Minor
        }
        Some(v) => match r.text("severity", v) {
            None => Severity::Minor,
            Some(s) => match s.get_ref().as_str() {
                "critical" => Severity::Critical,
                "major" => Severity::Major,
                "minor" => Severity::Minor,
                other => {
                    r.push(
                        Diagnostic::new(
                            format!("unknown severity \"{}\"", escape(other)),
                            Some(s.span()),
                        )
                        .with_help("expected one of \"critical\", \"major\", \"minor\""),
                    );
                    Severity::Minor
                }
            },
        },
    };
    let weight = match t.take("weight").and_then(|v| r.number("weight", v)) {
        None => severity.default_weight(),
        Some(w) => non_negative(r, &w, "weight"),
    };
    let enabled = t
        .take("enabled")
        .and_then(|v| r.flag("enabled", v))
        .map(|b| *b.get_ref())
        .unwrap_or(true);
    let source = t
        .take("source")
        .and_then(|v| r.text("source", v))
        .map(|s| s.into_inner());
    let when = t
        .take("when")
        .and_then(|v| r.table("when", v))
        .map(|w| read_when(r, w, rule_refs))
        .unwrap_or_default();
    let section = extras::rule_section(r, &mut t, &id, head);
    let mut params = Vec::new();
    let check = match t.take("check") {
        None => {
            missing(
                r,
                &t,
                "check",
                "rule ",
                "check = { type = \"phrase_required\", phrases = [\"greeting\"] }",
            );
            None
        }
        Some(v) => r.table("check", v).and_then(|c| {
            params = c.scalars();
            CheckReader::read(r, c, sets, set_names, set_labels)
        }),
    };
    let mut keys: Vec<&str> = RULE_KEYS.to_vec();
    if !v2 {
        keys.retain(|k| *k != "section");
    }
    for (key, span) in t.leftover() {
        if key == "section" && !v2 {
            r.push(extras::needs_v2("section", span));
            continue;
        }
        let help = match suggest(&key, keys.iter().copied()) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!("a rule takes {}", keys.join(", ")),
        };
        r.push(
            Diagnostic::new(
                format!("unknown key \"{}\" in rule", escape(&key)),
                Some(span),
            )
            .with_help(help),
        );
    }
    if r.diags.len() > before {
        return None;
    }
    // Titles and descriptions follow the parameters: «{max_rings}» is the
    // check's max_rings («Answered by ring 2» after max_rings = 2).
    let fill = |text: &str| fill_params(text, &params);
    let titles = titles.map(fill);
    let descriptions = descriptions.map(fill);
    let lang = head.report_language;
    let title = titles
        .get(lang)
        .map(str::to_string)
        .unwrap_or_else(|| id.clone());
    let description = descriptions.get(lang).unwrap_or("").to_string();
    let section = section.unwrap_or_else(|| default_section(&id).to_string());
    Some((
        Rule {
            id,
            title,
            description,
            titles,
            descriptions,
            section,
            severity,
            weight,
            source,
            when,
            check: check?,
        },
        enabled,
    ))
}

/// A set's description as messages quote it: «The operator apologises.»
/// becomes «the operator apologises» (the Armenian full stop «։» goes too).
fn set_label(description: &str) -> String {
    let d = description.trim().trim_end_matches(['.', '։']);
    let mut chars = d.chars();
    match chars.next() {
        // Lower-case the first letter unless the second is upper-case too
        // (an abbreviation).
        Some(c) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => d.to_string(),
    }
}

/// `text` with each `{key}` of the check's parameters replaced by its
/// value; other braces (`{company}` in a quoted phrase) stay as written.
fn fill_params(text: &str, params: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (k, v) in params {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Reads a rule's `when`; the rule ids it names go to `refs` with their
/// spans, checked once every rule is read ([`check_rule_refs`]).
fn read_when(r: &mut Reader, mut w: Table, refs: &mut Vec<(Range<usize>, String)>) -> When {
    let direction = w
        .take("direction")
        .and_then(|v| r.text("when.direction", v))
        .and_then(|d| match d.get_ref().as_str() {
            "inbound" => Some(Direction::Inbound),
            "outbound" => Some(Direction::Outbound),
            other => {
                r.push(
                    Diagnostic::new(
                        format!("unknown direction \"{}\"", escape(other)),
                        Some(d.span()),
                    )
                    .with_help("expected \"inbound\" or \"outbound\""),
                );
                None
            }
        });
    let answered = w
        .take("answered")
        .and_then(|v| r.flag("when.answered", v))
        .map(|b| *b.get_ref());
    let third_party = w
        .take("third_party")
        .and_then(|v| r.flag("when.third_party", v))
        .map(|b| *b.get_ref());
    let dropped = w
        .take("dropped")
        .and_then(|v| r.flag("when.dropped", v))
        .map(|b| *b.get_ref());
    let mut rule_refs = |key: &str| -> Vec<String> {
        let Some(list) = w.take(key).and_then(|v| r.texts(&format!("when.{key}"), v)) else {
            return Vec::new();
        };
        list.into_inner()
            .into_iter()
            .map(|id| {
                refs.push((id.span(), id.get_ref().clone()));
                id.into_inner()
            })
            .collect()
    };
    let unless_applied = rule_refs("unless_applied");
    let unless_passed = rule_refs("unless_passed");
    let mut languages = Vec::new();
    if let Some(list) = w
        .take("languages")
        .and_then(|v| r.texts("when.languages", v))
    {
        for l in list.get_ref() {
            if let Some(lang) = language(r, l) {
                languages.push(lang);
            }
        }
    }
    let mut tags = Vec::new();
    if let Some(mut t) = w.take("tags").and_then(|v| r.table("when.tags", v)) {
        for (k, _) in t.keys() {
            let v = t.take(&k).expect("listed key");
            if let Some(s) = r.text(&format!("when.tags.{k}"), v) {
                tags.push((k, s.into_inner()));
            }
        }
    }
    r.unknown_keys(
        &mut w,
        "when",
        WHEN_KEYS,
        "direction, answered, languages, tags, third_party, dropped, unless_applied or unless_passed",
    );
    When {
        direction,
        answered,
        languages,
        tags,
        third_party,
        dropped,
        unless_applied,
        unless_passed,
    }
}

/// The rules a `when.unless_*` names must exist, be per-call and not
/// depend on other rules themselves (so no chain or cycle can form). A
/// disabled rule never applies, so naming it is allowed.
fn check_rule_refs(
    r: &mut Reader,
    refs: &[(Range<usize>, String)],
    all_ids: &[String],
    rules: &[Rule],
) {
    for (span, id) in refs {
        if !all_ids.contains(id) {
            r.push(
                Diagnostic::new(
                    format!("unknown rule \"{}\"", escape(id)),
                    Some(span.clone()),
                )
                .with_help(
                    "when.unless_applied and when.unless_passed name rule ids of this standard",
                ),
            );
            continue;
        }
        let Some(rule) = rules.iter().find(|x| &x.id == id) else {
            continue;
        };
        if rule.check.is_cross_call() {
            r.error(
                format!("rule \"{}\" is decided over the client's history; a `when` can name only per-call rules", escape(id)),
                span.clone(),
            );
        } else if rule.when.has_dependencies() {
            r.error(
                format!("rule \"{}\" itself depends on other rules; a `when` can name only rules without unless_applied or unless_passed", escape(id)),
                span.clone(),
            );
        }
    }
}

pub(crate) fn positive(r: &mut Reader, v: &S<f64>, key: &str) -> f64 {
    let x = *v.get_ref();
    if !(x.is_finite() && x > 0.0) {
        r.error(format!("{key} must be greater than 0, got {x}"), v.span());
        return 1.0;
    }
    x
}

pub(crate) fn non_negative(r: &mut Reader, v: &S<f64>, key: &str) -> f64 {
    let x = *v.get_ref();
    if !(x.is_finite() && x >= 0.0) {
        r.error(format!("{key} must be at least 0, got {x}"), v.span());
        return 0.0;
    }
    x
}

fn count(r: &mut Reader, v: &S<f64>, key: &str) -> usize {
    let x = *v.get_ref();
    if !(0.0..=1_000_000.0).contains(&x) {
        r.error(
            format!("{key} must be a whole number from 0 to 1000000, got {x}"),
            v.span(),
        );
        return 0;
    }
    x as usize
}

fn bad_lang(l: &S<String>) -> Diagnostic {
    Diagnostic::new(
        format!("unknown language \"{}\"", escape(l.get_ref())),
        Some(l.span()),
    )
    .with_help("expected \"ru\", \"en\" or \"hy\"")
}

pub(crate) fn unknown_set(name: &str, span: Range<usize>, known: &[String]) -> Diagnostic {
    let near = suggest(name, known.iter().map(String::as_str));
    let help = match near {
        Some(k) => format!("did you mean \"{k}\"? phrase sets are defined as [phrases.NAME]"),
        None => "define it as [phrases.NAME] with ru/en/hy lists".to_string(),
    };
    Diagnostic::new(
        format!("unknown phrase set \"{}\"", escape(name)),
        Some(span),
    )
    .with_help(help)
}
