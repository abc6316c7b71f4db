//! Every file under tests/bad-input/ (and a few large cases generated here) goes through
//! `jianbao render`: each must give a clear located error or a correct PDF — never a panic, a
//! hang, or a half-written file. What each must give is listed in tests/bad-input/expected.txt.

mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use support::pdf_inspect::inspect;
use support::*;

/// What a case must produce.
#[derive(Debug)]
enum Expect {
    Error(String),
    Pdf(usize),
}

fn expectations() -> Vec<(String, Expect)> {
    let text = std::fs::read_to_string(root().join("tests/bad-input/expected.txt")).unwrap();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.splitn(3, '|').map(str::trim).collect();
            let expect = match parts[1] {
                "error" => Expect::Error(parts[2].to_string()),
                "pdf" => Expect::Pdf(parts[2].parse().unwrap()),
                other => panic!("expected.txt: unknown expectation `{other}`"),
            };
            (parts[0].to_string(), expect)
        })
        .collect()
}

/// Runs a command, killing it (and failing) if it takes longer than `limit`.
fn run_with_limit(mut cmd: Command, limit: Duration) -> Output {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jianbao starts");
    // Drain the pipes in threads so that a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().ok();
            child.wait().ok();
            panic!("{cmd:?} did not finish within {limit:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_thread.join().unwrap(),
        stderr: err_thread.join().unwrap(),
    }
}

/// Renders `def` into an empty directory and checks the outcome against `expect`.
fn check(def: &Path, expect: &Expect, extra: &[&str], limit: Duration) {
    let name = def.file_name().unwrap().to_string_lossy().into_owned();
    let out_dir = temp_dir(&format!("bad-{name}"));
    let out = out_dir.join("out.pdf");
    let mut cmd = jianbao();
    cmd.arg("render").arg(def).arg("-o").arg(&out).args(extra);
    let run = run_with_limit(cmd, limit);
    let err = stderr(&run);
    assert!(
        !err.contains("panicked") && run.status.code() != Some(101),
        "{name}: panic: {err}"
    );
    match expect {
        Expect::Error(text) => {
            assert_eq!(run.status.code(), Some(1), "{name}: {err}");
            let first = err.lines().next().unwrap_or("");
            assert!(
                first.starts_with("error: ") && first.contains(text.as_str()),
                "{name}: first line `{first}` lacks `{text}`"
            );
            // The message names a file (and a line and column when the file is text).
            assert!(
                first.contains(".toml:") || first.contains(".png:") || first.contains(".ttf:"),
                "{name}: no file named in `{first}`"
            );
            assert!(!out.exists(), "{name}: a PDF was written");
        }
        Expect::Pdf(pages) => {
            assert_eq!(run.status.code(), Some(0), "{name}: {err}");
            let bytes = std::fs::read(&out).unwrap();
            let tail = &bytes[bytes.len().saturating_sub(32)..];
            assert!(
                bytes.starts_with(b"%PDF-") && tail.windows(5).any(|w| w == b"%%EOF"),
                "{name}: not a complete PDF"
            );
            let info = inspect(&bytes);
            assert_eq!(info.pages.len(), *pages, "{name}: page count");
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "out.pdf")
        .collect();
    assert!(leftovers.is_empty(), "{name}: left behind {leftovers:?}");
    std::fs::remove_dir_all(&out_dir).ok();
}

#[test]
fn every_file_in_bad_input_gives_a_clear_error_or_a_pdf() {
    let dir = root().join("tests/bad-input");
    let listed = expectations();
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    files.sort();
    let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
    for f in &files {
        assert!(names.contains(&f.as_str()), "{f} is not in expected.txt");
    }
    for (name, expect) in &listed {
        assert!(
            files.contains(name),
            "expected.txt lists {name}, which does not exist"
        );
        check(&dir.join(name), expect, &[], Duration::from_secs(60));
    }
    // Nothing was written next to the inputs.
    let stray: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

const HEAD: &str =
    "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n";

/// The seed's body text, for generated documents.
fn seed_text() -> String {
    std::fs::read_to_string(root().join("tests/data/seed-paragraphs.txt"))
        .unwrap()
        .lines()
        .filter(|l| l.chars().count() > 40)
        .collect::<Vec<_>>()
        .join("")
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_one_megabyte_paragraph_is_set() {
    let dir = temp_dir("mb-paragraph");
    let seed = seed_text();
    let mut para = String::new();
    while para.len() < 1024 * 1024 {
        para.push_str(&seed);
    }
    let def = write(
        &dir,
        "huge-paragraph.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = \"\"\"\n{para}\n\"\"\"\n"),
    );
    let pages = expected_pages_for_huge_paragraph(&def);
    check(&def, &Expect::Pdf(pages), &["-q"], Duration::from_secs(300));
}

/// The page count the engine reports for a document (its own line dump), to compare the PDF
/// with.
fn expected_pages_for_huge_paragraph(def: &Path) -> usize {
    let run = run_with_limit(
        {
            let mut c = jianbao();
            c.arg("render")
                .arg(def)
                .arg("-o")
                .arg(def.with_extension("pdf"))
                .arg("--dump-lines");
            c
        },
        Duration::from_secs(300),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let dump = String::from_utf8_lossy(&run.stdout);
    let last = dump.lines().last().unwrap();
    let page: usize = last[1..]
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    std::fs::remove_file(def.with_extension("pdf")).unwrap();
    assert!(
        page > 100,
        "a megabyte of text is hundreds of pages, not {page}"
    );
    page
}

#[test]
fn a_20000_pixel_square_image_is_refused_from_its_header() {
    let dir = temp_dir("huge-image");
    std::fs::write(dir.join("huge.png"), huge_png(20_000, 20_000, 0, 1)).unwrap();
    let def = write(
        &dir,
        "huge-image.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"huge.png\"\n"),
    );
    check(
        &def,
        &Expect::Error("20000×20000 pixels".into()),
        &[],
        Duration::from_secs(60),
    );
}

/// A real, complete PNG of the given size, colour type and bit depth, all zero (about 50 KB for
/// a 1-bit 20000² image), written row by row so the test never holds the pixels.
fn huge_png(width: u32, height: u32, color_type: u8, depth: u8) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let channels = match color_type {
        0 | 3 => 1,
        4 => 2,
        2 => 3,
        _ => 4,
    };
    let row = vec![0u8; 1 + (width as usize * channels * depth as usize).div_ceil(8)];
    for _ in 0..height {
        z.write_all(&row).unwrap();
    }
    png_file(width, height, color_type, depth, &z.finish().unwrap())
}

/// A PNG file with the given header and image data (`idat`, compressed or not) as they are.
fn png_file(width: u32, height: u32, color_type: u8, depth: u8, idat: &[u8]) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc = Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(&crc.finish().to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[depth, color_type, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

#[test]
fn png_data_is_checked_before_it_is_passed_through() {
    let dir = temp_dir("png-data");
    let zlib = |data: &[u8]| {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        z.write_all(data).unwrap();
        z.finish().unwrap()
    };
    // 100×100 grey, 8 bits: rows of 101 bytes (a filter byte, then the pixels).
    let ten_rows = zlib(&vec![0u8; 101 * 10]);
    let bad_filter = zlib(&[vec![9u8; 101], vec![0u8; 101 * 99]].concat());
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "not-zlib.png",
            png_file(100, 100, 0, 8, b"plain bytes, not zlib"),
            "the image data cannot be inflated",
        ),
        (
            "short.png",
            png_file(100, 100, 0, 8, &ten_rows),
            "the image data holds 10 of its 100 rows",
        ),
        (
            "bad-filter.png",
            png_file(100, 100, 0, 8, &bad_filter),
            "row 1 has unknown filter type 9",
        ),
        (
            "rgb-4-bit.png",
            png_file(100, 100, 2, 4, &zlib(&vec![0u8; 151 * 100])),
            "bit depth 4 is not allowed for colour type 2",
        ),
    ];
    for (name, bytes, message) in cases {
        std::fs::write(dir.join(name), bytes).unwrap();
        let def = write(
            &dir,
            &format!("{name}.toml"),
            &format!("{HEAD}\n[[blocks]]\nfigure = \"{name}\"\n"),
        );
        check(
            &def,
            &Expect::Error(format!("{name}: corrupt PNG: {message}")),
            &[],
            Duration::from_secs(60),
        );
    }
}

#[test]
fn a_decompression_bomb_is_refused() {
    // 9000×9000 RGBA: within the header limits (81 megapixels), a few hundred KB on disk, but
    // 324 MB once decoded — and transparency means it would have to be decoded.
    let dir = temp_dir("png-bomb");
    let bomb = huge_png(9_000, 9_000, 6, 8);
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    std::fs::write(dir.join("bomb.png"), bomb).unwrap();
    let def = write(
        &dir,
        "bomb.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"bomb.png\"\n"),
    );
    check(
        &def,
        &Expect::Error("too large to decode".into()),
        &[],
        Duration::from_secs(120),
    );
}

/// CRC-32 as PNG chunks use it.
struct Crc(u32);

impl Crc {
    fn new() -> Crc {
        Crc(0xFFFF_FFFF)
    }
    fn update(&mut self, data: &[u8]) {
        for &b in data {
            self.0 ^= b as u32;
            for _ in 0..8 {
                self.0 = if self.0 & 1 != 0 {
                    (self.0 >> 1) ^ 0xEDB8_8320
                } else {
                    self.0 >> 1
                };
            }
        }
    }
    fn finish(&self) -> u32 {
        !self.0
    }
}

#[test]
#[cfg(unix)] // symbolic links need a privilege on Windows
fn a_symbolic_link_out_of_the_root_is_refused() {
    let dir = temp_dir("symlink-out");
    let outside = temp_dir("symlink-target");
    std::fs::copy(
        root().join("tests/bad-input/assets/tiny.png"),
        outside.join("secret.png"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.join("secret.png"), dir.join("photo.png")).unwrap();
    let def = write(
        &dir,
        "symlink.toml",
        &format!("{HEAD}\n[[blocks]]\nfigure = \"photo.png\"\n"),
    );
    check(
        &def,
        &Expect::Error("outside the root directory".into()),
        &[],
        Duration::from_secs(60),
    );
    // A wider root that holds the target lets it through.
    let parent = dir.parent().unwrap().to_str().unwrap().to_string();
    check(
        &def,
        &Expect::Pdf(1),
        &["--root", &parent],
        Duration::from_secs(60),
    );
}

/// `count` pages, each a short paragraph followed by a page break.
fn many_pages(count: usize) -> String {
    let mut def = String::from(HEAD);
    for i in 1..count {
        def.push_str(&format!(
            "\n[[blocks]]\ntext = \"第{i}页。\"\n[[blocks]]\npage-break = true\n"
        ));
    }
    def.push_str("\n[[blocks]]\ntext = \"完。\"\n");
    def
}

#[test]
fn a_10000_page_document_is_a_correct_pdf() {
    let dir = temp_dir("10000-pages");
    let def = write(&dir, "10000-pages.toml", &many_pages(10_000));
    let out = dir.join("out.pdf");
    let mut cmd = jianbao();
    cmd.arg("render").arg(&def).arg("-o").arg(&out);
    let run = run_with_limit(cmd, Duration::from_secs(300));
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(stderr(&run).contains("10000 pages"), "{}", stderr(&run));
    let pdf = lopdf::Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(pdf.get_pages().len(), 10_000);
}

#[test]
fn a_document_past_the_page_limit_is_refused() {
    let dir = temp_dir("too-many-pages");
    let def = write(&dir, "100001-pages.toml", &many_pages(100_001));
    check(
        &def,
        &Expect::Error("runs past 100000 pages".into()),
        &[],
        Duration::from_secs(300),
    );
}

#[test]
#[cfg(unix)] // mkfifo
fn a_named_pipe_is_refused_not_waited_on() {
    let dir = temp_dir("bad-fifo");
    let fifo = dir.join("pipe.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Nothing ever writes to the pipe: a reader that opens it would wait for ever.
    for args in [
        vec!["render", "pipe.toml", "-o", "out.pdf"],
        vec!["batch", "pipe.toml", "-o", "out"],
    ] {
        let mut cmd = jianbao();
        cmd.current_dir(&dir).args(&args);
        let run = run_with_limit(cmd, Duration::from_secs(30));
        assert_fails(&run, 1, "not a regular file");
    }
}

// Issue 11, class 3: memory and time bounded by the documented limits.

/// Runs jianbao with `args` in `dir`, within `limit`.
fn run_in(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut cmd = jianbao();
    cmd.current_dir(dir).args(args);
    run_with_limit(cmd, limit)
}

#[test]
fn an_extends_cycle_spelt_differently_is_found() {
    let dir = temp_dir("extends-spelt");
    std::fs::create_dir(dir.join("lay")).unwrap();
    write(&dir.join("lay"), "c1.toml", "extends = \"./c2.toml\"\n");
    write(
        &dir.join("lay"),
        "c2.toml",
        "extends = \"../lay/c3.toml\"\n",
    );
    write(&dir.join("lay"), "c3.toml", "extends = \"c1.toml\"\n");
    let def = write(
        &dir,
        "cycle.toml",
        &HEAD.replace("\"newsletter\"", "\"lay/c1.toml\""),
    );
    check(
        &def,
        &Expect::Error("layouts extend each other in a cycle".into()),
        &[],
        Duration::from_secs(30),
    );
}

#[test]
fn a_paragraph_too_long_for_total_fit_is_set_first_fit_with_a_warning() {
    let dir = temp_dir("one-char-paragraph");
    let para = "中".repeat(jianbao::text::TOTAL_FIT_MAX_CHARS + 1000);
    write(
        &dir,
        "long.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = \"{para}\"\n"),
    );
    let run = run_in(
        &dir,
        &["render", "long.toml", "-o", "long.pdf"],
        Duration::from_secs(300),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("it was set first-fit"),
        "{}",
        stderr(&run)
    );
    let run = run_in(
        &dir,
        &["render", "long.toml", "-o", "long.pdf", "--strict"],
        Duration::from_secs(300),
    );
    assert_fails(&run, 1, "--strict");
}

#[test]
fn a_preview_too_large_to_draw_is_refused_before_allocating() {
    let dir = temp_dir("huge-preview");
    write(
        &dir,
        "poster.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = \"正文。\"\n\n[overrides]\npage.width = \"5000mm\"\npage.height = \"5000mm\"\n"),
    );
    let run = run_in(
        &dir,
        &["preview", "poster.toml", "--dpi", "600", "-o", "p.png"],
        Duration::from_secs(60),
    );
    assert_fails(&run, 1, "megapixels, more than a preview draws");
    assert!(!dir.join("p.png").exists());
}

#[test]
fn batch_caps_copies_and_workers_and_never_follows_links() {
    let dir = temp_dir("batch-caps");
    std::fs::create_dir_all(dir.join("tree/a")).unwrap();
    write(
        &dir.join("tree/a"),
        "x.toml",
        &HEAD.replace(
            "date = 2020-03-10\n",
            "date = 2020-03-10\ncopies = 4294967295\n",
        ),
    );
    std::os::unix::fs::symlink("..", dir.join("tree/a/loop")).unwrap();
    let run = run_in(
        &dir,
        &["batch", "tree/**/*.toml", "-o", "out", "--list"],
        Duration::from_secs(30),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 1);
    let run = run_in(
        &dir,
        &[
            "batch",
            "tree/a/x.toml",
            "-o",
            "out",
            "--merge",
            "all.pdf",
            "--copies",
        ],
        Duration::from_secs(60),
    );
    assert_fails(&run, 1, "the print file would have 4294967295 pages");
    assert!(!dir.join("all.pdf").exists());
    let run = run_in(
        &dir,
        &["batch", "tree/a/x.toml", "-o", "out", "-j", "100000"],
        Duration::from_secs(30),
    );
    assert_fails(&run, 2, "100000 is not in 1..=256");
}

// Issue 11, class 7: messages a clerk can act on.

#[test]
fn a_huge_word_is_cut_and_control_characters_are_shown_in_warnings() {
    let dir = temp_dir("message-text");
    let word = "a".repeat(100_000);
    write(
        &dir,
        "word.toml",
        &format!("{HEAD}\n[[blocks]]\ntext = \"中文{word}\\u001b[31m\\u0007。\"\n"),
    );
    let run = run_in(
        &dir,
        &["render", "word.toml", "-o", "word.pdf"],
        Duration::from_secs(300),
    );
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(
        !run.stderr.contains(&0x1b) && !run.stderr.contains(&0x07),
        "{err}"
    );
    assert!(err.contains('␛') && err.contains('␇'), "{err}");
    let broken = err
        .lines()
        .find(|l| l.contains("is wider than the line"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(broken.contains("… (1000"), "{broken}");
    assert!(broken.chars().count() < 300, "{broken}");
}

/// A copy of a font with every advance width in `hmtx` set to `advance` (font units).
fn font_with_advances(advance: u16) -> Vec<u8> {
    let mut font = std::fs::read(root().join("fonts/FandolFang-Regular.otf")).unwrap();
    let u16_at = |f: &[u8], at: usize| u16::from_be_bytes([f[at], f[at + 1]]) as usize;
    let u32_at =
        |f: &[u8], at: usize| u32::from_be_bytes(f[at..at + 4].try_into().unwrap()) as usize;
    let table = |f: &[u8], tag: &[u8]| {
        (0..u16_at(f, 4))
            .map(|i| 12 + 16 * i)
            .find(|&r| &f[r..r + 4] == tag)
            .map(|r| u32_at(f, r + 8))
            .unwrap()
    };
    let metrics = u16_at(&font, table(&font, b"hhea") + 34);
    let hmtx = table(&font, b"hmtx");
    for i in 0..metrics {
        font[hmtx + 4 * i..hmtx + 4 * i + 2].copy_from_slice(&advance.to_be_bytes());
    }
    font
}

#[test]
fn a_font_with_zero_or_huge_advances_is_refused_with_its_file() {
    let dir = temp_dir("font-advances");
    for (name, advance, message) in [
        ("flat.otf", 0, "its characters have no width"),
        ("wide.otf", 60_000, "em wide (more than 4 em)"),
    ] {
        std::fs::write(dir.join(name), font_with_advances(advance)).unwrap();
        let def = write(
            &dir,
            &format!("{name}.toml"),
            &format!(
                "{HEAD}\n[[blocks]]\ntext = \"正文。\"\n\n[overrides]\nbody.font = [\"{name}\"]\n"
            ),
        );
        check(
            &def,
            &Expect::Error(format!("{name}: not a usable font: ")),
            &[],
            Duration::from_secs(60),
        );
        let run = run_in(
            &dir,
            &["render", &format!("{name}.toml"), "-o", "x.pdf"],
            Duration::from_secs(60),
        );
        assert_fails(&run, 1, message);
    }
}
