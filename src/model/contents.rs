//! A table of contents (`contents = "本期要目"`): the titles after it — of the whole bulletin,
//! or of the attachment it stands in — with page numbers, and with `headings = N` the headings
//! of levels 1 to N too.

use crate::error::{Error, ErrorKind, Result, Source};
use crate::messages::msg;
use std::ops::Range;
use toml::Spanned;

/// A checked `contents` block.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentsSpec {
    /// The heading over the entries (`本期要目`); empty for none.
    pub heading: String,
    /// Heading levels listed beside the titles (0: titles only).
    pub headings: u8,
    pub at: Range<usize>,
}

impl ContentsSpec {
    pub fn new(
        source: &Source,
        heading: Spanned<String>,
        headings: Option<Spanned<u8>>,
    ) -> Result<ContentsSpec> {
        let levels = match headings {
            Some(h) if *h.get_ref() > 4 => {
                return Err(
                    Error::new(ErrorKind::Invalid, msg::contents_headings_range())
                        .at(source, h.span()),
                )
            }
            Some(h) => h.into_inner(),
            None => 0,
        };
        Ok(ContentsSpec {
            at: heading.span(),
            heading: super::prose::join_lines(heading.get_ref()),
            headings: levels,
        })
    }
}
