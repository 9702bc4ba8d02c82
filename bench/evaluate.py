"""How the benchmark's way of timing was chosen: the evidence, re-runnable.

``python -m bench.evaluate clocks [--rounds 60]`` times the same
interleaved batches (flask01 and raw Werkzeug answering ``hello``, the
ratio the first target judges) by the wall clock and by the thread's
CPU time at once, and prints how much the ratio moves from round to
round by each.

``python -m bench.evaluate pyperf [--repeats 5]`` (``pip install
pyperf`` first: the benchmark itself does not use it) measures the same
ratio again and again, alternating between two methods so that a busy
stretch of the machine falls on both:

* **pyperf**: one ``pyperf`` run per stack, with its defaults (it
  calibrates the loop count, spawns 20 worker processes, takes 3 values
  in each after a warm-up); the ratio is that of the two means, and
  ``pyperf compare_to`` says whether the difference is significant;
* **interleaved**: one fresh process that times the two stacks in
  shuffled rounds of 400 requests, for as long as the pyperf pair took;
  the ratio is the median of the ratios within each round.

The steadier method is the one whose ratio moves less from repeat to
repeat; both are printed with their spread, and written as JSON.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:  # pyperf runs this file again as a script in its workers
    sys.path.insert(0, ROOT)

STACKS = ("flask01", "Werkzeug")


def _hello(stack):
    from bench import apps, per_request

    app = apps.STACKS[stack]()
    return app, per_request.environ_for(app, "hello")


def pyperf_worker(argv):
    """The pyperf side, run as a script: one benchmark named ``hello``
    for the stack named on the command line."""
    import pyperf

    from bench import per_request

    runner = pyperf.Runner(
        program_args=(os.path.abspath(__file__), "pyperf-worker"),
        add_cmdline_args=lambda command, args: command.append(args.stack),
    )
    runner.argparser.add_argument("stack", choices=STACKS)
    stack = runner.parse_args(argv).stack
    app, environ = _hello(stack)

    def timed(loops):
        return per_request.time_requests(app, environ, loops) * loops / 1e9

    runner.bench_time_func("hello", timed)


def interleaved(seconds, batch=400, seed=0):
    """The ratio flask01 / Werkzeug on ``hello`` from shuffled rounds
    taken for *seconds*; ``(ratio, rounds)``."""
    import gc

    from bench import per_request

    built = {stack: _hello(stack) for stack in STACKS}
    samples = {stack: [] for stack in STACKS}
    order = list(STACKS)
    shuffle = random.Random(seed).shuffle
    for app, environ in built.values():
        per_request.time_requests(app, environ, batch // 4)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        shuffle(order)
        for stack in order:
            gc.collect()
            samples[stack].append(per_request.time_requests(*built[stack], batch))
    ratio = per_request.paired_ratio(samples["flask01"], samples["Werkzeug"])
    return ratio, len(samples["flask01"])


def clocks(rounds, batch=400, seed=0):
    """The per-round ratio flask01 / Werkzeug on ``hello`` by the wall
    clock and by the thread's CPU time, read around the same batches:
    ``{clock: (median, interquartile range / median)}``."""
    import gc
    import io

    from bench import per_request

    built = {stack: _hello(stack) for stack in STACKS}
    times = {clock: {stack: [] for stack in STACKS} for clock in ("wall", "cpu")}
    order = list(STACKS)
    shuffle = random.Random(seed).shuffle
    for _ in range(rounds + 1):  # the first round warms up and is dropped
        shuffle(order)
        for stack in order:
            app, environ = built[stack]
            environs = [dict(environ, **{"wsgi.input": io.BytesIO()}) for _ in range(batch)]
            gc.collect()
            wall, cpu = time.perf_counter_ns(), time.thread_time_ns()
            for env in environs:
                body = app(env, per_request._start_response)
                for _ in body:
                    pass
                body.close()
            times["cpu"][stack].append(time.thread_time_ns() - cpu)
            times["wall"][stack].append(time.perf_counter_ns() - wall)
    found = {}
    for clock, series in times.items():
        ratios = per_request.round_ratios(series["flask01"][1:], series["Werkzeug"][1:])
        quartiles = statistics.quantiles(ratios, n=4)
        median = statistics.median(ratios)
        found[clock] = (median, (quartiles[2] - quartiles[0]) / median)
    return found


def _run_pyperf(folder, repeat):
    """One pyperf run per stack (order alternating with *repeat*);
    (ratio of the means, seconds taken, compare_to's verdict)."""
    import pyperf

    files = {}
    start = time.perf_counter()
    for stack in STACKS if repeat % 2 == 0 else STACKS[::-1]:
        files[stack] = os.path.join(folder, f"{repeat}-{stack}.json")
        command = [sys.executable, os.path.abspath(__file__), "pyperf-worker", stack]
        subprocess.run([*command, "--quiet", "-o", files[stack]], check=True, cwd=ROOT)
    took = time.perf_counter() - start
    means = {s: pyperf.Benchmark.load(f).mean() for s, f in files.items()}
    compare = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", files["Werkzeug"], files["flask01"]],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    return means["flask01"] / means["Werkzeug"], took, compare


def _run_interleaved(seconds):
    code = (
        "import json, sys; from bench.evaluate import interleaved;"
        f"print(json.dumps(interleaved({seconds!r})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return json.loads(out.stdout)


def _spread(values):
    mean = statistics.fmean(values)
    return {
        "ratios": [round(v, 4) for v in values],
        "mean": mean,
        "stdev_percent": 100 * statistics.stdev(values) / mean,
        "range_percent": 100 * (max(values) - min(values)) / mean,
    }


def evaluate(repeats):
    found = {"pyperf": [], "interleaved": [], "compare_to": [], "seconds": []}
    with tempfile.TemporaryDirectory() as folder:
        for repeat in range(repeats):
            ratio, took, compare = _run_pyperf(folder, repeat)
            found["pyperf"].append(ratio)
            found["compare_to"].append(compare)
            found["seconds"].append(took)
            ratio2, rounds = _run_interleaved(took)
            found["interleaved"].append(ratio2)
            print(
                f"repeat {repeat + 1}: pyperf {ratio:.3f} ({took:.0f} s), "
                f"interleaved {ratio2:.3f} ({rounds} rounds); compare_to: {compare}",
                flush=True,
            )
    return {
        "pyperf": _spread(found["pyperf"]),
        "interleaved": _spread(found["interleaved"]),
        "compare_to": found["compare_to"],
        "seconds_per_repeat": statistics.fmean(found["seconds"]),
    }


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["pyperf-worker"]:
        return pyperf_worker(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench.evaluate", description=__doc__)
    parser.add_argument("what", choices=("clocks", "pyperf"))
    parser.add_argument("--rounds", type=int, default=60, help="clocks: rounds to time")
    parser.add_argument("--repeats", type=int, default=5, help="pyperf: repeats of each")
    parser.add_argument("--out", help="pyperf: write the figures as JSON here")
    args = parser.parse_args(argv)
    if args.what == "clocks":
        for clock, (median, spread) in clocks(args.rounds).items():
            print(f"{clock:5} median ratio {median:.3f}, interquartile range {spread:.1%} of it")
        return 0
    figures = evaluate(args.repeats)
    for method in ("pyperf", "interleaved"):
        row = figures[method]
        print(
            f"{method:12} ratios {row['ratios']}: stdev {row['stdev_percent']:.1f}%, "
            f"range {row['range_percent']:.1f}% of the mean"
        )
    if args.out:
        with open(args.out, "w") as f:
            json.dump(figures, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
