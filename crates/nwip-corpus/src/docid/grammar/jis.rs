//! JIS: `JIS A 1148:2010`, `JIS C 0364-2-21:1999`, `JIS Z 8210:2017 SYMBOL 51100`. The division
//! letter belongs to the number (`jis a 1148`): numbers repeat across divisions.

use super::super::cursor::{is_word, lower, Cursor};
use super::super::head::Head;
use super::super::Supplement;
use super::iso::{self, Options};
use super::Body;

/// Reads a JIS division and number with the ISO-like grammar; a graphical symbol of JIS Z 8210
/// is a supplement of it.
pub(in super::super) fn read(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    cursor.skip_space();
    if !(cursor.peek().is_ascii_alphabetic() && cursor.at(cursor.pos + 1) == b' ') {
        return None;
    }
    let mut body = iso::read(cursor, head, Options { series_letter: true, ..Options::default() })?;
    if !body.number.contains(' ') {
        return None;
    }
    // " SYMBOL 51100", and "/symbol51100" in a key
    let separator = cursor.peek();
    let word_end = cursor.alpha_end(cursor.pos + 1);
    let is_symbol = matches!(separator, b' ' | b'/')
        && cursor.word_eq(cursor.slice(cursor.pos + 1, word_end), "SYMBOL");
    if is_symbol {
        let k = if cursor.at(word_end) == b' ' { word_end + 1 } else { word_end };
        let de = cursor.digit_end(k);
        if de > k && !is_word(cursor.at(de)) {
            let number = Some(lower(cursor.slice(k, de)));
            body.supplements.push(Supplement { kind: "symbol".into(), number, year: None });
            cursor.pos = de;
        }
    }
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};
    use super::super::super::DocId;

    #[test]
    fn jis_spellings() {
        check(&[
            ("JIS A 1148:2010", "jis a 1148"),
            ("JIS A 0001:1999", "jis a 0001"),
            ("JIS C 0364-2-21:1999", "jis c 0364-2-21"),
            ("JIS B 0002-1:1998", "jis b 0002-1"),
            ("JIS Z 8210:2017 SYMBOL 51100", "jis z 8210/symbol51100"),
            ("JIS Q 9001:2015", "jis q 9001"),
        ]);
        let d = DocId::parse("JIS A 1148:2010").unwrap();
        assert_eq!(
            (d.publishers[0].as_str(), d.number.as_str(), d.year),
            ("JIS", "a 1148", Some(2010))
        );
        assert_eq!(
            prose_keys("tested to JIS A 1148:2010 and JIS Z 8101-1"),
            ["jis a 1148", "jis z 8101-1"]
        );
    }
}
