//! The sign of every length a layout (or a definition's `[overrides]`) gives, checked when its
//! file is read, so the error points at the value in that file.
//!
//! Each length is already finite and within PDF's largest page when it is parsed
//! ([`crate::units::parse_length`]); what is left is what each key means: a page has a size
//! more than zero, a line pitch is more than zero (zero or less sets every line over the one
//! before), and margins, indents, spaces, distances, rules and letter-spacing are zero or more
//! (negative ones put type over other type or off the page).

use super::layouts::key_span;
use crate::error::{Error, ErrorKind, Result, Source};
use crate::model::layout::{LayoutSpec, StyleSpec};
use crate::model::LengthValue;
use crate::units::Length;

/// What a key's value may be.
#[derive(Clone, Copy)]
enum Sign {
    /// More than zero.
    Positive,
    /// Zero or more.
    NotNegative,
}

/// Checks every length of one file's spec.
pub fn check(spec: &LayoutSpec, source: &Source) -> Result<()> {
    use Sign::*;
    if let Some(p) = &spec.page {
        let keys = [
            ("width", &p.width, Positive),
            ("height", &p.height, Positive),
            ("top", &p.top, NotNegative),
            ("bottom", &p.bottom, NotNegative),
            ("left", &p.left, NotNegative),
            ("right", &p.right, NotNegative),
        ];
        check_keys("page", &keys, source)?;
    }
    if let Some(f) = &spec.figure {
        let keys = [
            ("space-before", &f.space_before, NotNegative),
            ("space-after", &f.space_after, NotNegative),
            ("caption-gap", &f.caption_gap, NotNegative),
            ("row-gap", &f.row_gap, NotNegative),
        ];
        check_keys("figure", &keys, source)?;
    }
    if let Some(m) = &spec.masthead {
        let keys = [
            ("rule", &m.rule, NotNegative),
            ("rule-gap", &m.rule_gap, NotNegative),
            ("space-after", &m.space_after, NotNegative),
            ("rule-width", &m.rule_width, Positive),
        ];
        check_keys("masthead", &keys, source)?;
        // The masthead's line tables are keyed by their whole name (`masthead.name`).
        for (table, style) in &m.styles {
            check_style(table, style, source)?;
        }
    }
    // Every style table the file has, as the element registry names them.
    for (table, style) in &spec.styles {
        check_style(table, style, source)?;
    }
    Ok(())
}

fn check_style(role: &str, s: &StyleSpec, source: &Source) -> Result<()> {
    use Sign::*;
    let keys = [
        ("line-pitch", &s.line_pitch, Positive),
        ("indent", &s.indent, NotNegative),
        ("space-before", &s.space_before, NotNegative),
        ("space-after", &s.space_after, NotNegative),
        ("letter-spacing", &s.letter_spacing, NotNegative),
        ("top", &s.top, NotNegative),
        ("shift", &s.shift, NotNegative),
        ("inset", &s.inset, NotNegative),
        ("rule", &s.rule, NotNegative),
        ("inner-rule", &s.inner_rule, NotNegative),
        ("distance", &s.distance, NotNegative),
        ("gap", &s.gap, NotNegative),
        ("superscript-size", &s.superscript_size, Positive),
        ("superscript-rise", &s.superscript_rise, NotNegative),
        ("subscript-size", &s.subscript_size, Positive),
        ("subscript-drop", &s.subscript_drop, NotNegative),
        ("seal-size", &s.seal_size, Positive),
        ("seal-gap", &s.seal_gap, NotNegative),
        ("seal-inset", &s.seal_inset, NotNegative),
        ("signer-seal-size", &s.signer_seal_size, Positive),
    ];
    check_keys(role, &keys, source)
}

fn check_keys(
    table: &str,
    keys: &[(&str, &Option<LengthValue>, Sign)],
    source: &Source,
) -> Result<()> {
    for (key, value, sign) in keys {
        let Some(LengthValue(length)) = value else {
            continue;
        };
        let v = match length {
            Length::Pt(p) => p.0,
            Length::Em(e) => *e,
        };
        let (ok, want) = match sign {
            Sign::Positive => (v > 0.0, crate::messages::msg::more_than_zero()),
            Sign::NotNegative => (v >= 0.0, crate::messages::msg::zero_or_more()),
        };
        if ok {
            continue;
        }
        let shown = match length {
            Length::Pt(p) => format!("{p}"),
            Length::Em(e) => format!("{e}字"),
        };
        let error = Error::new(
            ErrorKind::Invalid,
            crate::messages::msg::length_sign(table, key, shown, &want),
        );
        return Err(match key_span(&source.text, table, key) {
            Some(span) => error.at(source, span).label(want),
            None => error.with_path(&source.path),
        });
    }
    Ok(())
}
