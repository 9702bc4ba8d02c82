"""The deviation register cannot name a test that does not exist, and
every deviation the parity scenarios expect has a row."""

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
REGISTER = (ROOT / "docs" / "deviations.rst").read_text(encoding="utf-8")


def rows():
    return re.findall(r"^\.\. _([DM]-[a-z0-9-]+):", REGISTER, re.M)


def named_tests():
    return sorted(set(re.findall(r"``(tests/[\w/]+\.py)::(\w+)``", REGISTER)))


def test_register_has_rows():
    assert len(rows()) >= 10


@pytest.mark.parametrize(("path", "name"), named_tests())
def test_every_test_the_register_names_exists(path, name):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    assert name in functions


def test_every_row_names_at_least_one_test():
    sections = re.split(r"^\.\. _([DM]-[a-z0-9-]+):", REGISTER, flags=re.M)[1:]
    for row, text in zip(sections[::2], sections[1::2], strict=True):
        assert re.search(r":Shown by: ``tests/", text), row


def test_every_deviation_tagged_in_a_parity_scenario_has_a_row():
    scenarios = ROOT / "tests" / "parity" / "scenarios"
    tagged = set()
    for path in scenarios.glob("*.py"):
        tagged.update(re.findall(r'deviation="(D-[a-z0-9-]+)"', path.read_text("utf-8")))
    assert tagged
    assert tagged <= set(rows())


def test_every_fix_the_modern_scenarios_show_has_a_row():
    from tests.modern_parity.scenarios import FIXES

    assert set(FIXES.values()) <= set(rows())
