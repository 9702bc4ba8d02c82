"""Run nox from a virtual environment of its own, made on first use.

    python3 tools/run_nox.py -s tests

takes the same arguments as ``nox``, runs it in the top folder of the
repository and exits with its status.  It needs nothing but Python 3.8 or
newer (the sessions themselves want 3.10 to 3.13): on Debian and Ubuntu,
whose system Python refuses ``pip install`` outside a virtual environment
(PEP 668), it is the way to run nox without installing anything by hand.

The first run makes ``.venv-nox/`` at the top of the repository with the
standard library's ``venv`` and installs nox into it; later runs reuse it.
nox then makes the virtual environments of its sessions with virtualenv,
which it brings along, so they need neither ``venv`` nor ``ensurepip``.
Delete ``.venv-nox/`` to start again.

Where ``ensurepip`` is missing (Debian's python3-venv package not
installed), the environment is made without pip, and the system's pip
installs pip and nox into it.  Where neither is there, it says what to
install.
"""

import importlib.metadata
import importlib.util
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-nox")

#: what is installed into VENV; changing it makes the next run install again
#: (2025.10.14 is the first nox with the ``download_python`` option)
REQUIREMENTS = ["nox>=2025.10.14,<2027"]
_PIP_INSTALL = ["install", "--quiet", "--disable-pip-version-check", *REQUIREMENTS]

#: the oldest pip with ``--python``, which installs into another environment
PIP_WITH_PYTHON_OPTION = (22, 3)

#: records what VENV was made with, so that a change is noticed
MARKER = os.path.join(VENV, "run_nox.txt")


def main(args):
    python = _venv_python()
    wanted = _marker_text()
    if not _ready(python, wanted):
        status = _make_venv(python)
        if status:
            return status
        with open(MARKER, "w") as f:
            f.write(wanted)
    command = [python, "-m", "nox", *args]
    os.chdir(ROOT)
    if os.name == "posix":
        # nox takes this process's place: its output, signals (Ctrl-C
        # included) and exit status are the command's own
        os.execv(python, command)
    return subprocess.call(command)


def _make_venv(python):
    where = os.path.relpath(VENV)
    if importlib.util.find_spec("ensurepip") is not None:
        _say(f"making {where} with {sys.executable} -m venv and installing nox into it")
        status = subprocess.call([sys.executable, "-m", "venv", "--clear", VENV])
        if status == 0:
            return _pip(python, "-m", "pip", *_PIP_INSTALL)
        _say("venv could not put pip into it; trying the system's pip instead")
    pip = _system_pip_version()
    if pip is None or pip < PIP_WITH_PYTHON_OPTION:
        found = "none" if pip is None else ".".join(map(str, pip))
        return _fail(
            f"{sys.executable} cannot make a virtual environment with pip in it:\n"
            f"it has no ensurepip, and no pip 22.3 or newer to fill one (found: {found}).\n"
            "On Debian or Ubuntu, install python3-venv (sudo apt install python3-venv,\n"
            "or python3.X-venv for the Python 3.X that runs this); elsewhere, use a\n"
            "Python whose venv module has ensurepip, as most installers give.\n"
            "Then run this command again."
        )
    _say(f"making {where} without pip and installing pip and nox into it with the system's pip")
    status = subprocess.call([sys.executable, "-m", "venv", "--clear", "--without-pip", VENV])
    if status:
        return _fail(f"{sys.executable} -m venv --without-pip failed (status {status}).")
    return _pip(sys.executable, "-m", "pip", "--python", python, *_PIP_INSTALL, "pip")


def _pip(*command):
    status = subprocess.call(command)
    if status:
        return _fail(f"installing nox failed (status {status}): see pip's message above.")
    return 0


def _system_pip_version():
    if importlib.util.find_spec("pip") is None:
        return None
    try:
        version = importlib.metadata.version("pip")
    except importlib.metadata.PackageNotFoundError:
        return None
    return tuple(int(part) for part in version.split(".")[:2] if part.isdigit())


def _venv_python():
    if os.name == "nt":
        return os.path.join(VENV, "Scripts", "python.exe")
    return os.path.join(VENV, "bin", "python")


def _marker_text():
    return f"{sys.executable}\n{sys.version}\n{' '.join(REQUIREMENTS)}\n"


def _ready(python, wanted):
    """Whether VENV was made as *wanted* and its Python still imports nox
    (a venv outlives the interpreter it was made from when that one is
    removed or upgraded)."""
    try:
        with open(MARKER) as f:
            if f.read() != wanted:
                return False
        return subprocess.call([python, "-c", "import nox"], stderr=subprocess.DEVNULL) == 0
    except OSError:
        return False


def _say(message):
    print(f"run_nox: {message}", file=sys.stderr, flush=True)


def _fail(message):
    _say(message)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
