//! `--save-manifest`: the manifest of the run just done — its definitions in order (relative to
//! the manifest), their outputs and the copies used — so that the run can be repeated exactly
//! even when it came from directories and patterns whose contents change.

use super::inputs::Item;
use crate::assets::write_atomically;
use crate::error::Error;
use std::path::Path;

/// Writes a manifest that repeats this run: the definitions (relative to the manifest), their
/// outputs, and the copies used.
pub fn save(path: &Path, items: &[Item], copies: &[Option<u32>]) -> Result<(), Error> {
    let dir = std::path::absolute(path)
        .map_err(|e| Error::io(path, &e))?
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let quote = |s: String| toml::Value::String(s).to_string();
    let mut text = String::from(
        "# jianbao batch manifest: the bulletins of a print run, in order.\n# Repeat the run with: jianbao batch THIS.toml -o OUTDIR [--merge FILE.pdf --copies]\n",
    );
    for (item, copies) in items.iter().zip(copies) {
        let definition = std::path::absolute(&item.definition)
            .map(|abs| crate::paths::relative_to(&abs, &dir))
            .unwrap_or_else(|_| item.definition.clone());
        text.push_str("\n[[bulletins]]\n");
        text.push_str(&format!("definition = {}\n", quote(slashed(&definition))));
        text.push_str(&format!("output = {}\n", quote(slashed(&item.output))));
        if let Some(n) = copies {
            text.push_str(&format!("copies = {n}\n"));
        }
    }
    write_atomically(path, text.as_bytes())
}

/// A path with `/` separators, the same on every system.
pub fn slashed(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(slashed(Path::new("x/y.pdf")), "x/y.pdf");
    }
}
