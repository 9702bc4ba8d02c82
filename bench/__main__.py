"""``python -m bench [--quick] [--skip-bigfile] [--strict] [--no-history]
[--out FOLDER]``: measure until every target is decided (or a bound is
reached), print the ratio table and the targets with their intervals,
write the benchmark page's files (into ``docs/benchmarks`` unless told
otherwise), add the run to the history there, and exit 1 if a target
was missed (after a profile of each missed per-request target), or,
with ``--strict``, also if one is still undecided."""

import argparse
import os
import sys

from bench import history, per_request, report, verdicts

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: per-request targets, by the stack and route to profile on a miss
PROFILE_ON_MISS = {
    "flask01 / Werkzeug, hello": ("flask01", "hello"),
    "flask01.modern / Werkzeug, hello": ("flask01.modern", "hello"),
}

#: (first, more at a time, at most) rounds of requests, transfers through
#: the server and in-process streams of the 1 GiB file; and the batch of
#: requests a round times per (stack, route)
PLANS = {
    "full": {"rounds": (31, 30, 121), "transfers": (11, 30, 101), "streams": (11, 10, 41)},
    "quick": {"rounds": (7, 7, 21), "transfers": (3, 3, 9), "streams": (3, 3, 9)},
}
BATCH = {"full": 400, "quick": 200}


def _adaptive(what, take, judge, plan, taken):
    initial, step, bound = plan[what]

    def on_more(left, done, more):
        names = "; ".join(f"{e.name} [{e.low:.3f}, {e.high:.3f}]" for e in left)
        print(f"  undecided after {done} {what}: {names}; {more} more", flush=True)

    judged, count = verdicts.adaptive(take, judge, initial, step, bound, on_more)
    taken[what] = {"initial": initial, "step": step, "bound": bound, "taken": count}
    return judged


def measure(kind, skip_bigfile=False):
    """Every figure, taken adaptively by *kind*'s plan (``"full"`` or
    ``"quick"``)."""
    from bench import bigfile

    plan, taken = PLANS[kind], {}
    first, step, bound = plan["rounds"]
    print(
        f"Timing {len(per_request.apps.STACKS)} stacks and {len(per_request.VARIANTS)}"
        f" variants: {first} interleaved rounds, then {step} more at a time while a"
        f" target is undecided, at most {bound} ...",
        flush=True,
    )
    rounds = per_request.Rounds(batch=BATCH[kind])
    _adaptive(
        "rounds", rounds.take, lambda: report.request_estimates(rounds.results()), plan, taken
    )
    results = rounds.results()
    results.update(rounds=taken["rounds"]["taken"], batch=BATCH[kind])
    if not skip_bigfile:
        first, step, bound = plan["transfers"]
        print(
            f"Sending 1 GiB through gunicorn: {first} turns per stack, then {step} more"
            f" at a time while a target is undecided, at most {bound}; the same in process ...",
            flush=True,
        )
        with bigfile.session() as turns:
            _adaptive(
                "transfers",
                turns.transfers,
                lambda: report.server_estimates(turns.results()),
                plan,
                taken,
            )
            _adaptive(
                "streams",
                turns.streams,
                lambda: report.stream_estimates(turns.results()),
                plan,
                taken,
            )
            results["bigfile"] = turns.results()
    results.update(
        plan=taken,
        confidence=verdicts.CONFIDENCE,
        clock="thread CPU time",
        machine=report.machine(),
    )
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a rough check")
    parser.add_argument("--skip-bigfile", action="store_true", help="no 1 GiB transfer")
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 if a target is still undecided"
    )
    parser.add_argument(
        "--no-history", action="store_true", help="do not add this run to the history"
    )
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks"))
    args = parser.parse_args(argv)

    results = measure("quick" if args.quick else "full", args.skip_bigfile)
    judged = report.estimates(results)
    print(report.summary(results, judged))
    report.write(results, args.out, judged)
    if args.quick or args.no_history:
        print(f"\nWritten to {args.out} (not added to the history)")
    else:
        history.record(args.out, results, judged, ROOT)
        print(f"\nWritten to {args.out}, and added to its {history.FILE}")

    for e in report.missed(results, judged):
        if e.name in PROFILE_ON_MISS:
            print(f"\nWhere the time goes ({e.name}):")
            print(per_request.profile(*PROFILE_ON_MISS[e.name]))
    return verdicts.exit_code(report.targets(results, judged), strict=args.strict)


if __name__ == "__main__":
    sys.exit(main())
