//! The file system side of the pipeline: finding and reading layouts, fonts and images, and
//! writing output atomically. The core stages never touch files; they ask an [`Assets`]
//! implementation, and this is the one that reads from disk.
//!
//! Font files are memory-mapped, not read: a 15 MB CJK font costs nothing until glyphs are
//! looked up, and one [`FsAssets`] shared by a batch opens each file once for all documents.

use crate::messages::msg;
mod catalog;
mod confine;
mod discover;
mod encoding;
mod fontindex;
mod output;

pub use catalog::{is_font_file, CatalogFace, FontCatalog, SystemFonts};
pub use confine::Confined;
pub use encoding::{decode as decode_text, Decoded};
pub use output::{
    check_target, is_jianbao_pdf, refuse_input_as_output, same_file, write_atomically,
};

use crate::error::Source;
use crate::fonts::FontFace;
use crate::images::{self, Image};
use crate::resolve::Assets;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where to look for things.
#[derive(Clone, Debug, Default)]
pub struct SearchPaths {
    pub layout_dirs: Vec<PathBuf>,
    pub font_dirs: Vec<PathBuf>,
    /// The system font directories searched after `font_dirs`.
    pub system_fonts: SystemFonts,
}

impl SearchPaths {
    /// The defaults: directories from `JIANBAO_LAYOUT_PATH` / `JIANBAO_FONT_PATH` (separated
    /// like `PATH`), then the project's own `layouts/` and `fonts/` (found next to the source
    /// tree the binary was built from, or next to the binary); fonts also from the system's
    /// font directories, or from `JIANBAO_SYSTEM_FONT_DIRS` instead when it is set (empty: none).
    pub fn from_env() -> SearchPaths {
        let mut paths = SearchPaths {
            system_fonts: match std::env::var_os("JIANBAO_SYSTEM_FONT_DIRS") {
                Some(value) => SystemFonts::Dirs(
                    std::env::split_paths(&value)
                        .filter(|p| !p.as_os_str().is_empty())
                        .collect(),
                ),
                None => SystemFonts::Platform,
            },
            ..SearchPaths::default()
        };
        for (var, dirs) in [
            ("JIANBAO_LAYOUT_PATH", &mut paths.layout_dirs),
            ("JIANBAO_FONT_PATH", &mut paths.font_dirs),
        ] {
            if let Some(value) = std::env::var_os(var) {
                dirs.extend(std::env::split_paths(&value).filter(|p| !p.as_os_str().is_empty()));
            }
        }
        for root in project_roots() {
            paths.layout_dirs.push(root.join("layouts"));
            paths.font_dirs.push(root.join("fonts"));
        }
        for dirs in [&mut paths.layout_dirs, &mut paths.font_dirs] {
            unique_dirs(dirs);
        }
        paths
    }
}

/// Keeps the directories that exist, each once: `target/release/../..` and the source tree are
/// the same directory under different names, so compare canonical paths.
fn unique_dirs(dirs: &mut Vec<PathBuf>) {
    let mut seen = Vec::new();
    dirs.retain(|d| match d.canonicalize() {
        Ok(c) if d.is_dir() && !seen.contains(&c) => {
            seen.push(c);
            true
        }
        _ => false,
    });
}

/// Candidate project roots: the source tree this binary was built from, and the binary's
/// surroundings (`target/release/jianbao` → the repository; `bin/jianbao` → `share/jianbao`).
fn project_roots() -> Vec<PathBuf> {
    let mut roots = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR"))];
    if let Ok(exe) = std::env::current_exe() {
        if let Some(dir) = exe.parent() {
            roots.push(dir.join("../.."));
            roots.push(dir.join("../share/jianbao"));
        }
    }
    roots
}

/// Reads assets from disk, caching fonts and images so that a batch opens each file once.
pub struct FsAssets {
    paths: SearchPaths,
    fonts: FontCatalog,
    /// One cell per image path, filled once (see [`FontCatalog`] for why a cell).
    images: Mutex<HashMap<PathBuf, ImageCell>>,
}

type ImageCell = Arc<std::sync::OnceLock<Result<Arc<Image>, String>>>;

impl FsAssets {
    pub fn new(paths: SearchPaths) -> FsAssets {
        FsAssets {
            fonts: FontCatalog::with_system(paths.font_dirs.clone(), paths.system_fonts.clone()),
            paths,
            images: Mutex::new(HashMap::new()),
        }
    }

    pub fn paths(&self) -> &SearchPaths {
        &self.paths
    }

    pub fn catalog(&self) -> &FontCatalog {
        &self.fonts
    }

    /// Every layout file in the layout directories, by name (the first of a name wins).
    pub fn layouts(&self) -> Vec<(String, PathBuf)> {
        let mut found: Vec<(String, PathBuf)> = Vec::new();
        for dir in &self.paths.layout_dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .collect();
            files.sort();
            for path in files {
                let name = path.file_stem().unwrap().to_string_lossy().into_owned();
                if !found.iter().any(|(n, _)| *n == name) {
                    found.push((name, path));
                }
            }
        }
        found
    }
}

/// Largest image file read (a photo for print is a few MB; more is a mistake or an attack).
pub const MAX_IMAGE_BYTES: u64 = 200 * 1024 * 1024;
/// Largest layout file read.
pub const MAX_LAYOUT_BYTES: u64 = 4 * 1024 * 1024;
/// Largest definition read (a 10,000-page bulletin is about 30 MB).
pub const MAX_DEFINITION_BYTES: u64 = 64 * 1024 * 1024;

/// Reads a regular file of at most `limit` bytes. Devices and pipes are refused (`/dev/zero`
/// would never end), and the limit is enforced while reading, not from the size the file
/// claims.
pub fn read_limited(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, String> {
    let file = open_regular(path)?;
    read_open(file, path, limit, what)
}

/// Opens `path` if it is a regular file. A named pipe is opened without waiting for a writer
/// (`O_NONBLOCK`) and then refused, like a device: the check is on what was opened, so the
/// path cannot change between the check and the open.
pub(crate) fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc_o_nonblock());
    }
    let file = options.open(path).map_err(|e| io_message(path, &e))?;
    let meta = file.metadata().map_err(|e| io_message(path, &e))?;
    if !meta.is_file() {
        return Err(msg::not_regular_file(path.display()).text);
    }
    Ok(file)
}

/// `O_NONBLOCK`, which std does not name (0o4000 on Linux and the BSDs' 0x4 differ).
#[cfg(unix)]
fn libc_o_nonblock() -> i32 {
    if cfg!(any(target_os = "linux", target_os = "android")) {
        0o4000
    } else {
        0x0004
    }
}

/// Reads at most `limit` bytes of an opened file (`path` names it in messages).
pub(crate) fn read_open(
    file: std::fs::File,
    path: &Path,
    limit: u64,
    what: &str,
) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = file.metadata().map_err(|e| io_message(path, &e))?;
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(msg::file_too_large(path.display(), limit / (1024 * 1024), what).text);
    }
    Ok(bytes)
}

fn read_text(path: &Path) -> Result<String, String> {
    let file = open_regular(path)?;
    layout_text(file, path)
}

/// A layout's text from its opened file.
pub(crate) fn layout_text(file: std::fs::File, path: &Path) -> Result<String, String> {
    let bytes = read_open(file, path, MAX_LAYOUT_BYTES, &msg::what_a_layout().text)?;
    String::from_utf8(bytes).map_err(|_| msg::not_utf8_path(path.display()).text)
}

pub(crate) fn io_message(path: &Path, err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => msg::path_not_found(path.display()).text,
        std::io::ErrorKind::PermissionDenied => msg::path_permission_denied(path.display()).text,
        _ => msg::path_error(path.display(), err).text,
    }
}

impl FsAssets {
    /// Where the layout `name` (a name, or a path relative to `relative_to`'s directory) is,
    /// without reading it.
    pub(crate) fn find_layout(&self, name: &str, relative_to: &Path) -> Result<PathBuf, String> {
        let base = crate::paths::dir_of(relative_to);
        let is_path = crate::paths::names_a_layout_file(name);
        let candidates: Vec<PathBuf> = if is_path {
            vec![base.join(name)]
        } else {
            std::iter::once(base.join("layouts").join(format!("{name}.toml")))
                .chain(
                    self.paths
                        .layout_dirs
                        .iter()
                        .map(|d| d.join(format!("{name}.toml"))),
                )
                .collect()
        };
        if let Some(path) = candidates.iter().find(|p| p.is_file()) {
            return Ok(path.clone());
        }
        if is_path {
            return Err(msg::layout_file_not_found(candidates[0].display()).text);
        }
        let known: Vec<String> = self.layouts().into_iter().map(|(n, _)| n).collect();
        if let Some(best) = crate::model::closest(name, &known) {
            return Err(msg::no_layout_did_you_mean(name, best).text);
        }
        Err(msg::no_layout(
            name,
            if known.is_empty() {
                msg::no_layouts_found().text
            } else {
                known.join(", ")
            },
        )
        .text)
    }

    /// A text file's decoded text from its opened file (`path` names it in messages).
    pub(crate) fn text_from(file: std::fs::File, path: &Path) -> Result<Decoded, String> {
        let bytes = read_open(
            file,
            path,
            MAX_DEFINITION_BYTES,
            &msg::what_a_text_file().text,
        )?;
        decode_text(&bytes).map_err(|e| msg::path_error(path.display(), e).text)
    }

    /// The image at `path` (its real path: the cache key), read from `open` unless it is
    /// cached; `open` is only called when the file has to be read.
    pub(crate) fn image_from(
        &self,
        path: &Path,
        open: impl FnOnce() -> Result<std::fs::File, String>,
    ) -> Result<Arc<Image>, String> {
        let cell = self
            .images
            .lock()
            .unwrap()
            .entry(path.to_path_buf())
            .or_default()
            .clone();
        cell.get_or_init(|| read_image(open()?, path)).clone()
    }
}

impl Assets for FsAssets {
    fn layout(&self, name: &str, relative_to: &Path) -> Result<Source, String> {
        let path = self.find_layout(name, relative_to)?;
        Ok(Source::new(path.clone(), read_text(&path)?))
    }

    fn font(&self, name: &str) -> Result<Arc<FontFace>, crate::messages::Message> {
        self.fonts.find_face(name)
    }

    fn fonts_with(&self, c: char) -> Vec<String> {
        self.fonts.fonts_with(c)
    }

    fn text_file(&self, path: &Path) -> Result<Decoded, String> {
        FsAssets::text_from(open_regular(path)?, path)
    }

    fn image(&self, path: &Path) -> Result<Arc<Image>, String> {
        self.image_from(path, || open_regular(path))
    }
}

/// Reads (at most `MAX_IMAGE_BYTES`) and decodes an opened image file.
fn read_image(file: std::fs::File, path: &Path) -> Result<Arc<Image>, String> {
    let bytes = read_open(file, path, MAX_IMAGE_BYTES, &msg::what_an_image().text)?;
    let img = images::decode(&bytes).map_err(|e| msg::path_error(path.display(), e).text)?;
    Ok(Arc::new(img))
}
