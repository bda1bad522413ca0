"""What a claim says beyond its figures: negation and antonyms, who said it, and which people and places it names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .text import fold, key, words

_NEGATIONS = {key(w) for w in """not no never nor neither without cannot n't none nothing nobody denied denies deny
refused refuses refuse rejected rejects reject failed fails declined lacks لم لن لا ليس ليست ليسوا ما نفى نفت ينفي
رفض رفضت يرفض ترفض رفضوا فشل فشلت عدم غير دون بدون""".split()}
_ANTONYMS = [
    ("accept", "reject"), ("approv", "reject"), ("confirm", "deni"), ("confirm", "deny"), ("rose", "fell"),
    ("rise", "fall"), ("increas", "decreas"), ("rose", "dropp"), ("won", "lost"), ("win", "los"), ("agree", "refus"),
    ("allow", "bann"), ("opened", "closed"), ("raise", "cut"), ("support", "oppos"), ("acquit", "convict"),
    ("releas", "arrest"),
    ("وافق", "رفض"), ("قبول", "رفض"), ("اكد", "نفى"), ("ارتفع", "انخفض"), ("ارتفع", "تراجع"), ("زاد", "نقص"),
    ("فاز", "خسر"), ("سمح", "منع"), ("فتح", "اغلق"), ("زياد", "انخفاض"), ("ارتفاع", "انخفاض"),
    ("ارتفاع", "تراجع"), ("يؤيد", "يعارض"), ("تأييد", "معارض"),
]
_ANTONYMS = [(key(a), key(b)) for a, b in _ANTONYMS]
_CLITIC_RE = re.compile(r"^(?:[وف]?(?:ال)?|[وف]?[بل]?ال?)")


def _has(stems: set[str], prefix: str) -> bool:
    return any(w.startswith(prefix) or _CLITIC_RE.sub("", w, count=1).startswith(prefix) for w in stems)


def _negated(ws: Sequence[str]) -> bool:
    return any(w in _NEGATIONS or w.endswith("n't") for w in ws)


_QUOTED_RE = re.compile(r'«[^«»]*»|“[^“”]*”|"[^"]*"|„[^„“”]*[“”]')


def polarity(claim: str, evidence: Sequence[str]) -> tuple[str, str] | None:
    """("error" | "warning", why) when a claim and its evidence disagree on an antonym or on negation.

    Quoted words are left out: a quotation is checked word for word on its own.
    """
    if not evidence:
        return None
    cw = [w.lower() for w in words(_QUOTED_RE.sub(" ", claim))]
    ew = [w.lower() for w in words(" ".join(evidence))]
    cs, es = set(cw), set(ew)
    for a, b in _ANTONYMS:
        for said, src in ((a, b), (b, a)):
            if _has(cs, said) and not _has(cs, src) and _has(es, src) and not _has(es, said):
                word = next(w for w in cw if w.startswith(said) or _CLITIC_RE.sub("", w, count=1).startswith(said))
                return "error", f"check the meaning: the claim says {word!r} where its source sentences say the opposite"
    if _negated(cw) and not _negated(ew):
        return "warning", "check the meaning: the claim is negative, the sentences it rests on are not"
    return None


_SPEECH_EN = r"(?:said|says|told|added|stated|announced|warned|declared|insisted|wrote|tweeted|claimed)"
_NAME_EN = r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)"
_SPEAKER_EN = re.compile(rf"{_NAME_EN},?\s+(?:(?:has|had|also)\s+)?{_SPEECH_EN}\b|\b{_SPEECH_EN}\s+{_NAME_EN}"
                         rf"|[Aa]ccording\s+to\s+{_NAME_EN}")
_SPEECH_AR = "قال قالت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت أعلن أعلنت كتب كتبت اعتبر اعتبرت بحسب حسب وفقا وفق نقلا".split()
_SPEAKER_AR = re.compile(rf"(?<![^\W\d_])[وف]?(?:{'|'.join(fold(w)[0] for w in _SPEECH_AR)})\s+(?:ل|لـ\s*)?"
                         r"(?P<name>[^\W\d_]{2,}(?:\s+[^\W\d_]{2,})?)")
_NOT_NAMES = {key(w) for w in """He She They It We I The This That These Those Officials Police Sources
إن أن إنه أنه انه في إلى له لها لهم مصادر مصدر المصدر الوزارة وزير الوزير رئيس الرئيس المتحدث مسؤول مسؤولون
بيان البيان تقرير التقارير وسائل وكالة""".split()}


@lru_cache(maxsize=1024)
def speakers(text: str) -> tuple[str, ...]:
    """Who `text` says is speaking: names next to "said", "according to", قال، أكد، وفقا لـ (folded, lowercase)."""
    folded = fold(text)[0]
    found = []
    for m in list(_SPEAKER_EN.finditer(folded)) + list(_SPEAKER_AR.finditer(folded)):
        name = next(g for g in m.groups() if g)
        ws = [w for w in name.split() if key(w) not in _NOT_NAMES]
        if ws and ws[0][:1].isupper() or ws and not ws[0].isascii():
            found.append(key(ws[-1] if ws[0].isascii() else ws[0]))
    return tuple(found)


def _named(name: str, text_key: str) -> bool:
    return re.search(rf"(?<![^\W\d_])[وبلف]?{re.escape(name)}(?![^\W\d_])", text_key) is not None


def speaker_problem(claim: str, evidence: Sequence[str], around: Sequence[str], article: str) -> str | None:
    """Why a claim's speaker is not who its source sentences quote: another is named there, or nobody is anywhere."""
    said = speakers(claim)
    if not said or not evidence:
        return None
    here = key(" ".join([*evidence, *around]))
    missing = [p for p in said if not _named(p, here)]
    if not missing:
        return None
    others = [p for s in evidence for p in speakers(s) if p not in said]
    if others:
        return f"the source attributes this to {others[0]}, not {missing[0]}"
    if not _named(missing[0], key(article)):
        return f"{missing[0]} is not in the source"
    return None
