"""Request and response classes of :mod:`flask01.modern`.

Both are Werkzeug's, with what the context architecture needs: the
request remembers the matched :class:`~werkzeug.routing.Rule` and any
routing error instead of raising it, and reads its size limit from the
application's config; the response can be closed more than once without
running its callbacks again (see :meth:`Response.close`).  The request
shares its query decoding with flask01 (:mod:`flask01._shared`).
"""

from werkzeug.exceptions import BadRequest
from werkzeug.wrappers import Response as _WerkzeugResponse

from .._shared import Request as _SharedRequest
from . import globals as _globals


class Request(_SharedRequest):
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

    #: blueprints are not part of flask01.modern; the attribute exists so
    #: that code written for Flask can ask
    blueprint = None
    blueprints = ()

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
        app = _globals._app_ctx_stack.top
        return app.app.config["MAX_CONTENT_LENGTH"] if app is not None else None

    def on_json_loading_failed(self, e):
        """A body that is not JSON is the client's fault: answer 400,
        saying why only in debug mode."""
        app = _globals._app_ctx_stack.top
        if app is not None and app.app.debug:
            raise BadRequest(f"Failed to decode JSON object: {e}") from e
        raise BadRequest() from e


class Response(_WerkzeugResponse):
    """The response object: Werkzeug's, with HTML as the default mimetype,
    and a :meth:`close` that runs its callbacks once however often it is
    called, which the ``send_file`` fix relies on.
    """

    default_mimetype = "text/html"

    #: set by the first :meth:`close`
    _closed = False

    @property
    def max_cookie_size(self):
        """The ``MAX_COOKIE_SIZE`` of the current application (Werkzeug's
        default outside one): a larger cookie is set with a warning."""
        app = _globals._app_ctx_stack.top
        if app is not None:
            return app.app.config["MAX_COOKIE_SIZE"]
        return _WerkzeugResponse.max_cookie_size

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
