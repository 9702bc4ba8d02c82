"""Request and response classes of :mod:`flask01.modern`.

Both extend the flask01 classes; what changes is what the context
architecture needs: the request remembers the matched :class:`~werkzeug.routing.Rule`
and any routing error instead of raising it, reads its size limit from the
application's config, and the response can be closed more than once
without running its callbacks again (see :meth:`Response.close`).
"""

from werkzeug.exceptions import BadRequest

import flask01

from . import globals as _globals

#: the environ key under which the test client leaves a list; a response
#: whose body is a stream (a generator, not a list or a file) adds itself
#: to it, so that the client knows to leave that body unread.  A list,
#: because Werkzeug hands the application a copy of the client's environ.
STREAMING_KEY = "flask01.modern.streaming"


class Request(flask01.Request):
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

    @endpoint.setter
    def endpoint(self, value):
        # flask01.Request.__init__ assigns None; the endpoint is derived
        # from url_rule here, so the assignment is ignored.
        pass

    @property
    def max_content_length(self):
        """The application's ``MAX_CONTENT_LENGTH``: a larger body makes
        reading the form or the files raise
        :class:`~werkzeug.exceptions.RequestEntityTooLarge` (413)."""
        app = _globals._app_ctx_stack.top
        return app.app.config["MAX_CONTENT_LENGTH"] if app is not None else None

    @max_content_length.setter
    def max_content_length(self, value):
        # Werkzeug 3.1 lets a request carry its own limit; the config is
        # the one place flask01.modern takes it from.
        pass

    def on_json_loading_failed(self, e):
        """A body that is not JSON is the client's fault: answer 400,
        saying why only in debug mode."""
        app = _globals._app_ctx_stack.top
        if app is not None and app.app.debug:
            raise BadRequest(f"Failed to decode JSON object: {e}") from e
        raise BadRequest() from e


class Response(flask01.Response):
    """The response object.

    Two differences from flask01's: ``Location`` headers stay as the view
    gave them (Flask 2.1 and Werkzeug 2.1 stopped making them absolute),
    and :meth:`close` runs its callbacks once however often it is called,
    which the ``send_file`` fix relies on.
    """

    autocorrect_location_header = False

    def close(self):
        """Close the body and run the ``call_on_close`` callbacks,
        the first time only.

        A server closes the iterable it was given; the body's file closes
        the response (see :func:`~flask01.modern.send_file`); a test closes
        the response with ``with``.  Whichever comes first does the work.
        """
        if self.__dict__.get("_flask01_closed"):
            return
        self._flask01_closed = True
        flask01.Response.close(self)

    def get_app_iter(self, environ):
        """The body for the server, as Werkzeug gives it.  A streamed body
        (a generator, not a list or a file) adds this response to the list
        the test client left under ``STREAMING_KEY``, so the client
        knows to leave it unread (Flask issue 5483)."""
        streams = environ.get(STREAMING_KEY)
        if streams is not None and self.is_streamed and not self.direct_passthrough:
            streams.append(self)
        return flask01.Response.get_app_iter(self, environ)
