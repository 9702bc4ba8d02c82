"""flask01 against the original Flask 0.1: what the generated cases send
and how their answers compare.

The application is ``tests/parity/generated/app.py``; the worker
``tests/parity/generated/worker.py`` replays a case through the parity
scenarios' WSGI client (``tests/parity/driver.py``), on Python 2.7 with
Flask 0.1, Werkzeug 0.6.2 and Jinja2 2.5.5, and on flask01.  Answers are
compared after the parity harness's own normalizations
(``tests/parity/compare.py``, N1-N7); a difference that one of the
register's rows describes (recognised by :func:`explain`) counts as that
row.  The regression cases kept from earlier runs are in
``tests/parity/generated/regressions.py``.

    python -m tests.differential.parity --python2 PATH --site DIR [--seed=N] [--cases=N]
"""

import functools
import os
import re
import sys
from urllib.parse import parse_qsl, unquote_to_bytes, urlsplit

from werkzeug.sansio.utils import host_is_trusted

from . import engine, gen

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PARITY = os.path.join(ROOT, "tests", "parity")
GENERATED = os.path.join(PARITY, "generated")
REGISTER = os.path.join(ROOT, "docs", "deviations.rst")


_load = engine.load_module

compare = _load("parity_compare", os.path.join(PARITY, "compare.py"))

#: the first path segments of the application's routes (the rest of a
#: signature's route is "other")
ROUTES = {
    "",
    "echo",
    "args",
    "form",
    "data",
    "form-then-data",
    "headers",
    "accept",
    "cookies",
    "setcookie",
    "s",
    "flash",
    "flashes",
    "tpl",
    "string",
    "url",
    "abort",
    "abort-response",
    "redirect",
    "markup",
    "markup-text",
    "respond",
    "ctx",
    "request-context",
    "app",
    "raise",
    "slash",
    "noslash",
    "user",
    "num",
    "float",
    "caf%C3%A9",
    "post-only",
    "static",
}


# -- drawing a case ------------------------------------------------------


def _index(d):
    return gen.request("GET", "/", query=d.query([("v", d.text())] + d.pairs(high=1)))


def _echo(d):
    path = "/echo" + (d.tail(0, 4) or "/")
    return gen.request(d.method(), path, query=d.query(d.pairs()))


def _args(d):
    path = d.pick(["/args", "/args", "/args" + d.tail(1, 2)])
    pairs = d.pairs(keys=["a", "a", "n", "b", ""], low=0, high=6)
    return gen.request("GET", path, query=d.query(pairs))


def _body_request(d, path):
    body, content_type = d.body()
    method = d.pick(["POST", "POST", "POST", "PUT", "PATCH", "DELETE", "GET"])
    return gen.request(
        method, path, query=d.query(d.pairs(high=2)), body=body, content_type=content_type
    )


def _form(d):
    return _body_request(d, d.pick(["/form", "/form", "/data", "/form-then-data", "/args"]))


def _headers(d):
    return gen.request(d.method(["GET"]), d.pick(["/headers", "/accept"]), headers=d.headers(1, 5))


def _cookies(d):
    return gen.request("GET", "/cookies", cookie_ops=d.cookie_ops())


def _setcookie(d):
    pairs = [("key", gen.latin1(d.cookie_name().encode("utf-8"))), ("value", d.text())]
    for key in ("max_age", "path", "domain", "secure", "httponly", "delete"):
        if d.chance(0.25):
            value = {
                "max_age": d.pick(["0", "60", "-1", "x"]),
                "path": d.pick(["/", "/echo", "", "/caf\u00e9"]),
                "domain": d.pick(["localhost", ".example.com", "example.com"]),
                "delete": d.pick(["flavour", "session"]),
            }.get(key, "")
            pairs.append((key, value))
    return gen.request("GET", "/setcookie", query=d.query(pairs))


SESSION_KEYS = ["k", "k", "count", "name", "caf\u00e9", "", "_flashes", "\U0001f600", "a b"]


def _session(d):
    op = gen.session_op(d, [(1, "update")])
    pairs = gen.session_pairs(d, op, SESSION_KEYS)
    ops = d.cookie_ops() if d.chance(0.25) else []
    return gen.request("GET", "/s/" + op, query=d.query(pairs), cookie_ops=ops)


def _flash(d):
    if d.chance(0.5):
        pairs = [("m", d.text()) for _ in range(d.rng.randint(0, 3))]
        return gen.request("GET", "/flash", query=d.query(pairs))
    return gen.request("GET", d.pick(["/flashes", "/", "/tpl/gen_macro.html", "/string/3"]))


def _template(d):
    name = d.pick(
        [
            "gen_page.html",
            "gen_plain.txt",
            "gen_macro.html",
            "gen_layout.html",
            "missing.html",
            "../app.py",
            "sub/../gen_page.html",
            "GEN_PAGE.HTML",
            "gen_page.html/",
        ]
    )
    pairs = [("v", d.text())]
    return gen.request("GET", "/tpl/" + d.segment(name).replace("%2F", "/"), query=d.query(pairs))


def _string(d):
    return gen.request("GET", f"/string/{d.rng.randrange(8)}", query=d.query([("v", d.text())]))


#: the endpoints ``/url/<endpoint>`` is asked to build, each with the
#: names of the values its rule takes
URL_VALUES = {
    "echo": ["rest"],
    "user": ["name"],
    "num": ["n"],
    "flt": ["x"],
    "static": ["filename"],
    "index": [],
    "missing": [],
    "cafe": ["name"],
    "args": [],
    "slash": [],
}


def url_request(d, values, keys):
    """A request to ``/url/<endpoint>`` for an endpoint of *values* (see
    :data:`URL_VALUES`): most of the values its rule takes, and maybe a
    few of *keys*, which it does not."""
    endpoint = d.pick(list(values))
    pairs = [(k, d.text()) for k in values[endpoint] if d.chance(0.9)]
    pairs += d.pairs(keys=keys, high=2)
    return gen.request("GET", "/url/" + endpoint, query=d.query(pairs))


def _url(d):
    return url_request(d, URL_VALUES, ["q", "page", "_external", "a"])


def _abort(d):
    if d.chance(0.2):
        return gen.request("GET", "/abort-response")
    code = d.pick(
        [
            400,
            401,
            403,
            404,
            405,
            406,
            408,
            409,
            410,
            411,
            412,
            413,
            414,
            415,
            416,
            417,
            418,
            422,
            428,
            429,
            431,
            451,
            500,
            501,
            502,
            503,
            504,
            505,
            200,
            302,
            999,
        ]
    )
    return gen.request(d.method(["GET", "HEAD"]), f"/abort/{code}")


def _redirect(d):
    to = d.pick(
        [
            "/",
            "/echo/x y",
            "http://example.com/a b",
            "caf\u00e9",
            "//evil.example/x",
            "relative/path",
            "?q=1",
            "#frag",
            "mailto:x@example.com",
            "",
            "http://ex.com/\u2603",
            "/a?b=c&d=\u00e9",
            "https://user:pw@host:8080/p",
            "../up",
            "/a\r\nX-Injected: y",
        ]
    )
    pairs = [("to", to)]
    if d.chance(0.7):
        pairs.append(("code", d.pick(["301", "302", "303", "307", "308", "300", "200", "x"])))
    return gen.request(d.method(["GET", "HEAD"]), "/redirect", query=d.query(pairs))


def _markup(d):
    value = (
        d.pick(
            [
                "<b>x</b>",
                "a & b",
                "&amp;",
                "&lt;p&gt;",
                "&nbsp;&copy;&#169;&#xa9;&bogus;",
                "'\"",
                "<script>alert(1)</script>",
                "<p>para</p>\n\n<br/>  spaced",
                "&#0;",
                "&#x110000;",
                "<!-- c -->x",
                "\u2603 <i>\u00e9</i>",
            ]
        )
        if d.chance(0.7)
        else d.text()
    )
    return gen.request("GET", d.pick(["/markup", "/markup-text"]), query=d.query([("s", value)]))


def _respond(d):
    kind = gen.respond_kind(
        d,
        [
            "text",
            "bytes",
            "unicode",
            "status",
            "headers",
            "header-list",
            "mimetype",
            "content-type",
        ],
    )
    pairs = gen.respond_pairs(d)
    if kind == "mimetype" and d.chance(0.5):
        pairs.append(("mimetype", d.pick(["text/plain", "application/json", "x", "text/html"])))
    if kind == "content-type" and d.chance(0.5):
        pairs.append(("ct", d.pick(["text/plain", "text/html; charset=utf-8", "x/y; a=b"])))
    return gen.request(d.method(["GET", "HEAD", "POST"]), "/respond/" + kind, query=d.query(pairs))


def _ctx(d):
    if d.chance(0.3):
        path = d.pick(["/echo/x", "/", "/caf\u00e9", "/echo/a%2Fb", "/x?y=1&y=2"])
        return gen.request("GET", "/request-context", query=d.query([("path", path)]))
    pairs = [
        (
            "path",
            d.pick(
                [
                    "/",
                    "/echo/x",
                    "/caf\u00e9?y=\u00fc",
                    "/a b",
                    "/x?y=1",
                    "relative",
                    "http://host/abs",
                    "/%41",
                ]
            ),
        )
    ]
    if d.chance(0.3):
        pairs.append(("m", d.pick(["POST", "PUT", "get"])))
    if d.chance(0.3):
        pairs.append(
            (
                "base",
                d.pick(["http://example.com/app/", "https://h:8443", "http://ex.com/caf\u00e9/"]),
            )
        )
    if d.chance(0.3):
        pairs.append(("qs", d.pick(["a=1&a=2", "x=%C3%A9", "", "z"])))
    return gen.request("GET", "/ctx", query=d.query(pairs))


def _app(d):
    return gen.request("GET", "/app", query=d.query([("v", d.text())]))


def _raise(d):
    kind = d.pick(["args", "form", "files", "zero", "encode", "none"])
    return gen.request(d.method(["GET", "POST"]), "/raise/" + kind)


def routing_path(d, choice):
    """A path for the routing case *choice* of the routes both
    applications have (``slash``, ``noslash``, ``user``, ``float``,
    ``cafe``, ``post``), or a path no route has for ``junk``; None for
    another choice, a route of one application's own."""
    if choice == "slash":
        return d.pick(["/slash", "/slash/", "/slash//", "/Slash/"])
    if choice == "noslash":
        return d.pick(["/noslash", "/noslash/"])
    if choice == "user":
        return "/user/" + d.segment() + d.pick(["", "", "/", "/x"])
    if choice == "float":
        return "/float/" + d.pick(["1.5", "1", "-1.5", ".5", "1.", "nan", "inf", "1e3", "0.0"])
    if choice == "cafe":
        return d.pick(["/caf%C3%A9/", "/caf%c3%a9/", "/caf%E9/", "/cafe%CC%81/"]) + d.segment()
    if choice == "post":
        return "/post-only"
    if choice == "junk":
        return "/" + d.segment() + d.tail(0, 2)
    return None


def _routing(d):
    choice = d.pick(["slash", "noslash", "user", "num", "float", "cafe", "post", "junk"])
    path = routing_path(d, choice)
    if choice == "num":
        path = "/num/" + d.pick(
            ["1", "-1", "01", "1.5", "x", "1e3", "%D9%A3", "99999999999999999999", "+1", " 1", "0"]
        )
    return gen.request(d.method(), path, query=d.query(d.pairs(high=2)))


def _static(d):
    name = d.pick(
        [
            "hello.txt",
            "style.css",
            "sub/inner.txt",
            "data.unknownext",
            "missing.txt",
            "sub",
            "sub/",
            "",
            "hello.txt/",
            "./hello.txt",
            "sub/../hello.txt",
            "../app.py",
            "hello%2Etxt",
            "HELLO.TXT",
            "hello.txt%00",
            "sub//inner.txt",
        ]
    )
    headers = gen.file_headers(d, 0.3, lambda: "bytes=0-3")
    method = d.method(["GET", "GET", "HEAD"])
    return gen.request(method, "/static/" + name, query=d.query(d.pairs(high=1)), headers=headers)


ROUTE_DRAWS = [
    (3, _index),
    (8, _echo),
    (5, _args),
    (9, _form),
    (5, _headers),
    (3, _cookies),
    (3, _setcookie),
    (9, _session),
    (5, _flash),
    (4, _template),
    (3, _string),
    (5, _url),
    (3, _abort),
    (4, _redirect),
    (4, _markup),
    (6, _respond),
    (3, _ctx),
    (1, _app),
    (2, _raise),
    (6, _routing),
    (5, _static),
]


def add_headers_and_cookie_ops(d, request):
    """Maybe give *request* a few headers and cookie operations, if its
    route did not: any route may be sent them."""
    if d.chance(0.25) and "headers" not in request:
        headers = d.headers(1, 3)
        if headers:
            request["headers"] = [list(h) for h in headers]
    if d.chance(0.1) and "cookie_ops" not in request:
        ops = d.cookie_ops()
        if ops:
            request["cookie_ops"] = ops


def draw_request(d):
    request = d.weighted(ROUTE_DRAWS)(d)
    add_headers_and_cookie_ops(d, request)
    request["path"] = d.odd_slashes(request["path"])
    return request


def generate(d):
    """A case: one to six requests sharing a cookie jar."""
    return {"requests": [draw_request(d) for _ in range(d.rng.randint(1, 6))]}


# -- comparing -----------------------------------------------------------


def _decoded_path(path):
    return unquote_to_bytes(path).decode("latin-1")


def _status(answer):
    try:
        return int(answer["status"].split()[0])
    except (KeyError, ValueError, IndexError):
        return None


def explain(request, x, y, a, b, register):
    """The register row that describes why answers *x* (original) and *y*
    (flask01), normalized to *a* and *b*, differ, or None."""
    row = compare._automatic_deviation(a, b, register)
    if row:
        return row
    path = _decoded_path(request["path"])
    method = request["method"]
    sx, sy = _status(x), _status(y)
    collapsed = "/" + "/".join(s for s in path.split("/") if s)
    if collapsed != path.rstrip("/") and (
        collapsed == "/static" or collapsed.startswith("/static/")
    ):
        return "D-static-slashes"
    if path == "/static" or path.startswith("/static/"):
        segments = path.split("/")[2:]
        if "\x00" in path and x.get("exception") == "TypeError":
            return "D-static-nul"
        if x.get("exception") in ("AttributeError", "IOError"):
            return "D-static-folder"
        if "" in segments[:-1] and (sx == 404 or sy == 404):
            return "D-static-slashes"
        if ".." in segments or "." in segments:
            return "D-static-dotdot"
        # Werkzeug 0.6 compared the method as given: "get" was not GET
        if method not in ("GET", "HEAD") and sx == 304 and sy == 200:
            return "D-static-post"
    if sx == sy == 301 and request.get("query"):
        theirs, ours = _hosts(request)
        lx = dict(a["headers"]).get("location", "").replace(theirs, ours)
        ly = dict(b["headers"]).get("location", "")
        if ly.startswith(lx + "?") and a["body"] == b["body"]:
            return "D-redirect-query"
    for row, recognize in RECOGNIZED:
        if row in register and recognize(request, x, y, a, b):
            return row
    return None


# -- rows recognised by what the request sent --------------------------------
#
# Each recognizer names the one register row it stands for and answers only
# for the requests that row is about, checking that the answers differ in
# the way the row says and in no other.


def _query_values(request):
    """The values of the request's query string, decoded as UTF-8."""
    pairs = parse_qsl(request.get("query", ""), keep_blank_values=True, encoding="latin-1")
    return [value.encode("latin-1").decode("utf-8", "replace") for _, value in pairs]


def _header_newline(request, x, y, a, b):
    """D-header-newline: a value with a line break meant for a header,
    refused by flask01 with ValueError (as an exception or the 500 page);
    or a redirect target whose fragment holds a control character, which
    flask01 percent-encodes and 0.6 sent as it was."""
    if _route(request) == "redirect" and "exception" not in a and "exception" not in b:
        theirs, ours = _hosts(request)
        adjusted = _with_host(a, theirs, ours)
        location = dict(adjusted["headers"]).get("location", "")
        encoded = _CONTROL.sub(lambda match: f"%{ord(match.group()):02X}", location)
        headers = [(n, encoded if n == "location" else v) for n, v in adjusted["headers"]]
        return encoded != location and dict(adjusted, headers=headers) == _with_host(b, ours, ours)
    if _route(request) not in ("respond", "setcookie"):
        return False
    if not any("\r" in value or "\n" in value for value in _query_values(request)):
        return False
    return b.get("exception") == "ValueError" or b.get("body") == "custom 500: ValueError\n"


def _markup_entities(request, x, y, a, b):
    """D-markup-entities: ``/markup-text`` given a text with an entity
    or a comment that is never closed; only the text the two ``Markup``
    classes give back differs."""
    return (
        _route(request) == "markup-text"
        and any("&" in value or "<!--" in value for value in _query_values(request))
        and "exception" not in a
        and "exception" not in b
        and a["status"] == b["status"]
    )


def _template_nul(request, x, y, a, b):
    """D-template-nul: a template name with a NUL byte, TypeError against
    TemplateNotFound, both answered by the application's 500 handler."""
    return (
        _route(request) == "tpl"
        and "\x00" in _decoded_path(request["path"])
        and a.get("body") == "custom 500: TypeError\n"
        and b.get("body") == "custom 500: TemplateNotFound\n"
    )


@functools.cache
def _generated_app():
    """The generated application's module, for the way it shows text
    (loaded when first needed: it imports flask01)."""
    return _load("parity_generated_app", os.path.join(GENERATED, "app.py"))


def _with_host(answer, old, new):
    """*answer* with the host *old* named *new* instead, in its headers and
    in its body (raw, and as the application shows text); no
    Content-Length, which the host's length changes."""
    app = _generated_app()
    shown_old, shown_new = app._escape(old), app._escape(new)
    headers = [
        (name, value.replace(old, new))
        for name, value in answer["headers"]
        if name != "content-length"
    ]
    body = answer["body"].replace(old, new).replace(shown_old, shown_new)
    return dict(answer, headers=headers, body=body)


#: a control character, which flask01 percent-encodes in a redirect target
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _hosts(request):
    """The host the original named (X-Forwarded-Host first, any Host
    echoed) and the one flask01 names (the Host, if it looks like one)."""
    sent = {name.lower(): value for name, value in request.get("headers") or ()}
    ours = sent.get("host", "localhost")
    if not host_is_trusted(ours):
        ours = ""
    return sent.get("x-forwarded-host", sent.get("host", "localhost")), ours


def _is_idna_name(host):
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


#: an escape 0.6 decoded: two hex digits of one case
_ESCAPE_06 = re.compile(r"%([0-9a-f]{2}|[0-9A-F]{2})")


def _query_06(query):
    """The query's values as 0.6 read them, one character a byte: ``+``
    is a space, and ``%Fa`` (hex digits of mixed case) stays as it is."""
    pairs = {}
    for pair in query.split("&"):
        key, _, value = pair.replace("+", " ").partition("=")
        pairs.setdefault(key, _ESCAPE_06.sub(lambda m: chr(int(m.group(1), 16)), value))
    return pairs


def _host_header(request, x, y, a, b):
    """D-host-header: the original took the host from X-Forwarded-Host or
    echoed a Host of characters no host has (in a request, or in the base
    URL ``/ctx`` gives test_request_context); the answers are the same once
    the original's host is replaced by flask01's."""
    if "exception" in a or "exception" in b:
        return False
    theirs, ours = _hosts(request)
    bases = _query_06(request.get("query", "")).get("base")
    if _route(request) == "ctx" and bases:
        netloc = urlsplit(bases).netloc  # one character a byte, as 0.1 showed it
        if not host_is_trusted(netloc):
            theirs, ours = netloc, ""
        elif not _is_idna_name(netloc.partition(":")[0]):
            # Werkzeug's URL map refuses to build for it: a 400
            return b.get("body") == "<werkzeug page: 400 Bad Request>"
    if not theirs or theirs == ours:
        return False
    return _with_host(a, theirs, ours) == _with_host(b, ours, ours)


def _longer_upper_case(request, x, y, a, b):
    """D-python3: the template of ``/string/5`` upper-cases a text with a
    letter whose upper case is two letters in Python 3 (``ß``: ``SS``)
    and stayed one in Python 2."""
    values = _query_values(request)
    return (
        _route(request) == "string"
        and request["path"].rstrip("/").endswith("/5")
        and any(len(c.upper()) > 1 for value in values for c in value)
        and a.get("status") == b.get("status")
    )


def _byte_string_key(request, x, y, a, b):
    """D-python3: a template printed a query key whose bytes are not
    UTF-8, a byte string in 0.1 (UnicodeDecodeError) and text with U+FFFD
    in flask01."""
    if _route(request) != "string" or a.get("body") != "custom 500: UnicodeDecodeError\n":
        return False
    for pair in request.get("query", "").split("&"):
        key = unquote_to_bytes(pair.partition("=")[0].encode("latin-1"))
        try:
            key.decode("utf-8")
        except UnicodeDecodeError:
            return True
    return False


def _byte_string_keys_merged(request, x, y, a, b):
    """D-python3: two query keys of different bytes, neither UTF-8, were
    two byte-string keys in 0.1 and are one text key (U+FFFD) in
    flask01, so their values are listed under one key."""
    spellings = {}
    for pair in request.get("query", "").split("&"):
        key = unquote_to_bytes(pair.partition("=")[0].encode("latin-1"))
        try:
            key.decode("utf-8")
        except UnicodeDecodeError:
            spellings.setdefault(key.decode("utf-8", "replace"), set()).add(key)
    merged = any(len(keys) > 1 for keys in spellings.values())
    return merged and a.get("status") == b.get("status")


#: the rows recognised by the request, in the order they are tried
RECOGNIZED = [
    ("D-python3", _byte_string_key),
    ("D-python3", _byte_string_keys_merged),
    ("D-python3", _longer_upper_case),
    ("D-header-newline", _header_newline),
    ("D-markup-entities", _markup_entities),
    ("D-template-nul", _template_nul),
    ("D-host-header", _host_header),
]


_EXPIRES = re.compile(r"(?i)(expires=)([^;]*)")


def _timeless(answer):
    """The answer with the moment taken out of a cookie's Expires (the
    two sides run at their own pace: N2 for a Set-Cookie attribute).  Its
    form stays: digits become 0, day and month names Xxx."""
    headers = answer.get("headers")
    if not headers:
        return answer

    def blank(match):
        moment = re.sub(r"[0-9]", "0", match.group(2))
        return match.group(1) + re.sub(r"[A-Z][a-z]{2}", "Xxx", moment)

    headers = [[k, _EXPIRES.sub(blank, v) if k.lower() == "set-cookie" else v] for k, v in headers]
    return dict(answer, headers=headers)


def _route(request):
    return engine.route_of(request, ROUTES)


def _signature(request, a, b):
    if "exception" in a or "exception" in b:
        return "{}:exception[{}|{}]".format(
            _route(request),
            a.get("exception", a.get("status")),
            b.get("exception", b.get("status")),
        )
    keys = [k for k in ("status", "body", "session") if a.get(k) != b.get(k)]
    headers = engine.changed_headers(dict(a["headers"]), dict(b["headers"]))
    return "{}:{}".format(_route(request), "+".join(keys + [headers] if headers else keys))


class Harness(engine.Harness):
    name = "parity"
    rerun_hint = "nox -s parity --"
    slug_prefix = "parity-"
    regressions_path = os.path.join(GENERATED, "regressions.py")

    def __init__(self, python2, site, workdir=None):
        worker = os.path.join(GENERATED, "worker.py")
        self.sides = [
            engine.Side("original", [python2, worker, "original"], env={"PYTHONPATH": site}),
            engine.Side("flask01", [sys.executable, worker, "flask01"]),
        ]
        self.register = compare.register_ids(REGISTER)
        self.workdir = workdir

    generate = staticmethod(generate)

    def compare(self, case, left, right):
        explained = []
        tag = case.get("deviation")
        for index, (request, x, y) in enumerate(zip(case["requests"], left, right, strict=False)):
            if x.get("harness") or y.get("harness"):
                detail = f"the harness failed: original {x!r}, flask01 {y!r}"
                return engine.Verdict(explained, (index, "harness-error", detail))
            a, b = compare.normalize(_timeless(x)), compare.normalize(_timeless(y))
            if a == b:
                continue
            row = tag if tag in self.register else explain(request, x, y, a, b, self.register)
            if row:
                # what follows may depend on this difference (a cookie, a
                # remembered ETag): the case ends here
                explained.append(row)
                break
            detail = engine.which_request(index, case, request) + compare._difference(a, b, None)
            signature = _signature(request, a, b)
            return engine.Verdict(explained, (index, signature, detail))
        return engine.Verdict(explained)


def main(argv=None):
    return engine.command(
        argv,
        __doc__.splitlines()[0],
        [
            ("--python2", "the Python 2.7 that runs Flask 0.1"),
            ("--site", "the folder Flask 0.1 is installed in"),
        ],
        lambda known: Harness(known.python2, known.site, known.workdir),
    )


if __name__ == "__main__":
    sys.exit(main())
