//! FNV-1a: a small hash that is the same on every run and every machine, for what must make
//! the output deterministic (subset tags, the file ID) and for finding identical objects.

const PRIME: u64 = 0x0100_0000_01b3;
/// The standard 64-bit offset basis.
pub(super) const BASIS: u64 = 0xcbf2_9ce4_8422_2325;

pub(super) struct Fnv(pub u64);

impl Fnv {
    /// Feeds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(PRIME);
        }
    }

    /// Feeds bytes and then their length, so that consecutive fields cannot run into each
    /// other (`"ab" "c"` hashes unlike `"a" "bc"`).
    pub fn field(&mut self, bytes: &[u8]) {
        self.write(bytes);
        self.0 = (self.0 ^ bytes.len() as u64).wrapping_mul(PRIME);
    }
}

impl Fnv {
    /// Feeds eight bytes as one step (FNV-1a over words: not the standard byte-wise hash, but
    /// as stable, and eight times faster over a whole file).
    pub fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(PRIME);
    }
}
