"""
flask01.modern
~~~~~~~~~~~~~~

The core of flask01 rebuilt the way Flask has worked since 0.10: an
application context and a request context, each with ``push`` and
``pop``, teardown functions that always run, and ``auto_pop``, which
keeps a failed request's context for a debugger or a test.  Its
behaviour is that of Flask 2.1.3, the last release with ``auto_pop``,
measured by the ``modern_parity`` nox session and by Flask 2.1.3's own
test suite (``upstream_suite``), except for four upstream bugs it fixes:

* Werkzeug 3039: ``send_file`` responses run their ``call_on_close``
  callbacks (:func:`send_file`).
* Flask 5483: the test client leaks no file (``flask01.modern.testing``).
* Flask 5399: a copied request context does not lose ``request.files``
  (:class:`flask01.modern.ctx.RequestContext`).
* Truncated bodies: a body over ``MAX_CONTENT_LENGTH`` is a 413, never
  cut at the limit (:class:`flask01.modern.Request`).

The modules follow Flask's layout: ``app`` and ``blueprints`` (with what
they share in ``scaffold``), ``ctx``, ``globals``, ``helpers``,
``templating``, ``sessions``, ``signals``, ``json``, ``views``, ``cli``,
``testing``, ``wrappers``, ``config`` and ``debughelpers``.
``import flask01.modern as flask`` runs ordinary Flask applications.
"""

from markupsafe import Markup, escape

# the submodule as an attribute, as in Flask: ``flask.json.dumps(...)``
from . import json as json
from .app import Flask
from .blueprints import Blueprint
from .config import Config
from .ctx import (
    AppContext,
    RequestContext,
    after_this_request,
    copy_current_request_context,
    has_app_context,
    has_request_context,
)

# The stacks themselves, which Flask 2.1 exported too (tests and
# extensions look at them).
from .globals import _app_ctx_stack as _app_ctx_stack
from .globals import _request_ctx_stack as _request_ctx_stack
from .globals import current_app, g, request, session
from .helpers import (
    abort,
    flash,
    get_flashed_messages,
    get_template_attribute,
    make_response,
    redirect,
    send_file,
    send_from_directory,
    stream_with_context,
    url_for,
)
from .json import jsonify
from .sessions import SecureCookieSession, SecureCookieSessionInterface, SessionInterface
from .signals import (
    appcontext_popped,
    appcontext_pushed,
    appcontext_tearing_down,
    before_render_template,
    got_request_exception,
    message_flashed,
    request_finished,
    request_started,
    request_tearing_down,
    signals_available,
    template_rendered,
)
from .templating import render_template, render_template_string
from .wrappers import Request, Response

#: the Flask release this package implements, for code (and Flask's own
#: tests) that asks ``flask.__version__``
__version__ = "2.1.3"

__all__ = [
    "Flask",
    "Blueprint",
    "Config",
    "Request",
    "Response",
    "AppContext",
    "RequestContext",
    "current_app",
    "g",
    "request",
    "session",
    "url_for",
    "flash",
    "get_flashed_messages",
    "render_template",
    "render_template_string",
    "abort",
    "redirect",
    "jsonify",
    "make_response",
    "send_file",
    "send_from_directory",
    "stream_with_context",
    "get_template_attribute",
    "after_this_request",
    "copy_current_request_context",
    "has_request_context",
    "has_app_context",
    "SessionInterface",
    "SecureCookieSessionInterface",
    "SecureCookieSession",
    "escape",
    "Markup",
    "signals_available",
    "request_started",
    "request_finished",
    "got_request_exception",
    "request_tearing_down",
    "appcontext_tearing_down",
    "appcontext_pushed",
    "appcontext_popped",
    "before_render_template",
    "template_rendered",
    "message_flashed",
]
