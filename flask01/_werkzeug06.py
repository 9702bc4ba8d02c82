"""
flask01._werkzeug06
~~~~~~~~~~~~~~~~~~~

Werkzeug 0.6, as far as Flask 0.1 relied on it and today's Werkzeug no
longer provides it.

Flask 0.1 was a thin layer over Werkzeug 0.6: the request and response
classes, the URL map, the static files middleware and the signed cookie
behind the session all came from there.  Most of that still exists in
Werkzeug 3 and is imported from it directly.  What changed or vanished
is rebuilt in this module, under the names 0.1 imported, so that
:mod:`flask01` imports it at the place where ``flask.py`` imported from
Werkzeug and otherwise reads like the original:

* ``Request``: URLs as URIs, and 0.6's query decoding (shared
  with :mod:`flask01.modern`, see :mod:`flask01._shared`);
* :class:`Response`: absolute ``Location`` headers;
* :class:`Map`: no merging of doubled slashes, ``301`` for a missing
  trailing slash, and 0.6's escaping when building URLs;
* :class:`SharedDataMiddleware`: ``text/plain`` for files of unknown type;
* :class:`LocalProxy`: attributes read and written in one step (faster);
* ``redirect``: control characters in the target percent-encoded, as
  0.6 encoded the whole target (shared with :mod:`flask01.modern`, see
  :func:`flask01._shared.redirect`);
* :class:`SecureCookie`: the signed cookie behind the session, removed in
  Werkzeug 1.0 (signed JSON here, never pickle);
* :func:`create_environ` and :class:`Client`: requests made up for tests
  with the path's bytes as the URL names them.

Each class also says what it does differently from 0.6 and why; the
deviation register in the documentation gives each difference a row and
a test.
"""

import binascii
import itertools
import re
import string
import time
from datetime import datetime, timedelta
from http.cookies import CookieError
from urllib.parse import (
    quote,
    quote_plus,
    unquote_to_bytes,
    urljoin,
    urlsplit,
    urlunsplit,
)

import werkzeug.test
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import (
    Authorization,
    CharsetAccept,
    FileStorage,
    Headers,
    ImmutableMultiDict,
    LanguageAccept,
    MIMEAccept,
    iter_multi_items,
)
from werkzeug.exceptions import (
    HTTPException,
    MethodNotAllowed,
    NotFound,
    RequestEntityTooLarge,
    default_exceptions,
)
from werkzeug.exceptions import abort as _werkzeug_abort
from werkzeug.http import parse_dict_header, remove_entity_headers
from werkzeug.local import LocalProxy as _LocalProxy
from werkzeug.middleware.shared_data import SharedDataMiddleware as _SharedDataMiddleware
from werkzeug.routing import Map as _Map
from werkzeug.routing import MapAdapter as _MapAdapter
from werkzeug.routing import PathConverter, RequestRedirect, Rule, UnicodeConverter
from werkzeug.sansio.utils import host_is_trusted
from werkzeug.urls import iri_to_uri
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import ClosingIterator

from . import _shared
from ._shared import memoized

__all__ = [
    "Client",
    "LocalProxy",
    "abort",
    "Map",
    "Request",
    "Response",
    "SecureCookie",
    "SharedDataMiddleware",
    "create_environ",
    "redirect",
]


def _quote_as_06(value, safe="/:"):
    """A URL part quoted as Werkzeug 0.6 quoted it: everything but letters,
    digits, ``_.-`` and *safe* is escaped, so ``&`` becomes ``%26`` and
    ``~`` becomes ``%7E`` (Python 2's ``urllib.quote`` escaped it).  0.6
    built URLs with ``/:`` safe, and quoted a request's own path and
    script name with ``/`` alone."""
    return quote(value, safe=safe).replace("~", "%7E")


#: the C0 controls and the space, hidden from urlsplit in characters of a
#: private use plane, and shown again
_HIDE_CONTROLS = {code: 0xF0000 + code for code in range(0x21)}
_SHOW_CONTROLS = {0xF0000 + code: code for code in range(0x21)}


def _iri_to_uri_06(iri):
    """*iri* as a URI, as Werkzeug 0.6 converted one: the path and query
    percent-encoded as UTF-8 (a ``%`` too: ``%`` becomes ``%25``), the
    host in IDNA, the fragment as it is.  Today's ``iri_to_uri`` leaves
    an escape alone and fails on a port that is not a number."""
    # Python 3's urlsplit drops tabs and line breaks and strips leading
    # controls and spaces; Python 2's kept them, to be quoted below
    parts = urlsplit(iri.translate(_HIDE_CONTROLS))
    scheme, netloc, path, query, fragment = (part.translate(_SHOW_CONTROLS) for part in parts)
    auth, at, host = netloc.partition("@")
    if not at:
        auth, host = None, netloc
    host, colon, port = host.partition(":")
    host = host.encode("idna").decode("ascii")
    if auth is not None:
        name, colon_in_auth, password = auth.partition(":")
        auth = _quote_as_06(name.encode("utf-8"), safe="")
        if password:
            auth += ":" + _quote_as_06(password.encode("utf-8"), safe="")
        host = auth + "@" + host
    if port:
        host += ":" + port
    path = quote(path.encode("utf-8"), safe="/:~+")
    query = _quote_as_06(query.encode("utf-8"), safe="=%&[]:;$()+,!?*/")
    return urlunsplit((scheme, host, path, query, fragment))


def _urljoin_06(base, url):
    """*url* resolved against *base* as Python 2's ``urljoin`` (which 0.6
    used) resolved it: an absolute path is kept as written, and a
    relative one drops a ``..`` only together with the segment before it,
    so ``../up`` against the root stays ``/../up``.  Python 3 removes
    every dot segment (RFC 3986).  Everything else is Python 3's."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return urljoin(base, url)
    root = urlsplit(base)
    if parts.path.startswith("/"):
        return urlunsplit((root.scheme, root.netloc, parts.path, parts.query, parts.fragment))
    segments = root.path.split("/")[:-1] + parts.path.split("/")
    if segments[-1] == ".":
        segments[-1] = ""
    segments = [segment for segment in segments if segment != "."]
    climbed = True
    while climbed:
        climbed = False
        for index in range(1, len(segments) - 1):
            if segments[index] == ".." and segments[index - 1] not in ("", ".."):
                del segments[index - 1 : index + 1]
                climbed = True
                break
    if segments == ["", ".."]:
        segments[-1] = ""
    elif len(segments) >= 2 and segments[-1] == "..":
        segments[-2:] = [""]
    path = "/".join(segments)
    return urlunsplit((root.scheme, root.netloc, path, parts.query, parts.fragment))


def _wsgi_bytes(environ, key):
    """An environ string as the bytes the client sent (WSGI carries them
    as Latin-1 text)."""
    return environ.get(key, "").encode("latin-1")


def _host_06(environ):
    """The host as 0.6 named it: the ``Host`` header as the client sent
    it (``localhost:80`` keeps its port), else ``SERVER_NAME`` with a
    port that is not the scheme's own.  Two things of today's Werkzeug
    stay, as the register's ``D-host-header`` says: ``X-Forwarded-Host``
    is not believed, and a host of characters no host has is ``""``."""
    host = environ.get("HTTP_HOST")
    if host is None:
        host = environ.get("SERVER_NAME", "")
        port, scheme = environ.get("SERVER_PORT"), environ.get("wsgi.url_scheme")
        if port and (scheme, port) not in (("http", "80"), ("https", "443")):
            host += ":" + port
    return host if host_is_trusted(host) else ""


def _root_url(environ):
    """The URL of the application's root as 0.6 built it: the script
    name quoted as Python 2's ``urllib.quote`` quoted (only ``/`` kept)."""
    script = _quote_as_06(_wsgi_bytes(environ, "SCRIPT_NAME").rstrip(b"/"), safe="/")
    return f"{environ['wsgi.url_scheme']}://{_host_06(environ)}{script}/"


def _path_06(environ):
    """The request's path as Werkzeug 0.6 decoded it: bytes that are not
    UTF-8 dropped."""
    # slashes stripped before decoding, as 0.6 did: ``/%e2%98/`` keeps the
    # slash after the dropped bytes (``//``)
    path = _wsgi_bytes(environ, "PATH_INFO").lstrip(b"/").decode("utf-8", "ignore")
    return "/" + path


#: an escape 0.6 decoded: two hex digits of one case (``%fb`` and
#: ``%FB``, not ``%Fb``, which stays as it is)
_ESCAPE_06 = re.compile(rb"%([0-9a-f]{2}|[0-9A-F]{2})")


def _unquote_plus_06(data):
    """*data* (bytes) with ``+`` as a space and escapes decoded as 0.6
    decoded them (``_ESCAPE_06``)."""
    return _ESCAPE_06.sub(lambda match: bytes([int(match.group(1), 16)]), data.replace(b"+", b" "))


def _decode_pairs_06(encoded):
    """The pairs of a query string or an urlencoded body (bytes) as
    Werkzeug 0.6 decoded them: split at ``&`` only, escapes decoded by
    ``_unquote_plus_06``, a value's bytes that are not UTF-8 dropped,
    a key left undecoded.  A Python 3 key must be text, so a key's bad
    byte becomes U+FFFD: it names no key an application spells, as the
    raw key named none in 0.6 (``?v%FF=1`` has no ``v``)."""
    pairs = []
    for pair in encoded.split(b"&"):
        if pair:
            key, _, value = pair.partition(b"=")
            key = _unquote_plus_06(key).decode("utf-8", "replace")
            pairs.append((key, _unquote_plus_06(value).decode("utf-8", "ignore")))
    return pairs


#: a multipart boundary 0.6 accepted
_BOUNDARY_06 = re.compile(r"^[ -~]{0,200}[!-~]$")


def _lines_06(stream, size=10 * 1024):
    """The lines of *stream* (each with its line break) as 0.6 cut them:
    from chunks of *size* bytes, a line that a chunk's end cuts is joined
    to the next chunk's first line only when nothing else is waiting."""
    waiting = []
    while True:
        if len(waiting) > 1:
            yield waiting.pop()
            continue
        chunks = stream.read(size).splitlines(True)
        chunks.reverse()
        first = waiting[0] if waiting else b""
        if chunks:
            first += chunks.pop()
        if not first:
            return
        waiting = chunks
        yield first


def _part_headers_06(lines):
    """The headers of one part, up to the empty line that ends them."""
    headers = []
    # the loop never runs out: *lines* ends with b"", which raises below
    for line in lines:  # pragma: no branch
        if line.endswith(b"\r\n"):
            line = line[:-2]
        elif line[-1:] in (b"\r", b"\n"):
            line = line[:-1]
        else:
            raise ValueError("unexpected end of line in multipart header")
        if not line:
            break
        text = line.decode("latin-1")
        if text[0] in " \t" and headers:
            name, value = headers[-1]
            headers[-1] = (name, value + " " + text[1:])
        elif ":" in text:
            name, _, value = text.partition(":")
            headers.append((name.strip(), value.strip()))
    return Headers(headers)


def _parse_multipart_06(stream, boundary, content_length, stream_factory, memory, parts):
    """The ``(name, value)`` fields and ``(name, FileStorage)`` files of a
    multipart body, read as Werkzeug 0.6 read them.

    Blank lines may come before the first boundary but nothing else (a
    preamble is a malformed body: nothing is parsed); a part's name and
    file name are read by 0.6's rules (``_parse_options_06``: a
    part without a name has the name ``None``, a file name is cut at a
    ``;``, ``C:\\dir\\a.txt`` is ``a.txt``, an empty one is ``None``); a
    field's bytes that are not UTF-8 are dropped; a file sent without a
    type is ``text/plain``.  A malformed body raises ``ValueError``, which
    the form parser answers with an empty form, as 0.6 did.  Werkzeug's
    limits on the memory a field takes and on the number of parts hold.
    """
    if not boundary or not _BOUNDARY_06.match(boundary):
        raise ValueError("no valid multipart boundary")
    next_part = b"--" + boundary.encode("latin-1")
    last_part = next_part + b"--"
    lines = itertools.chain(_lines_06(stream), [b""])
    terminator = b""
    # the loop never runs out: *lines* ends with b"", which breaks it
    for line in lines:  # pragma: no branch
        if not line or line.strip():
            terminator = line.strip()
            break
    if terminator != next_part:
        raise ValueError("expected a boundary at the start of the body")
    form, files, in_memory, opened = [], [], 0, []
    try:
        while terminator != last_part:
            if parts is not None and len(form) + len(files) >= parts:
                raise RequestEntityTooLarge()
            headers = _part_headers_06(lines)
            disposition = headers.get("Content-Disposition")
            if disposition is None:
                raise ValueError("a part without a Content-Disposition header")
            options = _parse_options_06(disposition)[1]
            name = options.get("name")
            if name is not None:
                name = name.encode("latin-1").decode("utf-8", "replace")
            filename = options.get("filename")
            encoding = headers.get("Content-Transfer-Encoding")
            if filename is None:
                container, is_file = [], False
                write = container.append
            else:
                filename = filename.encode("latin-1").decode("utf-8", "ignore")
                if filename[1:3] == ":\\" or filename[:2] == "\\\\":
                    filename = filename.split("\\")[-1]
                content_type = _parse_options_06(headers.get("Content-Type"))[0] or "text/plain"
                try:
                    length = int(headers["Content-Length"])
                except (KeyError, ValueError):
                    length = 0
                container = stream_factory(
                    total_content_length=content_length,
                    content_type=content_type,
                    filename=filename,
                    content_length=length,
                )
                opened.append(container)
                write, is_file = container.write, True
            pending = b""
            # the loop never runs out: *lines* ends with b"", which raises
            for line in lines:  # pragma: no branch
                if not line:
                    raise ValueError("unexpected end of stream")
                if line[:2] == b"--" and line.rstrip() in (next_part, last_part):
                    terminator = line.rstrip()
                    break
                if encoding == "base64":
                    line = binascii.a2b_base64(line)
                elif encoding == "quoted-printable":
                    line = binascii.a2b_qp(line)
                if pending:
                    write(pending)
                cut = -2 if line[-2:] == b"\r\n" else -1
                pending = line[cut:]
                write(line[:cut])
                if not is_file and memory is not None:
                    in_memory += len(line)
                    if in_memory > memory:
                        raise RequestEntityTooLarge()
            if not is_file:
                form.append((name, b"".join(container).decode("utf-8", "ignore")))
            else:
                container.seek(0)
                files.append((name, FileStorage(container, filename or None, name, content_type,
                                                length, headers)))  # fmt: skip
    except BaseException:
        # a body refused halfway (too many parts, a malformed part) leaves
        # no file it had opened behind
        for container in opened:
            container.close()
        raise
    return form, files


class _FormDataParser06(_shared.FormDataParser):
    """The shared form parser, decoding an urlencoded body as 0.6 did
    (``_decode_pairs_06``), and giving an uploaded file sent without
    a ``Content-Type`` the type ``text/plain``, as 0.6 did (today's
    Werkzeug gives ``None``)."""

    def _parse_urlencoded(self, stream, mimetype, content_length, options):
        return stream, self.cls(_decode_pairs_06(stream.read())), self.cls()

    def _parse_multipart(self, stream, mimetype, content_length, options):
        try:
            form, files = _parse_multipart_06(
                stream,
                options.get("boundary") or "",
                content_length,
                self.stream_factory,
                self.max_form_memory_size,
                self.max_form_parts,
            )
        finally:
            # 0.6 read the body to its end whatever happened
            while stream.read(65536):
                pass
        return stream, self.cls(form), self.cls(files)


#: one ``;``-separated piece of a Content-Type header as 0.6 read it: a
#: name, and a value that runs to the next ``;`` unless it is quoted
_QUOTED = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_OPTION_PIECE = re.compile(r";\s*([^\s;=]+|%s)\s*(?:=\s*([^;]+|%s))?\s*" % (_QUOTED, _QUOTED))


def _parse_options_06(value):
    """A Content-Type header as 0.6 split it into the type and its
    parameters: a parameter's value is everything up to the next ``;``
    (``boundary=a=b?`` is ``a=b?``), the type keeps its case."""
    if not value:
        return "", {}
    pieces = [
        (_unquote_06(name), None if option is None else _unquote_06(option))
        for name, option in _OPTION_PIECE.findall(";" + value)
    ]
    return pieces[0][0], dict(pieces[1:])


#: what Python 2's cookie reader (``Cookie.BaseCookie.load``, which 0.6
#: used) took for one ``key=value``: a key of "legal" characters, then
#: optionally a value, quoted, a date, or a word; then a space or ``;``
_COOKIE_ITEM = re.compile(
    r"""\s*(?P<key>[\w!#%&'~`><@,:/$*+.^|)(?}{=-]+?)"""
    r"""(\s*=\s*(?P<val>"(?:[^\\"]|\\.)*"|\w{3},\s[\s\w-]{9,11}\s[\d:]{8}\sGMT"""
    r"""|[\w!#%&'~`><@,:/$*+.^|)(?}{=\[\]-]*))?\s*(\s+|;|$)""",
    re.ASCII,
)

#: the characters Python 2's cookie module allowed in a cookie's name
_COOKIE_KEY = frozenset(string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~")

#: the attribute names of a Set-Cookie header (Python 2's ``Morsel``),
#: which may not name a cookie, by how they are written
_COOKIE_ATTRIBUTES = {
    "comment": "Comment",
    "domain": "Domain",
    "expires": "expires",
    "httponly": "httponly",
    "max-age": "Max-Age",
    "path": "Path",
    "secure": "secure",
    "version": "Version",
}

#: what 0.6 sent unquoted in a header value (HTTP's token characters)
_TOKEN = _COOKIE_KEY


def _unquote_06(value):
    """A quoted header value unquoted as 0.6 did it (browsers' way)."""
    if value and value[0] == value[-1] == '"':
        value = value[1:-1].replace("\\\\", "\\").replace('\\"', '"')
    return value


def parse_cookie_06(header):
    """The cookies of a ``Cookie`` header, read as Werkzeug 0.6 read them
    with Python 2's cookie module: a name outside its legal characters is
    skipped, ``$Version`` and attribute names set attributes of the cookie
    before them, reading stops at the first item that does not parse, and
    a value's bytes that are not UTF-8 are dropped.  Today's Werkzeug
    reads the header by RFC 6265 and keeps other pairs."""
    values, last, position = {}, None, 0
    while 0 <= position < len(header):
        match = _COOKIE_ITEM.match(header, position)
        if not match:
            break
        key, value = match.group("key"), match.group("val")
        position = match.end(0)
        if key[0] == "$":
            if last is not None and key[1:].lower() not in _COOKIE_ATTRIBUTES:
                raise CookieError("Invalid Attribute %s" % key[1:])
        elif key.lower() in _COOKIE_ATTRIBUTES:
            continue
        elif value is not None:
            last = key
            if set(key) <= _COOKIE_KEY:
                values[key] = value
    return ImmutableMultiDict(
        (key, _unquote_06(value).encode("latin-1").decode("utf-8", "ignore"))
        for key, value in values.items()
    )


#: one item of an Accept header as 0.6 read it: a value, and the
#: quality of a ``q=`` parameter if it is a number (else 1)
_ACCEPT_ITEM = re.compile(r"([^\s;,]+)(?:[^,]*?;\s*q=(\d*(?:\.\d+)?))?")


def _parse_accept_06(value, cls):
    """An Accept header as 0.6 parsed it, in a Werkzeug *cls*: a quality
    that is not a number counts as 1, and the values are ordered by
    quality and then by value, both descending (today's Werkzeug skips an
    item whose quality is not a number and orders by specificity)."""
    if not value:
        return cls(None)
    pairs = []
    for match in _ACCEPT_ITEM.finditer(value):
        quality = match.group(2)
        pairs.append((match.group(1), max(min(float(quality), 1), 0) if quality else 1))
    accept = cls(pairs)
    list.__init__(accept, sorted(pairs, key=lambda pair: (pair[1], pair[0]), reverse=True))
    return accept


class Request(_shared.Request):
    """The request both versions share (see :mod:`flask01._shared`), as
    Werkzeug 0.6 gave it in more ways.

    * Bytes that are not UTF-8, in the query string, an urlencoded form or
      the path, are dropped (0.6 decoded with ``errors='ignore'``; Werkzeug
      2.1, and so :mod:`flask01.modern`, put U+FFFD in their place).  0.6
      left the keys undecoded: here a key's bad byte is U+FFFD.
    * ``url`` and its relatives are built as 0.6 built them: the path
      percent-encoded (``/caf%C3%A9``, a colon ``%3A``), the query string
      exactly as the client sent it.  Werkzeug 2.3 and later give IRIs
      (``/café``).
    * A form is parsed only for ``POST`` and ``PUT``, and only for the
      content types spelled in lower case; for other requests the body
      stays in ``data``.  ``mimetype`` keeps the case the client used.
    * ``cookies`` are read as Python 2's cookie module read them
      (``parse_cookie_06``).
    * ``authorization`` is ``None`` unless the header is Basic or Digest
      with every field Digest needs; a Basic one's name and password are
      its bytes (Latin-1), as 0.6 gave them.
    * ``is_xhr`` says whether the client sent ``X-Requested-With:
      XMLHttpRequest`` (Werkzeug 1.0 removed it).
    """

    url_decode_errors = "ignore"
    form_data_parser_class = _FormDataParser06

    @property
    def want_form_data_parsed(self):
        return self.method in ("POST", "PUT") and bool(self.environ.get("CONTENT_TYPE"))

    def __init__(self, environ, populate_request=True, shallow=False):
        # Werkzeug's own parameters, named: every request is made here, and
        # passing ``*args, **kwargs`` through cost a tenth of a microsecond
        super().__init__(environ, populate_request, shallow)
        #: the method as the environ names it (0.6 did not upper-case it)
        self.method = environ.get("REQUEST_METHOD", "GET")
        # Werkzeug put U+FFFD where a byte was not UTF-8; only then is
        # there anything to decode again.
        if "\ufffd" in self.path:
            #: the path, bytes that are not UTF-8 dropped
            self.path = _path_06(environ)

    @cached_property
    def args(self):
        """The query string's parameters, decoded as 0.6 decoded them
        (``_decode_pairs_06``)."""
        return self.parameter_storage_class(_decode_pairs_06(self.query_string))

    @cached_property
    def cookies(self):
        """The cookies, read as 0.6 read them (``parse_cookie_06``)."""
        header = self.environ.get("HTTP_COOKIE")
        if not header:
            return _shared._NO_COOKIES
        return parse_cookie_06(header)

    @cached_property
    def _content_type_06(self):
        return _parse_options_06(self.environ.get("CONTENT_TYPE", ""))

    @property
    def mimetype(self):
        """The content type without its parameters, as 0.6 read it: in
        the case the client wrote it (today's Werkzeug lower-cases it)."""
        return self._content_type_06[0]

    @property
    def mimetype_params(self):
        """The content type's parameters, as 0.6 read them
        (``_parse_options_06``)."""
        return self._content_type_06[1]

    @cached_property
    def accept_mimetypes(self):
        """The Accept header, as 0.6 parsed it (``_parse_accept_06``)."""
        return _parse_accept_06(self.environ.get("HTTP_ACCEPT"), MIMEAccept)

    @cached_property
    def accept_charsets(self):
        """The Accept-Charset header, as 0.6 parsed it."""
        return _parse_accept_06(self.environ.get("HTTP_ACCEPT_CHARSET"), CharsetAccept)

    @cached_property
    def accept_languages(self):
        """The Accept-Language header, as 0.6 parsed it."""
        return _parse_accept_06(self.environ.get("HTTP_ACCEPT_LANGUAGE"), LanguageAccept)

    @cached_property
    def if_none_match(self):
        """The If-None-Match header, as 0.6 parsed it
        (``flask01._shared.parse_etags``)."""
        return _shared.parse_etags(self.environ.get("HTTP_IF_NONE_MATCH"))

    @cached_property
    def authorization(self):
        """The ``Authorization`` header if it is Basic or Digest, else
        ``None``, as 0.6 parsed it."""
        value = self.environ.get("HTTP_AUTHORIZATION", "")
        try:
            scheme, info = value.split(None, 1)
        except ValueError:
            return None
        scheme = scheme.lower()
        if scheme == "basic":
            try:
                decoded = binascii.a2b_base64(info.encode("latin-1"))
            except (binascii.Error, UnicodeError):
                return None
            username, colon, password = decoded.decode("latin-1").partition(":")
            if not colon:
                return None
            return Authorization("basic", {"username": username, "password": password})
        if scheme == "digest":
            fields = parse_dict_header(info)
            needed = ("username", "realm", "nonce", "uri", "nc", "cnonce", "response")
            if all(key in fields for key in needed):
                return Authorization("digest", fields)
        return None

    def _uri(self, root_only=False, with_query=True):
        """The URL as Werkzeug 0.6's ``get_current_url`` built it."""
        environ = self.environ
        if root_only:
            return _root_url(environ)
        parts = [_root_url(environ)[:-1]]
        path = b"/" + _wsgi_bytes(environ, "PATH_INFO").lstrip(b"/")
        parts.append(_quote_as_06(path, safe="/"))
        query = environ.get("QUERY_STRING")
        if with_query and query:
            # as sent: a WSGI string, one character a byte
            parts.append("?" + query)
        return "".join(parts)

    @cached_property
    def url(self):
        """The full URL, as Werkzeug 0.6 built it."""
        return self._uri()

    @cached_property
    def base_url(self):
        """The URL without the query string, as Werkzeug 0.6 built it."""
        return self._uri(with_query=False)

    @cached_property
    def url_root(self):
        """The URL of the application's root, as Werkzeug 0.6 built it."""
        return self._uri(root_only=True)

    @cached_property
    def host(self):
        """The host, as 0.6 named it (``_host_06``)."""
        return _host_06(self.environ)

    @cached_property
    def host_url(self):
        """The scheme and the host, and a slash."""
        return f"{self.scheme}://{self.host}/"

    @property
    def is_xhr(self):
        """Whether the request says it came from JavaScript's
        ``XMLHttpRequest`` (the ``X-Requested-With`` header)."""
        return self.environ.get("HTTP_X_REQUESTED_WITH", "").lower() == "xmlhttprequest"


def _cookie_date(when):
    """*when* (seconds since the epoch, or a datetime) as 0.6 wrote a
    cookie's ``expires``: ``Thu, 01-Jan-1970 00:00:00 GMT``."""
    moment = when.utctimetuple() if isinstance(when, datetime) else time.gmtime(when)
    day = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[moment.tm_wday]
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[
        moment.tm_mon - 1
    ]
    return "%s, %02d-%s-%d %02d:%02d:%02d GMT" % (
        (day, moment.tm_mday, month, moment.tm_year)
        + (moment.tm_hour, moment.tm_min, moment.tm_sec)
    )


def _native_06(value):
    """``str(value)`` as Python 2 took it: text that is not ASCII fails
    with ``UnicodeEncodeError``."""
    if isinstance(value, str):
        value.encode("ascii")
        return value
    return str(value)


def dump_cookie(key, value="", max_age=None, expires=None, path="/", domain=None, secure=None,
                httponly=False):  # fmt: skip
    """A ``Set-Cookie`` header's value written as Werkzeug 0.6 wrote it
    with Python 2's cookie module: the value quoted when it holds more than
    HTTP's token characters, the attributes in alphabetical order of
    their names with their old spelling (``expires=Thu, 01-Jan-1970
    00:00:00 GMT``, ``Max-Age``, ``Path``, ``secure``), ``HttpOnly`` last.

    A name that is not ASCII raises ``TypeError``, a name with other
    characters than letters, digits and ``!#$%&'*+-.^_`|~``, or one that
    is an attribute's name, raises :class:`~http.cookies.CookieError`, a
    path or domain that is not ASCII ``UnicodeEncodeError``, as in 0.6.
    Today's Werkzeug writes other names and values in its own ways.
    """
    if not key.isascii():
        raise TypeError("invalid key %r" % key)
    if key.lower() in _COOKIE_ATTRIBUTES:
        raise CookieError("Attempt to set a reserved key: %s" % key)
    if not set(key) <= _COOKIE_KEY:
        raise CookieError("Illegal key value: %s" % key)
    if not set(value) <= _TOKEN:
        value = '"%s"' % value.replace("\\", "\\\\").replace('"', '\\"')
    if isinstance(max_age, timedelta):
        max_age = max_age.days * 60 * 60 * 24 + max_age.seconds
    attributes = {}
    if expires is not None:
        attributes["expires"] = expires if isinstance(expires, str) else _cookie_date(expires)
    elif max_age is not None:
        attributes["expires"] = _cookie_date(time.time() + max_age)
    given = (("path", path), ("domain", domain), ("secure", secure), ("max-age", max_age))
    for name, given_value in given:
        if given_value is not None and given_value is not False:
            attributes[name] = _native_06(given_value)
    parts = ["%s=%s" % (key, value)]
    for name in sorted(attributes):
        if attributes[name] == "":
            continue
        if name == "secure":
            parts.append("secure")
        else:
            parts.append("%s=%s" % (_COOKIE_ATTRIBUTES[name], attributes[name]))
    header = "; ".join(parts).rstrip("\t ;")
    if httponly is not None and httponly is not False:
        header += "; HttpOnly"
    return header


def _status_code_06(status):
    """The code a status line given as text stands for, as 0.6 read it:
    its first word as a number, ``0`` when that is not one, ``None`` for
    an empty line (reading the code then fails with ``IndexError``)."""
    words = status.split(None, 1)
    if not words:
        return None
    try:
        return int(words[0])
    except ValueError:
        return 0


def _utf8_06(value):
    """A header value as 0.6 sent text: encoded as UTF-8 (as a WSGI
    string, one character a byte)."""
    return value if value.isascii() else value.encode("utf-8").decode("latin-1")


class Response(_shared.Response):
    """Werkzeug's response as 0.6 sent it.

    * A status given as text is kept as it is (``"a"``, ``" 201 X "``);
      ``status_code`` reads its first word, ``0`` when that is not a
      number.  Today's Werkzeug rewrites it (``"0 a"``) and refuses an
      empty one with ``ValueError`` where 0.6 failed with ``IndexError``.
    * ``Location`` is made absolute against the application's root URL
      (``redirect("")`` and ``redirect("?q=1")`` name the root), not the
      request's URL.
    * A ``304`` keeps a ``Content-Length`` of its body; a ``204`` (or
      ``1xx``) says ``Content-Length: 0``.
    * Header values that are not ASCII are sent as UTF-8.
    * ``set_cookie`` and ``delete_cookie`` write what 0.6 wrote
      (``dump_cookie``), with 0.6's parameters.
    """

    @classmethod
    def force_type(cls, response, environ=None):
        """Make *response* an instance of this class, running it as a
        WSGI application first when it is not a response, as 0.6 did
        (:func:`run_wsgi_app`).

        An HTTP exception is asked for its response directly: that gives
        the same bytes as running it as a WSGI application, at half the
        cost, which the benchmark of a 404 noticed.
        """
        if isinstance(response, HTTPException):
            response = response.get_response(environ)
            if isinstance(response.headers.get("Location"), str):
                # the slash redirect's target is a URI already
                response._uri_location = response.headers["Location"]
        elif not isinstance(response, _WerkzeugResponse):
            if environ is None:
                raise TypeError(
                    "cannot convert WSGI application into response objects without an environ"
                )
            response = _WerkzeugResponse(*run_wsgi_app(response, environ))
        return super().force_type(response, environ)

    @property
    def status(self):
        """The status line, as it was given."""
        return self._status

    @status.setter
    def status(self, value):
        if isinstance(value, int):
            self._status = _shared.status_line(value)
            self._status_code = value
        else:
            self._status = value
            self._status_code = _status_code_06(value)

    @property
    def status_code(self):
        """The status line's first word as a number (``0`` if it is not
        one; ``IndexError`` for an empty status line, as in 0.6)."""
        code = self._status_code
        if code is None:  # the empty status line, kept to fail when read
            return int(self._status.split(None, 1)[0])
        return code

    @status_code.setter
    def status_code(self, code):
        self.status = int(code)

    def get_wsgi_headers(self, environ):
        """The headers to send, made ready as 0.6 made them."""
        headers = Headers(self.headers)
        # one pass over the headers: Headers.get of a missing name raises
        # and catches an exception inside, dearer than this whole method
        location = content_location = content_length = None
        ascii_only = True
        for name, value in headers:
            lowered = name.lower()
            if lowered == "location" and location is None:
                location = value
            elif lowered == "content-location" and content_location is None:
                content_location = value
            elif lowered == "content-length" and content_length is None:
                content_length = value
            ascii_only = ascii_only and value.isascii()
        if location is not None:
            # 0.6 converted a text target to a URI; redirect() and the
            # slash redirect had made theirs one already
            if location != getattr(self, "_uri_location", None):
                location = _iri_to_uri_06(location)
            headers["Location"] = _urljoin_06(_root_url(environ), location)
        if content_location is not None:
            headers["Content-Location"] = iri_to_uri(content_location)
        status = self.status_code
        if 100 <= status < 200 or status == 204:
            headers["Content-Length"] = content_length = "0"
        elif status == 304:
            remove_entity_headers(headers)
            content_length = None
        # 0.6 counted a body it held whole after those two steps, so a 204
        # or a 304 with a body says how long it is
        body = self.response
        if isinstance(body, (list, tuple)):  # is_sequence, without its call
            if len(body) == 1 and isinstance(body[0], bytes):
                length = str(len(body[0]))  # what set_data leaves: nothing to walk
            else:
                length = str(sum(len(chunk) for chunk in self.iter_encoded()))
            if length != content_length:
                headers["Content-Length"] = length
        if ascii_only:
            return headers
        return Headers([(name, _utf8_06(value)) for name, value in headers.items()])

    def set_cookie(self, key, value="", max_age=None, expires=None, path="/", domain=None,
                   secure=None, httponly=False):  # fmt: skip
        """Add a ``Set-Cookie`` header written by ``dump_cookie``."""
        header = dump_cookie(key, value, max_age, expires, path, domain, secure, httponly)
        self.headers.add("Set-Cookie", header)

    def delete_cookie(self, key, path="/", domain=None):
        """Make the client forget the cookie *key*: empty, expired."""
        self.set_cookie(key, expires=0, max_age=0, path=path, domain=domain)


#: the codes Werkzeug 0.6 had an HTTP exception for; abort() of another
#: code was a LookupError (a 500), as a code no Werkzeug knows still is
_ABORT_CODES_06 = (400, 401, 403, 404, 405, 406, 408, 410, 411, 412, 413, 414, 415)
_ABORT_CODES_06 += (500, 501, 502, 503)


def abort(code, *args, **kwargs):
    """Raise the HTTP exception of *code*, as Werkzeug 0.6's ``abort``
    did: only for the codes 0.6 had (no ``409``, ``418``, ``428``, ...);
    a response instead of a code is raised as it is."""
    if not args and not kwargs and not isinstance(code, int):
        _werkzeug_abort(code)
    if code not in _ABORT_CODES_06:
        raise LookupError("no exception for %r" % (code,))
    raise default_exceptions[code](*args, **kwargs)


#: the codes Werkzeug 0.6's redirect accepted
_REDIRECT_CODES_06 = (301, 302, 303, 305, 307)

#: this module's response, for redirect(), whose parameter hides the name
_Response06 = Response


def redirect(location, code=302, Response=None):
    """A response that redirects to *location*, made a URI as 0.6 made it
    (``_iri_to_uri_06``: a line break becomes ``%0D%0A``, never a
    header of its own), for the codes 0.6 accepted: 301,
    302, 303, 305 and 307.  Any other code (``308``, ``"x"``) fails with
    ``AssertionError``, as 0.6's assertion did.  *Response* is the class
    of the response (this module's :class:`Response` by default), as in
    today's Werkzeug."""
    if code not in _REDIRECT_CODES_06:
        raise AssertionError("invalid code")
    uri = _iri_to_uri_06(location)
    response = _shared.redirect(uri, code, Response or _Response06)
    parts = urlsplit(uri)
    if not (parts.fragment or parts.netloc.rpartition("@")[2].partition(":")[2]):
        # 0.6 left a fragment and a port as text, which made the whole
        # target text again: it was converted a second time when sent
        response._uri_location = uri
    return response


def run_wsgi_app(app, environ):
    """Run the WSGI application *app* and return its body, status and
    headers, as Werkzeug 0.6 did for a view that returned an application.

    Its body is passed on as it is: a list stays a list, so the response
    gets a ``Content-Length``.  Only what is needed to learn the status is
    read first: the items an application yields before it calls
    ``start_response``, and what it writes through ``write``, which are
    chained before the rest.  Today's Werkzeug always takes the first item
    out, so every body became an iterator without a ``Content-Length``, and
    its buffered mode drops what was written.
    """
    started, written = [], []

    def start_response(status, headers, exc_info=None):
        if exc_info is not None:
            raise exc_info[1].with_traceback(exc_info[2])
        started[:] = [status, headers]
        return written.append

    body = app(environ, start_response)
    rest = body
    if not started:
        rest = iter(body)
        while not started:
            written.append(next(rest))
    if written:
        close = getattr(body, "close", None)
        rest = itertools.chain(written, rest)
        if close is not None:
            rest = ClosingIterator(rest, close)
    return rest, started[0], Headers(started[1])


#: what today's Werkzeug leaves unescaped in the path of a slash redirect
#: (a URL path segment's characters), where 0.6 escaped all but ``/:``
_PATH_SAFE = "!$&'()*+,/:;=@"


class _MapAdapter06(_MapAdapter):
    """A URL adapter whose slash redirect is ``301 Moved Permanently``.

    Werkzeug 0.6 redirected a URL missing its trailing slash with a 301;
    Werkzeug 0.15 switched to ``308 Permanent Redirect`` so that a POST
    stays a POST.  The exception stays a
    ``RequestRedirect``, as an
    error handler registered for 301 saw it in 0.1; only its code changes.

    ``Map.bind`` and ``Map.bind_to_environ`` make adapters of this class
    by changing the class of the adapter Werkzeug made (building a second
    adapter for every request cost a tenth of flask01's time against raw
    Werkzeug).
    """

    def match(
        self, path_info=None, method=None, return_rule=False, query_args=None, websocket=None
    ):
        """Werkzeug's ``match``, with a slash redirect of code 301 to the
        path escaped as 0.6 escaped it."""
        try:
            return _MapAdapter.match(self, path_info, method, return_rule, query_args, websocket)
        except RequestRedirect as redirect:
            redirect.code = 301
            path = self.path_info if path_info is None else path_info
            todays = self.make_redirect_url(quote(path + "/", safe=_PATH_SAFE), query_args)
            if redirect.new_url == todays:  # the slash redirect
                redirect.new_url = self.make_redirect_url(_quote_as_06(path + "/"), query_args)
            raise
        except (NotFound, MethodNotAllowed):
            redirect = self._slash_redirect_06(path_info, query_args)
            if redirect is None:
                raise
            raise redirect from None

    def build(self, *args, **kwargs):
        """Werkzeug's ``build``, joined to the script name as 0.6 joined
        it (``_urljoin_06``: ``/echo/../x`` is ``/x``).  A script name
        that is not ASCII fails with ``UnicodeDecodeError``, as 0.6 failed
        to join its bytes with the text of the URL."""
        script = self.script_name
        if not script.isascii():
            raw = script.encode("utf-8")
            first = next(index for index, byte in enumerate(raw) if byte > 127)
            raise UnicodeDecodeError("ascii", raw, first, first + 1, "ordinal not in range(128)")
        url = super().build(*args, **kwargs)
        root = script.rstrip("/") + "/"
        # only a dot segment or a script name that starts with "//" (read
        # as a host) joins otherwise than by putting the two together
        if url.startswith(root) and ("." in url or root.startswith("//")):
            url = _urljoin_06(root, url[len(root) :])
        # 0.6 made the URL a byte string: text of a rule that is not
        # ASCII (see _Rule06) fails here
        url.encode("ascii")
        return url

    def _slash_redirect_06(self, path_info, query_args):
        """The slash redirect 0.6 made for any method: when no rule takes
        the request and a rule that ends with a slash takes the path with
        one, for any of its methods (today's Werkzeug redirects only for
        a method that rule allows, else 404 or 405)."""
        path = self.path_info if path_info is None else path_info
        if path.endswith("/"):
            return None
        # a NotFound says no rule takes the path with a slash at all; a
        # MethodNotAllowed names the methods of those that do
        methods = [self.default_method]
        for method in methods:
            try:
                rule, _ = _MapAdapter.match(self, path + "/", method, return_rule=True)
            except MethodNotAllowed as error:
                if method == self.default_method:
                    methods.extend(sorted(error.valid_methods or ()))
                continue
            except (NotFound, RequestRedirect):
                continue
            if rule.rule.endswith("/") and rule.strict_slashes:
                new_path = _quote_as_06(path + "/")
                redirect = RequestRedirect(self.make_redirect_url(new_path, query_args))
                redirect.code = 301
                return redirect
        return None


class _UnicodeConverter06(UnicodeConverter):
    def to_url(self, value):
        return _quote_as_06(str(value))


class _PathConverter06(PathConverter):
    def to_url(self, value):
        return _quote_as_06(str(value))


class _Rule06(Rule):
    """A URL rule that builds as Werkzeug 0.6 built.

    * The query string's keys are quoted as Python 2's ``urllib.quote``
      quoted and its values as its ``quote_plus`` did: ``/``, ``?``,
      ``,`` and ``~`` escaped (today's Werkzeug leaves them).
    * A rule whose text is not ASCII (``/café/<name>``) fails to build
      with ``UnicodeEncodeError`` (unless a ``..`` in a value takes that
      text out of the URL): 0.6 made the URL a byte string with ``str()``.
      Matching it works, as in 0.6.

    :meth:`Map.add` gives a plain rule this class.
    """

    def build(self, values, append_unknown=True):
        built = super().build(values, append_unknown)
        if built is None or self.rule.isascii():
            return built
        # the rule's own text as it is (the adapter fails on it unless a
        # ".." took it out of the URL)
        domain, url = built
        for text in re.split(r"<[^>]*>", self.rule):
            if not text.isascii():
                url = url.replace(quote(text, safe="!$&'()*+,/:;=@"), text)
        return domain, url

    def _encode_query_vars(self, query_vars):
        items = iter_multi_items(query_vars)
        if self.map.sort_parameters:
            items = sorted(items, key=self.map.sort_key)
        return "&".join(
            "%s=%s"
            % (
                _quote_as_06(_native_06(key).encode("ascii"), safe="/"),
                quote_plus(str(value).encode("utf-8"), safe="").replace("~", "%7E"),
            )
            for key, value in items
            if value is not None
        )


class Map(_Map):
    """Werkzeug's URL map, matching and building as 0.6 did.

    Three things changed since: Werkzeug 1.0 began to merge doubled slashes when
    matching (``//hello//world`` matched ``/hello/world`` through a
    redirect, where 0.6 answered 404); the slash redirect became a 308
    (see :class:`_MapAdapter06`); and building leaves more characters
    unescaped (``url_for('static', filename='a&b.css')`` gave
    ``a%26b.css``, today ``a&b.css``).
    """

    default_converters = {
        **_Map.default_converters,
        "default": _UnicodeConverter06,
        "string": _UnicodeConverter06,
        "path": _PathConverter06,
    }

    def __init__(self, rules=None, merge_slashes=False, **options):
        super().__init__(rules, merge_slashes=merge_slashes, **options)

    def add(self, rulefactory):
        """Werkzeug's ``add``; a plain rule builds as 0.6's did
        (``_Rule06``)."""
        if type(rulefactory) is Rule:
            rulefactory.__class__ = _Rule06
        super().add(rulefactory)

    def bind(self, *args, **kwargs):
        adapter = super().bind(*args, **kwargs)
        adapter.__class__ = _MapAdapter06
        return adapter

    def bind_to_environ(self, environ, server_name=None, subdomain=None):
        # Werkzeug's bind_to_environ calls Map.bind by name, not self.bind;
        # and it decodes the path with U+FFFD where 0.6 dropped bad bytes.
        adapter = _Map.bind_to_environ(self, environ, server_name, subdomain)
        adapter.__class__ = _MapAdapter06
        if server_name is None and environ.get("HTTP_HOST") != adapter.server_name:
            # redirects and external URLs name the host as 0.6 did (a Host
            # header Werkzeug took as it was is already what 0.6 named)
            adapter.server_name = _host_06(environ)
        if "\ufffd" in adapter.path_info:
            adapter.path_info = _path_06(environ)
        return adapter


class LocalProxy(_LocalProxy):
    """Werkzeug's proxy to an object of the current context, reading and
    writing the object's attributes in one step, as 0.6's proxy did.

    Today's proxy reaches an attribute through a descriptor that first
    binds a function to the current object; flask01 reads and writes
    attributes of :data:`~flask01.request` in every request
    (:meth:`~flask01.Flask.match_request` sets two), and the direct
    route takes half the time.  Everything else (the operators, the
    error outside a request) is Werkzeug's.
    """

    def __getattr__(self, name):
        return getattr(self._get_current_object(), name)

    def __setattr__(self, name, value):
        setattr(self._get_current_object(), name, value)


class SharedDataMiddleware(_SharedDataMiddleware):
    """Werkzeug's static files middleware, sending files of a type it
    does not know as ``text/plain`` as 0.6 did (today's default is
    ``application/octet-stream``)."""

    def __init__(self, app, exports, **options):
        options.setdefault("fallback_mimetype", "text/plain")
        super().__init__(app, exports, **options)
        # Every request passes through here, and most are not for a file.
        # A path that starts with none of the exported prefixes can go
        # straight to the application without Werkzeug decoding it first:
        # an ASCII prefix starts the decoded path exactly when it starts
        # the raw one.  (A prefix that is not ASCII turns the shortcut off.)
        prefixes = tuple(search_path for search_path, _ in self.exports)
        self._prefixes = prefixes if all(p.isascii() for p in prefixes) else ("",)

    def __call__(self, environ, start_response):
        if not environ.get("PATH_INFO", "").startswith(self._prefixes):
            return self.app(environ, start_response)
        return super().__call__(environ, start_response)


@memoized
def _serializer(secret_key, salt):
    return URLSafeSerializer(secret_key, salt=salt)


class SecureCookie(dict):
    """A dict kept in a cookie that the client can read but cannot change:
    the session of a Flask 0.1 application.

    Werkzeug 0.6's ``SecureCookie`` pickled the dict and signed the
    pickle.  Werkzeug 1.0 removed it, and unpickling data that came from
    a client runs code of the client's choosing whenever the secret key
    leaks, so this one signs JSON with itsdangerous instead.  What stays
    the same is the behaviour an application sees:

    * A missing, forged, foreign or malformed cookie gives an empty
      session, never an error.
    * The cookie is only sent back when the session was changed.  As in
      Werkzeug 0.6, *calling* a changing method counts as a change even
      when nothing changed (``session.pop('missing', None)``, say).
      Changes inside mutable values are not seen: set ``modified``
      yourself after ``session['list'].append(x)``.
    """

    #: the salt keeps session signatures apart from anything else the
    #: application signs with the same secret key
    salt = "flask01.session"

    def __init__(self, data=(), secret_key=None, new=True):
        dict.__init__(self, data)
        self.secret_key = secret_key
        #: true when the session was not loaded from a cookie
        self.new = new
        #: true once a changing method was called
        self.modified = False

    def _mark_modified(method):  # pragma: no mutate block (runs as the class is made)
        def changing_method(self, *args, **kwargs):
            result = method(self, *args, **kwargs)
            self.modified = True
            return result

        changing_method.__name__ = method.__name__
        return changing_method

    __setitem__ = _mark_modified(dict.__setitem__)
    __delitem__ = _mark_modified(dict.__delitem__)
    clear = _mark_modified(dict.clear)
    pop = _mark_modified(dict.pop)
    popitem = _mark_modified(dict.popitem)
    setdefault = _mark_modified(dict.setdefault)
    update = _mark_modified(dict.update)
    del _mark_modified

    @property
    def should_save(self):
        """Whether :meth:`save_cookie` will write the cookie."""
        return self.modified

    @classmethod
    def serializer(cls, secret_key):
        """The itsdangerous serializer that signs and checks the cookie."""
        return _serializer(secret_key, cls.salt)

    @classmethod
    def load_cookie(cls, request, key="session", secret_key=None):
        """Load the session from the request's cookie called *key*."""
        if "HTTP_COOKIE" not in request.environ:  # most first visits: no parsing
            return cls(secret_key=secret_key)
        # ``in`` first: a MultiDict's ``get`` of a missing key raises and
        # catches an HTTP exception inside, dearer than all the rest here.
        cookies = request.cookies
        data = cookies[key] if key in cookies else None  # noqa: SIM401
        if not data:
            return cls(secret_key=secret_key)
        try:
            items = cls.serializer(secret_key).loads(data)
        except BadSignature:
            items = None
        if not isinstance(items, dict):
            return cls(secret_key=secret_key, new=False)
        return cls(items, secret_key=secret_key, new=False)

    def save_cookie(self, response, key="session", path="/", httponly=False):
        """Write the session into a ``Set-Cookie`` header on *response*
        if it was changed.  The defaults are those of Werkzeug 0.6."""
        if not self.should_save:
            return
        try:
            data = self.serializer(self.secret_key).dumps(dict(self))
        except TypeError as error:
            raise TypeError(
                "The session holds a value that cannot be stored in the "
                "session cookie (flask01 signs JSON, so only dicts, lists, "
                "strings, numbers, booleans and None fit): %s" % error
            ) from None
        response.set_cookie(key, data, path=path, httponly=httponly)


class EnvironBuilder(werkzeug.test.EnvironBuilder):
    """Werkzeug's environ builder, putting the path into the environ as the
    bytes the URL names, as Werkzeug 0.6 did.

    Today's builder decodes a percent-encoded path as UTF-8 first, so
    ``/x%FF`` reaches the application as ``/x`` and U+FFFD, which no
    client can send; a real server passes the byte on.
    """

    def __init__(self, path="/", base_url=None, query_string=None, method="GET", *args, **kwargs):
        # 0.6 took the path as it was written, up to a "?" when no query
        # string is given: "h:" is a path, not a URL of scheme "h".
        if query_string is None and "?" in path:
            path, query_string = path.split("?", 1)
        self._path_06 = path
        super().__init__("/", None, query_string, method, *args, **kwargs)
        self.path = path
        if base_url is not None:
            # 0.6 mended the base URL (url_fix: its path quoted, the URL
            # put together again) and took the scheme, host and script
            # root as they came out
            scheme, host, root, query, fragment = urlsplit(base_url)
            root = quote(root.encode("utf-8"), safe="/%").replace("~", "%7E")
            query = quote_plus(query.encode("utf-8"), safe=":&%=").replace("~", "%7E")
            mended = urlunsplit((scheme, host, root, query, fragment))
            scheme, host, root, query, fragment = urlsplit(mended)
            if query or fragment:
                raise ValueError("base url must not contain a query string or fragment")
            self.url_scheme, self.host, self.script_root = scheme, host, root.rstrip("/")
        #: the method as given: 0.6 did not upper-case it
        self.method_06 = method

    def get_environ(self):
        environ = super().get_environ()
        environ["PATH_INFO"] = unquote_to_bytes(self._path_06).decode("latin-1")
        environ["SCRIPT_NAME"] = unquote_to_bytes(self.script_root).decode("latin-1")
        environ["REQUEST_METHOD"] = self.method_06
        return environ


def create_environ(*args, **kwargs):
    """A WSGI environ made up from :class:`EnvironBuilder`'s arguments (path,
    base URL, method, data, headers, ...)."""
    builder = EnvironBuilder(*args, **kwargs)
    try:
        return builder.get_environ()
    finally:
        builder.close()


class Client(werkzeug.test.Client):
    """Werkzeug's test client, building its requests with
    :class:`EnvironBuilder`."""

    def open(self, *args, buffered=False, follow_redirects=False, **kwargs):
        prepared = (werkzeug.test.EnvironBuilder, dict, _WerkzeugRequest)
        if kwargs or len(args) != 1 or not isinstance(args[0], prepared):
            builder = EnvironBuilder(*args, **kwargs)
            try:
                args, kwargs = (builder.get_request(),), {}
            finally:
                builder.close()
        return super().open(*args, buffered=buffered, follow_redirects=follow_redirects)
