"""Signals: the points of a request's life that other code can listen to.

Flask sends a signal at each step that an extension or a test may want
to observe without being a hook of the application: a request starts or
finishes, an exception escapes, a context is pushed, popped or torn
down, a template is rendered, a message is flashed.  The signals are
blinker's (Flask 2.1.3 used blinker when it was installed and silently
sent nothing otherwise; flask01.modern always has it).  A receiver gets
the application as the sender, and the keyword arguments listed below::

    from flask01.modern import request_finished

    def log_response(sender, response, **extra):
        sender.logger.info("answered %s", response.status)

    request_finished.connect(log_response, app)

Unlike a hook, a receiver cannot change what happens: what it returns is
ignored.  A signal nobody listens to costs one check of an empty
receiver list (see :class:`_Signal`).
"""

from blinker import NamedSignal, Namespace


class _Signal(NamedSignal):
    """Blinker's named signal, answering at once when nobody listens.

    A request sends six signals, and usually none has a receiver.
    Blinker's ``send`` still looks up the receivers for the sender
    before it finds there are none, which made the silent signals a
    tenth of the cost of a request.  Asking the receiver list first
    keeps what blinker does when someone listens, muting included.
    """

    def send(self, sender=None, /, **kwargs):
        if not self.receivers:
            return []
        return super().send(sender, **kwargs)


class _Namespace(Namespace):
    """Blinker's namespace, making :class:`_Signal` signals."""

    def signal(self, name, doc=None):
        if name not in self:
            self[name] = _Signal(name, doc)
        return self[name]


#: Flask's signals live in a namespace of their own, so that an
#: application's signals with the same names do not collide with them.
_signals = _Namespace()

#: sent by :meth:`~flask01.modern.Flask.full_dispatch_request` before the
#: before-request functions run; no keyword arguments
request_started = _signals.signal("request-started")

#: sent by :meth:`~flask01.modern.Flask.finalize_request` once the
#: response is processed; ``response``
request_finished = _signals.signal("request-finished")

#: sent by :meth:`~flask01.modern.Flask.handle_exception` for an exception
#: that nothing handled, before it becomes a 500; ``exception``
got_request_exception = _signals.signal("got-request-exception")

#: sent after the teardown-request functions ran; ``exc``
request_tearing_down = _signals.signal("request-tearing-down")

#: sent after the teardown-appcontext functions ran; ``exc``
appcontext_tearing_down = _signals.signal("appcontext-tearing-down")

#: sent when an application context is pushed; no keyword arguments
appcontext_pushed = _signals.signal("appcontext-pushed")

#: sent when an application context is popped; no keyword arguments
appcontext_popped = _signals.signal("appcontext-popped")

#: sent before a template is rendered; ``template``, ``context``
before_render_template = _signals.signal("before-render-template")

#: sent after a template was rendered; ``template``, ``context``
template_rendered = _signals.signal("template-rendered")

#: sent by :func:`~flask01.modern.flash`; ``message``, ``category``
message_flashed = _signals.signal("message-flashed")

#: Flask 2.1.3 said whether blinker was installed; here it always is.
signals_available = True
