//! A clerk's input (issue 16), through the CLI: text pasted from Word/WPS, odd characters,
//! backslashes, half-width punctuation and `jianbao fix`, `text-file`, GBK files, placeholders
//! left by `jianbao new`, and the new file's directory.

mod support;

use std::path::Path;
use support::{jianbao, render, render_text, stderr, temp_dir};

const HEAD: &str = "layout = \"newsletter\"\n[bulletin]\npublisher = \"中国质量协会宣传部\"\ndate = 2020-03-10\n\n[[blocks]]\ntitle = \"标题\"\n";

/// `(block, text)` of every body line `render --dump-lines` prints.
fn body_lines(def: &Path, extra: &[&str]) -> (std::process::Output, Vec<(String, String)>) {
    let out = jianbao()
        .arg("render")
        .arg(def)
        .arg("-o")
        .arg(def.with_extension("pdf"))
        .arg("--dump-lines")
        .args(extra)
        .output()
        .unwrap();
    let lines = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            (cols.get(2) == Some(&"body")).then(|| (cols[1].to_string(), cols[7..].join(" ")))
        })
        .collect();
    (out, lines)
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn paragraphs(lines: &[(String, String)]) -> Vec<String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (block, text) in lines {
        match out.last_mut() {
            Some((b, t)) if b == block => t.push_str(text),
            _ => out.push((block.clone(), text.clone())),
        }
    }
    out.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn pasted_word_paragraphs_stay_paragraphs() {
    let dir = temp_dir("input-pasted");
    let def = write(
        &dir,
        "d.toml",
        &format!(
            "{HEAD}[[blocks]]\ntext = \"\"\"\n　　第一段。\n　　第二段。\n　　第三段。\n\"\"\"\n"
        ),
    );
    let (out, lines) = body_lines(&def, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(paragraphs(&lines), ["第一段。", "第二段。", "第三段。"]);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
}

#[test]
fn a_joined_sentence_end_is_warned_with_its_place() {
    let dir = temp_dir("input-joined");
    let def = write(
        &dir,
        "d.toml",
        &format!("{HEAD}[[blocks]]\ntext = \"\"\"\n第一段，\n续行。\n第二段。\n\"\"\"\n"),
    );
    let (out, lines) = body_lines(&def, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(paragraphs(&lines), ["第一段，续行。第二段。"]);
    let err = stderr(&out);
    assert!(
        err.contains("d.toml:12:1: this line is joined to the one above"),
        "{err}"
    );
    assert_eq!(err.matches("joined to the one above").count(), 1, "{err}");
    // --strict refuses.
    let (out, _) = body_lines(&def, &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn odd_characters_are_normalised_and_noted() {
    let dir = temp_dir("input-odd");
    // NBSP between Chinese characters and between Latin words, ZWSP, BOM, U+2028 and a raw \v
    // (Word's manual line break) pasted into the TOML.
    let def = write(
        &dir,
        "d.toml",
        &format!(
            "{HEAD}[[blocks]]\ntext = \"\"\"\n中\u{00A0}国A\u{00A0}B质\u{200B}量\u{FEFF}协会第一行\u{2028}第二行\u{000B}第三行\n\"\"\"\n"
        ),
    );
    let (out, lines) = body_lines(&def, &["-v"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    let texts: Vec<&str> = lines.iter().map(|l| l.1.as_str()).collect();
    // No gap between Chinese characters, a space between Latin ones; the manual breaks
    // break the line inside the paragraph (one block).
    assert_eq!(
        texts,
        ["中国A B质量协会第一行", "第二行", "第三行"],
        "{lines:?}"
    );
    assert!(lines.iter().all(|l| l.0 == lines[0].0), "{lines:?}");
    assert!(err.contains("note: "), "{err}");
    assert!(err.contains("2 no-break spaces read as spaces"), "{err}");
    assert!(
        err.contains("2 zero-width spaces or byte-order marks dropped"),
        "{err}"
    );
    assert!(err.contains("2 manual line breaks"), "{err}");
}

#[test]
fn a_backslash_in_a_basic_string_points_to_literal_strings() {
    let (out, _) = render_text(
        "input-backslash",
        "d",
        &format!("{HEAD}[[blocks]]\ntext = \"\"\"\n文件在 D:\\质协\\2020 下。\n\"\"\"\n"),
        &[],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("d.toml:10:8: a backslash"), "{err}");
    assert!(err.contains("'''…'''"), "{err}");
    // The same text in a literal string is read as written.
    let (out, pdf) = render_text(
        "input-backslash-ok",
        "d",
        &format!("{HEAD}[[blocks]]\ntext = '''\n文件在 D:\\质协\\2020 下。\n'''\n"),
        &[],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = support::pdf_inspect::inspect_file(&pdf).pages[0].text();
    assert!(support::squeeze(&text).contains("D:\\质协\\2020"), "{text}");
}

#[test]
fn half_width_punctuation_is_warned_and_fixed_keeping_comments() {
    let dir = temp_dir("input-fix");
    let text = format!(
        "# 注释保留\n{HEAD}[[blocks]]\n# 正文\ntext = \"\"\"\n会员单位,积极响应(全国质量管理小组活动推进办公室)。其他;内容 a,b 1:2\n\"\"\" # 行尾注释\n\n[[blocks]]\nfigure = \"x,y(中).png\"\nalt = \"示例图\"\n"
    );
    let def = write(&dir, "d.toml", &text);
    std::fs::copy(
        support::root().join("samples/cqa-2020-03-10/fig2.png"),
        dir.join("x,y(中).png"),
    )
    .unwrap();
    let out = render(&def, &dir.join("d.pdf"), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("d.toml:12:5: half-width `,();`"), "{err}");
    assert!(err.contains("jianbao fix"), "{err}");

    let out = jianbao().arg("fix").arg(&def).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rewrote 4 half-width marks"),
        "{}",
        stderr(&out)
    );
    let fixed = std::fs::read_to_string(&def).unwrap();
    assert_eq!(
        fixed,
        text.replace(
            "会员单位,积极响应(全国质量管理小组活动推进办公室)。其他;",
            "会员单位，积极响应（全国质量管理小组活动推进办公室）。其他；"
        ),
        "only the marks change; comments, Latin text and paths stay"
    );
    let out = render(&def, &dir.join("d.pdf"), &["--strict"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn text_file_blocks_are_read_confined_and_decoded() {
    let dir = temp_dir("input-text-file");
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::write(
        dir.join("articles/第一篇.txt"),
        "　　第一段,文字。\n　　第二段 D:\\质协\\2020。\n",
    )
    .unwrap();
    let def = write(
        &dir,
        "d.toml",
        &format!("{HEAD}[[blocks]]\ntext-file = \"articles/第一篇.txt\"\n"),
    );
    let (out, lines) = body_lines(&def, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        paragraphs(&lines),
        ["第一段,文字。", "第二段 D:\\质协\\2020。"]
    );
    // Warnings point into the text file.
    assert!(err.contains("第一篇.txt:1:6: half-width `,`"), "{err}");

    // GBK (as Notepad saves "ANSI" on a Chinese Windows): read, with a warning.
    let (gbk, _, _) = encoding_rs::GBK.encode("　　第一段，文字。\n");
    std::fs::write(dir.join("articles/第一篇.txt"), &gbk).unwrap();
    let (out, lines) = body_lines(&def, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(paragraphs(&lines), ["第一段，文字。"]);
    assert!(err.contains("saved as GBK/GB18030"), "{err}");
    assert!(err.contains("save it as UTF-8"), "{err}");
    let (out, _) = body_lines(&def, &["--lang", "zh"]);
    assert!(stderr(&out).contains("另存为 UTF-8"), "{}", stderr(&out));

    // Outside the root: refused, like an image.
    std::fs::write(dir.join("../input-text-file-secret.txt"), "秘密").unwrap();
    let def = write(
        &dir,
        "e.toml",
        &format!("{HEAD}[[blocks]]\ntext-file = \"../input-text-file-secret.txt\"\n"),
    );
    let out = render(&def, &dir.join("e.pdf"), &[]);
    support::assert_fails(&out, 1, "outside the root directory");
    let def = write(
        &dir,
        "f.toml",
        &format!("{HEAD}[[blocks]]\ntext-file = \"articles/missing.txt\"\n"),
    );
    let out = render(&def, &dir.join("f.pdf"), &[]);
    support::assert_fails(&out, 1, "f.toml:9:13");
}

#[test]
fn a_gbk_definition_is_read_with_a_warning_and_garbage_is_refused_with_a_hint() {
    let dir = temp_dir("input-gbk");
    let text = format!("{HEAD}[[blocks]]\ntext = \"正文。\"\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let def = dir.join("d.toml");
    std::fs::write(&def, &gbk).unwrap();
    let (out, lines) = body_lines(&def, &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert_eq!(paragraphs(&lines), ["正文。"]);
    assert!(
        err.contains("d.toml: the file is saved as GBK/GB18030"),
        "{err}"
    );
    let (out, _) = body_lines(&def, &["--strict"]);
    assert_eq!(out.status.code(), Some(1));
    std::fs::write(&def, b"layout = \"newsletter\"\n\xFF\xFF").unwrap();
    let out = render(&def, &dir.join("d.pdf"), &[]);
    support::assert_fails(&out, 1, "nor GBK/GB18030; save it as UTF-8");
    let out = render(&def, &dir.join("d.pdf"), &["--lang", "zh"]);
    support::assert_fails(&out, 1, "也不是 GBK/GB18030；请另存为 UTF-8");
}

#[test]
fn new_makes_its_directory_writes_literal_strings_and_placeholders_are_warned() {
    let dir = temp_dir("input-new");
    let prev = dir.join("prev.toml");
    std::fs::copy(support::root().join("samples/cqa-2020-03-10.toml"), &prev).unwrap();
    std::fs::create_dir_all(dir.join("cqa-2020-03-10")).unwrap();
    let next = dir.join("sub/deeper/next.toml");
    let out = jianbao()
        .args(["new", "--date", "2020-03-17", "--from"])
        .arg(&prev)
        .arg("-o")
        .arg(&next)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&next).unwrap();
    assert!(text.contains("text = '''\n（正文第一段。）"), "{text}");
    assert!(!text.contains("\"\"\""), "{text}");
    // Rendering the untouched skeleton warns about every placeholder; --strict refuses.
    let out = render(&next, &dir.join("next.pdf"), &[]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("`（文章标题）` is a placeholder"), "{err}");
    assert!(err.contains("`（正文第二段。）` is a placeholder"), "{err}");
    let out = render(&next, &dir.join("next.pdf"), &["--strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}

#[test]
fn a_sideways_phone_photo_is_turned_upright() {
    let upright = support::jpeg_with_orientation(64, 32, 1);
    // The upright photo passes through as it was.
    let passed = upright.len();
    assert_turned_upright(
        "input-exif",
        "jpg",
        support::jpeg_with_orientation(64, 32, 6),
        upright,
        passed,
    );
}

#[test]
fn a_sideways_png_with_an_exif_chunk_is_turned_upright() {
    let upright = png_with_orientation(64, 32, 1);
    // The upright PNG's image data passes through as it was: the stream is its IDAT data.
    let passed = png_chunks(&upright)
        .into_iter()
        .filter(|(kind, _)| kind == b"IDAT")
        .map(|(_, data)| data.len())
        .sum();
    assert_turned_upright(
        "input-exif-png",
        "png",
        png_with_orientation(64, 32, 6),
        upright,
        passed,
    );
}

/// Renders a 64×32 `sideways` image (EXIF orientation 6) and an `upright` one (orientation 1,
/// its stream `passed` bytes long) and checks both in the PDF and the preview.
fn assert_turned_upright(tmp: &str, ext: &str, sideways: Vec<u8>, upright: Vec<u8>, passed: usize) {
    let dir = temp_dir(tmp);
    // 64×32 stored, EXIF orientation 6 (turn 90° clockwise): 32 wide and 64 high upright.
    std::fs::write(dir.join(format!("sideways.{ext}")), sideways).unwrap();
    std::fs::write(dir.join(format!("upright.{ext}")), upright).unwrap();
    let text = format!(
        "{HEAD}[[blocks]]\nfigure = \"sideways.{ext}\"\nwidth = \"30%\"\n[[blocks]]\nfigure = \"upright.{ext}\"\nwidth = \"30%\"\n"
    );
    let def = write(&dir, "d.toml", &text);
    let out = render(&def, &dir.join("d.pdf"), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = support::pdf_inspect::inspect_file(&dir.join("d.pdf"));
    let mut sizes: Vec<(i64, i64, usize)> = pdf
        .image_xobjects
        .iter()
        .map(|i| (i.width, i.height, i.stream_len))
        .collect();
    sizes.sort();
    assert_eq!((sizes[0].0, sizes[0].1), (32, 64), "{sizes:?}");
    assert_eq!((sizes[1].0, sizes[1].1), (64, 32), "{sizes:?}");
    assert_eq!(sizes[1].2, passed, "{sizes:?}");
    let placed = &pdf.pages[0].images;
    let tall = placed
        .iter()
        .find(|p| p.height > p.width)
        .expect("an upright placement");
    assert!((tall.height / tall.width - 2.0).abs() < 0.01, "{placed:?}");
    // Turned the right way: 90° clockwise puts the stored left half (black) on top — in the
    // preview too, read back at the placement the PDF has.
    let png = dir.join("d.png");
    let out = jianbao()
        .arg("preview")
        .arg(&def)
        .args(["--dpi", "72", "-o"])
        .arg(&png)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let preview = image::open(&png).unwrap().into_luma8();
    let page_h = pdf.pages[0].height;
    let at = |fy: f64| {
        let x = (tall.x + tall.width / 2.0) as u32;
        let y = (page_h - tall.y - tall.height * fy) as u32;
        preview.get_pixel(x, y)[0]
    };
    assert!(at(0.75) < 64, "top quarter should be black: {}", at(0.75));
    assert!(
        at(0.25) > 192,
        "bottom quarter should be white: {}",
        at(0.25)
    );
}

/// A `w`×`h` RGB PNG, left half black and right half white, with an `eXIf` chunk (before the
/// image data, as PNG 3rd edition asks) holding EXIF `orientation`.
fn png_with_orientation(w: u32, h: u32, orientation: u8) -> Vec<u8> {
    let pixels: Vec<u8> = (0..w * h)
        .flat_map(|i| if i % w < w / 2 { [0u8; 3] } else { [255u8; 3] })
        .collect();
    let mut plain = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut plain),
        &pixels,
        w,
        h,
        image::ExtendedColorType::Rgb8,
    )
    .unwrap();
    // Big-endian TIFF this time (the JPEG helper writes little-endian): both must be read.
    let mut tiff = b"MM\0*".to_vec();
    tiff.extend_from_slice(&8u32.to_be_bytes());
    tiff.extend_from_slice(&1u16.to_be_bytes());
    tiff.extend_from_slice(&0x0112u16.to_be_bytes());
    tiff.extend_from_slice(&3u16.to_be_bytes());
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&(orientation as u16).to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes());
    let mut out = plain[..8].to_vec();
    for (kind, data) in png_chunks(&plain) {
        if &kind == b"IDAT" && !out.windows(4).any(|w| w == b"eXIf") {
            push_chunk(&mut out, b"eXIf", &tiff);
        }
        push_chunk(&mut out, &kind, &data);
    }
    out
}

/// The `(type, data)` of every chunk of a PNG file.
fn png_chunks(png: &[u8]) -> Vec<([u8; 4], Vec<u8>)> {
    let mut chunks = Vec::new();
    let mut i = 8;
    while i + 12 <= png.len() {
        let len = u32::from_be_bytes(png[i..i + 4].try_into().unwrap()) as usize;
        let kind: [u8; 4] = png[i + 4..i + 8].try_into().unwrap();
        chunks.push((kind, png[i + 8..i + 8 + len].to_vec()));
        i += 12 + len;
    }
    chunks
}

/// Appends one PNG chunk: length, type, data, CRC-32 of type and data.
fn push_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(&[kind.as_slice(), data].concat()).to_be_bytes());
}

/// CRC-32 (ISO 3309, as PNG uses it), bit by bit: a few hundred bytes in a test.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A definition written on Windows names `images\fig.png` or `Fig.PNG`, which Windows finds
/// and other systems do not: "file not found" now names the file meant. A file reached only
/// through a link out of the root is not named (an error must not tell what is outside).
#[test]
fn a_path_spelt_for_windows_names_the_file_it_meant() {
    let dir = temp_dir("input-windows-paths");
    std::fs::create_dir_all(dir.join("images")).unwrap();
    std::fs::copy(
        support::root().join("samples/cqa-2020-03-10/fig2.png"),
        dir.join("images/fig2.png"),
    )
    .unwrap();
    let render_figure = |figure: &str| {
        let def = dir.join("d.toml");
        std::fs::write(
            &def,
            format!(
                "layout = \"newsletter\"\n[bulletin]\npublisher = \"x\"\ndate = 2020-03-10\n\
                 [[blocks]]\nfigure = '{figure}'\n"
            ),
        )
        .unwrap();
        render(&def, &dir.join("d.pdf"), &[])
    };
    support::assert_fails(
        &render_figure("images\\fig2.png"),
        1,
        "file not found; `\\` separates folders only on Windows: write the path with `/` (",
    );
    support::assert_fails(
        &render_figure("images/Fig2.PNG"),
        1,
        "images/fig2.png, whose name differs only in capitals",
    );
    #[cfg(unix)]
    {
        let outside = temp_dir("input-windows-paths-outside");
        std::fs::write(outside.join("Secret.png"), b"x").unwrap();
        let _ = std::fs::remove_file(dir.join("link"));
        std::os::unix::fs::symlink(&outside, dir.join("link")).unwrap();
        let out = render_figure("link/secret.png");
        support::assert_fails(&out, 1, "file not found");
        assert!(!stderr(&out).contains("Secret"), "{}", stderr(&out));
    }
}

/// A phone photo's colour profile (an iPhone's Display P3) goes into the PDF as the image's
/// ICCBased colour space — also when the photo was stored sideways and is turned and encoded
/// again — instead of its numbers being taken for sRGB. Two photos with the same profile share
/// one profile stream.
#[test]
fn a_photos_colour_profile_goes_into_the_pdf() {
    let dir = temp_dir("input-photo-profile");
    let mut profile = vec![0u8; 700];
    profile[..4].copy_from_slice(&700u32.to_be_bytes());
    profile[16..20].copy_from_slice(b"RGB ");
    profile[36..40].copy_from_slice(b"acsp");
    profile[100..110].copy_from_slice(b"Display P3");
    for (name, orientation) in [("upright.jpg", 1), ("sideways.jpg", 6)] {
        let jpeg = support::jpeg_with_orientation(8, 6, orientation);
        let mut with = jpeg[..2].to_vec();
        with.extend_from_slice(&[0xFF, 0xE2]);
        with.extend_from_slice(&((profile.len() + 16) as u16).to_be_bytes());
        with.extend_from_slice(b"ICC_PROFILE\0\x01\x01");
        with.extend_from_slice(&profile);
        with.extend_from_slice(&jpeg[2..]);
        std::fs::write(dir.join(name), with).unwrap();
    }
    let def = dir.join("d.toml");
    std::fs::write(
        &def,
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"x\"\ndate = 2020-03-10\n\
         [[blocks]]\nfigure = 'upright.jpg'\n[[blocks]]\nfigure = 'sideways.jpg'\n",
    )
    .unwrap();
    let pdf = dir.join("d.pdf");
    let out = render(&def, &pdf, &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let info = support::pdf_inspect::inspect_file(&pdf);
    assert_eq!(info.image_xobjects.len(), 2, "{:?}", info.image_xobjects);
    for image in &info.image_xobjects {
        assert_eq!(image.color_space, "ICCBased", "{image:?}");
        assert_eq!(image.icc.as_deref(), Some(&profile[..]));
    }
    let shared = &info.image_xobjects[0].icc_object;
    assert!(shared.is_some());
    assert_eq!(&info.image_xobjects[1].icc_object, shared);
}
