//! The command-line conventions, through the binary: usage errors exit 2, `--color` and the
//! colour variables, `--message-format json`, `-q`/`-v` on every command, the environment in
//! `--help`, shell completions and man pages from the clap definition, `-o -` and `-` as input,
//! `--version` with the commit.

mod support;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use support::pdf_inspect::inspect;
use support::*;

const SEED: &str = "samples/cqa-2020-03-10.toml";

fn run(args: &[&str]) -> Output {
    jianbao()
        .current_dir(root())
        .args(args)
        .output()
        .expect("jianbao runs")
}

/// Runs jianbao in `dir` with `input` on its standard input.
fn run_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = jianbao()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A definition with an unknown key on line 7 (column 1).
const BAD: &str =
    "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"测试\"\ndate = 2024-05-01\n\n\
                   captoin = 1\n";

/// A definition with a character no font has (U+E000) on line 7.
const MISSING_CHAR: &str = "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"测试\"\n\
                            date = 2024-05-01\n\n[[blocks]]\ntext = \"中文\u{E000}字。\"\n";

#[test]
fn usage_errors_exit_2() {
    let dir = temp_dir("cli-usage");
    std::fs::write(dir.join("a.toml"), paged_definition("用法", 1, "")).unwrap();
    let a = dir.join("a.toml");
    let a = a.to_str().unwrap();
    for (args, says) in [
        (vec!["preview", a, "--dpi", "5"], "from 10 to 600 dpi"),
        (vec!["preview", a, "--dpi", "601"], "from 10 to 600 dpi"),
        (vec!["preview", a, "--dpi", "x"], "from 10 to 600 dpi"),
        (vec!["render", "-"], "needs -o"),
        (vec!["render", a, "-o", "-", "--dump-lines"], "--dump-lines"),
        (vec!["render", a, "-o", "-", "--stats"], "--stats"),
        (vec!["preview", a, "--all", "-o", "-"], "--all"),
        (vec!["watch", "-"], "not standard input"),
        (vec!["batch", "-", "-o", "out"], "not from standard input"),
        (vec!["watch", a, "-o", "-"], "not -o -"),
        (vec!["render", a, "-q", "-v"], "cannot be used with"),
        (vec!["render", a, "--color", "sometimes"], "--color"),
        (
            vec!["render", a, "--message-format", "xml"],
            "--message-format",
        ),
        (vec!["completions", "tcsh"], "tcsh"),
        (vec!["man", "nosuch"], "there is no command `nosuch`"),
    ] {
        let out = run(&args);
        assert_fails(&out, 2, says);
    }
    // Nothing was written by any of them.
    assert!(!dir.join("a.pdf").exists() && !dir.join("a-1.png").exists());
}

#[test]
fn colours_follow_the_option_and_the_environment() {
    let dir = temp_dir("cli-color");
    let def = dir.join("bad.toml");
    std::fs::write(&def, BAD).unwrap();
    let def = def.to_str().unwrap();
    let coloured = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = jianbao();
        cmd.args(["render", def]).args(args);
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(stderr(&out).contains("unknown key"), "{}", stderr(&out));
        stderr(&out).contains('\u{1b}')
    };
    // stderr is a pipe here: no colours unless asked.
    assert!(!coloured(&[], &[]));
    assert!(coloured(&["--color", "always"], &[]));
    assert!(coloured(&["--color=always"], &[("NO_COLOR", "1")]));
    assert!(coloured(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!coloured(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    // The option also goes before the command, and reaches clap's own messages.
    let out = jianbao()
        .args(["--color", "always", "render", "--no-such-option"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains('\u{1b}'), "{}", stderr(&out));
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    stderr(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

#[test]
fn json_diagnostics_are_one_object_a_line() {
    let dir = temp_dir("cli-json");
    std::fs::write(dir.join("bad.toml"), BAD).unwrap();
    std::fs::write(dir.join("missing.toml"), MISSING_CHAR).unwrap();
    let render = |name: &str, extra: &[&str]| {
        jianbao()
            .current_dir(&dir)
            .args(["render", name, "--message-format", "json"])
            .args(extra)
            .output()
            .unwrap()
    };
    // An error: its place, severity and message, and nothing else on stderr.
    let out = render("bad.toml", &[]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    let e = &lines[0];
    assert_eq!(e["severity"], "error");
    assert_eq!(e["file"], "bad.toml");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(7), Some(1))
    );
    assert!(e["message"]
        .as_str()
        .unwrap()
        .contains("unknown key `captoin`"));
    assert!(e["help"].as_str().is_some(), "{e}");
    // A warning, then (under --strict) the error it becomes; no `wrote …` line.
    let out = render("missing.toml", &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    let severities: Vec<&str> = lines
        .iter()
        .map(|l| l["severity"].as_str().unwrap())
        .collect();
    assert_eq!(severities, ["warning", "error"], "{lines:?}");
    assert_eq!(lines[0]["file"], "missing.toml");
    assert_eq!(lines[0]["line"].as_u64(), Some(8));
    assert!(lines[0]["message"].as_str().unwrap().contains("U+E000"));
    let out = render("missing.toml", &[]);
    assert!(out.status.success());
    assert_eq!(json_lines(&out).len(), 1);
    // A batch reports each failure the same way, among its other output.
    let out = jianbao()
        .current_dir(&dir)
        .args(["batch", "bad.toml", "missing.toml", "-o", "out"])
        .args(["--message-format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = json_lines(&out);
    assert!(
        lines
            .iter()
            .any(|l| l["severity"] == "error" && l["line"] == 7 && l["file"] == "bad.toml"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l["severity"] == "warning"),
        "{lines:?}"
    );
    // Usage errors, found by the parser or after it.
    let out = jianbao()
        .args(["preview", "x.toml", "--dpi", "5", "--message-format=json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("invalid value '5' for '--dpi <D>'"),
        "{lines:?}"
    );
    let out = jianbao()
        .args(["--message-format", "json", "render", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let lines = json_lines(&out);
    assert_eq!(lines[0]["severity"], "error");
    assert!(lines[0]["file"].is_null());
}

#[test]
fn quiet_and_verbose_on_every_command() {
    let dir = temp_dir("cli-qv");
    let def = dir.join("a.toml");
    std::fs::write(&def, paged_definition("安静", 1, "")).unwrap();
    let def = def.to_str().unwrap();
    let pdf = dir.join("a.pdf");
    let pdf = pdf.to_str().unwrap();
    let next = dir.join("b.toml");
    let next = next.to_str().unwrap();
    let png = dir.join("a.png");
    let png = png.to_str().unwrap();
    let out_dir = dir.join("out");
    let out_dir = out_dir.to_str().unwrap();
    let commands: Vec<Vec<&str>> = vec![
        vec!["render", def, "-o", pdf],
        vec!["preview", def, "-o", png],
        vec!["new", "--from", def, "-o", next, "--force"],
        vec!["batch", def, "-o", out_dir],
    ];
    for args in &commands {
        let talk = run(args);
        assert!(talk.status.success(), "{args:?}: {}", stderr(&talk));
        assert!(stderr(&talk).contains("wrote") || stderr(&talk).contains("batch:"));
        for q in [&["-q"][..], &["--quiet"]] {
            // Before or after the command's name.
            let quiet = run(&[q, &args[..]].concat());
            assert!(quiet.status.success(), "{args:?}");
            assert_eq!(stderr(&quiet), "", "{args:?} -q");
            let quiet = run(&[&args[..], q].concat());
            assert_eq!(stderr(&quiet), "", "{args:?} -q");
        }
        assert!(
            run(&[&args[..], &["-v"]].concat()).status.success(),
            "{args:?} -v"
        );
    }
    // `layouts`: -q names only, -v the files too. `fonts` lists the files always (a clerk needs
    // to know which file a family is in); -q its family names only, -v each face's names too.
    let plain = stdout(&run(&["layouts"]));
    let quiet = stdout(&run(&["layouts", "-q"]));
    let verbose = stdout(&run(&["layouts", "-v"]));
    assert!(
        quiet.lines().any(|l| l == "newsletter"),
        "layouts -q:\n{quiet}"
    );
    assert_eq!(
        plain.lines().count(),
        quiet.lines().count(),
        "{plain}\n{quiet}"
    );
    assert!(plain
        .lines()
        .any(|l| l.starts_with("newsletter") && l.len() > "newsletter".len()));
    assert!(!plain.contains("newsletter.toml") && verbose.contains("newsletter.toml"));
    let plain = stdout(&run(&["fonts"]));
    let quiet = stdout(&run(&["fonts", "-q"]));
    let verbose = stdout(&run(&["fonts", "-v"]));
    assert!(
        quiet.lines().any(|l| l == "FandolKai"),
        "fonts -q:\n{quiet}"
    );
    assert!(
        !quiet.contains("FandolKai-Regular.otf"),
        "fonts -q:\n{quiet}"
    );
    assert!(plain.contains("FandolKai-Regular.otf"), "fonts:\n{plain}");
    assert!(
        verbose.contains("names: ") && !plain.contains("names: "),
        "fonts -v:\n{verbose}"
    );
    // A reader that stops early (`| head -1`) is no error.
    for command in ["layouts", "fonts"] {
        let mut head = jianbao()
            .args([command, "-v"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(head.stdout.take());
        let closed = head.wait_with_output().unwrap();
        assert!(closed.status.success(), "{}", stderr(&closed));
    }
    // `render -v` notes how the layout was applied.
    let out = run(&[
        "render",
        "samples/zhixie-jianbao-2020-06.toml",
        "-o",
        pdf,
        "-v",
    ]);
    assert!(stderr(&out).contains("note: "), "{}", stderr(&out));
    let out = run(&["render", "samples/zhixie-jianbao-2020-06.toml", "-o", pdf]);
    assert!(!stderr(&out).contains("note: "), "{}", stderr(&out));
}

#[test]
fn help_lists_the_environment() {
    for args in [&["--help"][..], &["render", "--help"], &["batch", "-h"]] {
        let out = run(args);
        assert!(out.status.success());
        let help = stdout(&out);
        for var in [
            "JIANBAO_LAYOUT_PATH",
            "JIANBAO_FONT_PATH",
            "NO_COLOR",
            "CLICOLOR_FORCE",
            "JOB_COMPLETION_INDEX",
        ] {
            assert!(help.contains(var), "{args:?} lacks {var}:\n{help}");
        }
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        for word in ["render", "preview", "batch", "message-format", "dump-lines"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    // The bash script is valid bash.
    let script = stdout(&run(&["completions", "bash"]));
    if let Ok(check) = Command::new("bash").args(["-n", "-c", &script]).output() {
        assert!(check.status.success(), "{}", stderr(&check));
    }
}

#[test]
fn man_pages_from_the_same_definition() {
    let page = stdout(&run(&["man"]));
    assert!(page.contains(".TH jianbao 1"), "{page}");
    for word in ["render", "completions", "message\\-format"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
    // The environment in a section of its own, before VERSION.
    let env = page.find(".SH ENVIRONMENT\n.TP\n\\fBJIANBAO_LAYOUT_PATH\\fR\n");
    assert!(
        env.is_some_and(|e| page.find(".SH VERSION").is_some_and(|v| e < v)),
        "{page}"
    );
    assert!(
        page.contains("\\-\\-font\\-dir") && !page.contains("EXTRA"),
        "{page}"
    );
    let page = stdout(&run(&["man", "render"]));
    assert!(page.contains(".TH jianbao-render 1"), "{page}");
    // Its own options and the global ones.
    for word in ["dump\\-lines", "quiet", "color"] {
        assert!(page.contains(word), "render's man page lacks {word}");
    }
    // `man` reads it, when installed.
    let file = temp_dir("cli-man").join("jianbao-render.1");
    std::fs::write(&file, &page).unwrap();
    if let Ok(shown) = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .output()
    {
        if shown.status.success() {
            assert!(stdout(&shown).contains("dump-lines"), "{}", stdout(&shown));
        }
    }
}

#[test]
fn pdf_to_standard_output_is_the_same_pdf() {
    let dir = temp_dir("cli-stdout");
    let file = dir.join("seed.pdf");
    let to_file = run(&["render", SEED, "-o", file.to_str().unwrap()]);
    assert!(to_file.status.success(), "{}", stderr(&to_file));
    let to_stdout = run(&["render", SEED, "-o", "-"]);
    assert!(to_stdout.status.success(), "{}", stderr(&to_stdout));
    assert!(stderr(&to_stdout).contains("wrote standard output"));
    assert_eq!(to_stdout.stdout, std::fs::read(&file).unwrap());
    // A preview page too.
    let png = run(&["preview", SEED, "--page", "2", "-o", "-", "--dpi", "20"]);
    assert!(png.status.success(), "{}", stderr(&png));
    assert!(png.stdout.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn a_definition_from_standard_input_resolves_from_the_current_directory() {
    // The seed names its images relative to samples/: run it from there.
    let samples = root().join("samples");
    let text = std::fs::read(root().join(SEED)).unwrap();
    let out = run_with_stdin(&samples, &["render", "-", "-o", "-"], &text);
    assert!(out.status.success(), "{}", stderr(&out));
    let from_file = run(&["render", SEED, "-o", "-"]);
    assert_eq!(out.stdout, from_file.stdout, "same PDF from stdin and file");
    assert!(!inspect(&out.stdout).image_xobjects.is_empty());
    // From elsewhere the images are not found, and the error names standard input.
    let elsewhere = temp_dir("cli-stdin");
    let pdf = elsewhere.join("x.pdf");
    let out = run_with_stdin(
        &elsewhere,
        &["render", "-", "-o", pdf.to_str().unwrap()],
        &text,
    );
    assert_fails(&out, 1, "<stdin>:");
    assert!(!pdf.exists());
    // Errors point into the text read.
    let out = run_with_stdin(&elsewhere, &["render", "-", "-o", "x.pdf"], BAD.as_bytes());
    assert_fails(&out, 1, "error: <stdin>:7:1: unknown key `captoin`");
    assert!(stderr(&out).contains("7 │ captoin = 1"), "{}", stderr(&out));
}

#[test]
fn version_names_the_commit() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    let version = stdout(&out);
    assert!(
        version.starts_with(&format!("jianbao {}", env!("CARGO_PKG_VERSION"))),
        "{version}"
    );
    // Built from a git checkout (as here and in CI): the commit is in it.
    let git = |args: &[&str]| {
        Command::new("git")
            .current_dir(root())
            .args(args)
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    };
    // Compared with the commit of this checkout's history, not with HEAD now: a commit made
    // between the build and the test run would move HEAD.
    if git(&["rev-parse", "HEAD"]).is_some() {
        let hash = version
            .split_once(" (")
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no commit in {version}"));
        assert_eq!(hash.len(), 12, "{version}");
        let commit = git(&["cat-file", "-t", hash]);
        assert_eq!(commit.as_deref(), Some("commit"), "{version}");
    } else {
        eprintln!("no git checkout: the commit is not checked");
    }
    // Nothing of the build's source path is in the binary's version.
    assert!(!version.contains(root().to_str().unwrap()));
}

#[test]
#[cfg(unix)] // `script` (util-linux) gives the command a terminal
fn on_a_terminal_colours_unless_term_is_dumb_or_no_color() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let dir = temp_dir("cli-tty");
    let def = dir.join("bad.toml");
    std::fs::write(&def, BAD).unwrap();
    let on_terminal = |env: &[(&str, &str)]| {
        let command = format!("{} render {}", env!("CARGO_BIN_EXE_jianbao"), def.display());
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &command, "/dev/null"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let screen = stdout(&out);
        assert!(screen.contains("unknown key"), "{screen}");
        screen.contains('\u{1b}')
    };
    assert!(on_terminal(&[("TERM", "xterm")]));
    assert!(!on_terminal(&[("TERM", "dumb")]));
    assert!(!on_terminal(&[("TERM", "xterm"), ("NO_COLOR", "1")]));
    assert!(!on_terminal(&[("TERM", "xterm"), ("CLICOLOR", "0")]));
}
