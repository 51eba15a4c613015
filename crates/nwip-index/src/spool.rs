//! The raw meanings of a build, spooled to a temporary file as records are embedded, and whitened
//! from it at the end ([`MeaningSpool::finish`]) into the index's [`MeaningFile`].
//!
//! The whitening is fitted on every record's whole word-vector mean, so a build cannot whiten a
//! record's meaning when it embeds it. Held in memory until then, the raw meanings (260 bytes a
//! record) grew a build's peak with the corpus: 90 MB at 345,000 records, 900 MB at ten times
//! that. Spooled, they cost a build a buffer: the file is read back twice, a block at a time (once
//! for the sample the whitening is fitted on, once to map every slot through it), and the
//! finished file is filled block by block, never held a second time as floats. The file has no
//! name (it is gone when the build ends, however it ends) and lives beside the index being
//! built, not in a `/tmp` that may be memory.
//!
//! A slot of the spool is laid out as a slot of the meaning file ([`Slots`]): a scale (`f32`)
//! and a byte per component of the table.

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use nwip_corpus::Record;
use nwip_text::WordVectors;
use rayon::prelude::*;
use tantivy::directory::OwnedBytes;

use crate::error::{Error, Result};
use crate::meanings::{quantise, record_meaning, MeaningFile, FILE_NAME, MEANING_DIMS};
use crate::signs::SignCodes;
use crate::slots::Slots;
use crate::whitening::{unit, Whitening, SAMPLE_LIMIT};

/// Slots read back at a time (about 17 MB of a 256-component table's meanings).
const BLOCK_SLOTS: usize = 1 << 16;
/// Slots mapped through the whitening by one task (one matrix product).
const TASK_SLOTS: usize = 4096;

/// The raw meanings of the records of a build, by ordinal, in a temporary file.
#[derive(Debug)]
pub(crate) struct MeaningSpool {
    /// What errors name: the directory the file is in, with a name that says the file has none.
    path: PathBuf,
    out: BufWriter<File>,
    /// Components of a raw meaning (the table's).
    dims: usize,
    /// Slots written.
    slots: usize,
    /// Slots that hold a meaning.
    present: usize,
}

impl MeaningSpool {
    /// Starts a spool for the meanings of `dims` components, in `dir` (the index being built),
    /// else in the system's temporary directory (an index built in memory).
    pub(crate) fn create(dir: Option<&Path>, dims: usize) -> Result<MeaningSpool> {
        let (path, file) = match dir {
            Some(dir) => (dir.to_path_buf(), tempfile::tempfile_in(dir)),
            None => (std::env::temp_dir(), tempfile::tempfile()),
        };
        let path = path.join("(the build's spooled meanings)");
        let file = file.map_err(|error| Error::write(&path, error))?;
        let out = BufWriter::with_capacity(1 << 20, file);
        Ok(MeaningSpool { path, out, dims, slots: 0, present: 0 })
    }

    /// Appends the meanings of `records`, the next ordinals (embedded in parallel, scaled to
    /// unit length).
    pub(crate) fn extend(&mut self, table: &WordVectors, records: &[Record]) -> Result<()> {
        let meanings: Vec<Option<Vec<f32>>> =
            records.par_iter().map(|record| unit(record_meaning(table, record)?)).collect();
        meanings.iter().try_for_each(|meaning| self.push(meaning.as_deref()))
    }

    /// Appends the meaning of the next ordinal (`None`: the record has none).
    pub(crate) fn push(&mut self, meaning: Option<&[f32]>) -> Result<()> {
        let (scale, values) = quantise(meaning, self.dims);
        let bytes: Vec<u8> = values.iter().map(|value| *value as u8).collect();
        let written =
            self.out.write_all(&scale.to_le_bytes()).and_then(|()| self.out.write_all(&bytes));
        written.map_err(|error| Error::write(&self.path, error))?;
        self.slots += 1;
        self.present += usize::from(scale > 0.0);
        Ok(())
    }

    /// Ends the build's meanings: fits the whitening on a sample of the spooled meanings (every
    /// `n`th of those present, at most [`SAMPLE_LIMIT`]) and maps every slot through it, or, for
    /// an index too small to fit it, keeps each meaning's first [`MEANING_DIMS`] components.
    pub(crate) fn finish(self) -> Result<MeaningFile> {
        let mut fitted = self.fit()?;
        let mut finished = Slots::new(fitted.dims);
        finished.reserve(fitted.slots);
        fitted.map_slots(|slot, scale, values| {
            finished.set(slot, scale, values);
            Ok(())
        })?;
        Ok(MeaningFile::from_slots(finished, fitted.whitening))
    }

    /// Ends the build's meanings as [`MeaningSpool::finish`] does, writing the meaning file into
    /// `dir` a slot at a time: the finished slots are never all in memory (a tenth of a GB at the
    /// shared corpus's 345,000 records, and writing them from memory held them twice).
    pub(crate) fn finish_into(self, dir: &Path) -> Result<()> {
        let mut fitted = self.fit()?;
        let target = dir.join(FILE_NAME);
        let failed = |error: std::io::Error| Error::write(&target, error);
        let header = MeaningFile::header(fitted.dims, fitted.whitening.as_ref(), fitted.slots);
        let mut signs = SignCodes::new(fitted.dims);
        let signs_len = SignCodes::byte_len(fitted.dims, fitted.slots);
        let mut out = BufWriter::with_capacity(1 << 20, File::create(&target).map_err(failed)?);
        // The slots go after the header and the sign codes, which are known only at the end;
        // the distinct codes, after the slots.
        out.seek(SeekFrom::Start((header.len() + signs_len) as u64)).map_err(failed)?;
        let mut bytes = Vec::new();
        fitted
            .map_slots(|slot, scale, values| {
                bytes.clear();
                bytes.extend(values.iter().map(|value| *value as u8));
                signs.set(slot, &bytes, scale > 0.0);
                out.write_all(&scale.to_le_bytes()).and_then(|()| out.write_all(&bytes))
            })
            .map_err(|visit| match visit {
                Visit::Read(error) => error,
                Visit::Stopped(error) => failed(error),
            })?;
        out.write_all(&signs.distinct_to_bytes()).map_err(failed)?;
        out.seek(SeekFrom::Start(0)).map_err(failed)?;
        out.write_all(&header).map_err(failed)?;
        out.write_all(&signs.to_bytes()).map_err(failed)?;
        out.flush().map_err(failed)
    }

    /// Reads the spool back once for the whitening's sample and fits it.
    fn fit(self) -> Result<Fitted> {
        let MeaningSpool { path, out, dims: input, slots, present } = self;
        let mut file = out.into_inner().map_err(|error| Error::write(&path, error.into_error()))?;
        let step = present.div_ceil(SAMPLE_LIMIT).max(1);
        let mut samples: Vec<Vec<f32>> = Vec::with_capacity(present.div_ceil(step));
        let mut seen = 0;
        read_blocks(&mut file, &path, input, |block, _| {
            for slot in 0..block.len() {
                if let Some(meaning) = raw(block, slot) {
                    if seen % step == 0 {
                        samples.push(meaning);
                    }
                    seen += 1;
                }
            }
            Ok(())
        })?;
        let whitening = Whitening::fit(&samples, input, MEANING_DIMS);
        drop(samples);
        let dims = whitening.as_ref().map_or(input.min(MEANING_DIMS), Whitening::output);
        Ok(Fitted { path, file, input, slots, whitening, dims })
    }
}

/// A spool read once, with the whitening fitted on it.
struct Fitted {
    path: PathBuf,
    file: File,
    /// Components of a raw meaning.
    input: usize,
    /// Slots spooled.
    slots: usize,
    whitening: Option<Whitening>,
    /// Components of a finished meaning.
    dims: usize,
}

impl Fitted {
    /// Reads the spool back a second time and hands every slot, in order, to `emit` as the
    /// meaning file holds it: whitened (or cut to its first components) and quantised.
    fn map_slots(
        &mut self,
        mut emit: impl FnMut(usize, f32, &[i8]) -> std::io::Result<()>,
    ) -> std::result::Result<(), Visit> {
        let (whitening, dims) = (&self.whitening, self.dims);
        read_blocks(&mut self.file, &self.path, self.input, |block, first| {
            let mapped: Vec<Vec<(f32, Vec<i8>)>> = (0..block.len())
                .collect::<Vec<usize>>()
                .par_chunks(TASK_SLOTS)
                .map(|task| {
                    let meanings: Vec<Option<Vec<f32>>> =
                        task.iter().map(|&slot| raw(block, slot)).collect();
                    let mapped = match whitening {
                        Some(whitening) => whitening.apply_all(&meanings),
                        None => {
                            let first = |m: &Vec<f32>| unit(m.get(..dims)?.to_vec());
                            meanings.iter().map(|m| m.as_ref().and_then(first)).collect()
                        }
                    };
                    mapped.iter().map(|meaning| quantise(meaning.as_deref(), dims)).collect()
                })
                .collect();
            for (offset, (scale, values)) in mapped.into_iter().flatten().enumerate() {
                emit(first + offset, scale, &values)?;
            }
            Ok(())
        })
    }
}

/// The meaning in `slot` of `block`, as spooled (`None`: no meaning).
fn raw(block: &Slots, slot: usize) -> Option<Vec<f32>> {
    let scale = block.scale(slot);
    (scale > 0.0)
        .then(|| block.values(slot).iter().map(|value| f32::from(*value as i8) * scale).collect())
}

/// Why reading the spool back stopped: it could not be read (an error naming it), or the
/// visitor stopped.
enum Visit {
    Read(Error),
    Stopped(std::io::Error),
}

impl From<Visit> for Error {
    fn from(visit: Visit) -> Error {
        match visit {
            Visit::Read(error) => error,
            Visit::Stopped(error) => Error::io("(the build's spooled meanings)", error),
        }
    }
}

/// Reads the spool from its start, [`BLOCK_SLOTS`] slots at a time, and hands each block to
/// `visit` with the ordinal of its first slot. A spool that ends in the middle of a slot is an
/// error naming it.
fn read_blocks(
    file: &mut File,
    path: &Path,
    dims: usize,
    mut visit: impl FnMut(&Slots, usize) -> std::io::Result<()>,
) -> std::result::Result<(), Visit> {
    let unreadable = |error: std::io::Error| Visit::Read(Error::io(path, error));
    file.seek(SeekFrom::Start(0)).map_err(unreadable)?;
    let mut reader = BufReader::with_capacity(1 << 20, &mut *file);
    let stride = 4 + dims;
    let mut first = 0;
    loop {
        let mut bytes = Vec::with_capacity(BLOCK_SLOTS * stride);
        (&mut reader)
            .take((BLOCK_SLOTS * stride) as u64)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        if bytes.is_empty() {
            return Ok(());
        }
        let block = Slots::mapped(dims, OwnedBytes::new(bytes)).ok_or_else(|| {
            unreadable(std::io::Error::other("the spool ends in the middle of a slot"))
        })?;
        visit(&block, first).map_err(Visit::Stopped)?;
        first += block.len();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spool_finished_into_a_directory_writes_the_file_a_finished_one_writes() {
        let spool = |count: usize| {
            let mut spool = MeaningSpool::create(None, 3).unwrap();
            for n in 0..count {
                let x = (n as f32 * 0.618).fract() - 0.5;
                let meaning = [1.0 + x, x * x - 0.1, (n % 7) as f32 * 0.1];
                spool.push((n % 5 != 0).then_some(&meaning[..])).unwrap();
            }
            spool
        };
        // Whitened (enough records to fit the map) and not.
        for count in [crate::whitening::MIN_RECORDS + 3, 40] {
            let (whole, streamed) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
            spool(count).finish().unwrap().write(whole.path()).unwrap();
            spool(count).finish_into(streamed.path()).unwrap();
            let read = |dir: &tempfile::TempDir| std::fs::read(dir.path().join(FILE_NAME)).unwrap();
            assert_eq!(read(&whole), read(&streamed), "{count} slots");
            let file = MeaningFile::read(streamed.path()).unwrap().unwrap();
            assert_eq!(file.len(), count);
        }
    }

    #[test]
    fn a_meaning_file_that_cannot_be_written_is_an_error_naming_it() {
        let mut spool = MeaningSpool::create(None, 3).unwrap();
        spool.push(Some(&[1.0, 0.5, 0.25])).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-generation");
        let error = spool.finish_into(&missing).unwrap_err().to_string();
        assert!(error.contains(&missing.join(FILE_NAME).display().to_string()), "{error}");
    }

    #[test]
    fn a_finished_spool_whitens_its_meanings_and_searches_them_whitened() {
        // Meanings crowded around one direction, which every cosine would share.
        let count = crate::whitening::MIN_RECORDS + 1;
        let mut spool = MeaningSpool::create(None, 3).unwrap();
        let small = |n: usize| ((n as f32 * 0.618).fract() - 0.5, (n as f32 * 0.414).fract() - 0.5);
        for n in 0..count {
            let (a, b) = small(n);
            spool.push(Some(&[10.0, a, b])).unwrap();
        }
        spool.push(None).unwrap();
        let file = spool.finish().unwrap();
        assert!(file.is_whitened());
        assert_eq!((file.dims(), file.count(), file.len()), (3, count, count + 1));
        // Whitened, the two small components decide: the nearest slot points their way.
        let whitened = file.nearest(&[10.0, 0.5, -0.5], 2, |_| false);
        let (a, b) = small(whitened[0].0 as usize);
        assert!(a > 0.1 && b < -0.1 && (a + b).abs() < 0.1, "{whitened:?}: {a} {b}");

        let dir = tempfile::tempdir().unwrap();
        file.write(dir.path()).unwrap();
        let read = MeaningFile::read(dir.path()).unwrap().unwrap();
        assert_eq!(read, file);
        assert_eq!(read.nearest(&[10.0, 0.5, -0.5], 2, |_| false), whitened);
    }

    #[test]
    fn a_spool_of_more_than_a_block_keeps_every_slot_in_order() {
        // Too few meanings to whiten: each keeps its first components, in its own slot.
        let count = BLOCK_SLOTS + 3;
        let dir = tempfile::tempdir().unwrap();
        let mut spool = MeaningSpool::create(Some(dir.path()), 2).unwrap();
        let last = (count - 1) / 1000 * 1000 + 7;
        for n in 0..count {
            let meaning = match n {
                n if n == last => Some([0.0, 1.0]),
                n if n % 1000 == 7 => Some([1.0, 0.0]),
                _ => None,
            };
            spool.push(meaning.as_ref().map(|m| &m[..])).unwrap();
        }
        let file = spool.finish().unwrap();
        assert!(!file.is_whitened());
        assert_eq!((file.len(), file.count()), (count, count.div_ceil(1000)));
        assert_eq!(file.nearest(&[0.1, 1.0], 1, |_| false)[0].0, last as u64);
        assert_eq!(file.nearest(&[1.0, 0.1], 1, |_| false)[0].0, 7);
        // the spool has no name: nothing is left beside the index
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
