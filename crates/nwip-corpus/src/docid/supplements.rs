//! Supplements after a document: amendments, corrigenda, addenda, supplements, errata, annexes,
//! appendices (`/Amd 1:2020`, `+A1:2017`, `/COR1`, ` Amendment 1`, `Technical Cor. 1`, ETSI
//! `/A1/C1`), and the format markers that do not change the document (`RLV`, `CSV`, `Redline`).

use super::cursor::{eq_ci, four_digit_year, is_word, lower, Cursor};
use super::grammar::{skip_month, Body};
use super::Supplement;

/// Supplement words: (spelling, kind, implied draft stage). Longest spellings first.
const SUPPLEMENT_WORDS: &[(&str, &str, Option<&str>)] = &[
    ("Technical Corrigendum", "cor", None),
    ("Technical Cor", "cor", None),
    ("Corrigendum", "cor", None),
    ("Amendment", "amd", None),
    ("Supplement", "suppl", None),
    ("Addendum", "add", None),
    ("Appendix", "app", None),
    ("Annexes", "annex", None),
    ("attachment", "att", None),
    ("Erratum", "err", None),
    ("Errata", "err", None),
    ("FDAmd", "amd", Some("FDAM")),
    ("FPDAM", "amd", Some("FPDAM")),
    ("FDCOR", "cor", Some("FDCOR")),
    ("Annex", "annex", None),
    ("Suppl", "suppl", None),
    ("FDAM", "amd", Some("FDAM")),
    ("PDAM", "amd", Some("PDAM")),
    ("DAmd", "amd", Some("DAM")),
    ("DCOR", "cor", Some("DCOR")),
    ("FDAD", "add", Some("FDAD")),
    ("FRAG", "frag", None),
    ("DAM", "amd", Some("DAM")),
    ("DAD", "add", Some("DAD")),
    ("Amd", "amd", None),
    ("Cor", "cor", None),
    ("Add", "add", None),
    ("Sup", "suppl", None),
    ("Err", "err", None),
    ("App", "app", None),
    ("att", "att", None),
];

/// Supplement words accepted in prose (exact spelling).
const PROSE_SUPPLEMENT_WORDS: &[&str] = &[
    "Amd",
    "AMD",
    "Amendment",
    "Cor",
    "COR",
    "Corrigendum",
    "Technical Corrigendum",
    "Technical Cor",
    "Add",
    "Addendum",
    "Suppl",
    "Supplement",
    "DAM",
    "FDAM",
    "DAmd",
    "FDAmd",
];

/// Format markers after an identifier that do not change the document.
pub(super) const FORMAT_MARKERS: &[&str] =
    &["CSV", "RLV", "CMV", "EXV-CMV", "EXV-RLV", "EXV", "SER", "DB", "PRV", "Redline"];

/// Which single-letter supplement forms a family uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Letters {
    /// `+A1` and `/A1` are amendments.
    Amendments,
    /// ETSI also writes corrigenda `/C1`.
    AmendmentsAndCorrigenda,
}

/// Reads every supplement at the cursor into `body`.
pub(super) fn read_supplements(cursor: &mut Cursor, body: &mut Body, letters: Letters) {
    while read_one_supplement(cursor, body, letters) {}
}

/// Reads at most one supplement with its separator; tells whether it did.
pub(super) fn read_one_supplement(cursor: &mut Cursor, body: &mut Body, letters: Letters) -> bool {
    let start = cursor.checkpoint();
    if cursor.catalogue() {
        skip_format_markers(cursor);
    }
    let spaced = match cursor.peek() {
        b'/' | b'+' | b'_' => {
            cursor.pos += 1;
            cursor.skip_space();
            false
        }
        b' ' => {
            cursor.pos += 1;
            if cursor.peek() == b'+' {
                cursor.pos += 1;
                cursor.skip_space();
                false
            } else {
                true
            }
        }
        _ => {
            cursor.restore(start);
            return false;
        }
    };
    if one_supplement(cursor, body, spaced, letters) {
        true
    } else {
        cursor.restore(start);
        false
    }
}

fn skip_format_markers(cursor: &mut Cursor) {
    while cursor.peek() == b' ' {
        let k = cursor.pos + 1;
        let mut e = cursor.alnum_end(k);
        if eq_ci(cursor.slice(k, e), "EXV") && cursor.at(e) == b'-' {
            e = cursor.alnum_end(e + 1);
        }
        let token = cursor.slice(k, e);
        let is_marker = FORMAT_MARKERS.iter().any(|m| eq_ci(token, m)) && !is_word(cursor.at(e));
        if !is_marker {
            return;
        }
        cursor.pos = e;
    }
}

/// One supplement at the cursor, after its separator: adds it to `body` and tells whether it
/// read one; on failure the cursor and `body` are as they were.
pub(super) fn one_supplement(
    cursor: &mut Cursor,
    body: &mut Body,
    spaced: bool,
    letters: Letters,
) -> bool {
    let start = cursor.checkpoint();
    match read_supplement(cursor, spaced, letters) {
        Some((supplement, draft)) => {
            if let Some(draft) = draft {
                body.draft = Some(draft.to_string());
            }
            body.supplements.push(supplement);
            true
        }
        None => {
            cursor.restore(start);
            false
        }
    }
}

/// Reads one supplement: the supplement and the draft stage it implies.
fn read_supplement(
    cursor: &mut Cursor,
    spaced: bool,
    letters: Letters,
) -> Option<(Supplement, Option<&'static str>)> {
    // stage before the supplement: "/CD Amd 1", "/AWI Cor 1"
    let mut stage: Option<&'static str> = None;
    let e = cursor.alnum_end(cursor.pos);
    if cursor.at(e) == b' ' {
        if let Some(word) = super::head::stage_word(cursor.slice(cursor.pos, e), cursor) {
            if word.implies.is_none() {
                stage = Some(word.canonical());
                cursor.pos = e + 1;
            }
        }
    }
    let (kind, draft, len) = supplement_word(cursor, spaced, letters)?;
    let mut k = cursor.pos + len;
    if cursor.at(k) == b'.' {
        k += 1;
    }
    let mut number: Option<String> = None;
    let letters_ok = matches!(kind, "annex" | "app");
    let single = len == 1;
    let mut n_start = k;
    if cursor.at(k) == b' ' && !single {
        n_start = k + 1;
    }
    let de = cursor.digit_end(n_start);
    if de > n_start && !cursor.at(de).is_ascii_alphabetic() {
        number = Some(lower(cursor.slice(n_start, de)));
        k = de;
        // draft iteration "Amd 1.2"
        if cursor.at(k) == b'.' && cursor.at(k + 1).is_ascii_digit() {
            let de2 = cursor.digit_end(k + 1);
            if !is_word(cursor.at(de2)) && de2 - (k + 1) <= 2 {
                k = de2;
            }
        }
    } else if letters_ok && !single {
        let ae = cursor.alnum_end(n_start);
        let t = cursor.slice(n_start, ae);
        // spelled out, annex numbers are capitals ("Annex A", "App. IV"); keys are lower-case
        let compact = n_start == k && k == cursor.pos + len;
        if !t.is_empty() && t.len() <= 4 && (compact || t.iter().all(|b| !b.is_ascii_lowercase())) {
            number = Some(lower(t));
            k = ae;
        }
    }
    if single && number.is_none() {
        return None;
    }
    if number.is_none() {
        // unnumbered: "/Suppl:1993", "+Amendment:2012", " Errata"
        let year_follows = cursor.at(k) == b':' && cursor.at(k + 1).is_ascii_digit();
        if (cursor.prose() && !year_follows) || is_word(cursor.at(k)) {
            return None;
        }
    }
    cursor.pos = k;
    let mut year = None;
    // ":2020", "-2017" (IEEE), " (06/2015)" (ITU style, read by the ITU grammar)
    if cursor.peek() == b':' {
        let de = cursor.digit_end(cursor.pos + 1);
        if let Some(y) = four_digit_year(cursor.slice(cursor.pos + 1, de)) {
            year = Some(y);
            cursor.pos = de;
        } else if cursor.catalogue() && de == cursor.pos + 1 {
            cursor.pos += 1;
        }
    } else if cursor.peek() == b'-' {
        let de = cursor.digit_end(cursor.pos + 1);
        let y = four_digit_year(cursor.slice(cursor.pos + 1, de));
        if let Some(y) = y.filter(|_| !is_word(cursor.at(de))) {
            year = Some(y);
            cursor.pos = de;
            skip_month(cursor);
        }
    }
    Some((Supplement { kind: kind.to_string(), number, year }, stage.or(draft)))
}

/// A supplement word at the cursor: (kind, implied draft, length).
fn supplement_word(
    cursor: &Cursor,
    spaced: bool,
    letters: Letters,
) -> Option<(&'static str, Option<&'static str>, usize)> {
    let i = cursor.pos;
    // "+A1", "/A1", ETSI "/C1"
    let c = cursor.peek();
    if !spaced && cursor.at(i + 1).is_ascii_digit() {
        if c == b'A' || (c == b'a' && cursor.catalogue()) {
            return Some(("amd", None, 1));
        }
        let corrigenda = letters == Letters::AmendmentsAndCorrigenda;
        if corrigenda && (c == b'C' || (c == b'c' && cursor.catalogue())) {
            return Some(("cor", None, 1));
        }
    }
    for (word, kind, draft) in SUPPLEMENT_WORDS {
        let t = cursor.slice(i, i + word.len());
        if t.len() != word.len() || !eq_ci(t, word) {
            continue;
        }
        // prose: only the usual spellings ("Amd", "AMD", "Amendment"...), exactly
        if cursor.prose() && !PROSE_SUPPLEMENT_WORDS.iter().any(|x| t == x.as_bytes()) {
            continue;
        }
        let n = cursor.at(i + word.len());
        if n.is_ascii_alphabetic() {
            // compact annex numbers in keys: "/annexa", "/annexe1"; otherwise a longer word
            let compact = cursor.catalogue() && matches!(*kind, "annex" | "app") && !spaced;
            let rest = cursor.alnum_end(i + word.len()) - (i + word.len());
            if !(compact && rest <= 4) {
                continue;
            }
        }
        if spaced && cursor.prose() && !matches!(*kind, "amd" | "cor" | "add" | "suppl") {
            return None;
        }
        return Some((kind, *draft, word.len()));
    }
    None
}
