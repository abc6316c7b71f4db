//! Issue 11, class 5: outputs go only where they should. An output that is an input, a device,
//! a named pipe, a directory or a link is refused before anything is written; batch removes
//! only PDFs it wrote and never writes or removes through a link inside OUTDIR.

mod support;

use std::path::Path;
use std::process::Command;
use support::*;

const DEF: &str = "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n\n[[blocks]]\ntext = \"正文。\"\n";
const BROKEN: &str = "layout = \"newsletter\"\n[bulletin]\npublisher = \"x\"\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    jianbao()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("jianbao runs")
}

#[test]
fn an_output_that_is_the_definition_is_refused() {
    let dir = temp_dir("hostile-self");
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("d.toml"), DEF).unwrap();
    for args in [
        vec!["render", "d.toml", "-o", "d.toml"],
        vec!["render", "d.toml", "-o", "sub/../d.toml"],
        vec!["preview", "d.toml", "-o", "d.toml"],
    ] {
        let out = run(&dir, &args);
        assert_fails(&out, 1, "the output is the input");
        assert_eq!(std::fs::read_to_string(dir.join("d.toml")).unwrap(), DEF);
    }
}

#[test]
fn import_never_writes_over_the_article() {
    let dir = temp_dir("hostile-import-self");
    std::fs::create_dir(dir.join("sub")).unwrap();
    // An empty article reads as an empty definition too, so `--append-to` would have taken it.
    let articles = [("a.md", "# 标题\n\n正文一段。\n"), ("e.md", "")];
    for (name, text) in articles {
        std::fs::write(dir.join(name), text).unwrap();
    }
    for args in [
        vec!["import", "a.md", "-o", "a.md", "--force"],
        vec!["import", "a.md", "-o", "sub/../a.md", "--force"],
        vec!["import", "e.md", "--append-to", "e.md"],
    ] {
        let out = run(&dir, &args);
        assert_fails(&out, 1, "the output is the input");
        for (name, text) in articles {
            assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), text);
        }
    }
}

#[test]
fn a_named_pipe_or_directory_is_not_replaced() {
    let dir = temp_dir("hostile-fifo");
    std::fs::write(dir.join("d.toml"), DEF).unwrap();
    std::fs::create_dir(dir.join("folder.pdf")).unwrap();
    let out = run(&dir, &["render", "d.toml", "-o", "folder.pdf"]);
    assert_fails(&out, 1, "will not replace a directory");
    assert!(dir.join("folder.pdf").is_dir());
    let made = Command::new("mkfifo").arg(dir.join("pipe.pdf")).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped the pipe: mkfifo is not available");
        return;
    }
    for args in [
        vec!["render", "d.toml", "-o", "pipe.pdf"],
        vec!["preview", "d.toml", "-o", "pipe.pdf"],
    ] {
        let out = run(&dir, &args);
        assert_fails(&out, 1, "will not replace a named pipe");
        use std::os::unix::fs::FileTypeExt;
        let kind = std::fs::symlink_metadata(dir.join("pipe.pdf")).unwrap();
        assert!(kind.file_type().is_fifo(), "the pipe was replaced");
    }
}

#[test]
fn a_missing_directory_is_named_and_a_long_name_works() {
    let dir = temp_dir("hostile-names");
    std::fs::write(dir.join("d.toml"), DEF).unwrap();
    let out = run(&dir, &["render", "d.toml", "-o", "nodir/d.pdf"]);
    assert_fails(&out, 1, "the directory nodir does not exist");
    // 255 bytes, the longest name most file systems allow.
    let long = format!("{}.pdf", "x".repeat(251));
    let out = run(&dir, &["render", "d.toml", "-o", &long]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(dir.join(&long))
        .unwrap()
        .starts_with(b"%PDF-"));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn batch_removes_only_pdfs_it_wrote() {
    let dir = temp_dir("hostile-stale");
    std::fs::write(dir.join("bad.toml"), BROKEN).unwrap();
    std::fs::write(dir.join("good.toml"), DEF).unwrap();
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).unwrap();
    // A manifest may not name a file that is not a PDF as an output.
    std::fs::write(dir.join("notes.txt"), "keep me").unwrap();
    std::fs::write(
        dir.join("run2.toml"),
        "[[bulletins]]\ndefinition = \"bad.toml\"\noutput = \"notes.txt\"\n",
    )
    .unwrap();
    std::fs::write(out_dir.join("notes.txt"), "keep me").unwrap();
    let out = run(&dir, &["batch", "run2.toml", "-o", "out"]);
    assert_fails(&out, 1, "`output` must name a PDF file");
    assert_eq!(
        std::fs::read_to_string(out_dir.join("notes.txt")).unwrap(),
        "keep me"
    );
    // A PDF that is not jianbao's, under a failing bulletin's name, stays.
    std::fs::write(out_dir.join("bad.pdf"), "%PDF-1.4 someone else's").unwrap();
    let out = run(&dir, &["batch", "bad.toml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        out_dir.join("bad.pdf").exists(),
        "someone else's PDF was removed"
    );
    // jianbao's own stale PDF is removed.
    std::fs::copy(dir.join("good.toml"), dir.join("bad.toml")).unwrap();
    std::fs::remove_file(out_dir.join("bad.pdf")).unwrap();
    let out = run(&dir, &["batch", "bad.toml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(dir.join("bad.toml"), BROKEN).unwrap();
    let out = run(&dir, &["batch", "bad.toml", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!out_dir.join("bad.pdf").exists(), "the stale PDF stayed");
}

#[test]
fn batch_never_writes_or_removes_through_a_link_in_outdir() {
    let dir = temp_dir("hostile-outlink");
    let outside = temp_dir("hostile-outlink-outside");
    std::fs::create_dir_all(dir.join("tree/sub")).unwrap();
    std::fs::write(dir.join("tree/sub/x.toml"), DEF).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("out/sub")).unwrap();
    let out = run(&dir, &["batch", "tree", "-o", "out"]);
    assert_fails(&out, 1, "is a symbolic link inside the output directory");
    assert!(!outside.join("x.pdf").exists(), "written through the link");
    // A failing bulletin does not remove a PDF through the link either.
    let out = run(
        &dir,
        &["render", "tree/sub/x.toml", "-o", s(&outside.join("x.pdf"))],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(dir.join("tree/sub/x.toml"), BROKEN).unwrap();
    let out = run(&dir, &["batch", "tree", "-o", "out"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(outside.join("x.pdf").exists(), "removed through the link");
    // A link as the output file itself is not replaced.
    std::fs::remove_file(dir.join("out/sub")).unwrap();
    std::fs::create_dir(dir.join("out/sub")).unwrap();
    std::fs::write(dir.join("tree/sub/x.toml"), DEF).unwrap();
    std::os::unix::fs::symlink(outside.join("x.pdf"), dir.join("out/sub/x.pdf")).unwrap();
    let before = std::fs::read(outside.join("x.pdf")).unwrap();
    let out = run(&dir, &["batch", "tree", "-o", "out"]);
    assert_fails(&out, 1, "symbolic link");
    assert_eq!(std::fs::read(outside.join("x.pdf")).unwrap(), before);
}
