//! Pages stream from the page stage to the PDF writer (`jianbao::lay_out_and_write`, the path
//! `render` and `batch` take): each page is written as it is finished and dropped, so memory
//! does not grow with the document. Checked through the public API: the streamed file is the
//! same, byte for byte, as the one written from a layout holding every page (the path a merged
//! print run takes), for every sample; and the heap a render needs hardly grows with its
//! length (a counting allocator measures the peak of live bytes — a count, not a time, so it
//! is the same on every run and machine load). The absolute figures (10,000 pages, peak RSS)
//! are benchmarks: `benches/pdf.sh --big`.

mod support;

use jianbao::assets::{FsAssets, SearchPaths};
use jianbao::error::Source;
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The system allocator, counting the bytes alive and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// The tests of this file measure the heap one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn assets() -> FsAssets {
    FsAssets::new(SearchPaths {
        layout_dirs: vec![root().join("layouts")],
        font_dirs: vec![root().join("fonts")],
        ..SearchPaths::default()
    })
}

#[test]
fn the_streamed_file_is_the_file_written_from_all_pages_for_every_sample() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let assets = assets();
    let all = support::samples();
    assert!(all.len() >= 10, "the samples are there");
    for path in all {
        let text = std::fs::read_to_string(&path).unwrap();
        let source = Source::new(path.clone(), text);
        let options = jianbao::pdf::Options::default();
        let (_, streamed_layout, streamed) =
            jianbao::lay_out_and_write(&source, &assets, options, false)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (doc, layout) = jianbao::lay_out(&source, &assets).unwrap();
        let whole = jianbao::pdf::write(&doc, &layout).unwrap();
        assert!(
            streamed == whole,
            "{}: the streamed PDF differs from the one written from all pages",
            path.display()
        );
        assert!(streamed_layout.pages.is_empty(), "no page was kept");
        assert_eq!(streamed_layout.count, layout.pages.len());
        assert_eq!(streamed_layout.lines, layout.lines, "{}", path.display());
        let warnings = |l: &jianbao::page::Layout| -> Vec<String> {
            l.warnings.iter().map(|w| w.message.clone()).collect()
        };
        assert_eq!(warnings(&streamed_layout), warnings(&layout));
    }
}

/// A bulletin of `paragraphs` paragraphs of about 600 characters under the sample's masthead
/// (about 2.5 paragraphs a page), with a figure every 20 paragraphs, each referred to before
/// it (a link to a page not laid out yet).
fn long_bulletin(paragraphs: usize) -> Source {
    let mut text = String::from(
        "layout = \"newsletter\"\n[bulletin]\npublisher = \"测试\"\ndate = 2024-01-02\n",
    );
    let sentence = "质量活动覆盖面进一步扩大，成效明显提升；小组数量稳步增长，骨干队伍不断壮大。";
    for i in 0..paragraphs {
        if i % 20 == 0 {
            text.push_str(&format!(
                "[[blocks]]\nheading = \"第{}部分\"\n[[blocks]]\ntext = \"详见图{{ref:f{i}}}。\"\n",
                i / 20 + 1
            ));
        }
        text.push_str("[[blocks]]\ntext = \"");
        for _ in 0..16 {
            text.push_str(sentence);
        }
        text.push_str("\"\n");
        if i % 20 == 10 {
            text.push_str(&format!(
                "[[blocks]]\nfigure = \"cqa-2020-03-10/fig2.png\"\nlabel = \"f{}\"\ncaption = \"图注\"\n",
                i - 10
            ));
        }
    }
    Source::new(root().join("samples/long.toml"), text)
}

/// The peak heap of rendering `source`, and its page count.
fn peak_of(source: &Source, assets: &FsAssets) -> (usize, usize) {
    PEAK.store(LIVE.load(Ordering::SeqCst), Ordering::SeqCst);
    let base = LIVE.load(Ordering::SeqCst);
    let (_, layout, pdf) =
        jianbao::lay_out_and_write(source, assets, jianbao::pdf::Options::default(), false)
            .expect("renders");
    let peak = PEAK.load(Ordering::SeqCst) - base;
    drop(pdf);
    (peak, layout.count)
}

#[test]
fn the_heap_hardly_grows_with_the_number_of_pages() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let assets = assets();
    let short = long_bulletin(60);
    let long = long_bulletin(480);
    // Warm up what is loaded once (fonts' tables, the layout).
    peak_of(&short, &assets);
    let (small, short_pages) = peak_of(&short, &assets);
    let (large, long_pages) = peak_of(&long, &assets);
    assert!(
        long_pages >= 7 * short_pages,
        "{short_pages} and {long_pages} pages"
    );
    // Holding every page cost 46 KB a page of this text (measured when the pages were all
    // laid out before the writer ran); streamed, what remains per page is the definition's own
    // text and model, the finished file's bytes, the line records and the structure tree
    // (12 KB).
    let per_page = (large.saturating_sub(small)) / (long_pages - short_pages);
    assert!(
        per_page < 20_000,
        "the heap grew by {per_page} bytes a page ({small} B for {short_pages} pages, {large} B for {long_pages})"
    );
}
