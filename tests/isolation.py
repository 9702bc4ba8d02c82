"""What a test starts, it stops, and it says that it starts things.

A pytest plugin (tests/conftest.py loads it).  For every test:

* every thread and child process it started has ended when its teardown
  is over (threads get a few seconds to finish what they were doing);
* a test that starts a thread or binds a socket (a server of its own,
  or a port for a server in a child process) carries the ``concurrent``
  marker, so that ``nox -s stress`` runs it and the selection stays
  right as tests are added (the site's tests, which that session never
  runs, excepted).  Python tells audit hooks about thread starts from
  3.12 on; on 3.10 and 3.11 only the sockets are seen.

What a fixture of a wider scope than the test starts (a browser kept for
the whole session) belongs to that scope, not to the test that happened
to set the fixture up.
"""

import glob
import os
import sys
import threading
import time
from pathlib import Path

import pytest

MARKER = "concurrent"

#: the audit events that show a test starting a thread or a server
EVENTS = {
    "_thread.start_new_thread": "started a thread",
    "_thread.start_joinable_thread": "started a thread",
    "socket.bind": "bound a socket",
}

SITE_TESTS = Path(__file__).parent / "site"

#: how long a test's threads may take to end after its teardown
GRACE = 5.0


class Watch:
    """The audit hook: what the running test did, from EVENTS."""

    def __init__(self):
        self.active = False
        self.seen = set()

    def __call__(self, event, args):
        if self.active and event in EVENTS:
            self.seen.add(EVENTS[event])


watch = Watch()

#: threads and child processes that fixtures of a wider scope started
wider_threads = set()
wider_children = set()

before_key = pytest.StashKey[tuple]()


def children():
    """The process ids of this process's children, reaped or not; empty
    where /proc does not list them."""
    found = set()
    for path in glob.glob(f"/proc/{os.getpid()}/task/*/children"):
        try:
            with open(path) as f:
                found.update(f.read().split())
        except OSError:
            pass
    return found


def pytest_configure(config):
    sys.addaudithook(watch)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    if fixturedef.scope == "function":
        return (yield)
    active, watch.active = watch.active, False
    threads, processes = set(threading.enumerate()), children()
    try:
        return (yield)
    finally:
        wider_threads.update(set(threading.enumerate()) - threads)
        wider_children.update(children() - processes)
        watch.active = active


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    item.stash[before_key] = (set(threading.enumerate()), children())
    watch.seen.clear()
    watch.active = True
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    try:
        return (yield)
    finally:
        watch.active = False
        if not needs_marker(item):
            adopt_browser_threads()
        problems = leftovers(*item.stash[before_key])
        if watch.seen and item.get_closest_marker(MARKER) is None and needs_marker(item):
            did = " and ".join(sorted(watch.seen))
            problems.append(f"it {did} but is not marked @pytest.mark.{MARKER}")
        if problems:
            pytest.fail("; ".join(problems), pytrace=False)


def needs_marker(item):
    """The marker selects tests for ``nox -s stress``, which never runs
    the site's tests (tests/site/: they check a built site, for
    ``nox -s docs``); so those need none."""
    return SITE_TESTS not in item.path.parents


def adopt_browser_threads():
    """Count as the session's the worker threads of an event loop's
    default executor (``asyncio_0``, ...).  The site's tests drive one
    browser for the whole session through Playwright, whose event loop
    starts those threads when a test first needs them and keeps them,
    idle, until the loop closes at the end of the session."""
    wider_threads.update(t for t in threading.enumerate() if t.name.startswith("asyncio_"))


def leftovers(threads, processes):
    """What is still running of what the test started."""
    new = set(threading.enumerate()) - threads - wider_threads
    deadline = time.monotonic() + GRACE
    for thread in new:
        thread.join(max(0.0, deadline - time.monotonic()))
    problems = []
    stray = sorted(t.name for t in new if t.is_alive())
    if stray:
        problems.append(f"threads still running {GRACE}s after the test: {stray}")
    processes = sorted(children() - processes - wider_children, key=int)
    if processes:
        named = ", ".join(f"{pid} ({command_line(pid)})" for pid in processes)
        problems.append(f"child processes not stopped and reaped: {named}")
    return problems


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()[:200]
    except OSError:
        return "gone"
