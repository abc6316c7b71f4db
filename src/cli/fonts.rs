//! `jianbao fonts`: the installed fonts a definition can name, with their Chinese and English
//! names, styles, files and how much of GB 2312 / GBK / GB 18030 each covers, so that a clerk
//! sees before printing whether a rare character in a name will be a box, and which font has it.

use super::meta::write_stdout;
use super::output::ui;
use super::{PathArgs, EXIT_INPUT};
use crate::assets::{CatalogFace, FsAssets};
use crate::fonts::coverage::{self, Coverage};
use crate::fonts::FontFace;
use clap::Args;
use rayon::prelude::*;
use std::sync::Arc;

#[derive(Args, Clone, Debug)]
pub struct FontsArgs {
    /// Only this family (any of its names, in any language: 仿宋_GB2312 or FangSong_GB2312).
    #[arg(value_name = "FAMILY")]
    pub family: Option<String>,
    /// List every font, also those without Chinese characters.
    #[arg(long)]
    pub all: bool,
    /// Only fonts that have all of these characters (`--has 䶮堃喆`).
    #[arg(long, value_name = "CHARS")]
    pub has: Option<String>,
    #[command(flatten)]
    pub paths: PathArgs,
}

pub fn run(args: &FontsArgs) -> i32 {
    let assets = FsAssets::new(args.paths.search_paths());
    let catalog = assets.catalog();
    let entries: Vec<&CatalogFace> = match &args.family {
        Some(name) => {
            let found = catalog.matching(name);
            if found.is_empty() {
                ui().fail(catalog.find(name).err().unwrap_or_default());
                return EXIT_INPUT;
            }
            found
        }
        None => catalog.entries(),
    };
    // Faces that do not open (a broken file) are left out, as they are when looked up by name.
    let mut faces: Vec<Shown> = entries
        .into_iter()
        .filter_map(|entry| {
            let face = catalog.open_face(&entry.path, entry.index).ok()?;
            Some(Shown { entry, face })
        })
        .collect();
    if let Some(chars) = &args.has {
        faces.retain(|s| {
            chars
                .chars()
                .all(|c| c.is_whitespace() || s.face.glyph(c).is_some())
        });
    }
    let covered: Vec<Coverage> = faces
        .par_iter()
        .map(|s| coverage::sets().count(|c| s.face.glyph(c).is_some()))
        .collect();
    // A family named on the command line, or asked for by character, is shown even when it has
    // no Chinese characters.
    let everything = args.all || args.family.is_some() || args.has.is_some();
    let shown: Vec<(Shown, Coverage)> = faces
        .into_iter()
        .zip(covered)
        .filter(|(_, c)| everything || c.gb2312_level1 > 0)
        .collect();
    let text = if ui().quiet {
        family_names(&shown)
    } else if ui().verbose {
        format!(
            "{}\n{}",
            listing(&shown, true),
            assets.paths().describe(true)
        )
    } else {
        listing(&shown, false)
    };
    let status = write_stdout(text.as_bytes());
    if shown.is_empty() && !ui().quiet {
        eprintln!(
            "{}",
            if args.has.is_some() {
                crate::messages::msg::no_fonts_have_all()
            } else {
                crate::messages::msg::no_chinese_fonts()
            }
        );
    }
    status
}

/// `-q`: each family's name, once, in search order.
fn family_names(shown: &[(Shown, Coverage)]) -> String {
    let mut out = String::new();
    for family in families(shown) {
        out.push_str(family);
        out.push('\n');
    }
    out
}

/// The families of the faces listed, in search order, each once.
fn families<'a>(shown: &'a [(Shown, Coverage)]) -> Vec<&'a str> {
    let mut families: Vec<&str> = Vec::new();
    for (s, _) in shown {
        if !families.contains(&s.entry.info.family.as_str()) {
            families.push(&s.entry.info.family);
        }
    }
    families
}

/// A face to list: where it was found, and the face opened.
struct Shown<'a> {
    entry: &'a CatalogFace,
    face: Arc<FontFace>,
}

/// The listing: one block per family (in search order), one line per face; `verbose` adds each
/// face's full and PostScript names.
fn listing(shown: &[(Shown, Coverage)], verbose: bool) -> String {
    let t = coverage::sets().totals();
    let mut out = format!(
        "Coverage is counted in Han characters: GB 2312 level 1 of {}, level 2 of {}, GBK of {}, GB 18030 of {}.\n",
        t.gb2312_level1, t.gb2312_level2, t.gbk, t.gb18030
    );
    for family in families(shown) {
        let members: Vec<&(Shown, Coverage)> = shown
            .iter()
            .filter(|(s, _)| s.entry.info.family == family)
            .collect();
        let info = &members[0].0.entry.info;
        let mut other: Vec<&str> = info
            .families
            .iter()
            .map(String::as_str)
            .filter(|f| *f != family)
            .collect();
        other.dedup();
        out.push('\n');
        out.push_str(family);
        if !other.is_empty() {
            out.push_str(&format!(" / {}", other.join(" / ")));
        }
        out.push('\n');
        let width = members
            .iter()
            .map(|(s, _)| s.entry.info.style.chars().count())
            .max()
            .unwrap_or(0);
        for (e, c) in members {
            out.push_str(&face_line(e, c, width));
            if verbose {
                out.push_str(&names_line(&e.entry.info, width));
            }
        }
    }
    out
}

fn face_line(s: &Shown, c: &Coverage, width: usize) -> String {
    let (e, info) = (s.entry, &s.entry.info);
    let outlines = if s.face.is_cff() { "CFF" } else { "TrueType" };
    let mut line = format!(
        "  {:<width$}  {:<8} GB 2312 {:>4} + {:>4}  GBK {:>5}  GB 18030 {:>5}  {}",
        info.style,
        outlines,
        c.gb2312_level1,
        c.gb2312_level2,
        c.gbk,
        c.gb18030,
        e.path.display()
    );
    if s.face.data().starts_with(b"ttcf") {
        line.push_str(&format!(" (face {})", e.index));
    }
    if e.system {
        line.push_str(" [system]");
    }
    if let Some(why) = info.embedding_forbidden() {
        line.push_str(&format!("\n  {:<width$}  not used: {why}", ""));
    }
    line.push('\n');
    line
}

/// `-v`: the names that select this face on its own (full and PostScript names).
fn names_line(info: &crate::fonts::FaceInfo, width: usize) -> String {
    format!("  {:<width$}  names: {}\n", "", info.face_names.join(", "))
}
