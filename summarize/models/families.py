"""One row per model family: what the code needs to know about it, asked here and nowhere else.

Adding a family is a row here (and, if it needs one, a branch in the
backend that runs it): a new way of being told the languages is a branch of
`language_tokens`, a new way of naming it in a hub id a row of `HUB_NAMES`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

NLLB_CODES = {"ar": "arb_Arab", "en": "eng_Latn"}
MARIAN_TARGETS = {"ar": (">>ara<<", ">>arb<<"), "en": (">>eng<<",)}


@dataclass(frozen=True)
class Family:
    """What a family of models needs from the code."""

    name: str
    model_types: tuple[str, ...]  # config.json `model_type` values of the family
    # one of these sets, complete, is what its tokenizer loads from
    tokenizer_files: tuple[tuple[str, ...], ...]
    # how it is told the languages: marian (>>xx<< prefix), nllb, m2m100 (codes), none
    languages: str = "none"
    many_to_many: bool = False  # one model translates in every direction
    # models of the family read an instruction around the passage by default
    follows_instructions: bool = False
    reads_arabic: bool = True  # its vocabulary encodes Arabic
    ctranslate2: bool = True  # CTranslate2's converter supports it
    # the input limit is its position table (max_position_embeddings)
    learned_positions: bool = False
    # CTranslate2 must be told whether transformers scales the decoder output
    t5_scaling: bool = False
    # Config attributes CTranslate2's converter reads that transformers 5 no longer writes, with the
    # value transformers' own modelling code uses whatever the config says.
    converter_facts: Mapping[str, Any] = field(default_factory=dict)
    # seq2seq (generates text) | classify (NLI cross-encoders) | chat (instruction models)
    task: str = "seq2seq"
    # Words of tokenizer_config.json that tell it from a
    # family with the same model_type (NLLB from M2M100).
    tokenizer_marks: tuple[str, ...] = ()


_CHAT_TOKENIZER = (("tokenizer.json", "tokenizer_config.json"),)

FAMILIES: dict[str, Family] = {f.name: f for f in (
    Family("marian", ("marian",), (("source.spm", "target.spm", "vocab.json"),), languages="marian",
           learned_positions=True),
    # BartEncoderLayer is post-norm and BartEncoder/BartDecoder always apply `layernorm_embedding`.
    Family("bart", ("bart",), (("tokenizer.json",), ("vocab.json", "merges.txt")),
           reads_arabic=False, learned_positions=True,
           converter_facts={"normalize_before": False, "normalize_embedding": True}),
    Family("t5", ("t5",), (("tokenizer.json",), ("spiece.model",)), follows_instructions=True,
           reads_arabic=False, t5_scaling=True),
    Family("mt5", ("mt5",), (("tokenizer.json",), ("spiece.model",)), t5_scaling=True),
    Family("m2m100", ("m2m_100", "m2m100"), (("vocab.json", "sentencepiece.bpe.model"),),
           languages="m2m100", many_to_many=True, learned_positions=True),
    Family("nllb", ("m2m_100", "m2m100"), (("tokenizer.json",), ("sentencepiece.bpe.model",)),
           languages="nllb", many_to_many=True, learned_positions=True,
           tokenizer_marks=("Nllb", "eng_Latn")),
    # mDeBERTa-v3 NLI cross-encoders (XNLI): relative
    # positions, a SentencePiece vocabulary of 250k pieces.
    Family("deberta-v2", ("deberta-v2",), (("tokenizer.json",), ("spm.model",)), ctranslate2=False,
           task="classify"),
    # Local instruction models: the prompt is the chat template of their tokenizer
    # (tokenizer_config.json or chat_template.jinja). Checked against transformers 5 with
    # CTranslate2 4.8.5 on tiny models of each type.
    Family("qwen2", ("qwen2",),
           _CHAT_TOKENIZER + (("vocab.json", "merges.txt", "tokenizer_config.json"),),
           follows_instructions=True, task="chat"),
    Family("llama", ("llama",), _CHAT_TOKENIZER, follows_instructions=True, task="chat"),
    # Gemma 3 1B is gemma3_text; Gemma 3 4B and up are gemma3 (with a vision
    # tower), whose global layers' rope scaling (linear, 8) CTranslate2's converter
    # ignores. Gemma 2's converted model departs from transformers once a prompt is
    # longer than its sliding window (4096). Both run on transformers only.
    Family("gemma", ("gemma", "gemma3_text"),
           _CHAT_TOKENIZER + (("tokenizer.model", "tokenizer_config.json"),),
           follows_instructions=True, task="chat"),
    Family("gemma2", ("gemma2",), _CHAT_TOKENIZER + (("tokenizer.model", "tokenizer_config.json"),),
           follows_instructions=True, ctranslate2=False, task="chat"),
    Family("gemma3", ("gemma3",), _CHAT_TOKENIZER + (("tokenizer.model", "tokenizer_config.json"),),
           follows_instructions=True, ctranslate2=False, task="chat"),
    # Instruction models behind an OpenAI-compatible
    # server (`api:NAME`): no files, no local backend.
    Family("api", (), (), follows_instructions=True, ctranslate2=False, task="chat"),
)}
SUPPORTED = ", ".join(FAMILIES)

# What a hub id outside the catalog says of its family: a part of the id, tried in order (mt5 before
# t5), the family, and whether its models follow instructions where the family row does not say (mt0
# is mT5 tuned on prompts).
HUB_NAMES: tuple[tuple[str, str, bool | None], ...] = (
    ("opus-mt", "marian", None), ("nllb", "nllb", None), ("m2m100", "m2m100", None),
    ("bart", "bart", None), ("mt0", "mt5", True), ("mt5", "mt5", None), ("t5", "t5", None),
    ("deberta", "deberta-v2", None), ("qwen", "qwen2", None), ("llama", "llama", None),
    ("gemma-2", "gemma2", None), ("gemma-3-1b", "gemma", None), ("gemma-3", "gemma3", None),
    ("gemma", "gemma", None),
)


def from_hub_id(model_id: str, default: str) -> tuple[str, bool | None]:
    """The family a hub id names (`default` when it names none), and whether it follows instructions
    (None: as its family)."""
    lowered = model_id.lower()
    return next(((name, instructed) for part, name, instructed in HUB_NAMES if part in lowered),
                (default, None))


def family(name: str) -> Family:
    """The row of a family by name (KeyError for a name the table does not know)."""
    return FAMILIES[name]


def by_model_type(model_type: Any, tokenizer_config: str = "") -> Family | None:
    """The family whose config says `model_type`; where families share
    one (NLLB and M2M100), the one whose marks `tokenizer_config` (the
    text of tokenizer_config.json) shows, else the one without marks."""
    rows = [f for f in FAMILIES.values() if model_type in f.model_types]
    marked = [f for f in rows
              if f.tokenizer_marks and any(m in tokenizer_config for m in f.tokenizer_marks)]
    return next(iter(marked or [f for f in rows if not f.tokenizer_marks]), None)


@dataclass(frozen=True)
class LanguageTokens:
    """How a family is told the languages: a text prefix,
    the tokenizer's src_lang, a forced first token."""

    text_prefix: str = ""
    src_lang: str | None = None
    target_token: str | None = None


def language_tokens(family: str, tokenizer: Any, src: str | None,
                    tgt: str | None) -> LanguageTokens:
    """The language tokens a family needs for src → tgt
    (read from the tokenizer where it lists them)."""
    kind = FAMILIES[family].languages if family in FAMILIES else "none"
    if kind == "marian":
        codes = list(getattr(tokenizer, "supported_language_codes", None) or [])
        if not codes or tgt is None:
            return LanguageTokens()
        wanted = [c for c in MARIAN_TARGETS.get(tgt, ()) if c in codes]
        fallback = [c for c in codes if c.startswith(f">>{tgt}")]
        if not wanted and not fallback:
            raise ValueError(f"this multi-target model lists no target code for {tgt!r} "
                             f"({', '.join(codes[:8])}…)")
        return LanguageTokens(text_prefix=(wanted or fallback)[0] + " ")
    if kind == "nllb":
        return LanguageTokens(src_lang=NLLB_CODES.get(src or ""),
                              target_token=NLLB_CODES.get(tgt or ""))
    if kind == "m2m100":
        return LanguageTokens(src_lang=src, target_token=f"__{tgt}__" if tgt else None)
    return LanguageTokens()
