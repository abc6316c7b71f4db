//! Fonts made at test time: a bundled font cut down to a few characters (with `subsetter`),
//! given the name records an office font has (Chinese and English, legacy and typographic),
//! a weight and an OS/2 fsType; and collections of such fonts (.ttc). Nothing non-free is
//! stored: the outlines come from the repository's own Noto (OFL) and Fandol (GPL) fonts.

use std::path::Path;

/// Windows language IDs.
pub const EN: u16 = 0x0409;
pub const ZH_CN: u16 = 0x0804;

/// One name record: name ID, Windows language ID, text. `gbk: true` stores it the way old
/// Chinese fonts do (Windows encoding 3, GBK bytes in 16-bit units) instead of UTF-16.
#[derive(Clone, Copy)]
pub struct Name<'a> {
    pub id: u16,
    pub lang: u16,
    pub text: &'a str,
    pub gbk: bool,
}

pub const fn name(id: u16, lang: u16, text: &str) -> Name<'_> {
    Name {
        id,
        lang,
        text,
        gbk: false,
    }
}

/// What to make.
pub struct Spec<'a> {
    /// A font file of the repository (`fonts/…`) the outlines come from.
    pub base: &'a str,
    /// The characters the font has.
    pub chars: &'a str,
    pub names: &'a [Name<'a>],
    pub weight: u16,
    pub fs_type: u16,
}

/// The bytes of a font made to `spec`.
pub fn make(spec: &Spec) -> Vec<u8> {
    let tables = tables(spec);
    let mut out = Vec::new();
    write_sfnt(&mut out, &tables, 0);
    out
}

/// A Noto Serif SC subset of `chars` whose only names are English: `family` (ID 1), `Regular`
/// (ID 2) and `postscript` (ID 6) — the plain face most tests need.
#[allow(dead_code)]
pub fn english(family: &str, postscript: &str, chars: &str) -> Vec<u8> {
    regular(
        "fonts/NotoSerifSC-Regular.ttf",
        chars,
        &[
            name(1, EN, family),
            name(2, EN, "Regular"),
            name(6, EN, postscript),
        ],
    )
}

/// A regular (weight 400) font with no embedding restriction.
pub fn regular(base: &str, chars: &str, names: &[Name]) -> Vec<u8> {
    make(&Spec {
        base,
        chars,
        names,
        weight: 400,
        fs_type: 0,
    })
}

/// A TrueType/OpenType collection of fonts made to `specs`, in that order.
pub fn collection(specs: &[Spec]) -> Vec<u8> {
    let fonts: Vec<Vec<(u32, Vec<u8>)>> = specs.iter().map(tables).collect();
    let header = 12 + 4 * fonts.len();
    let mut out = Vec::new();
    out.extend_from_slice(b"ttcf");
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&(fonts.len() as u32).to_be_bytes());
    out.resize(header, 0);
    for (i, tables) in fonts.iter().enumerate() {
        let at = out.len();
        out[12 + 4 * i..16 + 4 * i].copy_from_slice(&(at as u32).to_be_bytes());
        let mut font = Vec::new();
        write_sfnt(&mut font, tables, at);
        out.extend_from_slice(&font);
    }
    out
}

/// Writes `spec`'s font into `dir/file`.
pub fn write(dir: &Path, file: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    path
}

fn tag(t: &[u8; 4]) -> u32 {
    u32::from_be_bytes(*t)
}

/// The tables of the font: the subset's outlines and metrics, a new cmap, name and OS/2.
fn tables(spec: &Spec) -> Vec<(u32, Vec<u8>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(spec.base);
    let data = std::fs::read(&path).unwrap();
    let face = ttf_parser::Face::parse(&data, 0).unwrap();
    let mut map: Vec<(char, u16)> = spec
        .chars
        .chars()
        .map(|c| {
            (
                c,
                face.glyph_index(c).expect("base font lacks a character").0,
            )
        })
        .collect();
    map.sort();
    map.dedup();
    let mut glyphs: Vec<u16> = map.iter().map(|&(_, g)| g).chain([0]).collect();
    glyphs.sort();
    glyphs.dedup();
    let remapper = subsetter::GlyphRemapper::new_from_glyphs_sorted(&glyphs);
    let subset = subsetter::subset(&data, 0, &remapper).unwrap();
    let mut tables: Vec<(u32, Vec<u8>)> = read_tables(&subset)
        .into_iter()
        .filter(|(t, _)| ![tag(b"cmap"), tag(b"name"), tag(b"OS/2")].contains(t))
        .collect();
    let cmap: Vec<(u32, u16)> = map
        .iter()
        .map(|&(c, g)| (c as u32, remapper.get(g).unwrap()))
        .collect();
    tables.push((tag(b"cmap"), cmap_table(&cmap)));
    tables.push((tag(b"name"), name_table(spec.names)));
    let mut os2 = face
        .raw_face()
        .table(ttf_parser::Tag::from_bytes(b"OS/2"))
        .unwrap()
        .to_vec();
    os2[4..6].copy_from_slice(&spec.weight.to_be_bytes());
    os2[8..10].copy_from_slice(&spec.fs_type.to_be_bytes());
    tables.push((tag(b"OS/2"), os2));
    tables.sort_by_key(|(t, _)| *t);
    tables
}

/// The table directory of a plain sfnt: (tag, bytes) for each table, and its version first.
fn read_tables(font: &[u8]) -> Vec<(u32, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_be_bytes([font[i], font[i + 1]]);
    let u32_at = |i: usize| u32::from_be_bytes(font[i..i + 4].try_into().unwrap());
    let mut tables = vec![(0, font[0..4].to_vec())];
    for i in 0..u16_at(4) as usize {
        let rec = 12 + 16 * i;
        let (offset, len) = (u32_at(rec + 8) as usize, u32_at(rec + 12) as usize);
        tables.push((u32_at(rec), font[offset..offset + len].to_vec()));
    }
    tables
}

/// Writes an sfnt whose table offsets count from `base` (a face inside a collection).
fn write_sfnt(out: &mut Vec<u8>, tables: &[(u32, Vec<u8>)], base: usize) {
    let version = &tables.iter().find(|(t, _)| *t == 0).unwrap().1;
    let tables: Vec<&(u32, Vec<u8>)> = tables.iter().filter(|(t, _)| *t != 0).collect();
    let n = tables.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search_range = 16u16 << entry_selector;
    out.extend_from_slice(version);
    for v in [n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut offset = 12 + 16 * tables.len();
    let mut body = Vec::new();
    for (t, bytes) in &tables {
        let mut padded = bytes.clone();
        padded.resize(bytes.len().div_ceil(4) * 4, 0);
        let sum = padded.chunks(4).fold(0u32, |s, c| {
            s.wrapping_add(u32::from_be_bytes(c.try_into().unwrap()))
        });
        out.extend_from_slice(&t.to_be_bytes());
        out.extend_from_slice(&sum.to_be_bytes());
        out.extend_from_slice(&((base + offset) as u32).to_be_bytes());
        out.extend_from_slice(&(bytes.len() as u32).to_be_bytes());
        offset += padded.len();
        body.extend_from_slice(&padded);
    }
    out.extend_from_slice(&body);
}

/// A cmap with one format 12 subtable (Windows, UCS-4), one group per character.
fn cmap_table(map: &[(u32, u16)]) -> Vec<u8> {
    let mut t = Vec::new();
    for v in [0u16, 1, 3, 10] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    t.extend_from_slice(&12u32.to_be_bytes());
    let len = 16 + 12 * map.len() as u32;
    t.extend_from_slice(&12u16.to_be_bytes());
    t.extend_from_slice(&0u16.to_be_bytes());
    for v in [len, 0, map.len() as u32] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    for &(c, g) in map {
        for v in [c, c, u32::from(g)] {
            t.extend_from_slice(&v.to_be_bytes());
        }
    }
    t
}

/// A name table (format 0) holding `names` on the Windows platform.
fn name_table(names: &[Name]) -> Vec<u8> {
    let mut records = Vec::new();
    let mut strings = Vec::new();
    let mut sorted: Vec<&Name> = names.iter().collect();
    sorted.sort_by_key(|n| (if n.gbk { 3 } else { 1 }, n.lang, n.id));
    for n in &sorted {
        let bytes: Vec<u8> = if n.gbk {
            let (gbk, _, _) = encoding_rs::GBK.encode(n.text);
            let mut units = Vec::new();
            let mut i = 0;
            while i < gbk.len() {
                if gbk[i] < 0x80 {
                    units.extend_from_slice(&[0, gbk[i]]);
                    i += 1;
                } else {
                    units.extend_from_slice(&gbk[i..i + 2]);
                    i += 2;
                }
            }
            units
        } else {
            n.text.encode_utf16().flat_map(u16::to_be_bytes).collect()
        };
        for v in [
            3u16,
            if n.gbk { 3 } else { 1 },
            n.lang,
            n.id,
            bytes.len() as u16,
            strings.len() as u16,
        ] {
            records.extend_from_slice(&v.to_be_bytes());
        }
        strings.extend_from_slice(&bytes);
    }
    let mut t = Vec::new();
    for v in [0u16, names.len() as u16, 6 + records.len() as u16] {
        t.extend_from_slice(&v.to_be_bytes());
    }
    t.extend_from_slice(&records);
    t.extend_from_slice(&strings);
    t
}
