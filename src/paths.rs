//! How names in definitions and layouts are told apart from paths, and the directory files are
//! relative to. Pure functions on names, shared by the resolve stage (which joins paths but
//! reads nothing) and the assets side (which reads), so that both sides agree.

use std::path::{Component, Path, PathBuf};

/// The directory a file's relative names are relative to: its parent, or `.` for a bare file
/// name (`issue.toml`'s parent is the empty path, which joins to nothing).
pub fn dir_of(file: &Path) -> &Path {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// A name written with a directory in it (or absolute) is a path, not a name to look up.
pub fn names_a_path(name: &str) -> bool {
    name.contains('/') || name.contains('\\') || Path::new(name).is_absolute()
}

/// A layout is named by a path when it has a directory in it or ends in `.toml`.
pub fn names_a_layout_file(name: &str) -> bool {
    name.ends_with(".toml") || names_a_path(name)
}

/// A font named with a font file's extension is a file beside the file that names it (or, if
/// there is none, a file in the font directories), not a family or PostScript name.
pub fn names_a_font_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    names_a_path(name)
        || [".ttf", ".otf", ".ttc", ".otc"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// `path` relative to `base` (both absolute), lexically: `.` and `..` resolved by name, then
/// `..` where the two part (`/a/layouts/x.toml` from `/a/b/c` is `../../layouts/x.toml`).
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let norm = |p: &Path| -> Vec<std::ffi::OsString> {
        lexical(p)
            .components()
            .map(|c| c.as_os_str().to_owned())
            .collect()
    };
    let (p, b) = (norm(path), norm(base));
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return path.to_path_buf();
    }
    let mut rel = PathBuf::new();
    for _ in common..b.len() {
        rel.push("..");
    }
    for part in &p[common..] {
        rel.push(part);
    }
    rel
}

/// `path` with `.` dropped and `name/..` taken out, by name only (no link is followed):
/// `lay/./a/../c1.toml` is `lay/c1.toml`. A `..` with no name before it stays.
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                // The root's parent is the root.
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_file_name_is_relative_to_the_current_directory() {
        assert_eq!(dir_of(Path::new("issue.toml")), Path::new("."));
        assert_eq!(dir_of(Path::new("a/issue.toml")), Path::new("a"));
        assert_eq!(dir_of(Path::new("/issue.toml")), Path::new("/"));
        assert!(names_a_font_file("FandolKai-Regular.OTF") && !names_a_font_file("FandolKai"));
        assert!(names_a_layout_file("house.toml") && !names_a_layout_file("gongwen"));
        assert!(names_a_path("./x") && !names_a_path("Noto Serif SC"));
    }

    #[test]
    fn lexical_paths() {
        let l = |p: &str| lexical(Path::new(p));
        assert_eq!(l("lay/./a/../c1.toml"), PathBuf::from("lay/c1.toml"));
        assert_eq!(l("./x/../../y"), PathBuf::from("../y"));
        assert_eq!(l("/a/../../b"), PathBuf::from("/b"));
    }

    #[test]
    fn relative_paths() {
        let rel = |p: &str, b: &str| relative_to(Path::new(p), Path::new(b));
        assert_eq!(rel("/a/b/c.toml", "/a/d"), PathBuf::from("../b/c.toml"));
        assert_eq!(rel("/a/./b/c.toml", "/a"), PathBuf::from("b/c.toml"));
        assert_eq!(
            rel("/a/layouts/x.toml", "/a/b/c"),
            PathBuf::from("../../layouts/x.toml")
        );
        assert_eq!(
            rel("/a/b/../layouts/x.toml", "/a/c"),
            PathBuf::from("../layouts/x.toml")
        );
    }
}
