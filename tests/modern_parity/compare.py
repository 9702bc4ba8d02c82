"""Compare the lifecycle traces of Flask 2.1.3 and flask01.modern.

Every scenario must give the same trace on both sides, except those in
``scenarios.FIXES``: they show an upstream bug that flask01.modern fixes,
so their traces must differ (a fix that no longer shows means the
scenario stopped testing it), and the deviation register must have the
fix's row.

    python compare.py upstream.json modern.json docs/deviations.rst
"""

import copy
import difflib
import html
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from scenarios import FIXES  # noqa: E402

#: id -> what the normalization does; docs/modern.rst lists them
NORMALIZATIONS = {
    "M1": "the Date header is replaced by a placeholder (it names the moment of the run)",
    "M2": "the Allow header is compared as a set of methods (both sides build it "
    "from a set, so its order changes from run to run)",
    "M3": "a body that is Werkzeug's own HTML error or redirect page is compared "
    "with its HTML entities decoded, and without its Content-Length (Werkzeug 2.1 "
    "wrote an apostrophe as &#x27;, Werkzeug 3 as &#39;)",
    "M4": "the Content-Type of a 304 is ignored: a 304 has no body, Werkzeug 2.1 "
    "left text/html there and Werkzeug 3 removes it",
}

_WERKZEUG_PAGE = "<!doctype html>\n<html lang=en>\n<title>"


def normalize_response(record):
    """The comparable form of one recorded response (M1-M4)."""
    record = copy.deepcopy(record)
    headers = record["headers"]
    if "date" in headers:
        headers["date"] = "<date>"  # M1
    if "allow" in headers:
        headers["allow"] = sorted(m.strip() for m in headers["allow"].split(","))  # M2
    if record["body"].startswith(_WERKZEUG_PAGE):
        record["body"] = html.unescape(record["body"])  # M3
        headers.pop("content-length", None)
    if record["status"].startswith("304"):
        headers.pop("content-type", None)  # M4
    return record


def normalize(trace):
    return [
        ["response", normalize_response(event[1])] if event[0] == "response" else event
        for event in trace
    ]


def _lines(trace):
    return [json.dumps(event, sort_keys=True) for event in trace]


def compare(upstream, modern, register_text):
    """Return ``(report_lines, failures)``."""
    report, failures = [], []
    for name, expected in upstream["traces"].items():
        actual = modern["traces"].get(name)
        expected = normalize(expected)
        actual = None if actual is None else normalize(actual)
        fix = FIXES.get(name)
        if actual is None:
            failures.append(f"{name}: missing on the modern side")
        elif fix is None and actual != expected:
            diff = difflib.unified_diff(
                _lines(expected), _lines(actual), "flask 2.1.3", "flask01.modern", lineterm=""
            )
            failures.append(f"{name}: traces differ\n  " + "\n  ".join(diff))
        elif fix is not None and actual == expected:
            failures.append(f"{name}: should show fix {fix} but the traces are equal")
        elif fix is not None and f".. _{fix}:" not in register_text:
            failures.append(f"{name}: fix {fix} has no row in the deviation register")
        else:
            report.append(f"{'fixed ' + fix if fix else 'same':>22}  {name}")
    return report, failures


def main(upstream_path, modern_path, register_path):
    with open(upstream_path) as f:
        upstream = json.load(f)
    with open(modern_path) as f:
        modern = json.load(f)
    with open(register_path) as f:
        register_text = f.read()
    report, failures = compare(upstream, modern, register_text)
    print(f"upstream: {upstream['version']}   modern: {modern['version']}")
    print("\n".join(report))
    same = sum(1 for line in report if line.lstrip().startswith("same"))
    print(f"{same} scenarios identical, {len(report) - same} fixes shown, {len(failures)} failures")
    for failure in failures:
        print("FAIL " + failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
