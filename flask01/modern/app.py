"""The application class of :mod:`flask01.modern`.

Hold it next to :class:`flask01.Flask`.  It keeps the same kinds of
registry (views, URL rules, hooks, error handlers, context processors),
in the shape Flask 2.1.3 gave them, and a request takes a path whose
three architectural changes are the point of the comparison:

* :meth:`flask01.modern.Flask.wsgi_app` no longer uses a ``with`` block.  It pushes a
  :class:`~flask01.modern.RequestContext` and ends it with
  :meth:`~flask01.modern.RequestContext.auto_pop`, which may keep it
  on the stack after a failure.
* The work is split into :meth:`full_dispatch_request` (hooks, view,
  user-level error handlers, response) and :meth:`handle_exception` (what
  escaped all of that: a 500).
* Teardown functions run when the contexts are popped, whatever
  happened, and receive the exception that ended the request.

A line-by-line diff of the two classes shows more than that, because
the API grew between 0.1 and 2.1.3 as well: the config, error handlers
registered by exception class, after-request functions run last first,
``make_response`` reading a tuple as ``(body, status, headers)``,
automatic ``OPTIONS``, signals.  Those are Flask 2.1.3's behaviour, not
consequences of the contexts.
"""

import logging
import os
import sys
import weakref
from datetime import timedelta

from jinja2 import Environment, FileSystemLoader
from werkzeug.exceptions import (
    BadRequest,
    BadRequestKeyError,
    HTTPException,
    InternalServerError,
    default_exceptions,
)
from werkzeug.local import LocalProxy
from werkzeug.routing import Map, RoutingException, Rule
from werkzeug.wrappers import Response as BaseResponse

from .config import DEFAULT_CONFIG, Config
from .ctx import AppContext, RequestContext, _AppCtxGlobals, _sentinel
from .globals import _request_ctx_stack, g, request, session
from .helpers import get_flashed_messages, get_root_path, jsonify, send_from_directory, url_for
from .sessions import SecureCookieSessionInterface
from .signals import (
    appcontext_tearing_down,
    got_request_exception,
    request_finished,
    request_started,
    request_tearing_down,
)
from .templating import _default_template_ctx_processor
from .wrappers import Request, Response


def _config_shortcut(key, doc):
    """An attribute that reads and writes ``app.config[key]``."""

    def get(self):
        return self.config[key]

    def set(self, value):
        self.config[key] = value

    return property(get, set, doc=doc)


def _wsgi_errors_stream():
    """Where the default log handler writes: the server's error stream
    during a request, stderr otherwise."""
    if _request_ctx_stack.top is not None:
        return request.environ["wsgi.errors"]
    return sys.stderr


def _create_logger(app):
    logger = logging.getLogger(app.name)
    if app.debug and not logger.level:
        logger.setLevel(logging.DEBUG)
    if not _has_level_handler(logger):
        handler = logging.StreamHandler(LocalProxy(_wsgi_errors_stream))
        handler.setFormatter(
            logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
        )
        logger.addHandler(handler)
    return logger


def _has_level_handler(logger):
    """Whether some handler up the logger tree would print an error."""
    level = logger.getEffectiveLevel()
    current = logger
    while current:
        if any(handler.level <= level for handler in current.handlers):
            return True
        if not current.propagate:
            break
        current = current.parent
    return False


def _exc_class_and_code(exc_class_or_code):
    """The exception class an error handler is registered for, and its
    HTTP status code (``None`` for exceptions that are not HTTP errors).

    The errors are Flask 2.1.3's: an unknown code is a ``KeyError``, and
    anything that is not a subclass of ``Exception`` fails an assertion
    (Flask 2.2 made both clearer errors).
    """
    if isinstance(exc_class_or_code, int):
        exc_class = default_exceptions[exc_class_or_code]
    else:
        exc_class = exc_class_or_code
    assert issubclass(exc_class, Exception), "Custom exceptions must be subclasses of Exception."
    if issubclass(exc_class, HTTPException):
        return exc_class, exc_class.code
    return exc_class, None


class Flask:
    """The application, as Flask has had it since the context split.

    ::

        from flask01.modern import Flask
        app = Flask(__name__)

    :param import_name: the application's module or package; its folder
                        is the ``root_path``
    :param static_url_path: the URL prefix of static files, ``/static``
                            by default
    :param static_folder: the folder of static files, relative to the
                          root path; ``None`` serves none
    :param template_folder: the folder of templates, relative to the root
                            path
    :param root_path: the folder, when it cannot be found from the name
    """

    request_class = Request
    response_class = Response
    app_ctx_globals_class = _AppCtxGlobals
    config_class = Config
    #: the class :meth:`test_client` makes, :class:`~flask01.modern.testing.FlaskClient`
    #: when ``None``; the testing module is imported only then, so that
    #: an application that is not under test never loads it
    test_client_class = None
    url_rule_class = Rule
    url_map_class = Map
    #: how sessions are opened and saved; see :mod:`flask01.modern.sessions`
    session_interface = SecureCookieSessionInterface()
    #: keyword arguments for the Jinja2 environment
    jinja_options = {}

    debug = _config_shortcut(
        "DEBUG",
        "Debug mode: the debugger and the reloader in :meth:`run`, "
        "exceptions propagate, contexts are preserved on errors.",
    )
    testing = _config_shortcut("TESTING", "Testing mode: exceptions propagate to the test client.")
    secret_key = _config_shortcut("SECRET_KEY", "The key that signs the session cookie.")
    session_cookie_name = _config_shortcut("SESSION_COOKIE_NAME", "The session cookie's name.")

    def __init__(
        self,
        import_name,
        static_url_path=None,
        static_folder="static",
        template_folder="templates",
        root_path=None,
    ):
        self.import_name = import_name
        self.root_path = root_path or get_root_path(import_name)
        self.static_folder = static_folder
        self.static_url_path = static_url_path
        self.template_folder = template_folder

        self.config = self.config_class(self.root_path, DEFAULT_CONFIG)

        #: view functions by endpoint
        self.view_functions = {}
        # The registries are keyed by blueprint name as in Flask; flask01.modern
        # has no blueprints, so the application's own entries sit under None.
        self.error_handler_spec = {None: {}}
        self.before_request_funcs = {None: []}
        self.after_request_funcs = {None: []}
        self.teardown_request_funcs = {None: []}
        self.teardown_appcontext_funcs = []
        self.template_context_processors = {None: [_default_template_ctx_processor]}

        self.url_map = self.url_map_class()
        if self.static_folder is not None:
            # The view holds the application weakly: a bound method would
            # make every application a reference cycle, alive until the
            # cycle collector runs (Flask issue 3761).
            app = weakref.ref(self)
            self.add_url_rule(
                self.static_url_path + "/<path:filename>",
                endpoint="static",
                view_func=lambda **kwargs: app().send_static_file(**kwargs),
            )
        self._jinja_env = None
        self._logger = None

    # -- names and settings ---------------------------------------------

    @property
    def static_folder(self):
        """The absolute path of the static files' folder, or ``None``.
        Set it relative to :attr:`root_path` (a string or a path)."""
        if self._static_folder is None:
            return None
        return os.path.join(self.root_path, self._static_folder)

    @static_folder.setter
    def static_folder(self, value):
        self._static_folder = None if value is None else os.fspath(value).rstrip("/\\")

    @property
    def static_url_path(self):
        """The URL prefix of static files: as given, or ``/`` and the
        static folder's name."""
        if self._static_url_path is not None:
            return self._static_url_path
        if self.static_folder is not None:
            return f"/{os.path.basename(self.static_folder)}".rstrip("/")
        return None

    @static_url_path.setter
    def static_url_path(self, value):
        self._static_url_path = None if value is None else value.rstrip("/")

    @property
    def has_static_folder(self):
        """Whether the application serves static files."""
        return self.static_folder is not None

    @property
    def name(self):
        """The application's name: the import name, or the script's file
        name when the application lives in ``__main__``."""
        if self.import_name == "__main__":
            filename = getattr(sys.modules["__main__"], "__file__", None)
            if filename is None:
                return "__main__"
            return os.path.splitext(os.path.basename(filename))[0]
        return self.import_name

    @property
    def logger(self):
        """The ``logging`` logger named after the application; unhandled
        exceptions are logged to it."""
        if self._logger is None:
            self._logger = _create_logger(self)
        return self._logger

    @property
    def propagate_exceptions(self):
        """Whether unhandled exceptions reach the server (or the test)
        instead of becoming a 500: ``PROPAGATE_EXCEPTIONS``, by default
        on in testing and debug mode."""
        rv = self.config["PROPAGATE_EXCEPTIONS"]
        return rv if rv is not None else self.testing or self.debug

    @property
    def preserve_context_on_exception(self):
        """Whether a request context that ended with an exception stays
        on the stack: ``PRESERVE_CONTEXT_ON_EXCEPTION``, by default on in
        debug mode."""
        rv = self.config["PRESERVE_CONTEXT_ON_EXCEPTION"]
        return rv if rv is not None else self.debug

    @property
    def permanent_session_lifetime(self):
        """How long a permanent session lasts, as a ``timedelta``."""
        rv = self.config["PERMANENT_SESSION_LIFETIME"]
        return rv if isinstance(rv, timedelta) else timedelta(seconds=rv)

    # -- templates and files ----------------------------------------------

    @property
    def jinja_env(self):
        """The Jinja2 environment, created on first use."""
        if self._jinja_env is None:
            self._jinja_env = self.create_jinja_environment()
        return self._jinja_env

    def select_jinja_autoescape(self, filename):
        """Autoescape string templates and HTML or XML files."""
        if filename is None:
            return True
        return filename.endswith((".html", ".htm", ".xml", ".xhtml"))

    def create_jinja_environment(self):
        options = dict(self.jinja_options)
        options.setdefault("autoescape", self.select_jinja_autoescape)
        auto_reload = self.config["TEMPLATES_AUTO_RELOAD"]
        options.setdefault("auto_reload", self.debug if auto_reload is None else auto_reload)
        env = Environment(loader=self.create_jinja_loader(), **options)
        env.globals.update(
            url_for=url_for,
            get_flashed_messages=get_flashed_messages,
            config=self.config,
            request=request,
            session=session,
            g=g,
        )
        env.policies["json.dumps_kwargs"] = {"sort_keys": True}
        return env

    def create_jinja_loader(self):
        """The loader for the template folder, or ``None`` without one."""
        if self.template_folder is None:
            return None
        return FileSystemLoader(os.path.join(self.root_path, self.template_folder))

    def update_template_context(self, context):
        """Add what the context processors return to *context*, without
        replacing the variables the caller passed."""
        given = dict(context)
        for func in self.template_context_processors[None]:
            context.update(func())
        context.update(given)

    def context_processor(self, f):
        """Register *f* to add variables to every template context."""
        self.template_context_processors[None].append(f)
        return f

    def get_send_file_max_age(self, filename):
        """The ``max-age`` for a file sent by :func:`send_file`:
        ``SEND_FILE_MAX_AGE_DEFAULT``, which by default is ``None`` (the
        browser revalidates with a conditional request)."""
        value = self.config["SEND_FILE_MAX_AGE_DEFAULT"]
        if value is None:
            return None
        if isinstance(value, timedelta):
            return int(value.total_seconds())
        return value

    def send_static_file(self, filename):
        """The view behind the ``static`` endpoint."""
        if self.static_folder is None:
            raise RuntimeError("'static_folder' must be set to serve static_files.")
        return send_from_directory(
            self.static_folder,
            filename,
            max_age=self.get_send_file_max_age(filename),
        )

    def open_resource(self, resource, mode="rb"):
        """Open a file relative to ``root_path`` for reading."""
        if mode not in {"r", "rt", "rb"}:
            raise ValueError("Resources can only be opened for reading.")
        return open(os.path.join(self.root_path, resource), mode)

    # -- registration -----------------------------------------------------

    def add_url_rule(
        self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options
    ):
        """Connect the URL *rule* to *endpoint* and, if given, *view_func*.

        The methods come from the ``methods`` option, else the view's
        ``methods`` attribute, else ``GET`` (``HEAD`` follows ``GET``, and
        ``OPTIONS`` is answered automatically unless the rule lists it).
        """
        if endpoint is None:
            endpoint = view_func.__name__
        options["endpoint"] = endpoint
        methods = options.pop("methods", None)
        if methods is None:
            methods = getattr(view_func, "methods", None) or ("GET",)
        if isinstance(methods, str):
            raise TypeError(
                "Allowed methods must be a list of strings, for example: "
                '@app.route(..., methods=["POST"])'
            )
        methods = {method.upper() for method in methods}
        required = set(getattr(view_func, "required_methods", ()))
        if provide_automatic_options is None:
            provide_automatic_options = getattr(view_func, "provide_automatic_options", None)
        if provide_automatic_options is None:
            provide_automatic_options = "OPTIONS" not in methods
            if provide_automatic_options:
                required.add("OPTIONS")
        url_rule = self.url_rule_class(rule, methods=methods | required, **options)
        url_rule.provide_automatic_options = provide_automatic_options
        self.url_map.add(url_rule)
        if view_func is not None:
            old = self.view_functions.get(endpoint)
            if old is not None and old != view_func:
                raise AssertionError(
                    "View function mapping is overwriting an existing endpoint "
                    f"function: {endpoint}"
                )
            self.view_functions[endpoint] = view_func

    def route(self, rule, **options):
        """Decorate a view function to serve *rule*; the options are those
        of :meth:`add_url_rule` (``methods``, ``endpoint``, ``defaults``,
        ...)."""

        def decorator(f):
            endpoint = options.pop("endpoint", None)
            self.add_url_rule(rule, endpoint, f, **options)
            return f

        return decorator

    def _method_route(self, method, rule, options):
        if "methods" in options:
            raise TypeError("Use the 'route' decorator to use the 'methods' argument.")
        return self.route(rule, methods=[method], **options)

    def get(self, rule, **options):
        """``route(rule, methods=["GET"], **options)``, as Flask 2.0 added."""
        return self._method_route("GET", rule, options)

    def post(self, rule, **options):
        """``route(rule, methods=["POST"], **options)``."""
        return self._method_route("POST", rule, options)

    def put(self, rule, **options):
        """``route(rule, methods=["PUT"], **options)``."""
        return self._method_route("PUT", rule, options)

    def delete(self, rule, **options):
        """``route(rule, methods=["DELETE"], **options)``."""
        return self._method_route("DELETE", rule, options)

    def patch(self, rule, **options):
        """``route(rule, methods=["PATCH"], **options)``."""
        return self._method_route("PATCH", rule, options)

    def errorhandler(self, code_or_exception):
        """Decorate a function to handle an HTTP status code or an
        exception class (and its subclasses)::

            @app.errorhandler(404)
            def not_found(e):
                return 'nothing here', 404

        A handler for 500 (or ``InternalServerError``) receives the
        ``InternalServerError`` whose ``original_exception`` is what the
        view raised.
        """

        def decorator(f):
            self.register_error_handler(code_or_exception, f)
            return f

        return decorator

    def register_error_handler(self, code_or_exception, f):
        """:meth:`errorhandler` without the decorator."""
        exc_class, code = _exc_class_and_code(code_or_exception)
        self.error_handler_spec[None].setdefault(code, {})[exc_class] = f

    def before_request(self, f):
        """Run *f* before each request; a value it returns answers the
        request instead of the view."""
        self.before_request_funcs[None].append(f)
        return f

    def after_request(self, f):
        """Pass each response through *f*.  The functions run in reverse
        order of registration."""
        self.after_request_funcs[None].append(f)
        return f

    def teardown_request(self, f):
        """Call *f* with the exception (or ``None``) when a request
        context is popped, whatever happened.  Reverse order of
        registration; return values are ignored."""
        self.teardown_request_funcs[None].append(f)
        return f

    def teardown_appcontext(self, f):
        """Call *f* with the exception (or ``None``) when an application
        context is popped: the place to release a database connection kept
        on :data:`~flask01.modern.g`."""
        self.teardown_appcontext_funcs.append(f)
        return f

    # -- contexts -----------------------------------------------------------

    def create_url_adapter(self, request):
        """A URL adapter for *request*, or for building URLs outside a
        request when ``SERVER_NAME`` is set (``None`` otherwise)."""
        if request is not None:
            return self.url_map.bind_to_environ(
                request.environ, server_name=self.config["SERVER_NAME"]
            )
        if self.config["SERVER_NAME"] is not None:
            return self.url_map.bind(
                self.config["SERVER_NAME"],
                script_name=self.config["APPLICATION_ROOT"],
                url_scheme=self.config["PREFERRED_URL_SCHEME"],
            )
        return None

    def app_context(self):
        """A new :class:`~flask01.modern.AppContext` for this application."""
        return AppContext(self)

    def request_context(self, environ):
        """A new :class:`~flask01.modern.RequestContext` for *environ*."""
        return RequestContext(self, environ)

    def test_request_context(self, *args, **kwargs):
        """A request context for a request made up from the arguments of
        :class:`~werkzeug.test.EnvironBuilder` (path, method, data,
        headers, ...), with the host and scheme from the config."""
        from .testing import EnvironBuilder

        builder = EnvironBuilder(self, *args, **kwargs)
        try:
            return self.request_context(builder.get_environ())
        finally:
            builder.close()

    def test_client(self, use_cookies=True, **kwargs):
        """A :class:`~flask01.modern.testing.FlaskClient` for this application
        (or an instance of ``test_client_class``)."""
        cls = self.test_client_class
        if cls is None:
            from .testing import FlaskClient as cls
        return cls(self, self.response_class, use_cookies=use_cookies, **kwargs)

    # -- handling a request ---------------------------------------------

    def wsgi_app(self, environ, start_response):
        """The WSGI application: push a request context, dispatch, turn
        any escaped exception into a 500, send the response, and end the
        context with :meth:`~flask01.modern.RequestContext.auto_pop`.
        """
        ctx = self.request_context(environ)
        error = None
        try:
            try:
                ctx.push()
                response = self.full_dispatch_request()
            except Exception as e:
                error = e
                response = self.handle_exception(e)
            except BaseException:
                error = sys.exc_info()[1]
                raise
            return response(environ, start_response)
        finally:
            ctx.auto_pop(error)

    def __call__(self, environ, start_response):
        """Forward to :meth:`wsgi_app`, so middleware can wrap that."""
        return self.wsgi_app(environ, start_response)

    def full_dispatch_request(self):
        """Before-request functions, then the view (unless one of them
        answered), with user-level exceptions handled, then
        :meth:`finalize_request`."""
        try:
            request_started.send(self)
            rv = self.preprocess_request()
            if rv is None:
                rv = self.dispatch_request()
        except Exception as e:
            rv = self.handle_user_exception(e)
        return self.finalize_request(rv)

    def preprocess_request(self):
        """Call the before-request functions in order; the first value
        that is not ``None`` is returned and ends the chain."""
        for func in self.before_request_funcs[None]:
            rv = func()
            if rv is not None:
                return rv
        return None

    def raise_routing_exception(self, request):
        """Raise what URL matching raised.  A missing trailing slash is
        a ``308`` redirect here (Werkzeug 0.15 and later), where flask01
        keeps 0.1's ``301``."""
        raise request.routing_exception

    def dispatch_request(self):
        """Call the view of the matched rule, or raise what matching
        raised.  ``OPTIONS`` is answered here for rules that do not list
        it."""
        req = _request_ctx_stack.top.request
        if req.routing_exception is not None:
            self.raise_routing_exception(req)
        rule = req.url_rule
        if getattr(rule, "provide_automatic_options", False) and req.method == "OPTIONS":
            return self.make_default_options_response()
        return self.view_functions[rule.endpoint](**req.view_args)

    def make_default_options_response(self):
        adapter = _request_ctx_stack.top.url_adapter
        rv = self.response_class()
        rv.allow.update(adapter.allowed_methods())
        return rv

    def finalize_request(self, rv, from_error_handler=False):
        """Make a response of *rv* and process it.  When this runs for the
        500 handler, an error in processing is logged instead of raised,
        so a response still goes out."""
        response = self.make_response(rv)
        try:
            response = self.process_response(response)
            request_finished.send(self, response=response)
        except Exception:
            if not from_error_handler:
                raise
            self.logger.exception("Request finalizing failed with an error while handling an error")
        return response

    def make_response(self, rv):
        """Turn a view's return value into a ``response_class``.

        Accepted: a response object (other Werkzeug responses are
        converted), ``str``/``bytes`` (the body), a ``dict`` (JSON), a WSGI
        callable, or a tuple ``(body, status, headers)``, ``(body,
        status)`` or ``(body, headers)`` around one of those.  Note the
        change from flask01, where a tuple was the response class's
        positional arguments.
        """
        status = headers = None
        if isinstance(rv, tuple):
            if len(rv) == 3:
                rv, status, headers = rv
            elif len(rv) == 2:
                if isinstance(rv[1], (dict, tuple, list)) or hasattr(rv[1], "to_wsgi_list"):
                    rv, headers = rv
                else:
                    rv, status = rv
            else:
                raise TypeError(
                    "The view function did not return a valid response tuple. The "
                    "tuple must have the form (body, status, headers), (body, "
                    "status), or (body, headers)."
                )
        if rv is None:
            raise TypeError(
                f"The view function for {request.endpoint!r} did not return a valid "
                "response. The function either returned None or ended without a "
                "return statement."
            )
        if not isinstance(rv, self.response_class):
            if isinstance(rv, (str, bytes, bytearray)):
                # The response class takes the status and headers itself.
                rv = self.response_class(rv, status=status, headers=headers)
                status = headers = None
            else:
                rv = self._coerce_body(rv)
        if status is not None:
            if isinstance(status, (str, bytes, bytearray)):
                rv.status = status
            else:
                rv.status_code = status
        if headers:
            rv.headers.update(headers)
        return rv

    def _coerce_body(self, rv):
        """A response made from a view's body that is neither text nor a
        response object: a dict (JSON), an HTTP exception or a WSGI
        callable."""
        if isinstance(rv, dict):
            return jsonify(rv)
        if isinstance(rv, HTTPException):
            # Flask calls the exception as a WSGI application, which gives
            # the same page as an unread stream; asking for the response
            # directly gives it as a finished body (no stream for the test
            # client to leave open, see flask01.modern.testing).
            return self.response_class.force_type(rv.get_response(request.environ))
        if isinstance(rv, BaseResponse) or callable(rv):
            try:
                return self.response_class.force_type(rv, request.environ)
            except TypeError as e:
                raise TypeError(
                    f"{e}\nThe view function did not return a valid response. The "
                    "return type must be a string, dict, tuple, Response instance, "
                    f"or WSGI callable, but it was a {type(rv).__name__}."
                ).with_traceback(sys.exc_info()[2]) from None
        raise TypeError(
            "The view function did not return a valid response. The return type "
            "must be a string, dict, tuple, Response instance, or WSGI callable, "
            f"but it was a {type(rv).__name__}."
        )

    def process_response(self, response):
        """Pass the response through the functions of
        :func:`~flask01.modern.after_this_request`, then the after-request
        functions (last registered first), then save the session."""
        ctx = _request_ctx_stack.top
        for func in ctx._after_request_functions:
            response = func(response)
        for func in reversed(self.after_request_funcs[None]):
            response = func(response)
        if not self.session_interface.is_null_session(ctx.session):
            self.session_interface.save_session(self, ctx.session, response)
        return response

    # -- errors -----------------------------------------------------------

    def _find_error_handler(self, e):
        """The handler for *e*: by status code first, then by class, most
        specific class first."""
        exc_class, code = _exc_class_and_code(type(e))
        for c in (code, None) if code is not None else (None,):
            handlers = self.error_handler_spec[None].get(c)
            if not handlers:
                continue
            for cls in exc_class.__mro__:
                handler = handlers.get(cls)
                if handler is not None:
                    return handler
        return None

    def trap_http_exception(self, e):
        """Whether the HTTP exception *e* should propagate like any other
        error instead of going to its handler (``TRAP_HTTP_EXCEPTIONS``,
        ``TRAP_BAD_REQUEST_ERRORS``, debugging a missing form key)."""
        if self.config["TRAP_HTTP_EXCEPTIONS"]:
            return True
        trap_bad_request = self.config["TRAP_BAD_REQUEST_ERRORS"]
        if trap_bad_request is None and self.debug and isinstance(e, BadRequestKeyError):
            return True
        if trap_bad_request:
            return isinstance(e, BadRequest)
        return False

    def handle_http_exception(self, e):
        """Give an HTTP exception to its handler, or answer with it.
        Routing redirects and code-less exceptions are never handled."""
        if e.code is None or isinstance(e, RoutingException):
            return e
        handler = self._find_error_handler(e)
        if handler is None:
            return e
        return handler(e)

    def handle_user_exception(self, e):
        """Handle an exception raised by a hook or a view: HTTP
        exceptions go to :meth:`handle_http_exception`, others to their
        registered handler; with no handler the exception is re-raised,
        and becomes a 500 in :meth:`handle_exception`."""
        if isinstance(e, BadRequestKeyError) and (
            self.debug or self.config["TRAP_BAD_REQUEST_ERRORS"]
        ):
            e.show_exception = True
        if isinstance(e, HTTPException) and not self.trap_http_exception(e):
            return self.handle_http_exception(e)
        handler = self._find_error_handler(e)
        if handler is None:
            raise
        return handler(e)

    def handle_exception(self, e):
        """Turn an exception nothing handled into a 500 response: log it
        and call the 500 handler with an ``InternalServerError`` that
        carries it.  In testing and debug mode the exception propagates
        instead."""
        exc_info = sys.exc_info()
        got_request_exception.send(self, exception=e)
        if self.propagate_exceptions:
            if exc_info[1] is e:
                raise
            raise e
        self.log_exception(exc_info)
        server_error = InternalServerError(original_exception=e)
        handler = self._find_error_handler(server_error)
        if handler is not None:
            server_error = handler(server_error)
        return self.finalize_request(server_error, from_error_handler=True)

    def log_exception(self, exc_info):
        self.logger.error(f"Exception on {request.path} [{request.method}]", exc_info=exc_info)

    # -- teardown ---------------------------------------------------------

    def do_teardown_request(self, exc=_sentinel):
        """Call the teardown-request functions, last registered first."""
        if exc is _sentinel:
            exc = sys.exc_info()[1]
        for func in reversed(self.teardown_request_funcs[None]):
            func(exc)
        request_tearing_down.send(self, exc=exc)

    def do_teardown_appcontext(self, exc=_sentinel):
        """Call the teardown-appcontext functions, last registered first."""
        if exc is _sentinel:
            exc = sys.exc_info()[1]
        for func in reversed(self.teardown_appcontext_funcs):
            func(exc)
        appcontext_tearing_down.send(self, exc=exc)

    # -- serving ------------------------------------------------------------

    def run(self, host=None, port=None, debug=None, **options):
        """Serve the application with Werkzeug's development server.

        The host and the port not given come from ``SERVER_NAME``
        (``host:port``) when it is set, else they are 127.0.0.1 and 5000.
        In debug mode the reloader and the debugger are on."""
        from werkzeug.serving import run_simple

        if debug is not None:
            self.debug = bool(debug)
        server_host, _, server_port = (self.config["SERVER_NAME"] or "").partition(":")
        host = host or server_host or "127.0.0.1"
        port = int(port) if port or port == 0 else int(server_port or 5000)
        options.setdefault("use_reloader", self.debug)
        options.setdefault("use_debugger", self.debug)
        options.setdefault("threaded", True)
        return run_simple(host, port, self, **options)

    def __repr__(self):
        return f"<{type(self).__name__} {self.name!r}>"
