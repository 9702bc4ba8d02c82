"""The functions a view calls: URLs, flashing, JSON, files, errors.

Most of them read the current application and request from the context
stacks, exactly as flask01's did from its single stack; the difference a
reader will notice is that :func:`url_for` also works with only an
application context (given a ``SERVER_NAME``), and that files are sent by
Werkzeug with the fix for Werkzeug issue 3039 described at
:func:`send_file`.
"""

import dataclasses
import decimal
import importlib.util
import json
import os
import sys
import uuid
from datetime import date
from urllib.parse import quote

import werkzeug.utils
from werkzeug.exceptions import abort  # noqa: F401  (re-exported)
from werkzeug.http import http_date
from werkzeug.utils import redirect  # noqa: F401  (re-exported)
from werkzeug.wsgi import FileWrapper

from .globals import _app_ctx_stack, _request_ctx_stack, current_app, request, session
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
            "url_for() needs an application context.  Push one with "
            "app.app_context(), or call it while a request is handled."
        )
    if reqctx is not None:
        adapter = reqctx.url_adapter
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

    old_scheme = adapter.url_scheme
    if scheme is not None:
        adapter.url_scheme = scheme
    try:
        rv = adapter.build(endpoint, values, method=method, force_external=external)
    finally:
        adapter.url_scheme = old_scheme
    if anchor is not None:
        rv += "#" + quote(anchor, safe="%!#$&'()*+,/:;=?@")
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
        return [message for _, message in flashes]
    return flashes


def _json_default(o):
    """Encode the values Flask's JSON encoder knows beyond plain JSON."""
    if isinstance(o, date):
        return http_date(o)
    if isinstance(o, (decimal.Decimal, uuid.UUID)):
        return str(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return dataclasses.asdict(o)
    if hasattr(o, "__html__"):
        return str(o.__html__())
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def jsonify(*args, **kwargs):
    """A JSON response of the arguments: one positional argument as it
    is, several as a list, keyword arguments as an object.  In debug mode
    (or with ``JSONIFY_PRETTYPRINT_REGULAR``) the JSON is indented."""
    config = current_app.config
    if args and kwargs:
        raise TypeError("jsonify() behavior undefined when passed both args and kwargs")
    data = args[0] if len(args) == 1 else (args or kwargs)
    pretty = config["JSONIFY_PRETTYPRINT_REGULAR"] or current_app.debug
    text = json.dumps(
        data,
        indent=2 if pretty else None,
        separators=(", ", ": ") if pretty else (",", ":"),
        sort_keys=config["JSON_SORT_KEYS"],
        ensure_ascii=config["JSON_AS_ASCII"],
        default=_json_default,
    )
    return current_app.response_class(text + "\n", mimetype=config["JSONIFY_MIMETYPE"])


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
        try:
            self._file.close()
        finally:
            response, self._response = self._response, None
            if response is not None:
                response.close()


def _send(werkzeug_send, *args, **kwargs):
    """Call Werkzeug's *werkzeug_send* with this application's settings,
    and tie the file it opens to the response it returns."""
    # The request first: outside one, the error says so, as in Flask 2.1.3.
    environ = request.environ
    app = current_app._get_current_object()
    bodies = []
    server_wrapper = environ.get("wsgi.file_wrapper", FileWrapper)

    def file_wrapper(file, block_size=8192):
        body = _ClosesResponse(file)
        bodies.append(body)
        return server_wrapper(body, block_size)

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
