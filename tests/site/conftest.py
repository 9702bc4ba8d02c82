"""Fixtures for checking the built site: where it is, a headless
Chromium to read it with, and a scratch Sphinx project for the
extension's own failures."""

import contextlib
import importlib
import os
import pathlib
import shutil
import subprocess
import sys
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@contextlib.contextmanager
def companion_module(name):
    """The extension's module ``companion.<name>``, imported with
    docs/_ext on ``sys.path`` for the while: the extension is no installed
    package, and a test leaves the path as it found it."""
    sys.path.insert(0, str(ROOT / "docs" / "_ext"))
    try:
        yield importlib.import_module("companion." + name)
    finally:
        sys.path.remove(str(ROOT / "docs" / "_ext"))


#: the flags a sandboxed machine with no network needs: no background
#: fetches (they are refused many at a time), no GPU, no first-run tasks
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site(pytestconfig):
    path = pathlib.Path(pytestconfig.getoption("site")).resolve()
    if not (path / "index.html").exists():
        pytest.fail(f"no built site at {path}: run `nox -s docs`")
    return path


@pytest.fixture(scope="session")
def screenshots(site):
    folder = site.parent / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """Debian's Chromium driven by Playwright; skipped where it is absent."""
    if CHROMIUM is None:
        pytest.skip(
            "Chromium is not installed (apt-get install chromium): the site "
            "cannot be checked in a browser here"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser):
    """A fresh tab that records console errors and failed requests."""
    tab = browser.new_page()
    tab.problems = []
    tab.on("console", lambda m: m.type == "error" and tab.problems.append(m.text))
    tab.on("pageerror", lambda e: tab.problems.append(str(e)))
    tab.on("requestfailed", lambda r: tab.problems.append(f"{r.url}: {r.failure}"))
    yield tab
    tab.close()


class ScratchProject:
    """A tiny Sphinx project using the companion extension, for showing
    that the build fails when it must."""

    def __init__(self, folder):
        self.folder = folder
        (folder / "docs").mkdir()
        (folder / "docs" / "conf.py").write_text(
            textwrap.dedent(
                f"""
                import sys
                sys.path.insert(0, {str(ROOT / "docs" / "_ext")!r})
                sys.path.insert(0, {str(folder)!r})
                extensions = ["sphinx.ext.autodoc", "companion"]
                """
            )
        )

    def module(self, name, source):
        (self.folder / f"{name}.py").write_text(textwrap.dedent(source))

    def page(self, text):
        (self.folder / "docs" / "index.rst").write_text(textwrap.dedent(text))

    def build(self, fresh=True):
        """Run sphinx-build (no -W): the result, output included.  A
        *fresh* build reads every page (-E); otherwise it is the build a
        writer runs again and again, reading only the pages Sphinx finds
        outdated, and its log (not quiet) says which."""
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        how = ["-E", "-q"] if fresh else []
        # --no-color: the tests read the log, and a CI runner that sets
        # FORCE_COLOR would otherwise split its phrases with ANSI codes
        return subprocess.run(
            [sys.executable, "-m", "sphinx", "--no-color", *how] + ["-b", "html", "docs", "out"],
            cwd=self.folder,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
        )


@pytest.fixture
def scratch(tmp_path):
    return ScratchProject(tmp_path)
