//! The table of organisations: data only. One entry per body; see the README, "Adding an
//! organisation", for what each field means and how to add one.

use super::vocabulary::{
    CALCONNECT_STAGES, EASC_STAGES, IEEE_STAGES, IN_FORCE_STAGES, ISO_IEC_STAGES, ITU_STAGES,
    JIS_STAGES, NIST_STAGES, OASIS_STAGES, PUBLISHED_ONLY, PUBLISHED_WITHDRAWN, THREE_GPP_STAGES,
    W3C_STAGES,
};
use super::{
    DeliverablesInKey, Grammar, Habit, Organisation, OrganisationKind, Publisher, Role, Spelling,
};

use DeliverablesInKey::{All, OwnNumberSpaces};
use Grammar::*;
use OrganisationKind::*;

// ---------------------------------------------------------------------------------------------
// Shorthands that keep the table readable
// ---------------------------------------------------------------------------------------------

/// A spelling recognised in catalogues and in free text.
const fn written(text: &'static str) -> Spelling {
    Spelling { text, in_prose: true, deliverable: None, only_before: &[], case_sensitive: false }
}

/// A spelling recognised in catalogues only (too common a word, or a typo of catalogues).
const fn catalogue(text: &'static str) -> Spelling {
    Spelling { text, in_prose: false, deliverable: None, only_before: &[], case_sensitive: false }
}

/// A spelling that names a deliverable series of the publisher (`RFC`, `CXS`, `IWA`).
const fn series(text: &'static str, deliverable: &'static str) -> Spelling {
    Spelling {
        text,
        in_prose: true,
        deliverable: Some(deliverable),
        only_before: &[],
        case_sensitive: false,
    }
}

/// A publisher that owns its number space.
const fn owner(
    name: &'static str,
    spellings: &'static [Spelling],
    namespace: &'static str,
    precedence: u8,
    grammar: Grammar,
    closes_head: bool,
    deliverables_in_key: DeliverablesInKey,
) -> Publisher {
    Publisher {
        name,
        spellings,
        namespace,
        role: Role::Owner { precedence },
        grammar,
        closes_head,
        deliverables_in_key,
        mark_before: &[],
        renamed_deliverables: &[],
    }
}

/// A publisher with its own grammar that ends the head (`ETSI`, `W3C`, `XEP`).
const fn sole(
    name: &'static str,
    spellings: &'static [Spelling],
    namespace: &'static str,
    grammar: Grammar,
    deliverables_in_key: DeliverablesInKey,
) -> Publisher {
    owner(name, spellings, namespace, 2, grammar, true, deliverables_in_key)
}

/// A regional or national body that adopts others' documents; its own documents read with
/// `grammar`.
const fn adopter(
    name: &'static str,
    spellings: &'static [Spelling],
    namespace: &'static str,
    grammar: Grammar,
) -> Publisher {
    Publisher {
        name,
        spellings,
        namespace,
        role: Role::Adopter,
        grammar,
        closes_head: false,
        deliverables_in_key: OwnNumberSpaces,
        mark_before: &[],
        renamed_deliverables: &[],
    }
}

/// A co-publisher without numbers of its own (`ISO/ASTM 51026`).
const fn co_publisher(name: &'static str, spellings: &'static [Spelling]) -> Publisher {
    Publisher {
        name,
        spellings,
        namespace: "",
        role: Role::CoPublisher,
        grammar: Generic,
        closes_head: false,
        deliverables_in_key: OwnNumberSpaces,
        mark_before: &[],
        renamed_deliverables: &[],
    }
}

/// An entry with no publishers, habits, stages or named documents, to fill the rest from.
const BODY: Organisation = Organisation {
    name: "",
    full_name: "",
    kind: International,
    aliases: &[],
    adopts_others: false,
    publishers: &[],
    habits: &[],
    stages: &[],
    named_documents: &[],
};

/// A national standards body that adopts others' documents and has no grammar of its own.
const fn national(
    name: &'static str,
    full_name: &'static str,
    publishers: &'static [Publisher],
) -> Organisation {
    Organisation { name, full_name, kind: National, adopts_others: true, publishers, ..BODY }
}

/// A body that only appears as a co-publisher of ISO, IEC or IEEE documents.
const fn co_publishing(
    name: &'static str,
    full_name: &'static str,
    kind: OrganisationKind,
    publishers: &'static [Publisher],
) -> Organisation {
    Organisation { name, full_name, kind, publishers, ..BODY }
}

// ---------------------------------------------------------------------------------------------
// The organisations
// ---------------------------------------------------------------------------------------------

/// Every organisation nwip knows, international and intergovernmental bodies first.
pub static ORGANISATIONS: &[Organisation] = &[
    Organisation {
        name: "ISO",
        full_name: "International Organization for Standardization",
        kind: International,
        publishers: &[owner(
            "ISO",
            &[written("ISO"), series("IWA", "IWA")],
            "iso",
            2,
            IsoLike,
            false,
            OwnNumberSpaces,
        )],
        habits: &[
            Habit::JointNumbers { partner: "IEC" },
            Habit::JointNumbers { partner: "IEEE" },
            Habit::CommonTexts { partner: "ITU-T" },
            Habit::JointNumbers { partner: "ASTM" },
            Habit::JointNumbers { partner: "SAE" },
        ],
        stages: ISO_IEC_STAGES,
        ..BODY
    },
    Organisation {
        name: "IEC",
        full_name: "International Electrotechnical Commission",
        kind: International,
        publishers: &[
            owner(
                "IEC",
                &[written("IEC"), written("CEI")],
                "iec",
                2,
                IsoLike,
                false,
                OwnNumberSpaces,
            ),
            owner("CISPR", &[written("CISPR")], "cispr", 3, IsoLike, false, OwnNumberSpaces),
        ],
        habits: &[
            Habit::JointNumbers { partner: "ISO" },
            Habit::JointNumbers { partner: "IEEE" },
            Habit::CommonTexts { partner: "ITU-T" },
            Habit::Renumbered { publisher: "IEC", digits: 4, add: 60000 },
        ],
        stages: ISO_IEC_STAGES,
        ..BODY
    },
    Organisation {
        name: "ITU-T",
        full_name:
            "International Telecommunication Union, Telecommunication Standardization Sector",
        kind: Intergovernmental,
        aliases: &["ITU-T Recommendation"],
        publishers: &[
            sole(
                "ITU-T",
                &[written("ITU-T"), written("CCITT")],
                "itu-t",
                Itu,
                DeliverablesInKey::None,
            ),
            sole("ITU", &[written("ITU")], "itu-t", Itu, DeliverablesInKey::None),
        ],
        habits: &[Habit::CommonTexts { partner: "ISO" }, Habit::CommonTexts { partner: "IEC" }],
        stages: ITU_STAGES,
        ..BODY
    },
    Organisation {
        name: "ITU-R",
        full_name: "International Telecommunication Union, Radiocommunication Sector",
        kind: Intergovernmental,
        publishers: &[sole(
            "ITU-R",
            &[written("ITU-R"), written("CCIR")],
            "itu-r",
            Itu,
            DeliverablesInKey::None,
        )],
        stages: ITU_STAGES,
        ..BODY
    },
    Organisation {
        name: "IEEE",
        full_name: "Institute of Electrical and Electronics Engineers",
        kind: International,
        publishers: &[
            owner(
                "IEEE",
                &[written("IEEE"), catalogue("IEEEE"), catalogue("EEE")],
                "ieee",
                1,
                Ieee,
                false,
                DeliverablesInKey::None,
            ),
            owner("AIEE", &[written("AIEE")], "ieee", 1, Ieee, false, DeliverablesInKey::None),
            owner("IRE", &[catalogue("IRE")], "ire", 1, Ieee, false, DeliverablesInKey::None),
        ],
        habits: &[
            Habit::JointNumbers { partner: "ISO" },
            Habit::JointNumbers { partner: "IEC" },
            Habit::AdoptsNumbers {
                adopter: "IEEE",
                owner: "ISO",
                first: 8802,
                last: 8802,
                subtract: 0,
            },
            Habit::AdoptsNumbers {
                adopter: "IEEE",
                owner: "ISO",
                first: 10000,
                last: 11072,
                subtract: 0,
            },
            Habit::AdoptsNumbers {
                adopter: "IEEE",
                owner: "ISO",
                first: 11074,
                last: 59999,
                subtract: 0,
            },
            Habit::AdoptsNumbers {
                adopter: "IEEE",
                owner: "IEC",
                first: 60000,
                last: 69999,
                subtract: 0,
            },
            Habit::AdoptsNumbers {
                adopter: "IEEE",
                owner: "IEC",
                first: 80000,
                last: 89999,
                subtract: 0,
            },
        ],
        stages: IEEE_STAGES,
        ..BODY
    },
    Organisation {
        name: "ETSI",
        full_name: "European Telecommunications Standards Institute",
        kind: Regional,
        // ETSI's European Telecommunication Standards (ETS) and interim ones (I-ETS) became
        // European Standards (EN) under the same number: editions of one document.
        publishers: &[Publisher {
            renamed_deliverables: &[("ETS", "EN"), ("I-ETS", "EN")],
            ..sole("ETSI", &[written("ETSI")], "etsi", Etsi, All)
        }],
        habits: &[Habit::Transposes3gpp { first: 21, last: 55 }],
        ..BODY
    },
    Organisation {
        name: "3GPP",
        full_name: "3rd Generation Partnership Project",
        kind: Consortium,
        publishers: &[sole("3GPP", &[written("3GPP")], "3gpp", ThreeGpp, All)],
        stages: THREE_GPP_STAGES,
        ..BODY
    },
    Organisation {
        name: "IETF",
        full_name: "Internet Engineering Task Force",
        kind: International,
        aliases: &["RFC Publisher", "RFC Editor"],
        publishers: &[sole(
            "IETF",
            &[
                written("IETF"),
                series("RFC", "RFC"),
                series("BCP", "BCP"),
                // "IEEE Std 802.11" is not an STD
                Spelling { case_sensitive: true, ..series("STD", "STD") },
                series("FYI", "FYI"),
            ],
            "ietf",
            Ietf,
            All,
        )],
        ..BODY
    },
    Organisation {
        name: "IANA",
        full_name: "Internet Assigned Numbers Authority",
        kind: International,
        publishers: &[sole("IANA", &[written("IANA")], "iana", Iana, All)],
        ..BODY
    },
    Organisation {
        name: "W3C",
        full_name: "World Wide Web Consortium",
        kind: Consortium,
        publishers: &[sole("W3C", &[written("W3C")], "w3c", W3c, DeliverablesInKey::None)],
        stages: W3C_STAGES,
        ..BODY
    },
    Organisation {
        name: "OIML",
        full_name: "International Organization of Legal Metrology",
        kind: Intergovernmental,
        publishers: &[sole("OIML", &[written("OIML")], "oiml", Oiml, All)],
        stages: IN_FORCE_STAGES,
        ..BODY
    },
    Organisation {
        name: "BIPM",
        full_name: "International Bureau of Weights and Measures",
        kind: Intergovernmental,
        aliases: &["Bureau international des poids et mesures"],
        publishers: &[
            sole("BIPM", &[written("BIPM")], "bipm", Bipm, All),
            sole("CGPM", &[written("CGPM")], "cgpm", Bipm, All),
            sole("CIPM", &[written("CIPM")], "cipm", Bipm, All),
            sole("JCRB", &[written("JCRB")], "jcrb", Bipm, All),
            sole("JCGM", &[written("JCGM")], "jcgm", Bipm, All),
            sole("CCAUV", &[written("CCAUV")], "ccauv", Bipm, All),
            sole("CCEM", &[written("CCEM")], "ccem", Bipm, All),
            sole("CCL", &[written("CCL")], "ccl", Bipm, All),
            sole("CCM", &[written("CCM")], "ccm", Bipm, All),
            sole("CCPR", &[written("CCPR")], "ccpr", Bipm, All),
            sole("CCQM", &[written("CCQM")], "ccqm", Bipm, All),
            sole("CCRI", &[written("CCRI")], "ccri", Bipm, All),
            sole("CCT", &[written("CCT")], "cct", Bipm, All),
            sole("CCTF", &[written("CCTF")], "cctf", Bipm, All),
            sole("CCU", &[written("CCU")], "ccu", Bipm, All),
        ],
        stages: IN_FORCE_STAGES,
        ..BODY
    },
    Organisation {
        name: "IHO",
        full_name: "International Hydrographic Organization",
        kind: Intergovernmental,
        publishers: &[sole("IHO", &[written("IHO")], "iho", Iho, All)],
        stages: IN_FORCE_STAGES,
        ..BODY
    },
    Organisation {
        // an intergovernmental organisation since its convention entered into force in 2024
        name: "IALA",
        full_name: "International Organization for Marine Aids to Navigation",
        kind: Intergovernmental,
        publishers: &[sole("IALA", &[written("IALA")], "iala", Iala, All)],
        stages: IN_FORCE_STAGES,
        ..BODY
    },
    Organisation {
        name: "Codex",
        full_name: "Codex Alimentarius Commission",
        kind: Intergovernmental,
        aliases: &["CAC", "Codex Alimentarius", "FAO/WHO Codex Alimentarius Commission"],
        publishers: &[sole(
            "CODEX",
            &[
                catalogue("CODEX"),
                series("CXS", "CXS"),
                series("CXG", "CXG"),
                series("CXC", "CXC"),
                series("CXA", "CXA"),
                series("CXM", "CXM"),
                // the spellings before 2018
                series("CODEX STAN", "CXS"),
                series("CAC/GL", "CXG"),
                series("CAC/RCP", "CXC"),
                series("CAC/MISC", "CXA"),
                series("CAC/MRL", "CXM"),
            ],
            "codex",
            Codex,
            All,
        )],
        stages: PUBLISHED_ONLY,
        ..BODY
    },
    Organisation {
        name: "IMO",
        full_name: "International Maritime Organization",
        kind: Intergovernmental,
        publishers: &[sole("IMO", &[written("IMO")], "imo", Imo, All)],
        stages: PUBLISHED_ONLY,
        // treaties and codes as IMO names them; a treaty is cited with its year (`SOLAS 1974`,
        // `SOLAS PROT 1988`), a code with "Code" (`ISM Code`, `2008 IS Code`)
        named_documents: &[
            "SOLAS",
            "MARPOL",
            "COLREG",
            "STCW-F",
            "STCW",
            "LLMC",
            "LL",
            "FAL",
            "CSC",
            "SAR",
            "BWM",
            "AFS",
            "CLC",
            "FUND",
            "HNS",
            "PAL",
            "SUA",
            "OPRC-HNS",
            "OPRC",
            "LC",
            "SALVAGE",
            "INTERVENTION",
            "TONNAGE",
            "BUNKERS",
            "SPACE STP",
            "STP",
            "IMSO C",
            "NAIROBI WRC",
            "Hong Kong",
            "Cape Town Agreement",
            "London Protocol",
            "ISM",
            "ISPS",
            "IMDG",
            "IBC",
            "IGC",
            "IGF",
            "IMSBC",
            "LSA",
            "FSS",
            "FTP",
            "HSC",
            "IS",
            "MODU",
            "BCH",
            "BLU",
            "CSS",
            "GC",
            "INF",
            "III",
            "Polar",
            "Grain",
            "Casualty Investigation",
            "NOx Technical",
            "ESP",
            "SPS",
            "OSV",
        ],
        ..BODY
    },
    Organisation {
        name: "CCSDS",
        full_name: "Consultative Committee for Space Data Systems",
        kind: International,
        publishers: &[sole("CCSDS", &[written("CCSDS")], "ccsds", Ccsds, DeliverablesInKey::None)],
        stages: PUBLISHED_WITHDRAWN,
        ..BODY
    },
    Organisation {
        name: "ECMA",
        full_name: "Ecma International",
        kind: Consortium,
        aliases: &["Ecma International"],
        publishers: &[sole("ECMA", &[written("ECMA"), written("Ecma")], "ecma", Ecma, All)],
        ..BODY
    },
    Organisation {
        name: "OASIS",
        full_name: "Organization for the Advancement of Structured Information Standards",
        kind: Consortium,
        publishers: &[sole("OASIS", &[catalogue("OASIS")], "oasis", Oasis, OwnNumberSpaces)],
        stages: OASIS_STAGES,
        ..BODY
    },
    Organisation {
        name: "OGC",
        full_name: "Open Geospatial Consortium",
        kind: Consortium,
        publishers: &[sole("OGC", &[written("OGC")], "ogc", Ogc, OwnNumberSpaces)],
        ..BODY
    },
    Organisation {
        name: "NIST",
        full_name: "National Institute of Standards and Technology",
        kind: National,
        aliases: &["National Bureau of Standards"],
        publishers: &[
            sole(
                "NIST",
                &[written("NIST"), series("NISTIR", "IR"), series("FIPS", "FIPS")],
                "nist",
                Nist,
                All,
            ),
            sole("NBS", &[written("NBS"), series("NSRDS-NBS", "NSRDS")], "nist", Nist, All),
        ],
        stages: NIST_STAGES,
        ..BODY
    },
    Organisation {
        name: "CIE",
        full_name: "International Commission on Illumination",
        kind: International,
        aliases: &["Commission Internationale de l'Eclairage"],
        // CIE writes joint standards with ISO and IEC (`CIE ISO 11664-1`), ISO's numbers first
        publishers: &[owner("CIE", &[written("CIE")], "cie", 1, Cie, false, All)],
        habits: &[Habit::JointNumbers { partner: "ISO" }, Habit::CommonTexts { partner: "IEC" }],
        ..BODY
    },
    Organisation {
        name: "XSF",
        full_name: "XMPP Standards Foundation",
        kind: Consortium,
        publishers: &[sole("XSF", &[written("XSF"), series("XEP", "XEP")], "xsf", Xsf, All)],
        ..BODY
    },
    Organisation {
        name: "CalConnect",
        full_name: "The Calendaring and Scheduling Consortium",
        kind: Consortium,
        publishers: &[sole(
            "CALCONNECT",
            &[catalogue("CalConnect"), catalogue("CC")],
            "calconnect",
            CalConnect,
            DeliverablesInKey::None,
        )],
        stages: CALCONNECT_STAGES,
        ..BODY
    },
    Organisation {
        name: "OECD",
        full_name: "Organisation for Economic Co-operation and Development",
        kind: Intergovernmental,
        publishers: &[co_publisher("OECD", &[catalogue("OECD")])],
        ..BODY
    },
    Organisation {
        name: "UNDP",
        full_name: "United Nations Development Programme",
        kind: Intergovernmental,
        publishers: &[co_publisher("UNDP", &[catalogue("UNDP")])],
        ..BODY
    },
    // regional bodies
    Organisation {
        name: "CEN",
        full_name: "European Committee for Standardization",
        kind: Regional,
        adopts_others: true,
        publishers: &[
            adopter("EN", &[written("EN")], "en", Generic),
            adopter("CEN", &[written("CEN")], "en", Generic),
        ],
        habits: &[
            Habit::AdoptsNumbers {
                adopter: "EN",
                owner: "IEC",
                first: 60000,
                last: 69999,
                subtract: 0,
            },
            Habit::AdoptsNumbers {
                adopter: "EN",
                owner: "CISPR",
                first: 55000,
                last: 55999,
                subtract: 55000,
            },
        ],
        ..BODY
    },
    Organisation {
        name: "CENELEC",
        full_name: "European Committee for Electrotechnical Standardization",
        kind: Regional,
        adopts_others: true,
        publishers: &[
            adopter("CENELEC", &[written("CENELEC")], "en", Generic),
            adopter("CLC", &[written("CLC")], "en", Generic),
        ],
        ..BODY
    },
    Organisation {
        name: "EASC",
        full_name: "Euro-Asian Council for Standardization, Metrology and Certification",
        kind: Regional,
        adopts_others: true,
        aliases: &["ГОСТ", "ПМГ", "РМГ", "МГС"],
        publishers: &[
            adopter("GOST", &[written("GOST")], "gost", Gost),
            adopter("PMG", &[written("PMG")], "pmg", Gost),
            adopter("RMG", &[written("RMG")], "rmg", Gost),
        ],
        stages: EASC_STAGES,
        ..BODY
    },
    // national bodies
    national(
        "Rosstandart",
        "Federal Agency on Technical Regulating and Metrology (Russia)",
        &[adopter("GOST R", &[written("GOST R")], "gost r", Gost)],
    ),
    national(
        "BelGISS",
        "State Committee for Standardization of the Republic of Belarus",
        &[adopter("STB", &[written("STB")], "stb", Gost)],
    ),
    national(
        "DSTU",
        "Ukrainian national standards body",
        &[adopter("DSTU", &[written("DSTU")], "dstu", Gost)],
    ),
    national(
        "BSI",
        "British Standards Institution",
        &[adopter("BS", &[written("BS")], "bs", Generic)],
    ),
    national(
        "DIN",
        "Deutsches Institut für Normung",
        &[adopter("DIN", &[written("DIN")], "din", Generic)],
    ),
    national(
        "AFNOR",
        "Association française de normalisation",
        &[adopter("NF", &[written("NF")], "nf", Generic)],
    ),
    national(
        "UNE",
        "Spanish Association for Standardisation",
        &[adopter("UNE", &[written("UNE")], "une", Generic)],
    ),
    national(
        "UNI",
        "Ente Italiano di Normazione",
        &[adopter("UNI", &[catalogue("UNI")], "uni", Generic)],
    ),
    national(
        "CEI",
        "Comitato Elettrotecnico Italiano",
        &[adopter(
            "CEI",
            &[Spelling {
                text: "CEI",
                in_prose: true,
                deliverable: None,
                only_before: &["EN", "UNI"],
                case_sensitive: false,
            }],
            "cei",
            Generic,
        )],
    ),
    national(
        "NEN",
        "Royal Netherlands Standardization Institute",
        &[adopter("NEN", &[written("NEN")], "nen", Generic)],
    ),
    national(
        "SNV",
        "Swiss Association for Standardization",
        &[adopter("SN", &[catalogue("SN")], "sn", Generic)],
    ),
    national(
        "Austrian Standards",
        "Austrian Standards International",
        &[adopter("OENORM", &[written("OENORM"), catalogue("ONORM")], "oenorm", Generic)],
    ),
    national(
        "UNMZ",
        "Czech Office for Standards, Metrology and Testing",
        &[adopter("CSN", &[catalogue("CSN")], "csn", Generic)],
    ),
    national(
        "PKN",
        "Polish Committee for Standardization",
        &[adopter("PN", &[catalogue("PN")], "pn", Generic)],
    ),
    national(
        "SIS",
        "Swedish Institute for Standards",
        &[adopter("SS", &[catalogue("SS")], "ss", Generic)],
    ),
    national("DS", "Danish Standards", &[adopter("DS", &[catalogue("DS")], "ds", Generic)]),
    national(
        "SFS",
        "Finnish Standards Association",
        &[adopter("SFS", &[catalogue("SFS")], "sfs", Generic)],
    ),
    national(
        "Standard Norge",
        "Standards Norway",
        &[adopter("NS", &[catalogue("NS")], "ns", Generic)],
    ),
    national(
        "SABS",
        "South African Bureau of Standards",
        &[adopter("SANS", &[written("SANS")], "sans", Generic)],
    ),
    national(
        "Standards Australia",
        "Standards Australia",
        &[adopter("AS", &[catalogue("AS")], "as", Generic)],
    ),
    national(
        "Standards New Zealand",
        "Standards New Zealand",
        &[adopter("NZS", &[catalogue("NZS")], "nzs", Generic)],
    ),
    national(
        "CSA",
        "CSA Group",
        &[
            adopter("CSA", &[written("CSA")], "csa", Generic),
            adopter("CAN", &[catalogue("CAN")], "can", Generic),
        ],
    ),
    national(
        "SAC",
        "Standardization Administration of China",
        &[adopter("GB", &[catalogue("GB")], "gb", Generic)],
    ),
    Organisation {
        name: "JIS",
        full_name: "Japanese Industrial Standards Committee",
        kind: National,
        adopts_others: true,
        aliases: &["JISC", "Japanese Industrial Standards", "JSA"],
        publishers: &[adopter("JIS", &[written("JIS")], "jis", Jis)],
        stages: JIS_STAGES,
        ..BODY
    },
    national(
        "KATS",
        "Korean Agency for Technology and Standards",
        &[adopter("KS", &[catalogue("KS")], "ks", Generic)],
    ),
    national(
        "ABNT",
        "Associação Brasileira de Normas Técnicas",
        &[
            adopter("ABNT", &[catalogue("ABNT")], "abnt", Generic),
            adopter("NBR", &[catalogue("NBR")], "nbr", Generic),
        ],
    ),
    national(
        "IRAM",
        "Instituto Argentino de Normalización y Certificación",
        &[adopter("IRAM", &[catalogue("IRAM")], "iram", Generic)],
    ),
    national(
        "NBN",
        "Bureau de Normalisation (Belgium)",
        &[adopter("NBN", &[catalogue("NBN")], "nbn", Generic)],
    ),
    national(
        "ELOT",
        "Hellenic Organization for Standardization",
        &[adopter("ELOT", &[catalogue("ELOT")], "elot", Generic)],
    ),
    national(
        "SIST",
        "Slovenian Institute for Standardization",
        &[adopter("SIST", &[catalogue("SIST")], "sist", Generic)],
    ),
    national(
        "UNMS",
        "Slovak Office of Standards, Metrology and Testing",
        &[adopter("STN", &[catalogue("STN")], "stn", Generic)],
    ),
    Organisation {
        name: "ANSI",
        full_name: "American National Standards Institute",
        kind: National,
        adopts_others: true,
        // ANSI-approved standards of other bodies keep their numbers (`ANSI C63.4`, `ANSI/IEEE
        // C37.010` is IEEE's): read with IEEE's grammar
        publishers: &[Publisher {
            mark_before: &["IEEE", "AIEE"],
            ..adopter("ANSI", &[written("ANSI"), catalogue("ASA")], "ansi", Ieee)
        }],
        ..BODY
    },
    // bodies that appear as co-publishers of ISO, IEC and IEEE documents
    co_publishing(
        "ASTM",
        "ASTM International",
        International,
        &[co_publisher("ASTM", &[catalogue("ASTM")])],
    ),
    co_publishing(
        "ASME",
        "American Society of Mechanical Engineers",
        International,
        &[co_publisher("ASME", &[catalogue("ASME")])],
    ),
    co_publishing(
        "SAE",
        "SAE International",
        International,
        &[co_publisher("SAE", &[catalogue("SAE")])],
    ),
    co_publishing(
        "HL7",
        "Health Level Seven International",
        Consortium,
        &[co_publisher("HL7", &[catalogue("HL7")])],
    ),
    co_publishing(
        "IDF",
        "International Dairy Federation",
        International,
        &[co_publisher("IDF", &[catalogue("IDF")])],
    ),
    co_publishing(
        "ASHRAE",
        "ASHRAE",
        International,
        &[co_publisher("ASHRAE", &[catalogue("ASHRAE")])],
    ),
    co_publishing(
        "USEMCSC",
        "United States EMC Standards Corporation",
        National,
        &[co_publisher("USEMCSC", &[catalogue("USEMCSC")])],
    ),
    co_publishing(
        "NEMA",
        "National Electrical Manufacturers Association",
        National,
        &[co_publisher("NEMA", &[catalogue("NEMA")])],
    ),
    co_publishing(
        "API",
        "American Petroleum Institute",
        National,
        &[co_publisher("API", &[catalogue("API")])],
    ),
    co_publishing(
        "NFPA",
        "National Fire Protection Association",
        National,
        &[co_publisher("NFPA", &[catalogue("NFPA")])],
    ),
    co_publishing(
        "ASQ",
        "American Society for Quality",
        National,
        &[co_publisher("ASQ", &[catalogue("ASQ")])],
    ),
    co_publishing(
        "ANS",
        "American Nuclear Society",
        National,
        &[co_publisher("ANS", &[catalogue("ANS")])],
    ),
    co_publishing(
        "NACE",
        "NACE International",
        International,
        &[co_publisher("NACE", &[catalogue("NACE")])],
    ),
    co_publishing(
        "AMPP",
        "Association for Materials Protection and Performance",
        International,
        &[co_publisher("AMPP", &[catalogue("AMPP")])],
    ),
];
