"""The record a run builds, step by step (`Draft`), and what every step is given (`Context`)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from typing import Callable, Mapping, Sequence

from ..config import Settings
from ..models.loader import ModelPool
from ..options import RunOptions
from ..records import (SUPPORTED_LANGUAGES, Article, Coverage, Document, Finding, KeyPoint,
                       ModelInfo, Sentence, Translation)

@dataclass(frozen=True)
class Context:
    """What a run was asked for and where its models come
    from: the same for every step of every article."""

    pool: ModelPool
    options: RunOptions

    @property
    def settings(self) -> Settings:
        return self.options.settings

@dataclass(frozen=True)
class Draft:
    """One article's run so far: what the steps decided
    and made, and what they noted (models, warnings…)."""

    article: Article
    src: str  # the article's language
    out: str  # the output language
    document: Document  # segmented once: every step and the record share these sentences
    languages: tuple[str, ...]  # each paragraph's language
    route: str = ""
    # the sentences the next model step reads, in reading_language
    reading: tuple[Sentence, ...] = ()
    reading_language: str = ""
    summary: str = ""
    summary_language: str = ""
    flagged: bool = False  # the summary is degenerate after a stricter retry
    chosen: tuple[Sentence, ...] = ()  # an extract's summary sentences
    picked: tuple[Sentence, ...] = ()  # an extract's key-point sentences
    points: tuple[KeyPoint, ...] = ()
    points_language: str = ""
    # by target: a mixed article may need two
    translations: Mapping[str, Translation] = field(default_factory=dict)
    models: Mapping[str, ModelInfo] = field(default_factory=dict)
    coverage: Mapping[str, Coverage] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    timings: Mapping[str, float] = field(default_factory=dict)
    glossary_lost: tuple[Finding, ...] = ()  # terms a translation could not carry through
    findings: tuple[Finding, ...] = ()

    @property
    def sentences(self) -> Sequence[Sentence]:
        return self.document.sentences

    @property
    def translation(self) -> Translation | None:
        """The article's translation into the output language if made, else the first one made."""
        return self.translations.get(self.out) or next(iter(self.translations.values()), None)

    @property
    def mixed(self) -> bool:
        """Whether some paragraph is in the other supported
        language (and needs a model to be read as ours)."""
        return any(lang != self.src and lang in SUPPORTED_LANGUAGES for lang in self.languages)

    def noted(self, *, models: Mapping[str, ModelInfo] = {}, coverage: Mapping[str, Coverage] = {},
              warnings: Sequence[str] = (), lost: Sequence[Finding] = ()) -> Draft:
        """The draft with models, coverage, warnings and lost glossary terms added."""
        return replace(self, models={**self.models, **models},
                       coverage={**self.coverage, **coverage}, warnings=(*self.warnings, *warnings),
                       glossary_lost=(*self.glossary_lost, *lost))

    def took(self, step: str, started: float) -> Draft:
        """The draft with the time since `started` added to a step's timing."""
        spent = self.timings.get(step, 0.0) + time.perf_counter() - started
        return replace(self, timings={**self.timings, step: round(spent, 4)})

Step = Callable[[Draft, Context], Draft]
