//! Finding font files: the directories jianbao is given, and the system's. The walking is
//! fontdb's (recursive; regular files only; symbolic links followed once, never round a loop;
//! the system directories of each platform: fontconfig's configured directories on Linux,
//! `%WINDIR%\Fonts` and the per-user fonts folder on Windows, the `Library/Fonts` folders on
//! macOS). What is kept of it is only where each face is: the catalog reads the names itself.

use std::path::{Path, PathBuf};

/// Which system font directories are searched after jianbao's own.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum SystemFonts {
    /// None (`--ignore-system-fonts`).
    #[default]
    None,
    /// The platform's.
    Platform,
    /// These directories instead (`JIANBAO_SYSTEM_FONT_DIRS`, for tests and for machines
    /// whose fonts are somewhere fontconfig does not say).
    Dirs(Vec<PathBuf>),
}

/// One face of one font file.
pub struct Found {
    pub path: PathBuf,
    pub index: u32,
}

/// Every face under `dir` (recursively), by path and face index, so that the result does not
/// depend on the order the file system lists entries in.
pub fn scan_dir(dir: &Path) -> Vec<Found> {
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(dir);
    faces(&db)
}

/// Every face in the system font directories `system` says.
pub fn scan_system(system: &SystemFonts) -> Vec<Found> {
    let mut db = fontdb::Database::new();
    match system {
        SystemFonts::None => {}
        SystemFonts::Platform => db.load_system_fonts(),
        SystemFonts::Dirs(dirs) => {
            for dir in dirs {
                db.load_fonts_dir(dir);
            }
        }
    }
    faces(&db)
}

/// The faces fontdb found, sorted by path and index.
fn faces(db: &fontdb::Database) -> Vec<Found> {
    let mut faces: Vec<Found> = db
        .faces()
        .filter_map(|f| match &f.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => Some(Found {
                path: path.clone(),
                index: f.index,
            }),
            fontdb::Source::Binary(_) => None,
        })
        .collect();
    faces.sort_by(|a, b| (&a.path, a.index).cmp(&(&b.path, b.index)));
    faces.dedup_by(|a, b| a.path == b.path && a.index == b.index);
    faces
}
