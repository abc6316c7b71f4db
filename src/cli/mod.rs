//! The command line: parses arguments and calls the library. No typesetting happens here.

mod batch;
mod document;
mod fix;
mod fonts;
mod import;
mod localized;
mod meta;
mod new;
pub mod output;
mod preview;
mod render;
mod watch;

use crate::messages::{msg, Message};
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use output::{clap_color, set_ui, ui, ColorChoice, MessageFormat, Ui};
use std::ffi::OsString;
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
    version = env!("JIANBAO_VERSION"),
    about = "Typesets Chinese bulletins (简报) written as TOML into print-ready PDF"
)]
struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// The heading the global options are listed under in every command's help.
const GLOBAL: &str = "Global options";

/// Options every command takes, before or after the command's name.
#[derive(Args, Clone, Debug)]
struct GlobalArgs {
    /// Colour errors and warnings.
    #[arg(
        long,
        value_name = "WHEN",
        value_enum,
        default_value_t,
        global = true,
        help_heading = "Global options"
    )]
    color: ColorChoice,
    /// How errors and warnings are printed on stderr.
    #[arg(
        long,
        value_name = "FORMAT",
        value_enum,
        default_value_t,
        global = true,
        help_heading = "Global options"
    )]
    message_format: MessageFormat,
    /// Print nothing but errors and warnings.
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        help_heading = "Global options"
    )]
    quiet: bool,
    /// Say more: how the layout was applied (fake bold in use, …), what is watched, where
    /// layouts and fonts were found.
    #[arg(short, long, global = true, help_heading = GLOBAL)]
    verbose: bool,
    /// Language of messages: zh (Chinese) or en (English); auto follows JIANBAO_LANG, then
    /// LC_ALL, LC_MESSAGES and LANG (zh_* gives Chinese).
    #[arg(
        long,
        value_name = "LANG",
        value_enum,
        default_value_t,
        global = true,
        help_heading = GLOBAL
    )]
    lang: LangChoice,
}

/// `--lang`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
enum LangChoice {
    /// From JIANBAO_LANG or the locale.
    #[default]
    Auto,
    /// Chinese (简体中文).
    Zh,
    /// English.
    En,
}

impl LangChoice {
    fn lang(self) -> crate::messages::Lang {
        use crate::messages::Lang;
        match self {
            LangChoice::Zh => Lang::Zh,
            LangChoice::En => Lang::En,
            LangChoice::Auto => Lang::from_env(&|v| std::env::var(v).ok()),
        }
    }
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
    /// List the installed fonts: names, styles, files and Chinese character coverage.
    Fonts(fonts::FontsArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(meta::CompletionsArgs),
    /// Print the manual page (roff), of jianbao or of one command.
    Man(meta::ManArgs),
}

/// An environment variable's name and its description (made in the run's language).
type EnvVar = (&'static str, fn() -> Message);

/// The environment variables jianbao reads: listed at the end of every `--help`, and in the man
/// page's ENVIRONMENT section.
const ENVIRONMENT: &[EnvVar] = &[
    ("JIANBAO_LAYOUT_PATH", msg::env_layout_path),
    ("JIANBAO_FONT_PATH", msg::env_font_path),
    ("JIANBAO_LANG", msg::env_lang),
    ("NO_COLOR", msg::env_no_color),
    ("CLICOLOR_FORCE", msg::env_clicolor_force),
    ("TERM", msg::env_term),
    ("JIANBAO_SHARDS", msg::env_shards),
    ("JOB_COMPLETION_INDEX", msg::env_job_index),
    (
        "SLURM_ARRAY_TASK_ID, SLURM_ARRAY_TASK_COUNT",
        msg::env_slurm,
    ),
    ("CUPS_SERVER", msg::env_cups),
];

/// [`ENVIRONMENT`] as the end of `--help`: names in a column, a long name on a line of its own.
fn environment_help() -> String {
    let mut text = msg::help_environment().text;
    for (name, what) in ENVIRONMENT {
        let what = what();
        if name.len() < 21 {
            text.push_str(&format!("\n  {name:<21} {what}"));
        } else {
            text.push_str(&format!("\n  {name}\n  {:<21} {what}", ""));
        }
    }
    text
}

/// The command-line definition without the help's closing text: what the man page is made from.
fn definition() -> clap::Command {
    Cli::command()
}

/// The whole command-line definition: what is parsed, and what completions are generated from;
/// its help in the language of the run.
fn command() -> clap::Command {
    let environment = environment_help();
    localized::help(
        definition()
            .after_help(environment.clone())
            .mut_subcommands(|c| c.after_help(environment.clone())),
    )
}

/// Where to find layouts and fonts besides the defaults.
#[derive(Args, Clone, Debug, Default)]
pub struct PathArgs {
    /// Also look for layouts here (first; `jianbao layouts -v` shows the whole order).
    #[arg(long = "layout-dir", value_name = "DIR")]
    pub layout_dirs: Vec<PathBuf>,
    /// Also look for fonts here (first; `jianbao fonts -v` shows the whole order).
    #[arg(long = "font-dir", value_name = "DIR")]
    pub font_dirs: Vec<PathBuf>,
    /// Do not look for fonts in the system's font directories.
    #[arg(long = "ignore-system-fonts")]
    pub ignore_system_fonts: bool,
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
        let mut paths = crate::assets::SearchPaths::with_dirs(&self.layout_dirs, &self.font_dirs);
        if self.ignore_system_fonts {
            paths.system_fonts = crate::assets::SystemFonts::None;
        }
        paths
    }
}

/// Runs the command line and returns the exit status.
pub fn main() -> i32 {
    // A third-party image decoder's panic is caught and reported as the file's error
    // (`images::decode_limited`): its "thread panicked at …" line would only alarm a clerk.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::images::inside_image_decoder() {
            default_hook(info)
        }
    }));
    let args: Vec<OsString> = std::env::args_os().collect();
    // The language first: clap's help and usage errors, and every message after, follow it.
    crate::messages::set_lang(option_in::<LangChoice>(&args, "--lang").lang());
    // clap prints its own help and usage errors before the options are known: give it the
    // colour choice the command line asks for.
    let color: ColorChoice = option_in(&args, "--color");
    let colors = color.colors(&|v| std::env::var(v).ok(), stderr_is_terminal());
    let matches = command()
        .color(clap_color(colors))
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match matches {
        Ok(cli) => cli,
        Err(e)
            if e.use_stderr()
                && option_in::<MessageFormat>(&args, "--message-format") == MessageFormat::Json =>
        {
            let message = clap_message(&e);
            eprintln!(
                "{}",
                crate::diagnostics::message_json("error", &message.into())
            );
            return EXIT_USAGE;
        }
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let g = &cli.global;
    set_ui(Ui::new(g.color, g.message_format, g.quiet, g.verbose));
    match cli.command {
        Command::Render(args) => render::run(&args),
        Command::New(args) => new::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Preview(args) => preview::run(&args),
        Command::Watch(args) => watch::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Layouts(paths) => list_layouts(&paths),
        Command::Fonts(args) => fonts::run(&args),
        Command::Completions(args) => meta::completions(&args),
        Command::Man(args) => meta::man(&args),
    }
}

fn stderr_is_terminal() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal()
}

/// An option's value as written on the command line (`--color WHEN`, `--color=WHEN`; the last
/// one wins, as with clap), before the full parse: clap reports its own errors before the
/// options are known, and they must follow `--color` and `--message-format` too.
fn option_in<T: ValueEnum + Default>(args: &[OsString], option: &str) -> T {
    let mut choice = T::default();
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        let value = match word.strip_prefix(option) {
            _ if word == "--" => break,
            Some("") => words.next().map(|w| w.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(v) = value.and_then(|v| T::from_str(&v, false).ok()) {
            choice = v;
        }
    }
    choice
}

/// The first line of a clap error, without its `error: `.
fn clap_message(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let first = text.lines().next().unwrap_or_default();
    first.strip_prefix("error: ").unwrap_or(first).to_string()
}

/// A command-line mistake found after parsing: reported like clap's, exit status 2.
pub fn usage_error(message: impl Into<crate::messages::Message>) -> i32 {
    ui().fail(message);
    EXIT_USAGE
}

/// `jianbao layouts`: name and description; `-q` names only; `-v` also the file.
fn list_layouts(paths: &PathArgs) -> i32 {
    use std::fmt::Write;
    let assets = crate::assets::FsAssets::new(paths.search_paths());
    let mut out = String::new();
    for (name, path) in assets.layouts() {
        if ui().quiet {
            let _ = writeln!(out, "{name}");
            continue;
        }
        let description = assets
            .layout_text_at(&path)
            .ok()
            .and_then(|t| toml::from_str::<toml::Table>(&t).ok())
            .and_then(|t| {
                t.get("description")
                    .and_then(|d| d.as_str().map(str::to_string))
            })
            .unwrap_or_default();
        let _ = writeln!(out, "{name:<14} {description}");
        if ui().verbose {
            let _ = writeln!(out, "{:<14} {}", "", shown(&path));
        }
    }
    if ui().verbose {
        let _ = write!(out, "\n{}", assets.paths().describe(false));
    }
    meta::write_stdout(out.as_bytes())
}
/// A path as shown to the user: on Windows without the `\\?\` prefix that resolving a path
/// there adds, elsewhere as it is.
pub fn shown(path: &std::path::Path) -> String {
    dunce::simplified(path).display().to_string()
}
