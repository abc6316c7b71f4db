//! `jianbao watch`: render, then render again whenever the definition, its layouts, images or
//! fonts change, keeping the last good PDF when a new version has an error.
//!
//! What to watch is learnt from each render: every file the resolve stage asked the assets for
//! (layouts along the `extends` chain, images, fonts given by path, and the files that fonts
//! named by family or name were found in) plus the definition; files that failed to load are
//! watched too, for their fix. A font name found nowhere makes the font directories watched for
//! any font file. The watches are on directories, because editors save by writing a new file and
//! renaming it over the old one, which a watch on the file itself would lose.

use super::document::{exit_status, is_stdio, pages_text, print_warnings, render_with};
use super::output::ui;
use super::{shown, usage_error, PathArgs, RootArg};
use crate::assets::{is_font_file, FontCatalog, FsAssets};
use crate::error::{Error, Source};
use crate::fonts::FontFace;
use crate::images::Image;
use crate::messages::msg;
use crate::resolve::Assets;
use clap::Args;
use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

#[derive(Args, Debug)]
pub struct WatchArgs {
    /// The bulletin definition (TOML).
    pub definition: PathBuf,
    /// Where to write the PDF (default: the definition's name with .pdf).
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,
    /// Treat warnings as errors (the last good PDF is kept).
    #[arg(long)]
    pub strict: bool,
    /// Milliseconds to wait after a change for more changes before rendering.
    #[arg(long, value_name = "MS", default_value_t = 150)]
    pub debounce: u64,
    #[command(flatten)]
    pub paths: PathArgs,
    #[command(flatten)]
    pub root: RootArg,
}

pub fn run(args: &WatchArgs) -> i32 {
    if is_stdio(&args.definition) {
        return usage_error(msg::watch_no_stdin());
    }
    if args.output.as_deref().is_some_and(is_stdio) {
        return usage_error(msg::watch_no_stdout());
    }
    exit_status(watch(args))
}

fn watch(args: &WatchArgs) -> Result<(), Error> {
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.definition.with_extension("pdf"));
    let definition = absolute(&args.definition);
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        let _ = tx.send(event);
    })
    .map_err(|e| watch_error(&args.definition, &e))?;
    let mut watched_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    // Those of them watched with their subfolders.
    let mut watched_deep: BTreeSet<PathBuf> = BTreeSet::new();
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    // Directories where any new or changed font file counts (a font name was not found).
    let mut font_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        // A fresh asset cache each time: a changed image or font must be read again.
        let assets = FsAssets::new(args.paths.search_paths());
        let used = render_once(args, &assets, &output);
        // Keep watching what the last renders used: a layout that fails to parse is still a
        // file to watch for its fix.
        files.insert(definition.clone());
        files.extend(used.files.iter().map(|p| absolute(p)));
        font_dirs.extend(used.dirs.iter().filter(|d| d.is_dir()).map(|d| absolute(d)));
        let dirs: BTreeSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_path_buf))
            .chain(font_dirs.iter().cloned())
            .collect();
        // A font directory is searched recursively, so it is watched so: a font copied into a
        // subfolder of it is noticed. A directory watched alone (it held a file that was read)
        // that has become a font directory is watched again, with its subfolders.
        for dir in dirs.difference(&watched_dirs) {
            if !font_dirs.contains(dir) {
                watcher
                    .watch(dir, RecursiveMode::NonRecursive)
                    .map_err(|e| watch_error(dir, &e))?;
            }
        }
        for dir in font_dirs.difference(&watched_deep) {
            if watched_dirs.contains(dir) {
                let _ = watcher.unwatch(dir);
            }
            watcher
                .watch(dir, RecursiveMode::Recursive)
                .map_err(|e| watch_error(dir, &e))?;
        }
        watched_deep.clone_from(&font_dirs);
        watched_dirs = dirs;
        ui().status(msg::watching(
            match files.len() {
                1 => msg::files_one(),
                n => msg::files_many(n),
            },
            match font_dirs.len() {
                0 => String::new(),
                1 => msg::and_font_dir_one().text,
                n => msg::and_font_dirs(n).text,
            },
        ));
        for file in &files {
            ui().note(msg::watching_file(shown(file)));
        }
        for dir in &font_dirs {
            ui().note(msg::watching_font_dir(shown(dir)));
        }
        wait_for_change(
            &rx,
            &files,
            &font_dirs,
            &output,
            Duration::from_millis(args.debounce),
        )?;
    }
}

/// Blocks until an event touches one of `files` or a font file in one of `font_dirs` (not the
/// output), then waits `quiet` for the burst of events an editor's save makes to end.
fn wait_for_change(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    files: &BTreeSet<PathBuf>,
    font_dirs: &BTreeSet<PathBuf>,
    output: &Path,
    quiet: Duration,
) -> Result<(), Error> {
    let output = real(output);
    let files: BTreeSet<PathBuf> = files.iter().map(|f| real(f)).collect();
    let font_dirs: BTreeSet<PathBuf> = font_dirs.iter().map(|d| real(d)).collect();
    let watched = |path: &Path| {
        let path = real(path);
        path != output
            && (files.contains(&path)
                || (is_font_file(&path) && path.ancestors().skip(1).any(|d| font_dirs.contains(d))))
    };
    let relevant = |event: &notify::Event| {
        !matches!(event.kind, EventKind::Access(_)) && event.paths.iter().any(|p| watched(p))
    };
    loop {
        let event = rx
            .recv()
            .map_err(|_| Error::new(crate::error::ErrorKind::Io, msg::watcher_stopped()))?;
        if let Ok(event) = event {
            if relevant(&event) {
                let name = event.paths.first().cloned().unwrap_or_default();
                while rx.recv_timeout(quiet).is_ok() {}
                ui().status(msg::changed(shown(&name)));
                return Ok(());
            }
        }
    }
}

/// Renders once and reports; returns what the render read.
fn render_once(args: &WatchArgs, assets: &FsAssets, output: &Path) -> Used {
    let recording = Recording::default();
    let result = (|| -> Result<usize, Error> {
        let confined = assets.confined(&args.root.for_definition(&args.definition))?;
        let seen = Seen {
            inner: &confined,
            catalog: assets.catalog(),
            font_dirs: &assets.paths().font_dirs,
            paths: &recording,
        };
        let options = super::document::Options {
            strict: args.strict,
            ..Default::default()
        };
        let written = render_with(&args.definition, output, &seen, options, &mut |r| {
            for note in &r.doc.notes {
                ui().note(note);
            }
            print_warnings(&r.layout.warnings);
            Ok(())
        })?;
        Ok(written.pages())
    })();
    match result {
        Ok(pages) => ui().status(msg::wrote_pages(shown(output), pages_text(pages))),
        Err(e) => {
            ui().error(&e);
            if output.exists() {
                ui().status(msg::kept_last_good(shown(output)));
            }
        }
    }
    recording.take()
}

fn watch_error(path: &Path, e: &notify::Error) -> Error {
    Error::new(crate::error::ErrorKind::Io, msg::cannot_watch(e)).with_path(path)
}

/// A path made absolute against the current directory (without resolving links: events name
/// files the way the watches were set up).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The path with its directory's symbolic links resolved (the file itself may be gone, after
/// a rename): FSEvents on macOS reports real paths (`/private/var/…` for `/var/…`), and a
/// definition may be reached through a link, so events and watched files are compared this way.
fn real(path: &Path) -> PathBuf {
    let path = absolute(path);
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => dunce::canonicalize(dir).map_or(path.clone(), |d| d.join(name)),
        _ => path,
    }
}

/// What a render read: files, and directories in which any font file may be one it looked for.
#[derive(Default)]
struct Used {
    files: Vec<PathBuf>,
    dirs: Vec<PathBuf>,
}

/// The paths an [`Assets`] was asked for.
#[derive(Default)]
struct Recording(Mutex<Used>);

impl Recording {
    /// Records a file used; a built-in one (`<built-in>/NAME`) is part of the program and
    /// never changes, so it is not watched.
    fn add(&self, path: PathBuf) {
        if crate::assets::builtin::name_of(&path).is_some() {
            return;
        }
        self.0.lock().unwrap().files.push(path);
    }

    fn add_dirs(&self, dirs: &[PathBuf]) {
        self.0.lock().unwrap().dirs.extend_from_slice(dirs);
    }

    fn take(self) -> Used {
        self.0.into_inner().unwrap()
    }
}

/// Passes requests through to `inner` and records which files they are about.
struct Seen<'a> {
    inner: &'a dyn Assets,
    /// Where `inner` finds fonts by name.
    catalog: &'a FontCatalog,
    font_dirs: &'a [PathBuf],
    paths: &'a Recording,
}

impl Assets for Seen<'_> {
    fn layout(&self, name: &str, relative_to: &Path) -> Result<Source, String> {
        let source = self.inner.layout(name, relative_to)?;
        self.paths.add(source.path.clone());
        Ok(source)
    }

    fn font(&self, name: &str) -> Result<Arc<FontFace>, crate::messages::Message> {
        let face = self.inner.font(name);
        if crate::paths::names_a_path(name) {
            // Recorded even when it fails, like an image.
            self.paths.add(PathBuf::from(name));
        } else if let Some(file) = self.catalog.file(name) {
            self.paths.add(file);
        } else {
            // Found nowhere (or only in a file that does not load): a font file copied into a
            // font directory may be it.
            self.paths.add_dirs(self.font_dirs);
        }
        face
    }

    fn fonts_with(&self, c: char) -> Vec<String> {
        self.inner.fonts_with(c)
    }

    fn image(&self, path: &Path) -> Result<Arc<Image>, String> {
        // Recorded even when it fails: a missing image may be about to be copied in.
        self.paths.add(path.to_path_buf());
        self.inner.image(path)
    }

    fn text_file(&self, path: &Path) -> Result<crate::assets::Decoded, String> {
        self.paths.add(path.to_path_buf());
        self.inner.text_file(path)
    }
}
