//! Choosing a reader for a file from its text and name (the bytes are decoded by
//! [`crate::decode`]).

use std::path::Path;

use super::fields::strip_bom;

pub(super) enum Format {
    Json,
    Markdown,
    Text,
}

pub(super) fn sniff(path: &Path, text: &str) -> Format {
    let body = strip_bom(text).trim_start();
    if body.starts_with('{') {
        return Format::Json;
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("json") => Format::Json,
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        _ if body.starts_with("---")
            || body.lines().any(|line| line.starts_with("# ") || line.starts_with("## ")) =>
        {
            Format::Markdown
        }
        _ => Format::Text,
    }
}
