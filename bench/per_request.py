"""Per-request cost of each stack in :mod:`bench.apps`, as ratios.

Every stack answers every route in one process.  A *round* times one
batch of calls for each (stack, route) pair, in an order shuffled anew
each round, so that a slow moment of the machine (another process, a
frequency change) falls on all stacks alike rather than on whichever
ran then.  The figure kept for a pair is the median of its rounds.
:class:`Rounds` keeps everything built between rounds, so that the
benchmark can take more rounds while a target is undecided.

A call is what a WSGI server does for a request: call the application
with a fresh environ, iterate the body, close it.  The environs are
copied before the clock starts, so building them is not counted.  The
clock is the thread's CPU time (:data:`CLOCK`).

Beside the stacks, :data:`VARIANTS` times the same application with one
thing changed, for the costs that arrive with new features: the tracer
of :mod:`flask01.tracing` installed and then off, and flask01.modern
without its blinker signals.
"""

import gc
import io
import random
import statistics
import time

from werkzeug.test import Client, EnvironBuilder

from bench import apps

FRAMEWORKS = ("flask01", "flask01.modern", "Flask")

#: the clock of every timing: this thread's CPU time, which stands still
#: while another process holds the core.  On a shared machine a batch
#: timed by the wall clock also counts the other processes' turns; the
#: benchmark page gives the figures that chose this clock.
CLOCK = time.thread_time_ns


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
    """CPU nanoseconds per request over *count* requests."""
    environs = [dict(environ, **{"wsgi.input": io.BytesIO()}) for _ in range(count)]
    start = CLOCK()
    for env in environs:
        body = app(env, _start_response)
        for _ in body:
            pass
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return (CLOCK() - start) / count


def time_contexts(app, environ, count):
    """CPU nanoseconds per push and pop of a request context for
    *environ*."""
    environs = [dict(environ, **{"wsgi.input": io.BytesIO()}) for _ in range(count)]
    start = CLOCK()
    for env in environs:
        with app.request_context(env):
            pass
    return (CLOCK() - start) / count


class _NoSignal:
    """Stands in for a blinker signal of flask01.modern while the
    variant without signals is timed: ``send`` is an empty method."""

    __slots__ = ()

    def send(self, *args, **kwargs):
        return []


def _signal_homes():
    """Every (module, attribute) of flask01.modern that holds one of its
    signals: the modules import the signals by name, so these are the
    names the code sends through."""
    import sys

    from flask01.modern import signals

    own = {id(v) for v in vars(signals).values() if hasattr(v, "receivers")}
    homes = []
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith("flask01.modern"):
            continue
        for attribute, value in list(vars(module).items()):
            if id(value) in own and module is not signals:
                homes.append((module, attribute, value))
    return homes


def without_signals(timer):
    """*timer* with flask01.modern's signals replaced by
    :class:`_NoSignal` while it runs: the same code, each ``send`` an
    empty call instead of blinker's."""

    def timed(app, environ, count):
        homes = _signal_homes()
        silent = _NoSignal()
        for module, attribute, _ in homes:
            setattr(module, attribute, silent)
        try:
            return timer(app, environ, count)
        finally:
            for module, attribute, signal in homes:
                setattr(module, attribute, signal)

    return timed


def after_a_trace(timer):
    """*timer*, run right after one request of the same application
    was traced with :func:`flask01.tracing.trace` and the trace ended:
    the tracer installed, then off."""
    from flask01.tracing import trace

    def timed(app, environ, count):
        with trace():
            call(app, dict(environ, **{"wsgi.input": io.BytesIO()}))
        gc.collect()
        return timer(app, environ, count)

    return timed


#: the same stack and route timed with one thing added or taken away,
#: as (variant, stack, route, how the timer changes)
VARIANTS = (
    ("flask01, tracer off", "flask01", "hello", after_a_trace),
    ("flask01.modern, tracer off", "flask01.modern", "hello", after_a_trace),
    ("flask01.modern, no signals", "flask01.modern", "hello", without_signals),
    ("flask01.modern, no signals", "flask01.modern", "template", without_signals),
)


class Rounds:
    """Every (stack, route) pair, every framework's context push/pop
    and every :data:`VARIANTS` entry, built, checked and warmed once;
    :meth:`take` times more rounds, :meth:`results` gives the figures
    of all the rounds taken so far."""

    def __init__(self, batch=400, seed=0):
        import flask01.tracing  # noqa: F401 - imported for every job alike

        self.batch = batch
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
        for variant, stack, route, change in VARIANTS:
            app = built[stack]
            jobs.append(
                ("variants", variant, route, change(time_requests), app, environ_for(app, route))
            )
        self.jobs = jobs
        self.samples = {job[:3]: [] for job in jobs}
        self._shuffle = random.Random(seed).shuffle
        for job in jobs:  # one warm-up batch each: imports, caches, templates
            job[3](job[4], job[5], batch // 4)

    def take(self, rounds):
        """Time *rounds* more rounds, each in a newly shuffled order."""
        for _ in range(rounds):
            self._shuffle(self.jobs)
            for kind, stack, route, timer, app, environ in self.jobs:
                gc.collect()
                self.samples[kind, stack, route].append(timer(app, environ, self.batch))

    def results(self):
        """``{"requests": {stack: {route: ns}}, "contexts": {stack: ns},
        "variants": {variant: {route: ns}}}`` with medians over the
        rounds, and every round's figure under ``"rounds_ns"`` (same
        shape, lists)."""
        results = {"requests": {}, "contexts": {}, "variants": {}}
        results["rounds_ns"] = {kind: {} for kind in ("requests", "contexts", "variants")}
        for (kind, stack, route), values in self.samples.items():
            median = statistics.median(values)
            if kind == "contexts":
                results["contexts"][stack] = median
                results["rounds_ns"]["contexts"][stack] = list(values)
            else:
                results[kind].setdefault(stack, {})[route] = median
                results["rounds_ns"][kind].setdefault(stack, {})[route] = list(values)
        return results


def measure(rounds=25, batch=400, seed=0):
    """:meth:`Rounds.results` after *rounds* rounds."""
    sampler = Rounds(batch, seed)
    sampler.take(rounds)
    return sampler.results()


def round_ratios(numerators, denominators):
    """The ratio of two series timed in the same rounds, round by
    round."""
    return [n / d for n, d in zip(numerators, denominators, strict=True)]


def paired_ratio(numerators, denominators):
    """The median over rounds of the ratio of two series timed in the
    same rounds.  Both were timed within seconds of each other in every
    round, so a slow stretch of the machine divides out, which the ratio
    of the two medians does not promise."""
    return statistics.median(round_ratios(numerators, denominators))


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
