//! Tests of figures: amounts, targets, splits into exports and imports,
//! currencies, implied receivers. Helpers are the parent module's.

use super::*;

// --- Figures ------------------------------------------------------------------

#[test]
fn figures_amounts_targets_and_splits() {
    check_figures(
        "In 2023, trade turnover between China and Russia reached $158.47 bln.",
        None,
        &["TradeTurnover party=China party=Russia 158470000000 USD period=2023"],
        &[],
    );
    // A past growth to an amount is a figure (with its change); a plan is not.
    check_figures(
        "In 2023, trade between Kazakhstan and China increased by 3.2% to $86.56 bln.",
        None,
        &["TradeTurnover party=Kazakhstan party=China 86560000000 USD period=2023"],
        &[],
    );
    let ex = extract(
        "In 2023, trade between Kazakhstan and China increased by 3.2% to $86.56 bln.",
        None,
    );
    assert_eq!(ex.observations[0].change_percent.as_deref(), Some("3.2"));
    check_figures(
        "Kazakhstan and China agreed to increase trade to $5 billion.",
        None,
        &[],
        &[" 5000000000 "],
    );
    check_figures(
        "В будущем Иран и Турция намерены довести объемы торговли $30 млрд.",
        None,
        &[],
        &[" 30000000000 "],
    );
    check_figures(
        "В 2023 году товарооборот между Казахстаном и Китаем вырос на 3,2% до 41 млрд долларов.",
        None,
        &["TradeTurnover party=Kazakhstan party=China 41000000000 USD period=2023"],
        &[],
    );
    check_figures(
        "Стороны намерены довести товарооборот между Казахстаном и Китаем до 50 млрд долларов.",
        None,
        &[],
        &[" 50000000000 "],
    );
    // A turnover and its split: the exports of the first-named side, the
    // imports of the second.
    check_figures(
        "In January-July the trade turnover between Kazakhstan and Uzbekistan amounted to $11 billion, with exports accounting for $10.9 billion and imports for $172 million.",
        Some("2024-08-20"),
        &[
            "TradeTurnover party=Kazakhstan party=Uzbekistan 11000000000 USD period=2024-01/2024-07",
            "Export exporter=Kazakhstan importer=Uzbekistan 10900000000 USD period=2024-01/2024-07",
            "Export exporter=Uzbekistan importer=Kazakhstan 172000000 USD period=2024-01/2024-07",
        ],
        &["TradeTurnover party=Kazakhstan party=Uzbekistan 10900000000", "TradeTurnover party=Kazakhstan party=Uzbekistan 172000000"],
    );
    // Export and import named with both sides.
    check_figures(
        "China's export to Russia rose to $48.9 billion while China's import from Russia hit $84.18 billion.",
        None,
        &[
            "Export exporter=China importer=Russia 48900000000 USD period=-",
            "Export exporter=Russia importer=China 84180000000 USD period=-",
        ],
        &["Export exporter=China importer=Russia 84180000000"],
    );
    // "товарооборот с Китаем" in a Belarus-China article: Belarus reports.
    check_figures(
        "Беларусь и Китай развивают сотрудничество. Белоруссия наращивает поставки в Китай. В январе-сентябре 2023 года товарооборот с Китаем составил $3,07 млрд, экспорт - $943,3 млн, импорт - $2,13 млрд.",
        None,
        &[
            "TradeTurnover party=Belarus party=China 3070000000 USD period=2023-01/2023-09",
            "Export exporter=Belarus importer=China 943300000 USD period=2023-01/2023-09",
            "Export exporter=China importer=Belarus 2130000000 USD period=2023-01/2023-09",
        ],
        &["Export exporter=China importer=Belarus 943300000"],
    );
}

#[test]
fn figures_currencies() {
    check_figures(
        "Trade between Saudi Arabia and China reached SR304 billion in 2023.",
        None,
        &["TradeTurnover party=Saudi Arabia party=China 304000000000 SAR period=2023"],
        &[],
    );
    check_figures(
        "Trade between Russia and China reached 1.5 trillion yuan in 2023.",
        None,
        &["TradeTurnover party=Russia party=China 1500000000000 CNY period=2023"],
        &[],
    );
    check_figures(
        "Товарооборот между Россией и Белоруссией составил 4 трлн рублей в 2023 году.",
        None,
        &["TradeTurnover party=Russia party=Belarus 4000000000000 RUB period=2023"],
        &[],
    );
    check_figures(
        "Товарооборот между Россией и Китаем составил 240 млрд долларов США в 2023 году.",
        None,
        &["TradeTurnover party=Russia party=China 240000000000 USD period=2023"],
        &["United States"],
    );
    // "долларов США" names a currency, not a party.
    check(
        "Товарооборот между Россией и Китаем составил 240 млрд долларов США.",
        &["Russia tradesWith China"],
        &["United States *", "* United States"],
    );
}

#[test]
fn figures_import_with_implied_receiver() {
    check_figures(
        "China's export to Russia rose to $48.9 billion while import from Russia hit $84.18 billion.",
        None,
        &[
            "Export exporter=China importer=Russia 48900000000 USD period=-",
            "Export exporter=Russia importer=China 84180000000 USD period=-",
        ],
        &[],
    );
}

#[test]
fn us_dollars_are_no_united_states_entity() {
    let ex = extract(
        "Товарооборот между Россией и Китаем составил 240 млрд долларов США.",
        None,
    );
    assert!(
        !ex.entities.iter().any(|e| e.slug == "united-states"),
        "{:?}",
        ex.entities
    );
}

#[test]
fn a_dateline_place_is_not_a_party_of_the_turnover_after_it() {
    check_figures(
        "Moscow, October 6 – Trade turnover between Iran and Russia amounted to $138.4 million in 2017.",
        None,
        &["TradeTurnover party=Iran party=Russia 138400000 USD period=2017"],
        &[],
    );
    // Three countries name no pair: no turnover is guessed.
    check_figures(
        "Trade turnover between Iran, Russia and Kazakhstan amounted to $138.4 million in 2017.",
        None,
        &[],
        &[" 138400000 "],
    );
}

#[test]
fn series_of_figures_by_period() {
    check_figures(
        "Goods turnover between Belarus and Turkmenistan reached the following figures: $15.6 million in 2006, $87.9 million in 2007, $44.9 million in the first half of 2017.",
        None,
        &[
            "TradeTurnover party=Belarus party=Turkmenistan 15600000 USD period=2006",
            "TradeTurnover party=Belarus party=Turkmenistan 87900000 USD period=2007",
            "TradeTurnover party=Belarus party=Turkmenistan 44900000 USD period=2017-01/2017-06",
        ],
        &[],
    );
    // Periods before their amounts.
    check_figures(
        "Товарооборот Казахстана и Китая: в 2015 году – $61,2 млн, в 2016 году – $58,4 млн.",
        None,
        &[
            "TradeTurnover party=Kazakhstan party=China 61200000 USD period=2015",
            "TradeTurnover party=Kazakhstan party=China 58400000 USD period=2016",
        ],
        &[],
    );
    // An amount after other words is no series item.
    check_figures(
        "Trade between Belarus and Turkmenistan reached $15.6 million in 2006, while a plant cost $3 million.",
        None,
        &["TradeTurnover party=Belarus party=Turkmenistan 15600000 USD period=2006"],
        &[" 3000000 "],
    );
}

#[test]
fn targets_and_forecasts_are_no_figures() {
    for text in [
        "India and the UAE hope to sign a free trade agreement to achieve over $115 billion bilateral trade in five years.",
        "The leaders agreed to set a trade target of above US$15 billion between Indonesia and Vietnam.",
        "Туркменистан и Турция смогут достичь поставленной общей цели - 5 миллиардов долларов.",
        "Президенты Турции и Кыргызстана поставили цель: краткосрочно — достичь $2 млрд товарооборота, среднесрочно — $5 млрд.",
    ] {
        let ex = extract(text, None);
        assert!(ex.observations.is_empty(), "{:?}\nfor: {text}", ex.observations);
    }
    // A period after the article's date is a forecast.
    let ex = extract(
        "Программа предусматривает объём торговли между Узбекистаном и Казахстаном в 10 млрд долларов США к 2030 году.",
        Some("2026-02-01"),
    );
    assert!(ex.observations.is_empty(), "{:?}", ex.observations);
    check_figures(
        "In 2025, trade between Uzbekistan and Kazakhstan reached $4.97 billion.",
        Some("2026-02-01"),
        &["TradeTurnover party=Uzbekistan party=Kazakhstan 4970000000 USD period=2025"],
        &[],
    );
}

#[test]
fn an_import_after_an_export_in_one_sentence_is_the_other_direction() {
    check_figures(
        "Armenia's exports to China was $752,100 (26.2% increase), imports - $147.4mln (88.3% increase).",
        None,
        &[
            "Export exporter=Armenia importer=China 752100 USD period=-",
            "Export exporter=China importer=Armenia 147400000 USD period=-",
        ],
        &[],
    );
}

#[test]
fn the_figure_a_change_is_measured_against() {
    check_figures(
        "The trade between Kyrgyzstan and Uzbekistan amounted to $92.285 million from January through February 2024, which is 17 percent more than $78.905 million in the corresponding months of 2023.",
        None,
        &[
            "TradeTurnover party=Kyrgyzstan party=Uzbekistan 92285000 USD period=2024-01/2024-02",
            "TradeTurnover party=Kyrgyzstan party=Uzbekistan 78905000 USD period=2023-01/2023-02",
        ],
        &[],
    );
}

#[test]
fn changes_and_decimal_commas() {
    // A text that writes decimal commas writes "525,737 million" as one too.
    check_figures(
        "In January-August 2022, trade turnover between Azerbaijan and Georgia amounted to $525,737 million. It increased by 16,6%, or $87,133 million.",
        None,
        &["TradeTurnover party=Azerbaijan party=Georgia 525737000 USD period=2022-01/2022-08"],
        &[" 87133000 ", " 87133000000 "],
    );
    check_figures(
        "Trade between Armenia and Iran increased by $50 million.",
        None,
        &[],
        &[" 50000000 "],
    );
}

#[test]
fn a_comparison_period_is_not_the_figures_own() {
    check_figures(
        "За январь и февраль 2024 года товарооборот между Россией и Грузией составил $410,6 млн. Экспорт Грузии в Россию составил $96,8 млн — на 24,5% меньше, чем в 2023 году.",
        None,
        &["Export exporter=Georgia importer=Russia 96800000 USD period=2024-01/2024-02"],
        &["period=2023"],
    );
}

#[test]
fn a_coordinated_export_clause_shares_the_sentences_subject() {
    check_figures(
        "Brazil and China discussed trade. In 2022, China imported over USD 89.7 billion in Brazilian products, and exported almost USD 60.7 billion to Brazil.",
        None,
        &[
            "Export exporter=Brazil importer=China 89700000000 USD period=2022",
            "Export exporter=China importer=Brazil 60700000000 USD period=2022",
        ],
        &["Export exporter=Brazil importer=China 60700000000"],
    );
}

#[test]
fn a_trigger_right_after_an_amount_is_its_own() {
    // "$46 млн — на импорт": the import, not the export named before.
    check_figures(
        "Товарооборот между Кыргызстаном и Беларусью составил $68 млн, из них $22 млн приходится на экспорт из Кыргызстана и $46 млн — на импорт.",
        None,
        &["Export exporter=Belarus importer=Kyrgyzstan 46000000 USD period=-"],
        &["Export exporter=Kyrgyzstan importer=Belarus 46000000"],
    );
    // A word that labels the next amount is that amount's.
    check_figures(
        "Товарооборот Беларуси с Китаем составил $3,07 млрд, экспорт - $943,3 млн, импорт - $2,13 млрд.",
        None,
        &["TradeTurnover party=Belarus party=China 3070000000 USD period=-"],
        &["Export exporter=Belarus importer=China 3070000000"],
    );
}

#[test]
fn a_trigger_after_an_amount_may_carry_a_comma_and_needs_a_preposition() {
    check_figures(
        "Товарооборот между Кыргызстаном и Беларусью составил $68 млн: $46 млн — на импорт, $22 млн — на экспорт из Кыргызстана.",
        None,
        &["Export exporter=Belarus importer=Kyrgyzstan 46000000 USD period=-"],
        &["TradeTurnover party=Kyrgyzstan party=Belarus 46000000"],
    );
}

#[test]
fn an_export_owned_by_the_name_after_it() {
    // The exporter follows the word (a genitive after a commodity); a
    // destination in the next clause is not this figure's.
    check_figures(
        "$7,6 млрд из указанной суммы пришлись на экспорт нефти и газа Ирана, в то время как экспорт Турции в Иран составил немногим более $4 млрд.",
        None,
        &[
            "Export exporter=Iran importer=Turkey 7600000000 USD period=-",
            "Export exporter=Turkey importer=Iran 4000000000 USD period=-",
        ],
        &[],
    );
    // A dative name receives.
    check_figures(
        "Экспорт Китаю составил $2 млрд, сообщили в Минске, Беларусь.",
        None,
        &[],
        &["Export exporter=China*"],
    );
}

#[test]
fn this_figure_later_in_the_sentence_with_its_own_period_and_change() {
    let text = "Торговля между Азербайджаном и Узбекистаном растет: в 2024 году товарооборот составил $252 млн, а за период с января по сентябрь 2025 года этот показатель вырос на 87,5% по сравнению с аналогичным периодом прошлого года, достигнув $319 млн.";
    check_figures(
        text,
        Some("2025-11-01"),
        &[
            "TradeTurnover party=Azerbaijan party=Uzbekistan 252000000 USD period=2024",
            "TradeTurnover party=Azerbaijan party=Uzbekistan 319000000 USD period=2025-01/2025-09",
        ],
        &[],
    );
    // The change belongs to the figure the words refer to, not the one before.
    let ex = extract(text, Some("2025-11-01"));
    let changes: Vec<(&str, Option<&str>)> = ex
        .observations
        .iter()
        .map(|o| (o.amount.as_str(), o.change_percent.as_deref()))
        .collect();
    assert_eq!(
        changes,
        vec![("252000000", None), ("319000000", Some("87.5"))]
    );
}

#[test]
fn a_series_item_for_a_period_and_its_breakdown_into_exports_and_imports() {
    check_figures(
        "В 2024 году товарооборот между Кыргызстаном и Беларусью составил $133 миллиона, за январь – июнь 2025 года — $68 миллионов, из них $22 миллиона приходится на экспорт из КР и $46 миллионов — на импорт.",
        Some("2025-08-01"),
        &[
            "TradeTurnover party=Kyrgyzstan party=Belarus 133000000 USD period=2024",
            "TradeTurnover party=Kyrgyzstan party=Belarus 68000000 USD period=2025-01/2025-06",
            "Export exporter=Kyrgyzstan importer=Belarus 22000000 USD period=2025-01/2025-06",
            "Export exporter=Belarus importer=Kyrgyzstan 46000000 USD period=2025-01/2025-06",
        ],
        &[],
    );
}

#[test]
fn it_after_the_pairs_trade_named_without_an_amount() {
    check_figures(
        "The trade turnover between Armenia and Iran is growing. A huge growth has been registered this year. \u{201c}It has been around 307 million dollars in 2022, and 224 million dollars in 2021.",
        Some("2022-09-01"),
        &[
            "TradeTurnover party=Armenia party=Iran 307000000 USD period=2022",
            "TradeTurnover party=Armenia party=Iran 224000000 USD period=2021",
        ],
        &[],
    );
    // Without a sentence about the trade before it, "it" is no figure.
    check_figures(
        "Armenia and Iran met in Yerevan. It has been around 307 million dollars in 2022.",
        Some("2022-09-01"),
        &[],
        &["TradeTurnover"],
    );
}

#[test]
fn milestones_to_be_crossed_are_targets() {
    let ex = extract(
        "Он подчеркнул, что к концу этого года есть все шансы преодолеть во взаимной торговле России и Китая новый рубеж в $175 млрд.",
        None,
    );
    assert!(ex.observations.is_empty(), "{:?}", ex.observations);
    let ex = extract(
        "Товарооборот России и Китая в 2021 году преодолел рубеж в $140 млрд.",
        None,
    );
    assert_eq!(ex.observations.len(), 1, "{:?}", ex.observations);
}

#[test]
fn ranges_from_one_period_to_another() {
    check_figures(
        "Объём товарооборота между Россией и Вьетнамом увеличился с 2,5 миллиардов долларов США в 2014 году до 4,5 миллиардов в 2019 году.",
        None,
        &[
            "TradeTurnover party=Russia party=Vietnam 2500000000 USD period=2014",
            "TradeTurnover party=Russia party=Vietnam 4500000000 USD period=2019",
        ],
        &[],
    );
    check_figures(
        "Trade between Kenya and India grew from $1.2 billion in 2019 to $1.9 billion in 2022.",
        None,
        &["TradeTurnover party=Kenya party=India 1900000000 USD period=2022"],
        &[],
    );
    // A range planned ends in a target.
    let ex = extract(
        "Kenya and India agreed to increase trade from $1.2 billion in 2019 to $5 billion by 2030.",
        None,
    );
    assert_eq!(ex.observations.len(), 1, "{:?}", ex.observations);
}

/// Found by fuzzing (fuzz/fuzz_targets/extract.rs): a percent sign inside
/// an amount's text once sliced the sentence backwards.
#[test]
fn a_percent_sign_inside_an_amount_is_read_without_a_panic() {
    let text = "Kyrgyzstan and Turkey eye $1%]illion in annual trade.\n\n\
                Trade between Kyrgyzstan and Turkey reached $1%illion, up 19%.";
    let ex = extract(text, None);
    assert!(ex
        .observations
        .iter()
        .all(|o| o.sentence < ex.sentences.len()));
}
