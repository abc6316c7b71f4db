//! Markdown articles (CommonMark, read with pulldown-cmark): `#` headings, paragraphs, list
//! items and block quotes as paragraphs, code as its text, images (`![说明](img/a.jpg)`) as
//! figures. The caller reads image files (relative to the article), so this stays free of I/O.

use super::{Article, Builder};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Reads a Markdown article; `image(path)` returns the bytes of an image the article names.
pub fn read(
    text: &str,
    image: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<Article, String> {
    let mut out = Builder::default();
    // Inside `![alt](…)`: the alt text goes here, not into the paragraph.
    let mut in_image: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                in_image = Some((dest_url.to_string(), String::new()))
            }
            Event::End(TagEnd::Image) => {
                if let Some((path, alt)) = in_image.take() {
                    // The text before the image is a paragraph of its own.
                    out.end_block(0);
                    if path.contains("://") {
                        out.skipped(crate::messages::msg::md_image_outside(&path).text);
                        continue;
                    }
                    let bytes = image(&path)?;
                    out.image(&path, bytes, Some(alt));
                }
            }
            Event::Text(t) | Event::Code(t) => match &mut in_image {
                Some((_, alt)) => alt.push_str(&t),
                None => out.text(&t),
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
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::CodeBlock) => out.end_block(0),
            Event::Start(Tag::Item | Tag::Heading { .. }) => out.end_block(0),
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
        let md = "# 标题\n\n## 一、小标题\n\n第一段**加粗**，\n续行。\n\n![吉林质协](a.png)\n\n图 1 吉林质协发出倡议\n\n- 条目一\n- 条目二\n";
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
        assert_eq!(items[2], Item::Paragraph("第一段加粗，续行。".into()));
        match &items[3] {
            Item::Image(img) => assert_eq!(img.caption.as_deref(), Some("吉林质协发出倡议")),
            other => panic!("{other:?}"),
        }
        assert_eq!(items[4], Item::Paragraph("条目一".into()));
        assert_eq!(items.len(), 6);
    }
}
