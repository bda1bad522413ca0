"""Sentence boundaries: pysbd for Latin-script text, the
project's own rules for Arabic, news fixes for both.

Measured in benchmarks/segment_bench.py: pysbd passes 95 of the 100 English golden rules (these
rules alone: 57); on Arabic news the rules below beat pysbd, which cuts at every `،` and `:`. Both
then get the same news fixes: agency credits such as `(أ .ف .ب)` or `(Saudi Press Agency via AP)`,
photo credits and trailing hashtags stay with the sentence they close, and a credit after a stop
ends the item ("مستمر. (أ.ف.ب) من جهة ثانية…"); an abbreviation such as "D.C." or "St." ends a
sentence before a typical opener; a stop with no space before a capitalised word ("reserved.This")
is cut; a quotation followed by a speech verb («لماذا؟» تساءل) is not. Every function returns
(start, end) cuts of the text it was given, so nothing is ever dropped or rewritten.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["boundaries"]

_CLOSERS = "\"”»'’)]"
_OPENERS = "\"“«'‘(["
_TERMINATOR = re.compile(r"[.!?؟۔…।]+[" + re.escape(_CLOSERS) + r"]*")
_STOPS = ".!?؟۔…"
_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")
_ARABIC_ABBREVIATION = re.compile(r"(?:[\u0621-\u064A]\.)*[\u0621-\u064A]\u0640?")
_ARABIC_ERA = {"م", "ه", "هـ"}  # "2020 م." (AD) and "1446 هـ." (AH) close a sentence
_NUMBER = re.compile(r"[0-9\u0660-\u0669\u06F0-\u06F9]"
                     r"[0-9\u0660-\u0669\u06F0-\u06F9,.\u066B\u066C]*")
_NEXT_WORD = re.compile(r"\s*[" + re.escape(_OPENERS) + r"]*(\S*)")

_AGENCIES = (
    "رويترز|وكالات|الوكالات|واس|قنا|سانا|وام|بنا|كونا|الأناضول|الاناضول|أ ف ب|ا ف ب|د ب أ|د ب ا|يو "
    "بي آي|يو بي اي|Reuters|AP|AFP|dpa|UPI|Agencies|Xinhua|Bloomberg|Anadolu"
)
# A parenthesised credit: a known agency, "X via AP", or
# a dotted abbreviation such as (أ .ف .ب) or (د.ب.ا).
_CREDIT = re.compile(
    r"\(\s*(?:(?:" + _AGENCIES + r")(?:\s*[-–,،/]\s*(?:" + _AGENCIES + r"))*"
    r"|[^()\n]{1,40}\bvia (?:AP|Reuters|AFP)"
    r"|(?:[^\W\d_]{1,3}\s*\.\s*){1,4}[^\W\d_]{1,3}\.?)\s*\)"
)
_PHOTO_CREDIT = re.compile(r"(?:REUTERS|AFP|AP|Getty Images|EPA)(?:/[^\s/]+(?: [^\s/]+){0,3})+")
_HASHTAGS = re.compile(r"(?:(?:#[^\W_][\w]*|[^\W_][\w]*#)\s*)+")
_ATTRIBUTION = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} (?:said|says|tweeted|wrote|"
                          r"told|added|asked)\b")
# Verbs that, right after a closing quotation, name its speaker in the same sentence.
_SPEECH_VERBS = frozenset(
    "قال قالت يقول تقول تساءل تساءلت يتساءل تتساءل سأل سألت يسأل تسأل أضاف أضافت يضيف تضيف "
    "صاح صاحت صرخ صرخت هتف هتفت رد ردت ردّ ردّت علق علقت علّق علّقت أجاب أجابت يجيب أكد أكدت "
    "قالها".split()
)
_SAID = re.compile(_ATTRIBUTION.pattern + r"|(?:asked|said|says|added|wondered|shouted|cried|"
                                          r"replied) [A-Z]?\w")
_QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“"}
# a quotation longer than this is not protected: a lost closing mark must not swallow the text
_QUOTE_SPAN = 600

# Titles and date words followed by a name or number: never a sentence end (used when pysbd is not).
_STRONG = frozenset(
    "Mr Mrs Ms Dr Prof St Gen Gov Sen Rep Lt Col Sgt Capt Maj Adm Rev Hon Mt Ft vs cf approx "
    "e.g i.e Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No".split()
)
_LATIN_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
# Latin-script abbreviations that often end a sentence: they end one only before a typical opener.
_WEAK = frozenset("Inc Ltd Co Corp Jr Sr etc".split())
# An abbreviation that may close a sentence: "D.C.", "U.S.",
# "Downing St.", "Acme Inc." (never "Mr." or "Dr.").
_ABBREVIATION_END = re.compile(r"(?<![\w.])(?:(?:[A-Z]\.){2,}|(?:St|Ave|Rd|Blvd|Sq|Inc|Ltd|Co|Corp|"
                               r"Jr|Sr|etc)\.)(?=\s)")
_GLUED_STOP = re.compile(r"(?<![\w.])([A-Za-z][a-z]{2,}|\d[\d,]*)\.(?=[A-Z][a-z])")
_STARTERS = frozenset(
    "The A An He She It They We I You This That These Those There Their His Her Its Our But And "
    "Yet So In On At As For If When While After Before Meanwhile However Officials Police".split()
)


def boundaries(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, stripped of surrounding whitespace, in order."""
    if not text.strip():
        return []
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    cuts = _latin_cuts(text) if latin > arabic else None
    if cuts is None:
        cuts = _arabic_cuts(text)
    cuts = _news_fixes(text, cuts)
    spans = []
    start = 0
    for cut in [*cuts, len(text)]:
        piece = text[start:cut]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            spans.append((left, start + len(piece.rstrip())))
        start = cut
    return spans


# --- Latin script: pysbd ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _pysbd():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


_QUOTE_AFTER_QUOTE = re.compile(r"[.!?]([”\"’»])\s+(?=[“\"‘«][A-Z])")
_SAFE_END = re.compile(r"\b([a-z]{4,})\.\s+(?=[A-Z])")
_CHUNK = 800  # pysbd's time grows faster than the text: long paragraphs go to it in pieces


def _latin_cuts(text: str) -> list[int] | None:
    """Where pysbd ends sentences, found back in `text`; None when its output cannot be aligned."""
    if not re.search(r"[.!?؟۔…।)．。！？]", text.rstrip()[:-1]):
        return []  # at most a final stop: one sentence, nothing for pysbd to decide
    cuts, start = [], 0
    for end in [*_safe_ends(text), len(text)]:
        piece = _pysbd_cuts(text[start:end])
        if piece is None:
            return None
        cuts.extend(start + cut for cut in piece)
        if end < len(text):
            cuts.append(end)
        start = end
    return _latin_adjust(text, sorted(set(cuts)))


def _safe_ends(text: str) -> list[int]:
    """Cuts every _CHUNK characters or so, at a stop
    after a plain lowercase word and before a capital."""
    ends, last = [], 0
    for match in _SAFE_END.finditer(text):
        if (match.end() - last >= _CHUNK and match.group(1) not in _WEAK and
                match.group(1) not in _STRONG):
            ends.append(match.end())
            last = match.end()
    return ends


# pysbd's numbered-reference rule backtracks exponentially on a long run of digits after a stop and
# a bracket ("note.[" and 28 digits: 6 s, each 4 more ×11): digits past the eighth of a run are
# read as letters, in place, so every offset stays the text's
_LONG_DIGITS = re.compile(r"(?<=\d{8})\d")


def _pysbd_cuts(text: str) -> list[int] | None:
    text = _LONG_DIGITS.sub("x", text)
    try:
        pieces = _pysbd().segment(text)
    except Exception:  # pysbd's regexes are not written for arbitrary input: fall back to our rules
        return None
    cuts, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0 or text[cursor:at].strip():
            return None
        cursor = at + len(piece)
        cuts.append(cursor)
    if text[cursor:].strip():
        return None
    return [_after_closers(text, cut) for cut in cuts[:-1]]


def _after_closers(text: str, cut: int) -> int:
    """pysbd sometimes leaves a closing bracket or quote to the next sentence: give it back."""
    while cut < len(text) and text[cut] in ")]”’»":
        cut += 1
    return cut


def _latin_adjust(text: str, cuts: list[int]) -> list[int]:
    kept = []
    for cut in cuts:
        head = text[max(0, cut - 80) : cut]  # bounded: long paragraphs stay linear
        word = head.rstrip().rsplit(maxsplit=1)[-1] if head.strip() else ""
        following = _NEXT_WORD.match(text, cut).group(1).rstrip(",.;:!?")
        if word.rsplit(".", 2)[-2:-1] in (["Mr"], ["Mrs"], ["Ms"], ["Dr"], ["Prof"]):
            continue  # "Tuesday.Mr. Smith": a title never ends a sentence
        if word.rstrip(".") in _WEAK and following not in _STARTERS:
            continue  # "Acme Inc. Holdings", but "Acme Inc. The firm"
        if re.search(r"[!?][”\"’]\s*$", head) and _SAID.match(text, _skip_space(text, cut)):
            continue  # "…Stability!” Trump said on Twitter."
        kept.append(cut)
    # '…in the pipeline.” “We’re continuing…,” said Oppenheimer': a quote closed on its stop and
    # the next opened, often another speaker's, which pysbd keeps together
    for match in _QUOTE_AFTER_QUOTE.finditer(text):
        kept.append(match.end(1))
    # "Wait… It came.": pysbd keeps these together
    for match in re.finditer(r"…(?=\s+[A-Z])", text):
        kept.append(match.end())
    # "in Washington, D.C. The family", "on Downing St. He"
    for match in _ABBREVIATION_END.finditer(text):
        if _NEXT_WORD.match(text, match.end()).group(1) in _STARTERS:
            kept.append(match.end())
    # "All rights reserved.This material", "bought 1,000.That is"
    for match in _GLUED_STOP.finditer(text):
        if match.group(1) not in _STRONG and not re.search(r"[@/:]|\.\w+\.\w",
                                                           _token_at(text, match.start())):
            kept.append(match.end())
    return sorted(set(kept))


def _token_at(text: str, at: int) -> str:
    start = text.rfind(" ", 0, at) + 1
    end = text.find(" ", at)
    return text[start : end if end >= 0 else len(text)]


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


# --- Arabic script: the project's rules --------------------------------------------------------


def _arabic_cuts(text: str) -> list[int]:
    protected = bytearray(len(text) + 1)  # 1 where a cut would fall inside a quotation or credit
    for start, end in _protected_spans(text):
        protected[start + 1 : end + 1] = b"\x01" * (end - start)
    cuts = []
    for match in _TERMINATOR.finditer(text):
        if protected[match.end()] or not _ends_sentence(text, match):
            continue
        cuts.append(match.end())
    return cuts


def _protected_spans(text: str) -> list[tuple[int, int]]:
    """Quotations and credits: a terminator that ends inside one of these ends no sentence."""
    spans = [(m.start(), m.end() - 1) for m in _CREDIT.finditer(text)]
    for opener, closer in _QUOTE_PAIRS.items():
        for match in re.finditer(re.escape(opener), text):
            end = text.find(closer, match.end(), match.end() + _QUOTE_SPAN)
            if end > 0:
                spans.append((match.start(), end))
    straight = [m.start() for m in re.finditer('"', text)]
    if len(straight) % 2 == 0:
        spans.extend(
            (a, b) for a, b in zip(straight[::2], straight[1::2]) if b - a <= _QUOTE_SPAN
        )
    return spans


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    mark = match.group().rstrip(_CLOSERS)
    after = text[match.end() : match.end() + 1]
    # Arabic copy often drops the space after the stop ("قال.وأضاف"); Latin never splits there.
    if after and not after.isspace() and not _ARABIC_LETTER.match(after):
        return False
    if set(mark) <= {".", "…"} and (len(mark) > 1 or mark == "…"):
        return False  # ".." and "…" join clauses in Arabic copy ("صديقتنا.. وروسيا")
    if mark == "." and _spaced_ellipsis(text, match):
        return False  # "قتلوا . . قتلوه"
    next_word = _NEXT_WORD.match(text, match.end()).group(1)
    if next_word[:1].islower():
        return False
    if match.group()[-1:] in _CLOSERS and next_word in _SPEECH_VERBS:
        # «لماذا؟» تساءل الوزير: the quotation opens the sentence that names its speaker
        return False
    if mark != ".":
        return True
    head = text[max(0, match.start() - 80) : match.start()]
    return not (_arabic_abbreviation(head) or _latin_abbreviation(head, next_word))


def _latin_abbreviation(head: str, next_word: str) -> bool:
    word = head.rsplit(maxsplit=1)[-1].lstrip(_OPENERS) if head.strip() else ""
    if word in _STRONG:
        return word != "No" or next_word[:1].isdigit()
    return (bool(_LATIN_ACRONYM.fullmatch(word) or word in _WEAK) and
            next_word.rstrip(",.;:!?") not in _STARTERS)


def _spaced_ellipsis(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 8) : match.start()].rstrip()
    after = text[match.end() : match.end() + 8].lstrip()
    return (before.endswith(" .") or before.endswith(".") and before[-2:-1].isspace() or
            after.startswith("."))


def _arabic_abbreviation(head: str) -> bool:
    """Whether the word just before a "." is an Arabic
    abbreviation such as د. or أ.د. (not the era م.)."""
    word = head.rsplit(maxsplit=1)[-1].lstrip(_OPENERS) if head.strip() else ""
    if not _ARABIC_ABBREVIATION.fullmatch(word) or not head[-1:].strip():
        return False
    before = head[: len(head.rstrip()) - len(word)].split()
    return not (word in _ARABIC_ERA and before and _NUMBER.fullmatch(before[-1]))


# --- both: news fixes ---------------------------------------------------------------------------


def _news_fixes(text: str, cuts: list[int]) -> list[int]:
    """Keep credits and hashtags with the sentence they close; end a sentence after a credit."""
    kept = []
    for cut in cuts:
        tail = _tail_length(text, cut)
        if tail and not _inside_credit(text, cut):
            kept.append(cut + tail)  # the credit goes with this sentence
        elif not _inside_credit(text, cut):
            kept.append(cut)
    # "(رويترز)* احرقت": the credit ends the story before the next one
    for match in _CREDIT.finditer(text):
        after_stop = text[: match.start()].rstrip()[-1:] in _STOPS
        if text[match.end() : match.end() + 1] == "*" or (
                after_stop and text[match.end() : match.end() + 1].isspace()):
            # "العلاج.(د.ب.ا) تحطمت طائرة": the next item starts after the credit
            kept.append(match.end())
    return sorted({c for c in kept if 0 < c < len(text)})


def _tail_length(text: str, cut: int) -> int:
    """Length of a credit, photo credit or hashtags after
    `cut` (and spaces), if that is all up to a break."""
    start = _skip_space(text, cut)
    for pattern in (_CREDIT, _PHOTO_CREDIT, _HASHTAGS):
        match = pattern.match(text, start, start + 300)
        if match and _is_break(text[match.end() : match.end() + 2],
                               match.end() >= len(text.rstrip())):
            return match.end() - cut
    return 0


def _is_break(following: str, at_end: bool) -> bool:
    return at_end or following[:1] == "*" or following[:1].isspace()


def _inside_credit(text: str, cut: int) -> bool:
    return any(m.start() < cut < m.end()
               for m in _CREDIT.finditer(text, max(0, cut - 60), cut + 60))
