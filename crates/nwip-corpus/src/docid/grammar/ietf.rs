//! IETF: `RFC 9110`, `BCP 9`, `STD 97`, `FYI 1`, `IETF RFC 2616`. The series enters the key
//! (`ietf rfc 9110`); leading zeros do not (`STD 0097` is `ietf std 97`).

use super::super::cursor::{is_word, Cursor};
use super::super::head::Head;
use super::Body;

const SERIES: [&str; 4] = ["RFC", "BCP", "STD", "FYI"];

/// Reads an IETF series and number.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    cursor.skip_space();
    let mut deliverable = None;
    if head.deliverable.is_none() {
        let e = cursor.alpha_end(cursor.pos);
        let word = cursor.slice(cursor.pos, e);
        deliverable = Some(SERIES.into_iter().find(|w| cursor.word_eq(word, w))?.to_string());
        cursor.pos = e;
        cursor.skip_space();
    }
    cursor.skip_space();
    let de = cursor.digit_end(cursor.pos);
    if de == cursor.pos || is_word(cursor.at(de)) {
        return None;
    }
    let digits = std::str::from_utf8(cursor.slice(cursor.pos, de)).ok()?;
    let number = match digits.trim_start_matches('0') {
        "" => "0",
        number => number,
    };
    cursor.pos = de;
    Some(Body { deliverable, ..Body::numbered(number.to_string()) })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};

    #[test]
    fn ietf_spellings() {
        check(&[
            ("RFC 2616", "ietf rfc 2616"),
            ("RFC 9110", "ietf rfc 9110"),
            ("RFC9110", "ietf rfc 9110"),
            ("IETF RFC 2616", "ietf rfc 2616"),
            ("BCP 9", "ietf bcp 9"),
            ("STD 97", "ietf std 97"),
            ("STD 0097", "ietf std 97"),
            ("FYI 1", "ietf fyi 1"),
        ]);
        assert_eq!(prose_keys("per RFC 2616, HTTP"), ["ietf rfc 2616"]);
        assert_eq!(
            prose_keys("RFC 9110 obsoletes RFC 7231 (see BCP 14)"),
            ["ietf rfc 9110", "ietf rfc 7231", "ietf bcp 14"]
        );
    }
}
