"""The parity comparison: each normalization removes only what it says,
and real differences still fail."""

import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent / "parity"))
import compare  # noqa: E402


def outcome(status="200 OK", headers=(), body="", method="GET", session=None, deviation=None):
    request = dict(method=method, path="/", query="", deviation=deviation)
    return {
        "status": status,
        "headers": [list(h) for h in headers],
        "body": body,
        "session": session,
        "request": request,
    }


def verdicts(original, ours, register=("D-x",)):
    return [v for *_, v, _ in compare.compare({"s": [original]}, {"s": [ours]}, set(register))]


def test_identical_responses_are_the_same():
    assert verdicts(outcome(body="x"), outcome(body="x")) == ["same"]


def test_a_different_body_fails():
    assert verdicts(outcome(body="x"), outcome(body="y")) == ["FAIL"]


def test_a_different_status_fails():
    assert verdicts(outcome("200 OK"), outcome("201 CREATED")) == ["FAIL"]


def test_header_order_and_name_case_are_ignored():
    a = outcome(headers=[("X-A", "1"), ("Content-Type", "t")])
    b = outcome(headers=[("content-type", "t"), ("x-a", "1")])
    assert verdicts(a, b) == ["same"]


def test_a_different_header_value_fails():
    assert verdicts(outcome(headers=[("X-A", "1")]), outcome(headers=[("X-A", "2")])) == ["FAIL"]


def test_dates_are_normalized_only_when_they_are_http_dates():
    a = outcome(headers=[("Date", "Mon, 01 Jan 1990 00:00:00 GMT")])
    b = outcome(headers=[("Date", "Sat, 21 Nov 2026 10:00:00 GMT")])
    assert verdicts(a, b) == ["same"]
    assert verdicts(a, outcome(headers=[("Date", "garbage")])) == ["FAIL"]


def test_session_cookie_is_compared_by_its_contents():
    a = outcome(headers=[("Set-Cookie", 'session="abc"; Path=/')], session={"a": 1})
    b = outcome(headers=[("Set-Cookie", "session=xyz.sig; Path=/")], session={"a": 1})
    assert verdicts(a, b) == ["same"]
    c = outcome(headers=[("Set-Cookie", "session=xyz.sig; Path=/")], session={"a": 2})
    assert verdicts(a, c) == ["FAIL"]
    d = outcome(headers=[("Set-Cookie", "session=xyz.sig; Path=/; HttpOnly")], session={"a": 1})
    assert verdicts(a, d) == ["FAIL"]


OLD_PAGE = (
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">\n'
    "<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>old words</p>\n"
)
NEW_PAGE = "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"


def test_werkzeug_pages_compare_by_title():
    a = outcome(
        "404 NOT FOUND", [("Content-Type", "text/html"), ("Content-Length", "99")], OLD_PAGE
    )
    b = outcome(
        "404 NOT FOUND",
        [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "70")],
        NEW_PAGE,
    )
    assert verdicts(a, b) == ["same"]


def test_a_custom_body_against_a_werkzeug_page_fails():
    a = outcome("404 NOT FOUND", body=OLD_PAGE)
    assert verdicts(a, outcome("404 NOT FOUND", body="custom 404")) == ["FAIL"]


def test_a_different_werkzeug_page_title_fails():
    other = NEW_PAGE.replace("404 Not Found", "410 Gone")
    assert verdicts(
        outcome("404 NOT FOUND", body=OLD_PAGE), outcome("404 NOT FOUND", body=other)
    ) == ["FAIL"]


def test_allow_is_compared_as_a_set():
    a = outcome(headers=[("Allow", "HEAD, GET")])
    assert verdicts(a, outcome(headers=[("Allow", "GET, HEAD")])) == ["same"]
    assert verdicts(a, outcome(headers=[("Allow", "GET, HEAD, POST")])) == ["FAIL"]


def test_exceptions_compare_by_type():
    a = {"exception": "TypeError", "request": outcome()["request"]}
    b = {"exception": "TypeError", "request": outcome()["request"]}
    c = {"exception": "ValueError", "request": outcome()["request"]}
    assert verdicts(a, b) == ["same"]
    assert verdicts(a, c) == ["FAIL"]


def test_a_tagged_request_must_differ():
    assert verdicts(outcome(body="x", deviation="D-x"), outcome(body="y")) == ["DEVIATION"]
    assert verdicts(outcome(body="x", deviation="D-x"), outcome(body="x")) == ["FAIL"]


def test_a_tag_missing_from_the_register_fails():
    assert verdicts(outcome(body="x", deviation="D-y"), outcome(body="y")) == ["FAIL"]


def test_static_charset_is_recognised_only_for_static_files():
    static = [("ETag", '"wzsdm-1-2-3"'), ("Content-Type", "text/css")]
    ours = [("ETag", '"wzsdm-9-9-9"'), ("Content-Type", "text/css; charset=utf-8")]
    assert verdicts(
        outcome(headers=static), outcome(headers=ours), register=("D-static-charset",)
    ) == ["DEVIATION"]
    assert verdicts(
        outcome(headers=[("Content-Type", "text/css")]),
        outcome(headers=[("Content-Type", "text/css; charset=utf-8")]),
        register=("D-static-charset",),
    ) == ["FAIL"]


@pytest.mark.parametrize("name", sorted(compare.NORMALIZATIONS))
def test_every_normalization_is_documented_on_the_parity_page(name):
    page = (pathlib.Path(__file__).resolve().parent.parent / "docs" / "parity.rst").read_text()
    assert "\n" + name + "\n" in page
