//! Command-line flags (clap derive). The doc comments are the help.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// nwip: find duplicate work in standards development.
///
/// Checks a new work item proposal against existing standards and the work programmes of ISO, IEC,
/// ITU, IEEE, ETSI, W3C and partner organisations: which records overlap, how much, what kind of
/// overlap, why, which committee owns the subject and whom to liaise with.
///
/// Examples:
///   nwip index ../shared/corpus
///   nwip check corpus/proposals/ev-battery-state-of-health.md
///   nwip check proposal.json --format json --fail-on same-subject
///   nwip stats --format json
///   nwip scan --under-development --org ISO --format html --out scan.html
///   nwip serve --bind 127.0.0.1:8080
///   nwip eval ../shared/eval/revisions.jsonl ../shared/eval/committee.jsonl
#[derive(Debug, Parser)]
#[command(name = "nwip", version, verbatim_doc_comment)]
pub(crate) struct Cli {
    /// Index directory [default: $NWIP_INDEX, else ./nwip-index]
    #[arg(
        long,
        global = true,
        env = "NWIP_INDEX",
        default_value = "nwip-index",
        hide_env_values = true
    )]
    pub(crate) index: PathBuf,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Import record files and build the index (built aside, then swapped in).
    ///
    /// Reads Relaton JSON lines (.jsonl, .jsonl.gz), JSON (.json) and YAML (.yaml, .yml) files, or
    /// directories of them. Bad records are reported with file, line and field, and skipped.
    ///
    /// With --update, the index is changed in place instead: the records of the files are added
    /// or replace those with the same primary identifier, the identifiers of --remove files are
    /// removed. Rebuild from the whole corpus now and then: the bilingual term table learns only
    /// at a full build (`nwip stats` counts the records changed since).
    ///
    /// Examples:
    ///   nwip index ../shared/corpus
    ///   nwip index --update changes-2026-12-01.jsonl --remove deleted-2026-12-01.txt
    #[command(verbatim_doc_comment)]
    Index(IndexArgs),
    /// Check a proposal against the index.
    ///
    /// The proposal is Markdown shaped like ISO Form 4, a Word form (.docx: ISO Form 4, IEC NP,
    /// IEEE PAR), JSON, or plain text (first line = title).
    ///
    /// Examples:
    ///   nwip check corpus/proposals/ev-battery-state-of-health.md
    ///   nwip check proposal.json --format json
    ///   nwip check draft.md --fail-on same-subject   # exit 1 if a duplicate is found
    #[command(verbatim_doc_comment)]
    Check(CheckArgs),
    /// Show what the index holds: records per organisation and state, sources, format.
    ///
    /// Example: nwip stats --format json
    Stats(StatsArgs),
    /// Run evaluation sets (../shared/eval format) and print recall@1, recall@10, MRR@10 and
    /// committee accuracy.
    ///
    /// Example: nwip eval ../shared/eval/revisions.jsonl --format json
    Eval(EvalArgs),
    /// Fit the overlap model on labelled evaluation sets and write it as JSON.
    ///
    /// Reports cross-validated recall and MRR (overall and per set) and a reliability table. The
    /// shipped model is the output of (the twin sets derived with `nwip devset`; the model before
    /// leads kept from commit 882c51a, lead trees fitted on its log-odds; the project's own
    /// reworded proposals in corpus/eval):
    ///   nwip devset --from fr --to en --sample 500 > fr-en.jsonl
    ///   nwip devset --from en --to fr --sample 500 > en-fr.jsonl
    ///   nwip devset --from ru --to ru --sample 500 > ru-ru.jsonl
    ///   git show 882c51a:crates/nwip-score/model.json > base-model.json
    ///   nwip calibrate ../shared/eval/revisions.jsonl fr-en.jsonl en-fr.jsonl ru-ru.jsonl \
    ///       ../shared/eval/paraphrase.jsonl corpus/eval/reworded-fit.jsonl \
    ///       --base base-model.json --out crates/nwip-score/model.json
    #[command(verbatim_doc_comment)]
    Calibrate(CalibrateArgs),
    /// Write a cross-lingual development set derived from the index (JSON lines, eval format).
    ///
    /// Each query is one record's text in --from; its relevant records are the same document's
    /// twins that have text in --to and none in --from (other editions, IEC or ITU-T records of
    /// an ISO/IEC text, adoptions); the record itself and twins with --from text are excluded.
    ///
    /// Example:
    ///   nwip devset --from fr --to en --sample 500 > fr-en.jsonl
    ///   nwip eval fr-en.jsonl --no-bridge && nwip eval fr-en.jsonl
    #[command(verbatim_doc_comment)]
    Devset(DevsetArgs),
    /// Scan a work programme: every item against the index, overlaps in other organisations and
    /// in published work, clusters of same-subject work, possible forum shopping.
    ///
    /// Items come from FILEs (proposals: .md, .txt, .json, JSON lines of proposals; records:
    /// .jsonl, .jsonl.gz, .json, .yaml) or from the index (--under-development, --org,
    /// --committee). --near-duplicates runs the whole-corpus near-duplicate self-join instead.
    /// JSON lines and CSV are written as findings are found; HTML at the end.
    ///
    /// Examples:
    ///   nwip scan programme.jsonl
    ///   nwip scan --under-development --org ISO --org IEEE --format csv --out scan.csv
    ///   nwip scan --under-development --committee "ISO/TC 22" --format html --out tc22.html
    ///   nwip scan --near-duplicates --threshold 0.9 --out near-duplicates.jsonl
    #[command(verbatim_doc_comment)]
    Scan(ScanArgs),
    /// Serve the check page and the HTTP API: one process, the index opened once.
    ///
    /// The page (paste a draft or upload a .docx, .md, .txt or .json file) is at the root; the
    /// API under /api (POST /api/check, GET /api/records/{id}, GET /api/stats, POST /api/scan,
    /// GET /api/openapi.json). Listens on localhost unless --bind says otherwise. A new index
    /// swapped in by `nwip index` is picked up without a restart (checked every 2 s, or at once
    /// on SIGHUP); requests in flight finish on the old one. Ctrl-C or SIGTERM stops it after
    /// the requests in flight.
    ///
    /// Examples:
    ///   nwip serve --bind 127.0.0.1:8080
    ///   nwip --index /srv/nwip-index serve --bind 0.0.0.0:8080
    ///   curl -s -H 'content-type: application/json' -d '{"title": "Battery swapping"}' \
    ///        'http://127.0.0.1:8080/api/check?limit=5'
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),
}

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// Address and port to listen on (use 0.0.0.0:PORT to accept other machines; port 0 picks a
    /// free one)
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR:PORT")]
    pub(crate) bind: std::net::SocketAddr,
    /// Largest request body in MiB (uploaded files included)
    #[arg(long, default_value_t = 10, value_name = "MIB")]
    pub(crate) max_body_mib: usize,
    /// Seconds a request may take before it is answered 503
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub(crate) timeout: u64,
    /// Most proposals one POST /api/scan may hold
    #[arg(long, default_value_t = 500)]
    pub(crate) max_scan_items: usize,
}

#[derive(Debug, clap::Args)]
pub(crate) struct ScanArgs {
    /// Files of proposals or records to scan
    #[arg(value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,
    /// Select every record under development (or proposed) in the index
    #[arg(long)]
    pub(crate) under_development: bool,
    /// Select (or keep) only this organisation's items; repeatable
    #[arg(long = "org", value_name = "ORG")]
    pub(crate) orgs: Vec<String>,
    /// Select (or keep) only this committee's items, subcommittees included ("ISO/TC 22")
    #[arg(long, value_name = "C")]
    pub(crate) committee: Option<String>,
    /// Find near-duplicate pairs across the whole index (LSH self-join) instead of scanning items
    #[arg(long, conflicts_with = "files")]
    pub(crate) near_duplicates: bool,
    /// Smallest text similarity of a near-duplicate pair (0 to 1)
    #[arg(long, default_value_t = 0.8, value_parser = unit_interval, allow_negative_numbers = true)]
    pub(crate) threshold: f32,
    /// Smallest score of a reported overlap (0 to 1; from .8 nine in ten are the same document)
    #[arg(long, default_value_t = 0.8, value_parser = unit_interval, allow_negative_numbers = true)]
    pub(crate) min_score: f32,
    /// Smallest score of an overlap that joins a cluster (0 to 1)
    #[arg(long, default_value_t = 0.8, value_parser = unit_interval, allow_negative_numbers = true)]
    pub(crate) cluster_score: f32,
    /// Records retrieved per item before re-ranking (1 to 1000; check uses 100)
    #[arg(long, default_value_t = 10, value_parser = count(1, MAX_CANDIDATES))]
    pub(crate) candidates: usize,
    /// Characters of each item's scope used in its query (0 = all)
    #[arg(long, default_value_t = 200, value_parser = count(0, 1_000_000))]
    pub(crate) scope_chars: usize,
    /// Output format
    #[arg(long, value_enum, default_value_t = ScanFormat::Jsonl)]
    pub(crate) format: ScanFormat,
    /// Write the output to this file instead of standard output
    #[arg(long, short, value_name = "PATH")]
    pub(crate) out: Option<PathBuf>,
    /// Clusters shown in the HTML report (1 to 10000)
    #[arg(long, default_value_t = 50, value_parser = count(1, 10_000))]
    pub(crate) top: usize,
    /// No progress bar and no summary on standard error
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

/// Output formats of a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ScanFormat {
    /// JSON lines, one finding per line, written as found
    Jsonl,
    /// CSV with a header row, one finding per row, written as found
    Csv,
    /// A self-contained HTML report: top clusters and overlap matrices
    Html,
}

#[derive(Debug, clap::Args)]
pub(crate) struct DevsetArgs {
    /// Language of the queries (en, fr, ru)
    #[arg(long, default_value = "fr")]
    pub(crate) from: String,
    /// Language of the records to find (en, fr, ru; the same as --from for a same-language set)
    #[arg(long, default_value = "en")]
    pub(crate) to: String,
    /// Number of queries (deterministic sample)
    #[arg(long, default_value_t = 500, value_parser = count(1, 1_000_000))]
    pub(crate) sample: usize,
    /// Mixed-language queries: the title in --from over the record's own scope in --to (the same
    /// as --kind mixed)
    #[arg(long)]
    pub(crate) mixed: bool,
    /// What the set asks: find twins in another language (cross-lingual, mixed), find a
    /// document's title-only records from one of its abstracts (scope), find the same text under
    /// another organisation's number (twin)
    #[arg(long, value_enum, default_value_t = DevsetKind::CrossLingual)]
    pub(crate) kind: DevsetKind,
    /// Write the queries with their relevant documents excluded too: proposals with no
    /// duplicate, for calibration
    #[arg(long)]
    pub(crate) novel: bool,
}

/// Kinds of derived development sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DevsetKind {
    /// A record's title (and abstract) in --from against twins with text only in --to
    CrossLingual,
    /// A title in --from over the record's scope in --to
    Mixed,
    /// A record's abstract read as a proposal against its document's title-only records
    Scope,
    /// A record's text against the same text under another organisation's number
    Twin,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CalibrateArgs {
    /// Evaluation files with `relevant` ids
    #[arg(required = true)]
    pub(crate) sets: Vec<PathBuf>,
    /// Where to write the model
    #[arg(long)]
    pub(crate) out: PathBuf,
    /// Cross-validation folds (2 to 100)
    #[arg(long, default_value_t = 5, value_parser = count(2, 100))]
    pub(crate) folds: usize,
    /// L2 penalty on the weights (and on the leaf values of trees, with --trees), 0 or more
    #[arg(long, default_value_t = 1.0, value_parser = non_negative, allow_negative_numbers = true)]
    pub(crate) lambda: f64,
    /// Boosted trees on the log-odds (0 to 5000; 0 fits a logistic regression instead)
    #[arg(long, default_value_t = 400, value_parser = count(0, 5000))]
    pub(crate) trees: usize,
    /// Largest depth of a tree (1 to 10)
    #[arg(long, default_value_t = 4, value_parser = count(1, 10))]
    pub(crate) depth: usize,
    /// Also write every labelled pair (set, query, record, document, label, weight, features) to
    /// this file as JSON lines, to study the model outside nwip
    #[arg(long, value_name = "FILE")]
    pub(crate) pairs: Option<PathBuf>,
    /// Keep this model (JSON, as `--out` writes it; one fitted on fewer features is extended
    /// with them at weight 0) and fit on its log-odds only the lead trees when it has none (an
    /// index too small for leads then scores exactly as with it) and, with --filed, the filed
    /// trees (a proposal that names no committee then scores exactly as with it)
    #[arg(long, value_name = "FILE")]
    pub(crate) base: Option<PathBuf>,
    /// An evaluation file whose queries are also fitted as proposals with no duplicate (every
    /// record of their relevant documents left out, all candidates negative), as a set of its
    /// own; repeatable
    #[arg(long, value_name = "FILE")]
    pub(crate) novel: Vec<PathBuf>,
    /// An evaluation file whose queries are also fitted as proposals filed with the committee
    /// that owns their document, with its ICS codes (where a query names none), as a set of its
    /// own; repeatable. The model and its lead trees are fitted without these copies; trees of
    /// their own, applied only to proposals that name their committee, are fitted on them and
    /// the other such proposals (the revisions)
    #[arg(long, value_name = "FILE")]
    pub(crate) filed: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct IndexArgs {
    /// Record files or directories to import
    #[arg(required_unless_present = "remove")]
    pub(crate) inputs: Vec<PathBuf>,
    /// Update the index in place instead of rebuilding it: add the records of the files, replace
    /// the indexed records that have the same primary identifier, remove those listed with
    /// --remove; published at once, like a build (readers see the index before or after)
    #[arg(long)]
    pub(crate) update: bool,
    /// With --update: a file of primary identifiers to remove, one a line (lines starting with
    /// `#` are comments); repeatable
    #[arg(long, value_name = "FILE", requires = "update")]
    pub(crate) remove: Vec<PathBuf>,
    /// Indexing threads (1 to 256) [default: all cores]
    #[arg(long, value_parser = count(1, 256))]
    pub(crate) threads: Option<usize>,
    /// Index the records read before a break in a damaged file (a cut-off or corrupt gzip
    /// stream, a read error) instead of stopping; the break is reported as a skipped line
    #[arg(long)]
    pub(crate) keep_going: bool,
    /// Print nothing but errors
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Output format of the summary
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    /// Proposal file (.md, .docx, .json, .txt); `-` reads standard input
    pub(crate) proposal: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// How many overlaps to list (1 to 1000)
    #[arg(long, default_value_t = 10, value_parser = count(1, MAX_CANDIDATES))]
    pub(crate) limit: usize,
    /// Hide overlaps scoring below this (0 to 1)
    #[arg(long, default_value_t = 0.0, value_parser = unit_interval, allow_negative_numbers = true)]
    pub(crate) min_score: f32,
    /// Ranking: the calibrated overlap model, or plain BM25 (the baseline)
    #[arg(long, value_enum, default_value_t = RankingArg::Overlap)]
    pub(crate) ranking: RankingArg,
    /// Exit 1 when an overlap of this kind or a more severe one scores at least --fail-score
    /// (same-subject > revision-of = partial > adoption-of > related)
    #[arg(long, value_name = "KIND")]
    pub(crate) fail_on: Option<String>,
    /// The score from which --fail-on counts an overlap (0 to 1): lower stops more reworded
    /// duplicates and more proposals that duplicate nothing (`nwip eval` prints both shares)
    #[arg(long, default_value_t = 0.5, value_parser = unit_interval, requires = "fail_on")]
    pub(crate) fail_score: f32,
    /// Do not carry the proposal into other languages (match in its own language only)
    #[arg(long)]
    pub(crate) no_bridge: bool,
    /// Also say how many milliseconds each stage of the check took (on standard error; in the
    /// report with --format json)
    #[arg(long)]
    pub(crate) timings: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct StatsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
}

#[derive(Debug, clap::Args)]
pub(crate) struct EvalArgs {
    /// Evaluation files (JSON lines, ../shared/eval format)
    #[arg(required = true)]
    pub(crate) sets: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Ranking to evaluate
    #[arg(long, value_enum, default_value_t = RankingArg::Overlap)]
    pub(crate) ranking: RankingArg,
    /// Do not carry proposals into other languages (the same-language baseline)
    #[arg(long)]
    pub(crate) no_bridge: bool,
    /// Also write every query's outcome (set, qid, rank of the first relevant record, first
    /// results, proposed committees) to this file as JSON lines, to study the misses
    #[arg(long, value_name = "FILE")]
    pub(crate) outcomes: Option<PathBuf>,
    /// Score with this model (JSON, as `nwip calibrate --out` writes it) instead of the shipped
    /// one, to compare a refit before shipping it
    #[arg(long, value_name = "FILE")]
    pub(crate) model: Option<PathBuf>,
    /// Evaluate the sets as proposals with no duplicate: every record of their relevant
    /// documents excluded, and how often the first line is still called a duplicate reported
    #[arg(long)]
    pub(crate) novel: bool,
    /// Evaluate the sets as proposals filed with the committee that owns their document, with
    /// its ICS codes, where a query names none (with --novel: filed, then left without their
    /// documents)
    #[arg(long)]
    pub(crate) filed: bool,
    /// Also report each stage's median milliseconds; the checks then run one at a time
    #[arg(long)]
    pub(crate) timings: bool,
}

/// Largest `--limit` and `--candidates`: more costs time and memory and finds nothing more.
const MAX_CANDIDATES: usize = 1000;

/// Parses a count between `min` and `max`, both included.
fn count(min: usize, max: usize) -> clap::builder::RangedU64ValueParser<usize> {
    clap::builder::RangedU64ValueParser::<usize>::new().range(min as u64..=max as u64)
}

/// Parses a number in [0, 1] (NaN refused).
fn unit_interval(text: &str) -> Result<f32, String> {
    match text.trim().parse::<f32>() {
        Ok(value) if (0.0..=1.0).contains(&value) => Ok(value),
        _ => Err(format!("{text:?} is not a number between 0 and 1")),
    }
}

/// Parses a finite number of at least 0.
fn non_negative(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() && value >= 0.0 => Ok(value),
        _ => Err(format!("{text:?} is not a finite number of at least 0")),
    }
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// A readable table
    Table,
    /// JSON
    Json,
    /// Markdown
    Markdown,
}

/// Rankings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RankingArg {
    /// Calibrated overlap model
    Overlap,
    /// Plain BM25 over title and abstract
    Bm25,
}

impl RankingArg {
    pub(crate) fn to_ranking(self) -> nwip::Ranking {
        match self {
            RankingArg::Overlap => nwip::Ranking::Overlap,
            RankingArg::Bm25 => nwip::Ranking::Bm25,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn scores_must_be_in_the_unit_interval() {
        assert_eq!(unit_interval("0.25"), Ok(0.25));
        for bad in ["NaN", "nan", "inf", "-0.1", "1.5", "x"] {
            assert!(unit_interval(bad).is_err(), "{bad}");
        }
        assert!(non_negative("NaN").is_err() && non_negative("-1").is_err());
    }
}
