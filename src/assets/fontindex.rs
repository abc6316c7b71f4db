//! A persistent index of the faces under a set of font directories, so that a machine with
//! hundreds of installed fonts does not open each of them at every start.
//!
//! The index is valid while nothing it was made from changed: every directory under the roots
//! (a directory's modification time changes when an entry is added, removed or renamed in it,
//! so unchanged times mean an unchanged tree) and every font file (size and modification time:
//! a file replaced in place). Checking that is a `stat` a directory and a file — no file is
//! opened. Anything else (a missing, unreadable, corrupt or stale index) means a fresh scan,
//! which writes a new index; a cache directory that cannot be written only means no index.
//!
//! Where: `JIANBAO_CACHE_DIR`, else `$XDG_CACHE_HOME/jianbao`, `~/.cache/jianbao`, or on
//! Windows `%LOCALAPPDATA%\jianbao`.

use crate::fonts::FaceInfo;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Bumped when the format or what the index holds changes.
const VERSION: u32 = 3;

/// A face as indexed: its file, index in the file, names, and the keys it is looked up by.
#[derive(Clone, Serialize, Deserialize)]
pub struct Indexed {
    pub path: PathBuf,
    pub index: u32,
    pub info: FaceInfo,
    /// Normalized names that mean this face alone, and those that mean its whole family:
    /// made when the face is indexed, not at every start (normalizing the names of 500 faces
    /// was a sixth of a start-up's instructions).
    pub face_keys: Vec<String>,
    pub family_keys: Vec<String>,
}

impl Indexed {
    pub fn new(path: PathBuf, index: u32, info: FaceInfo) -> Indexed {
        let (face_keys, family_keys) = super::catalog::keys(&info, &path);
        Indexed {
            path,
            index,
            info,
            face_keys,
            family_keys,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Index {
    version: u32,
    roots: Vec<PathBuf>,
    stamps: Vec<Stamp>,
    faces: Vec<Indexed>,
}

/// A file or directory with its size and modification time.
#[derive(Serialize, Deserialize, PartialEq)]
struct Stamp {
    path: PathBuf,
    len: u64,
    secs: i64,
    nanos: u32,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        let since = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        Some(Stamp {
            path: path.to_path_buf(),
            len: if meta.is_dir() { 0 } else { meta.len() },
            secs: i64::try_from(since.as_secs()).ok()?,
            nanos: since.subsec_nanos(),
        })
    }

    fn unchanged(&self) -> bool {
        Stamp::of(&self.path).is_some_and(|now| now == *self)
    }
}

/// The stamps of every directory under `roots` (the roots too) and of every file in them named
/// like a font, following symbolic links as the scan does, each directory once (a link back up
/// is not followed round).
fn stamps(roots: &[PathBuf]) -> Vec<Stamp> {
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stack: Vec<PathBuf> = roots.to_vec();
    let mut stamps = Vec::new();
    while let Some(dir) = stack.pop() {
        let Ok(real) = dir.canonicalize() else {
            continue;
        };
        if !seen.insert(real) {
            continue;
        }
        let Some(stamp) = Stamp::of(&dir) else {
            continue;
        };
        stamps.push(stamp);
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in read.flatten().map(|e| e.path()) {
            if super::is_font_file(&path) {
                stamps.extend(Stamp::of(&path));
            } else if std::fs::metadata(&path).is_ok_and(|m| m.is_dir()) {
                stack.push(path);
            }
        }
    }
    stamps
}

/// Where indexes are kept, if anywhere.
fn cache_dir() -> Option<PathBuf> {
    let var = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("JIANBAO_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("jianbao")))
        .or_else(|| var("LOCALAPPDATA").map(|d| d.join("jianbao")))
        .or_else(|| var("HOME").map(|d| d.join(".cache/jianbao")))
}

/// The index file for `roots`: named by a hash of the roots, so each set has its own.
fn file_for(roots: &[PathBuf]) -> Option<PathBuf> {
    use std::hash::{Hash, Hasher};
    // The standard hasher may change between Rust releases: a new name then only means one
    // fresh scan.
    let mut hasher = std::hash::DefaultHasher::new();
    roots.hash(&mut hasher);
    let hash = hasher.finish();
    // JSON, not TOML: read at every start, and serde_json parses the index of 500 faces in a
    // fraction of what the TOML parser takes (callgrind, debug: 47 M instructions with TOML).
    Some(cache_dir()?.join(format!("fonts-{hash:016x}.json")))
}

/// The faces under `roots` from the index, if there is one and nothing changed since.
pub fn load(roots: &[PathBuf]) -> Option<Vec<Indexed>> {
    let bytes = std::fs::read(file_for(roots)?).ok()?;
    let index: Index = serde_json::from_slice(&bytes).ok()?;
    let fresh = index.version == VERSION
        && index.roots == roots
        && index.stamps.iter().all(Stamp::unchanged)
        && roots_unchanged(&index);
    fresh.then_some(index.faces)
}

/// The roots themselves must still be what was walked (a root that did not exist then and does
/// now has no stamp to have changed).
fn roots_unchanged(index: &Index) -> bool {
    index
        .roots
        .iter()
        .all(|r| r.is_dir() == index.stamps.iter().any(|d| d.path == *r))
}

/// Scans `roots` with `scan` and writes the index of what it found. Directories and files are
/// stamped before the scan, so that a change during it makes the index stale, not wrong.
pub fn scan_and_store(roots: &[PathBuf], scan: impl FnOnce() -> Vec<Indexed>) -> Vec<Indexed> {
    let stamps = stamps(roots);
    let faces = scan();
    if let Some(file) = file_for(roots) {
        let index = Index {
            version: VERSION,
            roots: roots.to_vec(),
            stamps,
            faces,
        };
        if let Ok(bytes) = serde_json::to_vec(&index) {
            // No index is no harm: the next start scans again.
            let _ = std::fs::create_dir_all(file.parent().unwrap_or(Path::new(".")))
                .map(|()| super::write_atomically(&file, &bytes));
        }
        return index.faces;
    }
    faces
}
