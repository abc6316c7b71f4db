//! The resolved document: the one data type the layout stages work from.
//!
//! Everything in it is concrete — lengths in points, fonts as faces, images decoded, figure
//! numbers assigned, captions worded — so that pagination and PDF writing have no decisions to
//! make about the user's files and no files to read.

use crate::error::Source;
use crate::fonts::{FontChain, FontSet};
use crate::images::Image;
use crate::model::layout::{Align, Placement};
use crate::model::{Color, Date, Extent};
use crate::text::TextSettings;
use crate::units::Pt;
use std::ops::Range;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct Document {
    /// The definition's text, so that warnings can name the line a block starts on.
    pub source: Source,
    pub meta: Metadata,
    pub page: PageGeometry,
    pub text: TextSettings,
    /// Fewest lines of a paragraph at the head / foot of a page.
    pub widows: u32,
    pub orphans: u32,
    pub body: Style,
    pub title: Style,
    pub heading: Style,
    pub caption: Style,
    pub header: Option<Running>,
    pub footer: Option<Running>,
    pub figures: FigureSettings,
    pub blocks: Vec<Content>,
    pub fonts: FontSet,
    pub images: Vec<Arc<Image>>,
}

/// What the bulletin says about itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Metadata {
    pub title: String,
    pub publisher: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub date: Date,
    /// The date as the layout prints it (`2020年3月10日`).
    pub date_text: String,
    pub name: Option<String>,
    pub issue: Option<u32>,
    pub first_page: u32,
    /// 共印 N 份, when the definition says.
    pub copies: Option<u32>,
}

/// Page size and the text block inside it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageGeometry {
    pub width: Pt,
    pub height: Pt,
    pub top: Pt,
    pub bottom: Pt,
    pub left: Pt,
    pub right: Pt,
}

impl PageGeometry {
    pub fn text_width(&self) -> Pt {
        self.width - self.left - self.right
    }

    pub fn text_height(&self) -> Pt {
        self.height - self.top - self.bottom
    }
}

/// A text style, resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub chain: FontChain,
    pub size: Pt,
    pub line_pitch: Pt,
    pub indent: Pt,
    pub align: Align,
    pub color: Color,
    pub space_before: Pt,
    pub space_after: Pt,
}

/// A running header or footer.
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub style: Style,
    /// Templates with `{page}` and the metadata fields; `None` for an empty slot.
    pub left: Option<String>,
    pub center: Option<String>,
    pub right: Option<String>,
    /// Rule thickness (zero for none).
    pub rule: Pt,
    pub rule_color: Color,
    /// From the text block's edge to the baseline.
    pub distance: Pt,
    pub first_page: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FigureSettings {
    pub placement: Placement,
    pub width: Extent,
    pub max_height: Extent,
    pub space_before: Pt,
    pub space_after: Pt,
    pub caption_gap: Pt,
}

/// What a text block is, for its style and for keeping headings with what follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Title,
    Heading(u8),
    Body,
}

/// One block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Text {
        role: Role,
        text: String,
        /// Where the block is written in the definition.
        at: Range<usize>,
    },
    Figure {
        /// Index into [`Document::images`].
        image: usize,
        /// Width from the definition, if it set one.
        width: Option<Extent>,
        /// The caption as printed (`图 1 …`), if any.
        caption: Option<String>,
        number: u32,
        at: Range<usize>,
    },
    PageBreak,
}

impl Document {
    pub fn style(&self, role: Role) -> &Style {
        match role {
            Role::Title => &self.title,
            Role::Heading(_) => &self.heading,
            Role::Body => &self.body,
        }
    }

    /// `file:line` of a byte offset in the definition, for warnings.
    pub fn location(&self, at: usize) -> String {
        let (line, col) = self.source.line_col(at);
        format!("{}:{line}:{col}", self.source.path.display())
    }
}

/// Fills `{page}`, `{publisher}`, `{date}`, `{title}`, `{name}` and `{issue}` in a header or
/// footer template.
pub fn fill_template(template: &str, meta: &Metadata, page: u32) -> String {
    template
        .replace("{page}", &page.to_string())
        .replace("{publisher}", &meta.publisher)
        .replace("{date}", &meta.date_text)
        .replace("{title}", &meta.title)
        .replace("{name}", meta.name.as_deref().unwrap_or(""))
        .replace(
            "{issue}",
            &meta.issue.map(|n| n.to_string()).unwrap_or_default(),
        )
}

/// The fields templates may use.
pub const TEMPLATE_FIELDS: &[&str] = &["page", "publisher", "date", "title", "name", "issue"];
