"""The application's logger: named after the application, writing to the
server's error stream during a request.

Flask 0.1 had no logging; an exception reached the server, which printed
it.  Since 0.3 an application logs what it handles as a 500, and since
1.0 the logger is the standard ``logging`` logger of the application's
name, configured only as far as it must be: a handler is added only when
no handler up the logger tree would print an error, so an application
that configures logging itself gets exactly what it configured.
"""

import logging
import sys

from werkzeug.local import LocalProxy

from .globals import _request_ctx_stack


def _current_errors_stream():
    reqctx = _request_ctx_stack.top
    if reqctx is not None:
        return reqctx.request.environ["wsgi.errors"]
    return sys.stderr


#: The stream to log to: the WSGI server's ``wsgi.errors`` while a request
#: is handled, where the server keeps its own log, and standard error
#: otherwise.  A handler configured by file can name it as
#: ``ext://flask01.modern.logging.wsgi_errors_stream``.
wsgi_errors_stream = LocalProxy(_current_errors_stream)


def has_level_handler(logger):
    """Whether a handler on *logger* or up its tree (as far as messages
    propagate) handles the logger's effective level."""
    level = logger.getEffectiveLevel()
    current = logger
    while current:
        if any(handler.level <= level for handler in current.handlers):
            return True
        if not current.propagate:
            break
        current = current.parent
    return False


#: The handler added to an application's logger when nothing else would
#: print its messages: :data:`wsgi_errors_stream`, with the time, the
#: level and the module.  One for all applications, so that an application
#: can remove it: ``app.logger.removeHandler(default_handler)``.
default_handler = logging.StreamHandler(wsgi_errors_stream)
default_handler.setFormatter(
    logging.Formatter("[%(asctime)s] %(levelname)s in %(module)s: %(message)s")
)


def create_logger(app):
    """The logger named after *app*, at level ``DEBUG`` in debug mode when
    no level was set, with :data:`default_handler` when no handler would
    print its errors."""
    logger = logging.getLogger(app.name)
    if app.debug and not logger.level:
        logger.setLevel(logging.DEBUG)
    if not has_level_handler(logger):
        logger.addHandler(default_handler)
    return logger
