//! Russian word forms, so that a dictionary's headword meets the stems of the cases a proposal
//! writes.
//!
//! A dictionary gives a noun in the nominative and a verb in the infinitive; a proposal writes
//! them in any case, and Snowball's Russian stemmer does not bring every case to one stem: it
//! reads the *-л* of «канал» as a past tense («канал» → «кана», «каналах» → «канал»), the *-им*
//! of «режим» as a participle («режим» → «реж», «режимы» → «режим»), and the genitive plural
//! «систем» loses its *-ем* («система» → «систем», «систем» → «сист»). [`forms`] declines a
//! noun or an adjective by the regular endings of its class, and turns a verb into its
//! verbal noun («кодировать» → «кодирование», «измерить» → «измерение»: technical Russian
//! names operations by them, where English keeps one stem for *code* and *coding*). The forms
//! are only stemmed (see `Dictionary::seed`), never shown, so a form that Russian does not use
//! costs nothing unless its stem is another word's; declining a noun by its class's endings
//! rarely yields one.
//!
//! A vowel that comes and goes is declined both ways: the *е* or *о* before a masculine noun's
//! last consonant drops in its other cases («образец» → «образцов», «уровень» → «уровнями»,
//! «угол» → «углов»), and a feminine noun in *-ка* gains one in its genitive plural («оценка»
//! → «оценок», «ячейка» → «ячеек»). Snowball stems each pair apart.
//!
//! ```
//! let forms = nwip_bridge::inflect::forms("канал");
//! assert!(forms.contains(&"каналах".to_string()));
//! let forms = nwip_bridge::inflect::forms("кодировать");
//! assert!(forms.contains(&"кодирование".to_string()));
//! ```

/// The endings of a class of words: what the dictionary's form ends in, and the endings that
/// replace it in the other cases (singular and plural).
struct Class {
    ending: &'static str,
    endings: &'static [&'static str],
}

/// Classes of nouns and adjectives, the longest ending first (the first that fits is used).
const CLASSES: &[Class] = &[
    // Verbal and other nouns in -ие: «измерение».
    Class {
        ending: "ие", endings: &["ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях"]
    },
    // Adjectives: «цифровой», «защитный», «внешний».
    Class {
        ending: "ый",
        endings: &["ая", "ое", "ые", "ого", "ому", "ым", "ом", "ой", "ую", "ых", "ыми"],
    },
    Class {
        ending: "ой",
        endings: &["ая", "ое", "ые", "ого", "ому", "ым", "ом", "ую", "ых", "ыми"],
    },
    Class {
        ending: "ий",
        endings: &["яя", "ее", "ие", "его", "ему", "им", "ем", "ей", "юю", "их", "ими"],
    },
    // Nouns: «система», «гиря», «испытание» (above), «свойство», «поле», «погрешность», «край».
    Class {
        ending: "а", endings: &["ы", "и", "е", "у", "ой", "ою", "ам", "ами", "ах", ""]
    },
    Class { ending: "я", endings: &["и", "е", "ю", "ей", "ям", "ями", "ях", "ь"] },
    Class { ending: "о", endings: &["а", "у", "ом", "е", "ам", "ами", "ах", ""] },
    Class { ending: "е", endings: &["я", "ю", "ем", "ям", "ями", "ях"] },
    Class {
        ending: "ь", endings: &["и", "ью", "ей", "я", "ю", "ем", "е", "ям", "ями", "ях"]
    },
    Class { ending: "й", endings: NOUN_IN_I_ENDINGS },
];

/// Endings of a masculine noun in *-й* («край», «слой», «критерий»), which replace the *й*.
const NOUN_IN_I_ENDINGS: &[&str] = &["я", "ю", "ем", "е", "и", "ев", "ям", "ями", "ях"];

/// Endings of a masculine noun that ends in a consonant («канал», «режим», «тракт»).
const CONSONANT_ENDINGS: &[&str] = &["а", "у", "ом", "е", "ы", "и", "ов", "ам", "ами", "ах", "ей"];

/// Infinitive endings and the verbal noun's ending that replaces them.
const VERBAL_NOUNS: &[(&str, &str)] = &[("ать", "ание"), ("ять", "яние"), ("ить", "ение")];

/// The shortest stem a class's ending is taken off (shorter words are left as they are: «бой»
/// is no adjective).
const MIN_STEM_CHARS: usize = 3;

/// Returns `word` (lower-cased) and its other forms: the cases of a noun or an adjective by
/// the regular endings of its class, or a verb's verbal noun and that noun's cases. A phrase, or
/// a word not in Cyrillic letters, is returned alone.
pub fn forms(word: &str) -> Vec<String> {
    let word = word.to_lowercase();
    let mut out = vec![word.clone()];
    if !word.chars().all(|c| matches!(c, 'а'..='я' | 'ё')) {
        return out;
    }
    let reflexive = word.strip_suffix("ся").unwrap_or(&word);
    for (infinitive, noun) in VERBAL_NOUNS {
        if let Some(stem) = stem_before(reflexive, infinitive) {
            let verbal_noun = format!("{stem}{noun}");
            out.extend(declined(&verbal_noun));
            return out;
        }
    }
    out.extend(declined(&word).into_iter().skip(1));
    out
}

/// `word` and its cases by its class's endings.
fn declined(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for class in CLASSES {
        if let Some(stem) = stem_before(word, class.ending) {
            out.extend(class.endings.iter().map(|ending| format!("{stem}{ending}")));
            if class.ending.len() > "й".len() && class.ending.ends_with('й') {
                // «покрой», «критерий»: a noun in *-й* whose ending reads as an adjective's.
                let noun = word.strip_suffix('й').unwrap_or(word);
                out.extend(NOUN_IN_I_ENDINGS.iter().map(|ending| format!("{noun}{ending}")));
            }
            if class.ending == "ь" {
                if let Some(short) = without_fleeting_vowel(stem) {
                    out.extend(class.endings.iter().map(|ending| format!("{short}{ending}")));
                }
            }
            if class.ending == "а" {
                out.extend(genitive_plural_in_ok(stem));
            }
            return out;
        }
    }
    if word.chars().count() > MIN_STEM_CHARS && word.chars().last().is_some_and(is_consonant) {
        out.extend(CONSONANT_ENDINGS.iter().map(|ending| format!("{word}{ending}")));
        if let Some(short) = without_fleeting_vowel(word) {
            out.extend(CONSONANT_ENDINGS.iter().map(|ending| format!("{short}{ending}")));
        }
    }
    out
}

/// `stem` without the *е*, *ё* or *о* before its last consonant: the vowel a masculine noun
/// loses in its other cases («образец» → «образц», «уровен» → «уровн», «угол» → «угл»). An *е*
/// or *ё* after *л* leaves a soft sign («кошелёк» → «кошельк»), one after a vowel a *й*
/// («ручеёк» → «ручейк»). `None` for other stems («канал», «модуль»).
fn without_fleeting_vowel(stem: &str) -> Option<String> {
    let chars: Vec<char> = stem.chars().collect();
    let [.., before, vowel, last] = chars[..] else { return None };
    let fleeting = matches!(vowel, 'е' | 'ё' | 'о') && is_consonant(last) && before != 'ь';
    (fleeting && chars.len() >= 4).then(|| {
        let mut short: String = chars[..chars.len() - 2].iter().collect();
        match (before, vowel) {
            (_, 'е' | 'ё') if !is_consonant(before) => short.push('й'),
            ('л', 'е' | 'ё') => short.push('ь'),
            _ => {}
        }
        short.push(last);
        short
    })
}

/// The genitive plural of a feminine noun in *-ка* (its stem before *-а*), which gains a vowel
/// before the *к*: «оценк» → «оценок», «ячейк» → «ячеек», «ложк» → «ложек». Empty for other
/// stems.
fn genitive_plural_in_ok(stem: &str) -> Vec<String> {
    let Some(before) = stem.strip_suffix('к') else { return Vec::new() };
    match before.chars().last() {
        Some('й') => vec![format!("{}ек", before.trim_end_matches('й'))],
        Some('ж' | 'ш' | 'ч' | 'щ') => vec![format!("{before}ек")],
        Some(c) if is_consonant(c) => vec![format!("{before}ок")],
        _ => Vec::new(),
    }
}

/// The part of `word` before `ending`, when it ends so and that part is long enough.
fn stem_before<'a>(word: &'a str, ending: &str) -> Option<&'a str> {
    word.strip_suffix(ending).filter(|stem| stem.chars().count() >= MIN_STEM_CHARS)
}

/// Tells whether a Cyrillic letter is a consonant (not a vowel, nor a soft or hard sign).
fn is_consonant(c: char) -> bool {
    !"аеёиоуыэюяйьъ".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_adjectives_and_verbs_are_declined_by_their_class() {
        let has = |word: &str, form: &str| forms(word).iter().any(|f| f == form);
        assert!(has("система", "систем"));
        assert!(has("система", "системами"));
        assert!(has("режим", "режимы"));
        assert!(has("погрешность", "погрешности"));
        assert!(has("цифровой", "цифрового"));
        assert!(has("внешний", "внешнего"));
        assert!(has("измерение", "измерения"));
        assert!(has("измерить", "измерение"));
        assert!(has("измерить", "измерения"));
        assert!(has("кодироваться", "кодирование"));
        // A vowel that comes and goes.
        assert!(has("образец", "образцов"));
        assert!(has("уровень", "уровнями"));
        assert!(has("угол", "углов"));
        assert!(has("оценка", "оценок"));
        assert!(has("ячейка", "ячеек"));
        assert!(has("критерий", "критериев"));
        assert!(has("покрой", "покроя"));
        assert!(!forms("канал").iter().any(|f| f == "канлы"));
        assert!(!forms("система").iter().any(|f| f.ends_with("ок")));
        // Not declined: short words, phrases, words in other letters.
        assert_eq!(forms("бой"), ["бой"]);
        assert_eq!(forms("тв"), ["тв"]);
        assert_eq!(forms("ISO"), ["iso"]);
        assert_eq!(forms("радио связь"), ["радио связь"]);
    }
}
