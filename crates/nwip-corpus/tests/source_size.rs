//! A file is one concern: no source file of this crate holds more than 1,000 lines of code
//! before its `#[cfg(test)]` module (the house style's "Lessons from reading nwip itself").

use std::path::{Path, PathBuf};

const LIMIT: usize = 1_000;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read the source directory") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

fn code_lines(text: &str) -> usize {
    text.lines().take_while(|line| !line.starts_with("#[cfg(test)]")).count()
}

#[test]
fn no_source_file_holds_more_than_a_thousand_lines_of_code() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 5, "found only {files:?}");
    let mut too_long = Vec::new();
    for path in files {
        let name = path.strip_prefix(&src).unwrap().to_string_lossy().into_owned();
        let lines = code_lines(&std::fs::read_to_string(&path).unwrap());
        if lines > LIMIT {
            too_long.push(format!("{name}: {lines} lines"));
        }
    }
    assert!(too_long.is_empty(), "split these files into a folder of modules: {too_long:?}");
}

#[test]
fn code_lines_stop_at_the_test_module() {
    assert_eq!(code_lines("fn a() {}\n\n#[cfg(test)]\nmod tests {}\n"), 2);
    assert_eq!(code_lines("fn a() {}\n"), 1);
}
