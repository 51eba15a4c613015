//! Text prepared for the grammars: mostly ASCII, single spaces, Cyrillic transliterated, HTML
//! entities and typographic dashes and slashes replaced; with the source byte range of each byte
//! when the text is prose, so that what was found can be quoted as written.

/// Normalised text, with the source range of each byte when kept.
pub(super) struct Normalized {
    pub(super) text: String,
    start: Vec<u32>,
    end: Vec<u32>,
}

/// Whether [`normalize`] keeps the source range of each byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Offsets {
    /// Keep them (free text: found identifiers are quoted from the source).
    Keep,
    /// Drop them (a catalogue identifier).
    Drop,
}

impl Normalized {
    /// The source text behind normalised bytes `a..b`.
    pub(super) fn source_slice<'t>(&self, src: &'t str, a: usize, b: usize) -> &'t str {
        if a >= b || b > self.end.len() || a >= self.start.len() {
            return "";
        }
        let (sa, sb) = (self.start[a] as usize, self.end[b - 1] as usize);
        src.get(sa..sb).map(str::trim).unwrap_or("")
    }
}

/// Latin letters of a Cyrillic letter (GOST identifiers: `ГОСТ Р ИСО` is `GOST R ISO`).
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'А' | 'а' => "A",
        'Б' | 'б' => "B",
        'В' | 'в' => "V",
        'Г' | 'г' | 'Ґ' | 'ґ' => "G",
        'Д' | 'д' => "D",
        'Е' | 'е' | 'Ё' | 'ё' | 'Э' | 'э' => "E",
        'Ж' | 'ж' => "ZH",
        'З' | 'з' => "Z",
        'И' | 'и' | 'І' | 'і' => "I",
        'Й' | 'й' => "Y",
        'К' | 'к' => "K",
        'Л' | 'л' => "L",
        'М' | 'м' => "M",
        'Н' | 'н' => "N",
        'О' | 'о' => "O",
        'П' | 'п' => "P",
        'Р' | 'р' => "R",
        'С' | 'с' => "S",
        'Т' | 'т' => "T",
        'У' | 'у' | 'Ў' | 'ў' => "U",
        'Ф' | 'ф' => "F",
        'Х' | 'х' => "KH",
        'Ц' | 'ц' => "TS",
        'Ч' | 'ч' => "CH",
        'Ш' | 'ш' => "SH",
        'Щ' | 'щ' => "SHCH",
        'Ъ' | 'ъ' | 'Ь' | 'ь' => "",
        'Ы' | 'ы' => "Y",
        'Ю' | 'ю' => "YU",
        'Я' | 'я' => "YA",
        'Є' | 'є' => "YE",
        'Ї' | 'ї' => "YI",
        _ => return None,
    })
}

const ENTITIES: &[(&str, &str)] = &[
    ("&#x2F;", "/"),
    ("&#x2f;", "/"),
    ("&#47;", "/"),
    ("&sol;", "/"),
    ("&nbsp;", " "),
    ("&#160;", " "),
    ("&#xA0;", " "),
    ("&amp;", "&"),
];

/// Normalises `src` for scanning.
pub(super) fn normalize(src: &str, offsets: Offsets) -> Normalized {
    let keep = offsets == Offsets::Keep;
    let mut text = String::with_capacity(src.len() + 8);
    let mut start = Vec::new();
    let mut end = Vec::new();
    let mut iter = src.char_indices();
    let mut buf = [0u8; 4];
    while let Some((o, c)) = iter.next() {
        let mut clen = c.len_utf8();
        let mut lower_case = false;
        let rep: &str = match c {
            '&' => match ENTITIES.iter().find(|(e, _)| src[o..].starts_with(e)) {
                Some((e, r)) => {
                    for _ in 1..e.len() {
                        iter.next();
                    }
                    clen = e.len();
                    r
                }
                None => "&",
            },
            '™' | '®' | '©' | '\u{200B}' | '\u{00AD}' | '\u{FEFF}' | '\u{2060}' => "",
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => "-",
            '\u{2044}' | '\u{2215}' | '\u{FF0F}' => "/",
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => "'",
            '\u{FF1A}' => ":",
            c if c.is_whitespace() => " ",
            c => match transliterate(c) {
                Some(t) => {
                    lower_case = c.is_lowercase();
                    t
                }
                None => c.encode_utf8(&mut buf),
            },
        };
        for &b in rep.as_bytes() {
            if b == b' ' && (text.is_empty() || text.ends_with(' ')) {
                continue;
            }
            let b = if lower_case { b.to_ascii_lowercase() } else { b };
            // `rep` is valid UTF-8 and ASCII bytes are pushed one by one only when ASCII.
            if b < 0x80 {
                text.push(b as char);
                if keep {
                    start.push(o as u32);
                    end.push((o + clen) as u32);
                }
            }
        }
        if !rep.is_ascii() {
            text.push_str(rep);
            if keep {
                for _ in 0..rep.len() {
                    start.push(o as u32);
                    end.push((o + clen) as u32);
                }
            }
        }
    }
    if text.ends_with(' ') {
        text.pop();
        if keep {
            start.pop();
            end.pop();
        }
    }
    Normalized { text, start, end }
}

/// Cuts a trailing title or note introduced by " - " ("CCSDS 650.0-B-1 - French Translated").
pub(super) fn cut_title(s: &str) -> &str {
    match s.find(" - ") {
        Some(k) if k > 0 => &s[..k],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_spaces_entities_and_cyrillic() {
        let norm = normalize("ГОСТ Р\u{a0}ИСО 9001\u{2011}2015 &amp; ISO&#x2F;IEC", Offsets::Drop);
        assert_eq!(norm.text, "GOST R ISO 9001-2015 & ISO/IEC");
        assert_eq!(cut_title("CCSDS 650.0-B-1 - French Translated"), "CCSDS 650.0-B-1");
    }

    #[test]
    fn offsets_map_back_to_the_source() {
        let src = "l’ISO\u{a0}19069‑1 ok";
        let norm = normalize(src, Offsets::Keep);
        let a = norm.text.find("ISO").unwrap();
        let b = norm.text.find(" ok").unwrap();
        assert_eq!(norm.source_slice(src, a, b), "ISO\u{a0}19069‑1");
    }
}
