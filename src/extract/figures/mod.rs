//! Figures: money amounts become trade, investment and export observations
//! with their parties, currency, hedge, change and period.
//!
//! Amounts are found by regular expressions over each sentence ("$2.5
//! billion", "2.5bn USD", "US$ 802.2 million", "223,3 млн долларов", "1,5
//! трлн рублей", "13,8 млн. долл."); the kind comes from the nearest trigger
//! word; parties from mentions around the trigger, else from the article's
//! two most-mentioned countries; periods from the nearest period expression,
//! resolved against the article date or the years the article states.
//!
//! This module holds the orchestration ([`extract`]) and its party helpers;
//! `amounts` (money regexes, currency codes, scaling), `periods` (period
//! regexes, months, the year anchor), `series` (amounts continuing a
//! series by period), `records` (a figure written down with its period),
//! `targets` (targets and changes, not figures),
//! `triggers` (which trigger word an amount takes), `text` (offset-keeping
//! text helpers) and `words` (trigger and target word lists) hold the rest. Pure: no I/O, no RDF; it reads the finished
//! [`Document`] and adds observations and facts only, never entities.

mod amounts;
mod periods;
mod records;
mod series;
mod targets;
mod text;
mod triggers;
mod words;

use self::amounts::{find_amounts, DECIMAL_COMMA, PERCENT};
use self::periods::{find_periods, Anchor};
use self::records::{plain_figure, push_split, LastFigure};
use self::targets::{is_change, is_target, signed_change};
use self::text::lowercase_same_offsets;
use self::triggers::{nearest_trigger, owner_after_trigger, trigger_right_after};
use self::words::{BLOCKERS, BREAKDOWN, FIGURE_ANAPHORS};
use super::entities::{Document, MentionKind, SentenceInfo};
use super::{Extraction, Fact, Kind, Object, ObsKind, ObsRole, Observation, Predicate};
use crate::ingest::Article;

/// A sentence's figure that later amounts may continue: kind, parties, and
/// whether its period followed the amount.
type SeriesHead = (ObsKind, Vec<(ObsRole, usize)>, bool);

/// Adds observations (and the relations they imply) for every figure.
pub fn extract(doc: &Document, article: &Article, ex: &mut Extraction) {
    let anchor = Anchor::new(article);
    let main = doc.main_countries();
    let other = |e: usize| main.iter().copied().find(|&m| m != e);

    let decimal_commas = DECIMAL_COMMA.is_match(&article.text);
    let mut last_period: Option<(usize, String)> = None;
    // The last figure: "In the first quarter, it totaled $615 million" continues it.
    let mut last_obs: Option<LastFigure> = None;
    // The last sentence that spoke of the pair's trade without an amount:
    // "The trade turnover between Armenia and Iran is growing. ... It has
    // been around 307 million dollars in 2022".
    let mut trade_topic: Option<usize> = None;
    for (si, sent) in doc.sentences.iter().enumerate() {
        let s = sent.text.as_str();
        let amounts = find_amounts(s, decimal_commas);
        if amounts.is_empty() {
            let lower = s.to_lowercase();
            if ["turnover", "товарооборот"]
                .iter()
                .any(|w| lower.contains(w))
            {
                trade_topic = Some(si);
            }
            continue;
        }
        let lower = lowercase_same_offsets(s);
        let periods = find_periods(s, &anchor);
        let geo = geo_mentions(sent);
        let percents: Vec<(usize, String)> = PERCENT
            .captures_iter(s)
            .map(|c| (c.get(0).unwrap().start(), c[1].replace(',', ".")))
            .collect();
        let mut sentence_period: Option<String> = None;
        // The sentence's last figure, and whether its period followed it:
        // further amounts linked only by periods continue it.
        let mut series: Option<SeriesHead> = None;
        let mut after_target = false;
        for (ai, a) in amounts.iter().enumerate() {
            let clause_start = if ai == 0 { 0 } else { amounts[ai - 1].end };
            let clause_end = amounts.get(ai + 1).map_or(s.len(), |n| n.start);
            let before = &lower[clause_start..a.start];
            let after = &lower[a.end..clause_end];
            // Breakdown of a total just given: "with $5 billion invested in ..."
            // ("из них $22 млн приходится на экспорт" is an export of its own).
            if ai > 0
                && BREAKDOWN.iter().any(|w| before.trim_end().ends_with(w))
                && trigger_right_after(after).is_none()
            {
                continue;
            }
            // A target is not a figure: "to bring trade to $2 billion",
            // "довести товарооборот до 3 млрд долларов"; nor are the amounts
            // listed right after one ("достичь $2 млрд, среднесрочно — $5 млрд").
            let listed_after_target = after_target
                && before
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count()
                    <= 2;
            if is_target(&lower, before, a.hedge.as_deref()) || listed_after_target {
                after_target = true;
                continue;
            }
            after_target = false;
            if is_change(before, a.hedge.as_deref()) {
                continue;
            }
            if BLOCKERS.iter().any(|w| {
                before.contains(w) || after.split([',', ';']).next().unwrap_or("").contains(w)
            }) {
                continue;
            }
            let trigger = nearest_trigger((before, clause_start), (after, a.end));
            if trigger.is_none() {
                if let Some((kind, parties, after_side)) = series
                    .as_ref()
                    .filter(|_| series::continues(&lower, &periods, clause_start, a.start))
                {
                    let period = series::item_period(
                        &periods,
                        (a.start, a.end),
                        (clause_start, clause_end),
                        *after_side,
                    );
                    // "to increase trade from $1.2 billion to $5 billion": the
                    // end of a range planned is a target.
                    let ranged = lower[clause_start..a.start]
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == "to" || w == "до");
                    if period.as_deref().is_some_and(|p| anchor.is_future(p))
                        || ranged && is_target(&lower, &lower[..a.start], a.hedge.as_deref())
                    {
                        continue;
                    }
                    ex.observations
                        .push(plain_figure(*kind, parties.clone(), a, period, si));
                    last_obs = Some((si, *kind, parties.clone()));
                    continue;
                }
                // The earlier figure a change is measured against, with a
                // period of its own: same kind and parties.
                if let Some((kind, parties, _)) = series
                    .as_ref()
                    .filter(|_| series::compared(before, a.hedge.as_deref()))
                {
                    let own = periods
                        .iter()
                        .filter(|p| p.0 >= a.end && p.1 <= clause_end)
                        .min_by_key(|p| p.0)
                        .map(|p| {
                            series::corresponding(
                                &p.2,
                                &lower[a.end..p.0],
                                sentence_period.as_deref(),
                            )
                        });
                    if own.is_some() && own != sentence_period {
                        ex.observations
                            .push(plain_figure(*kind, parties.clone(), a, own, si));
                    }
                    continue;
                }
                // A figure referring back to the previous sentence's figure.
                // Or to the figure just given in this sentence: "в 2024 году
                // товарооборот составил $252 млн, а за ... этот показатель
                // вырос на 87,5%, достигнув $319 млн".
                let words: String = before
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                let words = format!(" {words} ");
                let refers_back = FIGURE_ANAPHORS.iter().any(|w| words.contains(w));
                if let Some((i, kind, parties)) = last_obs
                    .as_ref()
                    .filter(|(i, _, _)| (i + 1 == si || *i == si) && refers_back)
                {
                    let same = *i == si;
                    let period = periods
                        .iter()
                        .filter(|p| p.1 <= a.start && (!same || p.0 >= clause_start))
                        .filter(|p| !series::compared_period(&lower[..p.0]))
                        .max_by_key(|p| p.1)
                        .or_else(|| periods.iter().find(|p| p.0 >= a.end))
                        .map(|p| p.2.clone());
                    let mut figure = plain_figure(*kind, parties.clone(), a, period, si);
                    // "этот показатель вырос на 87,5%, достигнув $319 млн".
                    if same {
                        figure.change_percent = percents
                            .iter()
                            .find(|(p, _)| (clause_start..a.start).contains(p))
                            .map(|(p, v)| signed_change(&lower, *p, v));
                    }
                    ex.observations.push(figure);
                    last_obs = Some((si, *kind, parties.clone()));
                } else if let (true, Some(_), [first, second]) = (
                    refers_back && last_obs.as_ref().is_none_or(|(i, _, _)| *i + 2 < si),
                    trade_topic.filter(|&t| t + 2 >= si),
                    main.as_slice(),
                ) {
                    let parties = vec![(ObsRole::Party, *first), (ObsRole::Party, *second)];
                    let period = periods
                        .iter()
                        .filter(|p| p.0 >= a.end && p.1 <= clause_end)
                        .min_by_key(|p| p.0)
                        .map(|p| p.2.clone());
                    let figure =
                        plain_figure(ObsKind::TradeTurnover, parties.clone(), a, period, si);
                    ex.observations.push(figure);
                    last_obs = Some((si, ObsKind::TradeTurnover, parties.clone()));
                    series = Some((ObsKind::TradeTurnover, parties, true));
                }
                continue;
            }
            let Some((tpos, kind, reversed)) = trigger else {
                continue;
            };
            let in_clause: Vec<&(usize, usize, usize)> = geo
                .iter()
                .filter(|g| g.0 >= clause_start && g.1 <= clause_end)
                .collect();
            let parties = match kind {
                ObsKind::TradeTurnover => {
                    let distinct = |only_countries: bool, clause: bool| {
                        let mut ps: Vec<usize> = Vec::new();
                        for g in geo.iter().filter(|g| {
                            let kind = doc.entities[g.2].class.kind();
                            kind != Kind::Org
                                && (!only_countries || kind == Kind::Country)
                                && (!clause || (g.0 >= clause_start && g.1 <= clause_end))
                        }) {
                            if !ps.contains(&g.2) {
                                ps.push(g.2);
                            }
                        }
                        ps
                    };
                    // More than two places ("Moscow, October 6 – Trade turnover
                    // between Iran and Russia ..."): the two countries of the
                    // figure's own clause, or of the sentence.
                    let mut ps = distinct(false, false);
                    if ps.len() > 2 {
                        ps = [distinct(true, true), distinct(true, false)]
                            .into_iter()
                            .find(|c| c.len() == 2)
                            .unwrap_or(ps);
                    }
                    match ps.len() {
                        2 => vec![(ObsRole::Party, ps[0]), (ObsRole::Party, ps[1])],
                        // "товарооборот с Китаем": the one named after "with"
                        // is the partner of the reporting country, which comes first.
                        1 => match other(ps[0]) {
                            Some(o) if named_as_partner(&lower, &geo, ps[0]) => {
                                vec![(ObsRole::Party, o), (ObsRole::Party, ps[0])]
                            }
                            Some(o) => vec![(ObsRole::Party, ps[0]), (ObsRole::Party, o)],
                            None => continue,
                        },
                        0 if main.len() == 2 => {
                            vec![(ObsRole::Party, main[0]), (ObsRole::Party, main[1])]
                        }
                        _ => continue,
                    }
                }
                ObsKind::Investment | ObsKind::Export => {
                    // Source: nearest mention before the trigger; target: a mention
                    // after "in/into/to/в/from" after the trigger, or the other main country.
                    // Skip places named after a preposition ("... business in Georgia,
                    // has invested"): they are not the subject.
                    let locative = |g: &&(usize, usize, usize)| {
                        let pre = lower[..g.0].trim_end();
                        [" in", " into", " at", " to", " в", " во", " на"]
                            .iter()
                            .any(|p| pre.ends_with(p))
                    };
                    // A city is where money goes or a firm stands, not who
                    // invests or exports ("a factory in Ethiopia's city of
                    // Dire Dawa, with an investment of ...").
                    let city = |g: &&(usize, usize, usize)| {
                        doc.entities[g.2].class == crate::extract::Class::City
                    };
                    let subject_before = in_clause
                        .iter()
                        .rev()
                        .filter(|g| g.1 <= tpos)
                        .find(|g| !locative(g) && !city(g))
                        .map(|g| g.2);
                    let before_trigger = subject_before
                        .or_else(|| in_clause.iter().rev().find(|g| g.1 <= tpos).map(|g| g.2));
                    // "China imported ..., and exported ... to Brazil": a
                    // clause without its own subject shares the sentence's.
                    let sentence_subject = geo
                        .iter()
                        .filter(|g| g.1 <= clause_start)
                        .find(|g| !locative(g) && !city(g))
                        .map(|g| g.2)
                        .filter(|&e| {
                            matches!(
                                doc.entities[e].class,
                                crate::extract::Class::Country | crate::extract::Class::Region
                            )
                        });
                    let after_trigger: Vec<usize> = in_clause
                        .iter()
                        .filter(|g| g.0 > tpos)
                        .map(|g| g.2)
                        .collect();
                    // Markers belong to the trigger's side of the amount: in
                    // "X's export to Y rose to $5 bn while import from Z ...",
                    // "from Z" is the next figure's.
                    let own_side = |g: &&&(usize, usize, usize)| {
                        if tpos < a.start {
                            g.0 < a.start
                        } else {
                            g.0 > a.end
                        }
                    };
                    let from_marker = in_clause
                        .iter()
                        .filter(own_side)
                        .find(|g| {
                            let pre = lower[..g.0].trim_end();
                            g.0 > tpos.min(a.start)
                                && (pre.ends_with("from")
                                    || pre.ends_with(" из")
                                    || pre.ends_with(" от"))
                        })
                        .map(|g| g.2);
                    // "to/into/в Y" after the trigger names the receiving side.
                    let to_target = in_clause
                        .iter()
                        .filter(own_side)
                        .filter(|g| g.0 > tpos && Some(g.2) != from_marker)
                        // Not past a comma: ", в то время как экспорт ... в Иран".
                        .filter(|g| !lower[tpos..g.0].contains(','))
                        .find(|g| locative(g))
                        .map(|g| g.2);
                    // With no party named, an export or import takes the sides
                    // of the figure just given: "Armenia's exports to China was
                    // $752,100, imports - $147.4mln" (the export in this
                    // sentence, exporter first), "exports accounting for $10.9
                    // billion" (the turnover up to a sentence back, the
                    // reporting side first).
                    let known_sides = match &last_obs {
                        Some((i, ObsKind::Export, ps)) if *i == si && ps.len() == 2 => {
                            Some((ps[0].1, ps[1].1))
                        }
                        Some((i, ObsKind::TradeTurnover, ps)) if *i + 1 >= si && ps.len() == 2 => {
                            Some((ps[0].1, ps[1].1))
                        }
                        _ => None,
                    };
                    if let (ObsKind::Export, true, Some((first, second))) =
                        (kind, in_clause.is_empty(), known_sides)
                    {
                        let (src, dst) = if reversed {
                            (second, first)
                        } else {
                            (first, second)
                        };
                        push_split(
                            ex,
                            &mut last_obs,
                            si,
                            a,
                            src,
                            dst,
                            &periods,
                            &sentence_period,
                        );
                        continue;
                    }
                    let (src, dst) = if reversed {
                        // "Y attracted ... from X", "Y's import": the subject receives.
                        let recv = before_trigger
                            .or(to_target)
                            .or_else(|| {
                                after_trigger
                                    .iter()
                                    .copied()
                                    .find(|&d| Some(d) != from_marker)
                            })
                            // "import from Russia hit ...": the other main country imports.
                            .or_else(|| from_marker.and_then(other));
                        let giver = from_marker
                            .filter(|&g| Some(g) != recv)
                            .or_else(|| recv.and_then(other));
                        (giver, recv)
                    } else if let Some(giver) = from_marker {
                        // "инвестиции из Китая в Кыргызстан", "export from X to Y".
                        let recv = to_target
                            .or(before_trigger.filter(|&b| b != giver))
                            .or_else(|| other(giver));
                        (Some(giver), recv)
                    } else {
                        // "exports to China were ...": the side named after "to"
                        // receives; the sender is the other main country.
                        let shared_subject = sentence_subject
                            .filter(|&g| kind == ObsKind::Export && Some(g) != to_target);
                        // "экспорт Турции в Иран": the owner named after the word.
                        let owner = owner_after_trigger(&lower, tpos, &in_clause)
                            .filter(|&g| kind == ObsKind::Export && Some(g) != to_target);
                        let src = owner
                            .or(subject_before)
                            .or(shared_subject)
                            .or(before_trigger)
                            .or_else(|| {
                                in_clause
                                    .iter()
                                    .find(|g| g.0 < a.start && !locative(g))
                                    .map(|g| g.2)
                            })
                            .or_else(|| to_target.and_then(other));
                        let dst = to_target
                            .filter(|&d| Some(d) != src)
                            .or_else(|| after_trigger.iter().copied().find(|&d| Some(d) != src))
                            .or_else(|| src.and_then(other));
                        (src, dst)
                    };
                    let (Some(src), Some(dst)) = (src, dst) else {
                        continue;
                    };
                    if src == dst {
                        continue;
                    }
                    if kind == ObsKind::Investment {
                        vec![(ObsRole::Investor, src), (ObsRole::Recipient, dst)]
                    } else {
                        vec![(ObsRole::Exporter, src), (ObsRole::Importer, dst)]
                    }
                }
            };
            // Period: nearest before the amount in the clause, else after, else the sentence's, else carried over.
            let period = periods
                .iter()
                .filter(|p| p.1 <= a.start && p.0 >= clause_start)
                .filter(|p| !series::compared_period(&lower[clause_start..p.0]))
                .max_by_key(|p| p.1)
                .or_else(|| {
                    periods
                        .iter()
                        .filter(|p| p.0 >= a.end && p.1 <= clause_end)
                        .filter(|p| !series::compared_period(&lower[a.end..p.0]))
                        .min_by_key(|p| p.0)
                })
                .or_else(|| {
                    periods
                        .iter()
                        .filter(|p| p.1 <= a.start)
                        .max_by_key(|p| p.1)
                })
                .map(|p| p.2.clone())
                .or_else(|| sentence_period.clone())
                // Carried over from a figure one or two sentences back ("Это на
                // 7,4% меньше, чем годом ранее" may stand between).
                .or_else(|| {
                    last_period
                        .as_ref()
                        .filter(|(i, _)| i + 2 >= si)
                        .map(|(_, p)| p.clone())
                });
            // "10 billion dollars by 2030" in an article of 2026: a target.
            if period.as_deref().is_some_and(|p| anchor.is_future(p)) {
                after_target = true;
                continue;
            }
            if let Some(p) = &period {
                sentence_period = Some(p.clone());
            }
            // A change after the amount that follows a word referring back
            // ("..., а ... этот показатель вырос на 87,5%") is the next figure's.
            let change = percents
                .iter()
                .filter(|(p, _)| *p >= clause_start && *p < clause_end)
                .filter(|(p, _)| {
                    // A sign inside the amount's own text ("$1%]illion") is
                    // not after it.
                    *p < a.end || !FIGURE_ANAPHORS.iter().any(|w| lower[a.end..*p].contains(w))
                })
                .min_by_key(|(p, _)| p.abs_diff(a.start))
                .map(|(p, v)| signed_change(&lower, *p, v));
            let obs = Observation {
                kind,
                parties: parties.clone(),
                amount: a.value.clone(),
                currency: a.currency.to_string(),
                period,
                change_percent: change,
                hedge: a.hedge.clone(),
                text: a.text.clone(),
                sentence: si,
            };
            let implied = match kind {
                ObsKind::TradeTurnover => Some(Predicate::TradesWith),
                ObsKind::Investment => Some(Predicate::InvestsIn),
                ObsKind::Export => None,
            };
            if let Some(pred) = implied {
                ex.facts.push(Fact {
                    subject: parties[0].1,
                    predicate: pred,
                    object: Object::Entity(parties[1].1),
                    sentence: si,
                    via: "figure".into(),
                });
            }
            let after_side = periods.iter().any(|p| p.0 >= a.end && p.1 <= clause_end)
                && !periods
                    .iter()
                    .any(|p| p.0 >= clause_start && p.1 <= a.start);
            series = Some((obs.kind, obs.parties.clone(), after_side));
            last_obs = Some((si, obs.kind, obs.parties.clone()));
            ex.observations.push(obs);
        }
        if let Some(p) = sentence_period {
            last_period = Some((si, p));
        }
    }
}

/// Entity mentions of a sentence with byte ranges (countries, places, demonyms).
fn geo_mentions(sent: &SentenceInfo) -> Vec<(usize, usize, usize)> {
    sent.mentions
        .iter()
        .filter(|m| {
            matches!(
                m.kind,
                MentionKind::Entity(Kind::Country)
                    | MentionKind::Entity(Kind::Place)
                    | MentionKind::Demonym
                    | MentionKind::Entity(Kind::Org)
            )
        })
        .filter_map(|m| {
            let e = m.entity?;
            Some((
                sent.tokens[m.start].range.start,
                sent.tokens[m.end - 1].range.end,
                e,
            ))
        })
        .collect()
}

/// Whether the single named side of a turnover follows "with"/"с".
fn named_as_partner(lower: &str, geo: &[(usize, usize, usize)], e: usize) -> bool {
    geo.iter().filter(|g| g.2 == e).any(|g| {
        let pre = lower[..g.0].trim_end();
        [" with", " с", " со"].iter().any(|p| pre.ends_with(p))
    })
}
