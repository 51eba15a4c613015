//! What every reader shares: the fields a heading, key or JSON name can name, the
//! English, French and Russian section names, and the clean-up of a proposal's values.

use nwip_text::{fold_to_ascii, Language};

use super::Proposal;
use crate::ics::normalize_ics;

/// The fields a section heading, a `Key:` line or a JSON key can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Field {
    Title,
    Scope,
    Purpose,
    Relevant,
    Committee,
    Ics,
    Liaisons,
    Language,
    Organisation,
    Keywords,
}

impl Field {
    pub(super) fn name(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Scope => "scope",
            Field::Purpose => "purpose",
            Field::Relevant => "relevant_documents",
            Field::Committee => "committee",
            Field::Ics => "ics",
            Field::Liaisons => "liaisons",
            Field::Language => "language",
            Field::Organisation => "organisation",
            Field::Keywords => "keywords",
        }
    }

    /// Fields whose `Key:` block ends at the first blank line after some content.
    pub(super) fn is_short(self) -> bool {
        !matches!(self, Field::Scope | Field::Purpose)
    }
}

/// Section names, in the normalised form produced by [`heading_key`].
const ALIASES: &[(&str, Field)] = &[
    // English
    ("title", Field::Title),
    ("proposed title", Field::Title),
    ("title of the proposal", Field::Title),
    ("project title", Field::Title),
    ("scope", Field::Scope),
    ("proposed scope", Field::Scope),
    ("purpose and justification", Field::Purpose),
    ("purpose", Field::Purpose),
    ("justification", Field::Purpose),
    ("rationale", Field::Purpose),
    ("need for the project", Field::Purpose),
    ("relevant documents", Field::Relevant),
    ("relevant", Field::Relevant),
    ("normative references", Field::Relevant),
    ("references", Field::Relevant),
    ("related standards", Field::Relevant),
    ("related documents", Field::Relevant),
    ("committee", Field::Committee),
    ("proposer committee", Field::Committee),
    ("technical committee", Field::Committee),
    ("tc", Field::Committee),
    ("tc/sc", Field::Committee),
    ("ics", Field::Ics),
    ("ics codes", Field::Ics),
    ("ics code", Field::Ics),
    ("liaisons", Field::Liaisons),
    ("liaison", Field::Liaisons),
    ("liaison organizations", Field::Liaisons),
    ("liaison organisations", Field::Liaisons),
    ("cooperation and liaisons", Field::Liaisons),
    ("language", Field::Language),
    ("organisation", Field::Organisation),
    ("organization", Field::Organisation),
    ("proposer", Field::Organisation),
    ("proposing organisation", Field::Organisation),
    ("proposing organization", Field::Organisation),
    ("keywords", Field::Keywords),
    ("key words", Field::Keywords),
    // French
    ("titre", Field::Title),
    ("titre propose", Field::Title),
    ("intitule", Field::Title),
    ("domaine d'application", Field::Scope),
    ("domaine", Field::Scope),
    ("champ d'application", Field::Scope),
    ("objet et justification", Field::Purpose),
    ("objet", Field::Purpose),
    ("objectif et justification", Field::Purpose),
    ("documents de reference", Field::Relevant),
    ("references normatives", Field::Relevant),
    ("documents pertinents", Field::Relevant),
    ("normes connexes", Field::Relevant),
    ("comite", Field::Committee),
    ("comite technique", Field::Committee),
    ("codes ics", Field::Ics),
    ("code ics", Field::Ics),
    ("langue", Field::Language),
    ("mots cles", Field::Keywords),
    ("organisme", Field::Organisation),
    ("organisme proposant", Field::Organisation),
    // Russian
    ("название", Field::Title),
    ("наименование", Field::Title),
    ("область применения", Field::Scope),
    ("сфера применения", Field::Scope),
    ("цель и обоснование", Field::Purpose),
    ("цели и обоснование", Field::Purpose),
    ("обоснование", Field::Purpose),
    ("нормативные ссылки", Field::Relevant),
    ("ссылочные документы", Field::Relevant),
    ("комитет", Field::Committee),
    ("технический комитет", Field::Committee),
    ("тк", Field::Committee),
    ("мкс", Field::Ics),
    ("коды мкс", Field::Ics),
    ("код мкс", Field::Ics),
    ("связи", Field::Liaisons),
    ("взаимодействие", Field::Liaisons),
    ("язык", Field::Language),
    ("организация", Field::Organisation),
    ("ключевые слова", Field::Keywords),
];

/// Document headings that name the form rather than the proposal (`# New work item proposal`).
const GENERIC_TITLES: &[&str] = &[
    "new work item proposal",
    "new work item",
    "nwip",
    "np",
    "form 4",
    "iso form 4",
    "form np",
    "iec form np",
    "new proposal",
    "proposal",
    "proposal for a new work item",
    "proposal for a new pwi",
    "nouvelle proposition d'etude",
    "proposition de nouveau sujet d'etude",
    "proposition",
    "formulaire 4",
    "предложение",
    "предложение о новой работе",
    "предложение по новой теме",
];

/// Normalises a heading or key for matching: lower-cased, accents folded, numbering, bracketed
/// asides and trailing colons removed, hyphens and underscores as spaces, apostrophes unified.
pub(super) fn heading_key(text: &str) -> String {
    let lowered = fold_to_ascii(&text.to_lowercase());
    let mapped: String = lowered
        .chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{02bc}' => '\'',
            '_' | '-' | '\u{2010}' | '\u{2011}' => ' ',
            '\u{00a0}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect();
    let mut rest = mapped.trim();
    for _ in 0..3 {
        let stripped = strip_numbering(rest);
        if stripped.len() == rest.len() {
            break;
        }
        rest = stripped;
    }
    let without_asides = remove_brackets(rest);
    let chosen = if without_asides.trim().is_empty() {
        rest.replace(['(', ')', '[', ']'], " ")
    } else {
        without_asides
    };
    let trimmed = chosen.trim().trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ':' | '\u{ff1a}' | '.' | '*' | '?' | '!' | ';' | ',')
    });
    let trimmed = trimmed.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '*' | ':'));
    collapse_whitespace(trimmed)
}

/// Removes a leading `1.`, `1.2`, `5.2.b`, `1)`, `A)`, `a.`, `(a)`, `IV.` and the space after it.
fn strip_numbering(text: &str) -> &str {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('(') {
        if let Some(close) = inner.find(')') {
            let label = &inner[..close];
            if !label.is_empty()
                && label.chars().count() <= 4
                && label.chars().all(char::is_alphanumeric)
            {
                let rest = &inner[close + 1..];
                if rest.starts_with(char::is_whitespace) {
                    return rest.trim_start();
                }
            }
        }
        return text;
    }
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    if end == text.len() {
        return text;
    }
    let token = &text[..end];
    let core = token.trim_end_matches(['.', ')']);
    let punctuated = core.len() < token.len();
    // `1`, `1.2`, and IEEE PAR items such as `5.2.b`.
    let numbered = core
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .and_then(|rest| rest.strip_suffix('.'))
        .unwrap_or(core);
    let numeric = numbered.starts_with(|c: char| c.is_ascii_digit())
        && numbered.chars().all(|c| c.is_ascii_digit() || c == '.');
    let letter = punctuated && core.chars().count() == 1 && core.chars().all(char::is_alphabetic);
    let roman = punctuated
        && !core.is_empty()
        && core.len() <= 5
        && core.chars().all(|c| "ivxlc".contains(c));
    if numeric || letter || roman {
        text[end..].trim_start()
    } else {
        text
    }
}

/// Removes `(...)` and `[...]` asides (one level of nesting is enough for headings).
fn remove_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Maps a normalised key to a field: exact alias, alias after "proposed", or an alias of five or
/// more characters followed by more words ("Scope of the proposed deliverable").
pub(super) fn classify_key(key: &str) -> Option<Field> {
    if key.is_empty() {
        return None;
    }
    if let Some((_, field)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Some(*field);
    }
    let key = key.strip_prefix("proposed ").unwrap_or(key);
    if let Some((_, field)) = ALIASES.iter().find(|(alias, _)| *alias == key) {
        return Some(*field);
    }
    ALIASES
        .iter()
        .filter(|(alias, _)| alias.chars().count() >= 5)
        .filter(|(alias, _)| {
            let Some(rest) = key.strip_prefix(alias).and_then(|rest| rest.strip_prefix(' ')) else {
                return false;
            };
            // "Scope of the proposed deliverable", "Domaine d'application du projet", but not a title
            // such as "Language resource management".
            alias.contains(' ')
                || rest.split([' ', '\'']).next().is_some_and(|word| CONNECTORS.contains(&word))
        })
        .max_by_key(|(alias, _)| alias.len())
        .map(|(_, field)| *field)
}

/// Words that may follow a one-word section name in a longer heading ("Title of the proposal").
const CONNECTORS: &[&str] = &[
    "of", "for", "and", "to", "in", "de", "du", "des", "d", "et", "pour", "по", "для", "и", "о",
    "об",
];

/// Maps a heading (plain text) to a field, also trying each side of a bilingual heading
/// ("Scope / Domaine d'application").
pub(super) fn classify(heading: &str) -> Option<Field> {
    if heading.chars().count() > 120 {
        return None;
    }
    if let Some(field) = classify_key(&heading_key(heading)) {
        return Some(field);
    }
    let parts: Vec<&str> = heading
        .split(['/', '|', '\u{2014}', '\u{2013}'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 2 {
        return None;
    }
    let fields: Vec<Option<Field>> =
        parts.iter().map(|part| classify_key(&heading_key(part))).collect();
    let first = fields[0]?;
    fields.iter().all(|field| *field == Some(first)).then_some(first)
}

/// Returns the text after a generic form heading (`New work item proposal: X` → `X`, `NWIP` → an empty string),
/// or `None` if the heading is a real title.
pub(super) fn generic_title_rest(title: &str) -> Option<String> {
    if GENERIC_TITLES.contains(&heading_key(title).as_str()) {
        return Some(String::new());
    }
    for separator in [":", " \u{2014} ", " \u{2013} ", " - ", "|"] {
        if let Some((head, tail)) = title.split_once(separator) {
            if GENERIC_TITLES.contains(&heading_key(head).as_str()) {
                return Some(tail.trim().to_string());
            }
        }
    }
    None
}

fn is_placeholder(text: &str) -> bool {
    let key = heading_key(text);
    let key = key.trim_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    let dashes =
        text.trim().chars().all(|c| matches!(c, '-' | '\u{2013}' | '\u{2014}' | '.' | ' '));
    dashes
        || matches!(
            key,
            "none"
                | "n/a"
                | "na"
                | "nil"
                | "tbd"
                | "tba"
                | "not applicable"
                | "to be determined"
                | "aucun"
                | "aucune"
                | "neant"
                | "sans objet"
                | "s.o"
                | "a determiner"
                | "нет"
                | "отсутствуют"
                | "не применимо"
        )
}

pub(super) fn parse_language(text: &str) -> Language {
    let lowered = text.trim().to_lowercase();
    let by_name = |word: &str| -> Language {
        match Language::from_code(word) {
            Language::Unknown => match fold_to_ascii(word).as_str() {
                "anglais" | "английский" | "englisch" | "ingles" => Language::English,
                "francais" | "французский" | "franzosisch" | "frances" => {
                    Language::French
                }
                "russe" | "русский" | "russisch" | "ruso" => Language::Russian,
                "allemand" | "немецкий" | "deutsch" | "aleman" => Language::German,
                "espagnol" | "испанский" | "espanol" | "spanisch" => Language::Spanish,
                _ => Language::Unknown,
            },
            known => known,
        }
    };
    let whole = by_name(&lowered);
    if whole != Language::Unknown {
        return whole;
    }
    lowered
        .split(|c: char| !c.is_alphabetic())
        .filter(|word| !word.is_empty())
        .map(by_name)
        .find(|language| *language != Language::Unknown)
        .unwrap_or(Language::Unknown)
}

/// Extracts ICS codes from one entry (`43.120`, `ICS 43.120 Electric road vehicles`,
/// `43.120 35.240.60`). Returns nothing if the entry holds no code.
fn ics_codes(entry: &str) -> Vec<String> {
    let entry = entry.trim();
    if let Some(code) = normalize_ics(entry) {
        return vec![code];
    }
    let mut codes = Vec::new();
    let mut position = 0usize;
    for token in entry.split(|c: char| c.is_whitespace() || c == ',' || c == ';') {
        let bare = token.trim_matches(|c: char| !c.is_ascii_digit());
        if token.is_empty()
            || matches!(token.to_lowercase().trim_end_matches(':'), "ics" | "мкс" | ":")
        {
            continue;
        }
        let wrapped = token.starts_with('(') || token.starts_with('[');
        if let Some(code) = normalize_ics(bare) {
            if bare.contains('.') || position == 0 || wrapped {
                codes.push(code);
            }
        }
        position += 1;
    }
    codes
}

pub(super) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

pub(super) fn normalise_newlines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn clean_entries(entries: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(entries.len());
    for entry in entries {
        let entry = collapse_whitespace(&entry);
        let entry = entry.trim_end_matches([',', ';']).trim().to_string();
        if !entry.is_empty() && !is_placeholder(&entry) && !out.contains(&entry) {
            out.push(entry);
        }
    }
    out
}

fn clean_option(value: Option<String>) -> Option<String> {
    value
        .map(|value| collapse_whitespace(&value))
        .filter(|value| !value.is_empty() && !is_placeholder(value))
}

/// Trims and normalises every field of a proposal (the title check is the caller's).
pub(super) fn finish(proposal: Proposal) -> Proposal {
    let mut ics = Vec::new();
    for entry in clean_entries(proposal.ics) {
        let codes = ics_codes(&entry);
        let found = if codes.is_empty() { vec![entry] } else { codes };
        for code in found {
            if !ics.contains(&code) {
                ics.push(code);
            }
        }
    }
    Proposal {
        title: collapse_whitespace(&proposal.title),
        scope: proposal.scope.trim().to_string(),
        purpose: proposal.purpose.trim().to_string(),
        relevant_documents: clean_entries(proposal.relevant_documents)
            .into_iter()
            .map(|entry| entry.trim_end_matches('.').trim_end().to_string())
            .filter(|entry| !entry.is_empty())
            .collect(),
        committee: clean_option(proposal.committee),
        ics,
        liaisons: clean_entries(proposal.liaisons),
        language: proposal.language,
        organisation: clean_option(proposal.organisation),
        keywords: clean_entries(proposal.keywords),
    }
}

/// Splits a one-line list (ICS codes, liaisons, keywords on commas and semicolons; relevant
/// documents on semicolons only, as references contain commas).
pub(super) fn split_list(field: Field, line: &str) -> Vec<String> {
    let separators: &[char] = match field {
        Field::Relevant => &[';', '\n'],
        _ => &[',', ';', '\n'],
    };
    line.split(separators)
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(classify("Purpose and justification"), Some(Field::Purpose));
        assert_eq!(classify("Objet et justification"), Some(Field::Purpose));
        assert_eq!(classify("Mots clés"), Some(Field::Keywords));
        assert_eq!(classify("ICS (International Classification for Standards)"), Some(Field::Ics));
        assert_eq!(classify("Scope / Domaine d'application"), Some(Field::Scope));
        assert_eq!(classify("Scope / Purpose"), None);
        assert_eq!(classify("Market relevance"), None);
        assert_eq!(classify("Ii. Scope"), Some(Field::Scope));
        assert_eq!(classify("5.2.b Scope of the project"), Some(Field::Scope));
        assert_eq!(classify("2.1 Project Title"), Some(Field::Title));
        assert_eq!(classify("5.4 Need for the Project"), Some(Field::Purpose));
        assert_eq!(parse_language("Français"), Language::French);
        assert_eq!(parse_language("Русский"), Language::Russian);
        assert_eq!(parse_language("English (en-GB)"), Language::English);
        assert_eq!(ics_codes("ICS: 43.120, 43.140"), ["43.120", "43.140"]);
        assert_eq!(ics_codes("part 2 of 43.120"), ["43.120"]);
        assert!(ics_codes("Road vehicles").is_empty());
    }
}
