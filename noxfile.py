"""Every job a contributor runs.

    nox -s tests    the test suite on every Python 3.10-3.13 on this machine,
                    then the coverage session
    nox -s coverage combine the coverage data of every Python the tests
                    ran on, report it, fail under the pyproject's fail_under
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
    nox -s stress   the tests that use real servers or threads, ten
                    rounds under CPU load (a busy process per core);
                    every round must pass
    nox -s build    build the sdist and the wheel into dist/, check what
                    each holds, install the wheel into a new virtual
                    environment and smoke-test both versions from it
    nox -s bench    time flask01, flask01.modern, Flask, raw Werkzeug and a
                    bare WSGI callable on the same routes, send 1 GiB through
                    gunicorn, print the ratios and the targets, and write
                    the benchmark page's table and plot (docs/benchmarks/)
    nox -s parity   replay the parity scenarios on the original Flask 0.1
                    (Python 2.7) and on flask01, and compare every response;
                    then 5,000 generated request sequences (-- --seed=N)
    nox -s modern_parity
                    run the lifecycle scenarios on Flask 2.1.3 and on
                    flask01.modern, and compare the traces; then 5,000
                    generated request sequences (-- --seed=N)
    nox -s versions the characterization tests of the four upstream bugs
                    against several Flask/Werkzeug releases
    nox -s mutation mutation testing (mutmut, one worker; slow, not in CI)
                    of flask01, its Werkzeug 0.6 stand-ins, the shared
                    code and flask01.modern's core, on a copy of the tree;
                    prints the score of each module
    nox -s upstream_suite
                    run Flask 2.1.3's own test suite (downloaded from the
                    registry) on real Flask 2.1.3, then on flask01.modern;
                    tests/upstream_suite/exclusions.toml lists what may fail
    nox -s tracing_tutorial
                    the tracer's command (python -m flask01.tracing) on
                    Flask 2.1.3's tutorial, downloaded from the registry:
                    the tests that the tests session skips without it

Interpreters are looked up on PATH and, where pyenv is used, among pyenv's
installed versions, so that a machine with several pyenv Pythons runs the
tests on all of them without activating any.  A version that is not found
is skipped, not failed.

Where nox is not installed, ``python3 tools/run_nox.py ARGS`` runs it
from a virtual environment of its own (the README's commands do).
"""

import glob
import json
import os
import shutil
import tempfile

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

#: what Flask 2.1.3's own suite needs besides Flask: its
#: requirements/tests.txt pins, as far as they install on Python 3.11
#: beside flask01 (its greenlet pin is for Python < 3.11 only; blinker is
#: the one flask01 requires, for 1.4 is older than that), and a click from
#: before 8.2, which dropped the CliRunner(mix_stderr=...) its CLI tests use
UPSTREAM_SUITE_DEPS = [
    "pytest==7.1.2",
    "asgiref==3.5.2",
    "blinker",
    "python-dotenv==0.20.0",
    "greenlet",
    "click==8.1.3",
]

#: the newest Werkzeug line Flask 2.1.3 still imports on (url_quote is
#: gone in 3.0): the upstream suite's first evidence run for class (2)
WERKZEUG_23 = "Werkzeug==2.3.8"

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


#: where the tests sessions leave their coverage data, one file per Python
#: (.nox/.coverage.3.11, ...), and where the coverage session combines it
COVERAGE_FILE = os.path.join(".nox", ".coverage")


@nox.session(python=PYTHONS)
def tests(session):
    """Run the test suite with branch coverage; warnings are errors.

    A whole run ends with the coverage session, which combines what every
    Python measured and judges it against ``fail_under``.  A run narrowed
    by arguments (``nox -s tests -- tests/modern``) prints its own
    coverage instead and judges nothing; ``nox -s coverage`` combines it
    on request."""
    _install(session, "test")
    whole_run = not session.posargs
    session.run(
        "pytest",
        "--cov",
        # the report and the verdict belong to the combined data
        "--cov-report=" if whole_run else "--cov-report=term",
        "--cov-fail-under=0",
        *session.posargs,
        env={"COVERAGE_FILE": f"{COVERAGE_FILE}.{session.python}"},
    )
    if whole_run:
        session.notify("coverage")


@nox.session
def coverage(session):
    """Combine the coverage of every Python the tests ran on; report it.

    It fails under ``[tool.coverage.report] fail_under`` in
    pyproject.toml.  Run on its own, it combines what the tests sessions
    left since the last combine (one file per Python) or, if nothing,
    reports the last combined data again; arguments go to ``coverage
    report``."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "coverage"))
    env = {"COVERAGE_FILE": COVERAGE_FILE}
    if glob.glob(os.path.join(ROOT, f"{COVERAGE_FILE}.*")):
        # consumes the per-Python files, so data from an earlier run is
        # never counted twice or mixed with a newer run's
        session.run("coverage", "combine", env=env)
    elif not os.path.exists(os.path.join(ROOT, COVERAGE_FILE)):
        session.error("There is no coverage data: run `nox -s tests` first.")
    session.run("coverage", "report", *session.posargs, env=env)


@nox.session
def lint(session):
    """Check style and common mistakes with ruff."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHONS)
def stress(session):
    """Run every test that uses a real server or a thread (those marked
    ``concurrent``) round after round under CPU load, a busy process on
    each core; every round must pass.  ``nox -s stress-3.13 -- 30`` runs
    30 rounds on one Python (10 by default); arguments after a second
    ``--`` go to pytest.  Prints the load and each round's result."""
    _install(session, "test")
    session.run("python", "-m", "tests.stress", *session.posargs)


@nox.session
def docs(session):
    """Build the documentation site, warnings as errors, then test it
    as a reader would (tests/site/)."""
    _install(session, "docs")
    out = os.path.join(ROOT, "docs", "_build", "html")

    def build_html(target, *options):
        """Build one edition of the site into *target*.  viewcode writes a
        module's page only when the module is newer than it: pages left by
        an earlier build would keep that build's theme, so they go first;
        -E reads every source again, so that a warning is never hidden by
        an earlier build's cached doctrees."""
        shutil.rmtree(os.path.join(target, "_modules"), ignore_errors=True)
        flags = ("-E", "-W", "--keep-going", "-n", "-q", "-b", "html")
        session.run("sphinx-build", *flags, *options, "docs", target)

    build_html(out)
    # the Chinese edition, from the catalogs in docs/locale/zh_CN/ (Sphinx
    # compiles them), into html/zh_CN/: every page links to its twin
    build_html(os.path.join(out, "zh_CN"), "-D", "language=zh_CN")
    # the translation drift guard: every paragraph of the pages the
    # Chinese edition translates, extracted as it reads today, must have
    # a current translation (tools/catalog_status.py)
    with tempfile.TemporaryDirectory(prefix="flask01-pot-") as templates:
        session.run("sphinx-build", "-E", "-q", "-b", "gettext", "docs", templates)
        session.run(
            "python", os.path.join(ROOT, "tools", "catalog_status.py"), "--check", templates
        )
    site = os.path.join(out, "index.html")
    session.log(f"The site is built: open {site}")
    session.run("pytest", "-p", "no:cacheprovider", "tests/site", f"--site={out}", *session.posargs)
    # again, now that the site tests' output has pushed it up the screen
    session.log(f"The site is built and tested: open {site}")


@nox.session
def catalogs(session):
    """Bring the Chinese edition's catalogs (docs/locale/zh_CN/) in step
    with the English pages: extract every page's messages, then merge
    them into its .po (a changed paragraph becomes fuzzy, to translate
    again)."""
    _install(session, "docs")
    pot = os.path.join(ROOT, "docs", "_build", "gettext")
    session.run("sphinx-build", "-E", "-q", "-b", "gettext", "docs", pot)
    session.run("sphinx-intl", "update", "-p", pot, "-d", "docs/locale", "-l", "zh_CN")


@nox.session
def build(session):
    """Build the sdist and the wheel into dist/ and check what each holds
    (tools/check_dists.py); then install the wheel into a new virtual
    environment and smoke-test flask01 and flask01.modern there, from a
    folder outside this tree (tools/smoke_wheel.py)."""
    session.install("build>=1.2", "virtualenv>=20.31")
    dist = os.path.join(ROOT, "dist")
    for old in glob.glob(os.path.join(dist, "flask01-*")):
        os.remove(old)
    # the wheel is built from the sdist, so the sdist must be complete
    session.run("python", "-m", "build", "--outdir", dist, ROOT)
    session.run("python", os.path.join(ROOT, "tools", "check_dists.py"), dist)
    (wheel,) = glob.glob(os.path.join(dist, "flask01-*.whl"))
    with tempfile.TemporaryDirectory(prefix="flask01-wheel-") as away:
        env = os.path.join(away, "venv")
        session.run("python", "-m", "virtualenv", "--quiet", env)
        python = os.path.join(env, "Scripts" if os.name == "nt" else "bin", "python")
        pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
        session.run(*pip, "install", wheel, external=True)
        with session.chdir(away):
            # -I: neither this folder nor the script's is on sys.path
            smoke = os.path.join(ROOT, "tools", "smoke_wheel.py")
            session.run(python, "-I", smoke, external=True)


@nox.session
def bench(session):
    """Measure (bench/), print the ratio table and the targets with
    their intervals, write docs/benchmarks/ and add the run to its
    history; fails when a target is missed (``-- --strict``: or still
    undecided after the most rounds allowed).  ``-- --quick`` for a
    rough run."""
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


def _generated(session, harness, results, *args):
    """Run the generated differential cases of *harness*
    (tests/differential) with the session's ``--`` options (``--seed=N``,
    ``--cases=N``; or DIFF_SEED, DIFF_CASES); return the file that holds
    the verdict, judged by :func:`_judge_generated` after the scenarios'
    comparison, so that a run shows both reports."""
    verdict = os.path.join(results, "generated.verdict")
    if os.path.exists(verdict):
        os.remove(verdict)
    options = [arg for arg in session.posargs if arg.startswith("--")]
    session.run(
        "python",
        "-m",
        f"tests.differential.{harness}",
        *args,
        f"--workdir={os.path.join(results, 'generated')}",
        f"--verdict={verdict}",
        *options,
        success_codes=[0, 1],
    )
    return verdict


def _judge_generated(session, verdict):
    """Fail when the generated cases found differences, unless
    ``DIFF_REPORT_ONLY=1`` asks for the report alone (to see, say, what
    a new seed finds without stopping at it); CI runs both sessions
    without it, so the generated cases gate as the scenarios do."""
    if _read(verdict) == "passed":
        return
    if os.environ.get("DIFF_REPORT_ONLY") == "1":
        session.warn("The generated cases found differences (reported above; DIFF_REPORT_ONLY=1).")
        return
    session.error("The generated cases found differences: see their report above.")


@nox.session
def parity(session):
    """Compare flask01 with the original Flask 0.1, response for response:
    the scenarios, then generated request sequences (tests/differential).
    ``-- NAME ...`` replays only the scenarios named; ``-- --seed=N
    --cases=N`` sets the generated run."""
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
    scenarios = [arg for arg in session.posargs if not arg.startswith("--")]
    with open(original, "w") as out:
        session.run(
            python2,
            os.path.join(here, "driver.py"),
            "original",
            *scenarios,
            env={"PYTHONPATH": site},
            external=True,
            stdout=out,
        )
    with open(ours, "w") as out:
        session.run("python", os.path.join(here, "driver.py"), "flask01", *scenarios, stdout=out)
    generated = _generated(session, "parity", results, "--python2", python2, "--site", site)
    session.run(
        "python",
        os.path.join(here, "compare.py"),
        original,
        ours,
        os.path.join(ROOT, "docs", "deviations.rst"),
    )
    _judge_generated(session, generated)


@nox.session(python="3.11")
def modern_parity(session):
    """Compare flask01.modern with Flask 2.1.3, scenario trace for
    scenario trace; only the three documented fixes may differ.  Then
    generated request sequences (tests/differential): ``-- --seed=N
    --cases=N`` sets that run."""
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
    generated = _generated(session, "modern", results, "--upstream-site", site)
    session.run(
        "python",
        os.path.join(here, "compare.py"),
        upstream,
        ours,
        os.path.join(ROOT, "docs", "deviations.rst"),
    )
    _judge_generated(session, generated)


@nox.session(python="3.11")
@nox.parametrize("release", list(UPSTREAM_RELEASES))
def versions(session, release):
    """Run the characterization tests of the four upstream bugs against
    one Flask/Werkzeug release, and print which bugs it shows."""
    session.install("pytest", *UPSTREAM_RELEASES[release])
    here = os.path.join(ROOT, "tests", "upstream")
    session.run("python", os.path.join(here, "report.py"))
    # --noconftest: the suite's conftest imports flask01, which need not
    # run on the release under test; these tests import only upstream.
    session.run("pytest", "--noconftest", "-p", "no:cacheprovider", here)


@nox.session(python="3.11")
def upstream_suite(session):
    """Run Flask 2.1.3's own test suite on real Flask 2.1.3 (Werkzeug
    2.1.2: every test must pass), on flask01.modern with today's Werkzeug
    through an import shim, and, for the class (2) evidence, on real
    Flask 2.1.3 with Werkzeug 2.3 and with today's Werkzeug.  Fails when
    flask01.modern's outcomes differ from tests/upstream_suite/
    exclusions.toml.  ``-- ARGS`` go to the flask01.modern run only
    (``-- -k test_path_is_url --tb=short``)."""
    _install(session)
    session.install(*UPSTREAM_SUITE_DEPS)
    here = os.path.join(ROOT, "tests", "upstream_suite")
    venv = session.virtualenv.location
    # downloaded once, kept in the venv's folder: a rerun needs no network
    session.run("python", os.path.join(here, "fetch.py"), os.path.join(venv, "sdist"))
    sdist = os.path.join(venv, "sdist", "Flask-2.1.3")
    werkzeug = session.run(
        "python", "-c", "import importlib.metadata as m; print(m.version('werkzeug'))", silent=True
    ).split()[-1]
    click = [p for p in UPSTREAM_SUITE_DEPS if p.startswith("click")]
    sites = {
        "baseline": FLASK_21 + click,
        "werkzeug-2.3": ["Flask==2.1.3", WERKZEUG_23, *click],
        "werkzeug-3": ["Flask==2.1.3", f"Werkzeug=={werkzeug}", *click],
    }
    for name, packages in sites.items():
        _install_into(session, os.path.join(venv, f"site-{name}"), packages)
    results = os.path.join(venv, "results")
    os.makedirs(results, exist_ok=True)

    def run(name, site, *args):
        # the site (real Flask 2.1.3) before the venv's packages, and the
        # plugin folder (the import shim and the outcome recorder)
        pythonpath = [os.path.join(venv, f"site-{site}")] if site else []
        outcomes = os.path.join(results, name + ".json")
        if os.path.exists(outcomes):
            os.remove(outcomes)
        session.log(f"Flask 2.1.3's tests: {name}")
        with session.chdir(sdist):
            session.run(
                "python",
                "-m",
                "pytest",
                "-c",
                "setup.cfg",
                "-p",
                "no:cacheprovider",
                "-p",
                "upstream_suite_plugin",
                f"--outcomes={outcomes}",
                "--continue-on-collection-errors",
                "-q",
                "--tb=no",
                "-rN",
                *args,
                "tests",
                env={"PYTHONPATH": os.pathsep.join([*pythonpath, here])},
                # 1: some tests failed; check.py judges which may
                success_codes=[0, 1],
            )

    run("baseline", "baseline")
    # Werkzeug 2.3 deprecates what Flask 2.1.3 uses, and the suite makes
    # every warning an error: only the behaviour is compared there.
    run("werkzeug-2.3", "werkzeug-2.3", "-W", "ignore::DeprecationWarning")
    run("werkzeug-3", "werkzeug-3", "--werkzeug-2-names")
    run("flask01.modern", None, "--flask-is=flask01.modern", *session.posargs)
    session.run(
        "python",
        os.path.join(here, "check.py"),
        os.path.join(here, "exclusions.toml"),
        *(os.path.join(results, f"{name}.json") for name in ("baseline", "flask01.modern")),
        *(
            f"{name}={os.path.join(results, name + '.json')}"
            for name in ("werkzeug-2.3", "werkzeug-3")
        ),
        *(["--partial"] if session.posargs else []),
    )
    if not session.posargs:
        _run_the_tutorial(session, sdist, here, results)


#: how many tests Flask 2.1.3's tutorial (examples/tutorial) has
TUTORIAL_TESTS = 24


def _run_the_tutorial(session, sdist, shim, results):
    """Run Flask 2.1.3's tutorial, flaskr, unchanged on flask01.modern
    (``import flask`` resolves to it through the suite's shim), with its
    own tests: every one of them must pass."""
    tutorial = os.path.join(sdist, "examples", "tutorial")
    outcomes = os.path.join(results, "tutorial.json")
    session.log("Flask 2.1.3's tutorial on flask01.modern")
    with session.chdir(tutorial):
        session.run(
            "python",
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-p",
            "upstream_suite_plugin",
            f"--outcomes={outcomes}",
            "--flask-is=flask01.modern",
            "-W",
            "error",
            "-q",
            "tests",
            env={"PYTHONPATH": os.pathsep.join([tutorial, shim])},
        )
    with open(outcomes, encoding="utf-8") as f:
        tests = json.load(f)["tests"]
    passed = sum(test["outcome"] == "passed" for test in tests.values())
    if passed != TUTORIAL_TESTS or len(tests) != TUTORIAL_TESTS:
        session.error(f"the tutorial passed {passed} of {len(tests)}; {TUTORIAL_TESTS} expected")
    session.log(f"the tutorial: {passed} of {TUTORIAL_TESTS} passed on flask01.modern")
    session.log("the tutorial served by the flask01 command on 127.0.0.1:")
    session.run("python", os.path.join(shim, "serve_tutorial.py"), tutorial)


@nox.session(python="3.11")
def tracing_tutorial(session):
    """Run the tracer's tests on Flask 2.1.3's tutorial (tests/
    test_tracing.py, ``-k tutorial``): they need the Flask 2.1.3 sdist,
    which the tests session never downloads and so skips them.  The sdist
    is fetched once into this session's folder."""
    _install(session, "test")
    sdist = os.path.join(session.virtualenv.location, "sdist")
    session.run("python", os.path.join(ROOT, "tests", "upstream_suite", "fetch.py"), sdist)
    session.run(
        "pytest",
        "-p",
        "no:cacheprovider",
        "tests/test_tracing.py",
        "-k",
        "tutorial",
        "-rs",
        env={"FLASK_2_1_3_SDIST": os.path.join(sdist, "Flask-2.1.3")},
    )


#: the mutation tester, pinned: its results and their format are read by
#: tools/mutation_report.py
MUTMUT = "mutmut==3.8.1"


@nox.session(python="3.11")
def mutation(session):
    """Mutation testing: mutmut changes the modules that [tool.mutmut] in
    pyproject.toml lists, one small change (a mutant) at a time, and runs
    the tests that reach the changed function; a mutant the tests do not
    notice survives.  Prints the score of each module
    (tools/mutation_report.py; tools/mutation_equivalent.txt lists the
    survivors that change no behaviour, and why).

    It runs on a copy of the tree (.nox/mutation-tree), so the work tree
    is never changed, with one worker (``-- N`` for N; ``-- 1 PATTERN...``
    runs only the mutants whose names match, ``"flask01._shared*"``, say).
    Slow: docs/mutation.rst gives its time; it is not part of CI.  A second
    run reuses what the first found for unchanged functions."""
    session.install(
        MUTMUT,
        *PYPROJECT["project"]["dependencies"],
        *nox.project.dependency_groups(PYPROJECT, "test"),
    )
    # flask01 itself is not installed: the tests import mutmut's mutated
    # copy from the folder they run in, which lies outside the virtual
    # environment (a package inside it counts as installed, and gets an
    # installed application's instance folder)
    tree = os.path.join(ROOT, ".nox", "mutation-tree")
    mutants = os.path.join(tree, "mutants")
    previous = os.path.join(ROOT, ".nox", "mutation-previous")
    if os.path.isdir(mutants):
        shutil.rmtree(previous, ignore_errors=True)
        shutil.move(mutants, previous)
    shutil.rmtree(tree, ignore_errors=True)
    shutil.copytree(
        ROOT,
        tree,
        ignore=shutil.ignore_patterns(
            ".git", ".nox", ".venv-nox", "mutants", "_build", "__pycache__", "*.egg-info", "dist"
        ),
    )
    if os.path.isdir(previous):
        shutil.move(previous, mutants)
    workers, *names = session.posargs or ["1"]
    with session.chdir(tree):
        session.run("mutmut", "run", "--max-children", workers, *names)
        session.run("python", os.path.join(ROOT, "tools", "mutation_report.py"), "mutants")
