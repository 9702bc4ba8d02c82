"""Per-request cost of each stack in :mod:`bench.apps`, as ratios.

Every stack answers every route in one process.  A *round* times one
batch of calls for each (stack, route) pair, in an order shuffled anew
each round, so that a slow moment of the machine (another process, a
frequency change) falls on all stacks alike rather than on whichever
ran then.  The figure kept for a pair is the median of its rounds.

A call is what a WSGI server does for a request: call the application
with a fresh environ, iterate the body, close it.  The environs are
copied before the clock starts, so building them is not counted.
"""

import gc
import io
import random
import statistics
import time

from werkzeug.test import Client, EnvironBuilder

from bench import apps

FRAMEWORKS = ("flask01", "flask01.modern", "Flask")


def _start_response(status, headers, exc_info=None):
    return None


def call(app, environ):
    """Run one request the way a WSGI server would; return the status
    line and the body."""
    status = []

    def start_response(line, headers, exc_info=None):
        status.append(line)

    body = app(environ, start_response)
    try:
        data = b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()
    return status[0], data


def session_cookie(app, visits=7):
    """The session cookie *app* sets after *visits* visits to the
    counting route: a cookie this stack itself signed."""
    client = Client(app)
    for _ in range(visits):
        client.get(apps.ROUTES["session"][0]).close()
    return client.get_cookie("session").value


def environ_for(app, route):
    """The WSGI environ of the benchmark's request for *route*."""
    path = apps.ROUTES[route][0]
    headers = {}
    if route == "session":
        headers["Cookie"] = "session=" + session_cookie(app)
    return EnvironBuilder(path, headers=headers).get_environ()


def check(stack, app, route, environ):
    """Refuse to time a stack that gives the wrong answer."""
    status, body = call(app, dict(environ, **{"wsgi.input": io.BytesIO()}))
    expected_status = "404" if route == "404" else "200"
    if not status.startswith(expected_status) or apps.ROUTES[route][1] not in body:
        raise AssertionError(f"{stack} answered {route} with {status}: {body[:200]!r}")


def time_requests(app, environ, count):
    """Nanoseconds per request over *count* requests."""
    environs = [dict(environ, **{"wsgi.input": io.BytesIO()}) for _ in range(count)]
    start = time.perf_counter_ns()
    for env in environs:
        body = app(env, _start_response)
        for _ in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return (time.perf_counter_ns() - start) / count


def time_contexts(app, environ, count):
    """Nanoseconds per push and pop of a request context for *environ*."""
    environs = [dict(environ, **{"wsgi.input": io.BytesIO()}) for _ in range(count)]
    start = time.perf_counter_ns()
    for env in environs:
        with app.request_context(env):
            pass
    return (time.perf_counter_ns() - start) / count


def measure(rounds=25, batch=400, seed=0):
    """Time every (stack, route) pair and every framework's context
    push/pop; return ``{"requests": {stack: {route: ns}},
    "contexts": {stack: ns}}`` with medians over *rounds*, and every
    round's figure under ``"rounds_ns"`` (same shape, lists)."""
    built = {name: build() for name, build in apps.STACKS.items()}
    jobs = []
    for stack, app in built.items():
        for route in apps.ROUTES:
            environ = environ_for(app, route)
            check(stack, app, route, environ)
            jobs.append(("requests", stack, route, time_requests, app, environ))
        if stack in FRAMEWORKS:
            environ = environ_for(app, "hello")
            jobs.append(("contexts", stack, None, time_contexts, app, environ))

    samples = {job[:3]: [] for job in jobs}
    shuffle = random.Random(seed).shuffle
    for job in jobs:  # one warm-up batch each: imports, caches, templates
        job[3](job[4], job[5], batch // 4)
    for _ in range(rounds):
        shuffle(jobs)
        for kind, stack, route, timer, app, environ in jobs:
            gc.collect()
            samples[kind, stack, route].append(timer(app, environ, batch))

    results = {"requests": {}, "contexts": {}, "rounds_ns": {"requests": {}, "contexts": {}}}
    for (kind, stack, route), values in samples.items():
        median = statistics.median(values)
        if kind == "requests":
            results["requests"].setdefault(stack, {})[route] = median
            results["rounds_ns"]["requests"].setdefault(stack, {})[route] = values
        else:
            results["contexts"][stack] = median
            results["rounds_ns"]["contexts"][stack] = values
    return results


def paired_ratio(numerators, denominators):
    """The median over rounds of the ratio of two series timed in the
    same rounds.  Both were timed within seconds of each other in every
    round, so a slow stretch of the machine divides out, which the ratio
    of the two medians does not promise."""
    pairs = zip(numerators, denominators, strict=True)
    return statistics.median(n / d for n, d in pairs)


def profile(stack, route, count=20000, top=15):
    """Where the time of *stack* answering *route* goes: the functions
    with the most cumulative time, as :mod:`cProfile` reports them."""
    import cProfile
    import pstats

    app = apps.STACKS[stack]()
    environ = environ_for(app, route)
    time_requests(app, environ, count // 10)
    profiler = cProfile.Profile()
    profiler.runcall(time_requests, app, environ, count)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).strip_dirs().sort_stats("cumulative").print_stats(top)
    return out.getvalue()
