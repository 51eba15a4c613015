//! Check latency against the full shared corpus index.
//!
//! - `check/warm/*`: one open [`Engine`], one `check` per iteration, cycling through a
//!   deterministic sample of the eval queries (50 evenly spaced from `revisions.jsonl`, 50 from
//!   `committee.jsonl`), each with its `exclude` ids as `nwip eval` does. Times are per check.
//! - `check/warm/french-bridge` and `check/warm/french-no-bridge`: the French sample proposal
//!   `corpus/proposals/fr-bornes-recharge-accessibilite.md`, with and without the bilingual bridge.
//! - `check/cold/open+check`: `Engine::open` and one check of
//!   `corpus/proposals/ev-battery-state-of-health.md` per iteration (a fresh engine with empty
//!   caches; the OS page cache stays warm).
//!
//! The index is built once, outside the timing, in a temporary directory. Set `NWIP_BENCH_INDEX`
//! to reuse an index: if it opens it is used as is; if the path does not exist the index is built
//! there (and kept for the next run); otherwise a temporary one is built.
//!
//! ```text
//! NWIP_BENCH_INDEX=target/bench-index cargo bench -p nwip --bench check
//! ```
//!
//! The bench runs with the allocator the `nwip` binary ships with (mimalloc), so its figures are
//! those of `nwip check`, `nwip eval` and `nwip serve`.
//!
//! Skipped, with a printed reason, when `../shared/corpus` or `../shared/eval` is absent.
#![allow(missing_docs, clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use nwip::eval::{query_proposal, EvalQuery, EvalSet};
use nwip::{Engine, Proposal};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
const EVAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/eval");
const PROPOSAL: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/proposals/ev-battery-state-of-health.md");
const FRENCH_PROPOSAL: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/proposals/fr-bornes-recharge-accessibilite.md");
const PER_SET: usize = 50;

/// An index directory, kept alive (a temporary one is removed on drop).
struct BenchIndex {
    path: PathBuf,
    _temp: Option<tempfile::TempDir>,
}

fn build_at(path: &Path) {
    let started = Instant::now();
    let import = nwip::corpus::read_dir(CORPUS).expect("import the corpus");
    let files = import.summary.files.clone();
    let skipped = import.summary.skipped.len();
    let meta = nwip::index::IndexBuilder::new()
        .build(path, import.records, &files, skipped)
        .expect("build the index");
    eprintln!(
        "built the index of {} records at {} in {:.1?}",
        meta.records,
        path.display(),
        started.elapsed()
    );
}

fn bench_index() -> BenchIndex {
    if let Some(path) = std::env::var_os("NWIP_BENCH_INDEX").map(PathBuf::from) {
        match Engine::open(&path) {
            Ok(engine) if engine.index().meta().records > 0 => {
                eprintln!(
                    "reusing the index at {} ({} records)",
                    path.display(),
                    engine.index().meta().records
                );
                return BenchIndex { path, _temp: None };
            }
            Ok(_) => eprintln!(
                "NWIP_BENCH_INDEX={} is empty: building a temporary index",
                path.display()
            ),
            Err(_) if !path.exists() => {
                build_at(&path);
                return BenchIndex { path, _temp: None };
            }
            Err(error) => {
                eprintln!(
                    "NWIP_BENCH_INDEX={} does not open ({error}): building a temporary index",
                    path.display()
                )
            }
        }
    }
    let temp = tempfile::Builder::new()
        .prefix("nwip-bench-check")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp dir");
    let path = temp.path().join("index");
    build_at(&path);
    BenchIndex { path, _temp: Some(temp) }
}

/// `count` queries evenly spaced through the set (deterministic).
fn sample(set: &EvalSet, count: usize) -> Vec<(Proposal, Vec<String>)> {
    let step = (set.queries.len() / count.max(1)).max(1);
    set.queries
        .iter()
        .step_by(step)
        .take(count)
        .map(|q: &EvalQuery| (query_proposal(q), q.exclude.clone()))
        .collect()
}

fn bench_cycle(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    engine: &Engine,
    queries: &[(Proposal, Vec<String>)],
) {
    // The cursor lives outside the routine: criterion calls the routine once per sample (and
    // during warm-up), and every call must go on where the last one stopped.
    let mut next = 0usize;
    group.bench_function(name, |b| {
        b.iter(|| {
            let (proposal, exclude) = &queries[next % queries.len()];
            next += 1;
            black_box(engine.check_excluding(black_box(proposal), exclude).expect("check"))
        })
    });
}

fn check(c: &mut Criterion) {
    let eval = Path::new(EVAL);
    for needed in [Path::new(CORPUS), &eval.join("revisions.jsonl"), &eval.join("committee.jsonl")]
    {
        if !needed.exists() {
            eprintln!("skipping the check benches: {} is absent", needed.display());
            c.bench_function("check/skipped", |b| b.iter(|| ()));
            return;
        }
    }
    let revisions = EvalSet::read(eval.join("revisions.jsonl")).expect("read revisions.jsonl");
    let committee = EvalSet::read(eval.join("committee.jsonl")).expect("read committee.jsonl");
    let revisions = sample(&revisions, PER_SET);
    let committee = sample(&committee, PER_SET);
    // Interleaved, so that a cycle of any length sees both kinds.
    let mixed: Vec<_> =
        revisions.iter().zip(&committee).flat_map(|(r, c)| [r.clone(), c.clone()]).collect();

    let index = bench_index();
    let engine = Engine::open(&index.path).expect("open the index");

    let mut group = c.benchmark_group("check");
    group.warm_up_time(Duration::from_secs(3)).measurement_time(Duration::from_secs(10));
    bench_cycle(&mut group, "warm/mixed", &engine, &mixed);
    bench_cycle(&mut group, "warm/revisions", &engine, &revisions);
    bench_cycle(&mut group, "warm/committee", &engine, &committee);
    // A French proposal, carried into English by the bilingual table, and the same without it.
    if let Ok(french) = Proposal::read_path(Path::new(FRENCH_PROPOSAL)) {
        let french = [(french, Vec::new())];
        bench_cycle(&mut group, "warm/french-bridge", &engine, &french);
        let unbridged = Engine::builder().bridge(false).open(&index.path).expect("open");
        bench_cycle(&mut group, "warm/french-no-bridge", &unbridged, &french);
    }

    let proposal = match Proposal::read_path(Path::new(PROPOSAL)) {
        Ok(proposal) => proposal,
        Err(error) => {
            eprintln!(
                "cannot read {PROPOSAL} ({error}): the cold bench checks the first revisions query"
            );
            revisions[0].0.clone()
        }
    };
    group.sample_size(20).measurement_time(Duration::from_secs(15));
    group.bench_function("cold/open+check", |b| {
        b.iter(|| {
            let engine = Engine::open(black_box(&index.path)).expect("open the index");
            black_box(engine.check(black_box(&proposal)).expect("check"))
        })
    });
    group.finish();
}

criterion_group!(benches, check);
criterion_main!(benches);
