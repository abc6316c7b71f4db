//! The command line's help in the language of the run.
//!
//! clap's help is made from the English doc comments of the argument structs; in Chinese the
//! summaries a clerk reads first — what jianbao and each command do, the global options, the
//! headings, the environment variables — are replaced from the message catalogue. The
//! options of each command keep their English help (a long tail that changes often; see
//! docs/messages-zh.md), and so do the words clap writes itself (`Print help`).

use crate::messages::{lang, msg, Lang, Message};

/// `cmd` with its summaries in the run's language (as it is in English).
pub fn help(cmd: clap::Command) -> clap::Command {
    if lang() == Lang::En {
        return cmd;
    }
    localize(cmd.about(msg::about_jianbao().text))
}

fn localize(cmd: clap::Command) -> clap::Command {
    let cmd = cmd
        .help_template(msg::help_template().text)
        .subcommand_help_heading(msg::help_commands().text)
        .next_help_heading(msg::help_options().text)
        .mut_args(|arg| {
            let arg = match global_option(arg.get_id().as_str()) {
                Some(text) => arg.help(text.text).help_heading(msg::help_global().text),
                None => arg,
            };
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
        localize(sub)
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

/// A global option's help in Chinese.
fn global_option(id: &str) -> Option<Message> {
    Some(match id {
        "color" => msg::help_color(),
        "message_format" => msg::help_message_format(),
        "quiet" => msg::help_quiet(),
        "verbose" => msg::help_verbose(),
        "lang" => msg::help_lang(),
        _ => return None,
    })
}
