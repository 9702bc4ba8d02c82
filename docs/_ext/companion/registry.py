"""Which chapter reads which object, and the links that follow from it.

Every ``source`` directive records the lines it shows.  Objects are
compared by where their code is (file and line range), not by name, so
that ``flask01.modern.Flask`` and ``flask01.modern.app.Flask`` are one
object, and reading a whole class reads each of its methods.

Two things are built from the record once every page has been read:

* under each API entry, a line with the chapters that read the object
  and the tests that prove it (:func:`add_backlinks`);
* the check that every object in the API reference is read in some
  chapter (:func:`check_every_object_is_read`), a build error otherwise.
"""

import importlib
import inspect
import os
import weakref

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging

from . import specs
from .locate import NotFound, locate

logger = logging.getLogger(__name__)


def _reads(env):
    if not hasattr(env, "companion_reads"):
        env.companion_reads = {}
    return env.companion_reads


def record_read(env, located, head=False):
    """Remember that the current page shows *located*; return the anchor
    id of the place, for links back to it."""
    reads = _reads(env).setdefault(env.docname, [])
    anchor = f"read-{located.name.replace('.', '-').replace('_', '-')}-{len(reads)}"
    reads.append(
        {
            "name": located.name,
            "path": located.path,
            "first": located.first_line,
            "last": located.last_line,
            "anchor": anchor,
            # a class's head reads the class itself, not its methods
            "head": head,
        }
    )
    return anchor


def purge(app, env, docname):
    _reads(env).pop(docname, None)


def _places_reading(env, located):
    """(docname, anchor) of every place whose code contains *located*."""
    for docname, reads in sorted(_reads(env).items()):
        for read in reads:
            if read["path"] != located.path:
                continue
            inside = read["first"] <= located.first_line and located.last_line <= read["last"]
            same_start = read["head"] and read["first"] == located.first_line
            if inside or same_start:
                yield docname, read["anchor"]


def _documented_flask01_objects(env):
    for name, entry in env.get_domain("py").objects.items():
        if name.startswith("flask01") and entry.objtype != "module" and not entry.aliased:
            yield name, entry


def check_every_object_is_read(app, env):
    """Warn (an error under -W) for every public name missing from the
    API reference, and every API object no chapter reads."""
    objects = env.get_domain("py").objects
    if not any(name.startswith("flask01") for name in objects):
        return  # a project that does not document flask01 (the tests' scratch ones)
    for public in _public_names():
        if public not in objects:
            logger.warning(f"{public} is public (in __all__) but not in the API reference")
    unread = []
    for name in sorted(name for name, _ in _documented_flask01_objects(env)):
        try:
            located = locate(name)
        except NotFound:
            logger.warning(f"{name} is in the API reference but its source cannot be found")
            continue
        if not any(_places_reading(env, located)):
            unread.append(name)
    for name in unread:
        logger.warning(
            f"{name} is in the API reference but no chapter reads it: "
            "show it (or the class around it) with a `source` directive",
            type="companion",
            subtype="unread",
        )


def _public_names():
    """``__all__`` of both packages, less what they re-export unchanged
    from Werkzeug and MarkupSafe (documented there, linked from here)."""
    for package in ("flask01", "flask01.modern"):
        module = importlib.import_module(package)
        for name in module.__all__:
            obj = vars(module)[name]
            home = (
                getattr(obj, "__module__", "")
                if inspect.isroutine(obj) or inspect.isclass(obj)
                else ""
            )
            if home and not home.startswith("flask01"):
                continue
            yield f"{package}.{name}"


def add_backlinks(app, doctree, docname):
    """Under every flask01 API entry on this page: "Read in" the chapters
    that show it, "Proved by" the tests that prove it (marked so, or
    named for it and using it: :func:`.specs.proving`)."""
    env = app.env
    suite = _suite(app)
    for desc in doctree.findall(addnodes.desc):
        if desc.get("domain") != "py":
            continue
        signature = next(iter(desc.findall(addnodes.desc_signature)), None)
        name = _full_name(signature)
        if not name or not name.startswith("flask01"):
            continue
        content = next(iter(desc.findall(addnodes.desc_content)), None)
        line = _backlink_line(app, env, docname, name, suite)
        if content is not None and line is not None:
            content += line


def _full_name(signature):
    if signature is None:
        return None
    module, fullname = signature.get("module"), signature.get("fullname")
    return f"{module}.{fullname}" if module and fullname else None


def _backlink_line(app, env, docname, name, suite):
    try:
        located = locate(name)
    except NotFound:
        return None
    line = nodes.paragraph(classes=["companion-backlinks"])
    places = list(_places_reading(env, located))
    if places:
        line += nodes.strong("", "Read in: ")
        for i, (chapter, anchor) in enumerate(places):
            if i:
                line += nodes.Text(", ")
            title = env.titles[chapter].astext() if chapter in env.titles else chapter
            uri = app.builder.get_relative_uri(docname, chapter) + "#" + anchor
            line += nodes.reference("", title, refuri=uri, internal=True)
    tests, more = specs.proving(suite, name, documented=_documented_names(app))
    specs_doc = getattr(env, "companion_specs_doc", None)
    if tests and specs_doc:
        if places:
            line += nodes.Text(". ")
        line += nodes.strong("", "Proved by: ")
        for i, spec in enumerate(tests):
            if i:
                line += nodes.Text(", ")
            uri = app.builder.get_relative_uri(docname, specs_doc) + "#" + spec.anchor
            label = nodes.literal(spec.name, spec.name)
            line += nodes.reference("", "", label, refuri=uri, internal=True)
        if more:
            line += nodes.Text(f" and {more} more")
    return line if len(line) else None


def _documented_names(app):
    """Every documented flask01 name, read once per build: backlinks are
    added after every page was read, when the set is complete."""
    if app not in _DOCUMENTED:
        _DOCUMENTED[app] = frozenset(name for name, _ in _documented_flask01_objects(app.env))
    return _DOCUMENTED[app]


def _suite(app):
    """The test suite's specifications, read once per build."""
    if app not in _SUITE:
        _SUITE[app] = specs.read_suite(os.path.dirname(app.srcdir))
    return _SUITE[app]


#: what :func:`_documented_names` and :func:`_suite` read, per build (the
#: Sphinx application), kept here rather than as attributes of the
#: application, which belongs to Sphinx
_DOCUMENTED = weakref.WeakKeyDictionary()
_SUITE = weakref.WeakKeyDictionary()


def pages_with_backlinks(app, env):
    """Every page with flask01 API entries, to be written again on every
    build: its "Read in" and "Proved by" lines come from the chapters
    and the tests, which may have changed when the page did not."""
    return sorted({entry.docname for _, entry in _documented_flask01_objects(env)})


def setup(app):
    app.connect("env-get-updated", pages_with_backlinks)
    app.connect("env-purge-doc", purge)
    app.connect("env-check-consistency", check_every_object_is_read)
    app.connect("doctree-resolved", add_backlinks)
