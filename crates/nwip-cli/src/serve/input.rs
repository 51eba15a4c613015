//! Reading a proposal from a request: a JSON body (the shape of `Proposal::from_json`), a text
//! body (Markdown or plain text), a form field, or an uploaded file in any format
//! `Proposal::read_bytes` reads (`.docx`, `.md`, `.txt`, `.json`).

use std::path::Path;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Multipart, Request};
use axum::http::{header, StatusCode};
use nwip::Proposal;

use super::routes::{one_line, Failure};

/// What the page's form (or a multipart API request) sent.
#[derive(Debug, Default)]
pub(crate) struct Submission {
    /// Pasted text.
    pub(crate) draft: String,
    /// An uploaded file: its name and bytes.
    pub(crate) file: Option<(String, Bytes)>,
    /// The proposer's organisation, if picked.
    pub(crate) organisation: String,
    /// The proposer's committee, if given.
    pub(crate) committee: String,
}

impl Submission {
    /// Reads the proposal: the uploaded file if there is one, else the pasted text; the picked
    /// organisation and committee replace the proposal's own.
    pub(crate) fn proposal(&self) -> Result<Proposal, Failure> {
        let mut proposal = match &self.file {
            Some((name, bytes)) if !bytes.is_empty() => {
                Proposal::read_bytes(Path::new(name), bytes).map_err(proposal_failure)?
            }
            _ if !self.draft.trim().is_empty() => read_text(&self.draft)?,
            _ => {
                return Err(Failure::unprocessable(
                    "the draft is empty: paste a proposal or upload a file",
                ))
            }
        };
        if !self.organisation.trim().is_empty() {
            proposal.organisation = Some(self.organisation.trim().to_string());
        }
        if !self.committee.trim().is_empty() {
            proposal.committee = Some(self.committee.trim().to_string());
        }
        Ok(proposal)
    }
}

/// Reads pasted text: JSON if it starts with `{`, Markdown if it has headings or front
/// matter, plain text otherwise.
pub(crate) fn read_text(text: &str) -> Result<Proposal, Failure> {
    if text.trim().is_empty() {
        return Err(Failure::unprocessable(
            "the draft is empty: paste a proposal or upload a file",
        ));
    }
    Proposal::read_bytes(Path::new("draft"), text.as_bytes()).map_err(proposal_failure)
}

/// A proposal that cannot be read: 400 for malformed JSON, 422 otherwise.
pub(crate) fn proposal_failure(error: nwip::corpus::ProposalError) -> Failure {
    let status = match error {
        nwip::corpus::ProposalError::Json { .. } => StatusCode::BAD_REQUEST,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    Failure::new(status, format!("cannot read the proposal: {}", one_line(&error)))
}

/// The media type of a request, lower-cased, without parameters.
pub(crate) fn media_type(request: &Request) -> String {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// Reads a whole request body, up to `limit` bytes.
pub(crate) async fn body_bytes(body: Body, limit: usize) -> Result<Bytes, Failure> {
    axum::body::to_bytes(body, limit).await.map_err(|_| {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than {} MiB", limit >> 20),
        )
    })
}

/// Reads a body as UTF-8 text.
pub(crate) fn utf8(bytes: &Bytes) -> Result<&str, Failure> {
    std::str::from_utf8(bytes).map_err(|error| {
        Failure::bad_request(format!("the request body is not UTF-8 text: {error}"))
    })
}

/// Reads a `multipart/form-data` body: the fields `draft` (or `text`), `file` (or any field
/// with a file name), `organisation` and `committee`.
pub(crate) async fn read_multipart(request: Request) -> Result<Submission, Failure> {
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|rejection| Failure::bad_request(rejection.body_text()))?;
    let mut submission = Submission::default();
    loop {
        let field = multipart.next_field().await.map_err(multipart_failure)?;
        let Some(field) = field else { break };
        let name = field.name().unwrap_or("").to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(multipart_failure)?;
        match (name.as_str(), file_name) {
            (_, Some(file_name)) if !file_name.is_empty() => {
                submission.file = Some((file_name, bytes));
            }
            ("file", _) if !bytes.is_empty() => {
                submission.file = Some(("upload".to_string(), bytes));
            }
            ("draft" | "text", _) => submission.draft = text_field(&name, &bytes)?,
            ("organisation" | "organization", _) => {
                submission.organisation = text_field(&name, &bytes)?;
            }
            ("committee", _) => submission.committee = text_field(&name, &bytes)?,
            _ => {}
        }
    }
    Ok(submission)
}

fn text_field(name: &str, bytes: &Bytes) -> Result<String, Failure> {
    String::from_utf8(bytes.to_vec())
        .map_err(|_| Failure::bad_request(format!("form field {name} is not UTF-8 text")))
}

fn multipart_failure(error: axum::extract::multipart::MultipartError) -> Failure {
    let status = error.status();
    let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "the upload is too large".to_string()
    } else {
        format!("broken multipart form: {}", error.body_text())
    };
    Failure::new(status, message)
}
