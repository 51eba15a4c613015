//! A bounded load client for `nwip serve` (used by `scripts/load.sh`; a bench, not a test).
//!
//! Sends `--requests` checks over `--clients` concurrent keep-alive connections to a server on
//! this machine, cycling through JSON proposals read from files (one per line; the evaluation
//! sets' `{"query": {...}}` lines are proposals), and prints throughput, the latency
//! percentiles and the count of answers that were not 200.
//!
//! ```text
//! cargo run --release --example load_client -- --url http://127.0.0.1:8080 \
//!     --requests 2000 --clients 16 ../shared/eval/revisions.jsonl ../shared/eval/committee.jsonl
//! ```
//!
//! Standard library only: one thread per client, HTTP/1.1 written by hand (requests with a
//! `Content-Length`, responses read by `Content-Length`, as the server sends them).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Options {
    host: String,
    path: String,
    requests: usize,
    clients: usize,
    files: Vec<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        host: "127.0.0.1:8080".into(),
        path: "/api/check?limit=10".into(),
        requests: 2000,
        clients: 16,
        files: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--url" => {
                let url = value("--url")?;
                let rest = url.strip_prefix("http://").ok_or("--url must start with http://")?;
                let host = rest.split('/').next().unwrap_or(rest);
                if !(host.starts_with("127.")
                    || host.starts_with("localhost")
                    || host.starts_with("[::1]"))
                {
                    return Err("the load client only talks to a server on this machine".into());
                }
                options.host = host.to_string();
            }
            "--path" => options.path = value("--path")?,
            "--requests" => {
                options.requests =
                    value("--requests")?.parse().map_err(|e| format!("--requests: {e}"))?
            }
            "--clients" => {
                options.clients =
                    value("--clients")?.parse().map_err(|e| format!("--clients: {e}"))?
            }
            file => options.files.push(file.to_string()),
        }
    }
    if options.files.is_empty() {
        return Err("give files of JSON proposals, one per line".into());
    }
    Ok(options)
}

/// Sends one request on `stream` and reads the answer; returns the status.
fn exchange(
    stream: &mut BufReader<TcpStream>,
    host: &str,
    path: &str,
    body: &str,
) -> std::io::Result<u16> {
    let request = format!(
        "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    stream.get_mut().write_all(request.as_bytes())?;
    let mut line = String::new();
    stream.read_line(&mut line)?;
    let status = line.split_whitespace().nth(1).and_then(|code| code.parse().ok()).unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if stream.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body)?;
    Ok(status)
}

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::exit(2);
        }
    };
    let mut bodies = Vec::new();
    for file in &options.files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        bodies.extend(text.lines().filter(|line| !line.trim().is_empty()).map(str::to_string));
    }
    let bodies = Arc::new(bodies);
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let workers: Vec<_> = (0..options.clients.max(1))
        .map(|_| {
            let (bodies, next) = (Arc::clone(&bodies), Arc::clone(&next));
            let (host, path, total) =
                (options.host.clone(), options.path.clone(), options.requests);
            std::thread::spawn(move || {
                let mut latencies = Vec::new();
                let mut failures = 0usize;
                let connect = || TcpStream::connect(&host).map(BufReader::new);
                let mut stream = connect().expect("connect to the server");
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= total {
                        break;
                    }
                    let body = &bodies[index % bodies.len()];
                    let sent = Instant::now();
                    match exchange(&mut stream, &host, &path, body) {
                        Ok(200) => latencies.push(sent.elapsed()),
                        Ok(_) => failures += 1,
                        Err(_) => {
                            failures += 1;
                            stream = connect().expect("reconnect to the server");
                        }
                    }
                }
                (latencies, failures)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut failures = 0;
    for worker in workers {
        let (mut own, failed) = worker.join().expect("client thread");
        latencies.append(&mut own);
        failures += failed;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{} checks ({} not 200) from {} clients in {:.1} s: {:.1} checks/s, p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        latencies.len() + failures,
        failures,
        options.clients,
        elapsed.as_secs_f64(),
        (latencies.len() + failures) as f64 / elapsed.as_secs_f64(),
        ms(percentile(&latencies, 0.50)),
        ms(percentile(&latencies, 0.90)),
        ms(percentile(&latencies, 0.99)),
        ms(latencies.last().copied().unwrap_or_default())
    );
}
