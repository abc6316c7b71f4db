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
        let positive = |v: Option<f64>, what: &str| match v {
            Some(v) if v.is_finite() && v > 0.0 => Ok(v),
            _ => Err(format!("`{t}` is not {what}")),
        };
        if t == "auto" {
            Ok(ColumnWidth::Auto)
        } else if let Some(p) = t.strip_suffix('%') {
            let v = positive(
                p.trim().parse().ok(),
                "a percentage above 0%, such as `30%`",
            )?;
            if v > 100.0 {
                return Err(format!("`{t}` is more than the whole measure (100%)"));
            }
            Ok(ColumnWidth::Percent(v))
        } else if let Some(s) = t.strip_suffix('*') {
            let s = s.trim();
            let v = if s.is_empty() {
                Some(1.0)
            } else {
                s.parse().ok()
            };
            Ok(ColumnWidth::Share(positive(v, "a share such as `2*`")?))
        } else {
            let length = parse_length(t).map_err(|e| {
                format!("{e}; a column width is `auto`, a length (`25mm`, `4字`), a percentage (`30%`) or a share (`2*`)")
            })?;
            let v = match length {
                Length::Pt(p) => p.0,
                Length::Em(e) => e,
            };
            positive(Some(v), "a width above zero")?;
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
            other => {
                return Err(format!(
                "`{other}` is not a column alignment: write `left`, `center`, `right` or `decimal`"
            ))
            }
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

/// A problem with the rows: which row (from 0) and what.
#[derive(Clone, Debug, PartialEq)]
pub struct RowError {
    pub row: usize,
    pub message: String,
}

/// Places the cells in columns: each row's cells go into the columns that cells spanning down
/// from rows above leave free. Every row must fill as many columns as the first; a span must
/// stay inside the table, and a header cell may not span into the body.
/// At most [`MAX_COLUMNS`] columns: a span is checked against it before any column it names is
/// visited, so `colspan = 4294967295` is an error, not a 32 GB column list.
pub fn arrange(rows: &[Vec<CellSpec>], header: usize) -> Result<Arranged, RowError> {
    let err = |row: usize, message: String| Err(RowError { row, message });
    if rows.is_empty() {
        return err(0, "this table has no rows".into());
    }
    if header > rows.len() {
        return err(
            0,
            format!(
                "`header = {header}` but the table has only {} row(s)",
                rows.len()
            ),
        );
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
                return err(r, "`colspan` and `rowspan` are at least 1".into());
            }
            while !free(col, &covered) {
                col += 1;
            }
            let (colspan, rowspan) = (cell.colspan as usize, cell.rowspan as usize);
            if col + colspan > MAX_COLUMNS {
                return err(
                    r,
                    format!(
                        "row {} reaches column {}, but a table has at most {MAX_COLUMNS} columns (a column of one 5 pt character on an A3 page is about 100)",
                        r + 1,
                        col.saturating_add(colspan)
                    ),
                );
            }
            if let Some(n) = columns {
                if col + colspan > n {
                    return err(
                        r,
                        format!(
                            "row {} has more columns than the first row's {n} (counting cells spanning from above)",
                            r + 1
                        ),
                    );
                }
            }
            if (col..col + colspan).any(|c| !free(c, &covered)) {
                return err(
                    r,
                    format!(
                        "a cell of row {} spans into a column a cell above already covers",
                        r + 1
                    ),
                );
            }
            if r + rowspan > rows.len() {
                return err(
                    r,
                    format!(
                        "a cell of row {} spans {rowspan} rows, but the table ends {} row(s) down",
                        r + 1,
                        rows.len() - r
                    ),
                );
            }
            if r < header && r + rowspan > header {
                return err(
                    r,
                    format!(
                        "a header cell of row {} spans into the body rows (the table has {header} header row(s))",
                        r + 1
                    ),
                );
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
        let n = *columns.get_or_insert(col);
        if n == 0 {
            return err(r, "the first row has no cells".into());
        }
        let filled = (0..covered.len()).filter(|&c| !free(c, &covered)).count();
        if filled < n {
            return err(
                r,
                format!(
                    "row {} has {filled} column(s), the first row has {n}: add the missing cells (\"\" for an empty one) or span a cell",
                    r + 1
                ),
            );
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
    let invalid =
        |msg: String, span: Range<usize>| Error::new(ErrorKind::Invalid, msg).at(source, span);
    let list = |values: Option<Spanned<Vec<Spanned<String>>>>| {
        values.map(|v| v.into_inner()).unwrap_or_default()
    };
    let widths = list(q.widths)
        .iter()
        .map(|w| ColumnWidth::parse(w.get_ref()).map_err(|m| invalid(m, w.span())))
        .collect::<Result<Vec<_>>>()?;
    let align = list(q.align)
        .iter()
        .map(|a| ColumnAlign::parse(a.get_ref()).map_err(|m| invalid(m, a.span())))
        .collect::<Result<Vec<_>>>()?;
    let header = q.header.as_ref().map_or(1, |h| *h.get_ref());
    let span = q.table.span();
    let rows = match q.table.into_inner() {
        TableValue::Csv(path) if path.trim().is_empty() => {
            return Err(invalid(
                "`table` needs rows (an array of arrays) or the path of a CSV file".into(),
                span,
            ))
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
                    Some(h) if e.message.starts_with("`header") => h.span(),
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
                f.write_str("an array of rows, e.g. [[\"地区\", \"数量\"], [\"北京\", \"12\"]], or the path of a CSV file")
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
                f.write_str("a cell: a string, or { text = \"…\", colspan = 2, rowspan = 2 }")
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
                Err(E::custom(format!(
                    "write the number {v} as a string (\"{v}\"), so that its digits print as written (12.50 stays 12.50)"
                )))
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
        assert!(e.message.contains("row 2 has 1 column(s)"), "{}", e.message);
        let long = rows(&[&[("a", 1, 1)], &[("b", 1, 1), ("c", 1, 1)]]);
        assert!(arrange(&long, 0)
            .unwrap_err()
            .message
            .contains("more columns"));
        let down = rows(&[&[("a", 1, 3)], &[("b", 1, 1)]]);
        assert!(arrange(&down, 0)
            .unwrap_err()
            .message
            .contains("spans 3 rows"));
        let header = rows(&[&[("a", 1, 2), ("b", 1, 1)], &[("c", 1, 1)]]);
        assert!(arrange(&header, 1)
            .unwrap_err()
            .message
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
        assert!(e.message.contains("at most 120 columns"), "{}", e.message);
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
