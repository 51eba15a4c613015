//! Where a build finds its optional inputs (the Russian dictionary, the word-vector table): the
//! path an environment variable names, where an empty value turns the input off, else a default.

use std::path::PathBuf;

/// The path `var` names (`None` when it is set empty), else `default()`.
pub(crate) fn path_from_env(
    var: &str,
    default: impl FnOnce() -> Option<PathBuf>,
) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(path) if path.is_empty() => None,
        Some(path) => Some(PathBuf::from(path)),
        None => default(),
    }
}
