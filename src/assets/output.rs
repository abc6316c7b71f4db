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
    let result = (|| -> std::io::Result<()> {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, &e)
    })
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
    // The info dictionary is written uncompressed, its strings as UTF-16 in hex: `/Producer
    // <FEFF006A…>` is "jianbao …".
    const PRODUCER: &[u8] = b"/Producer<FEFF006A00690061006E00620061006F";
    bytes.starts_with(b"%PDF-") && bytes.windows(PRODUCER.len()).any(|w| w == PRODUCER)
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
}
