//! Crash consistency of index builds (issue 15): a build failed or killed at each of its steps
//! leaves the old or the new index in place, complete and usable, and the next build recovers.
//!
//! Needs the `failpoints` feature: `cargo test -p nwip-index --features failpoints --test failpoints`.
//! A kill is simulated by `abort()` at the failpoint in a child process (this test binary run
//! again on the ignored `child_build` test), so no destructor or clean-up code runs, as with
//! `kill -9`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use nwip_corpus::Record;
use nwip_index::{Error, Filter, IndexBuilder, NwipIndex, BUILD_STEPS, CURRENT_FILE};

/// The `fail` configuration is global to the process: tests that set it run one at a time.
static FAILPOINTS: Mutex<()> = Mutex::new(());

const CHILD_STEP: &str = "NWIP_TEST_KILL_AT_STEP";
const CHILD_INDEX: &str = "NWIP_TEST_KILL_INDEX";
/// Set when the child process updates the index in place instead of rebuilding it.
const CHILD_UPDATES: &str = "NWIP_TEST_KILL_UPDATES";

fn records(count: usize) -> Vec<Record> {
    (0..count)
        .map(|n| {
            let line = format!(
                r#"{{"docid":[{{"id":"ISO {}:2020","type":"ISO","primary":true}}],
                   "title":[{{"content":"Water quality part {n} - Sampling of rivers and lakes","language":"en"}},
                            {{"content":"Qualité de l'eau partie {n} - Échantillonnage des rivières et des lacs","language":"fr"}}],
                   "abstract":[{{"content":"This document gives guidance on sampling rivers and lakes, part {n}.","language":"en"}}]}}"#,
                1000 + n
            );
            Record::from_relaton_json(&line).unwrap()
        })
        .collect()
}

const OLD: usize = 3;
const NEW: usize = 5;

fn build(root: &Path, count: usize) -> nwip_index::Result<nwip_index::IndexMeta> {
    IndexBuilder::new().threads(1).memory_per_thread(16 << 20).build(root, records(count), &[], 0)
}

/// Updates the index at `root` in place with `records(count)`: the first ones replace records of
/// the same identifier, the others are added.
fn update(root: &Path, count: usize) -> nwip_index::Result<nwip_index::UpdateSummary> {
    IndexBuilder::new().threads(1).memory_per_thread(16 << 20).update(
        root,
        records(count),
        &[],
        &[],
        0,
    )
}

/// Asserts that the index at `root` opens and answers, and returns its record count.
fn usable_records(root: &Path) -> usize {
    let index =
        NwipIndex::open(root).unwrap_or_else(|error| panic!("the index must open: {error}"));
    let searcher = index.searcher();
    let all = searcher.select(&Filter::default()).expect("select every record");
    assert_eq!(all.len(), index.meta().records, "meta and index agree");
    assert_eq!(searcher.num_docs() as usize, all.len());
    index.sketches().expect("sketches.bin reads");
    index.bridge().expect("bridge.bin reads");
    all.len()
}

fn generation_dirs(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("gen-"))
        .collect();
    names.sort();
    names
}

/// A build that fails (returns an error) at any step leaves the old index, or at the very end
/// the new one, in place; no half-written generation is left behind.
#[test]
fn a_build_failing_at_each_step_leaves_a_usable_index() {
    let _serial = FAILPOINTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for step in BUILD_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        build(&root, OLD).unwrap();
        fail::cfg(*step, "return").unwrap();
        let outcome = build(&root, NEW);
        fail::remove(*step);
        let error = outcome.expect_err("the failpoint makes the build fail");
        assert!(matches!(error, Error::Interrupted(_)), "{step}: {error}");
        let found = usable_records(&root);
        let swapped = ["pointer-swapped", "old-generations-removed"].contains(step);
        assert_eq!(found, if swapped { NEW } else { OLD }, "after a failure at {step}");
        if !swapped {
            // The failed generation is removed; after the swap the old one may wait for the next
            // build.
            assert_eq!(generation_dirs(&root).len(), 1, "{step}: {:?}", generation_dirs(&root));
        }
        build(&root, NEW).unwrap();
        assert_eq!(usable_records(&root), NEW);
        assert_eq!(generation_dirs(&root).len(), 1, "{step}: {:?}", generation_dirs(&root));
    }
}

/// A build killed at any step (no clean-up runs) leaves the old or the new index usable; the next
/// build succeeds and removes what the killed one left.
#[test]
fn a_build_killed_at_each_step_leaves_a_usable_index() {
    let _serial = FAILPOINTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for step in BUILD_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        build(&root, OLD).unwrap();
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "child_build", "--nocapture", "--test-threads", "1"])
            .env(CHILD_STEP, step)
            .env(CHILD_INDEX, &root)
            .status()
            .unwrap();
        assert!(!status.success(), "{step}: the child build should have been killed");
        let found = usable_records(&root);
        assert!(found == OLD || found == NEW, "{step}: {found} records");
        let swapped = ["pointer-swapped", "old-generations-removed"].contains(step);
        assert_eq!(found, if swapped { NEW } else { OLD }, "after a kill at {step}");
        build(&root, NEW).unwrap();
        assert_eq!(usable_records(&root), NEW, "the next build after a kill at {step}");
        assert_eq!(generation_dirs(&root).len(), 1, "{step}: {:?}", generation_dirs(&root));
        assert!(root.join(CURRENT_FILE).is_file());
    }
}

/// The child process of [`a_build_killed_at_each_step_leaves_a_usable_index`]: builds the new
/// index and aborts at the step it is told.
#[test]
#[ignore = "run by a_build_killed_at_each_step_leaves_a_usable_index in a child process"]
fn child_build() {
    let (Ok(step), Ok(root)) = (std::env::var(CHILD_STEP), std::env::var(CHILD_INDEX)) else {
        return;
    };
    fail::cfg_callback(step, || std::process::abort()).unwrap();
    if std::env::var_os(CHILD_UPDATES).is_some() {
        let _ = update(&PathBuf::from(root), NEW);
    } else {
        let _ = build(&PathBuf::from(root), NEW);
    }
}

/// A streaming build (issue 14: records fed in batches, as `nwip index` does) failed at any
/// step leaves the old index, or at the very end the new one.
#[test]
fn a_streaming_build_failing_at_each_step_leaves_a_usable_index() {
    let _serial = FAILPOINTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for step in BUILD_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        build(&root, OLD).unwrap();
        fail::cfg(*step, "return").unwrap();
        let outcome =
            IndexBuilder::new().threads(1).memory_per_thread(16 << 20).start(&root).and_then(
                |mut build| {
                    for batch in records(NEW).chunks(2) {
                        build.add(batch.to_vec())?;
                    }
                    build.finish(&[], 0)
                },
            );
        fail::remove(*step);
        let error = outcome.expect_err("the failpoint makes the build fail");
        assert!(matches!(error, Error::Interrupted(_)), "{step}: {error}");
        let swapped = ["pointer-swapped", "old-generations-removed"].contains(step);
        assert_eq!(usable_records(&root), if swapped { NEW } else { OLD }, "failed at {step}");
        if !swapped {
            assert_eq!(generation_dirs(&root).len(), 1, "{step}: {:?}", generation_dirs(&root));
        }
    }
}

/// An in-place update (issue 14) failed at any step leaves the index as it was, or at the very
/// end as updated; never half updated.
#[test]
fn an_update_failing_at_each_step_leaves_the_index_as_it_was() {
    let _serial = FAILPOINTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for step in BUILD_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        build(&root, OLD).unwrap();
        fail::cfg(*step, "return").unwrap();
        let outcome = update(&root, NEW);
        fail::remove(*step);
        let error = outcome.expect_err("the failpoint makes the update fail");
        assert!(matches!(error, Error::Interrupted(_)), "{step}: {error}");
        let swapped = ["pointer-swapped", "old-generations-removed"].contains(step);
        assert_eq!(usable_records(&root), if swapped { NEW } else { OLD }, "failed at {step}");
        if !swapped {
            assert_eq!(generation_dirs(&root).len(), 1, "{step}: {:?}", generation_dirs(&root));
        }
        update(&root, NEW).unwrap();
        assert_eq!(usable_records(&root), NEW, "the next update after a failure at {step}");
    }
}

/// An update killed at any step (no clean-up runs) leaves the old or the updated index usable.
#[test]
fn an_update_killed_at_each_step_leaves_a_usable_index() {
    let _serial = FAILPOINTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for step in BUILD_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        build(&root, OLD).unwrap();
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--ignored", "--exact", "child_build", "--nocapture", "--test-threads", "1"])
            .env(CHILD_STEP, step)
            .env(CHILD_INDEX, &root)
            .env(CHILD_UPDATES, "1")
            .status()
            .unwrap();
        assert!(!status.success(), "{step}: the child update should have been killed");
        let swapped = ["pointer-swapped", "old-generations-removed"].contains(step);
        assert_eq!(usable_records(&root), if swapped { NEW } else { OLD }, "killed at {step}");
        update(&root, NEW).unwrap();
        assert_eq!(usable_records(&root), NEW, "the next update after a kill at {step}");
        assert_eq!(generation_dirs(&root).len(), 1, "{step}: {:?}", generation_dirs(&root));
    }
}

/// A write that fails as on a full disk is reported with the file and the cause, not as
/// tantivy's "index writer was killed", and the old index stays.
#[test]
fn a_full_disk_names_the_file_and_the_cause() {
    let _serial = FAILPOINTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("idx");
    build(&root, OLD).unwrap();
    fail::cfg("storage-full", "return").unwrap();
    let outcome = build(&root, NEW);
    fail::remove("storage-full");
    let error = outcome.expect_err("a full disk fails the build");
    let Error::Write { path, source } = &error else {
        panic!("expected a write error, got {error}")
    };
    assert!(path.starts_with(&root), "{}", path.display());
    assert_eq!(source.kind(), std::io::ErrorKind::StorageFull);
    assert!(source.to_string().contains("no space left on device"), "{source}");
    assert_eq!(usable_records(&root), OLD);
    assert_eq!(generation_dirs(&root).len(), 1);
}
