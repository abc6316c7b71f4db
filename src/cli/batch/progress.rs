//! What a batch tells the user while it runs, on stderr: a progress bar (count, current file,
//! elapsed time, ETA) when stderr is a terminal; one plain line per finished bulletin when it is
//! not (a log file, CI); nothing but errors and warnings under `--quiet`. Called from the worker
//! threads, so everything here takes `&self`.

use crate::cli::output::ui;
use crate::error::{Error, Warning};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
    total: usize,
    finished: AtomicUsize,
}

impl Progress {
    /// A bar if stderr is a terminal (and not `TERM=dumb`), plain lines otherwise.
    pub fn new(total: usize, quiet: bool) -> Progress {
        let terminal =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        let bar = (terminal && !quiet).then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} ETA {eta} {wide_msg}",
                )
                .expect("the template is valid")
                .progress_chars("█▌ "),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Progress {
            bar,
            quiet,
            total,
            finished: AtomicUsize::new(0),
        }
    }

    /// A definition is being rendered now.
    pub fn started(&self, definition: &Path) {
        if let Some(bar) = &self.bar {
            bar.set_message(definition.display().to_string());
        }
    }

    /// Something to say that is not about one bulletin (skipped files); not under `--quiet`.
    pub fn note(&self, message: &str) {
        if !self.quiet {
            self.print(message);
        }
    }

    pub fn warning(&self, warning: &Warning) {
        if ui().json {
            self.print(&crate::diagnostics::warning_json(warning));
        } else {
            self.print(&warning.to_string());
        }
    }

    /// A note about one bulletin, under `-v`.
    pub fn detail(&self, definition: &Path, note: &str) {
        if ui().verbose {
            let note = format!("{}: {note}", crate::cli::shown(definition));
            self.print(&ui().message_text("note", &note.into()));
        }
    }

    pub fn succeeded(&self, definition: &Path, output: &Path, pages: usize) {
        let n = self.finished.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None if self.quiet => {}
            None => eprintln!(
                "{} {} → {} ({})",
                self.counter(n),
                definition.display(),
                output.display(),
                super::super::document::pages_text(pages)
            ),
        }
    }

    pub fn failed(&self, error: &Error) {
        let n = self.finished.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
        let line = if ui().json {
            crate::diagnostics::error_json(error)
        } else {
            format!("{}{error}", crate::messages::msg::prefix_error())
        };
        if self.quiet || self.bar.is_some() {
            self.print(&line);
        } else {
            eprintln!("{} {line}", self.counter(n));
        }
    }

    /// Removes the bar; what follows is printed plainly.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn counter(&self, n: usize) -> String {
        let width = self.total.to_string().len();
        format!("[{n:>width$}/{}]", self.total)
    }

    /// A line above the bar (or just a line).
    fn print(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}
