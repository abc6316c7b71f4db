//! `table` blocks as written: rows of cells, or the path of a CSV file the rows come from, and
//! what qualifies them (header rows, column widths and alignment, caption, label).
//!
//! ```toml
//! [[blocks]]
//! table = [
//!   ["地区", { text = "会员单位", colspan = 2 }],
//!   ["", "2019年", "2020年"],
//!   ["北京", "1,204", "1,318.5"],
//! ]
//! header = 2
//! widths = ["auto", "30%", "2*"]
//! align = ["left", "decimal", "right"]
//! caption = "各地会员单位"
//! label = "members"
//! ```
//!
//! A cell is a string (with the inline markup of [`super::markup`]) or an inline table
//! `{ text = "…", colspan = 2, rowspan = 3 }`. A cell covered by a `rowspan` from above is left
//! out of the rows below (as in HTML). [`arrange`] places cells in columns and checks that every
//! row has as many columns as the first: the same check for rows written here and rows read
//! from a CSV file.

use crate::error::{Error, ErrorKind, Result, Source};
use crate::messages::{msg, Message};
use crate::units::{parse_length, Length};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::ops::Range;
use toml::Spanned;

/// A table block.
#[derive(Clone, Debug, PartialEq)]
pub struct TableSpec {
    pub rows: TableRows,
    /// How many rows at the top are header rows (repeated on every page the table continues
    /// on).
    pub header: usize,
    pub caption: Option<String>,
    /// A name other text refers to with `{ref:label}` (→ the table's number).
    pub label: Option<Spanned<String>>,
    /// One per column (missing ones are `auto`).
    pub widths: Vec<ColumnWidth>,
    /// One per column (missing ones are `left`).
    pub align: Vec<ColumnAlign>,
    pub at: Range<usize>,
}

/// Where a table's rows come from.
#[derive(Clone, Debug, PartialEq)]
pub enum TableRows {
    /// Written in the definition: each row with where it is written.
    Inline(Vec<(Vec<CellSpec>, Range<usize>)>),
    /// A CSV file, relative to the definition (confined like an image).
    Csv(Spanned<String>),
}

/// One cell as written.
#[derive(Clone, Debug, PartialEq)]
pub struct CellSpec {
    pub text: String,
    pub colspan: u32,
    pub rowspan: u32,
}

impl CellSpec {
    pub fn plain(text: impl Into<String>) -> CellSpec {
        CellSpec {
            text: text.into(),
            colspan: 1,
            rowspan: 1,
        }
    }
}

/// Which rules a table has (the layout's `[table] rules`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TableRules {
    /// 三线表: a thick rule over and under the table, a thin one under the header.
    #[default]
    ThreeLine,
    /// Every cell boxed: outer frame `rule`, inner lines `inner-rule` (公文 attachments).
    Grid,
}

/// How wide a column is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ColumnWidth {
    /// From its content: as wide as its widest cell set on one line, narrowed (never below its
    /// longest word) when the columns do not fit.
    Auto,
    /// A length (`25mm`, `4字`).
    Fixed(Length),
    /// A percentage of the measure (`30%`).
    Percent(f64),
    /// A share of what the other columns leave (`2*` takes twice as much as `1*`).
    Share(f64),
}

impl ColumnWidth {
    pub fn parse(text: &str) -> Result<ColumnWidth, String> {
        let t = text.trim();
        let positive = |v: Option<f64>, wrong: fn(&str) -> Message| match v {
            Some(v) if v.is_finite() && v > 0.0 => Ok(v),
            _ => Err(wrong(t).text),
        };
        if t == "auto" {
            Ok(ColumnWidth::Auto)
        } else if let Some(p) = t.strip_suffix('%') {
            let v = positive(p.trim().parse().ok(), |t| msg::table_width_not_percent(t))?;
            if v > 100.0 {
                return Err(msg::table_width_over_whole(t).text);
            }
            Ok(ColumnWidth::Percent(v))
        } else if let Some(s) = t.strip_suffix('*') {
            let s = s.trim();
            let v = if s.is_empty() {
                Some(1.0)
            } else {
                s.parse().ok()
            };
            Ok(ColumnWidth::Share(positive(v, |t| {
                msg::table_width_not_share(t)
            })?))
        } else {
            let length = parse_length(t).map_err(|e| msg::table_width_bad(e).text)?;
            let v = match length {
                Length::Pt(p) => p.0,
                Length::Em(e) => e,
            };
            positive(Some(v), |t| msg::table_width_not_positive(t))?;
            Ok(ColumnWidth::Fixed(length))
        }
    }
}

/// How a column's cells are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnAlign {
    Left,
    Center,
    Right,
    /// Numbers lined up on their decimal point (or where it would be), the widest flush right.
    Decimal,
}

impl ColumnAlign {
    pub fn parse(text: &str) -> Result<ColumnAlign, String> {
        Ok(match text.trim() {
            "left" => ColumnAlign::Left,
            "center" => ColumnAlign::Center,
            "right" => ColumnAlign::Right,
            "decimal" => ColumnAlign::Decimal,
            other => return Err(msg::table_align_unknown(other).text),
        })
    }
}

/// A cell placed in the table's grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: String,
}

/// The cells of a table placed in rows and columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Arranged {
    pub rows: usize,
    pub columns: usize,
    /// Row by row, left to right.
    pub cells: Vec<Placed>,
}

/// A problem with the rows: which row (from 0) and what (its code tells a problem with
/// `header` from one with a row, so that the error points at the right value).
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub message: Message,
}

impl RowError {
    /// Whether the problem is `header` naming more rows than there are (rather than a row).
    pub fn is_about_header(&self) -> bool {
        self.message.code == msg::table_header_too_many("", "").code
    }
}

/// Places the cells in columns: each row's cells go into the columns that cells spanning down
/// from rows above leave free. Every row must fill as many columns as the first; a span must
/// stay inside the table, and a header cell may not span into the body.
/// At most [`MAX_COLUMNS`] columns: a span is checked against it before any column it names is
/// visited, so `colspan = 4294967295` is an error, not a 32 GB column list.
pub fn arrange(rows: &[Vec<CellSpec>], header: usize) -> Result<Arranged, RowError> {
    let err = |row: usize, message: Message| Err(RowError { row, message });
    if rows.is_empty() {
        return err(0, msg::table_no_rows());
    }
    if header > rows.len() {
        return err(0, msg::table_header_too_many(header, rows.len()));
    }
    // For each column, the row down to which a cell above covers it.
    let mut covered: Vec<usize> = Vec::new();
    let mut columns = None;
    let mut cells = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        let free = |col: usize, covered: &[usize]| covered.get(col).is_none_or(|&until| until <= r);
        for cell in row {
            if cell.colspan == 0 || cell.rowspan == 0 {
                return err(r, msg::table_span_zero());
            }
            while !free(col, &covered) {
                col += 1;
            }
            let (colspan, rowspan) = (cell.colspan as usize, cell.rowspan as usize);
            if col + colspan > MAX_COLUMNS {
                return err(
                    r,
                    msg::table_too_many_columns(r + 1, col.saturating_add(colspan), MAX_COLUMNS),
                );
            }
            if let Some(n) = columns {
                if col + colspan > n {
                    return err(r, msg::table_row_too_long(r + 1, n));
                }
            }
            if (col..col + colspan).any(|c| !free(c, &covered)) {
                return err(r, msg::table_span_into_covered(r + 1));
            }
            if r + rowspan > rows.len() {
                return err(r, msg::table_span_past_end(r + 1, rowspan, rows.len() - r));
            }
            if r < header && r + rowspan > header {
                return err(r, msg::table_header_span_into_body(r + 1, header));
            }
            if covered.len() < col + colspan {
                covered.resize(col + colspan, 0);
            }
            for c in &mut covered[col..col + colspan] {
                *c = r + rowspan;
            }
            cells.push(Placed {
                row: r,
                col,
                rowspan,
                colspan,
                text: cell.text.clone(),
            });
            col += colspan;
        }
        if cells.len() > MAX_CELLS {
            return err(r, msg::table_too_many_cells(r + 1, MAX_CELLS));
        }
        let n = *columns.get_or_insert(col);
        if n == 0 {
            return err(r, msg::table_first_row_empty());
        }
        let filled = (0..covered.len()).filter(|&c| !free(c, &covered)).count();
        if filled < n {
            return err(r, msg::table_row_short(r + 1, filled, n));
        }
    }
    Ok(Arranged {
        rows: rows.len(),
        columns: columns.unwrap_or(0),
        cells,
    })
}

/// What a `table` block says besides its rows.
pub(super) struct Qualifiers {
    pub table: Spanned<TableValue>,
    pub header: Option<Spanned<usize>>,
    pub widths: Option<Spanned<Vec<Spanned<String>>>>,
    pub align: Option<Spanned<Vec<Spanned<String>>>>,
    pub caption: Option<String>,
    pub label: Option<Spanned<String>>,
}

/// Checks a `table` block's values, each at its place: rows written here are arranged at
/// once (rows from a CSV file when the file is read).
pub(super) fn spec(source: &Source, q: Qualifiers, at: Range<usize>) -> Result<TableSpec> {
    let invalid = |message: Message, span: Range<usize>| {
        Error::new(ErrorKind::Invalid, message).at(source, span)
    };
    let list = |values: Option<Spanned<Vec<Spanned<String>>>>| {
        values.map(|v| v.into_inner()).unwrap_or_default()
    };
    let widths = list(q.widths)
        .iter()
        .map(|w| ColumnWidth::parse(w.get_ref()).map_err(|m| invalid(m.into(), w.span())))
        .collect::<Result<Vec<_>>>()?;
    let align = list(q.align)
        .iter()
        .map(|a| ColumnAlign::parse(a.get_ref()).map_err(|m| invalid(m.into(), a.span())))
        .collect::<Result<Vec<_>>>()?;
    let header = q.header.as_ref().map_or(1, |h| *h.get_ref());
    let span = q.table.span();
    let rows = match q.table.into_inner() {
        TableValue::Csv(path) if path.trim().is_empty() => {
            return Err(invalid(msg::table_needs_rows(), span))
        }
        TableValue::Csv(path) => TableRows::Csv(Spanned::new(span, path)),
        TableValue::Rows(rows) => {
            let rows: Vec<(Vec<CellSpec>, Range<usize>)> = rows
                .into_iter()
                .map(|r| {
                    let at = r.span();
                    (r.into_inner().into_iter().map(|c| c.0).collect(), at)
                })
                .collect();
            let cells: Vec<Vec<CellSpec>> = rows.iter().map(|(r, _)| r.clone()).collect();
            if let Err(e) = arrange(&cells, header) {
                let place = rows.get(e.row).map_or(span.clone(), |(_, at)| at.clone());
                let place = match &q.header {
                    Some(h) if e.is_about_header() => h.span(),
                    _ => place,
                };
                return Err(invalid(e.message, place));
            }
            TableRows::Inline(rows)
        }
    };
    Ok(TableSpec {
        rows,
        header,
        caption: q.caption,
        label: q.label,
        widths,
        align,
        at,
    })
}

/// The value of `table =`: an array of rows, or a string (a CSV file's path).
pub(super) enum TableValue {
    Rows(Vec<Spanned<Vec<CellValue>>>),
    Csv(String),
}

impl<'de> Deserialize<'de> for TableValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<TableValue, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TableValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&msg::expect_table_rows().text)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TableValue, E> {
                Ok(TableValue::Csv(v.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TableValue, A::Error> {
                let mut rows = Vec::new();
                while let Some(row) = seq.next_element::<Spanned<Vec<CellValue>>>()? {
                    rows.push(row);
                }
                Ok(TableValue::Rows(rows))
            }
        }
        d.deserialize_any(V)
    }
}

/// The most columns a table may have: more than a landscape A3 page holds at one 5 pt
/// character per column.
pub const MAX_COLUMNS: usize = 120;

/// The most cells a table may have. A table is measured whole before it is paginated (its
/// column widths depend on every cell), at about 2 KB a cell; 100,000 cells are some 1,600
/// pages of a three-column table and 200 MB, and bound what a 64 MB CSV file could ask for
/// (two million rows). A bulletin's largest tables hold a few thousand.
pub const MAX_CELLS: usize = 100_000;

/// A cell as written: a string, a whole number, or `{ text, colspan, rowspan }`.
pub(super) struct CellValue(pub CellSpec);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CellTable {
    text: String,
    colspan: Option<u32>,
    rowspan: Option<u32>,
}

impl<'de> Deserialize<'de> for CellValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CellValue, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = CellValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&msg::expect_table_cell().text)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CellValue, E> {
                Ok(CellValue(CellSpec::plain(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellValue, E> {
                Ok(CellValue(CellSpec::plain(v.to_string())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellValue, E> {
                Ok(CellValue(CellSpec::plain(v.to_string())))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellValue, E> {
                Err(E::custom(msg::table_cell_float(v)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CellValue, A::Error> {
                let t = CellTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(CellValue(CellSpec {
                    text: t.text,
                    colspan: t.colspan.unwrap_or(1),
                    rowspan: t.rowspan.unwrap_or(1),
                }))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(spec: &[&[(&str, u32, u32)]]) -> Vec<Vec<CellSpec>> {
        spec.iter()
            .map(|r| {
                r.iter()
                    .map(|(t, c, s)| CellSpec {
                        text: t.to_string(),
                        colspan: *c,
                        rowspan: *s,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn spans_leave_their_columns_to_the_rows_below() {
        let r = rows(&[
            &[("地区", 1, 2), ("会员", 2, 1)],
            &[("2019", 1, 1), ("2020", 1, 1)],
            &[("北京", 1, 1), ("1", 1, 1), ("2", 1, 1)],
        ]);
        let a = arrange(&r, 2).unwrap();
        assert_eq!((a.rows, a.columns), (3, 3));
        let at: Vec<(usize, usize, &str)> = a
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (0, 0, "地区"),
                (0, 1, "会员"),
                (1, 1, "2019"),
                (1, 2, "2020"),
                (2, 0, "北京"),
                (2, 1, "1"),
                (2, 2, "2")
            ]
        );
    }

    #[test]
    fn ragged_rows_and_bad_spans_name_the_row() {
        let short = rows(&[&[("a", 1, 1), ("b", 1, 1)], &[("c", 1, 1)]]);
        let e = arrange(&short, 1).unwrap_err();
        assert_eq!(e.row, 1);
        assert!(
            e.message.text.contains("row 2 has 1 column(s)"),
            "{}",
            e.message
        );
        let long = rows(&[&[("a", 1, 1)], &[("b", 1, 1), ("c", 1, 1)]]);
        assert!(arrange(&long, 0)
            .unwrap_err()
            .message
            .text
            .contains("more columns"));
        let down = rows(&[&[("a", 1, 3)], &[("b", 1, 1)]]);
        assert!(arrange(&down, 0)
            .unwrap_err()
            .message
            .text
            .contains("spans 3 rows"));
        let header = rows(&[&[("a", 1, 2), ("b", 1, 1)], &[("c", 1, 1)]]);
        assert!(arrange(&header, 1)
            .unwrap_err()
            .message
            .text
            .contains("header cell"));
        let zero = rows(&[&[("a", 0, 1)]]);
        assert!(arrange(&zero, 0).is_err());
        assert!(arrange(&[], 0).is_err());
        assert!(arrange(&rows(&[&[("a", 1, 1)]]), 2).is_err());
    }

    /// A hostile span is refused at once (it used to walk and allocate 4 billion columns).
    #[test]
    fn a_span_past_the_column_limit_is_an_error() {
        let huge = rows(&[&[("a", 1, 1), ("b", u32::MAX, 1)], &[("c", 1, 1)]]);
        let e = arrange(&huge, 0).unwrap_err();
        assert_eq!(e.row, 0);
        assert!(
            e.message.text.contains("at most 120 columns"),
            "{}",
            e.message
        );
        let widest = rows(&[&[("a", MAX_COLUMNS as u32, 1)]]);
        assert!(arrange(&widest, 0).is_ok());
    }

    #[test]
    fn widths_and_alignments_parse() {
        assert_eq!(ColumnWidth::parse("auto"), Ok(ColumnWidth::Auto));
        assert_eq!(ColumnWidth::parse("30%"), Ok(ColumnWidth::Percent(30.0)));
        assert_eq!(ColumnWidth::parse("2*"), Ok(ColumnWidth::Share(2.0)));
        assert_eq!(ColumnWidth::parse("*"), Ok(ColumnWidth::Share(1.0)));
        assert!(matches!(
            ColumnWidth::parse("25mm"),
            Ok(ColumnWidth::Fixed(Length::Pt(_)))
        ));
        for bad in ["0%", "120%", "-2*", "wide", "0mm"] {
            assert!(ColumnWidth::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(ColumnAlign::parse("decimal"), Ok(ColumnAlign::Decimal));
        assert!(ColumnAlign::parse("middle").is_err());
    }
}
