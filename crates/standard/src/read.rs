//! Reading the standard file's TOML tree by taking keys out of each table:
//! whatever a reader did not take is left over and reported — an unknown
//! key with the nearest known one ("did you mean"), or a key that does not
//! apply there. Values of the wrong type are reported in words a QA manager
//! understands («check.max_rings must be a whole number, got "two"»), and
//! reading goes on, so one run reports every problem of the file.

use std::ops::Range;

use callqa_engine::Localized;
use callqa_model::Lang;
use toml::de::DeValue;
use toml::Spanned;

use crate::diagnostic::{escape, suggest, Diagnostic};

/// A value of the file with its byte span.
pub(crate) type V<'i> = Spanned<DeValue<'i>>;

/// A value that was read, with the span of the text it came from.
pub(crate) type S<T> = Spanned<T>;

/// One table of the file; readers take its keys out.
pub(crate) struct Table<'i> {
    pub span: Range<usize>,
    entries: Vec<(String, Range<usize>, Option<V<'i>>)>,
}

impl<'i> Table<'i> {
    pub fn new(span: Range<usize>, t: toml::de::DeTable<'i>) -> Table<'i> {
        let mut entries: Vec<_> = t
            .into_iter()
            .map(|(k, v)| {
                let span = k.span();
                (k.into_inner().into_owned(), span, Some(v))
            })
            .collect();
        entries.sort_by_key(|e| e.1.start);
        Table { span, entries }
    }

    /// A table with no keys.
    pub fn empty() -> Table<'i> {
        Table {
            span: 0..0,
            entries: Vec::new(),
        }
    }

    /// Takes a key's value out of the table.
    pub fn take(&mut self, key: &str) -> Option<V<'i>> {
        self.entries
            .iter_mut()
            .find(|(k, _, _)| k == key)
            .and_then(|(_, _, v)| v.take())
    }

    /// The keys with a number, text or flag value still in the table, with
    /// the value as a title shows it (`3`, `0.5`, `09:00-20:00`); a key
    /// `…_secs` of whole minutes also gives `…_min`.
    pub fn scalars(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (k, _, v) in &self.entries {
            let Some(v) = v else { continue };
            let text = match v.get_ref() {
                DeValue::String(s) => s.to_string(),
                DeValue::Integer(i) => i.as_str().to_string(),
                DeValue::Float(f) => f.as_str().to_string(),
                DeValue::Boolean(b) => b.to_string(),
                _ => continue,
            };
            if let Some(stem) = k.strip_suffix("_secs") {
                if let Ok(secs) = text.parse::<f64>() {
                    if secs >= 60.0 && secs % 60.0 == 0.0 {
                        out.push((format!("{stem}_min"), format!("{}", secs / 60.0)));
                    }
                }
            }
            out.push((k.clone(), text));
        }
        out
    }

    /// A text value or a table of texts per language (`{ ru = "…", en =
    /// "…" }`), left in the table; what is not text is skipped (the reader
    /// that takes the key reports it).
    pub fn peek_localized(&self, key: &str) -> Option<Localized> {
        self.entries.iter().find_map(|(k, _, v)| match v {
            Some(v) if k == key => match v.get_ref() {
                DeValue::String(s) => Some(Localized::plain(s.to_string())),
                DeValue::Table(t) => {
                    let mut out = Localized::default();
                    for (l, text) in t.iter() {
                        let lang = Lang::ALL.into_iter().find(|x| x.as_str() == l.get_ref());
                        if let (Some(lang), DeValue::String(s)) = (lang, text.get_ref()) {
                            out.set(lang, s.to_string());
                        }
                    }
                    (!out.is_empty()).then_some(out)
                }
                _ => None,
            },
            _ => None,
        })
    }

    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _, v)| k == key && v.is_some())
    }

    /// The keys not taken yet, in file order, with their spans.
    pub fn keys(&self) -> Vec<(String, Range<usize>)> {
        self.entries
            .iter()
            .filter(|(_, _, v)| v.is_some())
            .map(|(k, s, _)| (k.clone(), s.clone()))
            .collect()
    }

    /// Whether the key was taken (or is absent).
    pub fn is_taken(&self, key: &str) -> bool {
        !self.has(key)
    }

    /// Takes every key not taken yet, in file order, with its value.
    pub fn take_rest(&mut self) -> Vec<(String, V<'i>)> {
        self.entries
            .iter_mut()
            .filter_map(|(k, _, v)| v.take().map(|v| (k.clone(), v)))
            .collect()
    }

    /// The keys nobody took, in file order, with their spans.
    pub fn leftover(&mut self) -> Vec<(String, Range<usize>)> {
        self.entries
            .iter_mut()
            .filter_map(|(k, span, v)| v.take().map(|_| (k.clone(), span.clone())))
            .collect()
    }
}

/// The text and the problems found so far.
pub(crate) struct Reader<'t> {
    pub text: &'t str,
    pub diags: Vec<Diagnostic>,
}

/// How a value is called in a message: «"two"», «5», «a table».
fn shown(text: &str, span: &Range<usize>) -> String {
    let raw = text.get(span.clone()).unwrap_or("").trim();
    let mut out: String = raw.chars().take(40).collect();
    if raw.chars().count() > 40 {
        out.push('…');
    }
    escape(&out)
}

impl<'t> Reader<'t> {
    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn error(&mut self, message: impl Into<String>, span: Range<usize>) {
        self.diags.push(Diagnostic::new(message, Some(span)));
    }

    fn wrong(&mut self, name: &str, what: &str, v: &V) {
        let got = shown(self.text, &v.span());
        self.error(format!("{name} must be {what}, got {got}"), v.span());
    }

    /// Text in quotes.
    pub fn text(&mut self, name: &str, v: V) -> Option<S<String>> {
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(v.span(), s.to_string())),
            _ => {
                self.wrong(name, "text in quotes", &v);
                None
            }
        }
    }

    /// A number, whole or not.
    pub fn number(&mut self, name: &str, v: V) -> Option<S<f64>> {
        let x = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                .map(|x| x as f64)
                .or_else(|_| i.as_str().parse::<f64>())
                .ok(),
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            _ => None,
        };
        match x {
            Some(x) => Some(Spanned::new(v.span(), x)),
            None => {
                self.wrong(name, "a number", &v);
                None
            }
        }
    }

    /// A whole number (`3`, or `3.0`), as `f64` for the range checks.
    pub fn whole(&mut self, name: &str, v: V) -> Option<S<f64>> {
        let whole = match v.get_ref() {
            DeValue::Integer(_) => true,
            DeValue::Float(f) => f.as_str().parse::<f64>().is_ok_and(|x| x.fract() == 0.0),
            _ => false,
        };
        if !whole {
            self.wrong(name, "a whole number", &v);
            return None;
        }
        self.number(name, v)
    }

    pub fn flag(&mut self, name: &str, v: V) -> Option<S<bool>> {
        match v.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(v.span(), *b)),
            _ => {
                self.wrong(name, "true or false", &v);
                None
            }
        }
    }

    pub fn table<'i>(&mut self, name: &str, v: V<'i>) -> Option<Table<'i>> {
        let span = v.span();
        match v.into_inner() {
            DeValue::Table(t) => Some(Table::new(span, t)),
            other => {
                let v = Spanned::new(span, other);
                self.wrong(name, "a table", &v);
                None
            }
        }
    }

    /// An array of values (each still to be read).
    pub fn array<'i>(&mut self, name: &str, what: &str, v: V<'i>) -> Option<S<Vec<V<'i>>>> {
        let span = v.span();
        match v.into_inner() {
            DeValue::Array(a) => Some(Spanned::new(span, a.into_iter().collect())),
            other => {
                let v = Spanned::new(span, other);
                self.wrong(name, what, &v);
                None
            }
        }
    }

    /// A list of texts in quotes (phrase set names, phrases, languages).
    pub fn texts(&mut self, name: &str, v: V) -> Option<S<Vec<S<String>>>> {
        let list = self.array(name, "a list of texts in quotes, like [\"a\", \"b\"]", v)?;
        let span = list.span();
        let items: Vec<S<String>> = list
            .into_inner()
            .into_iter()
            .filter_map(|item| self.text(&format!("each entry of {name}"), item))
            .collect();
        Some(Spanned::new(span, items))
    }

    /// An array of tables (`[[rule]]`, `periods = [{…}]`).
    pub fn tables<'i>(&mut self, name: &str, v: V<'i>) -> Vec<Table<'i>> {
        let Some(list) = self.array(name, "a list of tables", v) else {
            return Vec::new();
        };
        list.into_inner()
            .into_iter()
            .filter_map(|item| self.table(&format!("each entry of {name}"), item))
            .collect()
    }

    /// A text in one language or per language: `title = "…"` or
    /// `title = { ru = "…", en = "…" }`.
    pub fn localized(&mut self, name: &str, v: V) -> Option<Localized> {
        if matches!(v.get_ref(), DeValue::String(_)) {
            return self.text(name, v).map(|s| Localized::plain(s.into_inner()));
        }
        if !matches!(v.get_ref(), DeValue::Table(_)) {
            self.wrong(
                name,
                "text in quotes or a table of languages, like { ru = \"…\", en = \"…\" }",
                &v,
            );
            return None;
        }
        let mut t = self.table(name, v)?;
        let mut out = Localized::default();
        for lang in Lang::ALL {
            if let Some(v) = t.take(lang.as_str()) {
                if let Some(s) = self.text(&format!("{name}.{}", lang.as_str()), v) {
                    out.set(lang, s.into_inner());
                }
            }
        }
        self.unknown_keys(
            &mut t,
            name,
            &["ru", "en", "hy"],
            "a language: ru, en or hy",
        );
        Some(out)
    }

    /// Reports the keys left in a table as unknown, with the nearest of
    /// `known` as a hint.
    pub fn unknown_keys(&mut self, t: &mut Table, place: &str, known: &[&str], what: &str) {
        for (key, span) in t.leftover() {
            let shown_key = escape(&key);
            let message = if place.is_empty() {
                format!("unknown key \"{shown_key}\"")
            } else {
                format!("unknown key \"{shown_key}\" in {place}")
            };
            let help = match suggest(&key, known.iter().copied()) {
                Some(near) => format!("did you mean \"{near}\"?"),
                None => format!("expected {what}"),
            };
            self.push(Diagnostic::new(message, Some(span)).with_help(help));
        }
    }
}
