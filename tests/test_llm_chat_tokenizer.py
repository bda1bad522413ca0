"""The chat models' own tokenizer (llm/chat_tokenizer.py): tokenizer.json read by `tokenizers`, the chat template
rendered by jinja2, the same prompt as transformers' apply_chat_template; and a run on CTranslate2 that therefore
imports neither transformers nor torch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.llm import chat_tokenizer
from summarize.llm.chat import Message
from summarize.llm.local_model import stop_ids
from summarize.models.ct2 import model_settings
from summarize.models.loader import load_model
from summarize.models.registry import KEYPOINTS_EN, SUMMARY_EN

from . import tiny_models

ROOT = Path(__file__).resolve().parent.parent
# What real templates use, laid out over lines as they are (so trim_blocks and lstrip_blocks matter): a default
# system turn, bos_token, a namespace, loop controls, tojson of non-ASCII text and markup, strftime_now and
# raise_exception for a role it does not know.
RICH_TEMPLATE = """{{- bos_token }}
{%- set ns = namespace(system=false) %}
{%- for message in messages %}
    {%- if message['role'] == 'system' %}
        {%- set ns.system = true %}
    {%- endif %}
{%- endfor %}
{%- if not ns.system %}
<|im_start|>system
You are helpful ({{ strftime_now('%%') }}).<|im_end|>
{% endif %}
{%- for message in messages %}
    {%- if message['role'] not in ['system', 'user', 'assistant'] %}
        {{- raise_exception('Unknown role: ' + message['role']) }}
    {%- endif %}
    {%- if message['role'] == 'assistant' and loop.last %}
<|im_start|>assistant
{{ message['content'] | trim }}
        {%- break %}
    {%- endif %}
<|im_start|>{{ message['role'] }}
{{ message['content'] }}<|im_end|>
    {% if message['role'] == 'user' %}
{{- '<!-- ' + ({'said': message['content'][:12], 'n': loop.index} | tojson) + ' -->\\n' }}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
<|im_start|>assistant
{% endif %}
{{- eos_token if not add_generation_prompt else '' }}"""
CONVERSATIONS = [
    [{"role": "system", "content": "You summarise <b>news</b> & more."},
     {"role": "user", "content": "<article>\n[1] قال الرئيس إن الاتفاق خطوة مهمة ٣٫٥٪.\n[2] The minister's talks.\n</article>"}],
    [{"role": "user", "content": "  Say 'hi'  \n\n"}, {"role": "assistant", "content": " hi \n"},
     {"role": "user", "content": "Again, in Arabic: مرحبا"}],
    [{"role": "user", "content": "x <|im_end|> y"}, {"role": "assistant", "content": "cut"}],
]


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """The tiny Qwen2 chat folder (ChatML, no bos); the same tokenizer with bos/unk set, as the tiny Llama and
    Gemma folders have it; each again with RICH_TEMPLATE as its chat_template.jinja."""
    from transformers import AutoTokenizer

    root = tmp_path_factory.mktemp("chat-tokenizer")
    qwen = tiny_models.build_qwen2_chat(root / "qwen2")
    llama_like = root / "with-bos"
    shutil.copytree(qwen, llama_like)
    AutoTokenizer.from_pretrained(qwen, bos_token="<|endoftext|>", unk_token="<|endoftext|>").save_pretrained(
        llama_like)
    found = {"qwen2": qwen, "with-bos": llama_like}
    for name, folder in list(found.items()):
        rich = root / f"{name}-rich"
        shutil.copytree(folder, rich)
        (rich / "chat_template.jinja").write_text(RICH_TEMPLATE, encoding="utf-8")
        found[f"{name}-rich"] = rich
    return found


@pytest.mark.parametrize("name", ["qwen2", "with-bos", "qwen2-rich", "with-bos-rich"])
@pytest.mark.parametrize("opened", [True, False])
def test_the_prompt_is_transformers_apply_chat_template_exactly(folders, name, opened):
    from transformers import AutoTokenizer

    reference, own = AutoTokenizer.from_pretrained(folders[name]), chat_tokenizer.read(folders[name])
    for turns in CONVERSATIONS:
        text = reference.apply_chat_template(turns, add_generation_prompt=opened, tokenize=False)
        assert own.apply_chat_template(turns, add_generation_prompt=opened) == text
        ids = reference(text, add_special_tokens=False)["input_ids"]
        assert own(text)["input_ids"] == ids and len(ids) > 10
        assert own.convert_ids_to_tokens(ids) == reference.convert_ids_to_tokens(ids)
        for skip in (True, False):
            assert own.decode(ids, skip_special_tokens=skip) == reference.decode(ids, skip_special_tokens=skip)
    assert (own.eos_token_id, own.pad_token_id, own.bos_token_id) == (
        reference.eos_token_id, reference.pad_token_id, reference.bos_token_id)
    assert own.model_max_length == reference.model_max_length
    settings = model_settings(folders[name])
    assert stop_ids(own, settings) == stop_ids(reference, settings)


def test_the_template_raises_as_it_says(folders):
    own = chat_tokenizer.read(folders["qwen2-rich"])
    with pytest.raises(Exception, match="Unknown role: tool"):
        own.apply_chat_template([{"role": "tool", "content": "x"}])


def test_the_template_is_sandboxed(folders, tmp_path):
    folder = shutil.copytree(folders["qwen2"], tmp_path / "escape")
    (folder / "chat_template.jinja").write_text("{{ messages.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(Exception, match="unsafe|access"):
        chat_tokenizer.read(folder).apply_chat_template(CONVERSATIONS[0])


def test_a_template_in_tokenizer_config_and_named_templates_are_read(folders, tmp_path):
    folder = shutil.copytree(folders["qwen2"], tmp_path / "in-config")
    template = (folder / "chat_template.jinja").read_text(encoding="utf-8")
    (folder / "chat_template.jinja").unlink()
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    config_path.write_text(json.dumps({**config, "chat_template": template}), encoding="utf-8")
    assert chat_tokenizer.read(folder).chat_template == template
    named = [{"name": "tool_use", "template": "{{ 'tools' }}"}, {"name": "default", "template": template}]
    config_path.write_text(json.dumps({**config, "chat_template": named}), encoding="utf-8")
    assert chat_tokenizer.read(folder).chat_template == template
    (folder / "tokenizer.json").unlink()
    assert chat_tokenizer.read(folder) is None  # left to transformers


def test_ctranslate2_reads_the_tokenizer_itself_and_transformers_keeps_its_own(folders, tmp_path):
    cache = str(tmp_path / "cache")
    model = load_model(SUMMARY_EN, str(folders["qwen2"]), backend="ctranslate2", device="cpu", cache_dir=cache)
    other = load_model(KEYPOINTS_EN, str(folders["qwen2"]), backend="ctranslate2", device="cpu", cache_dir=cache)
    assert isinstance(model.tokenizer, chat_tokenizer.ChatTokenizer)
    assert other.tokenizer is model.tokenizer  # roles sharing the weights share the tokenizer: read once
    hf = load_model(SUMMARY_EN, str(folders["qwen2"]), backend="transformers", device="cpu")
    assert not isinstance(hf.tokenizer, chat_tokenizer.ChatTokenizer)
    messages = [Message(t["role"], t["content"]) for t in CONVERSATIONS[0]]
    assert model.prompt_ids(messages) == hf.prompt_ids(messages)


def test_a_run_on_ctranslate2_imports_neither_transformers_nor_torch(folders, tmp_path):
    """A whole `summarize run` of an English article (no translation, no NLI model) with a local instruction model
    on CTranslate2, its conversion done beforehand (converting needs transformers, once per model)."""
    folder, cache = str(folders["qwen2"]), str(tmp_path / "cache")
    load_model(SUMMARY_EN, folder, backend="ctranslate2", device="cpu", cache_dir=cache)  # converts
    probe = (
        "import json, sys\nfrom typer.testing import CliRunner\nfrom summarize.cli import app\n"
        f"args = ['run', {str(ROOT / 'samples' / 'khaberni-syria-russia.en.txt')!r}, '--summary-model', {folder!r},"
        f" '--keypoints-model', {folder!r}, '--backend', 'ctranslate2', '--length', '1', '--points', '1',"
        f" '-f', 'json', '-o', {str(tmp_path / 'r.json')!r}]\n"
        "r = CliRunner().invoke(app, args, env={'SUMMARIZE_CACHE_DIR': " + repr(cache) + "})\n"
        "print(json.dumps([r.exit_code, sorted(m for m in ('torch', 'transformers', 'ctranslate2')"
        " if m in sys.modules)]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    code, loaded = json.loads(done.stdout.strip().splitlines()[-1])
    record = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert code in (0, 7, 8) and loaded == ["ctranslate2"], done.stdout[-2000:]
    assert {m["backend"] for m in record["models"].values()} == {"ctranslate2"}
