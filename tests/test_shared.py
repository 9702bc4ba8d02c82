"""flask01._shared, in-process and at its edges: what both versions share
(the request's JSON, ``redirect``, ``memoized``).

The real-server tests of the same fixes are in
tests/reliability/test_hardening.py; these pin each detail down where a
mutation tester can see it.
"""

import io

import pytest
from werkzeug.exceptions import BadRequest
from werkzeug.test import create_environ

import flask01
import flask01.modern
from flask01 import _shared
from flask01._shared import memoized, parse_etags

FRAMEWORKS = pytest.mark.parametrize(
    "framework", [flask01, flask01.modern], ids=["flask01", "modern"]
)

DEEP = "[" * 100_000


def json_request(framework, data, content_type="application/json"):
    app = framework.Flask(__name__)
    app.debug = True  # modern says why a body is refused only in debug mode
    return app, app.test_request_context(data=data, content_type=content_type)


@FRAMEWORKS
def test_deep_json_is_a_bad_request_that_says_why(framework):
    app, context = json_request(framework, DEEP)
    with context, pytest.raises(BadRequest) as refused:
        framework.request.get_json()
    assert refused.value.code == 400
    assert refused.value.description == (
        "Failed to decode JSON object: The JSON is nested too deeply to parse."
    )


def test_deep_json_is_refused_with_the_recursion_error_as_its_cause():
    # modern raises the 400 "from" the error it was given (flask01 uses
    # Werkzeug's on_json_loading_failed, which does not chain)
    app, context = json_request(flask01.modern, DEEP)
    with context, pytest.raises(BadRequest) as refused:
        flask01.modern.request.get_json()
    error = refused.value.__cause__
    assert isinstance(error, ValueError)
    assert isinstance(error.__cause__, RecursionError)


@FRAMEWORKS
def test_forced_deep_json_of_another_type_is_400_not_415(framework):
    app, context = json_request(framework, DEEP, content_type="text/plain")
    with context, pytest.raises(BadRequest) as refused:
        framework.request.get_json(force=True)
    assert refused.value.code == 400


@FRAMEWORKS
def test_silent_get_json_of_malformed_json_is_none(framework):
    app, context = json_request(framework, "{bad")
    with context:
        assert framework.request.get_json(silent=True) is None


@FRAMEWORKS
def test_get_json_caches_what_it_parsed_unless_asked_not_to(framework):
    app, context = json_request(framework, '{"a": [1]}')
    with context:
        first = framework.request.get_json()
        assert framework.request.get_json() is first
        assert framework.request.get_json(cache=False) == first
        assert framework.request.get_json(cache=False) is not framework.request.get_json(
            cache=False
        )


@FRAMEWORKS
def test_a_redirect_to_a_target_with_a_line_break_is_encoded(framework):
    response = framework.redirect("/next\r\nSet-Cookie: admin=1")
    # the rest of the target is quoted as each version's Werkzeug did
    assert response.headers["Location"].startswith("/next%0D%0ASet-Cookie:")
    assert "\r" not in response.headers["Location"]
    assert "\n" not in response.headers["Location"]
    assert response.status_code == 302


def test_memoized_builds_one_object_per_argument():
    built = []

    @memoized
    def make(key):
        built.append(key)
        return object()

    assert make("a") is make("a")
    assert make("a") is not make("b")
    assert built == ["a", "b"]


def test_memoized_builds_afresh_for_an_argument_it_cannot_hash():
    @memoized
    def make(keys):
        return list(keys)

    assert make(["a"]) == ["a"]
    assert make(["a"]) is not make(["a"])


def test_memoized_keeps_the_name_of_what_it_wraps():
    @memoized
    def serializer(key):
        return key

    assert serializer.__name__ == "serializer"


def test_a_line_break_in_a_redirect_targets_fragment_is_encoded():
    # 0.6 left a fragment as it was and sent the line break as it came
    response = flask01.redirect("/a#x\r\ny")
    assert response.headers["Location"] == "/a#x%0D%0Ay"


def test_entity_tags_are_read_up_to_a_line_break_inside_an_entry():
    assert parse_etags('"a", b\nc, "d"').as_set() == {"a"}


def test_a_star_among_entity_tags_matches_every_tag():
    tags = parse_etags('W/"x", *')
    assert tags.star_tag
    assert "anything" in tags


# -- what the mutation tests asked of the shared code -------------------------------------


def test_decode_pairs_keeps_blank_values():
    assert _shared.decode_pairs(b"a=&b=1", "replace") == [("a", ""), ("b", "1")]


@pytest.mark.parametrize(("errors", "value"), [("replace", "\ufffd"), ("ignore", "")])
def test_decode_pairs_decodes_a_bad_byte_with_the_errors_it_is_given(errors, value):
    assert _shared.decode_pairs(b"a=%FF", errors) == [("a", value)]


def test_the_form_parser_decodes_an_urlencoded_body_with_its_own_errors():
    parser = _shared.FormDataParser()
    parser.decode_errors = "ignore"
    _, form, _ = parser.parse(io.BytesIO(b"a=x%FFy"), "application/x-www-form-urlencoded", 7)
    assert form["a"] == "xy"


def test_a_request_tells_its_form_parser_how_it_decodes():
    class Ignoring(_shared.Request):
        url_decode_errors = "ignore"

    environ = create_environ(
        "/", method="POST", data=b"a=x%FFy", content_type="application/x-www-form-urlencoded"
    )
    assert Ignoring(environ).form["a"] == "xy"


def test_a_response_given_a_content_type_header_keeps_it():
    response = _shared.Response("x", headers=[("Content-Type", "text/csv")])
    assert response.headers["Content-Type"] == "text/csv"


def test_entity_tags_end_with_the_last_tag_written():
    assert _shared.parse_etags('"a", W/"b"').as_set(include_weak=True) == {"a", "b"}
    assert not _shared.parse_etags('"a"').contains("")


def test_no_if_match_header_is_no_entity_tags():
    assert not _shared.parse_etags(None)


def test_redirect_is_a_302_by_default():
    assert _shared.redirect("/x").status_code == 302
