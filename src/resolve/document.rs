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
    /// Heading levels 1–4.
    pub headings: [Style; 4],
    /// Editor's notes (编者按), and the label that opens one.
    pub note: Style,
    pub note_label: Option<NoteLabel>,
    pub caption: Style,
    /// The 主送机关 line.
    pub addressee: Style,
    /// The 落款 (signature and date).
    pub signature: SignatureStyle,
    /// The 附件说明, and its label (`附件：`).
    pub attachment_note: Style,
    pub attachment_note_label: String,
    /// The label that opens an attachment (`附件1`).
    pub attachment: Style,
    pub header: Option<Running>,
    pub footer: Option<Running>,
    pub masthead: Option<Masthead>,
    pub end_block: Option<EndBlock>,
    /// Grid typesetting, when the layout asks for it.
    pub grid: Option<Grid>,
    pub figures: FigureSettings,
    pub blocks: Vec<Content>,
    pub fonts: FontSet,
    pub images: Vec<Arc<Image>>,
    /// Things worth telling a user who asks for detail (`render -v`): fake bold in use, …
    pub notes: Vec<String>,
    /// What reading the text noticed (joined sentences, half-width punctuation, a GBK text
    /// file); the page stage adds its own.
    pub warnings: Vec<crate::error::Warning>,
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
    pub supplement: bool,
    pub total_issue: Option<u32>,
    pub classification: Option<String>,
    /// The copy number as printed (zero-padded).
    pub copy_number: Option<String>,
    /// 共印 N 份, when the definition says.
    pub copies: Option<u32>,
    /// 发文机关代字 (`{code}` in templates).
    pub code: Option<String>,
    /// 紧急程度 (`{urgency}`).
    pub urgency: Option<String>,
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
    /// Line width of the stroke that emboldens a face with no bold (zero: not emboldened).
    pub embolden: Pt,
    /// Character pitch of the grid, for text set on it.
    pub grid: Option<Pt>,
}

/// How the 落款 is set: the signature `inset` from the right edge of the text block, the date on
/// the line under it starting `shift` right of the signature; when the date is the longer, the
/// date keeps the inset and the signature moves left (GB/T 9704-2012 7.3.5.2).
#[derive(Clone, Debug, PartialEq)]
pub struct SignatureStyle {
    pub style: Style,
    pub inset: Pt,
    pub shift: Pt,
}

/// The label that opens an editor's note, in a face of its own.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteLabel {
    pub text: String,
    pub chain: FontChain,
    pub embolden: Pt,
}

/// The grid: text at the body size is set in cells of `char_pitch` (so that a line holds the
/// layout's number of characters), and every text block starts on a line of `line_pitch` (so
/// that a page holds its number of lines).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    pub char_pitch: Option<Pt>,
    pub line_pitch: Option<Pt>,
}

/// Line width of the stroke that emboldens a face with no bold, in ems: about what Word and
/// xeCJK's AutoFakeBold give.
pub const FAKE_BOLD_EM: f64 = 0.03;

/// A line of one-line texts in slots: the masthead's lines, and the end block's imprint.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotLine {
    pub style: Style,
    pub left: Option<String>,
    pub center: Option<String>,
    pub right: Option<String>,
    /// Extra space between characters.
    pub letter_spacing: Pt,
    /// The line's type starts at least this far below the top of the text block.
    pub top: Option<Pt>,
}

/// The 报头 on page 1, lines top down, then a rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Masthead {
    pub lines: Vec<SlotLine>,
    pub rule: Pt,
    pub rule_color: Color,
    /// From the last line's slot to the rule, and from the rule to the text.
    pub rule_gap: Pt,
    pub space_after: Pt,
}

/// The 报尾 (版记): groups of lines between rules at the foot of the last page.
#[derive(Clone, Debug, PartialEq)]
pub struct EndBlock {
    pub style: Style,
    pub groups: Vec<Vec<EndLine>>,
    /// The first and last rules, and those between groups.
    pub rule: Pt,
    pub inner_rule: Pt,
    pub rule_color: Color,
    /// Lines stay this far in from both edges of the text block.
    pub inset: Pt,
}

#[derive(Clone, Debug, PartialEq)]
pub enum EndLine {
    /// `报：…`: wrapped lines align after the label.
    Labeled { label: String, text: String },
    /// One line with text on the left and/or the right (`共印 N 份`, the imprint).
    Slots {
        left: Option<String>,
        right: Option<String>,
    },
}
#[derive(Clone, Debug, PartialEq)]
pub struct Running {
    pub style: Style,
    /// Templates with `{page}` and the metadata fields; `None` for an empty slot.
    pub left: Option<String>,
    pub center: Option<String>,
    pub right: Option<String>,
    /// Right on odd pages, left on even ones; and the other way round.
    pub outside: Option<String>,
    pub inside: Option<String>,
    /// How far side slots stay in from the text block's edges.
    pub inset: Pt,
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
    /// An editor's note (编者按).
    Note,
    /// A figure's caption (set with the figure, never a block of its own).
    Caption,
    /// The 主送机关 line under the first title.
    Addressee,
    /// The 落款: signature and date.
    Signature,
    /// The 附件说明: `附件：1.…`.
    AttachmentNote,
    /// The label that opens an attachment (`附件1`), at the top of a new page.
    AttachmentHead,
}

impl Role {
    /// Kept on one page with the first lines of what follows: titles, headings, the addressee,
    /// an attachment's label.
    pub fn keeps_with_next(self) -> bool {
        matches!(
            self,
            Role::Title | Role::Heading(_) | Role::Addressee | Role::AttachmentHead
        )
    }

    /// Split across pages line by line, under the widow and orphan rules; the other roles move
    /// whole to the next page unless they fill one.
    pub fn splits(self) -> bool {
        matches!(self, Role::Body | Role::Note | Role::Caption)
    }
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
    /// The 附件说明 after the text: the attachments' names.
    AttachmentNote {
        names: Vec<String>,
        at: Range<usize>,
    },
    /// The 落款 after the text: who signs, and the date as printed.
    Signature {
        signature: String,
        date: String,
        at: Range<usize>,
    },
    PageBreak,
}

impl Style {
    /// `text` as a paragraph set in this style on a measure `width` wide.
    pub fn paragraph<'a>(&'a self, text: &'a str, width: Pt) -> crate::text::Paragraph<'a> {
        crate::text::Paragraph {
            text,
            chain: &self.chain,
            size: self.size,
            indent: self.indent,
            align: self.align,
            width,
        }
    }
}

impl Document {
    /// The paragraph engine's settings for text in `style`: the layout's, on the style's grid
    /// when it has one.
    pub fn text_settings(&self, style: &Style) -> TextSettings {
        TextSettings {
            grid: style.grid,
            ..self.text.clone()
        }
    }

    pub fn style(&self, role: Role) -> &Style {
        match role {
            Role::Title => &self.title,
            Role::Heading(level) => &self.headings[(level.clamp(1, 4) - 1) as usize],
            Role::Body => &self.body,
            Role::Note => &self.note,
            Role::Caption => &self.caption,
            Role::Addressee => &self.addressee,
            Role::Signature => &self.signature.style,
            Role::AttachmentNote => &self.attachment_note,
            Role::AttachmentHead => &self.attachment,
        }
    }
}

/// Fills the fields of a header, footer, masthead or end-block template: `{page}`,
/// `{publisher}`, `{date}`, `{title}`, `{name}`, `{issue}`, `{total}`, `{classification}`,
/// `{copy}`, `{copies}`, `{code}`, `{year}`, `{urgency}`. A field the bulletin does not give is left empty.
pub fn fill_template(template: &str, meta: &Metadata, page: u32) -> String {
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    template
        .replace("{page}", &page.to_string())
        .replace("{publisher}", &meta.publisher)
        .replace("{date}", &meta.date_text)
        .replace("{title}", &meta.title)
        .replace("{name}", meta.name.as_deref().unwrap_or(""))
        .replace("{issue}", &number(meta.issue))
        .replace("{total}", &number(meta.total_issue))
        .replace(
            "{classification}",
            meta.classification.as_deref().unwrap_or(""),
        )
        .replace("{copy}", meta.copy_number.as_deref().unwrap_or(""))
        .replace("{copies}", &number(meta.copies))
        .replace("{code}", meta.code.as_deref().unwrap_or(""))
        .replace("{year}", &meta.date.year.to_string())
        .replace("{urgency}", meta.urgency.as_deref().unwrap_or(""))
}

/// The fields templates may use.
pub const TEMPLATE_FIELDS: &[&str] = &[
    "page",
    "publisher",
    "date",
    "title",
    "name",
    "issue",
    "total",
    "classification",
    "copy",
    "copies",
    "code",
    "year",
    "urgency",
];
