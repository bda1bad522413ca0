"""Frozen dataclasses: the only currency passed between
the steps of the pipeline and to the writers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Protocol

SUPPORTED_LANGUAGES = ("ar", "en")
SCHEMA_VERSION = "1.2"  # of the run document (summarize/schema/run.schema.json)


@dataclass(frozen=True)
class Article:
    """One input, decoded and normalised; `source` is the path as given, or "-" for stdin."""

    source: str
    text: str
    sha256: str  # of the raw bytes, so a changed file is a new input
    encoding: str
    kind: str = "text"  # a row of readers.kinds.READERS, as text | markdown | html | pdf | docx
    relpath: str | None = None  # path under the directory it was found in, for mirrored outputs
    title: str | None = None
    date: str | None = None
    url: str | None = None  # for a fetched page: the final URL, after redirects
    # the server's validators, so a rerun can ask "changed since?" (HTTP 304)
    etag: str | None = None
    last_modified: str | None = None
    # what reading did that the output must say (a DOCX's tracked changes accepted)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Detection:
    """The language of a text, how sure we are, and why."""

    language: str  # ISO 639-1, or "und" when there is nothing to decide on
    confidence: float
    supported: bool
    scripts: Mapping[str, float]  # share of letters per script: arabic, latin, other
    evidence: tuple[str, ...]
    reliable: bool = True


@dataclass(frozen=True)
class Paragraph:
    """A block of the article; `marker` is a heading or list marker kept out of the model's way."""

    index: int
    text: str
    marker: str = ""
    kind: str = "text"  # text | heading | list


@dataclass(frozen=True)
class Document:
    """A text cut once into paragraphs and sentences;
    every step that needs its sentences gets these."""

    source: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the source; `id` is its 0-based position in the whole article."""

    id: int
    paragraph: int
    text: str
    kind: str = "text"  # the kind of its paragraph: text | heading | list


@dataclass(frozen=True)
class Coverage:
    """How much of its input a model read: tokens read out of tokens there were."""

    tokens_read: int
    tokens_total: int
    windows: int = 1

    @property
    def ratio(self) -> float:
        return 1.0 if self.tokens_total == 0 else self.tokens_read / self.tokens_total

    @property
    def complete(self) -> bool:
        return self.tokens_read >= self.tokens_total


@dataclass(frozen=True)
class ModelInfo:
    """Which model served a role, so a published output can be traced."""

    role: str
    model_id: str
    revision: str | None
    backend: str
    family: str
    parameters: Mapping[str, object] = field(default_factory=dict)
    # An instruction model's tokens, OpenAI's names:
    # prompt_tokens, completion_tokens (empty for seq2seq models)
    usage: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Review:
    """What the console, the manifest and the progress line read of a result, whatever its kind."""

    source: str
    # per role; a translation's one model: "model"
    coverage: Mapping[str, Coverage] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    warnings: tuple[str, ...] = ()
    models: tuple[ModelInfo, ...] = ()  # every model that served it
    sentences: int = 0  # of the source
    note: str | None = None


class Result(Protocol):
    """A result the writers take: its source and its
    review (render.py dispatches on the record's type)."""

    source: str

    def review(self) -> Review: ...


@dataclass(frozen=True)
class DetectResult:
    """`summarize detect` for one input."""

    source: str
    language: str
    confidence: float
    supported: bool
    reliable: bool
    scripts: Mapping[str, float]
    evidence: tuple[str, ...]
    encoding: str

    def review(self) -> Review:
        return Review(self.source)


@dataclass(frozen=True)
class Finding:
    """A figure, date, quote, name or meaning of the output that the source does not back.

    `severity` is "error" when the output contradicts the source (or says what it never says) and
    "warning" when it is in the article but not where the claim rests, or cannot be checked; `claim`
    is the output sentence it is in; `evidence` the 0-based ids (as `sentences[].id` in the JSON) of
    the source sentences that claim rests on.
    """

    kind: str  # number | date | quote | name | speaker | meaning | glossary
    text: str  # the span as it appears in the output
    why: str
    severity: str = "error"
    claim: str = ""
    evidence: tuple[int, ...] = ()


@dataclass(frozen=True)
class VerifyResult:
    """`summarize verify`: what in an output the source does not back."""

    source: str
    output: str
    findings: tuple[Finding, ...]
    checked: Mapping[str, int]  # how many numbers, dates and quotes the output has

    def review(self) -> Review:
        return Review(self.source, findings=tuple(self.findings))


@dataclass(frozen=True)
class ParagraphPair:
    """A source paragraph and its translation; the marker (heading, list) is kept as it was."""

    index: int
    marker: str
    kind: str
    source: str
    target: str
    # the language it was read in: a mixed article's paragraphs differ
    source_language: str | None = None


@dataclass(frozen=True)
class SentencePair:
    """A source sentence (id as in `segment.sentences`) and its translation."""

    id: int
    paragraph: int
    source: str
    target: str


@dataclass(frozen=True)
class Translation:
    """`summarize translate` for one input."""

    source: str
    source_language: str
    target_language: str
    text: str
    paragraphs: tuple[ParagraphPair, ...]
    sentences: tuple[SentencePair, ...]
    model: ModelInfo | None
    coverage: Coverage
    warnings: tuple[str, ...] = ()
    note: str | None = None
    findings: tuple[Finding, ...] = ()  # numbers, dates and glossary terms the source does not back

    def review(self) -> Review:
        return Review(self.source, {"model": self.coverage}, self.findings, self.warnings,
                      (self.model,) if self.model is not None else (),
                      len(self.sentences), self.note)


@dataclass(frozen=True)
class KeyPoint:
    """A key point with the ids and text of the source
    sentences (article language) that support it."""

    text: str
    evidence: tuple[int, ...]  # ids of the sentences of its passage, in article order
    evidence_text: tuple[str, ...]  # their text in the article's own language
    # The model's output stayed degenerate after a stricter
    # retry; `text` is then the anchor sentence verbatim.
    flagged: bool = False


@dataclass(frozen=True)
class RunResult:
    """`summarize run` for one article: see summarize/schema/run.schema.json."""

    source: str
    input_sha256: str
    title: str | None
    date: str | None
    language: str
    output_language: str
    method: str
    route: str
    summary: str
    summary_flagged: bool
    key_points: tuple[KeyPoint, ...]
    sentences: tuple[Sentence, ...]
    translation: str | None
    models: Mapping[str, ModelInfo]
    parameters: Mapping[str, object]
    coverage: Mapping[str, Coverage]
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...]
    timings: Mapping[str, float]
    tool_version: str
    schema_version: str = SCHEMA_VERSION

    def review(self) -> Review:
        return Review(self.source, self.coverage, self.findings, self.warnings,
                      tuple(self.models.values()), len(self.sentences))


@dataclass(frozen=True)
class Bilingual:
    """A translation shown with its source, paragraph by paragraph (text/markdown only)."""

    translation: Translation

    @property
    def source(self) -> str:
        return self.translation.source

    def review(self) -> Review:
        return self.translation.review()
