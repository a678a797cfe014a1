//! Reading a standard: TOML text → [`StandardFile`] → [`Standard`], with
//! every problem reported as a [`Diagnostic`]. The built-in default
//! standard is the file `standards/default.toml`, compiled into the binary.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use callqa_engine::Standard;

use crate::compile::compile;
use crate::diagnostic::{Diagnostic, StandardError};

/// The text of the default standard that ships inside the binary.
pub const DEFAULT_STANDARD_TOML: &str = include_str!("../../../standards/default.toml");

/// Parses and compiles a standard from TOML text. `path` only names the
/// file in error messages.
pub fn from_toml(path: &str, text: &str) -> Result<Arc<Standard>, StandardError> {
    let fail = |diagnostics: Vec<Diagnostic>| StandardError {
        path: path.to_string(),
        source_text: text.to_string(),
        diagnostics,
    };
    compile(text).map(Arc::new).map_err(fail)
}

/// Reads and compiles a standard file.
pub fn from_path(path: &Path) -> Result<Arc<Standard>, StandardError> {
    let name = path.display().to_string();
    let text = std::fs::read(path).map_err(|e| StandardError {
        path: name.clone(),
        source_text: String::new(),
        diagnostics: vec![Diagnostic::new(
            format!("cannot read the standard: {e}"),
            None,
        )],
    })?;
    let text = String::from_utf8(text).map_err(|e| StandardError {
        path: name.clone(),
        source_text: String::new(),
        diagnostics: vec![Diagnostic::new(
            format!(
                "the file is not UTF-8 (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            None,
        )
        .with_help("save the standard as UTF-8")],
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    from_toml(&name, text)
}

/// The default standard, compiled once per process.
pub fn builtin() -> Arc<Standard> {
    static BUILTIN: OnceLock<Arc<Standard>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            match from_toml("standards/default.toml", DEFAULT_STANDARD_TOML) {
                Ok(s) => s,
                // The file is compiled into the binary and checked by the test
                // suite, so this is a build defect, not a user error.
                Err(e) => panic!("the built-in standard does not compile:\n{e}"),
            }
        })
        .clone()
}
