"""The signed-cookie session: storage across requests, when the cookie is
written, and cookies the application did not sign."""

import pytest

import flask01 as flask
from flask01 import _NullSession
from flask01._werkzeug06 import SecureCookie


@pytest.fixture
def app(app):
    @app.route("/set/<key>/<value>")
    def set_value(key, value):
        flask.session[key] = value
        return "ok"

    @app.route("/read")
    def read():
        return repr(sorted(flask.session.items()))

    @app.route("/pop-missing")
    def pop_missing():
        flask.session.pop("absent", None)
        return "ok"

    return app


def session_cookie(response):
    return [h for h in response.headers.getlist("Set-Cookie") if h.startswith("session=")]


def test_values_survive_across_requests(client):
    client.get("/set/name/alice")
    assert client.get("/read").data == b"[('name', 'alice')]"


def test_cookie_is_written_only_when_the_session_changed(client):
    assert session_cookie(client.get("/read")) == []
    assert len(session_cookie(client.get("/set/a/b"))) == 1
    assert session_cookie(client.get("/read")) == []


def test_calling_a_changing_method_counts_as_a_change_even_if_nothing_changed(client):
    assert len(session_cookie(client.get("/pop-missing"))) == 1


def test_cookie_has_the_0_1_attributes(client):
    (cookie,) = session_cookie(client.get("/set/a/b"))
    assert cookie.endswith("; Path=/")
    assert "HttpOnly" not in cookie


def test_session_cookie_name_is_configurable(app, client):
    app.session_cookie_name = "other"
    response = client.get("/set/a/b")
    assert response.headers["Set-Cookie"].startswith("other=")


def test_cookie_content_is_signed_json_not_a_pickle(client):
    (cookie,) = session_cookie(client.get("/set/a/b"))
    payload = cookie.split("=", 1)[1].split(";")[0].split(".")[0]
    import base64

    assert base64.urlsafe_b64decode(payload + "==") == b'{"a":"b"}'


@pytest.mark.parametrize(
    "forged",
    [
        "garbage",
        "eyJhIjoiYiJ9.forgedsignature",
        "",
        "a.b.c.d",
        "\u00e9\u00e9",
    ],
)
def test_forged_or_malformed_cookie_gives_an_empty_session(app, forged):
    with app.test_request_context(headers={"Cookie": "session=" + forged}):
        assert dict(flask.session) == {}


def test_cookie_signed_with_another_key_gives_an_empty_session(app, client):
    client.get("/set/a/b")
    app.secret_key = "a different key"
    assert client.get("/read").data == b"[]"


def test_signed_value_that_is_not_a_dict_gives_an_empty_session(app):
    token = SecureCookie.serializer(app.secret_key).dumps(["not", "a", "dict"])
    with app.test_request_context(headers={"Cookie": "session=" + token}):
        assert dict(flask.session) == {}
        assert not flask.session.new


def test_new_is_true_only_without_a_cookie(app, client):
    @app.route("/new")
    def new():
        return str(flask.session.new)

    assert client.get("/new").data == b"True"
    client.get("/set/a/b")
    assert client.get("/new").data == b"False"


def test_unserializable_value_fails_with_a_clear_message(app, client):
    @app.route("/bad")
    def bad():
        flask.session["when"] = object()
        return "ok"

    with pytest.raises(TypeError, match="cannot be stored in the session cookie"):
        client.get("/bad")


def test_in_place_changes_of_mutable_values_need_modified_set_by_hand(app, client):
    @app.route("/append/<flag>")
    def append(flag):
        flask.session.setdefault("items", []).append("x")
        flask.session.modified = flag == "mark"
        return "ok"

    client.get("/append/mark")
    assert session_cookie(client.get("/append/nomark")) == []
    assert client.get("/read").data == b"[('items', ['x'])]"


def test_without_secret_key_the_session_reads_as_empty(app):
    app.secret_key = None
    with app.test_request_context():
        assert isinstance(flask.session, _NullSession)
        assert dict(flask.session) == {}
        assert flask.session.get("x") is None


@pytest.mark.parametrize(
    "write",
    [
        lambda s: s.__setitem__("k", 1),
        lambda s: s.update(k=1),
        lambda s: s.setdefault("k", 1),
        lambda s: s.pop("k"),
        lambda s: s.clear(),
    ],
)
def test_without_secret_key_writing_says_to_set_secret_key(app, write):
    app.secret_key = None
    with app.test_request_context(), pytest.raises(RuntimeError, match="secret_key"):
        write(flask.session)


def test_without_secret_key_no_cookie_is_sent(app, client):
    app.secret_key = None
    assert "Set-Cookie" not in client.get("/read").headers


def test_open_session_returning_none_disables_sessions(app, client):
    app.open_session = lambda request: None
    app.route("/plain")(lambda: "plain")
    assert "Set-Cookie" not in client.get("/plain").headers


def test_a_list_of_keys_reads_a_cookie_signed_with_an_older_one(app):
    # itsdangerous rotates keys this way; a list cannot be a cache key,
    # so the serializer is built per request for it.
    old_client = app.test_client()
    with old_client.get("/set/colour/red"):
        pass
    app.secret_key = [app.secret_key, "the new key"]
    with old_client.get("/read") as response:
        assert response.data == b"[('colour', 'red')]"


def test_a_session_under_another_cookie_name_is_read_back(app, client):
    app.session_cookie_name = "other"
    client.get("/set/name/alice")
    assert client.get("/read").data == b"[('name', 'alice')]"


def test_saving_no_session_writes_nothing(app):
    # 0.1's open_session gave None without a secret key; save_session
    # takes that None and leaves the response alone
    response = app.response_class("body")
    app.save_session(None, response)
    assert "Set-Cookie" not in response.headers
