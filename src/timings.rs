//! Where a check spends its time: the wall-clock milliseconds of each of its stages, kept when
//! an engine is built with [`EngineBuilder::timings`](crate::EngineBuilder::timings)
//! (`nwip check --timings`, `nwip eval --timings`).

use serde::Serialize;

/// Milliseconds one check spent in each stage.
///
/// The five searches run side by side on the engine's threads: each one's time is its own, and
/// `searches` is the wall time of them all (less than their sum on two cores or more). The other
/// stages run one after another, so `total` is about `analysis + exclusion + searches +
/// candidates + ranking + routing + explanation`.
///
/// ```
/// use nwip::StageTimes;
/// let fast = StageTimes { ranking: 2.0, total: 8.0, ..StageTimes::default() };
/// let slow = StageTimes { ranking: 4.0, total: 12.0, ..StageTimes::default() };
/// let median = StageTimes::median(&[fast, slow, slow]);
/// assert_eq!((median.ranking, median.total), (4.0, 12.0));
/// assert_eq!(median.rows()[0].0, "analysis");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct StageTimes {
    /// Reading the proposal: its terms, meaning, translations and spelling variants.
    pub analysis: f64,
    /// Finding the records a check leaves out (an evaluation's or a scan's own).
    pub exclusion: f64,
    /// The text queries (the proposal's terms, and those carried into other languages): the
    /// sum of the two, which run side by side, so it may exceed [`StageTimes::searches`].
    pub text_search: f64,
    /// The plain query (every word as written).
    pub plain_search: f64,
    /// The search by meaning (sign codes, then full meanings).
    pub meaning_search: f64,
    /// The census of the committees owning the proposal's ICS codes.
    pub field_census: f64,
    /// The records the proposal names and its near-duplicates by sketch.
    pub look_ups: f64,
    /// The five searches above, side by side: their wall time.
    pub searches: f64,
    /// Merging the searches' records, decoding them and reading their documents.
    pub candidates: f64,
    /// Computing every candidate's features and scoring them.
    pub ranking: f64,
    /// One line per document, committees, liaisons and the cross-check.
    pub routing: f64,
    /// The listed lines' lineage notes and evidence.
    pub explanation: f64,
    /// The whole check.
    pub total: f64,
}

/// Each stage's name (as in JSON) and its field, in the order a check runs them.
type Stage = (&'static str, fn(&mut StageTimes) -> &mut f64);

const STAGES: [Stage; 13] = [
    ("analysis", |t| &mut t.analysis),
    ("exclusion", |t| &mut t.exclusion),
    ("text_search", |t| &mut t.text_search),
    ("plain_search", |t| &mut t.plain_search),
    ("meaning_search", |t| &mut t.meaning_search),
    ("field_census", |t| &mut t.field_census),
    ("look_ups", |t| &mut t.look_ups),
    ("searches", |t| &mut t.searches),
    ("candidates", |t| &mut t.candidates),
    ("ranking", |t| &mut t.ranking),
    ("routing", |t| &mut t.routing),
    ("explanation", |t| &mut t.explanation),
    ("total", |t| &mut t.total),
];

impl StageTimes {
    /// Each stage's name (as in JSON) and milliseconds, in the order a check runs them.
    pub fn rows(&self) -> [(&'static str, f64); 13] {
        let mut times = *self;
        STAGES.map(|(name, field)| (name, *field(&mut times)))
    }

    /// Each stage's median over `times` (the upper one of an even count; zeros when empty).
    pub fn median(times: &[StageTimes]) -> StageTimes {
        let mut middle = StageTimes::default();
        for (_, field) in STAGES {
            *field(&mut middle) = median(times.iter().map(|&(mut t)| *field(&mut t)).collect());
        }
        middle
    }
}

/// The median of `values` (the upper one of an even count; 0 when empty).
pub(crate) fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(0.0)
}

/// Milliseconds since `started`.
pub(crate) fn millis_since(started: std::time::Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// Runs `stage` and returns what it gives with its milliseconds.
pub(crate) fn timed<T>(stage: impl FnOnce() -> T) -> (T, f64) {
    let started = std::time::Instant::now();
    let value = stage();
    (value, millis_since(started))
}
