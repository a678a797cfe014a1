//! Armenian company names as operators and recognisers say them.
//!
//! Owns the tables and helpers behind the extra `{company}` variants of an
//! Armenian call: the Latin and Armenian words after a brand that speech
//! leaves out (legal forms, "Armenia", kinds of company), numbers in a name
//! said as Armenian words («Տեխսապորտ 24» said «Տեխսապորտ քսանչորս»), the
//! adjective said for a kind of company («ապահովագրական ընկերություն» for
//! Ապահովագրություն) and the initials of a long name («ՀԷՑ»). Used by
//! `Slots::set_company` in `slots.rs`.

use crate::names::below_hundred;

/// Latin words after a brand that Armenian speech leaves out («Բիլայնի
/// թեժ գիծն է» for `Beeline Armenia`).
pub(crate) const HY_GENERIC_TAILS: &[&str] = &[
    "armenia",
    "am",
    "bank",
    "group",
    "telecom",
    "cjsc",
    "llc",
    "insurance",
    "airlines",
    "clinic",
    // Armenian legal forms and kinds of company after the brand
    // («ԷկոՋուր ընկերություն» for ԷկոՋուր ՍՊԸ, «Մեդլայն» for Մեդլայն Կլինիկա)
    "սպը",
    "փբը",
    "բբը",
    "կլինիկա",
    "ավիաընկերություն",
];

/// Armenian numbers 0–19 and tens, as said in a company name.
const HY_UNITS: [&str; 20] = [
    "զրո",
    "մեկ",
    "երկու",
    "երեք",
    "չորս",
    "հինգ",
    "վեց",
    "յոթ",
    "ութ",
    "ինը",
    "տասը",
    "տասնմեկ",
    "տասներկու",
    "տասներեք",
    "տասնչորս",
    "տասնհինգ",
    "տասնվեց",
    "տասնյոթ",
    "տասնութ",
    "տասնինը",
];
const HY_TENS: [&str; 10] = [
    "",
    "տասը",
    "քսան",
    "երեսուն",
    "քառասուն",
    "հիսուն",
    "վաթսուն",
    "յոթանասուն",
    "ութսուն",
    "իննսուն",
];

/// The name with its numbers (below 100) said as Armenian words, written
/// joined as Armenian writes them («Տեխսապորտ 24» → «Տեխսապորտ քսանչորս»);
/// `None` when the name has no number or a larger one.
pub(crate) fn hy_numbers_spelled(name: &str) -> Option<String> {
    let mut out: Vec<String> = Vec::new();
    let mut changed = false;
    for word in name.split_whitespace() {
        let (digits, rest): (String, String) = word.chars().partition(char::is_ascii_digit);
        if digits.is_empty() {
            out.push(word.to_string());
            continue;
        }
        let n: usize = digits.parse().ok().filter(|n| *n < 100)?;
        let spelled = below_hundred(n, &HY_UNITS, &HY_TENS, "");
        let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
        if !rest.is_empty() {
            out.push(rest.to_string());
        }
        out.push(spelled);
        changed = true;
    }
    changed.then(|| out.join(" "))
}

/// Armenian kinds of company and the adjective a speaker puts for them
/// («Արարատի ապահովագրական ընկերությունը» for Արարատ Ապահովագրություն).
pub(crate) const HY_KIND_ADJECTIVES: &[(&str, &str)] = &[
    ("ապահովագրություն", "ապահովագրական"),
    ("շինարարություն", "շինարարական"),
    ("տուրիզմ", "տուրիստական"),
    ("առողջապահություն", "առողջապահական"),
    ("բժշկություն", "բժշկական"),
    ("լոգիստիկա", "լոգիստիկ"),
];

/// The initials of an Armenian company name of three or more words
/// («Հայաստանի Էլեկտրական Ցանցեր» → «ՀԷՑ»); `None` for shorter names and
/// names with a word in another script.
pub(crate) fn hy_initials(full: &str) -> Option<String> {
    let words: Vec<&str> = full
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let armenian = |c: &char| ('\u{0531}'..='\u{0587}').contains(c);
    (words.len() >= 3
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(|c| armenian(&c))))
    .then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}
