"""Input an attacker or a broken client sends, each with the status it
must get: never a 500, never a file from outside its folder, never a
traceback.

Paths go two ways.  Through the test client, written as a client puts
them on the wire (percent-encoded), which the client decodes as a
server would.  And as raw bytes on a socket to a real server on
127.0.0.1, for the spellings no well-behaved client library sends.
"""

import base64
import contextlib
import io
import json
import socket
from urllib.parse import urlsplit

import pytest
from itsdangerous import URLSafeSerializer, URLSafeTimedSerializer

import flask01
import flask01.modern
import tests.apps  # noqa: F401  (imported, so Flask finds its folder)
from tests.reliability.conftest import threaded_server

SECRET = b"the file outside the static folder"


def hostile_app(flask):
    """An application rooted in tests/apps: ``static/hello.txt`` inside
    its static folder, ``secret.txt`` outside it."""
    app = flask.Flask("tests.apps")
    app.secret_key = "hostile input"

    @app.route("/echo/<name>")
    def echo(name):
        return json.dumps({"name": name, "q": flask.request.args.get("q")})

    @app.route("/form", methods=["POST"])
    def form():
        files = {k: v.read().decode() for k, v in flask.request.files.items()}
        return json.dumps({"form": dict(flask.request.form), "files": files})

    @app.route("/session")
    def session():
        return json.dumps(dict(flask.session))

    if flask is flask01.modern:

        @app.route("/download/<path:name>")
        def download(name):
            return flask.send_from_directory("static", name)

    return app


@pytest.fixture
def client(framework):
    return hostile_app(framework).test_client()


def get(client, path, **kwargs):
    with client.get(path, **kwargs) as response:
        return response.status_code, response.get_data()


# -- path traversal --------------------------------------------------------

#: every spelling of "one folder up" or "from the root" we know of, as a
#: client would send it
TRAVERSALS = [
    "../secret.txt",
    "%2e%2e/secret.txt",
    "%2E%2E/secret.txt",
    ".%2e/secret.txt",
    "..%2fsecret.txt",
    "..%2Fsecret.txt",
    "%2e%2e%2fsecret.txt",
    "..%5csecret.txt",
    "..\\secret.txt",
    "css/../../secret.txt",
    "css%2f..%2f..%2fsecret.txt",
    "%252e%252e/secret.txt",
    "%2fetc%2fpasswd",
    "%2f%2fetc%2fpasswd",
    "C:%5cWindows%5cwin.ini",
    "hello.txt%00",
    "hello.txt%00.png",
    "%00../secret.txt",
    "",
    "css",
    "css/",
    "..",
    "%2e%2e",
]


def refused(client, path, prefix):
    """The final status of *path*, following at most one redirect, which
    must stay under *prefix*; and whether the secret file leaked.

    flask01.modern answers a doubled slash (``/static//etc``) with
    Werkzeug's 308 to the merged path, as Flask 2.1.3 does; the merged
    path is still inside the folder and gets its own 404.
    """
    with client.get(path) as response:
        status, body = response.status_code, response.get_data()
        location = response.location
    if status == 308:
        target = urlsplit(location).path
        assert target.startswith(prefix), location
        status, body = get(client, target)
    return status, SECRET in body


@pytest.mark.parametrize("spelling", TRAVERSALS)
def test_static_files_refuse_every_traversal_spelling_with_404(client, spelling):
    assert refused(client, "/static/" + spelling, "/static/") == (404, False)


@pytest.mark.parametrize("spelling", TRAVERSALS)
def test_send_from_directory_refuses_every_traversal_spelling_with_404(spelling):
    client = hostile_app(flask01.modern).test_client()
    assert refused(client, "/download/" + spelling, "/download/") == (404, False)


def test_double_slash_redirects_within_the_static_folder_on_modern():
    # Werkzeug merges slashes with a redirect, as Flask 2.1.3 did; the
    # target is still under /static/ and does not exist.
    client = hostile_app(flask01.modern).test_client()
    with client.get("/static//etc/passwd") as response:
        assert response.status_code == 308
        assert urlsplit(response.location).path == "/static/etc/passwd"
    assert get(client, "/static/etc/passwd")[0] == 404


def test_a_file_inside_the_folder_is_still_served(client):
    assert get(client, "/static/hello.txt") == (200, b"hello static\n")
    assert get(client, "/static/./hello.txt") == (200, b"hello static\n")


def raw_request(port, request_bytes):
    """Send bytes as they are to 127.0.0.1:*port*; the status code and
    the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request_bytes)
        sock.shutdown(socket.SHUT_WR)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return int(answer.split(b" ", 2)[1]), answer


@pytest.fixture
def served(framework, threads_at_start):
    with threaded_server(hostile_app(framework)) as port:
        yield port


@pytest.mark.parametrize(
    "target",
    [
        b"/static/../secret.txt",
        b"/static/..%2fsecret.txt",
        b"/static/%2e%2e/secret.txt",
        b"/static/..\\secret.txt",
        b"/static/css/../../secret.txt",
        b"/static/hello.txt%00",
        b"/static/../../../../../../etc/passwd",
    ],
)
def test_a_real_server_refuses_raw_traversal_bytes(served, target):
    status, answer = raw_request(served, b"GET " + target + b" HTTP/1.1\r\nHost: t\r\n\r\n")
    assert status in (400, 404)
    assert SECRET not in answer
    assert b"root:" not in answer
    assert b"Traceback" not in answer


# -- malformed and oversized bodies -------------------------------------------

MULTIPART = "multipart/form-data; boundary=xyz"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated', MULTIPART),
        (b"no boundary in the header", "multipart/form-data"),
        (b"\x00\xff binary garbage --xyz--", MULTIPART),
        (b"--xyz\r\nno colon in this header\r\n\r\nvalue\r\n--xyz--\r\n", MULTIPART),
        (b"--xyz--\r\n", MULTIPART),
        (b"--xyz\r\n\r\n\r\n--xyz--\r\n", MULTIPART),
    ],
    ids=["unterminated", "no-boundary", "garbage", "bad-part-header", "empty", "no-disposition"],
)
def test_malformed_multipart_gives_an_empty_form_not_an_error(client, body, content_type):
    # Werkzeug (and so Flask) drops what it cannot parse; the view sees
    # an empty form and answers.
    with client.post("/form", data=body, content_type=content_type) as response:
        assert response.status_code == 200
        assert json.loads(response.data) == {"form": {}, "files": {}}


@pytest.fixture
def limited_client():
    app = hostile_app(flask01.modern)
    app.config["MAX_CONTENT_LENGTH"] = 1024
    return app.test_client()


@pytest.mark.parametrize(
    "data",
    [
        {"field": "x" * 2000},
        {"upload": (io.BytesIO(b"x" * 2000), "big.bin")},
    ],
    ids=["form", "file"],
)
def test_a_body_over_max_content_length_gets_413(limited_client, data):
    with limited_client.post("/form", data=data) as response:
        assert response.status_code == 413


def test_a_body_under_max_content_length_is_read(limited_client):
    with limited_client.post("/form", data={"field": "small"}) as response:
        assert json.loads(response.data)["form"] == {"field": "small"}


def test_a_real_server_answers_a_body_shorter_than_its_length_with_400(served):
    request = (
        b"POST /form HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-www-form-urlencoded"
        b"\r\nContent-Length: 1000\r\n\r\na=1"
    )
    status, answer = raw_request(served, request)
    assert status == 400
    assert b"Traceback" not in answer


# -- invalid percent-encoding and UTF-8 ---------------------------------------


@pytest.mark.parametrize(
    ("path", "query", "expected"),
    [
        ("/echo/%zz", b"", {"name": "%zz", "q": None}),
        ("/echo/%", b"", {"name": "%", "q": None}),
        ("/echo/%ff%fe", b"", {"name": "\ufffd\ufffd", "q": None}),
        ("/echo/%c3", b"", {"name": "\ufffd", "q": None}),
        ("/echo/x", b"q=%ff", {"name": "x", "q": "\ufffd"}),
        ("/echo/x", b"q=%c3%a9", {"name": "x", "q": "\u00e9"}),
        ("/echo/x", b"q=\xc3\xa9", {"name": "x", "q": "\u00e9"}),
        ("/echo/x", b"q=%zz%", {"name": "x", "q": "%zz%"}),
        ("/echo/x", b"q=\xff\xfe", {"name": "x", "q": "\ufffd\ufffd"}),
        ("/echo/x", b"q=%00", {"name": "x", "q": "\x00"}),
    ],
    ids=[
        "bad-escape",
        "lone-percent",
        "bad-utf8",
        "cut-utf8",
        "query-bad-utf8",
        "query-utf8",
        "query-raw-utf8",
        "query-escape",
        "query-raw-bytes",
        "query-nul",
    ],
)
def test_invalid_encoding_is_replaced_not_an_error(client, path, query, expected):
    # U+FFFD for bytes that are not UTF-8, as Werkzeug 0.6 and 2.1 gave
    # (today's Werkzeug fails on raw ones: see flask01.Request.args);
    # an escape that is not one stays as it was.
    environ = {"QUERY_STRING": query.decode("latin-1")}  # WSGI's spelling of raw bytes
    with client.get(path, environ_overrides=environ) as response:
        assert (response.status_code, json.loads(response.data)) == (200, expected)


def test_a_real_server_serves_invalid_utf8_in_the_path_and_query(served):
    request = b"GET /echo/%ff\xfe?q=\xff HTTP/1.1\r\nHost: t\r\n\r\n"
    status, answer = raw_request(served, request)
    assert status == 200
    assert b"Traceback" not in answer


# -- session cookies ------------------------------------------------------------


def forged_cookies():
    """Cookies a client might send instead of one the server signed."""
    payload = base64.urlsafe_b64encode(b'{"user":"admin"}').rstrip(b"=").decode()
    return {
        "garbage": "garbage",
        "empty": "",
        "unsigned-json": payload,
        "bad-signature": payload + ".AAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "other-key": URLSafeSerializer("another key", salt="flask01.session").dumps({"u": 1}),
        "other-key-modern": URLSafeTimedSerializer("another key", salt="cookie-session").dumps(
            {"u": 1}
        ),
        "not-a-dict": URLSafeSerializer("hostile input", salt="flask01.session").dumps([1, 2]),
        "huge": "x" * 8000,
        "quoted": '"a\\"b"',
    }


@pytest.mark.parametrize("name", list(forged_cookies()))
def test_a_forged_or_foreign_cookie_is_an_empty_session(client, name):
    cookie = {"Cookie": "session=" + forged_cookies()[name]}
    assert get(client, "/session", headers=cookie) == (200, b"{}")


@pytest.mark.parametrize("cut", [1, 10, 30])
def test_a_truncated_cookie_is_an_empty_session(framework, cut):
    app = hostile_app(framework)

    @app.route("/login")
    def login():
        framework.session["user"] = "alice"
        return "ok"

    client = app.test_client()
    get(client, "/login")
    signed = client.get_cookie("session").value
    client.set_cookie("session", signed[:-cut])
    assert get(client, "/session") == (200, b"{}")


def test_a_cookie_from_the_other_flask01_is_an_empty_session():
    signed_by_modern = hostile_app(flask01.modern).test_client()
    signed_by_modern.application.route("/in")(lambda: flask01.modern.session.update(a=1) or "in")
    get(signed_by_modern, "/in")
    cookie = signed_by_modern.get_cookie("session").value
    client = hostile_app(flask01).test_client()
    client.set_cookie("session", cookie)
    assert get(client, "/session") == (200, b"{}")


# -- huge headers -----------------------------------------------------------------


def test_a_huge_header_line_is_refused_by_the_real_server_with_431(served):
    request = b"GET /echo/x HTTP/1.1\r\nHost: t\r\nX-Big: " + b"a" * 100_000 + b"\r\n\r\n"
    status, answer = raw_request(served, request)
    assert status == 431
    assert b"Traceback" not in answer


def test_too_many_headers_are_refused_by_the_real_server_with_431(served):
    headers = b"".join(b"X-H%d: v\r\n" % i for i in range(200))
    status, _ = raw_request(served, b"GET /echo/x HTTP/1.1\r\nHost: t\r\n" + headers + b"\r\n")
    assert status == 431


def test_a_huge_header_that_reaches_the_application_is_answered(client):
    # behind a server with larger limits, the application copes too
    with contextlib.closing(client.get("/echo/x", headers={"X-Big": "a" * 1_000_000})) as r:
        assert r.status_code == 200


def test_a_huge_cookie_header_that_reaches_the_application_is_answered(client):
    cookie = "; ".join(f"c{i}=" + "v" * 100 for i in range(5000))
    assert get(client, "/session", headers={"Cookie": cookie}) == (200, b"{}")
