//! The `nwip` command line: a thin layer over the `nwip` library.
//!
//! Parses flags with clap, runs a command, prints its output in the chosen format, and turns errors
//! into one line on stderr and exit code 2 (0 on success, 1 when `check --fail-on` finds a hit).

mod args;
mod commands;
mod html;
mod render;
mod scan;
mod serve;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
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

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
