"""Fixtures for flask01.modern."""

import gc
import os

import pytest

import flask01.modern as flask


@pytest.fixture
def app(tmp_path):
    """An application rooted in a temporary folder with a static file."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "hello.txt").write_text("hello\n")
    app = flask.Flask("modern_tests", root_path=str(tmp_path))
    app.secret_key = "test key"
    return app


@pytest.fixture
def client(app):
    return app.test_client()


def open_fds():
    """The number of file descriptors this process has open."""
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def asgiref_threads_end():
    """After a test of an async view: collect the garbage, so that the
    thread asgiref ran the event loop in ends.  asgiref makes an executor
    for each call and never shuts it down; its worker thread ends when the
    executor is collected, which a reference cycle can put off until the
    next collection, past the time the leak check allows."""
    yield
    gc.collect()
