//! Reading record files: Relaton JSON lines (plain or gzipped), Relaton YAML, and directories of them.
//!
//! Files are read in parallel (one gzip stream per file, each file opened once), lines are parsed
//! in parallel chunks, and every bad line is kept as an [`ImportError`] with file, line and field.
//! A file that cannot be read to its end (a gzip stream cut off, a read error), an empty file or a
//! binary one fails the import with [`CorpusError::BadFile`] naming the line and byte, unless
//! [`ImportOptions::keep_going`] accepts the records read before the break.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use rayon::prelude::*;
use serde::Serialize;

use crate::decode::{DecodeError, TextReader};
use crate::error::{CorpusError, ImportError, Result};
use crate::limits::{yaml_too_deep, MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH, MAX_RECORD_LINE_BYTES};
use crate::record::Record;
use crate::relaton::record_from_value;

/// What an import produced: the records, and an account of what was skipped.
#[derive(Debug, Default)]
pub struct Import {
    /// Every record that parsed, in file order.
    pub records: Vec<Record>,
    /// Counts and skipped lines.
    pub summary: ImportSummary,
}

/// Counts of an import, and the lines that were skipped with the reason.
#[derive(Debug, Default, Clone, Serialize)]
pub struct ImportSummary {
    /// Files read.
    pub files: Vec<PathBuf>,
    /// Records imported.
    pub imported: usize,
    /// Records imported per organisation.
    pub by_org: BTreeMap<String, usize>,
    /// Lines skipped, each with file, line, field and reason.
    pub skipped: Vec<ImportError>,
}

impl ImportSummary {
    fn absorb(&mut self, other: ImportSummary) {
        self.files.extend(other.files);
        self.imported += other.imported;
        for (org, count) in other.by_org {
            *self.by_org.entry(org).or_default() += count;
        }
        self.skipped.extend(other.skipped);
    }
}

/// Tells whether the importer reads files with this name.
pub fn is_record_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
    [".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json", ".json.gz", ".yaml", ".yml"]
        .iter()
        .any(|suffix| name.ends_with(suffix))
}

/// How an import treats a file that cannot be read to its end.
///
/// By default a damaged file (a gzip stream cut off or corrupt, a read error mid-file), an empty
/// file or a binary one fails the import with [`CorpusError::BadFile`], so a build never replaces
/// a good index with a partial one. With [`ImportOptions::keep_going`], the records read before
/// the break are kept and the break is reported as a skipped line, as a bad record is.
///
/// ```
/// let options = nwip_corpus::ImportOptions::default().keep_going(true);
/// assert!(options.keeps_going());
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    keep_going: bool,
}

impl ImportOptions {
    /// Accepts files that cannot be read to their end: keeps what was read, reports the rest.
    #[must_use]
    pub fn keep_going(mut self, keep_going: bool) -> ImportOptions {
        self.keep_going = keep_going;
        self
    }

    /// Tells whether damaged files are accepted.
    pub fn keeps_going(&self) -> bool {
        self.keep_going
    }
}

/// Reads every record file in a directory (not recursive), in name order.
///
/// ```no_run
/// let import = nwip_corpus::read_dir("../shared/corpus").unwrap();
/// println!("{} records, {} skipped", import.summary.imported, import.summary.skipped.len());
/// ```
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Import> {
    read_dir_with(dir, ImportOptions::default())
}

/// Reads every record file in a directory, as [`read_dir`], with options.
pub fn read_dir_with(dir: impl AsRef<Path>, options: ImportOptions) -> Result<Import> {
    let files = record_files_in(dir.as_ref())?;
    read_files_with(&files, options)
}

fn record_files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries =
        std::fs::read_dir(dir).map_err(|source| CorpusError::Io { path: dir.into(), source })?;
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|source| CorpusError::Io { path: dir.into(), source })?;
        let path = entry.path();
        if path.is_file() && is_record_file(&path) {
            files.push(path);
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(CorpusError::NoInput { path: dir.into() });
    }
    Ok(files)
}

/// Reads files and directories, each as [`read_file`] or [`read_dir`] would.
pub fn read_paths(paths: &[PathBuf]) -> Result<Import> {
    read_paths_with(paths, ImportOptions::default())
}

/// Reads files and directories, as [`read_paths`], with options. A file is opened once, so a
/// FIFO or a process substitution (`<(zcat iso.jsonl.gz)`) works, gzipped or not.
pub fn read_paths_with(paths: &[PathBuf], options: ImportOptions) -> Result<Import> {
    read_files_with(&expand_paths(paths)?, options)
}

/// Lists the record files of files and directories, in order.
fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|source| CorpusError::Io { path: path.clone(), source })?;
        if metadata.is_dir() {
            files.extend(record_files_in(path)?);
            continue;
        }
        files.push(path.clone());
    }
    if files.is_empty() {
        return Err(CorpusError::NoInput { path: paths.first().cloned().unwrap_or_default() });
    }
    Ok(files)
}

/// Reads files and directories as [`read_paths_with`] does, but hands the records to `sink` in
/// batches of at most `batch` records, one file after the other, instead of returning them: a
/// build fed this way holds one batch, not the corpus (a JSON or YAML document, at most 256 MiB,
/// is one batch). `sink` returns [`ControlFlow::Break`] to stop the reading (a failed build).
/// Returns the summary of what was read.
///
/// ```
/// # let dir = tempfile::tempdir().unwrap();
/// # let path = dir.path().join("iso.jsonl");
/// # let line = r#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}]}"#;
/// # std::fs::write(&path, format!("{line}\n{line}\n{line}\n")).unwrap();
/// use std::ops::ControlFlow;
/// let options = nwip_corpus::ImportOptions::default();
/// let mut sizes = Vec::new();
/// let summary = nwip_corpus::read_paths_in_batches(&[path], options, 2, &mut |records| {
///     sizes.push(records.len());
///     ControlFlow::Continue(())
/// }).unwrap();
/// assert_eq!((sizes, summary.imported), (vec![2, 1], 3));
/// ```
///
/// # Errors
/// As [`read_paths_with`]; records of the files before a damaged one have been handed over.
pub fn read_paths_in_batches(
    paths: &[PathBuf],
    options: ImportOptions,
    batch: usize,
    sink: &mut dyn FnMut(Vec<Record>) -> ControlFlow<()>,
) -> Result<ImportSummary> {
    let files = expand_paths(paths)?;
    let mut summary = ImportSummary::default();
    let mut stopped = false;
    for file in &files {
        let handle =
            File::open(file).map_err(|source| CorpusError::Io { path: file.clone(), source })?;
        summary.files.push(file.clone());
        read_from_in_batches(file, handle, options, batch.max(1), &mut |import| {
            let Import { records, summary: part } = import;
            summary.imported += part.imported;
            for (org, count) in part.by_org {
                *summary.by_org.entry(org).or_default() += count;
            }
            summary.skipped.extend(part.skipped);
            // A document is one batch: hand it over in pieces of `batch`.
            let mut records = records;
            while !records.is_empty() {
                let rest = records.split_off(records.len().min(batch.max(1)));
                if sink(records).is_break() {
                    stopped = true;
                    return ControlFlow::Break(());
                }
                records = rest;
            }
            ControlFlow::Continue(())
        })?;
        if stopped {
            break;
        }
    }
    Ok(summary)
}

/// Reads several files in parallel and concatenates them in the given order.
pub fn read_files(files: &[PathBuf]) -> Result<Import> {
    read_files_with(files, ImportOptions::default())
}

/// Reads several files in parallel, as [`read_files`], with options.
pub fn read_files_with(files: &[PathBuf], options: ImportOptions) -> Result<Import> {
    let imports: Vec<Result<Import>> =
        files.par_iter().map(|file| read_file_with(file, options)).collect();
    let mut all = Import::default();
    for import in imports {
        let import = import?;
        all.records.extend(import.records);
        all.summary.absorb(import.summary);
    }
    Ok(all)
}

/// Reads one file: JSON lines (`.jsonl`, optionally gzipped, detected by content), a JSON array or
/// object (`.json`), or a Relaton YAML record (`.yaml`, `.yml`). The text may be UTF-8, UTF-16 or
/// a legacy encoding ([`crate::decode`]).
///
/// # Errors
/// [`CorpusError::Io`] when the file cannot be opened, [`CorpusError::BadFile`] when it is
/// damaged, empty or binary.
pub fn read_file(path: impl AsRef<Path>) -> Result<Import> {
    read_file_with(path, ImportOptions::default())
}

/// Reads one file, as [`read_file`], with options.
pub fn read_file_with(path: impl AsRef<Path>, options: ImportOptions) -> Result<Import> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|source| CorpusError::Io { path: path.into(), source })?;
    read_from(path, file, options)
}

/// Reads records from a stream, read once to its end; `name` stands for its path in errors and
/// chooses YAML (`.yaml`, `.yml`) or JSON (anything else). Gzip and the encoding are detected
/// from the content, as for [`read_file`].
///
/// ```
/// let line = br#"{"docid":[{"id":"ISO 9001:2015","type":"ISO","primary":true}]}"#;
/// let options = nwip_corpus::ImportOptions::default();
/// let import = nwip_corpus::read_from("stdin.jsonl".as_ref(), &line[..], options).unwrap();
/// assert_eq!(import.records[0].id, "ISO 9001:2015");
/// ```
///
/// # Errors
/// [`CorpusError::BadFile`] when the stream is damaged, empty or binary.
pub fn read_from(name: &Path, reader: impl Read, options: ImportOptions) -> Result<Import> {
    let mut whole = None;
    read_from_in_batches(name, reader, options, usize::MAX, &mut |import| {
        whole = Some(import);
        ControlFlow::Continue(())
    })?;
    Ok(whole.unwrap_or_else(|| finish(name, Vec::new(), Vec::new())))
}

/// Where a reader hands its records: one [`Import`] per batch (with the lines skipped so far);
/// [`ControlFlow::Break`] stops the reading.
type Emit<'a> = dyn FnMut(Import) -> ControlFlow<()> + 'a;

/// Reads a stream as [`read_from`], handing its records to `emit` in batches of at most `batch`
/// JSON lines (a JSON or YAML document is one batch).
fn read_from_in_batches(
    name: &Path,
    reader: impl Read,
    options: ImportOptions,
    batch: usize,
    emit: &mut Emit<'_>,
) -> Result<()> {
    let path = name;
    let position = Rc::new(Cell::new(0u64));
    let mut counted = CountingReader { inner: reader, position: Rc::clone(&position) };
    // Read the magic number once and replay it: a stream cannot be opened twice.
    let mut magic = Vec::with_capacity(2);
    let read = (&mut counted).take(2).read_to_end(&mut magic);
    let reading = FileReading { path, position, gzip: magic == [0x1f, 0x8b], options };
    read.map_err(|error| reading.broken(0, error))?;
    let raw = io::Cursor::new(magic).chain(counted);
    let decompressed: Box<dyn Read> =
        if reading.gzip { Box::new(flate2::read::MultiGzDecoder::new(raw)) } else { Box::new(raw) };
    let text = match TextReader::sniff(decompressed) {
        Ok(text) => text,
        Err(DecodeError::Binary { offset, byte }) => {
            return Err(reading.bad(format!(
                "the file is binary, not records (byte {offset}{} is {byte:#04x})",
                if reading.gzip { " of the uncompressed text" } else { "" }
            )));
        }
        Err(DecodeError::Io(error)) => {
            let mut skipped = Vec::new();
            reading.on_break(0, error, &mut skipped)?;
            let _ = emit(finish(path, Vec::new(), skipped));
            return Ok(());
        }
        Err(error) => return Err(reading.bad(error.to_string())),
    };
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.trim_end_matches(".gz");
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        let _ = emit(read_yaml(&reading, text)?);
        return Ok(());
    }
    read_json_lines(&reading, text, batch, emit)
}

/// A file being read: where it is, how far the reading got, and what to do with a break.
struct FileReading<'a> {
    path: &'a Path,
    /// Bytes read from the file itself (compressed bytes for a gzip file).
    position: Rc<Cell<u64>>,
    gzip: bool,
    options: ImportOptions,
}

impl FileReading<'_> {
    fn bad(&self, message: String) -> CorpusError {
        CorpusError::BadFile { path: self.path.into(), line: None, message, source: None }
    }

    /// The file broke after `lines` complete lines.
    fn broken(&self, lines: usize, error: io::Error) -> CorpusError {
        CorpusError::BadFile {
            path: self.path.into(),
            line: Some(lines + 1),
            message: self.break_description(lines),
            source: Some(error),
        }
    }

    fn break_description(&self, lines: usize) -> String {
        let what = if self.gzip { "of the compressed file" } else { "of the file" };
        format!(
            "the file is damaged or cut off at line {} (read up to byte {} {what})",
            lines + 1,
            self.position.get()
        )
    }

    /// Handles a break after `lines` lines: an error, or with `keep_going` a skipped line.
    fn on_break(
        &self,
        lines: usize,
        error: io::Error,
        skipped: &mut Vec<ImportError>,
    ) -> Result<()> {
        if !self.options.keeps_going() {
            return Err(self.broken(lines, error));
        }
        let message = format!("{}: {error}", self.break_description(lines));
        skipped.push(import_error(self.path, lines + 1, "file", &message));
        Ok(())
    }
}

/// Counts the bytes read through it, to say where a file broke.
struct CountingReader<R> {
    inner: R,
    position: Rc<Cell<u64>>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buf)?;
        self.position.set(self.position.get() + read as u64);
        Ok(read)
    }
}

fn read_json_lines(
    reading: &FileReading<'_>,
    reader: impl Read,
    batch: usize,
    emit: &mut Emit<'_>,
) -> Result<()> {
    let path = reading.path;
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut skipped = Vec::new();
    let mut emitted = false;
    // A file whose first line opens a JSON array or object may be one document: never batched.
    let mut document_like = None;
    let mut buffered = BufReader::with_capacity(1 << 20, reader);
    let mut line_number = 0usize;
    loop {
        let mut bytes = Vec::new();
        let limit = MAX_RECORD_LINE_BYTES as u64 + 1;
        match (&mut buffered).take(limit).read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(read) => {
                line_number += 1;
                if read as u64 == limit && bytes.last() != Some(&b'\n') {
                    // Skip the rest of an oversized line without holding it.
                    if let Err(error) = buffered.skip_until(b'\n') {
                        reading.on_break(line_number, error, &mut skipped)?;
                        break;
                    }
                    let message = format!("line longer than {} MiB", MAX_RECORD_LINE_BYTES >> 20);
                    skipped.push(import_error(path, line_number, "line", &message));
                    continue;
                }
                match String::from_utf8(bytes) {
                    Ok(line) if line.trim().is_empty() => {}
                    Ok(line) => {
                        let first = line.trim_start();
                        document_like.get_or_insert(first.starts_with('[') || first.trim() == "{");
                        lines.push((line_number, line));
                        if lines.len() >= batch && document_like == Some(false) {
                            let parsed = parse_lines(path, &lines);
                            lines.clear();
                            emitted = true;
                            let flow = emit(finish(path, parsed, std::mem::take(&mut skipped)));
                            if flow.is_break() {
                                return Ok(());
                            }
                        }
                    }
                    Err(_) => {
                        skipped.push(import_error(path, line_number, "line", "not valid UTF-8"))
                    }
                }
            }
            Err(error) => {
                reading.on_break(line_number, error, &mut skipped)?;
                break;
            }
        }
    }
    if lines.is_empty() && skipped.is_empty() && !emitted {
        return Err(reading.bad("the file is empty: it holds no records".into()));
    }
    // A whole-file JSON array or pretty-printed object is one document, not lines.
    let first = lines.first().map(|(_, l)| l.trim_start().to_string()).unwrap_or_default();
    if lines.len() > 1 && (first.starts_with('[') || first == "{") {
        let size: usize = lines.iter().map(|(_, line)| line.len()).sum();
        if size > MAX_DOCUMENT_BYTES {
            return Err(reading.bad(format!(
                "the JSON document is larger than the {} MiB limit",
                MAX_DOCUMENT_BYTES >> 20
            )));
        }
        let text: String = lines.iter().map(|(_, l)| l.as_str()).collect();
        let _ = emit(import_document(path, &text, skipped));
        return Ok(());
    }
    let _ = emit(finish(path, parse_lines(path, &lines), skipped));
    Ok(())
}

/// Parses JSON lines into records, in parallel.
fn parse_lines(
    path: &Path,
    lines: &[(usize, String)],
) -> Vec<std::result::Result<Record, ImportError>> {
    lines
        .par_iter()
        .with_min_len(256)
        .map(|(number, line)| {
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|error| import_error(path, *number, "json", &format!("{error}")))?;
            record_from_value(&value)
                .map_err(|error| import_error(path, *number, &error.field, &error.message))
        })
        .collect()
}

fn import_document(path: &Path, text: &str, skipped: Vec<ImportError>) -> Import {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => import_values(path, value, skipped),
        Err(error) => {
            let mut skipped = skipped;
            skipped.push(import_error(path, error.line(), "json", &error.to_string()));
            finish(path, Vec::new(), skipped)
        }
    }
}

fn import_values(path: &Path, value: serde_json::Value, skipped: Vec<ImportError>) -> Import {
    let values = match value {
        serde_json::Value::Array(items) => items,
        single => vec![single],
    };
    let parsed = values
        .iter()
        .enumerate()
        .map(|(index, value)| {
            record_from_value(value)
                .map_err(|error| import_error(path, index + 1, &error.field, &error.message))
        })
        .collect();
    finish(path, parsed, skipped)
}

fn read_yaml(reading: &FileReading<'_>, reader: impl Read) -> Result<Import> {
    let path = reading.path;
    let mut bytes = Vec::new();
    let limit = MAX_DOCUMENT_BYTES as u64 + 1;
    if let Err(error) = reader.take(limit).read_to_end(&mut bytes) {
        let mut skipped = Vec::new();
        reading.on_break(0, error, &mut skipped)?;
        return Ok(finish(path, Vec::new(), skipped));
    }
    if bytes.len() as u64 == limit {
        return Err(reading.bad(format!(
            "the YAML document is larger than the {} MiB limit",
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    let text = String::from_utf8_lossy(&bytes);
    if text.trim().is_empty() {
        return Err(reading.bad("the file is empty: it holds no records".into()));
    }
    if yaml_too_deep(&text) {
        let message = format!("nested deeper than {MAX_NESTING_DEPTH} levels");
        return Ok(finish(path, Vec::new(), vec![import_error(path, 1, "yaml", &message)]));
    }
    Ok(match serde_yaml_ng::from_str::<serde_json::Value>(&text) {
        Ok(value) => import_values(path, value, Vec::new()),
        Err(error) => {
            let line = error.location().map(|l| l.line()).unwrap_or(1);
            finish(path, Vec::new(), vec![import_error(path, line, "yaml", &error.to_string())])
        }
    })
}

fn finish(
    path: &Path,
    parsed: Vec<std::result::Result<Record, ImportError>>,
    mut skipped: Vec<ImportError>,
) -> Import {
    let mut records = Vec::with_capacity(parsed.len());
    for result in parsed {
        match result {
            Ok(record) => records.push(record),
            Err(error) => skipped.push(error),
        }
    }
    skipped.sort_by_key(|error| error.line);
    let mut by_org = BTreeMap::new();
    for record in &records {
        *by_org.entry(record.org.clone()).or_default() += 1;
    }
    let summary =
        ImportSummary { files: vec![path.into()], imported: records.len(), by_org, skipped };
    Import { records, summary }
}

fn import_error(path: &Path, line: usize, field: &str, message: &str) -> ImportError {
    ImportError { path: path.into(), line, field: field.into(), message: message.into() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    const GOOD: &str = r#"{"docid":[{"id":"ISO 1:2002","type":"ISO","primary":true}],"title":[{"content":"Length","language":"en"}]}"#;

    #[test]
    fn batches_hold_at_most_the_batch_size_and_report_bad_lines_once() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{GOOD}\n{GOOD}\n{{broken\n{GOOD}\n{GOOD}\n{GOOD}\n");
        let lines = write(dir.path(), "lines.jsonl", text.as_bytes());
        let array = format!("[\n{GOOD},\n{GOOD},\n{GOOD}\n]\n");
        let document = write(dir.path(), "array.json", array.as_bytes());
        let mut sizes = Vec::new();
        let summary = read_paths_in_batches(
            &[lines.clone(), document],
            ImportOptions::default(),
            2,
            &mut |records| {
                sizes.push(records.len());
                ControlFlow::Continue(())
            },
        )
        .unwrap();
        assert_eq!(sizes, vec![2, 1, 2, 2, 1], "batches of two lines; the array is one document");
        assert_eq!(summary.imported, 8);
        assert_eq!(summary.files.len(), 2);
        assert_eq!(summary.skipped.len(), 1);
        assert_eq!(summary.skipped[0].line, 3);
        // The whole-file reader reads the same.
        let whole = read_paths(&[lines]).unwrap();
        assert_eq!((whole.records.len(), whole.summary.skipped.len()), (5, 1));
    }

    #[test]
    fn a_sink_that_stops_stops_the_reading() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{GOOD}\n{GOOD}\n{GOOD}\n{GOOD}\n");
        let path = write(dir.path(), "lines.jsonl", text.as_bytes());
        let mut batches = 0;
        read_paths_in_batches(&[path.clone(), path], ImportOptions::default(), 1, &mut |_| {
            batches += 1;
            ControlFlow::Break(())
        })
        .unwrap();
        assert_eq!(batches, 1);
    }

    #[test]
    fn bad_lines_are_reported_and_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("{GOOD}\n{{broken\n\n{{\"title\":\"no id\"}}\n{GOOD}\n");
        let path = write(dir.path(), "mixed.jsonl", text.as_bytes());
        let import = read_file(&path).unwrap();
        assert_eq!(import.records.len(), 2);
        let skipped: Vec<String> = import.summary.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(skipped.len(), 2);
        assert!(
            skipped[0]
                .ends_with("mixed.jsonl:2: field json: key must be a string at line 1 column 2"),
            "{}",
            skipped[0]
        );
        assert!(
            skipped[1].ends_with("mixed.jsonl:4: field docid: missing primary identifier"),
            "{}",
            skipped[1]
        );
    }

    #[test]
    fn gzip_is_detected_by_content_and_truncation_fails_unless_kept_going() {
        let dir = tempfile::tempdir().unwrap();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for _ in 0..2000 {
            writeln!(encoder, "{GOOD}").unwrap();
        }
        let bytes = encoder.finish().unwrap();
        let whole = write(dir.path(), "whole.jsonl.gz", &bytes);
        assert_eq!(read_file(&whole).unwrap().records.len(), 2000);
        let cut = write(dir.path(), "cut.jsonl.gz", &bytes[..bytes.len() / 2]);
        let error = read_file(&cut).unwrap_err();
        assert!(error.to_string().contains("cut.jsonl.gz"), "{error}");
        let import = read_file_with(&cut, ImportOptions::default().keep_going(true)).unwrap();
        assert!(!import.records.is_empty() && import.records.len() < 2000);
        assert_eq!(import.summary.skipped.len(), 1);
        assert_eq!(import.summary.skipped[0].field, "file");
    }

    #[test]
    fn yaml_records_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let yaml = "docid:\n  - id: IEC 60076-21:2011\n    type: IEC\n    primary: true\ntitle:\n  - content: Power transformers\n    language: en\n";
        let path = write(dir.path(), "one.yaml", yaml.as_bytes());
        let import = read_file(&path).unwrap();
        assert_eq!(import.records[0].org, "IEC");
        let bad = write(dir.path(), "bad.yaml", b"docid: [\n");
        assert_eq!(read_file(&bad).unwrap().summary.skipped[0].field, "yaml");
    }

    #[test]
    fn unreadable_paths_and_empty_directories_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_file(dir.path().join("absent.jsonl")).unwrap_err();
        assert!(missing.to_string().starts_with("cannot read "), "{missing}");
        let empty = read_dir(dir.path()).unwrap_err();
        assert!(matches!(empty, CorpusError::NoInput { .. }));
    }
}
