"""Run the tests that use real servers or threads many times under CPU
load, and fail unless every round passes (``nox -s stress``).

    python -m tests.stress [ROUNDS] [-- PYTEST ARGS]

The tests are those marked ``concurrent`` (see pyproject.toml).  While
the rounds run, one busy process per core competes with them for the
CPU, so that a test that only passes when its threads and servers get
the processor at the right moment fails here rather than on someone's
first run.  The busy processes are started here and always stopped,
and they stop by themselves if this process dies.
"""

import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

DEFAULT_ROUNDS = 10

#: a test that takes longer shows its threads' stacks (it does not stop)
TEST_TIMEOUT = 120

#: a round that takes longer has hung: it is stopped and fails
ROUND_TIMEOUT = 1200

#: a busy loop that ends when the process that started it is gone
SPIN = """
import os, sys
parent = int(sys.argv[1])
while os.getppid() == parent:
    for _ in range(1_000_000):
        pass
"""


def cores():
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def busy_processes(count):
    """*count* processes that keep a core busy each, for the block."""
    spinners = [
        subprocess.Popen([sys.executable, "-c", SPIN, str(os.getpid())]) for _ in range(count)
    ]
    try:
        yield spinners
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()


def summary(output):
    """pytest's closing line, e.g. ``52 passed in 9.81s``."""
    lines = [line.strip("= ") for line in output.splitlines() if line.strip()]
    for line in reversed(lines):
        if re.search(r"\b(passed|failed|error|errors|skipped|deselected|no tests ran)\b", line):
            return line
    return lines[-1] if lines else "(no output)"


def run_round(pytest_args):
    """One pytest run of the concurrent tests: (passed, summary, output).

    A run that hangs is stopped, with everything it started, after
    ROUND_TIMEOUT; pytest's faulthandler has shown by then where each
    thread of a test that took over TEST_TIMEOUT was waiting."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-m",
        "concurrent",
        "-q",
        "--color=no",
        "-p",
        "no:cacheprovider",
        "-o",
        f"faulthandler_timeout={TEST_TIMEOUT}",
        *pytest_args,
    ]
    with tempfile.TemporaryFile() as output:
        run = subprocess.Popen(
            command, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        hung = False
        try:
            run.wait(ROUND_TIMEOUT)
        except subprocess.TimeoutExpired:
            hung = True
        finally:  # timed out, or this script was interrupted
            if run.poll() is None:
                os.killpg(run.pid, signal.SIGKILL)
                run.wait()
        output.seek(0)
        text = output.read().decode(errors="replace")
    if hung:
        return False, f"timed out after {ROUND_TIMEOUT}s", text
    return run.returncode == 0, summary(text), text


def main(argv):
    args, pytest_args = argv, []
    if "--" in argv:
        split = argv.index("--")
        args, pytest_args = argv[:split], argv[split + 1 :]
    rounds = int(args[0]) if args else DEFAULT_ROUNDS
    busy = cores()
    plural = "round" if rounds == 1 else "rounds"
    print(f"stress: {rounds} {plural} of the tests marked 'concurrent'", flush=True)
    print(f"stress: load: {busy} busy processes on {busy} cores", flush=True)
    results = []
    with busy_processes(busy):
        for number in range(1, rounds + 1):
            started = time.monotonic()
            passed, line, output = run_round(pytest_args)
            seconds = time.monotonic() - started
            results.append(passed)
            verdict = "pass" if passed else "FAIL"
            print(
                f"stress: round {number}/{rounds}: {verdict}, {line} ({seconds:.1f}s)", flush=True
            )
            if not passed:
                print(output, flush=True)
    failed = [number for number, passed in enumerate(results, 1) if not passed]
    print(
        f"stress: {rounds - len(failed)} of {rounds} rounds passed under {busy} busy "
        f"processes on {busy} cores" + (f"; failed rounds: {failed}" if failed else ""),
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
