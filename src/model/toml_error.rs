//! Turning the `toml` crate's errors into located [`Error`]s a clerk can act on.
//!
//! serde's messages (`unknown field `captoin`, expected one of …`) are reworded in the user's
//! terms (keys, tables), given a short label for the caret, the table they occur in, and — for
//! an unknown key or value — the closest valid one ("did you mean `caption`?").

use crate::error::{Error, ErrorKind, Source};

/// Parses `source` as `T`, turning a TOML error (syntax, wrong type, unknown or missing key) into
/// an error that names the file, line and column.
pub fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Error> {
    toml::from_str::<T>(&source.text).map_err(|e| located(source, &e))
}

fn located(source: &Source, err: &toml::de::Error) -> Error {
    let raw = tidy_message(err.message());
    let span = err.span();
    let table = span
        .as_ref()
        .and_then(|s| table_at(&source.text, s.start))
        .map(|t| format!(" in {t}"))
        .unwrap_or_default();
    let error = explain(&raw, &table);
    match span {
        Some(span) => error.at(source, span),
        None => error.with_path(&source.path),
    }
}

/// Rewords one serde/toml message.
fn explain(raw: &str, table: &str) -> Error {
    let syntax = |m: String| Error::new(ErrorKind::Syntax, m);
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (name, expected) = name_and_expected(rest);
        let e = syntax(format!("unknown key `{name}`{table}")).label("unknown key");
        return with_suggestion(e, &name, &expected, "keys");
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (name, expected) = name_and_expected(rest);
        let e = syntax(format!("`{name}` is not one of the values allowed here"))
            .label("unknown value");
        return with_suggestion(e, &name, &expected, "values");
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let name = first_quoted(rest).unwrap_or_default();
        return syntax(format!("missing key `{name}`{table}"))
            .label(format!("`{name}` is required here"))
            .help(format!("add `{name} = …` to this table"));
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        // `integer `-1`, expected u32`: say which whole numbers are allowed, not Rust's type.
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if let Some(range) = whole_number_range(expected.trim()) {
            let value = first_quoted(found).unwrap_or_else(|| found.to_string());
            return syntax(format!(
                "`{value}` is not allowed here: write a whole number from {range}"
            ))
            .label(format!("a whole number from {range}"));
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let (found, expected) = (plain_type(found), plain_type(expected));
        let e = syntax(format!("wrong type: {found} where {expected} is expected"));
        return if expected.is_empty() {
            e.label("wrong type")
        } else {
            e.label(format!("expected {expected}"))
        };
    }
    if raw.starts_with("missing escaped value") || raw.contains("escape") {
        // `D:\质协\2020` in a "…" or """…""" string.
        return syntax(
            "a backslash `\\` starts an escape in \"…\" and \"\"\"…\"\"\" strings, and this is not one"
                .to_string(),
        )
        .label("not an escape")
        .help("write text with backslashes (a Windows path such as D:\\质协\\2020) in a literal string, '…' or '''…''', where nothing is an escape; or double each backslash");
    }
    syntax(raw.to_string())
}

/// The whole numbers a Rust integer type holds, in words (`u32` → `0 to 4294967295`).
fn whole_number_range(rust_type: &str) -> Option<String> {
    let (low, high): (i128, i128) = match rust_type {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" => (0, u64::MAX.into()),
        "usize" => (0, usize::MAX as i128),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    };
    Some(format!("{low} to {high}"))
}

/// serde's type words in TOML's terms (`u32` → a whole number, `sequence` → an array).
fn plain_type(t: &str) -> String {
    let t = t.trim();
    let (article, word) = match t.split_once(' ') {
        Some((a @ ("a" | "an"), w)) => (Some(a), w),
        _ => (None, t),
    };
    let (head, tail) = word.split_once(' ').unwrap_or((word, ""));
    let plain = match head {
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
            return "a whole number".into()
        }
        "f32" | "f64" => return "a number".into(),
        "sequence" => "array",
        "map" | "struct" => return "a table".into(),
        "floating" => return format!("number {}", tail.trim_start_matches("point ")),
        other => other,
    };
    let joined = if tail.is_empty() {
        plain.to_string()
    } else {
        format!("{plain} {tail}")
    };
    match article {
        Some(_) if plain == "array" => format!("an {joined}"),
        Some(a) => format!("{a} {joined}"),
        None => joined,
    }
}

/// Adds "did you mean …?" (or the list of what is allowed) to an error about `name`.
fn with_suggestion(e: Error, name: &str, expected: &[String], what: &str) -> Error {
    if let Some(best) = closest(name, expected) {
        return e.help(format!("did you mean `{best}`?"));
    }
    if expected.is_empty() {
        return e.help(format!("no {what} are allowed here"));
    }
    let list: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
    e.help(format!("the {what} allowed here are {}", list.join(", ")))
}

/// The valid name most like `name`, if one is close enough to be what was meant: an edit
/// distance (transpositions count once) of at most a third of the name's length, or the same
/// letters ignoring case, hyphens and underscores.
pub fn closest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let wanted = norm(name);
    if let Some(same) = candidates.iter().find(|c| norm(c) == wanted) {
        return Some(same);
    }
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.as_str())
}

/// Splits "`name`, expected one of `a`, `b`" (or "expected `a`", or "there are no fields").
fn name_and_expected(rest: &str) -> (String, Vec<String>) {
    let name = first_quoted(rest).unwrap_or_default();
    let expected = match rest.split_once("expected") {
        Some((_, list)) => quoted_all(list),
        None => Vec::new(),
    };
    (name, expected)
}

fn first_quoted(s: &str) -> Option<String> {
    quoted_all(s).into_iter().next()
}

/// Every `…` quoted word of a message.
fn quoted_all(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The table header (`[bulletin]`, `[[blocks]]`, `[body]`) a byte offset falls under, if any.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // The header of the current line counts when the offset is on it (a missing key is
    // reported at its table).
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    text[..line_end]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .and_then(|l| {
            let close = if l.starts_with("[[") { "]]" } else { "]" };
            l.find(close).map(|i| l[..i + close.len()].to_string())
        })
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
    struct Block {
        caption: Option<String>,
        figure: Option<String>,
        align: Option<Align>,
    }

    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "lowercase")]
    enum Align {
        Center,
        Left,
    }

    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        title: String,
        #[serde(default)]
        blocks: Vec<Block>,
    }

    #[test]
    fn unknown_key_is_located_with_a_suggestion() {
        let src = Source::new(
            "d.toml",
            "title = \"x\"\n[[blocks]]\nfigure = \"a.png\"\ncaptoin = 1\n",
        );
        let err = parse::<Doc>(&src).unwrap_err();
        assert_eq!(err.line_col(), Some((4, 1)));
        assert_eq!(err.message, "unknown key `captoin` in [[blocks]]");
        assert_eq!(err.help_text(), Some("did you mean `caption`?"));
        assert_eq!(err.label_text(), Some("unknown key"));
    }

    #[test]
    fn far_off_key_lists_the_allowed_ones() {
        let src = Source::new("d.toml", "title = \"x\"\nzzzzzz = 1\n");
        let err = parse::<Doc>(&src).unwrap_err();
        let help = err.help_text().unwrap();
        assert!(
            help.contains("`title`") && help.contains("`blocks`"),
            "{help}"
        );
    }

    #[test]
    fn unknown_value_suggests_the_spelling() {
        let src = Source::new("d.toml", "title = \"x\"\n[[blocks]]\nalign = \"centre\"\n");
        let err = parse::<Doc>(&src).unwrap_err();
        assert_eq!(err.help_text(), Some("did you mean `center`?"));
        assert_eq!(err.line_col().map(|p| p.0), Some(3));
    }

    #[test]
    fn wrong_type_and_missing_key() {
        let src = Source::new("d.toml", "title = 3\n");
        let err = parse::<Doc>(&src).unwrap_err();
        assert!(
            err.message.starts_with("wrong type: integer"),
            "{}",
            err.message
        );
        assert_eq!(err.label_text(), Some("expected a string"));
        let src = Source::new("d.toml", "[[blocks]]\nfigure = \"a\"\n");
        let err = parse::<Doc>(&src).unwrap_err();
        assert!(
            err.message.starts_with("missing key `title`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn syntax_error_is_located() {
        let src = Source::new("d.toml", "title = \"x\ncaption = 1\n");
        let err = parse::<Doc>(&src).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.line_col().map(|(l, _)| l), Some(1));
    }

    #[test]
    fn closest_names() {
        let keys: Vec<String> = ["caption", "figure", "page-break", "label"]
            .map(String::from)
            .to_vec();
        assert_eq!(closest("captoin", &keys), Some("caption"));
        assert_eq!(closest("page_break", &keys), Some("page-break"));
        assert_eq!(closest("lable", &keys), Some("label"));
        assert_eq!(closest("zzz", &keys), None);
    }
}
