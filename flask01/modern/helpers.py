"""The functions a view calls: URLs, flashing, JSON, files, errors.

Most of them read the current application and request from the context
stacks, exactly as flask01's did from its single stack; the difference a
reader will notice is that :func:`url_for` also works with only an
application context (given a ``SERVER_NAME``), and that files are sent by
Werkzeug with the fix for Werkzeug issue 3039 described at
:func:`send_file`.
"""

import importlib.util
import os
import pathlib
import sys
from functools import cache, update_wrapper

import werkzeug.utils
from werkzeug.exceptions import abort  # noqa: F401  (re-exported)
from werkzeug.routing import BuildError
from werkzeug.wsgi import FileWrapper

# Werkzeug 2.1's redirect (the target made a URI as 2.1 made it), with
# control characters in the target encoded (a CR or LF is no 500)
from ._werkzeug21 import content_disposition as _content_disposition
from ._werkzeug21 import quote as _quote21
from ._werkzeug21 import redirect  # noqa: F401  (re-exported)
from .globals import _app_ctx_stack, _request_ctx_stack, current_app, request, session
from .json import jsonify  # noqa: F401  (its home is .json; kept importable here)
from .signals import message_flashed


def get_root_path(import_name):
    """The folder of the module or package *import_name*, where the
    application looks for its templates, static files and resources.

    An imported module answers with its ``__file__``; one that is not
    imported yet is found without importing it.  A module without a file
    (``__main__`` in an interactive session) gives the current working
    directory, as in Flask.  A namespace package has no one folder, and
    the application must be given its ``root_path``.
    """
    module = sys.modules.get(import_name)
    if module is not None and getattr(module, "__file__", None) is not None:
        return os.path.dirname(os.path.abspath(module.__file__))
    try:
        spec = importlib.util.find_spec(import_name)
    except (ImportError, ValueError):  # ValueError: a module without a spec
        spec = None
    if spec is None or import_name == "__main__":
        return os.getcwd()
    if not spec.has_location:
        raise RuntimeError(
            f"No root path can be found for {import_name!r}: it is a namespace "
            "package or comes from an import hook that gives no file name.  "
            "Pass root_path to the application."
        )
    return os.path.dirname(os.path.abspath(spec.origin))


def get_env():
    """The environment the application runs in: ``FLASK_ENV``, else
    ``"production"``."""
    return os.environ.get("FLASK_ENV") or "production"


def get_debug_flag():
    """Whether debug mode is asked for: ``FLASK_DEBUG`` if it is set
    (anything but ``0``, ``false`` and ``no`` is on), else whether the
    environment is ``"development"``."""
    value = os.environ.get("FLASK_DEBUG")
    if not value:
        return get_env() == "development"
    return value.lower() not in ("0", "false", "no")


def find_package(import_name):
    """The prefix *import_name* is installed under, and the folder on
    ``sys.path`` it is imported from.

    The prefix is ``sys.prefix`` for a package installed with Python, the
    virtual environment's folder for one in its ``site-packages``, and
    ``None`` for a package that is not installed (imported from a project
    folder), which keeps its instance folder next to it.
    """
    package_path = _find_package_path(import_name)
    prefix = os.path.abspath(sys.prefix)
    if pathlib.PurePath(package_path).is_relative_to(prefix):
        return prefix, package_path
    site_parent, site_folder = os.path.split(package_path)
    if site_folder.lower() == "site-packages":
        parent, folder = os.path.split(site_parent)
        if folder.lower() == "lib":  # prefix/lib/site-packages (Windows)
            return parent, package_path
        if os.path.basename(parent).lower() == "lib":  # prefix/lib/pythonX.Y/site-packages
            return os.path.dirname(parent), package_path
        return site_parent, package_path  # prefix/site-packages
    return None, package_path


def _find_package_path(import_name):
    """The folder on ``sys.path`` that holds *import_name*'s top-level
    package or module; the working directory when it cannot be found."""
    root_name = import_name.partition(".")[0]
    try:
        root_spec = importlib.util.find_spec(root_name)
    except (ImportError, ValueError):  # ValueError: __main__, or no spec
        root_spec = None
    if root_spec is None:
        return os.getcwd()
    if root_spec.origin in {"namespace", None}:
        # A namespace package spans several folders: pick the one that
        # holds the submodule asked for, else the first.
        locations = list(root_spec.submodule_search_locations)
        spec = importlib.util.find_spec(import_name)
        if spec is not None and spec.submodule_search_locations:
            inner = pathlib.Path(os.path.commonpath(spec.submodule_search_locations))
            locations = [loc for loc in locations if inner.is_relative_to(loc)] or locations
        return os.path.dirname(locations[0])
    if root_spec.submodule_search_locations:  # a package: root/package/__init__.py
        return os.path.dirname(os.path.dirname(root_spec.origin))
    return os.path.dirname(root_spec.origin)  # a module: root/module.py


@cache
def _split_blueprint_path(name):
    """``"a.b.c"`` and its parents, innermost first: ``["a.b.c", "a.b", "a"]``."""
    names = [name]
    if "." in name:
        names.extend(_split_blueprint_path(name.rpartition(".")[0]))
    return names


def url_for(endpoint, **values):
    """Build the URL of *endpoint*.

    Inside a request the URL is relative to the server (``/user/1``);
    with only an application context it is absolute and needs the
    ``SERVER_NAME`` config key.  Besides the rule's values it accepts
    ``_external`` (absolute URL), ``_anchor`` (a ``#fragment``),
    ``_method`` (pick the rule for that method) and ``_scheme`` (with
    ``_external``).  Values the rule does not use become the query string.
    """
    appctx = _app_ctx_stack.top
    reqctx = _request_ctx_stack.top
    if appctx is None:
        raise RuntimeError(
            "Attempted to generate a URL without the application context being "
            "pushed. This has to be executed when application context is "
            "available."
        )
    if reqctx is not None:
        adapter = reqctx.url_adapter
        if endpoint[:1] == ".":
            # relative to the blueprint handling the request
            blueprint = reqctx.request.blueprint
            endpoint = f"{blueprint}{endpoint}" if blueprint is not None else endpoint[1:]
        external = values.pop("_external", False)
    else:
        adapter = appctx.url_adapter
        if adapter is None:
            raise RuntimeError(
                "url_for() outside a request needs to know the server: "
                "set the SERVER_NAME config key."
            )
        external = values.pop("_external", True)
    anchor = values.pop("_anchor", None)
    method = values.pop("_method", None)
    scheme = values.pop("_scheme", None)
    if scheme is not None and not external:
        raise ValueError("When specifying _scheme, _external must be True")
    appctx.app.inject_url_defaults(endpoint, values)

    old_scheme = adapter.url_scheme
    if scheme is not None:
        adapter.url_scheme = scheme
    try:
        rv = adapter.build(endpoint, values, method=method, force_external=external)
    except BuildError as error:
        # The application's build error handlers get the special values too.
        values.update(_external=external, _anchor=anchor, _method=method, _scheme=scheme)
        return appctx.app.handle_url_build_error(error, endpoint, values)
    finally:
        adapter.url_scheme = old_scheme
    if anchor is not None:
        # quoted as Werkzeug 2.1's url_quote did: "/", ":" and the
        # unreserved and sub-delimiter characters but "&" and "=" stay
        rv += "#" + _quote21(anchor)
    return rv


def flash(message, category="message"):
    """Queue *message* in the session for the next request that calls
    :func:`get_flashed_messages`, with a *category* such as ``'error'``.
    """
    flashes = session.get("_flashes", [])
    flashes.append((category, message))
    session["_flashes"] = flashes
    message_flashed.send(current_app._get_current_object(), message=message, category=category)


def get_flashed_messages(with_categories=False, category_filter=()):
    """Take the flashed messages out of the session.

    The first call in a request empties the queue; later calls in the
    same request see the same messages.  With *with_categories* the
    messages come as ``(category, message)`` tuples; *category_filter*
    keeps only the listed categories.
    """
    reqctx = _request_ctx_stack.top
    flashes = reqctx.flashes
    if flashes is None:
        flashes = session.pop("_flashes") if "_flashes" in session else []
        reqctx.flashes = flashes
    if category_filter:
        flashes = [f for f in flashes if f[0] in category_filter]
    if not with_categories:
        # indexed, not unpacked: a corrupt entry fails as in Flask 2.1.3
        return [flashed[1] for flashed in flashes]
    return flashes


def make_response(*args):
    """Turn view-style return values into a response object, so that a
    view can add headers before returning it::

        response = make_response(render_template('index.html'), 200)
        response.headers['X-Parachutes'] = 'parachutes are cool'
    """
    if not args:
        return current_app.response_class()
    if len(args) == 1:
        args = args[0]
    return current_app.make_response(args)


class _ClosesResponse:
    """A file that, when closed, also closes the response it is the body of.

    Werkzeug sends a file as a ``direct_passthrough`` response: the WSGI
    server receives the server's own ``wsgi.file_wrapper`` around the file
    and closes *that*, never the :class:`~flask01.modern.Response`.  The
    callbacks registered with ``response.call_on_close`` therefore never
    ran (Werkzeug issue 3039).  Putting this thin layer between the file
    and the file wrapper closes the response when the server closes the
    file.  Everything else (``read``, ``seek``, ``tell`` and above all
    ``fileno``, which servers use for zero-copy ``sendfile``) reaches the
    real file unchanged.
    """

    def __init__(self, file):
        self._file = file
        self._response = None
        # A file wrapper calls ``read`` once per block, 131,072 times for
        # a 1 GiB file in 8 KiB blocks; found here, the method is one
        # attribute lookup instead of a trip through ``__getattr__``.
        self.read = file.read

    def __getattr__(self, name):
        return getattr(self._file, name)

    def __iter__(self):
        return iter(self._file)

    def close(self):
        _close_then_the_response(self._file.close, self)


class _FileWrapperClosesResponse(FileWrapper):
    """Werkzeug's own file wrapper, which closes the response after the
    file: the body when the server offers no ``wsgi.file_wrapper`` (the
    test client, a call in process).  No server looks for its own wrapper
    class here, so the wrapper itself can close the response, and the
    file is read without :class:`_ClosesResponse` in between (a 1 GiB
    body is 131,072 calls of ``read``, where that layer cost about 1%)."""

    _response = None

    def close(self):
        _close_then_the_response(super().close, self)


def _close_then_the_response(close, body):
    """Call *close*, then close the response *body* is tied to, once."""
    try:
        close()
    finally:
        response, body._response = body._response, None
        if response is not None:
            response.close()


def _send(werkzeug_send, *args, **kwargs):
    """Call Werkzeug's *werkzeug_send* with this application's settings,
    and tie the file it opens to the response it returns."""
    # The request first: outside one, the error says so, as in Flask 2.1.3.
    environ = request.environ
    app = current_app._get_current_object()
    bodies = []
    server_wrapper = environ.get("wsgi.file_wrapper")

    def file_wrapper(file, block_size=8192):
        if server_wrapper is None:
            body = wrapper = _FileWrapperClosesResponse(file, block_size)
        else:
            body = _ClosesResponse(file)
            wrapper = server_wrapper(body, block_size)
        bodies.append(body)
        return wrapper

    if kwargs.get("max_age") is None:
        kwargs["max_age"] = app.get_send_file_max_age
    rv = werkzeug_send(
        *args,
        environ={**environ, "wsgi.file_wrapper": file_wrapper},
        use_x_sendfile=app.config["USE_X_SENDFILE"],
        response_class=app.response_class,
        _root_path=app.root_path,
        **kwargs,
    )
    for body in bodies:
        body._response = rv
    # Werkzeug 2.2 and later also advertise range support on full
    # responses; the Werkzeug 2.1 that Flask 2.1.3 ran on did so only on
    # a 206, and flask01.modern answers as Flask 2.1.3 did.
    if rv.status_code != 206:
        rv.headers.pop("Accept-Ranges", None)
    # The download name written as Werkzeug 2.1.2 wrote it ("filename="
    # bare when empty, "filename*" escaped by its own rules)
    name = kwargs.get("download_name")
    if name is not None and "Content-Disposition" in rv.headers:
        kind = rv.headers["Content-Disposition"].partition(";")[0]
        rv.headers["Content-Disposition"] = _content_disposition(kind, name)
    return rv


def send_file(
    path_or_file,
    mimetype=None,
    as_attachment=False,
    download_name=None,
    conditional=True,
    etag=True,
    last_modified=None,
    max_age=None,
):
    """Send a file: a path (relative to the application's root path) or
    a binary file object.

    The response supports conditional requests (``If-None-Match``,
    ``If-Modified-Since``, 304) and byte ranges (206), and hands the file
    to the server's ``wsgi.file_wrapper`` so that it can use ``sendfile``.
    Never pass a path that came from a client: use
    :func:`send_from_directory`.

    Unlike Flask, the response is closed when the server closes the file,
    so ``response.call_on_close`` callbacks run exactly once, after the
    body is sent, also for HEAD, 304, range responses and clients that
    disconnect early.
    """
    return _send(
        werkzeug.utils.send_file,
        path_or_file,
        mimetype=mimetype,
        as_attachment=as_attachment,
        download_name=download_name,
        conditional=conditional,
        etag=etag,
        last_modified=last_modified,
        max_age=max_age,
    )


def send_from_directory(directory, path, **kwargs):
    """Send the file *path* from *directory*, refusing with 404 any path
    that would leave the directory (``..``, absolute paths, backslashes
    on Windows) or that is not a file.  *directory* is relative to the
    application's root path.  Other arguments are those of
    :func:`send_file`, except that ``etag`` is off unless asked for: Flask
    2.1.3 passed ``etag=None`` to Werkzeug here, so neither these files
    nor static files carried an ``ETag``.
    """
    kwargs.setdefault("etag", None)
    return _send(
        werkzeug.utils.send_from_directory, os.fspath(directory), os.fspath(path), **kwargs
    )


def stream_with_context(generator_or_function):
    """Keep the request context for as long as a streamed body runs.

    A streamed response's generator runs after the view has returned,
    while the server sends the body, and by then ``wsgi_app`` has popped
    the request context: ``request`` inside the generator fails.  Wrapped
    in this, the generator pushes the same context again before its first
    step and pops it after its last, so the context (and its teardown)
    lasts until the body is sent::

        @app.route("/stream")
        def stream():
            def lines():
                yield f"hello {request.args['name']}\\n"
            return Response(stream_with_context(lines()))

    It also decorates a generator function directly.
    """
    try:
        gen = iter(generator_or_function)
    except TypeError:  # a generator function: wrap what each call returns

        def decorator(*args, **kwargs):
            return stream_with_context(generator_or_function(*args, **kwargs))

        return update_wrapper(decorator, generator_or_function)

    def generator():
        ctx = _request_ctx_stack.top
        if ctx is None:
            raise RuntimeError(
                "Attempted to stream with context but there was no context in the "
                "first place to keep around."
            )
        with ctx:
            # The first step, taken below while the view still runs, only
            # enters the block: that push is what keeps the context.
            yield None
            try:
                yield from gen
            finally:
                close = getattr(gen, "close", None)
                if close is not None:
                    close()

    wrapped = generator()
    next(wrapped)
    return wrapped


def get_template_attribute(template_name, attribute):
    """A macro (or any variable) exported by the template *template_name*,
    to call from Python: ``get_template_attribute("_macros.html", "hello")("World")``."""
    return getattr(current_app.jinja_env.get_template(template_name).module, attribute)
