//! A small PDF inspector for integration tests.
//!
//! It loads a PDF with `lopdf`, replays each page's content stream through a
//! minimal graphics-state interpreter and reports what a reader would see:
//! every glyph (text via `/ToUnicode`, baseline origin, advance, font, size,
//! fill colour), every painted path (as axis-aligned bounding boxes), and
//! every image placement. Tests assert on typography using these numbers
//! instead of on raw content-stream bytes, so they survive harmless changes in
//! how the writer serialises operators.
//!
//! Coordinates are PDF page space: points, origin bottom-left, y up.
//!
//! Scope: what printpdf 0.12 writes (Type0 / Identity-H fonts, simple fonts as
//! a fallback, Flate streams, image and form XObjects). Anything the
//! inspector does not understand in a way that would make its numbers wrong
//! (unknown font encodings, undecodable streams, bad operands) panics with a
//! message starting `pdf_inspect:` — this is test code, a loud failure is
//! better than a silently wrong measurement.
#![allow(dead_code)]

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::process::Command;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

// ---------------------------------------------------------------------------
// Public data model
// ---------------------------------------------------------------------------

/// Everything the inspector extracted from one PDF file.
#[derive(Debug, Clone)]
pub struct PdfInfo {
    pub pages: Vec<PageInfo>,
    /// One entry per font dictionary in the file (Type0 fonts report their
    /// descendant's subtype; simple fonts report their own), ordered by object id.
    pub fonts: Vec<FontInfo>,
    /// The document Info dictionary, values decoded to text
    /// (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding).
    pub info: BTreeMap<String, String>,
    /// Every image XObject stream in the file (each object once, including
    /// `/SMask` images), ordered by object id.
    pub image_xobjects: Vec<ImageInfo>,
}

/// One page: its size (from the, possibly inherited, `/MediaBox`) and what is drawn on it.
#[derive(Debug, Clone)]
pub struct PageInfo {
    pub width: f64,
    pub height: f64,
    /// Glyphs in content-stream order (including invisible / clipping render modes).
    pub glyphs: Vec<Glyph>,
    /// Painted paths, one entry per subpath (see [`Rule`]).
    pub rules: Vec<Rule>,
    pub images: Vec<ImagePlacement>,
}

/// One shown glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Text from the font's `/ToUnicode` CMap; `"\u{FFFD}"` when the code is unmapped.
    pub text: String,
    /// The character code (for Identity-H fonts this is the CID).
    pub cid: u16,
    /// Baseline origin in page space, after the text rendering matrix
    /// (Tf size, Tz, Ts, Tm) and the CTM.
    pub x: f64,
    pub y: f64,
    /// The glyph's own advance (`/W` or `/DW` width × font size × Tz), measured
    /// in page space along the baseline. Character spacing (Tc) is *not*
    /// included: it is space between glyphs, not part of the glyph.
    pub advance: f64,
    /// `/BaseFont` of the font selected with Tf, e.g. `ABCDEF+NotoSerifSC-Regular`.
    pub font: String,
    /// Effective font size in page space: Tf size × vertical scale of Tm × CTM.
    pub size: f64,
    pub fill: Color,
    /// Text rendering mode (Tr): 0 fill, 1 stroke, 2 fill+stroke, 3 invisible, …
    pub render_mode: i32,
    /// Current line width scaled to page space (relevant for render modes 1, 2, 5, 6).
    pub stroke_width: f64,
}

/// One painted subpath, reduced to its axis-aligned bounding box in page space.
///
/// A path with several subpaths (`m … l … m … l … S`, or several `re` before
/// one `f`) yields one `Rule` per subpath, so each drawn line / rectangle can
/// be checked on its own. The box is the path geometry only (for strokes it is
/// not widened by the line width; curve control points are included, which
/// only matters for curves). Fill-and-stroke operators (`B`, `b`, …) yield a
/// filled rule followed by a stroked rule for the same subpath.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Line width in page space (`w` × CTM scale) for strokes, 0 for fills.
    pub width: f64,
    /// Stroke colour for strokes, fill colour for fills.
    pub color: Color,
    pub filled: bool,
}

/// An image XObject painted with `Do` (or an inline image, named `"inline"`):
/// the bounding box of the unit square under the CTM at that moment.
#[derive(Debug, Clone, PartialEq)]
pub struct ImagePlacement {
    /// Resource name used with `Do`, e.g. `"X1"`.
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// An image XObject stream as stored in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageInfo {
    pub object_id: (u32, u16),
    pub width: i64,
    pub height: i64,
    /// `/Filter` name; several filters are joined with a space.
    pub filter: Option<String>,
    /// Length of the stored (still encoded) stream data.
    pub stream_len: usize,
    /// `/ColorSpace`: its name (`DeviceRGB`), or an array's family (`ICCBased`, `Indexed`).
    pub color_space: String,
    /// The ICC profile of an `ICCBased` colour space, decoded.
    pub icc: Option<Vec<u8>>,
    /// The object that profile is stored in (two images may share it).
    pub icc_object: Option<(u32, u16)>,
}

/// A font dictionary as stored in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct FontInfo {
    pub base_font: String,
    /// Descendant subtype for Type0 fonts (`CIDFontType2` / `CIDFontType0`),
    /// otherwise the font's own subtype (`Type1`, `TrueType`, …).
    pub subtype: String,
    /// Decoded length of the FontFile / FontFile2 / FontFile3 stream, 0 if not embedded.
    pub embedded_program_len: usize,
    /// Number of distinct codes given an explicit width (`/W` for CID fonts, `/Widths` otherwise).
    pub glyph_count_in_w: usize,
    pub has_to_unicode: bool,
}

/// A colour as set by `g`/`rg`/`k` (or their stroking / `sc` forms).
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Color {
    Gray(f64),
    Rgb(f64, f64, f64),
    Cmyk(f64, f64, f64, f64),
}

/// Glyphs that share a baseline (see [`PageInfo::lines`]).
#[derive(Debug, Clone)]
pub struct TextLine {
    /// Baseline y of the line's highest glyph.
    pub y: f64,
    /// Sorted left to right.
    pub glyphs: Vec<Glyph>,
}

// ---------------------------------------------------------------------------
// Public entry points
// ---------------------------------------------------------------------------

/// Inspect a PDF held in memory. Panics with a `pdf_inspect:` message on malformed input.
pub fn inspect(bytes: &[u8]) -> PdfInfo {
    let doc = Document::load_mem(bytes)
        .unwrap_or_else(|e| panic!("pdf_inspect: cannot parse PDF ({} bytes): {e}", bytes.len()));
    let mut fonts = FontCache::default();
    let pages = doc
        .get_pages()
        .values()
        .map(|&page_id| inspect_page(&doc, page_id, &mut fonts))
        .collect();
    PdfInfo {
        pages,
        fonts: collect_fonts(&doc),
        info: read_info(&doc),
        image_xobjects: collect_images(&doc),
    }
}

/// Inspect a PDF file. Panics if it cannot be read or parsed.
pub fn inspect_file(path: &Path) -> PdfInfo {
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("pdf_inspect: cannot read {}: {e}", path.display()));
    inspect(&bytes)
}

/// Run poppler's `pdftotext -enc UTF-8 FILE -` and return its output, or
/// `None` when `pdftotext` is not installed (so callers can skip). Panics if
/// it runs but fails: that means the PDF is broken for a real reader.
pub fn pdftotext(path: &Path) -> Option<String> {
    let output = match Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(path)
        .arg("-")
        .output()
    {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => panic!("pdf_inspect: cannot run pdftotext: {e}"),
    };
    assert!(
        output.status.success(),
        "pdf_inspect: pdftotext failed on {} ({}): {}",
        path.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).expect("pdf_inspect: pdftotext printed invalid UTF-8"))
}

impl PageInfo {
    /// Glyphs grouped into lines: same baseline y (within 0.5 pt of the
    /// line's first, highest glyph), lines sorted top-to-bottom, glyphs
    /// left-to-right (content order is kept for glyphs at equal x).
    pub fn lines(&self) -> Vec<TextLine> {
        let mut by_height = self.glyphs.clone();
        by_height.sort_by(|a, b| b.y.total_cmp(&a.y)); // stable: keeps content order on ties
        let mut lines: Vec<TextLine> = Vec::new();
        for glyph in by_height {
            match lines.last_mut() {
                Some(line) if (line.y - glyph.y).abs() <= 0.5 => line.glyphs.push(glyph),
                _ => lines.push(TextLine {
                    y: glyph.y,
                    glyphs: vec![glyph],
                }),
            }
        }
        for line in &mut lines {
            line.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
        }
        lines
    }

    /// The page's text: [`lines`](Self::lines) joined with `'\n'`, glyph texts
    /// concatenated with no inferred spaces.
    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(TextLine::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

impl TextLine {
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }

    /// x of the leftmost glyph's origin.
    pub fn left(&self) -> f64 {
        self.glyphs.first().expect("pdf_inspect: empty TextLine").x
    }

    /// x + advance of the rightmost glyph.
    pub fn right(&self) -> f64 {
        let last = self.glyphs.last().expect("pdf_inspect: empty TextLine");
        last.x + last.advance
    }
}

// ---------------------------------------------------------------------------
// Object helpers
// ---------------------------------------------------------------------------

/// Follow references until a direct object.
fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    doc.dereference(obj)
        .unwrap_or_else(|e| panic!("pdf_inspect: dangling reference {obj:?}: {e}"))
        .1
}

/// `dict[key]` with references followed; `None` if absent.
fn get<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    dict.get(key).ok().map(|o| resolve(doc, o))
}

fn get_dict<'a>(doc: &'a Document, dict: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    get(doc, dict, key).map(|o| {
        o.as_dict().unwrap_or_else(|_| {
            panic!(
                "pdf_inspect: /{} is not a dictionary: {o:?}",
                String::from_utf8_lossy(key)
            )
        })
    })
}

fn get_name(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    get(doc, dict, key)
        .and_then(|o| o.as_name().ok())
        .map(name_string)
}

/// A PDF text string (the Info dictionary's, an outline title, /Lang): UTF-16BE after a byte
/// order mark, else PDFDocEncoding read as ASCII/UTF-8.
pub fn text_string(o: &Object) -> String {
    let Object::String(b, _) = o else {
        panic!("pdf_inspect: not a string: {o:?}")
    };
    if b.starts_with(&[0xFE, 0xFF]) {
        utf16be(&b[2..])
    } else {
        String::from_utf8(b.clone()).unwrap()
    }
}

fn name_string(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A PDF number (integer or real) as f64.
fn num(obj: &Object) -> f64 {
    match obj {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        other => panic!("pdf_inspect: expected a number, found {other:?}"),
    }
}

/// Numeric operands of `op`, panicking unless there are at least `n`.
fn operands(op: &Operation, n: usize) -> Vec<f64> {
    assert!(
        op.operands.len() >= n,
        "pdf_inspect: operator {} needs {n} operands, got {:?}",
        op.operator,
        op.operands
    );
    op.operands[op.operands.len() - n..]
        .iter()
        .map(num)
        .collect()
}

/// An inheritable page attribute (`/Resources`, `/MediaBox`): the nearest
/// definition walking up the page tree wins (they are not merged).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut node = page;
    for _ in 0..64 {
        if let Some(value) = get(doc, node, key) {
            return Some(value);
        }
        node = get_dict(doc, node, b"Parent")?;
    }
    panic!("pdf_inspect: page tree too deep (cycle?)");
}

/// Decoded data of a stream object, panicking if a filter fails.
fn stream_data(obj: &Object, what: &str) -> Vec<u8> {
    let stream = obj
        .as_stream()
        .unwrap_or_else(|_| panic!("pdf_inspect: {what} is not a stream: {obj:?}"));
    stream
        .get_plain_content()
        .unwrap_or_else(|e| panic!("pdf_inspect: cannot decode {what} stream: {e}"))
}

fn decode_content(data: &[u8], what: &str) -> Vec<Operation> {
    Content::decode_strict(data)
        .unwrap_or_else(|e| panic!("pdf_inspect: cannot parse {what} content stream: {e}"))
        .operations
}

// ---------------------------------------------------------------------------
// Matrices
// ---------------------------------------------------------------------------

/// A PDF transformation matrix `[a b c d e f]`, row-vector convention:
/// a point maps as `[x y 1] × M`.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(op: &Operation) -> Matrix {
        let v = operands(op, 6);
        Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
    }

    fn from_array(doc: &Document, obj: &Object) -> Matrix {
        let items = obj
            .as_array()
            .expect("pdf_inspect: /Matrix is not an array");
        assert_eq!(items.len(), 6, "pdf_inspect: /Matrix needs 6 numbers");
        let v: Vec<f64> = items.iter().map(|o| num(resolve(doc, o))).collect();
        Matrix([v[0], v[1], v[2], v[3], v[4], v[5]])
    }

    /// `self × next`: transform by `self` first, then by `next`
    /// (so `cm` is `M.then(ctm)` and the text rendering matrix is `… .then(tm).then(ctm)`).
    fn then(self, next: Matrix) -> Matrix {
        let [a1, b1, c1, d1, e1, f1] = self.0;
        let [a2, b2, c2, d2, e2, f2] = next.0;
        Matrix([
            a1 * a2 + b1 * c2,
            a1 * b2 + b1 * d2,
            c1 * a2 + d1 * c2,
            c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2,
            e1 * b2 + f1 * d2 + f2,
        ])
    }

    fn apply(self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    /// Length of the image of the unit x vector (scale along the baseline).
    fn x_scale(self) -> f64 {
        self.0[0].hypot(self.0[1])
    }

    /// Length of the image of the unit y vector (scale of glyph height).
    fn y_scale(self) -> f64 {
        self.0[2].hypot(self.0[3])
    }

    /// Scale for line widths: sqrt(|det|), exact for uniform scaling.
    fn line_scale(self) -> f64 {
        (self.0[0] * self.0[3] - self.0[1] * self.0[2]).abs().sqrt()
    }
}

// ---------------------------------------------------------------------------
// Fonts
// ---------------------------------------------------------------------------

/// What the interpreter needs from a font: how to split strings into codes,
/// each code's width (glyph space, 1/1000 em) and its Unicode text.
#[derive(Debug)]
struct LoadedFont {
    base_font: String,
    /// Identity-H composite font: 2-byte codes. Otherwise a simple font: 1-byte codes.
    two_byte: bool,
    widths: HashMap<u32, f64>,
    default_width: f64,
    to_unicode: HashMap<u32, String>,
}

impl LoadedFont {
    fn load(doc: &Document, font: &Dictionary) -> LoadedFont {
        let subtype = get_name(doc, font, b"Subtype").unwrap_or_default();
        let base_font = get_name(doc, font, b"BaseFont").unwrap_or_default();
        let to_unicode = get(doc, font, b"ToUnicode")
            .filter(|o| o.as_stream().is_ok())
            .map(|o| parse_to_unicode(&stream_data(o, "ToUnicode")))
            .unwrap_or_default();
        if subtype == "Type0" {
            let encoding = get_name(doc, font, b"Encoding");
            assert_eq!(
                encoding.as_deref(),
                Some("Identity-H"),
                "pdf_inspect: font {base_font}: only /Encoding /Identity-H is supported"
            );
            let cid_font = descendant(doc, font);
            LoadedFont {
                base_font,
                two_byte: true,
                widths: get(doc, cid_font, b"W")
                    .map(|w| parse_cid_widths(doc, w))
                    .unwrap_or_default(),
                default_width: get(doc, cid_font, b"DW").map(num).unwrap_or(1000.0),
                to_unicode,
            }
        } else {
            LoadedFont {
                base_font,
                two_byte: false,
                widths: simple_widths(doc, font),
                default_width: get_dict(doc, font, b"FontDescriptor")
                    .and_then(|fd| get(doc, fd, b"MissingWidth"))
                    .map(num)
                    .unwrap_or(0.0),
                to_unicode,
            }
        }
    }

    fn codes(&self, bytes: &[u8]) -> Vec<u32> {
        if self.two_byte {
            assert!(
                bytes.len().is_multiple_of(2),
                "pdf_inspect: odd-length string {bytes:02X?} shown with 2-byte font {}",
                self.base_font
            );
            bytes
                .chunks(2)
                .map(|c| u32::from(c[0]) << 8 | u32::from(c[1]))
                .collect()
        } else {
            bytes.iter().map(|&b| u32::from(b)).collect()
        }
    }

    /// Width in glyph space (thousandths of text space units).
    fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }

    /// Unicode text of a code: ToUnicode, else Latin-1 for simple fonts, else U+FFFD.
    fn text(&self, code: u32) -> String {
        if let Some(text) = self.to_unicode.get(&code) {
            return text.clone();
        }
        if !self.two_byte {
            if let Some(c) = char::from_u32(code) {
                return c.to_string();
            }
        }
        "\u{FFFD}".to_string()
    }
}

/// The single CIDFont of a Type0 font (`/DescendantFonts`, often an inline dictionary).
fn descendant<'a>(doc: &'a Document, type0: &'a Dictionary) -> &'a Dictionary {
    let descendants = get(doc, type0, b"DescendantFonts")
        .and_then(|o| o.as_array().ok())
        .expect("pdf_inspect: Type0 font without /DescendantFonts array");
    let first = descendants
        .first()
        .expect("pdf_inspect: empty /DescendantFonts");
    resolve(doc, first)
        .as_dict()
        .expect("pdf_inspect: descendant font is not a dictionary")
}

/// Decode a CIDFont `/W` array. Both forms are allowed and may be mixed:
/// `c [w1 w2 …]` (consecutive codes from c) and `cfirst clast w` (one width for a range).
/// If a code appears twice the first entry wins.
fn parse_cid_widths(doc: &Document, w: &Object) -> HashMap<u32, f64> {
    let items = w.as_array().expect("pdf_inspect: /W is not an array");
    let int = |o: &Object| -> u32 {
        match resolve(doc, o) {
            Object::Integer(i) if (0..=0xFFFF).contains(i) => *i as u32,
            other => panic!("pdf_inspect: bad CID in /W: {other:?}"),
        }
    };
    let mut widths = HashMap::new();
    let mut i = 0;
    while i < items.len() {
        let first = int(&items[i]);
        let next = resolve(
            doc,
            items.get(i + 1).expect("pdf_inspect: truncated /W array"),
        );
        if let Object::Array(list) = next {
            for (k, width) in list.iter().enumerate() {
                widths
                    .entry(first + k as u32)
                    .or_insert_with(|| num(resolve(doc, width)));
            }
            i += 2;
        } else {
            let last = int(next);
            let width = num(resolve(
                doc,
                items.get(i + 2).expect("pdf_inspect: truncated /W range"),
            ));
            for code in first..=last {
                widths.entry(code).or_insert(width);
            }
            i += 3;
        }
    }
    widths
}

/// `/FirstChar` + `/Widths` of a simple font.
fn simple_widths(doc: &Document, font: &Dictionary) -> HashMap<u32, f64> {
    let (Some(first), Some(Object::Array(list))) =
        (get(doc, font, b"FirstChar"), get(doc, font, b"Widths"))
    else {
        return HashMap::new();
    };
    let first = num(first) as u32;
    list.iter()
        .enumerate()
        .map(|(k, w)| (first + k as u32, num(resolve(doc, w))))
        .collect()
}

/// Fonts are loaded once per font object (inline font dictionaries each time they are selected).
#[derive(Default)]
struct FontCache {
    by_id: HashMap<ObjectId, Rc<LoadedFont>>,
}

impl FontCache {
    /// The font named `name` in the `/Font` resources.
    fn lookup(
        &mut self,
        doc: &Document,
        resources: Option<&Dictionary>,
        name: &[u8],
    ) -> Rc<LoadedFont> {
        let entry = resources
            .and_then(|r| get_dict(doc, r, b"Font"))
            .and_then(|fonts| fonts.get(name).ok())
            .unwrap_or_else(|| panic!("pdf_inspect: font /{} not in resources", name_string(name)));
        let load = |obj: &Object| {
            let dict = resolve(doc, obj)
                .as_dict()
                .expect("pdf_inspect: font is not a dictionary");
            Rc::new(LoadedFont::load(doc, dict))
        };
        match entry {
            Object::Reference(id) => self.by_id.entry(*id).or_insert_with(|| load(entry)).clone(),
            inline => load(inline),
        }
    }
}

// ---------------------------------------------------------------------------
// ToUnicode CMaps
// ---------------------------------------------------------------------------

#[derive(Debug, PartialEq)]
enum CmapToken {
    Hex(Vec<u8>),
    ArrayStart,
    ArrayEnd,
    Word(String),
}

/// Tokenize a CMap just enough for bfchar / bfrange: hex strings, arrays and
/// bare words; comments, literal strings and dictionary brackets are skipped.
fn tokenize_cmap(data: &[u8]) -> Vec<CmapToken> {
    let mut tokens = Vec::new();
    let mut i = 0;
    let is_delim = |c: u8| c.is_ascii_whitespace() || b"<>[]{}()/%".contains(&c);
    while i < data.len() {
        let c = data[i];
        match c {
            _ if c.is_ascii_whitespace() => i += 1,
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..].iter().position(|&b| b == b'>').map(|p| i + p);
                let end = end.expect("pdf_inspect: unterminated hex string in CMap");
                tokens.push(CmapToken::Hex(decode_hex(&data[i + 1..end])));
                i = end + 1;
            }
            b'[' => {
                tokens.push(CmapToken::ArrayStart);
                i += 1;
            }
            b']' => {
                tokens.push(CmapToken::ArrayEnd);
                i += 1;
            }
            b'(' => i = skip_literal_string(data, i),
            _ => {
                let start = i;
                i += 1;
                while i < data.len() && !is_delim(data[i]) {
                    i += 1;
                }
                tokens.push(CmapToken::Word(name_string(&data[start..i])));
            }
        }
    }
    tokens
}

/// Index just past a `( … )` literal string starting at `start` (nesting and escapes honoured).
fn skip_literal_string(data: &[u8], start: usize) -> usize {
    let mut depth = 0;
    let mut i = start;
    while i < data.len() {
        match data[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    data.len()
}

/// Hex digits (whitespace ignored, odd count padded with 0 as the spec says) to bytes.
fn decode_hex(hex: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = hex
        .iter()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|&c| {
            (c as char)
                .to_digit(16)
                .unwrap_or_else(|| panic!("pdf_inspect: bad hex digit {:?}", c as char))
                as u8
        })
        .collect();
    digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

/// Source code bytes as a big-endian integer.
fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |acc, &b| acc << 8 | u32::from(b))
}

/// UTF-16BE bytes to text; surrogate pairs combine, lone surrogates become U+FFFD.
fn utf16be(bytes: &[u8]) -> String {
    let units = bytes
        .chunks(2)
        .map(|c| u16::from(c[0]) << 8 | u16::from(c.get(1).copied().unwrap_or(0)));
    char::decode_utf16(units)
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

/// Parse the `bfchar` and `bfrange` sections of a ToUnicode CMap into code → text.
/// Range destinations are either one UTF-16BE string whose last code unit is
/// incremented along the range, or an array with one string per code.
fn parse_to_unicode(data: &[u8]) -> HashMap<u32, String> {
    let tokens = tokenize_cmap(data);
    let mut map = HashMap::new();
    let mut i = 0;
    let hex_at = |i: usize| match tokens.get(i) {
        Some(CmapToken::Hex(bytes)) => bytes,
        other => panic!("pdf_inspect: ToUnicode: expected hex string, found {other:?}"),
    };
    let is_word = |i: usize, w: &str| matches!(tokens.get(i), Some(CmapToken::Word(x)) if x == w);
    while i < tokens.len() {
        if is_word(i, "beginbfchar") {
            i += 1;
            while !is_word(i, "endbfchar") {
                let code = code_of(hex_at(i));
                // A destination may also be a glyph name (/space); that maps to nothing we can use.
                if let Some(CmapToken::Hex(dst)) = tokens.get(i + 1) {
                    map.insert(code, utf16be(dst));
                }
                i += 2;
            }
        } else if is_word(i, "beginbfrange") {
            i += 1;
            while !is_word(i, "endbfrange") {
                let lo = code_of(hex_at(i));
                let hi = code_of(hex_at(i + 1));
                assert!(
                    lo <= hi && hi - lo <= 0xFFFF,
                    "pdf_inspect: ToUnicode: bad bfrange {lo:X}..{hi:X}"
                );
                i += 2;
                if tokens.get(i) == Some(&CmapToken::ArrayStart) {
                    i += 1;
                    let mut code = lo;
                    while tokens.get(i) != Some(&CmapToken::ArrayEnd) {
                        map.insert(code, utf16be(hex_at(i)));
                        code += 1;
                        i += 1;
                    }
                    i += 1;
                } else {
                    let dst = hex_at(i);
                    for code in lo..=hi {
                        map.insert(code, utf16be(&increment_last_unit(dst, code - lo)));
                    }
                    i += 1;
                }
            }
        }
        i += 1;
    }
    map
}

/// `dst` (UTF-16BE) with its last 16-bit unit increased by `by`.
fn increment_last_unit(dst: &[u8], by: u32) -> Vec<u8> {
    let mut out = dst.to_vec();
    if out.len() >= 2 {
        let n = out.len();
        let unit = (u32::from(out[n - 2]) << 8 | u32::from(out[n - 1])) + by;
        out[n - 2] = (unit >> 8) as u8;
        out[n - 1] = unit as u8;
    }
    out
}

// ---------------------------------------------------------------------------
// Content stream interpreter
// ---------------------------------------------------------------------------

/// The parts of the PDF graphics state that affect what we report.
/// Text state lives here too because `q`/`Q` save and restore it.
#[derive(Clone)]
struct GraphicsState {
    ctm: Matrix,
    fill: Color,
    stroke: Color,
    line_width: f64,
    font: Option<Rc<LoadedFont>>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    /// Tz / 100.
    h_scale: f64,
    leading: f64,
    rise: f64,
    render_mode: i32,
}

impl Default for GraphicsState {
    fn default() -> Self {
        GraphicsState {
            ctm: Matrix::IDENTITY,
            fill: Color::Gray(0.0),
            stroke: Color::Gray(0.0),
            line_width: 1.0,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render_mode: 0,
        }
    }
}

/// A subpath under construction, already in page space.
struct Subpath {
    points: Vec<(f64, f64)>,
    closed: bool,
}

/// Nesting limit for form XObjects (guards against reference cycles).
const MAX_FORM_DEPTH: usize = 16;

struct Interpreter<'d, 'f> {
    doc: &'d Document,
    fonts: &'f mut FontCache,
    gs: GraphicsState,
    saved: Vec<GraphicsState>,
    /// Text matrix and text line matrix (only meaningful inside BT … ET).
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Subpath>,
    /// Current point in user space (needed to restart a subpath after `h`).
    subpath_start_user: (f64, f64),
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    images: Vec<ImagePlacement>,
}

fn inspect_page(doc: &Document, page_id: ObjectId, fonts: &mut FontCache) -> PageInfo {
    let page = doc
        .get_dictionary(page_id)
        .expect("pdf_inspect: page is not a dictionary");
    let media_box: Vec<f64> = inherited(doc, page, b"MediaBox")
        .and_then(|o| o.as_array().ok())
        .expect("pdf_inspect: page has no /MediaBox")
        .iter()
        .map(|o| num(resolve(doc, o)))
        .collect();
    assert_eq!(media_box.len(), 4, "pdf_inspect: /MediaBox needs 4 numbers");
    let resources = inherited(doc, page, b"Resources").map(|o| {
        o.as_dict()
            .expect("pdf_inspect: /Resources is not a dictionary")
    });

    let mut interp = Interpreter {
        doc,
        fonts,
        gs: GraphicsState::default(),
        saved: Vec::new(),
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        path: Vec::new(),
        subpath_start_user: (0.0, 0.0),
        glyphs: Vec::new(),
        rules: Vec::new(),
        images: Vec::new(),
    };
    let ops = decode_content(&page_content(doc, page_id), "page");
    interp.run(&ops, resources, 0);
    PageInfo {
        width: (media_box[2] - media_box[0]).abs(),
        height: (media_box[3] - media_box[1]).abs(),
        glyphs: interp.glyphs,
        rules: interp.rules,
        images: interp.images,
    }
}

/// The page's content: one stream or an array of streams, concatenated with
/// newlines (operators may be split across streams, so they are parsed as one).
fn page_content(doc: &Document, page_id: ObjectId) -> Vec<u8> {
    let mut content = Vec::new();
    for id in doc.get_page_contents(page_id) {
        let obj = doc
            .get_object(id)
            .unwrap_or_else(|e| panic!("pdf_inspect: content {id:?}: {e}"));
        content.extend(stream_data(obj, "page content"));
        content.push(b'\n');
    }
    content
}

impl<'d> Interpreter<'d, '_> {
    fn run(&mut self, ops: &[Operation], resources: Option<&'d Dictionary>, depth: usize) {
        for op in ops {
            self.execute(op, resources, depth);
        }
    }

    fn execute(&mut self, op: &Operation, resources: Option<&'d Dictionary>, depth: usize) {
        match op.operator.as_str() {
            // Graphics state
            "q" => self.saved.push(self.gs.clone()),
            "Q" => self.gs = self.saved.pop().expect("pdf_inspect: Q without matching q"),
            "cm" => self.gs.ctm = Matrix::from_operands(op).then(self.gs.ctm),
            "w" => self.gs.line_width = operands(op, 1)[0],
            "gs" => self.apply_ext_gstate(op, resources),
            // Colours
            "g" | "rg" | "k" | "sc" | "scn" => {
                if let Some(c) = color_from(op) {
                    self.gs.fill = c;
                }
            }
            "G" | "RG" | "K" | "SC" | "SCN" => {
                if let Some(c) = color_from(op) {
                    self.gs.stroke = c;
                }
            }
            "cs" => {
                if let Some(c) = initial_color(op) {
                    self.gs.fill = c;
                }
            }
            "CS" => {
                if let Some(c) = initial_color(op) {
                    self.gs.stroke = c;
                }
            }
            // Path construction and painting
            "m" | "l" | "c" | "v" | "y" | "h" | "re" => self.build_path(op),
            "S" => self.paint(false, true),
            "s" => {
                self.close_subpath();
                self.paint(false, true);
            }
            "f" | "F" | "f*" => self.paint(true, false),
            "B" | "B*" => self.paint(true, true),
            "b" | "b*" => {
                self.close_subpath();
                self.paint(true, true);
            }
            "n" => self.path.clear(),
            // Text objects and state
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "ET" => {}
            "Tf" => self.set_font(op, resources),
            "Tc" => self.gs.char_spacing = operands(op, 1)[0],
            "Tw" => self.gs.word_spacing = operands(op, 1)[0],
            "Tz" => self.gs.h_scale = operands(op, 1)[0] / 100.0,
            "TL" => self.gs.leading = operands(op, 1)[0],
            "Ts" => self.gs.rise = operands(op, 1)[0],
            "Tr" => self.gs.render_mode = operands(op, 1)[0] as i32,
            // Text positioning
            "Td" => {
                let v = operands(op, 2);
                self.next_line(v[0], v[1]);
            }
            "TD" => {
                let v = operands(op, 2);
                self.gs.leading = -v[1];
                self.next_line(v[0], v[1]);
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "Tm" => {
                self.tm = Matrix::from_operands(op);
                self.tlm = self.tm;
            }
            // Text showing
            "Tj" => self.show_string(string_operand(op, 0)),
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_string(string_operand(op, 0));
            }
            "\"" => {
                assert!(
                    op.operands.len() == 3,
                    "pdf_inspect: \" needs 3 operands: {:?}",
                    op.operands
                );
                self.gs.word_spacing = num(&op.operands[0]);
                self.gs.char_spacing = num(&op.operands[1]);
                self.next_line(0.0, -self.gs.leading);
                self.show_string(string_operand(op, 2));
            }
            "TJ" => self.show_array(op),
            // XObjects and inline images
            "Do" => self.do_xobject(op, resources, depth),
            "BI" => self.place_image("inline".to_string()),
            _ => {} // marked content, dash/join/cap, shading, compatibility, …
        }
    }

    // ----- text -----

    fn set_font(&mut self, op: &Operation, resources: Option<&'d Dictionary>) {
        let name = op
            .operands
            .first()
            .and_then(|o| o.as_name().ok())
            .unwrap_or_else(|| panic!("pdf_inspect: Tf without font name: {:?}", op.operands));
        self.gs.font = Some(self.fonts.lookup(self.doc, resources, name));
        self.gs.font_size = operands(op, 1)[0];
    }

    /// Td semantics: move to the start of the next line, offset from the current *line* start.
    fn next_line(&mut self, tx: f64, ty: f64) {
        self.tlm = Matrix::translate(tx, ty).then(self.tlm);
        self.tm = self.tlm;
    }

    fn show_array(&mut self, op: &Operation) {
        let items = op
            .operands
            .first()
            .and_then(|o| o.as_array().ok())
            .unwrap_or_else(|| panic!("pdf_inspect: TJ without array: {:?}", op.operands));
        for item in items {
            match item {
                Object::String(bytes, _) => self.show_string(bytes),
                // Adjustments are in thousandths of text space; negative moves right.
                number => {
                    let tx = -num(number) / 1000.0 * self.gs.font_size * self.gs.h_scale;
                    self.tm = Matrix::translate(tx, 0.0).then(self.tm);
                }
            }
        }
    }

    /// Emit one glyph per code, advancing Tm by (w0/1000 × Tfs + Tc [+ Tw]) × Th each time.
    fn show_string(&mut self, bytes: &[u8]) {
        let font = self
            .gs
            .font
            .clone()
            .expect("pdf_inspect: text shown before Tf");
        for code in font.codes(bytes) {
            let w0 = font.width(code) / 1000.0;
            self.emit_glyph(&font, code, w0);
            // Word spacing applies only to the single-byte code 32, never to Identity-H codes.
            let tw = if !font.two_byte && code == 32 {
                self.gs.word_spacing
            } else {
                0.0
            };
            let tx = (w0 * self.gs.font_size + self.gs.char_spacing + tw) * self.gs.h_scale;
            self.tm = Matrix::translate(tx, 0.0).then(self.tm);
        }
    }

    fn emit_glyph(&mut self, font: &LoadedFont, code: u32, w0: f64) {
        let gs = &self.gs;
        let text_to_page = self.tm.then(gs.ctm);
        // Text rendering matrix: [Tfs×Th 0 0 Tfs 0 Ts] × Tm × CTM; the glyph origin is its translation.
        let trm = Matrix([
            gs.font_size * gs.h_scale,
            0.0,
            0.0,
            gs.font_size,
            0.0,
            gs.rise,
        ])
        .then(text_to_page);
        self.glyphs.push(Glyph {
            text: font.text(code),
            cid: code as u16,
            x: trm.0[4],
            y: trm.0[5],
            advance: w0 * gs.font_size * gs.h_scale * text_to_page.x_scale(),
            font: font.base_font.clone(),
            size: gs.font_size * text_to_page.y_scale(),
            fill: gs.fill,
            render_mode: gs.render_mode,
            stroke_width: gs.line_width * gs.ctm.line_scale(),
        });
    }

    // ----- paths -----

    fn build_path(&mut self, op: &Operation) {
        let ctm = self.gs.ctm;
        match op.operator.as_str() {
            "m" => {
                let v = operands(op, 2);
                self.subpath_start_user = (v[0], v[1]);
                self.path.push(Subpath {
                    points: vec![ctm.apply(v[0], v[1])],
                    closed: false,
                });
            }
            "re" => {
                let v = operands(op, 4);
                let (x, y, w, h) = (v[0], v[1], v[2], v[3]);
                let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                self.path.push(Subpath {
                    points: corners.iter().map(|&(px, py)| ctm.apply(px, py)).collect(),
                    closed: true,
                });
                self.subpath_start_user = (x, y);
            }
            "h" => self.close_subpath(),
            // l, c, v, y: every operand pair is a point (endpoint or control point).
            other => {
                let count = match other {
                    "l" => 2,
                    "c" => 6,
                    _ => 4,
                };
                let v = operands(op, count);
                for pair in v.chunks(2) {
                    self.line_to(ctm.apply(pair[0], pair[1]));
                }
            }
        }
    }

    /// Append a point; after `h` (or without `m`) a new subpath starts at the last start point.
    fn line_to(&mut self, point: (f64, f64)) {
        let needs_new = !matches!(self.path.last(), Some(sp) if !sp.closed);
        if needs_new {
            let (sx, sy) = self.subpath_start_user;
            let start = self.gs.ctm.apply(sx, sy);
            self.path.push(Subpath {
                points: vec![start],
                closed: false,
            });
        }
        self.path.last_mut().unwrap().points.push(point);
    }

    fn close_subpath(&mut self) {
        if let Some(sp) = self.path.last_mut() {
            sp.closed = true;
        }
    }

    /// Turn each subpath of the current path into a [`Rule`] and clear the path.
    /// A lone `m` paints nothing and is skipped.
    fn paint(&mut self, fill: bool, stroke: bool) {
        let width = self.gs.line_width * self.gs.ctm.line_scale();
        for subpath in std::mem::take(&mut self.path) {
            if subpath.points.len() < 2 {
                continue;
            }
            let (x0, y0, x1, y1) = bbox(&subpath.points);
            let rule = |width, color, filled| Rule {
                x0,
                y0,
                x1,
                y1,
                width,
                color,
                filled,
            };
            if fill {
                self.rules.push(rule(0.0, self.gs.fill, true));
            }
            if stroke {
                self.rules.push(rule(width, self.gs.stroke, false));
            }
        }
    }

    // ----- XObjects and ExtGState -----

    fn do_xobject(&mut self, op: &Operation, resources: Option<&'d Dictionary>, depth: usize) {
        let doc = self.doc;
        let name = op
            .operands
            .first()
            .and_then(|o| o.as_name().ok())
            .unwrap_or_else(|| panic!("pdf_inspect: Do without name: {:?}", op.operands));
        let xobject = resources
            .and_then(|r| get_dict(doc, r, b"XObject"))
            .and_then(|xobjects| get(doc, xobjects, name))
            .unwrap_or_else(|| {
                panic!(
                    "pdf_inspect: XObject /{} not in resources",
                    name_string(name)
                )
            });
        let stream = xobject
            .as_stream()
            .expect("pdf_inspect: XObject is not a stream");
        match get_name(doc, &stream.dict, b"Subtype").as_deref() {
            Some("Image") => self.place_image(name_string(name)),
            Some("Form") => self.run_form(xobject, resources, depth),
            other => panic!(
                "pdf_inspect: XObject /{} has unknown /Subtype {other:?}",
                name_string(name)
            ),
        }
    }

    fn place_image(&mut self, name: String) {
        let ctm = self.gs.ctm;
        let corners =
            [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)].map(|(x, y)| ctm.apply(x, y));
        let (x0, y0, x1, y1) = bbox(&corners);
        self.images.push(ImagePlacement {
            name,
            x: x0,
            y: y0,
            width: x1 - x0,
            height: y1 - y0,
        });
    }

    /// Run a form XObject's content as if wrapped in q … Q, with its /Matrix
    /// and its own /Resources (falling back to the caller's).
    fn run_form(&mut self, form: &'d Object, resources: Option<&'d Dictionary>, depth: usize) {
        assert!(
            depth < MAX_FORM_DEPTH,
            "pdf_inspect: form XObjects nested too deep (cycle?)"
        );
        let dict = &form
            .as_stream()
            .expect("pdf_inspect: form is not a stream")
            .dict;
        let matrix = get(self.doc, dict, b"Matrix")
            .map(|m| Matrix::from_array(self.doc, m))
            .unwrap_or(Matrix::IDENTITY);
        let form_resources = get_dict(self.doc, dict, b"Resources").or(resources);
        let ops = decode_content(&stream_data(form, "form XObject"), "form XObject");

        self.saved.push(self.gs.clone());
        let outer_path = std::mem::take(&mut self.path);
        self.gs.ctm = matrix.then(self.gs.ctm);
        self.run(&ops, form_resources, depth + 1);
        self.path = outer_path;
        self.gs = self
            .saved
            .pop()
            .expect("pdf_inspect: unbalanced q/Q inside form XObject");
    }

    /// `gs`: only the line width (/LW) matters for what we report.
    fn apply_ext_gstate(&mut self, op: &Operation, resources: Option<&'d Dictionary>) {
        let doc = self.doc;
        let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
            return;
        };
        let state = resources
            .and_then(|r| get_dict(doc, r, b"ExtGState"))
            .and_then(|states| get_dict(doc, states, name));
        if let Some(lw) = state.and_then(|s| get(doc, s, b"LW")) {
            self.gs.line_width = num(lw);
        }
    }
}

fn string_operand(op: &Operation, index: usize) -> &[u8] {
    match op.operands.get(index) {
        Some(Object::String(bytes, _)) => bytes,
        other => panic!(
            "pdf_inspect: {} expects a string operand, got {other:?}",
            op.operator
        ),
    }
}

/// Colour from a colour-setting operator, by operand count (1 gray, 3 RGB, 4 CMYK).
/// `sc`/`scn` with a pattern name or another component count are ignored.
fn color_from(op: &Operation) -> Option<Color> {
    if op
        .operands
        .iter()
        .any(|o| !matches!(o, Object::Integer(_) | Object::Real(_)))
    {
        return None;
    }
    let v: Vec<f64> = op.operands.iter().map(num).collect();
    match v.as_slice() {
        [g] => Some(Color::Gray(*g)),
        [r, g, b] => Some(Color::Rgb(*r, *g, *b)),
        [c, m, y, k] => Some(Color::Cmyk(*c, *m, *y, *k)),
        _ => None,
    }
}

/// `cs`/`CS` reset the colour to the space's initial value (black); only device spaces are known.
fn initial_color(op: &Operation) -> Option<Color> {
    match op.operands.first().and_then(|o| o.as_name().ok())? {
        b"DeviceGray" => Some(Color::Gray(0.0)),
        b"DeviceRGB" => Some(Color::Rgb(0.0, 0.0, 0.0)),
        b"DeviceCMYK" => Some(Color::Cmyk(0.0, 0.0, 0.0, 1.0)),
        _ => None,
    }
}

/// Axis-aligned bounding box `(x0, y0, x1, y1)` of some points.
fn bbox(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    points.iter().fold(
        (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        ),
        |(x0, y0, x1, y1), &(x, y)| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    )
}

// ---------------------------------------------------------------------------
// Whole-file listings: fonts, images, Info
// ---------------------------------------------------------------------------

fn collect_fonts(doc: &Document) -> Vec<FontInfo> {
    doc.objects
        .values()
        .filter_map(|obj| obj.as_dict().ok())
        .filter(|d| get_name(doc, d, b"Type").as_deref() == Some("Font"))
        .filter_map(|font| {
            let subtype = get_name(doc, font, b"Subtype").unwrap_or_default();
            // Descendant CIDFonts are reported through their Type0 parent.
            if subtype.starts_with("CIDFontType") {
                return None;
            }
            let described = if subtype == "Type0" {
                descendant(doc, font)
            } else {
                font
            };
            let loaded = LoadedFont::load(doc, font);
            Some(FontInfo {
                base_font: loaded.base_font.clone(),
                subtype: get_name(doc, described, b"Subtype").unwrap_or_default(),
                embedded_program_len: embedded_program_len(doc, described),
                glyph_count_in_w: loaded.widths.len(),
                has_to_unicode: get(doc, font, b"ToUnicode").is_some_and(|o| o.as_stream().is_ok()),
            })
        })
        .collect()
}

/// Decoded size of the font program referenced from the font descriptor, 0 if none.
fn embedded_program_len(doc: &Document, font: &Dictionary) -> usize {
    let Some(descriptor) = get_dict(doc, font, b"FontDescriptor") else {
        return 0;
    };
    [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
        .iter()
        .find_map(|key| get(doc, descriptor, key))
        .map_or(0, |program| stream_data(program, "font program").len())
}

fn collect_images(doc: &Document) -> Vec<ImageInfo> {
    doc.objects
        .iter()
        .filter_map(|(id, obj)| Some((id, obj.as_stream().ok()?)))
        .filter(|(_, s)| get_name(doc, &s.dict, b"Subtype").as_deref() == Some("Image"))
        .map(|(&(num_, gen_), stream)| {
            let int = |key: &[u8]| get(doc, &stream.dict, key).map_or(0, |o| num(o) as i64);
            let filter = get(doc, &stream.dict, b"Filter").map(|f| match f {
                Object::Name(n) => name_string(n),
                Object::Array(list) => list
                    .iter()
                    .map(|o| name_string(resolve(doc, o).as_name().unwrap_or(b"?")))
                    .collect::<Vec<_>>()
                    .join(" "),
                other => panic!("pdf_inspect: bad image /Filter {other:?}"),
            });
            let space = get(doc, &stream.dict, b"ColorSpace");
            let (color_space, icc, icc_object) = match space {
                Some(Object::Name(n)) => (name_string(n), None, None),
                Some(Object::Array(list)) => {
                    let family = list
                        .first()
                        .and_then(|o| resolve(doc, o).as_name().ok())
                        .map(name_string)
                        .unwrap_or_default();
                    let icc = (family == "ICCBased")
                        .then(|| {
                            list.get(1)
                                .map(|o| stream_data(resolve(doc, o), "ICC profile"))
                        })
                        .flatten();
                    let icc_object = list.get(1).and_then(|o| o.as_reference().ok());
                    (family, icc, icc_object)
                }
                _ => (String::new(), None, None),
            };
            ImageInfo {
                object_id: (num_, gen_),
                width: int(b"Width"),
                height: int(b"Height"),
                filter,
                stream_len: stream.content.len(),
                color_space,
                icc,
                icc_object,
            }
        })
        .collect()
}

fn read_info(doc: &Document) -> BTreeMap<String, String> {
    let Some(info) = get_dict(doc, &doc.trailer, b"Info") else {
        return BTreeMap::new();
    };
    info.iter()
        .map(|(key, value)| (name_string(key), info_value(resolve(doc, value))))
        .collect()
}

fn info_value(obj: &Object) -> String {
    match obj {
        Object::String(bytes, _) => decode_text_string(bytes),
        Object::Name(n) => name_string(n),
        Object::Integer(i) => i.to_string(),
        Object::Real(r) => r.to_string(),
        Object::Boolean(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// A PDF text string: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding.
fn decode_text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16be(rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&b| pdf_doc_char(b)).collect()
    }
}

/// PDFDocEncoding: Latin-1 except for 0x18–0x1F and 0x80–0xA0.
fn pdf_doc_char(b: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 33] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{FFFD}', '€',
    ];
    match b {
        0x18..=0x1F => LOW[usize::from(b - 0x18)],
        0x80..=0xA0 => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}
