//! One function per subcommand: validate flags, call the library, render the result.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use nwip::eval::{evaluate, EvalSet};
use nwip::{Engine, OverlapKind, Proposal};

use crate::args::{
    CalibrateArgs, CheckArgs, Cli, Command, DevsetArgs, DevsetKind, EvalArgs, Format, IndexArgs,
    StatsArgs,
};
use crate::output::{refuse_overwriting_an_input, PrintableWriter};
use crate::render;

pub(crate) fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Index(args) => index(&cli.index, args),
        Command::Check(args) => check(&cli.index, args),
        Command::Stats(args) => stats(&cli.index, args),
        Command::Eval(args) => eval(&cli.index, args),
        Command::Calibrate(args) => calibrate(&cli.index, args),
        Command::Devset(args) => devset(&cli.index, args),
        Command::Scan(args) => crate::scan::scan(&cli.index, args),
        Command::Serve(args) => crate::serve::serve(&cli.index, args),
    }
}

pub(crate) fn open_engine(index: &Path, builder: nwip::EngineBuilder) -> Result<Engine> {
    builder.open(index).with_context(|| format!("cannot open the index at {}", index.display()))
}

fn index(target: &Path, args: IndexArgs) -> Result<ExitCode> {
    if args.update {
        return update(target, args);
    }
    let started = std::time::Instant::now();
    let show_progress = !args.quiet && args.format == Format::Table;
    let bar = if show_progress { ProgressBar::no_length() } else { ProgressBar::hidden() };
    bar.set_style(
        ProgressStyle::with_template("{spinner} indexing {pos} records ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let progress_bar = bar.clone();
    let mut builder = nwip::index::IndexBuilder::new()
        .on_progress(move |done, _| progress_bar.set_position(done as u64));
    if let Some(threads) = args.threads {
        builder = builder.threads(threads);
    }
    // The records stream from the files into the new generation, a batch at a time; nothing is
    // published until every file was read. A failed build removes the index folder it created.
    let created = !target.try_exists().unwrap_or(true);
    let outcome = build_streaming(target, builder, &args);
    if outcome.is_err() && created {
        let _ = std::fs::remove_dir_all(target);
    }
    let (meta, summary) = outcome?;
    let elapsed = started.elapsed();
    bar.finish_and_clear();
    if args.quiet {
        return Ok(ExitCode::SUCCESS);
    }
    if meta.russian_dictionary.is_none() {
        eprintln!(
            "note: Russian bridging is off: no English-Russian dictionary at {} (install Debian's \
             mueller7-dict, or set {} to another dictd dictionary); Russian proposals find only \
             Russian records and shared numbers and Latin terms",
            nwip::index::DEFAULT_DICTIONARY,
            nwip::index::DICTIONARY_ENV
        );
    }
    if meta.word_vectors.is_none() {
        eprintln!(
            "note: comparing by meaning is off: no word-vector table at {} (build it once with \
             scripts/build-word-vectors.py, or set {} to another table); proposals written in \
             other words or languages rank lower and score lower",
            nwip::index::default_word_vectors().map_or_else(
                || "~/.local/share/nwip/word-vectors.bin".into(),
                |p| p.display().to_string()
            ),
            nwip::index::WORD_VECTORS_ENV
        );
    }
    let mut out = PrintableWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            let value = serde_json::json!({
                "index": target,
                "records": meta.records,
                "by_org": meta.by_org,
                "by_state": meta.by_state,
                "skipped": summary.skipped,
                "seconds": elapsed.as_secs_f64(),
                "build_seconds": meta.build_seconds,
                "russian_dictionary": meta.russian_dictionary,
                "word_vectors": meta.word_vectors,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
        Format::Table | Format::Markdown => {
            writeln!(
                out,
                "indexed {} records from {} files into {} ({:.1}s)",
                meta.records,
                summary.files.len(),
                target.display(),
                elapsed.as_secs_f64(),
            )?;
            render::counts(&mut out, "organisation", &meta.by_org)?;
            let shown = summary.skipped.len().min(20);
            if !summary.skipped.is_empty() {
                writeln!(out, "\nskipped {} bad records:", summary.skipped.len())?;
                for error in &summary.skipped[..shown] {
                    writeln!(out, "  {error}")?;
                }
                if shown < summary.skipped.len() {
                    writeln!(
                        out,
                        "  ... and {} more (use --format json for all)",
                        summary.skipped.len() - shown
                    )?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Streams the records of the input files into a new generation of the index and publishes it.
fn build_streaming(
    target: &Path,
    builder: nwip::index::IndexBuilder,
    args: &IndexArgs,
) -> Result<(nwip::index::IndexMeta, nwip::corpus::ImportSummary)> {
    let options = nwip::corpus::ImportOptions::default().keep_going(args.keep_going);
    let cannot_build = || format!("cannot build the index at {}", target.display());
    let mut build = builder.start(target).with_context(cannot_build)?;
    let mut failed = None;
    let read =
        nwip::corpus::read_paths_in_batches(
            &args.inputs,
            options,
            BATCH,
            &mut |records| match build.add(records) {
                Ok(()) => std::ops::ControlFlow::Continue(()),
                Err(error) => {
                    failed = Some(error);
                    std::ops::ControlFlow::Break(())
                }
            },
        );
    let summary = match read {
        Ok(summary) => summary,
        Err(error @ nwip::corpus::CorpusError::BadFile { line: Some(_), .. }) => {
            return Err(anyhow::Error::new(error).context(
                "cannot import the records (nothing was changed; fix the file, or pass \
                 --keep-going to index the records before the break)",
            ));
        }
        Err(error) => return Err(error).context("cannot import the records"),
    };
    if let Some(error) = failed {
        return Err(error).with_context(cannot_build);
    }
    if build.records() == 0 {
        bail!(
            "no records could be imported from {} ({} lines skipped)",
            display_paths(&args.inputs),
            summary.skipped.len()
        );
    }
    let meta = build.finish(&summary.files, summary.skipped.len()).with_context(cannot_build)?;
    Ok((meta, summary))
}

/// Records handed from the importer to the index at a time: a build holds about this many.
const BATCH: usize = 8192;

/// `nwip index --update`: the records of the files replace or join those of the index, the
/// identifiers of the `--remove` files leave it.
fn update(target: &Path, args: IndexArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut removals = Vec::new();
    for path in &args.remove {
        removals.extend(read_identifier_list(path)?);
    }
    let import = if args.inputs.is_empty() {
        nwip::corpus::Import::default()
    } else {
        let options = nwip::corpus::ImportOptions::default().keep_going(args.keep_going);
        nwip::corpus::read_paths_with(&args.inputs, options)
            .context("cannot import the records of the update (nothing was changed)")?
    };
    let imported_in = started.elapsed();
    let summary = import.summary;
    if import.records.is_empty() && removals.is_empty() {
        bail!(
            "the update holds no records and no identifiers to remove ({} lines skipped); \
             nothing was changed",
            summary.skipped.len()
        );
    }
    let mut builder = nwip::index::IndexBuilder::new();
    if let Some(threads) = args.threads {
        builder = builder.threads(threads);
    }
    let mut sources = summary.files.clone();
    sources.extend(args.remove.iter().cloned());
    let updated = builder
        .update(target, import.records, &removals, &sources, summary.skipped.len())
        .with_context(|| format!("cannot update the index at {}", target.display()))?;
    if args.quiet {
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = PrintableWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => {
            let value = serde_json::json!({
                "index": target,
                "records": updated.meta.records,
                "written": updated.written,
                "replaced": updated.replaced,
                "removed": updated.removed,
                "not_found": updated.not_found,
                "compacted": updated.compacted,
                "updates_since_build": updated.meta.updates,
                "changed_since_build": updated.meta.changed_since_build,
                "skipped": summary.skipped,
                "import_seconds": imported_in.as_secs_f64(),
                "update_seconds": updated.seconds,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        }
        Format::Table | Format::Markdown => {
            writeln!(
                out,
                "updated {}: {} records written ({} replaced an indexed record), {} removed; \
                 {} records now (import {:.1}s, update {:.1}s{})",
                target.display(),
                updated.written,
                updated.replaced,
                updated.removed,
                updated.meta.records,
                imported_in.as_secs_f64(),
                updated.seconds,
                if updated.compacted { ", index merged into one segment" } else { "" },
            )?;
            if !updated.not_found.is_empty() {
                let shown: Vec<&str> =
                    updated.not_found.iter().take(10).map(String::as_str).collect();
                writeln!(
                    out,
                    "{} identifiers to remove are not in the index: {}{}",
                    updated.not_found.len(),
                    shown.join(", "),
                    if updated.not_found.len() > shown.len() { ", ..." } else { "" }
                )?;
            }
            writeln!(
                out,
                "{} updates and {} changed records since the full build (the bilingual table \
                 learns only at a full build)",
                updated.meta.updates, updated.meta.changed_since_build
            )?;
            for error in summary.skipped.iter().take(20) {
                writeln!(out, "  skipped {error}")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a list of primary identifiers, one a line; blank lines and lines starting with `#` are
/// skipped.
fn read_identifier_list(path: &Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!("cannot read the identifiers to remove from {}", path.display())
    })?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect())
}

fn read_proposal(path: &Path) -> Result<Proposal> {
    if path.as_os_str() == "-" {
        let text = nwip::corpus::decode::read_text(
            std::io::stdin().lock(),
            nwip::corpus::limits::MAX_PROPOSAL_BYTES,
        )
        .context("cannot read the proposal from standard input")?
        .text;
        let trimmed = text.trim_start();
        let proposal = if trimmed.starts_with('{') {
            Proposal::from_json(&text)
        } else if trimmed.starts_with('#') {
            Proposal::from_markdown(&text)
        } else {
            Proposal::from_text(&text)
        };
        return proposal.context("cannot read the proposal from standard input");
    }
    Ok(Proposal::read_path(path)?)
}

fn check(index: &Path, args: CheckArgs) -> Result<ExitCode> {
    let fail_on = match &args.fail_on {
        Some(kind) => Some(OverlapKind::parse(kind).with_context(|| {
            format!("unknown overlap kind {kind:?} for --fail-on (same-subject, revision-of, partial, adoption-of, related)")
        })?),
        None => None,
    };
    let proposal = read_proposal(&args.proposal)?;
    let engine = open_engine(
        index,
        Engine::builder()
            .limit(args.limit)
            .min_score(args.min_score)
            .ranking(args.ranking.to_ranking())
            .bridge(!args.no_bridge)
            .timings(args.timings),
    )?;
    engine
        .index()
        .preload()
        .with_context(|| format!("cannot read the index at {}", index.display()))?;
    let report = engine
        .check(&proposal)
        .with_context(|| format!("cannot check {}", args.proposal.display()))?;
    let mut out = PrintableWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        Format::Table => render::report_table(&mut out, &report)?,
        Format::Markdown => render::report_markdown(&mut out, &report)?,
    }
    out.flush()?;
    if let (Some(times), false) = (report.timings, args.format == Format::Json) {
        render::stage_table(&mut std::io::stderr().lock(), &[("milliseconds", times)])?;
    }
    // The process ends with this check: the index's tables (word vectors, meanings, the bridge;
    // hundreds of megabytes in millions of allocations) go back to the system with it, instead of
    // being freed one allocation at a time, a tenth of a cold check.
    std::mem::forget(engine);
    if let (Some(threshold), Some(worst)) = (fail_on, report.worst_kind(args.fail_score)) {
        if worst.severity() >= threshold.severity() {
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn stats(index: &Path, args: StatsArgs) -> Result<ExitCode> {
    let engine = open_engine(index, Engine::builder())?;
    let meta = engine.index().meta();
    let mut out = PrintableWriter::new(std::io::stdout().lock());
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(meta)?)?,
        Format::Table | Format::Markdown => render::stats(&mut out, index, meta)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn eval(index: &Path, args: EvalArgs) -> Result<ExitCode> {
    if let Some(path) = &args.outcomes {
        refuse_overwriting_an_input("--outcomes", path, &args.sets)?;
    }
    let sets: Vec<EvalSet> = args.sets.iter().map(EvalSet::read).collect::<nwip::Result<_>>()?;
    let mut builder = Engine::builder()
        .limit(10)
        .ranking(args.ranking.to_ranking())
        .bridge(!args.no_bridge)
        .timings(args.timings);
    if let Some(path) = &args.model {
        builder = builder.model(read_model(path)?);
    }
    let engine = open_engine(index, builder)?;
    let sets = if args.filed {
        let filed = |set: &EvalSet| nwip::eval::reworded::filed_set_in(&engine, set);
        sets.iter().map(filed).collect::<nwip::Result<_>>()?
    } else {
        sets
    };
    let sets = if args.novel {
        let novel = |set: &EvalSet| nwip::eval::reworded::novel_set_in(&engine, set);
        sets.iter().map(novel).collect::<nwip::Result<_>>()?
    } else {
        sets
    };
    let mut results = Vec::new();
    for set in &sets {
        results
            .push(evaluate(&engine, set).with_context(|| format!("cannot evaluate {}", set.name))?);
    }
    if let Some(path) = &args.outcomes {
        write_outcomes(path, &results)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => writeln!(out, "{}", serde_json::to_string_pretty(&results)?)?,
        Format::Table | Format::Markdown => {
            render::eval_table(&mut out, &results, args.ranking.to_ranking().as_str())?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a model written by `nwip calibrate` (`eval --model`, `calibrate --base`): one of this
/// build's features, or of an earlier list this build's extends (see `Model::extended`).
fn read_model(path: &Path) -> Result<nwip::score::Model> {
    let model = parse_model(path)?;
    let features = model.features.join(", ");
    model.extended().with_context(|| {
        format!("{} was fitted on features this nwip does not extend ({features})", path.display())
    })
}

/// Reads a model file as `nwip calibrate --out` writes it.
fn parse_model(path: &Path) -> Result<nwip::score::Model> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not a model written by nwip calibrate", path.display()))
}

/// Writes one JSON line per query: its set and its outcome.
fn write_outcomes(path: &Path, results: &[nwip::eval::EvalResult]) -> Result<()> {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    for result in results {
        for outcome in &result.outcomes {
            let mut line = serde_json::to_value(outcome)?;
            line["set"] = serde_json::Value::from(result.set.as_str());
            writeln!(file, "{line}")?;
        }
    }
    file.flush()?;
    Ok(())
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Writes labelled pairs as JSON lines (the feature names first, as a header line).
fn write_pairs(
    path: &Path,
    pairs: impl Iterator<Item = nwip::calibrate::LabelledPair>,
) -> Result<()> {
    let write = || -> std::io::Result<()> {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        let header = serde_json::json!({ "features": &nwip::score::Features::NAMES[..] });
        serde_json::to_writer(&mut out, &header)?;
        writeln!(out)?;
        for pair in pairs {
            serde_json::to_writer(&mut out, &pair)?;
            writeln!(out)?;
        }
        out.flush()
    };
    write().with_context(|| format!("cannot write {}", path.display()))
}

fn calibrate(index: &Path, args: CalibrateArgs) -> Result<ExitCode> {
    let inputs: Vec<PathBuf> =
        args.sets.iter().chain(&args.novel).chain(&args.filed).cloned().collect();
    refuse_overwriting_an_input("--out", &args.out, &inputs)?;
    if let Some(pairs) = &args.pairs {
        refuse_overwriting_an_input("--pairs", pairs, &inputs)?;
    }
    if args.base.is_some() && args.trees == 0 {
        anyhow::bail!("--base keeps a model and fits lead trees on it: it needs --trees above 0");
    }
    let mut sets: Vec<EvalSet> =
        args.sets.iter().map(EvalSet::read).collect::<nwip::Result<_>>()?;
    let engine = open_engine(index, Engine::builder())?;
    for path in &args.novel {
        let set = EvalSet::read(path)?;
        sets.push(nwip::eval::reworded::novel_set_in(&engine, &set)?);
    }
    let mut filed_copies = Vec::new();
    for path in &args.filed {
        let set = EvalSet::read(path)?;
        filed_copies.push(sets.len());
        sets.push(nwip::eval::reworded::filed_set_in(&engine, &set)?);
    }
    let options = nwip::calibrate::CalibrateOptions {
        folds: args.folds,
        lambda: args.lambda,
        trees: (args.trees > 0).then(|| nwip::score::BoostOptions {
            trees: args.trees,
            depth: args.depth,
            ..Default::default()
        }),
        base: args.base.as_deref().map(read_model).transpose()?,
        filed_copies,
    };
    let mut calibration = nwip::calibrate::calibrate(&engine, &sets, &options)?;
    // The model records the command that fitted it, set files as given.
    let command: Vec<String> = std::env::args().skip(1).collect();
    calibration.model.provenance["command"] = format!("nwip {}", command.join(" ")).into();
    std::fs::write(&args.out, calibration.model.to_json()? + "\n")
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    if let Some(path) = &args.pairs {
        write_pairs(path, calibration.labelled_pairs())?;
    }
    let held = &calibration.held_out;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "fitted on {} pairs ({} positive); model written to {}",
        calibration.pairs,
        calibration.positives,
        args.out.display()
    )?;
    writeln!(
        out,
        "held out ({}-fold, {} queries, {} without the relevant record among candidates): R@1 {:.3}  R@10 {:.3}  MRR@10 {:.3}",
        args.folds, held.queries, held.unreachable, held.recall_at_1, held.recall_at_10, held.mrr_at_10
    )?;
    for set in &held.by_set {
        writeln!(
            out,
            "  {:<24} {:>5} queries  R@1 {:.3}  R@10 {:.3}  MRR@10 {:.3}",
            set.set, set.queries, set.recall_at_1, set.recall_at_10, set.mrr_at_10
        )?;
    }
    writeln!(
        out,
        "held-out calibration: expected calibration error {:.3}",
        held.expected_calibration_error
    )?;
    writeln!(out, "  {:<11} {:>9} {:>10} {:>9}", "score", "documents", "mean score", "observed")?;
    for band in &held.reliability {
        writeln!(
            out,
            "  {:.1} - {:.1}   {:>9} {:>10.3} {:>9.3}",
            band.from, band.to, band.documents, band.mean_score, band.observed
        )?;
    }
    let mut splits = vec![0usize; calibration.model.features.len()];
    for tree in &calibration.model.trees {
        tree.splits(&mut splits);
    }
    writeln!(out, "  {:<24} {:>8} {:>8}", "feature", "weight", "splits")?;
    for ((name, weight), splits) in
        calibration.model.features.iter().zip(&calibration.model.weights).zip(&splits)
    {
        writeln!(out, "  {name:<24} {weight:>8.3} {splits:>8}")?;
    }
    writeln!(out, "  {:<24} {:>8.3}", "bias", calibration.model.bias)?;
    Ok(ExitCode::SUCCESS)
}

fn devset(index: &Path, args: DevsetArgs) -> Result<ExitCode> {
    let parse = |code: &str| {
        let language = nwip::text::Language::from_code(code);
        if language == nwip::text::Language::Unknown {
            bail!("unknown language {code:?} (use en, fr or ru)");
        }
        Ok(language)
    };
    let (from, to) = (parse(&args.from)?, parse(&args.to)?);
    let engine = open_engine(index, Engine::builder())?;
    let records: Vec<nwip::Record> = engine
        .index()
        .searcher()
        .select(&nwip::index::Filter::default())
        .context("cannot read the records of the index")?
        .into_iter()
        .map(|hit| hit.record)
        .collect();
    let kind = if args.mixed { DevsetKind::Mixed } else { args.kind };
    let mut set = match kind {
        DevsetKind::CrossLingual => {
            nwip::eval::cross_lingual::cross_lingual_set(&records, from, to, args.sample)
        }
        DevsetKind::Mixed => {
            nwip::eval::cross_lingual::mixed_language_set(&records, from, to, args.sample)
        }
        DevsetKind::Scope => nwip::eval::reworded::scope_set(&records, args.sample),
        DevsetKind::Twin => nwip::eval::reworded::twin_set(&records, args.sample),
    };
    if args.novel {
        set = nwip::eval::reworded::novel_set(&set);
    }
    let mut out = std::io::stdout().lock();
    for query in &set.queries {
        writeln!(out, "{}", serde_json::to_string(query)?)?;
    }
    let shape = match kind {
        DevsetKind::CrossLingual => format!("{from} -> {to}"),
        DevsetKind::Mixed => format!("{from} -> {to}, titles over scopes in the target language"),
        DevsetKind::Scope => "abstracts against their documents' title-only records".to_string(),
        DevsetKind::Twin => "the same text under another organisation's number".to_string(),
    };
    let novel = if args.novel { ", relevant documents excluded" } else { "" };
    eprintln!("{} queries ({shape}{novel})", set.queries.len());
    Ok(ExitCode::SUCCESS)
}
