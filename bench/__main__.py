"""``python -m bench [--quick] [--skip-bigfile] [--out FOLDER]``: measure,
print the ratio table and the targets, write the benchmark page's files
(into ``docs/benchmarks`` unless told otherwise) and exit 1 if a target
was missed, after a profile of each missed per-request target."""

import argparse
import os
import sys

from bench import bigfile, per_request, report

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: per-request targets, by the stack and route to profile on a miss
PROFILE_ON_MISS = {
    "flask01 / Werkzeug, hello": ("flask01", "hello"),
    "flask01.modern / Werkzeug, hello": ("flask01.modern", "hello"),
}


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds, a rough check")
    parser.add_argument("--skip-bigfile", action="store_true", help="no 1 GiB transfer")
    parser.add_argument("--out", default=os.path.join(ROOT, "docs", "benchmarks"))
    args = parser.parse_args(argv)

    rounds, batch = (5, 200) if args.quick else (31, 400)
    print(
        f"Timing {len(per_request.apps.STACKS)} stacks, {rounds} interleaved rounds ...", flush=True
    )
    results = per_request.measure(rounds=rounds, batch=batch)
    results.update(rounds=rounds, batch=batch, machine=report.machine())
    if not args.skip_bigfile:
        print("Sending 1 GiB through gunicorn ...", flush=True)
        results["bigfile"] = bigfile.measure(*((2, 1) if args.quick else ()))
    print(report.summary(results))
    report.write(results, args.out)
    print(f"\nWritten to {args.out}")

    missed = report.missed(results)
    for description, _, _ in missed:
        if description in PROFILE_ON_MISS:
            print(f"\nWhere the time goes ({description}):")
            print(per_request.profile(*PROFILE_ON_MISS[description]))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
