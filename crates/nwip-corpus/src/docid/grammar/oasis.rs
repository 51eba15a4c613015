//! OASIS: `OASIS csaf-v2.0-CS01`, `OASIS OSLC-AM-3.0-Part1-PS01`, `OASIS STIX-v1.2.1-Core-CS01-Pt3`.
//! Versions and stages (from OASIS's stage vocabulary in the registry) are dropped from the key.

use std::sync::OnceLock;

use crate::registry::{self, Organisation};

use super::super::cursor::{eq_ci, lower, Cursor};
use super::Body;

fn oasis() -> &'static Organisation {
    static OASIS: OnceLock<&'static Organisation> = OnceLock::new();
    OASIS.get_or_init(|| {
        registry::organisation_of_publisher("OASIS").expect("OASIS is in the registry")
    })
}

/// Reads an OASIS name, version, stage and part.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let e = cursor.end_of(a, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'));
    let mut body = Body::default();
    let mut name: Vec<String> = Vec::new();
    for token in cursor.slice(a, e).split(|&b| b == b'-').filter(|t| !t.is_empty()) {
        let core = token.strip_prefix(b"v").or_else(|| token.strip_prefix(b"V")).unwrap_or(token);
        let is_version = !core.is_empty()
            && core[0].is_ascii_digit()
            && core.contains(&b'.')
            && core.iter().all(|b| b.is_ascii_digit() || *b == b'.');
        if is_version {
            body.version = Some(lower(core));
            continue;
        }
        let alpha = token.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let (word, number) = token.split_at(alpha);
        if !number.is_empty() && number.iter().all(u8::is_ascii_digit) && alpha > 0 {
            let stage = std::str::from_utf8(word).ok().and_then(|w| oasis().identifier_stage(w));
            if let Some(stage) = stage {
                if stage.lifecycle.is_ongoing() {
                    body.draft = Some(stage.word.to_string());
                }
                continue;
            }
            if eq_ci(word, "part") || eq_ci(word, "pt") {
                body.part = Some(lower(number));
                continue;
            }
        }
        name.push(lower(token));
    }
    if name.is_empty() {
        return None;
    }
    body.number = name.join("-");
    cursor.pos = e;
    Some(body)
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;

    #[test]
    fn oasis_spellings() {
        check(&[
            ("OASIS OSLC-AM-3.0-Part1-PS01", "oasis oslc-am-1"),
            ("OASIS csaf-v2.0-CS01", "oasis csaf"),
            ("OASIS UBL-2.1", "oasis ubl"),
            ("OASIS STIX-v1.2.1-Core-CS01-Pt3", "oasis stix-core-3"),
        ]);
    }
}
