"""D-stand-in-corners: corners where flask01's Werkzeug 0.6 stand-ins
answer otherwise than Werkzeug 0.6.2, found by the mutation tests and
checked against Flask 0.1 on Werkzeug 0.6.2 under Python 2.7.  Each test
shows flask01's answer; the comment gives 0.6's."""

import io

import pytest
from werkzeug.routing import Rule

from flask01._werkzeug06 import (
    Map,
    Request,
    Response,
    create_environ,
    parse_cookie_06,
    redirect,
)


def _location(response):
    return dict(response.get_wsgi_headers(create_environ("/")))["Location"]


def _upload(disposition):
    body = b"--b\r\nContent-Disposition: " + disposition + b"\r\n\r\nx\r\n--b--\r\n"
    return Request(
        create_environ(
            "/",
            method="POST",
            input_stream=io.BytesIO(body),
            content_type="multipart/form-data; boundary=b",
            content_length=len(body),
        )
    )


def test_an_empty_user_name_stays_in_a_redirect_target():
    # 0.6: http://host/
    assert _location(redirect("http://@host/")) == "http://@host/"


def test_a_colon_after_the_wrong_at_sign_is_no_port_and_the_target_is_converted_once():
    # 0.6 took "c@h" for a port, left the target text and converted it
    # again when sending it: http://a@b:c@h/a%2520b
    assert _location(redirect("http://a@b:c@h/a b")) == "http://a@b:c@h/a%20b"


def test_a_quoted_unc_file_name_is_unescaped_before_its_folders_are_cut():
    # 0.6 cut the folders of the escaped form: b.txt
    with _upload(b'form-data; name="f"; filename="\\\\srv\\share\\b.txt"') as request:
        assert request.files["f"].filename == "\\srv\\share\\b.txt"


def test_an_uploaded_file_has_the_headers_werkzeug_3_adds():
    # 0.6: only the part's own Content-Disposition
    with _upload(b'form-data; name="f"; filename="a.txt"') as request:
        assert list(request.files["f"].headers.items()) == [
            ("Content-Disposition", 'form-data; name="f"; filename="a.txt"'),
            ("Content-Type", "text/plain"),
            ("Content-Length", "0"),
        ]


def test_a_cookie_attribute_error_names_the_attribute_as_written():
    # 0.6: "Invalid Attribute foo"
    with pytest.raises(Exception, match="Invalid Attribute Foo"):
        parse_cookie_06("a=b; $Foo=1")


def test_a_script_name_of_two_slashes_builds_an_absolute_path():
    # 0.6: "x", a relative URL
    adapter = Map([Rule("/x", endpoint="x")]).bind("example.org", "//")
    assert adapter.build("x") == "/x"


def test_a_304_keeps_a_content_length_it_was_given():
    # 0.6: [("Expires", "x")]
    response = Response("", status=304, headers=[("Content-Length", "0"), ("Expires", "x")])
    assert response.get_wsgi_headers(create_environ("/")).to_wsgi_list() == [
        ("Expires", "x"),
        ("Content-Length", "0"),
    ]


def test_a_content_length_given_with_a_body_is_the_bodys():
    # 0.6 kept the 99 it was given
    response = Response("x", headers=[("Content-Length", "99")])
    assert response.get_wsgi_headers(create_environ("/"))["Content-Length"] == "1"


def test_the_test_environ_names_a_request_uri():
    # 0.6 set neither key
    environ = create_environ("/a/b?x=1")
    assert (environ["REQUEST_URI"], environ["RAW_URI"]) == ("/", "/")
