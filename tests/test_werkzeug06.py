"""The request as Werkzeug 0.6 gave it to a Flask 0.1 view: what
flask01._werkzeug06 keeps of 0.6 that today's Werkzeug changed."""

import ast
import sys

import pytest
from werkzeug.routing import RequestRedirect

import flask01 as flask


@pytest.fixture
def app(app):
    app.route("/folder-less/")(lambda: "")

    @app.route("/show/<p>", methods=["GET", "POST", "PUT", "PATCH"])
    def show(p):
        request = flask.request
        return repr(
            (
                p,
                request.path,
                request.url,
                sorted(request.args.items()),
                sorted(request.form.items()),
            )
        )

    return app


def shown(client, *args, **kwargs):
    with client.open(*args, **kwargs) as response:
        return ast.literal_eval(response.get_data(as_text=True))


def test_query_bytes_that_are_not_utf8_are_dropped(client):
    assert shown(client, "/show/x?a=caf%C3&b=%ff")[3] == [("a", "caf"), ("b", "")]


def test_form_bytes_that_are_not_utf8_are_dropped(client):
    body = {"data": "k=%E6%97%A5%E6%9C", "content_type": "application/x-www-form-urlencoded"}
    assert shown(client, "/show/x", method="POST", **body)[4] == [("k", "日")]


def test_a_raw_byte_in_an_urlencoded_body_is_not_an_error(client):
    body = {"data": b"k=\xff\xc3\xa9", "content_type": "application/x-www-form-urlencoded"}
    assert shown(client, "/show/x", method="POST", **body)[4] == [("k", "é")]


def test_path_bytes_that_are_not_utf8_are_dropped_but_stay_in_the_url(client):
    p, path, url, _, _ = shown(client, "/show/x%ff")
    assert (p, path, url) == ("x", "/show/x", "http://localhost/show/x%FF")


@pytest.mark.parametrize("method", ["GET", "PATCH", "DELETE"])
def test_a_form_is_parsed_only_for_post_and_put(app, client, method):
    app.add_url_rule("/raw", "raw", methods=[method])
    app.view_functions["raw"] = lambda: repr((dict(flask.request.form), flask.request.data))
    body = {"data": "v=1", "content_type": "application/x-www-form-urlencoded"}
    with client.open("/raw", method=method, **body) as response:
        assert response.get_data(as_text=True) == "({}, b'v=1')"


def test_the_url_quotes_the_path_as_0_6_and_keeps_the_query_as_sent(client):
    url = shown(client, "/show/caf%C3%A9~?y=%C3%BC&z=a%20b")[2]
    assert url == "http://localhost/show/caf%C3%A9%7E?y=%C3%BC&z=a%20b"


def test_is_xhr_says_whether_the_request_came_from_xmlhttprequest(app):
    with app.test_request_context(headers={"X-Requested-With": "XMLHttpRequest"}):
        assert flask.request.is_xhr is True
    with app.test_request_context():
        assert flask.request.is_xhr is False


def test_the_root_and_host_urls_under_a_script_name(app):
    with app.test_request_context("/show/x", base_url="http://example.com/my%20app/"):
        assert flask.request.url_root == "http://example.com/my%20app/"
        assert flask.request.host_url == "http://example.com/"
        assert flask.request.url == "http://example.com/my%20app/show/x"


def test_a_wsgi_application_that_starts_with_exc_info_raises_it(app, client):
    def failing(environ, start_response):
        try:
            raise LookupError("from the application")
        except LookupError:
            start_response("500 ERROR", [], sys.exc_info())
        return [b""]

    app.add_url_rule("/fail", "fail")
    app.view_functions["fail"] = lambda: failing
    with pytest.raises(LookupError, match="from the application"):
        client.get("/fail")


def test_a_wsgi_application_cannot_be_a_response_without_an_environ():
    with pytest.raises(TypeError, match="without an environ"):
        flask.Response.force_type(lambda environ, start_response: [])


def test_binding_the_map_by_hand_matches_as_0_6(app):
    adapter = app.url_map.bind("localhost")
    with pytest.raises(RequestRedirect) as info:
        adapter.match("/folder-less")
    assert info.value.code == 301
