"""``import flask`` as another package: the alias the upstream suite
(``upstream_suite_plugin``) and the tutorial run (``sitealias/``) use.

Only the import system is taught a second name: ``flask`` and ``flask.X``
are the very module objects of PACKAGE and PACKAGE.X, not copies, so a
class imported through either name is one class.
"""

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

ALIAS = "flask"


class _AliasLoader(importlib.abc.Loader):
    """Hand out an already imported module under a second name."""

    def __init__(self, target):
        self.target = target
        self.spec = target.__spec__

    def create_module(self, spec):
        return self.target

    def exec_module(self, module):
        # The import system has just set module.__spec__ to the alias's
        # spec; put the module's own back, so that its name, file and
        # spec stay those of PACKAGE.X for everything that reads them.
        module.__spec__ = self.spec


class AliasFinder(importlib.abc.MetaPathFinder):
    """``flask`` and ``flask.X`` are PACKAGE and PACKAGE.X."""

    def __init__(self, package):
        self.package = package

    def find_spec(self, fullname, path=None, target=None):
        if fullname != ALIAS and not fullname.startswith(ALIAS + "."):
            return None
        real = self.package + fullname[len(ALIAS) :]
        if real not in sys.modules and importlib.util.find_spec(real) is None:
            return None  # the ordinary "No module named 'flask.X'"
        module = importlib.import_module(real)
        return importlib.machinery.ModuleSpec(
            fullname, _AliasLoader(module), is_package=hasattr(module, "__path__")
        )
