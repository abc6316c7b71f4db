//! The registry of element kinds: every styled element jianbao sets — the text blocks, the
//! masthead's lines, the running heads, the end block, the closing parts, list items, run-in
//! headings — is one entry of [`KINDS`], which owns what is known about it: its layout table,
//! the keys that table takes beyond the common ones, what it looks like when the layout says
//! nothing, a description, and how it flows on the page.
//!
//! Everything else reads from here: the layout parser accepts exactly these tables, the key
//! check names their owners, the resolve stage fills in their defaults and stores each resolved
//! style under its [`Role`], and the page stage asks the registry whether a block splits or keeps
//! with what follows. Adding an element kind is adding one entry (and, of course, the code that
//! puts the new element on the page).

use super::layout::Align;
use super::{Block, Definition};

/// A kind of styled element, as blocks and resolved styles name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    Body,
    Title,
    /// Heading levels 1–4.
    Heading(u8),
    /// An editor's note (编者按).
    Note,
    /// The label that opens an editor's note (编者按：).
    NoteLabel,
    /// A figure's caption (set with the figure, never a block of its own).
    Caption,
    /// The 主送机关 line under the first title.
    Addressee,
    /// The 落款: signature and date.
    Signature,
    /// The 附注 under the 成文日期: `（此件公开发布）`.
    Annotation,
    /// The 附件说明: `附件：1.…`.
    AttachmentNote,
    /// A 纪要's 出席/请假/列席 lists (GB/T 9704 10.3): the names, and their labels.
    Attendance,
    AttendanceLabel,
    /// The label that opens an attachment (`附件1`), at the top of a new page.
    AttachmentHead,
    /// A run-in heading (`lead = …`) opening a paragraph.
    RunIn,
    /// An item of a numbered or bulleted list, and of a list nested in one.
    ListItem,
    ListItem2,
    /// A table's cells (its caption and 续表 line are set as captions).
    Table,
    Header,
    Footer,
    /// The 报尾 (版记).
    EndBlock,
    /// The masthead's lines: marks (密级, 份号), name, issue number, publisher and date.
    MastheadMarks,
    MastheadName,
    MastheadNumber,
    /// The 签发人's names, on the 发文字号's line and under it.
    MastheadSigner,
    MastheadInfo,
    /// The heading of a table of contents (本期要目).
    Contents,
    /// A title's entry in a table of contents, and a heading's.
    ContentsEntry,
    ContentsEntry2,
}

/// Space before or after an element when the layout gives none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Spacing {
    /// In lines of the element's own pitch.
    Own(f64),
    /// In lines of the body's pitch (GB/T 9704's 空一行).
    Body(f64),
}

/// What an element looks like when the layout says nothing: size relative to the body,
/// alignment, first-line indent (in ems of its own size) and spacing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Defaults {
    pub size: f64,
    pub align: Align,
    pub indent: f64,
    pub before: Spacing,
    pub after: Spacing,
}

impl Defaults {
    const fn new(size: f64, align: Align, indent: f64) -> Defaults {
        Defaults {
            size,
            align,
            indent,
            before: Spacing::Own(0.0),
            after: Spacing::Own(0.0),
        }
    }
    const BODY: Defaults = Defaults::new(1.0, Align::Justify, 2.0);
    const HEADING: Defaults = Defaults::new(1.0, Align::Left, 2.0);
    const LINE: Defaults = Defaults::new(1.0, Align::Left, 0.0);
}

/// How blocks of a kind flow from page to page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Split line by line under the widow and orphan rules.
    Splits,
    /// Moves whole to the next page unless it fills one.
    Whole,
    /// Whole, and kept on one page with the first lines of what follows.
    KeepsWithNext,
}

/// What an element's text is in a tagged PDF's structure tree (the page stage makes each text
/// item's tag from it, adding what only the page knows: a list item's number or text, a table
/// cell's row and column).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// A paragraph (P).
    P,
    /// An article's title (H1).
    Title,
    /// A heading of level 1–4 (H2–H5: the title is H1).
    Heading(u8),
    /// An editor's note (Note).
    Note,
    /// A figure's or a table's caption (Caption).
    Caption,
    /// A list item: its number (Lbl) and its text (LBody), in a list (L).
    ListItem,
    /// A table's cell (TH in a header row, else TD), in a table (Table).
    TableCell,
    /// Page furniture a reader skips: running heads and page numbers (a pagination artifact).
    Pagination,
}

/// One element kind.
#[derive(Debug)]
pub struct Kind {
    /// `None` for a table that only holds what other tables share (`[heading]`).
    pub role: Option<Role>,
    /// Its layout table (`masthead.name` is `[masthead.name]`).
    pub table: &'static str,
    /// A table whose values it takes where it sets none (besides the body's fonts and colour).
    pub base: Option<&'static str>,
    /// Keys its table takes beyond those every style takes.
    pub keys: &'static [&'static str],
    pub defaults: Defaults,
    pub flow: Flow,
    /// What it is, in a few words (for messages: "no font has … (block 3, editor's note)").
    pub what: &'static str,
    /// Its name in `--dump-lines`.
    pub short: &'static str,
    pub description: &'static str,
    /// Furniture (running heads, the masthead, the end block) is resolved by its own code, and
    /// only when the layout and the bulletin have it; every other kind is resolved up front.
    pub furniture: bool,
    /// What its text is in a tagged PDF (its rules and decoration are always layout artifacts).
    pub tagging: Tagging,
    /// Whether a definition has an element of this kind (so that `render -v` notes about a
    /// style nothing uses stay quiet).
    pub used: fn(&Definition) -> bool,
}

/// Keys every style table takes.
pub const COMMON_KEYS: &[&str] = &[
    "font",
    "latin-font",
    "bold-font",
    "emphasis-font",
    "size",
    "line-pitch",
    "indent",
    "align",
    "color",
    "space-before",
    "space-after",
    "bold",
    "superscript-size",
    "superscript-rise",
    "subscript-size",
    "subscript-drop",
];

const RUNNING: &[&str] = &[
    "left",
    "center",
    "right",
    "outside",
    "inside",
    "inset",
    "rule",
    "rule-color",
    "distance",
    "first-page",
];
const MASTHEAD_SLOTS: &[&str] = &["left", "center", "right", "letter-spacing", "top"];
const MASTHEAD_LINE: &[&str] = &["letter-spacing", "top"];
const LIST: &[&str] = &["numbering", "gap"];

const fn kind(
    role: Role,
    table: &'static str,
    what: &'static str,
    description: &'static str,
) -> Kind {
    Kind {
        role: Some(role),
        table,
        base: None,
        keys: &[],
        defaults: Defaults::BODY,
        flow: Flow::Whole,
        what,
        short: table,
        description,
        furniture: false,
        tagging: Tagging::P,
        used: |_| true,
    }
}

/// Whether a definition has a 纪要's lists.
fn has_attendance(d: &Definition) -> bool {
    let m = &d.meta;
    m.present.is_some() || m.absent.is_some() || m.attending.is_some()
}

/// Whether any block of the definition is one `is` accepts.
fn any(def: &Definition, is: impl Fn(&Block) -> bool) -> bool {
    def.blocks.iter().any(is)
}

/// Every element kind. Those that are not furniture are resolved in this order, which is the
/// order their fonts are opened (and numbered) in.
pub const KINDS: &[Kind] = &[
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Paragraph { .. })),
        flow: Flow::Splits,
        short: "body",
        ..kind(Role::Body, "body", "text", "paragraphs of text; every style takes its fonts and colour from here")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Title { .. })),
        flow: Flow::KeepsWithNext,
        defaults: Defaults {
            before: Spacing::Own(0.5),
            after: Spacing::Own(0.5),
            ..Defaults::new(1.375, Align::Center, 0.0)
        },
        tagging: Tagging::Title,
        ..kind(Role::Title, "title", "title", "an article's title, centred")
    },
    Kind {
        role: None,
        keys: &["numbering"],
        defaults: Defaults::HEADING,
        ..kind(Role::Heading(0), "heading", "heading", "what every heading level shares")
    },
    heading(1, "heading-1", "heading1"),
    heading(2, "heading-2", "heading2"),
    heading(3, "heading-3", "heading3"),
    heading(4, "heading-4", "heading4"),
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Note { .. })),
        flow: Flow::Splits,
        keys: &["label"],
        tagging: Tagging::Note,
        ..kind(Role::Note, "note", "editor's note", "an editor's note (编者按), opened by its `label` ([note-label])")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Note { .. })),
        base: Some("note"),
        short: "note-label",
        tagging: Tagging::Note,
        ..kind(Role::NoteLabel, "note-label", "editor's note", "the label that opens an editor's note (编者按：), a run of the note's first line: its `font`, `bold`, `color` and `size`; [note]'s look unless set")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Figure(f) if f.caption.is_some())),
        flow: Flow::Splits,
        keys: &["format"],
        defaults: Defaults::new(0.875, Align::Center, 0.0),
        tagging: Tagging::Caption,
        ..kind(Role::Caption, "caption", "caption", "a figure's caption: `format = \"图 {n} {caption}\"`")
    },
    Kind {
        used: |d| d.meta.to.is_some(),
        flow: Flow::KeepsWithNext,
        defaults: Defaults::LINE,
        short: "addressee",
        ..kind(Role::Addressee, "addressee", "addressee", "the 主送机关 line under the first title")
    },
    Kind {
        used: |d| d.meta.signature.is_some() || d.meta.signer_seal.is_some(),
        keys: &["inset", "shift", "seal-size", "seal-gap", "seal-inset", "signer-seal-size"],
        defaults: Defaults {
            before: Spacing::Body(1.0),
            ..Defaults::new(1.0, Align::Right, 0.0)
        },
        ..kind(Role::Signature, "signature", "signature", "the 落款: signature `inset` from the right, the date `shift` right of it; with seals, the date `seal-inset` from the right, seals `seal-size` wide, `seal-gap` apart; with 签发人签名章, stamps `signer-seal-size` wide `seal-inset` from the right, each title `inset` left of its stamp")
    },
    Kind {
        used: |d| d.meta.note.is_some(),
        defaults: Defaults::new(1.0, Align::Left, 2.0),
        ..kind(Role::Annotation, "annotation", "annotation", "the 附注 (`note`), in parentheses on the line under the 成文日期, `indent` from the left")
    },
    Kind {
        used: |d| d.meta.attachments.is_some(),
        keys: &["label"],
        defaults: Defaults {
            before: Spacing::Body(1.0),
            ..Defaults::BODY
        },
        ..kind(Role::AttachmentNote, "attachment-note", "attachment note", "the 附件说明 under the text, opened by its `label` (附件：)")
    },
    Kind {
        used: has_attendance,
        defaults: Defaults {
            before: Spacing::Body(1.0),
            ..Defaults::new(1.0, Align::Left, 2.0)
        },
        ..kind(Role::Attendance, "attendance", "attendance list", "a 纪要's 出席/请假/列席 lists (`present`, `absent`, `attending`) one line under the text, `indent` from the left; the names after the label's colon, wrapped lines aligned with the first name")
    },
    Kind {
        used: has_attendance,
        base: Some("attendance"),
        defaults: Defaults::new(1.0, Align::Left, 2.0),
        ..kind(Role::AttendanceLabel, "attendance-label", "attendance list", "the labels of a 纪要's lists (出席：, 请假：, 列席：), [attendance]'s look unless set (三号黑体 in `jiyao`)")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Attachment { .. })),
        flow: Flow::KeepsWithNext,
        defaults: Defaults {
            after: Spacing::Body(1.0),
            ..Defaults::new(1.0, Align::Left, 0.0)
        },
        short: "attachment",
        ..kind(Role::AttachmentHead, "attachment", "attachment label", "the label that opens an attachment (附件1)")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Paragraph { lead: Some(_), .. })),
        base: Some("heading-2"),
        defaults: Defaults::HEADING,
        ..kind(Role::RunIn, "run-in", "run-in heading", "a run-in heading (`lead`) opening a paragraph; [heading-2]'s look unless set")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::List(_))),
        flow: Flow::Splits,
        keys: LIST,
        defaults: Defaults::new(1.0, Align::Justify, 2.0),
        short: "list",
        tagging: Tagging::ListItem,
        ..kind(Role::ListItem, "list", "list item", "list items: `numbering` (`{n}.`, `（{n}）`, `{circled}`, `•`), `gap` after the number, `indent` of the number")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::List(l) if l.items.iter().any(|i| !i.children.is_empty()))),
        flow: Flow::Splits,
        keys: LIST,
        defaults: Defaults::new(1.0, Align::Justify, 0.0),
        short: "list2",
        tagging: Tagging::ListItem,
        ..kind(Role::ListItem2, "list-2", "list item", "items of a nested list: `indent` from the text of the item above, `numbering` (`（{n}）`)")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Table(_))),
        flow: Flow::Splits,
        keys: &["rules", "rule", "inner-rule", "rule-color", "padding", "format", "continued"],
        defaults: Defaults {
            before: Spacing::Body(0.5),
            after: Spacing::Body(0.5),
            ..Defaults::new(0.875, Align::Left, 0.0)
        },
        tagging: Tagging::TableCell,
        ..kind(Role::Table, "table", "table", "a table's cells (one size smaller): `rules` (`three-line` 三线表, `grid`), `rule` (outer rules), `inner-rule`, `rule-color`, `padding` in each cell, caption `format` (`表 {n} {caption}`), `continued` (`续表`) over a table's continuation")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Contents(c) if !c.heading.is_empty())),
        flow: Flow::KeepsWithNext,
        defaults: Defaults {
            after: Spacing::Own(0.5),
            ..Defaults::new(1.125, Align::Center, 0.0)
        },
        ..kind(Role::Contents, "contents", "contents heading", "the heading of a table of contents (`contents = \"本期要目\"`)")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Contents(_))),
        keys: &["leader"],
        defaults: Defaults::LINE,
        short: "contents1",
        ..kind(Role::ContentsEntry, "contents-entry", "contents entry", "a title's entry in a table of contents: the title, a `leader` (`.`) repeated to the page number at the right")
    },
    Kind {
        used: |d| any(d, |b| matches!(b, Block::Contents(c) if c.headings > 0)),
        keys: &["leader"],
        base: Some("contents-entry"),
        defaults: Defaults::new(1.0, Align::Left, 2.0),
        short: "contents2",
        ..kind(Role::ContentsEntry2, "contents-entry-2", "contents entry", "a heading's entry in a table of contents: `indent` from the left for each heading level")
    },
    Kind {
        furniture: true,
        keys: RUNNING,
        defaults: Defaults::new(0.75, Align::Left, 0.0),
        tagging: Tagging::Pagination,
        ..kind(Role::Header, "header", "running head", "the running head over the text block")
    },
    Kind {
        furniture: true,
        keys: RUNNING,
        defaults: Defaults::new(0.75, Align::Left, 0.0),
        tagging: Tagging::Pagination,
        ..kind(Role::Footer, "footer", "running head", "the running foot (page numbers) under the text block")
    },
    Kind {
        furniture: true,
        keys: &["left", "right", "inset", "rule", "rule-color", "inner-rule", "copies", "separator", "terminator", "back-page"],
        defaults: Defaults::new(0.875, Align::Left, 0.0),
        ..kind(Role::EndBlock, "end-block", "end block", "the 报尾 (版记) at the foot of the last page")
    },
    Kind {
        furniture: true,
        keys: MASTHEAD_SLOTS,
        defaults: Defaults::LINE,
        ..kind(Role::MastheadMarks, "masthead.marks", "masthead", "the masthead's top line: 密级 and 份号")
    },
    Kind {
        furniture: true,
        keys: MASTHEAD_LINE,
        defaults: Defaults::new(2.25, Align::Center, 0.0),
        ..kind(Role::MastheadName, "masthead.name", "masthead", "the bulletin's name, large and centred")
    },
    Kind {
        furniture: true,
        keys: MASTHEAD_LINE,
        defaults: Defaults::new(1.0, Align::Center, 0.0),
        ..kind(Role::MastheadNumber, "masthead.number", "masthead", "the issue line (第 N 期)")
    },
    Kind {
        furniture: true,
        keys: &["label", "inset"],
        defaults: Defaults::LINE,
        ..kind(Role::MastheadSigner, "masthead.signer", "masthead", "the 签发人 (`signers`) right of the 发文字号: `label` (签发人：) in [masthead.number]'s face, the names in this one, `inset` from the right edge (the 发文字号 as far from the left)")
    },
    Kind {
        furniture: true,
        keys: MASTHEAD_SLOTS,
        defaults: Defaults::LINE,
        ..kind(Role::MastheadInfo, "masthead.info", "masthead", "the publisher and date over the rule")
    },
];

const fn heading(level: u8, table: &'static str, short: &'static str) -> Kind {
    Kind {
        used: match level {
            1 => |d| any(d, |b| matches!(b, Block::Heading { level: 1, .. })),
            2 => |d| any(d, |b| matches!(b, Block::Heading { level: 2, .. })),
            3 => |d| any(d, |b| matches!(b, Block::Heading { level: 3, .. })),
            _ => |d| any(d, |b| matches!(b, Block::Heading { level: 4, .. })),
        },
        base: Some("heading"),
        keys: &["numbering"],
        defaults: Defaults::HEADING,
        flow: Flow::KeepsWithNext,
        short,
        tagging: Tagging::Heading(level),
        ..kind(
            Role::Heading(level),
            table,
            "heading",
            "a heading of this level",
        )
    }
}

impl Role {
    /// The registry's entry for this kind.
    pub fn kind(self) -> &'static Kind {
        KINDS
            .iter()
            .find(|k| k.role == Some(self))
            .expect("every role is in the registry")
    }

    /// A heading level's role (levels outside 1–4 are clamped).
    pub fn heading(level: u8) -> Role {
        Role::Heading(level.clamp(1, 4))
    }

    /// Kept on one page with the first lines of what follows: titles, headings, the addressee,
    /// an attachment's label.
    pub fn keeps_with_next(self) -> bool {
        self.kind().flow == Flow::KeepsWithNext
    }

    /// Split across pages line by line, under the widow and orphan rules; the other roles move
    /// whole to the next page unless they fill one.
    pub fn splits(self) -> bool {
        self.kind().flow == Flow::Splits
    }
}

/// The entry for a layout table, if it is one.
pub fn by_table(table: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.table == table)
}

/// The tables, `base` first, whose values an element of `table` takes (itself first).
pub fn chain(table: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut next = by_table(table);
    while let Some(k) = next {
        out.push(k.table);
        next = k.base.and_then(by_table);
    }
    out
}

/// The tables that take `key` (empty for a common key or one no table takes).
pub fn owners(key: &str) -> Vec<&'static str> {
    KINDS
        .iter()
        .filter(|k| k.keys.contains(&key))
        .map(|k| k.table)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_has_one_entry_and_tables_are_unique() {
        for (i, k) in KINDS.iter().enumerate() {
            assert!(
                KINDS[i + 1..].iter().all(|o| o.table != k.table),
                "{}",
                k.table
            );
            if let Some(role) = k.role {
                assert_eq!(role.kind().table, k.table);
            }
            for base in chain(k.table).iter().skip(1) {
                assert!(by_table(base).is_some(), "{base}");
            }
        }
        assert_eq!(chain("run-in"), ["run-in", "heading-2", "heading"]);
        // The README lists every kind.
        let readme = include_str!("../../README.md");
        for k in KINDS {
            assert!(
                readme.contains(&format!("`[{}]`", k.table)),
                "README lacks [{}]",
                k.table
            );
        }
        assert_eq!(owners("shift"), ["signature"]);
        assert!(owners("size").is_empty());
    }
}
