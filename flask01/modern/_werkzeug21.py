"""What Flask 2.1.3 got from Werkzeug 2.1.2 and today's Werkzeug does
differently, rebuilt so that flask01.modern answers as Flask 2.1.3 did.

flask01 keeps what it needs of Werkzeug 0.6 in a module of its own
(``flask01._werkzeug06``); this is the same for flask01.modern and
Werkzeug 2.1.2, and it holds only what the generated differential cases
(``tests/differential/modern.py``) showed to differ:

* **URLs are quoted as Werkzeug 2.1.2 quoted them.**  Today's Werkzeug
  follows the WHATWG URL rules, which leave ``&``, ``=``, ``@``, ``\\`` and more
  unescaped where Werkzeug 2.1.2 escaped them.  ``request.url`` and its
  siblings (:class:`RequestMixin`), the target of :func:`redirect` and of
  the ``Location`` header (:class:`ResponseMixin`), the redirects
  routing makes, and what ``url_for`` builds (:class:`Map`, :class:`Rule`
  and the converters) follow Werkzeug 2.1.2's tables: the unreserved
  characters and ``$!'()*+,;`` are safe everywhere, a few more in each
  part (:func:`quote`).
* **Cookies are written and read as Werkzeug 2.1.2 did**
  (:func:`dump_cookie`, :func:`parse_cookie`): a value with a byte
  outside the cookie-safe set in double quotes, a ``Domain``'s leading
  dot kept and a ``Domain`` without a dot refused with ``ValueError``;
  every ``name=value`` pair read, whatever characters it holds.
* **Request headers are read as Werkzeug 2.1.2 read them**: ``Accept``
  weights (:func:`parse_accept`), entity tags (:func:`parse_etags`),
  ``Authorization`` only for complete Basic and Digest credentials
  (:attr:`RequestMixin.authorization`), an upload's quoted file name
  with its backslashes (:func:`restore_filenames`).
* **Routing answers as Werkzeug 2.1.2's did** (:class:`MapAdapter`): a
  405 for a missing trailing slash with a method the rule lacks, a
  redirect for doubled slashes whatever the method.
* **Responses are written as Werkzeug 2.1.2 wrote them**
  (:class:`ResponseMixin`): a status line kept as given, an error page's
  quotes as ``&#x27;`` and ``&quot;``.

Where today's Werkzeug is kept on purpose, docs/deviations.rst has the
row (``M-host-validated``, ``M-max-content-length-data``,
``M-multipart-decoder``, ``M-merged-slashes``,
``M-redirect-control-characters``).
"""

import base64
import html
import re
import unicodedata
import warnings
from datetime import datetime, timedelta, timezone

from werkzeug.datastructures import (
    Accept,
    Authorization,
    CharsetAccept,
    Headers,
    ImmutableMultiDict,
    LanguageAccept,
    MIMEAccept,
    iter_multi_items,
)
from werkzeug.exceptions import HTTPException, MethodNotAllowed, NotFound
from werkzeug.http import http_date, parse_dict_header
from werkzeug.routing import AnyConverter as _AnyConverter
from werkzeug.routing import Map as _Map
from werkzeug.routing import MapAdapter as _MapAdapter
from werkzeug.routing import PathConverter as _PathConverter
from werkzeug.routing import RequestRedirect
from werkzeug.routing import Rule as _Rule
from werkzeug.routing import UnicodeConverter as _UnicodeConverter
from werkzeug.utils import cached_property

from .._shared import _NO_COOKIES, parse_etags, status_line

#: bytes Werkzeug 2.1.2 never escaped: RFC 3986's unreserved characters and
#: the sub-delimiters but ``&`` and ``=``
ALWAYS_SAFE = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~$!'()*+,;"
)

#: what stays as it is when an IRI becomes a URI (the reserved characters)
_URI_SAFE = ":/?#[]@!$&'()*+,;=%"

#: the ASCII bytes an escape is kept for when a URI becomes an IRI
_KEEP_ESCAPED = frozenset(range(128)) - ALWAYS_SAFE

_HEX = re.compile(rb"%([0-9A-Fa-f]{2})")

_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")


def quote(data, safe="/:"):
    """*data* (text, encoded as UTF-8, or bytes) percent-encoded as
    Werkzeug 2.1.2's ``url_quote``: :data:`ALWAYS_SAFE` and *safe* stay,
    every other byte becomes ``%XX`` (upper-case hex)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    keep = ALWAYS_SAFE | frozenset(safe.encode("ascii"))
    return "".join(chr(b) if b in keep else f"%{b:02X}" for b in data)


def _quote_plus(data):
    """A query string's key or value as Werkzeug 2.1.2 encoded it: a space
    is ``+``; ``+``, ``/``, ``:``, ``&`` and ``=`` are escaped."""
    return quote(data, safe=" ").replace("+", "%2B").replace(" ", "+")


def _unquote_for_iri(text):
    """Undo the escapes of *text* (part of a URI) that an IRI may hold
    unescaped: bytes above ASCII that form UTF-8, and the ASCII bytes of
    :data:`ALWAYS_SAFE`.  Other escapes stay as written; bytes that are not
    UTF-8 stay escaped."""

    def unescape(match):
        byte = int(match.group(1), 16)
        return match.group() if byte in _KEEP_ESCAPED else bytes([byte])

    data = _HEX.sub(unescape, text.encode("utf-8"))
    decoded = data.decode("utf-8", "surrogateescape")
    return re.sub("[\udc80-\udcff]", lambda m: f"%{ord(m.group()) - 0xDC00:02X}", decoded)


def current_url(scheme, host, root_path=None, path=None, query_string=None):
    """The URL of a request, as Werkzeug 2.1.2 gave it: an IRI (UTF-8 text
    unescaped) whose reserved and ASCII-unsafe characters are escaped
    (``\\`` is ``%5C``, a tab ``%09``).  Parts left ``None`` end it."""
    url = f"{scheme}://{host}"
    if root_path is None:
        return _uri_to_iri(url + "/")
    url += f"{quote(root_path.rstrip('/'))}/"
    if path is not None:
        url += quote(path.lstrip("/"))
        if query_string:
            url += "?" + quote(query_string, safe=":&%=+$!*'(),")
    return _uri_to_iri(url)


def _uri_to_iri(url):
    """*url* made an IRI as Werkzeug 2.1.2's ``uri_to_iri`` made it: the
    escapes of what follows the authority undone (:func:`_unquote_for_iri`),
    the IDNA labels of the host decoded (:func:`_decode_idna`), and the
    rest of the authority as it is.  A root path that does not start with
    ``/`` joins the authority and keeps its escapes: ``h://%EF%BF%BD/``."""
    start = url.index("://") + 3
    end = min(i for i in (url.find(c, start) for c in "/?#") if i >= 0)
    userinfo, at, host = url[start:end].rpartition("@")
    host, colon, port = host.partition(":") if not host.startswith("[") else (host, "", "")
    authority = f"{userinfo}{at}{_decode_idna(host)}{colon}{port}"
    return url[:start] + authority + _unquote_for_iri(url[end:])


def _decode_idna(host):
    """*host* with its IDNA labels decoded as Werkzeug 2.1.2 decoded them
    (``xn--caf-dma.example`` is ``café.example``): the whole name at
    once, else label by label, a label that is no IDNA left as it is;
    a name that is not ASCII is left as it is."""
    try:
        data = host.encode("ascii")
    except UnicodeError:
        return host
    try:
        return data.decode("idna")
    except UnicodeError:
        pass
    labels = []
    for label in data.split(b"."):
        try:
            labels.append(label.decode("idna"))
        except UnicodeError:
            labels.append(label.decode("ascii"))
    return ".".join(labels)


def _split(url):
    """``(scheme, netloc, path, query, fragment)`` of *url*, split as
    Werkzeug 2.1.2 split it (a scheme followed by digits only is a port;
    its pattern of scheme characters lets ``,`` and a final line feed
    in)."""
    scheme = netloc = query = fragment = ""
    head, colon, rest = url.partition(":")
    if (
        colon
        and re.fullmatch(r"[a-zA-Z0-9+,\-.]+\n?", head)
        and (not rest or any(c not in "0123456789" for c in rest))
    ):
        scheme, url = head.lower(), rest
    if url[:2] == "//":
        end = min((i for i in (url.find(c, 2) for c in "/?#") if i >= 0), default=len(url))
        netloc, url = url[2:end], url[end:]
        if ("[" in netloc) != ("]" in netloc):
            raise ValueError("Invalid IPv6 URL")
    if "#" in url:
        url, fragment = url.split("#", 1)
    if "?" in url:
        url, query = url.split("?", 1)
    return scheme, netloc, url, query, fragment


def _unsplit(scheme, netloc, path, query, fragment):
    """The URL of the parts, joined as Werkzeug 2.1.2 joined them: ``//``
    before a netloc, and before a path that starts with ``/`` when there
    is a scheme (``h:///x``)."""
    url = ""
    if netloc or (scheme and path.startswith("/")):
        url = "//" + netloc + (path if not path or path.startswith("/") else "/" + path)
    elif path:
        url = path
    if scheme:
        url = f"{scheme}:{url}"
    if query:
        url += "?" + query
    if fragment:
        url += "#" + fragment
    return url


def _encode_netloc(netloc):
    """A netloc as Werkzeug 2.1.2 encoded it: the host in IDNA (what does
    not encode dropped), a port kept only if it is a number up to 65535,
    the user info escaped."""
    auth, at, hostport = netloc.partition("@")
    if not at:
        auth, hostport = "", netloc
    port = None
    if not hostport:
        host = None
    elif not hostport.startswith("["):
        host, colon, port = hostport.partition(":")
        port = port if colon else None
    elif "]" not in hostport:
        host = hostport
    else:
        host, _, rest = hostport[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
    encoded = ""
    if host:
        try:
            encoded = (
                host
                if host.isascii()
                else ".".join(label.encode("idna").decode("ascii") for label in host.split("."))
            )
        except UnicodeError:
            encoded = host.encode("ascii", "ignore").decode("ascii")
    if ":" in encoded:
        encoded = f"[{encoded}]"
    if port is not None and port.strip().lstrip("+-").isdigit() and 0 <= int(port) <= 65535:
        encoded += f":{int(port)}"
    user, _, password = auth.partition(":")
    credentials = ":".join(filter(None, [quote(user, "/:%"), quote(password, "/:%")]))
    return f"{credentials}@{encoded}" if credentials else encoded


def iri_to_uri(iri, safe_conversion=True):
    """*iri* as the URI Werkzeug 2.1.2 made of it: everything but the
    reserved characters escaped and the host in IDNA.  With
    *safe_conversion* (as for a redirect target) an IRI that is ASCII
    without white space is left as it is."""
    try:
        if safe_conversion and len(iri.encode("ascii").split()) == 1:
            return iri
    except UnicodeError:
        pass
    scheme, netloc, path, query, fragment = _split(iri)
    return _unsplit(
        scheme,
        _encode_netloc(netloc),
        quote(path, _URI_SAFE),
        quote(query, _URI_SAFE),
        quote(fragment, _URI_SAFE),
    )


def redirect(location, code=302, Response=None):
    """A response that redirects to *location*, as Werkzeug 2.1.2 made it:
    the ``Location`` is ``iri_to_uri`` of the target, the page links
    to it and shows the target as given.  ASCII control characters are
    escaped first (``%0A``), so that a line break in a target is never a
    500 (as ``flask01._shared.redirect`` does for flask01)."""
    if Response is None:
        from .wrappers import Response
    target = _CONTROL_CHARACTER.sub(lambda m: f"%{ord(m.group()):02X}", location)
    uri = iri_to_uri(target)
    response = Response(
        "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n"
        "<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target "
        f'URL: <a href="{html.escape(uri)}">{html.escape(location)}</a>. If not, click the '
        "link.\n",
        code,
        mimetype="text/html",
    )
    response.headers["Location"] = uri
    return response


#: the characters of an HTTP token (a header parameter written bare)
_TOKEN = frozenset("!#$%&'*+-.0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz|~")


def _header_parameter(value):
    """*value* as Werkzeug 2.1.2 wrote a header parameter: bare if it is a
    token (the empty string too), else quoted."""
    if set(value) <= _TOKEN:
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def content_disposition(kind, download_name):
    """The ``Content-Disposition`` of a file sent as *download_name*, as
    Werkzeug 2.1.2's ``send_file`` wrote it: a name beyond ASCII as its
    ASCII letters (``filename=``, bare when none are left) and as
    ``filename*`` in UTF-8, escaped by :func:`quote` (so a ``;`` stays
    and the value is quoted)."""
    if download_name.isascii():
        return f"{kind}; filename={_header_parameter(download_name)}"
    simple = unicodedata.normalize("NFKD", download_name).encode("ascii", "ignore").decode()
    encoded = "UTF-8''" + quote(download_name, safe="!#$&+^`|~")
    return f"{kind}; filename={_header_parameter(simple)}; filename*={_header_parameter(encoded)}"


# -- cookies ------------------------------------------------------------

#: the bytes a cookie value holds without quotes
_COOKIE_SAFE = frozenset(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/=!#$%&'*+-.^_`|~:"
)

#: how a byte is written inside a quoted cookie value
_COOKIE_ESCAPES = {ord(","): b"\\054", ord(";"): b"\\073", ord('"'): b'\\"', ord("\\"): b"\\\\"}
_COOKIE_ESCAPES.update({b: f"\\{b:03o}".encode() for b in (*range(32), *range(127, 256))})

_COOKIE_PAIR = re.compile(rb'(?P<key>[^=;]+)(?:\s*=\s*(?P<value>"(?:[^\\"]|\\.)*"|.*?))?\s*;')
_COOKIE_ESCAPE = re.compile(rb"\\([0-3][0-7][0-7]|.)")


def _quote_cookie(data):
    """A cookie value (bytes) as Werkzeug 2.1.2 wrote it: as it is when every
    byte is cookie-safe (``_COOKIE_SAFE``), else in double quotes with the others
    escaped (``\\054`` for a comma)."""
    if all(b in _COOKIE_SAFE for b in data):
        return data
    return (
        b'"'
        + b"".join(
            bytes([b]) if b in _COOKIE_SAFE else _COOKIE_ESCAPES.get(b, bytes([b])) for b in data
        )
        + b'"'
    )


def _unquote_cookie(data):
    if len(data) < 2 or data[:1] != b'"' or data[-1:] != b'"':
        return data

    def unescape(match):
        escaped = match.group(1)
        return bytes([int(escaped, 8)]) if len(escaped) == 3 else escaped

    return _COOKIE_ESCAPE.sub(unescape, data[1:-1])


def parse_cookie(header):
    """The cookies of a ``Cookie`` header (a WSGI string) as Werkzeug 2.1.2
    read them: every ``name=value`` pair whatever characters it holds
    (today's Werkzeug skips a name with a space), a quoted value
    unescaped, names and values decoded from UTF-8 (U+FFFD for a bad
    byte); a pair without a name is skipped."""
    data = header.encode("latin-1", "replace") + b";"
    pairs, at = [], 0
    while at < len(data):
        match = _COOKIE_PAIR.search(data, at)
        if match is None:
            break
        at = match.end()
        key = match.group("key").strip().decode("utf-8", "replace")
        if key:
            value = _unquote_cookie(match.group("value") or b"")
            pairs.append((key, value.decode("utf-8", "replace")))
    return ImmutableMultiDict(pairs)


def dump_cookie(
    key,
    value="",
    max_age=None,
    expires=None,
    path="/",
    domain=None,
    secure=False,
    httponly=False,
    samesite=None,
    max_size=4093,
):
    """A ``Set-Cookie`` value as Werkzeug 2.1.2 wrote it: a value with bytes
    that are not cookie-safe in quotes, the ``Domain`` as given (a
    leading dot kept, today's Werkzeug drops it) and refused with
    ``ValueError`` when it has no dot (``localhost``), the path made a
    URI."""
    key = key.encode("utf-8") if isinstance(key, str) else key
    value = value.encode("utf-8") if isinstance(value, str) else value
    if path is not None:
        path = iri_to_uri(path, safe_conversion=False)
    if domain is not None:
        domain = ".".join(
            part if part.isascii() else part.encode("idna").decode("ascii")
            for part in domain.split(".")
        ).partition(":")[0]
        if "." not in domain:
            raise ValueError(
                "Setting 'domain' for a cookie on a server running locally (ex: "
                "localhost) is not supported by complying browsers."
            )
    if isinstance(max_age, timedelta):
        max_age = int(max_age.total_seconds())
    if expires is not None:
        if not isinstance(expires, str):
            expires = http_date(expires)
    elif max_age is not None:
        expires = http_date(datetime.now(tz=timezone.utc).timestamp() + max_age)
    if samesite is not None:
        samesite = samesite.title()
        if samesite not in {"Strict", "Lax", "None"}:
            raise ValueError("SameSite must be 'Strict', 'Lax', or 'None'.")
    parts = [key + b"=" + _quote_cookie(value)]
    if domain is not None:
        parts.append(b"Domain=" + _quote_cookie(domain.encode("ascii")))
    for name, attribute in ((b"Expires", expires), (b"Max-Age", max_age)):
        if attribute is not None:
            parts.append(name + b"=" + str(attribute).encode("utf-8"))
    if secure:
        parts.append(b"Secure")
    if httponly:
        parts.append(b"HttpOnly")
    for name, attribute in ((b"Path", path), (b"SameSite", samesite)):
        if attribute is not None:
            parts.append(name + b"=" + str(attribute).encode("utf-8"))
    header = b"; ".join(parts).decode("latin-1")
    if max_size and len(header) > max_size:
        warnings.warn(
            f"The {key.decode('utf-8')!r} cookie is too large: the value was {len(value)} "
            f"bytes but the header required {len(header) - len(value)} extra bytes. The "
            f"final size was {len(header)} bytes but the limit is {max_size} bytes. "
            "Browsers may silently ignore cookies larger than this.",
            stacklevel=3,
        )
    return header


# -- request headers ----------------------------------------------------

#: one entry of an ``Accept`` header: the value with its parameters but
#: ``q``, then an optional weight (digits; anything after it is ignored)
_ACCEPT_ENTRY = re.compile(
    r"([^\s;,]+(?:[ \t]*;[ \t]*(?:[^\s;,q][^\s;,]*|q[^\s;,=][^\s;,]*))*)"
    r"(?:[ \t]*;[ \t]*q=(\d*(?:\.\d+)?)[^,]*)?"
)


def parse_accept(value, cls):
    """An ``Accept``-style header as Werkzeug 2.1.2 read it: a weight that is
    not a number counts as 1 (today's Werkzeug drops the entry)."""
    if not value:
        return cls(None)
    entries = []
    for match in _ACCEPT_ENTRY.finditer(value):
        weight = match.group(2)
        entries.append((match.group(1), max(min(float(weight), 1), 0) if weight else 1))
    return cls(entries)


# parse_etags, the entity tags of If-Match and If-None-Match as Werkzeug
# 2.1.2 (and 0.6) read them, is shared with flask01: flask01._shared


#: the ``filename`` parameter of a ``Content-Disposition`` header
_FILENAME = re.compile(r';\s*filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)', re.IGNORECASE)


def restore_filenames(files):
    """Give each upload in *files* the file name Werkzeug 2.1.2 read from
    its ``Content-Disposition``: a quoted name keeps its backslashes
    (``"C:\\Users\\me\\a.txt"``, as Internet Explorer sent a full
    path), only ``\\\\`` and ``\\"`` are unescaped; today's Werkzeug
    unescapes every backslash (``C:Usersmea.txt``).  A name given with
    ``filename*`` is left as Werkzeug read it."""
    for _, upload in files.items(multi=True):
        disposition = upload.headers.get("Content-Disposition", "")
        match = _FILENAME.search(disposition)
        if match is None or "filename*" in disposition.lower():
            continue
        name = match.group(1).strip()
        if len(name) > 1 and name[0] == name[-1] == '"':
            name = name[1:-1]
            if name[:2] != "\\\\":
                name = name.replace("\\\\", "\\").replace('\\"', '"')
        upload.filename = name


# -- routing ------------------------------------------------------------


class _Quoted:
    """A converter's ``to_url`` as Werkzeug 2.1.2's: escape all but
    :data:`ALWAYS_SAFE`, ``/`` and ``:`` (today's also keeps ``&=@``)."""

    def to_url(self, value):
        return quote(value if isinstance(value, (bytes, bytearray)) else str(value))


class UnicodeConverter(_Quoted, _UnicodeConverter):
    pass


class PathConverter(_Quoted, _PathConverter):
    pass


class AnyConverter(_Quoted, _AnyConverter):
    """``any(...)`` builds a URL from any value, as in Werkzeug 2.1.2
    (today's raises ``ValueError`` for a value not in the list)."""


class Rule(_Rule):
    """A URL rule whose extra ``url_for`` values become a query string
    encoded as Werkzeug 2.1.2 encoded it (``/``, ``:``, ``@`` and ``?``
    escaped; today's leaves them)."""

    def _encode_query_vars(self, query_vars):
        items = [(k, v) for k, v in iter_multi_items(query_vars) if v is not None]
        if self.map.sort_parameters:
            items = sorted(items, key=self.map.sort_key)
        return "&".join(f"{_quote_plus(str(k))}={_quote_plus(str(v))}" for k, v in items)


class MapAdapter(_MapAdapter):
    """Werkzeug's adapter, matching as Werkzeug 2.1.2's did where the
    router of today's Werkzeug (a state machine, where Werkzeug 2.1.2 tried
    the rules' regular expressions in turn) answers otherwise:

    * the path of a redirect routing makes (a missing trailing slash,
      doubled slashes) is escaped as Werkzeug 2.1.2 escaped it:
      ``/echo/%26``, not ``/echo/&``;
    * a path that lacks only the trailing slash of a rule, with a method
      the rule does not allow, is a 405 (today's: 404);
    * doubled slashes are merged by a redirect whatever the method (today's
      answers 405 to a method the rule does not allow);
    * a converter that raises ``NotFound`` for the path makes it a 404
      whatever the method (Werkzeug 2.1.2 ran a rule's converters before
      it asked whether the rule allows the method; today's asks first,
      and answers 405).
    """

    def match(
        self, path_info=None, method=None, return_rule=False, query_args=None, websocket=None
    ):
        try:
            try:
                return _MapAdapter.match(
                    self, path_info, method, return_rule, query_args, websocket
                )
            except (NotFound, MethodNotAllowed) as error:
                # the answers that differ are decided outside the path of
                # a request that matches, which pays for none of this
                self._match_as_2_1(error, path_info, method, return_rule, query_args, websocket)
        except RequestRedirect as error:
            raise _RoutingRedirect(_requote_path(error.new_url), error.code) from None

    def _match_as_2_1(self, error, path_info, method, return_rule, query_args, websocket):
        """Raise what Werkzeug 2.1.2 raised where today's matching raised
        *error*: a 405 for a path that lacks only the trailing slash of a
        rule that does not allow the method, the redirect that merges
        doubled slashes whatever the method, and the 404 of a converter
        whatever the method; else *error* itself."""

        def match(path, method):
            return _MapAdapter.match(self, path, method, return_rule, query_args, websocket)

        path = self.path_info if path_info is None else path_info
        if isinstance(error, NotFound):
            if not path.endswith("/"):
                try:
                    match(path + "/", method)
                except MethodNotAllowed:
                    raise
                except HTTPException:
                    pass
        else:
            for allowed in sorted(error.valid_methods or ()):
                try:
                    match(path, allowed)
                except RequestRedirect:
                    if "//" in path:
                        raise
                except NotFound:
                    raise  # a converter's: the path matched a rule
                except HTTPException:
                    pass
        raise error


class _RoutingRedirect(RequestRedirect):
    """A redirect routing makes, answered by :func:`redirect` (the page
    links to the target as a URI and shows it as given)."""

    def __init__(self, new_url, code):
        super().__init__(new_url)
        self.code = code

    def get_response(self, environ=None, scope=None):
        return redirect(self.new_url, self.code)


def _requote_path(url):
    from urllib.parse import unquote_to_bytes

    scheme, netloc, path, query, fragment = _split(url)
    path = quote(unquote_to_bytes(path), safe="/:|+")
    url = f"{scheme}://{netloc}{path}"
    return url + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")


class Map(_Map):
    """Werkzeug's URL map with Werkzeug 2.1.2's quoting (see the module)."""

    default_converters = dict(
        _Map.default_converters,
        default=UnicodeConverter,
        string=UnicodeConverter,
        path=PathConverter,
        any=AnyConverter,
    )

    def bind(self, *args, **kwargs):
        adapter = super().bind(*args, **kwargs)
        adapter.__class__ = MapAdapter
        return adapter

    def bind_to_environ(self, environ, server_name=None, subdomain=None):
        # Werkzeug's calls Map.bind itself, not self.bind
        adapter = _Map.bind_to_environ(self, environ, server_name, subdomain)
        adapter.__class__ = MapAdapter
        return adapter


# -- requests and responses -------------------------------------------


class RequestMixin:
    """What a request takes from Werkzeug 2.1.2: its URLs
    (:func:`current_url`) and its reading of ``Authorization``."""

    @cached_property
    def url(self):
        """The full URL: ``http://localhost/caf\u00e9/a%26b?q=1``."""
        return current_url(self.scheme, self.host, self.root_path, self.path, self.query_string)

    @cached_property
    def base_url(self):
        """:attr:`url` without the query string."""
        return current_url(self.scheme, self.host, self.root_path, self.path)

    @cached_property
    def root_url(self):
        """The URL the application is mounted at, with a trailing slash."""
        return current_url(self.scheme, self.host, self.root_path)

    @property
    def url_root(self):
        """Alias of :attr:`root_url`."""
        return self.root_url

    @cached_property
    def host_url(self):
        """The scheme and host, with a trailing slash."""
        return current_url(self.scheme, self.host)

    @cached_property
    def accept_mimetypes(self):
        """The ``Accept`` header, read by :func:`parse_accept`."""
        return parse_accept(self.headers.get("Accept"), MIMEAccept)

    @cached_property
    def accept_charsets(self):
        return parse_accept(self.headers.get("Accept-Charset"), CharsetAccept)

    @cached_property
    def accept_encodings(self):
        return parse_accept(self.headers.get("Accept-Encoding"), Accept)

    @cached_property
    def accept_languages(self):
        return parse_accept(self.headers.get("Accept-Language"), LanguageAccept)

    @cached_property
    def if_match(self):
        """The ``If-Match`` header, read by :func:`parse_etags`."""
        return parse_etags(self.headers.get("If-Match"))

    @cached_property
    def if_none_match(self):
        """The ``If-None-Match`` header, read by :func:`parse_etags`."""
        return parse_etags(self.headers.get("If-None-Match"))

    @cached_property
    def cookies(self):
        """The request's cookies, read by :func:`parse_cookie` (a request
        without a ``Cookie`` header is answered at a glance)."""
        if "HTTP_COOKIE" not in self.environ:
            return _NO_COOKIES
        return parse_cookie(self.environ["HTTP_COOKIE"])

    @cached_property
    def authorization(self):
        """The ``Authorization`` header as Werkzeug 2.1.2 read it: Basic
        credentials with a ``:`` in UTF-8, or Digest with ``username``,
        ``realm``, ``nonce``, ``uri`` and ``response`` (and ``nc`` and
        ``cnonce`` with ``qop``); anything else is ``None``."""
        kind, _, rest = self.headers.get("Authorization", "").strip().partition(" ")
        kind, rest = kind.lower(), rest.strip()
        if not rest:
            return None
        if kind == "basic":
            try:
                username, password = base64.b64decode(rest).split(b":", 1)
                return Authorization(
                    "basic",
                    {"username": username.decode("utf-8"), "password": password.decode("utf-8")},
                )
            except (ValueError, TypeError):  # binascii.Error and UnicodeError are ValueErrors
                return None
        if kind == "digest":
            params = parse_dict_header(rest)
            required = ["username", "realm", "nonce", "uri", "response"]
            if "qop" in params:
                required += ["nc", "cnonce"]
            if all(
                params.get(key) if key in ("nc", "cnonce") else key in params for key in required
            ):
                return Authorization("digest", params)
        return None


class ResponseMixin:
    """What a response takes from Werkzeug 2.1.2: its ``Location`` header
    sent as :func:`iri_to_uri` makes it (today's Werkzeug escapes it its
    own way, and fails on a port that is not a number), and its status
    line kept as given."""

    def get_wsgi_headers(self, environ):
        # a search, not headers.get: a missing name raises and catches an
        # exception inside Headers, dearer than the rest of this method
        for name, value in self.headers:
            if name.lower() == "location":
                location = value
                break
        else:
            return super().get_wsgi_headers(environ)
        # Werkzeug's own conversion sees a placeholder it leaves alone.
        own = self.headers
        self.headers = Headers([(k, "/" if k.lower() == "location" else v) for k, v in own])
        try:
            headers = super().get_wsgi_headers(environ)
        finally:
            self.headers = own
        headers["Location"] = iri_to_uri(location)
        return headers

    def set_cookie(
        self,
        key,
        value="",
        max_age=None,
        expires=None,
        path="/",
        domain=None,
        secure=False,
        httponly=False,
        samesite=None,
        partitioned=False,
    ):
        """Add a ``Set-Cookie`` header written by :func:`dump_cookie`
        (*partitioned*, which Werkzeug 2.1.2 did not have, is Werkzeug's)."""
        if partitioned:
            return super().set_cookie(
                key, value, max_age, expires, path, domain, secure, httponly, samesite, True
            )
        header = dump_cookie(
            key,
            value,
            max_age,
            expires,
            path,
            domain,
            secure,
            httponly,
            samesite,
            max_size=self.max_cookie_size,
        )
        self.headers.add("Set-Cookie", header)

    @classmethod
    def force_type(cls, response, environ=None):
        """Werkzeug's, with the page of an HTTP exception (404, 405, ...)
        written as Werkzeug 2.1.2 wrote it: an apostrophe is ``&#x27;`` and a
        double quote ``&quot;`` (today's: ``&#39;``, ``&#34;``)."""
        if isinstance(response, HTTPException) and response.response is None:
            response = response.get_response(environ)
            page = response.get_data()
            response.set_data(page.replace(b"&#39;", b"&#x27;").replace(b"&#34;", b"&quot;"))
        return super().force_type(response, environ)

    def _clean_status(self, value):
        """``(status line, code)`` of *value* as Werkzeug 2.1.2 made them: a
        code and text are kept as given (spaces too), a text without a
        code gets ``0``, a code alone gets its reason."""
        if isinstance(value, str):
            words = value.split(None, 1)
            if not words:
                raise ValueError("Empty status argument")
            if not words[0].isdigit():
                return f"0 {value}", 0
            if len(words) > 1:
                return value, int(words[0])
            value = words[0]
        code = int(value)
        return status_line(code), code
