"""Running a chapter's code at build time leaves the process as it found
it: a profiler that was running before (a user's, a debugger's, the
build's own under ``python -m cProfile``) runs again afterwards, in this
thread and in the threads started later, whether the code returned or
raised.  And the files whose code ran are known, in every thread."""

import html
import os
import pstats
import re
import subprocess
import sys
import threading

import pytest

from flask01 import tracing

from .conftest import companion_module


@pytest.fixture
def running():
    with companion_module("running") as module:
        yield module


def _users_profiler(frame, event, arg):
    """A profiler that was running before the chapter's code ran."""


def _around(running, code):
    """Run *code* under a Watch while the user's profiler is set, in this
    thread and for new threads; return what is set after, in this thread
    and for new threads, and what *code* raised."""
    sys.setprofile(_users_profiler)
    threading.setprofile(_users_profiler)
    try:
        raised = None
        try:
            running.Watch().run(code)
        except Exception as exc:
            raised = exc
        return sys.getprofile(), threading.getprofile(), raised
    finally:
        sys.setprofile(None)
        threading.setprofile(None)


def _greet():
    return "Hello"


def test_the_profiler_that_was_running_runs_again(running):
    recorder = tracing.Trace(("tests",))

    def code():
        with recorder:  # as the trace directive runs a chapter's code
            _greet()

    after = _around(running, code)
    assert after == (_users_profiler, _users_profiler, None)
    # the trace saw the code meanwhile
    assert [call["qualname"] for call in tracing.prune(recorder.calls, {"call"})] == ["_greet"]


def test_the_files_are_noted_while_a_trace_runs(running):
    """The trace replaces the Watch as this thread's profile function
    while it runs, and hands it every event: the page still depends on
    the code the traced block ran."""

    def code():
        with tracing.Trace(("flask01",)):
            pstats.f8(1.0)

    watch = running.Watch()
    watch.run(code)
    assert pstats.__file__ in watch.files
    assert tracing.__file__ in watch.files


def test_the_profiler_runs_again_when_the_code_raised(running):
    def code():
        raise KeyError("raised by the chapter")

    this_thread, new_threads, raised = _around(running, code)
    assert (this_thread, new_threads) == (_users_profiler, _users_profiler)
    assert isinstance(raised, KeyError)


def test_a_thread_that_outlives_the_code_gets_the_profiler_threads_had(running):
    go, found, threads = threading.Event(), [], []

    def later():
        go.wait(10)
        _greet()  # the first call after the code ended
        found.append(sys.getprofile())

    def code():
        threads.append(threading.Thread(target=later))
        threads[0].start()

    _around(running, code)
    go.set()
    threads[0].join(10)
    assert found == [_users_profiler]


def test_the_files_whose_code_ran_are_noted_in_every_thread(running):
    def code():
        # pstats.f8 runs in the thread only
        worker = threading.Thread(target=pstats.f8, args=(1.0,))
        worker.start()
        worker.join()

    watch = running.Watch()
    watch.run(code)
    assert pstats.__file__ in watch.files
    assert __file__ in watch.files


def test_a_build_under_cprofile_is_profiled_to_its_end(scratch):
    """``python -m cProfile -m sphinx`` on a page with a trace: the calls
    made after the page was read, up to the build's end, are in the
    profile.  (Before Python 3.12, cProfile is the thread's profile
    function, which the trace replaces while it runs.)"""
    scratch.module("toy", "def greet(name):\n    return 'Hello ' + name\n")
    scratch.page("Toy\n===\n\n.. trace::\n   :follow: toy\n\n   import toy\n   toy.greet('Ada')\n")
    profile = scratch.folder / "build.prof"
    result = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "sphinx"]
        + ["-E", "-q", "-b", "html", "docs", "out"],
        cwd=scratch.folder,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    profiled = {
        (os.path.basename(filename), name) for filename, _, name in pstats.Stats(str(profile)).stats
    }
    assert ("running.py", "run") in profiled  # the trace ran
    assert ("failures.py", "fail_the_build") in profiled  # the build's end


def test_a_page_shows_what_the_public_tracer_records(scratch, monkeypatch):
    """One implementation: the tree, the diagram and the stacks a page
    shows are what :mod:`flask01.tracing` records for the same code."""
    scratch.module(
        "tracedtoy",
        """
        def greet(name):
            return shout("Hello " + name)

        def shout(text):
            return text.upper()
        """,
    )
    scratch.page(
        """
        Toy
        ===

        .. session::

           >>> import tracedtoy

        .. trace::
           :follow: tracedtoy
           :values:
           :diagram: the toy's calls

           tracedtoy.greet("Ada")

        .. stacks:: flask01

           import flask01
           app = flask01.Flask("toyapp")
           with app.test_request_context("/x"):
               pass
        """
    )
    result = scratch.build()
    assert result.returncode == 0, result.stderr
    page = (scratch.folder / "out" / "index.html").read_text(encoding="utf-8")

    monkeypatch.syspath_prepend(str(scratch.folder))
    import tracedtoy

    with tracing.Trace(("tracedtoy",)) as recorder:
        tracedtoy.greet("Ada")
    calls = tracing.prune(recorder.calls, {"call"})
    assert tracing.icicle_svg(calls, "the toy's calls") in page
    tree = re.search(r"<pre>(.*?)</pre>", page[page.index("companion-trace") :], re.S).group(1)
    shown = html.unescape(re.sub(r"<[^>]+>", "", tree)).strip()
    assert shown == recorder.text(args=False, kinds={"call"})
    assert shown == "greet → 'HELLO ADA'\n└─ shout → 'HELLO ADA'"
    # the stacks: before, the push and the pop, after
    assert page.count("RequestContext 1 /x</text>") == 1
    assert tracing.STACKS_TITLE in page
