//! Tests of what the article's pair of countries and its organisations are
//! said to do: the pair signing, "one of X's partners", demonyms opening
//! organisation names. Helpers are the parent module's.

use super::*;
use crate::ingest::Lang;

// --- The pair signs -----------------------------------------------------------

#[test]
fn the_pair_signs_as_subject_or_when_nobody_else_does() {
    // "The two countries signed" whoever else the sentence names.
    check(
        "Bangladesh and the UAE agreed to deepen ties. The two countries signed four memoranda following a meeting between Prime Minister Sheikh Hasina and Prime Minister Mohammed bin Rashid Al Maktoum.",
        &["Bangladesh signedAgreementWith United Arab Emirates"],
        &[],
    );
    // Signed in the passive with no party named: the article's pair.
    check(
        "President of Turkmenistan visited Japan. Turkmenistan and Japan held talks. During the visit, 15 cooperation documents were signed.",
        &["Turkmenistan signedAgreementWith Japan"],
        &[],
    );
    // A company that signs is the party, not the pair.
    check(
        "Turkmenistan and Japan held talks. Turkmenistan and Japan discussed trade. An agreement was signed by Mitsubishi Corporation.",
        &[],
        &["Turkmenistan signedAgreementWith Japan"],
    );
    // A plan is no signing.
    check(
        "Turkmenistan and Japan held talks. Documents will be signed during the visit.",
        &[],
        &["Turkmenistan signedAgreementWith Japan"],
    );
}

#[test]
fn the_pair_signs_in_participles_counts_and_before_its_plans() {
    // A document "signed yesterday": a reduced passive.
    check(
        "Indonesia and Vietnam agreed to raise trade. The leaders praised the partnership, such as a memorandum of understanding on ICT signed yesterday.",
        &["Indonesia signedAgreementWith Vietnam"],
        &[],
    );
    // "был заключен договор": concluded, in the passive.
    check(
        "Туркменистан и Иран провели переговоры. По итогам переговоров туркменской и иранской сторон был заключен договор купли-продажи.",
        &["Turkmenistan signedAgreementWith Iran"],
        &[],
    );
    // Documents the pair has, counted.
    check(
        "Armenia and China discussed trade. Armenia-China cooperation is based on over 40 interstate and intergovernmental agreements.",
        &["Armenia signedAgreementWith China"],
        &[],
    );
    // A plan after the signing does not take it back; one before it does.
    check(
        "Turkey and Uzbekistan held talks. Through the trade agreement we have signed today, we will reach our targets.",
        &["Turkey signedAgreementWith Uzbekistan"],
        &[],
    );
    check(
        "Turkey and Uzbekistan held talks. They will sign a bilateral trade agreement next year.",
        &[],
        &["Turkey signedAgreementWith Uzbekistan"],
    );
    // "In conclusion" is no concluding of a treaty.
    check(
        "Россия и Алжир обсудили торговлю. В заключение стороны обсудили договор о поставках.",
        &[],
        &["Russia signedAgreementWith Algeria"],
    );
}

// --- Demonyms inside organisation names ---------------------------------------

#[test]
fn a_demonym_opens_an_organisation_name() {
    // The name with the demonym is another name of it.
    let ex = extract(
        "The Nigerian National Fertilizer Corporation signed with OCP.",
        None,
    );
    let corp = ex
        .entities
        .iter()
        .find(|e| e.labels[0].0 == "National Fertilizer Corporation")
        .expect("the corporation");
    assert_eq!(
        corp.alt_labels,
        vec![(
            "Nigerian National Fertilizer Corporation".to_string(),
            Lang::En
        )]
    );
    check(
        "The Argentine Medium Business Confederation hosted the seminar.",
        &["Medium Business Confederation country Argentina"],
        &[],
    );
    // A head of its own keeps the demonym out: the body of a country.
    check_entities(
        "The Chinese Embassy hosted the reception.",
        &[],
        &["Chinese Embassy"],
    );
}

#[test]
fn one_of_the_partners() {
    check(
        "По его словам, Узбекистан — один из важных зарубежных партнеров Татарстана и России.",
        &[
            "Uzbekistan partnersWith Tatarstan",
            "Uzbekistan partnersWith Russia",
        ],
        &[],
    );
    check(
        "Для Башкортостана Узбекистан – один из ключевых партнёров в Центральной Азии.",
        &["Uzbekistan partnersWith Bashkortostan"],
        &["* partnersWith Central Asia"],
    );
    check(
        "Relations with Bosnia and Herzegovina, as one of Croatia's most important strategic partners, need to be intensified.",
        &["Bosnia and Herzegovina partnersWith Croatia"],
        &[],
    );
}

#[test]
fn an_agreement_between_three_parties_gives_each_pair() {
    check(
        "A Memorandum of Understanding (MOU) between Nigeria Sovereign Investment Authority (NSIA), \
         OCP Africa and the Fertilizer Producers and Suppliers Association of Nigeria (FEPSAN) was signed.",
        &[
            "Nigeria Sovereign Investment Authority signedAgreementWith OCP Africa",
            "OCP Africa signedAgreementWith Fertilizer Producers and Suppliers Association of Nigeria",
            "Nigeria Sovereign Investment Authority signedAgreementWith Fertilizer Producers and Suppliers Association of Nigeria",
        ],
        &[],
    );
}

#[test]
fn a_region_and_a_foreign_country_are_the_pair_when_one_country_is_named() {
    check(
        "Губернатор Астраханской области встретился с генконсулом Ирана. Астраханская область торгует с Ираном. Стороны обсудили расширение взаимодействия.",
        &["Astrakhan Region partnersWith Iran"],
        &[],
    );
    // A region of the one country named is no side of its cooperation.
    check(
        "Tehran Province hosted a forum. Tehran Province and Iran discussed cooperation with investors. The parties discussed cooperation.",
        &[],
        &["Tehran Province partnersWith Iran", "Iran partnersWith Tehran Province"],
    );
    // "The parties" are the two sides.
    check(
        "Kyrgyzstan and Turkey held a commission in Bishkek. The parties also paid attention to cooperation in agricultural machinery.",
        &["Kyrgyzstan partnersWith Turkey"],
        &[],
    );
}

#[test]
fn the_pairs_trade_stated_without_naming_both() {
    check(
        "Kazakhstan's Prime Minister met the Ambassador of Qatar. Qatari investments in our economy tripled last year, and the trade turnover nearly tripled in the first 10 months.",
        &["Kazakhstan tradesWith Qatar"],
        &[],
    );
    // Two sides named: a region and a country.
    check(
        "Раис Татарстана Рустам Минниханов встретился с послом Бангладеш в России. Раис Татарстана подчеркнул, что торговые связи с Бангладеш развиты недостаточно.",
        &["Tatarstan tradesWith Bangladesh"],
        &["Bangladesh tradesWith Russia", "Russia tradesWith Bangladesh"],
    );
    // A third country's trade is not the pair's.
    check(
        "Kazakhstan and Qatar discussed investment. Kazakhstan and Qatar signed a memorandum. China's trade turnover with Russia grew.",
        &[],
        &["Kazakhstan tradesWith Qatar"],
    );
}

#[test]
fn a_countrys_total_trade_is_no_pairs_trade() {
    check(
        "Kazakhstan and Qatar discussed investment. Kazakhstan and Qatar signed a memorandum. Kazakhstan's foreign trade turnover grew strongly.",
        &[],
        &["Kazakhstan tradesWith Qatar"],
    );
}

#[test]
fn pair_leaders_meeting_named_before_them_and_witnessed_signings() {
    let text = "Vietnam and Sri Lanka have agreed to boost cooperation. \
        At the invitation of Vietnamese premier Nguyen Xuan Phuc, Sri Lankan Prime Minister Ranil Wickremesinghe is conducting an official visit to Vietnam. \
        During their meeting in Hanoi on Monday, the two prime ministers agreed on a future goal. \
        Following the talks, the two leaders witnessed the signing of two cooperation agreements.";
    check(
        text,
        &[
            "Nguyen Xuan Phuc metWith Ranil Wickremesinghe",
            "Vietnam signedAgreementWith Sri Lanka",
        ],
        &[],
    );
    // A meeting still to come says nothing; nor does a signing planned.
    check(
        "Vietnam and Sri Lanka have agreed to boost cooperation. \
        Vietnamese premier Nguyen Xuan Phuc and Sri Lankan Prime Minister Ranil Wickremesinghe spoke. \
        Before they will meet in Hanoi, the two prime ministers agreed on a goal. \
        The two leaders will witness the signing of agreements.",
        &[],
        &[
            "Nguyen Xuan Phuc metWith Ranil Wickremesinghe",
            "Vietnam signedAgreementWith Sri Lanka",
        ],
    );
}

#[test]
fn joint_ventures_are_partnerships() {
    check(
        "Mahindra & Mahindra today signed a joint venture agreement with Yueda Group to set up a tractor company.",
        &["Mahindra & Mahindra partnersWith Yueda Group"],
        &[],
    );
    check(
        "Avtotor and BAIC set up a joint venture in Kaliningrad.",
        &["Avtotor partnersWith BAIC"],
        &[],
    );
    check(
        "Компания «Камаз» создала совместное предприятие с компанией Daimler.",
        &["KAMAZ partnersWith Daimler"],
        &[],
    );
}

#[test]
fn the_sides_meeting_are_the_pair_officials() {
    check(
        "Президент Казахстана Касым-Жомарт Токаев прибыл в Бишкек. Президент Кыргызстана Садыр Жапаров встретил гостя. \
        По словам Токаева, в ходе встречи стороны подробно обсудили ключевые вопросы.",
        &["Kassym-Jomart Tokayev metWith Sadyr Japarov"],
        &[],
    );
    // The sides named near a meeting, with no verb of meeting after them.
    check(
        "Президент Казахстана Касым-Жомарт Токаев прибыл в Бишкек. Президент Кыргызстана Садыр Жапаров выступил. \
        Перед встречей позиция стороны была изложена в заявлении.",
        &[],
        &["Kassym-Jomart Tokayev metWith Sadyr Japarov"],
    );
}
