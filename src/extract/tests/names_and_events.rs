//! Tests of names found from their surroundings and what they take part
//! in: ministries named with their country, company lists, events named
//! around other names, documents a pair signed, Russian titles and names.
//! Helpers are the parent module's.

use super::*;
use crate::extract::Class;

// --- Bodies named with their country ------------------------------------------

#[test]
fn a_ministry_owned_by_a_country_is_named_with_it() {
    check(
        "The Kazakh Ministry of Industry and Construction said South Korea will invest.",
        &["Ministry of Industry and Construction of Kazakhstan country Kazakhstan"],
        &[],
    );
    check(
        "Kazakhstan's Ministry of Digital Development signed a memorandum with Huawei.",
        &["Ministry of Digital Development of Kazakhstan country Kazakhstan"],
        &["Ministry of Digital Development country*"],
    );
}

#[test]
fn diplomatic_missions_with_their_country_and_host() {
    check(
        "The chamber would open its office at the Croatian Consulate General in Mostar next week.",
        &[
            "Consulate General of Croatia in Mostar country Croatia",
            "Consulate General of Croatia in Mostar locatedIn Mostar",
        ],
        &["Consulate General country*"],
    );
    check(
        "The message on the web-site of Belarus embassy in Ashgabat reads.",
        &["Embassy of Belarus in Ashgabat locatedIn Ashgabat"],
        &[],
    );
    // Named after the head; a host that is a country is no place of it.
    check(
        "He visited the Embassy of Oman in Colombo and the embassy of Azerbaijan in Italy.",
        &[
            "Embassy of Oman in Colombo locatedIn Colombo",
            "Embassy of Azerbaijan in Italy country Azerbaijan",
        ],
        &[
            "Embassy of Azerbaijan in Italy locatedIn*",
            "Embassy of Oman country*",
        ],
    );
    // No country, no mission name.
    check(
        "The embassy in Minsk was closed in May.",
        &[],
        &["* locatedIn Minsk"],
    );
}

#[test]
fn coordinated_people_held_talks() {
    check(
        "Президент Беларуси Александр Лукашенко и Председатель КНР Си Цзиньпин провели переговоры в Самарканде.",
        &["Alexander Lukashenko metWith Xi Jinping"],
        &[],
    );
}

// --- Lists of companies after a plural company word ---------------------------

#[test]
fn companies_listed_after_a_plural_company_word() {
    check(
        "A number of South Korean companies Sejong, EHWA, Yongsan, Motrex are to create a cluster in Kazakhstan.",
        &[
            "Sejong country South Korea",
            "EHWA country South Korea",
            "Yongsan country South Korea",
            "Motrex country South Korea",
        ],
        &["* Kazakhstan country*"],
    );
    check(
        "Belarusian manufacturers MAZ, BelAZ and Minsk Tractor Works supply machinery to Vietnam.",
        &[
            "MAZ country Belarus",
            "BelAZ country Belarus",
            "Minsk Tractor Works country Belarus",
        ],
        &[],
    );
    check(
        "Белорусские предприятия МАЗ, БелАЗ и МТЗ поставляют технику во Вьетнам.",
        &[
            "BelAZ country Belarus",
            "Minsk Tractor Works country Belarus",
        ],
        &[],
    );
    // One name after a plural word is not a list; words after it are no names.
    check(
        "The companies said that Kazakhstan and Korea will cooperate.",
        &[],
        &["* country*"],
    );
}

// --- Events named around other names --------------------------------------------

#[test]
fn events_named_around_other_names() {
    check(
        "The document has been signed at the Belarus-Zimbabwe business forum in Harare.",
        &["Belarus-Zimbabwe business forum locatedIn Harare"],
        &[],
    );
    check(
        "Президент Беларуси Александр Лукашенко и Председатель КНР Си Цзиньпин провели переговоры на полях Саммита ШОС, который проходит в городе Самарканд.",
        &[
            "Alexander Lukashenko participatedIn Саммит ШОС",
            "Xi Jinping participatedIn Саммит ШОС",
            "Саммит ШОС locatedIn Samarkand",
        ],
        &[],
    );
    check(
        "Uzbek President Shavkat Mirziyoyev spoke at the SCO summit in Astana.",
        &["Shavkat Mirziyoyev participatedIn SCO Summit"],
        &[],
    );
    // A joint body named by a pair and lowercase words, with its subject.
    check(
        "He recalled the session of the Kazakh-Qatari high-level joint commission in Doha last October.",
        &["Kazakh-Qatari high-level joint commission locatedIn Doha"],
        &[],
    );
    check(
        "The minister chaired the Turkmen-Belarus intergovernmental committee on scientific and technological cooperation in Ashgabat.",
        &["Turkmen-Belarus intergovernmental committee on scientific and technological cooperation locatedIn Ashgabat"],
        &[],
    );
    // Russian: the pair's compound adjective and the words after it come
    // to the nominative; the subject after "по" belongs to the name.
    check(
        "Сегодня в Баку прошло заседание Азербайджано-Иранской государственной комиссии по сотрудничеству в экономической, торговой и гуманитарной сферах.",
        &["Азербайджано-Иранская государственная комиссия по сотрудничеству в экономической, торговой и гуманитарной сферах locatedIn Baku"],
        &[],
    );
    check(
        "В рамках проходящего в Ханое белорусско-вьетнамского бизнес-форума подписаны документы.",
        &["белорусско-вьетнамский бизнес-форум locatedIn Hanoi"],
        &[],
    );
    // A council named by the pair alone is not a joint body's name.
    check(
        "The Russian-Chinese council in Moscow met.",
        &[],
        &["* locatedIn Moscow"],
    );
    // A lowercase event word with no pair or acronym before it is no name.
    check(
        "The business forum in Harare was attended by many.",
        &[],
        &["* locatedIn Harare"],
    );
}

// --- Documents the pair signed --------------------------------------------------

#[test]
fn a_name_and_its_apposition_before_the_clause() {
    check(
        "Mahindra & Mahindra (M&M), India's largest tractor manufacturing company, today signed a joint venture agreement with Yueda Group.",
        &["Mahindra & Mahindra signedAgreementWith Yueda Group"],
        &[],
    );
    // So is a clause about it; a parenthetical about the speaker is not.
    check(
        "Mahindra & Mahindra, which agreed to build a plant, today signed a joint venture agreement with Yueda Group.",
        &["Mahindra & Mahindra signedAgreementWith Yueda Group"],
        &[],
    );
    check(
        "In Kazakhstan, according to the ministry, the company signed an agreement with Yueda Group.",
        &[],
        &["Kazakhstan signedAgreementWith*"],
    );
}

#[test]
fn documents_signed_by_the_pair() {
    check(
        "Saudi Arabia and China signed 34 investment agreements on Wednesday related to green energy.",
        &["Saudi Arabia signedAgreementWith China"],
        &[],
    );
    check(
        "Россия и Сербия — давние партнеры. По итогам переговоров подписан ряд двусторонних документов, в том числе соглашение между правительствами двух стран.",
        &["Russia signedAgreementWith Serbia"],
        &[],
    );
    // Planned, or signed by people, companies or regions of the pair: not
    // the countries' own agreement.
    check(
        "Беларусь и Азербайджан — партнеры. По итогам переговоров предусматривается подписание ряда двусторонних документов.",
        &[],
        &["* signedAgreementWith*"],
    );
    check(
        "Russia and Vietnam are partners. Russian Zarubezhneft and Vietnamese PetroVietnam signed a bilateral agreement.",
        &[],
        &["Russia signedAgreementWith Vietnam"],
    );
}

#[test]
fn a_russian_title_takes_its_country_from_after_it() {
    check(
        "Азербайджан и Грузия приложат все усилия, сказал Trend посол Грузии в Азербайджане Зураб Патарадзе.",
        &["Зураб Патарадзе officialOf Georgia", "Зураб Патарадзе hasRole Ambassador"],
        &["Зураб Патарадзе officialOf Trend", "Зураб Патарадзе officialOf Azerbaijan"],
    );
}

#[test]
fn three_word_names_after_a_russian_title() {
    check(
        "На встрече в Сочи с министром экономики Кубы Хоакином Алонсо Васкесом, Мишустин подчеркнул, что Куба — важный партнер.",
        &[
            "Хоакин Алонсо Васкес officialOf Cuba",
            "Хоакин Алонсо Васкес hasRole Minister",
        ],
        &["Mikhail Mishustin officialOf Cuba"],
    );
    check(
        "Лукашенко встретится с вице-премьером Нгуен Ван Тхангом.",
        &["Нгуен Ван Тханг hasRole DeputyPrimeMinister"],
        &[],
    );
}

// --- Names with particles, appositions, Russian forms --------------------------

#[test]
fn a_name_with_a_particle_is_one_person_and_its_title_word_is_part_of_it() {
    check(
        "Prime Minister Alikhan Smailov, held a meeting with the Ambassador of Qatar to Kazakhstan, Abdulaziz bin Sultan Al-Rumaihi, on Monday.",
        &[
            "Abdulaziz bin Sultan Al-Rumaihi hasRole Ambassador",
            "Abdulaziz bin Sultan Al-Rumaihi officialOf Qatar",
            "Alikhan Smailov metWith Abdulaziz bin Sultan Al-Rumaihi",
        ],
        &["Alikhan Smailov hasRole Ambassador", "Alikhan Smailov officialOf Qatar"],
    );
}

#[test]
fn a_clause_between_a_name_and_a_title_is_no_apposition() {
    check(
        "Ilham Aliyev, received the Ambassador of Italy.",
        &[],
        &[
            "Ilham Aliyev hasRole Ambassador",
            "Ilham Aliyev officialOf Italy",
        ],
    );
    check(
        "Ilham Aliyev, the newly appointed Ambassador of Italy, spoke.",
        &["Ilham Aliyev hasRole Ambassador"],
        &[],
    );
}

#[test]
fn russian_genitive_surnames_and_function_words() {
    check(
        "Об этом сообщил сайт МИДа со ссылкой на посла Беларуси в Египте Сергея Рачкова.",
        &[
            "Сергей Рачков hasRole Ambassador",
            "Сергей Рачков officialOf Belarus",
        ],
        &["Сергей Рачкова*"],
    );
    check(
        "После встречи Ильхам Алиев и Владимир Путин подписали декларацию.",
        &["Ilham Aliyev signedAgreementWith Vladimir Putin"],
        &["* hasRole Ambassador"],
    );
}

#[test]
fn a_portfolio_before_the_comma_is_not_the_name_and_a_dateline_is_no_qualifier() {
    check(
        "Georgia's Deputy Minister of Economy and Sustainable Development, Genadi Arveladze, took part in the session.",
        &["Genadi Arveladze officialOf Georgia"],
        &["Sustainable Development*", "Genadi Arveladze hasRole Minister"],
    );
    check(
        "NEW DELHI — Prime Minister Narendra Modi held talks.",
        &["Narendra Modi hasRole PrimeMinister"],
        &["Narendra Modi officialOf New Delhi"],
    );
}

#[test]
fn a_body_named_on_its_subject_and_regions_named_with_a_lowercase_word() {
    check_entities(
        "Akylbek Japarov took part in the meeting of the Joint Intergovernmental Commission on Bilateral Cooperation on Monday.",
        &["Joint Intergovernmental Commission on Bilateral Cooperation"],
        &["Joint Intergovernmental Commission on Bilateral Cooperation on Monday"],
    );
    check_entities(
        "The India-Russia Intergovernmental Commission on Trade, Economic, Scientific, Technological and Cultural Cooperation met.",
        &["India-Russia Intergovernmental Commission on Trade, Economic, Scientific, Technological and Cultural Cooperation"],
        &[],
    );
    check(
        "Governor of Golestan province Hadi Haqshenas met the delegation.",
        &[
            "Hadi Haqshenas hasRole Governor",
            "Hadi Haqshenas officialOf Golestan province",
        ],
        &[],
    );
}

#[test]
fn and_the_starts_a_new_name() {
    check_entities(
        "The memorandum was signed between Daewoo International and the Korea Institute for Advancement of Technology.",
        &["Daewoo International", "Korea Institute for Advancement of Technology"],
        &["Daewoo International and the Korea Institute for Advancement of Technology"],
    );
    // One body's portfolio keeps its "and".
    check_entities(
        "The Ministry of Education and Science of Kyrgyzstan signed it.",
        &["Ministry of Education and Science of Kyrgyzstan"],
        &[],
    );
}

#[test]
fn regions_named_by_coordinated_adjectives() {
    check(
        "Проект в Актюбинской, Карагандинской и Восточно-Казахстанской областях Казахстана.",
        &[
            "Aktobe Region locatedIn Kazakhstan",
            "Karaganda Region locatedIn Kazakhstan",
            "East Kazakhstan Region locatedIn Kazakhstan",
        ],
        &["Aktobe Region locatedIn Karaganda Region"],
    );
    check_entities(
        "Подписаны соглашения с Ферганской и Ташкентской областями.",
        &["Ферганская область", "Ташкентская область"],
        &[],
    );
    // One adjective is no list.
    check_entities(
        "Он работал в Ташкентской области.",
        &["Ташкентская область"],
        &[],
    );
}

#[test]
fn russian_names_of_countries_with_adjectives_in_any_case() {
    check_entities(
        "Делегация Саудовской Аравии и Объединенных Арабских Эмиратов прибыла в Москву.",
        &["Саудовская Аравия", "Объединённые Арабские Эмираты"],
        &["Арабских Эмиратов"],
    );
    check_entities("Товарооборот с Южной Кореей вырос.", &["Южная Корея"], &[]);
    check_entities(
        "Визит в Саудовскую Аравию состоялся.",
        &["Саудовская Аравия"],
        &[],
    );
}

#[test]
fn joint_commissions_are_bodies_that_meet() {
    let ex = extract(
        "Separately, Manturov and Jaishankar Co-chaired the India-Russia Inter-Governmental Commission on Trade, Economic and Technical Cooperation in New Delhi.",
        None,
    );
    let commission = ex
        .entities
        .iter()
        .find(|e| {
            e.labels[0]
                .0
                .starts_with("India-Russia Inter-Governmental Commission")
        })
        .expect("the commission");
    assert_eq!(commission.class, Class::Commission);
    assert_eq!(
        Class::Commission.broader(),
        &[Class::GovernmentBody, Class::Event]
    );
    // "Co-chaired" is no company "Co".
    assert!(ex.entities.iter().all(|e| !e.labels[0].0.ends_with(" Co")));
    check(
        "Uzbek Prime Minister Abdulla Aripov and Kyrgyz Prime Minister Akylbek Japarov co-chaired the meeting of the Joint Intergovernmental Commission in Tashkent.",
        &[
            "Abdulla Aripov participatedIn Joint Intergovernmental Commission",
            "Akylbek Japarov participatedIn Joint Intergovernmental Commission",
        ],
        &[],
    );
    // A country's own council is no joint body.
    let ex = extract("The State Council of China approved the plan.", None);
    assert!(ex.entities.iter().all(|e| e.class != Class::Commission));
}

#[test]
fn facilities_named_by_their_kind_are_places() {
    check_entities(
        "He landed at Hazrat Shahjalal International Airport and left via the Turkmenbashi International Seaport.",
        &["Hazrat Shahjalal International Airport", "Turkmenbashi International Seaport"],
        &[],
    );
    // An action noun opening the sentence is not part of the name; a number
    // glued by a hyphen is.
    check_entities(
        "Construction of the Kambarata HPP-1 in Kyrgyzstan was discussed.",
        &["Kambarata HPP-1"],
        &["Construction of the Kambarata HPP"],
    );
    check_entities(
        "Putin met Vucic in the Kazan Kremlin.",
        &["Kazan Kremlin"],
        &[],
    );
}

// --- Companies by legal form, compound maker words and Russian quotes -------

#[test]
fn companies_named_by_legal_form_or_a_maker_word() {
    check_entities(
        "The factory, owned by Wuxi No 1 Cotton Textile Plc, started production.",
        &["Wuxi No 1 Cotton Textile Plc"],
        &[],
    );
    // A dash spaced on both sides ends a name.
    check_entities(
        "MTZ official dealer in Zimbabwe – AFTRADE DMCC company signed a memorandum.",
        &["AFTRADE DMCC"],
        &["Zimbabwe – AFTRADE DMCC"],
    );
    check(
        "South Korean steelmaker Posco will invest in a plant in Mexico.",
        &["POSCO country South Korea"],
        &[],
    );
    // A compound maker of goods heads a company.
    check_entities("Chinese chipmaker SMIC said on Monday.", &["SMIC"], &[]);
    // A lawmaker is a person, not a company's head word.
    let ex = extract("Kazakh lawmaker Nurlan Abdirov said on Monday.", None);
    assert!(
        !ex.entities
            .iter()
            .any(|e| e.class == crate::extract::Class::Company),
        "{:?}",
        ex.entities
    );
}

#[test]
fn russian_quoted_names_standing_alone_are_companies() {
    let text = "«Автотор» возобновил производство. Регион не говорит, с кем \
                сотрудничает «Автотор». Машины собирают на «Автоторе».";
    let ex = extract(text, None);
    let names = labels(&ex);
    assert!(names.contains(&"Автотор".to_string()), "{names:?}");
    assert!(!names.iter().any(|l| l == "Автоторе"), "{names:?}");
    // An acronym before the quotes is part of the name.
    check_entities(
        "Об этом сообщает РИА «Новости».",
        &["РИА Новости"],
        &["Новости"],
    );
    check_entities(
        "Продолжается строительство первой в Турции АЭС \"Аккую\".",
        &["АЭС Аккую"],
        &["Аккую"],
    );
    // Products, models and events in quotes are no companies.
    check_entities(
        "Трактор «Беларус» показали на выставке «Агромир».",
        &[],
        &["Беларус", "Агромир"],
    );
    // Sentences and numbered models in quotes are not names.
    check_entities(
        "Он назвал это «Новым этапом сотрудничества» и показал «Лида-1300».",
        &[],
        &["Новым этапом сотрудничества", "Лида-1300"],
    );
}

#[test]
fn participants_of_an_event_by_who_chaired_led_or_opened_it() {
    check(
        "The Iran-Kazakhstan Joint Economic Committee meeting was co-chaired by Iranian Agriculture Minister Mohammad-Ali Nikbakht and Kazakhstan Deputy Prime Minister Serik Zhumangarin, IRNA reported.",
        &[
            "Mohammad-Ali Nikbakht participatedIn Iran-Kazakhstan Joint Economic Committee",
            "Serik Zhumangarin participatedIn Iran-Kazakhstan Joint Economic Committee",
        ],
        &[],
    );
    check(
        "The delegation of Uzbekistan led by Prime Minister Abdulla Aripov took part in the Caspian Economic Forum.",
        &["Abdulla Aripov participatedIn Caspian Economic Forum"],
        &[],
    );
    check(
        "Bolat, along with Georgian Minister of Economy Mariam Kvrivishvili, opened the Türkiye-Georgia Business Forum in Tbilisi.",
        &["Mariam Kvrivishvili participatedIn Türkiye-Georgia Business Forum"],
        &[],
    );
    check(
        "Пленарное заседание Петербургского международного экономического форума прошло под председательством Владимира Путина.",
        &["Vladimir Putin participatedIn St. Petersburg International Economic Forum"],
        &[],
    );
}

#[test]
fn russian_events_named_by_their_places() {
    check(
        "В рамках XI Форума межрегионального сотрудничества Казахстана и России в Атырау подписано соглашение.",
        &["Форум межрегионального сотрудничества Казахстана и России locatedIn Atyrau"],
        &[],
    );
    // A verb or a preposition after the event word: no name.
    check_entities("Форум прошел в Казани.", &[], &["Форум прошел в Казани"]);
}

#[test]
fn a_known_company_with_a_place_or_name_after_it_is_another_company() {
    // The company and the place whose names went into it are not the
    // article's entities.
    check_entities(
        "A shareholders agreement between the NSIA and OCP Africa was signed.",
        &["OCP Africa"],
        &["Africa", "OCP Group"],
    );
    check_entities(
        "The company MTZ Holding delivered tractors.",
        &["MTZ Holding"],
        &[],
    );
    // A title after the name is no part of it.
    check_entities(
        "Gazprom Chairman Alexei Miller met Aliyev.",
        &[],
        &["Gazprom Chairman"],
    );
}

#[test]
fn entities_nothing_refers_to_are_dropped() {
    // "South Asian" names no entity the article states anything of; the
    // facts and mentions left still point at the right entities.
    let ex = extract(
        "Sri Lankan Prime Minister Ranil Wickremesinghe promised support for Vietnamese investors in the South Asian nation.",
        None,
    );
    let got = labels(&ex);
    assert!(!got.iter().any(|l| l == "South Asia"), "{got:#?}");
    assert!(
        facts(&ex)
            .iter()
            .any(|f| f == "Ranil Wickremesinghe officialOf Sri Lanka"),
        "{:?}",
        facts(&ex)
    );
}
