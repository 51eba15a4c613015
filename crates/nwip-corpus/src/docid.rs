//! Standard identifiers: parsing, normalisation and the edition-independent document key.
//!
//! This module owns everything nwip knows about how standards are *named*. It turns the many
//! spellings of an identifier found in catalogues, relation targets and free text ("ISO/IEC
//! 27001:2013/Cor 1:2014", "ISO/CEI 27001", "IEEE Std 802.11™-2020", "ITU-T X.509 (10/2019)",
//! "ETSI EN 300 328 V2.2.2 (2019-11)", "ГОСТ Р ИСО 9001-2015", ...) into a structured [`DocId`] and
//! into short lower-case keys that compare equal whenever two spellings name the same document.
//! It depends only on `std` and `serde`, never panics, and parses an identifier in a few
//! microseconds with a hand-written scanner (no regular expressions, no backtracking).
//!
//! # Keys
//!
//! - The **document key** ([`DocId::document_key`], [`document_key`]) has the form
//!   `"<namespace> <deliverable?> <number>[-<part>][/<supplement kind><n>]..."`, lower-case with
//!   single spaces: `"iso 9001"`, `"iso guide 51"`, `"iec 60335-1/amd1"`, `"itu-t x.509"`,
//!   `"ieee 802.11be"`, `"etsi en 300 328"`, `"en iso 13849-1"`, `"gost 12.0.004"`.
//! - Edition, year, version, draft stage, language suffix and spelling never change the key:
//!   "ISO/DIS 17895", "ISO/FDIS 17895", "ISO 17895:2005", "ISO 17895:2024" and "ISO 17895" are all
//!   `"iso 17895"`; "ISO/IEC 27001:2022", "ISO/CEI 27001" and "ISO/IEC FDIS 27001" are all
//!   `"iso 27001"`; "IEEE P802.11be/D3.0" is `"ieee 802.11be"` (draft `P`, version `D3.0`).
//! - The **family key** ([`DocId::family_key`], [`family_key`]) is the document key without part
//!   and supplements: every part and amendment of IEC 60335 is in family `"iec 60335"`.
//! - The **adopted key** ([`DocId::adopted_key`]) of a regional or national adoption is the key
//!   of the international document: "NF EN ISO 9001" gives `"iso 9001"`, "BS EN 60335-1" gives
//!   `"iec 60335-1"` (EN 6xxxx are IEC numbers, EN 550xx are CISPR), "IEEE Std 8802-3" gives
//!   `"iso 8802-3"`, "ГОСТ ISO 9001-2011" gives `"iso 9001"`.
//!
//! # Namespaces
//!
//! The namespace is the SDO that owns the number space:
//! - ISO, ISO/IEC, ISO/IEC/IEEE, ISO/ASTM, ISO/TS, ISO/TR, ISO/PAS and IWA share ISO's numbers:
//!   `"iso"`. IEC, IEC/TS, IEC/TR, IEC/PAS, IEC/IEEE, IEC/ISO: `"iec"`; old IEC numbers below
//!   60000 are renumbered ("IEC 828" is `"iec 60828"`); CISPR: `"cispr"`; French "CEI" is IEC.
//! - TS, TR, PAS, IS and SRD do not enter ISO/IEC keys (ISO/TS 19139 and ISO 19139 are one family
//!   that changed deliverable), but deliverables with their own number space do: Guide, IWA, DIR,
//!   ISP, TTA, Data and R ("ISO/R 123" is `"iso r 123"`).
//! - ITU: `"itu-t x.509"` ("ITU-T Rec. X.509", "Recommendation ITU-T X.509", "CCITT X.509" and the
//!   bare "X.509 (10/2019)" of relation targets); ITU-R `"itu-r bt.709"` (the "-6" revision is the
//!   version). For a twin number "F.400/X.400" the first is the identifier;
//!   [`extract_identifiers`] reports both.
//! - IEEE (also AIEE, "ANSI/IEEE"): `"ieee c57.12.00"`; IEEE's dotted and dashed spellings are
//!   unified ("IEEE Std 11073-10101" is `"ieee 11073.10101"`), a trailing "-2008" is the year,
//!   the project prefix P is the draft stage and "/D3.0" the version. IEC and ISO documents
//!   written IEEE-style ("IEC 60076.21-2011") are read as `"iec 60076-21"`.
//! - ETSI keeps the deliverable: `"etsi en 300 328"`, `"etsi gr arf 001"`; 3GPP likewise.
//! - W3C `"w3c css-backgrounds-3"` (maturity prefix and date dropped), OIML `"oiml r 76-1"`,
//!   CCSDS `"ccsds 100.0"` (book colour and issue dropped), Ecma `"ecma 262"` / `"ecma tr 101"`,
//!   OASIS `"oasis csaf"`, OGC `"ogc 12-128"` (revision `r12` dropped), IALA `"iala g1143"`,
//!   IHO `"iho s-100"`, IETF `"ietf rfc 2616"`.
//! - EASC/GOST: Cyrillic is transliterated ("ГОСТ" is `GOST`, "ИСО" is ISO, "МЭК" is IEC, "ПМГ"
//!   is `PMG`), "-2015" and "-93" are years: `"gost 12.0.004"`, `"gost r 52633.5"`, `"pmg 02"`.
//! - Regional and national adoptions keep the adopter in front: `"en iso 9001"`,
//!   `"bs en 60335-1"`, `"gost r iso 9001"`; CEN, CENELEC and CLC share EN's namespace.
//!
//! # Supplements
//!
//! "/Amd 1:2020", "/AMD1:2020", "+A1:2017", "Amendment 1", "Amd. 1", "/DAM 1", "/Cor 2",
//! "Technical Cor. 1", "/Add 1", "/Suppl 1", "Err. 1", "Annex A", "App. I" and ETSI "/A1", "/C1"
//! become [`Supplement`]s (kinds `amd`, `cor`, `add`, `suppl`, `err`, `annex`, `app`, `frag`)
//! and enter the document key in order: "ISO 9001:2015/Amd 1:2024" is `"iso 9001/amd1"`,
//! "IEC 60335-1:2010+A1:2013" is `"iec 60335-1/amd1"`, "ISO/IEC 27001:2013/Cor 1:2014" is
//! `"iso 27001/cor1"`. Format variants (IEC "RLV", "CSV", "CMV", IEEE "Redline") are ignored.
//!
//! # Free text
//!
//! [`extract_identifiers`] finds identifiers mentioned in prose ("see ISO 9001", "revision of
//! ISO/IEC 27001:2013", "ITU-T Rec. X.509", "IEEE Std 802.11-2020", "ISO 3166-1 and ISO 639"). It
//! is deliberately stricter than [`DocId::parse`]: publishers must be written in capitals, a
//! number must follow, and committees ("ISO/TC 22", "ISO/IEC JTC 1/SC 27"), "ISO standards",
//! "IEEE members", bare years and ICS codes are not identifiers.

use serde::{Deserialize, Serialize};
use std::collections::HashSet;

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
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocId {
    /// The identifier as given (trimmed), or as found in free text.
    pub raw: String,
    /// Publishers in order, upper-case: `["ISO", "IEC"]`, `["ITU-T"]`, `["EN", "ISO"]`,
    /// `["GOST R", "ISO"]`; French "CEI" becomes "IEC", "CCITT" becomes "ITU-T".
    pub publishers: Vec<String>,
    /// Deliverable type: "TS", "TR", "PAS", "Guide", "IWA", "DIR", "TTA", "ISP", "Data", "R";
    /// ETSI "EN", "ES", "EG", "TS", "TR", "GS", "GR"...; OIML "R", "D", "B"...; None for a plain
    /// standard.
    pub deliverable: Option<String>,
    /// Draft stage: "NP", "PWI", "AWI", "WD", "CD", "DIS", "FDIS", "PRF", "DTS", "DTR", "DPAS",
    /// "CDV", "DAM", IEEE "P" (project), W3C "WD", "CR"...; None for a published document.
    pub draft: Option<String>,
    /// Normalised number, lower-case: "9001", "x.509", "802.11", "300 328", "c57.12.00".
    pub number: String,
    /// Part, lower-case, sub-parts joined by "-": "1", "2-26", "a01".
    pub part: Option<String>,
    /// Edition year: ":2015", IEEE "-2008", ITU "(10/2019)", ETSI "(2019-11)", GOST "-93".
    pub year: Option<u16>,
    /// Version or draft version: ETSI "2.2.2", IEEE "D3.0", ITU-R revision "6", W3C date.
    pub version: Option<String>,
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
    /// Kind, lower-case: "amd", "cor", "add", "suppl", "err", "annex", "app" or "frag".
    pub kind: String,
    /// Number, lower-case ("1", "a", "ii"); None when unnumbered.
    pub number: Option<String>,
    /// Publication year of the supplement.
    pub year: Option<u16>,
}

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
    /// assert!(DocId::parse("ISO standards").is_none());
    /// ```
    pub fn parse(raw: &str) -> Option<DocId> {
        let raw = raw.trim();
        if raw.is_empty() || raw.len() > MAX_ID_LEN {
            return None;
        }
        let norm = normalize(raw, false);
        let text = cut_title(&norm.text);
        let mut p = Parser::new(text.as_bytes(), 0, false);
        let mut d = p.parse_id(true)?;
        d.raw = raw.to_string();
        Some(d)
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
    /// ```
    pub fn document_key(&self) -> String {
        let c = classify(&self.publishers);
        self.key_in(&c.namespace(), c.base(), true)
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
        let c = classify(&self.publishers);
        self.key_in(&c.namespace(), c.base(), false)
    }

    /// Returns the key of the international document this one adopts, or None when it is not an
    /// adoption.
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// let adopted = |s: &str| DocId::parse(s).unwrap().adopted_key();
    /// assert_eq!(adopted("NF EN ISO 9001:2015").as_deref(), Some("iso 9001"));
    /// assert_eq!(adopted("BS EN 60335-1:2012").as_deref(), Some("iec 60335-1"));
    /// assert_eq!(adopted("IEEE Std 8802-3").as_deref(), Some("iso 8802-3"));
    /// assert_eq!(adopted("ISO 9001:2015"), None);
    /// ```
    pub fn adopted_key(&self) -> Option<String> {
        let c = classify(&self.publishers);
        match c.owner {
            Some(owner) if !c.adopters.is_empty() => Some(self.key_in(owner, owner, true)),
            Some("ieee") => self.ieee_adoption(),
            Some(_) => None,
            None => {
                if !c.adopters.iter().any(|a| a == "en") {
                    return None;
                }
                let n: u32 = digits_value(self.number.as_bytes())?;
                if (60000..=69999).contains(&n) {
                    Some(self.key_in("iec", "iec", true))
                } else if (55000..=55999).contains(&n) {
                    let mut d = self.clone();
                    d.number = (n - 55000).to_string();
                    Some(d.key_in("cispr", "cispr", true))
                } else {
                    None
                }
            }
        }
    }

    /// Tells whether the identifier names a draft (a stage prefix, an IEEE project, a W3C draft).
    ///
    /// ```
    /// use nwip_corpus::docid::DocId;
    ///
    /// assert!(DocId::parse("ISO/DIS 17895").unwrap().is_draft());
    /// assert!(DocId::parse("ISO 10062:2022/DAM 1").unwrap().is_draft());
    /// assert!(!DocId::parse("ISO 17895:2005").unwrap().is_draft());
    /// ```
    pub fn is_draft(&self) -> bool {
        self.draft.is_some()
    }

    fn blank() -> DocId {
        DocId {
            raw: String::new(),
            publishers: Vec::new(),
            deliverable: None,
            draft: None,
            number: String::new(),
            part: None,
            year: None,
            version: None,
            supplements: Vec::new(),
        }
    }

    /// Formats the key in namespace `ns`; `base` is the owner namespace deciding whether the
    /// deliverable enters the key.
    fn key_in(&self, ns: &str, base: &str, full: bool) -> String {
        let mut k = String::with_capacity(ns.len() + self.number.len() + 16);
        k.push_str(ns);
        if let Some(dl) = &self.deliverable {
            if deliverable_in_key(base, dl) {
                k.push(' ');
                push_lower_collapsed(&mut k, dl);
            }
        }
        k.push(' ');
        push_lower_collapsed(&mut k, &self.number);
        if full {
            if let Some(part) = &self.part {
                k.push('-');
                push_lower_collapsed(&mut k, part);
            }
            for s in &self.supplements {
                k.push('/');
                push_lower_collapsed(&mut k, &s.kind);
                if let Some(n) = &s.number {
                    push_lower_collapsed(&mut k, n);
                }
            }
        }
        k
    }

    /// IEEE adoptions of ISO/IEC documents: IEEE 8802-x and IEEE numbers in the ISO/IEC range.
    fn ieee_adoption(&self) -> Option<String> {
        let mut segs = self.number.split('.');
        let first = segs.next()?;
        let n: u32 = digits_value(first.as_bytes())?;
        let owner = if n == 8802 || ((10000..60000).contains(&n) && n != 11073) {
            "iso"
        } else if (60000..70000).contains(&n) || (80000..90000).contains(&n) {
            "iec"
        } else {
            return None;
        };
        let rest: Vec<&str> = segs.collect();
        let mut d = self.clone();
        d.number = first.to_string();
        d.deliverable = None;
        if !rest.is_empty() {
            d.part = Some(rest.join("-"));
        }
        Some(d.key_in(owner, owner, true))
    }
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
/// assert_eq!(document_key("Some  Internal Spec:2020"), "some internal spec");
/// // keys are stable: a key is its own key
/// assert_eq!(document_key("iso 9001"), "iso 9001");
/// ```
pub fn document_key(raw: &str) -> String {
    match DocId::parse(raw) {
        Some(d) => d.document_key(),
        None => fallback_key(raw),
    }
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
        None => fallback_key(raw),
    }
}

/// Finds the identifiers mentioned in free text, in order of first mention, deduplicated by
/// document key.
///
/// Publishers must be written in capitals and followed by a number; committees, bare years,
/// ICS codes and prose such as "ISO standards" are not reported. For an ITU twin number
/// ("ITU-T F.400/X.400") both Recommendations are reported.
///
/// ```
/// use nwip_corpus::docid::extract_identifiers;
///
/// let text = "This revision of ISO/IEC 27001:2013 aligns with ISO 3166-1 and ISO 639; \
///             see also ITU-T Rec. X.509 and IEEE Std 802.11-2020. ISO/TC 22 in 2019.";
/// let keys: Vec<String> = extract_identifiers(text).iter().map(|d| d.document_key()).collect();
/// assert_eq!(keys, ["iso 27001", "iso 3166-1", "iso 639", "itu-t x.509", "ieee 802.11"]);
/// ```
pub fn extract_identifiers(text: &str) -> Vec<DocId> {
    let norm = normalize(text, true);
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
        let boundary = i == 0 || !is_word(s[i - 1]);
        if boundary && (c.is_ascii_uppercase() || c == b'3') {
            let bare_ok = bare_itu_context(s, i);
            // an identifier is short: bounding the window keeps the scan linear
            let window = &s[..s.len().min(i + TEXT_WINDOW)];
            let mut p = Parser::new(window, i, true);
            if let Some(d) = p.parse_id(bare_ok) {
                let end = p.i;
                let twins = std::mem::take(&mut p.twins);
                let pubs = d.publishers.clone();
                push(d, i, end, &mut out);
                for t in twins {
                    let mut q = Parser::new(window, t, true);
                    let mut twin = DocId::blank();
                    twin.publishers = pubs.clone();
                    if q.fam_itu(&mut twin) && !twin.number.is_empty() {
                        push(twin, t, q.i, &mut out);
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

// ---------------------------------------------------------------------------------------------
// Limits, small helpers
// ---------------------------------------------------------------------------------------------

/// Longest text [`DocId::parse`] accepts as an identifier.
const MAX_ID_LEN: usize = 300;

/// Most publishers in one identifier ("NF EN ISO/IEC/IEEE" has five).
const MAX_PUBLISHERS: usize = 6;

/// Longest identifier [`extract_identifiers`] looks for, in bytes.
const TEXT_WINDOW: usize = 256;

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn plausible_year(n: u32) -> bool {
    (1800..=2100).contains(&n)
}

/// Value of an all-digit byte string of at most 9 digits.
fn digits_value(t: &[u8]) -> Option<u32> {
    if t.is_empty() || t.len() > 9 || !t.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(t.iter().fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0')))
}

fn two_digit_year(n: u32) -> u16 {
    if n >= 30 {
        1900 + n as u16
    } else {
        2000 + n as u16
    }
}

fn push_lower_collapsed(k: &mut String, s: &str) {
    let mut space = false;
    for ch in s.trim().chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            k.push(' ');
            space = false;
        }
        for l in ch.to_lowercase() {
            k.push(l);
        }
    }
}

fn upper(t: &[u8]) -> String {
    String::from_utf8_lossy(t).to_ascii_uppercase()
}

fn lower(t: &[u8]) -> String {
    String::from_utf8_lossy(t).to_ascii_lowercase()
}

fn eq_ci(t: &[u8], w: &str) -> bool {
    t.eq_ignore_ascii_case(w.as_bytes())
}

/// Cuts a trailing title or note introduced by " - " ("CCSDS 650.0-B-1 - French Translated").
fn cut_title(s: &str) -> &str {
    match s.find(" - ") {
        Some(k) if k > 0 => &s[..k],
        _ => s,
    }
}

fn fallback_key(raw: &str) -> String {
    let norm = normalize(raw, false);
    let mut t = norm.text.to_lowercase();
    if let Some(k) = t.find([':', '(']) {
        if !t[..k].trim().is_empty() {
            t.truncate(k);
        }
    }
    let trimmed = t.trim_end();
    let bytes = trimmed.as_bytes();
    let mut end = trimmed.len();
    if bytes.len() > 5 && bytes[bytes.len() - 5] == b'-' {
        if let Some(y) = digits_value(&bytes[bytes.len() - 4..]) {
            if plausible_year(y) {
                end = bytes.len() - 5;
            }
        }
    }
    let key = trimmed[..end].trim().to_string();
    if !key.is_empty() {
        key
    } else if !norm.text.is_empty() {
        norm.text.to_lowercase()
    } else {
        raw.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// Normalisation of the text before scanning
// ---------------------------------------------------------------------------------------------

/// Text prepared for scanning: mostly ASCII, single spaces, Cyrillic transliterated; with the
/// source byte range of each byte when built for free text.
struct Normalized {
    text: String,
    start: Vec<u32>,
    end: Vec<u32>,
}

impl Normalized {
    /// The source text behind normalised bytes `a..b`.
    fn source_slice<'t>(&self, src: &'t str, a: usize, b: usize) -> &'t str {
        if a >= b || b > self.end.len() || a >= self.start.len() {
            return "";
        }
        let (sa, sb) = (self.start[a] as usize, self.end[b - 1] as usize);
        src.get(sa..sb).map(str::trim).unwrap_or("")
    }
}

fn translit(c: char) -> Option<&'static str> {
    Some(match c {
        'А' | 'а' => "A",
        'Б' | 'б' => "B",
        'В' | 'в' => "V",
        'Г' | 'г' | 'Ґ' | 'ґ' => "G",
        'Д' | 'д' => "D",
        'Е' | 'е' | 'Ё' | 'ё' | 'Э' | 'э' => "E",
        'Ж' | 'ж' => "ZH",
        'З' | 'з' => "Z",
        'И' | 'и' | 'І' | 'і' => "I",
        'Й' | 'й' => "Y",
        'К' | 'к' => "K",
        'Л' | 'л' => "L",
        'М' | 'м' => "M",
        'Н' | 'н' => "N",
        'О' | 'о' => "O",
        'П' | 'п' => "P",
        'Р' | 'р' => "R",
        'С' | 'с' => "S",
        'Т' | 'т' => "T",
        'У' | 'у' | 'Ў' | 'ў' => "U",
        'Ф' | 'ф' => "F",
        'Х' | 'х' => "KH",
        'Ц' | 'ц' => "TS",
        'Ч' | 'ч' => "CH",
        'Ш' | 'ш' => "SH",
        'Щ' | 'щ' => "SHCH",
        'Ъ' | 'ъ' | 'Ь' | 'ь' => "",
        'Ы' | 'ы' => "Y",
        'Ю' | 'ю' => "YU",
        'Я' | 'я' => "YA",
        'Є' | 'є' => "YE",
        'Ї' | 'ї' => "YI",
        _ => return None,
    })
}

const ENTITIES: &[(&str, &str)] = &[
    ("&#x2F;", "/"),
    ("&#x2f;", "/"),
    ("&#47;", "/"),
    ("&sol;", "/"),
    ("&nbsp;", " "),
    ("&#160;", " "),
    ("&#xA0;", " "),
    ("&amp;", "&"),
];

fn normalize(src: &str, keep_map: bool) -> Normalized {
    let mut text = String::with_capacity(src.len() + 8);
    let mut start = Vec::new();
    let mut end = Vec::new();
    let mut iter = src.char_indices();
    let mut buf = [0u8; 4];
    while let Some((o, c)) = iter.next() {
        let mut clen = c.len_utf8();
        let mut lower_case = false;
        let rep: &str = match c {
            '&' => match ENTITIES.iter().find(|(e, _)| src[o..].starts_with(e)) {
                Some((e, r)) => {
                    for _ in 1..e.len() {
                        iter.next();
                    }
                    clen = e.len();
                    r
                }
                None => "&",
            },
            '™' | '®' | '©' | '\u{200B}' | '\u{00AD}' | '\u{FEFF}' | '\u{2060}' => "",
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => "-",
            '\u{2044}' | '\u{2215}' | '\u{FF0F}' => "/",
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' => "'",
            '\u{FF1A}' => ":",
            c if c.is_whitespace() => " ",
            c => match translit(c) {
                Some(t) => {
                    lower_case = c.is_lowercase();
                    t
                }
                None => c.encode_utf8(&mut buf),
            },
        };
        for &b in rep.as_bytes() {
            if b == b' ' && (text.is_empty() || text.ends_with(' ')) {
                continue;
            }
            let b = if lower_case { b.to_ascii_lowercase() } else { b };
            // `rep` is valid UTF-8 and ASCII bytes are pushed one by one only when ASCII.
            if b < 0x80 {
                text.push(b as char);
                if keep_map {
                    start.push(o as u32);
                    end.push((o + clen) as u32);
                }
            }
        }
        if !rep.is_ascii() {
            text.push_str(rep);
            if keep_map {
                for _ in 0..rep.len() {
                    start.push(o as u32);
                    end.push((o + clen) as u32);
                }
            }
        }
    }
    if text.ends_with(' ') {
        text.pop();
        if keep_map {
            start.pop();
            end.pop();
        }
    }
    Normalized { text, start, end }
}

// ---------------------------------------------------------------------------------------------
// Publishers and their namespaces
// ---------------------------------------------------------------------------------------------

/// Publisher spellings: (spelling, canonical name, accepted in free text).
const PUBLISHERS: &[(&str, &str, bool)] = &[
    ("ISO", "ISO", true),
    ("IEC", "IEC", true),
    ("CEI", "IEC", true),
    ("CISPR", "CISPR", true),
    ("IEEE", "IEEE", true),
    ("IEEEE", "IEEE", false),
    ("EEE", "IEEE", false),
    ("AIEE", "AIEE", true),
    ("IRE", "IRE", false),
    ("CCITT", "ITU-T", true),
    ("CCIR", "ITU-R", true),
    ("ETSI", "ETSI", true),
    ("3GPP", "3GPP", true),
    ("W3C", "W3C", true),
    ("OIML", "OIML", true),
    ("CCSDS", "CCSDS", true),
    ("ECMA", "ECMA", true),
    ("Ecma", "ECMA", true),
    ("OASIS", "OASIS", false),
    ("OGC", "OGC", true),
    ("IALA", "IALA", true),
    ("IHO", "IHO", true),
    ("IETF", "IETF", true),
    ("IWA", "IWA", true),
    ("RFC", "RFC", true),
    // regional and national
    ("EN", "EN", true),
    ("CEN", "CEN", true),
    ("CENELEC", "CENELEC", true),
    ("CLC", "CLC", true),
    ("BS", "BS", true),
    ("DIN", "DIN", true),
    ("NF", "NF", true),
    ("UNE", "UNE", true),
    ("UNI", "UNI", false),
    ("NEN", "NEN", true),
    ("SN", "SN", false),
    ("OENORM", "OENORM", true),
    ("ONORM", "OENORM", false),
    ("CSN", "CSN", false),
    ("PN", "PN", false),
    ("SS", "SS", false),
    ("DS", "DS", false),
    ("SFS", "SFS", false),
    ("NS", "NS", false),
    ("SANS", "SANS", true),
    ("AS", "AS", false),
    ("NZS", "NZS", false),
    ("CSA", "CSA", true),
    ("CAN", "CAN", false),
    ("GB", "GB", false),
    ("JIS", "JIS", true),
    ("KS", "KS", false),
    ("ABNT", "ABNT", false),
    ("NBR", "NBR", false),
    ("IRAM", "IRAM", false),
    ("NBN", "NBN", false),
    ("ELOT", "ELOT", false),
    ("SIST", "SIST", false),
    ("STN", "STN", false),
    ("GOST", "GOST", true),
    ("PMG", "PMG", true),
    ("RMG", "RMG", true),
    ("STB", "STB", true),
    ("DSTU", "DSTU", true),
    ("ANSI", "ANSI", true),
    ("ASA", "ANSI", false),
    // co-publishers
    ("ASTM", "ASTM", false),
    ("ASME", "ASME", false),
    ("SAE", "SAE", false),
    ("CIE", "CIE", false),
    ("HL7", "HL7", false),
    ("OECD", "OECD", false),
    ("UNDP", "UNDP", false),
    ("IDF", "IDF", false),
    ("ASHRAE", "ASHRAE", false),
    ("USEMCSC", "USEMCSC", false),
    ("NEMA", "NEMA", false),
    ("API", "API", false),
    ("NFPA", "NFPA", false),
    ("ASQ", "ASQ", false),
    ("ANS", "ANS", false),
    ("NACE", "NACE", false),
    ("AMPP", "AMPP", false),
];

/// Namespace of an international owner of a number space.
fn intl_ns(p: &str) -> Option<&'static str> {
    Some(match p {
        "ISO" => "iso",
        "IEC" => "iec",
        "CISPR" => "cispr",
        "ITU-T" | "ITU" => "itu-t",
        "ITU-R" => "itu-r",
        "IEEE" | "AIEE" => "ieee",
        "IRE" => "ire",
        "ETSI" => "etsi",
        "3GPP" => "3gpp",
        "W3C" => "w3c",
        "OIML" => "oiml",
        "CCSDS" => "ccsds",
        "ECMA" => "ecma",
        "OASIS" => "oasis",
        "OGC" => "ogc",
        "IALA" => "iala",
        "IHO" => "iho",
        "IETF" => "ietf",
        _ => return None,
    })
}

/// Whether a canonical publisher is a regional or national body that adopts documents.
fn is_adopter(p: &str) -> bool {
    matches!(
        p,
        "EN" | "CEN"
            | "CENELEC"
            | "CLC"
            | "BS"
            | "DIN"
            | "NF"
            | "UNE"
            | "UNI"
            | "NEN"
            | "SN"
            | "OENORM"
            | "CSN"
            | "PN"
            | "SS"
            | "DS"
            | "SFS"
            | "NS"
            | "SANS"
            | "AS"
            | "NZS"
            | "CSA"
            | "CAN"
            | "GB"
            | "JIS"
            | "KS"
            | "ABNT"
            | "NBR"
            | "IRAM"
            | "NBN"
            | "ELOT"
            | "SIST"
            | "STN"
            | "ANSI"
            | "CEI"
    ) || is_gost_family(p)
}

fn is_gost_family(p: &str) -> bool {
    matches!(p, "GOST" | "GOST R" | "PMG" | "RMG" | "STB" | "DSTU")
}

/// Namespace token of an adopter.
fn adopter_ns(p: &str) -> String {
    match p {
        "EN" | "CEN" | "CENELEC" | "CLC" => "en".to_string(),
        _ => p.to_ascii_lowercase(),
    }
}

/// Publishers sorted into adopters (in front) and the owner of the number space.
struct Class {
    adopters: Vec<String>,
    owner: Option<&'static str>,
}

impl Class {
    fn namespace(&self) -> String {
        let mut ns = self.adopters.join(" ");
        if let Some(o) = self.owner {
            if !ns.is_empty() {
                ns.push(' ');
            }
            ns.push_str(o);
        }
        ns
    }

    /// The namespace deciding the grammar and which deliverables enter the key.
    fn base(&self) -> &str {
        match self.owner {
            Some(o) => o,
            None => self.adopters.first().map(String::as_str).unwrap_or(""),
        }
    }
}

fn classify(pubs: &[String]) -> Class {
    let mut adopters: Vec<String> = Vec::new();
    let mut owner = None;
    for (idx, p) in pubs.iter().enumerate() {
        if let Some(ns) = intl_ns(p) {
            let rest = &pubs[idx..];
            let has = |n: &str| rest.iter().any(|q| q == n);
            owner = Some(if has("CISPR") {
                "cispr"
            } else if (ns == "ieee" || ns == "ire") && has("ISO") {
                "iso"
            } else if (ns == "ieee" || ns == "ire") && has("IEC") {
                "iec"
            } else {
                ns
            });
            break;
        }
        if p == "ANSI" && matches!(pubs.get(idx + 1).map(String::as_str), Some("IEEE" | "AIEE")) {
            continue;
        }
        if is_adopter(p) {
            let a = adopter_ns(p);
            if adopters.last() != Some(&a) {
                adopters.push(a);
            }
        }
    }
    if owner.is_none() && adopters.is_empty() {
        if let Some(first) = pubs.first() {
            adopters.push(first.to_ascii_lowercase());
        }
    }
    Class { adopters, owner }
}

fn deliverable_in_key(base: &str, dl: &str) -> bool {
    match base {
        "etsi" | "3gpp" | "oiml" | "ecma" | "ietf" => true,
        "ccsds" | "ieee" | "itu-t" | "itu-r" | "w3c" => false,
        _ => !["TS", "TR", "PAS", "IS", "SRD"].iter().any(|x| x.eq_ignore_ascii_case(dl)),
    }
}

/// Grammar family chosen from the publishers.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Fam {
    IsoLike,
    Gost,
    Generic,
    Ieee,
    Itu,
    Etsi,
    W3c,
    Oiml,
    Ccsds,
    Ecma,
    Oasis,
    Ogc,
    Iala,
    Iho,
    Ietf,
}

fn family_of(pubs: &[String]) -> Fam {
    let c = classify(pubs);
    let gost = c.adopters.iter().any(|a| is_gost_family(&a.to_ascii_uppercase()));
    match c.owner {
        Some("iso" | "iec" | "cispr") => {
            if gost {
                Fam::Gost
            } else {
                Fam::IsoLike
            }
        }
        Some("ieee" | "ire") => Fam::Ieee,
        Some("itu-t" | "itu-r") => Fam::Itu,
        Some("etsi" | "3gpp") => Fam::Etsi,
        Some("w3c") => Fam::W3c,
        Some("oiml") => Fam::Oiml,
        Some("ccsds") => Fam::Ccsds,
        Some("ecma") => Fam::Ecma,
        Some("oasis") => Fam::Oasis,
        Some("ogc") => Fam::Ogc,
        Some("iala") => Fam::Iala,
        Some("iho") => Fam::Iho,
        Some("ietf") => Fam::Ietf,
        _ => {
            if gost {
                Fam::Gost
            } else if c.adopters.first().map(String::as_str) == Some("ansi") {
                Fam::Ieee
            } else {
                Fam::Generic
            }
        }
    }
}

/// Whether a publisher ends the publisher list (its own grammar follows).
fn closes_head(p: &str) -> bool {
    matches!(
        p,
        "ITU-T"
            | "ITU-R"
            | "ITU"
            | "ETSI"
            | "3GPP"
            | "W3C"
            | "OIML"
            | "CCSDS"
            | "ECMA"
            | "OASIS"
            | "OGC"
            | "IALA"
            | "IHO"
            | "IETF"
    )
}

/// Committee designators: "ISO/TC 22", "ISO/IEC JTC 1/SC 27", "ITU-T SG 17" are not documents.
fn is_committee(t: &[u8]) -> bool {
    const ATTACHED: &[&str] = &["TC", "SC", "JTC", "WG", "JWG", "SG"];
    const WORDS: &[&str] =
        &["PC", "TMB", "CASCO", "COPOLCO", "DEVCO", "REMCO", "AG", "SMB", "CAB", "TAG"];
    WORDS.iter().any(|c| eq_ci(t, c))
        || ATTACHED.iter().any(|c| {
            t.len() >= c.len()
                && t[..c.len()].eq_ignore_ascii_case(c.as_bytes())
                && t[c.len()..].iter().all(u8::is_ascii_digit)
        })
}

/// Draft stage words of ISO/IEC: (canonical stage, implied deliverable).
fn stage_word(t: &[u8], text: bool) -> Option<(&'static str, Option<&'static str>)> {
    const S: &[(&str, &str, Option<&str>)] = &[
        ("NP", "NP", None),
        ("NWIP", "NP", None),
        ("PWI", "PWI", None),
        ("AWI", "AWI", None),
        ("WD", "WD", None),
        ("CD", "CD", None),
        ("CDV", "CDV", None),
        ("FCD", "FCD", None),
        ("DIS", "DIS", None),
        ("FDIS", "FDIS", None),
        ("PRF", "PRF", None),
        ("ACDV", "ACDV", None),
        ("ADIS", "ADIS", None),
        ("RDIS", "RDIS", None),
        ("APUB", "APUB", None),
        ("BPUB", "BPUB", None),
        ("PPUB", "PPUB", None),
        ("PRVC", "PRVC", None),
        ("TCDV", "TCDV", None),
        ("DTS", "DTS", Some("TS")),
        ("DTR", "DTR", Some("TR")),
        ("DPAS", "DPAS", Some("PAS")),
        ("PDTS", "PDTS", Some("TS")),
        ("PDTR", "PDTR", Some("TR")),
        ("FDTS", "FDTS", Some("TS")),
        ("FDTR", "FDTR", Some("TR")),
        ("ADTS", "ADTS", Some("TS")),
        ("ADTR", "ADTR", Some("TR")),
        ("DGuide", "DGuide", Some("Guide")),
        ("DISP", "DISP", Some("ISP")),
    ];
    // "CD1", "CD2", "DIS2": numbered ballots
    let core_len = t.iter().rposition(|b| !b.is_ascii_digit()).map_or(0, |k| k + 1);
    let (core, digits) = t.split_at(core_len);
    if core.is_empty() || digits.len() > 1 {
        return None;
    }
    S.iter().find_map(|(w, st, dl)| {
        let hit = if text { core == w.as_bytes() } else { eq_ci(core, w) };
        (hit && (digits.is_empty() || matches!(*st, "CD" | "DIS" | "WD"))).then_some((*st, *dl))
    })
}

/// Deliverable words of ISO/IEC-like identifiers.
fn deliverable_word(t: &[u8], text: bool) -> Option<&'static str> {
    const D: &[(&str, &str)] = &[
        ("TS", "TS"),
        ("TR", "TR"),
        ("PAS", "PAS"),
        ("Guide", "Guide"),
        ("GUIDE", "Guide"),
        ("IWA", "IWA"),
        ("DIR", "DIR"),
        ("ISP", "ISP"),
        ("TTA", "TTA"),
        ("DATA", "Data"),
        ("Data", "Data"),
        ("R", "R"),
        ("SRD", "SRD"),
        ("CA", "CA"),
        ("ACEE", "ACEE"),
        ("WT", "WT"),
        ("SPEC", "SPEC"),
    ];
    D.iter().find(|(w, _)| if text { t == w.as_bytes() } else { eq_ci(t, w) }).map(|(_, c)| *c)
}

/// Supplement words: (spelling, kind, implied draft stage). Longest spellings first.
const SUPP_WORDS: &[(&str, &str, Option<&str>)] = &[
    ("Technical Corrigendum", "cor", None),
    ("Technical Cor", "cor", None),
    ("Corrigendum", "cor", None),
    ("Amendment", "amd", None),
    ("Supplement", "suppl", None),
    ("Addendum", "add", None),
    ("Appendix", "app", None),
    ("Annexes", "annex", None),
    ("attachment", "att", None),
    ("Erratum", "err", None),
    ("Errata", "err", None),
    ("FDAmd", "amd", Some("FDAM")),
    ("FPDAM", "amd", Some("FPDAM")),
    ("FDCOR", "cor", Some("FDCOR")),
    ("Annex", "annex", None),
    ("Suppl", "suppl", None),
    ("FDAM", "amd", Some("FDAM")),
    ("PDAM", "amd", Some("PDAM")),
    ("DAmd", "amd", Some("DAM")),
    ("DCOR", "cor", Some("DCOR")),
    ("FDAD", "add", Some("FDAD")),
    ("FRAG", "frag", None),
    ("DAM", "amd", Some("DAM")),
    ("DAD", "add", Some("DAD")),
    ("Amd", "amd", None),
    ("Cor", "cor", None),
    ("Add", "add", None),
    ("Sup", "suppl", None),
    ("Err", "err", None),
    ("App", "app", None),
    ("att", "att", None),
];

/// Supplement words accepted in free text (exact spelling).
const TEXT_SUPP_WORDS: &[&str] = &[
    "Amd",
    "AMD",
    "Amendment",
    "Cor",
    "COR",
    "Corrigendum",
    "Technical Corrigendum",
    "Technical Cor",
    "Add",
    "Addendum",
    "Suppl",
    "Supplement",
    "DAM",
    "FDAM",
    "DAmd",
    "FDAmd",
];

/// Format markers after an identifier that do not change the document.
const FORMAT_MARKERS: &[&str] =
    &["CSV", "RLV", "CMV", "EXV-CMV", "EXV-RLV", "EXV", "SER", "DB", "PRV", "Redline"];

/// Whether the text before `i` makes a bare ITU-T number ("E.164") plausible in free text.
fn bare_itu_context(s: &[u8], i: usize) -> bool {
    // the previous word
    let mut e = i;
    while e > 0 && s[e - 1] == b' ' {
        e -= 1;
    }
    let mut a = e;
    while a > 0 && e - a < 16 && (s[a - 1].is_ascii_alphabetic() || s[a - 1] == b'.') {
        a -= 1;
    }
    let prev = &s[a..e];
    const BLOCK: &[&str] = &[
        "annex",
        "annexes",
        "table",
        "tables",
        "figure",
        "figures",
        "fig.",
        "clause",
        "clauses",
        "subclause",
        "appendix",
        "section",
        "sections",
        "equation",
        "formula",
        "paragraph",
        "see",
        "and",
        "or",
        "in",
        "of",
        "to",
    ];
    if BLOCK.iter().any(|w| eq_ci(prev, w)) {
        return false;
    }
    // one upper-case series letter, a dot and at least three digits: "X.509", "H.264"
    let c = s.get(i).copied().unwrap_or(0);
    if !b"ABDEFGHIJKLMNOPQRSTUVXYZ".contains(&c) || s.get(i + 1) != Some(&b'.') {
        return false;
    }
    let mut k = i + 2;
    while k < s.len() && s[k].is_ascii_digit() {
        k += 1;
    }
    k - (i + 2) >= 3
}

// ---------------------------------------------------------------------------------------------
// The scanner
// ---------------------------------------------------------------------------------------------

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    /// Free-text mode: stricter, case-sensitive publishers and words.
    text: bool,
    /// Start positions of ITU twin numbers ("F.400/X.400").
    twins: Vec<usize>,
}

/// Options of the ISO-like grammar.
#[derive(Clone, Copy, Default)]
struct IsoCx {
    /// IEEE-style spelling likely: "-2011" years, "60076.21" parts, "/D3" draft versions.
    ieee: bool,
    /// GOST-style: dotted numbers, "-2015"/"-93" years.
    gost: bool,
    /// National or unknown publisher: numbers may start with letters.
    generic: bool,
    /// OIML: "-sup", "-erratum" suffixes.
    oiml: bool,
}

impl<'a> Parser<'a> {
    fn new(s: &'a [u8], i: usize, text: bool) -> Self {
        Parser { s, i, text, twins: Vec::new() }
    }

    fn b(&self, k: usize) -> u8 {
        self.s.get(k).copied().unwrap_or(0)
    }

    fn cur(&self) -> u8 {
        self.b(self.i)
    }

    fn alnum_end(&self, mut k: usize) -> usize {
        while k < self.s.len() && self.s[k].is_ascii_alphanumeric() {
            k += 1;
        }
        k
    }

    fn alpha_end(&self, mut k: usize) -> usize {
        while k < self.s.len() && self.s[k].is_ascii_alphabetic() {
            k += 1;
        }
        k
    }

    fn digit_end(&self, mut k: usize) -> usize {
        while k < self.s.len() && self.s[k].is_ascii_digit() {
            k += 1;
        }
        k
    }

    fn slice(&self, a: usize, b: usize) -> &'a [u8] {
        let a = a.min(self.s.len());
        &self.s[a..b.clamp(a, self.s.len())]
    }

    fn token(&self, k: usize) -> &'a [u8] {
        self.slice(k, self.alnum_end(k))
    }

    /// Token equality: case-insensitive when parsing identifiers, exact in free text.
    fn word_eq(&self, t: &[u8], w: &str) -> bool {
        if self.text {
            t == w.as_bytes()
        } else {
            eq_ci(t, w)
        }
    }

    fn skip_space(&mut self) {
        if self.cur() == b' ' {
            self.i += 1;
        }
    }

    /// "Recommendation" or "Rec." at `k`; returns the end.
    fn rec_word(&self, k: usize) -> Option<usize> {
        let e = self.alnum_end(k);
        let t = self.slice(k, e);
        if self.word_eq(t, "Recommendation") {
            return Some(e);
        }
        if self.word_eq(t, "Rec") && self.b(e) == b'.' {
            return Some(e + 1);
        }
        if !self.text && self.word_eq(t, "Rec") {
            return Some(e);
        }
        None
    }

    /// A publisher at `k`: canonical name and end.
    fn publisher_at(&self, k: usize) -> Option<(&'static str, usize)> {
        let e = self.alnum_end(k);
        let t = self.slice(k, e);
        if t.is_empty() || t.len() > 8 {
            return None;
        }
        if self.word_eq(t, "ITU") {
            if self.b(e) == b'-' && !is_word(self.b(e + 2)) {
                match self.b(e + 1) {
                    b'T' => return Some(("ITU-T", e + 2)),
                    b'R' => return Some(("ITU-R", e + 2)),
                    b't' if !self.text => return Some(("ITU-T", e + 2)),
                    b'r' if !self.text => return Some(("ITU-R", e + 2)),
                    _ => {}
                }
            }
            return Some(("ITU", e));
        }
        let (_, canon, _) = PUBLISHERS.iter().find(|(sp, _, in_text)| {
            if self.text {
                *in_text && t == sp.as_bytes()
            } else {
                eq_ci(t, sp)
            }
        })?;
        if *canon == "IEC" && eq_ci(t, "CEI") {
            // Italian CEI before an EN is the national body, French CEI is IEC
            let n = self.token(e + 1);
            if matches!(self.b(e), b' ' | b'-') && (eq_ci(n, "EN") || eq_ci(n, "UNI")) {
                return Some(("CEI", e));
            }
        }
        Some((canon, e))
    }

    // -----------------------------------------------------------------------------------------
    // Identifier
    // -----------------------------------------------------------------------------------------

    fn parse_id(&mut self, bare_itu_ok: bool) -> Option<DocId> {
        let mut d = DocId::blank();
        let fam = self.parse_head(&mut d, bare_itu_ok)?;
        let after_head = self.i;
        let ok = match fam {
            Fam::IsoLike | Fam::Generic | Fam::Gost => {
                let has = |n: &str| d.publishers.iter().any(|p| p == n);
                let cx = IsoCx {
                    ieee: has("IEEE") || has("AIEE") || has("ANSI"),
                    gost: fam == Fam::Gost,
                    generic: fam == Fam::Generic,
                    oiml: false,
                };
                self.fam_isolike(&mut d, cx)
            }
            Fam::Ieee => self.fam_ieee(&mut d),
            Fam::Itu => self.fam_itu(&mut d),
            Fam::Etsi => self.fam_etsi(&mut d),
            Fam::W3c => self.fam_w3c(&mut d),
            Fam::Oiml => self.fam_oiml(&mut d),
            Fam::Ccsds => self.fam_ccsds(&mut d),
            Fam::Ecma => self.fam_ecma(&mut d),
            Fam::Oasis => self.fam_oasis(&mut d),
            Fam::Ogc => self.fam_ogc(&mut d),
            Fam::Iala => self.fam_iala(&mut d),
            Fam::Iho => self.fam_iho(&mut d),
            Fam::Ietf => self.fam_ietf(&mut d),
        };
        if !ok || d.number.is_empty() {
            if self.text || d.publishers.is_empty() {
                return None;
            }
            // "IEC White Paper AI:2018", "ISO/IEC VIM:1993": words before an edition year
            self.i = after_head;
            if !self.words_with_year(&mut d) {
                return None;
            }
        }
        finalize(&mut d);
        Some(d)
    }

    /// Publishers, ITU lead words, ISO stage and deliverable words. Returns the grammar family.
    fn parse_head(&mut self, d: &mut DocId, bare_itu_ok: bool) -> Option<Fam> {
        let mut rec = false;
        while let Some(e) = self.rec_word(self.i) {
            self.i = e;
            self.skip_space();
            rec = true;
        }
        // "CD IWA 45": stage before the publisher
        if !self.text {
            let e = self.alnum_end(self.i);
            if let Some((st, _)) = stage_word(self.slice(self.i, e), false) {
                if self.b(e) == b' ' && eq_ci(self.token(e + 1), "IWA") {
                    d.draft = Some(st.to_string());
                    self.i = e + 1;
                }
            }
        }
        while let Some((canon, end)) = self.publisher_at(self.i) {
            if d.publishers.len() >= MAX_PUBLISHERS {
                return None;
            }
            if canon == "IWA" || canon == "RFC" {
                let (p, dl) = if canon == "IWA" { ("ISO", "IWA") } else { ("IETF", "RFC") };
                if d.publishers.last().map(String::as_str) != Some(p) {
                    d.publishers.push(p.to_string());
                }
                d.deliverable = Some(dl.to_string());
                self.i = end;
                break;
            }
            d.publishers.push(canon.to_string());
            self.i = end;
            if canon == "GOST"
                && self.cur() == b' '
                && matches!(self.b(self.i + 1), b'R' | b'r')
                && !is_word(self.b(self.i + 2))
            {
                if let Some(last) = d.publishers.last_mut() {
                    *last = "GOST R".to_string();
                }
                self.i += 2;
            }
            if closes_head(canon) {
                break;
            }
            let sep = self.cur();
            if !matches!(sep, b'/' | b' ' | b'-') {
                break;
            }
            let k = self.i + 1;
            if self.publisher_at(k).is_some() {
                self.i = k;
                continue;
            }
            if sep == b'/' && !self.text {
                // unknown co-publisher: "ISO/HL7", "IEEE/NEMI"
                let e = self.alnum_end(k);
                let t = self.slice(k, e);
                if (2..=8).contains(&t.len())
                    && t[0].is_ascii_uppercase()
                    && t.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    && matches!(self.b(e), b'/' | b' ')
                    && stage_word(t, false).is_none()
                    && deliverable_word(t, false).is_none()
                    && !is_committee(t)
                    && !(t[0] == b'P' && t[1..].iter().all(u8::is_ascii_digit))
                {
                    d.publishers.push(upper(t));
                    self.i = e;
                    continue;
                }
            }
            break;
        }
        if d.publishers.is_empty() {
            return self.bare(d, rec || bare_itu_ok || !self.text);
        }
        // ETSI ENs are often cited without "ETSI": "EN 300 328", "EN 301 489-1"
        if d.publishers.len() == 1 && d.publishers[0] == "EN" && self.etsi_number_at(self.i + 1) {
            d.publishers[0] = "ETSI".to_string();
            self.i -= 2;
            return Some(Fam::Etsi);
        }
        let fam = family_of(&d.publishers);
        // committees, stages, deliverables
        loop {
            let sep = self.cur();
            if !matches!(sep, b'/' | b' ') {
                break;
            }
            let k = self.i + 1;
            let e = self.alnum_end(k);
            let t = self.slice(k, e);
            if t.is_empty() {
                break;
            }
            // "ISO/TC 22", "JTC1/SC 27" are committees; "PC63.10", "SG01.205" are numbers
            if is_committee(t) && self.b(e) != b'.' && fam != Fam::Etsi {
                return None;
            }
            if !matches!(fam, Fam::IsoLike | Fam::Generic | Fam::Gost) {
                break;
            }
            if !self.text && eq_ci(t, "Std") {
                self.i = e;
                continue;
            }
            if let Some((st, dl)) = stage_word(t, self.text) {
                d.draft = Some(st.to_string());
                if let Some(dl) = dl {
                    d.deliverable = Some(dl.to_string());
                }
                self.i = e;
                continue;
            }
            if let Some(dl) = deliverable_word(t, self.text) {
                // "ISO R 123" is rare in text; keep the single letter for "ISO/R 123"
                if dl == "R" && (sep != b'/' || !self.b(e + 1).is_ascii_digit()) {
                    break;
                }
                d.deliverable = Some(dl.to_string());
                self.i = e;
                continue;
            }
            break;
        }
        Some(fam)
    }

    /// "3dd ddd": the shape of an ETSI EN number.
    fn etsi_number_at(&self, k: usize) -> bool {
        self.b(k - 1) == b' '
            && self.b(k) == b'3'
            && self.digit_end(k) == k + 3
            && self.b(k + 3) == b' '
            && self.digit_end(k + 4) == k + 7
            && !self.b(k + 7).is_ascii_alphanumeric()
    }

    /// Identifiers without a publisher: bare ITU-T numbers, OGC and IHO numbers.
    fn bare(&mut self, d: &mut DocId, itu_ok: bool) -> Option<Fam> {
        let i = self.i;
        let c = self.b(i);
        if itu_ok
            && c.is_ascii_uppercase()
            && self.b(i + 1) == b'.'
            && self.b(i + 2).is_ascii_digit()
        {
            d.publishers.push("ITU-T".to_string());
            return Some(Fam::Itu);
        }
        if self.text {
            return None;
        }
        // ITU-T series supplements: "A Suppl. 2", "E-100 series Suppl. 1"
        let mut k = i + 1;
        if self.b(k) == b'-' && self.b(k + 1).is_ascii_digit() {
            k = self.digit_end(k + 1);
        }
        let next = self.slice(k + 1, self.alpha_end(k + 1));
        let itu_date = |p: &Self, j: usize| {
            p.b(j) == b' ' && p.b(j + 1) == b'(' && p.b(j + 2).is_ascii_digit() && {
                let de = p.digit_end(j + 2);
                (de - (j + 2) == 2 && p.b(de) == b'/') || (de - (j + 2) == 4 && p.b(de) == b')')
            }
        };
        let le = self.alpha_end(i);
        if c.is_ascii_uppercase() && (1..=4).contains(&(le - i)) {
            let mut e = le;
            while e < self.s.len()
                && (self.s[e].is_ascii_alphanumeric()
                    || (self.s[e] == b'-' && self.b(e + 1).is_ascii_alphanumeric()))
            {
                e += 1;
            }
            let spaced_digits =
                le - i == 1 && self.b(le) == b' ' && self.b(le + 1).is_ascii_digit();
            let e = if spaced_digits { self.digit_end(le + 1) } else { e };
            let suppl =
                self.b(e) == b' ' && eq_ci(self.slice(e + 1, self.alpha_end(e + 1)), "Suppl");
            if e > le
                && (itu_date(self, e) || (suppl && !spaced_digits))
                && self.slice(i, le).iter().all(u8::is_ascii_uppercase)
            {
                d.publishers.push("ITU-T".to_string());
                return Some(Fam::Itu);
            }
        }
        if c.is_ascii_uppercase()
            && self.b(k) == b' '
            && (eq_ci(next, "Suppl") || eq_ci(next, "series"))
        {
            d.publishers.push("ITU-T".to_string());
            return Some(Fam::Itu);
        }
        // OGC "01-013r1"
        let de = self.digit_end(i);
        if de - i == 2 && self.b(de) == b'-' {
            let de2 = self.digit_end(de + 1);
            let ae = self.alnum_end(de + 1);
            if de2 - (de + 1) == 3 && !matches!(self.b(ae), b'.' | b'-' | b'/' | b':') {
                let tail = self.slice(de2, ae);
                if tail.is_empty() || matches!(tail[0], b'r' | b'R' | b'a'..=b'z') {
                    d.publishers.push("OGC".to_string());
                    return Some(Fam::Ogc);
                }
            }
        }
        // IHO "S-100", "B-10", "P-1/21"
        if matches!(c, b'S' | b'B' | b'C' | b'M' | b'P')
            && self.b(i + 1) == b'-'
            && self.b(i + 2).is_ascii_digit()
        {
            d.publishers.push("IHO".to_string());
            return Some(Fam::Iho);
        }
        None
    }

    /// Fallback for named publications of a known publisher: "IEC White Paper AI:2018".
    fn words_with_year(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let rest = self.slice(self.i, self.s.len());
        let Some(colon) = rest.iter().position(|&b| b == b':') else {
            return false;
        };
        let name = &rest[..colon];
        let y = self.slice(self.i + colon + 1, self.digit_end(self.i + colon + 1));
        let year = digits_value(y).filter(|&v| y.len() == 4 && plausible_year(v));
        if name.is_empty() || year.is_none() || !name.iter().any(u8::is_ascii_alphabetic) {
            return false;
        }
        d.number = lower(name).trim().to_string();
        d.year = year.map(|v| v as u16);
        d.deliverable = None;
        self.i += colon + 1 + y.len();
        true
    }

    // -----------------------------------------------------------------------------------------
    // ISO, IEC, CISPR, regional, national, GOST
    // -----------------------------------------------------------------------------------------

    fn fam_isolike(&mut self, d: &mut DocId, cx: IsoCx) -> bool {
        if d.deliverable.as_deref() == Some("DIR") {
            return self.dir_number(d);
        }
        self.skip_space();
        // IEEE project prefix written on ISO/IEC numbers: "IEC/IEEE P62582.1"
        let mut p_prefix = false;
        if matches!(self.cur(), b'P' | b'p')
            && (!self.text || cx.ieee)
            && (self.cur() == b'P' || !self.text)
            && self.b(self.i + 1).is_ascii_digit()
            && !cx.gost
        {
            d.draft = Some("P".to_string());
            self.i += 1;
            p_prefix = true;
        }
        let ieee = cx.ieee || p_prefix;
        // GOST series letter: "ПМГ В 31-2001"
        let mut series = String::new();
        if cx.gost
            && self.cur().is_ascii_alphabetic()
            && self.b(self.i + 1) == b' '
            && self.b(self.i + 2).is_ascii_digit()
        {
            series = lower(&[self.cur()]);
            series.push(' ');
            self.i += 2;
        }
        let a = self.i;
        let mut e = self.digit_end(a);
        if e == a {
            if !cx.generic {
                return false;
            }
            let te = self.alnum_end(a);
            let t = self.slice(a, te);
            if t.is_empty()
                || !t.iter().any(u8::is_ascii_digit)
                || (self.text && !t[0].is_ascii_uppercase())
            {
                return false;
            }
            e = te;
        } else {
            let le = self.alpha_end(e);
            let letters = self.slice(e, le);
            let ok_letters = !letters.is_empty()
                && letters.len() <= 3
                && !self.b(le).is_ascii_digit()
                && (!self.text
                    || (letters.len() <= 2 && letters.iter().all(u8::is_ascii_uppercase)));
            if ok_letters {
                e = le;
            }
        }
        // "DS 1", "AS 3" in prose are words; "BS EN 1" (two publishers) is an identifier
        if self.text && cx.generic && self.digit_end(a) - a < 3 && d.publishers.len() < 2 {
            return false;
        }
        let mut number = series;
        number.push_str(&lower(self.slice(a, e)));
        self.i = e;
        if cx.gost {
            while self.cur() == b'.' && self.b(self.i + 1).is_ascii_digit() {
                let de = self.digit_end(self.i + 1);
                number.push('.');
                number.push_str(&lower(self.slice(self.i + 1, de)));
                self.i = de;
            }
        }
        d.number = number;
        let mut part: Vec<String> = Vec::new();
        let mut dotted = false;
        // "." after the number: draft iteration ("ISO/CD 23802.2") or IEEE-style part
        if !cx.gost && self.cur() == b'.' && self.b(self.i + 1).is_ascii_digit() {
            let k = self.i + 1;
            let de = self.digit_end(k);
            let nxt = self.b(de);
            let at_end = !(matches!(nxt, b'-' | b'.' | b':') || is_word(nxt));
            if d.draft.is_some() && !p_prefix && at_end && de - k <= 2 {
                self.i = de;
            } else if !self.text || ieee {
                let se = self.alnum_end(k);
                part.push(lower(self.slice(k, se)));
                self.i = se;
                dotted = true;
            }
        }
        let year_dash = ieee || dotted;
        // parts, IEEE/GOST-style years, sheets
        loop {
            let c = self.cur();
            if c == b'-' {
                let k = self.i + 1;
                let se = self.alnum_end(k);
                let seg = self.slice(k, se);
                if seg.is_empty() {
                    break;
                }
                let all_digits = seg.iter().all(u8::is_ascii_digit);
                let last = !(self.b(se) == b'-' && is_word(self.b(se + 1)));
                if all_digits && d.year.is_none() {
                    let v = digits_value(seg).unwrap_or(0);
                    if seg.len() == 4 && plausible_year(v) && (year_dash || (cx.gost && last)) {
                        d.year = Some(v as u16);
                        self.i = se;
                        self.skip_month();
                        break;
                    }
                    if cx.gost && seg.len() == 2 && last {
                        d.year = Some(two_digit_year(v));
                        self.i = se;
                        break;
                    }
                }
                if self.text
                    && !(seg[0].is_ascii_digit()
                        || seg.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
                {
                    break;
                }
                if cx.oiml && !self.text && (eq_ci(seg, "sup") || eq_ci(seg, "erratum")) {
                    let kind = if eq_ci(seg, "sup") { "suppl" } else { "err" };
                    d.supplements.push(Supplement { kind: kind.into(), number: None, year: None });
                    self.i = se;
                    continue;
                }
                let mut p = lower(seg);
                self.i = se;
                // OIML "G 1-GUM 1"
                if !self.text
                    && seg.iter().all(u8::is_ascii_alphabetic)
                    && self.cur() == b' '
                    && self.b(self.i + 1).is_ascii_digit()
                {
                    let de = self.digit_end(self.i + 1);
                    if !is_word(self.b(de)) && self.b(de) != b'.' {
                        p.push('-');
                        p.push_str(&lower(self.slice(self.i + 1, de)));
                        self.i = de;
                    }
                }
                part.push(p);
            } else if c == b'.'
                && !part.is_empty()
                && !dotted
                && self.b(self.i + 1).is_ascii_digit()
            {
                // draft iteration after a part: "ISO/CD 10993-1.2"
                let de = self.digit_end(self.i + 1);
                if is_word(self.b(de)) || self.b(de) == b'.' || de - (self.i + 1) > 2 {
                    break;
                }
                self.i = de;
                break;
            } else if c == b'.' && dotted && self.b(self.i + 1).is_ascii_digit() && !self.text {
                // a draft iteration after an IEEE-style part is rare; stop here
                break;
            } else if c == b'/' && self.b(self.i + 1).is_ascii_digit() {
                let k = self.i + 1;
                let de = self.digit_end(k);
                if is_word(self.b(de)) {
                    break;
                }
                let v = digits_value(self.slice(k, de)).unwrap_or(0);
                if de - k == 4 && plausible_year(v) && d.year.is_none() {
                    d.year = Some(v as u16);
                } else if !part.is_empty() && !self.text {
                    // IEC sheets: "IEC 60695-2-1/1"
                    if let Some(last) = part.last_mut() {
                        last.push('/');
                        last.push_str(&lower(self.slice(k, de)));
                    }
                } else {
                    break;
                }
                self.i = de;
            } else {
                break;
            }
        }
        if !part.is_empty() {
            d.part = Some(part.join("-"));
        }
        self.colon_year(d);
        if ieee {
            self.ieee_tail(d);
        }
        self.supplements(d, false);
        true
    }

    /// "ISO/IEC DIR 2 ISO", "ISO/IEC DIR IEC SUP": the rest up to the year is the number.
    fn dir_number(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let a = self.i;
        let mut e = a;
        while e < self.s.len() && (self.s[e].is_ascii_alphanumeric() || self.s[e] == b' ') {
            e += 1;
        }
        if self.text {
            e = self.digit_end(a);
            if e == a {
                return false;
            }
        }
        let name = self.slice(a, e).trim_ascii_end();
        if name.is_empty() {
            return false;
        }
        d.number = lower(name);
        self.i = a + name.len();
        self.colon_year(d);
        self.supplements(d, false);
        true
    }

    /// Skips "-MM" (and "-DD") after a year.
    fn skip_month(&mut self) {
        for _ in 0..2 {
            if self.cur() == b'-' {
                let de = self.digit_end(self.i + 1);
                if de - (self.i + 1) == 2 && !is_word(self.b(de)) {
                    self.i = de;
                    continue;
                }
            }
            break;
        }
    }

    /// ":2015", " :2015", ": 2015" (and a bare trailing ":" in catalogue data).
    fn colon_year(&mut self, d: &mut DocId) {
        let save = self.i;
        if self.cur() == b' ' && self.b(self.i + 1) == b':' {
            self.i += 1;
        }
        if self.cur() != b':' {
            self.i = save;
            return;
        }
        self.i += 1;
        if self.cur() == b' ' && self.b(self.i + 1).is_ascii_digit() {
            self.i += 1;
        }
        let de = self.digit_end(self.i);
        let v = digits_value(self.slice(self.i, de)).unwrap_or(0);
        if de - self.i == 4 && plausible_year(v) && !self.b(de).is_ascii_alphabetic() {
            if d.year.is_none() {
                d.year = Some(v as u16);
            }
            self.i = de;
            self.skip_month();
        } else if self.text || de > self.i {
            self.i = save;
        }
    }

    /// IEEE draft versions after a number: "/D3.0", "/D-14-2020-04", "_D2.0", "/E-1-2018".
    fn ieee_tail(&mut self, d: &mut DocId) {
        loop {
            let save = self.i;
            if !matches!(self.cur(), b'/' | b'_') {
                return;
            }
            self.i += 1;
            if !self.ieee_draft_version(d) {
                self.i = save;
                return;
            }
        }
    }

    fn ieee_draft_version(&mut self, d: &mut DocId) -> bool {
        let c = self.cur();
        if !matches!(c, b'D' | b'd' | b'E') || (self.text && c == b'd') {
            return false;
        }
        let start = match self.b(self.i + 1) {
            b'-' => self.i + 2,
            x if x.is_ascii_digit() => self.i + 1,
            _ => return false,
        };
        let mut e = start;
        while e < self.s.len() && (self.s[e].is_ascii_alphanumeric() || self.s[e] == b'.') {
            e += 1;
        }
        let v = self.slice(start, e);
        if v.is_empty() || !v[0].is_ascii_digit() {
            return false;
        }
        let mut ver = String::from(if c == b'E' { "E" } else { "D" });
        ver.push_str(&String::from_utf8_lossy(v));
        d.version = Some(ver);
        self.i = e;
        if self.cur() == b'-' {
            let de = self.digit_end(self.i + 1);
            let y = digits_value(self.slice(self.i + 1, de)).unwrap_or(0);
            if de - (self.i + 1) == 4 && plausible_year(y) && !is_word(self.b(de)) {
                if d.year.is_none() {
                    d.year = Some(y as u16);
                }
                self.i = de;
                self.skip_month();
            }
        }
        true
    }

    // -----------------------------------------------------------------------------------------
    // Supplements
    // -----------------------------------------------------------------------------------------

    /// Supplements after a document: "/Amd 1:2020", "+A1:2017", "/COR1", " Amendment 1".
    fn supplements(&mut self, d: &mut DocId, etsi: bool) {
        loop {
            let save = self.i;
            if !self.text {
                self.skip_format_markers();
            }
            let spaced = match self.cur() {
                b'/' | b'+' | b'_' => {
                    self.i += 1;
                    self.skip_space();
                    false
                }
                b' ' => {
                    self.i += 1;
                    if self.cur() == b'+' {
                        self.i += 1;
                        self.skip_space();
                        false
                    } else {
                        true
                    }
                }
                _ => {
                    self.i = save;
                    return;
                }
            };
            if !self.one_supplement(d, spaced, etsi) {
                self.i = save;
                return;
            }
        }
    }

    fn skip_format_markers(&mut self) {
        loop {
            if self.cur() != b' ' {
                return;
            }
            let k = self.i + 1;
            let mut e = self.alnum_end(k);
            if eq_ci(self.slice(k, e), "EXV") && self.b(e) == b'-' {
                e = self.alnum_end(e + 1);
            }
            let t = self.slice(k, e);
            if FORMAT_MARKERS.iter().any(|m| eq_ci(t, m)) && !is_word(self.b(e)) {
                self.i = e;
            } else {
                return;
            }
        }
    }

    /// One supplement at the cursor (after its separator).
    fn one_supplement(&mut self, d: &mut DocId, spaced: bool, etsi: bool) -> bool {
        // stage before the supplement: "/CD Amd 1", "/AWI Cor 1"
        let mut stage: Option<&'static str> = None;
        let e = self.alnum_end(self.i);
        if self.b(e) == b' ' {
            if let Some((st, None)) = stage_word(self.slice(self.i, e), self.text) {
                stage = Some(st);
                self.i = e + 1;
            }
        }
        let Some((kind, draft, len)) = self.supp_word(spaced, etsi) else {
            return false;
        };
        let mut k = self.i + len;
        if self.b(k) == b'.' {
            k += 1;
        }
        let mut number: Option<String> = None;
        let letters_ok = matches!(kind, "annex" | "app");
        let single = len == 1;
        let mut n_start = k;
        if self.b(k) == b' ' && !single {
            n_start = k + 1;
        }
        let de = self.digit_end(n_start);
        if de > n_start && !self.b(de).is_ascii_alphabetic() {
            number = Some(lower(self.slice(n_start, de)));
            k = de;
            // draft iteration "Amd 1.2"
            if self.b(k) == b'.' && self.b(k + 1).is_ascii_digit() {
                let de2 = self.digit_end(k + 1);
                if !is_word(self.b(de2)) && de2 - (k + 1) <= 2 {
                    k = de2;
                }
            }
        } else if letters_ok && !single {
            let ae = self.alnum_end(n_start);
            let t = self.slice(n_start, ae);
            // spelled out, annex numbers are capitals ("Annex A", "App. IV"); keys are lower-case
            let compact = n_start == k && k == self.i + len;
            if !t.is_empty()
                && t.len() <= 4
                && (compact || t.iter().all(|b| !b.is_ascii_lowercase()))
            {
                number = Some(lower(t));
                k = ae;
            }
        }
        if single && number.is_none() {
            return false;
        }
        if number.is_none() {
            // unnumbered: "/Suppl:1993", "+Amendment:2012", " Errata"
            let year_follows = self.b(k) == b':' && self.b(k + 1).is_ascii_digit();
            if self.text && !year_follows {
                return false;
            }
            if is_word(self.b(k)) {
                return false;
            }
        }
        self.i = k;
        let mut year = None;
        // ":2020", "-2017" (IEEE), " (06/2015)" (ITU style)
        if self.cur() == b':' {
            let de = self.digit_end(self.i + 1);
            let v = digits_value(self.slice(self.i + 1, de)).unwrap_or(0);
            if de - (self.i + 1) == 4 && plausible_year(v) {
                year = Some(v as u16);
                self.i = de;
            } else if !self.text && de == self.i + 1 {
                self.i += 1;
            }
        } else if self.cur() == b'-' {
            let de = self.digit_end(self.i + 1);
            let v = digits_value(self.slice(self.i + 1, de)).unwrap_or(0);
            if de - (self.i + 1) == 4 && plausible_year(v) && !is_word(self.b(de)) {
                year = Some(v as u16);
                self.i = de;
                self.skip_month();
            }
        }
        if let Some(st) = stage.or(draft) {
            d.draft = Some(st.to_string());
        }
        d.supplements.push(Supplement { kind: kind.to_string(), number, year });
        true
    }

    /// A supplement word at the cursor: (kind, implied draft, length).
    fn supp_word(
        &self,
        spaced: bool,
        etsi: bool,
    ) -> Option<(&'static str, Option<&'static str>, usize)> {
        let i = self.i;
        // "+A1", "/A1", ETSI "/C1"
        let c = self.cur();
        if !spaced && self.b(i + 1).is_ascii_digit() {
            if c == b'A' || (c == b'a' && !self.text) {
                return Some(("amd", None, 1));
            }
            if etsi && (c == b'C' || (c == b'c' && !self.text)) {
                return Some(("cor", None, 1));
            }
        }
        for (w, kind, draft) in SUPP_WORDS {
            let t = self.slice(i, i + w.len());
            if t.len() != w.len() || !eq_ci(t, w) {
                continue;
            }
            // free text: only the usual spellings ("Amd", "AMD", "Amendment"...), exactly
            if self.text && !TEXT_SUPP_WORDS.iter().any(|x| t == x.as_bytes()) {
                continue;
            }
            let n = self.b(i + w.len());
            if n.is_ascii_alphabetic() {
                // compact annex numbers in keys: "/annexa", "/annexe1"; otherwise a longer word
                let compact = !self.text && matches!(*kind, "annex" | "app") && !spaced;
                let rest = self.alnum_end(i + w.len()) - (i + w.len());
                if !(compact && rest <= 4) {
                    continue;
                }
            }
            if spaced && self.text && !matches!(*kind, "amd" | "cor" | "add" | "suppl") {
                return None;
            }
            return Some((kind, *draft, w.len()));
        }
        None
    }

    // -----------------------------------------------------------------------------------------
    // IEEE, ANSI, AIEE, IRE
    // -----------------------------------------------------------------------------------------

    fn fam_ieee(&mut self, d: &mut DocId) -> bool {
        const SKIP: &[&str] =
            &["Std", "Standard", "Approved", "Unapproved", "Active", "Draft", "No", "Nos"];
        loop {
            let save = self.i;
            self.skip_space();
            let e = self.alnum_end(self.i);
            let t = self.slice(self.i, e);
            if SKIP.iter().any(|w| self.word_eq(t, w)) && !t.is_empty() {
                self.i = e;
                if self.cur() == b'.' {
                    self.i += 1;
                }
                continue;
            }
            if !self.text && self.b(e) == b' ' {
                if let Some((st, _)) = stage_word(t, false) {
                    d.draft = Some(st.to_string());
                    self.i = e;
                    continue;
                }
            }
            if self.i == save && self.cur() != b' ' {
                break;
            }
            if t.is_empty() {
                self.i = save;
                break;
            }
            break;
        }
        // project prefix: P802.11, PC37.20, PN42.38
        let c = self.cur();
        let n1 = self.b(self.i + 1);
        if (c == b'P' || (c == b'p' && !self.text))
            && (n1.is_ascii_digit()
                || (matches!(n1, b'C' | b'N' | b'c' | b'n') && self.b(self.i + 2).is_ascii_digit()))
        {
            d.draft = Some("P".to_string());
            self.i += 1;
        }
        let a = self.i;
        let mut e = a;
        while e < self.s.len()
            && (self.s[e].is_ascii_alphanumeric()
                || (self.s[e] == b'.' && self.b(e + 1).is_ascii_alphanumeric()))
        {
            e += 1;
        }
        let t = self.slice(a, e);
        if t.is_empty() || !t.iter().any(u8::is_ascii_digit) {
            return false;
        }
        if self.text && !(t[0].is_ascii_digit() || (t[0].is_ascii_uppercase() && t.contains(&b'.')))
        {
            return false;
        }
        d.number = lower(t);
        self.i = e;
        loop {
            let c = self.cur();
            if c == b'-' {
                let k = self.i + 1;
                let se = self.alnum_end(k);
                let seg = self.slice(k, se);
                if seg.is_empty() || !seg.iter().all(u8::is_ascii_digit) || d.year.is_some() {
                    break;
                }
                let v = digits_value(seg).unwrap_or(0);
                if seg.len() == 4 && plausible_year(v) {
                    d.year = Some(v as u16);
                    self.i = se;
                    self.skip_month();
                    continue;
                }
                if self.b(se) == b'.' && self.b(se + 1).is_ascii_digit() {
                    break;
                }
                // IEEE writes 11073-10101 as 11073.10101
                d.number.push('.');
                d.number.push_str(&lower(seg));
                self.i = se;
            } else if c == b'/' || c == b'_' {
                let save = self.i;
                self.i += 1;
                if self.ieee_draft_version(d) {
                    continue;
                }
                self.i = save;
                let before = d.supplements.len();
                self.supplements_one(d);
                if d.supplements.len() == before {
                    break;
                }
            } else if c == b' ' && !self.text {
                let before = d.supplements.len();
                self.supplements_one(d);
                if d.supplements.len() == before {
                    break;
                }
            } else {
                break;
            }
        }
        true
    }

    /// At most one supplement (IEEE alternates supplements and draft versions).
    fn supplements_one(&mut self, d: &mut DocId) {
        let save = self.i;
        if !self.text {
            self.skip_format_markers();
        }
        let spaced = match self.cur() {
            b'/' | b'_' | b'+' => {
                self.i += 1;
                self.skip_space();
                false
            }
            b' ' => {
                self.i += 1;
                true
            }
            _ => {
                self.i = save;
                return;
            }
        };
        if !self.one_supplement(d, spaced, false) {
            self.i = save;
        }
    }

    // -----------------------------------------------------------------------------------------
    // ITU-T, ITU-R
    // -----------------------------------------------------------------------------------------

    fn fam_itu(&mut self, d: &mut DocId) -> bool {
        loop {
            let save = self.i;
            self.skip_space();
            match self.rec_word(self.i) {
                Some(e) => self.i = e,
                None => {
                    self.i = save;
                    break;
                }
            }
        }
        self.skip_space();
        let is_r = d.publishers.iter().any(|p| p == "ITU-R");
        let a = self.i;
        let le = self.alpha_end(a);
        let nlet = le - a;
        let series_ok = |p: &Self| !p.text || p.slice(a, le).iter().all(u8::is_ascii_uppercase);
        if (1..=3).contains(&nlet)
            && self.b(le) == b'.'
            && self.b(le + 1).is_ascii_digit()
            && series_ok(self)
        {
            let e = self.itu_number_end(le + 1);
            d.number = lower(self.slice(a, e));
            self.i = e;
            self.itu_suffix(d);
            if self.cur() == b'-' {
                let k = self.i + 1;
                let de = self.digit_end(k);
                if de > k && !is_word(self.b(de)) && self.b(de) != b'.' {
                    if is_r {
                        d.version = Some(lower(self.slice(k, de)));
                    } else {
                        d.number.push('-');
                        d.number.push_str(&lower(self.slice(k, de)));
                    }
                    self.i = de;
                } else if !is_r
                    && (self.b(k).is_ascii_uppercase()
                        || (!self.text && self.b(k).is_ascii_lowercase()))
                    && self.b(k + 1) == b'.'
                    && self.b(k + 2).is_ascii_digit()
                {
                    let e2 = self.itu_number_end(k + 2);
                    d.number.push('-');
                    d.number.push_str(&lower(self.slice(k, e2)));
                    self.i = e2;
                }
            }
        } else if (1..=2).contains(&nlet)
            && !self.text
            && !is_word(self.b(le))
            && (eq_ci(self.slice(le + 1, self.alpha_end(le + 1)), "Suppl")
                || eq_ci(self.slice(le + 1, self.alpha_end(le + 1)), "suppl"))
        {
            // series supplement: "ITU-T A Suppl. 1", key "itu-t a/suppl1"
            d.number = lower(self.slice(a, le));
            self.i = le;
        } else if !self.text
            && !is_r
            && (1..=4).contains(&nlet)
            && matches!(self.b(le), b'-' | b'0'..=b'9')
        {
            // series supplements and special series: "ITU-T E-100 series Suppl. 1",
            // "E100-300 Suppl. 3", "EMC-3", "MES-2", "SEC-QKD", "IMPL-8"
            let mut e = le;
            while e < self.s.len()
                && (self.s[e].is_ascii_alphanumeric()
                    || (self.s[e] == b'-' && self.b(e + 1).is_ascii_alphanumeric()))
            {
                e += 1;
            }
            if e == le || is_word(self.b(e)) {
                return false;
            }
            d.number = lower(self.slice(a, e));
            self.i = e;
        } else if !self.text
            && !is_r
            && nlet == 1
            && self.b(le) == b' '
            && self.b(le + 1).is_ascii_digit()
        {
            // "G 235 (10/1976)": a dot typed as a space
            let de = self.digit_end(le + 1);
            if is_word(self.b(de)) || self.b(de) != b' ' || self.b(de + 1) != b'(' {
                return false;
            }
            d.number = format!("{}.{}", lower(self.slice(a, le)), lower(self.slice(le + 1, de)));
            self.i = de;
        } else if !self.text && is_r {
            // other ITU-R forms: "SG01.205-2", "01.HDB"
            let mut e = a;
            while e < self.s.len() && (self.s[e].is_ascii_alphanumeric() || self.s[e] == b'.') {
                e += 1;
            }
            let t = self.slice(a, e);
            if t.is_empty() || !t.iter().any(u8::is_ascii_digit) {
                return false;
            }
            d.number = lower(t);
            self.i = e;
            if self.cur() == b'-' {
                let de = self.digit_end(self.i + 1);
                if de > self.i + 1 && !is_word(self.b(de)) {
                    // a revision after a series code ("SG01.205-2"); part of a plain number
                    if t.iter().any(u8::is_ascii_alphabetic) {
                        d.version = Some(lower(self.slice(self.i + 1, de)));
                    } else {
                        d.number.push('-');
                        d.number.push_str(&lower(self.slice(self.i + 1, de)));
                    }
                    self.i = de;
                }
            }
        } else {
            return false;
        }
        // twin numbers: "F.400/X.400", "G.709.1/Y.1331.1"
        while self.cur() == b'/' {
            let k = self.i + 1;
            let le2 = self.alpha_end(k);
            if (1..=2).contains(&(le2 - k))
                && self.b(le2) == b'.'
                && self.b(le2 + 1).is_ascii_digit()
                && (!self.text || self.slice(k, le2).iter().all(u8::is_ascii_uppercase))
            {
                self.twins.push(k);
                self.i = self.itu_number_end(le2 + 1);
                let mut scratch = DocId::blank();
                self.itu_suffix(&mut scratch);
            } else {
                break;
            }
        }
        // dates, versions, supplements
        loop {
            let save = self.i;
            if self.cur() == b'/' {
                self.i += 1;
                if self.itu_supp(d) {
                    continue;
                }
                self.i = save;
                break;
            }
            if self.cur() != b' ' {
                break;
            }
            self.i += 1;
            if self.cur() == b'(' && self.itu_paren(d) {
                continue;
            }
            if matches!(self.cur(), b'v' | b'V') {
                let k = if self.b(self.i + 1) == b'.' { self.i + 2 } else { self.i + 1 };
                let de = self.digit_end(k);
                if de > k && !is_word(self.b(de)) {
                    d.version = Some(lower(self.slice(k, de)));
                    self.i = de;
                    continue;
                }
            }
            if self.itu_supp(d) {
                continue;
            }
            if !self.text && self.word_eq(self.token(self.i), "series") {
                self.i = self.alnum_end(self.i);
                continue;
            }
            self.i = save;
            break;
        }
        true
    }

    fn itu_number_end(&self, mut e: usize) -> usize {
        loop {
            e = self.digit_end(e);
            if self.b(e) == b'.' && self.b(e + 1).is_ascii_digit() {
                e += 1;
                continue;
            }
            return e;
        }
    }

    /// "bis", "ter", "R" and single letters after an ITU number: "E.250 bis", "D.502R".
    fn itu_suffix(&mut self, d: &mut DocId) {
        let ae = self.alpha_end(self.i);
        let suf = self.slice(self.i, ae);
        if !suf.is_empty() && !self.b(ae).is_ascii_digit() {
            let ok = ["bis", "ter", "quater"].iter().any(|w| eq_ci(suf, w))
                || suf == b"R"
                || (!self.text && suf.len() == 1)
                || (!self.text && suf.len() == 2 && suf == b"br");
            if ok {
                d.number.push_str(&lower(suf));
                self.i = ae;
                return;
            }
        }
        if self.cur() == b' ' {
            let k = self.i + 1;
            let e = self.alpha_end(k);
            let t = self.slice(k, e);
            if !is_word(self.b(e))
                && (["bis", "ter", "quater"].iter().any(|w| t == w.as_bytes()) || t == b"R")
            {
                d.number.push_str(&lower(t));
                self.i = e;
            }
        }
    }

    /// "(V2)", "(2008)", "(10/2019)" after an ITU number.
    fn itu_paren(&mut self, d: &mut DocId) -> bool {
        let k = self.i + 1;
        if matches!(self.b(k), b'V' | b'v') {
            let de = self.digit_end(k + 1);
            if de > k + 1 && self.b(de) == b')' {
                d.version = Some(lower(self.slice(k + 1, de)));
                self.i = de + 1;
                return true;
            }
            return false;
        }
        let de = self.digit_end(k);
        let (year, end) = match (de - k, self.b(de)) {
            (4, b')') => (digits_value(self.slice(k, de)), de + 1),
            (2, b'/') => {
                let de2 = self.digit_end(de + 1);
                if de2 - (de + 1) != 4 || self.b(de2) != b')' {
                    return false;
                }
                (digits_value(self.slice(de + 1, de2)), de2 + 1)
            }
            _ => return false,
        };
        let Some(y) = year.filter(|&y| plausible_year(y)) else {
            return false;
        };
        match d.supplements.last_mut() {
            Some(s) if s.year.is_none() => s.year = Some(y as u16),
            Some(_) => {}
            None => {
                if d.year.is_none() {
                    d.year = Some(y as u16);
                }
            }
        }
        self.i = end;
        true
    }

    /// ITU supplements: "Amd. 1", "Technical Cor. 1", "Err. 1", "Suppl. 1", "Annex A", "App. I",
    /// and the compact key form "suppl1".
    fn itu_supp(&mut self, d: &mut DocId) -> bool {
        let before = d.supplements.len();
        let save = self.i;
        if self.one_supplement(d, false, false) && d.supplements.len() > before {
            return true;
        }
        self.i = save;
        false
    }

    // -----------------------------------------------------------------------------------------
    // ETSI, 3GPP
    // -----------------------------------------------------------------------------------------

    fn fam_etsi(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let a = self.i;
        let mut e = self.alpha_end(a);
        if self.b(e) == b'-' && self.b(e + 1).is_ascii_alphabetic() {
            e = self.alpha_end(e + 1);
        }
        let dl = self.slice(a, e);
        if dl.is_empty() || dl.len() > 6 || self.b(e) != b' ' {
            return false;
        }
        if self.text && !dl.iter().all(|b| b.is_ascii_uppercase() || *b == b'-') {
            return false;
        }
        d.deliverable = Some(upper(dl));
        self.i = e + 1;
        let mut toks: Vec<String> = Vec::new();
        let mut groups = 0;
        loop {
            let k = self.i;
            let mut te = k;
            while te < self.s.len()
                && (self.s[te].is_ascii_alphanumeric() || matches!(self.s[te], b'.' | b'-'))
            {
                te += 1;
            }
            while te > k && matches!(self.s[te - 1], b'.' | b'-') {
                te -= 1;
            }
            let t = self.slice(k, te);
            if t.is_empty() {
                break;
            }
            let is_version =
                matches!(t[0], b'V' | b'v') && t.get(1).is_some_and(u8::is_ascii_digit);
            if t[0].is_ascii_digit() {
                let lead = t.iter().take_while(|b| b.is_ascii_digit()).count();
                let gsm = lead == 2 && t.get(2) == Some(&b'.');
                if self.text && lead != 3 && !gsm {
                    break;
                }
                if groups == 1 && lead != 3 {
                    break;
                }
                toks.push(lower(t));
                groups += 1;
                self.i = te;
                if groups == 2 || lead != 3 || t.contains(&b'-') {
                    break;
                }
            } else if groups == 0
                && toks.len() < 2
                && !is_version
                && t[0].is_ascii_alphabetic()
                && !eq_ci(t, "ed")
                && (!self.text || t.iter().any(u8::is_ascii_uppercase))
            {
                toks.push(lower(t));
                self.i = te;
            } else {
                break;
            }
            if self.cur() == b' ' && self.b(self.i + 1).is_ascii_alphanumeric() {
                let save = self.i;
                self.i += 1;
                let nt = self.token(self.i);
                let next_ok = if groups == 0 {
                    true
                } else {
                    nt.len() >= 3 && nt[..3].iter().all(u8::is_ascii_digit)
                };
                if !next_ok {
                    self.i = save;
                    break;
                }
            } else {
                break;
            }
        }
        if groups == 0 {
            return false;
        }
        if let Some(last) = toks.last_mut() {
            if let Some(pos) = last.find('-') {
                if last.as_bytes().get(pos + 1).is_some_and(u8::is_ascii_digit) {
                    d.part = Some(last[pos + 1..].to_string());
                    last.truncate(pos);
                }
            }
        }
        d.number = toks.join(" ");
        self.supplements(d, true);
        loop {
            let save = self.i;
            if self.cur() != b' ' {
                break;
            }
            self.i += 1;
            let c = self.cur();
            if matches!(c, b'V' | b'v') && self.b(self.i + 1).is_ascii_digit() {
                let mut e = self.i + 1;
                while e < self.s.len()
                    && (self.s[e].is_ascii_digit()
                        || (self.s[e] == b'.' && self.b(e + 1).is_ascii_digit()))
                {
                    e += 1;
                }
                d.version = Some(lower(self.slice(self.i + 1, e)));
                self.i = e;
                continue;
            }
            if eq_ci(self.token(self.i), "ed")
                && self.b(self.i + 2) == b'.'
                && self.b(self.i + 3).is_ascii_digit()
            {
                let de = self.digit_end(self.i + 3);
                d.version = Some(format!("ed.{}", lower(self.slice(self.i + 3, de))));
                self.i = de;
                continue;
            }
            if c == b'(' {
                let de = self.digit_end(self.i + 1);
                let v = digits_value(self.slice(self.i + 1, de)).unwrap_or(0);
                if de - (self.i + 1) == 4 && plausible_year(v) && matches!(self.b(de), b'-' | b')')
                {
                    d.year = Some(v as u16);
                    let mut e = de;
                    while e < self.s.len() && e < de + 8 && self.s[e] != b')' {
                        e += 1;
                    }
                    self.i = if self.b(e) == b')' { e + 1 } else { de };
                    continue;
                }
            }
            self.i = save;
            break;
        }
        true
    }

    // -----------------------------------------------------------------------------------------
    // W3C, OIML, CCSDS, Ecma, OASIS, OGC, IALA, IHO, IETF
    // -----------------------------------------------------------------------------------------

    fn fam_w3c(&mut self, d: &mut DocId) -> bool {
        const MATURITY: &[(&str, bool)] = &[
            ("WD", true),
            ("FPWD", true),
            ("LCWD", true),
            ("CR", true),
            ("CRD", true),
            ("PR", true),
            ("ED", true),
            ("DNOTE", true),
            ("DRY", true),
            ("CRYD", true),
            ("PER", false),
            ("REC", false),
            ("NOTE", false),
            ("RY", false),
            ("CRY", false),
            ("STMT", false),
            ("DISC", false),
            ("SPSD", false),
            ("RSCND", false),
            ("OBSL", false),
        ];
        self.skip_space();
        let a = self.i;
        let mut e = a;
        while e < self.s.len()
            && (self.s[e].is_ascii_alphanumeric() || matches!(self.s[e], b'-' | b'.' | b'_'))
        {
            e += 1;
        }
        while e > a && matches!(self.s[e - 1], b'-' | b'.' | b'_') {
            e -= 1;
        }
        let mut t = self.slice(a, e);
        let mut matured = false;
        if let Some(pos) = t.iter().position(|&b| b == b'-') {
            if let Some((m, draft)) = MATURITY.iter().find(|(m, _)| t[..pos] == *m.as_bytes()) {
                if *draft {
                    d.draft = Some((*m).to_string());
                }
                t = &t[pos + 1..];
                matured = true;
            }
        }
        if self.text && !matured {
            return false;
        }
        if let Some(pos) = t.iter().rposition(|&b| b == b'-') {
            let date = &t[pos + 1..];
            if (date.len() == 8 || date.len() == 6) && date.iter().all(u8::is_ascii_digit) {
                let y = if date.len() == 8 {
                    digits_value(&date[..4]).map(|v| v as u16)
                } else {
                    digits_value(&date[..2]).map(|v| {
                        if v >= 50 {
                            1900 + v as u16
                        } else {
                            2000 + v as u16
                        }
                    })
                };
                d.year = y;
                d.version = Some(lower(date));
                t = &t[..pos];
            }
        }
        if t.is_empty() {
            return false;
        }
        d.number = lower(t);
        self.i = e;
        true
    }

    fn fam_oiml(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let e = self.alpha_end(self.i);
        let t = self.slice(self.i, e);
        if eq_ci(t, "Bulletin") && !self.text {
            d.deliverable = Some("Bulletin".into());
            self.i = e;
            self.skip_space();
            let a = self.i;
            let mut k = a;
            while k < self.s.len() && (self.s[k].is_ascii_digit() || self.s[k] == b'-') {
                k += 1;
            }
            if k == a {
                return false;
            }
            d.number = lower(self.slice(a, k));
            self.i = k;
            return true;
        }
        if t.len() != 1 || (self.text && !t[0].is_ascii_uppercase()) || !matches!(self.b(e), b' ') {
            return false;
        }
        d.deliverable = Some(upper(t));
        self.i = e;
        self.fam_isolike(d, IsoCx { oiml: true, ..IsoCx::default() })
    }

    fn fam_ccsds(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let a = self.i;
        let ae = self.alnum_end(a);
        if ae == a || self.b(ae) != b'.' || !self.b(ae + 1).is_ascii_digit() {
            return false;
        }
        let e = self.digit_end(ae + 1);
        d.number = lower(self.slice(a, e));
        self.i = e;
        if self.cur() == b'-'
            && self.b(self.i + 1).is_ascii_alphabetic()
            && !self.b(self.i + 2).is_ascii_alphanumeric()
        {
            d.deliverable = Some(upper(&[self.b(self.i + 1)]));
            self.i += 2;
            if self.cur() == b'-' && self.b(self.i + 1).is_ascii_digit() {
                let k = self.i + 1;
                let mut e = k;
                while e < self.s.len()
                    && (self.s[e].is_ascii_digit()
                        || (self.s[e] == b'.' && self.b(e + 1).is_ascii_digit()))
                {
                    e += 1;
                }
                if self.b(e).is_ascii_lowercase() && !self.b(e + 1).is_ascii_alphanumeric() {
                    e += 1;
                }
                d.version = Some(lower(self.slice(k, e)));
                self.i = e;
            }
            if self.cur() == b'-'
                && matches!(self.b(self.i + 1), b'S' | b's')
                && !self.b(self.i + 2).is_ascii_alphanumeric()
            {
                self.i += 2;
            }
        }
        self.supplements(d, false);
        true
    }

    fn fam_ecma(&mut self, d: &mut DocId) -> bool {
        let c = self.cur();
        if !matches!(c, b'-' | b' ') {
            return false;
        }
        let k = self.i + 1;
        if self.b(k).is_ascii_digit() {
            let de = self.digit_end(k);
            d.number = lower(self.slice(k, de));
            self.i = de;
            let mut parts = Vec::new();
            while self.cur() == b'-' && self.b(self.i + 1).is_ascii_digit() {
                let de = self.digit_end(self.i + 1);
                if is_word(self.b(de)) {
                    break;
                }
                parts.push(lower(self.slice(self.i + 1, de)));
                self.i = de;
            }
            if !parts.is_empty() {
                d.part = Some(parts.join("-"));
            }
            return true;
        }
        if c != b' ' {
            return false;
        }
        let e = self.alpha_end(k);
        let t = self.slice(k, e);
        let dl = if self.word_eq(t, "TR") {
            "TR"
        } else if self.word_eq(t, "MEM") {
            "MEM"
        } else {
            return false;
        };
        if !matches!(self.b(e), b'/' | b' ') || !self.b(e + 1).is_ascii_digit() {
            return false;
        }
        let de = self.digit_end(e + 1);
        d.deliverable = Some(dl.to_string());
        d.number = lower(self.slice(e + 1, de));
        self.i = de;
        true
    }

    fn fam_oasis(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let a = self.i;
        let mut e = a;
        while e < self.s.len()
            && (self.s[e].is_ascii_alphanumeric() || matches!(self.s[e], b'-' | b'.'))
        {
            e += 1;
        }
        let mut name: Vec<String> = Vec::new();
        for tok in self.slice(a, e).split(|&b| b == b'-').filter(|t| !t.is_empty()) {
            let core = tok.strip_prefix(b"v").or_else(|| tok.strip_prefix(b"V")).unwrap_or(tok);
            let is_version = !core.is_empty()
                && core[0].is_ascii_digit()
                && core.contains(&b'.')
                && core.iter().all(|b| b.is_ascii_digit() || *b == b'.');
            if is_version {
                d.version = Some(lower(core));
                continue;
            }
            let alpha = tok.iter().take_while(|b| b.is_ascii_alphabetic()).count();
            let (word, num) = tok.split_at(alpha);
            if !num.is_empty() && num.iter().all(u8::is_ascii_digit) && alpha > 0 {
                const STAGES: &[(&str, bool)] = &[
                    ("CS", false),
                    ("OS", false),
                    ("PS", false),
                    ("CN", false),
                    ("COS", false),
                    ("CSD", true),
                    ("CSPRD", true),
                    ("CSDPR", true),
                    ("PSD", true),
                    ("CND", true),
                    ("WD", true),
                ];
                if let Some((st, draft)) = STAGES.iter().find(|(s, _)| eq_ci(word, s)) {
                    if *draft {
                        d.draft = Some((*st).to_string());
                    }
                    continue;
                }
                if eq_ci(word, "part") || eq_ci(word, "pt") {
                    d.part = Some(lower(num));
                    continue;
                }
            }
            name.push(lower(tok));
        }
        if name.is_empty() {
            return false;
        }
        d.number = name.join("-");
        self.i = e;
        true
    }

    fn fam_ogc(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let a = self.i;
        let de = self.digit_end(a);
        if de - a != 2 || self.b(de) != b'-' {
            return false;
        }
        let de2 = self.digit_end(de + 1);
        if de2 - (de + 1) < 3 {
            return false;
        }
        d.number = lower(self.slice(a, de2));
        self.i = de2;
        if matches!(self.cur(), b'r' | b'R') && self.b(self.i + 1).is_ascii_digit() {
            let mut e = self.digit_end(self.i + 1);
            if self.b(e).is_ascii_lowercase() && !is_word(self.b(e + 1)) {
                e += 1;
            }
            d.version = Some(lower(self.slice(self.i, e)));
            self.i = e;
        } else if self.cur().is_ascii_lowercase() && !is_word(self.b(self.i + 1)) && !self.text {
            d.version = Some(lower(&[self.cur()]));
            self.i += 1;
        }
        true
    }

    fn fam_iala(&mut self, d: &mut DocId) -> bool {
        const SKIP: &[&str] = &["Recommendation", "Guideline", "Standard", "Manual"];
        self.skip_space();
        let e = self.alnum_end(self.i);
        if SKIP.iter().any(|w| self.word_eq(self.slice(self.i, e), w)) && self.b(e) == b' ' {
            self.i = e + 1;
        }
        let a = self.i;
        let mut e = a;
        while e < self.s.len()
            && (self.s[e].is_ascii_alphanumeric() || matches!(self.s[e], b'-' | b'.'))
        {
            e += 1;
        }
        while e > a && matches!(self.s[e - 1], b'-' | b'.') {
            e -= 1;
        }
        let t = self.slice(a, e);
        if t.is_empty() {
            return false;
        }
        let alpha = t.iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let rest = &t[alpha..];
        let code = (1..=2).contains(&alpha)
            && rest.first().is_some_and(u8::is_ascii_digit)
            && rest.iter().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'));
        if code {
            match t.iter().position(|&b| b == b'-') {
                Some(pos) => {
                    d.number = lower(&t[..pos]);
                    d.part = Some(lower(&t[pos + 1..]));
                }
                None => d.number = lower(t),
            }
        } else if !self.text && t.iter().any(u8::is_ascii_alphabetic) {
            d.number = lower(t);
        } else {
            return false;
        }
        self.i = e;
        loop {
            let save = self.i;
            if self.cur() != b' ' {
                break;
            }
            self.i += 1;
            let e = self.alnum_end(self.i);
            let w = self.slice(self.i, e);
            if self.word_eq(w, "Ed") || self.word_eq(w, "Edition") {
                let mut k = e;
                if self.b(k) == b'.' {
                    k += 1;
                }
                if self.b(k) == b' ' {
                    k += 1;
                }
                let mut ve = k;
                while ve < self.s.len()
                    && (self.s[ve].is_ascii_digit()
                        || (self.s[ve] == b'.' && self.b(ve + 1).is_ascii_digit()))
                {
                    ve += 1;
                }
                if ve > k {
                    d.version = Some(lower(self.slice(k, ve)));
                    self.i = ve;
                    continue;
                }
            }
            if self.one_supplement(d, true, false) {
                continue;
            }
            self.i = save;
            break;
        }
        self.supplements(d, false);
        true
    }

    fn fam_iho(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        let a = self.i;
        let c = self.cur();
        if !c.is_ascii_alphabetic() || self.b(a + 1) != b'-' || !self.b(a + 2).is_ascii_digit() {
            return false;
        }
        if self.text && !c.is_ascii_uppercase() {
            return false;
        }
        let mut e = self.digit_end(a + 2);
        if self.b(e).is_ascii_alphabetic() && !is_word(self.b(e + 1)) {
            e += 1;
        }
        d.number = lower(self.slice(a, e));
        self.i = e;
        if matches!(self.cur(), b':' | b'/' | b'-') && self.b(self.i + 1).is_ascii_digit() {
            let de = self.digit_end(self.i + 1);
            if !is_word(self.b(de)) {
                d.part = Some(lower(self.slice(self.i + 1, de)));
                self.i = de;
            }
        }
        loop {
            let save = self.i;
            if self.cur() != b' ' {
                break;
            }
            self.i += 1;
            let e = self.alnum_end(self.i);
            let w = self.slice(self.i, e);
            if self.word_eq(w, "Ed") || self.word_eq(w, "Edition") {
                let mut k = e;
                if self.b(k) == b'.' {
                    k += 1;
                }
                if self.b(k) == b' ' {
                    k += 1;
                }
                let mut ve = k;
                while ve < self.s.len()
                    && (self.s[ve].is_ascii_digit()
                        || (self.s[ve] == b'.' && self.b(ve + 1).is_ascii_digit()))
                {
                    ve += 1;
                }
                if ve > k {
                    d.version = Some(lower(self.slice(k, ve)));
                    self.i = ve;
                    continue;
                }
            }
            if !self.text && (self.word_eq(w, "Ap") || self.word_eq(w, "Appendix")) {
                let mut k = e;
                if self.b(k) == b'.' {
                    k += 1;
                }
                if self.b(k) == b' ' {
                    k += 1;
                }
                let ne = self.alnum_end(k);
                if ne > k {
                    d.supplements.push(Supplement {
                        kind: "app".into(),
                        number: Some(lower(self.slice(k, ne))),
                        year: None,
                    });
                    self.i = ne;
                    continue;
                }
            }
            self.i = save;
            break;
        }
        self.supplements(d, false);
        true
    }

    fn fam_ietf(&mut self, d: &mut DocId) -> bool {
        self.skip_space();
        if d.deliverable.is_none() {
            let e = self.alpha_end(self.i);
            let t = self.slice(self.i, e);
            let dl = ["RFC", "BCP", "STD"].into_iter().find(|w| self.word_eq(t, w));
            let Some(dl) = dl else {
                return false;
            };
            d.deliverable = Some(dl.to_string());
            self.i = e;
            self.skip_space();
        }
        self.skip_space();
        let de = self.digit_end(self.i);
        if de == self.i || is_word(self.b(de)) {
            return false;
        }
        d.number = lower(self.slice(self.i, de));
        self.i = de;
        true
    }
}

/// Final normalisation independent of spelling: old IEC numbers become 60000-series numbers.
fn finalize(d: &mut DocId) {
    let c = classify(&d.publishers);
    if c.owner == Some("iec") {
        let plain = d.deliverable.as_deref().is_none_or(|dl| !deliverable_in_key("iec", dl));
        if plain && (1..=4).contains(&d.number.len()) {
            if let Some(n) = digits_value(d.number.as_bytes()) {
                if n > 0 {
                    d.number = (60000 + n).to_string();
                }
            }
        }
    }
    if d.number.len() > 1 && d.number.ends_with('.') {
        d.number.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        match DocId::parse(s) {
            Some(d) => d.document_key(),
            None => panic!("no parse: {s}"),
        }
    }

    fn fam(s: &str) -> String {
        DocId::parse(s).map(|d| d.family_key()).unwrap_or_else(|| panic!("no parse: {s}"))
    }

    fn adopted(s: &str) -> Option<String> {
        DocId::parse(s).and_then(|d| d.adopted_key())
    }

    fn check(cases: &[(&str, &str)]) {
        let mut bad = Vec::new();
        for (raw, want) in cases {
            let got = DocId::parse(raw).map(|d| d.document_key());
            if got.as_deref() != Some(*want) {
                bad.push(format!("{raw:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{} mismatches:\n{}", bad.len(), bad.join("\n"));
    }

    #[test]
    fn iso_spellings() {
        check(&[
            ("ISO 9001:2015", "iso 9001"),
            ("ISO 1:1975", "iso 1"),
            ("ISO/DIS 17895", "iso 17895"),
            ("ISO/FDIS 17895", "iso 17895"),
            ("ISO 17895:2005", "iso 17895"),
            ("ISO 17895:2024", "iso 17895"),
            ("ISO 10009(E)", "iso 10009"),
            ("ISO/IEC 27001:2022", "iso 27001"),
            ("ISO/CEI 27001", "iso 27001"),
            ("ISO/IEC FDIS 27001", "iso 27001"),
            ("ISO/IEC/IEEE 12207:2017", "iso 12207"),
            ("ISO/IEC/IEEE 8802-1AB:2017/Amd 1:2023", "iso 8802-1ab/amd1"),
            ("ISO/IEC/IEEE 8802-A:2015", "iso 8802-a"),
            ("ISO/TS 19139:2007", "iso 19139"),
            ("ISO/TR 10013:2001", "iso 10013"),
            ("ISO/PAS 11154:2006", "iso 11154"),
            ("ISO/ASTM 51026:2015", "iso 51026"),
            ("ISO/ASTM CD TR 52913-1.2", "iso 52913-1"),
            ("ISO/HL7 27953-1:2011", "iso 27953-1"),
            ("ISO/UNDP PAS 53002:2024", "iso 53002"),
            ("ISO/SAE 21434:2021", "iso 21434"),
            ("ISO/CD 10993-1.2", "iso 10993-1"),
            ("ISO/AWI 21379.2", "iso 21379"),
            ("ISO/IEC CD 10646.2", "iso 10646"),
            ("ISO/AWI TS 15855.3", "iso 15855"),
            ("ISO/CD 80601-2-74.2", "iso 80601-2-74"),
            ("ISO/DTS 10303-15", "iso 10303-15"),
            ("ISO/AWI TS 10303-1811", "iso 10303-1811"),
            ("ISO 105-A01:1987", "iso 105-a01"),
            ("ISO 105-A:1984", "iso 105-a"),
            ("ISO 1496-6C:1977", "iso 1496-6c"),
            ("ISO/IEC 29110-5-1-4", "iso 29110-5-1-4"),
            ("ISO/IEC 27001-HBK:2024", "iso 27001-hbk"),
            ("ISO Guide 1:1972", "iso guide 1"),
            ("ISO/IEC Guide 98-3:2008/Suppl 1:2008/Cor 1:2009", "iso guide 98-3/suppl1/cor1"),
            ("ISO/IEC DGuide 98-1", "iso guide 98-1"),
            ("ISO/CD Guide 84", "iso guide 84"),
            ("ISO/DGuide 84", "iso guide 84"),
            ("ISO/IEC CD Guide 99.2", "iso guide 99"),
            ("ISO/R 10:1955", "iso r 10"),
            ("ISO/R 1005-2:1969", "iso r 1005-2"),
            ("ISO/DATA 1:1978", "iso data 1"),
            ("ISO/TTA 1:1994", "iso tta 1"),
            ("ISO/IEC ISP 10607-1:1990", "iso isp 10607-1"),
            ("ISO/ISP 14226-1:1996", "iso isp 14226-1"),
            ("IWA 1:2005", "iso iwa 1"),
            ("CD IWA 45", "iso iwa 45"),
            ("ISO/IEC DIR 2 ISO:2004", "iso dir 2 iso"),
            ("ISO/IEC DIR IEC SUP:2010", "iso dir iec sup"),
            ("ISO/IEC VIM:1993", "iso vim"),
            ("ISO/TS 10303-1346:2018-11", "iso 10303-1346"),
            ("ISO 16170 :2016", "iso 16170"),
            ("ISO 3210/1974", "iso 3210"),
            ("ISO\u{a0}26262", "iso 26262"),
            ("ISO 19069\u{2011}1", "iso 19069-1"),
            ("ISO TS 10797:2012", "iso 10797"),
        ]);
    }

    #[test]
    fn iso_supplements() {
        check(&[
            ("ISO 9001:2015/Amd 1:2024", "iso 9001/amd1"),
            ("ISO/IEC 27001:2013/Cor 1:2014", "iso 27001/cor1"),
            ("ISO/IEC 10035-1:1995/Amd 1:1997/Cor 1:1999", "iso 10035-1/amd1/cor1"),
            ("ISO 10062:2022/DAM 1", "iso 10062/amd1"),
            ("ISO 10077-2:2017/FDAM 1", "iso 10077-2/amd1"),
            ("ISO 10087:2022/CD Amd 1", "iso 10087/amd1"),
            ("ISO 10300-2:2023/AWI Cor 1", "iso 10300-2/cor1"),
            ("ISO 21771-1:2024/CD Amd 1.2", "iso 21771-1/amd1"),
            ("ISO 16399:2023/DAM 1.2", "iso 16399/amd1"),
            ("ISO/IEC DIS 14496-12/CD Amd 1", "iso 14496-12/amd1"),
            ("ISO/IEC DIS 14496-12.2/AWI Amd 1", "iso 14496-12/amd1"),
            ("ISO/IEC/IEEE FDIS 8802-1Q/FDAmd 35", "iso 8802-1q/amd35"),
            ("ISO/IEC/IEEE 8802-1Q/DAM 36", "iso 8802-1q/amd36"),
            ("ISO 3758:1991/Suppl:1993", "iso 3758/suppl"),
            ("ISO/IEC Guide 21:1981/Add 1:1983", "iso guide 21/add1"),
            ("ISO 10532:1995/Amd 1:2004/Cor 1:2006", "iso 10532/amd1/cor1"),
            ("IEC/PWI 61966-2-1/Amd 1:2003", "iec 61966-2-1/amd1"),
            ("ISO 9001:2015 Amendment 1:2020", "iso 9001/amd1"),
            ("ISO/IEC 9899:2011/Corrigendum 1", "iso 9899/cor1"),
            ("ISO/IEC TR 13818-5:1997/Amd 1:1999/Cor 1:2003", "iso 13818-5/amd1/cor1"),
        ]);
        let d = DocId::parse("ISO 9001:2015/Amd 1:2024").unwrap();
        assert_eq!(d.year, Some(2015));
        assert_eq!(
            d.supplements,
            vec![Supplement { kind: "amd".into(), number: Some("1".into()), year: Some(2024) }]
        );
        assert_eq!(d.family_key(), "iso 9001");
        assert!(!d.is_draft());
        let dam = DocId::parse("ISO 10062:2022/DAM 1").unwrap();
        assert_eq!(dam.draft.as_deref(), Some("DAM"));
        let cd = DocId::parse("ISO/IEC 14651:2020/WD Amd 1").unwrap();
        assert_eq!(cd.draft.as_deref(), Some("WD"));
    }

    #[test]
    fn iso_fields() {
        let d = DocId::parse("ISO/CD TR 10064-2.2").unwrap();
        assert_eq!(d.publishers, ["ISO"]);
        assert_eq!(d.draft.as_deref(), Some("CD"));
        assert_eq!(d.deliverable.as_deref(), Some("TR"));
        assert_eq!((d.number.as_str(), d.part.as_deref()), ("10064", Some("2")));
        let d = DocId::parse("ISO/DTS 17536-2").unwrap();
        assert_eq!((d.draft.as_deref(), d.deliverable.as_deref()), (Some("DTS"), Some("TS")));
        let d = DocId::parse("ISO/IEC/IEEE 15026-1:2019").unwrap();
        assert_eq!(d.publishers, ["ISO", "IEC", "IEEE"]);
        assert_eq!(d.year, Some(2019));
        assert_eq!(DocId::parse("ISO/IEC PRF 12087-5").unwrap().draft.as_deref(), Some("PRF"));
        assert_eq!(DocId::parse("ISO/NP 12345").unwrap().draft.as_deref(), Some("NP"));
        assert_eq!(fam("ISO 9001-2:2020"), "iso 9001");
        assert_eq!(fam("ISO Guide 98-3"), "iso guide 98");
    }

    #[test]
    fn iec_spellings() {
        check(&[
            ("IEC 60335-1:2010+A1:2013", "iec 60335-1/amd1"),
            ("IEC 60335-1", "iec 60335-1"),
            ("IEC 31010:2019", "iec 31010"),
            ("IEC/ISO 31010:2009", "iec 31010"),
            ("IEC 559:1982", "iec 60559"),
            ("IEC/TR 828:1988", "iec 60828"),
            ("IEC/TR 60828:1988", "iec 60828"),
            ("IEC TR 60034-4A:1972", "iec 60034-4a"),
            ("IEC 60027-1:1971+AMD1:1974+AMD2:1977 CSV", "iec 60027-1/amd1/amd2"),
            ("IEC 60335-1:2010+AMD1:2013 CSV/COR1:2014", "iec 60335-1/amd1/cor1"),
            ("IEC 60086-3:2021/Cor 1:2023", "iec 60086-3/cor1"),
            ("IEC 62366-1:2015/Amd 1:2020", "iec 62366-1/amd1"),
            ("IEC 60050-351:1975/AMD1:1978/COR1:1979", "iec 60050-351/amd1/cor1"),
            ("IEC 60034-11:2020 RLV", "iec 60034-11"),
            ("IEC 60335-2-101:2024 EXV-CMV", "iec 60335-2-101"),
            ("IEC 60335-2-110/AMD1/FRAG1", "iec 60335-2-110/amd1/frag1"),
            ("IEC 60695-2-1/1:1994", "iec 60695-2-1/1"),
            ("IEC 60417-C00535", "iec 60417-c00535"),
            ("IEC 61360-C00168:", "iec 61360-c00168"),
            ("IEC 61970-CGMES:2022", "iec 61970-cgmes"),
            ("IEC/IEEE 80005-1:2019/Amd 1:2022", "iec 80005-1/amd1"),
            ("IEC/ISO/IEEE 80005-1:2012", "iec 80005-1"),
            ("IEC/ASTM 62885-6:2023/COR1:2024", "iec 62885-6/cor1"),
            ("IEC/CD 63465.2", "iec 63465"),
            ("IEC/IEEE DIS 80005-3.2", "iec 80005-3"),
            ("IEC PAS 60027-6:2004", "iec 60027-6"),
            ("IEC SRD 62913-1:2019", "iec 62913-1"),
            ("IEC Guide 102:1989/AMD1:1994", "iec guide 102/amd1"),
            ("IEC CA 01:2020 CSV", "iec ca 01"),
            ("IEC White Paper AI:2018", "iec white paper ai"),
            ("CISPR 16-1-1:2010+AMD1:2010 CSV", "cispr 16-1-1/amd1"),
            ("CISPR TR 16-3:2000/AMD1:2002", "cispr 16-3/amd1"),
            ("CISPR 11A:1976", "cispr 11a"),
            ("CISPR 14-1:2016/AMD1/FRAG5:", "cispr 14-1/amd1/frag5"),
            ("IEC CISPR 11", "cispr 11"),
        ]);
        assert_eq!(fam("IEC 60335-2-26:2019/AMD1:2022"), "iec 60335");
        let d = DocId::parse("IEC 60335-1:2010+A1:2013").unwrap();
        assert_eq!(d.year, Some(2010));
        assert_eq!(d.supplements[0].year, Some(2013));
    }

    #[test]
    fn ieee_spellings() {
        check(&[
            ("IEEE Std 802.11-2020", "ieee 802.11"),
            ("IEEE 802.11-2020", "ieee 802.11"),
            ("IEEE Std 802.11™-2020", "ieee 802.11"),
            ("IEEE P802.11be/D3.0", "ieee 802.11be"),
            ("IEEE Std 802.11be-2024", "ieee 802.11be"),
            ("ANSI/IEEE C37.010-1979", "ieee c37.010"),
            ("ANSI/IEEE Std 1-1986", "ieee 1"),
            ("IEEE Std C57.12.00-2015", "ieee c57.12.00"),
            ("IEEE Std C57.12.00-2010 Redline", "ieee c57.12.00"),
            ("AIEE 11-1937", "ieee 11"),
            ("IEEE 11™-1937", "ieee 11"),
            ("AIEE No.3™-1962", "ieee 3"),
            ("IEEE Std 3-1982", "ieee 3"),
            ("IEEE Std 1003.1/Cor1-2002", "ieee 1003.1/cor1"),
            ("IEEE 802.3-2015/Cor 1-2017", "ieee 802.3/cor1"),
            ("IEEE P1243/D-3-2023-02", "ieee 1243"),
            ("IEEEE P1243™/D-3-2023-02", "ieee 1243"),
            ("IEEE Approved Std P1013/D-10-2006", "ieee 1013"),
            ("IEEE Unapproved Std P802.16g/D-9-2007-04", "ieee 802.16g"),
            ("IEEE Std P802.11/D-4.0/R-ma", "ieee 802.11"),
            ("IEEE P11073.10418/D-2/Cor1-2015", "ieee 11073.10418/cor1"),
            ("IEEE Std 11073.10101-2019", "ieee 11073.10101"),
            ("IEEE Std 11073-10101-2019", "ieee 11073.10101"),
            ("IEEE Std 8802-3", "ieee 8802.3"),
            ("IEEE Std 1003.1b-1993", "ieee 1003.1b"),
            ("IEEE Std No.127", "ieee 127"),
            ("ANSI C63.4a-2017", "ansi c63.4a"),
            ("ANSI PC63.10/D-14-2020-04", "ansi c63.10"),
            ("ANSI Std C63.12-1987", "ansi c63.12"),
            ("ANSI/USEMCSC C63.14-2023 Redline", "ansi c63.14"),
            ("NACE/IEEE P1835/D-2-2014-07", "ieee 1835"),
            ("IEEE PC57™/D-12.00-2015", "ieee c57"),
            ("ASA C37.1™-1950", "ansi c37.1"),
            ("ISO/IEC/IEEE Std 32675-2022", "iso 32675"),
            ("EEE Std 1671.1-2017", "ieee 1671.1"),
            ("IRE 12.S1-1962", "ire 12.s1"),
            ("IEC 60076.21-2011", "iec 60076-21"),
            ("IEC 60076.21™-2018", "iec 60076-21"),
            ("IEC/IEEE 60076.57-1202", "iec 60076-57-1202"),
            ("IEC/IEEE 62271.37-013-2015", "iec 62271-37-013"),
            ("IEC/IEEE 60255.118-1-2018", "iec 60255-118-1"),
            ("IEC 61523.3", "iec 61523-3"),
            ("ISO/IEC/IEEE 12207-2017", "iso 12207"),
            ("ISO/IEC/IEEE 15026.1-2019", "iso 15026-1"),
            ("ISO/IEC/IEEE 8802.1AB-2017", "iso 8802-1ab"),
            ("IEEE/ISO/IEC 8802.3/Amd4-2021", "iso 8802-3/amd4"),
            ("ISO/IEC/IEEE CD P15288-2021-03", "iso 15288"),
            ("IEEE/IEC P60079.30-1/D-11-2024", "iec 60079-30-1"),
            ("IEC/IEEE CDV P62582.2-2021-03", "iec 62582-2"),
        ]);
        let d = DocId::parse("IEEE P802.11be/D3.0").unwrap();
        assert_eq!(d.draft.as_deref(), Some("P"));
        assert_eq!(d.version.as_deref(), Some("D3.0"));
        assert_eq!(d.number, "802.11be");
        let d = DocId::parse("IEEE P1243/D-3-2023-02").unwrap();
        assert_eq!((d.version.as_deref(), d.year), (Some("D3"), Some(2023)));
        let d = DocId::parse("IEEE Std 802.11-2020").unwrap();
        assert_eq!(d.year, Some(2020));
        assert_eq!(d.publishers, ["IEEE"]);
        assert_eq!(DocId::parse("AIEE 11-1937").unwrap().publishers, ["AIEE"]);
        assert_eq!(DocId::parse("IEC 60076.21-2011").unwrap().year, Some(2011));
    }

    #[test]
    fn itu_spellings() {
        check(&[
            ("ITU-T X.509 (10/2019)", "itu-t x.509"),
            ("ITU-T Rec. X.509", "itu-t x.509"),
            ("Recommendation ITU-T X.509", "itu-t x.509"),
            ("ITU-T Recommendation X.509", "itu-t x.509"),
            ("CCITT X.509", "itu-t x.509"),
            ("X.509 (10/2019)", "itu-t x.509"),
            ("A.2 (2004) Amd. 1 (07/2006)", "itu-t a.2/amd1"),
            ("ITU-T A.12 (2008) Cor. 1 (06/2015)", "itu-t a.12/cor1"),
            ("ITU-T A.11 (2012) Err. 1 (02/2020)", "itu-t a.11/err1"),
            ("ITU-T H.262 (1995) Technical Cor. 1 (11/1996)", "itu-t h.262/cor1"),
            ("ITU-T F.400/X.400 (1996) Amd. 1 (09/1998)", "itu-t f.400/amd1"),
            ("ITU-T D.103/E.231 (10/1984)", "itu-t d.103"),
            ("ITU-T G.709.1/Y.1331.1 (01/2017)", "itu-t g.709.1"),
            ("ITU-T A Suppl. 2 (06/2000)", "itu-t a/suppl2"),
            ("A Suppl. 2 (12/2022)", "itu-t a/suppl2"),
            ("ITU-T D.140 Suppl. 1 (06/2002)", "itu-t d.140/suppl1"),
            ("ITU-T E.250 bis (12/1972)", "itu-t e.250bis"),
            ("ITU-T F.80bis/E.322 (10/1976)", "itu-t f.80bis"),
            ("ITU-T D.200 R (10/1976)", "itu-t d.200r"),
            ("ITU-T D.502R (02/2026)", "itu-t d.502r"),
            ("ITU-T F.742 (V2) (03/2025)", "itu-t f.742"),
            ("ITU-T A.23 Annex A (02/2010)", "itu-t a.23/annexa"),
            ("ITU-T G.101 App. I (05/2000)", "itu-t g.101/appi"),
            ("ITU-T Q.3941.1 v.1 (02/2016)", "itu-t q.3941.1"),
            ("H.222.0 v10 (04/2025)", "itu-t h.222.0"),
            ("ITU-T X.237 (1995) Amd. 1/Technical Cor. 1 (06/1999)", "itu-t x.237/amd1/cor1"),
            ("ITU-T Q.732.2-5 (03/1993)", "itu-t q.732.2-5"),
            ("ITU-T Q.120-Q.139 (11/1988)", "itu-t q.120-q.139"),
            ("ITU-R BO.1130-4", "itu-r bo.1130"),
            ("ITU-R BT.709-6", "itu-r bt.709"),
            ("ITU-R SG01.205-2", "itu-r sg01.205"),
            ("ITU-R 01-201", "itu-r 01-201"),
            ("ITU-T E-100 series Suppl. 1 (02/2019)", "itu-t e-100/suppl1"),
            ("E-100 series Suppl. 1 (02/2019)", "itu-t e-100/suppl1"),
            ("ITU-T E100-300 Suppl. 3 (10/1984)", "itu-t e100-300/suppl3"),
            ("ITU-T EMC-3 (1974) Amd. 1 (01/1978)", "itu-t emc-3/amd1"),
            ("ITU-T H.246 Annex E1 (11/2000)", "itu-t h.246/annexe1"),
            ("ITU-T H.350.1 attachment (08/2003)", "itu-t h.350.1/att"),
            ("ITU-T G.722 (1988) App. IV (11/2009)", "itu-t g.722/appiv"),
            ("ITU-T E.1100 series Suppl. 1 (03/2012)", "itu-t e.1100/suppl1"),
            ("ITU-T SEC-QKD (2020) Cor. 1 (04/2021)", "itu-t sec-qkd/cor1"),
            ("MES-2 (1992) Amd. 1 (01/1999)", "itu-t mes-2/amd1"),
            ("E100-300 Suppl. 4 (10/1984)", "itu-t e100-300/suppl4"),
            ("G 235 (10/1976)", "itu-t g.235"),
        ]);
        let d = DocId::parse("ITU-T A.12 (2008) Cor. 1 (06/2015)").unwrap();
        assert_eq!(d.year, Some(2008));
        assert_eq!(d.supplements[0].year, Some(2015));
        let d = DocId::parse("ITU-T X.509 (10/2019)").unwrap();
        assert_eq!((d.publishers[0].as_str(), d.year), ("ITU-T", Some(2019)));
        assert_eq!(DocId::parse("ITU-R BO.1130-4").unwrap().version.as_deref(), Some("4"));
    }

    #[test]
    fn etsi_spellings() {
        check(&[
            ("ETSI EN 300 328 V2.2.2 (2019-11)", "etsi en 300 328"),
            ("ETSI EN 300 328", "etsi en 300 328"),
            ("ETSI EG 201 026-1 V1.1.1 (1997-07)", "etsi eg 201 026-1"),
            ("ETSI EN 300 019-1-0 V2.1.2 (2003-09)", "etsi en 300 019-1-0"),
            ("ETSI ETS 300 001 ed.4 (1997-01)", "etsi ets 300 001"),
            ("ETSI ETR 001 ed.1 (1990-08)", "etsi etr 001"),
            ("ETSI GR ARF 001 V1.1.1 (2019-04)", "etsi gr arf 001"),
            ("ETSI GR MEC-DEC 025 V2.1.1 (2019-06)", "etsi gr mec-dec 025"),
            ("ETSI GS MEC-DEC 032-1 V2.1.1 (2020-12)", "etsi gs mec-dec 032-1"),
            ("ETSI GTS GSM 01.02 V5.0.0 (1996-03)", "etsi gts gsm 01.02"),
            ("ETSI I-ETS 300 003 ed.1 (1991-08)", "etsi i-ets 300 003"),
            ("ETSI ETS 300 011/A1 ed.1 (1994-12)", "etsi ets 300 011/amd1"),
            ("ETSI ETS 300 092-1/A1/C1 ed.1 (1994-04)", "etsi ets 300 092-1/amd1/cor1"),
            ("ETSI GR mWT 008 V1.1.1 (2018-08)", "etsi gr mwt 008"),
            ("ETSI TS 102 969", "etsi ts 102 969"),
            ("EN 300 328", "etsi en 300 328"),
            ("EN 301 489-1 V2.2.3", "etsi en 301 489-1"),
        ]);
        let d = DocId::parse("ETSI EG 201 026-1 V1.1.1 (1997-07)").unwrap();
        assert_eq!((d.number.as_str(), d.part.as_deref()), ("201 026", Some("1")));
        assert_eq!(d.version.as_deref(), Some("1.1.1"));
    }

    #[test]
    fn other_sdos() {
        check(&[
            ("W3C CR-css-backgrounds-3-20171017", "w3c css-backgrounds-3"),
            ("W3C REC-xml-19980210", "w3c xml"),
            ("W3C NOTE-MCF-XML-970624", "w3c mcf-xml"),
            ("W3C css-2010", "w3c css-2010"),
            ("W3C WD-html5-20090825", "w3c html5"),
            ("OIML R 76-1:2006", "oiml r 76-1"),
            ("OIML B 10:2011+Amendment:2012 (E)", "oiml b 10/amd"),
            ("OIML R 104:1997 Annex F (E)", "oiml r 104/annexf"),
            ("OIML R 126-erratum:2012 (S)", "oiml r 126/err"),
            ("OIML G 1-GUM 1:2023 (E)", "oiml g 1-gum-1"),
            ("OIML R 137-1-2:2012", "oiml r 137-1-2"),
            ("OIML Bulletin 1960-01-01", "oiml bulletin 1960-01-01"),
            ("CCSDS 100.0-G-1-S", "ccsds 100.0"),
            ("CCSDS 121.0-B-1 Cor. 1", "ccsds 121.0/cor1"),
            ("CCSDS A02.1-Y-4 Cor. 1", "ccsds a02.1/cor1"),
            ("CCSDS 650.0-B-1 - French Translated", "ccsds 650.0"),
            ("CCSDS 912.1-R-1.99h", "ccsds 912.1"),
            ("CCSDS 401.0-B", "ccsds 401.0"),
            ("ECMA-262", "ecma 262"),
            ("ECMA-418-1", "ecma 418-1"),
            ("ECMA TR/101", "ecma tr 101"),
            ("ECMA MEM/1962", "ecma mem 1962"),
            ("OASIS OSLC-AM-3.0-Part1-PS01", "oasis oslc-am-1"),
            ("OASIS csaf-v2.0-CS01", "oasis csaf"),
            ("OASIS UBL-2.1", "oasis ubl"),
            ("OASIS STIX-v1.2.1-Core-CS01-Pt3", "oasis stix-core-3"),
            ("OGC 12-128r12", "ogc 12-128"),
            ("01-013r1", "ogc 01-013"),
            ("00-028", "ogc 00-028"),
            ("11-038R2", "ogc 11-038"),
            ("IALA C1001 Ed 3.1 (E)", "iala c1001"),
            ("IALA C0103-1 Ed 3.0", "iala c0103-1"),
            ("IALA G1128 ANNEX A Ed 1.6", "iala g1128/annexa"),
            ("IALA GA01.01", "iala ga01.01"),
            ("IALA G1045 Annex Ed 1", "iala g1045/annex"),
            (
                "IALA heritage-seminar-santander-june-2008 (E)",
                "iala heritage-seminar-santander-june-2008",
            ),
            ("B-10", "iho b-10"),
            ("S-5A", "iho s-5a"),
            ("S-65 Ap. A", "iho s-65/appa"),
            ("P-1/21", "iho p-1-21"),
            ("S-158:100", "iho s-158-100"),
            ("IHO S-100 Edition 5.0.0", "iho s-100"),
            ("RFC 2616", "ietf rfc 2616"),
            ("3GPP TS 23.501 V16.0.0", "3gpp ts 23.501"),
        ]);
        let w = DocId::parse("W3C CR-css-backgrounds-3-20171017").unwrap();
        assert_eq!((w.draft.as_deref(), w.year), (Some("CR"), Some(2017)));
        assert!(!DocId::parse("W3C REC-xml-19980210").unwrap().is_draft());
        let c = DocId::parse("CCSDS 100.0-G-1-S").unwrap();
        assert_eq!((c.deliverable.as_deref(), c.version.as_deref()), (Some("G"), Some("1")));
        assert_eq!(DocId::parse("OGC 12-128r12").unwrap().version.as_deref(), Some("r12"));
    }

    #[test]
    fn gost_and_easc() {
        check(&[
            ("ГОСТ 12.0.004-2015", "gost 12.0.004"),
            ("ГОСТ ISO 9001-2011", "gost iso 9001"),
            ("ГОСТ Р ИСО 9001-2015", "gost r iso 9001"),
            ("ГОСТ Р 52633.5-2011", "gost r 52633.5"),
            ("ГОСТ IEC 60335-1-2015", "gost iec 60335-1"),
            ("ГОСТ Р ИСО/МЭК 27001-2006", "gost r iso 27001"),
            ("ГОСТ 2.105-95", "gost 2.105"),
            ("ПМГ 02-2008", "pmg 02"),
            ("ПМГ 02-93", "pmg 02"),
            ("ПМГ В 31-2001", "pmg v 31"),
        ]);
        let d = DocId::parse("ГОСТ 12.0.004-2015").unwrap();
        assert_eq!((d.publishers[0].as_str(), d.year), ("GOST", Some(2015)));
        assert_eq!(DocId::parse("ПМГ 02-93").unwrap().year, Some(1993));
        assert_eq!(adopted("ГОСТ ISO 9001-2011").as_deref(), Some("iso 9001"));
        assert_eq!(adopted("ГОСТ IEC 60335-1-2015").as_deref(), Some("iec 60335-1"));
        assert_eq!(adopted("ГОСТ Р ИСО 9001-2015").as_deref(), Some("iso 9001"));
        assert_eq!(adopted("ГОСТ 12.0.004-2015"), None);
    }

    #[test]
    fn adoptions() {
        check(&[
            ("EN ISO 9001:2015", "en iso 9001"),
            ("NF EN ISO 9001", "nf en iso 9001"),
            ("BS EN 60335-1:2012+A11:2014", "bs en 60335-1/amd11"),
            ("DIN EN ISO 13849-1", "din en iso 13849-1"),
            ("NEN-EN-ISO 9001:2015", "nen en iso 9001"),
            ("EN IEC 62368-1:2020", "en iec 62368-1"),
            ("CEN/TS 16931-3-1:2017", "en 16931-3-1"),
            ("BS 7671:2018", "bs 7671"),
            ("EN 50160:2010", "en 50160"),
            ("CEI EN 60335-1", "cei en 60335-1"),
        ]);
        assert_eq!(adopted("EN ISO 9001:2015").as_deref(), Some("iso 9001"));
        assert_eq!(adopted("NF EN ISO 9001").as_deref(), Some("iso 9001"));
        assert_eq!(adopted("BS EN 60335-1").as_deref(), Some("iec 60335-1"));
        assert_eq!(adopted("EN 55011:2016").as_deref(), Some("cispr 11"));
        assert_eq!(adopted("EN 50160:2010"), None);
        assert_eq!(adopted("IEEE Std 8802-3").as_deref(), Some("iso 8802-3"));
        assert_eq!(adopted("IEEE Std 15288-2008").as_deref(), Some("iso 15288"));
        assert_eq!(adopted("IEEE Std 11073-10101-2019"), None);
        assert_eq!(adopted("ISO/IEC 27001:2022"), None);
        assert_eq!(adopted("ANSI/IEEE C37.010-1979"), None);
        let d = DocId::parse("BS EN ISO 9001:2015").unwrap();
        assert_eq!(d.publishers, ["BS", "EN", "ISO"]);
        assert_eq!(d.document_key(), "bs en iso 9001");
        assert_eq!(d.adopted_key().as_deref(), Some("iso 9001"));
        assert_eq!(d.family_key(), "bs en iso 9001");
    }

    #[test]
    fn not_identifiers() {
        for s in [
            "",
            "   ",
            "ISO standards",
            "the ISO committee",
            "IEEE members",
            "in 2019",
            "ISO/TC 22",
            "ISO/IEC JTC 1/SC 27",
            "ITU-T SG17",
            "ICS 43.180",
            "ISO",
            "IEEE White Paper",
            "AIEE Nos",
            "hello world",
            "2019",
            "ETSI ITS architecture",
        ] {
            assert!(DocId::parse(s).is_none(), "parsed {s:?}: {:?}", DocId::parse(s));
        }
    }

    #[test]
    fn fallback_keys() {
        assert_eq!(document_key("Some  Internal Spec:2020"), "some internal spec");
        assert_eq!(document_key("ACME widget spec-2019"), "acme widget spec");
        assert_eq!(document_key("   "), "   ");
        assert_eq!(document_key(":2019"), ":2019");
        assert_eq!(family_key("whatever thing"), "whatever thing");
        assert!(!document_key("(").is_empty());
    }

    #[test]
    fn keys_parse_back() {
        for s in [
            "ISO/IEC 27001:2013/Cor 1:2014",
            "ISO Guide 51",
            "IEC 60335-1:2010+A1:2013",
            "ITU-T A Suppl. 2 (06/2000)",
            "ITU-T A.23 Annex A (02/2010)",
            "ITU-R BO.1130-4",
            "IEEE P802.11be/D3.0",
            "IEEE Std 1003.1/Cor1-2002",
            "ETSI ETS 300 011/A1 ed.1 (1994-12)",
            "ETSI GR ARF 001 V1.1.1",
            "W3C CR-css-backgrounds-3-20171017",
            "OIML R 76-1:2006",
            "OIML R 104:1997 Annex F (E)",
            "CCSDS 121.0-B-1 Cor. 1",
            "ECMA TR/101",
            "ECMA-262",
            "OASIS OSLC-AM-3.0-Part1-PS01",
            "OGC 12-128r12",
            "IALA C0103-1 Ed 3.0",
            "S-158:100",
            "S-65 Ap. A",
            "ГОСТ Р ИСО 9001-2015",
            "ПМГ В 31-2001",
            "BS EN ISO 9001:2015",
            "CEN/TS 16931-3-1:2017",
            "ISO/IEC DIR 2 ISO:2004",
            "IEC White Paper AI:2018",
            "RFC 2616",
            "3GPP TS 23.501",
            "ISO/R 10:1955",
            "IWA 1:2005",
            "ISO 105-A01:1987",
            "IEC 60695-2-1/1:1994",
            "ISO/IEC 10035-1:1995/Amd 1:1997/Cor 1:1999",
            "IEC 60335-2-110/AMD1/FRAG1",
            "OIML Bulletin 1960-01-01",
            "ITU-T E.250 bis (12/1972)",
            "ITU-T H.246 Annex E1 (11/2000)",
            "IALA G1128 ANNEX A Ed 1.6",
            "ITU-T H.350.1 attachment (08/2003)",
            "ITU-T Q.120-Q.139 (11/1988)",
            "E-100 series Suppl. 1",
            "ITU-T G.722 (1988) App. IV (11/2009)",
            "EN 300 328",
        ] {
            let k = key(s);
            assert_eq!(document_key(&k), k, "key of {s:?} does not parse back");
            let f = fam(s);
            assert_eq!(family_key(&f), f, "family key of {s:?} does not parse back");
        }
    }

    #[test]
    fn extraction() {
        let keys = |t: &str| -> Vec<String> {
            extract_identifiers(t).iter().map(|d| d.document_key()).collect()
        };
        assert_eq!(keys("see ISO 9001"), ["iso 9001"]);
        assert_eq!(keys("This is a revision of ISO/IEC 27001:2013."), ["iso 27001"]);
        assert_eq!(
            keys("as in ITU-T Rec. X.509 and Recommendation ITU-T G.650.2"),
            ["itu-t x.509", "itu-t g.650.2"]
        );
        assert_eq!(keys("functional safety (IEC 61508-3)"), ["iec 61508-3"]);
        assert_eq!(keys("IEEE Std 802.11-2020 and IEEE 802.3"), ["ieee 802.11", "ieee 802.3"]);
        assert_eq!(keys("EN ISO 13849-1 applies"), ["en iso 13849-1"]);
        assert_eq!(keys("ISO 3166-1 and ISO 639"), ["iso 3166-1", "iso 639"]);
        assert_eq!(
            keys("ISO 21587-1, ISO 21587-2 and ISO 21587-3."),
            ["iso 21587-1", "iso 21587-2", "iso 21587-3"]
        );
        assert_eq!(keys("ITU-T F.400/X.400 message handling"), ["itu-t f.400", "itu-t x.400"]);
        assert_eq!(
            keys("ITU-T Rec. H.264 | ISO/IEC 14496-10 Advanced Video Coding"),
            ["itu-t h.264", "iso 14496-10"]
        );
        assert_eq!(keys("in accordance with Recommendation F.72. The"), ["itu-t f.72"]);
        assert_eq!(keys("X.509 certificates"), ["itu-t x.509"]);
        assert_eq!(keys("dans l'ISO 19069‑1 et l’IEC 60034‑1"), ["iso 19069-1", "iec 60034-1"]);
        assert_eq!(keys("ISO\u{a0}26262 methodology"), ["iso 26262"]);
        assert_eq!(keys("This part of ISO&#x2F;IEC 9314 extends"), ["iso 9314"]);
        assert_eq!(keys("IEC 63044-1:2017+A1:2021 applies"), ["iec 63044-1/amd1"]);
        assert_eq!(
            keys("ISO 9001:2015/Amd 1:2024 and ISO 9001:2015"),
            ["iso 9001/amd1", "iso 9001"]
        );
        assert_eq!(keys("requirements defined in ETSI TS 102 969 (“Radio"), ["etsi ts 102 969"]);
        assert_eq!(keys("ETSI EN 300 328 V2.2.2 (2019-11) covers"), ["etsi en 300 328"]);
        assert_eq!(keys("fifth edition of CISPR 22 specifies"), ["cispr 22"]);
        assert_eq!(keys("defined in ECMA-133."), ["ecma 133"]);
        assert_eq!(keys("ISO/IEC Guide 98-3 (GUM)"), ["iso guide 98-3"]);
        assert_eq!(
            keys("ГОСТ Р ИСО 9001-2015 и ГОСТ 12.0.004-2015"),
            ["gost r iso 9001", "gost 12.0.004"]
        );
        assert_eq!(keys("IEEE P2030.5 and IEEE Std 1547™-2018"), ["ieee 2030.5", "ieee 1547"]);
        assert_eq!(keys("ISO 9001-certified and ISO-compliant"), ["iso 9001"]);
        assert_eq!(keys("per RFC 2616, HTTP"), ["ietf rfc 2616"]);
        assert_eq!(
            keys("3GPP TS 23.501 and ETSI EN 303 645"),
            ["3gpp ts 23.501", "etsi en 303 645"]
        );
        assert_eq!(keys("ISO 9001:2015 Amendment 1 adds"), ["iso 9001/amd1"]);
        assert_eq!(keys("IEC 60601-1-2:2014+AMD1:2020"), ["iec 60601-1-2/amd1"]);
        assert_eq!(
            keys("radio equipment (EN 300 328) and ANSI C63.4"),
            ["etsi en 300 328", "ansi c63.4"]
        );
        assert_eq!(keys("ISO 9001 and ISO 9001:2015 again"), ["iso 9001"]);
        // no false positives
        for t in [
            "ISO standards are developed by the ISO committee",
            "IEEE members met in 2019",
            "ISO/TC 22 and ISO/IEC JTC 1/SC 27 and ITU-T SG 17",
            "ICS 43.180 and 35.240",
            "see Annex A.101, Table B.2 and clause 4.2",
            "the iso 9001 lower case",
            "ETSI ITS architecture",
            "OASIS members",
            "in 2019 we had 4 GB",
            "the ANSI T1 committee",
        ] {
            assert!(keys(t).is_empty(), "{t:?} gave {:?}", keys(t));
        }
        let found = extract_identifiers("see ISO/IEC 27001:2013 now");
        assert_eq!(found[0].raw, "ISO/IEC 27001:2013");
        let found = extract_identifiers("l’ISO\u{a0}19069‑1:2020 ok");
        assert_eq!(found[0].raw, "ISO\u{a0}19069‑1:2020");
    }

    #[test]
    fn serde_roundtrip() {
        let d = DocId::parse("ISO 9001:2015/Amd 1:2024").unwrap();
        let json = serde_json::to_string(&d).unwrap();
        let back: DocId = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        fn generated_id() -> impl Strategy<Value = String> {
            let prefix = prop_oneof![
                Just("ISO "),
                Just("ISO/IEC "),
                Just("IEC "),
                Just("ISO/TS "),
                Just("IEC/TR "),
                Just("ISO/DIS "),
                Just("ISO/IEC FDIS "),
                Just("CISPR "),
                Just("EN ISO "),
                Just("BS EN "),
                Just("ISO Guide "),
            ];
            (
                prefix,
                1u32..99999,
                proptest::option::of(1u32..40),
                proptest::option::of(1950u32..2030),
                proptest::option::of((1u32..5, proptest::option::of(1990u32..2030))),
            )
                .prop_map(|(p, n, part, year, amd)| {
                    let mut s = format!("{p}{n}");
                    if let Some(pt) = part {
                        s.push_str(&format!("-{pt}"));
                    }
                    if let Some(y) = year {
                        s.push_str(&format!(":{y}"));
                    }
                    if let Some((a, ay)) = amd {
                        s.push_str(&format!("/Amd {a}"));
                        if let Some(ay) = ay {
                            s.push_str(&format!(":{ay}"));
                        }
                    }
                    s
                })
        }

        fn generated_itu() -> impl Strategy<Value = String> {
            (
                prop_oneof![Just("ITU-T "), Just("ITU-T Rec. "), Just("")],
                proptest::sample::select(vec!['E', 'G', 'H', 'X', 'Y', 'Q']),
                1u32..9999,
                proptest::option::of(1u32..20),
                proptest::option::of((1u32..12, 1990u32..2030)),
            )
                .prop_map(|(p, l, n, sub, date)| {
                    let mut s = format!("{p}{l}.{n}");
                    if let Some(x) = sub {
                        s.push_str(&format!(".{x}"));
                    }
                    if let Some((m, y)) = date {
                        s.push_str(&format!(" ({m:02}/{y})"));
                    }
                    s
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(512))]

            #[test]
            fn never_panics(s in "\\PC{0,80}") {
                let _ = DocId::parse(&s);
                let k = document_key(&s);
                prop_assert!(s.is_empty() || !k.is_empty());
                let _ = family_key(&s);
                let _ = extract_identifiers(&s);
            }

            #[test]
            fn never_panics_on_id_like(s in "[A-Za-z0-9 /:.()+\\-™‑ГОСТРИ]{0,40}") {
                if let Some(d) = DocId::parse(&s) {
                    let _ = (d.document_key(), d.family_key(), d.adopted_key());
                }
                let _ = extract_identifiers(&s);
            }

            #[test]
            fn never_panics_on_long_text(words in proptest::collection::vec(
                prop_oneof![
                    Just("ISO".to_string()), Just("IEC".to_string()), Just("ITU-T".to_string()),
                    Just("IEEE".to_string()), Just("ETSI EN".to_string()), Just("/".to_string()),
                    Just("-".to_string()), Just(":".to_string()), Just("Amd".to_string()),
                    Just("ГОСТ".to_string()), Just("Rec.".to_string()), "[0-9]{1,5}", "[A-Z]\\.[0-9]{1,4}",
                    "\\PC{1,6}",
                ], 0..60)) {
                let t = words.join(" ");
                let _ = extract_identifiers(&t);
                let t2 = words.concat();
                let _ = extract_identifiers(&t2);
                let _ = DocId::parse(&t2);
                let _ = document_key(&t2);
            }

            #[test]
            fn generated_ids_are_stable(id in generated_id()) {
                let d = DocId::parse(&id);
                prop_assert!(d.is_some(), "no parse: {}", id);
                let k = document_key(&id);
                prop_assert_eq!(document_key(&k), k.clone());
                let f = family_key(&id);
                prop_assert_eq!(family_key(&f), f.clone());
                prop_assert!(k.starts_with(&f));
                // the edition year never changes the key
                let no_year: String = match id.find(':') {
                    Some(c) => {
                        let rest = &id[c + 5..];
                        format!("{}{}", &id[..c], rest)
                    }
                    None => id.clone(),
                };
                prop_assert_eq!(document_key(&no_year), k.clone());
                let found = extract_identifiers(&format!("see {id} for details"));
                prop_assert_eq!(found.len(), 1);
                prop_assert_eq!(found[0].document_key(), k);
            }

            #[test]
            fn generated_itu_are_stable(id in generated_itu()) {
                let k = document_key(&id);
                prop_assert!(k.starts_with("itu-t "), "{} -> {}", id, k);
                prop_assert_eq!(document_key(&k), k.clone());
                prop_assert_eq!(family_key(&id), k);
            }
        }
    }
}
