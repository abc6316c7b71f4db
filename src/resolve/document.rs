//! The resolved document: the one data type the layout stages work from.
//!
//! Everything in it is concrete — lengths in points, fonts as faces, images decoded, figure
//! numbers assigned, captions worded — so that pagination and PDF writing have no decisions to
//! make about the user's files and no files to read.

use crate::error::Source;
use crate::fonts::{FontChain, FontSet};
use crate::images::Image;
use crate::model::layout::{Align, Placement};
use crate::model::markup::{self, Marks, Styled};
pub use crate::model::roles::Role;
use crate::model::{Color, Date, Extent};
use crate::text::TextSettings;
use crate::units::Pt;
use std::collections::BTreeMap;
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
    /// Every element's resolved style, by its kind (see [`crate::model::roles`]).
    pub styles: BTreeMap<Role, Style>,
    /// The label that opens an editor's note (its look is [`Role::NoteLabel`]'s).
    pub note_label: Option<String>,
    /// Where the 落款 (signature and date) goes.
    pub signature: Signature,
    /// The 附件说明's label (`附件：`).
    pub attachment_note_label: String,
    /// The leaders of contents entries (`leader`), by role, where the layout sets them.
    pub leaders: BTreeMap<Role, String>,
    pub header: Option<Running>,
    pub footer: Option<Running>,
    pub masthead: Option<Masthead>,
    pub end_block: Option<EndBlock>,
    /// Grid typesetting, when the layout asks for it.
    pub grid: Option<Grid>,
    pub figures: FigureSettings,
    pub blocks: Vec<Content>,
    /// The block (index into `blocks`) each figure's or table's label names: where a
    /// `{ref:label}` links to.
    pub targets: BTreeMap<String, usize>,
    pub fonts: FontSet,
    pub images: Vec<Arc<Image>>,
    /// The file each of [`Document::images`] was read from, for messages about an image.
    pub image_paths: Vec<std::path::PathBuf>,
    /// Whether the layout asks for a PDF/A-2b file (`[pdf] standard = "a-2b"`).
    pub archive: bool,
    /// Things worth telling a user who asks for detail (`render -v`): fake bold in use, …
    pub notes: Vec<String>,
    /// What reading the text noticed (joined sentences, half-width punctuation, a GBK text
    /// file) and a font passed over because its licence forbids embedding; the page stage adds
    /// its own.
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
    /// The 印发日期 as the layout prints dates (the date when the definition gives none).
    pub print_date_text: String,
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
    /// The faces of bold text (`**…**`) and of emphasis (`{em:…}`) in this style, when the
    /// layout gives them (`bold-font`, `emphasis-font`).
    pub bold: Option<FontChain>,
    pub emphasis: Option<FontChain>,
    /// Between a list item's number and its text.
    pub gap: Pt,
    /// Superscript and subscript text (`{sup:…}`, `{sub:…}`) in this style.
    pub sup: Script,
    pub sub: Script,
}

/// The size of superscript or subscript text and how far its baseline moves: up for a
/// superscript (`rise` > 0), down for a subscript (`rise` < 0).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Script {
    pub size: Pt,
    pub rise: Pt,
}

/// How the glyphs of one styled run are painted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ink {
    pub color: Color,
    /// Fake bold: the width of the stroke drawn around glyphs of faces that are not bold
    /// (zero: none).
    pub embolden: Pt,
    /// 着重号: a dot under each Han character (clreq 3.3.3).
    pub dots: bool,
    pub underline: bool,
    /// The glyphs' size as a share of the line's type size (superscripts and subscripts are
    /// smaller), and how far their baseline is raised above the line's (negative: lowered).
    pub scale: f64,
    pub rise: Pt,
}

impl Ink {
    /// A style's own ink: its colour and fake bold, no marks.
    pub fn of(style: &Style) -> Ink {
        Ink {
            color: style.color,
            embolden: style.embolden,
            dots: false,
            underline: false,
            scale: 1.0,
            rise: Pt::ZERO,
        }
    }

    /// Whether glyphs in this ink leave the line's size or baseline.
    pub fn shifted(&self) -> bool {
        self.scale != 1.0 || self.rise.0 != 0.0
    }
}

/// How the 落款 is set: the signature `inset` from the right edge of the text block, the date on
/// the line under it starting `shift` right of the signature; when the date is the longer, the
/// date keeps the inset and the signature moves left (GB/T 9704-2012 7.3.5.2).
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    pub inset: Pt,
    pub shift: Pt,
    /// With seals (7.3.5.1): each seal's width, the space between seals side by side, and the
    /// date's distance from the right edge (右空四字).
    pub seal_size: Pt,
    pub seal_gap: Pt,
    pub seal_inset: Pt,
    /// A 签发人签名章's width (7.3.5.3); it stands `seal-inset` from the right edge, its
    /// signer's title `inset` left of it.
    pub signer_seal_size: Pt,
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
    /// Its kind (and so its style).
    pub role: Role,
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
    /// The 签发人 beside the 发文字号 (a 上行文, GB/T 9704 7.2.6).
    pub signers: Option<Signers>,
    /// A joint document's 发文机关标志 (7.2.4), drawn in the name line's place.
    pub joint: Option<JointName>,
    /// 信函格式 (10.1): arranged by `page::letter` instead.
    pub letter: bool,
    /// The rule's length, centred on the text block (its width when absent).
    pub rule_width: Option<Pt>,
}

/// 联合行文的发文机关标志 (GB/T 9704 7.2.4): the issuing bodies' names stacked, the host first,
/// and the suffix (`文件`, if any) to their right, centred on them.
#[derive(Clone, Debug, PartialEq)]
pub struct JointName {
    pub names: Vec<String>,
    pub suffix: Option<String>,
}

/// The 签发人: the label (`签发人：`), then the names two to a line, a wrapped line's names under
/// the first line's; the block `inset` from the right edge, and the 发文字号 `inset` from the left
/// on the line of the last name.
#[derive(Clone, Debug, PartialEq)]
pub struct Signers {
    pub label: String,
    pub names: Vec<String>,
    pub inset: Pt,
}

/// The 报尾 (版记): groups of lines between rules at the foot of the last page.
#[derive(Clone, Debug, PartialEq)]
pub struct EndBlock {
    pub groups: Vec<Vec<EndLine>>,
    /// The first and last rules, and those between groups.
    pub rule: Pt,
    pub inner_rule: Pt,
    pub rule_color: Color,
    /// Lines stay this far in from both edges of the text block.
    pub inset: Pt,
    /// On an even page, the back of the last sheet (GB/T 9704 7.4: 封四).
    pub back_page: bool,
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
    /// [`Role::Header`] or [`Role::Footer`] (and so its style).
    pub role: Role,
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

impl Running {
    /// From the baseline to the rule's centre, toward the text block: under a header's
    /// descenders, over a footer's ascenders.
    pub fn rule_offset(&self, size: Pt) -> Pt {
        let em = if self.role == Role::Header { 0.35 } else { 1.1 };
        size * em + self.rule / 2.0
    }

    /// The margin it sits in: the top one for a header, the bottom one for a footer.
    pub fn margin(&self, page: &PageGeometry) -> Pt {
        if self.role == Role::Header {
            page.top
        } else {
            page.bottom
        }
    }

    /// How far its ink reaches from the text block's edge, in type of `size` with `extra` more
    /// lines' room set away from the text block (slots moved to lines of their own): toward
    /// the text block (negative: it stays clear of it) and toward the page's edge. The type is
    /// the em box, 0.88 em over the baseline and 0.12 under it (a Chinese face's 880/120); the
    /// rule is [`Running::rule_offset`] from the baseline.
    pub fn reach(&self, size: Pt, extra: Pt) -> (Pt, Pt) {
        let text = [
            &self.left,
            &self.center,
            &self.right,
            &self.outside,
            &self.inside,
        ]
        .iter()
        .any(|s| s.is_some());
        let (above, below) = if text {
            (size * 0.88, size * 0.12)
        } else {
            (Pt::ZERO, Pt::ZERO)
        };
        let rule = if self.rule.0 > 0.0 {
            self.rule_offset(size)
        } else {
            Pt::ZERO
        };
        let (inward, outward) = if self.role == Role::Header {
            (below.max(rule), above)
        } else {
            (above.max(rule), below)
        };
        (inward - self.distance, self.distance + extra + outward)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FigureSettings {
    pub placement: Placement,
    pub width: Extent,
    pub max_height: Extent,
    pub space_before: Pt,
    pub space_after: Pt,
    pub caption_gap: Pt,
    /// Between the photos of a row, the largest common height of a row, and how a photo's
    /// caption in a row under one number is worded (`({a}) {caption}`).
    pub row_gap: Pt,
    pub row_max_height: Extent,
    pub sub_caption: String,
}

/// An item of a list: its level (1, or 2 nested), its number as printed (`1.`, `（2）`, `•`)
/// and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ListEntry {
    pub role: Role,
    pub label: String,
    pub text: Styled,
}

/// A photo of a row: its image and its caption as printed (a sub-caption `(a) …`, or `图 4 …`
/// for a photo numbered on its own).
#[derive(Clone, Debug, PartialEq)]
pub struct RowPhoto {
    /// Index into [`Document::images`].
    pub image: usize,
    pub caption: Option<Styled>,
}

/// An entry of a table of contents: the block it points to (an index into
/// [`Document::blocks`]), its level (0 a title, 1–4 a heading) and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentsEntry {
    pub target: usize,
    pub level: u8,
    pub text: Styled,
}

/// One block of content.
#[derive(Clone, Debug, PartialEq)]
pub enum Content {
    Text {
        role: Role,
        /// The text with its inline marks (bold, emphasis, the note's label …).
        text: Styled,
        /// Where the block is written in the definition.
        at: Range<usize>,
    },
    Figure {
        /// Index into [`Document::images`].
        image: usize,
        /// Width from the definition, if it set one.
        width: Option<Extent>,
        /// The caption as printed (`图 1 …`), if any.
        caption: Option<Styled>,
        /// The text alternative from the definition (`alt`), if it gave one.
        alt: Option<String>,
        number: u32,
        at: Range<usize>,
    },
    /// Photos side by side in one row, left to right.
    Figures {
        photos: Vec<RowPhoto>,
        /// The row's caption as printed (`图 3 …`), if it has one number and a caption.
        caption: Option<Styled>,
        at: Range<usize>,
    },
    /// A table of contents: its heading and the titles (and headings) it lists.
    Contents {
        heading: Option<Styled>,
        entries: Vec<ContentsEntry>,
        at: Range<usize>,
    },
    /// A list: its items in order, nested ones after the item they belong to.
    List {
        items: Vec<ListEntry>,
        at: Range<usize>,
    },
    /// A 纪要's lists (10.3): each label (`出席：`) with its names, in order.
    Attendance {
        lists: Vec<(String, Vec<String>)>,
        at: Range<usize>,
    },
    /// A table (see [`super::Table`]).
    Table(Box<super::Table>),
    /// The 附件说明 after the text: the attachments' names.
    AttachmentNote {
        names: Vec<String>,
        at: Range<usize>,
    },
    /// The 落款 after the text: who signs (several for a joint document, the host first), their
    /// seals (indices into the images, one a name, or none), and the date as printed.
    /// With `signer` (7.3.5.3), the names are the 签发人职务 and the seals their 签名章.
    Signature {
        names: Vec<String>,
        seals: Vec<usize>,
        date: String,
        signer: bool,
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
            runs: &[],
            size: self.size,
            indent: self.indent,
            align: self.align,
            width,
        }
    }
}

impl Document {
    /// How text with `marks` looks in `style`: its face chain and ink. Bold takes the style's
    /// bold face, else the face itself if it is bold, else fake bold; emphasis takes the
    /// style's emphasis face (楷体 in the shipped layouts); the note's label and a run-in
    /// heading take their own style's face, fake bold and colour; a superscript or subscript
    /// the style's script size and baseline shift (a subscript inside a superscript is a
    /// superscript: marks do not stack).
    pub fn look(&self, style: &Style, marks: Marks) -> (FontChain, Ink) {
        let mut chain = &style.chain;
        let mut ink = Ink::of(style);
        if marks.has(Marks::RUN_IN) {
            let run_in = self.style(Role::RunIn);
            chain = &run_in.chain;
            ink.embolden = run_in.embolden * (style.size / run_in.size);
            ink.color = run_in.color;
        }
        if marks.has(Marks::LABEL) {
            // In the label's own face, fake bold, colour and size.
            let label = self.style(Role::NoteLabel);
            chain = &label.chain;
            ink.embolden = label.embolden;
            ink.color = label.color;
            ink.scale = label.size / style.size;
        }
        if marks.has(Marks::EMPHASIS) {
            chain = style.emphasis.as_ref().unwrap_or(chain);
        }
        if marks.has(Marks::BOLD) {
            match &style.bold {
                Some(bold) => chain = bold,
                None if self.fonts.get(chain.primary()).is_bold() => {}
                None => ink.embolden = style.size * FAKE_BOLD_EM,
            }
        }
        ink.dots = marks.has(Marks::DOTS);
        ink.underline = marks.has(Marks::UNDERLINE);
        let script = if marks.has(Marks::SUP) {
            Some(style.sup)
        } else if marks.has(Marks::SUB) {
            Some(style.sub)
        } else {
            None
        };
        if let Some(script) = script {
            ink.scale = script.size / style.size;
            ink.rise = script.rise;
            ink.embolden = ink.embolden * ink.scale;
        }
        (chain.clone(), ink)
    }

    /// The paragraph engine's settings for text in `style`: the layout's, on the style's grid
    /// when it has one.
    pub fn text_settings(&self, style: &Style) -> TextSettings {
        TextSettings {
            grid: style.grid,
            ..self.text.clone()
        }
    }

    /// The style of an element kind (the body's for a kind the layout does not have).
    pub fn style(&self, role: Role) -> &Style {
        let role = match role {
            Role::Heading(level) => Role::heading(level),
            other => other,
        };
        self.styles
            .get(&role)
            .unwrap_or_else(|| &self.styles[&Role::Body])
    }
}

/// Fills the fields of a header, footer, masthead or end-block template: `{page}`,
/// `{publisher}`, `{date}`, `{print-date}`, `{title}`, `{name}`, `{issue}`, `{total}`, `{classification}`,
/// `{copy}`, `{copies}`, `{code}`, `{year}`, `{urgency}`. A field the bulletin does not give is
/// left empty; what a field expands to is not read again (one pass of [`markup::parse`]).
pub fn fill_template(template: &str, meta: &Metadata, page: u32) -> String {
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    markup::fill(template, |name| {
        Some(match name {
            "page" => page.to_string(),
            "publisher" => meta.publisher.clone(),
            "date" => meta.date_text.clone(),
            "print-date" => meta.print_date_text.clone(),
            "title" => meta.title.clone(),
            "name" => text(&meta.name),
            "issue" => number(meta.issue),
            "total" => number(meta.total_issue),
            "classification" => text(&meta.classification),
            "copy" => text(&meta.copy_number),
            "copies" => number(meta.copies),
            "code" => text(&meta.code),
            "year" => meta.date.year.to_string(),
            "urgency" => text(&meta.urgency),
            _ => return None,
        })
    })
}

/// The fields templates may use.
pub const TEMPLATE_FIELDS: &[&str] = &[
    "page",
    "publisher",
    "date",
    "print-date",
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
