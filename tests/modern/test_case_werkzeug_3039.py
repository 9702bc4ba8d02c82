"""Case study Werkzeug 3039: send_file and call_on_close.

Upstream (see tests/upstream), a file response is handed to the server as
the server's own ``wsgi.file_wrapper``, so ``Response.close`` and its
``call_on_close`` callbacks never run.  flask01.modern closes the
response when the server closes the file: exactly once, after the body,
for every kind of answer, while the server still gets its file wrapper
around an object with a working ``fileno``.
"""

import io
import os
import socket
import threading
import time
import wsgiref.util

import pytest
import werkzeug.wsgi
from werkzeug.test import create_environ

import flask01.modern as flask
from tests.modern.conftest import open_fds
from tests.servers import free_port, http_request, script_server


@pytest.fixture
def closed(app):
    """The callbacks that ran, one entry per call."""
    calls = []

    @app.route("/file", methods=["GET", "HEAD"])
    def send():
        response = flask.send_file("static/hello.txt")
        response.call_on_close(lambda: calls.append(response.status_code))
        return response

    return calls


def serve(app, **environ_options):
    """Call *app* as a WSGI server with a file wrapper does; return the
    iterable and the status."""
    environ = create_environ("/file", **environ_options)
    environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
    status = []
    iterable = app(environ, lambda s, h, exc_info=None: status.append(s))
    return iterable, status[0]


def test_the_server_gets_its_own_file_wrapper_around_a_real_fileno(app, closed):
    iterable, _ = serve(app)
    assert isinstance(iterable, wsgiref.util.FileWrapper)
    fileno = iterable.filelike.fileno()
    assert os.fstat(fileno).st_size == len("hello\n")
    iterable.close()


def test_without_a_servers_file_wrapper_werkzeugs_own_closes_the_response_once(app, closed):
    environ = create_environ("/file")
    assert "wsgi.file_wrapper" not in environ
    iterable = app(environ, lambda status, headers, exc_info=None: None)
    assert isinstance(iterable, werkzeug.wsgi.FileWrapper)
    assert isinstance(iterable.file, io.BufferedReader)  # read with no layer between
    assert b"".join(iterable) == b"hello\n"
    assert closed == []
    iterable.close()
    iterable.close()
    assert closed == [200]
    assert iterable.file.closed


def test_callbacks_run_once_after_the_body_is_sent(app, closed):
    iterable, _ = serve(app)
    assert b"".join(iterable) == b"hello\n"
    assert closed == []
    iterable.close()
    iterable.close()
    assert closed == [200]


def test_callbacks_run_when_the_client_disconnects_early(app, closed):
    iterable, _ = serve(app)
    next(iter(iterable))
    iterable.close()
    assert closed == [200]


def test_callbacks_run_for_head(app, closed):
    iterable, _ = serve(app, method="HEAD")
    assert list(iterable) == []
    iterable.close()
    assert closed == [200]


def test_callbacks_run_for_a_304(app, closed):
    etag = app.test_client().get("/file").headers["ETag"]
    closed.clear()
    iterable, status = serve(app, headers={"If-None-Match": etag})
    assert status.startswith("304")
    iterable.close()
    assert closed == [304]


def test_callbacks_run_for_a_range(app, closed):
    iterable, status = serve(app, headers={"Range": "bytes=1-3"})
    assert status.startswith("206")
    assert b"".join(iterable) == b"ell"
    iterable.close()
    assert closed == [206]


def test_no_file_descriptor_is_left_open(app, closed):
    before = open_fds()
    for _ in range(20):
        iterable, _ = serve(app)
        b"".join(iterable)
        iterable.close()
    assert open_fds() == before
    assert len(closed) == 20


@pytest.mark.concurrent
def test_callbacks_run_once_from_many_threads(app, closed):
    def one_request():
        iterable, _ = serve(app)
        b"".join(iterable)
        iterable.close()

    threads = [threading.Thread(target=one_request) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert closed == [200] * 16


def test_the_test_client_also_runs_the_callbacks(client, closed):
    client.get("/file")
    assert closed == [200]


# -- through real servers ------------------------------------------------------

GUNICORN_CONFIG = """
import io
import os

def post_worker_init(worker):
    # Count the zero-copy sends: socket.sendfile() calls os.sendfile().
    real = os.sendfile

    def counting_sendfile(*args):
        with open(os.environ["FLASK01_LOG"], "a") as f:
            f.write("sendfile\\n")
        return real(*args)

    os.sendfile = counting_sendfile
"""


@pytest.fixture
def served(tmp_path):
    """Data and log folders for tests/apps/modern_served.py."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "small.txt").write_bytes(b"small file\n")
    (data / "big.bin").write_bytes(os.urandom(8 * 1024 * 1024))
    log = tmp_path / "events.log"
    log.write_text("")
    os.environ["FLASK01_DATA"], os.environ["FLASK01_LOG"] = str(data), str(log)
    yield log
    del os.environ["FLASK01_DATA"], os.environ["FLASK01_LOG"]


def wait_for_line(log, line, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        lines = log.read_text().splitlines()
        if line in lines:
            return lines
        time.sleep(0.05)
    raise AssertionError(f"{line!r} not logged; the log has {log.read_text()!r}")


@pytest.fixture
def gunicorn_port(served, tmp_path):
    pytest.importorskip("gunicorn", reason="gunicorn is in the test dependency group")
    config = tmp_path / "gunicorn_conf.py"
    config.write_text(GUNICORN_CONFIG)
    port = free_port()
    source = f"""
import sys
from gunicorn.app.wsgiapp import run
sys.argv = ["gunicorn", "-c", {str(config)!r}, "-b", "127.0.0.1:{port}",
            "-w", "1", "--log-level", "warning", "tests.apps.modern_served:app"]
run()
"""
    with script_server(source, port):
        yield port


@pytest.mark.concurrent
def test_gunicorn_sends_with_sendfile_and_the_callback_runs(gunicorn_port, served):
    status, _, body = http_request(gunicorn_port, "GET", "/file/small.txt")
    assert (status, body) == (200, b"small file\n")
    lines = wait_for_line(served, "closed small.txt GET 200")
    assert "sendfile" in lines
    assert lines.count("closed small.txt GET 200") == 1


@pytest.mark.concurrent
def test_gunicorn_head_range_and_304_run_the_callback(gunicorn_port, served):
    status, headers, _ = http_request(gunicorn_port, "GET", "/file/small.txt")
    http_request(gunicorn_port, "HEAD", "/file/small.txt")
    wait_for_line(served, "closed small.txt HEAD 200")
    status, _, body = http_request(gunicorn_port, "GET", "/file/small.txt", {"Range": "bytes=0-4"})
    assert (status, body) == (206, b"small")
    wait_for_line(served, "closed small.txt GET 206")
    since = {"If-Modified-Since": headers["Last-Modified"]}
    assert http_request(gunicorn_port, "GET", "/file/small.txt", since)[0] == 304
    wait_for_line(served, "closed small.txt GET 304")


@pytest.mark.concurrent
def test_gunicorn_client_disconnect_still_runs_the_callback(gunicorn_port, served):
    with socket.create_connection(("127.0.0.1", gunicorn_port), timeout=10) as sock:
        sock.sendall(b"GET /file/big.bin HTTP/1.1\r\nHost: x\r\n\r\n")
        assert sock.recv(1024).startswith(b"HTTP/1.1 200")
    assert wait_for_line(served, "closed big.bin GET 200").count("closed big.bin GET 200") == 1


@pytest.mark.concurrent
def test_waitress_runs_the_callback_once(served):
    pytest.importorskip("waitress", reason="waitress is in the test dependency group")
    port = free_port()
    source = f"""
import waitress
from tests.apps.modern_served import app
waitress.serve(app, host="127.0.0.1", port={port}, threads=2, _quiet=True)
"""
    with script_server(source, port):
        status, _, body = http_request(port, "GET", "/file/small.txt")
        assert (status, body) == (200, b"small file\n")
        lines = wait_for_line(served, "closed small.txt GET 200")
    assert lines.count("closed small.txt GET 200") == 1
