//! IEEE, AIEE, IRE and ANSI: `IEEE Std 802.11™-2020`, `IEEE P802.11be/D3.0`, `ANSI C63.4a-2017`,
//! `IEEE Std 11073-10101-2019` (dashes in IEEE numbers are dots: `ieee 11073.10101`).

use super::super::cursor::{digits_value, four_digit_year, is_word, lower, plausible_year, Cursor};
use super::super::head::{stage_word, Head};
use super::super::supplements::{read_one_supplement, Letters};
use super::{skip_month, Body};

/// Words between the publisher and the number that say nothing about the document.
const LEAD_WORDS: &[&str] =
    &["Std", "Standard", "Approved", "Unapproved", "Active", "Draft", "No", "Nos"];

/// Reads an IEEE number, its year, draft versions and supplements.
pub(in super::super) fn read(cursor: &mut Cursor, _head: &Head) -> Option<Body> {
    let mut body = Body::default();
    skip_lead_words(cursor, &mut body);
    // project prefix: P802.11, PC37.20, PN42.38
    let c = cursor.peek();
    let n1 = cursor.at(cursor.pos + 1);
    if (c == b'P' || (c == b'p' && cursor.catalogue()))
        && (n1.is_ascii_digit()
            || (matches!(n1, b'C' | b'N' | b'c' | b'n')
                && cursor.at(cursor.pos + 2).is_ascii_digit()))
    {
        body.draft = Some("P".to_string());
        cursor.pos += 1;
    }
    let a = cursor.pos;
    let mut e = a;
    while e < cursor.len()
        && (cursor.at(e).is_ascii_alphanumeric()
            || (cursor.at(e) == b'.' && cursor.at(e + 1).is_ascii_alphanumeric()))
    {
        e += 1;
    }
    let t = cursor.slice(a, e);
    if t.is_empty() || !t.iter().any(u8::is_ascii_digit) {
        return None;
    }
    if cursor.prose()
        && !(t[0].is_ascii_digit() || (t[0].is_ascii_uppercase() && t.contains(&b'.')))
    {
        return None;
    }
    body.number = lower(t);
    cursor.pos = e;
    loop {
        let c = cursor.peek();
        if c == b'-' {
            let k = cursor.pos + 1;
            let se = cursor.alnum_end(k);
            let segment = cursor.slice(k, se);
            if segment.is_empty() || !segment.iter().all(u8::is_ascii_digit) || body.year.is_some()
            {
                break;
            }
            let value = digits_value(segment).unwrap_or(0);
            if segment.len() == 4 && plausible_year(value) {
                body.year = Some(value as u16);
                cursor.pos = se;
                skip_month(cursor);
                continue;
            }
            if cursor.at(se) == b'.' && cursor.at(se + 1).is_ascii_digit() {
                break;
            }
            // IEEE writes 11073-10101 as 11073.10101
            body.number.push('.');
            body.number.push_str(&lower(segment));
            cursor.pos = se;
        } else if c == b'/' || c == b'_' {
            let start = cursor.checkpoint();
            cursor.pos += 1;
            if read_draft_version(cursor, &mut body) {
                continue;
            }
            cursor.restore(start);
            if !read_one_supplement(cursor, &mut body, Letters::Amendments) {
                break;
            }
        } else if c == b' ' && cursor.catalogue() {
            if !read_one_supplement(cursor, &mut body, Letters::Amendments) {
                break;
            }
        } else {
            break;
        }
    }
    Some(body)
}

/// Skips `Std`, `Approved`, `No.` and the like; a stage word before the number (`ISO/IEC/IEEE CD
/// P15288`) is the draft.
fn skip_lead_words(cursor: &mut Cursor, body: &mut Body) {
    loop {
        let start = cursor.checkpoint();
        cursor.skip_space();
        let e = cursor.alnum_end(cursor.pos);
        let t = cursor.slice(cursor.pos, e);
        if !t.is_empty() && LEAD_WORDS.iter().any(|w| cursor.word_eq(t, w)) {
            cursor.pos = e;
            if cursor.peek() == b'.' {
                cursor.pos += 1;
            }
            continue;
        }
        if cursor.catalogue() && cursor.at(e) == b' ' {
            if let Some(stage) = stage_word(t, cursor) {
                body.draft = Some(stage.canonical().to_string());
                cursor.pos = e;
                continue;
            }
        }
        if t.is_empty() {
            cursor.restore(start);
        }
        return;
    }
}

/// IEEE draft versions after a number: "/D3.0", "/D-14-2020-04", "_D2.0", "/E-1-2018".
pub(in super::super) fn read_draft_versions(cursor: &mut Cursor, body: &mut Body) {
    loop {
        let start = cursor.checkpoint();
        if !matches!(cursor.peek(), b'/' | b'_') {
            return;
        }
        cursor.pos += 1;
        if !read_draft_version(cursor, body) {
            cursor.restore(start);
            return;
        }
    }
}

/// One draft version at the cursor (after its separator).
fn read_draft_version(cursor: &mut Cursor, body: &mut Body) -> bool {
    let c = cursor.peek();
    if !matches!(c, b'D' | b'd' | b'E') || (cursor.prose() && c == b'd') {
        return false;
    }
    let start = match cursor.at(cursor.pos + 1) {
        b'-' => cursor.pos + 2,
        x if x.is_ascii_digit() => cursor.pos + 1,
        _ => return false,
    };
    let e = cursor.end_of(start, |b| b.is_ascii_alphanumeric() || b == b'.');
    let v = cursor.slice(start, e);
    if v.is_empty() || !v[0].is_ascii_digit() {
        return false;
    }
    let mut version = String::from(if c == b'E' { "E" } else { "D" });
    version.push_str(&String::from_utf8_lossy(v));
    body.version = Some(version);
    cursor.pos = e;
    if cursor.peek() == b'-' {
        let de = cursor.digit_end(cursor.pos + 1);
        if let Some(year) = four_digit_year(cursor.slice(cursor.pos + 1, de)) {
            if !is_word(cursor.at(de)) {
                body.year.get_or_insert(year);
                cursor.pos = de;
                skip_month(cursor);
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn ieee_spellings() {
        check(&[
            ("IEEE Std 802.11-2020", "ieee 802.11"),
            ("IEEE 802.11-2020", "ieee 802.11"),
            ("IEEE Std 802.11™-2020", "ieee 802.11"),
            ("IEEE P802.11be/D3.0", "ieee 802.11be"),
            ("IEEE Std 802.11be-2024", "ieee 802.11be"),
            ("ANSI/IEEE C37.010-1979", "ieee c37.010"),
            ("ANSI/IEEE Std 1-1986", "ieee 1"),
            ("IEEE Std C57.12.00-2015", "ieee c57.12.00"),
            ("IEEE Std C57.12.00-2010 Redline", "ieee c57.12.00"),
            ("AIEE 11-1937", "ieee 11"),
            ("IEEE 11™-1937", "ieee 11"),
            ("AIEE No.3™-1962", "ieee 3"),
            ("IEEE Std 3-1982", "ieee 3"),
            ("IEEE Std 1003.1/Cor1-2002", "ieee 1003.1/cor1"),
            ("IEEE 802.3-2015/Cor 1-2017", "ieee 802.3/cor1"),
            ("IEEE P1243/D-3-2023-02", "ieee 1243"),
            ("IEEEE P1243™/D-3-2023-02", "ieee 1243"),
            ("IEEE Approved Std P1013/D-10-2006", "ieee 1013"),
            ("IEEE Unapproved Std P802.16g/D-9-2007-04", "ieee 802.16g"),
            ("IEEE Std P802.11/D-4.0/R-ma", "ieee 802.11"),
            ("IEEE P11073.10418/D-2/Cor1-2015", "ieee 11073.10418/cor1"),
            ("IEEE Std 11073.10101-2019", "ieee 11073.10101"),
            ("IEEE Std 11073-10101-2019", "ieee 11073.10101"),
            ("IEEE Std 8802-3", "ieee 8802.3"),
            ("IEEE Std 1003.1b-1993", "ieee 1003.1b"),
            ("IEEE Std No.127", "ieee 127"),
            ("ANSI C63.4a-2017", "ansi c63.4a"),
            ("ANSI PC63.10/D-14-2020-04", "ansi c63.10"),
            ("ANSI Std C63.12-1987", "ansi c63.12"),
            ("ANSI/USEMCSC C63.14-2023 Redline", "ansi c63.14"),
            ("NACE/IEEE P1835/D-2-2014-07", "ieee 1835"),
            ("IEEE PC57™/D-12.00-2015", "ieee c57"),
            ("ASA C37.1™-1950", "ansi c37.1"),
            ("ISO/IEC/IEEE Std 32675-2022", "iso 32675"),
            ("EEE Std 1671.1-2017", "ieee 1671.1"),
            ("IRE 12.S1-1962", "ire 12.s1"),
            ("IEC 60076.21-2011", "iec 60076-21"),
            ("IEC 60076.21™-2018", "iec 60076-21"),
            ("IEC/IEEE 60076.57-1202", "iec 60076-57-1202"),
            ("IEC/IEEE 62271.37-013-2015", "iec 62271-37-013"),
            ("IEC/IEEE 60255.118-1-2018", "iec 60255-118-1"),
            ("IEC 61523.3", "iec 61523-3"),
            ("ISO/IEC/IEEE 12207-2017", "iso 12207"),
            ("ISO/IEC/IEEE 15026.1-2019", "iso 15026-1"),
            ("ISO/IEC/IEEE 8802.1AB-2017", "iso 8802-1ab"),
            ("IEEE/ISO/IEC 8802.3/Amd4-2021", "iso 8802-3/amd4"),
            ("ISO/IEC/IEEE CD P15288-2021-03", "iso 15288"),
            ("IEEE/IEC P60079.30-1/D-11-2024", "iec 60079-30-1"),
            ("IEC/IEEE CDV P62582.2-2021-03", "iec 62582-2"),
        ]);
        let d = DocId::parse("IEEE P802.11be/D3.0").unwrap();
        assert_eq!(d.draft.as_deref(), Some("P"));
        assert_eq!(d.version.as_deref(), Some("D3.0"));
        assert_eq!(d.number, "802.11be");
        let d = DocId::parse("IEEE P1243/D-3-2023-02").unwrap();
        assert_eq!((d.version.as_deref(), d.year), (Some("D3"), Some(2023)));
        let d = DocId::parse("IEEE Std 802.11-2020").unwrap();
        assert_eq!(d.year, Some(2020));
        assert_eq!(d.publishers, ["IEEE"]);
        assert_eq!(DocId::parse("AIEE 11-1937").unwrap().publishers, ["AIEE"]);
        assert_eq!(DocId::parse("IEC 60076.21-2011").unwrap().year, Some(2011));
    }
}
