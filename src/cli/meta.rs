//! `jianbao completions SHELL` and `jianbao man [COMMAND]`: generated from the same clap
//! definition that parses the command line, so that they cannot fall behind it.

use super::{command, definition, usage_error, ENVIRONMENT, EXIT_INPUT, EXIT_OK};
use clap::Args;
use clap_complete::Shell;
use std::io::Write;

#[derive(Args, Debug)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Args, Debug)]
pub struct ManArgs {
    /// A command's own page (`jianbao-render(1)`) instead of jianbao's.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

pub fn completions(args: &CompletionsArgs) -> i32 {
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "jianbao", &mut out);
    write_stdout(&out)
}

pub fn man(args: &ManArgs) -> i32 {
    // Built, so that a command's page lists the global options too.
    let mut cmd = definition();
    cmd.build();
    let page = match &args.command {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub
                .clone()
                .name(format!("jianbao-{name}"))
                .version(env!("JIANBAO_VERSION")),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                return usage_error(crate::messages::msg::no_such_command(
                    name,
                    names.join(", "),
                ));
            }
        },
    };
    let mut out = Vec::new();
    // The footer names the program and version; the commit is in the VERSION section.
    let man = clap_mangen::Man::new(page).source(concat!("jianbao ", env!("CARGO_PKG_VERSION")));
    if let Err(e) = man.render(&mut out) {
        super::output::ui().fail(crate::messages::msg::cannot_write_man(e));
        return EXIT_INPUT;
    }
    let page = String::from_utf8_lossy(&out);
    // ENVIRONMENT goes before VERSION, as man-pages(7) orders the sections.
    let at = page.find("\n.SH VERSION").map_or(page.len(), |i| i + 1);
    let page = format!("{}{}{}", &page[..at], environment_roff(), &page[at..]);
    write_stdout(page.as_bytes())
}

/// The ENVIRONMENT section: one tagged paragraph a variable.
fn environment_roff() -> String {
    let mut roff = String::from(".SH ENVIRONMENT\n");
    for (name, what) in ENVIRONMENT {
        roff.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            escape(name),
            escape(&what().text)
        ));
    }
    roff
}

/// Text for roff: backslashes and hyphens escaped, no line starting with a control character.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a message.
pub fn write_stdout(bytes: &[u8]) -> i32 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            super::output::ui().fail(crate::messages::msg::cannot_write_stdout(e));
            EXIT_INPUT
        }
    }
}
