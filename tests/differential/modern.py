"""flask01.modern against Flask 2.1.3: what the generated cases send and
how their traces compare.

The application is ``tests/modern_parity/generated/app.py``; the worker
``tests/modern_parity/generated/worker.py`` replays a case as WSGI calls,
with Flask 2.1.3 and Werkzeug 2.1.2 on ``PYTHONPATH`` for the upstream
side, and with flask01.modern on today's Werkzeug.  Each request gives a
trace (hooks, signals, teardown, the stacks afterwards) and a response,
compared after the lifecycle harness's normalizations
(``tests/modern_parity/compare.py``, M1-M4).  The regression cases kept
from earlier runs are in ``tests/modern_parity/generated/regressions.py``.

    python -m tests.differential.modern --upstream-site DIR [--seed=N] [--cases=N]
"""

import copy
import json
import os
import re
import sys
from urllib.parse import parse_qsl, unquote

from werkzeug.sansio.utils import get_host

from . import engine, gen, parity

ROOT = parity.ROOT
HARNESS = os.path.join(ROOT, "tests", "modern_parity")
GENERATED = os.path.join(HARNESS, "generated")
REGISTER = parity.REGISTER


_load = engine.load_module

compare = _load("modern_compare", os.path.join(HARNESS, "compare.py"))

ROUTES = parity.ROUTES | {
    "json",
    "send",
    "push",
    "this",
    "g",
    "loose",
    "uuid",
    "any",
    "options",
    "get-only",
    "bp",
    "en",
    "de",
}


def _session(d):
    op = gen.session_op(d, [(1, "permanent"), (1, "bytes")])
    pairs = gen.session_pairs(d, op, parity.SESSION_KEYS)
    if op in ("permanent", "bytes"):
        pairs = [(d.pick(["on", "v"]), d.pick(["0", "1", d.text()]))]
    ops = d.cookie_ops() if d.chance(0.25) else []
    return gen.request("GET", "/s/" + op, query=d.query(pairs), cookie_ops=ops)


def _flash(d):
    if d.chance(0.5):
        pairs = [("m", d.text()) for _ in range(d.rng.randint(0, 3))]
        if d.chance(0.5):
            pairs.append(("c", d.pick(["error", "info", "", "message"])))
        return gen.request("GET", "/flash", query=d.query(pairs))
    pairs = []
    if d.chance(0.5):
        pairs.append(("with", "1"))
    if d.chance(0.5):
        pairs.append(("only", d.pick(["error", "info", "message"])))
    path = d.pick(["/flashes", "/flashes", "/", "/tpl/gen_macro.html", "/string/3"])
    return gen.request("GET", path, query=d.query(pairs))


def _json(d):
    body = d.pick(
        [
            '{"a": [1, "\\u00e9"], "b": null}',
            "[1, 2]",
            '"text"',
            "{bad",
            "",
            "\u00e9",
            '{"a": NaN}',
            "1e400",
            '{"nested": {"x": [true, false]}}',
        ]
    )
    body = gen.latin1(d.to_bytes(body))
    content_type = d.pick(
        [
            "application/json",
            "application/json; charset=utf-8",
            "text/plain",
            None,
            "application/vnd.api+json",
            "application/x-json",
        ]
    )
    path = d.pick(["/json", "/json", "/data"])
    query = "force=1" if d.chance(0.3) else ""
    return gen.request(
        d.pick(["POST", "PUT", "PATCH", "GET"]),
        path,
        query=query,
        body=body,
        content_type=content_type,
    )


#: the parity application's endpoints, then this one's own
URL_VALUES = dict(
    parity.URL_VALUES,
    **{
        "lang_page": ["n", "lang"],
        "bp.bp_item": ["item"],
        "bp.bp_index": [],
        "uuid": ["u"],
        "any_": ["w"],
    },
)


def _url(d):
    keys = ["q", "page", "_external", "_anchor", "_scheme", "_method"]
    return parity.url_request(d, URL_VALUES, keys)


def _respond(d):
    kind = gen.respond_kind(
        d,
        [
            "text",
            "bytes",
            "dict",
            "list",
            "status",
            "headers",
            "all",
            "response-tuple",
            "make_response",
            "jsonify",
        ],
    )
    pairs = gen.respond_pairs(d)
    return gen.request(d.method(["GET", "HEAD", "POST"]), "/respond/" + kind, query=d.query(pairs))


def _send(d):
    kind = d.pick(["file", "memory", "directory", "directory"])
    pairs = []
    if kind == "directory":
        pairs.append(
            (
                "name",
                d.pick(
                    [
                        "hello.txt",
                        "sub/inner.txt",
                        "../app.py",
                        "missing",
                        "sub",
                        "data.json",
                        "data.unknownext",
                        "%2e%2e/x",
                        "",
                        "/etc/passwd",
                        "hello.txt/",
                        "sub/../hello.txt",
                    ]
                ),
            )
        )
    for key in ("attach", "name", "max_age", "unconditional", "mimetype", "body"):
        if d.chance(0.2):
            value = {
                "name": d.pick(["a.txt", "caf\u00e9 \u2603.txt", 'x"y.txt', "", "a;b.pdf"]),
                "max_age": d.pick(["0", "60", "-1"]),
                "mimetype": d.pick(["text/plain", "application/json", "x"]),
                "body": d.text(),
            }.get(key, "")
            pairs.append((key, value))
    ranges = ["bytes=0-3", "bytes=5-", "bytes=-2", "bytes=9-1", "bytes=0-0,2-3", "bytes=100-"]
    headers = gen.file_headers(d, 0.4, lambda: d.pick(ranges), [("If-Range", "{{etag}}")])
    return gen.request(
        d.method(["GET", "GET", "HEAD"]), "/send/" + kind, query=d.query(pairs), headers=headers
    )


def _contexts(d):
    choice = d.pick(["push", "this", "g", "ctx"])
    if choice == "ctx":
        return parity._ctx(d)
    if choice == "push":
        path = d.pick(["/echo/x", "/", "/caf\u00e9", "/x?y=1", "/a b"])
        return gen.request("GET", "/push", query=d.query([("path", path)]))
    if choice == "g":
        return gen.request("GET", "/g", query=d.query([("v", d.text())]))
    return gen.request(d.method(["GET"]), "/this")


def _raise(d):
    kind = d.pick(["args", "form", "app", "sub", "zero", "http", "teapot", "none"])
    return gen.request(d.method(["GET", "POST"]), "/raise/" + kind)


def _routing(d):
    choice = d.pick(
        [
            "slash",
            "noslash",
            "loose",
            "user",
            "num",
            "float",
            "uuid",
            "any",
            "cafe",
            "post",
            "get",
            "options",
            "lang",
            "bp",
            "junk",
        ]
    )
    path = parity.routing_path(d, choice)
    if choice == "loose":
        path = d.pick(["/loose", "/loose/"])
    elif choice == "num":
        path = "/num/" + d.pick(
            [
                "1",
                "-1",
                "01",
                "1.5",
                "x",
                "%D9%A3",
                "99999999999999999999",
                "+1",
                "0",
                "-1/signed",
                "1/signed",
                "00/signed",
            ]
        )
    elif choice == "uuid":
        path = "/uuid/" + d.pick(
            [
                "12345678-1234-5678-1234-567812345678",
                "12345678123456781234567812345678",
                "x",
                "12345678-1234-5678-1234-56781234567Z",
            ]
        )
    elif choice == "any":
        path = "/any/" + d.pick(["a", "b", "c%20d", "c d", "e", "A"])
    elif choice == "get":
        path = "/get-only"
    elif choice == "options":
        path = "/options"
    elif choice == "lang":
        path = "/" + d.pick(["en", "de", "caf%C3%A9"]) + "/page/" + d.pick(["1", "2", "x"])
    elif choice == "bp":
        path = "/bp" + d.pick(["/", "", "/item/x", "/item/missing", "/nothing", "/item/a%20b"])
    return gen.request(d.method(), path, query=d.query(d.pairs(high=2)))


def _static(d):
    request = parity._static(d)
    if d.chance(0.2):
        request["path"] = "/static/data.json"
    return request


ROUTE_DRAWS = [
    (3, parity._index),
    (6, parity._echo),
    (4, parity._args),
    (8, parity._form),
    (3, _json),
    (4, parity._headers),
    (3, parity._cookies),
    (3, parity._setcookie),
    (8, _session),
    (5, _flash),
    (4, parity._template),
    (3, parity._string),
    (5, _url),
    (3, parity._abort),
    (4, parity._redirect),
    (3, parity._markup),
    (6, _respond),
    (5, _send),
    (5, _contexts),
    (3, _raise),
    (7, _routing),
    (4, _static),
]


def draw_request(d):
    request = d.weighted(ROUTE_DRAWS)(d)
    if request["path"] == "/markup-text":
        request["path"] = "/markup"
    parity.add_headers_and_cookie_ops(d, request)
    if d.chance(0.03):
        request.setdefault("headers", []).append(["X-Before-Abort", "1"])
    if d.chance(0.02) and request["path"].startswith(("/form", "/data", "/json")):
        request["body"] = request.get("body", "") + "x" * 5000
    request["path"] = d.odd_slashes(request["path"])
    return request


def generate(d):
    return {"requests": [draw_request(d) for _ in range(d.rng.randint(1, 6))]}


# -- differences the deviation register explains -------------------------
#
# Each recognizer below is narrow: it explains a difference only when the
# request is of the kind its register row is about and the two answers
# are equal once that row's difference is undone.  Anything else is a
# failure.

#: the generated application's MAX_CONTENT_LENGTH
MAX_CONTENT_LENGTH = 4096

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _without_length(answer):
    out = copy.deepcopy(answer)
    if "response" in out:
        out["response"]["headers"].pop("content-length", None)
    return out


def _path(request):
    return re.sub("/+", "/", request["path"])


def _over_the_limit(request, x, y, a, b):
    """M-max-content-length-data: a body over MAX_CONTENT_LENGTH read by
    ``get_data`` or ``get_json`` (``/data``, ``/json``), or as a form when
    it is not one (``/form``), is a 413 on flask01.modern; Flask 2.1.3
    read it whole, or not at all."""
    if len(request.get("body", "")) <= MAX_CONTENT_LENGTH:
        return False
    path, content_type = _path(request), (request.get("content_type") or "").lower()
    not_a_form = "form-urlencoded" not in content_type and "multipart" not in content_type
    if path not in ("/data", "/json") and not (path == "/form" and not_a_form):
        return False
    ra, rb = a.get("response"), b.get("response")
    return bool(ra and rb and rb["status"].startswith("413") and ra["status"][:3] in ("200", "400"))


def _invalid_hosts(request):
    hosts = [value for name, value in request.get("headers", ()) if name.lower() == "host"]
    if _path(request) == "/ctx":
        for key, value in parse_qsl(request.get("query", ""), keep_blank_values=True):
            if key in ("path", "base") and "://" in value:
                hosts.append(value.split("://", 1)[1].split("/", 1)[0])
    return [host for host in hosts if host and get_host("http", host) == ""]


def _host_validated(request, x, y, a, b):
    """M-host-validated: a host that is not a host name (``_``, ``a_b``,
    spaces) is read as the empty string on flask01.modern.  Explained when
    the answers are equal once the host is taken out of Flask 2.1.3's
    (in ``//host`` and in ``'host'``), or when flask01.modern redirects to
    ``http:///`` where Flask 2.1.3 redirected to the same path on a part of
    the header or failed with a 500."""
    hosts = _invalid_hosts(request)
    if not hosts:
        return False
    text = json.dumps(_without_length(a), sort_keys=True)
    # the URLs 2.1.3 built dropped an empty port (``" :"``), trailing white
    # space (``" example.com:8080\t"``) or what followed a colon that no
    # port follows (``"l:,"``): each spelling is taken out, longest first
    variants = (
        lambda h: h,
        lambda h: h.rstrip(":"),
        lambda h: h.rstrip(" \t"),
        lambda h: h.partition(":")[0],
        # a bracketed host ("[:],") was written back bracketed, and what
        # followed the bracket dropped unless it was a port
        lambda h: h[: h.find("]") + 1] if h.startswith("[") and "]" in h else h,
    )
    forms = set()
    for host in {f(host) for host in hosts for f in variants} - {""}:
        forms |= {
            host,
            ascii(host)[1:-1],
            json.dumps(host)[1:-1],
            json.dumps(ascii(host)[1:-1])[1:-1],
        }
    for form in sorted(forms, key=len, reverse=True):
        text = text.replace("//" + form, "//").replace("'" + form + "'", "''")
    if json.loads(text) == _without_length(b):
        return True
    # A redirect to the host: Flask 2.1.3 took a part of the header for it
    # (``localhost:80, x`` gave ``localhost``) or failed on its port (500)
    ra, rb = a.get("response") or {}, b.get("response") or {}
    location = (rb.get("headers") or {}).get("location", "")
    upstream = (ra.get("headers") or {}).get("location", "")
    return location.startswith("http:///") and (
        ra.get("status", "").startswith("500")
        or upstream.split("/", 3)[3:] == location.split("/", 3)[3:]
    )


def _control_characters(request, x, y, a, b):
    """M-redirect-control-characters: a redirect target with an ASCII
    control character other than white space: Flask 2.1.3 sent it raw in
    ``Location`` and in the page's link, flask01.modern sends ``%XX``."""
    if _path(request) != "/redirect":
        return False
    targets = [
        v for k, v in parse_qsl(request.get("query", ""), keep_blank_values=True) if k == "to"
    ]
    if not any(_CONTROL.search(t) for t in targets):
        return False
    upstream = _without_length(a)
    response = upstream.get("response")
    if response is None:
        return False

    def encode(match):
        return f"%{ord(match.group()):02X}"

    if "location" in response["headers"]:
        response["headers"]["location"] = _CONTROL.sub(encode, response["headers"]["location"])
    response["body"] = re.sub(
        r'href="([^"]*)"',
        lambda m: 'href="' + _CONTROL.sub(encode, m.group(1)) + '"',
        response["body"],
    )
    return upstream == _without_length(b)


def _nameless_part(request, x, y, a, b):
    """M-multipart-decoder: a malformed multipart body (a part without a
    name, a bare CR for a line break): flask01.modern's form holds what
    today's decoder found, Flask 2.1.3's decoder found no part; and a
    field's quoted name with a backslash, which today's decoder
    unescapes (``\\s`` is ``s``) and Flask 2.1.3's kept."""
    if "multipart/form-data" not in (request.get("content_type") or ""):
        return False
    ra, rb = a.get("response") or {}, b.get("response") or {}
    if "None: [" in rb.get("body", "") and "None: [" not in ra.get("body", ""):
        return True
    # a backslash in a quoted part name: kept by Flask 2.1.3's decoder
    body = request.get("body", "")
    if (
        re.search(r'name="[^"]*\\', body)
        and ra.get("status") == rb.get("status")
        and ra.get("body", "").replace("\\\\", "") == rb.get("body", "").replace("\\\\", "")
    ):
        return True
    # a bare CR for a line break: Flask 2.1.3's decoder found no part
    bare_cr = re.search("\r(?!\n)", request.get("body", "")) is not None
    return (
        bare_cr
        and ra.get("body", "").startswith("form: {}\n")
        and ra.get("status") == rb.get("status")
    )


def _merged_slashes(request, x, y, a, b):
    """M-merged-slashes: the redirect for doubled slashes goes to the path
    as sent with its slashes merged on flask01.modern (``/echo/x/``,
    ``/num/00``); Flask 2.1.3 rebuilt it from the values its rule matched
    (``/echo/x//``, ``/num/0``)."""
    ra, rb = a.get("response"), b.get("response")
    if not ra or not rb or not ra["status"].startswith("308") or ra["status"] != rb["status"]:
        return False
    if "//" not in request["path"]:
        return False
    la, lb = ra["headers"].get("location", ""), rb["headers"].get("location", "")
    # the same host, and the target here is the request's path merged
    return (
        la != lb
        and la.split("/", 3)[:3] == lb.split("/", 3)[:3]
        and unquote(lb.split("?")[0]).endswith(
            _path(dict(request, path=unquote(request["path"])))[1:]
        )
    )


#: register row, what it says, and the recognizer of its difference
REGISTERED = [
    (
        "M-max-content-length-data",
        "get_data and get_json obey MAX_CONTENT_LENGTH (413)",
        _over_the_limit,
    ),
    ("M-host-validated", "a Host that is not a host name is read as ''", _host_validated),
    (
        "M-redirect-control-characters",
        "control characters in a redirect target are sent %XX",
        _control_characters,
    ),
    ("M-multipart-decoder", "a malformed multipart body is decoded apart", _nameless_part),
    ("M-merged-slashes", "doubled slashes in a path value are merged too", _merged_slashes),
]


def _open(request, x, y, a, b):
    for ident, _, recognize in REGISTERED:
        if recognize(request, x, y, a, b):
            return ident
    return None


def _normalize(answer):
    out = dict(answer)
    if "response" in out:
        out["response"] = compare.normalize_response(out["response"])
    return out


def _route(request):
    first = request["path"].lstrip("/").split("/", 1)[0]
    return first if first in ROUTES else "other"


def _signature(request, a, b):
    keys = []
    for key in ("exception", "trace", "stacks"):
        if a.get(key) != b.get(key):
            keys.append(key)
    ra, rb = a.get("response") or {}, b.get("response") or {}
    for key in ("status", "body", "cookies"):
        if ra.get(key) != rb.get(key):
            keys.append(key)
    ha, hb = ra.get("headers") or {}, rb.get("headers") or {}
    names = sorted(n for n in set(ha) | set(hb) if ha.get(n) != hb.get(n))
    if names:
        keys.append("headers[{}]".format(",".join(names)))
    return "{}:{}".format(_route(request), "+".join(keys))


def _difference(a, b):
    lines = []
    for key in ("exception", "stacks", "trace"):
        if a.get(key) != b.get(key):
            lines.append(f"  {key}\n    2.1.3:   {a.get(key)!r}\n    modern:  {b.get(key)!r}")
    ra, rb = a.get("response") or {}, b.get("response") or {}
    for key in ("status", "headers", "body", "cookies"):
        if ra.get(key) != rb.get(key):
            lines.append(f"  {key}\n    2.1.3:   {ra.get(key)!r}\n    modern:  {rb.get(key)!r}")
    return "\n".join(lines)


class Harness(engine.Harness):
    name = "modern_parity"
    rerun_hint = "nox -s modern_parity --"
    slug_prefix = "modern-"
    regressions_path = os.path.join(GENERATED, "regressions.py")

    def __init__(self, upstream_site, workdir=None):
        worker = os.path.join(GENERATED, "worker.py")
        self.sides = [
            engine.Side(
                "upstream", [sys.executable, worker, "upstream"], env={"PYTHONPATH": upstream_site}
            ),
            engine.Side("modern", [sys.executable, worker, "modern"]),
        ]
        with open(REGISTER, encoding="utf-8") as register:
            self.register_text = register.read()
        self.workdir = workdir

    generate = staticmethod(generate)

    def compare(self, case, left, right):
        tag = case.get("deviation")
        for index, (request, x, y) in enumerate(zip(case["requests"], left, right, strict=False)):
            a, b = _normalize(x), _normalize(y)
            if a == b:
                continue
            if tag and f".. _{tag}:" in self.register_text:
                return engine.Verdict([tag])
            reported = _open(request, x, y, a, b)
            if reported and f".. _{reported}:" in self.register_text:
                # what follows may depend on this difference: the case ends
                return engine.Verdict([reported])
            detail = engine.which_request(index, case, request) + _difference(a, b)
            signature = reported or _signature(request, a, b)
            return engine.Verdict([], (index, signature, detail))
        return engine.Verdict([])


def main(argv=None):
    return engine.command(
        argv,
        __doc__.splitlines()[0],
        [("--upstream-site", "the folder Flask 2.1.3 and Werkzeug 2.1.2 are installed in")],
        lambda known: Harness(known.upstream_site, known.workdir),
    )


if __name__ == "__main__":
    sys.exit(main())
