//! Tables on the page: column widths from the definition or the content, each cell's text set
//! by the paragraph engine at its cell's width (so prohibitions, punctuation compression and
//! CJK–Latin spacing hold in cells as in the body), rows as tall as their tallest cell, and the
//! rules of a 三线表 or a full grid.
//!
//! The flow ([`super::flow`]) places a table part by part: as many whole rows as fit under the
//! caption (the first part) or the 续表 line (the others), each part opened by the header rows.
//! Rows break only between rows that no cell spans; a row taller than a page is cut into
//! pieces of whole lines when measured, so that only such a row is ever split.
//!
//! Structure: every cell placed on a page is a [`super::CellRecord`] in the layout — page,
//! rectangle, row, column, spans, header or not — and each of its text runs lies inside that
//! rectangle, so a tagger can group a page's runs into TH/TD elements by position.

use super::blocks::{set_text, SetLine};
use super::{CellRecord, Item, LineRecord, Placed, Report, Structure};
use crate::model::layout::Align;
use crate::model::table::{ColumnAlign, ColumnWidth, TableRules};
use crate::resolve::{Document, Role, Style, Table};
use crate::units::Pt;

/// A table measured for the page flow.
pub struct TablePiece {
    pub block: usize,
    /// Column edges from the text block's left edge: `columns + 1` of them.
    pub edges: Vec<Pt>,
    /// Rows as drawn (a row taller than a page is several).
    pub rows: Vec<RowBox>,
    pub cells: Vec<SetCell>,
    /// For each drawn row, the cells that start in it (indices into `cells`, ascending): a
    /// part finds its cells without going through the whole table, so a long table's pages
    /// cost what is on them.
    pub by_first: Vec<Vec<u32>>,
    /// The first `header` rows are the header.
    pub header: usize,
    pub caption: Vec<SetLine>,
    pub continued: Vec<SetLine>,
    pub caption_pitch: Pt,
    /// Between the caption (or 续表 line) and the table.
    pub caption_gap: Pt,
    pub pitch: Pt,
    pub space_before: Pt,
    pub space_after: Pt,
    pub rules: TableRules,
    pub rule: Pt,
    pub inner_rule: Pt,
    pub rule_color: crate::model::Color,
}

/// A row as drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RowBox {
    /// The row of the table it shows (a split row's pieces share it).
    pub row: usize,
    pub height: Pt,
    /// A page may break before it: no cell spans across its top.
    pub breakable: bool,
}

/// A cell with its set lines, in drawn rows.
pub struct SetCell {
    /// First drawn row and how many it spans.
    pub first: usize,
    pub span: usize,
    pub col: usize,
    pub colspan: usize,
    pub row: usize,
    pub rowspan: usize,
    pub lines: Vec<SetLine>,
}

/// The widths of columns on a `measure`: fixed and percentage columns as given; `auto` columns
/// their `natural` width (widest cell on one line) when everything fits, the room left shared
/// among `*` columns by weight (or among the auto columns by their natural widths, so that the
/// table fills the measure); when it does not fit, auto columns narrow from natural towards
/// `min` (their longest word) in proportion to how much they can give, and only below that
/// are all columns scaled down together.
pub fn column_widths(
    specs: &[ColumnWidth],
    natural: &[Pt],
    min: &[Pt],
    measure: Pt,
    em: Pt,
) -> Vec<Pt> {
    let n = specs.len();
    let mut w = vec![Pt::ZERO; n];
    let mut used = Pt::ZERO;
    for (c, s) in specs.iter().enumerate() {
        w[c] = match s {
            ColumnWidth::Fixed(l) => l.resolve(em),
            ColumnWidth::Percent(p) => measure * (p / 100.0),
            _ => continue,
        };
        used += w[c];
    }
    let rest = measure - used;
    let auto: Vec<usize> = (0..n).filter(|&c| specs[c] == ColumnWidth::Auto).collect();
    let shares: Vec<(usize, f64)> = specs
        .iter()
        .enumerate()
        .filter_map(|(c, s)| match s {
            ColumnWidth::Share(v) => Some((c, *v)),
            _ => None,
        })
        .collect();
    let sum = |cols: &[usize], v: &[Pt]| cols.iter().map(|&c| v[c]).fold(Pt::ZERO, |a, b| a + b);
    let share_cols: Vec<usize> = shares.iter().map(|s| s.0).collect();
    let natural_auto = sum(&auto, natural);
    let min_all = sum(&auto, min) + sum(&share_cols, min);
    if natural_auto + sum(&share_cols, min) <= rest {
        let left = rest - natural_auto;
        let weight: f64 = shares.iter().map(|s| s.1).sum();
        for &c in &auto {
            w[c] = natural[c];
        }
        if weight > 0.0 {
            for &(c, v) in &shares {
                w[c] = left * (v / weight);
            }
        } else if natural_auto.0 > 0.0 {
            for &c in &auto {
                w[c] += left * (natural[c] / natural_auto);
            }
        }
    } else if min_all <= rest {
        // Shares get their minimum; auto columns give up what they must, each in proportion to
        // what it has above its minimum.
        for &c in &share_cols {
            w[c] = min[c];
        }
        let give = natural_auto + sum(&share_cols, min) - rest;
        let slack = auto
            .iter()
            .map(|&c| natural[c] - min[c])
            .fold(Pt::ZERO, |a, b| a + b);
        for &c in &auto {
            let part = if slack.0 > 0.0 {
                (natural[c] - min[c]) / slack
            } else {
                0.0
            };
            w[c] = natural[c] - give * part;
        }
    } else {
        for c in auto.iter().chain(&share_cols) {
            w[*c] = min[*c];
        }
    }
    // Never wider than the measure (narrower only when every column has a fixed width).
    let total = w.iter().fold(Pt::ZERO, |a, b| a + *b);
    if total > measure + Pt(0.001) {
        let k = measure / total;
        for x in &mut w {
            *x = *x * k;
        }
    }
    w
}

/// The rows from `next` that go together: it and those after it that no page may break
/// before.
pub fn unit(rows: &[RowBox], next: usize) -> usize {
    let mut end = next + 1;
    while end < rows.len() && !rows[end].breakable {
        end += 1;
    }
    end.min(rows.len()) - next
}

/// How many drawn rows from `next` fit in `room` (a part's caption or 续表 line and its header
/// already taken off): whole runs of rows that no cell spans across.
pub fn rows_fitting(rows: &[RowBox], next: usize, room: Pt) -> usize {
    let mut used = Pt::ZERO;
    let mut fit = 0;
    let mut k = next;
    while k < rows.len() {
        let end = k + unit(rows, k);
        let h = rows[k..end].iter().fold(Pt::ZERO, |a, r| a + r.height);
        if used + h > room + Pt(0.01) {
            break;
        }
        used += h;
        fit = end - next;
        k = end;
    }
    fit
}

/// Measures a table: column widths, every cell's lines, row heights (tall rows cut into pieces
/// that fit a page under the header), the caption and the 续表 line.
pub fn measure(doc: &Document, block: usize, t: &Table, report: &mut Report) -> TablePiece {
    let measure = doc.page.text_width();
    let base = doc.style(Role::Table);
    let pad = t.padding;
    let at = &t.at;
    let cell_style = |align: Align| Style {
        align,
        indent: Pt::ZERO,
        grid: None,
        ..base.clone()
    };
    let n = t.columns.len();
    // Natural and least widths of each column, from its one-column cells.
    let mut natural = vec![pad * 2.0 + base.size; n];
    let mut min = natural.clone();
    let mut scratch = Report::default();
    let plain = cell_style(Align::Left);
    for cell in t.cells.iter().filter(|c| c.colspan == 1) {
        let lines = set_text(
            doc,
            &plain,
            &cell.text,
            (Pt(1e5), Pt::ZERO),
            at,
            "table",
            &mut scratch,
        );
        let wide = lines.iter().map(|l| l.width).fold(Pt::ZERO, Pt::max);
        natural[cell.col] = natural[cell.col].max(wide + pad * 2.0);
        min[cell.col] =
            min[cell.col].max(longest_word(doc, &plain, &cell.text.text, &mut scratch) + pad * 2.0);
    }
    let specs: Vec<ColumnWidth> = t.columns.iter().map(|c| c.width).collect();
    let widths = column_widths(&specs, &natural, &min, measure, base.size);
    // A table narrower than the measure (fixed widths) is centred.
    let total = widths.iter().fold(Pt::ZERO, |a, b| a + *b);
    let mut edges = vec![((measure - total) / 2.0).max(Pt::ZERO)];
    for w in &widths {
        edges.push(*edges.last().unwrap() + *w);
    }
    too_narrow_columns(doc, t, &edges, base.size, report);
    // Every cell's lines at its width.
    let mut cells: Vec<SetCell> = t
        .cells
        .iter()
        .map(|cell| {
            let column = t.columns[cell.col].align;
            let header = cell.row < t.header;
            let align = match (header, column) {
                (true, _) | (false, ColumnAlign::Center) => Align::Center,
                (false, ColumnAlign::Right) => Align::Right,
                (false, ColumnAlign::Left) => Align::Justify,
                (false, ColumnAlign::Decimal) => Align::Left,
            };
            let width =
                (edges[cell.col + cell.colspan] - edges[cell.col] - pad * 2.0).max(base.size);
            let lines = set_text(
                doc,
                &cell_style(align),
                &cell.text,
                (width, Pt::ZERO),
                at,
                "table",
                report,
            );
            SetCell {
                first: cell.row,
                span: cell.rowspan,
                col: cell.col,
                colspan: cell.colspan,
                row: cell.row,
                rowspan: cell.rowspan,
                lines,
            }
        })
        .collect();
    for col in (0..n).filter(|&c| t.columns[c].align == ColumnAlign::Decimal) {
        let body: Vec<usize> = (0..cells.len())
            .filter(|&k| {
                cells[k].col == col
                    && cells[k].colspan == 1
                    && cells[k].row >= t.header
                    && cells[k].lines.len() == 1
            })
            .collect();
        let points: Vec<(Pt, Pt)> = body
            .iter()
            .map(|&k| {
                let line = &cells[k].lines[0];
                let pre = decimal_point(&t.cells[k].text.text, line);
                (pre, line.width - pre)
            })
            .collect();
        let after = points.iter().map(|p| p.1).fold(Pt::ZERO, Pt::max);
        let anchor = edges[col + 1] - edges[col] - pad * 2.0 - after;
        for (&k, (pre, _)) in body.iter().zip(points) {
            cells[k].lines[0].run.x = anchor - pre;
        }
    }
    let pitch = base.line_pitch;
    let content = |c: &SetCell| pitch * c.lines.len().max(1) as f64 + pad * 2.0;
    let mut heights = vec![pitch + pad * 2.0; t.rows];
    for c in cells.iter().filter(|c| c.rowspan == 1) {
        heights[c.row] = heights[c.row].max(content(c));
    }
    for c in cells.iter().filter(|c| c.rowspan > 1) {
        let have = heights[c.row..c.row + c.rowspan]
            .iter()
            .fold(Pt::ZERO, |a, b| a + *b);
        let need = content(c);
        if need > have {
            heights[c.row + c.rowspan - 1] += need - have;
        }
    }
    let mut breakable = vec![true; t.rows];
    for c in &t.cells {
        for b in &mut breakable[c.row + 1..c.row + c.rowspan] {
            *b = false;
        }
    }
    let caption_style = doc.style(Role::Caption);
    let set_caption = |text: &crate::model::markup::Styled, report: &mut Report| {
        set_text(
            doc,
            caption_style,
            text,
            (measure, caption_style.indent),
            at,
            "caption",
            report,
        )
    };
    let caption = t
        .caption
        .as_ref()
        .map(|c| set_caption(c, report))
        .unwrap_or_default();
    let continued = set_caption(&t.continued, report);
    let caption_gap = doc.figures.caption_gap;
    let header_h = heights[..t.header].iter().fold(Pt::ZERO, |a, b| a + *b);
    let over = caption_style.line_pitch * continued.len().max(caption.len()) as f64 + caption_gap;
    let most = doc.page.text_height() - header_h - over;
    let (rows, cells) = split_tall_rows(t, &heights, &breakable, cells, most, pitch, pad);
    let mut by_first = vec![Vec::new(); rows.len()];
    for (k, c) in cells.iter().enumerate() {
        by_first[c.first].push(k as u32);
    }
    too_tall_units(doc, t, &rows, most, report);
    TablePiece {
        block,
        edges,
        rows,
        cells,
        by_first,
        header: t.header,
        caption,
        continued,
        caption_pitch: caption_style.line_pitch,
        caption_gap,
        pitch,
        space_before: base.space_before,
        space_after: base.space_after,
        rules: t.rules,
        rule: t.rule,
        inner_rule: t.inner_rule,
        rule_color: t.rule_color,
    }
}

/// Cuts each body row taller than `most` (that no cell spans into or out of) into pieces of
/// whole lines that fit; the other rows are drawn as they are.
fn split_tall_rows(
    t: &Table,
    heights: &[Pt],
    breakable: &[bool],
    cells: Vec<SetCell>,
    most: Pt,
    pitch: Pt,
    pad: Pt,
) -> (Vec<RowBox>, Vec<SetCell>) {
    let per_piece = (((most - pad * 2.0) / pitch) + 1e-6).floor().max(1.0) as usize;
    let single = |r: usize| {
        r >= t.header
            && breakable[r]
            && breakable.get(r + 1).copied().unwrap_or(true)
            && heights[r] > most
    };
    let mut rows = Vec::new();
    // Where each table row starts among the drawn rows.
    let mut start = Vec::with_capacity(t.rows);
    let mut pieces = Vec::with_capacity(t.rows);
    // The most lines of any cell starting in each row, in one pass (a search per row made a
    // 10,000-row table take seconds).
    let mut most_lines = vec![0; t.rows];
    for c in &cells {
        most_lines[c.row] = most_lines[c.row].max(c.lines.len());
    }
    for r in 0..t.rows {
        start.push(rows.len());
        let tallest = most_lines[r];
        let k = if single(r) {
            tallest.div_ceil(per_piece).max(1)
        } else {
            1
        };
        pieces.push(k);
        for p in 0..k {
            let height = if k == 1 {
                heights[r]
            } else {
                let lines = (tallest - p * per_piece).min(per_piece);
                pitch * lines as f64 + pad * 2.0
            };
            rows.push(RowBox {
                row: r,
                height,
                breakable: breakable[r] || p > 0,
            });
        }
    }
    let mut out = Vec::with_capacity(cells.len());
    for mut c in cells {
        let k = pieces[c.row];
        let first = start[c.row];
        if k == 1 {
            let last = start[c.row + c.rowspan - 1] + pieces[c.row + c.rowspan - 1];
            c.first = first;
            c.span = last - first;
            out.push(c);
            continue;
        }
        let mut lines = std::mem::take(&mut c.lines).into_iter();
        for p in 0..k {
            out.push(SetCell {
                first: first + p,
                span: 1,
                col: c.col,
                colspan: c.colspan,
                row: c.row,
                rowspan: c.rowspan,
                lines: lines.by_ref().take(per_piece).collect(),
            });
        }
    }
    (rows, out)
}

/// Warns, at the table, when a column with text in it is narrower inside its padding than one
/// character: the columns were scaled down together to fit the measure (too many of them, or
/// fixed widths too small), and a line is never narrower than a character, so its text runs
/// over the rule into the next cell.
fn too_narrow_columns(doc: &Document, t: &Table, edges: &[Pt], size: Pt, report: &mut Report) {
    let pad = t.padding * 2.0;
    let narrow = t
        .cells
        .iter()
        .filter(|c| !c.text.text.trim().is_empty())
        .map(|c| (c.col, edges[c.col + c.colspan] - edges[c.col] - pad))
        .find(|(_, inside)| (size - *inside).0 > 0.01);
    let Some((col, inside)) = narrow else {
        return;
    };
    let message = crate::messages::msg::table_column_too_narrow(
        col + 1,
        format!("{:.1}", inside.max(Pt::ZERO).to_mm()),
        format!("{:.1}", size.to_mm()),
        t.columns.len(),
    );
    report.warnings.push(
        crate::error::Warning::new(message, doc.source.path.display().to_string())
            .at(&doc.source, t.at.clone())
            .label(crate::messages::msg::label_this_table()),
    );
}

/// Warns, at the table in the definition, about the first run of rows that a spanning cell
/// joins and that is taller than `most` (a page under the caption and header): such rows are
/// never split (only a row on its own is), so they run past the foot of the page.
fn too_tall_units(doc: &Document, t: &Table, rows: &[RowBox], most: Pt, report: &mut Report) {
    let mut k = t.header;
    while k < rows.len() {
        let n = unit(rows, k);
        let height = rows[k..k + n].iter().fold(Pt::ZERO, |a, r| a + r.height);
        if height > most + Pt(0.01) {
            let message = crate::messages::msg::table_rows_taller_than_page(
                rows[k].row + 1,
                rows[k + n - 1].row + 1,
                format!("{:.0}", height.0),
                format!("{:.0}", most.0),
            );
            report.warnings.push(
                crate::error::Warning::new(message, doc.source.path.display().to_string())
                    .at(&doc.source, t.at.clone())
                    .label(crate::messages::msg::label_this_table()),
            );
            return;
        }
        k += n;
    }
}

/// The width of the longest run of characters a line cannot break inside (a Latin word, a
/// number), or one character of Chinese text.
fn longest_word(doc: &Document, style: &Style, text: &str, report: &mut Report) -> Pt {
    let mut widest = Pt::ZERO;
    for word in text.split(|c: char| c.is_whitespace() || is_han(c)) {
        if word.is_empty() {
            continue;
        }
        if let Some(l) = super::oneline::set(doc, style, word, Pt::ZERO, "table", report) {
            widest = widest.max(l.width);
        }
    }
    if text.chars().any(is_han) {
        // A Han character and a closing mark after it.
        widest = widest.max(style.size * 1.5);
    }
    widest
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// How far into a set number its decimal point stands: the point's (`.` or `．`) left edge, or
/// where it would be (after the last digit), or the end.
fn decimal_point(text: &str, line: &SetLine) -> Pt {
    let at = text
        .find(['.', '．'])
        .or_else(|| text.rfind(|c: char| c.is_ascii_digit()).map(|i| i + 1));
    match at {
        Some(at) => line
            .run
            .glyphs
            .iter()
            .find(|g| g.text.start as usize >= at)
            .map_or(line.width, |g| g.x),
        None => line.width,
    }
}

/// What drawing one part of a table gives the flow.
pub struct Drawn {
    pub items: Vec<Placed>,
    /// Each placed line's items (its marks and its run) with its baseline and left edge.
    runs: Vec<(Pt, Pt, Vec<Placed>)>,
    pub lines: Vec<LineRecord>,
    pub cells: Vec<CellRecord>,
    pub height: Pt,
}

impl TablePiece {
    /// The height a part takes above its body rows: the caption (first part) or 續表 line, the
    /// gap under it and the header rows.
    pub fn overhead(&self, first: bool) -> Pt {
        let over = if first {
            &self.caption
        } else {
            &self.continued
        };
        let lines = if over.is_empty() {
            Pt::ZERO
        } else {
            self.caption_pitch * over.len() as f64 + self.caption_gap
        };
        lines
            + self.rows[..self.header]
                .iter()
                .fold(Pt::ZERO, |a, r| a + r.height)
    }

    /// Whether the table's first part — its caption, header rows and first body rows that go
    /// together (all of it if it has no body) — fits in `room`: what a heading before the
    /// table keeps with.
    pub fn first_part_fits(&self, room: Pt) -> bool {
        let room = room - self.overhead(true);
        if room.0 < -0.01 {
            return false;
        }
        self.header >= self.rows.len() || rows_fitting(&self.rows, self.header, room) > 0
    }

    /// Draws the part with body rows `body` (drawn-row indices) at `top` below the text block's
    /// top on page `page`: the caption (first part) or 续表 line, the header rows, the rows,
    /// the rules.
    pub fn draw(
        &self,
        doc: &Document,
        body: std::ops::Range<usize>,
        first: bool,
        top: Pt,
        page: usize,
    ) -> Drawn {
        let mut d = Drawn {
            items: Vec::new(),
            runs: Vec::new(),
            lines: Vec::new(),
            cells: Vec::new(),
            height: Pt::ZERO,
        };
        let (left, page_top) = (doc.page.left, doc.page.top);
        let mut y = top;
        let over = if first {
            &self.caption
        } else {
            &self.continued
        };
        // On a continuation page the 续表 line and the repeated header rows are there for the
        // eye only: pagination artifacts, so that a reader hears the caption and each header
        // cell once (the first part's are the Table's Caption and TH elements).
        let repeat = Structure::Artifact(super::Artifact::Pagination);
        for line in over {
            let caption = if first {
                Structure::of(Role::Caption)
            } else {
                repeat.clone()
            };
            self.line(
                doc,
                line,
                (left, page_top + y),
                (Role::Caption, caption),
                &mut d,
            );
            y += self.caption_pitch;
        }
        if !over.is_empty() {
            y += self.caption_gap;
        }
        // The drawn rows of this part and where each starts.
        let shown: Vec<usize> = (0..self.header).chain(body.clone()).collect();
        let mut row_top = std::collections::HashMap::new();
        let table_top = y;
        for &r in &shown {
            row_top.insert(r, y);
            y += self.rows[r].height;
        }
        let bottom = y;
        let width = *self.edges.last().unwrap();
        let pad_v = |c: &SetCell, h: Pt| (h - self.pitch * c.lines.len() as f64) / 2.0;
        let mut inner_h = Vec::new();
        let mut inner_v = Vec::new();
        // In the order of `cells` (as a filter over all of them would give).
        let mut on_part: Vec<u32> = shown
            .iter()
            .flat_map(|&r| self.by_first[r].iter().copied())
            .collect();
        on_part.sort_unstable();
        for c in on_part.iter().map(|&k| &self.cells[k as usize]) {
            let y0 = row_top[&c.first];
            // Rows of the span that are on this part.
            let h = (c.first..c.first + c.span)
                .take_while(|r| row_top.contains_key(r))
                .fold(Pt::ZERO, |a, r| a + self.rows[r].height);
            let (x0, x1) = (self.edges[c.col], self.edges[c.col + c.colspan]);
            let mut ly = y0 + pad_v(c, h);
            for line in &c.lines {
                let x = left + x0 + (x1 - x0 - line.measure) / 2.0;
                let cell = if first || c.row >= self.header {
                    Structure::Cell {
                        header: c.row < self.header,
                        row: c.row,
                        col: c.col,
                        rowspan: c.rowspan,
                        colspan: c.colspan,
                    }
                } else {
                    repeat.clone()
                };
                self.line(doc, line, (x, page_top + ly), (Role::Table, cell), &mut d);
                ly += self.pitch;
            }
            d.cells.push(CellRecord {
                page,
                block: self.block,
                row: c.row,
                col: c.col,
                rowspan: c.rowspan,
                colspan: c.colspan,
                header: c.row < self.header,
                x: left + x0,
                y: page_top + y0,
                width: x1 - x0,
                height: h,
                text: c.lines.iter().map(|l| l.text.as_str()).collect(),
            });
            if (y0 + h - bottom).0.abs() > 0.01 {
                inner_h.push((x0, x1, y0 + h, c.first + c.span == self.header));
            }
            if c.col + c.colspan < self.edges.len() - 1 {
                inner_v.push((x1, y0, h));
            }
        }
        let block = Some(self.block);
        let rule = |x: Pt, y: Pt, width: Pt, thickness: Pt| {
            let item = Item::Rule(super::Rule {
                x: left + x,
                y: page_top + y,
                width,
                thickness,
                color: self.rule_color,
            });
            Placed::new(item, &Structure::P, block)
        };
        // A vertical rule is a rule as thick as it is long, centred on its line.
        let vertical = |x: Pt, y: Pt, h: Pt, thickness: Pt| {
            let item = Item::Rule(super::Rule {
                x: left + x - thickness / 2.0,
                y: page_top + y + h / 2.0,
                width: thickness,
                thickness: h,
                color: self.rule_color,
            });
            Placed::new(item, &Structure::P, block)
        };
        let mut rules = vec![rule(Pt::ZERO, table_top, width, self.rule)];
        match self.rules {
            TableRules::ThreeLine => {
                if self.header > 0 && !body.is_empty() {
                    let under = row_top[&(self.header - 1)] + self.rows[self.header - 1].height;
                    rules.push(rule(Pt::ZERO, under, width, self.inner_rule));
                }
            }
            TableRules::Grid => {
                for (x0, x1, y, _) in inner_h {
                    rules.push(rule(x0, y, x1 - x0, self.inner_rule));
                }
                for (x, y, h) in inner_v {
                    rules.push(vertical(x, y, h, self.inner_rule));
                }
                rules.push(vertical(Pt::ZERO, table_top, bottom - table_top, self.rule));
                rules.push(vertical(width, table_top, bottom - table_top, self.rule));
            }
        }
        rules.push(rule(Pt::ZERO, bottom, width, self.rule));
        // Rules first, then the text line by line down the part (left to right on a line), so
        // that text extraction reads the table as it is laid out; the cells' logical order is
        // in the cell records.
        d.runs.sort_by(|a, b| {
            (a.0 .0, a.1 .0)
                .partial_cmp(&(b.0 .0, b.1 .0))
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        for (_, _, mut items) in std::mem::take(&mut d.runs) {
            rules.append(&mut items);
        }
        d.items = rules;
        d.height = bottom - top;
        d
    }

    /// Places one set line of `role`, tagged `tag`, with its left edge at `x` and the baseline
    /// shifted by `dy`.
    fn line(
        &self,
        doc: &Document,
        line: &SetLine,
        (x, dy): (Pt, Pt),
        (role, tag): (Role, Structure),
        d: &mut Drawn,
    ) {
        let mut run = line.run.clone();
        run.x += x;
        run.baseline += dy;
        d.lines.push(line.record(0, self.block, role));
        let mut marks = Vec::new();
        super::marks::add(doc, &run, &mut marks);
        let block = Some(self.block);
        let mut items: Vec<Placed> = marks
            .into_iter()
            .map(|m| Placed::new(m, &tag, block))
            .collect();
        let at = (run.baseline, run.x);
        items.push(Placed::new(Item::Text(run), &tag, block));
        d.runs.push((at.0, at.1, items));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Length;

    fn pts(v: &[f64]) -> Vec<Pt> {
        v.iter().map(|x| Pt(*x)).collect()
    }

    #[track_caller]
    fn close(a: Vec<Pt>, b: Vec<Pt>) {
        assert!(
            a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| (x.0 - y.0).abs() < 1e-9),
            "{a:?} != {b:?}"
        );
    }

    #[test]
    fn auto_columns_take_their_natural_widths_and_share_the_rest() {
        let auto = [ColumnWidth::Auto, ColumnWidth::Auto];
        let w = column_widths(
            &auto,
            &pts(&[100.0, 50.0]),
            &pts(&[20.0, 20.0]),
            Pt(300.0),
            Pt(10.0),
        );
        close(w.clone(), pts(&[200.0, 100.0]));
        let mixed = [
            ColumnWidth::Fixed(Length::Pt(Pt(60.0))),
            ColumnWidth::Auto,
            ColumnWidth::Share(1.0),
            ColumnWidth::Percent(10.0),
        ];
        let w = column_widths(
            &mixed,
            &pts(&[0.0, 100.0, 0.0, 0.0]),
            &pts(&[0.0, 20.0, 10.0, 0.0]),
            Pt(400.0),
            Pt(10.0),
        );
        close(w.clone(), pts(&[60.0, 100.0, 200.0, 40.0]));
        let shares = [ColumnWidth::Share(1.0), ColumnWidth::Share(3.0)];
        let w = column_widths(
            &shares,
            &pts(&[0.0, 0.0]),
            &pts(&[0.0, 0.0]),
            Pt(400.0),
            Pt(10.0),
        );
        close(w.clone(), pts(&[100.0, 300.0]));
    }

    #[test]
    fn narrow_measures_shrink_auto_columns_towards_their_longest_words() {
        let auto = [ColumnWidth::Auto, ColumnWidth::Auto];
        // 100 too much: the first can give 80, the second 20; they give 80 and 20.
        let w = column_widths(
            &auto,
            &pts(&[200.0, 100.0]),
            &pts(&[120.0, 80.0]),
            Pt(200.0),
            Pt(10.0),
        );
        close(w.clone(), pts(&[120.0, 80.0]));
        let w = column_widths(
            &auto,
            &pts(&[200.0, 100.0]),
            &pts(&[100.0, 80.0]),
            Pt(240.0),
            Pt(10.0),
        );
        let total = w[0] + w[1];
        assert!(
            (total.0 - 240.0).abs() < 1e-9 && w[0] > Pt(100.0) && w[1] > Pt(80.0),
            "{w:?}"
        );
        // Below the minimum everything scales down to the measure.
        let w = column_widths(
            &auto,
            &pts(&[200.0, 100.0]),
            &pts(&[150.0, 50.0]),
            Pt(100.0),
            Pt(10.0),
        );
        close(w.clone(), pts(&[75.0, 25.0]));
    }

    fn row(height: f64, breakable: bool) -> RowBox {
        RowBox {
            row: 0,
            height: Pt(height),
            breakable,
        }
    }

    #[test]
    fn rows_fit_whole_and_spanned_rows_go_together() {
        let rows = [
            row(10.0, true),
            row(10.0, true),
            row(10.0, true),
            row(10.0, false),
            row(10.0, true),
        ];
        assert_eq!(rows_fitting(&rows, 1, Pt(25.0)), 1);
        // Rows 2 and 3 are one unit: 20 fits, 10 more does not.
        assert_eq!(rows_fitting(&rows, 1, Pt(29.0)), 1);
        assert_eq!(rows_fitting(&rows, 1, Pt(30.0)), 3);
        assert_eq!(rows_fitting(&rows, 2, Pt(15.0)), 0);
        assert_eq!(rows_fitting(&rows, 2, Pt(100.0)), 3);
    }
}
