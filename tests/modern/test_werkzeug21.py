"""What flask01.modern answers as Flask 2.1.3 on Werkzeug 2.1.2 did, where
today's Werkzeug answers otherwise (flask01.modern._werkzeug21).

Each behaviour was found by the generated differential cases against
real Flask 2.1.3 (tests/differential/modern.py); the expected values
here are what Flask 2.1.3 with Werkzeug 2.1.2 answers.
"""

import io
import warnings

import pytest
from werkzeug.exceptions import NotFound
from werkzeug.routing import BaseConverter

import flask01.modern as flask
from flask01.modern import _werkzeug21


def _environ_get(client, path, **kwargs):
    with client.open(path, **kwargs) as response:
        return response.get_data(as_text=True), response


def _upload_names(app, client, body):
    """The file names a view reads from *body*, a multipart body with the
    boundary ``b`` posted to it, joined by ``|``."""
    app.add_url_rule(
        "/up",
        "up",
        lambda: "|".join(f.filename for f in flask.request.files.values()),
        methods=["POST"],
    )
    text, _ = _environ_get(
        client, "/up", method="POST", data=body, content_type="multipart/form-data; boundary=b"
    )
    return text


# -- URLs -----------------------------------------------------------------


def test_request_url_escapes_a_backslash_and_keeps_utf8_text(app, client):
    app.route("/echo/<path:rest>")(lambda rest: flask.request.url)
    body, _ = _environ_get(client, "/echo/caf%C3%A9/back%5Cslash?k=x%2By&s=semi%3Bcolon")
    # the path an IRI with "\" and a tab escaped; the query's "+" and ";"
    # unescaped, as Werkzeug 2.1's get_current_url gave it
    assert body == "http://localhost/echo/café/back%5Cslash?k=x+y&s=semi;colon"


def test_request_base_url_root_url_and_host_url_are_werkzeug_21s(app, client):
    app.route("/a/<path:rest>")(
        lambda rest: "|".join(
            [flask.request.base_url, flask.request.url_root, flask.request.host_url]
        )
    )
    body, _ = _environ_get(client, "/a/%26%3D?q=1", base_url="http://localhost:8080/")
    assert body == "http://localhost:8080/a/%26%3D|http://localhost:8080/|http://localhost:8080/"


def test_redirect_location_is_a_uri_only_when_the_target_needs_it(app):
    with app.test_request_context():
        assert flask.redirect("/a?b=c&d=é").headers["Location"] == "/a?b=c&d=%C3%A9"
        assert flask.redirect("/a b").headers["Location"] == "/a%20b"
        # ASCII without white space is sent as given
        assert flask.redirect("h://:%").headers["Location"] == "h://:%"


def test_redirect_page_links_to_the_uri_and_shows_the_target(app):
    with app.test_request_context():
        page = flask.redirect("/caf\xe9").get_data(as_text=True)
    assert '<a href="/caf%C3%A9">/caf\xe9</a>' in page


def test_a_redirect_target_with_a_bad_port_is_sent_not_a_500(app, client):
    app.route("/go")(lambda: flask.redirect("h://:%"))
    _, response = _environ_get(client, "/go")
    assert response.status_code == 302
    assert response.headers["Location"] == "h://:%"


def test_the_routing_redirect_escapes_ampersand_and_equals(app, client):
    app.route("/echo/<path:rest>")(lambda rest: rest)
    _, response = _environ_get(client, "/echo//a&b=c")
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/echo/a%26b%3Dc"


def test_the_routing_redirect_page_links_to_a_uri(app, client):
    app.route("/slash/")(lambda: "")
    body, response = _environ_get(client, "/slash", query_string="n=%C3%A9")
    assert response.headers["Location"] == "http://localhost/slash/?n=%C3%A9"
    assert 'href="http://localhost/slash/?n=%C3%A9"' in body


def test_url_for_escapes_path_values_and_query_as_werkzeug_21(app):
    app.add_url_rule("/user/<name>", "user", lambda name: name)
    with app.test_request_context():
        assert flask.url_for("user", name="a&b=c@d") == "/user/a%26b%3Dc%40d"
        assert flask.url_for("user", name="x", q="a/b:c?d@e f") == "/user/x?q=a%2Fb%3Ac%3Fd%40e+f"
        assert flask.url_for("user", name="x", _anchor="it's a/b") == "/user/x#it's%20a/b"


def test_url_for_an_any_converter_builds_any_value(app):
    app.add_url_rule("/any/<any(a, b):w>", "any_", lambda w: w)
    with app.test_request_context():
        assert flask.url_for("any_", w="z\\y") == "/any/z%5Cy"


def test_a_root_path_that_does_not_start_with_a_slash_keeps_its_escapes(app):
    # it joins the host in the URL, and Werkzeug 2.1.2 left the host's
    # escapes alone when it made the URL an IRI
    with app.test_request_context("/caf%C3%A9", base_url="h:\ufffd"):
        assert flask.request.base_url == "h://%EF%BF%BD/café"
        assert flask.request.url_root == "h://%EF%BF%BD/"


def test_the_idna_labels_of_the_host_are_decoded_in_the_urls(app):
    with app.test_request_context("/a", headers={"Host": "xn--caf-dma.example"}):
        assert flask.request.host == "xn--caf-dma.example"
        assert flask.request.base_url == "http://café.example/a"
        assert flask.request.host_url == "http://café.example/"


def test_a_host_label_that_is_not_idna_is_left_as_it_is(app):
    with app.test_request_context("/a", headers={"Host": "xn--zz.example"}):
        assert flask.request.base_url == "http://xn--zz.example/a"


# -- routing ----------------------------------------------------------------


def test_a_missing_slash_with_a_method_the_rule_lacks_is_405(app, client):
    app.route("/slash/")(lambda: "")
    _, response = _environ_get(client, "/slash", method="PUT")
    assert response.status_code == 405


def test_a_converter_that_refuses_the_path_makes_it_404_whatever_the_method(app, client):
    class Refusing(BaseConverter):
        def to_python(self, value):
            raise NotFound()

    app.url_map.converters["refusing"] = Refusing
    app.route("/r/<refusing:value>", methods=["POST"])(lambda value: value)
    for method in ("POST", "GET"):  # GET is not allowed: still a 404, not a 405
        _, response = _environ_get(client, "/r/x", method=method)
        assert response.status_code == 404


def test_doubled_slashes_are_merged_by_a_redirect_whatever_the_method(app, client):
    app.route("/slash/")(lambda: "")
    _, response = _environ_get(client, "/slash//", method="POST")
    assert response.status_code == 308
    assert response.headers["Location"] == "http://localhost/slash/"


# -- responses --------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "status"),
    [(" 201 X ", " 201 X "), (" X", "0  X"), ("99", "99 UNKNOWN"), ("418 TEAPOT", "418 TEAPOT")],
)
def test_a_status_line_is_kept_as_given(given, status):
    assert flask.Response(status=given).status == status


def test_an_error_page_writes_quotes_as_werkzeug_21(app, client):
    app.add_url_rule("/428", "conditional", lambda: flask.abort(428))
    body, _ = _environ_get(client, "/428")
    assert "&quot;If-Match&quot;" in body
    app.add_url_rule("/403", "forbidden", lambda: flask.abort(403))
    body, _ = _environ_get(client, "/403")
    assert "don&#x27;t" in body


def test_an_empty_download_name_is_written_bare(app, client):
    app.route("/")(
        lambda: flask.send_file(io.BytesIO(b"x"), mimetype="text/plain", download_name="")
    )
    _, response = _environ_get(client, "/")
    assert response.headers["Content-Disposition"] == "inline; filename="


# -- cookies ----------------------------------------------------------------


def test_set_cookie_quotes_a_value_with_unsafe_bytes():
    response = flask.Response()
    response.set_cookie("k", "?q;x")
    assert response.headers["Set-Cookie"] == 'k="?q\\073x"; Path=/'


def test_set_cookie_keeps_the_leading_dot_of_a_domain():
    response = flask.Response()
    response.set_cookie("k", "v", domain=".example.com")
    assert response.headers["Set-Cookie"] == "k=v; Domain=.example.com; Path=/"


@pytest.mark.parametrize("domain", ["localhost", ""])
def test_set_cookie_refuses_a_domain_without_a_dot(domain):
    with pytest.raises(ValueError, match="localhost"):
        flask.Response().set_cookie("k", "v", domain=domain)


def test_a_too_large_cookie_still_warns():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        flask.Response().set_cookie("k", "v" * 5000)
    assert "too large" in str(caught[0].message)


def test_cookies_with_a_space_in_the_name_are_read(app):
    with app.test_request_context(headers={"Cookie": 'x y=1; q="a\\054b"; =skipped'}):
        assert dict(flask.request.cookies) == {"x y": "1", "q": "a,b"}


def test_the_cookie_parser_decodes_utf8_and_replaces_bad_bytes():
    assert dict(_werkzeug21.parse_cookie("caf\xc3\xa9=\xe9")) == {"café": "\ufffd"}


# -- request headers --------------------------------------------------------


def test_authorization_of_another_scheme_or_incomplete_is_none(app):
    for header in ["Bas", "Basic", "Bearer token", "Basic !!!", 'Digest username="u"']:
        with app.test_request_context(headers={"Authorization": header}):
            assert flask.request.authorization is None, header
    with app.test_request_context(headers={"Authorization": "Basic dTpw"}):
        assert flask.request.authorization.username == "u"


def test_an_accept_weight_that_is_not_a_number_counts_as_one(app):
    with app.test_request_context(headers={"Accept": "a/b;q=x, */*"}):
        assert flask.request.accept_mimetypes.best == "a/b"


def test_an_empty_entity_tag_is_read_as_one(app):
    with app.test_request_context(headers={"If-None-Match": ', "other", '}):
        assert sorted(flask.request.if_none_match) == ["", "other"]


def test_an_uploaded_file_name_keeps_its_backslashes(app, client):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="f"; filename="C:\\Users\\a.txt"\r\n'
        b"\r\nx\r\n--b--\r\n"
    )
    assert _upload_names(app, client, body) == "C:\\Users\\a.txt"


# -- flashing ---------------------------------------------------------------


def test_flashes_of_a_corrupt_session_fail_as_in_flask_213(app, client):
    app.route("/")(lambda: str(flask.get_flashed_messages()))
    app.testing = True
    with client.session_transaction() as session:
        session["_flashes"] = "b"
    with pytest.raises(IndexError):
        client.get("/")


def test_the_test_client_sends_back_a_cookie_whose_domain_has_a_leading_dot(app):
    app.config.update(SERVER_NAME="www.example.com", SESSION_COOKIE_DOMAIN=".example.com")
    app.add_url_rule("/set", "set", lambda: flask.session.update(k=1) or "")
    app.add_url_rule("/get", "get", lambda: str(flask.session.get("k")))
    client = app.test_client()
    with client.get("/set", "http://www.example.com/") as response:
        assert "Domain=.example.com;" in response.headers["Set-Cookie"]
    with client.get("/get", "http://www.example.com/") as response:
        assert response.data == b"1"


# -- Werkzeug 2.1.2's iri_to_uri, part by part ------------------------------


@pytest.mark.parametrize(
    ("iri", "uri"),
    [
        ("/a#frag é", "/a#frag%20%C3%A9"),
        ("h:?é", "h:?%C3%A9"),
        ("http://us er:pw@host/é", "http://us%20er:pw@host/%C3%A9"),
        ("http://[::1]:8080/é", "http://[::1]:8080/%C3%A9"),
        ("http://a]@[::1/é", "http://a%5D@[[::1]/%C3%A9"),
        ("http://é..com/x", "http://xn--9ca..com/x"),
        ("http://" + "é" * 64 + ".com/x", "http://.com/x"),
    ],
)
def test_iri_to_uri_converts_each_part_as_werkzeug_21(iri, uri):
    # the expected URIs are what werkzeug.urls.iri_to_uri of 2.1.2 returns
    assert _werkzeug21.iri_to_uri(iri) == uri


def test_iri_to_uri_refuses_an_unclosed_ipv6_host():
    with pytest.raises(ValueError, match="Invalid IPv6 URL"):
        _werkzeug21.iri_to_uri("http://[::1/é")


def test_redirect_answers_with_the_response_class_given():
    class Mine(flask.Response):
        pass

    response = _werkzeug21.redirect("/é", 301, Response=Mine)
    assert type(response) is Mine
    assert (response.status_code, response.headers["Location"]) == (301, "/%C3%A9")


# -- Content-Disposition ----------------------------------------------------


def test_a_download_name_that_is_not_a_token_is_quoted(app, client):
    app.route("/")(
        lambda: flask.send_file(io.BytesIO(b"x"), mimetype="text/plain", download_name='a "b".txt')
    )
    _, response = _environ_get(client, "/")
    assert response.headers["Content-Disposition"] == 'inline; filename="a \\"b\\".txt"'


def test_a_download_name_beyond_ascii_is_sent_twice(app, client):
    app.route("/")(
        lambda: flask.send_file(
            io.BytesIO(b"x"), mimetype="text/plain", download_name="café;1.txt", as_attachment=True
        )
    )
    _, response = _environ_get(client, "/")
    # as Flask 2.1.3 on Werkzeug 2.1.2 wrote it: the ";" stays in filename*
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="cafe;1.txt"; filename*="UTF-8\'\'caf%C3%A9;1.txt"'
    )


# -- cookies, written -------------------------------------------------------


def test_set_cookie_without_a_path_writes_none():
    response = flask.Response()
    response.set_cookie("k", "v", path=None)
    assert response.headers["Set-Cookie"] == "k=v"


def test_set_cookie_takes_max_age_as_a_timedelta_and_expires_as_text():
    from datetime import timedelta

    response = flask.Response()
    response.set_cookie(
        "k", "v", max_age=timedelta(seconds=60), expires="Thu, 01 Jan 1970 00:00:00 GMT"
    )
    assert response.headers["Set-Cookie"] == (
        "k=v; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60; Path=/"
    )


def test_set_cookie_with_max_age_alone_expires_that_long_from_now():
    from datetime import datetime, timezone

    from werkzeug.http import parse_date

    response = flask.Response()
    before = datetime.now(tz=timezone.utc).replace(microsecond=0)
    response.set_cookie("k", "v", max_age=60)
    after = datetime.now(tz=timezone.utc)
    attributes = dict(part.split("=", 1) for part in response.headers["Set-Cookie"].split("; ")[1:])
    assert attributes["Max-Age"] == "60"
    expires = parse_date(attributes["Expires"])
    assert before.timestamp() + 60 <= expires.timestamp() <= after.timestamp() + 60


def test_set_cookie_writes_an_expiry_datetime_as_an_http_date():
    from datetime import datetime, timezone

    response = flask.Response()
    response.set_cookie("k", "v", expires=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert response.headers["Set-Cookie"] == "k=v; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/"


def test_set_cookie_refuses_an_unknown_samesite():
    with pytest.raises(ValueError, match="SameSite must be"):
        flask.Response().set_cookie("k", "v", samesite="bogus")


def test_a_partitioned_cookie_is_written_by_todays_werkzeug():
    response = flask.Response()
    response.set_cookie("k", "v", partitioned=True)
    header = response.headers["Set-Cookie"]
    assert "Partitioned" in header
    assert "Secure" in header


# -- cookies, read ----------------------------------------------------------


@pytest.mark.parametrize("header", [";", "=", " ; ="])
def test_a_cookie_header_without_a_name_holds_no_cookies(app, header):
    with app.test_request_context(headers={"Cookie": header}):
        assert dict(flask.request.cookies) == {}


# -- request headers, more --------------------------------------------------


def test_a_request_without_accept_has_an_accept_not_provided(app):
    with app.test_request_context():
        accept = flask.request.accept_mimetypes
        assert (accept.provided, accept.best, list(accept)) == (False, None, [])


def test_accept_charset_encoding_and_language_are_read_with_their_weights(app):
    headers = {
        "Accept-Charset": "utf-8;q=0.5, latin-1",
        "Accept-Encoding": "gzip;q=x, br",
        "Accept-Language": "fr;q=0.3, en",
    }
    with app.test_request_context(headers=headers):
        request = flask.request
        # Werkzeug 2.1.2's order: by weight; a weight not a number is 1
        assert request.accept_charsets.to_header() == "latin-1,utf-8;q=0.5"
        assert request.accept_encodings.to_header() == "gzip,br"
        assert request.accept_languages.to_header() == "en,fr;q=0.3"


def test_if_match_is_read_as_entity_tags(app):
    with app.test_request_context(headers={"If-Match": '"a", W/"b"'}):
        etags = flask.request.if_match
        assert etags.contains("a")
        assert etags.contains_weak("b")
        assert not etags.contains("b")


_DIGEST = 'Digest username="u", realm="r", nonce="n", uri="/", response="x"'


def test_complete_digest_credentials_are_read(app):
    with app.test_request_context(headers={"Authorization": _DIGEST}):
        authorization = flask.request.authorization
        assert (authorization.type, authorization.username, authorization.nonce) == (
            "digest",
            "u",
            "n",
        )


def test_digest_credentials_with_qop_need_nc_and_cnonce(app):
    with app.test_request_context(headers={"Authorization": _DIGEST + ", qop=auth"}):
        assert flask.request.authorization is None
    header = _DIGEST + ', qop=auth, nc=1, cnonce="c"'
    with app.test_request_context(headers={"Authorization": header}):
        assert flask.request.authorization.cnonce == "c"


def test_upload_names_bare_or_with_filename_star_are_werkzeugs(app, client):
    body = (
        b"--b\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''a%20b.txt\r\n"
        b'\r\nx\r\n--b\r\nContent-Disposition: form-data; name="g"; filename=plain.txt\r\n'
        b"\r\ny\r\n--b--\r\n"
    )
    assert _upload_names(app, client, body) == "a b.txt|plain.txt"


def test_a_quoted_unc_upload_name_keeps_every_backslash(app, client):
    body = (
        b'--b\r\nContent-Disposition: form-data; name="f"; '
        b'filename="\\\\\\\\srv\\\\share\\\\a.txt"\r\n\r\nx\r\n--b--\r\n'
    )
    # Werkzeug 2.1.2 unescaped nothing in a name that starts with "\\"
    assert _upload_names(app, client, body) == "\\\\\\\\srv\\\\share\\\\a.txt"


# -- routing, more ----------------------------------------------------------


def test_url_for_sorts_the_query_when_the_map_says_so(app):
    app.url_map.sort_parameters = True
    app.add_url_rule("/s", "s", lambda: "")
    with app.test_request_context():
        assert flask.url_for("s", z="1", a="2/", m=":") == "/s?a=2%2F&m=%3A&z=1"


def test_doubled_slashes_of_a_rule_that_keeps_them_are_a_405(app, client):
    app.add_url_rule("/a//b", "p", lambda: "", methods=["POST"], merge_slashes=False)
    _, response = _environ_get(client, "/a//b")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) == {"POST", "OPTIONS"}


# -- responses, more --------------------------------------------------------


@pytest.mark.parametrize("status", ["", "   "])
def test_an_empty_status_is_refused(status):
    with pytest.raises(ValueError, match="Empty status argument"):
        flask.Response(status=status)
