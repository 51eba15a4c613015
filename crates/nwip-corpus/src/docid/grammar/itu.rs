//! ITU-T and ITU-R Recommendations: `ITU-T X.509 (10/2019)`, `ITU-T Rec. H.264`, `ITU-T A.12
//! (2008) Cor. 1 (06/2015)`, `ITU-T F.400/X.400`, `ITU-T A Suppl. 2`, `ITU-R BT.709-6` (the `-6`
//! is ITU-R's revision, kept as the version).

use super::super::cursor::{digits_value, eq_ci, is_word, lower, plausible_year, Cursor};
use super::super::head::{recommendation_word, Head};
use super::super::supplements::{one_supplement, Letters};
use super::Body;

/// Reads an ITU Recommendation number, twins, dates, versions and supplements.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    loop {
        let start = cursor.checkpoint();
        cursor.skip_space();
        match recommendation_word(cursor, cursor.pos) {
            Some(end) => cursor.pos = end,
            None => {
                cursor.restore(start);
                break;
            }
        }
    }
    cursor.skip_space();
    let radio = head.has("ITU-R");
    let mut body = read_number(cursor, radio)?;
    read_twins(cursor, &mut body);
    read_dates_versions_supplements(cursor, &mut body);
    Some(body)
}

/// The Recommendation number in its many catalogue shapes.
fn read_number(cursor: &mut Cursor, radio: bool) -> Option<Body> {
    let a = cursor.pos;
    let le = cursor.alpha_end(a);
    let letters = le - a;
    let series_ok = cursor.catalogue() || cursor.slice(a, le).iter().all(u8::is_ascii_uppercase);
    if (1..=3).contains(&letters)
        && cursor.at(le) == b'.'
        && cursor.at(le + 1).is_ascii_digit()
        && series_ok
    {
        let e = cursor.dotted_digits_end(le + 1);
        let mut body = Body::numbered(lower(cursor.slice(a, e)));
        cursor.pos = e;
        read_suffix(cursor, &mut body);
        read_revision_or_range(cursor, &mut body, radio);
        return Some(body);
    }
    let next_word = cursor.slice(le + 1, cursor.alpha_end(le + 1));
    if (1..=2).contains(&letters)
        && cursor.catalogue()
        && !is_word(cursor.at(le))
        && eq_ci(next_word, "Suppl")
    {
        // series supplement: "ITU-T A Suppl. 1", key "itu-t a/suppl1"
        cursor.pos = le;
        return Some(Body::numbered(lower(cursor.slice(a, le))));
    }
    if cursor.catalogue()
        && !radio
        && (1..=4).contains(&letters)
        && matches!(cursor.at(le), b'-' | b'0'..=b'9')
    {
        // series supplements and special series: "ITU-T E-100 series Suppl. 1",
        // "E100-300 Suppl. 3", "EMC-3", "MES-2", "SEC-QKD", "IMPL-8"
        let mut e = le;
        while e < cursor.len()
            && (cursor.at(e).is_ascii_alphanumeric()
                || (cursor.at(e) == b'-' && cursor.at(e + 1).is_ascii_alphanumeric()))
        {
            e += 1;
        }
        if e == le || is_word(cursor.at(e)) {
            return None;
        }
        cursor.pos = e;
        return Some(Body::numbered(lower(cursor.slice(a, e))));
    }
    if cursor.catalogue()
        && !radio
        && letters == 1
        && cursor.at(le) == b' '
        && cursor.at(le + 1).is_ascii_digit()
    {
        // "G 235 (10/1976)": a dot typed as a space
        let de = cursor.digit_end(le + 1);
        if is_word(cursor.at(de)) || cursor.at(de) != b' ' || cursor.at(de + 1) != b'(' {
            return None;
        }
        cursor.pos = de;
        let number = format!("{}.{}", lower(cursor.slice(a, le)), lower(cursor.slice(le + 1, de)));
        return Some(Body::numbered(number));
    }
    if cursor.catalogue() && radio {
        // other ITU-R forms: "SG01.205-2", "01.HDB"
        let e = cursor.end_of(a, |b| b.is_ascii_alphanumeric() || b == b'.');
        let t = cursor.slice(a, e);
        if t.is_empty() || !t.iter().any(u8::is_ascii_digit) {
            return None;
        }
        let mut body = Body::numbered(lower(t));
        cursor.pos = e;
        if cursor.peek() == b'-' {
            let de = cursor.digit_end(cursor.pos + 1);
            if de > cursor.pos + 1 && !is_word(cursor.at(de)) {
                let digits = lower(cursor.slice(cursor.pos + 1, de));
                // a revision after a series code ("SG01.205-2"); part of a plain number
                if t.iter().any(u8::is_ascii_alphabetic) {
                    body.version = Some(digits);
                } else {
                    body.number.push('-');
                    body.number.push_str(&digits);
                }
                cursor.pos = de;
            }
        }
        return Some(body);
    }
    None
}

/// "-6" after an ITU-R number is its revision; after an ITU-T number a range (`Q.732.2-5`,
/// `Q.120-Q.139`).
fn read_revision_or_range(cursor: &mut Cursor, body: &mut Body, radio: bool) {
    if cursor.peek() != b'-' {
        return;
    }
    let k = cursor.pos + 1;
    let de = cursor.digit_end(k);
    if de > k && !is_word(cursor.at(de)) && cursor.at(de) != b'.' {
        let digits = lower(cursor.slice(k, de));
        if radio {
            body.version = Some(digits);
        } else {
            body.number.push('-');
            body.number.push_str(&digits);
        }
        cursor.pos = de;
    } else if !radio
        && (cursor.at(k).is_ascii_uppercase()
            || (cursor.catalogue() && cursor.at(k).is_ascii_lowercase()))
        && cursor.at(k + 1) == b'.'
        && cursor.at(k + 2).is_ascii_digit()
    {
        let e = cursor.dotted_digits_end(k + 2);
        body.number.push('-');
        body.number.push_str(&lower(cursor.slice(k, e)));
        cursor.pos = e;
    }
}

/// Twin numbers: "F.400/X.400", "G.709.1/Y.1331.1"; the twins are remembered, not read.
fn read_twins(cursor: &mut Cursor, body: &mut Body) {
    while cursor.peek() == b'/' {
        let k = cursor.pos + 1;
        let le = cursor.alpha_end(k);
        let is_twin = (1..=2).contains(&(le - k))
            && cursor.at(le) == b'.'
            && cursor.at(le + 1).is_ascii_digit()
            && (cursor.catalogue() || cursor.slice(k, le).iter().all(u8::is_ascii_uppercase));
        if !is_twin {
            return;
        }
        body.twins.push(k);
        cursor.pos = cursor.dotted_digits_end(le + 1);
        read_suffix(cursor, &mut Body::default());
    }
}

/// Dates, versions, supplements and "series" after the number.
fn read_dates_versions_supplements(cursor: &mut Cursor, body: &mut Body) {
    loop {
        let start = cursor.checkpoint();
        if cursor.peek() == b'/' {
            cursor.pos += 1;
            if one_supplement(cursor, body, false, Letters::Amendments) {
                continue;
            }
            cursor.restore(start);
            return;
        }
        if cursor.peek() != b' ' {
            return;
        }
        cursor.pos += 1;
        if cursor.peek() == b'(' && read_parenthesised(cursor, body) {
            continue;
        }
        if matches!(cursor.peek(), b'v' | b'V') {
            let k = if cursor.at(cursor.pos + 1) == b'.' { cursor.pos + 2 } else { cursor.pos + 1 };
            let de = cursor.digit_end(k);
            if de > k && !is_word(cursor.at(de)) {
                body.version = Some(lower(cursor.slice(k, de)));
                cursor.pos = de;
                continue;
            }
        }
        if one_supplement(cursor, body, false, Letters::Amendments) {
            continue;
        }
        if cursor.catalogue() && cursor.word_eq(cursor.token(cursor.pos), "series") {
            cursor.pos = cursor.alnum_end(cursor.pos);
            continue;
        }
        cursor.restore(start);
        return;
    }
}

/// "bis", "ter", "R" and single letters after an ITU number: "E.250 bis", "D.502R".
fn read_suffix(cursor: &mut Cursor, body: &mut Body) {
    let ae = cursor.alpha_end(cursor.pos);
    let suffix = cursor.slice(cursor.pos, ae);
    if !suffix.is_empty() && !cursor.at(ae).is_ascii_digit() {
        let ok = ["bis", "ter", "quater"].iter().any(|w| eq_ci(suffix, w))
            || suffix == b"R"
            || (cursor.catalogue() && suffix.len() == 1)
            || (cursor.catalogue() && suffix == b"br");
        if ok {
            body.number.push_str(&lower(suffix));
            cursor.pos = ae;
            return;
        }
    }
    if cursor.peek() == b' ' {
        let k = cursor.pos + 1;
        let e = cursor.alpha_end(k);
        let t = cursor.slice(k, e);
        if !is_word(cursor.at(e))
            && (["bis", "ter", "quater"].iter().any(|w| t == w.as_bytes()) || t == b"R")
        {
            body.number.push_str(&lower(t));
            cursor.pos = e;
        }
    }
}

/// "(V2)", "(2008)", "(10/2019)" after an ITU number: a version, or the year of the
/// Recommendation or of its last supplement.
fn read_parenthesised(cursor: &mut Cursor, body: &mut Body) -> bool {
    let k = cursor.pos + 1;
    if matches!(cursor.at(k), b'V' | b'v') {
        let de = cursor.digit_end(k + 1);
        if de > k + 1 && cursor.at(de) == b')' {
            body.version = Some(lower(cursor.slice(k + 1, de)));
            cursor.pos = de + 1;
            return true;
        }
        return false;
    }
    let de = cursor.digit_end(k);
    let (year, end) = match (de - k, cursor.at(de)) {
        (4, b')') => (digits_value(cursor.slice(k, de)), de + 1),
        (2, b'/') => {
            let de2 = cursor.digit_end(de + 1);
            if de2 - (de + 1) != 4 || cursor.at(de2) != b')' {
                return false;
            }
            (digits_value(cursor.slice(de + 1, de2)), de2 + 1)
        }
        _ => return false,
    };
    let Some(year) = year.filter(|&y| plausible_year(y)) else {
        return false;
    };
    match body.supplements.last_mut() {
        Some(supplement) => {
            supplement.year.get_or_insert(year as u16);
        }
        None => {
            body.year.get_or_insert(year as u16);
        }
    }
    cursor.pos = end;
    true
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn itu_spellings() {
        check(&[
            ("ITU-T X.509 (10/2019)", "itu-t x.509"),
            ("ITU-T Rec. X.509", "itu-t x.509"),
            ("Recommendation ITU-T X.509", "itu-t x.509"),
            ("ITU-T Recommendation X.509", "itu-t x.509"),
            ("CCITT X.509", "itu-t x.509"),
            ("X.509 (10/2019)", "itu-t x.509"),
            ("A.2 (2004) Amd. 1 (07/2006)", "itu-t a.2/amd1"),
            ("ITU-T A.12 (2008) Cor. 1 (06/2015)", "itu-t a.12/cor1"),
            ("ITU-T A.11 (2012) Err. 1 (02/2020)", "itu-t a.11/err1"),
            ("ITU-T H.262 (1995) Technical Cor. 1 (11/1996)", "itu-t h.262/cor1"),
            ("ITU-T F.400/X.400 (1996) Amd. 1 (09/1998)", "itu-t f.400/amd1"),
            ("ITU-T D.103/E.231 (10/1984)", "itu-t d.103"),
            ("ITU-T G.709.1/Y.1331.1 (01/2017)", "itu-t g.709.1"),
            ("ITU-T A Suppl. 2 (06/2000)", "itu-t a/suppl2"),
            ("A Suppl. 2 (12/2022)", "itu-t a/suppl2"),
            ("ITU-T D.140 Suppl. 1 (06/2002)", "itu-t d.140/suppl1"),
            ("ITU-T E.250 bis (12/1972)", "itu-t e.250bis"),
            ("ITU-T F.80bis/E.322 (10/1976)", "itu-t f.80bis"),
            ("ITU-T D.200 R (10/1976)", "itu-t d.200r"),
            ("ITU-T D.502R (02/2026)", "itu-t d.502r"),
            ("ITU-T F.742 (V2) (03/2025)", "itu-t f.742"),
            ("ITU-T A.23 Annex A (02/2010)", "itu-t a.23/annexa"),
            ("ITU-T G.101 App. I (05/2000)", "itu-t g.101/appi"),
            ("ITU-T Q.3941.1 v.1 (02/2016)", "itu-t q.3941.1"),
            ("H.222.0 v10 (04/2025)", "itu-t h.222.0"),
            ("ITU-T X.237 (1995) Amd. 1/Technical Cor. 1 (06/1999)", "itu-t x.237/amd1/cor1"),
            ("ITU-T Q.732.2-5 (03/1993)", "itu-t q.732.2-5"),
            ("ITU-T Q.120-Q.139 (11/1988)", "itu-t q.120-q.139"),
            ("ITU-R BO.1130-4", "itu-r bo.1130"),
            ("ITU-R BT.709-6", "itu-r bt.709"),
            ("ITU-R SG01.205-2", "itu-r sg01.205"),
            ("ITU-R 01-201", "itu-r 01-201"),
            ("ITU-T E-100 series Suppl. 1 (02/2019)", "itu-t e-100/suppl1"),
            ("E-100 series Suppl. 1 (02/2019)", "itu-t e-100/suppl1"),
            ("ITU-T E100-300 Suppl. 3 (10/1984)", "itu-t e100-300/suppl3"),
            ("ITU-T EMC-3 (1974) Amd. 1 (01/1978)", "itu-t emc-3/amd1"),
            ("ITU-T H.246 Annex E1 (11/2000)", "itu-t h.246/annexe1"),
            ("ITU-T H.350.1 attachment (08/2003)", "itu-t h.350.1/att"),
            ("ITU-T G.722 (1988) App. IV (11/2009)", "itu-t g.722/appiv"),
            ("ITU-T E.1100 series Suppl. 1 (03/2012)", "itu-t e.1100/suppl1"),
            ("ITU-T SEC-QKD (2020) Cor. 1 (04/2021)", "itu-t sec-qkd/cor1"),
            ("MES-2 (1992) Amd. 1 (01/1999)", "itu-t mes-2/amd1"),
            ("E100-300 Suppl. 4 (10/1984)", "itu-t e100-300/suppl4"),
            ("G 235 (10/1976)", "itu-t g.235"),
        ]);
        let d = DocId::parse("ITU-T A.12 (2008) Cor. 1 (06/2015)").unwrap();
        assert_eq!(d.year, Some(2008));
        assert_eq!(d.supplements[0].year, Some(2015));
        let d = DocId::parse("ITU-T X.509 (10/2019)").unwrap();
        assert_eq!((d.publishers[0].as_str(), d.year), ("ITU-T", Some(2019)));
        assert_eq!(DocId::parse("ITU-R BO.1130-4").unwrap().version.as_deref(), Some("4"));
    }
}
