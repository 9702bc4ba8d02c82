"""flask01 behind real servers on 127.0.0.1: Werkzeug's development server
through app.run(), and waitress as a production WSGI server."""

import time

import pytest

from tests.servers import ServerFailed, free_port, http_request, script_server

pytestmark = pytest.mark.concurrent

WAITRESS_SCRIPT = """
import waitress
from tests.apps.served import app
waitress.serve(app, host="127.0.0.1", port={port}, threads=2, _quiet=True)
"""


@pytest.fixture
def waitress_port():
    """Serve tests/apps/served.py with waitress in a child process."""
    pytest.importorskip("waitress", reason="waitress is in the test dependency group")
    port = free_port()
    with script_server(WAITRESS_SCRIPT.format(port=port), port):
        yield port


def test_waitress_serves_views_sessions_and_redirects(waitress_port):
    port = waitress_port
    status, headers, body = http_request(port, "GET", "/")
    assert (status, body) == (200, b"visit 1")
    cookie = headers["Set-Cookie"].split(";")[0]
    assert http_request(port, "GET", "/", {"Cookie": cookie})[2] == b"visit 2"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert http_request(port, "POST", "/echo", form, "word=hi")[2] == b"echo hi"
    status, headers, _ = http_request(port, "GET", "/folder")
    assert status == 301
    assert headers["Location"] == f"http://127.0.0.1:{port}/folder/"


def test_waitress_serves_static_files_and_refuses_traversal(waitress_port):
    port = waitress_port
    assert http_request(port, "GET", "/static/hello.txt")[2] == b"hello static\n"
    for path in (
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/..%2fsecret.txt",
        "/static/hello.txt%00",
    ):
        assert http_request(port, "GET", path)[0] == 404, path


RUN_SCRIPT = """
import flask01 as flask
app = flask.Flask("served")

@app.route("/")
def index():
    return "served by app.run"

@app.route("/boom")
def boom():
    raise ValueError("shown by the debugger")

app.run(host="127.0.0.1", port={port}, {options})
"""


def test_app_run_serves_through_werkzeugs_development_server():
    port = free_port()
    with script_server(RUN_SCRIPT.format(port=port, options=""), port):
        status, headers, body = http_request(port, "GET", "/")
        assert (status, body) == (200, b"served by app.run")
        assert headers["Server"].startswith("Werkzeug/")
        assert http_request(port, "GET", "/boom")[0] == 500


def test_app_run_with_debug_shows_the_interactive_debugger():
    port = free_port()
    options = "debug=True, use_reloader=False"
    with script_server(RUN_SCRIPT.format(port=port, options=options), port):
        status, _, body = http_request(port, "GET", "/boom")
        assert status == 500
        assert b"Werkzeug Debugger" in body
        assert b"shown by the debugger" in body


def test_run_passes_debug_to_the_reloader_and_debugger(app, monkeypatch):
    calls = []
    monkeypatch.setattr(
        "werkzeug.serving.run_simple", lambda *args, **kwargs: calls.append((args, kwargs))
    )
    app.run(debug=True)
    app.run(port=8000, use_reloader=False, threaded=True)
    assert app.debug is True
    assert calls[0] == (("localhost", 5000, app), {"use_reloader": True, "use_debugger": True})
    assert calls[1] == (
        ("localhost", 8000, app),
        {"use_reloader": False, "use_debugger": True, "threaded": True},
    )


# -- the helpers themselves ----------------------------------------------------


def test_a_server_script_that_dies_before_listening_fails_at_once_with_its_output():
    started = time.monotonic()
    with (
        pytest.raises(ServerFailed, match="exited with code 1 before it listened") as failed,
        script_server("import not_a_server_library", free_port()),
    ):
        pass  # pragma: no cover
    assert "No module named 'not_a_server_library'" in str(failed.value)
    assert time.monotonic() - started < 5  # not the 10 s wait for a listener


def test_a_server_that_dies_while_in_use_fails_the_block_with_its_output():
    port = free_port()
    script = f"""
import socket, sys
server = socket.create_server(("127.0.0.1", {port}))
server.accept()[0].close()
sys.exit("the server gave up")
"""
    with (
        pytest.raises(ServerFailed, match="exited with code 1") as failed,
        script_server(script, port) as process,
    ):
        process.wait(10)
    assert "the server gave up" in str(failed.value)
