//! From the merged layout spec to concrete styles, page geometry and fonts, with the defaults
//! that apply where no layout says otherwise.
//!
//! Inheritance: every role takes `font`, `latin-font` and `color` from `[body]` unless it sets
//! them; a role that sets `size` but not `line-pitch` keeps the body's ratio of pitch to size.

use super::document::*;
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
pub fn build(def: &Definition, spec: &LayoutSpec, assets: &dyn Assets) -> Result<Document> {
    let page = geometry(spec);
    let body_spec = spec.body.clone().unwrap_or_default();
    let body_size = body_spec.size.map_or(Pt(12.0), |s| s.0.resolve(Pt(12.0)));
    let grid = grid(def, spec, &page, body_size)?;
    let body_pitch = match grid.and_then(|g| g.line_pitch) {
        Some(pitch) => pitch,
        None => body_spec
            .line_pitch
            .map_or(body_size * 1.5, |p| p.0.resolve(body_size)),
    };
    let mut styler = Styler {
        spec,
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
    if page.text_width().0 < body_size.0 * 4.0 || page.text_height().0 < body_pitch.0 * 3.0 {
        return Err(Error::new(
            ErrorKind::Invalid,
            format!(
                "the page's margins leave a text block of {:.0}×{:.0} mm, too small for the body text",
                page.text_width().to_mm(),
                page.text_height().to_mm()
            ),
        )
        .with_path(&def.source.path));
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
fn grid(
    def: &Definition,
    spec: &LayoutSpec,
    page: &PageGeometry,
    body_size: Pt,
) -> Result<Option<Grid>> {
    let Some(g) = &spec.grid else { return Ok(None) };
    let invalid =
        |msg: String| Err(Error::new(ErrorKind::Invalid, msg).with_path(&def.source.path));
    let char_pitch = match g.characters.as_ref().map(|n| *n.get_ref()) {
        Some(n) => {
            let pitch = page.text_width() / n as f64;
            if pitch.0 < body_size.0 * 0.9 {
                return invalid(format!(
                    "[grid] {n} characters a line leave {pitch} a character, too little for the body's {body_size} type"
                ));
            }
            Some(pitch)
        }
        None => None,
    };
    let line_pitch = match g.lines.as_ref().map(|n| *n.get_ref()) {
        Some(n) => {
            let pitch = page.text_height() / n as f64;
            if pitch.0 < body_size.0 {
                return invalid(format!(
                    "[grid] {n} lines a page leave {pitch} a line, less than the body's {body_size} type"
                ));
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
    spec: &'a LayoutSpec,
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
        if !(1.0..=500.0).contains(&size.0) {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!("[{role}] size {size} is not a usable type size"),
            ));
        }
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
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Invalid,
                    format!(
                        "the layout sets no font for [{role}] (and none for [body] to inherit)"
                    ),
                )
            })?;
        let latin = own
            .latin_font
            .as_ref()
            .or(self.body.latin_font.as_ref())
            .map(|l| l.get_ref().clone());
        let chain = self.chain(&font, latin.as_ref())?;
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

    /// Opens the faces a font reference names.
    fn chain(&mut self, font: &FontRef, latin: Option<&FontRef>) -> Result<FontChain> {
        let faces = font_names(font, self.spec)
            .iter()
            .map(|n| open(n, self.assets).map(|f| self.fonts.add(f)))
            .collect::<Result<Vec<_>>>()?;
        let latin = match latin {
            Some(l) => match font_names(l, self.spec).first() {
                Some(n) => Some(self.fonts.add(open(n, self.assets)?)),
                None => None,
            },
            None => None,
        };
        Ok(FontChain { faces, latin })
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
            Some(font) => self.chain(font.get_ref(), None)?,
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
                .and_then(|h| h.copy_digits)
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
