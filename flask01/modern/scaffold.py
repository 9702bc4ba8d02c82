"""What an application and a blueprint have in common.

A blueprint is a piece of an application that can be written before the
application exists: it has views, hooks, error handlers, templates and
static files of its own, and registering it on an application copies
them in.  So both need the same registries and the same decorators to
fill them; :class:`Scaffold` holds those, and :class:`~flask01.modern.Flask`
and :class:`~flask01.modern.Blueprint` each add what is theirs (the
application handles requests; the blueprint records what it will do once
registered).

Every registry is a dict keyed by a blueprint's dotted name.  A scaffold
files its own entries under ``None``; registering a blueprint copies its
entries into the application's registries under the blueprint's name (and
``name.key`` for those of blueprints nested in it).  A request then looks
up the names of the blueprints that handle it (``request.blueprints``) and
``None``, the application's own.
"""

import os
from collections import defaultdict
from functools import update_wrapper

from jinja2 import FileSystemLoader
from werkzeug.exceptions import HTTPException, default_exceptions

from .helpers import get_root_path, send_from_directory
from .templating import _default_template_ctx_processor

#: a default that means "not given", where ``None`` is a valid value
_sentinel = object()


def setupmethod(f):
    """Mark *f* as a method that changes the application's setup.

    Called once the setup is over (the application served its first
    request in debug mode, or a blueprint whose ``warn_on_modifications``
    is set was already registered), it fails an assertion: a decorator
    that runs that late usually means a module of views was imported too
    late, and its views would be missing for the requests already served.
    """

    def wrapper(self, *args, **kwargs):
        if self._is_setup_finished():
            raise AssertionError(
                "A setup function was called after the first request was handled.  "
                "This usually indicates a bug in the application where a module was "
                "not imported and decorators or other functionality was called too "
                "late.\nTo fix this make sure to import all your view modules, "
                "database models, and everything related at a central place before "
                "the application starts serving requests."
            )
        return f(self, *args, **kwargs)

    return update_wrapper(wrapper, f)


def _decorator_for(add, name):
    """A decorator that passes the function it decorates to *add*, with
    *name*, and returns it: the ``template_filter(name)`` form of
    ``add_template_filter(f, name)``, and its kin."""

    def decorator(f):
        add(f, name=name)
        return f

    return decorator


def _endpoint_from_view_func(view_func):
    """The endpoint a view gets when none is given: its function's name."""
    assert view_func is not None, "expected view func if endpoint is not provided."
    return view_func.__name__


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


class Scaffold:
    """The registries and decorators an application and a blueprint share.

    :param import_name: the module or package it lives in; its folder is
                        the ``root_path``
    :param static_folder: the folder of static files, relative to the
                          root path; ``None`` serves none
    :param static_url_path: the URL prefix of the static files, ``/`` and
                            the static folder's name by default
    :param template_folder: the folder of templates, relative to the root
                            path; ``None`` has none
    :param root_path: the folder the other paths are relative to, where
                      the import name cannot tell it
    """

    def __init__(
        self,
        import_name,
        static_folder=None,
        static_url_path=None,
        template_folder=None,
        root_path=None,
    ):
        self.import_name = import_name
        self.static_folder = static_folder
        self.static_url_path = static_url_path
        self.template_folder = template_folder
        self.root_path = root_path if root_path is not None else get_root_path(import_name)

        #: view functions by endpoint
        self.view_functions = {}
        #: error handlers: blueprint name, then status code (``None`` for
        #: exceptions that are not HTTP errors), then exception class
        self.error_handler_spec = defaultdict(lambda: defaultdict(dict))
        #: hooks by blueprint name (``None``: the application's own)
        self.before_request_funcs = defaultdict(list)
        self.after_request_funcs = defaultdict(list)
        self.teardown_request_funcs = defaultdict(list)
        self.template_context_processors = defaultdict(
            list, {None: [_default_template_ctx_processor]}
        )
        #: functions that take the endpoint and the matched values before
        #: the view runs, and may change the values
        self.url_value_preprocessors = defaultdict(list)
        #: functions that add values to ``url_for``'s arguments
        self.url_default_functions = defaultdict(list)

    def __repr__(self):
        return f"<{type(self).__name__} {self.name!r}>"

    def _is_setup_finished(self):
        raise NotImplementedError

    @property
    def cli(self):
        """The click group of this application or blueprint, an
        :class:`~flask01.modern.cli.AppGroup`: commands added with
        ``@app.cli.command()`` run in an application context, and the
        ``flask01`` command line finds them once it has loaded the
        application.  A blueprint's group joins the application's when the
        blueprint is registered.

        Flask 2.1.3 makes the group in the constructor; here it is made on
        first use and kept, so that an application nobody runs from the
        command line never imports click's machinery.  The application's
        group is named after it, a blueprint's gets its name at
        registration.  It may be replaced by assigning another group.
        """
        group = self.__dict__.get("cli")
        if group is None:
            group = self.__dict__["cli"] = self._new_cli_group()
        return group

    @cli.setter
    def cli(self, group):
        self.__dict__["cli"] = group

    def _new_cli_group(self):
        from .cli import AppGroup

        return AppGroup()

    # -- folders ----------------------------------------------------------

    @property
    def static_folder(self):
        """The absolute path of the static files' folder, or ``None``.
        Set it relative to ``root_path`` (a string or a path)."""
        if self._static_folder is None:
            return None
        return os.path.join(self.root_path, self._static_folder)

    @static_folder.setter
    def static_folder(self, value):
        self._static_folder = None if value is None else os.fspath(value).rstrip("/\\")

    @property
    def has_static_folder(self):
        """Whether static files are served."""
        return self.static_folder is not None

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

    def get_send_file_max_age(self, filename):
        """The ``max-age`` for a file sent by :func:`~flask01.modern.send_file`:
        ``SEND_FILE_MAX_AGE_DEFAULT`` of the current application, which by
        default is ``None`` (the browser revalidates with a conditional
        request)."""
        from .globals import current_app

        value = current_app.config["SEND_FILE_MAX_AGE_DEFAULT"]
        if value is None:
            return None
        if hasattr(value, "total_seconds"):
            return int(value.total_seconds())
        return value

    def send_static_file(self, filename):
        """The view behind the ``static`` endpoint."""
        if not self.has_static_folder:
            raise RuntimeError("'static_folder' must be set to serve static_files.")
        # The max age is asked of this scaffold, so a blueprint may set its own.
        return send_from_directory(
            self.static_folder, filename, max_age=self.get_send_file_max_age(filename)
        )

    @property
    def jinja_loader(self):
        """The loader for the template folder, or ``None`` without one;
        made on first use."""
        if "_jinja_loader" not in self.__dict__:
            folder = self.template_folder
            self._jinja_loader = (
                None if folder is None else FileSystemLoader(os.path.join(self.root_path, folder))
            )
        return self._jinja_loader

    def open_resource(self, resource, mode="rb"):
        """Open a file relative to ``root_path`` for reading."""
        if mode not in {"r", "rt", "rb"}:
            raise ValueError("Resources can only be opened for reading.")
        return open(os.path.join(self.root_path, resource), mode)

    # -- URL rules --------------------------------------------------------

    def add_url_rule(
        self, rule, endpoint=None, view_func=None, provide_automatic_options=None, **options
    ):
        raise NotImplementedError

    def route(self, rule, **options):
        """Decorate a view function to serve *rule*; the options are those
        of :meth:`~flask01.modern.Flask.add_url_rule` (``methods``, ``endpoint``, ``defaults``,
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

    @setupmethod
    def endpoint(self, endpoint):
        """Decorate a function to be the view of *endpoint*, for a rule
        added elsewhere (``add_url_rule`` without a view)."""

        def decorator(f):
            self.view_functions[endpoint] = f
            return f

        return decorator

    # -- hooks ------------------------------------------------------------

    @setupmethod
    def before_request(self, f):
        """Run *f* before each request (of this blueprint's views, for a
        blueprint); a value it returns answers the request instead of the
        view."""
        self.before_request_funcs[None].append(f)
        return f

    @setupmethod
    def after_request(self, f):
        """Pass each response through *f*.  The functions run in reverse
        order of registration."""
        self.after_request_funcs[None].append(f)
        return f

    @setupmethod
    def teardown_request(self, f):
        """Call *f* with the exception (or ``None``) when a request
        context is popped, whatever happened.  Reverse order of
        registration; return values are ignored."""
        self.teardown_request_funcs[None].append(f)
        return f

    @setupmethod
    def context_processor(self, f):
        """Register *f* to add variables to the context of every template
        rendered (by this blueprint's views, for a blueprint)."""
        self.template_context_processors[None].append(f)
        return f

    @setupmethod
    def url_value_preprocessor(self, f):
        """Register *f* to see the endpoint and the matched values before
        the before-request functions run; it may pop values that the
        views should not receive (a language code in the URL, say)."""
        self.url_value_preprocessors[None].append(f)
        return f

    @setupmethod
    def url_defaults(self, f):
        """Register *f* to add values to ``url_for``'s arguments (the
        language code the URL needs, say), changing the dict in place."""
        self.url_default_functions[None].append(f)
        return f

    # -- errors -----------------------------------------------------------

    @setupmethod
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

    @setupmethod
    def register_error_handler(self, code_or_exception, f):
        """:meth:`errorhandler` without the decorator.  An instance instead
        of a class is a ``ValueError``; a code no HTTP exception has is a
        ``KeyError`` that says to define one."""
        if isinstance(code_or_exception, HTTPException):
            raise ValueError(
                "Tried to register a handler for an exception instance "
                f"{code_or_exception!r}. Handlers can only be registered for "
                "exception classes or HTTP error codes."
            )
        try:
            exc_class, code = _exc_class_and_code(code_or_exception)
        except KeyError:
            raise KeyError(
                f"'{code_or_exception}' is not a recognized HTTP error code. Use a "
                "subclass of HTTPException with that code instead."
            ) from None
        self.error_handler_spec[None][code][exc_class] = f
