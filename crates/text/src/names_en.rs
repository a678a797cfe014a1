//! English person names as a recogniser writes them and where they are
//! ordinary words.
//!
//! Owns two small English tables used by `slots.rs` for `{operator_name}`
//! and `{client_name}`: the spellings a recogniser writes for names whose
//! letters do not say how they sound (Siobhan → "shivon", Nguyen → "win"),
//! and the words before which a name that is also an English word ("mark",
//! "will", "bill", "grace") is that word: "I'll mark that as resolved" names
//! nobody, nor do "how may I help" (May), "will you be home" (Will) or "to
//! be frank" (Frank); and a surname after a form of address as a recogniser
//! mishears it ("mr carta" for Carter, "miss okafur" for Okafor).

/// Names not spelled as said, normalised: (name, spellings a recogniser
/// writes for it). Irish first names and a few surnames heard on calls.
const HEARD_FORMS: &[(&str, &[&str])] = &[
    (
        "siobhan",
        &[
            "shivon", "shavon", "shivaun", "shevon", "shevaun", "chevonne", "shavonne", "shivonne",
            "shavaun",
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
    (
        "nguyen",
        &[
            "win", "nwin", "nuyen", "newen", "winn", "new yen", "nu yen", "new win",
        ],
    ),
    ("joaquin", &["wakeen", "hwakeen"]),
    // round 10: one Arabic name, many Latin spellings ("mohammed" for Muhammad)
    (
        "muhammad",
        &[
            "mohammed", "mohammad", "muhammed", "mohamed", "mohamad", "muhamed",
        ],
    ),
    (
        "mohammed",
        &[
            "muhammad", "mohammad", "muhammed", "mohamed", "mohamad", "muhamed",
        ],
    ),
    (
        "mohammad",
        &[
            "muhammad", "mohammed", "muhammed", "mohamed", "mohamad", "muhamed",
        ],
    ),
    (
        "mohamed",
        &[
            "muhammad", "mohammed", "mohammad", "muhammed", "mohamad", "muhamed",
        ],
    ),
];

/// Spellings a recogniser writes for a surname that are common English
/// words, so they count only right after a form of address: "mister when"
/// is Mr Nguyen, a bare "when" is nobody (normalised: (surname, spellings)).
const HEARD_AFTER_TITLE: &[(&str, &[&str])] = &[("nguyen", &["when", "wen", "nuen"])];

/// Forms of address before a surname.
const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "mister", "missus"];

/// Normalised words (apostrophes dropped) before which a name that is also
/// an English word is that word: a subject or a modal before a verb ("I'll
/// mark", "we will", "you can bill").
const VERB_BEFORE: &[&str] = &[
    "i", "ill", "we", "youll", "theyll", "well", "wed", "id", "youd", "theyd", "will", "can",
    "could", "would", "should", "must", "might", "lets", "dont", "cannot", "cant", "wont", "didnt",
    "did", "does", "be",
];

/// First names that are also English modal verbs: before a subject pronoun
/// they are the verb ("how may I help", "will you be home").
const MODAL_NAMES: &[&str] = &["may", "will", "can", "might", "shall"];

/// Months and weekdays: said on calls all the time ("started on March
/// first"), so one of them is a person's name only when it is that name
/// itself (a client April), never a recogniser's spelling or a clipped
/// form of another name ("March" is no "Marc" for Marcus).
const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Subject pronouns after which such a name is the modal verb.
const SUBJECTS: &[&str] = &["i", "you", "we", "they", "he", "she", "it", "there"];

/// Word endings a recogniser hears for one another at the end of an
/// English surname said without its final "r" ("Carter" heard "carta",
/// "Okafor" heard "okafur"), longest first.
const WEAK_ENDINGS: &[&str] = &["er", "or", "ur", "ar", "re", "ah", "uh", "a"];

/// Family names that records write first, normalised: Vietnamese, Chinese
/// and Korean ("Nguyen Van Minh" is Mr Nguyen). A record name that starts
/// with one may be said with a form of address before its first word.
const FAMILY_NAMES_FIRST: &[&str] = &[
    "nguyen", "tran", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "ngo", "duong",
    "trinh", "truong", "dinh", "doan", "lam", "luong", "wang", "zhang", "liu", "chen", "yang",
    "huang", "zhao", "zhou", "xu", "sun", "zhu", "gao", "guo", "luo", "zheng", "kim", "park",
    "choi", "jung", "kang", "cho", "yoon", "jang", "lim",
];

/// Whether the normalised first word of a record name is a family name
/// written first (`FAMILY_NAMES_FIRST`).
pub(crate) fn family_name_first(norm: &str) -> bool {
    FAMILY_NAMES_FIRST.contains(&norm)
}

/// Words after which such a name is the modal verb of a statement: its
/// verb or an adverb ("my colleague will be with you", "may need").
const AFTER_MODAL: &[&str] = &[
    "be",
    "have",
    "need",
    "get",
    "call",
    "ring",
    "take",
    "send",
    "come",
    "help",
    "look",
    "check",
    "pass",
    "see",
    "not",
    "just",
    "also",
    "soon",
    "probably",
    "definitely",
    "certainly",
    "then",
    "do",
    "let",
    "give",
    "contact",
    "arrive",
];

/// Whether the normalised name `name` followed by the normalised word
/// `next` is a modal verb and its subject ("may i", "will you") or its
/// verb ("will be", "may need").
pub(crate) fn modal_before_subject(name: &str, next: &str) -> bool {
    MODAL_NAMES.contains(&name) && (SUBJECTS.contains(&next) || AFTER_MODAL.contains(&next))
}

/// Whether the normalised word `norm` is a month or a weekday, which
/// matches a name only exactly, never loosely.
pub(crate) fn calendar_word(norm: &str) -> bool {
    CALENDAR_WORDS.contains(&norm)
}

/// Whether the normalised word `heard`, said right after a form of address,
/// is the normalised surname `surname` as a recogniser mishears it: one
/// letter off in a surname of 5 or more letters, a doubled letter heard
/// once ("hal" for Hall), or another weak ending
/// ("carta" for Carter, "okafur" for Okafor). The first letter must agree.
pub(crate) fn heard_surname(heard: &str, surname: &str) -> bool {
    let (h, s): (Vec<char>, Vec<char>) = (heard.chars().collect(), surname.chars().collect());
    if s.len() < 4 || h.len() < 3 || h[0] != s[0] || !h.iter().all(char::is_ascii_lowercase) {
        return false;
    }
    if heard == surname || (s.len() >= 5 && crate::fuzzy::within_one_edit(&h, &s)) {
        return true;
    }
    // "mr hal" for Hall: a doubled letter heard once
    let single = |w: &[char]| -> Vec<char> {
        let mut out = w.to_vec();
        out.dedup();
        out
    };
    if single(&h) == single(&s) {
        return true;
    }
    let base = |w: &'static str, word: &str| -> Option<String> {
        word.strip_suffix(w)
            .filter(|b| b.chars().count() >= 3)
            .map(str::to_string)
    };
    let bases =
        |word: &str| -> Vec<String> { WEAK_ENDINGS.iter().filter_map(|e| base(e, word)).collect() };
    let theirs = bases(surname);
    bases(heard).iter().any(|b| theirs.contains(b))
}

/// The spellings a recogniser writes for the normalised name `norm`.
pub(crate) fn heard_forms(norm: &str) -> &'static [&'static str] {
    HEARD_FORMS
        .iter()
        .find(|(name, _)| *name == norm)
        .map_or(&[], |(_, forms)| forms)
}

/// The spellings of the normalised surname `norm` that count only after a
/// form of address ("mr when" for Nguyen).
pub(crate) fn heard_after_title(norm: &str) -> &'static [&'static str] {
    HEARD_AFTER_TITLE
        .iter()
        .find(|(name, _)| *name == norm)
        .map_or(&[], |(_, forms)| forms)
}

/// The surname `raw` (as written in the record) as a recogniser splits it
/// at its prefix: "O'Connor" heard "o connor", "McDonald" heard "mc
/// donald" or "mac donald". Empty for other surnames.
pub(crate) fn split_surname(raw: &str) -> Vec<String> {
    let lower = raw.to_lowercase();
    if let Some((head, tail)) = lower.split_once(['\'', '\u{2019}']) {
        if !head.is_empty() && tail.chars().count() >= 3 {
            return vec![format!("{head} {tail}")];
        }
    }
    for prefix in ["mac", "mc"] {
        if let Some(tail) = lower.strip_prefix(prefix) {
            if tail.chars().count() >= 4 && tail.chars().all(|c| c.is_ascii_lowercase()) {
                return vec![format!("mc {tail}"), format!("mac {tail}")];
            }
        }
    }
    Vec::new()
}

/// The surname `surname` as it is said with a form of address: "mrs win".
pub(crate) fn with_titles(surname: &str) -> impl Iterator<Item = String> + '_ {
    TITLES.iter().map(move |t| format!("{t} {surname}"))
}

/// Whether the word `word`, as written, is a form of address that is
/// written with a dot ("Mr." in "Mr. Kaur"): the dot ends no sentence.
pub(crate) fn is_abbreviated_title(word: &str) -> bool {
    ["mr", "mrs", "ms", "dr", "st"]
        .iter()
        .any(|t| word.eq_ignore_ascii_case(t))
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
        assert!(heard_forms("muhammad").contains(&"mohammed"));
        assert!(heard_forms("mohammed").contains(&"muhammad"));
    }

    #[test]
    fn surnames_heard_as_words_count_after_a_title_only() {
        for (surname, heard, want) in [
            ("nguyen", "when", true),
            ("nguyen", "wen", true),
            ("nguyen", "win", false),
            ("smith", "when", false),
        ] {
            assert_eq!(
                heard_after_title(surname).contains(&heard),
                want,
                "{surname} {heard}"
            );
        }
        assert!(!heard_forms("nguyen").contains(&"when"));
    }

    #[test]
    fn surnames_split_at_their_prefix() {
        assert_eq!(split_surname("O'Connor"), vec!["o connor"]);
        assert_eq!(split_surname("McDonald"), vec!["mc donald", "mac donald"]);
        assert!(split_surname("Carter").is_empty());
        assert!(split_surname("Mack").is_empty());
        assert!(heard_forms("nguyen").contains(&"new yen"));
    }

    #[test]
    fn titles_and_verb_contexts() {
        assert!(with_titles("win").any(|t| t == "mrs win"));
        assert!(is_title("mr") && !is_title("mark"));
        assert!(is_abbreviated_title("Mr") && is_abbreviated_title("DR"));
        assert!(!is_abbreviated_title("Mister"));
        assert!(verb_before("ill"));
        assert!(verb_before("will"));
        assert!(!verb_before("thanks"));
        assert!(!verb_before("is"));
        assert!(verb_before("be"));
    }

    #[test]
    fn months_and_weekdays_are_calendar_words() {
        for (word, want) in [
            ("march", true),
            ("august", true),
            ("friday", true),
            ("marc", false),
            ("marcus", false),
            ("mark", false),
        ] {
            assert_eq!(calendar_word(word), want, "{word}");
        }
    }

    #[test]
    fn family_names_written_first() {
        for (word, want) in [
            ("nguyen", true),
            ("kim", true),
            ("wang", true),
            ("david", false),
        ] {
            assert_eq!(family_name_first(word), want, "{word}");
        }
    }

    #[test]
    fn modal_names_before_a_subject() {
        assert!(modal_before_subject("may", "i"));
        assert!(modal_before_subject("will", "you"));
        assert!(!modal_before_subject("may", "speaking"));
        for (name, next, want) in [
            ("will", "be", true),
            ("may", "need", true),
            ("will", "here", false),
            ("will", "speaking", false),
            ("will", "from", false),
            ("anna", "be", false),
        ] {
            assert_eq!(modal_before_subject(name, next), want, "{name} {next}");
        }
        assert!(!modal_before_subject("anna", "i"));
    }

    #[test]
    fn surnames_as_a_recogniser_hears_them() {
        assert!(heard_surname("carta", "carter"));
        assert!(heard_surname("okafur", "okafor"));
        assert!(heard_surname("jonson", "johnson"));
        assert!(heard_surname("hal", "hall"));
        assert!(!heard_surname("barter", "carter"));
        assert!(!heard_surname("good", "wood"));
        assert!(!heard_surname("lea", "lee"));
        assert!(!heard_surname("smart", "smith"));
    }
}
