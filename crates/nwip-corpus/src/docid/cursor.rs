//! The cursor every grammar reads with: a position in normalised bytes, the reading [`Mode`], and
//! checkpoints to go back to when a rule does not match.

/// How strictly an identifier is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// An identifier as a catalogue gives it ([`super::DocId::parse`]): case-insensitive, lenient
    /// about rare forms.
    Catalogue,
    /// An identifier mentioned in free text ([`super::extract_identifiers`]): publishers and words
    /// must be written as usual (`ISO`, `Amd`), rare forms are not accepted, so that prose is not
    /// read as identifiers.
    Prose,
}

/// A saved position of a [`Cursor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Checkpoint(usize);

/// A position in normalised text (mostly ASCII bytes), read by the grammars.
#[derive(Debug, Clone)]
pub(super) struct Cursor<'a> {
    bytes: &'a [u8],
    /// The position of the next byte to read.
    pub(super) pos: usize,
    mode: Mode,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(bytes: &'a [u8], pos: usize, mode: Mode) -> Cursor<'a> {
        Cursor { bytes, pos, mode }
    }

    /// Tells whether the text is prose (strict reading).
    pub(super) fn prose(&self) -> bool {
        self.mode == Mode::Prose
    }

    /// Tells whether the text is a catalogue identifier (lenient reading).
    pub(super) fn catalogue(&self) -> bool {
        self.mode == Mode::Catalogue
    }

    /// Saves the position.
    pub(super) fn checkpoint(&self) -> Checkpoint {
        Checkpoint(self.pos)
    }

    /// Goes back to a saved position.
    pub(super) fn restore(&mut self, checkpoint: Checkpoint) {
        self.pos = checkpoint.0;
    }

    /// Number of bytes.
    pub(super) fn len(&self) -> usize {
        self.bytes.len()
    }

    /// The byte at `k`, or 0 past the end.
    pub(super) fn at(&self, k: usize) -> u8 {
        self.bytes.get(k).copied().unwrap_or(0)
    }

    /// The byte at the cursor, or 0 at the end.
    pub(super) fn peek(&self) -> u8 {
        self.at(self.pos)
    }

    /// The end of the run of ASCII letters and digits starting at `k`.
    pub(super) fn alnum_end(&self, k: usize) -> usize {
        self.end_of(k, |b| b.is_ascii_alphanumeric())
    }

    /// The end of the run of ASCII letters starting at `k`.
    pub(super) fn alpha_end(&self, k: usize) -> usize {
        self.end_of(k, |b| b.is_ascii_alphabetic())
    }

    /// The end of the run of digits starting at `k`.
    pub(super) fn digit_end(&self, k: usize) -> usize {
        self.end_of(k, |b| b.is_ascii_digit())
    }

    /// The end of the run of bytes accepted by `accept`, starting at `k`.
    pub(super) fn end_of(&self, mut k: usize, accept: impl Fn(u8) -> bool) -> usize {
        while k < self.bytes.len() && accept(self.bytes[k]) {
            k += 1;
        }
        k
    }

    /// The end of a dotted number starting at `k` (`650.0`, `23.501`, `1.2.3`): digits, and dots
    /// followed by digits.
    pub(super) fn dotted_digits_end(&self, mut k: usize) -> usize {
        loop {
            k = self.digit_end(k);
            if self.at(k) == b'.' && self.at(k + 1).is_ascii_digit() {
                k += 1;
                continue;
            }
            return k;
        }
    }

    /// The bytes `a..b`, clamped to the text.
    pub(super) fn slice(&self, a: usize, b: usize) -> &'a [u8] {
        let a = a.min(self.bytes.len());
        &self.bytes[a..b.clamp(a, self.bytes.len())]
    }

    /// The letters and digits starting at `k`.
    pub(super) fn token(&self, k: usize) -> &'a [u8] {
        self.slice(k, self.alnum_end(k))
    }

    /// The rest of the text from `k`.
    pub(super) fn rest(&self, k: usize) -> &'a [u8] {
        self.slice(k, self.bytes.len())
    }

    /// Token equality: case-insensitive in a catalogue, exact in prose.
    pub(super) fn word_eq(&self, token: &[u8], word: &str) -> bool {
        match self.mode {
            Mode::Catalogue => eq_ci(token, word),
            Mode::Prose => token == word.as_bytes(),
        }
    }

    /// Whether the text at `k` is `word` (by [`Cursor::word_eq`]) and ends there.
    pub(super) fn word_at(&self, k: usize, word: &str) -> bool {
        let end = k + word.len();
        end <= self.bytes.len() && self.word_eq(self.slice(k, end), word) && !is_word(self.at(end))
    }

    /// Skips one space.
    pub(super) fn skip_space(&mut self) {
        if self.peek() == b' ' {
            self.pos += 1;
        }
    }
}

/// Whether a byte belongs to a word (ASCII letter or digit, or part of a non-ASCII character).
pub(super) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether `n` can be the year of an edition.
pub(super) fn plausible_year(n: u32) -> bool {
    (1800..=2100).contains(&n)
}

/// The value of an all-digit byte string of at most 9 digits.
pub(super) fn digits_value(t: &[u8]) -> Option<u32> {
    if t.is_empty() || t.len() > 9 || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(t.iter().fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0')))
}

/// The year of a four-digit edition year, if `t` is one.
pub(super) fn four_digit_year(t: &[u8]) -> Option<u16> {
    if t.len() != 4 {
        return None;
    }
    digits_value(t).filter(|&y| plausible_year(y)).map(|y| y as u16)
}

/// A two-digit year (`93`, `08`): 1930-2029.
pub(super) fn two_digit_year(n: u32) -> u16 {
    if n >= 30 {
        1900 + n as u16
    } else {
        2000 + n as u16
    }
}

pub(super) fn upper(t: &[u8]) -> String {
    String::from_utf8_lossy(t).to_ascii_uppercase()
}

pub(super) fn lower(t: &[u8]) -> String {
    String::from_utf8_lossy(t).to_ascii_lowercase()
}

pub(super) fn eq_ci(t: &[u8], w: &str) -> bool {
    t.eq_ignore_ascii_case(w.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_restore_the_position() {
        let mut cursor = Cursor::new(b"ISO 9001", 0, Mode::Catalogue);
        let start = cursor.checkpoint();
        cursor.pos = cursor.alnum_end(0);
        assert_eq!(cursor.pos, 3);
        cursor.restore(start);
        assert_eq!(cursor.pos, 0);
    }

    #[test]
    fn prose_compares_words_exactly() {
        let catalogue = Cursor::new(b"amd 1", 0, Mode::Catalogue);
        let prose = Cursor::new(b"amd 1", 0, Mode::Prose);
        assert!(catalogue.word_eq(b"amd", "Amd"));
        assert!(!prose.word_eq(b"amd", "Amd"));
        assert!(catalogue.word_at(0, "AMD") && !catalogue.word_at(0, "AM"));
    }

    #[test]
    fn numbers_and_years() {
        assert_eq!(digits_value(b"0042"), Some(42));
        assert_eq!(digits_value(b"4a"), None);
        assert_eq!(four_digit_year(b"2015"), Some(2015));
        assert_eq!(four_digit_year(b"0800"), None);
        assert_eq!((two_digit_year(93), two_digit_year(8)), (1993, 2008));
        let cursor = Cursor::new(b"23.501.1-2", 0, Mode::Catalogue);
        assert_eq!(cursor.dotted_digits_end(0), 8);
    }
}
