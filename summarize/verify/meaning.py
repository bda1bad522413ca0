"""What a claim says beyond its figures: negation and antonyms,
who said it, and which people and places it names."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from .dates import MONTHS, WEEKDAYS
from .names import arabic_forms
from .numbers import SCALE_OF
from .quotes import quote_spans, unquoted
from .text import STOP, fold, fold_text, key, language, stem, words

_NEGATIONS = {key(w) for w in """not no never nor neither without cannot n't none nothing nobody
denied denies deny refused refuses refuse rejected rejects reject failed fails declined lacks لم لن
لا ليس ليست ليسوا نفى نفت ينفي رفض رفضت يرفض ترفض رفضوا فشل فشلت عدم غير بدون""".split()}
# negate a word ("غير مسبوقة"), not the sentence
_WEAK = {key(w) for w in ("غير", "بدون", "without")}


_ONLY = {key(w) for w in ("سوى", "إلا", "الا")}
# "لا يزال", "ما زالت": "still", no negation ("لم يعد", "no longer", is one)
_STILL = {key(w) for w in "يزال تزال يزالون زال زالت زالوا نزال".split()}


def _negated(ws: Sequence[str]) -> bool:
    # "ما لا يقل عن" is "at least", "لا سيما" "especially"; "لم يتبق سوى شهر", "لا … إلا" say
    # "only": no negation
    if any(w == "yet" and ws[i + 1:i + 2] == ["to"] for i, w in enumerate(ws)):
        return True  # "have yet to announce": not yet
    return any(((w in _NEGATIONS and w not in _WEAK) or w.endswith(("n't", "n’t"))) and not (
        w == "لا" and (ws[i + 1:i + 2] in (["يقل"], ["تقل"], ["سيما"]))) and not (
        w in ("لم", "لا", "لن", "ليس") and _ONLY & set(ws[i + 1:i + 10])) and not (
        w in ("لا", "ما") and ws[i + 1:i + 2] and ws[i + 1] in _STILL) for i, w in enumerate(ws))


_PARTICLES = {key(w)
              for w in "not no never nor neither cannot لم لن لا ليس ليست ليسوا غير عدم".split()}


_VERB_PARTICLES = {key(w) for w in "not never cannot لم لن ليس ليست ليسوا".split()}


def _targets(ws: Sequence[str], reach: int = 2, particles: set[str] = _PARTICLES) -> set[str]:
    """Stems of the words a negating particle governs: the
    content words right after it ("not only" governs nothing).

    Verbs that negate ("refused", رفض) govern objects, not a negated act: antonyms deal with them.
    """
    found: set[str] = set()
    for i, w in enumerate(ws):
        if (w in particles or w.endswith(("n't", "n’t"))) and ws[i + 1:i + 2] != ["only"]:
            found |= {_verb_stem(x) for x in _content(ws[i + 1:i + 1 + 3 * reach])[:reach]}
    return found


# English verbs whose past is another word: "gave an updated toll" is "did not give" one, affirmed
_IRREGULAR = dict(pair.split(":") for pair in """gave:give took:take made:make won:win lost:lose
went:go came:come held:hold found:find told:tell left:leave met:meet paid:pay sent:send led:lead
fell:fall rose:rise began:begin brought:bring bought:buy kept:keep sold:sell said:say saw:see
got:get ran:run spoke:speak chose:choose broke:break wrote:write knew:know grew:grow sought:seek
struck:strike fled:flee built:build spent:spend stood:stand caught:catch fought:fight
thought:think heard:hear became:become withdrew:withdraw""".split())


def _content_stems(ws: Sequence[str]) -> set[str]:
    return {_verb_stem(w) for w in _content(ws)}


_CLAUSE_END_RE = re.compile(r"(?<!\d)[,،](?!\d)|[;:؛!?]|\s[-–—]\s"
                            r"|\b(?:but|however|although|though)\b"
                            r"|(?<![^\W\d_])و?(?:لكن|بينما|فيما)(?![^\W\d_])")


def _affirmed(text: str, stems: set[str]) -> bool:
    """Whether `text` says some of `stems`, each only in clauses that negate nothing ("the union did
    not give up, but won the vote" affirms winning)."""
    said: dict[str, bool] = {}
    for part in _CLAUSE_END_RE.split(text):
        ws = [w.lower() for w in words(part)]
        for found in _content_stems(ws) & stems:
            said[found] = said.get(found, True) and not _negated(ws)
    return bool(said) and all(said.values())


def _verb_stem(word: str) -> str:
    return stem(_IRREGULAR.get(word, word))


def _content(ws: Sequence[str]) -> list[str]:
    return [w for w in ws
            if w not in _NEGATIONS and w not in STOP and w not in SCALE_OF and len(w) >= 3
            and not any(c.isdigit() for c in w)]


def polarity(claim: str, evidence: Sequence[str],
             best: str | None = None) -> tuple[str, str] | None:
    """("error" | "warning", why) when a claim and its
    evidence disagree on an antonym or on negation.

    Quoted words are left out (on both sides when the claim quotes): a quotation is checked word for
    word on its own. A negation the claim drops is looked for in the sentence it rests on most
    (`best`), not in every sentence it may touch.
    """
    if not evidence:
        return None
    cw = [w.lower() for w in words(unquoted(claim))]
    ew = [w.lower() for w in words(" ".join(evidence))]
    # then the source's quotations are the claim's, checked word for word
    quoting = bool(quote_spans(claim))
    bw = [w.lower() for w in words(unquoted(best) if quoting else best)] if best else ew
    cs, es = set(cw), set(ew)
    # an error where the claim's words are mostly its main
    # sentence's (the same statement, negated), else a warning
    mine = _content_stems(cw)
    same = len(mine & _content_stems(bw)) >= max(2, 0.5 * len(mine))
    severity = "error" if same else "warning"
    # nothing it rests on negates, or its main sentence negates only other clauses than those
    # that say what the claim's verb negates ("the union did not give up, and won the vote"); a
    # claim that quotes is read word for word instead
    if _negated(cw) and (not _negated(ew) or same and best and not quoting and _affirmed(
            best, _targets(cw, particles=_VERB_PARTICLES))):
        return severity, ("check the meaning: the claim negates what the sentences it rests on "
                          "affirm")
    if not _negated(cw) and (dropped := (_targets(bw) & mine) - _targets(cw)):
        # an error where a verb's negation ("لن تتمكن", "had not") is dropped from the same
        # statement; "غير نفطية", "no matter who" negate no statement
        verb = dropped & _targets(bw, particles=_VERB_PARTICLES)
        return "error" if same and verb else "warning", (
            "check the meaning: the sentences this claim rests on negate what it affirms")
    return None


_SPEECH_EN = (r"(?:said|says|told|added|stated|announced|warned|declared|insisted|wrote|tweeted|"
              r"insists|warns|adds|argues|explains|stresses|announces|declares|tells|writes|"
              r"replies|claimed|reiterated|stressed|noted|explained|continued|argued|replied|asked|"
              r"described|called|dubbed|branded|labelled|labeled)")
_NAME_EN = r"((?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’-]+)"
_SPEAKER_EN = re.compile(rf"{_NAME_EN},?\s+(?:(?:has|had|also|however|then|later|"
                         rf"further),?\s+)?{_SPEECH_EN}\b|\b{_SPEECH_EN}\s+{_NAME_EN}"
                         rf"|[Aa]ccording\s+to\s+{_NAME_EN}")
_SPEECH_AR = ("قال قالت أكد أكدت أضاف أضافت أوضح أوضحت صرح صرحت أعلن أعلنت كتب كتبت اعتبر اعتبرت "
              "بحسب حسب وفقا وفق نقلا ذكر ذكرت كشف كشفت أفاد أفادت أشار أشارت لفت تساءل "
              "وصف وصفت").split()
_SAYING_AR = rf"(?<![^\W\d_])[وف]?(?:{'|'.join(fold(w)[0] for w in _SPEECH_AR)})"
_SPEAKER_AR = re.compile(rf"{_SAYING_AR}"
                         r"\s+(?:ل|لـ\s*)?(?P<name>[^\W\d_]{2,}(?:\s+[^\W\d_]{2,}){0,3})")
_NOT_NAMES = {key(w) for w in """He She They It We I The This That These Those Officials Police
Sources His Her HE Excellency Minister Ministry President Governor Mr Mrs Ms Dr Spokesman
Spokeswoman Chief Planning Finance Vice إن أن إنه أنه انه في إلى له لها لهم مصادر مصدر المصدر
الوزارة وزير الوزير رئيس الرئيس المتحدث مسؤول مسؤولون بيان البيان تقرير التقارير وسائل وكالة باسم
المتحدثة الناطق رئيسة وزيرة الحكومة الجيش القوات الشرطة الأنباء مكتب المكتب هيئة الهيئة""".split()}


_NO_SPEAKER_AR = {key(w) for w in "عن ما بما بأن بان أن ان إن".split()}
_NAME_PREFIXES = {key(w) for w in ("عبد", "أبو", "ابن", "بن", "أم")}
# When it was said, between the verb and the speaker ("أعلن أمس", "قال يوم الاثنين"); عن after them:
# "announced the death of", no speaker named.
_WHEN_AR = {key(w) for w in """أمس البارحة اليوم يوم غدا مساء صباح الأسبوع الشهر العام الماضي
الماضية الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد""".split()}


@lru_cache(maxsize=1024)
def speakers(text: str) -> tuple[str, ...]:
    """Who `text` says is speaking: names next to "said", "according to", قال، أكد، وفقا لـ (folded,
    lowercase)."""
    folded = fold_text(text)
    found = []
    for m in list(_SPEAKER_EN.finditer(folded)) + list(_SPEAKER_AR.finditer(folded)):
        name = next(g for g in m.groups() if g)
        ws = name.split()
        if ws[0].isascii():
            ws = [w for w in ws if key(w) not in _NOT_NAMES]
            if ws and ws[0][:1].isupper():
                found.append(key(ws[-1]))
        else:  # Arabic: past a title and its complement ("رئيس الحكومة"), the name's first word
            while ws and key(ws[0]) in _WHEN_AR:
                ws = ws[1:]
            if ws and key(ws[0]) in _NO_SPEAKER_AR:
                continue  # "أعلن عن", "بحسب ما", "أفاد بأن": no name there
            while ws and key(ws[0]) in _NOT_NAMES:
                ws = ws[1:]
                # past a title, its complements ("وزير التجارة
                # والصناعة الكويتي", "وكالة الأنباء الفلسطينية")
                while ws and key(ws[0]).startswith(("ال", "وال")):
                    ws = ws[1:]
            if ws:  # "الجهاز" and "جهاز الإحصاء" are one speaker
                found.append(re.sub(r"^(?:ال|لل)", "", key(" ".join(ws[:2]) if key(ws[0]) in
                                                          _NAME_PREFIXES else ws[0])))
    return tuple(found)


def _shown(name: str) -> str:
    """A speaker's key as a finding names it: an English name capitalised."""
    return name.title() if name.isascii() else name


_CAPITALISED = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][\w'’-]*|\b(?:of|for|and|the|on|de)\b")


# what may stand between the capitalised words of one name
_INSIDE_NAMES = {"", "of", "for", "and", "the", "on", "de", "of the", "for the"}


def _initials_in(name: str, text: str) -> bool:
    """Whether an English speaker's key is the initials of a run of capitalised words of `text`:
    "usgs" in "The U.S. Geological Survey said", "who" in "the World Health Organization"."""
    if not (2 <= len(name) <= 6 and name.isascii() and name.isalpha()):
        return False
    runs, run = [], ""
    for m in _CAPITALISED.finditer(text):
        word = m[0]
        if word[0].islower():  # "of", "the" inside a name
            continue
        if run and text[previous:m.start()].strip(" ") not in _INSIDE_NAMES:
            runs.append(run)
            run = ""
        run += word.replace(".", "") if "." in word else word[0]
        previous = m.end()
    runs.append(run)
    return any(name.upper() in r.upper() for r in runs if len(r) >= len(name))


def _named(name: str, text_key: str) -> bool:
    """Whether a speaker's key is a word of the keyed text, maybe after و ب ل ف and the article, or
    in Arabic one of its forms (الحصيلتين: حصيلة)."""
    return any(re.search(rf"(?<![^\W\d_])[وبلف]?(?:ال|ل)?{re.escape(form)}(?![^\W\d_])",
                         text_key) is not None
               for form in ({name} if name.isascii() else {name} | {
                   f for f in arabic_forms(name) if len(f) >= 3}))


_SAYS_EN = re.compile(rf"\b(?:{_SPEECH_EN}|say|reported|according\s+to)\b", re.IGNORECASE)
# a pronoun stands for a speaker named before; the other words are any speaker's
_STANDS_FOR = {"he", "she", "it", "they", "we", "i", "this", "that", "who", "which"}
_ANY_SPEAKER = {"spokesman", "spokeswoman", "spokesperson", "official", "officials", "source",
                "sources", "statement", "report", "told", "also", "later", "earlier", "however",
                "then", "further", "his", "her", "its", "their", "our", "excellency", "highness",
                "mr", "mrs", "ms", "dr", "sheikh"}


def _speaker_words(text: str) -> tuple[str, set[str]] | None:
    """The words that name who speaks in `text` (outside its quotations), as written and as
    stems: in English the clause before "said" ("A spokeswoman for Doctors Without Borders said"),
    or what follows "according to" or a "said" that opens its clause (Arabic:
    `_speaker_words_ar`); None when nobody speaks, no stems for a pronoun or a bare title ("it
    said", "His Excellency added")."""
    bare = fold_text(unquoted(text))
    if language(bare) == "ar":
        return _speaker_words_ar(bare)
    m = _SAYS_EN.search(bare)
    if m is None:
        return None
    phrase = words(re.split(r"[,;:\"“”(]|\b(?:and|but|that|as)\b", bare[:m.start()])[-1])[-7:]
    if m.group(0).lower().startswith("according") or not phrase:
        phrase = words(re.split(r"[,;:.]|\bthat\b", bare[m.end():])[0])[:5]
    return " ".join(phrase), {stem(w) for w in map(key, phrase) if w not in STOP and
                              w not in _ANY_SPEAKER and w not in _STANDS_FOR and len(w) >= 2 and
                              w not in _WHEN_EN and not any(c.isdigit() for c in w)}


# a date before the speaker ("On 29 April 2009 the German government said")
_WHEN_EN = {key(names[0]) for table in (MONTHS, WEEKDAYS) for names in table.values()}
_SAYS_AR = re.compile(rf"{_SAYING_AR}(?![^\W\d_])")
_ANY_SPEAKER_AR = {key(w) for w in """متحدث المتحدث متحدثة المتحدثة الناطق ناطق باسم مصدر مصادر
بيان البيان في له لها خلال لـ ل عن حصيلة الحصيلة الحصيلتين أرقام الأرقام الرسمية الرسمي الرسميتين
الرسميين""".split()} | _WHEN_AR
# where the speaker's words end: "that" or a relative clause ("الأمين العام الذي تأسف")
_THAT_AR = {key(w) for w in """إن أن ان إنه أنه انه إنها أنها انها بأن بان الذي التي الذين إنهم أنهم
انهم إنهما أنهما انهما إنني أنني انني إننا أننا اننا بأنه بانه بأنها بانها بأنهم بانهم""".split()}


def _speaker_words_ar(bare: str) -> tuple[str, set[str]] | None:
    """`_speaker_words` of an Arabic text: the words after its first verb of saying (قال، أكد،
    بحسب…) up to إن/أن or a comma, the speaker as Arabic puts it, after the verb."""
    m = _SAYS_AR.search(bare)
    if m is None:
        return None
    phrase = []
    for w in words(re.split(r"[,،:؛.]", bare[m.end():])[0])[:8]:
        if key(w) in _THAT_AR:
            break
        phrase.append(w)
    phrase = phrase[:5]
    return " ".join(phrase), {stem(w) for w in map(key, phrase) if w not in _ANY_SPEAKER_AR and
                              len(w) >= 2}


_TITLES_EN = {"The", "A", "An", "His", "Her", "Its", "Their", "Our", "Mr", "Mrs", "Ms", "Dr",
              "He", "She", "It", "They", "We", "I", "Excellency", "Highness", "Sheikh", "HE"}
_DEFINITE_AR = re.compile(r"^(?:[وف]?[بك]?ال|[وف]?لل)")


def _named_phrase(phrase: str) -> bool:
    """Whether a speaker's words name someone (a capitalised English word past "The"; an Arabic word
    without the article, not a particle) rather than stand for one named before."""
    ws = phrase.split()
    if phrase.isascii():
        return any(w[:1].isupper() and w not in _TITLES_EN for w in ws)
    return any(not _DEFINITE_AR.match(key(w)) and key(w) not in _ANY_SPEAKER_AR and
               key(w) not in STOP and len(w) > 2 for w in ws)


def _stems(text: str) -> set[str]:
    """Stems of the words of `text`, and of each two words run together ("عبد الرحمن" is
    "عبدالرحمن")."""
    ws = [key(w) for w in words(text)]
    return {stem(w) for w in ws} | {stem(a + b) for a, b in zip(ws, ws[1:])}


def _speaker_named(speaker: set[str], stems: set[str]) -> bool:
    """Whether words (`stems`) name a speaker: in English half its words or more ("election" alone
    is not the Central Election Commission); in Arabic, which shortens a name to its head
    ("وكالة وفا" for وكالة الأنباء الفلسطينية), one word of two letters or more."""
    if all(w.isascii() for w in speaker):
        return 2 * len(speaker & stems) >= len(speaker)
    return any(len(w) >= 2 for w in speaker & stems)


def misattributed(claim: str, evidence: Sequence[str], before: Sequence[str],
                  article: Sequence[str]) -> str | None:
    """Why a claim's "X said …" (قال X إن…) puts the words of the
    sentence that says them (the evidence sentence closest to what X
    is said to say) in another mouth: that sentence names its own
    speaker, and X is neither in it, nor in the sentences just before
    where that speaker only stands for one ("it said", "the agency
    added"), nor named with that speaker in any sentence of the
    article (a title and its holder: "the minister", "Al Emadi")."""
    said = _speaker_words(claim) if evidence else None
    if not said or not said[1]:
        return None
    mine = said[1]
    told = {stem(w) for w in _content([key(w) for w in words(unquoted(claim))])} - mine
    overlap = [len(told & {stem(w) for w in _content([key(x) for x in words(s)])})
               for s in evidence]
    best = max(range(len(evidence)), key=overlap.__getitem__)
    if overlap[best] < max(3, len(told) // 2) or (other := _speaker_words(evidence[best])) is None:
        return None
    theirs = other[1]
    if _speaker_named(mine, _stems(unquoted(evidence[best]))):
        return None
    if not _named_phrase(other[0]) and _speaker_named(mine, {w for s in before for w in _stems(s)}):
        # "it said", "the agency added": the one meant is named just before
        return None
    if theirs and any(_speaker_named(mine, named := _stems(s)) and theirs & named for s in article):
        return None
    return f"claim: said by {said[0]!r}; the sentence that says it: by {other[0]!r}"


def speaker_problem(claim: str, evidence: Sequence[str], around: Sequence[str],
                    article: str) -> str | None:
    """Why a claim's speaker is not who its source sentences
    quote: another is named there, or nobody is anywhere."""
    said = speakers(claim)
    if not said or not evidence:
        return None
    # who speaks in the source is named outside the quotation
    # ("وكما أكد رئيسنا" inside it is the speaker's own)
    own = [p for s in evidence for p in speakers(unquoted(s))]
    # the sentences the claim rests on name their own speaker: the claim's must be named there too
    # (English only: Arabic sentences name a speaker by title as often as by name, past what
    # `speakers` reads)
    if said[0].isascii() and own and not any(_named(p, key(" ".join(evidence))) or
                                             _initials_in(p, " ".join(evidence)) for p in said):
        return f"the source attributes this to {_shown(own[0])}, not {_shown(said[0])}"
    near = " ".join([*evidence, *around])
    missing = [p for p in said if not _named(p, key(near)) and not _initials_in(p, near)]
    if not missing:
        return None
    others = [p for p in own if p not in said] or [
        p for s in around for p in speakers(unquoted(s)) if p not in said]
    if others:
        return f"the source attributes this to {_shown(others[0])}, not {_shown(missing[0])}"
    if not _named(missing[0], key(article)):
        return f"{_shown(missing[0])} is not in the source"
    return None
