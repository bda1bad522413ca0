"""An entailment model's reading (optional, `--nli-model`): a claim its
evidence contradicts, as a trained sentence-pair classifier sees it. What
the rules cannot see (a paraphrase that reverses the meaning) it may.

The source sentences go to the model as they are,
whatever the claim's language: the model is multilingual.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

from ..records import Finding
from .claims import Claim, Source

THRESHOLD = 0.5  # contradiction must be the most likely label, and at least this likely


def premise(src: Source, claim: Claim) -> str:
    """The evidence sentences of a claim, in article order, as one text."""
    return " ".join(src.sentences[i] for i in sorted(claim.evidence) if 0 <= i < len(src.sentences))


def contradicted(scores: dict[str, float], threshold: float = THRESHOLD) -> float | None:
    """The contradiction probability when the model reads a contradiction, else None."""
    p = scores.get("contradiction", 0.0)
    return p if p >= threshold and p >= max(scores.values(), default=0.0) else None


def contradictions(src: Source, claims: Sequence[Claim], classifier: Any,
                   threshold: float = THRESHOLD) -> Iterator[tuple[int, Finding]]:
    """(offset, finding) for each claim the classifier
    reads as contradicting the sentences it rests on."""
    asked = [(c, premise(src, c)) for c in claims if c.evidence and c.text.strip()]
    asked = [(c, p) for c, p in asked if p.strip()]
    if not asked:
        return
    for (claim, _), scores in zip(asked, classifier.scores([(p, c.text) for c, p in asked])):
        p = contradicted(scores, threshold)
        if p is None:
            continue
        ids = (("sentences " if len(claim.evidence) > 1 else "sentence ") +
               ", ".join(str(i) for i in claim.evidence))
        why = f"check the meaning: the model reads this claim as contradicting {ids} (p = {p:.2f})"
        yield claim.start, Finding("meaning", claim.text, why, "error", claim.text, claim.evidence)
