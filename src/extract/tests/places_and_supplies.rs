//! Tests of where places are said to be (world areas, "the Mexican city of
//! X", "X, in eastern Y") and of supplies stated by imports and exports.
//! Helpers are the parent module's.

use super::*;

#[test]
fn places_located_by_descriptions_and_world_areas() {
    check(
        "CATL will build a plant in Debrecen, in eastern Hungary. The meeting was held in the Kazakh capital city of Astana.",
        &[
            "Debrecen locatedIn Hungary",
            "Astana locatedIn Kazakhstan",
        ],
        &[],
    );
    check(
        "Мишустин подчеркнул, что Куба — важный партнер в Латинской Америке.",
        &["Cuba locatedIn Latin America"],
        &[],
    );
    check(
        "Turkmenistan is one of the key partners of Belarus in Central Asia.",
        &["Turkmenistan locatedIn Central Asia"],
        &[],
    );
    // A list of world areas says nothing of where one of them is, and a
    // country is in no city.
    check(
        "The company works in more than 12 countries in the Middle East, Africa, Central and Southeast Asia.",
        &[],
        &["Middle East locatedIn Africa"],
    );
    check(
        "Kazakhstan is a key partner in Astana for the bank.",
        &[],
        &["Kazakhstan locatedIn Astana"],
    );
}

#[test]
fn unknown_places_named_after_a_place_word() {
    check(
        "Posco will invest $136 million in a plant in the Mexican city of Ramos Arizpe, in the northern border state of Coahuila.",
        &["Ramos Arizpe locatedIn Mexico"],
        &[],
    );
    check(
        "A Chinese firm has opened a textile factory in Ethiopia's eastern city of Dire Dawa, with a total investment of 220 million USD.",
        &["Dire Dawa locatedIn Ethiopia", "China investsIn Ethiopia"],
        &["Dire Dawa investsIn Ethiopia"],
    );
    check(
        "В четвертом по величине кубинском городе Ольгин было запущено сборочное производство.",
        &["Ольгин locatedIn Cuba"],
        &[],
    );
    check_entities(
        "The deposit lies on the border between the provinces of Salta and the state of Coahuila.",
        &["Coahuila"],
        &["The"],
    );
}

#[test]
fn supplies_stated_by_imports_and_shipments() {
    check(
        "The volume of products supplied from Mongolia to Buryatia grew.",
        &["Mongolia suppliesTo Buryatia"],
        &[],
    );
    check(
        "About 6,000 tractors of Minsk Tractor Works were exported to Turkmenistan in 2009-2017.",
        &["Minsk Tractor Works suppliesTo Turkmenistan"],
        &[],
    );
    check(
        "The European Union increased imports of fertilizers from Russia by a third.",
        &["Russia suppliesTo European Union"],
        &[],
    );
    check(
        "Евросоюз в декабре нарастил импорт удобрений из России на треть.",
        &["Russia suppliesTo European Union"],
        &[],
    );
    // A trade figure is an observation, not a supply; a plan is no supply.
    check(
        "Exports from China to Russia increased by 0.4% to $71.91 billion.",
        &[],
        &["China suppliesTo Russia"],
    );
    check(
        "Georgia plans to import more grain from Russia.",
        &[],
        &["Russia suppliesTo Georgia"],
    );
}

#[test]
fn news_outlets_named_by_their_kind() {
    let ex = extract(
        "News of the deal came on Monday. The target was achieved, reported Antara news agency. According to Uzbekistan News, Uzbekistan is interested. The Saudi Press Agency said so. Times have changed.",
        None,
    );
    let media: Vec<&str> = ex
        .entities
        .iter()
        .filter(|e| e.class == crate::extract::Class::MediaOutlet)
        .map(|e| e.labels[0].0.as_str())
        .collect();
    assert_eq!(media.len(), 3, "{media:?}");
    for name in ["Antara", "Uzbekistan News", "Saudi Press Agency"] {
        assert!(media.contains(&name), "{name} in {media:?}");
    }
    // A news outlet named after a country is not that country's party.
    check(
        "According to Uzbekistan News, Uzbekistan is interested in the port.",
        &[],
        &["Uzbekistan News country Uzbekistan"],
    );
}

#[test]
fn a_list_of_known_places_is_no_place_and_its_region() {
    check(
        "Reconstruction goes on in Aghdam, Kalbajar and Lachin.",
        &[],
        &["Aghdam locatedIn Kalbajar"],
    );
    // A city and the region the gazetteer puts it in still are.
    check(
        "The plant opened in Samarkand, Samarkand Region.",
        &["Samarkand locatedIn Samarkand Region"],
        &[],
    );
}

#[test]
fn capitals_states_and_headquarters_place_things() {
    check(
        "The plant is to be built in Tajikistan's capital, Dushanbe, next year.",
        &["Dushanbe locatedIn Tajikistan"],
        &[],
    );
    check(
        "Gorgan is the capital city of Golestan Province, Iran.",
        &["Gorgan locatedIn Golestan"],
        &[],
    );
    check(
        "Posco will build a plant in the Mexican city of Ramos Arizpe, in the northern border state of Coahuila.",
        &["Ramos Arizpe locatedIn Coahuila"],
        &[],
    );
    check(
        "Headquartered in Mumbai, Mahindra & Mahindra is one of the largest vehicle makers.",
        &["Mahindra & Mahindra locatedIn Mumbai"],
        &[],
    );
}

#[test]
fn a_russian_region_followed_by_a_country_lies_in_it() {
    check(
        "Губернатор провел встречу с хокимом Сурхандарьинской области Республики Узбекистан Турой Боболовым.",
        &["Surkhandarya Region locatedIn Uzbekistan"],
        &[],
    );
    check(
        "Подписано соглашение о строительстве электростанции в Кызылординской области Казахстана.",
        &["Kyzylorda Region locatedIn Kazakhstan"],
        &[],
    );
    // A region and a country in two clauses are not so joined.
    check(
        "Для Башкортостана Узбекистан – один из ключевых партнеров.",
        &[],
        &["Republic of Bashkortostan locatedIn Uzbekistan"],
    );
}

#[test]
fn investments_announced_made_or_by_a_countrys_companies() {
    check(
        "In March this year Posco announced an investment of US$4 billion in a lithium hydroxide project in Argentina.",
        &["POSCO investsIn Argentina"],
        &[],
    );
    check(
        "President Jokowi lauded the increased investment by Indonesian companies in Vietnam.",
        &["Indonesia investsIn Vietnam"],
        &[],
    );
    check(
        "The Mongolian entities are investing Buryatia and creating refrigerator storage.",
        &["Mongolia investsIn Buryatia"],
        &[],
    );
    // A plan by rule is no investment.
    check(
        "Posco plans to invest in Argentina.",
        &[],
        &["POSCO investsIn Argentina"],
    );
}

#[test]
fn a_currencys_country_is_no_party() {
    check(
        "Товарооборот Казахстана и Китая вырос до 16,88 млрд долл. США.",
        &["Kazakhstan tradesWith China"],
        &[
            "Kazakhstan tradesWith United States",
            "China tradesWith United States",
        ],
    );
}

#[test]
fn an_assembler_named_by_the_models_of_others_it_makes() {
    check(
        "До 2022 года «Автотор» производил модели BMW и Kia.",
        &[
            "Avtotor assemblesProductsOf BMW",
            "Avtotor assemblesProductsOf Kia",
        ],
        &[],
    );
    check(
        "Avtotor assembled vehicles of BMW and Kia until 2022.",
        &[
            "Avtotor assemblesProductsOf BMW",
            "Avtotor assemblesProductsOf Kia",
        ],
        &[],
    );
}

#[test]
fn attracting_investments_is_no_investing() {
    check(
        "Россия вложила инвестиции в Узбекистан.",
        &["Russia investsIn Uzbekistan"],
        &[],
    );
    check(
        "Узбекистан привлёк инвестиции в Ташкентскую область.",
        &[],
        &["Uzbekistan investsIn Tashkent Region"],
    );
}

#[test]
fn names_glued_by_hyphens_and_apostrophes_of_other_scripts() {
    check_entities(
        "Ранее партнером выступал итальянский концерн Same Deutz-Fahr, однако контракт был разорван.",
        &["Same Deutz-Fahr"],
        &["Same Deutz"],
    );
    check(
        "Goran Knezevic, Serbiaʼs Minister of Economy, met Hungarian Foreign Minister Péter Szijjártó.",
        &["Goran Knezevic officialOf Serbia"],
        &[],
    );
    // An international body belongs to no one country.
    check(
        "Péter Szijjártó confirmed Hungary's firm support for Serbia's EU integration.",
        &[],
        &[
            "European Union country Hungary",
            "European Union country Serbia",
        ],
    );
}

#[test]
fn russian_supplies_in_other_cases_and_tenses() {
    check(
        "Египет увеличит на 30% поставки цитрусовых, картофеля и лука в Россию, заявил Владимир Путин.",
        &["Egypt suppliesTo Russia"],
        &[],
    );
    check(
        "До этого рост египетского экспорта в Россию уже вырос на треть.",
        &["Egypt suppliesTo Russia"],
        &[],
    );
}
