//! How names in definitions and layouts are told apart from paths, and the directory files are
//! relative to. Pure functions on names, shared by the resolve stage (which joins paths but
//! reads nothing) and the assets side (which reads), so that both sides agree.

use std::path::Path;

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
}
