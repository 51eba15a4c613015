//! The page for secretaries: a form to paste a draft or upload a file (`/`), the report of a
//! check (`/check`, by GET with the draft in the query or by POST from the form), and a page per
//! record (`/records/{id}`). Rendered on the server, so it works without scripts; the embedded
//! script only adds the filters. The CSS and script are part of the binary.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use nwip::scan::ScanItem;
use serde_json::Value;

use super::api::{engine_failure, find_record, CheckOptions, RecordAnswer};
use super::input::{body_bytes, media_type, read_multipart, Submission};
use super::routes::Failure;
use super::state::AppState;
use super::view;
use crate::html::escape;

const STYLESHEET: &str = include_str!("assets/page.css");
const SCRIPT: &str = include_str!("assets/page.js");

/// Overlaps shown on the page.
const PAGE_LIMIT: usize = 25;
/// Overlaps shown on a record page.
const RECORD_OVERLAPS: usize = 10;

pub(crate) async fn stylesheet() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLESHEET).into_response()
}

pub(crate) async fn script() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT).into_response()
}

/// Wraps a page body in the layout: header with the index's size, main, footer.
fn layout(state: &AppState, title: &str, body: &str) -> String {
    let engine = state.engine();
    let meta = engine.index().meta();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<link rel=\"stylesheet\" href=\"/assets/page.css\">\n\
         <script src=\"/assets/page.js\" defer></script>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#main\">Skip to the content</a>\n\
         <header class=\"top\"><a class=\"brand\" href=\"/\">nwip</a><span class=\"tagline\">duplicate-work \
         check for new work item proposals</span><span class=\"index\">{} records of {} organisations · \
         <a href=\"/api/openapi.json\">API</a></span></header>\n<main id=\"main\">\n{body}\n</main>\n\
         <footer>Scores are calibrated probabilities that a record is the overlapping work a reviewer \
         looks for. Runs offline; nothing you paste leaves this machine.</footer>\n</body>\n</html>\n",
        escape(title),
        view::thousands(meta.records),
        meta.by_org.len()
    )
}

/// The form: paste or upload, the proposer's organisation and committee.
fn form(state: &AppState, submission: &Submission) -> String {
    let engine = state.engine();
    let mut organisations: Vec<&String> = engine.index().meta().by_org.keys().collect();
    organisations.sort();
    let mut options = String::from("<option value=\"\">as the draft says</option>");
    for org in organisations {
        let selected = if *org == submission.organisation { " selected" } else { "" };
        let _ = write!(options, "<option{selected}>{}</option>", escape(org));
    }
    format!(
        "<form class=\"check\" method=\"post\" action=\"/check\" enctype=\"multipart/form-data\">\
         <div class=\"field wide\"><label for=\"draft\">Draft proposal</label>\
         <span class=\"hint\" id=\"draft-hint\">Markdown shaped like ISO Form 4, plain text (first line \
         = title) or JSON.</span>\
         <textarea id=\"draft\" name=\"draft\" rows=\"10\" aria-describedby=\"draft-hint\" \
         placeholder=\"# Title of the proposal&#10;&#10;## Scope&#10;This document specifies ...\">{}</textarea></div>\
         <div class=\"field\"><label for=\"file\">…or upload a file</label>\
         <span class=\"hint\" id=\"file-hint\">.docx (ISO Form 4, IEC NP, IEEE PAR), .md, .txt or .json</span>\
         <input type=\"file\" id=\"file\" name=\"file\" aria-describedby=\"file-hint\" \
         accept=\".docx,.md,.markdown,.txt,.json\"></div>\
         <div class=\"field\"><label for=\"organisation\">Proposer's organisation</label>\
         <select id=\"organisation\" name=\"organisation\">{options}</select></div>\
         <div class=\"field\"><label for=\"committee\">Proposer's committee</label>\
         <input type=\"text\" id=\"committee\" name=\"committee\" value=\"{}\" placeholder=\"e.g. ISO/TC 22/SC 37\"></div>\
         <div class=\"actions\"><button type=\"submit\">Check for overlapping work</button></div></form>",
        escape(&submission.draft),
        escape(&submission.committee)
    )
}

fn html_page(state: &AppState, status: StatusCode, title: &str, body: &str) -> Response {
    (status, Html(layout(state, title, body))).into_response()
}

/// `GET /`: the form.
pub(crate) async fn home(State(state): State<Arc<AppState>>) -> Response {
    let body = format!(
        "<h1>Check a new work item proposal</h1><p class=\"lead\">Paste a draft or upload a form: \
         nwip lists the existing standards and projects of every organisation in its index that \
         overlap, why, the committees that own the subject and the liaisons to make.</p>{}",
        form(&state, &Submission::default())
    );
    html_page(&state, StatusCode::OK, "nwip: check a proposal", &body)
}

/// `GET /check?draft=...&organisation=...&committee=...`: the report of a draft in the query.
pub(crate) async fn check_get(
    State(state): State<Arc<AppState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| query.get(name).cloned().unwrap_or_default();
    let submission = Submission {
        draft: field("draft"),
        file: None,
        organisation: field("organisation"),
        committee: field("committee"),
    };
    report_page(state, submission).await
}

/// `POST /check`: the form (multipart, with an optional file) or a urlencoded form.
pub(crate) async fn check_post(State(state): State<Arc<AppState>>, request: Request) -> Response {
    let submission = match media_type(&request).as_str() {
        "multipart/form-data" => read_multipart(request).await,
        "application/x-www-form-urlencoded" => {
            read_urlencoded(request, state.limits.max_body_bytes).await
        }
        other => Err(Failure::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("content type {other:?} is not a form: use the form on the home page"),
        )),
    };
    match submission {
        Ok(submission) => report_page(state, submission).await,
        Err(failure) => error_page(&state, &Submission::default(), &failure),
    }
}

async fn read_urlencoded(request: Request, limit: usize) -> Result<Submission, Failure> {
    let bytes = body_bytes(request.into_body(), limit).await?;
    let fields: HashMap<String, String> = serde_urlencoded_form(&bytes)?;
    let field = |name: &str| fields.get(name).cloned().unwrap_or_default();
    Ok(Submission {
        draft: field("draft"),
        file: None,
        organisation: field("organisation"),
        committee: field("committee"),
    })
}

fn serde_urlencoded_form(bytes: &[u8]) -> Result<HashMap<String, String>, Failure> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Failure::bad_request("the form is not UTF-8 text"))?;
    let uri: axum::http::Uri =
        format!("/?{text}").parse().map_err(|_| Failure::bad_request("malformed form"))?;
    Query::<HashMap<String, String>>::try_from_uri(&uri)
        .map(|query| query.0)
        .map_err(|_| Failure::bad_request("malformed form"))
}

/// Checks the submission and renders its report; reading a `.docx`, the check and the
/// rendering (stemming every word of the evidence to highlight it) run on the blocking pool.
async fn report_page(state: Arc<AppState>, submission: Submission) -> Response {
    let rendering = Arc::clone(&state);
    let rendered = state.run_blocking(move || render_report(&rendering, submission)).await;
    match rendered {
        Ok(response) => response,
        Err(error) => {
            let failure = Failure::internal(format!("the check failed: {error}"));
            error_page(&state, &Submission::default(), &failure)
        }
    }
}

fn render_report(state: &AppState, submission: Submission) -> Response {
    let proposal = match submission.proposal() {
        Ok(proposal) => proposal,
        Err(failure) => return error_page(state, &submission, &failure),
    };
    let options = CheckOptions { limit: Some(PAGE_LIMIT), ..CheckOptions::default() };
    let report = match options.engine(&state.engine()).check(&proposal) {
        Ok(report) => report,
        Err(error) => return error_page(state, &submission, &engine_failure(error)),
    };
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    let mut markdown = Vec::new();
    if crate::render::report_markdown(&mut markdown, &report).is_err() {
        markdown.clear();
    }
    let markdown = String::from_utf8_lossy(&markdown);
    let value = serde_json::to_value(&report).unwrap_or(Value::Null);
    let body = format!(
        "<details class=\"again\"><summary>Check another draft</summary>{}</details>{}",
        form(state, &submission),
        view::report(&value, &json, &markdown)
    );
    let title = format!("nwip: {}", report.proposal.title);
    html_page(state, StatusCode::OK, &title, &body)
}

fn error_page(state: &AppState, submission: &Submission, failure: &Failure) -> Response {
    let body = format!(
        "<h1>Check a new work item proposal</h1><div class=\"error\" role=\"alert\"><strong>The draft \
         could not be checked.</strong> {}</div>{}",
        escape(&failure.message),
        form(state, submission)
    );
    html_page(state, failure.status, "nwip: the draft could not be checked", &body)
}

/// Any other path.
pub(crate) fn not_found(path: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not found</title>\
         <link rel=\"stylesheet\" href=\"/assets/page.css\"></head><body><main id=\"main\">\
         <h1>Not found</h1><p>There is no page {}. <a href=\"/\">Check a proposal</a>.</p></main></body></html>\n",
        escape(path)
    );
    (StatusCode::NOT_FOUND, Html(body)).into_response()
}

/// `GET /records/{id}`: the record, its document's other editions, and what it overlaps.
pub(crate) async fn record(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let engine = state.engine();
    let lookup = id.clone();
    let found = state
        .run_blocking(move || {
            let answer = find_record(&engine, &lookup)?;
            let Some(answer) = answer else { return Ok(None) };
            let item = ScanItem::from_record(&answer.record);
            let checker = engine.reconfigured(nwip::Engine::builder().limit(RECORD_OVERLAPS));
            let report =
                checker.check_excluding(&item.proposal, &item.exclude).map_err(engine_failure)?;
            let body = record_body(&answer, &serde_json::to_value(&report).unwrap_or(Value::Null));
            Ok::<_, Failure>(Some((answer.record.id, body)))
        })
        .await
        .unwrap_or_else(|error| Err(Failure::internal(format!("the look-up failed: {error}"))));
    match found {
        Ok(Some((record_id, body))) => {
            html_page(&state, StatusCode::OK, &format!("nwip: {record_id}"), &body)
        }
        Ok(None) => {
            let body = format!(
                "<h1>Not found</h1><p>There is no record <code>{}</code> in the index.</p>\
                 <p><a href=\"/\">Check a proposal</a></p>",
                escape(&id)
            );
            html_page(&state, StatusCode::NOT_FOUND, "nwip: no such record", &body)
        }
        Err(failure) => {
            let body = format!(
                "<h1>Error</h1><div class=\"error\" role=\"alert\">{}</div>",
                escape(&failure.message)
            );
            html_page(&state, failure.status, "nwip: error", &body)
        }
    }
}

fn record_body(answer: &RecordAnswer, report: &Value) -> String {
    let record = &answer.record;
    let mut out = String::new();
    let _ = write!(
        out,
        "<p class=\"crumbs\"><a href=\"/\">Check a proposal</a> › record</p><h1 class=\"record-id\">{}</h1>",
        escape(&record.id)
    );
    out.push_str("<div class=\"columns\"><div class=\"main\">");
    for title in &record.titles {
        let _ = write!(
            out,
            "<p class=\"record-title\" lang=\"{0}\"><span class=\"lang\">{0}</span> {1}</p>",
            escape(title.language.code()),
            escape(&title.text)
        );
    }
    for summary in &record.abstracts {
        let _ = write!(
            out,
            "<h2>Abstract <span class=\"lang\">{0}</span></h2><p class=\"abstract\" lang=\"{0}\">{1}</p>",
            escape(summary.language.code()),
            escape(&summary.text)
        );
    }
    let _ = write!(out, "<h2 id=\"overlaps\">What it overlaps</h2>");
    let overlaps = report.get("overlaps").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    if overlaps.is_empty() {
        out.push_str("<p class=\"empty\">No overlapping records found.</p>");
    } else {
        out.push_str("<ol class=\"overlaps\">");
        let language = report.pointer("/proposal/language").and_then(Value::as_str).unwrap_or("en");
        for (index, overlap) in overlaps.iter().enumerate() {
            out.push_str(&view::overlap_item(index + 1, overlap, language));
        }
        out.push_str("</ol>");
    }
    out.push_str("</div><aside class=\"side\"><section><h2>Record</h2><dl class=\"facts\">");
    let mut fact = |label: &str, value: String| {
        if !value.is_empty() {
            let _ = write!(out, "<dt>{}</dt><dd>{value}</dd>", escape(label));
        }
    };
    fact("Organisation", escape(&record.org));
    fact(
        "State",
        format!(
            "{} <span class=\"raw\">(stage {})</span>",
            escape(&view::state_words(record.stage.lifecycle.as_str())),
            escape(&record.stage.raw)
        ),
    );
    fact("Committee", record.committee.as_ref().map(|c| escape(&c.id)).unwrap_or_default());
    fact("Document type", escape(&record.doctype));
    fact("Date", escape(record.date.as_deref().unwrap_or("")));
    fact("ICS", escape(&record.ics.join(", ")));
    fact("Other identifiers", escape(&record.alt_ids.join(", ")));
    fact(
        "Catalogue",
        record
            .url
            .as_deref()
            .filter(|url| url.starts_with("https://") || url.starts_with("http://"))
            .map(|url| format!("<a href=\"{0}\" rel=\"noopener noreferrer\">{0}</a>", escape(url)))
            .unwrap_or_default(),
    );
    out.push_str("</dl></section><section><h2>Editions of this document</h2>");
    if answer.editions.is_empty() {
        out.push_str("<p class=\"empty\">No other edition in the index.</p>");
    } else {
        out.push_str("<ul class=\"editions\">");
        for edition in &answer.editions {
            let _ = write!(
                out,
                "<li>{} <span class=\"state\">{}</span> {}</li>",
                view::record_link(&edition.id),
                escape(&view::state_words(edition.stage.lifecycle.as_str())),
                escape(edition.date.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    if !record.relations.is_empty() {
        out.push_str("<section><h2>Relations</h2><ul class=\"relations\">");
        for relation in &record.relations {
            let _ = write!(
                out,
                "<li>{} {}</li>",
                escape(&relation.raw_type),
                view::record_link(&relation.target)
            );
        }
        out.push_str("</ul></section>");
    }
    out.push_str("</aside></div>");
    out
}
