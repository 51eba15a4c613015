//! Placeholder for proposals (being written).
use nwip_text::Language;
/// A draft proposal.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Proposal {
    /// t
    pub title: String,
    /// s
    #[serde(default)]
    pub scope: String,
    /// p
    #[serde(default)]
    pub purpose: String,
    /// r
    #[serde(default)]
    pub relevant_documents: Vec<String>,
    /// c
    #[serde(default)]
    pub committee: Option<String>,
    /// i
    #[serde(default)]
    pub ics: Vec<String>,
    /// l
    #[serde(default)]
    pub liaisons: Vec<String>,
    /// l
    #[serde(default)]
    pub language: Option<Language>,
    /// o
    #[serde(default)]
    pub organisation: Option<String>,
    /// k
    #[serde(default)]
    pub keywords: Vec<String>,
}
impl Proposal {
    /// detected
    pub fn detected_language(&self) -> Language {
        self.language.unwrap_or_else(|| nwip_text::detect_language(&self.text()))
    }
    /// text
    pub fn text(&self) -> String {
        [self.title.as_str(), &self.scope, &self.purpose]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    }
    /// from_json
    pub fn from_json(text: &str) -> Result<Proposal, ProposalError> {
        serde_json::from_str(text).map_err(|e| ProposalError(e.to_string()))
    }
    /// read
    pub fn read_path(path: &std::path::Path) -> Result<Proposal, ProposalError> {
        let text = std::fs::read_to_string(path).map_err(|e| ProposalError(e.to_string()))?;
        Self::from_json(&text)
    }
}
/// err
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ProposalError(String);
