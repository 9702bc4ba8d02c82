"""Application and request contexts: the architectural change since 0.1.

In flask01 a request context was a plain object that a ``with`` block
pushed and popped.  Here each context has its own :meth:`push` and
:meth:`pop`, and the request context does more when it is pushed: it
pushes an application context if its application has none active, opens
the session and matches the URL.  When it is popped it runs the teardown
functions and closes the request.

Three things a reader should watch for:

* ``g`` lives on the application context, not the request context
  (since Flask 0.10), so it exists in a CLI command too.
* A request context that ends with an exception may stay on the stack
  (:meth:`RequestContext.auto_pop`) so a debugger or a test can look at
  it; the next push in the same thread pops it.
* :meth:`RequestContext.copy` shares the request object.  Flask closes
  that request when any one context sharing it is popped; flask01.modern
  closes it when the last one is (Flask issue 5399, see
  :class:`_RequestHolders`).
"""

import sys
import threading
import warnings
import weakref
from functools import update_wrapper

from werkzeug.exceptions import HTTPException

from .globals import _app_ctx_stack, _request_ctx_stack
from .signals import appcontext_popped, appcontext_pushed

# The default value of pop()'s exc argument: "take the exception being
# handled right now, if any".  None cannot serve, because None means
# "there was no exception".
_sentinel = object()


class _AppCtxGlobals:
    """The object behind :data:`~flask01.modern.g`: a namespace for the
    duration of an application context, with a few dict-like helpers."""

    def __getattr__(self, name):
        # Called only for a name that is not there: the error names it,
        # as in Flask 2.1.3, instead of describing the class.
        raise AttributeError(name)

    def get(self, name, default=None):
        return self.__dict__.get(name, default)

    def pop(self, name, default=_sentinel):
        if default is _sentinel:
            return self.__dict__.pop(name)
        return self.__dict__.pop(name, default)

    def setdefault(self, name, default=None):
        return self.__dict__.setdefault(name, default)

    def __contains__(self, item):
        return item in self.__dict__

    def __iter__(self):
        return iter(self.__dict__)

    def __repr__(self):
        top = _app_ctx_stack.top
        if top is not None:
            return f"<flask01.modern.g of {top.app.name!r}>"
        return object.__repr__(self)


def after_this_request(f):
    """Register *f* to run on this request's response, after the view and
    before the application's ``after_request`` functions.  Only possible
    while a request is handled."""
    top = _request_ctx_stack.top
    if top is None:
        raise RuntimeError(
            "after_this_request() can only be used while a request is "
            "handled, for example inside a view function."
        )
    top._after_request_functions.append(f)
    return f


def copy_current_request_context(f):
    """Decorate *f* so that it runs inside a copy of the current request
    context, typically in another thread::

        @copy_current_request_context
        def work():
            upload(request.files["doc"])

        threading.Thread(target=work).start()

    The copy shares the request and the session with the original.  The
    request's files stay open until both have ended, in either order.
    """
    top = _request_ctx_stack.top
    if top is None:
        raise RuntimeError(
            "copy_current_request_context() can only be used while a "
            "request is handled, for example inside a view function."
        )
    reqctx = top.copy()

    def wrapper(*args, **kwargs):
        with reqctx:
            return f(*args, **kwargs)

    return update_wrapper(wrapper, f)


def has_request_context():
    """Whether a request context is active, so that :data:`~flask01.modern.request` and
    :data:`~flask01.modern.session` can be used."""
    return _request_ctx_stack.top is not None


def has_app_context():
    """Whether an application context is active, so that
    :data:`~flask01.modern.current_app` and :data:`~flask01.modern.g` can be used."""
    return _app_ctx_stack.top is not None


class AppContext:
    """The application context: which application is current, and its
    :data:`~flask01.modern.g`.

    The same object may be pushed several times while it is active; it
    counts the pushes, and the teardown functions run when the last of
    them is popped.  (A request context that finds an active application
    context of its own application uses it without pushing it again.)
    """

    def __init__(self, app):
        self.app = app
        self.url_adapter = app.create_url_adapter(None)
        self.g = app.app_ctx_globals_class()
        self._refcnt = 0

    def push(self):
        """Make this context the current one in this thread."""
        self._refcnt += 1
        _app_ctx_stack.push(self)
        appcontext_pushed.send(self.app)

    def pop(self, exc=_sentinel):
        """Remove this context from the stack, running the
        ``teardown_appcontext`` functions when it was the last push.

        Popping a context that is not on top is a programming error; the
        stack is popped anyway and an :class:`AssertionError` says which
        context was there instead.
        """
        try:
            self._refcnt -= 1
            if self._refcnt <= 0:
                if exc is _sentinel:
                    exc = sys.exc_info()[1]
                self.app.do_teardown_appcontext(exc)
        finally:
            rv = _app_ctx_stack.pop()
        assert rv is self, f"Popped wrong app context.  ({rv!r} instead of {self!r})"
        appcontext_popped.send(self.app)

    def __enter__(self):
        self.push()
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.pop(exc_value)


class _RequestHolders:
    """How many request contexts still use one request object.

    Flask closes the request (and with it every ``request.files`` stream)
    as soon as any context that holds it is popped.  A copied context in
    a worker thread then reads a closed file (Flask issue 5399).  Here,
    once a context is copied, the original and every copy take a hold,
    and each gives it back when it is popped for the last time, or when
    it is garbage-collected without ever being popped; the request is
    closed when the last hold goes.  A context never copied needs no
    holders: its own last pop closes the request.
    """

    def __init__(self, request):
        self.request = request
        self.count = 0
        self.lock = threading.Lock()

    def take(self, owner):
        """Take a hold for *owner*; the returned callable gives it back,
        once, and also runs if *owner* is collected first."""
        with self.lock:
            self.count += 1
        return weakref.finalize(owner, self._give_back)

    def _give_back(self):
        with self.lock:
            self.count -= 1
            last = self.count == 0
        if last:
            self.request.close()


class RequestContext:
    """Everything that belongs to one request: the request object, the
    URL adapter, the session, the flashed messages read so far and the
    functions registered with :func:`after_this_request`.

    The application creates one per request in :meth:`flask01.modern.Flask.wsgi_app`;
    :meth:`flask01.modern.Flask.test_request_context` creates one for a made-up request.
    Use it in a ``with`` block or call :meth:`push` and :meth:`pop`.
    """

    def __init__(self, app, environ, request=None, session=None):
        self.app = app
        if request is None:
            request = app.request_class(environ)
        self.request = request
        self.url_adapter = None
        try:
            self.url_adapter = app.create_url_adapter(self.request)
        except HTTPException as e:
            self.request.routing_exception = e
        self.flashes = None
        self.session = session
        # One entry per push: the application context this push created,
        # or None when an active one was reused.
        self._implicit_app_ctx_stack = []
        #: true while the context stays on the stack after :meth:`auto_pop`
        self.preserved = False
        self._preserved_exc = None
        self._after_request_functions = []
        # Holders only once the request is shared (see _share_request_with):
        # most requests are never copied, and a finalizer per request cost
        # a twentieth of a request's time.
        self._release_request = None

    @property
    def g(self):
        """The :data:`~flask01.modern.g` of the active application context.

        Deprecated, with a ``DeprecationWarning``, as in Flask 2.1.3: ``g``
        moved to the application context in 0.10, and 2.2 removed this
        way of reaching it.
        """
        warnings.warn(
            "Accessing 'g' on the request context is deprecated and will be "
            "removed in Flask 2.2. Access `g` directly or from the application "
            "context instead.",
            DeprecationWarning,
            stacklevel=2,
        )
        return _app_ctx_stack.top.g

    @g.setter
    def g(self, value):
        warnings.warn(
            "Setting 'g' on the request context is deprecated and will be "
            "removed in Flask 2.2. Set it on the application context instead.",
            DeprecationWarning,
            stacklevel=2,
        )
        _app_ctx_stack.top.g = value

    def copy(self):
        """A new context for the same request, session included, to be
        pushed elsewhere (another thread, usually).  See
        :func:`copy_current_request_context`."""
        copy = self.__class__(
            self.app,
            environ=self.request.environ,
            request=self.request,
            session=self.session,
        )
        copy._share_request_with(self)
        return copy

    def _hold_request(self, holders):
        """Take a hold on the request among *holders*; popped for the last
        time (or collected), this context gives it back."""
        self._request_holders = holders
        self._release_request = holders.take(self)

    def _share_request_with(self, other):
        """Hold the request together with *other* and the contexts it
        already shares it with.  The first copy of a context makes the
        holders, and the original takes its hold then."""
        if other._release_request is None:
            other._hold_request(_RequestHolders(other.request))
        self._hold_request(other._request_holders)

    def _close_request(self):
        """The last pop's part in closing the request: close it when this
        context alone has it, or give back this context's hold."""
        if self._release_request is None:
            self.request.close()
        else:
            self._release_request()

    def match_request(self):
        """Match the URL.  The result, or the HTTP exception matching
        raised, is stored on the request for dispatching to use."""
        try:
            self.request.url_rule, self.request.view_args = self.url_adapter.match(return_rule=True)
        except HTTPException as e:
            self.request.routing_exception = e

    def push(self):
        """Make this context current: pop a context preserved from an
        earlier request, push an application context if needed, open the
        session and match the URL."""
        top = _request_ctx_stack.top
        if top is not None and top.preserved:
            top.pop(top._preserved_exc)

        app_ctx = _app_ctx_stack.top
        if app_ctx is None or app_ctx.app is not self.app:
            app_ctx = self.app.app_context()
            app_ctx.push()
            self._implicit_app_ctx_stack.append(app_ctx)
        else:
            self._implicit_app_ctx_stack.append(None)

        _request_ctx_stack.push(self)

        # The session is opened after the push so that a session interface
        # can use request and current_app.
        if self.session is None:
            interface = self.app.session_interface
            self.session = interface.open_session(self.app, self.request)
            if self.session is None:
                self.session = interface.make_null_session(self.app)

        if self.url_adapter is not None:
            self.match_request()

    def pop(self, exc=_sentinel):
        """Remove this context from the stack.  On the last of its pushes
        run the ``teardown_request`` functions with *exc*, give back this
        context's hold on the request (closing it if no other context
        holds it), then pop the application context it pushed."""
        app_ctx = self._implicit_app_ctx_stack.pop()
        last_push = not self._implicit_app_ctx_stack
        try:
            if last_push:
                self.preserved = False
                self._preserved_exc = None
                if exc is _sentinel:
                    exc = sys.exc_info()[1]
                self.app.do_teardown_request(exc)
                self._close_request()
        finally:
            rv = _request_ctx_stack.pop()
            if last_push:
                rv.request.environ["werkzeug.request"] = None
            if app_ctx is not None:
                app_ctx.pop(exc)
            assert rv is self, f"Popped wrong request context. ({rv!r} instead of {self!r})"

    def auto_pop(self, exc):
        """Pop, unless the context should stay for inspection: when the
        test client asked for it, or when the request failed and
        ``PRESERVE_CONTEXT_ON_EXCEPTION`` (by default: debug mode) is on.
        A preserved context is popped by the next push in this thread."""
        if self.request.environ.get("flask._preserve_context") or (
            exc is not None and self.app.preserve_context_on_exception
        ):
            self.preserved = True
            self._preserved_exc = exc
        else:
            self.pop(exc)

    def __enter__(self):
        self.push()
        return self

    def __exit__(self, exc_type, exc_value, tb):
        self.auto_pop(exc_value)

    def __repr__(self):
        return (
            f"<{type(self).__name__} {self.request.url!r}"
            f" [{self.request.method}] of {self.app.name}>"
        )
