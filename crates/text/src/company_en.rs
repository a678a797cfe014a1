//! English company names as operators say them.
//!
//! Owns the extra `{company}` variants of an English call: the name without
//! its legal form ("Kingsbridge Motors Ltd" said "Kingsbridge Motors"), the
//! distinctive brand without the kind of company after it ("Bluebell" for
//! Bluebell Broadband, "Northgate" for Northgate Building Society), the
//! possessive ("Northgate's mortgage helpline") and an acronym spelled by
//! its letters ("h s b c" for HSBC, "a b c insurance" for ABC Insurance),
//! and a final "-er" heard without its "r" ("harpa bank" for Harper Bank).
//! Used by `Slots::set_company` in `slots.rs`.

use crate::names::below_hundred;

/// Legal forms after a company name, lower case, without dots.
const LEGAL_FORMS: &[&str] = &[
    "ltd",
    "limited",
    "plc",
    "inc",
    "llc",
    "llp",
    "co",
    "corp",
    "incorporated",
    "lp",
];

/// Words naming the kind of company after its brand, lower case: what
/// operators leave out ("thanks for calling Bluebell").
const KIND_WORDS: &[&str] = &[
    "bank",
    "banking",
    "building",
    "society",
    "insurance",
    "insurers",
    "assurance",
    "broadband",
    "energy",
    "power",
    "utilities",
    "utility",
    "water",
    "gas",
    "electric",
    "electricity",
    "telecom",
    "telecoms",
    "mobile",
    "mobiles",
    "motors",
    "motor",
    "cars",
    "garage",
    "hotel",
    "hotels",
    "group",
    "services",
    "service",
    "solutions",
    "legal",
    "law",
    "solicitors",
    "dental",
    "dentists",
    "clinic",
    "surgery",
    "pharmacy",
    "finance",
    "financial",
    "credit",
    "union",
    "airways",
    "airlines",
    "travel",
    "holidays",
    "logistics",
    "deliveries",
    "couriers",
    "furniture",
    "homes",
    "housing",
    "estates",
    "lettings",
    "properties",
    "health",
    "healthcare",
    "care",
    "medical",
    "partners",
    "associates",
    "uk",
    "online",
    "store",
    "stores",
    "shop",
    "retail",
    "network",
    "networks",
    "communications",
    "media",
    "systems",
    "technologies",
    "tech",
    "software",
    "support",
    "repairs",
    "vets",
    "veterinary",
    "fitness",
    "leisure",
    "express",
    "fibre",
    "internet",
    "pensions",
    "investments",
    "mortgages",
    "loans",
    "capital",
    "savings",
    "council",
    "agency",
    "lending",
    "rentals",
    "hire",
    "removals",
    "plumbing",
    "heating",
    "security",
    "recruitment",
    "consulting",
    "accountants",
    "direct",
];

/// Brands too ordinary to stand alone for the company ("The Energy Shop").
const NOT_A_BRAND: &[&str] = &[
    "the", "a", "an", "my", "your", "our", "and", "of", "new", "first",
];

/// The extra `{company}` variants of the English company name `full`
/// (see the module docs); none repeats `full` itself.
pub(crate) fn en_company_forms(full: &str) -> Vec<String> {
    let words: Vec<&str> = full.split_whitespace().collect();
    let lower = |w: &str| w.trim_matches(['.', ',']).to_lowercase();
    let mut bare = words.clone();
    while bare.len() > 1
        && bare
            .last()
            .is_some_and(|w| LEGAL_FORMS.contains(&lower(w).as_str()))
    {
        bare.pop();
    }
    let mut brand = bare.clone();
    while brand.len() > 1
        && brand
            .last()
            .is_some_and(|w| KIND_WORDS.contains(&lower(w).as_str()))
    {
        brand.pop();
    }
    let mut out: Vec<String> = Vec::new();
    let push = |words: &[&str], out: &mut Vec<String>| {
        let joined = words.join(" ");
        if !joined.is_empty() && joined != full && !out.contains(&joined) {
            out.push(joined);
        }
    };
    if bare.len() < words.len() {
        push(&bare, &mut out);
    }
    // "Grand Budapest Hotel" for The Grand Budapest Hotel: the article
    // dropped when two or more words stay
    if bare.len() >= 3 && lower(bare[0]) == "the" {
        push(&bare[1..], &mut out);
    }
    let is_brand = brand.len() < bare.len()
        && brand
            .iter()
            .all(|w| !KIND_WORDS.contains(&lower(w).as_str()))
        && !NOT_A_BRAND.contains(&lower(brand[0]).as_str())
        && brand.iter().map(|w| w.chars().count()).sum::<usize>() >= 3;
    if is_brand {
        push(&brand, &mut out);
    }
    // "Northgate's mortgage helpline", "Harper Bank's app"
    for form in [&brand, &bare] {
        if form.len() < bare.len() && !is_brand {
            continue;
        }
        if let Some((last, rest)) = form
            .split_last()
            .filter(|(last, _)| !last.ends_with(['s', 'S']))
        {
            let mut possessive: Vec<String> = rest.iter().map(|w| (*w).to_string()).collect();
            possessive.push(format!("{last}'s"));
            let refs: Vec<&str> = possessive.iter().map(String::as_str).collect();
            push(&refs, &mut out);
        }
    }
    // "harpa bank" for Harper Bank: a final "-er" heard without its "r"
    let non_rhotic: Vec<String> = std::iter::once(full.to_string())
        .chain(out.iter().cloned())
        .filter_map(|variant| without_final_r(&variant))
        .collect();
    for variant in non_rhotic {
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    // "auto fix twenty four" for AutoFix 24, "four seasons" for 4Seasons,
    // "seven eleven" for 7-Eleven: the name as it is said
    let said: Vec<String> = std::iter::once(full.to_string())
        .chain(out.iter().cloned())
        .filter_map(|variant| as_said(&variant))
        .collect();
    for variant in said {
        if !out.contains(&variant) && variant != full {
            out.push(variant);
        }
    }
    // "h s b c" for HSBC: every variant with its acronyms spelled
    let spelled: Vec<String> = std::iter::once(full.to_string())
        .chain(out.iter().cloned())
        .filter_map(|variant| spell_acronyms(&variant))
        .collect();
    for variant in spelled {
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// `name` with each word of 5 or more letters ending in "er" written as a
/// recogniser hears it said without the "r" ("Harper" → "Harpa"); `None`
/// when it has none.
fn without_final_r(name: &str) -> Option<String> {
    let mut any = false;
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| match w.strip_suffix("er") {
            Some(stem) if stem.chars().count() >= 3 && stem.chars().all(char::is_alphabetic) => {
                any = true;
                format!("{stem}a")
            }
            _ => w.to_string(),
        })
        .collect();
    any.then(|| words.join(" "))
}

const UNITS: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// A number of 0 to 99 in words ("24" → "twenty four"); `None` otherwise.
fn number_words(digits: &str) -> Option<String> {
    let n: usize = digits.parse().ok().filter(|_| digits.len() <= 2)?;
    Some(below_hundred(n, &UNITS, &TENS, " "))
}

/// `name` as it is said: a word split where a capital follows a small
/// letter ("AutoFix" → "Auto Fix"), where digits meet letters ("4Seasons")
/// and at a hyphen ("7-Eleven"), and numbers up to 99 in words; `None`
/// when nothing changes or a number is larger.
fn as_said(name: &str) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for word in name.split_whitespace() {
        let mut cur = String::new();
        let mut prev: Option<char> = None;
        for c in word.chars() {
            let split = match prev {
                Some(p) => {
                    c == '-'
                        || (p.is_lowercase() && c.is_uppercase())
                        || (p.is_ascii_digit() != c.is_ascii_digit() && p != '-')
                }
                None => false,
            };
            if split && !cur.is_empty() {
                parts.push(std::mem::take(&mut cur));
            }
            if c != '-' {
                cur.push(c);
            }
            prev = Some(c);
        }
        if !cur.is_empty() {
            parts.push(cur);
        }
    }
    let mut words = Vec::with_capacity(parts.len());
    for part in &parts {
        if part.chars().all(|c| c.is_ascii_digit()) {
            words.push(number_words(part)?);
        } else {
            words.push(part.clone());
        }
    }
    let said = words.join(" ");
    (said != name).then_some(said)
}

/// `name` with each acronym (2 to 5 capital Latin letters: HSBC, IBM)
/// written as its letters ("h s b c"); `None` when it has none.
fn spell_acronyms(name: &str) -> Option<String> {
    let mut any = false;
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let n = w.chars().count();
            if (2..=5).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase()) {
                any = true;
                w.chars()
                    .map(|c| c.to_ascii_lowercase().to_string())
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                w.to_string()
            }
        })
        .collect();
    any.then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_without_the_kind_of_company() {
        let forms = en_company_forms("Bluebell Broadband");
        assert!(forms.contains(&"Bluebell".to_string()), "{forms:?}");
        assert!(forms.contains(&"Bluebell's".to_string()), "{forms:?}");
        let forms = en_company_forms("Northgate Building Society");
        assert!(forms.contains(&"Northgate".to_string()), "{forms:?}");
        assert!(forms.contains(&"Northgate's".to_string()), "{forms:?}");
    }

    #[test]
    fn leading_article_dropped() {
        let forms = en_company_forms("The Grand Budapest Hotel");
        assert!(
            forms.contains(&"Grand Budapest Hotel".to_string()),
            "{forms:?}"
        );
        // one word left is too ordinary to stand for the company
        assert!(!en_company_forms("The Pharmacy").contains(&"Pharmacy".to_string()));
    }

    #[test]
    fn legal_form_dropped() {
        let forms = en_company_forms("Kingsbridge Motors Ltd");
        assert!(
            forms.contains(&"Kingsbridge Motors".to_string()),
            "{forms:?}"
        );
        assert!(forms.contains(&"Kingsbridge".to_string()), "{forms:?}");
    }

    #[test]
    fn no_brand_that_is_only_kind_words_or_ordinary() {
        assert!(en_company_forms("Broadband Services").is_empty());
        assert_eq!(
            en_company_forms("Harper Bank"),
            vec![
                "Harper",
                "Harper's",
                "Harper Bank's",
                "Harpa Bank",
                "Harpa",
                "Harpa Bank's"
            ]
        );
        let forms = en_company_forms("The Energy Shop");
        assert!(
            !forms.iter().any(|f| f == "The" || f == "The Energy"),
            "{forms:?}"
        );
        // a name with no kind word after it keeps only the possessive
        assert_eq!(
            en_company_forms("Bank of Scotland"),
            vec!["Bank of Scotland's"]
        );
    }

    #[test]
    fn final_er_without_its_r() {
        assert_eq!(
            without_final_r("Harper Bank").as_deref(),
            Some("Harpa Bank")
        );
        assert_eq!(without_final_r("Oakmont Hotel"), None);
        // too short a stem: "Tier" stays
        assert_eq!(without_final_r("Tier One"), None);
    }

    #[test]
    fn names_as_they_are_said() {
        for (name, said) in [
            ("AutoFix 24", Some("Auto Fix twenty four")),
            ("4Seasons Realty", Some("four Seasons Realty")),
            ("7-Eleven Logistics", Some("seven Eleven Logistics")),
            ("FreshMart", Some("Fresh Mart")),
            ("Route 66 Diner", Some("Route sixty six Diner")),
            ("Harper Bank", None),
            ("Studio 360", None),
            ("Coca-Cola", Some("Coca Cola")),
        ] {
            assert_eq!(as_said(name).as_deref(), said, "{name}");
        }
        let forms = en_company_forms("AutoFix 24");
        assert!(
            forms.contains(&"Auto Fix twenty four".to_string()),
            "{forms:?}"
        );
    }

    #[test]
    fn acronyms_spelled_by_letters() {
        assert!(en_company_forms("HSBC").contains(&"h s b c".to_string()));
        let forms = en_company_forms("ABC Insurance");
        assert!(forms.contains(&"a b c Insurance".to_string()), "{forms:?}");
        assert!(forms.contains(&"a b c".to_string()), "{forms:?}");
        assert!(spell_acronyms("Harper Bank").is_none());
    }
}
