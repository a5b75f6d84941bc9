//! A figure written down: an observation from an amount with its kind,
//! parties and period, and the export or import half of a turnover split,
//! whose period comes from the amount, the sentence or the turnover before.
//!
//! Adds observations only; finds nothing in the text.

use super::amounts::Amount;
use crate::extract::{Extraction, ObsKind, ObsRole, Observation};

/// The previous figure: sentence index, kind and parties.
pub(super) type LastFigure = (usize, ObsKind, Vec<(ObsRole, usize)>);

/// An export or import figure of a turnover split: src exports to dst.
#[allow(clippy::too_many_arguments)]
pub(super) fn push_split(
    ex: &mut Extraction,
    last_obs: &mut Option<LastFigure>,
    si: usize,
    a: &Amount,
    src: usize,
    dst: usize,
    periods: &[(usize, usize, String)],
    sentence_period: &Option<String>,
) {
    let period = periods
        .iter()
        .filter(|p| p.1 <= a.start)
        .max_by_key(|p| p.1)
        .map(|p| p.2.clone())
        .or_else(|| sentence_period.clone())
        .or_else(|| match last_obs {
            Some((i, _, _)) if *i + 1 >= si => ex
                .observations
                .iter()
                .rev()
                .find(|o| o.kind == ObsKind::TradeTurnover)
                .and_then(|o| o.period.clone()),
            _ => None,
        });
    ex.observations.push(plain_figure(
        ObsKind::Export,
        vec![(ObsRole::Exporter, src), (ObsRole::Importer, dst)],
        a,
        period,
        si,
    ));
}

/// A figure of `kind` for amount `a` with no change stated.
pub(super) fn plain_figure(
    kind: ObsKind,
    parties: Vec<(ObsRole, usize)>,
    a: &Amount,
    period: Option<String>,
    si: usize,
) -> Observation {
    Observation {
        kind,
        parties,
        amount: a.value.clone(),
        currency: a.currency.to_string(),
        period,
        change_percent: None,
        hedge: a.hedge.clone(),
        text: a.text.clone(),
        sentence: si,
    }
}
