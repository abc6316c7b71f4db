//! Confining the files a definition can reach.
//!
//! A bulletin definition may come from someone else (a repository of bulletins built by CI, a
//! colleague's e-mail). The files it names must not reach outside its project, so that rendering
//! it cannot read (and embed in a PDF) `/etc/passwd` or `~/.ssh/id_rsa`, nor hang on
//! `/dev/zero`. The rule, applied after resolving `..` and symbolic links:
//!
//! - an **image** or a **text file** (`text-file`) must be a regular file inside the root;
//! - a **layout or font given as a path** must be a regular file inside the root or inside one of
//!   the layout and font directories of the search order (`--layout-dir`, `--font-dir`,
//!   `JIANBAO_LAYOUT_PATH`, `JIANBAO_FONT_PATH`, `JIANBAO_HOME`, beside the executable, the data
//!   directories: places the user chose, not the document);
//! - layouts and fonts given by **name** are looked up in those directories as always;
//! - **absolute paths** in a definition or layout are refused outright (checked by the resolve
//!   stage, which sees what the user wrote).
//!
//! The root is `--root DIR`, by default the definition's directory.
//!
//! The check is made on the file **opened**, not on its name: a file is opened first (a pipe
//! without waiting), then where the open file really is — `/proc/self/fd/N` on Linux; elsewhere
//! (and on Linux without `/proc`, as in a bare chroot) its resolved path, accepted only if that path leads to the very file opened (same device and
//! inode) — is compared with the root, and only then is it read, from that same open file.
//! Swapping a directory for a symbolic link between the check and the read cannot slip an
//! outside file in, and nothing is read from a file that is refused.

use super::FsAssets;
use crate::error::{Error, ErrorKind, Source};
use crate::fonts::FontFace;
use crate::images::Image;
use crate::messages::msg;
use crate::resolve::Assets;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// [`FsAssets`] seen through a root directory: every path a document names is checked against
/// it. Cheap to make per document; caches stay in the shared [`FsAssets`].
pub struct Confined<'a> {
    assets: &'a FsAssets,
    root: PathBuf,
    /// The root as given, made absolute without resolving links (paths are compared by name
    /// with it before they are resolved).
    root_as_given: Option<PathBuf>,
    /// The layout and font directories, resolved.
    trusted: Vec<PathBuf>,
}

impl FsAssets {
    /// A view of these assets that only reaches files under `root` (and the layout and font
    /// directories for layouts and fonts).
    pub fn confined(&self, root: &Path) -> Result<Confined<'_>, Error> {
        // dunce: on Windows a resolved path would otherwise start with `\\?\`, which neither
        // compares equal to the paths it is checked against nor reads well in messages.
        let canonical = dunce::canonicalize(root)
            .map_err(|e| Error::io(root, &e).help(msg::help_root_dir()))?;
        if !canonical.is_dir() {
            return Err(Error::new(ErrorKind::Io, msg::root_not_dir())
                .with_path(root)
                .help(msg::help_root_dir()));
        }
        let trusted = self
            .paths()
            .layout_dirs
            .iter()
            .chain(self.paths().font_dirs.iter())
            .filter_map(|d| dunce::canonicalize(d).ok())
            .collect();
        Ok(Confined {
            assets: self,
            root: canonical,
            root_as_given: lexical_absolute(root),
            trusted,
        })
    }
}

impl Confined<'_> {
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Opens `path` and returns the open file and its real path, if it is a regular file inside
    /// the root (or, with `trusted`, in a layout or font directory). Nothing is read.
    fn open_checked(
        &self,
        path: &Path,
        what: &str,
        trusted: bool,
    ) -> Result<(std::fs::File, PathBuf), String> {
        let outside = |via_link: bool| {
            msg::outside_root(
                path.display(),
                crate::messages::noun(what),
                self.root.display(),
                if via_link {
                    msg::through_symlink().text
                } else {
                    String::new()
                },
            )
            .text
        };
        // `..` that climbs out is refused before looking at the file (whether it exists or not).
        if let Some(lexical) = lexical_absolute(path) {
            let lexical_inside = lexical.starts_with(&self.root)
                || self
                    .root_as_given
                    .as_ref()
                    .is_some_and(|r| lexical.starts_with(r))
                || (trusted && self.trusted.iter().any(|d| lexical.starts_with(d)));
            if !lexical_inside && path_has_parent_dir(path) {
                return Err(outside(false));
            }
        }
        // Open before anything else is learnt about the file; where it really is comes from
        // the open file. A directory or device is refused here too, by what was opened.
        let file = match super::open_regular(path) {
            Ok(file) => file,
            Err(e) => {
                // Not a regular file, or not there: if it resolves outside, say only that. Not
                // there, a file inside the root spelt otherwise (`images\fig.png` written on
                // Windows, another case) is named.
                return match dunce::canonicalize(path) {
                    Ok(real) if !self.is_inside(&real, trusted) => Err(outside(true)),
                    Ok(_) => Err(e),
                    Err(_) => Err(super::not_found_near_miss(path, |candidate| {
                        dunce::canonicalize(candidate)
                            .is_ok_and(|real| self.is_inside(&real, trusted))
                    })
                    .unwrap_or(e)),
                };
            }
        };
        let real = real_path(&file, path)?;
        if !self.is_inside(&real, trusted) {
            return Err(outside(true));
        }
        Ok((file, real))
    }

    fn is_inside(&self, real: &Path, trusted: bool) -> bool {
        real.starts_with(&self.root)
            || (trusted && self.trusted.iter().any(|d| real.starts_with(d)))
    }
}

/// Where an open file really is: what `/proc/self/fd/N` says, or — where `/proc` is not
/// mounted (a bare chroot) — [`resolved_path`]'s answer.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn real_path(file: &std::fs::File, path: &Path) -> Result<PathBuf, String> {
    use std::os::fd::AsRawFd;
    match std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
        Ok(real) => Ok(real),
        Err(_) if !Path::new("/proc/self/fd").is_dir() => resolved_path(file, path),
        Err(e) => Err(super::io_message(path, &e)),
    }
}

/// Where an open file really is.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn real_path(file: &std::fs::File, path: &Path) -> Result<PathBuf, String> {
    resolved_path(file, path)
}

/// Where an open file really is: its resolved path, if that is still the file opened.
fn resolved_path(file: &std::fs::File, path: &Path) -> Result<PathBuf, String> {
    // dunce: on Windows, a plain `C:\…` path that compares with the root, not `\\?\C:\…`.
    let real = dunce::canonicalize(path).map_err(|e| super::io_message(path, &e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let opened = file.metadata().map_err(|e| super::io_message(path, &e))?;
        let named = std::fs::metadata(&real).map_err(|e| super::io_message(path, &e))?;
        if (opened.dev(), opened.ino()) != (named.dev(), named.ino()) {
            return Err(msg::file_changed_while_opening(path.display()).text);
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(real)
}

/// `path` made absolute (against the current directory) with `.` and `..` resolved by name,
/// without touching the file system.
fn lexical_absolute(path: &Path) -> Option<PathBuf> {
    use std::path::Component;
    let absolute = std::path::absolute(path).ok()?;
    let mut out = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

fn path_has_parent_dir(path: &Path) -> bool {
    path.components()
        .any(|c| matches!(c, std::path::Component::ParentDir))
}

impl Assets for Confined<'_> {
    fn layout(&self, name: &str, relative_to: &Path) -> Result<Source, String> {
        if crate::paths::names_a_layout_file(name) && path_has_parent_dir(Path::new(name)) {
            // A path that climbs out is refused before it is looked for.
            let base = crate::paths::dir_of(relative_to);
            self.open_checked(&base.join(name), "layout", true)?;
        }
        let path = self.assets.find_layout(name, relative_to)?;
        // A built-in layout is part of the program, not a file the document reaches.
        if let Some(text) = self.assets.builtin_layout(&path) {
            return Ok(Source::new(path, text));
        }
        let (file, _) = self.open_checked(&path, "layout", true)?;
        Ok(Source::new(path.clone(), super::layout_text(file, &path)?))
    }

    fn font(&self, name: &str) -> Result<Arc<FontFace>, crate::messages::Message> {
        // The resolve stage has joined a font path to the directory of the file naming it.
        // A face of a collection is named `file.ttc#1`: the file is what is checked.
        let (file, index) = super::FontCatalog::split_face_index(name);
        let path = Path::new(file);
        if crate::paths::names_a_path(name) {
            // A file name written in a layout (`Foo.otf`, joined to the layout's directory)
            // that is not there is looked for in the font directories.
            if !path.exists() {
                let by_name = path.file_name().map(|f| f.to_string_lossy());
                if let (Some(f), Some(index)) = (&by_name, index) {
                    let catalog = self.assets.catalog();
                    if let Some(found) = catalog.file(f) {
                        return Ok(catalog.open_indexed(&found, Some(index))?);
                    }
                } else if let Some(face) = by_name.and_then(|f| self.assets.font(&f).ok()) {
                    return Ok(face);
                }
            }
            // The font is opened again by its real path (memory-mapped by the catalog); what
            // was checked is the file at that path when it was opened here.
            let (_, real) = self.open_checked(path, "font", true)?;
            return self
                .assets
                .catalog()
                .open_indexed(&real, index)
                .map_err(|e| e.replace(&real.display().to_string(), file).into());
        }
        self.assets.font(name)
    }

    fn font_if_installed(
        &self,
        name: &str,
    ) -> Result<Option<Arc<FontFace>>, crate::messages::Message> {
        if crate::paths::names_a_path(name) {
            return self.font(name).map(Some);
        }
        self.assets.font_if_installed(name)
    }

    fn fonts_with(&self, c: char) -> Vec<String> {
        self.assets.fonts_with(c)
    }

    fn image(&self, path: &Path) -> Result<Arc<Image>, String> {
        // Read from the file opened and checked; cached by its real path, so one image reached
        // by two ways is decoded once.
        let (file, real) = self.open_checked(path, "image", false)?;
        self.assets
            .image_from(&real, || Ok(file))
            .map_err(|e| e.replace(&real.display().to_string(), &path.display().to_string()))
    }

    fn text_file(&self, path: &Path) -> Result<super::Decoded, String> {
        let (file, real) = self.open_checked(path, "text file", false)?;
        FsAssets::text_from(file, &real)
            .map_err(|e| e.replace(&real.display().to_string(), &path.display().to_string()))
    }
}

/// Messages for an error's kind when a path is refused (used by the tests).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::SearchPaths;

    #[test]
    fn paths_outside_the_root_are_refused() {
        let base = std::env::temp_dir().join(format!("jianbao-confine-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let root = base.join("root");
        std::fs::create_dir_all(root.join("img")).unwrap();
        std::fs::write(base.join("secret.png"), b"x").unwrap();
        std::fs::write(root.join("img/a.png"), b"not a png").unwrap();
        let assets = FsAssets::new(SearchPaths::default());
        let c = assets.confined(&root).unwrap();
        let err = c.image(&root.join("../secret.png")).unwrap_err();
        assert!(err.contains("outside the root"), "{err}");
        // Creating a symbolic link on Windows needs a privilege most users lack.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("secret.png"), root.join("link.png")).unwrap();
            let err = c.image(&root.join("link.png")).unwrap_err();
            assert!(err.contains("symbolic link"), "{err}");
        }
        // Inside: reaches the decoder (which refuses the bytes).
        let err = c.image(&root.join("img/../img/a.png")).unwrap_err();
        assert!(err.contains("not a PNG or JPEG"), "{err}");
        let err = c.image(&root.join("img")).unwrap_err();
        assert!(err.contains("not a regular file"), "{err}");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
