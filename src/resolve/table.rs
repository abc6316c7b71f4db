//! Tables resolved: rows read (from the definition or a CSV file beside it), cells placed in
//! columns, their markup read, the caption numbered and worded, and the layout's `[table]`
//! values (rules, padding, the 续表 wording) made concrete.
//!
//! A CSV file is reached like a `text-file` (confined to the root, GBK from Excel read with a
//! warning) and parsed with the `csv` crate: quoted fields with commas, doubled quotes and line
//! breaks inside them (what Excel writes) are one cell each. Errors point into the CSV file.

use super::{Assets, Document};
use crate::error::{Error, ErrorKind, Result, Source, Warning};
use crate::messages::msg;
use crate::model::layout::LayoutSpec;
use crate::model::markup::Styled;
use crate::model::table::{
    arrange, CellSpec, ColumnAlign, ColumnWidth, TableRows, TableRules, TableSpec,
};
use crate::model::Color;
use crate::units::{Length, Pt};
use std::collections::HashMap;
use std::ops::Range;

/// A table ready for the page stage.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub rows: usize,
    pub columns: Vec<Column>,
    /// Row by row, left to right.
    pub cells: Vec<Cell>,
    /// Header rows, repeated at the top of every page the table continues on.
    pub header: usize,
    /// The caption as printed (`表 1 …`), set above the table.
    pub caption: Option<Styled>,
    pub number: u32,
    /// The line over each continuation (`续表 1`).
    pub continued: Styled,
    pub rules: TableRules,
    /// Outer rules (三线表: top and bottom), and the inner ones.
    pub rule: Pt,
    pub inner_rule: Pt,
    pub rule_color: Color,
    pub padding: Pt,
    pub at: Range<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub width: ColumnWidth,
    pub align: ColumnAlign,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub row: usize,
    pub col: usize,
    pub rowspan: usize,
    pub colspan: usize,
    pub text: Styled,
}

/// Resolves a table block numbered `number`; `labels` are the figures' and tables' numbers for
/// `{ref:…}` in cells.
pub(super) fn table(
    def_source: &Source,
    spec: &LayoutSpec,
    t: &TableSpec,
    number: u32,
    labels: &HashMap<String, u32>,
    doc: &mut Document,
    assets: &dyn Assets,
) -> Result<Table> {
    let own = super::styles::spec_of(spec, "table");
    let size = doc.style(crate::resolve::Role::Table).size;
    let len = |v: Option<crate::model::LengthValue>, default: Length| {
        v.map_or(default, |l| l.0).resolve(size)
    };
    // Rows and the file their cells' markup errors point into.
    let (rows, source, spans) = match &t.rows {
        TableRows::Inline(rows) => (
            rows.iter().map(|(r, _)| r.clone()).collect::<Vec<_>>(),
            def_source.clone(),
            rows.iter().map(|(_, at)| at.clone()).collect::<Vec<_>>(),
        ),
        TableRows::Csv(path) => csv_rows(def_source, path, doc, assets)?,
    };
    let arranged = arrange(&rows, t.header).map_err(|e| {
        let at = spans.get(e.row).cloned().unwrap_or_else(|| t.at.clone());
        Error::new(ErrorKind::Invalid, e.message).at(&source, at)
    })?;
    let n = arranged.columns;
    for (what, given) in [("widths", t.widths.len()), ("align", t.align.len())] {
        if given > n {
            return Err(
                Error::new(ErrorKind::Invalid, msg::table_columns_given(what, given, n))
                    .at(def_source, t.at.clone()),
            );
        }
    }
    let columns = (0..n)
        .map(|c| Column {
            width: t.widths.get(c).copied().unwrap_or(ColumnWidth::Auto),
            align: t.align.get(c).copied().unwrap_or(ColumnAlign::Left),
        })
        .collect();
    let cells = arranged
        .cells
        .into_iter()
        .map(|c| {
            let at = spans.get(c.row).cloned().unwrap_or_else(|| t.at.clone());
            Ok(Cell {
                text: super::styled(&c.text, labels, &source, &at)?,
                row: c.row,
                col: c.col,
                rowspan: c.rowspan,
                colspan: c.colspan,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let template = |v: &Option<toml::Spanned<String>>, default: &str| {
        v.as_ref()
            .map_or_else(|| default.to_string(), |f| f.get_ref().clone())
    };
    let caption = match &t.caption {
        Some(c) => Some(super::caption(
            &template(&own.format, "表 {n} {caption}"),
            number,
            &super::styled(c, labels, def_source, &t.at)?,
        )),
        None => None,
    };
    let continued = super::caption(
        &template(&own.continued, "续表"),
        number,
        &caption.clone().unwrap_or_default(),
    );
    Ok(Table {
        rows: arranged.rows,
        columns,
        cells,
        header: t.header,
        caption,
        number,
        continued,
        rules: own.rules.unwrap_or_default(),
        rule: len(own.rule, Length::Pt(Pt(1.0))),
        inner_rule: len(own.inner_rule, Length::Pt(Pt(0.5))),
        rule_color: own.rule_color.unwrap_or(Color::BLACK),
        padding: len(own.padding, Length::Em(0.3)),
        at: t.at.clone(),
    })
}

/// Rows of cells, the file they are written in, and where each row is in it.
type Rows = (Vec<Vec<CellSpec>>, Source, Vec<Range<usize>>);

/// A CSV file's rows (every cell plain), the file as a source, and where each row is in it.
fn csv_rows(
    definition: &Source,
    path: &toml::Spanned<String>,
    doc: &mut Document,
    assets: &dyn Assets,
) -> Result<Rows> {
    let base = crate::paths::dir_of(&definition.path);
    let file = super::relative_path(path.get_ref(), base, "CSV file")
        .map_err(|e| e.at(definition, path.span()))?;
    let decoded = assets.text_file(&file).map_err(|msg| {
        Error::new(ErrorKind::Io, msg)
            .at(definition, path.span())
            .label(msg::label_this_csv_file())
    })?;
    let source = Source::new(file, decoded.text.as_str());
    if let Some(message) = decoded.warning() {
        doc.warnings
            .push(Warning::new(message, source.path.display().to_string()));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(decoded.text.as_bytes());
    let mut rows = Vec::new();
    let mut starts = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // Blank lines in a spreadsheet's export are not rows.
                if record.iter().all(|f| f.trim().is_empty()) && record.len() <= 1 {
                    continue;
                }
                starts.push(start);
                rows.push(record.iter().map(|f| CellSpec::plain(f.trim())).collect());
            }
            Err(e) => {
                let at = e
                    .position()
                    .map_or(start, |p| p.byte() as usize)
                    .min(source.text.len());
                return Err(
                    Error::new(ErrorKind::Invalid, msg::csv_unreadable(csv_message(&e)))
                        .at(&source, at..at)
                        .label(msg::label_here()),
                );
            }
        }
    }
    let ends = starts
        .iter()
        .skip(1)
        .copied()
        .chain([source.text.len()])
        .collect::<Vec<_>>();
    let spans = starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| s..source.text[..e].trim_end().len().max(s))
        .collect();
    if rows.is_empty() {
        return Err(Error::new(ErrorKind::Invalid, msg::csv_no_rows())
            .at(definition, path.span())
            .label(msg::label_this_csv_file()));
    }
    Ok((rows, source, spans))
}

/// A CSV error said without the crate's positions (the location says where).
fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { .. } => msg::csv_field_not_text().text,
        csv::ErrorKind::UnequalLengths { .. } => msg::csv_unequal_rows().text,
        _ => e.to_string(),
    }
}
