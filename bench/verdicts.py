"""Deciding a target on evidence.

A figure the benchmark judges (a ratio of two stacks' times, a memory
growth, a share of bytes) is an estimate from a few noisy samples: the
rounds of :mod:`bench.per_request`, the turns of :mod:`bench.bigfile`.
Each comes here with its samples and the statistic that turns samples
into the figure, and leaves with the figure, a confidence interval and
a verdict:

* **met** when the whole interval is at or under the limit;
* **missed** when the whole interval is over it;
* **undecided** otherwise: the samples cannot tell which side of the
  limit the figure is on.  :func:`adaptive` then takes more samples,
  up to a bound, and a target still undecided there is reported as
  such.

The interval is a percentile bootstrap: the samples are drawn again
with replacement, as many as there were, the statistic computed on
each draw, and the interval is the middle :data:`CONFIDENCE` of those
values.  A sample is a whole round (or turn), so that figures measured
in the same round stay together and the machine's slow moments divide
out of a ratio just as they do in the figure itself.  The draws come
from a generator seeded with a constant: the same samples give the
same interval every time.
"""

import math
import random
from dataclasses import asdict, dataclass

MET, MISSED, UNDECIDED, MEASURED = "met", "missed", "undecided", "measured"

#: how much of the bootstrap distribution the interval holds.  A run
#: looks at its figures up to four times (after the first rounds and
#: after each of up to three extensions) and stops as soon as they are
#: decided, so each look must be stricter than the error it allows in
#: all: four looks at 99% leave at most about 4% (Bonferroni) for a
#: figure sitting right at its limit to be called either way.
CONFIDENCE = 0.99
#: bootstrap draws per interval: the 0.5% tails are then 10 draws each
RESAMPLES = 2000
SEED = 20260119


@dataclass(frozen=True)
class Estimate:
    """One judged (or merely measured) figure."""

    name: str
    value: float
    low: float
    high: float
    limit: float | None = None
    verdict: str = MEASURED
    samples: int = 0

    def as_dict(self):
        return asdict(self)


def percentile(ordered, fraction):
    """The value at *fraction* (0 to 1) of the sorted list *ordered*,
    interpolating between neighbours."""
    position = fraction * (len(ordered) - 1)
    below = math.floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def bootstrap_interval(samples, statistic, confidence=CONFIDENCE, resamples=RESAMPLES, seed=SEED):
    """The percentile bootstrap interval ``(low, high)`` of
    ``statistic(samples)``: *samples* is a list of whole rounds (any
    objects), *statistic* takes such a list."""
    samples = list(samples)
    if len(samples) < 2:
        value = statistic(samples)
        return value, value
    draw = random.Random(seed).choices
    values = sorted(statistic(draw(samples, k=len(samples))) for _ in range(resamples))
    tail = (1 - confidence) / 2
    return percentile(values, tail), percentile(values, 1 - tail)


def verdict(low, high, limit):
    """:data:`MET` when the interval ``[low, high]`` is at or under
    *limit*, :data:`MISSED` when it is all over it, else
    :data:`UNDECIDED`; :data:`MEASURED` when there is no limit."""
    if limit is None:
        return MEASURED
    if high <= limit:
        return MET
    if low > limit:
        return MISSED
    return UNDECIDED


def estimate(name, samples, statistic, limit=None, **bootstrap):
    """The figure ``statistic(samples)`` with its interval and verdict."""
    samples = list(samples)
    value = statistic(samples)
    low, high = bootstrap_interval(samples, statistic, **bootstrap)
    # the statistic of the samples themselves is inside its interval
    low, high = min(low, value), max(high, value)
    return Estimate(name, value, low, high, limit, verdict(low, high, limit), len(samples))


def undecided(estimates):
    return [e for e in estimates if e.verdict == UNDECIDED]


def adaptive(take, judge, initial, step, bound, on_more=None):
    """Take samples until every figure is decided or *bound* is reached.

    ``take(count)`` takes *count* more samples (rounds, turns);
    ``judge()`` returns the :class:`Estimate` list for all taken so far.
    First *initial* samples, then *step* more while any estimate is
    undecided, never more than *bound* in all; ``on_more(undecided
    estimates, taken, more)`` is told before each extension.  Returns
    ``(estimates, samples taken)``."""
    if not 0 < initial <= bound or step <= 0:
        raise ValueError("need 0 < initial <= bound and step > 0")
    take(initial)
    taken = initial
    while True:
        estimates = judge()
        if not undecided(estimates) or taken >= bound:
            return estimates, taken
        more = min(step, bound - taken)
        if on_more is not None:
            on_more(undecided(estimates), taken, more)
        take(more)
        taken += more


def exit_code(estimates, strict=False):
    """1 when a target was missed, or (with *strict*) left undecided;
    else 0."""
    verdicts = {e.verdict for e in estimates}
    if MISSED in verdicts or (strict and UNDECIDED in verdicts):
        return 1
    return 0
