"""Config loaders, as Flask 2.1.3 has them."""

import json

import pytest

from flask01.modern import Config


@pytest.fixture
def config(tmp_path):
    return Config(str(tmp_path))


class Settings:
    SECRET_KEY = "from a class"
    lower_case = "ignored"


def test_from_object_imports_a_dotted_name(config):
    config.from_object(f"{__name__}.Settings")
    assert config["SECRET_KEY"] == "from a class"
    assert "lower_case" not in config


def test_from_object_with_a_name_that_does_not_import_raises(config):
    with pytest.raises(ImportError):
        config.from_object("no_such_module.Settings")


def test_from_mapping_takes_a_list_of_pairs(config):
    assert config.from_mapping([("DEBUG", True), ("lower", 1)], TESTING=True)
    assert config == {"DEBUG": True, "TESTING": True}


def test_from_file_loads_upper_case_keys_with_the_given_loader(config, tmp_path):
    (tmp_path / "settings.json").write_text('{"SECRET_KEY": "k", "other": 1}')
    assert config.from_file("settings.json", load=json.load)
    assert config == {"SECRET_KEY": "k"}


def test_from_file_missing_is_an_error_unless_silent(config):
    assert config.from_file("missing.json", load=json.load, silent=True) is False
    with pytest.raises(FileNotFoundError, match="Unable to load configuration file"):
        config.from_file("missing.json", load=json.load)


def test_from_prefixed_env_parses_json_and_keeps_other_strings(config, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "true")
    monkeypatch.setenv("FLASK_PORT", "8000")
    monkeypatch.setenv("FLASK_NAME", "plain text")
    monkeypatch.setenv("OTHER_DEBUG", "false")
    assert config.from_prefixed_env()
    assert config == {"DEBUG": True, "PORT": 8000, "NAME": "plain text"}


def test_from_prefixed_env_sets_nested_keys_on_double_underscores(config, monkeypatch):
    monkeypatch.setenv("APP_DB__HOST", '"db.local"')
    monkeypatch.setenv("APP_DB__POOL__SIZE", "5")
    config.from_prefixed_env("APP")
    assert config == {"DB": {"HOST": "db.local", "POOL": {"SIZE": 5}}}


def test_from_prefixed_env_uses_the_given_loads(config, monkeypatch):
    monkeypatch.setenv("FLASK_SECRET_KEY", "abc")
    config.from_prefixed_env(loads=str.upper)
    assert config == {"SECRET_KEY": "ABC"}


def test_get_namespace_strips_and_lowercases_by_default(config):
    config.update(IMAGE_STORE_TYPE="fs", IMAGE_STORE_PATH="/var", OTHER=1)
    assert config.get_namespace("IMAGE_STORE_") == {"type": "fs", "path": "/var"}
    assert config.get_namespace("IMAGE_STORE_", lowercase=False, trim_namespace=False) == {
        "IMAGE_STORE_TYPE": "fs",
        "IMAGE_STORE_PATH": "/var",
    }
