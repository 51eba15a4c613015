//! Regression tests of issue 15, "Reliability and safety: nothing lost, nothing half-swapped,
//! nothing unsafe in what we write": damaged inputs, the atomic swap and the build lock, read-only
//! opening, safe output, input decoding, streams, limits and messages. Each test runs the built
//! `nwip` in its own temporary folder against the bundled sample corpus.
//!
//! Builds killed at each step are tested with failpoints in `crates/nwip-index/tests/failpoints.rs`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn samples_dir() -> PathBuf {
    repo_root().join("corpus/samples")
}

fn sample_lines() -> Vec<String> {
    let text = std::fs::read_to_string(samples_dir().join("records.jsonl")).unwrap();
    text.lines().filter(|line| !line.trim().is_empty()).map(str::to_string).collect()
}

/// The binary under test (`NWIP_TEST_BIN` runs these tests against another build, to see them
/// fail on the code before the fix).
fn nwip_binary() -> PathBuf {
    std::env::var_os("NWIP_TEST_BIN").map_or_else(|| env!("CARGO_BIN_EXE_nwip").into(), Into::into)
}

struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    fn new() -> TestDir {
        let dir = tempfile::Builder::new().prefix("nwip-reliability-").tempdir().unwrap();
        TestDir { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn cmd(&self) -> Command {
        let mut command = Command::new(nwip_binary());
        command
            .current_dir(self.path())
            .env_remove("NWIP_INDEX")
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null());
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run nwip")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert_eq!(output.status.code(), Some(0), "nwip {args:?}\n{}", both(&output));
        output
    }

    fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    fn index_samples(&self, index: &str) {
        self.ok(&[
            "--index",
            index,
            "index",
            "-q",
            "--threads",
            "1",
            samples_dir().to_str().unwrap(),
        ]);
    }

    fn stats(&self, index: &str) -> Value {
        json(&self.ok(&["--index", index, "stats", "--format", "json"]))
    }

    fn check_json(&self, index: &str, proposal: &str) -> Value {
        json(&self.ok(&["--index", index, "check", proposal, "--format", "json"]))
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn both(output: &Output) -> String {
    format!("--- stdout\n{}\n--- stderr\n{}", stdout(output), stderr(output))
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("{error}\n{}", both(output)))
}

/// Asserts a one-line user error (exit 2, no panic) that mentions every needle; returns it.
fn assert_error(output: &Output, needles: &[&str]) -> String {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "expected exit 2\n{}", both(output));
    assert!(!err.contains("panicked"), "nwip panicked:\n{err}");
    let message = err.trim_end();
    assert_eq!(message.lines().count(), 1, "expected a one-line error:\n{err}");
    for needle in needles {
        assert!(message.contains(needle), "the error should mention {needle:?}:\n{err}");
    }
    message.to_string()
}

/// A gzip file of `data` in one stored deflate block, cut off after `keep` bytes of it.
fn truncated_gzip(data: &[u8], keep: usize) -> Vec<u8> {
    assert!(data.len() < 65_536 && keep < data.len());
    let len = data.len() as u16;
    let mut bytes = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 0x01];
    bytes.extend_from_slice(&len.to_le_bytes());
    bytes.extend_from_slice(&(!len).to_le_bytes());
    bytes.extend_from_slice(&data[..keep]);
    bytes
}

/// A complete gzip file of `data` (one stored block, CRC computed here).
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut bytes = truncated_gzip(&[data, b" "].concat(), data.len());
    bytes[11..13].copy_from_slice(&(data.len() as u16).to_le_bytes());
    bytes[13..15].copy_from_slice(&(!(data.len() as u16)).to_le_bytes());
    let crc = data.iter().fold(!0u32, |mut crc, &byte| {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
        crc
    });
    bytes.extend_from_slice(&(!crc).to_le_bytes());
    bytes.extend_from_slice(&(data.len() as u32).to_le_bytes());
    bytes
}

fn current_generation(root: &Path) -> PathBuf {
    let name = std::fs::read_to_string(root.join("CURRENT")).expect("read CURRENT");
    root.join(name.trim())
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Every file and folder under `dir` with its size and modification time.
fn snapshot(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in std::fs::read_dir(&next).unwrap() {
            let entry = entry.unwrap();
            let metadata = entry.metadata().unwrap();
            if metadata.is_dir() {
                stack.push(entry.path());
            }
            let mode = metadata.permissions().mode();
            found.push((entry.path(), metadata.len(), metadata.modified().unwrap(), mode));
        }
    }
    found.sort();
    found
}

const RUSSIAN_TITLE: &str = "Изделия медицинские. Системы менеджмента качества";
const RUSSIAN_SCOPE: &str = "Настоящий стандарт устанавливает требования к системе менеджмента качества для организаций, которые производят медицинские изделия и оказывают связанные с ними услуги.";

/// Encodes Russian text (Cyrillic, ASCII) in Windows-1251.
fn windows_1251(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            'А'..='я' => (c as u32 - 0x410 + 0xC0) as u8,
            'ё' => 0xB8,
            'Ё' => 0xA8,
            c if c.is_ascii() => c as u8,
            other => panic!("not in the test's Windows-1251 table: {other}"),
        })
        .collect()
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

// ------------------------------------------------------------------------------------------------
// 1. A damaged records file fails the build; the previous index stays

#[test]
fn issue_15_a_truncated_gzip_fails_the_build_and_keeps_the_previous_index() {
    let t = TestDir::new();
    t.index_samples("idx");
    let before = t.stats("idx");
    let lines = sample_lines();
    let text: String = lines[..6].iter().map(|line| format!("{line}\n")).collect();
    let cut = lines[..4].iter().map(|line| line.len() + 1).sum::<usize>() + 40;
    t.create("in/cut.jsonl.gz", truncated_gzip(text.as_bytes(), cut));
    t.create("in/good.jsonl", format!("{}\n", lines[10]));

    let output = t.run(&["--index", "idx", "index", "-q", "in"]);
    assert_error(&output, &["in/cut.jsonl.gz", "line 5", "--keep-going"]);
    let after = t.stats("idx");
    assert_eq!(after["records"], before["records"], "the previous index must stay");
    assert_eq!(after["fingerprint"], before["fingerprint"]);

    // --keep-going accepts the partial file explicitly, and says so.
    let output = t.ok(&["--index", "idx", "index", "--keep-going", "--threads", "1", "in"]);
    let summary = stdout(&output);
    assert!(summary.starts_with("indexed 5 records from 2 files"), "{summary}");
    assert!(summary.contains("in/cut.jsonl.gz:5: field file:"), "{summary}");
}

#[test]
fn issue_15_a_bad_gzip_header_an_empty_and_a_binary_file_say_what_is_wrong() {
    let t = TestDir::new();
    t.create(
        "header/b.jsonl.gz",
        [0x1f, 0x8b, 0x07, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0x99],
    );
    assert_error(
        &t.run(&["--index", "idx", "index", "header"]),
        &["header/b.jsonl.gz", "gzip", "byte"],
    );
    t.create("empty/e.jsonl", "");
    assert_error(&t.run(&["--index", "idx", "index", "empty"]), &["empty/e.jsonl", "is empty"]);
    t.create("binary/x.jsonl", [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0]);
    assert_error(&t.run(&["--index", "idx", "index", "binary"]), &["binary/x.jsonl", "binary"]);
    assert!(!t.path().join("idx/CURRENT").exists(), "no index may be built");
}

// ------------------------------------------------------------------------------------------------
// 2, 3. Atomic swap, build lock, concurrent builds and checks

#[test]
fn issue_15_the_index_is_a_folder_of_generations_with_a_current_pointer() {
    let t = TestDir::new();
    t.index_samples("idx");
    let first = current_generation(&t.path().join("idx"));
    t.index_samples("idx");
    let second = current_generation(&t.path().join("idx"));
    assert_ne!(first, second);
    assert!(!first.exists(), "an unused old generation is removed");
    assert_eq!(
        entries(&t.path().join("idx")),
        ["CURRENT", "build.lock", second.file_name().unwrap().to_str().unwrap()]
    );
    assert_eq!(entries(t.path()), ["idx"]);
}

#[test]
fn issue_15_an_index_of_the_old_single_folder_layout_opens_and_is_migrated() {
    let t = TestDir::new();
    t.index_samples("idx");
    let root = t.path().join("idx");
    // Turn it into the old layout: the generation's files directly in the index folder.
    let generation = current_generation(&root);
    for name in entries(&generation) {
        std::fs::rename(generation.join(&name), root.join(&name)).unwrap();
    }
    std::fs::remove_dir(&generation).unwrap();
    std::fs::remove_file(root.join("CURRENT")).unwrap();
    std::fs::remove_file(root.join("build.lock")).unwrap();
    let records = t.stats("idx")["records"].clone();
    t.create("p.txt", "Water for analytical laboratory use\nSpecification and test methods");
    t.check_json("idx", "p.txt");

    t.index_samples("idx");
    assert_eq!(t.stats("idx")["records"], records);
    let names = entries(&root);
    assert_eq!(names.len(), 3, "the old files are removed after the migration: {names:?}");
    assert!(names.contains(&"CURRENT".to_string()), "{names:?}");
}

#[test]
fn issue_15_a_second_build_is_refused_with_the_running_builds_pid() {
    let t = TestDir::new();
    t.index_samples("idx");
    let lock = nwip::index::BuildLock::acquire(&t.path().join("idx")).unwrap();
    let output = t.run(&["--index", "idx", "index", "-q", samples_dir().to_str().unwrap()]);
    let pid = std::process::id();
    assert_error(&output, &[&format!("another build is running (pid {pid})"), "idx"]);
    drop(lock);
    t.index_samples("idx");
}

#[test]
fn issue_15_checks_never_fail_during_rebuilds_and_concurrent_builds_are_refused_clearly() {
    let t = TestDir::new();
    t.index_samples("idx");
    t.create("p.txt", "Water for analytical laboratory use\nSpecification and test methods");
    let samples = samples_dir();
    let builds: Vec<std::process::Child> = (0..4)
        .map(|_| {
            t.cmd()
                .args([
                    "--index",
                    "idx",
                    "index",
                    "-q",
                    "--threads",
                    "1",
                    samples.to_str().unwrap(),
                ])
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut checks = 0;
    let mut builds: Vec<Option<std::process::Child>> = builds.into_iter().map(Some).collect();
    let mut outcomes = Vec::new();
    // Check in a loop while the builds run (bounded: at most 400 checks).
    while checks < 400 && builds.iter().any(Option::is_some) {
        let output = t.run(&["--index", "idx", "check", "p.txt", "--format", "json"]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "check {checks} failed during a rebuild\n{}",
            both(&output)
        );
        checks += 1;
        for slot in &mut builds {
            if let Some(child) = slot {
                if child.try_wait().unwrap().is_some() {
                    outcomes.push(slot.take().unwrap().wait_with_output().unwrap());
                }
            }
        }
    }
    for child in builds.into_iter().flatten() {
        outcomes.push(child.wait_with_output().unwrap());
    }
    assert!(checks > 0);
    let succeeded = outcomes.iter().filter(|output| output.status.success()).count();
    assert!(succeeded >= 1, "at least one build succeeds");
    for output in outcomes.iter().filter(|output| !output.status.success()) {
        assert_error(output, &["another build is running (pid "]);
    }
    t.run(&["--index", "idx", "check", "p.txt"]);
    t.index_samples("idx");
    let generations =
        entries(&t.path().join("idx")).into_iter().filter(|n| n.starts_with("gen-")).count();
    assert_eq!(generations, 1);
}

// ------------------------------------------------------------------------------------------------
// 4. CSV formula injection

#[test]
fn issue_15_csv_cells_are_neutralised_against_formula_injection() {
    let t = TestDir::new();
    let original: Value = sample_lines()
        .iter()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|record| record["docid"][0]["id"] == "ISO/IEC CD 30189")
        .unwrap();
    // An IEEE project that copies it, its title starting with a formula (IEEE sorts first, so the
    // titles cell starts with it).
    let title = original["title"][0]["content"].as_str().unwrap();
    let twin = serde_json::json!({
        "docid": [{"id": "IEEE P9999", "type": "IEEE", "primary": true}],
        "docstatus": {"stage": {"value": "draft"}},
        "title": [{"content": format!("=1+1 {title}"), "language": "en"}],
        "abstract": [{"content": original["abstract"][0]["content"], "language": "en"}],
    });
    t.create("in/twin.jsonl", format!("{twin}\n"));
    let samples = samples_dir();
    t.ok(&["--index", "idx", "index", "-q", "--threads", "1", samples.to_str().unwrap(), "in"]);
    let output = t.ok(&[
        "--index",
        "idx",
        "scan",
        "--quiet",
        "--under-development",
        "--format",
        "csv",
        "--min-score",
        "0.3",
    ]);
    let text = stdout(&output);
    assert!(text.contains("'=1+1 "), "the neutralised title should be there:\n{text}");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    for row in reader.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run as a formula: {cell:?}"
            );
        }
    }
}

// ------------------------------------------------------------------------------------------------
// 5. Read-only use, permissions

#[test]
fn issue_15_check_stats_and_scan_write_nothing_to_the_index_folder() {
    let t = TestDir::new();
    t.index_samples("idx");
    let root = t.path().join("idx");
    let before = snapshot(&root);
    t.create("p.txt", "Water for analytical laboratory use\nSpecification and test methods");
    t.ok(&["--index", "idx", "check", "p.txt"]);
    t.ok(&["--index", "idx", "stats"]);
    t.ok(&["--index", "idx", "scan", "--quiet", "--under-development", "--org", "ISO"]);
    t.ok(&["--index", "idx", "scan", "--quiet", "--near-duplicates"]);
    assert_eq!(snapshot(&root), before, "readers must not write to the index folder");
}

#[test]
fn issue_15_index_files_get_the_users_umask_not_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDir::new();
    t.index_samples("idx");
    let reference = t.create("reference", "x");
    let expected = std::fs::metadata(reference).unwrap().permissions().mode() & 0o777;
    for (path, _, _, mode) in snapshot(&t.path().join("idx")) {
        if std::fs::metadata(&path).unwrap().is_file() {
            assert_eq!(mode & 0o777, expected, "{} has mode {:o}", path.display(), mode & 0o777);
        }
    }
}

// ------------------------------------------------------------------------------------------------
// 6. Input decoding and streams

#[test]
fn issue_15_a_windows_1251_proposal_is_read_as_russian() {
    let t = TestDir::new();
    t.index_samples("idx");
    let text = format!("{RUSSIAN_TITLE}\nКомитет: ISO/TC 210\n\n{RUSSIAN_SCOPE}\n");
    t.create("ru.txt", windows_1251(&text));
    let report = t.check_json("idx", "ru.txt");
    assert_eq!(report["proposal"]["title"], RUSSIAN_TITLE, "{}", report["proposal"]);
    assert_eq!(report["proposal"]["language"], "ru");
}

#[test]
fn issue_15_utf16_proposals_with_and_without_a_bom_are_read() {
    let t = TestDir::new();
    t.index_samples("idx");
    let text = format!("{RUSSIAN_TITLE}\n{RUSSIAN_SCOPE}\n");
    t.create("bom.txt", [&[0xff, 0xfe][..], &utf16le(&text)].concat());
    t.create("no-bom.txt", utf16le(&text));
    let big_endian: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    t.create("be.txt", big_endian);
    for name in ["bom.txt", "no-bom.txt", "be.txt"] {
        let report = t.check_json("idx", name);
        assert_eq!(report["proposal"]["title"], RUSSIAN_TITLE, "{name}");
    }
}

#[test]
fn issue_15_a_binary_file_is_refused_as_a_proposal() {
    let t = TestDir::new();
    t.index_samples("idx");
    let mut bytes = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    bytes.extend((0..2000u32).map(|n| (n * 7 % 251) as u8));
    t.create("a.out", &bytes);
    let message = assert_error(&t.run(&["--index", "idx", "check", "a.out"]), &["a.out", "binary"]);
    assert!(!message.contains('\u{7f}') && !message.contains('\0'), "{message:?}");
}

#[test]
fn issue_15_windows_1251_records_are_read_as_russian() {
    let t = TestDir::new();
    let record = serde_json::json!({
        "docid": [{"id": "GOST ISO 13485-2017", "type": "EASC", "primary": true}],
        "title": [{"content": RUSSIAN_TITLE, "language": "ru"}],
    });
    t.create("in/ru.jsonl", windows_1251(&format!("{record}\n")));
    t.ok(&["--index", "idx", "index", "-q", "--threads", "1", "in"]);
    t.create("p.txt", format!("{RUSSIAN_TITLE}\n"));
    let report = t.check_json("idx", "p.txt");
    assert_eq!(report["overlaps"][0]["record"]["titles"][0]["text"], RUSSIAN_TITLE, "{report}");
}

/// Runs `nwip index` on a FIFO fed with `bytes` by a thread, as `<(zcat ...)` would.
fn index_from_fifo(t: &TestDir, name: &str, bytes: Vec<u8>) -> Output {
    let fifo = t.path().join(name);
    let status = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(status.success());
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        let mut pipe = std::fs::OpenOptions::new().write(true).open(writer_path).unwrap();
        // A broken pipe means nwip stopped reading early: the assertions below say why.
        let _ = pipe.write_all(&bytes);
    });
    let output = t.run(&["--index", "idx", "index", "--threads", "1", "--format", "json", name]);
    writer.join().unwrap();
    output
}

#[test]
fn issue_15_a_fifo_is_read_once_and_its_first_record_kept() {
    let t = TestDir::new();
    let lines = sample_lines();
    let text: String = lines.iter().map(|line| format!("{line}\n")).collect();
    let output = index_from_fifo(&t, "records.fifo", text.into_bytes());
    assert_eq!(json(&output)["records"].as_u64(), Some(lines.len() as u64), "{}", both(&output));
}

#[test]
fn issue_15_a_gzipped_stream_is_read() {
    let t = TestDir::new();
    let lines = sample_lines();
    let text: String = lines[..20].iter().map(|line| format!("{line}\n")).collect();
    let output = index_from_fifo(&t, "records.fifo", gzip(text.as_bytes()));
    assert_eq!(json(&output)["records"].as_u64(), Some(20), "{}", both(&output));
}

// ------------------------------------------------------------------------------------------------
// 7. --out and symlinks

#[test]
fn issue_15_out_equal_to_an_input_is_refused() {
    let t = TestDir::new();
    t.index_samples("idx");
    let lines = sample_lines();
    let programme = t.create("programme.jsonl", lines[..3].join("\n"));
    let before = std::fs::read(&programme).unwrap();
    std::os::unix::fs::symlink("programme.jsonl", t.path().join("link.jsonl")).unwrap();
    for out in ["programme.jsonl", "./programme.jsonl", "link.jsonl"] {
        let output = t.run(&["--index", "idx", "scan", "--quiet", "programme.jsonl", "--out", out]);
        assert_error(&output, &["--out", "programme.jsonl"]);
        assert_eq!(std::fs::read(&programme).unwrap(), before, "the input must stay intact");
    }
}

#[test]
fn issue_15_a_symlinked_index_is_followed_and_the_link_kept() {
    let t = TestDir::new();
    std::fs::create_dir(t.path().join("real")).unwrap();
    std::os::unix::fs::symlink("real", t.path().join("link")).unwrap();
    t.index_samples("link");
    t.index_samples("link");
    let link = std::fs::symlink_metadata(t.path().join("link")).unwrap();
    assert!(link.file_type().is_symlink(), "the link must stay a link");
    assert!(t.path().join("real/CURRENT").is_file(), "the target is updated");
    assert_eq!(entries(t.path()), ["link", "real"]);
    t.stats("real");
}

// ------------------------------------------------------------------------------------------------
// 8. Limits and flags

#[test]
fn issue_15_numeric_flags_are_validated_without_panics() {
    let t = TestDir::new();
    t.index_samples("idx");
    t.create("p.txt", "Water for analytical laboratory use\n");
    for args in [
        &["scan", "--quiet", "--under-development", "--candidates", "18446744073709551615"][..],
        &["scan", "--quiet", "--under-development", "--candidates", "0"][..],
        &["scan", "--quiet", "--under-development", "--min-score", "NaN"][..],
        &["check", "p.txt", "--min-score", "NaN"][..],
        &["check", "p.txt", "--min-score", "1.5"][..],
        &["check", "p.txt", "--min-score", "-0.1"][..],
        &["check", "p.txt", "--limit", "0"][..],
        &["check", "p.txt", "--limit", "18446744073709551615"][..],
        &["index", "--threads", "0", "in"][..],
    ] {
        let mut full = vec!["--index", "idx"];
        full.extend_from_slice(args);
        let output = t.run(&full);
        assert_eq!(output.status.code(), Some(2), "{args:?}\n{}", both(&output));
        assert!(!stderr(&output).contains("panicked"), "{args:?}\n{}", both(&output));
        let flag = args
            .iter()
            .find(|arg| {
                arg.starts_with("--") && **arg != "--quiet" && **arg != "--under-development"
            })
            .unwrap();
        assert!(stderr(&output).contains(flag), "{args:?} should name {flag}\n{}", both(&output));
    }
}

#[test]
fn issue_15_an_oversized_proposal_and_an_oversized_record_line_are_refused_clearly() {
    let t = TestDir::new();
    t.index_samples("idx");
    let big = format!("Water quality\n{}", "sampling of rivers and lakes ".repeat(200_000));
    t.create("big.txt", big);
    assert_error(
        &t.run(&["--index", "idx", "check", "big.txt"]),
        &["big.txt", "larger than", "MiB"],
    );

    let lines = sample_lines();
    let huge = format!("{{\"docid\":[{{\"id\":\"ISO 1:2000\",\"type\":\"ISO\",\"primary\":true}}],\"title\":[{{\"content\":\"{}\",\"language\":\"en\"}}]}}", "x".repeat(5 << 20));
    t.create("in/records.jsonl", format!("{}\n{huge}\n{}\n", lines[0], lines[1]));
    let summary =
        json(&t.ok(&["--index", "idx2", "index", "--threads", "1", "--format", "json", "in"]));
    assert_eq!(summary["records"].as_u64(), Some(2), "{summary}");
    let skipped = summary["skipped"][0]["message"].as_str().unwrap_or_default();
    assert!(skipped.contains("longer than"), "{summary}");
    assert_eq!(summary["skipped"][0]["line"].as_u64(), Some(2));
}

#[test]
fn issue_15_deeply_nested_yaml_and_json_are_refused_quickly() {
    let t = TestDir::new();
    t.index_samples("idx");
    t.create("deep/a.yaml", format!("docid: {}1{}\n", "[".repeat(100_000), "]".repeat(100_000)));
    t.create("deep/b.yaml", format!("{}x\n", "- ".repeat(100_000)));
    t.create("deep/good.jsonl", sample_lines()[0].clone());
    let summary =
        json(&t.ok(&["--index", "idx2", "index", "--threads", "1", "--format", "json", "deep"]));
    assert_eq!(summary["records"].as_u64(), Some(1), "{summary}");
    for skipped in summary["skipped"].as_array().unwrap() {
        assert!(skipped["message"].as_str().unwrap().contains("nested deeper than"), "{skipped}");
    }
    t.create(
        "deep.json",
        format!("{}\"title\": \"x\"{}", "{\"a\":".repeat(10_000), "}".repeat(10_000)),
    );
    assert_error(
        &t.run(&["--index", "idx", "check", "deep.json"]),
        &["deep.json", "recursion limit exceeded"],
    );
}

#[test]
fn issue_15_a_damaged_index_gives_an_error_never_a_panic() {
    let t = TestDir::new();
    t.index_samples("idx");
    t.create(
        "p.txt",
        "Water for analytical laboratory use\nSpecification and test methods for water",
    );
    let generation = current_generation(&t.path().join("idx"));
    let pristine = t.path().join("pristine");
    std::fs::create_dir(&pristine).unwrap();
    for name in entries(&generation) {
        std::fs::copy(generation.join(&name), pristine.join(&name)).unwrap();
    }
    // Flip one bit at 12 places spread over every file of the index, one file at a time.
    for name in entries(&generation) {
        let original = std::fs::read(pristine.join(&name)).unwrap();
        for place in 0..12 {
            let mut damaged = original.clone();
            if damaged.is_empty() {
                continue;
            }
            let at = (place * 7919 + 13) % damaged.len();
            damaged[at] ^= 1 << (place % 8);
            std::fs::write(generation.join(&name), &damaged).unwrap();
            for args in [&["check", "p.txt"][..], &["scan", "--quiet", "--near-duplicates"][..]] {
                let mut full = vec!["--index", "idx"];
                full.extend_from_slice(args);
                let output = t.run(&full);
                let code = output.status.code();
                assert!(
                    code == Some(0) || code == Some(2),
                    "{name} byte {at}: {args:?}\n{}",
                    both(&output)
                );
                assert!(
                    !stderr(&output).contains("panicked"),
                    "{name} byte {at}\n{}",
                    both(&output)
                );
            }
        }
        std::fs::write(generation.join(&name), &original).unwrap();
    }
}

// ------------------------------------------------------------------------------------------------
// 9. Messages

#[test]
fn issue_15_control_characters_from_titles_never_reach_the_terminal() {
    let t = TestDir::new();
    let record = serde_json::json!({
        "docid": [{"id": "ISO 99999:2020", "type": "ISO", "primary": true}],
        "title": [{"content": "\u{1b}[2J\u{1b}]0;owned\u{7}Water quality \u{9b}31m sampling\u{202e} of rivers", "language": "en"}],
    });
    t.create("in/r.jsonl", format!("{record}\n"));
    t.ok(&["--index", "idx", "index", "-q", "--threads", "1", "in"]);
    t.create("p.txt", "Water quality\u{1b}[31m sampling of rivers\n");
    for format in ["table", "markdown"] {
        let output = t.ok(&["--index", "idx", "check", "p.txt", "--format", format]);
        let text = stdout(&output);
        assert!(text.contains("Water quality"), "{text}");
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n') || c == '\u{202e}'),
            "{format}: control characters in {text:?}"
        );
    }
}
