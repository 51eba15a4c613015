//! CalConnect: `CC/S 0903:2009` (a standard), `CC/A 0812-1:2008`, `CC/R 0602:2006`, `CC/Adv
//! 0514:2005`, `CC/DIR 10001:2019`, drafts `CC/CD 51002:2025`, `CC/WD 24229:2022`, `CC/FDS
//! 10010:2019`, and `CC 0606:2006`. The kind of document and the stage do not enter the key
//! (`calconnect 0903`): a draft keeps its number when it becomes a standard.

use std::sync::OnceLock;

use crate::registry::{self, Organisation};

use super::super::cursor::{is_word, lower, upper, Cursor};
use super::{colon_year, Body};

/// Kinds of CalConnect document.
const KINDS: &[&str] = &["S", "A", "R", "Adv", "DIR"];

fn calconnect() -> &'static Organisation {
    static CALCONNECT: OnceLock<&'static Organisation> = OnceLock::new();
    CALCONNECT.get_or_init(|| {
        registry::organisation_of_publisher("CALCONNECT").expect("CalConnect is in the registry")
    })
}

/// Reads the kinds and stages after "CC", the number, parts and year.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    let mut body = Body::default();
    while cursor.peek() == b'/' {
        let k = cursor.pos + 1;
        let e = cursor.alpha_end(k);
        let word = cursor.slice(k, e);
        if let Some(kind) = KINDS.iter().find(|kind| cursor.word_eq(word, kind)) {
            body.deliverable = Some(upper(kind.as_bytes()));
        } else {
            let stage =
                std::str::from_utf8(word).ok().and_then(|w| calconnect().identifier_stage(w))?;
            body.draft = Some(stage.word.to_string());
        }
        cursor.pos = e;
    }
    cursor.skip_space();
    let a = cursor.pos;
    let de = cursor.digit_end(a);
    if de - a < 4 || is_word(cursor.at(de)) {
        return None;
    }
    body.number = lower(cursor.slice(a, de));
    cursor.pos = de;
    if cursor.peek() == b'-' && cursor.at(cursor.pos + 1).is_ascii_digit() {
        let end = cursor.digit_end(cursor.pos + 1);
        if !is_word(cursor.at(end)) {
            body.part = Some(lower(cursor.slice(cursor.pos + 1, end)));
            cursor.pos = end;
        }
    }
    colon_year(cursor, &mut body);
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn calconnect_spellings() {
        check(&[
            ("CC/S 0903:2009", "calconnect 0903"),
            ("CC/A 0812-1:2008", "calconnect 0812-1"),
            ("CC/R 0602:2006", "calconnect 0602"),
            ("CC 0606:2006", "calconnect 0606"),
            ("CC/Adv 0514:2005", "calconnect 0514"),
            ("CC/DIR 10001:2019", "calconnect 10001"),
            ("CC/CD 51002:2025", "calconnect 51002"),
            ("CC/WD 24229:2022", "calconnect 24229"),
            ("CC/FDS 10010:2019", "calconnect 10010"),
        ]);
        let d = DocId::parse("CC/CD 51002:2025").unwrap();
        assert_eq!((d.draft.as_deref(), d.year), (Some("CD"), Some(2025)));
        assert_eq!(DocId::parse("CC/S 0903:2009").unwrap().deliverable.as_deref(), Some("S"));
    }
}
