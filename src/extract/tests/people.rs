//! Tests of how people are recognised and given their offices and visits:
//! known people by surname alone, titles that name their holder after
//! them. Helpers are the parent module's.

use super::*;

// --- Known people by surname alone --------------------------------------------

#[test]
fn a_known_person_named_by_surname_alone() {
    check_entities(
        "At the meeting, Mirziyoyev thanked the Chinese side for its support of reforms in Uzbekistan.",
        &["Shavkat Mirziyoyev"],
        &[],
    );
    check(
        "At the meeting, Mirziyoyev thanked the Chinese side for its support of reforms in Uzbekistan.",
        &["Shavkat Mirziyoyev officialOf Uzbekistan"],
        &[],
    );
    // Russian case forms of the surname.
    check_entities(
        "Токаеву доложили о росте торговли Казахстана с Китаем.",
        &["Касым-Жомарт Токаев"],
        &[],
    );
    // Inside a sentence and after an opening common word.
    check_entities(
        "Об этом заявил Токаев на встрече в Астане.",
        &["Касым-Жомарт Токаев"],
        &[],
    );
    check_entities(
        "Сегодня Токаев провел встречу в Астане.",
        &["Касым-Жомарт Токаев"],
        &["Сегодня Токаев"],
    );
    // A listed spelling other than the label: "Erdoğan" for "Erdogan".
    check_entities(
        "Erdoğan said Turkey and Uzbekistan aim at $5 billion in trade.",
        &["Recep Tayyip Erdogan"],
        &[],
    );
}

#[test]
fn a_surname_alone_is_not_a_known_person_when_ambiguous_or_part_of_a_name() {
    // Two known people share the surname.
    check_entities(
        "Berdimuhamedov said Turkmenistan will supply gas to China.",
        &[],
        &["Serdar Berdimuhamedov", "Gurbanguly Berdimuhamedov"],
    );
    // Another person of the same surname, named in full.
    check_entities(
        "Deputy Minister Akmal Mirziyoyev said Uzbekistan will build roads.",
        &[],
        &["Shavkat Mirziyoyev"],
    );
}

// --- Titles that name their holder after them ----------------------------------

#[test]
fn a_title_before_a_name_is_no_apposition_of_the_name_before_it() {
    check(
        "At the invitation of Kassym-Jomart Tokayev, President of South Korea Yoon Suk Yeol is paying a state visit to Kazakhstan.",
        &["Yoon Suk Yeol officialOf South Korea", "Yoon Suk Yeol hasRole President"],
        &["Kassym-Jomart Tokayev officialOf South Korea"],
    );
    check_entities(
        "At the Imperial Palace, President Serdar Berdimuhamedov met the Emperor.",
        &["Serdar Berdimuhamedov"],
        &["Imperial Palace"],
    );
    // An apposition with no name after the title still holds.
    check(
        "The talks were held by Ilia Darchiashvili, Georgia's foreign minister.",
        &["Ilia Darchiashvili officialOf Georgia"],
        &[],
    );
}

#[test]
fn the_possessed_region_is_what_a_title_is_of() {
    check(
        "The delegation led by the Governor of Iran's East Azerbaijan Province Abedin Khorram has arrived in Yerevan.",
        &[
            "Abedin Khorram officialOf East Azerbaijan",
            "Abedin Khorram hasRole Governor",
        ],
        &["Abedin Khorram officialOf Iran"],
    );
}

#[test]
fn lowercase_portfolios_and_of_the_country_inside_titles() {
    check(
        "He was received by Prime Minister of the country Irakli Garibashvili.",
        &["Irakli Garibashvili hasRole PrimeMinister"],
        &[],
    );
    check(
        "Goyal spoke at a press conference with UAE minister of state for trade Omar Haddadi.",
        &[
            "Omar Haddadi hasRole Minister",
            "Omar Haddadi officialOf United Arab Emirates",
        ],
        &[],
    );
    // A lowercase word that is no portfolio still ends the title.
    check(
        "The minister said prices rose.",
        &[],
        &["* hasRole Minister"],
    );
}

#[test]
fn coordinated_titles_after_a_name_share_their_qualifier() {
    check(
        "The premier met Li Weiming, Vice Chairman and General Manager of Hubei Trading Company, on Friday.",
        &["Li Weiming officialOf Hubei Trading Company"],
        &[],
    );
}

#[test]
fn a_run_ending_in_a_body_or_place_word_is_no_holder() {
    check_entities(
        "The talks were held in the presence of the head of the General Authority for the Suez Canal Economic Zone (SCZone) Walid Gamal.",
        &[],
        &["Economic Zone"],
    );
}

#[test]
fn the_chair_of_a_regions_government_is_no_prime_minister() {
    check(
        "Заместитель председателя правительства Астраханской области Илья Волынский встретился с консулом.",
        &["Илья Волынский officialOf *"],
        &["* hasRole DeputyPrimeMinister"],
    );
    check(
        "Заместитель председателя правительства России Алексей Оверчук прибыл в Баку.",
        &["Alexei Overchuk hasRole DeputyPrimeMinister"],
        &[],
    );
}

// --- Meetings and visits --------------------------------------------------------

#[test]
fn planned_meetings_and_upcoming_visits_are_not_stated_ones() {
    check(
        "У Лукашенко запланированы переговоры с президентом Вьетнама Чыонг Тан Шангом.",
        &[],
        &["Alexander Lukashenko metWith *"],
    );
    check(
        "The forum is held ahead of the state visit of Belarusian President Alexander Lukashenko to Zimbabwe.",
        &[],
        &["Alexander Lukashenko visited Zimbabwe"],
    );
    check(
        "During the state visit of Belarusian President Alexander Lukashenko to Zimbabwe, documents were signed.",
        &["Alexander Lukashenko visited Zimbabwe"],
        &[],
    );
}

#[test]
fn two_leaders_held_a_described_meeting() {
    check(
        "Prime Minister Narendra Modi and the visiting Crown Prince Mohammed bin Salman held the first leaders' meeting of the council.",
        &["Narendra Modi metWith Mohammed bin Salman"],
        &[],
    );
}

// --- Unknown people by a known first name -------------------------------------

#[test]
fn unknown_people_by_a_known_first_name() {
    // Latin script: the first name is listed, the surname is any name word.
    check_entities(
        "He held talks with the High Representative Valentin Inzko and the Croat member of the presidency Dragan Čović.",
        &["Valentin Inzko", "Dragan Čović"],
        &[],
    );
    // Particles and hyphenated parts stay in the name.
    check_entities(
        "The delegation was received by Ursula von der Leyen in Brussels.",
        &["Ursula von der Leyen"],
        &[],
    );
    // A first name before the head of an organisation is no person.
    check_entities(
        "The deal was signed at the Victoria Business Centre.",
        &[],
        &["Victoria Business"],
    );
    // A first name alone is no person.
    check_entities("Diana said the talks went well.", &[], &["Diana"]);
    // Russian: the dictionary knows the first name, in any case; the label
    // is the nominative.
    check_entities(
        "На текущей неделе Радий Хабиров в составе делегации посетил Ташкент.",
        &["Радий Хабиров"],
        &[],
    );
    check_entities(
        "Переговоры прошли с доктором Али Рашидом аль-Нуайми.",
        &["Али Рашид аль-Нуайми"],
        &["Али Рашидом аль-Нуайми"],
    );
    check_entities(
        "Министр встретился с Марией Захаровой.",
        &["Мария Захарова"],
        &[],
    );
    // A common word after a first name is not a surname.
    check_entities("Вера Россия сильна.", &[], &["Вера Россия"]);
}

// --- Visits stated by where a meeting took place ------------------------------

#[test]
fn a_meeting_in_a_foreign_city_is_a_visit() {
    check(
        "Indonesian President Joko Widodo held a bilateral meeting with Vietnamese Prime Minister Pham Minh Chinh in Hanoi.",
        &["Joko Widodo visited Hanoi"],
        &["Pham Minh Chinh visited *"],
    );
    check(
        "Президент Татарстана Рустам Минниханов выступил на открытии завода в Самарканде.",
        &["Rustam Minnikhanov visited Samarkand"],
        &[],
    );
    // A meeting still to come is no visit.
    check(
        "Indonesian President Joko Widodo will meet Vietnamese Prime Minister Pham Minh Chinh in Hanoi.",
        &[],
        &["Joko Widodo visited *"],
    );
    // A person of unknown country is not said to travel.
    check(
        "Mr Smith met the delegation in Hanoi.",
        &[],
        &["* visited Hanoi"],
    );
}

#[test]
fn the_articles_venue_is_visited_by_the_guests() {
    // The session is placed in Tehran in one sentence, the guest in another.
    check(
        "The 19th Iran-Kazakhstan Joint Economic Committee meeting was held in Tehran on Sunday. \
         The meeting was co-chaired by Iranian Agriculture Minister Mohammad-Ali Nikbakht and \
         Kazakhstan Deputy Prime Minister Serik Zhumangarin. Iran and Kazakhstan discussed trade.",
        &["Serik Zhumangarin visited Tehran"],
        &["Mohammad-Ali Nikbakht visited *"],
    );
    check(
        "Переговоры премьер-министров Кыргызстана и Беларуси прошли в Минске. \
         Председатель кабмина Кыргызстана Адылбек Касымалиев провел встречу с премьер-министром Беларуси Александром Турчиным.",
        &["Adylbek Kasymaliev visited Minsk"],
        &[],
    );
    // An ambassador lives where the meetings are, and a visit ahead is none.
    check(
        "Президент Белоруссии Александр Лукашенко провел переговоры в Баку. \
         Как заявил в преддверии визита посол Белоруссии в Азербайджане Николай Пацкевич, страны нарастят торговлю.",
        &["Alexander Lukashenko visited Baku"],
        &["Nikolai Patskevich visited *"],
    );
    // An earlier meeting elsewhere does not place this one.
    check(
        "Russian Deputy Prime Minister Denis Manturov met Indian Finance Minister Nirmala Sitharaman. \
         The two last met in Moscow in November 2022. Russia and India discussed trade.",
        &[],
        &["Nirmala Sitharaman visited *"],
    );
}

#[test]
fn a_meeting_of_two_named_people() {
    check(
        "Сегодня состоялась встреча премьер-министра Турции Реджепа Тайипа Эрдогана и первого вице-президента Ирана Исхака Джахангири.",
        &["Recep Tayyip Erdogan metWith Исхак Джахангири"],
        &[],
    );
    check(
        "Talks between Uzbek President Shavkat Mirziyoyev and the Prime Minister of Japan Fumio Kishida were held in Tokyo.",
        &["Shavkat Mirziyoyev metWith Fumio Kishida"],
        &[],
    );
    // Co-chairs of one session meet; so do the people a minister accompanies.
    check(
        "The Joint Economic Committee meeting was co-chaired by Iranian Agriculture Minister Mohammad-Ali Nikbakht and Kazakhstan Deputy Prime Minister Serik Zhumangarin.",
        &["Mohammad-Ali Nikbakht metWith Serik Zhumangarin"],
        &[],
    );
    check(
        "Indonesia's Minister of Trade Budi Santoso accompanied President Prabowo Subianto in a meeting with Malaysian Prime Minister Anwar Ibrahim.",
        &["Budi Santoso metWith Anwar Ibrahim"],
        &[],
    );
    // A meeting still to come is none.
    check(
        "Запланирована встреча премьер-министра Турции Реджепа Тайипа Эрдогана и вице-президента Ирана Исхака Джахангири.",
        &[],
        &["* metWith *"],
    );
}

// --- The pair's leaders, unnamed ----------------------------------------------

#[test]
fn the_two_leaders_meeting_is_between_the_officials_of_the_pair() {
    check(
        "President of Kazakhstan Kassym-Jomart Tokayev welcomed President of South Korea Yoon Suk Yeol in Astana. \
         Kazakhstan and South Korea are partners. Earlier, the two heads of state held negotiations.",
        &["Kassym-Jomart Tokayev metWith Yoon Suk Yeol"],
        &[],
    );
    check(
        "Президент России Владимир Путин прибыл в Сербию. Президент Сербии Александр Вучич встретил его. \
         Главы государств обсудили торговлю России и Сербии.",
        &["Vladimir Putin metWith Aleksandar Vučić"],
        &[],
    );
    // A plan is no meeting; with two officials of one side and no role to
    // choose between them, no one is named.
    check(
        "President of Kazakhstan Kassym-Jomart Tokayev welcomed President of South Korea Yoon Suk Yeol. \
         The two leaders are expected to hold talks on Kazakhstan and South Korea.",
        &[],
        &["Kassym-Jomart Tokayev metWith Yoon Suk Yeol"],
    );
    check(
        "Minister of Trade of Kazakhstan Arman Shakkaliyev and Minister of Energy of Kazakhstan Almasadam Satkaliyev \
         welcomed Korean Minister of Trade Ahn Duk-geun. South Korea and Kazakhstan are partners. \
         The two leaders discussed trade.",
        &[],
        &["Arman Shakkaliyev metWith Ahn Duk-geun", "Almasadam Satkaliyev metWith Ahn Duk-geun"],
    );
}

#[test]
fn no_one_visits_the_country_they_serve() {
    check(
        "President of Kazakhstan Kassym-Jomart Tokayev, who is on a visit in Kazakhstan's capital, met investors.",
        &["Kassym-Jomart Tokayev officialOf Kazakhstan"],
        &["Kassym-Jomart Tokayev visited Kazakhstan"],
    );
}

#[test]
fn initials_and_names_that_share_a_word_with_a_known_person_follow_a_title() {
    check(
        "Bangladesh Foreign Minister AK Abdul Momen briefed the media.",
        &[
            "Abdul Momen hasRole Minister",
            "Abdul Momen officialOf Bangladesh",
        ],
        &[],
    );
    // "Исламом" is a case form of a known person's given name ("Ислам
    // Каримов"); the name still ends before "в Казанском Кремле".
    check(
        "Раис Татарстана Рустам Минниханов встретился с послом Бангладеш в России Мд Назрулом Исламом в Казанском Кремле.",
        &[
            "Мд Назрул Ислам hasRole Ambassador",
            "Мд Назрул Ислам officialOf Bangladesh",
            "Rustam Minnikhanov metWith Мд Назрул Ислам",
        ],
        &["Казанск Кремле hasRole Ambassador"],
    );
}

#[test]
fn an_office_without_a_country_is_held_for_the_one_country_of_the_pair_named() {
    check(
        "Serbia and China signed agreements. The agreement between the Serbian government and Zijin was signed by \
         Minister of Energy and Mining Aleksandar Antic. China and Serbia are partners.",
        &["Aleksandar Antic officialOf Serbia"],
        &[],
    );
    // A country the pair is not: a place of passage.
    check(
        "Argentina and Mexico are partners. Mexico and Argentina signed documents. Calderón arrived from Lima, Peru, \
         a visit described as successful by Foreign Minister Jorge Taiana.",
        &[],
        &["Jorge Taiana officialOf Peru"],
    );
}

#[test]
fn the_head_of_a_ministry_is_its_countrys_minister() {
    check(
        "Товарооборот РФ и Танзании вырос. Об этом рассказал глава Минэкономразвития Максим Решетников.",
        &["Maxim Reshetnikov hasRole Minister", "Maxim Reshetnikov officialOf Russia"],
        &["Maxim Reshetnikov hasRole Official"],
    );
    check(
        "Переговоры прошли с участием главы Минэкономразвития России Максима Решетникова.",
        &[
            "Maxim Reshetnikov hasRole Minister",
            "Maxim Reshetnikov officialOf Russia",
        ],
        &[],
    );
    check(
        "The head of the Ministry of Energy of Kyrgyzstan Taalaibek Ibraev said.",
        &[
            "Taalaibek Ibraev hasRole Minister",
            "Taalaibek Ibraev officialOf Kyrgyzstan",
        ],
        &[],
    );
    // The head of another body stays an official of it.
    check(
        "The head of the Kazakh Invest Serik Zhumangarin said.",
        &[],
        &["Serik Zhumangarin hasRole Minister"],
    );
    check(
        "Переговоры провел председатель кабмина КР Адылбек Касымалиев.",
        &["Adylbek Kasymaliev hasRole PrimeMinister"],
        &[],
    );
}

#[test]
fn a_leaders_title_with_its_country_and_no_name_is_the_articles_one_person_of_it() {
    check(
        "Касым-Жомарт Токаев и Садыр Жапаров провели брифинг. Президент Казахстана поблагодарил кыргызского лидера.",
        &["Kassym-Jomart Tokayev hasRole President"],
        &["Sadyr Japarov hasRole President"],
    );
    // Not the last president named, when the title names another country.
    check(
        "Президент России Владимир Путин встретился с Касым-Жомартом Токаевым. Президент Казахстана поблагодарил.",
        &["Kassym-Jomart Tokayev hasRole President"],
        &[],
    );
    // A plural title is no such reference.
    check(
        "Джевдет Йылмаз прибыл в Бишкек. Президенты Турции и Кыргызстана поставили цель.",
        &[],
        &["Cevdet Yılmaz hasRole President"],
    );
    // Nor is a title in a sentence that names people.
    check(
        "Исхак Джахангири прибыл в Анкару. Эрдоган встретился с ним, президент Ирана Хасан Рухани позвонил.",
        &[],
        &["Eshaq Jahangiri hasRole President"],
    );
}

#[test]
fn visits_named_by_their_country_or_with_hyphenated_words() {
    check(
        "During his China visit earlier this month, Tajik president Emomali Rahmon landed investments.",
        &["Emomali Rahmon visited China"],
        &[],
    );
    check(
        "Trade got a boost during President Samia Suluhu Hassan's just-concluded four-day visit to India.",
        &["Samia Suluhu Hassan visited India"],
        &[],
    );
}

#[test]
fn a_title_chain_that_ends_in_a_name_is_not_a_reference_to_someone_before() {
    // "заместителем Премьер-министра – министром ... Пакистана Мухаммадом
    // Исхаком Даром" is Dar's title, not the minister named before.
    check(
        "Министр иностранных дел Мурат Нуртлеу прибыл в Пакистан. В ходе визита глава МИД Казахстана провёл встречу с заместителем Премьер-министра – министром иностранных дел Пакистана Мухаммадом Исхаком Даром.",
        &["Murat Nurtleu metWith Ishaq Dar"],
        &[],
    );
    // A bare title still refers to its last holder.
    check(
        "Foreign Minister Murat Nurtleu arrived in Islamabad. The minister met Ishaq Dar.",
        &["Murat Nurtleu metWith Ishaq Dar"],
        &[],
    );
}

#[test]
fn a_visit_by_where_a_meeting_or_an_attended_event_took_place() {
    // The city after a long description of its country.
    check(
        "President Recep Tayyip Erdoğan said late Tuesday as he met his Uzbek counterpart Shavkat Mirziyoyev in the Central Asian country's capital Tashkent.",
        &["Recep Tayyip Erdogan visited Tashkent"],
        &[],
    );
    // Opening or taking part in an event in a city of another country.
    check(
        "Türkiye's Trade Minister Ömer Bolat and Georgian Minister Mariam Kvrivishvili opened the Türkiye-Georgia Business Forum in Tbilisi on July 16.",
        &["Ömer Bolat visited Tbilisi"],
        &["Mariam Kvrivishvili visited Tbilisi"],
    );
    check(
        "Вице-премьер Турции Джевдет Йылмаз принял участие в заседании комиссии в Бишкеке.",
        &["Cevdet Yılmaz visited Bishkek"],
        &[],
    );
    // Not by video link, and not a country's participation.
    check(
        "Türkiye's Trade Minister Ömer Bolat took part in the forum in Tbilisi by video link.",
        &[],
        &["Ömer Bolat visited Tbilisi"],
    );
    check(
        "President Serdar Berdimuhamedov congratulated Japan on the country's participation in the exhibition in Osaka.",
        &[],
        &["Serdar Berdimuhamedov visited Osaka"],
    );
}

#[test]
fn a_known_regional_head_serves_the_region_not_the_country() {
    check(
        "Radiy Khabirov met the Uzbek delegation. Bashkortostan is one of the regions of Russia that trade with Uzbekistan.",
        &["Radiy Khabirov officialOf Bashkortostan"],
        &["Radiy Khabirov officialOf Russia"],
    );
}

#[test]
fn an_invitation_to_take_part_is_no_visit() {
    check(
        "Kazakh President Kassym-Jomart Tokayev invited Uzbek President Shavkat Mirziyoyev to take part in the summit in Astana.",
        &[],
        &["Shavkat Mirziyoyev visited Astana"],
    );
}

#[test]
fn the_company_or_the_chamber_is_the_organisation_named_before() {
    check(
        "The office of the Croatian Chamber of Economy was opened in Sarajevo. Head of the Chamber, Luka Burilovic, said the city was chosen after Brussels.",
        &["Luka Burilovic officialOf Chamber of Economy"],
        &[],
    );
    check(
        "Turkey's Reyrich Plastic Company announced plans to launch a solar project in Ethiopia. The chairman of the company's Board, Nehad Alayyoub, made the announcement.",
        &["Nehad Alayyoub officialOf Reyrich Plastic Company"],
        &[],
    );
    // Nothing named before with that word: no reference.
    check(
        "Head of the Chamber, Luka Burilovic, said the city was chosen after Brussels.",
        &[],
        &["Luka Burilovic officialOf*"],
    );
}

#[test]
fn a_title_reaches_its_holder_past_a_short_form_or_a_place_named_given_name() {
    check(
        "The meetings were held in the presence of the head of the General Authority for the Suez Canal Economic Zone (SCZone) Walid Gamal-Eldin.",
        &["Walid Gamal-Eldin officialOf General Authority for the Suez Canal Economic Zone"],
        &[],
    );
    check(
        "The MoU was signed by Kenyan Cabinet Secretary for Defence Aden Bare Duale.",
        &[
            "Aden Bare Duale hasRole Minister",
            "Aden Bare Duale officialOf Kenya",
        ],
        &["* locatedIn Kenya", "Bare Duale *"],
    );
    // After "of", the place is what the title is of.
    check(
        "The mayor of Kazan Ilsur Metshin opened the forum.",
        &["Ilsur Metshin officialOf Kazan"],
        &[],
    );
}

#[test]
fn an_initial_picks_between_people_of_one_surname() {
    // "Назарбаева" is Dariga Nazarbayeva's surname and a case of Nursultan
    // Nazarbayev's; the initial decides.
    check_entities(
        "Пленарное заседание прошло с участием главы государства Н. Назарбаева.",
        &["Нурсултан Назарбаев"],
        &["Дарига Назарбаева"],
    );
    check_entities(
        "Д. Назарбаева провела встречу.",
        &["Дарига Назарбаева"],
        &["Нурсултан Назарбаев"],
    );
}
