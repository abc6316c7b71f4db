//! The file system side of the pipeline: finding and reading layouts, fonts and images, and
//! writing output atomically. The core stages never touch files; they ask an [`Assets`]
//! implementation, and this is the one that reads from disk.
//!
//! Font files are memory-mapped, not read: a 15 MB CJK font costs nothing until glyphs are
//! looked up, and one [`FsAssets`] shared by a batch opens each file once for all documents.

use crate::messages::msg;
pub mod builtin;
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

/// Where to look for things: one list for layouts and one for fonts, first to last (a file of
/// a name found earlier wins):
///
/// 1. `--layout-dir` / `--font-dir` (given to [`SearchPaths::with_dirs`]);
/// 2. `JIANBAO_LAYOUT_PATH` / `JIANBAO_FONT_PATH` (separated like `PATH`);
/// 3. `$JIANBAO_HOME/layouts`, `$JIANBAO_HOME/fonts`;
/// 4. beside the executable: `layouts/`, `fonts/`, then `../share/jianbao/{layouts,fonts}`
///    (a zip unpacked anywhere; `/usr/bin/jianbao` → `/usr/share/jianbao`);
/// 5. the platform's data directories, `jianbao/{layouts,fonts}` in each: `$XDG_DATA_HOME`
///    (`~/.local/share`) then `$XDG_DATA_DIRS` (`/usr/local/share:/usr/share`) on Linux and
///    the other Unix systems; `~/Library/Application Support` on macOS; `%APPDATA%` then
///    `%ProgramData%` on Windows;
/// 6. the files built into the executable (`<built-in>/NAME`, see [`builtin`]);
/// 7. fonts only: the system's font directories (or `JIANBAO_SYSTEM_FONT_DIRS` instead).
///
/// Nothing depends on where the program was built: the source tree is never looked at.
#[derive(Clone, Debug, Default)]
pub struct SearchPaths {
    /// The layout directories that exist, each once, in order.
    pub layout_dirs: Vec<PathBuf>,
    /// The font directories that exist, each once, in order.
    pub font_dirs: Vec<PathBuf>,
    /// The system font directories searched after `font_dirs` and the built-in fonts.
    pub system_fonts: SystemFonts,
    /// Whether the files built into the executable are searched (after the directories).
    pub builtin: bool,
    /// Every directory of the order, whether it exists or not, with where it comes from:
    /// what `layouts -v` and `fonts -v` show.
    pub layout_places: Vec<Place>,
    pub font_places: Vec<Place>,
}

/// One directory of the search order and the rule that put it there.
#[derive(Clone, Debug)]
pub struct Place {
    pub dir: PathBuf,
    pub origin: Origin,
}

/// Why a directory is searched (see [`SearchPaths`] for the order).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Origin {
    Option,
    PathVariable,
    Home,
    BesideExecutable,
    DataDir,
}

impl SearchPaths {
    /// The defaults, with no `--layout-dir` / `--font-dir`.
    pub fn from_env() -> SearchPaths {
        SearchPaths::with_dirs(&[], &[])
    }

    /// The search order for these `--layout-dir` and `--font-dir` directories, the environment
    /// and the executable's place.
    pub fn with_dirs(layout_dirs: &[PathBuf], font_dirs: &[PathBuf]) -> SearchPaths {
        let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let split = |name: &str| -> Vec<PathBuf> {
            var(name)
                .map(|v| {
                    std::env::split_paths(&v)
                        .filter(|p| !p.as_os_str().is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        let home = var("JIANBAO_HOME").map(PathBuf::from);
        let beside = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(Path::to_path_buf));
        let places = |given: &[PathBuf], variable: &str, sub: &str| -> Vec<Place> {
            let mut out = Vec::new();
            let mut add = |dirs: Vec<PathBuf>, origin: Origin| {
                out.extend(dirs.into_iter().map(|dir| Place { dir, origin }));
            };
            add(given.to_vec(), Origin::Option);
            add(split(variable), Origin::PathVariable);
            add(home.iter().map(|h| h.join(sub)).collect(), Origin::Home);
            if let Some(dir) = &beside {
                add(
                    vec![
                        dir.join(sub),
                        dir.join("..").join("share/jianbao").join(sub),
                    ],
                    Origin::BesideExecutable,
                );
            }
            add(
                data_dirs()
                    .into_iter()
                    .map(|d| d.join("jianbao").join(sub))
                    .collect(),
                Origin::DataDir,
            );
            out
        };
        let layout_places = places(layout_dirs, "JIANBAO_LAYOUT_PATH", "layouts");
        let font_places = places(font_dirs, "JIANBAO_FONT_PATH", "fonts");
        SearchPaths {
            layout_dirs: unique_dirs(&layout_places),
            font_dirs: unique_dirs(&font_places),
            system_fonts: match std::env::var_os("JIANBAO_SYSTEM_FONT_DIRS") {
                Some(value) => SystemFonts::Dirs(
                    std::env::split_paths(&value)
                        .filter(|p| !p.as_os_str().is_empty())
                        .collect(),
                ),
                None => SystemFonts::Platform,
            },
            builtin: true,
            layout_places,
            font_places,
        }
    }
}

impl SearchPaths {
    /// The search order as `layouts -v` (`fonts` false) and `fonts -v` show it: one line per
    /// place, numbered, marked when the directory is not there.
    pub fn describe(&self, fonts: bool) -> String {
        use std::fmt::Write;
        let (places, what) = if fonts {
            (&self.font_places, msg::search_what_fonts())
        } else {
            (&self.layout_places, msg::search_what_layouts())
        };
        let mut rows: Vec<(String, String)> = places
            .iter()
            .map(|p| {
                let origin = match p.origin {
                    Origin::Option => {
                        msg::search_origin_option(if fonts { "--font-dir" } else { "--layout-dir" })
                    }
                    Origin::PathVariable => msg::search_origin_option(if fonts {
                        "JIANBAO_FONT_PATH"
                    } else {
                        "JIANBAO_LAYOUT_PATH"
                    }),
                    Origin::Home => msg::search_origin_home(),
                    Origin::BesideExecutable => msg::search_origin_beside(),
                    Origin::DataDir => msg::search_origin_data(),
                };
                let mut place = dunce::simplified(&p.dir).display().to_string();
                if !p.dir.is_dir() {
                    place = format!("{place} {}", msg::search_place_missing());
                }
                (origin.text, place)
            })
            .collect();
        let files = if fonts {
            builtin::fonts().len()
        } else {
            builtin::layouts().len()
        };
        rows.push((
            msg::search_origin_builtin().text,
            if self.builtin && files > 0 {
                format!("{} {}", builtin::PREFIX, msg::search_builtin_files(files))
            } else {
                format!("{} {}", builtin::PREFIX, msg::search_builtin_none())
            },
        ));
        if fonts {
            let system = match discover::system_dirs(&self.system_fonts) {
                Some(dirs) if dirs.is_empty() => msg::search_system_off().text,
                Some(dirs) => dirs
                    .iter()
                    .map(|d| dunce::simplified(d).display().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
                None => msg::search_system_platform().text,
            };
            rows.push((msg::search_origin_system().text, system));
        }
        let width = rows
            .iter()
            .map(|(o, _)| o.chars().count())
            .max()
            .unwrap_or(0);
        let mut out = format!("{}\n", msg::search_order_heading(what.text));
        for (i, (origin, place)) in rows.iter().enumerate() {
            let pad = width - origin.chars().count();
            let _ = writeln!(out, "{:>3}. {origin}{:pad$}  {place}", i + 1, "");
        }
        out
    }
}

/// The platform's data directories, most personal first (each gets `jianbao/` appended).
fn data_dirs() -> Vec<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let home = var("HOME");
    if cfg!(windows) {
        return [var("APPDATA"), var("ProgramData")]
            .into_iter()
            .flatten()
            .collect();
    }
    if cfg!(target_os = "macos") {
        return home
            .map(|h| h.join("Library/Application Support"))
            .into_iter()
            .collect();
    }
    // XDG Base Directory: relative paths in the variables are to be ignored.
    let mut dirs: Vec<PathBuf> = var("XDG_DATA_HOME")
        .filter(|d| d.is_absolute())
        .or_else(|| home.map(|h| h.join(".local/share")))
        .into_iter()
        .collect();
    match std::env::var_os("XDG_DATA_DIRS").filter(|v| !v.is_empty()) {
        Some(value) => dirs.extend(std::env::split_paths(&value).filter(|p| p.is_absolute())),
        None => dirs.extend(["/usr/local/share", "/usr/share"].map(PathBuf::from)),
    }
    dirs
}

/// The directories of `places` that exist, each once: `bin/../share/jianbao` and the data
/// directory `/usr/share/jianbao` are the same directory under different names, so compare
/// canonical paths.
fn unique_dirs(places: &[Place]) -> Vec<PathBuf> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for place in places {
        match place.dir.canonicalize() {
            Ok(c) if place.dir.is_dir() && !seen.contains(&c) => {
                seen.push(c);
                out.push(place.dir.clone());
            }
            _ => {}
        }
    }
    out
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
            fonts: FontCatalog::with_system(paths.font_dirs.clone(), paths.system_fonts.clone())
                .with_builtin(paths.builtin),
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
        if self.paths.builtin {
            for (file, _) in builtin::layouts() {
                let name = file.trim_end_matches(".toml");
                if !found.iter().any(|(n, _)| n == name) {
                    found.push((name.to_string(), builtin::path(file)));
                }
            }
        }
        found
    }

    /// The text of the layout at `path` (a file, or a built-in `<built-in>/NAME`).
    pub fn layout_text_at(&self, path: &Path) -> Result<String, String> {
        match self.builtin_layout(path) {
            Some(text) => Ok(text),
            None => read_text(path),
        }
    }

    /// The text of a built-in layout, when `path` names one and built-in files are searched.
    pub(crate) fn builtin_layout(&self, path: &Path) -> Option<String> {
        let bytes = builtin::layout(path).filter(|_| self.paths.builtin)?;
        Some(String::from_utf8_lossy(bytes).into_owned())
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

/// A file that is there under another spelling of a path that is not: what a definition
/// written on Windows, where `\` separates folders and case does not count, names on the
/// systems where neither holds (UOS, Kylin, a Linux print server).
enum NearMiss {
    /// The path with `\` as `/` names a file.
    Slashes(PathBuf),
    /// A file in the same folder whose name differs only in case.
    Case(PathBuf),
}

/// "File not found" for `path`, with the file it likely meant when there is one that `allowed`
/// lets the user be told of (inside the root: an error must not tell what is outside it).
pub(crate) fn not_found_near_miss(path: &Path, allowed: impl Fn(&Path) -> bool) -> Option<String> {
    let shown = as_written(path);
    let message = match near_miss(path)? {
        NearMiss::Slashes(fixed) if allowed(&fixed) => {
            msg::path_not_found_backslash(shown.display(), fixed.display())
        }
        NearMiss::Case(found) if allowed(&found) => {
            msg::path_not_found_case(shown.display(), as_written(&found).display())
        }
        _ => return None,
    };
    Some(message.text)
}

fn near_miss(path: &Path) -> Option<NearMiss> {
    let text = path.to_str()?;
    if std::path::MAIN_SEPARATOR != '\\' && text.contains('\\') {
        let fixed = PathBuf::from(text.replace('\\', "/"));
        return fixed.exists().then_some(NearMiss::Slashes(fixed));
    }
    let name = path.file_name()?.to_str()?.to_lowercase();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // Only the first 10,000 entries are looked through: this runs on an error, never on a
    // huge folder's every name.
    let found = std::fs::read_dir(dir)
        .ok()?
        .take(10_000)
        .flatten()
        .map(|e| e.file_name())
        .find(|n| n.to_str().is_some_and(|n| n.to_lowercase() == name))?;
    Some(NearMiss::Case(dir.join(found)))
}

/// A path as the user wrote it: a name joined to the definition's directory `.` reads
/// `./f.otf`, not `././f.otf` (`components` drops every `.` but a leading one).
fn as_written(path: &Path) -> PathBuf {
    path.components().collect()
}

pub(crate) fn io_message(path: &Path, err: &std::io::Error) -> String {
    let path = as_written(path);
    let path = path.as_path();
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
        let file = format!("{name}.toml");
        if !is_path && self.paths.builtin && builtin::layouts().iter().any(|(n, _)| *n == file) {
            return Ok(builtin::path(&file));
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
        Ok(Source::new(path.clone(), self.layout_text_at(&path)?))
    }

    fn font(&self, name: &str) -> Result<Arc<FontFace>, crate::messages::Message> {
        self.fonts.find_face(name)
    }

    fn font_if_installed(
        &self,
        name: &str,
    ) -> Result<Option<Arc<FontFace>>, crate::messages::Message> {
        self.fonts.find_installed(name)
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
