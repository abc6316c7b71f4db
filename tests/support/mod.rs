//! Shared helpers for integration tests (declare with `mod support;`).
#![allow(dead_code)]

pub mod fontgen;
pub mod gongwen_grid;
pub mod pdf_inspect;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh, empty directory for one test (under target/, so `cargo clean` removes it). Names
/// must be unique across the test suite.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every sample definition (`samples/*.toml`), sorted.
pub fn samples() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    out.sort();
    out
}

/// The `jianbao` binary built for these tests.
pub fn jianbao() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    // Tests must not depend on the user's environment.
    cmd.env_remove("JIANBAO_LAYOUT_PATH")
        // Messages in English unless a test asks for Chinese, whatever the machine's locale.
        .env_remove("JIANBAO_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANG")
        .env_remove("JIANBAO_FONT_PATH")
        .env("JIANBAO_SYSTEM_FONT_DIRS", "")
        .env(
            "JIANBAO_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/jianbao-cache"),
        );
    cmd
}

/// Runs `jianbao render DEF -o OUT` plus `extra` arguments.
pub fn render(def: &Path, out: &Path, extra: &[&str]) -> Output {
    jianbao()
        .arg("render")
        .arg(def)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("jianbao runs")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Text without any whitespace (what pdftotext and our extraction agree on).
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Writes `text` as `NAME.toml` in a fresh directory `dir` and renders it to `NAME.pdf` there
/// with `extra` arguments; returns the run and the PDF's path (which may not exist).
pub fn render_text(dir: &str, name: &str, text: &str, extra: &[&str]) -> (Output, PathBuf) {
    let dir = temp_dir(dir);
    let def = dir.join(format!("{name}.toml"));
    std::fs::write(&def, text).unwrap();
    let out = dir.join(format!("{name}.pdf"));
    (render(&def, &out, extra), out)
}

/// The first line of `lines` whose text (whitespace removed) starts with `start`.
pub fn find_line<'a>(lines: &'a [pdf_inspect::TextLine], start: &str) -> &'a pdf_inspect::TextLine {
    lines
        .iter()
        .find(|l| squeeze(&l.text()).starts_with(start))
        .unwrap_or_else(|| {
            let all: Vec<String> = lines.iter().map(pdf_inspect::TextLine::text).collect();
            panic!("no line starts with `{start}`: {all:#?}")
        })
}

/// A small newsletter definition: a title and one paragraph per page, `pages` pages with page
/// breaks between, `extra_meta` lines added to `[bulletin]`.
pub fn paged_definition(title: &str, pages: usize, extra_meta: &str) -> String {
    let mut text = format!(
        "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"测试编印单位\"\ndate = 2024-05-01\n{extra_meta}\n[[blocks]]\ntitle = \"{title}\"\n"
    );
    for p in 0..pages {
        if p > 0 {
            text.push_str("\n[[blocks]]\npage-break = true\n");
        }
        text.push_str(&format!(
            "\n[[blocks]]\ntext = \"{title}第{}页。质量管理协会向会员单位发出倡议，切实提高政治站位。\"\n",
            p + 1
        ));
    }
    text
}

/// Runs `jianbao new --from SAMPLE -o OUT --date DATE` (`sample` a file in samples/) and asserts
/// that it succeeded; returns the new definition's text.
pub fn new_from_sample(sample: &str, out: &Path, date: &str) -> String {
    let run = jianbao()
        .arg("new")
        .arg("--from")
        .arg(root().join("samples").join(sample))
        .arg("-o")
        .arg(out)
        .args(["--date", date])
        .output()
        .expect("jianbao runs");
    assert!(run.status.success(), "{}", stderr(&run));
    std::fs::read_to_string(out).unwrap()
}

/// The run exited with `code` and its stderr says `message`.
pub fn assert_fails(run: &Output, code: i32, message: &str) {
    let err = stderr(run);
    assert_eq!(run.status.code(), Some(code), "{err}");
    assert!(err.contains(message), "`{message}` not in: {err}");
}

/// A JPEG of `w`×`h`, its left half black and right half white, with an EXIF orientation tag
/// (as a phone writes it: APP1 `Exif`, a little-endian TIFF header, IFD0 with tag 0x0112).
pub fn jpeg_with_orientation(w: u32, h: u32, orientation: u8) -> Vec<u8> {
    let pixels: Vec<u8> = (0..w * h)
        .flat_map(|i| if i % w < w / 2 { [0u8; 3] } else { [255u8; 3] })
        .collect();
    let mut plain = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut plain, 90)
        .encode(&pixels, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    tiff.extend_from_slice(&1u16.to_le_bytes());
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&(orientation as u32).to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((tiff.len() + 8) as u16).to_be_bytes());
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&plain[2..]);
    out
}
