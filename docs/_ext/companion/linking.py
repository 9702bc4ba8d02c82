"""Turn the names in a piece of code into links.

The code is split into tokens by Pygments, the highlighter Sphinx uses,
so the page looks like any other code block.  Every chain of names
(``self.request_context``, ``os.path.join``, ``_request_ctx_stack``) is
followed in the namespace the code really runs in, with
:meth:`.locate.Located.resolve`, and the names a documentation page
might know it by become the link's candidates.  Which candidate exists
is only known when every page has been read, so the candidates are
kept on a :class:`code_link` node and turned into a reference by
:func:`resolve_links`.
"""

import importlib
import inspect
import types

from docutils import nodes
from pygments.lexers import PythonLexer
from pygments.token import STANDARD_TYPES, Name, Operator
from sphinx.addnodes import pending_xref
from sphinx.ext import intersphinx

#: the types of functions and methods, looked up on ``type(obj)``
ROUTINES = (
    types.FunctionType,
    types.BuiltinFunctionType,
    types.MethodType,
    types.MethodDescriptorType,
    types.WrapperDescriptorType,
    types.ClassMethodDescriptorType,
    classmethod,
    staticmethod,
)


class annotated_code(nodes.General, nodes.FixedTextElement):
    """A block of highlighted code whose names are links."""


class code_link(nodes.Inline, nodes.TextElement):
    """A name in code, with ``candidates``: the documented names it may
    be known by, best first."""


def highlighted(located, skip_lines=()):
    """An :class:`annotated_code` node for the code of *located*, with
    the file's own line numbers; the line numbers in *skip_lines* (a
    docstring, say) are left out and marked with an ellipsis."""
    block = annotated_code(located.text, "")
    number = located.first_line
    block += _line_number(number)
    chain = []
    for ttype, value in PythonLexer().get_tokens(located.text):
        if "\n" in value:
            # a newline, or a token that spans lines (a docstring): number
            # every line it starts
            chain = []
            first, *more = value.split("\n")
            _append_piece(block, ttype, first)
            for part in more:
                number += 1
                block += nodes.Text("\n")
                block += _line_number(number)
                _append_piece(block, ttype, part)
            continue
        chain = _extend_chain(chain, ttype, value)
        candidates = _candidates_for(located, chain, ttype) if chain and chain[-1] == value else []
        _append_piece(block, ttype, value, candidates)
    _drop_trailing_number(block)
    if skip_lines:
        _elide(block, skip_lines)
    return block


def _append_piece(block, ttype, value, candidates=()):
    if not value:
        return
    css = _css_class(ttype)
    piece = nodes.inline(value, value, classes=[css]) if css else nodes.Text(value)
    if candidates:
        link = code_link("", "", candidates=list(candidates))
        link += piece
        piece = link
    block += piece


def _line_number(number):
    return nodes.inline(f"{number:4d} ", f"{number:4d} ", classes=["linenos"])


def _drop_trailing_number(block):
    # the lexer ends every text with a newline, after which no line follows
    if isinstance(block[-1], nodes.inline) and "linenos" in block[-1]["classes"]:
        block.pop()
    if isinstance(block[-1], nodes.Text) and block[-1] == "\n":
        block.pop()


def _elide(block, skip_lines):
    """Remove the lines numbered *skip_lines*, leaving one marker line."""
    kept, current, marked = [], None, False
    for child in list(block.children):
        if isinstance(child, nodes.inline) and "linenos" in child["classes"]:
            current = int(child.astext())
        if current in skip_lines:
            if not marked:
                kept.append(nodes.inline("", "   … ", classes=["linenos"]))
                kept.append(nodes.inline("", "(docstring: see the API entry)", classes=["c1"]))
                kept.append(nodes.Text("\n"))
                marked = True
            continue
        kept.append(child)
    block.children = []
    block.extend(kept)


def _css_class(ttype):
    while ttype not in STANDARD_TYPES:
        ttype = ttype.parent
    return STANDARD_TYPES[ttype]


def _extend_chain(chain, ttype, value):
    """Keep track of a dotted chain of names: ``a``, ``a.``, ``a.b``."""
    if ttype in Name and value.isidentifier():
        if chain and chain[-1] == ".":
            return [*chain, value]
        return [value]
    if ttype in Operator and value == "." and chain and chain[-1] != ".":
        return [*chain, "."]
    return []


def _candidates_for(located, chain, ttype):
    dotted = "".join(chain)
    if dotted in ("self", "cls"):
        return []
    defined_here = ttype in (Name.Function, Name.Class) and located.owner is not None
    if defined_here and dotted != located.owner.__name__:
        dotted = f"self.{dotted}"  # a method or nested class of the class shown
    obj = located.resolve(dotted)
    if obj is None and not _is_attribute_of_known(located, dotted):
        return []
    return _names(located, dotted, obj)


def _is_attribute_of_known(located, dotted):
    # ``self.secret_key`` is None until configured: still worth a link
    head, _, _ = dotted.rpartition(".")
    return bool(head) and located.resolve(head) is not None


def _names(located, dotted, obj):
    """Every name a documentation page may list *obj* under: the names
    that follow from how the code spelled it, then the object's own."""
    head, *rest = dotted.split(".")
    if head in ("self", "cls"):
        bases = own_names(located.owner)
    else:
        base = located.resolve(head)
        bases = own_names(base) or _global_names(located.module, head, base)
    spelled = [".".join([b, *rest]) for b in bases]
    own = own_names(obj) if rest or head not in ("self", "cls") else []
    return list(dict.fromkeys(spelled + own))


def own_names(obj):
    """The names a module, class or function is public under: from the
    shortest package that exports it to the module that defines it."""
    kind = type(obj)  # never isinstance: see locate.is_namespace
    if issubclass(kind, types.ModuleType):
        return [obj.__name__]
    if not (issubclass(kind, type) or issubclass(kind, ROUTINES)):
        return []
    module = getattr(obj, "__module__", None)
    qualname = getattr(obj, "__qualname__", None)
    if not module or not qualname:
        return []
    if module == "builtins":
        return [qualname]
    names = []
    parts = module.split(".")
    for i in range(1, len(parts) + 1):
        prefix = ".".join(parts[:i])
        if i == len(parts) or _exports(prefix, qualname, obj):
            names.append(f"{prefix}.{qualname}")
    return names


def _global_names(module, name, obj):
    """Names for module data such as ``request``: where the code found it,
    and every package above that exports the same object."""
    names = []
    parts = module.__name__.split(".")
    for i in range(1, len(parts)):
        prefix = ".".join(parts[:i])
        if obj is not None and _exports(prefix, name, obj):
            names.append(f"{prefix}.{name}")
    names.append(f"{module.__name__}.{name}")
    return names


def _exports(module_name, qualname, obj):
    try:
        found = importlib.import_module(module_name)
        for part in qualname.split("."):
            found = inspect.getattr_static(found, part)
    except (ImportError, AttributeError):
        return False
    return found is obj


def resolve_links(app, doctree, docname):
    """Replace every :class:`code_link` with a reference to the first of
    its candidates that this site or a bundled inventory documents, or
    with its plain text when none does."""
    for link in list(doctree.findall(code_link)):
        uri = target_uri(app, docname, link["candidates"])
        if uri is None:
            link.replace_self(link.children)
            continue
        ref = nodes.reference("", "", refuri=uri, internal="://" not in uri, classes=["code-link"])
        ref["reftitle"] = link["candidates"][0]
        ref.extend(link.children)
        link.replace_self(ref)


def target_uri(app, docname, candidates):
    """The URI of the first documented name among *candidates*: on this
    site, or in another project's inventory, asked of intersphinx as a
    reference to a Python object that the site itself does not resolve."""
    objects = app.env.get_domain("py").objects
    other_projects = "sphinx.ext.intersphinx" in app.extensions
    for name in candidates:
        if name in objects:
            entry = objects[name]
            return app.builder.get_relative_uri(docname, entry.docname) + "#" + entry.node_id
        if not other_projects:
            continue
        reference = pending_xref("", refdomain="py", reftype="obj", reftarget=name)
        resolved = intersphinx.missing_reference(app, app.env, reference, nodes.literal(name, name))
        if resolved is not None:
            return resolved["refuri"]
    return None
