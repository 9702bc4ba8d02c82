"""flask01 behind real servers on 127.0.0.1: Werkzeug's development server
through app.run(), and waitress as a production WSGI server."""

import pytest

from tests.servers import free_port, http_request, script_server

WAITRESS_SCRIPT = """
import waitress
from tests.apps.served import app
waitress.serve(app, host="127.0.0.1", port={port}, threads=2, _quiet=True)
"""


@pytest.fixture
def waitress_port():
    """Serve tests/apps/served.py with waitress in a child process."""
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
    assert headers["Location"] == "http://127.0.0.1:%s/folder/" % port


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
