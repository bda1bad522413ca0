"""One row per model family: what the code needs to know about it, asked here and nowhere else.

Adding a family is a row here (and, if it needs one, a branch in the backend that runs it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Family:
    """What a family of models needs from the code."""

    name: str
    model_types: tuple[str, ...]  # config.json `model_type` values of the family
    tokenizer_files: tuple[tuple[str, ...], ...]  # one of these sets, complete, is what its tokenizer loads from
    languages: str = "none"  # how it is told the languages: marian (>>xx<< prefix), nllb, m2m100 (codes), none
    many_to_many: bool = False  # one model translates in every direction
    follows_instructions: bool = False  # models of the family read an instruction around the passage by default
    reads_arabic: bool = True  # its vocabulary encodes Arabic
    ctranslate2: bool = True  # CTranslate2's converter supports it
    learned_positions: bool = False  # the input limit is its position table (max_position_embeddings)
    t5_scaling: bool = False  # CTranslate2 must be told whether transformers scales the decoder output
    # Config attributes CTranslate2's converter reads that transformers 5 no longer writes, with the value
    # transformers' own modelling code uses whatever the config says.
    converter_facts: Mapping[str, Any] = field(default_factory=dict)
    task: str = "seq2seq"  # seq2seq (generates text) | classify (labels a sentence pair: NLI cross-encoders)


FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("marian", ("marian",), (("source.spm", "target.spm", "vocab.json"),), languages="marian",
           learned_positions=True),
    # BartEncoderLayer is post-norm and BartEncoder/BartDecoder always apply `layernorm_embedding`.
    Family("bart", ("bart",), (("tokenizer.json",), ("vocab.json", "merges.txt")), reads_arabic=False,
           learned_positions=True, converter_facts={"normalize_before": False, "normalize_embedding": True}),
    Family("t5", ("t5",), (("tokenizer.json",), ("spiece.model",)), follows_instructions=True, reads_arabic=False,
           t5_scaling=True),
    Family("mt5", ("mt5",), (("tokenizer.json",), ("spiece.model",)), t5_scaling=True),
    Family("m2m100", ("m2m_100", "m2m100"), (("vocab.json", "sentencepiece.bpe.model"),), languages="m2m100",
           many_to_many=True, learned_positions=True),
    Family("nllb", (), (("tokenizer.json",), ("sentencepiece.bpe.model",)), languages="nllb", many_to_many=True,
           learned_positions=True),
    # mDeBERTa-v3 NLI cross-encoders (XNLI): relative positions, a SentencePiece vocabulary of 250k pieces.
    Family("deberta-v2", ("deberta-v2",), (("tokenizer.json",), ("spm.model",)), ctranslate2=False, task="classify"),
)}
SUPPORTED = ", ".join(FAMILIES)

# What a hub id outside the catalog says of its family: a part of the id, tried in order (mt5 before t5), the
# family, and whether its models follow instructions where the family row does not say (mt0 is mT5 tuned on prompts).
HUB_NAMES: tuple[tuple[str, str, bool | None], ...] = (
    ("opus-mt", "marian", None), ("nllb", "nllb", None), ("m2m100", "m2m100", None), ("bart", "bart", None),
    ("mt0", "mt5", True), ("mt5", "mt5", None), ("t5", "t5", None), ("deberta", "deberta-v2", None),
)


def from_hub_id(model_id: str, default: str) -> tuple[str, bool | None]:
    """The family a hub id names (`default` when it names none), and whether it follows instructions (None: as
    its family)."""
    lowered = model_id.lower()
    return next(((name, instructed) for part, name, instructed in HUB_NAMES if part in lowered), (default, None))


def family(name: str) -> Family:
    """The row of a family by name (KeyError for a name the table does not know)."""
    return FAMILIES[name]


def by_model_type(model_type: Any) -> Family | None:
    """The family whose config says `model_type` (NLLB shares M2M100's: its tokenizer tells them apart)."""
    return next((f for f in FAMILIES.values() if model_type in f.model_types), None)
