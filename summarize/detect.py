"""Language detection: script shares decide Arabic vs Latin; letters and langdetect decide the language."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from .records import SUPPORTED_LANGUAGES, Detection

_ARABIC_BLOCKS = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))

# Letters that only one Arabic-script language uses tell the language apart even in one sentence.
_ARABIC_ONLY = set("\u0629\u064a\u0643\u0649")  # ة ي ك ى: Persian and Urdu write ی and ک instead
_PERSIAN = set("\u067e\u0686\u0698\u06af\u06a9\u06cc")  # پ چ ژ گ ک ی (shared with Urdu)
_URDU_ONLY = set("\u0679\u0688\u0691\u06ba\u06be\u06c1\u06d2")  # ٹ ڈ ڑ ں ھ ہ ے

# Function words that are English and not (or rarely) words of other Latin-script languages.
_ENGLISH_MARKERS = frozenset(
    "the of and to is was that with for from by this are were has have it its his her their be been said "
    "which an at as not but they will would who after about also".split()
)
# Frequent short words of other Latin-script languages: their presence vetoes the short-text English default.
_OTHER_MARKERS = frozenset(
    "le la les des du et est une un dans pour sur au aux qui el los las y en del por con es una para "
    "der die das und ist nicht ein eine mit den dem zu il di che non per sono della os um uma não "
    "het een van ik niet zijn ve bir bu da ile için olarak dan yang dengan ini itu que qui muy pero "
    "hola gracias bonjour merci beaucoup oui danke guten morgen ja nein ciao grazie obrigado".split()
)
SHORT_WORDS = 8
_LATIN_WORD = re.compile(r"[^\W\d_]+")
MIN_LETTERS = 3


def _script(ch: str) -> str | None:
    if not ch.isalpha():
        return None
    code = ord(ch)
    if any(lo <= code <= hi for lo, hi in _ARABIC_BLOCKS):
        return "arabic"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "latin"
    return "other"


def script_shares(text: str) -> dict[str, float]:
    """Share of letters in the Arabic, Latin and other scripts (0 to 1 each)."""
    counts = Counter(s for s in map(_script, text) if s)
    total = sum(counts.values())
    return {name: (counts[name] / total if total else 0.0) for name in ("arabic", "latin", "other")}


def _langdetect(text: str) -> list[tuple[str, float]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        return [(r.lang, r.prob) for r in detect_langs(text)]
    except LangDetectException:
        return []


def _only(text: str, script: str) -> str:
    return "".join(ch if _script(ch) in (script, None) else " " for ch in text)


def _arabic_script_language(text: str) -> tuple[str, float, list[str]]:
    letters = Counter(ch for ch in text if _script(ch) == "arabic")
    arabic = sum(letters[c] for c in _ARABIC_ONLY)
    persian = sum(letters[c] for c in _PERSIAN)
    urdu = sum(letters[c] for c in _URDU_ONLY)
    evidence = [f"letters: arabic-only {arabic}, persian/urdu {persian}, urdu-only {urdu}"]
    guesses = _langdetect(text)
    if guesses:
        evidence.append("langdetect: " + ", ".join(f"{lang} {p:.2f}" for lang, p in guesses[:3]))
    if urdu > max(2, arabic):
        return "ur", min(1.0, urdu / (urdu + arabic + 1) + 0.5), evidence
    if persian > arabic:
        return "fa", min(1.0, persian / (persian + arabic + 1) + 0.5), evidence
    if arabic == 0 and guesses and guesses[0][0] not in ("ar", "fa", "ur") and guesses[0][1] > 0.9:
        return guesses[0][0], guesses[0][1], evidence
    share = (arabic + 1) / (arabic + persian + urdu + 1)
    lang_prob = dict(guesses).get("ar", 0.0)
    return "ar", round(max(share * 0.9, lang_prob), 4), evidence


def _latin_language(text: str) -> tuple[str, float, list[str]]:
    words = [w.lower() for w in _LATIN_WORD.findall(text)]
    markers = sum(w in _ENGLISH_MARKERS for w in words)
    ratio = markers / len(words) if words else 0.0
    guesses = _langdetect(text)
    evidence = [f"english function words: {markers}/{len(words)}"]
    if guesses:
        evidence.append("langdetect: " + ", ".join(f"{lang} {p:.2f}" for lang, p in guesses[:3]))
    top, prob = guesses[0] if guesses else ("und", 0.0)
    if top == "en" or ratio >= 0.2 or (ratio >= 0.1 and prob < 0.9):
        return "en", round(max(prob if top == "en" else 0.0, min(0.99, 0.5 + ratio * 2)), 4), evidence
    # langdetect is weak on a few words; plain-ASCII words with no other language's markers read as English.
    if len(words) < SHORT_WORDS and text.isascii() and not any(w in _OTHER_MARKERS for w in words):
        evidence.append("short plain-ASCII text with no other-language markers")
        return "en", 0.6, evidence
    return top, round(prob, 4), evidence


def detect(text: str) -> Detection:
    """Detect the language of a text; deterministic, and never raises on short or empty text."""
    text = unicodedata.normalize("NFC", text)
    shares = script_shares(text)
    letters = sum(1 for ch in text if _script(ch))
    share_note = f"script shares: arabic {shares['arabic']:.2f}, latin {shares['latin']:.2f}, other {shares['other']:.2f}"
    if letters < MIN_LETTERS:
        return Detection("und", 0.0, False, shares, (f"only {letters} letters: too short to tell",), reliable=False)
    if shares["arabic"] >= shares["latin"] and shares["arabic"] >= shares["other"]:
        lang, conf, evidence = _arabic_script_language(_only(text, "arabic"))
        conf *= shares["arabic"] if shares["arabic"] < 0.5 else 1.0
    elif shares["latin"] >= shares["other"]:
        lang, conf, evidence = _latin_language(_only(text, "latin"))
    else:
        guesses = _langdetect(text)
        lang, conf = guesses[0] if guesses else ("und", 0.0)
        evidence = ["langdetect: " + ", ".join(f"{g} {p:.2f}" for g, p in guesses[:3])] if guesses else []
    reliable = letters >= 20 and conf >= 0.5
    return Detection(lang, round(conf, 4), lang in SUPPORTED_LANGUAGES, shares, (share_note, *evidence), reliable)
