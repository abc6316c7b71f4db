//! Image bytes → the embeddable stream (PNG/JPEG header parsing, PNG decoding when needed) and
//! the preview decoder: must refuse or accept, never panic or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(img) = jianbao::images::decode(data) {
        assert!(img.width > 0 && img.height > 0);
        assert!(img.width <= jianbao::images::MAX_SIDE && img.height <= jianbao::images::MAX_SIDE);
        // What the preview would draw: decoded within limits, with the size the header gave.
        if let Ok(size) = jianbao::preview::decode_image(&img) {
            assert_eq!(size, (img.width, img.height));
        }
    }
});
