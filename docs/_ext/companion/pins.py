"""The drift guard.

A chapter's commentary was written for one version of the code it
shows.  Each ``source`` directive carries that version's fingerprint
(``:pin:``); when the code changes, the fingerprint no longer matches
and the build fails, naming the object and the chapter, until someone
has read the commentary against the new code and pinned it again::

    nox -s repin -- flask01.Flask.wsgi_app

Re-pinning is one object at a time on purpose: it records that this
object's commentary was looked at.  It is a command only for
convenience; editing ``:pin:`` by hand is the same act.

Run as a script, this module is that command.
"""

import re
import sys

from sphinx.util import logging

from . import failures

logger = logging.getLogger(__name__)


def check(env, located, pin, lineno):
    """Report a drift (or a missing pin) of *located*, shown by the
    current page at *lineno*, as an error that fails the build."""
    if pin == located.fingerprint:
        return
    if pin is None:
        problem = f"{located.name} has no :pin: (its code's fingerprint is {located.fingerprint})"
    else:
        problem = (
            f"{located.name} changed since this chapter was pinned to it "
            f"(pinned {pin}, now {located.fingerprint}): read the commentary "
            f"again, then run `nox -s repin -- {located.name}`"
        )
    logger.error(problem, location=(env.docname, lineno), type="companion", subtype="drift")
    failures.record(env, problem)


# -- the re-pinning command ------------------------------------------------

_DIRECTIVE = re.compile(
    r"^\.\. source:: (?P<name>\S+)\n(?P<options>(?:[ \t]+:[^\n]*\n?)*)",
    re.MULTILINE,
)
_PIN = re.compile(r"(?P<head>:pin:[ \t]*)\S*")


def repin(text, name, fingerprint_of):
    """*text* (a chapter) with every ``source`` of *name* pinned to its
    current code, and how many directives were changed.
    ``fingerprint_of(head)`` gives the fingerprint of the whole object, or
    of its head for a directive with ``:head:``."""
    count = 0

    def replace(match):
        nonlocal count
        if match["name"] != name:
            return match[0]
        options = match["options"]
        pin = fingerprint_of(":head:" in options)
        count += 1
        if _PIN.search(options):
            options = _PIN.sub(lambda m: m["head"] + pin, options, count=1)
        else:
            options = f"   :pin: {pin}\n" + options
        return match[0][: match.start("options") - match.start()] + options

    return _DIRECTIVE.sub(replace, text), count


def main(argv):
    import glob
    import os

    from .locate import locate

    if not argv:
        print("usage: repin OBJECT [OBJECT ...]   (e.g. flask01.Flask.wsgi_app)")
        return 2
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
    chapters = sorted(glob.glob(os.path.join(root, "annotated", "*.rst")))
    status = 0
    for name in argv:

        def fingerprint_of(head, name=name):
            return locate(name, head=head).fingerprint

        total = 0
        for path in chapters:
            with open(path, encoding="utf-8") as f:
                text, count = repin(f.read(), name, fingerprint_of)
            if count:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                print(f"{os.path.relpath(path, root)}: {name} pinned again ({count} place(s))")
            total += count
        if not total:
            print(f"no chapter shows {name} with a :pin:")
            status = 1
    return status


if __name__ == "__main__":  # python -m companion.pins, from docs/_ext
    sys.exit(main(sys.argv[1:]))
