//! Tests of state bodies named by a generic head word and their country:
//! demonyms, possessives and country modifiers before the head ("the
//! Georgian government"), portfolio lists inside a ministry's name and the
//! "and" that joins two names, and Russian bodies in any case and with a
//! lowercase head. Helpers are the parent module's.

use super::*;

#[test]
fn a_demonym_or_possessive_before_a_head_word_names_the_body() {
    check(
        "The Georgian government approved the plan, the Armenian Cabinet said.",
        &[
            "Government of Georgia country Georgia",
            "Cabinet of Armenia country Armenia",
        ],
        &[],
    );
    check(
        "The Turkish energy and natural resources ministry and Moldova's government signed a memorandum.",
        &[
            "Ministry of Energy and Natural Resources of Turkey country Turkey",
            "Government of Moldova country Moldova",
        ],
        &[],
    );
    check(
        "The Mongolian Foreign Ministry welcomed the decision of the Uzbekistan government.",
        &[
            "Ministry of Foreign Affairs of Mongolia country Mongolia",
            "Government of Uzbekistan country Uzbekistan",
        ],
        &[],
    );
    check_entities(
        "The Tajik Embassy in Minsk hosted the event.",
        &["Embassy of Tajikistan in Minsk"],
        &[],
    );
}

#[test]
fn a_demonym_before_other_words_names_no_body() {
    // No head word, a lone "ministry", a name after the head, words that
    // are no portfolio: none of these is a state body.
    check(
        "The Georgian side said the Latvian ministry will help the Chinese news agency Xinhua and the Turkish new government.",
        &["Xinhua country China"],
        &["Government of* country*", "Ministry of* country*"],
    );
    check_entities(
        "The Moldovan side and the Finance Ministry met.",
        &["Ministry of Finance"],
        &["Finance Ministry"],
    );
}

#[test]
fn portfolio_words_joined_by_and_stay_in_the_ministry() {
    check(
        "A memorandum was signed between the Ministry of Health and Social Protection of Tajikistan and Almaty State University.",
        &[
            "Ministry of Health and Social Protection of Tajikistan country Tajikistan",
            "Ministry of Health and Social Protection of Tajikistan signedAgreementWith Almaty State University",
        ],
        &["Ministry of Health signedAgreementWith*"],
    );
    check_entities(
        "A deal was signed between the Ministry of Water, Energy, Mining and Housing Policy and Orient Cable Company Ltd. yesterday.",
        &[
            "Ministry of Water, Energy, Mining and Housing Policy",
            "Orient Cable Company Ltd.",
        ],
        &["Ministry of Water, Energy, Mining"],
    );
    check_entities(
        "It was signed with the Ministry of Labour, Migration, and Social Welfare of the republic.",
        &["Ministry of Labour, Migration, and Social Welfare"],
        &[],
    );
    // Two names: the right side is led by a known name or an acronym.
    check_entities(
        "The deal between the Ministry of Transport and Kazakhstan Temir Zholy was signed, as was one between the Ministry of Energy and KEGOC.",
        &["Ministry of Transport", "Kazakhstan Temir Zholy", "Ministry of Energy"],
        &["Ministry of Transport and Kazakhstan Temir Zholy"],
    );
}

#[test]
fn russian_bodies_with_their_country_in_any_case() {
    check(
        "Соглашение подписали с посольством Республики Таджикистан и Кабинетом министров Азербайджана.",
        &[
            "Посольство Республики Таджикистан country Tajikistan",
            "Кабинет министров Азербайджана country Azerbaijan",
        ],
        &[],
    );
    check(
        "Встреча прошла с руководителем Администрации Президента Республики Казахстан Иваном Петровым.",
        &[
            "Администрация Президента Республики Казахстан country Kazakhstan",
            "Иван Петров officialOf Администрация Президента Республики Казахстан",
        ],
        &["Иван Петров hasRole President"],
    );
    check(
        "Об этом сообщил глава МИД Таджикистана Сироджиддин Мухриддин.",
        &[
            "Sirojiddin Muhriddin officialOf Министерство иностранных дел Таджикистана",
            "Министерство иностранных дел Таджикистана country Tajikistan",
        ],
        &[],
    );
}

#[test]
fn russian_heads_without_a_country_name_no_state_body() {
    check_entities(
        "Правительства двух стран и советник посольства обсудили проект правительственной делегации Армении.",
        &[],
        &[
            "Правительство двух стран",
            "Посольство",
            "Правительство делегации Армении",
        ],
    );
}

#[test]
fn an_event_named_after_a_country_has_no_country() {
    check(
        "The Tajikistan Investment Forum opened in Dushanbe, and the Ministry of Energy of Tajikistan took part.",
        &["Ministry of Energy of Tajikistan country Tajikistan"],
        &["Tajikistan Investment Forum country*"],
    );
}

#[test]
fn a_federation_of_chambers_named_with_its_country() {
    check(
        "Cooperation between the Federation of Moldova Chambers of Industry and the Tbilisi Chamber was agreed.",
        &["Federation of Moldova Chambers of Industry country Moldova"],
        &["Russian Federation country*"],
    );
}

#[test]
fn a_ministry_without_its_country_is_that_of_the_minister_of_its_portfolio() {
    check(
        "Indian Finance Minister Nirmala Sitharaman met Denis Manturov. The Finance Ministry said talks went well.",
        &["Ministry of Finance of India country India"],
        &[],
    );
    // Ministers of two countries with that portfolio: no country.
    check(
        "Indian Trade Minister Piyush Goyal met Turkish Trade Minister Omer Bolat. The Ministry of Trade said talks went well.",
        &[],
        &["Ministry of Trade of India country India", "Ministry of Trade of Turkey country Turkey"],
    );
    // Another portfolio is no match.
    check(
        "Saudi Minister of Trade and Investment Majid bin Abdullah al Qasabi met Tarek Qabil. A statement issued by the Ministry of Trade said.",
        &["Majid bin Abdullah al Qasabi hasRole Minister"],
        &["Ministry of Trade of Saudi Arabia country Saudi Arabia"],
    );
}

#[test]
fn russian_ministries_by_short_name_and_not_of_another_country() {
    check(
        "Как подсчитал глава Минсельхоза Николай Федоров, Каир может покрыть до 50% импорта.",
        &[
            "Ministry of Agriculture of Russia country Russia",
            "Николай Федоров hasRole Minister",
        ],
        &[],
    );
    // Named with another country, the short name is not Russia's ministry.
    check_entities(
        "Минсельхоз Узбекистана сообщил о росте экспорта.",
        &[],
        &["Ministry of Agriculture of Russia"],
    );
}

#[test]
fn russian_deputy_heads_of_government() {
    check(
        "Вице-премьер РФ Алексей Оверчук на встрече с замглавы правительства Армении Мгером Григоряном сообщил новости.",
        &[
            "Mher Grigoryan hasRole DeputyPrimeMinister",
            "Mher Grigoryan officialOf Armenia",
        ],
        &[],
    );
}
