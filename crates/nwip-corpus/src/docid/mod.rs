//! Standard identifiers: parsing, normalisation and the edition-independent document key.
//!
//! This module owns everything nwip knows about how standards are *named*. It turns the many
//! spellings of an identifier found in catalogues, relation targets and free text ("ISO/IEC
//! 27001:2013/Cor 1:2014", "ISO/CEI 27001", "IEEE Std 802.11™-2020", "ITU-T X.509 (10/2019)",
//! "ETSI EN 300 328 V2.2.2 (2019-11)", "3GPP TS 23.501:REL-19/19.5.0", "NIST SP 800-53r5",
//! "RFC 9110", "CGPM RES 1 (1927)", "CXS 1-1985", "SOLAS 1974", "ГОСТ Р ИСО 9001-2015", ...) into a
//! structured [`DocId`] and into short lower-case keys that compare equal whenever two spellings
//! name the same document. It never panics, and parses an identifier in a few microseconds with
//! hand-written grammars (no regular expressions, no backtracking beyond checkpoints).
//!
//! # How it reads an identifier
//!
//! The text is normalised (`normalize.rs`: dashes, spaces, entities, Cyrillic transliterated),
//! then read by a cursor (`cursor.rs`) in one of two modes: a catalogue identifier
//! ([`DocId::parse`], lenient) or prose ([`extract_identifiers`], strict). The *head*
//! (`head.rs`) reads the publishers, whose spellings, roles and grammars come from the
//! [`crate::registry`], and for ISO-like identifiers the stage and deliverable words; the
//! publishers' grammar (`grammar/`, one file per family of organisations) then reads the rest
//! into a new value, or fails leaving nothing behind. Supplements (`supplements.rs`) are shared.
//! Keys (`keys.rs`) are formatted in the namespace of the publisher that owns the number space.
//!
//! # Keys
//!
//! - The **document key** ([`DocId::document_key`], [`document_key`]) has the form
//!   `"<namespace> <deliverable?> <number>[-<part>][/<supplement kind><n>]..."`, lower-case with
//!   single spaces: `"iso 9001"`, `"iso guide 51"`, `"iec 60335-1/amd1"`, `"itu-t x.509"`,
//!   `"ieee 802.11be"`, `"etsi en 300 328"`, `"3gpp ts 23.501"`, `"ietf rfc 9110"`,
//!   `"nist sp 800-53"`, `"cgpm res 1 (1927)"`, `"codex cxs 1"`, `"imo solas 1974"`,
//!   `"en iso 13849-1"`, `"gost 12.0.004"`.
//! - Edition, year, version, release, draft stage, language suffix and spelling never change the
//!   key: "ISO/DIS 17895", "ISO/FDIS 17895", "ISO 17895:2005" and "ISO 17895" are all `"iso
//!   17895"`; "3GPP TS 23.501:REL-19/19.5.0" and "3GPP TS 23.501 V16.0.0" are `"3gpp ts 23.501"`;
//!   "NIST SP 800-53r5" and "NIST SP 800-53r4" are `"nist sp 800-53"` ("NIST SP 800-53A" is
//!   another document); "IEEE P802.11be/D3.0" is `"ieee 802.11be"`.
//! - The **family key** ([`DocId::family_key`], [`family_key`]) is the document key without part
//!   and supplements: every part and amendment of IEC 60335 is in family `"iec 60335"`.
//! - The **adopted key** ([`DocId::adopted_key`]) of an adoption or transposition is the key of
//!   the document adopted: "NF EN ISO 9001" gives `"iso 9001"`, "BS EN 60335-1" gives `"iec
//!   60335-1"`, "IEEE Std 8802-3" gives `"iso 8802-3"`, "ETSI TS 123 501" gives `"3gpp ts
//!   23.501"` (the registry's co-publishing habits).
//!
//! # Namespaces
//!
//! The namespace is that of the publisher that owns the number space (the registry says which):
//! ISO, ISO/IEC, ISO/IEC/IEEE, ISO/ASTM and IWA share ISO's numbers (`"iso"`); IEC, IEC/IEEE:
//! `"iec"` (old numbers below 60000 are renumbered: "IEC 828" is `"iec 60828"`); CISPR `"cispr"`;
//! NIST and NBS `"nist"`; BIPM's committees their own (`"cgpm"`, `"cipm"`, `"jcgm"`). TS, TR, PAS,
//! IS and SRD do not enter ISO/IEC keys; deliverables with their own number space do (Guide, IWA,
//! DIR, ISP, TTA, Data, R; ETSI's, 3GPP's, IETF's, NIST's series). Regional and national
//! adoptions keep the adopter in front: `"en iso 9001"`, `"bs en 60335-1"`, `"gost r iso 9001"`.
//!
//! # Supplements
//!
//! "/Amd 1:2020", "+A1:2017", "Amendment 1", "/DAM 1", "/Cor 2", "Technical Cor. 1", "/Add 1",
//! "/Suppl 1", "Err. 1", "Annex A", "App. I", ETSI "/A1", "/C1", NIST "/Upd1" and ".Add." become
//! [`Supplement`]s and enter the document key in order: "ISO 9001:2015/Amd 1:2024" is `"iso
//! 9001/amd1"`. Format variants (IEC "RLV", "CSV", IEEE "Redline") and translations (NIST
//! ".spa", BIPM "(1927, E)") are ignored.
//!
//! # Free text
//!
//! [`extract_identifiers`] finds identifiers mentioned in prose ("see ISO 9001", "revision of
//! ISO/IEC 27001:2013", "ITU-T Rec. X.509", "RFC 9110", "NIST SP 800-38A", "SOLAS 1974"). It is
//! stricter than [`DocId::parse`]: publishers must be written as usual, a number must follow, and
//! committees ("ISO/TC 22", "ISO/IEC JTC 1/SC 27"), "ISO standards", "IEEE members", bare years
//! and ICS codes are not identifiers.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

mod cursor;
mod grammar;
mod head;
mod keys;
mod normalize;
mod supplements;

use cursor::{Cursor, Mode};
use grammar::Body;
use head::Head;
use normalize::{cut_title, normalize, Offsets};

/// A parsed standard identifier.
///
/// All fields are normalised: publishers are upper-case canonical abbreviations, the number and
/// part are lower-case. Two spellings of the same document give equal [`DocId::document_key`]s,
/// not necessarily equal `DocId`s (the raw text, year and draft stage differ).
///
/// ```
/// use nwip_corpus::docid::DocId;
///
/// let id = DocId::parse("ISO/IEC 27001:2013/Cor 1:2014").unwrap();
/// assert_eq!(id.publishers, ["ISO", "IEC"]);
/// assert_eq!(id.number, "27001");
/// assert_eq!(id.year, Some(2013));
/// assert_eq!(id.supplements[0].kind, "cor");
/// assert_eq!(id.supplements[0].year, Some(2014));
/// assert_eq!(id.document_key(), "iso 27001/cor1");
/// assert_eq!(id.family_key(), "iso 27001");
///
/// let spec = DocId::parse("3GPP TS 23.501:REL-19/19.5.0").unwrap();
/// assert_eq!(spec.document_key(), "3gpp ts 23.501");
/// assert_eq!((spec.version.as_deref(), spec.release.as_deref()), (Some("19.5.0"), Some("Rel-19")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocId {
    /// The identifier as given (trimmed), or as found in free text.
    pub raw: String,
    /// Publishers in order, upper-case: `["ISO", "IEC"]`, `["ITU-T"]`, `["EN", "ISO"]`,
    /// `["GOST R", "ISO"]`, `["NBS"]`, `["CGPM"]`; French "CEI" becomes "IEC", "CCITT" "ITU-T".
    pub publishers: Vec<String>,
    /// Deliverable type: "TS", "TR", "PAS", "Guide", "IWA", "DIR", "TTA", "ISP", "Data", "R";
    /// ETSI "EN", "ES", "TS"...; 3GPP "TS", "TR"; IETF "RFC", "BCP", "STD", "FYI"; NIST "SP",
    /// "FIPS", "IR"...; OIML "R", "D", "B"...; BIPM "RES", "REC", "DECN", "ACT", "Meeting"; Codex
    /// "CXS", "CXG", "CXC", "CXA", "CXM"; IMO the treaty ("SOLAS", "SOLAS PROT") or "Resolution";
    /// None for a plain standard.
    pub deliverable: Option<String>,
    /// The stage marker of ongoing work, from the publisher's stage vocabulary: "NP", "PWI",
    /// "AWI", "WD", "CD", "DIS", "FDIS", "PRF", "DTS", "CDV", "DAM", IEEE "P" (project), W3C
    /// "WD", "CR"..., 3GPP "draft", "for information", "for approval" (versions 0.x to 2.x), NIST
    /// "ipd", "fpd", CalConnect "CD", "WD"; None for a published document.
    pub draft: Option<String>,
    /// Normalised number, lower-case: "9001", "x.509", "802.11", "300 328", "23.501", "800-53",
    /// "a 1148" (JIS division and number), "1 (1927)" (a BIPM resolution and its meeting year).
    pub number: String,
    /// Part, lower-case, sub-parts joined by "-": "1", "2-26", "a01", NIST volumes "v1".
    pub part: Option<String>,
    /// Edition year: ":2015", IEEE "-2008", ITU "(10/2019)", ETSI "(2019-11)", GOST "-93", NIST
    /// "e2011", Codex "-1985", a BIPM meeting's year.
    pub year: Option<u16>,
    /// Version or revision: ETSI "2.2.2", 3GPP "19.5.0", IEEE draft "D3.0", ITU-R revision "6",
    /// NIST revision "5" (of `r5`, or FIPS `140-3`), IALA and IHO editions, W3C date.
    pub version: Option<String>,
    /// 3GPP release, one spelling per release: "Rel-19", "Rel-99" (of "R99" and "REL-99"),
    /// "Rel-2000", "Ph2", "UMTS".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<String>,
    /// Amendments, corrigenda and other supplements, in order.
    pub supplements: Vec<Supplement>,
}

/// A supplement to a document: amendment, corrigendum, addendum, supplement, erratum, annex.
///
/// ```
/// use nwip_corpus::docid::DocId;
///
/// let id = DocId::parse("IEC 60335-1:2010+A1:2013").unwrap();
/// let amd = &id.supplements[0];
/// assert_eq!((amd.kind.as_str(), amd.number.as_deref(), amd.year), ("amd", Some("1"), Some(2013)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supplement {
    /// Kind, lower-case: "amd", "cor", "add", "suppl", "err", "annex", "app", "att", "frag", NIST
    /// "upd", JIS "symbol".
    pub kind: String,
    /// Number, lower-case ("1", "a", "ii"); None when unnumbered.
    pub number: Option<String>,
    /// Publication year of the supplement.
    pub year: Option<u16>,
}

/// Longest text [`DocId::parse`] accepts as an identifier.
const MAX_ID_LEN: usize = 300;

/// Longest identifier [`extract_identifiers`] looks for, in bytes.
const TEXT_WINDOW: usize = 256;

impl DocId {
    /// Parses an identifier; returns None when the text is not an identifier at all.
    ///
    /// Parsing is lenient about what follows the identifier (language suffixes "(E)", format
    /// markers "RLV", titles after " - ") and case-insensitive, so that every key produced by
    /// [`DocId::document_key`] parses back to the same key.
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// let id = DocId::parse("ETSI EN 300 328 V2.2.2 (2019-11)").unwrap();
    /// assert_eq!(id.deliverable.as_deref(), Some("EN"));
    /// assert_eq!(id.number, "300 328");
    /// assert_eq!(id.version.as_deref(), Some("2.2.2"));
    /// assert_eq!(id.year, Some(2019));
    /// assert_eq!(id.document_key(), "etsi en 300 328");
    ///
    /// let draft = DocId::parse("IEEE P802.11be/D3.0").unwrap();
    /// assert!(draft.is_draft());
    /// assert_eq!(draft.document_key(), "ieee 802.11be");
    ///
    /// let nist = DocId::parse("NIST SP 800-53r5").unwrap();
    /// assert_eq!((nist.document_key().as_str(), nist.version.as_deref()), ("nist sp 800-53", Some("5")));
    ///
    /// assert!(DocId::parse("ISO standards").is_none());
    /// ```
    pub fn parse(raw: &str) -> Option<DocId> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > MAX_ID_LEN {
            return None;
        }
        let norm = normalize(raw, Offsets::Drop);
        let text = cut_title(&norm.text);
        let mut cursor = Cursor::new(text.as_bytes(), 0, Mode::Catalogue);
        let (mut id, _) = read_identifier(&mut cursor, true)?;
        id.raw = raw.to_string();
        Some(id)
    }

    /// Returns the document key: the same for every edition and spelling of one document.
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// let key = |s: &str| DocId::parse(s).unwrap().document_key();
    /// assert_eq!(key("ISO/FDIS 17895"), "iso 17895");
    /// assert_eq!(key("ISO 17895:2024"), "iso 17895");
    /// assert_eq!(key("ISO/CEI 27001"), key("ISO/IEC FDIS 27001"));
    /// assert_eq!(key("ISO 9001:2015/Amd 1:2024"), "iso 9001/amd1");
    /// assert_eq!(key("ITU-T Rec. X.509 (10/2019)"), "itu-t x.509");
    /// assert_eq!(key("IEEE Std 802.11™-2020"), "ieee 802.11");
    /// assert_eq!(key("RFC 9110"), "ietf rfc 9110");
    /// assert_eq!(key("CXS 1-1985"), "codex cxs 1");
    /// ```
    pub fn document_key(&self) -> String {
        self.key(true)
    }

    /// Returns the family key: the document key without part and supplements.
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// let id = DocId::parse("IEC 60335-2-26:2019/AMD1:2022").unwrap();
    /// assert_eq!(id.document_key(), "iec 60335-2-26/amd1");
    /// assert_eq!(id.family_key(), "iec 60335");
    /// ```
    pub fn family_key(&self) -> String {
        self.key(false)
    }

    /// Returns the key of the document this one adopts or transposes, or None when it is not an
    /// adoption.
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// let adopted = |s: &str| DocId::parse(s).unwrap().adopted_key();
    /// assert_eq!(adopted("NF EN ISO 9001:2015").as_deref(), Some("iso 9001"));
    /// assert_eq!(adopted("BS EN 60335-1:2012").as_deref(), Some("iec 60335-1"));
    /// assert_eq!(adopted("IEEE Std 8802-3").as_deref(), Some("iso 8802-3"));
    /// assert_eq!(adopted("ETSI TS 123 501 V15.2.0").as_deref(), Some("3gpp ts 23.501"));
    /// assert_eq!(adopted("ISO 9001:2015"), None);
    /// ```
    pub fn adopted_key(&self) -> Option<String> {
        self.adoption()
    }

    /// Tells whether the identifier names work in progress (a stage prefix, an IEEE project, a W3C
    /// draft, a 3GPP version below 3.0.0, a NIST public draft).
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// assert!(DocId::parse("ISO/DIS 17895").unwrap().is_draft());
    /// assert!(DocId::parse("ISO 10062:2022/DAM 1").unwrap().is_draft());
    /// assert!(DocId::parse("3GPP TS 23.501:REL-15/1.0.0").unwrap().is_draft());
    /// assert!(!DocId::parse("ISO 17895:2005").unwrap().is_draft());
    /// ```
    pub fn is_draft(&self) -> bool {
        self.draft.is_some()
    }

    /// Whether this is an entry of a project rather than a dated edition: a draft, or an
    /// identifier without a year (IALA's language versions `IALA R0201 Ed 3.1 (F)`, a standard
    /// under its bare number). Leaving a record out of a check leaves out such entries of its
    /// document too; its other dated editions stay, as what a revision revises.
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    /// assert!(DocId::parse("ISO/DIS 7752-2.2").unwrap().is_project_entry());
    /// assert!(DocId::parse("IALA R0201 Ed 3.1 (F)").unwrap().is_project_entry());
    /// assert!(!DocId::parse("ISO 7752-2:2011").unwrap().is_project_entry());
    /// ```
    pub fn is_project_entry(&self) -> bool {
        self.is_draft() || self.year.is_none()
    }

    /// Joins what the head and the grammar read.
    fn from_parts(head: Head, body: Body) -> DocId {
        let mut id = DocId {
            raw: String::new(),
            publishers: head.publishers,
            deliverable: body.deliverable.or(head.deliverable),
            draft: body.draft.or(head.draft),
            number: body.number,
            part: body.part,
            year: body.year,
            version: body.version,
            release: body.release,
            supplements: body.supplements,
        };
        keys::finalize(&mut id);
        id
    }
}

/// Reads one identifier at the cursor: a document an organisation names without a publisher
/// (`SOLAS 1974`), or a head and its grammar's body. Returns the identifier and the positions of
/// twin numbers. On failure the cursor may have moved; the caller decides where to go on.
fn read_identifier(cursor: &mut Cursor, bare_itu_ok: bool) -> Option<(DocId, Vec<usize>)> {
    let start = cursor.checkpoint();
    if let Some(publisher) = head::named_document_at(cursor) {
        let head = Head {
            publishers: vec![publisher.name.to_string()],
            deliverable: None,
            draft: None,
            grammar: publisher.grammar,
        };
        if let Some(body) = grammar::read_body(cursor, &head) {
            let twins = body.twins.clone();
            return Some((DocId::from_parts(head, body), twins));
        }
        cursor.restore(start);
    }
    let head = head::read_head(cursor, bare_itu_ok)?;
    let after_head = cursor.checkpoint();
    let body = match grammar::read_body(cursor, &head) {
        Some(body) => body,
        None => {
            if cursor.prose() {
                return None;
            }
            // "IEC White Paper AI:2018", "ISO/IEC VIM:1993": words before an edition year
            cursor.restore(after_head);
            grammar::words_with_year(cursor)?
        }
    };
    let twins = body.twins.clone();
    Some((DocId::from_parts(head, body), twins))
}

/// Returns the document key of an identifier, or a normalised fallback when it does not parse.
///
/// The fallback is the text lower-cased with whitespace collapsed and an edition suffix
/// (":2015", "(E)", "-2015") stripped; it is never empty for non-empty input.
///
/// ```
/// use nwip_corpus::docid::document_key;
///
/// assert_eq!(document_key("ISO 9001:2015"), "iso 9001");
/// assert_eq!(document_key("ISO/DIS 9001"), "iso 9001");
/// assert_eq!(document_key("EN ISO 13849-1:2015"), "en iso 13849-1");
/// assert_eq!(document_key("ГОСТ 12.0.004-2015"), "gost 12.0.004");
/// assert_eq!(document_key("NIST SP 800-53Ar4"), "nist sp 800-53a");
/// assert_eq!(document_key("Some  Internal Spec:2020"), "some internal spec");
/// // keys are stable: a key is its own key
/// assert_eq!(document_key("iso 9001"), "iso 9001");
/// ```
pub fn document_key(raw: &str) -> String {
    match DocId::parse(raw) {
        Some(d) => d.document_key(),
        None => keys::fallback_key(raw),
    }
}

/// Tells whether an identifier names a format variant of an edition (IEC's redline `RLV`,
/// commented `CMV` and consolidated `CSV` versions, IEEE's `Redline`...): the same document and
/// edition as the identifier without the marker.
///
/// ```
/// use nwip_corpus::docid::is_format_variant;
///
/// assert!(is_format_variant("IEC 60332-1-2:2025 CMV"));
/// assert!(is_format_variant("IEC 60335-2-101:2024 EXV-CMV"));
/// assert!(!is_format_variant("IEC 60332-1-2:2025"));
/// assert!(!is_format_variant("OIML R 76-1:2006 (E)"));
/// ```
pub fn is_format_variant(raw: &str) -> bool {
    edition_of_format_variant(raw).is_some()
}

/// Returns the edition an identifier is a format variant of (the identifier without its
/// marker), or `None` when it is no format variant ([`is_format_variant`]).
///
/// ```
/// use nwip_corpus::docid::edition_of_format_variant;
///
/// assert_eq!(edition_of_format_variant("IEEE Std 802.15.3-2023 Redline"), Some("IEEE Std 802.15.3-2023"));
/// assert_eq!(edition_of_format_variant("IEC 60332-1-2:2025"), None);
/// ```
pub fn edition_of_format_variant(raw: &str) -> Option<&str> {
    let (edition, last) = raw.trim_end().rsplit_once(char::is_whitespace)?;
    supplements::FORMAT_MARKERS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(last))
        .then(|| edition.trim_end())
}

/// Returns the family key of an identifier (document key without part and supplements), or the
/// normalised fallback of [`document_key`] when it does not parse.
///
/// ```
/// use nwip_corpus::docid::family_key;
///
/// assert_eq!(family_key("ISO 9001-2:2020"), "iso 9001");
/// assert_eq!(family_key("IEC 60335-1:2010+A1:2013"), "iec 60335");
/// ```
pub fn family_key(raw: &str) -> String {
    match DocId::parse(raw) {
        Some(d) => d.family_key(),
        None => keys::fallback_key(raw),
    }
}

/// Finds the identifiers mentioned in free text, in order of first mention, deduplicated by
/// document key.
///
/// Publishers must be written as usual and followed by a number; committees, bare years, ICS
/// codes and prose such as "ISO standards" are not reported. For an ITU twin number ("ITU-T
/// F.400/X.400") both Recommendations are reported.
///
/// ```
/// use nwip_corpus::docid::extract_identifiers;
///
/// let text = "This revision of ISO/IEC 27001:2013 aligns with ISO 3166-1 and ISO 639; \
///             see also ITU-T Rec. X.509, IEEE Std 802.11-2020 and RFC 9110. ISO/TC 22 in 2019.";
/// let keys: Vec<String> = extract_identifiers(text).iter().map(|d| d.document_key()).collect();
/// assert_eq!(
///     keys,
///     ["iso 27001", "iso 3166-1", "iso 639", "itu-t x.509", "ieee 802.11", "ietf rfc 9110"]
/// );
/// ```
pub fn extract_identifiers(text: &str) -> Vec<DocId> {
    let norm = normalize(text, Offsets::Keep);
    let s = norm.text.as_bytes();
    let mut out: Vec<DocId> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |mut d: DocId, a: usize, b: usize, out: &mut Vec<DocId>| {
        d.raw = norm.source_slice(text, a, b).to_string();
        if seen.insert(d.document_key()) {
            out.push(d);
        }
    };
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let boundary = i == 0 || !cursor::is_word(s[i - 1]);
        if boundary && (c.is_ascii_uppercase() || c == b'3') {
            let bare_ok = head::bare_itu_context(s, i);
            // an identifier is short: bounding the window keeps the scan linear
            let window = &s[..s.len().min(i + TEXT_WINDOW)];
            let mut cursor = Cursor::new(window, i, Mode::Prose);
            if let Some((id, twins)) = read_identifier(&mut cursor, bare_ok) {
                let end = cursor.pos;
                let publishers = id.publishers.clone();
                push(id, i, end, &mut out);
                for twin in twins {
                    if let Some((twin_id, twin_end)) = read_twin(window, twin, &publishers) {
                        push(twin_id, twin, twin_end, &mut out);
                    }
                }
                i = end.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    out
}

/// The ITU twin number at `k` (`X.400` of `F.400/X.400`) and its end.
fn read_twin(window: &[u8], k: usize, publishers: &[String]) -> Option<(DocId, usize)> {
    let head = Head {
        publishers: publishers.to_vec(),
        deliverable: None,
        draft: None,
        grammar: crate::registry::Grammar::Itu,
    };
    let mut cursor = Cursor::new(window, k, Mode::Prose);
    let body = grammar::itu::read(&mut cursor, &head).filter(|body| !body.number.is_empty())?;
    let end = cursor.pos;
    Some((DocId::from_parts(head, body), end))
}

/// Helpers for the case tables of every grammar.
#[cfg(test)]
mod test_support {
    use super::{extract_identifiers, DocId};

    /// Checks that each identifier parses to its document key; lists every mismatch.
    pub(super) fn check(cases: &[(&str, &str)]) {
        let mut bad = Vec::new();
        for (raw, want) in cases {
            let got = DocId::parse(raw).map(|d| d.document_key());
            if got.as_deref() != Some(*want) {
                bad.push(format!("{raw:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
    }

    /// The family key of an identifier that must parse.
    pub(super) fn family(s: &str) -> String {
        DocId::parse(s).map(|d| d.family_key()).unwrap_or_else(|| panic!("no parse: {s}"))
    }

    /// The adopted key of an identifier, if it parses and is an adoption.
    pub(super) fn adopted(s: &str) -> Option<String> {
        DocId::parse(s).and_then(|d| d.adopted_key())
    }

    /// The keys of the identifiers found in prose.
    pub(super) fn prose_keys(text: &str) -> Vec<String> {
        extract_identifiers(text).iter().map(DocId::document_key).collect()
    }
}

#[cfg(test)]
mod tests;
