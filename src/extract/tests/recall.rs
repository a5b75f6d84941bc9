//! Tests of the mechanisms that find more of what real articles state:
//! coordination, office titles, known officials, the main pair, agreements,
//! meetings, figures, owned bodies. Helpers are the parent module's.

use super::*;

// --- Coordinated names ------------------------------------------------------

#[test]
fn coordinated_names_split_where_both_sides_stand_alone() {
    // Both sides carry a head or tail word of their own.
    check(
        "An agreement between the Ministry of Energy and China Power International Development Company was signed.",
        &["Ministry of Energy signedAgreementWith China Power International Development Company"],
        &[],
    );
    check_entities(
        "An agreement between the Ministry of Energy and China Power International Development Company was signed.",
        &["Ministry of Energy", "China Power International Development Company"],
        &["Ministry of Energy and China Power International Development Company"],
    );
    check(
        "The sides signed an agreement between the Ministry of Energy and China Power International Development Ltd.",
        &["Ministry of Energy signedAgreementWith China Power International Development Ltd."],
        &[],
    );
    check(
        "A memorandum between Bank of Georgia and TBC Bank was signed.",
        &["Bank of Georgia signedAgreementWith TBC Bank"],
        &[],
    );
    // A known organisation followed by more words, and an acronym.
    check(
        "A memorandum of understanding between Kazakhstan Temir Zholy and TBEA was signed.",
        &["Kazakhstan Temir Zholy signedAgreementWith TBEA"],
        &[],
    );
    check(
        "The Ministry of Industry and Trade of Russia and the Ministry of Economy of Azerbaijan signed an agreement.",
        &["Ministry of Industry and Trade of Russia signedAgreementWith Ministry of Economy of Azerbaijan"],
        &[],
    );
    // One name: the part after "and" has no head of its own.
    check_entities(
        "The Ministry of Industry and Trade welcomed it.",
        &["Ministry of Industry and Trade"],
        &["Ministry of Industry", "Trade"],
    );
    check_entities(
        "The Ministry of Energy and Natural Resources of Turkey welcomed it.",
        &["Ministry of Energy and Natural Resources of Turkey"],
        &["Ministry of Energy", "Natural Resources of Turkey"],
    );
    check_entities(
        "The Ministry of Agriculture and Food hosted the event.",
        &["Ministry of Agriculture and Food"],
        &["Ministry of Agriculture", "Food"],
    );
    check_entities(
        "The Chamber of Commerce and Industry of Uzbekistan hosted the forum.",
        &["Chamber of Commerce and Industry of Uzbekistan"],
        &["Chamber of Commerce"],
    );
    // Russian institution names keep their "и".
    check_entities(
        "Министерство промышленности и торговли России сообщило об этом.",
        &["Министерство промышленности и торговли России"],
        &["Министерство промышленности"],
    );
}

#[test]
fn coordination_with_limited() {
    // The brief's own example.
    check(
        "The sides discussed an agreement between the Ministry of Energy and China Power International Development Limited.",
        &["Ministry of Energy signedAgreementWith China Power International Development Limited"],
        &["Ministry of Energy signedAgreementWith China"],
    );
}

#[test]
fn coordination_after_a_known_organisation() {
    check(
        "The Asian Development Bank and the Ministry of Finance of Georgia signed an agreement.",
        &["Asian Development Bank signedAgreementWith Ministry of Finance of Georgia"],
        &[],
    );
    check_entities(
        "The Asian Development Bank and the Ministry of Finance of Georgia signed an agreement.",
        &["Ministry of Finance of Georgia"],
        &["Asian Development Bank and the Ministry of Finance of Georgia"],
    );
    check_entities(
        "Uzbekneftegaz and Lukoil Company signed a deal.",
        &[],
        &["Uzbekneftegaz and Lukoil Company"],
    );
}

// --- Office titles that are no role individual ------------------------------

#[test]
fn office_titles_give_official_of_and_never_a_role() {
    check(
        "Vitaly Vovk, director general of Minsk Tractor Works, said the plant is ready.",
        &["Vitaly Vovk officialOf Minsk Tractor Works"],
        &["Vitaly Vovk hasRole *"],
    );
    check(
        "Mayor of Tashkent Shavkat Umurzakov opened the fair.",
        &["Shavkat Umurzakov officialOf Tashkent"],
        &["Shavkat Umurzakov hasRole *"],
    );
    check(
        "Akim of Almaty Yerbolat Dossayev said so.",
        &["Yerbolat Dossayev officialOf Almaty"],
        &["Yerbolat Dossayev hasRole *"],
    );
    check(
        "Ivan Petrov, the mayor of Kazan, said.",
        &["Ivan Petrov officialOf Kazan"],
        &["Ivan Petrov hasRole *"],
    );
    check(
        "CEO of Kazakhstan Temir Zholy Talgat Aldybergenov spoke.",
        &["Talgat Aldybergenov officialOf Kazakhstan Temir Zholy"],
        &["Talgat Aldybergenov hasRole *"],
    );
    check(
        "Chairman of Uzbekneftegaz Bahodir Sidikov arrived in Baku.",
        &[
            "Bahodir Sidikov officialOf Uzbekneftegaz",
            "Bahodir Sidikov visited Baku",
        ],
        &["Bahodir Sidikov hasRole *"],
    );
    check(
        "Rustam Minnikhanov, head of Tatarstan, said.",
        &["Rustam Minnikhanov officialOf Tatarstan"],
        &["Rustam Minnikhanov hasRole *"],
    );
    // A longer title that is a role individual wins over "chairman".
    check(
        "Chairman of the Cabinet of Ministers of Kyrgyzstan Akylbek Japarov met with Kazakh Prime Minister Olzhas Bektenov.",
        &[
            "Akylbek Japarov hasRole PrimeMinister",
            "Akylbek Japarov officialOf Kyrgyzstan",
            "Olzhas Bektenov hasRole PrimeMinister",
            "Akylbek Japarov metWith Olzhas Bektenov",
        ],
        &["Akylbek Japarov hasRole Official"],
    );
    check(
        "Chairman of the Government of Russia Mikhail Mishustin said.",
        &[
            "Mikhail Mishustin hasRole PrimeMinister",
            "Mikhail Mishustin officialOf Russia",
        ],
        &[],
    );
    // Russian.
    check(
        "Генеральный директор Минского тракторного завода Федор Домотенко заявил журналистам.",
        &["Федор Домотенко officialOf Minsk Tractor Works"],
        &["Федор Домотенко hasRole *"],
    );
    check(
        "Аким Шымкента Габит Сыздыкбеков заявил.",
        &["Габит Сыздыкбеков officialOf Shymkent"],
        &["Габит Сыздыкбеков hasRole *"],
    );
    check(
        "Мэр Москвы Сергей Собянин заявил.",
        &["Sergey Sobyanin officialOf Moscow"],
        &["Sergey Sobyanin hasRole *"],
    );
    check(
        "Глава Татарстана Рустам Минниханов прибыл в Баку.",
        &[
            "Rustam Minnikhanov officialOf Tatarstan",
            "Rustam Minnikhanov visited Baku",
        ],
        &["Rustam Minnikhanov hasRole *"],
    );
    check(
        "Председатель правления Halyk Bank Умут Шаяхметова заявила.",
        &["Умут Шаяхметова officialOf Halyk Bank"],
        &["Умут Шаяхметова hasRole *"],
    );
    check(
        "Председатель Кабинета министров Киргизии Акылбек Жапаров заявил.",
        &[
            "Akylbek Japarov hasRole PrimeMinister",
            "Akylbek Japarov officialOf Kyrgyzstan",
        ],
        &["Akylbek Japarov hasRole Official"],
    );
}

// --- Known people and companies take their gazetteer country ----------------

#[test]
fn known_people_and_companies_take_their_country_when_it_is_named() {
    // A known person is an official of the gazetteer country when the
    // article names that country (anywhere).
    check(
        "Vladimir Putin said Russia is ready.",
        &["Vladimir Putin officialOf Russia"],
        &[],
    );
    check(
        "Vladimir Putin spoke on Monday. Russia is ready to help.",
        &["Vladimir Putin officialOf Russia"],
        &[],
    );
    check(
        "Владимир Путин заявил, что Россия готова.",
        &["Vladimir Putin officialOf Russia"],
        &[],
    );
    // The country is named nowhere: nothing is stated.
    check(
        "Vladimir Putin said the talks went well.",
        &[],
        &["Vladimir Putin officialOf *"],
    );
    check(
        "Владимир Путин заявил, что переговоры прошли успешно.",
        &[],
        &["Vladimir Putin officialOf *"],
    );
    // A title's country is not doubled by another.
    check(
        "Prime Minister of Japan Fumio Kishida met Vladimir Putin. Russia and Japan held talks.",
        &[
            "Fumio Kishida officialOf Japan",
            "Vladimir Putin officialOf Russia",
        ],
        &[
            "Fumio Kishida officialOf Russia",
            "Vladimir Putin officialOf Japan",
        ],
    );
    // A known company takes its country where the article names it, the
    // sentence naming both as evidence when there is one.
    check(
        "Gazprom supplies gas, Russia said.",
        &["Gazprom country Russia"],
        &[],
    );
    check(
        "Россия увеличила экспорт газа, сообщил Газпром.",
        &["Gazprom country Russia"],
        &[],
    );
    check(
        "Gazprom will expand. Russia needs gas.",
        &["Gazprom country Russia"],
        &[],
    );
    check(
        "Газпром расширит добычу. Россия нуждается в газе.",
        &["Gazprom country Russia"],
        &[],
    );
    // The country is named nowhere: nothing is stated.
    check(
        "Gazprom will expand its exports.",
        &[],
        &["Gazprom country *"],
    );
    // News media are sources, not parties.
    check(
        "Azerbaijan exports grew, Trend reports.",
        &[],
        &["Trend country *"],
    );
}

// --- The article's main pair cooperates --------------------------------------

#[test]
fn main_country_pair_partners_from_cooperation_words() {
    // A hyphenated pair.
    check(
        "Kazakhstan and China discussed trade. Kazakh-Chinese relations are developing. China is a big market for Kazakhstan.",
        &["Kazakhstan partnersWith China"],
        &[],
    );
    check(
        "Азербайджан и Россия обсудили торговлю. Стороны отметили рост азербайджано-российского сотрудничества. Россия важна для Азербайджана.",
        &["Russia partnersWith Azerbaijan"],
        &[],
    );
    // "The two countries".
    check(
        "Uzbekistan and Turkey held talks in Ankara. Cooperation between the two countries grows. Turkey welcomed Uzbekistan.",
        &["Uzbekistan partnersWith Turkey"],
        &[],
    );
    check(
        "Белоруссия и Китай обсудили торговлю. Отношения двух стран развиваются. Китай важен для Белоруссии.",
        &["Belarus partnersWith China"],
        &[],
    );
    // One sentence naming both with a cooperation word.
    check(
        "Uzbekistan exports cotton. Turkey imports cotton. Relations with Uzbekistan and Turkey matter.",
        &["Uzbekistan partnersWith Turkey"],
        &[],
    );
    check(
        "Беларусь и Китай развивают сотрудничество.",
        &["China partnersWith Belarus"],
        &[],
    );
    // No cooperation word, or only one side named: nothing.
    check(
        "Uzbekistan exports cotton to Turkey. Turkey buys cotton from Uzbekistan. The weather is fine.",
        &[],
        &["Uzbekistan partnersWith Turkey", "Turkey partnersWith Uzbekistan"],
    );
    check(
        "Uzbekistan values its relations with neighbours. Turkey buys cotton. Uzbekistan sells cotton.",
        &[],
        &["Uzbekistan partnersWith Turkey", "Turkey partnersWith Uzbekistan"],
    );
    // "Our" cooperation in an article about the pair.
    check(
        "Товарооборот между Туркменистаном и Турцией вырос. Потенциал нашего сотрудничества гораздо больше, сказал посол Турции.",
        &["Turkmenistan partnersWith Turkey"],
        &[],
    );
    // A single country has no pair.
    check(
        "Kazakhstan values bilateral cooperation.",
        &[],
        &["Kazakhstan partnersWith *"],
    );
}

// --- Agreements -------------------------------------------------------------

#[test]
fn agreements_signed_and_planned() {
    check(
        "A memorandum of understanding between Kazakhstan Temir Zholy and Uzbekistan Railways was signed in Tashkent.",
        &["Kazakhstan Temir Zholy signedAgreementWith Uzbekistan Railways"],
        &[],
    );
    check(
        "Kazakhstan Temir Zholy entered into an agreement with TBEA on the project.",
        &["Kazakhstan Temir Zholy signedAgreementWith TBEA"],
        &[],
    );
    check(
        "Соглашение между Белоруссией и Азербайджаном было подписано в Баку.",
        &["Belarus signedAgreementWith Azerbaijan"],
        &[],
    );
    check(
        "Соглашение между Минским тракторным заводом и Гянджинским автомобильным заводом подписано.",
        &["Minsk Tractor Works signedAgreementWith Ganja Automobile Plant"],
        &[],
    );
    // Plans are not signatures.
    for text in [
        "Kazakhstan Temir Zholy and TBEA are expected to sign an agreement.",
        "Kazakhstan Temir Zholy will sign an agreement with TBEA.",
        "Kazakhstan Temir Zholy and TBEA will sign a memorandum of understanding between the companies.",
        "The parties are expected to sign a memorandum of understanding between Kazakhstan Temir Zholy and TBEA.",
        "Kazakhstan Temir Zholy plans to enter into an agreement with TBEA.",
    ] {
        check(text, &[], &["Kazakhstan Temir Zholy signedAgreementWith TBEA", "TBEA signedAgreementWith Kazakhstan Temir Zholy"]);
    }
    for text in [
        "Белоруссия и Азербайджан планируют подписать соглашение.",
        "Белоруссия планирует подписать соглашение с Азербайджаном.",
        "Соглашение между Белоруссией и Азербайджаном будет подписано в Баку.",
    ] {
        check(
            text,
            &[],
            &[
                "Belarus signedAgreementWith Azerbaijan",
                "Azerbaijan signedAgreementWith Belarus",
            ],
        );
    }
}

// --- Meetings and visits ------------------------------------------------------

#[test]
fn meetings_and_visits_stated_and_planned() {
    check(
        "Kazakh President Kassym-Jomart Tokayev held talks with Chinese President Xi Jinping and Russian President Vladimir Putin.",
        &[
            "Kassym-Jomart Tokayev metWith Xi Jinping",
            "Kassym-Jomart Tokayev metWith Vladimir Putin",
        ],
        &[],
    );
    check(
        "Kazakh President Kassym-Jomart Tokayev held talks with Xi Jinping and Vladimir Putin.",
        &[
            "Kassym-Jomart Tokayev metWith Xi Jinping",
            "Kassym-Jomart Tokayev metWith Vladimir Putin",
        ],
        &[],
    );
    check(
        "Ilham Aliyev met Prime Minister Nikol Pashinyan in Brussels.",
        &[
            "Ilham Aliyev metWith Nikol Pashinyan",
            "Nikol Pashinyan hasRole PrimeMinister",
        ],
        &[],
    );
    check(
        "During his official visit to Japan, President Shavkat Mirziyoyev held talks with Prime Minister Fumio Kishida.",
        &[
            "Shavkat Mirziyoyev visited Japan",
            "Shavkat Mirziyoyev metWith Fumio Kishida",
        ],
        &["Fumio Kishida visited Japan"],
    );
    check(
        "During her visit to Baku, Georgian Prime Minister Irakli Garibashvili met Ilham Aliyev.",
        &[
            "Irakli Garibashvili visited Baku",
            "Irakli Garibashvili metWith Ilham Aliyev",
        ],
        &["Ilham Aliyev visited Baku"],
    );
    check(
        "Russian Deputy Prime Minister Alexei Overchuk has arrived in Yerevan.",
        &["Alexei Overchuk visited Yerevan"],
        &[],
    );
    // Russian.
    check(
        "Состоялась встреча Александра Лукашенко с Ильхамом Алиевым.",
        &["Alexander Lukashenko metWith Ilham Aliyev"],
        &[],
    );
    check(
        "Владимир Путин по итогам встречи с Ильхамом Алиевым заявил о росте торговли.",
        &["Vladimir Putin metWith Ilham Aliyev"],
        &[],
    );
    check(
        "По итогам встречи с Ильхамом Алиевым, Владимир Путин заявил о росте торговли.",
        &["Vladimir Putin metWith Ilham Aliyev"],
        &[],
    );
    check(
        "По итогам переговоров с Ильхамом Алиевым, президент России Владимир Путин заявил о росте.",
        &["Vladimir Putin metWith Ilham Aliyev"],
        &[],
    );
    // Plans are not meetings or visits.
    for text in [
        "Ilham Aliyev will meet Vladimir Putin in Moscow.",
        "Ilham Aliyev is expected to meet Vladimir Putin.",
        "Ilham Aliyev is slated to visit Moscow next week.",
        "Ilham Aliyev is scheduled to hold talks with Vladimir Putin in Moscow.",
        "Ильхам Алиев встретится с Владимиром Путиным в Москве.",
        "Ильхам Алиев посетит Москву.",
        "Ильхам Алиев планирует посетить Москву и встретиться с Владимиром Путиным.",
    ] {
        check(
            text,
            &[],
            &[
                "Ilham Aliyev metWith Vladimir Putin",
                "Vladimir Putin metWith Ilham Aliyev",
                "Ilham Aliyev visited Moscow",
            ],
        );
    }
}

#[test]
fn the_host_of_a_visit_is_not_a_visitor() {
    check(
        "During his official visit to Japan, President Shavkat Mirziyoyev held talks with Prime Minister Fumio Kishida.",
        &["Shavkat Mirziyoyev metWith Fumio Kishida"],
        &["Japan metWith Fumio Kishida"],
    );
    check(
        "President Shavkat Mirziyoyev, during his official visit to Japan, held talks with Prime Minister Fumio Kishida.",
        &["Shavkat Mirziyoyev visited Japan"],
        &["Japan metWith Fumio Kishida", "Fumio Kishida visited Japan"],
    );
}

#[test]
fn russian_visit_without_preposition() {
    check(
        "Глава Татарстана Рустам Минниханов посетил Баку.",
        &["Rustam Minnikhanov visited Baku"],
        &[],
    );
    check(
        "Ильхам Алиев посетил Москву в 2023 году.",
        &["Ilham Aliyev visited Moscow"],
        &[],
    );
}

#[test]
fn russian_meeting_phrase_without_comma() {
    check(
        "По итогам встречи с Ильхамом Алиевым Владимир Путин заявил о росте торговли.",
        &["Vladimir Putin metWith Ilham Aliyev"],
        &[],
    );
}

#[test]
fn office_title_after_name_of_the_organisation() {
    check(
        "Vitaly Vovk, director general of the Minsk Tractor Works, said.",
        &["Vitaly Vovk officialOf Minsk Tractor Works"],
        &["Vitaly Vovk hasRole *"],
    );
    check(
        "Ivan Petrov, chairman of the Eurasian Economic Commission, said.",
        &["Ivan Petrov officialOf Eurasian Economic Commission"],
        &["Ivan Petrov hasRole *"],
    );
}

#[test]
fn plural_titles_give_each_person_the_role() {
    check(
        "Президенты России и Сербии Владимир Путин и Александр Вучич провели переговоры в Москве.",
        &[
            "Vladimir Putin hasRole President",
            "Vladimir Putin officialOf Russia",
            "Aleksandar Vučić hasRole President",
            "Aleksandar Vučić officialOf Serbia",
        ],
        &["Vladimir Putin officialOf Serbia"],
    );
    check(
        "During the talks, Presidents Sadyr Japarov and Vladimir Putin agreed to deepen trade.",
        &[
            "Sadyr Japarov hasRole President",
            "Vladimir Putin hasRole President",
        ],
        &[],
    );
}
