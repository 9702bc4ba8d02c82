"""Download the Flask 2.1.3 sdist from the package registry and unpack it.

    python fetch.py CACHE

unpacks it into ``CACHE/Flask-2.1.3``, whose ``tests/`` the upstream_suite
nox session runs.  Nothing is fetched when the sdist is in
CACHE already, so a second run needs no network.  Nothing of it is kept in
this repository.
"""

import os
import subprocess
import sys
import tarfile

RELEASE = "Flask==2.1.3"
NAME = "Flask-2.1.3"


def fetch(cache):
    os.makedirs(cache, exist_ok=True)
    archive = os.path.join(cache, NAME + ".tar.gz")
    unpacked = os.path.join(cache, NAME)
    done = os.path.join(unpacked, ".unpacked")
    if not os.path.exists(archive):
        # --no-binary: the sdist, for the wheel holds no tests
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--dest",
                cache,
                RELEASE,
            ],
            check=True,
        )
    if not os.path.exists(done):
        with tarfile.open(archive) as tar:
            names = tar.getnames()
            if any(not (n == NAME or n.startswith(NAME + "/")) for n in names):
                raise SystemExit(f"{archive} holds files outside {NAME}/")
            if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
                tar.extractall(cache, filter="data")
            else:
                tar.extractall(cache)
        with open(done, "w"):
            pass
    return unpacked


if __name__ == "__main__":
    fetch(sys.argv[1])
