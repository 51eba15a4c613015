//! The side file of near-duplicate sketches, one slot per record ordinal.
//!
//! `sketches.bin` holds a magic header, then for every record in build order one flag byte (1 when
//! the record has a sketch) and the sketch's bytes. The whole-corpus self-join reads it instead of
//! re-analysing every record.

use std::path::Path;

use nwip_text::{Sketch, SKETCH_HASHES};

use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"NWIPSK01";
/// Name of the sketch file inside an index generation.
pub(crate) const FILE_NAME: &str = "sketches.bin";
const SLOT_BYTES: usize = 1 + SKETCH_HASHES * 4;

/// The sketches of every record of an index, by ordinal.
#[derive(Debug, Clone, Default)]
pub struct SketchFile {
    sketches: Vec<Option<Sketch>>,
}

impl SketchFile {
    pub(crate) fn new(sketches: Vec<Option<Sketch>>) -> SketchFile {
        SketchFile { sketches }
    }

    /// Returns how many records have a sketch.
    pub fn count(&self) -> usize {
        self.sketches.iter().filter(|s| s.is_some()).count()
    }

    /// Returns the number of ordinals the file has a slot for (one past the highest).
    pub fn slots(&self) -> usize {
        self.sketches.len()
    }

    /// Sets the sketch of the record with this ordinal, growing the file as needed.
    pub(crate) fn set(&mut self, ordinal: u64, sketch: Option<Sketch>) {
        let slot = ordinal as usize;
        if slot >= self.sketches.len() {
            if sketch.is_none() {
                return;
            }
            self.sketches.resize(slot + 1, None);
        }
        self.sketches[slot] = sketch;
    }

    /// Returns the sketch of the record with this ordinal.
    pub fn get(&self, ordinal: u64) -> Option<&Sketch> {
        self.sketches.get(ordinal as usize).and_then(Option::as_ref)
    }

    /// Iterates `(ordinal, sketch)` over the records that have one.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &Sketch)> {
        self.sketches.iter().enumerate().filter_map(|(i, s)| s.as_ref().map(|s| (i as u64, s)))
    }

    pub(crate) fn write(&self, dir: &Path) -> Result<()> {
        let path = dir.join(FILE_NAME);
        let mut bytes = Vec::with_capacity(MAGIC.len() + self.sketches.len() * SLOT_BYTES);
        bytes.extend_from_slice(MAGIC);
        for sketch in &self.sketches {
            match sketch {
                Some(sketch) => {
                    bytes.push(1);
                    bytes.extend_from_slice(&sketch.to_bytes());
                }
                None => bytes.extend(std::iter::repeat_n(0u8, SLOT_BYTES)),
            }
        }
        std::fs::write(&path, bytes).map_err(|error| Error::io(&path, error))
    }

    pub(crate) fn read(dir: &Path) -> Result<SketchFile> {
        SketchFile::read_file(&dir.join(FILE_NAME))
    }

    fn read_file(path: &Path) -> Result<SketchFile> {
        let path = path.to_path_buf();
        let bytes = std::fs::read(&path).map_err(|error| Error::io(&path, error))?;
        let corrupt =
            || Error::CorruptMeta { path: path.clone(), message: "bad sketch file".into() };
        let body = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(corrupt)?;
        if body.len() % SLOT_BYTES != 0 {
            return Err(corrupt());
        }
        let sketches = body
            .chunks_exact(SLOT_BYTES)
            .map(|slot| if slot[0] == 1 { Sketch::from_bytes(&slot[1..]) } else { None })
            .collect();
        Ok(SketchFile { sketches })
    }
}

/// Writes `sketches.bin` slot by slot, as records are written, so a build holds no sketch.
pub(crate) struct SketchWriter {
    path: std::path::PathBuf,
    out: std::io::BufWriter<std::fs::File>,
    slots: usize,
    sketched: usize,
}

impl SketchWriter {
    /// Starts the sketch file of the index in `dir`.
    pub(crate) fn create(dir: &Path) -> Result<SketchWriter> {
        use std::io::Write;
        let path = dir.join(FILE_NAME);
        let file = std::fs::File::create(&path).map_err(|error| Error::write(&path, error))?;
        let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
        out.write_all(MAGIC).map_err(|error| Error::write(&path, error))?;
        Ok(SketchWriter { path, out, slots: 0, sketched: 0 })
    }

    /// Appends the slot of the next ordinal.
    pub(crate) fn push(&mut self, sketch: Option<&Sketch>) -> Result<()> {
        use std::io::Write;
        let written = match sketch {
            Some(sketch) => {
                self.sketched += 1;
                self.out.write_all(&[1]).and_then(|()| self.out.write_all(&sketch.to_bytes()))
            }
            None => self.out.write_all(&[0u8; SLOT_BYTES]),
        };
        self.slots += 1;
        written.map_err(|error| Error::write(&self.path, error))
    }

    /// Returns how many records have a sketch so far.
    pub(crate) fn sketched(&self) -> usize {
        self.sketched
    }

    /// Flushes the file to disk.
    pub(crate) fn finish(mut self) -> Result<()> {
        use std::io::Write;
        self.out.flush().map_err(|error| Error::write(&self.path, error))
    }
}
