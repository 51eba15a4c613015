//! The JSON API. Its shapes are the command line's: a check answers `nwip check --format json`,
//! a scan streams `nwip scan` JSON lines, the statistics are `nwip stats --format json`.
//! Errors are `{"error": "..."}` with a 4xx or 5xx status.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use nwip::scan::{Finding, ScanItem, ScanOptions, ScanSink};
use nwip::{Engine, Proposal, Record, Report};
use serde::Deserialize;
use serde_json::Value;

use super::input::{self, body_bytes, media_type, read_multipart, utf8};
use super::routes::{one_line, Failure};
use super::state::{AppState, MAX_LIMIT};

/// The hand-written OpenAPI document (tested against the routes).
pub(crate) const OPENAPI: &str = include_str!("openapi.json");

/// Options of a check, from the query string.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CheckOptions {
    /// How many overlaps to list (1 to 100; default 10).
    pub(crate) limit: Option<usize>,
    /// Hide overlaps scoring below this (0 to 1).
    pub(crate) min_score: Option<f32>,
    /// The organisation whose committees are proposed as owners when the proposal names none.
    pub(crate) home_org: Option<String>,
    /// Whether the report says how long each stage of the check took (`timings`).
    pub(crate) timings: Option<bool>,
}

impl CheckOptions {
    pub(crate) fn from_query(query: Option<&str>) -> Result<CheckOptions, Failure> {
        let options: CheckOptions = serde_urlencoded_query(query)?;
        if options.limit.is_some_and(|limit| limit == 0 || limit > MAX_LIMIT) {
            return Err(Failure::bad_request(format!("limit must be between 1 and {MAX_LIMIT}")));
        }
        if options.min_score.is_some_and(|score| !(0.0..=1.0).contains(&score)) {
            return Err(Failure::bad_request("min_score must be between 0 and 1"));
        }
        Ok(options)
    }

    /// Returns a copy of `engine` with these options.
    pub(crate) fn engine(&self, engine: &Engine) -> Engine {
        let home_org = self.home_org.as_deref().map(str::trim).filter(|org| !org.is_empty());
        engine.reconfigured(
            Engine::builder()
                .limit(self.limit.unwrap_or(10))
                .min_score(self.min_score.unwrap_or(0.0))
                .home_org(home_org.map(str::to_string))
                .timings(self.timings.unwrap_or(false)),
        )
    }
}

fn serde_urlencoded_query<T: serde::de::DeserializeOwned + Default>(
    query: Option<&str>,
) -> Result<T, Failure> {
    let Some(query) = query.filter(|query| !query.is_empty()) else {
        return Ok(T::default());
    };
    let uri: axum::http::Uri =
        format!("/?{query}").parse().map_err(|_| Failure::bad_request("malformed query string"))?;
    axum::extract::Query::<T>::try_from_uri(&uri)
        .map(|query| query.0)
        .map_err(|rejection| Failure::bad_request(format!("bad query: {}", rejection.body_text())))
}

/// Reads a proposal (parsing a `.docx` is CPU work too) and checks it, on the blocking pool,
/// with the engine in use when the request came.
pub(crate) async fn run_check(
    state: &AppState,
    read: impl FnOnce() -> Result<Proposal, Failure> + Send + 'static,
    options: &CheckOptions,
) -> Result<Report, Failure> {
    let engine = options.engine(&state.engine());
    state
        .run_blocking(move || engine.check(&read()?).map_err(engine_failure))
        .await
        .map_err(|error| Failure::internal(format!("the check failed: {error}")))?
}

/// A library error: 422 when the user can fix it, 500 otherwise.
pub(crate) fn engine_failure(error: nwip::Error) -> Failure {
    if error.is_user_error() {
        Failure::unprocessable(one_line(&error))
    } else {
        Failure::internal(format!("internal error: {}", one_line(&error)))
    }
}

/// `POST /api/check`: a JSON proposal, a text body, or a multipart upload.
pub(crate) async fn check(State(state): State<Arc<AppState>>, request: Request) -> Response {
    match check_request(&state, request).await {
        Ok(report) => Json(report).into_response(),
        Err(failure) => failure.into_response(),
    }
}

async fn check_request(state: &AppState, request: Request) -> Result<Report, Failure> {
    let options = CheckOptions::from_query(request.uri().query())?;
    let limit = state.limits.max_body_bytes;
    match media_type(&request).as_str() {
        "application/json" => {
            let bytes = body_bytes(request.into_body(), limit).await?;
            let read = move || Proposal::from_json(utf8(&bytes)?).map_err(input::proposal_failure);
            run_check(state, read, &options).await
        }
        "text/plain" | "text/markdown" | "text/x-markdown" => {
            let bytes = body_bytes(request.into_body(), limit).await?;
            run_check(state, move || input::read_text(utf8(&bytes)?), &options).await
        }
        "multipart/form-data" => {
            let submission = read_multipart(request).await?;
            run_check(state, move || submission.proposal(), &options).await
        }
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/octet-stream" => {
            let bytes = body_bytes(request.into_body(), limit).await?;
            let read = move || {
                Proposal::read_bytes(std::path::Path::new("upload"), &bytes)
                    .map_err(input::proposal_failure)
            };
            run_check(state, read, &options).await
        }
        "" => Err(unsupported("no content type")),
        other => Err(unsupported(&format!("content type {other}"))),
    }
}

fn unsupported(what: &str) -> Failure {
    Failure::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!(
            "{what} is not supported: send application/json (a proposal), text/plain or \
             text/markdown (a draft), or multipart/form-data with a file"
        ),
    )
}

/// A record and the other editions of its document.
#[derive(Debug, serde::Serialize)]
pub(crate) struct RecordAnswer {
    pub(crate) record: Record,
    pub(crate) editions: Vec<Record>,
}

/// Finds the record with this identifier and the other records of its document.
pub(crate) fn find_record(engine: &Engine, id: &str) -> Result<Option<RecordAnswer>, Failure> {
    let id = id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    let key = nwip::corpus::docid::document_key(id);
    let hits = engine.index().searcher().find_keys(&[key], 500).map_err(|error| {
        Failure::internal(format!("cannot search the index: {}", one_line(&error)))
    })?;
    let folded = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let wanted = folded(id);
    let mut records: Vec<Record> = hits.into_iter().map(|hit| hit.record).collect();
    let position = records
        .iter()
        .position(|record| record.id == id)
        .or_else(|| records.iter().position(|record| folded(&record.id) == wanted));
    // An identifier without a year (`ISO/IEC 30141`, as proposals cite documents) names the
    // document: its newest record.
    let position = position.or_else(|| {
        let undated =
            nwip::corpus::docid::DocId::parse(id).is_some_and(|parsed| parsed.year.is_none());
        let newest = records.iter().enumerate().max_by(|(_, a), (_, b)| a.date.cmp(&b.date));
        newest.filter(|_| undated).map(|(index, _)| index)
    });
    let Some(position) = position else { return Ok(None) };
    let record = records.remove(position);
    records.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    records.dedup_by(|a, b| a.id == b.id);
    Ok(Some(RecordAnswer { record, editions: records }))
}

/// `GET /api/records/{id}`: the record and the other editions of its document.
pub(crate) async fn record(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<RecordAnswer>, Failure> {
    let engine = state.engine();
    let lookup = id.clone();
    // A look-up by identifier is cheap: it does not wait for a turn behind checks.
    let answer = tokio::task::spawn_blocking(move || find_record(&engine, &lookup))
        .await
        .map_err(|error| Failure::internal(format!("the look-up failed: {error}")))??;
    answer.map(Json).ok_or_else(|| {
        Failure::new(StatusCode::NOT_FOUND, format!("no record {id:?} in the index"))
    })
}

/// `GET /api/stats`: what the index holds (`nwip stats --format json`).
pub(crate) async fn stats(State(state): State<Arc<AppState>>) -> Json<Value> {
    let engine = state.engine();
    Json(serde_json::to_value(engine.index().meta()).unwrap_or(Value::Null))
}

/// `GET /api/openapi.json`.
pub(crate) async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// Options of a scan, from the query string.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanQuery {
    min_score: Option<f32>,
    cluster_score: Option<f32>,
}

/// `POST /api/scan`: JSON lines of proposals in, findings out as JSON lines, as they are found.
pub(crate) async fn scan(State(state): State<Arc<AppState>>, request: Request) -> Response {
    match scan_request(state, request).await {
        Ok(response) => response,
        Err(failure) => failure.into_response(),
    }
}

async fn scan_request(state: Arc<AppState>, request: Request) -> Result<Response, Failure> {
    let query: ScanQuery = serde_urlencoded_query(request.uri().query())?;
    let mut options = ScanOptions::default();
    for (name, value) in [("min_score", query.min_score), ("cluster_score", query.cluster_score)] {
        if value.is_some_and(|value| !(0.0..=1.0).contains(&value)) {
            return Err(Failure::bad_request(format!("{name} must be between 0 and 1")));
        }
    }
    options.min_score = query.min_score.unwrap_or(options.min_score);
    options.cluster_score =
        query.cluster_score.unwrap_or(options.cluster_score).max(options.min_score);
    match media_type(&request).as_str() {
        "application/x-ndjson"
        | "application/jsonl"
        | "application/json-lines"
        | "application/json"
        | "text/plain" => {}
        "" => return Err(unsupported_lines("no content type")),
        other => return Err(unsupported_lines(&format!("content type {other}"))),
    }
    let bytes = body_bytes(request.into_body(), state.limits.max_body_bytes).await?;
    let items = scan_items(utf8(&bytes)?, state.limits.max_scan_items)?;
    let engine = state.engine();
    let (sender, receiver) = tokio::sync::mpsc::channel::<String>(64);
    let turn = state.turn().await;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let mut sink = LineSink { sender: sender.clone() };
        if let Err(error) = engine.scan(&items, &options, &mut sink) {
            let line = serde_json::json!({ "error": one_line(&error) }).to_string() + "\n";
            let _ = sender.blocking_send(line);
        }
    });
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|line| (Ok::<_, std::convert::Infallible>(line), receiver))
    });
    Ok(([(header::CONTENT_TYPE, "application/x-ndjson")], Body::from_stream(stream))
        .into_response())
}

fn unsupported_lines(what: &str) -> Failure {
    Failure::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        format!("{what} is not supported: send application/x-ndjson, one JSON proposal per line"),
    )
}

/// Reads JSON lines of proposals; an item is named by its `id` field, else by its line.
fn scan_items(text: &str, max_items: usize) -> Result<Vec<ScanItem>, Failure> {
    let mut items = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let number = index + 1;
        let proposal = Proposal::from_json(line).map_err(|error| {
            let failure = input::proposal_failure(error);
            Failure::new(failure.status, format!("line {number}: {}", failure.message))
        })?;
        let id = serde_json::from_str::<Value>(line)
            .ok()
            .and_then(|value| value.get("id").and_then(Value::as_str).map(str::to_string))
            .unwrap_or_else(|| format!("line {number}"));
        items.push(ScanItem::from_proposal(id, proposal));
        if items.len() > max_items {
            return Err(Failure::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!(
                    "more than {max_items} proposals: scan a larger programme with `nwip scan`"
                ),
            ));
        }
    }
    if items.is_empty() {
        return Err(Failure::unprocessable("no proposals: send one JSON proposal per line"));
    }
    Ok(items)
}

/// Sends each finding as a JSON line to the response; stops the scan when the client is gone.
struct LineSink {
    sender: tokio::sync::mpsc::Sender<String>,
}

impl ScanSink for LineSink {
    fn finding(&mut self, finding: &Finding) -> std::io::Result<()> {
        let line = serde_json::to_string(finding).map_err(std::io::Error::other)? + "\n";
        self.sender
            .blocking_send(line)
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::BrokenPipe, "client gone"))
    }
}
