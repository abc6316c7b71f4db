//! Turning the `toml` crate's errors into located [`Error`]s.

use crate::error::{Error, ErrorKind, Source};

/// Parses `source` as `T`, turning a TOML error (syntax, wrong type, unknown or missing key) into
/// an error that names the file, line and column.
pub fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Error> {
    toml::from_str::<T>(&source.text).map_err(|e| located(source, &e))
}

fn located(source: &Source, err: &toml::de::Error) -> Error {
    let message = tidy_message(err.message());
    let error = Error::new(ErrorKind::Syntax, message);
    match err.span() {
        Some(span) => error.at(source, span),
        None => error.with_path(&source.path),
    }
}

/// The `toml` crate's messages are good but multi-line for some cases; a diagnostic is one line.
fn tidy_message(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
    }

    #[test]
    fn unknown_key_is_located() {
        let src = Source::new("d.toml", "title = \"x\"\ncaptoin = 1\n");
        let err = parse::<Doc>(&src).unwrap_err();
        assert_eq!(err.line_col(), Some((2, 1)));
        assert!(err.message.contains("captoin"), "{}", err.message);
    }

    #[test]
    fn syntax_error_is_located() {
        let src = Source::new("d.toml", "title = \"x\ncaption = 1\n");
        let err = parse::<Doc>(&src).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.line_col().map(|(l, _)| l), Some(1));
    }
}
