"""Random-weight models of the real default shapes, built offline for the benchmarks.

Random weights cost what trained ones cost per token, provided every matrix has its real size: the
configs below are the real ones (../shared/MODELS.md, and the hub configs for opus-mt-tc-big), and the
output projection always spans the real vocabulary. The tokenizers are trained on the sample articles
(a few thousand pieces); the rest of the vocabulary is:

- Marian and BART: filler entries in vocab.json, so the tokenizer, the model and the CTranslate2
  conversion all agree on the real size (the converter checks it for these families);
- T5 and mT5: filler pieces in the SentencePiece model up to the real count (32000 + 100 sentinels for
  flan-t5, 250100 for mT5); the CTranslate2 converter pads the last rows itself, as for the real ones.

Rows of the output projection for fillers are zeroed, so a random model never picks one (its logit is
0 while the best random logit is far above): outputs are real pieces, and the projection still costs
the full vocabulary per token. The ar→en translators likewise never emit Arabic pieces.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "samples" / "khaberni-syria-russia.ar.txt"
ENGLISH = ROOT / "samples" / "khaberni-syria-russia.en.txt"
TEXTS = (ARTICLE, ENGLISH)


def _lines(languages: tuple[str, ...]) -> list[str]:
    chosen = [p for p in TEXTS if p.name.split(".")[-2] in languages]
    return [x for p in chosen for x in p.read_text(encoding="utf-8").splitlines() if x.strip()]


def _spm(languages: tuple[str, ...], pieces: int = 0, **ids: int) -> bytes:
    """A SentencePiece model that cuts the sample articles into about 1.5 pieces per word, as subword
    vocabularies cut news text (a unigram model trained on two articles alone cuts 2.3-2.7).

    BPE picks the pieces; the model is then stored as a unigram one with equal scores (fewest pieces
    wins), because transformers rebuilds T5 tokenizers as unigram ones from the scores. With `pieces`,
    never-chosen fillers (score -1000) bring it to the real vocabulary's size, and so its memory.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as pb

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(_lines(languages)), model_writer=buffer, model_type="bpe",
                                   vocab_size=850 * len(languages), hard_vocab_limit=False, character_coverage=1.0,
                                   num_threads=1, minloglevel=2, split_digits=True, **ids)
    proto = pb.ModelProto()
    proto.ParseFromString(buffer.getvalue())
    proto.trainer_spec.model_type = pb.TrainerSpec.UNIGRAM
    for piece in proto.pieces:
        if piece.type == pb.ModelProto.SentencePiece.NORMAL:
            piece.score = -1.0
    for filler in range(pieces - len(proto.pieces)):
        proto.pieces.add(piece=f"▁filler{filler}", score=-1000.0, type=pb.ModelProto.SentencePiece.NORMAL)
    return proto.SerializeToString()


def _mute_rows(model, first: int, last: int | None = None, also: tuple[int, ...] = ()) -> None:
    """Zero the output-projection rows of ids first..last-1 (and of `also`): never chosen, still computed."""
    import torch

    with torch.no_grad():
        weight = model.get_output_embeddings().weight
        weight[first:last] = 0.0
        weight[list(also)] = 0.0


def _save(model, generation: dict, folder: Path) -> Path:
    from transformers import GenerationConfig

    model.eval()
    model.generation_config = GenerationConfig(**generation)
    model.save_pretrained(folder)
    return folder


# ---------------------------------------------------------------------------------------------- Marian


def marian_vocab(model: bytes, size: int) -> dict[str, int]:
    """The opus-mt layout: </s> 0, <unk> 1, the pieces, fillers up to the real size, <pad> last."""
    import sentencepiece as spm

    proc = spm.SentencePieceProcessor(model_proto=model)
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(proc.get_piece_size()):
        if not (proc.is_control(i) or proc.is_unknown(i)):
            vocab.setdefault(proc.id_to_piece(i), len(vocab))
    filler = 0
    while len(vocab) < size - 1:
        vocab.setdefault(f"▁filler{filler}", len(vocab))
        filler += 1
    vocab["<pad>"] = size - 1
    return vocab


def build_marian(folder: Path, *, vocab: int, big: bool) -> Path:
    """opus-mt-ar-en (Marian base, vocab 62834) or opus-mt-tc-big-ar-en (transformer-big, vocab 61109)."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    spm_model = _spm(("ar", "en"), unk_id=1, bos_id=-1, eos_id=0, pad_id=-1)
    for name in ("source.spm", "target.spm"):
        (folder / name).write_bytes(spm_model)
    pieces = marian_vocab(spm_model, vocab)
    (folder / "vocab.json").write_text(json.dumps(pieces, ensure_ascii=False))
    MarianTokenizer(str(folder / "source.spm"), str(folder / "target.spm"), str(folder / "vocab.json"),
                    source_lang="ar", target_lang="en", model_max_length=512).save_pretrained(folder)
    dims = (dict(d_model=1024, heads=16, ffn=4096, activation_function="relu", max_position_embeddings=1024) if big
            else dict(d_model=512, heads=8, ffn=2048, activation_function="swish", max_position_embeddings=512))
    heads, ffn = dims.pop("heads"), dims.pop("ffn")
    pad = vocab - 1
    config = MarianConfig(
        vocab_size=vocab, decoder_vocab_size=vocab, encoder_layers=6, decoder_layers=6, encoder_attention_heads=heads,
        decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn, scale_embedding=True,
        static_position_embeddings=True, share_encoder_decoder_embeddings=True, pad_token_id=pad,
        decoder_start_token_id=pad, eos_token_id=0, forced_eos_token_id=0, **dims)
    torch.manual_seed(0)
    net = MarianMTModel(config)
    # It translates into English: its random outputs are English pieces (the next step may not read Arabic).
    arabic = tuple(i for piece, i in pieces.items() if any("\u0600" <= c <= "\u06ff" for c in piece))
    _mute_rows(net, next(i for piece, i in pieces.items() if piece.startswith("▁filler")), pad, also=arabic)
    return _save(net, dict(bad_words_ids=[[pad]], decoder_start_token_id=pad, eos_token_id=0,
                                             forced_eos_token_id=0, pad_token_id=pad, max_length=512, num_beams=4),
                 folder)


# ---------------------------------------------------------------------------------------------- BART


def build_distilbart(folder: Path, *, vocab: int = 50264) -> Path:
    """sshleifer/distilbart-cnn-12-6: BART, 12 encoder and 6 decoder layers, d 1024, vocab 50264."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(_lines(("en",)), vocab_size=1100, min_frequency=1,
                            special_tokens=["<s>", "<pad>", "</s>", "<unk>"], show_progress=False)
    model = json.loads(bpe.to_str())["model"]
    pieces = dict(sorted(model["vocab"].items(), key=lambda item: item[1]))
    real = len(pieces)
    while len(pieces) < vocab - 1:
        pieces.setdefault(f"Ġfiller{len(pieces)}", len(pieces))
    pieces["<mask>"] = vocab - 1
    merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in model["merges"]]
    BartTokenizer(vocab=pieces, merges=merges, model_max_length=1024).save_pretrained(folder)
    config = BartConfig(
        vocab_size=vocab, d_model=1024, encoder_layers=12, decoder_layers=6, encoder_attention_heads=16,
        decoder_attention_heads=16, encoder_ffn_dim=4096, decoder_ffn_dim=4096, max_position_embeddings=1024,
        pad_token_id=1, bos_token_id=0, eos_token_id=2, decoder_start_token_id=2, forced_bos_token_id=0,
        forced_eos_token_id=2, normalize_before=False, add_final_layer_norm=False, normalize_embedding=True)
    torch.manual_seed(0)
    net = BartForConditionalGeneration(config)
    _mute_rows(net, real)
    return _save(net, dict(bos_token_id=0, decoder_start_token_id=2, eos_token_id=2, pad_token_id=1,
                           forced_bos_token_id=0, forced_eos_token_id=2, num_beams=4, min_length=56,
                           max_length=142, no_repeat_ngram_size=3, length_penalty=2.0, early_stopping=True), folder)


# ---------------------------------------------------------------------------------------------- T5 / mT5


def build_t5(folder: Path, *, multilingual: bool) -> Path:
    """google/flan-t5-base (T5, vocab 32128, English pieces only) or the mT5-base shape of
    csebuetnlp/mT5_multilingual_XLSum and bigscience/mt0-base (vocab 250112, Arabic and English)."""
    import torch
    from transformers import MT5Config, MT5ForConditionalGeneration, T5Config, T5ForConditionalGeneration, T5Tokenizer

    folder.mkdir(parents=True, exist_ok=True)
    languages, pieces, extra_ids = (("ar", "en"), 250100, 0) if multilingual else (("en",), 32000, 100)
    spm_model = _spm(languages, pieces, pad_id=0, eos_id=1, unk_id=2, bos_id=-1)
    (folder / "spiece.model").write_bytes(spm_model)
    tokenizer = T5Tokenizer.from_pretrained(folder, extra_ids=extra_ids, model_max_length=512)
    tokenizer.save_pretrained(folder)
    first_filler = tokenizer.convert_tokens_to_ids("▁filler0")
    config_cls, model_cls = (MT5Config, MT5ForConditionalGeneration) if multilingual else (
        T5Config, T5ForConditionalGeneration)
    config = config_cls(vocab_size=250112 if multilingual else 32128, d_model=768, d_kv=64, d_ff=2048, num_layers=12,
                        num_decoder_layers=12, num_heads=12, feed_forward_proj="gated-gelu", tie_word_embeddings=False,
                        decoder_start_token_id=0, eos_token_id=1, pad_token_id=0)
    torch.manual_seed(0)
    net = model_cls(config)
    # The real checkpoints have their own LM head (transformers 5 marks every T5 config tied, and unties
    # on load when the checkpoint holds a different head): save one, or the model is 25-192 M too small.
    net.lm_head.weight = torch.nn.Parameter(torch.randn(config.vocab_size, config.d_model))
    net.config.tie_word_embeddings = False
    _mute_rows(net, first_filler, also=(0, 2))  # and <pad>, <unk>: a random T5 echoes its start token
    return _save(net, dict(decoder_start_token_id=0, eos_token_id=1, pad_token_id=0), folder)


# ---------------------------------------------------------------------------------------------- by role

# What `summarize run` loads by default, role by role (summarize/models/registry.py DEFAULTS).
BUILDERS = {
    "opus-mt-ar-en": lambda f: build_marian(f, vocab=62834, big=False),
    "opus-mt-tc-big-ar-en": lambda f: build_marian(f, vocab=61109, big=True),
    "distilbart-cnn-12-6": build_distilbart,
    "flan-t5-base": lambda f: build_t5(f, multilingual=False),
    "mt5-base": lambda f: build_t5(f, multilingual=True),  # mT5_multilingual_XLSum and mt0-base
}


def build(name: str, root: Path) -> Path:
    """Build one shape under root/name (once: an existing folder with weights is reused)."""
    folder = root / name
    if not (folder / "model.safetensors").is_file():
        BUILDERS[name](folder)
    return folder
