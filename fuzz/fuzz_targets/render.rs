//! Definition text → parse → resolve → paginate → PDF bytes, all in memory.
//!
//! The input is taken as a definition living in `samples/` (so the seed's figures resolve), read
//! through the same confined file-system assets the CLI uses; nothing is written anywhere.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some(rendered) = common::render(text) {
        assert!(rendered.pdf.starts_with(b"%PDF-"));
        assert!(rendered.pages >= 1);
    }
});
