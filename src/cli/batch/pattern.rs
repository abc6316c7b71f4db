//! Glob patterns (`'issues/**/*.toml'`) expanded without following symbolic links.
//!
//! The `glob` crate follows links to directories, so a link that points to its own parent
//! makes `**` walk for ever. Here the directories below the pattern's literal prefix are
//! walked as they are — a link is a leaf, never entered — and each path is matched against the
//! pattern (`glob::Pattern`, `*` not crossing `/`). Hidden entries are skipped, as in a
//! directory named on the command line.

use std::path::{Path, PathBuf};

/// The paths that match `pattern`, below `base` (the pattern's directories before its first
/// wildcard; empty for the working directory), in name order, a directory before what is in it.
pub fn matches(pattern: &glob::Pattern, base: &Path) -> Vec<PathBuf> {
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let mut found = Vec::new();
    let mut pending = vec![base.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let read_from = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir.as_path()
        };
        let Ok(read) = std::fs::read_dir(read_from) else {
            continue;
        };
        let mut entries: Vec<_> = read.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        let mut subdirs = Vec::new();
        for entry in entries {
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = dir.join(entry.file_name());
            // The entry's own type: a link is a link, not what it points to.
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if pattern.matches_path_with(&path, options) {
                found.push(path.clone());
            }
            if is_dir {
                subdirs.push(path);
            }
        }
        // Depth first in name order: push in reverse so the first name is walked first.
        pending.extend(subdirs.into_iter().rev());
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_loop_is_not_followed() {
        let dir = std::env::temp_dir().join(format!("jianbao-pattern-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("tree/a")).unwrap();
        std::fs::write(dir.join("tree/a/x.toml"), "").unwrap();
        std::fs::write(dir.join("tree/y.toml"), "").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("..", dir.join("tree/a/loop")).unwrap();
        let base = dir.join("tree");
        let pattern = glob::Pattern::new(&format!("{}/**/*.toml", base.display())).unwrap();
        let found = matches(&pattern, &base);
        assert_eq!(found, vec![base.join("a/x.toml"), base.join("y.toml")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
