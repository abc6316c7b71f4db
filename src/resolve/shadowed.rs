//! Keys of a shared table that a file winning less hides. A table such as `[heading]` holds
//! only what other tables share: each heading level takes from it what the level's own table
//! lacks. So an override of `heading.font` does not reach a level whose table in the layout
//! sets `font` of its own, nor does a layout's `[heading]` reach a level whose table in the
//! layout it extends does — the change would do nothing there, without a word. Each such key
//! is a warning at its place, naming the tables it does not reach (those the document uses).

use super::layouts::{key_span, Layout};
use crate::error::Warning;
use crate::messages::msg;
use crate::model::roles;
use crate::model::Definition;

/// Whether a parsed TOML item has `key` in its (possibly dotted) `table`.
fn has(item: &toml_edit::Item, table: &str, key: &str) -> bool {
    table_of(item, table).is_some_and(|t| t.contains_key(key))
}

/// The table at a dotted path (`masthead.name`) in a parsed TOML item.
fn table_of<'a>(item: &'a toml_edit::Item, table: &str) -> Option<&'a dyn toml_edit::TableLike> {
    let mut item = item;
    for part in table.split('.') {
        item = item.as_table_like()?.get(part)?;
    }
    item.as_table_like()
}

/// A warning for every key of a shared table, in the definition's `[overrides]` or in a layout
/// that extends another, that a table the document uses does not take, because a file that
/// wins less (the layout under the overrides, the layout extended) sets that key there.
pub fn warnings(def: &Definition, layout: &Layout) -> Vec<Warning> {
    // Each file's table of keys (the definition's `[overrides]`, a layout's whole text), in the
    // order their values win.
    let parsed: Vec<Option<toml_edit::Document<String>>> = layout
        .files()
        .iter()
        .map(|(source, _)| source.text.parse().ok())
        .collect();
    let roots: Vec<Option<&toml_edit::Item>> = parsed
        .iter()
        .zip(layout.files())
        .map(|(doc, (_, prefix))| {
            let mut item = doc.as_ref()?.as_item();
            for part in prefix.iter() {
                item = item.as_table_like()?.get(part)?;
            }
            Some(item)
        })
        .collect();
    let sets =
        |file: usize, table: &str, key: &str| roots[file].is_some_and(|r| has(r, table, key));
    let mut out = Vec::new();
    for (file, root) in roots.iter().enumerate() {
        let Some(root) = root else { continue };
        for shared in roles::KINDS.iter().filter(|k| k.role.is_none()) {
            let Some(keys) = table_of(root, shared.table) else {
                continue;
            };
            for (key, _) in keys.iter() {
                // Each element kind under the shared table: the first table of its chain before
                // the shared one that any file sets the key in decides; hidden when only files
                // that win less than this one set it there.
                let hidden: Vec<String> = roles::KINDS
                    .iter()
                    .filter(|k| k.role.is_some() && (k.used)(def))
                    .filter_map(|k| {
                        let chain = roles::chain(k.table);
                        let at = chain.iter().position(|t| *t == shared.table)?;
                        let own = chain[..at]
                            .iter()
                            .find(|t| (0..roots.len()).any(|f| sets(f, t, key)))?;
                        (!(0..=file).any(|f| sets(f, own, key))).then(|| format!("[{}]", k.table))
                    })
                    .collect();
                let Some(first) = hidden.first() else {
                    continue;
                };
                let (source, prefix) = &layout.files()[file];
                let example = format!("{}.{key}", first.trim_matches(['[', ']']));
                let message = if prefix.is_empty() {
                    msg::extended_hidden(shared.table, key, hidden.join(", "), example)
                } else {
                    msg::override_hidden(shared.table, key, hidden.join(", "), example)
                };
                let mut warning = Warning::new(message, "");
                if let Some(span) = key_span(&source.text, shared.table, key) {
                    warning = warning.at(source, span);
                }
                out.push(warning);
            }
        }
    }
    out
}
