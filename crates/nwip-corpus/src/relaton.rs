//! Relaton bibliographic items (JSON or YAML, both schema generations) to [`Record`]s.
//!
//! The public Relaton catalogues come in two schema generations: older records use `docid[].id` and
//! `docstatus.stage.value`, newer ones `docidentifier[].content` and `status.stage.content`. Fields
//! that are usually lists are sometimes single objects, `language` is a string or a list, text is a
//! string, a `{content}` object or a list of them, and abstracts may be HTML. This module reads all of
//! these shapes from a [`serde_json::Value`]; only a missing identifier makes a record unusable.

use serde_json::Value;

use nwip_text::{detect_language, Language};

use crate::committee::Committee;
use crate::docid::document_key;
use crate::ics::normalize_ics;
use crate::identity::{document_of, role_of};
use crate::record::{LangText, Record, Relation, RelationKind};
use crate::stage::Stage;
use crate::RecordError;

/// Converts one parsed Relaton item into a [`Record`].
pub(crate) fn record_from_value(value: &Value) -> Result<Record, RecordError> {
    let Value::Object(_) = value else {
        return Err(RecordError::new("record", "expected a JSON object"));
    };
    let identifiers = identifiers(value);
    let Some(primary) = primary_identifier(&identifiers) else {
        return Err(RecordError::new("docid", "missing primary identifier"));
    };
    let alt_ids = identifiers
        .iter()
        .filter(|id| id.primary && id.text != primary.text && is_document_identifier(&id.kind))
        .filter(|id| !id.trademark)
        .map(|id| id.text.clone())
        .collect();
    let org = organisation(&primary.text, &primary.kind, value);
    let raw_stage = raw_stage(value);
    let stage = Stage::from_raw(&org, &raw_stage, &primary.text);
    let record = Record {
        key: document_key(&primary.text),
        document: document_of(&primary.text),
        role: role_of(&primary.text, &stage),
        id: primary.text.clone(),
        alt_ids,
        doctype: doctype(value),
        stage,
        titles: titles(value),
        abstracts: abstracts(value),
        committee: committee(&org, value),
        ics: ics_codes(value),
        keywords: keywords(value),
        date: date(value),
        relations: relations(value),
        url: url(value),
        org,
    };
    Ok(record)
}

/// Iterates a value that may be one item, a list of items, or absent.
fn each(value: Option<&Value>) -> impl Iterator<Item = &Value> {
    let slice: &[Value] = match value {
        Some(Value::Array(items)) => items,
        Some(Value::Null) | None => &[],
        Some(single) => std::slice::from_ref(single),
    };
    slice.iter()
}

/// Reads text from a string, a `{content}` object, or a list of either (joined).
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Object(map) => map.get("content").and_then(text_of),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(text_of).collect();
            if parts.is_empty() {
                None
            } else {
                Some(parts.join(" "))
            }
        }
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

/// Reads the declared language of an item (`"en"` or `["en"]`).
fn declared_language(item: &Value) -> Option<Language> {
    let language = match item.get("language") {
        Some(Value::String(code)) => code.as_str(),
        Some(Value::Array(codes)) => codes.first().and_then(Value::as_str)?,
        _ => return None,
    };
    Some(Language::from_code(language))
}

struct Identifier {
    text: String,
    kind: String,
    primary: bool,
    trademark: bool,
}

fn identifiers(value: &Value) -> Vec<Identifier> {
    let mut out = Vec::new();
    for key in ["docid", "docidentifier"] {
        for item in each(value.get(key)) {
            let text = item.get("id").or_else(|| item.get("content")).and_then(text_of);
            let Some(text) = text.map(|t| clean_text(&t)).filter(|t| !t.is_empty()) else {
                continue;
            };
            out.push(Identifier {
                text,
                kind: item.get("type").and_then(Value::as_str).unwrap_or_default().to_string(),
                primary: item.get("primary").and_then(Value::as_bool).unwrap_or(false),
                trademark: item.get("scope").and_then(Value::as_str) == Some("trademark"),
            });
        }
    }
    out
}

fn is_document_identifier(kind: &str) -> bool {
    !matches!(
        kind.to_ascii_lowercase().as_str(),
        "urn"
            | "isbn"
            | "issn"
            | "doi"
            | "iso-reference"
            | "uri"
            | "url"
            | "internal"
            | "iso-with-lang"
    )
}

fn primary_identifier(identifiers: &[Identifier]) -> Option<&Identifier> {
    let usable = |id: &&Identifier| is_document_identifier(&id.kind) && !id.trademark;
    identifiers
        .iter()
        .filter(usable)
        .find(|id| id.primary)
        .or_else(|| identifiers.iter().find(usable))
        .or_else(|| identifiers.first())
}

/// Names the publishing organisation, from the identifier's prefix, its type, or the publisher.
fn organisation(id: &str, kind: &str, value: &Value) -> String {
    let upper = id.to_ascii_uppercase();
    let prefix: String =
        upper.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
    if let Some(org) = known_org(&prefix) {
        return org.to_string();
    }
    if upper.starts_with("ГОСТ") || upper.starts_with("ПМГ") || upper.starts_with("РМГ") {
        return "EASC".into();
    }
    if let Some(org) = known_org(&kind.to_ascii_uppercase()) {
        return org.to_string();
    }
    for contributor in each(value.get("contributor")) {
        let is_publisher = each(contributor.get("role")).any(|role| {
            role.as_str() == Some("publisher")
                || role.get("type").and_then(Value::as_str) == Some("publisher")
        });
        let abbreviation = contributor.pointer("/organization/abbreviation").and_then(text_of);
        if let (true, Some(abbreviation)) = (is_publisher, abbreviation) {
            if let Some(org) = known_org(&abbreviation.to_ascii_uppercase()) {
                return org.to_string();
            }
            return abbreviation;
        }
    }
    if kind.is_empty() {
        "UNKNOWN".into()
    } else {
        kind.to_ascii_uppercase()
    }
}

fn known_org(word: &str) -> Option<&'static str> {
    let org = match word {
        "ISO" => "ISO",
        "IEC" | "CISPR" => "IEC",
        "ITU-T" | "ITU" | "CCITT" => "ITU-T",
        "ITU-R" => "ITU-R",
        "IEEE" | "AIEE" | "ANSI" | "IRE" => "IEEE",
        "ETSI" => "ETSI",
        "W3C" => "W3C",
        "OIML" => "OIML",
        "IALA" => "IALA",
        "IHO" => "IHO",
        "CCSDS" => "CCSDS",
        "ECMA" => "ECMA",
        "OASIS" => "OASIS",
        "OGC" => "OGC",
        "EASC" | "GOST" => "EASC",
        "CEN" => "CEN",
        "CENELEC" => "CENELEC",
        _ => return None,
    };
    Some(org)
}

fn raw_stage(value: &Value) -> String {
    let stage = value
        .pointer("/docstatus/stage")
        .or_else(|| value.pointer("/status/stage"))
        .and_then(|stage| {
            stage
                .get("value")
                .or_else(|| stage.get("content"))
                .and_then(text_of)
                .or_else(|| text_of(stage))
        });
    if let Some(stage) = stage.filter(|s| !s.trim().is_empty()) {
        return stage.trim().to_string();
    }
    // IEEE records without a docstatus carry the state in ext.standard_status.
    value
        .pointer("/ext/standard_status")
        .and_then(text_of)
        .map(|status| match status.to_ascii_lowercase().as_str() {
            "inactive" => "withdrawn".to_string(),
            _ => status,
        })
        .unwrap_or_default()
}

fn doctype(value: &Value) -> String {
    let candidates = [value.get("doctype"), value.pointer("/ext/doctype")];
    for doctype in candidates.into_iter().flatten() {
        let text = match doctype {
            Value::String(text) => Some(text.clone()),
            Value::Object(map) => map.get("type").or_else(|| map.get("content")).and_then(text_of),
            _ => None,
        };
        if let Some(text) = text.filter(|t| !t.is_empty()) {
            return text;
        }
    }
    String::new()
}

/// Collects one title per language: the full title (`main`) if present, else intro - main - part.
fn titles(value: &Value) -> Vec<LangText> {
    struct Parts {
        language: Language,
        full: Option<String>,
        intro: Option<String>,
        main: Option<String>,
        part: Option<String>,
        other: Option<String>,
    }
    let mut per_language: Vec<Parts> = Vec::new();
    for item in each(value.get("title")) {
        let Some(text) = text_of(item).map(|t| clean_text(&t)).filter(|t| !t.is_empty()) else {
            continue;
        };
        let language = declared_language(item).unwrap_or_else(|| detect_language(&text));
        let index = match per_language.iter().position(|p| p.language == language) {
            Some(index) => index,
            None => {
                per_language.push(Parts {
                    language,
                    full: None,
                    intro: None,
                    main: None,
                    part: None,
                    other: None,
                });
                per_language.len() - 1
            }
        };
        let parts = &mut per_language[index];
        let slot = match item.get("type").and_then(Value::as_str).unwrap_or("") {
            "main" => &mut parts.full,
            "title-intro" => &mut parts.intro,
            "title-main" => &mut parts.main,
            "title-part" | "title-amd" => &mut parts.part,
            _ => &mut parts.other,
        };
        slot.get_or_insert(text);
    }
    per_language
        .into_iter()
        .filter_map(|parts| {
            let assembled = || {
                let pieces: Vec<String> =
                    [parts.intro.clone(), parts.main.clone(), parts.part.clone()]
                        .into_iter()
                        .flatten()
                        .collect();
                (!pieces.is_empty()).then(|| pieces.join(" - "))
            };
            let text = parts.full.clone().or_else(assembled).or(parts.other.clone())?;
            Some(LangText::new(parts.language, text))
        })
        .collect()
}

/// Collects abstracts per language, correcting labels that contradict the text and dropping
/// duplicates (a "French" abstract that repeats the English one).
fn abstracts(value: &Value) -> Vec<LangText> {
    let mut out: Vec<LangText> = Vec::new();
    for item in each(value.get("abstract")) {
        let Some(text) = text_of(item).map(|t| clean_text(&t)).filter(|t| !t.is_empty()) else {
            continue;
        };
        if out.iter().any(|existing| existing.text == text) {
            continue;
        }
        let detected = detect_language(&text);
        let language = match declared_language(item) {
            Some(declared) if detected == Language::Unknown || detected == declared => declared,
            Some(_) | None if detected != Language::Unknown => detected,
            Some(declared) => declared,
            None => Language::Unknown,
        };
        out.push(LangText::new(language, text));
    }
    out
}

fn committee(org: &str, value: &Value) -> Option<Committee> {
    // ISO, IEC, IHO: editorialgroup.technical_committee[] at top level or under ext.
    for group in
        [value.get("editorialgroup"), value.pointer("/ext/editorialgroup")].into_iter().flatten()
    {
        for technical in each(group.get("technical_committee")) {
            let name = technical.get("name").and_then(text_of).unwrap_or_default();
            let identifier = technical.get("identifier").and_then(text_of);
            let written = match identifier {
                Some(identifier) => identifier,
                None => {
                    let number = technical.get("number").and_then(text_of);
                    let kind = technical.get("type").and_then(Value::as_str).unwrap_or("TC");
                    match (number, kind) {
                        (_, _) if looks_like_committee(&name) => name.clone(),
                        (Some(number), "technicalCommittee" | "TC") => format!("TC {number}"),
                        (Some(number), "subcommittee" | "SC") => format!("SC {number}"),
                        _ => name.clone(),
                    }
                }
            };
            if !written.trim().is_empty() {
                return Some(Committee::parse(org, &written).with_name(name));
            }
        }
        // IEEE: ext.editorialgroup.committee[] strings; IHO: committee objects.
        for entry in each(group.get("committee")) {
            if let Some(name) = text_of(entry).or_else(|| entry.get("name").and_then(text_of)) {
                let name = clean_text(&name);
                if !name.is_empty() {
                    return Some(Committee::parse(org, &name));
                }
            }
        }
        // ETSI: editorialgroup is a list of {name}; IHO: a list of lists of {committee}.
        for entry in each(Some(group)).flat_map(|e| each(Some(e))) {
            let name = entry
                .get("name")
                .and_then(text_of)
                .or_else(|| entry.pointer("/committee/abbreviation").and_then(text_of));
            if let Some(name) = name.map(|n| clean_text(&n)).filter(|n| !n.is_empty()) {
                return Some(Committee::parse(org, &name));
            }
        }
    }
    // ITU, W3C, OIML, IALA: contributor[].organization.subdivision[].
    for contributor in each(value.get("contributor")) {
        let subdivisions: Vec<&Value> =
            each(contributor.pointer("/organization/subdivision")).collect();
        if subdivisions.is_empty() {
            continue;
        }
        let identifiers: Vec<String> = subdivisions
            .iter()
            .filter_map(|s| each(s.get("identifier")).next().and_then(text_of))
            .collect();
        let names: Vec<String> = subdivisions
            .iter()
            .filter_map(|s| each(s.get("name")).next().and_then(text_of))
            .collect();
        let written = if identifiers.is_empty() { names.join("/") } else { identifiers.join("/") };
        if written.trim().is_empty() || written.contains("UNKNOWN") {
            continue;
        }
        return Some(Committee::parse(org, &written).with_name(names.join(" / ")));
    }
    None
}

fn looks_like_committee(name: &str) -> bool {
    let upper = name.trim().to_ascii_uppercase();
    ["TC", "SC", "JTC", "PC", "CISPR", "SYC"].iter().any(|prefix| {
        upper.starts_with(prefix)
            && upper[prefix.len()..].trim_start().chars().next().is_none_or(|c| c.is_ascii_digit())
    })
}

fn ics_codes(value: &Value) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for list in [value.get("ics"), value.pointer("/ext/ics")] {
        for item in each(list) {
            let code = item.get("code").and_then(text_of).or_else(|| text_of(item));
            if let Some(code) = code.as_deref().and_then(normalize_ics) {
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
    }
    codes
}

fn keywords(value: &Value) -> Vec<String> {
    each(value.get("keyword"))
        .filter_map(text_of)
        .map(|k| clean_text(&k))
        .filter(|k| !k.is_empty())
        .collect()
}

fn date(value: &Value) -> Option<String> {
    let dates: Vec<&Value> = each(value.get("date")).collect();
    let value_of = |item: &Value| {
        ["value", "at", "from", "on"].iter().find_map(|key| item.get(*key).and_then(text_of))
    };
    let preferred = ["published", "issued", "circulated", "created"];
    for kind in preferred {
        if let Some(found) = dates
            .iter()
            .find(|d| d.get("type").and_then(Value::as_str) == Some(kind))
            .and_then(|d| value_of(d))
        {
            return Some(found);
        }
    }
    dates.first().and_then(|d| value_of(d))
}

fn relations(value: &Value) -> Vec<Relation> {
    let mut out = Vec::new();
    for relation in each(value.get("relation")) {
        let Some(raw_type) = relation.get("type").and_then(Value::as_str) else { continue };
        if matches!(
            raw_type,
            "hasEdition" | "complementOf" | "instanceOf" | "hasInstance" | "editionOf"
        ) {
            continue;
        }
        let Some(bibitem) = relation.get("bibitem") else { continue };
        let target = each(bibitem.get("docid"))
            .chain(each(bibitem.get("docidentifier")))
            .find_map(|id| id.get("id").or_else(|| id.get("content")).and_then(text_of))
            .or_else(|| bibitem.get("formattedref").and_then(text_of));
        let Some(target) = target.map(|t| clean_text(&t)).filter(|t| !t.is_empty()) else {
            continue;
        };
        let description = relation.pointer("/description").and_then(text_of).unwrap_or_default();
        let kind = match RelationKind::from_relaton(raw_type) {
            RelationKind::Other if description.contains("revises") => RelationKind::Updates,
            kind => kind,
        };
        out.push(Relation { kind, raw_type: raw_type.to_string(), target });
    }
    out
}

fn url(value: &Value) -> Option<String> {
    let links: Vec<&Value> = each(value.get("link")).chain(each(value.get("source"))).collect();
    let content = |item: &&Value| item.get("content").and_then(text_of);
    links
        .iter()
        .find(|l| l.get("type").and_then(Value::as_str) == Some("src"))
        .and_then(content)
        .or_else(|| links.first().and_then(content))
}

/// Strips HTML tags, decodes common entities, removes soft hyphens and collapses white space.
pub fn clean_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(index) = rest.find(['<', '&']) {
        out.push_str(&rest[..index]);
        rest = &rest[index..];
        if rest.starts_with('<') {
            // A tag if it closes within a short span and starts like one; else a literal '<'.
            let looks_like_tag = rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
            match rest.find('>') {
                Some(end) if looks_like_tag => {
                    out.push(' ');
                    rest = &rest[end + 1..];
                }
                _ => {
                    out.push('<');
                    rest = &rest[1..];
                }
            }
        } else {
            let end = rest[1..].find(';').map(|e| e + 1).filter(|e| *e <= 10);
            let decoded = end.and_then(|end| decode_entity(&rest[1..end]));
            match (end, decoded) {
                (Some(end), Some(c)) => {
                    out.push(c);
                    rest = &rest[end + 1..];
                }
                _ => {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
        }
    }
    out.push_str(rest);
    let mut collapsed = String::with_capacity(out.len());
    for word in out.split_whitespace() {
        if !collapsed.is_empty() {
            collapsed.push(' ');
        }
        collapsed.extend(word.chars().filter(|c| *c != '\u{ad}' && *c != '\u{200b}'));
    }
    collapsed
}

fn decode_entity(name: &str) -> Option<char> {
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "rsquo" | "lsquo" => '\'',
        "ldquo" | "rdquo" => '"',
        "deg" => '°',
        "micro" => 'µ',
        "times" => '×',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lifecycle;

    fn parse(json: &str) -> Record {
        record_from_value(&serde_json::from_str(json).unwrap()).unwrap()
    }

    #[test]
    fn older_generation_iso_record() {
        let record = parse(
            r#"{"title":[{"content":"Mechanical joint fittings","language":["en"],"type":"title-main"},
                {"content":"Mechanical joint fittings","language":["en"],"type":"main"},
                {"content":"Raccords mécaniques","language":["fr"],"type":"main"}],
              "docid":[{"id":"ISO 9625:1993","type":"ISO","primary":true},{"id":"urn:iso:std:iso:9625","type":"URN"}],
              "docstatus":{"stage":{"value":"95"},"substage":{"value":"99"}},
              "abstract":[{"content":"Specifies requirements for fittings used in irrigation systems.","language":["en"]},
                          {"content":"Specifies requirements for fittings used in irrigation systems.","language":["fr"]}],
              "ext":{"editorialgroup":{"technical_committee":[{"name":"Plastics pipes","number":138,"type":"TC","identifier":"ISO/TC 138/SC 2"}]},
                     "ics":[{"code":"23.040.45"}]}}"#,
        );
        assert_eq!(record.id, "ISO 9625:1993");
        assert_eq!(record.org, "ISO");
        assert_eq!(record.stage.lifecycle, Lifecycle::Withdrawn);
        assert_eq!(record.stage.raw, "95");
        assert_eq!(record.titles.len(), 2);
        assert_eq!(record.title_in(Language::French), Some("Raccords mécaniques"));
        assert_eq!(record.abstracts.len(), 1, "duplicate mislabelled abstract is dropped");
        assert_eq!(record.committee.unwrap().id, "ISO/TC 138/SC 2");
        assert_eq!(record.ics, ["23.040.45"]);
    }

    #[test]
    fn newer_generation_itu_record_with_twin() {
        let record = parse(
            r#"{"docidentifier":[{"content":"ITU-T X.509 (10/2019)","type":"ITU","primary":true},
                                 {"content":"ISO/IEC 9594-8","type":"ISO","primary":true}],
              "title":[{"language":"en","content":"Public-key and attribute certificate frameworks","type":"main"}],
              "status":{"stage":{"content":"Published"}},
              "contributor":[{"role":[{"type":"author"}],"organization":{"name":[{"content":"ITU"}],
                 "subdivision":[{"name":[{"content":"ITU-T Study Group 17"}],"type":"technical-committee"}]}}]}"#,
        );
        assert_eq!(record.org, "ITU-T");
        assert_eq!(record.alt_ids, ["ISO/IEC 9594-8"]);
        assert_eq!(record.committee.unwrap().id, "ITU-T/SG 17");
        assert_eq!(record.stage.lifecycle, Lifecycle::Published);
    }

    #[test]
    fn single_object_fields_and_string_languages() {
        let record = parse(
            r#"{"docid":{"type":"IHO","id":"B-10","primary":true},
              "title":[{"type":"main","content":"The History of GEBCO","language":"en"}],
              "editorialgroup":[[{"committee":{"abbreviation":"HSSC","name":"Hydrographic Services"}}]],
              "date":{"type":"published","from":"2003-04-01"}}"#,
        );
        assert_eq!(record.org, "IHO");
        assert_eq!(record.committee.unwrap().id, "IHO/HSSC");
        assert_eq!(record.date.as_deref(), Some("2003-04-01"));
    }

    #[test]
    fn missing_identifier_is_an_error_naming_the_field() {
        let error = record_from_value(&serde_json::json!({"title": "x"})).unwrap_err();
        assert_eq!(error.field, "docid");
        let error = record_from_value(&serde_json::json!([1, 2])).unwrap_err();
        assert_eq!(error.field, "record");
    }

    #[test]
    fn html_is_stripped_and_entities_decoded() {
        assert_eq!(
            clean_text("<p>Safety &amp; EMC</p>\n<ul><li>a &lt; b</li></ul>"),
            "Safety & EMC a < b"
        );
        assert_eq!(clean_text("Stand\u{ad}ards &#233;t&eacute;"), "Standards ét&eacute;");
        assert_eq!(clean_text("x < y and AT&T"), "x < y and AT&T");
    }
}
