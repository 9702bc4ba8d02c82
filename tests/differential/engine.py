"""Run generated cases on two implementations and judge the answers.

A *harness* (:mod:`.parity`, :mod:`.modern`) says how to start each
side's worker, how to draw a case, and how to compare two answers.  The
engine

1. draws the cases of a run from its seed (case *i* from its own
   generator, :func:`.gen.rng_for`, so it can be drawn again alone),
   after the harness's kept regression cases;
2. runs every case on both sides, each side one process that builds its
   application once (``batch`` mode of the workers), the two sides at the
   same time;
3. compares the answers; a difference the harness explains by a row of
   the deviation register counts as that row, any other fails;
4. reduces the smallest failing case of each kind of difference (its
   *signature*) with :mod:`.shrink`, replaying candidates through a
   worker of each side in ``serve`` mode, and prints it as it can be
   pasted into the harness's regressions, with both answers.
"""

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time

from . import gen
from .shrink import shrink, size

#: the environment variables that set the seed and the number of cases
SEED_VARIABLE = "DIFF_SEED"
CASES_VARIABLE = "DIFF_CASES"
DEFAULT_CASES = 5000


class Side:
    """How to start one implementation's worker: ``argv`` gets ``batch
    IN OUT`` or ``serve`` appended."""

    def __init__(self, label, argv, env=None, cwd=None):
        self.label = label
        self.argv = list(argv)
        # the same hash order in every run: a case replays alike
        self.env = dict(os.environ, PYTHONHASHSEED="0", **(env or {}))
        self.cwd = cwd

    def batch(self, cases_path, out_path, log):
        return subprocess.Popen(
            self.argv + ["batch", cases_path, out_path],
            env=self.env,
            cwd=self.cwd,
            stdout=log,
            stderr=log,
        )

    def serve(self, log):
        return Server(self, log)


class Server:
    """A worker in ``serve`` mode: one case a line in, its answers out."""

    def __init__(self, side, log):
        self.side, self.log = side, log
        self.process = None

    def _start(self):
        self.process = subprocess.Popen(
            self.side.argv + ["serve"],
            env=self.side.env,
            cwd=self.side.cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
        )

    def send(self, case):
        if self.process is None or self.process.poll() is not None:
            self._start()
        self.process.stdin.write(json.dumps(case).encode("utf-8") + b"\n")
        self.process.stdin.flush()

    def receive(self):
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.process = None
            return [{"exception": "WorkerDied", "harness": True}]
        return json.loads(line)

    def close(self):
        if self.process is not None:
            self.process.stdin.close()
            self.process.wait(timeout=30)
            self.process = None


class Verdict:
    """What comparing one case gave: ``explained`` lists the register rows
    of the differences it showed; ``failure`` is the first difference no
    row explains, as ``(index, signature, detail)``."""

    def __init__(self, explained=(), failure=None):
        self.explained = list(explained)
        self.failure = failure


def load_module(name, path):
    """The module at *path*, loaded as *name* with its folder on
    ``sys.path`` for the while, so that it finds the modules beside it (the
    harnesses' folders are not packages; the generated applications import
    ``shared_views``)."""
    sys.path.insert(0, os.path.dirname(path))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(os.path.dirname(path))
    return module


class Harness:
    """What every harness does alike; a harness (``parity.Harness``,
    ``modern.Harness``) adds its ``name``, ``rerun_hint``, ``sides``,
    ``workdir``, ``slug_prefix``, the path of its kept cases
    (``regressions_path``), and how it draws (``generate``) and compares
    (``compare``) its cases."""

    slug_prefix = ""
    regressions_path = None

    def regressions(self):
        """The cases kept from earlier runs: ``REGRESSIONS`` of the
        harness's regressions file."""
        return load_module(self.name + "_regressions", self.regressions_path).REGRESSIONS

    def format_case(self, case, name):
        return format_case(case, name)

    def slug(self, signature):
        """A reduced case's name: the signature of its difference, in
        letters, digits and dashes, after the harness's prefix."""
        return self.slug_prefix + "".join(c if c.isalnum() else "-" for c in signature).strip("-")


def which_request(index, case, request):
    """The first line of a difference's detail: which request of *case*
    it was, and what it sent."""
    return f"request {index + 1} of {len(case['requests'])}: {describe(request)}\n"


def command(argv, description, arguments, make_harness):
    """Run a harness from the command line: *arguments*, ``[(flag,
    help)]``, are the harness's own, all required; ``--workdir`` is where
    the cases and answers are written; the rest are the engine's
    (:func:`parse_arguments`).  *make_harness* builds the harness from the
    parsed options."""
    parser = argparse.ArgumentParser(description=description)
    for flag, text in arguments:
        parser.add_argument(flag, required=True, help=text)
    parser.add_argument("--workdir", help="where the cases and answers are written")
    known, rest = parser.parse_known_args(argv)
    return main(make_harness(known), rest)


def parse_arguments(argv):
    """``--seed=N``, ``--cases=N``, ``--max-failures=N``, ``--no-shrink``,
    ``--only-regressions`` and ``--verdict=FILE`` (where ``passed`` or
    ``failed`` is written, for a caller that runs on after a failure); the
    environment sets the first two."""
    options = {
        "seed": os.environ.get(SEED_VARIABLE) or None,
        "cases": int(os.environ.get(CASES_VARIABLE) or DEFAULT_CASES),
        "max_failures": 40,
        "shrink": True,
        "regressions": True,
        "verdict": None,
    }
    rest = []
    for arg in argv:
        if arg.startswith("--seed="):
            options["seed"] = arg.split("=", 1)[1]
        elif arg.startswith("--cases="):
            options["cases"] = int(arg.split("=", 1)[1])
        elif arg.startswith("--max-failures="):
            options["max_failures"] = int(arg.split("=", 1)[1])
        elif arg == "--no-shrink":
            options["shrink"] = False
        elif arg == "--only-regressions":
            options["cases"] = 0
        elif arg.startswith("--verdict="):
            options["verdict"] = arg.split("=", 1)[1]
        else:
            rest.append(arg)
    if options["seed"] is None:
        options["seed"] = str(int.from_bytes(os.urandom(4), "big"))
    return options, rest


def _write_cases(path, cases):
    with open(path, "w", encoding="utf-8") as out:
        for case in cases:
            out.write(json.dumps(case) + "\n")


def _read_answers(path):
    with open(path, encoding="utf-8") as answers:
        return [json.loads(line) for line in answers]


def run(harness, options, workdir=None):
    """Run one session's generated cases; return the exit status."""
    seed, count = options["seed"], options["cases"]
    print(f"[{harness.name}] generated differential cases: seed {seed}, {count} cases")
    print(
        f"[{harness.name}] again with: {harness.rerun_hint} --seed={seed} --cases={count}"
        f"  (or {SEED_VARIABLE}={seed})"
    )
    started = time.monotonic()
    regressions = [
        dict(r, origin="regression " + r["name"], kept=True) for r in harness.regressions()
    ]
    cases = list(regressions)
    for index in range(count):
        case = harness.generate(gen.Draw(gen.rng_for(seed, index)))
        case["origin"] = f"seed {seed} case {index}"
        cases.append(case)
    drawn = time.monotonic()
    workdir = workdir or tempfile.mkdtemp(prefix=f"diff-{harness.name}-")
    os.makedirs(workdir, exist_ok=True)
    cases_path = os.path.join(workdir, "cases.jsonl")
    _write_cases(cases_path, cases)
    log_path = os.path.join(workdir, "workers.log")
    answers = {}
    with open(log_path, "wb") as log:
        processes = []
        for side in harness.sides:
            out_path = os.path.join(workdir, f"{side.label}.jsonl")
            processes.append((side, out_path, side.batch(cases_path, out_path, log)))
        for side, out_path, process in processes:
            if process.wait() != 0:
                print(f"[{harness.name}] the {side.label} worker failed; see {log_path}:")
                _print_tail(log_path)
                return 2
            answers[side.label] = _read_answers(out_path)
    replayed = time.monotonic()
    left, right = (answers[side.label] for side in harness.sides)
    requests = sum(len(c["requests"]) for c in cases)
    counts = {"same": 0, "explained": 0, "failed": 0}
    explained_by = {}
    failures = {}
    regression_failures = []
    for case, a, b in zip(cases, left, right, strict=False):
        verdict = harness.compare(case, a, b)
        expected = case.get("deviation")
        for row in verdict.explained:
            explained_by[row] = explained_by.get(row, 0) + 1
        if (
            case.get("kept")
            and expected
            and verdict.failure is None
            and expected not in verdict.explained
        ):
            regression_failures.append(
                (case, f"expected to show {expected} but does not: update the regression")
            )
        if verdict.failure is not None:
            counts["failed"] += 1
            if case.get("kept"):
                regression_failures.append((case, verdict.failure[2]))
                continue
            signature = verdict.failure[1]
            failures.setdefault(signature, []).append((case, verdict, a, b))
        elif verdict.explained:
            counts["explained"] += 1
        else:
            counts["same"] += 1
    compared = time.monotonic()
    print(
        f"[{harness.name}] {len(cases)} cases ({len(regressions)} kept regressions), "
        f"{requests} requests: {counts['same']} identical, {counts['explained']} with "
        f"documented deviations, {counts['failed']} different"
    )
    if explained_by:
        rows = ", ".join(f"{row} x{n}" for row, n in sorted(explained_by.items()))
        print(f"[{harness.name}] documented deviations seen: {rows}")
    for case, detail in regression_failures:
        print(f"\nFAIL kept regression {case['name']}:\n{detail}")
    if failures:
        print(f"[{harness.name}] {len(failures)} kinds of difference (by signature)")
        _report_failures(harness, failures, options, workdir)
    reduced = time.monotonic()
    print(
        f"[{harness.name}] time: drawing {drawn - started:.1f}s, replaying both sides "
        f"{replayed - drawn:.1f}s, comparing {compared - replayed:.1f}s, "
        f"reducing {reduced - compared:.1f}s, total {reduced - started:.1f}s"
    )
    if failures or regression_failures:
        print(
            f"[{harness.name}] FAILED: seed {seed}; every reduced case above is a difference "
            "to fix, or to register with its reason (then kept as a regression)"
        )
        return 1
    print(f"[{harness.name}] passed: seed {seed}")
    return 0


def _report_failures(harness, failures, options, workdir):
    with open(os.path.join(workdir, "servers.log"), "wb") as log:
        _reduce_and_print(harness, failures, options, log)


def _reduce_and_print(harness, failures, options, log):
    servers = [side.serve(log) for side in harness.sides]

    def replay(case):
        for server in servers:
            server.send(case)
        return [server.receive() for server in servers]

    try:
        ordered = sorted(failures.items(), key=lambda item: -len(item[1]))
        for number, (signature, found) in enumerate(ordered, 1):
            case, verdict, a, b = min(found, key=lambda f: size(f[0]))
            print("\n" + "=" * 78)
            print(
                f"DIFFERENCE {number}: {signature}  ({len(found)} cases; smallest is "
                f"{case['origin']})"
            )
            if number > options["max_failures"]:
                print("(not reduced: raise --max-failures to reduce more kinds)")
                print(harness.format_case(case, name=harness.slug(signature)))
                continue
            if options["shrink"]:
                started = time.monotonic()

                def still_fails(candidate, signature=signature):
                    answers = replay(candidate)
                    verdict = harness.compare(candidate, *answers)
                    return verdict.failure is not None and verdict.failure[1] == signature

                if still_fails(case):
                    case, tries = shrink(case, still_fails)
                    print(
                        f"reduced to {len(case['requests'])} request(s) with {tries} "
                        f"candidates in {time.monotonic() - started:.1f}s"
                    )
                else:
                    print("(does not fail again on its own: shown unreduced)")
                a, b = replay(case)
                verdict = harness.compare(case, a, b)
            print(harness.format_case(case, name=harness.slug(signature)))
            if verdict.failure is not None:
                print(verdict.failure[2])
    finally:
        for server in servers:
            server.close()


def _print_tail(path, lines=40):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    print("\n".join(text.splitlines()[-lines:]))


def route_of(request, routes):
    """The first segment of the request's path if it is one of *routes*
    (an application's), else ``"other"``: the route part of a signature."""
    first = request["path"].lstrip("/").split("/", 1)[0]
    return first if first in routes else "other"


def changed_headers(ha, hb):
    """``headers[a,b]`` naming the headers whose values differ between the
    mappings *ha* and *hb*, or ``None`` when none does: a signature part."""
    names = sorted(n for n in set(ha) | set(hb) if ha.get(n) != hb.get(n))
    return "headers[{}]".format(",".join(names)) if names else None


def describe(request):
    """``METHOD path?query``, control characters escaped."""
    target = request["path"] + ("?" + request["query"] if request.get("query") else "")
    return request["method"] + " " + target.encode("unicode_escape").decode("ascii")


def format_case(case, name):
    """The case as Python source, to paste into a regressions list."""
    out = ["    {", f'        "name": {name!r},']
    if case.get("origin"):
        out.append(f'        "found": {case["origin"]!r},')
    out.append('        "requests": [')
    for request in case["requests"]:
        out.append(f"            {request!r},")
    out.append("        ],")
    out.append("    },")
    return "\n".join(out)


def main(harness, argv):
    options, rest = parse_arguments(argv)
    if rest:
        sys.exit(f"unknown arguments: {' '.join(rest)}")
    status = run(harness, options, workdir=harness.workdir)
    if options["verdict"]:
        with open(options["verdict"], "w") as verdict:
            verdict.write("passed" if status == 0 else "failed")
    return status
