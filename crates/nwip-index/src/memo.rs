//! What an open index has been asked once, remembered for its later checks.
//!
//! An open index never changes (an update is a new generation, opened anew), so an answer read
//! from it once holds for every later check: a scan's items and a server's requests share most
//! of their vocabulary and many of their candidate documents ([`Memo`]: bounded, sharded).
//!
//! The index keeps: [`DocFreqs`], how many records hold a term (two term-dictionary look-ups a
//! term, title and abstract fields, for every term of a proposal and of each candidate's text);
//! the [document summaries](nwip_corpus::identity::DocumentSummary) of candidate documents (five
//! fast-field reads for each of a document's records); and the records decoded (a block of the
//! document store decompressed and a record's JSON parsed; a record from the memo is copied).

use nwip_text::memo::Memo;
use nwip_text::Language;

/// Terms the document-frequency memo holds at most, over all languages (about 60 bytes a term).
const DOC_FREQ_CAPACITY: usize = 1 << 19;

/// Term → document frequency, one [`Memo`] per [`Language`].
pub(crate) struct DocFreqs {
    languages: [Memo<String, u64>; Language::ALL.len()],
}

impl Default for DocFreqs {
    fn default() -> Self {
        let per_language = DOC_FREQ_CAPACITY / Language::ALL.len();
        DocFreqs { languages: std::array::from_fn(|_| Memo::new(per_language)) }
    }
}

impl DocFreqs {
    /// Returns the frequency of `term` in `language`, computing it with `look_up` the first time
    /// (a look-up that fails, `None`, is not remembered).
    pub(crate) fn get_or_look_up(
        &self,
        language: Language,
        term: &str,
        look_up: impl FnOnce() -> Option<u64>,
    ) -> Option<u64> {
        self.languages[language as usize].get_or_look_up(term, look_up)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_a_term_up_once_per_language() {
        let table = DocFreqs::default();
        let mut calls = 0;
        let mut count = |language, term, value: Option<u64>| {
            table.get_or_look_up(language, term, || {
                calls += 1;
                value
            })
        };
        assert_eq!(count(Language::English, "safeti", Some(7)), Some(7));
        assert_eq!(count(Language::English, "safeti", Some(9)), Some(7), "remembered");
        assert_eq!(count(Language::French, "safeti", Some(2)), Some(2), "another language");
        assert_eq!(count(Language::French, "manag", None), None);
        assert_eq!(count(Language::French, "manag", Some(3)), Some(3), "a failure is not kept");
        assert_eq!(calls, 4);
    }
}
