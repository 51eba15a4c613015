//! Ecma: `ECMA-262`, `ECMA-418-1`, `ECMA TR/101`, `ECMA MEM/1962`.

use super::super::cursor::{is_word, lower, Cursor};
use super::Body;

/// Reads an Ecma standard number and parts, or a technical report or memento.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    let c = cursor.peek();
    if !matches!(c, b'-' | b' ') {
        return None;
    }
    let k = cursor.pos + 1;
    if cursor.at(k).is_ascii_digit() {
        let de = cursor.digit_end(k);
        let mut body = Body::numbered(lower(cursor.slice(k, de)));
        cursor.pos = de;
        let mut parts = Vec::new();
        while cursor.peek() == b'-' && cursor.at(cursor.pos + 1).is_ascii_digit() {
            let de = cursor.digit_end(cursor.pos + 1);
            if is_word(cursor.at(de)) {
                break;
            }
            parts.push(lower(cursor.slice(cursor.pos + 1, de)));
            cursor.pos = de;
        }
        if !parts.is_empty() {
            body.part = Some(parts.join("-"));
        }
        return Some(body);
    }
    if c != b' ' {
        return None;
    }
    let e = cursor.alpha_end(k);
    let word = cursor.slice(k, e);
    let deliverable = ["TR", "MEM"].into_iter().find(|w| cursor.word_eq(word, w))?;
    if !matches!(cursor.at(e), b'/' | b' ') || !cursor.at(e + 1).is_ascii_digit() {
        return None;
    }
    let de = cursor.digit_end(e + 1);
    cursor.pos = de;
    let number = lower(cursor.slice(e + 1, de));
    Some(Body { deliverable: Some(deliverable.to_string()), ..Body::numbered(number) })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;

    #[test]
    fn ecma_spellings() {
        check(&[
            ("ECMA-262", "ecma 262"),
            ("ECMA-418-1", "ecma 418-1"),
            ("ECMA TR/101", "ecma tr 101"),
            ("ECMA MEM/1962", "ecma mem 1962"),
        ]);
    }
}
