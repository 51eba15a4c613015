//! W3C: `W3C CR-css-backgrounds-3-20171017`, `W3C REC-xml-19980210`. The maturity prefix (from
//! W3C's stage vocabulary in the registry) and the date are dropped from the key.

use std::sync::OnceLock;

use crate::registry::{self, Organisation};

use super::super::cursor::{digits_value, lower, Cursor};
use super::Body;

fn w3c() -> &'static Organisation {
    static W3C: OnceLock<&'static Organisation> = OnceLock::new();
    W3C.get_or_init(|| registry::organisation_of_publisher("W3C").expect("W3C is in the registry"))
}

/// Reads a W3C short name with its maturity prefix and date.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let mut e = cursor.end_of(a, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'));
    while e > a && matches!(cursor.at(e - 1), b'-' | b'.' | b'_') {
        e -= 1;
    }
    let mut name = cursor.slice(a, e);
    let mut body = Body::default();
    let mut matured = false;
    if let Some(dash) = name.iter().position(|&b| b == b'-') {
        let prefix = std::str::from_utf8(&name[..dash]).unwrap_or_default();
        // maturity prefixes are upper-case ("CR-", "REC-")
        let stage = w3c().identifier_stage(prefix).filter(|stage| stage.word == prefix);
        if let Some(stage) = stage {
            if stage.lifecycle.is_ongoing() {
                body.draft = Some(stage.word.to_string());
            }
            name = &name[dash + 1..];
            matured = true;
        }
    }
    if cursor.prose() && !matured {
        return None;
    }
    if let Some(dash) = name.iter().rposition(|&b| b == b'-') {
        let date = &name[dash + 1..];
        if (date.len() == 8 || date.len() == 6) && date.iter().all(u8::is_ascii_digit) {
            body.year = if date.len() == 8 {
                digits_value(&date[..4]).map(|v| v as u16)
            } else {
                digits_value(&date[..2]).map(|v| {
                    if v >= 50 {
                        1900 + v as u16
                    } else {
                        2000 + v as u16
                    }
                })
            };
            body.version = Some(lower(date));
            name = &name[..dash];
        }
    }
    if name.is_empty() {
        return None;
    }
    body.number = lower(name);
    cursor.pos = e;
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::DocId;

    #[test]
    fn w3c_spellings() {
        check(&[
            ("W3C CR-css-backgrounds-3-20171017", "w3c css-backgrounds-3"),
            ("W3C REC-xml-19980210", "w3c xml"),
            ("W3C NOTE-MCF-XML-970624", "w3c mcf-xml"),
            ("W3C css-2010", "w3c css-2010"),
            ("W3C WD-html5-20090825", "w3c html5"),
        ]);
        let w = DocId::parse("W3C CR-css-backgrounds-3-20171017").unwrap();
        assert_eq!((w.draft.as_deref(), w.year), (Some("CR"), Some(2017)));
        assert!(!DocId::parse("W3C REC-xml-19980210").unwrap().is_draft());
    }
}
