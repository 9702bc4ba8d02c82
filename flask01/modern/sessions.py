"""Sessions: a dict signed into a cookie, behind an interface an
application can replace.

flask01 asked the application to ``open_session`` and ``save_session``;
Flask 0.8 moved both into a :class:`SessionInterface` object that lives on
``Flask.session_interface``, so a server-side store is a class of its
own instead of an override of the application.

The cookie format is Flask's: itsdangerous's timed URL-safe signature
over compact JSON whose non-JSON values (tuples, bytes, Markup, UUIDs,
datetimes) carry a small tag, so a Flask application and a
flask01.modern application that share a secret key read each other's
sessions.
"""

import hashlib
import ipaddress
import warnings
from datetime import datetime, timezone

from itsdangerous import BadSignature, URLSafeTimedSerializer
from werkzeug.datastructures import CallbackDict

from .._shared import memoized
from .json.tag import TaggedJSONSerializer


class SessionMixin:
    """What every session offers on top of being a mapping."""

    @property
    def permanent(self):
        """Whether the cookie outlives the browser session: it then
        expires after ``PERMANENT_SESSION_LIFETIME``."""
        return self.get("_permanent", False)

    @permanent.setter
    def permanent(self, value):
        self["_permanent"] = bool(value)

    #: true for a session that did not come from the client
    new = False
    #: true when the session changed and must be saved
    modified = True
    #: true when the session was read, so the response varies by cookie
    accessed = True


def _mark_changed(session):
    """What a change to a :class:`SecureCookieSession` does to it: it must
    be saved, and it was used."""
    session.modified = True
    session.accessed = True


class SecureCookieSession(CallbackDict, SessionMixin):
    """The session of :class:`SecureCookieSessionInterface`.

    Every changing method marks it ``modified`` (Werkzeug's
    ``CallbackDict`` notices only real changes, unlike the dict of 0.1);
    reading marks it ``accessed``, which adds ``Vary: Cookie`` to the
    response so that caches keep one copy per session.
    """

    modified = False
    accessed = False

    def __init__(self, initial=None):
        super().__init__(initial, _mark_changed)

    def __getitem__(self, key):
        self.accessed = True
        return super().__getitem__(key)

    def get(self, key, default=None):
        self.accessed = True
        return super().get(key, default)

    def setdefault(self, key, default=None):
        self.accessed = True
        return super().setdefault(key, default)


class NullSession(SecureCookieSession):
    """The session when no secret key is set: empty, and every write
    fails with an error that says what to do."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError(
            "The session is unavailable because no secret key was set.  "
            "Set the secret_key on the application to something unique and secret."
        )

    __setitem__ = __delitem__ = clear = pop = popitem = update = setdefault = _fail


#: the serializer the cookie interface signs: Flask's tagged JSON
#: (:mod:`flask01.modern.json.tag`), so the two read each other's cookies
session_json_serializer = TaggedJSONSerializer()


class SessionInterface:
    """How an application opens and saves sessions.  Subclass it and
    assign an instance to ``Flask.session_interface`` to keep
    sessions elsewhere.
    """

    null_session_class = NullSession

    def make_null_session(self, app):
        """The session to use when ``open_session`` returns ``None``."""
        return self.null_session_class()

    def is_null_session(self, obj):
        """Whether *obj* is the null session, which is never saved."""
        return isinstance(obj, self.null_session_class)

    def get_cookie_name(self, app):
        return app.config["SESSION_COOKIE_NAME"]

    def get_cookie_domain(self, app):
        """The cookie's ``Domain``: ``SESSION_COOKIE_DOMAIN`` when it is
        set, else one worked out from ``SERVER_NAME`` (and then stored in
        ``SESSION_COOKIE_DOMAIN``, ``False`` for none, so the work is done
        once).

        The port is dropped, since browsers ignore it.  A name without a
        dot (``localhost``) is no cookie domain a browser accepts, so there
        is none, with a warning; an IP address is kept, with a warning that
        some browsers refuse it.  Any other name gets a leading dot when the
        application is mounted at ``/``, so subdomains share the session.
        """
        domain = app.config["SESSION_COOKIE_DOMAIN"]
        if domain is not None:
            return domain or None
        domain = _cookie_domain_from_server_name(app.config["SERVER_NAME"])
        if domain and not _is_ip(domain) and self.get_cookie_path(app) == "/":
            domain = f".{domain}"
        app.config["SESSION_COOKIE_DOMAIN"] = domain or False
        return domain or None

    def get_cookie_path(self, app):
        return app.config["SESSION_COOKIE_PATH"] or app.config["APPLICATION_ROOT"]

    def get_cookie_httponly(self, app):
        return app.config["SESSION_COOKIE_HTTPONLY"]

    def get_cookie_secure(self, app):
        return app.config["SESSION_COOKIE_SECURE"]

    def get_cookie_samesite(self, app):
        return app.config["SESSION_COOKIE_SAMESITE"]

    def get_expiration_time(self, app, session):
        """When a permanent session's cookie expires; ``None`` (end of the
        browser session) otherwise."""
        if session.permanent:
            return datetime.now(timezone.utc) + app.permanent_session_lifetime
        return None

    def should_set_cookie(self, app, session):
        """A changed session is saved; a permanent one also on every
        request while ``SESSION_REFRESH_EACH_REQUEST`` is on, to push its
        expiry forward."""
        return session.modified or (
            session.permanent and app.config["SESSION_REFRESH_EACH_REQUEST"]
        )

    def open_session(self, app, request):  # pragma: no cover - abstract
        raise NotImplementedError

    def save_session(self, app, session, response):  # pragma: no cover - abstract
        raise NotImplementedError


class SecureCookieSessionInterface(SessionInterface):
    """Sessions kept in a cookie signed with the application's secret
    key; the client can read them but not change them."""

    salt = "cookie-session"
    digest_method = staticmethod(hashlib.sha1)
    key_derivation = "hmac"
    serializer = session_json_serializer
    session_class = SecureCookieSession

    def get_signing_serializer(self, app):
        """The serializer that signs and checks the cookie, or ``None``
        without a secret key.

        Flask builds a new one for every open and every save.  It is the
        same object each time for the same key and settings, and making
        it costs about as much as the rest of opening an empty session,
        so it is built once per combination and kept.
        """
        key = app.secret_key
        if not key:
            return None
        return _signing_serializer(
            key, self.salt, self.serializer, self.key_derivation, self.digest_method
        )

    def open_session(self, app, request):
        signer = self.get_signing_serializer(app)
        if signer is None:
            return None
        # ``in`` first: a MultiDict's ``get`` of a missing key raises and
        # catches an HTTP exception inside, dearer than all the rest here.
        name, cookies = self.get_cookie_name(app), request.cookies
        cookie = cookies[name] if name in cookies else None  # noqa: SIM401
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            return self.session_class(signer.loads(cookie, max_age=max_age))
        except (BadSignature, ValueError, TypeError):
            # A forged, expired, truncated or foreign cookie is an empty
            # session, never an error.
            return self.session_class()

    def save_session(self, app, session, response):
        if not session and not session.modified:
            # nothing to write or delete: the common case, decided before
            # the five cookie settings are looked up
            return
        name = self.get_cookie_name(app)
        domain = self.get_cookie_domain(app)
        path = self.get_cookie_path(app)
        secure = self.get_cookie_secure(app)
        samesite = self.get_cookie_samesite(app)
        if not session:
            # emptied in this request (an empty one not modified left above)
            response.delete_cookie(
                name,
                domain=domain,
                path=path,
                secure=secure,
                samesite=samesite,
                httponly=self.get_cookie_httponly(app),
            )
            return
        if session.accessed:
            response.vary.add("Cookie")
        if not self.should_set_cookie(app, session):
            return
        value = self.get_signing_serializer(app).dumps(dict(session))
        response.set_cookie(
            name,
            value,
            expires=self.get_expiration_time(app, session),
            httponly=self.get_cookie_httponly(app),
            domain=domain,
            path=path,
            secure=secure,
            samesite=samesite,
        )


@memoized
def _signing_serializer(secret_key, salt, serializer, key_derivation, digest_method):
    return URLSafeTimedSerializer(
        secret_key,
        salt=salt,
        serializer=serializer,
        signer_kwargs={"key_derivation": key_derivation, "digest_method": digest_method},
    )


def _cookie_domain_from_server_name(server_name):
    """The host part of *server_name* as a cookie domain, or ``None``."""
    if not server_name:
        return None
    host = server_name.rsplit(":", 1)[0].lstrip(".")
    if "." not in host:
        warnings.warn(
            f"{host!r} is not a valid cookie domain, it must contain a '.'.  Add "
            f"an entry to your hosts file, for example '{host}.localdomain', and "
            "use that instead.",
            stacklevel=3,
        )
        return None
    if _is_ip(host):
        warnings.warn(
            "The session cookie domain is an IP address.  This may not work as "
            "intended in some browsers.  Add an entry to your hosts file, for "
            "example 'localhost.localdomain', and use that instead.",
            stacklevel=3,
        )
    return host


def _is_ip(host):
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
