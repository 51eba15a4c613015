//! The JSON reader: the field names of [`Proposal`], aliases and wrapper objects.

use serde_json::{Map, Value};

use super::fields::{
    classify_key, finish, heading_key, parse_language, split_list, strip_bom, Field,
};
use super::{Proposal, ProposalError};

/// Maps a JSON key to a field (exact aliases only, `_` and `-` read as spaces).
fn field_of(key: &str) -> Option<Field> {
    classify_key(&heading_key(key))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// The byte offset of `"key":` in the source, if found.
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    while let Some(found) = text[from..].find(&needle) {
        let index = from + found;
        let after = &text[index + needle.len()..];
        if after.trim_start().starts_with(':') {
            return Some(index);
        }
        from = index + needle.len();
    }
    None
}

/// The line of `"key":` in the source, if found.
fn key_line(text: &str, key: &str) -> Option<usize> {
    key_offset(text, key).map(|index| text[..index].matches('\n').count() + 1)
}

fn syntax_error(error: &serde_json::Error) -> ProposalError {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full);
    let message = match message.strip_prefix("EOF") {
        Some(rest) => format!("end of file{rest}"),
        None => message.to_string(),
    };
    ProposalError::Json { path: None, line: error.line(), column: error.column(), message }
}

/// A text value: a string, a list of strings (joined by `joiner`) or null.
fn text_value(
    text: &str,
    key: &str,
    field: Field,
    value: &Value,
    joiner: &str,
) -> Result<Option<String>, ProposalError> {
    match value {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        Value::Array(items) => {
            let mut parts = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => parts.push(s.trim().to_string()),
                    Value::Null => {}
                    other => {
                        return Err(ProposalError::invalid(
                            key_line(text, key),
                            field.name(),
                            format!(
                                "expected a string or a list of strings, found a list holding {}",
                                kind(other)
                            ),
                        ))
                    }
                }
            }
            parts.retain(|part| !part.is_empty());
            Ok(Some(parts.join(joiner)))
        }
        other => Err(ProposalError::invalid(
            key_line(text, key),
            field.name(),
            format!("expected a string, found {}", kind(other)),
        )),
    }
}

fn list_value(
    text: &str,
    key: &str,
    field: Field,
    value: &Value,
) -> Result<Vec<String>, ProposalError> {
    let number_hint =
        if field == Field::Ics { " (write ICS codes as strings, e.g. \"43.180\")" } else { "" };
    match value {
        Value::Null => Ok(Vec::new()),
        Value::String(s) => Ok(split_list(field, s)),
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) if field == Field::Ics => out.extend(split_list(field, s)),
                    Value::String(s) => out.push(s.clone()),
                    Value::Null => {}
                    other => {
                        return Err(ProposalError::invalid(
                            key_line(text, key),
                            field.name(),
                            format!(
                                "expected a list of strings, found a list holding {}{number_hint}",
                                kind(other)
                            ),
                        ))
                    }
                }
            }
            Ok(out)
        }
        other => Err(ProposalError::invalid(
            key_line(text, key),
            field.name(),
            format!("expected a string or a list of strings, found {}{number_hint}", kind(other)),
        )),
    }
}

pub(super) fn parse(text: &str) -> Result<Proposal, ProposalError> {
    let text = strip_bom(text);
    if text.trim().is_empty() {
        return Err(ProposalError::empty());
    }
    let value: Value = serde_json::from_str(text).map_err(|error| syntax_error(&error))?;
    let Value::Object(object) = value else {
        return Err(ProposalError::invalid(
            Some(1),
            "proposal",
            format!("expected a json object, found {}", kind(&value)),
        ));
    };
    let object = unwrap(object);
    let mut entries: Vec<(Field, &String, &Value)> = object
        .iter()
        .filter_map(|(key, value)| field_of(key).map(|field| (field, key, value)))
        .collect();
    // Canonical names first (`title` wins over `titre`), then in the order of the source.
    entries.sort_by_key(|(field, key, _)| {
        (*field, key.as_str() != field.name(), key_offset(text, key).unwrap_or(usize::MAX))
    });

    let mut proposal = Proposal::default();
    let mut title_line = None;
    let mut scope: Vec<String> = Vec::new();
    let mut purpose: Vec<String> = Vec::new();
    for (field, key, value) in entries {
        match field {
            Field::Title => {
                if let Some(title) = text_value(text, key, field, value, " ")? {
                    if proposal.title.trim().is_empty() {
                        proposal.title = title;
                        title_line = key_line(text, key);
                    }
                }
            }
            Field::Scope => scope.extend(text_value(text, key, field, value, "\n\n")?),
            Field::Purpose => purpose.extend(text_value(text, key, field, value, "\n\n")?),
            Field::Committee => {
                let committee = text_value(text, key, field, value, ", ")?;
                proposal.committee = proposal.committee.take().or(committee);
            }
            Field::Organisation => {
                let organisation = text_value(text, key, field, value, ", ")?;
                proposal.organisation = proposal.organisation.take().or(organisation);
            }
            Field::Language => {
                if let Some(language) = text_value(text, key, field, value, " ")? {
                    if proposal.language.is_none() && !language.trim().is_empty() {
                        proposal.language = Some(parse_language(&language));
                    }
                }
            }
            Field::Relevant => {
                proposal.relevant_documents.extend(list_value(text, key, field, value)?)
            }
            Field::Ics => proposal.ics.extend(list_value(text, key, field, value)?),
            Field::Liaisons => proposal.liaisons.extend(list_value(text, key, field, value)?),
            Field::Keywords => proposal.keywords.extend(list_value(text, key, field, value)?),
        }
    }
    scope.retain(|s| !s.trim().is_empty());
    purpose.retain(|s| !s.trim().is_empty());
    proposal.scope = scope.join("\n\n");
    proposal.purpose = purpose.join("\n\n");
    let proposal = finish(proposal);
    if proposal.title.is_empty() {
        if proposal.is_empty() && title_line.is_none() {
            return Err(ProposalError::MissingField {
                path: None,
                line: None,
                field: "title",
                message: "the proposal is empty (no known field)".to_string(),
            });
        }
        let message =
            if title_line.is_some() { "the title is empty" } else { "the proposal has no title" };
        return Err(ProposalError::MissingField {
            path: None,
            line: title_line,
            field: "title",
            message: message.to_string(),
        });
    }
    Ok(proposal)
}

/// Unwraps `{"query": {...}}` or `{"proposal": {...}}` when the outer object has no title.
fn unwrap(object: Map<String, Value>) -> Map<String, Value> {
    let has_title = object.keys().any(|key| field_of(key) == Some(Field::Title));
    if has_title {
        return object;
    }
    for wrapper in ["proposal", "query", "nwip"] {
        if let Some(Value::Object(inner)) = object.get(wrapper) {
            return inner.clone();
        }
    }
    object
}

#[cfg(test)]
mod tests {
    use super::*;
    use nwip_text::Language;
    use std::path::Path;

    #[test]
    fn json_own_field_names_round_trip() {
        let original = Proposal::builder()
            .title("Quality management — Micro-enterprises")
            .scope("Scope.")
            .purpose("Purpose.")
            .relevant_document("ISO 9001:2015")
            .committee("ISO/TC 176")
            .ics("03.120.10")
            .liaison("ISO/TC 309")
            .language(Language::English)
            .organisation("ISO")
            .keyword("quality")
            .build()
            .unwrap();
        let json = serde_json::to_string_pretty(&original).unwrap();
        assert_eq!(Proposal::from_json(&json).unwrap(), original);
        let derived: Proposal = serde_json::from_str(&json).unwrap();
        assert_eq!(derived, original);
    }

    #[test]
    fn json_eval_shape_aliases_and_wrappers() {
        let p = Proposal::from_json(
            r#"{"id": "q1", "query": {"title": " Smart grid —\n DER ", "scope": "S", "committee": "IEC/TC 57",
                 "ics": "29.240.01; 3.100.1", "language": "fra",
                 "purpose_and_justification": "A", "justification": "B",
                 "relevant": "IEC 61850-7-420; IEC 61968", "references": ["EN 50549-1"],
                 "liaisons": "IEEE, CENELEC", "organization": "IEC", "keywords": ["DER", "grid"]}}"#,
        )
        .unwrap();
        assert_eq!(p.title, "Smart grid — DER");
        assert_eq!(p.ics, ["29.240.01", "03.100.01"]);
        assert_eq!(p.language, Some(Language::French));
        assert_eq!(p.purpose, "A\n\nB");
        assert_eq!(p.relevant_documents, ["IEC 61850-7-420", "IEC 61968", "EN 50549-1"]);
        assert_eq!(p.liaisons, ["IEEE", "CENELEC"]);
        assert_eq!(p.organisation.as_deref(), Some("IEC"));
        assert_eq!(p.keywords, ["DER", "grid"]);
        let p = Proposal::from_json(
            r#"{"proposal": {"title": "T", "ics": ["43.120", "43.040.10"], "language": "ru"}}"#,
        )
        .unwrap();
        assert_eq!(p.ics, ["43.120", "43.040.10"]);
        assert_eq!(p.language, Some(Language::Russian));
        let p = Proposal::from_json(r#"{"titre": "T", "domaine_d_application": "S", "language": "klingon", "committee": null}"#).unwrap();
        assert_eq!((p.title.as_str(), p.scope.as_str()), ("T", "S"));
        assert_eq!(p.language, Some(Language::Unknown));
        assert_eq!(p.committee, None);
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let error =
            Proposal::from_json("{\n  \"title\": \"T\",\n  \"scope\": oops\n}").unwrap_err();
        match &error {
            ProposalError::Json { line, column, message, .. } => {
                assert_eq!((*line, *column), (3, 12));
                assert_eq!(message, "expected value");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(error.to_string(), "line 3, column 12: invalid json: expected value");
        let error =
            Proposal::from_json("{\"title\": \"T\"").unwrap_err().with_path(Path::new("p/x.json"));
        assert!(
            error.to_string().starts_with(
                "p/x.json: line 1, column 13: invalid json: end of file while parsing an object"
            ),
            "{error}"
        );
    }

    #[test]
    fn json_wrong_types() {
        let error = Proposal::from_json("{\n\"title\": \"T\",\n\"ics\": 43.18\n}").unwrap_err();
        assert!(
            matches!(error, ProposalError::InvalidField { field: "ics", line: Some(3), .. }),
            "{error:?}"
        );
        assert!(error.to_string().contains("write ICS codes as strings"));
        let error = Proposal::from_json(r#"{"title": ["a", 1]}"#).unwrap_err();
        assert!(
            matches!(error, ProposalError::InvalidField { field: "title", line: Some(1), .. }),
            "{error:?}"
        );
        let error = Proposal::from_json(r#"{"title": "T", "liaisons": {"a": 1}}"#).unwrap_err();
        assert!(error.to_string().starts_with(
            "line 1: field liaisons: expected a string or a list of strings, found an object"
        ));
        let error = Proposal::from_json("[1, 2]").unwrap_err();
        assert_eq!(
            error.to_string(),
            "line 1: field proposal: expected a json object, found a list"
        );
    }

    #[test]
    fn json_missing_and_empty() {
        assert_eq!(
            Proposal::from_json("").unwrap_err().to_string(),
            "field title: the proposal is empty"
        );
        assert_eq!(
            Proposal::from_json("{}").unwrap_err().to_string(),
            "field title: the proposal is empty (no known field)"
        );
        assert_eq!(
            Proposal::from_json(r#"{"scope": "S"}"#).unwrap_err().to_string(),
            "field title: the proposal has no title"
        );
        assert_eq!(
            Proposal::from_json("{\"scope\": \"S\",\n \"title\": \"  \"}").unwrap_err().to_string(),
            "line 2: field title: the title is empty"
        );
    }
}
