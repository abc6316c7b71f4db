//! Puts the git commit the binary was built from into `jianbao --version`
//! (`JIANBAO_VERSION`, e.g. `0.1.0 (10269b8c1e2f 2026-11-30)`).
//!
//! A build from a source tarball has no `.git`, and one unpacked inside some other repository
//! must not take that repository's commit: the commit is used only when git is installed and
//! the repository's top level is this package's own directory. Otherwise the version is the
//! package version alone. Nothing about the build's source path reaches the binary.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = env("CARGO_PKG_VERSION");
    let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let full = match commit(&manifest_dir) {
        Some((hash, date)) => format!("{version} ({hash} {date})"),
        None => version,
    };
    println!("cargo:rustc-env=JIANBAO_VERSION={full}");
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// The short commit hash and its date, when `dir` is the top of a git work tree.
fn commit(dir: &Path) -> Option<(String, String)> {
    let top = git(dir, &["rev-parse", "--show-toplevel"])?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if !same(Path::new(&top), dir) {
        return None;
    }
    // Rebuild when HEAD moves: a new commit on the branch, or another branch checked out.
    // `--git-path` names the right files in a linked work tree too.
    for file in ["HEAD", "packed-refs"] {
        rerun_if_changed(dir, file);
    }
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        rerun_if_changed(dir, &branch);
    }
    let hash = git(dir, &["rev-parse", "--short=12", "HEAD"])?;
    let date = git(dir, &["log", "-1", "--format=%cs", "HEAD"])?;
    Some((hash, date))
}

fn rerun_if_changed(dir: &Path, git_file: &str) {
    if let Some(path) = git(dir, &["rev-parse", "--git-path", git_file]) {
        let path = dir.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
}

/// The trimmed output of a successful git command, or `None` (no git, not a repository, …).
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (out.status.success() && !text.is_empty()).then_some(text)
}
