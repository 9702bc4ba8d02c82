"""See a request happen: a tracer for flask01 and flask01.modern.

Wrap any code in :func:`trace` and it records what the framework did
while that code ran, in the thread that started the trace::

    import flask01
    from flask01.tracing import trace

    app = flask01.Flask(__name__)
    app.route("/")(lambda: "Hello")
    with trace() as t:
        app.test_client().get("/")
    print(t)

What is recorded, in the order it happened:

* every call into the followed modules (``flask01`` by default, which
  covers its submodules, ``flask01.modern`` among them) as a tree, each call under the one that
  made it, with its arguments and what it returned (or that it raised),
  shown briefly;
* the application's own functions that the framework called: views,
  before- and after-request functions, teardown functions, error
  handlers, signal receivers (kind ``app``);
* every signal sent (kind ``signal``), with its receivers under it;
* every push and pop of the context stacks, as it happens (kinds
  ``push`` and ``pop``), and the stacks after each change;
* the WSGI events: ``start_response``, the body iterable the
  application returned and each item read from it, and its
  ``close()`` (kind ``wsgi``).

A :class:`Trace` prints as a text tree (:meth:`Trace.text`), draws
itself as SVG (:meth:`Trace.svg`: the calls as boxes, every box
labelled, and the stacks over time), shows itself inline in Jupyter
(``_repr_html_``, ``_repr_svg_``) and writes JSON for tools
(:meth:`Trace.as_dict`, :meth:`Trace.json`).  From a shell::

    python -m flask01.tracing examples/tinyblog/tinyblog.py:app GET /login

makes the request through the application's test client and prints the
tree (``--svg FILE``, ``--json FILE`` write the other forms).

How, and what it costs.  Nothing in flask01 or flask01.modern knows
about this module: neither imports it, and no line of theirs asks
whether a trace is running.  A trace installs a profile function
(:func:`sys.setprofile`) for its own thread while its ``with`` block
runs and removes it at the end, so when nothing is traced the
framework runs exactly the code it always runs.  The profile function
only observes.  Pushes and pops are seen as calls of the stacks'
``push`` and ``pop`` methods (the object pushed, the object ``pop``
returned); signals as calls of blinker's ``Signal.send`` (or of a
subclass's own ``send``).  It never
reads a stack's private storage, never pushes a context, never catches
an exception of the traced code, and never keeps a reference to the
traced objects: values are turned into short text as they are seen, so
that nothing lives longer than it would have (flask01.modern closes a
request's files when the last context holding it is collected).

A profile function that was installed before the trace (another
tracer written in Python, a coverage or build tool's) keeps receiving
every event while the trace runs, and is the profile function again
afterwards.  Before Python 3.12, ``cProfile`` cannot be handed events
from Python: it misses what runs inside the trace and is switched on
again when the trace ends.  From 3.12 on it uses ``sys.monitoring``
and does not notice the trace at all.

Only the thread that entered the ``with`` block is recorded: the
profile function is installed in that thread alone, and every trace
names its thread.  Code that the traced code runs in other threads (a
copied request context in a worker, an async view run by asgiref's
event loop thread) is not in the tree.
"""

import argparse
import ast
import dis
import html
import importlib
import json
import os
import re
import sys
import threading
import weakref

__all__ = [
    "Trace",
    "trace",
    "trace_request",
    "load_app",
    "prune",
    "label",
    "short_repr",
    "icicle_svg",
    "stacks_svg",
    "restore_profiler",
    "JSON_SCHEMA",
    "main",
]

#: the JSON's ``schema`` value; it changes when the shape changes
SCHEMA = "flask01.tracing/1"

_TEXT = {"type": "string"}
_ARGS = {"type": "object", "additionalProperties": _TEXT}
_NAMES = {"type": "array", "items": _TEXT}


def _node_schema(kind, properties, children=False):
    properties = {"kind": {"const": kind}, "seq": {"type": "integer", "minimum": 1}, **properties}
    if children:
        properties["children"] = {"type": "array", "items": {"$ref": "#/$defs/node"}}
    return {
        "type": "object",
        "properties": properties,
        "required": sorted(properties),
        "additionalProperties": False,
    }


_CALL = {
    "module": _TEXT,
    "qualname": _TEXT,
    "args": _ARGS,
    "returned": {"type": ["string", "null"]},
    "raised": {"type": "boolean"},
}

_KINDS = {
    "call": _node_schema("call", _CALL, children=True),
    "app": _node_schema("app", _CALL, children=True),
    "signal": _node_schema(
        "signal", {"name": _TEXT, "sender": _TEXT, "args": _ARGS}, children=True
    ),
    "push": _node_schema("push", {"stack": _TEXT, "context": _TEXT, "by": _TEXT}),
    "pop": _node_schema("pop", {"stack": _TEXT, "context": _TEXT, "by": _TEXT}),
    "wsgi": _node_schema(
        "wsgi",
        {"event": {"enum": ["start_response", "body", "iter", "next", "close"]}, "detail": _TEXT},
    ),
}

#: The JSON Schema (draft 2020-12) of :meth:`Trace.as_dict`, for tools
#: that read a trace: what :meth:`Trace.as_dict` describes in words.
JSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "a request traced by flask01.tracing",
    "type": "object",
    "required": [
        "schema",
        "thread",
        "follow",
        "calls",
        "stacks",
        "snapshots",
        "left_on_stacks",
        "problems",
    ],
    "additionalProperties": False,
    "properties": {
        "schema": {"const": SCHEMA},
        "thread": {
            "type": "object",
            "properties": {"id": {"type": "integer"}, "name": _TEXT},
            "required": ["id", "name"],
            "additionalProperties": False,
        },
        "follow": _NAMES,
        "calls": {"type": "array", "items": {"$ref": "#/$defs/node"}},
        "stacks": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "properties": {"label": _TEXT, "version": {"enum": ["flask01", "flask01.modern"]}},
                "required": ["label", "version"],
                "additionalProperties": False,
            },
        },
        "snapshots": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "properties": {
                    "label": _TEXT,
                    "seq": {"type": ["integer", "null"]},
                    "stacks": {"type": "object", "additionalProperties": _NAMES},
                    "unknown_below": {
                        "type": "object",
                        "additionalProperties": {"type": "boolean"},
                    },
                },
                "required": ["label", "seq", "stacks", "unknown_below"],
                "additionalProperties": False,
            },
        },
        "left_on_stacks": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"stack": _TEXT, "context": _TEXT},
                "required": ["stack", "context"],
                "additionalProperties": False,
            },
        },
        "problems": _NAMES,
    },
    "$defs": {
        "node": {
            # one schema per kind, chosen by "kind" (if/then rather than
            # oneOf: a validator then checks each node once, not per kind)
            "type": "object",
            "required": ["kind"],
            "properties": {"kind": {"enum": list(_KINDS)}},
            "allOf": [
                {"if": {"properties": {"kind": {"const": kind}}}, "then": schema}
                for kind, schema in _KINDS.items()
            ],
        }
    },
}

#: what :func:`trace` follows when told nothing
DEFAULT_FOLLOW = ("flask01",)

#: the context stacks, by version: (key, label, module, attribute).  The
#: stacks are found by identity only: a push or pop of one of them is a
#: call of its ``push`` or ``pop`` method with the stack as ``self``.
STACKS = {
    "flask01": [("flask01.request", "request contexts", "flask01", "_request_ctx_stack")],
    "flask01.modern": [
        ("flask01.modern.app", "application contexts", "flask01.modern.globals", "_app_ctx_stack"),
        (
            "flask01.modern.request",
            "request contexts",
            "flask01.modern.globals",
            "_request_ctx_stack",
        ),
    ],
}

#: libraries the framework is built on, besides the standard library: a
#: call from flask01 into one of them is the framework's own business,
#: not an application's function, and is left out of the tree
LIBRARIES = frozenset(
    {"werkzeug", "jinja2", "markupsafe", "itsdangerous", "blinker", "click", "asgiref", "dotenv"}
)

COMPREHENSIONS = ("<genexpr>", "<listcomp>", "<dictcomp>", "<setcomp>")

# How a frame ended, read from the instruction it stopped at: a profile
# function is told "return" both when a function returns and when an
# exception leaves it, with None as the value in the second case.
_RESUME = dis.opmap.get("RESUME")
_YIELD = dis.opmap["YIELD_VALUE"]
_NORMAL_EXITS = {dis.opmap[n] for n in ("RETURN_VALUE", "RETURN_CONST") if n in dis.opmap}
_NORMAL_EXITS.add(_YIELD)

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


def short_repr(value, limit=60):
    """*value* as a trace shows it: its ``repr`` without memory addresses
    (the same run prints the same text every time, so a page built from
    a trace does not change from build to build) and cut to *limit*
    characters.  A ``repr`` that fails shows the type instead: showing a
    value must never break the code being traced."""
    try:
        text = _ADDRESS.sub("", repr(value))
    except Exception:
        text = f"<{type(value).__qualname__} (repr failed)>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _ended_normally(frame):
    """Whether *frame*, at its "return" event, returned (or yielded)
    rather than let an exception out."""
    code, i = frame.f_code.co_code, frame.f_lasti
    if not 0 <= i < len(code):
        return True  # a frame that never ran an instruction raised nothing
    op = code[i]
    if op in _NORMAL_EXITS:
        return True
    # 3.13 stops a yielding generator on the RESUME after its YIELD_VALUE
    return op == _RESUME and i >= 2 and code[i - 2] == _YIELD


def _qualname(frame):
    """The qualified name of the function *frame* runs, ``Flask.wsgi_app``
    rather than ``wsgi_app``.  Python 3.11 keeps it on the code object;
    3.10 does not, and a method's is found through the class of its
    ``self`` or ``cls`` (the class that defines it, not a subclass).  A
    nested function on 3.10 keeps its plain name."""
    code = frame.f_code
    qualname = getattr(code, "co_qualname", None)
    if qualname is not None:
        return qualname
    names = code.co_varnames
    if code.co_argcount and names[0] in ("self", "cls"):
        first = frame.f_locals.get(names[0])
        kind = first if isinstance(first, type) else type(first)
        for klass in getattr(kind, "__mro__", ()):
            found = klass.__dict__.get(code.co_name)
            found = getattr(found, "fget", found)  # a property's getter
            if _code_of(found) is code:
                return f"{klass.__qualname__}.{code.co_name}"
    return code.co_name


def _is_library(module):
    top = module.partition(".")[0]
    return not top or top in LIBRARIES or top in sys.stdlib_module_names


def _with_subclasses(kind):
    """*kind* and every class derived from it, as far as they are
    defined now."""
    found = [kind]
    for sub in kind.__subclasses__():
        found.extend(_with_subclasses(sub))
    return found


def _code_of(function):
    """The code object that runs when *function* is called, if Python's."""
    function = getattr(function, "__func__", function)
    return getattr(function, "__code__", None)


class _Names:
    """Readable, stable names for contexts ("RequestContext 2 /inner"),
    the same object keeping its name for the whole trace.  Objects are
    held weakly: naming a context must not keep it alive."""

    def __init__(self):
        self._by_id = {}  # id -> (weak reference or the object, name)
        self._counts = {}

    def __call__(self, obj):
        entry = self._by_id.get(id(obj))
        if entry is not None:
            ref, name = entry
            if (ref() if isinstance(ref, weakref.ref) else ref) is obj:
                return name
        kind = type(obj).__name__.lstrip("_")
        self._counts[kind] = count = self._counts.get(kind, 0) + 1
        detail = ""
        try:
            detail = getattr(getattr(obj, "request", None), "path", "") or ""
        except Exception:
            pass
        name = f"{kind} {count}" + (f" {detail}" if detail else "")
        try:
            ref = weakref.ref(obj)
        except TypeError:
            ref = obj
        self._by_id[id(obj)] = (ref, name)
        return name


class Trace:
    """What the framework did while a block of code ran.

    Make one with :func:`trace` (or call it: ``Trace(...)`` takes the
    same arguments) and use it as a context manager; afterwards print
    it, draw it, or read its data:

    ``calls``
        the tree, a list of nodes (see :meth:`as_dict` for their keys);
    ``snapshots``
        the context stacks before the first change, after each push or
        pop, and at the end;
    ``left_on_stacks``
        the contexts it saw pushed and not popped, ``(stack, name)``;
    ``thread``
        ``(ident, name)`` of the thread it recorded;
    ``problems``
        the tracer's own failures, kept rather than raised into the
        traced code (none, normally).

    A trace records once: entering it a second time is an error, so that
    two recordings never mix in one tree.

    :param follow: module names (a name covers its submodules) whose
        calls are recorded
    :param hide: calls whose qualified name contains one of these
        strings are left out; the calls they made move up to their caller
    :param limit: how many characters a shown value may take
    """

    def __init__(self, follow=DEFAULT_FOLLOW, hide=(), limit=60):
        if isinstance(follow, str):
            follow = (follow,)
        self.follow = tuple(follow)
        self.hide = tuple(hide)
        self.limit = limit
        #: the call tree: a list of nodes, each a dict with ``kind``
        #: (``call``, ``app``, ``signal``, ``push``, ``pop``, ``wsgi``)
        #: and ``seq`` (its place in time); calls, application functions
        #: and signals have ``children``.  See :meth:`as_dict`.
        self.calls = []
        #: the context stacks before the first change, after each change
        #: and at the end: ``(label, {stack key: [context names]})``,
        #: where the label names the function that pushed or popped
        self.snapshots = []
        #: contexts this trace saw pushed and not popped, as
        #: ``(stack key, name)``: a preserved context, or a leak
        self.left_on_stacks = []
        #: the thread that was recorded, as ``(ident, name)``
        self.thread = None
        #: problems of the tracer itself (never of the traced code),
        #: kept instead of raised so the traced code runs undisturbed
        self.problems = []
        self._state = "new"
        self._stacks = {}  # key -> what is known of that stack; see _prepare_hooks
        self._stack_objects = {}  # key -> the stack

    # -- recording ----------------------------------------------------------

    def __enter__(self):
        if self._state != "new":
            raise RuntimeError("a Trace records once; make a new one for another run")
        self._state = "recording"
        current = threading.current_thread()
        self.thread = (current.ident, current.name)
        self._seq = 0
        self._open = {}  # frame -> its node, while the frame runs
        self._module_kinds = {}  # module name -> "call", "app" or None
        self._names = _Names()
        self._prepare_hooks()
        self._before = sys.getprofile()
        # a profile function written in Python keeps getting every event
        # (cProfile's, before 3.12, is an object that cannot be called)
        self._chained = self._before if callable(self._before) else None
        sys.setprofile(self._profile)
        return self

    def __exit__(self, exc_type, exc, tb):
        sys.setprofile(None)
        restore_profiler(self._before)
        self._before = self._chained = None
        self._state = "done"
        self._open.clear()
        self._wsgi = None
        self._snapshot("after")
        self.left_on_stacks = [
            (key, name) for key, items in self._stacks.items() for name in items["pushed"]
        ]
        return False  # an exception of the traced code goes on, untouched

    def _prepare_hooks(self):
        """Find, by identity, what the profile function watches for: the
        stacks of each version already imported, the stacks' push and pop
        code, and blinker's ``send``.  A version not imported yet has no
        contexts to push; nothing is imported here."""
        self._stack_keys = {}  # id(stack) -> key
        self._stack_objects = {}
        self._stacks = {}  # key -> {"label", "items", "pushed", "unknown_below"}
        self._push_code = self._pop_code = None
        self._send_codes = set()
        for version, stacks in STACKS.items():
            for key, label, module_name, attribute in stacks:
                module = sys.modules.get(module_name)
                stack = getattr(module, attribute, None)
                if stack is None:
                    continue
                self._stack_keys[id(stack)] = key
                self._stack_objects[key] = stack
                top = stack.top  # public: the one thing a stack tells
                self._stacks[key] = {
                    "label": label,
                    "version": version,
                    # what is known of the stack, bottom first
                    "items": [self._names(top)] if top is not None else [],
                    "pushed": [],
                    # a context was there before: there may be more below
                    "unknown_below": top is not None,
                }
                kind = type(stack)
                self._push_code = _code_of(getattr(kind, "push", None))
                self._pop_code = _code_of(getattr(kind, "pop", None))
        blinker = sys.modules.get("blinker")
        if blinker is not None:
            # blinker's send, and the send of any subclass that has its own
            # (flask01.modern's answers at once when nobody listens)
            for kind in _with_subclasses(blinker.Signal):
                if "send" in vars(kind):
                    self._send_codes.add(_code_of(kind.send))
            self._send_codes.discard(None)
        self._wsgi = None  # the outermost WSGI call: its frame, start_response, body
        self.snapshots = []
        self._snapshot("before")

    def _profile(self, frame, event, arg):
        chained = self._chained
        if chained is not None:
            chained(frame, event, arg)
        try:
            if event == "call":
                self._on_call(frame)
            elif event == "return":
                self._on_return(frame, arg)
        except Exception as exc:  # the tracer's own fault: note it, go on
            self.problems.append(f"{event} in {frame.f_code.co_name}: {exc!r}")

    def _next_seq(self):
        self._seq += 1
        return self._seq

    def _parent(self, frame):
        """The node of the nearest recorded frame that *frame* runs
        under, or None at the top."""
        caller = frame.f_back
        while caller is not None:
            node = self._open.get(caller)
            if node is not None:
                return node
            caller = caller.f_back
        return None

    def _add(self, node, frame):
        parent = self._parent(frame)
        (parent["children"] if parent is not None else self.calls).append(node)
        return node

    def _kind_of(self, module):
        kind = self._module_kinds.get(module, False)
        if kind is False:
            if module == __name__:
                kind = None  # the tracer never traces itself
            elif any(module == f or module.startswith(f + ".") for f in self.follow):
                kind = "call"
            elif _is_library(module):
                kind = None
            else:
                kind = "app"
            self._module_kinds[module] = kind
        return kind

    def _on_call(self, frame):
        code = frame.f_code
        if code is self._push_code:
            key = self._stack_keys.get(id(frame.f_locals.get("self")))
            if key is not None:
                obj = frame.f_locals.get(code.co_varnames[1])
                self._stack_event("push", key, obj, frame.f_back, frame)
            return
        if code in self._send_codes:
            outer = frame.f_back
            if outer is not None and outer.f_code in self._send_codes:
                # a subclass's send handing on to blinker's: the same
                # signal, whose receivers go under the node already made
                if outer in self._open:
                    self._open[frame] = self._open[outer]
                return
            return self._signal(frame)
        wsgi = self._wsgi
        if wsgi is not None and self._wsgi_event(frame, code, wsgi):
            return
        if code.co_name in COMPREHENSIONS:
            return
        kind = self._kind_of(frame.f_globals.get("__name__") or "")
        if kind is None or frame in self._open:
            return
        if kind == "app":
            # an application's function counts when the framework (or a
            # signal) called it, not when the application calls itself
            caller = frame.f_back
            while caller is not None and caller.f_code.co_name in COMPREHENSIONS:
                caller = caller.f_back
            made_by = self._open.get(caller)
            if made_by is None or made_by["kind"] == "app":
                return
        qualname = _qualname(frame)
        if any(h in qualname for h in self.hide):
            return
        node = {
            "kind": kind,
            "seq": self._next_seq(),
            "module": frame.f_globals.get("__name__") or "",
            "qualname": qualname,
            "args": self._arguments(frame),
            "returned": None,
            "raised": False,
            "children": [],
        }
        self._add(node, frame)
        self._open[frame] = node
        # the outermost WSGI call of a request: ``environ`` and
        # ``start_response`` among its parameters, none open around it (a
        # second request in the same trace starts a new one)
        wsgi = self._wsgi
        if kind == "call" and (wsgi is None or wsgi["frame"] is None) and _is_wsgi_call(code):
            start_response = frame.f_locals.get("start_response")
            self._wsgi = {
                "frame": frame,
                "start_response": _code_of(start_response),
                "body": None,
            }

    def _on_return(self, frame, value):
        code = frame.f_code
        if code is self._pop_code:
            key = self._stack_keys.get(id(frame.f_locals.get("self")))
            if key is not None and value is not None:
                self._stack_event("pop", key, value, frame.f_back, frame)
            return
        node = self._open.pop(frame, None)
        if node is None:
            wsgi = self._wsgi
            if wsgi is not None and wsgi["body"] is not None:
                self._body_returned(frame, code, value, wsgi["body"])
            return
        if node["kind"] == "signal":
            return  # what a signal returns is blinker's list of results
        if _ended_normally(frame):
            node["returned"] = short_repr(value, self.limit) if value is not None else None
        else:
            node["raised"] = True
        wsgi = self._wsgi
        if wsgi is not None and wsgi["frame"] is frame:
            wsgi["frame"] = None
            if node["raised"]:
                self._wsgi = None
            else:
                self._watch_body(value, frame)

    def _arguments(self, frame):
        code = frame.f_code
        count = code.co_argcount + code.co_kwonlyargcount
        count += bool(code.co_flags & 0x04) + bool(code.co_flags & 0x08)  # *args, **kwargs
        names = code.co_varnames[:count]
        values = frame.f_locals
        shown = {}
        for i, name in enumerate(names):
            if i == 0 and name in ("self", "cls"):
                continue
            if name in values:
                shown[name] = short_repr(values[name], self.limit)
        return shown

    # -- what the profile function looks for besides calls -------------------

    def _stack_event(self, action, key, obj, caller, frame):
        stack = self._stacks[key]
        name = self._names(obj)
        items = stack["items"]
        if action == "push":
            items.append(name)
            stack["pushed"].append(name)
        else:
            if items:
                items.pop()
            if name in stack["pushed"]:
                stack["pushed"].remove(name)
            if not items and stack["unknown_below"]:
                top = self._stack_objects[key].top
                if top is None:
                    stack["unknown_below"] = False
                else:
                    items.append(self._names(top))
        by = _qualname(caller) if caller is not None else "?"
        node = {
            "kind": action,
            "seq": self._next_seq(),
            "stack": key,
            "context": name,
            "by": by,
        }
        self._add(node, frame)
        self._snapshot(by, node["seq"])

    def _snapshot(self, label, seq=None):
        self.snapshots.append(
            {
                "label": label,
                "seq": seq,
                "stacks": {key: list(s["items"]) for key, s in self._stacks.items()},
                "unknown_below": {key: s["unknown_below"] for key, s in self._stacks.items()},
            }
        )

    def _signal(self, frame):
        signal = frame.f_locals.get("self")
        if self._parent(frame) is None:
            return  # sent by code the trace does not follow
        node = {
            "kind": "signal",
            "seq": self._next_seq(),
            "name": str(getattr(signal, "name", None) or short_repr(signal, self.limit)),
            "sender": short_repr(frame.f_locals.get(frame.f_code.co_varnames[1]), self.limit),
            "args": {
                k: short_repr(v, self.limit)
                for k, v in (frame.f_locals.get("kwargs") or {}).items()
            },
            "children": [],
        }
        self._add(node, frame)
        self._open[frame] = node

    def _wsgi_event(self, frame, code, wsgi):
        """A call of the server's ``start_response``, or of the body
        iterable's ``__iter__``, ``__next__`` or ``close``: note it."""
        if code is wsgi["start_response"]:
            names = code.co_varnames
            offset = 1 if names and names[0] == "self" else 0
            status = frame.f_locals.get(names[offset]) if len(names) > offset else None
            headers = frame.f_locals.get(names[offset + 1]) if len(names) > offset + 1 else None
            count = len(headers) if isinstance(headers, list) else "?"
            detail = f"{status}, {count} header{'s' if count != 1 else ''}"
            self._add(self._wsgi_node("start_response", detail), frame)
            return True
        body = wsgi["body"]
        if body is None:
            return False
        iterable = body["ref"]()
        if iterable is None:
            return False
        if frame is getattr(iterable, "gi_frame", None) or (
            code in body["codes"] and frame.f_locals.get("self") is iterable
        ):
            what = body["codes"].get(code, "next")
            node = self._add(self._wsgi_node(what, ""), frame)
            if what == "next":  # what it gave is known when it returns
                body["pending"][frame] = node
            return True
        return False

    def _wsgi_node(self, event, detail):
        return {"kind": "wsgi", "seq": self._next_seq(), "event": event, "detail": detail}

    def _watch_body(self, body, frame):
        """Remember the body iterable the WSGI call returned, to note
        what the server does with it."""
        node = self._wsgi_node("body", short_repr(body, self.limit))
        parent = self._parent(frame)
        (parent["children"] if parent is not None else self.calls).append(node)
        kind = type(body)
        codes = {}
        for attribute, event in (("__iter__", "iter"), ("__next__", "next"), ("close", "close")):
            code = _code_of(getattr(kind, attribute, None))
            if code is not None:
                codes[code] = event
        try:
            ref = weakref.ref(body)
        except TypeError:
            # a list or a tuple: the server reads it without calling Python
            self._wsgi["body"] = None
            return
        self._wsgi["body"] = {
            "ref": ref,
            "codes": codes,
            "pending": {},
        }

    def _body_returned(self, frame, code, value, body):
        node = body["pending"].pop(frame, None)
        if node is None:
            return
        if _ended_normally(frame):
            node["detail"] = "→ " + short_repr(value, self.limit)
        else:
            node["detail"] = "(the end)"

    # -- reading a trace -----------------------------------------------------

    def walk(self, kinds=None):
        """Every node, depth first in time order; only those of *kinds*
        (a set of kind names) when given."""
        stack = list(reversed(self.calls))
        while stack:
            node = stack.pop()
            if kinds is None or node["kind"] in kinds:
                yield node
            stack.extend(reversed(node.get("children", ())))

    def stack_keys(self, version=None):
        """The keys of the stacks this trace watched (of *version* only,
        ``"flask01"`` or ``"flask01.modern"``, when given)."""
        return [
            key for key, s in self._stacks.items() if version is None or s["version"] == version
        ]

    def stacks_over_time(self, version=None):
        """:attr:`snapshots` narrowed to the stacks of *version*: the
        first, the last, and each one that changed those stacks."""
        keys = self.stack_keys(version)
        shown = []
        for snap in self.snapshots:
            picked = {k: snap["stacks"][k] for k in keys if k in snap["stacks"]}
            if shown and snap["label"] != "after" and picked == shown[-1][1]:
                continue
            shown.append((snap["label"], picked))
        return shown

    def as_dict(self):
        """The trace as plain data for :mod:`json`.

        ``schema``: ``"flask01.tracing/1"``; ``thread``: ``{"id", "name"}`` of the
        recorded thread; ``follow``: the followed modules; ``calls``: the
        tree.  Every node has ``kind`` and ``seq``; by kind:

        ``call`` and ``app``
            ``module``, ``qualname``, ``args`` (name to short text),
            ``returned`` (short text, or null for ``None``), ``raised``
            (true when an exception left the call), ``children``;
        ``signal``
            ``name``, ``sender``, ``args``, ``children`` (the receivers);
        ``push`` and ``pop``
            ``stack`` (a key of ``stacks``), ``context`` (its name),
            ``by`` (the function that pushed or popped);
        ``wsgi``
            ``event`` (``start_response``, ``body``, ``iter``, ``next``,
            ``close``) and ``detail``.

        ``stacks``: for each stack key its ``label`` and ``version``;
        ``snapshots``: the stacks before, after each change and at the
        end (``label``, ``seq``, ``stacks``: key to names bottom first,
        ``unknown_below``: key to whether contexts pushed before the
        trace may lie under the known ones); ``left_on_stacks``; and
        ``problems``, the tracer's own.  ``JSON_SCHEMA`` says the
        same for a validator.
        """
        return {
            "schema": SCHEMA,
            "thread": {"id": self.thread[0], "name": self.thread[1]} if self.thread else None,
            "follow": list(self.follow),
            "calls": self.calls,
            "stacks": {
                key: {"label": s["label"], "version": s["version"]}
                for key, s in self._stacks.items()
            },
            "snapshots": self.snapshots,
            "left_on_stacks": [{"stack": k, "context": n} for k, n in self.left_on_stacks],
            "problems": list(self.problems),
        }

    def json(self, **kwargs):
        """:meth:`as_dict` as a JSON string (*kwargs* go to :func:`json.dumps`)."""
        kwargs.setdefault("indent", 1)
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.as_dict(), **kwargs)

    def text(self, args=True, values=True, kinds=None):
        """The tree as text with box-drawing branches, for a terminal.

        :param args: show each call's arguments
        :param values: show what each call returned
        :param kinds: show only nodes of these kinds (the others' children
            move up), e.g. ``{"call"}`` for the framework's calls alone
        """
        nodes = self.calls if kinds is None else prune(self.calls, kinds)
        lines = []
        for node in nodes:
            _text_lines(lines, node, "", True, True, args, values)
        for key, name in self.left_on_stacks:
            lines.append(f"!! left on the {self._stacks[key]['label']} ({key}): {name}")
        for problem in self.problems:
            lines.append(f"!! tracer problem: {problem}")
        return "\n".join(lines)

    def __str__(self):
        return self.text()

    def __repr__(self):
        count = sum(1 for _ in self.walk({"call"}))
        return f"<Trace of {count} calls into {', '.join(self.follow)} ({self._state})>"

    def calls_svg(self, title="The calls, top to bottom in time", kinds=("call", "app", "signal")):
        """The call diagram as an ``<svg>`` element: see :func:`icicle_svg`."""
        return icicle_svg(prune(self.calls, set(kinds)), title)

    def stacks_svg(self, version=None):
        """The context stacks over time as an ``<svg>`` element: see
        :func:`stacks_svg`.  *version* (``"flask01"`` or
        ``"flask01.modern"``) draws that version's stacks alone; without
        it, the stacks of every version that pushed or popped, each
        named with its version."""
        if version is None:
            moved = {self._stacks[n["stack"]]["version"] for n in self.walk({"push", "pop"})}
            if len(moved) == 1:
                return self.stacks_svg(moved.pop())
            keys = [k for k in self.stack_keys() if self._stacks[k]["version"] in moved]
            labels = [f"{self._stacks[k]['label']} ({self._stacks[k]['version']})" for k in keys]
            moments = [
                (label, {k: v for k, v in snap.items() if k in keys})
                for label, snap in self.stacks_over_time()
            ]
            return stacks_svg(moments, keys, labels)
        keys = self.stack_keys(version)
        labels = [self._stacks[k]["label"] for k in keys]
        return stacks_svg(self.stacks_over_time(version), keys, labels)

    def diagrams(self):
        """The diagrams as separate ``<svg>`` elements: the calls, and
        the stacks over time when the trace saw any push or pop."""
        parts = [self.calls_svg()] if self.calls else []
        if next(self.walk({"push", "pop"}), None) is not None:
            parts.append(self.stacks_svg())
        return parts

    def svg(self):
        """The diagrams (``diagrams()``: the calls, every box labelled,
        and the stacks over time when anything was pushed or popped) as
        one SVG document, one under the other."""
        return _stack_vertically(self.diagrams())

    def _repr_svg_(self):
        # Jupyter's rich display: an SVG image when HTML is not wanted
        return self.svg()

    def _repr_html_(self):
        # Jupyter prefers HTML: each diagram scales on its own, and the
        # text tree, which a diagram cannot hold, comes under them
        figures = "".join(f'<figure style="margin:0">{part}</figure>' for part in self.diagrams())
        return f"<div>{figures}<pre>{html.escape(self.text())}</pre></div>"


def _is_wsgi_call(code):
    names = code.co_varnames[: code.co_argcount]
    return "environ" in names and "start_response" in names


def restore_profiler(profiler):
    """Make *profiler*, as :func:`sys.getprofile` gave it, the profile
    function of this thread again.  A trace does this when it ends; a
    tool that installs a profile function of its own for a while (the
    docs extension does, to learn which files a page depends on) does
    the same with this function."""
    if profiler is None or callable(profiler):
        sys.setprofile(profiler)
    elif hasattr(profiler, "enable"):
        # a profiler written in C: before Python 3.12, sys.getprofile()
        # gives cProfile's Profile object, which only it can install
        # again (enable() keeps the options it was made with)
        profiler.enable()


def trace(follow=DEFAULT_FOLLOW, hide=(), limit=60):
    """A :class:`Trace` to use in a ``with`` block: everything the
    followed modules do in this thread inside the block is recorded."""
    return Trace(follow, hide, limit)


def prune(nodes, kinds):
    """A copy of the tree *nodes* with only the nodes of *kinds*; the
    children of a node left out take its place, in order.  The docs
    show ``prune(t.calls, {"call"})``: the framework's calls alone."""
    kept = []
    for node in nodes:
        children = prune(node.get("children", ()), kinds)
        if node["kind"] in kinds:
            copy = dict(node)
            if "children" in node:
                copy["children"] = children
            kept.append(copy)
        else:
            kept.extend(children)
    return kept


# -- text ---------------------------------------------------------------------


def label(node, args=False, values=False):
    """One node as a line of text, without its branch."""
    kind = node["kind"]
    if kind in ("call", "app"):
        text = node["qualname"]
        if args:
            text += "(" + ", ".join(f"{k}={_brief(v)}" for k, v in node["args"].items()) + ")"
        if kind == "app":
            text = "[app] " + text
        if values and node["raised"]:
            text += " ↯ raised"
        elif values and node["returned"] is not None:
            text += " → " + node["returned"]
        return text
    if kind == "signal":
        return f"[signal {node['name']}] sender={node['sender']}"
    if kind in ("push", "pop"):
        return f"[{kind} {node['stack']}] {node['context']}"
    detail = f" {node['detail']}" if node.get("detail") else ""
    return f"[wsgi {node['event']}]{detail}"


def _brief(text, limit=32):
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text_lines(lines, node, prefix, last, top, args, values):
    branch = "" if top else ("└─ " if last else "├─ ")
    lines.append(prefix + branch + label(node, args, values))
    below = prefix + ("" if top else ("   " if last else "│  "))
    children = node.get("children", ())
    for i, child in enumerate(children):
        _text_lines(lines, child, below, i == len(children) - 1, False, args, values)


# -- SVG ----------------------------------------------------------------------

#: a row's height, the widest a diagram is drawn (in pixels: a page shows
#: it at that size, never scaled down), and its text's size; a call's box
#: is INDENT to the right of its caller's
ROW, WIDTH, FONT, INDENT = 22, 860, 12, 14
CHAR = FONT * 0.6  # the width of a monospace character, near enough
COLOURS = {"flask01.modern": "#cfe3f5", "flask01": "#f7e3c2", "werkzeug": "#dcefd6"}
KIND_COLOURS = {"app": "#e6dcf2", "signal": "#fff2b3"}


def _colour(node):
    if node["kind"] in KIND_COLOURS:
        return KIND_COLOURS[node["kind"]]
    for prefix, colour in COLOURS.items():
        if node["module"].startswith(prefix):
            return colour
    return "#eeeeee"


def _full_name(node):
    if node["kind"] == "signal":
        return f"signal {node['name']}"
    return f"{node['module']}.{node['qualname']}"


def _box_name(node):
    """The label of a box: a call's qualified name, a signal's name."""
    if node["kind"] == "signal":
        return f"signal {node['name']}"
    return node["qualname"]


def icicle_svg(nodes, title):
    """The calls *nodes* (a tree of ``call``, ``app`` and ``signal``
    nodes) as an icicle turned on its side: each call a box, top to
    bottom in the order the calls were made, every call inside the box of
    the call that made it, one step to the right; a box is as tall as the
    calls it made (not as long as it took: the picture is the same on
    every machine).

    Every box is labelled with its name (the qualified name; a signal's
    name), and the boxes are made wide enough for the longest of them,
    so that no label is cut or left out however many calls there are: a
    longer trace makes a taller picture, never a narrower box.  Each box
    also carries the full dotted name as its ``<title>``, which a browser
    shows on hover and a screen reader reads."""
    needed = (depth * INDENT + len(_box_name(node)) * CHAR + 12 for node, depth in _all(nodes))
    width = max(WIDTH / 2, *needed)
    boxes = []
    row = 0
    for node in nodes:
        row = _draw_box(boxes, node, row, 0, width)
    return _svg(width, max(row, 1) * ROW, "".join(boxes), title)


def _all(nodes, depth=0):
    for node in nodes:
        yield node, depth
        yield from _all(node.get("children", ()), depth + 1)


def _rows(node):
    return 1 + sum(_rows(c) for c in node.get("children", ()))


def _draw_box(boxes, node, row, depth, width):
    x = depth * INDENT
    boxes.append(
        f'<g class="call"><title>{html.escape(_full_name(node))}</title>'
        f'<rect x="{x}" y="{row * ROW}" width="{width - x:.1f}" '
        f'height="{_rows(node) * ROW - 2}" '
        f'fill="{_colour(node)}" stroke="#888" stroke-width="0.5"/>'
        f'<text x="{x + 4}" y="{row * ROW + 15}" font-size="{FONT}">'
        f"{html.escape(_box_name(node))}</text></g>"
    )
    row += 1
    for child in node.get("children", ()):
        row = _draw_box(boxes, child, row, depth + 1, width)
    return row


#: what the stacks diagram shows, as its description
STACKS_TITLE = (
    "The context stacks after each change, read as text is (left to right, then the next row);"
    " the top of a stack is drawn on top."
)


def stacks_svg(moments, keys, labels):
    """The context stacks at each of *moments* (``(label, {key: names})``,
    see :meth:`Trace.stacks_over_time`), one column per moment, each
    stack drawn bottom up, the label of the function that changed them
    under each column.  *keys* and *labels* name the stacks, one band
    per stack, named at the right.  The columns go left to right and on
    to the next row when the diagram would be wider than :data:`WIDTH`,
    so that it is shown at its own size, its text as large as the
    page's small print."""
    texts = [m for m, _ in moments] + [i for _, snap in moments for s in snap.values() for i in s]
    column = max(120, max(len(t) for t in texts) * CHAR + 24)
    named = max([0] + [len(n) for n in labels]) * CHAR + 8
    per_row = max(1, int((WIDTH - named) // column))
    box = 20
    deepest = max([1] + [len(s) for _, snap in moments for s in snap.values()])
    band = (deepest + 1) * box + 18
    block = band * len(keys) + 30  # one row of columns, its labels under it
    parts = []
    for i, (moment, snap) in enumerate(moments):
        top = (i // per_row) * block
        x = (i % per_row) * column + 4
        for j, key in enumerate(keys):
            base = top + j * band + band - 8
            parts.append(
                f'<line x1="{x}" y1="{base}" x2="{x + column - 12}" y2="{base}" stroke="#555"/>'
            )
            for k, item in enumerate(snap.get(key, ())):
                y = base - (k + 1) * box
                parts.append(
                    f'<g class="context"><title>{html.escape(item)}</title>'
                    f'<rect x="{x}" y="{y}" width="{column - 12}" height="{box - 2}" '
                    f'fill="{"#cfe3f5" if "Request" in item else "#f7e3c2"}" stroke="#888"/>'
                    f'<text x="{x + 4}" y="{y + 14}" font-size="{FONT}">{html.escape(item)}'
                    "</text></g>"
                )
        parts.append(
            f'<text x="{x}" y="{top + block - 8}" font-size="{FONT}" font-weight="bold">'
            f"{html.escape(moment)}</text>"
        )
    rows = -(-len(moments) // per_row)
    shown = min(per_row, len(moments))
    for row in range(rows):
        for j, name in enumerate(labels):
            parts.append(
                f'<text x="{shown * column}" y="{row * block + j * band + band - 12}" '
                f'font-size="{FONT}" fill="#555">{html.escape(name)}</text>'
            )
    width = shown * column + named
    return _svg(width, max(rows, 1) * block, "".join(parts), STACKS_TITLE)


def _svg(width, height, body, title):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'width="{width:g}" role="img" font-family="monospace">'
        f"<desc>{html.escape(title)}</desc>{body}</svg>"
    )


_SVG_SIZE = re.compile(r'<svg [^>]*viewBox="0 0 ([\d.]+) ([\d.]+)"')


def _stack_vertically(parts):
    """Several ``<svg>`` elements as one document, one under the other
    (nested ``<svg>`` elements keep each diagram's own coordinates)."""
    if not parts:
        return _svg(WIDTH, ROW, "", "an empty trace: no call was recorded")
    width = top = 0.0
    placed = []
    for part in parts:
        w, h = (float(v) for v in _SVG_SIZE.match(part).groups())
        placed.append(part.replace("<svg ", f'<svg x="0" y="{top:g}" height="{h:g}" ', 1))
        width, top = max(width, w), top + h + 16
    inner = "".join(placed)
    return _svg(width, top - 16, inner, "a flask01 trace")


# -- making a request ---------------------------------------------------------


def load_app(spec):
    """The application named by *spec*, as the CLI's ``--app`` takes it:
    ``module``, ``module:name``, ``module:factory()`` or
    ``module:factory(args)`` with literal arguments, where *module* may
    also be a path to a ``.py`` file (its folder goes on ``sys.path``,
    above it the folders of the packages it is in).  Without a name,
    the module's ``app`` or ``application``, its only application, or
    what its ``create_app`` or ``make_app`` returns.

    Works for flask01 and flask01.modern applications alike: an
    application is anything with ``wsgi_app`` and ``test_client``."""
    module_name, _, expression = spec.partition(":")
    if module_name.endswith(".py") or os.sep in module_name or "/" in module_name:
        module_name = _import_path(module_name)
    elif os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    module = importlib.import_module(module_name)
    if expression:
        return _named_app(module, expression.strip(), spec)
    for name in ("app", "application"):
        if _is_app(getattr(module, name, None)):
            return getattr(module, name)
    found = [v for v in vars(module).values() if _is_app(v)]
    if len(found) == 1:
        return found[0]
    for name in ("create_app", "make_app"):
        factory = getattr(module, name, None)
        if callable(factory):
            app = factory()
            if _is_app(app):
                return app
    raise LookupError(f"{spec}: no application found in {module_name}; name it as {spec}:NAME")


def _is_app(value):
    return (
        not isinstance(value, type) and hasattr(value, "wsgi_app") and hasattr(value, "test_client")
    )


def _import_path(path):
    path = os.path.realpath(path)
    if path.endswith(".py"):
        path = path[:-3]
    if os.path.basename(path) == "__init__":
        path = os.path.dirname(path)
    parts = [os.path.basename(path)]
    folder = os.path.dirname(path)
    while os.path.isfile(os.path.join(folder, "__init__.py")):
        parts.insert(0, os.path.basename(folder))
        folder = os.path.dirname(folder)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return ".".join(parts)


def _named_app(module, expression, spec):
    try:
        tree = ast.parse(expression, mode="eval").body
    except SyntaxError:
        raise LookupError(f"{spec}: {expression!r} is not a name or a call") from None
    if isinstance(tree, ast.Name):
        app = getattr(module, tree.id, None)
    elif isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name):
        try:
            args = [ast.literal_eval(a) for a in tree.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in tree.keywords}
        except ValueError:
            raise LookupError(f"{spec}: a factory's arguments must be literals") from None
        factory = getattr(module, tree.func.id, None)
        if not callable(factory):
            raise LookupError(f"{spec}: {module.__name__} has no {tree.func.id}()")
        app = factory(*args, **kwargs)
    else:
        raise LookupError(f"{spec}: {expression!r} is not a name or a call")
    if not _is_app(app):
        raise LookupError(f"{spec}: {expression} is not a flask01 application")
    return app


def trace_request(app, method, path, follow=DEFAULT_FOLLOW, **request):
    """Make one request to *app* through its test client under a trace
    and return ``(trace, response)``; *request* goes to the client's
    ``open`` (``data``, ``headers``, ``json``, ...).

    The response is read and closed inside the trace, so the body's
    iteration and ``close()`` are in it.  A context the request left on
    a stack (flask01.modern preserves a failed request's context in
    debug mode; flask01 leaves it on the stack) is popped after the
    trace, so the process is left as it was; the trace still lists it in
    ``Trace.left_on_stacks``.  An exception of the application goes
    on to the caller, after that clean-up."""
    recorder = Trace(follow)
    return recorder, _request_under(recorder, app, method, path, request)


def _request_under(recorder, app, method, path, request):
    client = app.test_client()
    try:
        with recorder:
            response = client.open(path, method=method.upper(), **request)
            response.get_data()
            response.close()
    finally:
        _pop_left_over(recorder)
    return response


def _pop_left_over(recorder):
    """Pop, top first, the contexts *recorder* saw pushed and not popped:
    through the context's own ``pop`` in flask01.modern (which also pops
    the application context a request context pushed), through the
    stack's in flask01, whose contexts have no ``pop``.  A context pushed
    before the trace is not touched."""
    left = set(recorder.left_on_stacks)
    for key in ("flask01.modern.request", "flask01.modern.app", "flask01.request"):
        stack = recorder._stack_objects.get(key)
        while stack is not None and stack.top is not None:
            top = stack.top
            name = (key, recorder._names(top))
            if name not in left:
                break
            left.discard(name)
            if key == "flask01.request":
                stack.pop()
            else:
                top.pop()


# -- the command line ---------------------------------------------------------


def main(argv=None):
    """``python -m flask01.tracing APP METHOD PATH``: trace one request,
    print the tree; ``--svg FILE`` and ``--json FILE`` write the other
    forms.  The exit status is 0 when the application answered, 1 when
    it raised (the tree up to the failure is printed all the same), 2
    when the application could not be loaded."""
    parser = argparse.ArgumentParser(
        prog="python -m flask01.tracing",
        description="Make one request to a flask01 or flask01.modern application "
        "through its test client and print what the framework did.",
    )
    parser.add_argument(
        "app",
        help="the application, as --app takes it: module:app, path/to/file.py:app, "
        "package:create_app()",
    )
    parser.add_argument("method", help="the HTTP method, e.g. GET")
    parser.add_argument("path", help="the path, with a query string if any")
    parser.add_argument("--data", help="the request body")
    parser.add_argument(
        "--header", action="append", default=[], metavar="NAME:VALUE", help="a request header"
    )
    parser.add_argument("--svg", metavar="FILE", help="also write the diagrams as SVG")
    parser.add_argument("--json", metavar="FILE", help="also write the trace as JSON")
    parser.add_argument(
        "--follow",
        default=",".join(DEFAULT_FOLLOW),
        help="the modules whose calls are recorded, comma-separated (default: flask01)",
    )
    parser.add_argument("--no-args", action="store_true", help="leave the arguments out")
    options = parser.parse_args(argv)
    try:
        app = load_app(options.app)
    except (ImportError, LookupError) as exc:
        parser.exit(2, f"{parser.prog}: {exc}\n")
    headers = [tuple(p.strip() for p in h.partition(":")[::2]) for h in options.header]
    follow = tuple(m.strip() for m in options.follow.split(",") if m.strip())
    recorder, failure, response = Trace(follow), None, None
    request = {"data": options.data, "headers": headers}
    try:
        response = _request_under(recorder, app, options.method, options.path, request)
    except Exception as exc:  # shown after the tree up to it
        failure = exc
    print(recorder.text(args=not options.no_args))
    if options.svg:
        with open(options.svg, "w", encoding="utf-8") as f:
            f.write(recorder.svg())
    if options.json:
        with open(options.json, "w", encoding="utf-8") as f:
            f.write(recorder.json())
    if failure is not None:
        print(f"the application raised {failure!r}", file=sys.stderr)
        return 1
    print(f"{options.method.upper()} {options.path}: {response.status}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
