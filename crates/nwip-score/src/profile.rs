//! The analysed proposal ([`Profile`]), term statistics, and the selection of query terms.
//!
//! Draft proposals are short (a title alone for many projects, 50-300 words at most). Every term is
//! weighted by its inverse document frequency in the corpus, title terms count double, and the
//! query keeps the distinctive terms: frequent words of the scope ("document", "specifies") add
//! noise, not evidence.

use std::collections::HashMap;
use std::sync::{RwLock, RwLockReadGuard, RwLockWriteGuard};

use nwip_corpus::docid::{extract_identifiers, family_key};
use nwip_corpus::{Committee, Proposal};
use nwip_text::{detect_language_confidently, Analyzer, Language, Sketch, WordVectors};

use crate::meaning::Meaning;
use rustc_hash::FxHashMap;

/// Document frequencies of terms in the corpus, provided by whoever holds the index.
pub trait TermStatistics {
    /// Returns the number of records.
    fn num_docs(&self) -> u64;
    /// Returns in how many records `term` occurs in text of `language`.
    fn doc_freq(&self, language: Language, term: &str) -> u64;
}

/// Inverse document frequency weights, `ln(1 + N / (df + 0.5))`, looked up on demand from a
/// [`TermStatistics`] and cached for the life of one check.
#[derive(Default)]
pub struct TermWeights<'a> {
    statistics: Option<&'a (dyn TermStatistics + Sync)>,
    /// Term → weight, one map per [`Language`] (by discriminant), each behind its own lock:
    /// the threads that compare candidates mostly read.
    cache: [RwLock<FxHashMap<String, f32>>; Language::ALL.len()],
    total: f32,
}

impl std::fmt::Debug for TermWeights<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cached: usize = self.cache.iter().map(|map| read(map).len()).sum();
        f.debug_struct("TermWeights").field("cached", &cached).finish()
    }
}

impl<'a> TermWeights<'a> {
    /// Weights terms by their frequency in `statistics`.
    pub fn new(statistics: &'a (dyn TermStatistics + Sync)) -> TermWeights<'a> {
        TermWeights {
            statistics: Some(statistics),
            cache: Default::default(),
            total: statistics.num_docs().max(1) as f32,
        }
    }

    /// Builds weights from explicit values (tests and tools); other terms weigh as a rare term.
    pub fn from_pairs(
        pairs: impl IntoIterator<Item = (Language, String, f32)>,
    ) -> TermWeights<'static> {
        let weights = TermWeights::default();
        for (language, term, weight) in pairs {
            write(&weights.cache[language as usize]).insert(term, weight);
        }
        weights
    }

    /// Returns how many records the statistics count, `None` for weights without statistics
    /// ([`TermWeights::default`], [`TermWeights::from_pairs`]).
    pub fn records(&self) -> Option<u64> {
        self.statistics.map(|statistics| statistics.num_docs())
    }

    /// Returns the weight of `term` in `language`.
    pub fn weight(&self, language: Language, term: &str) -> f32 {
        if let Some(weight) = read(&self.cache[language as usize]).get(term) {
            return *weight;
        }
        let weight = match self.statistics {
            Some(statistics) => {
                let df = statistics.doc_freq(language, term) as f32;
                (1.0 + self.total / (df + 0.5)).ln()
            }
            None => 8.0,
        };
        write(&self.cache[language as usize]).insert(term.to_string(), weight);
        weight
    }

    /// Tells whether some record has `term` in `language` (always true for weights without
    /// statistics): a term no record has matches nothing, however rare its weight says it is.
    pub fn is_known(&self, language: Language, term: &str) -> bool {
        // A term in one record weighs ln(1 + n / 1.5), one in none ln(1 + n / 0.5).
        self.statistics.is_none() || self.weight(language, term) < (1.0 + self.total).ln()
    }

    /// Returns the weight of a term that occurs in every record.
    pub fn floor(&self) -> f32 {
        std::f32::consts::LN_2
    }

    /// Returns the weight of a term found in `share` of the records: a term weighing less is
    /// found in more of them.
    ///
    /// ```
    /// use nwip_score::TermWeights;
    /// assert!((TermWeights::weight_at_share(0.05) - 21f32.ln()).abs() < 1e-6);
    /// assert!(TermWeights::weight_at_share(1.0) < TermWeights::weight_at_share(0.5));
    /// ```
    pub fn weight_at_share(share: f32) -> f32 {
        (1.0 + 1.0 / share.max(1e-6)).ln()
    }
}

/// Reads a cache of weights (a panic elsewhere leaves it valid: a weight is inserted whole).
fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Writes a cache of weights (see [`read`]).
fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A proposal analysed for matching: its terms per part, identifiers it mentions, its sketch.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The proposal's language: that of its body (its title's when it has none),
    /// which are declared, else detected. Records are compared in it when they have text in it,
    /// and a title in another language is carried into it.
    pub language: Language,
    /// The language of the title: [`Profile::language`] unless the title is clearly written in
    /// another one (a French title over an English scope).
    pub title_language: Language,
    /// The language of the body (scope, keywords; see [`subject_purpose`]), likewise.
    pub body_language: Language,
    /// Title terms, in order, in [`Profile::title_language`].
    pub title_terms: Vec<String>,
    /// Where each element of a title written in elements ("Information technology —
    /// Telecommunications — System architecture for the 5G System") after the first begins in
    /// [`Profile::title_terms`]; empty for a title in one piece. ISO and IEC titles open with
    /// introductory elements that other catalogues' titles of the same subject leave out.
    /// Elements are separated by a dash set off by spaces (an em or en dash, or a hyphen).
    pub title_elements: Vec<usize>,
    /// Body terms (scope and keywords; the purpose when there is no scope, see
    /// [`subject_purpose`]), in order, in [`Profile::body_language`].
    pub body_terms: Vec<String>,
    /// Surface words for terms, for evidence ("mechan" → "mechanical").
    pub surface: HashMap<String, String>,
    /// The proposer's committee, normalised.
    pub committee: Option<Committee>,
    /// The proposer's organisation, if known (from the proposal, else from its committee).
    pub organisation: Option<String>,
    /// ICS codes, normalised.
    pub ics: Vec<String>,
    /// Document keys of the identifiers the proposal names (relevant documents and text).
    pub mentioned_keys: Vec<String>,
    /// Family keys of those identifiers.
    pub mentioned_families: Vec<String>,
    /// Identifiers as written in the proposal's relevant documents.
    pub declared_documents: Vec<String>,
    /// Liaisons the proposal declares.
    pub declared_liaisons: Vec<String>,
    /// The proposal's title as written.
    pub title: String,
    /// The body as written: the scope, the purpose when there is no scope ([`subject_purpose`]),
    /// the keywords.
    pub body: String,
    /// Near-duplicate sketch of title and body.
    pub sketch: Option<Sketch>,
    /// Terms in other languages carried over from this proposal's terms (cross-lingual bridge):
    /// (language, term, weight factor, source term).
    pub bridged: Vec<BridgedTerm>,
    /// The proposal's meaning as word vectors, when the index has a word-vector table
    /// ([`Profile::understand`]).
    pub meaning: Option<Meaning>,
}

/// A term carried into another language by the bilingual table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BridgedTerm {
    /// Target language.
    pub language: Language,
    /// Term in the target language.
    pub term: String,
    /// Translation probability (0..1).
    pub probability: f32,
    /// How much it weighs in a query, relative to the source term: 1 for the most probable
    /// translation (a record written in the other language should score as if it were written
    /// in the proposal's), less for the others and for guessed cognates.
    pub weight: f32,
    /// The proposal's own term it translates.
    pub source: String,
    /// The language of that term ([`Profile::title_language`] for title terms,
    /// [`Profile::body_language`] for body terms).
    pub from: Language,
    /// Whether a Russian term was matched by its consonant skeleton alone, no dictionary or
    /// corpus translation having it (see [`Profile::drop_unlikely_transliterations`]).
    pub by_skeleton: bool,
}

impl Profile {
    /// Analyses a proposal.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// let proposal = Proposal { title: "Quality management systems".into(), scope: "See ISO 9001.".into(), ..Default::default() };
    /// let profile = nwip_score::Profile::from_proposal(&proposal, &nwip_text::Analyzer::new());
    /// assert_eq!(profile.title_terms, ["qualiti", "manag", "system"]);
    /// assert_eq!(profile.mentioned_families, ["iso 9001"]);
    /// assert!(profile.title_elements.is_empty());
    /// let proposal = Proposal { title: "Road vehicles — Brake linings".into(), ..Default::default() };
    /// let profile = nwip_score::Profile::from_proposal(&proposal, &nwip_text::Analyzer::new());
    /// assert_eq!(profile.title_elements, [2]);
    /// ```
    pub fn from_proposal(proposal: &Proposal, analyzer: &Analyzer) -> Profile {
        // Too short to tell (a one-word title): Latin-script text is searched as English, the
        // language every catalogue has, rather than not at all.
        let overall = match proposal.detected_language() {
            Language::Unknown if proposal.text().chars().any(|c| c.is_ascii_alphabetic()) => {
                Language::English
            }
            language => language,
        };
        // A section clearly written in another language is analysed in that language.
        let section_language = |text: &str| detect_language_confidently(text).unwrap_or(overall);
        let mut surface = HashMap::new();
        let mut analyse = |text: &str, language: Language| {
            let mut terms = Vec::new();
            analyzer.for_each_token(text, language, |token| {
                surface
                    .entry(token.term.clone())
                    .or_insert_with(|| text[token.offset_from..token.offset_to].to_lowercase());
                terms.push(token.term);
            });
            terms
        };
        let body_text =
            [proposal.scope.as_str(), subject_purpose(proposal), &proposal.keywords.join(". ")]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n");
        let body_language = section_language(&body_text);
        let title_language = section_language(&proposal.title);
        let title_terms = analyse(&proposal.title, title_language);
        let title_elements = title_elements(&proposal.title, title_language, analyzer);
        let body_terms = analyse(&body_text, body_language);
        let committee = proposal.committee.as_deref().filter(|c| !c.trim().is_empty()).map(|c| {
            let org = proposal.organisation.as_deref().unwrap_or("");
            Committee::parse(org, c)
        });
        let organisation = proposal
            .organisation
            .clone()
            .or_else(|| {
                committee.as_ref().map(|c| c.id.split(['/', ' ']).next().unwrap_or("").to_string())
            })
            .filter(|o| !o.is_empty())
            .map(|o| o.to_ascii_uppercase());
        let ics =
            proposal.ics.iter().filter_map(|code| nwip_corpus::ics::normalize_ics(code)).collect();
        let mut mentioned_keys = Vec::new();
        let mut mentioned_families = Vec::new();
        let mentions = proposal
            .relevant_documents
            .iter()
            .flat_map(|d| extract_identifiers(d))
            .chain(extract_identifiers(&proposal.text()));
        for id in mentions {
            push_unique(&mut mentioned_keys, id.document_key());
            push_unique(&mut mentioned_families, family_key(&id.raw));
        }
        let sketch_terms: Vec<&String> = title_terms.iter().chain(body_terms.iter()).collect();
        let sketch = Sketch::from_terms(&sketch_terms);
        let language = if body_terms.is_empty() { title_language } else { body_language };
        Profile {
            language,
            title_language,
            body_language,
            title_terms,
            title_elements,
            body_terms,
            surface,
            committee,
            organisation,
            ics,
            mentioned_keys,
            mentioned_families,
            declared_documents: proposal.relevant_documents.clone(),
            declared_liaisons: proposal.liaisons.clone(),
            title: proposal.title.clone(),
            body: body_text,
            sketch,
            bridged: Vec::new(),
            meaning: None,
        }
    }

    /// Embeds the proposal's title and body with the word-vector table `table`, so that
    /// candidates are compared by meaning too ([`Profile::meaning`]).
    pub fn understand(&mut self, table: std::sync::Arc<WordVectors>) {
        self.meaning = Meaning::of_proposal(table, &self.title, &self.body);
    }

    /// Selects the weighted terms to retrieve candidates with: each distinct term once, title terms
    /// counting double, weighted by IDF. Body terms found in more than `selection.max_body_share`
    /// of the records are left out (they cost the most to search and say the least), and at most
    /// `selection.max_body_terms` body terms are kept, the rarest first. Terms carried into other
    /// languages ([`Profile::bridged`]) follow, weighted by [`BridgedTerm::weight`] and marked
    /// with the language they were carried from.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use nwip_score::{Profile, QuerySelection, TermWeights};
    /// let proposal = Proposal { title: "Quality management systems".into(), ..Default::default() };
    /// let profile = Profile::from_proposal(&proposal, &nwip_text::Analyzer::new());
    /// let terms = profile.query_terms(&TermWeights::default(), QuerySelection::default());
    /// assert_eq!(terms.iter().map(|t| t.term.as_str()).collect::<Vec<_>>(), ["qualiti", "manag", "system"]);
    /// assert!(terms.iter().all(|t| t.weight == 2.0 && t.carried_from.is_none()));
    /// ```
    pub fn query_terms(
        &self,
        weights: &TermWeights,
        selection: QuerySelection,
    ) -> Vec<WeightedTerm> {
        let mut selected: Vec<WeightedTerm> = Vec::new();
        let floor = weights.floor();
        let body_floor = TermWeights::weight_at_share(selection.max_body_share);
        let mut add =
            |language: Language, term: &str, factor: f32, carried_from: Option<Language>| {
                let idf = weights.weight(language, term);
                if idf <= floor * 1.05 {
                    return;
                }
                match selected.iter_mut().find(|t| t.language == language && t.term == term) {
                    Some(existing) => existing.weight += factor * 0.5,
                    None => selected.push(WeightedTerm {
                        language,
                        term: term.to_string(),
                        weight: factor,
                        carried_from,
                    }),
                }
            };
        for term in &self.title_terms {
            add(self.title_language, term, 2.0, None);
        }
        let body_language = self.body_language;
        let mut body: Vec<&String> = self
            .body_only_terms()
            .filter(|t| weights.weight(body_language, t) >= body_floor)
            .collect();
        body.sort_by(|a, b| {
            weights.weight(body_language, b).total_cmp(&weights.weight(body_language, a))
        });
        body.dedup();
        for term in body.into_iter().take(selection.max_body_terms) {
            add(body_language, term, 1.0, None);
        }
        let mut carried_body: Vec<(Language, &str)> = Vec::new();
        for bridged in &self.bridged {
            // A spelling variant is a term of the proposal's own language, not a carried one.
            let carried_from = Some(bridged.from).filter(|from| *from != bridged.language);
            if bridged.from == self.title_language && self.title_terms.contains(&bridged.source) {
                add(bridged.language, &bridged.term, 2.0 * bridged.weight, carried_from);
                continue;
            }
            // A carried-over body term searches through one translation, the most probable that
            // passes the share limit the proposal's own body terms obey; every translation still
            // counts in the features.
            let key = (bridged.language, bridged.source.as_str());
            if carried_body.contains(&key)
                || weights.weight(bridged.language, &bridged.term) < body_floor
            {
                continue;
            }
            carried_body.push(key);
            add(bridged.language, &bridged.term, bridged.weight, carried_from);
        }
        selected
    }

    /// Returns the title terms and the body terms, each with the language they are written in.
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use nwip_text::{Analyzer, Language};
    /// let proposal = Proposal {
    ///     title: "Sécurité des jouets".into(),
    ///     scope: "This document specifies the safety requirements for toys.".into(),
    ///     ..Default::default()
    /// };
    /// let profile = nwip_score::Profile::from_proposal(&proposal, &Analyzer::new());
    /// let [(title, title_language), (_, body_language)] = profile.parts();
    /// assert_eq!(title, ["secur", "jouet"]);
    /// assert_eq!((title_language, body_language), (Language::French, Language::English));
    /// ```
    pub fn parts(&self) -> [(&[String], Language); 2] {
        [(&self.title_terms, self.title_language), (&self.body_terms, self.body_language)]
    }

    /// Returns the body terms that are not already title terms (in the same language).
    pub(crate) fn body_only_terms(&self) -> impl Iterator<Item = &String> {
        let same_language = self.body_language == self.title_language;
        self.body_terms.iter().filter(move |t| !same_language || !self.title_terms.contains(t))
    }

    /// Adds the other spelling of each English word of the proposal (*organisation* →
    /// *organization*; see [`nwip_text::spelling_variants`]) as a term of its own language, when
    /// its term differs and `known` says the corpus uses it. Queries search for both spellings
    /// and a record spelt the other way matches as if spelt alike. Call it after
    /// [`Profile::bridge`], which replaces [`Profile::bridged`].
    ///
    /// ```
    /// use nwip_corpus::Proposal;
    /// use nwip_score::Profile;
    /// use nwip_text::{Analyzer, Language};
    /// let analyzer = Analyzer::new();
    /// let proposal = Proposal { title: "Food safety organisations".into(), ..Default::default() };
    /// let mut profile = Profile::from_proposal(&proposal, &analyzer);
    /// profile.add_spelling_variants(&analyzer, |term| term == "organ");
    /// let variant = profile.translations("organis", Language::English, Language::English).next();
    /// assert_eq!(variant.unwrap().term, "organ");
    /// ```
    pub fn add_spelling_variants(&mut self, analyzer: &Analyzer, known: impl Fn(&str) -> bool) {
        let english = Language::English;
        let mut texts: Vec<&str> = Vec::new();
        if self.title_language == english {
            texts.push(&self.title);
        }
        if self.body_language == english {
            texts.push(&self.body);
        }
        let mut variants: Vec<BridgedTerm> = Vec::new();
        for text in texts {
            for token in analyzer.tokens(text, english) {
                let word = text[token.offset_from..token.offset_to].to_lowercase();
                for variant in nwip_text::spelling_variants(&word) {
                    let Some(term) = analyzer.term(&variant, english) else { continue };
                    let seen = variants.iter().any(|v| v.term == term && v.source == token.term);
                    if term == token.term || seen || !known(&term) {
                        continue;
                    }
                    variants.push(BridgedTerm {
                        language: english,
                        term,
                        probability: 1.0,
                        weight: 1.0,
                        source: token.term.clone(),
                        from: english,
                        by_skeleton: false,
                    });
                }
            }
        }
        self.bridged.extend(variants);
    }

    /// Returns the translations of the proposal's term `source`, written in `from`, into `to`,
    /// most probable first (filled by [`Profile::bridge`]).
    ///
    /// ```
    /// use nwip_bridge::{BridgeTable, Translation};
    /// use nwip_corpus::Proposal;
    /// use nwip_score::{BridgeOptions, Profile, TermWeights};
    /// use nwip_text::{Analyzer, Language};
    /// let table = BridgeTable::from_entries([(
    ///     Language::French, Language::English, "jouet".to_string(),
    ///     vec![Translation { term: "toy".into(), probability: 0.9 }],
    /// )]);
    /// let proposal = Proposal { title: "Jouets".into(), language: Some(Language::French), ..Default::default() };
    /// let mut profile = Profile::from_proposal(&proposal, &Analyzer::new());
    /// profile.bridge(&table, &TermWeights::default(), &BridgeOptions::default());
    /// let english: Vec<&str> = profile
    ///     .translations("jouet", Language::French, Language::English)
    ///     .map(|b| b.term.as_str())
    ///     .collect();
    /// assert_eq!(english, ["toy"]);
    /// ```
    pub fn translations<'a>(
        &'a self,
        source: &'a str,
        from: Language,
        to: Language,
    ) -> impl Iterator<Item = &'a BridgedTerm> {
        self.bridged
            .iter()
            .filter(move |b| b.language == to && b.from == from && b.source == source)
    }
}

/// One weighted term of a retrieval query, from [`Profile::query_terms`].
#[derive(Debug, Clone, PartialEq)]
pub struct WeightedTerm {
    /// The language of the term (whose fields it searches).
    pub language: Language,
    /// The analysed term.
    pub term: String,
    /// Its weight: 2 for a title term, 1 for a body term, times [`BridgedTerm::weight`] for a
    /// carried term, plus half a weight for each repeat.
    pub weight: f32,
    /// For a term carried over by the bridge, the language of the proposal's term it translates;
    /// `None` for the proposal's own terms.
    pub carried_from: Option<Language>,
}

/// The purpose and justification as the proposal's subject: all of it when the proposal has no
/// scope, nothing when it has one.
///
/// The title and the scope say what a deliverable would cover; the purpose and justification say
/// why it is needed: markets, regulators, costs, benefits, the words every proposal shares. Read
/// as subject, they put a Form 4 proposal level with records about its justification (a food
/// safety proposal's "customers and regulators in different markets" beside a food loss and
/// waste standard), and the overlap model was fitted on proposals of a title and a scope. On the
/// project's unseen reworded proposals with a justification each
/// (`corpus/eval/reworded-test-justified.jsonl`), reading it as subject took MRR@10 from .710 to
/// .661 and the true document's median score from .658 to .283. Named documents are still found
/// in it ([`Profile::mentioned_keys`] reads the whole text).
///
/// ```
/// use nwip_corpus::Proposal;
/// use nwip_score::subject_purpose;
/// let proposal = Proposal { title: "Perlite boards".into(), purpose: "Trade needs one rule.".into(), ..Default::default() };
/// assert_eq!(subject_purpose(&proposal), "Trade needs one rule.");
/// let proposal = Proposal { scope: "Specifies perlite boards.".into(), ..proposal };
/// assert_eq!(subject_purpose(&proposal), "");
/// ```
pub fn subject_purpose(proposal: &Proposal) -> &str {
    if proposal.scope.trim().is_empty() {
        &proposal.purpose
    } else {
        ""
    }
}

/// How [`Profile::query_terms`] selects the scope and purpose terms of a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QuerySelection {
    /// At most this many body terms, the rarest first.
    pub max_body_terms: usize,
    /// Body terms found in a larger share of the records than this are left out.
    pub max_body_share: f32,
}

impl Default for QuerySelection {
    /// The 32 rarest body terms found in at most 5 % of the records. Each body term is two of
    /// block-WAND's scorers (title and abstract): 32 instead of 40 cut the text query's time by
    /// a fifth (`nwip eval` of the paraphrase, revision and committee sets, one thread: 23.0 →
    /// 18.9 ms a check) with the same figures; 16 cost the reworded proposals' MRR@10 .016.
    fn default() -> Self {
        QuerySelection { max_body_terms: 32, max_body_share: 0.05 }
    }
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// The dashes set off by spaces that separate the elements of a title written in elements
/// ([`Profile::title_elements`]): an em dash, an en dash, or a hyphen as many catalogues type one.
const ELEMENT_SEPARATORS: [&str; 3] = [" — ", " – ", " - "];

/// Where each element of `title` after the first begins among its terms as `analyzer` reads
/// them in `language` ([`Profile::title_elements`]). A separator with no term before or after
/// it, or next to another, begins no element; a title with no separator is not analysed again.
fn title_elements(title: &str, language: Language, analyzer: &Analyzer) -> Vec<usize> {
    let mut separators: Vec<usize> = ELEMENT_SEPARATORS
        .iter()
        .flat_map(|separator| title.match_indices(separator).map(|(at, _)| at))
        .collect();
    if separators.is_empty() {
        return Vec::new();
    }
    separators.sort_unstable();
    let mut separators = separators.into_iter().peekable();
    let (mut elements, mut terms) = (Vec::new(), 0);
    analyzer.for_each_token(title, language, |token| {
        // An element begins with the first term after its separator.
        if separators.next_if(|&at| at < token.offset_from).is_some() {
            while separators.next_if(|&at| at < token.offset_from).is_some() {}
            if terms > 0 {
                elements.push(terms);
            }
        }
        terms += 1;
    });
    elements
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_begin_after_a_dash_set_off_by_spaces() {
        let analyzer = Analyzer::new();
        let elements = |title: &str| {
            let proposal = Proposal { title: title.into(), ..Default::default() };
            Profile::from_proposal(&proposal, &analyzer).title_elements
        };
        // Hyphens inside words and part numbers do not separate elements.
        let profile = Profile::from_proposal(
            &Proposal {
                title: "Glass-ceramic hobs - Part 2-1: Safety".into(),
                ..Default::default()
            },
            &analyzer,
        );
        assert_eq!(profile.title_terms, ["glass", "ceram", "hob", "part", "2", "1", "safeti"]);
        assert_eq!(profile.title_elements, [3]);
        assert_eq!(elements("Information technology – Security techniques — Modes"), [2, 4]);
        // A dash with no terms before or after it, or two in a row, begins no element.
        assert_eq!(elements("— Leading dash"), Vec::<usize>::new());
        assert_eq!(elements("Trailing dash -"), Vec::<usize>::new());
        assert_eq!(elements("Road vehicles - - Brakes"), [2]);
        assert_eq!(elements("One piece"), Vec::<usize>::new());
    }

    #[test]
    fn the_purpose_is_subject_only_when_there_is_no_scope() {
        let analyzer = Analyzer::new();
        let proposal = Proposal {
            title: "Perlite insulation boards".into(),
            scope: "Specifies requirements for expanded perlite boards, see ISO 8301.".into(),
            purpose: "Customers and regulators in different markets ask for ISO 29470.".into(),
            keywords: vec!["thermal insulation".into()],
            ..Default::default()
        };
        let profile = Profile::from_proposal(&proposal, &analyzer);
        assert!(profile.body_terms.iter().any(|term| term == "perlit"), "{:?}", profile.body_terms);
        assert!(
            profile.body_terms.iter().any(|term| term == "thermal"),
            "{:?}",
            profile.body_terms
        );
        assert!(
            !profile.body_terms.iter().any(|term| term == "market"),
            "{:?}",
            profile.body_terms
        );
        assert!(!profile.body.contains("regulators"), "{}", profile.body);
        // A document the purpose names is still a mention.
        assert_eq!(profile.mentioned_families, ["iso 8301", "iso 29470"]);
        let without_scope = Proposal { scope: String::new(), ..proposal };
        let profile = Profile::from_proposal(&without_scope, &analyzer);
        assert!(profile.body_terms.iter().any(|term| term == "market"), "{:?}", profile.body_terms);
    }
}
