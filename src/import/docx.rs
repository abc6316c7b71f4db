//! Word documents (.docx, Office Open XML): `word/document.xml` walked with quick-xml, with
//! `word/styles.xml` for heading styles and outline levels and the document's relationships for
//! its images, and `word/numbering.xml` for lists. Only what a bulletin uses is read:
//! paragraphs and their outline level, numbered and bulleted paragraphs (`w:numPr`, as list
//! items), text with its bold, italic, underline, superscript and subscript (set on the run or
//! by its character style), tabs and manual line breaks, and pictures (DrawingML `a:blip`, VML
//! `v:imagedata`); tables (`w:tbl`, rows `w:tr`, cells `w:tc`) as table blocks: a cell's
//! `w:gridSpan` is its colspan, a `w:vMerge` restart and the cells continuing it below one cell
//! with a rowspan, rows marked `w:tblHeader` (repeated on every page) at the top the header.
//! A table inside a cell is read as that cell's text; a picture in a table follows the table.

use super::{Article, Builder, Merge};
use crate::messages::msg;
use crate::model::markup::Marks;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::Read;
use std::ops::Range;

/// Most bytes read from one part of the archive: a .docx is a zip file, and a small one can
/// claim to inflate to gigabytes.
const MAX_PART_BYTES: u64 = 200 * 1024 * 1024;

/// Reads a .docx file's article.
pub fn read(bytes: &[u8]) -> Result<Article, String> {
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| msg::not_docx(e).text)?;
    let document =
        part_text(&mut zip, "word/document.xml")?.ok_or_else(|| msg::docx_no_document().text)?;
    let styles = part_text(&mut zip, "word/styles.xml")?
        .map(|s| read_styles(&s))
        .transpose()?
        .unwrap_or_default();
    let relations = part_text(&mut zip, "word/_rels/document.xml.rels")?
        .map(|s| read_relations(&s))
        .transpose()?
        .unwrap_or_default();
    let numbering = part_text(&mut zip, "word/numbering.xml")?
        .map(|s| read_numbering(&s))
        .transpose()?
        .unwrap_or_default();
    let parts = Parts {
        styles: &styles,
        relations: &relations,
        numbering: &numbering,
    };
    walk(&document, &parts, &mut |target| {
        let name = resolve_target(target);
        part_bytes(&mut zip, &name)?.ok_or_else(|| msg::docx_missing_picture(&name).text)
    })
}

/// A style: its name, outline level (0-based, as Word stores it), parent, the marks its
/// text takes (a character style such as "Strong") and its list (a "List Number" style).
#[derive(Clone, Debug, Default)]
struct Style {
    name: String,
    outline: Option<u8>,
    based_on: Option<String>,
    marks: Marks,
    num: Option<String>,
}

/// What the document part is read with.
struct Parts<'a> {
    styles: &'a HashMap<String, Style>,
    relations: &'a HashMap<String, String>,
    /// Each list (`w:numId`): its levels' number format, text and first number.
    numbering: &'a HashMap<String, Vec<Level>>,
}

/// A list level of `numbering.xml`.
#[derive(Clone, Debug, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

impl Level {
    /// The list's `numbering` in a definition: `•` for bullets, the level text with `{n}`,
    /// `{cn}` or `{circled}` for the number, or `None` for plain `1.` (the layout's).
    fn numbering(&self) -> Option<String> {
        let field = match self.format.as_str() {
            "bullet" => return Some("•".to_string()),
            "decimal" if self.text == "%1." => return None,
            "decimal" | "decimalZero" | "decimalFullWidth" => "{n}",
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => "{circled}",
            "chineseCounting"
            | "chineseCountingThousand"
            | "chineseLegalSimplified"
            | "ideographTraditional"
            | "taiwaneseCounting"
            | "japaneseCounting" => "{cn}",
            _ => return None,
        };
        let text = self.text.replace(['{', '}'], "");
        text.contains("%1").then(|| text.replace("%1", field))
    }
}

/// The marks a run property sets (`None`: not a mark), `on` unless its `w:val` turns it off.
fn run_mark(e: &BytesStart) -> Option<(Marks, bool)> {
    let val = attr(e, b"val");
    let off = || matches!(val.as_deref(), Some("0" | "false" | "off" | "none"));
    match e.local_name().as_ref() {
        b"b" => Some((Marks::BOLD, !off())),
        b"i" => Some((Marks::EMPHASIS, !off())),
        b"u" => Some((Marks::UNDERLINE, !off())),
        // One property for both; `baseline` clears them.
        b"vertAlign" => Some(match val.as_deref() {
            Some("superscript") => (Marks::SUP, true),
            Some("subscript") => (Marks::SUB, true),
            _ => (Marks::SUP, false),
        }),
        // Text raised or lowered by a number of half-points (what LibreOffice writes for
        // HTML's <sup> and <sub>).
        b"position" => Some(match val.and_then(|v| v.parse::<i32>().ok()) {
            Some(p) if p > 0 => (Marks::SUP, true),
            Some(p) if p < 0 => (Marks::SUB, true),
            _ => (Marks::SUP, false),
        }),
        _ => None,
    }
}

/// `marks` with `mark` set or cleared (clearing superscript clears subscript too: they are
/// one property in Word).
fn set_mark(marks: Marks, (mark, on): (Marks, bool)) -> Marks {
    let cleared = if mark == Marks::SUP || mark == Marks::SUB {
        Marks(marks.0 & !(Marks::SUP.0 | Marks::SUB.0))
    } else {
        Marks(marks.0 & !mark.0)
    };
    if on {
        cleared.with(mark)
    } else {
        cleared
    }
}

fn part_bytes(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(msg::docx_cannot_read(name, e).text),
    };
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| msg::docx_cannot_read(name, e).text)?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(msg::docx_part_too_large(name, MAX_PART_BYTES / (1024 * 1024)).text);
    }
    Ok(Some(bytes))
}

fn part_text(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    part_bytes(zip, name)?
        .map(|b| String::from_utf8(b).map_err(|_| msg::docx_part_not_utf8(name).text))
        .transpose()
}

/// `media/image1.png` (relative to `word/`) or `/word/media/image1.png` → the archive name.
fn resolve_target(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("word/{}", target.trim_start_matches("./")),
    }
}

/// A character inserted with Insert → Symbol (`<w:sym w:font="Wingdings" w:char="F0FC"/>`),
/// which Word keeps out of the text: kept when its code is a Unicode character; a symbol font's
/// own code (U+F000–F0FF: Symbol, Wingdings, Webdings) means whatever that font draws there,
/// which no Unicode font has, so it is reported with the text it follows rather than guessed.
fn symbol(e: &BytesStart, out: &mut Builder) {
    let code = attr(e, b"char").unwrap_or_default();
    let c = u32::from_str_radix(code.trim(), 16)
        .ok()
        .and_then(char::from_u32)
        .filter(|c| !c.is_control() && !(0xF000..=0xF0FF).contains(&(*c as u32)));
    match c {
        Some(c) => out.text(&c.to_string()),
        None => {
            let after = out.after_text();
            let font = attr(e, b"font").unwrap_or_default();
            out.warn(msg::docx_symbol(font, code, after))
        }
    }
}

/// The value of the attribute whose local name is `name` (`w:val` → `val`).
fn attr(e: &BytesStart, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn xml_error(e: quick_xml::Error) -> String {
    msg::docx_broken_xml(e).text
}

fn read_styles(xml: &str) -> Result<HashMap<String, Style>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"style" => {
                    if let Some((id, style)) = current.take() {
                        styles.insert(id, style);
                    }
                    current = attr(&e, b"styleId").map(|id| (id, Style::default()));
                }
                b"name" => {
                    if let (Some((_, s)), Some(v)) = (current.as_mut(), attr(&e, b"val")) {
                        s.name = v;
                    }
                }
                b"basedOn" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.based_on = attr(&e, b"val");
                    }
                }
                b"outlineLvl" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.outline = attr(&e, b"val").and_then(|v| v.parse().ok());
                    }
                }
                b"numId" => {
                    if let Some((_, s)) = current.as_mut() {
                        s.num = attr(&e, b"val");
                    }
                }
                _ => {
                    if let (Some((_, s)), Some(mark)) = (current.as_mut(), run_mark(&e)) {
                        s.marks = set_mark(s.marks, mark);
                    }
                }
            },
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            _ => {}
        }
    }
    Ok(styles)
}

/// `numbering.xml`: each `w:num`'s levels, through its `w:abstractNum`.
fn read_numbering(xml: &str) -> Result<HashMap<String, Vec<Level>>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
    let mut nums: Vec<(String, String)> = Vec::new();
    let mut abstract_id: Option<String> = None;
    let mut num_id: Option<String> = None;
    let mut level: Option<usize> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let levels = abstract_id
                    .as_ref()
                    .map(|id| abstracts.entry(id.clone()).or_default());
                match (e.local_name().as_ref(), levels) {
                    (b"abstractNum", _) => abstract_id = attr(&e, b"abstractNumId"),
                    (b"num", _) => num_id = attr(&e, b"numId"),
                    (b"abstractNumId", _) => {
                        if let (Some(num), Some(id)) = (num_id.clone(), attr(&e, b"val")) {
                            nums.push((num, id));
                        }
                    }
                    (b"lvl", Some(levels)) => {
                        let k = attr(&e, b"ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        if k < 10 && levels.len() <= k {
                            levels.resize(k + 1, Level::default());
                        }
                        level = (k < 10).then_some(k);
                    }
                    (name, Some(levels)) => {
                        if let Some(l) = level.and_then(|k| levels.get_mut(k)) {
                            let val = attr(&e, b"val").unwrap_or_default();
                            match name {
                                b"numFmt" => l.format = val,
                                b"lvlText" => l.text = val,
                                b"start" => l.start = val.parse().unwrap_or(1),
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"abstractNum" => abstract_id = None,
                b"num" => num_id = None,
                b"lvl" => level = None,
                _ => {}
            },
            _ => {}
        }
    }
    Ok(nums
        .into_iter()
        .filter_map(|(num, id)| Some((num, abstracts.get(&id)?.clone())))
        .collect())
}

fn read_relations(xml: &str) -> Result<HashMap<String, String>, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut relations = HashMap::new();
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"Relationship" => {
                let external = attr(&e, b"TargetMode").is_some_and(|m| m == "External");
                if let (Some(id), Some(target), false) =
                    (attr(&e, b"Id"), attr(&e, b"Target"), external)
                {
                    relations.insert(id, target);
                }
            }
            _ => {}
        }
    }
    Ok(relations)
}

/// The outline level of a paragraph in [`Builder::end_block`]'s terms (0 body, 1 title, 2…
/// headings) from its own outline level or its style's (followed up `basedOn`).
fn outline_level(own: Option<u8>, style: Option<&str>, styles: &HashMap<String, Style>) -> u8 {
    let word_level = |level: u8| if level >= 9 { 0 } else { level + 1 };
    if let Some(level) = own {
        return word_level(level);
    }
    let mut id = style;
    for _ in 0..10 {
        let Some(s) = id.and_then(|id| styles.get(id)) else {
            break;
        };
        let name = s.name.to_lowercase();
        // Word's built-in names, or the Chinese ones WPS and a Chinese Word may write (标题 is
        // the Title style, 标题 1 Heading 1).
        if name == "title" || name == "标题" {
            return 1;
        }
        if let Some(level) = s.outline {
            return word_level(level);
        }
        if let Some(n) = name
            .strip_prefix("heading ")
            .or_else(|| name.strip_prefix("标题"))
            .and_then(|n| n.trim().parse::<u8>().ok())
        {
            return n.min(9);
        }
        id = s.based_on.as_deref();
    }
    // A style id of a document written without styles.xml (`Heading1`, `Title`).
    match style {
        Some("Title") => 1,
        Some(id) => id
            .strip_prefix("Heading")
            .and_then(|n| n.parse::<u8>().ok())
            .map_or(0, |n| n.min(9)),
        None => 0,
    }
}

/// The list a paragraph of `style` belongs to by its style (followed up `basedOn`).
fn style_list(style: Option<&str>, styles: &HashMap<String, Style>) -> Option<String> {
    let mut id = style;
    for _ in 0..10 {
        let s = styles.get(id?)?;
        if s.num.is_some() {
            return s.num.clone();
        }
        id = s.based_on.as_deref();
    }
    None
}

/// Ends a paragraph: a list item when it is numbered or bulleted (`num`, at level `ilvl`) and
/// not a heading, else a block at its outline level.
fn end_paragraph(out: &mut Builder, level: u8, num: Option<&str>, ilvl: usize, parts: &Parts) {
    let levels = num
        .filter(|&n| n != "0" && level == 0)
        .and_then(|n| parts.numbering.get(n));
    match levels {
        Some(levels) => {
            let first = levels.first().cloned().unwrap_or_default();
            let start = levels.get(ilvl).map_or(1, |l| l.start.max(1));
            out.end_item(ilvl.min(1) as u8, first.numbering().as_deref(), Some(start));
        }
        None => out.end_block(level),
    }
}

/// The pictures a paragraph (or a table) held, as figures after it.
fn place_pictures(
    out: &mut Builder,
    pictures: &mut Vec<String>,
    relations: &HashMap<String, String>,
    picture: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<(), String> {
    for id in pictures.drain(..) {
        match relations.get(&id) {
            Some(target) => out.image(target, None, picture)?,
            None => out.warn(msg::docx_picture_unplaced(id)),
        }
    }
    Ok(())
}

/// Text boxes inside text boxes deeper than this are reported, not read (each level is read by
/// a call of its own).
const MAX_TEXT_BOX_DEPTH: usize = 4;

/// What every part of the body is read with (the body and each text box's content, read on
/// their own), and what the whole document showed, reported once.
struct Reading<'a, 'p> {
    parts: &'a Parts<'a>,
    picture: &'p mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
    /// Tracked changes (`w:ins`, `w:del`, `w:moveFrom`, `w:moveTo`, `w:…Change`).
    tracked: bool,
}

fn walk(
    xml: &str,
    parts: &Parts,
    picture: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
) -> Result<Article, String> {
    let mut out = Builder::default();
    let mut reading = Reading {
        parts,
        picture,
        tracked: false,
    };
    walk_into(xml, &mut reading, &mut out, 0)?;
    if reading.tracked {
        out.warn(msg::docx_tracked());
    }
    Ok(out.finish())
}

/// Skips the element `e` has just started, returning the byte range of its content in the
/// text being read.
fn skip(reader: &mut quick_xml::Reader<&[u8]>, e: &BytesStart) -> Result<Range<usize>, String> {
    let name = e.name().as_ref().to_vec();
    let span = reader
        .read_to_end(quick_xml::name::QName(&name))
        .map_err(xml_error)?;
    Ok(span.start as usize..span.end as usize)
}

/// Whether a toggle property (`<w:vanish/>`, `<w:vanish w:val="0"/>`) is on.
fn toggle_on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// The text boxes a paragraph (or a table) was anchored to, as paragraphs after it: a floating
/// box has no place in the flow of text, and reading it where its anchor is would split the
/// paragraph around it.
fn place_text_boxes(
    xml: &str,
    boxes: &mut Vec<(Range<usize>, String)>,
    reading: &mut Reading,
    out: &mut Builder,
    depth: usize,
) -> Result<(), String> {
    for (content, after) in std::mem::take(boxes) {
        let text = plain_text(&xml[content.clone()])?;
        out.warn(msg::docx_text_box(text, after));
        walk_into(&xml[content], reading, out, depth + 1)?;
    }
    Ok(())
}

/// Reads the body (or a text box's content, `depth` boxes deep) into `out`.
fn walk_into(
    xml: &str,
    reading: &mut Reading,
    out: &mut Builder,
    depth: usize,
) -> Result<(), String> {
    let parts = reading.parts;
    let (styles, relations) = (parts.styles, parts.relations);
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut style: Option<String> = None;
    let mut outline: Option<u8> = None;
    // The paragraph's list (`w:numId`) and level in it.
    let mut num: Option<String> = None;
    let mut ilvl = 0usize;
    let mut in_text = false;
    let mut in_properties = 0u32;
    // Inside a run's properties, and the marks of the run.
    let mut in_run_properties = false;
    let mut marks = Marks::NONE;
    // Whether the run is hidden or struck through, and what the paragraph had of each.
    let mut shown = Shown::default();
    let mut pictures: Vec<String> = Vec::new();
    // Text boxes met (their content's bytes, and the text before them) waiting for the end of
    // the paragraph or table they are anchored in.
    let mut boxes: Vec<(Range<usize>, String)> = Vec::new();
    // For each open drawing, the pictures and text boxes met before it: one that adds neither
    // (a chart, SmartArt, a shape) is reported.
    let mut drawings: Vec<(usize, usize)> = Vec::new();
    // For each open `mc:AlternateContent`, whether a branch of it has been read: the same
    // drawing is written once per branch (Word 2010's and a fallback for older readers), and
    // reading them all would import it twice. The first is read (the first `mc:Choice`, else
    // the `mc:Fallback`), as Markup Compatibility lets a reader choose.
    let mut alternates: Vec<bool> = Vec::new();
    // How deep in tables (a table in a cell is that cell's text), and the row and cell being
    // read: whether the row is a header row, the cell's columns and vertical merge.
    let mut tables = 0u32;
    let mut row_header = false;
    let mut cell = (1u32, Merge::None);
    // The open row's element name (to skip to its end when it was deleted) and whether the scan
    // is in its properties; whether the paragraph's mark was deleted (tracked), which joins it
    // to the next when the change is accepted.
    let mut row_name: Vec<u8> = Vec::new();
    let mut in_row_properties = false;
    let mut joins_next = false;
    loop {
        let event = reader.read_event().map_err(xml_error)?;
        let empty = matches!(event, Event::Empty(_));
        let outside_properties = in_properties == 0 && !in_run_properties;
        match event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"AlternateContent" if !empty => alternates.push(false),
                b"Choice" | b"Fallback" if !empty => match alternates.last_mut() {
                    Some(true) => {
                        skip(&mut reader, &e)?;
                    }
                    Some(read) => *read = true,
                    None => {}
                },
                // Tracked changes, imported as if accepted: deleted and moved-away text is
                // left out, as is the formatting a change replaced.
                b"del" | b"moveFrom" if !empty && outside_properties => {
                    reading.tracked = true;
                    skip(&mut reader, &e)?;
                }
                b"ins" | b"moveTo" if !empty && outside_properties => reading.tracked = true,
                // A row deleted with changes tracked: accepted, it is gone (no cell has been
                // read yet: its properties come first).
                b"del" if in_row_properties && !row_name.is_empty() => {
                    reading.tracked = true;
                    in_row_properties = false;
                    reader
                        .read_to_end(quick_xml::name::QName(&row_name))
                        .map_err(xml_error)?;
                }
                // A paragraph mark deleted: accepted, the paragraph runs on into the next.
                b"del" if in_properties > 0 => {
                    reading.tracked = true;
                    joins_next = true;
                }
                b"ins" if in_properties > 0 || in_row_properties => reading.tracked = true,
                b"trPr" if !empty => in_row_properties = true,
                name if !empty && name.ends_with(b"Change") => {
                    reading.tracked = true;
                    skip(&mut reader, &e)?;
                }
                b"txbxContent" if !empty => {
                    let after = out.after_text();
                    let content = skip(&mut reader, &e)?;
                    if depth < MAX_TEXT_BOX_DEPTH {
                        boxes.push((content, after));
                    } else {
                        out.warn(msg::docx_text_box_too_deep(after));
                    }
                }
                b"drawing" | b"pict" | b"object" if !empty && outside_properties => {
                    drawings.push((pictures.len(), boxes.len()))
                }
                b"oMath" if !empty => out.warn(msg::docx_equation(out.after_text())),
                // A phonetic guide above its base text (`w:rubyBase`, read as usual).
                b"rt" if !empty && outside_properties => {
                    let after = out.after_text();
                    let content = skip(&mut reader, &e)?;
                    let guide = plain_text(&xml[content])?;
                    out.warn(msg::docx_ruby(guide, after));
                }
                b"p" if !empty => {
                    style = None;
                    outline = None;
                    num = None;
                    ilvl = 0;
                }
                b"pPr" if !empty => in_properties += 1,
                b"pStyle" if in_properties > 0 => style = attr(&e, b"val"),
                b"outlineLvl" if in_properties > 0 => {
                    outline = attr(&e, b"val").and_then(|v| v.parse().ok())
                }
                b"numId" if in_properties > 0 => num = attr(&e, b"val"),
                b"ilvl" if in_properties > 0 => {
                    ilvl = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(0)
                }
                b"r" if !empty && in_properties == 0 => {
                    marks = Marks::NONE;
                    shown.new_run();
                    out.marks(marks);
                }
                b"rPr" if !empty && in_properties == 0 => in_run_properties = true,
                b"rStyle" if in_run_properties => {
                    if let Some(s) = attr(&e, b"val").and_then(|id| styles.get(&id)) {
                        marks = marks.with(s.marks);
                        out.marks(marks);
                    }
                }
                // A content control (`w:sdt`) still showing its prompt ("单击或点击此处输入文字").
                b"sdt" if !empty => shown.controls.push(false),
                b"showingPlcHdr" => {
                    if let Some(prompt) = shown.controls.last_mut() {
                        *prompt = toggle_on(&e);
                    }
                }
                b"vanish" | b"specVanish" if in_run_properties => shown.hidden = toggle_on(&e),
                b"strike" | b"dstrike" if in_run_properties => shown.struck = toggle_on(&e),
                _ if in_run_properties => {
                    if let Some(mark) = run_mark(&e) {
                        marks = set_mark(marks, mark);
                        out.marks(marks);
                    }
                }
                b"t" if !empty => in_text = true,
                _ if shown.hidden => {}
                b"tab" if in_properties == 0 => out.text(" "),
                // Word's optional hyphen (Ctrl+-) and non-breaking hyphen (Ctrl+Shift+-): the
                // characters they are (a non-breaking hyphen was dropped, 010‑1234 read 0101234).
                b"softHyphen" if in_properties == 0 => out.text("\u{00AD}"),
                b"noBreakHyphen" if in_properties == 0 => out.text("\u{2011}"),
                b"sym" if in_properties == 0 => symbol(&e, out),
                // The note's text is in another part; its mark would be lost without a word.
                b"footnoteReference" | b"endnoteReference" if in_properties == 0 => {
                    let after = out.after_text();
                    out.warn(msg::import_note(after))
                }
                b"br" | b"cr"
                    if in_properties == 0
                        && attr(&e, b"type").is_none_or(|t| t == "textWrapping") =>
                {
                    out.line_break()
                }
                b"tbl" if !empty => {
                    tables += 1;
                    if tables == 1 {
                        out.start_table();
                    }
                }
                b"tr" if !empty => {
                    row_name = e.name().as_ref().to_vec();
                    if tables == 1 {
                        row_header = false;
                    }
                }
                b"tblHeader" if tables == 1 => {
                    row_header = !matches!(attr(&e, b"val").as_deref(), Some("0" | "false" | "off"))
                }
                b"tc" if !empty && tables == 1 => cell = (1, Merge::None),
                b"gridSpan" if tables == 1 => {
                    cell.0 = attr(&e, b"val").and_then(|v| v.parse().ok()).unwrap_or(1)
                }
                b"vMerge" if tables == 1 => {
                    cell.1 = match attr(&e, b"val").as_deref() {
                        Some("restart") => Merge::Restart,
                        _ => Merge::Continue,
                    }
                }
                b"blip" => pictures.extend(attr(&e, b"embed")),
                b"imagedata" => pictures.extend(attr(&e, b"id")),
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"AlternateContent" => {
                    alternates.pop();
                }
                b"sdt" => shown.end_control(out),
                b"drawing" | b"pict" | b"object" if outside_properties => {
                    end_drawing(out, &mut drawings, (pictures.len(), boxes.len()))
                }
                b"pPr" => in_properties = in_properties.saturating_sub(1),
                b"rPr" => in_run_properties = false,
                b"r" if in_properties == 0 => {
                    marks = Marks::NONE;
                    shown.new_run();
                    out.marks(marks);
                }
                // A cell's paragraphs are its lines; its pictures wait for the table's end.
                b"trPr" => in_row_properties = false,
                b"p" if tables > 0 => {
                    shown.end_paragraph(out);
                    if !std::mem::take(&mut joins_next) {
                        out.text("\n")
                    }
                }
                b"tc" if tables == 1 => out.end_cell(cell.0, cell.1),
                // (A row's properties come before its cells: once a nested table's row ends,
                // the outer row's are read already.)
                b"tr" => {
                    row_name.clear();
                    if tables == 1 {
                        out.end_row(row_header)
                    }
                }
                b"tbl" if tables > 0 => {
                    tables -= 1;
                    if tables == 0 {
                        out.end_table();
                        place_pictures(out, &mut pictures, relations, reading.picture)?;
                        place_text_boxes(xml, &mut boxes, reading, out, depth)?;
                    }
                }
                b"p" if std::mem::take(&mut joins_next) => shown.end_paragraph(out),
                b"p" => {
                    shown.end_paragraph(out);
                    let level = outline_level(outline, style.as_deref(), styles);
                    let list = num.take().or_else(|| style_list(style.as_deref(), styles));
                    end_paragraph(out, level, list.as_deref(), ilvl, parts);
                    place_pictures(out, &mut pictures, relations, reading.picture)?;
                    place_text_boxes(xml, &mut boxes, reading, out, depth)?;
                }
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| msg::docx_broken_text(e).text)?;
                shown.text(out, &text)
            }
            Event::GeneralRef(r) if in_text => {
                if let Some(c) = entity(&r) {
                    shown.text(out, c.encode_utf8(&mut [0; 4]))
                }
            }
            Event::CData(t) if in_text => shown.text(out, &String::from_utf8_lossy(&t)),
            _ => {}
        }
    }
    // A paragraph cut off by the end of a text box's content still has its text boxes.
    place_pictures(out, &mut pictures, relations, reading.picture)?;
    place_text_boxes(xml, &mut boxes, reading, out, depth)
}

/// Ends a drawing: one that added no picture and no text box (`met`: how many there are now)
/// was a chart, SmartArt, a shape or WordArt, which the article cannot hold; the clerk hears
/// where it was.
fn end_drawing(out: &mut Builder, drawings: &mut Vec<(usize, usize)>, met: (usize, usize)) {
    if drawings.pop() == Some(met) {
        out.warn(msg::docx_drawing(out.after_text()));
    }
}

/// The character an entity or character reference in text stands for.
fn entity(r: &quick_xml::events::BytesRef) -> Option<char> {
    match r.resolve_char_ref().ok().flatten() {
        Some(c) => Some(c),
        None => match r.decode().ok().as_deref() {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            _ => None,
        },
    }
}

/// How a run's text is shown, where that is something the article cannot show as Word does:
/// hidden text (Word does not print it, so neither does jianbao) and struck-through text (the
/// article has no strikethrough: the text is kept, plain). The clerk hears of each, quoted,
/// once a paragraph. And a template's prompt still in a content control, kept as Word prints
/// it, and quoted once the control ends.
#[derive(Default)]
struct Shown {
    hidden: bool,
    struck: bool,
    hidden_text: String,
    struck_text: String,
    /// The content controls open, innermost last: whether each shows its placeholder.
    controls: Vec<bool>,
    prompt_text: String,
}

impl Shown {
    fn new_run(&mut self) {
        self.hidden = false;
        self.struck = false;
    }

    /// Text of a run: into the article unless hidden, noted when hidden or struck through.
    fn text(&mut self, out: &mut Builder, text: &str) {
        if self.hidden {
            self.hidden_text.push_str(text);
            return;
        }
        if self.struck {
            self.struck_text.push_str(text);
        }
        if self.controls.contains(&true) {
            self.prompt_text.push_str(text);
        }
        out.text(text);
    }

    fn end_control(&mut self, out: &mut Builder) {
        self.controls.pop();
        let text = std::mem::take(&mut self.prompt_text);
        if !self.controls.contains(&true) && !text.trim().is_empty() {
            let quoted = crate::diagnostics::quote_cut(text.trim(), 40);
            out.warn(msg::docx_placeholder(quoted));
        }
    }

    fn end_paragraph(&mut self, out: &mut Builder) {
        let quote = |text: String| {
            let text = text.trim();
            (!text.is_empty()).then(|| crate::diagnostics::quote_cut(text, 40))
        };
        if let Some(hidden) = quote(std::mem::take(&mut self.hidden_text)) {
            out.warn(msg::docx_hidden(hidden));
        }
        if let Some(struck) = quote(std::mem::take(&mut self.struck_text)) {
            out.warn(msg::import_struck(struck));
        }
    }
}

/// The text of a phonetic guide or a text box (its `w:t`), cut short, to quote in a warning.
fn plain_text(xml: &str) -> Result<String, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut text, mut in_text) = (String::new(), false);
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Eof => break,
            Event::Start(e) if e.local_name().as_ref() == b"t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == b"t" => in_text = false,
            Event::Text(t) if in_text => {
                text.push_str(&t.decode().map_err(|e| msg::docx_broken_text(e).text)?)
            }
            _ => {}
        }
    }
    Ok(crate::diagnostics::quote_cut(&text, 40))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Item;

    /// The article read from a document body written out here, its pictures all one PNG.
    fn read_body(body: &str) -> Article {
        let png = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/samples/cqa-2020-03-10/fig2.png"
        ))
        .unwrap();
        let (styles, numbering) = (HashMap::new(), HashMap::new());
        let relations = HashMap::from([("rId7".to_string(), "media/image1.png".to_string())]);
        let parts = Parts {
            styles: &styles,
            relations: &relations,
            numbering: &numbering,
        };
        let xml = format!("<w:document><w:body>{body}</w:body></w:document>");
        walk(&xml, &parts, &mut |_| Ok(png.clone())).unwrap()
    }

    /// Each item as a line: its text, or `[picture]`.
    fn items(article: &Article) -> Vec<String> {
        article
            .items
            .iter()
            .map(|i| match i {
                Item::Paragraph(t) | Item::Title(t) | Item::Heading(_, t) => t.clone(),
                Item::Image(_) => "[picture]".to_string(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn warned(article: &Article, part: &str) -> usize {
        article
            .warnings
            .iter()
            .filter(|w| w.text.contains(part))
            .count()
    }

    /// Word 2010 writes a text box and a picture with effects twice, for itself (`mc:Choice`)
    /// and for older readers (`mc:Fallback`): each was imported twice, and the text box's
    /// paragraph split the paragraph it was anchored in.
    #[test]
    fn alternate_content_is_read_once_and_a_text_box_follows_its_paragraph() {
        let text_box = |wrap: &str| {
            format!("<w:txbxContent><w:p><w:r><w:t>{wrap}框内</w:t></w:r></w:p></w:txbxContent>")
        };
        let body = format!(
            "<w:p><w:r><w:t>甲段开始</w:t></w:r><w:r><mc:AlternateContent>\
             <mc:Choice Requires=\"wps\"><w:drawing><wps:txbx>{}</wps:txbx></w:drawing></mc:Choice>\
             <mc:Fallback><w:pict><v:textbox>{}</v:textbox></w:pict></mc:Fallback>\
             </mc:AlternateContent></w:r><w:r><w:t>甲段结束</w:t></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:drawing>\
             <a:blip r:embed=\"rId7\"/></w:drawing></mc:Choice><mc:Fallback><w:pict>\
             <v:imagedata r:id=\"rId7\"/></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>\
             <w:p><w:r><mc:AlternateContent><mc:Fallback><w:pict><v:textbox>{}</v:textbox>\
             </w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            text_box("新"),
            text_box("旧"),
            text_box("仅旧"),
        );
        let article = read_body(&body);
        assert_eq!(
            items(&article),
            ["甲段开始甲段结束", "新框内", "[picture]", "仅旧框内"]
        );
        assert_eq!(warned(&article, "“新框内” after “甲段开始”"), 1);
        assert_eq!(warned(&article, "text box"), 2, "{:?}", article.warnings);
    }

    /// Accepted as Word's "Accept All Changes" would: insertions and moved-to text kept,
    /// deletions, moved-away text (which Word stores as plain `w:t`) and a deleted picture left
    /// out, and the formatting a change replaced not applied; one warning says so.
    #[test]
    fn tracked_changes_are_imported_as_accepted_and_reported_once() {
        let body = "<w:p><w:r><w:t>保留</w:t></w:r>\
            <w:ins w:id=\"1\"><w:r><w:t>插入</w:t></w:r></w:ins>\
            <w:del w:id=\"2\"><w:r><w:delText>删除</w:delText></w:r>\
            <w:r><w:drawing><a:blip r:embed=\"rId7\"/></w:drawing></w:r></w:del>\
            <w:moveFrom w:id=\"3\"><w:r><w:t>移走</w:t></w:r></w:moveFrom>\
            <w:r><w:rPr><w:rPrChange w:id=\"4\"><w:rPr><w:b/></w:rPr></w:rPrChange></w:rPr>\
            <w:t>曾粗体</w:t></w:r>\
            <w:moveTo w:id=\"5\"><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>";
        let article = read_body(body);
        assert_eq!(items(&article), ["保留插入曾粗体移来"]);
        assert_eq!(
            warned(&article, "tracked changes"),
            1,
            "{:?}",
            article.warnings
        );
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
    }

    /// A deleted table row and a deleted paragraph mark, accepted: the row is gone, and the
    /// paragraph runs on into the next (in the body and in a cell).
    #[test]
    fn a_deleted_row_and_a_deleted_paragraph_mark_are_accepted() {
        let row = |deleted: bool, text: &str| {
            let del = if deleted { "<w:del w:id=\"9\"/>" } else { "" };
            format!("<w:tr><w:trPr>{del}</w:trPr><w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr>")
        };
        let joined = "<w:p><w:pPr><w:rPr><w:del w:id=\"8\"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>\
            <w:p><w:r><w:t>后半</w:t></w:r></w:p>";
        let body = format!(
            "{joined}<w:tbl>{}{}{}</w:tbl>",
            row(false, "甲"),
            row(true, "删去的行"),
            row(false, "乙"),
        );
        let article = read_body(&body);
        let table = article.items.iter().find_map(|i| match i {
            Item::Table(t) => Some(format!("{:?}", t.rows)),
            _ => None,
        });
        assert_eq!(items(&article)[0], "前半后半");
        let table = table.unwrap();
        assert!(table.contains("甲") && table.contains("乙"), "{table}");
        assert!(!table.contains("删去的行"), "{table}");
        assert_eq!(
            warned(&article, "tracked changes"),
            1,
            "{:?}",
            article.warnings
        );
    }

    /// Hidden text is not printed by Word and is left out, with its words quoted (struck-through
    /// text is kept, and quoted too: the article cannot strike it through); a phonetic guide
    /// keeps its base text; a chart or shape (a drawing with no picture and no text box)
    /// and an equation are reported where they were. Without these, the guide was read into
    /// the text (`jiǎnbào简报`), hidden text printed, and a chart vanished without a word.
    #[test]
    fn hidden_text_ruby_drawings_and_equations_are_reported() {
        let body = "<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr>\
            <w:t>隐藏的备注</w:t></w:r><w:r><w:rPr><w:vanish w:val=\"0\"/></w:rPr>\
            <w:t>又可见</w:t></w:r><w:r><w:rPr><w:strike/></w:rPr><w:t>售罄</w:t></w:r></w:p>\
            <w:p><w:r><w:t>注音</w:t></w:r><w:r><w:ruby><w:rt><w:r><w:t>jiǎnbào</w:t></w:r></w:rt>\
            <w:rubyBase><w:r><w:t>简报</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>\
            <w:p><w:r><w:t>图表</w:t></w:r><w:r><w:drawing><wp:inline><a:graphic><a:graphicData>\
            <c:chart r:id=\"rId9\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>\
            <w:p><w:r><w:t>公式</w:t></w:r><m:oMath><m:r><m:t>x</m:t></m:r></m:oMath></w:p>";
        let article = read_body(body);
        assert_eq!(
            items(&article),
            ["可见又可见售罄", "注音简报", "图表", "公式x"]
        );
        assert_eq!(
            warned(&article, "(a bulletin has no strikethrough): “售罄”"),
            1
        );
        assert_eq!(
            warned(&article, "“隐藏的备注”"),
            1,
            "{:?}",
            article.warnings
        );
        assert_eq!(warned(&article, "“jiǎnbào” after “注音”"), 1);
        assert_eq!(warned(&article, "drawing (a chart"), 1);
        assert_eq!(warned(&article, "equation after “公式”"), 1);
        assert_eq!(article.warnings.len(), 5, "{:?}", article.warnings);
    }

    /// A template's content control still showing its prompt is imported as Word prints it,
    /// and quoted in a warning; a filled-in control says nothing.
    #[test]
    fn a_content_control_showing_its_prompt_is_reported() {
        let control = |prompt: bool, text: &str| {
            let flag = if prompt { "<w:showingPlcHdr/>" } else { "" };
            format!(
                "<w:sdt><w:sdtPr><w:alias w:val=\"发文字号\"/>{flag}</w:sdtPr><w:sdtContent>\
                 <w:r><w:t>{text}</w:t></w:r></w:sdtContent></w:sdt>"
            )
        };
        let body = format!(
            "<w:p><w:r><w:t>字号：</w:t></w:r>{}</w:p><w:p><w:r><w:t>日期：</w:t></w:r>{}</w:p>",
            control(true, "单击或点击此处输入文字。"),
            control(false, "2020年7月20日"),
        );
        let article = read_body(&body);
        assert_eq!(
            items(&article),
            ["字号：单击或点击此处输入文字。", "日期：2020年7月20日"]
        );
        assert_eq!(
            warned(
                &article,
                "still shows its prompt “单击或点击此处输入文字。”"
            ),
            1
        );
        assert_eq!(article.warnings.len(), 1, "{:?}", article.warnings);
    }

    /// Heading styles are known by Word's names, the Chinese ones (标题, 标题 1) and their
    /// outline level, followed up `basedOn`.
    #[test]
    fn heading_styles_are_known_by_english_and_chinese_names() {
        let style = |name: &str, based_on: Option<&str>| Style {
            name: name.to_string(),
            based_on: based_on.map(str::to_string),
            ..Style::default()
        };
        let styles = HashMap::from([
            ("a".to_string(), style("Title", None)),
            ("b".to_string(), style("标题", None)),
            ("c".to_string(), style("标题 2", None)),
            ("d".to_string(), style("标题3", None)),
            ("e".to_string(), style("我的小标题", Some("c"))),
            ("f".to_string(), style("正文", None)),
        ]);
        let levels: Vec<u8> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|id| outline_level(None, Some(id), &styles))
            .collect();
        assert_eq!(levels, [1, 1, 2, 3, 2, 0]);
    }

    /// Text boxes nest (a box in a box's paragraph) only so deep; past that one is reported,
    /// so a hostile document cannot make the reader recurse without bound.
    #[test]
    fn text_boxes_nested_too_deep_are_reported_not_read() {
        let mut body = "<w:p><w:r><w:t>最里</w:t></w:r></w:p>".to_string();
        for level in (0..6).rev() {
            body = format!(
                "<w:p><w:r><w:t>第{level}层</w:t></w:r><w:r><w:pict><v:textbox><w:txbxContent>\
                 {body}</w:txbxContent></v:textbox></w:pict></w:r></w:p>"
            );
        }
        let article = read_body(&body);
        let paragraphs = items(&article);
        assert_eq!(
            paragraphs[..5],
            ["第0层", "第1层", "第2层", "第3层", "第4层"]
        );
        assert_eq!(paragraphs.len(), 5, "{paragraphs:?}");
        assert_eq!(warned(&article, "more than 4 deep after “第4层”"), 1);
    }
}
