//! One grammar per family of organisations. Each reads what follows the head of an identifier
//! (`27001:2013/Cor 1:2014` after `ISO/IEC`) and returns a new [`Body`], or None with nothing
//! half-built: a grammar that fails leaves no trace, and the cursor is put back by the caller.
//!
//! The [`crate::registry`] says which grammar reads which publisher's identifiers.

use crate::registry::Grammar;

use super::cursor::{four_digit_year, is_word, lower, Cursor};
use super::head::Head;
use super::Supplement;

pub(super) mod bipm;
pub(super) mod calconnect;
pub(super) mod ccsds;
pub(super) mod cie;
pub(super) mod codex;
pub(super) mod ecma;
mod editions;
pub(super) mod etsi;
pub(super) mod iala;
pub(super) mod iana;
pub(super) mod ieee;
pub(super) mod ietf;
pub(super) mod iho;
pub(super) mod imo;
pub(super) mod iso;
pub(super) mod itu;
pub(super) mod jis;
pub(super) mod nist;
pub(super) mod oasis;
pub(super) mod ogc;
pub(super) mod oiml;
pub(super) mod three_gpp;
pub(super) mod w3c;
pub(super) mod xsf;

/// What a grammar read after the head: the document's own fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Body {
    /// A deliverable the grammar read (`EN` of ETSI, `R` of OIML); the head's otherwise.
    pub(super) deliverable: Option<String>,
    /// A stage the grammar read (`P` of IEEE, `DAM` of a supplement); the head's otherwise.
    pub(super) draft: Option<String>,
    pub(super) number: String,
    pub(super) part: Option<String>,
    pub(super) year: Option<u16>,
    pub(super) version: Option<String>,
    pub(super) release: Option<String>,
    pub(super) supplements: Vec<Supplement>,
    /// Start positions of twin numbers (`X.400` of `ITU-T F.400/X.400`).
    pub(super) twins: Vec<usize>,
}

impl Body {
    /// A body with a number.
    pub(super) fn numbered(number: String) -> Body {
        Body { number, ..Body::default() }
    }
}

/// Reads the body of an identifier with the head's grammar.
pub(super) fn read_body(cursor: &mut Cursor, head: &Head) -> Option<Body> {
    let body = match head.grammar {
        Grammar::IsoLike | Grammar::Generic | Grammar::Gost => {
            iso::read(cursor, head, iso::Options::for_head(head))
        }
        Grammar::Ieee => ieee::read(cursor, head),
        Grammar::Itu => itu::read(cursor, head),
        Grammar::Etsi => etsi::read(cursor, head),
        Grammar::ThreeGpp => three_gpp::read(cursor, head),
        Grammar::W3c => w3c::read(cursor),
        Grammar::Oiml => oiml::read(cursor, head),
        Grammar::Ccsds => ccsds::read(cursor),
        Grammar::Ecma => ecma::read(cursor),
        Grammar::Oasis => oasis::read(cursor),
        Grammar::Ogc => ogc::read(cursor),
        Grammar::Iala => iala::read(cursor),
        Grammar::Iho => iho::read(cursor),
        Grammar::Ietf => ietf::read(cursor, head),
        Grammar::Nist => nist::read(cursor, head),
        Grammar::Bipm => bipm::read(cursor, head),
        Grammar::Cie => cie::read(cursor, head),
        Grammar::Jis => jis::read(cursor, head),
        Grammar::Xsf => xsf::read(cursor, head),
        Grammar::CalConnect => calconnect::read(cursor),
        Grammar::Iana => iana::read(cursor),
        Grammar::Codex => codex::read(cursor, head),
        Grammar::Imo => imo::read(cursor),
    }?;
    (!body.number.is_empty()).then_some(body)
}

/// Named publications of a known publisher with an edition year: `IEC White Paper AI:2018`,
/// `ISO/IEC VIM:1993`; the words are the number.
pub(super) fn words_with_year(cursor: &mut Cursor) -> Option<Body> {
    cursor.skip_space();
    let rest = cursor.rest(cursor.pos);
    let colon = rest.iter().position(|&b| b == b':')?;
    let name = &rest[..colon];
    let year_start = cursor.pos + colon + 1;
    let year_digits = cursor.slice(year_start, cursor.digit_end(year_start));
    let year = four_digit_year(year_digits)?;
    if name.is_empty() || !name.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    cursor.pos = year_start + year_digits.len();
    Some(Body { year: Some(year), ..Body::numbered(lower(name).trim().to_string()) })
}

/// Skips "-MM" (and "-DD") after a year.
pub(super) fn skip_month(cursor: &mut Cursor) {
    for _ in 0..2 {
        if cursor.peek() == b'-' {
            let de = cursor.digit_end(cursor.pos + 1);
            if de - (cursor.pos + 1) == 2 && !is_word(cursor.at(de)) {
                cursor.pos = de;
                continue;
            }
        }
        break;
    }
}

/// ":2015", " :2015", ": 2015" (and a bare trailing ":" in catalogue data): sets the year unless
/// one was read already.
pub(super) fn colon_year(cursor: &mut Cursor, body: &mut Body) {
    let start = cursor.checkpoint();
    if cursor.peek() == b' ' && cursor.at(cursor.pos + 1) == b':' {
        cursor.pos += 1;
    }
    if cursor.peek() != b':' {
        cursor.restore(start);
        return;
    }
    cursor.pos += 1;
    if cursor.peek() == b' ' && cursor.at(cursor.pos + 1).is_ascii_digit() {
        cursor.pos += 1;
    }
    let de = cursor.digit_end(cursor.pos);
    let year = four_digit_year(cursor.slice(cursor.pos, de));
    if let Some(year) = year.filter(|_| !cursor.at(de).is_ascii_alphabetic()) {
        body.year.get_or_insert(year);
        cursor.pos = de;
        skip_month(cursor);
    } else if cursor.prose() || de > cursor.pos {
        cursor.restore(start);
    }
}

/// A year in parentheses, with an optional month or language tag: `(1927)`, `(10/2019)`,
/// `(1927, E)`, `(2019-11)`. Returns the year and the end.
pub(super) fn parenthesised_year(cursor: &Cursor, k: usize) -> Option<(u16, usize)> {
    if cursor.at(k) != b'(' {
        return None;
    }
    let mut start = k + 1;
    // "(10/2019)": a month first
    let de = cursor.digit_end(start);
    if de - start == 2 && cursor.at(de) == b'/' {
        start = de + 1;
    }
    let de = cursor.digit_end(start);
    let year = four_digit_year(cursor.slice(start, de))?;
    let close = cursor.end_of(de, |b| b != b')' && b != b'(');
    if cursor.at(close) != b')' || close - de > 12 {
        return None;
    }
    Some((year, close + 1))
}

#[cfg(test)]
mod tests {
    use super::super::cursor::Mode;
    use super::*;

    #[test]
    fn years_in_parentheses() {
        let year = |s: &str| {
            let cursor = Cursor::new(s.as_bytes(), 0, Mode::Catalogue);
            parenthesised_year(&cursor, 0).map(|(y, end)| (y, end == s.len()))
        };
        assert_eq!(year("(1927)"), Some((1927, true)));
        assert_eq!(year("(10/2019)"), Some((2019, true)));
        assert_eq!(year("(1927, E)"), Some((1927, true)));
        assert_eq!(year("(2019-11)"), Some((2019, true)));
        assert_eq!(year("(E)"), None);
    }

    #[test]
    fn a_failed_colon_year_leaves_the_cursor() {
        let mut cursor = Cursor::new(b":20xy", 0, Mode::Prose);
        let mut body = Body::default();
        colon_year(&mut cursor, &mut body);
        assert_eq!((cursor.pos, body.year), (0, None));
    }
}
