//! `jianbao watch`: re-renders when the definition, its layout, an image or a font changes; keeps
//! the last good PDF when the new version has an error, and says so.

mod support;

use std::ffi::OsStr;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::*;

/// Kills the watcher when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Reads lines from the watcher's stderr until one contains `wanted`; returns everything read.
fn wait_for(lines: &mpsc::Receiver<String>, wanted: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut seen = String::new();
    while Instant::now() < deadline {
        if let Ok(line) = lines.recv_timeout(Duration::from_millis(200)) {
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(wanted) {
                return seen;
            }
        }
    }
    panic!("no `{wanted}` from jianbao watch; it said:\n{seen}");
}

fn definition(text: &str) -> String {
    format!(
        "layout = \"house.toml\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n\n\
         [[blocks]]\ntext = \"{text}\"\n\n[[blocks]]\nfigure = \"photo.png\"\ncaption = \"照片\"\n"
    )
}

fn png(shade: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &[shade; 8 * 6 * 3],
        8,
        6,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    out
}

/// Starts `jianbao watch DEF -o OUT` plus `extra` arguments; returns the process (killed when
/// dropped) and its stderr, line by line.
fn start_watch(def: &Path, out: &Path, extra: &[&OsStr]) -> (Running, mpsc::Receiver<String>) {
    let child = jianbao()
        .args(["watch", "--debounce", "100", "-o"])
        .arg(out)
        .args(extra)
        .arg(def)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut running = Running(child);
    let stderr = running.0.stderr.take().unwrap();
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    (running, lines)
}

/// Replaces a file the way editors save: write a new file, rename it over the old one.
fn save(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension("swp");
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn watch_rerenders_on_changes_and_keeps_the_last_good_pdf() {
    let dir = temp_dir("watch");
    let def = dir.join("issue.toml");
    let layout = dir.join("house.toml");
    let out = dir.join("issue.pdf");
    std::fs::write(&def, definition("第一版。")).unwrap();
    std::fs::write(&layout, "extends = \"newsletter\"\n").unwrap();
    std::fs::write(dir.join("photo.png"), png(40)).unwrap();

    let (_running, lines) = start_watch(&def, &out, &[]);

    wait_for(&lines, "wrote");
    // The definition, its layout and the image. The layout that one extends (`newsletter`) and
    // the fonts it names are built into the executable: part of the program, never changing,
    // so not watched.
    wait_for(&lines, "watching 3 files");
    let first = std::fs::read(&out).unwrap();

    // A broken definition: the error is printed, the PDF stays as it was.
    save(
        &def,
        definition("第二版。\n")
            .replace("date = ", "date = = ")
            .as_bytes(),
    );
    let said = wait_for(&lines, "kept the last good");
    assert!(said.contains("error: "), "{said}");
    assert!(said.contains("issue.toml:5:"), "{said}");
    assert_eq!(
        std::fs::read(&out).unwrap(),
        first,
        "the last good PDF was kept"
    );

    // Fixed: rendered again, with the new text.
    wait_for(&lines, "watching");
    save(&def, definition("第二版。").as_bytes());
    wait_for(&lines, "wrote");
    let second = std::fs::read(&out).unwrap();
    assert_ne!(second, first);
    let text: String = support::pdf_inspect::inspect(&second).pages[0]
        .lines()
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(text.contains("第二版"), "{text}");

    // The image changes.
    wait_for(&lines, "watching");
    save(&dir.join("photo.png"), &png(200));
    let said = wait_for(&lines, "wrote");
    assert!(said.contains("photo.png"), "{said}");
    let third = std::fs::read(&out).unwrap();
    assert_ne!(third, second);

    // The layout changes.
    wait_for(&lines, "watching");
    save(
        &layout,
        b"extends = \"newsletter\"\n[body]\nsize = \"14pt\"\n",
    );
    let said = wait_for(&lines, "wrote");
    assert!(said.contains("house.toml"), "{said}");
    assert_ne!(std::fs::read(&out).unwrap(), third);

    // Nothing but the PDF and the inputs in the directory (no temporary files left).
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["house.toml", "issue.pdf", "issue.toml", "photo.png"]
    );
}

#[test]
fn watch_rerenders_when_a_font_found_by_name_changes() {
    let dir = temp_dir("watch-font");
    let fonts = dir.join("fonts");
    std::fs::create_dir(&fonts).unwrap();
    let deep = fonts.join("office/deep");
    std::fs::create_dir_all(&deep).unwrap();
    let font = std::fs::read(root().join("fonts/FandolFang-Regular.otf")).unwrap();
    std::fs::write(fonts.join("FandolFang-Regular.otf"), &font).unwrap();
    let def = dir.join("issue.toml");
    let layout = dir.join("house.toml");
    let out = dir.join("issue.pdf");
    std::fs::write(
        &def,
        "layout = \"house.toml\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\n\
         date = 2020-03-10\n\n[[blocks]]\ntext = \"第一版。\"\n",
    )
    .unwrap();
    // The body's font named by family, found in ./fonts (given with --font-dir, searched before
    // the built-in fonts, which have a FandolFang too).
    std::fs::write(
        &layout,
        "extends = \"newsletter\"\n[fonts]\nserif = [\"FandolFang\"]\n",
    )
    .unwrap();

    let (_running, lines) = start_watch(&def, &out, &[OsStr::new("--font-dir"), fonts.as_os_str()]);
    wait_for(&lines, "wrote");
    wait_for(&lines, "watching");

    // The font file is replaced (same bytes: only the re-render is checked).
    save(&fonts.join("FandolFang-Regular.otf"), &font);
    let said = wait_for(&lines, "wrote");
    assert!(said.contains("changed: "), "{said}");
    assert!(said.contains("FandolFang-Regular.otf"), "{said}");

    // A font name found nowhere: the error, and the font directories are watched for it.
    wait_for(&lines, "watching");
    save(
        &layout,
        b"extends = \"newsletter\"\n[fonts]\nserif = [\"LocalFang\"]\n",
    );
    let said = wait_for(&lines, "kept the last good");
    assert!(said.contains("font `LocalFang` not found"), "{said}");
    let said = wait_for(&lines, "watching");
    // (The one given with --font-dir: the bundled fonts are built in.)
    assert!(said.contains("1 font directory"), "{said}");

    // Copying the font in (its file name is one of its names) is noticed, in a subfolder of
    // the font directory too (font directories are searched recursively).
    save(&deep.join("LocalFang.otf"), &font);
    let said = wait_for(&lines, "wrote");
    assert!(said.contains("LocalFang.otf"), "{said}");
}

#[test]
fn watch_rerenders_when_a_text_file_changes() {
    let dir = temp_dir("watch-text-file");
    let def = dir.join("issue.toml");
    let out = dir.join("issue.pdf");
    std::fs::write(
        &def,
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n[[blocks]]\ntext-file = \"article.txt\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("article.txt"), "　　第一版。\n").unwrap();
    let (_running, lines) = start_watch(&def, &out, &[]);
    wait_for(&lines, "wrote");
    wait_for(&lines, "watching");
    save(&dir.join("article.txt"), "　　第二版。\n".as_bytes());
    let said = wait_for(&lines, "wrote");
    assert!(said.contains("article.txt"), "{said}");
    let text: String = support::pdf_inspect::inspect(&std::fs::read(&out).unwrap()).pages[0]
        .lines()
        .iter()
        .map(|l| l.text())
        .collect();
    assert!(text.contains("第二版"), "{text}");
}

#[test]
fn watch_quiet_says_nothing_and_verbose_names_what_it_watches() {
    let dir = temp_dir("watch-qv");
    let def = dir.join("issue.toml");
    let out = dir.join("issue.pdf");
    std::fs::write(&def, definition("安静。")).unwrap();
    std::fs::write(dir.join("house.toml"), "extends = \"newsletter\"\n").unwrap();
    std::fs::write(dir.join("photo.png"), png(40)).unwrap();

    // -v: each watched file is named.
    let (running, lines) = start_watch(&def, &out, &[OsStr::new("-v")]);
    let said = wait_for(&lines, "photo.png");
    assert!(said.contains("note: watching "), "{said}");
    assert!(
        said.contains("house.toml") && said.contains("issue.toml"),
        "{said}"
    );
    drop(running);

    // -q: the PDF is written, and nothing is said.
    std::fs::remove_file(&out).unwrap();
    let (running, lines) = start_watch(&def, &out, &[OsStr::new("-q")]);
    let deadline = Instant::now() + Duration::from_secs(120);
    while !out.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(out.exists(), "watch -q wrote no PDF");
    std::thread::sleep(Duration::from_millis(500));
    drop(running);
    let said: Vec<String> = lines.try_iter().collect();
    assert!(said.is_empty(), "watch -q said: {said:?}");
}
