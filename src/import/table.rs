//! Tables of an imported article: built cell by cell as a reader meets them (a Word table's
//! `w:tc` with its `gridSpan` and `vMerge`, a Markdown table's cells), then made regular — every
//! row as wide as the widest, spans kept inside the table, header cells not spanning into the
//! body — so that the `table` block written for it ([`toml`]) always renders (see
//! docs/tables.md for the block).

/// A table read from an article: rows of cells (a cell covered by a span from above is left
/// out of its row, as the definition format writes it), header rows, and each column's
/// alignment when the source gives one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableItem {
    pub rows: Vec<Vec<CellItem>>,
    /// How many rows at the top are header rows.
    pub header: usize,
    /// `left`, `center` or `right` per column (Markdown's delimiter row); empty: not given.
    pub align: Vec<&'static str>,
}

/// One cell: its text (definition markup) and spans.
#[derive(Clone, Debug, PartialEq)]
pub struct CellItem {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
}

/// How a Word cell takes part in a vertical merge (`w:vMerge`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Merge {
    /// Not merged.
    None,
    /// The first cell of a merge (`w:vMerge w:val="restart"`): it spans down.
    Restart,
    /// Covered by the merge above (`w:vMerge` without a value): its text is dropped.
    Continue,
}

/// A table being read.
#[derive(Default)]
pub(crate) struct TableBuild {
    table: TableItem,
    row: Vec<CellItem>,
    /// The grid column the next cell of the row starts in (covered cells counted).
    col: usize,
    /// For each grid column, the cell a vertical merge started in (row, index in its row).
    merges: Vec<Option<(usize, usize)>>,
    /// Whether every row so far is a header row (header rows are the first ones only).
    all_header: bool,
}

impl TableBuild {
    pub fn new() -> TableBuild {
        TableBuild {
            all_header: true,
            ..TableBuild::default()
        }
    }

    /// Ends a cell with `text` spanning `colspan` grid columns.
    pub fn cell(&mut self, text: String, colspan: u32, merge: Merge) {
        let colspan = colspan.max(1);
        let cols = self.col..self.col + colspan as usize;
        if self.merges.len() < cols.end {
            self.merges.resize(cols.end, None);
        }
        let origin = self.merges[self.col];
        match (merge, origin) {
            (Merge::Continue, Some((row, k))) => {
                // The merge above reaches down one more row.
                self.table.rows[row][k].rowspan += 1;
            }
            _ => {
                let restart = merge == Merge::Restart;
                let at = (self.table.rows.len(), self.row.len());
                for c in cols.clone() {
                    self.merges[c] = restart.then_some(at);
                }
                self.row.push(CellItem {
                    text,
                    colspan,
                    rowspan: 1,
                });
            }
        }
        self.col = cols.end;
    }

    /// Ends a row; `header` when the source marks it as one (a Word row repeated on every
    /// page, a Markdown table's head).
    pub fn end_row(&mut self, header: bool) {
        // A merge no cell of this row continued is over.
        for c in self.col..self.merges.len() {
            self.merges[c] = None;
        }
        self.col = 0;
        let row = std::mem::take(&mut self.row);
        self.table.rows.push(row);
        if header && self.all_header {
            self.table.header += 1;
        } else {
            self.all_header = false;
        }
    }

    pub fn align(&mut self, align: Vec<&'static str>) {
        self.table.align = align;
    }

    /// The table made regular; `None` when it has no cells at all.
    pub fn finish(mut self) -> Option<TableItem> {
        if !self.row.is_empty() {
            self.end_row(false);
        }
        let mut t = self.table;
        // (A row may be empty because cells from above cover it all: it stays.)
        if t.rows.iter().all(|r| r.is_empty()) {
            return None;
        }
        regularise(&mut t);
        Some(t)
    }
}

/// Makes a table one the definition accepts: spans cut at the table's foot, every row filled to
/// the widest row's columns with empty cells, the header rows extended over any header cell
/// that spans down into the body, and at most [`crate::model::table::MAX_COLUMNS`] columns.
fn regularise(t: &mut TableItem) {
    let n = t.rows.len();
    t.header = t.header.min(n);
    for (r, row) in t.rows.iter_mut().enumerate() {
        for c in row.iter_mut() {
            c.rowspan = c.rowspan.clamp(1, (n - r) as u32);
            c.colspan = c.colspan.clamp(1, crate::model::table::MAX_COLUMNS as u32);
        }
    }
    // Columns each row fills, cells spanning from above counted.
    let mut covered: Vec<usize> = Vec::new();
    let mut filled = Vec::with_capacity(n);
    for (r, row) in t.rows.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while covered.get(col).is_some_and(|&until| until > r) {
                col += 1;
            }
            let end = col + cell.colspan as usize;
            if covered.len() < end {
                covered.resize(end, 0);
            }
            for c in &mut covered[col..end] {
                *c = r + cell.rowspan as usize;
            }
            col = end;
        }
        filled.push(covered.iter().filter(|&&until| until > r).count());
    }
    let width = filled.iter().copied().max().unwrap_or(0);
    for (row, have) in t.rows.iter_mut().zip(filled) {
        for _ in have..width {
            row.push(CellItem {
                text: String::new(),
                colspan: 1,
                rowspan: 1,
            });
        }
    }
    // A header cell spanning into the body takes those rows into the header.
    let mut r = 0;
    while r < t.header {
        for cell in &t.rows[r] {
            t.header = t.header.max(r + cell.rowspan as usize);
        }
        r += 1;
    }
    t.align.truncate(width);
}

/// The `table` block for `t`, as TOML (cells as literal strings where they can be).
pub fn toml(t: &TableItem, one_line: &dyn Fn(&str) -> String) -> String {
    let mut out = String::from("\n[[blocks]]\ntable = [\n");
    for row in &t.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let text = one_line(&c.text);
                if c.colspan == 1 && c.rowspan == 1 {
                    return text;
                }
                let mut cell = format!("{{ text = {text}");
                if c.colspan > 1 {
                    cell.push_str(&format!(", colspan = {}", c.colspan));
                }
                if c.rowspan > 1 {
                    cell.push_str(&format!(", rowspan = {}", c.rowspan));
                }
                cell + " }"
            })
            .collect();
        out.push_str(&format!("  [{}],\n", cells.join(", ")));
    }
    out.push_str("]\n");
    // `header` is 1 unless written.
    if t.header != 1 {
        out.push_str(&format!("header = {}\n", t.header));
    }
    if t.align.iter().any(|a| *a != "left") {
        let align: Vec<String> = t.align.iter().map(|a| format!("\"{a}\"")).collect();
        out.push_str(&format!("align = [{}]\n", align.join(", ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &TableItem) -> Vec<Vec<(&str, u32, u32)>> {
        t.rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| (c.text.as_str(), c.colspan, c.rowspan))
                    .collect()
            })
            .collect()
    }

    /// Word's merges: `gridSpan` is a colspan, a `vMerge` restart and the cells continuing it
    /// below are one cell with a rowspan (the continuing cells left out of their rows).
    #[test]
    fn word_merges_become_spans() {
        let mut b = TableBuild::new();
        b.cell("地区".into(), 1, Merge::Restart);
        b.cell("会员".into(), 2, Merge::None);
        b.end_row(true);
        b.cell(String::new(), 1, Merge::Continue);
        b.cell("2019".into(), 1, Merge::None);
        b.cell("2020".into(), 1, Merge::None);
        b.end_row(true);
        b.cell("北京".into(), 1, Merge::None);
        b.cell("1".into(), 1, Merge::None);
        b.cell("2".into(), 1, Merge::None);
        b.end_row(false);
        let t = b.finish().unwrap();
        assert_eq!(
            cells(&t),
            [
                vec![("地区", 1, 2), ("会员", 2, 1)],
                vec![("2019", 1, 1), ("2020", 1, 1)],
                vec![("北京", 1, 1), ("1", 1, 1), ("2", 1, 1)],
            ]
        );
        assert_eq!(t.header, 2);
        let rows: Vec<Vec<crate::model::table::CellSpec>> = t
            .rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|c| crate::model::table::CellSpec {
                        text: c.text.clone(),
                        colspan: c.colspan,
                        rowspan: c.rowspan,
                    })
                    .collect()
            })
            .collect();
        let arranged = crate::model::table::arrange(&rows, t.header).unwrap();
        assert_eq!(arranged.columns, 3);
    }

    /// Ragged rows are filled, a header cell spanning into the body takes it into the header,
    /// and a header row after a body row is body.
    #[test]
    fn irregular_tables_are_made_regular() {
        let mut b = TableBuild::new();
        b.cell("a".into(), 1, Merge::Restart);
        b.cell("b".into(), 1, Merge::None);
        b.end_row(true);
        b.cell(String::new(), 1, Merge::Continue);
        b.end_row(false);
        b.cell("c".into(), 1, Merge::None);
        b.cell("d".into(), 1, Merge::None);
        b.cell("e".into(), 1, Merge::None);
        b.end_row(true);
        let t = b.finish().unwrap();
        assert_eq!(t.header, 2);
        assert_eq!(
            cells(&t),
            [
                vec![("a", 1, 2), ("b", 1, 1), ("", 1, 1)],
                vec![("", 1, 1), ("", 1, 1)],
                vec![("c", 1, 1), ("d", 1, 1), ("e", 1, 1)],
            ]
        );
        assert!(TableBuild::new().finish().is_none());
    }
}
