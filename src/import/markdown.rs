//! Markdown articles (CommonMark, read with pulldown-cmark): `#` headings, paragraphs, lists
//! (`1.` numbered, `-` bulleted, nested), block quotes as paragraphs, code as its text, images
//! (`![说明](img/a.jpg)`) as figures; `**bold**`, `*emphasis*`, `^sup^`, `~sub~` and the HTML
//! tags `<sup>`, `<sub>`, `<u>` as inline marks; tables (GitHub's pipe tables) as table blocks,
//! the head the header row and the delimiter row's colons (`:--`, `:-:`, `--:`) the columns'
//! alignment (an image in a cell is its alternative text there). What a bulletin cannot hold is
//! said, not dropped: a footnote (its mark and its text, quoted), struck-through text (`~~…~~`,
//! kept plain), an HTML block (its text kept, its tags dropped); `<br>` is a line break. The
//! caller reads image files (relative to the article), so this stays free of I/O.

use super::{Article, Builder, Merge};
use crate::messages::msg;
use crate::model::markup::Marks;
use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// The mark an inline HTML tag opens (`Some(true, …)`) or closes.
fn html_mark(html: &str) -> Option<(bool, Marks)> {
    let tag = html.trim().strip_prefix('<')?.strip_suffix('>')?.trim();
    let (open, name) = match tag.strip_prefix('/') {
        Some(name) => (false, name.trim()),
        None => (true, tag),
    };
    let mark = match name.to_ascii_lowercase().as_str() {
        "sup" => Marks::SUP,
        "sub" => Marks::SUB,
        "u" | "ins" => Marks::UNDERLINE,
        "b" | "strong" => Marks::BOLD,
        "i" | "em" => Marks::EMPHASIS,
        _ => return None,
    };
    Some((open, mark))
}

/// `<br>`, `<br/>`, `<BR />`: a line break.
fn is_line_break(html: &str) -> bool {
    let tag = html.trim().trim_start_matches('<').trim_end_matches('>');
    let tag = tag.trim_end_matches('/').trim();
    tag.eq_ignore_ascii_case("br")
}

/// The text of some HTML: tags and comments dropped, `<br>` and the end of a `<p>` or `<div>`
/// as forced line breaks (U+2028, as [`Builder::line_break`]), the common entities as their
/// characters.
fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find(['<', '&']) {
        out.push_str(&rest[..open]);
        let at = &rest[open..];
        if let Some(comment) = at.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        } else if at.starts_with('<') {
            let end = at.find('>').map_or(at.len(), |e| e + 1);
            let tag = &at[..end];
            if is_line_break(tag) || tag.starts_with("</p") || tag.starts_with("</div") {
                out.push('\u{2028}');
            }
            rest = &at[end..];
        } else {
            let entity = at.find(';').filter(|&e| e <= 8).map(|e| &at[..=e]);
            let decoded = match entity {
                Some("&amp;") => Some('&'),
                Some("&lt;") => Some('<'),
                Some("&gt;") => Some('>'),
                Some("&quot;") => Some('"'),
                Some("&#39;" | "&apos;") => Some('\''),
                Some("&nbsp;") => Some('\u{a0}'),
                _ => None,
            };
            match (entity, decoded) {
                (Some(e), Some(c)) => {
                    out.push(c);
                    rest = &at[e.len()..];
                }
                _ => {
                    out.push('&');
                    rest = &at[1..];
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads a Markdown article; `image(path)` returns the bytes of an image the article names.
pub fn read(
    text: &str,
    image: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<Article, String> {
    let mut out = Builder::default();
    // Inside `![alt](…)`: the alt text goes here, not into the paragraph.
    let mut in_image: Option<(String, String)> = None;
    // The inline marks open, innermost last.
    let mut marks: Vec<Marks> = Vec::new();
    let mut mark = |out: &mut Builder, m: Marks, open: bool| {
        if open {
            marks.push(m);
        } else if let Some(k) = marks.iter().rposition(|&o| o == m) {
            marks.remove(k);
        }
        out.marks(marks.iter().fold(Marks::NONE, |a, &b| a.with(b)));
    };
    // The lists open, outermost first: each one's first number (`None`: bulleted) and whether
    // an item of it has been written.
    let mut lists: Vec<(Option<u64>, bool)> = Vec::new();
    let end_item = |out: &mut Builder, lists: &mut Vec<(Option<u64>, bool)>| {
        let depth = lists.len().saturating_sub(1) as u8;
        if let Some((first, started)) = lists.last_mut() {
            let numbering = first.is_none().then_some("•");
            let start = match (*started, *first) {
                (false, Some(n)) => Some(n.min(u32::MAX as u64) as u32),
                _ => None,
            };
            out.end_item(depth, numbering, start);
            *started = true;
        }
    };
    // Inside a footnote's definition: its label and text, for the warning (not the article).
    let mut footnote: Option<(String, String)> = None;
    // Inside `~~…~~`: the text struck through so far in the block.
    let mut struck: Option<String> = None;
    // Inside an HTML block: its raw text.
    let mut html_block: Option<String> = None;
    let options = Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(text, options) {
        if let Some((label, note)) = &mut footnote {
            match event {
                Event::Text(t) | Event::Code(t) => note.push_str(&t),
                Event::SoftBreak | Event::HardBreak => note.push(' '),
                Event::End(TagEnd::FootnoteDefinition) => {
                    let quoted = crate::diagnostics::quote_cut(note.trim(), 40);
                    out.warn(msg::md_footnote(&*label, quoted));
                    footnote = None;
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                footnote = Some((label.to_string(), String::new()))
            }
            Event::FootnoteReference(_) => {
                let after = out.after_text();
                out.warn(msg::import_note(after))
            }
            Event::Start(Tag::Strikethrough) => struck = Some(String::new()),
            Event::End(TagEnd::Strikethrough) => {
                if let Some(text) = struck.take().filter(|t| !t.trim().is_empty()) {
                    let quoted = crate::diagnostics::quote_cut(text.trim(), 40);
                    out.warn(msg::import_struck(quoted));
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                out.end_block(0);
                html_block = Some(String::new());
            }
            Event::Html(html) => match &mut html_block {
                Some(block) => block.push_str(&html),
                None => out.text(&html_text(&html)),
            },
            Event::End(TagEnd::HtmlBlock) => {
                let raw = html_block.take().unwrap_or_default();
                let text = html_text(&raw);
                // A comment alone is a note to the writer, not part of the article.
                if !text.trim().is_empty() || raw.to_ascii_lowercase().contains("<img") {
                    let shown = raw.split_whitespace().collect::<Vec<_>>().join(" ");
                    out.warn(msg::md_html(crate::diagnostics::quote_cut(&shown, 40)));
                    out.text(text.trim());
                    out.end_block(0);
                }
            }
            Event::Start(Tag::Strong) => mark(&mut out, Marks::BOLD, true),
            Event::End(TagEnd::Strong) => mark(&mut out, Marks::BOLD, false),
            Event::Start(Tag::Emphasis) => mark(&mut out, Marks::EMPHASIS, true),
            Event::End(TagEnd::Emphasis) => mark(&mut out, Marks::EMPHASIS, false),
            Event::Start(Tag::Superscript) => mark(&mut out, Marks::SUP, true),
            Event::End(TagEnd::Superscript) => mark(&mut out, Marks::SUP, false),
            Event::Start(Tag::Subscript) => mark(&mut out, Marks::SUB, true),
            Event::End(TagEnd::Subscript) => mark(&mut out, Marks::SUB, false),
            Event::InlineHtml(html) => {
                if let Some((open, m)) = html_mark(&html) {
                    mark(&mut out, m, open);
                } else if is_line_break(&html) {
                    out.line_break();
                }
            }
            Event::Start(Tag::List(first)) => {
                // The text of the item a list is nested in ends before it.
                if lists.is_empty() {
                    out.end_block(0);
                } else {
                    end_item(&mut out, &mut lists);
                }
                lists.push((first, false));
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.end_list();
                }
            }
            Event::End(TagEnd::Item) => end_item(&mut out, &mut lists),
            // An item's paragraphs (a loose list) are one item.
            Event::End(TagEnd::Paragraph) if !lists.is_empty() => out.text("\n"),
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = Some((dest_url.to_string(), String::new()))
            }
            Event::Start(Tag::Table(align)) => {
                out.start_table();
                out.table_align(
                    align
                        .iter()
                        .map(|a| match a {
                            Alignment::Center => "center",
                            Alignment::Right => "right",
                            Alignment::None | Alignment::Left => "left",
                        })
                        .collect(),
                );
            }
            Event::End(TagEnd::TableHead) => out.end_row(true),
            Event::End(TagEnd::TableRow) => out.end_row(false),
            Event::End(TagEnd::TableCell) => out.end_cell(1, Merge::None),
            Event::End(TagEnd::Table) => out.end_table(),
            Event::End(TagEnd::Image) if out.in_table() => {
                if let Some((_, alt)) = in_image.take() {
                    out.text(&alt);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((path, alt)) = in_image.take() {
                    // The text before the image is a paragraph of its own.
                    out.end_block(0);
                    if path.contains("://") {
                        out.warn(msg::md_image_outside(&path));
                        continue;
                    }
                    out.image(&path, Some(alt), image)?;
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut in_image {
                Some((_, alt)) => alt.push_str(&t),
                None => {
                    if let Some(struck) = &mut struck {
                        struck.push_str(&t);
                    }
                    out.text(&t)
                }
            },
            Event::SoftBreak => out.text("\n"),
            Event::HardBreak => out.line_break(),
            Event::End(TagEnd::Heading(level)) => out.end_block(match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 | HeadingLevel::H6 => 5,
            }),
            Event::End(TagEnd::Paragraph | TagEnd::CodeBlock) => out.end_block(0),
            Event::Start(Tag::Heading { .. }) => out.end_block(0),
            _ => {}
        }
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Item;

    #[test]
    fn headings_paragraphs_and_figures() {
        let md = "# 标题\n\n## 一、小标题\n\n第一段**加粗**，\n续行 5*3 {x}。\n\n![吉林质协](a.png)\n\n图 1 吉林质协发出倡议\n\n- 条目一\n- 条目*二*\n  1. 嵌套 m<sup>2</sup>\n  2. H<sub>2</sub>O<sup>①</sup>\n\n3. 第三\n4. <u>第四</u>\n";
        let png = {
            let mut out = Vec::new();
            image::ImageEncoder::write_image(
                image::codecs::png::PngEncoder::new(&mut out),
                &[0u8; 3],
                1,
                1,
                image::ExtendedColorType::Rgb8,
            )
            .unwrap();
            out
        };
        let article = read(md, &mut |p| {
            assert_eq!(p, "a.png");
            Ok(png.clone())
        })
        .unwrap();
        let items = &article.items;
        assert_eq!(items[0], Item::Title("标题".into()));
        assert_eq!(items[1], Item::Heading(1, "一、小标题".into()));
        assert_eq!(
            items[2],
            Item::Paragraph("第一段**加粗**，续行 5\\*3 \\{x\\}。".into())
        );
        match &items[3] {
            Item::Image(img) => assert_eq!(img.caption.as_deref(), Some("吉林质协发出倡议")),
            other => panic!("{other:?}"),
        }
        let list = |numbering: Option<&str>, start, items: &[(&str, &[&str])]| {
            Item::List(crate::import::List {
                numbering: numbering.map(str::to_string),
                start,
                items: items
                    .iter()
                    .map(|(t, c)| (t.to_string(), c.iter().map(|c| c.to_string()).collect()))
                    .collect(),
            })
        };
        assert_eq!(
            items[4],
            list(
                Some("•"),
                None,
                &[
                    ("条目一", &[]),
                    ("条目{em:二}", &["嵌套 m{sup:2}", "H{sub:2}O{sup:①}"])
                ]
            )
        );
        assert_eq!(
            items[5],
            list(None, Some(3), &[("第三", &[]), ("{u:第四}", &[])])
        );
        assert_eq!(items.len(), 6);
    }

    /// What a bulletin cannot hold is said: a footnote's definition (`[^1]: …`, which
    /// CommonMark alone reads as a link definition, its text lost and the mark printed as
    /// `^1`), `~~struck~~` text (printed with its tildes), an HTML block (dropped whole). `<br>`
    /// is a line break; a comment alone is nothing.
    #[test]
    fn footnotes_strikethrough_and_html_are_reported_not_lost() {
        let md = "正文~~删除~~和脚注[^a]。<br>次行\n\n<div align=\"center\">居中&amp;文字<br/>第二行</div>\n\n\
                  <!-- 给编辑的话 -->\n\n尾段。\n\n[^a]: 脚注的*内容*。\n";
        let article = read(md, &mut |_| unreachable!()).unwrap();
        assert_eq!(
            article.items,
            [
                Item::Paragraph("正文删除和脚注。\u{2028}次行".into()),
                Item::Paragraph("居中&文字\u{2028}第二行".into()),
                Item::Paragraph("尾段。".into()),
            ]
        );
        let warnings: Vec<&str> = article.warnings.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        assert!(warnings[0].contains("“删除”"), "{warnings:?}");
        assert!(
            warnings[1].contains("after “正文删除和脚注”"),
            "{warnings:?}"
        );
        assert!(
            warnings[2].contains("`<div align=\"center\">居中&amp;"),
            "{warnings:?}"
        );
        assert!(warnings[3].contains("[^a] “脚注的内容。”"), "{warnings:?}");
    }
}
