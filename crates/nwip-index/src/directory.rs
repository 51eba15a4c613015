//! The two tantivy [`Directory`] wrappers nwip uses: a read-only one for opening an index and a
//! recording one for building it.
//!
//! - [`ReadOnlyDirectory`] never writes: tantivy's reader takes its meta lock by creating
//!   `.tantivy-meta.lock`, which fails on a read-only mount and leaves files behind in a shared
//!   folder. A published generation never changes (see [`crate::layout`]), so the lock protects
//!   nothing and is replaced by a no-op.
//! - [`map_side_file`] maps one of a generation's own files (the meanings, the word-vector
//!   table) through tantivy's [`MmapDirectory`] instead of copying it into memory.
//! - [`RecordingDirectory`] remembers the first write error of a build with the file it hit, so
//!   a full disk is reported as "no space left on device" with the path instead of tantivy's
//!   "the index writer was killed".

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    AntiCallToken, Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, TerminatingWrite,
    WatchCallback, WatchHandle, WritePtr,
};

/// Maps the file `name` of the generation in `dir`: `Ok(None)` when there is none, and an error
/// message (for the caller to name the file in) when it cannot be mapped.
pub(crate) fn map_side_file(
    dir: &Path,
    name: &str,
) -> std::result::Result<Option<tantivy::directory::OwnedBytes>, String> {
    let directory = MmapDirectory::open(dir).map_err(|error| error.to_string())?;
    let file = match directory.open_read(Path::new(name)) {
        Ok(file) => file,
        Err(OpenReadError::FileDoesNotExist(_)) => return Ok(None),
        Err(error) => return Err(error.to_string()),
    };
    file.read_bytes().map(Some).map_err(|error| error.to_string())
}

/// A tantivy directory that only reads: locks are no-ops and every write is refused.
#[derive(Debug, Clone)]
pub(crate) struct ReadOnlyDirectory {
    inner: MmapDirectory,
}

impl ReadOnlyDirectory {
    /// Opens the tantivy files in `dir` for reading.
    pub(crate) fn open(dir: &Path) -> tantivy::Result<ReadOnlyDirectory> {
        let inner = MmapDirectory::open(dir)
            .map_err(|error| tantivy::TantivyError::SystemError(error.to_string()))?;
        Ok(ReadOnlyDirectory { inner })
    }
}

fn read_only_error(path: &Path) -> io::Error {
    io::Error::new(
        io::ErrorKind::PermissionDenied,
        format!("{} is opened read-only", path.display()),
    )
}

impl Directory for ReadOnlyDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        Err(DeleteError::IoError {
            io_error: Arc::new(read_only_error(path)),
            filepath: path.into(),
        })
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        Err(OpenWriteError::IoError {
            io_error: Arc::new(read_only_error(path)),
            filepath: path.into(),
        })
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, _data: &[u8]) -> io::Result<()> {
        Err(read_only_error(path))
    }

    fn sync_directory(&self) -> io::Result<()> {
        Ok(())
    }

    fn acquire_lock(&self, _lock: &Lock) -> Result<DirectoryLock, LockError> {
        // A published generation is immutable, and its readers hold a shared lease on it
        // (`layout::Lease`), so tantivy's lock file is not needed.
        Ok(DirectoryLock::from(Box::new(())))
    }

    fn watch(&self, _watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        Ok(WatchHandle::empty())
    }
}

/// The first write error of a build and the file it happened on.
pub(crate) type FirstWriteError = Arc<Mutex<Option<(PathBuf, io::Error)>>>;

/// A tantivy directory that writes through to an [`MmapDirectory`] and remembers the first write
/// error (tantivy's worker threads swallow it and report only that the writer was killed).
#[derive(Debug, Clone)]
pub(crate) struct RecordingDirectory {
    inner: MmapDirectory,
    root: PathBuf,
    first_error: FirstWriteError,
}

impl RecordingDirectory {
    /// Opens `dir` for a build.
    pub(crate) fn open(dir: &Path) -> tantivy::Result<RecordingDirectory> {
        let inner = MmapDirectory::open(dir)
            .map_err(|error| tantivy::TantivyError::SystemError(error.to_string()))?;
        Ok(RecordingDirectory { inner, root: dir.to_path_buf(), first_error: Arc::default() })
    }

    /// Returns the shared slot of the first write error.
    pub(crate) fn first_error(&self) -> FirstWriteError {
        Arc::clone(&self.first_error)
    }

    fn record(&self, path: &Path, error: &io::Error) {
        record(&self.first_error, &self.root.join(path), error);
    }
}

fn record(slot: &FirstWriteError, path: &Path, error: &io::Error) {
    if let Ok(mut first) = slot.lock() {
        if first.is_none() {
            *first = Some((path.to_path_buf(), io::Error::new(error.kind(), error.to_string())));
        }
    }
}

impl Directory for RecordingDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        let writer = self.inner.open_write(path).inspect_err(|error| {
            if let OpenWriteError::IoError { io_error, .. } = error {
                self.record(path, io_error);
            }
        })?;
        let inner = writer.into_inner().map_err(|error| OpenWriteError::IoError {
            io_error: Arc::new(io::Error::new(error.error().kind(), error.error().to_string())),
            filepath: path.into(),
        })?;
        let recording = RecordingWriter {
            inner,
            path: self.root.join(path),
            first_error: Arc::clone(&self.first_error),
        };
        Ok(io::BufWriter::new(Box::new(recording)))
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        let written = crate::failpoints::storage_full(path)
            .and_then(|()| self.inner.atomic_write(path, data));
        written.inspect_err(|error| self.record(path, error))
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.inner.acquire_lock(lock)
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}

struct RecordingWriter {
    inner: Box<dyn TerminatingWrite + Send + Sync>,
    path: PathBuf,
    first_error: FirstWriteError,
}

impl RecordingWriter {
    fn check<T>(&self, result: io::Result<T>) -> io::Result<T> {
        result.inspect_err(|error| record(&self.first_error, &self.path, error))
    }
}

impl Write for RecordingWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let simulated = crate::failpoints::storage_full(&self.path);
        let result = simulated.and_then(|()| self.inner.write(buf));
        self.check(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.check(result)
    }
}

impl TerminatingWrite for RecordingWriter {
    fn terminate_ref(&mut self, token: AntiCallToken) -> io::Result<()> {
        let result = self.inner.terminate_ref(token);
        self.check(result)
    }
}
