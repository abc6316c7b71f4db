//! How jianbao talks to the user on stderr, the same for every command: colours
//! (`--color`, `NO_COLOR`, `CLICOLOR_FORCE`, `TERM=dumb`), the diagnostics' format
//! (`--message-format human|json`) and how much is said (`-q`, `-v`).
//!
//! The global options are settled once, before a command runs, into one [`Ui`] that every
//! command reads through [`ui()`]. A process-wide value rather than a parameter, because the
//! helpers that print (`exit_status`, `print_warnings`, the batch's progress lines) are shared
//! by every command, including commands added later: they all follow the options without each
//! having to pass them along.

use crate::diagnostics::{self, Style};
use crate::error::{Error, Warning};
use crate::messages::{msg, Message};
use clap::ValueEnum;
use std::sync::OnceLock;

/// `--color`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colours when stderr is a terminal, unless NO_COLOR or TERM=dumb (CLICOLOR_FORCE forces
    /// them).
    #[default]
    Auto,
    Always,
    Never,
}

/// `--message-format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// Errors and warnings with the source line underlined.
    #[default]
    Human,
    /// One JSON object a line for each error, warning and note (file, line, column, severity,
    /// message); nothing else is printed on stderr.
    Json,
}

impl ColorChoice {
    /// Whether to colour, given the environment (`var`) and whether stderr is a terminal.
    /// `--color always|never` wins over the environment; under `auto`, a non-empty `NO_COLOR`
    /// turns colours off, then a `CLICOLOR_FORCE` other than `0` turns them on even in a pipe,
    /// then `TERM=dumb` or `CLICOLOR=0` turn them off — the order of no-color.org, bixense's
    /// CLICOLOR and the anstream crate that clap and cargo use.
    pub fn colors(self, var: &dyn Fn(&str) -> Option<String>, terminal: bool) -> bool {
        let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                if set("NO_COLOR") {
                    false
                } else if set("CLICOLOR_FORCE") && var("CLICOLOR_FORCE").as_deref() != Some("0") {
                    true
                } else {
                    terminal
                        && var("TERM").as_deref() != Some("dumb")
                        && var("CLICOLOR").as_deref() != Some("0")
                }
            }
        }
    }
}

/// What every command prints on stderr, and how.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ui {
    pub color: bool,
    pub json: bool,
    /// `-q`: nothing but errors and warnings.
    pub quiet: bool,
    /// `-v`: also notes (how the layout was applied, what is watched, …).
    pub verbose: bool,
}

/// The colour choice made for clap's own help and error messages.
pub fn clap_color(colors: bool) -> clap::ColorChoice {
    if colors {
        clap::ColorChoice::Always
    } else {
        clap::ColorChoice::Never
    }
}

static UI: OnceLock<Ui> = OnceLock::new();

/// The settings of this run (the defaults, from the environment, if none were set).
pub fn ui() -> &'static Ui {
    UI.get_or_init(|| Ui::new(ColorChoice::Auto, MessageFormat::Human, false, false))
}

/// Settles the settings for this run; the first call wins.
pub fn set_ui(ui: Ui) {
    let _ = UI.set(ui);
}

impl Ui {
    pub fn new(color: ColorChoice, format: MessageFormat, quiet: bool, verbose: bool) -> Ui {
        use std::io::IsTerminal;
        Ui {
            color: color.colors(&|v| std::env::var(v).ok(), std::io::stderr().is_terminal()),
            json: format == MessageFormat::Json,
            quiet,
            verbose,
        }
    }

    /// How human-readable diagnostics are drawn.
    pub fn style(&self) -> Style {
        Style {
            color: self.color,
            unicode: true,
        }
    }

    /// Whether to print progress and results (`wrote …`): not under `-q`, and not in JSON
    /// mode, whose stderr holds only JSON lines.
    pub fn chatty(&self) -> bool {
        !self.quiet && !self.json
    }

    /// An error with its source excerpt, or as JSON.
    pub fn error_text(&self, e: &Error) -> String {
        if self.json {
            format!("{}\n", diagnostics::error_json(e))
        } else {
            diagnostics::error(e, self.style())
        }
    }

    /// A warning with its source excerpt, or as JSON.
    pub fn warning_text(&self, w: &Warning) -> String {
        if self.json {
            format!("{}\n", diagnostics::warning_json(w))
        } else {
            diagnostics::warning(w, self.style())
        }
    }

    pub fn error(&self, e: &Error) {
        eprint!("{}", self.error_text(e));
    }

    pub fn warning(&self, w: &Warning) {
        eprint!("{}", self.warning_text(w));
    }

    /// An error about no place in a file (`error: …`).
    pub fn fail(&self, message: impl Into<Message>) {
        eprintln!("{}", self.message_text("error", &message.into()));
    }

    /// A note shown only under `-v` (`note: …`).
    pub fn note(&self, message: impl Into<Message>) {
        if self.verbose {
            eprintln!("{}", self.message_text("note", &message.into()));
        }
    }

    /// `error: …`, `note: …` (in the run's language), or the same as JSON (no newline).
    pub fn message_text(&self, severity: &str, message: &Message) -> String {
        if self.json {
            diagnostics::message_json(severity, message)
        } else {
            let prefix = match severity {
                "error" => msg::prefix_error(),
                "warning" => msg::prefix_warning(),
                _ => msg::prefix_note(),
            };
            format!("{prefix}{message}")
        }
    }

    /// Progress and results, unless [`Ui::chatty`] says no.
    pub fn status(&self, message: impl Into<Message>) {
        if self.chatty() {
            eprintln!("{}", message.into());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn colour_choice_follows_the_conventions() {
        let auto = ColorChoice::Auto;
        assert!(auto.colors(&env(&[]), true));
        assert!(!auto.colors(&env(&[]), false));
        assert!(!auto.colors(&env(&[("NO_COLOR", "1")]), true));
        // An empty NO_COLOR does not count (no-color.org).
        assert!(auto.colors(&env(&[("NO_COLOR", "")]), true));
        assert!(auto.colors(&env(&[("CLICOLOR_FORCE", "1")]), false));
        assert!(!auto.colors(&env(&[("CLICOLOR_FORCE", "0")]), false));
        assert!(!auto.colors(&env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]), true));
        assert!(!auto.colors(&env(&[("TERM", "dumb")]), true));
        assert!(auto.colors(&env(&[("TERM", "dumb"), ("CLICOLOR_FORCE", "1")]), true));
        assert!(!auto.colors(&env(&[("CLICOLOR", "0")]), true));
        assert!(ColorChoice::Always.colors(&env(&[("NO_COLOR", "1"), ("TERM", "dumb")]), false));
        assert!(!ColorChoice::Never.colors(&env(&[("CLICOLOR_FORCE", "1")]), true));
    }
}
