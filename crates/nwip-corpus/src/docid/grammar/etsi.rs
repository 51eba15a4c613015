//! ETSI deliverables: `ETSI EN 300 328 V2.2.2 (2019-11)`, `ETSI GR MEC-DEC 025`, `ETSI ETS 300
//! 011/A1 ed.1 (1994-12)`, `ETSI GTS GSM 01.02`. The deliverable enters the key, an ETS or
//! I-ETS as the EN it became under the same number.

use super::super::cursor::{eq_ci, four_digit_year, lower, upper, Cursor};
use super::super::head::Head;
use super::super::supplements::{read_supplements, Letters};
use super::Body;

/// Reads an ETSI deliverable, number, part, supplements, version and date.
pub(in super::super) fn read(cursor: &mut Cursor, _head: &Head) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let mut e = cursor.alpha_end(a);
    if cursor.at(e) == b'-' && cursor.at(e + 1).is_ascii_alphabetic() {
        e = cursor.alpha_end(e + 1);
    }
    let deliverable = cursor.slice(a, e);
    if deliverable.is_empty() || deliverable.len() > 6 || cursor.at(e) != b' ' {
        return None;
    }
    if cursor.prose() && !deliverable.iter().all(|b| b.is_ascii_uppercase() || *b == b'-') {
        return None;
    }
    let mut body = Body { deliverable: Some(upper(deliverable)), ..Body::default() };
    cursor.pos = e + 1;
    let mut tokens = read_number_tokens(cursor)?;
    if let Some(last) = tokens.last_mut() {
        if let Some(dash) = last.find('-') {
            if last.as_bytes().get(dash + 1).is_some_and(u8::is_ascii_digit) {
                body.part = Some(last[dash + 1..].to_string());
                last.truncate(dash);
            }
        }
    }
    body.number = tokens.join(" ");
    read_supplements(cursor, &mut body, Letters::AmendmentsAndCorrigenda);
    read_version_and_date(cursor, &mut body);
    Some(body)
}

/// The number: up to two groups of digits (`300 328`, `201 026-1`), after at most two words
/// (`MEC-DEC`, `GSM`); None without digits.
fn read_number_tokens(cursor: &mut Cursor) -> Option<Vec<String>> {
    let mut tokens: Vec<String> = Vec::new();
    let mut groups = 0;
    loop {
        let k = cursor.pos;
        let mut te = cursor.end_of(k, |b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'));
        while te > k && matches!(cursor.at(te - 1), b'.' | b'-') {
            te -= 1;
        }
        let t = cursor.slice(k, te);
        if t.is_empty() {
            break;
        }
        let is_version = matches!(t[0], b'V' | b'v') && t.get(1).is_some_and(u8::is_ascii_digit);
        if t[0].is_ascii_digit() {
            let lead = t.iter().take_while(|b| b.is_ascii_digit()).count();
            let gsm = lead == 2 && t.get(2) == Some(&b'.');
            if (cursor.prose() && lead != 3 && !gsm) || (groups == 1 && lead != 3) {
                break;
            }
            tokens.push(lower(t));
            groups += 1;
            cursor.pos = te;
            if groups == 2 || lead != 3 || t.contains(&b'-') {
                break;
            }
        } else if groups == 0
            && tokens.len() < 2
            && !is_version
            && t[0].is_ascii_alphabetic()
            && !eq_ci(t, "ed")
            && (cursor.catalogue() || t.iter().any(u8::is_ascii_uppercase))
        {
            tokens.push(lower(t));
            cursor.pos = te;
        } else {
            break;
        }
        if cursor.peek() == b' ' && cursor.at(cursor.pos + 1).is_ascii_alphanumeric() {
            let next = cursor.token(cursor.pos + 1);
            let next_ok =
                groups == 0 || (next.len() >= 3 && next[..3].iter().all(u8::is_ascii_digit));
            if !next_ok {
                break;
            }
            cursor.pos += 1;
        } else {
            break;
        }
    }
    (groups > 0).then_some(tokens)
}

/// " V2.2.2", " ed.4", " (2019-11)".
fn read_version_and_date(cursor: &mut Cursor, body: &mut Body) {
    loop {
        let start = cursor.checkpoint();
        if cursor.peek() != b' ' {
            return;
        }
        cursor.pos += 1;
        let c = cursor.peek();
        if matches!(c, b'V' | b'v') && cursor.at(cursor.pos + 1).is_ascii_digit() {
            let e = cursor.dotted_digits_end(cursor.pos + 1);
            body.version = Some(lower(cursor.slice(cursor.pos + 1, e)));
            cursor.pos = e;
            continue;
        }
        if eq_ci(cursor.token(cursor.pos), "ed")
            && cursor.at(cursor.pos + 2) == b'.'
            && cursor.at(cursor.pos + 3).is_ascii_digit()
        {
            let de = cursor.digit_end(cursor.pos + 3);
            body.version = Some(format!("ed.{}", lower(cursor.slice(cursor.pos + 3, de))));
            cursor.pos = de;
            continue;
        }
        if c == b'(' {
            let de = cursor.digit_end(cursor.pos + 1);
            let year = four_digit_year(cursor.slice(cursor.pos + 1, de));
            if let Some(year) = year.filter(|_| matches!(cursor.at(de), b'-' | b')')) {
                body.year = Some(year);
                let close = cursor.end_of(de, |b| b != b')').min(de + 8);
                cursor.pos = if cursor.at(close) == b')' { close + 1 } else { de };
                continue;
            }
        }
        cursor.restore(start);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn etsi_spellings() {
        check(&[
            ("ETSI EN 300 328 V2.2.2 (2019-11)", "etsi en 300 328"),
            ("ETSI EN 300 328", "etsi en 300 328"),
            ("ETSI EG 201 026-1 V1.1.1 (1997-07)", "etsi eg 201 026-1"),
            ("ETSI EN 300 019-1-0 V2.1.2 (2003-09)", "etsi en 300 019-1-0"),
            ("ETSI ETS 300 001 ed.4 (1997-01)", "etsi en 300 001"),
            ("ETSI ETR 001 ed.1 (1990-08)", "etsi etr 001"),
            ("ETSI GR ARF 001 V1.1.1 (2019-04)", "etsi gr arf 001"),
            ("ETSI GR MEC-DEC 025 V2.1.1 (2019-06)", "etsi gr mec-dec 025"),
            ("ETSI GS MEC-DEC 032-1 V2.1.1 (2020-12)", "etsi gs mec-dec 032-1"),
            ("ETSI GTS GSM 01.02 V5.0.0 (1996-03)", "etsi gts gsm 01.02"),
            ("ETSI I-ETS 300 003 ed.1 (1991-08)", "etsi en 300 003"),
            ("ETSI ETS 300 011/A1 ed.1 (1994-12)", "etsi en 300 011/amd1"),
            ("ETSI ETS 300 092-1/A1/C1 ed.1 (1994-04)", "etsi en 300 092-1/amd1/cor1"),
            ("ETSI GR mWT 008 V1.1.1 (2018-08)", "etsi gr mwt 008"),
            ("ETSI TS 102 969", "etsi ts 102 969"),
            ("EN 300 328", "etsi en 300 328"),
            ("EN 301 489-1 V2.2.3", "etsi en 301 489-1"),
            ("ETSI TS 123 501 V15.2.0 (2018-06)", "etsi ts 123 501"),
        ]);
        let d = DocId::parse("ETSI EG 201 026-1 V1.1.1 (1997-07)").unwrap();
        assert_eq!((d.number.as_str(), d.part.as_deref()), ("201 026", Some("1")));
        assert_eq!(d.version.as_deref(), Some("1.1.1"));
        assert_eq!(d.year, Some(1997));
    }
}
