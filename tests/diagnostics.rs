//! What a clerk sees when something is wrong: located errors with the source line, a caret and
//! advice; one warning per missing character listing every place; `--strict`; exit codes.

mod support;

use support::*;

const HEAD: &str =
    "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n";

#[test]
fn unknown_key_shows_the_line_a_caret_and_the_closest_key() {
    let dir = temp_dir("diag-unknown");
    let def = dir.join("issue.toml");
    std::fs::write(
        &def,
        format!("{HEAD}\n[[blocks]]\nfigure = \"a.png\"\ncaptoin = \"图注\"\n"),
    )
    .unwrap();
    let run = render(&def, &dir.join("out.pdf"), &[]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines[0].starts_with("error: ")
            && lines[0].ends_with("issue.toml:9:1: unknown key `captoin` in [[blocks]]"),
        "{err}"
    );
    // The source line with its number, then the underline under `captoin` (7 columns).
    let source = lines
        .iter()
        .position(|l| l.contains("9 │ captoin = \"图注\""))
        .unwrap_or_else(|| panic!("no source line in:\n{err}"));
    let caret = lines[source + 1];
    let bar = caret.find('│').unwrap() + '│'.len_utf8() + 1;
    assert_eq!(&caret[bar..bar + "───┬───".len()], "───┬───", "{err}");
    assert!(err.contains("unknown key"), "{err}");
    assert!(err.contains("did you mean `caption`?"), "{err}");
    assert!(!dir.join("out.pdf").exists());
}

#[test]
fn a_missing_character_is_one_warning_listing_every_place() {
    let dir = temp_dir("diag-missing");
    let def = dir.join("issue.toml");
    std::fs::write(
        &def,
        format!(
            "{HEAD}\n[[blocks]]\nheading = \"标题\u{E000}\"\n\n[[blocks]]\ntext = \"\"\"\n第一段\u{E000}。\n\n第二段\u{E000}\u{E001}。\n\"\"\"\n"
        ),
    )
    .unwrap();
    let out = dir.join("out.pdf");
    let run = render(&def, &out, &["-q"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "one per character: {err}");
    assert!(
        warnings[0].contains(
            "issue.toml:8:14: no font has the character `\u{E000}` (U+E000); tried NotoSansSC-Bold"
        ),
        "{err}"
    );
    assert!(
        warnings[1].contains("(U+E001)") && warnings[1].contains("issue.toml:14:5"),
        "{err}"
    );
    assert!(
        err.contains("it occurs 3 times: line 8, column 14 (block 1, heading); line 12, column 4 (block 2, text); line 14, column 4 (block 2, text)"),
        "{err}"
    );
    assert!(err.contains("no font has this character"), "{err}");

    // --strict: the same warnings make it an error, and nothing is written.
    std::fs::remove_file(&out).unwrap();
    let run = render(&def, &out, &["--strict"]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("2 warnings and --strict: nothing written"),
        "{}",
        stderr(&run)
    );
    assert!(!out.exists());
}

#[test]
fn exit_status_two_for_a_wrong_command_line() {
    let run = jianbao()
        .args(["render", "--no-such-option"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let run = jianbao().arg("frobnicate").output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    let run = jianbao().arg("--help").output().unwrap();
    assert_eq!(run.status.code(), Some(0));
}
