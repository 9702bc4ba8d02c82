"""tests/isolation.py fails the tests it must fail, and only those: it is
loaded into a pytest run of its own on a few small tests."""

import os
import subprocess
import sys
import textwrap

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CONFTEST = """
import pytest

import tests.isolation

tests.isolation.GRACE = 0.2  # the stray thread below would take 30 s

pytest_plugins = ["tests.isolation"]


@pytest.fixture(scope="session")
def kept_for_the_session():
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="session-thread")
    thread.start()
    yield
    stop.set()
    thread.join()
"""

TESTS = """
import socket
import subprocess
import sys
import threading
import time

import pytest


def test_thread_unmarked():
    thread = threading.Thread(target=lambda: None)
    thread.start()
    thread.join()


def test_socket_unmarked():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))


@pytest.mark.concurrent
def test_thread_and_socket_marked():
    test_thread_unmarked()
    test_socket_unmarked()


@pytest.mark.concurrent
def test_stray_thread():
    threading.Thread(target=time.sleep, args=(30,), name="stray", daemon=True).start()


@pytest.mark.concurrent
def test_stray_process():
    # ends by itself once this run's pipes close
    test_stray_process.child = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )


def test_a_session_fixture_thread_belongs_to_the_session(kept_for_the_session):
    pass


def test_nothing_started():
    pass
"""


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory):
    """Each test of TESTS with its outcome and message from a pytest run
    that loads the plugin."""
    folder = tmp_path_factory.mktemp("isolation")
    (folder / "conftest.py").write_text(textwrap.dedent(CONFTEST))
    (folder / "test_cases.py").write_text(textwrap.dedent(TESTS))
    (folder / "pytest.ini").write_text(
        "[pytest]\nmarkers =\n    concurrent: runs a real server or another thread\n"
    )
    result = subprocess.run(
        # --color=no: a FORCE_COLOR in the environment would wrap the
        # outcome words read below in ANSI codes
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--color=no", "-rA", "-vv"]
        + [str(folder)],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=120,
        env=dict(os.environ, PYTHONPATH=ROOT, PYTHONWARNINGS="ignore"),
    )
    found = {}
    for line in result.stdout.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("PASSED", "ERROR", "FAILED") and "::" in rest:
            name, _, message = rest.partition(" - ")
            message = message.removeprefix("Failed: ")
            found.setdefault(name.split("::")[-1], {})[word] = message
    return found


def test_a_thread_started_without_the_marker_fails_where_python_reports_it(outcomes):
    if sys.version_info >= (3, 12):
        assert outcomes["test_thread_unmarked"]["ERROR"] == (
            "it started a thread but is not marked @pytest.mark.concurrent"
        )
    else:  # thread starts reach audit hooks from 3.12 on
        assert outcomes["test_thread_unmarked"] == {"PASSED": ""}


def test_a_socket_bound_without_the_marker_fails(outcomes):
    assert outcomes["test_socket_unmarked"]["ERROR"] == (
        "it bound a socket but is not marked @pytest.mark.concurrent"
    )


def test_a_marked_test_may_start_threads_and_servers(outcomes):
    assert outcomes["test_thread_and_socket_marked"] == {"PASSED": ""}


def test_a_thread_left_running_fails(outcomes):
    assert outcomes["test_stray_thread"]["ERROR"] == (
        "threads still running 0.2s after the test: ['stray']"
    )


def test_a_child_process_left_running_fails(outcomes):
    message = outcomes["test_stray_process"]["ERROR"]
    assert message.startswith("child processes not stopped and reaped: ")


def test_what_a_session_fixture_starts_belongs_to_the_session(outcomes):
    assert outcomes["test_a_session_fixture_thread_belongs_to_the_session"] == {"PASSED": ""}
    assert outcomes["test_nothing_started"] == {"PASSED": ""}
