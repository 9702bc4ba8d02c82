"""
flask01
~~~~~~~

Flask 0.1, the microframework Armin Ronacher released in April 2010,
rewritten so that it runs on today's Python, Werkzeug and Jinja2.

The module keeps the shape of the original ``flask.py``: the same public
names, defined in the same order, with the same behaviour.  Where today's
libraries forced a change (a Werkzeug name that moved or vanished, the
removed ``SecureCookie``, Jinja2 extensions that became built in, ``str``
versus ``bytes``) the code says so next to the change, and the deviation
register in the documentation gives each one a row and a test.

What vanished from Werkzeug 0.6 (the signed cookie, the 301 slash
redirect, 0.6's query decoding, ...) is rebuilt in
:mod:`flask01._werkzeug06`, which this module imports where ``flask.py``
imported Werkzeug.  Read it top to bottom: the request and response
classes, the request context, the helper functions a view calls, then
:class:`Flask` itself, and last the context locals that tie everything
together.
"""

# isort: off
import os
import sys

from jinja2 import Environment, FileSystemLoader
from werkzeug.exceptions import HTTPException
from werkzeug.local import LocalStack
from werkzeug.routing import Rule

# Where flask.py imported Werkzeug 0.6, flask01 imports what it needs of
# 0.6 from a module of its own: these names changed or vanished since.
from ._werkzeug06 import LocalProxy, Map, SecureCookie, SharedDataMiddleware, create_environ
from ._werkzeug06 import Request as RequestBase
from ._werkzeug06 import Response as ResponseBase

# Utilities re-exported as public interface although this module never
# calls them, exactly as 0.1 did.  Jinja2 3.1 no longer carries Markup
# and escape; they live in MarkupSafe, where Jinja2 always took them from.
# abort and redirect come from the 0.6 stand-ins: today's Werkzeug knows
# codes 0.6 did not, and no longer percent-encodes a CR or LF in a target.
from markupsafe import Markup, escape
from ._werkzeug06 import abort, redirect

# isort: on

__version__ = "0.1"

__all__ = [
    "Flask",
    "Request",
    "Response",
    "request",
    "session",
    "g",
    "current_app",
    "url_for",
    "flash",
    "get_flashed_messages",
    "render_template",
    "render_template_string",
    "abort",
    "redirect",
    "escape",
    "Markup",
]


class Request(RequestBase):
    """The request object of a flask01 application, available in views as
    :data:`request`.

    On top of Werkzeug's request it remembers what URL matching found: the
    :attr:`endpoint` and the :attr:`view_args`.  Both stay ``None`` until
    :meth:`Flask.match_request` has run, and stay ``None`` when matching
    failed.  To use a request class of your own, subclass this one and
    assign it to :attr:`Flask.request_class`.
    """

    def __init__(self, environ):
        RequestBase.__init__(self, environ)
        #: the endpoint the URL matched, the view function's name by default
        self.endpoint = None
        #: the keyword arguments the view function is called with
        self.view_args = None


class Response(ResponseBase):
    """The response object of a flask01 application.

    It is Werkzeug's response with HTML as the default mimetype, because
    that is what a view returning a plain string almost always means.  You
    rarely build one by hand: :meth:`Flask.make_response` turns whatever a
    view returns into one.  To use your own class, subclass this one and
    assign it to :attr:`Flask.response_class`.
    """

    default_mimetype = "text/html"


class _RequestGlobals(object):
    """The empty object behind :data:`g`: views and hooks may store
    anything on it for the rest of the request."""


class _RequestContext(object):
    """Everything that belongs to one request: the application, the URL
    adapter, the request object, the session, ``g`` and the flashed
    messages read so far.

    It is created when a request comes in, pushed onto
    :data:`_request_ctx_stack` by the ``with`` statement and popped when
    the block ends, which is what makes :data:`request`, :data:`session`
    and :data:`g` point at the right objects.
    """

    def __init__(self, app, environ):
        self.app = app
        self.url_adapter = app.url_map.bind_to_environ(environ)
        self.request = app.request_class(environ)
        self.session = app.open_session(self.request)
        self.g = _RequestGlobals()
        self.flashes = None

    def __enter__(self):
        _request_ctx_stack.push(self)

    def __exit__(self, exc_type, exc_value, tb):
        # In debug mode a failed request stays on the stack, so that the
        # interactive debugger can still reach request, session and g.
        if tb is None or not self.app.debug:
            _request_ctx_stack.pop()


def url_for(endpoint, **values):
    """Build the URL of *endpoint* (a view function's name).

    Keyword arguments fill the variable parts of the URL rule; the ones
    the rule does not use are appended as a query string.

    :param endpoint: the endpoint of the URL
    :param values: the values for the rule's variable parts
    """
    return _request_ctx_stack.top.url_adapter.build(endpoint, values)


def flash(message):
    """Store *message* in the session so that the next request can show
    it, usually after a redirect.  Templates read the queue with
    :func:`get_flashed_messages`.

    :param message: the message to flash
    """
    session["_flashes"] = (session.get("_flashes", [])) + [message]


def get_flashed_messages():
    """Take the flashed messages out of the session and return them.

    The first call in a request empties the queue; later calls in the same
    request return the same list, so a layout and a page may both ask.
    """
    flashes = _request_ctx_stack.top.flashes
    if flashes is None:
        _request_ctx_stack.top.flashes = flashes = session.pop("_flashes", [])
    return flashes


def render_template(template_name, **context):
    """Render the template *template_name* from the application's
    ``templates`` folder.

    :param template_name: the file name of the template
    :param context: the variables the template can use, on top of the
                    ones the context processors add
    """
    current_app.update_template_context(context)
    return current_app.jinja_env.get_template(template_name).render(context)


def render_template_string(source, **context):
    """Render a template given as a string of Jinja2 source.

    :param source: the template's source code
    :param context: the variables the template can use, on top of the
                    ones the context processors add
    """
    current_app.update_template_context(context)
    return current_app.jinja_env.from_string(source).render(context)


def _default_template_ctx_processor():
    """Put ``request``, ``session`` and ``g`` into every template."""
    reqctx = _request_ctx_stack.top
    return dict(request=reqctx.request, session=reqctx.session, g=reqctx.g)


def _get_package_path(name):
    """The folder of the module or package called *name*, or the current
    working directory when that module has no file (an interactive
    session, say)."""
    try:
        return os.path.abspath(os.path.dirname(sys.modules[name].__file__))
    except (KeyError, AttributeError, TypeError):
        return os.getcwd()


class _NullSession(SecureCookie):
    """The session of an application without a :attr:`Flask.secret_key`.

    Not in ``flask.py``: Flask 0.1 had no session at all then (``session``
    was ``None``), and the first write failed with a puzzling
    ``TypeError`` about ``NoneType``.  This stand-in, the one Flask itself
    added in 0.2, reads as an empty session and refuses every write
    with an error that says what to do.
    """

    def _refuse(self, *args, **kwargs):
        raise RuntimeError(
            "The session is unavailable because no secret key was set.  "
            "Set the secret_key attribute of the application to something "
            "unique and secret."
        )

    __setitem__ = __delitem__ = clear = popitem = setdefault = update = _refuse

    def pop(self, key, *default):
        """Reading a message queue out of an empty session changes nothing,
        so ``pop`` with a default is allowed (``get_flashed_messages``
        relies on it); popping a key that must exist is refused."""
        if not default:
            self._refuse()
        return default[0]


class Flask(object):
    """The application: a WSGI callable and the registry of everything
    that makes it up (view functions, URL rules, hooks, error handlers,
    template settings).

    Create one in your main module with that module's name::

        from flask01 import Flask
        app = Flask(__name__)

    The name tells flask01 where the application lives on disk: its
    folder becomes :attr:`root_path`, and templates, static files and
    resources are looked up relative to it (``templates/``, ``static/``,
    :meth:`open_resource`).
    """

    #: the class used for request objects; see :class:`Request`
    request_class = Request

    #: the class used for response objects; see :class:`Response`
    response_class = Response

    #: the URL prefix under which files of the ``static`` folder are
    #: served.  Set it to ``None`` before creating the application to
    #: serve no static files and add no ``static`` endpoint.
    static_path = "/static"

    #: the key that signs the session cookie.  Without it (an empty one
    #: counts as none) the session is empty and refuses writes.  Set it to
    #: a long random value and keep it secret.
    secret_key = None

    #: the name of the session cookie
    session_cookie_name = "session"

    #: keyword arguments for the Jinja2 environment.  Autoescaping is on
    #: for every template.  Flask 0.1 also listed the ``autoescape`` and
    #: ``with_`` extensions here; both have been part of Jinja2 itself
    #: since 2.9, Jinja2 3.0 deprecated the extensions and 3.1 removed them.
    jinja_options = dict(autoescape=True, extensions=[])

    def __init__(self, package_name):
        #: the debug flag.  When it is set, unhandled exceptions reach the
        #: interactive debugger instead of a 500 handler, and
        #: :meth:`run` reloads the server when the code changes.
        self.debug = False

        #: the name of the application's module or package, as given
        self.package_name = package_name

        #: the folder the application lives in
        self.root_path = _get_package_path(self.package_name)

        #: view functions by endpoint name; :meth:`route` fills it
        self.view_functions = {}

        #: error handlers by HTTP status code; :meth:`errorhandler` fills it
        self.error_handlers = {}

        #: functions called before each request, in order; the first one
        #: that returns something other than ``None`` answers the request
        self.before_request_funcs = []

        #: functions called with the response after each request, in
        #: order; each returns the response to pass on
        self.after_request_funcs = []

        #: functions whose returned dicts are merged into every template
        #: context, in order
        self.template_context_processors = [_default_template_ctx_processor]

        #: the Werkzeug URL map holding every rule of the application
        self.url_map = Map()

        if self.static_path is not None:
            self.url_map.add(
                Rule(self.static_path + "/<filename>", build_only=True, endpoint="static")
            )
            # Flask 0.1 asked pkg_resources for the package's ``static``
            # folder when it could; the folder next to the module is the
            # same place.
            target = os.path.join(self.root_path, "static")
            self.wsgi_app = SharedDataMiddleware(self.wsgi_app, {self.static_path: target})

        #: the Jinja2 environment, built from :attr:`jinja_options` and
        #: the loader :meth:`create_jinja_loader` returns
        self.jinja_env = Environment(loader=self.create_jinja_loader(), **self.jinja_options)
        self.jinja_env.globals.update(
            url_for=url_for,
            get_flashed_messages=get_flashed_messages,
        )

    def create_jinja_loader(self):
        """Return the Jinja2 loader for the application's templates: the
        ``templates`` folder next to the application.  Override it to load
        templates from elsewhere.
        """
        # Flask 0.1 used a PackageLoader whenever pkg_resources was
        # importable; it found the same folder.
        return FileSystemLoader(os.path.join(self.root_path, "templates"))

    def update_template_context(self, context):
        """Merge what every context processor returns into *context*, in
        place.  Values the processors return win over the caller's.

        :param context: the template context, a dict
        """
        for func in self.template_context_processors:
            context.update(func())

    def run(self, host="localhost", port=5000, **options):
        """Serve the application with Werkzeug's development server.

        With :attr:`debug` set, the server restarts when the code changes
        and shows the interactive debugger for unhandled exceptions.

        :param host: the interface to listen on; ``'0.0.0.0'`` listens on
                     all of them
        :param port: the port to listen on
        :param options: passed on to :func:`werkzeug.serving.run_simple`;
                        ``debug`` sets :attr:`debug` first
        """
        from werkzeug.serving import run_simple

        if "debug" in options:
            self.debug = options.pop("debug")
        options.setdefault("use_reloader", self.debug)
        options.setdefault("use_debugger", self.debug)
        return run_simple(host, port, self, **options)

    def test_client(self):
        """Return a Werkzeug test client for the application that keeps
        cookies between requests, so sessions work across them.
        """
        from ._werkzeug06 import Client

        return Client(self, self.response_class, use_cookies=True)

    def open_resource(self, resource):
        """Open a file that ships with the application, for reading bytes.

        *resource* is relative to :attr:`root_path`, with forward slashes
        between folders, for example ``app.open_resource('schema.sql')``.
        """
        return open(os.path.join(self.root_path, resource), "rb")

    def open_session(self, request):
        """Return the session for *request*, read from its signed cookie.
        Without a :attr:`secret_key` (an empty one counts as none) the
        session is an empty one that refuses writes.  Override it to keep sessions elsewhere.

        :param request: an instance of :attr:`request_class`
        """
        key = self.secret_key
        # 0.1 asked ``key is not None``; an empty key signs nothing that a
        # client could not sign too, so it counts as no key here.
        if key:
            return SecureCookie.load_cookie(request, self.session_cookie_name, secret_key=key)
        # 0.1 returned None here; see _NullSession.
        return _NullSession()

    def save_session(self, session, response):
        """Write *session* to *response* if it changed.  The counterpart
        of :meth:`open_session`.

        :param session: the session :meth:`open_session` returned
        :param response: an instance of :attr:`response_class`
        """
        if session is not None:
            session.save_cookie(response, self.session_cookie_name)

    def add_url_rule(self, rule, endpoint, **options):
        """Connect the URL *rule* to *endpoint*.

        This is :meth:`route` without registering a view function, so
        these two are the same::

            @app.route('/')
            def index():
                pass

            def index():
                pass
            app.add_url_rule('/', 'index')
            app.view_functions['index'] = index

        :param rule: the URL rule, such as ``'/user/<name>'``
        :param endpoint: the name the rule is known by
        :param options: passed on to :class:`werkzeug.routing.Rule`;
                        ``methods`` defaults to ``('GET',)``
        """
        options["endpoint"] = endpoint
        options.setdefault("methods", ("GET",))
        self.url_map.add(Rule(rule, **options))

    def route(self, rule, **options):
        """Decorate a view function to serve the URL *rule*::

            @app.route('/post/<int:post_id>')
            def show_post(post_id):
                return 'Post %d' % post_id

        Parts in angle brackets are variables, passed to the view as
        keyword arguments.  Without a converter they match anything but a
        slash; ``int``, ``float`` and ``path`` (which matches slashes too)
        are the converters most used.

        Trailing slashes keep every URL unique.  A rule ending in a slash
        that is requested without it redirects to the URL with the slash;
        a rule without the slash requested with one is not found.

        The view's function name becomes the endpoint.

        :param rule: the URL rule
        :param methods: the HTTP methods the rule accepts, ``('GET',)``
                        by default (``HEAD`` comes with ``GET``)
        :param options: more options for :class:`werkzeug.routing.Rule`,
                        such as ``subdomain`` and ``strict_slashes``
        """

        def decorator(f):
            self.add_url_rule(rule, f.__name__, **options)
            self.view_functions[f.__name__] = f
            return f

        return decorator

    def errorhandler(self, code):
        """Decorate a function to handle the HTTP error *code*::

            @app.errorhandler(404)
            def page_not_found(error):
                return 'This page does not exist', 404

        The handler is called with the exception and answers the request
        like a view.  A handler for 500 also catches any exception a view
        raises, unless :attr:`debug` is set.  Assigning to
        ``app.error_handlers[404]`` does the same as the decorator.

        :param code: the HTTP status code, an int
        """

        def decorator(f):
            self.error_handlers[code] = f
            return f

        return decorator

    def before_request(self, f):
        """Register *f* to run before each request."""
        self.before_request_funcs.append(f)
        return f

    def after_request(self, f):
        """Register *f* to run with the response after each request."""
        self.after_request_funcs.append(f)
        return f

    def context_processor(self, f):
        """Register *f* to add variables to every template context."""
        self.template_context_processors.append(f)
        return f

    def match_request(self):
        """Match the current request against the URL map and record the
        result on the request as :attr:`Request.endpoint` and
        :attr:`Request.view_args`.

        Raises :class:`~werkzeug.exceptions.NotFound`,
        :class:`~werkzeug.exceptions.MethodNotAllowed` or a redirect
        when the URL does not match a rule as it stands.
        """
        rv = _request_ctx_stack.top.url_adapter.match()
        request.endpoint, request.view_args = rv
        return rv

    def dispatch_request(self):
        """Match the URL and call the view, returning whatever it returns.

        An HTTP error raised while matching or by the view goes to the
        error handler registered for its code, or becomes the response
        itself when there is none.  Any other exception goes to the 500
        handler, unless :attr:`debug` is set or there is no such handler:
        then it propagates to the WSGI server (or the debugger).

        The result is not yet a response; :meth:`make_response` makes it
        one.
        """
        try:
            endpoint, values = self.match_request()
            return self.view_functions[endpoint](**values)
        except HTTPException as e:
            handler = self.error_handlers.get(e.code)
            if handler is None:
                return e
            return handler(e)
        except Exception as e:
            handler = self.error_handlers.get(500)
            if self.debug or handler is None:
                raise
            return handler(e)

    def make_response(self, rv):
        """Turn the return value of a view into an instance of
        :attr:`response_class`.

        * an instance of :attr:`response_class` is returned as it is;
        * ``str`` or ``bytes`` becomes the body of a new response (text is
          encoded as UTF-8);
        * a ``tuple`` is passed to :attr:`response_class` positionally:
          body, status, headers, mimetype, content type;
        * anything else is taken for a WSGI application and run into a
          response whose body streams.  An HTTP exception and a plain
          Werkzeug response both count.

        :param rv: the return value of a view, a before-request function
                   or an error handler
        """
        if isinstance(rv, self.response_class):
            return rv
        # 0.1 asked for ``basestring``: text, and bytes are Python 3's str.
        if isinstance(rv, (str, bytes)):
            return self.response_class(rv)
        if isinstance(rv, tuple):
            return self.response_class(*rv)
        return self.response_class.force_type(rv, request.environ)

    def preprocess_request(self):
        """Call the :meth:`before_request` functions in order.  The first
        one that returns something other than ``None`` stops the chain;
        its value answers the request instead of the view's.
        """
        for func in self.before_request_funcs:
            rv = func()
            if rv is not None:
                return rv

    def process_response(self, response):
        """Save the session into *response*, then pass the response
        through the :meth:`after_request` functions in order.

        :param response: an instance of :attr:`response_class`
        :return: the response each function handed on, which must also
                 be an instance of :attr:`response_class`
        """
        session = _request_ctx_stack.top.session
        # flask01's own open_session never gives None (see _NullSession),
        # but one that overrides it may, as 0.1 allowed: no session then.
        if session is not None:
            self.save_session(session, response)
        for handler in self.after_request_funcs:
            response = handler(response)
        return response

    def wsgi_app(self, environ, start_response):
        """The WSGI application proper.

        :meth:`__call__` only forwards here, so that middleware can be
        wrapped around the application without losing it::

            app.wsgi_app = SomeMiddleware(app.wsgi_app)

        :param environ: the WSGI environment
        :param start_response: the WSGI server's callable that starts the
                               response
        """
        with self.request_context(environ):
            rv = self.preprocess_request()
            if rv is None:
                rv = self.dispatch_request()
            response = self.make_response(rv)
            response = self.process_response(response)
            return response(environ, start_response)

    def request_context(self, environ):
        """Return a request context for *environ*, to be used in a
        ``with`` block: inside it, :data:`request`, :data:`session` and
        :data:`g` refer to this request::

            with app.request_context(environ):
                do_something_with(request)

        :param environ: a WSGI environment
        """
        return _RequestContext(self, environ)

    def test_request_context(self, *args, **kwargs):
        """Return a request context for a request made up from the
        arguments, which are those of :func:`werkzeug.test.create_environ`
        (path, base URL, method, data, headers and so on)::

            with app.test_request_context('/hello?name=World'):
                assert request.args['name'] == 'World'
        """
        return self.request_context(create_environ(*args, **kwargs))

    def __call__(self, environ, start_response):
        """Forward to :meth:`wsgi_app`."""
        return self.wsgi_app(environ, start_response)


# The context locals.  The stack holds one _RequestContext per request
# being handled in this thread (or greenlet, or asyncio task); the proxies
# forward every operation to an attribute of the context on top.  Outside
# a request they raise RuntimeError with a message that says so, where
# Flask 0.1 failed with an AttributeError about NoneType.
_request_ctx_stack = LocalStack()


def _context_local(name):
    return LocalProxy(
        _request_ctx_stack,
        name,
        unbound_message="Working outside of request context: %s is only "
        "available while a request is handled (or inside "
        "app.test_request_context())." % name,
    )


current_app = _context_local("app")
request = _context_local("request")
session = _context_local("session")
g = _context_local("g")
