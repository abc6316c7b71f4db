//! The layouts and fonts compiled into the executable (cargo feature `builtin`, on by default),
//! so that a copied or `cargo install`ed `jianbao` renders with nothing installed beside it.
//!
//! The bytes are `include_bytes!` statics of the binary (`src/main.rs` includes the table that
//! build.rs writes, and hands it to [`register`]): read-only data that the OS pages in from the
//! executable only when a font's glyphs are read, like the memory map of a font file. The
//! library itself holds no data, so test programs linking it stay small; without a
//! registration (the library used on its own, `--no-default-features`) the built-in place of
//! the search order is empty.
//!
//! A built-in file has the path `<built-in>/NAME` (how listings and messages show it). It is
//! searched after every directory and before the system's fonts, so a file found on disk — a
//! layout or font of the same name, or a newer version of a bundled font — wins.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Files by name: (file name, bytes), sorted by name.
pub type Files = &'static [(&'static str, &'static [u8])];

/// What shows where a built-in file's directory would be.
pub const PREFIX: &str = "<built-in>";

static DATA: OnceLock<(Files, Files)> = OnceLock::new();

/// Makes `layouts` and `fonts` the built-in files (once; later calls are ignored).
pub fn register(layouts: Files, fonts: Files) {
    let _ = DATA.set((layouts, fonts));
}

/// The built-in layout files (none unless [`register`]ed).
pub fn layouts() -> Files {
    DATA.get().map_or(&[], |d| d.0)
}

/// The built-in font files (none unless [`register`]ed).
pub fn fonts() -> Files {
    DATA.get().map_or(&[], |d| d.1)
}

/// Whether any file is built in (the `builtin` feature was on and the binary registered it).
pub fn present() -> bool {
    !layouts().is_empty() || !fonts().is_empty()
}

/// The path a built-in file is known by: `<built-in>/NAME`.
pub fn path(name: &str) -> PathBuf {
    PathBuf::from(format!("{PREFIX}/{name}"))
}

/// The file name of a `<built-in>/NAME` path.
pub fn name_of(path: &Path) -> Option<&str> {
    path.to_str()?.strip_prefix(PREFIX)?.strip_prefix('/')
}

fn find(files: Files, path: &Path) -> Option<&'static [u8]> {
    let name = name_of(path)?;
    files
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| files[i].1)
}

/// The bytes of the built-in layout at `path`, if it is one.
pub fn layout(path: &Path) -> Option<&'static [u8]> {
    find(layouts(), path)
}

/// The bytes of the built-in font at `path`, if it is one: served as they are, never copied.
pub fn font(path: &Path) -> Option<&'static [u8]> {
    find(fonts(), path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_built_in_files() {
        assert_eq!(path("a.toml"), PathBuf::from("<built-in>/a.toml"));
        assert_eq!(name_of(Path::new("<built-in>/a.toml")), Some("a.toml"));
        assert_eq!(name_of(Path::new("layouts/a.toml")), None);
        assert_eq!(name_of(Path::new("<built-in>a.toml")), None);
        static FILES: &[(&str, &[u8])] = &[("a.toml", b"x = 1"), ("b.toml", b"y = 2")];
        assert_eq!(
            find(FILES, Path::new("<built-in>/b.toml")),
            Some(&b"y = 2"[..])
        );
        assert_eq!(find(FILES, Path::new("<built-in>/c.toml")), None);
        assert_eq!(find(FILES, Path::new("elsewhere/a.toml")), None);
    }
}
