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

/// Top-level domains a brand written as a web address ends in («Menu.am»
/// is said «Մենյու» or «Menu.am-ից»).
const HY_DOMAINS: &[&str] = &["am", "com", "ru", "net", "org", "io"];

/// Latin kinds of company written glued to a brand (`Evocabank`, `IDBank`):
/// Armenian speech says the brand alone («Էվոկայից եմ») or the kind apart.
/// Each with its Armenian spelling.
const HY_GLUED_TAILS: &[(&str, &str)] = &[
    ("bank", "բանկ"),
    ("telecom", "տելեկոմ"),
    ("group", "գրուպ"),
    ("insurance", "ինշուրանս"),
];

/// How Armenians read Latin letters when they spell an acronym («այ դի
/// բանկ» for `IDBank`, «էյ էմ» for `.am`).
const HY_LATIN_LETTER_NAMES: &[(char, &str)] = &[
    ('a', "էյ"),
    ('b', "բի"),
    ('c', "սի"),
    ('d', "դի"),
    ('e', "ի"),
    ('f', "էֆ"),
    ('g', "ջի"),
    ('h', "էյչ"),
    ('i', "այ"),
    ('j', "ջեյ"),
    ('k', "քեյ"),
    ('l', "էլ"),
    ('m', "էմ"),
    ('n', "էն"),
    ('o', "օ"),
    ('p', "փի"),
    ('q', "քյու"),
    ('r', "առ"),
    ('s', "էս"),
    ('t', "թի"),
    ('u', "յու"),
    ('v', "վի"),
    ('w', "դաբլյու"),
    ('x', "էքս"),
    ('y', "ուայ"),
    ('z', "զեդ"),
];

/// A Latin word spelled letter by letter as Armenians read the letters.
fn hy_latin_spelled(word: &str) -> Option<String> {
    let names: Option<Vec<&str>> = word
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            HY_LATIN_LETTER_NAMES
                .iter()
                .find(|(l, _)| *l == c)
                .map(|(_, n)| *n)
        })
        .collect();
    names.map(|n| n.join(" "))
}

/// The forms an Armenian speaker or recogniser gives a Latin brand written
/// as a web address or with its kind of company glued on: `Menu.am` said
/// «Menu» or «մենյու էյ էմ», `Evocabank` said «Էվոկա» or «Evoca bank».
/// Empty for a name with none of these.
pub(crate) fn hy_latin_brand_forms(full: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in full.split_whitespace() {
        // `Menu.am`: the brand without its domain, and with the domain spelled
        if let Some((brand, domain)) = word.rsplit_once('.') {
            if latin(brand) && HY_DOMAINS.contains(&domain.to_ascii_lowercase().as_str()) {
                out.push(full.replacen(word, brand, 1));
                if let Some(d) = hy_latin_spelled(domain) {
                    out.push(full.replacen(word, &format!("{brand} {d}"), 1));
                }
            }
            continue;
        }
        // `Evocabank`: the brand alone and with its kind said apart
        if let Some((brand, kind, _)) = glued_kind(word) {
            if !is_acronym(brand) && brand.len() >= 3 {
                out.push(full.replacen(word, brand, 1));
                out.push(full.replacen(word, &format!("{brand} {kind}"), 1));
            }
        }
    }
    out.retain(|v| v != full);
    out.dedup();
    out
}

/// A Latin acronym glued to its kind of company spelled as Armenians read
/// the letters, the kind in Armenian (`IDBank` → «այ դի բանկ»). These are
/// compared exactly, never loosely: «արդի բանկ» is one letter off.
pub(crate) fn hy_latin_acronyms_spelled(full: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in full.split_whitespace() {
        if let Some((brand, _, kind_hy)) = glued_kind(word) {
            if let (true, Some(spelled)) = (is_acronym(brand), hy_latin_spelled(brand)) {
                out.push(full.replacen(word, &format!("{spelled} {kind_hy}"), 1));
            }
        }
    }
    out
}

fn latin(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic())
}

fn is_acronym(w: &str) -> bool {
    (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// A Latin word split into its brand and a glued kind of company (as
/// written, and the kind in Armenian): `IDBank` → («ID», «Bank», «բանկ»).
fn glued_kind(word: &str) -> Option<(&str, &str, &'static str)> {
    if !latin(word) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    HY_GLUED_TAILS.iter().find_map(|(tail, tail_hy)| {
        let brand_len = lower.strip_suffix(tail)?.len();
        (brand_len >= 2).then(|| {
            let (brand, kind) = word.split_at(brand_len);
            (brand, kind, *tail_hy)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{hy_latin_acronyms_spelled, hy_latin_brand_forms};

    #[test]
    fn latin_brands_as_web_addresses_and_with_a_glued_kind() {
        let cases: &[(&str, &[&str])] = &[
            ("Menu.am", &["Menu", "Menu էյ էմ"]),
            ("Evocabank", &["Evoca", "Evoca bank"]),
            ("IDBank", &[]),
            ("Ararat", &[]),
            ("Արարատ Բանկ", &[]),
            ("Ucom", &[]),
            ("Bank", &[]),
        ];
        for (name, want) in cases {
            let got = hy_latin_brand_forms(name);
            assert_eq!(got, *want, "{name}");
        }
        assert_eq!(hy_latin_acronyms_spelled("IDBank"), ["այ դի բանկ"]);
        assert!(hy_latin_acronyms_spelled("Evocabank").is_empty());
        assert!(hy_latin_acronyms_spelled("Ucom").is_empty());
    }
}
