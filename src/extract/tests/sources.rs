//! Tests of news sources named by attribution and in datelines, and of the
//! names that must not be taken for one. Helpers are the parent module's.

use super::*;

#[test]
fn sources_after_attribution_words() {
    check_entities(
        "India and Saudi Arabia signed eight agreements, PM Modi said, reports NDTV.",
        &["NDTV"],
        &[],
    );
    check_entities(
        "Zambia and Malawi signed a memorandum, the minister told Lusaka Times.",
        &["Lusaka Times"],
        &[],
    );
    check_entities(
        "Посол сказал в эфире Радио Свобода, что Грузия и Украина подписали меморандум.",
        &["Радио Свобода"],
        &[],
    );
    check_entities(
        "Об этом SNG.Today сообщили в пресс-службе главы государства.",
        &["SNG.Today"],
        &[],
    );
    // A person after "told" is no news source.
    check_entities(
        "Zambia and Malawi signed a memorandum, the minister told Mwanawasa.",
        &[],
        &["Mwanawasa"],
    );
}

#[test]
fn sources_in_datelines() {
    check_entities(
        "LAGOS (Nairametrics) - Nigeria and Morocco signed a memorandum.",
        &["Nairametrics"],
        &[],
    );
    check_entities(
        "БАКУ/Azertac/ - Азербайджан и Грузия подписали меморандум.",
        &["Azertac"],
        &[],
    );
    check_entities(
        "УзТАГ – Узбекистан и Корея подписали меморандум о сотрудничестве.",
        &["УзТАГ"],
        &[],
    );
    // Later in an article, a name before a dash is not a dateline's.
    check_entities(
        "Uzbekistan and Korea met. They talked. Trade grew. Trade fell. Ferghana - a region of Uzbekistan.",
        &[],
        &["Ferghana"],
    );
}
