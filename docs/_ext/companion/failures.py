"""Problems that fail the build with or without ``-W``.

A page that would show something untrue (code that changed under its
commentary, a transcript whose output the code no longer prints, a
trace that raised) must not be published, even by a plain
``sphinx-build`` run without ``-W``.  Each such problem is reported
where it is, as usual, and also recorded here; when the build ends,
any recorded problem turns its exit status into a failure.
"""

from sphinx.util import logging

logger = logging.getLogger(__name__)


def record(env, problem):
    """Remember *problem*, found while reading the current page."""
    _recorded(env).setdefault(env.docname, []).append(problem)


def _recorded(env):
    if not hasattr(env, "companion_failures"):
        env.companion_failures = {}
    return env.companion_failures


def purge(app, env, docname):
    _recorded(env).pop(docname, None)


def fail_the_build(app, exception):
    if exception is None and any(_recorded(app.env).values()):
        count = sum(len(p) for p in _recorded(app.env).values())
        logger.error(f"{count} page(s) would not tell the truth (see above): the build fails")
        app.statuscode = 1


def setup(app):
    app.connect("env-purge-doc", purge)
    app.connect("build-finished", fail_the_build)
