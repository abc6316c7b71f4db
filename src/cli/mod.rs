//! The command line: parses arguments and calls the library. No typesetting happens here.

mod batch;
mod document;
mod fix;
mod import;
mod new;
mod preview;
mod render;
mod watch;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Exit status: success.
pub const EXIT_OK: i32 = 0;
/// Exit status: the input had an error (or a warning under `--strict`); nothing was written.
pub const EXIT_INPUT: i32 = 1;
/// Exit status: the command line itself was wrong.
pub const EXIT_USAGE: i32 = 2;

#[derive(Parser)]
#[command(
    name = "jianbao",
    version,
    about = "Typesets Chinese bulletins (简报) written as TOML into print-ready PDF"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Render one bulletin definition to PDF.
    Render(render::RenderArgs),
    /// Start the next issue's definition from the previous one.
    New(new::NewArgs),
    /// Rewrite half-width ,;:() between Chinese characters to full width, in place.
    Fix(fix::FixArgs),
    /// Turn an article (.docx or .md) into blocks of a definition: headings, paragraphs, figures.
    Import(import::ImportArgs),
    /// Draw pages as PNG images (without a PDF viewer).
    Preview(preview::PreviewArgs),
    /// Render, then render again whenever the definition, its layouts, images or fonts change.
    Watch(watch::WatchArgs),
    /// Render many bulletins in parallel; optionally merge them into one print file and print it.
    Batch(batch::BatchArgs),
    /// List the available layouts.
    Layouts(PathArgs),
    /// List the fonts found in the font directories.
    Fonts(PathArgs),
}

/// Where to find layouts and fonts besides the defaults.
#[derive(Args, Clone, Debug, Default)]
pub struct PathArgs {
    /// Also look for layouts here (before the built-in layouts/).
    #[arg(long = "layout-dir", value_name = "DIR")]
    pub layout_dirs: Vec<PathBuf>,
    /// Also look for fonts here (before the built-in fonts/).
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
}

/// The directory a definition's files must stay in.
#[derive(Args, Clone, Debug, Default)]
pub struct RootArg {
    /// Files the definition names (images, layouts and fonts given as paths) must be inside DIR
    /// [default: the definition's directory].
    #[arg(long = "root", value_name = "DIR")]
    pub root: Option<PathBuf>,
}

impl RootArg {
    /// The root for one definition: `--root`, or the definition's directory.
    pub fn for_definition(&self, definition: &std::path::Path) -> PathBuf {
        match &self.root {
            Some(r) => r.clone(),
            None => match definition.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => PathBuf::from("."),
            },
        }
    }
}

impl PathArgs {
    pub fn search_paths(&self) -> crate::assets::SearchPaths {
        let mut paths = crate::assets::SearchPaths::from_env();
        for (extra, dirs) in [
            (&self.layout_dirs, &mut paths.layout_dirs),
            (&self.font_dirs, &mut paths.font_dirs),
        ] {
            let mut all = extra.clone();
            all.append(dirs);
            *dirs = all;
        }
        paths
    }
}

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    match cli.command {
        Command::Render(args) => render::run(&args),
        Command::New(args) => new::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Layouts(paths) => list_layouts(&paths),
        Command::Fonts(paths) => list_fonts(&paths),
    }
}

fn list_layouts(paths: &PathArgs) -> i32 {
    let assets = crate::assets::FsAssets::new(paths.search_paths());
    for (name, path) in assets.layouts() {
        let description = std::fs::read_to_string(&path)
            .ok()
            .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
            .and_then(|t| {
                t.get("description")
                    .and_then(|d| d.as_str().map(str::to_string))
            })
            .unwrap_or_default();
        println!("{name:<14} {description}");
    }
    EXIT_OK
}

fn list_fonts(paths: &PathArgs) -> i32 {
    let assets = crate::assets::FsAssets::new(paths.search_paths());
    for face in assets.catalog().faces() {
        println!(
            "{:<28} {:<16} {:<8} {} glyphs",
            face.full_name,
            face.family,
            face.style,
            face.face().number_of_glyphs()
        );
    }
    EXIT_OK
}
