"""make_response: every return value a view may give."""

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.wrappers import Response as WerkzeugResponse

import flask01 as flask


def respond(app, value):
    """The response flask01 makes of *value*, as the test client sees it."""
    app.add_url_rule("/", "view")
    app.view_functions["view"] = lambda: value
    with app.test_client().get("/") as response:
        response.get_data()
        return response


def test_text_becomes_an_html_response_encoded_as_utf8(app):
    response = respond(app, "grüße")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.data == "grüße".encode()


def test_bytes_become_the_body_unchanged(app):
    assert respond(app, b"\x00\xff").data == b"\x00\xff"


def test_response_instance_is_returned_unchanged(app):
    made = flask.Response("made", status=203)
    with app.test_request_context():
        assert app.make_response(made) is made


@pytest.mark.parametrize(
    ("value", "status", "header", "content_type"),
    [
        (("created", 201), 201, None, "text/html; charset=utf-8"),
        (("tea", "418 I'M A TEAPOT"), 418, None, "text/html; charset=utf-8"),
        (("h", 200, {"X-A": "1"}), 200, ("X-A", "1"), "text/html; charset=utf-8"),
        (("h", 202, [("X-B", "2")]), 202, ("X-B", "2"), "text/html; charset=utf-8"),
        (("{}", 200, None, "application/json"), 200, None, "application/json"),
        (
            ("x", 200, None, None, "text/plain; charset=latin-1"),
            200,
            None,
            "text/plain; charset=latin-1",
        ),
    ],
)
def test_tuple_is_passed_to_the_response_class_positionally(
    app, value, status, header, content_type
):
    response = respond(app, value)
    assert response.status_code == status
    assert response.headers["Content-Type"] == content_type
    if header:
        assert response.headers[header[0]] == header[1]


def test_wsgi_application_returning_a_list_is_sent_with_its_length(app):
    # As Werkzeug 0.6's force_type did: the list is the body, as it is.
    def wsgi(environ, start_response):
        start_response("202 Accepted", [("Content-Type", "text/plain")])
        return [b"from ", b"wsgi"]

    response = respond(app, wsgi)
    assert response.status_code == 202
    assert response.data == b"from wsgi"
    assert response.headers["Content-Length"] == "9"
    assert isinstance(response, flask.Response)


def test_wsgi_application_that_starts_lazily_streams_without_a_length(app):
    def wsgi(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/plain")])
        yield b"lazy "
        yield b"body"

    response = respond(app, wsgi)
    assert response.data == b"lazy body"
    assert "Content-Length" not in response.headers


def test_wsgi_application_writing_through_start_response_keeps_what_it_wrote(app):
    def wsgi(environ, start_response):
        write = start_response("200 OK", [("Content-Type", "text/plain")])
        write(b"written; ")
        return [b"returned"]

    assert respond(app, wsgi).data == b"written; returned"


def test_http_exception_returned_by_a_view_becomes_its_error_page(app):
    response = respond(app, NotFound())
    assert response.status_code == 404
    assert b"Not Found" in response.data


def test_plain_werkzeug_response_is_converted_to_the_response_class(app):
    plain = WerkzeugResponse("plain", status=206)
    with app.test_request_context():
        converted = app.make_response(plain)
    assert type(converted) is flask.Response
    assert converted.status_code == 206


def test_redirect_location_is_made_absolute_as_in_werkzeug_0_6(app):
    response = respond(app, flask.redirect("/target"))
    assert response.status_code == 302
    assert response.headers["Location"] == "http://localhost/target"


def test_view_returning_none_raises_type_error(app):
    app.add_url_rule("/", "view")
    app.view_functions["view"] = lambda: None
    with pytest.raises(TypeError):
        app.test_client().get("/")


def test_streamed_generator_body_is_sent_in_order(app):
    response = respond(app, flask.Response(iter(["a", "b", "c"]), mimetype="text/plain"))
    assert response.data == b"abc"
    assert "Content-Length" not in response.headers


def test_head_response_has_headers_but_no_body(app):
    app.add_url_rule("/", "view")
    app.view_functions["view"] = lambda: "twelve bytes"
    response = app.test_client().head("/")
    assert response.data == b""
    assert response.headers["Content-Length"] == "12"


def test_abort_raises_the_http_exception_for_the_code(app):
    app.add_url_rule("/", "view")
    app.view_functions["view"] = lambda: flask.abort(403)
    assert app.test_client().get("/").status_code == 403


def test_escape_and_markup_are_markupsafes():
    assert flask.escape("<a href='x'>") == "&lt;a href=&#39;x&#39;&gt;"
    assert flask.Markup("<b>%s</b>") % "<i>" == "<b>&lt;i&gt;</b>"
