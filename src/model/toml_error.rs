//! Turning the `toml` crate's errors into located [`Error`]s a clerk can act on.
//!
//! serde's messages (`unknown field `captoin`, expected one of …`) are reworded in the user's
//! terms (keys, tables), given a short label for the caret, the table they occur in, and — for
//! an unknown key or value — the closest valid one ("did you mean `caption`?").

use crate::error::{Error, ErrorKind, Source};
use crate::messages::{msg, Message};

/// Parses `source` as `T`, turning a TOML error (syntax, wrong type, unknown or missing key) into
/// an error that names the file, line and column.
pub fn parse<T: serde::de::DeserializeOwned>(source: &Source) -> Result<T, Error> {
    toml::from_str::<T>(&source.text).map_err(|e| located(source, &e))
}

fn located(source: &Source, err: &toml::de::Error) -> Error {
    let raw = tidy_message(err.message());
    let span = err.span();
    // A Chinese input method's punctuation where TOML's own belongs, or a quotation mark that
    // ended a string early: said as such, at the mark.
    let hint = span
        .as_ref()
        .filter(|_| !is_data_error(&raw))
        .and_then(|s| syntax_hint(&source.text, s.start));
    match hint {
        Some(Hint::FullWidth { at, found, wanted }) => {
            let error = Error::new(ErrorKind::Syntax, msg::full_width_mark(found, wanted))
                .label(msg::label_full_width())
                .help(msg::help_half_width());
            return error.at(source, at..at + found.len_utf8());
        }
        Some(Hint::InnerQuote { at, quote }) => {
            let message = if quote == '"' {
                msg::inner_double_quote()
            } else {
                msg::inner_single_quote()
            };
            let error = Error::new(ErrorKind::Syntax, message).label(msg::label_string_ends());
            return error.at(source, at..at + 1);
        }
        None => {}
    }
    let table = span
        .as_ref()
        .and_then(|s| match header_parent(&source.text, s.start) {
            // A key of a table header (`pdf` in `[pdf]`) belongs to the table above it.
            Some(parent) => parent,
            None => table_at(&source.text, s.start),
        })
        .map(|t| msg::in_table(t).text)
        .unwrap_or_default();
    let error = explain(&raw, &table);
    // The parser gives no place for a dotted key with too many parts: find the key.
    let span = span.or_else(|| {
        is_too_deep(&raw)
            .then(|| deepest_key(&source.text))
            .flatten()
    });
    match span {
        Some(span) => error.at(source, span),
        None => error.with_path(&source.path),
    }
}

/// serde's messages about a value or key that parsed (a wrong type, an unknown key), as against
/// the parser's about the text itself.
fn is_data_error(raw: &str) -> bool {
    [
        "unknown field ",
        "unknown variant ",
        "missing field ",
        "invalid value: ",
        "invalid type: ",
    ]
    .iter()
    .any(|p| raw.starts_with(p))
}

/// The half-width character TOML means where a Chinese input method types a full-width one
/// (a punctuation mark, or a digit in full-width mode).
fn half_width(c: char) -> Option<char> {
    Some(match c {
        '“' | '”' | '＂' => '"',
        '‘' | '’' | '＇' => '\'',
        '＝' => '=',
        '：' => '=',
        '，' => ',',
        '【' | '［' => '[',
        '】' | '］' => ']',
        '｛' => '{',
        '｝' => '}',
        '＃' => '#',
        '．' | '。' => '.',
        '－' => '-',
        '＋' => '+',
        // Full-width digits, as an input method in full-width mode types them (`issue = ５`).
        '０'..='９' => char::from_u32(c as u32 - 0xFF10 + '0' as u32)?,
        _ => return None,
    })
}

/// What a syntax error most likely is, where the parser's own message does not say.
#[derive(Debug, PartialEq)]
enum Hint {
    /// A Chinese input method's punctuation mark at `at` where TOML needs `wanted`.
    FullWidth {
        at: usize,
        found: char,
        wanted: char,
    },
    /// A quotation mark at `at` that ended its string early: the text went on after it (pasted
    /// text quoting someone inside `"…"`).
    InnerQuote { at: usize, quote: char },
}

/// Looks at the line of `offset`, where the parser stopped, for what a clerk's slip it shows:
/// the first full-width mark outside strings and comments up to just after it (a `：` stands
/// for `=`; inside a string such marks are text, `"中国质协（全国）"`, and a `。` is only taken
/// where the parser stopped), or a quotation mark that closed a string right before the place
/// while the line goes on to another. Strings are followed from the file's start, since a
/// multi-line one may begin lines above.
fn syntax_hint(text: &str, offset: usize) -> Option<Hint> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    // The delimiter of the string the scan is in, or `#` in a comment; and the quotation
    // mark that closed the last one-line string, when it is the character just scanned.
    let mut inside: Option<&str> = None;
    let mut closed: Option<(usize, char)> = None;
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        if at > offset {
            break;
        }
        if at == offset && inside.is_none() {
            if let Some((quote_at, quote)) = closed.filter(|&(q, _)| q + 1 == at) {
                // (A full-width comma there is the input method's, said below.)
                let goes_on = !c.is_whitespace()
                    && !matches!(c, ',' | ']' | '}' | '#' | '=')
                    && half_width(c).is_none();
                if goes_on && text[at..line_end].contains(quote) {
                    return Some(Hint::InnerQuote {
                        at: quote_at,
                        quote,
                    });
                }
            }
        }
        let rest = &text[at..];
        match inside {
            Some("#") if c == '\n' => inside = None,
            Some("#") => {}
            Some(delim) if rest.starts_with(delim) => {
                // The rest of a `"""` or `'''` (delimiters are ASCII: one char a byte).
                chars.by_ref().take(delim.len() - 1).for_each(drop);
                if delim.len() == 1 {
                    closed = Some((at, c));
                }
                inside = None;
            }
            // An escape in a basic string: the next character is not a delimiter.
            Some("\"" | "\"\"\"") if c == '\\' => {
                chars.next();
            }
            Some(_) => {}
            None => {
                closed = None;
                inside = ["\"\"\"", "'''", "\"", "'", "#"]
                    .into_iter()
                    .find(|d| rest.starts_with(d));
                if let Some(delim) = inside {
                    chars.by_ref().take(delim.len() - 1).for_each(drop);
                } else if at >= line_start {
                    let taken = !matches!(c, '．' | '。') || at == offset;
                    if let Some(h) = half_width(c).filter(|_| taken) {
                        let wanted = if c == '：' { '=' } else { h };
                        return Some(Hint::FullWidth {
                            at,
                            found: c,
                            wanted,
                        });
                    }
                }
            }
        }
    }
    None
}

/// How deep the `toml` crate lets tables, arrays and dotted keys nest (its `LIMIT`).
const NESTING_LIMIT: usize = 80;

/// The parser's two messages for nesting past its limit: `cannot recurse further; max
/// recursion depth met` (arrays, inline tables) and `recursion limit` (a dotted key).
fn is_too_deep(raw: &str) -> bool {
    raw == "recursion limit" || raw.starts_with("cannot recurse further")
}

/// The byte range of the first key (before `=`, or in a `[…]` header) with at least
/// [`NESTING_LIMIT`] dots outside quotes, the one the parser refused without a place.
fn deepest_key(text: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len();
        let (mut dots, mut quote, mut end) = (0, None, None);
        for (i, c) in line.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '.') => dots += 1,
                (None, '=' | ']' | '#') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        if dots + 1 >= NESTING_LIMIT {
            let end = end.map_or(offset, |e| offset - line.len() + e);
            return Some(start..end.max(start));
        }
    }
    None
}

/// Rewords one serde/toml message.
fn explain(raw: &str, table: &str) -> Error {
    let syntax = |m: Message| Error::new(ErrorKind::Syntax, m);
    if let Some(rest) = raw.strip_prefix("unknown field ") {
        let (name, expected) = name_and_expected(rest);
        let e = syntax(msg::unknown_key(&name, table)).label(msg::label_unknown_key());
        return with_suggestion(e, &name, &expected, Allowed::Keys);
    }
    if let Some(rest) = raw.strip_prefix("unknown variant ") {
        let (name, expected) = name_and_expected(rest);
        let e = syntax(msg::unknown_value(&name)).label(msg::label_unknown_value());
        return with_suggestion(e, &name, &expected, Allowed::Values);
    }
    if let Some(rest) = raw.strip_prefix("missing field ") {
        let name = first_quoted(rest).unwrap_or_default();
        return syntax(msg::missing_key(&name, table))
            .label(msg::label_key_required(&name))
            .help(msg::help_add_key(&name));
    }
    if let Some(rest) = raw.strip_prefix("invalid value: ") {
        // `integer `-1`, expected u32`: say which whole numbers are allowed, not Rust's type.
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        if let Some((low, high)) = whole_number_range(expected.trim()) {
            let value = first_quoted(found).unwrap_or_else(|| found.to_string());
            return syntax(msg::number_out_of_range(value, low, high))
                .label(msg::label_number_range(low, high));
        }
    }
    if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        // A number written as text (`issue = "5"`, `"第5期"`, `copies = "100份"`): its digits,
        // to show how to write it.
        let digits = found
            .strip_prefix("string ")
            .filter(|_| whole_number_range(expected.trim()).is_some())
            .map(|s| {
                // ASCII digits, or the full-width ones of an input method (`"第５期"`).
                s.chars()
                    .filter_map(|c| match c {
                        '0'..='9' => Some(c),
                        '０'..='９' => half_width(c),
                        _ => None,
                    })
                    .collect::<String>()
            })
            .filter(|d| !d.is_empty() && d.len() <= 10);
        let (found, expected) = (plain_type(found), plain_type(expected));
        let e = syntax(msg::wrong_type(&found, &expected));
        let e = if expected.is_empty() {
            e.label(msg::label_wrong_type())
        } else {
            e.label(msg::label_expected(&expected))
        };
        return match digits {
            Some(d) => {
                let number = match d.trim_start_matches('0') {
                    "" => "0",
                    n => n,
                };
                e.help(msg::help_number_unquoted(number))
            }
            None => e,
        };
    }
    if is_too_deep(raw) {
        // A definition has at most a few levels; this is a file made to break parsers.
        return syntax(msg::nesting_too_deep(NESTING_LIMIT)).label(msg::label_too_deep());
    }
    if raw.starts_with("missing escaped value") || raw.contains("escape") {
        // `D:\质协\2020` in a "…" or """…""" string.
        return syntax(msg::bad_escape())
            .label(msg::label_not_escape())
            .help(msg::help_literal_string());
    }
    if crate::messages::lang() == crate::messages::Lang::Zh && has_chinese(raw) {
        // A value's own message (a bad length, date or colour), made in Chinese already.
        return syntax(Message::from(raw));
    }
    syntax(msg::toml_syntax(in_language(raw)))
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A message of the `toml` crate in the run's language: a text already in Chinese (a value's
/// own message, from the catalogue) as it is; the parser's English phrases replaced.
fn in_language(raw: &str) -> String {
    use crate::messages::{lang, Lang, TOML_PHRASES};
    if lang() == Lang::En {
        return raw.to_string();
    }
    let mut text = raw.to_string();
    for (en, zh) in TOML_PHRASES {
        text = text.replace(en, zh);
    }
    text
}

/// The whole numbers a Rust integer type holds (`u32` → 0 and 4294967295).
fn whole_number_range(rust_type: &str) -> Option<(i128, i128)> {
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
    Some((low, high))
}

/// serde's type words in TOML's terms (`u32` → a whole number, `sequence` → an array), in the
/// language of this run (`integer `3`` → 整数 `3`).
fn plain_type(t: &str) -> String {
    match crate::messages::lang() {
        crate::messages::Lang::En => plain_type_en(t),
        crate::messages::Lang::Zh => plain_type_zh(t),
    }
}

/// serde's type word in Chinese, with what follows it (the value found) kept; a phrase serde
/// did not make (a value's own "a length such as …", already in the run's language) as it is.
fn plain_type_zh(t: &str) -> String {
    let t = t.trim();
    let word = t
        .strip_prefix("a ")
        .or_else(|| t.strip_prefix("an "))
        .unwrap_or(t);
    let (head, tail) = word.split_once(' ').unwrap_or((word, ""));
    let (name, tail) = match head {
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "integer" => {
            (msg::type_whole_number(), tail)
        }
        "f32" | "f64" | "float" => (msg::type_number(), tail),
        "floating" => (msg::type_number(), tail.trim_start_matches("point ")),
        "sequence" | "array" => (msg::type_array(), tail),
        "map" | "struct" | "table" => (msg::type_table(), tail),
        "string" | "str" | "char" => (msg::type_string(), tail),
        "boolean" | "bool" => (msg::type_boolean(), tail),
        "datetime" | "date" => (msg::type_date(), tail),
        _ => return t.to_string(),
    };
    if tail.is_empty() {
        name.text
    } else {
        format!("{name} {tail}")
    }
}

fn plain_type_en(t: &str) -> String {
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
fn with_suggestion(e: Error, name: &str, expected: &[String], what: Allowed) -> Error {
    if let Some(best) = closest(name, expected) {
        return e.help(msg::did_you_mean(best));
    }
    let list: Vec<String> = expected.iter().map(|k| format!("`{k}`")).collect();
    let list = list.join(", ");
    e.help(match (what, expected.is_empty()) {
        (Allowed::Keys, true) => msg::no_keys_allowed(),
        (Allowed::Values, true) => msg::no_values_allowed(),
        (Allowed::Keys, false) => msg::keys_allowed(list),
        (Allowed::Values, false) => msg::values_allowed(list),
    })
}

/// What a list of suggestions is made of.
#[derive(Clone, Copy)]
enum Allowed {
    Keys,
    Values,
}

/// The valid name most like `name`, if one is close enough to be what was meant: an edit
/// distance (transpositions count once) of at most a third of the name's length, or the same
/// letters ignoring case, hyphens and underscores.
pub fn closest<'a>(name: &str, candidates: &'a [String]) -> Option<&'a str> {
    // Called with every installed font's names (hundreds, mostly repeats) for each name of a
    // fallback chain that is not installed: compare without allocating, each distinct
    // candidate once, and skip the edit distance where the lengths alone rule it out.
    let norm = |s: &'a str| {
        s.chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .flat_map(char::to_lowercase)
    };
    let wanted: Vec<char> = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    let mut seen = std::collections::HashSet::new();
    let distinct: Vec<&'a str> = candidates
        .iter()
        .map(String::as_str)
        .filter(|c| seen.insert(*c))
        .collect();
    if let Some(same) = distinct.iter().find(|c| norm(c).eq(wanted.iter().copied())) {
        return Some(same);
    }
    let length = name.chars().count();
    let limit = (length / 3).max(1);
    distinct
        .into_iter()
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (strsim::damerau_levenshtein(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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

/// When `offset` is on a table header's line (`[overrides.pdf]`), the table the key there
/// belongs to: `Some(Some("[overrides]"))` for `pdf`, `Some(None)` for a key of the top level
/// (`pdf` in `[pdf]`); `None` when the offset is not on a header.
fn header_parent(text: &str, offset: usize) -> Option<Option<String>> {
    let mut at = offset.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = text[start..at].trim_start();
    if !before.starts_with('[') {
        return None;
    }
    let path = before
        .trim_start_matches('[')
        .trim_end()
        .trim_end_matches('.')
        .trim();
    Some((!path.is_empty()).then(|| format!("[{path}]")))
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
    fn a_key_in_a_table_header_is_placed_in_the_table_above() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Top {
            layout: Option<String>,
            overrides: Option<Over>,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Over {
            fonts: Option<toml::Value>,
        }
        let top = parse::<Top>(&Source::new(
            "d.toml",
            "layout = \"x\"\n[pdf]\nstandard = 1\n",
        ))
        .unwrap_err();
        assert_eq!(top.message, "unknown key `pdf`");
        let nested = parse::<Top>(&Source::new("d.toml", "[overrides.pfd]\nx = 1\n")).unwrap_err();
        assert_eq!(nested.message, "unknown key `pfd` in [overrides]");
    }

    /// What a Chinese input method types in place of TOML's marks is named, with the mark TOML
    /// needs, at the mark itself; the same marks inside a string are its text.
    #[test]
    fn full_width_marks_are_named_at_their_place() {
        let cases = [
            ("title = “简报”\n", '“', '"', (1, 9)),
            ("title ＝ \"简报\"\n", '＝', '=', (1, 7)),
            ("title：\"简报\"\n", '：', '=', (1, 6)),
            ("title = \"简报\"，\n", '，', ',', (1, 13)),
            (
                "title = \"x\"\n[[blocks]]\ncaption = ５\n",
                '５',
                '5',
                (3, 11),
            ),
            (
                "title = \"简报\"\n【[blocks]]\ncaption = \"x\"\n",
                '【',
                '[',
                (2, 1),
            ),
            (
                "title = \"（全国）“x”\"\n[[blocks]]\ncaption = [\"a\"，\"b\"]\n",
                '，',
                ',',
                (3, 15),
            ),
        ];
        for (text, found, wanted, place) in cases {
            let err = parse::<Doc>(&Source::new("d.toml", text)).unwrap_err();
            let expected = msg::full_width_mark(found, wanted).text;
            assert_eq!(err.message, expected, "{text}");
            assert_eq!(err.line_col(), Some(place), "{text}");
        }
        // A full-width mark in a string, a multi-line one left open or a comment is text.
        for text in [
            "title = \"（全国）\" x\n",
            "title = \"\"\"\n第一行，\n第二行，",
            "title = '''\n“引文”\n",
            "# 说明：这里，\ntitle = \"x\" y\n",
            "title = \"a\\\"，\" x\n",
        ] {
            let err = parse::<Doc>(&Source::new("d.toml", text)).unwrap_err();
            assert!(
                !err.message.contains("full-width"),
                "{text}: {}",
                err.message
            );
        }
    }

    /// A quotation mark inside a string, pasted with the text it quotes, ends the string early:
    /// said at that mark, for `"` and `'`; a string followed by something else is left to the
    /// parser's message.
    #[test]
    fn a_quotation_mark_that_ends_a_string_early_is_named() {
        let double = "title = \"会上他说\"要抓好质量\"，大家赞同。\"\n";
        let err = parse::<Doc>(&Source::new("d.toml", double)).unwrap_err();
        assert_eq!(err.message, msg::inner_double_quote().text);
        assert_eq!(err.line_col(), Some((1, 14)));
        let single = "title = 'it's'\n";
        let err = parse::<Doc>(&Source::new("d.toml", single)).unwrap_err();
        assert_eq!(err.message, msg::inner_single_quote().text);
        assert_eq!(err.line_col(), Some((1, 12)));
        for text in [
            "title = \"x\" y\n",
            "title = \"x\"y\n",
            "title = \"a\\\"b\" c\n",
        ] {
            let err = parse::<Doc>(&Source::new("d.toml", text)).unwrap_err();
            assert!(
                !err.message.contains("ends the string"),
                "{text}: {}",
                err.message
            );
        }
    }

    /// A number written as text (`"第5期"`, `"100份"`) is shown how to write it; text with no
    /// digits is only the wrong type.
    #[test]
    fn a_number_written_as_text_is_shown_without_quotes() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Issue {
            issue: u32,
        }
        let err = parse::<Issue>(&Source::new("d.toml", "issue = \"第05期\"\n")).unwrap_err();
        assert_eq!(
            err.help_text(),
            Some(msg::help_number_unquoted("5").text.as_str())
        );
        let err = parse::<Issue>(&Source::new("d.toml", "issue = \"第１２期\"\n")).unwrap_err();
        assert_eq!(
            err.help_text(),
            Some(msg::help_number_unquoted("12").text.as_str())
        );
        let err = parse::<Issue>(&Source::new("d.toml", "issue = \"五\"\n")).unwrap_err();
        assert_eq!(err.help_text(), None);
    }

    #[test]
    fn nesting_past_the_parsers_limit_is_explained_and_located() {
        let deep_array = format!(
            "title = \"x\"\nx = {}{}\n",
            "[".repeat(500),
            "]".repeat(500)
        );
        let err = parse::<Doc>(&Source::new("d.toml", deep_array)).unwrap_err();
        assert!(
            err.message.contains("nested more than 80 deep"),
            "{}",
            err.message
        );
        assert_eq!(err.line_col().map(|(l, _)| l), Some(2));
        // The parser reports a dotted key of too many parts without a place; the key is found.
        let key = format!("title = \"x\"\n\n  {}b = 1\n", "a.".repeat(200));
        let err = parse::<Doc>(&Source::new("d.toml", key)).unwrap_err();
        assert!(
            err.message.contains("nested more than 80 deep"),
            "{}",
            err.message
        );
        assert_eq!(err.line_col(), Some((3, 3)));
        let header = format!("title = \"x\"\n[{}b]\n", "'q.q'.".repeat(100));
        let err = parse::<Doc>(&Source::new("d.toml", header)).unwrap_err();
        assert_eq!(err.line_col(), Some((2, 1)));
        // A key of 79 parts is for the parser to judge, with quoted dots not counted.
        assert_eq!(
            deepest_key(&format!("{}b = 1", "\"a.a\".".repeat(78))),
            None
        );
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

    /// Font names: hundreds of candidates, most of them repeats, of every length. The length
    /// filter and the de-duplication must not change which one is chosen: the nearest, the
    /// first of equals.
    #[test]
    fn closest_among_many_repeated_font_names() {
        let mut names: Vec<String> = Vec::new();
        for _ in 0..200 {
            names.extend(
                ["DejaVu Sans", "Noto Serif SC", "FandolFang", "FangSong"].map(String::from),
            );
        }
        names.push("FangSong_GB2312".to_string());
        names.push("FangSong_GB2313".to_string());
        assert_eq!(closest("Fangsong_GB2312", &names), Some("FangSong_GB2312"));
        assert_eq!(closest("FangSong_GB231", &names), Some("FangSong_GB2312"));
        assert_eq!(closest("FandolFnag", &names), Some("FandolFang"));
        assert_eq!(closest("仿宋_GB2312", &names), None);
        // A candidate much longer than the name is never within a third of its length.
        assert_eq!(closest("Fang", &names), None);
    }
}
