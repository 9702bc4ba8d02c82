"""The session cookie of flask01.modern carries what the config says, when
it is set and when it is deleted, and reading the session is announced
with ``Vary: Cookie``.  (Found missing by ``nox -s mutation``: a mutant
that dropped any of these settings survived.)"""

from datetime import timezone

import pytest

import flask01.modern as flask

SETTINGS = {
    "SESSION_COOKIE_DOMAIN": "example.org",
    "SESSION_COOKIE_PATH": "/shop",
    "SESSION_COOKIE_SECURE": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_HTTPONLY": True,
}


def session_app(**config):
    app = flask.Flask(__name__)
    app.secret_key = "settings"
    app.config.update(config)

    @app.route("/shop/in")
    def log_in():
        flask.session["user"] = "alice"
        return "in"

    @app.route("/shop/out")
    def log_out():
        flask.session.clear()
        return "out"

    @app.route("/shop/read")
    def read():
        return flask.session.get("user", "nobody")

    @app.route("/shop/item")
    def item():
        return flask.session["user"]

    @app.route("/shop/default")
    def default():
        return str(flask.session.setdefault("visits", 1))

    return app


def attributes(set_cookie):
    """The attributes of a ``Set-Cookie`` header, lower-cased, as a dict."""
    pairs = (part.strip().partition("=") for part in set_cookie.split(";")[1:])
    return {key.lower(): value for key, _, value in pairs}


def set_cookie_of(app, path, cookie=None):
    client = app.test_client()
    if cookie is not None:
        client.set_cookie("session", cookie, domain="example.org", path="/shop")
    with client.get(path, base_url="https://example.org") as response:
        return response.headers.get("Set-Cookie"), response


def test_the_cookie_carries_every_setting_of_the_config():
    header, _ = set_cookie_of(session_app(**SETTINGS), "/shop/in")
    assert attributes(header) == {
        "domain": "example.org",
        "path": "/shop",
        "secure": "",
        "samesite": "Lax",
        "httponly": "",
    }


def test_a_deleted_session_deletes_the_cookie_it_was_set_as():
    app = session_app(**SETTINGS)
    header, _ = set_cookie_of(app, "/shop/in")
    signed = header.split(";")[0].partition("=")[2]
    header, _ = set_cookie_of(app, "/shop/out", cookie=signed)
    deleted = attributes(header)
    assert header.startswith("session=;")
    assert deleted["max-age"] == "0"
    assert {key: deleted[key] for key in ("domain", "path", "secure", "samesite")} == {
        "domain": "example.org",
        "path": "/shop",
        "secure": "",
        "samesite": "Lax",
    }


@pytest.mark.parametrize("path", ["/shop/read", "/shop/item", "/shop/default"])
def test_reading_the_session_adds_vary_cookie(path):
    app = session_app()
    header, _ = set_cookie_of(app, "/shop/in")
    signed = header.split(";")[0].partition("=")[2]
    client = app.test_client()
    client.set_cookie("session", signed, domain="localhost")
    with client.get(path) as response:
        assert "Cookie" in response.vary


def test_setdefault_stores_the_default():
    client = session_app().test_client()
    with client.get("/shop/default") as response:
        assert response.data == b"1"
    with client.get("/shop/read") as response:
        pass
    with client.session_transaction() as session:
        assert session["visits"] == 1


def test_a_deleted_cookie_is_httponly_as_configured():
    app = session_app()  # SESSION_COOKIE_HTTPONLY is on by default
    header, _ = set_cookie_of(app, "/shop/in")
    signed = header.split(";")[0].partition("=")[2]
    header, _ = set_cookie_of(app, "/shop/out", cookie=signed)
    assert "httponly" in attributes(header)


def test_vary_names_the_cookie_header_as_it_is_spelled():
    app = session_app()
    header, _ = set_cookie_of(app, "/shop/in")
    client = app.test_client()
    client.set_cookie("session", header.split(";")[0].partition("=")[2], domain="localhost")
    with client.get("/shop/read") as response:
        assert response.headers["Vary"] == "Cookie"


def permanent_session_app(**config):
    app = session_app(**config)

    @app.route("/shop/keep")
    def keep():
        flask.session["user"] = "alice"
        flask.session.permanent = True
        return "kept"

    return app


def test_a_permanent_session_is_sent_again_on_every_request():
    client = permanent_session_app().test_client()
    client.get("/shop/keep").close()
    with client.get("/shop/read") as response:
        assert response.data == b"alice"
        assert response.headers["Set-Cookie"].startswith("session=")


def test_a_permanent_session_is_not_sent_again_when_refreshing_is_off():
    client = permanent_session_app(SESSION_REFRESH_EACH_REQUEST=False).test_client()
    client.get("/shop/keep").close()
    with client.get("/shop/read") as response:
        assert response.data == b"alice"
        assert "Set-Cookie" not in response.headers


def test_a_permanent_session_expires_at_a_time_in_utc():
    app = session_app()
    session = flask.SecureCookieSession()
    session.permanent = True
    expires = app.session_interface.get_expiration_time(app, session)
    assert expires.tzinfo is timezone.utc
