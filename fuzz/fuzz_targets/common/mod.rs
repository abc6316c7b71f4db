//! What the definition-rendering targets share: definitions live in `samples/` (so the seed's
//! figures resolve) and reach files through the same confined file-system assets as the CLI.

use jianbao::assets::{FsAssets, SearchPaths};
use jianbao::error::Source;
use std::path::PathBuf;
use std::sync::OnceLock;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

fn assets() -> &'static FsAssets {
    static ASSETS: OnceLock<FsAssets> = OnceLock::new();
    // The library has no built-in files (only the `jianbao` binary registers them), and the
    // source tree is no longer searched by default: name the project's directories.
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    ASSETS.get_or_init(|| {
        FsAssets::new(SearchPaths::with_dirs(
            &[project.join("layouts")],
            &[project.join("fonts")],
        ))
    })
}

/// Renders `text` as a definition in `samples/`; nothing is written anywhere. An error is an
/// answer, except the PDF writer's refusal of a non-finite number: that means a bad number got
/// past validation, a bug.
#[allow(dead_code)] // the `import` target renders through `try_render`, wanting the error
pub fn render(text: &str) -> Option<jianbao::Rendered> {
    match try_render(text) {
        Ok(rendered) => Some(rendered),
        Err(e) if e.message.contains("a number PDF cannot express") => panic!("{e}"),
        Err(_) => None,
    }
}

/// Renders `text` as a definition in `samples/`, with the error when it is refused.
pub fn try_render(text: &str) -> Result<jianbao::Rendered, jianbao::error::Error> {
    let source = Source::new(samples().join("fuzz.toml"), text);
    let confined = assets().confined(&samples()).expect("samples/ exists");
    jianbao::render(&source, &confined)
}
