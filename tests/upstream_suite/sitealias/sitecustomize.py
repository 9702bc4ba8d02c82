"""Put on ``PYTHONPATH`` (with the folder above it), this makes every
Python process started there, the ``flask01`` console command included,
import flask01.modern when it imports ``flask``: the way Flask 2.1.3's
tutorial runs unchanged on it (``nox -s upstream_suite``)."""

import sys

from flask_alias import AliasFinder

sys.meta_path.insert(0, AliasFinder("flask01.modern"))
