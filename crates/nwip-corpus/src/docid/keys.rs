//! Document keys: which publisher owns the number space, the namespace, the key text, adoptions,
//! and the fallback key of text that is not an identifier. Every fact about a publisher comes
//! from the [`crate::registry`].

use crate::registry::{self, Grammar, Habit, Publisher, Role};

use super::cursor::{digits_value, plausible_year};
use super::normalize::{normalize, Offsets};
use super::DocId;

/// The publishers of an identifier sorted into adopters (in front of the key) and the owner of
/// the number space.
pub(super) struct Ownership {
    /// Namespaces of the adopters, in order (`en` for `EN`, `CEN`, `CENELEC`, `CLC`).
    adopters: Vec<String>,
    /// The publisher that owns the number space.
    owner: Option<&'static Publisher>,
    /// The first adopter's registry entry, when it has one (its grammar reads the number).
    first_adopter: Option<&'static Publisher>,
}

impl Ownership {
    /// Sorts `publishers` (canonical names).
    pub(super) fn of(publishers: &[String]) -> Ownership {
        let mut adopters: Vec<String> = Vec::new();
        let mut owner = None;
        let mut first_adopter = None;
        for (index, name) in publishers.iter().enumerate() {
            let Some(publisher) = registry::publisher(name) else { continue };
            match publisher.role {
                Role::Owner { .. } => {
                    owner = highest_precedence_owner(&publishers[index..]);
                    break;
                }
                Role::Adopter => {
                    let next = publishers.get(index + 1).map(String::as_str);
                    if next.is_some_and(|next| publisher.mark_before.contains(&next)) {
                        continue;
                    }
                    first_adopter.get_or_insert(publisher);
                    if adopters.last().map(String::as_str) != Some(publisher.namespace) {
                        adopters.push(publisher.namespace.to_string());
                    }
                }
                Role::CoPublisher => {}
            }
        }
        if owner.is_none() && adopters.is_empty() {
            if let Some(first) = publishers.first() {
                adopters.push(first.to_ascii_lowercase());
            }
        }
        Ownership { adopters, owner, first_adopter }
    }

    /// The namespace of the key: adopters, then the owner (`bs en iso`).
    pub(super) fn namespace(&self) -> String {
        let mut namespace = self.adopters.join(" ");
        if let Some(owner) = self.owner {
            if !namespace.is_empty() {
                namespace.push(' ');
            }
            namespace.push_str(owner.namespace);
        }
        namespace
    }

    /// The publisher whose rules decide which deliverables enter the key.
    fn base(&self) -> Option<&'static Publisher> {
        self.owner.or(self.first_adopter)
    }

    /// The grammar that reads the number: the owner's, the GOST grammar when a GOST-family
    /// adopter adopts an ISO-like document (`ГОСТ ISO 9001-2011`), else the first adopter's.
    pub(super) fn grammar(&self) -> Grammar {
        let adopter_grammar = self.first_adopter.map(|p| p.grammar);
        match self.owner {
            Some(owner) if owner.grammar == Grammar::IsoLike => {
                if adopter_grammar == Some(Grammar::Gost) {
                    Grammar::Gost
                } else {
                    Grammar::IsoLike
                }
            }
            Some(owner) => owner.grammar,
            None => adopter_grammar.unwrap_or(Grammar::Generic),
        }
    }
}

/// Among co-publishing owners, the one with the highest precedence, the first among equals
/// (`IEEE/ISO/IEC` is ISO's, `IEC/ISO` IEC's, `IEC CISPR` CISPR's).
fn highest_precedence_owner(publishers: &[String]) -> Option<&'static Publisher> {
    let mut best: Option<(&'static Publisher, u8)> = None;
    for publisher in publishers.iter().filter_map(|name| registry::publisher(name)) {
        if let Some(precedence) = publisher.owner_precedence() {
            if best.is_none_or(|(_, best)| precedence > best) {
                best = Some((publisher, precedence));
            }
        }
    }
    best.map(|(publisher, _)| publisher)
}

impl DocId {
    /// Formats the key in namespace `namespace`; `base` decides whether the deliverable enters
    /// it; `full` adds the part and supplements.
    pub(super) fn key_in(
        &self,
        namespace: &str,
        base: Option<&'static Publisher>,
        full: bool,
    ) -> String {
        let mut key = String::with_capacity(namespace.len() + self.number.len() + 16);
        key.push_str(namespace);
        if let Some(deliverable) = &self.deliverable {
            let publisher = base.unwrap_or(&DEFAULT_BASE);
            if publisher.deliverable_in_key(deliverable) {
                key.push(' ');
                push_lower_collapsed(&mut key, publisher.key_deliverable(deliverable));
            }
        }
        key.push(' ');
        push_lower_collapsed(&mut key, &self.number);
        if full {
            if let Some(part) = &self.part {
                key.push('-');
                push_lower_collapsed(&mut key, part);
            }
            for supplement in &self.supplements {
                key.push('/');
                push_lower_collapsed(&mut key, &supplement.kind);
                if let Some(number) = &supplement.number {
                    push_lower_collapsed(&mut key, number);
                }
            }
        }
        key
    }

    /// The document key, or the family key when `full` is false.
    pub(super) fn key(&self, full: bool) -> String {
        let ownership = Ownership::of(&self.publishers);
        self.key_in(&ownership.namespace(), ownership.base(), full)
    }

    /// The key of the document this one adopts; see [`DocId::adopted_key`].
    pub(super) fn adoption(&self) -> Option<String> {
        let ownership = Ownership::of(&self.publishers);
        match ownership.owner {
            Some(owner) if !ownership.adopters.is_empty() => {
                Some(self.key_in(owner.namespace, Some(owner), true))
            }
            // the owner's own habits: IEEE's numbers of ISO/IEC documents, ETSI's of 3GPP's
            Some(owner) => self.adoption_by_habit(owner.name),
            None => self.publishers.iter().find_map(|name| self.adoption_by_habit(name)),
        }
    }

    /// An adoption the registry's habits of publisher `name` imply (`EN 60335-1` is IEC's,
    /// `IEEE 8802-3` ISO's, `ETSI TS 123 501` 3GPP's).
    fn adoption_by_habit(&self, name: &str) -> Option<String> {
        let organisation = registry::organisation_of_publisher(name)?;
        for habit in organisation.habits {
            match *habit {
                Habit::AdoptsNumbers { adopter, owner, first, last, subtract }
                    if adopter == name =>
                {
                    let mut segments = self.number.split('.');
                    let lead = segments.next().unwrap_or_default();
                    let Some(n) = digits_value(lead.as_bytes()) else { continue };
                    let Some(owner) = registry::publisher(owner) else { continue };
                    if !(first..=last).contains(&n) {
                        continue;
                    }
                    let rest: Vec<&str> = segments.collect();
                    let mut adopted = self.clone();
                    adopted.number = (n - subtract).to_string();
                    adopted.deliverable = None;
                    if !rest.is_empty() {
                        adopted.part = Some(rest.join("-"));
                    }
                    return Some(adopted.key_in(owner.namespace, Some(owner), true));
                }
                Habit::Transposes3gpp { first, last } => {
                    if let Some(key) = self.transposed_3gpp_key(first, last) {
                        return Some(key);
                    }
                }
                _ => {}
            }
        }
        None
    }

    /// `ETSI TS 123 501` is `3gpp ts 23.501` when 23 is a transposed 3GPP series.
    fn transposed_3gpp_key(&self, first: u32, last: u32) -> Option<String> {
        let deliverable = self.deliverable.as_deref()?;
        if !matches!(deliverable, "TS" | "TR") {
            return None;
        }
        let (series, number) = self.number.split_once(' ')?;
        let series = series.strip_prefix('1').filter(|s| s.len() == 2)?;
        let series_value = digits_value(series.as_bytes())?;
        if !(first..=last).contains(&series_value) || digits_value(number.as_bytes()).is_none() {
            return None;
        }
        let owner = registry::publisher("3GPP")?;
        let mut adopted = self.clone();
        adopted.number = format!("{series}.{number}");
        adopted.supplements.clear();
        Some(adopted.key_in(owner.namespace, Some(owner), true))
    }
}

/// Deliverables of an unknown publisher enter the key as an ISO-like publisher's would.
const DEFAULT_BASE: Publisher = Publisher {
    name: "",
    spellings: &[],
    namespace: "",
    role: Role::CoPublisher,
    grammar: Grammar::Generic,
    closes_head: false,
    deliverables_in_key: registry::DeliverablesInKey::OwnNumberSpaces,
    mark_before: &[],
    renamed_deliverables: &[],
};

/// Final normalisation independent of spelling: renumbered publishers' old numbers become new
/// ones (`IEC 828` is `IEC 60828`); a trailing dot goes.
pub(super) fn finalize(id: &mut DocId) {
    let ownership = Ownership::of(&id.publishers);
    if let Some(owner) = ownership.owner {
        let plain = id.deliverable.as_deref().is_none_or(|dl| !owner.deliverable_in_key(dl));
        if plain {
            renumber(id, owner);
        }
    }
    if id.number.len() > 1 && id.number.ends_with('.') {
        id.number.pop();
    }
}

fn renumber(id: &mut DocId, owner: &Publisher) {
    let Some(organisation) = registry::organisation_of_publisher(owner.name) else { return };
    for habit in organisation.habits {
        if let Habit::Renumbered { publisher, digits, add } = *habit {
            if publisher == owner.name && (1..=digits).contains(&id.number.len()) {
                if let Some(n) = digits_value(id.number.as_bytes()).filter(|&n| n > 0) {
                    id.number = (add + n).to_string();
                }
            }
        }
    }
}

/// Appends `s` lower-cased with white space collapsed.
pub(super) fn push_lower_collapsed(key: &mut String, s: &str) {
    let mut space = false;
    for ch in s.trim().chars() {
        if ch.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            key.push(' ');
            space = false;
        }
        for lower in ch.to_lowercase() {
            key.push(lower);
        }
    }
}

/// The key of text that is not an identifier: lower-cased, white space collapsed, an edition
/// suffix (`:2015`, `(E)`, `-2015`) stripped; never empty for non-empty input.
pub(super) fn fallback_key(raw: &str) -> String {
    let norm = normalize(raw, Offsets::Drop);
    let mut text = norm.text.to_lowercase();
    if let Some(k) = text.find([':', '(']) {
        if !text[..k].trim().is_empty() {
            text.truncate(k);
        }
    }
    let trimmed = text.trim_end();
    let bytes = trimmed.as_bytes();
    let mut end = trimmed.len();
    if bytes.len() > 5 && bytes[bytes.len() - 5] == b'-' {
        if let Some(year) = digits_value(&bytes[bytes.len() - 4..]) {
            if plausible_year(year) {
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

#[cfg(test)]
mod tests {
    use super::super::test_support::{adopted, check};
    use super::*;

    #[test]
    fn owners_by_precedence() {
        let owner = |pubs: &[&str]| {
            let pubs: Vec<String> = pubs.iter().map(|p| p.to_string()).collect();
            Ownership::of(&pubs).owner.map(|p| p.name)
        };
        assert_eq!(owner(&["ISO", "IEC"]), Some("ISO"));
        assert_eq!(owner(&["IEC", "ISO"]), Some("IEC"));
        assert_eq!(owner(&["IEEE", "ISO", "IEC"]), Some("ISO"));
        assert_eq!(owner(&["IEEE", "IEC"]), Some("IEC"));
        assert_eq!(owner(&["IEC", "CISPR"]), Some("CISPR"));
        assert_eq!(owner(&["CIE", "ISO"]), Some("ISO"));
        assert_eq!(owner(&["ANSI", "IEEE"]), Some("IEEE"));
        assert_eq!(owner(&["BS", "EN"]), None);
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
    fn etsi_transpositions_of_3gpp_specifications() {
        assert_eq!(adopted("ETSI TS 123 501 V15.2.0 (2018-06)").as_deref(), Some("3gpp ts 23.501"));
        assert_eq!(adopted("ETSI TR 138 901 V16.1.0").as_deref(), Some("3gpp tr 38.901"));
        assert_eq!(adopted("ETSI TS 129 198-4-1").as_deref(), Some("3gpp ts 29.198-4-1"));
        assert_eq!(adopted("ETSI TS 102 969"), None, "ETSI's own series 102");
        assert_eq!(adopted("ETSI EN 301 489-1"), None);
    }

    #[test]
    fn fallback_keys() {
        assert_eq!(fallback_key("Some  Internal Spec:2020"), "some internal spec");
        assert_eq!(fallback_key("ACME widget spec-2019"), "acme widget spec");
        assert_eq!(fallback_key("   "), "   ");
        assert_eq!(fallback_key(":2019"), ":2019");
        assert!(!fallback_key("(").is_empty());
    }
}
