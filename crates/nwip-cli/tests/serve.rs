//! End-to-end test of `nwip serve` (issue #12): the built executable serves an index of the
//! bundled sample corpus on an ephemeral loopback port; a real headless browser (Debian's
//! chromium) submits a sample draft and the expected document is found in the rendered page; a
//! screenshot is saved and its path printed. A new index built while the server runs is picked
//! up, and SIGTERM stops the server cleanly.
//!
//! Without chromium the browser part is skipped with a printed reason, unless
//! `NWIP_REQUIRE_BROWSER` is set (CI sets it), when a skip is a failure.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn nwip(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nwip"))
        .current_dir(dir)
        .env_remove("NWIP_INDEX")
        .stdin(Stdio::null())
        .args(args)
        .output()
        .expect("run nwip")
}

fn index(dir: &Path, extra: Option<&Path>) {
    let samples = repo_root().join("corpus/samples");
    let mut args =
        vec!["--index", "idx", "index", "--quiet", "--threads", "1", samples.to_str().unwrap()];
    if let Some(extra) = extra {
        args.push(extra.to_str().unwrap());
    }
    let output = nwip(dir, &args);
    assert!(output.status.success(), "nwip index: {}", String::from_utf8_lossy(&output.stderr));
}

/// The running server; killed if the test fails before stopping it.
struct Server {
    child: Option<Child>,
    address: String,
    log: Arc<Mutex<String>>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nwip"))
            .current_dir(dir)
            .env_remove("NWIP_INDEX")
            .args(["--index", "idx", "serve", "--bind", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start nwip serve");
        let stderr = child.stderr.take().expect("stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let (first_line, receive) = mpsc::channel();
        let copy = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                copy.lock().unwrap().push_str(&(line.clone() + "\n"));
                let _ = first_line.send(line);
            }
        });
        let line = receive
            .recv_timeout(Duration::from_secs(60))
            .expect("the server says where it listens");
        let address = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        Server { child: Some(child), address, log }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// A GET over plain HTTP/1.1: the status and the body.
    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connect to the server");
        stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("read the response");
        let status =
            response.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
        let body = response.split_once("\r\n\r\n").map_or("", |(_, body)| body).to_string();
        (status, body)
    }

    fn records(&self) -> u64 {
        let (status, body) = self.get("/api/stats");
        assert_eq!(status, 200, "{body}");
        serde_json::from_str::<Value>(&body).expect("stats json")["records"]
            .as_u64()
            .expect("records")
    }

    /// Sends a signal (`-HUP`, `-TERM`) to the server.
    fn signal(&self, signal: &str) {
        let child = self.child.as_ref().expect("running");
        let sent =
            Command::new("kill").args([signal, &child.id().to_string()]).status().expect("kill");
        assert!(sent.success(), "kill {signal} failed");
    }

    /// Sends SIGTERM and waits for a clean exit.
    fn terminate(&mut self) -> std::process::ExitStatus {
        self.signal("-TERM");
        let mut child = self.child.take().expect("running");
        let started = Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("wait for nwip serve") {
                return status;
            }
            if started.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("nwip serve did not stop after SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Percent-encodes a query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

/// Finds Debian's chromium, or says why the browser part is skipped.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
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
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    // Read its output as it comes: a page's DOM is larger than a pipe's buffer.
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: stdout.join().expect("chromium stdout"),
        stderr: stderr.join().expect("chromium stderr"),
    }
}

fn browser_part(server: &Server, dir: &Path) {
    let Some(browser) = chromium() else {
        assert!(
            std::env::var_os("NWIP_REQUIRE_BROWSER").is_none(),
            "NWIP_REQUIRE_BROWSER is set but no chromium is on PATH"
        );
        eprintln!("skipped the browser part: no chromium or chromium-browser on PATH (`.ci/run` installs Debian's chromium)");
        return;
    };
    let profile = dir.join("chromium-profile");
    let draft =
        std::fs::read_to_string(repo_root().join("corpus/proposals/iot-device-onboarding.md"))
            .unwrap();
    let url = server.url(&format!("/check?draft={}&organisation=IEEE", encode(&draft)));
    let dom = run_browser(&browser, &profile, &["--dump-dom".into(), url.clone()]);
    assert!(
        dom.status.success(),
        "chromium --dump-dom failed:\n{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout).into_owned();
    let first = dom.find("<li class=\"overlap\"").expect("an overlap in the rendered page");
    let expected =
        dom.find(">ISO/IEC CD 30189</a>").expect("the expected document in the rendered page");
    assert!(expected > first, "the expected document is not in the overlap list");
    assert!(
        dom.contains("<fieldset class=\"filters\" id=\"filters\">"),
        "the filter script did not run (the filter bar is still hidden)"
    );
    assert!(dom.contains("Liaisons to contact") && dom.contains("Download Markdown"));

    let record = run_browser(
        &browser,
        &profile,
        &["--dump-dom".into(), server.url("/records/ISO%2FIEC%20CD%2030189")],
    );
    let record = String::from_utf8_lossy(&record.stdout).into_owned();
    assert!(
        record.contains("Editions of this document") && record.contains("What it overlaps"),
        "{record}"
    );

    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("serve-report.png");
    let _ = std::fs::remove_file(&screenshot);
    let shot = run_browser(
        &browser,
        &profile,
        &[format!("--screenshot={}", screenshot.display()), "--window-size=1366,1800".into(), url],
    );
    assert!(
        shot.status.success(),
        "chromium --screenshot failed:\n{}",
        String::from_utf8_lossy(&shot.stderr)
    );
    let bytes = std::fs::read(&screenshot).expect("the screenshot was written");
    assert!(bytes.len() > 10_000 && bytes.starts_with(b"\x89PNG"), "not a PNG screenshot");
    eprintln!("screenshot of the page: {}", screenshot.display());
}

/// A Relaton record the sample corpus lacks, to make the second index differ from the first.
const EXTRA_RECORD: &str = r#"{"docid":[{"id":"IEEE P9998","type":"IEEE","primary":true}],"docstatus":{"stage":{"value":"draft"}},"title":[{"content":"Draft Standard for Secure Onboarding of Constrained Building Automation Devices","language":"en"}]}"#;

#[test]
fn serve_answers_a_browser_reloads_a_new_index_and_stops_on_sigterm() {
    let dir = tempfile::Builder::new().prefix("nwip-serve-test-").tempdir().expect("temp dir");
    index(dir.path(), None);
    let mut server = Server::start(dir.path());
    let before = server.records();
    assert!(before > 40, "{before} records");
    let (status, body) = server.get("/api/records/ISO%2099999");
    assert_eq!(status, 404);
    assert!(body.contains("\"error\""), "{body}");

    browser_part(&server, dir.path());

    // A new index swapped in by `nwip index` is served without a restart.
    let extra = dir.path().join("extra.jsonl");
    std::fs::write(&extra, format!("{EXTRA_RECORD}\n")).unwrap();
    index(dir.path(), Some(&extra));
    let started = Instant::now();
    while server.records() == before {
        assert!(started.elapsed() < Duration::from_secs(60), "the new index was not picked up");
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(server.records(), before + 1);
    let (status, _) = server.get("/api/records/IEEE%20P9998");
    assert_eq!(status, 200);

    // SIGHUP reopens the index at once, changed or not.
    let opened =
        |server: &Server| server.log.lock().unwrap().matches("opened the new index").count();
    let reopened = opened(&server);
    server.signal("-HUP");
    let started = Instant::now();
    while opened(&server) == reopened {
        assert!(started.elapsed() < Duration::from_secs(60), "SIGHUP did not reopen the index");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(server.records(), before + 1);

    let status = server.terminate();
    assert!(status.success(), "nwip serve exited with {status}");
    let log = server.log.lock().unwrap().clone();
    assert!(log.contains("opened the new index") && log.contains("stopped"), "{log}");
}

#[test]
fn serve_without_an_index_says_how_to_build_one() {
    let dir = tempfile::Builder::new().prefix("nwip-serve-test-").tempdir().expect("temp dir");
    let output = nwip(dir.path(), &["--index", "missing", "serve", "--bind", "127.0.0.1:0"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.starts_with("error: cannot open the index at missing"), "{stderr}");
    assert!(stderr.contains("nwip index"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let output = nwip(dir.path(), &["serve", "--bind", "not-an-address"]);
    assert_eq!(output.status.code(), Some(2));
}
