//! Guards ranking quality: builds the full index of `../shared/corpus`, runs the shared evaluation
//! sets, and fails when a figure falls below its floor in `tests/eval_floors.json`. Also checks that
//! the overlap ranking beats the plain BM25 baseline on every set. Skips with a printed reason when
//! the shared data is absent. Also derives the cross-lingual development sets from the corpus
//! (French titles against English-only twins, English titles against French-only twins, French
//! titles over English scopes; Russian editions against each other) and checks that
//! the bilingual bridge stays above its floors and beats matching without it. Run it in release
//! mode (`cargo test --release`): it checks about 3,300 proposals.

use std::path::PathBuf;

use nwip::eval::cross_lingual::{cross_lingual_set, mixed_language_set};
use nwip::eval::{evaluate, EvalResult, EvalSet};
use nwip::text::Language;
use nwip::{Engine, Ranking};

fn shared() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.join("corpus/iso.jsonl.gz").is_file() && dir.join("eval/revisions.jsonl").is_file() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus or ../shared/eval not found beside the repository");
        None
    }
}

fn figure(result: &EvalResult, key: &str) -> f64 {
    let value = serde_json::to_value(result).unwrap();
    value[key].as_f64().unwrap_or_else(|| panic!("{key} missing from the {} result", result.set))
}

#[test]
fn shared_eval_sets_stay_above_their_floors_and_beat_bm25() {
    let Some(shared) = shared() else { return };
    let import = nwip::corpus::read_dir(shared.join("corpus")).unwrap();
    assert!(import.summary.skipped.is_empty(), "{:?}", &import.summary.skipped[..1]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let files = import.summary.files.clone();
    // The cross-lingual development sets come from the corpus itself (see nwip::eval::cross_lingual).
    let derived = [
        (
            "cross_lingual_fr_en",
            cross_lingual_set(&import.records, Language::French, Language::English, 500),
        ),
        (
            "cross_lingual_en_fr",
            cross_lingual_set(&import.records, Language::English, Language::French, 500),
        ),
        (
            "mixed_fr_en",
            mixed_language_set(&import.records, Language::French, Language::English, 300),
        ),
        (
            "within_ru",
            cross_lingual_set(&import.records, Language::Russian, Language::Russian, 500),
        ),
    ];
    nwip::index::IndexBuilder::new().build(&path, import.records, &files, 0).unwrap();

    let floors: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/eval_floors.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let overlap = Engine::builder().limit(10).open(&path).unwrap();
    let baseline = Engine::builder().limit(10).ranking(Ranking::Bm25).open(&path).unwrap();
    let mut failures = Vec::new();
    for name in ["revisions", "committee"] {
        let set = EvalSet::read(shared.join(format!("eval/{name}.jsonl"))).unwrap();
        let ours = evaluate(&overlap, &set).unwrap();
        let theirs = evaluate(&baseline, &set).unwrap();
        eprintln!("{name}: overlap {}", serde_json::to_string(&ours).unwrap());
        eprintln!("{name}: bm25    {}", serde_json::to_string(&theirs).unwrap());
        for (key, floor) in floors[name].as_object().unwrap() {
            let value = figure(&ours, key);
            if value < floor.as_f64().unwrap() {
                failures.push(format!("{name} {key} = {value:.3} below floor {floor}"));
            }
            if value < figure(&theirs, key) {
                failures.push(format!(
                    "{name} {key} = {value:.3} below bm25's {:.3}",
                    figure(&theirs, key)
                ));
            }
        }
    }
    // Cross-lingual: the bridge must beat matching in the proposal's language only.
    let unbridged = Engine::builder().limit(10).bridge(false).open(&path).unwrap();
    for (name, set) in &derived {
        let ours = evaluate(&overlap, set).unwrap();
        let theirs = evaluate(&unbridged, set).unwrap();
        eprintln!("{name}: bridge    {}", serde_json::to_string(&ours).unwrap());
        eprintln!("{name}: no bridge {}", serde_json::to_string(&theirs).unwrap());
        for (key, floor) in floors[*name].as_object().unwrap() {
            let value = figure(&ours, key);
            if value < floor.as_f64().unwrap() {
                failures.push(format!("{name} {key} = {value:.3} below floor {floor}"));
            }
            if value < figure(&theirs, key) {
                failures.push(format!(
                    "{name} {key} = {value:.3} below the unbridged {:.3}",
                    figure(&theirs, key)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
