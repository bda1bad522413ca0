"""Model-free extractive summaries and key points: centroid TF-IDF with a lead prior.

For air-gapped laptops: no model, no network. Every result is a source `Sentence`, verbatim,
so the caller can quote it exactly. Normalisation below is for matching only; no text is altered.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from typing import Sequence

from .records import Sentence
from .segment import looks_like_heading

__all__ = ["LENGTHS", "key_points_extractive", "rank", "select", "summarize_extractive"]

LENGTHS = {"short": 2, "medium": 4, "long": 7}

# Harakat, Quranic marks, tatweel and bidi/joiner format characters: invisible to matching.
_IGNORED = re.compile(
    "[\u0610-\u061a\u061c\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"}
    | {chr(0x0660 + d): str(d) for d in range(10)}
    | {chr(0x06F0 + d): str(d) for d in range(10)}
)
_WORD = re.compile(r"\w+")
_PROCLITICS = ("وال", "بال", "كال", "فال", "لل", "ال")

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


def _fold(text: str) -> str:
    """Matching form: NFKC, no diacritics or tatweel, casefolded, alef/ta marbuta/ya folded."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text)).casefold().translate(_FOLD)


_STOPWORDS = {
    "en": frozenset(_fold(w) for w in _ENGLISH_STOPWORDS.split()),
    "ar": frozenset(_fold(w) for w in _ARABIC_STOPWORDS.split()),
}


def _stopwords(language: str) -> frozenset[str]:
    # An undecided or mixed text gets both lists: dropping a few extra words costs little.
    return _STOPWORDS.get(language, _STOPWORDS["en"] | _STOPWORDS["ar"])


def _terms(text: str, stopwords: frozenset[str]) -> list[str]:
    """Content words of a sentence, in order, in matching form."""
    terms = []
    for word in _WORD.findall(_fold(text)):
        if word in stopwords:
            continue
        word = _strip_affixes(word)
        if len(word) > 1 and word not in stopwords:
            terms.append(word)
    return terms


def _strip_affixes(word: str) -> str:
    for clitic in _PROCLITICS:
        if word.startswith(clitic) and len(word) - len(clitic) >= 2:
            return word[len(clitic) :]
    if word.startswith("و") and len(word) >= 4:  # "وقال" → "قال"
        return word[1:]
    if word.isascii() and len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]  # "bases" meets "base"
    return word


def _scored(sentences: Sequence[Sentence], language: str) -> list[tuple[float, int, list[str]]]:
    """(score, position, terms) per sentence, in input order."""
    stopwords = _stopwords(language)
    bags = [_terms(s.text, stopwords) for s in sentences]
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(dict.fromkeys(bag, 1))
    total = len(bags)
    idf = {term: math.log((1 + total) / (1 + df)) + 1.0 for term, df in frequency.items()}
    centroid = _weigh(Counter(term for bag in bags for term in bag), idf)
    return [
        (_cosine(_weigh(Counter(bag), idf), centroid) * _prior(position, s.text), position, bag)
        for position, (s, bag) in enumerate(zip(sentences, bags))
    ]


def _weigh(counts: Counter[str], idf: dict[str, float]) -> dict[str, float]:
    return {term: count * idf[term] for term, count in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(weight * b.get(term, 0.0) for term, weight in a.items())
    norms = math.sqrt(sum(w * w for w in a.values())) * math.sqrt(sum(w * w for w in b.values()))
    return dot / norms if norms else 0.0


def _prior(position: int, text: str) -> float:
    """A mild lead bonus (news puts the point first) and penalties for headings and fragments."""
    weight = 1.0 + 0.25 / math.sqrt(1 + position)
    if looks_like_heading(text):
        return weight * 0.2
    if len(text.split()) < 5:
        return weight * 0.4
    return weight


def rank(sentences: Sequence[Sentence], language: str) -> tuple[tuple[int, float], ...]:
    """(sentence id, score) for every sentence, best first; ties go to the earlier sentence."""
    return tuple((sentences[position].id, score) for score, position, _ in _best_first(sentences, language))


def _best_first(sentences: Sequence[Sentence], language: str) -> list[tuple[float, int, list[str]]]:
    return sorted(_scored(sentences, language), key=lambda item: (-item[0], item[1]))


def select(
    sentences: Sequence[Sentence], language: str, n: int, *, max_similarity: float = 0.6
) -> tuple[Sentence, ...]:
    """The n best sentences, skipping near-duplicates of those already chosen, in article order."""
    if n <= 0:
        return ()
    chosen: list[tuple[int, set[str], str]] = []
    for _, position, bag in _best_first(sentences, language):
        terms, text = set(bag), _fold(" ".join(sentences[position].text.split()))
        if any(_similar(terms, text, other, other_text, max_similarity) for _, other, other_text in chosen):
            continue
        chosen.append((position, terms, text))
        if len(chosen) == n:
            break
    return tuple(sentences[position] for position, _, _ in sorted(chosen, key=lambda item: item[0]))


def _similar(a: set[str], a_text: str, b: set[str], b_text: str, limit: float) -> bool:
    if a_text == b_text:
        return True
    if not a or not b:
        return False
    return len(a & b) / len(a | b) > limit


def summarize_extractive(sentences: Sequence[Sentence], language: str, length: str) -> tuple[Sentence, ...]:
    """An extractive summary of 2, 4 or 7 source sentences (short, medium, long)."""
    key = getattr(length, "value", length)  # a str Enum member hashes by its name, not its value
    if key not in LENGTHS:
        raise ValueError(f"length must be one of {', '.join(LENGTHS)}, not {length!r}")
    return select(sentences, language, min(LENGTHS[key], len(sentences)))


def key_points_extractive(sentences: Sequence[Sentence], language: str, n: int) -> tuple[Sentence, ...]:
    """n key points, each a distinct source sentence, in article order."""
    return select(sentences, language, n)
