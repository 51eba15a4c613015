//! Reading record files: Relaton JSON lines (plain or gzipped), Relaton YAML, and directories of them.
//!
//! Files are read in parallel (one gzip stream per file), lines are parsed in parallel chunks, and
//! every bad line is kept as an [`ImportError`] with file, line and field. A gzip stream that breaks
//! mid-file keeps the records read before the break and reports the break as a skipped line.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::error::{CorpusError, ImportError, Result};
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

/// Reads every record file in a directory (not recursive), in name order.
///
/// ```no_run
/// let import = nwip_corpus::read_dir("../shared/corpus").unwrap();
/// println!("{} records, {} skipped", import.summary.imported, import.summary.skipped.len());
/// ```
pub fn read_dir(dir: impl AsRef<Path>) -> Result<Import> {
    let dir = dir.as_ref();
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
    read_files(&files)
}

/// Reads files and directories, each as [`read_file`] or [`read_dir`] would.
pub fn read_paths(paths: &[PathBuf]) -> Result<Import> {
    let mut files = Vec::new();
    for path in paths {
        let metadata = std::fs::metadata(path)
            .map_err(|source| CorpusError::Io { path: path.clone(), source })?;
        if metadata.is_dir() {
            let import = read_dir(path)?;
            files.extend(import.summary.files.iter().cloned());
            continue;
        }
        files.push(path.clone());
    }
    if files.is_empty() {
        return Err(CorpusError::NoInput { path: paths.first().cloned().unwrap_or_default() });
    }
    read_files(&files)
}

/// Reads several files in parallel and concatenates them in the given order.
pub fn read_files(files: &[PathBuf]) -> Result<Import> {
    let imports: Vec<Result<Import>> = files.par_iter().map(read_file).collect();
    let mut all = Import::default();
    for import in imports {
        let import = import?;
        all.records.extend(import.records);
        all.summary.absorb(import.summary);
    }
    Ok(all)
}

/// Reads one file: JSON lines (`.jsonl`, optionally gzipped, detected by content), a JSON array or
/// object (`.json`), or a Relaton YAML record (`.yaml`, `.yml`).
pub fn read_file(path: impl AsRef<Path>) -> Result<Import> {
    let path = path.as_ref();
    let io_error = |source| CorpusError::Io { path: path.into(), source };
    let mut file = File::open(path).map_err(io_error)?;
    let mut magic = [0u8; 2];
    let read = file.read(&mut magic).map_err(io_error)?;
    drop(file);
    let file = File::open(path).map_err(io_error)?;
    let reader: Box<dyn Read> = if read == 2 && magic == [0x1f, 0x8b] {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let name = path.to_string_lossy().to_ascii_lowercase();
    let name = name.trim_end_matches(".gz");
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        return Ok(read_yaml(path, reader));
    }
    Ok(read_json_lines(path, reader))
}

fn read_json_lines(path: &Path, reader: impl Read) -> Import {
    let mut lines: Vec<(usize, String)> = Vec::new();
    let mut skipped = Vec::new();
    let mut buffered = BufReader::with_capacity(1 << 20, reader);
    let mut line_number = 0usize;
    loop {
        let mut bytes = Vec::new();
        match buffered.read_until(b'\n', &mut bytes) {
            Ok(0) => break,
            Ok(_) => {
                line_number += 1;
                match String::from_utf8(bytes) {
                    Ok(line) if line.trim().is_empty() => {}
                    Ok(line) => lines.push((line_number, line)),
                    Err(_) => {
                        skipped.push(import_error(path, line_number, "line", "not valid UTF-8"))
                    }
                }
            }
            Err(error) => {
                // A broken gzip stream or a read error: keep what was read, report where it broke.
                skipped.push(import_error(
                    path,
                    line_number + 1,
                    "file",
                    &format!("read failed: {error}"),
                ));
                break;
            }
        }
    }
    // A whole-file JSON array or pretty-printed object is one document, not lines.
    let first = lines.first().map(|(_, l)| l.trim_start().to_string()).unwrap_or_default();
    if lines.len() > 1 && (first.starts_with('[') || first == "{") {
        let text: String = lines.iter().map(|(_, l)| l.as_str()).collect();
        return import_document(path, &text, skipped);
    }
    let parsed: Vec<std::result::Result<Record, ImportError>> = lines
        .par_iter()
        .with_min_len(256)
        .map(|(number, line)| {
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|error| import_error(path, *number, "json", &format!("{error}")))?;
            record_from_value(&value)
                .map_err(|error| import_error(path, *number, &error.field, &error.message))
        })
        .collect();
    finish(path, parsed, skipped)
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

fn read_yaml(path: &Path, mut reader: impl Read) -> Import {
    let mut text = String::new();
    if let Err(error) = reader.read_to_string(&mut text) {
        return finish(
            path,
            Vec::new(),
            vec![import_error(path, 1, "file", &format!("read failed: {error}"))],
        );
    }
    match serde_yaml_ng::from_str::<serde_json::Value>(&text) {
        Ok(value) => import_values(path, value, Vec::new()),
        Err(error) => {
            let line = error.location().map(|l| l.line()).unwrap_or(1);
            finish(path, Vec::new(), vec![import_error(path, line, "yaml", &error.to_string())])
        }
    }
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
    fn gzip_is_detected_by_content_and_truncation_keeps_what_was_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for _ in 0..2000 {
            writeln!(encoder, "{GOOD}").unwrap();
        }
        let bytes = encoder.finish().unwrap();
        let whole = write(dir.path(), "whole.jsonl.gz", &bytes);
        assert_eq!(read_file(&whole).unwrap().records.len(), 2000);
        let cut = write(dir.path(), "cut.jsonl.gz", &bytes[..bytes.len() / 2]);
        let import = read_file(&cut).unwrap();
        assert!(import.records.len() < 2000);
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
