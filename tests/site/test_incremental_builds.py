"""A build that reads only what changed (``sphinx-build`` without -E, as a
writer runs it again and again) is as right as a full one: every page
that shows or runs code depends on the files that code came from, so an
edit to them makes Sphinx read the page again, and the drift guard or the
new code's output is there.  Shown on scratch projects, and once on this
repository itself."""

import re
import shutil
import subprocess
import sys

from .conftest import ROOT
from .test_build_guards import TOY, _chapter_pinned_to_greet, _ignored

HELLO, HI = '"Hello "', '"Hi "'


def _incremental(scratch):
    """Build again, reading only what Sphinx finds outdated."""
    result = scratch.build(fresh=False)
    _assert_incremental(result)
    return result


def _assert_incremental(result):
    # the environment of the build before was used: every page is known
    # ("0 added"), and only the outdated ones are read again
    assert "updating environment: 0 added, " in result.stdout, result.stdout


def _page(scratch):
    return (scratch.folder / "out" / "index.html").read_text()


def test_an_incremental_build_fails_on_an_edited_pinned_object(scratch):
    _chapter_pinned_to_greet(scratch)
    assert scratch.build(fresh=False).returncode == 0
    unchanged = _incremental(scratch)
    assert unchanged.returncode == 0, unchanged.stderr
    assert "0 added, 0 changed, 0 removed" in unchanged.stdout

    scratch.module("toy", TOY.replace(HELLO, HI))
    result = _incremental(scratch)
    assert "0 added, 1 changed, 0 removed" in result.stdout
    assert result.returncode != 0
    assert "toy.greet changed since this chapter was pinned to it" in result.stderr


def test_the_failure_ends_when_the_code_is_as_pinned_again(scratch):
    _chapter_pinned_to_greet(scratch)
    scratch.module("toy", TOY.replace(HELLO, HI))
    assert scratch.build(fresh=False).returncode != 0
    scratch.module("toy", TOY)
    result = _incremental(scratch)
    assert result.returncode == 0, result.stderr
    assert "Hello" in _page(scratch)


def test_an_incremental_build_fails_when_a_shown_object_is_gone_and_recovers(scratch):
    _chapter_pinned_to_greet(scratch)
    assert scratch.build(fresh=False).returncode == 0
    scratch.module("toy", TOY.replace("def greet", "def salute"))
    gone = _incremental(scratch)
    # a failure even without -W: the page would show nothing true
    assert gone.returncode != 0
    assert "toy.greet: nothing named 'greet' is defined there" in gone.stderr
    scratch.module("toy", TOY)
    back = _incremental(scratch)
    assert back.returncode == 0, back.stderr


def test_an_incremental_build_shows_what_a_trace_runs_now(scratch):
    scratch.module("toy", TOY)
    scratch.page(
        "Toy\n===\n\n.. trace::\n   :follow: toy\n   :values:\n\n"
        "   import toy\n   toy.greet('Ada')\n"
    )
    assert scratch.build(fresh=False).returncode == 0
    assert "Hello Ada" in _page(scratch)
    scratch.module("toy", TOY.replace(HELLO, HI))
    result = _incremental(scratch)
    assert result.returncode == 0, result.stderr
    assert "Hi Ada" in _page(scratch)
    assert "Hello Ada" not in _page(scratch)


def test_an_incremental_build_reruns_a_session_whose_code_ran_in_a_thread(scratch):
    """The page's namespace never holds ``toy``: only the thread the
    session starts imports and runs it, as a served request would."""
    scratch.module("toy", TOY)
    scratch.page(
        """\
        Toy
        ===

        .. session::

           >>> import threading
           >>> said = []
           >>> def work():
           ...     import toy
           ...     said.append(toy.greet("Ada"))
           >>> worker = threading.Thread(target=work)
           >>> worker.start(); worker.join()
           >>> said
           ['Hello Ada']
        """
    )
    first = scratch.build(fresh=False)
    assert first.returncode == 0, first.stderr
    scratch.module("toy", TOY.replace(HELLO, HI))
    result = _incremental(scratch)
    assert result.returncode != 0
    assert "no longer what the code prints" in result.stderr
    assert "['Hi Ada']" in result.stderr


def test_an_incremental_build_lists_a_test_added_since(scratch):
    tests = scratch.folder / "tests"
    tests.mkdir()
    (tests / "test_toy.py").write_text("def test_greets_by_name():\n    pass\n")
    scratch.page("Specs\n=====\n\n.. specifications::\n")
    assert scratch.build(fresh=False).returncode == 0
    assert "test_greets_by_name" in _page(scratch)

    (tests / "test_more.py").write_text("def test_greets_anyone():\n    pass\n")
    added = _incremental(scratch)
    assert added.returncode == 0, added.stderr
    assert "test_greets_anyone" in _page(scratch)

    (tests / "test_toy.py").write_text("def test_greets_politely():\n    pass\n")
    changed = _incremental(scratch)
    assert changed.returncode == 0, changed.stderr
    assert "test_greets_politely" in _page(scratch)
    assert "test_greets_by_name" not in _page(scratch)


def test_editing_flask01_fails_this_sites_incremental_build(tmp_path):
    """The real thing: this repository's docs built once into a copy,
    then a comment added inside flask01.Flask.wsgi_app, and the build run
    again without -E reads chapter 3 again and names the object."""
    copy = tmp_path / "repo"
    for folder in ("flask01", "docs", "annotated", "tests", "examples"):
        shutil.copytree(ROOT / folder, copy / folder, symlinks=True, ignore=_ignored)

    def build():
        return subprocess.run(
            [sys.executable, "-m", "sphinx", "--no-color", "-b", "html", "docs"]
            + [str(tmp_path / "out")],
            cwd=copy,
            capture_output=True,
            text=True,
            timeout=600,
        )

    # whatever it finds, the first build leaves its environment for the next
    pages = int(re.search(r"(\d+) added, 0 changed", build().stdout)[1])
    source = copy / "flask01" / "__init__.py"
    text = source.read_text()
    marker = "        with self.request_context(environ):\n"
    assert marker in text
    source.write_text(text.replace(marker, "        # an edit\n" + marker, 1))
    result = build()
    _assert_incremental(result)
    assert "reading sources... " in result.stdout
    assert "chapters/03-cycle" in result.stdout
    read_again = int(re.search(r"0 added, (\d+) changed", result.stdout)[1])
    assert 0 < read_again < pages  # the pages that run flask01's code, only
    assert result.returncode != 0
    assert "flask01.Flask.wsgi_app changed since this chapter was pinned to it" in result.stderr
    assert "03-cycle.rst" in result.stderr
