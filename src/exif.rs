//! Phone photos the right way up: a JPEG's or PNG's EXIF orientation applied.
//!
//! A phone stores a portrait photo as a landscape image plus an EXIF tag saying "turn me 90°";
//! a PDF viewer does not read that tag, so the photo would lie on its side. Orientation 1 (or
//! none) keeps the JPEG passthrough: the file is embedded as it is. Any other orientation
//! (rotations and mirrorings, 2–8) is applied by decoding the photo, turning the pixels, and
//! encoding it again as a baseline JPEG at quality 95 — not losslessly: no maintained Rust crate
//! does lossless JPEG transforms (jpegtran's), and turning the untouched JPEG in the page's
//! drawing instead would have the PDF writer and the preview each handle it. At quality 95 the
//! loss is not visible in print; the PDF and the preview both get the upright image, since they
//! are drawn from the same [`crate::images::Image`]. The EXIF segment is found by walking the
//! JPEG markers up to the image data (cheap; no decoding for upright photos) and read with the
//! `image` crate's EXIF orientation reader.
//!
//! PNG files carry EXIF in an `eXIf` chunk (PNG 1.5, W3C PNG third edition) — phones and
//! screenshot tools write it. Its data is the same TIFF structure as a JPEG's APP1 body without
//! the `Exif\0\0` prefix, read by the same reader. A PNG that asks to be turned is decoded, its
//! pixels turned or mirrored, and encoded again as PNG: losslessly, since PNG is lossless. An
//! upright PNG (orientation 1 or no `eXIf`) keeps the passthrough of its image data.

use crate::messages::msg;
use image::metadata::Orientation;

/// JPEG quality a turned photo is encoded again at.
pub const QUALITY: u8 = 95;

/// The EXIF orientation of a JPEG file, when it has one that is not "as stored".
pub fn jpeg_orientation(bytes: &[u8]) -> Option<Orientation> {
    let mut i = 2;
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if matches!(marker, 0xDA | 0xD9) {
            break;
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let body = bytes.get(i + 4..i + 2 + len)?;
        if marker == 0xE1 {
            if let Some(tiff) = body.strip_prefix(b"Exif\0\0") {
                return Orientation::from_exif_chunk(tiff)
                    .filter(|o| *o != Orientation::NoTransforms);
            }
        }
        i += 2 + len;
    }
    None
}

/// The EXIF orientation of a PNG file's `eXIf` chunk, when it has one that is not "as stored".
/// The chunks are walked up to the image data (PNG 3rd edition puts `eXIf` before `IDAT`; one
/// after it is ignored, as the specification says readers may).
pub fn png_orientation(bytes: &[u8]) -> Option<Orientation> {
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[i..i + 4].try_into().ok()?) as usize;
        let kind = &bytes[i + 4..i + 8];
        let data = bytes.get(i + 8..(i + 8).checked_add(len)?)?;
        match kind {
            b"eXIf" => {
                return Orientation::from_exif_chunk(data)
                    .filter(|o| *o != Orientation::NoTransforms)
            }
            b"IDAT" | b"IEND" => return None,
            _ => {}
        }
        i += 12 + len;
    }
    None
}

/// The PNG turned upright and encoded again as PNG (lossless), when its `eXIf` orientation asks
/// for it; `None` for an image that is upright as stored (its data passes through).
pub fn upright_png(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(orientation) = png_orientation(bytes) else {
        return Ok(None);
    };
    let img = turned(bytes, image::ImageFormat::Png, orientation)?;
    let mut out = Vec::new();
    img.write_with_encoder(image::codecs::png::PngEncoder::new(&mut out))
        .map_err(|e| msg::photo_not_turned(e).text)?;
    Ok(Some(out))
}

/// The JPEG turned upright, when its EXIF orientation asks for it; `None` for a photo that is
/// upright as stored (embed it as it is).
pub fn upright_jpeg(bytes: &[u8]) -> Result<Option<Vec<u8>>, String> {
    let Some(orientation) = jpeg_orientation(bytes) else {
        return Ok(None);
    };
    let img = turned(bytes, image::ImageFormat::Jpeg, orientation)?;
    // CMYK and grey stay what they are where the encoder can write them; else RGB.
    let img = match img {
        image::DynamicImage::ImageLuma8(_) => img,
        other => image::DynamicImage::ImageRgb8(other.into_rgb8()),
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&img)
        .map_err(|e| msg::photo_not_turned(e).text)?;
    Ok(Some(out))
}

/// The image decoded (within the decoded-size limit) with `orientation` applied to its pixels.
fn turned(
    bytes: &[u8],
    format: image::ImageFormat,
    orientation: Orientation,
) -> Result<image::DynamicImage, String> {
    let limit = crate::images::MAX_DECODED_BYTES;
    let mut img = crate::images::decode_limited(bytes, format, limit).map_err(|e| {
        let png = format == image::ImageFormat::Png;
        match e {
            image::ImageError::Limits(_) if png => msg::png_too_large(limit / (1024 * 1024)).text,
            image::ImageError::Limits(_) => msg::photo_too_large(limit / (1024 * 1024)).text,
            e if png => msg::corrupt_png(e).text,
            e => msg::corrupt_jpeg(e).text,
        }
    })?;
    img.apply_orientation(orientation);
    Ok(img)
}
