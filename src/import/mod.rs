//! `jianbao import`: an article written in Word (.docx) or Markdown (.md) as definition blocks.
//!
//! Both readers produce an [`Article`]: a list of titles, headings, paragraphs and images in
//! reading order. The outline decides what is what, the same way for both formats: outline
//! level 1 (Word's "Heading 1" or "Title" style, Markdown's `#`) is the article's **title**;
//! levels 2 to 5 (`##` to `#####`, "Heading 2" to "Heading 5") are **headings** of levels 1 to 4
//! (deeper ones are level 4). Everything else is a paragraph, or an item of a **list** block
//! when the source numbers or bullets it (a list nested in an item becomes the item's nested
//! list; deeper ones join it). Bold, italic, underline, superscript and subscript become inline
//! markup (`**…**`, `{em:…}`, `{u:…}`, `{sup:…}`, `{sub:…}`), and characters markup would read
//! (`*`, `{`, `}`, a `\` before them) are escaped, so the text prints as it was written. A
//! title or heading drops bold (its style is bold already). An image becomes a **figure**; the
//! paragraph right after it that reads `图 N …` (or `图N：…`) is its caption, without the
//! number (jianbao numbers figures itself). A table (Word's `w:tbl`, a Markdown table) becomes
//! a **table** block: Word's `gridSpan` a colspan, a `vMerge` a rowspan, rows marked to repeat
//! on every page (`w:tblHeader`) and Markdown's head the header rows, Markdown's delimiter row
//! the columns' alignment, each cell's text with its marks (see [`table`]). Turning an article
//! into TOML ([`blocks_toml`]) is pure; the CLI reads and writes the files.

pub mod docx;
pub mod markdown;
pub mod table;

use crate::model::markup::{self, Marks, Styled};
use std::collections::HashMap;
use std::sync::Arc;
pub use table::{CellItem, Merge, TableItem};

/// One thing in an article, in reading order. Texts are definition markup.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Title(String),
    /// A heading of level 1–4.
    Heading(u8, String),
    Paragraph(String),
    List(List),
    Image(ImageItem),
    Table(TableItem),
}

/// A numbered or bulleted list: items, each with the items of the list nested in it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List {
    /// The numbers' format when the source asks for one the layout may not give (`•` for a
    /// bulleted list); `None`: the layout's numbering.
    pub numbering: Option<String>,
    /// The first number, when not 1.
    pub start: Option<u32>,
    pub items: Vec<(String, Vec<String>)>,
}

/// An image found in an article, with its caption once one is recognised.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageItem {
    /// The name it had in the article (`media/image1.png`, `img/a.jpg`).
    pub name: String,
    /// Shared by every place the article shows the same picture.
    pub bytes: Arc<[u8]>,
    pub caption: Option<String>,
    /// Alternative text (Markdown's `![alt]`), the caption when no `图 N` paragraph follows.
    pub alt: Option<String>,
}

/// An article read from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub items: Vec<Item>,
    /// What the reader left out or changed, for the user (an image in a format jianbao cannot
    /// embed, a text box moved after its paragraph, …): each message says which.
    pub warnings: Vec<crate::messages::Message>,
}

impl Article {
    /// The distinct pictures the article shows, in the order each first appears: each is saved
    /// once, however often it is shown.
    pub fn pictures(&self) -> Vec<&ImageItem> {
        let mut seen = std::collections::HashSet::new();
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Image(img) if seen.insert(img.name.as_str()) => Some(img),
                _ => None,
            })
            .collect()
    }
}

/// Builds an [`Article`] from a reader's events: text accumulates, in the marks set last,
/// until a block ends.
#[derive(Default)]
pub(crate) struct Builder {
    article: Article,
    text: Styled,
    marks: Marks,
    /// The last list item ended the list it was in (the next item starts a new list).
    list_ended: bool,
    /// The table being read, if the reader is inside one.
    table: Option<table::TableBuild>,
    /// Every picture read so far, by its name in the article (`None`: it cannot be embedded).
    pictures: HashMap<String, Option<Arc<[u8]>>>,
    /// The bytes of all of them.
    picture_bytes: u64,
    /// The most they may have, when not [`MAX_ARTICLE_PICTURE_BYTES`] (tests).
    picture_limit: Option<u64>,
}

/// Most bytes one article's pictures may bring, all distinct pictures together. One picture
/// may have 200 MB (`assets::MAX_IMAGE_BYTES`), but a 150 KB .docx can show a picture that
/// inflates to 150 MB forty times: without a bound on the whole, that was 6.8 GB of memory and
/// 5.9 GB of files.
pub const MAX_ARTICLE_PICTURE_BYTES: u64 = 512 * 1024 * 1024;

impl Builder {
    pub fn text(&mut self, text: &str) {
        self.text.push(text, self.marks);
    }

    /// The marks of the text that follows (bold, emphasis, underline, superscript …).
    pub fn marks(&mut self, marks: Marks) {
        self.marks = marks;
    }

    /// A manual line break inside a paragraph (kept as a line break by the paragraph rule).
    pub fn line_break(&mut self) {
        self.text.push("\u{2028}", Marks::NONE);
    }

    /// Ends a block of `level` in the outline (0 = body text, 1 = title, 2… = headings).
    pub fn end_block(&mut self, level: u8) {
        let mut styled = tidy(&std::mem::take(&mut self.text));
        if styled.text.is_empty() {
            return;
        }
        if level > 0 {
            styled = without(&styled, Marks::BOLD);
        }
        let text = markup::write(&styled);
        self.article.items.push(match level {
            0 => Item::Paragraph(text),
            1 => Item::Title(text),
            n => Item::Heading((n - 1).min(4), text),
        });
        self.list_ended = true;
    }

    /// Ends the text so far as an item of a list: at `depth` 0 an item, deeper an item of the
    /// list nested in the item before. A new list (numbered from `start`) begins after any
    /// other block, after [`Builder::end_list`], or when `numbering` differs from the list's.
    pub fn end_item(&mut self, depth: u8, numbering: Option<&str>, start: Option<u32>) {
        let styled = tidy(&std::mem::take(&mut self.text));
        if styled.text.is_empty() {
            return;
        }
        let text = markup::write(&styled);
        let ended = self.list_ended;
        let goes_on = matches!(self.article.items.last(), Some(Item::List(l))
            if (depth > 0 && !l.items.is_empty())
                || (!ended && l.numbering.as_deref() == numbering));
        if !goes_on {
            self.article.items.push(Item::List(List {
                numbering: numbering.map(str::to_string),
                start: start.filter(|&s| s != 1),
                items: Vec::new(),
            }));
        }
        let Some(Item::List(list)) = self.article.items.last_mut() else {
            unreachable!("a list was pushed")
        };
        match list.items.last_mut() {
            Some((_, children)) if depth > 0 => children.push(text),
            Some(_) | None => list.items.push((text, Vec::new())),
        }
        self.list_ended = false;
    }

    /// The list being built ends (the next item starts another).
    pub fn end_list(&mut self) {
        self.list_ended = true;
    }

    /// A table starts (the text before it is a paragraph of its own).
    pub fn start_table(&mut self) {
        self.end_block(0);
        self.table = Some(table::TableBuild::new());
    }

    pub fn in_table(&self) -> bool {
        self.table.is_some()
    }

    /// Ends a cell with the text so far, spanning `colspan` columns. Its paragraphs and manual
    /// line breaks are joined as a paragraph's lines are (a cell is set as one paragraph).
    pub fn end_cell(&mut self, colspan: u32, merge: Merge) {
        let raw = std::mem::take(&mut self.text);
        let mut lines = Styled::default();
        for (range, marks) in raw.parts() {
            lines.push(&raw.text[range].replace('\u{2028}', "\n"), marks);
        }
        let text = markup::write(&tidy(&lines));
        if let Some(t) = &mut self.table {
            t.cell(text, colspan, merge);
        }
    }

    /// Ends a row of the table; `header` when the source marks it as a header row.
    pub fn end_row(&mut self, header: bool) {
        if let Some(t) = &mut self.table {
            t.end_row(header);
        }
    }

    /// The columns' alignment (`left`, `center`, `right`).
    pub fn table_align(&mut self, align: Vec<&'static str>) {
        if let Some(t) = &mut self.table {
            t.align(align);
        }
    }

    /// The table ends: it becomes a table block (if it has cells).
    pub fn end_table(&mut self) {
        self.text = Styled::default();
        if let Some(t) = self.table.take().and_then(table::TableBuild::finish) {
            self.article.items.push(Item::Table(t));
        }
        self.list_ended = true;
    }

    /// A picture the article shows under `name`, read by `read` the first time the name is
    /// met: a picture shown again shares the bytes (and the file it is saved as), and one that
    /// cannot be embedded is reported once.
    pub fn image(
        &mut self,
        name: &str,
        alt: Option<String>,
        read: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
    ) -> Result<(), String> {
        let bytes = match self.pictures.get(name) {
            Some(known) => known.clone(),
            None => {
                let bytes = read(name)?;
                self.picture_bytes += bytes.len() as u64;
                let limit = self.picture_limit.unwrap_or(MAX_ARTICLE_PICTURE_BYTES);
                if self.picture_bytes > limit {
                    let mb = limit / (1024 * 1024);
                    return Err(crate::messages::msg::import_pictures_too_large(name, mb).text);
                }
                let usable = match crate::images::decode(&bytes) {
                    Ok(_) => Some(Arc::from(bytes)),
                    Err(why) => {
                        let warning = crate::messages::msg::image_not_embeddable(name, why);
                        self.article.warnings.push(warning);
                        None
                    }
                };
                self.pictures.insert(name.to_string(), usable.clone());
                usable
            }
        };
        let Some(bytes) = bytes else {
            return Ok(());
        };
        self.article.items.push(Item::Image(ImageItem {
            name: name.to_string(),
            bytes,
            caption: None,
            alt: alt
                .map(|a| tidy(&Styled::plain(a)).text)
                .filter(|a| !a.is_empty()),
        }));
        Ok(())
    }

    /// ` after “…”`: the last characters of the block read so far, to say in a warning where
    /// something left out was, whatever the format read (nothing at a block's start).
    pub fn after_text(&self) -> String {
        let text = &self.text.text;
        let count = text.chars().count();
        let tail: String = text.chars().skip(count.saturating_sub(12)).collect();
        match tail.trim() {
            "" => String::new(),
            t => crate::messages::msg::docx_symbol_after(t).text,
        }
    }

    /// A warning for the user: a message that says what was left out or changed, and where.
    pub fn warn(&mut self, what: crate::messages::Message) {
        self.article.warnings.push(what);
    }

    pub fn finish(mut self) -> Article {
        if self.in_table() {
            self.end_table();
        }
        self.end_block(0);
        attach_captions(&mut self.article.items);
        self.article
    }
}

/// Collapses the spaces and line breaks a reader collected, as a definition's paragraphs are
/// joined ([`crate::model::prose::join_lines`]), keeping each character's marks; forced breaks
/// stay.
fn tidy(text: &Styled) -> Styled {
    let chars: Vec<(char, Marks)> = text
        .parts()
        .flat_map(|(range, marks)| text.text[range].chars().map(move |c| (c, marks)))
        .collect();
    let mut joined: Vec<(char, Marks)> = Vec::with_capacity(chars.len());
    for (k, part) in chars.split(|&(c, _)| c == '\u{2028}').enumerate() {
        if k > 0 {
            joined.push(('\u{2028}', Marks::NONE));
        }
        let start = part.iter().take_while(|(c, _)| *c == '\u{3000}').count();
        join_lines(&part[start..], &mut joined);
    }
    let trim = |c: &(char, Marks)| c.0.is_whitespace();
    let start = joined.iter().take_while(|c| trim(c)).count();
    let end = joined.len() - joined[start..].iter().rev().take_while(|c| trim(c)).count();
    let mut out = Styled::default();
    for &(c, marks) in &joined[start..end] {
        out.push(c.encode_utf8(&mut [0; 4]), marks);
    }
    out
}

/// [`crate::model::prose::join_lines`] on marked characters: lines trimmed, empty ones left
/// out, a space between lines only where neither side is a wide character, runs of spaces and
/// tabs collapsed to one space.
fn join_lines(part: &[(char, Marks)], out: &mut Vec<(char, Marks)>) {
    use crate::model::prose::is_wide;
    let mut line_out: Vec<(char, Marks)> = Vec::new();
    for line in part.split(|&(c, _)| c == '\n') {
        let line = match line.last() {
            Some(('\r', _)) => &line[..line.len() - 1],
            _ => line,
        };
        let start = line.iter().take_while(|(c, _)| c.is_whitespace()).count();
        let end = line.len()
            - line[start..]
                .iter()
                .rev()
                .take_while(|(c, _)| c.is_whitespace())
                .count();
        let line = &line[start..end];
        if line.is_empty() {
            continue;
        }
        if let (Some(&(prev, marks)), Some(&(next, _))) = (line_out.last(), line.first()) {
            if !is_wide(prev) && !is_wide(next) {
                line_out.push((' ', marks));
            }
        }
        line_out.extend_from_slice(line);
    }
    let mut last_space = false;
    for (c, marks) in line_out {
        let space = c == ' ' || c == '\t';
        if !(space && last_space) {
            out.push((if space { ' ' } else { c }, marks));
        }
        last_space = space;
    }
}

/// `text` without `mark`.
fn without(text: &Styled, mark: Marks) -> Styled {
    let mut out = Styled::default();
    for (range, marks) in text.parts() {
        out.push(&text.text[range], Marks(marks.0 & !mark.0));
    }
    out
}

/// `图 3 说明`, `图3：说明`, `图 3. 说明` → `说明` (an empty caption is `Some("")`).
pub fn figure_caption(paragraph: &str) -> Option<String> {
    let rest = paragraph.trim().strip_prefix('图')?;
    let rest = rest.trim_start();
    let digits = rest
        .char_indices()
        .take_while(|(_, c)| {
            c.is_ascii_digit() || ('０'..='９').contains(c) || *c == '-' || *c == '.'
        })
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    if !rest[..digits]
        .chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return None;
    }
    let caption = rest[digits..]
        .trim_start_matches(|c: char| c.is_whitespace() || "：:、．.".contains(c))
        .trim_end();
    Some(caption.to_string())
}

/// Each image takes the `图 N` paragraph right after it as its caption (the paragraph goes);
/// without one, its alternative text.
fn attach_captions(items: &mut Vec<Item>) {
    let mut i = 0;
    while i < items.len() {
        if let Item::Image(_) = &items[i] {
            let caption = match items.get(i + 1) {
                Some(Item::Paragraph(p)) => figure_caption(p),
                _ => None,
            };
            if caption.is_some() {
                items.remove(i + 1);
            }
            if let Item::Image(img) = &mut items[i] {
                // Alternative text is plain text: escaped for the caption's markup.
                img.caption =
                    caption.or_else(|| img.alt.as_ref().map(|a| markup::write(&Styled::plain(a))));
            }
        }
        i += 1;
    }
}

/// An article's blocks as TOML to append to a definition. `figure_path(i, image)` is the path
/// (relative to the definition) the caller saves image `i` (0-based, in
/// [`Article::pictures`]) under.
pub fn blocks_toml(article: &Article, figure_path: &dyn Fn(usize, &ImageItem) -> String) -> String {
    let mut out = String::new();
    let mut paragraphs: Vec<&str> = Vec::new();
    let flush = |paragraphs: &mut Vec<&str>, out: &mut String| {
        if !paragraphs.is_empty() {
            let text = paragraphs.join("\n\n");
            out.push_str(&format!("\n[[blocks]]\ntext = {}\n", multi_line(&text)));
            paragraphs.clear();
        }
    };
    let pictures: HashMap<&str, usize> = article
        .pictures()
        .iter()
        .enumerate()
        .map(|(i, img)| (img.name.as_str(), i))
        .collect();
    for item in &article.items {
        if let Item::Paragraph(p) = item {
            paragraphs.push(p);
            continue;
        }
        flush(&mut paragraphs, &mut out);
        match item {
            Item::Title(t) => out.push_str(&format!("\n[[blocks]]\ntitle = {}\n", one_line(t))),
            Item::Heading(level, h) => {
                out.push_str(&format!("\n[[blocks]]\nheading = {}\n", one_line(h)));
                if *level != 1 {
                    out.push_str(&format!("level = {level}\n"));
                }
            }
            Item::List(list) => {
                out.push_str("\n[[blocks]]\nlist = [\n");
                for (item, children) in &list.items {
                    out.push_str(&format!("  {},\n", one_line(item)));
                    if !children.is_empty() {
                        let nested: Vec<String> = children.iter().map(|c| one_line(c)).collect();
                        out.push_str(&format!("  [{}],\n", nested.join(", ")));
                    }
                }
                out.push_str("]\n");
                if let Some(n) = &list.numbering {
                    out.push_str(&format!("numbering = {}\n", one_line(n)));
                }
                if let Some(start) = list.start {
                    out.push_str(&format!("start = {start}\n"));
                }
            }
            Item::Image(img) => {
                let path = figure_path(pictures[img.name.as_str()], img);
                out.push_str(&format!("\n[[blocks]]\nfigure = {}\n", one_line(&path)));
                if let Some(c) = img.caption.as_ref().filter(|c| !c.is_empty()) {
                    out.push_str(&format!("caption = {}\n", one_line(c)));
                }
            }
            Item::Table(t) => out.push_str(&table::toml(t, &one_line)),
            Item::Paragraph(_) => unreachable!("collected above"),
        }
    }
    flush(&mut paragraphs, &mut out);
    out
}

/// Whether `s` can be written between literal-string quotes (no control characters but tab).
fn literal_safe(s: &str) -> bool {
    !s.chars()
        .any(|c| (c.is_control() && c != '\t' && c != '\n') || c == '\u{7F}')
}

/// A one-line value: a literal string `'…'` when it can be one (backslashes stay as written),
/// otherwise a basic string with escapes.
fn one_line(s: &str) -> String {
    if literal_safe(s) && !s.contains(['\'', '\n']) {
        format!("'{s}'")
    } else {
        toml_edit::Value::from(s).to_string().trim().to_string()
    }
}

/// A multi-line value as `'''…'''` when it can be one.
fn multi_line(s: &str) -> String {
    if literal_safe(s) && !s.contains("'''") && !s.ends_with('\'') {
        format!("'''\n{s}\n'''")
    } else {
        toml_edit::Value::from(s).to_string().trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each distinct picture is read once and counted once against the article's limit; the
    /// one that takes the total past it is refused by name, and a picture that cannot be
    /// embedded is reported once however often it is shown.
    #[test]
    fn pictures_are_read_once_and_bounded_in_all() {
        let png = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/cqa-2020-03-10/fig2.png"
        ))
        .unwrap();
        let mut b = Builder {
            picture_limit: Some(2 * png.len() as u64 + 10),
            ..Builder::default()
        };
        let mut reads = Vec::new();
        let mut read = |name: &str| -> Result<Vec<u8>, String> {
            reads.push(name.to_string());
            Ok(if name == "bad.png" {
                b"junk".to_vec()
            } else {
                png.clone()
            })
        };
        for name in ["a.png", "bad.png", "a.png", "b.png", "bad.png", "a.png"] {
            b.image(name, None, &mut read).unwrap();
        }
        let err = b.image("c.png", None, &mut read).unwrap_err();
        assert!(err.contains("`c.png`"), "{err}");
        assert_eq!(reads, ["a.png", "bad.png", "b.png", "c.png"]);
        let article = b.finish();
        let shown: Vec<&str> = article
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Image(img) => Some(img.name.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(shown, ["a.png", "a.png", "b.png", "a.png"]);
        let distinct: Vec<&str> = article.pictures().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(distinct, ["a.png", "b.png"]);
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
    }

    #[test]
    fn captions_are_recognised() {
        assert_eq!(figure_caption("图 1 吉林质协").as_deref(), Some("吉林质协"));
        assert_eq!(figure_caption("图2：会员单位").as_deref(), Some("会员单位"));
        assert_eq!(figure_caption("图３．说明").as_deref(), Some("说明"));
        assert_eq!(figure_caption("图书馆开放"), None);
        assert_eq!(figure_caption("图 说明"), None);
    }

    #[test]
    fn blocks_are_written_as_literal_strings() {
        let article = Article {
            items: vec![
                Item::Title("标题".into()),
                Item::Heading(2, "一、小标题".into()),
                Item::Paragraph("路径 D:\\质协\\2020。".into()),
                Item::Paragraph("第二段 it's".into()),
            ],
            warnings: vec![],
        };
        let toml = blocks_toml(&article, &|i, _| format!("images/{i}.png"));
        assert!(toml.contains("title = '标题'"), "{toml}");
        assert!(toml.contains("level = 2"), "{toml}");
        assert!(
            toml.contains("'''\n路径 D:\\质协\\2020。\n\n第二段 it's\n'''"),
            "{toml}"
        );
        let parsed: toml::Table = toml::from_str(&toml).unwrap();
        let blocks = parsed["blocks"].as_array().unwrap();
        assert_eq!(blocks.len(), 3);
    }
}
