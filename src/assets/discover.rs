//! Finding font files: the directories jianbao is given, and the system's. The walking is
//! fontdb's (recursive; regular files only; symbolic links followed once, never round a loop);
//! the system's directories are fontconfig's configured ones on Linux and the other Unix
//! systems (read with fontconfig-parser, as fontdb reads them), and fontdb's own list on
//! Windows (`%WINDIR%\Fonts`, the per-user fonts folder) and macOS (the `Library/Fonts`
//! folders). What is kept of it is only where each face is: the catalog reads the names itself.

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

/// The system's font directories, when jianbao can tell them (on Windows and macOS fontdb
/// knows them and only [`scan_platform`] can walk them).
pub fn system_dirs(system: &SystemFonts) -> Option<Vec<PathBuf>> {
    match system {
        SystemFonts::None => Some(Vec::new()),
        SystemFonts::Dirs(dirs) => Some(dirs.clone()),
        SystemFonts::Platform => fontconfig_dirs(),
    }
}

/// Every face in the platform's font directories, as fontdb finds them.
pub fn scan_platform() -> Vec<Found> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut found = faces(&db);
    sort(&mut found);
    found
}

/// The font directories fontconfig's configuration names (Linux and the other Unix systems
/// that are not macOS), read as fontdb reads them; `None` elsewhere or without a configuration
/// (fontdb then searches the platform's usual directories).
fn fontconfig_dirs() -> Option<Vec<PathBuf>> {
    if cfg!(any(
        windows,
        target_os = "macos",
        target_os = "ios",
        target_os = "android"
    )) {
        return None;
    }
    let mut config = fontconfig_parser::FontConfig::default();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(file) = std::env::var_os("FONTCONFIG_FILE") {
        let _ = config.merge_config(Path::new(&file));
    } else {
        let user = std::env::var_os("XDG_CONFIG_HOME")
            .map(PathBuf::from)
            .or_else(|| home.as_ref().map(|h| h.join(".config")));
        if user.is_none_or(|u| {
            config
                .merge_config(&u.join("fontconfig/fonts.conf"))
                .is_err()
        }) {
            let _ = config.merge_config(Path::new("/etc/fonts/local.conf"));
        }
        let _ = config.merge_config(Path::new("/etc/fonts/fonts.conf"));
    }
    let dirs: Vec<PathBuf> = config
        .dirs
        .into_iter()
        .filter_map(|d| match d.path.strip_prefix("~") {
            Ok(rest) => home.as_ref().map(|h| h.join(rest)),
            Err(_) => Some(d.path),
        })
        .collect();
    (!dirs.is_empty()).then_some(dirs)
}

/// The faces under `dirs` (recursively), by path and face index, so that the result does not
/// depend on the order the file system lists entries in. The walking is fontdb's, one walk for each entry of each directory
/// (a subdirectory is walked recursively, a file at the top loaded alone) so that the walks,
/// which spend their time opening and mapping files, run in parallel.
pub fn walk(dirs: &[PathBuf]) -> Vec<Found> {
    let mut entries: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        if let Ok(read) = std::fs::read_dir(dir) {
            entries.extend(read.flatten().map(|e| e.path()));
        }
    }
    let mut found: Vec<Found> = parallel_map(&entries, |path| {
        let mut db = fontdb::Database::new();
        // `metadata` follows a symbolic link, and does not open what it looks at: a FIFO
        // is neither a directory nor a regular file, and is left alone.
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => db.load_fonts_dir(path),
            Ok(m) if m.is_file() && super::is_font_file(path) => {
                let _ = db.load_font_file(path);
            }
            _ => {}
        }
        faces(&db)
    })
    .into_iter()
    .flatten()
    .collect();
    found.extend(unnamed(dirs, &found));
    sort(&mut found);
    found
}

/// The faces of the font files under `dirs` that fontdb passed over. fontdb keeps only a face
/// with a family and a PostScript name it can decode (UTF-16 or Mac Roman); old Chinese fonts
/// often name themselves only in a Windows GBK or Big5 record, which the catalog decodes
/// ([`FaceInfo`](crate::fonts::FaceInfo)). Every face of such a file is listed here, by its
/// header (the number of faces of a collection), for the catalog to read the names of.
fn unnamed(dirs: &[PathBuf], found: &[Found]) -> Vec<Found> {
    let known: std::collections::HashSet<&Path> = found.iter().map(|f| f.path.as_path()).collect();
    font_files(dirs)
        .into_iter()
        .filter(|path| !known.contains(path.as_path()))
        .flat_map(|path| {
            let count = faces_in_file(&path).unwrap_or(0);
            (0..count).map(move |index| Found {
                path: path.clone(),
                index,
            })
        })
        .collect()
}

/// The font files under `dirs` (recursively), walked as fontdb walks: symbolic links followed,
/// each directory once (a link back up is not followed round), only regular files.
fn font_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        if !dir.canonicalize().is_ok_and(|real| seen.insert(real)) {
            continue;
        }
        let Ok(read) = std::fs::read_dir(&dir) else {
            continue;
        };
        for path in read.flatten().map(|e| e.path()) {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => stack.push(path),
                Ok(m) if m.is_file() && super::is_font_file(&path) => files.push(path),
                _ => {}
            }
        }
    }
    files
}

/// How many faces a font file has, from its first 12 bytes (a collection's header says; any
/// other font is one face).
pub fn faces_in_file(path: &Path) -> Option<u32> {
    use std::io::Read;
    let mut head = [0u8; 12];
    std::fs::File::open(path).ok()?.read_exact(&mut head).ok()?;
    if &head[..4] == b"ttcf" {
        // At most 1000: a corrupt header must not make millions of faces.
        Some(u32::from_be_bytes([head[8], head[9], head[10], head[11]]).min(1000))
    } else {
        Some(1)
    }
}

/// `f` of each item, in order, computed on a few scoped threads. Not on rayon's pool: this
/// runs while the catalog fills a `OnceLock`, and a rayon worker waiting for its tasks may take
/// up another document of a batch, which would wait on that same `OnceLock` — for ever.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, f(item)));
                    }
                    out
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a font scan thread panicked"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

fn sort(found: &mut Vec<Found>) {
    found.sort_by(|a, b| (&a.path, a.index).cmp(&(&b.path, b.index)));
    found.dedup_by(|a, b| a.path == b.path && a.index == b.index);
}

/// The faces fontdb found.
fn faces(db: &fontdb::Database) -> Vec<Found> {
    db.faces()
        .filter_map(|f| match &f.source {
            fontdb::Source::File(path) | fontdb::Source::SharedFile(path, _) => Some(Found {
                path: path.clone(),
                index: f.index,
            }),
            fontdb::Source::Binary(_) => None,
        })
        .collect()
}
