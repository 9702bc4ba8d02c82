"""Code that runs when the site is built.

``session``
    a ``>>>`` transcript, run with :mod:`doctest` in the chapter's own
    namespace; a line whose output differs fails the build, so a page
    cannot keep showing what the code no longer does.
``trace``
    runs the code in its body under the package's own tracer
    (:mod:`flask01.tracing`, the one readers use) and shows every call
    it made into the followed modules, as a tree whose names link to
    the API, with the values the calls returned.  With ``:diagram:``
    the same calls are drawn (:mod:`.diagrams`).
``stacks``
    runs its body under the same tracer and draws the context stacks
    after every push and pop.

All three share one namespace per chapter, so a chapter builds an app
in one ``session`` and traces a request to it further down.

The page shows what the code did, so it depends on that code: while
the code runs, the file of every Python function it calls (in the
threads it starts too) is noted, and any later build, not only a full
one, reads the page again when one of those files has changed.
"""

import contextlib
import doctest
import importlib
import inspect
import io
import os
import sys
import threading
import types

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from flask01 import tracing

from . import diagrams, failures, linking


def chapter_namespace(env):
    """The namespace this chapter's snippets run in (fresh per chapter)."""
    return env.temp_data.setdefault("companion_namespace", {"__name__": "chapter"})


class _RunningDirective(SphinxDirective):
    has_content = True

    def _failure(self, message):
        """An error at this directive that also fails the whole build."""
        failures.record(self.env, message)
        return self.error(message)

    def _run_code(self, recorder=None):
        """Run the directive's body in the chapter's namespace, inside
        *recorder* (a :class:`flask01.tracing.Trace`) when given."""
        compiled = compile("\n".join(self.content), "<chapter>", "exec")
        namespace = chapter_namespace(self.env)

        def run():
            with recorder if recorder is not None else contextlib.nullcontext():
                exec(compiled, namespace)

        self._run_watched(run)

    def _run_watched(self, run, namespace=None):
        """Call *run* under a :class:`Watch`, and make this page depend on
        every file whose code ran, or that a module in *namespace* (the
        chapter's) was read from, whether *run* returned or raised."""
        watch = Watch()
        try:
            return watch.run(run)
        finally:
            if namespace is None:
                namespace = chapter_namespace(self.env)
            for path in sorted(watch.files | files_of_namespace(namespace)):
                if os.path.isfile(path):  # not "<chapter>", "<frozen ...>"
                    self.env.note_dependency(path)


class SessionDirective(_RunningDirective):
    """A doctest transcript, run at build time."""

    has_content = True

    def run(self):
        text = "\n".join(self.content) + "\n"
        docname, line = self.env.docname, self.lineno
        test = doctest.DocTestParser().get_doctest(
            text, chapter_namespace(self.env), f"{docname}:{line}", docname, line
        )
        report = []
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        self._run_watched(
            lambda: runner.run(test, out=report.append, clear_globs=False), namespace=test.globs
        )
        # doctest ran on a copy of the namespace: keep what it defined
        chapter_namespace(self.env).update(test.globs)
        if runner.failures:
            raise self._failure(
                "this session's output is no longer what the code prints:\n" + "".join(report)
            )
        block = nodes.literal_block(text, text, language="pycon", classes=["companion-session"])
        return [block]


class Watch:
    """The profile function installed while a chapter's code runs.

    It notes in :attr:`files` the file of every Python function called,
    in this thread and in every thread started meanwhile (through
    :func:`threading.setprofile`).  A trace started inside it keeps
    handing it this thread's events (:mod:`flask01.tracing` passes them
    on to the profile function it found).  The profile functions that
    were set before, the build's own (``python -m cProfile -m sphinx``)
    or a debugger's, are set again afterwards."""

    def __init__(self):
        self.files = set()
        self._running = False
        self._before_threads = None

    def run(self, function):
        """Call *function* under this watch; return what it returns."""
        before, self._before_threads = sys.getprofile(), threading.getprofile()
        self._running = True
        threading.setprofile(self)
        sys.setprofile(self)
        try:
            return function()
        finally:
            sys.setprofile(None)
            self._running = False
            threading.setprofile(self._before_threads)
            tracing.restore_profiler(before)

    def __call__(self, frame, event, arg):
        if not self._running:
            # a thread started by the code outlived it: from now on it
            # has the profile function threads were given before
            sys.setprofile(self._before_threads)
            return
        if event == "call":
            self.files.add(frame.f_code.co_filename)


def files_of_namespace(namespace):
    """The files of the modules a chapter's namespace holds, and of the
    modules its classes and functions come from: a snippet may read a
    module's data without calling any of its code."""
    files = set()
    for value in list(namespace.values()):
        kind = type(value)  # never isinstance: see locate.is_namespace
        if issubclass(kind, types.ModuleType):
            module = value
        elif issubclass(kind, type | types.FunctionType):
            module = sys.modules.get(getattr(value, "__module__", None) or "")
        else:
            continue
        path = getattr(module, "__file__", None)
        if path:
            files.add(path)
    return files


def function_of(call):
    """The function object a recorded call ran, for its link."""
    obj = sys.modules.get(call["module"])
    for part in call["qualname"].split("."):
        if obj is None or part == "<locals>":
            return None
        obj = inspect.getattr_static(obj, part, None)
    return obj


def _tree_block(calls, show_values):
    """The call tree as text with box-drawing branches, names linked."""
    block = linking.annotated_code("", "", classes=["companion-trace"])
    for call in calls:
        _emit(block, call, "", True, True, show_values)
    return block


def _emit(block, call, prefix, last, top, show_values):
    branch = "" if top else ("└─ " if last else "├─ ")
    block.append(nodes.Text(prefix + branch))
    function = function_of(call)
    label = call["qualname"]
    piece = nodes.inline(label, label, classes=["nf"])
    candidates = linking.own_names(function) if function is not None else []
    if candidates:
        link = linking.code_link("", "", candidates=candidates)
        link += piece
        piece = link
    block.append(piece)
    # the tracer keeps values as short text, without memory addresses
    # (the page must be the same on every build)
    if show_values and call["returned"] is not None:
        value = " → " + call["returned"]
        block.append(nodes.inline(value, value, classes=["c1"]))
    block.append(nodes.Text("\n"))
    below = prefix + ("" if top else ("   " if last else "│  "))
    for i, child in enumerate(call["children"]):
        _emit(block, child, below, i == len(call["children"]) - 1, False, show_values)


class TraceDirective(_RunningDirective):
    has_content = True
    option_spec = {
        "follow": directives.unchanged,
        "hide": directives.unchanged,
        "values": directives.flag,
        "diagram": directives.unchanged,
    }

    def run(self):
        follow = [m.strip() for m in self.options.get("follow", "flask01").split(",")]
        hide = [h.strip() for h in self.options.get("hide", "").split(",") if h.strip()]
        printed = io.StringIO()
        recorder = tracing.Trace(tuple(follow), tuple(hide))
        try:
            with contextlib.redirect_stdout(printed):
                self._run_code(recorder)
        except Exception as exc:  # the page must say so, not show a stale tree
            raise self._failure(f"trace: the code raised {exc!r}") from None
        # the framework's own calls: the application's functions, the
        # signals and the stack and WSGI events stay out of the page's tree
        calls = tracing.prune(recorder.calls, {"call"})
        if not calls:
            raise self._failure(f"trace: the code made no call into {', '.join(follow)}")
        code = "\n".join(self.content)
        result = [nodes.literal_block(code, code, language="python")]
        if printed.getvalue():
            result.append(_printed(printed.getvalue()))
        if "diagram" in self.options:
            title = self.options["diagram"] or "the calls, top to bottom in time"
            result.append(nodes.raw("", diagrams.icicle(calls, title), format="html"))
        result.append(_tree_block(calls, "values" in self.options))
        return result


def _printed(text):
    """What the code printed, as its own block under the code."""
    block = nodes.literal_block(text, text, language="text", classes=["companion-printed"])
    return block


class StacksDirective(_RunningDirective):
    """Draw the context stacks after every push and pop the body makes."""

    has_content = True
    required_arguments = 1  # which stacks: "flask01" or "flask01.modern"

    def run(self):
        version = self.arguments[0]
        if version not in tracing.STACKS:
            raise self._failure(f"stacks: {version!r} is not one of {', '.join(tracing.STACKS)}")
        importlib.import_module(version)  # its stacks exist before the trace starts
        recorder = tracing.Trace(follow=(version,))
        try:
            self._run_code(recorder)
        except Exception as exc:
            raise self._failure(f"stacks: the code raised {exc!r}") from None
        code = "\n".join(self.content)
        return [
            nodes.literal_block(code, code, language="python"),
            nodes.raw("", diagrams.stack_columns(recorder, version), format="html"),
        ]


def setup(app):
    app.add_directive("session", SessionDirective)
    app.add_directive("trace", TraceDirective)
    app.add_directive("stacks", StacksDirective)
