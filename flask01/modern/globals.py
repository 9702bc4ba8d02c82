"""The two context stacks and the proxies that read from them.

flask01 had one stack, holding request contexts.  Since Flask 0.9 there
are two: application contexts (``current_app`` and ``g``) and request
contexts (``request`` and ``session``).  A request context pushes an
application context for its application when none is active, so inside a
request both stacks have a top.  Outside a request an application context
can be pushed on its own, for a command-line script or a test.
"""

from werkzeug.local import LocalProxy, LocalStack

_app_ctx_stack = LocalStack()
_request_ctx_stack = LocalStack()

# The first line of each message is Flask 2.1.3's, which code and tests
# match on; the lines after it say what to do in this project's words.
_NO_APP = (
    "Working outside of application context.\n\n"
    "%s needs an active application.  Push one with app.app_context(), "
    "or work inside a request."
)
_NO_REQUEST = (
    "Working outside of request context.\n\n"
    "%s is only available while a request is handled.  In a test, use "
    "app.test_request_context() or the test client."
)


def _proxy(stack, attribute, name, message):
    """A proxy to *attribute* of the context on top of *stack*, which
    outside a context raises ``RuntimeError`` saying that *name* needs
    one."""
    return LocalProxy(stack, attribute, unbound_message=message % name)


current_app = _proxy(_app_ctx_stack, "app", "current_app", _NO_APP)
g = _proxy(_app_ctx_stack, "g", "g", _NO_APP)
request = _proxy(_request_ctx_stack, "request", "request", _NO_REQUEST)
session = _proxy(_request_ctx_stack, "session", "session", _NO_REQUEST)
