//! The last pass over one article's extraction: repeated facts and
//! self-relations removed, facts the schema cannot hold dropped (an
//! international organisation's country), and entities the article neither
//! names nor states anything of removed, indices renumbered.
//!
//! Works on the finished [`Extraction`] and sentences only: no text, no
//! rules, no I/O.

use super::entities::{MentionKind, SentenceInfo};
use super::{Class, Extraction, Object, Predicate};

/// Removes repeated facts (same subject, predicate, object; symmetric ones in
/// either order), keeping the first evidence, and self-relations.
pub(super) fn dedupe(ex: &mut Extraction) {
    let mut seen = std::collections::HashSet::new();
    ex.facts.retain(|f| {
        if Object::Entity(f.subject) == f.object {
            return false;
        }
        let (a, b) = match f.object {
            Object::Entity(o) if f.predicate.symmetric() && o < f.subject => {
                (Object::Entity(o), f.subject)
            }
            _ => (f.object, f.subject),
        };
        seen.insert((b, f.predicate, a))
    });
    let mut seen_obs = std::collections::HashSet::new();
    ex.observations.retain(|o| {
        let mut parties = o.parties.clone();
        parties.sort();
        seen_obs.insert((o.kind, parties, o.amount.clone(), o.period.clone()))
    });
}

/// An international organisation ("the EU", "the United Nations") belongs to
/// no one country: "Serbia's EU integration" gives it none.
pub(super) fn drop_country_of_international_bodies(ex: &mut Extraction) {
    let entities = &ex.entities;
    ex.facts.retain(|f| {
        f.predicate != Predicate::Country
            || entities[f.subject].class != Class::InternationalOrganization
    });
}

/// Entities the article names by no mention of their own and states
/// nothing of: a country whose only mention went into a longer name
/// ("Форум ... Казахстана и России"), a company whose name a subsidiary's
/// took ("OCP Africa"), a world area known only by an adjective ("the South
/// Asian nation"). Indices in facts, figures and mentions are renumbered.
pub(super) fn drop_unused_entities(
    ex: &mut Extraction,
    sentences: &mut [SentenceInfo],
    byline: &[usize],
) {
    let mut used = vec![false; ex.entities.len()];
    for &e in byline {
        used[e] = true;
    }
    let named = sentences
        .iter()
        .flat_map(|s| &s.mentions)
        .filter(|m| m.kind != MentionKind::Demonym)
        .filter_map(|m| m.entity);
    let stated = ex.facts.iter().flat_map(|f| {
        let object = match f.object {
            Object::Entity(o) => Some(o),
            _ => None,
        };
        std::iter::once(f.subject).chain(object)
    });
    let measured = ex
        .observations
        .iter()
        .flat_map(|o| o.parties.iter().map(|p| p.1));
    for e in named.chain(stated).chain(measured) {
        used[e] = true;
    }
    if used.iter().all(|&u| u) {
        return;
    }
    let mut new_index = vec![None; used.len()];
    let mut next = 0;
    for (e, &u) in used.iter().enumerate() {
        if u {
            new_index[e] = Some(next);
            next += 1;
        }
    }
    let mut e = 0;
    ex.entities.retain(|_| {
        e += 1;
        used[e - 1]
    });
    let at = |e: usize| new_index[e].expect("a used entity");
    for f in &mut ex.facts {
        f.subject = at(f.subject);
        if let Object::Entity(o) = &mut f.object {
            *o = at(*o);
        }
    }
    for o in &mut ex.observations {
        for p in &mut o.parties {
            p.1 = at(p.1);
        }
    }
    for m in sentences.iter_mut().flat_map(|s| s.mentions.iter_mut()) {
        m.entity = m.entity.and_then(|e| new_index[e]);
    }
}
