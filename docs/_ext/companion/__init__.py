"""The reading companion's Sphinx extension.

The chapters in ``annotated/`` never paste code.  They name the objects
they read, and this extension makes the page from the live source:

``source`` (:mod:`.source`)
    shows an object's code, found by its dotted name, with every name in
    it linked to its API entry or to its library's documentation, and
    fails the build when the code changed since the chapter was pinned
    to it (the drift guard, :mod:`.pins`);
``session`` (:mod:`.running`)
    runs a ``>>>`` transcript when the site is built and fails the build
    when the output differs;
``trace`` and ``stacks`` (:mod:`.running`, :mod:`.diagrams`)
    run a request under the package's own tracer (:mod:`flask01.tracing`,
    the one readers use) and draw what happened: the calls it made, and
    the context stacks as they grew and shrank;
``specifications`` (:mod:`.specs`)
    lists the test suite as the specification it is;
``upstream``, ``issue`` and ``pull`` (:mod:`.citations`)
    cite a release of Flask, Werkzeug or Jinja for a claim about it, and
    check the claim against that release's code; a paragraph that names
    a release without citing it fails the build;
``overview`` (:mod:`.overview`)
    draws one request's whole path through both versions, side by side,
    from a request traced when the site is built;
``beside`` (:mod:`.beside`)
    holds flask01's module against the original ``flask.py``, object by
    object, as diffs; the original is downloaded from the package
    registry into a cache at build time, never kept in this repository.

A ``container`` with the class ``companion-generated`` (:mod:`.generated`)
holds generated output, which no edition translates.

:mod:`.registry` remembers which chapter reads which object, adds
"read in" and "tested by" links under every API entry, and fails the
build when a public object is read in no chapter.
"""

import hashlib
import pathlib


def _own_version():
    """A number that changes with this extension's code.  Sphinx reads
    every page again when an extension's ``env_version`` changed: the
    pages this extension made are only right for the code that made them.
    (The code the pages show is another matter: each directive records
    the files it read or ran as the page's dependencies.)"""
    digest = hashlib.sha256()
    for path in sorted(pathlib.Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return int(digest.hexdigest()[:8], 16) + 1  # 0 would mean "no version"


def setup(app):
    # Imported here, not at the top, so that :mod:`.locate` and :mod:`.pins`
    # can be used without Sphinx (the re-pinning command does).
    from . import beside, citations, failures, generated, overview, registry, running, source, specs

    failures.setup(app)
    source.setup(app)
    running.setup(app)
    specs.setup(app)
    registry.setup(app)
    citations.setup(app)
    beside.setup(app)
    overview.setup(app)
    generated.setup(app)
    return {
        "version": "1",
        "env_version": _own_version(),
        "parallel_read_safe": False,
        "parallel_write_safe": True,
    }
