"""Tiny random-weight seq2seq models of the real architecture families, built offline.

Each ``build_*`` function writes a complete model folder (weights, ``config.json``,
``generation_config.json`` and the tokenizer files) to ``path`` and returns ``path``, so the
folder loads with ``AutoTokenizer.from_pretrained(path)`` and
``AutoModelForSeq2SeqLM.from_pretrained(path)`` exactly like a hub checkpoint, without any
network access. Tokenizers are trained in code (SentencePiece or byte-level BPE) on the small
corpus below; model weights are random (``torch.manual_seed(0)``), so generated text is noise,
but ids, shapes, special tokens, language codes and position limits behave like the real models:

========================  ======================================  ==============================
builder                   mimics                                  tokenizer class (transformers 5)
========================  ======================================  ==============================
``build_marian``          Helsinki-NLP/opus-mt-* (MarianMTModel)  MarianTokenizer (sentencepiece)
``build_bart``            facebook/bart-large-cnn, distilbart     BartTokenizer (= RobertaTokenizer)
``build_t5``              google/flan-t5-* (English only)         T5Tokenizer (tokenizers backend)
``build_mt5``             csebuetnlp/mT5_multilingual_XLSum       T5Tokenizer (tokenizers backend)
``build_m2m100``          facebook/m2m100_418M                    M2M100Tokenizer (sentencepiece)
``build_nllb``            facebook/nllb-200-distilled-600M        NllbTokenizer (tokenizers backend)
``build_deberta_nli``     an XNLI mDeBERTa-v3 (sequence classifier) DebertaV2Tokenizer (tokenizers backend)
========================  ======================================  ==============================

``build_marian(..., target_codes=MARIAN_ARABIC_TARGET_CODES)`` gives the multi-target en->ar
variant (``>>ara<<`` prefix); ``build_all(root)`` builds all of them in well under a second.

Every folder also converts with ``ctranslate2.converters.TransformersConverter(folder).convert(out)``
and decodes greedily token-for-token like transformers (tests/test_tiny_models.py checks it).
For NLLB/M2M100 pass ``target_prefix=[["eng_Latn"]]`` / ``[["__en__"]]``, for BART ``[["<s>"]]``
(its generation config forces ``<s>`` first; CTranslate2 does not).

Known quirks (same as with the real checkpoints under transformers 5):
* loading a Marian tokenizer warns "Recommended: pip install sacremoses." when sacremoses is absent;
* generation configs carry the real ``max_length`` (Marian 512, BART 142, M2M100/NLLB 200), so
  ``generate(max_new_tokens=...)`` logs "Both `max_new_tokens` and `max_length` seem to have been
  set"; BART's ``min_length=56`` also warns "Unfeasible length constraints" for short budgets;
* random weights mostly repeat one token and rarely emit EOS, so outputs run to ``max_new_tokens``.

Nothing is cached on disk outside ``path``; trained SentencePiece models are memoised in memory.
This is a plain helper module (not a conftest): import it from tests (``from . import tiny_models``).
"""

from __future__ import annotations

import io
import json
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path

import sentencepiece as spm
import torch
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    BartTokenizer,
    GenerationConfig,
    M2M100Config,
    M2M100ForConditionalGeneration,
    M2M100Tokenizer,
    MarianConfig,
    MarianMTModel,
    MarianTokenizer,
    MT5Config,
    MT5ForConditionalGeneration,
    NllbTokenizer,
    T5Config,
    T5ForConditionalGeneration,
    T5Tokenizer,
)
from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES as _M2M100_CODES
from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES
from transformers.utils import logging as hf_logging

__all__ = [
    "ARABIC_CORPUS",
    "ENGLISH_CORPUS",
    "MARIAN_ARABIC_TARGET_CODES",
    "FAIRSEQ_M2M100_CODES",
    "NLLB_LANGUAGE_CODES",
    "build_all",
    "build_bart",
    "build_m2m100",
    "build_marian",
    "build_mt5",
    "build_nllb",
    "build_qwen2_chat",
    "build_decoder_chat",
    "build_deberta_nli",
    "build_t5",
]

# --------------------------------------------------------------------------------------------
# Shared corpus (English + Arabic). Every letter, digit (0-9 and Arabic-Indic ٠-٩) and common
# punctuation mark of both scripts occurs, so with character_coverage=1.0 SentencePiece can
# encode any ordinary English or Arabic news text without <unk>.
# --------------------------------------------------------------------------------------------

ENGLISH_CORPUS: tuple[str, ...] = (
    "The government announced a new budget on Monday.",
    "Officials said the talks would continue next week.",
    "The minister met with reporters in the capital.",
    "Prices rose by 3.5% in the first quarter of 2024.",
    "Heavy rain caused flooding in several northern cities.",
    "The president said the agreement was an important step.",
    "Thousands of people gathered in the square on Friday.",
    "The company reported a profit of $120 million.",
    "Schools will reopen after the holiday, the ministry said.",
    "The United Nations called for an immediate ceasefire.",
    "Scientists discovered a new species in the desert.",
    "The football team won the cup after a long season.",
    "Electricity was restored to most homes by evening.",
    "Exports of oil and gas fell sharply last year.",
    "The court will give its ruling in June.",
    "Hospitals are short of medicine and fuel.",
    "Talks between the two sides ended without a deal.",
    "Voters will go to the polls in October.",
    "A summary is a short text that keeps the key points.",
    "Translate the following article into English.",
    "Summarize the news in three sentences.",
    "What are the main points of this report?",
    "Water, food and shelter are urgently needed (UN).",
    "He said: \"We will not give up!\" - and left.",
    "Q1 sales: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10; total 55.",
    "Email: news@example.com; web: https://example.org/page?id=7&lang=en",
    "Jazz, quiz, box, vex, keep, up, joy, zip, wax, quick, brown, fox.",
    "THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG.",
    "the quick brown fox jumps over the lazy dog.",
    "Cairo, Dubai, Beirut, Riyadh, Amman, Baghdad, Rabat, Tunis, Doha.",
    "It's 10:30 a.m. [local time] {approx.} <b> # * + = ~ ^ | \\ / ` _",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789",
)

ARABIC_CORPUS: tuple[str, ...] = (
    "أعلنت الحكومة عن ميزانية جديدة يوم الاثنين.",
    "قال المسؤولون إن المحادثات ستستمر الأسبوع المقبل.",
    "التقى الوزير بالصحفيين في العاصمة.",
    "ارتفعت الأسعار بنسبة ٣٫٥٪ في الربع الأول من عام ٢٠٢٤.",
    "تسببت الأمطار الغزيرة في فيضانات في عدة مدن شمالية.",
    "قال الرئيس إن الاتفاق خطوة مهمة.",
    "تجمع آلاف الأشخاص في الساحة يوم الجمعة.",
    "أعلنت الشركة عن أرباح بلغت ١٢٠ مليون دولار.",
    "ستعيد المدارس فتح أبوابها بعد العطلة، بحسب الوزارة.",
    "دعت الأمم المتحدة إلى وقف فوري لإطلاق النار.",
    "اكتشف العلماء نوعا جديدا في الصحراء.",
    "فاز فريق كرة القدم بالكأس بعد موسم طويل.",
    "عادت الكهرباء إلى معظم المنازل بحلول المساء.",
    "انخفضت صادرات النفط والغاز بشكل حاد العام الماضي.",
    "ستصدر المحكمة حكمها في يونيو.",
    "تعاني المستشفيات من نقص في الأدوية والوقود.",
    "انتهت المحادثات بين الطرفين دون اتفاق.",
    "سيتوجه الناخبون إلى صناديق الاقتراع في أكتوبر.",
    "هل يمكنك تلخيص هذا المقال؟ نعم؛ بكل سرور!",
    "القاهرة، دبي، بيروت، الرياض، عمّان، بغداد، الرباط، تونس، الدوحة.",
    "الأرقام: ٠ ١ ٢ ٣ ٤ ٥ ٦ ٧ ٨ ٩ و 0 1 2 3 4 5 6 7 8 9.",
    "مسؤول، مسألة، شؤون، رئيس، سائق، هيئة، إسرائيل، مستشفى، على، إلى، حتى.",
    "ظل الضابط ينتظر؛ ثم غادر الذئب إلى الشاطئ.",
    "قرأ الطالب صفحة ثقافة الأخبار في الصحيفة.",
    "اُكتُبْ الدَّرْسَ جَيِّدًا، وَلَا تَنْسَ كِتَابٌ وَقَلَمٍ.",
    "ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي",
    "ء آ أ ؤ إ ئ ى ة ـ « » پ چ ژ گ ڤ ۰ ۱ ۲ ۳ ۴ ۵ ۶ ۷ ۸ ۹",
    "قالت وكالة الأنباء (رويترز) إن ٣ أشخاص أصيبوا - وفق الشرطة.",
)

#: Target-language tokens of Helsinki-NLP/opus-mt-en-ar (a subset), for ``build_marian``.
MARIAN_ARABIC_TARGET_CODES: tuple[str, ...] = (">>ara<<", ">>arz<<", ">>apc<<", ">>acm<<", ">>ary<<")

#: The 202 FLORES-200 codes that NllbTokenizer registers (arb_Arab, eng_Latn, fra_Latn, ...).
NLLB_LANGUAGE_CODES: tuple[str, ...] = tuple(FAIRSEQ_LANGUAGE_CODES)
#: The 100 M2M100 language codes ("ar", "en", "fr", ...); tokens are ``__ar__`` etc.
FAIRSEQ_M2M100_CODES: tuple[str, ...] = tuple(_M2M100_CODES["m2m100"])

_SEED = 0
_TINY = {"d_model": 32, "layers": 2, "heads": 2, "ffn": 64}


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def _corpus(languages: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    if "en" in languages:
        lines += ENGLISH_CORPUS
    if "ar" in languages:
        lines += ARABIC_CORPUS
    # Repeat so that frequent words become whole pieces; order is fixed -> deterministic model.
    return lines * 3


@lru_cache(maxsize=None)
def _spm_bytes(
    languages: tuple[str, ...],
    *,
    model_type: str = "unigram",
    vocab_size: int = 320,
    pad_id: int = -1,
    unk_id: int = 0,
    bos_id: int = 1,
    eos_id: int = 2,
) -> bytes:
    """Train a SentencePiece model in memory on the shared corpus; returns the serialized proto."""
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(_corpus(languages)),
        model_writer=buffer,
        model_type=model_type,
        vocab_size=vocab_size,
        hard_vocab_limit=False,
        character_coverage=1.0,
        pad_id=pad_id,
        unk_id=unk_id,
        bos_id=bos_id,
        eos_id=eos_id,
        num_threads=1,
        minloglevel=2,
        split_digits=True,  # "2024" -> 2 0 2 4, so every number encodes without <unk>
    )
    return buffer.getvalue()


def _spm_processor(model: bytes) -> spm.SentencePieceProcessor:
    return spm.SentencePieceProcessor(model_proto=model)


def _ordinary_pieces(model: bytes) -> list[str]:
    """All pieces of a SentencePiece model except control (<s>, </s>, <pad>) and <unk> pieces, in id order."""
    proc = _spm_processor(model)
    return [
        proc.id_to_piece(i)
        for i in range(proc.get_piece_size())
        if not (proc.is_control(i) or proc.is_unknown(i))
    ]


def _prepare(path: Path | str) -> Path:
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _save_model(
    model_cls, config, generation_config: GenerationConfig, path: Path, *, mute_output_ids: tuple[int, ...] = ()
) -> None:
    torch.manual_seed(_SEED)
    model = model_cls(config)
    model.eval()
    if mute_output_ids:
        # Zero these rows of the (untied) output projection so their logits are 0 while the best
        # random logit is ~+20: otherwise a random T5 just echoes its start token <pad> forever and
        # every generation decodes to "".
        with torch.no_grad():
            model.get_output_embeddings().weight[list(mute_output_ids)] = 0.0
    model.generation_config = generation_config
    bars_were_disabled = hf_logging.is_progress_bar_enabled() is False
    hf_logging.disable_progress_bar()  # no "Writing model shards" bar per tiny model
    try:
        model.save_pretrained(path)
    finally:
        if not bars_were_disabled:
            hf_logging.enable_progress_bar()


def _bart_like_dims() -> dict:
    t = _TINY
    return dict(
        d_model=t["d_model"],
        encoder_layers=t["layers"],
        decoder_layers=t["layers"],
        encoder_attention_heads=t["heads"],
        decoder_attention_heads=t["heads"],
        encoder_ffn_dim=t["ffn"],
        decoder_ffn_dim=t["ffn"],
    )


def _save_tokenizer(tokenizer, path: Path) -> None:
    """save_pretrained, minus the load-time flags that from_pretrained(folder) leaves in the config."""
    tokenizer.save_pretrained(path)
    config_file = path / "tokenizer_config.json"
    config = json.loads(config_file.read_text(encoding="utf-8"))
    for key in ("is_local", "local_files_only", "name_or_path"):
        config.pop(key, None)
    _write_json(config_file, config)


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


# --------------------------------------------------------------------------------------------
# Builders
# --------------------------------------------------------------------------------------------


def build_marian(path: Path, *, target_codes: tuple[str, ...] = ()) -> Path:
    """Opus-MT style MarianMTModel + MarianTokenizer (English and Arabic shared vocabulary).

    Without ``target_codes`` it stands for Helsinki-NLP/opus-mt-ar-en (source_lang "ar"); with them
    for the multi-target Helsinki-NLP/opus-mt-en-ar (source_lang "en").

    ``vocab.json`` follows the real layout: ``</s>`` = 0, ``<unk>`` = 1, then the target-language
    codes (e.g. ``>>ara<<``) if any, then the SentencePiece pieces, and ``<pad>`` last (pad id =
    decoder start id = vocab_size - 1). With ``target_codes`` the tokenizer lists them in
    ``supported_language_codes`` and ``tokenizer(">>ara<< Hello")`` starts with the ``>>ara<<`` id,
    like the multi-target Helsinki-NLP/opus-mt-en-ar.
    """
    path = _prepare(path)
    model_bytes = _spm_bytes(("en", "ar"))
    (path / "source.spm").write_bytes(model_bytes)
    (path / "target.spm").write_bytes(model_bytes)

    vocab: dict[str, int] = {"</s>": 0, "<unk>": 1}
    for code in target_codes:
        if not (code.startswith(">>") and code.endswith("<<")):
            raise ValueError(f"Marian target codes look like '>>ara<<', got {code!r}")
        vocab.setdefault(code, len(vocab))
    for piece in _ordinary_pieces(model_bytes):
        vocab.setdefault(piece, len(vocab))
    vocab["<pad>"] = len(vocab)
    _write_json(path / "vocab.json", vocab)

    with warnings.catch_warnings():  # "Recommended: pip install sacremoses." (it is optional)
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        tokenizer = MarianTokenizer(
            source_spm=str(path / "source.spm"),
            target_spm=str(path / "target.spm"),
            vocab=str(path / "vocab.json"),
            source_lang="en" if target_codes else "ar",
            target_lang="ar" if target_codes else "en",
            model_max_length=512,
        )
        tokenizer.save_pretrained(path)

    size = len(vocab)
    pad = size - 1
    config = MarianConfig(
        vocab_size=size,
        decoder_vocab_size=size,
        max_position_embeddings=512,
        activation_function="swish",
        scale_embedding=True,
        static_position_embeddings=True,
        share_encoder_decoder_embeddings=True,
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        dropout=0.1,
        **_bart_like_dims(),
    )
    generation = GenerationConfig(
        bad_words_ids=[[pad]],
        bos_token_id=0,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        pad_token_id=pad,
        max_length=512,
        num_beams=4,
    )
    _save_model(MarianMTModel, config, generation, path)
    return path


def build_bart(path: Path) -> Path:
    """bart-large-cnn style BartForConditionalGeneration with a byte-level BPE tokenizer (English).

    Ids like the real checkpoint: ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3, ``<mask>`` last.
    The generation config copies bart-large-cnn's (beam 4, min_length 56, max_length 142,
    no_repeat_ngram_size 3, length_penalty 2.0), so callers must pass their own lengths.
    """
    from tokenizers import ByteLevelBPETokenizer

    path = _prepare(path)
    specials = ["<s>", "<pad>", "</s>", "<unk>"]
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        _corpus(("en",)), vocab_size=400, min_frequency=2, special_tokens=specials, show_progress=False
    )
    model_json = json.loads(bpe.to_str())["model"]
    vocab: dict[str, int] = dict(sorted(model_json["vocab"].items(), key=lambda item: item[1]))
    vocab["<mask>"] = len(vocab)
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in model_json["merges"]]

    tokenizer = BartTokenizer(vocab=vocab, merges=merges, model_max_length=1024)
    tokenizer.save_pretrained(path)

    size = len(vocab)
    config = BartConfig(
        vocab_size=size,
        max_position_embeddings=1024,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        # Not BartConfig fields in transformers 5, but present in the hub config.json of
        # facebook/bart-large-cnn and read by CTranslate2's converter (kept as extra attributes).
        normalize_before=False,
        add_final_layer_norm=False,
        normalize_embedding=True,
        **_bart_like_dims(),
    )
    generation = GenerationConfig(
        bos_token_id=0,
        decoder_start_token_id=2,
        eos_token_id=2,
        pad_token_id=1,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        num_beams=4,
        min_length=56,
        max_length=142,
        no_repeat_ngram_size=3,
        length_penalty=2.0,
        early_stopping=True,
    )
    _save_model(BartForConditionalGeneration, config, generation, path)
    return path


def _build_t5_family(path: Path, *, languages: tuple[str, ...], model_cls, config_cls, extra_ids: int) -> Path:
    path = _prepare(path)
    # T5 layout: <pad> 0, </s> 1, <unk> 2 (no <s>).
    model_bytes = _spm_bytes(languages, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    (path / "spiece.model").write_bytes(model_bytes)
    # transformers 5 converts spiece.model into a tokenizers backend on load; save_pretrained then
    # writes tokenizer.json next to spiece.model (the converters and AutoTokenizer accept either).
    tokenizer = T5Tokenizer.from_pretrained(path, extra_ids=extra_ids, model_max_length=512)
    _save_tokenizer(tokenizer, path)

    size = len(tokenizer)
    t = _TINY
    config = config_cls(
        vocab_size=size,
        d_model=t["d_model"],
        d_kv=t["d_model"] // t["heads"],
        d_ff=t["ffn"],
        num_layers=t["layers"],
        num_decoder_layers=t["layers"],
        num_heads=t["heads"],
        feed_forward_proj="gated-gelu",
        tie_word_embeddings=False,
        decoder_start_token_id=0,
        eos_token_id=1,
        pad_token_id=0,
    )
    # Like google/flan-t5-*: no max_length in the generation config (so the default 20 applies).
    generation = GenerationConfig(decoder_start_token_id=0, eos_token_id=1, pad_token_id=0)
    _save_model(model_cls, config, generation, path, mute_output_ids=(0, 2))  # <pad>, <unk>
    return path


def build_t5(path: Path, *, english_only: bool = True) -> Path:
    """flan-t5 style T5ForConditionalGeneration; SentencePiece trained on English only by default,
    so Arabic letters (and Arabic-Indic digits) encode to ``<unk>`` (id 2), as with flan-t5.
    Ids: ``<pad>`` 0 (= decoder start), ``</s>`` 1, ``<unk>`` 2, plus 100 ``<extra_id_N>`` sentinels.
    """
    languages = ("en",) if english_only else ("en", "ar")
    return _build_t5_family(
        path, languages=languages, model_cls=T5ForConditionalGeneration, config_cls=T5Config, extra_ids=100
    )


def build_mt5(path: Path) -> Path:
    """mT5_multilingual_XLSum style MT5ForConditionalGeneration with an English+Arabic vocabulary.
    Ids: ``<pad>`` 0 (= decoder start), ``</s>`` 1, ``<unk>`` 2; no sentinel tokens.
    """
    return _build_t5_family(
        path, languages=("en", "ar"), model_cls=MT5ForConditionalGeneration, config_cls=MT5Config, extra_ids=0
    )


def _fairseq_m2m_config(vocab_size: int, pad: int = 1) -> M2M100Config:
    return M2M100Config(
        vocab_size=vocab_size,
        max_position_embeddings=1024,
        activation_function="relu",
        scale_embedding=True,
        pad_token_id=pad,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        encoder_layerdrop=0.0,
        decoder_layerdrop=0.0,
        **_bart_like_dims(),
    )


def build_m2m100(path: Path) -> Path:
    """m2m100_418M style M2M100ForConditionalGeneration + M2M100Tokenizer.

    ``vocab.json``: ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3, then the pieces; the tokenizer
    appends the 100 fairseq language tokens (``__ar__``, ``__en__``, ``__fr__``, ...) and the model
    vocabulary has 8 more ``madeupword`` slots, as the real checkpoint has.
    ``tokenizer.src_lang = "ar"`` prefixes ``__ar__``; use ``forced_bos_token_id=tokenizer.get_lang_id("en")``.
    """
    path = _prepare(path)
    model_bytes = _spm_bytes(("en", "ar"), model_type="bpe")
    (path / "sentencepiece.bpe.model").write_bytes(model_bytes)
    vocab: dict[str, int] = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for piece in _ordinary_pieces(model_bytes):
        vocab.setdefault(piece, len(vocab))
    _write_json(path / "vocab.json", vocab)

    # transformers 5's M2M100Tokenizer.__init__ fails to register its language tokens as special
    # tokens by itself (the hub checkpoints get them from tokenizer_config.json), so pass them
    # explicitly: then __ar__ etc. are never split and skip_special_tokens drops them.
    language_tokens = [f"__{code}__" for code in FAIRSEQ_M2M100_CODES]
    tokenizer = M2M100Tokenizer(
        vocab_file=str(path / "vocab.json"),
        spm_file=str(path / "sentencepiece.bpe.model"),
        src_lang="en",
        tgt_lang="ar",
        model_max_length=1024,
        extra_special_tokens=language_tokens,
    )
    _save_tokenizer(tokenizer, path)

    size = len(vocab) + len(tokenizer.lang_code_to_id) + tokenizer.num_madeup_words
    generation = GenerationConfig(
        bos_token_id=0,
        decoder_start_token_id=2,
        eos_token_id=2,
        pad_token_id=1,
        max_length=200,
        num_beams=5,
        early_stopping=True,
    )
    _save_model(M2M100ForConditionalGeneration, _fairseq_m2m_config(size), generation, path)
    return path


def build_nllb(path: Path) -> Path:
    """nllb-200-distilled-600M style: M2M100 architecture + NllbTokenizer.

    Ids: ``<s>`` 0, ``<pad>`` 1, ``</s>`` 2, ``<unk>`` 3, pieces, then the 202 FLORES-200 language
    codes (``arb_Arab``, ``eng_Latn``, ``fra_Latn``, ...) as special tokens and ``<mask>`` last.
    ``tokenizer.src_lang = "arb_Arab"`` puts the code first in the source (non-legacy layout
    ``[code] tokens </s>``); ``forced_bos_token_id=tokenizer.convert_tokens_to_ids("eng_Latn")``.
    """
    path = _prepare(path)
    model_bytes = _spm_bytes(("en", "ar"), model_type="bpe")
    (path / "sentencepiece.bpe.model").write_bytes(model_bytes)
    # The spm-to-tokenizers conversion would otherwise register only <s>/</s> as extra special
    # tokens, dropping the language codes that the real tokenizer.json carries.
    tokenizer = NllbTokenizer.from_pretrained(
        path, src_lang="eng_Latn", extra_special_tokens=list(NLLB_LANGUAGE_CODES), model_max_length=1024
    )
    _save_tokenizer(tokenizer, path)

    size = len(tokenizer)
    config = _fairseq_m2m_config(size)
    config.tokenizer_class = "NllbTokenizer"
    generation = GenerationConfig(
        bos_token_id=0,
        decoder_start_token_id=2,
        eos_token_id=2,
        pad_token_id=1,
        max_length=200,
    )
    _save_model(M2M100ForConditionalGeneration, config, generation, path)
    return path


NLI_LABELS = ("entailment", "neutral", "contradiction")  # MoritzLaurer's mDeBERTa XNLI models' order


def build_deberta_nli(path: Path, *, favour: str | None = None) -> Path:
    """An XNLI mDeBERTa-v3 style DebertaV2ForSequenceClassification + DebertaV2Tokenizer (English and Arabic).

    Relative attention as mDeBERTa-v3 has it (p2c/c2p, 256 buckets, no absolute positions, no token types);
    labels entailment/neutral/contradiction. Random weights read every pair nearly alike, so ``favour`` a
    label makes the classifier head say that label for every pair (p > 0.99): a model known to contradict.
    """
    from transformers import DebertaV2Config, DebertaV2ForSequenceClassification, DebertaV2Tokenizer

    path = _prepare(path)
    (path / "spm.model").write_bytes(_spm_bytes(("en", "ar")))
    tokenizer = DebertaV2Tokenizer.from_pretrained(path, model_max_length=512)
    _save_tokenizer(tokenizer, path)
    t = _TINY
    config = DebertaV2Config(
        vocab_size=len(tokenizer), hidden_size=t["d_model"], num_hidden_layers=t["layers"],
        num_attention_heads=t["heads"], intermediate_size=t["ffn"], max_position_embeddings=512,
        relative_attention=True, position_buckets=256, norm_rel_ebd="layer_norm", pos_att_type=["p2c", "c2p"],
        share_att_key=True, position_biased_input=False, type_vocab_size=0, pad_token_id=tokenizer.pad_token_id,
        id2label=dict(enumerate(NLI_LABELS)), label2id={label: i for i, label in enumerate(NLI_LABELS)},
    )
    torch.manual_seed(_SEED)
    model = DebertaV2ForSequenceClassification(config).eval()
    if favour is not None:
        with torch.no_grad():
            model.classifier.weight.zero_()
            model.classifier.bias.copy_(torch.tensor([10.0 if label == favour else 0.0 for label in NLI_LABELS]))
    hf_logging.disable_progress_bar()
    model.save_pretrained(path)
    return path


# ChatML as Qwen2's tokenizer_config.json has it (without the tool-calling branches): each turn is
# <|im_start|>role\ncontent<|im_end|>\n, and add_generation_prompt opens the assistant's turn.
QWEN2_CHAT_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
QWEN2_SPECIALS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")


def build_qwen2_chat(path: Path, *, max_positions: int = 32768) -> Path:
    """Qwen2.5-Instruct style Qwen2ForCausalLM + Qwen2Tokenizer (byte-level BPE, English and Arabic) with a chat template.

    The vocabulary is the trained pieces followed by ``<|endoftext|>`` (pad), ``<|im_start|>`` and ``<|im_end|>``
    (eos), as in the real checkpoint; ``tokenizer.apply_chat_template(messages, add_generation_prompt=True)`` gives
    ChatML. The generation config copies Qwen2.5-Instruct's (sampling, temperature 0.7, top_p 0.8, top_k 20,
    repetition_penalty 1.05, eos ``[<|im_end|>, <|endoftext|>]``), so callers must ask for greedy decoding themselves.
    Grouped-query attention (4 heads, 2 KV heads) and rope theta 1e6 as Qwen2.5 has them; the output projection
    is untied (as Qwen2.5-7B's; the 1.5B ties it), since tied random weights only echo the prompt's last token.
    """
    from tokenizers import ByteLevelBPETokenizer
    from transformers import Qwen2Config, Qwen2ForCausalLM, Qwen2Tokenizer

    path = _prepare(path)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(_corpus(("en", "ar")), vocab_size=600, min_frequency=2, show_progress=False)
    model_json = json.loads(bpe.to_str())["model"]
    vocab: dict[str, int] = dict(sorted(model_json["vocab"].items(), key=lambda item: item[1]))
    for token in QWEN2_SPECIALS:
        vocab[token] = len(vocab)
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in model_json["merges"]]
    tokenizer = Qwen2Tokenizer(vocab=vocab, merges=merges, eos_token="<|im_end|>", pad_token="<|endoftext|>",
                               unk_token=None, extra_special_tokens=list(QWEN2_SPECIALS[1:]),
                               model_max_length=max_positions)
    tokenizer.chat_template = QWEN2_CHAT_TEMPLATE
    _save_tokenizer(tokenizer, path)

    pad, eos = vocab["<|endoftext|>"], vocab["<|im_end|>"]
    config = Qwen2Config(
        vocab_size=len(vocab), hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=4,
        num_key_value_heads=2, max_position_embeddings=max_positions, tie_word_embeddings=False,
        rope_parameters={"rope_theta": 1000000.0, "rope_type": "default"}, rms_norm_eps=1e-6,
        bos_token_id=pad, eos_token_id=eos, pad_token_id=pad,
    )
    generation = GenerationConfig(
        bos_token_id=pad, pad_token_id=pad, eos_token_id=[eos, pad], do_sample=True, temperature=0.7, top_p=0.8,
        top_k=20, repetition_penalty=1.05,
    )
    # Random weights would now and then write control bytes (NUL, ESC...) that no real model writes.
    controls = tuple(i for i in range(len(vocab)) if any(
        unicodedata.category(c) == "Cc" and c not in "\n\t" for c in tokenizer.decode([i])))
    _save_model(Qwen2ForCausalLM, config, generation, path, mute_output_ids=controls)
    return path


def build_decoder_chat(path: Path, model_type: str) -> Path:
    """A tiny chat model of another decoder family ("llama", "gemma3_text") with build_qwen2_chat's tokenizer
    and ChatML template (plus the <bos>/<unk> CTranslate2's converters for them ask the tokenizer for).

    Rope settings differ from the library defaults (Llama 3's scaled rope, Gemma 3's two thetas), so a backend
    that drops them decodes differently.
    """
    from transformers import AutoTokenizer, Gemma3ForCausalLM, Gemma3TextConfig, LlamaConfig, LlamaForCausalLM

    path = _prepare(path)
    build_qwen2_chat(path, max_positions=4096)
    for name in ("model.safetensors", "config.json"):
        (path / name).unlink()
    tokenizer = AutoTokenizer.from_pretrained(path, bos_token="<|endoftext|>", unk_token="<|endoftext|>")
    _save_tokenizer(tokenizer, path)
    dims = dict(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                num_attention_heads=4, num_key_value_heads=2, head_dim=8, max_position_embeddings=4096,
                pad_token_id=tokenizer.pad_token_id, bos_token_id=tokenizer.bos_token_id,
                eos_token_id=tokenizer.eos_token_id, tie_word_embeddings=False)
    if model_type == "llama":
        rope = {"rope_type": "llama3", "rope_theta": 500000.0, "factor": 32.0, "low_freq_factor": 1.0,
                "high_freq_factor": 4.0, "original_max_position_embeddings": 256}
        model_cls, config = LlamaForCausalLM, LlamaConfig(**dims, rope_parameters=rope)
    elif model_type == "gemma3_text":
        rope = {"full_attention": {"rope_type": "default", "rope_theta": 200000.0},
                "sliding_attention": {"rope_type": "default", "rope_theta": 20000.0}}
        # query_pre_attn_scalar = head_dim, as the real checkpoints have it (CTranslate2 assumes so).
        model_cls, config = Gemma3ForCausalLM, Gemma3TextConfig(**dims, rope_parameters=rope, sliding_window=512,
                                                                 query_pre_attn_scalar=8)
    else:
        raise ValueError(f"no tiny chat model of type {model_type!r}")
    eos = tokenizer.eos_token_id
    generation = GenerationConfig(bos_token_id=dims["bos_token_id"], pad_token_id=dims["pad_token_id"],
                                  eos_token_id=[eos, dims["pad_token_id"]])
    _save_model(model_cls, config, generation, path)
    return path


def build_all(root: Path) -> dict[str, Path]:
    """Build every family under ``root`` (one sub-folder each); returns name -> folder."""
    root = _prepare(root)
    return {
        "marian": build_marian(root / "marian"),
        "marian_en_ar": build_marian(root / "marian_en_ar", target_codes=MARIAN_ARABIC_TARGET_CODES),
        "bart": build_bart(root / "bart"),
        "t5": build_t5(root / "t5"),
        "mt5": build_mt5(root / "mt5"),
        "m2m100": build_m2m100(root / "m2m100"),
        "nllb": build_nllb(root / "nllb"),
        "qwen2_chat": build_qwen2_chat(root / "qwen2_chat"),
    }
