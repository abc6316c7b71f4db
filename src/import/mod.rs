//! `jianbao import`: an article written in Word (.docx) or Markdown (.md) as definition blocks.
//!
//! Both readers produce an [`Article`]: a list of titles, headings, paragraphs and images in
//! reading order. The outline decides what is what, the same way for both formats: outline
//! level 1 (Word's "Heading 1" or "Title" style, Markdown's `#`) is the article's **title**;
//! levels 2 to 5 (`##` to `#####`, "Heading 2" to "Heading 5") are **headings** of levels 1 to 4
//! (deeper ones are level 4). Everything else is a paragraph; bold and italic are kept as plain
//! text (there is no inline markup in definitions yet). An image becomes a **figure**; the
//! paragraph right after it that reads `图 N …` (or `图N：…`) is its caption, without the
//! number (jianbao numbers figures itself). Turning an article into TOML ([`blocks_toml`]) is
//! pure; the CLI reads and writes the files.

pub mod docx;
pub mod markdown;

/// One thing in an article, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Title(String),
    /// A heading of level 1–4.
    Heading(u8, String),
    Paragraph(String),
    Image(ImageItem),
}

/// An image found in an article, with its caption once one is recognised.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageItem {
    /// The name it had in the article (`media/image1.png`, `img/a.jpg`).
    pub name: String,
    pub bytes: Vec<u8>,
    pub caption: Option<String>,
    /// Alternative text (Markdown's `![alt]`), the caption when no `图 N` paragraph follows.
    pub alt: Option<String>,
}

/// An article read from a file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    pub items: Vec<Item>,
    /// What the reader skipped, for the user (an image in a format jianbao cannot embed, …).
    pub skipped: Vec<String>,
}

/// Builds an [`Article`] from a reader's events: text accumulates until a block ends.
#[derive(Default)]
pub(crate) struct Builder {
    article: Article,
    text: String,
}

impl Builder {
    pub fn text(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// A manual line break inside a paragraph (kept as a line break by the paragraph rule).
    pub fn line_break(&mut self) {
        self.text.push('\u{2028}');
    }

    /// Ends a block of `level` in the outline (0 = body text, 1 = title, 2… = headings).
    pub fn end_block(&mut self, level: u8) {
        let text = tidy(&std::mem::take(&mut self.text));
        if text.is_empty() {
            return;
        }
        self.article.items.push(match level {
            0 => Item::Paragraph(text),
            1 => Item::Title(text),
            n => Item::Heading((n - 1).min(4), text),
        });
    }

    pub fn image(&mut self, name: &str, bytes: Vec<u8>, alt: Option<String>) {
        if crate::images::decode(&bytes).is_err() {
            self.article
                .skipped
                .push(crate::messages::msg::image_not_embeddable(name).text);
            return;
        }
        self.article.items.push(Item::Image(ImageItem {
            name: name.to_string(),
            bytes,
            caption: None,
            alt: alt.map(|a| tidy(&a)).filter(|a| !a.is_empty()),
        }));
    }

    pub fn skipped(&mut self, what: String) {
        self.article.skipped.push(what);
    }

    pub fn finish(mut self) -> Article {
        self.end_block(0);
        attach_captions(&mut self.article.items);
        self.article
    }
}

/// Collapses the spaces and line breaks a reader collected; forced breaks stay.
fn tidy(text: &str) -> String {
    text.split('\u{2028}')
        .map(|part| crate::model::prose::join_lines(part.trim_start_matches('\u{3000}')))
        .collect::<Vec<_>>()
        .join("\u{2028}")
        .trim_matches(|c: char| c.is_whitespace())
        .to_string()
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
                img.caption = caption.or_else(|| img.alt.clone());
            }
        }
        i += 1;
    }
}

/// An article's blocks as TOML to append to a definition. `figure_path(i, image)` is the path
/// (relative to the definition) the caller saves image `i` (0-based) under.
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
    let mut figures = 0;
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
            Item::Image(img) => {
                let path = figure_path(figures, img);
                figures += 1;
                out.push_str(&format!("\n[[blocks]]\nfigure = {}\n", one_line(&path)));
                if let Some(c) = img.caption.as_ref().filter(|c| !c.is_empty()) {
                    out.push_str(&format!("caption = {}\n", one_line(c)));
                }
            }
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
            skipped: vec![],
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
