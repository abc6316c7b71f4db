//! The installed fonts, found by any of their names.
//!
//! Where fonts are looked for, first to last: the font directories of
//! [`SearchPaths`](super::SearchPaths) (`--font-dir`, `JIANBAO_FONT_PATH`, `JIANBAO_HOME`,
//! beside the executable, the data directories), the fonts built into the executable, then the
//! system's font directories (unless `--ignore-system-fonts`).
//! Directories are walked recursively by fontdb, which skips anything that is not a regular
//! file (a FIFO named `x.ttf` would hang a reader) and does not follow a symbolic link back
//! into a directory it has walked. Each face of each file (every face of a .ttc/.otc) is
//! memory-mapped and its `name`, `OS/2` and `head` tables read, nothing more: glyphs are
//! looked up only when text is set.

use super::discover::{self, Found};
use super::fontindex::{self, Indexed};
use crate::fonts::{FaceInfo, FontData, FontFace};
use crate::messages::{msg, Message};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pub use super::discover::SystemFonts;

/// Fonts by name. Each directory is scanned once, when a lookup gets to it: a name found in
/// the project's fonts/ never costs a scan of the system's fonts.
pub struct FontCatalog {
    dirs: Vec<PathBuf>,
    system: SystemFonts,
    /// Whether the built-in fonts are searched (after `dirs`, before the system's).
    builtin: bool,
    /// The faces of each directory of `dirs`, then of the built-in fonts, then of the system
    /// directories (all as one).
    roots: Vec<OnceLock<Vec<CatalogFace>>>,
    /// Faces opened by path and face index (names given as paths, and everything the scan
    /// found). One cell per face, filled once: threads of a batch asking for the same file at
    /// the same moment wait for one open instead of each mapping it (which would give two
    /// faces for one font, and embed it twice in a merged PDF).
    by_path: Mutex<HashMap<(PathBuf, u32), FaceCell>>,
    /// Every directory's faces, each file once (built once: it canonicalizes every path).
    listed: OnceLock<Vec<(usize, usize)>>,
    /// The message for each name not found (built once a name: it compares the name with
    /// every font's names). A layout's chains ask for the same missing office fonts in role
    /// after role.
    misses: Mutex<HashMap<String, Message>>,
    /// The face each normalized name found (root and position), or that none has it: a
    /// layout's chains ask for the same names role after role (113 lookups of a dozen names
    /// for the 公文 sample), and each lookup goes through every face.
    found: Mutex<HashMap<String, Option<(usize, usize)>>>,
}

type FaceCell = Arc<OnceLock<Result<Arc<FontFace>, String>>>;

/// One face the scan found: where it is and its names (the face itself is opened when used).
pub struct CatalogFace {
    pub path: PathBuf,
    /// The face's index in its file (0 but in a collection).
    pub index: u32,
    /// Whether it was found in a system font directory.
    pub system: bool,
    pub info: FaceInfo,
    /// Normalized names that mean this face alone, and those that mean its whole family.
    face_keys: Vec<String>,
    family_keys: Vec<String>,
}

impl CatalogFace {
    pub fn info(&self) -> &FaceInfo {
        &self.info
    }
}

impl FontCatalog {
    /// A catalog over `dirs` (searched in order) and no system fonts.
    pub fn new(dirs: Vec<PathBuf>) -> FontCatalog {
        FontCatalog::with_system(dirs, SystemFonts::None)
    }

    /// A catalog over `dirs`, then the system font directories `system` says.
    pub fn with_system(dirs: Vec<PathBuf>, system: SystemFonts) -> FontCatalog {
        FontCatalog {
            roots: (0..dirs.len() + 2).map(|_| OnceLock::new()).collect(),
            dirs,
            system,
            builtin: false,
            by_path: Mutex::new(HashMap::new()),
            listed: OnceLock::new(),
            misses: Mutex::new(HashMap::new()),
            found: Mutex::new(HashMap::new()),
        }
    }

    /// This catalog with the fonts built into the executable searched (or not) after its
    /// directories.
    pub fn with_builtin(mut self, builtin: bool) -> FontCatalog {
        self.builtin = builtin;
        self
    }

    /// A font by path, or by name: any family name of its `name` table in any language
    /// (typographic or legacy; a family name alone means its regular upright face), any full
    /// name, the PostScript name, a family name followed by a style name, or the file name
    /// (with or without its extension). Names compare without case, spaces, hyphens or
    /// underscores. See [`lookup`](Self::lookup) for which face wins when several match.
    pub fn find(&self, name: &str) -> Result<Arc<FontFace>, String> {
        self.find_face(name).map_err(|m| m.text)
    }

    /// [`find`](Self::find) with the catalogue's message, whose code tells a font that is not
    /// installed (`font_not_found…`) from one that is there but unusable.
    pub fn find_face(&self, name: &str) -> Result<Arc<FontFace>, Message> {
        if crate::paths::names_a_path(name) {
            let (file, index) = FontCatalog::split_face_index(name);
            return Ok(self.open_indexed(Path::new(file), index)?);
        }
        let e = self.lookup(name)?;
        Ok(self.open_face(&e.path, e.index)?)
    }

    /// The file [`find`](Self::find) takes `name` from: `name` itself when it is a path
    /// (whether or not the file exists), else the file in the font directories that has that
    /// name, if any.
    pub fn file(&self, name: &str) -> Option<PathBuf> {
        if crate::paths::names_a_path(name) {
            return Some(PathBuf::from(FontCatalog::split_face_index(name).0));
        }
        self.lookup(name).ok().map(|e| e.path.clone())
    }

    /// The face a name means: from the first directory (in search order) that has a face with
    /// that name; within it, a face that has it as one of its own names (full, PostScript,
    /// family + style, file) before one that has it as its family name, and of those the face
    /// nearest the regular upright (italic last, then by distance of its weight from 400); then
    /// by path (byte order) and face index. A face whose licence forbids embedding is passed
    /// over; when only such faces have the name, the error says why.
    pub fn lookup(&self, name: &str) -> Result<&CatalogFace, Message> {
        self.search(name)?.ok_or_else(|| self.not_found(name))
    }

    /// [`find_face`](Self::find_face), but a name that is not installed is `Ok(None)`, without
    /// the "not found" message: that message compares the name with every installed font's
    /// names, and a layout's chain passes over its missing office fonts without showing it.
    pub fn find_installed(&self, name: &str) -> Result<Option<Arc<FontFace>>, Message> {
        if crate::paths::names_a_path(name) {
            let (file, index) = FontCatalog::split_face_index(name);
            return Ok(Some(self.open_indexed(Path::new(file), index)?));
        }
        match self.search(name)? {
            Some(e) => Ok(Some(self.open_face(&e.path, e.index)?)),
            None => Ok(None),
        }
    }

    /// [`lookup`](Self::lookup), with `Ok(None)` for a name no face has.
    fn search(&self, name: &str) -> Result<Option<&CatalogFace>, Message> {
        let key = normalize(name);
        let cached = self.found.lock().unwrap().get(&key).copied();
        if let Some(found) = cached {
            return Ok(found.map(|(root, i)| &self.root(root)[i]));
        }
        let mut forbidden: Option<&CatalogFace> = None;
        for root in 0..self.roots.len() {
            let faces = self.root(root);
            let mut matches: Vec<(u32, usize)> = faces
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    if e.face_keys.contains(&key) {
                        Some((0, i))
                    } else if e.family_keys.contains(&key) {
                        Some((1 + e.info.distance_from_regular(), i))
                    } else {
                        None
                    }
                })
                .collect();
            matches.sort_by(|&(a, x), &(b, y)| {
                (a, &faces[x].path, faces[x].index).cmp(&(b, &faces[y].path, faces[y].index))
            });
            if let Some(&(_, i)) = matches
                .iter()
                .find(|&&(_, i)| faces[i].info.embedding_forbidden().is_none())
            {
                self.found.lock().unwrap().insert(key, Some((root, i)));
                return Ok(Some(&faces[i]));
            }
            forbidden = forbidden.or(matches.first().map(|&(_, i)| &faces[i]));
        }
        if let Some(e) = forbidden {
            return Err(msg::font_not_embeddable(
                name,
                e.path.display(),
                e.index,
                e.info.embedding_forbidden().unwrap_or_default(),
            ));
        }
        self.found.lock().unwrap().insert(key, None);
        Ok(None)
    }

    /// Every face that has `name` as one of its own names or its family's, in search order.
    pub fn matching(&self, name: &str) -> Vec<&CatalogFace> {
        let key = normalize(name);
        self.entries()
            .into_iter()
            .filter(|e| e.face_keys.contains(&key) || e.family_keys.contains(&key))
            .collect()
    }

    fn not_found(&self, name: &str) -> Message {
        let key = name.to_string();
        if let Some(message) = self.misses.lock().unwrap().get(&key) {
            return message.clone();
        }
        let message = self.not_found_message(name);
        self.misses.lock().unwrap().insert(key, message.clone());
        message
    }

    fn not_found_message(&self, name: &str) -> Message {
        // Every directory's faces (one file reached twice is the same names twice: no harm).
        let entries: Vec<&CatalogFace> = (0..self.roots.len())
            .flat_map(|root| self.root(root))
            .collect();
        let mut names: Vec<String> = entries
            .iter()
            .filter_map(|e| e.info.face_names.first().cloned())
            .collect();
        names.sort();
        names.dedup();
        let mut candidates = names.clone();
        for e in &entries {
            candidates.extend(e.info.families.iter().cloned());
        }
        if let Some(best) = crate::model::closest(name, &candidates) {
            return msg::font_not_found_did_you_mean(name, best);
        }
        const LISTED: usize = 12;
        let available = if names.is_empty() {
            msg::fonts_none().text
        } else if names.len() > LISTED {
            msg::fonts_and_more(names[..LISTED].join(", "), names.len() - LISTED).text
        } else {
            names.join(", ")
        };
        msg::font_not_found(name, available)
    }

    /// A font path naming one face of a collection: `fonts/simsun.ttc#1` is face 1 (counted
    /// from 0) of `fonts/simsun.ttc`. `#` and digits after a font file's name, as in a URL's
    /// fragment: a `:` (fontconfig's `file:index` in its listings) would be ambiguous with a
    /// Windows drive and is a legal character in a Unix file name. A file that exists under
    /// the whole name is that file (so no real file is ever shadowed).
    pub fn split_face_index(name: &str) -> (&str, Option<u32>) {
        if Path::new(name).exists() {
            return (name, None);
        }
        match name.rsplit_once('#') {
            Some((file, digits))
                if !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && is_font_file(Path::new(file)) =>
            {
                // An index too large for any collection is still an index (refused with the
                // file's face count), not part of a file name that then is "not found".
                (file, Some(digits.parse().unwrap_or(u32::MAX)))
            }
            _ => (name, None),
        }
    }

    /// Opens face `index` of the font file at `path` (the first when `None`); an index past the
    /// file's last face is an error that says how many faces it has.
    pub fn open_indexed(&self, path: &Path, index: Option<u32>) -> Result<Arc<FontFace>, String> {
        let Some(index) = index else {
            return self.open(path);
        };
        if let Some(count) = discover::faces_in_file(path).filter(|&count| index >= count) {
            return Err(msg::font_face_index_out_of_range(path.display(), index, count).text);
        }
        self.open_face(path, index)
    }

    /// Opens (once) the first face of the font file at `path`.
    pub fn open(&self, path: &Path) -> Result<Arc<FontFace>, String> {
        self.open_face(path, 0)
    }

    /// Opens (once) face `index` of the font file at `path`. Faces are kept by the file's
    /// canonical path, so that a font named by family (found by the scan) and by a path to the
    /// same file is one face, embedded once.
    pub fn open_face(&self, path: &Path, index: u32) -> Result<Arc<FontFace>, String> {
        let key = canonical(path);
        let cell = self
            .by_path
            .lock()
            .unwrap()
            .entry((key, index))
            .or_default()
            .clone();
        cell.get_or_init(|| load_face(path, index).map(Arc::new))
            .clone()
    }

    /// The faces found that have `c` and may be embedded, by display name, each once.
    pub fn fonts_with(&self, c: char) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for e in self.entries() {
            if e.info.embedding_forbidden().is_some() {
                continue;
            }
            let Ok(face) = self.open_face(&e.path, e.index) else {
                continue;
            };
            if face.glyph(c).is_some() {
                let name = face.display_name();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        names
    }

    /// Every face found in every directory, in search order (directory, then path, then face
    /// index), each file once.
    pub fn entries(&self) -> Vec<&CatalogFace> {
        let listed = self.listed.get_or_init(|| {
            let mut seen: HashSet<PathBuf> = HashSet::new();
            let mut out = Vec::new();
            for root in 0..self.roots.len() {
                for (i, e) in self.root(root).iter().enumerate() {
                    if e.index > 0 || seen.insert(canonical(&e.path)) {
                        out.push((root, i));
                    }
                }
            }
            out
        });
        listed
            .iter()
            .map(|&(root, i)| &self.root(root)[i])
            .collect()
    }

    /// The faces of directory `root` (then the built-in fonts, then the system directories),
    /// from the persistent index when nothing changed since it was made, else scanned (and
    /// indexed).
    fn root(&self, root: usize) -> &[CatalogFace] {
        self.roots[root].get_or_init(|| {
            if root == self.dirs.len() {
                return self.builtin_faces();
            }
            let system = root == self.dirs.len() + 1;
            let dirs = match self.dirs.get(root) {
                Some(dir) => Some(vec![dir.clone()]),
                None => discover::system_dirs(&self.system),
            };
            let scan = || {
                let found = match &dirs {
                    Some(dirs) => discover::walk(dirs),
                    None => discover::scan_platform(),
                };
                discover::parallel_map(&found, index_face)
                    .into_iter()
                    .flatten()
                    .collect()
            };
            let faces = match &dirs {
                Some(dirs) if !dirs.is_empty() => {
                    fontindex::load(dirs).unwrap_or_else(|| fontindex::scan_and_store(dirs, scan))
                }
                _ => scan(),
            };
            catalog_faces(faces, system)
        })
    }

    /// The faces of the built-in fonts, read from the executable's data. A built-in file is
    /// left out when a file of the same name is in one of the font directories: the file
    /// found earlier wins, as it does for layouts.
    fn builtin_faces(&self) -> Vec<CatalogFace> {
        if !self.builtin {
            return Vec::new();
        }
        let mut faces = Vec::new();
        for (name, bytes) in super::builtin::fonts() {
            if self.dirs.iter().any(|d| d.join(name).is_file()) {
                continue;
            }
            let count = ttf_parser::fonts_in_collection(bytes).unwrap_or(1);
            for index in 0..count {
                let Ok(raw) = ttf_parser::RawFace::parse(bytes, index) else {
                    continue;
                };
                faces.push(Indexed::new(
                    super::builtin::path(name),
                    index,
                    FaceInfo::from_tables(
                        raw.table(ttf_parser::Tag::from_bytes(b"name")),
                        raw.table(ttf_parser::Tag::from_bytes(b"OS/2")),
                    ),
                ));
            }
        }
        catalog_faces(faces, false)
    }
}

/// The faces indexed, with the names they are looked up by.
fn catalog_faces(faces: Vec<Indexed>, system: bool) -> Vec<CatalogFace> {
    faces
        .into_iter()
        .map(|f| CatalogFace {
            path: f.path,
            index: f.index,
            system,
            info: f.info,
            face_keys: f.face_keys,
            family_keys: f.family_keys,
        })
        .collect()
}

/// Reads the names of one face. Broken files (and faces without a family name in any encoding
/// jianbao reads) are left out here; naming one by path reports why.
fn index_face(found: &Found) -> Option<Indexed> {
    let [name, os2] = read_tables(&found.path, found.index, [*b"name", *b"OS/2"])?;
    let info = FaceInfo::from_tables(name.as_deref(), os2.as_deref());
    if info.families.is_empty() {
        return None;
    }
    Some(Indexed::new(found.path.clone(), found.index, info))
}

/// Reads tables of face `index` of a font file with a few small reads (its table directory,
/// then each table): indexing hundreds of fonts must not map each file into memory (the page
/// faults and unmapping cost more than the reading).
fn read_tables<const N: usize>(
    path: &Path,
    index: u32,
    tags: [[u8; 4]; N],
) -> Option<[Option<Vec<u8>>; N]> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path).ok()?;
    let mut read = |at: u64, len: usize| -> Option<Vec<u8>> {
        let mut buf = vec![0; len];
        file.seek(SeekFrom::Start(at)).ok()?;
        file.read_exact(&mut buf).ok()?;
        Some(buf)
    };
    let be32 = |b: &[u8], i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let head = read(0, 12)?;
    let start = if &head[..4] == b"ttcf" {
        let at = 12 + 4 * u64::from(index);
        be32(&read(at, 4)?, 0) as u64
    } else {
        0
    };
    let header = read(start, 12)?;
    let count = usize::from(u16::from_be_bytes([header[4], header[5]]));
    let records = read(start + 12, 16 * count)?;
    let mut out: [Option<Vec<u8>>; N] = std::array::from_fn(|_| None);
    for record in records.chunks_exact(16) {
        if let Some(i) = tags.iter().position(|t| record[..4] == t[..]) {
            // At most 1 MB: a name table is a few KB.
            let len = (be32(record, 12) as usize).min(1 << 20);
            out[i] = read(be32(record, 8) as u64, len);
        }
    }
    Some(out)
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// The normalized names of a face: its own names (plus the file's name and stem, for the
/// first face of a file), and its family names.
pub(super) fn keys(info: &FaceInfo, path: &Path) -> (Vec<String>, Vec<String>) {
    let mut own: Vec<String> = info.face_names.iter().map(|n| normalize(n)).collect();
    for part in [path.file_stem(), path.file_name()].into_iter().flatten() {
        own.push(normalize(&part.to_string_lossy()));
    }
    own.sort();
    own.dedup();
    let mut family: Vec<String> = info.families.iter().map(|n| normalize(n)).collect();
    family.sort();
    family.dedup();
    (own, family)
}

/// Whether `path` is named like a font file (what the font directories are scanned for).
pub fn is_font_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        matches!(
            e.to_string_lossy().to_ascii_lowercase().as_str(),
            "ttf" | "otf" | "ttc" | "otc"
        )
    })
}

/// A name as it is compared: without case, spaces, hyphens or underscores. Run for every name
/// of every indexed face at start-up, so ASCII names (most of them) take a plain byte loop.
fn normalize(name: &str) -> String {
    if name.is_ascii() {
        let mut out = String::with_capacity(name.len());
        for b in name.bytes() {
            if !matches!(b, b' ' | b'-' | b'_') {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return out;
    }
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Memory-maps a font file (or takes a built-in font's bytes where they are, in the
/// executable) and parses face `index` of it.
fn load_face(path: &Path, index: u32) -> Result<FontFace, String> {
    let data: FontData = match super::builtin::font(path) {
        Some(bytes) => Arc::new(bytes),
        None => Arc::new(map_file(path)?),
    };
    FontFace::new(data, index).map_err(|e| msg::path_error(path.display(), e).text)
}

/// Memory-maps a font file. Only regular files are opened: opening a FIFO would wait for a
/// writer for ever.
fn map_file(path: &Path) -> Result<memmap2::Mmap, String> {
    let not_regular = || msg::not_regular_file(path.display()).text;
    let meta = std::fs::metadata(path).map_err(|e| super::io_message(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let file = std::fs::File::open(path).map_err(|e| super::io_message(path, &e))?;
    let meta = file.metadata().map_err(|e| super::io_message(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() == 0 {
        return Err(msg::font_file_empty(path.display()).text);
    }
    // SAFETY: the map is read-only. Font files are not expected to change while jianbao runs;
    // if one is truncated under us, reads may fault — the same contract as every font loader
    // that maps files (fontdb, font-kit).
    unsafe { memmap2::Mmap::map(&file) }.map_err(|e| super::io_message(path, &e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_face_index_is_digits_after_a_font_file_name() {
        let split = FontCatalog::split_face_index;
        assert_eq!(
            split("no/such/simsun.ttc#1"),
            ("no/such/simsun.ttc", Some(1))
        );
        assert_eq!(split("no/such/a.otf#0"), ("no/such/a.otf", Some(0)));
        // Too large for a u32: an index no file has, not a file name.
        assert_eq!(
            split("no/such/a.ttc#99999999999999999999"),
            ("no/such/a.ttc", Some(u32::MAX))
        );
        assert_eq!(split("no/such/a.ttc#"), ("no/such/a.ttc#", None));
        assert_eq!(split("no/such/a.ttc#1a"), ("no/such/a.ttc#1a", None));
        assert_eq!(split("no/such/notes.txt#1"), ("no/such/notes.txt#1", None));
    }

    #[test]
    fn threads_opening_one_file_share_one_face() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts/FandolKai-Regular.otf");
        let catalog = FontCatalog::new(Vec::new());
        let barrier = std::sync::Barrier::new(8);
        let faces: Vec<Arc<FontFace>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..8)
                .map(|_| {
                    s.spawn(|| {
                        barrier.wait();
                        catalog.open(&path).unwrap()
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(faces.iter().all(|f| Arc::ptr_eq(f, &faces[0])));
        let err = catalog.open(Path::new("/nonexistent/x.ttf")).unwrap_err();
        assert!(err.contains("not found"), "{err}");
    }

    #[test]
    fn names_tell_the_file_they_resolve_to() {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let catalog = FontCatalog::new(vec![dir.clone()]);
        for name in ["Noto Serif SC", "noto-serif-sc bold", "FandolKai-Regular"] {
            let file = catalog.file(name).unwrap();
            let face = catalog.find(name).unwrap();
            assert!(Arc::ptr_eq(&face, &catalog.open(&file).unwrap()), "{name}");
        }
        assert_eq!(
            catalog.file("Noto Serif SC"),
            Some(dir.join("NotoSerifSC-Regular.ttf"))
        );
        assert_eq!(catalog.file("No Such Font"), None);
    }
}
