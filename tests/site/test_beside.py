"""The "beside" page: a module held against an original that the build
downloads.  Shown on scratch projects with a tiny original of our own,
put in the build's cache so that no test touches the network."""

import html
import io
import re
import sys
import tarfile

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "docs" / "_ext"))

from companion import beside  # noqa: E402

#: a made-up "original", in Python 2 as flask.py is
ORIGINAL = '''\
"""The original."""
import os

try:
    import json
except ImportError, e:
    json = None


class Greeter(object):
    """Greets."""

    greeting = 'Hello'

    def greet(self, name):
        print "greeting"
        return self.greeting + ' ' + name

    @staticmethod
    def gone():
        pass


def shout(text):
    return text.upper()
'''

#: flask01's part: the same objects, one changed, one new, one gone
OURS = '''\
"""Ours."""
import os
import sys

__version__ = "0.1"


class Greeter(object):
    """Greets."""

    greeting = "Hello"

    def greet(self, name):
        return self.greeting + " " + name


# a comment that belongs to shout
def shout(text):
    return text.upper()


def whisper(text):
    return text.lower()
'''


def _sdist(folder, files, name="Flask-0.1"):
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / f"{name}.tar.gz", "w:gz") as archive:
        for path, text in files.items():
            data = text.encode()
            info = tarfile.TarInfo(f"{name}/{path}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_python_2_is_cut_into_named_pieces():
    names = [p.name for p in beside.pieces(ORIGINAL)]
    assert names == ["(docstring)", "(imports)", "json", "Greeter", "shout"]
    greeter = beside.pieces(ORIGINAL)[3]
    assert [m.name for m in greeter.members] == [
        "Greeter.(docstring)",
        "Greeter.greeting",
        "Greeter.greet",
        "Greeter.gone",
    ]
    # the decorator goes with what it decorates, the except with its try
    assert greeter.members[-1].lines[0].strip() == "@staticmethod"
    assert beside.pieces(ORIGINAL)[2].lines[-1].strip() == "json = None"
    assert beside.head_lines(greeter) == ["class Greeter(object):", '    """Greets."""']


def test_pieces_are_paired_in_the_originals_order_with_ours_where_they_stand():
    rows = beside.flatten(beside.pair(beside.pieces(ORIGINAL), beside.pieces(OURS)))
    got = [(name, beside.status(old, new)) for name, old, new, _ in rows]
    assert got == [
        ("(docstring)", beside.SAME_CODE),  # a docstring is words, not code
        ("(imports)", "changed"),
        ("__version__", "only in flask01"),
        ("json", "only in the original"),
        ("Greeter", "the same"),
        ("Greeter.greeting", beside.SAME_CODE),  # other quote marks
        ("Greeter.greet", "changed"),  # print is gone
        ("Greeter.gone", "only in the original"),
        ("shout", beside.SAME_CODE),  # it gained a comment
        ("whisper", "only in flask01"),
    ]


PAGE = """
Beside
======

.. beside:: toy
   :release: Flask==0.1
   :file: flask.py

   Greeter.greet: D-print

.. _D-print:

The print statement
-------------------

Python 3 has none.
"""


def test_the_page_shows_each_object_and_links_its_explanation(scratch):
    _sdist(scratch.folder / "docs" / "_build" / "beside", {"flask.py": ORIGINAL})
    scratch.module("toy", OURS)
    scratch.page(PAGE)
    result = scratch.build()
    assert result.returncode == 0, result.stderr
    page = (scratch.folder / "out" / "index.html").read_text()
    assert 'href="#d-print"' in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert text.index("__version__") < text.index("only in the original") < text.index("whisper")
    assert '-        print "greeting"' in text  # the original's line, in the diff
    assert "+++ toy.py" in text


def test_a_name_in_neither_module_fails_the_build(scratch):
    _sdist(scratch.folder / "docs" / "_build" / "beside", {"flask.py": ORIGINAL})
    scratch.module("toy", OURS)
    scratch.page(PAGE.replace("Greeter.greet: D-print", "Greeter.wave: D-print"))
    result = scratch.build()
    assert result.returncode != 0
    assert "'Greeter.wave: D-print' names no object of either module" in result.stderr


def test_without_the_cache_it_asks_pip_and_says_what_failed(scratch, monkeypatch):
    # no index at all: pip gives up at once, with no network touched
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    scratch.module("toy", OURS)
    scratch.page(PAGE)
    result = scratch.build()
    assert result.returncode != 0
    assert "beside: pip download Flask==0.1 into" in result.stderr
    assert "the build needs no network" in result.stderr


def test_a_cached_sdist_is_found_by_its_name_and_version_and_read(tmp_path):
    _sdist(tmp_path, {"flask.py": "x = 1\n", "setup.py": ""})
    _sdist(tmp_path, {"flask.py": "x = 2\n"}, name="Flask-0.2")
    found = beside.cached_sdist(tmp_path, "flask==0.1")
    assert beside.read_from_sdist(found, "flask.py") == "x = 1\n"
