//! Standard identifiers (placeholder: being written).

/// Returns the edition-independent key of an identifier.
pub fn document_key(raw: &str) -> String {
    raw.split([':', '(']).next().unwrap_or(raw).trim().to_lowercase()
}

/// Returns the family key (number without part).
pub fn family_key(raw: &str) -> String {
    let key = document_key(raw);
    key.split('-').next().unwrap_or(&key).to_string()
}

/// A parsed identifier (placeholder).
#[derive(Debug, Clone)]
pub struct DocId {
    /// raw
    pub raw: String,
}

impl DocId {
    /// key
    pub fn document_key(&self) -> String {
        document_key(&self.raw)
    }
}

/// Extracts identifiers (placeholder).
pub fn extract_identifiers(_text: &str) -> Vec<DocId> {
    Vec::new()
}
