"""What is kept on purpose although it is unsafe (docs/security.rst).

Each of these is Flask 0.1's behaviour (flask01) or Flask 2.1.3's
(flask01.modern), kept because it is the behaviour the project
reproduces, and written on the security page with what an application
does instead.  Each test here shows the behaviour as it is, so that the
page cannot claim it away; where the page recommends something in its
place, a test shows that the recommendation works.
"""

import json
import os
import sys
import threading
import types

import pytest

import flask01
import flask01.modern
from tests.servers import raw_request, threaded_server

# -- flask01: abort() in a before-request function is a 500 --------------------


def members_only_app(answer_instead=False):
    app = flask01.Flask(__name__)

    @app.before_request
    def members_only():
        if answer_instead:
            return "members only", 403
        flask01.abort(403)

    @app.route("/")
    def index():
        return "members"

    return app


@pytest.mark.concurrent
def test_abort_in_a_before_request_function_is_a_500_in_flask01():
    # 0.1 handles HTTP exceptions in dispatch_request only; the Forbidden
    # leaves wsgi_app and the server answers 500 (Flask 0.7 changed it).
    with threaded_server(members_only_app()) as port:
        status, answer = raw_request(
            port, b"GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        )
    assert status == 500
    assert b"members" not in answer


def test_a_before_request_function_that_returns_its_answer_gets_it():
    client = members_only_app(answer_instead=True).test_client()
    with client.get("/") as response:
        assert (response.status_code, response.data) == (403, b"members only")


# -- flask01: absolute redirects built from the Host header -------------------------


def redirecting_app():
    app = flask01.Flask(__name__)

    @app.route("/login")
    def login():
        return flask01.redirect("/account")

    @app.route("/login-absolute")
    def login_absolute():
        return flask01.redirect("https://example.org/account")

    return app


@pytest.mark.concurrent
def test_a_poisoned_host_header_chooses_the_target_of_a_flask01_redirect():
    with threaded_server(redirecting_app()) as port:
        request = b"GET /login HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
        status, answer = raw_request(port, request)
    assert status == 302
    assert b"\r\nLocation: http://evil.example/account\r\n" in answer


def test_an_absolute_redirect_target_is_sent_as_given_whatever_the_host():
    client = redirecting_app().test_client()
    with client.get("/login-absolute", headers={"Host": "evil.example"}) as response:
        assert response.headers["Location"] == "https://example.org/account"


# -- flask01: the session cookie has no HttpOnly, Secure or expiry ---------------------


def logging_in(app):
    """*app* with a secret key and a page, ``/login``, that writes the
    session: the cookie whose attributes are read."""
    app.secret_key = "kept"

    @app.route("/login")
    def login():
        flask01.session["user"] = "alice"
        return "in"

    return app


def httponly_session_app():
    """The override the security page recommends."""

    class App(flask01.Flask):
        def save_session(self, session, response):
            session.save_cookie(response, self.session_cookie_name, httponly=True)

    return logging_in(App(__name__))


def cookie_attributes(app):
    with app.test_client().get("/login") as response:
        header = response.headers["Set-Cookie"]
    return {part.strip().split("=")[0].lower() for part in header.split(";")[1:]}


def test_the_flask01_session_cookie_has_no_httponly_secure_or_expiry():
    assert cookie_attributes(logging_in(flask01.Flask(__name__))) == {"path"}


def test_a_save_session_override_can_mark_the_cookie_httponly():
    assert cookie_attributes(httponly_session_app()) == {"path", "httponly"}


# -- both: symbolic links inside the folder are followed -----------------------------


@pytest.fixture
def folder_with_a_link(tmp_path, monkeypatch):
    """An application folder whose ``static/`` holds a symbolic link to a
    file outside it; a module named ``linked_app`` lives there."""
    (tmp_path / "outside.txt").write_text("outside the static folder\n")
    (tmp_path / "static").mkdir()
    os.symlink(tmp_path / "outside.txt", tmp_path / "static" / "link.txt")
    module = types.ModuleType("linked_app")
    module.__file__ = str(tmp_path / "linked_app.py")
    monkeypatch.setitem(sys.modules, "linked_app", module)
    return tmp_path


def test_a_symbolic_link_in_the_flask01_static_folder_is_followed(folder_with_a_link):
    client = flask01.Flask("linked_app").test_client()
    with client.get("/static/link.txt") as response:
        assert (response.status_code, response.data) == (200, b"outside the static folder\n")


def test_a_symbolic_link_in_the_modern_static_folder_is_followed(folder_with_a_link):
    client = flask01.modern.Flask("linked_app").test_client()
    with client.get("/static/link.txt") as response:
        assert (response.status_code, response.data) == (200, b"outside the static folder\n")


def test_send_from_directory_follows_a_symbolic_link_in_its_root(folder_with_a_link):
    app = flask01.modern.Flask("linked_app")
    app.route("/files/<path:name>")(lambda name: flask01.modern.send_from_directory("static", name))
    with app.test_client().get("/files/link.txt") as response:
        assert response.data == b"outside the static folder\n"


def test_a_realpath_check_refuses_the_link(folder_with_a_link):
    # what the security page recommends where links may appear
    app = flask01.modern.Flask("linked_app")
    root = os.path.realpath(folder_with_a_link / "static")

    @app.route("/files/<path:name>")
    def files(name):
        if os.path.commonpath([root, os.path.realpath(os.path.join(root, name))]) != root:
            flask01.modern.abort(404)
        return flask01.modern.send_from_directory("static", name)

    with app.test_client().get("/files/link.txt") as response:
        assert response.status_code == 404


# -- modern: PRESERVE_CONTEXT_ON_EXCEPTION on a thread-per-request server ----------------


def failing_app(**config):
    app = flask01.modern.Flask(__name__)
    app.config.update(config)
    app.logger.disabled = True  # ten logged tracebacks tell nothing
    torn_down = []

    @app.teardown_request
    def count(exc):
        torn_down.append(type(exc).__name__)

    @app.route("/fail")
    def fail():
        raise KeyError("gone")

    return app, torn_down


def ten_failures(app):
    """Ten failing requests through Werkzeug's threaded server, which
    handles each request in a thread of its own; the statuses."""
    with threaded_server(app) as port:
        request = b"GET /fail HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"
        return [raw_request(port, request)[0] for _ in range(10)]


@pytest.mark.concurrent
def test_preserved_contexts_are_never_torn_down_on_a_thread_per_request_server():
    # debug mode turns preservation on; the failures propagate to the
    # server, which answers 500 itself
    app, torn_down = failing_app(DEBUG=True)
    assert ten_failures(app) == [500] * 10
    assert torn_down == []


@pytest.mark.concurrent
def test_without_preservation_every_failure_is_torn_down():
    app, torn_down = failing_app(DEBUG=True, PRESERVE_CONTEXT_ON_EXCEPTION=False)
    assert ten_failures(app) == [500] * 10
    assert torn_down == ["KeyError"] * 10


@pytest.mark.concurrent
def test_a_preserved_context_is_torn_down_by_the_next_request_in_its_thread():
    app, torn_down = failing_app(PRESERVE_CONTEXT_ON_EXCEPTION=True)
    client = app.test_client()

    def two_requests():
        with client.get("/fail"):
            pass
        assert torn_down == []
        with client.get("/fail"):
            pass

    thread = threading.Thread(target=two_requests)
    thread.start()
    thread.join(10)
    assert torn_down == ["KeyError"]  # the first, popped by the second


# -- flask01: urlencoded bodies have no limit --------------------------------------------


def form_app(refuse_over=None):
    app = flask01.Flask(__name__)

    if refuse_over is not None:

        @app.before_request
        def limit():
            length = flask01.request.content_length
            if length is None or length > refuse_over:
                return "too large", 413

    @app.route("/form", methods=["POST"])
    def form():
        return json.dumps({"fields": len(flask01.request.form)})

    return app


MANY_FIELDS = b"&".join(b"f%d=v" % i for i in range(500_000))


def test_flask01_parses_an_urlencoded_body_of_any_size():
    client = form_app().test_client()
    with client.post(
        "/form", data=MANY_FIELDS, content_type="application/x-www-form-urlencoded"
    ) as response:
        assert json.loads(response.data) == {"fields": 500_000}


def test_a_before_request_length_check_refuses_a_large_body_unread():
    client = form_app(refuse_over=100_000).test_client()
    with client.post(
        "/form", data=MANY_FIELDS, content_type="application/x-www-form-urlencoded"
    ) as response:
        assert response.status_code == 413
    with client.post("/form", data=b"a=1", content_type="application/x-www-form-urlencoded") as r:
        assert json.loads(r.data) == {"fields": 1}
