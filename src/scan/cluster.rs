//! Clusters of same-subject work and the overlap matrices of a scan.
//!
//! Pair findings strong enough to mean "the same subject" (same subject, revision, adoption, at or
//! above the cluster score) are edges of a graph; clusters are its connected groups, joined
//! strongest edge first with a cap on the size, so one loose match cannot chain two subjects into
//! one cluster. A cluster with ongoing work (proposals, projects under development) in two or more
//! organisations that publish nothing jointly, and that are not one document adopted by another,
//! is flagged as possible forum shopping.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use nwip_corpus::docid::{document_key, family_key, DocId};
use nwip_corpus::registry;
use nwip_corpus::{top_level_committee, Lifecycle, Record};
use nwip_index::Filter;
use nwip_score::OverlapKind;
use serde::Serialize;

/// A group of documents on one subject.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct ClusterFinding {
    /// Rank of the cluster in the scan (1 = most notable: forum shopping first, then size).
    pub id: usize,
    /// The most severe kind among the cluster's edges.
    pub kind: OverlapKind,
    /// The strongest edge's score.
    pub score: f32,
    /// The records that stand for the documents, ongoing work first.
    pub items: Vec<String>,
    /// The documents (their keys), item by item.
    pub documents: Vec<String>,
    /// Where the documents sit: several organisations, several committees of one, or one
    /// committee.
    pub scope: FindingScope,
    /// Their organisations, item by item.
    pub orgs: Vec<String>,
    /// Their lifecycle states, item by item.
    pub states: Vec<Lifecycle>,
    /// Their committees, item by item.
    pub committees: Vec<Option<String>>,
    /// Their titles, item by item.
    pub titles: Vec<String>,
    /// The distinct organisations involved.
    pub organisations: Vec<String>,
    /// Ongoing work in two or more organisations: possibly the same subject taken to several
    /// bodies.
    pub forum_shopping: bool,
    /// Organisations with ongoing work in the cluster.
    pub ongoing_organisations: Vec<String>,
    /// Why the documents are grouped.
    pub evidence: ClusterEvidence,
}

/// Why a cluster's documents are grouped.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct ClusterEvidence {
    /// A sentence saying what was found.
    pub reason: String,
    /// The words most often shared along the cluster's edges.
    pub shared_terms: Vec<String>,
    /// The strongest edges.
    pub edges: Vec<ClusterEdge>,
}

/// One pair finding that holds a cluster together.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterEdge {
    /// The two documents.
    pub items: [String; 2],
    /// The kind of their overlap.
    pub kind: OverlapKind,
    /// Its score.
    pub score: f32,
    /// Words they share.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub shared_terms: Vec<String>,
}

/// Counts of pair findings between labels (organisations or committees), symmetric.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct OverlapMatrix {
    /// Row and column labels, busiest first.
    pub labels: Vec<String>,
    /// `counts[i][j]`: pair findings between `labels[i]` and `labels[j]`.
    pub counts: Vec<Vec<usize>>,
}

impl OverlapMatrix {
    /// Builds the matrix of the `max_labels` busiest labels from counts of unordered pairs.
    fn from_counts(counts: &HashMap<(String, String), usize>, max_labels: usize) -> OverlapMatrix {
        let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
        for ((a, b), count) in counts {
            *totals.entry(a).or_default() += count;
            if a != b {
                *totals.entry(b).or_default() += count;
            }
        }
        let mut labels: Vec<(&str, usize)> = totals.into_iter().collect();
        labels.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        labels.truncate(max_labels);
        let labels: Vec<String> = labels.into_iter().map(|(label, _)| label.to_string()).collect();
        let position: HashMap<&str, usize> =
            labels.iter().enumerate().map(|(i, label)| (label.as_str(), i)).collect();
        let mut matrix = vec![vec![0; labels.len()]; labels.len()];
        for ((a, b), count) in counts {
            if let (Some(&i), Some(&j)) = (position.get(a.as_str()), position.get(b.as_str())) {
                matrix[i][j] += count;
                if i != j {
                    matrix[j][i] += count;
                }
            }
        }
        OverlapMatrix { labels, counts: matrix }
    }

    /// Returns the largest count.
    pub fn max(&self) -> usize {
        self.counts.iter().flatten().copied().max().unwrap_or(0)
    }
}

/// What a scan knows of one document of a pair.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    /// The record that stands for the document (the item, or the overlap's best record).
    pub(crate) id: String,
    /// The document (see `nwip_corpus::identity`): every edition, stage and amendment of it.
    pub(crate) document: String,
    /// The document's family: all parts of one multi-part standard.
    pub(crate) family: String,
    pub(crate) org: String,
    /// Upper-case organisations publishing it, joint publishers included.
    pub(crate) publishers: Vec<String>,
    pub(crate) state: Lifecycle,
    pub(crate) committee: Option<String>,
    pub(crate) title: String,
    /// Document keys of every identifier of the document.
    pub(crate) keys: Vec<String>,
    /// The key of the document it adopts, if it is an adoption.
    pub(crate) adopted: Option<String>,
}

impl Node {
    pub(crate) fn from_record(record: &Record) -> Node {
        let mut publishers: Vec<String> = super::split_orgs(&record.org).collect();
        let mut keys = vec![record.key.clone()];
        let mut adopted = None;
        for (index, id) in std::iter::once(&record.id).chain(&record.alt_ids).enumerate() {
            // Recomputed even for the primary id: an index built by an older nwip may hold keys
            // that kept a draft stage (`iso/cd 10318-1`).
            keys.push(document_key(id));
            publishers.extend(prefix_publishers(id));
            if let Some(parsed) = DocId::parse(id) {
                if index == 0 {
                    adopted = parsed.adopted_key();
                }
                // each publisher and its organisation (CISPR is IEC's, CGPM BIPM's)
                for publisher in parsed.publishers {
                    if let Some(org) = registry::organisation_of_publisher(&publisher) {
                        publishers.push(org.name.to_ascii_uppercase());
                    }
                    publishers.push(publisher);
                }
            }
        }
        publishers.sort();
        publishers.dedup();
        keys.sort();
        keys.dedup();
        let document = if record.document.is_empty() {
            document_key(&record.id)
        } else {
            record.document.clone()
        };
        if !keys.contains(&document) {
            keys.push(document.clone());
        }
        Node {
            id: record.id.clone(),
            document,
            family: family_key(&record.id),
            org: record.org.clone(),
            publishers,
            state: record.stage.lifecycle,
            committee: record.committee.as_ref().map(|c| c.id.clone()),
            title: record.display_title().to_string(),
            keys,
            adopted,
        }
    }

    /// Tells whether the two are one document (editions, stages, amendments, spellings, twin
    /// identifiers).
    pub(crate) fn same_document(&self, other: &Node) -> bool {
        self.id == other.id
            || (!self.document.is_empty() && self.document == other.document)
            || self.keys.iter().any(|key| other.keys.contains(key))
    }

    /// Tells whether the two are parts of one multi-part standard of one committee: a committee
    /// writing its own series, not duplicate work.
    pub(crate) fn same_series(&self, other: &Node) -> bool {
        self.family == other.family && self.same_committee(other)
    }

    /// Tells whether the two belong to one committee (spellings aside: `IEEE/Transformers of the
    /// IEEE Power and Energy Society` and `ANSI/IEEE/Transformers of ...` are one committee).
    pub(crate) fn same_committee(&self, other: &Node) -> bool {
        match (&self.committee, &other.committee) {
            (Some(a), Some(b)) => committee_identity(a) == committee_identity(b),
            _ => false,
        }
    }

    /// Tells how the two relate: organisations, committees of one organisation, or one committee.
    pub(crate) fn scope(&self, other: &Node) -> FindingScope {
        if !self.shares_org(other) {
            FindingScope::CrossOrganisation
        } else if self.same_committee(other) {
            FindingScope::SameCommittee
        } else {
            FindingScope::CrossCommittee
        }
    }

    /// Tells whether one adopts the other, both adopt the same document, or both carry the same
    /// document number under different publishers (joint ISO/IEC/IEEE development catalogued by
    /// each body under its own prefix: `IEEE P24748.1` and `ISO/IEC DIS 24748.1`).
    pub(crate) fn adoption_of(&self, other: &Node) -> bool {
        let adopts = |a: &Node, b: &Node| a.adopted.as_ref().is_some_and(|k| b.keys.contains(k));
        adopts(self, other)
            || adopts(other, self)
            || (self.adopted.is_some() && self.adopted == other.adopted)
            || self.keys.iter().filter_map(|k| document_number(k)).any(|number| {
                other.keys.iter().filter_map(|k| document_number(k)).any(|o| o == number)
            })
    }

    /// Tells whether the two have a publisher in common (`ISO/IEC 27001` and an IEC project do).
    pub(crate) fn shares_org(&self, other: &Node) -> bool {
        self.publishers.iter().any(|p| other.publishers.contains(p))
    }

    /// Tells whether the document passes `filter`, as the index would decide. Nodes carry no
    /// titles, so [`Filter::without_title_in`] is not checked here.
    pub(crate) fn passes(&self, filter: &Filter) -> bool {
        let org_ok = filter.orgs.is_empty()
            || filter.orgs.iter().any(|org| {
                org.eq_ignore_ascii_case(&self.org)
                    || self.publishers.iter().any(|p| p.eq_ignore_ascii_case(org))
            });
        let state_ok = filter.states.is_empty() || filter.states.contains(&self.state);
        let committee_ok = match (&filter.committee, &self.committee) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(wanted), Some(own)) => {
                own.eq_ignore_ascii_case(wanted)
                    || top_level_committee(own).eq_ignore_ascii_case(wanted)
            }
        };
        org_ok && state_ok && committee_ok
    }

    #[cfg(test)]
    pub(crate) fn for_test(id: &str, org: &str, state: Lifecycle) -> Node {
        Node {
            id: id.into(),
            document: nwip_corpus::identity::document_of(id),
            family: family_key(id),
            org: org.into(),
            publishers: vec![org.to_ascii_uppercase()],
            state,
            committee: None,
            title: id.into(),
            keys: vec![document_key(id), nwip_corpus::identity::document_of(id)],
            adopted: DocId::parse(id).and_then(|d| d.adopted_key()),
        }
    }
}

/// Where the two documents of a finding sit: the order in which a programme manager reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingScope {
    /// In different organisations (adoptions and joint publications are typed as such).
    CrossOrganisation,
    /// In different committees of one organisation: internal duplication.
    CrossCommittee,
    /// In one committee: different documents on the same subject.
    SameCommittee,
}

/// Returns a committee identifier without the organisation prefixes a catalogue may put in front
/// of a named committee (`ANSI/IEEE/...`, `ISO/...` on a joint document); coded committees
/// (`ISO/TC 22/SC 32`, `ITU-T/SG 17`), written without lower-case letters, are kept whole.
fn committee_identity(committee: &str) -> &str {
    if !committee.chars().any(|c| c.is_lowercase()) {
        return committee;
    }
    let mut rest = committee;
    while let Some((head, tail)) = rest.split_once('/') {
        if head.is_empty() || !head.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
            break;
        }
        rest = tail;
    }
    rest
}

/// Returns the organisations of the registry named, as written, by words of an identifier
/// (`IEEE/IEC PC37.60`, `IEC P62271.111/IEEE PC37.60`), for identifiers the parser does not read.
fn prefix_publishers(id: &str) -> impl Iterator<Item = String> + '_ {
    id.split(['/', ' ']).filter_map(|part| {
        let named = registry::organisations().iter().find(|org| org.name == part);
        let org = named.or_else(|| registry::organisation_of_publisher(part))?;
        Some(org.name.to_ascii_uppercase())
    })
}

/// Returns the number of a document key without its publishers (`iso/iec 24748-1` and
/// `ieee p24748.1` both give `24748-1`), when it has at least four digits (short numbers collide
/// across organisations by chance). IEEE's LAN/MAN standards 802.N are the joint ISO/IEC/IEEE
/// 8802-N: `ieee 802.5` gives `8802-5`, as `iso 8802-5` does.
fn document_number(key: &str) -> Option<String> {
    let number = key.rsplit(' ').next()?.trim_start_matches('p').replace('.', "-");
    let number = match number.strip_prefix("802-") {
        Some(rest) if key.starts_with("ieee ") => format!("8802-{rest}"),
        _ => number,
    };
    let digits = number.chars().take_while(char::is_ascii_digit).count();
    (digits >= 4).then_some(number)
}

struct Edge {
    a: u32,
    b: u32,
    score: f32,
    kind: OverlapKind,
    terms: Vec<String>,
}

/// The cluster edges of a scan and the pair counts of its matrices.
#[derive(Default)]
pub(crate) struct Graph {
    index: HashMap<String, u32>,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    org_counts: HashMap<(String, String), usize>,
    committee_counts: HashMap<(String, String), usize>,
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

impl Graph {
    /// Counts a pair finding in the matrices.
    pub(crate) fn count(&mut self, first: &Node, second: &Node) {
        *self.org_counts.entry(ordered(&first.org, &second.org)).or_default() += 1;
        if let (Some(a), Some(b)) = (&first.committee, &second.committee) {
            let key = ordered(top_level_committee(a), top_level_committee(b));
            *self.committee_counts.entry(key).or_default() += 1;
        }
    }

    fn add_node(&mut self, node: Node) -> u32 {
        if let Some(&index) = self.index.get(&node.document) {
            return index;
        }
        let index = self.nodes.len() as u32;
        self.index.insert(node.document.clone(), index);
        self.nodes.push(node);
        index
    }

    /// Adds a cluster edge between two documents.
    pub(crate) fn add_edge(
        &mut self,
        first: Node,
        second: Node,
        score: f32,
        kind: OverlapKind,
        terms: Vec<String>,
    ) {
        let a = self.add_node(first);
        let b = self.add_node(second);
        self.edges.push(Edge { a, b, score, kind, terms });
    }

    pub(crate) fn org_matrix(&self) -> OverlapMatrix {
        OverlapMatrix::from_counts(&self.org_counts, 64)
    }

    pub(crate) fn committee_matrix(&self, max_labels: usize) -> OverlapMatrix {
        OverlapMatrix::from_counts(&self.committee_counts, max_labels)
    }

    /// Groups the documents into clusters, strongest edges first, none larger than `max_size`;
    /// returns them most notable first.
    pub(crate) fn clusters(&self, max_size: usize) -> Vec<ClusterFinding> {
        let mut parent: Vec<u32> = (0..self.nodes.len() as u32).collect();
        let mut size: Vec<usize> = vec![1; self.nodes.len()];
        fn find(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                parent[x as usize] = parent[parent[x as usize] as usize];
                x = parent[x as usize];
            }
            x
        }
        let mut order: Vec<usize> = (0..self.edges.len()).collect();
        order.sort_by(|&x, &y| self.edges[y].score.total_cmp(&self.edges[x].score));
        let mut kept: Vec<usize> = Vec::new();
        for index in order {
            let edge = &self.edges[index];
            let (ra, rb) = (find(&mut parent, edge.a), find(&mut parent, edge.b));
            if ra == rb {
                kept.push(index);
                continue;
            }
            if size[ra as usize] + size[rb as usize] > max_size.max(2) {
                continue;
            }
            parent[rb as usize] = ra;
            size[ra as usize] += size[rb as usize];
            kept.push(index);
        }
        let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
        for node in 0..self.nodes.len() as u32 {
            let root = find(&mut parent, node);
            if size[root as usize] >= 2 {
                members.entry(root).or_default().push(node);
            }
        }
        let mut edges_of: HashMap<u32, Vec<&Edge>> = HashMap::new();
        for index in kept {
            let edge = &self.edges[index];
            edges_of.entry(find(&mut parent, edge.a)).or_default().push(edge);
        }
        let mut clusters: Vec<ClusterFinding> = members
            .into_iter()
            .map(|(root, nodes)| self.cluster(nodes, edges_of.remove(&root).unwrap_or_default()))
            .collect();
        clusters.sort_by(|x, y| {
            y.forum_shopping
                .cmp(&x.forum_shopping)
                .then(x.scope.cmp(&y.scope))
                .then(y.items.len().cmp(&x.items.len()))
                .then(y.score.total_cmp(&x.score))
                .then(x.items.cmp(&y.items))
        });
        for (rank, cluster) in clusters.iter_mut().enumerate() {
            cluster.id = rank + 1;
        }
        clusters
    }

    fn cluster(&self, mut members: Vec<u32>, mut edges: Vec<&Edge>) -> ClusterFinding {
        members.sort_by(|&x, &y| {
            let (a, b) = (&self.nodes[x as usize], &self.nodes[y as usize]);
            b.state.is_ongoing().cmp(&a.state.is_ongoing()).then(a.id.cmp(&b.id))
        });
        let nodes: Vec<&Node> = members.iter().map(|&m| &self.nodes[m as usize]).collect();
        edges.sort_by(|x, y| y.score.total_cmp(&x.score));
        let kind = edges
            .iter()
            .map(|e| e.kind)
            .max_by_key(|k| k.severity())
            .unwrap_or(OverlapKind::SameSubject);
        let score = edges.first().map_or(0.0, |e| e.score);
        let ongoing: Vec<&Node> = nodes.iter().copied().filter(|n| n.state.is_ongoing()).collect();
        let forum_shopping = ongoing.iter().enumerate().any(|(i, a)| {
            ongoing[i + 1..]
                .iter()
                .any(|b| !a.shares_org(b) && !a.same_document(b) && !a.adoption_of(b))
        });
        let organisations: BTreeSet<&str> = nodes.iter().map(|n| n.org.as_str()).collect();
        let scope = nodes
            .iter()
            .enumerate()
            .flat_map(|(i, a)| nodes[i + 1..].iter().map(move |b| a.scope(b)))
            .min()
            .unwrap_or(FindingScope::SameCommittee);
        let ongoing_organisations: BTreeSet<&str> =
            ongoing.iter().map(|n| n.org.as_str()).collect();
        let mut term_counts: HashMap<&str, usize> = HashMap::new();
        for edge in &edges {
            for term in &edge.terms {
                *term_counts.entry(term.as_str()).or_default() += 1;
            }
        }
        let mut shared_terms: Vec<(&str, usize)> = term_counts.into_iter().collect();
        shared_terms.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(y.0)));
        let reason = if forum_shopping {
            let by_org: Vec<String> = ongoing_organisations
                .iter()
                .map(|org| {
                    let ids: Vec<&str> =
                        ongoing.iter().filter(|n| n.org == *org).map(|n| n.id.as_str()).collect();
                    format!("{org} ({})", ids.join(", "))
                })
                .collect();
            format!("ongoing work on one subject in {}", by_org.join("; "))
        } else {
            format!(
                "{} documents on one subject in {}",
                nodes.len(),
                organisations.iter().copied().collect::<Vec<_>>().join(", ")
            )
        };
        let top_edges = edges
            .iter()
            .take(6)
            .map(|e| ClusterEdge {
                items: [self.nodes[e.a as usize].id.clone(), self.nodes[e.b as usize].id.clone()],
                kind: e.kind,
                score: e.score,
                shared_terms: e.terms.clone(),
            })
            .collect();
        ClusterFinding {
            id: 0,
            kind,
            score,
            items: nodes.iter().map(|n| n.id.clone()).collect(),
            documents: nodes.iter().map(|n| n.document.clone()).collect(),
            scope,
            orgs: nodes.iter().map(|n| n.org.clone()).collect(),
            states: nodes.iter().map(|n| n.state).collect(),
            committees: nodes.iter().map(|n| n.committee.clone()).collect(),
            titles: nodes.iter().map(|n| n.title.clone()).collect(),
            organisations: organisations.iter().map(|o| o.to_string()).collect(),
            forum_shopping,
            ongoing_organisations: ongoing_organisations.iter().map(|o| o.to_string()).collect(),
            evidence: ClusterEvidence {
                reason,
                shared_terms: shared_terms
                    .into_iter()
                    .take(8)
                    .map(|(t, _)| t.to_string())
                    .collect(),
                edges: top_edges,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, org: &str, state: Lifecycle) -> Node {
        Node::for_test(id, org, state)
    }

    #[test]
    fn ongoing_work_in_two_organisations_is_forum_shopping() {
        let mut graph = Graph::default();
        let iso = node("ISO/DIS 100", "ISO", Lifecycle::UnderDevelopment);
        let ieee = node("IEEE P200", "IEEE", Lifecycle::UnderDevelopment);
        let iec = node("IEC 300:2010", "IEC", Lifecycle::Published);
        graph.add_edge(iso.clone(), ieee, 0.9, OverlapKind::SameSubject, vec!["swap".into()]);
        graph.add_edge(iso, iec, 0.8, OverlapKind::SameSubject, vec!["swap".into()]);
        let clusters = graph.clusters(50);
        assert_eq!(clusters.len(), 1);
        let cluster = &clusters[0];
        assert!(cluster.forum_shopping);
        assert_eq!(cluster.items.len(), 3);
        assert_eq!(cluster.ongoing_organisations, ["IEEE", "ISO"]);
        assert_eq!(cluster.states[2], Lifecycle::Published);
        assert_eq!(cluster.evidence.shared_terms, ["swap"]);
        assert!(cluster.evidence.reason.contains("IEEE (IEEE P200)"));
    }

    #[test]
    fn joint_publishers_and_adoptions_are_not_forum_shopping() {
        let mut graph = Graph::default();
        let mut joint = node("ISO/IEC DIS 27001", "ISO", Lifecycle::UnderDevelopment);
        joint.publishers = vec!["IEC".into(), "ISO".into()];
        let iec = node("IEC CD 27999", "IEC", Lifecycle::UnderDevelopment);
        graph.add_edge(joint, iec, 0.9, OverlapKind::SameSubject, Vec::new());
        let iso = node("ISO/DIS 8802-3", "ISO", Lifecycle::UnderDevelopment);
        let ieee = node("IEEE Std 8802-3", "IEEE", Lifecycle::UnderDevelopment);
        assert!(ieee.adoption_of(&iso));
        graph.add_edge(iso, ieee, 0.95, OverlapKind::AdoptionOf, Vec::new());
        let clusters = graph.clusters(50);
        assert_eq!(clusters.len(), 2);
        assert!(clusters.iter().all(|c| !c.forum_shopping));
    }

    #[test]
    fn joint_developments_under_each_prefix_are_one_document() {
        let ieee = node("IEEE P24748.1", "IEEE", Lifecycle::UnderDevelopment);
        let iso = node("ISO/IEC DIS 24748-1", "ISO", Lifecycle::UnderDevelopment);
        assert!(ieee.adoption_of(&iso));
        let short = node("IEEE P802", "IEEE", Lifecycle::UnderDevelopment);
        assert!(!short.adoption_of(&node("ISO/DIS 802", "ISO", Lifecycle::UnderDevelopment)));
        assert_eq!(document_number("iso/iec 24748-1").as_deref(), Some("24748-1"));
        // IEEE 802.N is ISO/IEC/IEEE 8802-N, amendments included.
        let token_ring = node("IEEE Std P802.5t/D-2.5", "IEEE", Lifecycle::UnderDevelopment);
        let amendment = node("ISO/IEC 8802-5:1998/AMD1:1998", "ISO", Lifecycle::Published);
        assert!(token_ring.adoption_of(&amendment));
        assert_eq!(document_number("ieee 802.1q").as_deref(), Some("8802-1q"));
        assert!(!node("IEEE Std 802.11-2020", "IEEE", Lifecycle::Published).adoption_of(&node(
            "ISO/IEC 8802-3:2021",
            "ISO",
            Lifecycle::Published
        )));
        let names: Vec<String> = prefix_publishers("IEC P62271.111/IEEE PC37.60").collect();
        assert_eq!(names, ["IEC", "IEEE"]);
    }

    #[test]
    fn size_cap_stops_chaining_and_keeps_the_strongest_edges() {
        let mut graph = Graph::default();
        let ids = ["A 1", "A 2", "A 3", "A 4"];
        let nodes: Vec<Node> = ids.iter().map(|id| node(id, "ISO", Lifecycle::Published)).collect();
        graph.add_edge(nodes[0].clone(), nodes[1].clone(), 0.95, OverlapKind::SameSubject, vec![]);
        graph.add_edge(nodes[2].clone(), nodes[3].clone(), 0.9, OverlapKind::SameSubject, vec![]);
        graph.add_edge(nodes[1].clone(), nodes[2].clone(), 0.71, OverlapKind::SameSubject, vec![]);
        let capped = graph.clusters(2);
        assert_eq!(capped.len(), 2);
        assert!(capped.iter().all(|c| c.items.len() == 2));
        assert_eq!(graph.clusters(10).len(), 1);
    }

    #[test]
    fn committee_spellings_of_one_committee_agree() {
        let named = "IEEE/Transformers of the IEEE Power and Energy Society";
        assert_eq!(
            committee_identity(named),
            committee_identity("ANSI/IEEE/Transformers of the IEEE Power and Energy Society")
        );
        assert_eq!(committee_identity("ISO/TC 22/SC 32"), "ISO/TC 22/SC 32");
        assert_ne!(committee_identity("ISO/TC 22/SC 32"), committee_identity("ISO/TC 22/SC 31"));
    }

    #[test]
    fn stages_and_editions_of_one_document_and_one_committees_parts_are_not_findings() {
        let mut draft = node("ISO/CD 16602-2", "ISO", Lifecycle::UnderDevelopment);
        let mut other_part = node("ISO/CD 16602-3", "ISO", Lifecycle::UnderDevelopment);
        let mut edition = node("ISO 16602-2:2007", "ISO", Lifecycle::Published);
        for n in [&mut draft, &mut other_part, &mut edition] {
            n.committee = Some("ISO/TC 94/SC 13".into());
        }
        assert!(draft.same_document(&edition));
        assert!(draft.same_series(&other_part));
        let mut elsewhere = node("ISO 6529:2013", "ISO", Lifecycle::Published);
        elsewhere.committee = Some("ISO/TC 94/SC 13".into());
        assert!(!draft.same_series(&elsewhere));
        assert_eq!(draft.scope(&elsewhere), FindingScope::SameCommittee);
        elsewhere.committee = Some("ISO/TC 61".into());
        assert_eq!(draft.scope(&elsewhere), FindingScope::CrossCommittee);
        let ieee = node("IEEE P2000", "IEEE", Lifecycle::UnderDevelopment);
        assert_eq!(draft.scope(&ieee), FindingScope::CrossOrganisation);
    }

    #[test]
    fn matrix_is_symmetric_and_keeps_the_busiest_labels() {
        let mut counts = HashMap::new();
        counts.insert(("IEEE".to_string(), "ISO".to_string()), 3);
        counts.insert(("ISO".to_string(), "ISO".to_string()), 2);
        counts.insert(("IEC".to_string(), "OGC".to_string()), 1);
        let matrix = OverlapMatrix::from_counts(&counts, 3);
        assert_eq!(matrix.labels[0], "ISO");
        assert_eq!(matrix.labels.len(), 3);
        let (iso, ieee) = (0, 1);
        assert_eq!(matrix.counts[iso][ieee], 3);
        assert_eq!(matrix.counts[ieee][iso], 3);
        assert_eq!(matrix.counts[iso][iso], 2);
        assert_eq!(matrix.max(), 3);
    }

    #[test]
    fn filter_matches_joint_publishers_and_parent_committees() {
        let mut n = node("ISO/IEC DIS 27001", "ISO", Lifecycle::UnderDevelopment);
        n.publishers = vec!["IEC".into(), "ISO".into()];
        n.committee = Some("ISO/IEC JTC 1/SC 27".into());
        let filter = |orgs: &[&str], committee: Option<&str>| Filter {
            orgs: orgs.iter().map(|o| o.to_string()).collect(),
            states: vec![Lifecycle::UnderDevelopment],
            committee: committee.map(str::to_string),
            ..Filter::default()
        };
        assert!(n.passes(&filter(&["iec"], None)));
        assert!(!n.passes(&filter(&["IEEE"], None)));
        assert!(n.passes(&filter(&[], Some("ISO/IEC JTC 1"))));
        assert!(!n.passes(&filter(&[], Some("ISO/TC 22"))));
    }
}
