"""Take the tests that now pass off the exclusion list.

    python prune.py EXCLUSIONS MODERN

MODERN is the outcomes file of a whole run of the suite on flask01.modern
(``.nox/upstream_suite/results/flask01.modern.json``).  Every listed test
that passed there is deleted from EXCLUSIONS, line by line, so the file's
comments and order stay as they are; an entry left with no test is
deleted whole.  Run it after a change made tests pass, read the diff, and
commit it: ``check.py`` fails until the list is pruned, so the list only
shrinks.
"""

import json
import re
import sys

_TEST_LINE = re.compile(r"^\s*'(?P<nodeid>[^']+)',\s*$")


def passing(outcomes_path):
    with open(outcomes_path, encoding="utf-8") as f:
        tests = json.load(f)["tests"]
    return {nodeid for nodeid, test in tests.items() if test["outcome"] == "passed"}


def prune(text, passed):
    """*text* without the test lines of *passed*, and without the
    ``[[exclude]]`` blocks that lost all their tests; and how many lines
    went."""
    kept, removed = [], 0
    for line in text.splitlines(keepends=True):
        match = _TEST_LINE.match(line)
        if match and match["nodeid"] in passed:
            removed += 1
            continue
        kept.append(line)
    # an entry whose list is now empty, up to its closing bracket; the
    # comments after it (a class's heading, say) stay
    empty_entry = re.compile(
        r"(?ms)^\[\[exclude\]\]\n(?:(?!^\[\[exclude\]\]).)*?^tests = \[\s*\]\n\n?"
    )
    return empty_entry.sub("", "".join(kept)), removed


def main(exclusions_path, outcomes_path):
    with open(exclusions_path, encoding="utf-8") as f:
        text = f.read()
    text, removed = prune(text, passing(outcomes_path))
    with open(exclusions_path, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{removed} passing test(s) taken off {exclusions_path}")


if __name__ == "__main__":
    main(*sys.argv[1:])
