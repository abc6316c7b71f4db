//! From the merged layout spec to concrete styles, page geometry and fonts, with the defaults
//! that apply where no layout says otherwise.
//!
//! Inheritance: every role takes `font`, `latin-font` and `color` from `[body]` unless it sets
//! them; a role that sets `size` but not `line-pitch` keeps the body's ratio of pitch to size.

use super::document::*;
use super::layouts::{Layout, Place};
use super::Assets;
use crate::error::{Error, ErrorKind, Result};
use crate::fonts::{FontChain, FontSet};
use crate::model::layout::{
    Align, FontRef, Hyphenation, LayoutSpec, LineBreaking, Placement, Punctuation, Strictness,
    StyleSpec,
};
use crate::model::{Color, Definition, Extent, PaperSize};
use crate::text::TextSettings;
use crate::units::{Length, Pt};

/// Builds the document's frame (everything but its content blocks).
pub fn build(def: &Definition, layout: &Layout, assets: &dyn Assets) -> Result<Document> {
    let spec = &layout.spec;
    let page = geometry(spec);
    let body_spec = spec.body.clone().unwrap_or_default();
    let body_size = body_spec.size.map_or(Pt(12.0), |s| s.0.resolve(Pt(12.0)));
    // Before the grid, whose checks measure against the body size.
    check_size(layout, "body", true, body_size, 1.0)?;
    let grid = grid(layout, &page, body_size)?;
    let body_pitch = match grid.and_then(|g| g.line_pitch) {
        Some(pitch) => pitch,
        None => body_spec
            .line_pitch
            .map_or(body_size * 1.5, |p| p.0.resolve(body_size)),
    };
    let own_pitch = body_spec.line_pitch.is_some();
    let mut styler = Styler {
        layout,
        assets,
        body: body_spec,
        body_size,
        pitch_ratio: body_pitch / body_size,
        grid,
        fonts: FontSet::default(),
        notes: Vec::new(),
    };
    let role = |r: &Option<StyleSpec>| r.clone().unwrap_or_default();
    let body = styler.style("body", &role(&spec.body), RoleDefaults::BODY)?;
    let title = styler.style("title", &role(&spec.title), RoleDefaults::TITLE)?;
    let mut headings = Vec::with_capacity(4);
    for (n, level) in heading_levels(spec).iter().enumerate() {
        let name = format!("heading-{}", n + 1);
        headings.push(styler.style(&name, level, RoleDefaults::HEADING)?);
    }
    let headings: [Style; 4] = headings.try_into().expect("four heading levels");
    let note_spec = role(&spec.note);
    let note = styler.style("note", &note_spec, RoleDefaults::BODY)?;
    let note_label = styler.note_label(&note_spec, &note)?;
    let caption = styler.style("caption", &role(&spec.caption), RoleDefaults::CAPTION)?;
    let addressee = styler.style(
        "addressee",
        &role(&spec.addressee),
        RoleDefaults {
            indent: 0.0,
            ..RoleDefaults::BODY
        },
    )?;
    let signature = signature(&role(&spec.signature), &mut styler, body_pitch)?;
    let attachment_note_spec = role(&spec.attachment_note);
    let mut attachment_note =
        styler.style("attachment-note", &attachment_note_spec, RoleDefaults::BODY)?;
    if attachment_note_spec.space_before.is_none() {
        // One blank line under the text (GB/T 9704 7.3.4).
        attachment_note.space_before = body_pitch;
    }
    let attachment_spec = role(&spec.attachment);
    let mut attachment = styler.style(
        "attachment",
        &attachment_spec,
        RoleDefaults {
            indent: 0.0,
            ..RoleDefaults::HEADING
        },
    )?;
    if attachment_spec.space_after.is_none() {
        // The attachment's title on the third line (GB/T 9704 8).
        attachment.space_after = body_pitch;
    }
    let attachment_note_label = attachment_note_spec
        .label
        .as_ref()
        .map_or_else(|| "附件：".to_string(), |l| l.get_ref().clone());
    let header = running("header", spec.header.as_ref(), &mut styler)?;
    let footer = running("footer", spec.footer.as_ref(), &mut styler)?;

    let meta = metadata(def, spec);
    let narrow = page.text_width().0 < body_size.0 * 4.0;
    if narrow || page.text_height().0 < body_pitch.0 * 3.0 {
        let block = format!(
            "{:.0}×{:.0} mm",
            page.text_width().to_mm(),
            page.text_height().to_mm()
        );
        let error = Error::new(
            ErrorKind::Invalid,
            format!("the page's margins leave a text block of {block}, too small for the body text"),
        )
        .help(format!(
            "the body text is {body_size} on a {body_pitch} line pitch; the text block must hold 4 characters a line and 3 lines"
        ));
        // A text block that would hold 12-point text is the body's fault, not the page's.
        let fits_12pt = page.text_width().0 >= 48.0 && page.text_height().0 >= 54.0;
        let body_key = if narrow || !own_pitch {
            "size"
        } else {
            "line-pitch"
        };
        let (place, label) = match layout.locate(&["page"]).filter(|_| !fits_12pt) {
            Some(page) => (Some(page), format!("this page leaves a {block} text block")),
            None => (
                layout.locate(&["body", body_key]),
                format!("too large for a {block} text block"),
            ),
        };
        return Err(place_or_layout(error, place, label, layout));
    }
    let masthead = super::bulletin::masthead(def, spec, &meta, &mut styler)?;
    let end_block = super::bulletin::end_block(def, spec, &meta, &mut styler)?;
    let t = spec.text.clone().unwrap_or_default();
    let f = spec.figure.clone().unwrap_or_default();
    Ok(Document {
        source: def.source.clone(),
        meta,
        page,
        text: TextSettings {
            line_breaking: t.line_breaking.unwrap_or(LineBreaking::TotalFit),
            punctuation: t.punctuation.unwrap_or(Punctuation::Gb),
            strictness: t.strictness.unwrap_or(Strictness::Gb),
            cjk_latin_spacing: t.cjk_latin_spacing.unwrap_or(true),
            hanging_punctuation: t.hanging_punctuation.unwrap_or(false),
            hyphenation: t.hyphenation.unwrap_or(Hyphenation::Auto),
            grid: None,
        },
        widows: t.widows.unwrap_or(2).max(1),
        orphans: t.orphans.unwrap_or(2).max(1),
        figures: FigureSettings {
            placement: f.placement.unwrap_or(Placement::Float),
            width: f.width.unwrap_or(Extent::Percent(70.0)),
            max_height: f.max_height.unwrap_or(Extent::Percent(45.0)),
            space_before: f
                .space_before
                .map_or(body_size * 0.5, |l| l.0.resolve(body_size)),
            space_after: f
                .space_after
                .map_or(body_size * 0.5, |l| l.0.resolve(body_size)),
            caption_gap: f
                .caption_gap
                .map_or(body_size * 0.4, |l| l.0.resolve(body_size)),
        },
        body,
        title,
        headings,
        note,
        note_label,
        caption,
        addressee,
        signature,
        attachment_note,
        attachment_note_label,
        attachment,
        header,
        footer,
        masthead,
        end_block,
        grid,
        blocks: Vec::new(),
        fonts: styler.fonts,
        images: Vec::new(),
        notes: styler
            .notes
            .into_iter()
            .filter(|(role, _)| role_in_use(role, def))
            .map(|(_, note)| note)
            .collect(),
        warnings: Vec::new(),
    })
}

/// Whether the definition has text in a role (so that notes about unused roles stay quiet).
fn role_in_use(role: &str, def: &Definition) -> bool {
    use crate::model::Block;
    let any = |f: &dyn Fn(&Block) -> bool| def.blocks.iter().any(f);
    match role {
        "title" => any(&|b| matches!(b, Block::Title { .. })),
        "note" | "note label" => any(&|b| matches!(b, Block::Note { .. })),
        "caption" => any(&|b| matches!(b, Block::Figure(f) if f.caption.is_some())),
        "body" => any(&|b| matches!(b, Block::Paragraph { .. })),
        "addressee" => def.meta.to.is_some(),
        "signature" => def.meta.signature.is_some(),
        "attachment-note" => def.meta.attachments.is_some(),
        "attachment" => any(&|b| matches!(b, Block::Attachment { .. })),
        _ => match role
            .strip_prefix("heading-")
            .and_then(|l| l.parse::<u8>().ok())
        {
            Some(level) => any(&|b| matches!(b, Block::Heading { level: l, .. } if *l == level)),
            None => true,
        },
    }
}

/// Each heading level's own values laid over what `[heading]` gives all levels.
pub fn heading_levels(spec: &LayoutSpec) -> [StyleSpec; 4] {
    use crate::model::layout::Merge;
    let base = spec.heading.clone().unwrap_or_default();
    [
        &spec.heading_1,
        &spec.heading_2,
        &spec.heading_3,
        &spec.heading_4,
    ]
    .map(|level| {
        level
            .clone()
            .map_or_else(|| base.clone(), |l| l.merge(base.clone()))
    })
}

/// The grid's pitches from the text block, checked against the body size.
fn grid(layout: &Layout, page: &PageGeometry, body_size: Pt) -> Result<Option<Grid>> {
    let Some(g) = &layout.spec.grid else {
        return Ok(None);
    };
    let invalid = |msg: String, key: &str, label: String| {
        let error = Error::new(ErrorKind::Invalid, msg);
        Err(place_or_layout(
            error,
            layout.locate(&["grid", key]),
            label,
            layout,
        ))
    };
    let char_pitch = match g.characters.as_ref().map(|n| *n.get_ref()) {
        Some(n) => {
            let pitch = page.text_width() / n as f64;
            if pitch.0 < body_size.0 * 0.9 {
                return invalid(
                    format!(
                        "[grid] {n} characters a line leave {pitch} a character, too little for the body's {body_size} type"
                    ),
                    "characters",
                    "too many for the text width".to_string(),
                );
            }
            Some(pitch)
        }
        None => None,
    };
    let line_pitch = match g.lines.as_ref().map(|n| *n.get_ref()) {
        Some(n) => {
            let pitch = page.text_height() / n as f64;
            if pitch.0 < body_size.0 {
                return invalid(
                    format!(
                        "[grid] {n} lines a page leave {pitch} a line, less than the body's {body_size} type"
                    ),
                    "lines",
                    "too many for the text height".to_string(),
                );
            }
            Some(pitch)
        }
        None => None,
    };
    Ok(Some(Grid {
        char_pitch,
        line_pitch,
    }))
}

/// What a role looks like when the layout says nothing: size relative to the body, alignment,
/// first-line indent (in ems of its own size) and spacing (in lines of its own pitch).
#[derive(Clone, Copy)]
pub struct RoleDefaults {
    pub size: f64,
    pub align: Align,
    pub indent: f64,
    pub before: f64,
    pub after: f64,
}

impl RoleDefaults {
    pub const BODY: RoleDefaults = RoleDefaults {
        size: 1.0,
        align: Align::Justify,
        indent: 2.0,
        before: 0.0,
        after: 0.0,
    };
    const TITLE: RoleDefaults = RoleDefaults {
        size: 1.375,
        align: Align::Center,
        indent: 0.0,
        before: 0.5,
        after: 0.5,
    };
    const HEADING: RoleDefaults = RoleDefaults {
        size: 1.0,
        align: Align::Left,
        indent: 2.0,
        before: 0.0,
        after: 0.0,
    };
    const CAPTION: RoleDefaults = RoleDefaults {
        size: 0.875,
        align: Align::Center,
        indent: 0.0,
        before: 0.0,
        after: 0.0,
    };
    pub const RUNNING: RoleDefaults = RoleDefaults {
        size: 0.75,
        align: Align::Left,
        indent: 0.0,
        before: 0.0,
        after: 0.0,
    };
}

/// What resolving a style needs besides the role's own values: the body's values (which roles
/// inherit), the grid, the fonts opened so far, and notes for verbose output.
pub struct Styler<'a> {
    layout: &'a Layout,
    assets: &'a dyn Assets,
    body: StyleSpec,
    body_size: Pt,
    pitch_ratio: f64,
    grid: Option<Grid>,
    pub fonts: FontSet,
    /// Notes for verbose output, with the role each is about.
    pub notes: Vec<(String, String)>,
}

impl Styler<'_> {
    /// Resolves the style of `role` from its own values, the body's, and the role's defaults.
    pub fn style(&mut self, role: &str, own: &StyleSpec, d: RoleDefaults) -> Result<Style> {
        let size = match own.size {
            Some(s) => s.0.resolve(self.body_size),
            None => self.body_size * d.size,
        };
        check_size(self.layout, role, own.size.is_some(), size, d.size)?;
        // Text at the body size is set on the grid, when there is one.
        let on_grid = self
            .grid
            .filter(|_| (size.0 - self.body_size.0).abs() < 0.01);
        let line_pitch = match on_grid.and_then(|g| g.line_pitch) {
            Some(pitch) => pitch,
            None => own
                .line_pitch
                .map_or(size * self.pitch_ratio, |p| p.0.resolve(size))
                .max(size * 0.5),
        };
        let font = own
            .font
            .as_ref()
            .or(self.body.font.as_ref())
            .map(|f| f.get_ref().clone())
            .ok_or_else(|| self.no_font(role))?;
        let latin = own
            .latin_font
            .as_ref()
            .or(self.body.latin_font.as_ref())
            .map(|l| l.get_ref().clone());
        let chain = self.chain(role, "font", &font, latin.as_ref())?;
        let len = |l: Option<crate::model::LengthValue>, default: Length| {
            l.map_or(default, |v| v.0).resolve(size)
        };
        let embolden = self.embolden(role, &chain, own.bold.unwrap_or(false), size);
        let char_pitch = on_grid.and_then(|g| g.char_pitch);
        // On the grid a character is a cell: a 2-character indent is two cells.
        let indent = len(own.indent, Length::Em(d.indent)) * char_pitch.map_or(1.0, |p| p / size);
        Ok(Style {
            chain,
            size,
            line_pitch,
            indent,
            align: own.align.unwrap_or(d.align),
            color: own.color.or(self.body.color).unwrap_or(Color::BLACK),
            space_before: len(own.space_before, Length::Pt(line_pitch * d.before)),
            space_after: len(own.space_after, Length::Pt(line_pitch * d.after)),
            embolden,
            grid: char_pitch,
        })
    }

    /// The error for a role that has no font, neither its own nor the body's: at the role's
    /// table (or the body's) in the file that would take a `font`.
    fn no_font(&self, role: &str) -> Error {
        let error = Error::new(
            ErrorKind::Invalid,
            match role {
                "body" => "the layout sets no font for [body]".to_string(),
                _ => format!("the layout sets no font for [{role}] (and none for [body] to inherit)"),
            },
        )
        .help("give [body] a `font`: a chain from [fonts] (`font = \"serif\"`) or a list of font names");
        let place = self
            .layout
            .locate_role(role, None)
            .or_else(|| self.layout.locate(&["body"]));
        place_or_layout(error, place, "no `font` here".to_string(), self.layout)
    }

    /// Opens the faces a font reference names (`key` of `role`, or the body's when the role has
    /// none) and the Latin font.
    fn chain(
        &mut self,
        role: &str,
        key: &str,
        font: &FontRef,
        latin: Option<&FontRef>,
    ) -> Result<FontChain> {
        let faces = font_names(font, &self.layout.spec)
            .iter()
            .map(|n| open(n, self.assets).map(|f| self.fonts.add(f)))
            .collect::<Result<Vec<_>>>()
            .map_err(|e| self.font_error(e, role, key))?;
        let latin = match latin {
            Some(l) => match font_names(l, &self.layout.spec).first() {
                Some(n) => {
                    let face =
                        open(n, self.assets).map_err(|e| self.font_error(e, role, "latin-font"))?;
                    Some(self.fonts.add(face))
                }
                None => None,
            },
            None => None,
        };
        Ok(FontChain { faces, latin })
    }

    /// A font that does not open, pointed at where the role's font is named.
    fn font_error(&self, error: Error, role: &str, key: &str) -> Error {
        if error.location.is_some() {
            return error;
        }
        let place = self
            .layout
            .locate_role(role, Some(key))
            .or_else(|| self.layout.locate(&["body", key]));
        place_or_layout(error, place, "this font".to_string(), self.layout)
    }

    /// The stroke that makes text bold when the style asks for bold and its face has none: a
    /// real bold face, when the chain starts with one, is used as it is.
    fn embolden(&mut self, role: &str, chain: &FontChain, bold: bool, size: Pt) -> Pt {
        if !bold {
            return Pt::ZERO;
        }
        let face = self.fonts.get(chain.primary());
        if face.is_bold() {
            return Pt::ZERO;
        }
        let width = size * FAKE_BOLD_EM;
        self.notes.push((
            role.to_string(),
            format!(
                "[{role}] is bold but {} has no bold face: it is drawn with fake bold (stroke and fill, {width} line)",
                face.postscript_name
            ),
        ));
        width
    }

    /// The label that opens an editor's note, in its own face when the layout gives one.
    fn note_label(&mut self, spec: &StyleSpec, note: &Style) -> Result<Option<NoteLabel>> {
        let Some(label) = spec.label.as_ref().map(|l| l.get_ref().trim().to_string()) else {
            return Ok(None);
        };
        if label.is_empty() {
            return Ok(None);
        }
        let chain = match &spec.label_font {
            Some(font) => self.chain("note", "label-font", font.get_ref(), None)?,
            None => note.chain.clone(),
        };
        let embolden = self.embolden(
            "note label",
            &chain,
            spec.label_bold.unwrap_or(false),
            note.size,
        );
        Ok(Some(NoteLabel {
            text: label,
            chain,
            embolden,
        }))
    }

    pub fn body_size(&self) -> Pt {
        self.body_size
    }
}

/// A type size must be between 1 and 500 points. `own`: the role sets its size (otherwise it is
/// `factor` times the body's).
fn check_size(layout: &Layout, role: &str, own: bool, size: Pt, factor: f64) -> Result<()> {
    if (1.0..=500.0).contains(&size.0) {
        return Ok(());
    }
    let error = Error::new(
        ErrorKind::Invalid,
        format!("[{role}] size {size} is not a usable type size"),
    )
    .help("a type size is between 1pt and 500pt");
    let (place, label) = if own {
        (
            layout.locate_role(role, Some("size")),
            "this size".to_string(),
        )
    } else {
        (
            layout.locate(&["body", "size"]),
            format!("[{role}] is {factor} times this"),
        )
    };
    Err(place_or_layout(error, place, label, layout))
}

/// Points an error at `place` with `label`, or, when no file of the layout has the place, at
/// the definition's `layout = "…"`.
fn place_or_layout(error: Error, place: Option<Place>, label: String, layout: &Layout) -> Error {
    match place {
        Some((source, span)) => error.at(&source, span).label(label),
        None => {
            let (source, span) = layout.named();
            error.at(&source, span).label("this layout")
        }
    }
}

fn open(name: &str, assets: &dyn Assets) -> Result<std::sync::Arc<crate::fonts::FontFace>> {
    assets
        .font(name)
        .map_err(|msg| Error::new(ErrorKind::Font, msg))
}

/// The font names a reference stands for (a chain from `[fonts]`, or the list itself).
fn font_names(font: &FontRef, spec: &LayoutSpec) -> Vec<String> {
    match font {
        FontRef::List(names) => names.clone(),
        FontRef::Name(chain) => spec
            .fonts
            .as_ref()
            .and_then(|f| f.get(chain))
            .map(|names| names.get_ref().clone())
            .unwrap_or_default(),
    }
}

fn running(role: &str, spec: Option<&StyleSpec>, styler: &mut Styler) -> Result<Option<Running>> {
    let Some(spec) = spec else { return Ok(None) };
    let slot = |s: &Option<toml::Spanned<String>>| {
        s.as_ref()
            .map(|t| t.get_ref().clone())
            .filter(|t| !t.is_empty())
    };
    let (left, center, right) = (slot(&spec.left), slot(&spec.center), slot(&spec.right));
    let (outside, inside) = (slot(&spec.outside), slot(&spec.inside));
    let rule = spec.rule.map_or(Pt::ZERO, |r| r.0.resolve(Pt(12.0)));
    let empty = [&left, &center, &right, &outside, &inside]
        .iter()
        .all(|s| s.is_none());
    if empty && rule.0 <= 0.0 {
        return Ok(None);
    }
    let style = styler.style(role, spec, RoleDefaults::RUNNING)?;
    let distance = spec
        .distance
        .map_or(style.size * 1.2, |d| d.0.resolve(style.size));
    Ok(Some(Running {
        left,
        center,
        right,
        outside,
        inside,
        inset: spec.inset.map_or(Pt::ZERO, |i| i.0.resolve(style.size)),
        rule,
        rule_color: spec.rule_color.unwrap_or(style.color),
        distance,
        first_page: spec.first_page.unwrap_or(true),
        style,
    }))
}

/// The 落款's style: right-aligned, two characters in from the right edge, the date two
/// characters right of the signature, one blank line under the text (GB/T 9704-2012 7.3.5.2).
fn signature(spec: &StyleSpec, styler: &mut Styler, body_pitch: Pt) -> Result<SignatureStyle> {
    let mut style = styler.style(
        "signature",
        spec,
        RoleDefaults {
            indent: 0.0,
            align: Align::Right,
            ..RoleDefaults::BODY
        },
    )?;
    if spec.space_before.is_none() {
        style.space_before = body_pitch;
    }
    // On the grid a character is a cell.
    let cell = style.grid.map_or(1.0, |pitch| pitch / style.size);
    let em = |v: Option<crate::model::LengthValue>| {
        v.map_or(Length::Em(2.0), |l| l.0).resolve(style.size) * cell
    };
    Ok(SignatureStyle {
        inset: em(spec.inset),
        shift: em(spec.shift),
        style,
    })
}

fn metadata(def: &Definition, spec: &LayoutSpec) -> Metadata {
    let m = &def.meta;
    let date_format = spec
        .date_format
        .clone()
        .unwrap_or_else(|| "{year}年{month}月{day}日".to_string());
    let first_title = def.blocks.iter().find_map(|b| match b {
        crate::model::Block::Title { text, .. } => Some(crate::model::definition::join_lines(text)),
        _ => None,
    });
    Metadata {
        title: m
            .title
            .clone()
            .or(first_title)
            .or_else(|| m.name.clone())
            .unwrap_or_default(),
        publisher: m.publisher.clone(),
        author: m.author.clone().unwrap_or_else(|| m.publisher.clone()),
        subject: m.subject.clone().unwrap_or_default(),
        keywords: m.keywords.clone(),
        date: m.date,
        date_text: m.date.format(&date_format),
        name: m.name.clone(),
        issue: m.issue,
        first_page: m.first_page,
        supplement: m.supplement,
        total_issue: m.total_issue,
        classification: m.classification.clone(),
        copy_number: m.copy_number.map(|n| {
            let digits = spec
                .masthead
                .as_ref()
                .and_then(|h| h.copy_digits.as_ref().map(|d| *d.get_ref()))
                .unwrap_or(6) as usize;
            format!("{n:0digits$}")
        }),
        copies: m.copies.as_ref().map(|c| *c.get_ref()),
        code: m.code.clone(),
        urgency: m.urgency.clone(),
    }
}

fn geometry(spec: &LayoutSpec) -> PageGeometry {
    let p = spec.page.clone().unwrap_or_default();
    let paper = p
        .size
        .unwrap_or_else(|| PaperSize::by_name("A4").expect("A4 is known"));
    let len = |v: Option<crate::model::LengthValue>, default: Pt| {
        v.map_or(default, |l| l.0.resolve(Pt(12.0)))
    };
    let margin = Pt::from_mm(25.0);
    PageGeometry {
        width: len(p.width, paper.width),
        height: len(p.height, paper.height),
        top: len(p.top, margin),
        bottom: len(p.bottom, margin),
        left: len(p.left, margin),
        right: len(p.right, margin),
    }
}
