//! A small, fast, non-cryptographic hasher for the lookup tables that are built from our own
//! data files and probed once per word.
//!
//! The standard library's SipHash guards against hash flooding by untrusted keys; our keys are
//! trigger words and names from embedded tables, so that protection costs time and buys nothing.
//! This is the multiply-rotate scheme of rustc's `FxHasher`.

use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed with [`FastHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` keyed with [`FastHasher`].
pub type FastSet<K> = std::collections::HashSet<K, BuildHasherDefault<FastHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Multiply-rotate hasher; see the module documentation for when it is appropriate.
#[derive(Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(buf));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinguishes_words_that_share_a_prefix_or_padding() {
        let set: FastSet<&str> = ["may", "may ", "mayor", "", "\0"].into_iter().collect();
        assert_eq!(set.len(), 5);
        assert!(set.contains("mayor"));
        assert!(!set.contains("mayo"));
    }

    #[test]
    fn map_lookups_by_borrowed_key() {
        let mut map: FastMap<String, usize> = FastMap::default();
        map.insert("kazakhstan".to_string(), 1);
        map.insert("singapore".to_string(), 2);
        assert_eq!(map.get("singapore"), Some(&2));
        assert_eq!(map.get("singapore "), None);
    }
}
