//! The calibrated model over [`Features`], fitted from labelled pairs.
//!
//! The score of a pair is `sigmoid(bias + Σ weight·feature + Σ tree(features))`, an estimate of
//! the probability that the record's document already covers the proposal's subject. Because it
//! is a probability, a score of 0.8 means the same thing from one proposal to the next, and
//! thresholds (`--min-score`, `--fail-on`) are meaningful. Nothing is picked by hand:
//! [`Model::fit`] fits a logistic regression (L2-regularised Newton iterations),
//! [`Model::fit_boosted`] gradient-boosted trees on the same log-odds (see [`crate::fit_trees`]),
//! and the `nwip calibrate` command runs them on the evaluation sets and writes `model.json`,
//! which is compiled into this crate.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::boost::{fit_trees, BoostOptions, Forest, Tree};
use crate::features::Features;

/// A logistic model over the features, with optional boosted trees on its log-odds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Feature names, in the order of the weights.
    pub features: Vec<String>,
    /// One weight per feature.
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
    /// Regression trees whose values add to the log-odds (none in a purely linear model).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trees: Vec<Tree>,
    /// Trees fitted on the rest of the log-odds with the leads ([`crate::leads`]), added only
    /// where the leads are read ([`Features::leads_read`]): an index too small for them scores
    /// with the model above alone, as it scored before leads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lead_trees: Vec<Tree>,
    /// Trees fitted on the rest of the log-odds (with the leads) of proposals that name their
    /// committee ([`Features::filed`]), added only for those, where the leads are read: what a
    /// shared committee is worth to a proposal in other words, learned apart from the proposals
    /// that name none, which score as they would without these trees.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filed_trees: Vec<Tree>,
    /// How the model was fitted (sets, pairs, held-out figures), for the record.
    #[serde(default)]
    pub provenance: serde_json::Value,
}

/// A [`Model`] with its trees laid out as [`Forest`]s, for scoring a check's candidates.
pub(crate) struct Scorer<'a> {
    model: &'a Model,
    trees: Cow<'a, Forest>,
    lead_trees: Cow<'a, Forest>,
    filed_trees: Cow<'a, Forest>,
}

/// A [`Model`] laid out once for scoring many checks ([`crate::rank_prepared`]).
///
/// [`crate::rank`] lays a model's trees out for each check it ranks (`Forest`): a tenth of a
/// millisecond for the shipped model's 800 trees, 3 % of a scan's CPU, whose items have few
/// candidates. An engine that scores with one model keeps it prepared. The model is shared,
/// not copied, and cannot change under its layout.
///
/// ```
/// use nwip_score::{Model, PreparedModel};
/// let prepared = PreparedModel::new(std::sync::Arc::new(Model::shipped()));
/// assert_eq!(prepared.model(), &Model::shipped());
/// ```
#[derive(Debug, Clone)]
pub struct PreparedModel {
    model: Arc<Model>,
    trees: Arc<Forest>,
    lead_trees: Arc<Forest>,
    filed_trees: Arc<Forest>,
}

impl PreparedModel {
    /// Lays `model`'s trees out.
    pub fn new(model: Arc<Model>) -> PreparedModel {
        let trees = Arc::new(Forest::new(&model.trees));
        let lead_trees = Arc::new(Forest::new(&model.lead_trees));
        let filed_trees = Arc::new(Forest::new(&model.filed_trees));
        PreparedModel { model, trees, lead_trees, filed_trees }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    pub(crate) fn scorer(&self) -> Scorer<'_> {
        Scorer {
            model: &self.model,
            trees: Cow::Borrowed(&self.trees),
            lead_trees: Cow::Borrowed(&self.lead_trees),
            filed_trees: Cow::Borrowed(&self.filed_trees),
        }
    }
}

impl Scorer<'_> {
    /// The score [`Model::score`] gives, computed in the same order.
    pub(crate) fn score(&self, features: &Features) -> f32 {
        let values = features.to_vec();
        let logit = self.model.linear_plus(&values, self.trees.predict_sum(&values));
        let mut leads = 0.0;
        if features.leads_read {
            leads = self.lead_trees.predict_sum(&values);
            if names_committee(&values) {
                leads += self.filed_trees.predict_sum(&values);
            }
        }
        sigmoid(logit + leads)
    }

    /// The contributions [`Model::contributions`] gives, computed in the same order.
    pub(crate) fn contributions(&self, features: &Features) -> Vec<(&'static str, f32)> {
        self.model.attributed(features, |values, contributions| {
            self.trees.contributions(values, contributions);
            if features.leads_read {
                self.lead_trees.contributions(values, contributions);
                if names_committee(values) {
                    self.filed_trees.contributions(values, contributions);
                }
            }
        })
    }
}

/// Tells whether a feature vector is of a proposal that names its committee
/// ([`Features::filed`]).
pub(crate) fn names_committee(values: &[f32]) -> bool {
    values.get(Features::FILED).is_some_and(|value| *value > 0.5)
}

/// One labelled pair for fitting: its features and whether the record is a true overlap.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Feature values, in the order of [`Features::NAMES`].
    pub features: Vec<f32>,
    /// 1 for a true overlap, 0 otherwise.
    pub label: f32,
    /// Weight of the example in the fit.
    pub weight: f32,
}

impl Model {
    /// Returns the model shipped with this crate (fitted by `nwip calibrate`).
    pub fn shipped() -> Model {
        static SHIPPED: std::sync::OnceLock<Model> = std::sync::OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                serde_json::from_str::<Model>(include_str!("../model.json"))
                    .ok()
                    .and_then(Model::extended)
                    .unwrap_or_else(Model::prior)
            })
            .clone()
    }

    /// Returns a model that only trusts textual agreement, used before any fit and as the fit's
    /// starting point.
    pub fn prior() -> Model {
        let weights = Features::NAMES
            .iter()
            .map(|name| match *name {
                "title_in_record_title" | "record_title_in_title" => 2.0,
                "title_in_record" | "body_in_record" | "retrieval" => 1.0,
                _ => 0.0,
            })
            .collect();
        Model {
            features: Features::NAMES.iter().map(|n| n.to_string()).collect(),
            weights,
            bias: -4.0,
            trees: Vec::new(),
            lead_trees: Vec::new(),
            filed_trees: Vec::new(),
            provenance: serde_json::json!({"fitted": false}),
        }
    }

    /// Returns the model as JSON, as `nwip calibrate --out` writes it: indented, one tree a line
    /// (a model of 400 trees stays a readable, diffable file).
    ///
    /// ```
    /// use nwip_score::Model;
    /// let model = Model::prior();
    /// let back: Model = serde_json::from_str(&model.to_json()?)?;
    /// assert_eq!(back, model);
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn to_json(&self) -> serde_json::Result<String> {
        let linear = Model {
            trees: Vec::new(),
            lead_trees: Vec::new(),
            filed_trees: Vec::new(),
            ..self.clone()
        };
        let mut text = serde_json::to_string_pretty(&linear)?;
        let forests = [
            ("trees", &self.trees),
            ("lead_trees", &self.lead_trees),
            ("filed_trees", &self.filed_trees),
        ];
        for (name, trees) in forests {
            if trees.is_empty() {
                continue;
            }
            text.truncate(text.trim_end().trim_end_matches('}').trim_end().len());
            text.push_str(&format!(",\n  \"{name}\": ["));
            for (number, tree) in trees.iter().enumerate() {
                text.push_str(if number == 0 { "\n    " } else { ",\n    " });
                text.push_str(&serde_json::to_string(tree)?);
            }
            text.push_str("\n  ]\n}");
        }
        Ok(text)
    }

    /// Returns the log-odds of a feature vector: the linear part plus every tree's value.
    pub fn logit(&self, features: &[f32]) -> f32 {
        let trees = self.trees.iter().map(|tree| tree.predict(features)).sum::<f32>();
        self.linear_plus(features, trees)
    }

    /// The bias, plus the linear part of `features`, plus `trees` (their trees' sum), added in
    /// that order whichever way the trees were walked.
    fn linear_plus(&self, features: &[f32], trees: f32) -> f32 {
        self.bias + self.weights.iter().zip(features).map(|(w, x)| w * x).sum::<f32>() + trees
    }

    /// Returns a model fitted on an earlier list of features, of which this build's
    /// [`Features::NAMES`] only add to the end (the leads were added so), with weight 0 for the
    /// added ones; `None` when its features are not such a beginning.
    ///
    /// ```
    /// use nwip_score::{Features, Model};
    /// let mut earlier = Model::prior();
    /// earlier.features.truncate(24);
    /// earlier.weights.truncate(24);
    /// let extended = earlier.extended().unwrap();
    /// assert_eq!(extended.features.len(), Features::NAMES.len());
    /// assert_eq!(extended.weights[Features::NAMES.len() - 1], 0.0);
    /// ```
    pub fn extended(mut self) -> Option<Model> {
        let known = self.features.len();
        let prefix = Features::NAMES.get(..known)?;
        if !self.features.iter().map(String::as_str).eq(prefix.iter().copied())
            || self.weights.len() != known
        {
            return None;
        }
        self.features = Features::NAMES.iter().map(|n| n.to_string()).collect();
        self.weights.resize(Features::NAMES.len(), 0.0);
        Some(self)
    }

    /// Returns the log-odds of a feature vector with the lead trees' part added when the leads
    /// were read ([`Features::leads_read`], [`Model::lead_trees`]), and the filed trees' part
    /// when the proposal also names its committee ([`Model::filed_trees`]).
    pub fn logit_with_leads(&self, features: &[f32], leads_read: bool) -> f32 {
        self.logit(features)
            + self.read_trees(features, leads_read).map(|tree| tree.predict(features)).sum::<f32>()
    }

    /// The trees read after the model before leads: the lead trees where the leads were read,
    /// then the filed trees where the proposal names its committee too.
    fn read_trees<'a>(
        &'a self,
        features: &[f32],
        leads_read: bool,
    ) -> impl Iterator<Item = &'a Tree> + 'a {
        let lead_trees = if leads_read { &self.lead_trees[..] } else { &[] };
        let filed = leads_read && names_committee(features);
        let filed_trees = if filed { &self.filed_trees[..] } else { &[] };
        lead_trees.iter().chain(filed_trees)
    }

    /// Returns the calibrated score in [0, 1] (with the lead trees where the leads are read).
    pub fn score(&self, features: &Features) -> f32 {
        sigmoid(self.logit_with_leads(&features.to_vec(), features.leads_read))
    }

    /// The model laid out to score many pairs: the same scores as [`Model::score`], faster.
    pub(crate) fn scorer(&self) -> Scorer<'_> {
        Scorer {
            model: self,
            trees: Cow::Owned(Forest::new(&self.trees)),
            lead_trees: Cow::Owned(Forest::new(&self.lead_trees)),
            filed_trees: Cow::Owned(Forest::new(&self.filed_trees)),
        }
    }

    /// Returns each feature's contribution to the log-odds, for explanations: its weight times
    /// its value, plus the change of value at every tree split on it along the pair's path. The
    /// contributions, the bias and the trees' root values sum to the log-odds.
    pub fn contributions(&self, features: &Features) -> Vec<(&'static str, f32)> {
        self.attributed(features, |values, contributions| {
            for tree in self.trees.iter().chain(self.read_trees(values, features.leads_read)) {
                tree.contributions(values, contributions);
            }
        })
    }

    /// Each feature's weight times its value, plus what `trees` adds to it (their contributions),
    /// named.
    fn attributed(
        &self,
        features: &Features,
        trees: impl FnOnce(&[f32], &mut [f32]),
    ) -> Vec<(&'static str, f32)> {
        let values = features.to_vec();
        let mut contributions: Vec<f32> =
            self.weights.iter().zip(&values).map(|(w, x)| w * x).collect();
        contributions.resize(Features::NAMES.len(), 0.0);
        trees(&values, &mut contributions);
        Features::NAMES.iter().copied().zip(contributions).collect()
    }

    /// Fits a logistic regression to `examples` ([`Model::fit`], penalty `options.lambda`), then
    /// gradient-boosted trees on the logistic loss from its log-odds (see [`crate::fit_trees`]): the
    /// linear part orders the many weak candidates smoothly, the trees learn how features
    /// combine.
    pub fn fit_boosted(examples: &[Example], options: &BoostOptions) -> Model {
        let mut model = Model::fit(examples, options.lambda, 30);
        let linear = model.clone();
        model.trees = fit_trees(
            examples,
            Features::NAMES.len(),
            |example| linear.logit(&example.features),
            options,
        );
        model
    }

    /// Fits a logistic model to `examples` by Newton's method with an L2 penalty `lambda` on the
    /// weights (not the bias).
    ///
    /// ```
    /// use nwip_score::{Example, Model};
    /// let n = nwip_score::Features::NAMES.len();
    /// let example = |x: f32, label: f32| {
    ///     let mut features = vec![0.0; n];
    ///     features[0] = x;
    ///     Example { features, label, weight: 1.0 }
    /// };
    /// let examples: Vec<Example> = (0..100).map(|i| example(i as f32 / 100.0, if i > 50 { 1.0 } else { 0.0 })).collect();
    /// let model = Model::fit(&examples, 0.01, 25);
    /// assert!(model.weights[0] > 5.0);
    /// ```
    pub fn fit(examples: &[Example], lambda: f64, iterations: usize) -> Model {
        let dimensions = Features::NAMES.len() + 1;
        let mut beta = vec![0.0f64; dimensions];
        let prior = Model::prior();
        beta[0] = f64::from(prior.bias);
        for (b, w) in beta[1..].iter_mut().zip(&prior.weights) {
            *b = f64::from(*w);
        }
        for _ in 0..iterations {
            let mut gradient = vec![0.0f64; dimensions];
            let mut hessian = vec![vec![0.0f64; dimensions]; dimensions];
            for example in examples {
                let x: Vec<f64> = std::iter::once(1.0)
                    .chain(example.features.iter().map(|v| f64::from(*v)))
                    .collect();
                let z: f64 = beta.iter().zip(&x).map(|(b, v)| b * v).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let weight = f64::from(example.weight);
                let error = (p - f64::from(example.label)) * weight;
                let curvature = (p * (1.0 - p)).max(1e-9) * weight;
                for (i, (gradient_i, hessian_row)) in
                    gradient.iter_mut().zip(hessian.iter_mut()).enumerate()
                {
                    *gradient_i += error * x[i];
                    if x[i] == 0.0 {
                        continue;
                    }
                    for (cell, x_j) in hessian_row.iter_mut().zip(&x) {
                        *cell += curvature * x[i] * x_j;
                    }
                }
            }
            for (i, beta_i) in beta.iter().enumerate().skip(1) {
                gradient[i] += lambda * beta_i;
                hessian[i][i] += lambda;
            }
            hessian[0][0] += 1e-9;
            let Some(step) = solve(hessian, gradient) else { break };
            // Damped: a full Newton step from far off can overshoot (and diverge), so the step
            // is halved until the penalised loss does not grow.
            let before = penalised_loss(examples, &beta, lambda);
            let mut fraction = 1.0;
            let mut next: Vec<f64> = beta.iter().zip(&step).map(|(b, s)| b - s).collect();
            while penalised_loss(examples, &next, lambda) > before && fraction > 1e-6 {
                fraction /= 2.0;
                next = beta.iter().zip(&step).map(|(b, s)| b - fraction * s).collect();
            }
            let largest = step.iter().map(|s| (fraction * s).abs()).fold(0.0, f64::max);
            beta = next;
            if largest < 1e-6 {
                break;
            }
        }
        Model {
            features: Features::NAMES.iter().map(|n| n.to_string()).collect(),
            weights: beta[1..].iter().map(|b| *b as f32).collect(),
            bias: beta[0] as f32,
            trees: Vec::new(),
            lead_trees: Vec::new(),
            filed_trees: Vec::new(),
            provenance: serde_json::Value::Null,
        }
    }
}

/// The weighted logistic loss of `beta` (bias first) on `examples`, plus `lambda / 2 · |w|²`.
fn penalised_loss(examples: &[Example], beta: &[f64], lambda: f64) -> f64 {
    let data: f64 = examples
        .iter()
        .map(|example| {
            let z = beta[0]
                + beta[1..]
                    .iter()
                    .zip(&example.features)
                    .map(|(b, x)| b * f64::from(*x))
                    .sum::<f64>();
            // log(1 + e^z) - y z, computed without overflow.
            let softplus = if z > 0.0 { z + (-z).exp().ln_1p() } else { z.exp().ln_1p() };
            f64::from(example.weight) * (softplus - f64::from(example.label) * z)
        })
        .sum();
    data + lambda / 2.0 * beta[1..].iter().map(|b| b * b).sum::<f64>()
}

/// The logistic function.
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Solves `a x = b` by Gaussian elimination with partial pivoting.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for column in 0..n {
        let pivot =
            (column..n).max_by(|x, y| a[*x][column].abs().total_cmp(&a[*y][column].abs()))?;
        if a[pivot][column].abs() < 1e-12 {
            return None;
        }
        a.swap(column, pivot);
        b.swap(column, pivot);
        for row in column + 1..n {
            let factor = a[row][column] / a[column][column];
            if factor == 0.0 {
                continue;
            }
            let (upper, lower) = a.split_at_mut(row);
            for (target, source) in lower[0][column..].iter_mut().zip(&upper[column][column..]) {
                *target -= factor * source;
            }
            b[row] -= factor * b[column];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let sum: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - sum) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_model_matches_the_feature_list() {
        let model = Model::shipped();
        assert_eq!(model.weights.len(), Features::NAMES.len());
        // The fitted model, extended with the features added since, not the prior.
        assert_eq!(model.provenance["fitted"], true);
        assert!(!model.lead_trees.is_empty());
    }

    #[test]
    fn boosted_model_learns_what_the_linear_part_cannot_and_survives_json() {
        // A positive when exactly one of the first two features is high.
        let n = Features::NAMES.len();
        let examples: Vec<Example> = (0..800)
            .map(|i| {
                let mut features = vec![0.0; n];
                features[0] = (i % 2) as f32;
                features[1] = f32::from(i % 3 == 0);
                let label = if features[0] != features[1] { 1.0 } else { 0.0 };
                Example { features, label, weight: 1.0 }
            })
            .collect();
        let options = BoostOptions {
            trees: 60,
            depth: 2,
            learning_rate: 0.3,
            lambda: 1.0,
            min_leaf_curvature: 1.0,
        };
        let model = Model::fit_boosted(&examples, &options);
        let score = |a: f32, b: f32| {
            let mut features = vec![0.0; n];
            features[0] = a;
            features[1] = b;
            sigmoid(model.logit(&features))
        };
        assert!(score(1.0, 0.0) > 0.9 && score(0.0, 1.0) > 0.9);
        assert!(score(1.0, 1.0) < 0.1 && score(0.0, 0.0) < 0.1);
        let text = model.to_json().unwrap();
        assert!(text.lines().count() > model.trees.len(), "one tree a line");
        let back: Model = serde_json::from_str(&text).unwrap();
        assert_eq!(back, model);
    }

    #[test]
    fn scores_are_probabilities() {
        let model = Model::prior();
        let strong = Features {
            title_in_record_title: 1.0,
            record_title_in_title: 1.0,
            title_in_record: 1.0,
            retrieval: 1.0,
            ..Default::default()
        };
        let score = model.score(&strong);
        assert!(score > 0.5 && score <= 1.0);
        assert!(model.score(&Features::default()) < 0.1);
    }

    #[test]
    fn the_scorer_gives_the_models_scores_to_the_bit() {
        let model = Model::shipped();
        let scorer = model.scorer();
        let prepared = PreparedModel::new(Arc::new(model.clone()));
        for (leads_read, filed) in [(false, 0.0), (true, 0.0), (false, 1.0), (true, 1.0)] {
            for features in [
                Features { leads_read, filed, ..Default::default() },
                Features {
                    title_in_record_title: 0.7,
                    title_in_record: 0.4,
                    retrieval: 0.9,
                    meaning: 0.55,
                    same_committee: filed,
                    filed,
                    leads_read,
                    ..Default::default()
                },
            ] {
                assert_eq!(scorer.score(&features).to_bits(), model.score(&features).to_bits());
                assert_eq!(
                    prepared.scorer().score(&features).to_bits(),
                    model.score(&features).to_bits()
                );
            }
        }
    }

    #[test]
    fn filed_trees_score_only_proposals_that_name_their_committee_where_leads_are_read() {
        use crate::boost::Node;
        // One split on the shared committee: -2 for a record of the proposal's committee.
        let split = Tree {
            nodes: vec![
                Node(10, 0.5, 1, 2, 0.0),
                Node(0, 0.0, 0, 0, 0.0),
                Node(0, 0.0, 0, 0, -2.0),
            ],
        };
        let plain = Model::shipped();
        let model = Model { filed_trees: vec![split], ..plain.clone() };
        assert_eq!(Features::NAMES[10], "same_committee");
        let text = model.to_json().unwrap();
        assert_eq!(serde_json::from_str::<Model>(&text).unwrap(), model);
        for (leads_read, filed, moved) in
            [(false, 0.0, false), (true, 0.0, false), (false, 1.0, false), (true, 1.0, true)]
        {
            let features = Features {
                title_in_record: 0.6,
                retrieval: 0.8,
                same_committee: 1.0,
                filed,
                leads_read,
                ..Default::default()
            };
            let values = features.to_vec();
            let logit = model.logit_with_leads(&values, leads_read);
            let expected =
                plain.logit_with_leads(&values, leads_read) - if moved { 2.0 } else { 0.0 };
            assert!((logit - expected).abs() < 1e-5, "{leads_read} {filed}: {logit} {expected}");
            assert_eq!(model.scorer().score(&features).to_bits(), model.score(&features).to_bits());
            let contributions = model.contributions(&features);
            let committee = contributions.iter().find(|(name, _)| *name == "same_committee");
            let plain_committee = plain
                .contributions(&features)
                .into_iter()
                .find(|(name, _)| *name == "same_committee");
            let moved_by = committee.unwrap().1 - plain_committee.unwrap().1;
            assert!((moved_by - if moved { -2.0 } else { 0.0 }).abs() < 1e-5);
        }
    }
}
