"""Matching form of a sentence: Arabic-aware content
terms, for scoring only; no text is ever altered.

Folding strips harakat, Quranic marks, tatweel and bidi/format characters, casefolds, folds alef
forms, alef maqsura and ta marbuta, and maps Arabic-Indic and Extended Arabic-Indic digits to ASCII,
so "أعلنت" meets "اعلنت" and "٢٠٢٤" meets "2024". Light stemming drops Arabic proclitics (و ال ب ل
ك ف) and a few English suffixes, which is enough for overlap between sentences of one article.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

from ..arabic import DIGITS, LETTERS

__all__ = ["Vocabulary", "fold", "stopwords", "terms"]

# Harakat, Quranic marks, tatweel and bidi/joiner format characters: invisible to matching.
_IGNORED = re.compile(
    "[\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
# str.replace per pair present beats str.translate with a dict table by ~10× on a long article.
_FOLD = tuple((chr(k), v if isinstance(v, str) else chr(v)) for table in (LETTERS, DIGITS)
              for k, v in table.items())
_WORD = re.compile(r"\w+")
# between texts folded together: never a word, never in a text (replaced by a space)
SEPARATOR = "\x00"
_TOKEN = re.compile(r"\w+|\x00")
_PROCLITICS = ("وال", "بال", "كال", "فال", "لل", "ال")
_ENGLISH_SUFFIXES = ("ing", "ed", "s")
_MAX_TERM = 40  # longer "words" (URLs, base64, runs of one letter) are noise for overlap

_ENGLISH_STOPWORDS = """
a about after against all also am amid among an and any are as at be because been before being
between both but by can could did do does during each either for from had has have having he her
here hers him his how however i if in including into is it its itself just may me might more most
mr mrs ms must my no nor not now of off on once one only or other our out over own per said same
say says she should since so some such than that the their them then there these they this those
though through to too two under until up upon very was we were what when where whether which while
who whom whose why will with within without would yet you your
"""
_ARABIC_STOPWORDS = """
في من على إلى الى عن مع أن إن ان أنه إنه انه كان كانت يكون تكون هذا هذه ذلك تلك هؤلاء الذي التي
الذين اللذين هو هي هم هما نحن أنا ما ماذا لا لم لن قد ثم أو او أي كل بعض بين حتى عند عندما منذ خلال
بعد قبل حول ضد غير أيضا ايضا كما لكن إذا اذا إلا الا قال قالت يقول وأضاف أضاف أكد وأكد حيث فيها فيه
منه منها عليه عليها إليه له لها لهم به بها تم يتم وقد وفي ومن وأن وهو وهي وكان عام هناك ليس أمام
"""


def fold(text: str) -> str:
    """Matching form: NFKC, no diacritics, tatweel or
    format marks, casefolded, letter variants folded."""
    text = _IGNORED.sub("", unicodedata.normalize("NFKC", text)).casefold()
    for variant, plain in _FOLD:
        if variant in text:
            text = text.replace(variant, plain)
    return text


_STOPWORDS = {
    "en": frozenset(fold(w) for w in _ENGLISH_STOPWORDS.split()),
    "ar": frozenset(fold(w) for w in _ARABIC_STOPWORDS.split()),
}
_BOTH = _STOPWORDS["en"] | _STOPWORDS["ar"]


def stopwords(language: str) -> frozenset[str]:
    """Function words of the language; an undecided or mixed text gets both lists."""
    return _STOPWORDS.get(language, _BOTH)


def terms(text: str, stop: frozenset[str]) -> list[str]:
    """Content words of a sentence, in order, in matching form."""
    return [t for t in map(lambda w: _term(w, stop), _WORD.findall(fold(text))) if t]


def _term(word: str, stop: frozenset[str]) -> str:
    if word in stop or len(word) > _MAX_TERM:
        return ""
    word = _stem(word)
    return word if len(word) > 1 and word not in stop else ""


class Vocabulary(dict):
    """Folded word → term id (-1: not a content term), each word stemmed once per article."""

    def __init__(self, language: str) -> None:
        super().__init__({SEPARATOR: -2})
        self.stop = stopwords(language)
        self.ids: dict[str, int] = {}

    def __missing__(self, word: str) -> int:
        term = _term(word, self.stop)
        value = self.ids.setdefault(term, len(self.ids)) if term else -1
        self[word] = value
        return value

    def of(self, texts: Iterable[str]) -> list[int]:
        """Term ids of the texts' words in order (-1: not a content term), -2 after each text."""
        joined = "".join(t.replace(SEPARATOR, " ") + SEPARATOR for t in texts)
        return list(map(self.__getitem__, _TOKEN.findall(fold(joined))))


def _stem(word: str) -> str:
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic) :]
    if word.startswith("و") and len(word) >= 4:  # "وقال" → "قال"
        return word[1:]
    if word.isascii() and word.isalpha() and len(word) > 4:
        for suffix in _ENGLISH_SUFFIXES:
            if word.endswith(suffix) and not word.endswith("ss") and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]  # "bases" meets "base", "talks" meets "talked"
    return word
