//! The HTML report of a scan: one self-contained file (inline CSS, no scripts, no external
//! resources) with the summary, the top clusters and their evidence, and coloured matrices of
//! overlaps between organisations and between committees. Every text is escaped.

use std::io::Write;

use anyhow::Result;
use nwip::scan::{ClusterFinding, OverlapMatrix, PairFinding, ScanSummary};

/// What the report shows.
pub(crate) struct ScanReport<'a> {
    /// What was scanned, in words.
    pub(crate) scanned: &'a str,
    /// The scan's account.
    pub(crate) summary: &'a ScanSummary,
    /// The top clusters, most notable first.
    pub(crate) clusters: &'a [ClusterFinding],
    /// The best pair findings, best first.
    pub(crate) pairs: &'a [PairFinding],
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

const STYLE: &str = r#"
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee7; --accent: #b4232c; --bg: #f6f7f9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: var(--bg); margin: 0; padding: 24px 32px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 12px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
.muted { color: var(--muted); }
.stats { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0; }
.stat { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; min-width: 130px; }
.stat b { display: block; font-size: 22px; }
.stat.alert b { color: var(--accent); }
.cluster { background: #fff; border: 1px solid var(--line); border-left: 6px solid #7a8aa8;
           border-radius: 8px; padding: 12px 16px; margin: 12px 0; }
.cluster.forum-shopping { border-left-color: var(--accent); }
.cluster h3 { margin: 0 0 6px; font-size: 16px; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; border-radius: 10px; padding: 1px 8px;
         margin-left: 6px; background: #e8ecf3; color: var(--ink); vertical-align: middle; }
.badge.alert { background: var(--accent); color: #fff; }
.state-ongoing { color: #0b6b3a; font-weight: 600; }
table { border-collapse: collapse; }
table.items { width: 100%; margin: 8px 0; font-size: 14px; }
table.items th, table.items td { text-align: left; padding: 3px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.terms span { display: inline-block; background: #eef2f8; border-radius: 4px; padding: 0 6px; margin: 2px 4px 2px 0; font-size: 13px; }
.edges { font-size: 13px; color: var(--muted); margin: 4px 0 0; padding-left: 18px; }
table.matrix { font-size: 13px; background: #fff; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 4px 7px; text-align: center; min-width: 42px; }
table.matrix th.row { text-align: right; white-space: nowrap; }
table.matrix thead th { writing-mode: vertical-rl; transform: rotate(180deg); white-space: nowrap; height: 120px; vertical-align: bottom; }
.scroll { overflow-x: auto; }
footer { margin-top: 40px; font-size: 12px; color: var(--muted); }
"#;

/// Writes the whole report.
pub(crate) fn write_report(out: &mut impl Write, report: &ScanReport<'_>) -> Result<()> {
    let summary = report.summary;
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(
        out,
        "<title>nwip scan: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(report.scanned)
    )?;
    writeln!(out, "<header>\n<h1>Duplicate-work scan</h1>")?;
    writeln!(
        out,
        "<p class=\"muted\">{} · nwip {}</p>",
        escape(report.scanned),
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<div class=\"stats\">")?;
    let compared =
        summary.candidate_pairs.map(|n| format!(" ({n} pairs compared)")).unwrap_or_default();
    stat(out, "items scanned", &format!("{}", summary.items), &escape(&compared), false)?;
    stat(out, "pair findings", &summary.pairs.to_string(), "", false)?;
    stat(out, "clusters", &summary.clusters.to_string(), "", false)?;
    stat(
        out,
        "possible forum shopping",
        &summary.forum_shopping.to_string(),
        "",
        summary.forum_shopping > 0,
    )?;
    stat(out, "seconds", &format!("{:.1}", summary.seconds), "", false)?;
    writeln!(out, "</div>\n</header>")?;

    writeln!(out, "<section id=\"clusters\">\n<h2>Top clusters</h2>")?;
    if report.clusters.is_empty() {
        writeln!(out, "<p class=\"muted\">No clusters of same-subject work were found.</p>")?;
    } else if report.clusters.len() < summary.clusters {
        writeln!(
            out,
            "<p class=\"muted\">The {} most notable of {} clusters: possible forum shopping first, then the largest.</p>",
            report.clusters.len(),
            summary.clusters
        )?;
    }
    for cluster in report.clusters {
        write_cluster(out, cluster)?;
    }
    writeln!(out, "</section>")?;

    writeln!(out, "<section id=\"org-matrix\">\n<h2>Overlaps between organisations</h2>")?;
    writeln!(out, "<p class=\"muted\">Pair findings between the organisations of the two documents; the diagonal counts pairs within one organisation.</p>")?;
    write_matrix(out, &summary.org_matrix, "org")?;
    writeln!(out, "</section>")?;
    writeln!(out, "<section id=\"committee-matrix\">\n<h2>Overlaps between committees</h2>")?;
    writeln!(out, "<p class=\"muted\">The busiest top-level committees; pairs where both documents name a committee.</p>")?;
    write_matrix(out, &summary.committee_matrix, "committee")?;
    writeln!(out, "</section>")?;

    writeln!(out, "<section id=\"pairs\">\n<h2>Strongest pair findings</h2>")?;
    if report.pairs.is_empty() {
        writeln!(out, "<p class=\"muted\">No pair findings.</p>")?;
    } else {
        writeln!(out, "<table class=\"items\"><thead><tr><th>score</th><th>kind</th><th>first</th><th>second</th><th>why</th></tr></thead><tbody>")?;
        for pair in report.pairs.iter().take(100) {
            writeln!(
                out,
                "<tr><td>{:.2}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                pair.score,
                escape(pair.kind.as_str()),
                document_cell(&pair.items[0], &pair.orgs[0], &pair.titles[0]),
                document_cell(&pair.items[1], &pair.orgs[1], &pair.titles[1]),
                escape(&pair.evidence.reason)
            )?;
        }
        writeln!(out, "</tbody></table>")?;
    }
    writeln!(out, "</section>")?;
    writeln!(out, "<footer>Generated by nwip scan. Scores are calibrated overlap probabilities (similarity of the texts for near-duplicates).</footer>\n</body>\n</html>")?;
    Ok(())
}

fn stat(out: &mut impl Write, label: &str, value: &str, note: &str, alert: bool) -> Result<()> {
    let class = if alert { "stat alert" } else { "stat" };
    writeln!(out, "<div class=\"{class}\"><b>{}</b>{}{note}</div>", escape(value), escape(label))?;
    Ok(())
}

fn document_cell(id: &str, org: &str, title: &str) -> String {
    format!(
        "<b>{}</b> <span class=\"muted\">{}</span><br>{}",
        escape(id),
        escape(org),
        escape(title)
    )
}

fn write_cluster(out: &mut impl Write, cluster: &ClusterFinding) -> Result<()> {
    let class = if cluster.forum_shopping { "cluster forum-shopping" } else { "cluster" };
    writeln!(out, "<article class=\"{class}\" id=\"cluster-{}\">", cluster.id)?;
    write!(
        out,
        "<h3>Cluster {} · {} documents · {} <span class=\"badge\">{}</span><span class=\"badge\">best {:.2}</span>",
        cluster.id,
        cluster.items.len(),
        escape(&cluster.organisations.join(", ")),
        escape(cluster.kind.as_str()),
        cluster.score
    )?;
    if cluster.forum_shopping {
        write!(out, "<span class=\"badge alert\">possible forum shopping</span>")?;
    }
    writeln!(out, "</h3>\n<p>{}</p>", escape(&cluster.evidence.reason))?;
    writeln!(out, "<table class=\"items\"><thead><tr><th>document</th><th>organisation</th><th>state</th><th>committee</th><th>title</th></tr></thead><tbody>")?;
    for (index, id) in cluster.items.iter().enumerate() {
        let state = cluster.states[index];
        let state_class = if state.is_ongoing() { " class=\"state-ongoing\"" } else { "" };
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td{state_class}>{}</td><td>{}</td><td>{}</td></tr>",
            escape(id),
            escape(&cluster.orgs[index]),
            escape(state.as_str()),
            escape(cluster.committees[index].as_deref().unwrap_or("")),
            escape(&cluster.titles[index])
        )?;
    }
    writeln!(out, "</tbody></table>")?;
    if !cluster.evidence.shared_terms.is_empty() {
        write!(out, "<div class=\"terms\">shared terms: ")?;
        for term in &cluster.evidence.shared_terms {
            write!(out, "<span>{}</span>", escape(term))?;
        }
        writeln!(out, "</div>")?;
    }
    writeln!(out, "<ul class=\"edges\">")?;
    for edge in &cluster.evidence.edges {
        writeln!(
            out,
            "<li>{} ↔ {}: {} {:.2}</li>",
            escape(&edge.items[0]),
            escape(&edge.items[1]),
            escape(edge.kind.as_str()),
            edge.score
        )?;
    }
    writeln!(out, "</ul>\n</article>")?;
    Ok(())
}

/// Returns the background colour of a count: white for none, deepening red with the log of the
/// count relative to the largest.
fn heat(count: usize, max: usize) -> String {
    if count == 0 || max == 0 {
        return "#ffffff".into();
    }
    let share = ((count as f64).ln_1p() / (max as f64).ln_1p()).clamp(0.0, 1.0);
    let lightness = 96.0 - 52.0 * share;
    format!("hsl(4, 75%, {lightness:.0}%)")
}

fn write_matrix(out: &mut impl Write, matrix: &OverlapMatrix, what: &str) -> Result<()> {
    if matrix.labels.is_empty() {
        writeln!(out, "<p class=\"muted\">No overlaps to show.</p>")?;
        return Ok(());
    }
    let max = matrix.max();
    writeln!(out, "<div class=\"scroll\"><table class=\"matrix\" id=\"{what}-matrix-table\">")?;
    write!(out, "<thead><tr><th></th>")?;
    for label in &matrix.labels {
        write!(out, "<th scope=\"col\">{}</th>", escape(label))?;
    }
    writeln!(out, "</tr></thead><tbody>")?;
    for (row, label) in matrix.labels.iter().enumerate() {
        write!(out, "<tr><th class=\"row\" scope=\"row\">{}</th>", escape(label))?;
        for (column, count) in matrix.counts[row].iter().enumerate() {
            let text = if *count == 0 { String::new() } else { count.to_string() };
            let colour = heat(*count, max);
            let ink = if *count * 2 > max && max > 0 { "color:#fff;" } else { "" };
            write!(
                out,
                "<td style=\"background:{colour};{ink}\" title=\"{} × {}: {count}\">{text}</td>",
                escape(label),
                escape(&matrix.labels[column])
            )?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody></table></div>")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(escape(r#"<a href="x">&'"#), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    #[test]
    fn heat_deepens_with_the_count() {
        assert_eq!(heat(0, 10), "#ffffff");
        assert_ne!(heat(1, 10), heat(10, 10));
        assert_eq!(heat(10, 10), "hsl(4, 75%, 44%)");
    }

    #[test]
    fn report_escapes_and_renders_sections() {
        let summary = ScanSummary::default();
        let report =
            ScanReport { scanned: "<script>", summary: &summary, clusters: &[], pairs: &[] };
        let mut bytes = Vec::new();
        write_report(&mut bytes, &report).unwrap();
        let html = String::from_utf8(bytes).unwrap();
        assert!(html.contains("&lt;script&gt;"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("id=\"org-matrix\""));
    }
}
