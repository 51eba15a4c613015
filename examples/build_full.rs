//! Builds the full shared corpus index and prints the time each stage took.
//!
//! ```text
//! cargo run --release --example build_full -- ../shared/corpus /tmp/nwip-index
//! ```
#![allow(clippy::print_stdout)]

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = args.next().unwrap_or_else(|| "../shared/corpus".into());
    let target = args.next().unwrap_or_else(|| "/tmp/nwip-index".into());
    let started = std::time::Instant::now();
    let import = nwip::corpus::read_dir(&corpus)?;
    let imported = started.elapsed();
    let files = import.summary.files.clone();
    let skipped = import.summary.skipped.len();
    let meta = nwip::index::IndexBuilder::new().build(&target, import.records, &files, skipped)?;
    println!(
        "import {:.2}s, index {:.2}s, total {:.2}s, {} records",
        imported.as_secs_f64(),
        meta.build_seconds,
        started.elapsed().as_secs_f64(),
        meta.records
    );
    Ok(())
}
