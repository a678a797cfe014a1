//! Table-driven tests of the matching requirements every phrase rule shares
//! (`/docs/standard-format.md`, "Matching requirements").

use callqa_text::{
    detect_language, Language, Match, PhraseBook, PhraseBookBuilder, PhraseError, SetId, Slots,
};

/// Builds a one-set book (fuzzy, 6 letters) and returns the matched spans.
fn spans(
    lang: Language,
    phrases: &[&str],
    text: &str,
    slots: &[(&str, &[&str])],
) -> Vec<(String, bool)> {
    let mut builder = PhraseBookBuilder::new(lang, 6);
    let phrases: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
    builder.add_set("s", &phrases, true).unwrap();
    let book = builder.build();
    let slots = make_slots(&book, slots);
    let analyzed = book.analyzer().analyze(text);
    book.find(&analyzed, &slots)
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.negated))
        .collect()
}

fn make_slots(book: &PhraseBook, values: &[(&str, &[&str])]) -> Slots {
    let mut slots = Slots::new();
    for (name, variants) in values {
        if variants == &["*"] {
            slots.set_any(name);
        } else {
            slots.set(book.analyzer(), name, variants);
        }
    }
    slots
}

/// `t!(name, lang, phrases, text, [matched spans])`, optionally `slots = [...]`.
/// A span prefixed with `!` must be reported as negated.
macro_rules! t {
    ($name:ident, $lang:ident, [$($p:expr),* $(,)?], $text:expr, [$($m:expr),* $(,)?]) => {
        t!($name, $lang, [$($p),*], $text, [$($m),*], slots = []);
    };
    ($name:ident, $lang:ident, [$($p:expr),* $(,)?], $text:expr, [$($m:expr),* $(,)?], slots = [$(($s:expr, $v:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let slots: &[(&str, &[&str])] = &[$(($s, &$v)),*];
            let got = spans(Language::$lang, &[$($p),*], $text, slots);
            let expected: Vec<(String, bool)> = [$($m),*]
                .iter()
                .map(|m: &&str| match m.strip_prefix('!') {
                    Some(m) => (m.to_string(), true),
                    None => (m.to_string(), false),
                })
                .collect();
            assert_eq!(got, expected, "text {:?}", $text);
        }
    };
}

// Word forms (stemming).
t!(
    forms_blagodaryu,
    Ru,
    ["благодарю"],
    "Благодарим за ожидание",
    ["Благодарим"]
);
t!(
    forms_podozhdite,
    Ru,
    ["подождите"],
    "вы подождёте минутку",
    ["подождёте"]
);
t!(
    forms_kompaniya,
    Ru,
    ["компания ромашка"],
    "компании Ромашка, компанию ромашка",
    ["компании Ромашка", "компанию ромашка"]
);
t!(
    forms_thanks,
    En,
    ["thank you for waiting"],
    "Thanks you for waiting",
    ["Thanks you for waiting"]
);
t!(
    forms_en_waiting,
    En,
    ["thanks for holding"],
    "thank for holding the line",
    ["thank for holding"]
);
t!(
    forms_hy_thanks,
    Hy,
    ["շնորհակալություն"],
    "Շնորհակալությունը ձեզ",
    ["Շնորհակալությունը"]
);

// Normalisation.
t!(
    case_and_yo,
    Ru,
    ["всего хорошего"],
    "ВСЕГО ХОРОШЕГО!",
    ["ВСЕГО ХОРОШЕГО"]
);
t!(
    yo_to_e,
    Ru,
    ["ещё вопросы"],
    "еще вопросы есть?",
    ["еще вопросы"]
);
t!(
    quotes_guillemets,
    Ru,
    ["компания ромашка"],
    "компания «Ромашка»",
    ["компания «Ромашка"]
);
t!(
    quotes_straight,
    Ru,
    ["компания ромашка"],
    "компания \"Ромашка\"",
    ["компания \"Ромашка"]
);
t!(
    quotes_in_phrase,
    Ru,
    ["компания «Ромашка»"],
    "компания ромашка",
    ["компания ромашка"]
);
t!(
    hyphen_in_text,
    Ru,
    ["ээ"],
    "э-э, ээ, э, ээээ",
    ["э-э", "ээ", "э", "ээээ"]
);
t!(hyphen_in_phrase, Ru, ["э-э"], "э, ну ээ", ["э", "ээ"]);
t!(
    hyphen_en,
    En,
    ["mm-hmm"],
    "mm hmm. mm-hmm. mmhmm",
    ["mm hmm", "mm-hmm", "mmhmm"]
);
t!(
    repeated_letters_en,
    En,
    ["um"],
    "ummm, well ummmmm",
    ["ummm", "ummmmm"]
);
t!(repeated_letters_in_phrase, Ru, ["ээээ"], "э-э", ["э-э"]);
t!(
    armenian_marks,
    Hy,
    ["ինչով կարող եմ օգնել"],
    "Ինչո՞վ կարող եմ օգնել։",
    ["Ինչո՞վ կարող եմ օգնել"]
);
t!(armenian_marks_in_phrase, Hy, ["ինչո՞վ"], "ինչով", ["ինչով"]);
t!(
    armenian_emphasis,
    Hy,
    ["բարև ձեզ"],
    "Բարև՛ ձեզ՝ ընկերություն",
    ["Բարև՛ ձեզ"]
);
t!(
    nfc_nfd,
    Ru,
    ["всё хорошо"],
    "все\u{0308} хорошо",
    ["все\u{0308} хорошо"]
);
t!(
    stress_mark,
    Ru,
    ["позвоните"],
    "позвони\u{0301}те нам",
    ["позвони\u{0301}те"]
);

// ASR-style text and one edit.
t!(
    asr_lowercase,
    Ru,
    ["Добрый день", "компания {company}"],
    "добрый день кампания ромашка слушаю",
    ["добрый день", "кампания ромашка"],
    slots = [("company", ["Ромашка"])]
);
t!(
    fuzzy_substitution,
    Ru,
    ["здравствуйте"],
    "здраствуйте",
    ["здраствуйте"]
);
t!(
    fuzzy_transposition,
    Ru,
    ["компания"],
    "комапния",
    ["комапния"]
);
t!(fuzzy_never_short, Ru, ["ждите"], "ждиде", []);
t!(fuzzy_six_letters, Ru, ["минуту"], "минуиу", ["минуиу"]);
t!(
    fuzzy_short_word_exact_only,
    Ru,
    ["спасибо"],
    "спосибо",
    ["спосибо"]
);
t!(fuzzy_two_edits, Ru, ["компания"], "кымпэния", []);
// One edit on the stem tolerates a typo plus another word form.
t!(fuzzy_stem_edit, Ru, ["компания"], "кампании", ["кампании"]);
t!(
    fuzzy_en,
    En,
    ["appreciate"],
    "we apreciate it",
    ["apreciate"]
);

// Token boundaries.
t!(boundary_no_substring, Ru, ["да"], "давайте да", ["да"]);
t!(boundary_no_suffix, En, ["hold"], "household hold", ["hold"]);
t!(
    boundary_multiword,
    Ru,
    ["всего доброго"],
    "всегодоброго всего доброго",
    ["всего доброго"]
);

// Negation.
t!(
    negation_ru,
    Ru,
    ["могу вам помочь"],
    "я не могу вам помочь",
    ["!могу вам помочь"]
);
t!(
    negation_ru_two_back,
    Ru,
    ["помочь"],
    "не могу помочь",
    ["!помочь"]
);
t!(
    negation_ru_three_back,
    Ru,
    ["помочь"],
    "не я могу помочь",
    ["помочь"]
);
t!(
    negation_ru_in_phrase,
    Ru,
    ["не за что"],
    "да не за что",
    ["не за что"]
);
t!(
    negation_en,
    En,
    ["help you"],
    "I can't help you, I cannot help you, I can help you",
    ["!help you", "!help you", "help you"]
);
t!(
    negation_hy,
    Hy,
    ["կարող եմ օգնել"],
    "չեմ կարող եմ օգնել",
    ["!կարող եմ օգնել"]
);
t!(negation_hy_voch, Hy, ["օգնել"], "ոչ օգնել", ["!օգնել"]);
// «давайте» opens a clause of its own, with or without a comma before it:
// the colleague's absence («не работает») does not negate the offer.
t!(
    negation_ru_davaite_opens_clause,
    Ru,
    ["давайте я помогу", "я помогу"],
    "кристина сегодня не работает давайте я помогу, не я помогу",
    ["давайте я помогу", "!я помогу"]
);
t!(
    negation_ru_davaite_between,
    Ru,
    ["я передам"],
    "его нет давайте я передам",
    ["я передам"]
);

// A diminutive ending right after a kind of shop is the shop's name, in
// lower case as a recogniser writes it; a clause mark ends the name.
t!(
    suffix_ru_venue_name,
    Ru,
    ["*очки"],
    "заказ из магазина дочки сыночки передан, ваши посылочки в магазине",
    ["посылочки"]
);
t!(
    suffix_ru_venue_name_ends_at_a_comma,
    Ru,
    ["*очки"],
    "в магазине, посылочки лежат",
    ["посылочки"]
);

// Placeholders.
t!(
    slot_operator,
    Ru,
    ["меня зовут {operator_name}"],
    "Меня зовут Анна.",
    ["Меня зовут Анна"],
    slots = [("operator_name", ["Анна"])]
);
t!(
    slot_after,
    Ru,
    ["с вами {operator_name}"],
    "с вами Иван Петров",
    ["с вами Иван Петров"],
    slots = [("operator_name", ["Иван Петров", "Иван"])]
);
t!(
    slot_first_name_only,
    Ru,
    ["с вами {operator_name}"],
    "с вами Иван",
    ["с вами Иван"],
    slots = [("operator_name", ["Иван Петров", "Иван"])]
);
t!(
    slot_unset,
    Ru,
    ["меня зовут {operator_name}"],
    "меня зовут Анна",
    []
);
t!(
    slot_any,
    Ru,
    ["меня зовут {operator_name}"],
    "меня зовут Анна",
    ["меня зовут Анна"],
    slots = [("operator_name", ["*"])]
);
t!(
    slot_alone,
    Ru,
    ["{client_name}"],
    "Ивана Петровича позовите или Анну",
    ["Ивана Петровича", "Анну"],
    slots = [("client_name", ["Иван Петрович", "Анна"])]
);
t!(
    slot_case_forms,
    Ru,
    ["спасибо {client_name}"],
    "спасибо Ивану Петровичу",
    ["спасибо Ивану Петровичу"],
    slots = [("client_name", ["Иван Петрович"])]
);
t!(
    slot_before,
    Ru,
    ["{company} слушает"],
    "Ромашка слушает",
    ["Ромашка слушает"],
    slots = [("company", ["Ромашка"])]
);
t!(
    slot_company_multiword,
    En,
    ["thank you for calling {company}"],
    "thank you for calling Green Leaf Bank",
    ["thank you for calling Green Leaf Bank"],
    slots = [("company", ["Green Leaf Bank", "Green Leaf"])]
);
t!(
    slot_names_cases,
    Ru,
    ["{client_name}"],
    "Игорю, Андрея, Марию, Ольгой",
    ["Игорю", "Андрея", "Марию", "Ольгой"],
    slots = [("client_name", ["Игорь", "Андрей", "Мария", "Ольга"])]
);
t!(
    slot_negated,
    Ru,
    ["{client_name}"],
    "это не Анна",
    ["!Анна"],
    slots = [("client_name", ["Анну"])]
);
t!(
    any_builtin,
    Ru,
    ["меня зовут {any}"],
    "меня зовут Олег",
    ["меня зовут Олег"]
);
t!(any_needs_word, Ru, ["меня зовут {any}"], "меня зовут", []);

// Wildcards and exceptions.
t!(prefix, Ru, ["пизд*"], "Пиздец какой-то", ["Пиздец"]);
t!(
    contains,
    Ru,
    ["*бля*", "!употреблять"],
    "да бля, употребляю, оскорбляете",
    ["бля", "оскорбляете"]
);
t!(
    contains_repeat,
    Ru,
    ["*хрен*"],
    "хреновый хрен",
    ["хреновый", "хрен"]
);
// `*ending`: the word ends so after at least three other letters, so the
// ending is a suffix and not the whole root.
t!(
    suffix,
    Ru,
    ["*очка", "*очку", "!карточка"],
    "посылочка, заявочку, точка, дочку, карточку, очка, очками",
    ["посылочка", "заявочку"]
);
t!(
    suffix_not_of_a_proper_noun,
    Ru,
    ["*очка", "*очки"],
    "У «Пятёрочки» и в салоне Ласточка. Ласточка рядом. заявочка",
    ["Ласточка", "заявочка"]
);
t!(
    suffix_at_word_end_only,
    Ru,
    ["*еньк"],
    "быстренько маленький",
    []
);
t!(
    suffix_and_prefix_together,
    Ru,
    ["*ечка", "мин*"],
    "денежечка минутка ечка",
    ["денежечка", "минутка"]
);
t!(
    prefix_not_inside,
    En,
    ["damn*"],
    "goddamn damned",
    ["damned"]
);

// Within one set: leftmost-longest, non-overlapping.
t!(
    leftmost_longest,
    Ru,
    ["добрый", "добрый день"],
    "добрый день",
    ["добрый день"]
);
t!(
    non_overlapping,
    Ru,
    ["да да", "да"],
    "да да да",
    ["да да", "да"]
);

#[test]
fn overlapping_sets_all_reported() {
    let mut builder = PhraseBookBuilder::new(Language::Ru, 6);
    let greet = builder
        .add_set("greet", &["добрый день".into()], true)
        .unwrap();
    let day = builder.add_set("day", &["день".into()], true).unwrap();
    let company = builder
        .add_set("company", &["день компании".into()], true)
        .unwrap();
    let book = builder.build();
    let text = book.analyzer().analyze("добрый день компании");
    let found: Vec<(SetId, usize, usize)> = book
        .find(&text, &Slots::new())
        .iter()
        .map(|m| (m.set, m.first_token, m.end_token))
        .collect();
    assert_eq!(found, vec![(greet, 0, 2), (day, 1, 2), (company, 1, 3)]);
}

#[test]
fn fuzzy_only_in_fuzzy_sets() {
    let mut builder = PhraseBookBuilder::new(Language::Ru, 6);
    let strict = builder
        .add_set("strict", &["компания".into()], false)
        .unwrap();
    let loose = builder
        .add_set("loose", &["компания".into()], true)
        .unwrap();
    let book = builder.build();
    let sets = |text: &str| -> Vec<SetId> {
        let analyzed = book.analyzer().analyze(text);
        book.find(&analyzed, &Slots::new())
            .iter()
            .map(|m| m.set)
            .collect()
    };
    assert_eq!(sets("кампания"), vec![loose]);
    assert_eq!(sets("компания"), vec![strict, loose]);
}

#[test]
fn fuzzy_off_with_zero_letters() {
    let mut builder = PhraseBookBuilder::new(Language::Ru, 0);
    builder.add_set("s", &["компания".into()], true).unwrap();
    let book = builder.build();
    let text = book.analyzer().analyze("кампания");
    assert!(book.find(&text, &Slots::new()).is_empty());
}

#[test]
fn offsets_slice_the_original() {
    let mut builder = PhraseBookBuilder::new(Language::Ru, 6);
    builder
        .add_set("s", &["компания ромашка".into()], true)
        .unwrap();
    let book = builder.build();
    let text = "  Здравствуйте!  Компания «РОМАШКА», слушаю.";
    let analyzed = book.analyzer().analyze(text);
    let token = analyzed.token(2);
    assert_eq!(
        (&text[token.start..token.end], token.norm),
        ("РОМАШКА", "ромашка")
    );
    let found: Vec<Match> = book.find(&analyzed, &Slots::new());
    assert_eq!(&text[found[0].start..found[0].end], "Компания «РОМАШКА");
}

#[test]
fn set_bookkeeping() {
    let mut builder = PhraseBookBuilder::new(Language::En, 6);
    let a = builder.add_set("a", &["hello".into()], true).unwrap();
    let empty = builder.add_set("empty", &[], true).unwrap();
    let only_exceptions = builder.add_set("exc", &["!bread".into()], true).unwrap();
    assert_eq!(builder.add_set("a", &["hi".into()], true).unwrap(), a);
    let error = builder
        .add_set("bad", &["ok".into(), "{Bad}".into()], true)
        .unwrap_err();
    assert!(matches!(error, PhraseError::UnknownPlaceholder { .. }));
    let book = builder.build();
    assert_eq!(book.language(), Language::En);
    assert_eq!(book.set_id("a"), Some(a));
    assert_eq!(book.set_id("bad"), None);
    assert_eq!(book.set_name(empty), "empty");
    assert!(!book.set_is_empty(a));
    assert!(book.set_is_empty(empty));
    assert!(book.set_is_empty(only_exceptions));
    let text = book.analyzer().analyze("hi there, hello");
    assert_eq!(book.find(&text, &Slots::new()).len(), 2);
}

#[test]
fn language_detection() {
    let cases = [
        ("Здравствуйте, компания Romashka", Some(Language::Ru)),
        ("Hello, Romashka speaking", Some(Language::En)),
        ("Բարև ձեզ, Romashka", Some(Language::Hy)),
        ("123 ...", None),
        ("", None),
    ];
    for (text, expected) in cases {
        assert_eq!(detect_language(text), expected, "{text:?}");
    }
}

#[test]
fn public_types_are_send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<callqa_text::Analyzer>();
    assert_send_sync::<callqa_text::Analyzed>();
    assert_send_sync::<PhraseBook>();
    assert_send_sync::<PhraseBookBuilder>();
    assert_send_sync::<Slots>();
    assert_send_sync::<Match>();
    assert_send_sync::<PhraseError>();
}

#[test]
fn books_work_across_threads() {
    let mut builder = PhraseBookBuilder::new(Language::Ru, 6);
    builder.add_set("s", &["компания".into()], true).unwrap();
    let book = builder.build();
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                let text = book.analyzer().analyze("кампания компании");
                assert_eq!(book.find(&text, &Slots::new()).len(), 2);
            });
        }
    });
}
