//! A string-keyed hash map tuned for words.
//!
//! Words of up to 15 bytes (nearly all words in news text) are packed with
//! their length into one `u128`, so a lookup hashes two machine words and
//! compares two more instead of hashing bytes and calling `memcmp` on a
//! heap string; longer keys go to an ordinary map.

use rustc_hash::FxHashMap;

/// Packs a key of at most 15 bytes with its length; `None` if longer.
#[inline]
pub fn pack(key: &str) -> Option<u128> {
    let b = key.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[0] = b.len() as u8;
    buf[1..=b.len()].copy_from_slice(b);
    Some(u128::from_le_bytes(buf))
}

/// A map from words to `V`.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    short: FxHashMap<u128, V>,
    long: FxHashMap<Box<str>, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
        }
    }
}

impl<V> WordMap<V> {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<&V> {
        match pack(key) {
            Some(k) => self.short.get(&k),
            None => self.long.get(key),
        }
    }

    /// Whether `key` is present.
    #[inline]
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Inserts, returning the previous value.
    pub fn insert(&mut self, key: &str, v: V) -> Option<V> {
        match pack(key) {
            Some(k) => self.short.insert(k, v),
            None => self.long.insert(key.into(), v),
        }
    }

    /// The value of `key`, computed and inserted when missing.
    #[inline]
    pub fn get_or_insert_with(&mut self, key: &str, f: impl FnOnce() -> V) -> &mut V {
        match pack(key) {
            Some(k) => self.short.entry(k).or_insert_with(f),
            None => {
                if !self.long.contains_key(key) {
                    let v = f();
                    self.long.insert(key.into(), v);
                }
                self.long.get_mut(key).expect("inserted above")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_keys() {
        let mut m = WordMap::default();
        m.insert("peace", 1);
        m.insert("", 2);
        m.insert("internationalization", 3);
        m.insert("fifteen-bytes!!", 4);
        assert_eq!(m.get("peace"), Some(&1));
        assert_eq!(m.get(""), Some(&2));
        assert_eq!(m.get("internationalization"), Some(&3));
        assert_eq!(m.get("fifteen-bytes!!"), Some(&4));
        assert_eq!(m.get("peace\0"), None);
        assert_eq!(m.get("peac"), None);
        assert_eq!(*m.get_or_insert_with("war", || 9), 9);
        assert_eq!(*m.get_or_insert_with("war", || 10), 9);
        assert_eq!(*m.get_or_insert_with("a-very-long-word-here", || 11), 11);
        assert_eq!(m.len(), 6);
        // a key and the same bytes with a trailing NUL differ by length
        assert_ne!(pack("ab"), pack("ab\0"));
    }
}
