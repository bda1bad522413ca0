"""Enforcing a glossary in translation: a wrapper
around the model interface, not a subclass of it."""

from __future__ import annotations

from dataclasses import replace
from textwrap import shorten
from typing import Any, Sequence

from ..models.base import Generated, GenerationOptions, Seq2SeqModel
from ..records import Finding
from .entries import Glossary
from .match import find
from .placeholders import protect, restore


class GlossaryTranslator:
    """Any translation model with the glossary enforced: glossary terms travel as
    placeholders, and `findings` lists the renderings a translation lost. It
    composes (wraps any model, or another wrapper) and answers everything it does
    not change (spec, role, limits, tokenizer) with the wrapped model's own."""

    def __init__(self, inner: Seq2SeqModel, glossary: Glossary) -> None:
        self.inner, self.glossary = inner, glossary
        # source text -> renderings its final output lacks
        self._lost: dict[str, tuple[str, ...]] = {}

    def __getattr__(self, name: str) -> Any:
        if name == "inner":  # not set yet (a copy being made): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """A `glossary` finding for each rendering a translation lost (latest attempt per text)."""
        return self.findings_for(None)

    def findings_for(self, texts: Sequence[str] | None) -> tuple[Finding, ...]:
        """The findings of the inputs found within `texts`
        (one article's sentences, say); None: all."""
        wanted = None if texts is None else [" ".join(t.split()) for t in texts]
        found: list[Finding] = []
        for text, lost in self._lost.items():
            flat = " ".join(text.split())
            if wanted is not None and not any(flat in w for w in wanted):
                continue
            found += [Finding("glossary", r,
                              f"not enforced in “{shorten(text, 48, placeholder='…')}”: the model "
                              "lost a placeholder there, so it was translated without the glossary")
                      for r in lost]
        return tuple(dict.fromkeys(found))

    def count_tokens(self, text: str, src: str | None = None, tgt: str | None = None) -> int:
        return self.inner.count_tokens(protect(text, self.glossary,
                                               src or "", tgt or "")[0], src, tgt)

    def generate(self, texts: Sequence[str], options: GenerationOptions, *, src: str | None = None,
                 tgt: str | None = None) -> list[Generated]:
        """Translate with placeholders; a text whose placeholder
        is lost is translated again without them."""
        protected = [protect(t, self.glossary, src or "", tgt or "") for t in texts]
        outputs = self.inner.generate([p for p, _ in protected], options, src=src, tgt=tgt)
        lost: dict[int, tuple[str, ...]] = {}
        for i, ((_, mapping), out) in enumerate(zip(protected, outputs)):
            restored, missing = restore(out.text, mapping)
            outputs[i] = replace(out, text=restored)
            self._lost.pop(texts[i], None)
            if missing:
                lost[i] = tuple(dict.fromkeys(mapping.values()))
        if lost:
            again = self.inner.generate([texts[i] for i in lost], options, src=src, tgt=tgt)
            for (i, renderings), out in zip(lost.items(), again):
                outputs[i] = out
                absent = tuple(r for r in renderings if next(find(out.text, (r,)), None) is None)
                if absent:
                    self._lost[texts[i]] = absent
        return outputs


def with_glossary(model: Seq2SeqModel, glossary: Glossary | None) -> Seq2SeqModel:
    """The model with the glossary enforced, or the model itself when there is no glossary."""
    return (GlossaryTranslator(model, glossary)  # type: ignore[return-value]
            if glossary is not None else model)
