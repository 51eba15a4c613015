//! `nwip scan`: choose the items (files or an index selection), run the library's scan or
//! near-duplicate self-join, and write findings as JSON lines or CSV as they come (flushed after
//! each one, so an interrupted scan keeps what it wrote), or an HTML report at the end.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use nwip::corpus::{normalize_committee, Lifecycle};
use nwip::index::Filter;
use nwip::scan::{
    ClusterFinding, Finding, NearDuplicateOptions, PairFinding, ScanOptions, ScanSink, ScanSummary,
};
use nwip::Engine;

use crate::args::{ScanArgs, ScanFormat};
use crate::commands::open_engine;
use crate::html;
use crate::output::{refuse_overwriting_an_input, spreadsheet_cell};

/// How many of the best pair findings the HTML report lists.
const HTML_PAIRS: usize = 100;

pub(crate) fn scan(index: &Path, args: ScanArgs) -> Result<ExitCode> {
    // Scores and counts are validated by clap (`args.rs`).
    if let Some(out) = &args.out {
        refuse_overwriting_an_input("--out", out, &args.files)?;
    }
    let filter = filter_of(&args);
    let engine = open_engine(index, Engine::builder())?;
    let (items, scanned) = if args.near_duplicates {
        (Vec::new(), describe("near-duplicate self-join of the index", &filter))
    } else if !args.files.is_empty() {
        let mut items =
            nwip::scan::read_items(&args.files).context("cannot read the items to scan")?;
        if !filter.is_empty() {
            items.retain(|item| item.passes(&filter));
        }
        let names: Vec<String> = args.files.iter().map(|p| p.display().to_string()).collect();
        (items, describe(&names.join(", "), &filter))
    } else if !filter.is_empty() {
        let items = engine.select_items(&filter).context("cannot select the items to scan")?;
        (items, describe("index selection", &filter))
    } else {
        bail!("nothing to scan: give proposal or record files, or select records of the index with --under-development, --org or --committee, or use --near-duplicates");
    };
    if !args.near_duplicates && items.is_empty() {
        bail!("nothing to scan: no item matches ({scanned})");
    }

    let output: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let bar = if args.quiet {
        ProgressBar::hidden()
    } else {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    };
    let unit = if args.near_duplicates { "pairs compared" } else { "items" };
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} scanning [{{bar:40}}] {{pos}}/{{len}} {unit} ({{per_sec}}, {{eta}}) {{msg}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let mut sink = CliSink::new(args.format, BufWriter::new(output), bar.clone(), args.top)?;
    let summary = if args.near_duplicates {
        let options = NearDuplicateOptions::default().threshold(args.threshold).filter(filter);
        engine.near_duplicates(&options, &mut sink)
    } else {
        let mut options = ScanOptions::default();
        options.min_score = args.min_score;
        options.cluster_score = args.cluster_score.max(args.min_score);
        options.text_candidates = args.candidates.max(1);
        options.scope_chars = args.scope_chars;
        engine.scan(&items, &options, &mut sink)
    };
    bar.finish_and_clear();
    let summary = summary.context("the scan failed")?;
    sink.finish(&summary, &scanned)?;
    if let Some(path) = &args.out {
        if !args.quiet {
            eprintln!("wrote {}", path.display());
        }
    }
    if !args.quiet {
        report_summary(&summary);
    }
    Ok(ExitCode::SUCCESS)
}

fn filter_of(args: &ScanArgs) -> Filter {
    let states = if args.under_development {
        vec![Lifecycle::Proposal, Lifecycle::UnderDevelopment]
    } else {
        Vec::new()
    };
    let org_hint = args.orgs.first().map_or("", String::as_str);
    Filter {
        orgs: args.orgs.iter().map(|org| org.trim().to_ascii_uppercase()).collect(),
        states,
        committee: args.committee.as_deref().map(|c| normalize_committee(org_hint, c)),
        ..Filter::default()
    }
}

fn describe(what: &str, filter: &Filter) -> String {
    let mut parts = vec![what.to_string()];
    if !filter.states.is_empty() {
        parts.push("under development".into());
    }
    if !filter.orgs.is_empty() {
        parts.push(format!("organisation {}", filter.orgs.join(" or ")));
    }
    if let Some(committee) = &filter.committee {
        parts.push(format!("committee {committee}"));
    }
    parts.join(", ")
}

fn report_summary(summary: &ScanSummary) {
    let compared = summary
        .candidate_pairs
        .map(|n| format!(" ({n} candidate pairs compared)"))
        .unwrap_or_default();
    eprintln!(
        "scanned {} items{compared} in {:.1} s: {} pair findings, {} clusters, {} possible forum shopping",
        summary.items, summary.seconds, summary.pairs, summary.clusters, summary.forum_shopping
    );
    if !summary.failed.is_empty() {
        eprintln!("{} items could not be checked:", summary.failed.len());
        for failure in summary.failed.iter().take(10) {
            eprintln!("  {}: {}", failure.item, failure.message);
        }
    }
}

/// Where findings go: written out at once (JSON lines, CSV) or kept for the HTML report.
struct CliSink {
    format: ScanFormat,
    out: Option<BufWriter<Box<dyn Write>>>,
    csv: Option<csv::Writer<BufWriter<Box<dyn Write>>>>,
    bar: ProgressBar,
    findings: usize,
    top: usize,
    clusters: Vec<ClusterFinding>,
    pairs: Vec<PairFinding>,
}

const CSV_HEADER: [&str; 11] = [
    "finding",
    "kind",
    "score",
    "items",
    "orgs",
    "states",
    "committees",
    "forum_shopping",
    "reason",
    "shared_terms",
    "titles",
];

impl CliSink {
    fn new(
        format: ScanFormat,
        out: BufWriter<Box<dyn Write>>,
        bar: ProgressBar,
        top: usize,
    ) -> Result<CliSink> {
        let mut sink = CliSink {
            format,
            out: None,
            csv: None,
            bar,
            findings: 0,
            top,
            clusters: Vec::new(),
            pairs: Vec::new(),
        };
        if format == ScanFormat::Csv {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(CSV_HEADER)?;
            writer.flush()?;
            sink.csv = Some(writer);
        } else {
            sink.out = Some(out);
        }
        Ok(sink)
    }

    fn finish(mut self, summary: &ScanSummary, scanned: &str) -> Result<()> {
        if let Some(mut csv) = self.csv.take() {
            csv.flush()?;
        }
        if let Some(mut out) = self.out.take() {
            if self.format == ScanFormat::Html {
                self.pairs.sort_by(|a, b| b.score.total_cmp(&a.score));
                let report = html::ScanReport {
                    scanned,
                    summary,
                    clusters: &self.clusters,
                    pairs: &self.pairs,
                };
                html::write_report(&mut out, &report)?;
            }
            out.flush()?;
        }
        Ok(())
    }

    fn keep_for_html(&mut self, finding: &Finding) {
        match finding {
            Finding::Cluster(cluster) if self.clusters.len() < self.top => {
                self.clusters.push(cluster.clone());
            }
            Finding::Pair(pair) => {
                self.pairs.push(pair.clone());
                if self.pairs.len() >= 4 * HTML_PAIRS {
                    self.pairs.sort_by(|a, b| b.score.total_cmp(&a.score));
                    self.pairs.truncate(HTML_PAIRS);
                }
            }
            _ => {}
        }
    }
}

/// Returns the CSV cells of a finding, each neutralised against formula injection.
fn csv_row(finding: &Finding) -> Vec<String> {
    raw_csv_row(finding).into_iter().map(spreadsheet_cell).collect()
}

fn raw_csv_row(finding: &Finding) -> Vec<String> {
    let join = |values: &mut dyn Iterator<Item = String>| values.collect::<Vec<_>>().join("; ");
    match finding {
        Finding::Pair(pair) => vec![
            "pair".into(),
            pair.kind.as_str().into(),
            format!("{:.3}", pair.score),
            join(&mut pair.items.iter().cloned()),
            join(&mut pair.orgs.iter().cloned()),
            join(&mut pair.states.iter().map(|s| s.as_str().to_string())),
            join(&mut pair.committees.iter().map(|c| c.clone().unwrap_or_default())),
            String::new(),
            pair.evidence.reason.clone(),
            join(&mut pair.evidence.shared_terms.iter().cloned()),
            join(&mut pair.titles.iter().cloned()),
        ],
        Finding::Cluster(cluster) => vec![
            "cluster".into(),
            cluster.kind.as_str().into(),
            format!("{:.3}", cluster.score),
            join(&mut cluster.items.iter().cloned()),
            join(&mut cluster.orgs.iter().cloned()),
            join(&mut cluster.states.iter().map(|s| s.as_str().to_string())),
            join(&mut cluster.committees.iter().map(|c| c.clone().unwrap_or_default())),
            cluster.forum_shopping.to_string(),
            cluster.evidence.reason.clone(),
            join(&mut cluster.evidence.shared_terms.iter().cloned()),
            join(&mut cluster.titles.iter().cloned()),
        ],
        _ => Vec::new(),
    }
}

impl ScanSink for CliSink {
    fn finding(&mut self, finding: &Finding) -> std::io::Result<()> {
        self.findings += 1;
        if self.findings % 64 == 1 {
            self.bar.set_message(format!("{} findings", self.findings));
        }
        match self.format {
            ScanFormat::Jsonl => {
                if let Some(out) = &mut self.out {
                    serde_json::to_writer(&mut *out, finding)?;
                    out.write_all(b"\n")?;
                    out.flush()?;
                }
            }
            ScanFormat::Csv => {
                if let Some(csv) = &mut self.csv {
                    csv.write_record(csv_row(finding))?;
                    csv.flush()?;
                }
            }
            ScanFormat::Html => self.keep_for_html(finding),
        }
        Ok(())
    }

    fn progress(&mut self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }
}
