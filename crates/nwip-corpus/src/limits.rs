//! Input limits: how big a proposal, a record line or a whole record document may be, and how
//! deeply a YAML document may nest. Past them, input is refused with a clear error instead of
//! taking minutes or gigabytes.
//!
//! The limits sit far above real input: the largest line of the shared corpus (26 catalogues,
//! 345,000 records) is 73 KB; a long ISO Form 4 proposal is under 100 KB of text.

/// Largest proposal file read, in bytes (1 MiB). A check's time grows faster than the text: on
/// the full index a 100 KB proposal took 0.8 s and a 1 MB one 10.7 s (a loaded 2-core machine).
pub const MAX_PROPOSAL_BYTES: usize = 1 << 20;

/// Longest line of a JSON lines records file, in bytes (4 MiB); a longer line is skipped and
/// reported as a bad record.
pub const MAX_RECORD_LINE_BYTES: usize = 4 << 20;

/// Largest whole-document records file (a JSON array or object, a YAML file), in bytes (256 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 256 << 20;

/// Deepest nesting of a YAML document (JSON parsing stops at serde_json's own limit, also 128).
pub const MAX_NESTING_DEPTH: usize = 128;

/// Tells whether a YAML text nests deeper than [`MAX_NESTING_DEPTH`], by a cheap pass before the
/// parser sees it (the parser takes quadratic time on pathological nesting): the depth of flow
/// brackets outside quotes, and how far block indentation and `- ` indicators push a line's
/// content (a level needs at least one column; four columns a level are allowed).
///
/// ```
/// use nwip_corpus::limits::yaml_too_deep;
/// assert!(!yaml_too_deep("docid:\n  - id: ISO 1\n    type: ISO\n"));
/// assert!(yaml_too_deep(&format!("a: {}1{}", "[".repeat(200), "]".repeat(200))));
/// assert!(yaml_too_deep(&format!("{}x", "- ".repeat(1000))));
/// ```
pub fn yaml_too_deep(text: &str) -> bool {
    let mut flow_depth = 0usize;
    for line in text.lines() {
        let mut column = 0usize;
        let mut rest = line;
        loop {
            if let Some(after) = rest.strip_prefix(' ') {
                column += 1;
                rest = after;
            } else if let Some(after) = rest.strip_prefix("- ").or_else(|| rest.strip_prefix("? "))
            {
                column += 2;
                rest = after;
            } else {
                break;
            }
        }
        if column > 4 * MAX_NESTING_DEPTH {
            return true;
        }
        let mut quote: Option<char> = None;
        for character in rest.chars() {
            match (quote, character) {
                (Some(open), c) if c == open => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(character),
                (None, '#') => break,
                (None, '[' | '{') => {
                    flow_depth += 1;
                    if flow_depth > MAX_NESTING_DEPTH {
                        return true;
                    }
                }
                (None, ']' | '}') => flow_depth = flow_depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    false
}
