//! Gradient-boosted regression trees on the log-odds: the part of the overlap model that learns
//! how features combine.
//!
//! A linear model over the features cannot trust shared title words for one kind of proposal
//! (a revision, a translated title) and distrust them for another (a reworded proposal, whose
//! competitors are the records that happen to share two title words). Trees split on one feature
//! and then another, so a score can rest on the agreement of meanings where titles disagree and
//! on titles where they agree. [`fit_trees`] grows depth-limited trees by Newton boosting on the
//! logistic loss (histograms of at most 255 bins per feature, L2-regularised leaf values,
//! shrinkage), so the sum of the trees stays a log-odds and the score a probability.
//!
//! A [`Tree`] is stored as a list of [`Node`]s, root first; [`Tree::contributions`] attributes a
//! prediction to the features split on along its path (the change of node value at each split),
//! so a report can say which evidence moved the score.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::Example;

/// Trees laid out for scoring many pairs: each padded to a complete tree of the deepest one's
/// depth, its splits in one array and its leaves in another, all trees end to end.
///
/// Walking a [`Tree`] follows a pointer a level into a vector of its own and ends at a leaf found
/// by a branch the processor cannot predict; 800 trees a pair made a fifth of a scan's scoring.
/// A complete tree is walked in exactly `depth` steps of index arithmetic (`2i + 1` or `2i + 2`),
/// and the walks of successive trees overlap in the processor. A leaf above the full depth
/// stands in every leaf below it, under splits that send every value left, so a forest predicts
/// exactly what its trees do, summed in the same order. Trees are walked eight at a time, so that
/// their chains of loads overlap. Each leaf keeps the path to it (the feature of each split and
/// the change of value it makes), so that a pair's score is attributed to its features
/// ([`Forest::contributions`]) by adding up a leaf's path in each tree.
#[derive(Debug, Clone, Default)]
pub(crate) struct Forest {
    depth: u32,
    /// Per tree, its `2^depth - 1` splits in breadth-first order: (feature, threshold).
    splits: Vec<(u16, f32)>,
    /// Per tree, its `2^depth` leaf values, left to right.
    leaves: Vec<f32>,
    /// Per tree and leaf, the path down to it for [`Forest::contributions`]: at each level, the
    /// feature split on and the change of value the split makes, or [`NO_FEATURE`] at a split
    /// that is not the tree's own (one sending every value left under a leaf above the full
    /// depth).
    paths: Vec<(u16, f32)>,
    /// Whether every split's feature is below 256 (the common case, read from a table).
    narrow: bool,
}

/// One tree's part of a [`Forest`], as [`Tree::place`] writes it.
struct Placed<'a> {
    splits: &'a mut [(u16, f32)],
    leaves: &'a mut [f32],
    /// The value of the node at each split's position (a leaf's above the full depth).
    values: &'a mut [f32],
    /// Whether each split is the tree's own (not one under a leaf above the full depth).
    own: &'a mut [bool],
}

impl Forest {
    /// Lays `trees` out.
    pub(crate) fn new(trees: &[Tree]) -> Forest {
        let depth = trees.iter().map(|tree| tree.depth(0)).max().unwrap_or(0);
        let inner = (1usize << depth) - 1;
        let mut forest = Forest {
            depth,
            splits: vec![(0, f32::INFINITY); inner * trees.len()],
            leaves: vec![0.0; (inner + 1) * trees.len()],
            paths: Vec::with_capacity((inner + 1) * depth as usize * trees.len()),
            narrow: false,
        };
        for (number, tree) in trees.iter().enumerate() {
            let (mut values, mut own) = (vec![0.0; inner], vec![false; inner]);
            let mut placed = Placed {
                splits: &mut forest.splits[number * inner..(number + 1) * inner],
                leaves: &mut forest.leaves[number * (inner + 1)..(number + 1) * (inner + 1)],
                values: &mut values,
                own: &mut own,
            };
            if !tree.nodes.is_empty() {
                tree.place(0, 0, &mut placed);
            }
            let splits = &forest.splits[number * inner..(number + 1) * inner];
            let leaves = &forest.leaves[number * (inner + 1)..(number + 1) * (inner + 1)];
            let value_at = |at: usize| if at < inner { values[at] } else { leaves[at - inner] };
            // Counted from 1, a position's parent is half of it.
            let depth = depth as usize;
            for leaf in inner..2 * inner + 1 {
                for level in 0..depth {
                    let at = ((leaf + 1) >> (depth - level)) - 1;
                    let next = ((leaf + 1) >> (depth - level - 1)) - 1;
                    forest.paths.push(if own[at] {
                        (splits[at].0, value_at(next) - values[at])
                    } else {
                        (NO_FEATURE, 0.0)
                    });
                }
            }
        }
        forest.narrow = forest.splits.iter().all(|(feature, _)| *feature < 256);
        forest
    }

    /// The trees' values for `features`, summed in order (as [`Tree::predict`] of each).
    pub(crate) fn predict_sum(&self, features: &[f32]) -> f32 {
        let inner = (1usize << self.depth) - 1;
        if inner == 0 {
            // Trees of a leaf alone.
            return self.leaves.iter().fold(-0.0, |sum, leaf| sum + leaf);
        }
        let mut sum = -0.0f32;
        self.walk(features, |tree, at| sum += self.leaves[tree * (inner + 1) + at - inner]);
        sum
    }

    /// Adds to `contributions[f]` the change of value at each split on feature `f` along each
    /// tree's path of `features`, tree by tree: what [`Tree::contributions`] of each adds, in
    /// the same order.
    pub(crate) fn contributions(&self, features: &[f32], contributions: &mut [f32]) {
        let inner = (1usize << self.depth) - 1;
        let depth = self.depth as usize;
        self.walk(features, |tree, leaf| {
            let path = &self.paths[(tree * (inner + 1) + leaf - inner) * depth..][..depth];
            for &(feature, change) in path {
                if let Some(slot) = contributions.get_mut(usize::from(feature)) {
                    *slot += change;
                }
            }
        });
    }

    /// Walks every tree for `features`, calling `reached` with each tree's number and the
    /// position of the leaf it reaches, tree by tree in order.
    fn walk(&self, features: &[f32], reached: impl FnMut(usize, usize)) {
        if self.narrow {
            // A split's feature is read from a table of them all without a bounds check (a
            // missing feature reads 0).
            let mut table = [0.0f32; 256];
            let known = features.len().min(table.len());
            table[..known].copy_from_slice(&features[..known]);
            self.walk_reading(|feature| table[usize::from(feature as u8)], reached);
        } else {
            let value = |feature: u16| features.get(usize::from(feature)).copied().unwrap_or(0.0);
            self.walk_reading(value, reached);
        }
    }

    /// [`Forest::walk`], reading each split's feature with `value`.
    #[inline(always)]
    fn walk_reading(&self, value: impl Fn(u16) -> f32, mut reached: impl FnMut(usize, usize)) {
        let inner = (1usize << self.depth) - 1;
        if inner == 0 {
            return;
        }
        // Trees are walked `LANES` at a time, a level of each in turn: their walks are
        // independent chains of loads, which the processor overlaps.
        let mut groups = self.splits.chunks_exact(inner * LANES);
        for (group, splits) in groups.by_ref().enumerate() {
            let mut at = [0usize; LANES];
            for _ in 0..self.depth {
                for (lane, at) in at.iter_mut().enumerate() {
                    let (feature, threshold) = splits[lane * inner + *at];
                    *at = 2 * *at + if value(feature) < threshold { 1 } else { 2 };
                }
            }
            for (lane, at) in at.into_iter().enumerate() {
                reached(group * LANES + lane, at);
            }
        }
        let first = self.splits.len() / inner / LANES * LANES;
        for (number, splits) in groups.remainder().chunks_exact(inner).enumerate() {
            let mut at = 0;
            for _ in 0..self.depth {
                let (feature, threshold) = splits[at];
                at = 2 * at + if value(feature) < threshold { 1 } else { 2 };
            }
            reached(first + number, at);
        }
    }
}

/// The feature of a path's step that is no split of the tree's own ([`Forest::contributions`]).
const NO_FEATURE: u16 = u16::MAX;

/// Trees a forest walks side by side ([`Forest::predict_sum`]).
const LANES: usize = 8;

/// How trees are grown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BoostOptions {
    /// Trees in the ensemble.
    pub trees: usize,
    /// Largest depth of a tree (a tree has at most `2^depth` leaves).
    pub depth: usize,
    /// Shrinkage: each tree's values are scaled by this.
    pub learning_rate: f64,
    /// L2 penalty on leaf values.
    pub lambda: f64,
    /// Smallest weighted curvature (sum of `p (1 - p) weight`) a leaf may hold: the guard
    /// against leaves fitted to a handful of pairs.
    pub min_leaf_curvature: f64,
}

impl Default for BoostOptions {
    fn default() -> BoostOptions {
        BoostOptions {
            trees: 400,
            depth: 4,
            learning_rate: 0.05,
            lambda: 1.0,
            min_leaf_curvature: 50.0,
        }
    }
}

/// One node of a [`Tree`]: `(feature, threshold, left, right, value)`. A leaf has no children
/// (`left == right == 0`); a split sends a feature value below `threshold` to `left`. Every node
/// carries the value the tree would give if it stopped there, for contributions.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Node(pub u16, pub f32, pub u16, pub u16, pub f32);

impl Node {
    fn is_leaf(&self) -> bool {
        self.2 == 0
    }
}

/// A regression tree over feature vectors, root first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Tree {
    /// The nodes; `nodes[0]` is the root.
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The leaf value for `features`.
    pub fn predict(&self, features: &[f32]) -> f32 {
        let mut node = &self.nodes[0];
        while !node.is_leaf() {
            let value = features.get(usize::from(node.0)).copied().unwrap_or(0.0);
            node = &self.nodes[usize::from(if value < node.1 { node.2 } else { node.3 })];
        }
        node.4
    }

    /// The depth of the subtree under `node` (0 for a leaf).
    fn depth(&self, node: usize) -> u32 {
        match self.nodes.get(node) {
            Some(split) if !split.is_leaf() => {
                1 + self.depth(usize::from(split.2)).max(self.depth(usize::from(split.3)))
            }
            _ => 0,
        }
    }

    /// Writes the subtree under `node` at position `at` of a complete tree ([`Forest`]): a leaf
    /// fills every position below its own.
    fn place(&self, node: usize, at: usize, placed: &mut Placed) {
        let Node(feature, threshold, left, right, value) = self.nodes[node];
        let inner = placed.splits.len();
        if at >= inner {
            placed.leaves[at - inner] = value;
            return;
        }
        placed.values[at] = value;
        if left == 0 {
            // `splits` holds never-taken splits already (every value goes left of infinity,
            // and both sides get this leaf).
            self.place(node, 2 * at + 1, placed);
            self.place(node, 2 * at + 2, placed);
        } else {
            (placed.splits[at], placed.own[at]) = ((feature, threshold), true);
            self.place(usize::from(left), 2 * at + 1, placed);
            self.place(usize::from(right), 2 * at + 2, placed);
        }
    }

    /// Adds to `contributions[f]` the change of value at each split on feature `f` along the
    /// path of `features`, and returns the root's value: the two sum to [`Tree::predict`].
    pub fn contributions(&self, features: &[f32], contributions: &mut [f32]) -> f32 {
        let mut node = &self.nodes[0];
        while !node.is_leaf() {
            let feature = usize::from(node.0);
            let value = features.get(feature).copied().unwrap_or(0.0);
            let next = &self.nodes[usize::from(if value < node.1 { node.2 } else { node.3 })];
            if let Some(slot) = contributions.get_mut(feature) {
                *slot += next.4 - node.4;
            }
            node = next;
        }
        self.nodes[0].4
    }

    /// Adds to `counts[f]` how often the tree splits on feature `f`.
    pub fn splits(&self, counts: &mut [usize]) {
        for node in self.nodes.iter().filter(|n| !n.is_leaf()) {
            if let Some(count) = counts.get_mut(usize::from(node.0)) {
                *count += 1;
            }
        }
    }
}

/// Features binned for the fit: at most 255 cut points per feature, one byte per value,
/// stored feature by feature.
struct Binned {
    /// `cuts[f]`: ascending thresholds; bin `b` holds the values in `[cuts[b - 1], cuts[b])`.
    cuts: Vec<Vec<f32>>,
    /// `bins[f][row]`.
    bins: Vec<Vec<u8>>,
}

impl Binned {
    fn new(examples: &[Example], dimensions: usize) -> Binned {
        let (cuts, bins) = (0..dimensions)
            .into_par_iter()
            .map(|feature| {
                let values: Vec<f32> = examples
                    .iter()
                    .map(|e| e.features.get(feature).copied().unwrap_or(0.0))
                    .collect();
                let cuts = cut_points(&values, 255);
                let bins = values.iter().map(|v| cuts.partition_point(|c| c <= v) as u8).collect();
                (cuts, bins)
            })
            .unzip();
        Binned { cuts, bins }
    }
}

/// Up to `most` thresholds splitting `values` into bins of about equal counts, each halfway
/// between two neighbouring distinct values.
fn cut_points(values: &[f32], most: usize) -> Vec<f32> {
    let mut sorted: Vec<f32> = values.iter().copied().filter(|v| v.is_finite()).collect();
    sorted.sort_by(f32::total_cmp);
    let mut distinct: Vec<(f32, usize)> = Vec::new();
    for value in sorted {
        match distinct.last_mut() {
            Some((last, count)) if *last == value => *count += 1,
            _ => distinct.push((value, 1)),
        }
    }
    let total: usize = distinct.iter().map(|(_, count)| count).sum();
    let per_bin = (total / (most + 1)).max(1);
    let mut cuts = Vec::new();
    let mut filled = 0;
    for pair in distinct.windows(2) {
        filled += pair[0].1;
        if filled >= per_bin && cuts.len() < most {
            cuts.push((pair[0].0 + pair[1].0) / 2.0);
            filled = 0;
        }
    }
    cuts
}

/// Sums of gradient and curvature per bin of each feature, over some rows.
type Histogram = Vec<Vec<(f64, f64)>>;

fn histogram(binned: &Binned, rows: &[u32], gradient: &[f64], curvature: &[f64]) -> Histogram {
    binned
        .bins
        .par_iter()
        .zip(&binned.cuts)
        .map(|(bins, cuts)| {
            let mut sums = vec![(0.0, 0.0); cuts.len() + 1];
            for row in rows {
                let row = *row as usize;
                let slot = &mut sums[usize::from(bins[row])];
                slot.0 += gradient[row];
                slot.1 += curvature[row];
            }
            sums
        })
        .collect()
}

fn subtract(parent: &Histogram, child: &Histogram) -> Histogram {
    parent
        .iter()
        .zip(child)
        .map(|(p, c)| p.iter().zip(c).map(|(p, c)| (p.0 - c.0, p.1 - c.1)).collect())
        .collect()
}

/// The best split of a node: (gain, feature, bin: the last bin that goes left).
fn best_split(histogram: &Histogram, options: &BoostOptions) -> Option<(f64, usize, usize)> {
    let score = |g: f64, h: f64| g * g / (h + options.lambda);
    let mut best: Option<(f64, usize, usize)> = None;
    for (feature, sums) in histogram.iter().enumerate() {
        let (g_all, h_all) = sums.iter().fold((0.0, 0.0), |acc, (g, h)| (acc.0 + g, acc.1 + h));
        let parent = score(g_all, h_all);
        let (mut g_left, mut h_left) = (0.0, 0.0);
        for (bin, (g, h)) in sums.iter().enumerate().take(sums.len().saturating_sub(1)) {
            g_left += g;
            h_left += h;
            let h_right = h_all - h_left;
            if h_left < options.min_leaf_curvature || h_right < options.min_leaf_curvature {
                continue;
            }
            let gain = score(g_left, h_left) + score(g_all - g_left, h_right) - parent;
            if gain > 1e-9 && best.is_none_or(|(b, _, _)| gain > b) {
                best = Some((gain, feature, bin));
            }
        }
    }
    best
}

/// Grows one tree on the rows' gradients and curvatures.
fn grow(
    binned: &Binned,
    gradient: &[f64],
    curvature: &[f64],
    options: &BoostOptions,
) -> (Tree, Vec<f32>) {
    let value_of = |histogram: &Histogram| {
        let (g, h) = histogram[0].iter().fold((0.0, 0.0), |acc, (g, h)| (acc.0 + g, acc.1 + h));
        (-g / (h + options.lambda) * options.learning_rate) as f32
    };
    let all: Vec<u32> = (0..gradient.len() as u32).collect();
    let root_histogram = histogram(binned, &all, gradient, curvature);
    let mut nodes = vec![Node(0, 0.0, 0, 0, value_of(&root_histogram))];
    // (node, depth, rows, histogram) waiting to be split.
    let mut open = vec![(0usize, 0usize, all, root_histogram)];
    let mut leaf_of_row = vec![0u16; gradient.len()];
    while let Some((node, depth, rows, node_histogram)) = open.pop() {
        let split = if depth < options.depth { best_split(&node_histogram, options) } else { None };
        let Some((_, feature, bin)) = split else {
            for row in &rows {
                leaf_of_row[*row as usize] = node as u16;
            }
            continue;
        };
        let bins = &binned.bins[feature];
        let (left_rows, right_rows): (Vec<u32>, Vec<u32>) =
            rows.iter().partition(|row| usize::from(bins[**row as usize]) <= bin);
        // The smaller child's histogram is summed, the larger's is the parent's minus it.
        let left_is_smaller = left_rows.len() <= right_rows.len();
        let smaller = if left_is_smaller { &left_rows } else { &right_rows };
        let small_histogram = histogram(binned, smaller, gradient, curvature);
        let large_histogram = subtract(&node_histogram, &small_histogram);
        let (left_histogram, right_histogram) = if left_is_smaller {
            (small_histogram, large_histogram)
        } else {
            (large_histogram, small_histogram)
        };
        let left = nodes.len();
        nodes.push(Node(0, 0.0, 0, 0, value_of(&left_histogram)));
        nodes.push(Node(0, 0.0, 0, 0, value_of(&right_histogram)));
        nodes[node] = Node(
            feature as u16,
            binned.cuts[feature][bin],
            left as u16,
            left as u16 + 1,
            nodes[node].4,
        );
        open.push((left, depth + 1, left_rows, left_histogram));
        open.push((left + 1, depth + 1, right_rows, right_histogram));
    }
    let leaf_values = leaf_of_row.iter().map(|leaf| nodes[usize::from(*leaf)].4).collect();
    (Tree { nodes }, leaf_values)
}

/// Fits trees to `examples` (feature vectors of `dimensions` values, labels 0 or 1, weights)
/// starting from the log-odds `start` gives each example; returns the trees. The prediction is
/// the start plus the sum of the trees' values.
///
/// ```
/// use nwip_score::{fit_trees, BoostOptions, Example};
/// // The label is 1 when exactly one of two features is high: no linear model can say so.
/// let examples: Vec<Example> = (0..600)
///     .map(|i| {
///         let (a, b) = ((i % 2) as f32, f32::from(i % 3 == 0));
///         Example { features: vec![a, b], label: if a != b { 1.0 } else { 0.0 }, weight: 1.0 }
///     })
///     .collect();
/// let options = BoostOptions { trees: 50, depth: 2, learning_rate: 0.3, lambda: 1.0, min_leaf_curvature: 1.0 };
/// let trees = fit_trees(&examples, 2, |_| 0.0, &options);
/// let logit = |x: &[f32]| trees.iter().map(|t| t.predict(x)).sum::<f32>();
/// assert!(logit(&[1.0, 0.0]) > 2.0 && logit(&[1.0, 1.0]) < -2.0);
/// ```
pub fn fit_trees(
    examples: &[Example],
    dimensions: usize,
    start: impl Fn(&Example) -> f32,
    options: &BoostOptions,
) -> Vec<Tree> {
    if examples.is_empty() {
        return Vec::new();
    }
    let binned = Binned::new(examples, dimensions);
    let mut margin: Vec<f64> = examples.iter().map(|e| f64::from(start(e))).collect();
    let mut gradient = vec![0.0; examples.len()];
    let mut curvature = vec![0.0; examples.len()];
    let mut trees = Vec::with_capacity(options.trees);
    for _ in 0..options.trees {
        for (row, example) in examples.iter().enumerate() {
            let p = 1.0 / (1.0 + (-margin[row]).exp());
            let weight = f64::from(example.weight);
            gradient[row] = (p - f64::from(example.label)) * weight;
            curvature[row] = (p * (1.0 - p)).max(1e-6) * weight;
        }
        let (tree, values) = grow(&binned, &gradient, &curvature, options);
        if tree.nodes.len() == 1 && values.iter().all(|v| v.abs() < 1e-6) {
            break;
        }
        for (m, v) in margin.iter_mut().zip(values) {
            *m += f64::from(v);
        }
        trees.push(tree);
    }
    trees
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `forest` attributes `values` to the features bit for bit as its `trees` do,
    /// one after the other.
    fn assert_same_contributions(trees: &[Tree], forest: &Forest, values: &[f32]) {
        // Each starts at -0.0, which a split adding 0 would turn into +0.0.
        let n = values.len().max(302);
        let (mut expected, mut laid_out) = (vec![-0.0f32; n], vec![-0.0f32; n]);
        for tree in trees {
            tree.contributions(values, &mut expected);
        }
        forest.contributions(values, &mut laid_out);
        let bits = |list: &[f32]| list.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&laid_out), bits(&expected), "{values:?}");
    }

    #[test]
    fn a_forest_predicts_exactly_what_its_trees_do() {
        let model = crate::Model::shipped();
        let forest = Forest::new(&model.trees);
        assert_eq!(forest.depth, 4);
        let lead_forest = Forest::new(&model.lead_trees);
        let filed_forest = Forest::new(&model.filed_trees);
        // Values on both sides of the thresholds, NaN, infinities and a vector cut short
        // (a missing feature reads as 0).
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let n = crate::Features::NAMES.len();
        for round in 0..2_000 {
            let mut values: Vec<f32> = (0..n)
                .map(|_| match next() % 10 {
                    0 => 0.0,
                    1 => 1.0,
                    2 => f32::NAN,
                    3 => f32::INFINITY,
                    _ => (next() % 2_000) as f32 / 1_000.0 - 0.5,
                })
                .collect();
            if round % 7 == 0 {
                values.truncate(round % n);
            }
            let forests = [
                (&model.trees, &forest),
                (&model.lead_trees, &lead_forest),
                (&model.filed_trees, &filed_forest),
            ];
            for (trees, forest) in forests {
                let expected: f32 = trees.iter().map(|tree| tree.predict(&values)).sum();
                assert_eq!(forest.predict_sum(&values).to_bits(), expected.to_bits(), "{values:?}");
                assert_same_contributions(trees, forest, &values);
            }
        }
        let leaf = |value| Node(0, 0.0, 0, 0, value);
        // A leaf above the full depth on the left.
        let nodes =
            vec![Node(1, 0.5, 1, 2, 0.0), leaf(3.0), Node(0, 0.2, 3, 4, 1.0), leaf(4.0), leaf(5.0)];
        let uneven = Tree { nodes };
        let forest = Forest::new(std::slice::from_ref(&uneven));
        for values in [[0.0, 0.0], [0.1, 0.9], [0.3, 0.9], [f32::NAN, 0.0], [0.0, f32::NAN]] {
            assert_eq!(forest.predict_sum(&values), uneven.predict(&values), "{values:?}");
            assert_same_contributions(std::slice::from_ref(&uneven), &forest, &values);
        }
        assert_eq!(Forest::new(&[]).predict_sum(&[1.0]), 0.0);
        // A split on a feature past the table's 256 is read from the features themselves.
        let nodes = vec![
            Node(300, 0.5, 1, 2, 0.0),
            Node(255, 0.5, 3, 4, 1.0),
            leaf(2.0),
            leaf(3.0),
            leaf(4.0),
        ];
        let wide = Tree { nodes };
        let forest = Forest::new(&[wide.clone(), uneven.clone(), wide.clone()]);
        assert!(!forest.narrow);
        for (at, value) in [(300, 1.0), (300, 0.0), (255, 1.0), (255, 0.0), (0, 1.0)] {
            for length in [2, 256, 301] {
                let mut values = vec![0.0; length];
                if let Some(slot) = values.get_mut(at) {
                    *slot = value;
                }
                let expected: f32 =
                    [&wide, &uneven, &wide].iter().map(|t| t.predict(&values)).sum();
                assert_eq!(forest.predict_sum(&values), expected, "{at} {value} {length}");
                assert_same_contributions(
                    &[wide.clone(), uneven.clone(), wide.clone()],
                    &forest,
                    &values,
                );
            }
        }
    }

    #[test]
    fn cut_points_split_distinct_values_halfway() {
        assert_eq!(cut_points(&[0.0, 0.0, 1.0, 1.0], 255), vec![0.5]);
        assert!(cut_points(&[3.0; 10], 255).is_empty());
        let many: Vec<f32> = (0..10_000).map(|i| i as f32).collect();
        assert!(cut_points(&many, 255).len() <= 255);
    }

    #[test]
    fn contributions_and_root_value_sum_to_the_prediction() {
        let examples: Vec<Example> = (0..200)
            .map(|i| {
                let x = (i % 10) as f32 / 10.0;
                let z = (i % 7) as f32 / 7.0;
                Example { features: vec![x, z], label: f32::from(x + z > 0.8), weight: 1.0 }
            })
            .collect();
        let options =
            BoostOptions { trees: 5, depth: 3, min_leaf_curvature: 1.0, ..Default::default() };
        let trees = fit_trees(&examples, 2, |_| 0.0, &options);
        assert_eq!(trees.len(), 5);
        for example in &examples {
            for tree in &trees {
                let mut contributions = vec![0.0; 2];
                let root = tree.contributions(&example.features, &mut contributions);
                let total = root + contributions.iter().sum::<f32>();
                assert!((total - tree.predict(&example.features)).abs() < 1e-5);
            }
        }
    }

    #[test]
    fn leaves_hold_at_least_the_smallest_curvature() {
        // One positive among many: no leaf may isolate it when each leaf must hold curvature.
        let mut examples: Vec<Example> = (0..100)
            .map(|i| Example { features: vec![i as f32], label: 0.0, weight: 1.0 })
            .collect();
        examples[50].label = 1.0;
        let options =
            BoostOptions { trees: 1, depth: 6, min_leaf_curvature: 10.0, ..Default::default() };
        let trees = fit_trees(&examples, 1, |_| 0.0, &options);
        // At p = 0.5 a row's curvature is 0.25: a leaf needs 40 rows, so at most two leaves.
        assert!(trees[0].nodes.iter().filter(|n| n.is_leaf()).count() <= 2);
    }
}
