//! `text-file = "articles/a.txt"`: body text kept in a file of its own, so that a long article
//! needs no TOML quoting. The file is reached through [`Assets`] (confined like an image), read
//! as UTF-8 (GBK and UTF-16 with a warning) and split into paragraphs by the same rule as a
//! `text` value; warnings point into the text file.

use super::Assets;
use crate::error::{Error, ErrorKind, Result, Source, Warning};
use crate::model::notice::{self, Noticed};
use toml::Spanned;

/// The paragraphs of the text file a block names, and what reading them noticed.
pub(super) fn paragraphs(
    definition: &Source,
    path: &Spanned<String>,
    assets: &dyn Assets,
    noticed: &mut Noticed,
) -> Result<Vec<String>> {
    let base = crate::paths::dir_of(&definition.path);
    let file = super::relative_path(path.get_ref(), base, "text file")
        .map_err(|e| e.at(definition, path.span()))?;
    let decoded = assets.text_file(&file).map_err(|msg| {
        Error::new(ErrorKind::Io, msg)
            .at(definition, path.span())
            .label(crate::messages::msg::label_this_text_file())
    })?;
    let source = Source::new(file, decoded.text.as_str());
    if let Some(message) = decoded.warning() {
        noticed
            .warnings
            .push(Warning::new(message, source.path.display().to_string()));
    }
    let at = notice::Written {
        source: &source,
        span: 0..source.text.len(),
        quoted: false,
    };
    Ok(notice::paragraphs(&decoded.text, &at, noticed))
}
