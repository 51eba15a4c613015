//! The terms of a text as one compact list, and the process-wide memo of texts analysed once.
//!
//! A check compares the proposal with the titles and abstracts of a hundred or more candidate
//! records, and the same records come back check after check: over 600 distinct proposals of the
//! evaluation sets, 54 % of the candidates had been a candidate before, and a document's stage
//! records share one title. [`Analyzer::shared_terms`] analyses a text once and hands out the
//! same [`Terms`] afterwards. The memo is keyed by the text itself (a 128-bit hash of its
//! language and characters, under keys drawn at random for the process), so it holds across
//! indexes and never goes stale, and it is bounded ([`Memo`]).

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hash};
use std::sync::{Arc, OnceLock};

use crate::memo::Memo;
use crate::sketch::{shingle_minima, SKETCH_HASHES};
use crate::{Analyzer, Language};

/// Texts the memo holds at most: titles take about a hundred bytes, abstracts one or two
/// kilobytes, and a text compared for near-duplicates 128 bytes more (its sketch slots), so
/// some tens of megabytes at most.
const TEXTS_CAPACITY: usize = 1 << 16;

/// A text's analysed terms in order, in one string.
///
/// ```
/// use nwip_text::Terms;
/// let terms = Terms::from_terms(["mechan", "joint", "fit"]);
/// assert_eq!(terms.iter().collect::<Vec<_>>(), ["mechan", "joint", "fit"]);
/// assert_eq!((terms.len(), terms.get(1)), (3, Some("joint")));
/// ```
#[derive(Clone, Default)]
pub struct Terms {
    text: Box<str>,
    /// Where each term ends in `text`.
    ends: Box<[u32]>,
    /// The smallest hash of each sketch slot over the terms' shingles, computed on first use
    /// ([`Sketch::from_parts`](crate::Sketch::from_parts)).
    minima: OnceLock<[u32; SKETCH_HASHES]>,
    /// How many different terms there are, counted on first use ([`Terms::distinct`]).
    distinct: OnceLock<usize>,
}

impl PartialEq for Terms {
    fn eq(&self, other: &Terms) -> bool {
        (&self.text, &self.ends) == (&other.text, &other.ends)
    }
}

impl Eq for Terms {}

impl std::fmt::Debug for Terms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Terms {
    /// The list of `terms`, in order.
    pub fn from_terms<S: AsRef<str>>(terms: impl IntoIterator<Item = S>) -> Terms {
        Terms::collect(|push| terms.into_iter().for_each(|term| push(term.as_ref())))
    }

    /// The list of the terms `fill` pushes, in order (lent: each is copied into the list).
    fn collect(fill: impl FnOnce(&mut dyn FnMut(&str))) -> Terms {
        let (mut text, mut ends) = (String::new(), Vec::new());
        fill(&mut |term| {
            text.push_str(term);
            ends.push(text.len() as u32);
        });
        Terms {
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
            minima: OnceLock::new(),
            distinct: OnceLock::new(),
        }
    }

    /// How many terms there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The term at `index`.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = if index == 0 { 0 } else { self.ends[index - 1] as usize };
        Some(&self.text[start..end])
    }

    /// The last term.
    ///
    /// ```
    /// let terms = nwip_text::Terms::from_terms(["mechan", "joint"]);
    /// assert_eq!(terms.last(), Some("joint"));
    /// assert_eq!(nwip_text::Terms::default().last(), None);
    /// ```
    pub fn last(&self) -> Option<&str> {
        self.get(self.len().checked_sub(1)?)
    }

    /// The smallest hash of each sketch slot over the terms' shingles, computed once.
    pub(crate) fn shingle_minima(&self) -> &[u32; SKETCH_HASHES] {
        self.minima.get_or_init(|| shingle_minima(self.iter()))
    }

    /// How many different terms there are, counted once.
    ///
    /// ```
    /// let terms = nwip_text::Terms::from_terms(["pipe", "joint", "pipe"]);
    /// assert_eq!(terms.distinct(), 2);
    /// ```
    pub fn distinct(&self) -> usize {
        *self.distinct.get_or_init(|| self.iter().collect::<rustc_hash::FxHashSet<_>>().len())
    }

    /// The terms, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        (0..self.len()).map(|index| self.get(index).expect("an index below the length"))
    }
}

/// A 128-bit key of `value` for the process's memos of texts: two SipHashes under keys drawn at
/// random once for the process.
pub(crate) fn text_key<H: Hash + ?Sized>(value: &H) -> u128 {
    static KEYS: OnceLock<[RandomState; 2]> = OnceLock::new();
    let keys = KEYS.get_or_init(|| [RandomState::new(), RandomState::new()]);
    let [high, low] = keys.each_ref().map(|state| u128::from(state.hash_one(value)));
    high << 64 | low
}

fn shared_texts() -> &'static Memo<u128, Arc<Terms>> {
    static TEXTS: OnceLock<Memo<u128, Arc<Terms>>> = OnceLock::new();
    TEXTS.get_or_init(|| Memo::new(TEXTS_CAPACITY))
}

impl Analyzer {
    /// The terms of `text` analysed as `language`, as [`Analyzer::terms`] gives them, remembered
    /// for the whole process: a text analysed once is not analysed again. The memo is bounded
    /// (65,536 texts) and keyed by a 128-bit hash of the language and the text, under keys drawn
    /// at random for the process, so it cannot go stale. For texts that come back, such as
    /// candidate records' titles and abstracts; an index build, which reads each text once, has
    /// no use for it.
    ///
    /// ```
    /// use nwip_text::{Analyzer, Language};
    /// let analyzer = Analyzer::new();
    /// let title = "Mechanical joint fittings for polyethylene pipes";
    /// let terms = analyzer.shared_terms(title, Language::English);
    /// assert!(terms.iter().eq(analyzer.terms(title, Language::English).iter().map(String::as_str)));
    /// assert!(std::sync::Arc::ptr_eq(&terms, &analyzer.shared_terms(title, Language::English)));
    /// ```
    pub fn shared_terms(&self, text: &str, language: Language) -> Arc<Terms> {
        let key = text_key(&(language, text));
        let analyse =
            || Some(Arc::new(Terms::collect(|push| self.for_each_term(text, language, push))));
        shared_texts().get_or_look_up(&key, analyse).expect("an analysis always gives terms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_remembered_per_language() {
        let analyzer = Analyzer::new();
        let english = analyzer.shared_terms("Information security management", Language::English);
        let french = analyzer.shared_terms("Information security management", Language::French);
        assert!(Arc::ptr_eq(
            &english,
            &analyzer.shared_terms("Information security management", Language::English)
        ));
        assert_eq!(english.iter().collect::<Vec<_>>(), ["inform", "secur", "manag"]);
        assert_ne!(english, french, "analysed with the French stemmer");
        let other = analyzer.shared_terms("Information security management!", Language::English);
        assert!(!Arc::ptr_eq(&english, &other), "another text, another entry");
        assert_eq!(english, other);
    }

    #[test]
    fn empty_texts_and_terms_read_back() {
        let terms = Terms::from_terms(Vec::<String>::new());
        assert!(terms.is_empty());
        assert_eq!(terms.get(0), None);
        let terms = Terms::from_terms(["a", "", "bc"]);
        assert_eq!(terms.iter().collect::<Vec<_>>(), ["a", "", "bc"]);
        assert_eq!(terms.iter().len(), 3);
    }
}
