//! BIPM and its committees: CGPM, CIPM and consultative committee outcomes (`CGPM RES 1 (1927)`,
//! `CIPM DECN 90-1 (2001)`, `CCEM REC 1 (2005)`, `JCRB ACT 2-1 (1999)`), the written-out forms
//! (`CGPM Resolution 1 (1927)`), language-tagged forms (`CGPM RES 1 (1927, E)`), meeting reports
//! (`CCAUV 1st Meeting (1999)`, `CCAUV 1e réunion (1999)`), JCGM guides (`JCGM 100:2008`, `JCGM
//! GUM-6:2020`) and the SI Brochure.
//!
//! Outcomes are numbered per meeting, so the meeting's year is part of their number: `CGPM RES 1
//! (1927)` and `CGPM RES 1 (1948)` are two resolutions (`cgpm res 1 (1927)`); guides have editions
//! (`jcgm 200` for JCGM 200:2008 and JCGM 200:2012).

use super::super::cursor::{eq_ci, is_word, lower, Cursor};
use super::super::head::Head;
use super::super::supplements::{read_supplements, Letters};
use super::{colon_year, parenthesised_year, Body};

/// Kinds of outcome: (spellings, canonical).
const OUTCOMES: &[(&[&str], &str)] = &[
    (&["RES", "Resolution"], "RES"),
    (&["REC", "Recommendation"], "REC"),
    (&["DECN", "Decision"], "DECN"),
    (&["ACT", "Action"], "ACT"),
    // the key of a meeting report: "ccauv meeting 1 (1999)"
    (&["Meeting"], "Meeting"),
];

/// Reads an outcome, a meeting report, a guide or the SI Brochure.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    cursor.skip_space();
    let start = cursor.checkpoint();
    if let Some(body) = read_outcome(cursor) {
        return Some(body);
    }
    cursor.restore(start);
    if let Some(body) = read_meeting(cursor) {
        return Some(body);
    }
    cursor.restore(start);
    if head.has("BIPM") {
        if let Some(body) = read_brochure(cursor) {
            return Some(body);
        }
        cursor.restore(start);
    }
    read_guide(cursor)
}

/// `RES 1 (1927)`, `Resolution 1 (1927)`, `DECN 90-1 (2001, E)`.
fn read_outcome(cursor: &mut Cursor) -> Option<Body> {
    let e = cursor.alpha_end(cursor.pos);
    let word = cursor.slice(cursor.pos, e);
    let (_, kind) =
        OUTCOMES.iter().find(|(spellings, _)| spellings.iter().any(|s| cursor.word_eq(word, s)))?;
    if cursor.at(e) != b' ' {
        return None;
    }
    let a = e + 1;
    let number_end = cursor.end_of(a, |b| b.is_ascii_digit() || b == b'-');
    if number_end == a || !cursor.at(a).is_ascii_digit() || is_word(cursor.at(number_end)) {
        return None;
    }
    let (year, end) =
        parenthesised_year(cursor, number_end + 1).filter(|_| cursor.at(number_end) == b' ')?;
    cursor.pos = end;
    let number = format!("{} ({year})", lower(cursor.slice(a, number_end)));
    Some(Body {
        deliverable: Some((*kind).to_string()),
        year: Some(year),
        ..Body::numbered(number)
    })
}

/// `1st Meeting (1999)`, `100-1th Meeting (2011)`, `1e réunion (1999)`.
fn read_meeting(cursor: &mut Cursor) -> Option<Body> {
    let a = cursor.pos;
    let number_end = cursor.end_of(a, |b| b.is_ascii_digit() || b == b'-');
    if number_end == a || !cursor.at(a).is_ascii_digit() {
        return None;
    }
    // a French superscript may come apart from its number ("1<sup>e</sup>" is "1 e")
    let ordinal_start = if cursor.at(number_end) == b' ' { number_end + 1 } else { number_end };
    let ordinal_end = cursor.alpha_end(ordinal_start);
    let ordinal = cursor.slice(ordinal_start, ordinal_end);
    let french = ["e", "er", "re"].iter().any(|o| eq_ci(ordinal, o));
    if ordinal_start > number_end && !french {
        return None;
    }
    if !["st", "nd", "rd", "th", "e", "er", "re"].iter().any(|o| eq_ci(ordinal, o))
        || cursor.at(ordinal_end) != b' '
    {
        return None;
    }
    let word_start = ordinal_end + 1;
    let word_end = cursor.end_of(word_start, |b| b.is_ascii_alphabetic() || b >= 0x80);
    let word = cursor.slice(word_start, word_end);
    if !(eq_ci(word, "Meeting") || word == "réunion".as_bytes()) || cursor.at(word_end) != b' ' {
        return None;
    }
    let (year, end) = parenthesised_year(cursor, word_end + 1)?;
    cursor.pos = end;
    let number = format!("{} ({year})", lower(cursor.slice(a, number_end)));
    Some(Body {
        deliverable: Some("Meeting".to_string()),
        year: Some(year),
        ..Body::numbered(number)
    })
}

/// `SI Brochure 9e v3.01 (2019/2024, E)`: the brochure, its edition and version.
fn read_brochure(cursor: &mut Cursor) -> Option<Body> {
    let name_start = cursor.pos;
    if !cursor.word_at(name_start, "SI") || !cursor.word_at(name_start + 3, "Brochure") {
        return None;
    }
    cursor.pos = name_start + "SI Brochure".len();
    let mut body = Body::numbered("si brochure".to_string());
    let mut version = Vec::new();
    while cursor.peek() == b' ' {
        let k = cursor.pos + 1;
        let e = cursor.end_of(k, |b| b.is_ascii_alphanumeric() || b == b'.');
        let token = cursor.slice(k, e);
        let edition = token.first().is_some_and(u8::is_ascii_digit) && token.ends_with(b"e");
        let numbered =
            token.len() > 1 && matches!(token[0], b'v' | b'V') && token[1].is_ascii_digit();
        if edition || numbered {
            version.push(lower(token));
            cursor.pos = e;
            continue;
        }
        if let Some((year, end)) = parenthesised_year(cursor, k) {
            body.year = Some(year);
            cursor.pos = end;
        }
        break;
    }
    if !version.is_empty() {
        body.version = Some(version.join(" "));
    }
    Some(body)
}

/// `100:2008`, `GUM-6:2020`, `GUM`, `VIM-3`, `200:2008 Corrigendum`.
fn read_guide(cursor: &mut Cursor) -> Option<Body> {
    let a = cursor.pos;
    let e = cursor.alnum_end(a);
    let name = cursor.slice(a, e);
    if name.is_empty() || (cursor.prose() && !name[0].is_ascii_digit()) {
        return None;
    }
    let mut body = Body::numbered(lower(name));
    cursor.pos = e;
    if cursor.peek() == b'-' && cursor.at(cursor.pos + 1).is_ascii_digit() {
        let de = cursor.digit_end(cursor.pos + 1);
        if !is_word(cursor.at(de)) {
            body.part = Some(lower(cursor.slice(cursor.pos + 1, de)));
            cursor.pos = de;
        }
    }
    colon_year(cursor, &mut body);
    read_supplements(cursor, &mut body, Letters::Amendments);
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};
    use super::super::super::DocId;

    #[test]
    fn bipm_spellings() {
        check(&[
            ("CGPM RES 1 (1927)", "cgpm res 1 (1927)"),
            ("CGPM RES 1 (1927, E)", "cgpm res 1 (1927)"),
            ("CGPM RES 1 (1927, F)", "cgpm res 1 (1927)"),
            ("CGPM Resolution 1 (1927)", "cgpm res 1 (1927)"),
            ("CGPM RES 1 (1948)", "cgpm res 1 (1948)"),
            ("CIPM DECN 90-1 (2001)", "cipm decn 90-1 (2001)"),
            ("CIPM Decision 90-1 (2001)", "cipm decn 90-1 (2001)"),
            ("CCEM REC 1 (2005)", "ccem rec 1 (2005)"),
            ("JCRB ACT 2-1 (1999)", "jcrb act 2-1 (1999)"),
            ("JCRB Recommendation 3-1 (1999)", "jcrb rec 3-1 (1999)"),
            ("CCAUV 1st Meeting (1999)", "ccauv meeting 1 (1999)"),
            ("CCAUV 1e réunion (1999)", "ccauv meeting 1 (1999)"),
            ("CCAUV 1 e réunion (1999)", "ccauv meeting 1 (1999)"),
            ("CIPM 100-1th Meeting (2011)", "cipm meeting 100-1 (2011)"),
            ("JCGM 11st Meeting (2006)", "jcgm meeting 11 (2006)"),
            ("JCGM 100:2008", "jcgm 100"),
            ("JCGM 200:2008", "jcgm 200"),
            ("JCGM 200:2012", "jcgm 200"),
            ("JCGM 200:2008 Corrigendum", "jcgm 200/cor"),
            ("JCGM GUM-6:2020", "jcgm gum-6"),
            ("JCGM GUM", "jcgm gum"),
            ("BIPM SI Brochure 9e v3.01 (2019/2024, E)", "bipm si brochure"),
        ]);
        let d = DocId::parse("CGPM RES 1 (1927, E)").unwrap();
        assert_eq!(d.publishers, ["CGPM"]);
        assert_eq!((d.deliverable.as_deref(), d.year), (Some("RES"), Some(1927)));
        let d = DocId::parse("BIPM SI Brochure 9e v3.01 (2019/2024, E)").unwrap();
        assert_eq!((d.version.as_deref(), d.year), (Some("9e v3.01"), Some(2019)));
        assert_eq!(DocId::parse("JCGM 100:2008").unwrap().year, Some(2008));
    }

    #[test]
    fn bipm_in_prose() {
        assert_eq!(
            prose_keys("as CGPM Resolution 1 (2018) redefined the SI, and JCGM 100:2008 (GUM)"),
            ["cgpm res 1 (2018)", "jcgm 100"]
        );
        assert!(prose_keys("the CIPM met in 2019").is_empty());
    }
}
