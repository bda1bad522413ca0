"""Word and letter evidence for language detection where statistical detectors are weak.

Three places, each measured in benchmarks/detect_bench.py: Arabizi (Arabic in Latin
letters, which every detector calls some European language); Persian, Urdu, Pashto
and Kurdish typed without their own letters (langdetect and lingua call them Arabic,
and do not know Pashto or Kurdish at all); and which short Latin-script text is
really English. Lexicons hold frequent function words only, written for this purpose.
"""

from __future__ import annotations

import re
from collections import Counter

__all__ = ["arabic_script_votes", "arabizi_evidence", "english_share", "looks_english", "FOLD"]

# Letters an Arabic keyboard writes for the letters of Persian, Urdu,
# Pashto and Kurdish: words are compared in this folded form, so "این" and
# "اين" are one word. ZWNJ (U+200C) joins Persian and Kurdish affixes.
FOLD = str.maketrans(
    {"ی": "ي", "ک": "ك", "ە": "ه", "ێ": "ي", "ۆ": "و", "ڵ": "ل", "ڕ": "ر", "ھ": "ه", "ہ": "ه",
     "ے": "ي", "ۍ": "ي", "ې": "ي", "ګ": "ك", "ټ": "ت", "ډ": "د", "ړ": "ر", "ښ": "ش", "ږ": "ز",
     "ځ": "ج", "څ": "ح", "ڼ": "ن", "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن", "ۃ": "ة", "أ": "ا",
     "إ": "ا", "آ": "ا", "\u200c": ""}
)
_OWN_LETTERS = {
    "ur": ("ٹڈڑںےہھ", 2.0),
    "ps": ("ټډړښږځڅګېۍڼ", 2.0),
    "ku": ("ەێڵڕۆ", 2.0),
    "fa": ("پچژگیک", 1.0),
}
_SHARED_LETTERS = "پچژگیک"  # Persian letters that Urdu, Pashto and Kurdish write too
_ARABIC_ONLY = "ةى"
_WORDS = {
    "fa": "است اين را كه مي نمي براي شده شد بود كرد كند كرده هست نيست خود ها هاي اينكه "
    "بايد يك شما ايشان چون چه اگر ديگر همه امروز گفت ميشود نميشود بسيار كشور تا از "
    "در دارد دارند شود",
    "ur": "اور ميں كے كا كو نے تها تهي تهے يه وه بهي ليے ساته هيں هوں تك گيا گئي سكتا "
    "رها اپني اس نهيں كرتے كرتا كرتي ايك كہ كہاں",
    "ps": "د په چي ده ته سره يي شو شول وايي كړ كر دغه هغه خو كيږي كيزي كوي كال اوس "
          "لري لوي ډېر چيرته",
    "ku": "ئهم ئهو بو لهگهل دهليت ههر ئيمه نييه يان هيچ ناو دواي بهلام ئهوه ههموو "
    "دهكات دهبيت كردهوه لهسهر بوو بويه خوي",
    "ar": "في من على الى ان التي الذي عن مع هذا هذه كان قال لا ما هو هي ذلك بعد قد كما وقال "
    "او لم لن كل عند حتى بين انه اليوم انا مش دي ده ايه اللي كده عشان ليه احنا كمان",
}
_LEXICON = {lang: frozenset(word.translate(FOLD) for word in words.split())
            for lang, words in _WORDS.items()}
# Marks of the languages that write Arabic script with their own numerals and stops.
_MARKS = {"ur": ("۔", 2.0), "fa": ("\u0654", 1.0)}
_EXTENDED_DIGITS = "۰۱۲۳۴۵۶۷۸۹"  # Persian, Urdu and Pashto digits; Arabic writes ٠١٢٣٤٥٦٧٨٩
_PREFIXES = {"ku": ("ده", "ئه", "هه"), "ar": ("ال", "وال", "بال", "لل", "فال")}

_ARABIZI_WORDS = frozenset(
    "ana enta enti inta inti howa huwa heya hiya ehna homa mesh msh mish mush ya3ni yaani "
    "keda kida kda ezay izay ezzay leh leeh aywa aiwa la2 wallah walla wallahi wallahy wlahy "
    "walahy walahi inshallah yalla habibi habibti shu shou kifak kifik 3ala 3an ma3 mn fel fl bel "
    "bl bas bs ba2a kaman kman awy awi gedan khalas 5alas tayeb ahsan 7aga haga mafish mafeesh "
    "lesa delwa2ty dlw2ty keteer ktir kteer ktiir shwaya shwayya shwia beta3 bta3 3ayez 3ayz 3awza "
    "3ayza 3aref 3arf ba3ref ra7 ha3mel a3mel mashy mashi tamam ahlan marhaba ezayak ezayek 3amel "
    "eih eshta wala7 wenta weana akeed abdan lazem momken mumkin kollo kol welad wlad bena fen "
    "fein dah deh kefaya kfaya kfaia sana tyba tayba habebty habibty gamil gameel wahed wa7ed "
    "lehad lhad omak mabrouk mabrok marafsh ma3rafsh fahem hena henak bardo brdo begad bgad bgd "
    "khales enty nty ento entu hya hwa ezayak yani baa mayten enno inno shi chi bala hek heik "
    "hayda kel kil eza iza mnih kamen ba3den badna baddi".split()
)
# Short words that Arabizi shares with Spanish, French or Italian count half.
_ARABIZI_WEAK = frozenset("w wa ya el il fe fi ma la men b f l da de di eh".split())
_DIGIT_WORD = re.compile(r"(?=[a-z0-9']*[a-z][a-z0-9']*[a-z])[a-z']*[2356789][a-z0-9']*")
_NOT_DIGIT_WORD = re.compile(r"\d+(?:st|nd|rd|th|s|m|k|g|x|km|kg|am|pm|mb|gb|bn|mn|h|d)|"
                             r"[a-z]{1,2}\d+|[a-z]{4,}2")

_ENGLISH = frozenset(
    "the of and to a in is was that with for from by this are were has have had it its his "
    "her their be been said says which an at as not but they will would who after about also on i "
    "you we he she our your my me like us them there what when where why how all any each every "
    "some no more most other than then now just only very over into up down out can could should "
    "may might must do does did done day days year years people time new one two three first last "
    "many much good well back still even before since while because if so hundreds thousands "
    "dozens die dies died dead killed kill say tell told get got make made go went come came take "
    "took see saw know think want give need work world government police president minister war "
    "city country state home man men woman women children family life house water today week month "
    "night report news help see here left right long high low old young big small great best "
    "better our against during under between through again off away around near next part place "
    "case point group number percent million billion".split()
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def arabizi_evidence(text: str) -> tuple[bool, str]:
    """Whether Latin-script text is Arabic written in Latin letters ("ana ra7 a3mel"), and why."""
    tokens = [t.lower().strip(".,!?;:()\"'") for t in text.split()]
    tokens = [t for t in tokens if re.search(r"[a-z]", t)]
    if len(tokens) < 2:
        return False, ""
    digits = sum(1 for t in tokens if _DIGIT_WORD.fullmatch(t) and not _NOT_DIGIT_WORD.fullmatch(t))
    known = sum(1 for t in tokens if t in _ARABIZI_WORDS or _squeeze(t) in _ARABIZI_WORDS)
    weak = sum(1 for t in tokens if t in _ARABIZI_WEAK)
    english = sum(1 for t in tokens if t in _ENGLISH)
    score = digits + known + 0.5 * weak
    found = digits + known >= 1 and score >= 2 and score >= 0.25 * len(tokens) and english < score
    return found, (f"arabizi: {digits} words with digits for letters, "
                   f"{known + weak} Arabizi words of {len(tokens)}")


def _squeeze(token: str) -> str:
    """Arabizi stretches letters for emphasis ("walahyy", "khaless"): one of each run."""
    return re.sub(r"(.)\1+", r"\1", token)


def english_share(words: list[str]) -> float:
    """Share of words that are frequent English words (function words and common news words)."""
    return sum(1 for w in words if w in _ENGLISH) / len(words) if words else 0.0


_ENGLISH_SUFFIX = re.compile(r"[a-z]+(?:s|ed|ing|ly|tion|ment|ness|er|est)")


def looks_english(text: str) -> bool:
    """A headline such as "Russia strikes Syrian rebels":
    names aside, English words or English endings only."""
    words = [w for w in _WORD.findall(text) if w.isascii()]
    plain = [w.lower() for w in words if not (w[:1].isupper() and w.lower() not in _ENGLISH)]
    if not plain or len(plain) < len(words) / 3:
        return False
    english = [w for w in plain
               if w in _ENGLISH or (_ENGLISH_SUFFIX.fullmatch(w) and not re.search(r"aa|ii|uu", w))]
    vowel_final = sum(1 for w in plain if w[-1] in "aeiou" and w not in _ENGLISH)
    return len(english) >= 0.6 * len(plain) and vowel_final <= 0.3 * len(plain)


def arabic_script_votes(text: str) -> tuple[Counter, str]:
    """Scores for ar, fa, ur, ps and ku from own letters,
    folded function words and affixes; with a note."""
    votes: Counter = Counter()
    letters = Counter(ch for ch in text)
    for lang, (own, weight) in _OWN_LETTERS.items():
        votes[lang] += weight * sum(letters[c] for c in own)
    shared = sum(letters[c] for c in _SHARED_LETTERS)
    for lang in ("ur", "ps", "ku"):
        votes[lang] += 0.5 * shared
    votes["ar"] += 0.5 * sum(letters[c] for c in _ARABIC_ONLY)
    for lang, (mark, weight) in _MARKS.items():
        votes[lang] += weight * letters[mark]
    if any(letters[d] for d in _EXTENDED_DIGITS):
        for lang in ("fa", "ur", "ps"):
            votes[lang] += 1.0
    words = [w.translate(FOLD) for w in _WORD.findall(text)]
    for word in words:
        for lang, lexicon in _LEXICON.items():
            if word in lexicon:
                votes[lang] += 1.5
        for lang, prefixes in _PREFIXES.items():
            if len(word) > 3 and word.startswith(prefixes):
                votes[lang] += 0.75
    note = "arabic-script votes: " + ", ".join(f"{lang} {score:g}"
                                               for lang, score in votes.most_common())
    return votes, note
