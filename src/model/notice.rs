//! Prose values of a definition (or of a `text-file`) read by the rules of [`super::prose`],
//! with what was noticed on the way turned into located warnings and `-v` notes.

use super::prose::{self, OddCharacters};
use crate::error::{Source, Warning};
use crate::messages::msg;
use std::ops::Range;

/// What reading noticed without stopping: warnings, and notes for a user who asks (`-v`).
#[derive(Clone, Debug, Default)]
pub struct Noticed {
    pub warnings: Vec<Warning>,
    pub notes: Vec<String>,
}

/// Where a value is written: its source, its span there, and whether the span includes TOML
/// quotes (a value in the definition) or is the text itself (a text file).
pub struct Written<'a> {
    pub source: &'a Source,
    pub span: Range<usize>,
    pub quoted: bool,
}

impl Written<'_> {
    fn content_start(&self) -> usize {
        if self.quoted {
            prose::content_start(&self.source.text, &self.span)
        } else {
            self.span.start
        }
    }
}

/// Splits a `text`/`note` value into paragraphs, noting joined sentence ends, half-width marks
/// and odd characters.
pub fn paragraphs(value: &str, at: &Written, noticed: &mut Noticed) -> Vec<String> {
    let split = prose::split(value);
    let start = at.content_start();
    for &line in &split.joined_sentences {
        let offset = prose::line_offset(&at.source.text, start, line);
        let end = next_char(&at.source.text, offset);
        noticed.warnings.push(
            Warning::new(msg::joined_after_sentence(), "")
                .at(at.source, offset..end)
                .label(msg::label_joined()),
        );
    }
    half_width(at, noticed);
    odd(split.odd, at, noticed);
    split.paragraphs
}

/// Reads a one-line value (heading, caption, a title line) by the same character rules.
pub fn line(value: &str, at: &Written, noticed: &mut Noticed) -> String {
    let mut odd_chars = OddCharacters::default();
    let text = prose::normalise_line(value, &mut odd_chars);
    half_width(at, noticed);
    odd(odd_chars, at, noticed);
    text
}

fn next_char(text: &str, offset: usize) -> usize {
    text[offset..]
        .chars()
        .next()
        .map_or(offset, |c| offset + c.len_utf8())
}

/// One warning per value with half-width marks between Chinese characters, at the first.
fn half_width(at: &Written, noticed: &mut Noticed) {
    let raw = at.source.text.get(at.span.clone()).unwrap_or("");
    let marks = prose::half_width_marks(raw);
    let Some(&(first, c)) = marks.first() else {
        return;
    };
    let offset = at.span.start + first;
    let list: String = marks.iter().map(|m| m.1).collect();
    let full: String = list.chars().map(prose::full_width).collect();
    let mut w = Warning::new(msg::half_width_between_chinese(&list, full), "")
        .at(at.source, offset..offset + 1)
        .label(msg::label_half_width(c));
    w.notes.push(msg::help_fix(at.source.path.display()).text);
    noticed.warnings.push(w);
}

fn odd(odd: OddCharacters, at: &Written, noticed: &mut Noticed) {
    if odd.any() {
        let (line, col) = at.source.line_col(at.span.start);
        noticed.notes.push(format!(
            "{}:{line}:{col}: {}",
            at.source.path.display(),
            odd.describe()
        ));
    }
}
