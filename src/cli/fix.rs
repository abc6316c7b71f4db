//! `jianbao fix FILE`: half-width `,;:()` between Chinese characters rewritten to full width.
//!
//! In a definition only prose values are touched (titles, headings, text, notes, captions; not
//! paths, not the layout), and only the marks themselves: comments, quoting and layout of the
//! file stay byte for byte. Any other file (a `text-file`) is prose throughout. The file is
//! written back as UTF-8, atomically.

use super::document::{exit_status, is_stdio, read_definition_noting};
use super::output::ui;
use super::usage_error;
use crate::assets::write_atomically;
use crate::error::{Error, ErrorKind, Source};
use crate::messages::msg;
use crate::model::prose;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct FixArgs {
    /// The definition (.toml) or text file (.txt, .md) to fix in place.
    pub file: PathBuf,
    /// Say what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &FixArgs) -> i32 {
    if is_stdio(&args.file) {
        return usage_error(msg::fix_no_stdin());
    }
    exit_status(fix(args))
}

fn fix(args: &FixArgs) -> Result<(), Error> {
    let (source, _) = read_definition_noting(&args.file)?;
    let is_definition = args.file.extension().is_some_and(|e| e == "toml");
    let spans = if is_definition {
        crate::model::definition::parse(&source)?.prose_spans
    } else {
        std::iter::once(0..source.text.len()).collect()
    };
    let (fixed, count) = prose::fix_half_width(&source.text, &spans);
    if is_definition {
        // What is written must read back as the same definition, marks apart.
        crate::model::definition::parse(&Source::new(source.path.clone(), fixed.as_str()))
            .map_err(|e| {
                Error::new(ErrorKind::Invalid, msg::fix_not_readable(e)).with_path(&args.file)
            })?;
    }
    if count > 0 && !args.dry_run {
        write_atomically(&args.file, fixed.as_bytes())?;
    }
    if ui().chatty() {
        let file = args.file.display();
        let said = match (count, args.dry_run) {
            (0, _) => msg::fix_nothing(file),
            (1, true) => msg::fix_would_rewrite_one(file),
            (n, true) => msg::fix_would_rewrite(file, n),
            (1, false) => msg::fix_rewrote_one(file),
            (n, false) => msg::fix_rewrote(file, n),
        };
        eprintln!("{said}");
    }
    Ok(())
}
