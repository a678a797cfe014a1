//! `callqa standard render [FILE] --format md|html [--lang ru|en|hy]`: the
//! standard as a booklet for people, on stdout.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
use callqa_booklet::BookletFormat;
use callqa_model::Lang;
use callqa_standard::DEFAULT_STANDARD_TOML;

use crate::args::{BookletFormatChoice, LangChoice};
use crate::standard_cmd::load;
use crate::Status;

pub fn run(
    file: Option<&Path>,
    format: BookletFormatChoice,
    lang: Option<LangChoice>,
) -> Result<Status> {
    let Some(std) = load(file)? else {
        return Ok(Status::BadInput);
    };
    let text = match file {
        None => DEFAULT_STANDARD_TOML.to_string(),
        Some(p) => {
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?
        }
    };
    let lang = match lang {
        Some(LangChoice::Ru) => Lang::Ru,
        Some(LangChoice::En) => Lang::En,
        Some(LangChoice::Hy) => Lang::Hy,
        None => std.report_language(),
    };
    let format = match format {
        BookletFormatChoice::Md => BookletFormat::Markdown,
        BookletFormatChoice::Html => BookletFormat::Html,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let booklet = callqa_booklet::render(&std, text, format, lang);
    std::io::stdout().lock().write_all(booklet.as_bytes())?;
    Ok(Status::Ok)
}
