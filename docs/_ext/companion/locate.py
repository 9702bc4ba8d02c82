"""Find an object's source by its dotted name.

``inspect.getsource`` works for functions and classes only, and loses
the ``#:`` comments above an attribute.  The chapters also read module
data (``request = LocalProxy(...)``) and class attributes, so objects
are found in the module's syntax tree instead: the definition whose name
matches, with its decorators and the comment lines right above it.
"""

import ast
import builtins
import dataclasses
import functools
import hashlib
import importlib
import importlib.util
import inspect
import os
import sys
import textwrap
import types


class NotFound(LookupError):
    """The dotted name names nothing whose source can be shown."""

    #: the files read before giving up (set by :func:`locate`)
    read_files = ()


@dataclasses.dataclass
class Located:
    """One object's source, and what the linker needs to read it."""

    #: the name the chapter used, e.g. ``flask01.modern.Flask.wsgi_app``
    name: str
    #: the module the code lives in (re-exports are followed)
    module: object
    #: the file, and the line numbers of its first and last line
    path: str
    first_line: int
    last_line: int
    #: the lines exactly as in the file (the drift guard hashes these)
    raw: str
    #: the enclosing class, for resolving ``self.name``; None outside one
    owner: object
    #: names bound inside the object (arguments, assignments): never links
    local_names: frozenset
    #: every file whose text decided what is shown: the file the code is
    #: in, and those of the modules the name was followed through (a
    #: re-export).  A page showing the code depends on each of them.
    read_files: tuple = ()

    @property
    def text(self):
        """The code dedented for display."""
        return textwrap.dedent(self.raw)

    @property
    def fingerprint(self):
        """A short hash of the code: what a chapter pins itself to."""
        return hashlib.sha256(self.raw.encode("utf-8")).hexdigest()[:12]

    def resolve(self, dotted):
        """The Python object that *dotted* (a name as written in this
        code, like ``self.view_functions`` or ``os.path.join``) refers to,
        or None when it is a local name or cannot be followed."""
        head, *rest = dotted.split(".")
        if head in self.local_names and head != "self":
            return None
        if head in ("self", "cls"):
            if self.owner is None:
                return None
            obj = self.owner
        elif head in vars(self.module):
            obj = vars(self.module)[head]
        elif hasattr(builtins, head):
            obj = getattr(builtins, head)
        else:
            return None
        for name in rest:
            if not is_namespace(obj):
                return None
            try:
                obj = inspect.getattr_static(obj, name)
            except AttributeError:
                return None
        return obj


def is_namespace(obj):
    """Whether names can be looked up on *obj*: a module or a class.

    Only ``type(obj)`` is asked: ``isinstance`` would consult
    ``obj.__class__``, which a context-local proxy such as ``request``
    forwards, and raises outside a request."""
    return issubclass(type(obj), (types.ModuleType, type))


def locate(dotted, head=False):
    """Return the :class:`Located` source of *dotted*, or raise NotFound.

    With *head*, a class is cut before its first method: the class
    statement, its docstring and its attributes, read as one unit.

    A NotFound carries ``read_files`` too: the files that were read
    before the name was given up on, where it may yet appear."""
    read = []
    try:
        located = _locate(dotted, head, read)
    except NotFound as exc:
        exc.read_files = tuple(dict.fromkeys(read))
        raise
    return dataclasses.replace(located, read_files=tuple(dict.fromkeys(read)))


def _locate(dotted, head, read):
    """:func:`locate`, appending every file it reads to the list *read*."""
    module, rest = _import_longest_prefix(dotted)
    named_in = _source_file(module)
    module, rest = _follow_reexport(module, rest)
    path = inspect.getsourcefile(module)
    read.extend(file for file in (named_in, path) if file)
    source, tree = _parsed(path, os.stat(path).st_mtime_ns)
    imported_from = _imported_from(tree, module, rest[0] if rest else None)
    if imported_from:
        # data re-exported by an import (``from .globals import request``)
        return _locate(".".join([imported_from, *rest[1:]]), head, read)
    node, owner = _find_definition(tree, rest, module, dotted)
    lines = source.splitlines(keepends=True)
    first = _first_line(node, lines)
    last = node.end_lineno
    if head:
        last = _end_of_head(node, lines, dotted)
    return Located(
        name=dotted,
        module=module,
        path=path,
        first_line=first,
        last_line=last,
        raw="".join(lines[first - 1 : last]),
        owner=owner,
        local_names=_bound_names(node),
    )


@functools.lru_cache(maxsize=64)
def _parsed(path, mtime_ns):
    """A module's text and syntax tree, read once per build: every API
    entry and every chapter locates objects in the same few files.  The
    modification time is part of the key, so an edited file is read again."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    return source, ast.parse(source)


def _source_file(module):
    """The file a module was read from, or None (a namespace package)."""
    try:
        return inspect.getsourcefile(module)
    except TypeError:
        return None


def _import_longest_prefix(dotted):
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            return importlib.import_module(".".join(parts[:i])), parts[i:]
        except ImportError:
            continue
    raise NotFound(f"no module in {dotted!r} can be imported")


def _follow_reexport(module, rest):
    """``flask01.modern.Flask`` is defined in ``flask01.modern.app``: read
    it where it is defined."""
    if not rest:
        return module, rest
    obj = getattr(module, rest[0], None)
    home = getattr(obj, "__module__", None)
    if (inspect.isclass(obj) or inspect.isfunction(obj)) and home != module.__name__:
        qualname = obj.__qualname__.split(".")
        return sys.modules[home], qualname + rest[1:]
    return module, rest


def _imported_from(tree, module, name):
    """The dotted name *name* is imported from by a module-level
    ``from ... import``, or None when the module defines it itself."""
    for node in tree.body:
        if name in _defined_names(node):
            return None
        if isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    package = module.__name__ if hasattr(module, "__path__") else module.__package__
                    base = importlib.util.resolve_name(
                        "." * node.level + (node.module or ""), package
                    )
                    return f"{base}.{alias.name}"
    return None


def _find_definition(tree, names, module, dotted):
    """The syntax node that defines *names* (a qualified name inside the
    module), and the class that ``self`` means inside it."""
    if not names:
        raise NotFound(f"{dotted} is a module: name an object inside it")
    body, node, scope = tree.body, None, module
    owner = None
    for name in names:
        node = next((n for n in body if name in _defined_names(n)), None)
        if node is None and owner is not None:
            node = _instance_attribute(body, name)
        if node is None:
            raise NotFound(f"{dotted}: nothing named {name!r} is defined there")
        if isinstance(node, ast.ClassDef):
            scope = owner = getattr(scope, name)
        body = getattr(node, "body", [])
    return node, owner


def _end_of_head(node, lines, dotted):
    if not isinstance(node, ast.ClassDef):
        raise NotFound(f"{dotted}: only a class has a head to show")
    method = next((n for n in node.body if isinstance(n, ast.FunctionDef)), None)
    if method is None:
        return node.end_lineno
    last = _first_line(method, lines) - 1
    while last > node.lineno and not lines[last - 1].strip():
        last -= 1
    return last


def _instance_attribute(class_body, name):
    """The ``self.name = ...`` in ``__init__`` that creates an instance
    attribute (documented with a ``#:`` comment above it)."""
    init = next((n for n in class_body if getattr(n, "name", None) == "__init__"), None)
    for node in ast.walk(init) if init else ():
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                on_self = isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name)
                if on_self and t.value.id == "self" and t.attr == name:
                    return node
    return None


def _defined_names(node):
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {t.id for t in node.targets if isinstance(t, ast.Name)}
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return {node.target.id}
    return set()


def _first_line(node, lines):
    """The first line of *node*: its first decorator, and before that the
    comment lines that sit directly on top of it (``#:`` documents an
    attribute, a plain comment explains the definition below it)."""
    first = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
    while first > 1 and lines[first - 2].strip().startswith("#"):
        first -= 1
    return first


def _bound_names(node):
    """Every name the code binds for itself, which must not be linked to
    a module global of the same name."""
    names = set()
    for n in ast.walk(node):
        if isinstance(n, ast.arg):
            names.add(n.arg)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n is not node:
            names.add(n.name)
    return frozenset(names)


def relative_path(path, root):
    """*path* as the reader sees it in the repository."""
    return os.path.relpath(path, root).replace(os.sep, "/")
