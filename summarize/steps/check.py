"""The last step: each claim of the summary and key points checked against the article's sentences
it rests on (numbers, dates, quotes, names), and the glossary's renderings; `glossary_checks` is the
one glossary check of run, translate and verify."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Sequence

from ..glossary import Glossary, glossary_findings
from ..records import Finding, ModelInfo
from ..verify import check as check_output
from .draft import Context, Draft


def glossary_checks(source: str, texts: Sequence[str], glossary: Glossary | None,
                    language: str) -> list[Finding]:
    """What the outputs (in `language`) write against
    the glossary for the terms the source mentions."""
    if glossary is None:
        return []
    return [f for text in texts for f in glossary_findings(source, text, glossary, language)]


def _judged(run: Context, source: str, outputs: list,
            common: dict) -> tuple[list[Finding], ModelInfo]:
    """The judge model's findings on every claim of the
    outputs, asked together, and its provenance with usage."""
    from ..verify.judge import OPTIONS, asked_of, judged

    model = run.pool.judge(run.settings.judge_model)
    known = {k: v for k, v in common.items() if k != "nli"}
    found, usage = judged(model, asked_of([(text, ev) for text, ev in outputs if text.strip()],
                                          source, **known))
    return found, model.info(OPTIONS, usage)


def check(draft: Draft, run: Context) -> Draft:
    """Findings of the summary and key points (numbers, dates, quotes, names, glossary terms)."""
    done = draft.translations.get(draft.out)
    translated = done.text if done is not None else None
    started = time.perf_counter()
    source, summary, points = draft.article.text, draft.summary, draft.points
    # claims are checked against the sentences they rest on, numbered as the
    # JSON's sentences[].id; a key point's evidence is given, the summary's
    # found by alignment (through the translation, sentence for sentence)
    sents = draft.sentences
    pairs = done.sentences if done is not None else ()
    common: dict = {"translated_source": translated, "sentences": [s.text for s in sents],
                    "translated_sentences": ([p.target for p in pairs] if len(pairs) == len(sents)
                                             else None),
                    # what "yesterday" and "last year" count from
                    "article_date": draft.article.date}
    if run.settings.nli_model:
        common["nli"] = run.pool.classifier(run.settings.nli_model)
        draft = draft.noted(models={"nli": common["nli"].info()})
    found = list(check_output(source, summary, **common))
    found += [f for p in points
              for f in check_output(source, p.text, evidence=p.evidence, **common)]
    if run.settings.judge_model:
        judged, model = _judged(run, source,
                                [(summary, None), *((p.text, p.evidence) for p in points)], common)
        found += judged
        draft = draft.noted(models={"judge": model})
    if run.options.glossary is not None:
        found += glossary_checks(source, [summary, *(p.text for p in points)],
                                 run.options.glossary, draft.out)
        found += draft.glossary_lost
    return replace(draft, findings=tuple(dict.fromkeys(found))).took("verify", started)
