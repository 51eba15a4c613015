//! Russian technical words borrowed from English, matched by their consonant skeleton.
//!
//! Much of a Russian standard's vocabulary is borrowed: *менеджмент*, *система*, *протокол*,
//! *процесс*, *сервис*, *блокчейн*. No dictionary lists every such word, but its sound does: the
//! skeleton of a word is its consonants after both spellings are brought to one Latin form
//! ([`russian_skeleton`] transliterates Cyrillic the way loanwords are written, `дж` as the
//! English `g` of *management*, `ц` before a stem end as the `t` of *-tion*; [`latin_skeleton`]
//! reads English `c` as `k` or `s`, `ch` as `k`, `ph` as `f`, ...), then drops vowels and doubled
//! letters. *менеджмент* and *management* are both `mngmnt`; *система* and *system* `sstm`.
//!
//! [`Transliterations`] collects the skeletons of the words of the corpus's English titles with
//! the term each word analyses to and how many titles use it (also the skeleton of each word
//! shortened by one or two letters, since a Russian stem loses its ending), and
//! [`Transliterations::seed`] stores the most used term of each skeleton in the bridge table,
//! under the key [`Transliterations::key`] of the skeleton, to be looked up when a Russian term
//! has no translation.
//!
//! ```
//! use nwip_bridge::{latin_skeleton, russian_skeleton};
//! assert_eq!(russian_skeleton("менеджмент"), latin_skeleton("management"));
//! assert_eq!(russian_skeleton("систем"), latin_skeleton("system"));
//! assert_eq!(russian_skeleton("протокол"), latin_skeleton("protocol"));
//! assert_eq!(russian_skeleton("процесс"), latin_skeleton("process"));
//! ```

use std::collections::HashMap;

use nwip_text::Language;

use crate::{BridgeTable, Translation};

/// Skeletons shorter than this (consonants) match too many words to mean anything.
const MIN_SKELETON: usize = 4;

/// The probability given to a transliterated match: a guess, below a dictionary's translation.
const TRANSLITERATION_PROBABILITY: f32 = 0.4;

/// An English title word must be used by this many titles to be matched by its skeleton.
const MIN_TITLES: u32 = 3;

/// The consonant skeleton of an English (or other Latin-script) word.
pub fn latin_skeleton(word: &str) -> String {
    let word = word.to_lowercase();
    let chars: Vec<char> = word.chars().collect();
    let mut sounds = String::with_capacity(word.len());
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let next = chars.get(index + 1).copied();
        let (sound, width) = match (c, next) {
            ('p', Some('h')) => ("f", 2),
            ('t', Some('h')) => ("t", 2),
            ('c', Some('k')) | ('c', Some('h')) => ("k", 2),
            ('s', Some('h')) => ("s", 2),
            ('q', Some('u')) => ("kv", 2),
            ('c', Some('e' | 'i' | 'y')) => ("s", 1),
            ('c', _) | ('q', _) => ("k", 1),
            ('x', _) => ("ks", 1),
            ('w', _) => ("v", 1),
            ('j' | 'h', _) => ("", 1),
            _ => (&word[char_at(&word, index)..char_at(&word, index + 1)], 1),
        };
        sounds.push_str(sound);
        index += width;
    }
    consonants(&sounds)
}

/// The consonant skeleton of a Russian word or stem, transliterated as loanwords are spelt.
pub fn russian_skeleton(stem: &str) -> String {
    let stem = stem.to_lowercase();
    let chars: Vec<char> = stem.chars().collect();
    let mut latin = String::with_capacity(stem.len() * 2);
    let mut index = 0;
    while index < chars.len() {
        let c = chars[index];
        let next = chars.get(index + 1).copied();
        let last = index + 1 == chars.len();
        let (sound, width) = match (c, next) {
            ('д', Some('ж')) => ("g", 2),
            ('ц', _) if last || matches!(next, Some('и' | 'я')) => ("t", 1),
            _ => (cyrillic_sound(c), 1),
        };
        latin.push_str(sound);
        index += width;
    }
    consonants(&latin)
}

/// The consonants of a skeleton (its length without the [`VOWEL_START`] mark).
fn consonant_count(skeleton: &str) -> usize {
    skeleton.trim_start_matches(VOWEL_START).len()
}

/// Byte offset of the `index`-th character of `text` (its length past the end).
fn char_at(text: &str, index: usize) -> usize {
    text.char_indices().nth(index).map_or(text.len(), |(offset, _)| offset)
}

fn cyrillic_sound(c: char) -> &'static str {
    match c {
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'ж' => "g",
        'з' => "z",
        'к' | 'х' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'п' => "p",
        'р' => "r",
        'с' | 'ц' | 'ш' | 'щ' => "s",
        'т' => "t",
        'ф' => "f",
        'ч' => "k",
        // Vowels and й carry no consonant but keep doubled letters apart; ъ and ь are silent.
        'а' | 'е' | 'ё' | 'и' | 'й' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' => "a",
        _ => "",
    }
}

/// Marks a skeleton whose word begins with a vowel sound: a borrowed word keeps its first sound
/// (*информация* / *information*, *инженер* / *engineer*), so *испытуемых* (test subjects) is not
/// matched to *September* by their shared consonants.
const VOWEL_START: char = '^';

/// Collapses doubled letters (`ss`, `ll`), then drops vowels and anything not a Latin letter;
/// a word beginning with a vowel starts with [`VOWEL_START`].
fn consonants(sounds: &str) -> String {
    let mut out = String::with_capacity(sounds.len());
    if sounds.starts_with(['a', 'e', 'i', 'o', 'u', 'y']) {
        out.push(VOWEL_START);
    }
    let mut previous = None;
    for c in sounds.chars() {
        let doubled = previous == Some(c);
        previous = Some(c);
        if doubled || !c.is_ascii_lowercase() || matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
            continue;
        }
        out.push(c);
    }
    out
}

/// English title words by skeleton: which term each skeleton stands for, and how often.
#[derive(Debug, Clone, Default)]
pub struct Transliterations {
    /// skeleton → term → weighted count of titles.
    skeletons: HashMap<String, HashMap<String, f32>>,
    /// (word, term) → titles using it.
    words: HashMap<(String, String), u32>,
}

impl Transliterations {
    /// The bridge table key under which a Russian term's skeleton match is stored, if the term
    /// is long enough to have one.
    ///
    /// ```
    /// use nwip_bridge::Transliterations;
    /// assert_eq!(Transliterations::key("систем").as_deref(), Some("~sstm"));
    /// assert_eq!(Transliterations::key("мир"), None);
    /// ```
    pub fn key(russian_term: &str) -> Option<String> {
        let skeleton = russian_skeleton(russian_term);
        (consonant_count(&skeleton) >= MIN_SKELETON).then(|| format!("~{skeleton}"))
    }

    /// Counts one title's use of `word` (as written), which analyses to `term`. Call it once per
    /// distinct word of a title.
    pub fn add_word(&mut self, word: &str, term: &str) {
        if word.chars().count() < 5 || !word.chars().all(|c| c.is_ascii_alphabetic()) {
            return;
        }
        *self.words.entry((word.to_lowercase(), term.to_string())).or_default() += 1;
    }

    /// Stores each skeleton's most used term in `table` (Russian → English) for words used by
    /// enough titles. Returns the number of skeletons stored.
    pub fn seed(mut self, table: &mut BridgeTable) -> usize {
        for ((word, term), titles) in std::mem::take(&mut self.words) {
            if titles < MIN_TITLES {
                continue;
            }
            let skeleton = latin_skeleton(&word);
            // A Russian stem has lost its ending: the word's skeleton shortened by one or two
            // consonants may be all that is left of it.
            for (cut, weight) in [(0, 1.0), (1, 0.5), (2, 0.25)] {
                let Some(end) = skeleton.len().checked_sub(cut) else { break };
                if consonant_count(&skeleton[..end]) < MIN_SKELETON {
                    break;
                }
                *self
                    .skeletons
                    .entry(skeleton[..end].to_string())
                    .or_default()
                    .entry(term.clone())
                    .or_default() += weight * titles as f32;
            }
        }
        let mut stored = 0;
        for (skeleton, terms) in self.skeletons {
            let Some((term, _)) =
                terms.into_iter().max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            else {
                continue;
            };
            let translation = Translation { term, probability: TRANSLITERATION_PROBABILITY };
            stored += usize::from(table.seed(
                Language::Russian,
                Language::English,
                format!("~{skeleton}"),
                vec![translation],
            ));
        }
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrowed_words_share_their_skeleton() {
        for (russian, english) in [
            ("менеджмент", "management"),
            ("систем", "system"),
            ("сервис", "service"),
            ("концепц", "concept"),
            ("технолог", "technology"),
            ("блокчейн", "blockchain"),
            ("инженер", "engineer"),
        ] {
            assert_eq!(russian_skeleton(russian), latin_skeleton(english), "{russian} {english}");
        }
        assert_ne!(russian_skeleton("безопасн"), latin_skeleton("safety"));
        assert_eq!(russian_skeleton("история"), latin_skeleton("history"));
        assert!(!latin_skeleton("september").starts_with(&russian_skeleton("испытуем")));
    }

    #[test]
    fn a_russian_stem_finds_the_english_term_of_its_longer_word() {
        let mut words = Transliterations::default();
        for _ in 0..5 {
            words.add_word("information", "inform");
            words.add_word("management", "manag");
        }
        words.add_word("informatics", "informat");
        let mut table = BridgeTable::default();
        assert!(words.seed(&mut table) > 0);
        let key = Transliterations::key("информац").unwrap();
        let found = table.translations(Language::Russian, Language::English, &key);
        assert_eq!(found[0].term, "inform");
        let key = Transliterations::key("менеджмент").unwrap();
        assert_eq!(table.translations(Language::Russian, Language::English, &key)[0].term, "manag");
    }

    #[test]
    fn rare_and_short_words_are_not_stored() {
        let mut words = Transliterations::default();
        words.add_word("zyxwvut", "zyxwvut");
        words.add_word("the", "the");
        let mut table = BridgeTable::default();
        assert_eq!(words.seed(&mut table), 0);
    }
}
