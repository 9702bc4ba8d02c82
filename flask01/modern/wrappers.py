"""Request and response classes of :mod:`flask01.modern`.

Both are Werkzeug's, with what the context architecture needs: the
request remembers the matched :class:`~werkzeug.routing.Rule` and any
routing error instead of raising it, and reads its size limit from the
application's config; the response can be closed more than once without
running its callbacks again (see :meth:`Response.close`).  The request
shares its query decoding with flask01 (:mod:`flask01._shared`).

Two holes of Werkzeug's request are closed here, both answered with a
413 (see :meth:`Request.stream` and :class:`_FormDataParser`): a chunked
body over ``MAX_CONTENT_LENGTH`` was cut at the limit, and an urlencoded
body had no limit but that one.
"""

import io

from werkzeug.exceptions import BadRequest, ClientDisconnected, RequestEntityTooLarge
from werkzeug.utils import cached_property
from werkzeug.wrappers import Response as _WerkzeugResponse

from .._shared import FormDataParser
from .._shared import Request as _SharedRequest
from .._shared import Response as _SharedResponse
from . import _werkzeug21, json
from . import globals as _globals
from .helpers import _split_blueprint_path


class _CappedInput(io.RawIOBase):
    """The body of a request of unknown length (``Transfer-Encoding:
    chunked``) under ``MAX_CONTENT_LENGTH``: reading past the limit
    raises :class:`~werkzeug.exceptions.RequestEntityTooLarge` (413).

    Werkzeug wraps such a body in a ``LimitedStream`` that stops at the
    limit, and reading it whole stops there without an error: 5,000 bytes
    under a limit of 1,024 read as their first 1,024, and the view
    answered 200 with the rest of the body lost (Flask 2.3 to 3.1 alike;
    Flask 2.1.3 read all 5,000, ignoring the limit).  Read in pieces, as
    the multipart parser reads, it fails the other way: a body of exactly
    the limit is refused at its end.  Only one more read tells a body that
    ends at the limit from one that goes on, so this stream always asks
    for one byte more than it may give.
    """

    def __init__(self, stream, limit):
        self._stream = stream
        self._left = limit

    def readable(self):
        return True

    def readinto(self, buffer):
        try:
            data = self._stream.read(min(len(buffer), self._left + 1))
        except (OSError, ValueError) as e:  # a broken chunk, a reset
            raise ClientDisconnected() from e
        if len(data) > self._left:
            raise RequestEntityTooLarge()
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def _read_at_most(stream, limit):
    """All of *stream*, or :class:`~werkzeug.exceptions.RequestEntityTooLarge`
    as soon as it gives more than *limit* bytes (``None``: no limit)."""
    if limit is None:
        return stream.read()
    chunks, size = [], 0
    while chunk := stream.read(min(65536, limit + 1 - size)):
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


def _current_config(key, default):
    """The current application's ``config[key]``, or *default* outside an
    application context: the size limits come from the config, as in
    Flask, and a request or response made by hand keeps Werkzeug's."""
    app = _globals._app_ctx_stack.top
    return default if app is None else app.app.config[key]


class _FormDataParser(FormDataParser):
    """The shared form parser (urlencoded bodies decoded as the query
    string is), with the form limits applied to
    ``application/x-www-form-urlencoded`` bodies too.

    Werkzeug counts ``max_form_memory_size`` and ``max_form_parts``
    against a multipart body as it parses it.  An urlencoded body it reads
    into memory whole and splits into fields at once: Werkzeug 3.1.0
    refused one whose ``Content-Length`` was over the memory limit, later
    3.1 releases (3.1.9, measured here) check not even that, and none
    counts a chunked body or the fields.  So 4.9 MB of 500,000 fields cost
    any client's request most of a second and over 100 MB (0.6 s and 114 MB
    on 2026-11-29, Werkzeug 3.1.9).  Here the whole body
    counts against the memory limit and each field (each ``&``-separated
    piece) against the parts limit; over either is a 413, and a body whose
    ``Content-Length`` is already over the memory limit is not read.
    """

    def parse(self, stream, mimetype, content_length, options=None):
        if mimetype == "application/x-www-form-urlencoded":
            limit = self.max_form_memory_size
            if limit is not None and content_length is not None and content_length > limit:
                raise RequestEntityTooLarge()
            body = _read_at_most(stream, limit)
            fields = body.count(b"&") + 1 if body else 0
            if self.max_form_parts is not None and fields > self.max_form_parts:
                raise RequestEntityTooLarge()
            stream = io.BytesIO(body)
        parsed = super().parse(stream, mimetype, content_length, options)
        if mimetype == "multipart/form-data":
            _werkzeug21.restore_filenames(parsed[2])
        return parsed


class Request(_werkzeug21.RequestMixin, _SharedRequest):
    """The request object, available in views as :data:`~flask01.modern.request`.

    Where flask01 stored the endpoint and the view arguments directly,
    Flask 0.7 and later store the matched :attr:`url_rule` and derive the
    :attr:`endpoint` from it.  A URL that does not match leaves the
    exception in :attr:`routing_exception`; it is raised only when the
    application dispatches, so that ``before_request`` functions still run
    for a 404.
    """

    #: the :class:`~werkzeug.routing.Rule` the URL matched, or ``None``
    url_rule = None

    #: the keyword arguments the view is called with, or ``None``
    view_args = None

    #: the HTTP exception matching raised, kept until dispatching
    routing_exception = None

    #: what :meth:`get_json` decodes with: :mod:`flask01.modern.json`,
    #: so the body is read with the application's ``json_decoder``
    json_module = json

    #: parses the form with the limits applied to urlencoded bodies too
    form_data_parser_class = _FormDataParser

    @property
    def blueprint(self):
        """The dotted name of the blueprint whose view handles the request
        (the endpoint's part before its last dot), or ``None``."""
        endpoint = self.endpoint
        if endpoint is not None and "." in endpoint:
            return endpoint.rpartition(".")[0]
        return None

    @property
    def blueprints(self):
        """The blueprint handling the request and those it is nested in,
        innermost first: ``["shop.cart", "shop"]``.  Hooks and error
        handlers are looked up under each of these names."""
        # What blueprint and endpoint say, asked of the rule directly: the
        # hooks read this three times a request.
        rule = self.url_rule
        if rule is None or "." not in rule.endpoint:
            return []
        return _split_blueprint_path(rule.endpoint.rpartition(".")[0])

    @property
    def endpoint(self):
        """The endpoint of the matched rule, or ``None`` before matching
        or when it failed."""
        return self.url_rule.endpoint if self.url_rule is not None else None

    @property
    def max_content_length(self):
        """The application's ``MAX_CONTENT_LENGTH``: a larger body makes
        reading the form or the files raise
        :class:`~werkzeug.exceptions.RequestEntityTooLarge` (413).

        Read-only, as in Flask 2.1.3: the config is the one place the
        limit comes from, and assigning to it raises ``AttributeError``.
        """
        return _current_config("MAX_CONTENT_LENGTH", None)

    @property
    def max_form_memory_size(self):
        """The application's ``MAX_FORM_MEMORY_SIZE`` (500,000 bytes unless
        set; ``None`` for no limit): the most of a form held in memory.
        A larger field of a ``multipart/form-data`` body, or a larger
        ``application/x-www-form-urlencoded`` body, is answered 413.

        The key is Flask 3.1's (Flask 2.1.3 had no such limit), applied to
        urlencoded bodies as well, which Flask 3.1 does not limit.
        Outside an application context, Werkzeug's default.
        """
        return _current_config("MAX_FORM_MEMORY_SIZE", _SharedRequest.max_form_memory_size)

    @property
    def max_form_parts(self):
        """The application's ``MAX_FORM_PARTS`` (1,000 unless set; ``None``
        for no limit): the most parts of a ``multipart/form-data`` body,
        or fields of an ``application/x-www-form-urlencoded`` one, that
        are parsed; more are answered 413.  Flask 3.1's key, applied to
        urlencoded bodies as well.  Outside an application context,
        Werkzeug's default.
        """
        return _current_config("MAX_FORM_PARTS", _SharedRequest.max_form_parts)

    @cached_property
    def stream(self):
        """The body as a stream, read at most once.

        Werkzeug's, except where the server ends the body itself
        (``wsgi.input_terminated``: a chunked body; every body under
        gunicorn and waitress) and ``MAX_CONTENT_LENGTH`` is set.  Then
        reading past the limit is a 413 instead of the end of the body,
        and a body of exactly the limit reads whole (see
        :class:`_CappedInput`).  A ``Content-Length`` over the limit is a
        413 before anything is read, as in Werkzeug.
        """
        limit = self.max_content_length
        if limit is None or "wsgi.input_terminated" not in self.environ:
            return super().stream
        if self.content_length is not None and self.content_length > limit:
            raise RequestEntityTooLarge()
        return _CappedInput(self.environ["wsgi.input"], limit)

    def _load_form_data(self):
        """Werkzeug's form parsing; in debug mode a form that was not sent
        as ``multipart/form-data`` gets ``files`` that explain a missing
        file (see :func:`~flask01.modern.debughelpers.attach_enctype_error_multidict`)."""
        super()._load_form_data()
        app = _globals._app_ctx_stack.top
        if (
            app is not None
            and app.app.debug
            and self.mimetype != "multipart/form-data"
            and not self.files
        ):
            from .debughelpers import attach_enctype_error_multidict

            attach_enctype_error_multidict(self)

    def on_json_loading_failed(self, e):
        """A body that is not JSON is the client's fault: answer 400,
        saying why only in debug mode."""
        app = _globals._app_ctx_stack.top
        if app is not None and app.app.debug:
            raise BadRequest(f"Failed to decode JSON object: {e}") from e
        raise BadRequest() from e


class Response(_werkzeug21.ResponseMixin, _SharedResponse):
    """The response object: Werkzeug's, with HTML as the default mimetype,
    ``json_module`` (``response.json`` reads with the application's
    decoder), ``max_cookie_size`` from the application's config, and a
    :meth:`close` that runs its callbacks once however often it is
    called, which the ``send_file`` fix relies on.
    """

    default_mimetype = "text/html"

    #: what :attr:`json` (used mostly in tests) decodes with:
    #: :mod:`flask01.modern.json`, with the application's ``json_decoder``
    #: while an application context is active
    json_module = json

    #: set by the first :meth:`close`
    _closed = False

    @property
    def max_cookie_size(self):
        """The ``MAX_COOKIE_SIZE`` of the current application (Werkzeug's
        default outside one): a larger cookie is set with a warning."""
        return _current_config("MAX_COOKIE_SIZE", _WerkzeugResponse.max_cookie_size)

    def close(self):
        """Close the body and run the ``call_on_close`` callbacks,
        the first time only.

        A server closes the iterable it was given; the body's file closes
        the response (see :func:`~flask01.modern.send_file`); a test closes
        the response with ``with``.  Whichever comes first does the work.
        """
        if self._closed:
            return
        self._closed = True
        super().close()
