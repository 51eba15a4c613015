//! In-process HTTP tests of every route, good and bad input, on an index of the bundled sample
//! corpus (`corpus/samples`), through `tower::ServiceExt::oneshot`: no port, no process.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use serde_json::Value;
use tower::ServiceExt;

use super::api::OPENAPI;
use super::router;
use super::state::{AppState, Limits};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn sample_records() -> Vec<nwip::Record> {
    nwip::corpus::read_dir(repo_root().join("corpus/samples")).expect("read the samples").records
}

/// One in-memory engine over the samples, shared by the tests.
fn engine() -> nwip::Engine {
    static ENGINE: OnceLock<nwip::Engine> = OnceLock::new();
    ENGINE
        .get_or_init(|| {
            let engine = nwip::Engine::from_records(sample_records()).expect("index the samples");
            engine.reconfigured(nwip::Engine::builder().limit(super::state::MAX_LIMIT))
        })
        .clone()
}

fn app_with(limits: Limits) -> Router {
    let state = AppState::with_engine(Path::new("/nonexistent/nwip-index"), engine(), limits);
    router(Arc::new(state))
}

fn app() -> Router {
    app_with(Limits::default())
}

struct Answer {
    status: StatusCode,
    content_type: String,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// Asserts a JSON error with `status` whose message holds every needle.
    fn assert_error(&self, status: StatusCode, needles: &[&str]) {
        assert_eq!(self.status, status, "{}", self.body);
        assert!(self.content_type.starts_with("application/json"), "{}", self.content_type);
        let message = self.json()["error"].as_str().expect("an error message").to_string();
        assert!(!message.contains('\n'), "{message}");
        for needle in needles {
            assert!(message.contains(needle), "{needle:?} not in {message:?}");
        }
    }
}

async fn send(app: Router, request: Request<Body>) -> Answer {
    let response = app.oneshot(request).await.expect("the router answers");
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_string();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    Answer { status, content_type, body: String::from_utf8_lossy(&bytes).into_owned() }
}

fn post(uri: &str, content_type: &str, body: impl Into<Body>) -> Request<Body> {
    let mut request = Request::builder().method(Method::POST).uri(uri);
    if !content_type.is_empty() {
        request = request.header(header::CONTENT_TYPE, content_type);
    }
    request.body(body.into()).unwrap()
}

fn get(uri: &str) -> Request<Body> {
    Request::builder().uri(uri).body(Body::empty()).unwrap()
}

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("corpus/proposals").join(name)).expect("a sample proposal")
}

/// A multipart body with a file field and text fields.
fn multipart(file: Option<(&str, &[u8])>, fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "nwip-test-boundary-7d2f";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    if let Some((file_name, bytes)) = file {
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

const IOT: &str = r#"{"title": "Internet of Things — Secure onboarding of constrained devices",
  "scope": "This document specifies device onboarding and credential provisioning for constrained IoT devices.",
  "organisation": "IEEE"}"#;

fn top_id(report: &Value) -> &str {
    report["overlaps"][0]["record"]["id"].as_str().expect("a first overlap")
}

#[tokio::test]
async fn check_json_answers_the_command_line_report() {
    let answer = send(app(), post("/api/check", "application/json", IOT)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let report = answer.json();
    for key in
        ["proposal", "ranking", "overlaps", "committees", "liaisons", "cross_check", "candidates"]
    {
        assert!(report.get(key).is_some(), "no {key} in {report}");
    }
    assert_eq!(top_id(&report), "ISO/IEC CD 30189");
    assert_eq!(report["overlaps"].as_array().unwrap().len(), 10, "default limit");

    let limited = send(
        app(),
        post("/api/check?limit=2&min_score=0.01&home_org=ISO", "application/json", IOT),
    )
    .await;
    let overlaps = limited.json()["overlaps"].as_array().unwrap().clone();
    assert!(!overlaps.is_empty() && overlaps.len() <= 2, "{overlaps:?}");
    assert!(overlaps.iter().all(|o| o["score"].as_f64().unwrap() >= 0.01));
    assert!(limited.json().get("timings").is_none(), "no timings unless asked");

    let timed = send(app(), post("/api/check?timings=true", "application/json", IOT)).await;
    let timed = timed.json();
    assert_eq!(top_id(&timed), "ISO/IEC CD 30189", "the same check");
    let total = timed["timings"]["total"].as_f64().expect("the check's total milliseconds");
    assert!(total >= timed["timings"]["ranking"].as_f64().unwrap(), "{timed}");
}

#[tokio::test]
async fn check_reads_markdown_text_and_uploaded_files() {
    let markdown = sample("iot-device-onboarding.md");
    let answer =
        send(app(), post("/api/check", "text/markdown; charset=utf-8", markdown.clone())).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(top_id(&answer.json()), "ISO/IEC CD 30189");

    let docx = sample("iec-np-ev-fast-charging-management.docx");
    let (content_type, body) = multipart(Some(("np.docx", &docx)), &[("committee", "IEC/TC 69")]);
    let answer = send(app(), post("/api/check", &content_type, body)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let report = answer.json();
    // IEEE P2030.13 (fast charging station management) is the same subject in another
    // organisation; IEC 61851-1 is the general standard the proposal builds on.
    assert!(["IEEE P2030.13", "IEC 61851-1:2017"].contains(&top_id(&report)), "{report}");
    assert_eq!(report["proposal"]["committee"], "IEC/TC 69");

    let raw = post(
        "/api/check",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        docx,
    );
    assert_eq!(send(app(), raw).await.status, StatusCode::OK);
}

#[tokio::test]
async fn check_refuses_bad_input_with_a_json_error() {
    send(app(), post("/api/check", "text/csv", "a,b"))
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &["text/csv", "application/json"]);
    send(app(), post("/api/check", "", IOT))
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &["no content type"]);
    send(app(), post("/api/check", "application/json", "{\"title\": "))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["invalid json", "line 1"]);
    send(app(), post("/api/check", "application/json", "{}"))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, &["empty"]);
    send(app(), post("/api/check", "text/plain", "  \n "))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, &["the draft is empty"]);
    send(app(), post("/api/check", "application/json", vec![0xffu8, 0xfe, 0x00]))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["not UTF-8"]);
    send(app(), post("/api/check?limit=0", "application/json", IOT))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["limit"]);
    send(app(), post("/api/check?min_score=2", "application/json", IOT))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["min_score"]);
    send(app(), post("/api/check?colour=red", "application/json", IOT))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["colour"]);
    send(app(), post("/api/check?limit=many", "application/json", IOT))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["limit"]);
    send(app(), post("/api/check?timings=maybe", "application/json", IOT))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["timings"]);
    let (content_type, body) = multipart(Some(("form.docx", b"PK\x03\x04 not really")), &[]);
    send(app(), post("/api/check", &content_type, body)).await.assert_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        &["form.docx", "not a readable .docx file"],
    );
    let (content_type, _) = multipart(None, &[]);
    send(app(), post("/api/check", &content_type, "--broken"))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["multipart"]);
    send(app(), get("/api/check"))
        .await
        .assert_error(StatusCode::METHOD_NOT_ALLOWED, &["method GET not allowed"]);
}

#[tokio::test]
async fn a_check_waits_for_its_turn_while_every_turn_is_taken() {
    let state = Arc::new(AppState::with_engine(
        Path::new("/nonexistent/nwip-index"),
        engine(),
        Limits::default(),
    ));
    let mut taken = Vec::new();
    for _ in 0..super::state::concurrent_checks() {
        taken.push(state.turn().await);
    }
    let waiting =
        tokio::spawn(send(router(Arc::clone(&state)), post("/api/check", "application/json", IOT)));
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!waiting.is_finished(), "answered without a turn");
    taken.pop();
    let answer = waiting.await.expect("the request runs");
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(top_id(&answer.json()), "ISO/IEC CD 30189");
}

#[tokio::test]
async fn oversize_bodies_and_slow_requests_are_refused() {
    let small = Limits { max_body_bytes: 1024, ..Limits::default() };
    let big = format!("{{\"title\": \"{}\"}}", "x".repeat(4096));
    send(app_with(small.clone()), post("/api/check", "application/json", big.clone()))
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE, &["larger than"]);
    let (content_type, body) = multipart(Some(("big.md", big.as_bytes())), &[]);
    send(app_with(small.clone()), post("/api/check", &content_type, body))
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE, &["too large"]);
    let scan = format!("{IOT}\n").replace('\n', " ").repeat(20);
    send(app_with(small), post("/api/scan", "application/x-ndjson", scan))
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE, &["larger than"]);

    let hurried = Limits { timeout: Duration::from_nanos(1), ..Limits::default() };
    send(app_with(hurried), post("/api/check", "application/json", IOT))
        .await
        .assert_error(StatusCode::SERVICE_UNAVAILABLE, &["took too long"]);
}

#[tokio::test]
async fn records_stats_and_unknown_routes() {
    let answer = send(app(), get("/api/records/ISO%2FIEC%20CD%2030189")).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.json()["record"]["id"], "ISO/IEC CD 30189");
    let editions = send(app(), get("/api/records/ISO%209001%3A2015")).await.json();
    let ids: Vec<&str> = editions["editions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"ISO/DIS 9001"), "{ids:?}");
    // An undated identifier names the document: its newest record.
    let undated = send(app(), get("/api/records/ISO%209001")).await.json();
    assert_eq!(undated["record"]["id"], "ISO 9001:2015", "{undated}");
    // An unencoded slash works too.
    assert_eq!(send(app(), get("/api/records/ISO/IEC%20CD%2030189")).await.status, StatusCode::OK);
    send(app(), get("/api/records/ISO%2099999"))
        .await
        .assert_error(StatusCode::NOT_FOUND, &["no record", "ISO 99999"]);

    let stats = send(app(), get("/api/stats")).await;
    assert_eq!(stats.status, StatusCode::OK);
    assert_eq!(stats.json()["records"].as_u64(), Some(sample_records().len() as u64));

    send(app(), get("/api/nothing")).await.assert_error(StatusCode::NOT_FOUND, &["/api/nothing"]);
    let page = send(app(), get("/nothing")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.content_type.starts_with("text/html"));
}

fn lines(body: &str) -> Vec<Value> {
    body.lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect()
}

#[tokio::test]
async fn scan_streams_findings_as_json_lines() {
    let onboarding = r#"{"id": "draft-1", "title": "Internet of Things (IoT) — Device onboarding and credential provisioning for constrained devices", "scope": "This document specifies onboarding and credential provisioning for constrained IoT devices.", "organisation": "IEEE"}"#;
    let quality =
        r#"{"title": "Quality management systems — Requirements", "organisation": "IEEE"}"#;
    let body = format!("{onboarding}\n\n{quality}\n");
    // ISO 9001's own title scores about .1 with the model refitted on reworded proposals (a
    // known regression of identical titles, issue 11's note): read findings from .1.
    let answer = send(app(), post("/api/scan?min_score=0.1", "application/x-ndjson", body)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.content_type, "application/x-ndjson");
    let findings = lines(&answer.body);
    assert!(findings.iter().all(|f| f.get("error").is_none()), "{findings:?}");
    let pair = findings
        .iter()
        .find(|f| {
            f["finding"] == "pair" && f["items"][0] == "draft-1" || f["items"][1] == "draft-1"
        })
        .unwrap_or_else(|| panic!("no finding for draft-1: {findings:?}"));
    assert!(
        pair["items"].as_array().unwrap().iter().any(|item| item == "ISO/IEC CD 30189"),
        "{pair}"
    );
    assert!(findings.iter().any(|f| f["items"].as_array().unwrap().iter().any(|i| i == "line 3")));
}

#[tokio::test]
async fn scan_refuses_bad_input() {
    send(
        app(),
        post(
            "/api/scan",
            "application/x-ndjson",
            format!("{IOT}\n{{\"title\": 3}}\n").replace(",\n  ", ", "),
        ),
    )
    .await
    .assert_error(StatusCode::UNPROCESSABLE_ENTITY, &["line 2", "title"]);
    send(app(), post("/api/scan", "application/x-ndjson", "{\"title\": \"T\"\n"))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["line 1", "invalid json"]);
    send(app(), post("/api/scan", "application/x-ndjson", "\n\n"))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, &["no proposals"]);
    send(app(), post("/api/scan", "text/markdown", "# T"))
        .await
        .assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &["text/markdown"]);
    send(app(), post("/api/scan?min_score=-1", "application/x-ndjson", "{\"title\": \"T\"}"))
        .await
        .assert_error(StatusCode::BAD_REQUEST, &["min_score"]);
    let few = Limits { max_scan_items: 1, ..Limits::default() };
    send(
        app_with(few),
        post("/api/scan", "application/x-ndjson", "{\"title\": \"A\"}\n{\"title\": \"B\"}\n"),
    )
    .await
    .assert_error(StatusCode::PAYLOAD_TOO_LARGE, &["more than 1 proposals"]);
}

/// Every operation of the OpenAPI document is a route, and every API route is in the document.
#[tokio::test]
async fn openapi_document_matches_the_routes() {
    let answer = send(app(), get("/api/openapi.json")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let document = answer.json();
    assert_eq!(serde_json::from_str::<Value>(OPENAPI).unwrap(), document);
    let paths = document["paths"].as_object().unwrap();
    let mut operations = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            operations.push((method.to_uppercase(), path.replace("{id}", "ISO%209001%3A2015")));
        }
    }
    assert_eq!(operations.len(), 5, "{operations:?}");
    for (method, path) in &operations {
        let request = Request::builder()
            .method(method.as_str())
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(IOT))
            .unwrap();
        let status = send(app(), request).await.status;
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}: {status}"
        );
    }
    // And the other way: the API's routes are all documented.
    for route in ["/api/check", "/api/records/{id}", "/api/stats", "/api/scan", "/api/openapi.json"]
    {
        assert!(paths.contains_key(route), "{route} is not documented");
    }
}

#[tokio::test]
async fn page_form_report_and_record_pages() {
    let home = send(app(), get("/")).await;
    assert_eq!(home.status, StatusCode::OK);
    for needle in [
        "<label for=\"draft\">",
        "<label for=\"file\">",
        "<label for=\"organisation\">",
        "<option>IEC</option>",
        "/assets/page.css",
    ] {
        assert!(home.body.contains(needle), "{needle} missing from the home page");
    }
    let draft =
        "Internet%20of%20Things%20%E2%80%94%20Device%20onboarding%20of%20constrained%20devices%0A\
                 Credential%20provisioning%20for%20constrained%20IoT%20devices.";
    let report = send(app(), get(&format!("/check?draft={draft}&organisation=IEEE"))).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    for needle in [
        "href=\"/records/ISO%2FIEC%20CD%2030189\"",
        "data:text/markdown;charset=utf-8,%23%20Overlap%20check",
        "data:application/json",
        "id=\"filters\"",
        "<mark>",
        "Liaisons to contact",
        "Committees that own the subject",
        // what a committee suggestion rests on (CommitteeSuggestion::grounds)
        "near the subject</span>",
        "Cross-check",
    ] {
        assert!(report.body.contains(needle), "{needle} missing from the report page");
    }
    let docx = sample("iec-np-ev-fast-charging-management.docx");
    let (content_type, body) =
        multipart(Some(("np.docx", &docx)), &[("draft", ""), ("organisation", "IEC")]);
    let uploaded = send(app(), post("/check", &content_type, body)).await;
    assert_eq!(uploaded.status, StatusCode::OK, "{}", uploaded.body);
    assert!(uploaded.body.contains("IEC 61851-1:2017"));
    let form = send(
        app(),
        post("/check", "application/x-www-form-urlencoded", "draft=Pumps%20for%20water&committee="),
    )
    .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);

    let empty = send(app(), post("/check", "application/x-www-form-urlencoded", "draft=%20")).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("role=\"alert\"") && empty.body.contains("the draft is empty"));

    let record = send(app(), get("/records/ISO%209001%3A2015")).await;
    assert_eq!(record.status, StatusCode::OK);
    for needle in [
        "Quality management systems",
        "Editions of this document",
        "href=\"/records/ISO%2FDIS%209001\"",
        "What it overlaps",
    ] {
        assert!(record.body.contains(needle), "{needle} missing from the record page");
    }
    assert_eq!(send(app(), get("/records/ISO%2099999")).await.status, StatusCode::NOT_FOUND);
    let css = send(app(), get("/assets/page.css")).await;
    assert!(css.content_type.starts_with("text/css") && css.body.contains("--ink"));
    let js = send(app(), get("/assets/page.js")).await;
    assert!(js.content_type.starts_with("text/javascript") && js.body.contains("filters"));
}

/// A new index put in place is picked up; an engine taken before goes on answering.
#[tokio::test]
async fn a_new_index_is_opened_and_old_requests_finish_on_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("idx");
    let mut records = sample_records();
    let extra = records.pop().expect("a sample record");
    let build = |records: Vec<nwip::Record>| {
        nwip::index::IndexBuilder::new()
            .threads(1)
            .build(&index, records, &[], 0)
            .expect("build the index");
    };
    build(records.clone());
    let state = AppState::open(&index, Limits::default()).unwrap();
    let before = state.engine();
    assert_eq!(state.reopen_if_changed(false).unwrap(), None, "nothing changed");
    records.push(extra);
    build(records.clone());
    assert_eq!(state.reopen_if_changed(false).unwrap(), Some(records.len()));
    assert_eq!(state.engine().index().meta().records, records.len());
    assert_eq!(before.index().meta().records, records.len() - 1);
    let proposal = nwip::Proposal::from_json(IOT).unwrap();
    assert!(
        !before.check(&proposal).unwrap().overlaps().is_empty(),
        "the old engine still answers"
    );
    assert_eq!(state.reopen_if_changed(true).unwrap(), Some(records.len()), "SIGHUP reopens");
    // A new index whose side tables cannot be read is not swapped in: the error names the file.
    let open = records.len();
    records.pop();
    build(records.clone());
    let current = std::fs::read_to_string(index.join(nwip::index::CURRENT_FILE)).unwrap();
    let bridge = index.join(current.trim()).join("bridge.bin");
    std::fs::write(&bridge, b"not a bilingual table").unwrap();
    let error = format!("{:#}", state.reopen_if_changed(false).unwrap_err());
    assert!(error.contains("bridge.bin"), "{error}");
    assert_eq!(state.engine().index().meta().records, open, "the open index still serves");
    // A missing index (mid-swap) keeps the open one.
    std::fs::rename(&index, dir.path().join("aside")).unwrap();
    assert_eq!(state.reopen_if_changed(false).unwrap(), None);
    assert_eq!(state.engine().index().meta().records, open);
}
