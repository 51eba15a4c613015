//! Codex Alimentarius: `CXS 1-1985` (standards), `CXG 2-1985` (guidelines), `CXC 1-1969` (codes of
//! practice), `CXA 4-1989` (miscellaneous texts), `CXM 2` (MRLs), regional texts with R (`CXS
//! 40R-1981`), and the spellings before 2018 (`CODEX STAN 1-1985`, `CAC/GL 2-1985`, `CAC/RCP
//! 1-1969`) from the registry. The year is that of adoption; the key is `codex cxs 1`.

use super::super::cursor::{four_digit_year, is_word, lower, Cursor};
use super::super::head::Head;
use super::Body;

const SERIES: [&str; 5] = ["CXS", "CXG", "CXC", "CXA", "CXM"];

/// Reads a Codex series, number, regional mark and year.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    let mut deliverable = None;
    if head.deliverable.is_none() {
        cursor.skip_space();
        let e = cursor.alnum_end(cursor.pos);
        let word = cursor.slice(cursor.pos, e);
        deliverable = Some(SERIES.into_iter().find(|w| cursor.word_eq(word, w))?.to_string());
        cursor.pos = e;
    }
    cursor.skip_space();
    let a = cursor.pos;
    let de = cursor.digit_end(a);
    if de == a {
        return None;
    }
    // "40R": a regional text
    let end = if matches!(cursor.at(de), b'R' | b'r') && !is_word(cursor.at(de + 1)) {
        de + 1
    } else {
        de
    };
    if is_word(cursor.at(end)) {
        return None;
    }
    let mut body = Body { deliverable, ..Body::numbered(lower(cursor.slice(a, end))) };
    cursor.pos = end;
    if cursor.peek() == b'-' {
        let ye = cursor.digit_end(cursor.pos + 1);
        if let Some(year) = four_digit_year(cursor.slice(cursor.pos + 1, ye)) {
            if !is_word(cursor.at(ye)) {
                body.year = Some(year);
                cursor.pos = ye;
            }
        }
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};
    use super::super::super::DocId;

    #[test]
    fn codex_spellings() {
        check(&[
            ("CXS 1-1985", "codex cxs 1"),
            ("CXG 2-1985", "codex cxg 2"),
            ("CXC 1-1969", "codex cxc 1"),
            ("CXA 4-1989", "codex cxa 4"),
            ("CXM 2", "codex cxm 2"),
            ("CXS 40R-1981", "codex cxs 40r"),
            ("CXC 76R-2017", "codex cxc 76r"),
            ("CODEX STAN 1-1985", "codex cxs 1"),
            ("CAC/GL 2-1985", "codex cxg 2"),
            ("CAC/RCP 1-1969", "codex cxc 1"),
            ("Codex CXS 1", "codex cxs 1"),
        ]);
        let d = DocId::parse("CXS 1-1985").unwrap();
        assert_eq!((d.publishers[0].as_str(), d.year), ("CODEX", Some(1985)));
        assert_eq!(
            prose_keys("labelling as required by CODEX STAN 1-1985 and CXG 2-1985"),
            ["codex cxs 1", "codex cxg 2"]
        );
    }
}
