//! Prose as a clerk writes it: where paragraphs start, and the invisible or half-width
//! characters that text pasted from Word or WPS brings along.
//!
//! **The paragraph rule.** In a `text` or `note` value (and in a `text-file`):
//!
//! - a blank line ends a paragraph;
//! - a line that starts with an ideographic space `　` (as Word/WPS text pasted one line per
//!   paragraph does), or is indented at least two spaces more than the value's least indented
//!   line, starts a new paragraph — the indent itself is dropped (the layout indents);
//! - any other line break is joined: between two Chinese characters it disappears, between Latin
//!   words it becomes a space (a hand-wrapped TOML string keeps its sentences together).
//!
//! A joined line break where the line before ends a sentence (`。！？`, maybe followed by a
//! closing quote or bracket) and both sides are Chinese is reported: it may be a paragraph that
//! lost its indent.
//!
//! **Odd characters** are normalised, and counted for a note under `-v`: no-break spaces
//! (U+00A0, U+202F, U+2007) become ordinary spaces, which disappear between two Chinese
//! characters; zero-width spaces (U+200B) and byte-order marks (U+FEFF) are dropped; U+2028
//! (line separator) and U+000B (Word's manual line break, `\v`) become a forced line break inside
//! the paragraph; U+2029 (paragraph separator) ends a paragraph.
//!
//! **Half-width punctuation** `,;:()` between Chinese characters is found here (for warnings and
//! for `jianbao fix`, which rewrites it to full width in place).

use std::ops::Range;

/// A forced line break inside a paragraph, as the text stage reads it (each part of the text
/// is set on its own lines).
pub const FORCED_BREAK: char = '\n';

/// One value split into paragraphs, with what was found on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prose {
    pub paragraphs: Vec<String>,
    /// Lines (0-based, in the value) that were joined to a line ending a sentence.
    pub joined_sentences: Vec<usize>,
    pub odd: OddCharacters,
}

/// How many odd characters a value had, by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct OddCharacters {
    pub no_break_spaces: usize,
    pub dropped: usize,
    pub forced_breaks: usize,
}

impl OddCharacters {
    pub fn any(&self) -> bool {
        self.no_break_spaces + self.dropped + self.forced_breaks > 0
    }

    /// `2 no-break spaces read as spaces, 1 zero-width space or byte-order mark dropped`.
    pub fn describe(&self) -> String {
        use crate::messages::{msg, Message};
        type Say = (fn() -> Message, fn(usize) -> Message);
        let kinds: [(usize, Say); 3] = [
            (
                self.no_break_spaces,
                (msg::no_break_space_one, |n| msg::no_break_spaces(n)),
            ),
            (
                self.dropped,
                (msg::zero_width_one, |n| msg::zero_width_dropped(n)),
            ),
            (
                self.forced_breaks,
                (msg::manual_break_one, |n| msg::manual_breaks_kept(n)),
            ),
        ];
        kinds
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|&(n, (one, many))| if n == 1 { one() } else { many(n) }.text)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Internal stand-in for a forced break while lines are being split (so that it is not read as
/// a source line break).
const BREAK_MARK: char = '\u{2028}';

/// Replaces the odd characters of `text`; forced breaks become [`BREAK_MARK`], paragraph
/// separators a blank line.
fn normalise(text: &str, odd: &mut OddCharacters) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\u{00A0}' | '\u{202F}' | '\u{2007}' => {
                odd.no_break_spaces += 1;
                // A space between two Chinese characters is no space at all.
                let before = out.chars().last();
                let after = chars[i + 1..].iter().find(|c| !is_no_break_space(**c));
                if !(before.is_some_and(is_wide) && after.is_some_and(|c| is_wide(*c))) {
                    out.push(' ');
                }
            }
            '\u{200B}' | '\u{FEFF}' => odd.dropped += 1,
            '\u{2028}' | '\u{000B}' => {
                odd.forced_breaks += 1;
                out.push(BREAK_MARK);
            }
            '\u{2029}' => out.push_str("\n\n"),
            c => out.push(c),
        }
    }
    out
}

fn is_no_break_space(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2007}')
}

/// Normalises a one-paragraph value (a title line, heading or caption).
pub fn normalise_line(text: &str, odd: &mut OddCharacters) -> String {
    finish(&join_lines(&normalise(text, odd)))
}

/// Splits a `text` or `note` value into paragraphs by the rule in the module documentation.
pub fn split(text: &str) -> Prose {
    let mut prose = Prose::default();
    let text = normalise(text, &mut prose.odd);
    let lines: Vec<&str> = text.lines().collect();
    let least_indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| ascii_indent(l))
        .min()
        .unwrap_or(0);
    let mut current: Vec<&str> = Vec::new();
    let flush = |current: &mut Vec<&str>, out: &mut Vec<String>| {
        if !current.is_empty() {
            out.push(finish(&join_lines(&current.join("\n"))));
            current.clear();
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            flush(&mut current, &mut prose.paragraphs);
            continue;
        }
        let indented = line.trim_start_matches([' ', '\t']).starts_with('\u{3000}')
            || ascii_indent(line) >= least_indent + 2;
        if indented {
            flush(&mut current, &mut prose.paragraphs);
        } else if let Some(prev) = current.last() {
            if ends_sentence(prev) && line.trim_start().chars().next().is_some_and(is_wide) {
                prose.joined_sentences.push(i);
            }
        }
        current.push(line);
    }
    flush(&mut current, &mut prose.paragraphs);
    prose
}

/// Leading spaces (a tab counts as four).
fn ascii_indent(line: &str) -> usize {
    line.chars()
        .take_while(|c| matches!(c, ' ' | '\t'))
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// Whether a line's last characters end a Chinese sentence.
fn ends_sentence(line: &str) -> bool {
    let trimmed = line.trim_end();
    let body = trimmed.trim_end_matches(['”', '’', '」', '』', '）', '》', '】']);
    body.ends_with(['。', '！', '？'])
}

/// The forced-break stand-ins become the text stage's line breaks, without spaces around them.
fn finish(paragraph: &str) -> String {
    if !paragraph.contains(BREAK_MARK) {
        return paragraph.to_string();
    }
    paragraph
        .split(BREAK_MARK)
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(&FORCED_BREAK.to_string())
}

/// Joins the lines of one paragraph. A line break between two Chinese characters disappears
/// (Chinese has no spaces between words); one between Latin words becomes a space. Runs of
/// spaces collapse to one and the ends are trimmed (ideographic spaces included: the layout
/// indents).
pub fn join_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let (Some(prev), Some(next)) = (out.chars().last(), line.chars().next()) {
            if !is_wide(prev) && !is_wide(next) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    collapse_spaces(&out)
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_space = false;
    for c in text.trim().chars() {
        let space = c == ' ' || c == '\t';
        if space {
            if !last_space {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
        last_space = space;
    }
    out
}

/// Characters written without spaces around them (Han, kana, full-width forms, CJK punctuation).
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F |
        0xFF00..=0xFFEF | 0x20000..=0x3FFFF | 0x2014 | 0x2026 | 0x201C | 0x201D | 0x2018 | 0x2019 | 0xB7)
}

/// Han characters and kana (not punctuation): what "between Chinese characters" means for
/// half-width marks.
fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

/// The full-width form of a half-width mark.
pub fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '(' => '（',
        ')' => '）',
        other => other,
    }
}

/// Half-width `,;:()` written between Chinese characters in `raw` (source text): byte offsets
/// and the marks. `,;:` count between two Han characters; `(` before a Han character and `)`
/// after one, unless a Latin letter or digit is on the other side.
pub fn half_width_marks(raw: &str) -> Vec<(usize, char)> {
    let chars: Vec<(usize, char)> = raw.char_indices().collect();
    let mut found = Vec::new();
    for (i, &(offset, c)) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(i + 1).map(|p| p.1);
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        let hit = match c {
            ',' | ';' | ':' => before.is_some_and(is_han) && after.is_some_and(is_han),
            '(' => after.is_some_and(is_han) && !latin(before),
            ')' => before.is_some_and(is_han) && !latin(after),
            _ => false,
        };
        if hit {
            found.push((offset, c));
        }
    }
    found
}

/// `text` with the half-width marks inside `spans` rewritten to full width, and how many there
/// were. Everything outside the marks stays byte for byte (comments, quoting, spacing).
pub fn fix_half_width(text: &str, spans: &[Range<usize>]) -> (String, usize) {
    let mut marks: Vec<usize> = spans
        .iter()
        .filter_map(|span| Some((span.start, text.get(span.clone())?)))
        .flat_map(|(start, raw)| half_width_marks(raw).into_iter().map(move |m| start + m.0))
        .collect();
    marks.sort_unstable();
    marks.dedup();
    let mut out = String::with_capacity(text.len() + marks.len() * 2);
    let mut last = 0;
    for &at in &marks {
        out.push_str(&text[last..at]);
        out.push(full_width(text[at..].chars().next().unwrap_or(' ')));
        last = at + 1;
    }
    out.push_str(&text[last..]);
    (out, marks.len())
}

/// Where the content of a string value written at `span` of `text` starts: after its opening
/// quotes (and the line break a multi-line string may open with). For a whole text file pass
/// `0..len` of a text without quotes.
pub fn content_start(text: &str, span: &Range<usize>) -> usize {
    let raw = text.get(span.clone()).unwrap_or("");
    let skip = if raw.starts_with("\"\"\"") || raw.starts_with("'''") {
        let rest = &raw[3..];
        3 + if rest.starts_with("\r\n") {
            2
        } else if rest.starts_with('\n') {
            1
        } else {
            0
        }
    } else if raw.starts_with('"') || raw.starts_with('\'') {
        1
    } else {
        0
    };
    span.start + skip
}

/// The byte offset in `text` where line `line` (0-based) of a value starting at `start`
/// begins, past its leading spaces.
pub fn line_offset(text: &str, start: usize, line: usize) -> usize {
    let mut offset = start.min(text.len());
    for _ in 0..line {
        match text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => break,
        }
    }
    let rest = &text[offset..];
    offset + (rest.len() - rest.trim_start_matches([' ', '\t', '\u{3000}']).len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_word_paragraphs_and_hand_wrapped_sentences() {
        // Word/WPS: one line per paragraph, each opened by 　　.
        let p = split("　　第一段。\n　　第二段。\n　　第三段。\n");
        assert_eq!(p.paragraphs, ["第一段。", "第二段。", "第三段。"]);
        assert!(p.joined_sentences.is_empty());
        // Hand-wrapped in TOML: the lines of a sentence join.
        let p = split("第一段的前半，\n后半。\n\n第二段 Latin\nwords\n");
        assert_eq!(p.paragraphs, ["第一段的前半，后半。", "第二段 Latin words"]);
        assert!(p.joined_sentences.is_empty());
        // Indented TOML (four spaces throughout) is not a paragraph per line; more is.
        let p = split("    甲，\n    乙。\n      丙。\n");
        assert_eq!(p.paragraphs, ["甲，乙。", "丙。"]);
    }

    #[test]
    fn a_sentence_end_joined_to_the_next_line_is_reported() {
        let p = split("第一段。\n第二段。\n");
        assert_eq!(p.paragraphs, ["第一段。第二段。"]);
        assert_eq!(p.joined_sentences, [1]);
        let p = split("他说：“好。”\n然后\n");
        assert_eq!(p.joined_sentences, [1]);
    }

    #[test]
    fn odd_characters_are_normalised() {
        let p = split("中\u{00A0}国 A\u{00A0}B\u{200B}C\u{FEFF}\n第一行\u{2028}第二行\u{000B}第三行\u{2029}下一段");
        assert_eq!(p.paragraphs, ["中国 A BC第一行\n第二行\n第三行", "下一段"]);
        assert_eq!(
            p.odd,
            OddCharacters {
                no_break_spaces: 2,
                dropped: 2,
                forced_breaks: 2
            }
        );
        assert!(p.odd.describe().contains("2 no-break spaces"));
    }

    #[test]
    fn half_width_marks_between_chinese() {
        let text = "质协,全国;会员:单位(办公室) a,b 1:2 中文(English) f(x)";
        let found: Vec<char> = half_width_marks(text).into_iter().map(|p| p.1).collect();
        assert_eq!(found, [',', ';', ':', '(', ')']);
        let fixed: String = text
            .char_indices()
            .map(|(i, c)| {
                if half_width_marks(text).iter().any(|p| p.0 == i) {
                    full_width(c)
                } else {
                    c
                }
            })
            .collect();
        assert!(
            fixed.starts_with("质协，全国；会员：单位（办公室）"),
            "{fixed}"
        );
    }

    #[test]
    fn value_lines_are_found_in_the_source() {
        let text = "text = \"\"\"\n甲。\n  乙。\n\"\"\"\n";
        let span = 7..text.len() - 1;
        let start = content_start(text, &span);
        assert_eq!(&text[start..start + 3], "甲");
        let at = line_offset(text, start, 1);
        assert_eq!(&text[at..at + 3], "乙");
    }
}
