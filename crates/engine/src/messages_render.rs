//! Filling a message template's parameters in (see [`render`]).

use callqa_model::Lang;

use super::Msg;

/// The message `msg` in `lang` with its parameters filled in; a parameter
/// the template does not use is left out, one not given stays `{name}`.
pub fn render(lang: Lang, msg: Msg, args: &[(&str, &str)]) -> String {
    for (k, _) in args {
        debug_assert!(msg.params().contains(k), "{msg:?} has no parameter {k}");
    }
    let template = msg.template(lang);
    // Filling a value in can make no new `{name}` when no value has a brace
    // (templates use braces only around names: a test checks it), so one
    // pass gives what replacing the parameters one after another gives; a
    // value with a brace takes that way.
    if args.iter().any(|(_, v)| v.contains(['{', '}'])) {
        return render_by_replacing(lang, template, args);
    }
    // One pass over the template, no key string or copy per parameter:
    // messages are written for most verdicts of every call.
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let arg = args.iter().find(|(k, _)| {
            after
                .strip_prefix(*k)
                .is_some_and(|tail| tail.starts_with('}'))
        });
        match arg {
            Some((k, v)) => {
                out.push_str(&decimal(lang, v));
                rest = &after[k.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// [`render`] by replacing each parameter in turn (the reference).
pub(crate) fn render_by_replacing(lang: Lang, template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), &decimal(lang, v));
    }
    out
}

/// A parameter that is a decimal number (`21.3`, `-0.5`) written with the
/// language's decimal separator: a comma in Russian and Armenian («21,3 с»),
/// a point in English. Anything else — quotes, times such as `3:21`, whole
/// numbers — is left as it is.
pub(super) fn decimal<'a>(lang: Lang, v: &'a str) -> std::borrow::Cow<'a, str> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let is_decimal = digits.split_once('.').is_some_and(|(int, frac)| {
        !int.is_empty()
            && !frac.is_empty()
            && int.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit())
    });
    match lang {
        Lang::Ru | Lang::Hy if is_decimal => v.replacen('.', ",", 1).into(),
        _ => v.into(),
    }
}
