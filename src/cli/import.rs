//! `jianbao import ARTICLE.docx|ARTICLE.md [-o DEF.toml | --append-to DEF.toml]`.
//!
//! Reads the article ([`crate::import`]), saves its images under `images/` next to the
//! definition (named after the article: `images/第一篇-1.png`), and writes the blocks: a new
//! definition (with a `[bulletin]` head to fill in) or appended to an existing one, which is
//! checked to read back before it is replaced. Missing directories for the new definition and
//! its images are created.

use super::document::exit_status;
use super::output::ui;
use crate::assets::{read_limited, write_atomically, MAX_IMAGE_BYTES};
use crate::error::{Error, ErrorKind, Source, Warning};
use crate::import::{self, Article};
use crate::messages::msg;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The article: a Word document (.docx) or Markdown (.md).
    pub article: PathBuf,
    /// Write a new definition [default: the article's name with .toml].
    #[arg(short, long, value_name = "DEF.toml", conflicts_with = "append_to")]
    pub output: Option<PathBuf>,
    /// Append the article's blocks to this definition instead.
    #[arg(long, value_name = "DEF.toml")]
    pub append_to: Option<PathBuf>,
    /// The layout a new definition names.
    #[arg(long, default_value = "newsletter")]
    pub layout: String,
    /// Replace a definition or image file that exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: &ImportArgs) -> i32 {
    exit_status(import_article(args))
}

/// Warnings of one kind shown before the rest of that kind are counted in one line: a Word file
/// laid out in text boxes gives one warning a box. `-v` and JSON output show them all.
const SHOWN_PER_KIND: usize = 5;

/// Prints the reader's warnings, at most [`SHOWN_PER_KIND`] of a kind unless asked for all.
fn report(article: &import::Article, path: &str) {
    let all = ui().verbose || ui().json;
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for warning in &article.warnings {
        let seen = match kinds.iter_mut().find(|(code, _)| *code == warning.code) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                kinds.push((warning.code, 1));
                1
            }
        };
        if all || seen <= SHOWN_PER_KIND {
            ui().warning(&Warning::new(warning.clone(), path));
        }
    }
    for (code, n) in kinds {
        if !all && n > SHOWN_PER_KIND {
            let more = msg::import_more_warnings(n - SHOWN_PER_KIND, code);
            ui().warning(&Warning::new(more, path));
        }
    }
}

fn import_article(args: &ImportArgs) -> Result<(), Error> {
    let article = read_article(&args.article)?;
    report(&article, &args.article.display().to_string());
    let (definition, existing) = match &args.append_to {
        Some(def) => {
            let source = super::document::read_definition(def)?;
            (def.clone(), Some(source))
        }
        None => {
            let def = args
                .output
                .clone()
                .unwrap_or_else(|| args.article.with_extension("toml"));
            if def.exists() && !args.force {
                return Err(Error::new(ErrorKind::Invalid, msg::import_exists()).with_path(&def));
            }
            (def, None)
        }
    };
    // `--force` replaces an earlier definition, never the article being read.
    crate::assets::refuse_input_as_output(&definition, &[&args.article])?;
    super::new::create_parent(&definition)?;
    let dir = crate::paths::dir_of(&definition).to_path_buf();
    let stem = args
        .article
        .file_stem()
        .map_or("article".into(), |s| s.to_string_lossy().into_owned());
    let figure_path = |i: usize, img: &import::ImageItem| {
        let ext = if img.bytes.starts_with(&[0xFF, 0xD8]) {
            "jpg"
        } else {
            "png"
        };
        format!("images/{stem}-{}.{ext}", i + 1)
    };
    let blocks = import::blocks_toml(&article, &figure_path);
    let text = match &existing {
        Some(source) => {
            let mut text = source.text.to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!("\n# ── {} ──\n", args.article.display()));
            text + &blocks
        }
        None => new_definition(&args.layout, &args.article) + &blocks,
    };
    // What is written must be a definition render reads: no larger than it takes, and valid.
    let limit = crate::assets::MAX_DEFINITION_BYTES;
    if text.len() as u64 > limit {
        let mb = |b: u64| b.div_ceil(1024 * 1024);
        return Err(Error::new(
            ErrorKind::Invalid,
            msg::import_definition_too_large(mb(limit), mb(text.len() as u64)),
        )
        .with_path(&definition));
    }
    crate::model::definition::parse(&Source::new(definition.clone(), text.as_str())).map_err(
        |e| Error::new(ErrorKind::Invalid, msg::import_not_readable(e)).with_path(&definition),
    )?;
    let images = article.pictures();
    for (i, img) in images.iter().enumerate() {
        let path = dir.join(figure_path(i, img));
        // An image written over the article or the definition would lose one of them.
        crate::assets::refuse_input_as_output(&path, &[&args.article, &definition])?;
        if path.exists()
            && !args.force
            && std::fs::read(&path).ok().as_deref() != Some(&img.bytes[..])
        {
            return Err(Error::new(ErrorKind::Invalid, msg::image_exists_force()).with_path(&path));
        }
        super::new::create_parent(&path)?;
        write_atomically(&path, &img.bytes)?;
    }
    write_atomically(&definition, text.as_bytes())?;
    if ui().chatty() {
        let count = |f: fn(&import::Item) -> bool| article.items.iter().filter(|i| f(i)).count();
        eprintln!(
            "{}",
            msg::imported(
                definition.display(),
                count(|i| matches!(i, import::Item::Title(_))),
                count(|i| matches!(i, import::Item::Heading(..))),
                count(|i| matches!(i, import::Item::Paragraph(_))),
                count(|i| matches!(i, import::Item::Image(_))),
                count(|i| matches!(i, import::Item::List(_))),
                count(|i| matches!(i, import::Item::Table(_))),
            )
        );
    }
    Ok(())
}

/// Reads a .docx or .md article by its extension.
fn read_article(path: &Path) -> Result<Article, Error> {
    let fail = |message: String| Error::new(ErrorKind::Invalid, message).with_path(path);
    let bytes = read_limited(path, MAX_IMAGE_BYTES, &msg::what_an_article().text)
        .map_err(|m| Error::new(ErrorKind::Io, m))?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // What the bytes are, where the name can mislead: WPS and web systems save Word files under
    // .doc names, and a password-protected .docx is not a zip archive at all.
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    match ext.as_str() {
        "docx" | "docm" | "dotx" | "dotm" if ole => Err(fail(msg::docx_is_ole().text)),
        "docx" | "docm" | "dotx" | "dotm" => import::docx::read(&bytes).map_err(fail),
        "doc" | "wps" if zip => import::docx::read(&bytes).map_err(fail),
        "md" | "markdown" | "txt" => {
            let decoded = crate::assets::decode_text(&bytes).map_err(fail)?;
            if let Some(w) = decoded.warning() {
                ui().warning(&Warning::new(w, path.display().to_string()));
            }
            let base = crate::paths::dir_of(path).to_path_buf();
            import::markdown::read(&decoded.text, &mut |name| {
                let file = base.join(name);
                read_limited(&file, MAX_IMAGE_BYTES, &msg::what_an_image().text)
            })
            .map_err(fail)
        }
        "doc" | "wps" => Err(fail(msg::import_old_word().text)),
        _ => Err(fail(msg::import_formats().text)),
    }
}

/// The head of a new definition: the layout and a `[bulletin]` to fill in (its publisher is a
/// placeholder, which rendering warns about until it is replaced).
fn new_definition(layout: &str, article: &Path) -> String {
    let today = super::new::today();
    format!(
        "# 由 jianbao import 从 {} 导入：检查各块，填好 [bulletin]。\nlayout = {}\n\n[bulletin]\npublisher = '（编印单位）'\ndate = {}\n",
        article.display(),
        toml_edit::Value::from(layout),
        today.iso()
    )
}
