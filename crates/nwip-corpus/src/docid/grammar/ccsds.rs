//! CCSDS: `CCSDS 121.0-B-1 Cor. 1`, `CCSDS 650.0-B-1 - French Translated`. The book colour
//! (B, G, M, R, Y...) is the deliverable and the issue the version; neither enters the key.

use super::super::cursor::{lower, upper, Cursor};
use super::super::supplements::{read_supplements, Letters};
use super::Body;

/// Reads a CCSDS document number, book colour, issue and supplements.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let ae = cursor.alnum_end(a);
    if ae == a || cursor.at(ae) != b'.' || !cursor.at(ae + 1).is_ascii_digit() {
        return None;
    }
    let e = cursor.digit_end(ae + 1);
    let mut body = Body::numbered(lower(cursor.slice(a, e)));
    cursor.pos = e;
    if cursor.peek() == b'-'
        && cursor.at(cursor.pos + 1).is_ascii_alphabetic()
        && !cursor.at(cursor.pos + 2).is_ascii_alphanumeric()
    {
        body.deliverable = Some(upper(&[cursor.at(cursor.pos + 1)]));
        cursor.pos += 2;
        if cursor.peek() == b'-' && cursor.at(cursor.pos + 1).is_ascii_digit() {
            let k = cursor.pos + 1;
            let mut e = cursor.dotted_digits_end(k);
            if cursor.at(e).is_ascii_lowercase() && !cursor.at(e + 1).is_ascii_alphanumeric() {
                e += 1;
            }
            body.version = Some(lower(cursor.slice(k, e)));
            cursor.pos = e;
        }
        if cursor.peek() == b'-'
            && matches!(cursor.at(cursor.pos + 1), b'S' | b's')
            && !cursor.at(cursor.pos + 2).is_ascii_alphanumeric()
        {
            cursor.pos += 2;
        }
    }
    read_supplements(cursor, &mut body, Letters::Amendments);
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn ccsds_spellings() {
        check(&[
            ("CCSDS 100.0-G-1-S", "ccsds 100.0"),
            ("CCSDS 121.0-B-1 Cor. 1", "ccsds 121.0/cor1"),
            ("CCSDS A02.1-Y-4 Cor. 1", "ccsds a02.1/cor1"),
            ("CCSDS 650.0-B-1 - French Translated", "ccsds 650.0"),
            ("CCSDS 912.1-R-1.99h", "ccsds 912.1"),
            ("CCSDS 401.0-B", "ccsds 401.0"),
        ]);
        let c = DocId::parse("CCSDS 100.0-G-1-S").unwrap();
        assert_eq!((c.deliverable.as_deref(), c.version.as_deref()), (Some("G"), Some("1")));
    }
}
