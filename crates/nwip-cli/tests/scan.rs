//! End-to-end tests of `nwip scan` (issue #4): each test runs the built executable in its own
//! temporary directory against the bundled sample corpus plus a small "twin" records file made
//! here: an IEEE project that copies an ISO/IEC project under development, so that a scan finds a
//! pair, a cluster and a case of possible forum shopping. The HTML report is opened in a real
//! headless browser (Debian's chromium) when one is installed, and skipped with a printed reason
//! otherwise.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn sample_records() -> PathBuf {
    repo_root().join("corpus/samples/records.jsonl")
}

/// The sample record with this identifier, as JSON.
fn sample_record(id: &str) -> Value {
    let text = std::fs::read_to_string(sample_records()).expect("read the sample records");
    text.lines()
        .map(|line| serde_json::from_str::<Value>(line).expect("sample record is JSON"))
        .find(|record| record["docid"][0]["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("{id} is not in the sample corpus"))
}

const TWIN_OF: &str = "ISO/IEC CD 30189";
const TWIN: &str = "IEEE P9999";

/// A Relaton record of an IEEE project under development that copies `TWIN_OF` word for word.
fn twin_record() -> String {
    let original = sample_record(TWIN_OF);
    serde_json::json!({
        "docid": [{"id": TWIN, "type": "IEEE", "primary": true}],
        "docstatus": {"stage": {"value": "draft"}},
        "title": [{"content": original["title"][0]["content"], "language": "en"}],
        "abstract": [{"content": original["abstract"][0]["content"], "language": "en"}],
    })
    .to_string()
}

/// A temporary working directory for one test; commands run in it without inherited settings.
struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    fn new() -> TestDir {
        let dir = tempfile::Builder::new().prefix("nwip-scan-test-").tempdir().expect("temp dir");
        TestDir { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_nwip"))
            .current_dir(self.path())
            .env_remove("NWIP_INDEX")
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .args(args)
            .output()
            .expect("run nwip")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let output = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(0),
            "nwip {args:?}\n--- stdout\n{}\n--- stderr\n{}",
            stdout(&output),
            stderr(&output)
        );
        output
    }

    fn create(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// Builds `./idx` from the sample corpus; with `twin`, the IEEE twin project too.
    fn index(&self, twin: bool) {
        let samples = sample_records();
        let mut args = vec!["--index", "idx", "index", "--quiet", "--threads", "1"];
        args.push(samples.to_str().unwrap());
        if twin {
            self.create("twin.jsonl", twin_record() + "\n");
            args.push("twin.jsonl");
        }
        self.ok(&args);
    }

    /// Runs a scan on `./idx` and returns its JSON lines.
    fn scan_jsonl(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["--index", "idx", "scan", "--quiet"];
        all.extend_from_slice(args);
        jsonl(&stdout(&self.ok(&all)))
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Parses JSON lines and checks the fields every finding carries.
fn jsonl(text: &str) -> Vec<Value> {
    let findings: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    for finding in &findings {
        let kind = finding["finding"].as_str().expect("finding");
        assert!(kind == "pair" || kind == "cluster", "{finding}");
        assert!(finding["kind"].is_string(), "kind: {finding}");
        let score = finding["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score), "{finding}");
        let items = finding["items"].as_array().expect("items");
        let orgs = finding["orgs"].as_array().expect("orgs");
        assert!(items.len() >= 2 && items.len() == orgs.len(), "{finding}");
    }
    findings
}

fn pairs_with<'a>(findings: &'a [Value], id: &str) -> Vec<&'a Value> {
    findings
        .iter()
        .filter(|f| {
            f["finding"] == "pair" && f["items"].as_array().unwrap().iter().any(|i| i == id)
        })
        .collect()
}

fn clusters(findings: &[Value]) -> Vec<&Value> {
    findings.iter().filter(|f| f["finding"] == "cluster").collect()
}

/// Asserts a one-line user error (exit 2) that mentions every needle.
fn assert_user_error(output: &Output, needles: &[&str]) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "expected exit 2, stderr:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one-line error expected:\n{err}");
    assert!(err.starts_with("error: "), "{err}");
    for needle in needles {
        assert!(err.contains(needle), "the error should mention {needle:?}:\n{err}");
    }
}

#[test]
fn scan_a_file_of_proposals() {
    let t = TestDir::new();
    t.index(false);
    let original = sample_record("ISO 12405-4:2018");
    let copy = serde_json::json!({
        "title": original["title"][0]["content"],
        "scope": original["abstract"][0]["content"],
        "organisation": "IEC",
    });
    let unrelated = serde_json::json!({
        "title": "Apiculture — Dimensions of movable-frame beehives for honey production",
        "scope": "This document specifies the internal dimensions of hive bodies and frames.",
    });
    t.create("programme.jsonl", format!("{copy}\n{unrelated}\n"));
    let findings = t.scan_jsonl(&["programme.jsonl"]);
    let pairs = pairs_with(&findings, "ISO 12405-4:2018");
    assert_eq!(pairs.len(), 1, "{findings:#?}");
    let pair = pairs[0];
    assert_eq!(pair["items"], serde_json::json!(["ISO 12405-4:2018", "programme.jsonl:1"]));
    assert_eq!(pair["orgs"], serde_json::json!(["ISO", "IEC"]));
    assert_eq!(pair["kind"], "same_subject");
    assert!(pair["score"].as_f64().unwrap() >= 0.5);
    assert!(!pair["evidence"]["shared_terms"].as_array().unwrap().is_empty());
    assert!(pairs_with(&findings, "programme.jsonl:2").is_empty(), "{findings:#?}");
}

#[test]
fn scan_a_markdown_proposal_and_a_records_file() {
    let t = TestDir::new();
    t.index(false);
    t.create("twin.jsonl", twin_record() + "\n");
    let proposal = repo_root().join("corpus/proposals/iot-device-onboarding.md");
    let findings = t.scan_jsonl(&["twin.jsonl", proposal.to_str().unwrap()]);
    let twin_pairs = pairs_with(&findings, TWIN);
    let pair = twin_pairs.iter().find(|p| p["items"][1] == TWIN_OF).expect("twin pair");
    assert_eq!(pair["orgs"], serde_json::json!(["IEEE", "ISO"]));
    assert_eq!(pair["states"], serde_json::json!(["under_development", "under_development"]));
    let cluster = clusters(&findings)
        .into_iter()
        .find(|c| c["items"].as_array().unwrap().iter().any(|i| i == TWIN))
        .expect("a cluster with the twin");
    assert_eq!(cluster["forum_shopping"], true, "{cluster:#}");
    assert!(cluster["evidence"]["reason"].as_str().unwrap().contains("ongoing work"));
}

#[test]
fn under_development_selection_narrowed_by_org() {
    let t = TestDir::new();
    t.index(true);
    let findings = t.scan_jsonl(&["--under-development", "--org", "IEEE"]);
    let pairs = pairs_with(&findings, TWIN);
    assert!(pairs.iter().any(|p| p["items"][1] == TWIN_OF), "{findings:#?}");
    // Only IEEE's ongoing work was scanned: every pair involves an IEEE document.
    for pair in findings.iter().filter(|f| f["finding"] == "pair") {
        assert!(pair["orgs"].as_array().unwrap().iter().any(|o| o == "IEEE"), "{pair}");
    }
    let flagged: Vec<&Value> =
        clusters(&findings).into_iter().filter(|c| c["forum_shopping"] == true).collect();
    assert_eq!(flagged.len(), 1, "{findings:#?}");
    assert_eq!(flagged[0]["ongoing_organisations"], serde_json::json!(["IEEE", "ISO"]));

    let none = t.run(&["--index", "idx", "scan", "--under-development", "--org", "OGC"]);
    assert_user_error(&none, &["nothing to scan", "OGC"]);
}

#[test]
fn scan_errors_name_the_file() {
    let t = TestDir::new();
    t.index(false);
    assert_user_error(&t.run(&["--index", "idx", "scan", "missing.jsonl"]), &["missing.jsonl"]);
    t.create("bad.jsonl", "{\"title\": \"ok\"}\nnot json at all\n");
    assert_user_error(&t.run(&["--index", "idx", "scan", "bad.jsonl"]), &["bad.jsonl", "line 2"]);
    assert_user_error(&t.run(&["--index", "idx", "scan"]), &["nothing to scan"]);
    assert_user_error(
        &t.run(&["--index", "idx", "scan", "--near-duplicates", "--threshold", "2"]),
        &["--threshold"],
    );
}

#[test]
fn csv_has_a_header_and_one_row_per_finding() {
    let t = TestDir::new();
    t.index(true);
    let jsonl = t.scan_jsonl(&["--under-development"]);
    let output =
        t.ok(&["--index", "idx", "scan", "--quiet", "--under-development", "--format", "csv"]);
    let text = stdout(&output);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("finding,kind,score,items,orgs,states,committees,forum_shopping,reason,shared_terms,titles")
    );
    assert!(text.contains(&format!("{TWIN}; {TWIN_OF}")), "{text}");
    // Rows may span lines when a field holds a newline; titles here do not.
    assert_eq!(lines.count(), jsonl.len(), "{text}");
}

#[test]
fn out_writes_the_file_and_nothing_on_stdout() {
    let t = TestDir::new();
    t.index(true);
    let output = t.ok(&["--index", "idx", "scan", "--under-development", "--out", "scan.jsonl"]);
    assert!(output.stdout.is_empty());
    let err = stderr(&output);
    assert!(err.contains("wrote scan.jsonl") && err.contains("possible forum shopping"), "{err}");
    let findings = jsonl(&std::fs::read_to_string(t.path().join("scan.jsonl")).unwrap());
    assert!(!clusters(&findings).is_empty());
    let denied =
        t.run(&["--index", "idx", "scan", "--under-development", "--out", "no/such/dir/x"]);
    assert_user_error(&denied, &["no/such/dir/x"]);
}

#[test]
fn near_duplicate_self_join_finds_the_twin() {
    let t = TestDir::new();
    t.index(true);
    let findings = t.scan_jsonl(&["--near-duplicates", "--threshold", "0.9"]);
    let pair = pairs_with(&findings, TWIN)
        .into_iter()
        .find(|p| p["items"][1] == TWIN_OF)
        .expect("the twin pair")
        .clone();
    assert_eq!(pair["score"], 1.0);
    assert_eq!(pair["evidence"]["similarity"], 1.0);
    assert_eq!(pair["kind"], "same_subject");
    assert!(clusters(&findings).iter().any(|c| c["forum_shopping"] == true));
    let ieee_only = t.scan_jsonl(&["--near-duplicates", "--org", "ITU-T"]);
    assert!(pairs_with(&ieee_only, TWIN).is_empty(), "{ieee_only:#?}");
}

/// Finds Debian's chromium, or says why the browser test is skipped.
fn chromium() -> Option<PathBuf> {
    for name in ["chromium", "chromium-browser"] {
        for dir in
            std::env::var_os("PATH").map(|p| std::env::split_paths(&p).collect::<Vec<_>>())?
        {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Runs the browser with a time limit and returns its output.
fn run_browser(browser: &Path, profile: &Path, args: &[String]) -> Output {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-dev-shm-usage",
            "--no-first-run",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    while child.try_wait().expect("wait for chromium").is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    child.wait_with_output().expect("chromium output")
}

#[test]
fn html_report_renders_clusters_and_matrix_in_a_browser() {
    let t = TestDir::new();
    t.index(true);
    t.ok(&[
        "--index",
        "idx",
        "scan",
        "--quiet",
        "--under-development",
        "--format",
        "html",
        "--out",
        "scan.html",
    ]);
    let report = t.path().join("scan.html");
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "external resource in the report"
    );
    assert!(html.contains("class=\"cluster forum-shopping\""), "no flagged cluster in the HTML");

    let Some(browser) = chromium() else {
        // CI installs the browser and sets NWIP_REQUIRE_BROWSER, so a skip there is a failure.
        assert!(
            std::env::var_os("NWIP_REQUIRE_BROWSER").is_none(),
            "NWIP_REQUIRE_BROWSER is set but no chromium is on PATH"
        );
        eprintln!("skipped: no chromium or chromium-browser on PATH (`.ci/run` installs Debian's chromium)");
        return;
    };
    let profile = t.path().join("chromium-profile");
    let url = format!("file://{}", report.display());
    let dom = run_browser(&browser, &profile, &["--dump-dom".into(), url.clone()]);
    let dom_text = stdout(&dom);
    assert!(dom.status.success(), "chromium --dump-dom failed:\n{}", stderr(&dom));
    for needle in [
        "id=\"cluster-1\"",
        "possible forum shopping",
        TWIN,
        TWIN_OF,
        "id=\"org-matrix-table\"",
        "id=\"committee-matrix\"",
    ] {
        assert!(dom_text.contains(needle), "the rendered page lacks {needle:?}:\n{dom_text}");
    }
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("scan-report.png");
    let _ = std::fs::remove_file(&screenshot);
    let shot = run_browser(
        &browser,
        &profile,
        &[format!("--screenshot={}", screenshot.display()), "--window-size=1280,2000".into(), url],
    );
    assert!(shot.status.success(), "chromium --screenshot failed:\n{}", stderr(&shot));
    let bytes = std::fs::read(&screenshot).expect("the screenshot was written");
    assert!(bytes.len() > 10_000 && bytes.starts_with(b"\x89PNG"), "not a PNG screenshot");
    eprintln!("screenshot of the report: {}", screenshot.display());
}

#[test]
fn scan_help_shows_examples() {
    let t = TestDir::new();
    let help = stdout(&t.ok(&["scan", "--help"]));
    assert!(help.contains("Examples:") && help.contains("nwip scan --under-development"), "{help}");
    for flag in
        ["--under-development", "--org", "--committee", "--format", "--out", "--near-duplicates"]
    {
        assert!(help.contains(flag), "{flag} missing from help:\n{help}");
    }
}
