//! A row of photos side by side (`figures = ["a.jpg", "b.jpg", "c.jpg"]`): two to four images
//! set to one height so that the row fills the measure, under one figure number with
//! sub-captions (`numbered = "row"`, the default) or each under a number of its own
//! (`numbered = "each"`).
//!
//! ```toml
//! [[blocks]]
//! figures = ["photos/a.jpg", "photos/b.jpg"]
//! captions = ["会场", "签约仪式"]     # sub-captions, worded by the layout: (a) 会场
//! caption = "2020 年质量大会"         # the row's caption: 图 3 2020 年质量大会
//! label = "meeting"                  # {ref:meeting} → 3
//! ```

use crate::error::{Error, ErrorKind, Result, Source};
use std::ops::Range;
use toml::Spanned;

/// How a row of photos is numbered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowNumbering {
    /// One number for the row; each photo's caption is a sub-caption ((a), (b) … or 左/右).
    Row,
    /// Every photo is a figure with its own number and caption.
    Each,
}

/// A checked row of photos.
#[derive(Clone, Debug, PartialEq)]
pub struct RowSpec {
    /// The images' paths relative to the definition, left to right.
    pub photos: Vec<Spanned<String>>,
    /// The row's caption (one number only).
    pub caption: Option<String>,
    /// One caption for each photo, or none at all.
    pub captions: Vec<String>,
    pub numbering: RowNumbering,
    /// A label for each number the row takes: the row's one, or each photo's.
    pub labels: Vec<Option<Spanned<String>>>,
    pub at: Range<usize>,
}

impl RowSpec {
    /// How many figure numbers the row takes.
    pub fn numbers(&self) -> usize {
        match self.numbering {
            RowNumbering::Row => 1,
            RowNumbering::Each => self.photos.len(),
        }
    }
}

/// The fewest and most photos of a row: one is a `figure`; five or more are too small to see
/// on an A4 measure.
pub const PHOTOS: std::ops::RangeInclusive<usize> = 2..=4;

/// A `figures` block as written, its prose already read.
pub struct RowWritten {
    pub figures: Spanned<Vec<Spanned<String>>>,
    pub caption: Option<(String, Range<usize>)>,
    pub captions: Option<(Vec<String>, Range<usize>)>,
    pub label: Option<Spanned<String>>,
    pub labels: Option<Spanned<Vec<Spanned<String>>>>,
    pub numbered: Option<Spanned<String>>,
}

impl RowWritten {
    /// Checks the row: two to four paths, one caption a photo, the keys that fit its numbering.
    pub fn check(self, source: &Source, at: Range<usize>) -> Result<RowSpec> {
        let invalid = |msg: String, span: Range<usize>| {
            Err(Error::new(ErrorKind::Invalid, msg).at(source, span))
        };
        let count = self.figures.get_ref().len();
        if !PHOTOS.contains(&count) {
            return invalid(
                format!(
                    "a row of `figures` holds 2 to 4 photos, not {count}; use `figure` for one photo and two rows for more"
                ),
                self.figures.span(),
            );
        }
        if let Some(empty) = self
            .figures
            .get_ref()
            .iter()
            .find(|p| p.get_ref().trim().is_empty())
        {
            return invalid(
                "each of `figures` is the path of an image file".into(),
                empty.span(),
            );
        }
        let numbering = match self.numbered.as_ref().map(|n| n.get_ref().as_str()) {
            None | Some("row") => RowNumbering::Row,
            Some("each") => RowNumbering::Each,
            Some(other) => {
                return invalid(
                    format!("`numbered` is \"row\" (one number, sub-captions) or \"each\" (a number for each photo), not \"{other}\""),
                    self.numbered.as_ref().map_or(at.clone(), Spanned::span),
                )
            }
        };
        let captions = match self.captions {
            Some((list, span)) if list.len() != count => {
                return invalid(
                    format!("{} captions for {count} photos: give one caption for each photo (\"\" for none)", list.len()),
                    span,
                )
            }
            Some((list, _)) => list,
            None => Vec::new(),
        };
        let labels = match numbering {
            RowNumbering::Row => {
                if let Some(l) = &self.labels {
                    return invalid(
                        "`labels` name each photo's number (`numbered = \"each\"`); a row under one number has one `label`".into(),
                        l.span(),
                    );
                }
                vec![self.label]
            }
            RowNumbering::Each => {
                if let Some((_, span)) = &self.caption {
                    return invalid(
                        "with `numbered = \"each\"` every photo has its own caption in `captions`; a row-wide `caption` needs `numbered = \"row\"`".into(),
                        span.clone(),
                    );
                }
                if let Some(l) = &self.label {
                    return invalid(
                        "with `numbered = \"each\"` give `labels`, one for each photo (\"\" for none)".into(),
                        l.span(),
                    );
                }
                match self.labels {
                    Some(l) if l.get_ref().len() != count => {
                        return invalid(
                            format!(
                            "{} labels for {count} photos: give one for each photo (\"\" for none)",
                            l.get_ref().len()
                        ),
                            l.span(),
                        )
                    }
                    Some(l) => l
                        .into_inner()
                        .into_iter()
                        .map(|l| Some(l).filter(|l| !l.get_ref().is_empty()))
                        .collect(),
                    None => vec![None; count],
                }
            }
        };
        Ok(RowSpec {
            photos: self.figures.into_inner(),
            caption: self.caption.map(|c| c.0).filter(|c| !c.is_empty()),
            captions,
            numbering,
            labels,
            at,
        })
    }
}
