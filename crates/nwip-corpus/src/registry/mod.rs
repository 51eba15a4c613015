//! The registry of organisations: every fact nwip knows about a standards body, as data.
//!
//! One [`Organisation`] per body says what it is called ([`Organisation::name`], the name records
//! and reports show; its aliases in catalogues), what kind of body it is
//! ([`OrganisationKind`]: international, regional, national, consortium or intergovernmental),
//! whether it adopts other bodies' documents, its co-publishing habits ([`Habit`]: ISO/IEC joint
//! numbers, ITU-T | ISO/IEC common texts, ETSI transpositions of 3GPP specifications, EN numbers of
//! IEC documents), its stage vocabulary ([`StageWord`]) and, per [`Publisher`] (the prefixes its
//! identifiers start with), the spellings, the namespace of its document keys and the [`Grammar`]
//! that reads its identifiers.
//!
//! Every part of nwip that needs a fact about an organisation asks here: the identifier parser
//! ([`crate::docid`]) for publishers, namespaces and grammars, the importer for organisation names,
//! [`crate::Stage`] for stage words, and the liaison code of the scorer for the kind of a body.
//! Adding an organisation is one entry in `table.rs`, a grammar when its identifiers need one, and
//! a test table (see the README, "Adding an organisation").
//!
//! ```
//! use nwip_corpus::registry::{self, OrganisationKind};
//!
//! let codex = registry::organisation("CAC").unwrap();
//! assert_eq!(codex.name, "Codex");
//! assert_eq!(codex.kind, OrganisationKind::Intergovernmental);
//! assert_eq!(registry::organisation("xep").unwrap().name, "XSF");
//! assert_eq!(registry::organisation_of_publisher("CISPR").unwrap().name, "IEC");
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::stage::Lifecycle;

mod table;
mod vocabulary;

pub use table::ORGANISATIONS;

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OrganisationKind {
    /// A non-governmental international standards body or forum (ISO, IEC, IEEE, IETF, CIE).
    International,
    /// A regional standards body (CEN, CENELEC, ETSI, EASC).
    Regional,
    /// A national standards body or agency (BSI, DIN, JISC, ANSI, NIST).
    National,
    /// An industry consortium or partnership (W3C, OASIS, OGC, Ecma, 3GPP, XSF, CalConnect).
    Consortium,
    /// An organisation of governments, set up by treaty (ITU, OIML, BIPM, IHO, IALA, Codex, IMO):
    /// a proposal on its subject should say whether it has been contacted.
    Intergovernmental,
}

impl OrganisationKind {
    /// Returns the lower-case name used in reports (`intergovernmental`).
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::International => "international",
            OrganisationKind::Regional => "regional",
            OrganisationKind::National => "national",
            OrganisationKind::Consortium => "consortium",
            OrganisationKind::Intergovernmental => "intergovernmental",
        }
    }
}

impl std::fmt::Display for OrganisationKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A standards body and what nwip knows about it.
#[derive(Debug)]
pub struct Organisation {
    /// The name records, statistics and reports show (`ISO`, `XSF`, `CalConnect`, `Codex`).
    pub name: &'static str,
    /// The full name (`Codex Alimentarius Commission`).
    pub full_name: &'static str,
    /// What kind of body it is.
    pub kind: OrganisationKind,
    /// Other names catalogues use for it: identifier types, publisher abbreviations (`XEP`, `CAC`).
    pub aliases: &'static [&'static str],
    /// Whether it publishes other bodies' documents under its own identifiers (`EN ISO 9001`,
    /// `BS EN 60335-1`, `ГОСТ ISO 9001`).
    pub adopts_others: bool,
    /// The prefixes its identifiers start with.
    pub publishers: &'static [Publisher],
    /// How it publishes together with others.
    pub habits: &'static [Habit],
    /// Its stage vocabulary: catalogue status words and the stage markers of its identifiers.
    pub stages: &'static [StageWord],
    /// Documents it cites by name, without a publisher (IMO's `SOLAS`, `MARPOL`, `ISM Code`).
    pub named_documents: &'static [&'static str],
}

/// A prefix of identifiers: `ISO`, `CISPR`, `GOST R`, `NBS`, `CGPM`.
#[derive(Debug)]
pub struct Publisher {
    /// Canonical name, upper-case, as [`crate::docid::DocId::publishers`] holds it.
    pub name: &'static str,
    /// How it is written in identifiers.
    pub spellings: &'static [Spelling],
    /// The first word of its document keys (`iso`, `cispr`, `en`, `gost r`, `nist`).
    pub namespace: &'static str,
    /// What it does to the documents it names.
    pub role: Role,
    /// The grammar that reads the rest of its identifiers.
    pub grammar: Grammar,
    /// Whether its identifiers never name a co-publisher after it (`ITU-T X.509`, `ETSI EN`): the
    /// head of the identifier ends here.
    pub closes_head: bool,
    /// Which deliverable words enter its document keys.
    pub deliverables_in_key: DeliverablesInKey,
    /// Before these publishers it is an approval mark, not an adoption (`ANSI/IEEE C37.010` is
    /// IEEE's document).
    pub mark_before: &'static [&'static str],
    /// Deliverables that became another under the same number, as `(old, new)`: the document
    /// key writes the new one (ETSI turned its ETS and I-ETS into ENs, so `ETSI ETS 300 328` is
    /// an edition of `ETSI EN 300 328`).
    pub renamed_deliverables: &'static [(&'static str, &'static str)],
}

/// One way a publisher is written.
#[derive(Debug)]
pub struct Spelling {
    /// The text, case as usually written (`ISO`, `Ecma`, `ITU-T`, `GOST R`, `CAC/GL`).
    pub text: &'static str,
    /// Whether it is recognised in free text (where case must match exactly).
    pub in_prose: bool,
    /// The deliverable the spelling implies (`RFC` is IETF's RFC series, `CXS` a Codex standard,
    /// `IWA` ISO's workshop agreement); such a spelling ends the head of the identifier.
    pub deliverable: Option<&'static str>,
    /// The spelling only means this publisher before one of these words (the Italian `CEI EN`,
    /// where a French `CEI` alone is IEC).
    pub only_before: &'static [&'static str],
    /// Whether the case must match even in catalogues (IETF's `STD` is not IEEE's `Std`).
    pub case_sensitive: bool,
}

/// What a publisher does to the documents it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// It owns the number space: the key is in its namespace. When several owners appear
    /// (`IEEE/ISO/IEC 8802-3`) the highest precedence wins, the first among equals.
    Owner {
        /// Rank among co-publishing owners (CISPR 3, ISO and IEC 2, IEEE and CIE 1).
        precedence: u8,
    },
    /// It adopts: its name goes in front of the owner's key (`EN ISO 9001` is `en iso 9001`).
    Adopter,
    /// It co-publishes under another's number and has no namespace of its own (`ISO/ASTM`).
    CoPublisher,
}

/// Which deliverable words enter a publisher's document keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliverablesInKey {
    /// Every deliverable has its own numbers (`etsi en 300 328`, `ietf rfc 9110`).
    All,
    /// None does (`ieee 802.11`, `itu-t x.509`, `ccsds 650.0`).
    None,
    /// Only those with their own number space; TS, TR, PAS, IS and SRD share the standards'
    /// numbers (`iso 19139` for ISO/TS 19139, `iso guide 51`).
    OwnNumberSpaces,
}

/// The grammar that reads the identifiers of a publisher, after the publisher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Grammar {
    /// ISO, IEC, CISPR and most regional and national bodies: `ISO/IEC 27001:2013/Cor 1:2014`.
    IsoLike,
    /// EASC and the GOST family: dotted numbers, `-2015` and `-93` years.
    Gost,
    /// A national or unknown publisher: numbers may start with letters.
    Generic,
    /// IEEE, AIEE, IRE, ANSI: `IEEE Std 802.11-2020`, `IEEE P802.11be/D3.0`.
    Ieee,
    /// ITU-T and ITU-R Recommendations: `ITU-T X.509 (10/2019)`, `ITU-R BT.709-6`.
    Itu,
    /// ETSI deliverables: `ETSI EN 300 328 V2.2.2 (2019-11)`.
    Etsi,
    /// 3GPP specifications: `3GPP TS 23.501:REL-19/19.5.0`.
    ThreeGpp,
    /// W3C: `W3C CR-css-backgrounds-3-20171017`.
    W3c,
    /// OIML: `OIML R 76-1:2006`.
    Oiml,
    /// CCSDS: `CCSDS 121.0-B-1 Cor. 1`.
    Ccsds,
    /// Ecma: `ECMA-262`, `ECMA TR/101`.
    Ecma,
    /// OASIS: `OASIS csaf-v2.0-CS01`.
    Oasis,
    /// OGC: `OGC 12-128r12`.
    Ogc,
    /// IALA: `IALA C0103-1 Ed 3.0`.
    Iala,
    /// IHO: `IHO S-100 Edition 5.0.0`.
    Iho,
    /// IETF: `RFC 9110`, `BCP 9`, `STD 97`, `FYI 1`.
    Ietf,
    /// NIST and NBS: `NIST SP 800-53r5`, `NIST FIPS 140-3`, `NBS CIRC 100e2`.
    Nist,
    /// BIPM outcomes and guides: `CGPM RES 1 (1927)`, `CIPM DECN 90-1 (2001)`, `JCGM 100:2008`.
    Bipm,
    /// CIE: `CIE S 009/E:2002`, `CIE 015:2018`.
    Cie,
    /// JIS: `JIS A 1148:2010`.
    Jis,
    /// XSF: `XEP-0001`.
    Xsf,
    /// CalConnect: `CC/S 0903:2009`.
    CalConnect,
    /// IANA registries: `IANA sip-parameters/sip-parameters-3`.
    Iana,
    /// Codex: `CXS 1-1985`, `CXG 2-1985`, `CODEX STAN 1-1985`.
    Codex,
    /// IMO: `SOLAS 1974`, `MARPOL 73/78`, `ISM Code`, `IMO Resolution MSC.391(95)`.
    Imo,
}

/// A co-publishing habit: how an organisation's documents are also another's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Habit {
    /// Develops documents jointly under one number with `partner` (`ISO/IEC 27001`).
    JointNumbers {
        /// The partner organisation.
        partner: &'static str,
    },
    /// Publishes texts identical to `partner`'s under its own numbers (ITU-T | ISO/IEC common
    /// texts: `ITU-T X.509` is `ISO/IEC 9594-8`).
    CommonTexts {
        /// The partner organisation.
        partner: &'static str,
    },
    /// Its publisher `adopter` numbers `owner`'s documents `first..=last` as `number - subtract`
    /// (`EN 60335-1` is `IEC 60335-1`, `EN 55011` is `CISPR 11`, `IEEE 8802-3` is ISO's).
    AdoptsNumbers {
        /// The adopting publisher (`EN`, `IEEE`).
        adopter: &'static str,
        /// The owning publisher (`IEC`, `CISPR`, `ISO`).
        owner: &'static str,
        /// First number of the range.
        first: u32,
        /// Last number of the range.
        last: u32,
        /// Subtracted from the adopter's number to give the owner's (`55011 - 55000 = 11`).
        subtract: u32,
    },
    /// Transposes 3GPP specifications: ETSI TS 1ss nnn is 3GPP TS ss.nnn for the 3GPP series
    /// `first..=last` (`ETSI TS 123 501` is `3GPP TS 23.501`).
    Transposes3gpp {
        /// First 3GPP series transposed.
        first: u32,
        /// Last 3GPP series transposed.
        last: u32,
    },
    /// Renumbered its documents: numbers of at most `digits` digits of `publisher` had `add`
    /// added (IEC in 1997: `IEC 828` is `IEC 60828`).
    Renumbered {
        /// The publisher renumbered.
        publisher: &'static str,
        /// Longest old number, in digits.
        digits: usize,
        /// What was added.
        add: u32,
    },
}

/// A word of an organisation's stage vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StageWord {
    /// The word as catalogues or identifiers write it (compared case-insensitively).
    pub word: &'static str,
    /// What it means.
    pub lifecycle: Lifecycle,
    /// Where the word is found.
    pub found_in: StageSource,
    /// The canonical spelling of an identifier stage (`NP` for `NWIP`); the word itself if None.
    pub canonical: Option<&'static str>,
    /// The deliverable an identifier stage implies (`DTS` is a draft TS).
    pub implies: Option<&'static str>,
}

/// Where a stage word is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageSource {
    /// In the catalogue's status field (`PUBLISHED`, `in-force`, `valid`).
    Status,
    /// In identifiers (`ISO/DIS 17895`, `IEEE P802.11`, `3GPP ... /0.3.0`).
    Identifier,
    /// In both.
    Both,
}

impl StageWord {
    /// The canonical spelling of the stage (`NP` for `NWIP`).
    pub fn canonical(&self) -> &'static str {
        self.canonical.unwrap_or(self.word)
    }

    fn is_in_identifiers(&self) -> bool {
        matches!(self.found_in, StageSource::Identifier | StageSource::Both)
    }

    fn is_in_status(&self) -> bool {
        matches!(self.found_in, StageSource::Status | StageSource::Both)
    }
}

impl Organisation {
    /// Returns what a catalogue status word of this organisation means (`REVISED` of IEC,
    /// `replaces` of EASC), if its vocabulary has the word.
    ///
    /// ```
    /// use nwip_corpus::{registry, Lifecycle};
    /// let easc = registry::organisation("EASC").unwrap();
    /// assert_eq!(easc.status_lifecycle("replaces"), Some(Lifecycle::Published));
    /// ```
    pub fn status_lifecycle(&self, word: &str) -> Option<Lifecycle> {
        let word = word.trim();
        self.stages
            .iter()
            .find(|stage| stage.is_in_status() && stage.word.eq_ignore_ascii_case(word))
            .map(|stage| stage.lifecycle)
    }

    /// Returns the identifier stage word of this organisation's vocabulary, if `word` is one.
    pub fn identifier_stage(&self, word: &str) -> Option<&'static StageWord> {
        self.stages
            .iter()
            .find(|stage| stage.is_in_identifiers() && stage.word.eq_ignore_ascii_case(word))
    }

    /// Tells whether the organisation is intergovernmental.
    pub fn is_intergovernmental(&self) -> bool {
        self.kind == OrganisationKind::Intergovernmental
    }
}

impl Publisher {
    /// Returns the owner precedence, or None when the publisher does not own numbers.
    pub fn owner_precedence(&self) -> Option<u8> {
        match self.role {
            Role::Owner { precedence } => Some(precedence),
            Role::Adopter | Role::CoPublisher => None,
        }
    }

    /// Returns the deliverable its document keys write for `deliverable`: the one it became
    /// ([`Publisher::renamed_deliverables`]), else itself.
    ///
    /// ```
    /// use nwip_corpus::registry;
    /// let etsi = registry::publisher("ETSI").unwrap();
    /// assert_eq!(etsi.key_deliverable("I-ETS"), "EN");
    /// assert_eq!(etsi.key_deliverable("TS"), "TS");
    /// ```
    pub fn key_deliverable<'a>(&self, deliverable: &'a str) -> &'a str {
        self.renamed_deliverables
            .iter()
            .find(|(old, _)| old.eq_ignore_ascii_case(deliverable))
            .map_or(deliverable, |(_, new)| new)
    }

    /// Tells whether a deliverable word enters the publisher's document keys.
    pub fn deliverable_in_key(&self, deliverable: &str) -> bool {
        match self.deliverables_in_key {
            DeliverablesInKey::All => true,
            DeliverablesInKey::None => false,
            DeliverablesInKey::OwnNumberSpaces => !["TS", "TR", "PAS", "IS", "SRD"]
                .iter()
                .any(|shared| shared.eq_ignore_ascii_case(deliverable)),
        }
    }
}

/// Every organisation of the registry.
pub fn organisations() -> &'static [Organisation] {
    ORGANISATIONS
}

/// Finds an organisation by its name, full name, an alias, or a publisher name or spelling,
/// case-insensitively.
///
/// ```
/// use nwip_corpus::registry;
/// assert_eq!(registry::organisation("CalConnect").unwrap().name, "CalConnect");
/// assert_eq!(registry::organisation("CALCONNECT").unwrap().name, "CalConnect");
/// assert_eq!(registry::organisation("NBS").unwrap().name, "NIST");
/// assert!(registry::organisation("ACME").is_none());
/// ```
pub fn organisation(name: &str) -> Option<&'static Organisation> {
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    indexes().by_name.get(&name.to_uppercase()).map(|&index| &ORGANISATIONS[index])
}

/// Finds a publisher by its canonical name (`ISO`, `CISPR`, `GOST R`), exactly.
pub fn publisher(name: &str) -> Option<&'static Publisher> {
    indexes()
        .publishers
        .get(name)
        .map(|&(org, publisher)| &ORGANISATIONS[org].publishers[publisher])
}

/// Returns the organisation a publisher (by canonical name) belongs to.
pub fn organisation_of_publisher(name: &str) -> Option<&'static Organisation> {
    indexes().publishers.get(name).map(|&(org, _)| &ORGANISATIONS[org])
}

/// Returns the kind of an organisation named by name or alias, if the registry knows it.
///
/// ```
/// use nwip_corpus::registry::{self, OrganisationKind};
/// assert_eq!(registry::kind_of("IMO"), Some(OrganisationKind::Intergovernmental));
/// assert_eq!(registry::kind_of("W3C"), Some(OrganisationKind::Consortium));
/// ```
pub fn kind_of(name: &str) -> Option<OrganisationKind> {
    organisation(name).map(|org| org.kind)
}

/// Returns the organisation's name as records show it (`XSF` for `XEP`, `Codex` for `CAC`), or
/// None when the registry does not know the name.
pub fn canonical_name(name: &str) -> Option<&'static str> {
    organisation(name).map(|org| org.name)
}

/// A spelling of a publisher, as the identifier head looks it up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SpellingEntry {
    pub(crate) publisher: &'static Publisher,
    pub(crate) spelling: &'static Spelling,
}

/// Spellings whose first letter is `first` (case-folded), longest first.
pub(crate) fn spellings_starting_with(first: u8) -> &'static [SpellingEntry] {
    &indexes().by_first_byte[usize::from(first.to_ascii_uppercase())]
}

/// Every document an organisation cites by name (IMO's instruments), with its publisher.
pub(crate) fn named_documents() -> impl Iterator<Item = (&'static Publisher, &'static str)> {
    ORGANISATIONS
        .iter()
        .filter_map(|org| org.publishers.first().map(|p| (org, p)))
        .flat_map(|(org, publisher)| org.named_documents.iter().map(move |name| (publisher, *name)))
}

struct Indexes {
    /// Upper-case name, full name, alias, publisher name or spelling -> organisation.
    by_name: HashMap<String, usize>,
    /// Canonical publisher name -> (organisation, publisher).
    publishers: HashMap<&'static str, (usize, usize)>,
    /// Spellings by upper-cased first byte, longest first.
    by_first_byte: Vec<Vec<SpellingEntry>>,
}

fn indexes() -> &'static Indexes {
    static INDEXES: OnceLock<Indexes> = OnceLock::new();
    INDEXES.get_or_init(|| {
        let mut by_name = HashMap::new();
        let mut publishers = HashMap::new();
        let mut by_first_byte: Vec<Vec<SpellingEntry>> = vec![Vec::new(); 256];
        for (org_index, org) in ORGANISATIONS.iter().enumerate() {
            // An organisation's own names win over another's publisher spellings.
            for name in [org.name, org.full_name].iter().chain(org.aliases) {
                by_name.insert(name.to_uppercase(), org_index);
            }
            for (publisher_index, publisher) in org.publishers.iter().enumerate() {
                publishers.insert(publisher.name, (org_index, publisher_index));
                for spelling in publisher.spellings {
                    let first = spelling.text.as_bytes()[0].to_ascii_uppercase();
                    by_first_byte[usize::from(first)].push(SpellingEntry { publisher, spelling });
                }
            }
        }
        for (org_index, org) in ORGANISATIONS.iter().enumerate() {
            for publisher in org.publishers {
                let names = std::iter::once(publisher.name)
                    .chain(publisher.spellings.iter().map(|s| s.text));
                for name in names {
                    by_name.entry(name.to_uppercase()).or_insert(org_index);
                }
            }
        }
        for entries in &mut by_first_byte {
            // longest first; among equals, a spelling with a condition (the Italian `CEI EN`)
            entries.sort_by_key(|entry| {
                (
                    std::cmp::Reverse(entry.spelling.text.len()),
                    entry.spelling.only_before.is_empty(),
                )
            });
        }
        Indexes { by_name, publishers, by_first_byte }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique_across_organisations() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        for org in ORGANISATIONS {
            for name in [org.name, org.full_name].iter().chain(org.aliases) {
                if let Some(other) = seen.insert(name.to_uppercase(), org.name) {
                    assert_eq!(other, org.name, "{name} names both {other} and {}", org.name);
                }
            }
        }
    }

    #[test]
    fn publishers_are_unique_and_well_formed() {
        let mut names = HashSet::new();
        for org in ORGANISATIONS {
            for publisher in org.publishers {
                assert!(names.insert(publisher.name), "publisher {} twice", publisher.name);
                assert_eq!(publisher.name, publisher.name.to_uppercase(), "{}", publisher.name);
                assert_eq!(publisher.namespace, publisher.namespace.to_lowercase());
                assert!(!publisher.spellings.is_empty(), "{} has no spelling", publisher.name);
                for spelling in publisher.spellings {
                    assert!(!spelling.text.is_empty() && spelling.text.is_ascii());
                }
                if publisher.role == Role::CoPublisher {
                    assert_eq!(publisher.grammar, Grammar::Generic, "{}", publisher.name);
                }
            }
        }
    }

    #[test]
    fn adopters_are_regional_or_national_bodies() {
        for org in ORGANISATIONS.iter().filter(|org| org.adopts_others) {
            assert!(
                matches!(org.kind, OrganisationKind::Regional | OrganisationKind::National),
                "{} adopts but is {}",
                org.name,
                org.kind
            );
        }
    }

    #[test]
    fn habits_name_known_organisations_and_publishers() {
        for org in ORGANISATIONS {
            for habit in org.habits {
                match *habit {
                    Habit::JointNumbers { partner } | Habit::CommonTexts { partner } => {
                        assert!(organisation(partner).is_some(), "{}: {partner}", org.name);
                    }
                    Habit::AdoptsNumbers { adopter, owner, first, last, .. } => {
                        assert!(publisher(adopter).is_some(), "{}: {adopter}", org.name);
                        assert!(publisher(owner).is_some(), "{}: {owner}", org.name);
                        assert!(first <= last);
                    }
                    Habit::Transposes3gpp { first, last } => assert!(first <= last),
                    Habit::Renumbered { publisher: renumbered, .. } => {
                        assert!(publisher(renumbered).is_some(), "{}: {renumbered}", org.name);
                    }
                }
            }
        }
    }

    #[test]
    fn the_new_bodies_have_proper_names_and_kinds() {
        let name = |alias: &str| organisation(alias).map(|org| org.name);
        assert_eq!(name("XEP"), Some("XSF"));
        assert_eq!(name("CALCONNECT"), Some("CalConnect"));
        assert_eq!(name("CAC"), Some("Codex"));
        assert_eq!(name("Codex Alimentarius Commission"), Some("Codex"));
        assert_eq!(name("CGPM"), Some("BIPM"));
        assert_eq!(name("RFC"), Some("IETF"));
        assert_eq!(name("ГОСТ"), Some("EASC"));
        for body in ["Codex", "IMO", "OIML", "BIPM", "IHO", "ITU-T"] {
            assert_eq!(kind_of(body), Some(OrganisationKind::Intergovernmental), "{body}");
        }
        assert_eq!(kind_of("3GPP"), Some(OrganisationKind::Consortium));
        assert_eq!(kind_of("JIS"), Some(OrganisationKind::National));
    }

    #[test]
    fn spellings_are_found_by_first_letter_longest_first() {
        let entries = spellings_starting_with(b'g');
        let gost_r = entries.iter().position(|e| e.spelling.text == "GOST R").unwrap();
        let gost = entries.iter().position(|e| e.spelling.text == "GOST").unwrap();
        assert!(gost_r < gost);
        assert!(
            named_documents().any(|(publisher, name)| publisher.name == "IMO" && name == "SOLAS")
        );
    }

    #[test]
    fn stage_vocabularies() {
        let iec = organisation("IEC").unwrap();
        assert_eq!(iec.status_lifecycle("REVISED"), Some(Lifecycle::Replaced));
        let jis = organisation("JIS").unwrap();
        assert_eq!(jis.status_lifecycle("valid"), Some(Lifecycle::Published));
        let iso = organisation("ISO").unwrap();
        assert_eq!(iso.identifier_stage("NWIP").map(StageWord::canonical), Some("NP"));
        assert_eq!(iso.identifier_stage("AWI").map(|s| s.lifecycle), Some(Lifecycle::Proposal));
    }
}
