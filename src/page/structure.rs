//! The document's logical structure as the page stage knows it: a tag on every page item (what
//! a tagged PDF's structure tree groups it under), the outline (bookmarks) and the targets of
//! links. The PDF writer turns these into a structure tree, outline items and link annotations;
//! nothing here knows PDF syntax beyond the standard structure types' names.

use super::{Item, Layout};
use crate::model::roles::{Role, Tagging};
use crate::resolve::{Content, Document};
use crate::units::Pt;
use std::ops::Range;
use std::sync::Arc;

/// A page item and what it is in the document's structure.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub item: Item,
    pub tag: Tag,
}

/// Where a page item belongs in the structure tree.
#[derive(Clone, Debug, PartialEq)]
pub struct Tag {
    pub structure: Structure,
    /// The content block it comes from (an index into the document's blocks), which groups a
    /// block's lines into one element (a paragraph split over pages is one P); `None` for the
    /// masthead, the end block and running heads.
    pub element: Option<usize>,
}

/// What a page item is, in the standard structure types of PDF 1.7 (14.8.4) and PDF/UA.
#[derive(Clone, Debug, PartialEq)]
pub enum Structure {
    /// An article's title: H1.
    Title,
    /// A heading of level 1–4: H2–H5 (one below the title).
    Heading(u8),
    P,
    Note,
    Caption,
    /// An image, with its text alternative (the caption's text or the figure's `alt`).
    Figure {
        alt: Option<Arc<str>>,
    },
    /// A table cell: TH in a header row, else TD; rows and columns count from 0 over the whole
    /// table (a continued table's header cells repeat with the same row).
    Cell {
        header: bool,
        row: usize,
        col: usize,
    },
    /// A list item's number (Lbl) and its text (LBody); `item` counts the items of the list
    /// block from 0 (nested items included), which groups them into LI elements.
    Lbl {
        item: usize,
    },
    LBody {
        item: usize,
    },
    /// Not content: a reader skips it.
    Artifact(Artifact),
}

/// The kinds of artifact (PDF 1.7, 14.8.2.2.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Artifact {
    /// Running heads and page numbers.
    Pagination,
    /// Rules, emphasis dots, underlines and the masthead's decoration.
    Layout,
}

impl Structure {
    /// The text of an element kind as the registry declares it (a list item's text: LBody).
    pub fn of(role: Role) -> Structure {
        match role.kind().tagging {
            Tagging::P => Structure::P,
            Tagging::Title => Structure::Title,
            Tagging::Heading(level) => Structure::Heading(level),
            Tagging::Note => Structure::Note,
            Tagging::Caption => Structure::Caption,
            Tagging::ListItem => Structure::LBody { item: 0 },
            Tagging::TableCell => Structure::Cell {
                header: false,
                row: 0,
                col: 0,
            },
            Tagging::Pagination => Structure::Artifact(Artifact::Pagination),
        }
    }

    /// The standard structure type's name (`H1`, `P`, `TD` …), or `Artifact`.
    pub fn name(&self) -> &'static str {
        match self {
            Structure::Title => "H1",
            Structure::Heading(1) => "H2",
            Structure::Heading(2) => "H3",
            Structure::Heading(3) => "H4",
            Structure::Heading(_) => "H5",
            Structure::P => "P",
            Structure::Note => "Note",
            Structure::Caption => "Caption",
            Structure::Figure { .. } => "Figure",
            Structure::Cell { header: true, .. } => "TH",
            Structure::Cell { .. } => "TD",
            Structure::Lbl { .. } => "Lbl",
            Structure::LBody { .. } => "LBody",
            Structure::Artifact(_) => "Artifact",
        }
    }

    pub fn is_artifact(&self) -> bool {
        matches!(self, Structure::Artifact(_))
    }
}

impl Tag {
    pub fn new(structure: Structure, element: Option<usize>) -> Tag {
        Tag { structure, element }
    }

    /// A layout artifact (a rule, a dot) of no element.
    pub fn layout() -> Tag {
        Tag::new(Structure::Artifact(Artifact::Layout), None)
    }
}

impl Placed {
    /// `item` tagged as a part of an element whose text is `text`: text items take `text`;
    /// rules and dots are layout artifacts, or `text`'s artifact if it is one (a running head's
    /// rule is part of the running head); images are figures without alternative text unless
    /// the text is an artifact or `text` is a figure (with its alternative text).
    pub fn new(item: Item, text: &Structure, element: Option<usize>) -> Placed {
        let structure = match (&item, text) {
            (Item::Text(_), _) | (_, Structure::Artifact(_) | Structure::Figure { .. }) => {
                text.clone()
            }
            (Item::Rule { .. } | Item::Dot { .. }, _) => Structure::Artifact(Artifact::Layout),
            (Item::Image { .. }, _) => Structure::Figure { alt: None },
        };
        Placed {
            item,
            tag: Tag::new(structure, element),
        }
    }

    /// Items of an element kind that is not a block of content (the masthead, the end block,
    /// running heads), tagged as the registry says.
    pub fn furniture(items: Vec<Item>, role: Role) -> impl Iterator<Item = Placed> {
        let text = Structure::of(role);
        items
            .into_iter()
            .map(move |item| Placed::new(item, &text, None))
    }
}

/// An entry of the outline (bookmarks): a title (level 0) or a heading (its level, 1–4), and
/// where its first line's top is.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub level: u8,
    pub title: String,
    /// Index into the layout's pages.
    pub page: usize,
    /// The first line's top, from the top of the page (y downwards): one em above its
    /// baseline, so that a viewer jumping there shows the whole line.
    pub y: Pt,
}

/// The outline of a laid-out document: its titles and headings in order, each where its first
/// line is set.
pub fn outline(doc: &Document, layout: &Layout) -> Vec<OutlineEntry> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for (p, page) in layout.pages.iter().enumerate() {
        for placed in &page.items {
            let level = match placed.tag.structure {
                Structure::Title => 0,
                Structure::Heading(level) => level,
                _ => continue,
            };
            let (Item::Text(run), Some(block)) = (&placed.item, placed.tag.element) else {
                continue;
            };
            if !seen.insert(block) {
                continue;
            }
            let title = match doc.blocks.get(block) {
                Some(Content::Text { text, .. }) => text.text.trim().to_string(),
                _ => continue,
            };
            out.push(OutlineEntry {
                level,
                title,
                page: p,
                y: run.baseline - run.size,
            });
        }
    }
    out
}

/// A stretch of a line that is a link: the glyphs whose text lies in `text` (a byte range of
/// the run's text, as [`crate::text::PlacedGlyph::text`]) are what a reader clicks.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkSpan {
    pub text: Range<u32>,
    pub target: LinkTarget,
}

/// Where a link goes.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    /// A web address, or `mailto:` and an e-mail address.
    Uri(String),
    /// A place in the document: a page (index into the layout's pages) and a height on it
    /// (from the top, y downwards).
    Internal { page: usize, y: Pt },
}

/// The address a URL or e-mail address found in text opens: as written when it has a scheme,
/// `mailto:` before an e-mail address, `http://` before a bare domain (`www.cqa.cn`).
pub fn uri(found: &str) -> String {
    let lower = found.to_ascii_lowercase();
    if ["http://", "https://", "ftp://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        found.to_string()
    } else if found.contains('@') && !found.contains('/') {
        format!("mailto:{found}")
    } else {
        format!("http://{found}")
    }
}

/// The URLs and e-mail addresses of a text: where each is and the address it opens.
type Found = Vec<(Range<usize>, String)>;

/// Marks the URLs and e-mail addresses in the text of every page's text items as links (not
/// in artifacts: a running head is not read, nor clicked): a URL broken across lines is a span
/// on each line, each opening the whole URL.
pub fn add_links(pages: &mut [super::Page]) {
    // The lines of a paragraph share its text: it is searched once.
    let mut last: Option<(Arc<str>, Found)> = None;
    for page in pages {
        for placed in &mut page.items {
            let Item::Text(run) = &mut placed.item else {
                continue;
            };
            if placed.tag.structure.is_artifact() || run.glyphs.is_empty() {
                continue;
            }
            let found = match &last {
                Some((text, found)) if Arc::ptr_eq(text, &run.text) => found,
                _ => {
                    let found = crate::text::breaks::find_urls(&run.text)
                        .into_iter()
                        .map(|r| (r.clone(), uri(&run.text[r])))
                        .collect();
                    &last.insert((run.text.clone(), found)).1
                }
            };
            if found.is_empty() {
                continue;
            }
            let start = run.glyphs.iter().map(|g| g.text.start).min().unwrap_or(0);
            let end = run.glyphs.iter().map(|g| g.text.end).max().unwrap_or(0);
            for (range, target) in found {
                let (s, e) = ((range.start as u32).max(start), (range.end as u32).min(end));
                if s < e {
                    run.links.push(LinkSpan {
                        text: s..e,
                        target: LinkTarget::Uri(target.clone()),
                    });
                }
            }
        }
    }
}
