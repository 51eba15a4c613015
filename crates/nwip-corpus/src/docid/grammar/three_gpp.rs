//! 3GPP specifications: `3GPP TS 23.501:REL-19/19.5.0`, older `3GPP TS 01.02:R96/5.0.0` (the
//! same record as `...:REL-96/5.0.0`), `3GPP TR 00.01U:UMTS/3.0.0`, `3GPP TS 01.02dcs:Ph1-DCS/
//! 3.0.0`, and in prose `3GPP TS 23.501 V16.0.0` or `3GPP TS 23.501 version 16.6.0 Release 16`.
//!
//! The key is the specification (`3gpp ts 23.501`); the version (`19.5.0`) and the release
//! (`Rel-19`) are fields. Versions 0.x.y, 1.x.y and 2.x.y are drafts: a working draft, a draft
//! presented for information, a draft presented for approval (3GPP's stage vocabulary in the
//! registry); 3.0.0 and up are approved.

use super::super::cursor::{digits_value, eq_ci, is_word, lower, upper, Cursor};
use super::super::head::Head;
use super::Body;

/// Reads a 3GPP specification, release and version.
pub(in super::super) fn read(cursor: &mut Cursor, _head: &Head) -> Option<Body> {
    cursor.skip_space();
    let a = cursor.pos;
    let e = cursor.alpha_end(a);
    let deliverable = cursor.slice(a, e);
    let is_deliverable = cursor.word_eq(deliverable, "TS") || cursor.word_eq(deliverable, "TR");
    if !is_deliverable || cursor.at(e) != b' ' {
        return None;
    }
    let mut body = Body { deliverable: Some(upper(deliverable)), ..Body::default() };
    cursor.pos = e + 1;
    read_specification_number(cursor, &mut body)?;
    if cursor.peek() == b':' {
        // the release, up to the version: ":REL-19/", ":Release 2000/"
        let start = cursor.pos + 1;
        let end = cursor.end_of(start, |b| b != b'/');
        if cursor.at(end) == b'/' && end - start <= 12 {
            body.release = release(cursor.slice(start, end));
            cursor.pos = end;
        }
    }
    if cursor.peek() == b'/' && cursor.at(cursor.pos + 1).is_ascii_digit() {
        let start = cursor.pos + 1;
        let end = cursor.dotted_digits_end(start);
        body.version = Some(lower(cursor.slice(start, end)));
        cursor.pos = end;
    }
    read_prose_version_and_release(cursor, &mut body);
    body.draft = body.version.as_deref().and_then(draft_stage).map(str::to_string);
    Some(body)
}

/// `23.501`, `00.01U`, `01.02dcs`, `29.198-4-1`: number and part.
fn read_specification_number(cursor: &mut Cursor, body: &mut Body) -> Option<()> {
    let a = cursor.pos;
    let series_end = cursor.digit_end(a);
    if series_end - a != 2 || cursor.at(series_end) != b'.' {
        return None;
    }
    let number_end = cursor.digit_end(series_end + 1);
    if number_end - (series_end + 1) < 2 {
        return None;
    }
    // a variant suffix: "00.01U", "01.02dcs", "03.20ext"
    let suffix_end = cursor.alpha_end(number_end);
    let end = if suffix_end - number_end <= 3 && !cursor.at(suffix_end).is_ascii_digit() {
        suffix_end
    } else {
        number_end
    };
    if cursor.prose()
        && end > number_end
        && !cursor.slice(number_end, end).iter().all(u8::is_ascii_uppercase)
    {
        return None;
    }
    body.number = lower(cursor.slice(a, end));
    cursor.pos = end;
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
    Some(())
}

/// " V16.0.0", " version 16.6.0", " Release 16", " (Release 16)".
fn read_prose_version_and_release(cursor: &mut Cursor, body: &mut Body) {
    loop {
        let start = cursor.checkpoint();
        if cursor.peek() != b' ' {
            return;
        }
        cursor.pos += 1;
        let open = cursor.peek() == b'(';
        if open {
            cursor.pos += 1;
        }
        let word_end = cursor.alpha_end(cursor.pos);
        let word = cursor.slice(cursor.pos, word_end);
        if !open
            && matches!(cursor.peek(), b'V' | b'v')
            && cursor.at(cursor.pos + 1).is_ascii_digit()
        {
            let end = cursor.dotted_digits_end(cursor.pos + 1);
            body.version = Some(lower(cursor.slice(cursor.pos + 1, end)));
            cursor.pos = end;
            continue;
        }
        if !open && eq_ci(word, "version") && cursor.at(word_end + 1).is_ascii_digit() {
            let end = cursor.dotted_digits_end(word_end + 1);
            body.version = Some(lower(cursor.slice(word_end + 1, end)));
            cursor.pos = end;
            continue;
        }
        if eq_ci(word, "Release") && cursor.at(word_end + 1).is_ascii_digit() {
            let end = cursor.digit_end(word_end + 1);
            body.release = release(cursor.slice(cursor.pos, end));
            cursor.pos = end;
            if open {
                if cursor.peek() != b')' {
                    cursor.restore(start);
                    return;
                }
                cursor.pos += 1;
            }
            continue;
        }
        cursor.restore(start);
        return;
    }
}

/// The release, one spelling per release: `REL-19`, `Rel-19` and `Release 19` are `Rel-19`; `R96`
/// and `REL-96` are `Rel-96`; `R00` and `Release 2000` are `Rel-2000`; GSM phases (`Ph2`,
/// `Ph1-DCS`) and `UMTS` are kept.
pub(in super::super) fn release(written: &[u8]) -> Option<String> {
    let written = std::str::from_utf8(written).ok()?.trim();
    if written.is_empty() {
        return None;
    }
    let lower_case = written.to_ascii_lowercase();
    let number = lower_case
        .strip_prefix("release")
        .or_else(|| lower_case.strip_prefix("rel-"))
        .or_else(|| lower_case.strip_prefix("rel"))
        .or_else(|| lower_case.strip_prefix('r'))
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    match number {
        Some("00") => Some("Rel-2000".to_string()),
        Some(n) => Some(format!("Rel-{}", digits_value(n.as_bytes())?)),
        None if lower_case.starts_with("ph") => {
            Some(format!("Ph{}", written[2..].to_ascii_uppercase()))
        }
        None => Some(written.to_ascii_uppercase()),
    }
}

/// The draft stage of a version: 0.x.y working draft, 1.x.y for information, 2.x.y for approval.
fn draft_stage(version: &str) -> Option<&'static str> {
    let major = version.split('.').next()?;
    match digits_value(major.as_bytes())? {
        0 => Some("draft"),
        1 => Some("for information"),
        2 => Some("for approval"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::check;
    use super::super::super::{document_key, extract_identifiers, DocId};
    use super::*;

    #[test]
    fn three_gpp_spellings() {
        check(&[
            ("3GPP TS 23.501:REL-19/19.5.0", "3gpp ts 23.501"),
            ("3GPP TS 23.501 V16.0.0", "3gpp ts 23.501"),
            ("3GPP TS 23.501", "3gpp ts 23.501"),
            ("3GPP TR 00.01U:UMTS/3.0.0", "3gpp tr 00.01u"),
            ("3GPP TS 01.02:R96/5.0.0", "3gpp ts 01.02"),
            ("3GPP TS 01.02:REL-96/5.0.0", "3gpp ts 01.02"),
            ("3GPP TS 01.02dcs:Ph1-DCS/3.0.0", "3gpp ts 01.02dcs"),
            ("3GPP TS 03.20ext:Ph1-EXT/3.0.0", "3gpp ts 03.20ext"),
            ("3GPP TS 29.198-4-1:REL-6/6.3.0", "3gpp ts 29.198-4-1"),
            ("3GPP TS 29.215/2.0.0", "3gpp ts 29.215"),
            ("3GPP TR 25.839:Release 2000/0.0.1", "3gpp tr 25.839"),
            ("3GPP TS 02.68:Release 2000/9.0.0", "3gpp ts 02.68"),
            ("3GPP TR 21.905:Rel-16/16.0.0", "3gpp tr 21.905"),
            ("3GPP TS 38.331 version 16.6.0 Release 16", "3gpp ts 38.331"),
        ]);
        let d = DocId::parse("3GPP TS 23.501:REL-19/19.5.0").unwrap();
        assert_eq!(d.publishers, ["3GPP"]);
        assert_eq!(d.deliverable.as_deref(), Some("TS"));
        assert_eq!((d.number.as_str(), d.part.as_deref()), ("23.501", None));
        assert_eq!(d.version.as_deref(), Some("19.5.0"));
        assert_eq!(d.release.as_deref(), Some("Rel-19"));
        assert_eq!(d.draft, None);
        let d = DocId::parse("3GPP TS 38.331 version 16.6.0 Release 16").unwrap();
        assert_eq!((d.version.as_deref(), d.release.as_deref()), (Some("16.6.0"), Some("Rel-16")));
        assert_eq!(
            DocId::parse("3GPP TS 29.198-4-1:REL-6/6.3.0").unwrap().part.as_deref(),
            Some("4-1")
        );
    }

    #[test]
    fn versions_below_three_are_drafts() {
        let draft = |id: &str| DocId::parse(id).unwrap().draft;
        assert_eq!(draft("3GPP TR 21.905:R99/0.0.1").as_deref(), Some("draft"));
        assert_eq!(draft("3GPP TS 23.501:REL-15/1.0.0").as_deref(), Some("for information"));
        assert_eq!(draft("3GPP TS 23.501:REL-15/2.0.0").as_deref(), Some("for approval"));
        assert_eq!(draft("3GPP TS 23.501:REL-15/15.0.0"), None);
        assert_eq!(draft("3GPP TS 01.02:Ph1/3.0.0"), None);
    }

    #[test]
    fn records_repeated_under_another_release_spelling_agree() {
        for (older, newer) in [
            ("3GPP TS 01.02:R96/5.0.0", "3GPP TS 01.02:REL-96/5.0.0"),
            ("3GPP TS 21.101:R99/3.1.0", "3GPP TS 21.101:REL-99/3.1.0"),
            ("3GPP TR 25.839:R00/4.0.0", "3GPP TR 25.839:Release 2000/4.0.0"),
            ("3GPP TS 23.060:R97/6.1.0", "3GPP TS 23.060:REL-97/6.1.0"),
        ] {
            let (a, b) = (DocId::parse(older).unwrap(), DocId::parse(newer).unwrap());
            assert_eq!(a.document_key(), b.document_key(), "{older}");
            assert_eq!((&a.version, &a.release), (&b.version, &b.release), "{older}");
        }
    }

    #[test]
    fn releases() {
        let r = |s: &str| release(s.as_bytes());
        assert_eq!(r("REL-19").as_deref(), Some("Rel-19"));
        assert_eq!(r("Rel-4").as_deref(), Some("Rel-4"));
        assert_eq!(r("R99").as_deref(), Some("Rel-99"));
        assert_eq!(r("R00").as_deref(), Some("Rel-2000"));
        assert_eq!(r("Release 2000").as_deref(), Some("Rel-2000"));
        assert_eq!(r("Ph1-DCS").as_deref(), Some("Ph1-DCS"));
        assert_eq!(r("UMTS").as_deref(), Some("UMTS"));
    }

    #[test]
    fn found_in_prose() {
        let keys: Vec<String> =
            extract_identifiers("see 3GPP TS 23.501 and 3GPP TR 38.901 V16.1.0")
                .iter()
                .map(DocId::document_key)
                .collect();
        assert_eq!(keys, ["3gpp ts 23.501", "3gpp tr 38.901"]);
        assert_eq!(document_key("3gpp ts 23.501"), "3gpp ts 23.501");
    }
}
