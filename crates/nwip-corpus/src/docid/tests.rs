//! Tests of the whole parser: what is not an identifier, keys that parse back, prose, and
//! properties over generated input. Each grammar's case table is beside the grammar.

use super::test_support::prose_keys;
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
        "XEP README",
        "NIST",
        "SOLAS",
        "IANA",
        "CGPM",
    ] {
        assert!(DocId::parse(s).is_none(), "parsed {s:?}: {:?}", DocId::parse(s));
    }
}

#[test]
fn fallback_keys_of_text_that_is_not_an_identifier() {
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
        "3GPP TS 23.501:REL-19/19.5.0",
        "3GPP TS 29.198-4-1:R99/3.1.0",
        "RFC 9110",
        "STD 97",
        "NIST SP 800-53r5",
        "NIST SP 800-53Ar4",
        "NIST SP 800-38A.Add.",
        "NIST SP 1000-5v1",
        "NIST FIPS 140-3",
        "CGPM RES 1 (1927, E)",
        "CIPM DECN 90-1 (2001)",
        "CCAUV 1st Meeting (1999)",
        "JCGM 200:2008 Corrigendum",
        "JCGM GUM-6:2020",
        "CIE S 009/E:2002",
        "CIE x048-PO03",
        "JIS A 1148:2010",
        "JIS Z 8210:2017 SYMBOL 51100",
        "XEP-0001",
        "CC/S 0903:2009",
        "IANA sip-parameters/sip-parameters-3",
        "CXS 40R-1981",
        "CODEX STAN 1-1985",
        "SOLAS PROT 1988",
        "MARPOL 73/78",
        "2008 IS Code",
        "IMO Resolution MSC.391(95)",
        "ETSI TS 123 501 V15.2.0",
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
    assert_eq!(keys("ISO 9001:2015/Amd 1:2024 and ISO 9001:2015"), ["iso 9001/amd1", "iso 9001"]);
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
    assert_eq!(keys("3GPP TS 23.501 and ETSI EN 303 645"), ["3gpp ts 23.501", "etsi en 303 645"]);
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
    assert_eq!(
        prose_keys("HTTP (RFC 9110, obsoleting RFC 7231) over 3GPP TS 23.501 and NIST SP 800-38A"),
        ["ietf rfc 9110", "ietf rfc 7231", "3gpp ts 23.501", "nist sp 800-38a"]
    );
    assert_eq!(prose_keys("Labelling per CXS 1-1985 (Codex)"), ["codex cxs 1"]);
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
