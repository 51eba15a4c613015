//! The plain-text reader: the first non-empty line is the title, the rest is the scope.

use super::fields::{collapse_whitespace, finish, normalise_newlines, strip_bom};
use super::markdown;
use super::{Proposal, ProposalError};

/// Reads plain text; see [`Proposal::from_text`].
pub(super) fn parse(text: &str) -> Result<Proposal, ProposalError> {
    let text = normalise_newlines(strip_bom(text));
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(first) = lines.iter().position(|line| !line.trim().is_empty()) else {
        return Err(ProposalError::empty());
    };
    let first_plain = markdown::strip_inline(lines[first].trim());
    if markdown::split_key(&first_plain).is_some() {
        return markdown::parse(&text);
    }
    let numbered: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .skip(first + 1)
        .map(|(i, line)| (i + 1, line.to_string()))
        .collect();
    let proposal = Proposal {
        title: collapse_whitespace(lines[first]),
        scope: markdown::blocks_text(&markdown::blocks(&numbered, false)),
        ..Proposal::default()
    };
    Ok(finish(proposal))
}

#[cfg(test)]
mod tests {
    use crate::Proposal;

    #[test]
    fn text_reader() {
        let p = Proposal::from_text("\r\n  Road vehicles — Tyre wear particles  \r\nThis document specifies\r\na method.\r\n\r\nSecond *para*.").unwrap();
        assert_eq!(p.title, "Road vehicles — Tyre wear particles");
        assert_eq!(p.scope, "This document specifies a method.\n\nSecond *para*.");
        assert_eq!(p.purpose, "");
        assert_eq!(p.language, None);
        let p = Proposal::from_text("Only a title").unwrap();
        assert_eq!(p.scope, "");
        let error = Proposal::from_text(" \n \n").unwrap_err();
        assert_eq!(error.to_string(), "field title: the proposal is empty");
        // A text with key lines is read like Markdown key lines.
        let p =
            Proposal::from_text("Title: Pumps\nScope: Centrifugal pumps.\nCommittee: ISO/TC 115")
                .unwrap();
        assert_eq!((p.title.as_str(), p.scope.as_str()), ("Pumps", "Centrifugal pumps."));
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 115"));
    }
}
