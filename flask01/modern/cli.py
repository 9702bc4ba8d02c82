"""The command line: finding the application, and the ``run``, ``shell``
and ``routes`` commands.

Flask's command line is a click group, :class:`FlaskGroup`, and the
``flask`` executable is nothing more than a call to its ``main``.  Ours
is the same group under a name of our own, ``flask01`` (the name
``flask`` belongs to Flask), installed as a console script that calls
:func:`main`::

    $ export FLASK_APP=hello.py
    $ flask01 run

What happens between the shell and the first request is the path this
module is read for:

1. :meth:`FlaskGroup.main` marks the process as started from the command
   line (``FLASK_RUN_FROM_CLI``, which turns a stray ``app.run()`` in the
   application's module into a warning), reads ``.env`` and ``.flaskenv``
   into the environment, and gives click a :class:`ScriptInfo`, the
   object every command asks for the application.
2. Nothing is imported yet.  The application is found only when a command
   needs it: :meth:`ScriptInfo.load_app` reads ``FLASK_APP`` (or looks for
   ``wsgi.py`` and ``app.py``), makes the path importable
   (:func:`prepare_import`), imports it and picks the application out of
   the module (:func:`locate_app`, :func:`find_best_app`).
3. ``run`` wraps that loading in a :class:`DispatchingApp` and hands it to
   Werkzeug's :func:`~werkzeug.serving.run_simple`, the same function
   :meth:`flask01.modern.Flask.run` calls: from there on a request takes
   the path of any other Werkzeug server.

Commands an application adds with ``@app.cli.command()`` live in the
application's own :class:`AppGroup`; :class:`FlaskGroup` asks the loaded
application for them when it does not know a command itself.

The behaviour is Flask 2.1.3's.  There, the environment alone chooses
the application and the mode: ``FLASK_APP``, ``FLASK_ENV`` and
``FLASK_DEBUG``, with no ``--app`` or ``--debug`` option; and ``run``
has ``--eager-loading/--lazy-loading``.
"""

import ast
import code
import inspect
import os
import platform
import re
import sys
import traceback
import warnings
from functools import update_wrapper
from importlib import metadata
from operator import attrgetter
from threading import Lock, Thread

import click
from werkzeug.utils import import_string

from .globals import current_app
from .helpers import get_debug_flag, get_env


def get_load_dotenv(default=True):
    """Whether ``.env`` and ``.flaskenv`` should be read: *default*,
    unless ``FLASK_SKIP_DOTENV`` is set, when it says (anything but ``0``,
    ``false`` and ``no`` skips them).

    An environment variable can turn the files off where the code that
    reads them cannot be changed: a deployment that sets its environment
    itself does not want a developer's ``.env`` to win.
    """
    value = os.environ.get("FLASK_SKIP_DOTENV")
    if not value:
        return default
    return value.lower() in ("0", "false", "no")


class NoAppException(click.UsageError):
    """The application could not be found or imported.

    A click usage error, so that a command that needs the application
    stops with the message and the usage line, exit status 2, instead of
    a traceback: a wrong ``FLASK_APP`` is a mistake on the command line.
    """


# -- finding the application ----------------------------------------------


def find_best_app(module):
    """The application in *module*, when the user named only the module.

    The guesses, in order: an attribute ``app`` or ``application`` that is
    an application; the one application among the module's globals (two
    or more are ambiguous, and an error); a factory ``create_app`` or
    ``make_app`` that can be called without arguments.  Anything else is a
    :class:`NoAppException` that says how to name the application.
    """
    # imported when used: the application's module may import this one
    # for app.cli, and neither then needs the other to be loaded first
    from .app import Flask

    for name in ("app", "application"):
        app = getattr(module, name, None)
        if isinstance(app, Flask):
            return app

    found = [value for value in module.__dict__.values() if isinstance(value, Flask)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise NoAppException(
            f"Detected multiple Flask applications in module {module.__name__!r}. Use "
            f"'FLASK_APP={module.__name__}:name' to specify the correct one."
        )

    for name in ("create_app", "make_app"):
        factory = getattr(module, name, None)
        if not inspect.isfunction(factory):
            continue
        try:
            app = factory()
        except TypeError as e:
            if not _called_with_wrong_args(factory):
                raise
            raise NoAppException(
                f"Detected factory {name!r} in module {module.__name__!r}, but could not "
                f"call it without arguments. Use \"FLASK_APP='{module.__name__}:{name}(args)'\""
                " to specify arguments."
            ) from e
        if isinstance(app, Flask):
            return app

    raise NoAppException(
        f"Failed to find Flask application or factory in module {module.__name__!r}. "
        f"Use 'FLASK_APP={module.__name__}:name' to specify one."
    )


def _called_with_wrong_args(f):
    """Whether the ``TypeError`` being handled came from calling *f* with
    the wrong arguments, rather than from inside *f*.

    Both look the same from outside; the traceback tells them apart.  If
    one of its frames is running *f*'s code, the call itself worked and the
    error is the factory's own, which must not be hidden behind "could not
    call it".
    """
    tb = sys.exc_info()[2]
    try:
        while tb is not None:
            if tb.tb_frame.f_code is f.__code__:
                return False
            tb = tb.tb_next
        return True
    finally:
        # A traceback holds its frames, and this frame holds the
        # traceback: drop it so the cycle does not wait for the collector.
        del tb


def find_app_by_string(module, app_name):
    """The application *app_name* names in *module*: the part of
    ``FLASK_APP`` after the colon.

    It is a variable (``module:app``) or a call of a factory with literal
    arguments (``module:create_app('dev', debug=True)``).  The text is
    parsed, never evaluated: only a plain name and Python literals are
    accepted, so ``FLASK_APP`` cannot run arbitrary code.
    """
    from .app import Flask

    try:
        expr = ast.parse(app_name.strip(), mode="eval").body
    except SyntaxError:
        raise NoAppException(
            f"Failed to parse {app_name!r} as an attribute name or function call."
        ) from None

    if isinstance(expr, ast.Name):
        name, args, kwargs = expr.id, [], {}
    elif isinstance(expr, ast.Call):
        if not isinstance(expr.func, ast.Name):
            raise NoAppException(f"Function reference must be a simple name: {app_name!r}.")
        name = expr.func.id
        try:
            args = [ast.literal_eval(arg) for arg in expr.args]
            kwargs = {kw.arg: ast.literal_eval(kw.value) for kw in expr.keywords}
        except ValueError:
            # literal_eval's own message names only the node it choked on
            raise NoAppException(
                f"Failed to parse arguments as literal values: {app_name!r}."
            ) from None
    else:
        raise NoAppException(f"Failed to parse {app_name!r} as an attribute name or function call.")

    try:
        attr = getattr(module, name)
    except AttributeError as e:
        raise NoAppException(f"Failed to find attribute {name!r} in {module.__name__!r}.") from e

    if inspect.isfunction(attr):
        try:
            app = attr(*args, **kwargs)
        except TypeError as e:
            if not _called_with_wrong_args(attr):
                raise
            raise NoAppException(
                f"The factory {app_name!r} in module {module.__name__!r} could not be "
                "called with the specified arguments."
            ) from e
    else:
        app = attr

    if isinstance(app, Flask):
        return app
    raise NoAppException(
        f"A valid Flask application was not obtained from '{module.__name__}:{app_name}'."
    )


def prepare_import(path):
    """The module name to import for *path*, with the folder it must be
    imported from put first on ``sys.path``.

    *path* may be a file (``src/hello.py``), a package folder or its
    ``__init__.py``, or a dotted name (``hello.web``).  A file inside a
    package is imported as part of the package (``pkg/views.py`` is
    ``pkg.views``, from the folder above ``pkg``), so that its relative
    imports work: the walk goes up while the folder has an
    ``__init__.py``.
    """
    path = os.path.realpath(path)
    stem, ext = os.path.splitext(path)
    if ext == ".py":
        path = stem
    if os.path.basename(path) == "__init__":
        path = os.path.dirname(path)

    names = []
    while True:
        path, name = os.path.split(path)
        names.append(name)
        if not os.path.exists(os.path.join(path, "__init__.py")):
            break

    if sys.path[0] != path:
        sys.path.insert(0, path)
    return ".".join(reversed(names))


def locate_app(module_name, app_name, raise_if_not_found=True):
    """Import *module_name* and find the application in it, by
    *app_name* (:func:`find_app_by_string`) or by guessing
    (:func:`find_best_app`).

    An ``ImportError`` means one of two things.  If the module itself (or
    a package it is in) is missing, it is "could not import", or ``None``
    when the caller is only trying (*raise_if_not_found* false).  If the
    module was found and an import inside it failed, the user must see
    that error, traceback included: it is a bug in their code, not a
    wrong name.

    Flask 2.1.3 tells the two apart by the traceback's depth (the
    module's own frame is in it only in the second case), which breaks
    as soon as something wraps ``__import__`` and adds a frame of its
    own.  The name the error carries says it directly.
    """
    __traceback_hide__ = True  # noqa: F841  (Werkzeug's debugger skips this frame)
    try:
        __import__(module_name)
    except ImportError as e:
        missing = isinstance(e, ModuleNotFoundError) and (
            module_name == e.name or module_name.startswith(f"{e.name}.")
        )
        if not missing:
            raise NoAppException(
                f"While importing {module_name!r}, an ImportError was raised:"
                f"\n\n{traceback.format_exc()}"
            ) from None
        if raise_if_not_found:
            raise NoAppException(f"Could not import {module_name!r}.") from None
        return None

    module = sys.modules[module_name]
    if app_name is None:
        return find_best_app(module)
    return find_app_by_string(module, app_name)


class ScriptInfo:
    """What the commands know about the application they work on: how to
    load it, and, once loaded, the application itself.

    :class:`FlaskGroup` makes one and hands it to click as the context
    object, so that every command reaches it (``pass_script_info``,
    :func:`with_appcontext`); a test may pass its own.

    :param app_import_path: where the application is, as ``FLASK_APP``
                            says it (the default)
    :param create_app: a function that returns the application; it wins
                       over the import path
    :param set_debug_flag: set the application's ``debug`` from
                           ``FLASK_DEBUG`` and ``FLASK_ENV`` once it is
                           loaded
    """

    def __init__(self, app_import_path=None, create_app=None, set_debug_flag=True):
        self.app_import_path = app_import_path or os.environ.get("FLASK_APP")
        self.create_app = create_app
        #: anything a command wants to keep for the commands after it
        self.data = {}
        self.set_debug_flag = set_debug_flag
        self._loaded_app = None

    def load_app(self):
        """The application, loaded the first time and kept: every command
        of one invocation works on the same object.

        Without ``create_app`` or an import path, ``wsgi.py`` and then
        ``app.py`` in the working folder are tried.  The path is split at
        its last meaningful colon, ``module:name``; a colon followed by a
        slash or backslash is part of a Windows drive (``C:\\app.py``).
        """
        __traceback_hide__ = True  # noqa: F841
        if self._loaded_app is not None:
            return self._loaded_app

        if self.create_app is not None:
            app = self.create_app()
        elif self.app_import_path:
            path, name = (re.split(r":(?![\\/])", self.app_import_path, maxsplit=1) + [None])[:2]
            app = locate_app(prepare_import(path), name)
        else:
            app = None
            for path in ("wsgi.py", "app.py"):
                app = locate_app(prepare_import(path), None, raise_if_not_found=False)
                if app:
                    break

        if not app:
            raise NoAppException(
                "Could not locate a Flask application. You did not provide the "
                '"FLASK_APP" environment variable, and a "wsgi.py" or "app.py" module '
                "was not found in the current directory."
            )

        if self.set_debug_flag:
            # through the property, so what depends on debug follows it
            app.debug = get_debug_flag()
        self._loaded_app = app
        return app


#: A decorator that passes the :class:`ScriptInfo` to a command as its
#: first argument, making one if the command runs without a
#: :class:`FlaskGroup` above it.
pass_script_info = click.make_pass_decorator(ScriptInfo, ensure=True)


def with_appcontext(f):
    """Run the command *f* inside an application context of the
    application the :class:`ScriptInfo` loads, so that it can use
    :data:`~flask01.modern.current_app` and :data:`~flask01.modern.g` as a
    view would (a database helper that reads ``current_app.config``).

    Loading waits until the command runs: ``--help`` never imports the
    application.  Commands registered on ``app.cli`` get this wrapping
    without asking (:class:`AppGroup`).
    """

    @click.pass_context
    def decorator(__ctx, *args, **kwargs):
        # __ctx: a name no command's own parameter will collide with
        with __ctx.ensure_object(ScriptInfo).load_app().app_context():
            return __ctx.invoke(f, *args, **kwargs)

    return update_wrapper(decorator, f)


class AppGroup(click.Group):
    """A click group whose commands run in an application context
    (:func:`with_appcontext`) unless they say ``with_appcontext=False``,
    and whose subgroups are of this class too.

    ``app.cli`` is one of these.  It is not the command line itself
    (:class:`FlaskGroup` is): it holds the application's commands until
    the command line asks for them.
    """

    def command(self, *args, **kwargs):
        """``click.Group.command``, wrapping the callback in
        :func:`with_appcontext` unless ``with_appcontext=False`` is
        passed.  Use it with parentheses, ``@app.cli.command()``."""
        wrap = kwargs.pop("with_appcontext", True)

        def decorator(f):
            if wrap:
                f = with_appcontext(f)
            return click.Group.command(self, *args, **kwargs)(f)

        return decorator

    def group(self, *args, **kwargs):
        """``click.Group.group``, making an :class:`AppGroup` unless
        another ``cls`` is given."""
        kwargs.setdefault("cls", AppGroup)
        return click.Group.group(self, *args, **kwargs)


# -- the command line -----------------------------------------------------


def get_version(ctx, param, value):
    """The ``--version`` option: print the versions of Python, of the
    Flask API this package implements (and which flask01 it is), and of
    Werkzeug, then exit.

    Werkzeug's version is read from the installed distribution:
    ``werkzeug.__version__`` is gone since Werkzeug 3.1.
    """
    if not value or ctx.resilient_parsing:
        return
    from . import __version__

    click.echo(
        f"Python {platform.python_version()}\n"
        f"Flask {__version__} (flask01.modern, flask01 {metadata.version('flask01')})\n"
        f"Werkzeug {metadata.version('werkzeug')}",
        color=ctx.color,
    )
    ctx.exit()


version_option = click.Option(
    ["--version"],
    help="Show the versions of Python, Flask (flask01) and Werkzeug.",
    expose_value=False,
    callback=get_version,
    is_flag=True,
    # eager: it answers before click looks for a command
    is_eager=True,
)


class FlaskGroup(AppGroup):
    """The command line: the built-in commands, commands that installed
    packages add, and the commands of the application it loads.

    The ``flask01`` executable is one of these (:data:`cli`); a project
    that wants a script of its own, with its own options or a fixed
    application factory, makes another::

        @click.group(cls=FlaskGroup, create_app=create_app)
        def cli():
            "Management script for the blog."

    :param add_default_commands: add ``run``, ``shell`` and ``routes``
    :param create_app: a function that returns the application; without
                       it, ``FLASK_APP`` says where the application is
    :param add_version_option: add ``--version``
    :param load_dotenv: read ``.env`` and ``.flaskenv`` before anything
                        else (:func:`load_dotenv`)
    :param set_debug_flag: set the application's ``debug`` from
                           ``FLASK_DEBUG`` and ``FLASK_ENV``
    """

    def __init__(
        self,
        add_default_commands=True,
        create_app=None,
        add_version_option=True,
        load_dotenv=True,
        set_debug_flag=True,
        **extra,
    ):
        params = list(extra.pop("params", None) or ())
        if add_version_option:
            params.append(version_option)
        super().__init__(params=params, **extra)
        self.create_app = create_app
        self.load_dotenv = load_dotenv
        self.set_debug_flag = set_debug_flag
        if add_default_commands:
            self.add_command(run_command)
            self.add_command(shell_command)
            self.add_command(routes_command)
        self._loaded_plugin_commands = False

    def _load_plugin_commands(self):
        """Add the commands installed packages declare, once.

        They are entry points of the group ``flask01.commands``.  Flask's
        own group, ``flask.commands``, is left to Flask: the commands
        there are written for Flask's command line and would look for
        Flask's :class:`ScriptInfo`, not ours.
        """
        if self._loaded_plugin_commands:
            return
        for entry_point in metadata.entry_points(group="flask01.commands"):
            self.add_command(entry_point.load(), entry_point.name)
        self._loaded_plugin_commands = True

    def get_command(self, ctx, name):
        """The command *name*: a built-in or plugin one if there is one (so
        that ``run --help`` works even when the application is broken),
        else one of the application's.  If the application cannot be
        found, say why and let click report the unknown command."""
        self._load_plugin_commands()
        command = super().get_command(ctx, name)
        if command is not None:
            return command
        info = ctx.ensure_object(ScriptInfo)
        try:
            return info.load_app().cli.get_command(ctx, name)
        except NoAppException as e:
            click.secho(f"Error: {e.format_message()}\n", err=True, fg="red")
            return None

    def list_commands(self, ctx):
        """All the command names, for ``--help``.  The help must come out
        even when the application does not load: the error is printed
        (only its message when the application was not found, the whole
        traceback when importing or creating it failed) and the built-in
        commands are listed."""
        self._load_plugin_commands()
        names = set(super().list_commands(ctx))
        info = ctx.ensure_object(ScriptInfo)
        try:
            names.update(info.load_app().cli.list_commands(ctx))
        except NoAppException as e:
            click.secho(f"Error: {e.format_message()}\n", err=True, fg="red")
        except Exception:
            click.secho(f"{traceback.format_exc()}\n", err=True, fg="red")
        return sorted(names)

    def main(self, *args, **kwargs):
        """Set the process up for the commands, then run click.

        ``FLASK_RUN_FROM_CLI`` tells :meth:`flask01.modern.Flask.run` that a
        server is the command line's business: a module that calls
        ``app.run()`` at import time would otherwise start a second server
        while being loaded.  Options also come from ``FLASK_*`` variables
        (``FLASK_RUN_PORT`` is ``run --port``).
        """
        os.environ["FLASK_RUN_FROM_CLI"] = "true"
        if get_load_dotenv(self.load_dotenv):
            load_dotenv()
        if kwargs.get("obj") is None:
            kwargs["obj"] = ScriptInfo(
                create_app=self.create_app, set_debug_flag=self.set_debug_flag
            )
        kwargs.setdefault("auto_envvar_prefix", "FLASK")
        return super().main(*args, **kwargs)


def load_dotenv(path=None):
    """Put the variables of ``.env`` and ``.flaskenv`` into
    ``os.environ``, where they are not set already; ``True`` if a file
    was read.

    Each file is the nearest one of its name, looking in the working
    folder and then up.  A variable already in the environment wins over
    both files, and ``.env`` (private settings, not in version control)
    wins over ``.flaskenv`` (the project's public settings), since it is
    read first.  The working folder does not change.

    Reading needs python-dotenv; without it this does nothing but say, if
    the files are there, that they are being ignored.

    :param path: read this file alone instead of looking; ``False`` if
                 it is not a file
    """
    try:
        import dotenv
    except ImportError:
        if path or os.path.isfile(".env") or os.path.isfile(".flaskenv"):
            click.secho(
                " * Tip: There are .env or .flaskenv files present."
                ' Do "pip install python-dotenv" to use them.',
                fg="yellow",
                err=True,
            )
        return False

    if path is not None:
        if os.path.isfile(path):
            return dotenv.load_dotenv(path, encoding="utf-8")
        return False

    loaded = False
    for name in (".env", ".flaskenv"):
        found = dotenv.find_dotenv(name, usecwd=True)
        if found:
            dotenv.load_dotenv(found, encoding="utf-8")
            loaded = True
    return loaded


def show_server_banner(env, debug, app_import_path, eager_loading):
    """Print what is being served, in which environment, and whether
    debug mode is on, with a warning in production that this server is
    for development.

    The reloader runs the command again in a child process
    (``WERKZEUG_RUN_MAIN`` set there); only the first run prints, so the
    banner is not repeated at every reload.
    """
    if os.environ.get("WERKZEUG_RUN_MAIN") == "true":
        return
    if app_import_path is not None:
        message = f" * Serving Flask app {app_import_path!r}"
        if not eager_loading:
            message += " (lazy loading)"
        click.echo(message)
    click.echo(f" * Environment: {env}")
    if env == "production":
        click.secho(
            "   WARNING: This is a development server. Do not use it in a production deployment.",
            fg="red",
        )
        click.secho("   Use a production WSGI server instead.", dim=True)
    if debug is not None:
        click.echo(f" * Debug mode: {'on' if debug else 'off'}")


def explain_ignored_app_run():
    """Warn that :meth:`flask01.modern.Flask.run` did nothing because the
    command line is serving the application.

    The reloader's child process, which loads the module again, stays
    quiet: the first process has warned already.  The warning points at
    the line that called ``app.run()``.
    """
    if os.environ.get("WERKZEUG_RUN_MAIN") != "true":
        warnings.warn(
            Warning(
                "Silently ignoring app.run() because the application is run from the "
                "flask01 command line executable. Consider putting app.run() behind an "
                'if __name__ == "__main__" guard to silence this warning.'
            ),
            stacklevel=3,
        )


class DispatchingApp:
    """The WSGI application ``run`` serves: it loads the real application
    through *loader* and hands every request to it.

    Eager loading (the default without the reloader) loads at once, so
    an error stops the command before the server starts.  Lazy loading
    (the default in the reloader's child process) loads in a background
    thread while the server starts: a broken application then does not
    kill the server the reloader is watching; the error is raised by the
    first request instead, where the debugger shows it in the browser,
    and the next request tries loading again.
    """

    def __init__(self, loader, use_eager_loading=None):
        self.loader = loader
        self._app = None
        self._lock = Lock()
        self._bg_loading_exc = None
        if use_eager_loading is None:
            use_eager_loading = os.environ.get("WERKZEUG_RUN_MAIN") != "true"
        if use_eager_loading:
            self._load_unlocked()
        else:
            self._load_in_background()

    def _load_in_background(self):
        # The loader may need the ScriptInfo, which it finds through
        # click's current context; click keeps that per thread, so the
        # thread is given this one.
        ctx = click.get_current_context(silent=True)

        def load():
            __traceback_hide__ = True  # noqa: F841
            with self._lock:
                if ctx is not None:
                    click.globals.push_context(ctx)
                try:
                    self._load_unlocked()
                except Exception as e:
                    self._bg_loading_exc = e

        Thread(target=load).start()

    def _flush_bg_loading_exception(self):
        """Raise, once, the error of the background loading."""
        __traceback_hide__ = True  # noqa: F841
        exc = self._bg_loading_exc
        if exc is not None:
            self._bg_loading_exc = None
            raise exc

    def _load_unlocked(self):
        __traceback_hide__ = True  # noqa: F841
        self._app = app = self.loader()
        self._bg_loading_exc = None
        return app

    def __call__(self, environ, start_response):
        __traceback_hide__ = True  # noqa: F841
        if self._app is not None:
            return self._app(environ, start_response)
        self._flush_bg_loading_exception()
        # The lock waits for a background load still running; if that
        # failed, the load is tried again here.
        with self._lock:
            app = self._app if self._app is not None else self._load_unlocked()
            return app(environ, start_response)


# -- the run command's options ----------------------------------------------


class CertParamType(click.ParamType):
    """``run --cert``: a certificate file, ``adhoc`` (a certificate made
    up on the spot, which needs the ``cryptography`` package), or the
    import name of an :class:`ssl.SSLContext` object."""

    name = "path"

    def __init__(self):
        self.path_type = click.Path(exists=True, dir_okay=False, resolve_path=True)

    def convert(self, value, param, ctx):
        try:
            import ssl
        except ImportError:
            raise click.BadParameter(
                'Using "--cert" requires Python to be compiled with SSL support.', ctx, param
            ) from None

        try:
            return self.path_type(value, param, ctx)
        except click.BadParameter:
            value = click.STRING(value, param, ctx).lower()
            if value == "adhoc":
                try:
                    import cryptography  # noqa: F401
                except ImportError:
                    raise click.BadParameter(
                        "Using ad-hoc certificates requires the cryptography library.",
                        ctx,
                        param,
                    ) from None
                return value
            context = import_string(value, silent=True)
            if isinstance(context, ssl.SSLContext):
                return context
            # neither a file nor a context: the path's error says most
            raise


def _validate_key(ctx, param, value):
    """``run --key``: required with a certificate file, refused with
    ``adhoc`` or an ``SSLContext``.  With a file, the two become the
    ``(cert, key)`` pair :func:`~werkzeug.serving.run_simple` takes as its
    ``ssl_context``.  ``--cert`` is eager, so it is converted first
    whatever the order on the command line."""
    cert = ctx.params.get("cert")
    is_adhoc = cert == "adhoc"
    try:
        import ssl
    except ImportError:
        is_context = False
    else:
        is_context = isinstance(cert, ssl.SSLContext)

    if value is not None:
        if is_adhoc:
            raise click.BadParameter('When "--cert" is "adhoc", "--key" is not used.', ctx, param)
        if is_context:
            raise click.BadParameter(
                'When "--cert" is an SSLContext object, "--key is not used.', ctx, param
            )
        if not cert:
            raise click.BadParameter('"--cert" must also be specified.', ctx, param)
        ctx.params["cert"] = cert, value
    elif cert and not (is_adhoc or is_context):
        raise click.BadParameter('Required when using "--cert".', ctx, param)
    return value


class SeparatedPathType(click.Path):
    """Several paths in one option value, separated as in ``PATH``
    (``:``, ``;`` on Windows), each checked as a ``click.Path``."""

    def convert(self, value, param, ctx):
        convert_one = super().convert
        return [convert_one(item, param, ctx) for item in self.split_envvar_value(value)]


# -- the commands -----------------------------------------------------------


@click.command("run", short_help="Serve the application for development.")
@click.option("--host", "-h", default="127.0.0.1", help="The address to listen on.")
@click.option("--port", "-p", default=5000, help="The port to listen on.")
@click.option(
    "--cert",
    type=CertParamType(),
    help="Serve HTTPS: a certificate file, 'adhoc', or the import name of an SSLContext.",
    is_eager=True,
)
@click.option(
    "--key",
    type=click.Path(exists=True, dir_okay=False, resolve_path=True),
    callback=_validate_key,
    expose_value=False,
    help="The private key of the --cert file.",
)
@click.option(
    "--reload/--no-reload",
    default=None,
    help="Restart the server when a source file changes (on in debug mode by default).",
)
@click.option(
    "--debugger/--no-debugger",
    default=None,
    help="Show Werkzeug's debugger on errors (on in debug mode by default).",
)
@click.option(
    "--eager-loading/--lazy-loading",
    default=None,
    help="Load the application before serving, or in the background while the server "
    "starts (eager by default without the reloader).",
)
@click.option(
    "--with-threads/--without-threads",
    default=True,
    help="Handle each request in a thread of its own (on by default).",
)
@click.option(
    "--extra-files",
    default=None,
    type=SeparatedPathType(),
    help=f"More files whose change restarts the server, separated by {os.path.pathsep!r}.",
)
@click.option(
    "--exclude-patterns",
    default=None,
    type=SeparatedPathType(),
    help="fnmatch patterns of files whose change does not restart the server, separated by "
    f"{os.path.pathsep!r}.",
)
@pass_script_info
def run_command(
    info,
    host,
    port,
    reload,
    debugger,
    eager_loading,
    with_threads,
    cert,
    extra_files,
    exclude_patterns,
):
    """Serve the application with Werkzeug's development server.

    The server is meant for working on the application, not for
    deployment: use a production WSGI server there.

    With FLASK_ENV=development or FLASK_DEBUG=1 the reloader and the
    debugger are on unless switched off here.
    """
    # The application's own debug setting is not known yet (it is not
    # loaded); like the application's, the default comes from the
    # environment.
    debug = get_debug_flag()
    if reload is None:
        reload = debug
    if debugger is None:
        debugger = debug

    show_server_banner(get_env(), debug, info.app_import_path, eager_loading)
    app = DispatchingApp(info.load_app, use_eager_loading=eager_loading)

    from werkzeug.serving import run_simple

    run_simple(
        host,
        port,
        app,
        use_reloader=reload,
        use_debugger=debugger,
        threaded=with_threads,
        ssl_context=cert,
        extra_files=extra_files,
        exclude_patterns=exclude_patterns,
    )


@click.command("shell", short_help="Start a shell in an application context.")
@with_appcontext
def shell_command():
    """Start an interactive Python shell inside an application context.

    The application is loaded and its context pushed, so code typed here
    works as it would in a command (current_app, g, the database helpers).
    The namespace holds `app`, `g` and whatever the application's shell
    context processors add.
    """
    app = current_app._get_current_object()
    banner = (
        f"Python {sys.version} on {sys.platform}\n"
        f"App: {app.import_name} [{app.env}]\n"
        f"Instance: {app.instance_path}"
    )
    namespace = {}

    # what the user's PYTHONSTARTUP file defines, as in a plain `python`
    startup = os.environ.get("PYTHONSTARTUP")
    if startup and os.path.isfile(startup):
        with open(startup) as f:
            exec(compile(f.read(), startup, "exec"), namespace)

    namespace.update(app.make_shell_context())

    # Python's interactive mode calls sys.__interactivehook__ (readline,
    # completion, history); code.interact does not, so it is called here,
    # with completion over the shell's namespace instead of __main__'s.
    interactive_hook = getattr(sys, "__interactivehook__", None)
    if interactive_hook is not None:
        try:
            import readline
            from rlcompleter import Completer
        except ImportError:
            pass
        else:
            readline.set_completer(Completer(namespace).complete)
        interactive_hook()

    code.interact(banner=banner, local=namespace)


@click.command("routes", short_help="List the URL rules.")
@click.option(
    "--sort",
    "-s",
    type=click.Choice(("endpoint", "methods", "rule", "match")),
    default="endpoint",
    help='How to sort the rules; "match" is the order in which a request tries them.',
)
@click.option("--all-methods", is_flag=True, help="Also show HEAD and OPTIONS.")
@with_appcontext
def routes_command(sort, all_methods):
    """List the application's URL rules, with endpoint and methods."""
    rules = list(current_app.url_map.iter_rules())
    if not rules:
        click.echo("No routes were registered.")
        return

    # HEAD and OPTIONS come with nearly every rule; they are noise unless asked for
    hidden = set() if all_methods else {"HEAD", "OPTIONS"}
    if sort in ("endpoint", "rule"):
        rules.sort(key=attrgetter(sort))
    elif sort == "methods":
        rules.sort(key=lambda rule: sorted(rule.methods))
    # "match": iter_rules gives the rules in the order the map tries them

    table = [(rule.endpoint, ", ".join(sorted(rule.methods - hidden)), rule.rule) for rule in rules]
    headers = ("Endpoint", "Methods", "Rule")
    widths = [max(len(cell) for cell in column) for column in zip(headers, *table, strict=True)]

    def line(cells):
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))

    click.echo(line(headers).strip())
    click.echo(line("-" * width for width in widths))
    for cells in table:
        click.echo(line(cells).rstrip())


#: The command line of the ``flask01`` executable.
cli = FlaskGroup(
    help="""\
A general utility script for flask01.modern applications.

Provides the built-in commands, commands of installed packages, and the
application's own. Loads the application named by the FLASK_APP
environment variable, or from a wsgi.py or app.py file. Setting the
FLASK_ENV environment variable to 'development' enables debug mode.

\b
  {prefix}{cmd} FLASK_APP=hello.py
  {prefix}{cmd} FLASK_ENV=development
  {prefix}flask01 run
""".format(
        cmd="export" if os.name == "posix" else "set",
        prefix="$ " if os.name == "posix" else "> ",
    )
)


def main():
    """The ``flask01`` console script."""
    cli.main()


if __name__ == "__main__":  # pragma: no cover - python -m, in a process of its own
    main()
