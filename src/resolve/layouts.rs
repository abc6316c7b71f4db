//! Loading the layout chain: the named layout, what it `extends`, and the definition's inline
//! overrides, each checked on its own before they are laid over one another.

use super::{Assets, TEMPLATE_FIELDS};
use crate::error::{Error, ErrorKind, Result, Source};
use crate::messages::msg;
use crate::model::layout::{self, FontRef, LayoutSpec, Merge, StyleSpec};
use crate::model::roles;
use crate::model::Definition;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A place in a file: its source and a byte span.
pub type Place = (Source, Range<usize>);

/// The merged layout, and the files it was merged from.
///
/// After the merge a value no longer says which file it came from (its span is only a byte
/// range), so an error found later asks [`Layout::locate`] for the file that sets the value: the
/// first, in the order values win, whose text has it.
pub struct Layout {
    pub spec: LayoutSpec,
    /// The files in the order their values win, each with the table its keys are under: the
    /// definition (`overrides`), the layout it names, what that extends, and so on to the root.
    files: Vec<(Source, &'static [&'static str])>,
    /// The definition's `layout = "…"`, for what no file sets.
    named: Place,
}

impl Layout {
    /// Where the value at `path` (`["heading-2", "size"]`, `["page"]`) that won the merge is
    /// written: its value, or for a table its header (or its key, when it is only implied by
    /// dotted keys).
    pub fn locate(&self, path: &[&str]) -> Option<Place> {
        self.files.iter().find_map(|(source, prefix)| {
            let full: Vec<&str> = prefix.iter().chain(path).copied().collect();
            span_of(&source.text, &full).map(|span| (source.clone(), span))
        })
    }

    /// Like [`Layout::locate`] for a key of a role's style (`key` `None`: the role's table);
    /// a heading level also looks in `[heading]`, which every level takes what it lacks from.
    pub fn locate_role(&self, role: &str, key: Option<&str>) -> Option<Place> {
        roles::chain(role).into_iter().find_map(|table| {
            let path: Vec<&str> = table.split('.').chain(key).collect();
            self.locate(&path)
        })
    }

    /// Where the first of a role's `keys` set in the file that wins is written: the error is
    /// about two values together (a line pitch under a type size), so it points at the one the
    /// user wrote last — an `[overrides]` size over a layout's pitch is the size.
    pub fn locate_role_any(&self, role: &str, keys: &[&str]) -> Option<Place> {
        self.files.iter().find_map(|(source, prefix)| {
            roles::chain(role).into_iter().find_map(|table| {
                keys.iter().find_map(|key| {
                    let full: Vec<&str> = prefix
                        .iter()
                        .copied()
                        .chain(table.split('.'))
                        .chain([*key])
                        .collect();
                    span_of(&source.text, &full).map(|span| (source.clone(), span))
                })
            })
        })
    }

    /// The files in the order their values win (the definition first, its keys under
    /// `overrides`), each with the table its keys are under.
    pub fn files(&self) -> &[(Source, &'static [&'static str])] {
        &self.files
    }

    /// The definition's `layout = "…"`: where to point when no file has what is missing.
    pub fn named(&self) -> Place {
        self.named.clone()
    }
}

/// Where an entry is written: its key, and its value (for a table, its header).
struct EntrySpans {
    key: Option<Range<usize>>,
    value: Option<Range<usize>>,
}

/// The spans of the last key of `path` in a TOML text and of its value, if the text has it;
/// dotted keys and inline tables count as tables.
fn entry_spans(text: &str, path: &[&str]) -> Option<EntrySpans> {
    let doc = toml_edit::Document::parse(text).ok()?;
    let (last, tables) = path.split_last()?;
    let mut item = doc.as_item();
    for key in tables {
        item = item.as_table_like()?.get(key)?;
    }
    let (key, value) = item.as_table_like()?.get_key_value(last)?;
    Some(EntrySpans {
        key: key.span(),
        value: value.span(),
    })
}

/// The span of the value (or table) at `path` in a TOML text, if the text has it.
fn span_of(text: &str, path: &[&str]) -> Option<Range<usize>> {
    entry_spans(text, path)?.value
}

/// The longest `extends` chain followed: house styles extend one or two others; a longer chain
/// is a mistake (or a cycle through links that no spelling of the paths shows).
pub const MAX_EXTENDS: usize = 32;

/// The definition's layout with everything it extends and the definition's overrides merged.
pub fn load(def: &Definition, assets: &dyn Assets) -> Result<Layout> {
    // Read the chain from the named layout up to its root ancestor.
    let mut chain: Vec<(Source, LayoutSpec)> = Vec::new();
    let mut visited: Vec<PathBuf> = Vec::new();
    let mut name = def.layout.clone();
    let mut from = (def.source.clone(), def.source.path.clone());
    loop {
        if Path::new(name.get_ref()).is_absolute() {
            super::relative_path(name.get_ref(), Path::new("."), "layout")
                .map_err(|e| e.at(&from.0, name.span()))?;
        }
        let source = assets.layout(name.get_ref(), &from.1).map_err(|msg| {
            Error::new(ErrorKind::Invalid, msg)
                .at(&from.0, name.span())
                .label(msg::label_this_layout())
        })?;
        // The same file spelt differently (`./c2.toml`, `../lay/c2.toml`) is the same file.
        let key = std::path::absolute(&source.path)
            .map(|p| crate::paths::lexical(&p))
            .unwrap_or_else(|_| source.path.clone());
        if visited.contains(&key) || visited.len() >= MAX_EXTENDS {
            let cycle: Vec<String> = chain
                .iter()
                .map(|(s, _)| s.path.display().to_string())
                .chain(std::iter::once(source.path.display().to_string()))
                .collect();
            let message = if visited.contains(&key) {
                msg::layout_cycle(cycle.join(" → "))
            } else {
                msg::layout_too_deep(MAX_EXTENDS)
            };
            return Err(Error::new(ErrorKind::Invalid, message).at(&from.0, name.span()));
        }
        visited.push(key);
        let spec = layout::parse(&source)?;
        let next = spec.extends.clone();
        let path = source.path.clone();
        chain.push((source.clone(), spec));
        match next {
            Some(parent) => {
                name = parent;
                from = (source, path);
            }
            None => break,
        }
    }

    // Check each file against what its ancestors define, root first, then merge.
    let mut files: Vec<(Source, &'static [&'static str])> =
        vec![(def.source.clone(), &["overrides"])];
    files.extend(chain.iter().map(|(source, _)| (source.clone(), &[][..])));
    let mut merged = LayoutSpec::default();
    let mut chains: BTreeSet<String> = BTreeSet::new();
    for (source, mut spec) in chain.into_iter().rev() {
        check(&mut spec, &source, &mut chains, assets)?;
        merged = spec.merge(merged);
    }
    if let Some(overrides) = &def.overrides {
        let mut overrides = overrides.clone();
        if let Some(ext) = &overrides.extends {
            return Err(Error::new(ErrorKind::Invalid, msg::extends_in_definition())
                .at(&def.source, ext.span()));
        }
        check(&mut overrides, &def.source, &mut chains, assets)?;
        merged = overrides.merge(merged);
    }
    Ok(Layout {
        spec: merged,
        files,
        named: (def.source.clone(), def.layout.span()),
    })
}

/// Checks one file's fonts and templates; records the font chains it defines. Font names that
/// are paths are made absolute here, relative to this file, because after merging it is no
/// longer known which file named them. Every chain is opened (to report one that does not open
/// here, at its place); the faces of bold and emphasis a style names are opened when text
/// uses them, and a failure is reported at the key that names them.
fn check(
    spec: &mut LayoutSpec,
    source: &Source,
    chains: &mut BTreeSet<String>,
    assets: &dyn Assets,
) -> Result<()> {
    super::numbers::check(spec, source)?;
    let dir = crate::paths::dir_of(&source.path).to_path_buf();
    if let Some(fonts) = &mut spec.fonts {
        for (chain, names) in fonts.iter_mut() {
            let span = names.span();
            let mut list = names.get_ref().clone();
            if list.is_empty() {
                return Err(
                    Error::new(ErrorKind::Invalid, msg::chain_no_fonts(chain)).at(source, span)
                );
            }
            // Every chain a file defines opens here, used or not: a chain that names no
            // installed font is a mistake to report at its place, not to pass over silently.
            check_fonts(&mut list, &dir, source, span.clone(), true, assets)?;
            *names = Spanned::new(span, list);
            chains.insert(chain.clone());
        }
    }
    if let Some(g) = &spec.grid {
        for (key, value, least) in [("characters", &g.characters, 4), ("lines", &g.lines, 3)] {
            if let Some(v) = value.as_ref().filter(|v| *v.get_ref() < least) {
                return Err(
                    Error::new(ErrorKind::Invalid, msg::grid_at_least(key, least))
                        .at(source, v.span()),
                );
            }
        }
    }
    if let Some(m) = &spec.masthead {
        if let Some(d) = m.copy_digits.as_ref().filter(|d| *d.get_ref() > 12) {
            return Err(Error::new(ErrorKind::Invalid, msg::copy_digits_most())
                .at(source, d.span())
                .label(msg::label_at_most_12()));
        }
        for (template, fields) in [
            (&m.issue_format, &["issue", "code", "year"][..]),
            (&m.supplement_format, &["issue", "code", "year"][..]),
            (&m.total_format, &["total"][..]),
        ] {
            if let Some(t) = template {
                check_fields(t, fields, source)?;
            }
        }
    }
    if let Some(t) = spec.figure.as_ref().and_then(|f| f.sub_caption.as_ref()) {
        check_fields(t, &["a", "side", "caption"], source)?;
    }
    for (role, style) in spec.styles_mut() {
        for (font, open) in [
            (&mut style.font, true),
            (&mut style.latin_font, true),
            (&mut style.bold_font, false),
            (&mut style.emphasis_font, false),
        ]
        .into_iter()
        .filter_map(|(f, open)| Some((f.as_mut()?, open)))
        {
            let span = font.span();
            match font.get_ref().clone() {
                FontRef::Name(chain) => {
                    if !chains.contains(&chain) {
                        return Err(font_chain_error(&chain, chains, source, span));
                    }
                }
                FontRef::List(mut names) => {
                    check_fonts(&mut names, &dir, source, span.clone(), open, assets)?;
                    *font = Spanned::new(span, FontRef::List(names));
                }
            }
        }
        check_role_keys(role, style, source)?;
    }
    Ok(())
}

/// Checks the fonts a chain lists: a font file named by path (made absolute here, relative to
/// `dir`) must open, and at least one of the chain's fonts must (see [`super::fontchain`]);
/// only the paths when not `open`.
fn check_fonts(
    names: &mut [String],
    dir: &Path,
    source: &Source,
    span: Range<usize>,
    open: bool,
    assets: &dyn Assets,
) -> Result<()> {
    for name in names.iter_mut() {
        if crate::paths::names_a_font_file(name) {
            let path =
                super::relative_path(name, dir, "font").map_err(|e| e.at(source, span.clone()))?;
            *name = path.to_string_lossy().into_owned();
        }
    }
    if !open {
        return Ok(());
    }
    super::fontchain::open_chain(names, assets).map_err(|msg| {
        Error::new(ErrorKind::Font, msg)
            .at(source, span)
            .label(msg::label_this_font())
    })?;
    Ok(())
}

fn font_chain_error(
    chain: &str,
    chains: &BTreeSet<String>,
    source: &Source,
    span: Range<usize>,
) -> Error {
    let known: Vec<&str> = chains.iter().map(String::as_str).collect();
    let hint = if known.is_empty() {
        msg::no_chains_defined()
    } else {
        msg::chains_defined(known.join(", "))
    };
    Error::new(ErrorKind::Invalid, msg::no_font_chain(chain, hint)).at(source, span)
}

/// Keys that only some roles use, and templates' field names.
/// `a`, `a and b`, `a, b and c`.
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => msg::and_list(rest.join(", "), last).text,
        None => String::new(),
    }
}

fn check_role_keys(role: &str, style: &StyleSpec, source: &Source) -> Result<()> {
    let misplaced = |key: &str, span: Option<Range<usize>>| {
        let owners: Vec<String> = roles::owners(key)
            .iter()
            .map(|o| format!("[{o}]"))
            .collect();
        let error = Error::new(
            ErrorKind::Invalid,
            msg::key_only_for_roles(role, key, and_list(&owners)),
        );
        // Keys without a span of their own (lengths, flags) are found in the source text.
        match span.or_else(|| key_span(&source.text, role, key)) {
            Some(span) => error
                .at(source, span)
                .label(msg::label_only_for(and_list(&owners))),
            None => error.with_path(&source.path),
        }
    };
    let spanned = |t: &Option<Spanned<String>>| t.as_ref().map(Spanned::span);
    let keys: [(&str, bool, Option<Range<usize>>); 25] = [
        ("format", style.format.is_some(), spanned(&style.format)),
        ("leader", style.leader.is_some(), spanned(&style.leader)),
        ("left", style.left.is_some(), spanned(&style.left)),
        ("center", style.center.is_some(), spanned(&style.center)),
        ("right", style.right.is_some(), spanned(&style.right)),
        ("outside", style.outside.is_some(), spanned(&style.outside)),
        ("inside", style.inside.is_some(), spanned(&style.inside)),
        ("distance", style.distance.is_some(), None),
        ("first-page", style.first_page.is_some(), None),
        ("inset", style.inset.is_some(), None),
        ("rule", style.rule.is_some(), None),
        ("rule-color", style.rule_color.is_some(), None),
        ("inner-rule", style.inner_rule.is_some(), None),
        ("copies", style.copies.is_some(), spanned(&style.copies)),
        ("separator", style.separator.is_some(), None),
        ("terminator", style.terminator.is_some(), None),
        (
            "numbering",
            style.numbering.is_some(),
            spanned(&style.numbering),
        ),
        ("label", style.label.is_some(), spanned(&style.label)),
        ("letter-spacing", style.letter_spacing.is_some(), None),
        ("top", style.top.is_some(), None),
        ("shift", style.shift.is_some(), None),
        ("gap", style.gap.is_some(), None),
        ("rules", style.rules.is_some(), None),
        ("padding", style.padding.is_some(), None),
        (
            "continued",
            style.continued.is_some(),
            spanned(&style.continued),
        ),
    ];
    let own = roles::by_table(role).map_or(&[][..], |k| k.keys);
    for (key, set, span) in keys {
        if set && !own.contains(&key) {
            return Err(misplaced(key, span));
        }
    }
    for f in [&style.format, &style.continued].into_iter().flatten() {
        check_fields(f, &["n", "caption"], source)?;
    }
    for t in [
        &style.left,
        &style.center,
        &style.right,
        &style.outside,
        &style.inside,
    ]
    .into_iter()
    .flatten()
    {
        check_fields(t, TEMPLATE_FIELDS, source)?;
    }
    if let Some(c) = &style.copies {
        check_fields(c, &["copies"], source)?;
    }
    if let Some(n) = style
        .numbering
        .as_ref()
        .filter(|_| role.starts_with("list"))
    {
        // A list's numbering without a field is a bullet (`•`).
        check_fields(n, &["cn", "n", "circled"], source)?;
    } else if let Some(n) = &style.numbering {
        check_fields(n, &["cn", "n"], source)?;
        if !n.get_ref().contains("{cn}") && !n.get_ref().contains("{n}") {
            return Err(
                Error::new(ErrorKind::Invalid, msg::numbering_needs_number()).at(source, n.span()),
            );
        }
    }
    Ok(())
}

/// Where `key = …` is written in the `[table]` (or `[overrides.table]`, also as dotted keys or
/// an inline table) of a TOML text, for values whose type does not keep a span: the key itself.
pub(super) fn key_span(text: &str, table: &str, key: &str) -> Option<Range<usize>> {
    [&[][..], &["overrides"][..]].iter().find_map(|prefix| {
        let path: Vec<&str> = prefix
            .iter()
            .copied()
            .chain(table.split('.'))
            .chain([key])
            .collect();
        let spans = entry_spans(text, &path)?;
        spans.key.or(spans.value)
    })
}

/// Every `{name}` in a template must be one of `fields`.
fn check_fields(template: &Spanned<String>, fields: &[&str], source: &Source) -> Result<()> {
    let mut rest = template.get_ref().as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let field = &after[..close];
        if !fields.contains(&field) {
            let list: Vec<String> = fields.iter().map(|f| format!("{{{f}}}")).collect();
            return Err(Error::new(
                ErrorKind::Invalid,
                msg::unknown_field(field, list.join(", ")),
            )
            .at(source, template.span()));
        }
        rest = &after[close + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A layout whose files are a definition, a layout and its base, nothing merged.
    fn layout(def: &str, named: &str, base: &str) -> Layout {
        let def = Source::new("issue.toml", def);
        Layout {
            spec: LayoutSpec::default(),
            files: vec![
                (def.clone(), &["overrides"]),
                (Source::new("named.toml", named), &[]),
                (Source::new("base.toml", base), &[]),
            ],
            named: (def, 9..21),
        }
    }

    fn at(place: Option<Place>) -> Option<(String, String)> {
        place.map(|(source, span)| {
            let (line, col) = source.line_col(span.start);
            (
                format!("{}:{line}:{col}", source.path.display()),
                source.text[span].to_string(),
            )
        })
    }

    #[test]
    fn the_first_file_that_sets_a_value_is_where_it_is() {
        let l = layout(
            "layout = \"named.toml\"\n[overrides]\nbody.size = \"1pt\"\n",
            "[heading]\nsize = \"2pt\"\n",
            "[body]\nsize = \"3pt\"\nfont = \"serif\"\n[heading-2]\nsize = \"4pt\"\n[masthead.name]\nsize = \"5pt\"\n",
        );
        let found = |path: &[&str]| at(l.locate(path));
        let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(found(&["body", "size"]), s("issue.toml:3:13", "\"1pt\""));
        assert_eq!(found(&["body", "font"]), s("base.toml:3:8", "\"serif\""));
        assert_eq!(found(&["body"]), s("issue.toml:3:1", "body"));
        assert_eq!(found(&["heading-2"]), s("base.toml:4:1", "[heading-2]"));
        assert_eq!(found(&["title"]), None);
        // A level's own value wins over [heading]'s, wherever each is set.
        let role = |r: &str, k: &str| at(l.locate_role(r, Some(k)));
        assert_eq!(role("heading-2", "size"), s("base.toml:5:8", "\"4pt\""));
        assert_eq!(role("heading-3", "size"), s("named.toml:2:8", "\"2pt\""));
        assert_eq!(role("masthead.name", "size"), s("base.toml:7:8", "\"5pt\""));
        assert_eq!(at(Some(l.named())), s("issue.toml:1:10", "\"named.toml\""));
    }
}
