"""The test client, and the environ builder behind
:meth:`flask01.modern.Flask.test_request_context`.

The client is Flask's: Werkzeug's client plus ``with client:`` (keep the
last request's context until the block ends) and
:meth:`FlaskClient.session_transaction`.  One thing is new, the fix for
Flask issue 5483: every response whose body is not a stream is read and
closed before the client returns it, so a test that never closes its
responses leaks no file, and a streaming response that a test leaves open
is reported with the place that made it.
"""

import contextlib
import io
import os
import re
import sys
import threading
import warnings
import weakref
from importlib.metadata import version

import werkzeug.test
from click.testing import CliRunner
from werkzeug.test import TestResponse

from . import _werkzeug21, json
from .cli import ScriptInfo
from .globals import _request_ctx_stack
from .signals import request_finished


class EnvironBuilder(werkzeug.test.EnvironBuilder):
    """Werkzeug's environ builder with defaults from the application:
    the host from ``SERVER_NAME`` (``localhost`` without it), the path
    prefix from ``APPLICATION_ROOT`` and the scheme from
    ``PREFERRED_URL_SCHEME``.  A *path* that is an absolute URL
    (``https://example.com/x``) brings its own scheme and host."""

    def __init__(
        self, app, path="/", base_url=None, subdomain=None, url_scheme=None, *args, **kwargs
    ):
        assert not (base_url or subdomain or url_scheme) or (base_url is not None) != bool(
            subdomain or url_scheme
        ), 'Cannot pass "subdomain" or "url_scheme" with "base_url".'
        if isinstance(path, bytes):
            # Werkzeug 2.1.2 took a path as bytes too, and decoded it as
            # UTF-8 (strictly: other bytes fail with UnicodeDecodeError)
            path = path.decode("utf-8")
        if base_url is None:
            host = app.config["SERVER_NAME"] or "localhost"
            if subdomain:
                host = f"{subdomain}.{host}"
            # split as Flask 2.1.3 split it, with Werkzeug 2.1.2's parser
            url_scheme_, netloc, url_path, query, _ = _werkzeug21._split(path)
            scheme = url_scheme_ or url_scheme or app.config["PREFERRED_URL_SCHEME"]
            root = app.config["APPLICATION_ROOT"]
            base_url = f"{scheme}://{netloc or host}/{root.lstrip('/')}"
            path = url_path + (f"?{query}" if query else "")
        self.app = app
        super().__init__(path, None, *args, **kwargs)
        # The path and the base URL read as Werkzeug 2.1.2 read them: its
        # parser takes "h:0" for a path (today's, for a scheme and "0"),
        # and a port that is not a number is no error.
        if isinstance(path, str):
            self.path = _werkzeug21.iri_to_uri(_werkzeug21._split(path)[2], safe_conversion=False)
        if base_url is not None:
            self.base_url = _werkzeug21.iri_to_uri(base_url, safe_conversion=False)

    @property
    def base_url(self):
        return self._make_base_url(self.url_scheme, self.host, self.script_root)

    @base_url.setter
    def base_url(self, value):
        """Werkzeug's, with the URL split by Werkzeug 2.1.2's parser."""
        scheme, netloc, script_root = "http", "localhost", ""
        if value is not None:
            scheme, netloc, script_root, query, fragment = _werkzeug21._split(value)
            if query or fragment:
                raise ValueError("base url must not contain a query string or fragment")
        self.script_root = script_root.rstrip("/")
        self.host = netloc
        self.url_scheme = scheme

    def json_dumps(self, obj, **kwargs):
        """Write the *json* argument of a test request as the application
        would: with its encoder and its ``JSON_AS_ASCII`` and
        ``JSON_SORT_KEYS``.  Werkzeug calls this from its ``__init__``,
        which is why ``self.app`` is set before that runs."""
        kwargs.setdefault("app", self.app)
        return json.dumps(obj, **kwargs)

    def get_environ(self):
        """Werkzeug's environ, with a body it spooled to a temporary file
        read back into memory and the file closed.

        Werkzeug's builder writes a form or an upload over 500 KB to a
        temporary file and never closes it, so every such test leaked a
        file (Flask 2.1.3 too).  Nobody can close it at the right time
        from outside: the request may be read after the response, by a
        copied context in another thread.  In memory there is nothing to
        close.  A body the test passed in as a stream is left alone.
        """
        environ = super().get_environ()
        body = environ["wsgi.input"]
        if self.input_stream is None and not isinstance(body, io.BytesIO):
            with body:
                environ["wsgi.input"] = io.BytesIO(body.read())
        return environ


#: the leading dot of a Set-Cookie's Domain attribute
_DOMAIN_DOT = re.compile(r"(;\s*domain\s*=\s*)\.", re.IGNORECASE)


def _caller_outside_the_client():
    """``(filename, lineno, function)`` of the innermost frame that is not
    in this package, Werkzeug or contextlib: the test that made the
    request."""
    here = os.path.dirname(os.path.abspath(__file__))
    skipped = (here, os.path.dirname(werkzeug.test.__file__), contextlib.__file__)
    frame = sys._getframe(1)
    while frame is not None:
        filename = frame.f_code.co_filename
        if not filename.startswith(skipped):
            return filename, frame.f_lineno, frame.f_code.co_name
        frame = frame.f_back
    return "<unknown>", 0, "<unknown>"  # pragma: no cover - always a caller


def _report_unclosed(description):
    """Finalizer of a streaming test response that was never closed:
    warn, naming where it was made.  Like an unclosed file's own warning,
    it is raised when the response is garbage-collected; what the body
    holds is then finalized by its own objects."""
    warnings.warn(
        f"A streaming test response was never closed: {description}.  Close "
        "it with response.close() or use it in a with block.",
        ResourceWarning,
        stacklevel=2,
    )


class _ClientResponse(TestResponse):
    """What the client returns: Werkzeug's test response, which remembers
    where it was made so that a stream left open can be reported."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unclosed_report = None
        if not isinstance(self.response, list):
            filename, lineno, function = _caller_outside_the_client()
            request = self.request
            description = (
                f"{request.method} {request.url} made at {filename}:{lineno} in {function}"
            )
            self._unclosed_report = weakref.finalize(self, _report_unclosed, description)

    def make_sequence(self):
        """Reading the whole body ends the stream, so close it."""
        was_stream = not isinstance(self.response, list)
        super().make_sequence()
        if was_stream:
            self.close()

    def close(self):
        if self._unclosed_report is not None:
            self._unclosed_report.detach()
        super().close()


class _StreamWatch:
    """Notes, while the client runs the application, whether the response
    it finished has a streamed body (a generator, not a list or a file).

    The application says which response it finished through the
    ``request_finished`` signal.  Only responses finished in the client's
    own thread count: the same application may be serving other threads
    at the time.
    """

    def __init__(self):
        self.thread = threading.get_ident()
        self.streamed = False

    def __call__(self, sender, response, **extra):
        if threading.get_ident() == self.thread:
            self.streamed = response.is_streamed and not response.direct_passthrough


def _read_and_close(app_iter):
    try:
        return list(app_iter)
    finally:
        close = getattr(app_iter, "close", None)
        if close is not None:
            close()


class FlaskClient(werkzeug.test.Client):
    """The client :meth:`flask01.modern.Flask.test_client` returns.

    Use it as a context manager to look at the request context after a
    request::

        with app.test_client() as client:
            client.get('/?name=x')
            assert request.args['name'] == 'x'
    """

    preserve_context = False

    def __init__(self, application, response_wrapper=None, use_cookies=True, **kwargs):
        # Without a response class of its own the client returns Werkzeug's
        # test response (as 2.1.3's did); app.test_client() passes the
        # application's, and gets responses of both.
        bases = (
            (_ClientResponse,) if response_wrapper is None else (_ClientResponse, response_wrapper)
        )
        wrapper = type("TestResponse", bases, {})
        super().__init__(application, wrapper, use_cookies=use_cookies, **kwargs)
        self.environ_base = {
            "REMOTE_ADDR": "127.0.0.1",
            "HTTP_USER_AGENT": f"werkzeug/{version('werkzeug')}",
        }

    def _copy_environ(self, other):
        return {**self.environ_base, **other, "flask._preserve_context": self.preserve_context}

    def open(self, *args, buffered=False, follow_redirects=False, **kwargs):
        if args and isinstance(args[0], (werkzeug.test.EnvironBuilder, dict, werkzeug.Request)):
            first = args[0]
            if isinstance(first, werkzeug.test.EnvironBuilder):
                environ = first.get_environ()
            elif isinstance(first, dict):
                environ = first
            else:
                environ = first.environ
            request = werkzeug.Request(self._copy_environ(environ))
        else:
            kwargs["environ_base"] = self._copy_environ(kwargs.get("environ_base", {}))
            builder = EnvironBuilder(self.application, *args, **kwargs)
            try:
                request = builder.get_request()
            finally:
                builder.close()
        response = super().open(request, buffered=buffered, follow_redirects=follow_redirects)
        if self.preserve_context and response._unclosed_report is not None:
            # Inside ``with client:`` the block keeps what a request left,
            # its context and its stream, and its end closes both.
            response._unclosed_report.detach()
            self._kept_streams.append(weakref.ref(response))
        return response

    def run_wsgi_app(self, environ, buffered=False):
        """Run the application; unless it answered with a stream, read
        the body and close it at once (Flask issue 5483)."""
        watch = _StreamWatch()
        with request_finished.connected_to(watch):
            app_iter, status, headers = super().run_wsgi_app(environ, buffered=buffered)
        if not buffered and not watch.streamed:
            app_iter = _read_and_close(app_iter)
        return app_iter, status, headers

    def _update_cookies_from_response(self, server_name, path, headers):
        """Keep the cookies a response sets, a ``Domain``'s leading dot
        ignored as RFC 6265 says: flask01.modern writes it as Flask
        2.1.3 did, and Werkzeug's client would otherwise never send such a
        cookie back to the host that set it."""
        headers = [_DOMAIN_DOT.sub(r"\1", header) for header in headers]
        super()._update_cookies_from_response(server_name, path, headers)

    @contextlib.contextmanager
    def session_transaction(self, *args, **kwargs):
        """Open the client's session for changing it directly; it is saved
        back into the client's cookie when the block ends::

            with client.session_transaction() as session:
                session['user_id'] = 1
        """
        if self._cookies is None:
            raise RuntimeError("Session transactions only make sense with cookies enabled.")
        app = self.application
        ctx = app.test_request_context(*args, **kwargs)
        self._add_cookies_to_wsgi(ctx.request.environ)
        interface = app.session_interface
        sess = interface.open_session(app, ctx.request)
        if sess is None:
            raise RuntimeError("Session backend did not open a session. Check the configuration")
        yield sess
        if interface.is_null_session(sess):
            return
        response = app.response_class()
        with ctx:
            interface.save_session(app, sess, response)
        self._update_cookies_from_response(
            ctx.request.host.partition(":")[0],
            ctx.request.path,
            response.headers.getlist("Set-Cookie"),
        )

    #: the streamed responses made inside a ``with`` block, closed at its end
    _kept_streams = ()

    def __enter__(self):
        if self.preserve_context:
            raise RuntimeError("Cannot nest client invocations")
        self.preserve_context = True
        self._kept_streams = []
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.preserve_context = False
        # The streams made in the block end with it, unreported: the block
        # is where the test said how long the request's leftovers live.
        kept, self._kept_streams = self._kept_streams, ()
        for ref in kept:
            response = ref()
            if response is not None:
                response.close()
        # The last request's context stays until the next push; leaving
        # the block is the moment to pop it (and any preserved before it).
        while True:
            top = _request_ctx_stack.top
            if top is None or not top.preserved:
                break
            top.pop()


class FlaskCliRunner(CliRunner):
    """The runner :meth:`flask01.modern.Flask.test_cli_runner` returns:
    click's ``click.testing.CliRunner`` for one application.

    Click's runner knows nothing of applications, so a command that needs
    one (everything in ``app.cli``) would look for ``FLASK_APP``.  This
    runner invokes the application's own group by default and gives it a
    :class:`~flask01.modern.cli.ScriptInfo` that returns the application
    under test, however it was made::

        result = app.test_cli_runner().invoke(args=["init-db"])
        assert "Initialized" in result.output

    *kwargs* go to ``click.testing.CliRunner``.
    """

    def __init__(self, app, **kwargs):
        self.app = app
        super().__init__(**kwargs)

    def invoke(self, cli=None, args=None, **kwargs):
        """Run the command *cli* (by default the application's
        :attr:`~flask01.modern.scaffold.Scaffold.cli` group) with *args* and return
        click's ``click.testing.Result``.  An ``obj`` given replaces
        the :class:`~flask01.modern.cli.ScriptInfo` of this application."""
        if cli is None:
            cli = self.app.cli
        if "obj" not in kwargs:
            kwargs["obj"] = ScriptInfo(create_app=lambda: self.app)
        return super().invoke(cli, args, **kwargs)
