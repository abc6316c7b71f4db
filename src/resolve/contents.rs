//! The entries of a table of contents: the titles after it and, to the depth it asks, the
//! headings, up to the next attachment (a contents block in an attachment lists that
//! attachment). Read once every block is in place, since the entries point at blocks by index.

use super::document::{Content, ContentsEntry, Role};
use crate::model::markup::Styled;

/// Fills each contents block of `out` with its entries; `depths` are the heading levels each
/// lists, in the blocks' order.
pub fn fill(out: &mut [Content], depths: &[u8]) {
    let mut depths = depths.iter();
    for i in 0..out.len() {
        if !matches!(out[i], Content::Contents { .. }) {
            continue;
        }
        let depth = depths.next().copied().unwrap_or(0);
        let found = entries(&out[i + 1..], i + 1, depth);
        if let Content::Contents { entries, .. } = &mut out[i] {
            *entries = found;
        }
    }
}

/// The entries for the blocks `after` (the first of them at index `first`).
fn entries(after: &[Content], first: usize, depth: u8) -> Vec<ContentsEntry> {
    let mut found = Vec::new();
    for (k, block) in after.iter().enumerate() {
        let Content::Text { role, text, .. } = block else {
            continue;
        };
        let level = match *role {
            Role::AttachmentHead => break,
            Role::Title => 0,
            Role::Heading(l) if l <= depth => l,
            _ => continue,
        };
        // A title broken over lines by its author is one entry (the lines run on); its marks
        // (a bold or emphasised word) stay.
        let mut line = Styled::default();
        for part in text.lines() {
            line.append(&part, crate::model::markup::Marks::NONE);
        }
        found.push(ContentsEntry {
            target: first + k,
            level,
            text: line,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(role: Role, t: &str) -> Content {
        Content::Text {
            role,
            text: Styled::plain(t),
            at: 0..0,
        }
    }

    #[test]
    fn titles_and_headings_up_to_the_next_attachment() {
        let mut out = vec![
            text(Role::Title, "前"),
            Content::Contents {
                heading: None,
                entries: Vec::new(),
                at: 0..0,
            },
            text(Role::Title, "甲\n乙"),
            text(Role::Heading(1), "一、"),
            text(Role::Heading(2), "（一）"),
            text(Role::Body, "正文"),
            text(Role::AttachmentHead, "附件1"),
            text(Role::Title, "附件标题"),
        ];
        fill(&mut out, &[1]);
        let Content::Contents { entries, .. } = &out[1] else {
            panic!()
        };
        let got: Vec<(usize, u8, &str)> = entries
            .iter()
            .map(|e| (e.target, e.level, e.text.text.as_str()))
            .collect();
        assert_eq!(got, [(2, 0, "甲乙"), (3, 1, "一、")]);
    }

    /// An entry keeps its title's marks: a bold or emphasised word stays so in the contents.
    #[test]
    fn entries_keep_their_marks() {
        use crate::model::markup::Marks;
        let mut title = Styled::plain("质量");
        title.push("强国\n", Marks::BOLD);
        title.push("建设", Marks::EMPHASIS);
        let mut out = vec![
            Content::Contents {
                heading: None,
                entries: Vec::new(),
                at: 0..0,
            },
            Content::Text {
                role: Role::Title,
                text: title,
                at: 0..0,
            },
        ];
        fill(&mut out, &[0]);
        let Content::Contents { entries, .. } = &out[0] else {
            panic!()
        };
        let parts: Vec<(&str, Marks)> = entries[0]
            .text
            .parts()
            .map(|(r, m)| (&entries[0].text.text[r], m))
            .collect();
        assert_eq!(
            parts,
            [
                ("质量", Marks::NONE),
                ("强国", Marks::BOLD),
                ("建设", Marks::EMPHASIS)
            ]
        );
    }
}
