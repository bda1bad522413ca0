"""Checks that the offline tiny models in ``tests/tiny_models.py`` behave like the real checkpoints."""

from __future__ import annotations

import os

# Nothing here may touch the hub. Set before transformers / huggingface_hub are imported
# (they read it at import time) — harmless if another module imported them first, since every
# load below is from a local folder.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import json  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import torch  # noqa: E402
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer  # noqa: E402

from . import tiny_models  # noqa: E402

pytestmark = [
    # MarianTokenizer warns on every load when the optional sacremoses is missing.
    pytest.mark.filterwarnings("ignore:Recommended. pip install sacremoses"),
    # The tiny BART copies bart-large-cnn's generation config (min_length 56) while we ask for 8 tokens.
    pytest.mark.filterwarnings("ignore:Unfeasible length constraints"),
]

ARABIC = "قال الرئيس إن الاتفاق خطوة مهمة في عام ٢٠٢٤."
ARABIC_2 = "ارتفعت الأسعار بنسبة ٣٫٥٪ في الربع الأول، بحسب الوزارة."
ENGLISH = "The minister met with reporters on Monday, 2024."
ENGLISH_2 = "Officials said the talks would continue next week."

MAX_FOLDER_BYTES = 2 * 1024 * 1024

# family -> (tokenizer class name, model class name, config model_type)
EXPECTED_CLASSES = {
    "marian": ("MarianTokenizer", "MarianMTModel", "marian"),
    "marian_en_ar": ("MarianTokenizer", "MarianMTModel", "marian"),
    "bart": ("RobertaTokenizer", "BartForConditionalGeneration", "bart"),
    "t5": ("T5Tokenizer", "T5ForConditionalGeneration", "t5"),
    "mt5": ("T5Tokenizer", "MT5ForConditionalGeneration", "mt5"),
    "m2m100": ("M2M100Tokenizer", "M2M100ForConditionalGeneration", "m2m_100"),
    "nllb": ("NllbTokenizer", "M2M100ForConditionalGeneration", "m2m_100"),
}
FAMILIES = tuple(EXPECTED_CLASSES)
MULTILINGUAL = ("marian", "mt5", "m2m100", "nllb")


# ------------------------------------------------------------------------------------------------
# Session fixtures: each folder is built once per test session, under pytest's tmp dir.
# ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_root(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("tiny_models")


@pytest.fixture(scope="session")
def marian_dir(tiny_root) -> Path:
    return tiny_models.build_marian(tiny_root / "marian")


@pytest.fixture(scope="session")
def marian_en_ar_dir(tiny_root) -> Path:
    return tiny_models.build_marian(tiny_root / "marian_en_ar", target_codes=(">>ara<<", ">>arz<<", ">>apc<<"))


@pytest.fixture(scope="session")
def bart_dir(tiny_root) -> Path:
    return tiny_models.build_bart(tiny_root / "bart")


@pytest.fixture(scope="session")
def t5_dir(tiny_root) -> Path:
    return tiny_models.build_t5(tiny_root / "t5")


@pytest.fixture(scope="session")
def mt5_dir(tiny_root) -> Path:
    return tiny_models.build_mt5(tiny_root / "mt5")


@pytest.fixture(scope="session")
def m2m100_dir(tiny_root) -> Path:
    return tiny_models.build_m2m100(tiny_root / "m2m100")


@pytest.fixture(scope="session")
def nllb_dir(tiny_root) -> Path:
    return tiny_models.build_nllb(tiny_root / "nllb")


def _folder(request, family: str) -> Path:
    return request.getfixturevalue(f"{family}_dir")


def _prepare_source(family: str, tokenizer, texts: list[str]) -> tuple[list[str], dict, dict]:
    """Texts, transformers generate() kwargs and CTranslate2 translate kwargs, the way callers must use each family."""
    if family == "marian_en_ar":
        return [f">>ara<< {t}" for t in texts], {}, {}
    if family == "m2m100":
        tokenizer.src_lang = "ar" if any("\u0600" <= c <= "\u06ff" for c in texts[0]) else "en"
        return texts, {"forced_bos_token_id": tokenizer.get_lang_id("en")}, {"target_prefix": [["__en__"]] * len(texts)}
    if family == "nllb":
        tokenizer.src_lang = "arb_Arab" if any("\u0600" <= c <= "\u06ff" for c in texts[0]) else "eng_Latn"
        eng = tokenizer.convert_tokens_to_ids("eng_Latn")
        return texts, {"forced_bos_token_id": eng}, {"target_prefix": [["eng_Latn"]] * len(texts)}
    if family == "bart":  # generation_config forces <s> first (forced_bos_token_id=0); CTranslate2 needs the prefix
        return texts, {}, {"target_prefix": [["<s>"]] * len(texts)}
    return texts, {}, {}


def _batch_texts(family: str) -> list[str]:
    return [ARABIC, ENGLISH] if family in MULTILINGUAL else [ENGLISH, ENGLISH_2]


# ------------------------------------------------------------------------------------------------
# Every family: loads like a hub checkpoint, is tiny, generates for a batch of two.
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
def test_folder_loads_through_auto_classes_and_generates(request, family):
    folder = _folder(request, family)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file())
    assert size < MAX_FOLDER_BYTES, f"{family} folder is {size} bytes"
    assert (folder / "generation_config.json").is_file()

    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    tok_cls, model_cls, model_type = EXPECTED_CLASSES[family]
    assert type(tokenizer).__name__ == tok_cls
    assert type(model).__name__ == model_cls
    assert model.config.model_type == model_type
    assert 0 < tokenizer.model_max_length <= 1024
    assert len(tokenizer) <= model.config.vocab_size

    gen = model.generation_config
    assert gen.decoder_start_token_id is not None
    assert gen.eos_token_id == tokenizer.eos_token_id
    assert gen.pad_token_id == tokenizer.pad_token_id

    texts, gen_kwargs, _ = _prepare_source(family, tokenizer, _batch_texts(family))
    batch = tokenizer(texts, return_tensors="pt", padding=True, truncation=True)
    with torch.no_grad():
        out = model.generate(**batch, max_new_tokens=8, **gen_kwargs)
    assert out.shape[0] == 2
    assert 2 <= out.shape[1] <= 1 + 8  # decoder start + at most 8 new tokens
    assert (out[:, 0] == gen.decoder_start_token_id).all()
    decoded = tokenizer.batch_decode(out, skip_special_tokens=True)
    assert len(decoded) == 2 and all(isinstance(d, str) for d in decoded)


def test_special_token_ids_mirror_real_checkpoints(
    marian_dir, marian_en_ar_dir, bart_dir, t5_dir, mt5_dir, m2m100_dir, nllb_dir
):
    def configs(folder):
        return (
            json.loads((folder / "config.json").read_text()),
            json.loads((folder / "generation_config.json").read_text()),
        )

    for folder in (marian_dir, marian_en_ar_dir):
        config, gen = configs(folder)
        pad = config["vocab_size"] - 1  # opus-mt: <pad> is the last id and the decoder start
        assert config["pad_token_id"] == config["decoder_start_token_id"] == pad
        assert config["eos_token_id"] == 0
        assert config["scale_embedding"] and config["static_position_embeddings"]
        assert config["share_encoder_decoder_embeddings"]
        assert config["max_position_embeddings"] == 512
        assert gen["bad_words_ids"] == [[pad]] and gen["decoder_start_token_id"] == pad

    config, gen = configs(bart_dir)
    assert (config["pad_token_id"], config["eos_token_id"], config["decoder_start_token_id"]) == (1, 2, 2)
    assert gen["min_length"] == 56 and gen["max_length"] == 142 and gen["num_beams"] == 4

    for folder in (t5_dir, mt5_dir):
        config, gen = configs(folder)
        assert (gen["decoder_start_token_id"], gen["eos_token_id"], gen["pad_token_id"]) == (0, 1, 0)
        assert "max_length" not in gen  # like flan-t5: the library default (20) applies

    for folder in (m2m100_dir, nllb_dir):
        config, gen = configs(folder)
        assert (config["pad_token_id"], config["eos_token_id"], config["decoder_start_token_id"]) == (1, 2, 2)
        assert gen["max_length"] == 200


def test_builds_are_deterministic(tmp_path, marian_dir):
    again = tiny_models.build_marian(tmp_path / "marian")
    for name in ("model.safetensors", "vocab.json", "source.spm", "config.json"):
        assert (again / name).read_bytes() == (marian_dir / name).read_bytes(), name


# ------------------------------------------------------------------------------------------------
# Tokenizers: Arabic and English coverage.
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("family", ("marian", "marian_en_ar", "mt5", "m2m100", "nllb"))
@pytest.mark.parametrize("text", (ARABIC, ARABIC_2, ENGLISH, ENGLISH_2, "٠١٢٣٤٥٦٧٨٩ 0123456789"))
def test_multilingual_tokenizers_round_trip_without_unk(request, family, text):
    tokenizer = AutoTokenizer.from_pretrained(_folder(request, family))
    (source,), _, _ = _prepare_source(family, tokenizer, [text])
    ids = tokenizer(source)["input_ids"]
    assert tokenizer.unk_token_id not in ids
    assert ids[-1] == tokenizer.eos_token_id
    decoded = tokenizer.decode(ids, skip_special_tokens=True)
    if family == "marian_en_ar":  # target codes are ordinary vocab entries, as in opus-mt-en-ar
        assert decoded == f">>ara<< {text}"
    else:
        assert decoded == text


def test_t5_is_english_only(t5_dir):
    tokenizer = AutoTokenizer.from_pretrained(t5_dir)
    unk = tokenizer.unk_token_id
    arabic_ids = tokenizer(ARABIC)["input_ids"]
    assert unk in arabic_ids
    # Every Arabic word (and the Arabic-Indic digits) is unknown: only <unk>, "▁", "." and </s> remain.
    pieces = set(tokenizer.convert_ids_to_tokens(arabic_ids))
    assert pieces <= {"<unk>", "▁", ".", "</s>"}
    assert unk not in tokenizer(ENGLISH)["input_ids"]
    assert tokenizer.decode(tokenizer(ENGLISH)["input_ids"], skip_special_tokens=True) == ENGLISH


def test_t5_english_only_false_covers_arabic(tmp_path):
    tokenizer = AutoTokenizer.from_pretrained(tiny_models.build_t5(tmp_path / "t5_ar", english_only=False))
    assert tokenizer.unk_token_id not in tokenizer(ARABIC)["input_ids"]


def test_bart_byte_level_bpe_never_unks(bart_dir):
    tokenizer = AutoTokenizer.from_pretrained(bart_dir)
    ids = tokenizer(ARABIC)["input_ids"]
    assert ids[0] == tokenizer.bos_token_id == 0 and ids[-1] == tokenizer.eos_token_id == 2
    assert tokenizer.unk_token_id not in ids
    assert tokenizer.decode(ids, skip_special_tokens=True) == ARABIC


# ------------------------------------------------------------------------------------------------
# Language codes.
# ------------------------------------------------------------------------------------------------


def test_multi_target_marian_needs_and_lists_target_codes(marian_en_ar_dir, marian_dir):
    tokenizer = AutoTokenizer.from_pretrained(marian_en_ar_dir)
    assert ">>ara<<" in tokenizer.supported_language_codes
    assert set(tokenizer.supported_language_codes) == {">>ara<<", ">>arz<<", ">>apc<<"}
    ara = tokenizer.convert_tokens_to_ids(">>ara<<")
    assert ara != tokenizer.unk_token_id
    batch = tokenizer([">>ara<< Hello", ">>arz<< " + ENGLISH], padding=True)
    assert batch["input_ids"][0][0] == ara
    assert batch["input_ids"][1][0] == tokenizer.convert_tokens_to_ids(">>arz<<")
    # The single-target (ar->en) model has none.
    assert AutoTokenizer.from_pretrained(marian_dir).supported_language_codes == []


def test_marian_position_table_limit(marian_dir):
    tokenizer = AutoTokenizer.from_pretrained(marian_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(marian_dir)
    long_text = " ".join([ENGLISH] * 60)
    assert len(tokenizer(long_text)["input_ids"]) > 512
    truncated = tokenizer([long_text], return_tensors="pt", truncation=True)
    assert truncated["input_ids"].shape[1] == 512 == tokenizer.model_max_length
    with pytest.raises(IndexError):
        model.generate(**tokenizer([long_text], return_tensors="pt"), max_new_tokens=1)


def test_nllb_language_codes(nllb_dir):
    tokenizer = AutoTokenizer.from_pretrained(nllb_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(nllb_dir)
    arb = tokenizer.convert_tokens_to_ids("arb_Arab")
    eng = tokenizer.convert_tokens_to_ids("eng_Latn")
    assert tokenizer.unk_token_id not in (arb, eng) and arb != eng
    assert tokenizer.convert_tokens_to_ids("fra_Latn") != tokenizer.unk_token_id

    tokenizer.src_lang = "arb_Arab"
    ids = tokenizer(ARABIC)["input_ids"]
    assert arb in ids and ids[0] == arb and ids[-1] == tokenizer.eos_token_id
    assert tokenizer.decode(ids, skip_special_tokens=True) == ARABIC

    batch = tokenizer([ARABIC, ARABIC_2], return_tensors="pt", padding=True)
    out = model.generate(**batch, max_new_tokens=4, forced_bos_token_id=eng)
    assert (out[:, 1] == eng).all()  # [decoder start </s>, eng_Latn, ...]

    tokenizer.src_lang = "eng_Latn"
    assert tokenizer(ENGLISH)["input_ids"][0] == eng


def test_m2m100_language_codes(m2m100_dir):
    tokenizer = AutoTokenizer.from_pretrained(m2m100_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(m2m100_dir)
    en = tokenizer.get_lang_id("en")
    assert en == tokenizer.convert_tokens_to_ids("__en__")
    assert tokenizer.get_lang_id("fr") == tokenizer.convert_tokens_to_ids("__fr__")
    assert model.config.vocab_size == len(tokenizer) + 8  # 8 "madeupword" slots, like m2m100_418M

    tokenizer.src_lang = "ar"
    ids = tokenizer(ARABIC)["input_ids"]
    assert ids[0] == tokenizer.get_lang_id("ar") and ids[-1] == tokenizer.eos_token_id
    assert tokenizer.decode(ids, skip_special_tokens=True) == ARABIC  # __ar__ is special

    batch = tokenizer([ARABIC, ARABIC_2], return_tensors="pt", padding=True)
    out = model.generate(**batch, max_new_tokens=4, forced_bos_token_id=en)
    assert (out[:, 1] == en).all()


# ------------------------------------------------------------------------------------------------
# CTranslate2: every family converts and decodes exactly like transformers (greedy, fp32).
# ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("family", FAMILIES)
def test_ctranslate2_converts_and_matches_transformers(request, tmp_path, family):
    ctranslate2 = pytest.importorskip("ctranslate2")
    from ctranslate2.converters import TransformersConverter

    folder = _folder(request, family)
    out_dir = TransformersConverter(str(folder)).convert(str(tmp_path / "ct2"))

    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder)
    texts, gen_kwargs, ct2_kwargs = _prepare_source(family, tokenizer, _batch_texts(family))
    batch = tokenizer(texts, return_tensors="pt", padding=True)
    steps = 5
    with torch.no_grad():
        reference = model.generate(
            **batch,
            num_beams=1,
            do_sample=False,
            max_new_tokens=steps,
            min_new_tokens=steps,
            min_length=0,
            no_repeat_ngram_size=0,
            bad_words_ids=None,
            forced_eos_token_id=None,
            **gen_kwargs,
        )
    expected = [tokenizer.convert_ids_to_tokens(row)[1 : 1 + steps] for row in reference.tolist()]

    translator = ctranslate2.Translator(out_dir, device="cpu", compute_type="float32")
    sources = [tokenizer.convert_ids_to_tokens(tokenizer(t)["input_ids"]) for t in texts]
    results = translator.translate_batch(
        sources, beam_size=1, max_decoding_length=steps, min_decoding_length=steps, **ct2_kwargs
    )
    got = [r.hypotheses[0][:steps] for r in results]
    assert got == expected
