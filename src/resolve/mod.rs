//! Stage 2: definition + layouts + assets → the resolved [`Document`].
//!
//! [`resolve`] reads as its steps: load the layout chain (following `extends`, checking each
//! file on its own so errors point into the right file), lay the files and the definition's
//! overrides over one another, fill in defaults, open the fonts each role names, number the
//! figures and word their captions, and load their images. Files are reached only through the
//! [`Assets`] trait, so this stage is testable with in-memory inputs.

use crate::messages::msg;
mod bulletin;
mod contents;
mod document;
mod fontchain;
mod layouts;
mod numbering;
mod numbers;
mod rows;
mod shadowed;
mod styles;
mod table;
mod text_file;

pub use document::{
    fill_template, Content, ContentsEntry, Document, EndBlock, EndLine, FigureSettings, Grid, Ink,
    JointName, ListEntry, Masthead, Metadata, PageGeometry, Role, RowPhoto, Running, Script,
    Signature, Signers, SlotLine, Style, TEMPLATE_FIELDS,
};
pub use table::{Cell, Column, Table};

use crate::error::{Error, ErrorKind, Result, Source, Warning};
use crate::fonts::FontFace;
use crate::images::Image;
use crate::model::markup::{self, Marks, Styled};
use crate::model::{Block, Definition};
use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Where the resolve stage gets files from. The file-system implementation is
/// [`crate::assets::FsAssets`]; tests may supply their own.
pub trait Assets: Sync {
    /// The layout `name` (a layout name, or a path relative to `relative_to`'s directory): its
    /// text and the path it was read from.
    fn layout(&self, name: &str, relative_to: &Path) -> std::result::Result<Source, String>;
    /// A font by name (family and style, full name, PostScript name or file name) or by
    /// absolute path.
    fn font(&self, name: &str) -> std::result::Result<Arc<FontFace>, crate::messages::Message>;
    /// [`font`](Self::font) for a font chain: a *name* that is not installed is `Ok(None)`, so
    /// that an implementation may skip building the "not found" message (which compares the
    /// name with every installed font's) for the chain's office fonts that it passes over.
    fn font_if_installed(
        &self,
        name: &str,
    ) -> std::result::Result<Option<Arc<FontFace>>, crate::messages::Message> {
        match self.font(name) {
            Ok(face) => Ok(Some(face)),
            Err(why) if !crate::paths::names_a_path(name) && fontchain::is_not_found(&why) => {
                Ok(None)
            }
            Err(why) => Err(why),
        }
    }
    /// An image by path.
    fn image(&self, path: &Path) -> std::result::Result<Arc<Image>, String>;
    /// The installed fonts that have `c`, by a name that finds them (for the warning about a
    /// character no font of the chain has). None by default.
    fn fonts_with(&self, c: char) -> Vec<String> {
        let _ = c;
        Vec::new()
    }
    /// A text file (a block's `text-file`) by path, decoded to text.
    fn text_file(&self, path: &Path) -> std::result::Result<crate::assets::Decoded, String>;
}

/// Resolves a parsed definition.
pub fn resolve(def: &Definition, assets: &dyn Assets) -> Result<Document> {
    let layout = layouts::load(def, assets)?;
    let mut doc = styles::build(def, &layout, assets)?;
    doc.warnings.extend(def.warnings.iter().cloned());
    doc.warnings.extend(shadowed::warnings(def, &layout));
    doc.notes.extend(def.notes.iter().cloned());
    doc.blocks = content(def, &layout.spec, &mut doc, assets)?;
    Ok(doc)
}

/// Numbers the figures in document order, words their captions, replaces `{ref:label}` in text
/// by figure numbers, and loads each image once.
fn content(
    def: &Definition,
    spec: &crate::model::LayoutSpec,
    doc: &mut Document,
    assets: &dyn Assets,
) -> Result<Vec<Content>> {
    let source = &def.source;
    let format = spec
        .style("caption")
        .and_then(|c| c.format.as_ref())
        .map_or_else(|| "图 {n} {caption}".to_string(), |f| f.get_ref().clone());
    let base = crate::paths::dir_of(&def.source.path);

    // Labels first, so that text may refer to a figure that comes later.
    let mut labels: HashMap<String, u32> = HashMap::new();
    let mut number = 0;
    for block in &def.blocks {
        let numbered: Vec<Option<&toml::Spanned<String>>> = match block {
            Block::Figure(f) => vec![f.label.as_ref()],
            Block::Figures(row) => row.labels.iter().map(Option::as_ref).collect(),
            _ => Vec::new(),
        };
        for label in numbered {
            number += 1;
            if let Some(label) = label {
                if labels.insert(label.get_ref().clone(), number).is_some() {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        msg::two_figures_same_label(label.get_ref()),
                    )
                    .at(source, label.span()));
                }
            }
        }
    }
    // Tables are numbered in a series of their own (表 1, 表 2 …), labels shared with figures.
    let mut tables = 0;
    for block in &def.blocks {
        if let Block::Table(t) = block {
            tables += 1;
            if let Some(label) = &t.label {
                if labels.insert(label.get_ref().clone(), tables).is_some() {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        msg::label_given_twice(label.get_ref()),
                    )
                    .at(source, label.span()));
                }
            }
        }
    }
    let mut tables = 0;

    let mut images: HashMap<std::path::PathBuf, usize> = HashMap::new();
    // The last number of the list before (for a list that continues its numbering).
    let mut list_number = 0;
    let mut out = Vec::with_capacity(def.blocks.len());
    let mut targets: Vec<(String, usize)> = Vec::new();
    let mut number = 0;
    let mut numbering = numbering::Numbering::new([1, 2, 3, 4].map(|level| {
        styles::spec_of(spec, Role::Heading(level).kind().table)
            .numbering
            .map(|n| n.into_inner())
    }));
    // Where the first attachment starts: the text before it is the document's own, and its
    // 附件说明 and 落款 go there.
    let mut first_attachment = None;
    for block in &def.blocks {
        if let Block::Attachment { label, at } = block {
            numbering.reset();
            // The closing parts go before the page breaks that end the document's own text
            // (a `page-break` written before the attachment), not on the page they open.
            let breaks = out
                .iter()
                .rev()
                .take_while(|c| matches!(c, Content::PageBreak))
                .count();
            first_attachment.get_or_insert(out.len() - breaks);
            // An attachment starts on a page of its own.
            if !matches!(out.last(), None | Some(Content::PageBreak)) {
                out.push(Content::PageBreak);
            }
            out.push(Content::Text {
                role: Role::AttachmentHead,
                text: Styled::plain(label.clone()),
                at: at.clone(),
            });
            continue;
        }
        if let Block::TextFile { path, at } = block {
            let mut noticed = crate::model::notice::Noticed::default();
            for text in text_file::paragraphs(source, path, assets, &mut noticed)? {
                out.push(Content::Text {
                    role: Role::Body,
                    text: styled(&text, &labels, source, at)?,
                    at: at.clone(),
                });
            }
            doc.warnings.extend(noticed.warnings);
            doc.notes.extend(noticed.notes);
            continue;
        }
        // The block a label names, for links from `{ref:label}`.
        let named: Vec<&String> = match block {
            Block::Figure(f) => f.label.iter().map(|l| l.get_ref()).collect(),
            Block::Figures(row) => row.labels.iter().flatten().map(|l| l.get_ref()).collect(),
            Block::Table(t) => t.label.iter().map(|l| l.get_ref()).collect(),
            _ => Vec::new(),
        };
        targets.extend(named.into_iter().map(|l| (l.clone(), out.len())));
        out.push(match block {
            Block::Attachment { .. } | Block::TextFile { .. } => unreachable!("handled above"),
            Block::Title { text, at } => {
                numbering.reset();
                Content::Text {
                    role: Role::Title,
                    text: styled(text, &labels, source, at)?,
                    at: at.clone(),
                }
            }
            Block::Heading { text, level, at } => Content::Text {
                role: Role::Heading(*level),
                text: styled(&numbering.heading(*level, text), &labels, source, at)?,
                at: at.clone(),
            },
            Block::Note { text, first, at } => {
                let body = styled(text, &labels, source, at)?;
                let mut text = Styled::default();
                match doc.note_label.as_deref() {
                    // The label opens the note (unless the author wrote it already), in its
                    // own face: a run like any other.
                    Some(label) if *first => {
                        let rest = body.text.strip_prefix(label).map(|_| label.len());
                        text.push(label, Marks::LABEL);
                        match rest {
                            Some(skip) => {
                                let mut tail = Styled::default();
                                for (range, marks) in body.parts() {
                                    let r = range.start.max(skip)..range.end;
                                    if r.start < r.end {
                                        tail.push(&body.text[r], marks);
                                    }
                                }
                                text.append(&tail, Marks::NONE);
                            }
                            None => text.append(&body, Marks::NONE),
                        }
                    }
                    _ => text = body,
                }
                Content::Text {
                    role: Role::Note,
                    text,
                    at: at.clone(),
                }
            }
            Block::Paragraph { text, lead, at } => {
                let mut out = Styled::default();
                if let Some(lead) = lead {
                    out.append(&styled(lead, &labels, source, at)?, Marks::RUN_IN);
                }
                out.append(&styled(text, &labels, source, at)?, Marks::NONE);
                Content::Text {
                    role: Role::Body,
                    text: out,
                    at: at.clone(),
                }
            }
            Block::List(list) => {
                let first = match (list.start, list.continues) {
                    (Some(start), _) => start,
                    (None, true) => list_number + 1,
                    (None, false) => 1,
                };
                let format = |role: Role, own: &Option<String>, default: &str| {
                    own.clone()
                        .or_else(|| {
                            styles::spec_of(spec, role.kind().table)
                                .numbering
                                .map(|n| n.into_inner())
                        })
                        .unwrap_or_else(|| default.to_string())
                };
                let (outer, inner) = (
                    format(Role::ListItem, &list.numbering, "{n}."),
                    format(Role::ListItem2, &None, "（{n}）"),
                );
                let mut items = Vec::new();
                for (k, item) in list.items.iter().enumerate() {
                    list_number = first + k as u32;
                    items.push(ListEntry {
                        role: Role::ListItem,
                        label: list_label(&outer, list_number),
                        text: styled(&item.text, &labels, source, &list.at)?,
                    });
                    for (j, child) in item.children.iter().enumerate() {
                        items.push(ListEntry {
                            role: Role::ListItem2,
                            label: list_label(&inner, j as u32 + 1),
                            text: styled(child, &labels, source, &list.at)?,
                        });
                    }
                }
                Content::List {
                    items,
                    at: list.at.clone(),
                }
            }
            Block::PageBreak { .. } => Content::PageBreak,
            Block::Table(t) => {
                tables += 1;
                let table = table::table(source, spec, t, tables, &labels, doc, assets)?;
                Content::Table(Box::new(table))
            }
            Block::Contents(c) => Content::Contents {
                heading: Some(Styled::plain(c.heading.clone())).filter(|h| !h.text.is_empty()),
                entries: Vec::new(),
                at: c.at.clone(),
            },
            Block::Figures(row) => {
                let mut images_of_row = Vec::with_capacity(row.photos.len());
                for written in &row.photos {
                    let path = relative_path(written.get_ref(), base, "image")
                        .map_err(|e| e.at(source, written.span()))?;
                    images_of_row.push(load_image(path, &mut images, doc, assets).map_err(
                        |e| e.at(source, written.span()).label(msg::label_this_image()),
                    )?);
                }
                let (whole, each) = rows::captions(
                    row,
                    &mut number,
                    &doc.figures.sub_caption,
                    |n, text| caption(&format, n, text),
                    |text| styled(text, &labels, source, &row.at),
                )?;
                Content::Figures {
                    photos: images_of_row
                        .into_iter()
                        .zip(each)
                        .map(|(image, caption)| RowPhoto { image, caption })
                        .collect(),
                    caption: whole,
                    at: row.at.clone(),
                }
            }
            Block::Figure(f) => {
                number += 1;
                let path = relative_path(f.path.get_ref(), base, "image")
                    .map_err(|e| e.at(source, f.path.span()))?;
                let image = load_image(path, &mut images, doc, assets)
                    .map_err(|e| e.at(source, f.path.span()).label(msg::label_this_image()))?;
                let width = match &f.width {
                    Some(w) => {
                        Some(crate::model::Extent::parse(w.get_ref()).map_err(|msg| {
                            Error::new(ErrorKind::Invalid, msg).at(source, w.span())
                        })?)
                    }
                    None => None,
                };
                let caption = match &f.caption {
                    Some(c) => Some(caption(
                        &format,
                        number,
                        &styled(c, &labels, source, &f.at)?,
                    )),
                    None => None,
                };
                Content::Figure {
                    image,
                    width,
                    caption,
                    alt: f.alt.clone(),
                    number,
                    at: f.at.clone(),
                }
            }
        });
    }
    let seals = seals(def, base, &mut images, doc, assets)?;
    let before = out.len();
    furniture(def, doc, &mut out, first_attachment, seals);
    // The closing parts go in before the first attachment: blocks after it move down.
    let inserted = out.len() - before;
    doc.targets = targets
        .into_iter()
        .map(|(label, i)| match first_attachment {
            Some(at) if i >= at => (label, i + inserted),
            _ => (label, i),
        })
        .collect();
    let depths: Vec<u8> = def
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Contents(c) => Some(c.headings),
            _ => None,
        })
        .collect();
    contents::fill(&mut out, &depths);
    Ok(out)
}

/// The image at `path`, loaded once: its index in the document's images.
fn load_image(
    path: std::path::PathBuf,
    images: &mut HashMap<std::path::PathBuf, usize>,
    doc: &mut Document,
    assets: &dyn Assets,
) -> Result<usize> {
    if let Some(&i) = images.get(&path) {
        return Ok(i);
    }
    let img = assets
        .image(&path)
        .map_err(|msg| Error::new(ErrorKind::Image, msg))?;
    // The same file written two ways is one image (assets give one `Arc`).
    let index = match doc.images.iter().position(|i| Arc::ptr_eq(i, &img)) {
        Some(i) => i,
        None => {
            doc.images.push(img);
            doc.image_paths.push(path.clone());
            doc.images.len() - 1
        }
    };
    images.insert(path, index);
    Ok(index)
}

/// The seals (`seal`, one for each name of the `signature`) or the 签发人签名章 (`signer-seal`,
/// one for each `signer-title`), loaded like figures (relative to the definition, inside the
/// root); `signer` says which the 落款 has. Both at once is an error: the 签名章 stands in
/// place of the 署名 and its seal (7.3.5.3).
fn seals(
    def: &Definition,
    base: &Path,
    images: &mut HashMap<std::path::PathBuf, usize>,
    doc: &mut Document,
    assets: &dyn Assets,
) -> Result<(Vec<usize>, bool)> {
    let m = &def.meta;
    let source = &def.source;
    if let (Some(title), None) = (&m.signer_title, &m.signer_seal) {
        // Said, not dropped in silence: the clerk wrote the titles to see them printed.
        doc.warnings.push(
            Warning::new(msg::signer_title_without_seal(), "")
                .at(source, title.span())
                .label(msg::label_signer_title_unused()),
        );
    }
    let (seal, names, signer, what) = match (&m.seal, &m.signer_seal) {
        (Some(_), Some(stamp)) => {
            return Err(
                Error::new(ErrorKind::Invalid, msg::signer_seal_or_seal()).at(source, stamp.span())
            )
        }
        (Some(seal), None) => (
            seal,
            m.signature.as_ref().map(|s| s.0.len()),
            false,
            msg::each_name_in_signature(),
        ),
        (None, Some(stamp)) => (
            stamp,
            m.signer_title.as_ref().map(|t| t.get_ref().0.len()),
            true,
            msg::each_title_in_signer_title(),
        ),
        (None, None) => return Ok((Vec::new(), false)),
    };
    let at = seal.span();
    let count = names.unwrap_or(0);
    if seal.get_ref().0.len() != count {
        let kind = if signer {
            msg::kind_signer_seal()
        } else {
            msg::noun_seal()
        };
        return Err(Error::new(
            ErrorKind::Invalid,
            msg::seal_count(seal.get_ref().0.len(), kind, count, what),
        )
        .at(source, at));
    }
    let loaded = seal
        .get_ref()
        .0
        .iter()
        .map(|written| {
            let path =
                relative_path(written, base, "seal").map_err(|e| e.at(source, at.clone()))?;
            load_image(path, images, doc, assets)
                .map_err(|e| e.at(source, at.clone()).label(msg::label_this_seal()))
        })
        .collect::<Result<_>>()?;
    Ok((loaded, signer))
}

/// The 主送机关 under the first title (or first of all without one), the 附件说明 and the 落款
/// after the document's text (before its first attachment), when the definition gives them.
fn furniture(
    def: &Definition,
    doc: &Document,
    out: &mut Vec<Content>,
    first_attachment: Option<usize>,
    (seals, signer): (Vec<usize>, bool),
) {
    let m = &def.meta;
    let names = |list: &Option<crate::model::definition::Recipients>| -> Vec<String> {
        list.iter()
            .flat_map(|l| l.0.iter())
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    // The closing parts after the document's own text: before its attachments, if any.
    let own_end = first_attachment.unwrap_or(out.len());
    let mut closing = Vec::new();
    let attachments = names(&m.attachments);
    if !attachments.is_empty() {
        closing.push(Content::AttachmentNote {
            names: attachments,
            at: def.meta_at.clone(),
        });
    }
    // A 纪要's lists, one line under the text or 附件说明 (10.3).
    let lists: Vec<(String, Vec<String>)> = [
        ("出席：", &m.present),
        ("请假：", &m.absent),
        ("列席：", &m.attending),
    ]
    .into_iter()
    .map(|(label, list)| (label.to_string(), names(list)))
    .filter(|(_, names)| !names.is_empty())
    .collect();
    if !lists.is_empty() {
        closing.push(Content::Attendance {
            lists,
            at: def.meta_at.clone(),
        });
    }
    // With 签名章 the signers' titles stand in the 署名's place (7.3.5.3).
    let signature = if signer {
        names(&m.signer_title.as_ref().map(|t| t.get_ref().clone()))
    } else {
        names(&m.signature)
    };
    if !signature.is_empty() {
        closing.push(Content::Signature {
            names: signature,
            seals,
            signer,
            date: doc.meta.date_text.clone(),
            at: def.meta_at.clone(),
        });
    }
    // The 附注 in parentheses on the line under the date (7.3.6).
    if let Some(note) = m.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        let text = if note.starts_with('（') && note.ends_with('）') {
            note.to_string()
        } else {
            format!("（{note}）")
        };
        closing.push(Content::Text {
            role: Role::Annotation,
            text: Styled::plain(text),
            at: def.meta_at.clone(),
        });
    }
    out.splice(own_end..own_end, closing);

    let to = names(&m.to);
    if !to.is_empty() {
        let mut text = to.join("，");
        if !text.ends_with('：') && !text.ends_with(':') {
            text.push('：');
        }
        // Under the document's first title (not an attachment's).
        let after_title = out[..own_end]
            .iter()
            .position(|c| {
                matches!(
                    c,
                    Content::Text {
                        role: Role::Title,
                        ..
                    }
                )
            })
            .map_or(0, |i| i + 1);
        out.insert(
            after_title,
            Content::Text {
                role: Role::Addressee,
                text: Styled::plain(text),
                at: def.meta_at.clone(),
            },
        );
    }
}

/// `written` (a path as the user wrote it) joined to `base`; absolute paths are refused, so that
/// a document stays portable and cannot name files outside its project (the file-system side
/// checks `..` and symbolic links against the root).
pub(crate) fn relative_path(written: &str, base: &Path, what: &str) -> Result<std::path::PathBuf> {
    let p = Path::new(written);
    if p.is_absolute() || p.has_root() {
        return Err(Error::new(
            ErrorKind::Invalid,
            msg::absolute_path(crate::messages::noun(what), written),
        )
        .label(msg::label_absolute_path())
        .help(msg::help_relative_paths()));
    }
    Ok(base.join(p))
}

/// A caption as printed: the layout's `format` with `{n}` the figure's number and `{caption}`
/// the caption's own (marked-up) text, trimmed.
fn caption(format: &str, number: u32, text: &Styled) -> Styled {
    let mut out = Styled::default();
    for piece in markup::parse(format, markup::Mode::Template).unwrap_or_default() {
        match piece {
            markup::Piece::Field(f) if f == "n" => out.push(&number.to_string(), Marks::NONE),
            markup::Piece::Field(f) if f == "caption" => out.append(text, Marks::NONE),
            markup::Piece::Field(f) => out.push(&format!("{{{f}}}"), Marks::NONE),
            markup::Piece::Text(t, _) => out.push(&t, Marks::NONE),
            markup::Piece::Ref(..) | markup::Piece::Break => {}
        }
    }
    out.trimmed()
}

/// A list item's number as printed: `{n}` in digits, `{cn}` in Chinese, `{circled}` as ①–㊿
/// (beyond 50 in digits in brackets); a format without a field is a bullet.
fn list_label(format: &str, n: u32) -> String {
    markup::fill(format, |field| {
        Some(match field {
            "n" => n.to_string(),
            "cn" => numbering::chinese_numeral(n),
            "circled" => circled(n),
            _ => return None,
        })
    })
}

/// ① … ⑳, ㉑ … ㉟, ㊱ … ㊿; `(51)` beyond.
fn circled(n: u32) -> String {
    let c = match n {
        1..=20 => char::from_u32(0x2460 + n - 1),
        21..=35 => char::from_u32(0x3251 + n - 21),
        36..=50 => char::from_u32(0x32B1 + n - 36),
        _ => None,
    };
    c.map_or_else(|| format!("({n})"), String::from)
}

/// Reads a block's markup into styled text: `{ref:label}` becomes the figure's number and a
/// forced break (`{br}`) a line break; an error points at the markup in the block.
fn styled(
    text: &str,
    labels: &HashMap<String, u32>,
    source: &Source,
    at: &Range<usize>,
) -> Result<Styled> {
    let locate = |snippet: &str| {
        source
            .text
            .get(at.clone())
            .and_then(|raw| raw.find(snippet))
            .map_or(at.clone(), |i| at.start + i..at.start + i + snippet.len())
    };
    let pieces = markup::parse(text, markup::Mode::Markup).map_err(|e| {
        Error::new(ErrorKind::Invalid, e.message)
            .at(source, locate(&text[e.at]))
            .label(msg::label_here())
    })?;
    let mut out = Styled::default();
    for piece in pieces {
        match piece {
            markup::Piece::Text(t, marks) => out.push(&t, marks),
            markup::Piece::Ref(label, marks, span) => {
                let n = labels.get(&label).ok_or_else(|| {
                    let known: Vec<String> = labels.keys().cloned().collect();
                    let error = Error::new(ErrorKind::Invalid, msg::unknown_figure_ref(&label))
                        .at(source, locate(&text[span]))
                        .label(msg::label_unknown_label());
                    match crate::model::closest(&label, &known) {
                        Some(best) => error.help(msg::did_you_mean(best)),
                        None => error,
                    }
                })?;
                out.push_ref(&n.to_string(), marks, &label);
            }
            markup::Piece::Break => out.push("\n", Marks::NONE),
            markup::Piece::Field(_) => {}
        }
    }
    Ok(out)
}
