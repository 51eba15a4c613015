//! Committee identifiers: ISO/TC 61/SC 9, IEC TC 32/SC 32C, ITU-T SG17, IEEE sponsor committees.
//!
//! Catalogues spell committees differently (`TC 57` with the organisation elsewhere, `ITU-T Study
//! Group 17`, `ISO/TC 211`). [`Committee::parse`] gives one spelling per committee, so committees can
//! be compared, counted and proposed for routing.

use serde::{Deserialize, Serialize};

/// A committee that owns documents, with a normalised identifier.
///
/// ```
/// use nwip_corpus::Committee;
/// let sc = Committee::parse("ISO", "iso/tc61/sc9");
/// assert_eq!(sc.id, "ISO/TC 61/SC 9");
/// assert_eq!(sc.top_level(), "ISO/TC 61");
/// assert_eq!(Committee::parse("IEC", "TC 32/SC 32C").id, "IEC/TC 32/SC 32C");
/// assert_eq!(Committee::parse("ITU-T", "ITU-T Study Group 17").id, "ITU-T/SG 17");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Committee {
    /// Normalised identifier (`ISO/TC 61/SC 9`, `IEC/TC 57`, `ITU-T/SG 17`, `IEEE/<sponsor name>`).
    pub id: String,
    /// Committee title, when the catalogue gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Committee {
    /// Normalises a committee written by a catalogue of `org`.
    pub fn parse(org: &str, text: &str) -> Committee {
        Committee { id: normalize_committee(org, text), name: None }
    }

    /// Adds the committee's title.
    pub fn with_name(mut self, name: impl Into<String>) -> Committee {
        let name = name.into();
        if !name.trim().is_empty() && name != self.id {
            self.name = Some(name);
        }
        self
    }

    /// Returns the top-level committee: `ISO/TC 61` for `ISO/TC 61/SC 9`.
    pub fn top_level(&self) -> &str {
        top_level_committee(&self.id)
    }
}

impl std::fmt::Display for Committee {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.id)
    }
}

/// The committees that own documents filed under one ICS code, and how many each owns there:
/// who works in a field, whatever words its titles use. An index counts them
/// (`IndexSearcher::committees_filed_under` in `nwip-index`); routing weighs them with the
/// committees of the records near a proposal's subject.
///
/// ```
/// use nwip_corpus::committee::{FieldOwners, OwnedDocuments};
/// let pyrotechnics = FieldOwners {
///     ics: "71.100.30".into(),
///     committees: vec![OwnedDocuments::new("ISO", "ISO/TC 264", 31)],
/// };
/// assert_eq!(pyrotechnics.documents(), 31);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOwners {
    /// The ICS code.
    pub ics: String,
    /// The committees with documents under the code, most documents first.
    pub committees: Vec<OwnedDocuments>,
}

impl FieldOwners {
    /// Returns how many documents are filed under the code (those of a committee).
    pub fn documents(&self) -> usize {
        self.committees.iter().map(|owner| owner.documents).sum()
    }
}

/// A committee and how many documents it owns under one ICS code (see [`FieldOwners`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnedDocuments {
    /// The committee's organisation, as its records give it.
    pub org: String,
    /// Normalised committee id.
    pub committee: String,
    /// Documents (not records: a document's stages and editions count once).
    pub documents: usize,
}

impl OwnedDocuments {
    /// A committee of `org` owning `documents` documents.
    pub fn new(org: impl Into<String>, committee: impl Into<String>, documents: usize) -> Self {
        OwnedDocuments { org: org.into(), committee: committee.into(), documents }
    }
}

/// Returns the top-level part of a normalised committee id (`ISO/TC 61` for `ISO/TC 61/SC 9`).
pub fn top_level_committee(id: &str) -> &str {
    let cut = ["/SC ", "/WG ", "/JWG ", "/AG "].iter().filter_map(|marker| id.find(marker)).min();
    match cut {
        Some(index) => &id[..index],
        None => id,
    }
}

/// Normalises a committee written by a catalogue of `org`; see [`Committee`].
pub fn normalize_committee(org: &str, text: &str) -> String {
    let text = text.trim();
    // the registry's name (`Codex/CCFL`), or the organisation as written, upper-case
    let org = crate::registry::canonical_name(org)
        .map_or_else(|| org.trim().to_ascii_uppercase(), str::to_string);
    let compact: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = compact.to_ascii_uppercase();

    // "ITU-T Study Group 17", "Study Group 17", "SG17".
    if let Some(number) = number_after(&upper, &["STUDY GROUP", "SG"]) {
        let body = if upper.starts_with("ITU-R") || org == "ITU-R" { "ITU-R" } else { "ITU-T" };
        return format!("{body}/SG {number}");
    }

    // Structured committees: [ORG/]TC n[/SC m][/WG k], JTC 1, PC n, CASCO, ...
    let structured = parse_structured(&upper);
    if let Some((explicit_org, parts)) = structured {
        if parts[0].starts_with("JTC") {
            // ISO and IEC write their joint committee with a space: "ISO/IEC JTC 1/SC 27".
            let owner =
                explicit_org.filter(|o| o.contains('/')).unwrap_or_else(|| "ISO/IEC".into());
            return format!("{owner} {}", parts.join("/"));
        }
        let owner =
            explicit_org.unwrap_or_else(|| if org.is_empty() { "ISO".into() } else { org.clone() });
        return format!("{owner}/{}", parts.join("/"));
    }
    let org_upper = org.to_uppercase();
    let already_prefixed =
        upper.starts_with(&format!("{org_upper}/")) || upper.starts_with(&format!("{org_upper} "));
    if org.is_empty() || already_prefixed {
        compact
    } else {
        format!("{org}/{compact}")
    }
}

fn number_after(upper: &str, prefixes: &[&str]) -> Option<String> {
    for prefix in prefixes {
        if let Some(index) = upper.find(prefix) {
            let before_ok = index == 0 || !upper.as_bytes()[index - 1].is_ascii_alphabetic();
            let rest = upper[index + prefix.len()..].trim_start();
            let number: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if before_ok && !number.is_empty() {
                return Some(number.trim_start_matches('0').to_string()).filter(|n| !n.is_empty());
            }
        }
    }
    None
}

/// Parses `ISO/IEC JTC 1/SC 27`, `TC 57`, `ISO/TC61/SC9` into an optional owner and its parts.
fn parse_structured(upper: &str) -> Option<(Option<String>, Vec<String>)> {
    let tokens: Vec<String> =
        upper.split(['/', ' ']).filter(|t| !t.is_empty()).map(str::to_string).collect();
    let mut owner: Vec<String> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        let token = &tokens[index];
        let (kind, inline_number) = split_kind_number(token);
        if matches!(kind.as_str(), "TC" | "SC" | "WG" | "JTC" | "PC" | "JWG" | "SYC" | "AG" | "JPC")
        {
            let number = if inline_number.is_empty() {
                index += 1;
                tokens.get(index).cloned().unwrap_or_default()
            } else {
                inline_number
            };
            if number.is_empty() || !number.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                return None;
            }
            parts.push(format!("{kind} {number}"));
        } else if parts.is_empty()
            && matches!(token.as_str(), "ISO" | "IEC" | "CEN" | "CENELEC" | "ISO-IEC")
        {
            owner.push(token.replace("ISO-IEC", "ISO/IEC"));
        } else if parts.is_empty()
            && matches!(
                token.as_str(),
                "CASCO"
                    | "COPOLCO"
                    | "DEVCO"
                    | "TMB"
                    | "TMBG"
                    | "CISPR"
                    | "REMCO"
                    | "ACEC"
                    | "ACOS"
            )
        {
            parts.push(token.clone());
        } else {
            return None;
        }
        index += 1;
    }
    if parts.is_empty() {
        return None;
    }
    let owner = if owner.is_empty() { None } else { Some(owner.join("/")) };
    Some((owner, parts))
}

fn split_kind_number(token: &str) -> (String, String) {
    let kind: String = token.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let number = token[kind.len()..].to_string();
    (kind, number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_spellings() {
        assert_eq!(normalize_committee("ISO", "ISO/TC 211"), "ISO/TC 211");
        assert_eq!(normalize_committee("ISO", "ISO/TC 22/SC 35"), "ISO/TC 22/SC 35");
        assert_eq!(normalize_committee("ISO", "TC 22/SC 35"), "ISO/TC 22/SC 35");
        assert_eq!(normalize_committee("ISO", "ISO/IEC JTC 1/SC 27"), "ISO/IEC JTC 1/SC 27");
        assert_eq!(normalize_committee("ISO", "JTC1/SC27"), "ISO/IEC JTC 1/SC 27");
        assert_eq!(normalize_committee("ISO", "ISO/CASCO"), "ISO/CASCO");
        assert_eq!(normalize_committee("", "ISO/TC 176/SC 2"), "ISO/TC 176/SC 2");
    }

    #[test]
    fn other_organisations() {
        assert_eq!(normalize_committee("IEC", "TC 57"), "IEC/TC 57");
        assert_eq!(normalize_committee("IEC", "CISPR"), "IEC/CISPR");
        assert_eq!(normalize_committee("ITU-T", "Study Group 5"), "ITU-T/SG 5");
        assert_eq!(
            normalize_committee("IEEE", "Transformers of the IEEE Power and Energy Society"),
            "IEEE/Transformers of the IEEE Power and Energy Society"
        );
        assert_eq!(normalize_committee("ETSI", "ERM TG26"), "ETSI/ERM TG26");
        assert_eq!(normalize_committee("Codex", "CCFL"), "Codex/CCFL");
        assert_eq!(normalize_committee("CAC", "Codex/CCFL"), "Codex/CCFL");
        assert_eq!(normalize_committee("IMO", "MSC"), "IMO/MSC");
    }

    #[test]
    fn top_levels() {
        assert_eq!(top_level_committee("ISO/TC 22/SC 35"), "ISO/TC 22");
        assert_eq!(top_level_committee("ISO/TC 22"), "ISO/TC 22");
        assert_eq!(top_level_committee("ISO/IEC JTC 1/SC 27"), "ISO/IEC JTC 1");
        assert_eq!(normalize_committee("ISO", "JTC1/SC27"), "ISO/IEC JTC 1/SC 27");
        assert_eq!(top_level_committee("ITU-T/SG 17"), "ITU-T/SG 17");
    }

    #[test]
    fn normalising_twice_changes_nothing() {
        for (org, text) in [("ISO", "iso/tc61/sc9"), ("IEC", "TC 32/SC 32C"), ("ITU-T", "SG17")] {
            let once = normalize_committee(org, text);
            assert_eq!(normalize_committee(org, &once), once);
        }
    }
}
