//! Issue 11, class 6: confinement without races. A file is opened first and checked by where
//! the open file really is, then read from that same open file: nothing outside the root is
//! read — not even to report an error — and swapping a directory for a link while jianbao runs
//! cannot slip an outside file into the PDF.

mod support;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use support::pdf_inspect::inspect;
use support::*;

const HEAD: &str =
    "layout = \"newsletter\"\n\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n";

#[test]
fn a_layout_linked_out_of_the_root_is_refused_before_it_is_read() {
    let dir = temp_dir("confine-layout");
    let outside = temp_dir("confine-layout-outside");
    // Not UTF-8: reading it would say so, and so tell what is there.
    std::fs::write(outside.join("secret.toml"), b"password = \"\xff\xfe\"\n").unwrap();
    std::fs::create_dir(dir.join("layouts")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.toml"), dir.join("layouts/house.toml"))
        .unwrap();
    std::fs::write(
        dir.join("d.toml"),
        HEAD.replace("\"newsletter\"", "\"house\"") + "\n[[blocks]]\ntext = \"正文。\"\n",
    )
    .unwrap();
    let run = render(&dir.join("d.toml"), &dir.join("d.pdf"), &[]);
    assert_fails(&run, 1, "the layout is outside the root directory");
    assert!(!stderr(&run).contains("UTF-8"), "{}", stderr(&run));
}

/// A 1×1 or 2×2 grey PNG.
fn png(side: u32) -> Vec<u8> {
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        &vec![0u8; (side * side) as usize],
        side,
        side,
        image::ExtendedColorType::L8,
    )
    .unwrap();
    out
}

#[test]
fn swapping_a_directory_for_a_link_never_embeds_an_outside_file() {
    let dir = temp_dir("confine-race");
    let outside = temp_dir("confine-race-outside");
    std::fs::create_dir(dir.join("img.real")).unwrap();
    std::fs::write(dir.join("img.real/photo.png"), png(1)).unwrap();
    std::fs::write(outside.join("photo.png"), png(2)).unwrap();
    std::fs::write(
        dir.join("d.toml"),
        format!("{HEAD}\n[[blocks]]\nfigure = \"img/photo.png\"\n"),
    )
    .unwrap();
    // `img` is the real directory (renamed in), then a link out, then the directory again, as
    // fast as they can be swapped: a check by name and a read by name see different files.
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (stop, dir, outside) = (stop.clone(), dir.clone(), outside.clone());
        std::thread::spawn(move || {
            let img = dir.join("img");
            let link = dir.join("img.link");
            let _ = std::os::unix::fs::symlink(&outside, &link);
            while !stop.load(Ordering::Relaxed) {
                let _ = std::fs::rename(dir.join("img.real"), &img);
                let _ = std::fs::rename(&img, dir.join("img.real"));
                let _ = std::fs::rename(&link, &img);
                let _ = std::fs::rename(&img, &link);
            }
        })
    };
    let mut outcomes = (0, 0);
    for n in 0..60 {
        let out = dir.join(format!("d{n}.pdf"));
        let run = render(&dir.join("d.toml"), &out, &["-q"]);
        if run.status.success() {
            let info = inspect(&std::fs::read(&out).unwrap());
            let sides: Vec<i64> = info.image_xobjects.iter().map(|i| i.width).collect();
            assert_eq!(
                sides,
                vec![1],
                "render {n} embedded an image from outside the root"
            );
            outcomes.0 += 1;
        } else {
            outcomes.1 += 1;
        }
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();
    eprintln!(
        "{} rendered the inside image, {} refused",
        outcomes.0, outcomes.1
    );
    assert!(Path::new(&dir).exists());
}
