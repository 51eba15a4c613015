//! `nwip serve`: the check page for secretaries and the HTTP API for other tools, in one process
//! that opens the index once and shares it.
//!
//! - [`state`]: the shared engine (swapped atomically when `nwip index` puts a new index in
//!   place) and the request limits.
//! - [`routes`]: the router, its limits (body size, time) and the JSON error bodies.
//! - [`api`]: `POST /api/check`, `GET /api/records/{id}`, `GET /api/stats`, `POST /api/scan`,
//!   `GET /api/openapi.json`; the JSON shapes are the command line's.
//! - [`page`]: the server-rendered page (`/`, `/check`, `/records/{id}`), with the CSS and the
//!   filter script embedded in the binary: no build step, no CDN, works offline.
//! - [`input`]: reading a proposal from a request (JSON, text, an uploaded file).
//! - [`view`]: the report as HTML, rendered from its JSON.
//!
//! The server lives in the command line crate, not in a library crate of its own: the command
//! line depends on the `nwip` library only, the page reuses the command line's Markdown report,
//! and the engine stays free of HTTP.
//!
//! Checks are CPU-bound: they run on tokio's blocking pool (`spawn_blocking`), never on the
//! async threads that accept connections.

mod api;
mod input;
mod page;
mod routes;
mod state;
#[cfg(test)]
mod tests;
mod view;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};

use crate::args::ServeArgs;
use routes::router;
use state::{AppState, Limits};

/// How often the index directory is looked at for a new index.
const RELOAD_INTERVAL: Duration = Duration::from_secs(2);

pub(crate) fn serve(index: &Path, args: ServeArgs) -> Result<ExitCode> {
    let limits = Limits {
        max_body_bytes: args.max_body_mib.max(1) << 20,
        timeout: Duration::from_secs(args.timeout.max(1)),
        max_scan_items: args.max_scan_items.max(1),
    };
    let state = Arc::new(AppState::open(index, limits)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(run(state, args.bind))?;
    Ok(ExitCode::SUCCESS)
}

async fn run(state: Arc<AppState>, bind: std::net::SocketAddr) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("cannot listen on {bind}"))?;
    let address = listener.local_addr().context("cannot read the bound address")?;
    let records = state.engine().index().meta().records;
    eprintln!(
        "nwip serve: listening on http://{address} (index {}, {records} records); Ctrl-C stops",
        state.index_dir().display()
    );
    let reloader = tokio::spawn(watch_index(Arc::clone(&state)));
    let app = router(Arc::clone(&state));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("the server failed")?;
    reloader.abort();
    eprintln!("nwip serve: stopped");
    Ok(())
}

/// Resolves at Ctrl-C or SIGTERM: the server then stops accepting connections and finishes the
/// requests in flight.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    eprintln!("nwip serve: stopping after the requests in flight");
}

/// Reopens the index when `nwip index` has put a new one in place: every [`RELOAD_INTERVAL`],
/// and at once on SIGHUP.
async fn watch_index(state: Arc<AppState>) {
    #[cfg(unix)]
    let mut hangup = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok();
    let mut ticks = tokio::time::interval(RELOAD_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        #[cfg(unix)]
        let forced = match hangup.as_mut() {
            Some(signal) => tokio::select! {
                _ = ticks.tick() => false,
                _ = signal.recv() => true,
            },
            None => {
                ticks.tick().await;
                false
            }
        };
        #[cfg(not(unix))]
        let forced = {
            ticks.tick().await;
            false
        };
        let reloading = Arc::clone(&state);
        let outcome =
            tokio::task::spawn_blocking(move || reloading.reopen_if_changed(forced)).await;
        match outcome {
            Ok(Ok(Some(records))) => {
                eprintln!("nwip serve: opened the new index ({records} records)");
            }
            Ok(Ok(None)) => {}
            Ok(Err(error)) => {
                eprintln!("nwip serve: keeping the current index: {error:#}");
            }
            Err(error) => eprintln!("nwip serve: the index check failed: {error}"),
        }
    }
}
