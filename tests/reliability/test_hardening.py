"""The holes an adversarial run of both versions found (issue 13), each
closed, and shown closed where it was found: raw bytes on a socket to
real servers on 127.0.0.1 (Werkzeug's threaded server, gunicorn's sync
and gthread workers, waitress), serving tests/apps/hardening.py.

1. A chunked body over ``MAX_CONTENT_LENGTH`` (modern) is a 413; it was
   cut at the limit and the view answered 200.
2. A session cookie signed with an empty secret key (flask01) is not
   accepted; a forged ``{"user": "admin"}`` reached the view.
3. JSON nested too deeply to parse (both) is a 400; it was a 500.
4. A CR or LF in a redirect's target (both) is percent-encoded; it was
   a 500.
5. An SVG template (modern) is autoescaped; it was not.
6. An urlencoded body (modern) is limited by ``MAX_FORM_MEMORY_SIZE``
   and ``MAX_FORM_PARTS``; it had no limit but ``MAX_CONTENT_LENGTH``.

The tests after the real-server ones pin each fix down in-process, at
its edges (a body exactly at a limit, one byte over it).
"""

import hashlib
import io
import json

import pytest
from itsdangerous import URLSafeSerializer, URLSafeTimedSerializer
from werkzeug.exceptions import ClientDisconnected, RequestEntityTooLarge
from werkzeug.test import create_environ
from werkzeug.wrappers import Request as WerkzeugRequest

import flask01
import flask01.modern
from flask01.modern.wrappers import _CappedInput, _read_at_most
from tests.apps.hardening import attacked_app, empty_key_app
from tests.reliability.serving import SERVERS, serve
from tests.servers import raw_request

SITE = "tests.apps.hardening:hardening_site"


@pytest.fixture(
    scope="module",
    params=[(framework, server) for framework in ("modern", "flask01") for server in SERVERS],
    ids=lambda param: "-".join(param),
)
def site(request):
    """The hardening site of one framework on one server: (framework, port)."""
    name, server = request.param
    framework = flask01.modern if name == "modern" else flask01
    with serve(server, SITE, framework) as port:
        yield framework, port


@pytest.fixture(scope="module", params=SERVERS)
def modern_site(request):
    """flask01.modern's hardening site on one server, for the fixes of
    what flask01 does not have (as 0.1 had not): ``MAX_CONTENT_LENGTH``,
    form limits, SVG templates.  Gives the port."""
    with serve(request.param, SITE, flask01.modern) as port:
        yield port


def body_of(answer):
    return answer.partition(b"\r\n\r\n")[2]


def post(port, path, body, content_type="application/octet-stream", chunked=False):
    """POST *body* on a fresh connection, chunked (no ``Content-Length``)
    or not; (status, response body)."""
    head = f"POST {path} HTTP/1.1\r\nHost: t\r\nContent-Type: {content_type}\r\n"
    if chunked:
        head += "Transfer-Encoding: chunked\r\n"
        body = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
    else:
        head += f"Content-Length: {len(body)}\r\n"
    status, answer = raw_request(port, head.encode() + b"Connection: close\r\n\r\n" + body)
    return status, body_of(answer)


def get(port, target, headers=b""):
    request = (
        b"GET " + target + b" HTTP/1.1\r\nHost: t\r\n" + headers + b"Connection: close\r\n\r\n"
    )
    return raw_request(port, request)


# -- 1. chunked bodies over MAX_CONTENT_LENGTH (modern) ----------------------------


@pytest.mark.concurrent
def test_a_chunked_body_over_max_content_length_is_413_not_cut(modern_site):
    status, body = post(modern_site, "/limited/body", b"x" * 5000, chunked=True)
    assert status == 413
    assert b"length" not in body  # the view never answered


@pytest.mark.concurrent
def test_a_chunked_urlencoded_field_over_max_content_length_is_413(modern_site):
    form = b"a=" + b"x" * 5000
    status, _ = post(
        modern_site, "/limited/form", form, "application/x-www-form-urlencoded", chunked=True
    )
    assert status == 413


@pytest.mark.concurrent
def test_a_chunked_body_of_exactly_max_content_length_is_read_whole(modern_site):
    status, body = post(modern_site, "/limited/body", b"x" * 1024, chunked=True)
    assert (status, json.loads(body)) == (200, {"length": 1024})


PART_HEAD = b'--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n'
PART_TAIL = b"\r\n--b--\r\n"


def multipart_of_length(length):
    """A multipart body of one field ``a``, exactly *length* bytes long."""
    return PART_HEAD + b"x" * (length - len(PART_HEAD) - len(PART_TAIL)) + PART_TAIL


@pytest.mark.concurrent
def test_a_multipart_body_of_exactly_max_content_length_is_parsed(modern_site):
    # Under servers that end the body themselves (gunicorn, waitress)
    # Werkzeug refused it, reading in pieces past the end.
    body = multipart_of_length(1024)
    status, answer = post(modern_site, "/limited/form", body, "multipart/form-data; boundary=b")
    field = 1024 - len(PART_HEAD) - len(PART_TAIL)
    assert (status, json.loads(answer)) == (200, {"fields": 1, "a": field})


# -- 2. an empty secret key (flask01; modern as Flask 2.1.3) ----------------------


def signed_with_an_empty_key(framework, data):
    """*data* signed as *framework* signs its session cookie, with the
    key ``""``: what any client can make."""
    if framework is flask01:
        return URLSafeSerializer("", salt="flask01.session").dumps(data)
    interface = flask01.modern.sessions.SecureCookieSessionInterface
    signer = {"key_derivation": interface.key_derivation, "digest_method": hashlib.sha1}
    return URLSafeTimedSerializer("", salt=interface.salt, signer_kwargs=signer).dumps(data)


@pytest.mark.concurrent
def test_a_cookie_signed_with_an_empty_key_is_not_a_session(site):
    framework, port = site
    forged = signed_with_an_empty_key(framework, {"user": "admin"}).encode()
    status, answer = get(port, b"/empty-key/session", b"Cookie: session=" + forged + b"\r\n")
    assert (status, json.loads(body_of(answer))) == (200, {"cookie": True, "session": {}})


@pytest.mark.parametrize("framework", [flask01, flask01.modern], ids=["flask01", "modern"])
def test_an_empty_secret_key_refuses_writes_as_no_key_does(framework):
    app = empty_key_app(framework)
    app.testing = True  # modern: the error reaches the test, as flask01's does
    with pytest.raises(RuntimeError, match="secret key"):
        app.test_client().get("/login")


def test_a_non_empty_key_still_accepts_what_it_signed():
    app = empty_key_app(flask01)
    app.secret_key = "k"
    client = app.test_client()
    client.set_cookie("session", URLSafeSerializer("k", salt="flask01.session").dumps({"u": 1}))
    with client.get("/session") as response:
        assert json.loads(response.data) == {"cookie": True, "session": {"u": 1}}


# -- 3. deep JSON (both) -------------------------------------------------------------


@pytest.mark.concurrent
def test_json_nested_too_deeply_is_400_not_500(site):
    _, port = site
    status, body = post(port, "/json", b"[" * 100_000, "application/json")
    assert status == 400
    assert b"Traceback" not in body


@pytest.mark.parametrize("framework", [flask01, flask01.modern], ids=["flask01", "modern"])
def test_json_nested_too_deeply_is_none_when_silent(framework):
    app = framework.Flask(__name__)
    deep = "[" * 100_000
    with app.test_request_context(data=deep, content_type="application/json"):
        assert framework.request.get_json(silent=True) is None


@pytest.mark.parametrize("framework", [flask01, flask01.modern], ids=["flask01", "modern"])
def test_json_nested_within_the_limit_still_parses(framework):
    app = framework.Flask(__name__)
    with app.test_request_context(data="[" * 500 + "]" * 500, content_type="application/json"):
        value = framework.request.get_json()
    depth = 0
    while value:
        value, depth = value[0], depth + 1
    assert depth == 499


# -- 4. CR and LF in a redirect's target (both) ---------------------------------------


@pytest.mark.concurrent
def test_a_redirect_target_with_cr_lf_is_percent_encoded_not_a_500(site):
    _, port = site
    status, answer = get(port, b"/next?next=/x%0d%0aSet-Cookie:%20a=b")
    head = answer.partition(b"\r\n\r\n")[0].split(b"\r\n")
    assert status == 302
    (location,) = [line for line in head if line.startswith(b"Location: ")]
    # flask01 quotes the target's path as Werkzeug 0.6 did ("=" too)
    assert location.endswith((b"/x%0D%0ASet-Cookie:%20a=b", b"/x%0D%0ASet-Cookie:%20a%3Db"))
    assert not [line for line in head if line.lower().startswith(b"set-cookie")]


@pytest.mark.parametrize("framework", [flask01, flask01.modern], ids=["flask01", "modern"])
@pytest.mark.parametrize(
    ("target", "sent"),
    [("/a\tb", "/a%09b"), ("/a\x00b", "/a%00b"), ("/a\x7fb", "/a%7Fb"), ("/a\x1fb", "/a%1Fb")],
    ids=["tab", "nul", "del", "unit-separator"],
)
def test_every_control_character_in_a_redirect_target_is_encoded(framework, target, sent):
    response = framework.redirect(target)
    assert response.headers["Location"] == sent


@pytest.mark.parametrize(
    ("framework", "target"),
    # both make a target with white space a URI, as Werkzeug 0.6 and 2.1
    # did (tests/modern/test_werkzeug21.py): the target here has none
    [(flask01, "/a?x=1&y=%0A#~!"), (flask01.modern, "/a?x=1&y=%0A#~!")],
    ids=["flask01", "modern"],
)
def test_a_redirect_target_without_control_characters_is_unchanged(framework, target):
    assert framework.redirect(target, 301).headers["Location"] == target
    assert framework.redirect(target, 301).status_code == 301


def test_a_redirect_uses_the_response_class_it_is_given():
    response = flask01.redirect("/x", Response=flask01.Response)
    assert type(response) is flask01.Response


# -- 5. SVG templates (modern) --------------------------------------------------------------


@pytest.mark.concurrent
def test_an_svg_template_is_autoescaped(modern_site):
    status, answer = get(modern_site, b"/badge.svg?label=%3Cscript%3Ealert(1)%3C/script%3E")
    assert status == 200
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body_of(answer)
    assert b"<script>" not in answer


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("a.svg", True),
        ("a.html", True),
        ("a.htm", True),
        ("a.xml", True),
        ("a.xhtml", True),
        ("a.txt", False),
        ("a.svg.txt", False),
        (None, True),
    ],
)
def test_autoescaping_is_chosen_by_the_template_name(name, escaped):
    assert flask01.modern.Flask(__name__).select_jinja_autoescape(name) is escaped


# -- 6. urlencoded bodies: MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS (modern) ----------------


#: the body of the issue: 4.9 MB in 500,000 fields
MANY_FIELDS = b"&".join(b"f%d=v" % i for i in range(500_000))


@pytest.mark.concurrent
def test_an_urlencoded_body_of_500000_fields_is_413(modern_site):
    status, body = post(modern_site, "/form", MANY_FIELDS, "application/x-www-form-urlencoded")
    assert status == 413
    assert b"fields" not in body


@pytest.mark.concurrent
def test_an_urlencoded_body_within_the_form_limits_is_parsed(modern_site):
    form = b"&".join(b"f%d=v" % i for i in range(999)) + b"&a=" + b"x" * 100_000
    status, body = post(modern_site, "/form", form, "application/x-www-form-urlencoded")
    assert (status, json.loads(body)) == (200, {"fields": 1000, "a": 100_000})


def test_the_form_limits_are_flask_3_1s_keys_and_defaults():
    config = flask01.modern.Flask(__name__).config
    assert (config["MAX_FORM_MEMORY_SIZE"], config["MAX_FORM_PARTS"]) == (500_000, 1_000)


def form_status(config, body, content_length=True):
    app = attacked_app(flask01.modern)
    app.config.update(config)
    # without a length: chunked, as a server that ends the body passes it
    headers = {} if content_length else {"Transfer-Encoding": "chunked"}
    with app.test_client().post(
        "/form",
        data=body,
        headers=headers,
        content_type="application/x-www-form-urlencoded",
        environ_overrides={"wsgi.input_terminated": True},
    ) as response:
        return response.status_code


@pytest.mark.parametrize("content_length", [True, False], ids=["length", "chunked"])
@pytest.mark.parametrize(("size", "status"), [(100, 200), (101, 413)])
def test_max_form_memory_size_limits_the_whole_urlencoded_body(content_length, size, status):
    body = b"a=" + b"x" * (size - 2)
    assert form_status({"MAX_FORM_MEMORY_SIZE": 100}, body, content_length) == status


@pytest.mark.parametrize(("fields", "status"), [(10, 200), (11, 413)])
def test_max_form_parts_limits_the_fields_of_an_urlencoded_body(fields, status):
    body = b"&".join(b"f%d=v" % i for i in range(fields))
    assert form_status({"MAX_FORM_PARTS": 10}, body) == status


def test_an_empty_urlencoded_body_has_no_fields_even_under_a_zero_parts_limit():
    assert form_status({"MAX_FORM_PARTS": 0}, b"") == 200


def test_none_lifts_the_form_limits():
    assert form_status({"MAX_FORM_MEMORY_SIZE": None, "MAX_FORM_PARTS": None}, MANY_FIELDS) == 200


def test_max_form_memory_size_limits_a_multipart_field():
    # Werkzeug's multipart parser, as Flask 3.1 configures it; it counts
    # what it holds of the body at once, so the limit is not exact.
    app = attacked_app(flask01.modern)
    app.config["MAX_FORM_MEMORY_SIZE"] = 1000
    client = app.test_client()
    with client.post("/form", data={"a": "x" * 1001}, content_type="multipart/form-data") as r:
        assert r.status_code == 413
    with client.post("/form", data={"a": "x" * 500}, content_type="multipart/form-data") as r:
        assert json.loads(r.data) == {"fields": 1, "a": 500}


class FailingBody(io.RawIOBase):
    """A request body that raises *error* when it is read."""

    def __init__(self, error):
        self.error = error

    def readable(self):
        return True

    def readinto(self, buffer):
        raise self.error


def test_an_urlencoded_length_over_max_form_memory_size_is_refused_unread():
    app = attacked_app(flask01.modern)
    app.config["MAX_FORM_MEMORY_SIZE"] = 100
    environ = create_environ(
        "/form", method="POST", content_type="application/x-www-form-urlencoded"
    )
    unread = FailingBody(AssertionError("the body was read"))
    environ.update(CONTENT_LENGTH="101", **{"wsgi.input": unread})
    with app.request_context(environ), pytest.raises(RequestEntityTooLarge):
        flask01.modern.request.form  # noqa: B018  (reading the form is the point)


def test_max_form_parts_limits_the_parts_of_a_multipart_body():
    app = attacked_app(flask01.modern)
    app.config["MAX_FORM_PARTS"] = 3
    client = app.test_client()
    data = {f"f{i}": "v" for i in range(4)}
    with client.post("/form", data=data, content_type="multipart/form-data") as r:
        assert r.status_code == 413


def test_outside_an_application_the_form_limits_are_werkzeugs():
    request = flask01.modern.Request(create_environ())
    assert request.max_form_memory_size == WerkzeugRequest.max_form_memory_size
    assert request.max_form_parts == WerkzeugRequest.max_form_parts


# -- the capped stream behind fix 1, in-process -------------------------------------------


def body_status(
    body, limit, terminated=True, chunked=True, read=lambda request: request.get_data()
):
    app = flask01.modern.Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = limit
    app.route("/", methods=["POST"])(lambda: str(len(read(flask01.modern.request))))
    # what Werkzeug's server gives for a chunked body: no length, and the
    # promise that the server ends the stream
    environ = {"wsgi.input_terminated": True} if terminated else {}
    client = app.test_client()
    with client.post(
        "/",
        input_stream=io.BytesIO(body),
        headers={"Transfer-Encoding": "chunked"} if chunked else {},
        environ_overrides=environ,
    ) as response:
        return response.status_code, response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("size", "expected"),
    [(0, (200, "0")), (1023, (200, "1023")), (1024, (200, "1024")), (1025, 413), (5000, 413)],
)
def test_a_body_of_unknown_length_is_read_whole_up_to_the_limit_and_refused_beyond(size, expected):
    status, text = body_status(b"x" * size, 1024)
    assert ((status, text) if isinstance(expected, tuple) else status) == expected


def test_a_body_of_unknown_length_read_in_pieces_is_refused_beyond_the_limit():
    assert body_status(b"x" * 1000, 1000, read=in_pieces) == (200, "1000")
    assert body_status(b"x" * 1001, 1000, read=in_pieces)[0] == 413


def in_pieces(request):
    return b"".join(iter(lambda: request.stream.read(100), b""))


@pytest.mark.parametrize(("size", "status"), [(1000, 200), (1001, 413)])
def test_a_terminated_body_with_a_length_is_read_in_pieces_up_to_the_limit(size, status):
    # gunicorn and waitress end every body themselves
    assert body_status(b"x" * size, 1000, chunked=False, read=in_pieces)[0] == status


def test_a_terminated_body_with_a_length_over_the_limit_is_refused_unread():
    def open_only(request):
        request.stream  # noqa: B018  (opening the stream is the point)
        return b""

    assert body_status(b"x" * 1001, 1000, chunked=False, read=open_only)[0] == 413


def test_without_max_content_length_a_body_of_unknown_length_is_read_whole():
    assert body_status(b"x" * 5000, None) == (200, "5000")


def test_a_body_of_unknown_length_the_server_does_not_terminate_stays_unread():
    # Werkzeug's safe fallback, kept: no Content-Length and no promise of
    # an end from the server reads as an empty body.
    assert body_status(b"x" * 10, 1024, terminated=False) == (200, "0")


def test_a_broken_chunk_is_a_client_disconnect_as_in_werkzeug():
    with pytest.raises(ClientDisconnected):
        _CappedInput(FailingBody(OSError("invalid chunk header")), 10).read(5)


def test_the_capped_stream_gives_what_it_may_and_refuses_the_next_byte():
    stream = _CappedInput(io.BytesIO(b"abcdef"), 4)
    assert stream.readable()
    assert stream.read(2) == b"ab"
    assert stream.read(2) == b"cd"
    with pytest.raises(RequestEntityTooLarge):
        stream.read(2)


def test_reading_at_most_a_limit():
    assert _read_at_most(io.BytesIO(b"x" * 70_000), 70_000) == b"x" * 70_000
    assert _read_at_most(io.BytesIO(b"x" * 70_000), None) == b"x" * 70_000
    with pytest.raises(RequestEntityTooLarge):
        _read_at_most(io.BytesIO(b"x" * 70_001), 70_000)
