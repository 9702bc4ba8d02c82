"""The generated differential tests' own machinery (tests/differential):
cases are drawn alike from a seed, a failing case shrinks to what makes it
fail, and a reduced case prints as source that reads back the same.  The
runs themselves are the parity and modern_parity nox sessions."""

import ast
import json

import pytest

from tests.differential import engine, gen, modern, parity
from tests.differential.shrink import ddmin, shrink


def draw(module, seed, index):
    return module.generate(gen.Draw(gen.rng_for(seed, index)))


@pytest.mark.parametrize("module", [parity, modern], ids=["parity", "modern"])
def test_a_case_is_drawn_again_alike_from_its_seed_and_number(module):
    assert draw(module, 12, 7) == draw(module, 12, 7)
    assert [draw(module, 12, i) for i in range(5)] != [draw(module, 13, i) for i in range(5)]


@pytest.mark.parametrize("module", [parity, modern], ids=["parity", "modern"])
def test_requests_are_native_strings_and_ascii_paths(module):
    for index in range(300):
        case = json.loads(json.dumps(draw(module, "native", index)))
        assert 1 <= len(case["requests"]) <= 6
        for request in case["requests"]:
            request["path"].encode("ascii")
            assert request["path"].startswith("/")
            for text in (request.get("query", ""), request.get("body", "")):
                text.encode("latin-1")
            for _, value in request.get("headers", ()):
                value.encode("latin-1")
                assert not any(ord(c) < 0x20 and c != "\t" for c in value)
            # nothing a request line cannot carry
            assert not any(ord(c) <= 0x20 or ord(c) == 0x7F for c in request.get("query", ""))


def test_ddmin_finds_a_one_minimal_sublist():
    items = list(range(20))
    calls = []

    def needs_3_and_17(sub):
        calls.append(sub)
        return 3 in sub and 17 in sub

    assert ddmin(items, needs_3_and_17) == [3, 17]
    assert len(calls) < 100


def test_ddmin_may_end_with_nothing():
    assert ddmin([1, 2, 3], lambda sub: True) == []


def test_a_failing_case_shrinks_to_the_request_and_part_that_fail():
    noise = {"method": "POST", "path": "/args/a/b", "query": "a=1&b=2", "body": "x=y"}
    culprit = {
        "method": "PUT",
        "path": "/echo/one/two",
        "query": "q=1&bad=%ff&z=3",
        "headers": [["X-A", "1"], ["Accept", "text/html"]],
        "cookie_ops": [["drop", "session"]],
    }
    case = {"requests": [noise, culprit, noise]}

    def fails(candidate):
        return any(
            r["path"].startswith("/echo") and "%ff" in r.get("query", "")
            for r in candidate["requests"]
        )

    reduced, tries = shrink(case, fails)
    assert reduced["requests"] == [{"method": "GET", "path": "/echo", "query": "%ff"}]
    assert tries < 400


def test_shrinking_stops_at_its_budget():
    case = {"requests": [{"method": "GET", "path": "/a/b/c", "query": "a=1&b=2&c=3"}] * 4}
    reduced, tries = shrink(case, lambda candidate: True, budget=5)
    assert tries == 5
    assert reduced["requests"]


def test_a_reduced_case_prints_as_source_that_reads_back():
    case = {
        "origin": "seed 1 case 2",
        "requests": [{"method": "GET", "path": "/x", "query": "a=\xff\n", "body": "\x00"}],
    }
    source = engine.format_case(case, "a-name")
    entry = ast.literal_eval(source.strip().rstrip(","))
    assert entry == {"name": "a-name", "found": "seed 1 case 2", "requests": case["requests"]}


def test_seed_and_count_come_from_arguments_or_the_environment(monkeypatch):
    monkeypatch.setenv(engine.SEED_VARIABLE, "99")
    monkeypatch.setenv(engine.CASES_VARIABLE, "10")
    options, rest = engine.parse_arguments(["--max-failures=2", "other"])
    assert (options["seed"], options["cases"], options["max_failures"]) == ("99", 10, 2)
    assert rest == ["other"]
    options, _ = engine.parse_arguments(["--seed=5", "--cases=3", "--no-shrink"])
    assert (options["seed"], options["cases"], options["shrink"]) == ("5", 3, False)
    monkeypatch.delenv(engine.SEED_VARIABLE)
    options, _ = engine.parse_arguments([])
    assert options["seed"].isdigit()


def _answer(status, headers=(), body=""):
    return {
        "status": status,
        "headers": [list(h) for h in headers],
        "body": body,
        "session": None,
        "request": {"method": "GET", "path": "/"},
    }


def test_a_registered_row_explains_the_slash_redirect_keeping_the_query():
    request = {"method": "GET", "path": "/slash", "query": "x=1"}
    x = _answer("301 MOVED PERMANENTLY", [("Location", "http://localhost/slash/")])
    y = _answer("301 MOVED PERMANENTLY", [("Location", "http://localhost/slash/?x=1")])
    a, b = parity.compare.normalize(x), parity.compare.normalize(y)
    register = {"D-redirect-query"}
    assert parity.explain(request, x, y, a, b, register) == "D-redirect-query"
    other = dict(request, query="")
    assert parity.explain(other, x, y, a, b, register) is None


def test_a_recognized_difference_counts_as_its_row_only_once_registered():
    harness = parity.Harness.__new__(parity.Harness)
    case = {"requests": [{"method": "GET", "path": "/markup-text", "query": "s=%26%230%3B"}]}
    x = _answer("200 OK", body="striptags: '\\x00'\n")
    y = _answer("200 OK", body="striptags: '\\ufffd'\n")
    harness.register = set()
    verdict = harness.compare(case, [x], [y])
    assert verdict.failure[1] == "markup-text:body"
    harness.register = {"D-markup-entities"}
    verdict = harness.compare(case, [x], [y])
    assert (verdict.failure, verdict.explained) == (None, ["D-markup-entities"])


def test_a_recognizer_answers_only_for_the_requests_of_its_row():
    harness = parity.Harness.__new__(parity.Harness)
    harness.register = {"D-markup-entities", "D-host-header", "D-header-newline"}
    x = _answer("200 OK", body="striptags: 'a'\n")
    y = _answer("200 OK", body="striptags: 'b'\n")
    for request in (
        {"method": "GET", "path": "/markup-text", "query": "s=no+entity"},
        {"method": "GET", "path": "/echo/", "query": "s=%26%230%3B"},
    ):
        assert harness.compare({"requests": [request]}, [x], [y]).failure is not None
    forwarded = {"method": "GET", "path": "/echo/", "headers": [["X-Forwarded-Host", "evil"]]}
    x = _answer("200 OK", body="host: 'evil'\n")
    assert harness.compare(
        {"requests": [forwarded]}, [x], [_answer("200 OK", body="host: 'localhost'\n")]
    ).explained == ["D-host-header"]
    assert (
        harness.compare(
            {"requests": [forwarded]}, [x], [_answer("200 OK", body="host: 'other'\n")]
        ).failure
        is not None
    )
