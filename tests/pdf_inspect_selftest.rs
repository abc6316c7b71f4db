//! Self-tests for `support::pdf_inspect`: small PDFs are built here with
//! lopdf (a Type0 / Identity-H font with a hand-written `/W` array and
//! ToUnicode CMap, no real font program) and the inspector's measurements are
//! checked against values worked out by hand from the PDF text-space rules.

mod support;

use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use support::pdf_inspect::*;

// ---------------------------------------------------------------------------
// Fixture
// ---------------------------------------------------------------------------

/// Widths of the test font `/F1` (glyph space, 1/1000 em):
/// CIDs 1..=4 → 500 1000 2000 1000, 16..=18 → 600, 32..=33 → 500, anything else → /DW 900.
const F1_BASE_FONT: &str = "ABCDEF+TestSerif";

/// ToUnicode for `/F1`: BMP, multi-character ("——") and non-BMP (surrogate pair)
/// destinations, an incrementing bfrange and an array bfrange. CID 0x32 is unmapped.
const F1_TO_UNICODE: &str = "\
/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
4 beginbfchar
<0001> <7B80>
<0002> <62A5>
<0003> <20142014>
<0004> <D842DFB7>
endbfchar
2 beginbfrange
<0010> <0012> <0041>
<0020> <0021> [<0078> <00790308>]
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
";

const DUMMY_FONT_PROGRAM: &[u8] = b"not-a-real-truetype";

/// A content stream that is really Flate-compressed (lopdf only compresses
/// when it saves space, so short contents get a trailing comment as padding).
fn flate_stream(content: &str) -> Stream {
    let padded = format!("{content}\n%{}\n", "padding ".repeat(40));
    let mut stream = Stream::new(Dictionary::new(), padded.into_bytes());
    stream.compress().unwrap();
    assert!(
        stream.dict.has(b"Filter"),
        "fixture stream was not compressed"
    );
    stream
}

fn raw_stream(content: &str) -> Stream {
    Stream::new(Dictionary::new(), content.as_bytes().to_vec())
}

fn add_type0_font(doc: &mut Document) -> ObjectId {
    let program = doc.add_object(Stream::new(Dictionary::new(), DUMMY_FONT_PROGRAM.to_vec()));
    let descriptor = doc.add_object(dictionary! {
        "Type" => "FontDescriptor",
        "FontName" => F1_BASE_FONT,
        "Flags" => 32,
        "FontBBox" => vec![0.into(), (-120).into(), 1000.into(), 880.into()],
        "ItalicAngle" => 0,
        "Ascent" => 880,
        "Descent" => -120,
        "CapHeight" => 700,
        "StemV" => 80,
        "FontFile2" => program,
    });
    let widths: Vec<Object> = vec![
        1.into(),
        vec![500.into(), 1000.into(), 2000.into(), 1000.into()].into(),
        16.into(),
        18.into(),
        600.into(),
        32.into(),
        vec![500.into(), Object::Real(500.0)].into(),
    ];
    let to_unicode = doc.add_object(raw_stream(F1_TO_UNICODE));
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type0",
        "BaseFont" => F1_BASE_FONT,
        "Encoding" => "Identity-H",
        "ToUnicode" => to_unicode,
        // printpdf writes the descendant inline, not as a reference.
        "DescendantFonts" => vec![Object::Dictionary(dictionary! {
            "Type" => "Font",
            "Subtype" => "CIDFontType2",
            "BaseFont" => F1_BASE_FONT,
            "CIDSystemInfo" => dictionary! {
                "Registry" => Object::string_literal("Adobe"),
                "Ordering" => Object::string_literal("Identity"),
                "Supplement" => 0,
            },
            "W" => widths,
            "DW" => 900,
            "FontDescriptor" => descriptor,
        })],
    })
}

/// `/F2`: a simple Type1 font, `A` = 667, `B` = 722, no ToUnicode.
fn add_simple_font(doc: &mut Document) -> ObjectId {
    doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
        "Encoding" => "WinAnsiEncoding",
        "FirstChar" => 65,
        "LastChar" => 66,
        "Widths" => vec![667.into(), 722.into()],
    })
}

/// Resources shared by every fixture page: fonts F1/F2, images Im1 (raw 2×2
/// gray) and Im2 (Flate 16×16 gray), and a form Fm1 that draws one glyph and
/// a 10×10 square at its origin, translated by its /Matrix to (100, 100).
/// Returns the resources and Im2's stored (compressed) length.
fn add_resources(doc: &mut Document) -> (Dictionary, usize) {
    let f1 = add_type0_font(doc);
    let f2 = add_simple_font(doc);
    let im1 = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 2, "Height" => 2,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0, 255, 255, 0],
    ));
    let mut im2_stream = Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 16, "Height" => 16,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        vec![0x80; 256],
    );
    im2_stream.compress().unwrap();
    let im2_len = im2_stream.content.len();
    let im2 = doc.add_object(im2_stream);
    let mut form = flate_stream("BT /F1 10 Tf 0 0 Td <0001> Tj ET 0 0 10 10 re f");
    form.dict.extend(&dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => vec![0.into(), 0.into(), 20.into(), 20.into()],
        "Matrix" => vec![1.into(), 0.into(), 0.into(), 1.into(), 100.into(), 100.into()],
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => f1 } },
    });
    let fm1 = doc.add_object(form);
    let resources = dictionary! {
        "Font" => dictionary! { "F1" => f1, "F2" => f2 },
        "XObject" => dictionary! { "Im1" => im1, "Im2" => im2, "Fm1" => fm1 },
    };
    (resources, im2_len)
}

/// Title "简报" as UTF-16BE with BOM; Author "Zoë — Ed." in PDFDocEncoding (0x84 is the em dash).
fn add_info(doc: &mut Document) -> ObjectId {
    let mut title = vec![0xFE, 0xFF];
    title.extend("简报".encode_utf16().flat_map(u16::to_be_bytes));
    doc.add_object(dictionary! {
        "Title" => Object::String(title, StringFormat::Hexadecimal),
        "Author" => Object::String(b"Zo\xEB \x84 Ed.".to_vec(), StringFormat::Literal),
        "CreationDate" => Object::string_literal("D:20240102030405Z"),
    })
}

struct Fixture {
    bytes: Vec<u8>,
    im2_len: usize,
}

/// One A4-ish page (595.5 × 842) whose content is `streams` (a single stream
/// is referenced directly, several as an array). With `inherit`, /Resources
/// and /MediaBox live on the page-tree root instead of the page.
fn build(streams: Vec<Stream>, inherit: bool) -> Fixture {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let (resources, im2_len) = add_resources(&mut doc);
    let media_box: Object = vec![0.into(), 0.into(), Object::Real(595.5), 842.into()].into();

    let mut content_refs: Vec<Object> = streams
        .into_iter()
        .map(|s| doc.add_object(s).into())
        .collect();
    let contents = if content_refs.len() == 1 {
        content_refs.remove(0)
    } else {
        content_refs.into()
    };
    let mut page = dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => contents };
    let mut pages = dictionary! { "Type" => "Pages", "Count" => 1 };
    let holder = if inherit { &mut pages } else { &mut page };
    holder.set("Resources", resources);
    holder.set("MediaBox", media_box);
    let page_id = doc.add_object(page);
    pages.set("Kids", vec![page_id.into()]);
    doc.objects.insert(pages_id, pages.into());

    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    let info = add_info(&mut doc);
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    Fixture { bytes, im2_len }
}

/// Inspect a one-page PDF whose single Flate content stream is `content`.
fn page_of(content: &str) -> PageInfo {
    let mut info = inspect(&build(vec![flate_stream(content)], false).bytes);
    assert_eq!(info.pages.len(), 1);
    info.pages.remove(0)
}

// ---------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------

/// All fixture numbers go through f32 in the file, so compare with a small tolerance.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-4
}

#[track_caller]
fn assert_close(actual: f64, expected: f64, what: &str) {
    assert!(
        close(actual, expected),
        "{what}: expected {expected}, got {actual}"
    );
}

/// Check a glyph's (x, y, advance, size).
#[track_caller]
fn assert_glyph(g: &Glyph, x: f64, y: f64, advance: f64, size: f64) {
    assert!(
        close(g.x, x) && close(g.y, y) && close(g.advance, advance) && close(g.size, size),
        "glyph {:?}: expected x={x} y={y} advance={advance} size={size}, got {g:?}",
        g.text
    );
}

#[track_caller]
fn assert_rule(r: &Rule, bbox: [f64; 4], width: f64, color: Color, filled: bool) {
    let ok = close(r.x0, bbox[0])
        && close(r.y0, bbox[1])
        && close(r.x1, bbox[2])
        && close(r.y1, bbox[3])
        && close(r.width, width)
        && r.color == color
        && r.filled == filled;
    assert!(
        ok,
        "expected bbox={bbox:?} width={width} {color:?} filled={filled}, got {r:?}"
    );
}

fn texts(page: &PageInfo) -> Vec<&str> {
    page.glyphs.iter().map(|g| g.text.as_str()).collect()
}

// ---------------------------------------------------------------------------
// Text positioning
// ---------------------------------------------------------------------------

#[test]
fn tj_adjustments_move_the_pen() {
    // 12 pt: widths 6, 12, 24, 12 pt; -500 moves right 6 pt, +250 moves left 3 pt.
    let page =
        page_of("BT /F1 12 Tf 1 0 0 1 72 700 Tm [<0001><0002> -500 <0003> 250 <0004>] TJ ET");
    assert_eq!(texts(&page), ["简", "报", "——", "𠮷"]);
    assert_eq!(
        page.glyphs.iter().map(|g| g.cid).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );
    assert_glyph(&page.glyphs[0], 72.0, 700.0, 6.0, 12.0);
    assert_glyph(&page.glyphs[1], 78.0, 700.0, 12.0, 12.0);
    assert_glyph(&page.glyphs[2], 96.0, 700.0, 24.0, 12.0);
    assert_glyph(&page.glyphs[3], 117.0, 700.0, 12.0, 12.0);
    for g in &page.glyphs {
        assert_eq!(g.font, F1_BASE_FONT);
        assert_eq!(g.fill, Color::Gray(0.0));
        assert_eq!(g.render_mode, 0);
    }
}

#[test]
fn tz_tc_and_text_matrix_scale() {
    // Th = 0.5, Tc = 2, Tm scales by 2. Tw must not apply to the 2-byte code <0020>.
    // Text-space pen steps: (w0×10 + 2)×0.5 → 3.5, 3.5, 6; ×2 in page space.
    let page = page_of("BT /F1 10 Tf 50 Tz 2 Tc 5 Tw 2 0 0 2 100 100 Tm <0001 0020 0002> Tj [-1000] TJ <0001> Tj ET");
    assert_glyph(&page.glyphs[0], 100.0, 100.0, 5.0, 20.0);
    assert_glyph(&page.glyphs[1], 107.0, 100.0, 5.0, 20.0);
    assert_glyph(&page.glyphs[2], 114.0, 100.0, 10.0, 20.0);
    // After <0002>: 114 + 12 = 126; -1000 → +1 em × 10 × 0.5 × 2 = +10.
    assert_glyph(&page.glyphs[3], 136.0, 100.0, 5.0, 20.0);
}

#[test]
fn ctm_and_q_restore_position_size_and_colour() {
    let page = page_of(
        "0.25 g \
         q 2 0 0 2 10 20 cm 1 0 0 rg BT /F1 10 Tf 1 0 0 1 5 5 Tm <0001> Tj ET Q \
         BT /F1 10 Tf 1 0 0 1 5 5 Tm <0001> Tj ET \
         q 0.125 0.25 0.5 0.75 k BT /F1 10 Tf 50 50 Td <0001> Tj ET Q \
         q 0 1 -1 0 300 300 cm BT /F1 10 Tf 0 0 Td <0001 0001> Tj ET Q \
         BT /F1 10 Tf 0 0 Td <0001> Tj ET \
         q 1 0 0 1 100 0 cm q 2 0 0 2 0 0 cm BT /F1 10 Tf 1 0 0 1 5 5 Tm <0001> Tj ET Q Q",
    );
    let g = &page.glyphs;
    assert_glyph(&g[0], 20.0, 30.0, 10.0, 20.0);
    assert_eq!(g[0].fill, Color::Rgb(1.0, 0.0, 0.0));
    assert_glyph(&g[1], 5.0, 5.0, 5.0, 10.0);
    assert_eq!(g[1].fill, Color::Gray(0.25), "Q restores the fill colour");
    assert_glyph(&g[2], 50.0, 50.0, 5.0, 10.0);
    assert_eq!(g[2].fill, Color::Cmyk(0.125, 0.25, 0.5, 0.75));
    // Rotated 90°: the pen advances up the page; advance is measured along the baseline.
    assert_glyph(&g[3], 300.0, 300.0, 5.0, 10.0);
    assert_glyph(&g[4], 300.0, 305.0, 5.0, 10.0);
    assert_glyph(&g[5], 0.0, 0.0, 5.0, 10.0);
    assert_eq!(g[5].fill, Color::Gray(0.25));
    // A later `cm` applies before the earlier ones: scale 2 first, then translate by 100.
    assert_glyph(&g[6], 110.0, 10.0, 10.0, 20.0);
}

#[test]
fn td_td_tstar_leading_rise_and_quote() {
    // Td/TD/T* move from the start of the *line*, not from the pen after the last glyph.
    let page = page_of(
        "BT /F1 10 Tf 100 200 Td <0001> Tj 0 -14 TD <0002> Tj T* <0003> Tj \
         16 TL T* <0001> Tj 3 Ts <0002> Tj 0 Ts <0001> ' ET",
    );
    let g = &page.glyphs;
    assert_glyph(&g[0], 100.0, 200.0, 5.0, 10.0);
    assert_glyph(&g[1], 100.0, 186.0, 10.0, 10.0);
    assert_glyph(&g[2], 100.0, 172.0, 20.0, 10.0);
    assert_glyph(&g[3], 100.0, 156.0, 5.0, 10.0);
    assert_glyph(&g[4], 105.0, 159.0, 10.0, 10.0); // raised 3 pt by Ts
    assert_glyph(&g[5], 100.0, 140.0, 5.0, 10.0); // ' = T* then Tj
}

#[test]
fn render_mode_and_stroke_width() {
    let page =
        page_of("q 2 0 0 2 0 0 cm 0.5 w BT /F1 10 Tf 1 Tr 0 0 Td <0001> Tj 7 Tr <0002> Tj ET Q");
    assert_eq!(page.glyphs[0].render_mode, 1);
    assert_close(page.glyphs[0].stroke_width, 1.0, "0.5 w under 2× CTM");
    assert_eq!(page.glyphs[1].render_mode, 7);
}

// ---------------------------------------------------------------------------
// Fonts and text
// ---------------------------------------------------------------------------

#[test]
fn to_unicode_ranges_surrogates_and_default_width() {
    let page = page_of("BT /F1 10 Tf 0 0 Td <0010 0011 0012 0020 0021 0032 0004> Tj ET");
    assert_eq!(
        texts(&page),
        ["A", "B", "C", "x", "y\u{308}", "\u{FFFD}", "𠮷"]
    );
    let xs: Vec<f64> = page.glyphs.iter().map(|g| g.x).collect();
    let expected = [0.0, 6.0, 12.0, 18.0, 23.0, 28.0, 37.0];
    for (x, e) in xs.iter().zip(expected) {
        assert_close(*x, e, "x");
    }
    assert_close(
        page.glyphs[5].advance,
        9.0,
        "unlisted CID falls back to /DW 900",
    );
    assert_eq!(page.glyphs[5].cid, 0x32);
}

#[test]
fn simple_font_widths_latin1_and_word_spacing() {
    // Tw applies to the single-byte space; the space has no /Widths entry, so width 0.
    let page = page_of("BT /F2 10 Tf 3 Tw 0 0 Td (AB A) Tj ET");
    assert_eq!(page.text(), "AB A");
    let g = &page.glyphs;
    assert_glyph(&g[0], 0.0, 0.0, 6.67, 10.0);
    assert_glyph(&g[1], 6.67, 0.0, 7.22, 10.0);
    assert_glyph(&g[2], 13.89, 0.0, 0.0, 10.0);
    assert_glyph(&g[3], 16.89, 0.0, 6.67, 10.0);
    assert_eq!(g[0].font, "Helvetica");
}

#[test]
fn lines_group_by_baseline_and_sort() {
    // Emitted out of order; 'C' sits 0.3 pt above the first baseline and still belongs to it.
    let page = page_of(
        "BT /F1 10 Tf 1 0 0 1 100 700 Tm <0011> Tj 1 0 0 1 50 700 Tm <0010> Tj \
         1 0 0 1 50 680 Tm <0020 0021> Tj 1 0 0 1 150 700.3 Tm <0012> Tj ET",
    );
    let lines = page.lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].text(), "ABC");
    assert_close(lines[0].y, 700.3, "line y is its highest glyph's baseline");
    assert_close(lines[0].left(), 50.0, "left");
    assert_close(lines[0].right(), 156.0, "right = 150 + 6");
    assert_eq!(lines[1].text(), "xy\u{308}");
    assert_close(lines[1].right(), 60.0, "right = 55 + 5");
    assert_eq!(page.text(), "ABC\nxy\u{308}");
}

#[test]
fn font_listing_and_info_dictionary() {
    let info = inspect(&build(vec![flate_stream("")], false).bytes);
    assert_eq!(
        info.fonts,
        [
            FontInfo {
                base_font: F1_BASE_FONT.into(),
                subtype: "CIDFontType2".into(),
                embedded_program_len: DUMMY_FONT_PROGRAM.len(),
                glyph_count_in_w: 9,
                has_to_unicode: true,
            },
            FontInfo {
                base_font: "Helvetica".into(),
                subtype: "Type1".into(),
                embedded_program_len: 0,
                glyph_count_in_w: 2,
                has_to_unicode: false,
            },
        ]
    );
    assert_eq!(info.info["Title"], "简报");
    assert_eq!(info.info["Author"], "Zoë — Ed.");
    assert_eq!(info.info["CreationDate"], "D:20240102030405Z");
    assert!(info.pages[0].glyphs.is_empty());
}

// ---------------------------------------------------------------------------
// Graphics
// ---------------------------------------------------------------------------

#[test]
fn rectangles_lines_and_colours() {
    let page = page_of(
        "0.5 0 0 rg 10 20 30 40 re f \
         q 2 0 0 2 0 0 cm 0.25 w 0 0 1 RG 10 10 m 50 10 l S Q \
         0.5 G 2 w 100 100 m 200 100 l 150 50 m 150 150 l S \
         0 0 0 1 K 0.25 0.5 0.75 rg 300 300 50 25 re B \
         400 400 m 410 410 l n \
         500 500 m S \
         q 0 1 -1 0 0 0 cm 10 20 30 40 re f Q",
    );
    let r = &page.rules;
    assert_eq!(r.len(), 7, "{r:#?}");
    assert_rule(
        &r[0],
        [10.0, 20.0, 40.0, 60.0],
        0.0,
        Color::Rgb(0.5, 0.0, 0.0),
        true,
    );
    assert_rule(
        &r[1],
        [20.0, 20.0, 100.0, 20.0],
        0.5,
        Color::Rgb(0.0, 0.0, 1.0),
        false,
    );
    // Q restored the stroke colour; one rule per subpath.
    assert_rule(
        &r[2],
        [100.0, 100.0, 200.0, 100.0],
        2.0,
        Color::Gray(0.5),
        false,
    );
    assert_rule(
        &r[3],
        [150.0, 50.0, 150.0, 150.0],
        2.0,
        Color::Gray(0.5),
        false,
    );
    // B = fill then stroke of the same subpath.
    assert_rule(
        &r[4],
        [300.0, 300.0, 350.0, 325.0],
        0.0,
        Color::Rgb(0.25, 0.5, 0.75),
        true,
    );
    assert_rule(
        &r[5],
        [300.0, 300.0, 350.0, 325.0],
        2.0,
        Color::Cmyk(0.0, 0.0, 0.0, 1.0),
        false,
    );
    // `n` paints nothing, a lone `m` paints nothing; a rotated `re` gets an axis-aligned box.
    assert_rule(
        &r[6],
        [-60.0, 10.0, -20.0, 40.0],
        0.0,
        Color::Rgb(0.25, 0.5, 0.75),
        true,
    );
}

#[test]
fn images_and_form_xobjects() {
    let fixture = build(
        vec![flate_stream(
            "q 100 0 0 50 30 40 cm /Im1 Do Q q 20 0 0 20 200 300 cm /Im2 Do Q /Fm1 Do",
        )],
        false,
    );
    let info = inspect(&fixture.bytes);
    let page = &info.pages[0];
    assert_eq!(
        page.images,
        [
            ImagePlacement {
                name: "Im1".into(),
                x: 30.0,
                y: 40.0,
                width: 100.0,
                height: 50.0
            },
            ImagePlacement {
                name: "Im2".into(),
                x: 200.0,
                y: 300.0,
                width: 20.0,
                height: 20.0
            },
        ]
    );
    // The form's glyph and square are drawn through its /Matrix (translate 100, 100).
    assert_eq!(texts(page), ["简"]);
    assert_glyph(&page.glyphs[0], 100.0, 100.0, 5.0, 10.0);
    assert_rule(
        &page.rules[0],
        [100.0, 100.0, 110.0, 110.0],
        0.0,
        Color::Gray(0.0),
        true,
    );

    let images: Vec<_> = info
        .image_xobjects
        .iter()
        .map(|i| (i.width, i.height, i.filter.clone(), i.stream_len))
        .collect();
    assert_eq!(
        images,
        [
            (2, 2, None, 4),
            (16, 16, Some("FlateDecode".into()), fixture.im2_len)
        ]
    );
    assert_ne!(
        info.image_xobjects[0].object_id,
        info.image_xobjects[1].object_id
    );
}

#[test]
fn inherited_resources_and_split_content_array() {
    // The operator `Tm` is split from its operands across two (uncompressed) streams.
    let streams = vec![
        raw_stream("BT /F1 10 Tf 1 0 0 1 5 5"),
        raw_stream("Tm <0001> Tj ET"),
    ];
    let info = inspect(&build(streams, true).bytes);
    let page = &info.pages[0];
    assert_close(page.width, 595.5, "width from inherited /MediaBox");
    assert_close(page.height, 842.0, "height");
    assert_eq!(page.text(), "简");
    assert_glyph(&page.glyphs[0], 5.0, 5.0, 5.0, 10.0);
}

#[test]
#[should_panic(expected = "pdf_inspect: cannot parse PDF")]
fn malformed_input_panics_clearly() {
    inspect(b"%PDF-1.7\nthis is not a pdf");
}

#[test]
#[should_panic(expected = "pdf_inspect: font /F9 not in resources")]
fn unknown_font_panics_clearly() {
    page_of("BT /F9 10 Tf (x) Tj ET");
}

// ---------------------------------------------------------------------------
// Cross-check with poppler
// ---------------------------------------------------------------------------

#[test]
fn pdftotext_round_trip() {
    let content =
        "BT /F1 12 Tf 1 0 0 1 72 700 Tm <0001 0002> Tj 1 0 0 1 72 680 Tm <0010 0011 0012> Tj ET";
    let fixture = build(vec![flate_stream(content)], false);
    let path =
        std::env::temp_dir().join(format!("pdf_inspect_selftest_{}.pdf", std::process::id()));
    std::fs::write(&path, &fixture.bytes).unwrap();
    let extracted = pdftotext(&path);
    let ours = inspect_file(&path).pages[0].text();
    std::fs::remove_file(&path).unwrap();

    assert_eq!(ours, "简报\nABC");
    let Some(extracted) = extracted else {
        eprintln!("pdftotext not installed; skipping the poppler cross-check");
        return;
    };
    let poppler_lines: Vec<&str> = extracted
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(
        poppler_lines,
        ["简报", "ABC"],
        "pdftotext output: {extracted:?}"
    );
}
