//! Image bytes → the embeddable stream (PNG/JPEG header parsing, PNG decoding when needed) and
//! the preview decoder: must refuse or accept, never panic or blow up.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // libFuzzer's hook aborts on every panic, also on one jianbao catches: a third-party
    // decoder's, which `images::decode_limited` reports as the file's error. Those pass; every
    // other panic still aborts.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let libfuzzer_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !jianbao::images::inside_image_decoder() {
                libfuzzer_hook(info)
            }
        }));
    });
    if let Ok(img) = jianbao::images::decode(data) {
        assert!(img.width > 0 && img.height > 0);
        assert!(img.width <= jianbao::images::MAX_SIDE && img.height <= jianbao::images::MAX_SIDE);
        // What the preview would draw: decoded within limits, with the size the header gave.
        if let Ok(size) = jianbao::preview::decode_image(&img) {
            assert_eq!(size, (img.width, img.height));
        }
    }
});
