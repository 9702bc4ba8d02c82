"""Behaviours of Flask 2.1.3 that its own test suite expects and that
flask01.modern lacked: static folders, the session cookie's domain,
``run`` and ``SERVER_NAME``, error handler registration, route
shortcuts, cookie size, the test client's URLs and session
transactions."""

import gc
import pathlib
import weakref

import pytest
import werkzeug.serving

import flask01.modern as flask


def test_static_folder_may_be_a_path_and_reads_back_absolute(tmp_path):
    app = flask.Flask("x", root_path=str(tmp_path), static_folder=pathlib.Path("assets"))
    assert app.static_folder == str(tmp_path / "assets")
    assert app.static_url_path == "/assets"


def test_static_files_are_served_from_a_path_static_folder(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.txt").write_text("A")
    app = flask.Flask("x", root_path=str(tmp_path), static_folder=pathlib.Path("assets"))
    with app.test_client().get("/assets/a.txt") as response:
        assert response.data == b"A"


def test_an_application_is_freed_without_the_cycle_collector(tmp_path):
    app = flask.Flask("x", root_path=str(tmp_path))
    alive = weakref.ref(app)
    gc.disable()
    try:
        del app
        assert alive() is None
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("server_name", "domain"),
    [("example.com:8080", ".example.com"), ("www.example.com", ".www.example.com")],
)
def test_server_name_sets_the_session_cookie_domain(app, client, server_name, domain):
    app.config["SERVER_NAME"] = server_name
    app.route("/")(lambda: flask.session.update(x=1) or "ok")
    with client.get("/", base_url=f"http://{server_name}/") as response:
        # Werkzeug 2.1 kept the leading dot (browsers ignore it), and so
        # does flask01.modern (flask01.modern._werkzeug21.dump_cookie);
        # Werkzeug 3 drops it.
        assert f"Domain={domain};" in response.headers["Set-Cookie"]
    assert app.config["SESSION_COOKIE_DOMAIN"] == domain


def test_an_explicit_session_cookie_domain_wins_over_server_name(app, client):
    app.config.update(SERVER_NAME="example.com", SESSION_COOKIE_DOMAIN="other.org")
    app.route("/")(lambda: flask.session.update(x=1) or "ok")
    with client.get("/", base_url="http://example.com/") as response:
        assert "Domain=other.org" in response.headers["Set-Cookie"]


def test_a_server_name_without_a_dot_gives_no_domain_with_a_warning(app, client):
    app.config["SERVER_NAME"] = "localhost"
    app.route("/")(lambda: flask.session.update(x=1) or "ok")
    with pytest.warns(UserWarning, match="not a valid cookie domain"), client.get("/") as response:
        assert "Domain" not in response.headers["Set-Cookie"]


def test_an_ip_server_name_is_the_domain_with_a_warning(app, client):
    app.config["SERVER_NAME"] = "127.0.0.1:5000"
    app.route("/")(lambda: flask.session.update(x=1) or "ok")
    base_url = "http://127.0.0.1:5000/"
    with pytest.warns(UserWarning, match="IP address"), client.get("/", base_url=base_url) as r:
        assert "Domain=127.0.0.1" in r.headers["Set-Cookie"]


@pytest.fixture
def run_simple_calls(monkeypatch):
    calls = []
    monkeypatch.setattr(werkzeug.serving, "run_simple", lambda *a, **kw: calls.append(a[:2]))
    return calls


@pytest.mark.parametrize(
    ("server_name", "given", "expected"),
    [
        (None, {}, ("127.0.0.1", 5000)),
        ("pocoo.org:8080", {}, ("pocoo.org", 8080)),
        ("pocoo.org", {}, ("pocoo.org", 5000)),
        ("pocoo.org:8080", {"host": "localhost", "port": 0}, ("localhost", 0)),
    ],
)
def test_run_takes_host_and_port_from_server_name(
    app, run_simple_calls, server_name, given, expected
):
    app.config["SERVER_NAME"] = server_name
    app.run(**given)
    assert run_simple_calls == [expected]


def test_an_error_handler_for_an_unknown_code_is_a_key_error(app):
    with pytest.raises(KeyError):
        app.register_error_handler(999, lambda e: "")


def test_an_error_handler_for_a_base_exception_fails_an_assertion(app):
    with pytest.raises(AssertionError, match="subclasses of Exception"):
        app.register_error_handler(KeyboardInterrupt, lambda e: "")


@pytest.mark.parametrize("method", ["get", "post", "put", "delete", "patch"])
def test_route_shortcuts_register_one_method(app, client, method):
    getattr(app, method)("/thing")(lambda: method)
    with client.open("/thing", method=method.upper()) as response:
        assert response.data == method.encode()
    other = "POST" if method == "get" else "GET"
    with client.open("/thing", method=other) as response:
        assert response.status_code == 405


def test_route_shortcuts_refuse_a_methods_argument(app):
    with pytest.raises(TypeError, match="Use the 'route' decorator"):
        app.post("/x", methods=["PUT"])


def test_max_cookie_size_comes_from_the_config(app, client):
    app.config["MAX_COOKIE_SIZE"] = 80

    @app.route("/")
    def index():
        response = flask.Response("")
        response.set_cookie("big", "x" * 100)
        return response

    with pytest.warns(UserWarning, match="cookie is too large"):
        client.get("/").close()


def test_max_cookie_size_outside_an_application_is_werkzeugs():
    assert flask.Response().max_cookie_size == 4093


def test_the_test_client_takes_scheme_and_host_from_an_absolute_url(app, client):
    app.route("/")(lambda: f"{flask.request.scheme} {flask.request.host}")
    with client.get("https://example.com/?q=1") as response:
        assert response.data == b"https example.com"


def test_session_transaction_without_cookies_is_a_runtime_error(app):
    client = app.test_client(use_cookies=False)
    with (
        pytest.raises(RuntimeError, match="only make sense with cookies enabled"),
        client.session_transaction(),
    ):
        pass


def test_session_transaction_without_a_secret_key_says_no_session_was_opened(app, client):
    app.secret_key = None
    with (
        pytest.raises(RuntimeError, match="Session backend did not open a session"),
        client.session_transaction(),
    ):
        pass


@pytest.mark.parametrize(
    ("proxy", "first_line"),
    [
        ("request", "Working outside of request context."),
        ("session", "Working outside of request context."),
        ("current_app", "Working outside of application context."),
        ("g", "Working outside of application context."),
    ],
)
def test_a_proxy_outside_its_context_raises_flask_2_1_3s_first_line(proxy, first_line):
    with pytest.raises(RuntimeError) as info:
        getattr(flask, proxy).anything  # noqa: B018
    lines = str(info.value).splitlines()
    assert lines[0] == first_line
    assert proxy in lines[2]


def test_send_file_outside_a_request_says_it_needs_a_request(tmp_path):
    with pytest.raises(RuntimeError, match=r"^Working outside of request context\."):
        flask.send_file(str(tmp_path))


def test_a_missing_name_on_g_raises_attribute_error_naming_it(app):
    with app.app_context(), pytest.raises(AttributeError) as info:
        flask.g.missing  # noqa: B018
    assert str(info.value) == "missing"


def test_popping_the_wrong_request_context_says_so_in_2_1_3s_words(app):
    first, second = app.test_request_context(), app.test_request_context()
    first.push()
    second.push()
    try:
        with pytest.raises(AssertionError) as info:
            first.pop()
    finally:
        # The failed pop took the second context off the stack and left
        # the first on it.
        flask._request_ctx_stack.pop()
    assert str(info.value).startswith("Popped wrong request context. (<")


def test_send_from_directory_sends_no_etag_unless_asked(app, client):
    @app.route("/plain/<name>")
    def plain(name):
        return flask.send_from_directory("static", name)

    @app.route("/tagged/<name>")
    def tagged(name):
        return flask.send_from_directory("static", name, etag=True)

    with client.get("/plain/hello.txt") as p_resp, client.get("/tagged/hello.txt") as t_resp:
        assert "ETag" not in p_resp.headers
        assert "ETag" in t_resp.headers


def test_static_files_carry_no_etag_but_send_file_does(app, client):
    app.route("/file")(lambda: flask.send_file("static/hello.txt"))
    with client.get("/static/hello.txt") as static, client.get("/file") as sent:
        assert "ETag" not in static.headers
        assert "ETag" in sent.headers
