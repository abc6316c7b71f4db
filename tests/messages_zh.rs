//! Messages in Chinese and English through the command line: `--lang`, `JIANBAO_LANG` and the
//! locale choose; errors keep their file:line:column, source line and caret in both; JSON
//! keeps the same `code` whatever the language.

mod support;

use std::path::Path;
use std::process::Output;
use support::*;

const HEAD: &str =
    "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n";

/// `jianbao ARGS` with extra environment variables.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = jianbao();
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

/// Renders `def` in `lang` (`--lang`), returning stderr.
fn render_in(lang: &str, def: &str, dir: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let out = dir.join("out.pdf");
    let mut args = vec!["render", def, "-o", out.to_str().unwrap(), "--lang", lang];
    args.extend_from_slice(extra);
    let o = run(&args, &[]);
    (o.status.code(), stderr(&o))
}

/// The caret line under the source line `source` (ariadne's drawing), in both languages.
fn has_source_and_caret(err: &str, source: &str) -> bool {
    let lines: Vec<&str> = err.lines().collect();
    lines
        .iter()
        .position(|l| l.contains(source))
        .and_then(|i| lines.get(i + 1))
        .is_some_and(|caret| caret.contains('┬') || caret.contains('─'))
}

#[test]
fn unknown_key_in_both_languages_keeps_place_caret_and_suggestion() {
    let dir = temp_dir("zh-unknown-key");
    let def = write(
        &dir,
        "issue.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"a.png\"\ncaptoin = \"图注\"\n"),
    );
    let (code, en) = render_in("en", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    assert!(
        en.lines()
            .next()
            .unwrap()
            .ends_with("issue.toml:9:1: unknown key `captoin` in [[blocks]]")
            && en.starts_with("error: "),
        "{en}"
    );
    assert!(en.contains("did you mean `caption`?"), "{en}");
    let (code, zh) = render_in("zh", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    let first = zh.lines().next().unwrap();
    assert!(first.starts_with("错误："), "{zh}");
    assert!(
        first.ends_with("issue.toml:9:1: 未知的键 `captoin`（在 [[blocks]] 中）"),
        "{zh}"
    );
    assert!(has_source_and_caret(&zh, "9 │ captoin = \"图注\""), "{zh}");
    assert!(zh.contains("未知的键"), "label under the caret: {zh}");
    assert!(zh.contains("提示：是不是要写 `caption`？"), "{zh}");
    assert!(!zh.contains("Help"), "ariadne's word translated: {zh}");
}

#[test]
fn toml_syntax_error_in_chinese_is_located() {
    let dir = temp_dir("zh-syntax");
    let def = write(
        &dir,
        "broken.toml",
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"P\ndate = 2024-05-01\n",
    );
    let (code, en) = render_in("en", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    assert!(en.contains("broken.toml:3:"), "{en}");
    let (code, zh) = render_in("zh", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    let first = zh.lines().next().unwrap();
    assert!(
        first.starts_with("错误：") && first.contains("broken.toml:3:"),
        "{zh}"
    );
    assert!(first.contains("TOML 语法错误：无效的基本字符串"), "{zh}");
    assert!(has_source_and_caret(&zh, "3 │ publisher = \"P"), "{zh}");
}

#[test]
fn bad_number_missing_image_and_missing_font_in_chinese() {
    let dir = temp_dir("zh-bad-values");
    // A number out of range.
    let def = write(
        &dir,
        "number.toml",
        &HEAD.replace("date = 2020-03-10\n", "date = 2020-03-10\nissue = -1\n"),
    );
    let (_, en) = render_in("en", &def, &dir, &[]);
    assert!(
        en.contains("`-1` is not allowed here: write a whole number from 0 to 4294967295"),
        "{en}"
    );
    let (code, zh) = render_in("zh", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    assert!(
        zh.contains("此处不能取 `-1`：请写 0 到 4294967295 之间的整数"),
        "{zh}"
    );
    assert!(
        zh.lines().next().unwrap().contains("number.toml:6:"),
        "{zh}"
    );
    // A bad length.
    let def = write(
        &dir,
        "length.toml",
        &format!("{HEAD}\n[overrides.body]\nsize = \"大号\"\n"),
    );
    let (_, zh) = render_in("zh", &def, &dir, &[]);
    assert!(zh.contains("`大号` 不是长度"), "{zh}");
    // A missing image: the file is named, the figure underlined.
    let def = write(
        &dir,
        "image.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"missing.png\"\n"),
    );
    let (_, en) = render_in("en", &def, &dir, &[]);
    assert!(en.contains("missing.png: file not found"), "{en}");
    let (code, zh) = render_in("zh", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    assert!(zh.contains("missing.png：找不到文件"), "{zh}");
    assert!(zh.contains("此图片"), "{zh}");
    assert!(zh.lines().next().unwrap().contains("image.toml:8:"), "{zh}");
    // A font that is not installed.
    let def = write(
        &dir,
        "font.toml",
        &format!("{HEAD}\n[overrides.body]\nfont = [\"没有这种字体\"]\n"),
    );
    let (_, en) = render_in("en", &def, &dir, &[]);
    assert!(en.contains("font `没有这种字体` not found"), "{en}");
    let (code, zh) = render_in("zh", &def, &dir, &[]);
    assert_eq!(code, Some(1));
    assert!(zh.contains("找不到字体 `没有这种字体`"), "{zh}");
    assert!(zh.contains("此字体"), "{zh}");
}

#[test]
fn json_codes_are_the_same_in_both_languages() {
    let dir = temp_dir("zh-json");
    let def = write(
        &dir,
        "issue.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"a.png\"\ncaptoin = \"图注\"\n"),
    );
    let json = |lang: &str| -> serde_json::Value {
        let (_, err) = render_in(lang, &def, &dir, &["--message-format", "json"]);
        serde_json::from_str(err.lines().next().unwrap()).unwrap()
    };
    let (en, zh) = (json("en"), json("zh"));
    assert_eq!(en["code"], "unknown_key");
    assert_eq!(zh["code"], en["code"]);
    assert_eq!(
        (zh["line"].as_u64(), zh["column"].as_u64()),
        (Some(9), Some(1))
    );
    assert_eq!(en["message"], "unknown key `captoin` in [[blocks]]");
    assert_eq!(zh["message"], "未知的键 `captoin`（在 [[blocks]] 中）");
    assert_eq!(zh["help"], "是不是要写 `caption`？");
}

#[test]
fn the_locale_and_jianbao_lang_choose_the_language() {
    let dir = temp_dir("zh-locale");
    let def = write(&dir, "issue.toml", &format!("{HEAD}\ncaptoin = 1\n"));
    let out = dir.join("o.pdf");
    let args = ["render", def.as_str(), "-o", out.to_str().unwrap()];
    let said = |env: &[(&str, &str)]| stderr(&run(&args, env));
    assert!(said(&[]).starts_with("error: "));
    assert!(said(&[("LANG", "zh_CN.UTF-8")]).starts_with("错误："));
    assert!(said(&[("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "C")]).starts_with("错误："));
    // LC_ALL wins over LANG; JIANBAO_LANG over both; --lang over everything.
    assert!(said(&[("LC_ALL", "C"), ("LANG", "zh_CN.UTF-8")]).starts_with("error: "));
    assert!(said(&[("JIANBAO_LANG", "en"), ("LANG", "zh_CN.UTF-8")]).starts_with("error: "));
    assert!(said(&[("JIANBAO_LANG", "zh")]).starts_with("错误："));
    let mut with_flag = args.to_vec();
    with_flag.extend(["--lang", "en"]);
    assert!(stderr(&run(&with_flag, &[("JIANBAO_LANG", "zh")])).starts_with("error: "));
}

#[test]
fn batch_summary_and_progress_in_chinese() {
    let dir = temp_dir("zh-batch");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    write(&input, "a.toml", &paged_definition("甲期简报", 1, ""));
    write(
        &input,
        "b.toml",
        &format!(
            "{}\n[[blocks]]\nfigure = \"missing.png\"\n",
            paged_definition("乙期简报", 1, "")
        ),
    );
    let out = dir.join("out");
    let o = run(
        &[
            "batch",
            input.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--lang",
            "zh",
        ],
        &[],
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("批量：成功 1 份，失败 1 份，1 页，用时"),
        "{err}"
    );
    assert!(err.contains("失败："), "{err}");
    assert!(
        err.contains("错误：") && err.contains("找不到文件"),
        "{err}"
    );
}

#[test]
fn fix_reports_in_chinese() {
    let dir = temp_dir("zh-fix");
    let def = write(
        &dir,
        "issue.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = '''质量,是生命;也是责任。'''\n"),
    );
    let o = run(&["fix", def.as_str(), "--dry-run", "--lang", "zh"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("issue.toml：将把 2 个半角标点改为全角"),
        "{}",
        stderr(&o)
    );
    let o = run(&["fix", def.as_str(), "--lang", "zh"], &[]);
    assert!(
        stderr(&o).contains("issue.toml：已把 2 个半角标点改为全角"),
        "{}",
        stderr(&o)
    );
    let o = run(&["fix", def.as_str(), "--lang", "en"], &[]);
    assert!(
        stderr(&o).contains("no half-width punctuation between Chinese characters"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn warnings_and_notes_in_chinese() {
    let dir = temp_dir("zh-warnings");
    let def = write(
        &dir,
        "issue.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = '''质量,是生命。'''\n"),
    );
    let (code, zh) = render_in("zh", &def, &dir, &[]);
    assert_eq!(code, Some(0), "{zh}");
    let first = zh.lines().next().unwrap();
    assert!(first.starts_with("警告："), "{zh}");
    assert!(first.contains("中文字符之间有半角 `,`"), "{zh}");
    assert!(zh.contains("半角 `,`"), "label: {zh}");
    assert!(zh.contains("注："), "ariadne's Note translated: {zh}");
    assert!(zh.contains("已写出"), "{zh}");
    let (_, strict) = render_in("zh", &def, &dir, &["--strict"]);
    assert!(
        strict.contains("有 1 条警告且指定了 --strict：未写出任何文件"),
        "{strict}"
    );
}

#[test]
fn help_summaries_in_chinese() {
    let o = run(&["--help", "--lang", "zh"], &[]);
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        help.contains("把用 TOML 写的简报排成可付印的 PDF"),
        "{help}"
    );
    assert!(help.contains("用法："), "{help}");
    assert!(help.contains("把一个简报定义文件排成 PDF。"), "{help}");
    assert!(help.contains("全局选项"), "{help}");
    assert!(help.contains("环境变量："), "{help}");
    let o = run(&["render", "--help"], &[("LANG", "zh_CN.UTF-8")]);
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(help.contains("提示信息的语言"), "{help}");
    let o = run(&["--help"], &[]);
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(help.contains("Typesets Chinese bulletins"), "{help}");
    assert!(help.contains("--lang"), "{help}");
}

/// The help printed for the option `flag` in `help`: its line and the next (clap puts the text
/// on the same line in the short format, below it in the long one).
fn option_help(help: &str, flag: &str) -> String {
    let lines: Vec<&str> = help.lines().collect();
    let at = lines
        .iter()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with('-') && l.split([',', ' ']).any(|w| w == flag)
        })
        .unwrap_or_else(|| panic!("no {flag} in:\n{help}"));
    lines[at..lines.len().min(at + 2)].join("\n")
}

#[test]
fn every_commands_options_have_chinese_help() {
    let zh = [
        ("LANG", "zh_CN.UTF-8"),
        ("LC_ALL", ""),
        ("JIANBAO_LANG", ""),
    ];
    let cases = [
        ("render", "--strict", "把警告当作错误"),
        ("render", "--dump-lines", "断行原因"),
        ("render", "--root", "根目录"),
        ("render", "--help", "显示帮助"),
        ("preview", "--dpi", "分辨率"),
        ("watch", "--strict", "保留上一次正确生成的 PDF"),
        ("batch", "--shard", "分片"),
        ("batch", "--jobs", "同时排版"),
        ("fonts", "--has", "字符"),
        ("new", "--from", "上一期的定义文件"),
        ("import", "--append-to", "追加"),
        ("fix", "--dry-run", "不作任何修改"),
    ];
    for (command, flag, words) in cases {
        let o = run(&[command, "--help"], &zh);
        assert!(o.status.success(), "{}", stderr(&o));
        let help = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(
            option_help(&help, flag).contains(words),
            "{command} {flag}: {:?}\n{help}",
            option_help(&help, flag)
        );
    }
    // The arguments too, not only the options.
    let o = run(&["render", "--help"], &zh);
    let help = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(help.contains("简报的定义文件（TOML）"), "{help}");
    // English is unchanged with --lang en, whatever the locale: the doc comments' help.
    let o = run(&["render", "--help", "--lang", "en"], &zh);
    let en = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        option_help(&en, "--strict").contains("Treat warnings as errors"),
        "{en}"
    );
    assert!(
        !en.contains("把警告当作错误") && !en.contains("全局选项"),
        "{en}"
    );
    let o = run(
        &["render", "--help"],
        &[("LANG", "C"), ("LC_ALL", ""), ("JIANBAO_LANG", "")],
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), en);
}

/// Table and CSV errors come from the catalogue: in Chinese with `--lang zh`, at the same
/// place (the row, the `header` value, the CSV file's line) as in English, with the same code.
#[test]
fn table_errors_in_chinese_keep_their_place() {
    let dir = temp_dir("zh-table-errors");
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "[[blocks]]\ntable = [\n  [\"a\", \"b\"],\n  [\"c\"],\n]\n",
            "issue.toml:10:3",
            "第 2 行有 1 列，第一行有 2 列",
            "row 2 has 1 column(s), the first row has 2",
        ),
        (
            "[[blocks]]\ntable = [[\"a\"]]\nheader = 3\n",
            "issue.toml:9:10",
            "`header = 3`，但表格只有 1 行",
            "`header = 3` but the table has only 1 row(s)",
        ),
        (
            "[[blocks]]\ntable = [[\"a\"]]\nalign = [\"middle\"]\n",
            "issue.toml:9:10",
            "`middle` 不是列的对齐方式",
            "`middle` is not a column alignment",
        ),
        (
            "[[blocks]]\ntable = [[\"a\"]]\nwidths = [\"1*\", \"2*\"]\n",
            "issue.toml:7:1",
            "`widths` 给了 2 列，但表格只有 1 列",
            "`widths` gives 2 columns, but the table has 1",
        ),
        (
            "[[blocks]]\ntable = [[1.5]]\n",
            "issue.toml:8",
            "请把数字 1.5 写成字符串",
            "write the number 1.5 as a string",
        ),
        (
            "[[blocks]]\ncontents = \"本期要目\"\nheadings = 7\n",
            "issue.toml:9",
            "目录在标题之外列出的小标题层数",
            "how many heading levels",
        ),
    ];
    for (k, (blocks, at, zh_text, en_text)) in cases.iter().enumerate() {
        let def = write(&dir, "issue.toml", &format!("{HEAD}\n{blocks}"));
        let (code, zh) = render_in("zh", &def, &dir, &[]);
        assert_eq!(code, Some(1), "case {k}: {zh}");
        let first = zh.lines().next().unwrap();
        assert!(first.starts_with("错误："), "case {k}: {zh}");
        assert!(
            first.contains(at) && first.contains(zh_text),
            "case {k}: want `{at}` and `{zh_text}` in:\n{zh}"
        );
        let (_, en) = render_in("en", &def, &dir, &[]);
        assert!(
            en.contains(at) && en.contains(en_text),
            "case {k}: want `{at}` and `{en_text}` in:\n{en}"
        );
    }
    // A CSV file's error points into the CSV file, in Chinese.
    write(&dir, "t.csv", "a,b\nc\n");
    let def = write(
        &dir,
        "issue.toml",
        &format!("{HEAD}\n[[blocks]]\ntable = \"t.csv\"\n"),
    );
    let (_, zh) = render_in("zh", &def, &dir, &[]);
    assert!(
        zh.contains("t.csv:2:1") && zh.contains("第 2 行有 1 列"),
        "{zh}"
    );
    // The code in JSON is the same in both languages.
    let def = write(
        &dir,
        "issue.toml",
        &format!("{HEAD}\n[[blocks]]\ntable = [[\"a\"]]\nheader = 3\n"),
    );
    for lang in ["zh", "en"] {
        let (_, json) = render_in(lang, &def, &dir, &["--message-format", "json"]);
        assert!(
            json.contains("\"code\":\"table_header_too_many\""),
            "{lang}: {json}"
        );
    }
}

/// Two messages that read wrong: a table only a layout has, written in a definition (`[pdf]`),
/// was "unknown key `pdf` in [pdf]" (it is a key of the top level); a font path written
/// `./f.otf`, with the definition in the working directory, was reported as `././f.otf`.
#[test]
fn a_table_header_key_and_a_relative_path_read_as_written() {
    let dir = temp_dir("messages-as-written");
    write(
        &dir,
        "pdf.toml",
        &format!("{HEAD}\n[pdf]\nstandard = \"a-2b\"\n"),
    );
    write(
        &dir,
        "font.toml",
        &format!("{HEAD}\n[overrides.fonts]\nbody = [\"./f.otf\"]\n"),
    );
    let mut cmd = jianbao();
    cmd.current_dir(&dir)
        .args(["render", "pdf.toml", "-o", "out.pdf", "--lang", "en"]);
    let err = stderr(&cmd.output().unwrap());
    assert!(err.contains("unknown key `pdf`"), "{err}");
    assert!(!err.contains("in [pdf]"), "{err}");
    let mut cmd = jianbao();
    cmd.current_dir(&dir)
        .args(["render", "font.toml", "-o", "out.pdf", "--lang", "en"]);
    let err = stderr(&cmd.output().unwrap());
    assert!(err.contains("./f.otf: file not found"), "{err}");
    assert!(!err.contains("././"), "{err}");
}

/// `preview`'s refusals come from the catalogue too: a drawing too large to hold, with the
/// resolution that would fit as help, and a figure the preview's decoder cannot read although
/// the PDF embeds it.
#[test]
fn preview_refusals_in_chinese() {
    let dir = temp_dir("zh-preview");
    let def = write(
        &dir,
        "poster.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = \"正文。\"\n\n[overrides]\npage.width = \"5000mm\"\npage.height = \"5000mm\"\n"),
    );
    let png = dir.join("p.png");
    let png = png.to_str().unwrap();
    let args = |lang| {
        [
            "preview",
            def.as_str(),
            "--dpi",
            "600",
            "-o",
            png,
            "--lang",
            lang,
        ]
    };
    let en = stderr(&run(&args("en"), &[]));
    assert!(
        en.contains("at 600 dpi a page would be 13950 megapixels, more than a preview draws (100)")
            && en.contains("use --dpi 50 or less"),
        "{en}"
    );
    let zh = run(&args("zh"), &[]);
    assert_eq!(zh.status.code(), Some(1));
    let zh = stderr(&zh);
    assert!(
        zh.contains("以 600 dpi 绘制，一页将有 13950 百万像素，超过预览能绘制的上限（100）")
            && zh.contains("请用 --dpi 50 或更低的分辨率"),
        "{zh}"
    );
    assert!(
        !zh.contains("megapixels") && !zh.contains("--dpi 50 or less"),
        "{zh}"
    );

    std::fs::copy(
        root().join("tests/data/fuzz-jpeg-decoder-panic.jpg"),
        dir.join("photo.jpg"),
    )
    .unwrap();
    let def = write(
        &dir,
        "photo.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"photo.jpg\"\ncaption = \"照片\"\n"),
    );
    let zh = run(
        &["preview", &def, "--dpi", "30", "-o", png, "--lang", "zh"],
        &[],
    );
    assert_eq!(zh.status.code(), Some(1));
    let zh = stderr(&zh);
    assert!(
        zh.contains("预览无法解码第 1 幅插图图片：") && zh.contains("解码器无法读取此文件"),
        "{zh}"
    );
    assert!(!std::path::Path::new(png).exists());
}
