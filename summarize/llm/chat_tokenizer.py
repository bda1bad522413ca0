"""A chat model's tokenizer without transformers: `tokenizer.json` read by the `tokenizers` library
and the chat template rendered by jinja2, as transformers' apply_chat_template renders it.

Why: transformers 5 imports torch to read any tokenizer (200 MB resident), and a model run by
CTranslate2 needs neither (benchmarks/README.md, issue 24). `ChatTokenizer` offers the part of
transformers' tokenizer interface that the chat models use (apply_chat_template, calling it,
decode, convert_ids_to_tokens, the special ids), so both backends share local_model.py. A folder
without tokenizer.json (only a sentencepiece model or vocab.json) is left to transformers.
"""

from __future__ import annotations

import functools
import json
from datetime import datetime
from pathlib import Path
from typing import Any, Sequence

__all__ = ["ChatTokenizer", "read"]

# the named special tokens transformers gives a chat template (bos_token, eos_token…)
NAMED = ("bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token")
HUGE = int(1e30)  # transformers' "no limit" for model_max_length


def _content(value: Any) -> str | None:
    """A special token as tokenizer_config.json writes it: a string, or an AddedToken's dict."""
    if isinstance(value, dict):
        value = value.get("content")
    return value if isinstance(value, str) and value else None


class ChatTokenizer:
    """A tokenizers.Tokenizer with its folder's special tokens and chat template."""

    def __init__(self, backend: Any, config: dict[str, Any], chat_template: str | None) -> None:
        self.backend = backend
        self.chat_template = chat_template
        limit = config.get("model_max_length")
        self.model_max_length = limit if isinstance(limit, int) else HUGE
        self.clean_up = (bool(config.get("clean_up_tokenization_spaces"))
                         and type(backend.model).__name__ != "BPE")  # as transformers 5 skips it
        self.special_tokens_map = {k: t for k in NAMED if (t := _content(config.get(k)))}
        self.added_tokens_decoder = backend.get_added_tokens_decoder()
        extra = config.get("extra_special_tokens") or config.get("additional_special_tokens") or []
        named = [*self.special_tokens_map.values(), *filter(None, map(_content, extra))]
        ids = {backend.token_to_id(t) for t in named}
        ids |= {i for i, token in self.added_tokens_decoder.items() if token.special}
        self.all_special_ids = sorted(i for i in ids if i is not None)

    def _id(self, name: str) -> int | None:
        token = self.special_tokens_map.get(name)
        return self.backend.token_to_id(token) if token else None

    @property
    def eos_token_id(self) -> int | None:
        return self._id("eos_token")

    @property
    def pad_token_id(self) -> int | None:
        return self._id("pad_token")

    @property
    def bos_token_id(self) -> int | None:
        return self._id("bos_token")

    def apply_chat_template(self, conversation: Sequence[dict[str, str]], *,
                            add_generation_prompt: bool = False, tokenize: bool = False) -> Any:
        """The conversation rendered by the chat template (its ids when `tokenize`)."""
        if not self.chat_template:
            raise ValueError("this tokenizer has no chat template")
        text = _compiled(self.chat_template).render(
            messages=[dict(turn) for turn in conversation], tools=None, documents=None,
            add_generation_prompt=add_generation_prompt, **self.special_tokens_map)
        return self(text)["input_ids"] if tokenize else text

    def __call__(self, text: str, add_special_tokens: bool = False) -> dict[str, list[int]]:
        return {"input_ids": self.backend.encode(text, add_special_tokens=add_special_tokens).ids}

    def decode(self, ids: Sequence[int], skip_special_tokens: bool = False) -> str:
        text = self.backend.decode(list(ids), skip_special_tokens=skip_special_tokens)
        return _clean_up(text) if self.clean_up else text

    def convert_ids_to_tokens(self, ids: Sequence[int]) -> list[str]:
        return [self.backend.id_to_token(i) for i in ids]


def _clean_up(text: str) -> str:
    """transformers' clean_up_tokenization: no space before punctuation and English contractions."""
    for spaced, joined in ((" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
                           (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"),
                           (" 're", "'re")):
        text = text.replace(spaced, joined)
    return text


def _template(folder: Path, config: dict[str, Any]) -> str | None:
    """chat_template.jinja, else tokenizer_config.json's chat_template
    (a named list: its default)."""
    path = folder / "chat_template.jinja"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    found = config.get("chat_template")
    if isinstance(found, list):
        found = {t.get("name"): t.get("template") for t in found if isinstance(t, dict)}
    if isinstance(found, dict):
        found = found.get("default")
    return found if isinstance(found, str) and found else None


def read(folder: Path) -> ChatTokenizer | None:
    """The tokenizer of a model folder, or None when it has no tokenizer.json."""
    from tokenizers import Tokenizer

    path = Path(folder) / "tokenizer.json"
    if not path.is_file():
        return None
    try:
        config = json.loads((Path(folder) / "tokenizer_config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        config = {}
    try:
        legacy = json.loads((Path(folder) / "special_tokens_map.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        legacy = {}
    # special_tokens_map.json fills what tokenizer_config.json leaves unset, as in transformers
    config = {**{k: v for k, v in legacy.items() if k in NAMED or "special_tokens" in k},
              **{k: v for k, v in config.items() if v is not None}}
    return ChatTokenizer(Tokenizer.from_file(str(path)), config, _template(Path(folder), config))


@functools.lru_cache(maxsize=8)
def _compiled(template: str) -> Any:
    """A chat template compiled as transformers compiles one: a sandbox (templates come from the
    hub), trim_blocks and lstrip_blocks, loop controls, and its helpers."""
    from jinja2.exceptions import TemplateError
    from jinja2.ext import loopcontrols
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def raise_exception(message: str) -> None:
        raise TemplateError(message)

    def tojson(value: Any, ensure_ascii: bool = False, indent: int | None = None,
               separators: Any = None, sort_keys: bool = False) -> str:
        # jinja's own tojson escapes <, > and & for HTML, which a prompt must keep
        return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, separators=separators,
                          sort_keys=sort_keys)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[loopcontrols, _generation_tag()])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = lambda fmt: datetime.now().strftime(fmt)
    return env.from_string(template)


def _generation_tag() -> Any:
    """`{% generation %}…{% endgeneration %}` (marks the assistant's text for training masks in
    transformers): rendered as its body."""
    from jinja2 import nodes
    from jinja2.ext import Extension

    class Generation(Extension):
        tags = {"generation"}

        def parse(self, parser: Any) -> Any:
            lineno = next(parser.stream).lineno
            body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
            return nodes.Scope(body).set_lineno(lineno)

    return Generation
