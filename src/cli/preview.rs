//! `jianbao preview`: pages as PNG images, drawn by the project's own rasteriser.

use super::document::{
    check_strict, exit_status, is_stdio, lay_out_file, output_name, print_warnings,
    stdout_usable_for, write_output,
};
use super::output::ui;
use super::{usage_error, PathArgs, RootArg};
use crate::assets::FsAssets;
use crate::error::{Error, ErrorKind};
use crate::messages::msg;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct PreviewArgs {
    /// The bulletin definition (TOML); `-` reads it from standard input (then give -o).
    pub definition: PathBuf,
    /// The page to draw, counted from 1 in the PDF's order (not the printed number).
    #[arg(long, value_name = "N", conflicts_with = "all")]
    pub page: Option<usize>,
    /// Draw every page (OUT is then a directory).
    #[arg(long)]
    pub all: bool,
    /// Resolution in dots per inch (10–600).
    #[arg(long, value_name = "D", default_value_t = 96.0, value_parser = parse_dpi)]
    pub dpi: f64,
    /// The PNG to write (`-`: standard output), or with --all the directory to write NAME-N.png
    /// files into [default: next to the definition, NAME-N.png].
    #[arg(short, long, value_name = "OUT.png|DIR")]
    pub output: Option<PathBuf>,
    /// Treat warnings as errors (nothing is written if there is any).
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub paths: PathArgs,
    #[command(flatten)]
    pub root: RootArg,
}

/// `--dpi`: a number within [`crate::preview::DPI_RANGE`] (outside it is a usage error).
fn parse_dpi(text: &str) -> Result<f64, String> {
    let range = crate::preview::DPI_RANGE;
    text.parse::<f64>()
        .ok()
        .filter(|d| range.contains(d))
        .ok_or_else(|| msg::bad_dpi(range.start(), range.end()).text)
}

pub fn run(args: &PreviewArgs) -> i32 {
    let to_stdout = args.output.as_deref().is_some_and(is_stdio);
    if to_stdout && args.all {
        return usage_error(msg::all_to_stdout());
    }
    if let Err(message) = to_stdout
        .then(|| stdout_usable_for(msg::what_the_png()))
        .transpose()
    {
        return usage_error(message);
    }
    if is_stdio(&args.definition) && args.output.is_none() {
        return usage_error(msg::preview_stdin_needs_output());
    }
    let assets = FsAssets::new(args.paths.search_paths());
    exit_status(preview(args, &assets))
}

fn preview(args: &PreviewArgs, assets: &FsAssets) -> Result<(), Error> {
    let confined = assets.confined(&args.root.for_definition(&args.definition))?;
    let (doc, layout) = lay_out_file(&args.definition, &confined)?;
    for note in &doc.notes {
        ui().note(note);
    }
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
                match count {
                    1 => msg::no_such_page_one(n),
                    _ => msg::no_such_page(n, count),
                },
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
        (Some(out), false) if !is_stdio(out) && out.is_dir() => vec![out.join(name(pages[0]))],
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
        write_output(target, &png)?;
    }
    if ui().chatty() {
        report(&targets, canvases.first().map(|c| (c.width, c.height)));
    }
    Ok(())
}

fn report(targets: &[PathBuf], size: Option<(u32, u32)>) {
    let (w, h) = size.unwrap_or_default();
    match targets {
        [one] => eprintln!("{}", msg::wrote_png(output_name(one), w, h)),
        many => eprintln!(
            "{}",
            msg::wrote_pngs(
                many.len(),
                many.first()
                    .and_then(|p| p.parent())
                    .unwrap_or(Path::new("."))
                    .display(),
                w,
                h
            )
        ),
    }
}
