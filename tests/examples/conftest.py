"""Load the example applications from examples/ with a fresh database."""

import importlib
import pathlib
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"


def load_example(name, tmp_path):
    sys.path.insert(0, str(EXAMPLES / name))
    try:
        module = importlib.import_module(name)
    finally:
        sys.path.remove(str(EXAMPLES / name))
    module.DATABASE = str(tmp_path / (name + ".db"))
    module.init_db()
    return module


@pytest.fixture
def tinyblog(tmp_path):
    return load_example("tinyblog", tmp_path)


@pytest.fixture
def minitweet(tmp_path):
    return load_example("minitweet", tmp_path)
