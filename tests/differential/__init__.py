"""Generated differential tests: seeded request sequences sent to one
application on two implementations, the answers compared, and any
difference reduced to a small case.

    python -m tests.differential parity --python2 PATH --site DIR
    python -m tests.differential modern --upstream-site DIR

``nox -s parity`` and ``nox -s modern_parity`` run them (``-- --seed=N
--cases=N``, or the ``DIFF_SEED`` and ``DIFF_CASES`` environment
variables).  :mod:`.gen` draws requests, :mod:`.shrink` reduces a failing
case, :mod:`.engine` runs the two sides and reports; :mod:`.parity` and
:mod:`.modern` say what each session sends and how it compares.
"""
