"""Text laid out on pages back into paragraphs: Arabic presentation forms and visual order, margins, line breaks."""

from __future__ import annotations

import re
import unicodedata

# Arabic Presentation Forms-A and -B: the shaped glyphs old PDF writers store instead of letters.
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]+")
_ARABIC_WORD = re.compile("[\u0621-\u064a\u0671-\u06d3]{2,}")
_NEVER_FINAL = ("\u0627\u0644",)  # the article "ال" opens words; reversed, it closes them
_ONLY_FINAL = "\u0629\u0649"  # ta marbuta and alif maqsura end words, never open them
_LA_WORDS = {"\u0644\u0627", "\u0625\u0644\u0627", "\u0623\u0644\u0627"}  # words that really end in "لا"
# Runs written left to right inside a right-to-left line: Latin words and numbers (both digit systems).
_LTR_RUN = re.compile(r"[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+"
                      r"(?:[ .,:/%\u066b\u066c'-]+[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+)*")
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
    """One visually ordered line back in reading order: reversed, its left-to-right runs and brackets kept."""
    flipped = line[::-1]
    flipped = _LTR_RUN.sub(lambda m: m.group()[::-1], flipped)
    return flipped.translate(_MIRROR)


def _rtl_line(line: str) -> bool:
    return len(_ARABIC_LETTERS.findall(line)) > len(_LATIN_LETTERS.findall(line))


def _glued(line: str, run: re.Match[str]) -> bool:
    """The mark of a misplaced run: stuck to the Arabic word on its left, the space moved to its right
    ("لتمويل130 ،"); in reading order a number has a space before it ("تخصيص 130 مليون")."""
    before = line[run.start() - 1] if run.start() else " "
    return bool(_ARABIC_LETTERS.match(before)) and line[run.end():run.end() + 1] in ("", " ")


def runs_in_reading_order(line: str) -> str:
    """A right-to-left line whose runs are each in reading order but placed left to right (pypdf splits Arabic
    lines at numbers and Latin words this way): the runs put back right to left."""
    runs = _LTR_RUN.findall(line)
    if not runs or not _rtl_line(line) or not all(_glued(line, m) for m in _LTR_RUN.finditer(line)):
        return line
    pieces = [p.strip() for p in _LTR_RUN.split(line)]
    out = [pieces[0]]
    for run, piece in zip(runs, pieces[1:]):
        out += [run, piece]
    text = " ".join(p for p in reversed(out) if p)
    return re.sub(" +([\u060c\u061b\u061f])", r"\1", text)  # Arabic comma, semicolon, question mark


def repair_arabic(lines: list[str]) -> list[str]:
    """Fold presentation forms and put each right-to-left line in reading order, whichever way it came out."""
    reversed_order = visual_order_score("\n".join(lines)) > 2
    # Reverse before folding: a lam-alef ligature is one glyph that folds to two letters in reading order.
    return [fold_presentation_forms(logical_line(line) if reversed_order else runs_in_reading_order(line))
            for line in lines]


def _margin_key(line: str) -> str:
    return re.sub(r"[0-9\u0660-\u0669]+", "#", " ".join(line.split()))


def drop_repeated_margins(pages: list[list[str]], depth: int = 2) -> list[list[str]]:
    """Remove header and footer lines (page numbers included) that recur at the top or bottom of most pages."""
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
    """Hard-wrapped lines back into paragraphs: hyphenation undone, a short line or blank line ends a paragraph."""
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
            paragraphs.append(current)  # a short unpunctuated line after a finished sentence: a heading
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
