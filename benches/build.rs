//! Index build on disk: the whole shared corpus, and a deterministic 10% sample (every 10th
//! record) for a faster signal. Records are imported once, outside the timing; each iteration
//! builds into a fresh temporary directory (removed outside the timing).
//!
//! ```text
//! cargo bench -p nwip --bench build
//! cargo bench -p nwip --bench build -- sample10   # the fast one only
//! NWIP_BENCH_THREADS=1 cargo bench -p nwip --bench build
//! ```
//!
//! Skipped, with a printed reason, when `../shared/corpus` is absent.
#![allow(missing_docs, clippy::print_stdout, clippy::print_stderr)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};
use nwip::corpus::Record;
use nwip::index::IndexBuilder;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

/// Indexing threads: `NWIP_BENCH_THREADS`, else every core (the CLI's default).
fn builder() -> IndexBuilder {
    match std::env::var("NWIP_BENCH_THREADS").ok().and_then(|t| t.parse().ok()) {
        Some(threads) => IndexBuilder::new().threads(threads),
        None => IndexBuilder::new(),
    }
}

fn scratch() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("nwip-bench-build")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .expect("temp dir")
}

fn bench_build(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    records: &[Record],
    files: &[PathBuf],
) {
    group.throughput(Throughput::Elements(records.len() as u64));
    group.bench_function(name, |b| {
        b.iter_batched(
            || (records.to_vec(), scratch()),
            |(records, dir)| {
                let meta = builder()
                    .build(dir.path().join("index"), records, files, 0)
                    .expect("build the index");
                assert!(meta.records > 0);
                dir // dropped (and removed) outside the timing
            },
            BatchSize::PerIteration,
        )
    });
}

fn build(c: &mut Criterion) {
    let corpus = Path::new(CORPUS);
    if !corpus.is_dir() {
        eprintln!("skipping the build benches: no corpus at {}", corpus.display());
        c.bench_function("build/skipped", |b| b.iter(|| ()));
        return;
    }
    let import = nwip::corpus::read_dir(corpus).expect("import the corpus");
    let files = import.summary.files.clone();
    let all = import.records;
    let sample: Vec<Record> = all.iter().step_by(10).cloned().collect();

    let mut group = c.benchmark_group("build");
    group.sampling_mode(SamplingMode::Flat).sample_size(10);

    // ~2 s per iteration on 2 cores: one sample is one build.
    group.warm_up_time(Duration::from_secs(3)).measurement_time(Duration::from_secs(20));
    bench_build(&mut group, "sample10", &sample, &files);

    // ~15-25 s per iteration: ten of them, after one warm-up build.
    group.warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(240));
    bench_build(&mut group, "full", &all, &files);
    group.finish();
}

criterion_group!(benches, build);
criterion_main!(benches);
