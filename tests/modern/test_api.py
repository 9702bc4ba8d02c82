"""flask01.modern's public helpers: sessions, responses, errors, files,
config, URLs."""

import datetime
import uuid

import pytest
from markupsafe import Markup

import flask01.modern as flask


def test_session_cookie_is_readable_by_real_flask(app, client):
    upstream = pytest.importorskip("flask")
    value = {"t": (1, "two"), "b": b"\x00", "m": Markup("<b>"), "u": uuid.UUID(int=5)}

    @app.route("/")
    def index():
        flask.session.update(value)
        return ""

    cookie = client.get("/").headers["Set-Cookie"].split(";")[0].split("=", 1)[1]
    real = upstream.Flask("real")
    real.secret_key = app.secret_key
    signer = real.session_interface.get_signing_serializer(real)
    assert signer.loads(cookie) == value


def test_session_round_trips_datetimes_and_tag_like_keys(app):
    interface = app.session_interface
    signer = interface.get_signing_serializer(app)
    when = datetime.datetime(2026, 11, 21, 12, 0, tzinfo=datetime.timezone.utc)
    data = {"when": when, "nested": {" t": "not a tuple"}}
    assert signer.loads(signer.dumps(data)) == data


def test_a_forged_session_cookie_gives_an_empty_session(app, client):
    @app.route("/")
    def index():
        return repr(dict(flask.session))

    client.set_cookie("session", "eyJhIjoxfQ.forged.signature")
    assert client.get("/").data == b"{}"


def test_without_secret_key_writing_the_session_says_what_to_do(app, client):
    app.secret_key = None
    app.testing = True

    @app.route("/")
    def index():
        flask.session["a"] = 1
        return ""

    with pytest.raises(RuntimeError, match="no secret key"):
        client.get("/")


def test_session_transaction_sets_the_clients_session(app, client):
    @app.route("/")
    def index():
        return flask.session.get("user", "nobody")

    with client.session_transaction() as session:
        session["user"] = "ada"
    assert client.get("/").data == b"ada"


@pytest.mark.parametrize(
    ("rv", "status", "body", "header"),
    [
        ("text", 200, b"text", None),
        (("made", 201), 201, b"made", None),
        (("h", {"X-A": "1"}), 200, b"h", ("X-A", "1")),
        (("all", 202, [("X-B", "2")]), 202, b"all", ("X-B", "2")),
        ({"a": 1}, 200, b'{"a":1}\n', ("Content-Type", "application/json")),
    ],
)
def test_make_response_accepts_flask_return_values(app, rv, status, body, header):
    with app.test_request_context("/"):
        response = app.make_response(rv)
    assert (response.status_code, response.get_data()) == (status, body)
    if header:
        assert response.headers[header[0]] == header[1]


def test_a_view_returning_none_is_a_type_error(app, client):
    app.testing = True
    app.add_url_rule("/", "index", lambda: None)
    with pytest.raises(TypeError, match="did not return a valid response"):
        client.get("/")


def test_error_handlers_match_by_class_hierarchy(app, client):
    class AppError(Exception):
        pass

    @app.errorhandler(AppError)
    def handle(e):
        return type(e).__name__, 409

    class Specific(AppError):
        pass

    @app.route("/")
    def index():
        raise Specific()

    response = client.get("/")
    assert (response.status_code, response.data) == (409, b"Specific")


def test_500_handler_receives_the_original_exception(app, client):
    app.logger.disabled = True

    @app.errorhandler(500)
    def handle(e):
        return repr(e.original_exception), 500

    app.add_url_rule("/", "index", lambda: 1 / 0)
    assert b"ZeroDivisionError" in client.get("/").data


@pytest.mark.parametrize("path", ["../secret.txt", "%2e%2e/secret.txt", "/etc/passwd", "a/../../x"])
def test_send_from_directory_refuses_paths_outside_it(app, client, tmp_path, path):
    (tmp_path / "secret.txt").write_text("secret")

    @app.route("/files/<path:name>")
    def files(name):
        return flask.send_from_directory("static", name)

    # "//etc/passwd" is first redirected to the merged-slash URL.
    assert client.get("/files/" + path, follow_redirects=True).status_code == 404


def test_static_files_are_served_with_last_modified(client):
    response = client.get("/static/hello.txt")
    assert response.data == b"hello\n"
    assert "Last-Modified" in response.headers


def test_max_content_length_answers_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 10

    @app.route("/", methods=["POST"])
    def index():
        return flask.request.form.get("a", "")

    assert client.post("/", data={"a": "x" * 100}).status_code == 413


def test_config_loads_upper_case_names_from_objects_and_files(app, tmp_path):
    class Settings:
        DEBUG = True
        lower = "ignored"

    app.config.from_object(Settings)
    (tmp_path / "settings.py").write_text("SECRET_KEY = 'from file'\nhelper = 1\n")
    assert app.config.from_pyfile("settings.py")
    assert app.config.from_pyfile("missing.py", silent=True) is False
    assert (app.debug, app.secret_key) == (True, "from file")
    assert "lower" not in app.config
    assert "helper" not in app.config


def test_url_for_outside_a_request_needs_server_name(app):
    app.add_url_rule("/page", "page", lambda: "")
    with app.app_context(), pytest.raises(RuntimeError, match="SERVER_NAME"):
        flask.url_for("page")
    app.config["SERVER_NAME"] = "example.org"
    with app.app_context():
        assert flask.url_for("page") == "http://example.org/page"


def test_templates_prefer_the_callers_values_over_context_processors(app):
    app.context_processor(lambda: {"who": "processor"})
    with app.test_request_context("/"):
        assert flask.render_template_string("{{ who }}", who="caller") == "caller"
        assert flask.render_template_string("{{ who }}") == "processor"


def test_flashed_messages_keep_their_categories(app, client):
    @app.route("/flash")
    def flash():
        flask.flash("careful", "warning")
        return ""

    @app.route("/read")
    def read():
        return repr(flask.get_flashed_messages(with_categories=True))

    client.get("/flash")
    assert client.get("/read").data == b"[('warning', 'careful')]"


def test_run_serves_on_loopback_with_the_debug_settings(app, monkeypatch):
    calls = []
    monkeypatch.setattr("werkzeug.serving.run_simple", lambda *a, **k: calls.append((a, k)))
    app.run(debug=True)
    ((host, port, served), options) = calls[0]
    assert (host, port, served) == ("127.0.0.1", 5000, app)
    assert options == {"use_reloader": True, "use_debugger": True, "threaded": True}


def test_a_list_of_secret_keys_reads_cookies_signed_with_an_older_one(app, client):
    @app.route("/set")
    def set_value():
        flask.session["colour"] = "red"
        return ""

    @app.route("/read")
    def read():
        return flask.session.get("colour", "none")

    with client.get("/set"):
        pass
    app.secret_key = [app.secret_key, "the new key"]
    with client.get("/read") as response:
        assert response.data == b"red"
