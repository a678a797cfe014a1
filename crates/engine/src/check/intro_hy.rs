//! Armenian self-introductions with the copula: «Կարենն եմ», «ես Անին եմ»,
//! «բարև ձեզ սոնան եմ». The name carries the emphatic article «ն» and is
//! followed by «եմ», so the name is the word before the last word of the
//! matched `{any} եմ` entry, not the last word as in «իմ անունը Կարեն».
//! Owns the test that such a word is a name and not «համաձայն եմ», «տանն
//! եմ», «ճանապարհին եմ» or «նրա կինն եմ».

use callqa_text::{Analyzed, Match};

/// Words with a final «ն» a client says before «եմ» that are no name:
/// agreement and places, family members and roles («ես նրա կինն եմ», «ես
/// հաճախորդն եմ»), normalised.
const NOT_A_NAME: &[&str] = &[
    "համաձայն",
    "տանն",
    "տունն",
    "տեղն",
    "տեղին",
    "մոտն",
    "ճանապարհին",
    "ճամփին",
    "ճամբին",
    "ժողովին",
    "դասին",
    "գործին",
    "աշխատանքին",
    "հերթին",
    "զանգին",
    "ղեկին",
    "կինն",
    "ամուսինն",
    "մայրն",
    "մամն",
    "մաման",
    "հայրն",
    "պապան",
    "եղբայրն",
    "ախպերն",
    "քույրն",
    "աղջիկն",
    "տղան",
    "որդին",
    "թոռն",
    "հարսն",
    "փեսան",
    "տատիկն",
    "պապիկն",
    "ծնողն",
    "ընկերն",
    "ընկերուհին",
    "հարևանն",
    "հարեւանն",
    "տերն",
    "սեփականատերն",
    "տանտերն",
    "օգտատերն",
    "հաճախորդն",
    "բաժանորդն",
    "տնօրենն",
    "ղեկավարն",
    "աշխատակիցն",
    "գործընկերն",
    "վարորդն",
    "առաքիչն",
    "պատասխանատուն",
    "ներկայացուցիչն",
    "ստացողն",
    "պատվիրատուն",
    "վճարողն",
    "դիմողն",
    "պարտապանն",
    "երաշխավորն",
    "հիվանդն",
    "ուսանողն",
    "մարդն",
    "մեկն",
    "նույնն",
    "առաջինն",
    "վերջինն",
    "ինքն",
    "մասին",
    "արդեն",
    "միայն",
    "երբեմն",
    "հենց",
    "համար",
    "հետին",
    "ժամին",
    "օրն",
];

/// Armenian words that follow «անունս», «իմ անունը» without being the
/// name («անունս ինչ կապ ունի», «իմ անունը չեմ ասի»), normalised.
const NOT_A_NAME_WORD: &[&str] = &[
    "ինչ",
    "ինչու",
    "ինչի",
    "ինչո",
    "ինչից",
    "ով",
    "ում",
    "որն",
    "չեմ",
    "չի",
    "չէ",
    "ոչ",
    "էլ",
    "դեռ",
    "հիմա",
    "արդեն",
    "նույնն",
    "նույնը",
    "գիտեք",
    "կասեմ",
    "կասեմ",
    "ձեզ",
    "ձեր",
    "իմ",
    "էական",
    "կարևոր",
];

/// Words before the name that make it another person's relative or role
/// («նրա կինն եմ», «ձեր հարևանն եմ»), normalised.
const OWNER: &[&str] = &["նրա", "իր", "ձեր", "քո", "իմ", "մեր", "նրանց", "իրենց"];

/// The index of the name in an Armenian `{any} եմ` self-introduction match
/// (`m` in `an`, the text `text`): the word before the final «եմ» when it is
/// a name with the article «ն» («Կարենն», «Անին», «սոնան») — at least 3
/// letters without it, not a word of [`NOT_A_NAME`], not after a possessive
/// or a genitive («Կարենի կինն եմ»), and capitalised when the text has
/// capitals. `None` when the match ends in «եմ» but gives no name; `Some`
/// with the last word for any other match.
pub(super) fn intro_name_token(an: &Analyzed, text: &str, m: &Match) -> Option<usize> {
    let last = m.end_token.checked_sub(1)?;
    if an.token(last).norm != "եմ" {
        // «անունս ինչ կապ ունի»: a question word is no name
        return (!NOT_A_NAME_WORD.contains(&an.token(last).norm)).then_some(last);
    }
    let name = last.checked_sub(1).filter(|&n| n >= m.first_token)?;
    let t = an.token(name);
    let base = t.norm.strip_suffix('ն')?;
    if base.chars().count() < 3
        || NOT_A_NAME.contains(&t.norm)
        || ["թյուն", "ում", "ման"].iter().any(|e| t.norm.ends_with(e))
    {
        return None;
    }
    // «մասին եմ զանգում», «տեղեկություն եմ ուզում»: «եմ» is the auxiliary
    // of the verb after it, not the copula of a name («Կարենն եմ, ուզում
    // եմ …», «կարինեն եմ ուզում եմ հարցնել» keep theirs)
    if let Some(next) = (last + 1 < an.len()).then(|| an.token(last + 1)) {
        let between = text.get(an.token(last).end..next.start).unwrap_or_default();
        let after = (last + 2 < an.len()).then(|| an.token(last + 2).norm);
        let own_aux = after.is_some_and(|a| ["եմ", "ենք", "է", "ես", "եք"].contains(&a));
        if !t.norm.ends_with("նն")
            && !between.contains(['.', ',', '!', '?', '։', ';', '—'])
            && (next.norm.ends_with("ում")
                || next.norm.ends_with("ել")
                || next.norm.ends_with("ալ"))
            && !own_aux
        {
            return None;
        }
    }
    if let Some(prev) = name.checked_sub(1).map(|p| an.token(p).norm) {
        if OWNER.contains(&prev) || (prev.ends_with('ի') && prev != "բարի") {
            return None;
        }
    }
    let capitals = text.chars().any(char::is_uppercase);
    let word = text.get(t.start..t.end).unwrap_or_default();
    if capitals && !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    Some(first_name_before_surname(an, text, name, base, capitals).unwrap_or(name))
}

/// Titles before a surname that are no given name («պարոն Աբգարյանն եմ»), normalised.
const TITLES: &[&str] = &["պարոն", "տիկին", "պրն", "տկն", "օրիորդ", "բժիշկ", "ես"];

/// In «Նունե Աբգարյանն եմ» the client gives the given name before the
/// surname (`base`, token `name`, without its article): the given name's
/// token, so the name is «Նունե Աբգարյան» and the operator's «տիկին
/// Նունե» matches it. `None` when `base` is no Armenian surname or the
/// word before it is no given name (a title, «ես», a possessive, a
/// lower-case word in text with capitals, a mark between them).
fn first_name_before_surname(
    an: &Analyzed,
    text: &str,
    name: usize,
    base: &str,
    capitals: bool,
) -> Option<usize> {
    if !is_surname(base) {
        return None;
    }
    let prev = name.checked_sub(1)?;
    let p = an.token(prev);
    let gap = text.get(p.end..an.token(name).start).unwrap_or_default();
    let word = text.get(p.start..p.end).unwrap_or_default();
    let armenian = p
        .norm
        .chars()
        .all(|c| ('\u{0561}'..='\u{0587}').contains(&c));
    (gap.chars().all(char::is_whitespace)
        && armenian
        && p.norm.chars().count() >= 2
        && !is_surname(p.norm)
        && !TITLES.contains(&p.norm)
        && !OWNER.contains(&p.norm)
        && !NOT_A_NAME_WORD.contains(&p.norm)
        && !["բարև", "բարեւ", "բարեվ", "ալո", "այո", "ողջույն"].contains(&p.norm)
        && (!capitals || word.chars().next().is_some_and(char::is_uppercase)))
    .then_some(prev)
}

/// Whether a normalised word is an Armenian surname by its ending.
fn is_surname(norm: &str) -> bool {
    norm.starts_with(|c| ('\u{0561}'..='\u{0587}').contains(&c))
        && norm.chars().count() >= 6
        && SURNAME_ENDINGS.iter().any(|e| norm.ends_with(e))
}

/// Endings of Armenian surnames («Մնացականյան», «Արծրունի», «Մելիք-Շահնազարյանց»).
const SURNAME_ENDINGS: &[&str] = &["յան", "յանց", "ունի", "ենց"];

/// The name as the client gave it at token `tok` of `text`: the word, and
/// in an Armenian «Անին եմ» without the article «ն» before «եմ» («Անի»,
/// «Կարեն» from «Կարենն»), so the operator's «Անի ջան» matches it; with
/// the surname when an Armenian one follows («գոռ մնացականյան», and
/// without its article in «Նունե Աբգարյանն եմ»), so «պարոն Մնացականյան»
/// matches too.
pub(super) fn given_name<'t>(an: &Analyzed, text: &'t str, tok: usize) -> &'t str {
    let t = an.token(tok);
    let word = text.get(t.start..t.end).unwrap_or_default();
    let next = (tok + 1 < an.len()).then(|| an.token(tok + 1));
    if let Some(n) = next {
        // the surname may carry the article before «եմ»: «Նունե Աբգարյանն եմ»
        let article = n.norm.strip_suffix('ն').filter(|b| is_surname(b));
        let between = text.get(t.end..n.start).unwrap_or_default();
        if (is_surname(n.norm) || article.is_some()) && between.chars().all(char::is_whitespace) {
            let surname = text.get(n.start..n.end).unwrap_or_default();
            let end = match surname.strip_suffix('ն') {
                Some(bare) if article.is_some() => n.start + bare.len(),
                _ => n.end,
            };
            return text.get(t.start..end).unwrap_or(word);
        }
    }
    let copula = next.is_some_and(|n| n.norm == "եմ");
    match word.strip_suffix('ն') {
        Some(bare) if copula && bare.chars().count() >= 3 => bare,
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_text::{Analyzer, Language, SetId};

    /// The name `intro_name_token` finds in an `{any} եմ` match of the
    /// first «եմ» of `text` and the word before it.
    fn name_in(text: &str) -> Option<String> {
        let an = Analyzer::new(Language::Hy).analyze(text);
        let t = |i: usize| an.token(i);
        let em = (0..an.len())
            .find(|&i| t(i).norm == "եմ")
            .expect("a copula");
        let m = Match {
            set: SetId(0),
            first_token: em - 1,
            end_token: em + 1,
            start: t(em - 1).start,
            end: t(em).end,
            negated: false,
            entry: 0,
            skipped: 0,
            lang: Language::Hy,
        };
        intro_name_token(&an, text, &m).map(|i| text[t(i).start..t(i).end].to_string())
    }

    #[test]
    fn the_given_name_loses_the_article_before_the_copula() {
        for (text, tok, name) in [
            ("բարև անին եմ", 1, "անի"),
            ("Ես Կարենն եմ", 1, "Կարեն"),
            ("Իմ անունը Կարեն է", 2, "Կարեն"),
            ("գոռ մնացականյան", 0, "գոռ մնացականյան"),
            ("Գոռ, Մնացականյան", 0, "Գոռ"),
            ("Ես Նունե Աբգարյանն եմ", 1, "Նունե Աբգարյան"),
        ] {
            let an = Analyzer::new(Language::Hy).analyze(text);
            assert_eq!(given_name(&an, text, tok), name, "{text}");
        }
    }

    #[test]
    fn a_question_word_after_my_name_is_no_name() {
        let text = "անունս ինչ կապ ունի";
        let an = Analyzer::new(Language::Hy).analyze(text);
        let m = |end: usize| Match {
            set: SetId(0),
            first_token: 0,
            end_token: end,
            start: 0,
            end: an.token(end - 1).end,
            negated: false,
            entry: 0,
            skipped: 0,
            lang: Language::Hy,
        };
        assert_eq!(intro_name_token(&an, text, &m(2)), None);
        let named = "անունս Կարեն է";
        let an = Analyzer::new(Language::Hy).analyze(named);
        assert_eq!(
            intro_name_token(&an, named, &Match { end: 17, ..m(2) }),
            Some(1)
        );
    }

    #[test]
    fn names_with_the_article_before_the_copula() {
        for (text, name) in [
            ("Բարև ձեզ, ես Կարենն եմ", "Կարենն"),
            ("Անին եմ", "Անին"),
            ("բարև ձեզ սոնան եմ", "սոնան"),
            ("բարեվ ձեզ ես կարինեն եմ", "կարինեն"),
            ("Սուրենն եմ", "Սուրենն"),
            ("Սուրենն եմ զանգում", "Սուրենն"),
            ("բարեվ ձեզ ես կարինեն եմ ուզում եմ հարցնել", "կարինեն"),
            ("Բարև ձեզ, Աննան եմ, զանգում եմ հայտի մասին", "Աննան"),
            // a given name before a surname with the article: the given name
            ("Ես Նունե Աբգարյանն եմ", "Նունե"),
            ("ես նունե աբգարյանն եմ", "նունե"),
            // no given name before it: the surname
            ("Ես Աբգարյանն եմ", "Աբգարյանն"),
            ("Բարև ձեզ, պարոն Աբգարյանն եմ", "Աբգարյանն"),
        ] {
            assert_eq!(name_in(text).as_deref(), Some(name), "{text}");
        }
    }

    #[test]
    fn other_words_before_the_copula_are_no_name() {
        for text in [
            "համաձայն եմ",
            "ես տանն եմ",
            "ճանապարհին եմ",
            "ես նրա կինն եմ",
            "ես Կարենի եղբայրն եմ",
            "ես հաճախորդն եմ",
            "զբաղված եմ",
            "ուզում եմ",
            "Բարև, ես նրա կինն եմ",
            // a text with capitals writes a name with one
            "Բարև, ես մարդն եմ",
            "Ես արդեն գրանցվածն եմ",
            "Տեղեկություն եմ ուզում սակագների մասին",
            "բարև ձեզ հաշվիս մասին եմ զանգում",
        ] {
            assert_eq!(name_in(text), None, "{text}");
        }
    }
}
