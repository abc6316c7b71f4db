//! Flowing pieces into pages.
//!
//! Text fills each page line by line. A heading (or title) is kept with what follows: a run of
//! consecutive headings stays together with at least two lines (or `orphans`, if more) of the
//! text after the last of them — or, when a table follows, with the table's caption, header
//! rows and first body row — so no page ends with a heading. A paragraph leaves no fewer than `orphans` lines at a page's foot and no fewer
//! than `widows` at the next page's head. A floating figure that does not fit in the rest of a
//! page waits for the top of the next one while the text after it fills the gap (figures keep
//! their order); a figure placed `here` moves to the next page and leaves the gap. On a grid
//! (GB/T 9704's 22 lines a page), every text block starts on a grid line.

use super::blocks::{FigurePiece, Piece, Pieces, SetLine, TextPiece};
use super::emit::Emitter;
use super::table::{rows_fitting, unit, TablePiece};
use super::{Item, LineRecord, Page, Placed, Report, Structure};
use crate::model::layout::Placement;
use crate::resolve::{Document, Role};
use crate::units::Pt;
use std::collections::VecDeque;

struct Flow<'a, 'b> {
    doc: &'a Document,
    /// Where each finished page goes (it is not held here).
    out: &'b mut Emitter<'a>,
    /// How many pages are finished.
    count: usize,
    lines: Vec<LineRecord>,
    cells: Vec<super::CellRecord>,
    /// Items of the page being filled.
    items: Vec<Placed>,
    /// Filled height of the current page's text block.
    y: Pt,
    height: Pt,
    /// Floating figures waiting for a page with room.
    pending: VecDeque<FigurePiece>,
}

/// What the flow leaves behind besides its pages, which went to the emitter one by one.
pub struct Flowed {
    pub lines: Vec<LineRecord>,
    pub cells: Vec<super::CellRecord>,
    /// Pagination stopped at [`super::MAX_PAGES`] with content left over.
    pub overflowed: bool,
    /// How far down the last page's text block the text reaches.
    pub used: Pt,
}

/// Lays the pieces out on pages (without running heads), the first page's text starting `top`
/// below the top of the text block (under the masthead), handing each page to `out` when it is
/// full. Measuring the pieces reports to `report`.
pub fn flow<'a>(
    doc: &'a Document,
    mut pieces: Pieces<'a>,
    report: &mut Report,
    top: Pt,
    out: &mut Emitter<'a>,
) -> Flowed {
    let mut f = Flow {
        doc,
        out,
        count: 0,
        lines: Vec::new(),
        cells: Vec::new(),
        items: Vec::new(),
        y: top,
        height: doc.page.text_height(),
        pending: VecDeque::new(),
    };
    let mut overflowed = false;
    while let Some(piece) = pieces.next(report) {
        if f.count >= super::MAX_PAGES {
            overflowed = true;
            break;
        }
        match piece {
            Piece::Text(t) => {
                let keep = kept_with(&t, pieces.ahead(), f.height);
                // The text before the closing group (the 落款 and the 附注 under it) keeps its
                // last lines with it, so that the group never stands alone at the head of a
                // page; so does the 落款 with the 附注.
                let tail: Pt = pieces.ahead().iter().map_while(closing_height).sum();
                f.text(t, &keep, tail);
            }
            Piece::Figure(fig) => f.figure(fig),
            Piece::Table(t) => f.table(&t),
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
    Flowed {
        lines: f.lines,
        cells: f.cells,
        overflowed,
        used,
    }
}

/// What must follow a heading on its page (see [`kept_with`]).
#[derive(Default)]
struct Keep<'a> {
    /// The text blocks after it: further headings, then the text the chain introduces.
    texts: Vec<&'a TextPiece>,
    /// The table the chain introduces, when a table rather than text ends it: its caption,
    /// header rows and first body rows go with the chain.
    table: Option<&'a TablePiece>,
}

impl Keep<'_> {
    fn is_empty(&self) -> bool {
        self.texts.is_empty() && self.table.is_none()
    }
}

/// What must follow `t` on its page: after a heading (or title, 主送机关, 附件 label), the next
/// block, and while that is one of these too, the one after it — a chain of headings ends with
/// the text or the table it introduces. Empty when `t` keeps with nothing. The chain stops
/// once it is taller than a page (`height`): it cannot be kept whole anyway, and a thousand
/// headings in a row must not cost a million steps.
fn kept_with<'a>(t: &TextPiece, rest: &'a VecDeque<Piece>, height: Pt) -> Keep<'a> {
    let mut keep = Keep::default();
    if !t.role.keeps_with_next() {
        return keep;
    }
    let mut tall = Pt::ZERO;
    for piece in rest {
        let next = match piece {
            Piece::Text(next) => next,
            Piece::Table(table) => {
                keep.table = Some(table.as_ref());
                break;
            }
            _ => break,
        };
        keep.texts.push(next);
        tall += next.space_before + next.height(0);
        if !next.role.keeps_with_next() || tall > height {
            break;
        }
    }
    keep
}

impl TextPiece {
    /// The leading under the last line on a page may fall outside the text block.
    fn half_leading(&self) -> Pt {
        ((self.pitch - self.size) / 2.0).max(Pt::ZERO)
    }

    /// The height of the lines from line `from` on: their pitch, and the room a superscript
    /// or subscript that reaches past its slot takes (see [`SetLine::above`]).
    fn height(&self, from: usize) -> Pt {
        let lines = &self.lines[from.min(self.lines.len())..];
        height(self.pitch, lines.len(), lines.iter().map(SetLine::grown))
    }

    /// How many of the lines from line `from` on fit in `room`.
    fn fitting(&self, room: Pt, from: usize) -> usize {
        let lines = &self.lines[from.min(self.lines.len())..];
        fitting(
            room,
            self.half_leading(),
            self.pitch,
            lines.iter().map(SetLine::grown),
        )
    }
}

impl SetLine {
    /// The room the line takes besides its pitch.
    fn grown(&self) -> Pt {
        self.above + self.below
    }
}

/// The height of `n` lines of `pitch` that have grown by `grown`.
fn height(pitch: Pt, n: usize, grown: impl Iterator<Item = Pt>) -> Pt {
    grown.fold(pitch * n as f64, |h, g| if g.0 == 0.0 { h } else { h + g })
}

/// How many lines of `pitch` that have grown by `grown` fit in `room` (see [`lines_fitting`]).
fn fitting(
    room: Pt,
    half_leading: Pt,
    pitch: Pt,
    grown: impl Iterator<Item = Pt> + Clone,
) -> usize {
    if grown.clone().all(|g| g.0 == 0.0) {
        return lines_fitting(room, half_leading, pitch);
    }
    let mut used = Pt::ZERO;
    let mut n = 0;
    for g in grown {
        used += pitch + g;
        if used.0 > (room + half_leading).0 + 1e-6 * pitch.0 {
            break;
        }
        n += 1;
    }
    n
}

/// How many lines of `pitch` fit in `room` (the last line's lower half-leading may hang out).
fn lines_fitting(room: Pt, half_leading: Pt, pitch: Pt) -> usize {
    ((room + half_leading).0 / pitch.0 + 1e-6).floor().max(0.0) as usize
}

/// The height of a piece of the closing group (the 落款, the 附注), else `None`.
fn closing_height(p: &Piece) -> Option<Pt> {
    match p {
        Piece::Text(t) if matches!(t.role, Role::Signature | Role::Annotation) => {
            // Stamps below the last line must be inside the block, where the last line's
            // lower half-leading need not be.
            let below = if t.below.0 > 0.0 {
                t.below + t.half_leading()
            } else {
                Pt::ZERO
            };
            Some(t.space_before + t.height(0) + below)
        }
        _ => None,
    }
}

impl Flow<'_, '_> {
    fn room(&self) -> Pt {
        self.height - self.y
    }

    fn at_top(&self) -> bool {
        self.y.0 <= 0.0
    }

    fn finish_page(&mut self) {
        let number = self.doc.meta.first_page + self.count as u32;
        self.out.push(Page {
            number,
            items: std::mem::take(&mut self.items),
            numbered: true,
        });
        self.count += 1;
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
        // A photo's text alternative: the figure's `alt`, else its own caption (in a row), else
        // the figure's caption.
        let text_of = |lines: &[SetLine]| {
            let text: String = lines.iter().map(|l| l.text.as_str()).collect();
            (!text.is_empty()).then(|| std::sync::Arc::from(text.as_str()))
        };
        let whole = fig.alt.clone().or_else(|| text_of(&fig.caption));
        for photo in &fig.photos {
            let item = Item::Image(super::ImageBox {
                image: photo.image,
                x: left + photo.x,
                y: top + self.y,
                width: photo.width,
                height: fig.photo_height,
                multiply: false,
            });
            let alt = text_of(&photo.caption).or_else(|| whole.clone());
            let figure = Structure::Figure { alt };
            self.items.push(Placed::new(item, &figure, Some(fig.block)));
        }
        let row_top = self.y;
        // The photos' own captions (a row's), side by side under them, placed line by line
        // across the row so that the text is drawn top to bottom; each photo's caption is a
        // part of its own (photo k: part k + 1), so that the tags read one caption whole
        // before the next.
        let mut columns: Vec<_> = fig
            .photos
            .into_iter()
            .map(|p| p.caption.into_iter())
            .collect();
        for k in 0.. {
            let mut placed = false;
            for (n, column) in columns.iter_mut().enumerate() {
                if let Some(line) = column.next() {
                    self.y =
                        row_top + fig.photo_height + f.caption_gap + fig.caption_pitch * k as f64;
                    self.place_line(line, (fig.block, n + 1), Role::Caption, fig.caption_pitch);
                    placed = true;
                }
            }
            if !placed {
                break;
            }
        }
        self.y = row_top + fig.height;
        if !fig.caption.is_empty() {
            self.y += f.caption_gap;
        }
        for line in fig.caption {
            self.place_line(line, (fig.block, 0), Role::Caption, fig.caption_pitch);
        }
        self.y = (self.y + f.space_after).min(self.height);
    }

    /// Places a text block's lines, splitting it across pages by the widow/orphan rules; `keep`
    /// is what must follow a heading on the same page (see [`kept_with`]), `tail` the height of
    /// what must follow the block's last line (the 落款).
    fn text(&mut self, t: TextPiece, keep: &Keep, tail: Pt) {
        let half_leading = t.half_leading();
        if !self.at_top() {
            if self.room() + half_leading < t.space_before + t.pitch {
                self.new_page();
            } else {
                self.y += t.space_before;
                self.snap_to_grid();
            }
        }
        // Move to a new page only if the unit fits there; one taller than a page starts where
        // it is and breaks where it must.
        if !keep.is_empty()
            && !self.at_top()
            && !self.keeps_fit(self.y, &t, keep)
            && self.keeps_fit(Pt::ZERO, &t, keep)
        {
            self.new_page();
        }
        let TextPiece {
            block,
            part,
            role,
            lines,
            pitch,
            space_after,
            below,
            ..
        } = t;
        let n = lines.len();
        // The room each line takes besides its pitch, read before the lines move.
        let grown: Vec<Pt> = lines.iter().map(SetLine::grown).collect();
        // A seal under the last line stays in the text block: with the lines it presses on, on
        // the next page if this one has not the room (the text before takes lines along, see
        // `tail`).
        let tall = height(pitch, n, grown.iter().copied());
        if below.0 > 0.0 && !self.at_top() && tall + below > self.room() + Pt(0.01) {
            self.new_page();
        }
        let mut lines = lines.into_iter();
        let mut placed = 0;
        while placed < n {
            let rest = grown[placed..].iter().copied();
            let fit = fitting(self.room(), half_leading, pitch, rest.clone());
            let needed = height(pitch, n - placed, rest);
            let remaining = n - placed;
            let mut take = if fit >= remaining {
                remaining
            } else {
                self.split(role, placed, remaining, fit)
            };
            if take == remaining
                && tail.0 > 0.0
                && needed + tail > self.room() + half_leading + Pt(0.01)
            {
                take = self.pull_back(role, placed, remaining);
            }
            for line in lines.by_ref().take(take) {
                self.place_line(line, (block, part), role, pitch);
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

    /// Whether block `t`, starting at `y` (after its space before), and what it keeps with
    /// fit on one page: every line of each heading of the chain and, of the text that ends it,
    /// as many lines as the flow would put here — at least two (or `orphans`), all of a short
    /// or unsplittable block; of a table that ends it, the first part [`Self::table`] would
    /// place (caption, header rows and the first rows no page may break inside). Mirrors
    /// [`Self::text`] (space before, grid lines, widows) so that the answer is the flow's own.
    fn keeps_fit(&self, y: Pt, t: &TextPiece, keep: &Keep) -> bool {
        if t.fitting(self.height - y, 0) < t.lines.len() {
            return false;
        }
        let mut y = (y + t.height(0) + t.space_after).min(self.height);
        for (i, next) in keep.texts.iter().enumerate() {
            let n = next.lines.len();
            let half_leading = next.half_leading();
            if self.height - y + half_leading < next.space_before + next.pitch {
                return false;
            }
            y = self.snapped(y + next.space_before);
            let fit = next.fitting(self.height - y, 0);
            let last = i + 1 == keep.texts.len() && keep.table.is_none();
            if last && next.role.splits() && fit < n {
                let least = (self.doc.orphans as usize).max(2).min(n);
                return self.widows_and_orphans(0, n, fit) >= least;
            }
            if fit < n {
                return false;
            }
            y = (y + next.height(0) + next.space_after).min(self.height);
        }
        match keep.table {
            Some(table) => table.first_part_fits(self.height - y - table.space_before),
            None => true,
        }
    }

    /// Places a table part by part: on each page as many whole rows as fit under the caption
    /// (or the 续表 line) and the header rows. The first part moves to the next page unless a
    /// body row fits under the caption and header, so a caption never stands alone at a page's
    /// foot; on an empty page at least one unit of rows is placed. Text after it starts on the
    /// grid again (the next block snaps to a grid line).
    fn table(&mut self, t: &TablePiece) {
        if !self.at_top() {
            self.y += t.space_before;
        }
        let mut next = t.header;
        let mut first = true;
        loop {
            let room = self.room() - t.overhead(first);
            let mut take = rows_fitting(&t.rows, next, room);
            if take == 0 && next < t.rows.len() {
                if !self.at_top() {
                    self.new_page();
                    continue;
                }
                take = unit(&t.rows, next);
            }
            let drawn = t.draw(self.doc, next..next + take, first, self.y, self.count);
            self.items.extend(drawn.items);
            let page = self.count;
            self.lines
                .extend(drawn.lines.into_iter().map(|l| LineRecord { page, ..l }));
            self.cells.extend(drawn.cells);
            self.y += drawn.height;
            next += take;
            first = false;
            if next >= t.rows.len() {
                break;
            }
            self.new_page();
        }
        self.y = (self.y + t.space_after).min(self.height);
    }

    /// On a grid, moves down to the next grid line.
    fn snap_to_grid(&mut self) {
        self.y = self.snapped(self.y);
    }

    /// `y`, on a grid moved down to the next grid line.
    fn snapped(&self, y: Pt) -> Pt {
        match self.doc.grid.and_then(|g| g.line_pitch) {
            Some(pitch) => {
                let lines = ((y.0 - 0.01) / pitch.0).ceil().max(0.0);
                (pitch * lines).min(self.height)
            }
            None => y,
        }
    }

    /// Places a line of block `block` (and of its part `part`: a list's item), tagged as its
    /// role's text; a list item's number (an extra run) is its label.
    fn place_line(&mut self, line: SetLine, (block, part): (usize, usize), role: Role, pitch: Pt) {
        let doc = self.doc;
        self.y += line.above;
        let record = line.record(self.count, block, role);
        let element = Some(block);
        let (text, extras) = match Structure::of(role) {
            Structure::LBody { .. } => (
                Structure::LBody { item: part },
                Structure::Lbl { item: part },
            ),
            Structure::Caption { .. } => (Structure::Caption { part }, Structure::Caption { part }),
            text => (text.clone(), text),
        };
        let mut run = line.run;
        run.x += doc.page.left;
        run.baseline += doc.page.top + self.y;
        for mut extra in line.extra {
            extra.x += doc.page.left;
            extra.baseline = run.baseline;
            self.items
                .push(Placed::new(Item::Text(extra), &extras, element));
        }
        self.lines.push(record);
        let mut marks = Vec::new();
        super::marks::add(doc, &run, &mut marks);
        self.items
            .extend(marks.into_iter().map(|m| Placed::new(m, &text, element)));
        self.items
            .push(Placed::new(Item::Text(run), &text, element));
        // Seals after the text they press on: they authenticate the 落款 beside them, which
        // the text says, so they are layout artifacts.
        for s in line.stamps {
            let seal = Item::Image(super::ImageBox {
                image: s.image,
                x: doc.page.left + s.x,
                y: doc.page.top + self.y + s.top,
                width: s.width,
                height: s.height,
                multiply: true,
            });
            self.items.push(Placed {
                item: seal,
                tag: super::Tag::new(Structure::Artifact(super::Artifact::Layout), element),
            });
        }
        self.y += pitch + line.below;
    }
}
