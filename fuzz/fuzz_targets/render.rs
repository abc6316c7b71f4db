//! Definition text → parse → resolve → paginate → PDF bytes, all in memory.
//!
//! The input is taken as a definition living in `samples/` (so the seed's figures resolve), read
//! through the same confined file-system assets the CLI uses; nothing is written anywhere.
#![no_main]

use jianbao::assets::{FsAssets, SearchPaths};
use jianbao::error::Source;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::OnceLock;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

fn assets() -> &'static FsAssets {
    static ASSETS: OnceLock<FsAssets> = OnceLock::new();
    ASSETS.get_or_init(|| FsAssets::new(SearchPaths::from_env()))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Source::new(samples().join("fuzz.toml"), text);
    let confined = assets().confined(&samples()).expect("samples/ exists");
    if let Ok(rendered) = jianbao::render(&source, &confined) {
        assert!(rendered.pdf.starts_with(b"%PDF-"));
        assert!(rendered.pages >= 1);
    }
});
