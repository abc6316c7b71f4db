//! Images as the PDF will hold them.
//!
//! JPEG files are embedded as they are (DCTDecode): no decoding, no re-encoding, no loss. PNG
//! files without transparency are embedded by passing their compressed image data through with
//! the PNG predictor parameters (FlateDecode), also without decoding; PNGs with an alpha channel
//! are decoded once and split into colour and soft mask, losslessly at full resolution. Only the
//! headers are read otherwise, so a large photo costs its file size, not its pixel count.

use crate::messages::msg;
use std::io::{Read, Write};

/// Largest side and pixel count accepted: beyond this a file is refused (a decompression bomb
/// or a scan at absurd resolution), with a message saying why.
pub const MAX_SIDE: u32 = 20_000;
pub const MAX_PIXELS: u64 = 100_000_000;
/// Most memory a PNG that has to be decoded (transparency, interlacing) may take decoded: a
/// small file can inflate to gigabytes (a decompression bomb), so decoding stops at this.
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;

/// An image ready to embed.
#[derive(Clone, Debug, PartialEq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub stream: ImageStream,
}

/// A PDF image XObject's stream: its data, how it is encoded, and an optional soft mask.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageStream {
    pub filter: Filter,
    pub color_space: ColorSpace,
    pub bits_per_component: u8,
    /// Invert the decode range (Adobe CMYK JPEGs store inverted values).
    pub invert: bool,
    pub data: Vec<u8>,
    pub soft_mask: Option<Box<ImageStream>>,
    /// The colour profile the file carries (a phone's Display P3, a camera's Adobe RGB), checked
    /// against the image's components: the PDF says what the numbers mean instead of taking
    /// them for sRGB. `None`: the device space.
    pub icc: Option<Vec<u8>>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// JPEG data as in the file.
    Dct,
    /// zlib data; with PNG predictors when `png_colors` is set (passthrough of PNG IDAT data).
    Flate { png_colors: Option<u8> },
}

#[derive(Clone, Debug, PartialEq)]
pub enum ColorSpace {
    Gray,
    Rgb,
    Cmyk,
    /// A palette of RGB triples.
    Indexed(Vec<u8>),
}

impl ColorSpace {
    pub fn components(&self) -> u8 {
        match self {
            ColorSpace::Gray | ColorSpace::Indexed(_) => 1,
            ColorSpace::Rgb => 3,
            ColorSpace::Cmyk => 4,
        }
    }
}

/// Reads an image from its bytes (PNG or JPEG, told apart by their signatures).
pub fn decode(bytes: &[u8]) -> Result<Image, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        // A phone photo taken upright but stored sideways is turned (see `crate::exif`).
        match crate::exif::upright_jpeg(bytes)? {
            // Turned and encoded again: the original's profile still says what its colours
            // mean (the encoder writes none).
            Some(upright) => {
                let original = jpeg(bytes)?;
                let mut img = jpeg(&upright)?;
                if original.stream.color_space == img.stream.color_space {
                    img.stream.icc = original.stream.icc;
                }
                Ok(img)
            }
            None => jpeg(bytes),
        }
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        // The same for a PNG with an `eXIf` chunk (screenshots, some phones).
        match crate::exif::upright_png(bytes)? {
            Some(upright) => png(&upright),
            None => png(bytes),
        }
    } else if bytes.is_empty() {
        Err(msg::image_empty().text)
    } else {
        Err(match other_format(bytes) {
            Some("HEIC") => msg::image_heic().text,
            Some(format) => msg::image_other_format(format).text,
            None => msg::not_png_or_jpeg().text,
        })
    }
}

/// The format of an image that is not PNG or JPEG, by its signature, so that the clerk hears
/// what the file is (a phone's HEIC photo, a WebP saved from a web page) and what to do.
pub(crate) fn other_format(bytes: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, sig: &[u8]| bytes.get(offset..offset + sig.len()) == Some(sig);
    // ISO base media files (HEIF, AVIF): a `ftyp` box first, its major brand after it.
    if at(4, b"ftyp") {
        let brand = bytes.get(8..12)?;
        return match brand {
            b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"mif1" | b"msf1" => {
                Some("HEIC")
            }
            b"avif" | b"avis" => Some("AVIF"),
            _ => None,
        };
    }
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    Some(if at(0, b"RIFF") && at(8, b"WEBP") {
        "WebP"
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        "GIF"
    } else if at(0, b"BM") && bytes.len() > 14 {
        "BMP"
    } else if at(0, b"II*\0") || at(0, b"MM\0*") {
        "TIFF"
    } else if at(0, b"%PDF-") {
        "PDF"
    } else if at(40, b" EMF") || at(0, &[0xD7, 0xCD, 0xC6, 0x9A]) {
        "EMF/WMF"
    } else if at(0, b"8BPS") {
        "Photoshop (PSD)"
    } else if at(0, &[0, 0, 0, 0x0C, b'j', b'P', b' ', b' ']) {
        "JPEG 2000"
    } else if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
        && text.contains("<svg")
    {
        "SVG"
    } else {
        return None;
    })
}

fn check_size(width: u32, height: u32) -> Result<(), String> {
    if width == 0 || height == 0 {
        return Err(msg::image_no_pixels().text);
    }
    if width > MAX_SIDE || height > MAX_SIDE || width as u64 * height as u64 > MAX_PIXELS {
        return Err(msg::image_too_large(width, height, MAX_SIDE, MAX_PIXELS / 1_000_000).text);
    }
    Ok(())
}

/// A JPEG frame header's component: its id and sampling factors.
struct FrameComponent {
    id: u8,
    h: u8,
    v: u8,
}

/// JPEG: find the frame header for size and components, check that every scan names
/// components the frame has, with sampling factors within ITU T.81's limits, that every
/// component has a scan, and that the file ends properly. The image data itself is left to
/// the PDF reader: these are the structural faults on which decoders disagree or fail.
fn jpeg(bytes: &[u8]) -> Result<Image, String> {
    let corrupt = |detail: crate::messages::Message| msg::corrupt_jpeg(detail).text;
    let mut i = 2;
    let mut frame = None;
    let mut frame_components: Vec<FrameComponent> = Vec::new();
    let mut scanned: Vec<u8> = Vec::new();
    let mut adobe = false;
    let mut profile: Vec<(u8, u8, &[u8])> = Vec::new();
    while i + 4 <= bytes.len() {
        if bytes[i] != 0xFF {
            return Err(corrupt(msg::bad_marker()));
        }
        let marker = bytes[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        if marker == 0xD9 {
            break;
        }
        // Markers without a length: TEM and the restart markers are skipped; `FF 00` (a byte
        // stuffed in scan data) and a second SOI cannot stand between segments. Read as a
        // segment, `FF 00` made this parser and the decoders see different frames (the
        // header said 16×11788, the preview's decoder 16×12).
        match marker {
            0x01 | 0xD0..=0xD7 => {
                i += 2;
                continue;
            }
            0x00 | 0xD8 => return Err(corrupt(msg::bad_marker())),
            _ => {}
        }
        let len = u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]) as usize;
        let body = bytes
            .get(i + 4..i + 2 + len)
            .ok_or_else(|| corrupt(msg::truncated_header()))?;
        match marker {
            // Start of frame (any coding except the DHT/JPG/DAC markers in the same range).
            0xC0..=0xCF if !matches!(marker, 0xC4 | 0xC8 | 0xCC) => {
                if body.len() < 6 || body.len() < 6 + 3 * body[5] as usize {
                    return Err(corrupt(msg::short_frame_header()));
                }
                // One frame before the first scan (a second is only in hierarchical files, which
                // no decoder here reads): with two, which one a decoder takes is a guess.
                if frame.is_some() {
                    return Err(corrupt(msg::two_frame_headers()));
                }
                let height = u16::from_be_bytes([body[1], body[2]]) as u32;
                let width = u16::from_be_bytes([body[3], body[4]]) as u32;
                frame = Some((body[0], height, width));
                for c in body[6..6 + 3 * body[5] as usize].chunks(3) {
                    let (h, v) = (c[1] >> 4, c[1] & 0x0F);
                    // T.81 B.2.2: each sampling factor is 1 to 4.
                    if !(1..=4).contains(&h) || !(1..=4).contains(&v) {
                        return Err(corrupt(msg::jpeg_bad_sampling()));
                    }
                    if frame_components.iter().any(|f| f.id == c[0]) {
                        return Err(corrupt(msg::jpeg_component_twice()));
                    }
                    frame_components.push(FrameComponent { id: c[0], h, v });
                }
            }
            // Start of scan: the components it codes, then entropy-coded data up to the next
            // marker that is not a stuffed byte or a restart.
            0xDA => {
                if frame.is_none() {
                    return Err(corrupt(msg::no_frame_header()));
                }
                let count = *body.first().unwrap_or(&0) as usize;
                if count == 0 || count > 4 || body.len() < 1 + 2 * count + 3 {
                    return Err(corrupt(msg::jpeg_bad_scan()));
                }
                let mut blocks = 0;
                for c in body[1..1 + 2 * count].chunks(2) {
                    let f = frame_components
                        .iter()
                        .find(|f| f.id == c[0])
                        .ok_or_else(|| corrupt(msg::jpeg_bad_scan()))?;
                    blocks += f.h as u32 * f.v as u32;
                    if !scanned.contains(&c[0]) {
                        scanned.push(c[0]);
                    }
                }
                // T.81 B.2.3: an interleaved scan's MCU holds at most 10 blocks.
                if count > 1 && blocks > 10 {
                    return Err(corrupt(msg::jpeg_bad_sampling()));
                }
                i = next_marker(bytes, i + 2 + len)
                    .ok_or_else(|| corrupt(msg::jpeg_truncated()))?;
                continue;
            }
            0xEE if body.starts_with(b"Adobe") => adobe = true,
            // An ICC profile, in as many APP2 segments as it needs (sequence number, count).
            0xE2 if body.len() > 14 && body.starts_with(b"ICC_PROFILE\0") => {
                profile.push((body[12], body[13], &body[14..]))
            }
            _ => {}
        }
        i += 2 + len;
    }
    // A component no scan codes has no image data: what a reader shows for it is a guess.
    if let Some(missing) = frame_components.iter().find(|f| !scanned.contains(&f.id)) {
        return Err(corrupt(msg::jpeg_component_without_data(missing.id)));
    }
    let (precision, height, width) = frame.ok_or_else(|| corrupt(msg::no_frame_header()))?;
    // At most 255 (the header's count is one byte).
    let components = frame_components.len() as u8;
    check_size(width, height)?;
    if precision != 8 {
        return Err(msg::jpeg_precision(precision).text);
    }
    let end = bytes.iter().rposition(|&b| b != 0).unwrap_or(0);
    if end < 1 || bytes[end - 1..=end] != [0xFF, 0xD9] {
        return Err(msg::corrupt_jpeg(msg::jpeg_truncated()).text);
    }
    let color_space = match components {
        1 => ColorSpace::Gray,
        3 => ColorSpace::Rgb,
        4 => ColorSpace::Cmyk,
        n => return Err(msg::jpeg_components(n).text),
    };
    Ok(Image {
        width,
        height,
        stream: ImageStream {
            filter: Filter::Dct,
            invert: adobe && components == 4,
            color_space,
            bits_per_component: 8,
            data: bytes.to_vec(),
            soft_mask: None,
            icc: jpeg_profile(profile).filter(|p| profile_fits(p, components)),
        },
    })
}

/// Where the marker after entropy-coded data starting at `from` is: the first `FF` followed
/// by neither a stuffed `00`, a restart marker nor another `FF` (fill bytes).
fn next_marker(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    loop {
        i += bytes.get(i..)?.iter().position(|&b| b == 0xFF)?;
        match *bytes.get(i + 1)? {
            0x00 | 0xD0..=0xD7 => i += 2,
            0xFF => i += 1,
            _ => return Some(i),
        }
    }
}

/// A JPEG's ICC profile from its APP2 segments: each of 1..=count exactly once, in order.
/// Anything else (a segment missing or repeated, counts that differ) is no profile.
fn jpeg_profile(mut parts: Vec<(u8, u8, &[u8])>) -> Option<Vec<u8>> {
    let count = parts.first()?.1;
    parts.sort_by_key(|p| p.0);
    let in_order = parts.len() == count as usize
        && parts
            .iter()
            .enumerate()
            .all(|(i, p)| p.0 as usize == i + 1 && p.1 == count);
    in_order.then(|| parts.iter().flat_map(|p| p.2.iter().copied()).collect())
}

/// Whether an ICC profile is whole and describes `components` colour components: its size
/// field is its length, it has the `acsp` signature, and its data colour space is GRAY, RGB
/// or CMYK to match (ICC.1, 7.2). A profile that does not fit is left out, as viewers do.
fn profile_fits(profile: &[u8], components: u8) -> bool {
    let space: &[u8] = match components {
        1 => b"GRAY",
        3 => b"RGB ",
        4 => b"CMYK",
        _ => return false,
    };
    profile.len() >= 132
        && u32::from_be_bytes([profile[0], profile[1], profile[2], profile[3]]) as usize
            == profile.len()
        && &profile[36..40] == b"acsp"
        && &profile[16..20] == space
}

struct PngHeader {
    width: u32,
    height: u32,
    bit_depth: u8,
    color_type: u8,
    interlaced: bool,
}

/// PNG: pass the compressed data through when PDF's PNG predictors can read it as it is;
/// decode only for transparency or interlacing.
fn png(bytes: &[u8]) -> Result<Image, String> {
    let mut header = None;
    let mut palette = None;
    let mut transparency = false;
    let mut idat = Vec::new();
    let mut ended = false;
    let mut iccp: Option<&[u8]> = None;
    let mut i = 8;
    while i + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap()) as usize;
        let kind = &bytes[i + 4..i + 8];
        let data = bytes
            .get(i + 8..i + 8 + len)
            .ok_or_else(|| msg::corrupt_png(msg::file_truncated()).text)?;
        bytes
            .get(i + 8 + len..i + 12 + len)
            .ok_or_else(|| msg::corrupt_png(msg::file_truncated()).text)?;
        match kind {
            b"IHDR" if data.len() == 13 => {
                if data[10] != 0 || data[11] != 0 || data[12] > 1 {
                    return Err(msg::corrupt_png(msg::png_bad_methods()).text);
                }
                header = Some(PngHeader {
                    width: u32::from_be_bytes(data[0..4].try_into().unwrap()),
                    height: u32::from_be_bytes(data[4..8].try_into().unwrap()),
                    bit_depth: data[8],
                    color_type: data[9],
                    interlaced: data[12] != 0,
                })
            }
            b"PLTE" => palette = Some(data.to_vec()),
            b"tRNS" => transparency = true,
            b"iCCP" => iccp = Some(data),
            b"IDAT" => idat.extend_from_slice(data),
            b"IEND" => {
                ended = true;
                break;
            }
            _ => {}
        }
        i += 12 + len;
    }
    let h = header.ok_or_else(|| msg::corrupt_png(msg::no_header()).text)?;
    check_size(h.width, h.height)?;
    if !ended || idat.is_empty() {
        return Err(msg::corrupt_png(msg::file_truncated()).text);
    }
    let color_space = match (h.color_type, palette) {
        (0, _) => Some(ColorSpace::Gray),
        (2, _) => Some(ColorSpace::Rgb),
        (3, Some(p)) => Some(ColorSpace::Indexed(p)),
        (3, None) => return Err(msg::corrupt_png(msg::palette_missing()).text),
        (4 | 6, _) => None,
        (t, _) => return Err(msg::corrupt_png(msg::unknown_colour_type(t)).text),
    };
    check_bit_depth(&h)?;
    let mut img = match color_space {
        Some(cs) if !h.interlaced && !transparency => {
            check_image_data(&idat, &h, cs.components())?;
            passed_through(h, cs, idat)
        }
        _ => png_decoded(bytes)?,
    };
    // A screenshot's or an editor's colour profile (a Mac's Display P3), as for JPEG; not for a
    // palette image, whose colours are the palette's.
    if !matches!(img.stream.color_space, ColorSpace::Indexed(_)) {
        let components = img.stream.color_space.components();
        img.stream.icc = iccp
            .and_then(png_profile)
            .filter(|p| profile_fits(p, components));
    }
    Ok(img)
}

/// Largest ICC profile read from a PNG's `iCCP` chunk once inflated (real ones are a few KB; a
/// chunk that inflates past this is left out).
const MAX_PROFILE_BYTES: u64 = 4 * 1024 * 1024;

/// The profile in an `iCCP` chunk: a name, a NUL, compression method 0, then zlib data.
fn png_profile(chunk: &[u8]) -> Option<Vec<u8>> {
    let nul = chunk.iter().take(80).position(|&b| b == 0)?;
    if chunk.get(nul + 1) != Some(&0) {
        return None;
    }
    let mut profile = Vec::new();
    let inflater = flate2::read::ZlibDecoder::new(&chunk[nul + 2..]);
    inflater
        .take(MAX_PROFILE_BYTES + 1)
        .read_to_end(&mut profile)
        .ok()?;
    (profile.len() as u64 <= MAX_PROFILE_BYTES).then_some(profile)
}

/// The bit depths PNG allows for each colour type (PNG spec, 11.2.2).
fn check_bit_depth(h: &PngHeader) -> Result<(), String> {
    let allowed: &[u8] = match h.color_type {
        0 => &[1, 2, 4, 8, 16],
        3 => &[1, 2, 4, 8],
        _ => &[8, 16],
    };
    if allowed.contains(&h.bit_depth) {
        Ok(())
    } else {
        Err(msg::corrupt_png(msg::bad_bit_depth(h.bit_depth, h.color_type)).text)
    }
}

/// Before the compressed data is passed through undecoded, it is inflated once — into a small
/// buffer, counting, never holding the image — to check that it is zlib data, that it holds
/// every row, and that every row starts with a known filter type. A viewer would otherwise be
/// the first to find out ("Unknown compression method", missing rows).
fn check_image_data(idat: &[u8], h: &PngHeader, components: u8) -> Result<(), String> {
    use std::io::Read;
    let row = 1 + (h.width as u64 * components as u64 * h.bit_depth as u64).div_ceil(8);
    let expected = row * h.height as u64;
    let mut inflater = flate2::read::ZlibDecoder::new(idat);
    let mut buf = vec![0u8; 64 * 1024];
    let mut seen = 0u64;
    while seen < expected {
        let n = match inflater.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) => return Err(msg::corrupt_png(msg::cannot_inflate(e)).text),
        };
        // The rows that start in this piece: their first byte is the filter type.
        let end = (seen + n as u64).min(expected);
        let mut start = seen.div_ceil(row) * row;
        while start < end {
            let b = buf[(start - seen) as usize];
            if b > 4 {
                return Err(msg::corrupt_png(msg::unknown_filter(start / row + 1, b)).text);
            }
            start += row;
        }
        seen += n as u64;
    }
    if seen < expected {
        return Err(msg::corrupt_png(msg::missing_rows(seen / row, h.height)).text);
    }
    Ok(())
}

/// A PNG's compressed data as the PDF image stream, PNG predictors on.
fn passed_through(h: PngHeader, cs: ColorSpace, idat: Vec<u8>) -> Image {
    Image {
        width: h.width,
        height: h.height,
        stream: ImageStream {
            filter: Filter::Flate {
                png_colors: Some(cs.components()),
            },
            color_space: cs,
            bits_per_component: h.bit_depth,
            invert: false,
            data: idat,
            soft_mask: None,
            icc: None,
        },
    }
}

/// Decodes `bytes` in `format` with the size limits every decode in jianbao has: no side over
/// [`MAX_SIDE`], no more than `max_alloc` bytes allocated (a decompression bomb is refused).
pub(crate) fn decode_limited(
    bytes: &[u8],
    format: image::ImageFormat,
    max_alloc: u64,
) -> Result<image::DynamicImage, image::ImageError> {
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(max_alloc);
    reader.limits(limits);
    // The decoders are other crates' code reading hostile bytes: one that panics on a malformed
    // file (zune-jpeg 0.5.15 does, on some unusual sampling factors) must not take jianbao down
    // with it. Its panic becomes this file's decoding error.
    IN_DECODER.with(|inside| inside.set(true));
    let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| reader.decode()));
    IN_DECODER.with(|inside| inside.set(false));
    decoded.unwrap_or_else(|_| {
        Err(image::ImageError::Decoding(
            image::error::DecodingError::new(
                image::error::ImageFormatHint::Exact(format),
                msg::decoder_failed().text,
            ),
        ))
    })
}

thread_local! {
    static IN_DECODER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside a third-party image decoder, whose panic [`decode_limited`]
/// turns into an error: a panic hook stays quiet about it (the CLI's), or lets it pass (a fuzz
/// target's, which otherwise aborts on every panic).
pub fn inside_image_decoder() -> bool {
    IN_DECODER.with(|inside| inside.get())
}

/// Decodes a PNG that needs it (alpha, tRNS, interlacing) into 8-bit colour plus soft mask.
fn png_decoded(bytes: &[u8]) -> Result<Image, String> {
    let decoded = decode_limited(bytes, image::ImageFormat::Png, MAX_DECODED_BYTES);
    let img = decoded.map_err(|e| match e {
        image::ImageError::Limits(_) => msg::png_too_large(MAX_DECODED_BYTES / (1024 * 1024)).text,
        e => msg::corrupt_png(e).text,
    })?;
    let rgba = img.into_rgba8();
    let (width, height) = rgba.dimensions();
    let pixels = rgba.into_raw();
    let mut rgb = Vec::with_capacity(pixels.len() / 4 * 3);
    let mut alpha = Vec::with_capacity(pixels.len() / 4);
    for px in pixels.chunks_exact(4) {
        rgb.extend_from_slice(&px[..3]);
        alpha.push(px[3]);
    }
    let opaque = alpha.iter().all(|&a| a == 255);
    let soft_mask = (!opaque).then(|| {
        Box::new(ImageStream {
            filter: Filter::Flate { png_colors: None },
            color_space: ColorSpace::Gray,
            bits_per_component: 8,
            invert: false,
            data: deflate(&alpha),
            soft_mask: None,
            icc: None,
        })
    });
    Ok(Image {
        width,
        height,
        stream: ImageStream {
            filter: Filter::Flate { png_colors: None },
            color_space: ColorSpace::Rgb,
            bits_per_component: 8,
            invert: false,
            data: deflate(&rgb),
            soft_mask,
            icc: None,
        },
    })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode_png(color: image::ColorType, w: u32, h: u32, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new(&mut out),
            data,
            w,
            h,
            color.into(),
        )
        .unwrap();
        out
    }

    /// Files a clerk brings that are not PNG or JPEG are named by what they are (each by its
    /// published signature), so the message can say what to do; an unknown file stays "not a
    /// PNG or JPEG image".
    #[test]
    fn other_formats_are_named() {
        let mut emf = vec![1, 0, 0, 0];
        emf.resize(40, 0);
        emf.extend(b" EMF");
        let cases: [(&[u8], Option<&str>); 12] = [
            (b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", Some("HEIC")),
            (b"\0\0\0\x1cftypmif1\0\0\0\0mif1heic", Some("HEIC")),
            (b"\0\0\0\x1cftypavif\0\0\0\0avifmif1", Some("AVIF")),
            (b"RIFF\x1a\0\0\0WEBPVP8L", Some("WebP")),
            (b"GIF89a\x01\0\x01\0", Some("GIF")),
            (b"BM\x3a\0\0\0\0\0\0\0\x36\0\0\0\x28\0", Some("BMP")),
            (b"II*\0\x08\0\0\0", Some("TIFF")),
            (b"%PDF-1.7\n", Some("PDF")),
            (&emf, Some("EMF/WMF")),
            (
                b"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<svg xmlns=",
                Some("SVG"),
            ),
            (b"\0\0\0\x18ftypmp42", None),
            (b"hello", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(other_format(bytes), expected, "{bytes:?}");
        }
        let err = decode(cases[0].0).unwrap_err();
        assert!(err.contains("HEIC") && err.contains("JPEG"), "{err}");
        let err = decode(cases[3].0).unwrap_err();
        assert!(
            err.starts_with("a WebP file, not a PNG or JPEG image"),
            "{err}"
        );
        assert_eq!(decode(b"hello").unwrap_err(), msg::not_png_or_jpeg().text);
    }

    #[test]
    fn rgb_png_passes_through_without_decoding() {
        let png = encode_png(image::ColorType::Rgb8, 2, 2, &[0u8; 12]);
        let img = decode(&png).unwrap();
        assert_eq!((img.width, img.height), (2, 2));
        assert_eq!(
            img.stream.filter,
            Filter::Flate {
                png_colors: Some(3)
            }
        );
        assert!(img.stream.soft_mask.is_none());
    }

    #[test]
    fn rgba_png_gets_a_soft_mask_only_when_transparent() {
        let opaque = encode_png(image::ColorType::Rgba8, 1, 1, &[1, 2, 3, 255]);
        assert!(decode(&opaque).unwrap().stream.soft_mask.is_none());
        let clear = encode_png(image::ColorType::Rgba8, 1, 1, &[1, 2, 3, 0]);
        assert!(decode(&clear).unwrap().stream.soft_mask.is_some());
    }

    #[test]
    fn truncated_and_foreign_files_are_errors() {
        let png = encode_png(image::ColorType::Rgb8, 4, 4, &[7u8; 48]);
        assert!(decode(&png[..png.len() - 20])
            .unwrap_err()
            .contains("truncated"));
        assert!(decode(b"GIF89a").unwrap_err().contains("not a PNG or JPEG"));
        assert!(decode(b"").unwrap_err().contains("empty"));
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode(&[0u8; 12], 2, 2, image::ExtendedColorType::Rgb8)
            .unwrap();
        let img = decode(&jpeg).unwrap();
        assert_eq!(img.stream.filter, Filter::Dct);
        assert_eq!(img.stream.data, jpeg);
        assert!(decode(&jpeg[..jpeg.len() - 10])
            .unwrap_err()
            .contains("truncated"));
    }

    /// A profile shaped as ICC.1 wants it (size field, `acsp`, a data colour space), the tags
    /// left out: enough for the checks made here.
    fn profile(space: &[u8; 4], len: usize) -> Vec<u8> {
        let mut p = vec![0u8; len];
        p[..4].copy_from_slice(&(len as u32).to_be_bytes());
        p[16..20].copy_from_slice(space);
        p[36..40].copy_from_slice(b"acsp");
        p
    }

    /// `jpeg` with `profile` put in after SOI as APP2 segments of `chunk` bytes each (the
    /// sequence numbers as given by `order`, from 1).
    fn with_profile(jpeg: &[u8], profile: &[u8], chunk: usize, order: &[u8]) -> Vec<u8> {
        let parts: Vec<&[u8]> = profile.chunks(chunk).collect();
        let mut out = jpeg[..2].to_vec();
        for &seq in order {
            let part = parts[seq as usize - 1];
            out.extend_from_slice(&[0xFF, 0xE2]);
            out.extend_from_slice(&((part.len() + 16) as u16).to_be_bytes());
            out.extend_from_slice(b"ICC_PROFILE\0");
            out.extend_from_slice(&[seq, parts.len() as u8]);
            out.extend_from_slice(part);
        }
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    /// A photo's colour profile (an iPhone's Display P3) goes with it, put together from its
    /// APP2 segments in sequence order; one that is incomplete, or for another number of
    /// components, is left out.
    #[test]
    fn a_jpegs_colour_profile_is_kept_when_whole_and_fitting() {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode(&[90u8; 48], 4, 4, image::ExtendedColorType::Rgb8)
            .unwrap();
        let rgb = profile(b"RGB ", 600);
        let img = decode(&with_profile(&jpeg, &rgb, 250, &[2, 1, 3])).unwrap();
        assert_eq!(img.stream.icc.as_deref(), Some(&rgb[..]));
        assert_eq!(
            decode(&with_profile(&jpeg, &rgb, 250, &[1, 3]))
                .unwrap()
                .stream
                .icc,
            None
        );
        let gray = profile(b"GRAY", 300);
        assert_eq!(
            decode(&with_profile(&jpeg, &gray, 400, &[1]))
                .unwrap()
                .stream
                .icc,
            None
        );
        assert_eq!(decode(&jpeg).unwrap().stream.icc, None);
    }

    /// `png` with an `iCCP` chunk holding `profile` put in after IHDR.
    fn with_iccp(png: &[u8], profile: &[u8]) -> Vec<u8> {
        let mut data = b"Display P3\0\0".to_vec();
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(profile).unwrap();
        data.extend(z.finish().unwrap());
        let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
        chunk.extend_from_slice(b"iCCP");
        chunk.extend_from_slice(&data);
        let mut crc = flate2::Crc::new();
        crc.update(&chunk[4..]);
        chunk.extend_from_slice(&crc.sum().to_be_bytes());
        let after_ihdr = 8 + 8 + 13 + 4;
        let mut out = png[..after_ihdr].to_vec();
        out.extend(chunk);
        out.extend_from_slice(&png[after_ihdr..]);
        out
    }

    /// A PNG's `iCCP` profile (a Mac screenshot's Display P3) is kept like a JPEG's, for a
    /// passed-through and a decoded PNG alike; a palette image keeps its palette instead.
    #[test]
    fn a_pngs_colour_profile_is_kept() {
        let rgb = profile(b"RGB ", 500);
        let plain = encode_png(image::ColorType::Rgb8, 2, 2, &[7u8; 12]);
        let img = decode(&with_iccp(&plain, &rgb)).unwrap();
        assert!(matches!(
            img.stream.filter,
            Filter::Flate {
                png_colors: Some(3)
            }
        ));
        assert_eq!(img.stream.icc.as_deref(), Some(&rgb[..]));
        let alpha = encode_png(image::ColorType::Rgba8, 2, 2, &[7, 7, 7, 100].repeat(4));
        let img = decode(&with_iccp(&alpha, &rgb)).unwrap();
        assert!(img.stream.soft_mask.is_some());
        assert_eq!(img.stream.icc.as_deref(), Some(&rgb[..]));
        let gray = encode_png(image::ColorType::L8, 2, 2, &[7u8; 4]);
        assert_eq!(decode(&with_iccp(&gray, &rgb)).unwrap().stream.icc, None);
    }

    /// The header parser and the decoders must see the same frame. Found by fuzzing (the
    /// `image` target's check that the preview decodes the size the header gave): a segment
    /// marker `FF 00` after the APP14 segment was read as a segment of its own, and the
    /// decoder, reading it otherwise, found a 16×12 image where the header said 16×11788. Such
    /// a file, and one with two frame headers, is refused; a restart or TEM marker between
    /// segments (no length of its own) is skipped, not read as a length.
    #[test]
    fn a_jpeg_whose_segments_are_not_markers_is_refused() {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode(&[90u8; 48], 4, 4, image::ExtendedColorType::Rgb8)
            .unwrap();
        let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        let len = u16::from_be_bytes([jpeg[sof + 2], jpeg[sof + 3]]) as usize;
        let frame = jpeg[sof..sof + 2 + len].to_vec();
        let with = |at: usize, insert: &[u8]| {
            let mut j = jpeg.clone();
            j.splice(at..at, insert.iter().copied());
            j
        };
        let stuffed = with(2, &[0xFF, 0x00, 0x00, 0x04, 0x00, 0x00]);
        assert!(decode(&stuffed).unwrap_err().contains("bad marker"));
        let twice = with(sof, &frame);
        assert!(decode(&twice).unwrap_err().contains("two frame headers"));
        let restart = with(2, &[0xFF, 0xD0]);
        let img = decode(&restart).unwrap();
        assert_eq!((img.width, img.height), (4, 4));
        // The file the fuzzer found.
        let found = include_bytes!("../tests/data/fuzz-jpeg-stuffed-marker.jpg");
        assert!(decode(found).unwrap_err().contains("bad marker"));
    }

    /// A scan must fit its frame (ITU T.81 B.2.2–B.2.3): sampling factors 1 to 4, at most 10
    /// blocks in an interleaved scan's MCU, components named once and only those the frame
    /// has, and every component coded by some scan. The preview's decoder (zune-jpeg 0.5.15)
    /// panicked on the fuzzer's file, whose first scan holds 12 blocks and whose fourth
    /// component has no scan at all.
    #[test]
    fn a_jpeg_whose_scans_do_not_fit_its_frame_is_refused() {
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .encode(&[90u8; 48 * 16], 16, 16, image::ExtendedColorType::Rgb8)
            .unwrap();
        let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
        let sos = jpeg.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        assert_eq!(jpeg[sof + 9], 3, "three components");
        let changed = |at: usize, byte: u8| {
            let mut j = jpeg.clone();
            j[at] = byte;
            decode(&j)
        };
        // The first component's id, its sampling byte; the second's id.
        let (id1, sampling1, id2) = (sof + 10, sof + 11, sof + 13);
        for bad in [0x01, 0x10, 0x15, 0x51, 0x00] {
            let err = changed(sampling1, bad).unwrap_err();
            assert!(err.contains("sampling factors outside"), "{bad:#x}: {err}");
        }
        // 4×4 blocks of the first component and one each of the others: 18 in the MCU.
        let err = changed(sampling1, 0x44).unwrap_err();
        assert!(err.contains("sampling factors outside"), "{err}");
        assert!(changed(id2, jpeg[id1]).unwrap_err().contains("the same id"));
        // The scan names a component the frame does not have.
        let err = changed(sos + 5, 9).unwrap_err();
        assert!(err.contains("scan header that does not match"), "{err}");
        // A scan of the first two components only: the third has no data.
        let mut two = jpeg.clone();
        two.splice(sos + 2..sos + 5, [0x00, 0x0A, 0x02]);
        two.drain(sos + 9..sos + 11);
        let err = decode(&two).unwrap_err();
        assert!(
            err.contains("colour component 3 has no image data"),
            "{err}"
        );
        // Data after the scan that is not a marker: the end is missing.
        let mut cut = jpeg.clone();
        cut.truncate(cut.len() - 2);
        cut.extend_from_slice(&[0x12, 0x34]);
        assert!(decode(&cut).unwrap_err().contains("truncated"));
        let found = include_bytes!("../tests/data/fuzz-jpeg-sampling.jpg");
        assert!(decode(found)
            .unwrap_err()
            .contains("sampling factors outside"));
        // Every photo the repository's samples hold still reads.
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")];
        let mut seen = 0;
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "jpg" || e == "jpeg") {
                    let bytes = std::fs::read(&path).unwrap();
                    decode(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                    seen += 1;
                }
            }
        }
        assert!(seen >= 4, "{seen} JPEG files in samples/");
    }

    /// Every JPEG an independent encoder (libjpeg-turbo's `cjpeg`, tests/data/cjpeg/README.md)
    /// writes passes the header check: progressive, arithmetic-coded, restart markers, each
    /// component in a scan of its own, and sampling factors up to 4×2. The preview decodes them
    /// or says it cannot (zune-jpeg reads neither arithmetic coding nor a factor of 3), never
    /// panics.
    #[test]
    fn every_jpeg_libjpeg_writes_is_accepted() {
        let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/cjpeg");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "jpg") {
                continue;
            }
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let img =
                decode(&std::fs::read(&path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((img.width, img.height), (40, 24), "{name}");
            let gray = name.starts_with("grayscale");
            assert_eq!(
                img.stream.color_space.components(),
                if gray { 1 } else { 3 }
            );
            match crate::preview::decode_image(&img) {
                Ok(size) => assert_eq!(size, (40, 24), "{name}"),
                Err(e) => assert!(
                    name.starts_with("arithmetic") || name == "sample-3x1",
                    "{name}: {e}"
                ),
            }
            seen += 1;
        }
        assert_eq!(seen, 18);
    }

    /// A file whose structure is sound but on which the preview's decoder (zune-jpeg 0.5.15)
    /// panics — the third of four components sampled 2×2, the others 1×1, the fourth in its own
    /// scan — is that file's decoding error, not a crash.
    #[test]
    fn a_decoder_that_panics_is_a_decoding_error() {
        let bytes = include_bytes!("../tests/data/fuzz-jpeg-decoder-panic.jpg");
        let img = decode(bytes).expect("its structure is sound");
        let err = crate::preview::decode_image(&img).unwrap_err();
        assert!(err.contains("the decoder failed on this file"), "{err}");
        assert!(!inside_image_decoder());
    }

    #[test]
    fn oversized_images_are_refused_from_the_header() {
        // A header claiming 30000×30000 with no real data behind it.
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = Vec::new();
        ihdr.extend_from_slice(&30_000u32.to_be_bytes());
        ihdr.extend_from_slice(&30_000u32.to_be_bytes());
        ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
        png.extend_from_slice(&13u32.to_be_bytes());
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&ihdr);
        png.extend_from_slice(&[0; 4]);
        assert!(decode(&png).unwrap_err().contains("scale it down"));
    }
}
