//! Flowing pieces into pages.
//!
//! Text fills each page line by line. A heading (or title) is kept with at least two lines of
//! what follows. A paragraph leaves no fewer than `orphans` lines at a page's foot and no fewer
//! than `widows` at the next page's head. A floating figure that does not fit in the rest of a
//! page waits for the top of the next one while the text after it fills the gap (figures keep
//! their order); a figure placed `here` moves to the next page and leaves the gap. On a grid
//! (GB/T 9704's 22 lines a page), every text block starts on a grid line.

use super::blocks::{FigurePiece, Piece, SetLine, TextPiece};
use super::{Item, Layout, LineRecord, Page};
use crate::model::layout::Placement;
use crate::resolve::{Document, Role};
use crate::units::Pt;
use std::collections::VecDeque;

struct Flow<'a> {
    doc: &'a Document,
    pages: Vec<Page>,
    lines: Vec<LineRecord>,
    /// Items of the page being filled.
    items: Vec<Item>,
    /// Filled height of the current page's text block.
    y: Pt,
    height: Pt,
    /// Floating figures waiting for a page with room.
    pending: VecDeque<FigurePiece>,
}

/// Lays the pieces out on pages (without running heads), the first page's text starting `top`
/// below the top of the text block (under the masthead). Returns the layout and how far down
/// the last page's text block the text reaches.
pub fn flow(doc: &Document, pieces: Vec<Piece>, top: Pt) -> (Layout, Pt) {
    let mut f = Flow {
        doc,
        pages: Vec::new(),
        lines: Vec::new(),
        items: Vec::new(),
        y: top,
        height: doc.page.text_height(),
        pending: VecDeque::new(),
    };
    // The 落款 and the 附注 under it: a group that never stands alone at the head of a page.
    let closing = |p: &Piece| match p {
        Piece::Text(t) if matches!(t.role, Role::Signature | Role::Annotation) => {
            Some(t.space_before + t.pitch * t.lines.len() as f64)
        }
        _ => None,
    };
    let heights: Vec<Option<Pt>> = pieces.iter().map(closing).collect();
    // Each text piece's space before, pitch and line count, for the heading before it.
    let next: Vec<Option<(Pt, Pt, usize)>> = pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => Some((t.space_before, t.pitch, t.lines.len())),
            _ => None,
        })
        .collect();
    let mut overflowed = false;
    for (i, piece) in pieces.into_iter().enumerate() {
        if f.pages.len() >= super::MAX_PAGES {
            overflowed = true;
            break;
        }
        match piece {
            Piece::Text(t) => {
                // A heading keeps with the lines that the orphan rule lets start a page's foot.
                let least = (doc.orphans as usize).max(2);
                let keep = match next.get(i + 1) {
                    Some(&Some((before, pitch, lines))) if t.role.keeps_with_next() => {
                        before + pitch * lines.min(least) as f64
                    }
                    _ => Pt::ZERO,
                };
                // The text before the closing group keeps its last lines with it; so does the
                // 落款 with the 附注.
                let tail: Pt = heights[i + 1..].iter().map_while(|h| *h).sum();
                f.text(t, keep, tail);
            }
            Piece::Figure(fig) => f.figure(fig),
            Piece::PageBreak => {
                f.new_page();
            }
        }
    }
    while !f.pending.is_empty() {
        f.new_page();
    }
    let used = f.y;
    f.finish_page();
    let layout = Layout {
        pages: f.pages,
        warnings: Vec::new(),
        lines: f.lines,
        overflowed,
    };
    (layout, used)
}

impl Flow<'_> {
    fn room(&self) -> Pt {
        self.height - self.y
    }

    fn at_top(&self) -> bool {
        self.y.0 <= 0.0
    }

    fn finish_page(&mut self) {
        let number = self.doc.meta.first_page + self.pages.len() as u32;
        self.pages.push(Page {
            number,
            items: std::mem::take(&mut self.items),
            numbered: true,
        });
        self.y = Pt::ZERO;
    }

    /// Ends the page and starts the next, which takes waiting figures first.
    fn new_page(&mut self) {
        self.finish_page();
        while let Some(fig) = self.pending.front() {
            if !self.fits(fig) && !self.at_top() {
                break;
            }
            let fig = self.pending.pop_front().unwrap();
            self.place_figure(fig);
        }
    }

    fn figure_height(&self, fig: &FigurePiece) -> Pt {
        let f = &self.doc.figures;
        let caption = if fig.caption.is_empty() {
            Pt::ZERO
        } else {
            f.caption_gap + fig.caption_pitch * fig.caption.len() as f64
        };
        let before = if self.at_top() {
            Pt::ZERO
        } else {
            f.space_before
        };
        before + fig.height + caption + f.space_after
    }

    fn fits(&self, fig: &FigurePiece) -> bool {
        self.figure_height(fig) - self.doc.figures.space_after <= self.room() + Pt(0.01)
    }

    fn figure(&mut self, fig: FigurePiece) {
        match self.doc.figures.placement {
            Placement::Float if !self.pending.is_empty() || !self.fits(&fig) => {
                self.pending.push_back(fig);
            }
            _ => {
                if !self.fits(&fig) && !self.at_top() {
                    self.new_page();
                }
                self.place_figure(fig);
            }
        }
    }

    fn place_figure(&mut self, fig: FigurePiece) {
        let doc = self.doc;
        let f = &doc.figures;
        if !self.at_top() {
            self.y += f.space_before;
        }
        let left = doc.page.left;
        let top = doc.page.top;
        self.items.push(Item::Image {
            image: fig.image,
            x: left + (doc.page.text_width() - fig.width) / 2.0,
            y: top + self.y,
            width: fig.width,
            height: fig.height,
            multiply: false,
        });
        self.y += fig.height;
        if !fig.caption.is_empty() {
            self.y += f.caption_gap;
        }
        for line in fig.caption {
            self.place_line(line, fig.block, Role::Caption, fig.caption_pitch);
        }
        self.y = (self.y + f.space_after).min(self.height);
    }

    /// Places a text block's lines, splitting it across pages by the widow/orphan rules; `keep`
    /// is the height of what must follow a heading on the same page, `tail` that of what must
    /// follow the block's last line (the 落款).
    fn text(&mut self, t: TextPiece, keep: Pt, tail: Pt) {
        let TextPiece {
            block,
            role,
            lines,
            pitch,
            size,
            space_before,
            space_after,
        } = t;
        // The leading under the last line on a page may fall outside the text block.
        let half_leading = ((pitch - size) / 2.0).max(Pt::ZERO);
        if !self.at_top() {
            if self.room() + half_leading < space_before + pitch {
                self.new_page();
            } else {
                self.y += space_before;
                self.snap_to_grid();
            }
        }
        let total = pitch * lines.len() as f64;
        if keep.0 > 0.0 && !self.at_top() && total + keep > self.room() + Pt(0.01) {
            self.new_page();
        }
        let n = lines.len();
        let mut lines = lines.into_iter();
        let mut placed = 0;
        while placed < n {
            let fit = ((self.room() + half_leading).0 / pitch.0 + 1e-6)
                .floor()
                .max(0.0) as usize;
            let remaining = n - placed;
            let mut take = if fit >= remaining {
                remaining
            } else {
                self.split(role, placed, remaining, fit)
            };
            if take == remaining
                && tail.0 > 0.0
                && pitch * remaining as f64 + tail > self.room() + half_leading + Pt(0.01)
            {
                take = self.pull_back(role, placed, remaining);
            }
            for line in lines.by_ref().take(take) {
                self.place_line(line, block, role, pitch);
            }
            placed += take;
            if placed < n {
                self.new_page();
            }
        }
        self.y = (self.y + space_after).min(self.height);
    }

    /// How many of a block's `remaining` lines to put in the `fit` lines left on this page.
    fn split(&self, role: Role, placed: usize, remaining: usize, fit: usize) -> usize {
        let mut take = if role.splits() {
            self.widows_and_orphans(placed, remaining, fit)
        } else if self.at_top() {
            // A block that does not split breaks across pages only when it cannot fit on one.
            fit
        } else {
            0
        };
        if take == 0 && self.at_top() {
            // Nothing better is possible on an empty page.
            take = fit.max(1);
        }
        take
    }

    /// How many of a block's `remaining` lines stay on this page when what follows its last line
    /// does not fit under it: the last lines (at least the widows) go to the next page with it.
    fn pull_back(&self, role: Role, placed: usize, remaining: usize) -> usize {
        if role == Role::AttachmentNote {
            // The 附件说明 goes whole, with the 落款.
            return if self.at_top() { remaining } else { 0 };
        }
        if !role.splits() {
            return remaining;
        }
        // At least one line goes along, more if the widow rule asks.
        let mut take = self.widows_and_orphans(placed, remaining, remaining - 1);
        if take == 0 && self.at_top() {
            // The whole block would move to a page as empty as this one.
            take = remaining;
        }
        take
    }

    /// `take` of a block's `remaining` lines (`placed` of it are on earlier pages) cut down so
    /// that at least `widows` lines go on to the next page and, if the block starts here, at
    /// least `orphans` stay (or none).
    fn widows_and_orphans(&self, placed: usize, remaining: usize, take: usize) -> usize {
        let (orphans, widows) = (self.doc.orphans as usize, self.doc.widows as usize);
        let mut take = take;
        if remaining - take < widows {
            take = remaining.saturating_sub(widows);
        }
        if placed == 0 && take < orphans {
            take = 0;
        }
        take
    }

    /// On a grid, moves down to the next grid line.
    fn snap_to_grid(&mut self) {
        if let Some(pitch) = self.doc.grid.and_then(|g| g.line_pitch) {
            let lines = ((self.y.0 - 0.01) / pitch.0).ceil().max(0.0);
            self.y = (pitch * lines).min(self.height);
        }
    }

    fn place_line(&mut self, line: SetLine, block: usize, role: Role, pitch: Pt) {
        let doc = self.doc;
        let mut run = line.run;
        run.x += doc.page.left;
        run.baseline += doc.page.top + self.y;
        for mut extra in line.extra {
            extra.x += doc.page.left;
            extra.baseline = run.baseline;
            self.items.push(Item::Text(extra));
        }
        self.lines.push(LineRecord {
            page: self.pages.len(),
            block,
            role,
            text: line.text,
            end: line.end,
            ratio: line.ratio,
            width: line.width,
            measure: line.measure,
            max_gap: line.max_gap,
            size: run.size,
            hang: line.hang,
        });
        super::marks::add(doc, &run, &mut self.items);
        self.items.push(Item::Text(run));
        // Seals after the text they press on.
        for s in line.stamps {
            self.items.push(Item::Image {
                image: s.image,
                x: doc.page.left + s.x,
                y: doc.page.top + self.y + s.top,
                width: s.width,
                height: s.height,
                multiply: true,
            });
        }
        self.y += pitch;
    }
}
