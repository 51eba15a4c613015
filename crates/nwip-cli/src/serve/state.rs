//! What every request shares: the engine, swapped atomically when a new index is put in place,
//! the limits of a request, and the queue its CPU work waits in.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use arc_swap::ArcSwap;
use nwip::Engine;

/// The most overlaps a check may list (`limit`).
pub(crate) const MAX_LIMIT: usize = 100;

/// Request limits.
#[derive(Debug, Clone)]
pub(crate) struct Limits {
    /// The largest request body, uploads included.
    pub(crate) max_body_bytes: usize,
    /// The longest a request may take.
    pub(crate) timeout: Duration,
    /// The most proposals one scan request may hold.
    pub(crate) max_scan_items: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_body_bytes: 10 << 20, timeout: Duration::from_secs(30), max_scan_items: 500 }
    }
}

/// The shared state of the server.
pub(crate) struct AppState {
    engine: ArcSwap<Engine>,
    index_dir: PathBuf,
    opened: Mutex<Option<IndexStamp>>,
    pub(crate) limits: Limits,
    /// Turns to run CPU work ([`AppState::run_blocking`]), handed out first come, first served.
    turns: Arc<tokio::sync::Semaphore>,
}

/// Checks running at once: two a core. A check keeps both cores of a two-core machine busy part
/// of its time (its searches and its candidates run side by side), so more at once only share
/// the cores among more of them: without a queue some requests of a busy server were answered
/// ten times later than others (16 clients on two cores: median 80 ms, slowest 2-7 s; queued,
/// 170 ms and 280 ms). One a core left the cores idle between a check's parallel parts (a
/// tenth fewer checks a second; two a core, 5 % fewer than no queue).
pub(crate) fn concurrent_checks() -> usize {
    2 * std::thread::available_parallelism().map_or(2, usize::from)
}

impl AppState {
    /// Opens the index at `index_dir`.
    pub(crate) fn open(index_dir: &Path, limits: Limits) -> Result<AppState> {
        let stamp = IndexStamp::of(index_dir);
        let engine = open_engine(index_dir)?;
        Ok(AppState {
            engine: ArcSwap::from_pointee(engine),
            index_dir: index_dir.to_path_buf(),
            opened: Mutex::new(stamp),
            limits,
            turns: Arc::new(tokio::sync::Semaphore::new(concurrent_checks())),
        })
    }

    /// Serves an engine that is already open (tests: an index built in a temporary directory).
    #[cfg(test)]
    pub(crate) fn with_engine(index_dir: &Path, engine: Engine, limits: Limits) -> AppState {
        AppState {
            engine: ArcSwap::from_pointee(engine),
            index_dir: index_dir.to_path_buf(),
            opened: Mutex::new(IndexStamp::of(index_dir)),
            limits,
            turns: Arc::new(tokio::sync::Semaphore::new(concurrent_checks())),
        }
    }

    /// Runs `work` (a check, a page with a check) on the blocking pool once its turn comes:
    /// requests wait in the order they came, and at most [`concurrent_checks`] run at once.
    /// Fails when the work panicked.
    pub(crate) async fn run_blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, tokio::task::JoinError> {
        let _turn = self.turn().await;
        tokio::task::spawn_blocking(work).await
    }

    /// Waits for a turn to run CPU work and holds it until dropped (a scan's stream holds it to
    /// its end).
    pub(crate) async fn turn(&self) -> tokio::sync::OwnedSemaphorePermit {
        Arc::clone(&self.turns).acquire_owned().await.expect("the turns are never closed")
    }

    /// Returns the engine to answer one request with; a request keeps it to the end, even if a
    /// new index is opened meanwhile.
    pub(crate) fn engine(&self) -> Arc<Engine> {
        self.engine.load_full()
    }

    pub(crate) fn index_dir(&self) -> &Path {
        &self.index_dir
    }

    /// Has the index at the index directory changed since it was opened? Then reopens it and
    /// swaps it in; returns its record count. `forced` reopens it anyway (SIGHUP). When the new
    /// index cannot be opened (a build in progress, a broken index), the current engine stays
    /// and the error is returned; the next call tries again.
    ///
    /// This is the one place that knows how `nwip index` puts a new index in place: a new
    /// generation, named by the index folder's `CURRENT` pointer once complete (see
    /// `nwip::index::layout`); the old generation stays readable while this engine holds it.
    pub(crate) fn reopen_if_changed(&self, forced: bool) -> Result<Option<usize>> {
        let mut opened = self.opened.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let current = IndexStamp::of(&self.index_dir);
        if !forced && current == *opened {
            return Ok(None);
        }
        if current.is_none() {
            // No index there any more (or its pointer cannot be read): keep serving the open one.
            return Ok(None);
        }
        let engine = open_engine(&self.index_dir)?;
        let records = engine.index().meta().records;
        self.engine.store(Arc::new(engine));
        *opened = current;
        Ok(Some(records))
    }
}

/// Opens the engine and reads the index's side tables before it serves: the first request after
/// a start or a swap is not the one that waits for them, and an index whose tables cannot be
/// read is not swapped in.
fn open_engine(index_dir: &Path) -> Result<Engine> {
    let engine = Engine::builder()
        .limit(MAX_LIMIT)
        .open(index_dir)
        .with_context(|| format!("cannot open the index at {}", index_dir.display()))?;
    engine
        .index()
        .preload()
        .with_context(|| format!("cannot read the index at {}", index_dir.display()))?;
    Ok(engine)
}

/// What tells one build of the index from the next: the modification time, size and identity
/// of the `nwip-meta.json` of its current generation (a build publishes a new generation).
#[derive(Debug, Clone, PartialEq, Eq)]
struct IndexStamp {
    modified: Option<SystemTime>,
    len: u64,
    file_id: u64,
}

impl IndexStamp {
    fn of(index_dir: &Path) -> Option<IndexStamp> {
        let current = nwip::index::layout::current_dir(index_dir).ok()??;
        let metadata = std::fs::metadata(current.join(nwip::index::META_FILE)).ok()?;
        #[cfg(unix)]
        let file_id = std::os::unix::fs::MetadataExt::ino(&metadata);
        #[cfg(not(unix))]
        let file_id = 0;
        Some(IndexStamp { modified: metadata.modified().ok(), len: metadata.len(), file_id })
    }
}
