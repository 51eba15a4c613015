//! OIML: `OIML R 76-1:2006`, `OIML B 10:2011+Amendment:2012 (E)`, `OIML G 1-GUM 1:2023`,
//! `OIML Bulletin 1960-01-01`. The series letter (R, D, B, G, V...) enters the key.

use super::super::cursor::{eq_ci, lower, upper, Cursor};
use super::super::head::Head;
use super::iso::{self, Options};
use super::Body;

/// Reads an OIML series letter and an ISO-like number, or a Bulletin.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    cursor.skip_space();
    let e = cursor.alpha_end(cursor.pos);
    let word = cursor.slice(cursor.pos, e);
    if eq_ci(word, "Bulletin") && cursor.catalogue() {
        cursor.pos = e;
        cursor.skip_space();
        let a = cursor.pos;
        let k = cursor.end_of(a, |b| b.is_ascii_digit() || b == b'-');
        if k == a {
            return None;
        }
        cursor.pos = k;
        let number = lower(cursor.slice(a, k));
        return Some(Body { deliverable: Some("Bulletin".into()), ..Body::numbered(number) });
    }
    if word.len() != 1 || (cursor.prose() && !word[0].is_ascii_uppercase()) || cursor.at(e) != b' '
    {
        return None;
    }
    cursor.pos = e;
    let options = Options { oiml_suffixes: true, ..Options::default() };
    let body = iso::read(cursor, head, options)?;
    Some(Body { deliverable: Some(upper(word)), ..body })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;

    #[test]
    fn oiml_spellings() {
        check(&[
            ("OIML R 76-1:2006", "oiml r 76-1"),
            ("OIML B 10:2011+Amendment:2012 (E)", "oiml b 10/amd"),
            ("OIML R 104:1997 Annex F (E)", "oiml r 104/annexf"),
            ("OIML R 126-erratum:2012 (S)", "oiml r 126/err"),
            ("OIML G 1-GUM 1:2023 (E)", "oiml g 1-gum-1"),
            ("OIML R 137-1-2:2012", "oiml r 137-1-2"),
            ("OIML Bulletin 1960-01-01", "oiml bulletin 1960-01-01"),
        ]);
    }
}
