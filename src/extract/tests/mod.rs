//! Rule-family tests: tiny articles through the real extractor and the data
//! shipped in `ontology/`. One `check` helper; each test states the facts a
//! sentence must (and must not) give.

use super::{Extraction, Extractor, Object};
use crate::ingest::{Article, Meta};
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> =
    LazyLock::new(|| Extractor::new().expect("shipped data loads"));

fn extract(text: &str, date: Option<&str>) -> Extraction {
    let meta = Meta {
        date: date.map(str::to_string),
        ..Meta::default()
    };
    let article = Article::from_text("t".into(), "t".into(), text, meta);
    EXTRACTOR.extract(&article)
}

/// The English (else first) label of entity `e`.
fn name(ex: &Extraction, e: usize) -> String {
    let labels = &ex.entities[e].labels;
    labels
        .iter()
        .find(|(_, l)| l.code() == "en")
        .unwrap_or(&labels[0])
        .0
        .clone()
}

/// Facts as "Subject predicate Object" with English (else first) labels.
fn facts(ex: &Extraction) -> Vec<String> {
    let name = |e: usize| name(ex, e);
    ex.facts
        .iter()
        .map(|f| {
            let o = match f.object {
                Object::Entity(o) => name(o),
                Object::Role(r) => r.to_string(),
            };
            format!("{} {} {}", name(f.subject), f.predicate, o)
        })
        .collect()
}

/// Whether fact `g` is `pattern`; a pattern ending in `*` is a prefix
/// ("Vitaly Vovk hasRole *": any role), one starting with `*` a suffix
/// ("* United States": anything related to it).
fn fact_matches(g: &str, pattern: &str) -> bool {
    if let Some(prefix) = pattern.strip_suffix('*') {
        g.starts_with(prefix)
    } else if let Some(suffix) = pattern.strip_prefix('*') {
        g.ends_with(suffix)
    } else {
        g == pattern
    }
}

/// A pattern and, for a symmetric predicate, its reverse: "A metWith B" is
/// also "B metWith A".
fn both_ways(pattern: &str) -> Vec<String> {
    let mut out = vec![pattern.to_string()];
    for p in super::Predicate::ALL.iter().filter(|p| p.symmetric()) {
        let sep = format!(" {} ", p.local());
        if let Some((a, b)) = pattern.split_once(&sep) {
            out.push(format!("{b}{sep}{a}"));
        }
    }
    out
}

fn check(text: &str, must: &[&str], must_not: &[&str]) {
    let got = facts(&extract(text, None));
    let found = |m: &str| {
        both_ways(m)
            .iter()
            .any(|p| got.iter().any(|g| fact_matches(g, p)))
    };
    for m in must {
        assert!(found(m), "missing {m:?} in {got:#?}\nfor: {text}");
    }
    for m in must_not {
        assert!(!found(m), "unexpected {m:?} in {got:#?}\nfor: {text}");
    }
}

/// Every label (any language) of every entity of the extraction.
fn labels(ex: &Extraction) -> Vec<String> {
    ex.entities
        .iter()
        .flat_map(|e| e.labels.iter().map(|(l, _)| l.clone()))
        .collect()
}

/// Entities the text gives (by any label) and must not give.
fn check_entities(text: &str, must: &[&str], must_not: &[&str]) {
    let got = labels(&extract(text, None));
    for m in must {
        assert!(
            got.iter().any(|g| g == m),
            "missing entity {m:?} in {got:#?}\nfor: {text}"
        );
    }
    for m in must_not {
        assert!(
            !got.iter().any(|g| g == m),
            "unexpected entity {m:?} in {got:#?}\nfor: {text}"
        );
    }
}

/// Figures as "Kind role=Name role=Name amount currency period=P" (period
/// "-" when none), with English (else first) labels.
fn figures(ex: &Extraction) -> Vec<String> {
    ex.observations
        .iter()
        .map(|o| {
            let parties: Vec<String> = o
                .parties
                .iter()
                .map(|(r, e)| format!("{}={}", r.property(), name(ex, *e)))
                .collect();
            format!(
                "{} {} {} {} period={}",
                o.kind,
                parties.join(" "),
                o.amount,
                o.currency,
                o.period.as_deref().unwrap_or("-")
            )
        })
        .collect()
}

/// Figures a dated text must give (exactly, as [`figures`] prints them), and
/// must not give (any figure containing the string: "Export exporter=Russia"
/// excludes every Russian export, " 5000000000 " every figure of that amount).
fn check_figures(text: &str, date: Option<&str>, must: &[&str], must_not: &[&str]) {
    let got = figures(&extract(text, date));
    for m in must {
        assert!(
            got.iter().any(|g| g == m),
            "missing figure {m:?} in {got:#?}\nfor: {text}"
        );
    }
    for m in must_not {
        assert!(
            !got.iter().any(|g| g.contains(m)),
            "unexpected figure {m:?} in {got:#?}\nfor: {text}"
        );
    }
}

#[test]
fn titles_give_roles_and_affiliations() {
    check(
        "Deputy Prime Minister of Kazakhstan Serik Zhumangarin met with Uzbek Minister of Investment, Industry and Trade Laziz Kudratov.",
        &[
            "Serik Zhumangarin hasRole DeputyPrimeMinister",
            "Serik Zhumangarin officialOf Kazakhstan",
            "Laziz Kudratov hasRole Minister",
            "Laziz Kudratov officialOf Uzbekistan",
            "Serik Zhumangarin metWith Laziz Kudratov",
        ],
        &[],
    );
    check(
        "Chinese Ambassador to Belarus Xie Xiaoyong spoke.",
        &["Xie Xiaoyong officialOf China"],
        &["Xie Xiaoyong officialOf Belarus"],
    );
    check(
        "Belarusian expert Yuri Shevtsov said so.",
        &[
            "Yuri Shevtsov country Belarus",
            "Yuri Shevtsov hasRole Expert",
        ],
        &[],
    );
    check(
        "Посол Белоруссии в Азербайджане Николай Пацкевич заявил журналистам.",
        &[
            "Николай Пацкевич hasRole Ambassador",
            "Николай Пацкевич officialOf Belarus",
        ],
        &["Николай Пацкевич officialOf Azerbaijan"],
    );
}

#[test]
fn russian_names_in_any_case() {
    let ex = extract(
        "Лукашенко обсудит с президентом Азербайджана Ильхамом Алиевым вопросы сотрудничества.",
        None,
    );
    assert!(
        ex.entities.iter().any(|e| e.slug == "ilham-aliyev"),
        "{:?}",
        ex.entities
    );
    let ex = extract(
        "Переговоры с губернатором Оренбургской области Денисом Паслером прошли в Баку.",
        None,
    );
    let labels: Vec<&str> = ex.entities.iter().map(|e| e.labels[0].0.as_str()).collect();
    assert!(labels.contains(&"Оренбургская область"), "{labels:?}");
    assert!(labels.contains(&"Денис Паслер"), "{labels:?}");
}

#[test]
fn organisations_from_their_names_and_descriptors() {
    check(
        "Russia's GAZ Group and Belarusian potash producer Belaruskali signed an agreement.",
        &[
            "GAZ Group country Russia",
            "Belaruskali country Belarus",
            "GAZ Group signedAgreementWith Belaruskali",
        ],
        &["Russia signedAgreementWith Belaruskali"],
    );
    check(
        "The Azerbaijani Small and Medium Business Development Agency hosted the event.",
        &["Small and Medium Business Development Agency country Azerbaijan"],
        &[],
    );
    let ex = extract(
        "Крупнейший производитель техники компания \"Амкодор\" победила в конкурсе.",
        None,
    );
    assert!(
        ex.entities.iter().any(|e| e.slug == "amkodor"),
        "{:?}",
        ex.entities
    );
}

#[test]
fn cooperation_and_trade() {
    check(
        "The cooperation between the Ganja Automobile Plant and the Minsk Tractor Works expands.",
        &["Ganja Automobile Plant partnersWith Minsk Tractor Works"],
        &[],
    );
    check(
        "Russia is one of the main trade partners of Azerbaijan.",
        &["Russia tradesWith Azerbaijan"],
        &[],
    );
    check(
        "Товарооборот между Казахстаном и Китаем вырос.",
        &["Kazakhstan tradesWith China"],
        &[],
    );
}

#[test]
fn investments_supplies_assembly_membership() {
    check("The Russian Gazprombank also finances the modernization of the Azerikimya Production Association.", &["Gazprombank investsIn Azerikimya Production Association", "Gazprombank country Russia"], &[]);
    check(
        "Belarus attracted $13.8 million in direct investments from Azerbaijan.",
        &["Azerbaijan investsIn Belarus"],
        &[],
    );
    check(
        "Plans to increase the supply of mineral fertilizers and wheat from Russia to Azerbaijan.",
        &["Russia suppliesTo Azerbaijan"],
        &[],
    );
    // Exports named with their exporter and destination are supplies;
    // exports only planned are not.
    check(
        "Belarusian exports to Egypt grew by 40 percent.",
        &["Belarus suppliesTo Egypt"],
        &[],
    );
    check(
        "Azerbaijan is a major supplier of energy to Italy.",
        &["Azerbaijan suppliesTo Italy"],
        &[],
    );
    check(
        "Значительно увеличился белорусский экспорт в Египет.",
        &["Belarus suppliesTo Egypt"],
        &[],
    );
    // An export stated as a sum is a figure (an Export observation), not a
    // supply relation.
    check(
        "При этом экспорт Турции в Иран составил немногим более $4 млрд.",
        &[],
        &["Turkey suppliesTo Iran"],
    );
    check(
        "Belarus plans to start exports of tractors to Egypt.",
        &[],
        &["Belarus suppliesTo Egypt"],
    );
    check(
        "Беларусь планирует поставлять тракторы в Египет.",
        &[],
        &["Belarus suppliesTo Egypt"],
    );
    check(
        "About 8,000 tractors of MAZ have been assembled at the Ganja Automobile Plant.",
        &["Ganja Automobile Plant assemblesProductsOf MAZ"],
        &[],
    );
    check(
        "Armenia, which is a member of the Eurasian Economic Union, agreed.",
        &["Armenia memberOf Eurasian Economic Union"],
        &[],
    );
}

#[test]
fn meetings_visits_events_places() {
    check(
        "Ilham Aliyev embarks on an 'epoch-making' visit to Russia.",
        &["Ilham Aliyev visited Russia"],
        &[],
    );
    check(
        "Ilham Aliyev is visiting Russia this week.",
        &["Ilham Aliyev visited Russia"],
        &[],
    );
    check(
        "Президент Ильхам Алиев находится в России с официальным визитом.",
        &["Ilham Aliyev visited Russia"],
        &[],
    );
    check("Georgian Economy Minister Levan Davitashvili said after talks with Azerbaijani Economy Minister Mikayil Jabbarov.", &["Levan Davitashvili metWith Mikayil Jabbarov"], &[]);
    check(
        "The visit by Azerbaijani President Ilham Aliyev to Russia was significant.",
        &["Ilham Aliyev visited Russia"],
        &[],
    );
    check(
        "Шавкат Мирзиёев, прибывший в Китай с государственным визитом, выступил.",
        &["Shavkat Mirziyoyev visited China"],
        &[],
    );
    check(
        "A delegation led by Azerbaijan's Economy Minister Shahin Mustafayev is taking part in the St. Petersburg International Economic Forum in Russia.",
        &["Shahin Mustafayev participatedIn St. Petersburg International Economic Forum", "St. Petersburg International Economic Forum locatedIn Russia"],
        &[],
    );
    check(
        "Baku, Azerbaijan, Aug. 20",
        &["Baku locatedIn Azerbaijan"],
        &[],
    );
}

#[test]
fn plans_are_not_signed_agreements() {
    check(
        "The Ganja Automobile Plant and the Minsk Tractor Works are expected to sign an agreement.",
        &[],
        &["Ganja Automobile Plant signedAgreementWith Minsk Tractor Works"],
    );
    check(
        "Kazakhstan and Uzbekistan plan to sign a treaty.",
        &[],
        &["Kazakhstan signedAgreementWith Uzbekistan"],
    );
    check(
        "AZPROMO and Russia's Roscongress Foundation signed an agreement on cooperation.",
        &["AZPROMO signedAgreementWith Roscongress Foundation"],
        &["AZPROMO partnersWith Roscongress Foundation"],
    );
    check(
        "Россия и Узбекистан подписали дорожную карту.",
        &["Russia signedAgreementWith Uzbekistan"],
        &[],
    );
    check(
        "Стороны планируют подписать соглашение, Россия и Узбекистан готовы.",
        &[],
        &["Russia signedAgreementWith Uzbekistan"],
    );
}

#[test]
fn figures_with_parties_and_periods() {
    let ex = extract("Last year, the bilateral trade between Russia and Azerbaijan, having increased by 19 percent, reached $2.5 billion.", Some("2019-06-08"));
    let o = &ex.observations[0];
    assert_eq!(o.kind.local(), "TradeTurnover");
    assert_eq!(o.amount, "2500000000");
    assert_eq!(o.period.as_deref(), Some("2018"));
    assert_eq!(o.change_percent.as_deref(), Some("19"));
    let ex = extract("Azerbaijan invested more than $1.2 billion in the Russian economy and Russia invested more than $6 billion in Azerbaijan.", None);
    assert_eq!(ex.observations.len(), 2);
    assert_eq!(ex.observations[0].hedge.as_deref(), Some("more than"));
    let ex = extract("В январе-сентябре 2013 года товарооборот между Белоруссией и Азербайджаном достиг 216 млн долларов.", None);
    assert_eq!(
        ex.observations[0].period.as_deref(),
        Some("2013-01/2013-09")
    );
    assert_eq!(ex.observations[0].amount, "216000000");
    // Balances and breakdowns are not figures of their own.
    let ex = extract(
        "Belarus' surplus in its trade with Azerbaijan amounted to $29.5 million.",
        None,
    );
    assert!(ex.observations.is_empty());
}

#[test]
fn bad_text_does_not_break_extraction() {
    for t in [
        "",
        "$$ 1.2.3 ,,, «««»»»",
        "no punctuation at all just words Azerbaijan Belarus trade",
        "Ёё ß ﬁ İstanbul İİİ 2.5bn",
    ] {
        let _ = extract(t, None);
    }
    let nested = "«".repeat(5000) + "Azerbaijan" + &"»".repeat(5000);
    let _ = extract(&nested, None);
}

#[test]
fn pronouns_and_titles_refer_back() {
    check(
        "Georgian Prime Minister Irakli Garibashvili arrived in Baku in October. There he met with Azerbaijani President Ilham Aliyev.",
        &["Irakli Garibashvili metWith Ilham Aliyev", "Irakli Garibashvili visited Baku"],
        &[],
    );
    check(
        "Kazakh Trade Minister Arman Shakkaliyev opened the forum. Later the minister held talks with Russian Economy Minister Maxim Reshetnikov.",
        &["Arman Shakkaliyev metWith Maxim Reshetnikov"],
        &[],
    );
}

#[test]
fn titles_after_names() {
    check(
        "The deal was signed by Turkish Foreign Minister Hakan Fidan and Ilia Darchiashvili, Georgia's foreign minister, in Ankara.",
        &["Ilia Darchiashvili hasRole Minister", "Ilia Darchiashvili officialOf Georgia", "Hakan Fidan officialOf Turkey"],
        &["Ilia Darchiashvili officialOf Turkey"],
    );
    check(
        "Nabiyev met Ilkhom Makhkamov, the transport minister of Uzbekistan, on Monday.",
        &[
            "Ilkhom Makhkamov hasRole Minister",
            "Ilkhom Makhkamov officialOf Uzbekistan",
        ],
        &[],
    );
}

#[test]
fn figures_that_refer_back_and_decimal_commas() {
    let ex = extract(
        "Trade turnover between Georgia and Turkey amounted to $2.1 billion in 2023. In the first quarter of 2024, it totaled $615 million.",
        Some("2024-05-22"),
    );
    assert_eq!(ex.observations.len(), 2, "{:?}", ex.observations);
    assert_eq!(ex.observations[1].amount, "615000000");
    assert_eq!(ex.observations[1].period.as_deref(), Some("2024-Q1"));
    let ex = extract(
        "В январе-июле 2024 года товарооборот между Казахстаном и ОАЭ составил $512,6 млн.",
        None,
    );
    assert_eq!(ex.observations[0].amount, "512600000");
    let ex = extract("Объем прямых инвестиций, поступивших из Китая в Кыргызстан в 2023 году, составил 348,2 млн долларов.", None);
    let o = &ex.observations[0];
    let name = |e: usize| ex.entities[e].slug.clone();
    assert_eq!(
        (name(o.parties[0].1), name(o.parties[1].1)),
        ("china".to_string(), "kyrgyzstan".to_string())
    );
}

mod bodies;
mod figures;
mod names_and_events;
mod pairs;
mod people;
mod places_and_supplies;
mod recall;
mod sources;
