//! Choosing a reader for a file and decoding its bytes into text.

use std::path::Path;

use super::fields::strip_bom;

pub(super) enum Format {
    Json,
    Markdown,
    Text,
}

pub(super) fn sniff(path: &Path, text: &str) -> Format {
    let body = strip_bom(text).trim_start();
    if body.starts_with('{') {
        return Format::Json;
    }
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("json") => Format::Json,
        Some("md" | "markdown" | "mdown" | "mkd") => Format::Markdown,
        _ if body.starts_with("---")
            || body.lines().any(|line| line.starts_with("# ") || line.starts_with("## ")) =>
        {
            Format::Markdown
        }
        _ => Format::Text,
    }
}

/// Decodes a file: UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252.
pub(super) fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> =
            rest.chunks_exact(2).map(|pair| u16::from_le_bytes([pair[0], pair[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> =
            rest.chunks_exact(2).map(|pair| u16::from_be_bytes([pair[0], pair[1]])).collect();
        return String::from_utf16_lossy(&units);
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&byte| windows_1252(byte)).collect(),
    }
}

fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9f => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn decode_utf8_utf16_and_windows_1252() {
        assert_eq!(decode(&[b'c', b'a', b'f', 0xe9, b' ', 0x96, b' ', 0x92]), "café – ’");
        assert_eq!(decode(&[0xff, 0xfe, b'h', 0, b'i', 0]), "hi");
        assert_eq!(decode("\u{feff}é".as_bytes()), "é");
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_decode(bytes in proptest::collection::vec(any::<u8>(), 0..64)) {
            let _ = decode(&bytes);
        }
    }
}
