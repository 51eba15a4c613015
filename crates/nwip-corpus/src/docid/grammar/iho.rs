//! IHO: `IHO S-100 Edition 5.0.0`, and in catalogues the bare `S-100`, `B-10`, `S-65 Ap. A`,
//! `P-1/21`, `S-158:100`. The edition is the version.

use super::super::cursor::{is_word, lower, Cursor};
use super::super::supplements::{read_supplements, Letters};
use super::super::Supplement;
use super::editions::read_edition;
use super::Body;

/// Reads an IHO publication, its part, editions, appendices and supplements.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let c = cursor.peek();
    if !c.is_ascii_alphabetic() || cursor.at(a + 1) != b'-' || !cursor.at(a + 2).is_ascii_digit() {
        return None;
    }
    if cursor.prose() && !c.is_ascii_uppercase() {
        return None;
    }
    let mut e = cursor.digit_end(a + 2);
    if cursor.at(e).is_ascii_alphabetic() && !is_word(cursor.at(e + 1)) {
        e += 1;
    }
    let mut body = Body::numbered(lower(cursor.slice(a, e)));
    cursor.pos = e;
    if matches!(cursor.peek(), b':' | b'/' | b'-') && cursor.at(cursor.pos + 1).is_ascii_digit() {
        let de = cursor.digit_end(cursor.pos + 1);
        if !is_word(cursor.at(de)) {
            body.part = Some(lower(cursor.slice(cursor.pos + 1, de)));
            cursor.pos = de;
        }
    }
    loop {
        let start = cursor.checkpoint();
        if cursor.peek() != b' ' {
            break;
        }
        cursor.pos += 1;
        if let Some(edition) = read_edition(cursor) {
            body.version = Some(edition);
            continue;
        }
        if let Some(appendix) = read_appendix(cursor) {
            body.supplements.push(appendix);
            continue;
        }
        cursor.restore(start);
        break;
    }
    read_supplements(cursor, &mut body, Letters::Amendments);
    Some(body)
}

/// "Ap. A", "Appendix 1" (catalogues only).
fn read_appendix(cursor: &mut Cursor) -> Option<Supplement> {
    let e = cursor.alnum_end(cursor.pos);
    let word = cursor.slice(cursor.pos, e);
    if !cursor.catalogue() || !(cursor.word_eq(word, "Ap") || cursor.word_eq(word, "Appendix")) {
        return None;
    }
    let mut k = e;
    if cursor.at(k) == b'.' {
        k += 1;
    }
    if cursor.at(k) == b' ' {
        k += 1;
    }
    let end = cursor.alnum_end(k);
    if end == k {
        return None;
    }
    cursor.pos = end;
    Some(Supplement { kind: "app".into(), number: Some(lower(cursor.slice(k, end))), year: None })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;

    #[test]
    fn iho_spellings() {
        check(&[
            ("B-10", "iho b-10"),
            ("S-5A", "iho s-5a"),
            ("S-65 Ap. A", "iho s-65/appa"),
            ("P-1/21", "iho p-1-21"),
            ("S-158:100", "iho s-158-100"),
            ("IHO S-100 Edition 5.0.0", "iho s-100"),
        ]);
    }
}
