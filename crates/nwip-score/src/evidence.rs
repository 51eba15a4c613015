//! The evidence behind an overlap, as structured data: shared distinctive terms and phrases per
//! field with their weights, a snippet of the matching scope text, shared ICS codes and references,
//! terms carried over from another language, and each feature's contribution to the score.

use rustc_hash::FxHashSet as HashSet;

use nwip_corpus::ics::ics_shared_levels;
use nwip_corpus::Record;
use nwip_text::{Analyzer, Language, Terms};
use serde::Serialize;

use crate::features::RecordText;
use crate::profile::{Profile, TermWeights};

/// A shared term with the word the proposal used and its weight (IDF).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedTerm {
    /// The analysed term.
    pub term: String,
    /// The word as the proposal wrote it.
    pub word: String,
    /// Its weight (inverse document frequency).
    pub weight: f32,
    /// Where the record has it: `title` or `abstract`.
    pub field: &'static str,
}

/// A term of the proposal that matched through its translation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TranslatedTerm {
    /// The proposal's word.
    pub word: String,
    /// The record's term it was carried to.
    pub term: String,
    /// The record-side language.
    pub language: Language,
    /// Translation probability from the bilingual table.
    pub probability: f32,
}

/// Why a record was found and scored as it was.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Evidence {
    /// Shared terms, heaviest first.
    pub shared_terms: Vec<SharedTerm>,
    /// Shared word pairs (phrases), as the proposal wrote them.
    pub shared_phrases: Vec<String>,
    /// The sentence of the record's abstract that shares the most weight with the proposal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
    /// ICS codes of the record that are close to the proposal's.
    pub shared_ics: Vec<String>,
    /// Identifiers the proposal names that are this record or its family.
    pub shared_references: Vec<String>,
    /// Terms matched through the bilingual table.
    pub translated_terms: Vec<TranslatedTerm>,
    /// How the record was retrieved: `text`, `identifier`, `family`, `near_duplicate`.
    pub retrieved_by: Vec<String>,
    /// Each feature's value and its contribution to the log-odds (added with the textual
    /// evidence by [`crate::explain`]).
    pub features: Vec<FeatureContribution>,
    /// Why the overlap has its kind.
    pub reason: String,
    /// Other lines of the report whose document replaced this one's, or was replaced by it,
    /// under another number ("ISO 48-4:2018 (line 1) replaced it"; see
    /// [`crate::note_lineages`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lineage: Vec<String>,
}

impl Evidence {
    /// The proposal's words behind [`Evidence::shared_terms`], each once, heaviest first: a
    /// word found in the record through two of its translations (*организации* as
    /// *organization* and *set*) is one word to a reader.
    ///
    /// ```
    /// use nwip_score::{Evidence, SharedTerm};
    /// let shared = |term: &str, word: &str, weight| SharedTerm {
    ///     term: term.into(), word: word.into(), weight, field: "title",
    /// };
    /// let mut evidence = Evidence::default();
    /// evidence.shared_terms = vec![
    ///     shared("organ", "организации", 4.2),
    ///     shared("set", "организации", 3.7),
    ///     shared("secur", "безопасности", 3.6),
    /// ];
    /// assert_eq!(evidence.shared_words(), ["организации", "безопасности"]);
    /// ```
    pub fn shared_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = Vec::with_capacity(self.shared_terms.len());
        for term in &self.shared_terms {
            if !words.contains(&term.word.as_str()) {
                words.push(&term.word);
            }
        }
        words
    }
}

/// One feature's value and contribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeatureContribution {
    /// Feature name (see [`crate::Features::NAMES`]).
    pub name: &'static str,
    /// Its value in [0, 1].
    pub value: f32,
    /// Weight × value.
    pub contribution: f32,
}

/// Collects the textual evidence of a pair.
pub(crate) fn collect_evidence(
    profile: &Profile,
    record: &Record,
    text: &RecordText,
    weights: &TermWeights,
    analyzer: &Analyzer,
) -> Evidence {
    let language = text.language;
    let title: HashSet<&str> = text.title.iter().collect();
    let body: HashSet<&str> = text.body.iter().collect();
    let mut shared_terms = Vec::new();
    let mut translated_terms = Vec::new();
    let mut seen = HashSet::default();
    let parts = profile.parts();
    for (terms, from) in parts {
        let own = from == language;
        for term in terms {
            let candidates: Vec<(String, f32)> = if own {
                vec![(term.clone(), 1.0)]
            } else {
                profile
                    .translations(term, from, language)
                    .map(|b| (b.term.clone(), b.probability))
                    .collect()
            };
            for (target, probability) in candidates {
                let field = if title.contains(target.as_str()) {
                    "title"
                } else if body.contains(target.as_str()) {
                    "abstract"
                } else {
                    continue;
                };
                if !seen.insert(target.clone()) {
                    continue;
                }
                let word = profile.surface.get(term).cloned().unwrap_or_else(|| term.clone());
                if !own {
                    translated_terms.push(TranslatedTerm {
                        word: word.clone(),
                        term: target.clone(),
                        language,
                        probability,
                    });
                }
                shared_terms.push(SharedTerm {
                    term: target.clone(),
                    word,
                    weight: weights.weight(language, &target),
                    field,
                });
            }
        }
    }
    shared_terms.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    shared_terms.truncate(12);

    let record_pairs: HashSet<(&str, &str)> = text.bigrams().collect();
    let mut shared_phrases = Vec::new();
    for (terms, from) in parts {
        if from != language {
            continue;
        }
        for pair in terms.windows(2) {
            if record_pairs.contains(&(pair[0].as_str(), pair[1].as_str())) {
                let phrase = format!(
                    "{} {}",
                    profile.surface.get(&pair[0]).unwrap_or(&pair[0]),
                    profile.surface.get(&pair[1]).unwrap_or(&pair[1])
                );
                if !shared_phrases.contains(&phrase) {
                    shared_phrases.push(phrase);
                }
            }
        }
        shared_phrases.truncate(8);
    }

    let matched: HashSet<&str> = shared_terms.iter().map(|t| t.term.as_str()).collect();
    let snippet = record.abstract_in(language).and_then(|summary| {
        best_sentence(summary, &text.body, language, &matched, weights, analyzer)
    });
    let shared_ics = record
        .ics
        .iter()
        .filter(|code| profile.ics.iter().any(|own| ics_shared_levels(own, code) >= 2))
        .cloned()
        .collect();
    // The record's identifier is parsed only when the proposal declares references at all.
    let family = std::cell::OnceCell::new();
    let family = || family.get_or_init(|| nwip_corpus::docid::family_key(&record.id)).as_str();
    let shared_references = profile
        .declared_documents
        .iter()
        .filter(|declared| {
            let key = nwip_corpus::docid::document_key(declared);
            key == record.key || nwip_corpus::docid::family_key(declared) == family()
        })
        .cloned()
        .collect();
    Evidence {
        shared_terms,
        shared_phrases,
        snippet,
        shared_ics,
        shared_references,
        translated_terms,
        ..Evidence::default()
    }
}

/// Returns the abstract's sentence carrying the most matched weight, trimmed to 300 characters.
/// `terms` are the abstract's, read piece by piece ([`Terms::pieces`]) when they were analysed
/// from it; the sentences are analysed again otherwise.
fn best_sentence(
    summary: &str,
    terms: &Terms,
    language: Language,
    matched: &HashSet<&str>,
    weights: &TermWeights,
    analyzer: &Analyzer,
) -> Option<String> {
    let pieces = Terms::pieces_of(summary);
    let ends = terms.pieces();
    let read = ends.len() == pieces.clone().count();
    let mut best: Option<(f32, &str)> = None;
    let mut start = 0;
    for (at, piece) in pieces.enumerate() {
        let sentence = piece.trim();
        // Each matched term once, weighed in the order it first occurs.
        let (mut seen, mut weight) = (Vec::new(), -0.0f32);
        let mut weigh = |term: &str| {
            if let Some(&known) = matched.get(term).filter(|known| !seen.contains(*known)) {
                seen.push(known);
                weight += weights.weight(language, known);
            }
        };
        if read {
            let end = ends[at] as usize;
            (start..end).filter_map(|index| terms.get(index)).for_each(&mut weigh);
            start = end;
        } else if !sentence.is_empty() {
            analyzer.for_each_term(sentence, language, weigh);
        }
        if !sentence.is_empty() && weight > 0.0 && best.is_none_or(|(w, _)| weight > w) {
            best = Some((weight, sentence));
        }
    }
    best.map(|(_, sentence)| truncate_chars(sentence, 300))
}

fn truncate_chars(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(limit).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The snippet of `summary` for `matched` (stems), from the abstract's remembered terms and
    /// from its sentences analysed again.
    fn snippets(summary: &str, matched: &[&str]) -> (Option<String>, Option<String>) {
        let analyzer = Analyzer::new();
        let matched: HashSet<&str> = matched.iter().copied().collect();
        let weights = TermWeights::default();
        let english = Language::English;
        let remembered = analyzer.shared_terms(summary, english);
        assert!(!remembered.pieces().is_empty());
        let from_pieces =
            best_sentence(summary, &remembered, english, &matched, &weights, &analyzer);
        let without = Terms::from_terms(remembered.iter());
        let again = best_sentence(summary, &without, english, &matched, &weights, &analyzer);
        (from_pieces, again)
    }

    #[test]
    fn the_snippet_is_the_sentence_with_the_most_matched_weight() {
        let summary = "General requirements. Pumps and valves for water supply; safety of pumps.\n\
                       Water valves only";
        let (from_pieces, again) = snippets(summary, &["pump", "valv", "water"]);
        assert_eq!(from_pieces.as_deref(), Some("Pumps and valves for water supply;"));
        assert_eq!(from_pieces, again);
        // Equal weights: the first sentence; a term counts once in a sentence.
        let (from_pieces, again) = snippets("Pumps, pumps. Valves. Pumps", &["pump", "valv"]);
        assert_eq!(from_pieces.as_deref(), Some("Pumps, pumps."));
        assert_eq!(from_pieces, again);
        // Nothing matched, no snippet.
        assert_eq!(snippets("Screw threads. Bolts", &["pump"]), (None, None));
    }
}
