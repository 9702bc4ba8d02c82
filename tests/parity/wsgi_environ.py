# -*- coding: utf-8 -*-
"""The WSGI environ the harnesses send a request as.

The parity driver (``driver.py``, Python 2.7 and 3) and the modern_parity
generated worker (``tests/modern_parity/generated/worker.py``) call the
application themselves with an environ built here, so that both sides of
a comparison receive the same bytes whatever their Werkzeug's test tools
would do.  It runs on Python 2.7 and 3 alike.
"""

import io
import sys

if sys.version_info[0] == 2:  # pragma: no cover - exercised by the parity session only
    from urllib import unquote as _native_path

    def _native(text):
        return text.encode("latin-1") if isinstance(text, unicode) else text  # noqa: F821
else:
    from urllib.parse import unquote_to_bytes

    def _native_path(path):
        return unquote_to_bytes(path).decode("latin-1")

    def _native(text):
        return text


def wsgi_environ(method, path, query, headers, body, content_type=None, cookies=None):
    """The environ of a request to ``http://localhost``: *path* is
    percent-encoded ASCII, decoded into ``PATH_INFO`` one character a
    byte; *headers* are ``(name, value)`` pairs; *body* is bytes, with a
    ``Content-Length`` when there is one or the method is POST; *cookies*,
    a dict, go in one ``Cookie`` header, sorted by name."""
    headers = list(headers)
    if cookies:
        pairs = sorted(cookies.items())
        headers.append(("Cookie", "; ".join("%s=%s" % kv for kv in pairs)))
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": _native_path(path),
        "QUERY_STRING": query,
        "SERVER_NAME": "localhost",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "localhost",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }
    if body or method == "POST":
        environ["CONTENT_LENGTH"] = str(len(body))
    if content_type:
        environ["CONTENT_TYPE"] = content_type
    for name, value in headers:
        environ["HTTP_" + name.upper().replace("-", "_")] = _native(value)
    return environ
