//! The Markdown reader: Form-4-shaped documents with headings, key lines, front matter and tables.

use super::fields::{
    classify, classify_key, collapse_whitespace, finish, generic_title_rest, heading_key,
    normalise_newlines, parse_language, split_list, strip_bom, Field,
};
use super::{Proposal, ProposalError};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    /// Text outside any section (the preamble, or after a short `Key:` block).
    Free,
    /// A `#` heading (or bold line) section.
    Heading,
    /// A `Key: value` block.
    Key,
}

#[derive(Debug)]
struct Section {
    field: Option<Field>,
    kind: Kind,
    heading: Option<String>,
    level: usize,
    line: usize,
    lines: Vec<(usize, String)>,
    /// For a key block: the heading of the unknown section it appeared in.
    parent: Option<String>,
    /// For a key block: whether the value was on the key line (`Committee: ISO/TC 22`).
    inline: bool,
}

impl Section {
    fn new(
        field: Option<Field>,
        kind: Kind,
        heading: Option<String>,
        level: usize,
        line: usize,
    ) -> Section {
        Section {
            field,
            kind,
            heading,
            level,
            line,
            lines: Vec::new(),
            parent: None,
            inline: false,
        }
    }

    fn has_content(&self) -> bool {
        self.lines.iter().any(|(_, line)| !line.trim().is_empty())
    }
}

/// Splits `Key: value` (or `Key : value`) when `Key` names a known section; the value may be
/// empty. Works on plain text (emphasis already stripped).
pub(super) fn split_key(line: &str) -> Option<(Field, String)> {
    let line = line.trim();
    let index = line.find([':', '\u{ff1a}'])?;
    let key = &line[..index];
    if key.trim().is_empty() || key.chars().count() > 60 || key.contains("//") {
        return None;
    }
    let value = line[index..].chars().skip(1).collect::<String>();
    if value.starts_with("//") {
        return None;
    }
    let field = classify_key(&heading_key(key))?;
    Some((field, value.trim().to_string()))
}

/// Reads a table row `| Key | value |` as a key line.
fn split_table_key(line: &str) -> Option<(Field, String)> {
    let cells = table_cells(line)?;
    if cells.len() < 2 {
        return None;
    }
    let field = classify(strip_inline(cells[0]).trim_end_matches(':'))?;
    let value: Vec<String> =
        cells[1..].iter().map(|cell| strip_inline(cell)).filter(|c| !c.is_empty()).collect();
    Some((field, value.join(" \u{2014} ")))
}

fn table_cells(line: &str) -> Option<Vec<&str>> {
    let inner = line.trim().strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    Some(inner.split('|').map(str::trim).collect())
}

fn is_table_separator(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.contains('-')
        && trimmed.contains('|')
        && trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

fn is_generic_table_header(line: &str) -> bool {
    table_cells(line).is_some_and(|cells| {
        cells.iter().all(|cell| {
            matches!(
                heading_key(&strip_inline(cell)).as_str(),
                "" | "field"
                    | "fields"
                    | "value"
                    | "values"
                    | "item"
                    | "key"
                    | "entry"
                    | "description"
                    | "details"
                    | "champ"
                    | "rubrique"
                    | "valeur"
                    | "поле"
                    | "значение"
            )
        })
    })
}

fn is_thematic_break(line: &str) -> bool {
    let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_')
            || compact.chars().all(|c| c == '='))
}

/// `#`..`######` heading: returns its level and text.
fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = line.trim_start_matches(' ');
    let level = rest.len() - rest.trim_start_matches('#').len();
    if level == 0 || level > 6 {
        return None;
    }
    let text = &rest[level..];
    if !text.is_empty() && !text.starts_with([' ', '\t']) {
        return None;
    }
    let text = text.trim();
    // A closing sequence of #s, if separated by a space.
    let without_closing = text.trim_end_matches('#');
    let text = if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
        without_closing.trim_end()
    } else {
        text
    };
    Some((level, text))
}

fn setext_level(line: &str) -> Option<usize> {
    let trimmed = line.trim();
    if trimmed.len() >= 2 && trimmed.chars().all(|c| c == '=') {
        Some(1)
    } else if trimmed.len() >= 3 && trimmed.chars().all(|c| c == '-') {
        Some(2)
    } else {
        None
    }
}

fn fence_open(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start();
    for marker in ['`', '~'] {
        let count = trimmed.len() - trimmed.trim_start_matches(marker).len();
        if count >= 3 {
            return Some((marker, count));
        }
    }
    None
}

fn strip_blockquote(line: &str) -> &str {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('>') {
            Some(after) => rest = after.strip_prefix(' ').unwrap_or(after),
            None => return rest,
        }
    }
}

fn is_bold_line(line: &str) -> bool {
    let line = line.trim().trim_end_matches(':').trim_end();
    (line.starts_with("**") && (line.ends_with("**") || line.ends_with("**:")) && line.len() > 4)
        || (line.starts_with("__") && line.ends_with("__") && line.len() > 4)
}

/// Replaces `<!-- ... -->` comments by nothing, keeping their line breaks.
fn remove_html_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        match after.find("-->") {
            Some(end) => {
                out.extend(after[..end].chars().filter(|c| *c == '\n'));
                rest = &after[end + 3..];
            }
            None => {
                out.extend(after.chars().filter(|c| *c == '\n'));
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Rewrites YAML-like front matter (`---` ... `---`) into key lines: known keys stay, unknown
/// keys and their indented continuation are blanked, quotes and `[a, b]` brackets are removed.
fn rewrite_front_matter(lines: &mut [String]) {
    let Some(first) = lines.iter().position(|line| !line.trim().is_empty()) else { return };
    if lines[first].trim() != "---" {
        return;
    }
    let Some(close) = lines
        .iter()
        .enumerate()
        .skip(first + 1)
        .take(300)
        .find(|(_, line)| matches!(line.trim(), "---" | "..."))
        .map(|(i, _)| i)
    else {
        return;
    };
    let looks_like_yaml = lines[first + 1..close].iter().all(|line| {
        let trimmed = line.trim();
        trimmed.is_empty()
            || trimmed.starts_with('#')
            || line.starts_with([' ', '\t', '-'])
            || trimmed.contains(':')
    });
    if !looks_like_yaml {
        return;
    }
    lines[first].clear();
    lines[close].clear();
    let mut keep_continuation = false;
    for line in &mut lines[first + 1..close] {
        let trimmed = line.trim().to_string();
        if trimmed.starts_with('#') {
            line.clear();
            continue;
        }
        if line.starts_with([' ', '\t', '-']) {
            if !keep_continuation {
                line.clear();
            }
            continue;
        }
        match split_key(&trimmed) {
            Some((_, value)) => {
                keep_continuation = true;
                let key = &trimmed[..trimmed.find([':', '\u{ff1a}']).unwrap_or(0)];
                let mut value = value.trim();
                if matches!(value, ">" | "|" | ">-" | "|-") {
                    value = "";
                }
                let value = value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'))
                    .or_else(|| value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
                    .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                    .unwrap_or(value);
                *line = format!("{key}: {value}");
            }
            None => {
                keep_continuation = false;
                line.clear();
            }
        }
    }
}

/// Walks the lines and cuts them into sections; returns the sections and the first `#` title.
fn sections(lines: &[String]) -> (Vec<Section>, Option<(usize, String)>) {
    let mut sections = vec![Section::new(None, Kind::Free, None, 0, 1)];
    let mut title: Option<(usize, String)> = None;
    let mut fence: Option<(char, usize)> = None;
    let mut seen_content = false;
    let mut i = 0;
    while i < lines.len() {
        let number = i + 1;
        let raw = strip_blockquote(&lines[i]);
        let trimmed = raw.trim();
        i += 1;
        if let Some((marker, count)) = fence {
            let closing = trimmed.len() - trimmed.trim_start_matches(marker).len();
            if closing >= count && trimmed.trim_start_matches(marker).trim().is_empty() {
                fence = None;
            } else {
                push_line(&mut sections, number, raw.to_string());
            }
            continue;
        }
        if let Some(open) = fence_open(trimmed) {
            fence = Some(open);
            seen_content = true;
            continue;
        }
        let mut heading: Option<(usize, String)> = None;
        if let Some((level, text)) = atx_heading(raw) {
            heading = Some((level, strip_inline(text)));
        } else if !trimmed.is_empty()
            && i < lines.len()
            && (number == 1 || lines[number - 2].trim().is_empty())
            && list_item(raw).is_none()
            && !trimmed.starts_with('|')
            && split_key(&strip_inline(trimmed)).is_none()
        {
            if let Some(level) = setext_level(&lines[i]) {
                heading = Some((level, strip_inline(trimmed)));
                i += 1;
            }
        }
        if let Some((level, text)) = heading {
            start_heading(&mut sections, &mut title, seen_content, level, text, number);
            seen_content = true;
            continue;
        }
        let current = sections.last_mut().expect("there is always a section");
        let short_block = current.kind == Kind::Key && current.field.is_some_and(Field::is_short);
        // A short key block ends at a blank line after its content, and a key line with its
        // value inline ends at the next line that is not a list item or indented.
        let ends = short_block
            && current.has_content()
            && (trimmed.is_empty()
                || (current.inline && list_item(raw).is_none() && !raw.starts_with([' ', '\t'])));
        if ends {
            let parent = current.parent.clone();
            let kind = if parent.is_some() { Kind::Heading } else { Kind::Free };
            let level = current.level;
            sections.push(Section::new(None, kind, parent, level, number));
        }
        let current = sections.last_mut().expect("there is always a section");
        if trimmed.is_empty() {
            if !ends {
                current.lines.push((number, String::new()));
            }
            continue;
        }
        seen_content = true;
        if i < lines.len() && is_table_separator(&lines[i]) && is_generic_table_header(trimmed) {
            // `| Field | Value |` above a table of key rows.
            continue;
        }
        let plain = strip_inline(trimmed);
        if is_bold_line(trimmed) {
            if let Some(field) = classify(&plain) {
                let level = current.level.max(2);
                sections.push(Section::new(Some(field), Kind::Heading, Some(plain), level, number));
                continue;
            }
        }
        let keys_allowed = current.kind != Kind::Heading || current.field.is_none();
        let key =
            if trimmed.starts_with('|') { split_table_key(trimmed) } else { split_key(&plain) };
        if let Some((field, value)) = key {
            if value.is_empty() || keys_allowed {
                let parent = match current.kind {
                    Kind::Heading if current.field.is_none() => current.heading.clone(),
                    Kind::Key => current.parent.clone(),
                    _ => None,
                };
                let heading =
                    plain.split([':', '|', '\u{ff1a}']).find(|part| !part.trim().is_empty());
                let heading = heading.map(|h| h.trim().to_string());
                let level = current.level;
                let mut section = Section::new(Some(field), Kind::Key, heading, level, number);
                section.parent = parent;
                if !value.is_empty() {
                    section.lines.push((number, value));
                    section.inline = true;
                }
                sections.push(section);
                continue;
            }
        }
        current.lines.push((number, raw.to_string()));
    }
    (sections, title)
}

fn push_line(sections: &mut [Section], number: usize, line: String) {
    if let Some(current) = sections.last_mut() {
        current.lines.push((number, line));
    }
}

fn start_heading(
    sections: &mut Vec<Section>,
    title: &mut Option<(usize, String)>,
    seen_content: bool,
    level: usize,
    text: String,
    number: usize,
) {
    if let Some(field) = classify(&text) {
        sections.push(Section::new(Some(field), Kind::Heading, Some(text), level, number));
        return;
    }
    if let Some((field, value)) = split_key(&text) {
        if !value.is_empty() {
            let heading = text.split([':', '\u{ff1a}']).next().unwrap_or("").trim().to_string();
            let mut section =
                Section::new(Some(field), Kind::Heading, Some(heading), level, number);
            section.lines.push((number, value));
            sections.push(section);
            return;
        }
    }
    if title.is_none() && (level == 1 || !seen_content) {
        *title = Some((number, text));
        sections.push(Section::new(None, Kind::Free, None, level, number));
        return;
    }
    let current = sections.last_mut().expect("there is always a section");
    if current.kind == Kind::Heading && current.field.is_some() && level > current.level {
        // A sub-heading of a known section stays in it.
        current.lines.push((number, String::new()));
        current.lines.push((number, text));
        current.lines.push((number, String::new()));
        return;
    }
    sections.push(Section::new(None, Kind::Heading, Some(text), level, number));
}

pub(super) fn parse(text: &str) -> Result<Proposal, ProposalError> {
    let text = remove_html_comments(&normalise_newlines(strip_bom(text)));
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    rewrite_front_matter(&mut lines);
    let Some(first_line) = lines.iter().position(|line| !line.trim().is_empty()).map(|i| i + 1)
    else {
        return Err(ProposalError::empty());
    };
    let (sections, h1) = sections(&lines);

    let mut proposal = Proposal::default();
    let mut title: Option<String> = None;
    let mut empty_title_line: Option<usize> = None;
    let mut scope: Vec<String> = Vec::new();
    let mut purpose: Vec<String> = Vec::new();
    // Text outside known sections, in order; `true` for free text (no heading).
    let mut extras: Vec<(bool, String)> = Vec::new();
    let labelled = |heading: &Option<String>, text: String| match heading {
        Some(heading) if !heading.is_empty() => format!("{heading}\n\n{text}"),
        _ => text,
    };

    for section in &sections {
        let blocks = blocks(&section.lines, true);
        let Some(field) = section.field else {
            let text = blocks_text(&blocks);
            if !text.is_empty() {
                let free = section.heading.is_none();
                extras.push((free, labelled(&section.heading, text)));
            }
            continue;
        };
        match field {
            Field::Title => {
                let mut rest = blocks.as_slice();
                if title.is_none() {
                    if let Some((first, others)) = blocks.split_first() {
                        title = Some(first.lines.join(" "));
                        rest = others;
                    } else {
                        empty_title_line.get_or_insert(section.line);
                    }
                }
                let text = blocks_text(rest);
                if !text.is_empty() {
                    extras.push((false, labelled(&section.heading, text)));
                }
            }
            Field::Scope => scope.push(blocks_text(&blocks)),
            Field::Purpose => purpose.push(blocks_text(&blocks)),
            Field::Relevant | Field::Ics | Field::Liaisons | Field::Keywords => {
                let entries = list_entries(field, &blocks);
                let target = match field {
                    Field::Relevant => &mut proposal.relevant_documents,
                    Field::Ics => &mut proposal.ics,
                    Field::Liaisons => &mut proposal.liaisons,
                    _ => &mut proposal.keywords,
                };
                target.extend(entries);
            }
            Field::Committee | Field::Organisation | Field::Language => {
                let mut values: Vec<String> = Vec::new();
                for block in &blocks {
                    values.extend(block.lines.iter().map(|line| line.trim().to_string()));
                }
                values.retain(|value| !value.is_empty());
                let slot_empty = match field {
                    Field::Committee => proposal.committee.is_none(),
                    Field::Organisation => proposal.organisation.is_none(),
                    _ => proposal.language.is_none(),
                };
                let mut values = values.into_iter();
                if slot_empty {
                    if let Some(value) = values.next() {
                        match field {
                            Field::Committee => proposal.committee = Some(value),
                            Field::Organisation => proposal.organisation = Some(value),
                            _ => proposal.language = Some(parse_language(&value)),
                        }
                    }
                }
                let rest: Vec<String> = values.collect();
                if !rest.is_empty() {
                    extras.push((false, labelled(&section.heading, rest.join("\n"))));
                }
            }
        }
    }

    let title = match title {
        Some(title) => title,
        None => match h1
            .as_ref()
            .map(|(line, text)| (*line, generic_title_rest(text).unwrap_or(text.clone())))
        {
            Some((_, text)) if !text.trim().is_empty() => text,
            Some((line, _)) => return Err(ProposalError::no_title(Some(line))),
            None => {
                if let Some(line) = empty_title_line {
                    return Err(ProposalError::MissingField {
                        path: None,
                        line: Some(line),
                        field: "title",
                        message: "the title section is empty".to_string(),
                    });
                }
                return Err(ProposalError::no_title(Some(first_line)));
            }
        },
    };
    proposal.title = title;
    scope.retain(|text| !text.is_empty());
    purpose.retain(|text| !text.is_empty());
    if scope.is_empty() {
        scope.extend(extras.iter().filter(|(free, _)| *free).map(|(_, text)| text.clone()));
        extras.retain(|(free, _)| !free);
    }
    purpose.extend(extras.into_iter().map(|(_, text)| text));
    proposal.scope = scope.join("\n\n");
    proposal.purpose = purpose.join("\n\n");
    let proposal = finish(proposal);
    if proposal.title.is_empty() {
        return Err(ProposalError::no_title(Some(first_line)));
    }
    Ok(proposal)
}

#[derive(Debug, PartialEq)]
enum BlockKind {
    Paragraph,
    /// A list item, with its marker normalised (`-` for bullets, `1.` or `a)` as written).
    Item(String),
    Row,
}

#[derive(Debug)]
pub(super) struct Block {
    kind: BlockKind,
    lines: Vec<String>,
    /// Whether a blank line came before this block.
    gap: bool,
}

/// Recognises a list item: `-`, `*`, `+`, `•` bullets, `1.` / `1)` numbers, `a)` letters,
/// `(a)` and `[1]` labels.
fn list_item(line: &str) -> Option<(String, &str)> {
    let trimmed = line.trim_start();
    let mut chars = trimmed.char_indices();
    let (_, first) = chars.next()?;
    let after = |index: usize| -> Option<&str> {
        let rest = &trimmed[index..];
        if rest.is_empty() {
            Some(rest)
        } else if rest.starts_with([' ', '\t']) {
            Some(rest.trim_start())
        } else {
            None
        }
    };
    if matches!(first, '-' | '*' | '+' | '\u{2022}' | '\u{00b7}' | '\u{2013}' | '\u{2014}') {
        return after(first.len_utf8()).map(|rest| ("-".to_string(), rest));
    }
    if first.is_ascii_digit() {
        let digits = trimmed.len() - trimmed.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits <= 3 {
            let punct = trimmed[digits..].chars().next()?;
            if matches!(punct, '.' | ')') {
                return after(digits + 1).map(|rest| (trimmed[..digits + 1].to_string(), rest));
            }
        }
        return None;
    }
    if first.is_alphabetic() {
        let (index, punct) = chars.next()?;
        if punct == ')' {
            return after(index + 1).map(|rest| (trimmed[..index + 1].to_string(), rest));
        }
        return None;
    }
    if matches!(first, '(' | '[') {
        let close = if first == '(' { ')' } else { ']' };
        let end = trimmed.find(close)?;
        let label = &trimmed[1..end];
        if !label.is_empty()
            && label.chars().count() <= 4
            && label.chars().all(char::is_alphanumeric)
        {
            return after(end + 1).map(|rest| (trimmed[..end + 1].to_string(), rest));
        }
    }
    None
}

/// Cuts section lines into paragraphs, list items and table rows, as plain text.
pub(super) fn blocks(lines: &[(usize, String)], markdown: bool) -> Vec<Block> {
    let plain = |text: &str| {
        if markdown {
            collapse_whitespace(&strip_inline(text))
        } else {
            collapse_whitespace(text)
        }
    };
    let mut blocks: Vec<Block> = Vec::new();
    let mut gap = false;
    for (_, line) in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            gap = true;
            continue;
        }
        if markdown && (is_thematic_break(trimmed) || is_table_separator(trimmed)) {
            continue;
        }
        if markdown {
            if let Some(cells) = table_cells(trimmed) {
                let cells: Vec<String> =
                    cells.iter().map(|cell| plain(cell)).filter(|c| !c.is_empty()).collect();
                if !cells.is_empty() {
                    blocks.push(Block {
                        kind: BlockKind::Row,
                        lines: vec![cells.join(" \u{2014} ")],
                        gap,
                    });
                }
                gap = false;
                continue;
            }
        }
        if let Some((marker, rest)) = list_item(line) {
            let text = plain(rest);
            if !text.is_empty() {
                blocks.push(Block { kind: BlockKind::Item(marker), lines: vec![text], gap });
            }
            gap = false;
            continue;
        }
        let text = plain(trimmed);
        if text.is_empty() {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        match blocks.last_mut() {
            Some(last) if matches!(last.kind, BlockKind::Item(_)) && (!gap || indented) => {
                if let Some(item) = last.lines.last_mut() {
                    item.push(' ');
                    item.push_str(&text);
                }
            }
            Some(last) if last.kind == BlockKind::Paragraph && !gap => last.lines.push(text),
            _ => blocks.push(Block { kind: BlockKind::Paragraph, lines: vec![text], gap }),
        }
        gap = false;
    }
    blocks
}

/// Renders blocks as text: paragraph lines joined by spaces, items and rows one per line,
/// blank lines where the source had them.
pub(super) fn blocks_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        if !out.is_empty() {
            out.push_str(if block.gap { "\n\n" } else { "\n" });
        }
        if let BlockKind::Item(marker) = &block.kind {
            out.push_str(marker);
            out.push(' ');
        }
        out.push_str(&block.lines.join(" "));
    }
    out
}

fn list_entries(field: Field, blocks: &[Block]) -> Vec<String> {
    let mut entries = Vec::new();
    for block in blocks {
        match block.kind {
            // Items are split only where their separators cannot be part of an entry.
            BlockKind::Item(_) | BlockKind::Row
                if matches!(field, Field::Relevant | Field::Ics) =>
            {
                entries.extend(block.lines.iter().flat_map(|line| split_list(field, line)))
            }
            BlockKind::Item(_) | BlockKind::Row => entries.extend(block.lines.iter().cloned()),
            BlockKind::Paragraph => {
                entries.extend(block.lines.iter().flat_map(|line| split_list(field, line)))
            }
        }
    }
    entries
}

/// Strips inline Markdown: emphasis, code spans, links and images (their text is kept),
/// autolinks, HTML tags and backslash escapes.
pub(super) fn strip_inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    strip_inline_into(&chars, &mut out, 0);
    out
}

fn strip_inline_into(chars: &[char], out: &mut String, depth: usize) {
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if chars.get(i + 1).is_some_and(char::is_ascii_punctuation) => {
                out.push(chars[i + 1]);
                i += 2;
            }
            '!' if chars.get(i + 1) == Some(&'[') && depth < 4 => match link(chars, i + 1) {
                Some((label, end)) => {
                    strip_inline_into(label, out, depth + 1);
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '[' if depth < 4 => match link(chars, i) {
                Some((label, end)) => {
                    strip_inline_into(label, out, depth + 1);
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '<' => match angle(chars, i) {
                Some((inner, end)) => {
                    out.push_str(&inner);
                    i = end;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            },
            '`' => {
                while chars.get(i) == Some(&'`') {
                    i += 1;
                }
            }
            '*' | '_' | '~' => {
                let start = i;
                while chars.get(i) == Some(&c) {
                    i += 1;
                }
                let run = i - start;
                let before = if start > 0 { chars[start - 1] } else { ' ' };
                let after = chars.get(i).copied().unwrap_or(' ');
                let flanking = !before.is_whitespace() || !after.is_whitespace();
                let keep = match c {
                    '_' => before.is_alphanumeric() && after.is_alphanumeric(),
                    '~' => run < 2,
                    _ => !flanking || (before.is_ascii_digit() && after.is_ascii_digit()),
                };
                if keep {
                    out.extend(std::iter::repeat_n(c, run));
                }
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
}

/// Parses `[label](url)`, `[label][ref]` or `[label][]` starting at `[`; returns the label and
/// the index after the link.
fn link(chars: &[char], open: usize) -> Option<(&[char], usize)> {
    const WINDOW: usize = 2_000;
    let mut depth = 0usize;
    let mut close = None;
    for (index, &c) in chars.iter().enumerate().skip(open).take(WINDOW) {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(index);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let label = &chars[open + 1..close];
    let (opener, closer) = match chars.get(close + 1) {
        Some('(') => ('(', ')'),
        Some('[') => ('[', ']'),
        _ => return None,
    };
    let mut depth = 0usize;
    for (index, &c) in chars.iter().enumerate().skip(close + 1).take(WINDOW) {
        if c == opener {
            depth += 1;
        } else if c == closer {
            depth -= 1;
            if depth == 0 {
                return Some((label, index + 1));
            }
        }
    }
    None
}

/// Parses `<https://...>` (kept) or an HTML tag (dropped; `<br>` becomes a space).
fn angle(chars: &[char], open: usize) -> Option<(String, usize)> {
    let close =
        chars.iter().enumerate().skip(open + 1).take(300).find(|(_, c)| matches!(c, '>' | '<'))?;
    if *close.1 != '>' {
        return None;
    }
    let inner: String = chars[open + 1..close.0].iter().collect();
    let lower = inner.to_ascii_lowercase();
    if (lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:"))
        && !inner.contains(char::is_whitespace)
    {
        return Some((inner, close.0 + 1));
    }
    let name = lower.trim_start_matches('/');
    let tag: String = name.chars().take_while(char::is_ascii_alphanumeric).collect();
    if tag.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let replacement =
        if matches!(tag.as_str(), "br" | "p" | "div" | "li" | "td" | "th") { " " } else { "" };
    Some((replacement.to_string(), close.0 + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proposal::ProposalError;
    use nwip_text::Language;
    use proptest::prelude::*;

    fn md(text: &str) -> Proposal {
        Proposal::from_markdown(text).unwrap_or_else(|error| panic!("{error}\n---\n{text}"))
    }

    #[test]
    fn markdown_english_form() {
        let p = md("# Road vehicles — Battery swapping stations for electric scooters\n\
                    \n\
                    ## Scope\n\
                    This document specifies **safety** requirements\n\
                    for [battery swapping](https://example.org) stations.\n\
                    \n\
                    It does not apply to cars.\n\
                    \n\
                    ## Purpose and justification\n\
                    Swapping is growing fast.\n\
                    \n\
                    ## Relevant documents\n\
                    - ISO 6469-1:2019, Electrically propelled road vehicles — Safety specifications\n\
                    - IEC 62840-2\n\
                    \n\
                    ## Committee\n\
                    ISO/TC 22/SC 38\n\
                    \n\
                    ## ICS codes\n\
                    43.120; 43.140, 29.220.20\n\
                    \n\
                    ## Liaisons\n\
                    * IEC/TC 69\n\
                    * IEC/TC 21\n\
                    \n\
                    ## Language\n\
                    English\n\
                    \n\
                    ## Organization\n\
                    ISO\n\
                    \n\
                    ## Keywords\n\
                    battery swapping, scooters, safety\n");
        assert_eq!(p.title, "Road vehicles — Battery swapping stations for electric scooters");
        assert_eq!(p.scope, "This document specifies safety requirements for battery swapping stations.\n\nIt does not apply to cars.");
        assert_eq!(p.purpose, "Swapping is growing fast.");
        assert_eq!(
            p.relevant_documents,
            [
                "ISO 6469-1:2019, Electrically propelled road vehicles — Safety specifications",
                "IEC 62840-2"
            ]
        );
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 22/SC 38"));
        assert_eq!(p.ics, ["43.120", "43.140", "29.220.20"]);
        assert_eq!(p.liaisons, ["IEC/TC 69", "IEC/TC 21"]);
        assert_eq!(p.language, Some(Language::English));
        assert_eq!(p.organisation.as_deref(), Some("ISO"));
        assert_eq!(p.keywords, ["battery swapping", "scooters", "safety"]);
        assert_eq!(p.detected_language(), Language::English);
    }

    #[test]
    fn markdown_french_headings() {
        let p = md("## Titre\nSystèmes de management de la qualité — Lignes directrices pour les coopératives\n\n\
                    ## Domaine d'application\nLe présent document donne des lignes directrices.\n\n\
                    ## Objet et justification\nLes coopératives ont des besoins particuliers.\n\n\
                    ## Documents de référence\n- ISO 9001:2015\n- ISO 9004:2018\n\n\
                    ## Comité\nISO/TC 176/SC 3\n\n## Codes ICS\n03.120.10\n\n\
                    ## Liaisons\nICA ; ISO/TC 176/SC 2\n\n## Langue\nfrançais\n\n## Mots-clés\nqualité, coopérative\n\n\
                    ## Organisme\nAFNOR\n");
        assert_eq!(
            p.title,
            "Systèmes de management de la qualité — Lignes directrices pour les coopératives"
        );
        assert_eq!(p.scope, "Le présent document donne des lignes directrices.");
        assert_eq!(p.purpose, "Les coopératives ont des besoins particuliers.");
        assert_eq!(p.relevant_documents, ["ISO 9001:2015", "ISO 9004:2018"]);
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 176/SC 3"));
        assert_eq!(p.ics, ["03.120.10"]);
        assert_eq!(p.liaisons, ["ICA", "ISO/TC 176/SC 2"]);
        assert_eq!(p.language, Some(Language::French));
        assert_eq!(p.keywords, ["qualité", "coopérative"]);
        assert_eq!(p.organisation.as_deref(), Some("AFNOR"));
    }

    #[test]
    fn markdown_french_headings_without_accents_and_curly_apostrophe() {
        let p = md("# TITRE :\nRéseaux électriques\n\n# DOMAINE D’APPLICATION :\nTexte.\n\n## Comite\nIEC/TC 8\n");
        assert_eq!(p.title, "Réseaux électriques");
        assert_eq!(p.scope, "Texte.");
        assert_eq!(p.committee.as_deref(), Some("IEC/TC 8"));
    }

    #[test]
    fn markdown_russian_headings() {
        let p = md("# Наименование\nТранспорт дорожный. Станции замены батарей\n\n\
                    ## Область применения\nНастоящий стандарт устанавливает требования безопасности.\n\n\
                    ## Цель и обоснование\nРынок растёт.\n\n## Нормативные ссылки\n- ГОСТ Р 12345-2020\n\n\
                    ## Комитет\nТК 056\n\n## МКС (ICS)\n43.120\n\n## Связи\nТК 016, ТК 333\n\n## Язык\nрусский\n");
        assert_eq!(p.title, "Транспорт дорожный. Станции замены батарей");
        assert_eq!(p.scope, "Настоящий стандарт устанавливает требования безопасности.");
        assert_eq!(p.purpose, "Рынок растёт.");
        assert_eq!(p.relevant_documents, ["ГОСТ Р 12345-2020"]);
        assert_eq!(p.committee.as_deref(), Some("ТК 056"));
        assert_eq!(p.ics, ["43.120"]);
        assert_eq!(p.liaisons, ["ТК 016", "ТК 333"]);
        assert_eq!(p.language, Some(Language::Russian));
        assert_eq!(p.detected_language(), Language::Russian);
        let p = md("## Название\nСварка\n\n## Обоснование\nНужно.\n\n## Ссылочные документы\nГОСТ 1; ГОСТ 2\n");
        assert_eq!(p.purpose, "Нужно.");
        assert_eq!(p.relevant_documents, ["ГОСТ 1", "ГОСТ 2"]);
    }

    #[test]
    fn markdown_numbered_headings_and_colons() {
        let p = md("# Smart meters — Data model\n\n## 1. Scope:\nScope text.\n\n### A) Purpose\nWhy.\n\n\
                    ## 3) References\n1. IEC 62056-6-2\n2. IEC 61968-9\n\n## (d) ICS\n17.220.20\n\n## IV. Liaisons\nCEN/CLC JWG 6\n\n\
                    ## 5.1 Committee :\nIEC/TC 13\n");
        assert_eq!(p.scope, "Scope text.");
        assert_eq!(p.purpose, "Why.");
        assert_eq!(p.relevant_documents, ["IEC 62056-6-2", "IEC 61968-9"]);
        assert_eq!(p.ics, ["17.220.20"]);
        assert_eq!(p.liaisons, ["CEN/CLC JWG 6"]);
        assert_eq!(p.committee.as_deref(), Some("IEC/TC 13"));
    }

    #[test]
    fn markdown_form_wording_and_bilingual_headings() {
        let p = md("# New work item proposal\n\n## Title of the proposal\nBiogas — Upgrading plants\n\n\
                    ## Scope of the proposed deliverable\nPlants.\n\n## Purpose and justification of the proposal\nWhy.\n\n\
                    ## Relevant documents to be considered\nEN 16723-1\n\n## Scope / Domaine d'application\nMore.\n");
        assert_eq!(p.title, "Biogas — Upgrading plants");
        assert_eq!(p.scope, "Plants.\n\nMore.");
        assert_eq!(p.purpose, "Why.");
        assert_eq!(p.relevant_documents, ["EN 16723-1"]);
        let p = md("# NWIP: Biogas — Upgrading plants\n\nSome scope.");
        assert_eq!(p.title, "Biogas — Upgrading plants");
        assert_eq!(p.scope, "Some scope.");
        assert!(Proposal::from_markdown("# New work item proposal\n\n## Scope\nx").is_err());
    }

    #[test]
    fn markdown_key_lines_before_first_section() {
        let p = md("# Wind turbines — Blade erosion testing\n\
                    Committee: IEC/TC 88\n\
                    **ICS:** 27.180\n\
                    Liaisons: IEA Wind, DNV; CENELEC/TC 88\n\
                    Organisation: IEC\n\
                    Language: en\n\
                    \n\
                    ## Scope\n\
                    Committee: this line is inside a section and stays text.\n");
        assert_eq!(p.committee.as_deref(), Some("IEC/TC 88"));
        assert_eq!(p.ics, ["27.180"]);
        assert_eq!(p.liaisons, ["IEA Wind", "DNV", "CENELEC/TC 88"]);
        assert_eq!(p.organisation.as_deref(), Some("IEC"));
        assert_eq!(p.language, Some(Language::English));
        assert_eq!(p.scope, "Committee: this line is inside a section and stays text.");
    }

    #[test]
    fn markdown_inline_key_values_end_at_the_line() {
        let p = md("Title: Foo\nhttps://example.org: bar\nNote: blah\nLiaisons: A, B\n- C\n  (continued)\nMore text.\n");
        assert_eq!(p.title, "Foo");
        assert_eq!(p.liaisons, ["A", "B", "C (continued)"]);
        assert_eq!(p.scope, "https://example.org: bar Note: blah\n\nMore text.");
        let p = md("# T\n\n## References\n[1] ISO 9001:2015.\n[2] ISO 14001:2015; ISO 45001\n");
        assert_eq!(p.relevant_documents, ["ISO 9001:2015", "ISO 14001:2015", "ISO 45001"]);
    }

    #[test]
    fn markdown_key_value_document_without_headings() {
        let p = md("Title: Hydrogen refuelling — Nozzle cleanliness\n\
                    Scope:\n\
                    This document specifies\n\
                    cleanliness limits.\n\
                    \n\
                    It covers 70 MPa nozzles.\n\
                    Purpose and justification: Contamination damages fuel cells.\n\
                    ICS:\n\
                    - 71.100.20\n\
                    - 43.180\n");
        assert_eq!(p.title, "Hydrogen refuelling — Nozzle cleanliness");
        assert_eq!(
            p.scope,
            "This document specifies cleanliness limits.\n\nIt covers 70 MPa nozzles."
        );
        assert_eq!(p.purpose, "Contamination damages fuel cells.");
        assert_eq!(p.ics, ["71.100.20", "43.180"]);
    }

    #[test]
    fn markdown_front_matter_and_table() {
        let p = md("---\ntitle: \"Textiles — Microfibre release\"\nics: [59.080.01, 13.020.40]\nlayout: form\nliaisons:\n  - ISO/TC 38\n---\n\n\
                    | Field | Value |\n|---|---|\n| Committee | ISO/TC 38 |\n| Proposer | SIS |\n\nFree scope text.\n");
        assert_eq!(p.title, "Textiles — Microfibre release");
        assert_eq!(p.ics, ["59.080.01", "13.020.40"]);
        assert_eq!(p.liaisons, ["ISO/TC 38"]);
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 38"));
        assert_eq!(p.organisation.as_deref(), Some("SIS"));
        assert!(p.scope.ends_with("Free scope text."), "{:?}", p.scope);
        assert!(!p.purpose.contains("layout"));
    }

    #[test]
    fn markdown_unknown_sections_go_to_purpose() {
        let p = md("# Title here\n\nIntro paragraph.\n\n## Scope\nS.\n\n## Purpose\nP.\n\n## Market relevance\nBig market.\n\n## Project leader\nJane Doe\n");
        assert_eq!(p.scope, "S.");
        assert_eq!(p.purpose, "P.\n\nIntro paragraph.\n\nMarket relevance\n\nBig market.\n\nProject leader\n\nJane Doe");
        // With no scope section, text before the first section is the scope.
        let p = md("# Title here\n\nIntro paragraph.\n\n## Market relevance\nBig market.\n");
        assert_eq!(p.scope, "Intro paragraph.");
        assert_eq!(p.purpose, "Market relevance\n\nBig market.");
    }

    #[test]
    fn markdown_titles_that_start_like_section_names() {
        for title in [
            "Language resource management — Lexical markup framework",
            "Title insurance — Vocabulary",
            "Committee procedures — Guidance",
        ] {
            let p = md(&format!(
                "# {title}

## Scope
S.
"
            ));
            assert_eq!(p.title, title);
            assert_eq!(p.scope, "S.");
        }
    }

    #[test]
    fn markdown_generic_table_header_is_dropped() {
        let p = md("# T

| Field | Value |
|:--|--:|
| Committee | ISO/TC 1 |
| ICS | 01.040 |

## Scope
S.
");
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 1"));
        assert_eq!(p.ics, ["01.040"]);
        assert_eq!(p.purpose, "");
    }

    #[test]
    fn markdown_sub_headings_stay_in_known_sections() {
        let p = md("# T\n\n## Scope\nCovers A.\n\n### Exclusions\nNot B.\n\n## Purpose\nP.\n");
        assert_eq!(p.scope, "Covers A.\n\nExclusions\n\nNot B.");
        assert_eq!(p.purpose, "P.");
    }

    #[test]
    fn markdown_strips_inline_markup() {
        assert_eq!(
            strip_inline("**bold** and _it_ and `code` and [link](http://x/(y))"),
            "bold and it and code and link"
        );
        assert_eq!(
            strip_inline("snake_case 2*3 a * b ~50 ~~old~~ \\*lit\\*"),
            "snake_case 2*3 a * b ~50 old *lit*"
        );
        assert_eq!(
            strip_inline("![logo](a.png) <https://iso.org> x<br>y <5 kW"),
            "logo https://iso.org x y <5 kW"
        );
        assert_eq!(strip_inline("[unclosed and [ref][1]"), "[unclosed and ref");
        let p = md("# *Road* vehicles\n<!-- instructions\nfor the secretary -->\n## Scope\nText with a [link][1].\n\n[1]: https://example.org\n");
        assert_eq!(p.title, "Road vehicles");
        assert!(!p.scope.contains("instructions"));
        assert!(p.scope.starts_with("Text with a link."));
    }

    #[test]
    fn markdown_setext_and_bold_headings() {
        let p = md("Marine fuels — Bio-blends\n=========================\n\n**Scope**\nBlends.\n\n__Justification:__\nDemand.\n");
        assert_eq!(p.title, "Marine fuels — Bio-blends");
        assert_eq!(p.scope, "Blends.");
        assert_eq!(p.purpose, "Demand.");
    }

    #[test]
    fn markdown_lists_keep_items_and_drop_placeholders() {
        let p = md("# T\n\n## Scope\nIt covers:\n- gears\n- axles,\n  shafts\n\n## Liaisons\nNone\n\n## ICS\n- 21.200 Gears\n- ICS 3.100.1\n- to be decided\n\n## Committee\nN/A\n");
        assert_eq!(p.scope, "It covers:\n- gears\n- axles, shafts");
        assert!(p.liaisons.is_empty());
        assert_eq!(p.ics, ["21.200", "03.100.01", "to be decided"]);
        assert_eq!(p.committee, None);
    }

    #[test]
    fn markdown_duplicate_single_fields_are_kept_in_purpose() {
        let p = md("## Title\nEnglish title\n\nSecond paragraph\n\n## Titre\nTitre français\n\n## Committee\nISO/TC 1\nISO/TC 2\n");
        assert_eq!(p.title, "English title");
        assert!(p.purpose.contains("Second paragraph"));
        assert!(p.purpose.contains("Titre français"));
        assert!(p.purpose.contains("ISO/TC 2"));
        assert_eq!(p.committee.as_deref(), Some("ISO/TC 1"));
    }

    #[test]
    fn markdown_empty_and_missing_title() {
        for text in ["", "   \n\n\t\n", "\u{feff}", "<!-- only a comment -->"] {
            let error = Proposal::from_markdown(text).unwrap_err();
            assert!(
                matches!(error, ProposalError::MissingField { field: "title", .. }),
                "{error:?}"
            );
            assert_eq!(error.to_string(), "field title: the proposal is empty");
        }
        let error = Proposal::from_markdown("\n## Scope\nOnly a scope.\n").unwrap_err();
        assert_eq!(error.line(), Some(2));
        assert!(
            error.to_string().starts_with("line 2: field title: the proposal has no title"),
            "{error}"
        );
        let error = Proposal::from_markdown("## Title\n\n## Scope\nx\n").unwrap_err();
        assert_eq!(error.to_string(), "line 1: field title: the title section is empty");
        // A first heading that is not a known section is the title, whatever its level.
        assert_eq!(md("## Water meters\ntext").title, "Water meters");
    }

    #[test]
    fn markdown_code_fences_are_content() {
        let p = md("# T\n## Scope\n```\n# not a heading\n```\n");
        assert_eq!(p.scope, "# not a heading");
    }

    fn markdownish() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("# ".to_string()),
            Just("## Scope\n".to_string()),
            Just("## Titre :\n".to_string()),
            Just("Title: ".to_string()),
            Just("ICS: 43.120, ".to_string()),
            Just("\n".to_string()),
            Just("---\n".to_string()),
            Just("| Title | x |\n".to_string()),
            Just("```\n".to_string()),
            Just("<!--".to_string()),
            Just("[a](b".to_string()),
            Just("**".to_string()),
            Just("- ".to_string()),
            Just("1. ".to_string()),
            Just("(a) ".to_string()),
            Just("é’ё\u{feff}\r".to_string()),
            "\\PC{0,12}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn readers_never_panic_on_markdownish_input(text in markdownish()) {
            let markdown = Proposal::from_markdown(&text);
            let _ = Proposal::from_text(&text);
            if let Ok(proposal) = markdown {
                prop_assert!(!proposal.title.is_empty());
                prop_assert_eq!(proposal.title.trim(), proposal.title.as_str());
            }
        }
    }
}
