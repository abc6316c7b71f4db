//! The command line's help in the language of the run.
//!
//! clap's help is made from the English doc comments of the argument structs; in Chinese the
//! summaries a clerk reads first — what jianbao and each command do, the global options, the
//! headings, the environment variables — are replaced from the message catalogue, and so is
//! the help of every argument of every command, from one table keyed by (command, arg id):
//! [`crate::messages::help`]. The command is built first, so that the arguments clap adds
//! (`--help`, `--version`) and the global options it copies into each command are there to be
//! translated too. A new argument without its Chinese help fails the test below, which walks
//! the whole command line.

use crate::messages::{help::option_entry, lang, msg, Lang, Message};

/// `cmd` with its summaries in the run's language (as it is in English).
pub fn help(cmd: clap::Command) -> clap::Command {
    if lang() == Lang::En {
        return cmd;
    }
    let mut cmd = cmd.about(msg::about_jianbao().text);
    cmd.build();
    localize(cmd, "")
}

/// The Chinese help of argument `id` of the command named `command` (`""`: jianbao itself).
fn argument_help(command: &str, id: &str) -> Option<&'static str> {
    option_entry(command, id).and_then(|e| e.zh)
}

fn localize(cmd: clap::Command, name: &str) -> clap::Command {
    let cmd = cmd
        .help_template(msg::help_template().text)
        .subcommand_help_heading(msg::help_commands().text)
        .next_help_heading(msg::help_options().text)
        .mut_args(|arg| {
            let id = arg.get_id().as_str().to_owned();
            let mut arg = match argument_help(name, &id) {
                // An argument with a long help shows it under --help: replace both.
                Some(text) if arg.get_long_help().is_some() => arg.help(text).long_help(text),
                Some(text) => arg.help(text),
                None => arg,
            };
            if is_global(&id) {
                arg = arg.help_heading(msg::help_global().text);
            }
            match arg.get_help_heading() {
                None if arg.is_positional() => arg.help_heading(msg::help_arguments().text),
                None => arg.help_heading(msg::help_options().text),
                Some(_) => arg,
            }
        });
    cmd.mut_subcommands(|sub| {
        let about = command_about(sub.get_name());
        let sub = match about {
            Some(text) => sub.about(text.text),
            None => sub,
        };
        let name = sub.get_name().to_owned();
        localize(sub, &name)
    })
}

/// A command's one-line summary in Chinese.
fn command_about(name: &str) -> Option<Message> {
    Some(match name {
        "render" => msg::about_render(),
        "new" => msg::about_new(),
        "fix" => msg::about_fix(),
        "import" => msg::about_import(),
        "preview" => msg::about_preview(),
        "watch" => msg::about_watch(),
        "batch" => msg::about_batch(),
        "layouts" => msg::about_layouts(),
        "fonts" => msg::about_fonts(),
        "completions" => msg::about_completions(),
        "man" => msg::about_man(),
        _ => return None,
    })
}

/// The options every command takes (listed under their own heading).
fn is_global(id: &str) -> bool {
    matches!(
        id,
        "color" | "message_format" | "quiet" | "verbose" | "lang"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every argument of every command, as `(command, arg id)`; clap's own `--help` and
    /// `--version` and the copies of the global options included.
    fn arguments() -> Vec<(String, String)> {
        fn walk(name: &str, cmd: &clap::Command, out: &mut Vec<(String, String)>) {
            for arg in cmd.get_arguments() {
                out.push((name.to_owned(), arg.get_id().to_string()));
            }
            for sub in cmd.get_subcommands() {
                walk(sub.get_name(), sub, out);
            }
        }
        let mut cmd = super::super::definition();
        cmd.build();
        let mut out = Vec::new();
        walk("", &cmd, &mut out);
        out
    }

    #[test]
    fn every_argument_has_chinese_help() {
        let missing: Vec<String> = arguments()
            .into_iter()
            .filter(|(cmd, id)| argument_help(cmd, id).is_none())
            .map(|(cmd, id)| {
                format!("{cmd} {id}: add opt_{cmd}_{id} (or opt_{id}) to src/messages/help.rs")
            })
            .collect();
        assert!(
            missing.is_empty(),
            "arguments without Chinese help:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_help_entry_belongs_to_an_argument() {
        let used: BTreeSet<&str> = arguments()
            .iter()
            .filter_map(|(cmd, id)| option_entry(cmd, id).map(|e| e.code))
            .collect();
        let stale: Vec<&str> = crate::messages::help::ENTRIES
            .iter()
            .map(|e| e.code)
            .filter(|code| !used.contains(code))
            .collect();
        assert!(stale.is_empty(), "help for no argument: {stale:?}");
    }
}
