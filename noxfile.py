"""Every job a contributor runs.

    nox -s tests    the test suite on every Python 3.10-3.13 on this machine
    nox -s docs     build the documentation site into docs/_build/html
    nox -s lint     ruff
    nox -s parity   replay the parity scenarios on the original Flask 0.1
                    (Python 2.7) and on flask01, and compare every response

Interpreters are looked up on PATH and, where pyenv is used, among pyenv's
installed versions, so that a machine with several pyenv Pythons runs the
tests on all of them without activating any.  A version that is not found
is skipped, not failed.
"""

import glob
import os
import shutil

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.error_on_missing_interpreters = False
nox.options.download_python = "never"  # no network beyond the registry
nox.options.reuse_venv = "yes"

ROOT = os.path.dirname(os.path.abspath(__file__))
PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
PYPROJECT = nox.project.load_toml("pyproject.toml")

#: the original, as the parity session installs it for Python 2.7
ORIGINAL = ["Flask==0.1", "Werkzeug==0.6.2", "Jinja2==2.5.5"]


def _add_pyenv_versions_to_path():
    pyenv_root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
    bins = sorted(glob.glob(os.path.join(pyenv_root, "versions", "*", "bin")))
    if bins:
        os.environ["PATH"] = os.pathsep.join(bins + [os.environ.get("PATH", "")])


_add_pyenv_versions_to_path()


def _install(session, *groups):
    session.install("-e", ".")
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return None


@nox.session(python=PYTHONS)
def tests(session):
    """Run the test suite with branch coverage; warnings are errors."""
    _install(session, "test")
    session.run(
        "pytest",
        "--cov",
        "--cov-report=term",
        *session.posargs,
        env={"COVERAGE_FILE": f".nox/.coverage.{session.python}"},
    )


@nox.session
def lint(session):
    """Check style and common mistakes with ruff."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", "flask01", "noxfile.py")


@nox.session
def docs(session):
    """Build the documentation site, warnings as errors."""
    _install(session, "docs")
    out = os.path.join(ROOT, "docs", "_build", "html")
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-b",
        "html",
        "docs",
        out,
        *session.posargs,
    )
    session.log(f"The site is built: open {os.path.join(out, 'index.html')}")


@nox.session
def parity(session):
    """Compare flask01 with the original Flask 0.1, response for response."""
    python2 = shutil.which("python2.7")
    if python2 is None:
        session.skip(
            "Python 2.7 was not found on PATH or among pyenv's versions: "
            "the original Flask 0.1 cannot run, so there is nothing to compare."
        )
    _install(session)
    site = os.path.join(session.virtualenv.location, "py27-original")
    marker = os.path.join(site, "installed.txt")
    if _read(marker) != " ".join(ORIGINAL):
        shutil.rmtree(site, ignore_errors=True)
        session.run(
            python2,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-warn-script-location",
            "--disable-pip-version-check",
            "--target",
            site,
            *ORIGINAL,
            external=True,
        )
        with open(marker, "w") as f:
            f.write(" ".join(ORIGINAL))
    here = os.path.join(ROOT, "tests", "parity")
    results = os.path.join(session.virtualenv.location, "results")
    os.makedirs(results, exist_ok=True)
    original, ours = os.path.join(results, "original.json"), os.path.join(results, "flask01.json")
    with open(original, "w") as out:
        session.run(
            python2,
            os.path.join(here, "driver.py"),
            "original",
            *session.posargs,
            env={"PYTHONPATH": site},
            external=True,
            stdout=out,
        )
    with open(ours, "w") as out:
        session.run(
            "python", os.path.join(here, "driver.py"), "flask01", *session.posargs, stdout=out
        )
    session.run(
        "python",
        os.path.join(here, "compare.py"),
        original,
        ours,
        os.path.join(ROOT, "docs", "deviations.rst"),
    )
