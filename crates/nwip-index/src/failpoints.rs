//! Failure injection for the crash-consistency tests, behind the `failpoints` cargo feature.
//!
//! Each build step calls [`step`] with its name; the `fail` crate lets a test make that step
//! return an error, panic, or abort the process (a kill at that point). Without the feature the
//! functions are empty and release builds carry no failpoint.

use std::io;
use std::path::Path;

use crate::error::Result;

/// The named steps of a build, in order. Tests iterate over them to kill a build at each one.
pub const BUILD_STEPS: &[&str] = &[
    "build-locked",
    "generation-created",
    "documents-written",
    "side-files-written",
    "meta-written",
    "generation-synced",
    "pointer-written",
    "pointer-swapped",
    "old-generations-removed",
];

/// Marks the build step `name` (a name of [`BUILD_STEPS`]).
#[cfg(feature = "failpoints")]
pub(crate) fn step(name: &'static str) -> Result<()> {
    debug_assert!(BUILD_STEPS.contains(&name), "unknown build step {name}");
    fail::fail_point!(name, |_| Err(crate::Error::Interrupted(format!("failpoint {name}"))));
    Ok(())
}

/// Marks the build step `name` (a name of [`BUILD_STEPS`]).
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub(crate) fn step(name: &'static str) -> Result<()> {
    debug_assert!(BUILD_STEPS.contains(&name), "unknown build step {name}");
    Ok(())
}

/// Fails a write to `path` as a full disk would, when the `storage-full` failpoint is on.
#[cfg(feature = "failpoints")]
pub(crate) fn storage_full(path: &Path) -> io::Result<()> {
    fail::fail_point!("storage-full", |_| Err(io::Error::new(
        io::ErrorKind::StorageFull,
        format!("no space left on device (simulated at {})", path.display())
    )));
    Ok(())
}

/// Fails a write to `path` as a full disk would, when the `storage-full` failpoint is on.
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub(crate) fn storage_full(_path: &Path) -> io::Result<()> {
    Ok(())
}
