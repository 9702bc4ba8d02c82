"""What a user of stock Flask does about each of the three bugs the
articles report, shown on the installed Flask and Werkzeug.

flask01.modern fixes the bugs (chapters 10 to 12); these recipes are for
an application that stays on upstream Flask.  Each one passes with
warnings as errors and leaves no file open.  Like the characterization
tests beside them they import only Flask and Werkzeug, so ``nox -s
versions`` runs them on every release it checks.
"""

import io
import os
import sys
import threading
import wsgiref.util

import pytest
import sent_files
from werkzeug.datastructures import FileStorage
from werkzeug.test import create_environ, encode_multipart


def open_fds():
    return len(os.listdir("/proc/self/fd"))


needs_proc = pytest.mark.skipif(
    not os.path.isdir("/proc/self/fd"), reason="counts descriptors in /proc"
)


def serve_once(app, path):
    """Call *app* for *path* as a server with ``wsgi.file_wrapper`` does:
    read the body, then close it.  Returns the iterable and the body."""
    environ = create_environ(path)
    environ["wsgi.file_wrapper"] = wsgiref.util.FileWrapper
    iterable = app(environ, lambda status, headers, exc_info=None: None)
    try:
        body = b"".join(iterable)
    finally:
        iterable.close()
    return iterable, body


# -- Werkzeug 3039: call_on_close behind a file wrapper ---------------------------


def test_without_direct_passthrough_call_on_close_runs_but_the_server_loses_its_file_wrapper(
    tmp_path,
):
    import flask

    (tmp_path / "export.csv").write_bytes(b"a,b\n" * 10_000)
    app = flask.Flask(__name__, root_path=str(tmp_path))
    calls = []

    @app.route("/export")
    def export():
        response = flask.send_file("export.csv")
        response.direct_passthrough = False
        response.call_on_close(lambda: calls.append("cleaned up"))
        return response

    iterable, body = serve_once(app, "/export")
    assert body == b"a,b\n" * 10_000
    assert calls == ["cleaned up"]
    # the price: the server gets Werkzeug's iterator, not its own wrapper,
    # so it cannot use sendfile for this response
    assert not isinstance(iterable, wsgiref.util.FileWrapper)


@pytest.mark.skipif(sys.platform == "win32", reason="an open file cannot be removed there")
def test_a_temporary_file_removed_once_opened_is_still_sent_through_the_servers_file_wrapper(
    tmp_path,
):
    import flask

    app = flask.Flask(__name__)
    made = []

    @app.route("/export")
    def export():
        path = tmp_path / "export.csv"
        path.write_bytes(b"a,b\n1,2\n")
        made.append(path)
        data = open(path, "rb")  # noqa: SIM115  (the response closes it)
        os.remove(path)  # nothing left to clean up after the response
        return flask.send_file(data, mimetype="text/csv")

    iterable, body = serve_once(app, "/export")
    assert body == b"a,b\n1,2\n"
    assert isinstance(iterable, wsgiref.util.FileWrapper)  # sendfile still possible
    assert not made[0].exists()


# -- Flask 5483: the unclosed test response ------------------------------------------


@pytest.fixture
def files_app(tmp_path):
    return sent_files.files_app(tmp_path)


@needs_proc
def test_a_test_that_closes_its_response_with_with_leaves_no_file_open(files_app):
    client = files_app.test_client()
    before = open_fds()
    with client.get("/files/report.txt") as response:
        assert (response.status_code, response.data) == (200, b"all good")
    assert open_fds() == before


@needs_proc
def test_a_test_that_calls_close_on_its_response_leaves_no_file_open(files_app):
    client = files_app.test_client()
    before = open_fds()
    response = client.get("/files/report.txt")
    assert response.data == b"all good"
    response.close()
    assert open_fds() == before


# -- Flask 5399: the upload read from a copied context ------------------------------


@pytest.mark.concurrent  # the worker is a thread
def test_reading_the_upload_in_the_view_gives_the_worker_bytes_that_outlive_the_request():
    import flask

    app = flask.Flask(__name__)
    view_returned = threading.Event()
    stored, workers = [], []

    @app.route("/upload", methods=["POST"])
    def upload():
        upload = flask.request.files["doc"]
        data, name = upload.read(), upload.filename  # read while the request is open

        def store():
            view_returned.wait(10)
            stored.append((name, data))

        workers.append(threading.Thread(target=store))
        workers[0].start()
        return "accepted", 202

    client = app.test_client()
    with client.post("/upload", data={"doc": (io.BytesIO(b"the document"), "doc.txt")}) as r:
        assert r.status_code == 202
    view_returned.set()
    workers[0].join(10)
    assert stored == [("doc.txt", b"the document")]


@pytest.mark.concurrent  # the worker is a thread
def test_saving_a_large_upload_in_the_view_gives_the_worker_a_file_of_its_own(tmp_path):
    import flask

    app = flask.Flask(__name__)
    view_returned = threading.Event()
    stored, workers = [], []

    @app.route("/upload", methods=["POST"])
    def upload():
        path = tmp_path / "upload.bin"
        flask.request.files["doc"].save(path)  # copied in blocks, not into memory

        def store():
            view_returned.wait(10)
            with open(path, "rb") as f:
                stored.append(len(f.read()))
            os.remove(path)

        workers.append(threading.Thread(target=store))
        workers[0].start()
        return "accepted", 202

    # Over 500 kB, Werkzeug's parser spools the upload to a temporary file.
    # The body is encoded here, in memory: the test client's builder would
    # spool it to a temporary file of its own that nothing closes.
    big = {"doc": FileStorage(io.BytesIO(b"x" * 600_000), "big.bin")}
    boundary, body = encode_multipart(big)
    client = app.test_client()
    content_type = f"multipart/form-data; boundary={boundary}"
    with client.post("/upload", data=body, content_type=content_type) as r:
        assert r.status_code == 202
    view_returned.set()
    workers[0].join(10)
    assert stored == [600_000]
