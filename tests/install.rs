//! A self-contained program (issue 18): the layouts and fonts built into the executable, and
//! the search order that lets a file on disk win over them. Run through the binary, copied
//! where nothing of the source tree is beside it, with an empty HOME and data directories.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use support::pdf_inspect::inspect_file;
use support::*;

/// A copy of the binary in `dir/bin/`, away from the build's target/ and source tree.
fn copied_binary(dir: &Path) -> PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join(format!("jianbao{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_jianbao"), &exe).unwrap();
    // Another test thread that forks while the copy is open for writing holds that descriptor
    // until its child execs, and running the copy meanwhile fails with "Text file busy"
    // (ETXTBSY; seen in CI under load). Once one run starts, no writer is left.
    for attempt in 0.. {
        match Command::new(&exe).arg("--version").output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && attempt < 100 => {
                std::thread::sleep(std::time::Duration::from_millis(50))
            }
            result => {
                result.unwrap();
                break;
            }
        }
    }
    exe
}

/// `exe` run in `cwd` with an environment that names no jianbao directory: HOME and the
/// XDG data directories are empty directories under `dir`, no system fonts.
fn isolated(exe: &Path, dir: &Path, cwd: &Path) -> Command {
    let home = dir.join("home");
    let data = dir.join("data");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&data).unwrap();
    let mut cmd = Command::new(exe);
    cmd.current_dir(cwd).env_clear();
    // What a program needs to start at all: PATH, and on Windows SystemRoot.
    for keep in ["PATH", "SystemRoot"] {
        if let Some(value) = std::env::var_os(keep) {
            cmd.env(keep, value);
        }
    }
    cmd.env("HOME", &home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_DATA_DIRS", &data)
        .env("APPDATA", &data)
        .env("ProgramData", &data)
        .env("JIANBAO_SYSTEM_FONT_DIRS", "")
        .env("JIANBAO_CACHE_DIR", dir.join("cache"));
    cmd
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The seed sample (definition and its pictures) copied into `dir/work`.
fn copied_sample(dir: &Path) -> PathBuf {
    let work = dir.join("work");
    let pictures = work.join("cqa-2020-03-10");
    std::fs::create_dir_all(&pictures).unwrap();
    let samples = root().join("samples");
    std::fs::copy(
        samples.join("cqa-2020-03-10.toml"),
        work.join("cqa-2020-03-10.toml"),
    )
    .unwrap();
    for entry in std::fs::read_dir(samples.join("cqa-2020-03-10")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, pictures.join(path.file_name().unwrap())).unwrap();
    }
    work
}

#[test]
fn a_copied_binary_renders_with_nothing_beside_it() {
    let dir = temp_dir("install-copied");
    let exe = copied_binary(&dir);
    let work = copied_sample(&dir);
    let out = isolated(&exe, &dir, &work)
        .args(["render", "cqa-2020-03-10.toml", "-o", "out.pdf"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let pdf = work.join("out.pdf");
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let info = inspect_file(&pdf);
    assert!(info.pages.len() >= 2, "{} pages", info.pages.len());
    let fonts: Vec<&str> = info.fonts.iter().map(|f| f.base_font.as_str()).collect();
    assert!(
        fonts.iter().any(|f| f.ends_with("NotoSerifSC-Regular")),
        "{fonts:?}"
    );
    // The same files read from disk (the checkout as JIANBAO_HOME) give the same bytes.
    let out = isolated(&exe, &dir, &work)
        .env("JIANBAO_HOME", root())
        .args(["render", "cqa-2020-03-10.toml", "-o", "from-disk.pdf"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(std::fs::read(work.join("from-disk.pdf")).unwrap() == bytes);
    // The layouts and fonts came from the executable: the listings say so, and never name the
    // source tree the binary was built from.
    let layouts = isolated(&exe, &dir, &work)
        .args(["layouts", "-v"])
        .output()
        .unwrap();
    let layouts = text(&layouts);
    assert!(layouts.contains("<built-in>/newsletter.toml"), "{layouts}");
    let fonts = isolated(&exe, &dir, &work)
        .args(["fonts", "-v"])
        .output()
        .unwrap();
    let fonts = text(&fonts);
    assert!(
        fonts.contains("<built-in>/NotoSerifSC-Regular.ttf"),
        "{fonts}"
    );
    // (The temporary directory is under the source tree's target/: look for its own folders.)
    for listing in [&layouts, &fonts] {
        for folder in ["layouts", "fonts"] {
            let source = root().join(folder).display().to_string();
            assert!(!listing.contains(&source), "{listing}");
        }
    }
}

#[test]
fn a_layout_or_font_in_jianbao_home_wins_over_the_built_in_one() {
    let dir = temp_dir("install-home");
    let exe = copied_binary(&dir);
    let work = copied_sample(&dir);
    let home = dir.join("jianbao-home");
    std::fs::create_dir_all(home.join("layouts")).unwrap();
    std::fs::create_dir_all(home.join("fonts")).unwrap();
    // The seed's layout on A5 paper, under the same name.
    let layout = std::fs::read_to_string(root().join("layouts/newsletter.toml"))
        .unwrap()
        .replace("size = \"A4\"", "size = \"A5\"")
        .replace(
            "description = \"Newsletter page",
            "description = \"HOME's newsletter page",
        );
    assert!(layout.contains("size = \"A5\""));
    std::fs::write(home.join("layouts/newsletter.toml"), layout).unwrap();
    std::fs::copy(
        root().join("fonts/FandolKai-Regular.otf"),
        home.join("fonts/FandolKai-Regular.otf"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = isolated(&exe, &dir, &work)
            .env("JIANBAO_HOME", &home)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        text(&out)
    };
    let layouts = run(&["layouts", "-v"]);
    let home_layout = home.join("layouts/newsletter.toml").display().to_string();
    assert!(layouts.contains(&home_layout), "{layouts}");
    assert!(layouts.contains("HOME's newsletter page"), "{layouts}");
    assert!(!layouts.contains("<built-in>/newsletter.toml"), "{layouts}");
    // The other layouts are still the built-in ones.
    assert!(layouts.contains("<built-in>/gongwen.toml"), "{layouts}");

    let fonts = run(&["fonts", "-v"]);
    let home_font = home
        .join("fonts/FandolKai-Regular.otf")
        .display()
        .to_string();
    assert!(fonts.contains(&home_font), "{fonts}");
    assert!(
        !fonts.contains("<built-in>/FandolKai-Regular.otf"),
        "{fonts}"
    );

    run(&["render", "cqa-2020-03-10.toml", "-o", "a5.pdf"]);
    let info = inspect_file(&work.join("a5.pdf"));
    // A5 is 148 × 210 mm: 419.5 × 595.3 pt.
    let page = &info.pages[0];
    assert!(
        (page.width - 419.5).abs() < 1.0 && (page.height - 595.3).abs() < 1.0,
        "{} × {}",
        page.width,
        page.height
    );
}

/// (The data directories checked are the XDG ones: Linux and the other Unix systems.)
#[cfg(all(unix, not(target_os = "macos")))]
#[test]
fn the_listings_show_the_search_order() {
    let dir = temp_dir("install-order");
    let exe = copied_binary(&dir);
    let work = dir.join("work");
    let [option, variable, home] = ["option", "variable", "home"].map(|d| dir.join(d));
    for d in [
        &work,
        &option,
        &variable,
        &home.join("layouts"),
        &home.join("fonts"),
    ] {
        std::fs::create_dir_all(d).unwrap();
    }
    let listing = |what: &str, flag: &str, var: &str| {
        let out = isolated(&exe, &dir, &work)
            .env("JIANBAO_HOME", &home)
            .env(var, &variable)
            .args([what, "-v", flag])
            .arg(&option)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let data = dir.join("data").join("jianbao");
    let beside = dir.join("bin");
    for (what, flag, var) in [
        ("layouts", "--layout-dir", "JIANBAO_LAYOUT_PATH"),
        ("fonts", "--font-dir", "JIANBAO_FONT_PATH"),
    ] {
        let out = listing(what, flag, var);
        let sub = what;
        let order = [
            flag.to_string(),
            option.display().to_string(),
            var.to_string(),
            variable.display().to_string(),
            "$JIANBAO_HOME".to_string(),
            home.join(sub).display().to_string(),
            "beside the executable".to_string(),
            beside.join(sub).display().to_string(),
            beside
                .join("../share/jianbao")
                .join(sub)
                .display()
                .to_string(),
            "data directory".to_string(),
            dir.join("home/.local/share/jianbao")
                .join(sub)
                .display()
                .to_string(),
            data.join(sub).display().to_string(),
            "built into the executable".to_string(),
            "<built-in> (".to_string(),
        ];
        let heading = out
            .find("Search order for")
            .unwrap_or_else(|| panic!("{out}"));
        let mut at = heading;
        for item in &order {
            let found = out[at..]
                .find(item.as_str())
                .unwrap_or_else(|| panic!("{what}: {item:?} not after byte {at}:\n{out}"));
            at += found + item.len();
        }
        assert!(out[heading..].contains("(not there)"), "{out}");
        if what == "fonts" {
            assert!(out[at..].contains("system fonts"), "{out}");
        } else {
            assert!(!out[heading..].contains("system fonts"), "{out}");
        }
    }
}
