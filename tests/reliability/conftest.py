"""Fixtures for the reliability tests, which run against both flask01
and flask01.modern."""

import contextlib
import os
import threading

import pytest
from werkzeug.serving import make_server

import flask01
import flask01.modern


@pytest.fixture(params=[flask01, flask01.modern], ids=["flask01", "modern"])
def framework(request):
    """The framework module under test, used as ``flask`` would be."""
    return request.param


def open_fds():
    """The file descriptors this process has open right now."""
    return set(os.listdir("/proc/self/fd"))


@pytest.fixture
def threads_at_start():
    """Fail the test if it leaves a thread running (after giving the
    threads it started a few seconds to finish)."""
    before = set(threading.enumerate())
    yield before
    for thread in set(threading.enumerate()) - before:
        thread.join(timeout=5)
    stray = [t.name for t in set(threading.enumerate()) - before if t.is_alive()]
    assert not stray, f"threads still running: {stray}"


@contextlib.contextmanager
def threaded_server(app):
    """Werkzeug's threaded server on 127.0.0.1, an ephemeral port, in a
    thread of this process, for the ``with`` block."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="load-server")
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
