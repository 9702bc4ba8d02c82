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

import itertools
from urllib.parse import quote, unquote_to_bytes

import werkzeug.test
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.datastructures import Headers
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.shared_data import SharedDataMiddleware as _SharedDataMiddleware
from werkzeug.routing import Map as _Map
from werkzeug.routing import MapAdapter as _MapAdapter
from werkzeug.routing import PathConverter, RequestRedirect, UnicodeConverter
from werkzeug.utils import cached_property
from werkzeug.wrappers import Request as _WerkzeugRequest
from werkzeug.wrappers import Response as _WerkzeugResponse
from werkzeug.wsgi import ClosingIterator

from . import _shared
from ._shared import memoized, redirect

__all__ = [
    "Client",
    "Map",
    "Request",
    "Response",
    "SecureCookie",
    "SharedDataMiddleware",
    "create_environ",
    "redirect",
]


def _quote_as_06(value):
    """A URL part quoted as Werkzeug 0.6 quoted it: everything but letters,
    digits, ``_.-`` and ``/:`` is escaped, so ``&`` becomes ``%26`` and
    ``~`` becomes ``%7E`` (Python 2's ``urllib.quote`` escaped it)."""
    return quote(value, safe="/:").replace("~", "%7E")


def _wsgi_bytes(environ, key):
    """An environ string as the bytes the client sent (WSGI carries them
    as Latin-1 text)."""
    return environ.get(key, "").encode("latin-1")


def _path_06(environ):
    """The request's path as Werkzeug 0.6 decoded it: bytes that are not
    UTF-8 dropped."""
    path = _wsgi_bytes(environ, "PATH_INFO").decode("utf-8", "ignore")
    return "/" + path.lstrip("/")


class Request(_shared.Request):
    """The request both versions share (see :mod:`flask01._shared`), as
    Werkzeug 0.6 gave it in four more ways.

    * Bytes that are not UTF-8, in the query string, an urlencoded form or
      the path, are dropped (0.6 decoded with ``errors='ignore'``; Werkzeug
      2.1, and so :mod:`flask01.modern`, put U+FFFD in their place).
    * ``url`` and its relatives are URIs built as 0.6 built them: the path
      percent-encoded (``/caf%C3%A9``), the query string exactly as the
      client sent it.  Werkzeug 2.3 and later give IRIs (``/café``).
    * A form is parsed only for ``POST`` and ``PUT``; for other methods the
      body stays in ``data``.
    * ``is_xhr`` says whether the client sent ``X-Requested-With:
      XMLHttpRequest`` (Werkzeug 1.0 removed it).
    """

    url_decode_errors = "ignore"

    @property
    def want_form_data_parsed(self):
        return self.method in ("POST", "PUT") and bool(self.environ.get("CONTENT_TYPE"))

    def __init__(self, environ, *args, **kwargs):
        super().__init__(environ, *args, **kwargs)
        # Werkzeug put U+FFFD where a byte was not UTF-8; only then is
        # there anything to decode again.
        if "\ufffd" in self.path:
            #: the path, bytes that are not UTF-8 dropped
            self.path = _path_06(environ)

    def _uri(self, root_only=False, with_query=True):
        """The URL as Werkzeug 0.6's ``get_current_url`` built it."""
        environ = self.environ
        parts = [self.scheme, "://", self.host]
        parts.append(_quote_as_06(_wsgi_bytes(environ, "SCRIPT_NAME").rstrip(b"/")))
        if root_only:
            parts.append("/")
            return "".join(parts)
        parts.append(_quote_as_06(b"/" + _wsgi_bytes(environ, "PATH_INFO").lstrip(b"/")))
        query = environ.get("QUERY_STRING")
        if with_query and query:
            # as sent; a raw byte above ASCII is escaped to keep a URI
            parts.append("?" + _shared.escape_high_bytes(query.encode("latin-1")))
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
    def host_url(self):
        """The scheme and the host, and a slash."""
        return f"{self.scheme}://{self.host}/"

    @property
    def is_xhr(self):
        """Whether the request says it came from JavaScript's
        ``XMLHttpRequest`` (the ``X-Requested-With`` header)."""
        return self.environ.get("HTTP_X_REQUESTED_WITH", "").lower() == "xmlhttprequest"


class Response(_WerkzeugResponse):
    """Werkzeug's response as 0.6 sent it."""

    # Werkzeug 0.6 turned every ``Location`` header into an absolute URL
    # before sending it; Werkzeug 2.1 stopped doing so by default.
    autocorrect_location_header = True

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
        elif not isinstance(response, _WerkzeugResponse):
            if environ is None:
                raise TypeError(
                    "cannot convert WSGI application into response objects without an environ"
                )
            response = _WerkzeugResponse(*run_wsgi_app(response, environ))
        return super().force_type(response, environ)


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


class _MapAdapter06(_MapAdapter):
    """A URL adapter whose slash redirect is ``301 Moved Permanently``.

    Werkzeug 0.6 redirected a URL missing its trailing slash with a 301;
    Werkzeug 0.15 switched to ``308 Permanent Redirect`` so that a POST
    stays a POST.  The exception stays a
    ``RequestRedirect``, as an
    error handler registered for 301 saw it in 0.1; only its code changes.

    ``Map.bind`` and ``Map.bind_to_environ`` make adapters of this class.
    """

    @classmethod
    def of(cls, adapter):
        """*adapter*, a binding Werkzeug made, matching as 0.6 did: only
        its class changes (building a second adapter for every request
        cost a tenth of flask01's time against raw Werkzeug)."""
        adapter.__class__ = cls
        return adapter

    def match(self, *args, **kwargs):
        """Werkzeug's ``match``, with a slash redirect of code 301."""
        try:
            return super().match(*args, **kwargs)
        except RequestRedirect as redirect:
            redirect.code = 301
            raise


class _UnicodeConverter06(UnicodeConverter):
    def to_url(self, value):
        return _quote_as_06(str(value))


class _PathConverter06(PathConverter):
    def to_url(self, value):
        return _quote_as_06(str(value))


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

    def bind(self, *args, **kwargs):
        return _MapAdapter06.of(super().bind(*args, **kwargs))

    def bind_to_environ(self, environ, *args, **kwargs):
        # Werkzeug's bind_to_environ calls Map.bind by name, not self.bind;
        # and it decodes the path with U+FFFD where 0.6 dropped bad bytes.
        adapter = _MapAdapter06.of(super().bind_to_environ(environ, *args, **kwargs))
        if "\ufffd" in adapter.path_info:
            adapter.path_info = _path_06(environ)
        return adapter


class SharedDataMiddleware(_SharedDataMiddleware):
    """Werkzeug's static files middleware, sending files of a type it
    does not know as ``text/plain`` as 0.6 did (today's default is
    ``application/octet-stream``)."""

    def __init__(self, app, exports, **options):
        options.setdefault("fallback_mimetype", "text/plain")
        super().__init__(app, exports, **options)


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

    def get_environ(self):
        environ = super().get_environ()
        environ["PATH_INFO"] = unquote_to_bytes(self.path).decode("latin-1")
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
