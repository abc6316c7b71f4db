//! `jianbao render`.

use super::document::{pages_text, render_file};
use super::{PathArgs, EXIT_INPUT, EXIT_OK};
use crate::assets::FsAssets;
use crate::error::Error;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// The bulletin definition (TOML).
    pub definition: PathBuf,
    /// Where to write the PDF (default: the definition's name with .pdf).
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,
    /// Print every set line with its break reason and adjustment ratio.
    #[arg(long)]
    pub dump_lines: bool,
    /// Treat warnings as errors (nothing is written if there is any).
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but errors and warnings.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub paths: PathArgs,
}

pub fn run(args: &RenderArgs) -> i32 {
    let assets = FsAssets::new(args.paths.search_paths());
    match render_one(args, &assets) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_INPUT
        }
    }
}

fn render_one(args: &RenderArgs, assets: &FsAssets) -> Result<(), Error> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.definition.with_extension("pdf"));
    let written = render_file(
        &args.definition,
        &output,
        assets,
        args.strict,
        &mut |layout| {
            for w in &layout.warnings {
                eprintln!("{w}");
            }
            if args.dump_lines {
                print_lines(&layout.lines);
            }
        },
    )?;
    if !args.quiet {
        eprintln!(
            "wrote {} ({}, {} KB)",
            output.display(),
            pages_text(written.pages()),
            written.bytes.div_ceil(1024)
        );
    }
    Ok(())
}

/// Prints the set lines; stops quietly if stdout closes (`| head`).
fn print_lines(lines: &[crate::page::LineRecord]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    for l in lines {
        let written = writeln!(
            out,
            "p{:<3} b{:<3} {:<9} {:>7.3} {:<9} {:>6.1}/{:<6.1} {}",
            l.page + 1,
            l.block,
            format!("{:?}", l.role).to_lowercase(),
            l.ratio,
            l.end.as_str(),
            l.width.0,
            l.measure.0,
            l.text
        );
        if written.is_err() {
            return;
        }
    }
}
