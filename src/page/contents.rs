//! Tables of contents (本期要目): each entry is its title (or heading) set on the measure less
//! the room of its page number, then a leader repeated from the text's end to the page number
//! at the right edge. The leaders' dots sit at multiples of their own width from the text
//! block's left edge, so that the dots of every entry line up in columns.
//!
//! The page numbers are those of the pages where the titles land, and the table's own length
//! can move them (a longer table pushes the first article down, a page number of two digits
//! may wrap an entry onto a second line): [`super::paginate`] lays the document out, reads the
//! pages off the layout ([`found`]) and lays it out again with them until they no longer change
//! — at most [`MAX_PASSES`] times; if they still change, it warns and prints the last numbers.

use super::blocks::{baseline_in_slot, set_text, Piece, SetLine, TextPiece};
use super::{oneline, LineRecord, Report, TextRun};
use crate::messages::msg;
use crate::model::markup::Styled;
use crate::resolve::{Content, ContentsEntry, Document, Role};
use crate::units::Pt;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The printed page number of each block a table of contents points at, by block index.
pub type Numbers = BTreeMap<usize, u32>;

/// The most layouts tried before the page numbers are given up on as unsettled. Each pass can
/// only move a title later by what the table's lines grew; two or three passes settle real
/// bulletins.
pub const MAX_PASSES: usize = 6;

/// The pieces of a table of contents: its heading, then one piece for each entry (an entry
/// never splits across pages, the table may).
pub fn pieces(
    doc: &Document,
    block: usize,
    heading: Option<&Styled>,
    entries: &[ContentsEntry],
    numbers: &Numbers,
    report: &mut Report,
) -> Vec<Piece> {
    let measure = doc.page.text_width();
    let at = match &doc.blocks[block] {
        Content::Contents { at, .. } => at.clone(),
        _ => 0..0,
    };
    let mut out = Vec::with_capacity(entries.len() + 1);
    if let Some(h) = heading {
        let style = doc.style(Role::Contents);
        let lines = set_text(
            doc,
            style,
            h,
            (measure, style.indent),
            &at,
            "contents heading",
            report,
        );
        out.push(Piece::Text(TextPiece::new(
            block,
            Role::Contents,
            style,
            lines,
        )));
    }
    for entry in entries {
        let role = if entry.level == 0 {
            Role::ContentsEntry
        } else {
            Role::ContentsEntry2
        };
        let style = doc.style(role);
        let left = style.indent * f64::from(entry.level.max(1));
        let number = numbers
            .get(&entry.target)
            .copied()
            .unwrap_or(doc.meta.first_page);
        let what = "contents entry";
        let Some(shown) = oneline::set(doc, style, &number.to_string(), Pt::ZERO, what, report)
        else {
            continue;
        };
        let leader = leader_of(doc, role);
        let dot = oneline::set(doc, style, &leader, Pt::ZERO, what, report);
        // Room for the number, and at least two leaders (or an em) before it.
        let space = style.size * 0.25;
        let least = dot.as_ref().map_or(style.size, |d| d.width * 2.0) + space * 2.0;
        let width = (measure - left - shown.width - least).max(style.size * 2.0);
        let mut lines: Vec<SetLine> = set_text(
            doc,
            style,
            &entry.text,
            (width, Pt::ZERO),
            &at,
            what,
            report,
        );
        for line in &mut lines {
            line.run.x += left;
        }
        let baseline = baseline_in_slot(doc, style);
        let number_x = measure - shown.width;
        if let Some(last) = lines.last_mut() {
            let end = last.run.x + last.width;
            if let Some(dot) = dot {
                if let Some(run) = leaders(dot, &leader, end + space, number_x - space) {
                    last.extra.push(TextRun { baseline, ..run });
                }
            }
            last.extra.push(shown.at(number_x, baseline));
        }
        out.push(Piece::Text(TextPiece::new(block, role, style, lines)));
    }
    out
}

/// The leader a role's entries use (`leader` in its table or the one it is based on).
fn leader_of(doc: &Document, role: Role) -> String {
    doc.leaders
        .get(&role)
        .cloned()
        .unwrap_or_else(|| ".".to_string())
}

/// The leader `dot` (set once, as `text`) repeated at multiples of its width from the text
/// block's left edge, every copy wholly between `from` and `to`; `None` when none fits.
fn leaders(dot: oneline::OneLine, text: &str, from: Pt, to: Pt) -> Option<TextRun> {
    let pitch = dot.width;
    if pitch.0 <= 0.0 {
        return None;
    }
    let first = (from.0 / pitch.0).ceil() as i64;
    let last = ((to.0 - pitch.0) / pitch.0).floor() as i64;
    if last < first {
        return None;
    }
    let count = (last - first + 1) as usize;
    let unit = text.len() as u32;
    let origin = pitch * first as f64;
    let mut glyphs = Vec::with_capacity(count * dot.run.glyphs.len());
    for k in 0..count {
        for g in &dot.run.glyphs {
            let mut g = g.clone();
            g.x += pitch * k as f64;
            let at = unit * k as u32;
            g.text = g.text.start + at..g.text.end + at;
            glyphs.push(g);
        }
    }
    Some(TextRun {
        x: origin,
        glyphs,
        text: Arc::from(text.repeat(count).as_str()),
        ..dot.run
    })
}

/// Whether the document has a table of contents (which needs more than one pass).
pub fn present(doc: &Document) -> bool {
    doc.blocks
        .iter()
        .any(|b| matches!(b, Content::Contents { entries, .. } if !entries.is_empty()))
}

/// Where the blocks the tables of contents point at landed: the printed number of the page
/// with each one's first line. The flow numbers its pages on from the first page's number;
/// only pages of the end block's own come after them.
pub fn found(doc: &Document, lines: &[LineRecord]) -> Numbers {
    let mut wanted: Numbers = BTreeMap::new();
    for block in &doc.blocks {
        if let Content::Contents { entries, .. } = block {
            for e in entries {
                wanted.insert(e.target, 0);
            }
        }
    }
    if wanted.is_empty() {
        return wanted;
    }
    for line in lines {
        if let Some(n) = wanted.get_mut(&line.block).filter(|n| **n == 0) {
            *n = doc.meta.first_page + line.page as u32;
        }
    }
    wanted.retain(|_, n| *n != 0);
    wanted
}

/// Warns that the page numbers did not settle: the entries printed with a number other than
/// the page their title is on.
pub fn unsettled(doc: &Document, printed: &Numbers, actual: &Numbers, report: &mut Report) {
    let wrong: Vec<String> = actual
        .iter()
        .filter(|&(block, n)| printed.get(block) != Some(n))
        .filter_map(|(&block, n)| {
            let Content::Text { text, .. } = &doc.blocks[block] else {
                return None;
            };
            let shown = printed.get(&block).copied().unwrap_or(doc.meta.first_page);
            Some(msg::contents_entry_moved(text.text.replace('\n', ""), n, shown).text)
        })
        .collect();
    if wrong.is_empty() {
        return;
    }
    report.warn(doc, msg::contents_unsettled(MAX_PASSES, wrong.join("; ")));
}
