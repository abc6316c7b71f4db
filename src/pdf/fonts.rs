//! Subsetting and registering fonts.

use super::fnv::{Fnv, BASIS};
use super::Part;
use crate::error::{Error, ErrorKind, Result};
use crate::fonts::FontFace;
use crate::page::Item;
use printpdf::{FontId, ParsedFont, PdfDocument};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The embedded fonts: for each face (by identity) its PDF resource name and the widths the PDF
/// will use for its glyphs.
pub struct Embedded {
    faces: Vec<EmbeddedFace>,
}

struct EmbeddedFace {
    face: Arc<FontFace>,
    id: FontId,
    /// Glyph ids renumber in the subset: original id → subset id.
    remapper: subsetter::GlyphRemapper,
}

impl Embedded {
    fn find(&self, face: &Arc<FontFace>) -> &EmbeddedFace {
        self.faces
            .iter()
            .find(|e| Arc::ptr_eq(&e.face, face))
            .expect("every face drawn was embedded")
    }

    /// The resource for a face.
    pub fn id(&self, face: &Arc<FontFace>) -> &FontId {
        &self.find(face).id
    }

    /// A glyph's id in the face's subset.
    pub fn glyph(&self, face: &Arc<FontFace>, glyph: u16) -> u16 {
        self.find(face)
            .remapper
            .get(glyph)
            .expect("every glyph drawn is in its face's subset")
    }
}

/// Collects the glyphs each face draws (with the text each glyph stands for), subsets each face
/// to them and registers it with the document.
pub fn embed(parts: &[Part], pdf: &mut PdfDocument) -> Result<Embedded> {
    // Faces in first-use order; glyph → text per face.
    let mut used: Vec<(Arc<FontFace>, BTreeMap<u16, String>)> = Vec::new();
    for part in parts {
        for page in &part.layout.pages {
            for item in page.items() {
                let Item::Text(run) = item else { continue };
                for g in &run.glyphs {
                    let face = part.doc.fonts.get(g.font);
                    let slot = match used.iter().position(|(f, _)| Arc::ptr_eq(f, face)) {
                        Some(i) => i,
                        None => {
                            used.push((face.clone(), BTreeMap::new()));
                            used.len() - 1
                        }
                    };
                    let text = &run.text[g.text.start as usize..g.text.end as usize];
                    let entry = used[slot].1.entry(g.glyph).or_default();
                    if entry.is_empty() {
                        entry.push_str(text);
                    }
                }
            }
        }
    }
    let mut faces = Vec::with_capacity(used.len());
    for (n, (face, glyphs)) in used.into_iter().enumerate() {
        let gids: Vec<u16> = glyphs.keys().copied().collect();
        let crate::fonts::Subset {
            data: subset,
            remapper,
        } = crate::fonts::subset(&face, &gids).map_err(|msg| Error::new(ErrorKind::Font, msg))?;
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&subset, 0, &mut warnings).ok_or_else(|| {
            Error::new(
                ErrorKind::Font,
                format!(
                    "the subset of font {} could not be read back",
                    face.postscript_name
                ),
            )
        })?;
        parsed.font_name = Some(format!(
            "{}+{}",
            subset_tag(&face.postscript_name, &gids),
            face.postscript_name
        ));
        let id = FontId(format!("F{}", n + 1));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        faces.push(EmbeddedFace { face, id, remapper });
    }
    Ok(Embedded { faces })
}

/// The six capital letters that mark a subset font's name (PDF 32000-1 §9.6.4), derived from
/// the font and its glyph set so that the same input always gives the same name.
fn subset_tag(name: &str, gids: &[u16]) -> String {
    let mut h = Fnv(BASIS);
    h.write(name.as_bytes());
    for g in gids {
        h.write(&g.to_be_bytes());
    }
    let h = h.0;
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 5)) % 26) as u8) as char)
        .collect()
}
