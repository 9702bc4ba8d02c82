"""A pytest plugin for running Flask 2.1.3's own test suite, loaded with
``-p upstream_suite_plugin`` (this folder on ``PYTHONPATH``).

``--outcomes=FILE``
    Write every test's outcome to FILE as JSON: its node id, ``passed``,
    ``failed``, ``error`` (setup or teardown failed), ``skipped``,
    ``xfailed`` or ``xpassed``, and the failure's message; every module
    that could not be collected, with the error; and which ``flask`` and
    which Werkzeug ran.  ``check.py`` judges these files.

``--flask-is=PACKAGE``
    Make ``import flask`` give PACKAGE, and ``import flask.X`` give
    ``PACKAGE.X`` (the same module objects, not copies), before the suite's
    conftest is imported.  A submodule PACKAGE does not have fails to
    import as it would in a package without it: ``No module named
    'flask.X'``.  Nothing of the downloaded suite is edited.

    One thing is bent, and only for the suite's own modules: a name that a
    test module imports at its top with ``from flask... import NAME`` and
    that PACKAGE lacks (``from flask import appcontext_popped``, ``from
    flask.cli import ScriptInfo``) is bound to a stand-in that raises
    :class:`Missing` as soon as a test uses it.  Unbent, one missing name
    would stop the whole module from being collected, and with it every
    test of a feature PACKAGE does have (``test_testing.py`` tests the
    test client, and imports the CLI and the signals at its top).  Bent,
    the tests that use the name fail with ``Missing: flask01.modern has no
    flask.cli.ScriptInfo``, and the others run.  Imports inside a test, and
    everything PACKAGE itself imports, fail as they naturally would.

``--werkzeug-2-names``
    For real Flask 2.1.3 on Werkzeug 3: put back the three Werkzeug 2
    names it needs (see :func:`_werkzeug_2_names`), to show that a test
    fails on Werkzeug 3 whoever implements Flask.
"""

import builtins
import importlib
import importlib.abc
import importlib.machinery
import importlib.metadata
import importlib.util
import json
import os
import sys

import pytest
from flask_alias import ALIAS, AliasFinder


class Missing(NotImplementedError):
    """A test used a name that the package under test lacks."""


class _StandIn:
    """What a test module's top-level ``from flask... import NAME`` binds
    when NAME is missing: any use raises :class:`Missing`."""

    def __init__(self, name, package):
        object.__setattr__(self, "_name", name)
        object.__setattr__(self, "_package", package)

    def _fail(self, *args, **kwargs):
        raise Missing(f"{self._package} has no {self._name}")

    def __getattr__(self, name):
        if name.startswith("_"):  # hasattr() and introspection: just absent
            raise AttributeError(f"{self._package} has no {self._name} (nor its {name})")
        self._fail()

    __call__ = __getitem__ = __iter__ = __enter__ = __bool__ = _fail
    __setattr__ = __mro_entries__ = __eq__ = _fail
    __hash__ = object.__hash__

    def __repr__(self):
        return f"<missing {self._name}>"


class _Lenient:
    """A module seen through a test module's top-level ``from ... import``:
    names it lacks are stand-ins."""

    def __init__(self, module, name, package):
        self._module, self._name, self._package = module, name, package

    def __getattr__(self, attr):
        try:
            return getattr(self._module, attr)
        except AttributeError:
            return _StandIn(f"{self._name}.{attr}", self._package)


def _lenient_import(package, suite_dir):
    original = builtins.__import__

    def __import__(name, globals=None, locals=None, fromlist=(), level=0):
        top_level_of_suite_module = (
            fromlist
            and level == 0
            and (name == ALIAS or name.startswith(ALIAS + "."))
            and globals is not None
            and locals is globals
            and str(globals.get("__file__", "")).startswith(suite_dir)
        )
        if not top_level_of_suite_module:
            return original(name, globals, locals, fromlist, level)
        try:
            module = original(name, globals, locals, fromlist, level)
        except ModuleNotFoundError as e:
            if not (e.name == ALIAS or str(e.name).startswith(ALIAS + ".")):
                raise
            module = None
        return _Lenient(module, name, package)

    builtins.__import__ = __import__


def pytest_addoption(parser):
    group = parser.getgroup("upstream suite (flask01)")
    group.addoption("--outcomes", metavar="FILE", help="write every test's outcome to FILE")
    group.addoption("--flask-is", metavar="PACKAGE", help="import PACKAGE for flask")
    group.addoption(
        "--werkzeug-2-names",
        action="store_true",
        help="give the real Flask 2.1.3 the three Werkzeug 2 names it needs to import "
        "and build its test client on Werkzeug 3",
    )


def _werkzeug_2_names():
    """Real Flask 2.1.3 on Werkzeug 3, for showing that a test fails there
    too.  Flask 2.1.3 needs three names Werkzeug 3 removed: it imports
    ``werkzeug.urls.url_quote`` (``url_for``'s ``_anchor``) and
    ``url_parse`` (its ``EnvironBuilder``), and its test client reads
    ``werkzeug.__version__`` (gone in 3.1) for its User-Agent.  They are
    put back as Flask sees them, with the standard library's equivalents;
    ``werkzeug.__version__`` only inside ``flask.testing``, so that a test
    that reads it itself still meets today's Werkzeug."""
    import functools
    import types
    import urllib.parse

    import werkzeug
    import werkzeug.urls

    werkzeug.urls.url_quote = functools.partial(urllib.parse.quote, safe="/:")
    werkzeug.urls.url_parse = urllib.parse.urlsplit
    import flask.testing

    class WerkzeugAsFlaskTestingSeesIt(types.ModuleType):
        __version__ = importlib.metadata.version("werkzeug")

        def __getattr__(self, name):
            return getattr(werkzeug, name)

    flask.testing.werkzeug = WerkzeugAsFlaskTestingSeesIt("werkzeug")


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    if early_config.known_args_namespace.werkzeug_2_names:
        _werkzeug_2_names()
    package = early_config.known_args_namespace.flask_is
    if package:
        if any(name == ALIAS or name.startswith(ALIAS + ".") for name in sys.modules):
            raise pytest.UsageError("flask was imported before the alias could be set up")
        sys.meta_path.insert(0, AliasFinder(package))
        _lenient_import(package, str(early_config.rootpath) + os.sep)


#: a worse outcome replaces a better one, phase by phase
_RANK = {"passed": 0, "skipped": 1, "xfailed": 1, "xpassed": 2, "failed": 3, "error": 3}


class Outcomes:
    def __init__(self, path):
        self.path = path
        self.tests = {}
        self.collect_errors = {}

    def pytest_collectreport(self, report):
        if report.failed:
            self.collect_errors[report.nodeid] = _summary(report)

    def pytest_runtest_logreport(self, report):
        if report.when == "call":
            if hasattr(report, "wasxfail"):
                outcome = "xfailed" if report.skipped else "xpassed"
            else:
                outcome = report.outcome
        elif report.failed:
            outcome = "error"
        elif report.skipped:
            outcome = "skipped"
        else:
            outcome = "passed"
        entry = self.tests.setdefault(report.nodeid, {"outcome": "passed", "message": ""})
        if _RANK[outcome] > _RANK[entry["outcome"]]:
            entry["outcome"] = outcome
            entry["message"] = _summary(report) if outcome != "xfailed" else ""

    def pytest_sessionfinish(self, session):
        flask = sys.modules.get(ALIAS)
        ran = {
            "flask": getattr(flask, "__name__", None),
            "werkzeug": importlib.metadata.version("werkzeug"),
        }
        if ran["flask"] == ALIAS:
            ran["flask"] += " " + importlib.metadata.version("flask")
        with open(self.path, "w", encoding="utf-8") as f:
            json.dump(
                {"ran": ran, "tests": self.tests, "collect_errors": self.collect_errors},
                f,
                indent=1,
                ensure_ascii=False,
            )


def _summary(report):
    """The first line of what went wrong: the exception, or the skip reason."""
    longrepr = report.longrepr
    if longrepr is None:
        return ""
    if isinstance(longrepr, tuple):  # a skip: (file, line, reason)
        return str(longrepr[2])
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        return crash.message.strip()
    lines = [line for line in str(longrepr).splitlines() if line.startswith("E ")]
    return lines[-1][1:].strip() if lines else str(longrepr).strip().splitlines()[-1]


def pytest_configure(config):
    path = config.getoption("outcomes")
    if path:
        config.pluginmanager.register(Outcomes(path), "upstream_suite_outcomes")
