//! Pattern entries: phrases that match where their meaning is said, not
//! only word for word.
//!
//! Owns the pattern syntax and its matcher. An entry is a pattern when it
//! uses any of:
//!
//! | syntax | meaning |
//! |---|---|
//! | `спасибо … терпение` (or `...`) | up to 3 other words at the `…` |
//! | `спасибо …5 терпение` | up to 5 other words there |
//! | `[вам]` | an optional word or words; `[вам \| вас]` optional alternatives |
//! | `(спасибо \| благодарю)` | one of the alternatives (each may have several words) |
//! | `@thanks` | any entry of the phrase set `thanks` (a synonym group declared once) |
//! | `=типа` | this exact word form (not any form of the word) |
//! | `@thanks + @waiting` | every part, in any order, within one sentence, at most 4 other words between parts |
//! | a final `?` | only when asked as a question (a `?` ends the sentence, or «՞»; raw ASR text without marks counts) |
//! | a leading `^` | only at the start of a sentence (a form of address: `^ (девушка \| мужчина)`, not «курьер — девушка») |
//! | a final `$` (before a final `?`) | only at the end of a sentence: `not: ^ sorry $ ?` is a bare "Sorry?" asking to repeat, not "Sorry, is this not Ann's number?" |
//! | ` , ` between words (or at either end) | a clause mark (, . ! ? ; : — ՝ ։) stands there: `^ you know ,` is "You know, the refund…" (a filler set off), never raw ASR text |
//! | ` !, ` between words (or at either end) | no clause mark stands there: `not: ^ you know !, the` is "You know the system" (knowing), not "You know, the…" |
//!
//! Words are stemmed like plain entries («благодарю» matches «благодарим»),
//! and a match never crosses a sentence mark (. ! ? ; … ։). Compiling the
//! words to term ids is `phrase.rs`; running patterns over a text is here,
//! called from `find.rs`.

use crate::entry::{parse_phrase, RawElem, HYPHENS};
use crate::error::PhraseError;
use crate::hash::FxHashMap;
use crate::phrase::SetId;
use crate::Analyzer;

/// Words an unmarked `…` lets through.
pub(crate) const DEFAULT_GAP: u8 = 3;
/// Other words allowed between two parts of a ` + ` pattern.
pub(crate) const PART_SLOP: usize = 4;
/// The most words any `…N` may let through.
const MAX_GAP: u8 = 12;

/// Whether the entry uses pattern syntax.
pub(crate) fn is_pattern(phrase: &str) -> bool {
    phrase.contains(['…', '[', ']', '(', ')', '|', '@', '+', '='])
        || phrase.contains("...")
        || phrase.split_whitespace().any(|w| w == "," || w == "!,")
        || phrase.trim_end().ends_with('?')
        || phrase.trim_start().starts_with('^')
        || phrase
            .trim_end()
            .trim_end_matches('?')
            .trim_end()
            .ends_with('$')
}

/// One alternative of an item before term ids are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RawAlt {
    /// Words and placeholders in a row; `true` marks an exact form.
    /// Shared: the memo hands the same chunk to hundreds of entries, and
    /// cloning the words (two strings each) per entry cost more than
    /// parsing them.
    Words(std::sync::Arc<[(RawElem, bool)]>),
    /// `@name`: every plain entry of that set.
    Group(String),
}

/// One position of a pattern before term ids are known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawItem {
    pub(crate) alts: Vec<RawAlt>,
    pub(crate) optional: bool,
    /// Other words that may stand before this item (0: adjacent).
    pub(crate) gap: u8,
    /// A ` , ` or ` !, ` right before this item.
    pub(crate) mark: Mark,
}

/// What a pattern says about the clause marks at one word boundary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Mark {
    /// Nothing: marks there are ignored, as in plain entries.
    #[default]
    Any,
    /// ` , `: a clause mark stands there.
    Clause,
    /// ` !, `: no clause mark stands there.
    NoClause,
}

impl Mark {
    /// Whether the boundary before token `pos` (a clause mark stands there
    /// when `clause`) satisfies this mark.
    #[inline]
    pub(crate) fn holds(self, clause: bool) -> bool {
        match self {
            Mark::Any => true,
            Mark::Clause => clause,
            Mark::NoClause => !clause,
        }
    }
}

/// A parsed pattern entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawPattern {
    /// Parts separated by ` + `; each a sequence of items.
    pub(crate) parts: Vec<Vec<RawItem>>,
    pub(crate) question: bool,
    /// A leading `^`: the match must start a sentence.
    pub(crate) sentence_start: bool,
    /// A final `$`: the match must end its sentence.
    pub(crate) sentence_end: bool,
    /// A final ` , ` or ` !, `: the boundary after the match.
    pub(crate) end_mark: Mark,
}

/// A syntax token of a pattern entry.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok<'a> {
    Text(&'a str),
    Gap(u8),
    Open(bool),
    Close(bool),
    Bar,
    Plus,
    Mark(Mark),
}

fn lex(body: &str) -> Result<Vec<Tok<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = body;
    while let Some(c) = rest.chars().next() {
        let len = c.len_utf8();
        if c.is_whitespace() {
            rest = &rest[len..];
            continue;
        }
        let (tok, used) = match c {
            '(' => (Tok::Open(false), 1),
            '[' => (Tok::Open(true), 1),
            ')' => (Tok::Close(false), 1),
            ']' => (Tok::Close(true), 1),
            '|' => (Tok::Bar, 1),
            '+' => (Tok::Plus, 1),
            '…' | '.' if c == '…' || rest.starts_with("...") => {
                let dots = if c == '…' { len } else { 3 };
                let digits = rest[dots..].bytes().take_while(u8::is_ascii_digit).count();
                let gap = if digits == 0 {
                    DEFAULT_GAP
                } else {
                    let n: u32 = rest[dots..dots + digits]
                        .parse()
                        .map_err(|_| "gap too large".to_string())?;
                    if n == 0 || n > MAX_GAP as u32 {
                        return Err(format!("a gap of {n} words (expected 1 to {MAX_GAP})"));
                    }
                    n as u8
                };
                (Tok::Gap(gap), dots + digits)
            }
            _ => {
                // Text up to the next syntax character; braces stay in the
                // text (placeholders are parsed with the words).
                let end = rest
                    .char_indices()
                    .find(|&(i, ch)| {
                        ch.is_whitespace()
                            || matches!(ch, '(' | ')' | '[' | ']' | '|' | '+' | '…')
                            || rest[i..].starts_with("...")
                    })
                    .map_or(rest.len(), |(i, _)| i);
                match &rest[..end] {
                    // A comma standing alone is a mark; one written onto a
                    // word («спасибо, что») stays punctuation, ignored.
                    "," => (Tok::Mark(Mark::Clause), end),
                    "!," => (Tok::Mark(Mark::NoClause), end),
                    text => (Tok::Text(text), end),
                }
            }
        };
        out.push(tok);
        rest = &rest[used..];
    }
    Ok(out)
}

/// Parses a pattern entry `raw` of set `set`.
pub(crate) fn parse_pattern(
    analyzer: &Analyzer,
    set: &str,
    raw: &str,
    memo: &mut AltMemo,
) -> Result<RawPattern, PhraseError> {
    let bad = |why: String| PhraseError::BadPattern {
        set: set.to_string(),
        phrase: raw.to_string(),
        why,
    };
    let mut body = raw.trim();
    let question = body.ends_with('?');
    if question {
        body = body[..body.len() - 1].trim_end();
    }
    let sentence_end = body.ends_with('$');
    if sentence_end {
        body = body[..body.len() - 1].trim_end();
    }
    let sentence_start = body.starts_with('^');
    if sentence_start {
        body = body[1..].trim_start();
    }
    if body.contains('^') {
        return Err(bad("«^» stands only at the very start of an entry".into()));
    }
    if body.contains('$') {
        return Err(bad(
            "«$» stands only at the very end of an entry (before a final «?»)".into(),
        ));
    }
    let toks = lex(body).map_err(bad)?;
    let mut parts: Vec<Vec<RawItem>> = vec![Vec::new()];
    let mut gap = 0u8;
    let mut mark = Mark::Any;
    let mut end_mark = Mark::Any;
    let mut i = 0;
    while i < toks.len() {
        if mark != Mark::Any && !matches!(toks[i], Tok::Open(false) | Tok::Text(_) | Tok::Gap(_)) {
            return Err(bad(
                "« , » and « !, » stand between two words (not before [optional] words or « + »)"
                    .into(),
            ));
        }
        match &toks[i] {
            Tok::Mark(m) => {
                if mark != Mark::Any {
                    return Err(bad("two marks « , » / « !, » in a row".into()));
                }
                mark = *m;
                if i + 1 == toks.len() {
                    end_mark = std::mem::take(&mut mark);
                }
                i += 1;
            }
            Tok::Gap(n) => {
                if parts.last().is_some_and(Vec::is_empty) {
                    return Err(bad("a gap «…» must stand between words".into()));
                }
                gap = *n;
                i += 1;
            }
            Tok::Plus => {
                if parts.last().is_some_and(Vec::is_empty) || gap != 0 {
                    return Err(bad("« + » must stand between two parts".into()));
                }
                parts.push(Vec::new());
                i += 1;
            }
            Tok::Bar => {
                return Err(bad(
                    "alternatives « | » must be inside ( ) or [ ]: «(спасибо | благодарю)»".into(),
                ))
            }
            Tok::Close(_) => return Err(bad("a closing bracket without an opening one".into())),
            Tok::Open(optional) => {
                let optional = *optional;
                let close = toks[i + 1..]
                    .iter()
                    .position(|t| matches!(t, Tok::Close(_) | Tok::Open(_)))
                    .map(|p| p + i + 1);
                let Some(close) = close.filter(|&c| toks[c] == Tok::Close(optional)) else {
                    return Err(bad(if optional {
                        "«[» without its «]» (brackets do not nest)".into()
                    } else {
                        "«(» without its «)» (brackets do not nest)".into()
                    }));
                };
                let mut alts = Vec::new();
                for chunk in toks[i + 1..close].split(|t| *t == Tok::Bar) {
                    let texts: Vec<&str> = chunk
                        .iter()
                        .map(|t| match t {
                            Tok::Text(s) => Ok(*s),
                            _ => Err(bad("only words inside brackets".into())),
                        })
                        .collect::<Result<_, _>>()?;
                    if texts.is_empty() {
                        return Err(bad("an empty alternative inside brackets".into()));
                    }
                    let found = memo.alternatives(analyzer, &texts).map_err(bad)?;
                    if found.is_empty() {
                        return Err(bad("an empty alternative inside brackets".into()));
                    }
                    alts.extend(found);
                }
                parts.last_mut().expect("one part").push(RawItem {
                    alts,
                    optional,
                    gap: std::mem::take(&mut gap),
                    mark: std::mem::take(&mut mark),
                });
                i = close + 1;
            }
            Tok::Text(s) => {
                let alts = memo.alternatives(analyzer, &[s]).map_err(bad)?;
                i += 1;
                if alts.is_empty() {
                    // Punctuation between words («спасибо, что … дождались»).
                    continue;
                }
                parts.last_mut().expect("one part").push(RawItem {
                    alts,
                    optional: false,
                    gap: std::mem::take(&mut gap),
                    mark: std::mem::take(&mut mark),
                });
            }
        }
    }
    if gap != 0 {
        return Err(bad("a gap «…» must stand between words".into()));
    }
    if parts.iter().any(Vec::is_empty) {
        return Err(bad("« + » must stand between two parts".into()));
    }
    for part in &parts {
        if part.iter().all(|item| item.optional) {
            return Err(bad("every part needs a word that is not [optional]".into()));
        }
    }
    if mark != Mark::Any {
        return Err(bad("« , » and « !, » stand between two words".into()));
    }
    Ok(RawPattern {
        parts,
        question,
        sentence_start,
        sentence_end,
        end_mark,
    })
}

/// The alternatives of the bracket chunks a builder has parsed, by their
/// words: the same chunks («(вы | вам)», «@thanks», «пожалуйста») recur in
/// hundreds of pattern entries, and each parse analyses its words afresh.
#[derive(Clone, Debug, Default)]
pub(crate) struct AltMemo {
    /// The words of the chunk being looked up, each followed by a NUL.
    key: String,
    found: FxHashMap<Box<str>, Result<Vec<RawAlt>, String>>,
}

impl AltMemo {
    /// [`alternatives`] of `texts`, parsed once per builder.
    fn alternatives(&mut self, analyzer: &Analyzer, texts: &[&str]) -> Result<Vec<RawAlt>, String> {
        self.key.clear();
        for text in texts {
            self.key.push_str(text);
            self.key.push('\0');
        }
        if let Some(found) = self.found.get(self.key.as_str()) {
            return found.clone();
        }
        let found = alternatives(analyzer, texts);
        self.found.insert(self.key.as_str().into(), found.clone());
        found
    }
}

/// The alternatives one bracket chunk (or one top-level word) stands for:
/// `@name` alone, or words and placeholders; a hyphenated word also as its
/// parts («чем-то» and «чем то»).
fn alternatives(analyzer: &Analyzer, texts: &[&str]) -> Result<Vec<RawAlt>, String> {
    if let [one] = texts {
        if let Some(name) = one.strip_prefix('@') {
            if name.is_empty()
                || !name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            {
                return Err(format!("«@{name}» is not a set name (a-z, 0-9 and _)"));
            }
            return Ok(vec![RawAlt::Group(name.to_string())]);
        }
    }
    let mut variants: Vec<Vec<(RawElem, bool)>> = Vec::new();
    // Without a hyphen the split reading is the same words: parse once.
    let splits: &[bool] = if texts.iter().any(|t| t.contains(HYPHENS)) {
        &[false, true]
    } else {
        &[false]
    };
    for &split in splits {
        let mut words = Vec::new();
        for text in texts {
            if text.starts_with('@') {
                return Err(format!("«{text}» must stand alone in its alternative"));
            }
            let (exact, text) = match text.strip_prefix('=') {
                Some(t) => (true, t),
                None => (false, *text),
            };
            if text.contains('=') || text.contains('*') || text.starts_with('!') {
                return Err(format!(
                    "«{text}»: wildcards and «=» inside a word are not pattern syntax"
                ));
            }
            let elems = parse_phrase(analyzer, text, split)
                .ok_or_else(|| format!("bad placeholder in «{text}» (expected {{name}})"))?;
            if exact && elems.len() != 1 {
                return Err(format!("«={text}» must be one word"));
            }
            words.extend(elems.into_iter().map(|e| (e, exact)));
        }
        if words.is_empty() {
            continue;
        }
        if !variants.contains(&words) {
            variants.push(words);
        }
    }
    Ok(variants
        .into_iter()
        .map(|words| RawAlt::Words(words.into()))
        .collect())
}

/// One word or placeholder of a compiled pattern.
#[derive(Clone, Debug)]
pub(crate) enum Atom {
    /// A word by term id (any form).
    Word(u32),
    /// A word by term id that must also have this normalised form.
    Exact(u32, Box<str>),
    /// A placeholder.
    Slot(Box<str>),
    /// `{any}`.
    Any,
}

/// One position of a compiled pattern.
#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub(crate) alts: Vec<Vec<Atom>>,
    pub(crate) optional: bool,
    pub(crate) gap: u8,
    /// A ` , ` or ` !, ` right before this item.
    pub(crate) mark: Mark,
    /// The terms the alternatives can start with (see `prefilter.rs`).
    pub(crate) starts: crate::prefilter::TermBits,
    /// When every alternative starts with a word and there are
    /// [`INDEXED_ALTS`] or more: (first term, alternative) sorted, so a
    /// token is tried only against the alternatives its word starts, still
    /// in their order (the others fail on their first word).
    pub(crate) by_first: Option<Box<[(u32, u32)]>>,
}

/// Items with this many alternatives or more index them by first term.
const INDEXED_ALTS: usize = 4;

impl Item {
    /// An item of these alternatives.
    pub(crate) fn new(alts: Vec<Vec<Atom>>, optional: bool, gap: u8, mark: Mark) -> Item {
        let by_first = (alts.len() >= INDEXED_ALTS)
            .then(|| {
                alts.iter()
                    .enumerate()
                    .map(|(i, alt)| match alt.first() {
                        Some(Atom::Word(t)) | Some(Atom::Exact(t, _)) => Some((*t, i as u32)),
                        _ => None,
                    })
                    .collect::<Option<Vec<_>>>()
            })
            .flatten()
            .map(|mut index| {
                index.sort_unstable();
                index.into_boxed_slice()
            });
        Item {
            starts: crate::prefilter::TermBits::of_starts(&alts),
            alts,
            optional,
            gap,
            mark,
            by_first,
        }
    }

    /// The alternatives that may match at a token whose term is `term`, in
    /// order.
    #[inline]
    fn alts_for(&self, term: u32) -> impl Iterator<Item = &[Atom]> + '_ {
        let (index, all) = match &self.by_first {
            Some(index) => {
                let from = index.partition_point(|&(t, _)| t < term);
                (&index[from..], &[][..])
            }
            None => (&[][..], &self.alts[..]),
        };
        index
            .iter()
            .take_while(move |&&(t, _)| t == term)
            .map(|&(_, i)| &self.alts[i as usize][..])
            .chain(all.iter().map(|alt| &alt[..]))
    }
}

/// A compiled pattern entry.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) set: SetId,
    pub(crate) entry: u32,
    pub(crate) parts: Vec<Vec<Item>>,
    pub(crate) question: bool,
    /// A leading `^`: the match must start a sentence.
    pub(crate) sentence_start: bool,
    /// A final `$`: the match must end its sentence.
    pub(crate) sentence_end: bool,
    /// A final ` , ` or ` !, `: the boundary after the match.
    pub(crate) end_mark: Mark,
    /// The pattern's own words include a negation («не отключайтесь»).
    pub(crate) negation: bool,
    /// Terms the text must contain (see `prefilter.rs`).
    pub(crate) required: Vec<crate::prefilter::Required>,
}

/// Where a pattern matched: tokens `start..end`, with `skipped` other words
/// inside, `negated_inside` when one of those is a negation word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) skipped: usize,
    pub(crate) negated_inside: bool,
}

/// What the pattern matcher asks about the text.
pub(crate) trait Probe {
    /// Tokens in the text.
    fn len(&self) -> usize;
    /// How many tokens from `pos` the atom covers, if it matches there.
    fn atom(&self, atom: &Atom, pos: usize) -> Option<usize>;
    /// A sentence mark stands before token `pos`.
    fn breaks_before(&self, pos: usize) -> bool;
    /// A clause mark stands before token `pos`.
    fn clause_before(&self, pos: usize) -> bool;
    /// Token `pos` is a negation word.
    fn negation(&self, pos: usize) -> bool;
    /// The term id of token `pos`.
    fn term(&self, pos: usize) -> u32;
}

impl Pattern {
    /// The first token after the sentence of token `pos`.
    pub(crate) fn sentence_end(probe: &impl Probe, pos: usize) -> usize {
        (pos + 1..probe.len())
            .find(|&k| probe.breaks_before(k))
            .unwrap_or(probe.len())
    }

    /// The match of this pattern whose leftmost part starts at `start`,
    /// within the sentence ending before token `limit`
    /// ([`Pattern::sentence_end`] of `start`, found once per start by the
    /// caller for all the patterns it tries there).
    pub(crate) fn match_within(
        &self,
        probe: &impl Probe,
        start: usize,
        limit: usize,
    ) -> Option<Found> {
        if let [part] = self.parts.as_slice() {
            let (end, skipped, neg) = seq(probe, part, 0, start, limit, true)?;
            return Some(Found {
                start,
                end,
                skipped,
                negated_inside: neg,
            });
        }
        let (end, skipped, neg) = self.parts_from(probe, 0, start, limit, true)?;
        Some(Found {
            start,
            end,
            skipped,
            negated_inside: neg,
        })
    }

    /// Places the remaining parts, the next one at `pos` (the first) or
    /// within [`PART_SLOP`] words after it.
    fn parts_from(
        &self,
        probe: &impl Probe,
        used: u64,
        pos: usize,
        limit: usize,
        first: bool,
    ) -> Option<(usize, usize, bool)> {
        let all = if self.parts.len() >= 64 {
            u64::MAX
        } else {
            (1u64 << self.parts.len()) - 1
        };
        if used & all == all {
            return Some((pos, 0, false));
        }
        let slop = if first { 0 } else { PART_SLOP };
        for skip in 0..=slop {
            let at = pos + skip;
            if at >= limit {
                break;
            }
            for (p, part) in self.parts.iter().enumerate().take(64) {
                if used & (1 << p) != 0 {
                    continue;
                }
                if let Some((end, inner, neg)) = seq(probe, part, 0, at, limit, true) {
                    let used = used | (1 << p);
                    if let Some((e, s, n)) = self.parts_from(probe, used, end, limit, false) {
                        let gap_neg = (pos..at).any(|k| probe.negation(k));
                        return Some((e, s + inner + skip, n || neg || gap_neg));
                    }
                }
            }
        }
        None
    }
}

/// Matches `items[k..]` from `pos`; `first` means no gap before item `k`.
/// Returns (end, skipped words, a skipped word is a negation).
fn seq(
    probe: &impl Probe,
    items: &[Item],
    k: usize,
    pos: usize,
    limit: usize,
    first: bool,
) -> Option<(usize, usize, bool)> {
    seq_from(probe, items, k, pos, limit, first, 0)
}

/// [`seq`] with `carry` more words allowed before item `k`: the gap of
/// optional items left out just before it, so «чем … [я] могу» without
/// «я» still lets three words through («чем ещё сегодня могу»).
fn seq_from(
    probe: &impl Probe,
    items: &[Item],
    k: usize,
    pos: usize,
    limit: usize,
    first: bool,
    carry: usize,
) -> Option<(usize, usize, bool)> {
    let Some(item) = items.get(k) else {
        return Some((pos, 0, false));
    };
    let gap = if first { 0 } else { item.gap as usize + carry };
    for skip in 0..=gap {
        let at = pos + skip;
        if at >= limit {
            break;
        }
        // Hot path: an item of a `@group` has dozens of alternatives, and
        // most tokens start none of them.
        if !item.starts.may_have(probe.term(at)) {
            continue;
        }
        if item.mark != Mark::Any && !item.mark.holds(probe.clause_before(at)) {
            continue;
        }
        for alt in item.alts_for(probe.term(at)) {
            let Some(len) = alt_len(probe, alt, at, limit) else {
                continue;
            };
            if let Some((end, s, n)) = seq(probe, items, k + 1, at + len, limit, false) {
                let neg = (pos..at).any(|t| probe.negation(t));
                return Some((end, s + skip, n || neg));
            }
        }
    }
    if item.optional {
        let carry = if first { 0 } else { carry + item.gap as usize };
        return seq_from(probe, items, k + 1, pos, limit, first, carry);
    }
    None
}

fn alt_len(probe: &impl Probe, alt: &[Atom], at: usize, limit: usize) -> Option<usize> {
    let mut pos = at;
    for atom in alt {
        if pos >= limit {
            return None;
        }
        pos += probe.atom(atom, pos)?;
    }
    (pos <= limit).then_some(pos - at)
}

/// The term ids a match of `items` can start with; `None` when it may start
/// with a placeholder (then it is tried at every token).
pub(crate) fn first_terms(items: &[Item], out: &mut Vec<u32>) -> bool {
    for item in items {
        for alt in &item.alts {
            match alt.first() {
                Some(Atom::Word(t)) | Some(Atom::Exact(t, _)) => out.push(*t),
                _ => return false,
            }
        }
        if !item.optional {
            return true;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    fn parse(raw: &str) -> Result<RawPattern, PhraseError> {
        parse_pattern(
            &Analyzer::new(Language::Ru),
            "s",
            raw,
            &mut AltMemo::default(),
        )
    }

    #[test]
    fn syntax_errors_say_what_is_wrong() {
        let cases = [
            ("спасибо | благодарю", "inside ( ) or [ ]"),
            ("(спасибо", "without its «)»"),
            ("[спасибо", "without its «]»"),
            ("спасибо)", "closing bracket"),
            ("… спасибо", "between words"),
            ("спасибо …", "between words"),
            ("спасибо + ", "between two parts"),
            ("[вам]", "not [optional]"),
            ("спасибо …0 за", "expected 1 to 12"),
            ("спасибо …40 за", "expected 1 to 12"),
            ("@Thanks", "not a set name"),
            ("=в-общем", "must be one word"),
            ("(спасибо | )", "empty alternative"),
            ("спасибо ^ вам", "only at the very start"),
            ("^", "between two parts"),
            ("спасибо $ вам", "only at the very end"),
            ("$", "between two parts"),
        ];
        for (raw, part) in cases {
            let err = parse(raw).unwrap_err().to_string();
            assert!(err.contains(part), "{raw:?}: {err}");
        }
    }

    #[test]
    fn parses_items_gaps_and_parts() {
        let p = parse("(спасибо | благодарю) [вам] …5 за терпение?").unwrap();
        assert!(p.question);
        assert_eq!(p.parts.len(), 1);
        let items = &p.parts[0];
        assert_eq!(items.len(), 4);
        assert_eq!(items[0].alts.len(), 2);
        assert!(items[1].optional);
        assert_eq!((items[2].gap, items[3].gap), (5, 0));
        let p = parse("@thanks + @waiting").unwrap();
        assert_eq!(p.parts.len(), 2);
        assert_eq!(p.parts[1][0].alts, vec![RawAlt::Group("waiting".into())]);
        let p = parse("^ (простите | извините) $ ?").unwrap();
        assert!(p.sentence_start && p.sentence_end && p.question);
        assert!(!parse("^ простите").unwrap().sentence_end);
        let p = parse("что-то ... ещё").unwrap();
        assert_eq!(p.parts[0][0].alts.len(), 2, "«чемто» and «чем то»");
        assert_eq!(p.parts[0][1].gap, DEFAULT_GAP);
    }

    #[test]
    fn a_recurring_chunk_is_parsed_once_and_shared() {
        // Loading the default standard leans on this: the same chunk in
        // hundreds of entries costs one analysis, and its words are shared
        // (no copy per entry).
        let analyzer = Analyzer::new(Language::Ru);
        let mut memo = AltMemo::default();
        let a = parse_pattern(&analyzer, "s", "(спасибо | благодарю) … за", &mut memo).unwrap();
        let b = parse_pattern(&analyzer, "s", "(спасибо | благодарю) [вам]", &mut memo).unwrap();
        assert_eq!(
            memo.found.len(),
            4,
            "chunks «спасибо», «благодарю», «за», «вам»"
        );
        let (RawAlt::Words(x), RawAlt::Words(y)) = (&a.parts[0][0].alts[0], &b.parts[0][0].alts[0])
        else {
            panic!("words expected");
        };
        assert!(std::sync::Arc::ptr_eq(x, y));
    }

    #[test]
    fn plain_entries_are_not_patterns() {
        for raw in [
            "спасибо за ожидание",
            "{company}",
            "меня зовут {operator_name}",
            "э-э",
            "пизд*",
            "!хлеб",
        ] {
            assert!(!is_pattern(raw), "{raw}");
        }
        for raw in [
            "спасибо … за",
            "a ... b",
            "[a] b",
            "(a | b)",
            "@x",
            "a + b",
            "=типа",
            "можете подождать?",
            "простите $",
            "простите $ ?",
        ] {
            assert!(is_pattern(raw), "{raw}");
        }
    }
}
