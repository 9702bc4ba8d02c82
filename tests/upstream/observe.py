"""Observations of the four upstream bugs, run against whatever Flask and
Werkzeug are installed.

Each ``observe_*`` function builds the smallest application that shows
one bug with the real ``flask`` package and returns what happened.  The
characterization tests (``test_characterization.py``) assert the answers;
``report.py`` prints them as one row per installed version, which is how
the ``versions`` nox session tells which releases behave how.

This module imports only Flask and Werkzeug, never flask01, so that it can
run against releases flask01 itself does not support.
"""

import gc
import io
import os
import socket
import tempfile
import threading
import warnings
import wsgiref.util

from werkzeug.test import create_environ


def _app_with_file(tmp_path):
    import flask

    with open(os.path.join(tmp_path, "file.txt"), "w") as f:
        f.write("file contents\n")
    return flask, flask.Flask(__name__, root_path=tmp_path)


def observe_werkzeug_3039(tmp_path):
    """Werkzeug 3039: send a file through a server that offers
    ``wsgi.file_wrapper``, then close the iterable as a server does.

    Returns the type name of the iterable the server got, whether it is
    the server's own file wrapper, and whether the response's
    ``call_on_close`` callback ran.
    """
    flask, app = _app_with_file(tmp_path)
    calls = []

    @app.route("/")
    def download():
        response = flask.send_file("file.txt")
        response.call_on_close(lambda: calls.append("ran"))
        return response

    environ = create_environ("/")
    environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
    iterable = app(environ, lambda status, headers, exc_info=None: None)
    body = b"".join(iterable)
    iterable.close()
    return {
        "body": body.decode(),
        "iterable": type(iterable).__name__,
        "is_server_file_wrapper": isinstance(iterable, wsgiref.util.FileWrapper),
        "call_on_close_ran": calls == ["ran"],
    }


def observe_flask_5483(tmp_path):
    """Flask 5483: a test that makes a ``send_from_directory`` request and
    never closes the response.  Returns the warnings raised when the
    response is garbage-collected."""
    flask, app = _app_with_file(tmp_path)

    @app.route("/<path:name>")
    def files(name):
        return flask.send_from_directory(tmp_path, name)

    client = app.test_client()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = client.get("/file.txt")
        status = response.status_code
        del response
        gc.collect()
    return {
        "status": status,
        "warnings": sorted(
            {f"{w.category.__name__}: {str(w.message).split(' name=')[0]}" for w in caught}
        ),
    }


def observe_flask_5399():
    """Flask 5399: a view reads ``request.files``, hands a
    ``copy_current_request_context`` function to a thread and returns;
    the thread reads the upload afterwards.  Returns what the thread got."""
    import flask

    app = flask.Flask(__name__)
    view_returned = threading.Event()
    result = {}

    @app.route("/upload", methods=["POST"])
    def upload():
        result["filename"] = flask.request.files["doc"].filename

        @flask.copy_current_request_context
        def work():
            view_returned.wait(5)
            try:
                result["read"] = flask.request.files["doc"].read().decode()
            except ValueError as e:
                result["error"] = str(e)

        result["thread"] = threading.Thread(target=work)
        result["thread"].start()
        return "accepted"

    response = app.test_client().post("/upload", data={"doc": (io.BytesIO(b"payload"), "doc.txt")})
    response.close()
    view_returned.set()
    result.pop("thread").join(5)
    return result


def observe_chunked_body_over_the_limit(sent=5000, limit=1024):
    """Truncated bodies: a client sends *sent* bytes with
    ``Transfer-Encoding: chunked`` (so no ``Content-Length``) to an
    application whose ``MAX_CONTENT_LENGTH`` is *limit*, served by
    Werkzeug's threaded server on 127.0.0.1.  Returns the status and how
    many bytes ``request.get_data()`` gave the view (``None`` when the
    view did not run)."""
    import flask
    from werkzeug.serving import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_request(self, *args, **kwargs):
            pass

    app = flask.Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = limit
    seen = {}

    @app.route("/", methods=["POST"])
    def upload():
        seen["received"] = len(flask.request.get_data())
        return "read"

    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    request = (
        b"POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
        b"Connection: close\r\n\r\n%x\r\n%s\r\n0\r\n\r\n" % (sent, b"x" * sent)
    )
    try:
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=10) as sock:
            sock.sendall(request)
            answer = b""
            while chunk := sock.recv(65536):
                answer += chunk
    finally:
        server.shutdown()
        thread.join(10)
        server.server_close()
    return {"status": int(answer.split(b" ", 2)[1]), "sent": sent, "received": seen.get("received")}


def observe_all():
    with tempfile.TemporaryDirectory() as tmp:
        return {
            "werkzeug-3039": observe_werkzeug_3039(tmp),
            "flask-5483": observe_flask_5483(tmp),
            "flask-5399": observe_flask_5399(),
            "truncated-bodies": observe_chunked_body_over_the_limit(),
        }


if __name__ == "__main__":
    import pprint

    pprint.pprint(observe_all())
