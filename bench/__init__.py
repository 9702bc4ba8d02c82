"""Measurements: ``nox -s bench`` runs them and writes the results that
the documentation's benchmark page shows.

* :mod:`bench.apps` builds the same five routes on five stacks (flask01,
  flask01.modern, Flask, raw Werkzeug and a bare WSGI callable);
* :mod:`bench.per_request` times them, interleaved, and reports ratios;
* :mod:`bench.bigfile` sends a 1 GiB file through a real server;
* :mod:`bench.verdicts` judges each target on a bootstrap interval and
  says when more rounds are needed;
* :mod:`bench.report` writes the table, the plot and the raw numbers;
* :mod:`bench.history` keeps every run's figures and plots them;
* :mod:`bench.evaluate` re-runs the evidence behind the method (clocks,
  pyperf).
"""
