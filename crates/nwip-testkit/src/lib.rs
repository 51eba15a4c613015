//! Test support for nwip: where the shared corpus and evaluation sets are, and one full index of
//! the shared corpus built once and shared by every test that needs it.
//!
//! Building the full index takes about a minute, so it is built at most once per test run (and
//! reused by later runs while nothing that decides its content has changed): the first test to ask
//! builds it under an exclusive file lock in `target/nwip-test-index`, every other test (in any
//! test binary of the workspace) waits for the lock and opens the same directory. A stamp beside
//! it records what it was built from: the index format version, a fingerprint of the analysis,
//! import, identifier, bridge and index sources, and the name, size and modification time of every
//! corpus file and of the Russian dictionary; any difference rebuilds it.
//!
//! Tests that need `../shared` skip with a printed reason when it is absent:
//!
//! ```no_run
//! let Some(index) = nwip_testkit::shared_index() else { return };
//! assert!(nwip_index::NwipIndex::open(&index).is_ok());
//! ```
#![warn(clippy::print_stdout)]

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Returns the `shared` folder beside the repository (corpus and evaluation sets), or `None`
/// (after printing why) when it is absent.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared");
    if dir.join("corpus/iso.jsonl.gz").is_file() && dir.join("eval/revisions.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus or ../shared/eval not found beside the repository");
        None
    }
}

/// Returns the path of an evaluation set of `../shared/eval` (`"revisions"`, `"committee"`,
/// `"paraphrase"`), or `None` when the shared data is absent.
pub fn shared_eval(name: &str) -> Option<PathBuf> {
    shared_dir().map(|dir| dir.join("eval").join(format!("{name}.jsonl")))
}

/// Returns the directory of a full index of `../shared/corpus`, building it first when no
/// up-to-date one exists; `None` (after printing why) when the shared data is absent.
///
/// # Panics
/// When the index cannot be built: a test that needs it cannot run.
pub fn shared_index() -> Option<PathBuf> {
    static INDEX: OnceLock<Option<PathBuf>> = OnceLock::new();
    INDEX.get_or_init(|| shared_dir().map(|shared| build_once(&shared.join("corpus")))).clone()
}

fn build_once(corpus: &Path) -> PathBuf {
    let root = target_dir().join("nwip-test-index");
    std::fs::create_dir_all(&root).expect("cannot create the test index folder");
    let lock = File::create(root.join("lock")).expect("cannot create the test index lock");
    lock.lock().expect("cannot lock the test index");
    let index = root.join("index");
    let stamp_path = root.join("stamp");
    let stamp = stamp(corpus);
    let current = std::fs::read_to_string(&stamp_path).ok();
    if current.as_deref() != Some(stamp.as_str()) || nwip_index::NwipIndex::open(&index).is_err() {
        eprintln!("building the shared test index of {} in {}", corpus.display(), index.display());
        let _ = std::fs::remove_file(&stamp_path);
        let import = nwip_corpus::read_dir(corpus).expect("cannot import the shared corpus");
        let skipped = import.summary.skipped.len();
        let files = import.summary.files.clone();
        nwip_index::IndexBuilder::new()
            .build(&index, import.records, &files, skipped)
            .expect("cannot build the shared test index");
        std::fs::write(&stamp_path, &stamp).expect("cannot write the test index stamp");
    }
    index
}

/// Describes what an index is built from; equal stamps mean equal indexes.
fn stamp(corpus: &Path) -> String {
    let mut lines = vec![
        format!("format {}", nwip_index::FORMAT_VERSION),
        format!("sources {}", env!("NWIP_INDEX_SOURCES")),
    ];
    let mut files: Vec<_> = std::fs::read_dir(corpus)
        .map(|entries| entries.flatten().map(|entry| entry.path()).collect())
        .unwrap_or_default();
    files.sort();
    // The dictionary that seeds Russian bridging is an input too (installed or not).
    if let Some(prefix) = nwip_index::default_dictionary() {
        let mut index = prefix.into_os_string();
        index.push(".index");
        files.push(PathBuf::from(index));
    }
    // So is the word-vector table copied into the index.
    if let Some(table) = nwip_index::default_word_vectors() {
        files.push(table);
    }
    for file in files {
        let Ok(metadata) = std::fs::metadata(&file) else { continue };
        let modified = metadata
            .modified()
            .ok()
            .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |duration| duration.as_secs());
        lines.push(format!("{} {} {modified}", file.display(), metadata.len()));
    }
    lines.join("\n")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"))
}
