"""Every job a contributor runs.

    nox -s tests    the test suite on every Python 3.10-3.13 on this machine
    nox -s docs     build the documentation site into docs/_build/html,
                    then check it: the drift guard, and a reader's visit
                    in headless Chromium (skipped where it is missing)
    nox -s repin -- NAME
                    after reading a chapter's commentary again, pin it
                    to the current code of the object NAME
    nox -s inventories
                    copy the intersphinx inventories again from Debian's
                    documentation packages
    nox -s lint     ruff
    nox -s bench    time flask01, flask01.modern, Flask, raw Werkzeug and a
                    bare WSGI callable on the same routes, send 1 GiB through
                    gunicorn, print the ratios and the targets, and write
                    the benchmark page's table and plot (docs/benchmarks/)
    nox -s parity   replay the parity scenarios on the original Flask 0.1
                    (Python 2.7) and on flask01, and compare every response
    nox -s modern_parity
                    run the lifecycle scenarios on Flask 2.1.3 and on
                    flask01.modern, and compare the traces
    nox -s versions the characterization tests of the three upstream bugs
                    against several Flask/Werkzeug releases

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

#: the release flask01.modern is measured against, with its Werkzeug
FLASK_21 = ["Flask==2.1.3", "Werkzeug==2.1.2"]

#: the releases the versions session characterizes: the oldest Werkzeug
#: line still in wide use, the first 3.x, and the newest of each package
UPSTREAM_RELEASES = {
    "werkzeug-2.3": ["Flask==2.3.3", "Werkzeug==2.3.8"],
    "werkzeug-3.0": ["Flask==3.0.3", "Werkzeug==3.0.6"],
    "latest": ["Flask", "Werkzeug"],
}


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


def _install_into(session, site, packages, python="python"):
    """pip-install *packages* into the folder *site* (used on PYTHONPATH)
    unless that exact list is there already."""
    marker = os.path.join(site, "installed.txt")
    if _read(marker) == " ".join(packages):
        return
    shutil.rmtree(site, ignore_errors=True)
    session.run(
        python,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-warn-script-location",
        "--disable-pip-version-check",
        "--target",
        site,
        *packages,
        external=True,
    )
    with open(marker, "w") as f:
        f.write(" ".join(packages))


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
    session.run("ruff", "format", "--check", ".")


@nox.session
def docs(session):
    """Build the documentation site, warnings as errors, then test it
    as a reader would (tests/site/)."""
    _install(session, "docs")
    out = os.path.join(ROOT, "docs", "_build", "html")
    session.run(
        "sphinx-build",
        # -E: read every source again, so that a warning is never hidden
        # by an earlier build's cached doctrees
        "-E",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        "-b",
        "html",
        "docs",
        out,
    )
    session.log(f"The site is built: open {os.path.join(out, 'index.html')}")
    session.run("pytest", "-p", "no:cacheprovider", "tests/site", f"--site={out}", *session.posargs)


@nox.session
def bench(session):
    """Measure (bench/), print the ratio table and the targets, write
    docs/benchmarks/; fails when a target is missed.  ``-- --quick`` for
    a rough run."""
    _install(session, "bench")
    session.run("python", "-m", "bench", *session.posargs)


@nox.session
def repin(session):
    """Pin the chapters that show an object to its current code:
    ``nox -s repin -- flask01.Flask.wsgi_app``.  Do it after reading the
    commentary around the object again; the drift guard asks for it."""
    _install(session, "docs")
    session.run(
        "python",
        "-m",
        "companion.pins",
        *session.posargs,
        env={"PYTHONPATH": os.path.join(ROOT, "docs", "_ext")},
    )


#: the Debian packages whose objects.inv the docs bundle, by inventory
INVENTORIES = {
    "python": "/usr/share/doc/python3.11/html/objects.inv",
    "werkzeug": "/usr/share/doc/python-werkzeug-doc/html/objects.inv",
    "jinja2": "/usr/share/doc/python-jinja2-doc/html/objects.inv",
    "flask": "/usr/share/doc/python-flask-doc/html/objects.inv",
    "itsdangerous": "/usr/share/doc/python-itsdangerous-doc/html/objects.inv",
}


@nox.session(venv_backend="none")
def inventories(session):
    """Copy the intersphinx inventories from Debian's doc packages
    (python3-doc, python-werkzeug-doc, python-jinja2-doc,
    python-flask-doc, python-itsdangerous-doc) into docs/_inventories."""
    for name, path in INVENTORIES.items():
        if not os.path.exists(path):
            session.error(f"{path} is missing: apt-get install the package that holds it")
        shutil.copyfile(path, os.path.join(ROOT, "docs", "_inventories", f"{name}.inv"))
        session.log(f"{name}: {path}")


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
    _install_into(session, site, ORIGINAL, python=python2)
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


@nox.session(python="3.11")
def modern_parity(session):
    """Compare flask01.modern with Flask 2.1.3, scenario trace for
    scenario trace; only the three documented fixes may differ."""
    _install(session)
    site = os.path.join(session.virtualenv.location, "flask-2.1.3")
    _install_into(session, site, FLASK_21)
    here = os.path.join(ROOT, "tests", "modern_parity")
    results = os.path.join(session.virtualenv.location, "results")
    os.makedirs(results, exist_ok=True)
    upstream, ours = os.path.join(results, "upstream.json"), os.path.join(results, "modern.json")
    driver = os.path.join(here, "driver.py")
    session.run("python", driver, "upstream", upstream, env={"PYTHONPATH": site})
    session.run("python", driver, "modern", ours)
    session.run(
        "python",
        os.path.join(here, "compare.py"),
        upstream,
        ours,
        os.path.join(ROOT, "docs", "deviations.rst"),
    )


@nox.session(python="3.11")
@nox.parametrize("release", list(UPSTREAM_RELEASES))
def versions(session, release):
    """Run the characterization tests of the three upstream bugs against
    one Flask/Werkzeug release, and print which bugs it shows."""
    session.install("pytest", *UPSTREAM_RELEASES[release])
    here = os.path.join(ROOT, "tests", "upstream")
    session.run("python", os.path.join(here, "report.py"))
    # --noconftest: the suite's conftest imports flask01, which need not
    # run on the release under test; these tests import only upstream.
    session.run("pytest", "--noconftest", "-p", "no:cacheprovider", here)
