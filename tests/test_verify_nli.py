"""`--nli-model`: an NLI cross-encoder loaded through the model layer reads each claim against its evidence.

Tiny random DebertaV2ForSequenceClassification folders stand for an XNLI mDeBERTa; random weights read every pair
alike, so the folders' classifier heads are set to say one label (tiny_models.build_deberta_nli), and a fake
registered through the real registry says "contradiction" for chosen claims only.
"""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from summarize.cli import app
from summarize.errors import ExitCode, ModelUnavailableError
from summarize.models.classify import Classifier, load_classifier
from summarize.models.registry import ModelSpec, register, unregister
from summarize.verify import Finding, check
from summarize.verify.entail import contradicted

from .conftest import ROOT

runner = CliRunner()
SCHEMA = json.loads((ROOT / "summarize" / "schema" / "run.schema.json").read_text(encoding="utf-8"))
FINDING_SCHEMA = SCHEMA["properties"]["findings"]["items"]
SOURCE = ("The minister met reporters in Cairo on Monday. He said the talks would continue next week. "
          "The company rejected the offer of 40 million dollars.")
FAITHFUL = "The minister said the talks would continue next week."
FLIPPED = "The company accepted the offer of 40 million dollars."
UNICODE = st.text(st.sampled_from(list("ab zابت ٠١٢ ۴۵ 5.30 ١٫٢٥ 2024-03-10 \"'«»“”„‹›()[]\u200f\u061c\x00.؟!\n"))
                  | st.characters(), max_size=200)


@pytest.fixture(scope="session")
def nli(tmp_path_factory):
    """Tiny NLI folders saved like hub models: one that says contradiction, one entailment, for every pair."""
    from .tiny_models import build_deberta_nli

    root = tmp_path_factory.mktemp("tiny-nli")
    return {label: build_deberta_nli(root / label, favour=label) for label in ("contradiction", "entailment")}


class Says(Classifier):
    """A classifier that reads a contradiction exactly where the claim holds `word`."""

    backend = "fake"

    def __init__(self, spec: ModelSpec, word: str, **kwargs) -> None:
        super().__init__(spec, None, ("entailment", "neutral", "contradiction"), **kwargs)
        self.word, self.asked = word, []

    def scores(self, pairs):
        self.asked += list(pairs)
        return [{"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8} if self.word in h else
                {"entailment": 0.8, "neutral": 0.1, "contradiction": 0.1} for _, h in pairs]

    def _probabilities(self, batch):  # pragma: no cover - scores() answers itself
        raise AssertionError


@pytest.fixture
def says_accepted():
    spec = ModelSpec("fake/nli-accepted", family="deberta-v2")
    made = []
    register(spec, lambda spec, **kw: made.append(Says(spec, "accepted", revision=None, **kw)) or made[-1])
    yield made
    unregister(spec.model_id)


def test_a_folder_loads_like_a_users_and_scores_every_pair_in_order(nli):
    model = load_classifier(str(nli["entailment"]), device="cpu", batch_tokens=40)
    assert model.labels == ("entailment", "neutral", "contradiction") and model.info().family == "deberta-v2"
    pairs = [("قال الوزير إن المحادثات ستستمر.", "The talks go on."), ("short", "x"), ("word " * 900, "long one")]
    scores = model.scores(pairs)  # a 40-token budget: one pair per batch, the longest cut to the input limit
    assert [max(s, key=s.get) for s in scores] == ["entailment"] * 3
    assert all(abs(sum(s.values()) - 1) < 1e-4 for s in scores) and model.scores([]) == []


def test_the_finding_appears_when_the_model_reads_a_contradiction_and_only_then(nli):
    said = check(SOURCE, FAITHFUL, nli=load_classifier(str(nli["contradiction"]), device="cpu"))
    [finding] = said
    assert finding == Finding("meaning", FAITHFUL, finding.why, "error", FAITHFUL, finding.evidence)
    assert finding.evidence and f"contradicting sentence {finding.evidence[0]}" in finding.why
    assert finding.why.startswith("check the meaning: the model reads this claim as contradicting")
    jsonschema.validate({**finding.__dict__, "evidence": list(finding.evidence)}, FINDING_SCHEMA)
    assert check(SOURCE, FAITHFUL, nli=load_classifier(str(nli["entailment"]), device="cpu")) == check(SOURCE, FAITHFUL)


def test_each_claim_is_asked_against_its_own_evidence(says_accepted):
    from summarize.models.classify import load_classifier as load

    model = load("fake/nli-accepted")
    found = [f for f in check(SOURCE, f"{FAITHFUL} {FLIPPED}", nli=model) if "the model reads" in f.why]
    assert [f.claim for f in found] == [FLIPPED]
    assert [h for _, h in model.asked] == [FAITHFUL, FLIPPED]
    assert all(p.startswith(SOURCE.split(". ")[0]) or p in SOURCE for p, _ in model.asked)


def test_verify_json_carries_the_models_finding_with_claim_and_evidence(nli):
    r = runner.invoke(app, ["verify", "--source", "-", "--summary-text", FAITHFUL, "-f", "json", "--nli-model",
                            str(nli["contradiction"]), "--strict"], input=SOURCE)
    assert r.exit_code == ExitCode.FINDINGS, r.output
    [finding] = json.loads(r.stdout)["findings"]
    jsonschema.validate(finding, FINDING_SCHEMA)
    assert finding["kind"] == "meaning" and finding["claim"] == FAITHFUL and finding["evidence"]


def test_run_checks_its_own_output_and_names_the_model(nli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(SOURCE + "\n\nOfficials said the budget would be announced on Friday.\n", encoding="utf-8")
    r = runner.invoke(app, ["run", str(article), "--method", "extractive", "-f", "json", "--nli-model",
                            str(nli["contradiction"])])
    assert r.exit_code == 0, r.output
    document = json.loads(r.stdout)
    jsonschema.validate(document, SCHEMA)
    assert document["models"]["nli"]["family"] == "deberta-v2"
    assert any("the model reads this claim" in f["why"] for f in document["findings"])


@pytest.mark.parametrize("command", [["verify", "--source", "-", "--summary-text", FAITHFUL], ["run", "-"]])
def test_a_missing_model_is_exit_5_on_one_line_naming_it(command):
    r = runner.invoke(app, [*command, "--nli-model", "/nonexistent/nli"], input=SOURCE)
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE, r.output
    assert r.stderr.strip().count("\n") == 0 and "/nonexistent/nli" in r.stderr and "Traceback" not in r.output


def test_the_environment_names_the_model_as_the_flag_does(monkeypatch):
    monkeypatch.setenv("SUMMARIZE_NLI_MODEL", "/nonexistent/nli")
    r = runner.invoke(app, ["verify", "--source", "-", "--summary-text", FAITHFUL], input=SOURCE)
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE and "/nonexistent/nli" in r.stderr


def test_a_classifier_without_a_contradiction_label_is_not_an_nli_model(nli, tmp_path):
    folder = shutil.copytree(nli["entailment"], tmp_path / "sentiment")
    config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config["id2label"] = {"0": "negative", "1": "neutral", "2": "positive"}
    config["label2id"] = {v: int(k) for k, v in config["id2label"].items()}
    (folder / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(ModelUnavailableError, match="not an NLI model"):
        load_classifier(str(folder), device="cpu")
    r = runner.invoke(app, ["verify", "--source", "-", "--summary-text", FAITHFUL, "--nli-model", str(folder)],
                      input=SOURCE)
    assert r.exit_code == ExitCode.MODEL_UNAVAILABLE and str(folder) in r.stderr


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(premise=UNICODE, hypothesis=UNICODE)
def test_any_text_pair_gets_probabilities_of_every_label(nli, premise, hypothesis):
    [scores] = _entailing(nli).scores([(premise, hypothesis)])
    assert set(scores) == {"entailment", "neutral", "contradiction"} and abs(sum(scores.values()) - 1) < 1e-4


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(source=UNICODE, output=UNICODE)
def test_any_text_checked_with_a_model_gives_findings_never_another_exception(says_accepted, source, output):
    from summarize.models.classify import load_classifier as load

    found = check(source, output, nli=load("fake/nli-accepted"))
    assert all(isinstance(f, Finding) and f.severity in ("error", "warning") for f in found)


@given(scores=st.dictionaries(st.sampled_from(["entailment", "neutral", "contradiction"]),
                              st.floats(0, 1, allow_nan=False), max_size=3))
def test_a_contradiction_counts_only_as_the_likeliest_label_above_the_threshold(scores):
    p = contradicted(scores)
    assert (p is not None) == (scores.get("contradiction", 0) >= max([0.5, *scores.values()]))


_LOADED: dict = {}


def _entailing(nli):
    if "e" not in _LOADED:
        _LOADED["e"] = load_classifier(str(nli["entailment"]), device="cpu")
    return _LOADED["e"]


@settings(max_examples=100, deadline=None)
@given(names=st.lists(UNICODE | st.sampled_from(["contradiction", " CONTRADICTION ", "entailment"]), max_size=4))
def test_any_labels_are_an_nli_model_or_exit_5_naming_it(names):
    from summarize.models.classify import model_labels

    try:
        labels = model_labels(dict(enumerate(names)), "some/model")
    except ModelUnavailableError as exc:
        assert "some/model" in str(exc) and "contradiction" not in [n.strip().lower() for n in names]
        return
    assert "contradiction" in labels and len(labels) == len(names)
