//! Stage 5: pages. Blocks become measured pieces ([`blocks`]), pieces flow into pages
//! ([`flow`]: figures float, headings stay with what follows, no widows or orphans) under the
//! masthead on page 1 ([`masthead`]), the end block goes to the foot of the last page
//! ([`endblock`]), and running heads and page numbers are added once the page count is known
//! ([`running`]).

mod blocks;
mod closing;
mod contents;
mod emit;
mod endblock;
mod flow;
mod letter;
mod list;
mod marks;
mod masthead;
mod missing;
mod oneline;
pub mod paint;
mod photo_row;
mod running;
pub mod structure;
mod table;
#[cfg(test)]
mod tests;

use crate::error::Warning;
use crate::model::Color;
pub use crate::resolve::Ink;
use crate::resolve::{Document, Role};
use crate::text::{LineEnd, PlacedGlyph};
use crate::units::Pt;
pub use blocks::set_body;
use std::sync::Arc;
pub use structure::{Artifact, LinkSpan, LinkTarget, Placed, Structure, Tag};

/// A laid-out document.
#[derive(Clone, Debug)]
pub struct Layout {
    /// The pages, when they were kept ([`paginate`]); empty when they went to a sink
    /// ([`paginate_into`]).
    pub pages: Vec<Page>,
    /// How many pages there are.
    pub count: usize,
    pub warnings: Vec<Warning>,
    /// The characters no font has, one for each of the first warnings (in their order): the
    /// caller, which can see the installed fonts, adds which of them have it.
    pub missing: Vec<char>,
    /// Every line of every text block, in order, as the line breaker set it.
    pub lines: Vec<LineRecord>,
    /// Pagination stopped at [`MAX_PAGES`] with content left over.
    pub overflowed: bool,
    /// Every table cell as placed (a cell of a table continued on the next page once for
    /// each page it is on; header cells again on each).
    pub cells: Vec<CellRecord>,
}

/// A table cell on a page: its rectangle (page coordinates, y downwards), where it is in its
/// table and its text. The cell's text runs are the page's text items inside the rectangle:
/// what tagging a table (Table/TR/TH/TD) groups by.
#[derive(Clone, Debug, PartialEq)]
pub struct CellRecord {
    /// Index into the layout's pages.
    pub page: usize,
    /// Index of the content block (the table).
    pub block: usize,
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    /// A header cell (TH), repeated on every page the table continues on.
    pub header: bool,
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub height: Pt,
    /// The text as set on this page (a split row's piece has part of it).
    pub text: String,
}

/// The most pages one document may have (the same as a merged print file's). Pages stream to the
/// writer, so memory grows only by what the finished file and the records of every page take:
/// about 15 KB a full page with its share of the definition (benches/pdf.sh: 10,000 pages in
/// about 145 MB, 20,000 in about 360 MB; 100,000 would take about 1.5 GB and a few minutes). A
/// bulletin has a few dozen; the cap is for a runaway input (a million page breaks), which
/// must stop with a message, not exhaust memory.
pub const MAX_PAGES: usize = 100_000;

/// One page: what to draw where. Coordinates are from the page's top-left corner, y downwards.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    /// The printed page number.
    pub number: u32,
    /// In reading order: the running head, the masthead, the blocks in document order (each
    /// figure with its caption where it is placed), the end block, the footer. The PDF's text
    /// layer follows this order, so text extraction and screen readers read the page as a
    /// person would. Each item carries its tag (what it is in the document's structure).
    pub items: Vec<Placed>,
    /// Whether running heads and the page number are drawn (GB/T 9704 7.5: not on a blank page
    /// before the 版记 nor on the 版记 page after it).
    pub numbered: bool,
}

impl Page {
    /// Item `i` (an [`paint::Op`]'s `item`) without its tag.
    pub fn item(&self, i: usize) -> &Item {
        &self.items[i].item
    }

    /// The tag of item `i`.
    pub fn tag(&self, i: usize) -> &Tag {
        &self.items[i].tag
    }

    /// The items in reading order, without their tags.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().map(|p| &p.item)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Text(TextRun),
    Rule(Rule),
    Dot(Dot),
    Image(ImageBox),
}

/// A horizontal rule: `y` is its centre line. The display list hands the item's own value to
/// the painters ([`paint::Paint::Rule`]), so a rule is described once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub thickness: Pt,
    pub color: Color,
}

/// A filled dot centred on `(x, y)`: an emphasis mark (着重号) under a character.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    pub x: Pt,
    pub y: Pt,
    pub radius: Pt,
    pub color: Color,
}

/// An image scaled into a box whose top-left corner is `(x, y)`; `multiply` paints it
/// multiplied onto what is under it (a seal over the 署名 and date: black type under the red
/// ink stays black, GB/T 9704 7.3.5.1), else over it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ImageBox {
    /// Index into the document's images.
    pub image: usize,
    pub x: Pt,
    pub y: Pt,
    pub width: Pt,
    pub height: Pt,
    pub multiply: bool,
}

/// One line of text on a page. Its glyphs may come from several styled runs: each glyph's
/// `style` is an index into `inks`, which says how it is painted. The PDF writer and the
/// preview paint from this alone; emphasis dots and underlines are items of their own
/// ([`marks`]), added where the line is placed.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Left edge of the line's first glyph position (glyph `x`s are relative to it).
    pub x: Pt,
    pub baseline: Pt,
    pub size: Pt,
    pub glyphs: Vec<PlacedGlyph>,
    /// The text the glyphs' byte ranges point into.
    pub text: Arc<str>,
    /// How each style of glyph is painted (indexed by [`PlacedGlyph::style`]).
    pub inks: Arc<[Ink]>,
    /// The stretches of the line that are links (found once the pages are laid out).
    pub links: Vec<LinkSpan>,
}

impl TextRun {
    /// The ink of a glyph.
    pub fn ink(&self, g: &PlacedGlyph) -> &Ink {
        &self.inks[(g.style as usize).min(self.inks.len() - 1)]
    }
}

/// A line as the engine set it, for `--dump-lines` and tests.
#[derive(Clone, Debug, PartialEq)]
pub struct LineRecord {
    /// Index into the layout's pages.
    pub page: usize,
    /// Index of the content block.
    pub block: usize,
    pub role: Role,
    pub text: String,
    pub end: LineEnd,
    pub ratio: f64,
    /// Width the content occupies, and the measure.
    pub width: Pt,
    pub measure: Pt,
    /// The most any one gap was widened to justify the line, and the type size.
    pub max_gap: Pt,
    pub size: Pt,
    /// How far the last mark hangs into the margin.
    pub hang: Pt,
}

/// What the page stage has to tell the user: warnings, and the characters no font has.
#[derive(Default)]
struct Report {
    warnings: Vec<Warning>,
    missing: missing::MissingChars,
    /// Slot warnings already given (a running head repeats on every page; say it once).
    said: std::collections::BTreeSet<String>,
}

impl Report {
    /// Takes in the warnings of a report made alongside this one, after this one's (a slot
    /// warning this one gave already is not repeated), and its missing characters.
    fn absorb(&mut self, other: Report) {
        for w in other.warnings {
            let repeated = other.said.contains(&w.message) && self.said.contains(&w.message);
            if !repeated {
                self.warnings.push(w);
            }
        }
        self.missing.absorb(other.missing);
    }

    /// A warning about the definition as a whole (no place in it to point at).
    fn warn(&mut self, doc: &Document, message: crate::messages::Message) {
        self.warnings
            .push(Warning::new(message, doc.source.path.display().to_string()));
    }

    /// Warns (once per message) when a line's slots were split over lines or one is wider
    /// than the line, and when the split lines need `off_page` = (needs, margin): more of the
    /// margin than there is (a running head's outermost line is then off the page); pointing
    /// at the first place in the definition that has the longest slot's text (the publisher,
    /// usually), if it is there as it is.
    fn slots(
        &mut self,
        doc: &Document,
        what: &str,
        texts: &[&str],
        arranged: &oneline::Slots,
        measure: crate::units::Pt,
        off_page: Option<(crate::units::Pt, crate::units::Pt)>,
    ) {
        use crate::messages::msg;
        let quoted: Vec<String> = texts
            .iter()
            .map(|t| format!("“{}”", crate::diagnostics::quote_cut(t, 40)))
            .collect();
        let quoted = quoted.join(&msg::and_between().text);
        let what = crate::messages::noun(what);
        let mut messages = Vec::new();
        if let Some(wide) = arranged.too_wide {
            messages.push(msg::slot_too_wide(
                &what,
                &quoted,
                format!("{:.0}", wide.to_mm()),
                format!("{:.0}", measure.to_mm()),
            ));
        } else if arranged.split {
            messages.push(msg::slots_split(
                &what,
                &quoted,
                format!("{:.0}", measure.to_mm()),
            ));
        }
        if let Some((needs, margin)) = off_page {
            messages.push(msg::slots_off_page(
                &what,
                &quoted,
                format!("{:.0}", needs.to_mm()),
                format!("{:.0}", margin.to_mm()),
            ));
        }
        for message in messages {
            if !self.said.insert(message.text.clone()) {
                continue;
            }
            let longest = texts.iter().max_by_key(|t| t.chars().count());
            // A value is written quoted; the bare text may come first in a comment.
            let place = longest.filter(|t| !t.is_empty()).and_then(|t| {
                let text = &doc.source.text;
                let quoted = ['"', '\''].iter().find_map(|q| {
                    text.find(&format!("{q}{t}{q}"))
                        .map(|at| at + 1..at + 1 + t.len())
                });
                quoted.or_else(|| text.find(*t).map(|at| at..at + t.len()))
            });
            let warning = Warning::new(message, doc.source.path.display().to_string());
            self.warnings.push(match place {
                Some(span) => warning
                    .at(&doc.source, span)
                    .label(msg::label_too_long_for_line()),
                None => warning,
            });
        }
    }
}

/// Lays the document out into pages, all held in the [`Layout`] (the preview, a merged print
/// run and the tests look at them together). [`paginate_into`] hands them out one by one.
pub fn paginate(doc: &Document) -> Layout {
    let mut pages = Vec::new();
    let mut layout = paginate_into(doc, &mut |page| pages.push(page));
    layout.pages = pages;
    layout
}

/// Lays the document out into pages, handing each to `sink` as soon as it is finished (in
/// order); the returned layout has everything but the pages, and `count` says how many there
/// were. Memory does not grow with the document's length: a block is measured when the flow
/// reaches it and its lines leave with their page.
///
/// A table of contents prints the pages its titles land on, which only a layout tells: such a
/// document is laid out with the pages found until they stop changing (see [`contents`]), those
/// passes' pages thrown away, and then once more for the sink; without one, once.
pub fn paginate_into(doc: &Document, sink: &mut emit::Sink) -> Layout {
    let mut numbers = contents::Numbers::new();
    let mut found = contents::Numbers::new();
    if contents::present(doc) {
        let mut passes = 0;
        loop {
            let trial = pass(doc, &numbers, &found, &mut |_| {});
            found = contents::found(doc, &trial.lines);
            passes += 1;
            if found == numbers || passes == contents::MAX_PASSES {
                break;
            }
            numbers = found.clone();
        }
    }
    pass(doc, &numbers, &found, sink)
}

/// One layout of the document with the table of contents printing `numbers`; `found` is
/// where the last pass found its titles (a warning says so if they differ).
fn pass(
    doc: &Document,
    numbers: &contents::Numbers,
    found: &contents::Numbers,
    sink: &mut emit::Sink,
) -> Layout {
    let mut report = Report::default();
    let mut head = Vec::new();
    let top = masthead::draw(doc, &mut head, &mut report);
    let mut out = emit::Emitter::new(doc, head, report.said.clone(), sink);
    let pieces = blocks::Pieces::new(doc, numbers);
    let flowed = flow::flow(doc, pieces, &mut report, top, &mut out);
    contents::unsettled(doc, numbers, found, &mut report);
    let (count, furniture) = out.finish(flowed.used, &mut report);
    report.absorb(furniture);
    let missing = report.missing.chars();
    let mut warnings = report.missing.into_warnings(doc);
    warnings.append(&mut report.warnings);
    Layout {
        pages: Vec::new(),
        count,
        warnings,
        missing,
        lines: flowed.lines,
        overflowed: flowed.overflowed,
        cells: flowed.cells,
    }
}
