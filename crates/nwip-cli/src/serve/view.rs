//! The report as HTML, rendered from the report's JSON (the shape `nwip check --format json`
//! prints), so a field added to the report needs no change here and a renamed one shows as
//! missing rather than failing. Every text is escaped; every identifier links to its record page.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::sync::OnceLock;

use nwip::text::{detect_language, Analyzer};
use serde_json::Value;

use crate::html::escape;

/// Organisation kinds listed first among the liaisons when their work is ongoing.
const PRIORITY_KINDS: &[&str] = &["intergovernmental", "partner", "treaty", "regulator"];

/// How many shared terms (the most distinctive) are highlighted in titles and snippets.
const HIGHLIGHTED_TERMS: usize = 8;

fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::new)
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or("")
}

fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value.get(key).and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

fn number(value: &Value, key: &str) -> f64 {
    value.get(key).and_then(Value::as_f64).unwrap_or(0.0)
}

/// A path segment for a record identifier (`ISO/IEC 27001:2022` → `ISO%2FIEC%2027001%3A2022`).
pub(crate) fn record_href(id: &str) -> String {
    let mut out = String::from("/records/");
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// A link to a record page.
pub(crate) fn record_link(id: &str) -> String {
    format!("<a class=\"id\" href=\"{}\">{}</a>", escape(&record_href(id)), escape(id))
}

/// Words for a lifecycle state (`under_development` → `under development`).
pub(crate) fn state_words(state: &str) -> String {
    state.replace('_', " ")
}

fn is_ongoing(state: &str) -> bool {
    matches!(state, "proposal" | "under_development")
}

/// A score as a bar and a figure.
pub(crate) fn score_bar(score: f64) -> String {
    let percent = (score.clamp(0.0, 1.0) * 100.0).round();
    let level = if score >= 0.7 {
        "high"
    } else if score >= 0.4 {
        "medium"
    } else {
        "low"
    };
    format!(
        "<span class=\"score\"><span class=\"bar {level}\" aria-hidden=\"true\">\
         <span style=\"width:{percent}%\"></span></span><b>{score:.2}</b></span>"
    )
}

/// Escapes `text`, marking the words whose term is among `terms`. A prefixed word the analyzer
/// reads twice ("Pre-packaged" as *prepackaged*, then *packaged*) is marked whole when its
/// closed spelling is shared, and only after its hyphen when the word alone is.
pub(crate) fn highlight(text: &str, terms: &HashSet<String>) -> String {
    if terms.is_empty() {
        return escape(text);
    }
    // The byte spans of the shared words, in order, overlapping ones merged.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    analyzer().for_each_token(text, detect_language(text), |token| {
        let (from, to) = (token.offset_from, token.offset_to);
        if !terms.contains(&token.term) && !terms.contains(&text[from..to].to_lowercase()) {
            return;
        }
        match spans.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => spans.push((from, to)),
        }
    });
    let mut out = String::with_capacity(text.len() + 13 * spans.len());
    let mut at = 0;
    for (from, to) in spans {
        out.push_str(&escape(&text[at..from]));
        let _ = write!(out, "<mark>{}</mark>", escape(&text[from..to]));
        at = to;
    }
    out.push_str(&escape(&text[at..]));
    out.replace("</mark> <mark>", " ")
}

/// The most distinctive terms an overlap's evidence shares with the proposal (stems, as the
/// index has them; the evidence lists them by weight), to highlight.
fn shared_terms(evidence: &Value) -> HashSet<String> {
    list(evidence, "shared_terms")
        .iter()
        .take(HIGHLIGHTED_TERMS)
        .filter_map(|term| term.get("term").and_then(Value::as_str))
        .map(str::to_string)
        .collect()
}

/// The identifiers of other records folded under an overlap (a document's other editions), if
/// the report lists them, each once however it is spelt (ISO's and IEC's records of a joint text
/// share theirs, as "Cor 1" and "COR1"), and a supplement cited undated not beside its dated
/// identifier.
fn folded_ids(overlap: &Value) -> Vec<String> {
    use nwip::corpus::identity::{same_spelling, undated_form_of};
    let own = overlap.get("record").map_or("", |record| text(record, "id"));
    let members = overlap.get("document").map(|document| list(document, "members"));
    let entries = match members {
        Some(members) if !members.is_empty() => members,
        _ => list(overlap, "also"),
    };
    let entry_ids: Vec<&str> =
        entries.iter().filter_map(|entry| entry.get("id").and_then(Value::as_str)).collect();
    let mut ids: Vec<String> = Vec::new();
    for &id in &entry_ids {
        let dated = entry_ids.iter().chain([&own]).any(|other| undated_form_of(id, other));
        if !dated && !same_spelling(id, own) && !ids.iter().any(|seen| same_spelling(seen, id)) {
            ids.push(id.to_string());
        }
    }
    ids
}

/// One overlap as a list item, with data attributes for the filters.
pub(crate) fn overlap_item(rank: usize, overlap: &Value, language: &str) -> String {
    let record = overlap.get("record").unwrap_or(&Value::Null);
    let evidence = overlap.get("evidence").unwrap_or(&Value::Null);
    let id = text(record, "id");
    let org = text(record, "org");
    let state = record.get("stage").map_or("", |stage| text(stage, "lifecycle"));
    let kind = text(overlap, "kind");
    let committee = record.get("committee").map_or("", |committee| text(committee, "id"));
    let terms = shared_terms(evidence);
    let title = display_title(record, language);
    let mut out = String::new();
    let _ = write!(
        out,
        "<li class=\"overlap\" data-org=\"{}\" data-state=\"{}\" data-kind=\"{}\">",
        escape(org),
        escape(state),
        escape(kind)
    );
    let _ = write!(
        out,
        "<div class=\"line\"><span class=\"rank\">{rank}</span>{}\
         <span class=\"kind kind-{}\">{}</span>{}\
         <span class=\"org\">{}</span><span class=\"committee\">{}</span>{}</div>",
        score_bar(number(overlap, "score")),
        escape(kind),
        escape(&state_words(kind)),
        record_link(id),
        escape(org),
        escape(if committee.is_empty() { "no committee" } else { committee }),
        state_badge(state)
    );
    let _ = write!(out, "<p class=\"title\">{}</p>", highlight(title, &terms));
    let document = overlap.get("document").map_or("", |document| text(document, "description"));
    if !document.is_empty() {
        let _ = write!(out, "<p class=\"document\">Document: {}</p>", escape(document));
    }
    let lineage: Vec<&str> = list(evidence, "lineage").iter().filter_map(Value::as_str).collect();
    if !lineage.is_empty() {
        let _ = write!(out, "<p class=\"lineage\">Lineage: {}</p>", escape(&lineage.join("; ")));
    }
    let _ = write!(
        out,
        "<div class=\"evidence\"><p class=\"reason\">{}</p>",
        escape(text(evidence, "reason"))
    );
    if let Some(snippet) = evidence.get("snippet").and_then(Value::as_str) {
        let _ = write!(
            out,
            "<blockquote class=\"snippet\">{}</blockquote>",
            highlight(snippet, &terms)
        );
    }
    let words: Vec<&str> = list(evidence, "shared_terms")
        .iter()
        .filter_map(|term| term.get("word").and_then(Value::as_str))
        .collect();
    chips(&mut out, "Shared terms", &words);
    let phrases: Vec<&str> =
        list(evidence, "shared_phrases").iter().filter_map(Value::as_str).collect();
    chips(&mut out, "Shared phrases", &phrases);
    let translated: Vec<String> = list(evidence, "translated_terms")
        .iter()
        .map(|term| format!("{} → {}", text(term, "word"), text(term, "term")))
        .collect();
    chips(&mut out, "Translated", &translated.iter().map(String::as_str).collect::<Vec<_>>());
    let ics: Vec<&str> = list(evidence, "shared_ics").iter().filter_map(Value::as_str).collect();
    chips(&mut out, "Shared ICS", &ics);
    let references: Vec<&str> =
        list(evidence, "shared_references").iter().filter_map(Value::as_str).collect();
    chips(&mut out, "Declared by the proposal", &references);
    let folded = folded_ids(overlap);
    if !folded.is_empty() {
        let links: Vec<String> = folded.iter().map(|id| record_link(id)).collect();
        let _ = write!(out, "<p class=\"folded\">Also: {}</p>", links.join(", "));
    }
    out.push_str("</div></li>");
    out
}

/// A labelled row of chips, each value once (a word the record holds through two of its
/// translations is one word to a reader).
fn chips(out: &mut String, label: &str, values: &[&str]) {
    if values.is_empty() {
        return;
    }
    let _ = write!(out, "<p class=\"chips\"><span class=\"label\">{}:</span> ", escape(label));
    for (at, value) in values.iter().enumerate() {
        if values[..at].contains(value) {
            continue;
        }
        let _ = write!(out, "<span class=\"chip\">{}</span>", escape(value));
    }
    out.push_str("</p>");
}

fn state_badge(state: &str) -> String {
    if state.is_empty() {
        return String::new();
    }
    let class = if is_ongoing(state) { "state ongoing" } else { "state" };
    format!("<span class=\"{class}\">{}</span>", escape(&state_words(state)))
}

/// The title to show to a reader of `language` (a code, as reports write it): in that language
/// if present, else in English, else the first (as [`nwip::Record::display_title_in`]).
pub(crate) fn display_title<'a>(record: &'a Value, language: &str) -> &'a str {
    let titles = list(record, "titles");
    let in_language = |code: &str| titles.iter().find(|title| text(title, "language") == code);
    in_language(language)
        .or_else(|| in_language("en"))
        .or_else(|| titles.first())
        .map_or_else(|| text(record, "id"), |title| text(title, "text"))
}

/// The distinct values of a record field over the overlaps, sorted, for a filter.
fn distinct(overlaps: &[Value], value_of: impl Fn(&Value) -> String) -> Vec<String> {
    let mut values: Vec<String> =
        overlaps.iter().map(value_of).filter(|value| !value.is_empty()).collect();
    values.sort();
    values.dedup();
    values
}

fn filter_select(
    out: &mut String,
    id: &str,
    label: &str,
    values: &[String],
    words: fn(&str) -> String,
) {
    let _ = write!(
        out,
        "<label for=\"{id}\">{label}</label><select id=\"{id}\" data-filter=\"{}\"><option value=\"\">any</option>",
        id.trim_start_matches("filter-")
    );
    for value in values {
        let _ =
            write!(out, "<option value=\"{}\">{}</option>", escape(value), escape(&words(value)));
    }
    out.push_str("</select>");
}

/// The whole report: summary, downloads, filters, overlaps, committees, liaisons, cross-check.
pub(crate) fn report(report: &Value, json: &str, markdown: &str) -> String {
    let proposal = report.get("proposal").unwrap_or(&Value::Null);
    let overlaps = list(report, "overlaps");
    let mut out = String::new();
    out.push_str("<section class=\"report\" aria-labelledby=\"report-title\">");
    let _ = write!(
        out,
        "<h2 id=\"report-title\">Overlap check: {}</h2><p class=\"meta\">Language {} · committee {} · \
         organisation {} · {} candidates scored</p>",
        escape(text(proposal, "title")),
        escape(text(proposal, "language")),
        escape(or_dash(text(proposal, "committee"))),
        escape(or_dash(text(proposal, "organisation"))),
        number(report, "candidates")
    );
    if proposal.get("purpose_left_out").and_then(Value::as_bool) == Some(true) {
        out.push_str(
            "<p class=\"meta\">Matched on the title and the scope: the purpose and justification \
             says why the work is needed, and is read for the documents it names.</p>",
        );
    }
    let _ = write!(
        out,
        "<p class=\"downloads\"><a class=\"button\" download=\"nwip-report.md\" href=\"data:text/markdown;charset=utf-8,{}\">\
         Download Markdown</a> <span class=\"hint\">(paste it into a ballot comment)</span> \
         <a class=\"button secondary\" download=\"nwip-report.json\" href=\"data:application/json;charset=utf-8,{}\">Download JSON</a></p>",
        percent_encode(markdown),
        percent_encode(json)
    );
    out.push_str("<div class=\"columns\"><div class=\"main\">");
    let _ = write!(out, "<h3 id=\"overlaps\">Overlapping documents <span class=\"count\" id=\"shown\">{}</span></h3>", overlaps.len());
    if overlaps.is_empty() {
        out.push_str("<p class=\"empty\">No overlapping records found.</p>");
    } else {
        out.push_str(
            "<fieldset class=\"filters\" id=\"filters\" hidden><legend>Show only</legend>",
        );
        let record_field = |key: &'static str| {
            move |overlap: &Value| {
                overlap.get("record").map_or(String::new(), |record| text(record, key).to_string())
            }
        };
        filter_select(
            &mut out,
            "filter-org",
            "Organisation",
            &distinct(overlaps, record_field("org")),
            str::to_string,
        );
        let states = distinct(overlaps, |overlap| {
            overlap
                .get("record")
                .and_then(|record| record.get("stage"))
                .map_or(String::new(), |stage| text(stage, "lifecycle").to_string())
        });
        filter_select(&mut out, "filter-state", "State", &states, state_words);
        let kinds = distinct(overlaps, |overlap| text(overlap, "kind").to_string());
        filter_select(&mut out, "filter-kind", "Kind", &kinds, state_words);
        out.push_str("</fieldset><ol class=\"overlaps\" id=\"overlap-list\">");
        for (index, overlap) in overlaps.iter().enumerate() {
            out.push_str(&overlap_item(index + 1, overlap, text(proposal, "language")));
        }
        out.push_str("</ol>");
    }
    out.push_str("</div><aside class=\"side\">");
    committees(&mut out, list(report, "committees"));
    liaisons(&mut out, list(report, "liaisons"));
    cross_check(&mut out, report.get("cross_check").unwrap_or(&Value::Null));
    out.push_str("</aside></div></section>");
    out
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() {
        "-"
    } else {
        text
    }
}

fn committees(out: &mut String, committees: &[Value]) {
    out.push_str("<section aria-labelledby=\"committees\"><h3 id=\"committees\">Committees that own the subject</h3>");
    if committees.is_empty() {
        out.push_str("<p class=\"empty\">None proposed.</p></section>");
        return;
    }
    out.push_str("<ul class=\"committees\">");
    for committee in committees.iter().take(5) {
        let _ = write!(
            out,
            "<li><span class=\"name\">{}</span>{}<span class=\"records\">{}</span></li>",
            escape(text(committee, "committee")),
            score_bar(number(committee, "confidence")),
            escape(text(committee, "grounds"))
        );
    }
    out.push_str("</ul></section>");
}

/// Liaisons: intergovernmental and partner bodies with ongoing work first, then the report's
/// order (ongoing work first, best score first).
fn liaisons(out: &mut String, liaisons: &[Value]) {
    out.push_str(
        "<section aria-labelledby=\"liaisons\"><h3 id=\"liaisons\">Liaisons to contact</h3>",
    );
    if liaisons.is_empty() {
        out.push_str(
            "<p class=\"empty\">No work outside the proposer's organisation scores 0.5 or more, \
             and no intergovernmental body's text is near the subject.</p></section>",
        );
        return;
    }
    let mut ordered: Vec<&Value> = liaisons.iter().collect();
    ordered.sort_by_key(|liaison| !liaison_first(liaison));
    out.push_str("<ul class=\"liaisons\">");
    for liaison in ordered {
        let ongoing = liaison.get("ongoing").and_then(Value::as_bool).unwrap_or(false);
        let declared = liaison.get("declared").and_then(Value::as_bool).unwrap_or(false);
        let kind = text(liaison, "kind");
        let records: Vec<String> =
            list(liaison, "records").iter().filter_map(Value::as_str).map(record_link).collect();
        let _ = write!(
            out,
            "<li class=\"{}\"><span class=\"name\">{} {}</span>{}{}{}{}<span class=\"best\">best {:.2}</span>\
             <span class=\"work\">{}</span></li>",
            if liaison_first(liaison) { "liaison first" } else { "liaison" },
            escape(text(liaison, "org")),
            escape(text(liaison, "committee")),
            match text(liaison, "committee_name") {
                "" => String::new(),
                name => format!("<span class=\"committee-name\">{}</span>", escape(name)),
            },
            if kind.is_empty() { String::new() } else { format!("<span class=\"org-kind\">{}</span>", escape(&state_words(kind))) },
            if ongoing { "<span class=\"state ongoing\">ongoing work</span>" } else { "" },
            if declared { "<span class=\"declared\">declared</span>" } else { "<span class=\"undeclared\">not declared</span>" },
            number(liaison, "best_score"),
            records.join(", ")
        );
    }
    out.push_str("</ul></section>");
}

fn liaison_first(liaison: &Value) -> bool {
    let ongoing = liaison.get("ongoing").and_then(Value::as_bool).unwrap_or(false);
    let kind = text(liaison, "kind").to_ascii_lowercase();
    ongoing && PRIORITY_KINDS.iter().any(|priority| kind.contains(priority))
}

fn cross_check(out: &mut String, cross: &Value) {
    out.push_str("<section aria-labelledby=\"cross-check\"><h3 id=\"cross-check\">Cross-check of the proposal</h3>");
    let groups = [
        ("undeclared_overlaps", "Overlaps not listed as relevant documents", true),
        ("declared_not_overlapping", "Listed documents that do not overlap", true),
        ("missing_liaisons", "Liaisons not declared", false),
    ];
    let mut any = false;
    for (key, label, ids) in groups {
        let values: Vec<&str> = list(cross, key).iter().filter_map(Value::as_str).collect();
        if values.is_empty() {
            continue;
        }
        any = true;
        let rendered: Vec<String> = values
            .iter()
            .map(|value| if ids { record_or_text(value) } else { escape(value) })
            .collect();
        let _ = write!(out, "<p><span class=\"label\">{label}:</span> {}</p>", rendered.join(", "));
    }
    if !any {
        out.push_str(
            "<p class=\"empty\">The declared documents and liaisons match what was found.</p>",
        );
    }
    out.push_str("</section>");
}

/// A link for a standard's identifier, plain text for a declared reference that is not one
/// (`UN Global Technical Regulation No. 22`).
fn record_or_text(value: &str) -> String {
    if nwip::corpus::docid::DocId::parse(value).is_some() {
        record_link(value)
    } else {
        escape(value)
    }
}

/// A count with thousands separators (`345,343`).
pub(crate) fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Percent-encodes text for a `data:` URL.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b' ') {
            if byte == b' ' {
                out.push_str("%20");
            } else {
                out.push(char::from(byte));
            }
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_links_encode_slashes_spaces_and_colons() {
        assert_eq!(record_href("ISO/IEC 27001:2022"), "/records/ISO%2FIEC%2027001%3A2022");
        assert_eq!(record_link("A<B"), "<a class=\"id\" href=\"/records/A%3CB\">A&lt;B</a>");
    }

    #[test]
    fn highlight_marks_words_by_their_stem_and_escapes_the_rest() {
        let terms: HashSet<String> = ["batteri".to_string(), "swap".to_string()].into();
        let marked = highlight("Swapping <batteries> & chargers", &terms);
        assert_eq!(marked, "<mark>Swapping</mark> &lt;<mark>batteries</mark>&gt; &amp; chargers");
        assert_eq!(highlight("a < b", &HashSet::new()), "a &lt; b");
        // A prefixed word is marked whole by its closed spelling, after its hyphen by its word.
        let closed: HashSet<String> = ["prepackag".to_string(), "food".to_string()].into();
        let marked = highlight("Labelling of Pre-packaged Foods", &closed);
        assert_eq!(marked, "Labelling of <mark>Pre-packaged Foods</mark>");
        let head: HashSet<String> = ["packag".to_string()].into();
        assert_eq!(highlight("Pre-packaged foods", &head), "Pre-<mark>packaged</mark> foods");
    }

    #[test]
    fn liaisons_put_ongoing_intergovernmental_work_first() {
        let report = serde_json::json!([
            {"org": "ISO", "committee": "ISO/TC 1", "records": ["ISO 1"], "best_score": 0.9, "ongoing": true, "declared": false},
            {"org": "IMO", "kind": "intergovernmental", "committee": "IMO/MSC", "committee_name": "Maritime Safety Committee", "records": ["IMO 1"], "best_score": 0.6, "ongoing": true, "declared": false},
            {"org": "OIML", "kind": "intergovernmental", "records": ["OIML R 1"], "best_score": 0.8, "ongoing": false, "declared": true},
        ]);
        let mut out = String::new();
        liaisons(&mut out, report.as_array().unwrap());
        let imo = out.find("IMO").unwrap();
        let iso = out.find("ISO ").unwrap();
        let oiml = out.find("OIML").unwrap();
        assert!(imo < iso && iso < oiml, "{out}");
        assert!(out.contains("<li class=\"liaison first\"><span class=\"name\">IMO"), "{out}");
        assert!(
            out.contains("<span class=\"committee-name\">Maritime Safety Committee</span>"),
            "{out}"
        );
        assert_eq!(out.matches("committee-name").count(), 1, "only where a title is known: {out}");
    }

    #[test]
    fn the_report_says_when_the_purpose_was_not_matched_on() {
        let said = "Matched on the title and the scope";
        let of = |proposal: Value| {
            let json = serde_json::json!({"proposal": proposal, "candidates": 3});
            report(&json, "{}", "")
        };
        let left_out = of(serde_json::json!({"title": "Pumps", "purpose_left_out": true}));
        assert!(left_out.contains(said), "{left_out}");
        let read = of(serde_json::json!({"title": "Pumps"}));
        assert!(!read.contains(said), "{read}");
    }

    #[test]
    fn a_title_is_shown_in_the_proposals_language_when_the_record_has_it() {
        let record = serde_json::json!({"id": "ISO 8124-1:2022", "titles": [
            {"language": "en", "text": "Safety of toys"}, {"language": "fr", "text": "Sécurité des jouets"}]});
        assert_eq!(display_title(&record, "fr"), "Sécurité des jouets");
        assert_eq!(display_title(&record, "ru"), "Safety of toys");
        let untitled = serde_json::json!({"id": "ISO 8124-1:2022"});
        assert_eq!(display_title(&untitled, "fr"), "ISO 8124-1:2022");
    }

    #[test]
    fn folded_records_of_a_document_are_linked() {
        let overlap = serde_json::json!({"score": 0.8, "kind": "same_subject",
            "record": {"id": "ISO 1:2020", "org": "ISO", "stage": {"lifecycle": "published"}, "titles": [{"language": "en", "text": "Pumps"}]},
            "evidence": {"reason": "same", "shared_terms": [{"term": "organ", "word": "организации"},
                {"term": "set", "word": "организации"}]},
            "document": {"key": "iso 1", "state": "being_revised",
                "description": "being revised: ISO/DIS 1 at stage 40 (current ISO 1:2020)",
                "members": [{"id": "ISO/DIS 1"}, {"id": "ISO 1:2020"}, {"id": "ISO 1:2010"},
                    {"id": "ISO 1:2010"}, {"id": "ISO 1:2010/Cor 1"}, {"id": "ISO 1:2010/Cor 1:2011"},
                    {"id": "ISO 1:2010/COR1:2011"}]}});
        let item = overlap_item(1, &overlap, "en");
        // A record of the same identifier twice (ISO's and IEC's) is linked once.
        assert_eq!(item.matches("href=\"/records/ISO%201%3A2010\"").count(), 1, "{item}");
        assert!(item.contains("ISO 1:2010/Cor 1:2011") && !item.contains("COR1"), "{item}");
        // The corrigendum cited undated is its dated identifier's line.
        assert!(!item.contains("ISO 1:2010/Cor 1<") && !item.contains("Cor%201\""), "{item}");
        // A word found through two of its translations is one chip.
        assert_eq!(item.matches("<span class=\"chip\">организации</span>").count(), 1, "{item}");
        assert!(item.contains("Also: <a class=\"id\" href=\"/records/ISO%2FDIS%201\">"), "{item}");
        assert!(item.contains("href=\"/records/ISO%201%3A2010\""), "{item}");
        assert!(!item.contains("Also: <a class=\"id\" href=\"/records/ISO%201%3A2020\""), "{item}");
        assert!(item.contains("Document: being revised: ISO/DIS 1 at stage 40"), "{item}");
        assert!(item.contains("data-state=\"published\""), "{item}");
        // Without the document, the other scored records are folded.
        let scored = serde_json::json!({"score": 0.8, "kind": "same_subject",
            "record": {"id": "ISO 1:2020", "org": "ISO"}, "evidence": {"reason": "same"},
            "also": [{"id": "ISO 1:2010", "score": 0.4}]});
        assert!(overlap_item(1, &scored, "en").contains("href=\"/records/ISO%201%3A2010\""));
    }

    #[test]
    fn a_document_that_replaced_another_line_says_so() {
        let overlap = serde_json::json!({"score": 0.84, "kind": "same_subject",
            "record": {"id": "ISO 7619-1:2010", "org": "ISO"},
            "evidence": {"reason": "same", "lineage": ["ISO 48-4:2018 (line 1) replaced it"]}});
        let item = overlap_item(2, &overlap, "en");
        assert!(item.contains("Lineage: ISO 48-4:2018 (line 1) replaced it"), "{item}");
        let alone = serde_json::json!({"score": 0.8, "kind": "same_subject",
            "record": {"id": "ISO 1:2020", "org": "ISO"}, "evidence": {"reason": "same"}});
        assert!(!overlap_item(1, &alone, "en").contains("Lineage"));
    }

    #[test]
    fn counts_and_declared_references() {
        assert_eq!(thousands(345_343), "345,343");
        assert_eq!(thousands(44), "44");
        assert_eq!(thousands(1_000), "1,000");
        assert!(record_or_text("ISO 6469-1").starts_with("<a "));
        assert_eq!(
            record_or_text("UN Global Technical Regulation No. 22"),
            "UN Global Technical Regulation No. 22"
        );
    }

    #[test]
    fn percent_encoding_keeps_data_urls_safe() {
        assert_eq!(percent_encode("# A|b\n\"x\""), "%23%20A%7Cb%0A%22x%22");
    }
}
