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
use crate::messages::msg;
use crate::model::layout::{
    FontRef, Hyphenation, LayoutSpec, LineBreaking, Placement, Punctuation, Strictness, StyleSpec,
};
use crate::model::markup::Marks;
use crate::model::roles::{self, Defaults, Role, Spacing};
use crate::model::{Color, Definition, Extent, PaperSize};
use crate::text::TextSettings;
use crate::units::{Length, Pt};
use std::collections::BTreeMap;

/// Superscripts and subscripts, when the layout says nothing: 0.6 of the text's size (about
/// Word's two thirds, a little smaller so that m² and 注释号 stay inside the line's em box),
/// the superscript raised 0.36 em (its top then meets the top of a Han character), the
/// subscript lowered 0.12 em (its foot at the bottom of the em box).
const SCRIPT_SIZE: f64 = 0.6;
const SUPERSCRIPT_RISE: f64 = 0.36;
const SUBSCRIPT_DROP: f64 = 0.12;

/// Builds the document's frame (everything but its content blocks).
pub fn build(def: &Definition, layout: &Layout, assets: &dyn Assets) -> Result<Document> {
    let spec = &layout.spec;
    let page = geometry(spec);
    let body_spec = spec_of(spec, "body");
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
        body_pitch,
        grid,
        fonts: FontSet::default(),
        notes: Vec::new(),
        passed_over: Vec::new(),
        styles: Default::default(),
        faces_used: faces_used(def),
    };
    // Every kind that is not furniture, in the registry's order (the order fonts are opened
    // in).
    for role in roles::KINDS
        .iter()
        .filter(|k| !k.furniture)
        .filter_map(|k| k.role)
    {
        styler.style(role)?;
    }
    let note_label = spec_of(spec, "note")
        .label
        .map(|l| l.get_ref().trim().to_string())
        .filter(|l| !l.is_empty());
    let signature = signature(&spec_of(spec, "signature"), &styler);
    let attachment_note_label = spec_of(spec, "attachment-note")
        .label
        .as_ref()
        .map_or_else(|| "附件：".to_string(), |l| l.get_ref().clone());
    let leaders = [Role::ContentsEntry, Role::ContentsEntry2]
        .into_iter()
        .filter_map(|r| {
            let leader = spec_of(spec, r.kind().table).leader?.into_inner();
            Some((r, leader)).filter(|(_, l)| !l.is_empty())
        })
        .collect();
    let header = running(Role::Header, &mut styler)?;
    let footer = running(Role::Footer, &mut styler)?;
    for r in header.iter().chain(&footer) {
        check_running(layout, &page, r, styler.styles[&r.role].size)?;
    }

    let meta = metadata(def, spec);
    let narrow = page.text_width().0 < body_size.0 * 4.0;
    if narrow || page.text_height().0 < body_pitch.0 * 3.0 {
        let block = format!(
            "{:.0}×{:.0} mm",
            page.text_width().to_mm(),
            page.text_height().to_mm()
        );
        let error = Error::new(ErrorKind::Invalid, msg::margins_too_wide(&block))
            .help(msg::help_text_block(body_size, body_pitch));
        // A text block that would hold 12-point text is the body's fault, not the page's.
        let fits_12pt = page.text_width().0 >= 48.0 && page.text_height().0 >= 54.0;
        let body_key = if narrow || !own_pitch {
            "size"
        } else {
            "line-pitch"
        };
        let (place, label) = match layout.locate(&["page"]).filter(|_| !fits_12pt) {
            Some(page) => (Some(page), msg::label_page_leaves(&block).text),
            None => (
                layout.locate(&["body", body_key]),
                msg::label_too_large_for(&block).text,
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
            row_gap: f.row_gap.map_or(body_size, |l| l.0.resolve(body_size)),
            row_max_height: f.row_max_height.unwrap_or(Extent::Percent(30.0)),
            sub_caption: f
                .sub_caption
                .map_or_else(|| "({a}) {caption}".to_string(), |s| s.into_inner()),
        },
        styles: styler.styles,
        note_label,
        signature,
        attachment_note_label,
        leaders,
        header,
        footer,
        masthead,
        end_block,
        grid,
        blocks: Vec::new(),
        targets: Default::default(),
        fonts: styler.fonts,
        images: Vec::new(),
        image_paths: Vec::new(),
        archive: spec.pdf.as_ref().and_then(|p| p.standard)
            == Some(crate::model::layout::PdfStandard::A2b),
        warnings: super::fontchain::warnings(&styler.passed_over, layout, |r| role_in_use(r, def)),
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
    roles::by_table(role).is_none_or(|k| (k.used)(def))
}

/// A style table's values laid over those of the tables it takes from (`[heading-2]` over
/// `[heading]`, `[run-in]` over both); empty if none of them is in the layout.
pub fn spec_of(spec: &LayoutSpec, table: &str) -> StyleSpec {
    use crate::model::layout::Merge;
    roles::chain(table)
        .iter()
        .rev()
        .filter_map(|t| spec.style(t))
        .fold(StyleSpec::default(), |base, own| own.clone().merge(base))
}

/// The grid's pitches from the text block, checked against the body size.
fn grid(layout: &Layout, page: &PageGeometry, body_size: Pt) -> Result<Option<Grid>> {
    let Some(g) = &layout.spec.grid else {
        return Ok(None);
    };
    let invalid = |message: crate::messages::Message, key: &str, label: String| {
        let error = Error::new(ErrorKind::Invalid, message);
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
                    msg::grid_characters_too_many(n, pitch, body_size),
                    "characters",
                    msg::label_too_many_width().text,
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
                    msg::grid_lines_too_many(n, pitch, body_size),
                    "lines",
                    msg::label_too_many_height().text,
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

/// What resolving a style needs besides the role's own values: the body's values (which roles
/// inherit), the grid, the fonts opened so far, and notes for verbose output.
pub struct Styler<'a> {
    layout: &'a Layout,
    assets: &'a dyn Assets,
    body: StyleSpec,
    body_size: Pt,
    body_pitch: Pt,
    grid: Option<Grid>,
    pub fonts: FontSet,
    /// Notes for verbose output, with the role each is about.
    pub notes: Vec<(String, String)>,
    /// Fonts passed over for a reason other than not being installed, with the role.
    pub passed_over: Vec<(String, String)>,
    /// The styles resolved so far.
    pub styles: BTreeMap<Role, Style>,
    /// The kinds whose text asks for bold or emphasis (see [`faces_used`]).
    faces_used: BTreeMap<Role, Marks>,
}

/// Which kinds' text may use the bold and emphasis faces (`**…**`, `{b:…}`, `{em:…}`): only
/// those open their `bold-font` and `emphasis-font`, so that a document without markup opens
/// no face it does not draw. Read from the text as written, so a `**` that the markup does not
/// take as bold (`2 ** 3`) opens the face all the same; body text read from a file may use
/// either.
pub fn faces_used(def: &Definition) -> BTreeMap<Role, Marks> {
    use crate::model::Block;
    fn marks_in(text: &str) -> Marks {
        let mut m = Marks::NONE;
        if text.contains("**") || text.contains("{b:") {
            m = m.with(Marks::BOLD);
        }
        if text.contains("{em:") {
            m = m.with(Marks::EMPHASIS);
        }
        m
    }
    let mut used: BTreeMap<Role, Marks> = BTreeMap::new();
    let mut add = |role: Role, m: Marks| {
        if m != Marks::NONE {
            let e = used.entry(role).or_default();
            *e = e.with(m);
        }
    };
    // A table of contents lists the titles and headings with their marks.
    let contents = def.blocks.iter().any(|b| matches!(b, Block::Contents(_)));
    for block in &def.blocks {
        match block {
            Block::Title { text, .. } => {
                add(Role::Title, marks_in(text));
                if contents {
                    add(Role::ContentsEntry, marks_in(text));
                }
            }
            Block::Heading { text, level, .. } => {
                add(Role::heading(*level), marks_in(text));
                if contents {
                    add(Role::ContentsEntry2, marks_in(text));
                }
            }
            Block::Paragraph { text, lead, .. } => {
                add(Role::Body, marks_in(text));
                add(Role::Body, lead.as_deref().map_or(Marks::NONE, marks_in));
            }
            Block::Note { text, .. } => add(Role::Note, marks_in(text)),
            Block::Figure(f) => add(
                Role::Caption,
                f.caption.as_deref().map_or(Marks::NONE, marks_in),
            ),
            Block::List(l) => {
                for item in &l.items {
                    add(Role::ListItem, marks_in(&item.text));
                    for child in &item.children {
                        add(Role::ListItem2, marks_in(child));
                    }
                }
            }
            Block::TextFile { .. } => add(Role::Body, Marks::BOLD.with(Marks::EMPHASIS)),
            // Cells may come from a CSV file read later: their faces are opened in case.
            Block::Figures(row) => {
                for caption in row.caption.iter().chain(&row.captions) {
                    add(Role::Caption, marks_in(caption));
                }
            }
            Block::Contents(_) => {}
            Block::Table(t) => {
                add(
                    Role::Caption,
                    t.caption.as_deref().map_or(Marks::NONE, marks_in),
                );
                match &t.rows {
                    crate::model::table::TableRows::Inline(rows) => {
                        for cell in rows.iter().flat_map(|(cells, _)| cells) {
                            add(Role::Table, marks_in(&cell.text));
                        }
                    }
                    // Cells read from a CSV file later, like a text file's paragraphs.
                    crate::model::table::TableRows::Csv(_) => {
                        add(Role::Table, Marks::BOLD.with(Marks::EMPHASIS))
                    }
                }
            }
            Block::Attachment { .. } | Block::PageBreak { .. } => {}
        }
    }
    used
}

impl Styler<'_> {
    /// Resolves the style of `role` from its table (laid over the tables it takes from), the
    /// body's fonts and colour, and the registry's defaults; keeps it under its role.
    pub fn style(&mut self, role: Role) -> Result<Style> {
        let kind = role.kind();
        let (role_name, d) = (kind.table, kind.defaults);
        let own = &spec_of(&self.layout.spec, role_name);
        let faces = self.faces_used.get(&role).copied().unwrap_or_default();
        let style = self.resolve(role_name, own, d, faces)?;
        self.styles.insert(role, style.clone());
        Ok(style)
    }

    /// `faces`: the marks whose faces (`bold-font`, `emphasis-font`) text in the style uses.
    fn resolve(&mut self, role: &str, own: &StyleSpec, d: Defaults, faces: Marks) -> Result<Style> {
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
                .map_or(size * (self.body_pitch / self.body_size), |p| {
                    p.0.resolve(size)
                }),
        };
        check_pitch(
            self.layout,
            role,
            own.line_pitch.is_some(),
            line_pitch,
            size,
        )?;
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
        let mut variant = |mark: Marks, key: &str| {
            if faces.has(mark) {
                self.variant(role, key, own, latin.as_ref())
            } else {
                Ok(None)
            }
        };
        let bold = variant(Marks::BOLD, "bold-font")?;
        let emphasis = variant(Marks::EMPHASIS, "emphasis-font")?;
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
            space_before: len(
                own.space_before,
                Length::Pt(self.spacing(d.before, line_pitch)),
            ),
            space_after: len(
                own.space_after,
                Length::Pt(self.spacing(d.after, line_pitch)),
            ),
            embolden,
            grid: char_pitch,
            bold,
            emphasis,
            gap: len(own.gap, Length::Em(0.5)),
            sup: Script {
                size: len(
                    own.superscript_size.or(self.body.superscript_size),
                    Length::Em(SCRIPT_SIZE),
                ),
                rise: len(
                    own.superscript_rise.or(self.body.superscript_rise),
                    Length::Em(SUPERSCRIPT_RISE),
                ),
            },
            sub: Script {
                size: len(
                    own.subscript_size.or(self.body.subscript_size),
                    Length::Em(SCRIPT_SIZE),
                ),
                rise: -len(
                    own.subscript_drop.or(self.body.subscript_drop),
                    Length::Em(SUBSCRIPT_DROP),
                ),
            },
        })
    }

    fn spacing(&self, s: Spacing, own_pitch: Pt) -> Pt {
        match s {
            Spacing::Own(lines) => own_pitch * lines,
            Spacing::Body(lines) => self.body_pitch * lines,
        }
    }

    /// The chain of a face variant (`bold-font`, `emphasis-font`) of `role`, its own or the
    /// body's, when the layout gives one.
    fn variant(
        &mut self,
        role: &str,
        key: &str,
        own: &StyleSpec,
        latin: Option<&FontRef>,
    ) -> Result<Option<FontChain>> {
        let pick = |s: &StyleSpec| match key {
            "bold-font" => s.bold_font.clone(),
            _ => s.emphasis_font.clone(),
        };
        match pick(own).or_else(|| pick(&self.body)) {
            Some(f) => self.chain(role, key, f.get_ref(), latin).map(Some),
            None => Ok(None),
        }
    }

    /// The error for a role that has no font, neither its own nor the body's: at the role's
    /// table (or the body's) in the file that would take a `font`.
    fn no_font(&self, role: &str) -> Error {
        let error = Error::new(
            ErrorKind::Invalid,
            match role {
                "body" => msg::no_body_font(),
                _ => msg::no_role_font(role),
            },
        )
        .help(msg::help_body_font());
        let place = self
            .layout
            .locate_role(role, None)
            .or_else(|| self.layout.locate(&["body"]));
        place_or_layout(error, place, msg::label_no_font_here().text, self.layout)
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
        let opened =
            super::fontchain::open_chain(&font_names(font, &self.layout.spec), self.assets)
                .map_err(|m| self.font_error(Error::new(ErrorKind::Font, m), role, key))?;
        let faces = opened
            .faces
            .iter()
            .map(|f| self.fonts.add(f.clone()))
            .collect();
        self.notes.push((role.to_string(), opened.note(role)));
        for why in opened.not_installed_aside() {
            self.passed_over.push((role.to_string(), why));
        }
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
        place_or_layout(error, place, msg::label_this_font().text, self.layout)
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
            msg::fake_bold(role, &face.postscript_name, width).text,
        ));
        width
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
    let error =
        Error::new(ErrorKind::Invalid, msg::bad_type_size(role, size)).help(msg::help_type_size());
    let (place, label) = if own {
        (
            layout.locate_role(role, Some("size")),
            msg::label_this_size().text,
        )
    } else {
        (
            layout.locate(&["body", "size"]),
            msg::label_times_this(role, factor).text,
        )
    };
    Err(place_or_layout(error, place, label, layout))
}

/// A line pitch under the type size sets each line's characters over the line before (a
/// Chinese character fills its em box): refused at the key, as the grid refuses too many lines.
/// Solid setting (the pitch equal to the size) is the closest Chinese text is set. A pitch the
/// layout does not give is the body's proportion, so only the body's own can be too small; a
/// role's own is checked against the role's size, wherever either comes from (an `[overrides]`
/// that enlarges a title past the layout's pitch is caught too).
fn check_pitch(layout: &Layout, role: &str, own: bool, pitch: Pt, size: Pt) -> Result<()> {
    if pitch.0 >= size.0 - 0.005 {
        return Ok(());
    }
    let error = Error::new(
        ErrorKind::Invalid,
        msg::line_pitch_under_size(role, pitch, size),
    )
    .help(msg::help_line_pitch_under_size());
    let place = if own {
        layout.locate_role_any(role, &["line-pitch", "size"])
    } else {
        layout.locate(&["body", "line-pitch"])
    }
    .or_else(|| layout.locate_role(role, Some("size")));
    Err(place_or_layout(
        error,
        place,
        msg::label_pitch_and_size().text,
        layout,
    ))
}

/// Points an error at `place` with `label`, or, when no file of the layout has the place, at
/// the definition's `layout = "…"`.
fn place_or_layout(error: Error, place: Option<Place>, label: String, layout: &Layout) -> Error {
    match place {
        Some((source, span)) => error.at(&source, span).label(label),
        None => {
            let (source, span) = layout.named();
            error.at(&source, span).label(msg::label_this_layout())
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

/// A running head or foot, if the layout has one with something in it: its slots, rule and
/// distance (its style is kept under its role).
fn running(role: Role, styler: &mut Styler) -> Result<Option<Running>> {
    let Some(spec) = styler.layout.spec.style(role.kind().table).cloned() else {
        return Ok(None);
    };
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
    let style = styler.style(role)?;
    let distance = spec
        .distance
        .map_or(style.size * 1.2, |d| d.0.resolve(style.size));
    Ok(Some(Running {
        role,
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
    }))
}

/// A running head or foot stays in its margin: its type and rule ([`Running::reach`]) neither
/// reach into the text block nor past the page's edge. Every value is the layout's (and the
/// overrides'), so this is checked once, at the keys, before any page: a footer in 200 pt type
/// was drawn over the 报尾 and off the page without a word.
fn check_running(layout: &Layout, page: &PageGeometry, r: &Running, size: Pt) -> Result<()> {
    let (into_text, outward) = r.reach(size, Pt::ZERO);
    let margin = r.margin(page);
    let role = r.role.kind().table;
    let mm = |p: Pt| format!("{:.1} mm", p.to_mm());
    let message = if into_text.0 > 0.01 {
        msg::running_into_text(role, size, mm(r.distance), mm(r.distance + into_text))
    } else if (outward - margin).0 > 0.01 {
        msg::running_off_page(role, size, mm(margin), mm(outward))
    } else {
        return Ok(());
    };
    let error = Error::new(ErrorKind::Invalid, message).help(msg::help_running_room(role));
    let place = layout.locate_role_any(role, &["size", "distance", "rule"]);
    Err(place_or_layout(
        error,
        place,
        msg::label_running_room().text,
        layout,
    ))
}

/// The 落款's placement: two characters in from the right edge, the date two characters right
/// of the signature (GB/T 9704-2012 7.3.5.2); its style (right-aligned, one blank line under the
/// text) is the registry's.
fn signature(spec: &StyleSpec, styler: &Styler) -> Signature {
    let style = &styler.styles[&Role::Signature];
    // On the grid a character (`2字`) is a cell; a length in millimetres or points stays
    // what it says.
    let cell = style.grid.map_or(1.0, |pitch| pitch / style.size);
    let len = |v: Option<crate::model::LengthValue>, default: Length| {
        let l = v.map_or(default, |l| l.0);
        match l {
            Length::Em(_) => l.resolve(style.size) * cell,
            Length::Pt(_) => l.resolve(style.size),
        }
    };
    Signature {
        inset: len(spec.inset, Length::Em(2.0)),
        shift: len(spec.shift, Length::Em(2.0)),
        // Seals are measured in millimetres, not cells.
        seal_size: spec
            .seal_size
            .map_or(Pt::from_mm(42.0), |l| l.0.resolve(style.size)),
        seal_gap: len(spec.seal_gap, Length::Em(1.0)),
        seal_inset: len(spec.seal_inset, Length::Em(4.0)),
        signer_seal_size: spec
            .signer_seal_size
            .map_or(Pt::from_mm(20.0), |l| l.0.resolve(style.size)),
    }
}

/// The 发文机关标志 as one text (`{name}`, the PDF's title without a title block): the names
/// one after the other, then the suffix.
fn name_text(m: &crate::model::definition::Meta) -> Option<String> {
    let names = m.name.as_ref()?;
    let mut text = names.0.concat();
    text.push_str(m.name_suffix.as_deref().unwrap_or(""));
    Some(text)
}

fn metadata(def: &Definition, spec: &LayoutSpec) -> Metadata {
    let m = &def.meta;
    let date_format = spec
        .date_format
        .clone()
        .unwrap_or_else(|| "{year}年{month}月{day}日".to_string());
    let first_title = def.blocks.iter().find_map(|b| match b {
        // The PDF's title is the text as printed, without its markup.
        crate::model::Block::Title { text, .. } => Some(crate::model::markup::plain(
            &crate::model::definition::join_lines(text),
        )),
        _ => None,
    });
    Metadata {
        title: m
            .title
            .clone()
            .or(first_title)
            .or_else(|| name_text(m))
            .unwrap_or_default(),
        publisher: m.publisher.clone(),
        author: m.author.clone().unwrap_or_else(|| m.publisher.clone()),
        subject: m.subject.clone().unwrap_or_default(),
        keywords: m.keywords.clone(),
        date: m.date,
        date_text: m.date.format(&date_format),
        print_date_text: m.print_date.unwrap_or(m.date).format(&date_format),
        name: name_text(m),
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
