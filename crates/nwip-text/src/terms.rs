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

/// The marks after which a text is cut into pieces ([`Terms::pieces`]).
const PIECE_ENDS: [char; 3] = ['.', ';', '\n'];

/// Whether the byte `b` of a text is a mark that ends a piece (all of them are ASCII).
fn is_piece_end(b: u8) -> bool {
    PIECE_ENDS.contains(&char::from(b))
}

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
    /// How many terms the text gave by the end of each of its pieces ([`Terms::pieces`]).
    pieces: Box<[u32]>,
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
            pieces: Box::default(),
        }
    }

    /// The terms of `text` analysed as `language`, and where its pieces end among them.
    fn analysed(analyzer: &Analyzer, text: &str, language: Language) -> Terms {
        let bytes = text.as_bytes();
        let mut pieces = Vec::new();
        // Text before `scanned` has been read for the marks that end pieces.
        let mut scanned = 0;
        let mut count = 0u32;
        let mut close_pieces = |pieces: &mut Vec<u32>, upto: usize, count: u32| {
            let marks = bytes[scanned.min(upto)..upto].iter().filter(|&&b| is_piece_end(b));
            pieces.extend(marks.map(|_| count));
            scanned = scanned.max(upto);
        };
        let mut terms = Terms::collect(|push| {
            analyzer.for_each_term_at(text, language, |offset, term| {
                close_pieces(&mut pieces, offset, count);
                count += 1;
                push(term);
            })
        });
        close_pieces(&mut pieces, bytes.len(), count);
        if bytes.last().is_some_and(|&last| !is_piece_end(last)) {
            pieces.push(count);
        }
        terms.pieces = pieces.into_boxed_slice();
        terms
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

    /// How many terms the text had given by the end of each of its pieces ([`Terms::pieces_of`]
    /// the text): piece `i`'s terms are those from `pieces[i - 1]` (0 for the first) to
    /// `pieces[i]`, as words never hold the marks that end pieces. Empty for terms not analysed
    /// from a text by [`Analyzer::shared_terms`].
    ///
    /// ```
    /// use nwip_text::{Analyzer, Language};
    /// let text = "Pipes and fittings. Scope; joints\nfor water";
    /// let terms = Analyzer::new().shared_terms(text, Language::English);
    /// assert_eq!(terms.iter().collect::<Vec<_>>(), ["pipe", "fit", "scope", "joint", "water"]);
    /// assert_eq!(terms.pieces(), [2, 3, 4, 5]);
    /// ```
    pub fn pieces(&self) -> &[u32] {
        &self.pieces
    }

    /// The pieces of `text` that [`Terms::pieces`] counts: the text cut after every '.', ';'
    /// and line break, each mark kept with the piece it ends.
    ///
    /// ```
    /// let pieces: Vec<&str> = nwip_text::Terms::pieces_of("Scope. Terms;\nRest").collect();
    /// assert_eq!(pieces, ["Scope.", " Terms;", "\n", "Rest"]);
    /// ```
    pub fn pieces_of(text: &str) -> std::str::SplitInclusive<'_, [char; 3]> {
        text.split_inclusive(PIECE_ENDS)
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
        let analyse = || Some(Arc::new(Terms::analysed(self, text, language)));
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

    /// The pieces as their definition reads: each piece of the text analysed on its own.
    fn pieces_one_by_one(text: &str, language: Language) -> Vec<u32> {
        let analyzer = Analyzer::new();
        let mut count = 0;
        Terms::pieces_of(text)
            .map(|piece| {
                count += analyzer.terms(piece, language).len() as u32;
                count
            })
            .collect()
    }

    #[test]
    fn pieces_end_where_the_text_is_cut_after_stops_semicolons_and_line_breaks() {
        let analyzer = Analyzer::new();
        for (text, language) in [
            ("", Language::English),
            ("...", Language::English),
            ("The scope. Of the; document.\n", Language::English),
            ("a. b. safety of machinery", Language::English),
            ("Systèmes de management. Exigences;", Language::French),
            ("Системы менеджмента качества. Требования", Language::Russian),
            ("建築モデュール用語. JIS A 0004;x", Language::Unknown),
        ] {
            let terms = analyzer.shared_terms(text, language);
            assert_eq!(terms.pieces(), pieces_one_by_one(text, language), "{text:?}");
            assert_eq!(terms.pieces().last().copied().unwrap_or(0) as usize, terms.len());
        }
    }

    proptest::proptest! {
        #[test]
        fn pieces_are_the_pieces_analysed_one_by_one(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "pipe", "the", "of", "a", "5", "x9", "Fittings", "É", "воды", "建築",
                    "モデュール", " ", ".", ";", "\n", ". ", "-", "..",
                ]),
                0..24,
            ),
        ) {
            let text = words.concat();
            let terms = Analyzer::new().shared_terms(&text, Language::English);
            proptest::prop_assert_eq!(terms.pieces(), pieces_one_by_one(&text, Language::English));
        }
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
