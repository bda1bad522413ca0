"""Text laid out on pages back into paragraphs: Arabic
presentation forms and visual order, margins, line breaks."""

from __future__ import annotations

import re
import unicodedata

# Arabic Presentation Forms-A and -B: the shaped glyphs old PDF writers store instead of letters.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3]{2,}")
_NEVER_FINAL = ("\u0627\u0644",)  # the article "ال" opens words; reversed, it closes them
_ONLY_FINAL = "\u0629\u0649"  # ta marbuta and alif maqsura end words, never open them
# words that really end in "لا"
_LA_WORDS = {"\u0644\u0627", "\u0625\u0644\u0627", "\u0623\u0644\u0627"}
# Runs written left to right inside a right-to-left
# line: Latin words and numbers (both digit systems).
_LTR_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+"
                      r"(?:[ .,:/%\u066b\u066c'-]+"
                      r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+)*")
_ARABIC_LETTERS = re.compile("[\u0621-\u064a\u0671-\u06d3\ufb50-\ufdff\ufe70-\ufefc]")
_LATIN_LETTERS = re.compile("[A-Za-z\u00c0-\u024f]")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")
_SENTENCE_END = ".!?؟:\"”»'’"


def fold_presentation_forms(text: str) -> str:
    """Presentation-form glyphs back to the letters they shape (NFKC on those blocks only)."""
    return _PRESENTATION.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def visual_order_score(text: str) -> int:
    """Positive when Arabic words read reversed (visual order), negative when in logical order."""
    score = 0
    for word in _ARABIC_WORD.findall(fold_presentation_forms(text)):
        if word in _LA_WORDS:
            continue
        score += (word.endswith("\u0644\u0627") - word.startswith("\u0627\u0644"))
        score += (word[0] in _ONLY_FINAL) - (word[-1] in _ONLY_FINAL)
    return score


def logical_line(line: str) -> str:
    """One visually ordered line back in reading order:
    reversed, its left-to-right runs and brackets kept."""
    flipped = line[::-1]
    flipped = _LTR_RUN.sub(lambda m: m.group()[::-1], flipped)
    return flipped.translate(_MIRROR)


def _rtl_line(line: str) -> bool:
    return len(_ARABIC_LETTERS.findall(line)) > len(_LATIN_LETTERS.findall(line))


# How pypdf (7.x) reads a line: glyph by glyph, left to right as drawn, each character counted
# right-to-left (the Hebrew and Arabic blocks), neutral (ASCII punctuation and spaces, Arabic-Indic
# digits, general punctuation) or left-to-right (the rest: Latin letters, ASCII digits, brackets [],
# guillemets). It gives the line as runs in that visual order, a right-to-left run reversed into
# reading order with the neutrals drawn after it (Arabic-Indic digits included, so "٢٠٢٤" comes out
# "٤٢٠٢"), a left-to-right run as drawn with the neutrals drawn after it.
_PYPDF_RTL = "\u0590-\u065f\u066e-\u06ef\u06fa-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_PYPDF_NEUTRAL = "\x00-\x2f\x3a-\x40\u0660-\u066d\u06f0-\u06f9\u2000-\u206f\u20a0-\u21ff"
_PYPDF_LTR = f"[^{_PYPDF_RTL}{_PYPDF_NEUTRAL}]"
# A left-to-right run: from its first left-to-right character
# to its last; then the neutrals up to the next run.
_LTR_PART = re.compile(f"({_PYPDF_LTR}(?:[{_PYPDF_NEUTRAL}]*{_PYPDF_LTR})*(?:(?<=[0-9])%)?)"
                       f"([{_PYPDF_NEUTRAL}]*)")
_NUMBER = re.compile("([0-9]+(?:[.,:/][0-9]+)*%?)")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_RTL_CHAR = re.compile(f"[{_PYPDF_RTL}]")
_INDIC_NUMBER = re.compile("[\u0660-\u0669\u06f0-\u06f9]"
                           "(?:[\u066b\u066c.,/:]?[\u0660-\u0669\u06f0-\u06f9])*")
# What ends a right-to-left line in reading order, drawn
# leftmost (not a decimal point: ".5" is a number's).
_LINE_END = re.compile("[.!:]+(?![0-9\u0660-\u0669\u06f0-\u06f9])")
# What a page's first line (read left to right from its start) has drawn leftmost, before its first
# run: the full stop and an Arabic-Indic number that end it in reading order, in drawing order.
_LEADING_NEUTRALS = re.compile(f"[.!:]*(?:{_INDIC_NUMBER.pattern}\\s?)?")
_STRONG = re.compile(f"[{_PYPDF_RTL}]|{_PYPDF_LTR}")


def _indic_numbers(text: str) -> str:
    """Arabic-Indic numbers that a right-to-left run
    reversed, back in their order ("٤٢٠٢" to "٢٠٢٤")."""
    return _INDIC_NUMBER.sub(lambda m: m.group()[::-1], text)


def _numbers_right_to_left(run: str) -> str:
    """A run of numbers only ("6:15 (7:15" drawn for "7:15 (6:15"): in a right-to-left line the
    numbers and what separates them read right to left (the bidi algorithm joins numbers only by one
    ". , : /"); words do not."""
    if _LATIN_LETTER.search(run) or len(_NUMBER.findall(run)) < 2:
        return run
    return "".join(piece if _NUMBER.fullmatch(piece) else piece[::-1]
                   for piece in reversed(_NUMBER.split(run)))


def _split_trail(gap: str, followed: bool) -> tuple[str, str]:
    """The neutrals after a left-to-right run: (those drawn right after it, those of the
    right-to-left run that follows, if one does). Up to the first space they are taken to be the
    run's, the rest the other run's."""
    space = re.search(r"\s", gap) if followed else None
    cut = space.end() if space else len(gap)
    return gap[:cut], gap[cut:]


# A one-letter prefix or a tatweel that an Arabic
# writer glues to a number ("و124", "بـ40", "2024م").
_GLUED_PREFIX = re.compile("(?:^|\\s)(?:[\u0648\u0628\u0644\u0641\u0643]|\\S*\u0640)$")
_GLUED_SUFFIX = re.compile("^(?:[\u0621-\u064a]\u0640?)(?:\\s|$)")


def _joined(pieces: list[str]) -> str:
    """Pieces of a line in reading order, a space wherever an Arabic word would touch a number or
    Latin word (unless it is a prefix or suffix glued to it)."""
    text = ""
    for piece in pieces:
        left, right = text[-1:], piece[:1]
        arabic_left, arabic_right = (bool(_ARABIC_LETTERS.match(left)),
                                     bool(_ARABIC_LETTERS.match(right)))
        if (arabic_left and right.isalnum() and not arabic_right and
                not _GLUED_PREFIX.search(text[-40:])) or (
                arabic_right and left.isalnum() and not arabic_left and
                not _GLUED_SUFFIX.match(piece)):
            text += " "
        text += piece
    return text


def runs_in_reading_order(line: str, rtl_start: bool = True) -> str:
    """A right-to-left line as pypdf gives it (runs in drawing order, see above) in reading order:
    the runs right to left, each left-to-right run after the neutrals drawn after it, Arabic-Indic
    numbers unreversed, the full stop drawn leftmost put last. `rtl_start`: whether pypdf was
    reading right to left when the line began (it keeps the direction of the line before; a page
    begins left to right), so that the neutrals drawn first came out in drawing order. A line with a
    left-to-right run after a space is in reading order already."""
    if not _rtl_line(line):
        return line
    lead = (_LINE_END if rtl_start else _LEADING_NEUTRALS).match(line)
    end, body = ((_indic_numbers(lead.group()[::-1]), line[lead.end():]) if lead and lead.group()
                 else ("", line))
    parts = list(_LTR_PART.finditer(body))
    first_rtl = _RTL_CHAR.search(body)
    if first_rtl and any(m.start() > first_rtl.start() and body[m.start() - 1].isspace()
                         for m in parts):
        return line
    pieces: list[str] = []  # in drawing order
    position = 0
    for match in parts:
        pieces.append(_indic_numbers(body[position:match.start()]))
        core, gap = match.group(1), match.group(2)
        trail, _ = _split_trail(gap, followed=match.end() < len(body))
        pieces.append(_indic_numbers(trail[::-1]) + _numbers_right_to_left(core))
        position = match.start() + len(core) + len(trail)
    pieces.append(_indic_numbers(body[position:]))
    text = re.sub(" +", " ", _joined([p for p in reversed(pieces) if p] + [end]))
    return re.sub(" +([\u060c\u061b\u061f])", r"\1", text)  # Arabic comma, semicolon, question mark


def repair_arabic(lines: list[str]) -> list[str]:
    """Fold presentation forms and put each right-to-left
    line in reading order, whichever way it came out."""
    if visual_order_score("\n".join(lines)) > 2:
        # Reverse before folding: a lam-alef ligature is one
        # glyph that folds to two letters in reading order.
        return [fold_presentation_forms(logical_line(line)) for line in lines]
    # pypdf begins a page reading left to right, and each line in the direction the last left
    out, rtl = [], False
    for line in lines:
        out.append(fold_presentation_forms(runs_in_reading_order(line, rtl)))
        strong = _STRONG.findall(line)
        rtl = bool(_RTL_CHAR.match(strong[-1])) if strong else rtl
    return out


def _margin_key(line: str) -> str:
    return re.sub(r"[0-9\u0660-\u0669]+", "#", " ".join(line.split()))


def drop_repeated_margins(pages: list[list[str]], depth: int = 2) -> list[list[str]]:
    """Remove header and footer lines (page numbers included)
    that recur at the top or bottom of most pages."""
    if len(pages) < 2:
        return pages
    counts: dict[str, int] = {}
    for lines in pages:
        for key in {_margin_key(line) for line in lines[:depth] + lines[-depth:] if line.strip()}:
            counts[key] = counts.get(key, 0) + 1
    repeated = {key for key, n in counts.items() if n >= max(2, 0.6 * len(pages))}
    out = []
    for lines in pages:
        keep = list(lines)
        for index in [*range(min(depth, len(keep))), *range(max(0, len(keep) - depth), len(keep))]:
            if _margin_key(keep[index]) in repeated:
                keep[index] = ""
        out.append([line for line in keep if line])
    return out


def _full_width(lines: list[str]) -> float:
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def join_lines(lines: list[str]) -> str:
    """Hard-wrapped lines back into paragraphs: hyphenation
    undone, a short line or blank line ends a paragraph."""
    width = _full_width(lines)
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        short = len(line) < 0.75 * width
        if short and current[-1:] in _SENTENCE_END and line[-1:] not in _SENTENCE_END:
            # a short unpunctuated line after a finished sentence: a heading
            paragraphs.append(current)
            current = ""
        if re.search(r"[a-z]-$", current) and line[:1].islower():
            current = current[:-1] + line  # "exam-" + "ple": a word the line end split
        else:
            current = f"{current} {line}".strip()
        if short:  # a line that stops short ends its paragraph
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return "\n\n".join(p for p in paragraphs if p)
