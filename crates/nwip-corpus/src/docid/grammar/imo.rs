//! IMO: treaties by their short names and years (`SOLAS 1974`, `SOLAS PROT 1988`, `MARPOL 73/78`,
//! `LL 1966`, `NAIROBI WRC 2007`), codes by name (`ISM Code`, `2008 IS Code`, `Polar Code`),
//! resolutions (`IMO Resolution MSC.391(95)`, `IMO Resolution A.1071(28)`) and `IMO Convention
//! 1948`. The names are IMO's named documents in the registry.
//!
//! A treaty's year is part of its name (`SOLAS PROT 1978` and `SOLAS PROT 1988` are two
//! protocols): `imo solas 1974`, `imo solas prot 1988`. A code's year is its edition: `imo is
//! code` for the 2008 IS Code. A resolution is `imo resolution msc.391(95)`.

use crate::registry;

use super::super::cursor::{four_digit_year, is_word, lower, upper, Cursor};
use super::super::supplements::{read_supplements, Letters};
use super::Body;

/// Reads an IMO instrument at the cursor, with or without "IMO" in front.
pub(in super::super) fn read(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let start = cursor.checkpoint();
    if let Some(body) = read_resolution(cursor) {
        return Some(body);
    }
    cursor.restore(start);
    if cursor.word_at(cursor.pos, "Convention") && cursor.at(cursor.pos + 10) == b' ' {
        let k = cursor.pos + 11;
        let end = cursor.digit_end(k);
        let year = four_digit_year(cursor.slice(k, end)).filter(|_| !is_word(cursor.at(end)))?;
        cursor.pos = end;
        let body = Body::numbered(year.to_string());
        return Some(Body { deliverable: Some("Convention".into()), year: Some(year), ..body });
    }
    let mut body = read_named(cursor)?;
    read_supplements(cursor, &mut body, Letters::Amendments);
    Some(body)
}

/// `Resolution MSC.391(95)`, `Res. A.1071(28)`.
fn read_resolution(cursor: &mut Cursor) -> Option<Body> {
    let e = cursor.alpha_end(cursor.pos);
    let word = cursor.slice(cursor.pos, e);
    let mut k = e;
    if cursor.word_eq(word, "Res") && cursor.at(e) == b'.' {
        k += 1;
    } else if !cursor.word_eq(word, "Resolution") {
        return None;
    }
    if cursor.at(k) != b' ' {
        return None;
    }
    let a = k + 1;
    let committee_end = cursor.alpha_end(a);
    if committee_end == a || committee_end - a > 5 || cursor.at(committee_end) != b'.' {
        return None;
    }
    if cursor.prose() && !cursor.slice(a, committee_end).iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    let number_end = cursor.digit_end(committee_end + 1);
    if number_end == committee_end + 1 {
        return None;
    }
    let mut end = number_end;
    if cursor.at(end) == b'(' {
        let session_end = cursor.digit_end(end + 1);
        if session_end > end + 1 && cursor.at(session_end) == b')' {
            end = session_end + 1;
        }
    }
    if is_word(cursor.at(end)) {
        return None;
    }
    cursor.pos = end;
    let number = lower(cursor.slice(a, end));
    Some(Body { deliverable: Some("Resolution".into()), ..Body::numbered(number) })
}

/// A treaty or a code named in the registry: `SOLAS 1974`, `SOLAS PROT 1988`, `MARPOL 73/78`,
/// `ISM Code`, `2008 IS Code`.
fn read_named(cursor: &mut Cursor) -> Option<Body> {
    let mut edition = None;
    if cursor.digit_end(cursor.pos) == cursor.pos + 4 && cursor.at(cursor.pos + 4) == b' ' {
        edition = four_digit_year(cursor.slice(cursor.pos, cursor.pos + 4));
        cursor.pos += 5;
    }
    let a = cursor.pos;
    let (_, name) = registry::named_documents().find(|(_, name)| {
        let end = a + name.len();
        cursor.word_eq(cursor.slice(a, end), name) && !is_word(cursor.at(end))
    })?;
    let name_end = a + name.len();
    // "ISM Code": a code, its year an edition
    if cursor.at(name_end) == b' ' && cursor.word_eq(cursor.token(name_end + 1), "Code") {
        cursor.pos = name_end + 5;
        let number = format!("{} code", lower(cursor.slice(a, name_end)));
        return Some(Body { year: edition, ..Body::numbered(number) });
    }
    if edition.is_some() {
        return None;
    }
    // "SOLAS PROT 1988": a protocol to the treaty
    let mut deliverable = upper(cursor.slice(a, name_end));
    let mut k = name_end;
    if cursor.at(k) == b' ' && cursor.word_eq(cursor.token(k + 1), "PROT") {
        deliverable.push_str(" PROT");
        k += 5;
    }
    if cursor.at(k) != b' ' {
        return None;
    }
    let year_start = k + 1;
    let year_end = cursor.digit_end(year_start);
    // "MARPOL 73/78"
    if year_end == year_start + 2 && cursor.at(year_end) == b'/' {
        let second_end = cursor.digit_end(year_end + 1);
        if second_end == year_end + 3 && !is_word(cursor.at(second_end)) {
            cursor.pos = second_end;
            let number = lower(cursor.slice(year_start, second_end));
            return Some(Body { deliverable: Some(deliverable), ..Body::numbered(number) });
        }
    }
    let year = four_digit_year(cursor.slice(year_start, year_end))
        .filter(|_| !is_word(cursor.at(year_end)))?;
    cursor.pos = year_end;
    let body = Body::numbered(year.to_string());
    Some(Body { deliverable: Some(deliverable), year: Some(year), ..body })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::{check, prose_keys};
    use super::super::super::DocId;

    #[test]
    fn imo_spellings() {
        check(&[
            ("SOLAS 1974", "imo solas 1974"),
            ("SOLAS PROT 1978", "imo solas prot 1978"),
            ("SOLAS PROT 1988", "imo solas prot 1988"),
            ("MARPOL 73/78", "imo marpol 73/78"),
            ("MARPOL PROT 1997", "imo marpol prot 1997"),
            ("LL 1966", "imo ll 1966"),
            ("LLMC PROT 1996", "imo llmc prot 1996"),
            ("CLC 1969", "imo clc 1969"),
            ("STCW-F 1995", "imo stcw-f 1995"),
            ("STCW Code", "imo stcw code"),
            ("STCW 1978", "imo stcw 1978"),
            ("OPRC-HNS 2000", "imo oprc-hns 2000"),
            ("NAIROBI WRC 2007", "imo nairobi wrc 2007"),
            ("Cape Town Agreement 2012", "imo cape town agreement 2012"),
            ("Hong Kong 2009", "imo hong kong 2009"),
            ("ISM Code", "imo ism code"),
            ("2008 IS Code", "imo is code"),
            ("2000 HSC Code", "imo hsc code"),
            ("Casualty Investigation Code", "imo casualty investigation code"),
            ("IMO Resolution MSC.391(95)", "imo resolution msc.391(95)"),
            ("IMO Resolution A.1071(28)", "imo resolution a.1071(28)"),
            ("IMO Convention 1948", "imo convention 1948"),
        ]);
        let d = DocId::parse("2008 IS Code").unwrap();
        assert_eq!((d.publishers[0].as_str(), d.year), ("IMO", Some(2008)));
        let d = DocId::parse("SOLAS PROT 1988").unwrap();
        assert_eq!((d.deliverable.as_deref(), d.year), (Some("SOLAS PROT"), Some(1988)));
        // CENELEC's CLC is not IMO's
        assert_eq!(DocId::parse("CLC/TS 50131-7").unwrap().document_key(), "en 50131-7");
    }

    #[test]
    fn imo_in_prose() {
        assert_eq!(
            prose_keys("ships under SOLAS 1974 and MARPOL 73/78, the ISM Code and IMO Resolution MSC.391(95)"),
            ["imo solas 1974", "imo marpol 73/78", "imo ism code", "imo resolution msc.391(95)"]
        );
        assert!(prose_keys("SOLAS requirements for ships").is_empty());
    }
}
