"""Case study Flask 5399: a copied request context and request.files.

Upstream (see tests/upstream), every context that shares a request closes
it when it is popped, so a worker thread holding a copied context reads a
closed upload once the view's context has ended.  flask01.modern closes
the request when the last context sharing it ends, in either order, and
closes it all the same in the end.
"""

import contextlib
import gc
import io
import threading

import pytest

import flask01.modern as flask
from tests.modern.test_case_werkzeug_3039 import wait_for_line
from tests.servers import free_port, http_request, script_server, threaded_server

# worker threads, and real servers
pytestmark = pytest.mark.concurrent


def upload_form():
    return {"doc": (io.BytesIO(b"payload"), "doc.txt")}


def upload_app(app, worker_body):
    """A view that hands the upload to a thread running a copied
    context, and lets the thread start only after the view returned."""
    state = {"view_returned": threading.Event()}

    @app.route("/upload", methods=["POST"])
    def upload():
        state["file"] = flask.request.files["doc"]

        @flask.copy_current_request_context
        def work():
            state["view_returned"].wait(5)
            worker_body(state)

        state["thread"] = threading.Thread(target=work)
        state["thread"].start()
        return "accepted"

    return state


def test_a_copy_pushed_and_popped_inside_the_view_leaves_the_upload_open(app, client):
    # The report: an event hook wrapped in copy_current_request_context,
    # called by the uploading library while the view still reads the file
    @app.route("/upload", methods=["POST"])
    def upload():
        doc = flask.request.files["doc"]

        @flask.copy_current_request_context
        def hook():
            return flask.request.files["doc"].filename

        first = doc.read(3)
        name = hook()  # pushes the copy and pops it again
        return f"{name}: {first.decode()}{doc.read().decode()}"

    with client.post("/upload", data=upload_form()) as response:
        assert response.get_data(as_text=True) == "doc.txt: payload"


def test_a_worker_reads_the_upload_after_the_request_returned(app, client):
    def read(state):
        state["read"] = flask.request.files["doc"].read()

    state = upload_app(app, read)
    client.post("/upload", data=upload_form())
    assert not state["file"].stream.closed
    state["view_returned"].set()
    state["thread"].join(5)
    assert state["read"] == b"payload"
    assert state["file"].stream.closed


def test_the_upload_closes_when_the_worker_ends_first(app, client):
    finished = threading.Event()

    def read_quickly(state):
        state["read"] = flask.request.files["doc"].read()

    state = {}

    @app.route("/upload", methods=["POST"])
    def upload():
        state["file"] = flask.request.files["doc"]

        @flask.copy_current_request_context
        def work():
            read_quickly(state)

        thread = threading.Thread(target=work)
        thread.start()
        thread.join(5)
        finished.set()
        state["open_after_worker"] = not state["file"].stream.closed
        return "done"

    client.post("/upload", data=upload_form())
    assert state["read"] == b"payload"
    assert state["open_after_worker"]
    assert state["file"].stream.closed


def test_a_copy_that_is_never_pushed_does_not_keep_the_upload_open(app, client):
    state = {}

    @app.route("/upload", methods=["POST"])
    def upload():
        state["file"] = flask.request.files["doc"]
        flask.copy_current_request_context(lambda: None)
        return "never ran the copy"

    client.post("/upload", data=upload_form())
    gc.collect()
    assert state["file"].stream.closed


def test_a_context_never_copied_closes_its_upload_when_popped(app, client):
    state = {}

    @app.route("/upload", methods=["POST"])
    def upload():
        state["file"] = flask.request.files["doc"]
        state["context"] = flask._request_ctx_stack.top
        return "kept to itself"

    client.post("/upload", data=upload_form())
    assert state["file"].stream.closed
    # no holders were made for a request nobody shared
    assert state["context"]._release_request is None


def test_the_original_keeps_the_upload_open_for_a_copy_made_late(app, client):
    state = {}

    @app.route("/upload", methods=["POST"])
    def upload():
        state["file"] = flask.request.files["doc"]
        state["copy"] = flask._request_ctx_stack.top.copy()
        return "copied at the end"

    client.post("/upload", data=upload_form())
    assert not state["file"].stream.closed
    with state["copy"]:
        assert flask.request.files["doc"].read() == b"payload"
    assert state["file"].stream.closed


def test_teardown_runs_once_per_context(app, client):
    teardowns = []
    app.teardown_request(lambda exc: teardowns.append(threading.current_thread().name))

    def nothing(state):
        pass

    state = upload_app(app, nothing)
    client.post("/upload", data=upload_form())
    state["view_returned"].set()
    state["thread"].join(5)
    assert len(teardowns) == 2


# -- through a real server ----------------------------------------------------


@pytest.fixture
def served(tmp_path, monkeypatch):
    """The log file tests/apps/modern_served.py writes its events to."""
    log = tmp_path / "events.log"
    log.write_text("")
    monkeypatch.setenv("FLASK01_LOG", str(log))
    return log


def multipart(content, name="doc.txt"):
    boundary = "flask01boundary"
    body = (
        (
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="doc"; filename="{name}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def post(port, path, body, headers):
    return http_request(port, "POST", path, headers, body)


WAITRESS = """
import waitress
from tests.apps.modern_served import app
waitress.serve(app, host="127.0.0.1", port={port}, threads=4, _quiet=True)
"""


def test_waitress_worker_thread_reads_the_upload(served):
    pytest.importorskip("waitress", reason="waitress is in the test dependency group")
    port = free_port()
    body, headers = multipart(b"x" * 600_000, "big.bin")  # spooled to a temp file
    with script_server(WAITRESS.format(port=port), port):
        assert post(port, "/upload", body, headers)[0] == 200
        wait_for_line(served, "worker read big.bin 600000")


@contextlib.contextmanager
def moto_s3():
    """moto's S3 server on 127.0.0.1, in a thread of this process, for
    the ``with`` block; gives its endpoint.  Skips, saying why, where
    moto's server or boto3 is missing."""
    try:
        from moto.server import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
    except ImportError as e:
        pytest.skip(f"moto's standalone server is not installed ({e}); pip install 'moto[server]'")
    pytest.importorskip("boto3", reason="boto3 is needed for the reported scenario")
    app = DomainDispatcherApplication(create_backend_app)
    with threaded_server(app, request_handler=MotoRequestHandler) as port:
        yield f"http://127.0.0.1:{port}"


def test_boto3_uploads_request_files_to_s3_from_a_worker_thread(served, monkeypatch):
    pytest.importorskip("waitress", reason="waitress is in the test dependency group")
    with moto_s3() as endpoint:
        import boto3

        monkeypatch.setenv("FLASK01_S3", endpoint)
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name="us-east-1",
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        with contextlib.closing(s3):
            s3.create_bucket(Bucket="bucket")
            port = free_port()
            body, headers = multipart(b"report contents", "report.txt")
            with script_server(WAITRESS.format(port=port), port):
                assert post(port, "/s3", body, headers)[0] == 200
                wait_for_line(served, "uploaded report.txt", timeout=30)
            stored = s3.get_object(Bucket="bucket", Key="report.txt")
            with stored["Body"] as content:
                assert content.read() == b"report contents"
