//! Opening the fonts a chain lists, skipping the ones that are not installed.
//!
//! A layout names the fonts an office expects first (`仿宋_GB2312`, `方正小标宋简体`) and the
//! bundled ones after: the same definition must render on a machine that has the office's
//! fonts (in their glyphs) and on one that has not (in the bundled ones). So a font *name*
//! that is not installed — or whose licence forbids embedding — is passed over, and only a
//! chain none of whose fonts opens is an error. A font file named by *path* is the layout's
//! own file: that one must be there.

use super::Assets;
use crate::fonts::FontFace;
use crate::messages::{msg, Message};
use std::sync::Arc;

/// The faces of a chain that open, in order, and the names passed over with the reason: `None`
/// for a font that is not installed (its "did you mean" message is built only if shown, when
/// no font of the chain opens), else the catalogue's message.
pub struct Opened {
    pub faces: Vec<Arc<FontFace>>,
    pub skipped: Vec<(String, Option<Message>)>,
}

/// Opens the fonts `names` lists. Errs (with the reason) when a path does not open, or when no
/// name does: for a single name with its own message, for several with each one's.
pub fn open_chain(names: &[String], assets: &dyn Assets) -> Result<Opened, String> {
    let mut opened = Opened {
        faces: Vec::new(),
        skipped: Vec::new(),
    };
    for name in names {
        match assets.font_if_installed(name) {
            Ok(Some(face)) => opened.faces.push(face),
            Ok(None) => opened.skipped.push((name.clone(), None)),
            Err(e) if crate::paths::names_a_path(name) => return Err(e.text),
            Err(e) => opened.skipped.push((name.clone(), Some(e))),
        }
    }
    if !opened.faces.is_empty() {
        return Ok(opened);
    }
    let reasons: Vec<(String, Message)> = opened
        .skipped
        .into_iter()
        .map(|(name, why)| {
            let why = why.unwrap_or_else(|| match assets.font(&name) {
                Err(why) => why,
                // Installed after all (a font copied in meanwhile): say what was seen.
                Ok(_) => msg::not_installed(&name),
            });
            (name, why)
        })
        .collect();
    match reasons.as_slice() {
        [(_, only)] => Err(only.text.clone()),
        all => Err(msg::no_font_usable(
            all.iter()
                .map(|(_, why)| why.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        )
        .text),
    }
}

/// Whether a font was passed over because it is not installed (the catalogue's "not found"
/// messages, told by their code whatever the language), rather than for a reason worth a
/// warning (its licence forbids embedding, the file is broken).
pub(crate) fn is_not_found(why: &Message) -> bool {
    let not_found = [
        msg::font_not_found("", "").code,
        msg::font_not_found_did_you_mean("", "").code,
    ];
    not_found.contains(&why.code)
}

impl Opened {
    /// What `render -v` says about a role's fonts: which face it actually got, the faces
    /// after it that draw what the first lacks, and the preferred fonts that were passed over.
    pub fn note(&self, role: &str) -> String {
        let describe = |f: &Arc<FontFace>| f.display_name();
        let mut note = msg::role_set_in(role, describe(&self.faces[0])).text;
        if self.faces.len() > 1 {
            let rest: Vec<String> = self.faces[1..].iter().map(describe).collect();
            note.push_str(&msg::then_for_lacking(rest.join(", ")).text);
        }
        if !self.skipped.is_empty() {
            let passed: Vec<String> = self
                .skipped
                .iter()
                .map(|(name, why)| match why {
                    Some(why) if !is_not_found(why) => msg::font_with_reason(name, &why.text).text,
                    _ => msg::not_installed(name).text,
                })
                .collect();
            note.push_str(&msg::passed_over(passed.join(", ")).text);
        }
        note
    }
}

impl Opened {
    /// Why each font passed over for a reason other than not being installed was (its licence
    /// forbids embedding, the file is broken): those are worth a warning, since the clerk has
    /// the font and expects it used.
    pub fn not_installed_aside(&self) -> Vec<String> {
        self.skipped
            .iter()
            .filter_map(|(_, why)| why.as_ref())
            .filter(|why| !is_not_found(why))
            .map(|why| why.text.clone())
            .collect()
    }
}

/// The warnings for fonts passed over (`role`, reason) in roles the definition uses, each once,
/// pointing at the definition's `layout = "…"`.
pub fn warnings(
    passed_over: &[(String, String)],
    layout: &super::layouts::Layout,
    in_use: impl Fn(&str) -> bool,
) -> Vec<crate::error::Warning> {
    let (source, span) = layout.named();
    let mut reasons: Vec<&String> = passed_over
        .iter()
        .filter(|(role, _)| in_use(role))
        .map(|(_, why)| why)
        .collect();
    reasons.sort();
    reasons.dedup();
    reasons
        .into_iter()
        .map(|why| {
            crate::error::Warning::new(msg::next_font_used(why), "")
                .at(&source, span.clone())
                .label(msg::label_font_chains())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Told by the message's code, not its words: a Chinese "not found" is not installed too,
    /// and a font whose licence forbids embedding is not "not installed" whatever it says.
    #[test]
    fn not_installed_is_told_by_the_code() {
        assert!(is_not_found(&msg::font_not_found(
            "仿宋_GB2312",
            "FandolFang"
        )));
        assert!(is_not_found(&msg::font_not_found_did_you_mean(
            "仿宋",
            "仿宋_GB2312"
        )));
        let zh = Message {
            code: msg::font_not_found("", "").code,
            text: "找不到字体 `仿宋_GB2312`".into(),
        };
        assert!(is_not_found(&zh));
        assert!(!is_not_found(&msg::font_not_embeddable(
            "X",
            "x.ttf",
            0,
            "restricted"
        )));
        // A text that merely says "not found" (an I/O error's wording) has no such code.
        assert!(!is_not_found(&Message::from("x.ttf: file not found")));
    }
}
