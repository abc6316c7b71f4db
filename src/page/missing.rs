//! Characters no font has, gathered over the whole document and reported once each.
//!
//! A clerk who pasted a private-use character or a rare Han into a bulletin needs to find every
//! place it occurs: the warning names the first place (`file:line:col`, shown with its source
//! line) and lists all others with their block, and says which fonts were tried.

use crate::error::{Source, Warning};
use crate::messages::{msg, noun};
use crate::resolve::{Document, Style};
use crate::text::Missing;
use std::ops::Range;

/// PostScript names of the fonts a style tries for a character, in order.
fn tried(doc: &Document, style: &Style) -> Vec<String> {
    style
        .chain
        .latin
        .iter()
        .chain(style.chain.faces.iter())
        .map(|&f| doc.fonts.get(f).postscript_name.clone())
        .collect()
}

/// Missing characters in first-seen order.
#[derive(Default)]
pub struct MissingChars {
    entries: Vec<Entry>,
}

struct Entry {
    ch: char,
    /// PostScript names of the fonts tried, over every style it was set in.
    tried: Vec<String>,
    places: Vec<Place>,
}

/// One occurrence: where in the definition (when it can be found there) and in what.
#[derive(PartialEq)]
struct Place {
    span: Option<Range<usize>>,
    what: String,
}

impl MissingChars {
    /// Records the missing characters of one text set in `style`. `at` is the span of the TOML
    /// value the text came from (when it came from the definition), `what` says which kind of
    /// block it is.
    pub fn record(
        &mut self,
        doc: &Document,
        missing: &[Missing],
        style: &Style,
        at: Option<&Range<usize>>,
        what: &str,
    ) {
        if missing.is_empty() {
            return;
        }
        let tried = tried(doc, style);
        let mut seen: Vec<char> = Vec::new();
        for m in missing {
            if seen.contains(&m.ch) {
                continue;
            }
            seen.push(m.ch);
            let entry = match self.entries.iter().position(|e| e.ch == m.ch) {
                Some(i) => &mut self.entries[i],
                None => {
                    self.entries.push(Entry {
                        ch: m.ch,
                        tried: Vec::new(),
                        places: Vec::new(),
                    });
                    self.entries.last_mut().unwrap()
                }
            };
            for t in &tried {
                if !entry.tried.contains(t) {
                    entry.tried.push(t.clone());
                }
            }
            let found = occurrences(&doc.source, at, m.ch);
            let places: Vec<Place> = if found.is_empty() {
                vec![Place {
                    span: at.map(|a| a.start..a.start),
                    what: what.to_string(),
                }]
            } else {
                found
                    .into_iter()
                    .map(|span| Place {
                        span: Some(span),
                        what: what.to_string(),
                    })
                    .collect()
            };
            for p in places {
                // A `text` value with several paragraphs reports its characters once.
                if !entry.places.contains(&p) {
                    entry.places.push(p);
                }
            }
        }
    }

    /// Takes in what another record found after this one (the running heads, set page by page
    /// while the body was still being measured): its characters after this one's, the places
    /// of a character both have merged.
    pub fn absorb(&mut self, other: MissingChars) {
        for e in other.entries {
            match self.entries.iter_mut().find(|mine| mine.ch == e.ch) {
                Some(mine) => {
                    for t in e.tried {
                        if !mine.tried.contains(&t) {
                            mine.tried.push(t);
                        }
                    }
                    for p in e.places {
                        if !mine.places.contains(&p) {
                            mine.places.push(p);
                        }
                    }
                }
                None => self.entries.push(e),
            }
        }
    }

    /// The characters, in the order [`into_warnings`](Self::into_warnings) warns about them.
    pub fn chars(&self) -> Vec<char> {
        self.entries.iter().map(|e| e.ch).collect()
    }

    /// One warning per character, pointing at its first occurrence.
    pub fn into_warnings(self, doc: &Document) -> Vec<Warning> {
        let source = &doc.source;
        self.entries
            .into_iter()
            .map(|e| {
                let message =
                    msg::no_font_has(e.ch, format!("{:04X}", e.ch as u32), e.tried.join(", "));
                let mut w = Warning::new(message, source.path.display().to_string());
                if let Some(span) = e.places.iter().find_map(|p| p.span.clone()) {
                    let len = e.ch.len_utf8();
                    let end = if span.is_empty() {
                        span.start + len
                    } else {
                        span.end
                    };
                    w = w
                        .at(source, span.start..end)
                        .label(msg::label_no_font_has());
                }
                let listed: Vec<String> = e
                    .places
                    .iter()
                    .take(MAX_LISTED)
                    .map(|p| describe(source, p))
                    .collect();
                let more = e.places.len().saturating_sub(MAX_LISTED);
                let mut note = match e.places.len() {
                    1 => msg::occurs_once(listed.join("; ")),
                    n => msg::occurs(n, listed.join("; ")),
                }
                .text;
                if more > 0 {
                    note.push_str(&msg::and_more(more).text);
                }
                w.notes.push(note);
                w
            })
            .collect()
    }
}

/// Places listed in a warning before "and N more".
const MAX_LISTED: usize = 12;

/// `line 14, column 8 (block 3, text)`.
fn describe(source: &Source, p: &Place) -> String {
    match &p.span {
        Some(span) => {
            let (line, col) = source.line_col(span.start);
            match block_number(source, span.start) {
                Some(n) => msg::place_in_block(line, col, n, noun(&p.what)).text,
                None => msg::place_at(line, col, noun(&p.what)).text,
            }
        }
        None => msg::place_in(noun(&p.what)).text,
    }
}

/// The ordinal of the `[[blocks]]` table an offset falls in, counting the headers before it.
fn block_number(source: &Source, offset: usize) -> Option<usize> {
    let text = source.text.get(..offset)?;
    let n = text
        .lines()
        .filter(|l| l.trim_start().starts_with("[[blocks]]"))
        .count();
    (n > 0).then_some(n)
}

/// Byte spans of `ch` inside `at` in the definition (none when the value spells it with an
/// escape such as `\uE000`, or when there is no span: the caller then points at the block).
fn occurrences(source: &Source, at: Option<&Range<usize>>, ch: char) -> Vec<Range<usize>> {
    let Some(at) = at else { return Vec::new() };
    let Some(raw) = source.text.get(at.clone()) else {
        return Vec::new();
    };
    raw.match_indices(ch)
        .map(|(i, s)| at.start + i..at.start + i + s.len())
        .collect()
}
