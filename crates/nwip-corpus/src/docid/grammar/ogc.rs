//! OGC: `OGC 12-128r12`, and in catalogues the bare `01-013r1`. The revision (`r12`) is the
//! version.

use super::super::cursor::{is_word, lower, Cursor};
use super::Body;

/// Reads an OGC document number and revision.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let de = cursor.digit_end(a);
    if de - a != 2 || cursor.at(de) != b'-' {
        return None;
    }
    let de2 = cursor.digit_end(de + 1);
    if de2 - (de + 1) < 3 {
        return None;
    }
    let mut body = Body::numbered(lower(cursor.slice(a, de2)));
    cursor.pos = de2;
    if matches!(cursor.peek(), b'r' | b'R') && cursor.at(cursor.pos + 1).is_ascii_digit() {
        let mut e = cursor.digit_end(cursor.pos + 1);
        if cursor.at(e).is_ascii_lowercase() && !is_word(cursor.at(e + 1)) {
            e += 1;
        }
        body.version = Some(lower(cursor.slice(cursor.pos, e)));
        cursor.pos = e;
    } else if cursor.peek().is_ascii_lowercase()
        && !is_word(cursor.at(cursor.pos + 1))
        && cursor.catalogue()
    {
        body.version = Some(lower(&[cursor.peek()]));
        cursor.pos += 1;
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn ogc_spellings() {
        check(&[
            ("OGC 12-128r12", "ogc 12-128"),
            ("01-013r1", "ogc 01-013"),
            ("00-028", "ogc 00-028"),
            ("11-038R2", "ogc 11-038"),
        ]);
        assert_eq!(DocId::parse("OGC 12-128r12").unwrap().version.as_deref(), Some("r12"));
    }
}
