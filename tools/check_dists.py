"""Check what the built sdist and wheel hold (``nox -s build`` runs it).

    python tools/check_dists.py DIST_DIR

The wheel must hold the flask01 package and its metadata, licence
included, and nothing else.  The sdist must hold the whole project: every
file git tracks (a link to a folder counts as the files in it), so that
the tests and the documentation can be run from it.  Prints what it
checked; exits with status 1 and the reasons when a check fails.
"""

import glob
import os
import subprocess
import sys
import tarfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

#: tracked files the sdist leaves out on purpose
NOT_IN_SDIST = {".gitignore"}

#: what the sdist must hold even where git cannot say what it tracks
SDIST_MUST_HOLD = [
    "LICENSE",
    "README.md",
    "PKG-INFO",
    "pyproject.toml",
    "noxfile.py",
    "flask01/__init__.py",
    "flask01/modern/__init__.py",
    "docs/conf.py",
    "docs/index.rst",
    "tests/conftest.py",
    "examples/tinyblog/tinyblog.py",
    "examples/minitweet/minitweet.py",
    ".ci/run",
    "tools/run_nox.py",
]

#: no archive may hold these
LEFTOVERS = ("__pycache__/", ".pyc", ".pyo", "docs/_build/", ".db")


def main(dist_dir):
    problems = []
    wheel = _one(dist_dir, "flask01-*.whl", problems)
    sdist = _one(dist_dir, "flask01-*.tar.gz", problems)
    if wheel:
        problems += check_wheel(wheel)
    if sdist:
        problems += check_sdist(sdist)
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        return 1
    print("the wheel holds flask01 and its metadata only; the sdist holds the project")
    return 0


def check_wheel(path):
    problems = []
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        version = os.path.basename(path).split("-")[1]
        dist_info = f"flask01-{version}.dist-info/"
        strangers = [n for n in names if not n.startswith(("flask01/", dist_info))]
        problems += [f"wheel: {n} is neither the package nor its metadata" for n in strangers]
        problems += _leftovers("wheel", names)
        package = sorted(
            os.path.relpath(p, ROOT).replace(os.sep, "/")
            for p in glob.glob(os.path.join(ROOT, "flask01", "**", "*.py"), recursive=True)
        )
        problems += [f"wheel: {p} is missing" for p in package if p not in names]
        licence = dist_info + "licenses/LICENSE"
        if licence not in names:
            problems.append(f"wheel: {licence} is missing")
        elif archive.read(licence) != _bytes(os.path.join(ROOT, "LICENSE")):
            problems.append(f"wheel: {licence} differs from LICENSE")
        metadata = archive.read(dist_info + "METADATA").decode()
        problems += _metadata("wheel", metadata)
    print(f"wheel: {os.path.basename(path)}, {len(names)} files")
    for name in names:
        print(f"  {name}")
    return problems


def check_sdist(path):
    problems = []
    with tarfile.open(path) as archive:
        members = archive.getmembers()
        top = os.path.basename(path)[: -len(".tar.gz")] + "/"
        outside = [m.name for m in members if not m.name.startswith(top)]
        problems += [f"sdist: {n} is outside {top}" for n in outside]
        names = {m.name[len(top) :] for m in members if m.isfile()}
        problems += [
            f"sdist: {m.name} is a link (a link is not a file for every unpacker)"
            for m in members
            if m.issym() or m.islnk()
        ]
        metadata = archive.extractfile(top + "PKG-INFO").read().decode()
        if archive.extractfile(top + "LICENSE").read() != _bytes(os.path.join(ROOT, "LICENSE")):
            problems.append("sdist: LICENSE differs from the repository's")
    problems += _leftovers("sdist", names)
    problems += _metadata("sdist", metadata)
    wanted = set(SDIST_MUST_HOLD) | _tracked_files()
    problems += [f"sdist: {n} is missing" for n in sorted(wanted - names)]
    folders = sorted({n.split("/")[0] + "/" for n in names if "/" in n})
    print(f"sdist: {os.path.basename(path)}, {len(names)} files in {', '.join(folders)}")
    return problems


def _tracked_files():
    """The files git tracks, links to folders expanded; none where this
    is not a git checkout (an unpacked sdist, say)."""
    try:
        listing = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout.decode()
    except (OSError, subprocess.CalledProcessError):
        return set()
    tracked = set()
    for name in filter(None, listing.split("\0")):
        path = os.path.join(ROOT, name)
        if os.path.islink(path) and os.path.isdir(path):
            for folder, _, files in os.walk(path):
                rel = os.path.relpath(folder, ROOT).replace(os.sep, "/")
                tracked.update(f"{rel}/{f}" for f in files)
        elif os.path.exists(path):  # a file deleted in the work tree is not built
            tracked.add(name)
    return {n for n in tracked if n not in NOT_IN_SDIST and not _is_leftover(n)}


def _metadata(which, text):
    problems = []
    for line in ("License-Expression: BSD-3-Clause", "License-File: LICENSE"):
        if line not in text.splitlines():
            problems.append(f"{which}: the metadata lacks {line!r}")
    return problems


def _leftovers(which, names):
    return [f"{which}: {n} should not be there" for n in names if _is_leftover(n)]


def _is_leftover(name):
    return any(part in name if part.endswith("/") else name.endswith(part) for part in LEFTOVERS)


def _one(dist_dir, pattern, problems):
    found = glob.glob(os.path.join(dist_dir, pattern))
    if len(found) != 1:
        problems.append(f"{dist_dir}: {len(found)} files match {pattern}, not 1")
        return None
    return found[0]


def _bytes(path):
    with open(path, "rb") as f:
        return f.read()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
