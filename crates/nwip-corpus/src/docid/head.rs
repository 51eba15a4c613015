//! The head of an identifier: ITU lead words, publishers (from the [`crate::registry`]), and for
//! ISO-like identifiers the stage and deliverable words before the number (`ISO/IEC DIS`, `ISO/TS`,
//! `CD IWA`). The head decides the [`Grammar`] that reads the rest.

use std::sync::OnceLock;

use crate::registry::{self, Grammar, Organisation, Publisher, SpellingEntry, StageWord};

use super::cursor::{eq_ci, is_word, upper, Cursor};
use super::grammar::iso::deliverable_word;
use super::keys::Ownership;

/// Most publishers in one identifier ("NF EN ISO/IEC/IEEE" has five).
const MAX_PUBLISHERS: usize = 6;

/// What the head of an identifier says.
#[derive(Debug, Clone)]
pub(super) struct Head {
    /// Canonical publishers, in order.
    pub(super) publishers: Vec<String>,
    /// A deliverable the head names (`TS` of `ISO/TS`, `RFC` of `RFC 9110`).
    pub(super) deliverable: Option<String>,
    /// A stage the head names (`DIS` of `ISO/DIS`).
    pub(super) draft: Option<String>,
    /// The grammar that reads the rest.
    pub(super) grammar: Grammar,
}

impl Head {
    fn of(publishers: Vec<String>, grammar: Grammar) -> Head {
        Head { publishers, deliverable: None, draft: None, grammar }
    }

    /// Tells whether publisher `name` is in the head.
    pub(super) fn has(&self, name: &str) -> bool {
        self.publishers.iter().any(|p| p == name)
    }
}

/// Reads the head at the cursor. `bare_itu_ok` lets a bare `X.509` be an ITU-T Recommendation.
pub(super) fn read_head(cursor: &mut Cursor, bare_itu_ok: bool) -> Option<Head> {
    let mut recommendation = false;
    while let Some(end) = recommendation_word(cursor, cursor.pos) {
        cursor.pos = end;
        cursor.skip_space();
        recommendation = true;
    }
    let mut head = Head::of(Vec::new(), Grammar::Generic);
    // "CD IWA 45": a stage before the publisher
    if cursor.catalogue() {
        let end = cursor.alnum_end(cursor.pos);
        if let Some(stage) = stage_word(cursor.slice(cursor.pos, end), cursor) {
            if cursor.at(end) == b' ' && eq_ci(cursor.token(end + 1), "IWA") {
                head.draft = Some(stage.canonical().to_string());
                cursor.pos = end + 1;
            }
        }
    }
    while let Some((entry, end)) = publisher_at(cursor, cursor.pos) {
        if head.publishers.len() >= MAX_PUBLISHERS {
            return None;
        }
        let publisher = entry.publisher;
        cursor.pos = end;
        if let Some(deliverable) = entry.spelling.deliverable {
            // a series of the publisher (`IWA`, `RFC`, `CXS`) ends the head
            if head.publishers.last().map(String::as_str) != Some(publisher.name) {
                head.publishers.push(publisher.name.to_string());
            }
            head.deliverable = Some(deliverable.to_string());
            break;
        }
        head.publishers.push(publisher.name.to_string());
        if publisher.closes_head {
            break;
        }
        let separator = cursor.peek();
        if !matches!(separator, b'/' | b' ' | b'-') {
            break;
        }
        let next = cursor.pos + 1;
        if publisher_at(cursor, next).is_some() {
            cursor.pos = next;
            continue;
        }
        if separator == b'/' && cursor.catalogue() {
            if let Some(end) = unknown_co_publisher(cursor, next) {
                head.publishers.push(upper(cursor.slice(next, end)));
                cursor.pos = end;
                continue;
            }
        }
        break;
    }
    if head.publishers.is_empty() {
        let grammar = bare(cursor, recommendation || bare_itu_ok || cursor.catalogue())?;
        head.grammar = grammar;
        head.publishers.push(
            match grammar {
                Grammar::Itu => "ITU-T",
                Grammar::Ogc => "OGC",
                _ => "IHO",
            }
            .to_string(),
        );
        return Some(head);
    }
    // ETSI ENs are often cited without "ETSI": "EN 300 328", "EN 301 489-1"
    if head.publishers == ["EN"] && etsi_number_at(cursor, cursor.pos + 1) {
        head.publishers[0] = "ETSI".to_string();
        cursor.pos -= 2;
        head.grammar = Grammar::Etsi;
        return Some(head);
    }
    head.grammar = Ownership::of(&head.publishers).grammar();
    read_stages_and_deliverables(cursor, &mut head)?;
    Some(head)
}

/// Committees, stages and deliverables after ISO-like publishers: `ISO/IEC DIS`, `ISO/TS`,
/// `IEC/PWI`; a committee (`ISO/TC 22`) is not a document: None.
fn read_stages_and_deliverables(cursor: &mut Cursor, head: &mut Head) -> Option<()> {
    loop {
        let separator = cursor.peek();
        if !matches!(separator, b'/' | b' ') {
            return Some(());
        }
        let k = cursor.pos + 1;
        let end = cursor.alnum_end(k);
        let token = cursor.slice(k, end);
        if token.is_empty() {
            return Some(());
        }
        // "ISO/TC 22", "JTC1/SC 27" are committees; "PC63.10", "SG01.205" are numbers
        if is_committee(token) && cursor.at(end) != b'.' && head.grammar != Grammar::Etsi {
            return None;
        }
        if !matches!(head.grammar, Grammar::IsoLike | Grammar::Generic | Grammar::Gost) {
            return Some(());
        }
        if cursor.catalogue() && eq_ci(token, "Std") {
            cursor.pos = end;
            continue;
        }
        if let Some(stage) = stage_word(token, cursor) {
            head.draft = Some(stage.canonical().to_string());
            if let Some(deliverable) = stage.implies {
                head.deliverable = Some(deliverable.to_string());
            }
            cursor.pos = end;
            continue;
        }
        if let Some(deliverable) = deliverable_word(token, cursor) {
            // "ISO R 123" is rare in text; keep the single letter for "ISO/R 123"
            if deliverable == "R" && (separator != b'/' || !cursor.at(end + 1).is_ascii_digit()) {
                return Some(());
            }
            head.deliverable = Some(deliverable.to_string());
            cursor.pos = end;
            continue;
        }
        return Some(());
    }
}

/// "Recommendation" or "Rec." at `k`; returns the end.
pub(super) fn recommendation_word(cursor: &Cursor, k: usize) -> Option<usize> {
    let end = cursor.alnum_end(k);
    let token = cursor.slice(k, end);
    if cursor.word_eq(token, "Recommendation") {
        return Some(end);
    }
    if cursor.word_eq(token, "Rec") && cursor.at(end) == b'.' {
        return Some(end + 1);
    }
    if cursor.catalogue() && cursor.word_eq(token, "Rec") {
        return Some(end);
    }
    None
}

/// A publisher spelling at `k` (from the registry) and its end; the longest spelling that fits.
fn publisher_at(cursor: &Cursor, k: usize) -> Option<(SpellingEntry, usize)> {
    let first = cursor.at(k);
    if !first.is_ascii_alphanumeric() || (k > 0 && is_word(cursor.at(k - 1))) {
        return None;
    }
    registry::spellings_starting_with(first).iter().find_map(|entry| {
        let spelling = entry.spelling;
        let end = k + spelling.text.len();
        let written = cursor.slice(k, end);
        let matches = if cursor.prose() || spelling.case_sensitive {
            (spelling.in_prose || cursor.catalogue()) && written == spelling.text.as_bytes()
        } else {
            eq_ci(written, spelling.text)
        };
        // a series may run into its number: "RFC9110"
        let number_follows = spelling.deliverable.is_some() && cursor.at(end).is_ascii_digit();
        if !matches || (is_word(cursor.at(end)) && !number_follows) {
            return None;
        }
        if !spelling.only_before.is_empty() {
            let next = cursor.token(end + 1);
            let before_one = matches!(cursor.at(end), b' ' | b'-')
                && spelling.only_before.iter().any(|word| eq_ci(next, word));
            if !before_one {
                return None;
            }
        }
        Some((*entry, end))
    })
}

/// An unknown co-publisher after a slash in a catalogue identifier (`ISO/HL7`, `IEEE/NEMI`):
/// returns its end.
fn unknown_co_publisher(cursor: &Cursor, k: usize) -> Option<usize> {
    let end = cursor.alnum_end(k);
    let token = cursor.slice(k, end);
    let plausible = (2..=8).contains(&token.len())
        && token[0].is_ascii_uppercase()
        && token.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && matches!(cursor.at(end), b'/' | b' ')
        && stage_word(token, cursor).is_none()
        && deliverable_word(token, cursor).is_none()
        && !is_committee(token)
        && !(token[0] == b'P' && token[1..].iter().all(u8::is_ascii_digit));
    plausible.then_some(end)
}

/// "3dd ddd": the shape of an ETSI EN number.
fn etsi_number_at(cursor: &Cursor, k: usize) -> bool {
    cursor.at(k - 1) == b' '
        && cursor.at(k) == b'3'
        && cursor.digit_end(k) == k + 3
        && cursor.at(k + 3) == b' '
        && cursor.digit_end(k + 4) == k + 7
        && !cursor.at(k + 7).is_ascii_alphanumeric()
}

/// Identifiers without a publisher: bare ITU-T numbers (`X.509 (10/2019)`, `A Suppl. 2`), OGC
/// numbers (`01-013r1`) and IHO publications (`S-100`). Returns the grammar.
fn bare(cursor: &Cursor, itu_ok: bool) -> Option<Grammar> {
    let i = cursor.pos;
    let c = cursor.at(i);
    if itu_ok
        && c.is_ascii_uppercase()
        && cursor.at(i + 1) == b'.'
        && cursor.at(i + 2).is_ascii_digit()
    {
        return Some(Grammar::Itu);
    }
    if cursor.prose() {
        return None;
    }
    if bare_itu_series(cursor, i) {
        return Some(Grammar::Itu);
    }
    // OGC "01-013r1"
    let de = cursor.digit_end(i);
    if de - i == 2 && cursor.at(de) == b'-' {
        let de2 = cursor.digit_end(de + 1);
        let ae = cursor.alnum_end(de + 1);
        if de2 - (de + 1) == 3 && !matches!(cursor.at(ae), b'.' | b'-' | b'/' | b':') {
            let tail = cursor.slice(de2, ae);
            if tail.is_empty() || matches!(tail[0], b'r' | b'R' | b'a'..=b'z') {
                return Some(Grammar::Ogc);
            }
        }
    }
    // IHO "S-100", "B-10", "P-1/21"
    if matches!(c, b'S' | b'B' | b'C' | b'M' | b'P')
        && cursor.at(i + 1) == b'-'
        && cursor.at(i + 2).is_ascii_digit()
    {
        return Some(Grammar::Iho);
    }
    None
}

/// ITU-T series supplements and special series in catalogues: `A Suppl. 2`, `E-100 series
/// Suppl. 1`, `MES-2 (1992)`, `G 235 (10/1976)`.
fn bare_itu_series(cursor: &Cursor, i: usize) -> bool {
    let c = cursor.at(i);
    let mut k = i + 1;
    if cursor.at(k) == b'-' && cursor.at(k + 1).is_ascii_digit() {
        k = cursor.digit_end(k + 1);
    }
    let next = cursor.slice(k + 1, cursor.alpha_end(k + 1));
    let itu_date = |j: usize| {
        cursor.at(j) == b' ' && cursor.at(j + 1) == b'(' && cursor.at(j + 2).is_ascii_digit() && {
            let de = cursor.digit_end(j + 2);
            (de - (j + 2) == 2 && cursor.at(de) == b'/')
                || (de - (j + 2) == 4 && cursor.at(de) == b')')
        }
    };
    let le = cursor.alpha_end(i);
    if c.is_ascii_uppercase() && (1..=4).contains(&(le - i)) {
        let mut e = le;
        while e < cursor.len()
            && (cursor.at(e).is_ascii_alphanumeric()
                || (cursor.at(e) == b'-' && cursor.at(e + 1).is_ascii_alphanumeric()))
        {
            e += 1;
        }
        let spaced_digits =
            le - i == 1 && cursor.at(le) == b' ' && cursor.at(le + 1).is_ascii_digit();
        let e = if spaced_digits { cursor.digit_end(le + 1) } else { e };
        let suppl =
            cursor.at(e) == b' ' && eq_ci(cursor.slice(e + 1, cursor.alpha_end(e + 1)), "Suppl");
        if e > le
            && (itu_date(e) || (suppl && !spaced_digits))
            && cursor.slice(i, le).iter().all(u8::is_ascii_uppercase)
        {
            return true;
        }
    }
    c.is_ascii_uppercase()
        && cursor.at(k) == b' '
        && (eq_ci(next, "Suppl") || eq_ci(next, "series"))
}

/// A document an organisation cites by name at the cursor (`SOLAS 1974`, `2008 IS Code`): the
/// publisher whose grammar reads it.
pub(super) fn named_document_at(cursor: &Cursor) -> Option<&'static Publisher> {
    let mut k = cursor.pos;
    // an edition year in front ("2008 IS Code")
    if cursor.digit_end(k) == k + 4 && cursor.at(k + 4) == b' ' {
        k += 5;
    }
    let first = cursor.at(k);
    if !first.is_ascii_alphabetic() {
        return None;
    }
    registry::named_documents().find_map(|(publisher, name)| {
        let end = k + name.len();
        let fits = name.as_bytes()[0].eq_ignore_ascii_case(&first)
            && cursor.word_eq(cursor.slice(k, end), name)
            && !is_word(cursor.at(end));
        fits.then_some(publisher)
    })
}

/// Committee designators: "ISO/TC 22", "ISO/IEC JTC 1/SC 27", "ITU-T SG 17" are not documents.
fn is_committee(t: &[u8]) -> bool {
    const ATTACHED: &[&str] = &["TC", "SC", "JTC", "WG", "JWG", "SG"];
    const WORDS: &[&str] =
        &["PC", "TMB", "CASCO", "COPOLCO", "DEVCO", "REMCO", "AG", "SMB", "CAB", "TAG"];
    WORDS.iter().any(|c| eq_ci(t, c))
        || ATTACHED.iter().any(|c| {
            t.len() >= c.len()
                && t[..c.len()].eq_ignore_ascii_case(c.as_bytes())
                && t[c.len()..].iter().all(u8::is_ascii_digit)
        })
}

/// The stage vocabulary of ISO-like identifiers: ISO's, from the registry.
fn iso_like_stages() -> &'static Organisation {
    static ISO: OnceLock<&'static Organisation> = OnceLock::new();
    ISO.get_or_init(|| registry::organisation_of_publisher("ISO").expect("ISO is in the registry"))
}

/// An ISO-like stage word (`DIS`, `CD2`, `DTS`), exactly as written in prose.
pub(super) fn stage_word(token: &[u8], cursor: &Cursor) -> Option<&'static StageWord> {
    // "CD1", "CD2", "DIS2": numbered ballots
    let core_len = token.iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |k| k + 1);
    let (core, digits) = token.split_at(core_len);
    if core.is_empty() || digits.len() > 1 {
        return None;
    }
    let core = std::str::from_utf8(core).ok()?;
    let stage = iso_like_stages().identifier_stage(core)?;
    if cursor.prose() && stage.word != core {
        return None;
    }
    let numbered_ballot = matches!(stage.canonical(), "CD" | "DIS" | "WD");
    (digits.is_empty() || numbered_ballot).then_some(stage)
}

/// Whether the text before `i` makes a bare ITU-T number ("E.164") plausible in free text.
pub(super) fn bare_itu_context(s: &[u8], i: usize) -> bool {
    // the previous word
    let mut e = i;
    while e > 0 && s[e - 1] == b' ' {
        e -= 1;
    }
    let mut a = e;
    while a > 0 && e - a < 16 && (s[a - 1].is_ascii_alphabetic() || s[a - 1] == b'.') {
        a -= 1;
    }
    let prev = &s[a..e];
    const BLOCK: &[&str] = &[
        "annex",
        "annexes",
        "table",
        "tables",
        "figure",
        "figures",
        "fig.",
        "clause",
        "clauses",
        "subclause",
        "appendix",
        "section",
        "sections",
        "equation",
        "formula",
        "paragraph",
        "see",
        "and",
        "or",
        "in",
        "of",
        "to",
    ];
    if BLOCK.iter().any(|w| eq_ci(prev, w)) {
        return false;
    }
    // one upper-case series letter, a dot and at least three digits: "X.509", "H.264"
    let c = s.get(i).copied().unwrap_or(0);
    if !b"ABDEFGHIJKLMNOPQRSTUVXYZ".contains(&c) || s.get(i + 1) != Some(&b'.') {
        return false;
    }
    let mut k = i + 2;
    while k < s.len() && s[k].is_ascii_digit() {
        k += 1;
    }
    k - (i + 2) >= 3
}
