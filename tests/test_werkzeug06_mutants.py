"""Werkzeug 0.6's behaviour, pinned in-process where ``nox -s mutation``
found the Werkzeug 0.6 stand-ins (``flask01/_werkzeug06.py``) tested only
by the response-for-response comparison with the original: cookie dates
and headers, IRIs made URIs, URLs joined as Python 2 joined them, the
host, multipart bodies, the headers a response sends and URLs built.

Every expected value is what Flask 0.1 on Werkzeug 0.6.2 (Python 2.7)
gives for the same input, except where a comment says the value is the
stand-ins' own: the messages of the errors the form parser turns into an
empty form, the limits of today's Werkzeug that 0.6 lacked, and the
Python 3 spelling of a value Python 2 wrote otherwise."""

import calendar
import io
import string
import time
from datetime import datetime, timedelta, timezone
from http.cookies import CookieError

import pytest
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.routing import BaseConverter, BuildError, RequestRedirect, Rule, ValidationError

import flask01
from flask01._werkzeug06 import (
    EnvironBuilder,
    Map,
    Request,
    Response,
    SecureCookie,
    SharedDataMiddleware,
    _cookie_date,
    _iri_to_uri_06,
    _parse_multipart_06,
    _urljoin_06,
    create_environ,
    dump_cookie,
    parse_cookie_06,
    redirect,
)


def server_environ(**items):
    """An environ as a server passes it for ``GET /`` with no ``Host``
    header: the server's name and port, and no ``SCRIPT_NAME``."""
    environ = {
        "REQUEST_METHOD": "GET",
        "wsgi.url_scheme": "http",
        "SERVER_NAME": "example.org",
        "SERVER_PORT": "80",
        "PATH_INFO": "/",
    }
    environ.update(items)
    return environ


# -- the date of a cookie ------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (1, "Mon, 01-Mar-2010 00:00:00 GMT"),
        (2, "Tue, 02-Mar-2010 00:00:00 GMT"),
        (3, "Wed, 03-Mar-2010 00:00:00 GMT"),
        (4, "Thu, 04-Mar-2010 00:00:00 GMT"),
        (5, "Fri, 05-Mar-2010 00:00:00 GMT"),
        (6, "Sat, 06-Mar-2010 00:00:00 GMT"),
        (7, "Sun, 07-Mar-2010 00:00:00 GMT"),
    ],
)
def test_a_cookie_date_names_the_weekday_in_english_with_a_capital(day, expected):
    assert _cookie_date(calendar.timegm((2010, 3, day, 0, 0, 0))) == expected


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        (1, "Fri, 01-Jan-2010 01:01:01 GMT"),
        (2, "Tue, 02-Feb-2010 02:02:02 GMT"),
        (3, "Wed, 03-Mar-2010 03:03:03 GMT"),
        (4, "Sun, 04-Apr-2010 04:04:04 GMT"),
        (5, "Wed, 05-May-2010 05:05:05 GMT"),
        (6, "Sun, 06-Jun-2010 06:06:06 GMT"),
        (7, "Wed, 07-Jul-2010 07:07:07 GMT"),
        (8, "Sun, 08-Aug-2010 08:08:08 GMT"),
        (9, "Thu, 09-Sep-2010 09:09:09 GMT"),
        (10, "Sun, 10-Oct-2010 10:10:10 GMT"),
        (11, "Thu, 11-Nov-2010 11:11:11 GMT"),
        (12, "Sun, 12-Dec-2010 12:12:12 GMT"),
    ],
)
def test_a_cookie_date_names_the_month_in_english_with_a_capital(month, expected):
    moment = (2010, month, month, month, month, month)
    assert _cookie_date(calendar.timegm(moment)) == expected


def test_a_cookie_date_may_be_given_as_a_datetime():
    assert _cookie_date(datetime(1999, 12, 31, 23, 59, 58)) == "Fri, 31-Dec-1999 23:59:58 GMT"


# -- an IRI made a URI ---------------------------------------------------------


def test_a_user_name_and_password_that_are_not_ascii_are_percent_encoded():
    location = redirect("http://\xfc:p\xe4@h\xe9.net/").headers["Location"]
    assert location == "http://%C3%BC:p%C3%A4@xn--h-bga.net/"


def test_a_user_name_without_a_password_is_percent_encoded_alone():
    assert _iri_to_uri_06("http://\xfc@host/") == "http://%C3%BC@host/"


def test_an_empty_password_is_dropped_with_its_colon():
    assert _iri_to_uri_06("http://a:@host/") == "http://a@host/"


def test_only_the_first_colon_of_the_credentials_ends_the_user_name():
    # the colons after it are the password's own, and escaped
    assert _iri_to_uri_06("http://u:p:w@host/") == "http://u:p%3Aw@host/"


def test_the_credentials_end_at_the_first_at_sign():
    assert _iri_to_uri_06("http://a@b@host/x") == "http://a@b@host/x"


def test_the_port_is_kept_after_a_host_in_idna():
    assert _iri_to_uri_06("http://u:p@h\u2603.net:8080/") == "http://u:p@xn--h-1xp.net:8080/"


def test_the_port_follows_the_host_without_credentials():
    assert _iri_to_uri_06("http://host:81/") == "http://host:81/"


def test_a_path_keeps_slashes_colons_tildes_and_pluses_and_escapes_the_rest():
    uri = _iri_to_uri_06("/a:b~c+d e/%41&=;!*,()[]")
    assert uri == "/a:b~c+d%20e/%2541%26%3D%3B%21%2A%2C%28%29%5B%5D"


def test_a_query_keeps_its_delimiters_and_escapes_and_escapes_the_rest():
    uri = _iri_to_uri_06("/?a=b c&d=%41~[x]:;$()+,!?*/'\"<>")
    assert uri == "/?a=b%20c&d=%41%7E[x]:;$()+,!?*/%27%22%3C%3E"


def test_a_path_and_a_query_are_encoded_as_utf8():
    assert _iri_to_uri_06("http://host/\xe9?\xe9") == "http://host/%C3%A9?%C3%A9"


def test_a_fragment_is_left_as_it_is():
    assert _iri_to_uri_06("http://a/b?c#d e\xe9") == "http://a/b?c#d e\xe9"


# -- a URL joined to a base as Python 2's urljoin joined it --------------------


@pytest.mark.parametrize(
    ("base", "url", "expected"),
    [
        ("http://h/", "//other/x", "http://other/x"),
        ("http://h/", "https://other/x", "https://other/x"),
        ("http://h/a/b/c", "d", "http://h/a/b/d"),
        ("http://h/a/b", "x/.", "http://h/a/x/"),
        ("http://h/a/", ".", "http://h/a/"),
        ("http://h/a/b", "./x", "http://h/a/x"),
        ("http://h/a/b/c", "../../x", "http://h/x"),
        ("http://h/a/b/c", "x/../../y", "http://h/a/y"),
        ("http://h", "a/../x", "http://h/x"),
        ("http://h", "../x", "http://h/../x"),
        ("http://h/", "../../x", "http://h/../../x"),
        ("http://h/a", "..", "http://h/"),
        ("http://h/a/b/c", "..", "http://h/a/"),
        ("http://h/a/b/c", "../..", "http://h/"),
        ("http://h", "x/..", "http://h"),
        ("http://h/a/b", "a/b/../../..", "http://h/"),
        ("http://h/a/b", "/x/../y", "http://h/x/../y"),
        ("http://h/a/b", "?q=1", "http://h/a/b?q=1"),
        ("http://h/a/b", "", "http://h/a/b"),
    ],
)
def test_a_url_is_joined_to_its_base_as_python_2_joined_it(base, url, expected):
    assert _urljoin_06(base, url) == expected


# -- the host, without a Host header -----------------------------------------


def test_without_a_host_header_the_host_is_the_servers_name():
    assert Request(server_environ()).host == "example.org"


def test_the_servers_port_is_added_when_it_is_not_the_schemes_own():
    assert Request(server_environ(SERVER_PORT="8080")).host == "example.org:8080"


def test_port_443_is_added_for_plain_http():
    assert Request(server_environ(SERVER_PORT="443")).host == "example.org:443"


def test_port_443_is_left_out_for_https():
    environ = server_environ(SERVER_PORT="443", **{"wsgi.url_scheme": "https"})
    assert Request(environ).host == "example.org"


def test_port_80_is_added_for_https():
    environ = server_environ(SERVER_PORT="80", **{"wsgi.url_scheme": "https"})
    assert Request(environ).host == "example.org:80"


def test_the_root_url_names_the_servers_host_and_port():
    assert Request(server_environ(SERVER_PORT="8080")).url_root == "http://example.org:8080/"


# -- multipart bodies ----------------------------------------------------------


@pytest.fixture
def posted():
    """Make multipart requests (boundary ``b`` unless given), with
    attributes set on the request; close them afterwards."""
    made = []

    def make(body, boundary="b", request_class=Request, **attributes):
        data = body.encode("latin-1")
        environ = server_environ(
            REQUEST_METHOD="POST",
            CONTENT_TYPE=f"multipart/form-data; boundary={boundary}",
            CONTENT_LENGTH=str(len(data)),
            **{"wsgi.input": io.BytesIO(data)},
        )
        request = request_class(environ)
        for name, value in attributes.items():
            setattr(request, name, value)
        made.append(request)
        return request

    yield make
    for request in made:
        request.close()


def field(name, value, *headers, disposition="form-data"):
    """One part of a multipart body (boundary ``b``)."""
    lines = [f'Content-Disposition: {disposition}; name="{name}"', *headers]
    return "--b\r\n" + "".join(line + "\r\n" for line in lines) + "\r\n" + value + "\r\n"


def upload(filename, content, *headers, name="f"):
    """A part of a multipart body that uploads a file."""
    return field(name, content, *headers, disposition=f'form-data; filename="{filename}"')


END = "--b--\r\n"


def parse(body, boundary="b", memory=None, parts=None):
    """Fields and files of *body* as the multipart parser reads them."""
    data = body.encode("latin-1")
    return _parse_multipart_06(io.BytesIO(data), boundary, len(data), in_memory, memory, parts)


def in_memory(**arguments):
    """A stream factory that keeps an uploaded file in memory."""
    return io.BytesIO()


def test_a_boundary_of_201_characters_is_accepted(posted):
    boundary = "a" * 201
    body = field("k", "v").replace("--b", "--" + boundary) + f"--{boundary}--\r\n"
    assert posted(body, boundary=boundary).form.to_dict() == {"k": "v"}


def test_a_boundary_longer_than_201_characters_gives_an_empty_form(posted):
    boundary = "a" * 202
    body = field("k", "v").replace("--b", "--" + boundary) + f"--{boundary}--\r\n"
    assert posted(body, boundary=boundary).form.to_dict() == {}


# the messages of the ValueErrors below are the stand-ins' own (0.6 had
# others): the form parser answers any of them with an empty form


def test_a_body_with_an_invalid_boundary_is_refused_as_such():
    with pytest.raises(ValueError, match="^no valid multipart boundary$"):
        parse(field("k", "v") + END, boundary="b\x7f")


def test_a_body_that_does_not_start_with_the_boundary_is_refused_as_such():
    with pytest.raises(ValueError, match="^expected a boundary at the start of the body$"):
        parse("x\r\n" + field("k", "v") + END)


def test_a_part_without_a_content_disposition_is_refused_as_such():
    with pytest.raises(ValueError, match="^a part without a Content-Disposition header$"):
        parse("--b\r\nContent-Type: text/plain\r\n\r\nx\r\n" + END)


def test_a_body_that_ends_inside_a_part_is_refused_as_such():
    with pytest.raises(ValueError, match="^unexpected end of stream$"):
        parse(field("k", "v"))


def test_a_body_that_ends_inside_a_parts_headers_is_refused_as_such():
    with pytest.raises(ValueError, match="^unexpected end of line in multipart header$"):
        parse('--b\r\nContent-Disposition: form-data; name="k"')


def test_a_field_name_with_bytes_that_are_not_utf8_has_them_replaced(posted):
    # 0.6 left the name undecoded; a text key cannot hold the byte
    request = posted(field("n\xc3\xa9\xff", "v") + END)
    assert list(request.form.items()) == [("n\xe9\ufffd", "v")]


def test_a_file_names_bytes_that_are_not_utf8_are_dropped(posted):
    request = posted(upload("caf\xc3\xa9\xff.txt", "x") + END)
    assert request.files["f"].filename == "caf\xe9.txt"


def test_a_file_name_that_is_a_unc_path_keeps_its_last_segment(posted):
    body = (
        '--b\r\nContent-Disposition: form-data; name="f"; filename=\\\\srv\\share\\b.txt\r\n'
        "\r\nx\r\n" + END
    )
    assert posted(body).files["f"].filename == "b.txt"


def test_a_file_name_that_starts_with_one_backslash_is_kept_whole(posted):
    assert posted(upload("\\\\dir\\\\c.txt", "x") + END).files["f"].filename == "\\dir\\c.txt"


def test_an_uploaded_file_has_the_type_its_part_names(posted):
    request = posted(upload("a.png", "x", "Content-Type: image/png; x=1") + END)
    assert request.files["f"].content_type == "image/png"


def test_an_uploaded_file_has_the_length_its_part_names(posted):
    request = posted(upload("a.txt", "x", "Content-Length: 7") + END)
    assert request.files["f"].content_length == 7


def test_an_uploaded_file_without_a_length_has_the_length_0(posted):
    assert posted(upload("a.txt", "x") + END).files["f"].content_length == 0


def test_an_uploaded_file_knows_the_name_of_its_field(posted):
    assert posted(upload("a.txt", "x", name="doc") + END).files["doc"].name == "doc"


def test_an_uploaded_file_keeps_the_headers_of_its_part(posted):
    request = posted(upload("a.txt", "x", "X-A: 1") + END)
    headers = request.files["f"].headers
    assert (headers["Content-Disposition"], headers["X-A"]) == (
        'form-data; filename="a.txt"; name="f"',
        "1",
    )


def test_an_uploaded_file_is_stored_where_the_request_says(posted):
    asked = []

    class Recording(Request):
        def _get_file_stream(
            self, total_content_length, content_type, filename=None, content_length=None
        ):
            asked.append((total_content_length, content_type, filename, content_length))
            return io.BytesIO()

    body = upload("a.txt", "xyz", "Content-Type: text/csv", "Content-Length: 3") + END
    request = posted(body, request_class=Recording)
    assert request.files["f"].read() == b"xyz"
    assert asked == [(len(body), "text/csv", "a.txt", 3)]


def test_a_line_that_starts_with_two_dashes_but_is_no_boundary_is_part_of_the_value(posted):
    request = posted(field("a", "x\r\n--bx\r\ny") + END)
    assert request.form["a"] == "x\r\n--bx\r\ny"


def test_a_base64_part_loses_the_last_byte_of_each_decoded_line_as_0_6_did(posted):
    encoding = "Content-Transfer-Encoding: base64"
    assert posted(field("a", "aGVsbG8gd29ybGQ=", encoding) + END).form["a"] == "hello worl"


def test_a_quoted_printable_part_is_decoded_line_by_line(posted):
    encoding = "Content-Transfer-Encoding: quoted-printable"
    request = posted(field("a", "caf=C3=A9 a=3Db", encoding) + END)
    assert request.form["a"] == "caf\xe9 a=b"


def test_a_field_whose_lines_fill_the_form_memory_exactly_is_accepted(posted):
    # its one line with the line break: five bytes
    request = posted(field("a", "abc") + END, max_form_memory_size=5)
    assert request.form["a"] == "abc"


def test_a_field_one_byte_over_the_form_memory_is_too_large(posted):
    request = posted(field("a", "abcd") + END, max_form_memory_size=5)
    with pytest.raises(RequestEntityTooLarge):
        request.form  # noqa: B018


def test_the_form_memory_counts_every_line_of_a_field(posted):
    request = posted(field("a", "ab\r\nc") + END, max_form_memory_size=5)
    with pytest.raises(RequestEntityTooLarge):
        request.form  # noqa: B018


def test_the_form_memory_counts_the_lines_of_every_field(posted):
    request = posted(field("a", "x") + field("b", "y") + END, max_form_memory_size=5)
    with pytest.raises(RequestEntityTooLarge):
        request.form  # noqa: B018


def test_an_uploaded_file_is_not_held_to_the_form_memory(posted):
    request = posted(upload("a", "abcdefgh") + END, max_form_memory_size=5)
    assert request.files["f"].read() == b"abcdefgh"


def test_as_many_files_as_the_form_allows_parts_are_accepted(posted):
    # a limit of today's Werkzeug that 0.6 lacked
    request = posted(upload("a", "x") + upload("b", "y", name="g") + END, max_form_parts=2)
    assert [storage.filename for storage in request.files.values()] == ["a", "b"]


def test_more_files_than_the_form_allows_parts_are_too_large():
    # a limit of today's Werkzeug that 0.6 lacked
    body = upload("a", "x") + upload("b", "y", name="g") + upload("c", "z", name="h") + END
    with pytest.raises(RequestEntityTooLarge):
        parse(body, parts=2)


# -- the headers a response sends --------------------------------------------


def sent_headers(response, **environ):
    """The headers *response* sends for ``GET /`` on ``localhost``."""
    environ = server_environ(HTTP_HOST="localhost", **environ)
    return response.get_wsgi_headers(environ).to_wsgi_list()


TEXT = ("Content-Type", "text/plain; charset=utf-8")


def test_a_response_sends_its_type_and_its_length_and_nothing_else():
    response = Response("x", mimetype="text/html")
    assert sent_headers(response) == [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", "1"),
    ]


@pytest.mark.parametrize("status", [100, 101, 199, 204])
def test_a_response_that_has_no_body_says_its_length_is_0(status):
    response = Response(iter([b"a"]), status=status, headers=[("Content-Length", "5")])
    assert sent_headers(response) == [("Content-Length", "0"), TEXT]


@pytest.mark.parametrize("status", [200, 205, 305])
def test_a_response_that_has_a_body_keeps_the_length_it_says(status):
    response = Response(iter([b"a"]), status=status, headers=[("Content-Length", "5")])
    assert sent_headers(response) == [("Content-Length", "5"), TEXT]


def test_a_304_drops_the_headers_of_the_body_it_does_not_send():
    response = Response(
        iter([b"a"]), status=304, headers=[("Content-Length", "5"), ("Expires", "x")]
    )
    assert sent_headers(response) == [("Expires", "x")]


def test_a_304_that_holds_its_body_whole_says_how_long_it_is():
    response = Response([b"a", b"b"], status=304, headers=[("Expires", "x")])
    assert sent_headers(response) == [("Expires", "x"), ("Content-Length", "2")]


def test_a_body_held_whole_gets_its_length_spelled_as_0_6_spelled_it():
    assert sent_headers(Response([b"a", b"bc"])) == [TEXT, ("Content-Length", "3")]


def test_a_length_the_response_gives_is_sent_as_it_is_spelled():
    response = Response([b"a"], headers=[("X-A", "b"), ("content-length", "1")])
    assert sent_headers(response) == [("X-A", "b"), ("content-length", "1"), TEXT]


def test_a_body_held_whole_gets_its_length_when_another_header_says_the_same_number():
    response = Response([b"a"], headers=[("X-A", "1")])
    assert sent_headers(response) == [("X-A", "1"), TEXT, ("Content-Length", "1")]


def test_the_location_and_the_content_location_are_sent_as_uris_under_their_own_names():
    response = Response(
        "x", headers=[("Content-Location", "/caf\xe9"), ("Location", "/caf\xe9"), ("X-A", "\xe9")]
    )
    assert sent_headers(response) == [
        ("Content-Location", "/caf%C3%A9"),
        ("Location", "http://localhost/caf%C3%A9"),
        ("X-A", "\xc3\xa9"),
        TEXT,
        ("Content-Length", "1"),
    ]


def test_a_redirect_target_is_made_a_uri_only_once():
    # the space is escaped by redirect(); its escape is not escaped again
    location = dict(sent_headers(redirect("/a b")))["Location"]
    assert location == "http://localhost/a%20b"


def test_the_slash_redirect_target_is_made_a_uri_only_once():
    app = flask01.Flask(__name__)
    app.add_url_rule("/folder/<name>/", "folder")
    response = app.test_client().get("/folder/a%20b")
    assert (response.status_code, response.headers["Location"]) == (
        301,
        "http://localhost/folder/a%20b/",
    )


# -- cookies written -----------------------------------------------------------

#: every character Python 2's cookie module allowed in a cookie's name
LEGAL = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~"


def test_a_cookie_name_that_is_not_ascii_is_a_type_error_naming_it():
    # 0.6 named it with Python 2's repr, u'\xe9'
    with pytest.raises(TypeError, match="^invalid key '\xe9'$"):
        dump_cookie("\xe9", "v")


def test_a_cookie_named_as_an_attribute_is_refused_as_reserved():
    with pytest.raises(CookieError, match="^Attempt to set a reserved key: Path$"):
        dump_cookie("Path", "v")


def test_a_cookie_name_with_a_space_is_refused_as_illegal():
    with pytest.raises(CookieError, match="^Illegal key value: a b$"):
        dump_cookie("a b", "v")


def test_a_cookie_name_may_hold_every_legal_character():
    assert dump_cookie(LEGAL, "v") == LEGAL + "=v; Path=/"


def test_a_cookie_value_of_every_token_character_is_not_quoted():
    assert dump_cookie("ab", LEGAL) == "ab=" + LEGAL + "; Path=/"


def test_an_expiry_given_as_text_is_written_as_it_is():
    assert dump_cookie("a", "b", expires="X") == "a=b; expires=X; Path=/"


def test_a_max_age_alone_makes_the_cookie_expire_that_much_later():
    before = int(time.time())
    header = dump_cookie("a", "b", max_age=timedelta(days=1))
    after = int(time.time())
    written = header.split("; ")[1]
    assert written.startswith("expires=")
    moment = datetime.strptime(written[len("expires=") :], "%a, %d-%b-%Y %H:%M:%S GMT")
    expires = int(moment.replace(tzinfo=timezone.utc).timestamp())
    assert before + 86400 <= expires <= after + 86400
    assert header.split("; ")[2:] == ["Max-Age=86400", "Path=/"]


def test_an_empty_attribute_is_left_out_and_the_others_kept():
    assert dump_cookie("a", "x", domain="", path="/q", secure=True) == "a=x; Path=/q; secure"


def test_semicolons_and_spaces_at_the_end_of_the_header_are_dropped():
    assert dump_cookie("a", "x", path="/p\t; ") == "a=x; Path=/p"
    assert dump_cookie("a", "x", path="/p;", httponly=True) == "a=x; Path=/p; HttpOnly"


def test_other_characters_at_the_end_of_the_header_stay():
    assert dump_cookie("a", "x", path="/X") == "a=x; Path=/X"


# -- cookies read --------------------------------------------------------------


def test_an_attribute_before_any_cookie_is_ignored():
    assert parse_cookie_06("$Foo=1; a=b").to_dict() == {"a": "b"}


def test_a_known_attribute_after_a_cookie_is_accepted():
    assert parse_cookie_06("a=b; $Path=/").to_dict() == {"a": "b"}


def test_an_unknown_attribute_after_a_cookie_is_an_error_naming_it():
    with pytest.raises(CookieError, match="^Invalid Attribute foo$"):
        parse_cookie_06("a=b; $foo=1")


def test_a_cookie_name_may_hold_every_legal_character_when_read():
    assert parse_cookie_06(LEGAL + "=v").to_dict() == {LEGAL: "v"}


def test_the_bytes_of_a_quoted_cookie_value_that_are_not_utf8_are_dropped():
    assert parse_cookie_06('a="caf\xc3\xa9\xff"; b=c').to_dict() == {"a": "caf\xe9", "b": "c"}


def test_a_cookie_value_with_raw_bytes_above_ascii_ends_the_reading():
    assert parse_cookie_06("a=caf\xc3\xa9\xff").to_dict() == {}


# -- how a multipart body is cut into lines ------------------------------------

#: the headers of one field, before its value
HEAD = '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n'


def test_a_line_longer_than_the_10_kib_chunks_the_body_is_read_in_is_read_whole(posted):
    assert posted(HEAD + "x" * 25000 + "\r\n" + END).form["a"] == "x" * 25000


def test_a_boundary_that_starts_a_new_10_kib_chunk_is_glued_to_the_line_before_as_in_0_6(
    posted,
):
    # the field's line ends exactly where the first 10 KiB do: 0.6 joined
    # the next chunk's first line (the boundary) to it, and lost the body
    value = "x" * (10 * 1024 - len(HEAD) - 2)
    assert posted(HEAD + value + "\r\n" + END).form.to_dict() == {}


def test_a_multipart_body_may_break_its_lines_with_a_carriage_return_alone(posted):
    body = '--b\rContent-Disposition: form-data; name="a"\r\rx\r--b--\r'
    assert posted(body).form.to_dict() == {"a": "x"}


# -- the environ a test builds ---------------------------------------------------


def test_an_environ_built_without_arguments_is_a_get_of_the_root():
    environ = create_environ()
    assert (environ["REQUEST_METHOD"], environ["PATH_INFO"]) == ("GET", "/")


def test_only_the_first_question_mark_of_a_path_starts_its_query_string():
    environ = create_environ("/a?b?c")
    assert (environ["PATH_INFO"], environ["QUERY_STRING"]) == ("/a", "b?c")


def test_the_arguments_after_the_method_are_werkzeugs_in_their_order():
    environ = create_environ("/x", None, None, "PUT", io.BytesIO(b"abc"), "text/plain", 3)
    assert environ["wsgi.input"].read() == b"abc"
    assert (environ["REQUEST_METHOD"], environ["CONTENT_TYPE"]) == ("PUT", "text/plain")


def test_the_builder_names_the_method_it_was_given():
    builder = EnvironBuilder("/", method="PATCH")
    try:
        assert builder.method == "PATCH"
    finally:
        builder.close()


def test_the_method_reaches_the_environ_in_the_case_it_was_given():
    assert create_environ("/", method="post")["REQUEST_METHOD"] == "post"


def test_a_base_url_with_a_query_string_is_refused():
    with pytest.raises(ValueError, match="^base url must not contain a query string or fragment$"):
        create_environ("/", "http://localhost/?x")


def test_a_base_urls_path_is_quoted_as_0_6_mended_it():
    builder = EnvironBuilder("/", "http://localhost/app~x y/")
    try:
        assert builder.base_url == "http://localhost/app%7Ex%20y/"
        assert builder.get_environ()["SCRIPT_NAME"] == "/app~x y"
    finally:
        builder.close()


def test_every_slash_at_the_end_of_the_base_url_is_dropped_from_the_script_name():
    assert create_environ("/", "http://localhost/app//")["SCRIPT_NAME"] == "/app"


def test_a_script_name_ending_in_x_keeps_it():
    assert create_environ("/", "http://localhost/boX/")["SCRIPT_NAME"] == "/boX"


def test_a_script_names_escaped_bytes_reach_the_environ_as_bytes():
    assert create_environ("/", "http://localhost/x%FF/")["SCRIPT_NAME"] == "/x\xff"


# -- the request -----------------------------------------------------------------


def test_a_request_is_found_in_its_environ():
    request = Request(server_environ())
    assert request.environ["werkzeug.request"] is request


def test_a_request_without_a_method_is_a_get():
    environ = server_environ()
    del environ["REQUEST_METHOD"]
    assert Request(environ).method == "GET"


def test_a_quality_over_1_counts_as_1():
    request = Request(server_environ(HTTP_ACCEPT="text/html;q=1.5,a/b;q=0.5"))
    assert list(request.accept_mimetypes) == [("text/html", 1), ("a/b", 0.5)]


def test_an_accept_header_sent_is_provided():
    assert Request(server_environ(HTTP_ACCEPT="text/html")).accept_mimetypes.provided is True


def test_an_empty_session_cookie_gives_a_session_that_can_still_be_saved():
    request = Request(server_environ(HTTP_COOKIE="session="))
    session = SecureCookie.load_cookie(request, secret_key="a secret key")
    assert (dict(session), session.secret_key) == ({}, "a secret key")


# -- URLs matched and built ----------------------------------------------------


def slash_map():
    return Map(
        [
            Rule("/a/", endpoint="away", methods=["DELETE"], redirect_to="/elsewhere"),
            Rule("/a/", endpoint="a", methods=["POST"]),
            Rule("/f/", endpoint="f", methods=["POST"]),
            Rule("/x", endpoint="x"),
            Rule("/p/<path:p>", endpoint="p"),
        ]
    )


def test_the_adapter_matches_a_rule_of_the_method_it_is_given():
    assert slash_map().bind("localhost").match("/f/", "POST") == ("f", {})


def test_the_slash_redirect_looks_past_a_method_whose_rule_redirects_elsewhere():
    with pytest.raises(RequestRedirect) as redirect:
        slash_map().bind("localhost").match("/a", "GET")
    assert (redirect.value.code, redirect.value.new_url) == (301, "http://localhost/a/")


def test_the_slash_redirect_for_another_method_carries_the_query_arguments_given():
    with pytest.raises(RequestRedirect) as redirect:
        slash_map().bind("localhost").match("/f", "GET", query_args="y=2")
    assert redirect.value.new_url == "http://localhost/f/?y=2"


def test_a_dot_segment_built_into_a_url_is_resolved_below_the_script_name():
    adapter = slash_map().bind("localhost", "/app/")
    assert adapter.build("p", {"p": "../y"}) == "/app/y"


def test_a_script_name_ending_in_x_takes_part_in_resolving_dot_segments():
    assert slash_map().bind("localhost", "/boX").build("p", {"p": "../y"}) == "/boX/y"


def test_an_external_url_is_not_resolved_against_the_script_name():
    adapter = slash_map().bind("example.org", "/app")
    assert adapter.build("x", force_external=True) == "http://example.org/app/x"


def test_a_rule_of_the_map_builds_unknown_values_into_the_query_string_by_default():
    rule = Rule("/x", endpoint="x")
    Map([rule])  # which makes it a rule that builds as 0.6's did
    assert rule.build({"q": "1"}) == ("", "/x?q=1")


def test_unknown_values_are_left_out_of_the_url_when_asked():
    adapter = slash_map().bind("localhost")
    assert adapter.build("x", {"q": "1"}, append_unknown=False) == "/x"


def test_a_script_name_that_is_not_ascii_fails_on_its_first_byte_that_is_not():
    adapter = slash_map().bind("localhost", "/\x7f\xe9")
    with pytest.raises(UnicodeDecodeError) as info:
        adapter.build("x")
    error = info.value
    assert (error.encoding, error.reason) == ("ascii", "ordinal not in range(128)")
    assert error.object[error.start : error.end] == b"\xc3"


def test_a_rule_that_is_not_ascii_and_lacks_a_value_does_not_build():
    adapter = Map([Rule("/caf\xe9/<name>", endpoint="c")]).bind("localhost")
    with pytest.raises(BuildError):
        adapter.build("c", {})


def test_a_rule_that_is_not_ascii_fails_to_build_whatever_it_holds():
    adapter = Map([Rule("/caf\xe9:x/<name>", endpoint="c")]).bind("localhost")
    with pytest.raises(UnicodeEncodeError):
        adapter.build("c", {"name": "n"})


class Never(BaseConverter):
    """A converter no value builds with."""

    def to_url(self, value):
        raise ValidationError()


def test_a_rule_that_is_not_ascii_with_a_value_its_converter_refuses_does_not_build():
    url_map = Map([Rule("/caf\xe9/<never:n>", endpoint="c")], converters={"never": Never})
    with pytest.raises(BuildError):
        url_map.bind("localhost").build("c", {"n": 1})


def test_a_script_name_that_starts_with_two_slashes_is_read_as_a_host_and_its_path():
    # as 0.6's urljoin read it: "?q" is no part of the path
    assert slash_map().bind("localhost", "//h?q").build("x") == "//h/x"


def test_the_query_string_is_ordered_by_the_maps_sort_key():
    url_map = Map(
        [Rule("/x", endpoint="x")], sort_parameters=True, sort_key=lambda item: -len(item[0])
    )
    adapter = url_map.bind("localhost")
    assert adapter.build("x", {"b": 1, "aaa": 2, "cc": 3}) == "/x?aaa=2&cc=3&b=1"


def test_a_query_strings_keys_keep_only_the_slash_unescaped():
    adapter = slash_map().bind("localhost")
    assert adapter.build("x", {"a/?~:": 1}) == "/x?a/%3F%7E%3A=1"


def test_a_redirect_with_credentials_is_made_a_uri_only_once():
    location = dict(sent_headers(redirect("http://u:p@h/a b")))["Location"]
    assert location == "http://u:p@h/a%20b"


def test_a_redirect_of_a_code_0_6_did_not_know_is_an_assertion_error():
    with pytest.raises(AssertionError, match="^invalid code$"):
        redirect("/", 308)


def test_a_host_label_of_63_characters_keeps_its_port():
    label = "a" * 63
    assert _iri_to_uri_06(f"http://{label}:81/") == f"http://{label}:81/"


# -- the static files middleware -------------------------------------------------


def test_a_request_without_a_path_goes_to_the_application(tmp_path):
    def application(environ, start_response):
        start_response("200 OK", [])
        return [b"app"]

    middleware = SharedDataMiddleware(application, {"/static": str(tmp_path)})
    environ = server_environ()
    del environ["PATH_INFO"]
    assert middleware(environ, lambda status, headers: None) == [b"app"]


def test_a_server_name_given_to_bind_to_environ_is_kept():
    environ = server_environ(HTTP_HOST="www.example.org")
    adapter = slash_map().bind_to_environ(environ, server_name="example.org")
    assert adapter.build("x", force_external=True) == "http://example.org/x"
