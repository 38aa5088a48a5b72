//! A stable hash for fingerprints and configuration hashes: the same on every platform and
//! release, unlike the standard library's.

/// FNV-1a, 64 bits.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A hash map with a fast, randomly seeded hash (foldhash) in place of the standard library's
/// SipHash: the tables of rules are looked up per word, and their keys are short. The seed is
/// random per process, as the standard library's is, so iteration order is never relied on.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A hash set with the hash of `FastMap`.
pub type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A filter in front of a set of words looked up once per word of the text: whether a word
/// may be in the set, from its length and its first and last bytes (a bit in a table of
/// 2^16). No false negatives; a word it passes is looked up in the set itself. A table of a
/// few hundred words rejects most words of a text without hashing them.
#[derive(Clone)]
pub struct ShapeFilter {
    bits: Box<[u64; ShapeFilter::WORDS]>,
}

impl ShapeFilter {
    const WORDS: usize = 1 << 10;

    pub fn new() -> ShapeFilter {
        ShapeFilter {
            bits: Box::new([0; ShapeFilter::WORDS]),
        }
    }

    /// The bit of a word: its length and its first, third and last bytes (a character of
    /// an Indic script is three bytes, of which the first two are shared by its block).
    fn bit(word: &str) -> usize {
        let b = word.as_bytes();
        let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
            return 0;
        };
        let third = b.get(2).copied().unwrap_or(0);
        let key = (b.len() as u32) << 24
            | u32::from(first) << 16
            | u32::from(third) << 8
            | u32::from(last);
        // Fibonacci hashing to 16 bits.
        (key.wrapping_mul(0x9E37_79B9) >> 16) as usize
    }

    pub fn insert(&mut self, word: &str) {
        let bit = ShapeFilter::bit(word);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// False: `word` was never inserted.
    pub fn may_contain(&self, word: &str) -> bool {
        let bit = ShapeFilter::bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

impl Default for ShapeFilter {
    fn default() -> ShapeFilter {
        ShapeFilter::new()
    }
}

impl std::fmt::Debug for ShapeFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set: u32 = self.bits.iter().map(|w| w.count_ones()).sum();
        write!(f, "ShapeFilter({set} bits set)")
    }
}

#[cfg(test)]
mod tests {
    use super::ShapeFilter;

    #[test]
    fn a_shape_filter_passes_every_word_it_holds_and_rejects_most_others() {
        let held = ["বলেন", "জানিয়েছেন", "said", "", "x", "قال", "说"];
        let mut f = ShapeFilter::new();
        for w in held {
            f.insert(w);
        }
        assert!(held.iter().all(|w| f.may_contain(w)));
        let others = [
            "করেন",
            "বলেছে",
            "says",
            "y",
            "قالت",
            "说了",
            "বলেনে",
            "জানিয়েছে",
        ];
        assert!(others.iter().filter(|w| f.may_contain(w)).count() <= 1);
    }
}
