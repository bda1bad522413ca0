"""`check`: each claim of an output against the source
sentences it rests on, then against the whole article."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import combinations
from typing import Any, Callable, Iterator, Sequence

from ..records import Finding
from .claims import Claim, Source, claims, in_sentences, prepare, supported_nearby, window
from .dates import MONTHS, WEEKDAYS, DateMention, extract_dates, overlaps, period_months
from .entail import contradictions
from .extract import extract_numbers
from .meaning import misattributed, polarity, speaker_problem, speakers
from .names import (is_known_place, kin, named_in, names, rare_unknown, unknown_people,
                    unknown_places)
from .numbers import SCALE_OF, Quantity, says_computed, says_total
from .quotes import comparable, cut_words, locate, quote_spans
from .relations import relations
from .relative import article_day, disagreement, extract_relative
from .text import key, language, stem, words


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(str(i) for i in ids)


def _next_to(ids: Sequence[int], count: int) -> list[int]:
    """The sentences next to `ids` (of `count` in all) that are not among them."""
    return sorted({j for i in ids for j in (i - 1, i + 1) if 0 <= j < count} - set(ids))


def _elsewhere(what: str, ids: Sequence[int]) -> str:
    return f"{what} is in the article, but not in the sentences this claim rests on: {_ids(ids)}"


_BOTH = {key(w) for w in ("both", "كلا", "كلتا")}
_DAYS_IN = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "year": 365.25}


def _same_thing(s: Quantity, q: Quantity) -> bool:
    """Whether two figures may count the same thing:
    no counted noun on one side, or the same one."""
    return not (s.noun and q.noun) or s.noun == q.noun


def _round_digits(q: Quantity) -> int:
    """The digits a figure states past its trailing zeros:
    2 for "320" and "11.5 million", 1 for "12 million"."""
    digits = ("".join(c for c in f"{q.value / q.precision:.0f}" if c.isdigit()) if q.precision
              else "")
    return len(digits.rstrip("0")) or 1


def _matches(s: Quantity, q: Quantity, loose: bool = True) -> bool:
    """Whether source figure `s` backs output figure
    `q`: equal, rounded as `q` shows, or within a hedge.

    A hedge's tolerance ("about 60", "more than 40") holds only `loose`ly: for a figure of the
    sentences the claim rests on that counts the same thing, never for any figure of the article
    ("about sixty villages" does not back "61 civilians").
    """
    sv, qv = s.value, q.value
    # "half a year" is six months
    if q.unit in _DAYS_IN and s.unit in _DAYS_IN and q.unit != s.unit:
        sv, qv = sv * _DAYS_IN[s.unit], qv * _DAYS_IN[q.unit]
        return abs(sv - qv) <= 0.03 * max(sv, qv)
    if q.kind == "fraction" or s.kind == "fraction":
        sv = sv * 100 if s.kind == "fraction" and q.kind == "percent" else sv
        qv = qv * 100 if q.kind == "fraction" and s.kind == "percent" else qv
        # "almost half" for 47.3 %, "a fifth" for 21 %
        if s.kind != q.kind and "percent" in (s.kind, q.kind):
            return abs(sv - qv) <= (0.1 * max(sv, qv) if q.hedge or s.hedge else 3.0)
    if q.high is not None:
        return q.value <= sv <= q.high or (s.high is not None and s.value == q.value)
    if sv == qv or abs(sv - qv) <= 1e-9 * max(abs(sv), 1.0):
        return True
    hedged = loose and _same_thing(s, q)
    if hedged and (q.hedge == "about" or s.hedge == "about"):
        # a hedge lets the claim round the figure, not give another as precise ("around 12 million"
        # backs "about 12 million" and "nearly 12 million", never "some 11.5 million")
        # a round figure ("about 40 million") may stand for one a tenth away, one that is not
        # ("about 38 million") only for one within a unit of its last digit (not 35.2 million)
        near = (0.1 * max(abs(qv), abs(sv)) if _round_digits(q) < 2 or
                round(qv / q.precision) % 5 == 0 else q.precision)
        return _round_digits(q) < _round_digits(s) and abs(sv - qv) <= near
    if hedged and q.hedge in ("more", "less"):
        return qv <= sv <= 1.5 * qv if q.hedge == "more" else qv / 1.5 <= sv <= qv
    # rounded as the claim writes it ("130 million" for
    # 129.7 million; "9 %" for 8.8 %, the source's decimals)
    rounds = q.significant >= 2 or s.precision < q.precision and abs(sv - qv) <= 0.05 * abs(qv)
    return rounds and abs(sv - qv) <= q.precision / 2 * (1 + 1e-9)


def _scaled(source: Sequence[Quantity]) -> list[Quantity]:
    """A sentence's bare figures read with the scale its other
    figures carry: "4.6 million in 2010, up from 3.7"."""
    scales = {SCALE_OF[w] for f in source if f.kind in ("number", "currency")
              for w in words(f.text.lower())
              if w in SCALE_OF and len(w) > 1}
    return [replace(s, value=s.value * k, precision=s.precision * k) for s in source for k in scales
            if s.precision < 1 and s.kind == "number"]


def _number_problem(q: Quantity, source: Sequence[Quantity], loose: bool = True) -> str | None:
    same = [s for s in [*source, *(_scaled(source) if loose else ())] if _matches(s, q, loose)]
    if not same:
        return f"{q.text} is not in the source"
    if q.kind == "percent" and not any(s.kind in ("percent", "fraction") for s in same):
        return f"{q.text} is not a percentage in the source"
    if q.kind == "currency" and not any(s.unit == q.unit or s.kind in ("number", "year") and
                                        not s.unit for s in same):
        units = sorted({s.unit for s in same if s.unit})
        return f"{q.text}: the source gives this amount in {', '.join(units) or 'another unit'}"
    if q.kind == "number" and q.unit and not any(s.unit in (q.unit, None) or s.kind != "number" or
                                                 {s.unit, q.unit} <= set(_DAYS_IN) for s in same):
        return (f"{q.text}: the source gives this figure in "
                f"{sorted({s.unit for s in same if s.unit})[0]}, not {q.unit}")
    return None


def _date_problem(d: DateMention, source: Sequence[DateMention], loose: bool = True) -> str | None:
    if d.weekday is not None:
        return (None if d.weekday in {s.weekday for s in source}
                else f"{WEEKDAYS[d.weekday][0]} is not in the source")
    if d.year and d.year not in {s.year for s in source}:
        return f"the year {d.year} is not in the source"
    if d.month is None:
        return None
    name = MONTHS[d.month][0]
    if d.month not in {s.month for s in source}:
        return f"{name} is not in the source"
    if d.day and (d.month, d.day) not in {(s.month, s.day) for s in source}:
        return f"{name} {d.day} is not in the source"
    if d.year and not any(s.month == d.month and s.year in (d.year, None) for s in source):
        return f"{name} {d.year} is not in the source"
    return None


def _grounded(src: Source, claim: Claim, what: str, problem: Callable, item: Quantity | DateMention,
              blind: bool) -> tuple[str, str] | None:
    """(severity, why) for one figure or date: backed where
    the claim rests, elsewhere (warning), nowhere (error).

    A figure backed by another sentence about the same thing (the words around it in the claim) is a
    fused claim's second source, not a wrong fact, unless the claim restates its main sentence word
    for word and that sentence gives the thing another value (`_restated`). A figure never written
    but worked out from two others is a warning; a date written out from the article's own
    relative dates and weekdays is backed. `blind`: across languages with no translation, where
    the words around a figure cannot be compared, only the article as a whole is.
    """
    if claim.evidence and not problem(item, in_sentences(src, claim.evidence, what)):
        return _restated(src, claim, what, problem, item)
    everywhere = src.everywhere[what] or (extract_dates(src.text) if what == "dates"
                                          else extract_numbers(src.text))
    # a hedge's tolerance is the evidence's, where there is one
    why = problem(item, everywhere, not claim.evidence)
    if why and what == "numbers" and item.value == 2 and item.kind == "number" and (
            _BOTH & _words_of(" ".join(src.sentences[i] for i in claim.evidence))):
        return None  # "the two sides" where the sentence says "both sides"
    if (why and (why.endswith("is not in the source") or "the source gives this" in why) and
            what == "numbers" and (parts := _computed(item, src, claim))):
        return "warning", f"{item.text} is not in the article: computed from {parts}? Check it"
    if why and what == "dates" and item.weekday is None and not problem(
            item, [d for d in src.dated if item.day or not d.day]):
        # a day the article names by its own date ("on Tuesday", "الخميس المقبل") written out; a
        # year or a month only by a relative year or month ("last year")
        return None
    if why:
        return "error", why
    if not claim.evidence or blind:
        return None
    holding = [i for i in range(len(src.sentences))
               if not problem(item, in_sentences(src, (i,), what), False)]
    if restated := _restated(src, claim, what, problem, item):
        return restated
    start = item.start
    if supported_nearby(src, claim.text, start, start + len(item.text), holding):
        return None
    # the main sentence's figures that the claim does not give too (a claim that gives both sets
    # them side by side: "$9.32 a share, below the estimate of $10.38")
    main = in_sentences(src, (claim.best,), what) if claim.best is not None else []
    if what == "numbers":
        given = {q.value for q in extract_numbers(claim.text)}
        main = [f for f in main if f.value not in given]
    rival = _rival(item, main)
    if rival and _said_alike(claim.text, item, src.sentences[claim.best], rival):
        return "error", (f"claim: {item.text}; sentence {claim.best}: {rival.text} "
                         "(the same thing, another value)")
    return "warning", _elsewhere(item.text, claim.evidence)


def _restated(src: Source, claim: Claim, what: str, problem: Callable,
               item: Quantity | DateMention) -> tuple[str, str] | None:
    """An error where the claim restates its main sentence word for word but for one figure, which
    that sentence gives another value ("$1.23 per share" in "Apple earned $7.7 billion, or $X per
    share, in the three months through June 28", that says $1.28) and another sentence gives to
    another thing (the analysts' estimate): the figure moved, not a fused claim."""
    if claim.best is None or what != "numbers":
        return None
    main = in_sentences(src, (claim.best,), what)
    # backed there, exactly or rounded within the claim's "about" ("some 600 km" for its "620 km";
    # a bound, "more than 83 %" for its "more than 93 %", is not)
    if not problem(item, main, False) or (item.hedge == "about" and not problem(
            item, main)) or not (rival := _rival(item, main)):
        return None
    if any(q.value == rival.value for q in extract_numbers(claim.text)) or (
            re.sub(r"\D", "", rival.text) == re.sub(r"\D", "", item.text)):
        return None  # the claim gives both (the two compared), or the one at another scale
    mine = _words_of(claim.text)
    if len(mine) < 4 or len(mine - _words_of(src.sentences[claim.best])) > len(mine) // 5:
        return None
    return "error", (f"claim: {item.text}; sentence {claim.best}: {rival.text} (the same thing, "
                     "another value)")


def _said_alike(claim: str, item: Quantity | DateMention, sentence: str,
                rival: Quantity | DateMention) -> bool:
    """Whether the claim says of its figure something of what the sentence says of its rival, past
    the noun they count ("150,000 people had to leave their homes" is not "77 people were killed"):
    else the two are other facts, the claim's perhaps from another sentence."""
    if sentence[rival.start:rival.end] != rival.text:
        return True  # the rival is the translation's: its words are not the sentence's
    noun = {item.noun} if isinstance(item, Quantity) and item.noun else set()
    mine = {stem(w) for w in words(window(claim, item.start, item.end))} - noun
    theirs = {stem(w) for w in words(window(sentence, rival.start, rival.end))} - noun
    return bool(mine & theirs) or not mine or not theirs


def _words_of(text: str) -> set[str]:
    """The keyed content words of a text, figures left out."""
    return {key(w) for w in words(text) if len(w) >= 3 and not any(c.isdigit() for c in w)}


def _rival(item: Quantity | DateMention,
           there: Sequence[Quantity | DateMention]) -> Quantity | DateMention | None:
    """The figure or date of the claim's main sentence that says the
    same kind of thing as `item` with another value: the same counted
    noun and unit, or a weekday for a weekday, a month for a month."""
    for other in there:
        if isinstance(item, Quantity) and isinstance(other, Quantity):
            if ((other.kind, other.unit) == (item.kind, item.unit) and item.noun and
                    other.noun == item.noun):
                return other
        elif isinstance(item, DateMention) and isinstance(other, DateMention):
            if item.weekday is not None and other.weekday is not None or (
                    item.weekday is None and item.month and other.month and
                    item.year == other.year):
                return other
    return None


_POINTS_RE = re.compile(r"point|نق[اط]", re.IGNORECASE)  # percentage points, نقاط مئوية


def _computed(q: Quantity, src: Source, claim: Claim) -> str | None:
    """The two figures of the claim's sentences (or of the claim itself) whose difference, sum or
    ratio `q` is, in one kind and unit: a total, a gap, "six years later", a share ("less than half"
    of $7.3 billion for $3.3 billion), which the article never writes but does back.  A one-digit
    figure is too easily some difference to count, unless it is a span of years."""
    exact = 1e-9 * max(1, abs(q.value))
    if q.kind != "fraction" and not _times(q) and not says_computed(claim.text, q.start):
        # a figure the claim does not say it works out is a figure the article must give, unless
        # it has the digits to tell it from chance and two figures of one of its sentences make it
        # to the digit ("1100 houses fell wholly or partly" for 630 and 470)
        return next((found for i in claim.evidence if q.significant >= 3 or q.precision >= 1000
                     for g in _groups(in_sentences(src, (i,), "numbers"), q)
                     if (found := _pair(q, g, exact, plain=True))), None)
    ids = sorted({*claim.evidence, *_next_to(claim.evidence, len(src.sentences))})
    article = in_sentences(src, range(len(src.sentences)), "numbers")
    # and the figures of the whole article that count what the claim's figure counts ("39 cents",
    # "45 cents")
    same = [f for f in article if q.noun and f.noun == q.noun]
    pool = [f for f in dict.fromkeys([*in_sentences(src, ids, "numbers"),
                                      *extract_numbers(claim.text), *same])
            if f != q][:40]
    groups = _groups(pool, q)
    if q.unit == "year" or "year" in q.text.lower() or "later" in claim.text.lower():
        groups[0] |= {d.year: str(d.year) for d in in_sentences(src, ids, "dates") if d.year}
    elif q.significant < 2 and q.kind != "fraction" and not (q.precision < 1 or
                                                             _POINTS_RE.search(q.text) or
                                                             _times(q)):
        # a one-digit figure is too easily some difference: only a gap of large figures of the
        # claim's own sentences, a decimal one, or percentage points count
        near = [*in_sentences(src, claim.evidence, "numbers"),
                *(f for f in pool if q.noun and f.noun == q.noun)]
        groups = [{v: t for v, t in g.items() if v >= 10 and any(f.value == v for f in near)}
                  for g in groups]
    tolerance = (q.precision / 2 if q.significant >= 2 else exact) if q.kind != "fraction" else 0.02
    if found := next((f for g in groups if (f := _pair(q, g, tolerance))), None):
        return found
    for i in claim.evidence:
        if found := _listed(q, in_sentences(src, (i,), "numbers"), exact):
            return found
    if q.significant < 2 and q.kind != "fraction" and not _times(q):
        return None
    # "the dead, missing and injured together numbered 111": three figures of the claim's
    # sentences and their neighbours, to the digit, where the claim says it adds them up
    if says_total(claim.text):
        for g in groups:
            for three in combinations(list(g.items())[:20], 3):
                if abs(sum(v for v, _ in three) - q.value) <= exact:
                    return " + ".join(t for _, t in three)
    # elsewhere in the article only two figures of one
    # sentence, to the digit (a gap, a total, a share)
    for i in range(len(src.sentences)):
        for g in _groups(in_sentences(src, (i,), "numbers"), q):
            if found := _pair(q, g, exact if q.kind != "fraction" else 0.02):
                return found
    # or of two sentences, of one kind and unit, when the claim's figure has the digits to tell it
    # from chance
    if q.significant >= 2 or q.precision >= 1000:
        everywhere = [f for f in article if f != q][:60]
        return next((f for g in _groups(everywhere, q)[:1] if (f := _pair(q, g, exact))), None)
    return None


def _listed(q: Quantity, figures: Sequence[Quantity], exact: float) -> str | None:
    """The figures of one sentence that `q` totals: all of its kind, unit and noun when it lists
    three or more ("317 seats, 137 seats, 59 seats and 40 seats" for "553 seats between them"), or
    one of them times a count of two to five the sentence gives ("each captured 112 seats" by "the
    two parties" for "together won 224"; "two seven-year sentences" for "14 years")."""
    alike = [f for f in figures if f.high is None and (f.kind, f.unit) == (q.kind, q.unit) and
             f.value != q.value]
    listed = [f for f in alike if q.noun and f.noun == q.noun] or alike
    if len(listed) >= 3 and abs(sum(f.value for f in listed) - q.value) <= exact:
        return " + ".join(f.text for f in listed)
    counts = {f.value: f.text for f in figures if f.kind == "number" and f.high is None and
              f.value in (2, 3, 4, 5)}
    return next((f"{text} × {f.text}" for f in alike for count, text in counts.items()
                 if f.value != count and abs(count * f.value - q.value) <= exact), None)


def _groups(figures: Sequence[Quantity], q: Quantity) -> list[dict[float, str]]:
    """The figures that may make `q`, value -> as written, one group per kind and unit: q's own (a
    gap, a total), or for a fraction each kind of amount (a share of it)."""
    groups: dict[tuple, dict[float, str]] = {(q.kind, q.unit): {}}
    # a share, a change or a multiple of amounts
    of_amounts = q.kind in ("fraction", "percent") or _times(q)
    # a gap in points between two rates ("44 points" for 288.74% and 244.68%)
    points = q.kind == "number" and q.noun in ("point", "نقط")
    for f in figures:
        if f.high is None and (points and f.kind == "percent" or q.kind == "currency" and
                               f.kind == "number" and f.precision >= 1e5 and not f.unit):
            # or an amount whose currency its sentence gave once ("13.2 مليون دينار ... من 8.4
            # مليون")
            groups[(q.kind, q.unit)][f.value] = f.text
        elif f.high is None and ((f.kind, f.unit) == (q.kind, q.unit) or of_amounts and
                               f.kind in ("number", "currency",
                                          *(("percent",) if _times(q) else ()))):
            groups.setdefault((f.kind, f.unit), {})[f.value] = f.text
    return list(groups.values())


def _times(q: Quantity) -> bool:
    """Whether a figure is a multiple ("four times", "threefold", أضعاف)."""
    return q.kind == "number" and (q.noun in ("tim", "time", "ضعف", "اضعف", "اضعاف") or
                                   q.text.lower().endswith("fold"))


def _bounded(q: Quantity, value: float) -> bool:
    """Whether `value` is what q's "less than" or "more
    than" bounds ("less than half" of a share of 0.45)."""
    return (q.hedge == "less" and q.value / 1.5 <= value < q.value) or (
        q.hedge == "more" and q.value < value <= 1.5 * q.value)


def _pair(q: Quantity, written: dict[float, str], tolerance: float,
          plain: bool = False) -> str | None:
    """The two figures (value -> as written) whose difference, sum or (for
    a fraction) ratio is `q`'s value; for a percentage also the change
    from one to the other, for a multiple ("four times") their ratio.
    `plain`: a difference or a sum only."""
    # a change or a multiple is itself rounded: to the claim's last digit, or within its hedge
    rounded = max(tolerance, 0.5 if q.precision >= 1 else q.precision / 2,
                  0.1 * q.value if q.hedge else 0)
    values = sorted(written)
    for i, a in enumerate(values):
        for b in values[i + 1:]:
            # (value, how it is made, tolerance, whether "less than"/"more than" bound it)
            ways = [(b - a, f"{written[b]} - {written[a]}", tolerance, False),
                    (a + b, f"{written[b]} + {written[a]}", tolerance, False)]
            if q.kind == "fraction" and not plain:
                ways.append((a / b, f"{written[a]} / {written[b]}", tolerance, True))
            if q.kind == "percent" and a and not plain:  # a rise or fall in per cent, either end
                ways += [((b - a) / end * 100, f"the change between {written[a]} and {written[b]}",
                          rounded, False)
                         for end in (a, b)]
            if _times(q) and a and not plain:
                ways.append((b / a, f"{written[b]} / {written[a]}", rounded, True))
            for result, parts, slack, bounded in ways:
                if abs(result - q.value) <= slack or bounded and _bounded(q, result):
                    return parts
    return None


# Words before a relative date that make it what a figure is compared with, not when the claim's
# event happened ("down 14 points from the end of last week", "عن نهاية الأسبوع الماضي")
_AGAINST = {key(w)
            for w in "from than compared against versus عن مقارنة مقارنه بالمقارنة مقابل".split()}


def _compared_with(text: str, start: int) -> bool:
    return bool(_AGAINST & {key(w) for w in words(text[:start])[-3:]})


def _figures(src: Source, claim: Claim, cross: bool) -> Iterator[tuple[int, Finding]]:
    blind = cross and not src.translated
    for rel in extract_relative(claim.text) if src.anchor and claim.evidence else ():
        if _compared_with(claim.text, rel.start):
            continue
        if why := disagreement(rel, src.anchor, in_sentences(src, claim.evidence, "dates")):
            yield rel.start, Finding("date", rel.text, why, "error", claim.text, claim.evidence)
    dates = extract_dates(claim.text)
    for d in dates:
        if found := _grounded(src, claim, "dates", _date_problem, d, blind):
            yield d.start, Finding("date", d.text, found[1], found[0], claim.text, claim.evidence)
    # "the first six months" names months and counts nothing, where the article names them too
    # ("the first semester"); else its figure is checked as any other
    named = period_months(claim.text)
    months = {d.month for d in src.everywhere["dates"] if d.month} if named else set()
    periods = [d for d in named if all(p.month in months for p in named if p.text == d.text)]
    for q in extract_numbers(claim.text):
        if q.kind == "year" or overlaps(q, dates) or overlaps(q, periods) or _marker(
                src, claim.text, q):
            continue
        if found := _grounded(src, claim, "numbers", _number_problem, q, blind):
            yield q.start, Finding("number", q.text, found[1], found[0], claim.text, claim.evidence)


def _marker(src: Source, claim: str, q: Quantity) -> bool:
    """Whether a bare number ending a claim ("… Cross Sell 3.") is the number of the article's next
    list item, an extract's headings run together: the article opens a line with it ("3. Conversion
    Test …")."""
    return (q.kind == "number" and not q.unit and not q.noun and claim[q.end:].strip() == "." and
            re.search(rf"(?m)^\s*{re.escape(q.text)}[.)]\s", src.text) is not None)


def quote_sentences(src: Source, claim: str, cross: bool) -> tuple[int, ...]:
    """The source sentences the claim's quotations are taken
    from (through the translation across languages)."""
    pool = (src.translated if cross and src.translated and len(src.translated) == len(src.sentences)
            else src.sentences if not cross else ())
    found = []
    for q in quote_spans(claim):
        if not q.name:
            found += [i for i, s in enumerate(pool)
                      if locate(comparable(s), q.inner.split("...")[0].split("…")[0])]
    return tuple(dict.fromkeys(found))


def _quotes(src: Source, claim: Claim, cross: bool) -> Iterator[tuple[int, Finding]]:
    article = src.comparable
    translation = src.translation_comparable if cross else None
    for q in quote_spans(claim.text):
        if q.name:
            haystack = src.keyed
            if (not cross or translation is not None) and not all(named_in(key(w), haystack)
                                                                  for w in q.inner.split()):
                yield q.start, Finding("name", q.text, "this name or title is not in the source",
                                       "error", claim.text, claim.evidence)
            continue
        pieces = locate(article, q.inner)
        hay = article
        if pieces is None and translation is not None:
            pieces, hay = locate(translation, q.inner), translation
        if pieces is None:
            severity, why = (("warning", "this quote is not verbatim in the source and there is "
                              "no translation to match it against")
                             if cross and translation is None
                             else ("error", "these quoted words are not in the source"))
            yield q.start, Finding("quote", q.text, why, severity, claim.text, claim.evidence)
        elif cut := cut_words(hay, pieces):
            yield q.start, Finding("quote", q.text,
                                   f"the cut leaves out {cut!r}: check the quote "
                                   "still says what the source says", "error", claim.text,
                                   claim.evidence)


def _meaning(src: Source, claim: Claim, cross: bool) -> Iterator[tuple[int, Finding]]:
    texts = [src.sentences[i] for i in claim.evidence]
    if cross:
        if not src.translated or len(src.translated) != len(src.sentences):
            texts = []
        else:
            texts = [src.translated[i] for i in claim.evidence]
    pool = src.translated if cross else src.sentences
    quoted = quote_sentences(src, claim.text, cross) if texts else ()
    # a quote's speaker is named where the quote is; a statement's in the sentence it rests on most
    said = [pool[i] for i in quoted] or ([pool[claim.best]] if texts and claim.best is not None
                                         else texts)
    anchors = quoted or ((claim.best,) if claim.best is not None else claim.evidence)
    before = [pool[j] for i in anchors for j in range(max(0, i - 3), i)] if texts else []
    # A claim the source says word for word (or its sentences joined) cannot change its meaning or
    # speaker; a question affirms nothing.
    verbatim = not cross and _verbatim(claim.text, src.sentences, src.text)
    question = claim.text.rstrip(" \"'”’»)").endswith(("?", "؟"))
    if not (verbatim or question) and (found := polarity(claim.text, texts,
                                                         pool[claim.best] if texts and
                                                         claim.best is not None else None)):
        yield 0, Finding("meaning", claim.text, found[1], found[0], claim.text, claim.evidence)
    if texts and not (verbatim or question):
        near = [pool[j] for j in _next_to(claim.evidence, len(pool))]
        for severity, why in relations(claim.text, list(zip(claim.evidence, texts)), near):
            yield 0, Finding("meaning", claim.text, why, severity, claim.text, claim.evidence)
    if not verbatim and (why := speaker_problem(claim.text, said, before,
                                                " ".join([src.text, *(src.translated or ())]))):
        yield 0, Finding("speaker", claim.text, why, "error", claim.text, claim.evidence)
    elif not verbatim and texts and (why := misattributed(claim.text, texts, before, pool)):
        yield 0, Finding("speaker", claim.text, why, "error", claim.text, claim.evidence)
    everywhere = src.keyed
    here = key(" ".join([*texts, *before]))
    speaking = set(speakers(claim.text))  # a speaker's name is the speaker check's business
    if not cross and src.language == "ar" and not verbatim:
        quoted = {key(w) for q in quote_spans(claim.text) for w in q.inner.split()}
        rare = rare_unknown(claim.text, everywhere, quoted)
        for written in rare:
            yield 0, Finding("name", written,
                             f"{written} is not in the source (a name, or a word the article never "
                             "uses)", "error", claim.text, claim.evidence)
        for what, found in (("place", unknown_places), ("person", unknown_people)):
            for written in found(claim.text, everywhere):
                if written not in rare:
                    yield 0, Finding("name", written, f"{written} is not in the source (a {what} "
                                     "the article never names)", "error", claim.text,
                                     claim.evidence)
    # the words of the days known by name ("Christmas Day"): dates, checked as dates
    dated = {key(w) for d in extract_dates(claim.text) if d.month and not d.year and not
             any(c.isdigit() for c in d.text) for w in words(d.text)}
    # a name inside the claim's quotation is the quote check's, word for word
    inside = [(q.start, q.end) for q in quote_spans(claim.text)]
    for name, written in names(claim.text):
        if (cross and not src.translated and not is_known_place(name)) or (
                {key(w) for w in words(written)} <= dated):
            continue
        at = claim.text.find(written)
        if any(a <= at < b for a, b in inside):
            continue
        if not named_in(name, everywhere) and not any(named_in(other, everywhere)
                                                      for other in kin(name)):
            yield 0, Finding("name", written, f"{written} is not in the source", "error",
                             claim.text, claim.evidence)
        elif texts and not verbatim and not is_known_place(name) and name not in speaking and \
                not named_in(name, here) and not _name_nearby(src, claim.text, name, cross):
            yield 0, Finding("name", written, _elsewhere(written, claim.evidence), "warning",
                             claim.text, claim.evidence)


def _verbatim(claim: str, sentences: Sequence[str], source: str) -> bool:
    """Whether the claim is a passage of the source, or source sentences put side by side: whole
    ones, and at its edges passages of others (sentences joined in a summary may split again
    elsewhere, at a quote left open)."""
    flat, whole = " ".join(claim.split()), " ".join(source.split())
    if flat in whole:
        return True
    # longest first: a short one may be inside another
    for sentence in sorted(sentences, key=len, reverse=True):
        flat = flat.replace(" ".join(sentence.split()), "\0")
    return all(piece.strip() in whole for piece in flat.split("\0")
               if any(ch.isalpha() for ch in piece))


def _name_nearby(src: Source, claim: str, name: str, cross: bool) -> bool:
    """Whether a sentence naming `name` is about what the
    claim says around it (a fused claim's other source)."""
    text = key(claim)
    at = text.find(name)
    parallel = cross and src.translated and len(src.translated) == len(src.sentences)
    holding = [i for i, s in enumerate(src.keyed_translated if parallel else src.keyed_sentences)
               if named_in(name, s)]
    return at >= 0 and supported_nearby(src, text, at, at + len(name), holding)


def claims_of(source: str, output: str, *, translated_source: str | None = None,
              evidence: Sequence[int] | None = None, sentences: Sequence[str] | None = None,
              translated_sentences: Sequence[str] | None = None,
              article_date: object = None) -> tuple[Source, list[Claim]]:
    """The source made ready and the output's claims with their evidence, as `check` reads them (a
    judge asks about the same claims)."""
    src = prepare(source, tuple(sentences) if sentences is not None else None, translated_source,
                  tuple(translated_sentences) if translated_sentences is not None else None,
                  article_day(article_date))
    return src, claims(src, output, evidence)


def check(source: str, output: str, *, translated_source: str | None = None,
          evidence: Sequence[int] | None = None, sentences: Sequence[str] | None = None,
          translated_sentences: Sequence[str] | None = None,
          nli: Any = None, article_date: object = None) -> tuple[Finding, ...]:
    """Findings for what `output` says that `source` does not back, claim by claim, in output order.

    `sentences` are the source's as the run numbered them (else split here the same way),
    `translated_sentences` their translation one for one; `evidence` the source sentence ids the
    whole output rests on (a key point's); `nli` a models.classify.Classifier (an entailment model)
    asked about every claim against its evidence; `article_date` (ISO, as Article.date) what
    relative dates count from ("yesterday", العام الماضي), unchecked without it.
    """
    src, each = claims_of(source, output, translated_source=translated_source, evidence=evidence,
                          sentences=sentences, translated_sentences=translated_sentences,
                          article_date=article_date)
    cross = src.language != language(output)
    found: list[tuple[int, Finding]] = []
    for claim in each:
        for step in (_figures, _quotes, _meaning):
            found += [(claim.start + offset, finding)
                      for offset, finding in step(src, claim, cross)]
    if nli is not None:
        found += contradictions(src, each, nli)
    return tuple(dict.fromkeys(f for _, f in sorted(found, key=lambda pair: pair[0])))
