"""Drawing the parts of a request: path segments, query strings, forms,
cookies, headers and methods, from one seeded :class:`random.Random`.

Every text drawn here that goes on the wire is a *native string*: one
character a byte (Latin-1), as WSGI carries it.  A path is percent-encoded
ASCII.  A request is a plain dict (see :func:`request`), so that a case
is JSON and reads back the same in a Python 2 worker.
"""

import base64
import random

LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
UNRESERVED = LETTERS + "-._~"
SUB_DELIMS = "!$&'()*+,;="

#: texts a user might type: ASCII words, numbers, markup, non-ASCII of
#: every width (Latin-1, BMP, astral), spaces and controls
WORDS = [
    "a",
    "b",
    "k",
    "x",
    "name",
    "Hello World",
    "0",
    "42",
    "-1",
    "007",
    "1.5",
    "1e3",
    "true",
    "",
    " ",
    "caf\u00e9",
    "J\u00fcrgen",
    "stra\u00dfe",
    "\u2603",
    "\u65e5\u672c",
    "\U0001f600",
    "\u00a0nbsp",
    "\u0663",
    "<b>bold</b>",
    "a&b=c",
    "x+y",
    "50%",
    '"quoted"',
    "it's",
    "semi;colon",
    "comma,sep",
    "line\nbreak",
    "tab\there",
    "back\\slash",
    "../up",
    "a/b",
    "?q",
    "#frag",
    "\x7f",
    "null\x00byte",
    "_flashes",
    "\u202eRTL",
    "\ufeffbom",
]


def request(method="GET", path="/", query="", headers=(), body="", content_type=None, **extra):
    """One request of a case, with only what differs from the defaults."""
    spec = {"method": method, "path": path}
    if query:
        spec["query"] = query
    if headers:
        spec["headers"] = [list(h) for h in headers]
    if body:
        spec["body"] = body
    if content_type is not None:
        spec["content_type"] = content_type
    spec.update((k, v) for k, v in extra.items() if v)
    return spec


def latin1(data):
    """Bytes as a native string."""
    return data.decode("latin-1")


def field_value(text):
    """*text* without the control characters a header field cannot hold
    (RFC 9110: a tab is allowed, obs-text bytes are)."""
    return "".join(c for c in text if c == "\t" or 0x20 <= ord(c) != 0x7F)


class Draw:
    """The drawing functions, all from one random generator."""

    def __init__(self, rng):
        self.rng = rng

    # -- basics ---------------------------------------------------------

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def weighted(self, pairs):
        """Pick from ``[(weight, value), ...]``."""
        total = sum(w for w, _ in pairs)
        x = self.rng.random() * total
        for weight, value in pairs:
            x -= weight
            if x < 0:
                return value
        return pairs[-1][1]

    def some(self, draw, low, high):
        return [draw() for _ in range(self.rng.randint(low, high))]

    def text(self):
        """A short text, often a word, sometimes two glued together."""
        if self.chance(0.15):
            return self.pick(WORDS) + self.pick(WORDS)
        if self.chance(0.05):
            return "".join(self.pick(LETTERS) for _ in range(self.rng.randint(30, 120)))
        return self.pick(WORDS)

    # -- encodings ------------------------------------------------------

    def encode_bytes(self, data, safe, space=None):
        """Percent-encode *data* (bytes), keeping the bytes in *safe*; the
        hex digits in either case, a space as *space* when given."""
        upper = self.chance(0.8)
        out = []
        for byte in data:
            char = chr(byte)
            if char in safe:
                out.append(char)
            elif char == " " and space:
                out.append(space)
            else:
                out.append(("%%%02X" if upper else "%%%02x") % byte)
        return "".join(out)

    def to_bytes(self, text):
        """The bytes of *text*: UTF-8 mostly, Latin-1 (not UTF-8 when it is
        not ASCII) or UTF-8 cut short sometimes."""
        how = self.weighted([(8, "utf-8"), (1, "latin-1"), (1, "cut")])
        if how == "latin-1":
            try:
                return text.encode("latin-1")
            except UnicodeEncodeError:
                pass
        data = text.encode("utf-8", "surrogatepass")
        if how == "cut" and len(data) > 1 and any(b > 127 for b in data):
            return data[:-1]
        return data

    def mangle(self, encoded):
        """Sometimes spoil a percent-encoded string with a bad escape."""
        if not self.chance(0.08):
            return encoded
        bad = self.pick(["%", "%zz", "%4", "%%", "%G0", "%u00e9", "%2", "%00", "%ff", "%C3"])
        at = self.rng.randint(0, len(encoded))
        return encoded[:at] + bad + encoded[at:]

    # -- paths ----------------------------------------------------------

    def segment(self, text=None):
        """One path segment, percent-encoded as a client would (or not
        quite: reserved characters raw, bad escapes)."""
        if text is None:
            text = self.weighted(
                [
                    (6, self.text()),
                    (1, self.pick([".", "..", "", "%2F", "%2e%2e", "%252F", "~user"])),
                ]
            )
            if text in (".", "..", "") or "%" in text and text.startswith("%"):
                return text
        safe = UNRESERVED + (SUB_DELIMS + ":@" if self.chance(0.5) else "")
        return self.mangle(self.encode_bytes(self.to_bytes(text), safe))

    def tail(self, low=0, high=3):
        """``/seg/seg...`` after a route's fixed part, sometimes with a
        doubled slash or a trailing one."""
        segments = self.some(self.segment, low, high)
        path = "".join("/" + s for s in segments)
        if self.chance(0.1):
            path += "/"
        return path

    def odd_slashes(self, path):
        """Sometimes double a slash of *path*."""
        if not self.chance(0.06) or "/" not in path:
            return path
        slashes = [i for i, c in enumerate(path) if c == "/"]
        at = self.pick(slashes)
        return path[:at] + "/" + path[at:]

    # -- queries and forms ----------------------------------------------

    def field(self, text):
        """A key or value of a query or form, encoded one of several ways."""
        style = self.weighted([(6, "pct"), (2, "plus"), (1, "raw"), (1, "as-is")])
        data = self.to_bytes(text)
        if style == "raw":
            # bytes as they are, not escaped (what a careless client sends),
            # but for what cannot be in a request line at all
            return "".join(
                c if 0x20 < ord(c) != 0x7F else f"%{ord(c):02X}"
                for c in latin1(data).replace("&", "%26").replace("=", "%3D").replace("#", "%23")
            )
        if style == "as-is" and all(c in UNRESERVED for c in text):
            return text
        space = "+" if style == "plus" else None
        return self.mangle(self.encode_bytes(data, UNRESERVED, space))

    def pairs(self, keys=None, low=0, high=4):
        """``[(key, value)]`` with keys from *keys* (or drawn), some repeated."""
        keys = keys or ["a", "b", "n", "k", "v"]
        out = []
        for _ in range(self.rng.randint(low, high)):
            key = self.pick(keys) if self.chance(0.8) else self.text()
            out.append((key, self.text()))
        if out and self.chance(0.2):
            out.append((out[0][0], self.text()))
        return out

    def urlencode(self, pairs):
        """A query string or urlencoded body, with blanks and odd separators."""
        parts = []
        for key, value in pairs:
            form = self.weighted([(10, "kv"), (1, "bare"), (1, "empty-value"), (1, "empty-key")])
            if form == "bare":
                parts.append(self.field(key))
            elif form == "empty-value":
                parts.append(self.field(key) + "=")
            elif form == "empty-key":
                parts.append("=" + self.field(value))
            else:
                parts.append(self.field(key) + "=" + self.field(value))
        separator = self.weighted([(12, "&"), (1, "&&"), (1, ";")])
        text = separator.join(parts)
        if self.chance(0.05):
            text = "&" + text
        if self.chance(0.05):
            text += "&"
        return text

    def query(self, pairs):
        return self.urlencode(pairs)

    def multipart(self, fields, files):
        """A multipart/form-data body, as a native string, and its type."""
        boundary = self.pick(
            ["----gen-boundary", "x", "AaB03x", "b'()+_,-./:=?", "with space", "-" * 60]
        )
        quoted = " " in boundary or self.chance(0.3)
        content_type = (
            'multipart/form-data; boundary="%s"' if quoted else ("multipart/form-data; boundary=%s")
        )
        content_type %= boundary
        if self.chance(0.1):
            content_type += "; charset=utf-8"
        chunks = []
        for name, value in fields:
            head = f'Content-Disposition: form-data; name="{name}"'
            if self.chance(0.1):
                head += "\r\nContent-Type: text/plain; charset=utf-8"
            chunks.append(head.encode("utf-8") + b"\r\n\r\n" + self.to_bytes(value))
        for name, filename, ctype, content in files:
            head = f'Content-Disposition: form-data; name="{name}"'
            if filename is not None:
                head += f'; filename="{filename}"'
            if ctype:
                head += "\r\nContent-Type: " + ctype
            chunks.append(head.encode("utf-8") + b"\r\n\r\n" + content)
        sep = b"--" + boundary.encode("ascii")
        body = b"".join(sep + b"\r\n" + c + b"\r\n" for c in chunks) + sep + b"--\r\n"
        if self.chance(0.05):
            body = b"preamble\r\n" + body
        return latin1(body), content_type

    def upload(self):
        name = self.pick(["doc", "file", "f", "caf\u00e9"])
        filename = self.weighted(
            [
                (6, self.pick(["a.txt", "report.pdf", "notes.TXT", "x"])),
                (1, "caf\u00e9 \u2603.txt"),
                (1, "C:\\Users\\me\\a.txt"),
                (1, "../../etc/passwd"),
                (1, ""),
                (1, None),
                (1, "sp ace;semi.txt"),
            ]
        )
        ctype = self.pick(["text/plain", "application/octet-stream", None, "image/png", ""])
        content = self.pick(
            [b"", b"hello", b"line one\r\nline two", bytes(range(256)), b"\xff\xfe"]
        )
        return name, filename, ctype, content

    def body(self):
        """A request body and its content type, of one of several kinds."""
        kind = self.weighted(
            [
                (5, "urlencoded"),
                (4, "multipart"),
                (1, "text"),
                (1, "json"),
                (1, "octets"),
                (1, "untyped"),
                (1, "none"),
            ]
        )
        if kind == "urlencoded":
            content_type = self.pick(
                [
                    "application/x-www-form-urlencoded",
                    "application/x-www-form-urlencoded; charset=utf-8",
                    "application/x-www-form-urlencoded; charset=latin-1",
                    "Application/X-WWW-Form-URLEncoded",
                ]
            )
            return self.urlencode(self.pairs(low=0, high=5)), content_type
        if kind == "multipart":
            fields = self.pairs(keys=["title", "a", "b"], low=0, high=3)
            files = self.some(self.upload, 0, 2)
            return self.multipart(fields, files)
        if kind == "text":
            return latin1(self.to_bytes(self.text())), self.pick(
                ["text/plain", "text/plain; charset=utf-8", "text/html"]
            )
        if kind == "json":
            return '{"a": [1, "\\u00e9"], "b": null}', "application/json"
        if kind == "octets":
            return latin1(bytes(self.rng.randrange(256) for _ in range(16))), (
                "application/octet-stream"
            )
        if kind == "untyped":
            return self.urlencode(self.pairs()), None
        return "", None

    # -- methods, headers, cookies --------------------------------------

    def method(self, allowed=None):
        method = self.weighted(
            [
                (10, "GET"),
                (4, "POST"),
                (2, "HEAD"),
                (1, "PUT"),
                (1, "DELETE"),
                (1, "OPTIONS"),
                (1, "PATCH"),
                (0.5, self.pick(["PROPFIND", "TRACE", "M-SEARCH", "BREW", "get", "CONNECT"])),
            ]
        )
        if allowed and self.chance(0.85):
            return self.pick(allowed)
        return method

    def header(self):
        """One header that is odd but legal (and a few that switch on a
        hook's behaviour in the applications)."""
        basic = base64.b64encode(self.to_bytes(self.pick(["user:pass", "u:p:w", "\u00e9:x", ":"])))
        name, values = self.pick(HEADERS)
        if name == "Authorization" and self.chance(0.5):
            return name, "Basic " + basic.decode("ascii")
        value = self.pick(values)
        if value is TEXT:
            value = field_value(latin1(self.to_bytes(self.text())))
        if self.chance(0.05):
            value = " " + value + "\t"
        return name, value

    def headers(self, low=0, high=3, extra=()):
        out = self.some(self.header, low, high) + list(extra)
        if self.chance(0.03):
            out.append(self.pick(HOOK_HEADERS))
        seen = {}
        for name, value in out:
            # one header a name, as a server puts them into the environ
            key = name.upper().replace("-", "_")
            if key in seen:
                seen[key] = (seen[key][0], seen[key][1] + ", " + value)
            else:
                seen[key] = (name, value)
        return list(seen.values())

    def cookie_name(self):
        return self.pick(["flavour", "a", "b", "theme", "caf\u00e9", "$Version", "x y", "c"])

    def cookie_ops(self):
        """What to do to the jar's cookies for one request."""
        ops = []
        for _ in range(self.rng.randint(0, 2)):
            op = self.weighted([(3, "set"), (1, "drop"), (2, "tamper"), (1, "foreign")])
            if op == "set":
                value = self.pick(COOKIE_VALUES)
                if value is TEXT:
                    value = field_value(latin1(self.to_bytes(self.text())))
                name = "session" if self.chance(0.3) else self.cookie_name()
                ops.append(["set", latin1(name.encode("utf-8")), value])
            elif op == "drop":
                ops.append(["drop", "session"])
            elif op == "tamper":
                ops.append(
                    ["tamper", "session", self.pick(["append", "truncate", "flip", "quote"])]
                )
            else:
                ops.append(["foreign"])
        return ops


#: marks a header or cookie value to be drawn as text
TEXT = object()

HEADERS = [
    ("User-Agent", ["Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101", "", "curl/8.4.0"]),
    ("User-Agent", [TEXT]),
    ("Accept", ["text/html,application/xhtml+xml;q=0.9,*/*;q=0.8", "*/*", "application/json"]),
    ("Accept", ["text/*;q=0.5, text/html", "", "a/b;q=x", "text/plain;q=0", "*/*;q=0.1,x/y"]),
    ("Accept-Language", ["en-US,en;q=0.5", "de-DE", "*", "fr;q=0, en", "zh-Hans-CN", ""]),
    ("Accept-Charset", ["utf-8", "iso-8859-1;q=0.5, *;q=0.1", "x"]),
    ("X-Custom", [TEXT]),
    ("X-Requested-With", ["XMLHttpRequest", "xmlhttprequest", "fetch"]),
    ("Referer", ["http://example.com/a?b=c", "/relative", "caf\u00c3\u00a9"]),
    ("Authorization", ["Basic !!!", "Bearer token", "Basic", 'Digest username="u"']),
    ("X-Forwarded-For", ["10.0.0.1", "10.0.0.1, 10.0.0.2", "unknown"]),
    ("X-Forwarded-Host", ["example.com", "evil.example:8080"]),
    ("X-Forwarded-Proto", ["https"]),
    ("Host", ["example.com:8080", "EXAMPLE.com", "[::1]:80", "localhost:80", "127.0.0.1", "a_b"]),
    ("If-None-Match", ["{{etag}}", "*", 'W/"x"', '"a", "b"', '{{etag}}, "other"']),
    ("If-Modified-Since", ["{{last-modified}}", "Sat, 29 Oct 1994 19:43:31 GMT", "garbage"]),
    ("Range", ["bytes=0-3", "bytes=5-", "bytes=-2", "bytes=9-1"]),
    ("Cache-Control", ["no-cache", "max-age=0"]),
    ("Forwarded", ["for=192.0.2.60;proto=https;by=203.0.113.43"]),
    ("Expect", ["100-continue"]),
    ("x-lower-case", ["yes"]),
    ("X-Empty", [""]),
    ("X-Long", ["v" * 2000]),
]

#: headers that switch a hook's behaviour in the generated applications
HOOK_HEADERS = [
    ("X-Short", "yes"),
    ("X-Before-Raise", "1"),
    ("X-After-Raise", "1"),
    ("X-Replace", "1"),
]

COOKIE_VALUES = [
    "oatmeal",
    "",
    '"quoted value"',
    "a=b",
    "forged-value",
    "eyJrIjoidiJ9.Zm9v.YmFy",
    "!#$%&'()*+-./:<>?@[]^_`{|}~",
    "with space",
    TEXT,
]


#: the statuses a view is asked to answer with, as the query gives them
#: (numbers, text with a number, text without one, out of range)
STATUSES = [
    "200",
    "201",
    "204",
    "299",
    "304",
    "404",
    "418 TEAPOT",
    "600",
    "99",
    "abc",
    "200 OK",
    " 201 X ",
    "0",
    "1000",
]


def respond_pairs(d):
    """The query pairs of a ``/respond/KIND`` request both applications
    take: maybe a status (``s``), a body and the value of a header (``h``)."""
    pairs = []
    if d.chance(0.6):
        pairs.append(("s", d.pick(STATUSES)))
    if d.chance(0.5):
        pairs.append(("body", d.text()))
    if d.chance(0.3):
        pairs.append(("h", d.text()))
    return pairs


def file_headers(d, chance, range_header, more=()):
    """The headers of a request for a file: a few of any kind, and with
    *chance* one that makes it conditional: ``If-None-Match`` with the last
    ETag, ``If-Modified-Since`` with the last Last-Modified, a ``Range``
    (``range_header()``, called as the choices are made, so that a draw
    it makes comes where the cases expect it) or one of *more*."""
    headers = d.headers(0, 2)
    if d.chance(chance):
        choices = [
            ("If-None-Match", "{{etag}}"),
            ("If-Modified-Since", "{{last-modified}}"),
            ("Range", range_header()),
        ]
        headers.append(d.pick(choices + list(more)))
    return headers


def session_op(d, own):
    """An operation for ``/s/OP``: one both applications have, one of the
    version's *own* (``[(weight, op), ...]``), showing the session, or
    rarely one neither has."""
    both = [(5, "set"), (1, "int"), (2, "append"), (1, "del"), (1, "pop"), (1, "clear")]
    return d.weighted(both + own + [(3, "show"), (0.3, "nope")])


def respond_kind(d, first):
    """A kind for ``/respond/KIND``: one of the version's *first* kinds, one
    both applications have last (a response, a generator, a WSGI
    application, an HTTP exception, None, a number), or one neither has."""
    last = ["response", "generator", "wsgi", "http-exception", "none", "number", "other"]
    return d.pick(first + last)


def session_pairs(d, op, keys):
    """The query pairs of a ``/s/OP`` request both applications take: one
    to three of *keys* with text (numbers for ``int``), none for ``show``
    and ``clear``."""
    if op in ("show", "clear"):
        return []
    pairs = [(d.pick(keys), d.text()) for _ in range(d.rng.randint(1, 3))]
    if op == "int":
        pairs = [(k, d.pick(["1", "-2", "x", "10"])) for k, _ in pairs]
    return pairs


def rng_for(seed, index):
    """The generator of case *index* of a run with *seed*: a case can be
    drawn again on its own."""
    return random.Random(f"{seed}/{index}")
