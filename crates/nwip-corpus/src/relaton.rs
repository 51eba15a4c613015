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
use crate::docid::{document_key, extract_identifiers, DocId};
use crate::ics::normalize_ics;
use crate::identity::{document_of, role_of};
use crate::record::{LangText, Record, Relation, RelationKind};
use crate::registry::{self, Organisation};
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
    let key = document_key(&primary.text);
    // Other identifiers of the document: a twin (an ITU-T Recommendation's ISO/IEC number, a CIE
    // standard's IEC number) or a second identifier (an IMO code's adopting resolution). Forms
    // of the same identifier (BIPM's language-tagged and written-out ones) are left out.
    let mut alt_ids: Vec<String> = Vec::new();
    for id in identifiers.iter().filter(|id| id.text != primary.text) {
        let written_out = id.kind.to_ascii_lowercase().ends_with("-long");
        if is_document_identifier(&id.kind)
            && !written_out
            && !id.presentation_only
            && !alt_ids.contains(&id.text)
            && document_key(&id.text) != key
        {
            alt_ids.push(id.text.clone());
        }
    }
    let titles = titles(value);
    alt_ids.extend(adopted_identifiers_in_titles(&primary.text, &titles, &alt_ids));
    let org = organisation(&primary.text, &primary.kind, value);
    let raw_stage = raw_stage(value);
    // W3C's undated record of a specification has no status of its own: its newest version's
    // maturity is the specification's.
    let newest_version = (org == "W3C" && raw_stage.is_empty()).then(|| newest_w3c_version(value));
    let stage_id = newest_version.flatten().unwrap_or_else(|| primary.text.clone());
    let stage = Stage::from_raw(&org, &raw_stage, &stage_id);
    let mut relations = relations(value);
    if org == "IETF" {
        relations.extend(rfc_relations_in_abstracts(value));
    }
    let specification = if org == "W3C" { edition_of(value) } else { None };
    let document = document_of(specification.as_deref().unwrap_or(&primary.text));
    let record = Record {
        key,
        document,
        role: role_of(&primary.text, &stage),
        id: primary.text.clone(),
        alt_ids,
        doctype: doctype(value),
        stage,
        titles,
        abstracts: abstracts(value),
        committee: committee(&org, value),
        ics: ics_codes(value),
        keywords: keywords(value),
        date: date(value),
        relations,
        url: url(value),
        org,
    };
    Ok(record)
}

/// The specification a dated W3C version is an edition of (its `editionOf` relation): W3C's own
/// record of the document, which stays one across renamings (`CR-verifiable-claims-data-model-
/// 20190328` is an edition of `vc-data-model-1.1`, `payment-handler` drafts of
/// `web-based-payment-handler`, `access-control` of `cors`).
fn edition_of(value: &Value) -> Option<String> {
    related_identifiers(value, "editionOf").next()
}

/// The identifiers of the documents a record's relations of one type name, in order.
fn related_identifiers<'a>(value: &'a Value, kind: &'a str) -> impl Iterator<Item = String> + 'a {
    each(value.get("relation"))
        .filter(move |relation| relation.get("type").and_then(Value::as_str) == Some(kind))
        .filter_map(|relation| relation.get("bibitem"))
        .flat_map(|bibitem| each(bibitem.get("docidentifier")).chain(each(bibitem.get("docid"))))
        .filter_map(|id| id.get("content").or_else(|| id.get("id")).and_then(text_of))
        .map(|id| clean_text(&id))
        .filter(|id| !id.is_empty())
}

/// The newest dated version a W3C specification's own record lists (its `hasEdition`
/// relations, dated by the identifier's last eight digits): W3C's undated record of
/// `low-vision-needs` carries no status, and its only version is a 2016 Working Draft, so the
/// specification is a draft, not published. `None` for a dated version's own record.
fn newest_w3c_version(value: &Value) -> Option<String> {
    related_identifiers(value, "hasEdition")
        .filter_map(|id| {
            let date = id.rsplit('-').next()?;
            let dated = date.len() == 8 && date.bytes().all(|b| b.is_ascii_digit());
            dated.then(|| (date.to_string(), id.clone()))
        })
        .max()
        .map(|(_, id)| id)
}

/// Identifiers a record's titles name for the document it adopts or transposes: an ETSI
/// transposition's title names its 3GPP specification (`5G; System architecture for the 5G
/// System (5GS) (3GPP TS 23.501 version 15.13.0 Release 15)`), which is the same text.
fn adopted_identifiers_in_titles(id: &str, titles: &[LangText], known: &[String]) -> Vec<String> {
    let Some(adopted) = DocId::parse(id).and_then(|parsed| parsed.adopted_key()) else {
        return Vec::new();
    };
    let mut found: Vec<String> = Vec::new();
    for title in titles {
        for mentioned in extract_identifiers(&title.text) {
            let new = !known.contains(&mentioned.raw) && !found.contains(&mentioned.raw);
            if new && mentioned.document_key() == adopted {
                found.push(mentioned.raw);
            }
        }
    }
    found
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
    /// A trademark or link-anchor form (`IEEE Std 802.11™`, XSF's `XEP-0001` anchor), not an
    /// identifier of its own.
    presentation_only: bool,
    /// The language of a language-tagged form (BIPM `CGPM RES 1 (1927, E)` is tagged `en`).
    language: Option<String>,
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
                presentation_only: matches!(
                    item.get("scope").and_then(Value::as_str),
                    Some("trademark" | "anchor")
                ),
                language: item.get("language").and_then(text_of),
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
            | "oiml-bulletin-url-slug"
    )
}

/// Picks the primary identifier: a primary one without a language tag, unless it only joins the
/// tagged forms (BIPM's `CCAUV 1st Meeting (1999) / CCAUV 1e réunion (1999)`), in which case the
/// English form; an English form before a French one (`... (2019/2024, E)`).
fn primary_identifier(identifiers: &[Identifier]) -> Option<&Identifier> {
    let usable = |id: &&Identifier| is_document_identifier(&id.kind) && !id.presentation_only;
    let primaries: Vec<&Identifier> =
        identifiers.iter().filter(usable).filter(|id| id.primary).collect();
    let english = primaries.iter().find(|id| id.language.as_deref() == Some("en"));
    let joins_tagged_forms = |id: &Identifier| {
        english.is_some_and(|en| id.text.starts_with(&en.text) && id.text.contains(" / "))
    };
    let untagged = primaries
        .iter()
        .filter(|id| id.language.is_none() && !joins_tagged_forms(id))
        .min_by_key(|id| id.text.ends_with(", F)"));
    untagged
        .or(english)
        .or(primaries.first())
        .copied()
        .or_else(|| identifiers.iter().find(usable))
        .or_else(|| identifiers.first())
}

/// Names the publishing organisation as the registry calls it, from the identifier's first word,
/// its type, or the publisher.
///
/// The first word decides (`CISPR 11` in an IEC catalogue is IEC's, `ITU-R BT.709` is ITU-R's
/// whatever the type says), unless it names a body that only adopts or co-publishes and the type
/// names another (`ANSI C63.4` in IEEE's catalogue is IEEE's; IMO's `CLC 1969` is not CENELEC's).
fn organisation(id: &str, kind: &str, value: &Value) -> String {
    let first_word: String =
        id.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '-').collect();
    let by_prefix = registry::organisation(&first_word);
    let by_kind = registry::organisation(kind);
    let owns_numbers =
        |org: &Organisation| org.publishers.iter().any(|p| p.owner_precedence().is_some());
    match (by_prefix, by_kind) {
        (Some(prefix), Some(kind)) if !owns_numbers(prefix) && prefix.name != kind.name => {
            return kind.name.to_string()
        }
        (Some(prefix), _) => return prefix.name.to_string(),
        (None, Some(kind)) => return kind.name.to_string(),
        (None, None) => {}
    }
    for contributor in each(value.get("contributor")) {
        let is_publisher = each(contributor.get("role")).any(|role| {
            role.as_str() == Some("publisher")
                || role.get("type").and_then(Value::as_str) == Some("publisher")
        });
        let abbreviation = contributor.pointer("/organization/abbreviation").and_then(text_of);
        if let (true, Some(abbreviation)) = (is_publisher, abbreviation) {
            return registry::canonical_name(&abbreviation)
                .map_or(abbreviation.clone(), str::to_string);
        }
    }
    if kind.is_empty() {
        "UNKNOWN".into()
    } else {
        kind.to_ascii_uppercase()
    }
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
/// A title that repeats another language's word for word is a copy, not a translation (ISO and
/// IEC drafts whose "French" title is the English one, 6,029 records of the shared corpus): one
/// text is kept, under the language its words are in.
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
        .fold(Vec::new(), |mut titles: Vec<LangText>, title| {
            match titles.iter_mut().find(|kept| kept.text == title.text) {
                Some(kept) => {
                    let detected = detect_language(&title.text);
                    if detected == title.language && detected != kept.language {
                        kept.language = title.language;
                    }
                }
                None => titles.push(title),
            }
            titles
        })
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
            // Codex, IMO: only `content`, the name with its abbreviation
            if technical.get("name").is_none() && technical.get("identifier").is_none() {
                if let Some(content) = technical.get("content").and_then(text_of) {
                    let (name, abbreviation) = split_abbreviation(&clean_text(&content));
                    if !abbreviation.is_empty() {
                        return Some(Committee::parse(org, &abbreviation).with_name(name));
                    }
                }
            }
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

/// Splits `Codex Committee on Food Labelling (CCFL)` into its name and abbreviation; a bare
/// abbreviation (`TFPHQFF`) has no name.
fn split_abbreviation(content: &str) -> (String, String) {
    let content = content.trim();
    if let Some(open) = content.rfind(" (") {
        if let Some(abbreviation) = content[open + 2..].strip_suffix(')') {
            let abbreviation = abbreviation.trim();
            if !abbreviation.is_empty() && !abbreviation.contains(' ') {
                return (content[..open].trim().to_string(), abbreviation.to_string());
            }
        }
    }
    let bare = !content.contains(' ') && content.chars().any(|c| c.is_ascii_uppercase());
    if bare {
        (String::new(), content.to_string())
    } else {
        (content.to_string(), content.to_string())
    }
}

/// Tells whether a committee's `name` is its designation (`TC 61`, `CISPR`, `ISO/IEC JTC 1/SC
/// 27`, `ISO/TC 22/SC 37`) rather than its title, with or without the organisations before it.
fn looks_like_committee(name: &str) -> bool {
    let upper = name.trim().to_ascii_uppercase();
    let designation = |text: &str| {
        ["TC", "SC", "JTC", "PC", "CISPR", "SYC"].iter().any(|prefix| {
            text.starts_with(prefix)
                && text[prefix.len()..]
                    .trim_start()
                    .chars()
                    .next()
                    .is_none_or(|c| c.is_ascii_digit())
        })
    };
    // "ISO/", "ISO/IEC ": organisations are letters and slashes before the designation
    designation(&upper)
        || upper.char_indices().filter(|(_, c)| *c == '/' || *c == ' ').take(2).any(|(at, _)| {
            upper[..at].chars().all(|c| c.is_ascii_alphabetic() || c == '/')
                && designation(&upper[at + 1..])
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
        out.push(Relation::new(kind, raw_type, target));
    }
    out
}

/// The page where the catalogue entry can be read: `link[]` in older records, `source[]` in BIPM's;
/// a `src` link unless it is a data file (BIPM's `src` are YAML files, its `citation` the page),
/// the English one first when the links are language-tagged.
fn url(value: &Value) -> Option<String> {
    let mut links: Vec<&Value> = each(value.get("link")).chain(each(value.get("source"))).collect();
    links.sort_by_key(|link| {
        link.get("language").and_then(Value::as_str).is_some_and(|language| language != "en")
    });
    let content = |item: &&Value| item.get("content").and_then(text_of);
    let is_page = |link: &&&Value| {
        content(link).is_some_and(|url| {
            let url = url.to_ascii_lowercase();
            ![".yml", ".yaml", ".json", ".xml"].iter().any(|ext| url.ends_with(ext))
        })
    };
    let of_type = |kind: &str| {
        links
            .iter()
            .filter(is_page)
            .find(|l| l.get("type").and_then(Value::as_str) == Some(kind))
            .and_then(content)
    };
    of_type("src")
        .or_else(|| of_type("citation"))
        .or_else(|| links.iter().find(is_page).and_then(content))
        .or_else(|| links.first().and_then(content))
}

/// Relations an RFC's abstract states: `This document obsoletes RFC 2616`, `updates RFCs 822,
/// 987, and 1026`, `is an update to RFC 2068` (the BibXML records carry no relations).
fn rfc_relations_in_abstracts(value: &Value) -> Vec<Relation> {
    let mut out = Vec::new();
    for item in each(value.get("abstract")) {
        let Some(text) = text_of(item).map(|t| clean_text(&t)) else { continue };
        for sentence in text.split(". ") {
            rfc_relations_in_sentence(sentence, &mut out);
        }
    }
    out
}

fn rfc_relations_in_sentence(sentence: &str, out: &mut Vec<Relation>) {
    const VERBS: &[(&str, RelationKind, &str)] = &[
        ("obsoletes", RelationKind::Obsoletes, "obsoletes"),
        ("replaces", RelationKind::Obsoletes, "obsoletes"),
        ("updates", RelationKind::Updates, "updates"),
        ("is an update to", RelationKind::Updates, "updates"),
    ];
    let lower = sentence.to_ascii_lowercase();
    for (verb, kind, raw_type) in VERBS {
        let mut from = 0;
        while let Some(found) = lower[from..].find(verb) {
            let start = from + found + verb.len();
            from = start;
            for number in rfc_numbers_after(&lower[start..]) {
                let target = format!("RFC {number}");
                if !out.iter().any(|r: &Relation| r.target == target && r.kind == *kind) {
                    out.push(Relation::new(*kind, raw_type, target));
                }
            }
        }
    }
}

/// The RFC numbers listed right after a verb: `rfc 2616`, `rfcs 2818, 7231, and 7232`, `rfc-888`;
/// the list ends at the first word that is neither a number nor `rfc`, `and`, `or`.
fn rfc_numbers_after(text: &str) -> Vec<String> {
    let mut numbers = Vec::new();
    let mut saw_rfc = false;
    for word in text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()) {
        let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | '"' | ';' | ':' | '.'));
        let digits =
            word.trim_start_matches("rfcs").trim_start_matches("rfc").trim_start_matches('-');
        if word.starts_with("rfc") {
            saw_rfc = true;
        }
        if saw_rfc && !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            numbers.push(digits.trim_start_matches('0').to_string());
        } else if !(word.starts_with("rfc") || matches!(word, "and" | "or")) {
            break;
        }
    }
    numbers
}

/// Whether a tag (its text between `<` and `>`) is inline markup that sits inside words:
/// subscripts, superscripts and emphasis.
fn is_inline_tag(tag: &str) -> bool {
    let name = tag.trim_start_matches('/');
    let name = &name[..name.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(name.len())];
    const INLINE: [&str; 10] = ["sub", "sup", "i", "b", "em", "strong", "u", "span", "small", "tt"];
    INLINE.iter().any(|inline| name.eq_ignore_ascii_case(inline))
}

/// Strips HTML tags (inline markup such as subscripts without a trace, other tags as a space),
/// decodes common entities, removes soft hyphens and collapses white space.
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
                    // Inline markup sits inside words ("E<sub>1</sub>", "1<sup>e</sup>"): it
                    // leaves nothing; any other tag (a paragraph, a line break) parts words.
                    if !is_inline_tag(&rest[1..end]) {
                        out.push(' ');
                    }
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
    fn a_w3c_specification_has_its_newest_versions_maturity() {
        let umbrella = |versions: &[&str]| {
            let relations: Vec<String> = versions
                .iter()
                .map(|id| {
                    format!(
                        r#"{{"type":"hasEdition","bibitem":{{"docidentifier":[{{"content":"{id}","type":"W3C","primary":true}}]}}}}"#
                    )
                })
                .collect();
            let line = format!(
                r#"{{"docidentifier":[{{"content":"W3C low-vision-needs","type":"W3C","primary":true}}],
                  "title":[{{"content":"Accessibility Requirements for People with Low Vision","language":"en"}}],
                  "relation":[{}]}}"#,
                relations.join(",")
            );
            Record::from_relaton_json(&line).unwrap().stage.lifecycle
        };
        assert_eq!(umbrella(&["W3C WD-low-vision-needs-20160317"]), Lifecycle::UnderDevelopment);
        assert_eq!(
            umbrella(&["W3C WD-css-color-4-20160705", "W3C REC-css-color-4-20250424"]),
            Lifecycle::Published
        );
        assert_eq!(umbrella(&["W3C NOTE-low-vision-needs-20260101"]), Lifecycle::Published);
        assert_eq!(umbrella(&[]), Lifecycle::Published, "no version listed");
    }

    #[test]
    fn a_w3c_version_belongs_to_the_specification_it_is_an_edition_of() {
        // W3C's record of the 2019 candidate recommendation of Verifiable Credentials 1.0,
        // published under a short name the specification no longer has.
        let renamed = parse(
            r#"{"docidentifier":[{"content":"W3C CR-verifiable-claims-data-model-20190328","type":"W3C","primary":true}],
              "title":[{"language":"en","content":"Verifiable Credentials Data Model 1.0"}],
              "relation":[{"type":"editionOf","bibitem":{"docidentifier":[{"content":"W3C vc-data-model-1.1","type":"W3C","primary":true}]}},
                          {"type":"obsoletes","bibitem":{"docidentifier":[{"content":"W3C CR-verifiable-claims-data-model-20190325","type":"W3C","primary":true}]}}]}"#,
        );
        assert_eq!(renamed.org, "W3C");
        assert_eq!(renamed.document, document_of("W3C REC-vc-data-model-2.0-20250515"));
        assert_ne!(renamed.document, document_of(&renamed.id));
        assert_eq!(renamed.key, document_key("W3C CR-verifiable-claims-data-model-20190328"));
        // Without the relation, the identifier decides.
        let plain = parse(
            r#"{"docidentifier":[{"content":"W3C CR-verifiable-claims-data-model-20190328","type":"W3C","primary":true}],
              "title":[{"language":"en","content":"Verifiable Credentials Data Model 1.0"}]}"#,
        );
        assert_eq!(plain.document, document_of(&plain.id));
    }

    #[test]
    fn a_title_copied_under_another_language_is_one_title_in_the_language_of_its_words() {
        let titles = |json: &str| parse(json).titles;
        // An ISO draft whose "French" title is the English one: an English title only.
        let copied = titles(
            r#"{"docid":[{"id":"ISO/DIS 24359-1","type":"ISO","primary":true}],
              "title":[{"content":"Building commissioning process planning - Part 1: New buildings","language":["en"],"type":"main"},
                       {"content":"Building commissioning process planning","language":["fr"],"type":"title-main"},
                       {"content":"Part 1: New buildings","language":["fr"],"type":"title-part"},
                       {"content":"Building commissioning process planning - Part 1: New buildings","language":["fr"],"type":"main"}]}"#,
        );
        assert_eq!(
            copied,
            [LangText::new(
                Language::English,
                "Building commissioning process planning - Part 1: New buildings"
            )]
        );
        // Written first under the wrong label, the text keeps the language its words are in.
        let relabelled = titles(
            r#"{"docid":[{"id":"X 1","type":"X","primary":true}],
              "title":[{"content":"Méthodes d'essai pour les tubes et les raccords","language":"en","type":"main"},
                       {"content":"Méthodes d'essai pour les tubes et les raccords","language":"fr","type":"main"}]}"#,
        );
        assert_eq!(
            relabelled,
            [LangText::new(Language::French, "Méthodes d'essai pour les tubes et les raccords")]
        );
        // A translation stays.
        let translated = titles(
            r#"{"docid":[{"id":"X 2","type":"X","primary":true}],
              "title":[{"content":"Test methods for pipes","language":"en","type":"main"},
                       {"content":"Méthodes d'essai pour les tubes","language":"fr","type":"main"}]}"#,
        );
        assert_eq!(translated.len(), 2);
    }

    #[test]
    fn a_committee_named_by_its_designation_keeps_its_organisations() {
        // ISO's older layout: the designation as the name, no identifier, the top-level number.
        let committee = |name: &str| {
            let line = format!(
                r#"{{"docid":[{{"id":"ISO/IEC 27001:2005","type":"ISO","primary":true}}],
                   "title":[{{"content":"Information security management systems","language":"en"}}],
                   "editorialgroup":{{"technical_committee":[{{"name":"{name}","number":1,"type":"technicalCommittee"}}]}}}}"#
            );
            parse(&line).committee.unwrap().id
        };
        // not ISO/TC 1 (screw threads)
        assert_eq!(committee("ISO/IEC JTC 1/SC 27"), "ISO/IEC JTC 1/SC 27");
        assert_eq!(committee("ISO/TC 22/SC 37"), "ISO/TC 22/SC 37");
        assert_eq!(committee("TC 1"), "ISO/TC 1");
        assert_eq!(committee("Screw threads"), "ISO/TC 1");
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
    fn bipm_layout_dates_sources_and_language_tagged_identifiers() {
        let record = parse(
            r#"{"id":"CGPM-RES-1-1927","schema_version":"v1.5.6",
              "title":[{"language":"en","content":"Definition of the metre"},{"language":"fr","content":"Définition du mètre"}],
              "source":[{"language":"en","type":"citation","content":"https://www.bipm.org/en/committees/cg/cgpm/7-1927/resolution-1"},
                        {"language":"fr","type":"citation","content":"https://www.bipm.org/fr/committees/cg/cgpm/7-1927/resolution-1"},
                        {"language":"en","type":"src","content":"https://raw.githubusercontent.com/metanorma/bipm-data-outcomes/main/cgpm/meetings-en/meeting-07.yml"}],
              "docidentifier":[{"content":"CGPM RES 1 (1927)","type":"BIPM","primary":true},
                               {"language":"en","content":"CGPM RES 1 (1927, E)","type":"BIPM","primary":true},
                               {"language":"fr","content":"CGPM RES 1 (1927, F)","type":"BIPM","primary":true},
                               {"language":"en","content":"CGPM Resolution 1 (1927)","type":"BIPM-long"}],
              "date":[{"type":"published","at":"1927-10-06"}],
              "contributor":[{"role":[{"type":"publisher"}],"organization":{"abbreviation":{"content":"BIPM"}}}],
              "ext":{"schema_version":"v1.1.2","doctype":{"content":"resolution"}}}"#,
        );
        assert_eq!(record.id, "CGPM RES 1 (1927)");
        assert_eq!(record.org, "BIPM");
        assert!(record.alt_ids.is_empty(), "language-tagged forms are the same document");
        assert_eq!(record.date.as_deref(), Some("1927-10-06"));
        assert_eq!(
            record.url.as_deref(),
            Some("https://www.bipm.org/en/committees/cg/cgpm/7-1927/resolution-1")
        );
        assert_eq!(record.title_in(Language::French), Some("Définition du mètre"));
    }

    #[test]
    fn bipm_meetings_take_the_english_form_over_the_joined_one() {
        let record = parse(
            r#"{"docidentifier":[{"language":"en","content":"CCAUV 1st Meeting (1999)","type":"BIPM","primary":true},
                {"language":"fr","content":"CCAUV 1<sup>e</sup> réunion (1999)","type":"BIPM","primary":true},
                {"content":"CCAUV 1st Meeting (1999) / CCAUV 1<sup>e</sup> réunion (1999)","type":"BIPM","primary":true}],
              "title":[{"language":"en","content":"1st meeting of the CCAUV"}]}"#,
        );
        assert_eq!(record.id, "CCAUV 1st Meeting (1999)");
        assert_eq!(record.org, "BIPM");
    }

    #[test]
    fn codex_and_imo_committees_are_read_with_their_abbreviations() {
        let record = parse(
            r#"{"docidentifier":[{"content":"CXS 1-1985","type":"Codex","primary":true}],
              "title":[{"content":"General Standard for the Labelling of Prepackaged Foods","language":"en","type":"main"}],
              "contributor":[{"role":[{"type":"publisher"}],"organization":{"name":[{"content":"Codex Alimentarius Commission"}],"abbreviation":{"content":"CAC"}}}],
              "status":{"stage":{"content":"published"}},
              "ext":{"doctype":{"content":"standard"},"editorialgroup":{"technical_committee":[{"content":"Codex Committee on Food Labelling (CCFL)"}]}}}"#,
        );
        assert_eq!(record.org, "Codex");
        let committee = record.committee.unwrap();
        assert_eq!(committee.id, "Codex/CCFL");
        assert_eq!(committee.name.as_deref(), Some("Codex Committee on Food Labelling"));

        let record = parse(
            r#"{"docidentifier":[{"content":"CLC 1969","type":"IMO","primary":true}],
              "title":[{"content":"International Convention on Civil Liability for Oil Pollution Damage, 1969","language":"en"}],
              "ext":{"editorialgroup":{"technical_committee":[{"content":"Legal Committee (LEG)"},{"content":"TFPHQFF"}]}}}"#,
        );
        assert_eq!(record.org, "IMO", "IMO's CLC is not CENELEC's");
        assert_eq!(record.committee.unwrap().id, "IMO/LEG");
        assert_eq!(split_abbreviation("TFPHQFF"), (String::new(), "TFPHQFF".to_string()));
    }

    #[test]
    fn organisations_get_their_registry_names() {
        let org = |id: &str, kind: &str| {
            let json = format!(
                r#"{{"docid":[{{"id":"{id}","type":"{kind}","primary":true}}],"title":"t"}}"#
            );
            parse(&json).org
        };
        assert_eq!(org("XEP 0001", "XEP"), "XSF");
        assert_eq!(org("CC/S 0903:2009", "CalConnect"), "CalConnect");
        assert_eq!(org("NBS FIPS 46", "NIST"), "NIST");
        assert_eq!(org("RFC 9110", "IETF"), "IETF");
        assert_eq!(org("ANSI C63.4a-2017", "IEEE"), "IEEE");
        assert_eq!(org("CISPR 11:2015", "IEC"), "IEC");
        assert_eq!(org("ITU-R BT.709-6", "ITU"), "ITU-R");
        assert_eq!(org("SOLAS 1974", "IMO"), "IMO");
        assert_eq!(org("ГОСТ 12.0.004-2015", "EASC"), "EASC");
        assert_eq!(org("Unknown thing", ""), "UNKNOWN");
    }

    #[test]
    fn rfc_abstracts_say_what_they_obsolete_and_update() {
        let record = parse(
            r#"{"docid":[{"id":"RFC 9110","type":"IETF","primary":true}],"title":"HTTP Semantics",
              "abstract":[{"content":"<p>The Hypertext Transfer Protocol (HTTP) is a protocol.</p><p>This document updates RFC 3864 and obsoletes RFCs 2818, 7231, 7232, and portions of 7230.</p>","format":"text/html"}]}"#,
        );
        let said: Vec<(RelationKind, &str)> =
            record.relations.iter().map(|r| (r.kind, r.target.as_str())).collect();
        assert_eq!(
            said,
            [
                (RelationKind::Obsoletes, "RFC 2818"),
                (RelationKind::Obsoletes, "RFC 7231"),
                (RelationKind::Obsoletes, "RFC 7232"),
                (RelationKind::Updates, "RFC 3864"),
            ]
        );
        let mut out = Vec::new();
        rfc_relations_in_sentence(
            "This specification is an update to RFC 2068. [STANDARDS-TRACK]",
            &mut out,
        );
        assert_eq!(out[0].target, "RFC 2068");
        out.clear();
        rfc_relations_in_sentence("It proposes dynamic updates to the DNS", &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn an_etsi_transposition_names_its_3gpp_specification() {
        let record = parse(
            r#"{"docid":[{"id":"ETSI TS 123 501 V15.13.0 (2022-03)","type":"ETSI","primary":true}],
              "title":[{"content":"5G; System architecture for the 5G System (5GS) (3GPP TS 23.501 version 15.13.0 Release 15)","language":"en"}]}"#,
        );
        assert_eq!(record.key, "etsi ts 123 501");
        assert_eq!(record.alt_ids, ["3GPP TS 23.501 version 15.13.0 Release 15"]);
        assert_eq!(document_key(&record.alt_ids[0]), "3gpp ts 23.501");
        // a title naming another document is no twin
        let record = parse(
            r#"{"docid":[{"id":"ETSI TS 102 969","type":"ETSI","primary":true}],
              "title":[{"content":"Radio (3GPP TS 23.501 version 15.13.0 Release 15)","language":"en"}]}"#,
        );
        assert!(record.alt_ids.is_empty());
    }

    #[test]
    fn bcp_and_std_records_include_their_rfcs() {
        let record = parse(
            r#"{"docid":[{"id":"BCP 9","type":"IETF","primary":true}],"title":"Best Current Practice 9",
              "relation":[{"type":"includes","bibitem":{"docid":[{"id":"RFC 2026","type":"IETF","primary":true}]}}]}"#,
        );
        assert_eq!(record.relations[0].kind, RelationKind::Includes);
        assert_eq!(record.relations[0].target, "RFC 2026");
    }

    #[test]
    fn html_is_stripped_and_entities_decoded() {
        assert_eq!(
            clean_text("<p>Safety &amp; EMC</p>\n<ul><li>a &lt; b</li></ul>"),
            "Safety & EMC a < b"
        );
        assert_eq!(clean_text("Stand\u{ad}ards &#233;t&eacute;"), "Standards ét&eacute;");
        assert_eq!(clean_text("x < y and AT&T"), "x < y and AT&T");
        assert_eq!(
            clean_text(
                "Weights of classes E<sub>1</sub>, M<sub>1-2</sub> and <i>H</i><SUB>2</SUB>O"
            ),
            "Weights of classes E1, M1-2 and H2O"
        );
        assert_eq!(clean_text("CCAUV 1<sup>e</sup> réunion<br/>Paris"), "CCAUV 1e réunion Paris");
        assert_eq!(clean_text("<span class=\"x\">a</span><p>b</p>"), "a b");
    }
}
