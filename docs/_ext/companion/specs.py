"""The test suite read as a specification.

Tests are named for the behaviour they prove (``test_auto_pop_keeps_the_
context_after_an_error``), so their names, with their docstrings, are a
specification of flask01.  The ``specifications`` directive lists them
all, one anchor each; :mod:`.registry` links every API entry to the tests
that prove it.  Nothing is run here: the suite is read with :mod:`ast`.

A test proves an object when it says so, with
``@pytest.mark.proves("flask01.modern.Flask.run")``, or when it is named
for it: its name holds the object's name as whole words (a class's in
snake case) and its code uses that name (a method or attribute as an
attribute, ``app.run``), and
a member whose name another documented class shares (``name``, ``copy``)
is only claimed by a test whose name also names its class
(:func:`proving`).  A test that merely mentions a word is not listed:
``test_before_request_functions_run_in_registration_order`` proves
``before_request``, not ``Flask.run``.
"""

import ast
import dataclasses
import glob
import os
import re

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


@dataclasses.dataclass(frozen=True)
class Spec:
    """One test function."""

    path: str  # relative to the repository, e.g. tests/modern/test_api.py
    name: str  # test_..., or TestClass.test_...
    line: int
    doc: str
    #: which package it tests: "flask01", "flask01.modern", or "" (neither:
    #: the upstream packages, or the docs site)
    package: str
    #: every name and attribute the test mentions
    mentions: frozenset
    #: the attributes among them (``run`` for ``app.run``)
    attributes: frozenset = frozenset()
    #: what its ``@pytest.mark.proves(...)`` markers name
    proves: tuple = ()

    @property
    def anchor(self):
        return "spec-" + re.sub(r"[^a-z0-9]+", "-", f"{self.path}-{self.name}".lower()).strip("-")

    @property
    def sentence(self):
        """The behaviour the test proves, in words."""
        if self.doc:
            return self.doc.strip().split("\n\n")[0].replace("\n", " ")
        words = self.name.split(".")[-1].removeprefix("test_").replace("_", " ")
        return words[:1].upper() + words[1:] + "."


def suite_files(root):
    """The test files in ``tests/`` and ``examples/``."""
    return sorted(
        glob.glob(os.path.join(root, "tests", "**", "test_*.py"), recursive=True)
        + glob.glob(os.path.join(root, "examples", "**", "test_*.py"), recursive=True)
    )


def read_suite(root):
    """Every test in ``tests/`` and ``examples/``, file by file."""
    suite = {}
    for path in suite_files(root):
        rel = os.path.relpath(path, root).replace(os.sep, "/")
        with open(path, encoding="utf-8") as f:
            tree = ast.parse(f.read())
        suite[rel] = (ast.get_docstring(tree) or "", list(_tests_in(tree, rel)))
    return suite


def _tests_in(tree, rel):
    package = _package_under_test(tree, rel)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
            yield _spec(node, node.name, rel, package)
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and item.name.startswith("test_"):
                    yield _spec(item, f"{node.name}.{item.name}", rel, package)


def _spec(node, name, rel, package):
    mentions, attributes = set(), set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name):
            mentions.add(n.id)
        elif isinstance(n, ast.Attribute):
            mentions.add(n.attr)
            attributes.add(n.attr)
    return Spec(
        rel,
        name,
        node.lineno,
        ast.get_docstring(node) or "",
        package,
        frozenset(mentions),
        frozenset(attributes),
        tuple(_marked_as_proving(node)),
    )


def _marked_as_proving(node):
    """The names in ``@pytest.mark.proves("...", ...)`` above *node*."""
    for decorator in node.decorator_list:
        if (
            isinstance(decorator, ast.Call)
            and isinstance(decorator.func, ast.Attribute)
            and decorator.func.attr == "proves"
        ):
            for arg in decorator.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


def _package_under_test(tree, rel):
    if rel.startswith("tests/upstream/"):
        return ""  # these run the real Flask and Werkzeug
    if rel.startswith("tests/site/"):
        return ""  # these test the docs site; a `session` there is a directive
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module)
            imported.update(f"{node.module}.{a.name}" for a in node.names)
    if any(name.startswith("flask01.modern") for name in imported):
        return "flask01.modern"
    return "flask01"


def proving(suite, documented_name, limit=5, documented=()):
    """The tests that prove *documented_name*, at most *limit*, and how
    many more there are: those marked as proving it first, then those
    named for it (see the module's docstring).  *documented* is every
    documented name, to tell which members' names are shared."""
    package = _package_of(documented_name)
    *owner_path, short = documented_name.split(".")
    owner = owner_path[-1] if owner_path[-1][:1].isupper() else None
    shared = owner is not None and any(
        other != documented_name
        and other.rsplit(".", 1)[-1] == short
        and other.split(".")[-2][:1].isupper()
        and _package_of(other) == package
        for other in documented
    )
    # names that hold this one as words (``request_context`` holds
    # ``request``): a test named for the longer one is not named for it
    words = _as_words(short)
    longer = {
        _as_words(other.rsplit(".", 1)[-1]) for other in documented if _package_of(other) == package
    }
    longer = {name for name in longer if name != words and re.search(_words(words), name)}
    marked, named = [], []
    for _, specs in suite.values():
        for spec in specs:
            if documented_name in spec.proves:
                marked.append(spec)
            elif spec.package == package and _named_for(spec, short, owner, shared, longer):
                named.append(spec)
    ranked = marked + named
    return ranked[:limit], len(ranked) - min(limit, len(ranked))


def _package_of(documented_name):
    return "flask01.modern" if documented_name.startswith("flask01.modern") else "flask01"


def _as_words(short):
    """How a test's name says *short*: ``run`` as ``run``, a class
    ``RequestContext`` as ``request_context``."""
    short = short.strip("_")
    return _snake(short) if short[:1].isupper() else short


def _words(name):
    return rf"(^|_){re.escape(name)}(_|$)"


def _snake(name):
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


#: what tests call an owner besides its own name in snake case
_OWNER_WORDS = {"Flask": ("app", "application", "flask")}


#: words that name the library in a test's name (real Flask, ``FLASK_DEBUG``),
#: not the class spelled the same: only a marker claims a test for it
_LIBRARY_WORDS = {"flask"}


def _named_for(spec, short, owner, shared, longer):
    words = _as_words(short)
    if short.startswith("__") or not words or words in _LIBRARY_WORDS:
        return False  # ``__call__`` and the like: only a marker says so
    test_name = spec.name.split(".")[-1].removeprefix("test")
    # the places the words stand in the name, less those inside a longer name's
    spans = [m.span(2) for m in re.finditer(rf"(^|_)({re.escape(words)})(?=_|$)", test_name)]
    taken = [
        m.span(2)
        for name in longer
        for m in re.finditer(rf"(^|_)({re.escape(name)})(?=_|$)", test_name)
    ]
    if not any(all(not (a <= start and end <= b) for a, b in taken) for start, end in spans):
        return False
    if short not in (spec.attributes if owner else spec.mentions):
        return False  # named with the word, but never uses the object
    if shared:
        owner_words = (_snake(owner), *_OWNER_WORDS.get(owner, ()))
        return any(re.search(_words(w), test_name) for w in owner_words)
    return True


class SpecificationsDirective(SphinxDirective):
    """Lists every test, file by file, under its file's docstring."""

    def run(self):
        root = os.path.dirname(self.env.srcdir)
        self.env.companion_specs_doc = self.env.docname
        # the page is read again when a test file changes, and (see
        # new_or_removed_tests) when one is added or removed
        suite = read_suite(root)
        self.env.companion_specs_files = suite_files(root)
        for path in self.env.companion_specs_files:
            self.env.note_dependency(path)
        result = []
        for rel, (doc, specs) in suite.items():
            if not specs:
                continue
            section = nodes.section(ids=["file-" + re.sub(r"[^a-z0-9]+", "-", rel.lower())])
            section += nodes.title(rel, rel)
            if doc:
                section += nodes.paragraph(text=doc.split("\n\n")[0].replace("\n", " "))
            items = nodes.bullet_list(classes=["companion-specs"])
            for spec in specs:
                item = nodes.list_item(ids=[spec.anchor])
                para = nodes.paragraph()
                para += nodes.literal(spec.name, spec.name)
                para += nodes.Text(f" (line {spec.line}): {spec.sentence}")
                item += para
                items += item
            section += items
            result.append(section)
        return result


def new_or_removed_tests(app, env, added, changed, removed):
    """The specifications page, when a test file was added or removed
    since it was read (a changed one is a dependency of the page)."""
    doc = getattr(env, "companion_specs_doc", None)
    if doc is None or doc in changed or doc in removed:
        return []
    if suite_files(os.path.dirname(env.srcdir)) == getattr(env, "companion_specs_files", None):
        return []
    return [doc]


def setup(app):
    app.add_directive("specifications", SpecificationsDirective)
    app.connect("env-get-outdated", new_or_removed_tests)
