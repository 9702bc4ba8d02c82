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
* :class:`SecureCookie`: the signed cookie behind the session, removed in
  Werkzeug 1.0 (signed JSON here, never pickle).

Each class also says what it does differently from 0.6 and why; the
deviation register in the documentation gives each difference a row and
a test.
"""

from urllib.parse import quote

from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.shared_data import SharedDataMiddleware as _SharedDataMiddleware
from werkzeug.routing import Map as _Map
from werkzeug.routing import MapAdapter as _MapAdapter
from werkzeug.routing import PathConverter, RequestRedirect, UnicodeConverter
from werkzeug.urls import iri_to_uri
from werkzeug.utils import cached_property
from werkzeug.wrappers import Response as _WerkzeugResponse

from . import _shared
from ._shared import memoized

__all__ = ["Map", "Request", "Response", "SecureCookie", "SharedDataMiddleware"]


class Request(_shared.Request):
    """The request both versions share (0.6's query decoding, see
    :mod:`flask01._shared`), with URLs as Werkzeug 0.6 gave them.

    Werkzeug 0.6 built ``url`` and its relatives as URIs: the path
    percent-encoded (``/caf%C3%A9``), the query string as the client sent
    it.  Werkzeug 2.3 and later give IRIs (``/café``).  A view that puts
    ``request.url`` into a ``Location`` header or a log sees the 0.1 form.
    """

    @cached_property
    def url(self):
        """The full URL, as a URI."""
        return iri_to_uri(super().url)

    @cached_property
    def base_url(self):
        """The URL without the query string, as a URI."""
        return iri_to_uri(super().base_url)

    @cached_property
    def url_root(self):
        """The URL of the application's root, as a URI."""
        return iri_to_uri(super().url_root)

    @cached_property
    def host_url(self):
        """The scheme and host, as a URI."""
        return iri_to_uri(super().host_url)


class Response(_WerkzeugResponse):
    """Werkzeug's response as 0.6 sent it."""

    # Werkzeug 0.6 turned every ``Location`` header into an absolute URL
    # before sending it; Werkzeug 2.1 stopped doing so by default.
    autocorrect_location_header = True

    @classmethod
    def force_type(cls, response, environ=None):
        """Make *response* an instance of this class, running it as a
        WSGI application first when it is not a response (as 0.6 did:
        the body streams, and what the application wrote through
        ``start_response``'s ``write`` comes first).

        An HTTP exception is asked for its response directly: that gives
        the same bytes as running it as a WSGI application, at half the
        cost, which the benchmark of a 404 noticed.
        """
        if isinstance(response, HTTPException):
            response = response.get_response(environ)
        return super().force_type(response, environ)


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
        """The same binding as *adapter*, matching as 0.6 did."""
        return cls(
            adapter.map,
            adapter.server_name,
            adapter.script_name,
            adapter.subdomain,
            adapter.url_scheme,
            adapter.path_info,
            adapter.default_method,
            adapter.query_args,
        )

    def match(self, *args, **kwargs):
        """Werkzeug's ``match``, with a slash redirect of code 301."""
        try:
            return super().match(*args, **kwargs)
        except RequestRedirect as redirect:
            redirect.code = 301
            raise


def _quote_as_06(value):
    """A URL part quoted as Werkzeug 0.6 quoted it: everything but letters,
    digits, ``_.-`` and ``/:`` is escaped, so ``&`` becomes ``%26`` and
    ``~`` becomes ``%7E`` (Python 2's ``urllib.quote`` escaped it)."""
    return quote(str(value), safe="/:").replace("~", "%7E")


class _UnicodeConverter06(UnicodeConverter):
    def to_url(self, value):
        return _quote_as_06(value)


class _PathConverter06(PathConverter):
    def to_url(self, value):
        return _quote_as_06(value)


class Map(_Map):
    """Werkzeug's URL map, matching and building as 0.6 did.

    Three things changed since: Werkzeug 2.2 merges doubled slashes when
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

    def bind_to_environ(self, *args, **kwargs):
        # Werkzeug's bind_to_environ calls Map.bind by name, not self.bind.
        return _MapAdapter06.of(super().bind_to_environ(*args, **kwargs))


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

    def _mark_modified(method):
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
