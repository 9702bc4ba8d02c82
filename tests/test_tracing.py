"""flask01.tracing: what a trace records, how it shows it, and that it
leaves the traced code and the process as they were."""

import ast
import cProfile
import gc
import json
import os
import pstats
import shutil
import subprocess
import sys
import threading
import weakref
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

import flask01
import flask01.modern as modern
from flask01 import tracing
from flask01.tracing import Trace, prune, trace, trace_request

ROOT = Path(__file__).resolve().parents[1]

#: how a function nested in *outer* is named: Python 3.10's code objects
#: have no qualified name, and a nested function has no class to find it by
IN = "{}.<locals>.".format if sys.version_info >= (3, 11) else (lambda outer: "")
EXAMPLES = ROOT / "examples"
SVG = "{http://www.w3.org/2000/svg}"


# -- applications ---------------------------------------------------------------


def old_app():
    """A Flask 0.1-style application with a hook of each kind."""
    app = flask01.Flask(__name__)
    app.secret_key = "tracing tests"

    @app.before_request
    def remember_the_visitor():
        flask01.g.visitor = flask01.request.args.get("who", "stranger")

    @app.route("/hello/<name>")
    def hello(name):
        return f"Hello {name}, from {flask01.g.visitor}!"

    @app.route("/fail")
    def fail():
        raise LookupError("raised by the view")

    @app.after_request
    def label(response):
        response.headers["X-Traced"] = "yes"
        return response

    return app


def new_app(**config):
    app = modern.Flask(__name__)
    app.config.update(SECRET_KEY="tracing tests", **config)

    @app.route("/")
    def index():
        modern.flash("flashed")
        return modern.render_template_string("{{ url_for('index') }}")

    @app.route("/fail")
    def fail():
        raise LookupError("raised by the view")

    @app.teardown_request
    def forget(exc):
        pass

    return app


def kinds_in_order(recorder, kinds):
    return [node for node in recorder.walk(kinds)]


def names(recorder, kind="call"):
    return [node["qualname"] for node in recorder.walk({kind})]


# -- what is recorded -------------------------------------------------------------


def test_a_0_1_request_calls_hooks_stacks_and_wsgi_events():
    client = old_app().test_client()
    with trace() as t, client.get("/hello/World?who=Ada") as response:
        assert response.data == b"Hello World, from Ada!"
    calls = names(t)
    start = calls.index("Flask.__call__")  # under the test client's calls, if any
    # 0.1 wrapped wsgi_app in the static files middleware, which passes
    # every path outside /static on
    assert calls[start + 1 : start + 3] == ["SharedDataMiddleware.__call__", "Flask.wsgi_app"]
    for stage in ("Flask.preprocess_request", "Flask.dispatch_request", "Flask.process_response"):
        assert stage in calls
    # the application's functions, each under the framework call that ran it
    tree = {n["qualname"]: n for n in t.walk({"call"})}
    assert [c["qualname"] for c in tree["Flask.preprocess_request"]["children"]] == [
        IN("old_app") + "remember_the_visitor"
    ]
    view = next(n for n in t.walk({"app"}) if n["qualname"].endswith("hello"))
    assert view["args"] == {"name": "'World'"}
    assert view["returned"] == "'Hello World, from Ada!'"
    assert tree["Flask.match_request"]["returned"] == "('hello', {'name': 'World'})"
    # a push and a pop, by the functions that did them
    stack_events = [(n["kind"], n["context"], n["by"]) for n in t.walk({"push", "pop"})]
    assert stack_events == [
        ("push", "RequestContext 1 /hello/World", "_RequestContext.__enter__"),
        ("pop", "RequestContext 1 /hello/World", "_RequestContext.__exit__"),
    ]
    wsgi = [(n["event"], n["detail"]) for n in t.walk({"wsgi"})]
    assert wsgi[0] == ("start_response", "200 OK, 3 headers")
    assert wsgi[1][0] == "body"
    assert ("next", "→ b'Hello World, from Ada!'") in wsgi
    assert wsgi[-1] == ("close", "")
    assert t.left_on_stacks == []
    assert t.problems == []


def test_a_modern_request_sends_signals_and_pushes_both_contexts():
    app = new_app()
    received = []

    def note(sender, **extra):  # blinker holds receivers weakly: keep it
        received.append(sender)

    modern.request_started.connect(note, app)
    client = app.test_client()
    with trace() as t:
        client.get("/").close()
    signals = [n["name"] for n in t.walk({"signal"})]
    assert signals == [
        "appcontext-pushed",
        "request-started",
        "message-flashed",
        "before-render-template",
        "template-rendered",
        "request-finished",
        "request-tearing-down",
        "appcontext-tearing-down",
        "appcontext-popped",
    ]
    # the receiver is under the signal that called it
    started = next(n for n in t.walk({"signal"}) if n["name"] == "request-started")
    assert [c["kind"] for c in started["children"]] == ["app"]
    assert received == [app]
    assert [(n["kind"], n["stack"], n["by"]) for n in t.walk({"push", "pop"})] == [
        ("push", "flask01.modern.app", "AppContext.push"),
        ("push", "flask01.modern.request", "RequestContext.push"),
        ("pop", "flask01.modern.request", "RequestContext.pop"),
        ("pop", "flask01.modern.app", "AppContext.pop"),
    ]
    teardown = next(n for n in t.walk({"app"}) if n["qualname"].endswith("forget"))
    assert teardown["args"] == {"exc": "None"}
    assert [label for label, _ in t.stacks_over_time("flask01.modern")] == [
        "before",
        "AppContext.push",
        "RequestContext.push",
        "RequestContext.pop",
        "AppContext.pop",
        "after",
    ]


def test_each_request_of_a_trace_has_its_wsgi_events():
    client = new_app().test_client()
    with trace() as t:
        client.get("/").close()
        client.get("/nowhere").close()
    started = [n["detail"] for n in t.walk({"wsgi"}) if n["event"] == "start_response"]
    assert [status.split(",")[0] for status in started] == ["200 OK", "404 NOT FOUND"]
    assert [n["event"] for n in t.walk({"wsgi"})].count("close") == 2


def test_a_context_pushed_before_the_trace_is_known_by_its_top_only():
    app = new_app()
    with app.app_context(), trace() as t, app.test_request_context("/"):
        pass
    first, *_, last = t.stacks_over_time("flask01.modern")
    assert first == (
        "before",
        {"flask01.modern.app": ["AppContext 1"], "flask01.modern.request": []},
    )
    assert last[1] == first[1]
    assert t.snapshots[0]["unknown_below"]["flask01.modern.app"] is True
    # reusing the active application context: only the request context moved
    assert [n["stack"] for n in t.walk({"push", "pop"})] == ["flask01.modern.request"] * 2


def test_hide_and_follow_choose_what_is_recorded():
    client = old_app().test_client()
    with trace(follow="flask01._werkzeug06") as narrow:
        client.get("/hello/x").close()
    assert {n["module"] for n in narrow.walk({"call"})} == {"flask01._werkzeug06"}
    with trace(hide=("process_response",)) as hidden:
        client.get("/hello/x").close()
    calls = names(hidden)
    assert "Flask.process_response" not in calls
    # what the hidden call made moved up to its caller
    wsgi_app = next(n for n in hidden.walk({"call"}) if n["qualname"] == "Flask.wsgi_app")
    assert "Flask.save_session" in [c.get("qualname") for c in wsgi_app["children"]]


def test_prune_keeps_the_order_and_lifts_children():
    client = old_app().test_client()
    with trace() as t:
        client.get("/hello/x").close()
    only_calls = prune(t.calls, {"call"})
    flat = []

    def walk(nodes):
        for node in nodes:
            assert node["kind"] == "call"
            flat.append(node["seq"])
            walk(node["children"])

    walk(only_calls)
    assert flat == sorted(flat) == [n["seq"] for n in t.walk({"call"})]


# -- safe ----------------------------------------------------------------------


def test_an_exception_of_the_traced_code_goes_on_and_is_marked():
    client = old_app().test_client()
    with pytest.raises(LookupError, match="raised by the view"), trace() as t:
        client.get("/fail")
    assert sys.getprofile() is None
    view = next(n for n in t.walk({"app"}) if n["qualname"].endswith("fail"))
    assert view["raised"]
    assert view["returned"] is None
    dispatch = next(n for n in t.walk({"call"}) if n["qualname"] == "Flask.dispatch_request")
    assert dispatch["raised"]
    assert f"[app] {IN('old_app')}fail() ↯ raised" in t.text()


def test_a_modern_exception_goes_on_too_and_no_context_stays():
    client = new_app(TESTING=True).test_client()
    with pytest.raises(LookupError), trace() as t:
        client.get("/fail")
    assert next(n for n in t.walk({"signal"}) if n["name"] == "got-request-exception")
    assert modern._request_ctx_stack.top is None
    assert modern._app_ctx_stack.top is None
    assert t.left_on_stacks == []


def test_the_tracer_keeps_no_traced_object_alive():
    """Values are kept as text: a request context and its request go as
    soon as the request is over, while the trace lives on."""
    app = new_app()
    seen = []

    def note(sender, **extra):
        seen.append(weakref.ref(modern.request._get_current_object()))

    modern.request_started.connect(note, app)
    client = app.test_client()
    with trace() as t:
        client.get("/").close()
    gc.collect()
    assert seen
    assert seen[0]() is None
    assert t.calls


def _users_profiler(frame, event, arg):
    _users_profiler.events += 1


def test_a_profiler_set_before_gets_every_event_and_is_set_again():
    client = old_app().test_client()
    _users_profiler.events = 0
    sys.setprofile(_users_profiler)
    try:
        with trace():
            during = _users_profiler.events
            client.get("/hello/x").close()
        after = sys.getprofile()
    finally:
        sys.setprofile(None)
    assert after is _users_profiler
    assert _users_profiler.events > during + 100  # it kept seeing the request


def test_a_profiler_is_set_again_when_the_code_raised():
    sys.setprofile(_users_profiler)
    try:
        with pytest.raises(KeyError), trace():
            raise KeyError("raised inside the trace")
        after = sys.getprofile()
    finally:
        sys.setprofile(None)
    assert after is _users_profiler


def _after_the_trace():
    return "profiled"


def test_cprofile_profiles_on_after_a_trace():
    client = old_app().test_client()
    profile = cProfile.Profile()
    profile.enable()
    try:
        with trace() as t:
            client.get("/hello/x").close()
        _after_the_trace()
    finally:
        profile.disable()
    assert t.calls
    profiled = {name for _, _, name in pstats.Stats(profile).stats}
    assert "_after_the_trace" in profiled


def test_a_trace_records_once():
    recorder = Trace()
    with recorder:
        pass
    with pytest.raises(RuntimeError, match="records once"), recorder:
        pass


@pytest.mark.concurrent
def test_only_the_thread_that_started_the_trace_is_recorded():
    app = old_app()
    started, go = threading.Event(), threading.Event()
    seen_in_worker = []

    def worker():
        # requests made meanwhile in another thread
        client = app.test_client()
        started.set()
        go.wait(10)
        seen_in_worker.append(client.get("/hello/worker").data)

    other = threading.Thread(target=worker)
    other.start()
    started.wait(10)
    client = app.test_client()
    with trace() as t:
        go.set()
        inner = threading.Thread(target=lambda: app.test_client().get("/hello/inner").close())
        inner.start()
        inner.join(10)
        other.join(10)
        client.get("/hello/main").close()
    assert seen_in_worker == [b"Hello worker, from stranger!"]
    contexts = [n["context"] for n in t.walk({"push"})]
    assert contexts == ["RequestContext 1 /hello/main"]
    assert t.thread == (threading.get_ident(), threading.current_thread().name)
    assert t.as_dict()["thread"]["name"] == threading.current_thread().name


@pytest.mark.concurrent
def test_a_trace_in_a_worker_thread_records_that_thread():
    app = new_app()
    found = []

    def worker():
        with trace() as t:
            app.test_client().get("/").close()
        found.append(t)

    thread = threading.Thread(target=worker, name="tracing worker")
    thread.start()
    thread.join(10)
    (t,) = found
    assert t.thread[1] == "tracing worker"
    assert next(t.walk({"push"}))["stack"] == "flask01.modern.app"
    assert sys.getprofile() is None


def test_trace_request_leaves_no_context_on_a_stack():
    # debug mode: flask01.modern preserves the failed request's context
    app = new_app(DEBUG=True, PROPAGATE_EXCEPTIONS=True)
    with pytest.raises(LookupError):
        trace_request(app, "GET", "/fail")
    assert modern._request_ctx_stack.top is None
    assert modern._app_ctx_stack.top is None
    # and flask01 keeps a failed request's context in debug mode
    old = old_app()
    old.debug = True
    with pytest.raises(LookupError):
        trace_request(old, "GET", "/fail")
    assert flask01._request_ctx_stack.top is None


def test_a_trace_says_what_it_saw_left_on_a_stack():
    app = new_app(PRESERVE_CONTEXT_ON_EXCEPTION=True, PROPAGATE_EXCEPTIONS=True)
    client = app.test_client()
    try:
        with pytest.raises(LookupError), trace() as t:
            client.get("/fail")
        assert [stack for stack, _ in t.left_on_stacks] == [
            "flask01.modern.app",
            "flask01.modern.request",
        ]
        assert "!! left on the request contexts" in t.text()
    finally:
        modern._request_ctx_stack.top.pop()


def test_nothing_of_the_framework_is_patched():
    """A trace observes through the profile function only: the classes
    on the request path are the same objects, holding the same
    functions, before and after."""
    from werkzeug.local import LocalStack

    watched = [flask01.Flask, modern.Flask, modern.RequestContext, modern.AppContext, LocalStack]
    before = [dict(vars(kind)) for kind in watched]
    with trace():
        old_app().test_client().get("/hello/x").close()
        new_app().test_client().get("/").close()
    assert [dict(vars(kind)) for kind in watched] == before
    assert sys.getprofile() is None
    assert threading.getprofile() is None


def test_using_the_package_does_not_import_the_tracer():
    """Zero cost when not tracing: nothing in flask01 or flask01.modern
    imports this module, so a process that does not trace never loads it,
    and no profile function is installed."""
    script = (
        "import sys, flask01, flask01.modern\n"
        "a = flask01.Flask('a'); a.route('/')(lambda: 'x')\n"
        "b = flask01.modern.Flask('b'); b.route('/')(lambda: 'x')\n"
        "assert a.test_client().get('/').data == b.test_client().get('/').data == b'x'\n"
        "assert 'flask01.tracing' not in sys.modules, 'imported'\n"
        "assert sys.getprofile() is None\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    for path in (ROOT / "flask01").rglob("*.py"):
        if path.name == "tracing.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [alias.name for alias in node.names]
            else:
                continue
            assert not any(name.split(".")[-1] == "tracing" for name in names), path


# -- text, SVG, JSON, Jupyter ------------------------------------------------------


def test_the_text_tree():
    client = old_app().test_client()
    with trace() as t:
        client.get("/hello/World").close()
    lines = t.text().splitlines()
    assert any("Flask.__call__(environ={" in line for line in lines)
    assert any(
        line.endswith("─ [push flask01.request] RequestContext 1 /hello/World") for line in lines
    )
    assert any(f"[app] {IN('old_app')}hello(name='World') →" in line for line in lines)
    bare = t.text(args=False, values=False, kinds={"call"}).splitlines()
    start = next(i for i, line in enumerate(bare) if line.endswith("Flask.__call__"))
    indent = bare[start].index("Flask.__call__")
    # the only call it made, one level further in, and the only call
    # that one made, one level further still
    assert bare[start + 1].endswith("└─ SharedDataMiddleware.__call__")
    assert bare[start + 1].index("SharedDataMiddleware") == indent + 3
    assert bare[start + 2].endswith("└─ Flask.wsgi_app")
    assert bare[start + 2].index("Flask.wsgi_app") == indent + 6
    assert str(t) == t.text()
    assert " at 0x" not in t.text()


def _svg_boxes(document):
    """Every box of an SVG document: (rect, its label, its title)."""
    root = ET.fromstring(document)
    assert root.tag == SVG + "svg"
    boxes = []
    parents = {child: parent for parent in root.iter() for child in parent}
    for rect in root.iter(SVG + "rect"):
        group = parents[rect]
        assert group.tag == SVG + "g", "a box outside its group"
        text = group.find(SVG + "text")
        title = group.find(SVG + "title")
        boxes.append((rect, text.text if text is not None else None, title.text))
    return root, boxes


def _fits(rect, text):
    """The text of a box starts inside it and ends before its right edge
    (at :data:`flask01.tracing.CHAR` a character, the font's width)."""
    left, width = float(rect.get("x")), float(rect.get("width"))
    start = float(text.get("x"))
    assert float(text.get("font-size")) == tracing.FONT
    return left < start and start + len(text.text) * tracing.CHAR < left + width


def test_every_box_of_the_svg_is_labelled_with_its_name():
    client = new_app().test_client()
    with trace() as t:
        client.get("/").close()
    root, boxes = _svg_boxes(t.svg())
    assert len(boxes) > 150  # the calls, the application's, signals, and contexts
    parents = {child: parent for parent in root.iter() for child in parent}
    for rect, label, title in boxes:
        assert label, f"the box of {title} has no label"
        # the name itself, never a number standing for it
        assert title.endswith(label) or label == title
        assert _fits(rect, parents[rect].find(SVG + "text")), label
    assert not [t for t in root.iter(SVG + "text") if t.get("class") == "legend"]
    # both diagrams are in the document
    descs = [d.text for d in root.iter(SVG + "desc")]
    assert tracing.STACKS_TITLE in descs


def test_the_call_diagram_nests_each_call_in_its_callers_box():
    client = old_app().test_client()
    with trace() as t:
        client.get("/hello/x").close()
    root, boxes = _svg_boxes(t.calls_svg(kinds=("call",)))
    named = {label: rect for rect, label, _ in boxes}
    # chapter 3's steps, each labelled by name, inside wsgi_app's box
    outer = named["Flask.wsgi_app"]
    for step in ("preprocess_request", "dispatch_request", "make_response", "process_response"):
        inner = named[f"Flask.{step}"]
        assert float(inner.get("x")) > float(outer.get("x"))
        top, bottom = float(inner.get("y")), float(inner.get("y")) + float(inner.get("height"))
        assert (
            float(outer.get("y"))
            < top
            < bottom
            <= float(outer.get("y")) + float(outer.get("height"))
        )
    # in the order they were made, top to bottom
    order = [label for _, label, _ in sorted(boxes, key=lambda b: float(b[0].get("y")))]
    steps = [s for s in order if s.split(".")[-1] in ("dispatch_request", "make_response")]
    assert steps == ["Flask.dispatch_request", "Flask.make_response"]


def test_a_long_trace_is_drawn_taller_not_narrower():
    client = old_app().test_client()
    with trace() as t:
        for _ in range(20):
            client.get("/hello/x").close()
    root, boxes = _svg_boxes(t.calls_svg(kinds=("call",)))
    assert float(root.get("width")) <= tracing.WIDTH
    for rect, _, _ in boxes:
        assert float(rect.get("width")) > len("Flask.process_response") * tracing.CHAR


def test_the_stacks_diagram_draws_each_moment():
    client = old_app().test_client()
    with trace() as t:
        client.get("/hello/x").close()
    root, boxes = _svg_boxes(t.stacks_svg("flask01"))
    assert [label for _, label, _ in boxes] == ["RequestContext 1 /hello/x"]
    moments = [text.text for text in root.iter(SVG + "text") if text.get("font-weight") == "bold"]
    assert moments == ["before", "_RequestContext.__enter__", "_RequestContext.__exit__", "after"]


def test_an_app_context_pushed_before_is_drawn_reused_not_pushed_again():
    """Chapter 9's second stacks diagram: a request under an application
    context that was already pushed pushes only its request context."""
    app = new_app()
    client = app.test_client()
    with trace() as alone:
        client.get("/").close()
    outer = app.app_context()
    outer.push()
    try:
        with trace() as reused:
            client.get("/").close()
    finally:
        outer.pop()
    first, second = alone.stacks_svg("flask01.modern"), reused.stacks_svg("flask01.modern")
    assert first != second

    def moments(document):
        root = ET.fromstring(document)
        return [t.text for t in root.iter(SVG + "text") if t.get("font-weight") == "bold"]

    assert "AppContext.push" in moments(first)
    assert "AppContext.push" not in moments(second)
    assert "AppContext.pop" not in moments(second)
    # there before the request and after it
    before, *_, after = reused.stacks_over_time("flask01.modern")
    assert before[0] == "before"
    assert after[0] == "after"
    assert any(names for names in before[1].values())
    assert any(names for names in after[1].values())


def test_many_moments_wrap_into_rows_no_wider_than_the_column():
    client = new_app().test_client()
    with trace() as t:
        for _ in range(3):
            client.get("/").close()
    root, boxes = _svg_boxes(t.stacks_svg("flask01.modern"))
    assert float(root.get("width")) <= tracing.WIDTH
    parents = {child: parent for parent in root.iter() for child in parent}
    for rect, label, _ in boxes:
        assert _fits(rect, parents[rect].find(SVG + "text")), label
    moments = [text for text in root.iter(SVG + "text") if text.get("font-weight") == "bold"]
    assert len(moments) > 10
    assert len({m.get("y") for m in moments}) > 1  # more than one row
    assert all(float(m.get("font-size")) >= 11 for m in root.iter(SVG + "text"))


def test_the_jupyter_display():
    client = old_app().test_client()
    with trace() as t:
        client.get("/hello/x").close()
    ET.fromstring(t._repr_svg_())
    page = t._repr_html_()
    assert page.count("<svg ") == 2
    assert "<pre>" in page
    # the HTML is well-formed as XML too: each diagram is its own element
    figures = ET.fromstring(page).findall("figure")
    assert len(figures) == 2
    assert "Flask.wsgi_app" in ET.fromstring(page).find("pre").text


def test_an_empty_trace_still_draws_and_prints():
    with trace() as t:
        pass
    assert t.text() == ""
    ET.fromstring(t.svg())
    jsonschema.validate(json.loads(t.json()), tracing.JSON_SCHEMA)


def _check_json(document):
    data = json.loads(document)
    jsonschema.validate(data, tracing.JSON_SCHEMA)
    # seq is time: increasing depth first, and unique
    seqs = []

    def walk(nodes):
        for node in nodes:
            seqs.append(node["seq"])
            walk(node.get("children", ()))

    walk(data["calls"])
    assert seqs == sorted(seqs)
    assert len(set(seqs)) == len(seqs)
    # every stack named in a node or a snapshot is described
    for node in _nodes(data["calls"]):
        if node["kind"] in ("push", "pop"):
            assert node["stack"] in data["stacks"]
    for snapshot in data["snapshots"]:
        assert set(snapshot["stacks"]) == set(data["stacks"])
    assert data["snapshots"][0]["label"] == "before"
    assert data["snapshots"][-1]["label"] == "after"
    return data


def _nodes(nodes):
    for node in nodes:
        yield node
        yield from _nodes(node.get("children", ()))


@pytest.mark.parametrize("make", [old_app, new_app], ids=["flask01", "modern"])
def test_the_json_matches_its_schema(make):
    client = make().test_client()
    with trace() as t:
        client.get("/hello/x" if make is old_app else "/").close()
    data = _check_json(t.json())
    assert data["schema"] == tracing.SCHEMA
    assert {n["kind"] for n in _nodes(data["calls"])} >= {"call", "app", "push", "pop", "wsgi"}


def test_the_schema_refuses_what_it_should():
    with trace() as t:
        old_app().test_client().get("/hello/x").close()
    data = t.as_dict()
    data["calls"][0]["kind"] = "mystery"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, tracing.JSON_SCHEMA)


# -- loading an application ------------------------------------------------------


@pytest.fixture
def small_app(tmp_path, monkeypatch):
    """A small Flask 0.1-style application in a module of its own."""
    (tmp_path / "hello_app.py").write_text(
        "import flask01\n"
        "app = flask01.Flask(__name__)\n"
        "\n"
        "@app.route('/')\n"
        "def index():\n"
        "    return 'Hello from 0.1'\n"
        "\n"
        "def create_app(greeting='Hi'):\n"
        "    other = flask01.Flask(__name__)\n"
        "    other.route('/')(lambda: greeting)\n"
        "    return other\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("hello_app", None)


def test_load_app_takes_what_the_cli_takes(small_app):
    app = tracing.load_app("hello_app")
    assert app.test_client().get("/").data == b"Hello from 0.1"
    assert tracing.load_app("hello_app:app") is app
    made = tracing.load_app("hello_app:create_app('Hey')")
    assert made.test_client().get("/").data == b"Hey"
    assert tracing.load_app(str(small_app / "hello_app.py") + ":app") is app
    for spec in ("hello_app:nothing", "hello_app:create_app(x)", "hello_app:1 +"):
        with pytest.raises(LookupError):
            tracing.load_app(spec)


# -- the command line -------------------------------------------------------------


def run_cli(*args, cwd, pythonpath=()):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*pythonpath, str(ROOT)])
    return subprocess.run(
        [sys.executable, "-W", "error", "-m", "flask01.tracing", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _example_copy(name, tmp_path):
    """The example in a folder of its own, with its database made."""
    folder = tmp_path / name
    shutil.copytree(EXAMPLES / name, folder, ignore=shutil.ignore_patterns("*.db", "__pycache__"))
    subprocess.run(
        [sys.executable, "-c", f"import {name}; {name}.init_db()"], cwd=folder, check=True
    )
    return folder


def _run_with_outputs(tmp_path, folder, *args):
    """The command run in *folder* with *args*, writing its SVG and its
    JSON into *tmp_path*, where :func:`_check_outputs` reads them."""
    svg, json_file = str(tmp_path / "trace.svg"), str(tmp_path / "trace.json")
    return run_cli(*args, "--svg", svg, "--json", json_file, cwd=folder)


def _check_outputs(tmp_path):
    root, boxes = _svg_boxes((tmp_path / "trace.svg").read_text(encoding="utf-8"))
    assert boxes
    assert all(label for _, label, _ in boxes)
    return _check_json((tmp_path / "trace.json").read_text(encoding="utf-8"))


def test_the_command_on_tinyblog(tmp_path):
    folder = _example_copy("tinyblog", tmp_path)
    result = _run_with_outputs(tmp_path, folder, "tinyblog.py:app", "GET", "/")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Flask.__call__(environ=" in out
    for line in (
        "[push flask01.request] RequestContext 1 /",
        "[app] open_database()",
        "[app] show_entries() → ",
        "[app] close_database(response=<Response",
        "[wsgi start_response] 200 OK",
        "[wsgi close]",
    ):
        assert line in out
    assert result.stderr.strip() == "GET /: 200 OK"
    data = _check_outputs(tmp_path)
    assert data["left_on_stacks"] == []


def test_the_command_on_minitweet_with_a_form(tmp_path):
    folder = _example_copy("minitweet", tmp_path)
    result = _run_with_outputs(
        tmp_path,
        folder,
        "minitweet",
        "POST",
        "/register",
        "--data",
        "username=ada&email=ada@example.com&password=pw&password2=pw",
        "--header",
        "Content-Type: application/x-www-form-urlencoded",
    )
    assert result.returncode == 0, result.stderr
    assert "[app] register() → <Response" in result.stdout
    assert result.stderr.strip() == "POST /register: 302 FOUND"
    _check_outputs(tmp_path)


def test_the_command_on_a_small_0_1_app_and_its_failures(small_app):
    result = run_cli("hello_app:create_app('Hey')", "get", "/", "--no-args", cwd=small_app)
    assert result.returncode == 0, result.stderr
    assert "Flask.wsgi_app → <werkzeug.wsgi.ClosingIterator object>" in result.stdout
    assert f"[app] {IN('create_app')}<lambda> → 'Hey'" in result.stdout
    missing = run_cli("hello_app:nothing", "GET", "/", cwd=small_app)
    assert missing.returncode == 2
    assert "nothing" in missing.stderr
    (small_app / "broken_app.py").write_text(
        "import flask01\napp = flask01.Flask(__name__)\n"
        "@app.route('/')\ndef index():\n    raise LookupError('broken')\n"
    )
    broken = run_cli("broken_app", "GET", "/", cwd=small_app)
    assert broken.returncode == 1
    assert "LookupError('broken')" in broken.stderr
    assert "[app] index ↯ raised" in broken.stdout or "[app] index() ↯ raised" in broken.stdout


# -- Flask 2.1.3's tutorial under flask01.modern ---------------------------------------

#: where the tutorial may already be on this machine: the upstream_suite
#: and tracing_tutorial nox sessions download the Flask 2.1.3 sdist there
TUTORIAL_PLACES = [
    ROOT / ".nox" / name / "sdist" / "Flask-2.1.3" / "examples" / "tutorial"
    for name in ("tracing_tutorial", "upstream_suite")
]


def _tutorial():
    given = os.environ.get("FLASK_2_1_3_SDIST")
    if given:  # the tracing_tutorial session: never skip there
        place = Path(given) / "examples" / "tutorial"
        if not (place / "flaskr" / "__init__.py").is_file():
            pytest.fail(f"FLASK_2_1_3_SDIST={given} holds no examples/tutorial/flaskr")
        return place
    for place in TUTORIAL_PLACES:
        if (place / "flaskr" / "__init__.py").is_file():
            return place
    pytest.skip(
        "Flask 2.1.3's tutorial is not on this machine and tests download nothing: "
        "`nox -s tracing_tutorial` fetches the sdist from the package registry and runs "
        "this test (or set FLASK_2_1_3_SDIST to an unpacked Flask-2.1.3 sdist)"
    )


@pytest.fixture
def tutorial(tmp_path):
    """flaskr in a folder of its own (it writes its instance folder next
    to the package), with ``import flask`` giving flask01.modern through
    the project's own shim, as the upstream_suite session runs it
    (tests/upstream_suite/sitealias)."""
    folder = tmp_path / "tutorial"
    shutil.copytree(_tutorial() / "flaskr", folder / "flaskr")
    shim = ROOT / "tests" / "upstream_suite"
    pythonpath = [str(shim / "sitealias"), str(shim), str(folder)]
    made = subprocess.run(
        [
            sys.executable,
            "-c",
            "import flask, flaskr, flaskr.db\n"
            "assert flask.__name__ == 'flask01.modern', flask\n"
            "app = flaskr.create_app()\n"
            "with app.app_context():\n"
            "    flaskr.db.init_db()\n",
        ],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([*pythonpath, str(ROOT)])},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    return folder, pythonpath


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/hello", f"[app] {IN('create_app')}hello() → 'Hello, World!'"),
        ("/auth/login", "[signal template-rendered]"),
        ("/", "[app] close_db(e=None)"),
    ],
)
def test_the_command_on_the_flask_2_1_3_tutorial(tutorial, tmp_path, path, expected):
    folder, pythonpath = tutorial
    result = run_cli(
        "flaskr:create_app()",
        "GET",
        path,
        "--svg",
        str(tmp_path / "trace.svg"),
        "--json",
        str(tmp_path / "trace.json"),
        cwd=folder,
        pythonpath=pythonpath,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"GET {path}: 200 OK"
    assert expected in result.stdout
    assert "[push flask01.modern.request] RequestContext 1 " + path in result.stdout
    _check_outputs(tmp_path)
