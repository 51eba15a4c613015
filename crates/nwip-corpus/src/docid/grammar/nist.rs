//! NIST and NBS technical publications: `NIST SP 800-53r5`, `NIST SP 800-53Ar4` (document
//! 800-53A), `NIST FIPS 140-3`, `NBS FIPS 1-2e1984`, `NIST IR 8259.spa`, `NBS CIRC 100e2`,
//! `NIST SP 1000-5v1`, `NIST SP 800-38A.Add.`, `NIST IR 4335/Upd1-199011`, and in prose `NIST
//! Special Publication 800-53 Revision 5`, `FIPS PUB 197`, `NISTIR 8259`.
//!
//! The key is the series and number (`nist sp 800-53`; NBS publications share NIST's namespace,
//! the series continued); a revision (`r5`, FIPS `-3`) is the version, an edition date (`e2011`)
//! the year, a volume or part (`v1`, `pt2`) the part, a translation (`.spa`) is the same document,
//! public drafts (`ipd`, `2pd`, `fpd`, `(Draft)`) are drafts.

use std::sync::OnceLock;

use crate::registry::{self, Organisation};

use super::super::cursor::{digits_value, eq_ci, is_word, lower, plausible_year, upper, Cursor};
use super::super::head::Head;
use super::super::supplements::{read_supplements, Letters};
use super::super::Supplement;
use super::Body;

/// Series written out in prose: (words, series).
const LONG_SERIES: &[(&str, &str)] = &[
    ("Special Publication", "SP"),
    ("Interagency Report", "IR"),
    ("Internal Report", "IR"),
    ("Technical Note", "TN"),
    ("Handbook", "HB"),
    ("Cybersecurity White Paper", "CSWP"),
];

fn nist() -> &'static Organisation {
    static NIST: OnceLock<&'static Organisation> = OnceLock::new();
    NIST.get_or_init(|| {
        registry::organisation_of_publisher("NIST").expect("NIST is in the registry")
    })
}

/// Reads a NIST series, number and its modifiers.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    let mut body = Body::default();
    let series = match head.deliverable.clone() {
        Some(series) => series,
        None => {
            let series = read_series(cursor)?;
            body.deliverable = Some(series.clone());
            series
        }
    };
    // "FIPS PUB 197"
    cursor.skip_space();
    if cursor.word_at(cursor.pos, "PUB") {
        cursor.pos += 3;
        cursor.skip_space();
    }
    read_number(cursor, &mut body)?;
    if series == "FIPS" {
        split_fips_revision(&mut body);
    }
    read_modifiers(cursor, &mut body);
    // supplements as keys write them: "/add", "/suppl1"
    read_supplements(cursor, &mut body, Letters::Amendments);
    read_prose_revision_and_draft(cursor, &mut body);
    Some(body)
}

/// The series word: `SP`, `FIPS`, `IR`, `CRPL-F-A`, or written out (`Special Publication`).
fn read_series(cursor: &mut Cursor) -> Option<String> {
    cursor.skip_space();
    for (words, series) in LONG_SERIES {
        if cursor.word_at(cursor.pos, words) {
            cursor.pos += words.len();
            return Some((*series).to_string());
        }
    }
    let a = cursor.pos;
    let mut e = cursor.alpha_end(a);
    while cursor.at(e) == b'-' && cursor.at(e + 1).is_ascii_alphabetic() {
        e = cursor.alpha_end(e + 1);
    }
    let series = cursor.slice(a, e);
    let plausible = (1..=12).contains(&series.len())
        && cursor.at(e) == b' '
        && (cursor.catalogue() || series.iter().all(|b| b.is_ascii_uppercase() || *b == b'-'));
    if !plausible {
        return None;
    }
    cursor.pos = e;
    Some(upper(series))
}

/// The number: digits, dash-separated groups and upper-case letters (`800-53`, `800-53A`,
/// `73-101`, `1500GB-1`); lower-case letters start modifiers, except in a key read back
/// (`nist sp 800-53a`).
fn read_number(cursor: &mut Cursor, body: &mut Body) -> Option<()> {
    let a = cursor.pos;
    if !cursor.peek().is_ascii_digit() {
        return None;
    }
    let mut e = a;
    loop {
        e = cursor.digit_end(e);
        // letters of the number: upper-case, or lower-case that do not start a modifier
        while cursor.at(e).is_ascii_alphabetic() && modifier_at(cursor, e).is_none() {
            let upper_case = cursor.at(e).is_ascii_uppercase();
            if cursor.prose() && !upper_case {
                break;
            }
            e += 1;
        }
        if cursor.at(e) == b'-' && cursor.at(e + 1).is_ascii_digit() {
            e += 1;
            continue;
        }
        break;
    }
    if is_word(cursor.at(e)) && modifier_at(cursor, e).is_none() {
        return None;
    }
    body.number = lower(cursor.slice(a, e));
    cursor.pos = e;
    Some(())
}

/// FIPS numbers a revision after a dash: `FIPS 140-3` is revision 3 of FIPS 140, `FIPS
/// 103-1983` the 1983 edition of FIPS 103.
fn split_fips_revision(body: &mut Body) {
    let Some((number, revision)) = body.number.split_once('-') else { return };
    let (number, revision) = (number.to_string(), revision.to_string());
    let Some(value) = digits_value(revision.as_bytes()) else { return };
    if revision.len() == 4 && plausible_year(value) {
        body.year = Some(value as u16);
    } else {
        body.version = Some(value.to_string());
    }
    body.number = number;
}

/// A modifier at `k`: its kind and where its value starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Modifier {
    /// `r5`: revision.
    Revision,
    /// `e2011`, `e198502`: edition date; `e2`: edition number.
    Edition,
    /// `v1`: volume.
    Volume,
    /// `pt2`: part.
    Part,
    /// `sec3`: section.
    Section,
    /// `sup1`: supplement.
    Supplement,
    /// `ver1.0.1`: version.
    Version,
}

fn modifier_at(cursor: &Cursor, k: usize) -> Option<(Modifier, usize)> {
    const MODIFIERS: &[(&str, Modifier)] = &[
        ("ver", Modifier::Version),
        ("sup", Modifier::Supplement),
        ("sec", Modifier::Section),
        ("pt", Modifier::Part),
        ("r", Modifier::Revision),
        ("e", Modifier::Edition),
        ("v", Modifier::Volume),
    ];
    MODIFIERS.iter().find_map(|(word, modifier)| {
        let end = k + word.len();
        let written = cursor.slice(k, end);
        let digit_follows = cursor.at(end).is_ascii_digit();
        let supplement_alone = *modifier == Modifier::Supplement && !is_word(cursor.at(end));
        (written == word.as_bytes() && (digit_follows || supplement_alone))
            .then_some((*modifier, end))
    })
}

/// Revisions, editions, volumes, parts, supplements, updates, addenda and translations.
fn read_modifiers(cursor: &mut Cursor, body: &mut Body) {
    let mut parts: Vec<String> = Vec::new();
    loop {
        let k = cursor.pos;
        let k =
            if cursor.at(k) == b'-' && modifier_at(cursor, k + 1).is_some() { k + 1 } else { k };
        if let Some((modifier, value_start)) = modifier_at(cursor, k) {
            let end = if modifier == Modifier::Version {
                cursor.dotted_digits_end(value_start)
            } else {
                cursor.digit_end(value_start)
            };
            let value = lower(cursor.slice(value_start, end));
            apply_modifier(body, &mut parts, modifier, &value);
            cursor.pos = end;
            continue;
        }
        // "/Upd1-192603": an update
        if cursor.peek() == b'/' && eq_ci(cursor.slice(cursor.pos + 1, cursor.pos + 4), "Upd") {
            let de = cursor.digit_end(cursor.pos + 4);
            let number = lower(cursor.slice(cursor.pos + 4, de));
            let mut end = de;
            let mut year = None;
            if cursor.at(de) == b'-' && cursor.at(de + 1).is_ascii_digit() {
                end = cursor.digit_end(de + 1);
                year = digits_value(cursor.slice(de + 1, (de + 5).min(end)))
                    .filter(|&y| plausible_year(y))
                    .map(|y| y as u16);
            }
            let number = (!number.is_empty()).then_some(number);
            body.supplements.push(Supplement { kind: "upd".into(), number, year });
            cursor.pos = end;
            continue;
        }
        // ".Add." and "-add": an addendum
        let dot_add =
            cursor.peek() == b'.' && eq_ci(cursor.slice(cursor.pos + 1, cursor.pos + 4), "Add");
        if dot_add && !cursor.at(cursor.pos + 4).is_ascii_alphanumeric() {
            body.supplements.push(Supplement { kind: "add".into(), number: None, year: None });
            cursor.pos += 4;
            if cursor.peek() == b'.' {
                cursor.pos += 1;
            }
            continue;
        }
        // ".spa", ".vie", ".zho": a translation, the same document
        let language_end = cursor.alpha_end(cursor.pos + 1);
        if cursor.peek() == b'.'
            && language_end - (cursor.pos + 1) == 3
            && cursor.slice(cursor.pos + 1, language_end).iter().all(u8::is_ascii_lowercase)
            && !is_word(cursor.at(language_end))
        {
            cursor.pos = language_end;
            continue;
        }
        break;
    }
    if !parts.is_empty() {
        body.part = Some(parts.join("-"));
    }
}

fn apply_modifier(body: &mut Body, parts: &mut Vec<String>, modifier: Modifier, value: &str) {
    match modifier {
        Modifier::Revision => {
            // "r1953": a revision dated by its year
            match digits_value(value.as_bytes()) {
                Some(year) if value.len() == 4 && plausible_year(year) => {
                    body.year = Some(year as u16)
                }
                _ => body.version = Some(value.trim_start_matches('0').to_string()),
            }
        }
        Modifier::Edition => {
            let year = value.get(..4).and_then(|y| digits_value(y.as_bytes()));
            match year.filter(|&y| value.len() >= 4 && plausible_year(y)) {
                Some(year) => body.year = Some(year as u16),
                None => body.version = Some(format!("e{value}")),
            }
        }
        Modifier::Volume => parts.push(format!("v{value}")),
        Modifier::Part => parts.push(format!("pt{value}")),
        Modifier::Section => parts.push(format!("sec{value}")),
        Modifier::Supplement => {
            let number = (!value.is_empty()).then(|| value.to_string());
            body.supplements.push(Supplement { kind: "suppl".into(), number, year: None });
        }
        Modifier::Version => body.version = Some(value.to_string()),
    }
}

/// " Rev. 5", " Revision 5", " Vol. 2", and the public drafts " ipd", " 2pd", " fpd", " (Draft)".
fn read_prose_revision_and_draft(cursor: &mut Cursor, body: &mut Body) {
    loop {
        let start = cursor.checkpoint();
        if cursor.peek() != b' ' {
            return;
        }
        cursor.pos += 1;
        let e = cursor.alnum_end(cursor.pos);
        let word = cursor.slice(cursor.pos, e);
        let numbered = |cursor: &Cursor| {
            let mut k = e;
            if cursor.at(k) == b'.' {
                k += 1;
            }
            if cursor.at(k) == b' ' {
                k += 1;
            }
            let de = cursor.digit_end(k);
            (de > k && !is_word(cursor.at(de))).then(|| (lower(cursor.slice(k, de)), de))
        };
        if cursor.word_eq(word, "Rev") || cursor.word_eq(word, "Revision") {
            if let Some((revision, end)) = numbered(cursor) {
                body.version = Some(revision);
                cursor.pos = end;
                continue;
            }
        }
        if cursor.word_eq(word, "Vol") || cursor.word_eq(word, "Volume") {
            if let Some((volume, end)) = numbered(cursor) {
                body.part = Some(format!("v{volume}"));
                cursor.pos = end;
                continue;
            }
        }
        let draft = std::str::from_utf8(word).ok().and_then(|w| nist().identifier_stage(w));
        if let Some(stage) = draft.filter(|stage| stage.word.as_bytes() == word) {
            body.draft = Some(stage.word.to_string());
            cursor.pos = e;
            continue;
        }
        if cursor.peek() == b'(' && cursor.word_eq(cursor.token(cursor.pos + 1), "Draft") {
            let close = cursor.pos + 6;
            if cursor.at(close) == b')' {
                body.draft = Some("draft".to_string());
                cursor.pos = close + 1;
                continue;
            }
        }
        cursor.restore(start);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};
    use super::super::super::DocId;

    #[test]
    fn nist_spellings() {
        check(&[
            ("NIST SP 800-53r5", "nist sp 800-53"),
            ("NIST SP 800-53r4", "nist sp 800-53"),
            ("NIST SP 800-53", "nist sp 800-53"),
            ("NIST SP 800-53Ar4", "nist sp 800-53a"),
            ("NIST SP 800-53A", "nist sp 800-53a"),
            ("NIST SP 800-38A.Add.", "nist sp 800-38a/add"),
            ("NIST SP 800-38Be2005", "nist sp 800-38b"),
            ("NIST SP 800-63ver1.0.1", "nist sp 800-63"),
            ("NIST SP 800-63Bsup1", "nist sp 800-63b/suppl1"),
            ("NIST FIPS 197", "nist fips 197"),
            ("NIST FIPS 197/Upd1", "nist fips 197/upd1"),
            ("NIST FIPS 140-3", "nist fips 140"),
            ("NBS FIPS 140", "nist fips 140"),
            ("NBS FIPS 1-2e1984", "nist fips 1"),
            ("NBS FIPS 103-1983", "nist fips 103"),
            ("NIST IR 8259", "nist ir 8259"),
            ("NIST IR 8259.spa", "nist ir 8259"),
            ("NIST IR 8118r1.spa", "nist ir 8118"),
            ("NBS IR 73-101", "nist ir 73-101"),
            ("NBS IR 73-197r1", "nist ir 73-197"),
            ("NIST IR 4335/Upd1-199011", "nist ir 4335/upd1"),
            ("NBS CIRC 100e2", "nist circ 100"),
            ("NBS LC 1013r1953", "nist lc 1013"),
            ("NIST SP 1000-5v1", "nist sp 1000-5-v1"),
            ("NBS IR 80-2017pt1", "nist ir 80-2017-pt1"),
            ("NBS CRPL-F-A 1", "nist crpl-f-a 1"),
            ("NBS SP 250-1", "nist sp 250-1"),
            ("NSRDS-NBS 9", "nist nsrds 9"),
            ("NISTIR 8259", "nist ir 8259"),
            ("NIST SP 800-53r5 ipd", "nist sp 800-53"),
        ]);
        let d = DocId::parse("NIST SP 800-53r5").unwrap();
        assert_eq!(d.publishers, ["NIST"]);
        assert_eq!((d.deliverable.as_deref(), d.number.as_str()), (Some("SP"), "800-53"));
        assert_eq!(d.version.as_deref(), Some("5"), "the revision is the edition");
        let d = DocId::parse("NIST FIPS 140-3").unwrap();
        assert_eq!((d.number.as_str(), d.version.as_deref()), ("140", Some("3")));
        let d = DocId::parse("NIST SP 800-38Be2005").unwrap();
        assert_eq!(d.year, Some(2005));
        let d = DocId::parse("NIST SP 800-53r5 ipd").unwrap();
        assert_eq!(d.draft.as_deref(), Some("ipd"));
        assert!(DocId::parse("NIST SP 800-53r5").unwrap().draft.is_none());
    }

    #[test]
    fn nist_in_prose() {
        assert_eq!(
            prose_keys("NIST Special Publication 800-38A and NIST SP 800-53 Rev. 5 apply"),
            ["nist sp 800-38a", "nist sp 800-53"]
        );
        assert_eq!(
            prose_keys("AES (FIPS 197) and FIPS PUB 140-2"),
            ["nist fips 197", "nist fips 140"]
        );
        assert_eq!(prose_keys("see NISTIR 8259"), ["nist ir 8259"]);
        assert!(prose_keys("the NIST team met").is_empty());
    }
}
