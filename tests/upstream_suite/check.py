"""Judge a run of Flask 2.1.3's own test suite against flask01.modern.

    python check.py EXCLUSIONS BASELINE MODERN [NAME=EVIDENCE ...] [--partial]

EXCLUSIONS is ``exclusions.toml``; BASELINE, MODERN and each EVIDENCE are
the JSON files that ``upstream_suite_plugin`` writes (``--outcomes``):
BASELINE from real Flask 2.1.3 on Werkzeug 2.1.2, MODERN from
flask01.modern on today's Werkzeug, and each EVIDENCE from real Flask
2.1.3 on a newer Werkzeug, by the name that class (2) entries give in
``fails_on``.

It fails (exit status 1) when

* the baseline does not pass every test, or collects none;
* a test fails on flask01.modern and is not listed;
* a listed test passes (take it off the list: the list only shrinks);
* a listed test fails for another reason than its entry's ``match``;
* a class (2) test passes on real Flask 2.1.3 in a run it names in
  ``fails_on`` (then it is not Werkzeug's doing);
* an entry names a test the suite does not have, or a test twice.

``--partial``: only some tests ran (``nox -s upstream_suite -- -k ...``);
listed tests that did not run are not counted.
"""

import json
import re
import sys
from collections import Counter

import tomllib

PASSED = "passed"


def load_outcomes(path):
    """{node id: (outcome, message)}, a test whose module could not be
    collected counted as an error with the collection error's message."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    outcomes = {nodeid: (t["outcome"], t["message"]) for nodeid, t in data["tests"].items()}
    return outcomes, data["collect_errors"], data["ran"]


def outcome_of(nodeid, outcomes, collect_errors):
    if nodeid in outcomes:
        return outcomes[nodeid]
    module = nodeid.split("::")[0]
    if module in collect_errors:
        return "error", f"not collected: {collect_errors[module]}"
    return None


def load_exclusions(path):
    with open(path, "rb") as f:
        data = tomllib.load(f)
    classes = {int(k): v for k, v in data["classes"].items()}
    runs = data["evidence"]
    entries = {}
    problems = []
    for group in data["exclude"]:
        cls = group["class"]
        if cls not in classes:
            problems.append(f"unknown class {cls} for {group['reason']!r}")
        for key in ("reason", "match", "tests"):
            if key not in group:
                problems.append(f"an entry without {key!r}: {group.get('reason', group)!r}")
        if cls == 2 and not group.get("fails_on"):
            problems.append(f"class 2 entry without 'fails_on': {group['reason']!r}")
        for name in group.get("fails_on", []):
            if name not in runs:
                problems.append(f"'fails_on' names no run of [evidence]: {name!r}")
        for nodeid in group.get("tests", []):
            if nodeid in entries:
                problems.append(f"listed twice: {nodeid}")
            entries[nodeid] = group
    return classes, runs, entries, problems


def describe(ran):
    flask = ran["flask"].replace("flask ", "Flask ")
    return f"{flask} on Werkzeug {ran['werkzeug']}"


def first_line(message):
    return message.strip().splitlines()[0] if message.strip() else ""


def main(argv):
    partial = "--partial" in argv
    argv = [a for a in argv if a != "--partial"]
    exclusions_path, baseline_path, modern_path, *evidence_args = argv
    classes, runs, entries, problems = load_exclusions(exclusions_path)
    baseline, baseline_errors, baseline_ran = load_outcomes(baseline_path)
    modern, modern_errors, modern_ran = load_outcomes(modern_path)
    evidence = {}
    for arg in evidence_args:
        name, _, path = arg.partition("=")
        evidence[name] = load_outcomes(path)

    baseline_passed = sum(1 for o, _ in baseline.values() if o == PASSED)
    if not baseline:
        problems.append("the baseline (real Flask 2.1.3) ran no test")
    for module, message in baseline_errors.items():
        problems.append(f"the baseline (real Flask 2.1.3) could not collect {module}: {message}")
    for nodeid, (outcome, message) in baseline.items():
        if outcome != PASSED:
            problems.append(
                f"the baseline (real Flask 2.1.3) did not pass {nodeid}: "
                f"{outcome}: {first_line(message)}"
            )

    unexpected, now_passing, other_reason, not_werkzeugs = [], [], [], []
    modern_passed = not_run = 0
    for nodeid in baseline:
        result = outcome_of(nodeid, modern, modern_errors)
        if result is None:
            not_run += 1
            if not partial:
                problems.append(f"did not run on flask01.modern: {nodeid}")
            continue
        outcome, message = result
        entry = entries.get(nodeid)
        if outcome == PASSED:
            modern_passed += 1
            if entry is not None:
                now_passing.append(nodeid)
        elif entry is None:
            unexpected.append((nodeid, outcome, first_line(message)))
        elif not re.search(entry["match"], message):
            other_reason.append((nodeid, entry["match"], first_line(message)))

    for nodeid, entry in entries.items():
        if nodeid not in baseline:
            problems.append(f"listed, but the suite has no such test: {nodeid}")
        for name in entry.get("fails_on", []) if entry["class"] == 2 else []:
            if name not in evidence:
                problems.append(f"no evidence run named {name!r} (for {nodeid})")
                continue
            result = outcome_of(nodeid, *evidence[name][:2])
            if result is not None and result[0] == PASSED:
                not_werkzeugs.append((nodeid, name))

    total = len(baseline)
    print()
    print("Flask 2.1.3's own test suite")
    print(f"  {baseline_passed:3d} of {total} passed: {describe(baseline_ran)}, the baseline")
    print(f"  {modern_passed:3d} of {total} passed: {describe(modern_ran)}")
    for name, (outcomes, _, ran) in sorted(evidence.items()):
        n = sum(1 for o, _ in outcomes.values() if o == PASSED)
        print(f"  {n:3d} of {total} passed: {describe(ran)}, evidence run {name!r}")
        print(f"                     ({runs.get(name, 'not described in [evidence]')})")
    if partial:
        print(f"  (a partial run: {not_run} tests did not run)")
    counts = Counter(entry["class"] for entry in entries.values())
    print("  expected to fail on flask01.modern, by the exclusion list:")
    for cls, name in sorted(classes.items()):
        print(f"    ({cls}) {counts.get(cls, 0):3d}  {name}")
    print(f"        {len(entries):3d}  in all")

    failed = False
    for title, rows in [
        ("Failing on flask01.modern and not listed", unexpected),
        ("Listed, but passing now: take them off the list", [(n,) for n in now_passing]),
        ("Failing for another reason than the entry's match", other_reason),
        (
            "Class (2), but passing on real Flask 2.1.3 in the named evidence run",
            not_werkzeugs,
        ),
        ("Problems", [(p,) for p in problems]),
    ]:
        if rows:
            failed = True
            print(f"\n{title} ({len(rows)}):")
            for row in rows:
                print("  " + "\n      ".join(str(x) for x in row))
    print()
    print("upstream suite: FAILED" if failed else "upstream suite: as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
