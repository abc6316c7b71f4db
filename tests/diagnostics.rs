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

/// Renders a definition (`layout = LAYOUT`, then `extra` lines) next to the given layout files
/// and returns the error printed; the render must fail with exit status 1 and write nothing.
fn layout_error(name: &str, layout: &str, extra: &str, files: &[(&str, &str)]) -> String {
    let dir = temp_dir(&format!("diag-style-{name}"));
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let def = dir.join("issue.toml");
    std::fs::write(
        &def,
        format!(
            "layout = \"{layout}\"\n{extra}\n[bulletin]\npublisher = \"P\"\ndate = 2020-03-10\n\n[[blocks]]\ntext = \"正文。\"\n"
        ),
    )
    .unwrap();
    let out = dir.join("out.pdf");
    let run = render(&def, &out, &[]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(!out.exists());
    err
}

/// The error's first line names `file:line:col` and says `message`; the source line follows
/// with its number, then the label under the caret.
fn assert_located(err: &str, at: &str, message: &str, source_line: &str, label: &str) {
    let first = err.lines().next().unwrap_or("");
    assert!(
        first.starts_with("error: ") && first.contains(&format!("{at}: {message}")),
        "expected `{at}: {message}` in:\n{err}"
    );
    let line = at.rsplit(':').nth(1).unwrap();
    assert!(
        err.contains(&format!("{line} │ {source_line}")),
        "no source line `{line} │ {source_line}` in:\n{err}"
    );
    assert!(err.contains(label), "no label `{label}` in:\n{err}");
}

#[test]
fn a_missing_body_font_points_at_the_body_table_or_the_layout() {
    let layout = "description = \"no fonts\"\n\n[body]\nsize = \"12pt\"\n";
    let err = layout_error("no-font", "plain.toml", "", &[("plain.toml", layout)]);
    assert_located(
        &err,
        "plain.toml:3:1",
        "the layout sets no font for [body]",
        "[body]",
        "no `font` here",
    );
    // No file has a [body] table: the definition's `layout = …` is where to look.
    let layout = "[page]\nsize = \"A4\"\n";
    let err = layout_error("no-body", "bare.toml", "", &[("bare.toml", layout)]);
    assert_located(
        &err,
        "issue.toml:1:10",
        "the layout sets no font for [body]",
        "layout = \"bare.toml\"",
        "this layout",
    );
}

#[test]
fn a_bad_size_points_at_the_file_whose_value_won_the_merge() {
    // Set in the base layout that the named layout extends.
    let base = "extends = \"newsletter\"\n\n[heading-2]\nbold = true\nsize = \"0pt\"\n";
    let child = "extends = \"base.toml\"\n\n[title]\nbold = true\n";
    let files = [("base.toml", base), ("child.toml", child)];
    let err = layout_error("size-base", "child.toml", "", &files);
    assert_located(
        &err,
        "base.toml:5:8",
        "[heading-2] size 0.00pt is not a usable type size",
        "size = \"0pt\"",
        "this size",
    );
    // The named layout's value wins over its base's.
    let child = "extends = \"base.toml\"\n\n[heading-2]\nsize = \"900pt\"\n";
    let files = [("base.toml", base), ("child.toml", child)];
    let err = layout_error("size-child", "child.toml", "", &files);
    assert_located(
        &err,
        "child.toml:4:8",
        "[heading-2] size 900.00pt is not a usable type size",
        "size = \"900pt\"",
        "this size",
    );
    // A level without a size of its own takes [heading]'s.
    let child = "extends = \"newsletter\"\n\n[heading]\nsize = \"600pt\"\n";
    let err = layout_error("size-heading", "child.toml", "", &[("child.toml", child)]);
    assert_located(
        &err,
        "child.toml:4:8",
        "[heading-1] size 600.00pt is not a usable type size",
        "size = \"600pt\"",
        "this size",
    );
    // The definition's overrides win over every layout, dotted keys and all.
    let err = layout_error(
        "size-override",
        "child.toml",
        "\n[overrides]\nbody.size = \"0.5pt\"\n",
        &files,
    );
    assert_located(
        &err,
        "issue.toml:4:13",
        "[body] size 0.50pt is not a usable type size",
        "body.size = \"0.5pt\"",
        "this size",
    );
    // A role without a size is a multiple of the body's: the body's size is at fault.
    let big = "[page]\nwidth = \"3000mm\"\nheight = \"3000mm\"\n\n[body]\nfont = [\"Noto Serif SC\"]\nsize = \"400pt\"\n";
    let err = layout_error("size-inherited", "big.toml", "", &[("big.toml", big)]);
    assert_located(
        &err,
        "big.toml:7:8",
        "[title] size 550.00pt is not a usable type size",
        "size = \"400pt\"",
        "[title] is 1.375 times this",
    );
}

#[test]
fn page_and_grid_errors_point_into_the_layout() {
    let wide = "extends = \"newsletter\"\n\n[page]\nleft = \"100mm\"\nright = \"100mm\"\n";
    let err = layout_error("margins", "wide.toml", "", &[("wide.toml", wide)]);
    assert_located(
        &err,
        "wide.toml:3:1",
        "the page's margins leave a text block of 10×230 mm, too small for the body text",
        "[page]",
        "this page leaves a 10×230 mm text block",
    );
    let grid = "extends = \"gongwen\"\n\n[grid]\ncharacters = 60\n";
    let err = layout_error("grid", "grid.toml", "", &[("grid.toml", grid)]);
    assert_located(
        &err,
        "grid.toml:4:14",
        "[grid] 60 characters a line leave",
        "characters = 60",
        "too many for the text width",
    );
    let err = layout_error(
        "copy-digits",
        "jianbao",
        "\n[overrides.masthead]\ncopy-digits = 13\n",
        &[],
    );
    assert_located(
        &err,
        "issue.toml:4:15",
        "[masthead] `copy-digits` must be 12 or fewer",
        "copy-digits = 13",
        "at most 12",
    );
}

#[test]
fn a_key_in_the_wrong_table_of_the_overrides_is_located_dotted_or_inline() {
    for (name, overrides, at, source) in [
        (
            "dotted",
            "body.distance = \"3pt\"",
            "dotted.toml:8:6:",
            "body.distance",
        ),
        (
            "inline",
            "body = { size = \"12pt\", first-page = true }",
            "inline.toml:8:25:",
            "first-page = true",
        ),
        (
            "table",
            "[overrides.body]\ninset = \"1字\"",
            "table.toml:9:1:",
            "inset",
        ),
    ] {
        let text = format!("{HEAD}\n[overrides]\n{overrides}\n\n[[blocks]]\ntext = \"正文。\"\n");
        let (run, out) = render_text(&format!("diag-overrides-{name}"), name, &text, &[]);
        assert_eq!(run.status.code(), Some(1));
        let err = stderr(&run);
        let first = err.lines().next().unwrap_or_default();
        assert!(
            first.contains(at) && first.contains("only applies to"),
            "{name}: {err}"
        );
        assert!(err.contains(source), "{name}: {err}");
        assert!(!out.exists());
    }
}

/// Issue 11, class 7: a warning about a huge value quotes its start, not all of it — in the
/// summary line and in the excerpt of the definition under it (a 120,000-character publisher
/// made a 480,000-byte line).
#[test]
fn a_warning_about_a_huge_value_quotes_its_start() {
    let dir = temp_dir("diagnostics-huge-value");
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        format!(
            "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"{}\"\ndate = 2020-03-10\n\n\
             [[blocks]]\ntext = \"正文。\"\n",
            "中国质量协会".repeat(5_000)
        ),
    )
    .unwrap();
    let run = render(&def, &dir.join("d.pdf"), &[]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        err.contains("… (30000 characters)”"),
        "{}",
        &err[..err.len().min(2000)]
    );
    assert!(
        err.contains("d.toml:4:14"),
        "{}",
        &err[..err.len().min(2000)]
    );
    let longest = err.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    assert!(longest < 1_000, "a line of {longest} characters");
}

#[test]
fn an_error_in_a_long_pasted_line_gives_the_files_column_twice() {
    // A paragraph pasted as one line, with a Windows path in a "…" string 300 characters in:
    // the line is shown cut, and its frame once named the column in the cut line (6:62).
    let dir = temp_dir("diagnostics-long-line");
    let def = dir.join("d.toml");
    let text = format!("{}见 D:\\质协\\2020。", "测".repeat(300));
    std::fs::write(&def, format!("{HEAD}\n[[blocks]]\ntext = \"{text}\"\n")).unwrap();
    let run = render(&def, &dir.join("d.pdf"), &[]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    let first = err.lines().next().unwrap();
    assert!(first.contains("d.toml:8:314: a backslash"), "{err}");
    assert!(
        err.contains("[ ") && err.contains("d.toml:8:314 ]"),
        "{err}"
    );
    assert!(err.contains('…'), "the line is cut: {err}");
}
