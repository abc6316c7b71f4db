//! Stage 2: definition + layouts + assets → the resolved [`Document`].
//!
//! [`resolve`] reads as its steps: load the layout chain (following `extends`, checking each
//! file on its own so errors point into the right file), lay the files and the definition's
//! overrides over one another, fill in defaults, open the fonts each role names, number the
//! figures and word their captions, and load their images. Files are reached only through the
//! [`Assets`] trait, so this stage is testable with in-memory inputs.

mod bulletin;
mod document;
mod layouts;
mod numbering;
mod numbers;
mod styles;
mod text_file;

pub use document::{
    fill_template, Content, Document, EndBlock, EndLine, FigureSettings, Grid, Masthead, Metadata,
    NoteLabel, PageGeometry, Role, Running, SlotLine, Style, TEMPLATE_FIELDS,
};

use crate::error::{Error, ErrorKind, Result, Source};
use crate::fonts::FontFace;
use crate::images::Image;
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
    fn font(&self, name: &str) -> std::result::Result<Arc<FontFace>, String>;
    /// An image by path.
    fn image(&self, path: &Path) -> std::result::Result<Arc<Image>, String>;
    /// A text file (a block's `text-file`) by path, decoded to text.
    fn text_file(&self, path: &Path) -> std::result::Result<crate::assets::Decoded, String>;
}

/// Resolves a parsed definition.
pub fn resolve(def: &Definition, assets: &dyn Assets) -> Result<Document> {
    let layout = layouts::load(def, assets)?;
    let mut doc = styles::build(def, &layout, assets)?;
    doc.warnings.extend(def.warnings.iter().cloned());
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
        .caption
        .as_ref()
        .and_then(|c| c.format.as_ref())
        .map_or_else(|| "图 {n} {caption}".to_string(), |f| f.get_ref().clone());
    let base = crate::paths::dir_of(&def.source.path);

    // Labels first, so that text may refer to a figure that comes later.
    let mut labels: HashMap<String, u32> = HashMap::new();
    let mut number = 0;
    for block in &def.blocks {
        if let Block::Figure(f) = block {
            number += 1;
            if let Some(label) = &f.label {
                if labels.insert(label.get_ref().clone(), number).is_some() {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        format!("two figures have the label `{}`", label.get_ref()),
                    )
                    .at(source, label.span()));
                }
            }
        }
    }

    let mut images: HashMap<std::path::PathBuf, usize> = HashMap::new();
    let mut out = Vec::with_capacity(def.blocks.len());
    let mut number = 0;
    let mut numbering = numbering::Numbering::new(
        styles::heading_levels(spec).map(|l| l.numbering.map(|n| n.into_inner())),
    );
    // Where the first attachment starts: the text before it is the document's own, and its
    // 附件说明 and 落款 go there.
    let mut first_attachment = None;
    for block in &def.blocks {
        if let Block::Attachment { label, at } = block {
            numbering.reset();
            first_attachment.get_or_insert(out.len());
            // An attachment starts on a page of its own.
            if !matches!(out.last(), None | Some(Content::PageBreak)) {
                out.push(Content::PageBreak);
            }
            out.push(Content::Text {
                role: Role::AttachmentHead,
                text: label.clone(),
                at: at.clone(),
            });
            continue;
        }
        if let Block::TextFile { path, at } = block {
            let mut noticed = crate::model::notice::Noticed::default();
            for text in text_file::paragraphs(source, path, assets, &mut noticed)? {
                out.push(Content::Text {
                    role: Role::Body,
                    text: replace_refs(&text, &labels, source, at)?,
                    at: at.clone(),
                });
            }
            doc.warnings.extend(noticed.warnings);
            doc.notes.extend(noticed.notes);
            continue;
        }
        out.push(match block {
            Block::Attachment { .. } | Block::TextFile { .. } => unreachable!("handled above"),
            Block::Title { text, at } => {
                numbering.reset();
                Content::Text {
                    role: Role::Title,
                    text: text.clone(),
                    at: at.clone(),
                }
            }
            Block::Heading { text, level, at } => Content::Text {
                role: Role::Heading(*level),
                text: numbering.heading(*level, text),
                at: at.clone(),
            },
            Block::Note { text, first, at } => {
                let text = replace_refs(text, &labels, source, at)?;
                let label = doc.note_label.as_ref().map(|l| l.text.as_str());
                Content::Text {
                    role: Role::Note,
                    // The label opens the note, unless the author wrote it already.
                    text: match label {
                        Some(label) if *first && !text.starts_with(label) => {
                            format!("{label}{text}")
                        }
                        _ => text,
                    },
                    at: at.clone(),
                }
            }
            Block::Paragraph { text, at } => Content::Text {
                role: Role::Body,
                text: replace_refs(text, &labels, source, at)?,
                at: at.clone(),
            },
            Block::PageBreak { .. } => Content::PageBreak,
            Block::Figure(f) => {
                number += 1;
                let path = relative_path(f.path.get_ref(), base, "image")
                    .map_err(|e| e.at(source, f.path.span()))?;
                let image = match images.get(&path) {
                    Some(&i) => i,
                    None => {
                        let img = assets.image(&path).map_err(|msg| {
                            Error::new(ErrorKind::Image, msg)
                                .at(source, f.path.span())
                                .label("this image")
                        })?;
                        // The same file written two ways is one image (assets give one `Arc`).
                        let index = match doc.images.iter().position(|i| Arc::ptr_eq(i, &img)) {
                            Some(i) => i,
                            None => {
                                doc.images.push(img);
                                doc.images.len() - 1
                            }
                        };
                        images.insert(path, index);
                        index
                    }
                };
                let width = match &f.width {
                    Some(w) => {
                        Some(crate::model::Extent::parse(w.get_ref()).map_err(|msg| {
                            Error::new(ErrorKind::Invalid, msg).at(source, w.span())
                        })?)
                    }
                    None => None,
                };
                let caption = f.caption.as_ref().map(|c| {
                    format
                        .replace("{n}", &number.to_string())
                        .replace("{caption}", c)
                        .trim()
                        .to_string()
                });
                Content::Figure {
                    image,
                    width,
                    caption,
                    number,
                    at: f.at.clone(),
                }
            }
        });
    }
    furniture(def, doc, &mut out, first_attachment);
    Ok(out)
}

/// The 主送机关 under the first title (or first of all without one), the 附件说明 and the 落款
/// after the document's text (before its first attachment), when the definition gives them.
fn furniture(
    def: &Definition,
    doc: &Document,
    out: &mut Vec<Content>,
    first_attachment: Option<usize>,
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
    if let Some(signature) = m.signature.as_ref().filter(|s| !s.trim().is_empty()) {
        closing.push(Content::Signature {
            signature: signature.trim().to_string(),
            date: doc.meta.date_text.clone(),
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
                text,
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
            format!("the {what} path `{written}` is absolute; write it relative to this file"),
        )
        .label("absolute path")
        .help("files are found relative to the file that names them, inside the root directory (`--root`)"));
    }
    Ok(base.join(p))
}

/// Replaces `{ref:label}` by the figure's number.
fn replace_refs(
    text: &str,
    labels: &HashMap<String, u32>,
    source: &Source,
    at: &Range<usize>,
) -> Result<String> {
    if !text.contains("{ref:") {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{ref:") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 5..];
        let end = after.find('}').ok_or_else(|| {
            Error::new(ErrorKind::Invalid, "`{ref:` without a closing `}`").at(source, at.clone())
        })?;
        let label = after[..end].trim();
        let n = labels.get(label).ok_or_else(|| {
            Error::new(
                ErrorKind::Invalid,
                format!("the text refers to figure `{label}`, but no figure has that label"),
            )
            .at(source, at.clone())
        })?;
        out.push_str(&n.to_string());
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}
