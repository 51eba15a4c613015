//! IANA protocol parameter registries: `IANA sip-parameters`, `IANA
//! sip-parameters/sip-parameters-3` (a sub-registry), `IANA _6lowpan-parameters`.

use super::super::cursor::{lower, Cursor};
use super::Body;

/// Reads a registry name and sub-registry.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let mut e =
        cursor.end_of(a, |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'));
    while e > a && matches!(cursor.at(e - 1), b'.' | b'/' | b'-') {
        e -= 1;
    }
    let name = cursor.slice(a, e);
    if name.is_empty() {
        return None;
    }
    // in prose only a registry's name, never a word ("IANA Considerations")
    let registry_like = name.iter().any(|b| matches!(b, b'-' | b'_' | b'/'))
        && !name.iter().any(u8::is_ascii_uppercase);
    if cursor.prose() && !registry_like {
        return None;
    }
    cursor.pos = e;
    Some(Body::numbered(lower(name)))
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};

    #[test]
    fn iana_spellings() {
        check(&[
            ("IANA sip-parameters", "iana sip-parameters"),
            ("IANA sip-parameters/sip-parameters-3", "iana sip-parameters/sip-parameters-3"),
            ("IANA _6lowpan-parameters", "iana _6lowpan-parameters"),
        ]);
        assert_eq!(prose_keys("registered in IANA tls-parameters."), ["iana tls-parameters"]);
        assert!(prose_keys("see the IANA Considerations").is_empty());
    }
}
