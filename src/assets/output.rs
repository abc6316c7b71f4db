//! Writing output files so that a reader never sees half of one, and only where a file may be
//! replaced: never over an input, a device, a named pipe, a directory or a symbolic link.

use crate::error::{Error, ErrorKind, Result};
use crate::messages::msg;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename: the
/// target is either the old file or the complete new one, never a partial write. On failure the
/// temporary file is removed. The target must be absent or a regular file ([`check_target`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    check_target(path)?;
    let dir = dir_of(path);
    // A short name of our own: the target's name may already be as long as the file system
    // allows. `create_new` never opens something planted under that name.
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".jianbao-{}-{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let written = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, &e));
    }
    replace(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Puts the complete temporary file `tmp` in place of `path`. On Unix a rename replaces a file
/// even while a viewer has it open (the viewer keeps the old one).
#[cfg(not(windows))]
fn replace(tmp: &Path, path: &Path) -> Result<()> {
    std::fs::rename(tmp, path).map_err(|e| Error::io(path, &e))
}

/// Puts the complete temporary file `tmp` in place of `path`. On Windows a file that a PDF
/// viewer holds open cannot be replaced (the viewer did not open it with `FILE_SHARE_DELETE`):
/// the rename is tried again for about a second (a viewer reloading, a virus scanner reading the
/// file let go soon), then the new PDF is put beside it as `NAME.new.pdf`, and the error says
/// so.
#[cfg(windows)]
fn replace(tmp: &Path, path: &Path) -> Result<()> {
    replace_retrying(
        tmp,
        path,
        |from, to| std::fs::rename(from, to),
        in_use_on_windows,
        std::time::Duration::from_millis(200),
        6,
    )
}

/// Whether a Windows error says another program has the file open: `ERROR_ACCESS_DENIED` (5,
/// what replacing a file open without delete sharing gives), `ERROR_SHARING_VIOLATION` (32),
/// `ERROR_LOCK_VIOLATION` (33).
#[cfg_attr(not(windows), allow(dead_code))]
fn in_use_on_windows(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(5 | 32 | 33))
}

/// `rename(tmp, path)`, tried `tries` times `pause` apart while `in_use` says the target is
/// held by another program; then `tmp` is renamed to [`beside`]`(path)` instead and the error
/// names both files. Any other failure is returned at once. (Generic over the rename so that
/// the Windows behaviour is tested on every platform.)
#[cfg_attr(not(windows), allow(dead_code))]
fn replace_retrying(
    tmp: &Path,
    path: &Path,
    rename: impl Fn(&Path, &Path) -> std::io::Result<()>,
    in_use: impl Fn(&std::io::Error) -> bool,
    pause: std::time::Duration,
    tries: u32,
) -> Result<()> {
    let mut attempt = 1;
    loop {
        match rename(tmp, path) {
            Ok(()) => return Ok(()),
            Err(e) if in_use(&e) && attempt < tries => {
                attempt += 1;
                std::thread::sleep(pause);
            }
            Err(e) if in_use(&e) => {
                let other = beside(path);
                rename(tmp, &other).map_err(|e| Error::io(&other, &e))?;
                return Err(Error::new(
                    ErrorKind::Io,
                    msg::output_in_use_written_beside(other.display()),
                )
                .with_path(path));
            }
            Err(e) => return Err(Error::io(path, &e)),
        }
    }
}

/// Where an output that could not replace `path` is put: `NAME.new.pdf` beside `NAME.pdf`
/// (`NAME.new` for a name without an extension).
#[cfg_attr(not(windows), allow(dead_code))]
fn beside(path: &Path) -> std::path::PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.new.{}", ext.to_string_lossy()),
        None => format!("{stem}.new"),
    };
    path.with_file_name(name)
}

fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Whether `path` may be (re)placed by an output: its directory exists, and there is nothing
/// at `path` or a regular file. A device, a named pipe or a directory would be replaced by a
/// regular file (as root, `-o /dev/null` would replace the system's); a symbolic link would be
/// replaced by the file instead of writing where it points, which is never what was meant.
pub fn check_target(path: &Path) -> Result<()> {
    if path.file_name().is_none() {
        return Err(Error::new(ErrorKind::Io, msg::output_names_no_file()).with_path(path));
    }
    let dir = dir_of(path);
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            return Err(
                Error::new(ErrorKind::Io, msg::output_dir_not_dir(dir.display())).with_path(path),
            )
        }
        Err(_) => {
            return Err(
                Error::new(ErrorKind::Io, msg::output_dir_missing(dir.display())).with_path(path),
            )
        }
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() => Ok(()),
        Ok(m) => Err(Error::new(
            ErrorKind::Io,
            msg::will_not_replace(kind_of(&m.file_type())),
        )
        .with_path(path)),
        Err(_) => Ok(()),
    }
}

/// What a non-regular file is, in words.
fn kind_of(t: &std::fs::FileType) -> crate::messages::Message {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return msg::kind_named_pipe();
        }
        if t.is_char_device() || t.is_block_device() {
            return msg::kind_device();
        }
        if t.is_socket() {
            return msg::kind_socket();
        }
    }
    if t.is_symlink() {
        msg::kind_symlink()
    } else if t.is_dir() {
        msg::kind_directory()
    } else {
        msg::kind_not_regular()
    }
}

/// Refuses an output that is the same file as one of the inputs (by device and inode, so any
/// spelling of the path counts): `render d.toml -o d.toml` would replace the definition.
pub fn refuse_input_as_output(output: &Path, inputs: &[&Path]) -> Result<()> {
    for input in inputs {
        if same_file(output, input) {
            return Err(
                Error::new(ErrorKind::Io, msg::output_is_input(input.display())).with_path(output),
            );
        }
    }
    Ok(())
}

/// Whether two paths name one existing file (after following links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    let (Ok(ma), Ok(mb)) = (std::fs::metadata(a), std::fs::metadata(b)) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        ma.dev() == mb.dev() && ma.ino() == mb.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (ma, mb);
        matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
    }
}

/// Whether `path` is a PDF jianbao wrote: a regular file (not a link), named `.pdf`, that says
/// `jianbao` as its producer. Only such a file is removed as a stale output.
pub fn is_jianbao_pdf(path: &Path) -> bool {
    let regular = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
    let pdf_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"));
    if !regular || !pdf_name {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    // The info dictionary is written uncompressed: `/Producer (jianbao …)` since the writer is
    // pdf-writer; files of earlier versions (printpdf) have it as UTF-16 in hex, `/Producer
    // <FEFF006A…>`.
    const PRODUCERS: [&[u8]; 2] = [
        b"/Producer (jianbao ",
        b"/Producer<FEFF006A00690061006E00620061006F",
    ];
    bytes.starts_with(b"%PDF-")
        && PRODUCERS
            .iter()
            .any(|p| bytes.windows(p.len()).any(|w| w == *p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = std::env::temp_dir().join(format!("jianbao-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let target = dir.join("a.pdf");
        write_atomically(&target, b"one").unwrap();
        write_atomically(&target, b"two").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        let err = write_atomically(&dir.join("missing/a.pdf"), b"x").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Io);
        assert!(err.message.contains("does not exist"), "{}", err.message);
        // A name as long as the file system allows still gets its temporary file.
        let long = dir.join(format!("{}.pdf", "x".repeat(251)));
        write_atomically(&long, b"long").unwrap();
        assert_eq!(std::fs::read(&long).unwrap(), b"long");
        // A directory is not replaced.
        std::fs::create_dir(dir.join("d.pdf")).unwrap();
        let err = write_atomically(&dir.join("d.pdf"), b"x").unwrap_err();
        assert!(err.message.contains("a directory"), "{}", err.message);
        assert!(dir.join("d.pdf").is_dir());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The Windows way with a PDF open in a viewer, through a rename that fails as Windows'
    /// does (this machine cannot build for Windows; the retry and the file beside are the same
    /// code there).
    #[test]
    fn a_target_held_open_is_retried_then_written_beside() {
        use std::cell::Cell;
        use std::time::Duration;
        let locked = || std::io::Error::from_raw_os_error(32);
        let held = |e: &std::io::Error| e.raw_os_error() == Some(32);
        let (tmp, target) = (Path::new("d/.tmp"), Path::new("d/a.pdf"));
        // Let go on the third try: replaced.
        let tries = Cell::new(0);
        let renamed = std::cell::RefCell::new(Vec::new());
        let rename = |from: &Path, to: &Path| {
            tries.set(tries.get() + 1);
            if to == target && tries.get() < 3 {
                return Err(locked());
            }
            renamed
                .borrow_mut()
                .push((from.to_path_buf(), to.to_path_buf()));
            Ok(())
        };
        replace_retrying(tmp, target, rename, held, Duration::ZERO, 6).unwrap();
        assert_eq!(tries.get(), 3);
        assert_eq!(renamed.borrow()[0].1, target);
        // Never let go: six tries, then beside it, and an error that says where.
        tries.set(0);
        renamed.borrow_mut().clear();
        let rename = |from: &Path, to: &Path| {
            tries.set(tries.get() + 1);
            if to == target {
                return Err(locked());
            }
            renamed
                .borrow_mut()
                .push((from.to_path_buf(), to.to_path_buf()));
            Ok(())
        };
        let err = replace_retrying(tmp, target, rename, held, Duration::ZERO, 6).unwrap_err();
        assert_eq!(tries.get(), 7);
        assert_eq!(renamed.borrow()[0].1, Path::new("d/a.new.pdf"));
        assert!(err.message.contains("a.new.pdf"), "{}", err.message);
        assert!(
            err.message.contains("open in another program"),
            "{}",
            err.message
        );
        // Any other error at once.
        tries.set(0);
        let rename = |_: &Path, _: &Path| {
            tries.set(tries.get() + 1);
            Err(std::io::Error::from_raw_os_error(2))
        };
        replace_retrying(tmp, target, rename, held, Duration::ZERO, 6).unwrap_err();
        assert_eq!(tries.get(), 1);
        assert_eq!(beside(Path::new("x/README")), Path::new("x/README.new"));
        assert!(in_use_on_windows(&std::io::Error::from_raw_os_error(32)));
        assert!(!in_use_on_windows(&std::io::Error::from_raw_os_error(2)));
    }
}
