//! `--print [QUEUE]`: hands the merged PDF to CUPS with `lp`, the standard client every CUPS
//! installation has. jianbao does not talk IPP itself: `lp` honours the user's CUPS settings
//! (`CUPS_SERVER`, `~/.cups/lpoptions`, the default destination) exactly as other programs do.
//! Windows has no CUPS: there `--print` says so and what to do (the `lp` helpers stay, unused).
#![cfg_attr(not(unix), allow(dead_code))]

#[cfg(unix)]
use crate::messages::msg;
#[cfg(unix)]
use std::io::ErrorKind;
use std::path::Path;
#[cfg(unix)]
use std::process::Command;

/// What to print and how.
pub struct PrintJob<'a> {
    pub file: &'a Path,
    /// The queue; the user's default destination when `None`.
    pub queue: Option<&'a str>,
    pub title: &'a str,
    /// Print on both sides (long edge). Otherwise one-sided is asked for explicitly: the file
    /// was laid out for it, and a queue that defaults to duplex would put two bulletins on one
    /// sheet.
    pub duplex: bool,
}

/// The `lp` arguments for a job.
pub fn lp_args(job: &PrintJob) -> Vec<String> {
    let mut args = Vec::new();
    if let Some(q) = job.queue {
        args.extend(["-d".to_string(), q.to_string()]);
    }
    args.extend(["-t".to_string(), job.title.to_string()]);
    let sides = if job.duplex {
        "sides=two-sided-long-edge"
    } else {
        "sides=one-sided"
    };
    args.extend(["-o".to_string(), sides.to_string()]);
    args.push("--".to_string());
    args.push(job.file.display().to_string());
    args
}

/// Windows has no CUPS: say what to do instead.
#[cfg(not(unix))]
pub fn print(job: &PrintJob) -> Result<String, String> {
    Err(crate::messages::msg::print_no_cups_windows(
        job.file.display(),
        if job.duplex {
            crate::messages::msg::print_duplex_hint().text
        } else {
            String::new()
        },
    )
    .text)
}

/// Sends the job; returns the CUPS request id (`office-42`).
#[cfg(unix)]
pub fn print(job: &PrintJob) -> Result<String, String> {
    let output = Command::new("lp")
        .args(lp_args(job))
        .output()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => msg::print_no_lp(job.file.display()).text,
            _ => msg::print_cannot_run_lp(e).text,
        })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        let said = stderr
            .lines()
            .chain(stdout.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        let lower = said.to_lowercase();
        // `lp` says "printer does not exist" when it cannot reach the scheduler at all.
        let hint = if !scheduler_running() {
            msg::print_no_scheduler().text
        } else if lower.contains("does not exist") {
            msg::print_list_queues().text
        } else if lower.contains("no default destination") {
            msg::print_name_queue().text
        } else {
            String::new()
        };
        let queue = match job.queue {
            Some(q) => q.to_string(),
            None => msg::print_default_queue().text,
        };
        return Err(msg::print_failed(job.file.display(), queue, said, hint).text);
    }
    Ok(request_id(&stdout).unwrap_or_else(|| stdout.trim().to_string()))
}

/// Whether `lpstat -r` finds a CUPS scheduler.
#[cfg(unix)]
fn scheduler_running() -> bool {
    Command::new("lpstat").arg("-r").output().is_ok_and(|o| {
        let said = String::from_utf8_lossy(&o.stdout);
        said.contains("is running") && !said.contains("not running")
    })
}

/// The id in `lp`'s `request id is office-42 (1 file(s))`.
fn request_id(stdout: &str) -> Option<String> {
    let rest = stdout.split("request id is ").nth(1)?;
    rest.split_whitespace().next().map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_and_request_id() {
        let job = PrintJob {
            file: Path::new("out/print.pdf"),
            queue: Some("office"),
            title: "print",
            duplex: true,
        };
        assert_eq!(
            lp_args(&job),
            [
                "-d",
                "office",
                "-t",
                "print",
                "-o",
                "sides=two-sided-long-edge",
                "--",
                "out/print.pdf"
            ]
        );
        let job = PrintJob {
            queue: None,
            duplex: false,
            ..job
        };
        assert_eq!(lp_args(&job)[..4], ["-t", "print", "-o", "sides=one-sided"]);
        assert_eq!(
            request_id("request id is office-42 (1 file(s))\n").as_deref(),
            Some("office-42")
        );
    }
}
