//! The `nwip` command line: a thin layer over the `nwip` library.
//!
//! Parses flags with clap, runs a command, prints its output in the chosen format, and turns errors
//! into one line on stderr and exit code 2 (0 on success, 1 when `check --fail-on` finds a hit).
//! A panic, which is a bug, is one line too, with exit code 101; panics the library catches (a
//! damaged index file can make tantivy panic) print nothing of their own.

mod args;
mod commands;
mod html;
mod output;
mod render;
mod scan;
mod serve;

use std::process::ExitCode;
use std::sync::Mutex;

use clap::Parser;

/// mimalloc instead of the system allocator: indexing and checking allocate many small strings
/// from several threads, where glibc's allocator spent a tenth of a build's CPU and kept freed
/// memory in per-thread arenas.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The message and place of the last panic, printed only if it is not caught.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

fn main() -> ExitCode {
    install_panic_hook();
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        // A bad flag value is one line, as every other user error.
        Err(error) if error.kind() == clap::error::ErrorKind::ValueValidation => {
            let rendered = error.render().to_string();
            eprintln!("{}", rendered.lines().next().unwrap_or("error: invalid value"));
            return ExitCode::from(2);
        }
        Err(error) => error.exit(),
    };
    let outcome = std::panic::catch_unwind(|| commands::run(cli));
    let Ok(result) = outcome else {
        let panic = LAST_PANIC.lock().ok().and_then(|mut last| last.take());
        let panic = panic.unwrap_or_else(|| "unknown panic".to_string());
        eprintln!("error: internal error, please report it: nwip panicked {panic}");
        return ExitCode::from(101);
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Keeps panic messages quiet until they reach `main` (set `RUST_BACKTRACE=1` to see them all).
fn install_panic_hook() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::env::var_os("RUST_BACKTRACE").is_some_and(|value| value != "0") {
            default_hook(info);
        }
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|text| text.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line()));
        let text = format!("{}: {}", place.unwrap_or_default().trim(), output::printable(&message));
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(text);
        }
    }));
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
