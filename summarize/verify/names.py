"""People and places a claim names: capitalised words in
English, a gazetteer of countries and cities both ways."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .dates import MONTHS, WEEKDAYS
from ..arabic import is_mark
from .text import alt, fold, key, span

# English name -> Arabic spellings (folded at load). Enough
# to tell a swapped country or capital across languages.
_PLACES = """Syria:سوريا,سورية,سوري|Russia:روسيا|Iran:إيران|Iraq:العراق|Egypt:مصر|Jordan:الأردن
|Lebanon:لبنان|Israel:إسرائيل|Palestine:فلسطين|Gaza:غزة|Turkey:تركيا|Saudi:السعودية|Qatar:قطر
|Kuwait:الكويت|Bahrain:البحرين|Oman:عمان|Yemen:اليمن|Libya:ليبيا|Tunisia:تونس|Algeria:الجزائر
|Morocco:المغرب|Sudan:السودان|France:فرنسا|Germany:ألمانيا|Britain:بريطانيا|China:الصين
|Japan:اليابان|India:الهند|Pakistan:باكستان|Afghanistan:أفغانستان|Ukraine:أوكرانيا|Italy:إيطاليا
|Spain:إسبانيا|Chile:تشيلي|Mexico:المكسيك|Canada:كندا|Brazil:البرازيل|America:أمريكا,أميركا
|Washington:واشنطن|Moscow:موسكو|Damascus:دمشق|Beirut:بيروت|Baghdad:بغداد|Cairo:القاهرة|Amman:عمان
|Riyadh:الرياض|Doha:الدوحة|Tehran:طهران|Ankara:أنقرة|Istanbul:إسطنبول|Paris:باريس|London:لندن
|Berlin:برلين|Beijing:بكين|Aleppo:حلب|Homs:حمص|Jerusalem:القدس|Dubai:دبي|Tunis:تونس|Algiers:الجزائر
|Rabat:الرباط|Khartoum:الخرطوم|Tripoli:طرابلس|Kabul:كابول|Kyiv:كييف|Sanaa:صنعاء|Mosul:الموصل
|Basra:البصرة|Alexandria:الإسكندرية|Benghazi:بنغازي|Raqqa:الرقة|Idlib:إدلب|Daraa:درعا
|Latakia:اللاذقية|Hasakah:الحسكة|Douma:دوما|Oran:وهران|Constantine:قسنطينة|Biskra:بسكرة|Chlef:الشلف
|Nouakchott:نواكشوط|Mauritania:موريتانيا|Jakarta:جاكرتا|Indonesia:إندونيسيا|Sumatra:سومطرة|Java:جاوة
|Mongolia:منغوليا|Nigeria:نيجيريا|Abuja:أبوجا|Lagos:لاغوس|Emirates:الإمارات|UAE:الإمارات
|Belgium:بلجيكا|Netherlands:هولندا|Greece:اليونان|Australia:أستراليا|Switzerland:سويسرا
|Sweden:السويد|Portugal:البرتغال|Korea:كوريا"""
_AR_OF: dict[str, list[str]] = {}
_EN_OF: dict[str, list[str]] = {}
for _entry in _PLACES.replace("\n", "").split("|"):
    _en, _ars = _entry.split(":")
    _AR_OF[key(_en)] = [key(a) for a in _ars.split(",")]
    for _a in _ars.split(","):
        _EN_OF.setdefault(key(_a), []).append(key(_en))
# The Arabic adjective of each country of the gazetteer, as its name makes it (بريطانيا: بريطاني,
# العراق: عراقي, هولندا: هولندي) or as usage has it, keyed without the article: the place it names.
_COUNTRIES = """Syria Russia Iran Iraq Egypt Jordan Lebanon Israel Palestine Turkey Saudi Qatar
Kuwait Bahrain Yemen Libya Tunisia Algeria Morocco Sudan France Germany Britain China Japan India
Pakistan Ukraine Italy Spain Mexico Brazil America Mauritania Indonesia Mongolia Nigeria Belgium
Netherlands Greece Australia Switzerland Sweden Portugal Korea Emirates""".split()


def _adjective(place: str) -> str:
    """The Arabic adjective a place's name makes (folded): بريطانيا بريطاني, السعودية سعودي,
    هولندا هولندي, العراق عراقي."""
    if place == "المانيا":  # its first letters are no article
        return "الماني"
    bare = place.removeprefix("ال")
    if bare.endswith(("يا", "ية")):
        return bare[:-1]
    return (bare[:-1] if bare.endswith(("ا", "ة")) else bare) + "ي"


_DEMONYM_OF = {_adjective(_a): _a for _country in _COUNTRIES for _a in _AR_OF[key(_country)]}
_DEMONYM_OF[key("افغاني")] = _AR_OF[key("Afghanistan")][0]  # as often as أفغانستاني
# a country's adjective with the article or an ending of gender or number (البريطاني, بريطانية,
# الأمريكيون): bare, تركي and مصري are as often a person's name
_DEMONYM_RE = re.compile(r"(?<![^\W\d_])(?:[وبلفك]?ال|لل)?(?P<adj>[\u0621-\u064a]{3,}ي)"
                         r"(?P<end>ة|ون|ين|ان|تين|تان)?(?![^\W\d_])")


def _demonyms(folded: str) -> list[tuple[str, int, int]]:
    """(the country's Arabic name, start, end) of each adjective of a gazetteer country."""
    return [(_DEMONYM_OF[m["adj"]], m.start(), m.end()) for m in _DEMONYM_RE.finditer(folded)
            if m["adj"] in _DEMONYM_OF and (m["end"] or m.start("adj") > m.start())]


# A country or region and the words for its people and things ("the Pole", "Chinese travellers"):
# one name.
_KIN = """China Chinese|Poland Pole Poles Polish|America American Americans US USA States|Britain
British Briton Britons UK |France French Frenchman|Germany German Germans|Russia Russian
Russians|Iran Iranian Iranians|Iraq Iraqi Iraqis |Syria Syrian Syrians|Egypt Egyptian
Egyptians|Saudi Saudis Arabia|Emirates Emirati Emiratis UAE|Qatar Qatari Qataris |Kuwait Kuwaiti
Kuwaitis|Jordan Jordanian Jordanians|Lebanon Lebanese|Israel Israeli Israelis|Palestine Palestinian
Palestinians|Turkey Turkish Turk Turks|India Indian Indians|Pakistan Pakistani
Pakistanis|Afghanistan Afghan Afghans |Ukraine Ukrainian Ukrainians|Italy Italian Italians|Spain
Spanish Spaniard Spaniards|Japan Japanese|Korea Korean Koreans|Canada Canadian Canadians|Mexico
Mexican Mexicans|Brazil Brazilian Brazilians|Australia Australian Australians|Greece Greek
Greeks|Netherlands Dutch|Switzerland Swiss|Sweden Swedish Swede Swedes|Norway Norwegian
Norwegians|Denmark Danish Dane Danes|Belgium Belgian Belgians|Austria Austrian Austrians|Czech
Czechs|Hungary Hungarian Hungarians|Romania Romanian Romanians|Bulgaria Bulgarian Bulgarians|Serbia
Serbian Serb Serbs|Croatia Croatian Croat Croats|Bosnia Bosnian Bosnians|Georgia Georgian
Georgians|Armenia Armenian Armenians|Thailand Thai Thais|Vietnam Vietnamese|Indonesia Indonesian
Indonesians|Malaysia Malaysian Malaysians|Philippines Filipino Filipinos|Nigeria Nigerian
Nigerians|Kenya Kenyan Kenyans|Ethiopia Ethiopian Ethiopians|Sudan Sudanese|Libya Libyan
Libyans|Tunisia Tunisian Tunisians|Algeria Algerian Algerians|Morocco Moroccan Moroccans|Yemen
Yemeni Yemenis|Oman Omani Omanis|Bahrain Bahraini Bahrainis|Europe European Europeans|Africa African
Africans|Asia Asian Asians |Scotland Scottish Scot Scots|Ireland Irish|Wales Welsh|Portugal
Portuguese|Argentina Argentine Argentinian |Chile Chilean Chileans|Cuba Cuban Cubans|Venezuela
Venezuelan Venezuelans|Colombia Colombian Colombians"""
_KIN_OF: dict[str, frozenset[str]] = {}
for _group in _KIN.replace("\n", " ").split("|"):
    _forms_of = frozenset(key(w) for w in _group.split())
    for _w in _forms_of:
        _KIN_OF[_w] = _forms_of


# A country's cities of the gazetteer: a place the article names in it names the country too
# ("ألمانيا" for برلين).
_CITIES = """Germany:Berlin|France:Paris|Britain:London|Russia:Moscow|America:Washington
|China:Beijing|Syria:Damascus,Aleppo,Homs,Raqqa,Idlib,Daraa,Latakia,Hasakah,Douma
|Iraq:Baghdad,Mosul,Basra
|Egypt:Cairo,Alexandria|Saudi:Riyadh|Qatar:Doha|Iran:Tehran|Turkey:Ankara,Istanbul|Lebanon:Beirut
|Jordan:Amman|Emirates:Dubai|Tunisia:Tunis|Algeria:Algiers,Oran,Constantine,Biskra,Chlef
|Morocco:Rabat|Sudan:Khartoum|Libya:Tripoli,Benghazi|Afghanistan:Kabul|Ukraine:Kyiv|Yemen:Sanaa
|Mauritania:Nouakchott|Indonesia:Jakarta,Sumatra,Java|Nigeria:Abuja,Lagos"""
_CITIES_OF = {key(_c): [key(x) for x in _cs.split(",")]
              for _c, _cs in (_e.split(":") for _e in _CITIES.replace("\n", "").split("|"))}


def kin(name: str) -> frozenset[str]:
    """The other names of a country or region and its people ("Pole": Poland, Polish…), and its
    cities of the gazetteer (Berlin for Germany, in either language); empty for other names."""
    english = [name] if name in _AR_OF else _EN_OF.get(name, [])
    cities = {c for e in english for c in _CITIES_OF.get(e, ())}
    people = {w for e in [name, *english] for w in _KIN_OF.get(e, ())}
    return (people | cities) - {name}


_COMMON = {key(w) for w in """The A An This That These Those He She It They We I His Her Their Its
Our But And Or If When While After Before In On At As For By From With Without Since Until Under
Over About Mr Mrs Ms Dr President Minister Prime Government Police Officials Sources Also Both Some
Many Most All No Not Yes However Meanwhile Today Yesterday Tomorrow According One Two Three Four
Five Six Seven Eight Nine Ten First Second Third Last Next New""".split()}
_COMMON |= {key(w) for ws in (*MONTHS.values(), *WEEKDAYS.values()) for w in ws}
_CAP_RE = re.compile(r"(?<![\w'’.])([A-Z][a-z]+(?:[-'’][A-Za-z]+)?)(?![\w])")
_AR_WORD_RE = re.compile(r"(?<![^\W\d_])[^\W\d_a-zA-Z]{2,}(?![^\W\d_])")


@lru_cache(maxsize=1024)
def names(text: str) -> tuple[tuple[str, str], ...]:
    """(key, as written) of each name a claim gives: capitalised English words not opening a
    sentence, and gazetteer places in Arabic."""
    folded, where = fold(text)
    found = []
    for m in _CAP_RE.finditer(folded):
        before = folded[:m.start()].rstrip()
        if not before or before[-1] in ".!?:\"“«'‘(—-" or key(m[1]) in _COMMON:
            continue  # a sentence's first word is capitalised whatever it is
        found.append((key(m[1]), text[slice(*span(where, *m.span(1)))]))
    for m in _AR_WORD_RE.finditer(folded):
        # "وهران" is Oran, "ودمشق" is "and Damascus", "كالصين"
        # "like China"; "أدبي" (literary) is not Dubai
        for at in (m.start(), m.start() + 1) if folded[m.start()] in "وفبلك" else (m.start(),):
            if key(folded[at:m.end()]) in _EN_OF:
                found.append((key(folded[at:m.end()]), text[slice(*span(where, at, m.end()))]))
                break
    found += [(place, text[slice(*span(where, start, end))])
              for place, start, end in _demonyms(folded)]
    return tuple(dict.fromkeys(found))


def named_in(name: str, haystack_key: str) -> bool:
    """Whether `name` (a key) is in the keyed text, or its
    rendering in the other language (the gazetteer's).

    An English name may end otherwise there ("China" in
    "Chinese", "Egypt" in "Egypt's"); Arabic takes a clitic.
    """
    name = re.sub(r"['’]s$", "", name)
    english = [name] if name in _AR_OF else _EN_OF.get(name, [])
    forms = [name, *english, *(a for e in english for a in _AR_OF.get(e, ()))]
    # an Arabic place is named by its adjective too: ألمانيا in الألمانية, مصر in المصري
    forms += [_adjective(f) for f in forms if not f.isascii() and len(f) >= 3]
    stems = [f[:max(4, len(f) - 2)] if f.isascii() and len(f) >= 5 else f for f in forms]
    return any(written_in(f, haystack_key) for f in stems)


def written_in(form: str, haystack_key: str) -> bool:
    """Whether a keyed text holds the word `form` at a word's start, maybe after the Arabic clitics
    a word carries there: و ف (and), ب ل ك (in, to, like), ال, and their stacks (لل: ل with ال)."""
    return re.search(rf"(?<![^\W\d_])(?:[وف]?(?:لل|[بلك]?(?:ال)?)){re.escape(form)}",
                     haystack_key) is not None


def is_known_place(name: str) -> bool:
    """Whether the gazetteer knows `name` in either language:
    such a name can be checked across languages."""
    return name in _AR_OF or name in _EN_OF


_AR_CLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
_AR_TOKEN_RE = re.compile(r"(?<![^\W\d_])[\u0621-\u064a]{4,}(?![^\W\d_])")
# Zipf frequency under which an Arabic word of a claim is a name or a rare word (wordfreq's scale)
RARE = 2.0


_AR_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ات", "ون", "ين", "ية", "ة", "ي", "ان")


def arabic_forms(word: str) -> set[str]:
    """An Arabic word with its clitics and endings taken off one by one: وبالخطير, بالخطير, الخطير,
    خطير; اتفاقياتها, اتفاقيات; the dual البندان, بند."""
    forms, w = {word}, word
    for _ in range(2):
        for c in _AR_CLITICS:
            if w.startswith(c) and len(w) - len(c) >= 3:
                w = w[len(c):]
                forms.add(w)
                break
    for f in list(forms):
        # the dual of a feminine noun: الحصيلتين, حصيلة; and before its complement: منطقتا, منطقة
        if f.endswith(("تين", "تان")) and len(f) >= 6:
            forms |= {f[:-3] + "ة", f[:-3] + "ه"}
        if f.endswith(("تا", "تي")) and len(f) >= 5:
            forms |= {f[:-2] + "ة", f[:-2] + "ه"}
        for _ in range(2):
            for e in _AR_SUFFIXES:
                if f.endswith(e) and len(f) - len(e) >= 3:
                    f = f[:-len(e)]
                    forms.add(f)
                    break
    return forms


@lru_cache(maxsize=1)
def _zipf():
    """wordfreq's Arabic frequencies, loaded on the first
    unknown word (about half a second), or None without it."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a dependency; the check is then skipped
        return None
    return lambda w: zipf_frequency(w, "ar")


def rare_unknown(claim: str, article_key: str, skip: set[str] = frozenset()) -> list[str]:
    """Arabic words of a claim that the article never writes in any form and that are rare in Arabic
    (wordfreq): a transliterated person or company the article does not name ("ميتروفيتش"), as a
    capital gives it away in English."""
    folded, where = fold(claim)
    found = []
    for m in _AR_TOKEN_RE.finditer(folded):
        written = claim[slice(*span(where, *m.span()))]
        if not arabic_forms(m[0]) & skip and _unwritten_and_rare(m[0], written, article_key, RARE):
            found.append(written)
    return found


def _unwritten_and_rare(token: str, written: str, article_key: str, limit: float) -> bool:
    """Whether an Arabic word of a claim (`token` folded, `written` as the claim has it) is in no
    form in the article and rarer in Arabic than `limit` (wordfreq's Zipf scale; False without
    wordfreq)."""
    zipf = _zipf()
    forms = arabic_forms(token)
    if zipf is None or any(written_in(f, article_key) for f in forms if len(f) >= 3):
        return False
    # frequencies of the word as written (hamza kept,
    # harakat and tatweel off), and of its bare forms
    plain = "".join(c for c in written if not is_mark(c))
    return max(zipf(f) for f in arabic_forms(plain) | forms) < limit


# Nouns a place's name follows: "محافظة كفر الشيخ", "بمدينة بورسعيد", "قسم شرطة ملوي", "استاد البيت"
_PLACE_NOUN_RE = re.compile(r"(?<![^\W\d_])[وبلف]?(?:ال|لل)?(?:محافظة|مدينة|بلدة|قرية|ولاية|"
                            r"منطقة|استاد|ملعب|مطار|ميناء|جزيرة|اقليم|مخيم|شرطة|مركز|مديرية)"
                            r"\s+(?P<name>[\u0621-\u064a]{3,})(?![^\W\d_])")
# how common a word after a place noun may be and still be read as a name (wordfreq's Zipf scale):
# names sit under it (ملوي 2.6, بورسعيد 3.9), adjectives above (كبيرة, الساحلية)
PLACE_RARE = 4.0


# Given names that a family name follows ("ياسر المسيليم", "عبد الله الحارثي"); not those that are
# as often a common word (علي for على, حسن, سعيد, كريم, أمين, جميل, نور, أمل, تركي)
_GIVEN = """محمد أحمد محمود مصطفى ياسر خالد عمر عثمان يوسف إبراهيم إسماعيل فهد سلطان سلمان فيصل ناصر
سالم سعود طارق هشام وليد زياد رامي سامي فادي ماجد حمد حمدان راشد منصور نواف عادل عماد إياد أيمن باسم
بسام حسين حسام حازم رائد رياض سمير شريف صلاح طلال عاطف عصام عمرو فؤاد لؤي مازن مهدي مراد نادر
نبيل هاني وائل ياسين يحيى يونس زكريا سليمان موسى عيسى إدريس أسامة حمزة بلال جابر جاسم خليفة مشعل
متعب بندر نايف فارس ثامر عبدالله عبدالعزيز عبدالرحمن عبدالرحيم عبدالكريم عبدالمجيد عبدالفتاح
مروان معاذ أنس عمار قاسم شادي رامز نزار غسان عدنان حاتم هيثم بشار سامر تامر مجدي حمدي فتحي
فاطمة عائشة مريم زينب سارة هدى ليلى سلمى رنا دينا منى هالة""".split()
_GIVEN_FOLDED = frozenset(fold(w)[0] for w in _GIVEN)
_PERSON_RE = re.compile(rf"(?<![^\W\d_])[وبلف]?(?:(?:عبد|ابو)\s+[\u0621-\u064a]+|{alt(_GIVEN)})"
                        r"\s+(?P<name>[\u0621-\u064a]{3,})(?![^\W\d_])")


def _unwritten_after(pattern: re.Pattern, claim: str, article_key: str,
                     names_: frozenset[str] = frozenset()) -> list[str]:
    """The names `pattern` reads in a claim (its group "name") that the article never writes in any
    form and that are not common words, or are `names_` however common ("شريف إسماعيل": a given
    name as a family name)."""
    folded, where = fold(claim)
    found = []
    for m in pattern.finditer(folded):
        written = claim[slice(*span(where, *m.span("name")))]
        limit = math.inf if m["name"] in names_ else PLACE_RARE
        if _unwritten_and_rare(m["name"], written, article_key, limit):
            found.append(written)
    return found


def unknown_places(claim: str, article_key: str) -> list[str]:
    """Arabic place names of a claim, read after the noun they follow ("بمدينة بورسعيد"), that the
    article never writes in any form: a place of the article swapped for another one."""
    return _unwritten_after(_PLACE_NOUN_RE, claim, article_key)


def unknown_people(claim: str, article_key: str) -> list[str]:
    """Arabic family names of a claim, read after a given name ("محمد الشلهوب"), that the article
    never writes in any form: a player or official of the article swapped for another one."""
    return _unwritten_after(_PERSON_RE, claim, article_key, _GIVEN_FOLDED)
