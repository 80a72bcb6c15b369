//! Label names <-> dense label ids.

use serde::{Deserialize, Serialize};

/// A class id: the index of a label in its [`LabelSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LabelId(pub u32);

impl LabelId {
    /// As an index.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// The labels of a task, sorted by name so ids never depend on input order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LabelSet {
    names: Vec<String>,
}

impl LabelSet {
    /// The set of distinct `names`, sorted.
    pub fn new<I, S>(names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut names: Vec<String> = names.into_iter().map(Into::into).collect();
        names.sort();
        names.dedup();
        LabelSet { names }
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The id of `name`.
    pub fn id(&self, name: &str) -> Option<LabelId> {
        self.names
            .binary_search_by(|n| n.as_str().cmp(name))
            .ok()
            .map(|i| LabelId(i as u32))
    }

    /// The name of `id`.
    pub fn name(&self, id: LabelId) -> &str {
        &self.names[id.index()]
    }

    /// All names in id order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Checks a loaded set is sorted and unique.
    pub fn validate(&self) -> Result<(), String> {
        if self.names.windows(2).any(|w| w[0] >= w[1]) {
            return Err("label names are not sorted and unique".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_sorted_names() {
        let s = LabelSet::new(["skeptical", "neutral", "optimistic", "neutral"]);
        assert_eq!(s.names(), ["neutral", "optimistic", "skeptical"]);
        assert_eq!(s.id("optimistic"), Some(LabelId(1)));
        assert_eq!(s.name(LabelId(2)), "skeptical");
        assert_eq!(s.id("x"), None);
    }
}
