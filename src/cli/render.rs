//! `jianbao render`.

use super::{PathArgs, RootArg, EXIT_INPUT, EXIT_OK};
use crate::assets::{write_atomically, FsAssets};
use crate::diagnostics::{self, Style};
use crate::error::{Error, Source};
use clap::Args;
use std::path::{Path, PathBuf};

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
    #[command(flatten)]
    pub root: RootArg,
}

pub fn run(args: &RenderArgs) -> i32 {
    let assets = FsAssets::new(args.paths.search_paths());
    match render_one(args, &assets) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprint!("{}", diagnostics::error(&e, Style::for_stderr()));
            EXIT_INPUT
        }
    }
}

fn render_one(args: &RenderArgs, assets: &FsAssets) -> Result<(), Error> {
    let source = read_definition(&args.definition)?;
    let confined = assets.confined(&args.root.for_definition(&args.definition))?;
    let rendered = crate::render(&source, &confined)?;
    print_warnings(&rendered.warnings);
    if args.dump_lines {
        print_lines(&rendered.lines);
    }
    if args.strict && !rendered.warnings.is_empty() {
        return Err(strict_error(rendered.warnings.len(), &args.definition));
    }
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.definition.with_extension("pdf"));
    write_atomically(&output, &rendered.pdf)?;
    if !args.quiet {
        eprintln!(
            "wrote {} ({} page{}, {} KB)",
            output.display(),
            rendered.pages,
            if rendered.pages == 1 { "" } else { "s" },
            rendered.pdf.len().div_ceil(1024)
        );
    }
    Ok(())
}

/// Prints warnings to stderr, each with its source line when it has one.
pub fn print_warnings(warnings: &[crate::error::Warning]) {
    let style = Style::for_stderr();
    for w in warnings {
        eprint!("{}", diagnostics::warning(w, style));
    }
}

/// The error `--strict` turns warnings into.
pub fn strict_error(count: usize, definition: &Path) -> Error {
    Error::new(
        crate::error::ErrorKind::Strict,
        format!(
            "{count} warning{} and --strict: nothing written",
            if count == 1 { "" } else { "s" }
        ),
    )
    .with_path(definition)
}

/// Reads a definition file as UTF-8 text.
pub fn read_definition(path: &Path) -> Result<Source, Error> {
    let bytes =
        crate::assets::read_limited(path, crate::assets::MAX_DEFINITION_BYTES, "a definition")
            .map_err(|msg| Error::new(crate::error::ErrorKind::Io, msg))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            crate::error::ErrorKind::Syntax,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
        .with_path(path)
    })?;
    Ok(Source::new(path, text))
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
