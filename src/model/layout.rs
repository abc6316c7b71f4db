//! Layout files (the house style): page, fonts, text settings and one style per role.
//!
//! Every field is optional in the file because a layout may `extends` another one and a
//! definition may override single values inline; [`Merge::merge`] lays one spec over another and
//! the resolve stage checks that the result is complete. Values are typed as they are read
//! (lengths, colours, enumerations), so a bad value is reported at its place in its own file,
//! before any merging.

use super::toml_error;
use super::value::{Color, Extent, LengthValue, PaperSize};
use crate::error::{Result, Source};
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// One layout file, or the inline overrides of a definition.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LayoutSpec {
    /// One line saying what the layout is for (`jianbao layouts` lists it).
    pub description: Option<String>,
    /// Name of the layout this one starts from.
    pub extends: Option<Spanned<String>>,
    pub page: Option<PageSpec>,
    /// Named font fallback chains that styles refer to by name.
    pub fonts: Option<BTreeMap<String, Spanned<Vec<String>>>>,
    pub text: Option<TextSpec>,
    /// How dates print, e.g. `{year}年{month}月{day}日`.
    pub date_format: Option<String>,
    pub body: Option<StyleSpec>,
    pub title: Option<StyleSpec>,
    pub heading: Option<StyleSpec>,
    pub caption: Option<StyleSpec>,
    pub figure: Option<FigureSpec>,
    pub header: Option<StyleSpec>,
    pub footer: Option<StyleSpec>,
}

/// Page size and margins.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PageSpec {
    /// `A4`, `A5`, `B5`, `A3`, `16K`, `letter`; or give `width` and `height`.
    pub size: Option<PaperSize>,
    pub width: Option<LengthValue>,
    pub height: Option<LengthValue>,
    pub top: Option<LengthValue>,
    pub bottom: Option<LengthValue>,
    pub left: Option<LengthValue>,
    pub right: Option<LengthValue>,
}

/// Total-fit (Knuth–Plass) or first-fit line breaking.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum LineBreaking {
    TotalFit,
    Greedy,
}

/// Width of full-width punctuation.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Punctuation {
    /// Mainland style: a mark at line end and one of two adjacent marks set half width.
    Gb,
    /// Every mark full width (全角).
    Quanjiao,
    /// Open style (开明): only 。？！ stay full width mid-line; others are compressed like GB.
    Kaiming,
}

/// Which line-start/line-end prohibitions apply (clreq levels).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Strictness {
    Basic,
    Gb,
    Strict,
}

/// How paragraphs are broken and justified.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TextSpec {
    pub line_breaking: Option<LineBreaking>,
    pub punctuation: Option<Punctuation>,
    pub strictness: Option<Strictness>,
    /// Quarter-em space between Han and Latin letters or digits.
    pub cjk_latin_spacing: Option<bool>,
    /// Let 、，。 hang into the right margin at line end.
    pub hanging_punctuation: Option<bool>,
    /// Fewest lines of a paragraph at the head of a page (2 = no widows).
    pub widows: Option<u32>,
    /// Fewest lines of a paragraph at the foot of a page (2 = no orphans).
    pub orphans: Option<u32>,
}

/// Horizontal alignment of a paragraph's lines.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Flush left and right (the last line flush left).
    Justify,
    Left,
    Center,
    Right,
}

/// A text style for one role (body, title, heading, caption, header, footer).
///
/// One type for every role keeps the TOML flat; the few keys that only make sense for some roles
/// (`format` for captions, the slots and rule of running heads) are checked when resolved.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StyleSpec {
    /// A chain name from `[fonts]`, or a list of font names tried in order.
    pub font: Option<Spanned<FontRef>>,
    /// A font for Latin letters and digits (otherwise they come from `font`).
    pub latin_font: Option<Spanned<FontRef>>,
    pub size: Option<LengthValue>,
    /// Distance from one baseline to the next.
    pub line_pitch: Option<LengthValue>,
    /// First-line indent.
    pub indent: Option<LengthValue>,
    pub align: Option<Align>,
    pub color: Option<Color>,
    pub space_before: Option<LengthValue>,
    pub space_after: Option<LengthValue>,

    // Caption only.
    /// `{n}` is the figure number, `{caption}` the caption text: `图 {n} {caption}`.
    pub format: Option<Spanned<String>>,

    // Header and footer only.
    /// Text with fields `{page}`, `{publisher}`, `{date}`, `{title}`, `{name}`, `{issue}`.
    pub left: Option<Spanned<String>>,
    pub center: Option<Spanned<String>>,
    pub right: Option<Spanned<String>>,
    /// Thickness of a rule under a header (over a footer); absent or `0pt` for none.
    pub rule: Option<LengthValue>,
    pub rule_color: Option<Color>,
    /// Distance between the text block and the header (footer) baseline.
    pub distance: Option<LengthValue>,
    /// Whether it shows on the first page (default true).
    pub first_page: Option<bool>,
}

/// A font reference: a chain name from `[fonts]` or an inline list of fonts.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum FontRef {
    Name(String),
    List(Vec<String>),
}

/// Whether figures float.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Placement {
    /// A figure that does not fit moves to the next page; the text after it fills the gap.
    Float,
    /// A figure stays where it is written; if it does not fit, the rest of the page stays empty.
    Here,
}

/// Figure placement and size.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FigureSpec {
    pub placement: Option<Placement>,
    /// Default width: a length or a percentage of the text width.
    pub width: Option<Extent>,
    /// Largest height: a length or a percentage of the text block height.
    pub max_height: Option<Extent>,
    pub space_before: Option<LengthValue>,
    pub space_after: Option<LengthValue>,
    /// Gap between the image and its caption.
    pub caption_gap: Option<LengthValue>,
}

/// Parses a layout file.
pub fn parse(source: &Source) -> Result<LayoutSpec> {
    toml_error::parse(source)
}

/// Lays `$over` on `$base` field by field: a value present in `$over` wins.
macro_rules! merge_options {
    ($over:expr, $base:expr; $($field:ident),* $(,)?) => {
        $( if $over.$field.is_none() { $over.$field = $base.$field; } )*
    };
}

/// Lays nested sections one over the other (each merged field by field).
fn merge_nested<T: Merge>(over: Option<T>, base: Option<T>) -> Option<T> {
    match (over, base) {
        (Some(o), Some(b)) => Some(o.merge(b)),
        (o, b) => o.or(b),
    }
}

/// Laying one partial spec over another.
pub trait Merge {
    /// `self` over `base`: what `self` sets wins, the rest comes from `base`.
    fn merge(self, base: Self) -> Self;
}

impl Merge for LayoutSpec {
    fn merge(mut self, base: LayoutSpec) -> LayoutSpec {
        // `extends` belongs to the file that says it; a merged spec has followed it already.
        self.extends = None;
        self.page = merge_nested(self.page, base.page);
        self.text = merge_nested(self.text, base.text);
        self.body = merge_nested(self.body, base.body);
        self.title = merge_nested(self.title, base.title);
        self.heading = merge_nested(self.heading, base.heading);
        self.caption = merge_nested(self.caption, base.caption);
        self.figure = merge_nested(self.figure, base.figure);
        self.header = merge_nested(self.header, base.header);
        self.footer = merge_nested(self.footer, base.footer);
        self.fonts = match (self.fonts, base.fonts) {
            (Some(mut o), Some(b)) => {
                for (k, v) in b {
                    o.entry(k).or_insert(v);
                }
                Some(o)
            }
            (o, b) => o.or(b),
        };
        merge_options!(self, base; description, date_format);
        self
    }
}

impl Merge for PageSpec {
    fn merge(mut self, base: PageSpec) -> PageSpec {
        merge_options!(self, base; size, width, height, top, bottom, left, right);
        self
    }
}

impl Merge for TextSpec {
    fn merge(mut self, base: TextSpec) -> TextSpec {
        merge_options!(self, base; line_breaking, punctuation, strictness, cjk_latin_spacing,
            hanging_punctuation, widows, orphans);
        self
    }
}

impl Merge for StyleSpec {
    fn merge(mut self, base: StyleSpec) -> StyleSpec {
        merge_options!(self, base; font, latin_font, size, line_pitch, indent, align, color,
            space_before, space_after, format, left, center, right, rule, rule_color, distance,
            first_page);
        self
    }
}

impl Merge for FigureSpec {
    fn merge(mut self, base: FigureSpec) -> FigureSpec {
        merge_options!(self, base; placement, width, max_height, space_before, space_after,
            caption_gap);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{Length, Pt};

    fn spec(text: &str) -> LayoutSpec {
        parse(&Source::new("l.toml", text)).unwrap()
    }

    #[test]
    fn over_wins_and_base_fills_in() {
        let base = spec(
            "[body]\nsize = \"三号\"\nindent = \"2字\"\n[fonts]\nserif = [\"A\"]\nsans = [\"B\"]\n",
        );
        let over = spec("[body]\nsize = \"12pt\"\n[fonts]\nserif = [\"C\"]\n");
        let merged = over.merge(base);
        let body = merged.body.unwrap();
        assert_eq!(body.size.unwrap().0, Length::Pt(Pt(12.0)));
        assert_eq!(body.indent.unwrap().0, Length::Em(2.0));
        let fonts = merged.fonts.unwrap();
        assert_eq!(fonts["serif"].get_ref(), &vec!["C".to_string()]);
        assert_eq!(fonts["sans"].get_ref(), &vec!["B".to_string()]);
    }

    #[test]
    fn bad_values_and_unknown_keys_are_located() {
        let err = parse(&Source::new("l.toml", "[body]\nsize = \"1pt\"\nsiez = 2\n")).unwrap_err();
        assert_eq!(err.line_col(), Some((3, 1)));
        let err = parse(&Source::new("l.toml", "[body]\nsize = \"big\"\n")).unwrap_err();
        assert_eq!(err.line_col().map(|p| p.0), Some(2));
        assert!(err.message.contains("not a length"), "{}", err.message);
        let err = parse(&Source::new("l.toml", "[body]\nalign = \"centre\"\n")).unwrap_err();
        assert_eq!(err.help_text(), Some("did you mean `center`?"));
        let err = parse(&Source::new("l.toml", "[page]\nsize = \"A9\"\n")).unwrap_err();
        assert!(err.message.contains("paper size"), "{}", err.message);
    }

    #[test]
    fn font_refs_accept_name_or_list() {
        let s = spec("[body]\nfont = \"serif\"\n[title]\nfont = [\"A\", \"B\"]\n");
        assert_eq!(
            s.body.unwrap().font.unwrap().into_inner(),
            FontRef::Name("serif".into())
        );
        assert_eq!(
            s.title.unwrap().font.unwrap().into_inner(),
            FontRef::List(vec!["A".into(), "B".into()])
        );
    }
}
