//! The index folder: generations, the `CURRENT` pointer, the build lock and readers' leases.
//!
//! ```text
//! nwip-index/        the path given with --index; a symlink is followed, never replaced
//!   CURRENT          one line: the name of the current generation (`gen-000003`)
//!   build.lock       locked (flock) by the one running build, which writes its pid into it
//!   gen-000003/      a complete index: tantivy files, sketches.bin, bridge.bin, nwip-meta.json
//!   gen-000002/      an older generation a reader still has open (removed by a later build)
//! ```
//!
//! **Swap.** A build takes the build lock ([`BuildLock::acquire`]), writes a new generation
//! beside the current one ([`BuildLock::create_generation`]), then publishes it
//! ([`BuildLock::publish`]): every file of the generation and the generation folder are
//! fsynced, `CURRENT.tmp` is written and fsynced, renamed over `CURRENT` (one atomic rename), and
//! the index folder is fsynced. Killed at any point, the index path holds either the old
//! `CURRENT` or the new one, each naming a complete generation; a half-written generation is
//! never named and is removed by the next build.
//!
//! **Readers** ([`crate::NwipIndex::open`]) read `CURRENT` and take a shared lease (`flock(LOCK_SH)`, which
//! needs no write access) on the generation folder for as long as the index is open. A build
//! removes a generation only when it is not current and it can take the lease exclusively, that
//! is when no reader has it open; otherwise it is left for a later build. A reader that loses the
//! race to a removal reads `CURRENT` again.
//!
//! **Updates.** An in-place update (`nwip index --update`) uses the same steps: take the lock,
//! read the current generation ([`BuildLock::current`]), write the updated copy as a new
//! generation, publish it.
//!
//! **Old layout.** An index written before generations (tantivy files and `nwip-meta.json`
//! directly in the index folder, no `CURRENT`) still opens, read-only. The first build into it
//! writes `gen-000001` beside those files, publishes it, and removes the old files once no reader
//! has them open.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use fs4::fs_std::FileExt;

use crate::error::{Error, Result};
use crate::failpoints::step;
use crate::meta::META_FILE;

/// Name of the pointer file that names the current generation.
pub const CURRENT_FILE: &str = "CURRENT";
/// Name of the build lock file.
pub const LOCK_FILE: &str = "build.lock";
const POINTER_TEMPORARY: &str = "CURRENT.tmp";
const GENERATION_PREFIX: &str = "gen-";
/// How often a reader re-reads `CURRENT` when the generation it named went away meanwhile.
const OPEN_ATTEMPTS: u32 = 50;

/// A shared lease on an open generation: while it is held, no build removes the generation.
#[derive(Debug)]
pub(crate) struct Lease {
    _handle: File,
}

/// The generation a reader opened, with its lease.
#[derive(Debug)]
pub(crate) struct Current {
    /// The folder holding the index files (a generation, or the index folder of the old layout).
    pub(crate) dir: PathBuf,
    /// Keeps the generation from being removed while it is open.
    pub(crate) lease: Lease,
}

/// Opens the current generation of the index at `root` for reading, and leases it.
///
/// Writes nothing: works on a read-only mount and in a folder shared by several users.
pub(crate) fn open_current(root: &Path) -> Result<Current> {
    let mut last_missing = None;
    for attempt in 0..OPEN_ATTEMPTS {
        let dir = match read_pointer(root)? {
            Some(name) => root.join(name),
            None if exists(&root.join(META_FILE))? => root.to_path_buf(),
            None => return Err(Error::NotFound { path: root.to_path_buf() }),
        };
        if let Some(lease) = try_lease(&dir, Lock::Shared)? {
            if exists(&dir.join(META_FILE))? {
                return Ok(Current { dir, lease });
            }
        }
        // Removed or being removed by a build that replaced it: read the pointer again.
        last_missing = Some(dir);
        std::thread::sleep(Duration::from_millis(u64::from(attempt.min(20))));
    }
    let generation = last_missing.unwrap_or_else(|| root.to_path_buf());
    Err(Error::BrokenPointer { path: root.to_path_buf(), generation })
}

/// The exclusive right to change the index at one path; released when dropped (or when the
/// process dies, so a killed build never leaves a stale lock).
#[derive(Debug)]
pub struct BuildLock {
    root: PathBuf,
    _file: File,
}

impl BuildLock {
    /// Takes the build lock of the index at `root`, creating the folder if needed.
    ///
    /// # Errors
    /// [`Error::Busy`] with the other build's pid when another build holds it;
    /// [`Error::NotAnIndex`] when `root` is a file, or a folder that holds something else.
    pub fn acquire(root: &Path) -> Result<BuildLock> {
        refuse_non_index(root)?;
        std::fs::create_dir_all(root).map_err(|error| Error::write(root, error))?;
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|error| Error::write(&path, error))?;
        if !FileExt::try_lock_exclusive(&file).map_err(|error| Error::write(&path, error))? {
            return Err(Error::Busy { path: root.to_path_buf(), pid: read_pid(&path) });
        }
        // Written over the previous pid, then cut to length: the file is never seen empty
        // (but right after its creation).
        let pid = format!("{}\n", std::process::id());
        let mut writer = &file;
        let noted = writer.write_all(pid.as_bytes()).and_then(|()| file.set_len(pid.len() as u64));
        noted.map_err(|error| Error::write(&path, error))?;
        step("build-locked")?;
        Ok(BuildLock { root: root.to_path_buf(), _file: file })
    }

    /// Returns the index folder this lock is for.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Returns the folder of the current generation (the index folder itself for the old
    /// layout), or `None` when there is no index yet.
    pub fn current(&self) -> Result<Option<PathBuf>> {
        if let Some(name) = read_pointer(&self.root)? {
            return Ok(Some(self.root.join(name)));
        }
        Ok(exists(&self.root.join(META_FILE))?.then(|| self.root.clone()))
    }

    /// Creates an empty folder for a new generation, numbered after every existing one.
    pub fn create_generation(&self) -> Result<PathBuf> {
        let next =
            generations(&self.root)?.into_iter().map(|(number, _)| number).max().unwrap_or(0) + 1;
        let dir = self.root.join(format!("{GENERATION_PREFIX}{next:06}"));
        std::fs::create_dir(&dir).map_err(|error| Error::write(&dir, error))?;
        if let Err(error) = step("generation-created") {
            self.discard(&dir);
            return Err(error);
        }
        Ok(dir)
    }

    /// Makes `generation` the current one: fsyncs its files and folder, gives its files the
    /// permissions of a file this process creates (the user's umask), swaps `CURRENT` by one
    /// rename and fsyncs the index folder, then removes generations no reader uses.
    pub fn publish(&self, generation: &Path) -> Result<()> {
        let name = generation
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .filter(|name| generation_number(name).is_some())
            .ok_or_else(|| Error::NotAnIndex { path: generation.to_path_buf() })?;
        let temporary = self.root.join(POINTER_TEMPORARY);
        let mut pointer =
            File::create(&temporary).map_err(|error| Error::write(&temporary, error))?;
        share_like(&pointer, generation)?;
        sync_tree(generation)?;
        step("generation-synced")?;
        let written = writeln!(pointer, "{name}").and_then(|()| pointer.sync_all());
        written.map_err(|error| Error::write(&temporary, error))?;
        drop(pointer);
        step("pointer-written")?;
        let current = self.root.join(CURRENT_FILE);
        std::fs::rename(&temporary, &current).map_err(|error| Error::write(&current, error))?;
        step("pointer-swapped")?;
        sync_dir(&self.root)?;
        self.remove_unused();
        step("old-generations-removed")?;
        Ok(())
    }

    /// Removes a generation that was not published (a failed build).
    pub fn discard(&self, generation: &Path) {
        if self.current().ok().flatten().as_deref() != Some(generation) {
            let _ = std::fs::remove_dir_all(generation);
        }
    }

    /// Removes every generation that is neither current nor open by a reader, a left-over
    /// `CURRENT.tmp`, and the files of the old layout once no reader has them open. Best effort:
    /// what cannot be removed now is left for a later build.
    pub fn remove_unused(&self) {
        let Ok(Some(current)) = read_pointer(&self.root) else { return };
        let _ = std::fs::remove_file(self.root.join(POINTER_TEMPORARY));
        for (_, name) in generations(&self.root).unwrap_or_default() {
            if name == current {
                continue;
            }
            let dir = self.root.join(&name);
            if let Ok(Some(_exclusive)) = try_lease(&dir, Lock::Exclusive) {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
        self.remove_old_layout_files();
    }

    fn remove_old_layout_files(&self) {
        let Ok(entries) = std::fs::read_dir(&self.root) else { return };
        let old: Vec<PathBuf> = entries
            .flatten()
            .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
            .filter(|entry| is_old_layout_file(&entry.file_name().to_string_lossy()))
            .map(|entry| entry.path())
            .collect();
        if old.is_empty() {
            return;
        }
        // Readers of the old layout lease the index folder itself.
        if let Ok(Some(_exclusive)) = try_lease(&self.root, Lock::Exclusive) {
            // nwip-meta.json first: without it the folder no longer reads as an old index.
            let mut old = old;
            old.sort_by_key(|path| path.file_name().is_none_or(|name| name != META_FILE));
            for path in old {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// Reads the pid of the build that holds the lock (it may be about to write it: wait a little).
fn read_pid(path: &Path) -> Option<u32> {
    for _ in 0..20 {
        let text = std::fs::read_to_string(path).ok()?;
        if let Ok(pid) = text.trim().parse() {
            return Some(pid);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    None
}

/// Refuses to build over a file, or over a folder that holds something other than an index.
fn refuse_non_index(root: &Path) -> Result<()> {
    if !exists(root)? {
        return Ok(());
    }
    if !root.is_dir() {
        return Err(Error::NotAnIndex { path: root.to_path_buf() });
    }
    let entries = std::fs::read_dir(root).map_err(|error| Error::io(root, error))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|error| Error::io(root, error))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    let old_layout = names.iter().any(|name| name == META_FILE);
    let ours = |name: &String| {
        name == CURRENT_FILE
            || name == POINTER_TEMPORARY
            || name == LOCK_FILE
            || generation_number(name).is_some()
            || (old_layout && is_old_layout_file(name))
    };
    if names.iter().all(ours) {
        return Ok(());
    }
    Err(Error::NotAnIndex { path: root.to_path_buf() })
}

/// Reads `CURRENT`: the name of the current generation, or `None` when there is none.
/// Returns the folder holding the files of the index at `root` as it is now: the generation
/// `CURRENT` names, or `root` itself for an index of the old layout; `None` when there is no index.
/// A reader that wants to know whether a new build was published compares it with the folder it
/// opened ([`crate::NwipIndex::generation_dir`]).
///
/// # Errors
/// When `CURRENT` cannot be read or names no generation.
pub fn current_dir(root: &Path) -> Result<Option<PathBuf>> {
    match read_pointer(root)? {
        Some(name) => Ok(Some(root.join(name))),
        None if exists(&root.join(META_FILE))? => Ok(Some(root.to_path_buf())),
        None => Ok(None),
    }
}

fn read_pointer(root: &Path) -> Result<Option<String>> {
    let path = root.join(CURRENT_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(&path, error)),
    };
    let name = text.trim();
    if generation_number(name).is_none() {
        return Err(Error::CorruptMeta {
            path,
            message: format!("expected a generation name such as gen-000001, found {name:?}"),
        });
    }
    Ok(Some(name.to_string()))
}

/// Returns `(number, name)` of every generation folder in `root`.
fn generations(root: &Path) -> Result<Vec<(u64, String)>> {
    let entries = std::fs::read_dir(root).map_err(|error| Error::io(root, error))?;
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(number) = generation_number(&name) {
            found.push((number, name));
        }
    }
    found.sort();
    Ok(found)
}

fn generation_number(name: &str) -> Option<u64> {
    let digits = name.strip_prefix(GENERATION_PREFIX)?;
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Tells whether a file name is one of the files of the old single-folder layout (the files an
/// index generation holds).
pub(crate) fn is_old_layout_file(name: &str) -> bool {
    let fixed = [META_FILE, "nwip-meta.json.tmp", "meta.json", ".managed.json"];
    let side = [
        crate::bridge::BRIDGE_FILE,
        crate::sketches::FILE_NAME,
        crate::vectors::WORD_VECTORS_FILE,
        crate::meanings::FILE_NAME,
    ];
    if fixed.contains(&name) || side.contains(&name) {
        return true;
    }
    if name.starts_with(".tantivy-") && name.ends_with(".lock") {
        return true;
    }
    // Segment files: 32 hex digits, a dot, an extension (`.idx`, `.store`, `1.del`, ...).
    let Some((stem, _)) = name.split_once('.') else { return false };
    stem.len() == 32 && stem.bytes().all(|byte| byte.is_ascii_hexdigit())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lock {
    Shared,
    Exclusive,
}

/// Takes a lease on a folder without waiting; `None` if it is missing or leased the other way.
fn try_lease(dir: &Path, lock: Lock) -> Result<Option<Lease>> {
    let handle = match File::open(dir) {
        Ok(handle) => handle,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(dir, error)),
    };
    let taken = match lock {
        Lock::Shared => FileExt::try_lock_shared(&handle),
        Lock::Exclusive => FileExt::try_lock_exclusive(&handle),
    };
    match taken {
        Ok(true) => Ok(Some(Lease { _handle: handle })),
        Ok(false) => Ok(None),
        Err(error) => Err(Error::io(dir, error)),
    }
}

fn exists(path: &Path) -> Result<bool> {
    path.try_exists().map_err(|error| Error::io(path, error))
}

/// Fsyncs every file of `dir` and then `dir` itself.
fn sync_tree(dir: &Path) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|error| Error::io(dir, error))?;
    for entry in entries {
        let entry = entry.map_err(|error| Error::io(dir, error))?;
        let path = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_file()) {
            let synced = File::open(&path).and_then(|file| file.sync_all());
            synced.map_err(|error| Error::write(&path, error))?;
        }
    }
    sync_dir(dir)
}

fn sync_dir(dir: &Path) -> Result<()> {
    let synced = File::open(dir).and_then(|handle| handle.sync_all());
    synced.map_err(|error| Error::write(dir, error))
}

/// Gives every file of `dir` the permissions of `reference`, a file this process created with
/// `File::create` (so, the user's umask): tantivy writes `meta.json` and `.managed.json` through
/// temporary files, which are owner-only.
#[cfg(unix)]
fn share_like(reference: &File, dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let metadata = reference.metadata().map_err(|error| Error::io(dir, error))?;
    let mode = metadata.permissions().mode() & 0o777;
    let entries = std::fs::read_dir(dir).map_err(|error| Error::io(dir, error))?;
    for entry in entries.flatten() {
        let Ok(current) = entry.metadata() else { continue };
        if current.is_file() && current.permissions().mode() & 0o777 != mode {
            let path = entry.path();
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode))
                .map_err(|error| Error::write(&path, error))?;
        }
    }
    Ok(())
}

#[cfg(not(unix))]
fn share_like(_reference: &File, _dir: &Path) -> Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_names_are_recognised() {
        assert_eq!(generation_number("gen-000012"), Some(12));
        assert_eq!(generation_number("gen-"), None);
        assert_eq!(generation_number("gen-12a"), None);
        assert_eq!(generation_number("general"), None);
    }

    #[test]
    fn old_layout_files_are_recognised() {
        for name in [
            "meta.json",
            ".managed.json",
            "nwip-meta.json",
            "sketches.bin",
            "bridge.bin",
            ".tantivy-meta.lock",
            "4267b543f46b4271a9fbd844480760e3.store",
            "4267b543f46b4271a9fbd844480760e3.12.del",
        ] {
            assert!(is_old_layout_file(name), "{name}");
        }
        for name in ["thesis.tex", "CURRENT", "gen-000001", "4267b543.store"] {
            assert!(!is_old_layout_file(name), "{name}");
        }
    }

    #[test]
    fn a_second_build_lock_names_the_first_builds_pid() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        let first = BuildLock::acquire(&root).unwrap();
        let error = BuildLock::acquire(&root).unwrap_err();
        let pid = std::process::id();
        assert!(matches!(error, Error::Busy { pid: Some(p), .. } if p == pid), "{error}");
        assert!(error.to_string().contains(&format!("another build is running (pid {pid})")));
        drop(first);
        BuildLock::acquire(&root).unwrap();
    }

    #[test]
    fn generations_in_use_are_kept_and_the_others_removed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("idx");
        let lock = BuildLock::acquire(&root).unwrap();
        let mut published = Vec::new();
        for _ in 0..3 {
            let generation = lock.create_generation().unwrap();
            std::fs::write(generation.join(META_FILE), "{}").unwrap();
            lock.publish(&generation).unwrap();
            published.push(generation);
        }
        // Only the current one is left: the others were not in use.
        assert!(!published[0].exists() && !published[1].exists() && published[2].exists());
        let reader = open_current(&root).unwrap();
        assert_eq!(reader.dir, published[2]);
        let next = lock.create_generation().unwrap();
        std::fs::write(next.join(META_FILE), "{}").unwrap();
        lock.publish(&next).unwrap();
        assert!(published[2].exists(), "a generation a reader has open is kept");
        drop(reader);
        lock.remove_unused();
        assert!(!published[2].exists(), "and removed once no reader has it");
        assert_eq!(open_current(&root).unwrap().dir, next);
    }
}
