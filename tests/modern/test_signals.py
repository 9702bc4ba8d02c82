"""Signals: each is sent at its point of the request's life, with the
application as sender and Flask 2.1.3's keyword arguments."""

import pytest

import flask01.modern as flask
from flask01.modern import signals


@pytest.fixture
def record():
    """Connect a recorder to a signal for the test; the list it fills
    holds ``(signal name, sender, keyword arguments)``."""
    events = []
    connected = []

    def connect(signal):
        def receiver(sender, **kwargs):
            events.append((signal.name, sender, kwargs))

        signal.connect(receiver, weak=False)
        connected.append((signal, receiver))
        return events

    yield connect
    for signal, receiver in connected:
        signal.disconnect(receiver)


@pytest.fixture
def app(app):
    @app.route("/")
    def index():
        return flask.render_template_string("{{ word }}", word="hi")

    @app.route("/fail")
    def fail():
        raise LookupError("boom")

    @app.route("/flash")
    def flashing():
        flask.flash("saved", "info")
        return "ok"

    return app


def test_request_started_is_sent_before_the_before_request_functions(app, client, record):
    order = record(signals.request_started)
    app.before_request(lambda: order.append("before_request"))
    client.get("/")
    assert order == [("request-started", app, {}), "before_request"]


def test_request_finished_is_sent_with_the_processed_response(app, client, record):
    events = record(signals.request_finished)
    app.after_request(lambda response: (response.headers.set("X-After", "1"), response)[1])
    client.get("/")
    [(_, sender, kwargs)] = events
    assert sender is app
    assert kwargs["response"].headers["X-After"] == "1"


def test_got_request_exception_is_sent_with_the_unhandled_exception(app, client, record):
    events = record(signals.got_request_exception)
    assert client.get("/fail").status_code == 500
    [(_, sender, kwargs)] = events
    assert sender is app
    assert isinstance(kwargs["exception"], LookupError)


def test_got_request_exception_is_not_sent_for_a_handled_http_error(client, record):
    events = record(signals.got_request_exception)
    assert client.get("/missing").status_code == 404
    assert events == []


def test_request_tearing_down_is_sent_after_the_teardown_functions(app, client, record):
    order = record(signals.request_tearing_down)
    app.teardown_request(lambda exc: order.append("teardown_request"))
    client.get("/")
    assert order == ["teardown_request", ("request-tearing-down", app, {"exc": None})]


def test_appcontext_tearing_down_is_sent_with_the_exception_that_ended_it(app, record):
    events = record(signals.appcontext_tearing_down)
    error = KeyError("x")
    ctx = app.app_context()
    ctx.push()
    ctx.pop(error)
    assert events == [("appcontext-tearing-down", app, {"exc": error})]


def test_appcontext_pushed_and_popped_are_sent_around_a_request(app, client, record):
    record(signals.appcontext_pushed)
    events = record(signals.appcontext_popped)
    client.get("/")
    assert [(name, sender) for name, sender, _ in events] == [
        ("appcontext-pushed", app),
        ("appcontext-popped", app),
    ]


def test_appcontext_pushed_is_sent_once_the_context_is_current(app, record):
    seen = []
    signals.appcontext_pushed.connect(seen.append, weak=False)
    try:
        with app.app_context():
            pass
    finally:
        signals.appcontext_pushed.disconnect(seen.append)
    assert seen == [app]


def test_templates_send_before_render_and_rendered_with_the_context(app, client, record):
    record(signals.before_render_template)
    events = record(signals.template_rendered)
    client.get("/")
    names = [name for name, _, _ in events]
    assert names == ["before-render-template", "template-rendered"]
    for _, sender, kwargs in events:
        assert sender is app
        assert kwargs["context"]["word"] == "hi"
        assert kwargs["template"].render(word="x") == "x"


def test_message_flashed_is_sent_with_the_message_and_its_category(app, client, record):
    events = record(signals.message_flashed)
    client.get("/flash")
    assert events == [("message-flashed", app, {"message": "saved", "category": "info"})]


def test_a_receiver_for_another_application_hears_nothing(app, client):
    other = flask.Flask("other")
    heard = []

    def receiver(sender, **kwargs):
        heard.append(sender)

    signals.request_started.connect(receiver, other, weak=False)
    try:
        client.get("/")
    finally:
        signals.request_started.disconnect(receiver)
    assert heard == []


def test_a_signal_nobody_listens_to_answers_without_asking_for_receivers(monkeypatch):
    asked = []
    monkeypatch.setattr(
        type(signals.request_started),
        "receivers_for",
        lambda self, sender: asked.append(sender) or [],
    )
    assert signals.request_started.send("sender") == []
    assert asked == []


def test_a_signal_with_a_receiver_returns_what_blinker_returns(record):
    record(signals.request_started)
    [(receiver, result)] = signals.request_started.send("sender")
    assert result is None
    assert receiver.__name__ == "receiver"


def test_a_muted_signal_sends_nothing(record):
    events = record(signals.request_started)
    with signals.request_started.muted():
        assert signals.request_started.send("sender") == []
    assert events == []


def test_a_signal_made_by_name_again_is_the_same_signal():
    assert signals._signals.signal("request-started") is signals.request_started
