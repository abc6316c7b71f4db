//! Bulletin definitions: the TOML file a clerk fills in for one issue.
//!
//! ```toml
//! layout = "newsletter"
//!
//! [bulletin]
//! publisher = "中国质量协会宣传部"
//! date = 2020-03-10
//! first-page = 5
//!
//! [[blocks]]
//! title = "齐心协力抗疫情，质协系统勇担当（六）"
//!
//! [[blocks]]
//! heading = "一、全面统筹，倡议疫情防控"
//!
//! [[blocks]]
//! text = """
//! 第一段……
//!
//! 第二段……
//! """
//!
//! [[blocks]]
//! figure = "images/fig1.jpg"
//! caption = "吉林质协向会员单位发出倡议"
//! ```
//!
//! Each `[[blocks]]` entry says what it is by its one content key (`title`, `heading`, `text`,
//! `text-file`, `note`, `figure`, `figures`, `contents`, `page-break`, `attachment`); the other
//! keys qualify it. Unknown
//! keys are errors. Prose values are split into paragraphs and normalised by [`super::prose`];
//! what that notices becomes [`Definition::warnings`] and [`Definition::notes`].
//!
//! Some of `[bulletin]` recurs from issue to issue (the name, the publisher, the 报尾
//! distribution lists, the print run); the rest belongs to one issue (its number and date).
//! [`RECURRING`] and [`PER_ISSUE`] name them, for `jianbao new` and for the documentation.

use super::layout::LayoutSpec;
use super::notice::{self, Noticed};
use super::toml_error;
use super::value::Date;
use crate::error::{Error, ErrorKind, Result, Source, Warning};
use crate::messages::msg;
use serde::Deserialize;
use std::ops::Range;
use toml::Spanned;

/// A parsed, checked definition.
#[derive(Clone, Debug)]
pub struct Definition {
    /// The file's text, for error locations.
    pub source: Source,
    /// Layout name (`newsletter`) or path to a layout file, relative to the definition.
    pub layout: Spanned<String>,
    pub meta: Meta,
    /// Where the `[bulletin]` table is written, for errors about what it lacks.
    pub meta_at: Range<usize>,
    /// Layout values this issue changes for itself.
    pub overrides: Option<LayoutSpec>,
    pub blocks: Vec<Block>,
    /// What reading the prose noticed: paragraphs that may have lost their indent, half-width
    /// punctuation between Chinese characters.
    pub warnings: Vec<Warning>,
    /// Odd characters normalised (no-break spaces, zero-width spaces), for `-v`.
    pub notes: Vec<String>,
    /// Where every prose value (title, heading, text, note, caption) is written, in order:
    /// what `jianbao fix` may rewrite.
    pub prose_spans: Vec<Range<usize>>,
}

/// Bulletin metadata (the `[bulletin]` table).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Meta {
    /// The PDF's title; the first `title` block's text when absent.
    pub title: Option<String>,
    /// 编印单位: who compiles and prints the bulletin.
    pub publisher: String,
    pub date: Date,
    /// Name of the bulletin series, e.g. `质协简报`; a 公文's 发文机关标志. A list is a joint
    /// document's 联合行文标志 (GB/T 9704 7.2.4): the issuing bodies stacked, the host first.
    pub name: Option<Recipients>,
    /// Printed to the right of the stacked names of a joint 发文机关标志, centred on them
    /// (`文件`); after a single name, on its line.
    pub name_suffix: Option<String>,
    /// 期号, the issue number.
    pub issue: Option<u32>,
    /// Number of the first page (bulletins often continue a series; the seed starts at 5).
    #[serde(default = "one")]
    pub first_page: u32,
    /// PDF author; the publisher when absent.
    pub author: Option<String>,
    pub subject: Option<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// 增刊: a supplement, numbered in its own series (the masthead says 增刊第 N 期).
    #[serde(default)]
    pub supplement: bool,
    /// 总期号: the issue's number counted over all years (总第 N 期).
    pub total_issue: Option<u32>,
    /// 密级 or 内部资料, printed at the top left of the masthead.
    pub classification: Option<String>,
    /// 份号: the number of this copy, printed at the top right of the masthead.
    pub copy_number: Option<u32>,
    /// 共印 N 份: how many copies are printed (in the 报尾; `jianbao batch --merge … --copies`
    /// repeats the bulletin this often in the print file).
    pub copies: Option<Spanned<u32>>,
    /// 报：superiors the bulletin is reported to.
    pub report_to: Option<Recipients>,
    /// 送：peers it is sent to.
    pub send_to: Option<Recipients>,
    /// 发：subordinates it is distributed to.
    pub distribute_to: Option<Recipients>,
    /// 抄送：(the 版记 of an official document).
    pub cc: Option<Recipients>,
    /// 发文机关代字 of an official document (`中质协`), for the layout's issue line
    /// (`{code}〔{year}〕{issue}号`).
    pub code: Option<String>,
    /// 紧急程度 (`特急`, `加急`), printed in the masthead's marks when the layout says where.
    pub urgency: Option<String>,
    /// 主送机关: who the document is addressed to; set flush left under the first title, the
    /// names joined with `，` and ended with `：`.
    pub to: Option<Recipients>,
    /// 发文机关署名: the signature under the text, with the date under it (GB/T 9704 落款); a
    /// list for a joint document, the host first (7.3.5).
    pub signature: Option<Recipients>,
    /// 签发人 of a 上行文 (GB/T 9704 7.2.6), in the issuing bodies' order.
    pub signers: Option<Recipients>,
    /// 印章: one image a signature, pressed on the 署名 and the date (GB/T 9704 7.3.5.1).
    pub seal: Option<Spanned<Recipients>>,
    /// 签发人签名章 (GB/T 9704 7.3.5.3): one image a signer, in the issuing bodies' order. The
    /// 落款 is then each signer's title beside their stamp, and the date under them.
    pub signer_seal: Option<Spanned<Recipients>>,
    /// 签发人职务, in full (`中国质量协会会长`): one a `signer-seal`, left of it.
    pub signer_title: Option<Spanned<Recipients>>,
    /// A 纪要's 出席 list (GB/T 9704 10.3): units and names, printed after `出席：` one line under
    /// the text (or 附件说明).
    pub present: Option<Recipients>,
    /// 请假: the 纪要's list of those excused, on the line after the 出席 list.
    pub absent: Option<Recipients>,
    /// 列席: those attending without a vote, after the 请假 list.
    pub attending: Option<Recipients>,
    /// 附注: in parentheses, one line under the 成文日期 (GB/T 9704 7.3.6).
    pub note: Option<String>,
    /// 印发日期 in the 版记 (GB/T 9704 7.4.3); the date when absent.
    pub print_date: Option<Date>,
    /// 附件说明: the names of the attachments, listed under the text (`附件：1.…`).
    pub attachments: Option<Recipients>,
}

fn one() -> u32 {
    1
}

/// `[bulletin]` keys that stay the same from one issue to the next: `jianbao new` copies them
/// (a supplement's next issue is the next supplement).
pub const RECURRING: &[&str] = &[
    "name",
    "name-suffix",
    "publisher",
    "author",
    "subject",
    "keywords",
    "supplement",
    "classification",
    "copies",
    "report-to",
    "send-to",
    "distribute-to",
    "cc",
    "code",
    "to",
    "signature",
    "seal",
    "signers",
    "signer-seal",
    "signer-title",
];

/// `[bulletin]` keys that belong to one issue: `jianbao new` counts `issue` and `total-issue`
/// on, sets `date`, and drops the rest.
pub const PER_ISSUE: &[&str] = &[
    "issue",
    "total-issue",
    "date",
    "title",
    "first-page",
    "copy-number",
    "urgency",
    "attachments",
    "note",
    "print-date",
    "present",
    "absent",
    "attending",
];

/// Who a bulletin goes to: one string, or a list that is joined with the layout's separator.
#[derive(Clone, Debug, PartialEq)]
pub struct Recipients(pub Vec<String>);

impl<'de> Deserialize<'de> for Recipients {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Recipients, D::Error> {
        use serde::de::Error as _;
        let expected = || crate::messages::msg::expected_recipients();
        match toml::Value::deserialize(deserializer)? {
            toml::Value::String(s) => Ok(Recipients(vec![s])),
            toml::Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    toml::Value::String(s) => Ok(s),
                    _ => Err(D::Error::custom(expected())),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Recipients),
            _ => Err(D::Error::custom(expected())),
        }
    }
}

/// One block of content, in document order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// An article title, centred.
    Title {
        text: String,
        at: Range<usize>,
    },
    /// A section heading (`一、…`); level 1 unless given.
    Heading {
        text: String,
        level: u8,
        at: Range<usize>,
    },
    /// One paragraph of body text; `lead` is a run-in heading that opens it (the first
    /// paragraph of a `text` block with `lead = "…"`).
    Paragraph {
        text: String,
        lead: Option<String>,
        at: Range<usize>,
    },
    /// One paragraph of an editor's note (编者按); `first` for the paragraph that carries the
    /// label.
    Note {
        text: String,
        first: bool,
        at: Range<usize>,
    },
    Figure(FigureSpec),
    /// Two to four photos side by side in one row ([`super::figures`]).
    Figures(super::figures::RowSpec),
    /// A table of contents (本期要目) listing the titles (and headings) after it.
    Contents(super::contents::ContentsSpec),
    /// An attachment (附件) starts here, on a new page, under its label (`附件1`).
    Attachment {
        label: String,
        at: Range<usize>,
    },
    /// A numbered or bulleted list.
    List(ListSpec),
    /// A table (see [`super::table`]).
    Table(super::table::TableSpec),
    /// Start a new page here.
    PageBreak {
        at: Range<usize>,
    },
    /// Body text read from a file (`text-file = "articles/a.md"`), relative to the definition;
    /// the resolve stage reads it and splits it like a `text` value.
    TextFile {
        path: Spanned<String>,
        at: Range<usize>,
    },
}

impl Block {
    /// Byte span in the definition where the block is written.
    pub fn at(&self) -> &Range<usize> {
        match self {
            Block::Title { at, .. }
            | Block::Heading { at, .. }
            | Block::Paragraph { at, .. }
            | Block::Note { at, .. }
            | Block::PageBreak { at }
            | Block::Attachment { at, .. }
            | Block::TextFile { at, .. } => at,
            Block::Figure(f) => &f.at,
            Block::Figures(r) => &r.at,
            Block::Contents(c) => &c.at,
            Block::List(l) => &l.at,
            Block::Table(t) => &t.at,
        }
    }
}

/// A list: its items (each with the items of a list nested under it), how it is numbered, and
/// where its numbering starts.
#[derive(Clone, Debug, PartialEq)]
pub struct ListSpec {
    pub items: Vec<ListItem>,
    /// The numbers' format (`{n}.`, `（{n}）`, `{circled}`, `•`); the layout's otherwise.
    pub numbering: Option<String>,
    /// The first item's number (a list starts from 1 unless it says, or continues).
    pub start: Option<u32>,
    /// Numbering goes on from the previous list.
    pub continues: bool,
    pub at: Range<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    pub text: String,
    /// The items of a list nested under this one (one level deep).
    pub children: Vec<String>,
}

/// A figure: an image with an optional numbered caption.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureSpec {
    /// Image path relative to the definition file.
    pub path: Spanned<String>,
    pub caption: Option<String>,
    /// A name other text refers to with `{ref:label}`.
    pub label: Option<Spanned<String>>,
    /// The text alternative a screen reader says for the image (tagged PDF); the caption's
    /// text when not given.
    pub alt: Option<String>,
    /// Width as a length or percentage of the text width; the layout's default otherwise.
    pub width: Option<Spanned<String>>,
    pub at: Range<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DefinitionFile {
    layout: Spanned<String>,
    bulletin: Spanned<Meta>,
    overrides: Option<LayoutSpec>,
    #[serde(default)]
    blocks: Vec<Spanned<BlockSpec>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BlockSpec {
    title: Option<Spanned<String>>,
    heading: Option<Spanned<String>>,
    level: Option<Spanned<u8>>,
    text: Option<Spanned<String>>,
    lead: Option<Spanned<String>>,
    text_file: Option<Spanned<String>>,
    note: Option<Spanned<String>>,
    figure: Option<Spanned<String>>,
    caption: Option<Spanned<String>>,
    label: Option<Spanned<String>>,
    alt: Option<Spanned<String>>,
    width: Option<Spanned<String>>,
    page_break: Option<Spanned<bool>>,
    attachment: Option<Spanned<String>>,
    list: Option<Spanned<ListEntries>>,
    numbering: Option<Spanned<String>>,
    start: Option<Spanned<u32>>,
    #[serde(rename = "continue")]
    continues: Option<Spanned<bool>>,
    table: Option<Spanned<super::table::TableValue>>,
    header: Option<Spanned<usize>>,
    widths: Option<Spanned<Vec<Spanned<String>>>>,
    align: Option<Spanned<Vec<Spanned<String>>>>,
    figures: Option<Spanned<Vec<Spanned<String>>>>,
    captions: Option<Spanned<Vec<Spanned<String>>>>,
    labels: Option<Spanned<Vec<Spanned<String>>>>,
    numbered: Option<Spanned<String>>,
    contents: Option<Spanned<String>>,
    headings: Option<Spanned<u8>>,
}

/// A list's entries as written: strings (items) and arrays of strings (a nested list, under the
/// item before it).
struct ListEntries(Vec<toml::Value>);

impl<'de> Deserialize<'de> for ListEntries {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ListEntries, D::Error> {
        use serde::de::Error as _;
        match toml::Value::deserialize(d)? {
            toml::Value::Array(items) => Ok(ListEntries(items)),
            _ => Err(D::Error::custom(crate::messages::msg::expected_list_items())),
        }
    }
}

/// Parses and checks a definition.
pub fn parse(source: &Source) -> Result<Definition> {
    // Word's manual line break (\v) pasted into a string is a control character TOML refuses;
    // U+2028 means the same, is allowed, and keeps every line and column where it was.
    let with_breaks;
    let source = if source.text.contains('\u{000B}') {
        with_breaks = Source::new(
            source.path.clone(),
            source.text.replace('\u{000B}', "\u{2028}"),
        );
        &with_breaks
    } else {
        source
    };
    let file: DefinitionFile = toml_error::parse(source)?;
    if let Some(copies) = &file.bulletin.get_ref().copies {
        if *copies.get_ref() == 0 {
            return Err(Error::new(ErrorKind::Invalid, msg::copies_at_least_one())
                .at(source, copies.span()));
        }
    }
    let mut blocks = Vec::new();
    let mut noticed = Noticed::default();
    let mut prose_spans = Vec::new();
    for spec in file.blocks {
        let mut read = Prose {
            source,
            noticed: &mut noticed,
            spans: &mut prose_spans,
        };
        convert_block(source, spec, &mut blocks, &mut read)?;
    }
    Ok(Definition {
        source: source.clone(),
        layout: file.layout,
        meta_at: file.bulletin.span(),
        meta: file.bulletin.into_inner(),
        overrides: file.overrides,
        blocks,
        warnings: noticed.warnings,
        notes: noticed.notes,
        prose_spans,
    })
}

/// Reads prose values by the rules of [`super::prose`], keeping what it notices and where the
/// values are.
struct Prose<'a> {
    source: &'a Source,
    noticed: &'a mut Noticed,
    spans: &'a mut Vec<Range<usize>>,
}

impl Prose<'_> {
    fn written(&mut self, value: &Spanned<String>) -> notice::Written<'_> {
        self.spans.push(value.span());
        notice::Written {
            source: self.source,
            span: value.span(),
            quoted: true,
        }
    }

    fn paragraphs(&mut self, value: &Spanned<String>) -> Vec<String> {
        let at = self.written(value);
        let mut noticed = Noticed::default();
        let paragraphs = notice::paragraphs(value.get_ref(), &at, &mut noticed);
        self.absorb(noticed);
        paragraphs
    }

    fn line(&mut self, value: &Spanned<String>, text: &str) -> String {
        let at = self.written(value);
        let mut noticed = Noticed::default();
        let line = notice::line(text, &at, &mut noticed);
        self.absorb(noticed);
        line
    }

    fn absorb(&mut self, noticed: Noticed) {
        self.noticed.warnings.extend(noticed.warnings);
        self.noticed.notes.extend(noticed.notes);
    }
}

/// Turns one `[[blocks]]` table into blocks, checking that it has exactly one content key and
/// only the qualifiers that fit it.
fn convert_block(
    source: &Source,
    spec: Spanned<BlockSpec>,
    out: &mut Vec<Block>,
    prose: &mut Prose,
) -> Result<()> {
    let at = spec.span();
    let b = spec.into_inner();
    let kinds: Vec<(&str, Range<usize>)> = [
        ("title", b.title.as_ref().map(Spanned::span)),
        ("heading", b.heading.as_ref().map(Spanned::span)),
        ("text", b.text.as_ref().map(Spanned::span)),
        ("text-file", b.text_file.as_ref().map(Spanned::span)),
        ("note", b.note.as_ref().map(Spanned::span)),
        ("figure", b.figure.as_ref().map(Spanned::span)),
        ("page-break", b.page_break.as_ref().map(Spanned::span)),
        ("attachment", b.attachment.as_ref().map(Spanned::span)),
        ("list", b.list.as_ref().map(Spanned::span)),
        ("table", b.table.as_ref().map(Spanned::span)),
        ("figures", b.figures.as_ref().map(Spanned::span)),
        ("contents", b.contents.as_ref().map(Spanned::span)),
    ]
    .into_iter()
    .filter_map(|(k, s)| s.map(|s| (k, s)))
    .collect();
    let invalid = |message: crate::messages::Message, span: Range<usize>| {
        Err(Error::new(ErrorKind::Invalid, message).at(source, span))
    };
    match kinds.as_slice() {
        [] => return invalid(msg::block_empty(), at),
        [_] => {}
        [(first, _), (second, span), ..] => {
            return invalid(msg::block_two_kinds(first, second), span.clone())
        }
    }
    let kind = kinds[0].0;
    // Qualifiers that belong to another kind of block.
    let misplaced = [
        ("level", b.level.as_ref().map(Spanned::span), "heading"),
        ("lead", b.lead.as_ref().map(Spanned::span), "text"),
        ("width", b.width.as_ref().map(Spanned::span), "figure"),
        ("alt", b.alt.as_ref().map(Spanned::span), "figure"),
        (
            "captions",
            b.captions.as_ref().map(Spanned::span),
            "figures",
        ),
        ("labels", b.labels.as_ref().map(Spanned::span), "figures"),
        (
            "numbered",
            b.numbered.as_ref().map(Spanned::span),
            "figures",
        ),
        (
            "headings",
            b.headings.as_ref().map(Spanned::span),
            "contents",
        ),
        ("numbering", b.numbering.as_ref().map(Spanned::span), "list"),
        ("start", b.start.as_ref().map(Spanned::span), "list"),
        ("continue", b.continues.as_ref().map(Spanned::span), "list"),
        ("header", b.header.as_ref().map(Spanned::span), "table"),
        ("widths", b.widths.as_ref().map(Spanned::span), "table"),
        ("align", b.align.as_ref().map(Spanned::span), "table"),
    ];
    // `caption` and `label` belong to a figure, a row of figures and a table alike.
    let both = [
        ("caption", b.caption.as_ref().map(Spanned::span)),
        ("label", b.label.as_ref().map(Spanned::span)),
    ];
    for (key, span) in both {
        if let Some(span) = span.filter(|_| !matches!(kind, "figure" | "figures" | "table")) {
            return invalid(
                msg::key_only_for_block(key, "figure` / `figures` / `table"),
                span,
            );
        }
    }
    for (key, span, owner) in misplaced {
        if let Some(span) = span {
            if kind != owner {
                return invalid(msg::key_only_for_block(key, owner), span);
            }
        }
    }
    match kind {
        "title" => {
            let t = b.title.unwrap();
            // A title keeps the line breaks written in it: long titles are broken by meaning
            // (GB/T 9704: 词意完整，排列对称), which only the author knows.
            let text: Vec<String> = t
                .get_ref()
                .lines()
                .map(|l| prose.line(&t, l))
                .filter(|l| !l.is_empty())
                .collect();
            out.push(Block::Title {
                at: t.span(),
                text: text.join("\n"),
            });
        }
        "heading" => {
            let level = match b.level {
                Some(l) if !(1..=4).contains(l.get_ref()) => {
                    return invalid(msg::heading_level_range(), l.span())
                }
                Some(l) => l.into_inner(),
                None => 1,
            };
            let h = b.heading.unwrap();
            out.push(Block::Heading {
                at: h.span(),
                text: prose.line(&h, h.get_ref()),
                level,
            });
        }
        "text" => {
            let t = b.text.unwrap();
            let mut lead = b.lead.as_ref().map(|l| prose.line(l, l.get_ref()));
            for text in prose.paragraphs(&t) {
                out.push(Block::Paragraph {
                    text,
                    lead: lead.take().filter(|l| !l.is_empty()),
                    at: t.span(),
                });
            }
        }
        "text-file" => {
            let path = b.text_file.unwrap();
            if path.get_ref().trim().is_empty() {
                return invalid(msg::text_file_needs_path(), path.span());
            }
            out.push(Block::TextFile {
                at: path.span(),
                path,
            });
        }
        "note" => {
            let t = b.note.unwrap();
            for (i, text) in prose.paragraphs(&t).into_iter().enumerate() {
                out.push(Block::Note {
                    text,
                    first: i == 0,
                    at: t.span(),
                });
            }
        }
        "figure" => {
            let path = b.figure.unwrap();
            if path.get_ref().trim().is_empty() {
                return invalid(msg::figure_needs_path(), path.span());
            }
            out.push(Block::Figure(FigureSpec {
                path,
                caption: b
                    .caption
                    .map(|c| prose.line(&c, c.get_ref()))
                    .filter(|c| !c.is_empty()),
                label: b.label,
                alt: b
                    .alt
                    .map(|a| join_lines(a.get_ref()))
                    .filter(|a| !a.is_empty()),
                width: b.width,
                at,
            }));
        }
        "page-break" => {
            let p = b.page_break.unwrap();
            if *p.get_ref() {
                out.push(Block::PageBreak { at: p.span() });
            }
        }
        "attachment" => {
            let a = b.attachment.unwrap();
            let label = join_lines(a.get_ref());
            if label.is_empty() {
                return invalid(msg::attachment_needs_label(), a.span());
            }
            out.push(Block::Attachment {
                label,
                at: a.span(),
            });
        }
        "list" => out.push(Block::List(list(source, b, at)?)),
        "table" => {
            let caption = b.caption.as_ref().map(|c| prose.line(c, c.get_ref()));
            out.push(Block::Table(super::table::spec(
                source,
                super::table::Qualifiers {
                    table: b.table.expect("a table block"),
                    header: b.header,
                    widths: b.widths,
                    align: b.align,
                    caption: caption.filter(|c| !c.is_empty()),
                    label: b.label,
                },
                at,
            )?));
        }
        "figures" => {
            let row = super::figures::RowWritten {
                figures: b.figures.unwrap(),
                caption: b.caption.map(|c| (prose.line(&c, c.get_ref()), c.span())),
                captions: b.captions.map(|list| {
                    let span = list.span();
                    let read = list
                        .into_inner()
                        .into_iter()
                        .map(|c| prose.line(&c, c.get_ref()))
                        .collect();
                    (read, span)
                }),
                label: b.label,
                labels: b.labels,
                numbered: b.numbered,
            };
            out.push(Block::Figures(row.check(source, at)?));
        }
        "contents" => out.push(Block::Contents(super::contents::ContentsSpec::new(
            source,
            b.contents.unwrap(),
            b.headings,
        )?)),
        _ => unreachable!("every kind is listed above"),
    }
    Ok(())
}

/// A `list` block: strings are items, an array of strings right after an item is the list
/// nested under it; lists nest one level.
fn list(source: &Source, b: BlockSpec, at: Range<usize>) -> Result<ListSpec> {
    let entries = b.list.expect("a list block");
    let span = entries.span();
    let invalid = |message: crate::messages::Message| {
        Error::new(ErrorKind::Invalid, message).at(source, span.clone())
    };
    let text = |v: &toml::Value| match v {
        toml::Value::String(s) => Ok(join_lines(s)),
        _ => Err(invalid(msg::list_item_is_string())),
    };
    let mut items: Vec<ListItem> = Vec::new();
    for entry in &entries.get_ref().0 {
        match entry {
            toml::Value::Array(nested) => {
                let Some(parent) = items.last_mut() else {
                    return Err(invalid(msg::nested_list_first()));
                };
                for v in nested {
                    if v.is_array() {
                        return Err(invalid(msg::lists_one_level()));
                    }
                    parent.children.push(text(v)?);
                }
            }
            v => items.push(ListItem {
                text: text(v)?,
                children: Vec::new(),
            }),
        }
    }
    if items.is_empty() {
        return Err(invalid(msg::list_empty()));
    }
    if let Some(s) = b
        .start
        .as_ref()
        .filter(|_| b.continues.as_ref().is_some_and(|c| *c.get_ref()))
    {
        return Err(
            Error::new(ErrorKind::Invalid, msg::list_continue_or_start()).at(source, s.span()),
        );
    }
    Ok(ListSpec {
        items,
        numbering: b.numbering.map(|n| n.into_inner()),
        start: b.start.map(|s| s.into_inner()),
        continues: b.continues.is_some_and(|c| c.into_inner()),
        at,
    })
}

pub use super::prose::join_lines;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<Definition> {
        parse(&Source::new("d.toml", text))
    }

    const HEAD: &str = "layout = \"newsletter\"\n[bulletin]\ntitle = \"T\"\npublisher = \"P\"\ndate = 2020-03-10\n";

    #[test]
    fn blocks_in_order_with_paragraph_split() {
        let def = parse_str(&format!(
            "{HEAD}[[blocks]]\nheading = \"一、甲\"\n[[blocks]]\ntext = \"\"\"\n第一段\n续行\n\n第二 段 Latin\nwords\n\"\"\"\n[[blocks]]\nfigure = \"a.png\"\ncaption = \"图注\"\n"
        ))
        .unwrap();
        assert_eq!(def.meta.first_page, 1);
        assert_eq!(def.blocks.len(), 4);
        assert!(
            matches!(&def.blocks[0], Block::Heading { text, level: 1, .. } if text == "一、甲")
        );
        assert!(matches!(&def.blocks[1], Block::Paragraph { text, .. } if text == "第一段续行"));
        assert!(
            matches!(&def.blocks[2], Block::Paragraph { text, .. } if text == "第二 段 Latin words")
        );
        assert!(matches!(&def.blocks[3], Block::Figure(f) if f.caption.as_deref() == Some("图注")));
    }

    #[test]
    fn a_block_with_two_kinds_is_an_error() {
        let err = parse_str(&format!(
            "{HEAD}[[blocks]]\nheading = \"a\"\ntext = \"b\"\n"
        ))
        .unwrap_err();
        assert!(
            err.message.contains("both `heading` and `text`"),
            "{}",
            err.message
        );
        assert_eq!(err.line_col().map(|p| p.0), Some(8));
    }

    #[test]
    fn misplaced_qualifier_is_an_error() {
        let err = parse_str(&format!(
            "{HEAD}[[blocks]]\ntext = \"a\"\ncaption = \"b\"\n"
        ))
        .unwrap_err();
        assert!(err
            .message
            .contains("`caption` only applies to a `figure` / `figures` / `table` block"));
    }

    #[test]
    fn unknown_and_missing_keys_are_errors() {
        let err = parse_str(&format!("{HEAD}[[blocks]]\ntxet = \"a\"\n")).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.line_col().map(|p| p.0), Some(7));
        let err = parse_str("layout = \"x\"\n[bulletin]\ntitle = \"T\"\ndate = 2020-01-01\n")
            .unwrap_err();
        assert!(err.message.contains("publisher"), "{}", err.message);
    }

    #[test]
    fn notes_split_into_paragraphs_and_the_first_carries_the_label() {
        let def = parse_str(&format!(
            "{HEAD}[[blocks]]\nnote = \"\"\"\n甲\n\n乙\n\"\"\"\n"
        ))
        .unwrap();
        assert!(matches!(&def.blocks[0], Block::Note { text, first: true, .. } if text == "甲"));
        assert!(matches!(&def.blocks[1], Block::Note { text, first: false, .. } if text == "乙"));
    }

    #[test]
    fn bulletin_furniture_fields() {
        let def = parse_str(
            "layout = \"jianbao\"\n[bulletin]\npublisher = \"P\"\ndate = 2020-03-10\nissue = 3\ntotal-issue = 40\nsupplement = true\nclassification = \"内部资料\"\ncopy-number = 7\ncopies = 100\nreport-to = \"甲\"\nsend-to = [\"乙\", \"丙\"]\n",
        )
        .unwrap();
        let m = &def.meta;
        assert_eq!(
            (m.issue, m.total_issue, m.supplement),
            (Some(3), Some(40), true)
        );
        assert_eq!(
            (m.copy_number, m.copies.as_ref().map(|c| *c.get_ref())),
            (Some(7), Some(100))
        );
        assert_eq!(m.report_to, Some(Recipients(vec!["甲".into()])));
        assert_eq!(m.send_to, Some(Recipients(vec!["乙".into(), "丙".into()])));
        assert_eq!(def.source.line_col(def.meta_at.start), (2, 1));
        // Every key is either recurring or per-issue.
        for key in ["publisher", "name", "copies", "report-to", "cc"] {
            assert!(RECURRING.contains(&key));
        }
        for key in ["issue", "date", "copy-number"] {
            assert!(PER_ISSUE.contains(&key));
        }
        let err = parse_str(
            "layout = \"x\"\n[bulletin]\npublisher = \"P\"\ndate = 2020-03-10\nsend-to = [1]\n",
        )
        .unwrap_err();
        assert_eq!(err.line_col().map(|p| p.0), Some(5));
        assert!(
            err.message.contains("a string or a list of strings"),
            "{}",
            err.message
        );
    }

    #[test]
    fn copies_are_read_and_checked() {
        let def = parse_str(&format!("{HEAD}copies = 120\n")).unwrap();
        assert_eq!(def.meta.copies.map(|c| c.into_inner()), Some(120));
        assert_eq!(parse_str(HEAD).unwrap().meta.copies, None);
        let err = parse_str(&format!("{HEAD}copies = 0\n")).unwrap_err();
        assert!(err.message.contains("at least 1"), "{}", err.message);
        assert_eq!(err.line_col().map(|p| p.0), Some(6));
    }

    #[test]
    fn bad_date_is_located() {
        let err = parse_str(
            "layout = \"x\"\n[bulletin]\ntitle = \"T\"\npublisher = \"P\"\ndate = \"2020-02-30\"\n",
        )
        .unwrap_err();
        assert_eq!(err.line_col().map(|p| p.0), Some(5));
    }
}
