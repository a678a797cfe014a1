//! Compiling parsed pattern entries for a [`PhraseBook`]: their words to
//! the book's term ids, and each `@set` to the plain entries of that set
//! (its `not:` entries left out).
//! Parsing the syntax and matching are `pattern.rs`; the book is
//! `phrase.rs`.
//!
//! [`PhraseBook`]: crate::PhraseBook

use crate::entry::RawElem;
use crate::pattern::{Atom, Item, Pattern, RawAlt, RawPattern};
use crate::phrase::{SetId, SetInfo};

/// Compiles the pattern entries: words to term ids, `@set` to the plain
/// entries of that set.
pub(crate) fn compile_patterns(
    sets: &[SetInfo],
    phrases: &[(SetId, u32, Vec<RawElem>)],
    patterns: &[(SetId, u32, RawPattern)],
    vetoes: &[bool],
    fuzzy_on: bool,
    intern: &mut impl FnMut(&str, &str, bool) -> u32,
) -> Vec<Pattern> {
    let mut out = Vec::with_capacity(patterns.len());
    // (set, fuzzy) → the atoms of that set's plain entries.
    let mut groups: crate::hash::FxHashMap<(usize, bool), Vec<Vec<Atom>>> = Default::default();
    for (set, entry, raw) in patterns {
        let set_fuzzy = fuzzy_on && sets[set.0 as usize].fuzzy;
        let mut negation = false;
        let mut atom_of = |elem: &RawElem, exact: bool, negation: &mut bool| match elem {
            RawElem::Word {
                norm,
                stem,
                negation: neg,
            } => {
                *negation |= *neg;
                let term = intern(norm, stem, set_fuzzy && !exact);
                if exact {
                    Atom::Exact(term, norm.as_str().into())
                } else {
                    Atom::Word(term)
                }
            }
            RawElem::Slot(name) => Atom::Slot(name.as_str().into()),
            RawElem::Any => Atom::Any,
        };
        let mut parts = Vec::with_capacity(raw.parts.len());
        for part in &raw.parts {
            let mut items = Vec::with_capacity(part.len());
            for item in part {
                let mut alts = Vec::new();
                for alt in &item.alts {
                    match alt {
                        RawAlt::Words(words) => alts.push(
                            words
                                .iter()
                                .map(|(elem, exact)| atom_of(elem, *exact, &mut negation))
                                .collect(),
                        ),
                        RawAlt::Group(name) => {
                            let Some(group) = sets.iter().position(|s| s.name == *name) else {
                                continue;
                            };
                            // The same `@set` recurs in hundreds of patterns:
                            // scan all phrases and intern its words once per
                            // set and fuzziness (interning is idempotent, so
                            // the ids are the same as interning again).
                            let atoms = groups.entry((group, set_fuzzy)).or_insert_with(|| {
                                let mut out = Vec::new();
                                for (gset, gentry, elems) in phrases {
                                    if gset.0 as usize == group && !vetoes[*gentry as usize] {
                                        let mut own = false;
                                        let atoms: Vec<Atom> = elems
                                            .iter()
                                            .map(|e| atom_of(e, false, &mut own))
                                            .collect();
                                        out.push(atoms);
                                    }
                                }
                                out
                            });
                            alts.extend(atoms.iter().cloned());
                        }
                    }
                }
                items.push(Item::new(alts, item.optional, item.gap, item.mark));
            }
            parts.push(items);
        }
        let required = crate::prefilter::required_terms(&parts);
        out.push(Pattern {
            set: *set,
            entry: *entry,
            required,
            parts,
            question: raw.question,
            sentence_start: raw.sentence_start,
            sentence_end: raw.sentence_end,
            end_mark: raw.end_mark,
            negation,
        });
    }
    out
}
