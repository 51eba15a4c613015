//! CIE: `CIE S 009/E:2002`, `CIE 015:2018` (and `CIE 15:2004`: leading zeros do not count),
//! `CIE 001-1980`, `CIE 018.2-1983`, `CIE 170-1:2006`, `CIE DIS 017/E:2016`, `CIE x048-PO03`,
//! conference papers `CIE PO01 404-407`. Joint standards with ISO (`CIE ISO 11664-1`) are
//! ISO's numbers, read by the ISO grammar.

use super::super::cursor::{four_digit_year, is_word, lower, Cursor};
use super::super::head::Head;
use super::super::supplements::{read_supplements, Letters};
use super::{colon_year, Body};

/// Reads a CIE publication.
pub(in super::super) fn read(cursor: &mut Cursor, _head: &Head) -> Option<Body> {
    let mut body = Body::default();
    cursor.skip_space();
    if cursor.word_at(cursor.pos, "DIS") {
        body.draft = Some("DIS".to_string());
        cursor.pos += 4;
    }
    // "S 009": a standard
    if cursor.word_eq(cursor.token(cursor.pos), "S") && cursor.at(cursor.pos + 2).is_ascii_digit() {
        body.deliverable = Some("S".to_string());
        cursor.pos += 2;
    }
    let a = cursor.pos;
    let e = cursor.alnum_end(a);
    let token = cursor.slice(a, e);
    if token.is_empty() || !token.iter().any(u8::is_ascii_digit) {
        return None;
    }
    if cursor.prose() && !(token[0].is_ascii_digit() || token[0].is_ascii_uppercase()) {
        return None;
    }
    let digits_only = token.iter().all(u8::is_ascii_digit);
    let mut number = if digits_only { strip_zeros(&lower(token)) } else { lower(token) };
    cursor.pos = e;
    loop {
        let c = cursor.peek();
        let next = cursor.at(cursor.pos + 1);
        if c == b'.' && next.is_ascii_digit() {
            // "018.2": a sub-number
            let de = cursor.digit_end(cursor.pos + 1);
            number.push_str(&lower(cursor.slice(cursor.pos, de)));
            cursor.pos = de;
        } else if c == b'/'
            && matches!(next, b'E' | b'F' | b'G')
            && !is_word(cursor.at(cursor.pos + 2))
        {
            // "/E": the language edition
            cursor.pos += 2;
        } else if c == b'/' && next.is_ascii_digit() && cursor.catalogue() {
            // "146/147", "19/2.1": joint numbers
            let end = cursor.dotted_digits_end(cursor.pos + 1);
            number.push_str(&lower(cursor.slice(cursor.pos, end)));
            cursor.pos = end;
        } else if c == b'-' && next.is_ascii_alphanumeric() {
            let end = cursor.alnum_end(cursor.pos + 1);
            let segment = cursor.slice(cursor.pos + 1, end);
            match four_digit_year(segment).filter(|_| !is_word(cursor.at(end))) {
                Some(year) => body.year = Some(year),
                None => match &mut body.part {
                    Some(part) => {
                        part.push('-');
                        part.push_str(&lower(segment));
                    }
                    None => body.part = Some(lower(segment)),
                },
            }
            cursor.pos = end;
        } else {
            break;
        }
    }
    if !digits_only && token[0].is_ascii_alphabetic() && cursor.catalogue() {
        read_pages(cursor, &mut number);
    }
    body.number = number;
    colon_year(cursor, &mut body);
    read_supplements(cursor, &mut body, Letters::Amendments);
    Some(body)
}

/// Pages of a conference paper: " 404-407", " Pages 224-229".
fn read_pages(cursor: &mut Cursor, number: &mut String) {
    let start = cursor.checkpoint();
    if cursor.peek() != b' ' {
        return;
    }
    cursor.pos += 1;
    if cursor.word_at(cursor.pos, "Pages") {
        cursor.pos += 6;
    }
    let a = cursor.pos;
    let end = cursor.end_of(a, |b| b.is_ascii_digit() || b == b'-');
    if end == a || is_word(cursor.at(end)) {
        cursor.restore(start);
        return;
    }
    number.push(' ');
    number.push_str(&lower(cursor.slice(a, end)));
    cursor.pos = end;
}

fn strip_zeros(digits: &str) -> String {
    match digits.trim_start_matches('0') {
        "" => "0".to_string(),
        stripped => stripped.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn cie_spellings() {
        check(&[
            ("CIE S 009:2002", "cie s 9"),
            ("CIE S 009/E:2002", "cie s 9"),
            ("CIE S 008/E:2001", "cie s 8"),
            ("CIE S 014-1/E:2006", "cie s 14-1"),
            ("CIE 015:2018", "cie 15"),
            ("CIE 15:2004", "cie 15"),
            ("CIE 001-1980", "cie 1"),
            ("CIE 018.2-1983", "cie 18.2"),
            ("CIE 170-1:2006", "cie 170-1"),
            ("CIE DIS 017/E:2016", "cie 17"),
            ("CIE x048-PO03", "cie x048-po03"),
            ("CIE x019:2001", "cie x019"),
            ("CIE PO01 404-407", "cie po01 404-407"),
            ("CIE PO05 Pages 224-229", "cie po05 224-229"),
            ("CIE 146/147:2002", "cie 146/147"),
            ("CIE D001-2006", "cie d001"),
            ("CIE ISO 11664-1:2019", "iso 11664-1"),
        ]);
        let d = DocId::parse("CIE 001-1980").unwrap();
        assert_eq!(d.year, Some(1980));
        assert_eq!(DocId::parse("CIE DIS 017/E:2016").unwrap().draft.as_deref(), Some("DIS"));
        assert_eq!(DocId::parse("CIE ISO 11664-1:2019").unwrap().publishers, ["CIE", "ISO"]);
    }
}
