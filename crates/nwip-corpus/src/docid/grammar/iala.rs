//! IALA: `IALA C0103-1 Ed 3.0`, `IALA G1128 ANNEX A Ed 1.6`, `IALA Recommendation E-200`, and named
//! publications (`IALA heritage-seminar-santander-june-2008`). The edition is the version.

use super::super::cursor::{lower, Cursor};
use super::super::supplements::{one_supplement, read_supplements, Letters};
use super::editions::read_edition;
use super::Body;

/// Kinds of IALA document written before the number.
const KIND_WORDS: &[&str] = &["Recommendation", "Guideline", "Standard", "Manual"];

/// Reads an IALA code or name, its editions and supplements.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let e = cursor.alnum_end(cursor.pos);
    if KIND_WORDS.iter().any(|w| cursor.word_eq(cursor.slice(cursor.pos, e), w))
        && cursor.at(e) == b' '
    {
        cursor.pos = e + 1;
    }
    let a = cursor.pos;
    let mut e = cursor.end_of(a, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    while e > a && matches!(cursor.at(e - 1), b'-' | b'.') {
        e -= 1;
    }
    let t = cursor.slice(a, e);
    if t.is_empty() {
        return None;
    }
    let alpha = t.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let rest = &t[alpha..];
    let is_code = (1..=2).contains(&alpha)
        && rest.first().is_some_and(u8::is_ascii_digit)
        && rest.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'));
    let mut body = Body::default();
    if is_code {
        match t.iter().position(|&b| b == b'-') {
            Some(dash) => {
                body.number = lower(&t[..dash]);
                body.part = Some(lower(&t[dash + 1..]));
            }
            None => body.number = lower(t),
        }
    } else if cursor.catalogue() && t.iter().any(u8::is_ascii_alphabetic) {
        body.number = lower(t);
    } else {
        return None;
    }
    cursor.pos = e;
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
        if one_supplement(cursor, &mut body, true, Letters::Amendments) {
            continue;
        }
        cursor.restore(start);
        break;
    }
    read_supplements(cursor, &mut body, Letters::Amendments);
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;

    #[test]
    fn iala_spellings() {
        check(&[
            ("IALA C1001 Ed 3.1 (E)", "iala c1001"),
            ("IALA C0103-1 Ed 3.0", "iala c0103-1"),
            ("IALA G1128 ANNEX A Ed 1.6", "iala g1128/annexa"),
            ("IALA GA01.01", "iala ga01.01"),
            ("IALA G1045 Annex Ed 1", "iala g1045/annex"),
            (
                "IALA heritage-seminar-santander-june-2008 (E)",
                "iala heritage-seminar-santander-june-2008",
            ),
        ]);
    }
}
