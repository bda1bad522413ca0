"""What `--nli-model` costs: verify with and without an NLI cross-encoder of mDeBERTa-v3-base's shape, on this CPU.

    PYTHONPATH=. python benchmarks/nli_bench.py [--threads 2] [--runs 3]

The model has random weights of the real shape of MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7
(DebertaV2ForSequenceClassification: hidden 768, 12 layers, 12 heads, intermediate 3072, vocabulary 251,000,
relative attention with 256 buckets, 3 labels): random weights cost what trained ones cost per token.  No hub is
reachable, so the tokenizer is a stand-in (SentencePiece trained here on the benchmark's articles); the table gives
the tokens it makes per pair, and forward passes at fixed lengths so the cost can be read for any tokenizer.
The case: a 1,000-word article (the benchmark's English articles joined) against a 10-sentence summary (their
faithful pairs, each a claim with evidence).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data" / "verify"
SHAPE = dict(vocab_size=251000, hidden_size=768, num_hidden_layers=12, num_attention_heads=12, intermediate_size=3072,
             max_position_embeddings=512, relative_attention=True, position_buckets=256, norm_rel_ebd="layer_norm",
             pos_att_type=["p2c", "c2p"], share_att_key=True, position_biased_input=False, type_vocab_size=0,
             hidden_act="gelu", layer_norm_eps=1e-7, pad_token_id=0,
             id2label={0: "entailment", 1: "neutral", 2: "contradiction"})


def case() -> tuple[str, str]:
    """A 1,000-word article (the English articles joined) and a 10-sentence summary: their faithful pairs."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from verify_bench import load_pairs

    files = sorted((DATA / "articles").glob("en-*.txt"))
    article = " ".join(" ".join(p.read_text(encoding="utf-8") for p in files).split()[:1000])
    inside = {p.stem for p in files if p.read_text(encoding="utf-8").split()[-1] in article}
    faithful = [p["summary"] for p in load_pairs("all") if p["article"] in inside and p["label"] == "faithful"]
    return article, " ".join(faithful[:10])


def stand_in_tokenizer(folder: Path):
    """A DebertaV2Tokenizer on a SentencePiece model trained on the benchmark's articles (the real one is 250k)."""
    import sentencepiece as spm
    from transformers import DebertaV2Tokenizer

    lines = [line for p in sorted((DATA / "articles").glob("*.txt"))
             for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(lines), model_writer=buffer, vocab_size=4000,
                                   hard_vocab_limit=False, character_coverage=1.0, num_threads=1, minloglevel=2)
    (folder / "spm.model").write_bytes(buffer.getvalue())
    return DebertaV2Tokenizer.from_pretrained(folder, model_max_length=512)


def mdeberta_shaped(tokenizer):
    """A classifier of mDeBERTa-v3-base's shape with random weights, served as --nli-model serves one."""
    import torch
    from transformers import DebertaV2Config, DebertaV2ForSequenceClassification

    from summarize.models.classify import TransformersClassifier
    from summarize.models.registry import ALTERNATIVES, NLI

    torch.manual_seed(0)
    model = DebertaV2ForSequenceClassification(DebertaV2Config(**SHAPE)).eval()
    spec = ALTERNATIVES["MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7"]
    return TransformersClassifier(spec, tokenizer, model, device="cpu", role=NLI, revision=None, batch_tokens=2048)


def median_seconds(work, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import torch

    from summarize.verify import check
    from summarize.verify.claims import claims, prepare
    from summarize.verify.entail import premise

    torch.set_num_threads(args.threads)
    article, summary = case()
    tokenizer = stand_in_tokenizer(Path(tempfile.mkdtemp()))
    nli = mdeberta_shaped(tokenizer)
    model = nli.model
    src = prepare(article)
    asked = [c for c in claims(src, summary) if c.evidence]
    pairs = [(premise(src, c), c.text) for c in asked]
    tokens = [len(e["input_ids"]) for e in nli.encode(pairs)]
    words = [len((p + " " + h).split()) for p, h in pairs]
    check(article, summary, nli=nli)  # warm-up
    rows = [("verify, rules only", median_seconds(lambda: check(article, summary), args.runs)),
            (f"verify + NLI ({len(pairs)} claims with evidence, {sum(words) / len(words):.0f} words and "
             f"{sum(tokens) / len(tokens):.0f} stand-in tokens per pair)",
             median_seconds(lambda: check(article, summary, nli=nli), args.runs))]
    for length in (64, 128, 256):
        batch = [{"input_ids": [1] + [7] * (length - 2) + [2]} for _ in range(10)]
        rows.append((f"NLI forward only, 10 pairs x {length} tokens",
                     median_seconds(lambda: nli._probabilities(batch), args.runs)))
    params = sum(p.numel() for p in model.parameters()) / 1e6
    print(f"\nmDeBERTa-v3-base shape, random weights ({params:.0f} M parameters), fp32, {args.threads} torch threads, "
          f"median of {args.runs}\n")
    print("| case | seconds |\n|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
