//! Human-readable output: tables for the terminal and Markdown for documents and tickets.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use anyhow::Result;
use nwip::eval::EvalResult;
use nwip::index::IndexMeta;
use nwip::{Report, StageTimes};

pub(crate) fn counts(
    out: &mut impl Write,
    label: &str,
    counts: &BTreeMap<String, usize>,
) -> Result<()> {
    let mut sorted: Vec<(&String, &usize)> = counts.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    writeln!(out, "\n{label:<20} {:>9}", "records")?;
    for (name, count) in sorted {
        writeln!(out, "{name:<20} {count:>9}")?;
    }
    Ok(())
}

pub(crate) fn stats(out: &mut impl Write, index: &Path, meta: &IndexMeta) -> Result<()> {
    writeln!(out, "index        {}", index.display())?;
    writeln!(out, "format       {} (nwip {})", meta.format_version, meta.nwip_version)?;
    writeln!(out, "records      {}", meta.records)?;
    writeln!(out, "sketched     {}", meta.sketched)?;
    writeln!(out, "skipped      {}", meta.skipped)?;
    writeln!(out, "fingerprint  {}", meta.fingerprint)?;
    writeln!(out, "sources      {}", meta.sources.len())?;
    if meta.updates > 0 {
        writeln!(
            out,
            "updates      {} since the full build, {} records changed",
            meta.updates, meta.changed_since_build
        )?;
    }
    counts(out, "organisation", &meta.by_org)?;
    counts(out, "state", &meta.by_state)?;
    Ok(())
}

fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// What a report says when the proposal's purpose and justification was not read as its subject.
const PURPOSE_LEFT_OUT: &str = "the title and the scope (the purpose and justification says why \
                                the work is needed; it is read for the documents it names)";

pub(crate) fn report_table(out: &mut impl Write, report: &Report) -> Result<()> {
    let proposal = &report.proposal;
    writeln!(out, "proposal: {}", proposal.title)?;
    writeln!(
        out,
        "language: {}   committee: {}   organisation: {}   ranking: {}",
        proposal.language,
        proposal.committee.as_deref().unwrap_or("-"),
        proposal.organisation.as_deref().unwrap_or("-"),
        report.ranking
    )?;
    if proposal.purpose_left_out {
        writeln!(out, "matched on: {PURPOSE_LEFT_OUT}")?;
    }
    if report.overlaps.is_empty() {
        writeln!(out, "\nno overlapping records found")?;
    } else {
        writeln!(out)?;
        writeln!(
            out,
            "{:>3}  {:>5}  {:<12}  {:<17}  {:<6}  {:<26}  {:<18}  title",
            "#", "score", "kind", "document", "org", "id", "committee"
        )?;
        for (rank, overlap) in report.overlaps.iter().enumerate() {
            let record = &overlap.record;
            let state = overlap
                .document
                .as_ref()
                .map_or(record.stage.lifecycle.as_str(), |d| d.state.as_str());
            writeln!(
                out,
                "{:>3}  {:>5.2}  {:<12}  {:<17}  {:<6}  {:<26}  {:<18}  {}",
                rank + 1,
                overlap.score,
                overlap.kind.as_str(),
                state,
                truncate(&record.org, 6),
                truncate(&record.id, 26),
                truncate(record.committee.as_ref().map_or("-", |c| c.id.as_str()), 18),
                truncate(record.display_title_in(proposal.language), 70)
            )?;
            let evidence = &overlap.evidence;
            let terms: Vec<&str> = evidence.shared_words().into_iter().take(6).collect();
            let mut why = format!("       why: {}", evidence.reason);
            if !terms.is_empty() {
                why.push_str(&format!("; shared: {}", terms.join(", ")));
            }
            if !evidence.translated_terms.is_empty() {
                let translated: Vec<String> = evidence
                    .translated_terms
                    .iter()
                    .take(4)
                    .map(|t| format!("{}→{}", t.word, t.term))
                    .collect();
                why.push_str(&format!("; translated: {}", translated.join(", ")));
            }
            // How close the two texts are in meaning (word vectors), when the index has them.
            if overlap.features.meaning > 0.0 {
                why.push_str(&format!("; meaning {:.2}", overlap.features.meaning));
            }
            writeln!(out, "{}", truncate(&why, 160))?;
            let mut document = also_line(overlap);
            if !evidence.lineage.is_empty() {
                let described = document.unwrap_or_else(|| overlap.state_description());
                document = Some(format!("{described}; {}", evidence.lineage.join("; ")));
            }
            if let Some(document) = document {
                writeln!(out, "{}", truncate(&format!("  document: {document}"), 160))?;
            }
        }
    }
    if !report.committees.is_empty() {
        writeln!(out, "\ncommittees owning the subject:")?;
        for suggestion in report.committees.iter().take(3) {
            writeln!(
                out,
                "  {:<28} {:>4.0}%  ({})",
                suggestion.committee,
                suggestion.confidence * 100.0,
                suggestion.grounds
            )?;
        }
    }
    if !report.liaisons.is_empty() {
        writeln!(out, "\nliaise with (overlapping work outside the proposer's organisation):")?;
        for liaison in report.liaisons.iter().take(8) {
            writeln!(
                out,
                "  {:<8} {:<28} best {:.2}{}{}{}  {}",
                liaison.org,
                liaison.committee.as_deref().unwrap_or("-"),
                liaison.best_score,
                if liaison.is_intergovernmental() { "  INTERGOVERNMENTAL" } else { "" },
                if liaison.ongoing { "  ONGOING" } else { "" },
                if liaison.declared { "  (declared)" } else { "" },
                liaison.records.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
            )?;
            if let Some(name) = &liaison.committee_name {
                writeln!(out, "           {name}")?;
            }
        }
    }
    let cross = &report.cross_check;
    if !cross.declared_not_overlapping.is_empty() || !cross.undeclared_overlaps.is_empty() {
        writeln!(out, "\ncross-check of the proposal's declarations:")?;
        if !cross.undeclared_overlaps.is_empty() {
            writeln!(
                out,
                "  overlaps not listed as relevant documents: {}",
                cross.undeclared_overlaps.join(", ")
            )?;
        }
        if !cross.declared_not_overlapping.is_empty() {
            writeln!(
                out,
                "  listed documents that do not overlap: {}",
                cross.declared_not_overlapping.join(", ")
            )?;
        }
    }
    Ok(())
}

/// The document's other records and where it stands, shortened: `being revised: ISO/DIS 22000 at
/// stage 40.20 (current ISO 22000:2018); also ISO/DIS 22000, ISO 22000:2005 (+3 more)`; `None`
/// for a document of one record.
fn also_line(overlap: &nwip::Overlap) -> Option<String> {
    let folded = overlap.folded_ids();
    if folded.is_empty() {
        return None;
    }
    let shown: Vec<&str> = folded.iter().take(4).copied().collect();
    let mut line = format!("{}; also {}", overlap.state_description(), shown.join(", "));
    if folded.len() > shown.len() {
        line.push_str(&format!(" (+{} more)", folded.len() - shown.len()));
    }
    Some(line)
}

fn escape_markdown(text: &str) -> String {
    text.replace('|', "\\|")
}

pub(crate) fn report_markdown(out: &mut impl Write, report: &Report) -> Result<()> {
    writeln!(out, "# Overlap check: {}\n", escape_markdown(&report.proposal.title))?;
    writeln!(
        out,
        "Language: {} · Committee: {} · Ranking: {}\n",
        report.proposal.language,
        report.proposal.committee.as_deref().unwrap_or("-"),
        report.ranking
    )?;
    if report.proposal.purpose_left_out {
        writeln!(out, "Matched on: {PURPOSE_LEFT_OUT}.\n")?;
    }
    writeln!(
        out,
        "| # | Score | Kind | Document | Org | Identifier | Committee | Title | Evidence |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|")?;
    for (rank, overlap) in report.overlaps.iter().enumerate() {
        let record = &overlap.record;
        let terms: Vec<&str> = overlap.evidence.shared_words().into_iter().take(6).collect();
        let folded = overlap.folded_ids();
        let also = if folded.is_empty() {
            String::new()
        } else {
            let shown: Vec<&str> = folded.iter().take(4).copied().collect();
            let more = folded.len() - shown.len();
            let more = if more > 0 { format!(" (+{more} more)") } else { String::new() };
            format!("; also: {}{more}", shown.join(", "))
        };
        let lineage: String =
            overlap.evidence.lineage.iter().map(|note| format!("; {note}")).collect();
        writeln!(
            out,
            "| {} | {:.2} | {} | {} | {} | {} | {} | {} | {}; shared: {}{}{} |",
            rank + 1,
            overlap.score,
            overlap.kind,
            overlap.state_description(),
            record.org,
            escape_markdown(&record.id),
            escape_markdown(record.committee.as_ref().map_or("-", |c| c.id.as_str())),
            escape_markdown(record.display_title_in(report.proposal.language)),
            escape_markdown(&overlap.evidence.reason),
            escape_markdown(&terms.join(", ")),
            escape_markdown(&also),
            escape_markdown(&lineage)
        )?;
    }
    if !report.committees.is_empty() {
        writeln!(out, "\n## Committees owning the subject\n")?;
        for suggestion in report.committees.iter().take(3) {
            writeln!(
                out,
                "- {} ({:.0}%: {})",
                suggestion.committee,
                suggestion.confidence * 100.0,
                escape_markdown(&suggestion.grounds)
            )?;
        }
    }
    if !report.liaisons.is_empty() {
        writeln!(out, "\n## Liaise with\n")?;
        for liaison in &report.liaisons {
            writeln!(
                out,
                "- {} {}{}: {}{}{}",
                liaison.org,
                liaison.committee.as_deref().unwrap_or(""),
                liaison
                    .committee_name
                    .as_deref()
                    .map_or(String::new(), |name| format!(" ({})", escape_markdown(name))),
                liaison.records.join(", "),
                if liaison.ongoing { " (ongoing work)" } else { "" },
                if liaison.is_intergovernmental() {
                    " (intergovernmental body: has it been contacted?)"
                } else {
                    ""
                }
            )?;
        }
    }
    Ok(())
}

pub(crate) fn eval_table(
    out: &mut impl Write,
    results: &[EvalResult],
    ranking: &str,
) -> Result<()> {
    writeln!(out, "ranking: {ranking}")?;
    writeln!(
        out,
        "{:<14} {:>7} {:>6} {:>6} {:>7} {:>6} {:>6} {:>7} {:>7} {:>7} {:>7} {:>7} {:>9}",
        "set",
        "queries",
        "R@1",
        "R@10",
        "MRR@10",
        "dR@1",
        "dR@10",
        "dMRR@10",
        "com@1",
        "com@3",
        "tc@1",
        "tc@3",
        "median ms"
    )?;
    let figure = |value: Option<f64>| value.map_or("-".to_string(), |v| format!("{v:.3}"));
    for result in results {
        writeln!(
            out,
            "{:<14} {:>7} {:>6.3} {:>6.3} {:>7.3} {:>6.3} {:>6.3} {:>7.3} {:>7} {:>7} {:>7} {:>7} {:>9.1}",
            result.set,
            result.queries,
            result.recall_at_1,
            result.recall_at_10,
            result.mrr_at_10,
            result.doc_recall_at_1,
            result.doc_recall_at_10,
            result.doc_mrr_at_10,
            figure(result.committee_acc_at_1),
            figure(result.committee_acc_at_3),
            figure(result.committee_tc_acc_at_1),
            figure(result.committee_tc_acc_at_3),
            result.median_ms
        )?;
    }
    let scored: Vec<&EvalResult> =
        results.iter().filter(|r| r.median_relevant_score.is_some()).collect();
    if !scored.is_empty() {
        writeln!(
            out,
            "\n{:<14} {:>16} {:>16} {:>16}",
            "set", "relevant score", "typed duplicate", "10th line score"
        )?;
        for result in scored {
            writeln!(
                out,
                "{:<14} {:>16} {:>16} {:>16}",
                result.set,
                figure(result.median_relevant_score),
                figure(result.typed_duplicate),
                figure(result.median_score_at_10)
            )?;
        }
    }
    let novel: Vec<&EvalResult> =
        results.iter().filter(|r| r.first_line_duplicate.is_some()).collect();
    if !novel.is_empty() {
        writeln!(out, "\n{:<18} {:>28}", "set (no duplicate)", "first line typed duplicate")?;
        for result in novel {
            writeln!(out, "{:<18} {:>28}", result.set, figure(result.first_line_duplicate))?;
        }
    }
    let gated: Vec<&EvalResult> = results.iter().filter(|r| !r.gates.is_empty()).collect();
    if let Some(first) = gated.first() {
        writeln!(
            out,
            "\nwhat a gate on the score stops: the duplicate (a set with duplicates), a false alarm (no duplicate)"
        )?;
        write!(out, "{:<18}", "set")?;
        for gate in &first.gates {
            write!(out, " {:>8}", format!("≥ {:.1}", gate.score))?;
        }
        writeln!(out)?;
        for result in gated {
            write!(out, "{:<18}", result.set)?;
            for gate in &result.gates {
                write!(out, " {:>8.3}", gate.stopped)?;
            }
            writeln!(out)?;
        }
    }
    let timed: Vec<(&str, StageTimes)> = results
        .iter()
        .filter_map(|r| r.stage_medians.map(|times| (r.set.as_str(), times)))
        .collect();
    if !timed.is_empty() {
        writeln!(out, "\nmedian milliseconds a stage (checks one at a time)")?;
        stage_table(out, &timed)?;
    }
    Ok(())
}

/// A table of stage times: a row a stage, a column for each of `columns` (a name and its times).
pub(crate) fn stage_table(out: &mut impl Write, columns: &[(&str, StageTimes)]) -> Result<()> {
    write!(out, "{:<15}", "stage")?;
    for (name, _) in columns {
        write!(out, " {name:>12}")?;
    }
    writeln!(out)?;
    let rows: Vec<_> = columns.iter().map(|(_, times)| times.rows()).collect();
    for (stage, (name, _)) in StageTimes::default().rows().iter().enumerate() {
        write!(out, "{name:<15}")?;
        for row in &rows {
            write!(out, " {:>12.2}", row[stage].1)?;
        }
        writeln!(out)?;
    }
    Ok(())
}
