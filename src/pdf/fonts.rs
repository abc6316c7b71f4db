//! Fonts: each face cut down to the glyphs the pages draw (`subsetter`) and embedded as a
//! composite (Type0) font with Identity-H codes. The subsetter renumbers glyphs densely and
//! makes CFF outlines CID-keyed with CID = new glyph id, so one rule holds for both outline
//! kinds: the code written in the content stream is the glyph's id in the subset.
//!
//! TrueType outlines go in as CIDFontType2 with the whole subset file (`/FontFile2`); CFF
//! outlines as CIDFontType0 with the bare `CFF ` table (`/FontFile3 /CIDFontType0C`), the one
//! form every viewer resolves CIDs through the same way. Every font carries a `/W` array (the
//! advances the TJ adjustments are computed against) and a ToUnicode map built from the text
//! each glyph stood for where it was first drawn, so copy/paste and text extraction give the
//! source text back exactly.

use super::fnv::{Fnv, BASIS};
use super::{deflate, Alloc};
use crate::error::{Error, ErrorKind, Result};
use crate::fonts::FontFace;
use crate::page::paint::{display_list, Paint};
use crate::page::Page;
use crate::resolve::Document;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Chunk, Filter, Finish, Name, Rect, Ref, Str};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The fonts the pages draw, by face identity: grown page by page as the writer paints them
/// (each glyph gets its code the first time a page draws it), subset and written at the end.
#[derive(Default)]
pub struct Embedded {
    faces: Vec<EmbeddedFace>,
}

struct EmbeddedFace {
    face: Arc<FontFace>,
    /// The resource name pages use (`F1`, `F2`, …).
    name: String,
    /// The Type0 font's object, numbered when the face is first drawn.
    font: Ref,
    /// Glyph ids renumber in the subset: original id → subset id (= the code drawn), in the
    /// order the pages first draw them.
    remapper: subsetter::GlyphRemapper,
    /// The text each glyph stood for where it was first drawn (the ToUnicode map).
    texts: BTreeMap<u16, String>,
}

impl Embedded {
    fn find(&self, face: &Arc<FontFace>) -> &EmbeddedFace {
        self.faces
            .iter()
            .find(|e| Arc::ptr_eq(&e.face, face))
            .expect("every face drawn was registered")
    }

    /// The resource name of a face.
    pub fn name(&self, face: &Arc<FontFace>) -> &str {
        &self.find(face).name
    }

    /// A glyph's code: its id in the face's subset.
    pub fn code(&self, face: &Arc<FontFace>, glyph: u16) -> u16 {
        self.find(face)
            .remapper
            .get(glyph)
            .expect("every glyph drawn was registered")
    }

    /// The text the ToUnicode map gives a glyph: what it stood for where it was first drawn.
    pub fn mapped_text(&self, face: &Arc<FontFace>, glyph: u16) -> &str {
        self.find(face).texts.get(&glyph).map_or("", String::as_str)
    }

    /// The fonts as (resource name, object) for a resource dictionary.
    pub fn resources(&self) -> impl Iterator<Item = (&str, Ref)> {
        self.faces.iter().map(|f| (f.name.as_str(), f.font))
    }

    /// Gives every glyph `page` draws its code, before the page is painted (painting runs in
    /// parallel and only reads the codes). Pages are registered in order, so the codes, and the
    /// file, are the same on every run.
    pub fn register(&mut self, page: &Page, doc: &Document, alloc: &mut Alloc) {
        for op in display_list(page, &doc.fonts) {
            let Paint::Glyphs(run) = op.paint else {
                continue;
            };
            let face = doc.fonts.get(run.font);
            let slot = match self.faces.iter().position(|f| Arc::ptr_eq(&f.face, face)) {
                Some(i) => i,
                None => {
                    self.faces.push(EmbeddedFace {
                        face: face.clone(),
                        name: format!("F{}", self.faces.len() + 1),
                        font: alloc.next(),
                        remapper: subsetter::GlyphRemapper::new(),
                        texts: BTreeMap::new(),
                    });
                    self.faces.len() - 1
                }
            };
            let entry = &mut self.faces[slot];
            for g in run.glyphs {
                entry.remapper.remap(g.glyph);
                let text = &run.line.text[g.text.start as usize..g.text.end as usize];
                let known = entry.texts.entry(g.glyph).or_default();
                if known.is_empty() {
                    known.push_str(text);
                }
            }
        }
    }

    /// Subsets every face drawn (in parallel: subsetting a CJK face is the slow part) and
    /// writes its objects into `chunk`, the Type0 font as the object pages already name.
    pub fn write(self, chunk: &mut Chunk, alloc: &mut Alloc) -> Result<()> {
        let written: Vec<Result<Chunk>> = self.faces.par_iter().map(embed_one).collect();
        for (result, face) in written.into_iter().zip(&self.faces) {
            let part = result?;
            // Each face's objects were numbered from 1 on their own (the Type0 font first);
            // move them to fresh numbers, the font to the one numbered when it was first drawn.
            let mut map = BTreeMap::new();
            map.insert(TYPE0, face.font);
            let moved = part.renumber(|r| *map.entry(r).or_insert_with(|| alloc.next()));
            chunk.extend(&moved);
        }
        Ok(())
    }
}

/// The Type0 font's number in a face's own chunk.
const TYPE0: Ref = Ref::new(1);

/// The width the PDF gives a glyph, in thousandths of an em (truncated). The content stream
/// positions glyphs against exactly these numbers, so the two must come from one function.
pub fn width(face: &FontFace, glyph: u16) -> f64 {
    (face.advance(glyph) * 1000.0).trunc()
}

fn embed_one(entry: &EmbeddedFace) -> Result<Chunk> {
    let face = &entry.face;
    let remapper = &entry.remapper;
    let subset =
        crate::fonts::subset_as(face, remapper).map_err(|msg| Error::new(ErrorKind::Font, msg))?;
    // (code, original glyph) in code order: codes are dense from 0 in first-drawn order.
    let by_code: Vec<(u16, u16)> = remapper
        .remapped_gids()
        .enumerate()
        .map(|(code, g)| (code as u16, g))
        .collect();
    let mut gids: Vec<u16> = by_code.iter().map(|&(_, g)| g).collect();
    gids.sort_unstable();
    let base_font = format!(
        "{}+{}",
        subset_tag(&face.postscript_name, &gids),
        face.postscript_name
    );
    let mut chunk = Chunk::new();
    let mut ids = (1..).map(Ref::new);
    let mut next = || ids.next().expect("endless");
    let (type0, cid, descriptor, cmap, file) = (next(), next(), next(), next(), next());
    debug_assert_eq!(type0, TYPE0);

    let cff = face.is_cff();
    let program = if cff {
        cff_table(&subset).ok_or_else(|| {
            Error::new(
                ErrorKind::Font,
                crate::messages::msg::pdf_no_cff(&face.postscript_name).text,
            )
        })?
    } else {
        subset.as_slice()
    };
    let packed = deflate(program);
    let mut stream = chunk.stream(file, &packed);
    stream.filter(Filter::FlateDecode);
    if cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    } else {
        stream.pair(Name(b"Length1"), program.len() as i32);
    }
    stream.finish();

    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };
    chunk
        .type0_font(type0)
        .base_font(Name(base_font.as_bytes()))
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap);

    // Codes are the subset's glyph ids, dense from 0: one run of widths, in code order.
    let mut cid_font = chunk.cid_font(cid);
    cid_font
        .subtype(if cff {
            CidFontType::Type0
        } else {
            CidFontType::Type2
        })
        .base_font(Name(base_font.as_bytes()))
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(1000.0);
    if !cff {
        cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
    }
    {
        let mut widths = cid_font.widths();
        let mut i = 0;
        while i < by_code.len() {
            let mut j = i + 1;
            while j < by_code.len() && by_code[j].0 == by_code[j - 1].0 + 1 {
                j += 1;
            }
            widths.consecutive(
                by_code[i].0,
                by_code[i..j].iter().map(|&(_, g)| width(face, g) as f32),
            );
            i = j;
        }
    }
    cid_font.finish();

    let (flags, bbox, italic, ascent, descent, cap, stem) = descriptor_metrics(face);
    let mut d = chunk.font_descriptor(descriptor);
    d.name(Name(base_font.as_bytes()))
        .flags(flags)
        .bbox(bbox)
        .italic_angle(italic)
        .ascent(ascent)
        .descent(descent)
        .cap_height(cap)
        .stem_v(stem);
    if cff {
        d.font_file3(file);
    } else {
        d.font_file2(file);
    }
    d.finish();

    let mut map = UnicodeCmap::new(Name(b"Adobe-Identity-UCS"), system);
    for &(code, g) in &by_code {
        match entry.texts.get(&g) {
            Some(text) if !text.is_empty() => map.pair_with_multiple(code, text.chars()),
            // Drawn but standing for no text (the hyphen added at a hyphenation point): every
            // glyph drawn maps to Unicode (PDF/UA-1 7.21.7), here to the glyph's own character.
            Some(_) => {
                if let Some(c) = char_of(face, g) {
                    map.pair(code, c);
                }
            }
            None => {}
        }
    }
    let map = map.finish();
    let packed = deflate(map.as_slice());
    chunk.cmap(cmap, &packed).filter(Filter::FlateDecode);

    Ok(chunk)
}

/// The descriptor's numbers, in thousandths of an em: flags, bounding box, italic angle,
/// ascent, descent, cap height and an estimated stem width (no font table has one).
fn descriptor_metrics(face: &FontFace) -> (FontFlags, Rect, f32, f32, f32, f32, f32) {
    let f = face.face();
    let upm = face.units_per_em();
    let em = |v: f64| (v * 1000.0 / upm).round() as f32;
    let b = f.global_bounding_box();
    let bbox = Rect::new(
        em(b.x_min as f64),
        em(b.y_min as f64),
        em(b.x_max as f64),
        em(b.y_max as f64),
    );
    let italic = f.italic_angle();
    let ascent = em(f.ascender() as f64);
    let descent = em(f.descender() as f64);
    let cap = f
        .capital_height()
        .filter(|&c| c > 0)
        .map(|c| em(c as f64))
        .unwrap_or(ascent);
    // The conventional estimate from the weight class (~80 at 400, ~166 at 700).
    let weight = f.weight().to_number() as f32;
    let stem = 50.0 + (weight / 65.0).powi(2);
    // CJK faces hold glyphs outside the standard Latin set: symbolic (PDF 32000-1, 9.8.2).
    let mut flags = FontFlags::SYMBOLIC;
    if italic != 0.0 {
        flags |= FontFlags::ITALIC;
    }
    (flags, bbox, italic, ascent, descent, cap, stem.round())
}

/// The character a glyph draws, from the face's Unicode character maps: the smallest code point
/// that maps to it (a glyph drawn for more than one character, as `-` and U+2010 may share
/// one, is given the first).
fn char_of(face: &FontFace, glyph: u16) -> Option<char> {
    let id = ttf_parser::GlyphId(glyph);
    let mut best: Option<u32> = None;
    for table in face.face().tables().cmap?.subtables {
        if !table.is_unicode() {
            continue;
        }
        table.codepoints(|cp| {
            if best.is_none_or(|b| cp < b) && table.glyph_index(cp) == Some(id) {
                best = Some(cp);
            }
        });
    }
    best.and_then(char::from_u32)
}

/// The `CFF ` table of an OpenType file.
fn cff_table(otf: &[u8]) -> Option<&[u8]> {
    ttf_parser::RawFace::parse(otf, 0)
        .ok()?
        .table(ttf_parser::Tag::from_bytes(b"CFF "))
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
