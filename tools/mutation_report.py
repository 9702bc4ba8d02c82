"""Print the mutation score of each module from mutmut's results.

    python tools/mutation_report.py [MUTANTS] [--equivalent FILE]

MUTANTS is the ``mutants/`` folder ``mutmut run`` left (``mutants`` in
the current folder by default).  mutmut keeps, beside each mutated file,
a ``.meta`` file with the exit code of the tests for every mutant; this
reads them and prints, per module, how many mutants were killed (the
tests failed or timed out), how many survived, and the score: killed
over all mutants that were tested.  Mutants that no test reaches count
as survivors, as they are: nothing would notice them.

FILE (``tools/mutation_equivalent.txt`` by default, when it exists)
lists mutants that no test can kill, one name (or ``fnmatch`` pattern) a
line with ``#`` and the reason after it: mutants that do not change
behaviour, and mutants of code that runs before mutmut switches a mutant
on (at import).  They are left out of the score and counted apart, so
that the list is read again whenever the numbers are.
"""

import fnmatch
import json
import os
import pathlib
import sys

#: mutmut's exit codes (its stats module) by what they mean for the score
KILLED = {1, 3, 36, 24, -24, 152, 255}  # the tests failed, or timed out
SURVIVED = {0, 5, 33}  # the tests passed, or there were none
SKIPPED = {34, None}

HERE = pathlib.Path(__file__).resolve().parent


def read_equivalent(path):
    """``{mutant name: reason}`` from the equivalent-mutants list."""
    equivalent = {}
    if not path.exists():
        return equivalent
    for line in path.read_text(encoding="utf-8").splitlines():
        name, _, reason = line.partition("#")
        if name.strip():
            equivalent[name.strip()] = reason.strip()
    return equivalent


def results(mutants):
    """``{module: {mutant name: exit code}}`` from the ``.meta`` files."""
    found = {}
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = meta.relative_to(mutants).as_posix()[: -len(".meta")]
        with open(meta) as f:
            found[module] = json.load(f)["exit_code_by_key"]
    return found


def main(argv):
    args = list(argv)
    equivalent_path = HERE / "mutation_equivalent.txt"
    if "--equivalent" in args:
        at = args.index("--equivalent")
        equivalent_path = pathlib.Path(args[at + 1])
        del args[at : at + 2]
    mutants = pathlib.Path(args[0] if args else "mutants")
    equivalent = read_equivalent(equivalent_path)
    by_module = results(mutants)
    if not by_module:
        print(f"no mutmut results under {os.path.abspath(mutants)}: run `mutmut run` first")
        return 1
    rows, survivors, total_killed, total_tested, total_left = [], [], 0, 0, 0
    for module, codes in by_module.items():
        killed = tested = 0
        left = sum(1 for code in codes.values() if code is None)
        total_left += left
        for name, code in codes.items():
            if code in SKIPPED or any(fnmatch.fnmatchcase(name, p) for p in equivalent):
                continue
            tested += 1
            if code in KILLED:
                killed += 1
            else:
                survivors.append((name, code))
        total_killed += killed
        total_tested += tested
        rows.append((module, killed, tested, left))
    width = max(len(row[0]) for row in rows)
    print(f"{'module':{width}}  killed  tested   score  not yet run")
    for module, killed, tested, left in rows + [("all", total_killed, total_tested, total_left)]:
        score = f"{100 * killed / tested:5.1f}%" if tested else "    -"
        print(f"{module:{width}}  {killed:6}  {tested:6}  {score}  {left:11}")
    if total_left:
        print(f"\nthe run is not complete: {total_left} mutants were not run yet")
    print(f"\n{len(equivalent)} mutants listed as equivalent ({equivalent_path.name}), not counted")
    if survivors:
        print(f"{len(survivors)} survivors (`mutmut show NAME` shows one):")
        for name, code in survivors:
            print(f"  {name}" + ("" if code == 0 else f"  (exit code {code})"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
