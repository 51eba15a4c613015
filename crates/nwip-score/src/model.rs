//! The calibrated model: a logistic regression over [`Features`], fitted from labelled pairs.
//!
//! The score of a pair is `sigmoid(bias + Σ weight·feature)`, an estimate of the probability that
//! the record is the overlapping work a reviewer is looking for. Because it is a probability, a
//! score of 0.8 means the same thing from one proposal to the next, and thresholds (`--min-score`,
//! `--fail-on`) are meaningful. The weights are not picked by hand: [`Model::fit`] fits them (L2-
//! regularised Newton iterations), and the `nwip calibrate` command runs it on the evaluation sets
//! and writes `model.json`, which is compiled into this crate.

use serde::{Deserialize, Serialize};

use crate::features::Features;

/// A logistic model over the features.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Feature names, in the order of the weights.
    pub features: Vec<String>,
    /// One weight per feature.
    pub weights: Vec<f32>,
    /// The intercept.
    pub bias: f32,
    /// How the model was fitted (sets, pairs, held-out figures), for the record.
    #[serde(default)]
    pub provenance: serde_json::Value,
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
                let model: Model = serde_json::from_str(include_str!("../model.json"))
                    .unwrap_or_else(|_| Model::prior());
                if model.features.iter().map(String::as_str).eq(Features::NAMES) {
                    model
                } else {
                    Model::prior()
                }
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
            provenance: serde_json::json!({"fitted": false}),
        }
    }

    /// Returns the linear score (log-odds) of a feature vector.
    pub fn logit(&self, features: &[f32]) -> f32 {
        self.bias + self.weights.iter().zip(features).map(|(w, x)| w * x).sum::<f32>()
    }

    /// Returns the calibrated score in [0, 1].
    pub fn score(&self, features: &Features) -> f32 {
        sigmoid(self.logit(&features.to_vec()))
    }

    /// Returns each feature's contribution to the log-odds, for explanations.
    pub fn contributions(&self, features: &Features) -> Vec<(&'static str, f32)> {
        Features::NAMES
            .iter()
            .copied()
            .zip(self.weights.iter().zip(features.to_vec()).map(|(w, x)| w * x))
            .collect()
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
            let mut largest = 0.0f64;
            for (b, s) in beta.iter_mut().zip(&step) {
                *b -= s;
                largest = largest.max(s.abs());
            }
            if largest < 1e-6 {
                break;
            }
        }
        Model {
            features: Features::NAMES.iter().map(|n| n.to_string()).collect(),
            weights: beta[1..].iter().map(|b| *b as f32).collect(),
            bias: beta[0] as f32,
            provenance: serde_json::Value::Null,
        }
    }
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
}
