//! Decoding input files into text: byte order marks, UTF-16 without one, legacy single-byte
//! encodings (Windows-1251, Windows-1252, KOI8-R...) told apart by chardetng, and binary files
//! refused as such. Streams are read once: the first bytes are kept for sniffing and replayed.
//!
//! Used by the proposal reader ([`read_text_file`]) and by the record importer
//! ([`TextReader::sniff`]). The detector is [chardetng](https://docs.rs/chardetng) (Firefox's), and
//! the decoders are [encoding_rs](https://docs.rs/encoding_rs).
//!
//! ```
//! use nwip_corpus::decode::decode_text;
//! // "Изделия" in Windows-1251.
//! let bytes = [0xc8, 0xe7, 0xe4, 0xe5, 0xeb, 0xe8, 0xff, b' ', 0xec, 0xe5, 0xe4, 0xe8, 0xf6, 0xe8,
//!              0xed, 0xf1, 0xea, 0xe8, 0xe5];
//! assert_eq!(decode_text(&bytes).unwrap().text, "Изделия медицинские");
//! assert!(decode_text(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00").is_err());
//! ```

use std::io::{self, Read};
use std::path::Path;

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::limits::MAX_PROPOSAL_BYTES;

/// How many bytes of a stream are looked at to decide its encoding.
pub const SNIFF_BYTES: usize = 64 << 10;

/// Why bytes could not be decoded as text.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// The bytes are not text: a NUL byte or control characters no text encoding uses.
    #[error("the file is binary, not text (byte {offset} is {byte:#04x})")]
    Binary {
        /// The offset of the first byte that gave it away.
        offset: usize,
        /// That byte.
        byte: u8,
    },
    /// The file is larger than the limit for its kind.
    #[error("the file is larger than the {} MiB limit", limit >> 20)]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// Reading failed.
    #[error("read failed")]
    Io(#[from] io::Error),
}

/// Text decoded from bytes, with the encoding it was found in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding (`UTF-8`, `UTF-16LE`, `windows-1251`...).
    pub encoding: &'static str,
}

/// Decodes a whole file's bytes: a byte order mark wins; then UTF-16 without one (recognised by
/// its NUL bytes), UTF-8, and else the legacy encoding chardetng finds most likely.
///
/// # Errors
/// [`DecodeError::Binary`] for bytes that are not text in any of these encodings.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let encoding = detect(bytes, true)?;
    let (text, _) = encoding.decoding.decode_with_bom_removal(bytes);
    Ok(Decoded { text: text.into_owned(), encoding: encoding.decoding.name() })
}

/// Reads a file of at most `limit` bytes (once: a FIFO or `/dev/stdin` works) and decodes it.
///
/// # Errors
/// [`DecodeError::TooLarge`] past `limit`, [`DecodeError::Io`] when reading fails,
/// [`DecodeError::Binary`] for a binary file.
pub fn read_text(reader: impl Read, limit: usize) -> Result<Decoded, DecodeError> {
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(DecodeError::TooLarge { limit });
    }
    decode_text(&bytes)
}

/// Reads and decodes a proposal file, at most [`MAX_PROPOSAL_BYTES`].
///
/// # Errors
/// As [`read_text`]; a missing file is [`DecodeError::Io`].
pub fn read_text_file(path: &Path) -> Result<Decoded, DecodeError> {
    read_text(std::fs::File::open(path)?, MAX_PROPOSAL_BYTES)
}

/// Reads a proposal file's bytes for [`crate::Proposal::read_path`] (once, at most
/// [`MAX_PROPOSAL_BYTES`]), with the errors it reports.
pub(crate) fn read_proposal_bytes(path: &Path) -> Result<Vec<u8>, crate::ProposalError> {
    let io_error = |source| crate::ProposalError::Io { path: path.to_path_buf(), source };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let mut bytes = Vec::new();
    file.take(MAX_PROPOSAL_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(io_error)?;
    if bytes.len() > MAX_PROPOSAL_BYTES {
        return Err(proposal_error(path, DecodeError::TooLarge { limit: MAX_PROPOSAL_BYTES }));
    }
    Ok(bytes)
}

/// Decodes a proposal's bytes (not a Word document) for [`crate::Proposal::read_bytes`].
pub(crate) fn decode_proposal(path: &Path, bytes: &[u8]) -> Result<String, crate::ProposalError> {
    decode_text(bytes).map(|decoded| decoded.text).map_err(|error| proposal_error(path, error))
}

fn proposal_error(path: &Path, error: DecodeError) -> crate::ProposalError {
    match error {
        DecodeError::Io(source) => crate::ProposalError::Io { path: path.to_path_buf(), source },
        error => crate::ProposalError::InvalidField {
            path: Some(path.to_path_buf()),
            line: None,
            field: "proposal",
            message: format!("{error}: not a proposal"),
        },
    }
}

/// The encoding chosen for some bytes.
#[derive(Debug, Clone, Copy)]
struct Detected {
    decoding: &'static Encoding,
    /// A byte order mark starts the bytes.
    bom: bool,
}

/// Decides the encoding of `sample` (the whole text, or its start when `complete` is false).
fn detect(sample: &[u8], complete: bool) -> Result<Detected, DecodeError> {
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        return Ok(Detected { decoding: encoding, bom: true });
    }
    if let Some(nul) = sample.iter().position(|&byte| byte == 0) {
        return utf16_without_bom(sample).ok_or(DecodeError::Binary { offset: nul, byte: 0 });
    }
    if let Some((offset, byte)) = binary_control_byte(sample) {
        return Err(DecodeError::Binary { offset, byte });
    }
    if is_utf8(sample, complete) {
        return Ok(Detected { decoding: UTF_8, bom: false });
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, complete);
    Ok(Detected { decoding: detector.guess(None, true), bom: false })
}

/// Tells whether `sample` is UTF-8; an incomplete sequence at the end of an incomplete sample
/// does not count against it.
fn is_utf8(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(error) => !complete && error.error_len().is_none(),
    }
}

/// Returns the first byte that no text uses: C0 control characters other than tab, line feed,
/// form feed, carriage return and escape (a lone escape can come from a title pasted from a
/// terminal; many of them cannot), when they make more than 1 in 1,000 bytes, or any at all in the
/// first 16.
fn binary_control_byte(sample: &[u8]) -> Option<(usize, u8)> {
    let is_binary =
        |byte: u8| byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\x0c' | b'\r' | 0x1b);
    let mut found = sample.iter().enumerate().filter(|(_, byte)| is_binary(**byte));
    let first = found.next().map(|(offset, byte)| (offset, *byte))?;
    let count = 1 + found.count();
    (first.0 < 16 || count * 1000 > sample.len()).then_some(first)
}

/// Recognises UTF-16 without a byte order mark: NUL bytes (from ASCII spaces, digits and
/// punctuation) on one side of each pair, and text without control characters once decoded.
fn utf16_without_bom(sample: &[u8]) -> Option<Detected> {
    let pairs = sample.len() / 2;
    if pairs < 2 {
        return None;
    }
    let zeros_at =
        |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let candidates = if odd >= even { [UTF_16LE, UTF_16BE] } else { [UTF_16BE, UTF_16LE] };
    candidates.into_iter().find_map(|encoding| {
        let (text, had_errors) = encoding.decode_without_bom_handling(&sample[..pairs * 2]);
        let clean =
            !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0c'));
        (!had_errors && clean && !text.is_empty())
            .then_some(Detected { decoding: encoding, bom: false })
    })
}

/// A reader that yields UTF-8: it looks at the first [`SNIFF_BYTES`] of a stream to decide the
/// encoding, then replays them and decodes the rest as it is read. UTF-8 passes through untouched
/// (an invalid line then stays a bad record of its own).
pub struct TextReader<R> {
    source: Replay<R>,
    decoder: Option<Decoder>,
    input: Vec<u8>,
    input_start: usize,
    input_end: usize,
    output: Vec<u8>,
    output_start: usize,
    output_end: usize,
    finished: bool,
    encoding: &'static str,
}

impl<R: Read> TextReader<R> {
    /// Reads the start of `source` and decides its encoding.
    ///
    /// # Errors
    /// [`DecodeError::Io`] when reading fails, [`DecodeError::Binary`] for a binary stream.
    ///
    /// A read error after some bytes (a gzip stream cut off early) is not returned here: the
    /// bytes before it are replayed first, then the error, so the reader of the lines can say at
    /// which line the file broke.
    pub fn sniff(mut source: R) -> Result<TextReader<R>, DecodeError> {
        let mut prefix = Vec::with_capacity(SNIFF_BYTES);
        let pending = match (&mut source).take(SNIFF_BYTES as u64).read_to_end(&mut prefix) {
            Ok(_) => None,
            Err(error) if prefix.is_empty() => return Err(DecodeError::Io(error)),
            Err(error) => Some(error),
        };
        let complete = prefix.len() < SNIFF_BYTES && pending.is_none();
        let detected = detect(&prefix, complete)?;
        let decoder = match (detected.decoding == UTF_8, detected.bom) {
            (true, false) => None,
            (_, true) => Some(detected.decoding.new_decoder_with_bom_removal()),
            (false, false) => Some(detected.decoding.new_decoder_without_bom_handling()),
        };
        Ok(TextReader {
            source: Replay { prefix: io::Cursor::new(prefix), pending, source },
            decoder,
            input: vec![0; 16 << 10],
            input_start: 0,
            input_end: 0,
            output: vec![0; 48 << 10],
            output_start: 0,
            output_end: 0,
            finished: false,
            encoding: detected.decoding.name(),
        })
    }

    /// Returns the name of the encoding found (`UTF-8`, `windows-1251`...).
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }
}

/// The sniffed bytes, then the error that stopped the sniffing if any, then the rest.
struct Replay<R> {
    prefix: io::Cursor<Vec<u8>>,
    pending: Option<io::Error>,
    source: R,
}

impl<R: Read> Read for Replay<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.prefix.read(buf)?;
        if read > 0 || buf.is_empty() {
            return Ok(read);
        }
        if let Some(error) = self.pending.take() {
            return Err(error);
        }
        self.source.read(buf)
    }
}

impl<R: Read> Read for TextReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(decoder) = self.decoder.as_mut() else { return self.source.read(buf) };
        loop {
            if self.output_start < self.output_end {
                let count = buf.len().min(self.output_end - self.output_start);
                buf[..count]
                    .copy_from_slice(&self.output[self.output_start..self.output_start + count]);
                self.output_start += count;
                return Ok(count);
            }
            if self.finished {
                return Ok(0);
            }
            let mut last = false;
            if self.input_start == self.input_end {
                let read = self.source.read(&mut self.input)?;
                self.input_start = 0;
                self.input_end = read;
                last = read == 0;
            }
            let (result, read, written, _) = decoder.decode_to_utf8(
                &self.input[self.input_start..self.input_end],
                &mut self.output,
                last,
            );
            self.input_start += read;
            self.output_start = 0;
            self.output_end = written;
            if last && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn windows_1251(text: &str) -> Vec<u8> {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
        bytes.into_owned()
    }

    const RUSSIAN: &str =
        "Изделия медицинские. Системы менеджмента качества. Требования для целей регулирования";
    const FRENCH: &str =
        "Qualité de l'eau — Échantillonnage des rivières, des lacs et des réservoirs";

    #[test]
    fn legacy_encodings_are_told_apart() {
        assert_eq!(decode_text(&windows_1251(RUSSIAN)).unwrap().text, RUSSIAN);
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode(FRENCH);
        assert_eq!(decode_text(&latin).unwrap().text, FRENCH);
        let (koi8, _, _) = encoding_rs::KOI8_R.encode(RUSSIAN);
        assert_eq!(decode_text(&koi8).unwrap().text, RUSSIAN);
    }

    #[test]
    fn utf16_is_read_with_or_without_a_byte_order_mark() {
        for text in [RUSSIAN, FRENCH] {
            let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            assert_eq!(decode_text(&le).unwrap().text, text);
            assert_eq!(decode_text(&be).unwrap().text, text);
            assert_eq!(decode_text(&[&[0xff, 0xfe][..], &le].concat()).unwrap().text, text);
            assert_eq!(decode_text(&[&[0xfe, 0xff][..], &be].concat()).unwrap().text, text);
        }
        assert_eq!(decode_text(b"\xef\xbb\xbfplain").unwrap().text, "plain");
    }

    #[test]
    fn binary_files_are_refused() {
        let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00";
        assert!(matches!(decode_text(elf), Err(DecodeError::Binary { offset: 7, byte: 0 })));
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert!(matches!(decode_text(png), Err(DecodeError::Binary { .. })));
        let noise: Vec<u8> =
            (0..4000u32).map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8 | 1).collect();
        assert!(matches!(decode_text(&noise), Err(DecodeError::Binary { .. })), "random bytes");
        // One escape character in a title is text, not binary.
        assert_eq!(decode_text(b"Water \x1b[1mquality\x1b[0m").unwrap().encoding, "UTF-8");
    }

    #[test]
    fn the_stream_reader_replays_the_sniffed_bytes_and_decodes_across_reads() {
        let text = format!("{RUSSIAN}\n").repeat(3000);
        let utf16: Vec<u8> = [
            &[0xff, 0xfe][..],
            &text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>(),
        ]
        .concat();
        for bytes in [text.as_bytes().to_vec(), windows_1251(&text), utf16] {
            let mut reader = TextReader::sniff(io::Cursor::new(bytes)).unwrap();
            let mut decoded = String::new();
            reader.read_to_string(&mut decoded).unwrap();
            assert_eq!(decoded, text, "{}", reader.encoding());
        }
    }

    #[test]
    fn short_texts_decode_as_before() {
        let decoded = |bytes: &[u8]| decode_text(bytes).unwrap().text;
        assert_eq!(decoded(&[b'c', b'a', b'f', 0xe9, b' ', 0x96, b' ', 0x92]), "café – ’");
        assert_eq!(decoded(&[0xff, 0xfe, b'h', 0, b'i', 0]), "hi");
        assert_eq!(decoded("\u{feff}é".as_bytes()), "é");
        assert_eq!(decoded(b""), "");
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_decode_or_are_refused_without_panicking(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
            if let Ok(decoded) = decode_text(&bytes) {
                proptest::prop_assert!(!decoded.text.contains('\0'));
            }
        }

        #[test]
        fn the_stream_reader_agrees_with_the_whole_file_decoder(text in "\\PC{0,200}") {
            let (latin, _, _) = encoding_rs::WINDOWS_1251.encode(&text);
            let whole = decode_text(&latin);
            let streamed = TextReader::sniff(io::Cursor::new(latin.to_vec())).and_then(|mut reader| {
                let mut decoded = String::new();
                reader.read_to_string(&mut decoded)?;
                Ok(decoded)
            });
            if let (Ok(whole), Ok(streamed)) = (whole, streamed) {
                proptest::prop_assert_eq!(whole.text, streamed);
            }
        }
    }

    #[test]
    fn oversized_input_is_refused() {
        let error = read_text(io::Cursor::new(vec![b'a'; 2 << 20]), 1 << 20).unwrap_err();
        assert_eq!(error.to_string(), "the file is larger than the 1 MiB limit");
    }
}
