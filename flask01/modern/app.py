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

import inspect
import os
import sys
import threading
import weakref
from datetime import timedelta
from types import FunctionType

from werkzeug.exceptions import (
    BadRequest,
    BadRequestKeyError,
    HTTPException,
    InternalServerError,
)
from werkzeug.routing import BuildError, RequestRedirect, RoutingException
from werkzeug.wrappers import Response as BaseResponse

from . import json
from ._werkzeug21 import Map, Rule
from .config import DEFAULT_CONFIG, Config
from .ctx import AppContext, RequestContext, _AppCtxGlobals, _sentinel
from .globals import _request_ctx_stack, g, request, session
from .helpers import (
    _split_blueprint_path,
    find_package,
    get_debug_flag,
    get_env,
    get_flashed_messages,
    jsonify,
    url_for,
)
from .logging import create_logger
from .scaffold import (
    Scaffold,
    _decorator_for,
    _endpoint_from_view_func,
    _exc_class_and_code,
    setupmethod,
)
from .sessions import SecureCookieSessionInterface
from .signals import (
    appcontext_tearing_down,
    got_request_exception,
    request_finished,
    request_started,
    request_tearing_down,
)
from .templating import DispatchingJinjaLoader, Environment
from .wrappers import Request, Response


def iscoroutinefunction(func):
    """Whether *func* is an ``async def`` function, as :mod:`inspect`
    answers (it looks through ``functools.partial``, bound methods and
    :func:`inspect.markcoroutinefunction`).

    Every view and hook is asked this when it runs.  A plain function
    whose code is not a coroutine's and that carries no attributes (so no
    mark) is answered at a glance, where inspect's five calls for it
    cost about 0.15 µs.
    """
    if type(func) is FunctionType and not func.__dict__:
        return bool(func.__code__.co_flags & inspect.CO_COROUTINE)
    return inspect.iscoroutinefunction(func)


def _as_timedelta(value):
    """*value* as a ``timedelta``: seconds are converted, ``None`` stays."""
    if value is None or isinstance(value, timedelta):
        return value
    return timedelta(seconds=value)


def _config_shortcut(key, doc):
    """An attribute that reads and writes ``app.config[key]``."""

    def get(self):
        return self.config[key]

    def set(self, value):
        self.config[key] = value

    return property(get, set, doc=doc)


class Flask(Scaffold):
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
    :param static_host: the host of the static route, with ``host_matching``
    :param host_matching: match rules by host as well as path
    :param subdomain_matching: match ``SERVER_NAME``'s subdomains
    :param template_folder: the folder of templates, relative to the root
                            path
    :param instance_path: the instance folder, absolute; found next to the
                          application (or under the prefix it is installed
                          in) by default
    :param instance_relative_config: read config files relative to the
                                     instance folder instead of the root path
    :param root_path: the folder the other paths are relative to, where
                      the import name cannot tell it
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
    #: the class of :attr:`jinja_env`
    jinja_environment = Environment
    #: how sessions are opened and saved; see :mod:`flask01.modern.sessions`
    session_interface = SecureCookieSessionInterface()
    #: keyword arguments for the Jinja2 environment
    jinja_options = {}
    #: the encoder class of :func:`flask01.modern.json.dumps`, and so of
    #: :func:`~flask01.modern.jsonify`, ``|tojson`` and the test client's
    #: ``json=``; set a subclass of :class:`~flask01.modern.json.JSONEncoder`
    #: to write more types
    json_encoder = json.JSONEncoder
    #: the decoder class of :func:`flask01.modern.json.loads`, and so of
    #: ``request.get_json()`` and ``response.json``
    json_decoder = json.JSONDecoder
    #: the configuration every application starts with
    default_config = DEFAULT_CONFIG

    testing = _config_shortcut("TESTING", "Testing mode: exceptions propagate to the test client.")
    secret_key = _config_shortcut("SECRET_KEY", "The key that signs the session cookie.")
    session_cookie_name = _config_shortcut("SESSION_COOKIE_NAME", "The session cookie's name.")
    env = _config_shortcut("ENV", "The environment the application runs in, ``ENV``.")
    use_x_sendfile = _config_shortcut(
        "USE_X_SENDFILE", "Let the server send files named in an ``X-Sendfile`` header."
    )

    def __init__(
        self,
        import_name,
        static_url_path=None,
        static_folder="static",
        static_host=None,
        host_matching=False,
        subdomain_matching=False,
        template_folder="templates",
        instance_path=None,
        instance_relative_config=False,
        root_path=None,
    ):
        super().__init__(
            import_name=import_name,
            static_folder=static_folder,
            static_url_path=static_url_path,
            template_folder=template_folder,
            root_path=root_path,
        )
        if instance_path is None:
            instance_path = self.auto_find_instance_path()
        elif not os.path.isabs(instance_path):
            raise ValueError(
                "If an instance path is provided it must be absolute. A relative path "
                "was given instead."
            )
        #: the folder for files the application writes at run time (a
        #: database, uploads), outside version control
        self.instance_path = instance_path
        self.config = self.make_config(instance_relative_config)

        #: what extensions keep about this application, by extension name
        self.extensions = {}
        #: functions called with ``(error, endpoint, values)`` when
        #: ``url_for`` cannot build a URL; one that returns a URL wins
        self.url_build_error_handlers = []
        #: functions run once, before the first request
        self.before_first_request_funcs = []
        self.teardown_appcontext_funcs = []
        #: functions whose dicts make up the ``shell`` command's namespace
        self.shell_context_processors = []
        #: the blueprints registered, by their dotted name
        self.blueprints = {}

        self.url_map = self.url_map_class()
        self.url_map.host_matching = host_matching
        self.subdomain_matching = subdomain_matching
        self._got_first_request = False
        self._before_request_lock = threading.Lock()
        self._jinja_env = None
        self._logger = None

        if self.has_static_folder:
            assert bool(static_host) == host_matching, (
                "Invalid static_host/host_matching combination"
            )
            # The view holds the application weakly: a bound method would
            # make every application a reference cycle, alive until the
            # cycle collector runs (Flask issue 3761).
            app = weakref.ref(self)
            self.add_url_rule(
                f"{self.static_url_path}/<path:filename>",
                endpoint="static",
                host=static_host,
                view_func=lambda **kwargs: app().send_static_file(**kwargs),
            )

    def _is_setup_finished(self):
        return self.debug and self._got_first_request

    # -- names and settings ---------------------------------------------

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
            self._logger = create_logger(self)
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
    def debug(self):
        """Debug mode: the debugger and the reloader in :meth:`run`,
        exceptions propagate, contexts are preserved on errors.  Setting
        it also makes an existing Jinja environment reload templates."""
        return self.config["DEBUG"]

    @debug.setter
    def debug(self, value):
        self.config["DEBUG"] = value
        if self._jinja_env is not None:
            self._jinja_env.auto_reload = self.templates_auto_reload

    @property
    def got_first_request(self):
        """Whether the application has started handling its first request."""
        return self._got_first_request

    def make_config(self, instance_relative=False):
        """The ``config``: the defaults, with ``ENV`` and ``DEBUG``
        from the ``FLASK_ENV`` and ``FLASK_DEBUG`` environment variables,
        resolving file names against the root path or, with
        *instance_relative*, the instance folder."""
        root_path = self.instance_path if instance_relative else self.root_path
        defaults = dict(self.default_config)
        defaults["ENV"] = get_env()
        defaults["DEBUG"] = get_debug_flag()
        return self.config_class(root_path, defaults)

    def auto_find_instance_path(self):
        """The instance folder when none was given: ``instance`` next to the
        application's package or module, or ``var/<name>-instance`` under
        the prefix it is installed in."""
        prefix, package_path = find_package(self.import_name)
        if prefix is None:
            return os.path.join(package_path, "instance")
        return os.path.join(prefix, "var", f"{self.name}-instance")

    def open_instance_resource(self, resource, mode="rb"):
        """Open a file relative to ``instance_path``; unlike
        :meth:`~flask01.modern.scaffold.Scaffold.open_resource`, for writing too."""
        return open(os.path.join(self.instance_path, resource), mode)

    @property
    def permanent_session_lifetime(self):
        """How long a permanent session lasts, as a ``timedelta``."""
        return _as_timedelta(self.config["PERMANENT_SESSION_LIFETIME"])

    @property
    def send_file_max_age_default(self):
        """``SEND_FILE_MAX_AGE_DEFAULT`` as a ``timedelta`` (or ``None``)."""
        return _as_timedelta(self.config["SEND_FILE_MAX_AGE_DEFAULT"])

    @send_file_max_age_default.setter
    def send_file_max_age_default(self, value):
        self.config["SEND_FILE_MAX_AGE_DEFAULT"] = value

    # -- templates and files ----------------------------------------------

    @property
    def jinja_env(self):
        """The Jinja2 environment, created on first use."""
        if self._jinja_env is None:
            self._jinja_env = self.create_jinja_environment()
        return self._jinja_env

    @property
    def templates_auto_reload(self):
        """Whether templates are reloaded when they change:
        ``TEMPLATES_AUTO_RELOAD``, by default on in debug mode."""
        rv = self.config["TEMPLATES_AUTO_RELOAD"]
        return rv if rv is not None else self.debug

    @templates_auto_reload.setter
    def templates_auto_reload(self, value):
        self.config["TEMPLATES_AUTO_RELOAD"] = value

    def select_jinja_autoescape(self, filename):
        """Autoescape string templates and HTML, XML or SVG files.

        Flask 2.1.3 left ``.svg`` out, and an SVG image is XML that a
        browser runs scripts in; Flask 2.2 added it, and so does this
        version (register row M-svg-autoescape)."""
        if filename is None:
            return True
        return filename.endswith((".html", ".htm", ".xml", ".xhtml", ".svg"))

    def create_jinja_environment(self):
        """The Jinja2 environment: :attr:`jinja_options`, autoescaping by
        file name, templates from the application and its blueprints, and
        the globals every template can use."""
        options = dict(self.jinja_options)
        options.setdefault("autoescape", self.select_jinja_autoescape)
        options.setdefault("auto_reload", self.templates_auto_reload)
        env = self.jinja_environment(self, **options)
        env.globals.update(
            url_for=url_for,
            get_flashed_messages=get_flashed_messages,
            config=self.config,
            request=request,
            session=session,
            g=g,
        )
        env.policies["json.dumps_kwargs"] = {"sort_keys": True}
        # Jinja's |tojson filter calls this function: the application's
        # encoder then writes what a template is given (a datetime too)
        env.policies["json.dumps_function"] = json.dumps
        return env

    def create_global_jinja_loader(self):
        """The loader of :attr:`jinja_env`: the application's templates
        first, then each blueprint's, in registration order."""
        return DispatchingJinjaLoader(self)

    def update_template_context(self, context):
        """Add what the context processors return to *context*, without
        replacing the variables the caller passed.  The application's
        processors run first, then those of the blueprints that handle
        the request, outermost first."""
        names = (None,)
        reqctx = _request_ctx_stack.top
        if reqctx is not None:
            names = (None, *reversed(reqctx.request.blueprints))
        given = dict(context)
        for name in names:
            for func in self.template_context_processors.get(name, ()):
                context.update(func())
        context.update(given)

    def make_shell_context(self):
        """The namespace of the ``shell`` command: ``app`` and ``g``, and
        what the shell context processors add."""
        rv = {"app": self, "g": g}
        for processor in self.shell_context_processors:
            rv.update(processor())
        return rv

    @setupmethod
    def shell_context_processor(self, f):
        """Register *f* to add names to the ``shell`` command's namespace."""
        self.shell_context_processors.append(f)
        return f

    @setupmethod
    def template_filter(self, name=None):
        """Decorate a function to be a template filter, named *name* or
        after the function."""
        return _decorator_for(self.add_template_filter, name)

    @setupmethod
    def add_template_filter(self, f, name=None):
        """:meth:`template_filter` without the decorator."""
        self.jinja_env.filters[name or f.__name__] = f

    @setupmethod
    def template_test(self, name=None):
        """Decorate a function to be a template test (``{% if n is prime %}``)."""
        return _decorator_for(self.add_template_test, name)

    @setupmethod
    def add_template_test(self, f, name=None):
        """:meth:`template_test` without the decorator."""
        self.jinja_env.tests[name or f.__name__] = f

    @setupmethod
    def template_global(self, name=None):
        """Decorate a function to be a global of every template."""
        return _decorator_for(self.add_template_global, name)

    @setupmethod
    def add_template_global(self, f, name=None):
        """:meth:`template_global` without the decorator."""
        self.jinja_env.globals[name or f.__name__] = f

    # -- registration -----------------------------------------------------

    @setupmethod
    def register_blueprint(self, blueprint, **options):
        """Register *blueprint* on this application; *options* override
        its defaults (``url_prefix``, ``subdomain``, ``url_defaults``,
        ``name``, ``cli_group``).  See :meth:`Blueprint.register`."""
        blueprint.register(self, options)

    def iter_blueprints(self):
        """The registered blueprints, in registration order."""
        return self.blueprints.values()

    @setupmethod
    def add_url_rule(
        self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options
    ):
        """Connect the URL *rule* to *endpoint* and, if given, *view_func*.

        The methods come from the ``methods`` option, else the view's
        ``methods`` attribute, else ``GET`` (``HEAD`` follows ``GET``, and
        ``OPTIONS`` is answered automatically unless the rule lists it).
        """
        if endpoint is None:
            endpoint = _endpoint_from_view_func(view_func)
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

    @setupmethod
    def before_first_request(self, f):
        """Run *f* once, before the first request the application handles."""
        self.before_first_request_funcs.append(f)
        return f

    @setupmethod
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
            # Without subdomain matching every request matches the default
            # subdomain, whatever host it names.
            subdomain = None if self.subdomain_matching else self.url_map.default_subdomain or None
            return self.url_map.bind_to_environ(
                request.environ, server_name=self.config["SERVER_NAME"], subdomain=subdomain
            )
        if self.config["SERVER_NAME"] is not None:
            return self.url_map.bind(
                self.config["SERVER_NAME"],
                script_name=self.config["APPLICATION_ROOT"],
                url_scheme=self.config["PREFERRED_URL_SCHEME"],
            )
        return None

    def inject_url_defaults(self, endpoint, values):
        """Let the URL default functions add to *values* for *endpoint*:
        the application's, then those of the blueprints the endpoint's
        dotted name names, outermost first."""
        names = [None]
        if "." in endpoint:
            names.extend(reversed(_split_blueprint_path(endpoint.rpartition(".")[0])))
        for name in names:
            for func in self.url_default_functions.get(name, ()):
                func(endpoint, values)

    def handle_url_build_error(self, error, endpoint, values):
        """What ``url_for`` returns when it cannot build a URL: the first
        URL a ``url_build_error_handlers`` function returns, else the
        ``BuildError`` is raised."""
        for handler in self.url_build_error_handlers:
            try:
                rv = handler(error, endpoint, values)
            except BuildError as e:
                error = e  # a handler may raise a more precise error
            else:
                if rv is not None:
                    return rv
        if error is sys.exc_info()[1]:
            raise
        raise error

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
        self.try_trigger_before_first_request_functions()
        try:
            request_started.send(self)
            rv = self.preprocess_request()
            if rv is None:
                rv = self.dispatch_request()
        except Exception as e:
            rv = self.handle_user_exception(e)
        return self.finalize_request(rv)

    def try_trigger_before_first_request_functions(self):
        """Run the :meth:`before_first_request` functions, once: the first
        request to arrive runs them, and requests that arrive meanwhile in
        other threads wait for them to finish."""
        if self._got_first_request:
            return
        with self._before_request_lock:
            if self._got_first_request:
                return
            for func in self.before_first_request_funcs:
                self.ensure_sync(func)()
            self._got_first_request = True

    def preprocess_request(self):
        """Give the matched values to the URL value preprocessors, then call
        the before-request functions in order; the first value that is not
        ``None`` is returned and ends the chain.  The application's
        functions run first, then those of the blueprints that handle the
        request, outermost first."""
        request = _request_ctx_stack.top.request
        names = (None, *reversed(request.blueprints))
        for name in names:
            for func in self.url_value_preprocessors.get(name, ()):
                func(request.endpoint, request.view_args)
        for name in names:
            for func in self.before_request_funcs.get(name, ()):
                rv = self.ensure_sync(func)()
                if rv is not None:
                    return rv
        return None

    def raise_routing_exception(self, request):
        """Raise what URL matching raised.  A missing trailing slash is
        a ``308`` redirect here (Werkzeug 0.15 and later), where flask01
        keeps 0.1's ``301``.  In debug mode a redirect that would make the
        browser drop a form's body is an error that says so instead
        (:class:`~flask01.modern.debughelpers.FormDataRoutingRedirect`)."""
        error = request.routing_exception
        if (
            not self.debug
            or not isinstance(error, RequestRedirect)
            or error.code in {307, 308}
            or request.method in {"GET", "HEAD", "OPTIONS"}
        ):
            raise error
        from .debughelpers import FormDataRoutingRedirect

        raise FormDataRoutingRedirect(request)

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
        return self.ensure_sync(self.view_functions[rule.endpoint])(**req.view_args)

    def ensure_sync(self, func):
        """*func*, made callable from this synchronous code: a coroutine
        function (an ``async def`` view or hook) is wrapped to run in an
        event loop of its own, as Flask 2.0 added."""
        if iscoroutinefunction(func):
            return self.async_to_sync(func)
        return func

    def async_to_sync(self, func):
        """Run the coroutine function *func* through asgiref's
        ``async_to_sync``, which Flask 2.1.3's ``async`` extra installs."""
        try:
            from asgiref.sync import async_to_sync as asgiref_async_to_sync
        except ImportError:
            raise RuntimeError(
                "Install Flask with the 'async' extra in order to use async views."
            ) from None
        return asgiref_async_to_sync(func)

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
            # the same page as an unread stream; the response class asks
            # for the response directly, a finished body (no stream for the
            # test client to leave open, see flask01.modern.testing), and
            # writes the page as Werkzeug 2.1 did (flask01.modern._werkzeug21).
            return self.response_class.force_type(rv, request.environ)
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
            response = self.ensure_sync(func)(response)
        for name in (*ctx.request.blueprints, None):
            for func in reversed(self.after_request_funcs.get(name, ())):
                response = self.ensure_sync(func)(response)
        if not self.session_interface.is_null_session(ctx.session):
            self.session_interface.save_session(self, ctx.session, response)
        return response

    # -- errors -----------------------------------------------------------

    def _find_error_handler(self, e):
        """The handler for *e*: by status code first, then by class; for
        each, the innermost blueprint handling the request first and the
        application last; for each of those, the most specific class
        first."""
        exc_class, code = _exc_class_and_code(type(e))
        names = (*_request_ctx_stack.top.request.blueprints, None)
        for c in (code, None) if code is not None else (None,):
            for name in names:
                handlers = self.error_handler_spec[name][c]
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
        return self.ensure_sync(handler)(e)

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
        return self.ensure_sync(handler)(e)

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
            server_error = self.ensure_sync(handler)(server_error)
        return self.finalize_request(server_error, from_error_handler=True)

    def log_exception(self, exc_info):
        self.logger.error(f"Exception on {request.path} [{request.method}]", exc_info=exc_info)

    # -- teardown ---------------------------------------------------------

    def do_teardown_request(self, exc=_sentinel):
        """Call the teardown-request functions, last registered first."""
        if exc is _sentinel:
            exc = sys.exc_info()[1]
        for name in (*_request_ctx_stack.top.request.blueprints, None):
            for func in reversed(self.teardown_request_funcs.get(name, ())):
                self.ensure_sync(func)(exc)
        request_tearing_down.send(self, exc=exc)

    def do_teardown_appcontext(self, exc=_sentinel):
        """Call the teardown-appcontext functions, last registered first."""
        if exc is _sentinel:
            exc = sys.exc_info()[1]
        for func in reversed(self.teardown_appcontext_funcs):
            self.ensure_sync(func)(exc)
        appcontext_tearing_down.send(self, exc=exc)

    # -- serving ------------------------------------------------------------

    def run(self, host=None, port=None, debug=None, load_dotenv=True, **options):
        """Serve the application with Werkzeug's development server.

        The host and the port not given come from ``SERVER_NAME``
        (``host:port``) when it is set, else they are 127.0.0.1 and 5000.
        In debug mode the reloader and the debugger are on.

        Started by the ``flask01`` command line, this does nothing but
        warn: the command line serves the application itself, and a module
        that calls ``app.run()`` at import time would otherwise start a
        second server while the command loads it.  Otherwise ``.env`` and
        ``.flaskenv`` are read first (unless *load_dotenv* is false), and
        a ``FLASK_ENV`` or ``FLASK_DEBUG`` found there or already set
        overrides the application's ``env`` and ``debug``; *debug* given
        here overrides them all."""
        from werkzeug.serving import run_simple

        from . import cli

        if os.environ.get("FLASK_RUN_FROM_CLI") == "true":
            cli.explain_ignored_app_run()
            return
        if cli.get_load_dotenv(load_dotenv):
            cli.load_dotenv()
            if "FLASK_ENV" in os.environ:
                self.env = get_env()
                self.debug = get_debug_flag()
            elif "FLASK_DEBUG" in os.environ:
                self.debug = get_debug_flag()
        if debug is not None:
            self.debug = bool(debug)
        server_host, _, server_port = (self.config["SERVER_NAME"] or "").partition(":")
        host = host or server_host or "127.0.0.1"
        port = int(port) if port or port == 0 else int(server_port or 5000)
        options.setdefault("use_reloader", self.debug)
        options.setdefault("use_debugger", self.debug)
        options.setdefault("threaded", True)
        # Flask 2.1.3 calls the banner's last argument eager_loading and
        # passes False, so app.run() says "(lazy loading)"; kept as it is.
        cli.show_server_banner(self.env, self.debug, self.name, False)
        try:
            return run_simple(host, port, self, **options)
        finally:
            # A server stopped normally (Ctrl+C in an interactive session)
            # may be started again, and is then a first request again.
            self._got_first_request = False

    def __repr__(self):
        return f"<{type(self).__name__} {self.name!r}>"

    # -- the command line --

    #: the class :meth:`test_cli_runner` makes,
    #: :class:`~flask01.modern.testing.FlaskCliRunner` when ``None``
    test_cli_runner_class = None

    def _new_cli_group(self):
        """The application's group is named after it (see
        :attr:`~flask01.modern.scaffold.Scaffold.cli`)."""
        from .cli import AppGroup

        return AppGroup(self.name)

    def test_cli_runner(self, **kwargs):
        """A runner for testing this application's commands, an instance of
        :attr:`test_cli_runner_class` made with the application and
        *kwargs*; its ``invoke`` runs the application's
        :attr:`~flask01.modern.scaffold.Scaffold.cli` by default, with this
        application loaded (:class:`~flask01.modern.testing.FlaskCliRunner`)."""
        cls = self.test_cli_runner_class
        if cls is None:
            from .testing import FlaskCliRunner as cls
        return cls(self, **kwargs)
