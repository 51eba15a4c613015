//! The Word reader: `.docx` files (ISO Form 4, IEC NP forms, IEEE PARs) read into the Markdown
//! the [Markdown reader](super::markdown) understands, so both share one notion of a field.
//!
//! A `.docx` is a zip archive whose `word/document.xml` holds the body: paragraphs (`w:p`, with a
//! style such as `Title` or `Heading1`) and tables (`w:tbl` of rows `w:tr` of cells `w:tc`).
//! - Heading styles (and outline levels) become `#` headings, list paragraphs `- ` items, and a
//!   paragraph that only names a field (`Scope`, `Objet et justification`) a section heading.
//! - A table row whose first cell names a field (`Title`, `Scope`, `Purpose and justification`,
//!   `Committee`, `ICS`, `Relevant documents`, `Liaisons`, in English, French or Russian, as
//!   headings are named) becomes a section of that field holding the row's other cells; the
//!   first cell's other paragraphs (the form's guidance) are dropped. A row holding only a
//!   field's name starts a section that the rows below fill (a label row above its answer).
//! - Other rows are kept as text, one line per row, cells separated by ` — `.
//!
//! Markdown punctuation typed in the document is escaped, so `*`, `#` or `[1]` stay text. Deleted
//! revisions, field codes and the fallback copy of compatibility content are left out; text boxes
//! are read as paragraphs.
//!
//! Errors say what the file is when it is not a readable `.docx`: a password-protected document
//! (an OLE compound file holding an encrypted package, not a zip), an old Word 97-2003 `.doc`, a
//! zip without `word/document.xml`, a broken or truncated archive, broken XML.

use std::io::Read;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::fields::classify;
use super::{markdown, Proposal, ProposalError};

/// The namespace of WordprocessingML elements (`w:`).
const WORD: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The namespace of markup-compatibility elements (`mc:AlternateContent`, `mc:Fallback`).
const COMPATIBILITY: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
/// The first bytes of a zip archive (a `.docx` is one).
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// The first bytes of an OLE compound file: a Word 97-2003 `.doc`, or an encrypted `.docx`.
const OLE_MAGIC: &[u8] = &[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/// The largest `word/document.xml` read (a 300-page form is about 5 MB).
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;
/// The longest paragraph read as a field's name.
const MAX_LABEL_CHARS: usize = 120;

/// Tells whether a file is (or claims to be) a Word document: a `.docx`-like extension, or the
/// bytes of a zip archive or of an OLE compound file.
pub(super) fn is_word_file(extension: Option<&str>, bytes: &[u8]) -> bool {
    let by_extension = extension.is_some_and(|extension| {
        matches!(extension.to_ascii_lowercase().as_str(), "docx" | "docm" | "dotx" | "dotm" | "doc")
    });
    by_extension || bytes.starts_with(ZIP_MAGIC) || bytes.starts_with(OLE_MAGIC)
}

/// Reads a `.docx` document; see [`Proposal::from_docx`].
pub(super) fn parse(bytes: &[u8]) -> Result<Proposal, ProposalError> {
    let xml = document_xml(bytes)?;
    let blocks = read_body(&xml)?;
    let text = to_markdown(&blocks);
    markdown::parse(&text).map_err(without_markdown_lines)
}

/// Returns the text of `word/document.xml`, or says why there is none.
fn document_xml(bytes: &[u8]) -> Result<String, ProposalError> {
    if bytes.starts_with(OLE_MAGIC) {
        let message = if contains_utf16(bytes, "EncryptedPackage") {
            "the Word document is password-protected (encrypted): remove the password in Word \
             (File > Info > Protect Document) and save it again"
        } else {
            "this is an old Word 97-2003 .doc file (an OLE compound file), not a .docx: save it \
             as .docx"
        };
        return Err(ProposalError::docx(message, None));
    }
    if bytes.is_empty() {
        return Err(ProposalError::docx("the .docx file is empty", None));
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|error| {
        ProposalError::docx(
            "not a readable .docx file (broken or truncated zip archive)",
            Some(Box::new(error)),
        )
    })?;
    let entry = match archive.by_name("word/document.xml") {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(ProposalError::docx(
                "not a Word document: the zip archive has no word/document.xml",
                None,
            ))
        }
        Err(error) => {
            return Err(ProposalError::docx(
                "cannot read word/document.xml in the .docx archive",
                Some(Box::new(error)),
            ))
        }
    };
    let mut xml = Vec::new();
    entry.take(MAX_DOCUMENT_XML + 1).read_to_end(&mut xml).map_err(|error| {
        ProposalError::docx(
            "cannot unpack word/document.xml (the .docx archive is broken or truncated)",
            Some(Box::new(error)),
        )
    })?;
    if xml.len() as u64 > MAX_DOCUMENT_XML {
        return Err(ProposalError::docx(
            format!("word/document.xml is larger than {} MiB", MAX_DOCUMENT_XML >> 20),
            None,
        ));
    }
    String::from_utf8(xml).map_err(|error| {
        ProposalError::docx("word/document.xml is not UTF-8 text", Some(Box::new(error)))
    })
}

/// Tells whether `bytes` hold `needle` in UTF-16LE (the stream names of an OLE directory).
fn contains_utf16(bytes: &[u8], needle: &str) -> bool {
    let encoded: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(encoded.len()).any(|window| window == encoded.as_slice())
}

/// A paragraph of the document, as plain text.
#[derive(Debug, Default, Clone, PartialEq)]
struct Paragraph {
    /// The text, with `\n` for line breaks and `\t` for tabs.
    text: String,
    /// The heading level of its style or outline level, if it is a heading.
    heading: Option<usize>,
    /// Whether it is a numbered or bulleted list item.
    list: bool,
}

/// A table cell: its paragraphs (nested tables flattened into lines).
#[derive(Debug, Default, Clone, PartialEq)]
struct Cell {
    paragraphs: Vec<Paragraph>,
}

/// What the body holds, in order.
#[derive(Debug, Clone, PartialEq)]
enum Block {
    Paragraph(Paragraph),
    Table(Vec<Vec<Cell>>),
}

/// A table being read.
#[derive(Debug, Default)]
struct OpenTable {
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Option<Cell>,
}

/// Walks `word/document.xml` and collects its paragraphs and tables.
#[derive(Debug, Default)]
struct BodyReader {
    blocks: Vec<Block>,
    tables: Vec<OpenTable>,
    paragraphs: Vec<Paragraph>,
    /// Depth of `w:r` runs: tabs and breaks count only inside a run (not tab stops).
    runs: usize,
    /// Inside `w:t`: its text is the document's.
    in_text: bool,
    /// Depth of `mc:Fallback`, whose content repeats the chosen alternative.
    skipped: usize,
}

/// Reads the body of `word/document.xml` into blocks.
fn read_body(xml: &str) -> Result<Vec<Block>, ProposalError> {
    let mut reader = NsReader::from_str(xml);
    let mut body = BodyReader::default();
    loop {
        let position = reader.buffer_position();
        let (namespace, event) = reader.read_resolved_event().map_err(|error| {
            ProposalError::docx(
                format!("broken word/document.xml near byte {position}"),
                Some(Box::new(error)),
            )
        })?;
        let namespace = match namespace {
            ResolveResult::Bound(namespace) => Some(namespace.into_inner().to_vec()),
            _ => None,
        };
        match event {
            Event::Eof => break,
            Event::Start(element) => body.start(namespace.as_deref(), &element, false),
            Event::Empty(element) => body.start(namespace.as_deref(), &element, true),
            Event::End(element) => {
                let local = element.local_name();
                body.end(namespace.as_deref(), local.as_ref());
            }
            Event::Text(text) if body.takes_text() => {
                let decoded = text.xml10_content().map_err(|error| {
                    ProposalError::docx(
                        "word/document.xml is not UTF-8 text",
                        Some(Box::new(error)),
                    )
                })?;
                body.push_text(&decoded);
            }
            Event::CData(text) if body.takes_text() => {
                body.push_text(&String::from_utf8_lossy(&text));
            }
            Event::GeneralRef(reference) if body.takes_text() => {
                let name = String::from_utf8_lossy(&reference);
                let entity = format!("&{name};");
                let resolved = quick_xml::escape::unescape(&entity).map_err(|error| {
                    ProposalError::docx(
                        format!("broken word/document.xml near byte {position}"),
                        Some(Box::new(error)),
                    )
                })?;
                body.push_text(&resolved);
            }
            _ => {}
        }
    }
    Ok(body.finish())
}

/// Returns the `w:val` attribute of an element, if any.
fn word_value(element: &BytesStart<'_>) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.local_name().as_ref() == b"val")
        .map(|attribute| String::from_utf8_lossy(&attribute.value).into_owned())
}

/// The heading level a paragraph style names (`Heading2`, `Titre1`, `Title`), if any.
fn style_heading_level(style: &str) -> Option<usize> {
    let lower = style.to_lowercase().replace([' ', '-', '_'], "");
    if matches!(lower.as_str(), "title" | "titre" | "titel" | "название" | "заголовок")
    {
        return Some(1);
    }
    for prefix in ["heading", "titre", "berschrift", "überschrift", "заголовок", "titolo"]
    {
        if let Some(number) = lower.strip_prefix(prefix) {
            if let Ok(level) = number.parse::<usize>() {
                return (1..=9).contains(&level).then_some(level);
            }
        }
    }
    None
}

impl BodyReader {
    fn takes_text(&self) -> bool {
        self.in_text && self.skipped == 0
    }

    fn push_text(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.text.push_str(text);
        }
    }

    fn start(&mut self, namespace: Option<&[u8]>, element: &BytesStart<'_>, empty: bool) {
        let local = element.local_name();
        let local = local.as_ref();
        if namespace == Some(COMPATIBILITY) && local == b"Fallback" {
            if !empty {
                self.skipped += 1;
            }
            return;
        }
        if self.skipped > 0 || namespace != Some(WORD) {
            return;
        }
        match local {
            b"p" if empty => self.emit(Paragraph::default()),
            b"p" => self.paragraphs.push(Paragraph::default()),
            b"tbl" if !empty => self.tables.push(OpenTable::default()),
            b"tc" if !empty => {
                if let Some(table) = self.tables.last_mut() {
                    table.cell = Some(Cell::default());
                }
            }
            b"r" if !empty => self.runs += 1,
            b"t" if !empty => self.in_text = true,
            b"pStyle" => {
                let level = word_value(element).as_deref().and_then(style_heading_level);
                if let (Some(level), Some(paragraph)) = (level, self.paragraphs.last_mut()) {
                    paragraph.heading = Some(level);
                }
            }
            b"outlineLvl" => {
                let level = word_value(element).and_then(|value| value.parse::<usize>().ok());
                if let (Some(level), Some(paragraph)) = (level, self.paragraphs.last_mut()) {
                    if level < 9 {
                        paragraph.heading = Some(level + 1);
                    }
                }
            }
            b"numPr" => {
                if let Some(paragraph) = self.paragraphs.last_mut() {
                    paragraph.list = true;
                }
            }
            b"tab" | b"ptab" if self.runs > 0 => self.push_text("\t"),
            b"br" | b"cr" if self.runs > 0 => self.push_text("\n"),
            b"noBreakHyphen" if self.runs > 0 => self.push_text("-"),
            _ => {}
        }
    }

    fn end(&mut self, namespace: Option<&[u8]>, local: &[u8]) {
        if namespace == Some(COMPATIBILITY) && local == b"Fallback" {
            self.skipped = self.skipped.saturating_sub(1);
            return;
        }
        if self.skipped > 0 || namespace != Some(WORD) {
            return;
        }
        match local {
            b"p" => {
                if let Some(paragraph) = self.paragraphs.pop() {
                    self.emit(paragraph);
                }
            }
            b"t" => self.in_text = false,
            b"r" => self.runs = self.runs.saturating_sub(1),
            b"tc" => {
                if let Some(table) = self.tables.last_mut() {
                    let cell = table.cell.take().unwrap_or_default();
                    table.row.push(cell);
                }
            }
            b"tr" => {
                if let Some(table) = self.tables.last_mut() {
                    let row = std::mem::take(&mut table.row);
                    table.rows.push(row);
                }
            }
            b"tbl" => {
                if let Some(table) = self.tables.pop() {
                    self.close_table(table.rows);
                }
            }
            _ => {}
        }
    }

    /// Puts a finished paragraph in the open cell, or in the body.
    fn emit(&mut self, paragraph: Paragraph) {
        match self.tables.last_mut().and_then(|table| table.cell.as_mut()) {
            Some(cell) => cell.paragraphs.push(paragraph),
            None => self.blocks.push(Block::Paragraph(paragraph)),
        }
    }

    /// Puts a finished table in the body, or (nested) as lines in the enclosing cell.
    fn close_table(&mut self, rows: Vec<Vec<Cell>>) {
        let enclosing = self.tables.last_mut().and_then(|table| table.cell.as_mut());
        match enclosing {
            Some(cell) => {
                for row in &rows {
                    let text = row_line(row);
                    if !text.is_empty() {
                        cell.paragraphs.push(Paragraph { text, ..Paragraph::default() });
                    }
                }
            }
            None => self.blocks.push(Block::Table(rows)),
        }
    }

    /// Returns the blocks, closing whatever a truncated body left open.
    fn finish(mut self) -> Vec<Block> {
        while let Some(paragraph) = self.paragraphs.pop() {
            self.emit(paragraph);
        }
        while let Some(mut table) = self.tables.pop() {
            if let Some(cell) = table.cell.take() {
                table.row.push(cell);
            }
            if !table.row.is_empty() {
                table.rows.push(std::mem::take(&mut table.row));
            }
            self.close_table(table.rows);
        }
        self.blocks
    }
}

/// A row as one line: each cell's paragraphs joined by spaces, cells by ` — `.
fn row_line(row: &[Cell]) -> String {
    row.iter().map(cell_text).filter(|text| !text.is_empty()).collect::<Vec<_>>().join(" \u{2014} ")
}

fn cell_text(cell: &Cell) -> String {
    let parts: Vec<String> = cell.paragraphs.iter().map(|p| single_line(&p.text)).collect();
    parts.into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

fn single_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes what the Markdown reader would take for markup, so the document's text stays text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Tells whether a paragraph only names a field (`Scope`, `Titre :`), so it starts a section; a
/// key line with its value (`Scope: This document...`) does not.
fn is_field_label(text: &str) -> bool {
    let text = single_line(text);
    let with_value = markdown::split_key(&text).is_some_and(|(_, value)| !value.is_empty());
    !text.is_empty()
        && text.chars().count() <= MAX_LABEL_CHARS
        && !with_value
        && classify(&text).is_some()
}

/// Writes the blocks as the Markdown the reader understands.
fn to_markdown(blocks: &[Block]) -> String {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(paragraph) => out.extend(paragraph_markdown(paragraph)),
            Block::Table(rows) => {
                for row in rows {
                    out.extend(row_markdown(row));
                }
            }
        }
    }
    out.join("\n\n") + "\n"
}

fn paragraph_markdown(paragraph: &Paragraph) -> Option<String> {
    let text = paragraph.text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(level) = paragraph.heading {
        return Some(format!("{} {}", "#".repeat(level.min(6)), escape(&single_line(text))));
    }
    if is_field_label(text) {
        return Some(format!("## {}", escape(&single_line(text))));
    }
    if paragraph.list {
        return Some(format!("- {}", escape(&single_line(text))));
    }
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| escape(&line.replace('\t', " ")).trim().to_string())
        .filter(|line| !line.is_empty())
        .collect();
    Some(lines.join("\n"))
}

/// A table row: a field's section when its first cell names a field, else a line of text.
fn row_markdown(row: &[Cell]) -> Vec<String> {
    let cells: Vec<&Cell> = row
        .iter()
        .filter(|cell| cell.paragraphs.iter().any(|p| !p.text.trim().is_empty()))
        .collect();
    let Some((first, others)) = cells.split_first() else {
        return Vec::new();
    };
    let paragraphs: Vec<&Paragraph> =
        first.paragraphs.iter().filter(|p| !p.text.trim().is_empty()).collect();
    let label = &paragraphs[0].text;
    if is_field_label(label) {
        let mut out = vec![format!("## {}", escape(&single_line(label)))];
        // The label cell's other paragraphs are the form's guidance when the answer is in
        // another cell, and the answer itself when it is not.
        let answers: Vec<&Paragraph> = if others.is_empty() {
            paragraphs[1..].to_vec()
        } else {
            others.iter().flat_map(|cell| cell.paragraphs.iter()).collect()
        };
        out.extend(answers.into_iter().filter_map(paragraph_markdown));
        return out;
    }
    if others.is_empty() {
        return paragraphs.into_iter().filter_map(paragraph_markdown).collect();
    }
    let line = row_line(row);
    if line.is_empty() {
        Vec::new()
    } else {
        vec![escape(&line)]
    }
}

/// Drops line numbers from the Markdown reader's errors: they count lines of the text made from
/// the document, which the user never sees.
fn without_markdown_lines(error: ProposalError) -> ProposalError {
    match error {
        ProposalError::MissingField { path, field: "title", message, .. }
            if message.starts_with("the proposal is empty") =>
        {
            ProposalError::MissingField {
                path,
                line: None,
                field: "title",
                message: "the document has no text".to_string(),
            }
        }
        ProposalError::MissingField { path, field: "title", .. } => ProposalError::MissingField {
            path,
            line: None,
            field: "title",
            message: "the document has no title (give it a paragraph in the Title or Heading 1 \
                      style, a `Title:` line, or a table row whose first cell is `Title`)"
                .to_string(),
        },
        ProposalError::MissingField { path, field, message, .. } => {
            ProposalError::MissingField { path, line: None, field, message }
        }
        ProposalError::InvalidField { path, field, message, .. } => {
            ProposalError::InvalidField { path, line: None, field, message }
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use nwip_text::Language;
    use proptest::prelude::*;

    use super::*;

    /// Escapes text for XML.
    fn xml_text(text: &str) -> String {
        text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    }

    /// A paragraph, in `style` when given; `\n` in the text becomes a line break.
    fn paragraph(style: Option<&str>, text: &str) -> String {
        let properties = style
            .map(|style| format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"))
            .unwrap_or_default();
        let runs: Vec<String> = text
            .split('\n')
            .map(|line| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", xml_text(line)))
            .collect();
        format!("<w:p>{properties}{}</w:p>", runs.join("<w:r><w:br/></w:r>"))
    }

    fn p(text: &str) -> String {
        paragraph(None, text)
    }

    /// A table; each cell is a list of paragraphs.
    fn table(rows: &[&[&[&str]]]) -> String {
        let mut xml = String::from("<w:tbl><w:tblPr/>");
        for row in rows {
            xml.push_str("<w:tr>");
            for cell in *row {
                xml.push_str("<w:tc><w:tcPr/>");
                xml.extend(cell.iter().map(|text| p(text)));
                if cell.is_empty() {
                    xml.push_str("<w:p/>");
                }
                xml.push_str("</w:tc>");
            }
            xml.push_str("</w:tr>");
        }
        xml + "</w:tbl>"
    }

    /// A .docx archive around `body` (the content of `w:body`).
    fn docx(body: &str) -> Vec<u8> {
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
             xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <w:body>{body}<w:sectPr/></w:body></w:document>"
        );
        zip_of(&[("[Content_Types].xml", "<Types/>"), ("word/document.xml", &document)])
    }

    fn zip_of(entries: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, contents) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(contents.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn read(body: &str) -> Proposal {
        Proposal::from_docx(&docx(body)).unwrap_or_else(|error| panic!("{error}\n---\n{body}"))
    }

    /// An ISO Form 4 laid out as a table: labels with guidance in the first column, answers in
    /// the second, one label row above its answer, and check boxes.
    fn form_4() -> String {
        let mut body = paragraph(Some("Title"), "Form 4: New work item proposal");
        body += &p("Circulation date: 2026-01-15");
        body += &table(&[
            &[
                &["Title of the proposal"],
                &["Road vehicles — Battery swapping stations for electric scooters"],
            ],
            &[&["Titre (en français)"], &["Véhicules routiers — Stations d'échange de batteries"]],
            &[
                &["Scope of the proposed deliverable", "Give the scope as in the Directives."],
                &[
                    "This document specifies safety requirements for battery swapping stations.",
                    "It does not apply to cars.",
                ],
            ],
            &[&["Purpose and justification"], &["Swapping is growing fast & *unregulated*."]],
            &[&["Relevant documents and their effects"]],
            &[&["ISO 6469-1:2019, Electrically propelled road vehicles", "IEC 62840-2"]],
            &[&["Committee"], &["ISO/TC 22/SC 38"]],
            &[&["ICS"], &["43.120; 43.140"]],
            &[&["Liaisons"], &["IEC/TC 69", "IEC/TC 21"]],
            &[&["\u{2612} International Standard"], &["\u{2610} Technical Specification"]],
        ]);
        body
    }

    #[test]
    fn form_4_table_rows_become_fields() {
        let proposal = read(&form_4());
        assert_eq!(
            proposal.title,
            "Road vehicles — Battery swapping stations for electric scooters"
        );
        assert_eq!(
            proposal.scope,
            "This document specifies safety requirements for battery swapping stations.\n\nIt does not apply to cars."
        );
        assert!(
            proposal.purpose.starts_with("Swapping is growing fast & *unregulated*."),
            "{}",
            proposal.purpose
        );
        assert!(!proposal.purpose.contains("Directives"), "guidance kept: {}", proposal.purpose);
        assert_eq!(
            proposal.relevant_documents,
            ["ISO 6469-1:2019, Electrically propelled road vehicles", "IEC 62840-2"]
        );
        assert_eq!(proposal.committee.as_deref(), Some("ISO/TC 22/SC 38"));
        assert_eq!(proposal.ics, ["43.120", "43.140"]);
        // The check boxes below the liaisons are text in the last section, as in Markdown.
        assert_eq!(proposal.liaisons[..2], ["IEC/TC 69", "IEC/TC 21"]);
        // The French title is kept in the purpose, as a second title is in Markdown.
        assert!(proposal.purpose.contains("Stations d'échange"), "{}", proposal.purpose);
    }

    #[test]
    fn heading_styles_in_french_and_key_lines() {
        let mut body = paragraph(Some("Titre"), "Réseaux électriques — Compteurs communicants");
        body += &p("Comité : IEC/TC 13");
        body += &p("Langue : français");
        body += &paragraph(Some("Titre1"), "Domaine d’application");
        body += &p("Le présent document spécifie le modèle de données.");
        body += &paragraph(Some("Heading2"), "Objet et justification");
        body += &p("Les distributeurs en ont besoin.");
        body += &p("Liaisons");
        body += &paragraph(Some("ListParagraph"), "IEC/TC 57");
        let proposal = read(&body);
        assert_eq!(proposal.title, "Réseaux électriques — Compteurs communicants");
        assert_eq!(proposal.committee.as_deref(), Some("IEC/TC 13"));
        assert_eq!(proposal.language, Some(Language::French));
        assert_eq!(proposal.scope, "Le présent document spécifie le modèle de données.");
        assert_eq!(proposal.purpose, "Les distributeurs en ont besoin.");
        assert_eq!(proposal.liaisons, ["IEC/TC 57"]);
    }

    #[test]
    fn text_is_text_not_markup() {
        let mut body = paragraph(Some("Heading1"), "Pumps # 3 — *Centrifugal* [type A]");
        body += "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>\
                 <w:r><w:t>Scope:</w:t></w:r><w:r><w:tab/><w:t>a &lt;5 kW pump &amp; its </w:t></w:r>\
                 <w:r><w:delText>deleted </w:delText></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>\
                 <w:r><w:t>motor_drive</w:t></w:r></w:p>";
        body += "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:p><w:r><w:t>Chosen.</w:t></w:r></w:p>\
                 </mc:Choice><mc:Fallback><w:p><w:r><w:t>Fallback copy.</w:t></w:r></w:p></mc:Fallback>\
                 </mc:AlternateContent>";
        let proposal = read(&body);
        assert_eq!(proposal.title, "Pumps # 3 — *Centrifugal* [type A]");
        assert_eq!(proposal.scope, "a <5 kW pump & its motor_drive\n\nChosen.");
        assert!(!proposal.purpose.contains("Fallback"), "{proposal:?}");
    }

    #[test]
    fn ieee_par_numbered_fields() {
        let mut body = p("PAR for a New IEEE Standard");
        body += &p("2.1 Project Title: Standard for Battery Swapping Interfaces");
        body += &p("5.2.b Scope of the project: This standard defines the interface.");
        body += &p("5.4 Need for the Project: Many incompatible designs exist.");
        let proposal = read(&body);
        assert_eq!(proposal.title, "Standard for Battery Swapping Interfaces");
        assert_eq!(proposal.scope, "This standard defines the interface.");
        assert!(proposal.purpose.contains("Many incompatible designs exist."), "{proposal:?}");
    }

    #[test]
    fn nested_tables_and_truncated_bodies_keep_their_text() {
        let inner = table(&[&[&["ICS"], &["43.120"]]]);
        let body = format!(
            "{}<w:tbl><w:tr><w:tc>{}{inner}</w:tc></w:tr></w:tbl>",
            paragraph(Some("Title"), "Scooters"),
            p("Scope")
        );
        let proposal = read(&body);
        assert_eq!(proposal.title, "Scooters");
        assert_eq!(proposal.scope, "ICS — 43.120");
    }

    fn docx_error(bytes: &[u8]) -> String {
        match Proposal::from_docx(bytes) {
            Ok(proposal) => panic!("read {proposal:?}"),
            Err(error) => {
                let mut text = error.to_string();
                if let Some(source) = std::error::Error::source(&error) {
                    text = format!("{text}: {source}");
                }
                text
            }
        }
    }

    #[test]
    fn unreadable_files_say_what_they_are() {
        let mut ole = OLE_MAGIC.to_vec();
        ole.extend(std::iter::repeat_n(0u8, 600));
        assert!(docx_error(&ole).starts_with("this is an old Word 97-2003 .doc file"));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(docx_error(&ole).starts_with("the Word document is password-protected"));

        let whole = docx(&form_4());
        let truncated = docx_error(&whole[..whole.len() / 2]);
        assert!(
            truncated.starts_with("not a readable .docx file (broken or truncated zip archive): "),
            "{truncated}"
        );
        assert_eq!(docx_error(b""), "the .docx file is empty");
        assert!(docx_error(b"plain text").starts_with(
            "not a readable .docx file (broken or truncated zip archive): invalid Zip archive"
        ));

        let no_document = zip_of(&[("content.xml", "<office:document/>")]);
        assert_eq!(
            docx_error(&no_document),
            "not a Word document: the zip archive has no word/document.xml"
        );
        let broken = docx("<w:p><w:r><w:t>unclosed</w:r></w:p>");
        assert!(
            docx_error(&broken).starts_with("broken word/document.xml near byte"),
            "{}",
            docx_error(&broken)
        );

        let empty = Proposal::from_docx(&docx("")).unwrap_err();
        assert_eq!(empty.to_string(), "field title: the document has no text");
        let untitled =
            Proposal::from_docx(&docx(&paragraph(Some("Heading1"), "Scope"))).unwrap_err();
        assert!(
            untitled.to_string().starts_with("field title: the document has no title"),
            "{untitled}"
        );
        assert_eq!(untitled.line(), None);
    }

    #[test]
    fn read_path_reads_docx_and_names_the_file_in_errors() {
        let dir = tempfile::tempdir().unwrap();
        let form = dir.path().join("form 4.docx");
        std::fs::write(&form, docx(&form_4())).unwrap();
        assert_eq!(
            Proposal::read_path(&form).unwrap().committee.as_deref(),
            Some("ISO/TC 22/SC 38")
        );
        // A .docx by content, whatever its name.
        let renamed = dir.path().join("form.bin");
        std::fs::write(&renamed, docx(&form_4())).unwrap();
        assert_eq!(Proposal::read_path(&renamed).unwrap().ics, ["43.120", "43.140"]);
        let broken = dir.path().join("broken.docx");
        std::fs::write(&broken, "# Not really a docx").unwrap();
        let error = Proposal::read_path(&broken).unwrap_err();
        assert!(matches!(error, ProposalError::Docx { .. }));
        assert_eq!(error.path(), Some(broken.as_path()));
        assert!(error
            .to_string()
            .starts_with(&format!("{}: not a readable .docx file", broken.display())));
    }

    #[test]
    fn style_levels() {
        assert_eq!(style_heading_level("Heading3"), Some(3));
        assert_eq!(style_heading_level("heading 1"), Some(1));
        assert_eq!(style_heading_level("Titre2"), Some(2));
        assert_eq!(style_heading_level("Title"), Some(1));
        assert_eq!(style_heading_level("Subtitle"), None);
        assert_eq!(style_heading_level("Heading10"), None);
        assert_eq!(style_heading_level("Normal"), None);
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = Proposal::from_docx(&bytes);
            let mut zip = ZIP_MAGIC.to_vec();
            zip.extend(&bytes);
            let _ = Proposal::from_docx(&zip);
        }

        #[test]
        fn truncated_and_garbled_documents_never_panic(cut in 0usize..4000, flip in 0usize..4000) {
            let mut bytes = docx(&form_4());
            let flip = flip % bytes.len();
            bytes[flip] ^= 0x5a;
            bytes.truncate(cut.min(bytes.len()));
            let _ = Proposal::from_docx(&bytes);
        }

        #[test]
        fn arbitrary_body_xml_never_panics(text in "[<>/a-z:&;#0-9 \"=]{0,80}") {
            let _ = Proposal::from_docx(&docx(&text));
        }
    }
}
