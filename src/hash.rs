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
