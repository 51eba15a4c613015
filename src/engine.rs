//! The engine: glue between the index (retrieval) and the scorer (ranking). Only this module sees
//! both [`nwip_index::Hit`] and [`nwip_score::Candidate`].

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use nwip_corpus::committee::FieldOwners;
use nwip_corpus::docid::family_key;
use nwip_corpus::identity::DocumentSummary;
use nwip_corpus::{Proposal, Record};
use nwip_index::{
    Exclusion, Filter, Hit, IndexBuilder, IndexSearcher, Located, NwipIndex, QueryTerm, TextQuery,
};
use nwip_score::{
    by_document, cross_check, liaisons, rank, rank_prepared, suggest_committees, tied_ranks,
    BridgeOptions, Candidate, Model, Overlap, OverlapKind, PreparedModel, Profile, QuerySelection,
    Signals, TermStatistics, TermWeights,
};
use nwip_text::{Analyzer, Language};

use crate::error::{Error, Result};
use crate::report::{ProposalSummary, Report};
use crate::timings::{millis_since, timed, StageTimes};

/// How candidates are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Ranking {
    /// The calibrated overlap model (the product).
    #[default]
    Overlap,
    /// Plain multi-field BM25 with the proposal's text as the query: the baseline.
    Bm25,
}

impl Ranking {
    /// Returns the name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Ranking::Overlap => "overlap",
            Ranking::Bm25 => "bm25",
        }
    }
}

/// Options of an [`Engine`], set through [`EngineBuilder`].
#[derive(Debug, Clone)]
struct Options {
    limit: usize,
    min_score: f32,
    ranking: Ranking,
    text_candidates: usize,
    carried_candidates: usize,
    plain_candidates: usize,
    meaning_candidates: usize,
    selection: QuerySelection,
    home_org: Option<String>,
    bridge: bool,
    /// Whether a check routes the proposal (committees, liaisons, the cross-check): a scan
    /// keeps only the overlaps.
    route: bool,
    /// Words of the plain query at most ([`PLAIN_MAX_TERMS`] in a check).
    plain_terms: usize,
    /// Whether reports carry the time each stage of their check took.
    timings: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limit: 20,
            min_score: 0.0,
            ranking: Ranking::Overlap,
            text_candidates: 50,
            carried_candidates: 25,
            plain_candidates: 30,
            meaning_candidates: 30,
            selection: QuerySelection::default(),
            home_org: None,
            bridge: true,
            route: true,
            plain_terms: PLAIN_MAX_TERMS,
            timings: false,
        }
    }
}

/// Configures and opens an [`Engine`].
///
/// ```no_run
/// let engine = nwip::Engine::builder().limit(10).min_score(0.3).open("data/nwip-index")?;
/// assert!(engine.index().meta().records > 0);
/// # Ok::<(), nwip::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct EngineBuilder {
    options: Options,
    model: Option<Model>,
}

impl EngineBuilder {
    /// Sets how many overlaps a report lists (default 20).
    pub fn limit(mut self, limit: usize) -> EngineBuilder {
        self.options.limit = limit.max(1);
        self
    }

    /// Drops overlaps scoring below `min_score` (default 0: keep the top `limit`).
    pub fn min_score(mut self, min_score: f32) -> EngineBuilder {
        self.options.min_score = min_score;
        self
    }

    /// Chooses the ranking (default [`Ranking::Overlap`]).
    pub fn ranking(mut self, ranking: Ranking) -> EngineBuilder {
        self.options.ranking = ranking;
        self
    }

    /// Makes every report carry the milliseconds each stage of its check took
    /// ([`Report::timings`]; default off, so that reports of the same proposal are the same).
    ///
    /// ```no_run
    /// let engine = nwip::Engine::builder().timings(true).open("data/nwip-index")?;
    /// let proposal = nwip::Proposal::from_json(r#"{"title": "Road vehicles - Functional safety"}"#)?;
    /// let times = engine.check(&proposal)?.timings.expect("asked for");
    /// assert!(times.total >= times.ranking);
    /// # Ok::<(), nwip::Error>(())
    /// ```
    pub fn timings(mut self, timings: bool) -> EngineBuilder {
        self.options.timings = timings;
        self
    }

    /// Sets how many records the text query retrieves before re-ranking (default 50).
    pub fn text_candidates(mut self, count: usize) -> EngineBuilder {
        self.options.text_candidates = count.max(1);
        self
    }

    /// Sets how many records the second text query retrieves: the proposal's terms carried into
    /// other languages, searched among the records that have no title in the proposal's own
    /// language (default 25; 0 turns it off).
    pub fn carried_candidates(mut self, count: usize) -> EngineBuilder {
        self.options.carried_candidates = count;
        self
    }

    /// Sets how many documents the plain query adds as candidates: every word of the proposal
    /// once, as written (but those in more than a twentieth of the records, and of a long
    /// proposal's only the 40 rarest), which finds a subject told in other words (default 30; 0
    /// turns it off).
    pub fn plain_candidates(mut self, count: usize) -> EngineBuilder {
        self.options.plain_candidates = count;
        self
    }

    /// Sets how many documents the search by meaning adds as candidates: the records whose
    /// word-vector means are nearest the proposal's, in any language, which finds a subject
    /// told in other words or another language when the index has word vectors (default 30;
    /// 0 turns it off).
    pub fn meaning_candidates(mut self, count: usize) -> EngineBuilder {
        self.options.meaning_candidates = count;
        self
    }

    /// Sets how many of the proposal's scope and purpose terms (the rarest) the text query keeps
    /// besides its title terms (default 32).
    pub fn body_terms(mut self, count: usize) -> EngineBuilder {
        self.options.selection.max_body_terms = count;
        self
    }

    /// Leaves out of the text query the scope and purpose terms found in more than `share` of the
    /// records (default 0.05; 1 keeps them all).
    pub fn max_body_share(mut self, share: f32) -> EngineBuilder {
        self.options.selection.max_body_share = share;
        self
    }

    /// Sets the organisation whose committees are proposed as owners when the proposal names none.
    pub fn home_org(mut self, org: Option<String>) -> EngineBuilder {
        self.options.home_org = org;
        self
    }

    /// Carries the proposal's terms into other languages through the index's bilingual table
    /// (default true; false gives the same-language baseline).
    pub fn bridge(mut self, bridge: bool) -> EngineBuilder {
        self.options.bridge = bridge;
        self
    }

    /// Uses `model` instead of the shipped one.
    pub fn model(mut self, model: Model) -> EngineBuilder {
        self.model = Some(model);
        self
    }

    /// Opens the index at `path`.
    pub fn open(self, path: impl AsRef<Path>) -> Result<Engine> {
        let index = NwipIndex::open(path)?;
        Ok(self.with_index(index))
    }

    /// Builds an in-memory index of `records` (tests, small embedded corpora).
    pub fn from_records(self, records: Vec<Record>) -> Result<Engine> {
        let index = IndexBuilder::new().threads(1).build_in_ram(records)?;
        Ok(self.with_index(index))
    }

    fn with_index(self, index: NwipIndex) -> Engine {
        Engine {
            index,
            options: Arc::new(self.options),
            model: PreparedModel::new(Arc::new(self.model.unwrap_or_else(Model::shipped))),
            analyzer: Arc::new(Analyzer::new()),
        }
    }
}

/// Checks proposals against an index of existing standards and work programmes.
///
/// Cheap to clone and safe to share between threads.
#[derive(Debug, Clone)]
pub struct Engine {
    index: NwipIndex,
    options: Arc<Options>,
    /// The model, its trees laid out once for every check.
    model: PreparedModel,
    analyzer: Arc<Analyzer>,
}

/// Corpus statistics served from an index searcher.
struct SearcherStatistics<'a>(&'a IndexSearcher);

impl TermStatistics for SearcherStatistics<'_> {
    fn num_docs(&self) -> u64 {
        self.0.num_docs()
    }
    fn doc_freq(&self, language: Language, term: &str) -> u64 {
        self.0.doc_freq(language, term)
    }
}

/// The retrieval stage of a check: the analysed proposal and its candidates.
#[derive(Debug)]
pub struct Retrieved {
    /// The analysed proposal.
    pub profile: Profile,
    /// Candidates, in retrieval order.
    pub candidates: Vec<Candidate>,
    /// The committees owning documents under the proposal's ICS codes, one census a code (none
    /// for a proposal without codes, or in the BM25 baseline).
    pub fields: Vec<FieldOwners>,
}

impl Engine {
    /// Opens the index at `path` with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<Engine> {
        Engine::builder().open(path)
    }

    /// Returns a builder to set options.
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// Builds an in-memory engine over `records` with default options.
    pub fn from_records(records: Vec<Record>) -> Result<Engine> {
        Engine::builder().from_records(records)
    }

    /// Returns the index.
    pub fn index(&self) -> &NwipIndex {
        &self.index
    }

    /// Whether reports carry their check's stage times ([`EngineBuilder::timings`]).
    pub fn keeps_timings(&self) -> bool {
        self.options.timings
    }

    /// Returns the model scores come from.
    pub fn model(&self) -> &Model {
        self.model.model()
    }

    /// Checks one proposal: retrieves candidates, ranks them, routes and lists liaisons.
    pub fn check(&self, proposal: &Proposal) -> Result<Report> {
        self.check_excluding(proposal, &[])
    }

    /// Like [`Engine::check`], dropping the proposal's own records (in evaluations and scans):
    /// those whose primary identifier is in `exclude`, and the same project's records at other
    /// stages (drafts and undated entries with the same document key, such as a second enquiry
    /// draft `ISO/DIS 7752-2.2` of an excluded `ISO/DIS 7752-2`). Dated editions are kept: they
    /// are what a revision revises.
    pub fn check_excluding(&self, proposal: &Proposal, exclude: &[String]) -> Result<Report> {
        let started = std::time::Instant::now();
        let mut times = StageTimes::default();
        let searcher = self.index.searcher();
        let statistics = SearcherStatistics(&searcher);
        let weights = TermWeights::new(&statistics);
        let retrieved = self.retrieve_with(&searcher, &weights, proposal, exclude, &mut times)?;
        let Retrieved { profile, candidates, fields } = retrieved;
        let candidate_count = candidates.len();
        let (mut overlaps, ranking) =
            timed(|| rank_prepared(&profile, candidates, &weights, &self.model, &self.analyzer));
        times.ranking = ranking;
        let routing = std::time::Instant::now();
        if self.options.ranking == Ranking::Bm25 {
            let best = overlaps.iter().map(|o| o.features.retrieval).fold(0.0f32, f32::max);
            overlaps.retain(|o| o.features.retrieval_rank > 0.0);
            overlaps
                .sort_by(|a, b| b.features.retrieval_rank.total_cmp(&a.features.retrieval_rank));
            for overlap in &mut overlaps {
                overlap.score = if best > 0.0 { overlap.features.retrieval / best } else { 0.0 };
            }
        }
        // One entry per document, at its best-matching record; committees, liaisons and the
        // cross-check count documents too.
        let mut overlaps = by_document(&profile, overlaps);
        if self.options.ranking == Ranking::Overlap {
            nwip_score::settle_clear_best(&mut overlaps);
        }
        let (committees, liaison_list, cross) = if self.options.route {
            let home_org = profile.organisation.clone().or_else(|| self.options.home_org.clone());
            (
                suggest_committees(&overlaps, home_org.as_deref(), 20, &fields),
                liaisons(&profile, &overlaps, 0.5),
                cross_check(&profile, &overlaps, 0.5),
            )
        } else {
            Default::default()
        };
        // A periodical's page is listed only when it overlaps in part or more: a bulletin's
        // pages report on work, and OIML's 1950s-2020s Bulletin otherwise fills the tails of
        // reports with "Voix de la Presse Autrichienne" for a voice-coding proposal. The plain
        // baseline lists what it finds.
        let overlap_ranking = self.options.ranking == Ranking::Overlap;
        overlaps.retain(|o| {
            let periodical = o.record.is_periodical_content() && o.kind == OverlapKind::Related;
            o.score >= self.options.min_score && !(overlap_ranking && periodical)
        });
        overlaps.truncate(self.options.limit);
        times.routing = millis_since(routing);
        let ((), explanation) = timed(|| {
            nwip_score::note_lineages(&mut overlaps);
            nwip_score::explain_prepared(
                &profile,
                &mut overlaps,
                &weights,
                &self.model,
                &self.analyzer,
            );
        });
        times.explanation = explanation;
        times.total = millis_since(started);
        Ok(Report {
            proposal: ProposalSummary {
                title: proposal.title.clone(),
                language: profile.language,
                committee: profile.committee.as_ref().map(|c| c.id.clone()),
                organisation: profile.organisation.clone(),
                purpose_left_out: !proposal.purpose.trim().is_empty()
                    && nwip_score::subject_purpose(proposal).is_empty(),
            },
            ranking: self.options.ranking.as_str(),
            overlaps,
            committees,
            liaisons: liaison_list,
            cross_check: cross,
            candidates: candidate_count,
            timings: self.options.timings.then_some(times),
        })
    }

    /// Runs only the retrieval stage (for calibration and diagnostics).
    pub fn retrieve(&self, proposal: &Proposal, exclude: &[String]) -> Result<Retrieved> {
        let searcher = self.index.searcher();
        let statistics = SearcherStatistics(&searcher);
        let weights = TermWeights::new(&statistics);
        self.retrieve_with(&searcher, &weights, proposal, exclude, &mut StageTimes::default())
    }

    /// Ranks retrieved candidates with `model` (for calibration).
    pub fn rank_with(&self, retrieved: Retrieved, model: &Model) -> Vec<Overlap> {
        let searcher = self.index.searcher();
        let statistics = SearcherStatistics(&searcher);
        let weights = TermWeights::new(&statistics);
        rank(&retrieved.profile, retrieved.candidates, &weights, model, &self.analyzer)
    }

    /// Returns the features of retrieved candidates, in candidate order (for calibration).
    pub fn features(&self, retrieved: &Retrieved) -> Vec<nwip_score::Features> {
        let searcher = self.index.searcher();
        let statistics = SearcherStatistics(&searcher);
        let weights = TermWeights::new(&statistics);
        nwip_score::featurize(&retrieved.profile, &retrieved.candidates, &weights, &self.analyzer)
            .into_iter()
            .map(|(features, _)| features)
            .collect()
    }

    fn retrieve_with(
        &self,
        searcher: &IndexSearcher,
        weights: &TermWeights,
        proposal: &Proposal,
        exclude: &[String],
        times: &mut StageTimes,
    ) -> Result<Retrieved> {
        if proposal.title.trim().is_empty()
            && proposal.scope.trim().is_empty()
            && proposal.purpose.trim().is_empty()
        {
            return Err(Error::EmptyProposal);
        }
        let analysis = std::time::Instant::now();
        let mut profile = Profile::from_proposal(proposal, &self.analyzer);
        let vectors = self.index.word_vectors()?;
        if let Some(vectors) = &vectors {
            profile.understand(Arc::clone(vectors));
        }
        if self.options.ranking == Ranking::Overlap {
            if self.options.bridge {
                profile.bridge(self.index.bridge()?, weights, &BridgeOptions::default());
                if let Some(vectors) = &vectors {
                    profile.drop_unlikely_transliterations(vectors, &self.analyzer);
                }
            }
            profile.add_spelling_variants(&self.analyzer, |term| {
                searcher.doc_freq(Language::English, term) > 0
            });
        }
        let (query, carried) = match self.options.ranking {
            Ranking::Overlap => text_queries(&profile, weights, self.options.selection),
            Ranking::Bm25 => (bm25_query(&profile), None),
        };
        times.analysis = millis_since(analysis);
        let (exclusion, excluding) = timed(|| searcher.exclusion(exclude));
        let exclusion = exclusion?;
        times.exclusion = excluding;
        // Who owns the proposal's field: routing weighs it with the committees of the records
        // the searches below find (the plain baseline routes by its records alone).
        let field_census = || -> Result<Vec<FieldOwners>> {
            Ok(match self.options.ranking {
                Ranking::Overlap if self.options.route => {
                    searcher.committees_filed_under(&profile.ics, &exclusion)?
                }
                _ => Vec::new(),
            })
        };
        // The records the proposal names (by identifier, by family) and its near-duplicates by
        // sketch.
        let look_up = || -> Result<(Vec<Hit>, Vec<Hit>, Vec<Hit>)> {
            let (mut by_identifier, mut by_family, mut by_sketch) = Default::default();
            if self.options.ranking != Ranking::Overlap {
                return Ok((by_identifier, by_family, by_sketch));
            }
            if !profile.mentioned_keys.is_empty() {
                by_identifier = searcher.find_keys(&profile.mentioned_keys, 50)?;
                by_family = searcher.find_families(&profile.mentioned_families, 50)?;
            }
            if let Some(sketch) = &profile.sketch {
                by_sketch = searcher.find_near_duplicates(sketch, 20)?;
            }
            Ok((by_identifier, by_family, by_sketch))
        };
        // The four searches, the census and the look-ups are independent: they run side by side.
        let text_search = || -> Result<Vec<Hit>> {
            // The text queries count documents, not records: the stage records and editions
            // of one document take one place.
            Ok(searcher.search_documents(
                &query,
                &Filter::default(),
                self.options.text_candidates,
                &exclusion,
            )?)
        };
        let carried_search = || -> Result<Vec<Hit>> {
            let Some(carried) = carried.as_ref().filter(|_| self.options.carried_candidates > 0)
            else {
                return Ok(Vec::new());
            };
            // Records with no title in the proposal's language compete among themselves: in
            // one query with the rest, the records that match in both languages would fill
            // every place.
            let filter = Filter { without_title_in: vec![profile.language], ..Filter::default() };
            Ok(searcher.search_documents(
                carried,
                &filter,
                self.options.carried_candidates,
                &exclusion,
            )?)
        };
        let plain_search = || -> Result<Vec<Hit>> {
            if self.options.ranking != Ranking::Overlap || self.options.plain_candidates == 0 {
                return Ok(Vec::new());
            }
            // The plain query (every word once, as written) finds a subject told in other
            // words that the distinctive terms above miss; its rank is a feature of its own.
            Ok(searcher.search_documents(
                &plain_query(&profile, weights, self.options.plain_terms),
                &Filter::default(),
                self.options.plain_candidates,
                &exclusion,
            )?)
        };
        let meaning_search = || -> Result<Vec<Located>> {
            let (Some(meaning), Ranking::Overlap) = (&profile.meaning, self.options.ranking) else {
                return Ok(Vec::new());
            };
            let count = self.options.meaning_candidates;
            let Some(meanings) = self.index.meanings()?.filter(|_| count > 0) else {
                return Ok(Vec::new());
            };
            // The nearest records, one per document, those left out of the check excepted:
            // located a few at a time, as the first `count` records mostly give enough. A
            // document published in many versions of one text (a W3C specification, a 3GPP
            // specification per release) fills many places with one meaning: the search then
            // widens until it has `count` documents or has looked [`MEANING_WIDENING`] times
            // as far.
            let mut kept: Vec<Located> = Vec::with_capacity(count);
            let (mut documents, mut seen) = (HashSet::new(), HashSet::new());
            let mut limit = count * 4;
            loop {
                let nearest = meanings.nearest(meaning.vector(), limit, |_| false);
                let ordinals: Vec<u64> = nearest
                    .iter()
                    .map(|(ordinal, _)| *ordinal)
                    .filter(|ordinal| seen.insert(*ordinal))
                    .collect();
                for chunk in ordinals.chunks(count) {
                    let wanted = count - kept.len();
                    kept.extend(
                        searcher
                            .locate(chunk)?
                            .into_iter()
                            .filter(|located| {
                                !exclusion.contains_ordinal(located.ordinal)
                                    && documents.insert(located.key.clone())
                            })
                            .take(wanted),
                    );
                    if kept.len() == count {
                        break;
                    }
                }
                let exhausted = nearest.len() < limit;
                if kept.len() == count || exhausted || limit >= count * 4 * MEANING_WIDENING {
                    break;
                }
                limit *= 4;
            }
            Ok(kept)
        };
        // Longest first: one core takes the text search, the other the search by meaning, and
        // each then takes the next task left (rayon's work stealing), so that the two finish
        // together whichever search runs long.
        let searches = std::time::Instant::now();
        let rest = || {
            rayon::join(
                || timed(plain_search),
                || {
                    rayon::join(
                        || timed(carried_search),
                        || rayon::join(|| timed(field_census), || timed(look_up)),
                    )
                },
            )
        };
        let ((text_hits, text_ms), ((nearest, meaning_ms), (plain, (carried, (fields, lookups))))) =
            rayon::join(|| timed(text_search), || rayon::join(|| timed(meaning_search), rest));
        times.searches = millis_since(searches);
        let ((plain, plain_ms), (carried_hits, carried_ms)) = (plain, carried);
        let ((fields, census_ms), (lookups, lookup_ms)) = (fields, lookups);
        // The text search's time is that of both text queries, the proposal's and the carried.
        (times.text_search, times.plain_search, times.meaning_search) =
            (text_ms + carried_ms, plain_ms, meaning_ms);
        (times.field_census, times.look_ups) = (census_ms, lookup_ms);
        let merging = std::time::Instant::now();
        let fields = fields?;
        let (text_hits, carried_hits) = (text_hits?, carried_hits?);
        let mut pool = Pool::new(&exclusion);
        // Each record is scored in its best language only; the carried hits take the rank they
        // would have in one list with the others.
        // Ranks are shared by ties: two records with the same text (a twin under another
        // organisation's number) are found equally well, whichever the engine lists first.
        let scores: Vec<f32> = text_hits.iter().map(|hit| hit.score).collect();
        let ranks = tied_ranks(&scores);
        for (hit, rank) in text_hits.into_iter().zip(ranks) {
            let signals =
                Signals { text_score: hit.score, text_rank: Some(rank), ..Signals::default() };
            pool.add(hit, signals);
        }
        let carried_scores: Vec<f32> = carried_hits.iter().map(|hit| hit.score).collect();
        for (hit, rank) in carried_hits.into_iter().zip(tied_ranks(&carried_scores)) {
            let above = scores.iter().filter(|score| **score > hit.score).count();
            let signals = Signals {
                text_score: hit.score,
                text_rank: Some(above + rank),
                carried: true,
                ..Signals::default()
            };
            pool.add(hit, signals);
        }
        let plain_hits = plain?;
        let plain_scores: Vec<f32> = plain_hits.iter().map(|hit| hit.score).collect();
        for (hit, rank) in plain_hits.into_iter().zip(tied_ranks(&plain_scores)) {
            pool.add(hit, Signals { plain_rank: Some(rank), ..Signals::default() });
        }
        // The records nearest in meaning, one per document: a subject told in other words or
        // another language that no term query finds. Only those not found already are decoded.
        let (mut unfound, mut unfound_signals) = (Vec::new(), Vec::new());
        for (rank, located) in nearest?.into_iter().enumerate() {
            let signals = Signals { meaning_rank: Some(rank), ..Signals::default() };
            if !pool.merge(located.ordinal, signals) {
                unfound.push(located);
                unfound_signals.push(signals);
            }
        }
        for (hit, signals) in searcher.load_all(&unfound)?.into_iter().zip(unfound_signals) {
            pool.add(hit, signals);
        }
        let (by_identifier, by_family, by_sketch) = lookups?;
        for hit in by_identifier {
            pool.add(hit, Signals { by_identifier: true, ..Signals::default() });
        }
        for hit in by_family {
            let by_family = profile.mentioned_families.contains(&family_key(&hit.record.id));
            pool.add(hit, Signals { by_family, ..Signals::default() });
        }
        for hit in by_sketch {
            pool.add(hit, Signals { by_sketch: true, ..Signals::default() });
        }
        let mut ordinals = vec![0; pool.candidates.len()];
        for (&ordinal, &position) in &pool.positions {
            ordinals[position] = ordinal;
        }
        let mut candidates = pool.candidates;
        // A record only the carried query found, on one translated word, is not a candidate.
        let thin = nwip_score::thinly_carried(&profile, &candidates, weights, &self.analyzer);
        if thin.contains(&true) {
            (candidates, ordinals) = candidates
                .into_iter()
                .zip(ordinals)
                .zip(thin)
                .filter_map(|(kept, thin)| (!thin).then_some(kept))
                .unzip();
        }
        if let (Some(meaning), Some(meanings)) = (&profile.meaning, self.index.meanings()?) {
            if let Some(cosines) = meanings.whitened_cosines(meaning.vector(), &ordinals) {
                for (candidate, cosine) in candidates.iter_mut().zip(cosines) {
                    candidate.signals.whitened_meaning = Some(cosine);
                }
            }
        }
        attach_documents(searcher, &mut candidates, &exclusion)?;
        times.candidates = millis_since(merging);
        Ok(Retrieved { profile, candidates, fields })
    }
}

/// The candidates of one check, one per record, with the signals of every search that found it.
struct Pool<'a> {
    candidates: Vec<Candidate>,
    positions: HashMap<u64, usize>,
    exclusion: &'a Exclusion,
}

impl<'a> Pool<'a> {
    fn new(exclusion: &'a Exclusion) -> Pool<'a> {
        Pool { candidates: Vec::new(), positions: HashMap::new(), exclusion }
    }

    /// Adds a record found by a search, or merges what the search says into its candidate.
    fn add(&mut self, hit: Hit, signals: Signals) {
        if self.exclusion.contains(&hit) || self.merge(hit.ordinal, signals) {
            return;
        }
        self.positions.insert(hit.ordinal, self.candidates.len());
        self.candidates.push(Candidate::new(hit.record, signals));
    }

    /// Merges a search's signals into the candidate of record `ordinal`; false when the record
    /// is not a candidate yet.
    fn merge(&mut self, ordinal: u64, signals: Signals) -> bool {
        let Some(&position) = self.positions.get(&ordinal) else { return false };
        let existing = &mut self.candidates[position].signals;
        existing.by_identifier |= signals.by_identifier;
        existing.by_family |= signals.by_family;
        existing.by_sketch |= signals.by_sketch;
        existing.plain_rank = existing.plain_rank.or(signals.plain_rank);
        existing.meaning_rank = existing.meaning_rank.or(signals.meaning_rank);
        true
    }
}

/// Looks up the document of every candidate (all its records, its state, its current edition and
/// project), attaches it, and adds the current edition and the project under way of each document
/// as candidates when the retrieval found another of its records: a document competes with its
/// best record, and an old edition or a stage record must not stand for it alone.
fn attach_documents(
    searcher: &IndexSearcher,
    candidates: &mut Vec<Candidate>,
    exclusion: &Exclusion,
) -> Result<()> {
    let mut keys: Vec<String> = Vec::new();
    for candidate in candidates.iter() {
        if !candidate.record.document.is_empty() && !keys.contains(&candidate.record.document) {
            keys.push(candidate.record.document.clone());
        }
    }
    // The records left out are not there for the check: an evaluation's revision must not be
    // superseded by the edition it later became.
    let documents: HashMap<String, Arc<DocumentSummary>> = searcher
        .documents(&keys)?
        .into_iter()
        .map(|summary| {
            if summary.members.iter().any(|member| exclusion.contains_id(&member.id)) {
                let members = summary
                    .members
                    .iter()
                    .filter(|member| !exclusion.contains_id(&member.id))
                    .cloned()
                    .collect();
                let left = DocumentSummary::from_members(summary.key.clone(), members);
                return (summary.key.clone(), Arc::new(left));
            }
            (summary.key.clone(), summary)
        })
        .collect();
    let present: HashSet<String> = candidates.iter().map(|c| c.record.id.clone()).collect();
    let mut wanted: Vec<String> = Vec::new();
    // Where a representative comes from: the candidate of its document that was found.
    let mut found_through: HashMap<String, usize> = HashMap::new();
    for (position, candidate) in candidates.iter().enumerate() {
        let Some(document) = documents.get(&candidate.record.document) else { continue };
        for id in [&document.current, &document.project].into_iter().flatten() {
            if present.contains(id) || exclusion.contains_id(id) || wanted.contains(id) {
                continue;
            }
            wanted.push(id.clone());
            found_through.insert(id.clone(), position);
        }
    }
    if !wanted.is_empty() {
        let mut seen: HashSet<String> = HashSet::new();
        for hit in searcher.by_ids(&wanted)? {
            if exclusion.contains(&hit) || !seen.insert(hit.record.id.clone()) {
                continue;
            }
            let Some(&position) = found_through.get(&hit.record.id) else { continue };
            let source = &candidates[position];
            // Found through its document: it inherits how the document was found, and a record
            // without an abstract of its own is read with its document's.
            let signals = source.signals;
            let mut record = hit.record;
            if record.abstracts.is_empty() {
                record.abstracts = source.record.abstracts.clone();
            }
            candidates.push(Candidate::new(record, signals));
        }
    }
    // Retrieval is of documents: every record of a document found by text carries how the
    // document was found (a record found by an identifier or a sketch too).
    let mut found_by_text: HashMap<String, Signals> = HashMap::new();
    // The document's best text signals, whatever the order of its records: the proposal's own
    // query before the carried one, then the better score.
    let better = |a: &Signals, b: &Signals| (!a.carried, a.text_score) > (!b.carried, b.text_score);
    for candidate in candidates.iter() {
        if candidate.signals.text_rank.is_some() {
            let entry =
                found_by_text.entry(candidate.record.document.clone()).or_insert(candidate.signals);
            if better(&candidate.signals, entry) {
                *entry = candidate.signals;
            }
        }
    }
    let mut found_plainly: HashMap<String, usize> = HashMap::new();
    for candidate in candidates.iter() {
        if let Some(rank) = candidate.signals.plain_rank {
            let best = found_plainly.entry(candidate.record.document.clone()).or_insert(rank);
            *best = (*best).min(rank);
        }
    }
    for candidate in candidates.iter_mut() {
        candidate.document = documents.get(&candidate.record.document).cloned();
        if candidate.signals.text_rank.is_none() {
            if let Some(signals) = found_by_text.get(&candidate.record.document) {
                candidate.signals.text_score = signals.text_score;
                candidate.signals.text_rank = signals.text_rank;
                candidate.signals.carried = signals.carried;
            }
        }
        if let Some(&rank) = found_plainly.get(&candidate.record.document) {
            candidate.signals.plain_rank = Some(rank);
        }
    }
    Ok(())
}

/// The overlap model's text queries: the proposal's terms in its language (its own, and its
/// title's carried over when that is written in another) over every record; and, when it has
/// terms in other languages (carried over by the bridge, or a title written in another), those
/// over the records that have no title in its language.
fn text_queries(
    profile: &Profile,
    weights: &TermWeights,
    selection: QuerySelection,
) -> (TextQuery, Option<TextQuery>) {
    let terms = profile.query_terms(weights, selection);
    let to_query = |term: &nwip_score::WeightedTerm| QueryTerm {
        language: term.language,
        term: term.term.clone(),
        weight: term.weight,
        // English terms carried into French or Russian look for records titled only in those
        // languages; their abstracts add cost, not recall.
        title_only: term.carried_from == Some(Language::English),
    };
    let (own, other): (Vec<_>, Vec<_>) =
        terms.iter().partition(|term| term.language == profile.language);
    let main = TextQuery { terms: own.into_iter().map(to_query).collect(), title_boost: 2.0 };
    if other.is_empty() {
        return (main, None);
    }
    let other = TextQuery { terms: other.into_iter().map(to_query).collect(), title_boost: 2.0 };
    (main, Some(other))
}

/// The baseline query: every distinct term of the proposal's text once, title and abstract fields
/// weighted alike.
fn bm25_query(profile: &Profile) -> TextQuery {
    let mut terms: Vec<QueryTerm> = Vec::new();
    let parts = profile.parts();
    for (term, language) in parts.iter().flat_map(|(terms, l)| terms.iter().map(move |t| (t, *l))) {
        if !terms.iter().any(|t| &t.term == term && t.language == language) {
            terms.push(QueryTerm { language, term: term.clone(), weight: 1.0, title_only: false });
        }
    }
    TextQuery { terms, title_boost: 1.0 }
}

/// How many times further than its first look the search by meaning looks for documents when
/// a few documents' many versions fill the nearest records (see `retrieve_with`).
const MEANING_WIDENING: usize = 16;

/// Records a word of the plain query may be found in, at most, as a share of all records (the
/// share the text query's scope terms obey by default).
///
/// The words of most records ("requirements", "method", "systems") rank the plain query's
/// results little and cost it the most: block-WAND cannot skip their long posting lists. Leaving
/// out those in more than a twentieth of the records made the checks of the evaluation sets a
/// fifth faster (`nwip eval` medians: revision queries 106 → 88 ms, committee queries 113 → 84
/// ms, both on two cores) and moved one reworded proposal's document from first to second
/// (reworded MRR@10 .774 → .769; revisions .950 → .951 R@1, committees .948 → .949 acc@3).
const PLAIN_MAX_SHARE: f32 = 0.05;

/// Words of the plain query at most: the rarest of a long proposal's.
///
/// Each word is two of block-WAND's scorers, and the long proposals' queries (a tenth of the
/// evaluation queries have more than 60 words left after [`PLAIN_MAX_SHARE`]) cost the most:
/// keeping the 40 rarest halved the plain query's time (`nwip eval` of the paraphrase, revision
/// and committee sets, one thread: 21.1 → 10.2 ms a check, with the text query's 32 body terms)
/// with the same figures; 24 (and 24 body terms) cost the reworded proposals' MRR@10 .02.
const PLAIN_MAX_TERMS: usize = 40;

/// The plain query of a check: [`bm25_query`] without the words in more than
/// [`PLAIN_MAX_SHARE`] of the records nor those in none, and of the rest the `max_terms`
/// rarest ([`PLAIN_MAX_TERMS`] in a check).
fn plain_query(profile: &Profile, weights: &TermWeights, max_terms: usize) -> TextQuery {
    let floor = TermWeights::weight_at_share(PLAIN_MAX_SHARE);
    let mut query = bm25_query(profile);
    let mut rare: Vec<(usize, f32, QueryTerm)> = query
        .terms
        .into_iter()
        .enumerate()
        .map(|(position, term)| (position, weights.weight(term.language, &term.term), term))
        // Words no record has match nothing: they would take the rare words' places.
        .filter(|(_, weight, term)| *weight >= floor && weights.is_known(term.language, &term.term))
        .collect();
    if rare.len() > max_terms {
        // Of equally rare words the first written stay (a stable sort), and the kept words
        // stay in the proposal's order.
        rare.sort_by(|a, b| b.1.total_cmp(&a.1));
        rare.truncate(max_terms);
        rare.sort_by_key(|(position, _, _)| *position);
    }
    query.terms = rare.into_iter().map(|(_, _, term)| term).collect();
    query
}

impl Engine {
    /// Returns a copy of this engine (same index and model) that checks a scan's items as
    /// `scan` says: `text_candidates` records per item with the scope terms `query_selection`
    /// picks, the plain query's `plain_query_terms` rarest words, and up to `per_item_limit`
    /// overlaps scoring at least `min_score`, without routing.
    pub(crate) fn for_scan(&self, scan: &crate::scan::ScanOptions) -> Engine {
        let mut options = (*self.options).clone();
        options.text_candidates = scan.text_candidates.max(1);
        // The model reads the plain query's rank (`plain_rank`): a scan runs it too, with as
        // few candidates as its text query (a whole-programme scan costs several times more).
        options.plain_candidates = options.text_candidates;
        // The search by meaning adds to every item an exact scan of all records' meanings and a
        // pass over the ordinal column: the scan of the 11,115 items under development (395 s
        // without it) had not finished after 45 minutes with it, on a machine shared with a
        // test run. Scans rank by meaning only the candidates their queries find.
        options.meaning_candidates = 0;
        options.limit = scan.per_item_limit.max(1);
        // A scan keeps the overlaps from its own `min_score` and no routing: the explanation of
        // the weaker overlaps and the committees and liaisons of each item were a sixth of a
        // scan's time (perf).
        options.min_score = scan.min_score;
        options.route = false;
        options.selection = scan.query_selection;
        options.plain_terms = scan.plain_query_terms.max(1);
        Engine { options: Arc::new(options), ..self.clone() }
    }
}

impl Engine {
    /// Returns a copy of this engine (same open index and analyzer, the same model unless
    /// `builder` sets one) with the options of `builder`: per-request options of a server that
    /// keeps one engine open.
    ///
    /// ```
    /// # let records = vec![nwip::corpus::Record::from_relaton_json(
    /// #     r#"{"docid":[{"id":"ISO 1:2000","type":"ISO","primary":true}],"title":[{"content":"Pumps","language":"en"}]}"#).unwrap()];
    /// let engine = nwip::Engine::from_records(records)?;
    /// let narrow = engine.reconfigured(nwip::Engine::builder().limit(1).home_org(Some("IEC".into())));
    /// let proposal = nwip::Proposal::from_text("Pumps")?;
    /// assert!(narrow.check(&proposal)?.overlaps().len() <= 1);
    /// # Ok::<(), nwip::Error>(())
    /// ```
    pub fn reconfigured(&self, builder: EngineBuilder) -> Engine {
        Engine {
            index: self.index.clone(),
            options: Arc::new(builder.options),
            model: builder
                .model
                .map_or_else(|| self.model.clone(), |model| PreparedModel::new(Arc::new(model))),
            analyzer: Arc::clone(&self.analyzer),
        }
    }
}
