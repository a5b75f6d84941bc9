#!/usr/bin/env python3
"""Deterministic synthetic news corpus for newskg scale benchmarks.

Writes N English and Russian articles about trade, investment, supplies,
agreements and meetings between countries, companies and officials, in one
of the formats newskg reads (txt folder, JSON Lines) or as WARC for the
crawl path. The same --seed and --articles give byte-identical output, and
article i is the same article in every format. Articles are written as they
are generated, so a million of them need no more memory than one.

Standard library only. See README.md next to this file.
"""

import argparse
import base64
import gzip
import hashlib
import json
import math
import os
import random
import sys
import time
import uuid

# ---------------------------------------------------------------------------
# Countries the extractor's gazetteer knows (ontology/gazetteer.tsv), with the
# English demonym, the Russian nominative, the Russian masculine demonym and
# the capital in both languages. Russian case forms are derived below.
# id, English, English demonym, Russian, Russian demonym, capital en, capital ru
COUNTRIES = [
    ("azerbaijan", "Azerbaijan", "Azerbaijani", "Азербайджан", "азербайджанский", "Baku", "Баку"),
    ("belarus", "Belarus", "Belarusian", "Беларусь", "белорусский", "Minsk", "Минск"),
    ("russia", "Russia", "Russian", "Россия", "российский", "Moscow", "Москва"),
    ("armenia", "Armenia", "Armenian", "Армения", "армянский", "Yerevan", "Ереван"),
    ("georgia", "Georgia", "Georgian", "Грузия", "грузинский", "Tbilisi", "Тбилиси"),
    ("kazakhstan", "Kazakhstan", "Kazakh", "Казахстан", "казахстанский", "Astana", "Астана"),
    ("uzbekistan", "Uzbekistan", "Uzbek", "Узбекистан", "узбекский", "Tashkent", "Ташкент"),
    ("kyrgyzstan", "Kyrgyzstan", "Kyrgyz", "Киргизия", "киргизский", "Bishkek", "Бишкек"),
    ("tajikistan", "Tajikistan", "Tajik", "Таджикистан", "таджикский", "Dushanbe", "Душанбе"),
    ("turkmenistan", "Turkmenistan", "Turkmen", "Туркменистан", "туркменский", "Ashgabat", "Ашхабад"),
    ("ukraine", "Ukraine", "Ukrainian", "Украина", "украинский", "Kyiv", "Киев"),
    ("moldova", "Moldova", "Moldovan", "Молдавия", "молдавский", "Chisinau", "Кишинёв"),
    ("turkey", "Turkey", "Turkish", "Турция", "турецкий", "Ankara", "Анкара"),
    ("iran", "Iran", "Iranian", "Иран", "иранский", "Tehran", "Тегеран"),
    ("china", "China", "Chinese", "Китай", "китайский", "Beijing", "Пекин"),
    ("india", "India", "Indian", "Индия", "индийский", "New Delhi", "Нью-Дели"),
    ("japan", "Japan", "Japanese", "Япония", "японский", "Tokyo", "Токио"),
    ("south-korea", "South Korea", "South Korean", "Южная Корея", "южнокорейский", "Seoul", "Сеул"),
    ("mongolia", "Mongolia", "Mongolian", "Монголия", "монгольский", "Ulaanbaatar", "Улан-Батор"),
    ("pakistan", "Pakistan", "Pakistani", "Пакистан", "пакистанский", "Islamabad", "Исламабад"),
    ("afghanistan", "Afghanistan", "Afghan", "Афганистан", "афганский", "Kabul", "Кабул"),
    ("vietnam", "Vietnam", "Vietnamese", "Вьетнам", "вьетнамский", "Hanoi", "Ханой"),
    ("thailand", "Thailand", "Thai", "Таиланд", "таиландский", "Bangkok", "Бангкок"),
    ("indonesia", "Indonesia", "Indonesian", "Индонезия", "индонезийский", "Jakarta", "Джакарта"),
    ("malaysia", "Malaysia", "Malaysian", "Малайзия", "малайзийский", "Kuala Lumpur", "Куала-Лумпур"),
    ("singapore", "Singapore", "Singaporean", "Сингапур", "сингапурский", "Singapore", "Сингапур"),
    ("saudi-arabia", "Saudi Arabia", "Saudi", "Саудовская Аравия", "саудовский", "Riyadh", "Эр-Рияд"),
    ("qatar", "Qatar", "Qatari", "Катар", "катарский", "Doha", "Доха"),
    ("kuwait", "Kuwait", "Kuwaiti", "Кувейт", "кувейтский", "Kuwait City", "Эль-Кувейт"),
    ("oman", "Oman", "Omani", "Оман", "оманский", "Muscat", "Маскат"),
    ("iraq", "Iraq", "Iraqi", "Ирак", "иракский", "Baghdad", "Багдад"),
    ("jordan", "Jordan", "Jordanian", "Иордания", "иорданский", "Amman", "Амман"),
    ("israel", "Israel", "Israeli", "Израиль", "израильский", "Jerusalem", "Иерусалим"),
    ("egypt", "Egypt", "Egyptian", "Египет", "египетский", "Cairo", "Каир"),
    ("germany", "Germany", "German", "Германия", "немецкий", "Berlin", "Берлин"),
    ("france", "France", "French", "Франция", "французский", "Paris", "Париж"),
    ("united-kingdom", "United Kingdom", "British", "Великобритания", "британский", "London", "Лондон"),
    ("italy", "Italy", "Italian", "Италия", "итальянский", "Rome", "Рим"),
    ("spain", "Spain", "Spanish", "Испания", "испанский", "Madrid", "Мадрид"),
    ("portugal", "Portugal", "Portuguese", "Португалия", "португальский", "Lisbon", "Лиссабон"),
    ("belgium", "Belgium", "Belgian", "Бельгия", "бельгийский", "Brussels", "Брюссель"),
    ("switzerland", "Switzerland", "Swiss", "Швейцария", "швейцарский", "Bern", "Берн"),
    ("austria", "Austria", "Austrian", "Австрия", "австрийский", "Vienna", "Вена"),
    ("denmark", "Denmark", "Danish", "Дания", "датский", "Copenhagen", "Копенгаген"),
    ("norway", "Norway", "Norwegian", "Норвегия", "норвежский", "Oslo", "Осло"),
    ("sweden", "Sweden", "Swedish", "Швеция", "шведский", "Stockholm", "Стокгольм"),
    ("finland", "Finland", "Finnish", "Финляндия", "финский", "Helsinki", "Хельсинки"),
    ("estonia", "Estonia", "Estonian", "Эстония", "эстонский", "Tallinn", "Таллин"),
    ("latvia", "Latvia", "Latvian", "Латвия", "латвийский", "Riga", "Рига"),
    ("lithuania", "Lithuania", "Lithuanian", "Литва", "литовский", "Vilnius", "Вильнюс"),
    ("poland", "Poland", "Polish", "Польша", "польский", "Warsaw", "Варшава"),
    ("czech-republic", "Czech Republic", "Czech", "Чехия", "чешский", "Prague", "Прага"),
    ("slovakia", "Slovakia", "Slovak", "Словакия", "словацкий", "Bratislava", "Братислава"),
    ("hungary", "Hungary", "Hungarian", "Венгрия", "венгерский", "Budapest", "Будапешт"),
    ("romania", "Romania", "Romanian", "Румыния", "румынский", "Bucharest", "Бухарест"),
    ("bulgaria", "Bulgaria", "Bulgarian", "Болгария", "болгарский", "Sofia", "София"),
    ("serbia", "Serbia", "Serbian", "Сербия", "сербский", "Belgrade", "Белград"),
    ("croatia", "Croatia", "Croatian", "Хорватия", "хорватский", "Zagreb", "Загреб"),
    ("slovenia", "Slovenia", "Slovenian", "Словения", "словенский", "Ljubljana", "Любляна"),
    ("greece", "Greece", "Greek", "Греция", "греческий", "Athens", "Афины"),
    ("united-states", "United States", "American", "США", "американский", "Washington", "Вашингтон"),
    ("canada", "Canada", "Canadian", "Канада", "канадский", "Ottawa", "Оттава"),
    ("mexico", "Mexico", "Mexican", "Мексика", "мексиканский", "Mexico City", "Мехико"),
    ("brazil", "Brazil", "Brazilian", "Бразилия", "бразильский", "Brasilia", "Бразилиа"),
    ("argentina", "Argentina", "Argentine", "Аргентина", "аргентинский", "Buenos Aires", "Буэнос-Айрес"),
    ("cuba", "Cuba", "Cuban", "Куба", "кубинский", "Havana", "Гавана"),
    ("venezuela", "Venezuela", "Venezuelan", "Венесуэла", "венесуэльский", "Caracas", "Каракас"),
    ("nigeria", "Nigeria", "Nigerian", "Нигерия", "нигерийский", "Abuja", "Абуджа"),
    ("ethiopia", "Ethiopia", "Ethiopian", "Эфиопия", "эфиопский", "Addis Ababa", "Аддис-Абеба"),
    ("algeria", "Algeria", "Algerian", "Алжир", "алжирский", "Algiers", "Алжир"),
    ("tunisia", "Tunisia", "Tunisian", "Тунис", "тунисский", "Tunis", "Тунис"),
    ("kenya", "Kenya", "Kenyan", "Кения", "кенийский", "Nairobi", "Найроби"),
    ("tanzania", "Tanzania", "Tanzanian", "Танзания", "танзанийский", "Dodoma", "Додома"),
    ("australia", "Australia", "Australian", "Австралия", "австралийский", "Canberra", "Канберра"),
]

# Countries that news in English and Russian about Eurasian trade names most.
FOCUS = {
    "azerbaijan", "belarus", "russia", "armenia", "georgia", "kazakhstan", "uzbekistan",
    "kyrgyzstan", "tajikistan", "turkmenistan", "turkey", "iran", "china", "india",
}

# Russian case forms: nominative, genitive, dative, accusative, instrumental,
# prepositional. Irregular and two-word names are listed; the rest follow the
# pattern of their ending.
RU_CASES = {
    "Беларусь": ("Беларусь", "Беларуси", "Беларуси", "Беларусь", "Беларусью", "Беларуси"),
    "Израиль": ("Израиль", "Израиля", "Израилю", "Израиль", "Израилем", "Израиле"),
    "Египет": ("Египет", "Египта", "Египту", "Египет", "Египтом", "Египте"),
    "Южная Корея": ("Южная Корея", "Южной Кореи", "Южной Корее", "Южную Корею", "Южной Кореей", "Южной Корее"),
    "Саудовская Аравия": ("Саудовская Аравия", "Саудовской Аравии", "Саудовской Аравии",
                          "Саудовскую Аравию", "Саудовской Аравией", "Саудовской Аравии"),
    "США": ("США",) * 6,
}


def ru_cases(nom):
    if nom in RU_CASES:
        return RU_CASES[nom]
    if nom.endswith("ия"):
        s = nom[:-1]
        return (nom, s + "и", s + "и", s + "ю", s + "ей", s + "и")
    if nom.endswith("а"):
        s = nom[:-1]
        gen = s + ("и" if s[-1] in "кгхшжчщ" else "ы")
        ins = s + ("ей" if s[-1] in "шжчщц" else "ой")
        return (nom, gen, s + "е", s + "у", ins, s + "е")
    if nom.endswith("й"):
        s = nom[:-1]
        return (nom, s + "я", s + "ю", nom, s + "ем", s + "е")
    return (nom, nom + "а", nom + "у", nom, nom + "ом", nom + "е")


def ru_in(word):
    """The preposition "в" or "во" before a word."""
    return "во" if word[:2] in ("Фр", "Вь", "Вл") else "в"


def ru_adj(masc):
    """Feminine nominative, feminine genitive, genitive plural and neuter
    nominative of a Russian adjective in -ский/-цкий."""
    s = masc[:-2]
    return {"m": masc, "f": s + "ая", "fg": s + "ой", "pg": s + "их", "n": s + "ое",
            "mg": s + "ого", "pn": s + "ие"}


class Country:
    __slots__ = ("id", "en", "dem", "ru", "rg", "rd", "ra", "ri", "rp", "radj", "cap", "rcap",
                 "focus", "idx")

    def __init__(self, idx, row):
        cid, en, dem, ru, rdem, cap, rcap = row
        self.idx = idx
        self.id, self.en, self.dem, self.cap, self.rcap = cid, en, dem, cap, rcap
        self.ru, self.rg, self.rd, self.ra, self.ri, self.rp = ru_cases(ru)
        self.radj = ru_adj(rdem)
        self.focus = cid in FOCUS
        if en in ("United States", "United Kingdom", "Czech Republic"):
            self.en = "the " + en


CTRY = [Country(i, r) for i, r in enumerate(COUNTRIES)]
CTRY_WEIGHTS = []
_acc = 0
for _c in CTRY:
    _acc += 6 if _c.focus else 1
    CTRY_WEIGHTS.append(_acc)

# ---------------------------------------------------------------------------
# Generated names. An entity is a number; its name, country and kind follow
# from the number alone, so the same number names the same entity in every
# article (and in both languages) without any table of entities in memory.

# Syllables with their Cyrillic spelling: company and surname stems.
SYL = [
    ("vel", "вел"), ("tro", "тро"), ("kar", "кар"), ("sen", "сен"), ("dor", "дор"),
    ("mer", "мер"), ("tal", "тал"), ("ven", "вен"), ("bar", "бар"), ("kos", "кос"),
    ("lin", "лин"), ("mar", "мар"), ("nor", "нор"), ("pol", "пол"), ("ras", "рас"),
    ("sol", "сол"), ("tem", "тем"), ("ur", "ур"), ("vas", "вас"), ("zen", "зен"),
    ("al", "ал"), ("bel", "бел"), ("dan", "дан"), ("gor", "гор"), ("hal", "хал"),
    ("ir", "ир"), ("kel", "кел"), ("lor", "лор"), ("mon", "мон"), ("nes", "нес"),
    ("or", "ор"), ("ren", "рен"), ("sar", "сар"), ("tor", "тор"), ("var", "вар"),
    ("ber", "бер"), ("dal", "дал"), ("fer", "фер"), ("gal", "гал"), ("kan", "кан"),
    ("lan", "лан"), ("mir", "мир"), ("nar", "нар"), ("pan", "пан"), ("rin", "рин"),
    ("sen", "сен"), ("tar", "тар"), ("ves", "вес"), ("zar", "зар"), ("ton", "тон"),
]
SYL_TAIL = [
    ("a", "а"), ("on", "он"), ("ex", "екс"), ("is", "ис"), ("ia", "ия"), ("o", "о"),
    ("an", "ан"), ("en", "ен"), ("ix", "икс"), ("um", "ум"), ("et", "ет"), ("ar", "ар"),
]
# Industry words of company names, English and the Russian transliteration used in quotes.
INDUSTRY = [
    ("Machinery", "Машинери"), ("Agro", "Агро"), ("Steel", "Стил"), ("Energy", "Энерджи"),
    ("Logistics", "Логистикс"), ("Foods", "Фудс"), ("Textile", "Текстайл"), ("Chemicals", "Кемикалс"),
    ("Mining", "Майнинг"), ("Pharma", "Фарма"), ("Construction", "Констракшн"), ("Auto", "Авто"),
    ("Electric", "Электрик"), ("Petroleum", "Петролеум"), ("Cement", "Цемент"), ("Trade", "Трейд"),
    ("Telecom", "Телеком"), ("Grain", "Грейн"), ("Metals", "Металс"), ("Solar", "Солар"),
]
# Words that end an English company name and make the extractor see a company.
CO_TAIL = ["Group", "Holding", "Company", "Corporation", "LLC", "JSC", "Works", "Plant", "Motors", "Ltd"]
# Products by industry: English plural, Russian accusative plural, Russian genitive plural.
PRODUCTS = {
    "Machinery": [("tractors", "тракторы", "тракторов"), ("harvesters", "комбайны", "комбайнов"),
                  ("excavators", "экскаваторы", "экскаваторов")],
    "Agro": [("wheat", "пшеницу", "пшеницы"), ("fertilizers", "удобрения", "удобрений"),
             ("seeds", "семена", "семян")],
    "Steel": [("rolled steel", "металлопрокат", "металлопроката"), ("pipes", "трубы", "труб")],
    "Energy": [("transformers", "трансформаторы", "трансформаторов"), ("turbines", "турбины", "турбин")],
    "Logistics": [("containers", "контейнеры", "контейнеров")],
    "Foods": [("dairy products", "молочную продукцию", "молочной продукции"),
              ("vegetable oil", "растительное масло", "растительного масла")],
    "Textile": [("cotton yarn", "хлопковую пряжу", "хлопковой пряжи"), ("fabrics", "ткани", "тканей")],
    "Chemicals": [("polymers", "полимеры", "полимеров"), ("fertilizers", "удобрения", "удобрений")],
    "Mining": [("copper concentrate", "медный концентрат", "медного концентрата"), ("coal", "уголь", "угля")],
    "Pharma": [("medicines", "лекарства", "лекарств"), ("vaccines", "вакцины", "вакцин")],
    "Construction": [("building materials", "стройматериалы", "стройматериалов")],
    "Auto": [("trucks", "грузовики", "грузовиков"), ("buses", "автобусы", "автобусов")],
    "Electric": [("cables", "кабели", "кабелей"), ("electric motors", "электродвигатели", "электродвигателей")],
    "Petroleum": [("petroleum products", "нефтепродукты", "нефтепродуктов"), ("lubricants", "смазочные масла", "смазочных масел")],
    "Cement": [("cement", "цемент", "цемента"), ("clinker", "клинкер", "клинкера")],
    "Trade": [("consumer goods", "потребительские товары", "потребительских товаров")],
    "Telecom": [("network equipment", "сетевое оборудование", "сетевого оборудования")],
    "Grain": [("wheat", "пшеницу", "пшеницы"), ("barley", "ячмень", "ячменя")],
    "Metals": [("aluminium", "алюминий", "алюминия"), ("copper wire", "медную проволоку", "медной проволоки")],
    "Solar": [("solar panels", "солнечные панели", "солнечных панелей")],
}
# Russian heads before a quoted company name: nominative, genitive, accusative, instrumental.
RU_HEADS = [
    ("компания", "компании", "компанию", "компанией"),
    ("холдинг", "холдинга", "холдинг", "холдингом"),
    ("завод", "завода", "завод", "заводом"),
    ("корпорация", "корпорации", "корпорацию", "корпорацией"),
    ("концерн", "концерна", "концерн", "концерном"),
]

GIVEN = [
    ("Aidar", "Айдар"), ("Nurlan", "Нурлан"), ("Arslan", "Арслан"), ("Timur", "Тимур"),
    ("Rustam", "Рустам"), ("Ruslan", "Руслан"), ("Bakhtiyar", "Бахтияр"), ("Erlan", "Ерлан"),
    ("Azamat", "Азамат"), ("Daniyar", "Данияр"), ("Farkhad", "Фархад"), ("Ilham", "Ильхам"),
    ("Kamran", "Камран"), ("Murat", "Мурат"), ("Oleg", "Олег"), ("Roman", "Роман"),
    ("Igor", "Игорь"), ("Artur", "Артур"), ("Viktor", "Виктор"), ("Boris", "Борис"),
    ("Anton", "Антон"), ("Denis", "Денис"), ("Stepan", "Степан"), ("Vadim", "Вадим"),
    ("Marat", "Марат"), ("Askar", "Аскар"), ("Bolat", "Болат"), ("Samat", "Самат"),
    ("Kairat", "Кайрат"), ("Zaur", "Заур"), ("Elnur", "Эльнур"), ("Anvar", "Анвар"),
    ("Jamshid", "Джамшид"), ("Bekzod", "Бекзод"), ("Tigran", "Тигран"), ("Levan", "Леван"),
    ("Goran", "Горан"), ("Milan", "Милан"), ("Stefan", "Стефан"), ("Adrian", "Адриан"),
    ("Martin", "Мартин"), ("Robert", "Роберт"), ("Tomas", "Томас"), ("Lukas", "Лукас"),
    ("Emir", "Эмир"), ("Kemal", "Кемаль"), ("Hakan", "Хакан"), ("Reza", "Реза"),
]
# Surname endings: English, Russian nominative, Russian instrumental.
SURNAME_END = [
    ("ov", "ов", "овым"), ("ev", "ев", "евым"), ("in", "ин", "иным"), ("bekov", "беков", "бековым"),
    ("baev", "баев", "баевым"), ("aliev", "алиев", "алиевым"), ("enko", "енко", "енко"),
    ("yan", "ян", "яном"), ("ski", "ски", "ски"), ("ovic", "ович", "овичем"), ("ani", "ани", "ани"),
    ("er", "ер", "ером"), ("man", "ман", "маном"), ("oglu", "оглу", "оглу"),
]

NC = len(CTRY)
_M_CO = len(SYL) * len(SYL_TAIL) * len(INDUSTRY) * len(CO_TAIL) * (len(SYL) + 1)
_M_PE = len(GIVEN) * len(SYL) * len(SYL) * len(SURNAME_END) * (len(SYL) + 1)
_MUL = 1000003  # prime, coprime to both moduli: a permutation of the name space


def _digits(n, radices):
    out = []
    for r in radices:
        n, d = divmod(n, r)
        out.append(d)
    return out


class Company:
    __slots__ = ("cid", "en", "ru", "head", "ctry", "industry", "products", "plant")

    def __init__(self, cid, plant=False):
        self.cid = cid
        a, t, ind, tail, b = _digits((cid * _MUL + 12345) % _M_CO,
                                     (len(SYL), len(SYL_TAIL), len(INDUSTRY), len(CO_TAIL), len(SYL) + 1))
        stem_en = SYL[a][0].capitalize() + (SYL[b - 1][0] if b else "") + SYL_TAIL[t][0]
        stem_ru = SYL[a][1].capitalize() + (SYL[b - 1][1] if b else "") + SYL_TAIL[t][1]
        ind_en, ind_ru = INDUSTRY[ind]
        self.ctry = CTRY[cid % NC]
        self.industry = ind_en
        self.products = PRODUCTS[ind_en]
        tail_word = CO_TAIL[tail] if not plant else ("Plant", "Works")[tail % 2]
        self.plant = tail_word in ("Plant", "Works")
        self.en = f"{stem_en} {ind_en} {tail_word}"
        self.ru = f"«{stem_ru} {ind_ru}»"
        self.head = RU_HEADS[2 if self.plant else (cid // NC) % len(RU_HEADS)]


# Official ranks by person number within a country: (count, English title, Russian
# nominative, Russian instrumental). Minister titles carry a portfolio.
PORTFOLIOS = [
    ("Economy", "экономики"), ("Foreign Affairs", "иностранных дел"), ("Energy", "энергетики"),
    ("Finance", "финансов"), ("Trade", "торговли"), ("Industry and Trade", "промышленности и торговли"),
    ("Agriculture", "сельского хозяйства"), ("Transport", "транспорта"),
]
RANKS = [
    (2, "President", "президент", "президентом"),
    (2, "Prime Minister", "премьер-министр", "премьер-министром"),
    (6, "Deputy Prime Minister", "вице-премьер", "вице-премьером"),
    (40, "Minister", "министр", "министром"),
]
N_OFFICIALS = sum(r[0] for r in RANKS)
EXPERT_BASE = 1000  # person numbers within a country from here on are experts
CEO_BASE = 10_000_000  # person number of a company's chief executive: CEO_BASE + company number


class Person:
    __slots__ = ("en", "ru", "ru_ins", "sur_en", "sur_ru", "ctry", "title_en", "title_ru",
                 "title_ru_ins", "dem_title_en")

    def __init__(self, pid, ctry=None):
        g, a, end, b, _ = _digits((pid * _MUL + 777) % _M_PE,
                                  (len(GIVEN), len(SYL), len(SURNAME_END), len(SYL) + 1, 1 << 30))
        ge, gr = GIVEN[g]
        se = SYL[a][0].capitalize() + (SYL[b - 1][0] if b else "") + SURNAME_END[end][0]
        sr = SYL[a][1].capitalize() + (SYL[b - 1][1] if b else "") + SURNAME_END[end][1]
        sr_ins = SYL[a][1].capitalize() + (SYL[b - 1][1] if b else "") + SURNAME_END[end][2]
        if gr.endswith("ь"):
            gr_ins = gr[:-1] + "ем"
        elif gr.endswith("а"):
            gr_ins = gr[:-1] + "ой"
        else:
            gr_ins = gr + "ом"
        self.en, self.ru, self.ru_ins = f"{ge} {se}", f"{gr} {sr}", f"{gr_ins} {sr_ins}"
        self.sur_en, self.sur_ru = se, sr
        self.ctry = ctry
        self.title_en = self.title_ru = self.title_ru_ins = self.dem_title_en = None


def official(c, k):
    """Person number k (< N_OFFICIALS) among the officials of country c, with
    the title that goes before the name: "Minister of Energy of Kazakhstan"."""
    p = Person(k * NC + c.idx, c)
    for count, en, ru, ru_ins in RANKS:
        if k < count:
            break
        k -= count
    if en == "Minister":
        pe, pr = PORTFOLIOS[k % len(PORTFOLIOS)]
        p.title_en = f"Minister of {pe} of {c.en}"
        p.dem_title_en = f"{c.dem} Minister of {pe}" if pe != "Foreign Affairs" else f"{c.dem} Foreign Minister"
        p.title_ru = f"министр {pr} {c.rg}"
        p.title_ru_ins = f"министром {pr} {c.rg}"
    else:
        p.title_en = f"{en} of {c.en}"
        p.dem_title_en = f"{c.dem} {en}"
        p.title_ru = f"{ru} {c.rg}"
        p.title_ru_ins = f"{ru_ins} {c.rg}"
    return p

# ---------------------------------------------------------------------------
# Numbers, dates and periods.

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
MONTHS_RU_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]
MONTHS_RU_PREP = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                  "сентябре", "октябре", "ноябре", "декабре"]
QUARTER_EN = ["first", "second", "third"]
QUARTER_RU = ["первом", "втором", "третьем"]


def money_en(m, rng):
    """m in millions of US dollars."""
    if m >= 1000:
        v = f"{m / 1000:.1f}".replace(".0", "")
        return f"${v} billion" if rng.random() < 0.85 else f"US$ {v} billion"
    v = f"{m:.1f}".replace(".0", "")
    return f"${v} million" if rng.random() < 0.85 else f"US$ {v} million"


def money_ru(m):
    if m >= 1000:
        return f"{m / 1000:.1f}".replace(".0", "").replace(".", ",") + " млрд долларов"
    return f"{m:.1f}".replace(".0", "").replace(".", ",") + " млн долларов"


def period(rng, year, month):
    """A period before the article's date: (English, Russian, months covered)."""
    r = rng.random()
    if r < 0.45 or month <= 2:
        y = year - 1
        return f"in {y}", (f"в {y} году" if rng.random() < 0.5 else f"по итогам {y} года"), 12, y
    m = ri(rng, 2, month - 1)
    if r < 0.75:
        en = f"in January–{MONTHS_EN[m - 1]} {year}"
        ru = (f"в январе–{MONTHS_RU_PREP[m - 1]} {year} года" if rng.random() < 0.5
              else f"за {m} месяцев {year} года" if m >= 5 else f"за {m} месяца {year} года")
        return en, ru, m, year
    q = min(m // 3, 3)
    if q == 0:
        return f"in {year - 1}", f"в {year - 1} году", 12, year - 1
    return (f"in the {QUARTER_EN[q - 1]} quarter of {year}", f"в {QUARTER_RU[q - 1]} квартале {year} года",
            3, year)

# ---------------------------------------------------------------------------
# Sentences. A fact maker takes the article context and returns one sentence
# that states facts the extractor reads; filler sentences state none.

TOPICS_EN = ["industrial cooperation", "the joint production of agricultural machinery",
             "the development of transport corridors", "cooperation in the energy sector",
             "mutual protection of investments", "the avoidance of double taxation",
             "cooperation in the field of education", "the supply of electricity",
             "the construction of a logistics centre", "cooperation in healthcare",
             "the creation of a joint industrial zone", "customs cooperation",
             "digital trade", "cooperation in tourism", "food security"]
TOPICS_RU = ["промышленной кооперации", "совместном производстве сельхозтехники",
             "развитии транспортных коридоров", "сотрудничестве в энергетике",
             "взаимной защите инвестиций", "избежании двойного налогообложения",
             "сотрудничестве в сфере образования", "поставках электроэнергии",
             "строительстве логистического центра", "сотрудничестве в здравоохранении",
             "создании совместной индустриальной зоны", "таможенном сотрудничестве",
             "цифровой торговле", "сотрудничестве в сфере туризма", "продовольственной безопасности"]
SECTORS_EN = ["energy", "agriculture", "transport", "logistics", "textiles", "tourism", "mining",
              "pharmaceuticals", "construction", "information technology", "banking", "education",
              "food processing", "mechanical engineering", "chemicals", "renewable energy"]
SECTORS_RU = ["энергетике", "сельском хозяйстве", "транспорте", "логистике", "текстильной промышленности",
              "туризме", "горнодобывающей отрасли", "фармацевтике", "строительстве", "IT-сфере",
              "банковском секторе", "образовании", "пищевой промышленности", "машиностроении",
              "химической промышленности", "возобновляемой энергетике"]

FILLER_EN = [
    "The sides also discussed cooperation in {s1}, {s2} and {s3}.",
    "Particular attention was paid to the development of transport and logistics routes.",
    "The parties noted the considerable potential for expanding cooperation in {s1}.",
    "According to the ministry, the number of joint projects has grown steadily in recent years.",
    "Experts expect demand in the {s1} sector to keep growing next year.",
    "The meeting took place in a warm and constructive atmosphere.",
    "The next meeting of the intergovernmental commission is scheduled for next year.",
    "The parties agreed to step up contacts between business communities.",
    "Much remains to be done to remove barriers to trade, officials acknowledged.",
    "Logistics costs remain one of the main obstacles for exporters, analysts say.",
    "The growth was driven mainly by higher deliveries of {s1} products.",
    "\"We see great potential in {s1} and {s2}, and we count on business to take a more active part in joint projects,\" {sur} said.",
    "\"Our task is to make logistics cheaper and faster,\" {sur} added.",
    "{sur} noted that both sides are interested in increasing the share of high value-added goods.",
    "The sides exchanged views on regional and international issues of mutual interest.",
    "A business forum with the participation of more than {n} companies is planned for the autumn.",
    "Over the past five years, more than {n} enterprises with foreign capital have been registered.",
    "The agreements reached will be reflected in a roadmap, the statement said.",
    "Market participants say prices for {s1} services have risen by about {p} percent.",
    "The ministry said work on harmonising technical standards will continue.",
    "Representatives of regional administrations also took part in the talks.",
    "The delegation visited several industrial enterprises and a technology park.",
    "Officials said the figures confirm the positive dynamics of bilateral relations.",
    "Direct flights between the capitals resumed earlier this year.",
    "The share of national currencies in mutual settlements continues to grow.",
    "Both sides stressed the importance of simplifying procedures at the border.",
]
FILLER_RU = [
    "Стороны также обсудили сотрудничество в {s1}, {s2} и {s3}.",
    "Особое внимание было уделено развитию транспортно-логистических маршрутов.",
    "Стороны отметили значительный потенциал для расширения сотрудничества в {s1}.",
    "По данным министерства, число совместных проектов в последние годы стабильно растет.",
    "Эксперты ожидают дальнейшего роста спроса в {s1} в следующем году.",
    "Встреча прошла в теплой и конструктивной атмосфере.",
    "Очередное заседание межправительственной комиссии запланировано на следующий год.",
    "Стороны договорились активизировать контакты между деловыми кругами.",
    "Для устранения барьеров в торговле предстоит сделать еще многое, признали чиновники.",
    "Высокие логистические издержки остаются одним из главных препятствий для экспортеров, считают аналитики.",
    "Рост был обеспечен прежде всего увеличением поставок продукции.",
    "\"Мы видим большой потенциал в {s1} и {s2} и рассчитываем на более активное участие бизнеса в совместных проектах\", - сказал {sur}.",
    "\"Наша задача - сделать логистику дешевле и быстрее\", - добавил {sur}.",
    "{sur} отметил, что обе стороны заинтересованы в увеличении доли товаров с высокой добавленной стоимостью.",
    "Стороны обменялись мнениями по региональным и международным вопросам, представляющим взаимный интерес.",
    "На осень запланирован бизнес-форум с участием более {n} компаний.",
    "За последние пять лет зарегистрировано более {n} предприятий с иностранным капиталом.",
    "Достигнутые договоренности будут закреплены в дорожной карте, говорится в сообщении.",
    "По словам участников рынка, цены на услуги выросли примерно на {p}%.",
    "В министерстве сообщили, что работа по гармонизации технических стандартов будет продолжена.",
    "В переговорах также приняли участие представители региональных администраций.",
    "Делегация посетила несколько промышленных предприятий и технопарк.",
    "По словам официальных лиц, эти цифры подтверждают позитивную динамику двусторонних отношений.",
    "В начале года возобновилось прямое авиасообщение между столицами.",
    "Доля национальных валют во взаимных расчетах продолжает расти.",
    "Стороны подчеркнули важность упрощения процедур на границе.",
]


def pick(rng, seq):
    return seq[int(rng.random() * len(seq))]


def ri(rng, lo, hi):
    """A whole number from lo to hi inclusive."""
    return lo + int(rng.random() * (hi - lo + 1))


def cap(s):
    return s[:1].upper() + s[1:]


def ru_verb(c, masc, fem, plur):
    """The past-tense verb agreeing with a Russian country name."""
    if c.ru == "США":
        return plur
    if c.ru.endswith(("а", "я")) or c.ru == "Беларусь":
        return fem
    return masc


class Ctx:
    """Everything one article is about."""

    def __init__(self, rng, i, lang):
        self.rng, self.i, self.lang = rng, i, lang
        # Russian articles leave out two-word country names: the extractor
        # does not recognise them in oblique cases ("Южную Корею").
        a = b = None
        while a is None or lang == "ru" and " " in a.ru:
            a = CTRY[_pick_country(rng)]
        while b is None or b is a or lang == "ru" and " " in b.ru:
            b = CTRY[_pick_country(rng)]
        self.A, self.B = a, b
        self.year = ri(rng, 2016, 2024)
        self.month = ri(rng, 1, 12)
        self.day = ri(rng, 1, 28)
        # Entities come into the news over time: later articles draw from larger pools.
        self.co_pool = 8 + i // 40
        self.ex_pool = 4 + i // 150
        self.pA = official(a, self.rank(rng))
        self.pB = official(b, self.rank(rng))
        self.coA = _Companies(self, a)
        self.coB = _Companies(self, b)
        # Annual trade turnover in millions of dollars and the first party's export share.
        base = math.exp(rng.gauss(6.3, 1.1) + (0.8 if a.focus and b.focus else 0.0))
        self.turnover = max(12.0, base)
        self.share = rng.uniform(0.25, 0.75)
        self.surnames = []  # surnames of people already introduced, for quotes
        self.met = False  # whether the two officials have been named in full
        self.fillers = None

    @staticmethod
    def rank(rng):
        r = rng.random()
        return int(N_OFFICIALS * r * r * r)

    def company(self, c):
        r = self.rng.random()
        return Company(int(self.co_pool * r * r) * NC + c.idx)

    def plant(self, c):
        r = self.rng.random()
        return Company(int(self.co_pool * r * r) * NC + c.idx, plant=True)

    def expert(self, c):
        r = self.rng.random()
        return Person((EXPERT_BASE + int(self.ex_pool * r * r)) * NC + c.idx, c)

    @staticmethod
    def ceo(co):
        return Person(CEO_BASE + co.cid, co.ctry)

    def amount(self, months, scale=1.0):
        return self.turnover * scale * months / 12 * self.rng.uniform(0.85, 1.15)

    def pair(self):
        return (self.A, self.B) if self.rng.random() < 0.5 else (self.B, self.A)


class _Companies:
    """An article's companies of one country, drawn when first named."""

    def __init__(self, ctx, c):
        self.ctx, self.c, self.items = ctx, c, []

    def __getitem__(self, k):
        while len(self.items) <= k:
            self.items.append(self.ctx.company(self.c))
        return self.items[k]


def _pick_country(rng):
    x = rng.random() * CTRY_WEIGHTS[-1]
    lo, hi = 0, len(CTRY_WEIGHTS) - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if CTRY_WEIGHTS[mid] > x:
            hi = mid
        else:
            lo = mid + 1
    return lo


# --- English fact makers ------------------------------------------------------

def en_turnover(c):
    x, y = c.pair()
    pe, _, months, _ = c.per
    amt = money_en(c.amount(months), c.rng)
    r = c.rng.random()
    if r < 0.6:
        return f"Trade turnover between {x.en} and {y.en} amounted to {amt} {pe}."
    if r < 0.8:
        return f"Trade between {x.en} and {y.en} reached {amt} {pe}."
    return f"According to official statistics, trade between {x.en} and {y.en} totalled {amt} {pe}."


def en_turnover_prev(c):
    y = c.per[3] - 1
    amt = money_en(c.amount(12, 0.9), c.rng)
    if c.rng.random() < 0.5:
        return f"In {y}, the trade turnover between the two countries stood at {amt}."
    return f"Bilateral trade in {y} amounted to {amt}."


def en_exports(c):
    x, y = c.pair()
    pe, _, months, _ = c.per
    e = c.amount(months, c.share)
    i = c.amount(months, 1 - c.share)
    if c.rng.random() < 0.5:
        return (f"{cap(x.en)}'s exports to {y.en} {pe} amounted to {money_en(e, c.rng)}, "
                f"and imports from {y.en} to {money_en(i, c.rng)}.")
    return f"{x.dem} exports to {y.en} reached {money_en(e, c.rng)} {pe}."


def en_invest(c):
    x, y = c.B, c.A
    amt = money_en(c.amount(12, c.rng.uniform(0.1, 0.6)), c.rng)
    r = c.rng.random()
    if r < 0.4:
        return f"{x.dem} investments in {y.en} exceeded {amt} in {c.per[3]}."
    if r < 0.7:
        return f"{cap(x.en)} invested {amt} in {y.en} in {c.per[3]}."
    co = c.coB[2]
    return f"{x.dem} company {co.en} invested {amt} in a new production line in {y.en}."


def en_meet(c):
    a, b = c.pA, c.pB
    c.met = True
    c.surnames += [a.sur_en, b.sur_en]
    r = c.rng.random()
    if r < 0.5:
        return f"{a.title_en} {a.en} met with {b.title_en} {b.en} in {c.A.cap}."
    if r < 0.8:
        return f"{a.title_en} {a.en} held talks with {b.dem_title_en} {b.en}."
    return f"{b.dem_title_en} {b.en} met with {a.title_en} {a.en}."


def en_visit(c):
    b = c.pB
    c.surnames.append(b.sur_en)
    if c.rng.random() < 0.5:
        return f"{b.title_en} {b.en} paid an official visit to {c.A.en}."
    return f"{b.dem_title_en} {b.en} arrived in {c.A.cap} on a working visit."


def en_sign_companies(c):
    x, y = c.coA[0], c.coB[0]
    t = pick(c.rng, TOPICS_EN)
    r = c.rng.random()
    if r < 0.5:
        return f"{x.en} and {y.en} signed an agreement on {t}."
    if r < 0.75:
        return f"{x.ctry.dem} company {x.en} signed a contract with {y.en} on {t}."
    return f"A memorandum between {x.en} and {y.en} on {t} was also signed."


def en_sign_gov(c):
    t = pick(c.rng, TOPICS_EN)
    if c.met and c.rng.random() < 0.5:
        return (f"Following the talks, {c.pA.sur_en} and {c.pB.sur_en} signed a memorandum on {t}.")
    return f"{cap(c.A.en)} and {c.B.en} signed an intergovernmental agreement on {t}."


def en_supply(c):
    co = c.coB[1]
    prod = pick(c.rng, co.products)[0]
    r = c.rng.random()
    if r < 0.5:
        return f"{co.ctry.dem} company {co.en} supplies {prod} to {c.A.en}."
    if r < 0.75:
        return f"{co.en} delivered {ri(c.rng, 12, 900)} units of equipment to {c.coA[1].en} last year."
    return f"Supplies of {prod} from {c.B.en} to {c.A.en} increased by {ri(c.rng, 3, 60)} percent."


def en_assembly(c):
    co = c.coB[0]
    plant = c.plant(c.A)
    prod = pick(c.rng, co.products)[0]
    prod = pick(c.rng, ASSEMBLED)
    return f"{prod} of {co.ctry.dem} manufacturer {co.en} are assembled at the {plant.en}."


ASSEMBLED = ["Tractors", "Trucks", "Buses", "Harvesters", "Elevators", "Electric motors", "Cars"]


def en_joint(c):
    x, y = c.coA[2], c.coB[1]
    prod = pick(c.rng, x.products)[0]
    if c.rng.random() < 0.5:
        return (f"Cooperation between {x.en} and {y.en} resulted in a joint venture "
                f"that produces {prod} near {c.A.cap}.")
    return f"{x.en} is cooperating with {y.en} in {pick(c.rng, SECTORS_EN)}."


def en_partner(c):
    x, y = c.pair()
    if c.rng.random() < 0.5:
        return f"{cap(x.en)} is one of the main trade partners of {y.en}."
    return f"{cap(x.en)} and {y.en} have been developing a strategic partnership for many years."


def en_ceo(c):
    co = c.coA[0]
    p = c.ceo(co)
    c.surnames.append(p.sur_en)
    return (f"CEO of {co.en} {p.en} said the company plans to double its exports to "
            f"{c.B.en} within three years.")


def en_expert(c):
    p = c.expert(c.A)
    c.surnames.append(p.sur_en)
    return (f"{c.A.dem} expert {p.en} said that {c.A.en} and {c.B.en} are interested in "
            f"expanding cooperation in {pick(c.rng, SECTORS_EN)}.")


def en_forum(c):
    a = c.pA
    return (f"{a.title_en} {a.en} took part in the {c.A.dem}-{c.B.dem} Business Forum "
            f"held in {c.B.cap}.")


EN_FACTS = [
    (en_turnover, 10), (en_turnover_prev, 4), (en_exports, 7), (en_invest, 6), (en_meet, 8),
    (en_visit, 5), (en_sign_companies, 7), (en_sign_gov, 5), (en_supply, 7), (en_assembly, 3),
    (en_joint, 5), (en_partner, 5), (en_ceo, 4), (en_expert, 4), (en_forum, 3),
]


# --- Russian fact makers ------------------------------------------------------

def ru_o(t):
    """The preposition "о" or "об" before a word."""
    return ("об " if t[0] in "аеиоуэ" else "о ") + t


def ru_turnover(c):
    x, y = c.pair()
    _, pr, months, _ = c.per
    amt = money_ru(c.amount(months))
    r = c.rng.random()
    if r < 0.6:
        return f"Товарооборот между {x.ri} и {y.ri} {pr} составил {amt}."
    if r < 0.8:
        return f"{cap(pr)} товарооборот между {x.ri} и {y.ri} достиг {amt}."
    return f"По данным статистики, товарооборот между {x.ri} и {y.ri} {pr} составил {amt}."


def ru_turnover_prev(c):
    y = c.per[3] - 1
    amt = money_ru(c.amount(12, 0.9))
    if c.rng.random() < 0.5:
        return f"В {y} году товарооборот между двумя странами составил {amt}."
    return f"По итогам {y} года объем взаимной торговли составил {amt}."


def ru_exports(c):
    x, y = c.pair()
    _, pr, months, _ = c.per
    e = money_ru(c.amount(months, c.share))
    if c.rng.random() < 0.6:
        return f"Экспорт {x.rg} {ru_in(y.ra)} {y.ra} {pr} составил {e}."
    return f"{cap(x.radj['m'])} экспорт {ru_in(y.ra)} {y.ra} {pr} достиг {e}."


def ru_invest(c):
    x, y = c.B, c.A
    amt = money_ru(c.amount(12, c.rng.uniform(0.1, 0.6)))
    r = c.rng.random()
    if r < 0.5:
        return f"Объем {x.radj['pg']} инвестиций в экономику {y.rg} превысил {amt}."
    verb = ru_verb(x, "инвестировал", "инвестировала", "инвестировали")
    return f"{x.ru} {verb} {ru_in(y.ra)} {y.ra} {amt} в {c.per[3]} году."


def ru_meet(c):
    a, b = c.pA, c.pB
    c.met = True
    c.surnames += [a.sur_ru, b.sur_ru]
    if c.rng.random() < 0.7:
        return f"{cap(a.title_ru)} {a.ru} встретился с {b.title_ru_ins} {b.ru_ins}."
    return f"{cap(b.title_ru)} {b.ru} провел переговоры с {a.title_ru_ins} {a.ru_ins}."


def ru_visit(c):
    b = c.pB
    c.surnames.append(b.sur_ru)
    if c.rng.random() < 0.5:
        return f"{cap(b.title_ru)} {b.ru} посетил {c.A.ra} с официальным визитом."
    return f"{cap(b.title_ru)} {b.ru} прибыл {ru_in(c.A.ra)} {c.A.ra} с рабочим визитом."


def ru_sign_companies(c):
    x, y = c.coA[0], c.coB[0]
    t = pick(c.rng, TOPICS_RU)
    return f"{x.en} и {y.en} подписали соглашение {ru_o(t)}."


def ru_sign_gov(c):
    t = pick(c.rng, TOPICS_RU)
    if c.met and c.rng.random() < 0.5:
        return f"По итогам переговоров {c.pA.sur_ru} и {c.pB.sur_ru} подписали меморандум {ru_o(t)}."
    return f"{c.A.ru} и {c.B.ru} подписали межправительственное соглашение {ru_o(t)}."


def ru_supply(c):
    co = c.coB[1]
    _, acc, gen = pick(c.rng, co.products)
    r = c.rng.random()
    if r < 0.5:
        h = co.head[0]
        adj = co.ctry.radj["f" if h in ("компания", "корпорация") else "m"]
        return f"{cap(adj)} {h} {co.ru} поставляет {acc} {ru_in(c.A.ra)} {c.A.ra}."
    return (f"Поставки {gen} из {c.B.rg} {ru_in(c.A.ra)} {c.A.ra} выросли на "
            f"{ri(c.rng, 3, 60)}%.")


def ru_joint(c):
    x, y = c.A, c.B
    if c.rng.random() < 0.5:
        return f"Сотрудничество между {x.ri} и {y.ri} развивается по многим направлениям."
    return f"{x.ru} является важным торговым партнером {y.rg}."


def ru_expert(c):
    p = c.expert(c.A)
    c.surnames.append(p.sur_ru)
    return (f"{cap(c.A.radj['m'])} эксперт {p.ru} отметил, что обе страны заинтересованы "
            f"в расширении сотрудничества в {pick(c.rng, SECTORS_RU)}.")


RU_FACTS = [
    (ru_turnover, 10), (ru_turnover_prev, 4), (ru_exports, 7), (ru_invest, 6), (ru_meet, 8),
    (ru_visit, 5), (ru_sign_companies, 6), (ru_sign_gov, 5), (ru_supply, 7), (ru_joint, 6),
    (ru_expert, 4),
]


# ---------------------------------------------------------------------------
# Articles.

TITLES_EN = [
    lambda c: f"{cap(c.A.en)} and {c.B.en} discuss trade and investment",
    lambda c: f"{cap(c.A.en)}, {c.B.en} sign agreements to expand cooperation",
    lambda c: f"{c.A.dem}-{c.B.dem} trade keeps growing",
    lambda c: f"{cap(c.B.en)} eyes bigger share of {c.A.dem} market",
    lambda c: f"Officials of {c.A.en} and {c.B.en} meet in {c.A.cap}",
    lambda c: f"New projects announced as {c.A.en} and {c.B.en} step up ties",
]
TITLES_RU = [
    lambda c: f"{c.A.ru} и {c.B.ru} обсудили торгово-экономическое сотрудничество",
    lambda c: f"{c.A.ru} и {c.B.ru} расширяют сотрудничество",
    lambda c: f"Товарооборот {c.A.rg} и {c.B.rg} продолжает расти",
    lambda c: f"{c.B.ru} наращивает присутствие на рынке {c.A.rg}",
]


def title_en(c, rng):
    return pick(rng, TITLES_EN)(c)


def title_ru(c, rng):
    return pick(rng, TITLES_RU)(c)


def _weighted_sample(rng, items, k):
    """k distinct makers, drawn by weight."""
    pool = list(items)
    total = sum(w for _, w in pool)
    out = []
    while pool and len(out) < k:
        x = rng.random() * total
        for j, (f, w) in enumerate(pool):
            x -= w
            if x < 0:
                break
        out.append(f)
        total -= pool[j][1]
        del pool[j]
    return out


def filler(rng, lang, c):
    table = FILLER_EN if lang == "en" else FILLER_RU
    if c.fillers is None:
        c.fillers = [int(rng.random() * len(table)), pick(rng, (1, 3, 5, 7, 9, 11))]
    k = c.fillers[0] = (c.fillers[0] + c.fillers[1]) % len(table)
    t = table[k]
    sectors = SECTORS_EN if lang == "en" else SECTORS_RU
    if "{" not in t:
        return t
    n = len(sectors)
    j = int(rng.random() * n)
    s1, s2, s3 = sectors[j], sectors[(j + 3) % n], sectors[(j + 7) % n]
    sur = pick(rng, c.surnames) if c.surnames else None
    if sur is None and "{sur}" in t:
        return pick(rng, FILLER_EN[:3] if lang == "en" else FILLER_RU[:3]).format(
            s1=s1, s2=s2, s3=s3)
    return t.format(s1=s1, s2=s2, s3=s3, sur=sur, n=ri(rng, 20, 400), p=ri(rng, 3, 25))


def words(s):
    return s.count(" ") + 1


class _Pair:
    """Two countries, enough for a headline."""

    def __init__(self, rng):
        self.A = CTRY[_pick_country(rng)]
        self.B = self.A
        while self.B is self.A:
            self.B = CTRY[_pick_country(rng)]


class Article:
    __slots__ = ("i", "lang", "date", "title", "paragraphs", "url", "nav", "words")


OUTLETS = ["eurasia-business.example", "tradewire.example", "caspian-news.example",
           "silkroad-economy.example", "delovoy-vestnik.example"]


def make_article(seed, i, ru_share, with_nav=False):
    rng = random.Random((seed << 40) + i)
    lang = "ru" if rng.random() < ru_share else "en"
    c = Ctx(rng, i, lang)
    c.per = period(rng, c.year, c.month)
    target = min(600, max(120, int(rng.lognormvariate(math.log(215), 0.42))))
    facts = EN_FACTS if lang == "en" else RU_FACTS
    k = max(3, min(len(facts), round(target / 33 + rng.uniform(-1, 1))))
    makers = _weighted_sample(rng, facts, k)
    # The lead states the main news: a trade figure or a meeting.
    lead = (en_turnover if lang == "en" else ru_turnover) if rng.random() < 0.55 else (
        en_meet if lang == "en" else ru_meet)
    if lead in makers:
        makers.remove(lead)
    makers.insert(0, lead)
    if lang == "en":
        dateline = f"{c.A.cap}, {MONTHS_EN[c.month - 1]} {c.day} – "
    else:
        dateline = f"{c.A.rcap.upper()}, {c.day} {MONTHS_RU_GEN[c.month - 1]}. "
    paragraphs = []
    n_words = 0
    mi = 0
    while mi < len(makers) or n_words < target:
        sents = []
        if mi < len(makers):
            take = 1 if rng.random() < 0.5 else 2
            for f in makers[mi:mi + take]:
                sents.append(f(c))
            mi += take
        for _ in range(ri(rng, 0, 2) if mi < len(makers) else ri(rng, 1, 3)):
            sents.append(filler(rng, lang, c))
        if not sents:
            continue
        if mi >= len(makers) and n_words + sum(words(s) for s in sents) > target + 60 and paragraphs:
            break
        p = " ".join(sents)
        if not paragraphs:
            p = dateline + p
        paragraphs.append(p)
        n_words += words(p)
    a = Article()
    a.i, a.lang, a.paragraphs = i, lang, paragraphs
    a.date = f"{c.year:04d}-{c.month:02d}-{c.day:02d}"
    a.title = title_en(c, rng) if lang == "en" else title_ru(c, rng)
    a.url = (f"https://{OUTLETS[i % len(OUTLETS)]}/{lang}/{c.year}/{c.month:02d}/"
             f"{c.A.id}-{c.B.id}-{i:07d}.html")
    a.words = n_words + words(a.title)
    # Unrelated headlines for the page's navigation, sidebar and footer (drawn
    # last, so the article itself is the same with or without them).
    nav = []
    for _ in range(6 if with_nav else 0):
        o = _Pair(rng)
        nav.append(title_en(o, rng) if lang == "en" else title_ru(o, rng))
    a.nav = nav
    return a


# ---------------------------------------------------------------------------
# Output formats. Each writer takes articles one by one and returns the bytes
# it wrote.

def html_escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def render_txt(a):
    return f" date {a.date}\n{a.title}\n\n" + "\n\n".join(a.paragraphs) + "\n"


def render_html(a):
    e = html_escape
    nav = a.nav
    more = "Ещё новости" if a.lang == "ru" else "More news"
    parts = [
        f'<!DOCTYPE html>\n<html lang="{a.lang}">\n<head>\n<meta charset="utf-8">\n',
        f"<title>{e(a.title)}</title>\n",
        f'<meta property="article:published_time" content="{a.date}">\n</head>\n<body>\n',
        '<header><nav class="menu"><ul>',
        "".join(f'<li><a href="/news/{a.i}-{k}">{e(h)}</a></li>' for k, h in enumerate(nav[:3])),
        "</ul></nav></header>\n<main>\n<article>\n",
        f"<h1>{e(a.title)}</h1>\n",
        f'<time datetime="{a.date}">{a.date}</time>\n',
        "".join(f"<p>{e(p)}</p>\n" for p in a.paragraphs),
        "</article>\n</main>\n",
        f'<aside class="sidebar"><h2>{more}</h2><ul>',
        "".join(f'<li><a href="/news/{a.i}-s{k}">{e(h)}</a></li>' for k, h in enumerate(nav[3:])),
        "</ul></aside>\n",
        f'<footer><p>{e(nav[0])}</p><p>© {a.date[:4]} {a.url.split("/")[2]}</p></footer>\n',
        "</body>\n</html>\n",
    ]
    return "".join(parts)


class TxtWriter:
    def __init__(self, path):
        self.root = path
        os.makedirs(path, exist_ok=True)
        self.dir = None

    def write(self, a):
        d = os.path.join(self.root, f"{a.i // 1000:04d}")
        if d != self.dir:
            os.makedirs(d, exist_ok=True)
            self.dir = d
        data = render_txt(a).encode("utf-8")
        fd = os.open(os.path.join(d, f"{a.i:07d}.txt"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
        return len(data)

    def close(self):
        pass


# Fast compression: the corpus is for reading benchmarks, and level 1 keeps
# generation near the speed of the uncompressed formats.
GZIP_LEVEL = 1


def _gzip_stream(f):
    # mtime=0 and no file name: the same articles give the same bytes.
    return gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=GZIP_LEVEL)


class JsonlWriter:
    def __init__(self, path, compress):
        self.raw = open(path, "wb")
        self.f = _gzip_stream(self.raw) if compress else self.raw

    def write(self, a):
        rec = {"url": a.url, "title": a.title, "date": a.date, "lang": a.lang,
               "text": "\n\n".join(a.paragraphs)}
        data = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
        self.f.write(data)
        return len(data)

    def close(self):
        if self.f is not self.raw:
            self.f.close()
        self.raw.close()


def _b32_sha1(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


class WarcWriter:
    """WARC/1.0: a warcinfo record, then one response record per article; with
    compression each record is its own gzip member, as in Common Crawl."""

    def __init__(self, path, compress, seed):
        self.f = open(path, "wb")
        self.compress = compress
        self.rng = random.Random(seed ^ 0x5A5A)
        name = os.path.basename(path)
        body = (f"software: newskg benches/scale/gen_corpus.py\r\n"
                f"format: WARC File Format 1.0\r\n"
                f"conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
                f"description: synthetic news articles, seed {seed}\r\n").encode("utf-8")
        self.info_id = self._uuid()
        head = (f"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
                f"WARC-Filename: {name}\r\nWARC-Record-ID: {self.info_id}\r\n"
                f"Content-Type: application/warc-fields\r\nContent-Length: {len(body)}\r\n\r\n")
        self.bytes = self._record(head.encode("ascii") + body + b"\r\n\r\n")

    def _uuid(self):
        return f"<urn:uuid:{uuid.UUID(int=self.rng.getrandbits(128), version=4)}>"

    def _record(self, data):
        if self.compress:
            data = gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)
        self.f.write(data)
        return len(data)

    def write(self, a):
        html = render_html(a).encode("utf-8")
        stamp = f"{a.date}T{(a.i * 7) % 24:02d}:{(a.i * 13) % 60:02d}:{(a.i * 17) % 60:02d}Z"
        http = (f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(html)}\r\nConnection: close\r\n\r\n").encode("ascii") + html
        head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {a.url}\r\n"
                f"WARC-Date: {stamp}\r\nWARC-Record-ID: {self._uuid()}\r\n"
                f"WARC-Warcinfo-ID: {self.info_id}\r\n"
                f"WARC-Payload-Digest: {_b32_sha1(html)}\r\n"
                f"Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n").encode("ascii")
        return self._record(head + http + b"\r\n\r\n")

    def close(self):
        self.f.close()


def open_writer(fmt, path, seed):
    if fmt == "txt":
        return TxtWriter(path)
    if fmt in ("jsonl", "jsonl.gz"):
        return JsonlWriter(path, fmt.endswith(".gz"))
    return WarcWriter(path, fmt.endswith(".gz"), seed)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, required=True, help="number of articles to write")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--format", choices=["txt", "jsonl", "jsonl.gz", "warc", "warc.gz"], default="txt")
    ap.add_argument("--out", required=True,
                    help="output folder (txt) or file (jsonl, jsonl.gz, warc, warc.gz)")
    ap.add_argument("--ru-share", type=float, default=0.3,
                    help="share of Russian articles, 0..1 (default 0.3)")
    args = ap.parse_args(argv)
    if args.articles < 0 or not 0.0 <= args.ru_share <= 1.0 or args.seed < 0:
        ap.error("--articles and --seed must be >= 0 and --ru-share within 0..1")
    if args.format != "txt":
        parent = os.path.dirname(os.path.abspath(args.out))
        os.makedirs(parent, exist_ok=True)
    t0 = time.perf_counter()
    w = open_writer(args.format, args.out, args.seed)
    total_bytes = getattr(w, "bytes", 0)
    total_words = 0
    langs = {"en": 0, "ru": 0}
    with_nav = args.format.startswith("warc")
    try:
        for i in range(args.articles):
            a = make_article(args.seed, i, args.ru_share, with_nav)
            total_bytes += w.write(a)
            total_words += a.words
            langs[a.lang] += 1
    finally:
        w.close()
    if args.format.endswith(".gz"):
        total_bytes = os.path.getsize(args.out)
    dt = time.perf_counter() - t0
    rate = args.articles / dt if dt > 0 else 0.0
    print(f"gen_corpus: {args.articles} articles ({langs['en']} en, {langs['ru']} ru), "
          f"{total_words} words, {total_bytes} bytes, {dt:.2f} s ({rate:.0f} articles/s) "
          f"-> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
