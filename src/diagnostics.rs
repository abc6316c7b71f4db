//! Printing errors and warnings for people: the one-line summary (`error: file:line:col: …`)
//! followed, when the problem points into a text file, by the source line with a caret under the
//! span, a short label and advice (`did you mean `caption`?`).
//!
//! The drawing is done by `ariadne`; this module only decides what goes in. It never prints:
//! callers get a `String` and choose the stream. Two things are taken care of here because a
//! diagnostic must itself never be a problem: a long line (a 1 MB paragraph on one line) is cut
//! to a window around the span, and control characters (NUL bytes) are shown as visible symbols.
//!
//! For programs (`--message-format json`) the same errors and warnings are one JSON object a
//! line: [`error_json`], [`warning_json`], [`message_json`].

use crate::error::{Error, ErrorKind, Source, Warning};
use crate::messages::{lang, msg, Lang};
use ariadne::{CharSet, Color, Config, Label, Report, ReportKind};
use std::ops::Range;

/// How to draw: colours for a terminal, ASCII-only frames on request. Whether to colour is the
/// command line's decision (`--color`, `NO_COLOR`, …: `cli::output`), not this module's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
    pub unicode: bool,
}

impl Style {
    /// Plain text: no colours, Unicode frames (for logs, tests and pipes).
    pub const PLAIN: Style = Style {
        color: false,
        unicode: true,
    };
}

/// Characters shown on either side of the span when a source line is too long to print whole.
const WINDOW: usize = 60;
/// Lines longer than this (in characters) are cut to a window around the span.
const LONG_LINE: usize = 240;

/// An error as the user sees it, ending with a newline.
pub fn error(e: &Error, style: Style) -> String {
    let mut out = format!("{}\n", one_line(&format!("{}{e}", msg::prefix_error())));
    match e.location.as_deref() {
        Some((source, span)) => out.push_str(&snippet(
            source,
            span.clone(),
            e.label_text(),
            e.help_text(),
            &[],
            Kind::Error,
            style,
        )),
        None => {
            if let Some(help) = e.help_text() {
                out.push_str(&format!("  {}{}\n", msg::prefix_help(), visible_text(help)));
            }
        }
    }
    out
}

/// A warning as the user sees it, ending with a newline.
pub fn warning(w: &Warning, style: Style) -> String {
    let mut out = format!("{}\n", one_line(&w.to_string()));
    match &w.at {
        Some((source, span)) => out.push_str(&snippet(
            source,
            span.clone(),
            w.label.as_deref(),
            None,
            &w.notes,
            Kind::Warning,
            style,
        )),
        None => {
            for note in &w.notes {
                out.push_str(&format!("  {}{}\n", msg::prefix_note(), visible_text(note)));
            }
        }
    }
    out
}

/// An error as one line of JSON (no newline): `severity`, `code` (the message's stable name,
/// the same in every language: see [`crate::messages`]), `file`, `line`, `column` (1-based, in
/// characters; `null` when the error has no place in a file), `message` (without the place, in
/// the run's language), and `label`, `help` when there are any.
pub fn error_json(e: &Error) -> String {
    let (line, column) = e.line_col().unzip();
    let code = if e.code.is_empty() {
        kind_code(e.kind)
    } else {
        e.code
    };
    let mut object = json_object(
        "error",
        code,
        e.path.as_deref(),
        line,
        column,
        &e.message,
        e.label_text(),
    );
    if let Some(help) = e.help_text() {
        object.insert("help".into(), help.into());
    }
    serde_json::Value::Object(object).to_string()
}

/// A warning as one line of JSON (no newline), with the fields of [`error_json`] and `notes`.
pub fn warning_json(w: &Warning) -> String {
    let (file, line, column) = match &w.at {
        Some((source, span)) => {
            let (line, column) = source.line_col(span.start);
            (Some(source.path.clone()), Some(line), Some(column))
        }
        // Warnings without a span name their file as the location.
        None => (
            (!w.location.is_empty()).then(|| std::path::PathBuf::from(&w.location)),
            None,
            None,
        ),
    };
    let code = if w.code.is_empty() { "warning" } else { w.code };
    let mut object = json_object(
        "warning",
        code,
        file.as_deref(),
        line,
        column,
        &w.message,
        w.label.as_deref(),
    );
    if !w.notes.is_empty() {
        object.insert("notes".into(), w.notes.clone().into());
    }
    serde_json::Value::Object(object).to_string()
}

/// A message that is about no place in a file (a note under `-v`, an error about the command's
/// inputs as a whole) as one line of JSON, with the fields of [`error_json`] (the code is the
/// severity when the message is not from the catalogue).
pub fn message_json(severity: &str, message: &crate::messages::Message) -> String {
    let code = if message.code.is_empty() {
        severity
    } else {
        message.code
    };
    serde_json::Value::Object(json_object(
        severity,
        code,
        None,
        None,
        None,
        &message.text,
        None,
    ))
    .to_string()
}

/// `text` without its ANSI escape sequences (`ESC [ … m`).
fn without_escapes(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The code of an error whose message is not from the catalogue: its kind's.
fn kind_code(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::Syntax => "syntax",
        ErrorKind::Invalid => "invalid",
        ErrorKind::Io => "io",
        ErrorKind::Font => "font",
        ErrorKind::Image => "image",
        ErrorKind::Strict => "strict",
    }
}

fn json_object(
    severity: &str,
    code: &str,
    file: Option<&std::path::Path>,
    line: Option<usize>,
    column: Option<usize>,
    message: &str,
    label: Option<&str>,
) -> serde_json::Map<String, serde_json::Value> {
    let mut object = serde_json::Map::new();
    object.insert("severity".into(), severity.into());
    object.insert("code".into(), code.into());
    object.insert("file".into(), file.map(|f| f.display().to_string()).into());
    object.insert("line".into(), line.into());
    object.insert("column".into(), column.into());
    object.insert("message".into(), message.into());
    if let Some(label) = label {
        object.insert("label".into(), label.into());
    }
    object
}

#[derive(Clone, Copy)]
enum Kind {
    Error,
    Warning,
}

/// The framed source excerpt (without ariadne's own header line, which would repeat ours).
fn snippet(
    source: &Source,
    span: Range<usize>,
    label: Option<&str>,
    help: Option<&str>,
    notes: &[String],
    kind: Kind,
    style: Style,
) -> String {
    let span_start = span.start;
    let excerpt = Excerpt::new(source, span);
    let excerpt_start = excerpt.span.start;
    // ariadne numbers the gutter from the start of the text it is given, so the excerpt goes
    // in after as many empty lines as precede it in the file.
    let pad = excerpt.first_line - 1;
    let padded = format!("{}{}", "\n".repeat(pad), excerpt.text);
    let ariadne_source = ariadne::Source::from(padded);
    let span = excerpt.span.start + pad..excerpt.span.end + pad;
    let id = source.path.display().to_string();
    let color = match kind {
        Kind::Error => Color::Red,
        Kind::Warning => Color::Yellow,
    };
    let config = Config::default()
        .with_color(style.color)
        .with_char_set(if style.unicode {
            CharSet::Unicode
        } else {
            CharSet::Ascii
        });
    // ariadne draws the underline only for a label with a message.
    let here = msg::label_here().text;
    let mut label_at =
        Label::new((id.clone(), span.clone())).with_message(visible_text(label.unwrap_or(&here)));
    if style.color {
        label_at = label_at.with_color(color);
    }
    let mut report = Report::build(ReportKind::Custom("", color), (id.clone(), span.clone()))
        .with_config(config)
        .with_label(label_at);
    // Labels, help and notes can quote the text too (a missing character, a word): they reach
    // the terminal with control characters made visible, like the summary line.
    if let Some(help) = help {
        report = report.with_help(visible_text(help));
    }
    for note in notes {
        report = report.with_note(visible_text(note));
    }
    let mut buf = Vec::new();
    if report
        .finish()
        .write((id.clone(), ariadne_source), &mut buf)
        .is_err()
    {
        return String::new();
    }
    let text = String::from_utf8_lossy(&buf);
    // ariadne's frame (`╭─[ d.toml:6:62 ]`) counts the column in the cut line it was given; a
    // clerk must read the column of the file, the one our first line gives (6:308).
    let (line, column) = source.line_col(span_start);
    let text = text.replacen(
        &format!("{id}:{line}:{}", excerpt_start + 1),
        &format!("{id}:{line}:{column}"),
        1,
    );
    // Drop ariadne's header line (`: message`): our own first line says it with the location.
    let mut lines = text.lines();
    lines.next();
    let mut out = String::new();
    for line in lines {
        out.push_str(&in_language(line.trim_end()));
        out.push('\n');
    }
    out
}

/// A line of ariadne's drawing with its words `Help` and `Note` (ariadne writes them in English
/// whatever the text) in the run's language.
fn in_language(line: &str) -> String {
    if lang() == Lang::En {
        return line.to_string();
    }
    for (word, ours) in [("Help", msg::prefix_help()), ("Note", msg::prefix_note())] {
        let Some(at) = line.find(word) else { continue };
        // Only ariadne's own word: right after the frame (and a colour's escape sequence),
        // followed by a note's number, the colour's end and a colon.
        let before = &line[..at];
        if without_escapes(before).chars().any(char::is_alphanumeric) {
            continue;
        }
        let after = &line[at + word.len()..];
        let Some(colon) = after.find(": ") else {
            continue;
        };
        let between = &after[..colon];
        let number = between.trim_start_matches(' ');
        let digits = number.len()
            - number
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let (number, escape) = number.split_at(digits);
        if !without_escapes(escape).is_empty() {
            continue;
        }
        let word = ours.text.trim_end().trim_end_matches('：');
        let number = if number.is_empty() {
            String::new()
        } else {
            format!(" {number}")
        };
        return format!("{before}{word}{number}{escape}：{}", &after[colon + 2..]);
    }
    line.to_string()
}

/// The part of a source shown for a span: the span's line (cut to a window when very long),
/// with control characters made visible, and the span in characters of that text.
struct Excerpt {
    text: String,
    /// The span in characters of `text`.
    span: Range<usize>,
    /// 1-based number of the line shown.
    first_line: usize,
}

impl Excerpt {
    fn new(source: &Source, span: Range<usize>) -> Excerpt {
        let text = &*source.text;
        let start = floor_boundary(text, span.start.min(text.len()));
        let end = floor_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = &text[line_start..line_end];
        let (line_no, _) = source.line_col(start);
        // Character positions of the span within the line (a span running past the line's end is
        // clipped to it; an empty span gets one character so that the caret shows).
        let from = text[line_start..start].chars().count();
        let to = text[line_start..end.min(line_end)].chars().count();
        let chars: Vec<char> = line.chars().collect();
        let (cut_from, cut_to) = if chars.len() > LONG_LINE {
            // A huge span (a 100,000-character publisher) shows its start: the window ends
            // at most LONG_LINE characters into it.
            (
                from.saturating_sub(WINDOW),
                (to.clamp(from + 1, from + LONG_LINE) + WINDOW).min(chars.len()),
            )
        } else {
            (0, chars.len())
        };
        let mut shown = String::new();
        if cut_from > 0 {
            shown.push('…');
        }
        let lead = shown.chars().count();
        shown.extend(chars[cut_from..cut_to].iter().map(|&c| visible(c)));
        if cut_to < chars.len() {
            shown.push('…');
        }
        let a = lead + from - cut_from;
        let b = lead + to.min(cut_to).max(from) - cut_from;
        let b = if b == a { a + 1 } else { b };
        // A caret past the end of the line (a missing key reported at the end of a file) needs a
        // character to stand under.
        while shown.chars().count() < b {
            shown.push(' ');
        }
        Excerpt {
            text: shown,
            span: a..b,
            first_line: line_no,
        }
    }
}

/// A summary line as it may reach a terminal: control characters (an escape sequence, a
/// carriage return that would hide the start of the line) shown as visible symbols, and a line
/// that quotes something huge cut in the middle.
fn one_line(text: &str) -> String {
    let chars: Vec<char> = text.chars().map(visible).collect();
    if chars.len() <= 2 * LONG_LINE {
        return chars.into_iter().collect();
    }
    let head: String = chars[..LONG_LINE].iter().collect();
    let tail: String = chars[chars.len() - 40..].iter().collect();
    format!(
        "{head} … ({} characters cut) … {tail}",
        chars.len() - LONG_LINE - 40
    )
}

/// `text` as it is quoted in a message: whole when short, else its first `max` characters
/// and how long it is.
pub fn quote_cut(text: &str, max: usize) -> String {
    let count = text.chars().count();
    if count <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    format!("{head}… ({count} characters)")
}

/// `text` with every control character made visible (see [`visible`]).
fn visible_text(text: &str) -> String {
    text.chars().map(visible).collect()
}

/// Control characters as their visible Unicode symbols (U+2400 block); tabs stay tabs.
fn visible(c: char) -> char {
    match c {
        '\t' => '\t',
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('?'),
        '\x7f' => '\u{2421}',
        // Line and paragraph separators: ariadne (and a terminal) would start a new line there,
        // and the frame's line numbers would no longer be the file's.
        '\u{2028}' | '\u{2029}' => '\u{2424}',
        // Bidirectional controls would reorder the rest of the line on the terminal.
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => '\u{FFFD}',
        c if c.is_control() => '\u{FFFD}',
        c => c,
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn error_shows_line_caret_label_and_help() {
        let src = Source::new("d.toml", "title = \"x\"\ncaptoin = 1\n");
        let e = Error::new(ErrorKind::Syntax, "unknown key `captoin`")
            .at(&src, 12..19)
            .label("unknown key")
            .help("did you mean `caption`?");
        let out = error(&e, Style::PLAIN);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "error: d.toml:2:1: unknown key `captoin`");
        assert!(out.contains("2 │ captoin = 1"), "{out}");
        assert!(out.contains("┬───") || out.contains("───"), "{out}");
        assert!(out.contains("unknown key"), "{out}");
        assert!(out.contains("did you mean `caption`?"), "{out}");
        assert!(!out.contains('\u{1b}'), "no colours in plain style: {out}");
    }

    #[test]
    fn a_huge_span_shows_its_start_not_all_of_it() {
        let value = "质".repeat(100_000);
        let text = format!("publisher = \"{value}\"\n");
        let source = Source::new("d.toml", text);
        let w = Warning::new("too long", "").at(&source, 13..13 + value.len());
        let shown = warning(&w, Style::PLAIN);
        // The window (about LONG_LINE + 2 × WINDOW characters, each two columns wide here) and
        // its underline, not the 100,000 characters (it was 480,000 bytes a line).
        let longest = shown.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest < 3 * LONG_LINE, "{longest} characters: {shown}");
        assert!(shown.contains("d.toml:1:14"), "{shown}");
    }

    #[test]
    fn long_lines_are_windowed_and_nul_is_visible() {
        let mut text = "x = \"".to_string();
        text.push_str(&"长".repeat(5000));
        text.push('\0');
        text.push_str(&"长".repeat(5000));
        text.push_str("\"\n");
        let src = Source::new("d.toml", text.clone());
        let at = text.find('\0').unwrap();
        let e = Error::new(ErrorKind::Syntax, "NUL").at(&src, at..at + 1);
        let out = error(&e, Style::PLAIN);
        assert!(out.len() < 2000, "{} bytes", out.len());
        assert!(out.contains('␀') && !out.contains('\0'), "{out}");
        assert!(out.contains('…'));
        // The frame names the column of the file, as the first line does, not the column in
        // the cut line.
        assert!(out.starts_with("error: d.toml:1:5006: NUL"), "{out}");
        assert!(out.contains("[ d.toml:1:5006 ]"), "{out}");
    }

    #[test]
    fn separators_and_bidi_controls_are_shown_not_obeyed() {
        // A line separator (U+2028, Word's manual line break pasted) before the place once made
        // ariadne show the rest as line 2 and count columns from there.
        let src = Source::new("d.toml", "x = \"甲\u{2028}乙\u{202E}丙\\q\"\n");
        let at = src.text.find('\\').unwrap();
        let e = Error::new(ErrorKind::Syntax, "bad").at(&src, at..at + 1);
        let out = error(&e, Style::PLAIN);
        assert!(out.contains("[ d.toml:1:11 ]"), "{out}");
        assert!(
            out.contains(" 1 │ x = \"甲\u{2424}乙\u{FFFD}丙\\q\""),
            "{out}"
        );
        assert!(
            !out.contains('\u{2028}') && !out.contains('\u{202E}'),
            "{out}"
        );
    }

    #[test]
    fn json_has_place_severity_and_message() {
        let src = Source::new("d.toml", "title = \"x\"\ncaptoin = 1\n");
        let e = Error::new(ErrorKind::Syntax, "unknown key `captoin`")
            .at(&src, 12..19)
            .label("unknown key")
            .help("did you mean `caption`?");
        let v: serde_json::Value = serde_json::from_str(&error_json(&e)).unwrap();
        assert_eq!(v["severity"], "error");
        assert_eq!(v["file"], "d.toml");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(2), Some(1))
        );
        assert_eq!(v["message"], "unknown key `captoin`");
        assert_eq!(v["help"], "did you mean `caption`?");
        let w = Warning::new("no font has `x`", "").at(&src, 8..9);
        let v: serde_json::Value = serde_json::from_str(&warning_json(&w)).unwrap();
        assert_eq!(v["severity"], "warning");
        assert_eq!(
            (v["line"].as_u64(), v["column"].as_u64()),
            (Some(1), Some(9))
        );
        let v: serde_json::Value =
            serde_json::from_str(&message_json("note", &"a\nb".into())).unwrap();
        assert!(v["file"].is_null() && v["line"].is_null());
        assert!(
            !message_json("note", &"a\nb".into()).contains('\n'),
            "one line"
        );
    }

    #[test]
    fn errors_without_location_are_one_line_plus_help() {
        let e = Error::new(ErrorKind::Io, "file not found")
            .with_path("a.toml")
            .help("check the path");
        assert_eq!(
            error(&e, Style::PLAIN),
            "error: a.toml: file not found\n  help: check the path\n"
        );
    }
}
