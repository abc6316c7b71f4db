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
///
/// The style tables (`[body]`, `[heading-2]`, `[masthead.name]` …) are those of the element
/// registry ([`super::roles::KINDS`]); they are kept by table name in `styles`.
#[derive(Clone, Debug, Default)]
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
    pub figure: Option<FigureSpec>,
    /// The 报头 on page 1.
    pub masthead: Option<MastheadSpec>,
    /// Grid typesetting: a fixed number of characters a line and lines a page.
    pub grid: Option<GridSpec>,
    /// How the PDF is written (`[pdf] standard = "a-2b"`: for archives).
    pub pdf: Option<PdfSpec>,
    /// The style tables, by table name (the masthead's lines are in [`MastheadSpec::styles`]).
    pub styles: BTreeMap<&'static str, StyleSpec>,
}

impl LayoutSpec {
    /// A style table as written (not merged with its base), if the file has it.
    pub fn style(&self, table: &str) -> Option<&StyleSpec> {
        match table.strip_prefix("masthead.") {
            Some(_) => self.masthead.as_ref()?.styles.get(table),
            None => self.styles.get(table),
        }
    }

    /// Every style table the file has, with its name.
    pub fn styles_mut(&mut self) -> impl Iterator<Item = (&'static str, &mut StyleSpec)> {
        let masthead = self.masthead.as_mut().map(|m| &mut m.styles);
        self.styles
            .iter_mut()
            .chain(masthead.into_iter().flatten())
            .map(|(k, v)| (*k, v))
    }
}

/// The 报头: the bulletin's name, its number, the publisher and date, a rule; each line a style
/// of its own (`[masthead.marks]`, `[masthead.name]`, `[masthead.number]`, `[masthead.info]`).
#[derive(Clone, Debug, Default)]
pub struct MastheadSpec {
    /// `false` turns off a masthead inherited from the layout this one extends.
    pub enabled: Option<bool>,
    /// `true`: a bulletin without a `name` has no masthead (instead of an error). For layouts
    /// such as 公文 whose documents may come with or without a 版头.
    pub optional: Option<bool>,
    /// How the issue line reads: `第{issue}期`.
    pub issue_format: Option<Spanned<String>>,
    /// How a supplement's issue line reads: `增刊第{issue}期`.
    pub supplement_format: Option<Spanned<String>>,
    /// Added to the issue line when the definition gives `total-issue`: `（总第{total}期）`.
    pub total_format: Option<Spanned<String>>,
    /// Digits a copy number is padded to with zeros (GB/T 9704: 6).
    pub copy_digits: Option<Spanned<u32>>,
    /// Thickness and colour of the rule under the masthead.
    pub rule: Option<LengthValue>,
    pub rule_color: Option<Color>,
    /// From the bottom of the info line's slot to the rule.
    pub rule_gap: Option<LengthValue>,
    /// From the rule to the first line of text.
    pub space_after: Option<LengthValue>,
    /// 信函格式 (GB/T 9704 10.1): the name from the page's top edge, double rules, the marks and
    /// the number under the first (see `page::letter`).
    pub letter: Option<bool>,
    /// The rule's length (the text block's width when absent; 信函: 170 mm, centred).
    pub rule_width: Option<LengthValue>,
    /// The lines' styles, by full table name (`masthead.name`).
    pub styles: BTreeMap<&'static str, StyleSpec>,
}

/// Grid typesetting (GB/T 9704: 28 characters × 22 lines): the character pitch is the text
/// width divided by `characters`, the line pitch the text height divided by `lines`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GridSpec {
    pub characters: Option<Spanned<u32>>,
    pub lines: Option<Spanned<u32>>,
}

/// The `[pdf]` table: which PDF standard the file follows.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PdfSpec {
    pub standard: Option<PdfStandard>,
}

/// A PDF standard the writer can follow (besides plain PDF 1.7).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub enum PdfStandard {
    /// PDF/A-2b (ISO 19005-2, level B): for archiving.
    #[serde(rename = "a-2b")]
    A2b,
    /// Plain PDF 1.7.
    #[serde(rename = "none")]
    None,
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

/// Which Latin words may be hyphenated (English patterns).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Hyphenation {
    /// Words longer than the measure always; other words only where the paragraph cannot be
    /// set without a loose line otherwise (TeX's second pass).
    Auto,
    /// Every Latin word of five letters or more, at a cost, in every pass.
    All,
    /// Never: a word longer than the measure is broken between letters, with a warning.
    None,
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
    /// Which Latin words may be hyphenated.
    pub hyphenation: Option<Hyphenation>,
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
    /// The face of bold text (`**…**`); without it bold text is the face itself if it is bold,
    /// else fake bold.
    pub bold_font: Option<Spanned<FontRef>>,
    /// The face of emphasis (`{em:…}`), e.g. 楷体.
    pub emphasis_font: Option<Spanned<FontRef>>,
    pub size: Option<LengthValue>,
    /// Distance from one baseline to the next.
    pub line_pitch: Option<LengthValue>,
    /// First-line indent.
    pub indent: Option<LengthValue>,
    pub align: Option<Align>,
    pub color: Option<Color>,
    pub space_before: Option<LengthValue>,
    pub space_after: Option<LengthValue>,
    /// Bold: drawn with the chain's face as it is when that face is bold, otherwise emboldened
    /// (stroke and fill).
    pub bold: Option<bool>,
    /// Superscript (`{sup:…}`) and subscript (`{sub:…}`): their type size and how far their
    /// baseline is raised or lowered, in ems of the style's size or in points.
    pub superscript_size: Option<LengthValue>,
    pub superscript_rise: Option<LengthValue>,
    pub subscript_size: Option<LengthValue>,
    pub subscript_drop: Option<LengthValue>,

    // Lists only.
    /// The space between a list item's number and its text (default 0.5 字).
    pub gap: Option<LengthValue>,

    // Headings and lists only.
    /// Automatic numbers for the level: `{cn}` is the number in Chinese (一, 二 …), `{n}` in
    /// digits: `{cn}、`, `（{cn}）`, `{n}.`, `（{n}）`.
    pub numbering: Option<Spanned<String>>,

    // Notes only.
    /// The label that opens an editor's note: `编者按：` (its look is `[note-label]`).
    pub label: Option<Spanned<String>>,

    // Masthead lines only.
    /// Extra space between the characters of a one-line element (the masthead's name).
    pub letter_spacing: Option<LengthValue>,
    /// The line's type starts at least this far below the top of the text block (GB/T 9704:
    /// the 发文机关标志 35 mm down).
    pub top: Option<LengthValue>,

    // Signature only.
    /// How far right of the signature's first character the date starts (GB/T 9704: 2字).
    pub shift: Option<LengthValue>,
    /// A seal's width (its height follows the image; GB/T 9704 does not fix it: 42 mm).
    pub seal_size: Option<LengthValue>,
    /// Between seals side by side (7.3.5.1: they neither touch nor overlap).
    pub seal_gap: Option<LengthValue>,
    /// The 成文日期's distance from the right edge under a seal (7.3.5.1: 右空四字).
    pub seal_inset: Option<LengthValue>,
    /// A 签发人签名章's width (its height follows the image; 7.3.5.3 does not fix it: 20 mm).
    pub signer_seal_size: Option<LengthValue>,

    // Caption and table only.
    /// `{n}` is the figure (table) number, `{caption}` the caption text: `图 {n} {caption}`.
    pub format: Option<Spanned<String>>,

    // Table only.
    /// 三线表 or a full grid.
    pub rules: Option<super::table::TableRules>,
    /// Space between a cell's edges and its text.
    pub padding: Option<LengthValue>,
    /// The line over a table's continuation on the next page: `续表`, `续表 {n}`.
    pub continued: Option<Spanned<String>>,
    // Contents entries only.
    /// Repeated from an entry's text to its page number: `.`, `·`, `…`.
    pub leader: Option<Spanned<String>>,

    // Header and footer only.
    /// Text with fields `{page}`, `{publisher}`, `{date}`, `{title}`, `{name}`, `{issue}` …
    pub left: Option<Spanned<String>>,
    pub center: Option<Spanned<String>>,
    pub right: Option<Spanned<String>>,
    /// Slots that alternate sides: `outside` is right on odd pages and left on even ones,
    /// `inside` the other way round.
    pub outside: Option<Spanned<String>>,
    pub inside: Option<Spanned<String>>,
    /// How far `left`/`right`/`outside`/`inside` text stays in from the text block's edges
    /// (running heads, the end block).
    pub inset: Option<LengthValue>,
    /// Thickness of a rule under a header (over a footer; the first and last rules of the end
    /// block); absent or `0pt` for none.
    pub rule: Option<LengthValue>,
    pub rule_color: Option<Color>,

    // End block only.
    /// The rule between the end block's groups (distribution, imprint).
    pub inner_rule: Option<LengthValue>,
    /// The print-run line, right-aligned: `共印{copies}份`.
    pub copies: Option<Spanned<String>>,
    /// Joins a list of recipients: `，`.
    pub separator: Option<String>,
    /// Ends a list of recipients (GB/T 9704: `。`).
    pub terminator: Option<String>,
    /// The end block on an even page (封四) for double-sided print.
    pub back_page: Option<bool>,
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
    /// Between the photos of a row (`figures`).
    pub row_gap: Option<LengthValue>,
    /// Largest common height of a row's photos: a length or a percentage of the text block
    /// height (a row of portrait photos would otherwise fill half the page).
    pub row_max_height: Option<Extent>,
    /// A photo's caption in a row under one number: `{a}` is its letter (a, b, c, d), `{side}`
    /// its place (左, 右; 左, 中, 右; 左一 … 左四), `{caption}` its caption.
    pub sub_caption: Option<Spanned<String>>,
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
        self.masthead = merge_nested(self.masthead, base.masthead);
        self.grid = merge_nested(self.grid, base.grid);
        self.pdf = merge_nested(self.pdf, base.pdf);
        self.figure = merge_nested(self.figure, base.figure);
        merge_styles(&mut self.styles, base.styles);
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
            hanging_punctuation, hyphenation, widows, orphans);
        self
    }
}

impl Merge for StyleSpec {
    fn merge(mut self, base: StyleSpec) -> StyleSpec {
        merge_options!(self, base; font, latin_font, bold_font, emphasis_font, size, line_pitch, indent, align, color,
            space_before, space_after, bold, superscript_size, superscript_rise, subscript_size,
            subscript_drop, gap, numbering, label,
            letter_spacing, top, shift, seal_size, seal_gap, seal_inset, signer_seal_size, format, rules, padding, continued, leader, left, center, right, outside, inside, inset, rule, rule_color,
            inner_rule, copies, separator, terminator, back_page, distance, first_page);
        self
    }
}

/// Lays each style table of `over` on the same table of `base`.
fn merge_styles(
    over: &mut BTreeMap<&'static str, StyleSpec>,
    base: BTreeMap<&'static str, StyleSpec>,
) {
    for (table, b) in base {
        let merged = match over.remove(table) {
            Some(o) => o.merge(b),
            None => b,
        };
        over.insert(table, merged);
    }
}

impl Merge for MastheadSpec {
    fn merge(mut self, base: MastheadSpec) -> MastheadSpec {
        merge_styles(&mut self.styles, base.styles);
        merge_options!(self, base; enabled, optional, issue_format, supplement_format, total_format,
            copy_digits, rule, rule_color, rule_gap, space_after, letter, rule_width);
        self
    }
}

impl Merge for PdfSpec {
    fn merge(mut self, base: PdfSpec) -> PdfSpec {
        merge_options!(self, base; standard);
        self
    }
}

impl Merge for GridSpec {
    fn merge(mut self, base: GridSpec) -> GridSpec {
        merge_options!(self, base; characters, lines);
        self
    }
}

impl Merge for FigureSpec {
    fn merge(mut self, base: FigureSpec) -> FigureSpec {
        merge_options!(self, base; placement, width, max_height, space_before, space_after,
            caption_gap, row_gap, row_max_height, sub_caption);
        self
    }
}

mod tables;

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
        let body = &merged.styles["body"];
        assert_eq!(body.size.unwrap().0, Length::Pt(Pt(12.0)));
        assert_eq!(body.indent.unwrap().0, Length::Em(2.0));
        assert!(!merged.styles.contains_key("title"));
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
            s.styles["body"].font.clone().unwrap().into_inner(),
            FontRef::Name("serif".into())
        );
        assert_eq!(
            s.styles["title"].font.clone().unwrap().into_inner(),
            FontRef::List(vec!["A".into(), "B".into()])
        );
    }
}
