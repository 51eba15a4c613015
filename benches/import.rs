//! Import throughput: one mid-size shared file (IEEE) and the whole shared corpus directory; and
//! the analysis of that file's English titles and abstracts into terms (what a check does to
//! every candidate's text).
//!
//! ```text
//! cargo bench -p nwip --bench import
//! cargo bench -p nwip --bench import -- analyze
//! ```
//!
//! Skipped, with a printed reason, when `../shared/corpus` is absent.
#![allow(missing_docs, clippy::print_stdout, clippy::print_stderr)]

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
/// A mid-size file: ~2.9 MB gzipped.
const ONE_FILE: &str = "ieee.jsonl.gz";

fn import(c: &mut Criterion) {
    let corpus = Path::new(CORPUS);
    if !corpus.is_dir() {
        eprintln!("skipping the import benches: no corpus at {}", corpus.display());
        c.bench_function("import/skipped", |b| b.iter(|| ()));
        return;
    }

    let mut group = c.benchmark_group("import");
    group.sampling_mode(SamplingMode::Flat);

    let file = corpus.join(ONE_FILE);
    if file.is_file() {
        let records = nwip::corpus::read_file(&file).expect("import the file").records.len();
        group.throughput(Throughput::Elements(records as u64));
        // ~0.6-0.8 s per import on 2 cores.
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(2))
            .measurement_time(Duration::from_secs(10));
        group.bench_function(format!("file/{ONE_FILE}"), |b| {
            b.iter(|| {
                black_box(nwip::corpus::read_file(black_box(&file)).expect("import the file"))
            })
        });
    } else {
        eprintln!("skipping import/file: no {}", file.display());
    }

    let records = nwip::corpus::read_dir(corpus).expect("import the corpus").records.len();
    group.throughput(Throughput::Elements(records as u64));
    // ~8-11 s per import on 2 cores: one warm-up import, then ten (criterion stretches the
    // measurement time to fit them).
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(90));
    group.bench_function("dir/shared-corpus", |b| {
        b.iter(|| black_box(nwip::corpus::read_dir(black_box(corpus)).expect("import the corpus")))
    });
    group.finish();
}

/// Analyses the English titles and abstracts of the records of `file` into terms, the word memo
/// warm (as in a check, which re-reads the vocabulary of many candidates).
fn analyze(c: &mut Criterion) {
    use nwip::text::{analyze_terms, Language};
    let file = Path::new(CORPUS).join(ONE_FILE);
    if !file.is_file() {
        eprintln!("skipping the analysis bench: no {}", file.display());
        c.bench_function("analyze/skipped", |b| b.iter(|| ()));
        return;
    }
    let records = nwip::corpus::read_file(&file).expect("import the file").records;
    let texts: Vec<String> = records
        .iter()
        .flat_map(|record| record.titles.iter().chain(&record.abstracts))
        .filter(|text| text.language == Language::English)
        .map(|text| text.text.clone())
        .collect();
    let words: usize = texts.iter().map(|text| text.split_whitespace().count()).sum();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Elements(words as u64));
    group.sample_size(10).warm_up_time(Duration::from_secs(2));
    group.bench_function(format!("english/{ONE_FILE}"), |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|text| analyze_terms(black_box(text), Language::English).len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, import, analyze);
criterion_main!(benches);
