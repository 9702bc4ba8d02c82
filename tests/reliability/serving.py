"""The real servers the reliability tests run under, on 127.0.0.1.

* ``werkzeug``: Werkzeug's threaded development server, in a thread of
  the test process (:func:`tests.servers.threaded_server`);
* ``gunicorn-sync``: gunicorn with its default worker, one request at a
  time per process;
* ``gunicorn-gthread``: gunicorn's threaded worker;
* ``waitress``: waitress, a thread pool behind one event loop.

The last three run in a child process (:func:`tests.servers.script_server`),
which builds the application by importing a factory by name, so a test
gives the factory as ``"module:function"``.  Each is started and stopped
by the test (or the fixture) that uses it; tests that use one carry the
``concurrent`` marker.
"""

import contextlib
import importlib

import pytest

from tests.servers import free_port, script_server, threaded_server

SERVERS = ("werkzeug", "gunicorn-sync", "gunicorn-gthread", "waitress")

#: the servers that handle requests in threads of one process, so that
#: every request of a test meets the same application object
THREADED_SERVERS = ("werkzeug", "gunicorn-gthread", "waitress")

GUNICORN = """
from gunicorn.app.base import BaseApplication
from {module} import {function}
import {framework} as framework


class Serve(BaseApplication):
    def load_config(self):
        for key, value in {options!r}.items():
            self.cfg.set(key, value)

    def load(self):
        return {function}(framework)


Serve().run()
"""

WAITRESS = """
import waitress
from {module} import {function}
import {framework} as framework

waitress.serve({function}(framework), host="127.0.0.1", port={port}, threads={threads},
               _quiet=True)
"""


def build(factory, framework):
    """The application ``factory`` (``"module:function"``) makes for
    *framework* (:mod:`flask01` or :mod:`flask01.modern`)."""
    module, function = factory.split(":")
    return getattr(importlib.import_module(module), function)(framework)


@contextlib.contextmanager
def serve(server, factory, framework, threads=4):
    """Serve the application ``factory`` (``"module:function"``) builds
    for *framework* with *server* (one of :data:`SERVERS`) for the
    ``with`` block; gives the port.  *threads*: the threads of a
    threaded gunicorn or waitress (Werkzeug's server has one a request).
    """
    if server == "werkzeug":
        with threaded_server(build(factory, framework)) as port:
            yield port
        return
    name = server.partition("-")[0]
    pytest.importorskip(name, reason=f"{name} is in the test dependency group")
    module, function = factory.split(":")
    port = free_port()
    names = {"module": module, "function": function, "framework": framework.__name__}
    if name == "waitress":
        source = WAITRESS.format(**names, port=port, threads=threads)
    else:
        options = {
            "bind": f"127.0.0.1:{port}",
            "workers": 1,
            "worker_class": server.partition("-")[2],
            "threads": threads,
            "loglevel": "warning",
            "timeout": 30,
        }
        source = GUNICORN.format(**names, options=options)
    with script_server(source, port):
        yield port
