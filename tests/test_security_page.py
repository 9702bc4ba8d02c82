"""The security page (docs/security.rst) cannot name a test that does not
exist, and every kept behaviour on it says all four things."""

import ast
import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGE = (ROOT / "docs" / "security.rst").read_text(encoding="utf-8")
FIELDS = (":What happens:", ":Why kept:", ":Instead:", ":Shown by:")


def kept_entries():
    sections = re.split(r"^\.\. _(S-[a-z0-9-]+):", PAGE, flags=re.M)[1:]
    return dict(zip(sections[::2], sections[1::2], strict=True))


def named_tests():
    return sorted(set(re.findall(r"``(tests/[\w/]+\.py)::(\w+)``", PAGE)))


def test_the_page_lists_the_kept_behaviours_of_issue_13():
    assert set(kept_entries()) >= {
        "S-before-request-abort",
        "S-host-header",
        "S-session-cookie",
        "S-symlinks",
        "S-preserved-contexts",
        "S-form-size",
    }


@pytest.mark.parametrize("entry", sorted(kept_entries()))
def test_every_kept_behaviour_says_what_why_instead_and_which_tests(entry):
    text = kept_entries()[entry]
    assert [field in text for field in FIELDS] == [True] * len(FIELDS)
    assert re.search(r":Shown by: ``tests/", text)


@pytest.mark.parametrize(("path", "name"), named_tests())
def test_every_test_the_page_names_exists(path, name):
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    functions = {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    assert name in functions
