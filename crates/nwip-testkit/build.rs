//! Fingerprints the sources that decide what an index holds (text analysis, import, identifiers,
//! the bilingual table and the index itself), so a full test index built from older sources is
//! rebuilt rather than reused.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

const SOURCES: [&str; 4] =
    ["../nwip-text/src", "../nwip-corpus/src", "../nwip-bridge/src", "../nwip-index/src"];

fn main() {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in SOURCES {
        println!("cargo:rerun-if-changed={dir}");
        collect(Path::new(dir), &mut files);
    }
    files.sort();
    let mut hasher = DefaultHasher::new();
    for file in &files {
        file.hash(&mut hasher);
        std::fs::read(file).unwrap_or_default().hash(&mut hasher);
    }
    println!("cargo:rustc-env=NWIP_INDEX_SOURCES={:016x}", hasher.finish());
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}
