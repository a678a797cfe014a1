//! English person names as a recogniser writes them and where they are
//! ordinary words.
//!
//! Owns two small English tables used by `slots.rs` for `{operator_name}`
//! and `{client_name}`: the spellings a recogniser writes for names whose
//! letters do not say how they sound (Siobhan → "shivon", Nguyen → "win"),
//! and the words before which a name that is also an English word ("mark",
//! "will", "bill", "grace") is that word: "I'll mark that as resolved" names
//! nobody.

/// Names not spelled as said, normalised: (name, spellings a recogniser
/// writes for it). Irish first names and a few surnames heard on calls.
const HEARD_FORMS: &[(&str, &[&str])] = &[
    (
        "siobhan",
        &[
            "shivon", "shavon", "shivaun", "shevon", "shevaun", "chevonne", "shavonne", "shivonne",
        ],
    ),
    ("niamh", &["neve", "neeve", "neev", "neave"]),
    ("aoife", &["eefa", "eefah"]),
    ("saoirse", &["sersha", "seersha", "searsha", "sairsha"]),
    ("caoimhe", &["keeva", "kweeva", "keva"]),
    ("sinead", &["shinade", "shinaid", "shenade", "shinead"]),
    ("grainne", &["grawnya", "granya", "grania"]),
    ("roisin", &["rosheen", "roshin"]),
    ("aisling", &["ashling", "ashlin", "ashleen"]),
    ("oisin", &["osheen", "usheen"]),
    ("padraig", &["pawdrig", "porick", "padrig"]),
    ("sean", &["shaun", "shawn", "shon"]),
    ("eoin", &["owen", "owain"]),
    ("ciaran", &["kieran", "keeran", "kieron"]),
    ("cillian", &["killian", "kilian"]),
    ("tadhg", &["tige", "taig"]),
    ("dearbhla", &["dervla"]),
    ("meabh", &["maeve", "mave"]),
    ("eimear", &["emer", "eemer"]),
    ("nguyen", &["win", "nwin", "nuyen", "newen", "winn"]),
    ("joaquin", &["wakeen", "hwakeen"]),
];

/// Forms of address before a surname.
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "mister", "missus"];

/// Normalised words (apostrophes dropped) before which a name that is also
/// an English word is that word: a subject or a modal before a verb ("I'll
/// mark", "we will", "you can bill").
const VERB_BEFORE: &[&str] = &[
    "i", "ill", "we", "youll", "theyll", "will", "can", "could", "would", "should", "must",
    "might", "lets", "dont", "cannot", "cant", "wont", "didnt", "did", "does",
];

/// The spellings a recogniser writes for the normalised name `norm`.
pub(crate) fn heard_forms(norm: &str) -> &'static [&'static str] {
    HEARD_FORMS
        .iter()
        .find(|(name, _)| *name == norm)
        .map_or(&[], |(_, forms)| forms)
}

/// The surname `surname` as it is said with a form of address: "mrs win".
pub(crate) fn with_titles(surname: &str) -> impl Iterator<Item = String> + '_ {
    TITLES.iter().map(move |t| format!("{t} {surname}"))
}

/// Whether the normalised word `word` is a form of address ("mrs").
pub(crate) fn is_title(word: &str) -> bool {
    TITLES.contains(&word)
}

/// Whether a name right after the normalised word `prev` (in the same
/// clause) is an English verb, not the name: "I'll mark that".
pub(crate) fn verb_before(prev: &str) -> bool {
    VERB_BEFORE.contains(&prev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heard_forms_of_names_not_spelled_as_said() {
        assert!(heard_forms("siobhan").contains(&"shivon"));
        assert!(heard_forms("nguyen").contains(&"win"));
        assert!(heard_forms("william").is_empty());
    }

    #[test]
    fn titles_and_verb_contexts() {
        assert!(with_titles("win").any(|t| t == "mrs win"));
        assert!(is_title("mr") && !is_title("mark"));
        assert!(verb_before("ill"));
        assert!(verb_before("will"));
        assert!(!verb_before("thanks"));
        assert!(!verb_before("is"));
    }
}
