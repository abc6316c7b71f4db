//! `jianbao batch`: many bulletins in one run. Orchestration only — each definition goes
//! through [`super::document::render_file`], the same code path as `jianbao render`:
//!
//! 1. collect the inputs (files, directories, glob patterns, manifests) → [`inputs`];
//! 2. keep this machine's share under `--shard` → [`shard`];
//! 3. render them in parallel on a rayon pool, all sharing one [`FsAssets`] (each font file
//!    mapped and parsed once for the whole batch), reporting as they finish → [`progress`];
//!    one failure is reported and the others go on;
//! 4. with `--merge`, write every bulletin into one print file → [`merge`], and with `--print`
//!    send it to CUPS → [`print`].

mod inputs;
mod merge;
mod pattern;
mod print;
mod progress;
mod record;
mod shard;

use super::document::{pages_text, render_file, Written};
use super::output::ui;
use super::{PathArgs, RootArg, EXIT_INPUT, EXIT_OK, EXIT_USAGE};
use crate::assets::{write_atomically, FsAssets};
use crate::error::{Error, ErrorKind};
use crate::messages::msg;
use clap::Args;
use inputs::Item;
use progress::Progress;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The most worker threads `-j` may ask for: each holds a document in memory, and thousands of
/// threads only make the operating system refuse to start more.
const MAX_JOBS: u32 = 256;

#[derive(Args, Debug)]
pub struct BatchArgs {
    /// Definitions, directories (searched recursively for definitions), glob patterns
    /// ('issues/**/*.toml'), or batch manifests.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// The directory the PDFs go to (created if missing); a definition found in a directory
    /// keeps its path below it.
    #[arg(short, long = "output", value_name = "OUTDIR")]
    pub outdir: PathBuf,
    /// Render N bulletins at a time, 1–256 (default: one per core).
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_JOBS as i64))]
    pub jobs: Option<u32>,
    /// Also write one print-ready PDF with all bulletins, in order.
    #[arg(long, value_name = "FILE.pdf")]
    pub merge: Option<PathBuf>,
    /// In the merged PDF, start every bulletin (and copy) on an odd page, for double-sided
    /// printing.
    #[arg(long, requires = "merge")]
    pub duplex: bool,
    /// Repeat each bulletin in the merged PDF: N times, or (no N) as many times as it asks for
    /// — the manifest's `copies`, else the definition's 共印 N 份 (`[bulletin] copies`), else 1.
    #[arg(long, value_name = "N", num_args = 0..=1, requires = "merge",
          value_parser = clap::value_parser!(u32).range(1..))]
    pub copies: Option<Option<u32>>,
    /// Send the merged PDF to a CUPS queue with `lp` (no QUEUE: the default destination).
    #[arg(long, value_name = "QUEUE", num_args = 0..=1, requires = "merge")]
    pub print: Option<Option<String>>,
    /// Render only shard K of N (K from 1), or `auto` / `auto/N` from a Kubernetes Indexed Job
    /// (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID); N from auto/N,
    /// JIANBAO_SHARDS or SLURM_ARRAY_TASK_COUNT.
    #[arg(long, value_name = "K/N|auto[/N]", conflicts_with = "merge")]
    pub shard: Option<shard::ShardArg>,
    /// Write a manifest of this run (definitions, outputs, copies) to repeat it exactly.
    #[arg(long, value_name = "FILE.toml")]
    pub save_manifest: Option<PathBuf>,
    /// Print what would be rendered (definition and PDF, tab-separated) and stop.
    #[arg(long)]
    pub list: bool,
    /// A bulletin with warnings fails (its PDF is not written).
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub paths: PathArgs,
    /// Files each definition names must be inside DIR [default: each definition's directory].
    #[command(flatten)]
    pub root: RootArg,
}

/// A bulletin that rendered.
struct Done {
    pages: usize,
    copies: Option<u32>,
    /// Kept for the merged PDF only.
    laid: Option<Box<Written>>,
}

pub fn run(args: &BatchArgs) -> i32 {
    let start = Instant::now();
    let inputs::Inputs {
        items,
        notes,
        rules,
        skipped,
    } = match select(args) {
        Ok(selected) => selected,
        Err(status) => return status,
    };
    if args.list {
        for i in &items {
            let output = args.outdir.join(&i.output);
            println!("{}\t{}", i.definition.display(), output.display());
        }
        return EXIT_OK;
    }
    if let Err(status) = prepare(args, &items) {
        return status;
    }
    let results = match render_all(args, &items, &notes) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let failed: Vec<&Item> = items
        .iter()
        .zip(&results)
        .filter_map(|(i, r)| matches!(r, Outcome::Failed).then_some(i))
        .collect();
    let not_started = results
        .iter()
        .filter(|r| matches!(r, Outcome::NotStarted))
        .count();
    if ui().chatty() {
        summarize(args, &results, &failed, skipped, start);
        // Which rule left out (or let in) the files that are not definitions.
        for rule in &rules {
            eprintln!("{rule}");
        }
    }
    let copies_of = |item: &Item, done: &Done| match args.copies {
        Some(Some(n)) => n,
        Some(None) => item.copies.or(done.copies).unwrap_or(1),
        None => 1,
    };
    if let Some(path) = &args.save_manifest {
        let copies: Vec<Option<u32>> = items
            .iter()
            .zip(&results)
            .map(|(i, r)| match (args.copies, r.done()) {
                (Some(_), Some(done)) => Some(copies_of(i, done)),
                _ => i.copies,
            })
            .collect();
        if let Err(e) = record::save(path, &items, &copies) {
            return fail(e.to_string(), EXIT_INPUT);
        }
    }
    if !failed.is_empty() || not_started > 0 {
        if let Some(merge) = &args.merge {
            ui().fail(msg::merge_needs_all(
                merge.display(),
                if args.print.is_some() {
                    msg::merge_nor_printed().text
                } else {
                    String::new()
                },
                failed.len() + not_started,
                if not_started > 0 {
                    msg::merge_were_not_rendered()
                } else {
                    msg::merge_failed()
                },
            ));
        }
        return if not_started > 0 {
            EXIT_INTERRUPTED
        } else {
            EXIT_INPUT
        };
    }
    let Some(merge) = &args.merge else {
        return EXIT_OK;
    };
    let bulletins: Vec<merge::Bulletin> = items
        .iter()
        .zip(&results)
        .filter_map(|(item, r)| {
            let done = r.done()?;
            let laid = done.laid.as_ref()?;
            Some(merge::Bulletin {
                doc: &laid.doc,
                layout: &laid.layout,
                copies: copies_of(item, done),
            })
        })
        .collect();
    write_merged(args, merge, &bulletins)
}

/// The inputs this run renders (after `--shard`), and notes for the user. `Err` is the exit
/// status, the error reported.
fn select(args: &BatchArgs) -> Result<inputs::Inputs, i32> {
    // CUPS queue names have no `/`; a path right after `--print` was meant as an input.
    if let Some(Some(queue)) = &args.print {
        if queue.contains(['/', '\\']) || queue.ends_with(".toml") {
            return Err(fail(msg::print_queue_is_path(queue), EXIT_USAGE));
        }
    }
    if args.inputs.iter().any(|i| super::document::is_stdio(i)) {
        return Err(fail(msg::batch_no_stdin(), EXIT_USAGE));
    }
    let mut collected =
        inputs::collect(&args.inputs).map_err(|e| fail(e.to_string(), EXIT_INPUT))?;
    let (items, notes) = (&mut collected.items, &mut collected.notes);
    if let Some(arg) = args.shard {
        let shard = shard::resolve(arg, &|var| std::env::var(var).ok())
            .map_err(|msg| fail(msg, EXIT_USAGE))?;
        let all = items.len();
        *items = shard::select(std::mem::take(items), &shard, |i| {
            record::slashed(&i.output)
        });
        notes.push(msg::shard_note(shard.index, shard.count, shard.from, items.len(), all).text);
    } else if items.is_empty() {
        for note in notes.iter().chain(&collected.rules) {
            ui().status(note);
        }
        return Err(fail(msg::no_definitions(), EXIT_INPUT));
    }
    Ok(collected)
}

/// Checks that the print file does not overwrite a bulletin's PDF, and creates OUTDIR.
fn prepare(args: &BatchArgs, items: &[Item]) -> Result<(), i32> {
    if let Some(merge) = &args.merge {
        if let Some(i) = items.iter().find(|i| args.outdir.join(&i.output) == *merge) {
            let message = msg::merge_is_output(merge.display(), i.definition.display());
            return Err(fail(message, EXIT_USAGE));
        }
    }
    for (written, what) in [
        (&args.merge, "--merge"),
        (&args.save_manifest, "--save-manifest"),
    ] {
        let Some(path) = written else { continue };
        let definitions: Vec<&Path> = items.iter().map(|i| i.definition.as_path()).collect();
        crate::assets::refuse_input_as_output(path, &definitions)
            .map_err(|e| fail(msg::option_error(what, e), EXIT_USAGE))?;
    }
    std::fs::create_dir_all(&args.outdir)
        .map_err(|e| fail(Error::io(&args.outdir, &e).to_string(), EXIT_INPUT))
}

/// Refuses a symbolic link anywhere below OUTDIR on the way to an output (a directory or the
/// file itself): batch writes, and removes stale PDFs, only inside OUTDIR, and a link there
/// could point anywhere.
fn no_links_below(outdir: &Path, output: &Path) -> Result<(), Error> {
    let mut path = outdir.to_path_buf();
    for part in output.components() {
        path.push(part);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(
                Error::new(ErrorKind::Io, msg::symlink_in_outdir(path.display())).with_path(&path),
            );
        }
    }
    Ok(())
}

/// Renders every item on a pool of `-j` threads sharing one asset store; results in input
/// order.
fn render_all(args: &BatchArgs, items: &[Item], notes: &[String]) -> Result<Vec<Outcome>, i32> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0) as usize)
        .build()
        .map_err(|e| fail(msg::no_threads(e), EXIT_INPUT))?;
    let assets = FsAssets::new(args.paths.search_paths());
    let progress = Progress::new(items.len(), !ui().chatty());
    for note in notes {
        progress.note(note);
    }
    watch_interrupts();
    let results = pool.install(|| {
        items
            .par_iter()
            .map(|item| render_item(item, args, &assets, &progress))
            .collect()
    });
    progress.finish();
    Ok(results)
}

/// `batch: 98 rendered, 2 failed, 490 pages, 1.9 s → out`, and which failed; named files that
/// were skipped (layouts) are counted.
fn summarize(
    args: &BatchArgs,
    results: &[Outcome],
    failed: &[&Item],
    skipped: usize,
    start: Instant,
) {
    let rendered = results.iter().filter_map(Outcome::done);
    let not_started = results
        .iter()
        .filter(|r| matches!(r, Outcome::NotStarted))
        .count();
    eprintln!(
        "{}",
        msg::batch_summary(
            rendered.clone().count(),
            failed.len(),
            if skipped > 0 {
                msg::batch_skipped(skipped).text
            } else {
                String::new()
            },
            if not_started > 0 {
                msg::batch_not_started(not_started).text
            } else {
                String::new()
            },
            pages_text(rendered.map(|d| d.pages).sum()),
            format!("{:.1}", start.elapsed().as_secs_f64()),
            args.outdir.display(),
        )
    );
    if !failed.is_empty() {
        let names: Vec<String> = failed
            .iter()
            .map(|i| i.definition.display().to_string())
            .collect();
        eprintln!("{}", msg::batch_failed_list(names.join(", ")));
    }
}

/// Exit status after Ctrl-C (128 + SIGINT), as shells report it.
const EXIT_INTERRUPTED: i32 = 130;

/// Set by the first Ctrl-C or SIGTERM (a Kubernetes pod being stopped): no new bulletin starts,
/// and those being written finish, so that no half-written file is left behind. A second one
/// ends the process at once.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

fn watch_interrupts() {
    // Fails only if a handler is already set (a second batch in one process): keep that one.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED);
        }
        eprintln!("{}", ui().message_text("warning", &msg::interrupted()));
    });
}

/// What became of one input.
enum Outcome {
    Rendered(Done),
    /// Reported already.
    Failed,
    /// Not started because the run was interrupted.
    NotStarted,
}

impl Outcome {
    fn done(&self) -> Option<&Done> {
        match self {
            Outcome::Rendered(d) => Some(d),
            _ => None,
        }
    }
}

/// Renders one input through the shared code path. A PDF an earlier run left under the name
/// of a definition that now fails is removed, so that the output directory never mixes this
/// run's PDFs with stale ones.
fn render_item(item: &Item, args: &BatchArgs, assets: &FsAssets, progress: &Progress) -> Outcome {
    if INTERRUPTED.load(Ordering::SeqCst) {
        return Outcome::NotStarted;
    }
    progress.started(&item.definition);
    let output = args.outdir.join(&item.output);
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        no_links_below(&args.outdir, &item.output)?;
        if let Some(dir) = output.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
        }
        render_file(
            &item.definition,
            &output,
            assets,
            &args.root.for_definition(&item.definition),
            super::document::Options {
                pdf: crate::pdf::Options::default(),
                strict: args.strict,
                // The print file paints them again.
                keep_pages: args.merge.is_some(),
            },
            &mut |r| {
                for note in &r.doc.notes {
                    progress.detail(&item.definition, note);
                }
                for w in &r.layout.warnings {
                    progress.warning(w);
                }
                Ok(())
            },
        )
    }));
    let result = attempt.unwrap_or_else(|_| {
        Err(Error::new(ErrorKind::Invalid, msg::internal_error()).with_path(&item.definition))
    });
    match result {
        Ok(mut written) => {
            progress.succeeded(&item.definition, &output, written.pages());
            // The print file needs the pages, fonts and images, and the blocks (its outline
            // takes the titles and headings from them); not the line records.
            written.layout.lines = Vec::new();
            Outcome::Rendered(Done {
                pages: written.pages(),
                copies: written.doc.meta.copies,
                laid: args.merge.is_some().then(|| Box::new(written)),
            })
        }
        Err(e) => {
            // Only a PDF jianbao wrote, reached without a link, is removed.
            if no_links_below(&args.outdir, &item.output).is_ok()
                && crate::assets::is_jianbao_pdf(&output)
            {
                let _ = std::fs::remove_file(&output);
            }
            progress.failed(&e);
            Outcome::Failed
        }
    }
}

/// Writes the merged PDF and prints it if asked.
fn write_merged(args: &BatchArgs, path: &Path, bulletins: &[merge::Bulletin]) -> i32 {
    let title = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "print".into());
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            return fail(Error::io(dir, &e).to_string(), EXIT_INPUT);
        }
    }
    let merged = match merge::merge(bulletins, args.duplex, &title)
        .and_then(|m| write_atomically(path, &m.pdf).map(|()| m))
    {
        Ok(m) => m,
        Err(e) => return fail(msg::not_written(path.display(), e), EXIT_INPUT),
    };
    if ui().chatty() {
        eprintln!(
            "{}",
            msg::merged(
                path.display(),
                pages_text(merged.pages),
                merged.blanks,
                match merged.copies {
                    1 => msg::copies_one(),
                    n => msg::copies_many(n),
                },
                match bulletins.len() {
                    1 => msg::bulletins_one(),
                    n => msg::bulletins_many(n),
                },
                if args.duplex {
                    msg::duplex().text
                } else {
                    String::new()
                },
                merged.pdf.len().div_ceil(1024),
            )
        );
    }
    if let Some(queue) = &args.print {
        let job = print::PrintJob {
            file: path,
            queue: queue.as_deref(),
            title: &title,
            duplex: args.duplex,
        };
        match print::print(&job) {
            Ok(id) => ui().status(msg::printing(path.display(), id)),
            Err(message) => return fail(message, EXIT_INPUT),
        }
    }
    EXIT_OK
}

fn fail(message: impl Into<crate::messages::Message>, status: i32) -> i32 {
    ui().fail(message);
    status
}
