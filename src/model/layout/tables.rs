//! Reading the tables that hold style tables — the layout file itself and `[masthead]` — with
//! the element registry deciding which style tables exist: a key is either one of the table's
//! own fields or the name of a registered element, anything else is an unknown key (with the
//! closest valid one suggested, as for every table).

use super::{LayoutSpec, MastheadSpec};
use crate::messages::msg;
use crate::model::roles::KINDS;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::sync::LazyLock;

const LAYOUT_OWN: &[&str] = &[
    "description",
    "extends",
    "page",
    "fonts",
    "text",
    "date-format",
    "figure",
    "masthead",
    "grid",
    "pdf",
];

const MASTHEAD_OWN: &[&str] = &[
    "enabled",
    "optional",
    "issue-format",
    "supplement-format",
    "total-format",
    "copy-digits",
    "rule",
    "rule-color",
    "rule-gap",
    "space-after",
    "letter",
    "rule-width",
];

/// Every key a table takes: its own, then the registry's tables under `prefix`.
fn keys(own: &'static [&'static str], prefix: &str) -> Vec<&'static str> {
    let styles = KINDS.iter().filter_map(|k| match prefix {
        "" => (!k.table.contains('.')).then_some(k.table),
        _ => k.table.strip_prefix(prefix),
    });
    own.iter().copied().chain(styles).collect()
}

static LAYOUT_KEYS: LazyLock<Vec<&'static str>> = LazyLock::new(|| keys(LAYOUT_OWN, ""));
static MASTHEAD_KEYS: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| keys(MASTHEAD_OWN, "masthead."));

/// A key: one of the table's own fields, or a style table (by its full name).
enum Key {
    Own(&'static str),
    Style(&'static str),
}

/// Reads a key of a table whose own fields are `own` and whose style tables are the registry's
/// under `prefix`.
#[derive(Clone, Copy)]
struct KeySeed {
    own: &'static [&'static str],
    prefix: &'static str,
    expected: &'static [&'static str],
}

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&msg::expect_key().text)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        if let Some(own) = self.own.iter().find(|k| **k == v) {
            return Ok(Key::Own(own));
        }
        let style = KINDS.iter().find(|k| match self.prefix {
            "" => k.table == v && !v.contains('.'),
            prefix => k.table.strip_prefix(prefix) == Some(v),
        });
        match style {
            Some(kind) => Ok(Key::Style(kind.table)),
            None => Err(E::unknown_field(v, self.expected)),
        }
    }
}

/// Sets an own field from the next value.
fn take<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    field: &mut Option<T>,
) -> Result<(), A::Error> {
    *field = Some(map.next_value()?);
    Ok(())
}

struct LayoutVisitor;

impl<'de> Visitor<'de> for LayoutVisitor {
    type Value = LayoutSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&msg::expect_layout_table().text)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LayoutSpec, A::Error> {
        let seed = KeySeed {
            own: LAYOUT_OWN,
            prefix: "",
            expected: LAYOUT_KEYS.as_slice(),
        };
        let mut spec = LayoutSpec::default();
        while let Some(key) = map.next_key_seed(seed)? {
            match key {
                Key::Own("description") => take(&mut map, &mut spec.description)?,
                Key::Own("extends") => take(&mut map, &mut spec.extends)?,
                Key::Own("page") => take(&mut map, &mut spec.page)?,
                Key::Own("fonts") => take(&mut map, &mut spec.fonts)?,
                Key::Own("text") => take(&mut map, &mut spec.text)?,
                Key::Own("date-format") => take(&mut map, &mut spec.date_format)?,
                Key::Own("figure") => take(&mut map, &mut spec.figure)?,
                Key::Own("masthead") => take(&mut map, &mut spec.masthead)?,
                Key::Own("grid") => take(&mut map, &mut spec.grid)?,
                Key::Own("pdf") => take(&mut map, &mut spec.pdf)?,
                // The seed lets only LAYOUT_OWN's keys through: a key listed there but not
                // matched here is this file's mistake, said as an unknown field, not a panic.
                Key::Own(other) => return Err(de::Error::unknown_field(other, LAYOUT_OWN)),
                Key::Style(table) => {
                    spec.styles.insert(table, map.next_value()?);
                }
            }
        }
        Ok(spec)
    }
}

impl<'de> Deserialize<'de> for LayoutSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<LayoutSpec, D::Error> {
        d.deserialize_struct("LayoutSpec", LAYOUT_KEYS.as_slice(), LayoutVisitor)
    }
}

struct MastheadVisitor;

impl<'de> Visitor<'de> for MastheadVisitor {
    type Value = MastheadSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&msg::expect_table().text)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<MastheadSpec, A::Error> {
        let seed = KeySeed {
            own: MASTHEAD_OWN,
            prefix: "masthead.",
            expected: MASTHEAD_KEYS.as_slice(),
        };
        let mut m = MastheadSpec::default();
        while let Some(key) = map.next_key_seed(seed)? {
            match key {
                Key::Own("enabled") => take(&mut map, &mut m.enabled)?,
                Key::Own("optional") => take(&mut map, &mut m.optional)?,
                Key::Own("issue-format") => take(&mut map, &mut m.issue_format)?,
                Key::Own("supplement-format") => take(&mut map, &mut m.supplement_format)?,
                Key::Own("total-format") => take(&mut map, &mut m.total_format)?,
                Key::Own("copy-digits") => take(&mut map, &mut m.copy_digits)?,
                Key::Own("rule") => take(&mut map, &mut m.rule)?,
                Key::Own("rule-color") => take(&mut map, &mut m.rule_color)?,
                Key::Own("rule-gap") => take(&mut map, &mut m.rule_gap)?,
                Key::Own("space-after") => take(&mut map, &mut m.space_after)?,
                Key::Own("letter") => take(&mut map, &mut m.letter)?,
                Key::Own("rule-width") => take(&mut map, &mut m.rule_width)?,
                Key::Own(other) => return Err(de::Error::unknown_field(other, MASTHEAD_OWN)),
                Key::Style(table) => {
                    m.styles.insert(table, map.next_value()?);
                }
            }
        }
        Ok(m)
    }
}

impl<'de> Deserialize<'de> for MastheadSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<MastheadSpec, D::Error> {
        d.deserialize_struct("MastheadSpec", MASTHEAD_KEYS.as_slice(), MastheadVisitor)
    }
}
