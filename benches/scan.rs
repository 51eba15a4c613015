//! Batch scans and the near-duplicate self-join (issue #4).
//!
//! - `scan/sample/*`: an in-memory engine over the bundled sample corpus (`corpus/samples`), every
//!   record scanned as an item; and the self-join of the same corpus. Always runs.
//! - `scan/full/*`: with `NWIP_BENCH_INDEX` naming an index of the full shared corpus, a scan of
//!   256 projects under development (evenly spaced through the selection, deterministic) and the
//!   whole-corpus self-join. Throughput is in items (documents for the self-join).
//!
//! ```text
//! NWIP_BENCH_INDEX=/tmp/nwip-index cargo bench -p nwip --bench scan
//! ```
//!
//! End-to-end figures of `nwip scan` on the full corpus (wall time, peak RSS) come from
//! `scripts/bench.sh`.
#![allow(missing_docs, clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nwip::corpus::Lifecycle;
use nwip::index::Filter;
use nwip::scan::{Finding, NearDuplicateOptions, ScanItem, ScanOptions, ScanSink};
use nwip::Engine;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/samples");
const FULL_ITEMS: usize = 256;

/// Counts findings without keeping them.
#[derive(Default)]
struct Count(usize);

impl ScanSink for Count {
    fn finding(&mut self, _finding: &Finding) -> std::io::Result<()> {
        self.0 += 1;
        Ok(())
    }
}

fn scan_all(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    engine: &Engine,
    items: &[ScanItem],
) {
    group.throughput(Throughput::Elements(items.len() as u64));
    group.bench_function("scan", |b| {
        b.iter(|| {
            let mut count = Count::default();
            let summary =
                engine.scan(black_box(items), &ScanOptions::default(), &mut count).expect("scan");
            black_box((summary.pairs, count.0))
        })
    });
    let documents = engine.index().meta().records as u64;
    group.throughput(Throughput::Elements(documents));
    group.bench_function("near_duplicates", |b| {
        b.iter(|| {
            let mut count = Count::default();
            let options = NearDuplicateOptions::default();
            black_box(engine.near_duplicates(&options, &mut count).expect("self-join").pairs)
        })
    });
}

fn scan(c: &mut Criterion) {
    let import = nwip::corpus::read_dir(SAMPLES).expect("read the sample corpus");
    let items: Vec<ScanItem> = import.records.iter().map(ScanItem::from_record).collect();
    let engine = Engine::from_records(import.records).expect("in-memory engine");
    let mut group = c.benchmark_group("scan/sample");
    group.measurement_time(Duration::from_secs(5));
    scan_all(&mut group, &engine, &items);
    group.finish();

    let Some(path) = std::env::var_os("NWIP_BENCH_INDEX").map(PathBuf::from) else {
        eprintln!("skipping scan/full: set NWIP_BENCH_INDEX to an index of ../shared/corpus");
        return;
    };
    let engine = match Engine::open(Path::new(&path)) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("skipping scan/full: {} does not open ({error})", path.display());
            return;
        }
    };
    let ongoing = Filter {
        states: vec![Lifecycle::Proposal, Lifecycle::UnderDevelopment],
        ..Filter::default()
    };
    let selected = engine.select_items(&ongoing).expect("select the work programme");
    let step = (selected.len() / FULL_ITEMS).max(1);
    let items: Vec<ScanItem> = selected.into_iter().step_by(step).take(FULL_ITEMS).collect();
    let mut group = c.benchmark_group("scan/full");
    group.sample_size(10).measurement_time(Duration::from_secs(30));
    scan_all(&mut group, &engine, &items);
    group.finish();
}

criterion_group!(benches, scan);
criterion_main!(benches);
