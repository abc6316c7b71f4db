//! A minimal sRGB ICC profile (version 2, display class, matrix/TRC), built here from the
//! published definition of sRGB (IEC 61966-2-1): the primaries' and D65 white's chromaticities
//! and the piecewise tone curve. PDF/A needs an output intent with an embedded profile saying
//! what DeviceRGB means; writing the ~2.5 KB profile from its definition avoids shipping a
//! profile file of unclear licence.
//!
//! The colorants are the primaries' XYZ under D65, adapted to the profile connection space's
//! D50 with the Bradford transform, as ICC v2 display profiles do.

/// D50, the profile connection space's white (ICC.1, 7.2.16).
const D50: [f64; 3] = [0.9642, 1.0, 0.8249];

/// The sRGB primaries and white point as (x, y) chromaticities.
const RED: (f64, f64) = (0.64, 0.33);
const GREEN: (f64, f64) = (0.30, 0.60);
const BLUE: (f64, f64) = (0.15, 0.06);
const D65: (f64, f64) = (0.3127, 0.3290);

/// Entries of the sampled tone curve (v2 profiles have no parametric curves).
const CURVE_POINTS: usize = 1024;

type M3 = [[f64; 3]; 3];

fn mul(a: &M3, b: &M3) -> M3 {
    let mut m = [[0.0; 3]; 3];
    for (i, row) in m.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            *v = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    m
}

fn apply(a: &M3, v: [f64; 3]) -> [f64; 3] {
    [0, 1, 2].map(|i| (0..3).map(|k| a[i][k] * v[k]).sum())
}

fn inverse(m: &M3) -> M3 {
    let [[a, b, c], [d, e, f], [g, h, i]] = *m;
    let det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
    [
        [
            (e * i - f * h) / det,
            (c * h - b * i) / det,
            (b * f - c * e) / det,
        ],
        [
            (f * g - d * i) / det,
            (a * i - c * g) / det,
            (c * d - a * f) / det,
        ],
        [
            (d * h - e * g) / det,
            (b * g - a * h) / det,
            (a * e - b * d) / det,
        ],
    ]
}

fn xyz((x, y): (f64, f64)) -> [f64; 3] {
    [x / y, 1.0, (1.0 - x - y) / y]
}

/// The XYZ (D50) of the red, green and blue colorants: the columns of the RGB → XYZ matrix.
pub fn colorants() -> [[f64; 3]; 3] {
    // RGB → XYZ under D65: the primaries scaled so that (1, 1, 1) is the white.
    let (r, g, b) = (xyz(RED), xyz(GREEN), xyz(BLUE));
    let p: M3 = [0, 1, 2].map(|i| [r[i], g[i], b[i]]);
    let s = apply(&inverse(&p), xyz(D65));
    let rgb_to_xyz: M3 = [0, 1, 2].map(|i| [p[i][0] * s[0], p[i][1] * s[1], p[i][2] * s[2]]);
    // Bradford chromatic adaptation D65 → D50.
    let bradford: M3 = [
        [0.8951, 0.2664, -0.1614],
        [-0.7502, 1.7135, 0.0367],
        [0.0389, -0.0685, 1.0296],
    ];
    let (src, dst) = (apply(&bradford, xyz(D65)), apply(&bradford, D50));
    let scale: M3 = [
        [dst[0] / src[0], 0.0, 0.0],
        [0.0, dst[1] / src[1], 0.0],
        [0.0, 0.0, dst[2] / src[2]],
    ];
    let adapt = mul(&inverse(&bradford), &mul(&scale, &bradford));
    let m = mul(&adapt, &rgb_to_xyz);
    [0, 1, 2].map(|c| [m[0][c], m[1][c], m[2][c]])
}

/// The sRGB transfer function: encoded value → linear light.
fn linear(v: f64) -> f64 {
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn s15f16(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz_tag(v: [f64; 3]) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    for c in v {
        t.extend_from_slice(&s15f16(c));
    }
    t
}

fn text_tag(text: &str) -> Vec<u8> {
    let mut t = b"text\0\0\0\0".to_vec();
    t.extend_from_slice(text.as_bytes());
    t.push(0);
    t
}

/// `textDescriptionType` (ICC.1:2001, 6.5.17): the ASCII name, and empty Unicode and
/// ScriptCode parts.
fn desc_tag(text: &str) -> Vec<u8> {
    let mut t = b"desc\0\0\0\0".to_vec();
    t.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
    t.extend_from_slice(text.as_bytes());
    t.push(0);
    t.extend_from_slice(&[0; 8]); // Unicode language code and count
    t.extend_from_slice(&[0; 3]); // ScriptCode code and count
    t.extend_from_slice(&[0; 67]); // ScriptCode string
    t
}

fn curve_tag() -> Vec<u8> {
    let mut t = b"curv\0\0\0\0".to_vec();
    t.extend_from_slice(&(CURVE_POINTS as u32).to_be_bytes());
    for i in 0..CURVE_POINTS {
        let v = linear(i as f64 / (CURVE_POINTS - 1) as f64);
        t.extend_from_slice(&((v * 65535.0).round() as u16).to_be_bytes());
    }
    t
}

/// The profile's name, also the output intent's condition identifier.
pub const NAME: &str = "sRGB IEC61966-2.1";

/// The profile's bytes.
pub fn srgb() -> Vec<u8> {
    let [r, g, b] = colorants();
    let curve = curve_tag();
    // (signature, data); the three TRC tags share one curve.
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"desc", desc_tag(NAME)),
        (b"cprt", text_tag("No copyright, use freely")),
        (b"wtpt", xyz_tag(D50)),
        (b"rXYZ", xyz_tag(r)),
        (b"gXYZ", xyz_tag(g)),
        (b"bXYZ", xyz_tag(b)),
        (b"rTRC", curve.clone()),
        (b"gTRC", Vec::new()),
        (b"bTRC", Vec::new()),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut data = Vec::new();
    let mut entries = Vec::new();
    let mut offset = 128 + table_len;
    let mut curve_at = (0, 0);
    for (sig, bytes) in &tags {
        if bytes.is_empty() {
            entries.push((**sig, curve_at.0, curve_at.1));
            continue;
        }
        if **sig == *b"rTRC" {
            curve_at = (offset, bytes.len());
        }
        entries.push((**sig, offset, bytes.len()));
        data.extend_from_slice(bytes);
        offset += bytes.len();
        while data.len() % 4 != 0 {
            data.push(0);
            offset += 1;
        }
    }
    let size = 128 + table_len + data.len();
    let mut p = Vec::with_capacity(size);
    p.extend_from_slice(&(size as u32).to_be_bytes());
    p.extend_from_slice(&[0; 4]); // preferred CMM
    p.extend_from_slice(&[2, 0x10, 0, 0]); // version 2.1
    p.extend_from_slice(b"mntrRGB XYZ ");
    // Creation date: fixed, so that the output is deterministic (2026-01-01 00:00:00).
    for v in [2026u16, 1, 1, 0, 0, 0] {
        p.extend_from_slice(&v.to_be_bytes());
    }
    p.extend_from_slice(b"acsp");
    p.extend_from_slice(&[0; 4]); // platform
    p.extend_from_slice(&[0; 4]); // flags
    p.extend_from_slice(&[0; 8]); // manufacturer, model
    p.extend_from_slice(&[0; 8]); // attributes
    p.extend_from_slice(&[0; 4]); // rendering intent: perceptual
    for c in D50 {
        p.extend_from_slice(&s15f16(c));
    }
    p.extend_from_slice(&[0; 4]); // creator
    p.resize(128, 0);
    p.extend_from_slice(&(tags.len() as u32).to_be_bytes());
    for (sig, at, len) in entries {
        p.extend_from_slice(&sig);
        p.extend_from_slice(&(at as u32).to_be_bytes());
        p.extend_from_slice(&(len as u32).to_be_bytes());
    }
    p.extend_from_slice(&data);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorants_match_the_published_d50_values() {
        // The values every sRGB v2 profile carries (e.g. ICC's sRGB profile), to 4 decimals.
        let published = [
            [0.4361, 0.2225, 0.0139],
            [0.3851, 0.7169, 0.0971],
            [0.1431, 0.0606, 0.7141],
        ];
        let c = colorants();
        for (got, want) in c.iter().zip(published) {
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 2e-4, "{c:?}");
            }
        }
        // White (1, 1, 1) maps to the PCS white.
        for i in 0..3 {
            let sum: f64 = c.iter().map(|col| col[i]).sum();
            assert!((sum - D50[i]).abs() < 1e-4);
        }
    }

    #[test]
    fn the_profile_is_well_formed() {
        let p = srgb();
        assert_eq!(
            u32::from_be_bytes(p[0..4].try_into().unwrap()) as usize,
            p.len()
        );
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        let count = u32::from_be_bytes(p[128..132].try_into().unwrap()) as usize;
        assert_eq!(count, 9);
        for k in 0..count {
            let e = &p[132 + 12 * k..144 + 12 * k];
            let at = u32::from_be_bytes(e[4..8].try_into().unwrap()) as usize;
            let len = u32::from_be_bytes(e[8..12].try_into().unwrap()) as usize;
            assert_eq!(at % 4, 0);
            assert!(at + len <= p.len());
        }
        assert!(p.len() < 4096, "{}", p.len());
        assert_eq!(p, srgb(), "deterministic");
    }
}
