"""The docs build fails when a page would lie: code changed under a
chapter that was not read again (the drift guard), or a snippet whose
output is no longer what the code prints.  Shown on scratch projects
that use the companion extension, and once on this repository itself."""

import shutil
import subprocess
import sys

from .conftest import ROOT

TOY = """
def greet(name):
    return "Hello " + name
"""


def _fingerprint(scratch, name):
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    sys.path.insert(0, str(scratch.folder))
    try:
        from companion.locate import locate

        return locate(name).fingerprint
    finally:
        sys.path.remove(str(scratch.folder))
        sys.modules.pop(name.split(".")[0], None)


def _chapter_pinned_to_greet(scratch):
    scratch.module("toy", TOY)
    pin = _fingerprint(scratch, "toy.greet")
    scratch.page(f"Toy\n===\n\n.. source:: toy.greet\n   :pin: {pin}\n")


def test_a_pinned_object_builds(scratch):
    _chapter_pinned_to_greet(scratch)
    result = scratch.build()
    assert result.returncode == 0, result.stderr
    assert "Hello" in (scratch.folder / "out" / "index.html").read_text()


def test_an_edited_object_fails_the_build_and_is_named(scratch):
    _chapter_pinned_to_greet(scratch)
    scratch.module("toy", TOY.replace('"Hello "', '"Hi "'))
    result = scratch.build()
    assert result.returncode != 0
    assert "toy.greet changed since this chapter was pinned to it" in result.stderr
    assert "nox -s repin -- toy.greet" in result.stderr


def test_an_object_without_a_pin_fails_the_build(scratch):
    scratch.module("toy", TOY)
    scratch.page("Toy\n===\n\n.. source:: toy.greet\n")
    result = scratch.build()
    assert result.returncode != 0
    assert "toy.greet has no :pin:" in result.stderr


def test_a_session_whose_output_changed_fails_the_build(scratch):
    scratch.module("toy", TOY)
    scratch.page(
        "Toy\n===\n\n.. session::\n\n   >>> import toy\n   >>> toy.greet('Ada')\n   'Hi Ada'\n"
    )
    result = scratch.build()
    assert result.returncode != 0
    assert "no longer what the code prints" in result.stderr
    assert "'Hello Ada'" in result.stderr


def test_a_trace_that_raises_fails_the_build(scratch):
    scratch.module("toy", TOY)
    scratch.page("Toy\n===\n\n.. trace::\n   :follow: toy\n\n   import toy\n   toy.greet(1)\n")
    result = scratch.build()
    assert result.returncode != 0
    assert "trace: the code raised TypeError" in result.stderr


def test_repin_rewrites_only_the_named_object():
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    from companion.pins import repin

    chapter = ".. source:: a.b\n   :pin: old\n\ntext\n\n.. source:: a.c\n   :pin: old\n   :head:\n"
    text, count = repin(chapter, "a.c", lambda head: "HEAD" if head else "WHOLE")
    assert count == 1
    assert text == chapter.replace(":pin: old\n   :head:", ":pin: HEAD\n   :head:")


def test_editing_flask01_under_a_chapter_fails_this_sites_build(tmp_path):
    """The real thing: a comment added inside flask01.Flask.wsgi_app in a
    copy of this repository, and the real docs build names the object."""
    copy = tmp_path / "repo"
    for folder in ("flask01", "docs", "annotated", "tests", "examples"):
        shutil.copytree(ROOT / folder, copy / folder, symlinks=True, ignore=_ignored)
    source = copy / "flask01" / "__init__.py"
    text = source.read_text()
    marker = "        with self.request_context(environ):\n"
    assert marker in text
    source.write_text(text.replace(marker, "        # an edit\n" + marker, 1))
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-E", "-q", "-b", "html", "docs", str(tmp_path / "out")],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode != 0
    assert "flask01.Flask.wsgi_app changed since this chapter was pinned to it" in result.stderr
    assert "03-cycle.rst" in result.stderr


def _ignored(folder, names):
    return [n for n in names if n in ("_build", "__pycache__")]
