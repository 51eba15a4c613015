//! What a proposal and a record are about, compared as word-vector means: the features that find a
//! duplicate written in other words or another language.
//!
//! A [`Meaning`] holds the proposal's vectors (its title; its title and body together)
//! and the multilingual table ([`nwip_text::WordVectors`]) a record's titles and abstracts are
//! embedded with, in whatever language they are written. Their cosines are the `meaning` and
//! `title_meaning` features; the candidates' order by `meaning` gives `meaning_rank`.
//!
//! ```
//! use std::sync::Arc;
//! use nwip_score::Meaning;
//! use nwip_text::WordVectors;
//! let table = Arc::new(WordVectors::from_words(
//!     2,
//!     &[("food", 1.0, [1.0, 0.0]), ("alimentaire", 1.0, [0.95, 0.05]), ("radio", 1.0, [0.0, 1.0])],
//! ));
//! let meaning = Meaning::of_proposal(table, "Food hygiene", "").unwrap();
//! let line = r#"{"docid":[{"id":"X 1","type":"X","primary":true}],
//!     "title":[{"content":"Hygiène alimentaire","language":"fr"}]}"#;
//! let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
//! let (text, title) = meaning.compare(&record);
//! assert!(text > 0.99 && title > 0.99);
//! ```

use std::sync::Arc;

use nwip_corpus::Record;
use nwip_text::{cosine, words, WordVectors};

/// The proposal's meaning, and the table records are embedded with.
#[derive(Debug, Clone)]
pub struct Meaning {
    table: Arc<WordVectors>,
    text: Vec<f32>,
    title: Option<Vec<f32>>,
}

impl Meaning {
    /// Embeds a proposal's title and body ([`crate::Profile::body`]); `None` when the table knows
    /// none of their words.
    pub fn of_proposal(table: Arc<WordVectors>, title: &str, body: &str) -> Option<Meaning> {
        let text = table.embed(words(title).chain(words(body)))?;
        let title = table.embed(words(title));
        Some(Meaning { table, text, title })
    }

    /// The proposal's whole text as a unit vector (what the search by meaning looks for).
    pub fn vector(&self) -> &[f32] {
        &self.text
    }

    /// The cosines of the record's titles and abstracts with the proposal's whole text, and of its
    /// titles with the proposal's title (0 where either side has no known word).
    pub fn compare(&self, record: &Record) -> (f32, f32) {
        (self.compare_text(record), self.compare_titles(record))
    }

    /// The cosine of the record's titles and abstracts with the proposal's whole text (0 where
    /// the record has no known word).
    pub fn compare_text(&self, record: &Record) -> f32 {
        let titles = record.titles.iter().flat_map(|title| words(&title.text));
        let abstracts = record.abstracts.iter().flat_map(|text| words(&text.text));
        similarity(Some(&self.text), self.table.embed(titles.chain(abstracts)).as_deref())
    }

    /// How many of `words_of_proposal` lie within `min_cosine` of a word of the record's titles
    /// and abstracts in meaning, each counted once: the record holds them in other words or
    /// another language. Words the table lacks count for nothing.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use nwip_score::Meaning;
    /// use nwip_text::WordVectors;
    /// let table = Arc::new(WordVectors::from_words(2, &[
    ///     ("dissuasion", 1.0, [1.0, 0.1]), ("deterrents", 1.0, [0.9, 0.3]),
    ///     ("fientes", 1.0, [0.0, 1.0]), ("bird", 1.0, [0.6, -0.8]),
    /// ]));
    /// let meaning = Meaning::of_proposal(table, "Dissuasion", "").unwrap();
    /// let line = r#"{"docid":[{"id":"IALA G1091","type":"IALA","primary":true}],
    ///     "title":[{"content":"Bird deterrents","language":"en"}]}"#;
    /// let record = nwip_corpus::Record::from_relaton_json(line).unwrap();
    /// let words = ["dissuasion".to_string(), "fientes".to_string(), "inconnu".to_string()];
    /// assert_eq!(meaning.words_near(&words, &record, 0.6), 1);
    /// ```
    pub fn words_near(
        &self,
        words_of_proposal: &[String],
        record: &Record,
        min_cosine: f32,
    ) -> usize {
        let mut record_words: Vec<String> = record
            .titles
            .iter()
            .flat_map(|title| words(&title.text))
            .chain(record.abstracts.iter().flat_map(|text| words(&text.text)))
            .collect();
        record_words.sort_unstable();
        record_words.dedup();
        let vectors: Vec<Vec<f32>> =
            record_words.iter().filter_map(|word| self.table.embed([word])).collect();
        words_of_proposal
            .iter()
            .filter_map(|word| self.table.embed([word]))
            .filter(|vector| vectors.iter().any(|other| cosine(vector, other) >= min_cosine))
            .count()
    }

    /// The cosine of the record's titles with the proposal's title (0 where either has no known
    /// word). The titles' meaning is remembered by the table: candidates come back.
    pub fn compare_titles(&self, record: &Record) -> f32 {
        let titles: Vec<&str> = record.titles.iter().map(|title| title.text.as_str()).collect();
        similarity(self.title.as_deref(), self.table.embed_texts(&titles).as_deref())
    }
}

/// The cosine of two meanings, 0 when either is missing or they point apart.
fn similarity(a: Option<&[f32]>, b: Option<&[f32]>) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) => cosine(a, b).max(0.0),
        _ => 0.0,
    }
}
