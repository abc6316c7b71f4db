//! `jianbao batch` through the CLI: inputs (directories, patterns, manifests), failure isolation,
//! progress output, the merged print file (order, copies, duplex blanks, fonts once), shards.
//! Printing to a real CUPS server is in tests/batch_print.rs.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use support::pdf_inspect::{inspect_file, PdfInfo};
use support::*;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn batch(args: &[&str]) -> Output {
    jianbao()
        .arg("batch")
        .args(args)
        .output()
        .expect("jianbao runs")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Every file under `dir`, relative, sorted.
fn files(dir: &Path) -> Vec<String> {
    fn walk(dir: &Path, base: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, base, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

/// The text of each page (glyphs in reading order, no spaces).
fn page_texts(info: &PdfInfo) -> Vec<String> {
    info.pages
        .iter()
        .map(|p| squeeze(&p.lines().iter().map(|l| l.text()).collect::<String>()))
        .collect()
}

#[test]
fn a_directory_renders_recursively_and_a_bad_definition_fails_alone() {
    let dir = temp_dir("batch-dir");
    let input = dir.join("issues");
    write(&input.join("a.toml"), &paged_definition("甲期简报", 1, ""));
    write(
        &input.join("2024/b.toml"),
        &paged_definition("乙期简报", 2, ""),
    );
    // A layout next to the definitions: skipped as input, used by c.toml.
    write(
        &input.join("layouts/house.toml"),
        "description = \"house\"\nextends = \"newsletter\"\n[body]\nsize = \"五号\"\n",
    );
    write(
        &input.join("c.toml"),
        &paged_definition("丙期简报", 1, "").replace("\"newsletter\"", "\"house\""),
    );
    // A syntax error, and a missing image.
    write(
        &input.join("broken.toml"),
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\ndate = 2024-05-01\n",
    );
    write(
        &input.join("2024/no-image.toml"),
        &format!(
            "{}\n[[blocks]]\nfigure = \"missing.png\"\n",
            paged_definition("丁期简报", 1, "")
        ),
    );
    write(&input.join("notes.txt"), "not a definition");
    // A stale PDF (one jianbao wrote) of a definition that now fails must not survive the run.
    let out = dir.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let stale = render(&input.join("a.toml"), &out.join("broken.pdf"), &["-q"]);
    assert!(stale.status.success(), "{}", stderr(&stale));

    let run = batch(&[s(&input), "-o", s(&out)]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("broken.toml:3:"),
        "syntax error not located: {err}"
    );
    assert!(
        err.contains("no-image.toml") && err.contains("missing.png"),
        "{err}"
    );
    assert!(
        err.contains("batch: 3 rendered, 2 failed, 4 pages"),
        "{err}"
    );
    // Plain progress lines when stderr is not a terminal.
    assert!(err.contains("[") && err.contains("/5] "), "{err}");
    assert_eq!(files(&out), ["2024/b.pdf", "a.pdf", "c.pdf"]);
    let b = inspect_file(&out.join("2024/b.pdf"));
    assert_eq!(b.pages.len(), 2);
    assert!(page_texts(&b)[1].contains("乙期简报第2页"));
    // c.toml used the house layout (五号 body, 10.5 pt).
    let c = inspect_file(&out.join("c.pdf"));
    assert!(c.pages[0]
        .glyphs
        .iter()
        .any(|g| (g.size - 10.5).abs() < 0.01 && g.text == "质"));
}

#[test]
fn render_and_batch_write_the_same_pdf() {
    let dir = temp_dir("batch-same");
    let def = dir.join("a.toml");
    write(&def, &paged_definition("同一路径", 2, ""));
    let single = dir.join("single.pdf");
    assert!(render(&def, &single, &["-q"]).status.success());
    let run = batch(&[s(&def), "-o", s(&dir.join("out")), "-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).is_empty(), "--quiet: {}", stderr(&run));
    assert_eq!(
        std::fs::read(&single).unwrap(),
        std::fs::read(dir.join("out/a.pdf")).unwrap()
    );
}

#[test]
fn strict_fails_a_bulletin_with_warnings_only() {
    let dir = temp_dir("batch-strict");
    write(&dir.join("in/ok.toml"), &paged_definition("正常", 1, ""));
    write(
        &dir.join("in/warn.toml"),
        &paged_definition("私用\u{E000}字", 1, ""),
    );
    let out = dir.join("out");
    let run = batch(&[s(&dir.join("in")), "-o", s(&out), "--strict"]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("U+E000"), "{err}");
    assert!(
        err.contains("warn.toml: 1 warning and --strict: nothing written"),
        "{err}"
    );
    assert_eq!(files(&out), ["ok.pdf"]);
}

#[test]
fn patterns_named_files_and_collisions() {
    let dir = temp_dir("batch-glob");
    write(
        &dir.join("in/2024/01.toml"),
        &paged_definition("一月", 1, ""),
    );
    write(
        &dir.join("in/2025/01.toml"),
        &paged_definition("二五年一月", 1, ""),
    );
    write(&dir.join("in/layouts/x.toml"), "[page]\nsize = \"A5\"\n");
    let out = dir.join("out");
    let pattern = format!("{}/in/**/*.toml", s(&dir));
    let run = batch(&[&pattern, "-o", s(&out), "-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(files(&out), ["2024/01.pdf", "2025/01.pdf"]);

    // Named one by one they would both be 01.pdf: refused before anything is written.
    let out2 = dir.join("out2");
    let run = batch(&[
        s(&dir.join("in/2024/01.toml")),
        s(&dir.join("in/2025/01.toml")),
        "-o",
        s(&out2),
    ]);
    assert_fails(&run, 1, "would both be written to 01.pdf");
    assert!(!out2.exists());

    let run = batch(&[&format!("{}/nothing/*.toml", s(&dir)), "-o", s(&out2)]);
    assert_fails(&run, 1, "no file matches");
}

#[test]
fn merged_print_file_with_copies_and_duplex() {
    let dir = temp_dir("batch-merge");
    // x: 3 pages, 共印 2 份 in its definition; y: 2 pages; z: 1 page, copies from the manifest.
    write(
        &dir.join("x.toml"),
        &paged_definition("甲种简报", 3, "copies = 2"),
    );
    write(&dir.join("y.toml"), &paged_definition("乙种简报", 2, ""));
    write(&dir.join("z.toml"), &paged_definition("丙种简报", 1, ""));
    // The manifest's order, not the names', is the print order.
    write(
        &dir.join("run.toml"),
        "[[bulletins]]\ndefinition = \"y.toml\"\n\n[[bulletins]]\ndefinition = \"x.toml\"\noutput = \"甲/x-print.pdf\"\n\n[[bulletins]]\ndefinition = \"z.toml\"\ncopies = 2\n",
    );
    let out = dir.join("out");
    let print = dir.join("print.pdf");
    let run = batch(&[
        s(&dir.join("run.toml")),
        "-o",
        s(&out),
        "--merge",
        s(&print),
        "--duplex",
        "--copies",
    ]);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    assert_eq!(files(&out), ["y.pdf", "z.pdf", "甲/x-print.pdf"]);
    // y(2) x(3) [blank] x(3) [blank] z(1) [blank] z(1)
    let info = inspect_file(&print);
    let texts = page_texts(&info);
    let starts: Vec<usize> = texts
        .iter()
        .enumerate()
        .filter(|(_, t)| t.contains("种简报第1页"))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(texts.len(), 13, "{texts:#?}");
    assert_eq!(starts, [1, 3, 7, 11, 13]);
    assert!(texts[0].contains("乙种简报") && texts[2].contains("甲种简报"));
    assert!(texts[12].contains("丙种简报"));
    for blank in [6, 10, 12] {
        assert!(
            texts[blank - 1].is_empty(),
            "page {blank}: {}",
            texts[blank - 1]
        );
        assert!(info.pages[blank - 1].rules.is_empty() && info.pages[blank - 1].images.is_empty());
    }
    // Every bulletin starts on an odd page.
    assert!(starts.iter().all(|p| p % 2 == 1));
    // The faces all bulletins use are embedded once each.
    let names: Vec<&str> = info.fonts.iter().map(|f| f.base_font.as_str()).collect();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), unique.len(), "{names:?}");
    assert!(
        err.contains("merged: ") && err.contains("13 pages, 3 blank"),
        "{err}"
    );

    // A given number, one-sided: no blanks.
    let run = batch(&[
        s(&dir.join("run.toml")),
        "-o",
        s(&out),
        "--merge",
        s(&print),
        "--copies=2",
        "-q",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(inspect_file(&print).pages.len(), 2 * (2 + 3 + 1));

    // Without --copies, one of each.
    let run = batch(&[
        s(&dir.join("run.toml")),
        "-o",
        s(&out),
        "--merge",
        s(&print),
        "-q",
    ]);
    assert!(run.status.success());
    assert_eq!(inspect_file(&print).pages.len(), 6);
    let once = std::fs::metadata(&print).unwrap().len();

    // Copies are repeated by reference: 50 of each cost a few hundred bytes a page.
    let run = batch(&[
        s(&dir.join("run.toml")),
        "-o",
        s(&out),
        "--merge",
        s(&print),
        "--copies=50",
        "-q",
    ]);
    assert!(run.status.success());
    let info = inspect_file(&print);
    assert_eq!(info.pages.len(), 300);
    assert!(page_texts(&info)[299].contains("丙种简报第1页"));
    let fifty = std::fs::metadata(&print).unwrap().len();
    assert!(
        fifty < once + 294 * 400,
        "{once} bytes once, {fifty} bytes 50 times"
    );
}

#[test]
fn no_print_file_when_a_bulletin_fails() {
    let dir = temp_dir("batch-merge-fail");
    write(&dir.join("in/a.toml"), &paged_definition("甲", 1, ""));
    write(
        &dir.join("in/b.toml"),
        "layout = \"newsletter\"\n[bulletin]\n",
    );
    let print = dir.join("print.pdf");
    let run = batch(&[
        s(&dir.join("in")),
        "-o",
        s(&dir.join("out")),
        "--merge",
        s(&print),
    ]);
    assert_fails(&run, 1, "print.pdf not written");
    assert!(!print.exists());
    assert_eq!(files(&dir.join("out")), ["a.pdf"]);
}

#[test]
fn a_saved_manifest_repeats_the_run_exactly() {
    let dir = temp_dir("batch-save");
    write(
        &dir.join("in/b.toml"),
        &paged_definition("乙", 1, "copies = 3"),
    );
    write(&dir.join("in/sub/a.toml"), &paged_definition("甲", 2, ""));
    // Same file name (it is the print file's title), different directories.
    let first = dir.join("1/print.pdf");
    std::fs::create_dir_all(first.parent().unwrap()).unwrap();
    let manifest = dir.join("runs/run.toml");
    std::fs::create_dir_all(manifest.parent().unwrap()).unwrap();
    let run = batch(&[
        s(&dir.join("in")),
        "-o",
        s(&dir.join("out1")),
        "--merge",
        s(&first),
        "--copies",
        "--save-manifest",
        s(&manifest),
        "-q",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert!(text.contains("definition = \"../in/b.toml\""), "{text}");
    assert!(text.contains("output = \"sub/a.pdf\""), "{text}");
    assert!(text.contains("copies = 3"), "{text}");
    let second = dir.join("2/print.pdf");
    std::fs::create_dir_all(second.parent().unwrap()).unwrap();
    let run = batch(&[
        s(&manifest),
        "-o",
        s(&dir.join("out2")),
        "--merge",
        s(&second),
        "--copies",
        "-q",
    ]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    assert_eq!(files(&dir.join("out2")), ["b.pdf", "sub/a.pdf"]);
}

#[test]
fn shards_together_render_every_input_exactly_once() {
    let dir = temp_dir("batch-shard");
    let mut names = Vec::new();
    for i in 0..8 {
        let name = format!("b{i}.toml");
        write(
            &dir.join("in").join(&name),
            &paged_definition(&format!("第{i}期"), 1, ""),
        );
        names.push(dir.join("in").join(name));
    }
    let all: BTreeSet<String> = (0..8).map(|i| format!("b{i}.pdf")).collect();
    let mut rendered = Vec::new();
    for k in 1..=3 {
        // Each shard gets the command line in a different order.
        let mut args: Vec<String> = names.iter().map(|p| s(p).to_string()).collect();
        args.rotate_left(k * 3 % 8);
        if k == 2 {
            args.reverse();
        }
        let out = dir.join(format!("out{k}"));
        args.extend([
            "-o".into(),
            s(&out).into(),
            "--shard".into(),
            format!("{k}/3"),
        ]);
        let run = jianbao().arg("batch").args(&args).output().unwrap();
        assert!(run.status.success(), "{}", stderr(&run));
        assert!(
            stderr(&run).contains(&format!("shard {k}/3")),
            "{}",
            stderr(&run)
        );
        let got = files(&out);
        assert!((2..=3).contains(&got.len()), "{got:?}");
        rendered.extend(got);
    }
    rendered.sort();
    assert_eq!(rendered, all.iter().cloned().collect::<Vec<_>>());

    // `--shard auto` picks the same share from a Kubernetes or Slurm index.
    let list = |shard: &str, env: &[(&str, &str)]| {
        let mut cmd = jianbao();
        cmd.args([
            "batch",
            s(&dir.join("in")),
            "-o",
            "out",
            "--list",
            "--shard",
            shard,
        ]);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let run = cmd.output().unwrap();
        assert!(run.status.success(), "{}", stderr(&run));
        String::from_utf8(run.stdout).unwrap()
    };
    let fixed = list("2/3", &[]);
    assert_eq!(fixed.lines().count(), 3, "{fixed}");
    assert_eq!(
        list(
            "auto",
            &[("JOB_COMPLETION_INDEX", "1"), ("JIANBAO_SHARDS", "3")]
        ),
        fixed
    );
    assert_eq!(list("auto/3", &[("JOB_COMPLETION_INDEX", "1")]), fixed);
    let slurm = [
        ("SLURM_ARRAY_TASK_ID", "2"),
        ("SLURM_ARRAY_TASK_MIN", "1"),
        ("SLURM_ARRAY_TASK_COUNT", "3"),
    ];
    assert_eq!(list("auto", &slurm), fixed);
    // Without an index, a clear usage error.
    let run = batch(&[s(&dir.join("in")), "-o", "out", "--shard", "auto"]);
    assert_fails(&run, 2, "JOB_COMPLETION_INDEX");
}

#[test]
fn usage_errors() {
    let dir = temp_dir("batch-usage");
    write(&dir.join("a.toml"), &paged_definition("甲", 1, ""));
    let a = s(&dir.join("a.toml")).to_string();
    for args in [
        vec![a.as_str(), "-o", "out", "--duplex"],
        vec![a.as_str(), "-o", "out", "--print"],
        vec![a.as_str(), "-o", "out", "--shard", "0/3"],
        vec![
            a.as_str(),
            "-o",
            "out",
            "--shard",
            "1/2",
            "--merge",
            "p.pdf",
        ],
        vec![a.as_str(), "-o", "out", "-j", "0"],
        vec![a.as_str()],
    ] {
        let run = batch(&args);
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
    }
    // A path right after the optional `--print` value is not taken for a queue.
    let run = batch(&[&a, "-o", "out", "--merge", "p.pdf", "--print", &a]);
    assert_fails(&run, 2, "--print=QUEUE");
}

#[test]
#[cfg(unix)] // `script` and /dev/null
fn a_progress_bar_on_a_terminal() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let dir = temp_dir("batch-tty");
    for i in 0..3 {
        write(
            &dir.join(format!("in/{i}.toml")),
            &paged_definition("进度", 1, ""),
        );
    }
    let command = format!(
        "{} batch {} -o {}",
        env!("CARGO_BIN_EXE_jianbao"),
        s(&dir.join("in")),
        s(&dir.join("out"))
    );
    let run = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .env_remove("JIANBAO_LAYOUT_PATH")
        .env_remove("JIANBAO_FONT_PATH")
        .env("TERM", "xterm")
        .output()
        .unwrap();
    let screen = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{screen}");
    // The bar (count and ETA) was drawn, and the plain per-file lines were not.
    assert!(screen.contains("ETA"), "{screen}");
    assert!(screen.contains("/3"), "{screen}");
    assert!(!screen.contains("[1/3]"), "{screen}");
    assert!(screen.contains("batch: 3 rendered, 0 failed"), "{screen}");
    assert_eq!(files(&dir.join("out")).len(), 3);
}

#[test]
#[cfg(unix)] // CUPS `lp`; Windows gets its own message
fn printing_without_cups_is_a_clear_error() {
    let dir = temp_dir("batch-nocups");
    write(&dir.join("a.toml"), &paged_definition("甲", 1, ""));
    let print = dir.join("print.pdf");
    // No `lp` on the PATH.
    let empty: PathBuf = dir.join("no-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let run = jianbao()
        .args(["batch", s(&dir.join("a.toml")), "-o", s(&dir.join("out"))])
        .args(["--merge", s(&print), "--print", "office"])
        .env("PATH", &empty)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(err.contains("`lp` is not installed"), "{err}");
    // The print file was written all the same, and says so.
    assert!(
        err.contains("can be printed by hand") && print.exists(),
        "{err}"
    );
}

#[test]
#[cfg(not(unix))]
fn printing_on_windows_says_what_to_do() {
    let dir = temp_dir("batch-print-windows");
    write(&dir.join("a.toml"), &paged_definition("甲", 1, ""));
    let print = dir.join("print.pdf");
    let run = jianbao()
        .args(["batch", s(&dir.join("a.toml")), "-o", s(&dir.join("out"))])
        .args(["--merge", s(&print), "--print", "office"])
        .output()
        .unwrap();
    assert_fails(&run, 1, "which Windows does not have");
    assert!(stderr(&run).contains("print it from there") && print.exists());
}

#[test]
#[cfg(unix)] // SIGINT sent with `sh -c kill`
fn ctrl_c_lets_the_pdfs_being_written_finish() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = temp_dir("batch-interrupt");
    for i in 0..40 {
        write(
            &dir.join(format!("in/{i:02}.toml")),
            &paged_definition("中断", 1, ""),
        );
    }
    let out = dir.join("out");
    let mut child = jianbao()
        .args(["batch", s(&dir.join("in")), "-o", s(&out), "-j", "1"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let second = line.starts_with("[ 2/40]");
        seen.push(line);
        if second {
            break;
        }
    }
    // The shell's built-in `kill` (a minimal machine may have no /bin/kill).
    let kill = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", child.id())])
        .status()
        .unwrap();
    assert!(kill.success());
    seen.extend(lines.map(Result::unwrap));
    let status = child.wait().unwrap();
    let err = seen.join("\n");
    assert_eq!(status.code(), Some(130), "{err}");
    assert!(err.contains("not started (interrupted)"), "{err}");
    // Only whole PDFs: no temporary files, every PDF readable.
    let written = files(&out);
    assert!((2..40).contains(&written.len()), "{written:?}");
    for name in &written {
        assert!(name.ends_with(".pdf") && !name.starts_with('.'), "{name}");
        assert_eq!(inspect_file(&out.join(name)).pages.len(), 1);
    }
}

/// A file named on the command line is one the user wants printed: if it is not a definition
/// it fails with its error located (exit 1), unless it is a layout (skipped, said so); files
/// found in a directory keep the rule that only definitions are rendered. The summary says
/// which rule applied.
#[test]
fn a_named_file_that_is_not_a_definition_fails() {
    let dir = temp_dir("batch-named");
    let a = dir.join("a.toml");
    write(&a, &paged_definition("甲期", 1, ""));
    let broken = dir.join("broken.toml");
    write(&broken, "this is [not toml\n");
    let layout = dir.join("house.toml");
    write(
        &layout,
        "description = \"house\"\nextends = \"newsletter\"\n[body]\nsize = \"五号\"\n",
    );
    let cargo = dir.join("Cargo.toml");
    write(&cargo, "[package]\nname = \"x\"\n");
    let empty = dir.join("empty.toml");
    write(&empty, "# nothing yet\n");
    // A directory with one definition and the same three kinds of other file.
    let issues = dir.join("issues");
    write(&issues.join("b.toml"), &paged_definition("乙期", 1, ""));
    write(&issues.join("broken.toml"), "this is [not toml\n");
    write(
        &issues.join("layouts/house.toml"),
        "[page]\nsize = \"A5\"\n",
    );

    let out = dir.join("out");
    let run = batch(&[s(&a), s(&broken), "-o", s(&out)]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("broken.toml:1:"), "not located: {err}");
    assert!(err.contains("batch: 1 rendered, 1 failed, 1 page"), "{err}");
    assert!(err.contains(&format!("failed: {}", s(&broken))), "{err}");
    assert!(
        err.contains("broken.toml: failed: neither a bulletin definition nor a layout (a file named on the command line must be"),
        "the rule is not said: {err}"
    );
    assert!(!err.contains("skipped"), "{err}");
    assert_eq!(files(&out), ["a.pdf"]);

    // Other TOML and an empty file, named, fail the same way.
    for other in [&cargo, &empty] {
        let run = batch(&[s(&a), s(other), "-o", s(&dir.join("out-other")), "-q"]);
        assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
        assert!(stderr(&run).contains(s(other)), "{}", stderr(&run));
    }

    // A named layout is skipped; a directory's other files are left out, each rule said.
    let out2 = dir.join("out2");
    let run = batch(&[s(&a), s(&layout), s(&issues), "-o", s(&out2)]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(0), "{err}");
    assert!(
        err.contains("batch: 2 rendered, 0 failed, 1 skipped, 2 pages"),
        "{err}"
    );
    assert!(
        err.contains("house.toml: skipped: a layout, not a bulletin definition (a file named on the command line is skipped only when it is a layout)"),
        "{err}"
    );
    assert!(
        err.contains("issues: 2 .toml files that are not bulletin definitions left out (files found in a directory or by a pattern are rendered only when they are definitions)"),
        "{err}"
    );
    assert_eq!(files(&out2), ["a.pdf", "b.pdf"]);
}
