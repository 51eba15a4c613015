//! Output safety: text from records and proposals is printed without control characters, and
//! spreadsheet cells without formula triggers; an output file is never one of the inputs.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};

/// Tells whether a character must not reach a terminal or a document: C0 and C1 controls
/// (escape sequences, bells, backspaces) and the bidirectional overrides that reorder what is
/// shown ("Trojan Source").
fn is_unsafe(character: char) -> bool {
    character.is_control()
        || matches!(character, '\u{200e}' | '\u{200f}' | '\u{061c}')
        || ('\u{202a}'..='\u{202e}').contains(&character)
        || ('\u{2066}'..='\u{2069}').contains(&character)
}

/// Returns `text` with tabs and line breaks turned into spaces and other unsafe characters
/// dropped.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let cleaned = text
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if is_unsafe(c) => None,
            c => Some(c),
        })
        .collect();
    Cow::Owned(cleaned)
}

/// A writer for tables and Markdown: every line is passed through [`printable`], so titles
/// cannot carry escape sequences to the terminal.
pub(crate) struct PrintableWriter<W: Write> {
    inner: W,
    line: Vec<u8>,
}

impl<W: Write> PrintableWriter<W> {
    pub(crate) fn new(inner: W) -> PrintableWriter<W> {
        PrintableWriter { inner, line: Vec::new() }
    }

    fn write_line(&mut self, bytes: &[u8], newline: bool) -> io::Result<()> {
        let text = String::from_utf8_lossy(bytes);
        self.inner.write_all(printable(&text).as_bytes())?;
        if newline {
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl<W: Write> Write for PrintableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.line.extend_from_slice(buf);
        while let Some(end) = self.line.iter().position(|&byte| byte == b'\n') {
            let line: Vec<u8> = self.line.drain(..=end).collect();
            self.write_line(&line[..end], true)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            let line = std::mem::take(&mut self.line);
            self.write_line(&line, false)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for PrintableWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

/// Neutralises a spreadsheet cell (the OWASP rule against CSV injection): a cell starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return is prefixed with `'`, so a spreadsheet shows it
/// as text instead of running it as a formula.
pub(crate) fn spreadsheet_cell(text: String) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return format!("'{text}");
    }
    text
}

/// Refuses an output path that is one of the inputs (through any path or link), or a record file
/// of an input folder: writing it would destroy the input.
pub(crate) fn refuse_overwriting_an_input(
    flag: &str,
    out: &Path,
    inputs: &[PathBuf],
) -> Result<()> {
    let Ok(target) = std::fs::metadata(out) else { return Ok(()) };
    for input in inputs {
        let Ok(metadata) = std::fs::metadata(input) else { continue };
        let mut candidates = vec![(input.clone(), metadata)];
        if candidates[0].1.is_dir() {
            let entries = std::fs::read_dir(input).into_iter().flatten().flatten();
            candidates =
                entries.filter_map(|entry| Some((entry.path(), entry.metadata().ok()?))).collect();
        }
        for (path, metadata) in candidates {
            if same_file(&target, &metadata) {
                bail!(
                    "{flag} {} is the input file {}: refusing to overwrite it",
                    out.display(),
                    path.display()
                );
            }
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok() && a.is_file() && b.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_dropped() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(
            printable("\u{1b}[2JWater\tquality\u{7}\u{9b}31m\u{202e}x"),
            "[2JWater quality31mx"
        );
        let mut out = PrintableWriter::new(Vec::new());
        write!(out, "a\u{1b}]0;title\u{7}b\nc\u{8}d").unwrap();
        out.flush().unwrap();
        assert_eq!(String::from_utf8(out.inner.clone()).unwrap(), "a]0;titleb\ncd");
    }

    #[test]
    fn formula_triggers_are_neutralised() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Water = H2O", "Water = H2O"),
            ("", ""),
        ] {
            assert_eq!(spreadsheet_cell(cell.to_string()), expected);
        }
    }
}
