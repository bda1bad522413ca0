import pytest

from summarize.config import Settings, load_settings
from summarize.errors import ConfigError


def test_precedence_is_flags_then_env_then_file_then_defaults(tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('beams = 2\nformat = "json"\npoints = 7\n')
    env = {"SUMMARIZE_BEAMS": "3", "SUMMARIZE_FORMAT": "markdown"}
    s = load_settings({"format": "jsonl", "beams": None}, env=env, config_path=cfg)
    assert (s.format, s.beams, s.points, s.device) == ("jsonl", 3, 7, Settings().device)


def test_missing_default_config_is_fine_but_a_named_one_is_not(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))  # the platform's folder, empty
    assert load_settings(env={}) == Settings()
    with pytest.raises(ConfigError, match="not found"):
        load_settings(env={}, config_path=tmp_path / "none.toml")
    with pytest.raises(ConfigError, match="not found"):  # SUMMARIZE_CONFIG names a file too: a typo is said
        load_settings(env={"SUMMARIZE_CONFIG": str(tmp_path / "none.toml")})


@pytest.mark.parametrize(
    "body,match", [("nonsense = 1\n", "unknown setting"), ("beams = \n", "not valid TOML"), ('beams = "x"\n', "invalid value")]
)
def test_bad_config_files_are_config_errors(tmp_path, body, match):
    cfg = tmp_path / "c.toml"
    cfg.write_text(body)
    with pytest.raises(ConfigError, match=match):
        load_settings(env={}, config_path=cfg)


def test_env_values_are_typed(tmp_path):
    empty = tmp_path / "empty.toml"
    empty.touch()
    s = load_settings(env={"SUMMARIZE_OFFLINE": "yes", "SUMMARIZE_POINTS": "3", "SUMMARIZE_CONFIG": str(empty)})
    assert s.offline is True and s.points == 3
    with pytest.raises(ConfigError, match="SUMMARIZE_POINTS"):
        load_settings(env={"SUMMARIZE_POINTS": "many", "SUMMARIZE_CONFIG": str(empty)})


@pytest.mark.parametrize("body", ['length = "huge"\n', "beams = [1, 2]\n", "beams = 0\n", 'device = "tpu"\n',
                                  "points = -1\n", "batch_tokens = 2.5\n", 'format = "xml"\n'])
def test_config_values_are_held_to_the_flags_rules(tmp_path, body):
    cfg = tmp_path / "c.toml"
    cfg.write_text(body)
    with pytest.raises(ConfigError):
        load_settings(env={}, config_path=cfg)


@pytest.mark.parametrize("key,value", [("LENGTH", "huge"), ("BEAMS", "0"), ("DEVICE", "tpu"), ("BACKEND", "onnx"),
                                       ("METHOD", "magic"), ("POINTS", "-1")])
def test_environment_values_are_held_to_the_flags_rules(tmp_path, key, value):
    empty = tmp_path / "empty.toml"
    empty.touch()
    with pytest.raises(ConfigError, match=f"SUMMARIZE_{key}"):
        load_settings(env={f"SUMMARIZE_{key}": value, "SUMMARIZE_CONFIG": str(empty)})


def test_settings_built_in_code_are_checked_too():
    with pytest.raises(ConfigError, match="beams"):
        Settings(beams=0)


def test_each_setting_is_the_option_its_one_declaration_says():
    """Flags, help, bounds and choices of every command come from the Settings field alone."""
    import dataclasses

    import typer

    from summarize.cli import app

    command = typer.main.get_command(app)
    takes = {"run": {"output", "reading", "models", "chat", "run", "checks"},
             "translate": {"output", "reading", "models", "chat"}, "detect": {"output", "reading"},
             "verify": {"reading", "checks", "chat"}}
    own = {("translate", "translation_model"), ("verify", "format"), ("verify", "glossary")}  # a command's own option
    for spec in dataclasses.fields(Settings):
        meta = spec.metadata
        for name, groups in takes.items():
            params = {p.name: p for p in command.commands[name].params}
            if meta["group"] not in groups:
                assert spec.name not in params or (name, spec.name) in own, (name, spec.name)
                continue
            param = params[spec.name]
            assert list(param.opts) + list(param.secondary_opts) == [
                o for f in (meta["flags"] or ("--" + spec.name.replace("_", "-"),)) for o in f.split("/")]
            assert param.help.startswith(meta["help"].rstrip(".")) and param.default is None
            if meta["choices"] and not meta["count"]:
                assert tuple(c.value for c in param.type_descriptor.annotation) == meta["choices"]
            assert (param.min, param.max) == (meta["low"], meta["high"])


def test_the_settings_a_resume_ignores_are_declared_so():
    from summarize.batch.state import options_key

    base = options_key("run", Settings())
    assert options_key("run", Settings(offline=True, batch_tokens=64, chunk_chars=10, cache_dir="/x")) == base
    assert options_key("run", Settings(points=2)) != base and options_key("run", Settings(format="json")) != base


from hypothesis import given  # noqa: E402 - the property test's own imports
from hypothesis import strategies as st  # noqa: E402

from summarize.config import changed  # noqa: E402

VALUES = st.one_of(st.text(), st.integers(), st.booleans(), st.floats(allow_nan=True), st.none(),
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=1))


@given(name=st.sampled_from(sorted(Settings.__dataclass_fields__)), value=VALUES)
def test_any_value_of_any_setting_gives_settings_or_a_config_error(name, value):
    """What a library caller, the environment or a config file may hand a setting: a checked value or exit 2."""
    try:
        result = changed(Settings(), {name: value}, "test")
    except ConfigError as exc:
        assert str(exc).startswith("test: ") and "\n" not in str(exc)
        return
    assert Settings(**{name: getattr(result, name)}) == result  # what was kept passes the setting's own check
