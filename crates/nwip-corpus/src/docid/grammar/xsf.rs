//! XSF: XMPP Extension Protocols, `XEP 0001` and `XEP-0001` (`xsf xep 0001`).

use super::super::cursor::{is_word, lower, Cursor};
use super::super::head::Head;
use super::Body;

/// Reads an XEP number.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    let mut deliverable = None;
    if head.deliverable.is_none() {
        cursor.skip_space();
        let e = cursor.alpha_end(cursor.pos);
        if !cursor.word_eq(cursor.slice(cursor.pos, e), "XEP") {
            return None;
        }
        deliverable = Some("XEP".to_string());
        cursor.pos = e;
    }
    if matches!(cursor.peek(), b' ' | b'-') {
        cursor.pos += 1;
    }
    let de = cursor.digit_end(cursor.pos);
    if de == cursor.pos || is_word(cursor.at(de)) {
        return None;
    }
    let number = lower(cursor.slice(cursor.pos, de));
    cursor.pos = de;
    Some(Body { deliverable, ..Body::numbered(number) })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};
    use super::super::super::DocId;

    #[test]
    fn xep_spellings() {
        check(&[
            ("XEP 0001", "xsf xep 0001"),
            ("XEP-0001", "xsf xep 0001"),
            ("XSF XEP 0045", "xsf xep 0045"),
        ]);
        assert_eq!(prose_keys("as XEP-0030 (Service Discovery) says"), ["xsf xep 0030"]);
        assert!(DocId::parse("XEP README").is_none());
    }
}
