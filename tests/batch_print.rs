//! `jianbao batch --merge … --print QUEUE` against a real CUPS scheduler: the virtual printer
//! `jianbao-test` (cups-pdf) that `.ci/cups-test-printer.sh` sets up writes each job it prints
//! as a PDF, so the test sees what the printer received.
//!
//! Without that printer the test is skipped with a note — except under CI (`CI` set) or with
//! `JIANBAO_REQUIRE_CUPS` set, where a missing printer is a failure: `.ci/run` runs the setup
//! script first, so there the test always runs. CUPS is a Unix print system: on Windows the
//! test is not built (`tests/batch.rs` checks the message printing gives there).
#![cfg(unix)]

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use support::pdf_inspect::inspect_file;
use support::*;

const QUEUE: &str = "jianbao-test";
const PRINTED: &str = "/var/spool/cups-pdf/jianbao-test";

fn printer_ready() -> bool {
    Command::new("lpstat")
        .args(["-p", QUEUE])
        .output()
        .is_ok_and(|o| o.status.success())
        && Path::new(PRINTED).is_dir()
}

/// `jianbao batch a.toml -o out --merge print.pdf --print QUEUE` for a one-page bulletin in a
/// fresh directory `dir`.
fn print_one(dir: &str, queue: &str) -> Command {
    let dir = temp_dir(dir);
    std::fs::write(dir.join("a.toml"), paged_definition("甲期", 1, "")).unwrap();
    let mut cmd = jianbao();
    cmd.arg("batch")
        .arg(dir.join("a.toml"))
        .arg("-o")
        .arg(dir.join("out"))
        .arg("--merge")
        .arg(dir.join("print.pdf"))
        .args(["--print", queue]);
    cmd
}

/// The file cups-pdf wrote for job `id` (`…-job_N.pdf`), once it is complete.
fn printed_file(job: &str) -> Option<PathBuf> {
    let n = job.rsplit('-').next()?;
    let suffix = format!("-job_{n}.pdf");
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        let done = Command::new("lpstat")
            .args(["-W", "completed", "-o", QUEUE])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).contains(&format!("{job} ")))
            .unwrap_or(false);
        if done {
            let found = std::fs::read_dir(PRINTED)
                .ok()?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.to_string_lossy().ends_with(&suffix));
            if found.is_some() {
                return found;
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    None
}

#[test]
fn the_merged_pdf_reaches_a_cups_printer() {
    if !printer_ready() {
        let required =
            std::env::var_os("CI").is_some() || std::env::var_os("JIANBAO_REQUIRE_CUPS").is_some();
        assert!(
            !required,
            "the CUPS test printer `{QUEUE}` is missing: run .ci/cups-test-printer.sh (as root)"
        );
        eprintln!(
            "skipped: no CUPS test printer `{QUEUE}`; run .ci/cups-test-printer.sh (as root)"
        );
        return;
    }
    let dir = temp_dir("batch-print");
    std::fs::write(dir.join("a.toml"), paged_definition("甲期", 1, "")).unwrap();
    std::fs::write(dir.join("b.toml"), paged_definition("乙期", 2, "")).unwrap();
    let print = dir.join("print.pdf");
    let run = jianbao()
        .args(["batch", dir.to_str().unwrap(), "-o"])
        .arg(dir.join("out"))
        .arg("--merge")
        .arg(&print)
        .args(["--duplex", "--copies=2", "--print", QUEUE])
        .output()
        .unwrap();
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    // a, blank, a, blank, b, b.
    assert_eq!(inspect_file(&print).pages.len(), 8);
    let job = err
        .split("sent to CUPS as ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("no job id in: {err}"))
        .to_string();
    assert!(job.starts_with(&format!("{QUEUE}-")), "{job}");
    let printed = printed_file(&job)
        .unwrap_or_else(|| panic!("job {job} did not come out of the printer within 2 minutes"));
    // What the printer produced has the merged file's pages, blanks included.
    let info = inspect_file(&printed);
    assert_eq!(info.pages.len(), 8, "{}", printed.display());
    assert!(info
        .pages
        .iter()
        .all(|p| (p.width - 595.0).abs() < 2.0 && (p.height - 842.0).abs() < 2.0));
    let _ = std::fs::remove_file(&printed);
}

#[test]
fn an_unknown_queue_is_a_clear_error() {
    if !printer_ready() {
        eprintln!("skipped: no CUPS test printer `{QUEUE}`");
        return;
    }
    let run = print_one("batch-print-unknown", "no-such-queue-here")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("cannot print") && err.contains("no-such-queue-here"),
        "{err}"
    );
}

#[test]
fn an_unreachable_scheduler_is_a_clear_error() {
    if Command::new("lp").arg("-h").output().is_err() {
        eprintln!("skipped: `lp` (cups-client) is not installed");
        return;
    }
    let run = print_one("batch-print-down", QUEUE)
        .env(
            "CUPS_SERVER",
            temp_dir("batch-print-down-socket").join("no-cupsd.sock"),
        )
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("scheduler is not running or cannot be reached"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
}
