"""Language detection: script shares decide Arabic vs
Latin; letters and langdetect decide the language."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any, Iterable, Sequence

from .arabic import letters
from .arabic import script as script_of
from .arabic import script_shares
from .detect_rules import arabic_script_votes, arabizi_evidence, english_share, looks_english
from .records import SUPPORTED_LANGUAGES, Detection, Paragraph

ARABIZI = "ar-Latn"  # BCP 47: Arabic in the Latin script
ARABIZI_MESSAGE = "Arabic written in Latin letters: not supported"



# Function words that are English and not (or rarely) words of other Latin-script languages.
_ENGLISH_MARKERS = frozenset(
    "the of and to is was that with for from by this are were has have it its his her "
    "their be been said which an at as not but they will would who after about also".split()
)
# Frequent short words of other Latin-script languages:
# their presence vetoes the short-text English default.
_OTHER_MARKERS = frozenset(
    "le la les des du et est une un dans pour sur au aux qui el los las y en del por "
    "con es una para der die das und ist nicht ein eine mit den dem zu il di che non per sono "
    "della os um uma não het een van ik niet zijn ve bir bu da ile için olarak dan yang dengan ini "
    "itu que qui muy pero hola gracias bonjour merci beaucoup oui danke guten morgen ja nein ciao "
    "grazie obrigado avec tous mes nous vous dans pas plus sont".split()
)
SHORT_WORDS = 8
# Plural -s makes short French, Spanish or Portuguese
# look English to a suffix test: never override these.
_ROMANCE = {"fr", "es", "pt", "it", "ca", "ro", "gl"}
_LATIN_WORD = re.compile(r"[^\W\d_]+")
# Links, e-mail addresses and data URIs are Latin letters in any language.
# Every repetition that could meet another is bounded (an address's parts
# by their RFC 5321 lengths), so the scan is linear in the text.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\bdata:[\w.+-]{1,80}/[\w.+-]{1,80}[;,]\S*"
                      r"|[^\s@]{1,64}@[^\s@]{1,255}\.\w{1,63}")
# Detection reads at most this many characters (the language shows long
# before) and no run without a space longer than MAX_RUN (no word is; a hash
# or a blob of base64 is): a 20 MB input costs what 100,000 characters do.
MAX_CHARS = 100_000
MAX_RUN = 100
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]{2,}")
MIN_LETTERS = 3
# Fewer letters than this never make a paragraph of an article another
# language than the article's (headings, bylines, photo credits, a quoted
# name); measured on tests/data/corpus (README, "Mixed articles").
MIN_PARAGRAPH_LETTERS = 30
_SCRIPT_OF = {"ar": "arabic", "en": "latin"}


def _langdetect(text: str) -> list[tuple[str, float]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        return [(r.lang, r.prob) for r in detect_langs(text)]
    except LangDetectException:
        return []


def _only(text: str, script: str) -> str:
    return "".join(ch if script_of(ch) in (script, None) else " " for ch in text)


def _arabic_script_language(text: str) -> tuple[str, float, list[str]]:
    votes, note = arabic_script_votes(text)
    evidence = [note]
    rules_silent = not any(votes.values())
    guesses = _langdetect(text)
    top, prob = guesses[0] if guesses else ("und", 0.0)
    if guesses:
        evidence.append("langdetect: " + ", ".join(f"{lang} {p:.2f}" for lang, p in guesses[:3]))
        if top in ("ar", "fa", "ur") and prob > 0.9:
            # langdetect knows Arabic, Persian and Urdu (not Pashto or Kurdish): one vote
            votes[top] += 1.0
    short = len(_ARABIC_WORD.findall(text)) < SHORT_WORDS
    third = _lingua(text, "arabic") if short and rules_silent else None
    if third:
        evidence.append(f"lingua: {third[0]} {third[1]:.2f}")
        if third[1] >= LINGUA_VOTE and (third[0] == "ar" or third[0] == top):
            # no letter or word of another language, and langdetect's guess alone: lingua weighs in,
            # but never makes a text Persian or Urdu on its own word
            votes[third[0]] += 1.0
    best, score = max(votes.items(), key=lambda item: (item[1], item[0] == "ar"),
                      default=("ar", 0.0))
    arabic = votes["ar"]
    if best != "ar" and score >= arabic + 1.0:
        return best, round(min(0.99,
                               0.5 + (score - arabic) / (2 * (score + arabic + 1))), 4), evidence
    lang_prob = dict(guesses).get("ar", 0.0)
    share = (arabic + 1) / (arabic + score + 1) if best != "ar" else 1.0
    return "ar", round(max(share * 0.9, lang_prob), 4), evidence


# lingua (issue 25, benchmarks/README.md) is one more opinion on short text only,
# where the others guess: the languages of each script it knows; for the 49 of
# the Latin script its low-accuracy mode (trigrams: 0.2 s to load, where its full
# models take 10 to 16 s and 900 MB for one point more on the benchmark).
USE_LINGUA = True
LINGUA_VOTE = 0.8


@lru_cache(maxsize=2)
def _lingua_detector(script: str) -> Any:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    if script == "arabic":  # Arabic, Persian and Urdu: its full models load in under a second
        return LanguageDetectorBuilder.from_languages(*Language.all_with_arabic_script()).build()
    return (LanguageDetectorBuilder.from_languages(*Language.all_with_latin_script())
            .with_low_accuracy_mode().build())


def _lingua(text: str, script: str) -> tuple[str, float] | None:
    """lingua's language and confidence for a short text
    in one script, or None where it is not installed."""
    detector = _lingua_detector(script) if USE_LINGUA else None
    # lone surrogates: lingua takes UTF-8 only
    text = text.encode("utf-8", "replace").decode("utf-8")
    found = detector.compute_language_confidence_values(text) if detector is not None else []
    if not found or found[0].value <= 0.0:
        return None
    return found[0].language.iso_code_639_1.name.lower(), round(found[0].value, 4)


def _py3langid(text: str) -> str | None:
    """py3langid's language for a short text, or None where it is not installed."""
    try:
        import py3langid
    except ImportError:
        return None
    return str(py3langid.classify(text)[0])


def _latin_language(text: str) -> tuple[str, float, list[str], bool]:
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    is_arabizi, arabizi_note = arabizi_evidence(text)
    if is_arabizi:
        return ARABIZI, 0.9, [ARABIZI_MESSAGE, arabizi_note], True
    markers = sum(w in _ENGLISH_MARKERS for w in words)
    ratio = markers / len(words) if words else 0.0
    common = english_share(words)
    # "die" is English too
    others = sum(w in _OTHER_MARKERS and english_share([w]) == 0 for w in words)
    guesses = _langdetect(text)
    evidence = [f"english function words: {markers}/{len(words)}, "
                f"common english words {common:.2f}"]
    if guesses:
        evidence.append("langdetect: " + ", ".join(f"{lang} {p:.2f}" for lang, p in guesses[:3]))
    top, prob = guesses[0] if guesses else ("und", 0.0)
    short = len(words) < SHORT_WORDS
    second = _py3langid(text) if short else None
    if second:
        evidence.append(f"py3langid: {second}")
    if not short and (top == "en" or ratio >= 0.2 or (ratio >= 0.1 and prob < 0.9)):
        return "en", round(max(prob if top == "en" else 0.0,
                               min(0.99, 0.5 + ratio * 2)), 4), evidence, True
    if short and not others and common >= 0.5 and (top == "en" or second == "en"):
        # both detectors are weak on a few words; a text made of frequent English words with one of
        # them for English is English ("Hundreds die every day.")
        sure = top == "en" and second in (None, "en") and prob >= 0.9
        return ("en", round(max(prob if top == "en" else 0.0, common * 0.9), 4), evidence,
                sure or common >= 0.75)
    if short and not others and not {top, second} & _ROMANCE and looks_english(text):
        return "en", 0.5, [*evidence, "names aside, English words and endings"], False
    if top == "en" and (second in (None, "en") or prob >= 0.99) and not others:
        return "en", round(prob, 4), evidence, not short
    if short and second == "en" and not others and prob < 0.9:
        # py3langid is the better of the two on a few words; not sure
        return "en", 0.5, evidence, False
    third = _lingua(text, "latin") if short else None
    if third:
        evidence.append(f"lingua: {third[0]} {third[1]:.2f}")
        if third[0] in (top, second) and not (others and third[0] == "en"):
            # lingua sides with one of the two: two of three, or all three; not sure on a few words
            return third[0], round(max(prob if third[0] == top else 0.0, 0.5), 4), evidence, False
    if short and second and second != "en" and (top in ("en", "und") or prob < 0.9):
        # langdetect wavers on a few words: py3langid decides, without certainty
        top, prob = second, 0.5
    return top, round(prob, 4), evidence, not short and prob >= 0.9


def _arabic_with_latin_names(text: str) -> bool:
    """An Arabic sentence naming Latin-script brands
    ("أعلنت شركة Apple عن iPhone 15 Pro Max") is Arabic."""
    arabic = _ARABIC_WORD.findall(text)
    latin = [w.lower() for w in _LATIN_WORD.findall(_only(text, "latin"))]
    return (len(arabic) >= 3 and not any(w in _ENGLISH_MARKERS for w in latin) and
            len(arabic) >= len(latin) / 2)


def _readable(text: str) -> tuple[str, tuple[str, ...]]:
    """What detection reads of a text: its first MAX_CHARS characters, NFC,
    runs without a space cut to MAX_RUN characters, addresses blanked (an
    Arabic article full of links is still Arabic); and a note when cut."""
    note = ((f"read the first {MAX_CHARS:,} of {len(text):,} characters",)
            if len(text) > MAX_CHARS else ())
    text = _LONG_RUN.sub(lambda m: m.group()[:MAX_RUN] + " ",
                         unicodedata.normalize("NFC", text[:MAX_CHARS]))
    return _ADDRESS.sub(" ", text), note


def detect(text: str) -> Detection:
    """Detect the language of a text; deterministic, and never raises on short or empty text."""
    text, read_note = _readable(text)
    shares = script_shares(text)
    letters = sum(1 for ch in text if script_of(ch))
    share_note = ("script shares: "
                  f"arabic {shares['arabic']:.2f}, latin {shares['latin']:.2f}, "
                  f"other {shares['other']:.2f}")
    if letters < MIN_LETTERS:
        return Detection("und", 0.0, False, shares,
                         (f"only {letters} letters: too short to tell", *read_note), reliable=False)
    sure = True
    if _arabic_with_latin_names(text) or (shares["arabic"] >= shares["latin"] and
                                          shares["arabic"] >= shares["other"]):
        lang, conf, evidence = _arabic_script_language(_only(text, "arabic"))
        conf *= shares["arabic"] if shares["arabic"] < 0.5 else 1.0
    elif shares["latin"] >= shares["other"]:
        lang, conf, evidence, sure = _latin_language(_only(text, "latin"))
    else:
        guesses = _langdetect(text)
        lang, conf = guesses[0] if guesses else ("und", 0.0)
        evidence = ["langdetect: " + ", ".join(f"{g} {p:.2f}"
                                               for g, p in guesses[:3])] if guesses else []
    reliable = letters >= 20 and conf >= 0.5 and sure
    notes = (share_note, *evidence, *read_note)
    return Detection(lang, round(conf, 4), lang in SUPPORTED_LANGUAGES, shares, notes, reliable)


def detect_paragraphs(paragraphs: Iterable[str | Paragraph]) -> tuple[Detection, ...]:
    """The language of each paragraph, for articles that
    mix languages (a quote in English in Arabic copy)."""
    return tuple(detect(p.text if isinstance(p, Paragraph) else p) for p in paragraphs)


def mixed_languages(detections: Iterable[Detection]) -> tuple[str, ...]:
    """Languages that reliably detected paragraphs name, most
    letters first; more than one means a mixed article."""
    weight: Counter = Counter()
    for found in detections:
        if found.reliable and found.language != "und":
            weight[found.language] += 1
    return tuple(lang for lang, _ in weight.most_common())


def unsupported_reason(found: Detection) -> str:
    """One line saying why a detected language cannot be processed."""
    if found.language == ARABIZI:
        return ARABIZI_MESSAGE
    return f"language {found.language!r} is not supported (Arabic and English are)"


def paragraph_languages(paragraphs: Iterable[str | Paragraph], language: str, *,
                        other_script_only: bool = False) -> tuple[str, ...]:
    """Each paragraph's language: its own where reliably
    detected on enough letters, else the article's.

    `other_script_only` detects only paragraphs mostly in another script than the article's: the
    other supported language is always found, a third one in the article's own script is not (for a
    route that translates no paragraph; it costs a fraction)."""
    own_script = _SCRIPT_OF.get(language)
    found = []
    for paragraph in paragraphs:
        text = paragraph.text if isinstance(paragraph, Paragraph) else paragraph
        if letters(text) < MIN_PARAGRAPH_LETTERS:  # a heading, byline or figure: never worth a flip
            found.append(language)
            continue
        if other_script_only and script_shares(text).get(own_script, 0.0) >= 0.5:
            found.append(language)
            continue
        detected = detect(text)
        found.append(detected.language if detected.reliable and detected.language != "und"
                     else language)
    return tuple(found)


def _fate(language: str, target: str | None) -> str:
    if target is None:
        return "read as written"
    if language == target:
        return f"passed through (already in {target})"
    if language in SUPPORTED_LANGUAGES:
        return f"translated {language}→{target}"
    return "left as written (not supported)"


def mixed_language_warning(languages: Sequence[str], language: str,
                           target: str | None = None) -> str | None:
    """One line naming the paragraphs (by index) in another language than
    the article's and what became of them in a translation into `target`
    (None: no translation); None for an article in one language."""
    groups: dict[str, list[int]] = {}
    for index, own in enumerate(languages):
        if own != language:
            groups.setdefault(own, []).append(index)
    if not groups:
        return None
    parts = [f"paragraph{'s' if len(ids) > 1 else ''} {', '.join(map(str, ids))} in {own} "
             f"{_fate(own, target)}"
             for own, ids in groups.items()]
    return f"mixed article ({language}): " + "; ".join(parts)
