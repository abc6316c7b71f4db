//! The office's own fonts: found in nested and system directories, by every name of their name
//! table in any language, every face of a collection, used by the layouts' fallback chains
//! where installed (and passed over where not), with coverage counts and licence checks. The
//! fonts are made at test time from the repository's free fonts (support/fontgen.rs).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use support::fontgen::{self, name, Name, Spec, EN, ZH_CN};
use support::pdf_inspect::{inspect_file, pdftotext};
use support::{jianbao, squeeze, stderr, temp_dir};

const TITLE: &str = "关于质量管理小组活动的通知";
const BODY: &str = "质量管理小组活动通知如下。";

/// 仿宋_GB2312 as an office's Windows has it: legacy family and style in English and Chinese.
const FANG_NAMES: &[Name] = &[
    name(1, EN, "FangSong_GB2312"),
    name(1, ZH_CN, "仿宋_GB2312"),
    name(2, EN, "Regular"),
    name(2, ZH_CN, "常规"),
    name(4, EN, "FangSong_GB2312"),
    name(6, EN, "FangSong_GB2312"),
];

/// 方正小标宋简体: the Chinese name only as a typographic family (ID 16).
const XBS_NAMES: &[Name] = &[
    name(1, EN, "FZXBSJW--GB1-0"),
    name(2, EN, "Regular"),
    name(4, EN, "FZXiaoBiaoSong-B05S"),
    name(6, EN, "FZXBSJW--GB1-0"),
    name(16, EN, "FZXiaoBiaoSong-B05S"),
    name(16, ZH_CN, "方正小标宋简体"),
    name(17, EN, "Regular"),
];

/// 仿宋_GB2312 made from Noto Serif SC (TrueType) with the body's characters but 活动 (so
/// that those come from the next font of the chain).
fn fang(fs_type: u16) -> Vec<u8> {
    fontgen::make(&Spec {
        base: "fonts/NotoSerifSC-Regular.ttf",
        chars: "质量管理小组通知如下。",
        names: FANG_NAMES,
        weight: 400,
        fs_type,
    })
}

fn xiaobiaosong() -> Vec<u8> {
    fontgen::make(&Spec {
        base: "fonts/NotoSerifSC-Bold.ttf",
        chars: TITLE,
        names: XBS_NAMES,
        weight: 400,
        fs_type: 0,
    })
}

/// 宋体 (face 0, TrueType outlines) and 新宋体 (face 1, CFF outlines from FandolFang) in one
/// collection, as simsun.ttc has them.
fn simsun_ttc() -> Vec<u8> {
    let song = [
        name(1, EN, "SimSun"),
        name(1, ZH_CN, "宋体"),
        name(2, EN, "Regular"),
        name(4, EN, "SimSun"),
        name(6, EN, "SimSun"),
    ];
    let nsong = [
        name(1, EN, "NSimSun"),
        name(1, ZH_CN, "新宋体"),
        name(2, EN, "Regular"),
        name(4, EN, "NSimSun"),
        name(6, EN, "NSimSun"),
    ];
    fontgen::collection(&[
        Spec {
            base: "fonts/NotoSerifSC-Regular.ttf",
            chars: TITLE,
            names: &song,
            weight: 400,
            fs_type: 0,
        },
        Spec {
            base: "fonts/FandolFang-Regular.otf",
            chars: BODY,
            names: &nsong,
            weight: 400,
            fs_type: 0,
        },
    ])
}

/// A fake system font tree with the office fonts in nested directories.
fn office_fonts(dir: &str, fang_fs_type: u16) -> PathBuf {
    let root = temp_dir(dir).join("sys");
    let office = root.join("usr/share/fonts/truetype/office");
    fontgen::write(&office, "fangsong/simfang_gb2312.ttf", &fang(fang_fs_type));
    fontgen::write(&office, "fz/deep/er/FZXBSJW.TTF", &xiaobiaosong());
    fontgen::write(&office, "simsun.ttc", &simsun_ttc());
    root
}

fn gongwen_definition(dir: &Path, overrides: &str) -> PathBuf {
    let def = dir.join("g.toml");
    std::fs::write(
        &def,
        format!(
            "layout = \"gongwen\"\n\n[bulletin]\npublisher = \"中国质量协会办公室\"\ndate = 2020-07-20\n\n{overrides}\n[[blocks]]\ntitle = \"{TITLE}\"\n\n[[blocks]]\ntext = \"{BODY}\"\n"
        ),
    )
    .unwrap();
    def
}

/// `jianbao ARGS` with the system font directories replaced by `system` (None: none at all).
fn run(system: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = jianbao();
    if let Some(dir) = system {
        cmd.env("JIANBAO_SYSTEM_FONT_DIRS", dir);
    }
    cmd.args(args).output().unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `render DEF -o PDF -v` with the system fonts of `system`; it must succeed. Its stderr.
fn render_verbose(system: Option<&Path>, def: &Path, pdf: &Path) -> String {
    let out = run(
        system,
        &["render", path_arg(def), "-o", path_arg(pdf), "-v"],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    err
}

/// `text` says each of `parts`.
fn assert_says(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "`{part}` not in: {text}");
    }
}

/// Font names in a PDF, without their subset tags.
fn pdf_fonts(pdf: &Path) -> Vec<(String, String)> {
    inspect_file(pdf)
        .fonts
        .into_iter()
        .map(|f| {
            let name = f
                .base_font
                .split_once('+')
                .map_or(f.base_font.clone(), |(_, n)| n.to_string());
            assert!(f.embedded_program_len > 0 && f.has_to_unicode, "{f:?}");
            (name, f.subtype)
        })
        .collect()
}

#[test]
fn every_name_in_every_language_finds_the_face_in_nested_system_directories() {
    let sys = office_fonts("fonts-names", 0);
    let cases = [
        ("仿宋_GB2312", "simfang_gb2312.ttf"),
        ("FangSong_GB2312", "simfang_gb2312.ttf"),
        ("fangsong gb2312", "simfang_gb2312.ttf"),
        ("仿宋_GB2312 常规", "simfang_gb2312.ttf"),
        ("方正小标宋简体", "FZXBSJW.TTF"),
        ("FZXiaoBiaoSong-B05S", "FZXBSJW.TTF"),
        ("FZXBSJW--GB1-0", "FZXBSJW.TTF"),
        ("宋体", "simsun.ttc (face 0)"),
        ("SimSun", "simsun.ttc (face 0)"),
        ("新宋体", "simsun.ttc (face 1)"),
        ("NSimSun", "simsun.ttc (face 1)"),
    ];
    for (family, file) in cases {
        let out = run(Some(&sys), &["fonts", family]);
        let listing = stdout(&out);
        assert!(out.status.success(), "{family}: {}", stderr(&out));
        assert!(listing.contains(file), "{family}: {listing}");
        assert!(listing.contains("[system]"), "{family}: {listing}");
    }
    // Both names of each family are shown, and the outlines of each face of the collection.
    let listing = stdout(&run(Some(&sys), &["fonts"]));
    assert!(
        listing.contains("FangSong_GB2312 / 仿宋_GB2312"),
        "{listing}"
    );
    assert!(
        listing.contains("FZXiaoBiaoSong-B05S / 方正小标宋简体 / FZXBSJW--GB1-0"),
        "{listing}"
    );
    let song = listing.lines().find(|l| l.contains("(face 0)")).unwrap();
    let nsong = listing.lines().find(|l| l.contains("(face 1)")).unwrap();
    assert!(
        song.contains("TrueType") && nsong.contains("CFF"),
        "{listing}"
    );
    // --ignore-system-fonts and an empty JIANBAO_SYSTEM_FONT_DIRS leave them out.
    let out = run(
        Some(&sys),
        &["fonts", "--ignore-system-fonts", "仿宋_GB2312"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("font `仿宋_GB2312` not found"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&run(None, &["fonts", "--all"])).contains("[system]"));
}

#[test]
fn a_name_stored_in_gbk_is_found() {
    let dir = temp_dir("fonts-gbk");
    let kai = fontgen::regular(
        "fonts/FandolKai-Regular.otf",
        BODY,
        &[
            name(1, EN, "KaiTi_GB2312"),
            Name {
                id: 1,
                lang: ZH_CN,
                text: "楷体_GB2312",
                gbk: true,
            },
            name(2, EN, "Regular"),
            name(6, EN, "KaiTi_GB2312"),
        ],
    );
    fontgen::write(&dir, "a/b/kai.otf", &kai);
    let out = run(
        None,
        &["fonts", "--font-dir", path_arg(&dir), "楷体_GB2312"],
    );
    assert!(
        stdout(&out).contains("KaiTi_GB2312 / 楷体_GB2312"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
}

/// A face named only in Windows GBK records (no Unicode or Mac Roman family name, no PostScript
/// name), as old Chinese fonts are: fontdb's scan passes it over; the catalog reads its names
/// itself, so it is listed and used by its Chinese name.
#[test]
fn a_face_named_only_in_gbk_is_found_by_its_chinese_name() {
    let dir = temp_dir("fonts-gbk-only");
    let gbk = |id, text| Name {
        id,
        lang: ZH_CN,
        text,
        gbk: true,
    };
    let hei = fontgen::regular(
        "fonts/FandolHei-Regular.otf",
        BODY,
        &[gbk(1, "黑体_GB2312"), gbk(2, "常规"), gbk(4, "黑体_GB2312")],
    );
    let sys = dir.join("sys");
    fontgen::write(&sys, "usr/share/fonts/old/deeper/oldhei.otf", &hei);
    let out = run(Some(&sys), &["fonts", "黑体_GB2312"]);
    assert!(
        out.status.success()
            && stdout(&out).contains("黑体_GB2312")
            && stdout(&out).contains("oldhei.otf"),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let def = gongwen_definition(
        &dir,
        "[overrides]\nbody.font = [\"黑体_GB2312\", \"FandolFang\"]\n",
    );
    let err = render_verbose(Some(&sys), &def, &dir.join("out.pdf"));
    assert_says(&err, &["[body] is set in 黑体_GB2312"]);
    assert!(!err.contains("黑体_GB2312 (not installed)"), "{err}");
}

/// `file.ttc#N` names face N of a collection by path; an index past the last face is an error
/// at the font's place in the definition that says how many faces the file has.
#[test]
fn a_face_of_a_collection_is_named_by_path_and_index() {
    let dir = temp_dir("fonts-ttc-index");
    fontgen::write(&dir, "fonts/simsun.ttc", &simsun_ttc());
    for (index, face) in [(1, "NSimSun (新宋体)"), (0, "SimSun (宋体)")] {
        let def = gongwen_definition(
            &dir,
            &format!("[overrides]\nbody.font = [\"fonts/simsun.ttc#{index}\", \"FandolFang\"]\n"),
        );
        let err = render_verbose(None, &def, &dir.join("out.pdf"));
        assert_says(&err, &[&format!("[body] is set in {face}")]);
    }
    let def = gongwen_definition(
        &dir,
        "[overrides]\nbody.font = [\"fonts/simsun.ttc#2\", \"FandolFang\"]\n",
    );
    let out = run(None, &["render", path_arg(&def)]);
    support::assert_fails(&out, 1, "there is no face #2; the file has 2");
    assert!(stderr(&out).contains("g.toml:8:13"), "{}", stderr(&out));
}

#[test]
fn gongwen_sets_in_the_office_fonts_where_installed_and_in_the_bundled_ones_where_not() {
    let sys = office_fonts("fonts-gongwen", 0);
    let dir = sys.parent().unwrap().to_path_buf();
    let def = gongwen_definition(&dir, "");
    let with = dir.join("with.pdf");
    let err = render_verbose(Some(&sys), &def, &with);
    assert_says(
        &err,
        &[
            "note: [body] is set in FangSong_GB2312 (仿宋_GB2312), then FandolFang R",
            "note: [title] is set in FZXiaoBiaoSong-B05S (方正小标宋简体)",
            "note: [footer] is set in SimSun (宋体)",
        ],
    );
    let fonts = pdf_fonts(&with);
    let names: Vec<&str> = fonts.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.contains(&"FangSong_GB2312"), "{fonts:?}");
    assert!(names.contains(&"FZXBSJW--GB1-0"), "{fonts:?}");
    // 活动 is not in the office 仿宋: it comes from the next font of the chain.
    assert!(names.contains(&"FandolFang-Regular"), "{fonts:?}");
    if let Some(text) = pdftotext(&with) {
        let text = squeeze(&text);
        assert!(text.contains(TITLE) && text.contains(BODY), "{text}");
    }

    // The same definition on a machine without them: the bundled fonts, and -v says why.
    let without = dir.join("without.pdf");
    let err = render_verbose(None, &def, &without);
    assert_says(
        &err,
        &[
            "[body] is set in FandolFang R, then Noto Serif SC Regular for characters it lacks; passed over: 仿宋_GB2312 (not installed), 仿宋 (not installed)",
            "passed over: 方正小标宋简体 (not installed), 小标宋 (not installed)",
        ],
    );
    let fonts = pdf_fonts(&without);
    assert!(
        fonts
            .iter()
            .all(|(n, _)| !n.contains("GB2312") && !n.contains("FZ")),
        "{fonts:?}"
    );
}

#[test]
fn both_faces_of_a_collection_subset_and_embed_with_their_outlines() {
    let sys = office_fonts("fonts-ttc", 0);
    let dir = sys.parent().unwrap().to_path_buf();
    let def = gongwen_definition(
        &dir,
        "[overrides]\ntitle.font = [\"宋体\"]\nbody.font = [\"新宋体\"]\n",
    );
    let pdf = dir.join("ttc.pdf");
    let out = run(
        Some(&sys),
        &["render", path_arg(&def), "-o", path_arg(&pdf)],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let fonts = pdf_fonts(&pdf);
    assert!(
        fonts.contains(&("SimSun".into(), "CIDFontType2".into())),
        "{fonts:?}"
    );
    assert!(
        fonts.contains(&("NSimSun".into(), "CIDFontType0".into())),
        "{fonts:?}"
    );
    if let Ok(pdffonts) = Command::new("pdffonts").arg(&pdf).output() {
        let listing = String::from_utf8_lossy(&pdffonts.stdout);
        for (font, kind) in [("SimSun", "CID TrueType"), ("NSimSun", "CID Type 0C")] {
            let line = listing
                .lines()
                .find(|l| l.contains(&format!("+{font} ")))
                .unwrap_or_else(|| panic!("{font} not in {listing}"));
            assert!(
                line.contains(kind) && line.contains("yes yes yes"),
                "{line}"
            );
        }
    }
    if let Some(text) = pdftotext(&pdf) {
        let text = squeeze(&text);
        assert!(text.contains(TITLE) && text.contains(BODY), "{text}");
    }
}

#[test]
fn coverage_counts_each_national_set() {
    let dir = temp_dir("fonts-coverage");
    // 啊 GB 2312 level 1, 亍 level 2, 堃 GBK only, 㐀 GB 18030 (Extension A) only.
    let font = fontgen::english("Coverage Test", "CoverageTest", "啊亍堃㐀");
    fontgen::write(&dir, "c.ttf", &font);
    let out = run(
        None,
        &["fonts", "--font-dir", path_arg(&dir), "Coverage Test"],
    );
    let listing = stdout(&out);
    assert!(
        listing.contains("GB 2312    1 +    1  GBK     3  GB 18030     4"),
        "{listing}"
    );
    assert!(
        listing.contains("GB 2312 level 1 of 3755, level 2 of 3008"),
        "{listing}"
    );
    // --has: only the fonts with every character asked for.
    let out = run(
        None,
        &["fonts", "--font-dir", path_arg(&dir), "--has", "堃㐀"],
    );
    let listing = stdout(&out);
    assert!(
        listing.contains("Coverage Test") && listing.contains("Noto Serif SC"),
        "{listing}"
    );
    assert!(!listing.contains("FandolFang"), "{listing}");
}

#[test]
fn a_font_whose_licence_forbids_embedding_is_passed_over_with_a_warning() {
    let sys = office_fonts("fonts-restricted", 0x0002);
    let dir = sys.parent().unwrap().to_path_buf();
    let def = gongwen_definition(&dir, "");
    let pdf = dir.join("r.pdf");
    let out = run(
        Some(&sys),
        &["render", path_arg(&def), "-o", path_arg(&pdf)],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("warning"), "{err}");
    assert!(
        err.contains("its licence forbids embedding (OS/2 fsType: restricted licence); jianbao does not embed it: the next font of its chain is used"),
        "{err}"
    );
    let fonts = pdf_fonts(&pdf);
    assert!(
        fonts.iter().all(|(n, _)| n != "FangSong_GB2312"),
        "{fonts:?}"
    );
    let out = run(
        Some(&sys),
        &["render", path_arg(&def), "-o", path_arg(&pdf), "--strict"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let listing = stdout(&run(Some(&sys), &["fonts", "仿宋_GB2312"]));
    assert!(
        listing.contains("not used: its licence forbids embedding"),
        "{listing}"
    );
}

/// Runs `cmd`, killing it if it has not finished within 60 s.
fn finishes(mut cmd: Command) -> Output {
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("jianbao hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn a_fifo_named_like_a_font_and_a_symlink_loop_are_skipped() {
    let dir = temp_dir("fonts-fifo");
    let fonts = dir.join("fonts");
    fontgen::write(&fonts, "nested/fang.ttf", &fang(0));
    let made = Command::new("mkfifo").arg(fonts.join("x.ttf")).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    std::os::unix::fs::symlink(&fonts, fonts.join("nested/loop")).unwrap();
    std::os::unix::fs::symlink(fonts.join("x.ttf"), fonts.join("nested/y.otf")).unwrap();

    let mut cmd = jianbao();
    cmd.args(["fonts", "--font-dir", path_arg(&fonts), "仿宋_GB2312"]);
    let out = finishes(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = stdout(&out);
    assert_eq!(listing.matches("fang.ttf").count(), 1, "{listing}");

    let def = gongwen_definition(&dir, "");
    let mut cmd = jianbao();
    cmd.args([
        "render",
        path_arg(&def),
        "--font-dir",
        path_arg(&fonts),
        "-v",
    ]);
    let out = finishes(cmd);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("[body] is set in FangSong_GB2312"), "{err}");
    // Named by path, a FIFO is refused rather than opened.
    let def = gongwen_definition(&dir, "[overrides]\nbody.font = [\"fonts/x.ttf\"]\n");
    let mut cmd = jianbao();
    cmd.args(["render", path_arg(&def)]);
    let out = finishes(cmd);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_character_names_the_installed_fonts_that_have_it() {
    let dir = temp_dir("fonts-suggest");
    let def = dir.join("s.toml");
    std::fs::write(
        &def,
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-05-01\n[overrides]\nbody.font = [\"FandolFang\"]\n[[blocks]]\ntext = \"龚䶮先生。\"\n",
    )
    .unwrap();
    let out = run(None, &["render", path_arg(&def)]);
    let err = stderr(&out);
    assert!(err.contains("no font has the character `䶮`"), "{err}");
    assert!(
        err.contains("installed fonts that have `䶮`: Noto Sans SC Bold, Noto Serif SC Bold, Noto Serif SC Regular; add one to the style's font chain"),
        "{err}"
    );
}

#[test]
fn ambiguous_names_resolve_in_the_documented_order() {
    let dir = temp_dir("fonts-order");
    let make = |full: &'static str, weight: u16, style: &'static str| {
        let names = [
            name(1, EN, "Test Fang"),
            name(2, EN, style),
            name(4, EN, full),
            name(6, EN, full),
        ];
        fontgen::make(&Spec {
            base: "fonts/NotoSerifSC-Regular.ttf",
            chars: BODY,
            names: &names,
            weight,
            fs_type: 0,
        })
    };
    // Directory a: a bold face and a regular one; directory b: another regular one.
    fontgen::write(&dir, "a/1-bold.ttf", &make("TestFang-A-Bold", 700, "Bold"));
    fontgen::write(
        &dir,
        "a/2-regular.ttf",
        &make("TestFang-A-Regular", 400, "Regular"),
    );
    fontgen::write(
        &dir,
        "b/regular.ttf",
        &make("TestFang-B-Regular", 400, "Regular"),
    );
    let def = gongwen_definition(&dir, "[overrides]\nbody.font = [\"Test Fang\"]\n");
    let got = |dirs: &[&str]| {
        let mut args = vec!["render", path_arg(&def), "-v"];
        for d in dirs {
            args.extend(["--font-dir", d]);
        }
        let a = dir.join("a");
        let b = dir.join("b");
        let args: Vec<String> = args
            .iter()
            .map(|s| match *s {
                "a" => path_arg(&a).to_string(),
                "b" => path_arg(&b).to_string(),
                s => s.to_string(),
            })
            .collect();
        let out = jianbao().args(&args).output().unwrap();
        let err = stderr(&out);
        err.lines()
            .find_map(|l| l.strip_prefix("note: [body] is set in "))
            .unwrap_or_else(|| panic!("{err}"))
            .to_string()
    };
    // A family name means its regular face, even when a bold comes first (in path order).
    assert!(got(&["a", "b"]).starts_with("TestFang-A-Regular"));
    // Between equal faces, the directory searched first wins.
    assert!(got(&["b", "a"]).starts_with("TestFang-B-Regular"));
    // A face's own name picks that face.
    let def2 = gongwen_definition(&dir, "[overrides]\nbody.font = [\"Test Fang Bold\"]\n");
    let out = run(
        None,
        &[
            "render",
            path_arg(&def2),
            "-v",
            "--font-dir",
            path_arg(&dir.join("b")),
            "--font-dir",
            path_arg(&dir.join("a")),
        ],
    );
    assert!(
        stderr(&out).contains("[body] is set in TestFang-A-Bold"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_chain_fails_only_when_none_of_its_fonts_is_installed() {
    let dir = temp_dir("fonts-none");
    let def = gongwen_definition(
        &dir,
        "[overrides]\nbody.font = [\"仿宋_GB2312\", \"FandolFnag\"]\n",
    );
    let out = run(None, &["render", path_arg(&def)]);
    support::assert_fails(
        &out,
        1,
        "none of the fonts listed can be used: font `仿宋_GB2312` not found",
    );
    assert!(
        stderr(&out).contains("did you mean `FandolFang`?"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("g.toml:"), "{}", stderr(&out));
}

#[test]
fn a_batch_shares_one_scan_of_the_system_fonts() {
    let sys = office_fonts("fonts-batch", 0);
    let dir = sys.parent().unwrap().to_path_buf();
    let def = gongwen_definition(&dir, "");
    for n in 1..=4 {
        std::fs::copy(&def, dir.join(format!("g{n}.toml"))).unwrap();
    }
    let out_dir = dir.join("out");
    let mut cmd = jianbao();
    cmd.env("JIANBAO_SYSTEM_FONT_DIRS", &sys).args([
        "batch",
        path_arg(&dir.join("g1.toml")),
        path_arg(&dir.join("g2.toml")),
        path_arg(&dir.join("g3.toml")),
        path_arg(&dir.join("g4.toml")),
        "-o",
        path_arg(&out_dir),
        "-j",
        "4",
    ]);
    let out = finishes(cmd);
    assert!(out.status.success(), "{}", stderr(&out));
    for n in 1..=4 {
        let fonts = pdf_fonts(&out_dir.join(format!("g{n}.pdf")));
        assert!(
            fonts.iter().any(|(f, _)| f == "FangSong_GB2312"),
            "{fonts:?}"
        );
    }
}

#[test]
fn the_font_index_is_kept_and_follows_every_change() {
    let dir = temp_dir("fonts-index");
    let cache = dir.join("cache");
    let sys = dir.join("sys");
    let fonts = |args: &[&str]| {
        let out = jianbao()
            .env("JIANBAO_CACHE_DIR", &cache)
            .env("JIANBAO_SYSTEM_FONT_DIRS", &sys)
            .args(["fonts", "--all"])
            .args(args)
            .output()
            .unwrap();
        stdout(&out)
    };
    let named = |family: &'static str| fontgen::english(family, family, BODY);
    fontgen::write(&sys, "a/b/one.ttf", &named("IndexOne"));
    std::fs::create_dir_all(sys.join("c")).unwrap();
    assert!(fonts(&[]).contains("IndexOne"));
    let indexes: Vec<_> = std::fs::read_dir(&cache).unwrap().flatten().collect();
    // The bundled fonts are built into the executable and need no index.
    assert_eq!(indexes.len(), 1, "one index, for the system's fonts");
    assert!(fonts(&[]).contains("IndexOne"), "read back from the index");

    // A font added to a directory that had none, one replaced in place, one removed.
    fontgen::write(&sys, "c/two.ttf", &named("IndexTwo"));
    let listing = fonts(&[]);
    assert!(
        listing.contains("IndexOne") && listing.contains("IndexTwo"),
        "{listing}"
    );
    // (A different length: the size changes even if the clock does not tick.)
    let replaced = fontgen::english("IndexThree", "IndexThree", "质量");
    fontgen::write(&sys, "a/b/one.ttf", &replaced);
    let listing = fonts(&[]);
    assert!(
        !listing.contains("IndexOne") && listing.contains("IndexThree"),
        "{listing}"
    );
    std::fs::remove_file(sys.join("c/two.ttf")).unwrap();
    assert!(!fonts(&[]).contains("IndexTwo"));

    // A corrupt index is scanned over.
    for index in std::fs::read_dir(&cache).unwrap().flatten() {
        std::fs::write(index.path(), "not = [an index").unwrap();
    }
    assert!(fonts(&[]).contains("IndexThree"));
}
