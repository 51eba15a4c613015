//! Edition words shared by IALA and IHO: `Ed 3.0`, `Ed. 1.6`, `Edition 5.0.0`.

use super::super::cursor::{lower, Cursor};

/// Reads an edition word and its number at the cursor (after a space): the edition, or None with
/// the cursor unmoved.
pub(super) fn read_edition(cursor: &mut Cursor) -> Option<String> {
    let e = cursor.alnum_end(cursor.pos);
    let word = cursor.slice(cursor.pos, e);
    if !(cursor.word_eq(word, "Ed") || cursor.word_eq(word, "Edition")) {
        return None;
    }
    let mut k = e;
    if cursor.at(k) == b'.' {
        k += 1;
    }
    if cursor.at(k) == b' ' {
        k += 1;
    }
    let end = cursor.dotted_digits_end(k);
    if end == k {
        return None;
    }
    cursor.pos = end;
    Some(lower(cursor.slice(k, end)))
}
