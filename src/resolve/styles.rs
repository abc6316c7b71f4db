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
    Align, FontRef, LayoutSpec, LineBreaking, Placement, Punctuation, Strictness, StyleSpec,
};
use crate::model::{Color, Definition, Extent, PaperSize};
use crate::text::TextSettings;
use crate::units::{Length, Pt};

/// Builds the document's frame (everything but its content blocks).
pub fn build(def: &Definition, spec: &LayoutSpec, assets: &dyn Assets) -> Result<Document> {
    let mut fonts = FontSet::default();
    let body_spec = spec.body.clone().unwrap_or_default();
    let body_size = body_spec.size.map_or(Pt(12.0), |s| s.0.resolve(Pt(12.0)));
    let body_pitch = body_spec
        .line_pitch
        .map_or(body_size * 1.5, |p| p.0.resolve(body_size));
    let pitch_ratio = body_pitch / body_size;

    let mut style = |role: &str, defaults: RoleDefaults| -> Result<Style> {
        let own = match role {
            "title" => spec.title.clone(),
            "heading" => spec.heading.clone(),
            "caption" => spec.caption.clone(),
            "header" => spec.header.clone(),
            "footer" => spec.footer.clone(),
            _ => spec.body.clone(),
        }
        .unwrap_or_default();
        resolve_style(
            role,
            &own,
            &body_spec,
            body_size,
            pitch_ratio,
            defaults,
            spec,
            assets,
            &mut fonts,
        )
    };
    let body = style("body", RoleDefaults::BODY)?;
    let title = style("title", RoleDefaults::TITLE)?;
    let heading = style("heading", RoleDefaults::HEADING)?;
    let caption = style("caption", RoleDefaults::CAPTION)?;
    let header = running("header", spec.header.as_ref(), &mut style)?;
    let footer = running("footer", spec.footer.as_ref(), &mut style)?;

    let meta = metadata(def, spec);
    let page = geometry(spec);
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
        heading,
        caption,
        header,
        footer,
        blocks: Vec::new(),
        fonts,
        images: Vec::new(),
    })
}

/// What a role looks like when the layout says nothing: size relative to the body, alignment,
/// first-line indent (in ems of its own size) and spacing (in lines of its own pitch).
#[derive(Clone, Copy)]
struct RoleDefaults {
    size: f64,
    align: Align,
    indent: f64,
    before: f64,
    after: f64,
}

impl RoleDefaults {
    const BODY: RoleDefaults = RoleDefaults {
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
    const RUNNING: RoleDefaults = RoleDefaults {
        size: 0.75,
        align: Align::Left,
        indent: 0.0,
        before: 0.0,
        after: 0.0,
    };
}

#[allow(clippy::too_many_arguments)]
fn resolve_style(
    role: &str,
    own: &StyleSpec,
    body: &StyleSpec,
    body_size: Pt,
    pitch_ratio: f64,
    d: RoleDefaults,
    spec: &LayoutSpec,
    assets: &dyn Assets,
    fonts: &mut FontSet,
) -> Result<Style> {
    let size = match own.size {
        Some(s) => s.0.resolve(body_size),
        None => body_size * d.size,
    };
    if !(1.0..=500.0).contains(&size.0) {
        return Err(Error::new(
            ErrorKind::Invalid,
            format!("[{role}] size {size} is not a usable type size"),
        ));
    }
    let line_pitch = own
        .line_pitch
        .map_or(size * pitch_ratio, |p| p.0.resolve(size))
        .max(size * 0.5);
    let font = own.font.as_ref().or(body.font.as_ref()).ok_or_else(|| {
        Error::new(
            ErrorKind::Invalid,
            format!("the layout sets no font for [{role}] (and none for [body] to inherit)"),
        )
    })?;
    let faces = font_names(font.get_ref(), spec)
        .iter()
        .map(|n| open(n, assets).map(|f| fonts.add(f)))
        .collect::<Result<Vec<_>>>()?;
    let latin = match own.latin_font.as_ref().or(body.latin_font.as_ref()) {
        Some(l) => match font_names(l.get_ref(), spec).first() {
            Some(n) => Some(fonts.add(open(n, assets)?)),
            None => None,
        },
        None => None,
    };
    let len = |l: Option<crate::model::LengthValue>, default: Length| {
        l.map_or(default, |v| v.0).resolve(size)
    };
    Ok(Style {
        chain: FontChain { faces, latin },
        size,
        line_pitch,
        indent: len(own.indent, Length::Em(d.indent)),
        align: own.align.unwrap_or(d.align),
        color: own.color.or(body.color).unwrap_or(Color::BLACK),
        space_before: len(own.space_before, Length::Pt(line_pitch * d.before)),
        space_after: len(own.space_after, Length::Pt(line_pitch * d.after)),
    })
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

fn running(
    role: &str,
    spec: Option<&StyleSpec>,
    style: &mut impl FnMut(&str, RoleDefaults) -> Result<Style>,
) -> Result<Option<Running>> {
    let Some(spec) = spec else { return Ok(None) };
    let slot = |s: &Option<toml::Spanned<String>>| {
        s.as_ref()
            .map(|t| t.get_ref().clone())
            .filter(|t| !t.is_empty())
    };
    let (left, center, right) = (slot(&spec.left), slot(&spec.center), slot(&spec.right));
    let rule = spec.rule.map_or(Pt::ZERO, |r| r.0.resolve(Pt(12.0)));
    if left.is_none() && center.is_none() && right.is_none() && rule.0 <= 0.0 {
        return Ok(None);
    }
    let style = style(role, RoleDefaults::RUNNING)?;
    let distance = spec
        .distance
        .map_or(style.size * 1.2, |d| d.0.resolve(style.size));
    Ok(Some(Running {
        left,
        center,
        right,
        rule,
        rule_color: spec.rule_color.unwrap_or(style.color),
        distance,
        first_page: spec.first_page.unwrap_or(true),
        style,
    }))
}

fn metadata(def: &Definition, spec: &LayoutSpec) -> Metadata {
    let m = &def.meta;
    let date_format = spec
        .date_format
        .clone()
        .unwrap_or_else(|| "{year}年{month}月{day}日".to_string());
    let first_title = def.blocks.iter().find_map(|b| match b {
        crate::model::Block::Title { text, .. } => Some(text.clone()),
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
        copies: m.copies.as_ref().map(|c| *c.get_ref()),
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
