//! The fonts in the font directories, found by name.

use crate::fonts::{FontData, FontFace};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// Fonts by name. The directories are scanned once, on the first lookup by name; each file is
/// memory-mapped and its name table read, nothing more.
pub struct FontCatalog {
    dirs: Vec<PathBuf>,
    scanned: OnceLock<Vec<Entry>>,
    /// Faces opened by path (absolute path names, and everything the scan found). One cell per
    /// path, filled once: threads of a batch asking for the same file at the same moment wait
    /// for one open instead of each mapping it (which would give two faces for one font, and
    /// embed it twice in a merged PDF).
    by_path: Mutex<HashMap<PathBuf, FaceCell>>,
}

type FaceCell = Arc<OnceLock<Result<Arc<FontFace>, String>>>;

struct Entry {
    keys: Vec<String>,
    face: Arc<FontFace>,
    path: PathBuf,
    regular: bool,
}

impl FontCatalog {
    pub fn new(dirs: Vec<PathBuf>) -> FontCatalog {
        FontCatalog {
            dirs,
            scanned: OnceLock::new(),
            by_path: Mutex::new(HashMap::new()),
        }
    }

    /// A font by path, or by name: file name (with or without its extension), PostScript name,
    /// full name, or family (with style). Names compare without case, spaces, hyphens or
    /// underscores.
    pub fn find(&self, name: &str) -> Result<Arc<FontFace>, String> {
        if crate::paths::names_a_path(name) {
            return self.open(Path::new(name));
        }
        self.lookup(name).map(|e| e.face.clone())
    }

    /// The file [`find`](Self::find) takes `name` from: `name` itself when it is a path
    /// (whether or not the file exists), else the file in the font directories that has that
    /// name, if any.
    pub fn file(&self, name: &str) -> Option<PathBuf> {
        if crate::paths::names_a_path(name) {
            return Some(PathBuf::from(name));
        }
        self.lookup(name).ok().map(|e| e.path.clone())
    }

    /// The entry a name means (a family name alone means its regular face).
    fn lookup(&self, name: &str) -> Result<&Entry, String> {
        let key = normalize(name);
        let entries = self.entries();
        let mut matches: Vec<&Entry> = entries.iter().filter(|e| e.keys.contains(&key)).collect();
        // A family name alone means its regular face.
        matches.sort_by_key(|e| !e.regular);
        match matches.first() {
            Some(e) => Ok(e),
            None => {
                let mut names: Vec<String> =
                    entries.iter().map(|e| e.face.full_name.clone()).collect();
                names.sort();
                names.dedup();
                let mut candidates = names.clone();
                candidates.extend(entries.iter().map(|e| e.face.family.clone()));
                if let Some(best) = crate::model::closest(name, &candidates) {
                    return Err(format!("font `{name}` not found; did you mean `{best}`?"));
                }
                Err(format!(
                    "font `{name}` not found; fonts available: {}",
                    if names.is_empty() {
                        "none (no font files in the font directories; set JIANBAO_FONT_PATH)".into()
                    } else {
                        names.join(", ")
                    }
                ))
            }
        }
    }

    /// Opens (once) the font file at `path`. Faces are kept by the file's canonical path, so
    /// that a font named by family (found by the scan) and by a path to the same file is one
    /// face, embedded once.
    pub fn open(&self, path: &Path) -> Result<Arc<FontFace>, String> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        let cell = self.by_path.lock().unwrap().entry(key).or_default().clone();
        cell.get_or_init(|| open_face(path).map(Arc::new)).clone()
    }

    /// All faces found in the font directories.
    pub fn faces(&self) -> Vec<Arc<FontFace>> {
        self.entries().iter().map(|e| e.face.clone()).collect()
    }

    fn entries(&self) -> &[Entry] {
        self.scanned.get_or_init(|| {
            let mut entries = Vec::new();
            for dir in &self.dirs {
                let Ok(read) = std::fs::read_dir(dir) else {
                    continue;
                };
                let mut files: Vec<PathBuf> = read
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| is_font_file(p))
                    .collect();
                files.sort();
                for path in files {
                    // Unreadable or broken files are skipped here; naming one by path reports why.
                    let Ok(face) = self.open(&path) else { continue };
                    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
                    let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
                    let style = face.style.to_ascii_lowercase();
                    let mut keys = vec![
                        normalize(&stem),
                        normalize(&file_name),
                        normalize(&face.postscript_name),
                        normalize(&face.full_name),
                        normalize(&format!("{} {}", face.family, face.style)),
                        normalize(&face.family),
                    ];
                    keys.dedup();
                    entries.push(Entry {
                        keys,
                        regular: matches!(style.as_str(), "regular" | "book" | "normal" | "roman"),
                        face,
                        path,
                    });
                }
            }
            entries
        })
    }
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

fn normalize(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Memory-maps a font file and parses its first face.
fn open_face(path: &Path) -> Result<FontFace, String> {
    let file = std::fs::File::open(path).map_err(|e| super::io_message(path, &e))?;
    let len = file
        .metadata()
        .map_err(|e| super::io_message(path, &e))?
        .len();
    if len == 0 {
        return Err(format!("{}: the font file is empty", path.display()));
    }
    // SAFETY: the map is read-only. Font files are not expected to change while jianbao runs;
    // if one is truncated under us, reads may fault — the same contract as every font loader
    // that maps files (fontdb, font-kit).
    let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| super::io_message(path, &e))?;
    let data: FontData = Arc::new(map);
    FontFace::new(data, 0).map_err(|msg| format!("{}: {msg}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

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
