"""The benchmark's decision logic (bench/verdicts.py), its history
(bench/history.py) and the exit code of ``python -m bench``, on made-up
figures: nothing here is timed."""

import json
import statistics
import xml.etree.ElementTree as ET
from datetime import datetime, timezone

import pytest

from bench import __main__ as bench_main
from bench import apps, history, per_request, report, verdicts
from bench.verdicts import MEASURED, MET, MISSED, UNDECIDED


@pytest.mark.parametrize(
    ("low", "high", "limit", "expected"),
    [
        (0.9, 1.0, 1.05, MET),  # the whole interval under the limit
        (0.9, 1.05, 1.05, MET),  # at the limit counts as met, as before
        (1.06, 1.2, 1.05, MISSED),  # the whole interval over it
        (1.0, 1.1, 1.05, UNDECIDED),  # straddling it
        (1.05, 1.1, 1.05, UNDECIDED),  # touching it from above
        (0.9, 1.1, None, MEASURED),  # no limit: only measured
    ],
)
def test_a_verdict_needs_the_whole_interval_on_one_side(low, high, limit, expected):
    assert verdicts.verdict(low, high, limit) == expected


def test_the_bootstrap_interval_is_the_same_for_the_same_samples():
    samples = [1.0, 1.2, 0.9, 1.1, 1.05, 0.95, 1.3, 1.0, 0.98]
    first = verdicts.bootstrap_interval(samples, statistics.median)
    assert first == verdicts.bootstrap_interval(samples, statistics.median)
    low, high = first
    assert min(samples) <= low <= statistics.median(samples) <= high <= max(samples)
    assert high - low < max(samples) - min(samples)


def test_a_wider_confidence_gives_a_wider_interval():
    samples = [1.0 + 0.01 * ((i * 37) % 23) for i in range(41)]
    narrow = verdicts.bootstrap_interval(samples, statistics.median, confidence=0.8)
    wide = verdicts.bootstrap_interval(samples, statistics.median, confidence=0.99)
    assert wide[0] <= narrow[0]
    assert narrow[1] <= wide[1]


def test_equal_samples_give_a_point_interval():
    assert verdicts.bootstrap_interval([2.0] * 10, statistics.median) == (2.0, 2.0)
    assert verdicts.bootstrap_interval([2.0], statistics.median) == (2.0, 2.0)


def test_estimates_of_clear_and_unclear_figures():
    steady_low = [0.90, 0.91, 0.92, 0.90, 0.91] * 4
    steady_high = [1.10, 1.11, 1.12, 1.10, 1.11] * 4
    straddling = [0.95, 1.15, 1.0, 1.1, 1.05, 0.98, 1.12] * 3
    median = statistics.median
    assert verdicts.estimate("a", steady_low, median, 1.05).verdict == MET
    assert verdicts.estimate("b", steady_high, median, 1.05).verdict == MISSED
    unclear = verdicts.estimate("c", straddling, median, 1.05)
    assert unclear.verdict == UNDECIDED
    assert unclear.low <= 1.05 < unclear.high
    assert unclear.low <= unclear.value <= unclear.high
    assert unclear.samples == len(straddling)


class Sampling:
    """take() and judge() for :func:`verdicts.adaptive`: undecided until
    *decided_at* samples were taken."""

    def __init__(self, decided_at):
        self.decided_at = decided_at
        self.takes = []

    @property
    def taken(self):
        return sum(self.takes)

    def take(self, count):
        self.takes.append(count)

    def judge(self):
        decided = self.taken >= self.decided_at
        return [verdicts.Estimate("x", 1.0, 0.9, 1.1, 1.05, MET if decided else UNDECIDED)]


def test_adaptive_rounds_stop_as_soon_as_every_target_is_decided():
    sampling = Sampling(decided_at=50)
    told = []
    judged, taken = verdicts.adaptive(
        sampling.take, sampling.judge, 31, 30, 121, lambda *args: told.append(args)
    )
    assert sampling.takes == [31, 30]
    assert taken == 61
    assert judged[0].verdict == MET
    assert [(done, more) for _, done, more in told] == [(31, 30)]
    assert [e.name for e in told[0][0]] == ["x"]


def test_adaptive_rounds_take_nothing_more_when_decided_at_once():
    sampling = Sampling(decided_at=0)
    assert verdicts.adaptive(sampling.take, sampling.judge, 31, 30, 121)[1] == 31
    assert sampling.takes == [31]


def test_adaptive_rounds_stop_at_the_bound_and_say_undecided():
    sampling = Sampling(decided_at=10**6)
    judged, taken = verdicts.adaptive(sampling.take, sampling.judge, 31, 30, 100)
    assert sampling.takes == [31, 30, 30, 9]  # the last step is cut to the bound
    assert taken == 100
    assert judged[0].verdict == UNDECIDED


@pytest.mark.parametrize(("initial", "step", "bound"), [(0, 1, 5), (6, 1, 5), (1, 0, 5)])
def test_adaptive_refuses_a_plan_that_cannot_run(initial, step, bound):
    with pytest.raises(ValueError, match="initial <= bound"):
        verdicts.adaptive(lambda n: None, list, initial, step, bound)


def _judged(*verdict_list):
    return [
        verdicts.Estimate(f"t{i}", 1.0, 0.9, 1.1, None if v == MEASURED else 1.0, v)
        for i, v in enumerate(verdict_list)
    ]


@pytest.mark.parametrize(
    ("found", "plain", "strict"),
    [
        ((MET, MET, MEASURED), 0, 0),
        ((MET, UNDECIDED), 0, 1),
        ((MET, MISSED), 1, 1),
        ((UNDECIDED, MISSED), 1, 1),
    ],
)
def test_only_a_miss_fails_unless_strict_asks_for_undecided_to_fail(found, plain, strict):
    assert verdicts.exit_code(_judged(*found)) == plain
    assert verdicts.exit_code(_judged(*found), strict=True) == strict


# -- the whole command on made-up rounds ------------------------------------


def _made_up_results(rounds=31, hello_ratios=(1.2,)):
    """What :meth:`per_request.Rounds.results` gives, from figures made
    up so that flask01 / Werkzeug on hello follows *hello_ratios* round
    by round and every other target is clearly met."""
    times = {"flask01": 50.0, "flask01.modern": 60.0, "Flask": 100.0, "Werkzeug": 40.0, "WSGI": 1}
    sampler = per_request.Rounds.__new__(per_request.Rounds)
    samples = {}
    for stack, base in times.items():
        for route in apps.ROUTES:
            samples["requests", stack, route] = [
                base * (1 + 0.001 * (i % 3)) for i in range(rounds)
            ]
    werkzeug = samples["requests", "Werkzeug", "hello"]
    samples["requests", "flask01", "hello"] = [
        w * hello_ratios[i % len(hello_ratios)] for i, w in enumerate(werkzeug)
    ]
    for stack, ns in (("flask01", 10.0), ("flask01.modern", 12.0), ("Flask", 50.0)):
        samples["contexts", stack, None] = [ns] * rounds
    for variant, stack, route, _ in per_request.VARIANTS:
        samples["variants", variant, route] = list(samples["requests", stack, route])
    sampler.samples = samples
    results = sampler.results()
    results.update(
        rounds=rounds,
        batch=400,
        confidence=verdicts.CONFIDENCE,
        plan={"rounds": {"initial": 31, "step": 30, "bound": 121, "taken": rounds}},
        machine={
            "date": "2026-01-19",
            "cpu": "test",
            "cores": 2,
            "system": "test",
            "python": "CPython 3.11",
            "packages": {"Werkzeug": "3"},
        },
    )
    return results


def test_made_up_rounds_give_the_verdicts_they_were_made_for():
    met = report.estimates(_made_up_results())
    assert {e.verdict for e in report.targets(None, met)} == {MET}
    assert {e.verdict for e in met if e.limit is None} == {MEASURED}
    straddling = report.estimates(_made_up_results(hello_ratios=(1.4, 1.6)))
    assert straddling[0].name == "flask01 / Werkzeug, hello"
    assert straddling[0].verdict == UNDECIDED


@pytest.fixture
def quiet_command(monkeypatch):
    """``python -m bench`` with made-up measurements and no plot library."""

    def run(hello_ratios, *argv, tmp_path):
        results = _made_up_results(hello_ratios=hello_ratios)
        monkeypatch.setattr(bench_main, "measure", lambda kind, skip_bigfile=False: results)
        monkeypatch.setattr(report, "plot", lambda results, path: None)
        monkeypatch.setattr(history, "commit", lambda root: "0" * 40)
        monkeypatch.setattr(history, "dirty", lambda root: False)
        return bench_main.main(["--skip-bigfile", "--out", str(tmp_path), *argv])

    return run


def test_the_command_exits_non_zero_on_undecided_only_when_strict(quiet_command, tmp_path, capsys):
    assert quiet_command((1.4, 1.6), tmp_path=tmp_path) == 0
    out = capsys.readouterr().out
    assert "UNDECIDED  flask01 / Werkzeug, hello" in out
    assert "1 target(s) undecided" in out
    assert "--strict" in out
    # the page says so too, as a paragraph of its own after the tables
    assert "]\n\n1 target(s) undecided" in (tmp_path / "table.inc").read_text()
    assert quiet_command((1.4, 1.6), "--strict", tmp_path=tmp_path) == 1
    assert quiet_command((1.2,), "--strict", tmp_path=tmp_path) == 0


def test_the_command_fails_on_a_miss_and_records_every_run(quiet_command, tmp_path, monkeypatch):
    monkeypatch.setattr(per_request, "profile", lambda stack, route: "profile")
    assert quiet_command((1.7,), tmp_path=tmp_path) == 1
    assert quiet_command((1.2,), tmp_path=tmp_path) == 0
    runs = history.load(tmp_path / history.FILE)
    assert len(runs) == 2
    first = {f["name"]: f for f in runs[0]["figures"]}
    assert first["flask01 / Werkzeug, hello"]["verdict"] == MISSED
    assert first["flask01 / Werkzeug, hello"]["limit"] == 1.5
    assert (tmp_path / history.PLOT).exists()
    assert "estimates" in json.loads((tmp_path / "results.json").read_text())
    assert "target(s) undecided" not in (tmp_path / "table.inc").read_text()


def test_a_quick_run_is_not_added_to_the_history(quiet_command, tmp_path):
    assert quiet_command((1.2,), "--quick", tmp_path=tmp_path) == 0
    assert not (tmp_path / history.FILE).exists()


# -- the history ------------------------------------------------------------


def _run(value, verdict, commit="a" * 40, day=19):
    judged = [
        verdicts.Estimate("ratio <x>", value, value - 0.05, value + 0.05, 1.05, verdict),
        verdicts.Estimate("a cost", 1.0, 0.99, 1.01),
    ]
    when = datetime(2026, 1, day, 12, 0, tzinfo=timezone.utc)
    return history.entry(_made_up_results(), judged, commit, False, when)


def test_history_lines_hold_commit_date_versions_and_figures(tmp_path):
    path = tmp_path / "deep" / history.FILE
    history.append(path, _run(1.0, MET))
    history.append(path, _run(1.02, UNDECIDED, commit="b" * 40, day=20))
    runs = history.load(path)
    assert [run["commit"][0] for run in runs] == ["a", "b"]
    assert runs[0]["date"] == "2026-01-19T12:00:00Z"
    assert runs[0]["python"] == "CPython 3.11"
    assert runs[0]["packages"] == {"Werkzeug": "3"}
    assert runs[0]["taken"] == {"rounds": 31}
    figure = runs[1]["figures"][0]
    assert figure == {
        "name": "ratio <x>",
        "value": 1.02,
        "low": 0.97,
        "high": 1.07,
        "limit": 1.05,
        "verdict": UNDECIDED,
    }
    assert history.load(tmp_path / "none.jsonl") == []


def test_outside_git_the_commit_is_unknown(tmp_path):
    assert history.commit(tmp_path) == "unknown"
    assert history.dirty(tmp_path) is None


def test_the_history_plot_has_a_panel_per_figure_and_a_point_per_run(tmp_path):
    runs = [_run(1.0, MET), _run(1.1, MISSED, "c" * 40), _run(1.03, UNDECIDED, "d" * 40)]
    drawn = history.svg(runs)
    assert drawn == history.svg(runs)  # the same file for the same history
    root = ET.fromstring(drawn)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    titles = [t.text for t in root.iterfind("svg:text[@class='title']", ns)]
    assert titles == ["ratio <x>", "a cost"]
    assert len(root.findall(".//svg:circle", ns)) == 6
    assert len(root.findall(".//svg:line[@class='limit']", ns)) == 1  # the cost has none
    colours = [c.get("fill") for c in root.findall(".//svg:circle", ns)][:3]
    assert colours == [history.COLOURS[v] for v in (MET, MISSED, UNDECIDED)]
    labels = [t.text for t in root.iterfind(".//svg:text[@class='run']", ns)]
    assert labels[:2] == ["aaaaaaa 2026-01-19", "ddddddd 2026-01-19"]


def test_an_empty_history_still_draws(tmp_path):
    root = ET.fromstring(history.svg([]))
    assert "No runs recorded yet." in "".join(root.itertext())
    history.write_plot(tmp_path)
    assert (tmp_path / history.PLOT).read_text().startswith("<svg")


# -- the variants of the new costs -----------------------------------------


def test_without_signals_swaps_the_signals_for_the_timed_batch_only():
    import flask01.modern.app as modern_app
    import flask01.modern.ctx as modern_ctx

    real = modern_app.request_started, modern_ctx.appcontext_pushed
    seen = []

    def timer(app, environ, count):
        seen.append((modern_app.request_started, modern_ctx.appcontext_pushed))
        return 1.0

    assert per_request.without_signals(timer)(None, None, 1) == 1.0
    assert all(isinstance(s, per_request._NoSignal) for s in seen[0])
    assert seen[0][0].send(object(), response=None) == []
    assert (modern_app.request_started, modern_ctx.appcontext_pushed) == real


def test_after_a_trace_times_with_the_tracer_removed_again():
    import sys

    app = apps.STACKS["flask01"]()
    environ = per_request.environ_for(app, "hello")
    seen = []

    def timer(app, environ, count):
        seen.append(sys.getprofile())
        return 2.0

    assert per_request.after_a_trace(timer)(app, environ, 1) == 2.0
    assert seen == [None]
