//! `jianbao preview`: pages as PNG images, drawn by the project's own rasteriser.

use super::document::{check_strict, exit_status, lay_out_file, print_warnings};
use super::{PathArgs, RootArg};
use crate::assets::{write_atomically, FsAssets};
use crate::error::{Error, ErrorKind};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// The bulletin definition (TOML).
    pub definition: PathBuf,
    /// The page to draw, counted from 1 in the PDF's order (not the printed number).
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub page: Option<usize>,
    /// Draw every page (OUT is then a directory).
    #[arg(long)]
    pub all: bool,
    /// Resolution in dots per inch (10–600).
    #[arg(long, value_name = "D", default_value_t = 96.0)]
    pub dpi: f64,
    /// The PNG to write, or with --all the directory to write NAME-N.png files into
    /// [default: next to the definition, NAME-N.png].
    #[arg(short, long, value_name = "OUT.png|DIR")]
    pub output: Option<PathBuf>,
    /// Treat warnings as errors (nothing is written if there is any).
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub paths: PathArgs,
    #[command(flatten)]
    pub root: RootArg,
}

pub fn run(args: &PreviewArgs) -> i32 {
    let assets = FsAssets::new(args.paths.search_paths());
    exit_status(preview(args, &assets))
}

fn preview(args: &PreviewArgs, assets: &FsAssets) -> Result<(), Error> {
    let confined = assets.confined(&args.root.for_definition(&args.definition))?;
    let (doc, layout) = lay_out_file(&args.definition, &confined)?;
    print_warnings(&layout.warnings);
    check_strict(args.strict, &layout, &args.definition)?;
    let count = layout.pages.len();
    let pages: Vec<usize> = if args.all {
        (0..count).collect()
    } else {
        let n = args.page.unwrap_or(1);
        if n == 0 || n > count {
            return Err(Error::new(
                ErrorKind::Invalid,
                format!(
                    "there is no page {n}: the document has {count} page{}",
                    if count == 1 { "" } else { "s" }
                ),
            )
            .with_path(&args.definition));
        }
        vec![n - 1]
    };
    let canvases = crate::preview::render_pages(&doc, &layout, &pages, args.dpi)
        .map_err(|e| e.with_path(&args.definition))?;
    let stem = args
        .definition
        .file_stem()
        .map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
    let digits = count.to_string().len();
    let name = |p: usize| format!("{stem}-{:0digits$}.png", p + 1);
    let default_dir = crate::paths::dir_of(&args.definition);
    let targets: Vec<PathBuf> = match (&args.output, args.all) {
        (Some(dir), true) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
            pages.iter().map(|&p| dir.join(name(p))).collect()
        }
        (Some(out), false) if out.is_dir() => vec![out.join(name(pages[0]))],
        (Some(out), false) => vec![out.clone()],
        (None, _) => pages.iter().map(|&p| default_dir.join(name(p))).collect(),
    };
    for target in &targets {
        super::document::check_output(target, &args.definition)?;
    }
    for (canvas, target) in canvases.iter().zip(&targets) {
        let png = canvas
            .to_png()
            .map_err(|msg| Error::new(ErrorKind::Io, msg).with_path(target))?;
        write_atomically(target, &png)?;
    }
    if !args.quiet {
        report(&targets, canvases.first().map(|c| (c.width, c.height)));
    }
    Ok(())
}

fn report(targets: &[PathBuf], size: Option<(u32, u32)>) {
    let (w, h) = size.unwrap_or_default();
    match targets {
        [one] => eprintln!("wrote {} ({w}×{h} px)", one.display()),
        many => eprintln!(
            "wrote {} pages to {} ({w}×{h} px each)",
            many.len(),
            many.first()
                .and_then(|p| p.parent())
                .unwrap_or(Path::new("."))
                .display()
        ),
    }
}
