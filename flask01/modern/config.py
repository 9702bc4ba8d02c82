"""The configuration: a dict with loaders.

flask01 kept its few settings as attributes (``app.debug``,
``app.secret_key``).  Flask 0.3 gathered them into ``app.config``; the
attributes remain as shortcuts to the keys.
"""

import errno
import json
import os
import types
from datetime import timedelta

from werkzeug.utils import import_string

#: the keys every application starts with, and their values in Flask 2.1
DEFAULT_CONFIG = {
    "ENV": "production",
    "DEBUG": False,
    "TESTING": False,
    "PROPAGATE_EXCEPTIONS": None,
    "PRESERVE_CONTEXT_ON_EXCEPTION": None,
    "SECRET_KEY": None,
    "PERMANENT_SESSION_LIFETIME": timedelta(days=31),
    "USE_X_SENDFILE": False,
    "SERVER_NAME": None,
    "APPLICATION_ROOT": "/",
    "SESSION_COOKIE_NAME": "session",
    "SESSION_COOKIE_DOMAIN": None,
    "SESSION_COOKIE_PATH": None,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SECURE": False,
    "SESSION_COOKIE_SAMESITE": None,
    "SESSION_REFRESH_EACH_REQUEST": True,
    "MAX_CONTENT_LENGTH": None,
    # Flask 3.1's limits on forms, which Flask 2.1.3 did not have; here
    # they apply to urlencoded bodies too (see flask01.modern.wrappers)
    "MAX_FORM_MEMORY_SIZE": 500_000,
    "MAX_FORM_PARTS": 1_000,
    "SEND_FILE_MAX_AGE_DEFAULT": None,
    "TRAP_BAD_REQUEST_ERRORS": None,
    "TRAP_HTTP_EXCEPTIONS": False,
    "EXPLAIN_TEMPLATE_LOADING": False,
    "PREFERRED_URL_SCHEME": "http",
    "JSON_AS_ASCII": True,
    "JSON_SORT_KEYS": True,
    "JSONIFY_PRETTYPRINT_REGULAR": False,
    "JSONIFY_MIMETYPE": "application/json",
    "TEMPLATES_AUTO_RELOAD": None,
    "MAX_COOKIE_SIZE": 4093,
}


class Config(dict):
    """The application's settings.  Only upper-case keys are read from
    objects and files, so helpers and imports in a settings module do not
    become settings.

    :param root_path: the folder relative file names are resolved against
    """

    def __init__(self, root_path, defaults=None):
        super().__init__(defaults or {})
        self.root_path = root_path

    def from_mapping(self, mapping=None, **kwargs):
        """Take the upper-case keys of *mapping* (a dict or an iterable of
        ``(key, value)`` pairs) and of *kwargs*."""
        for key, value in {**dict(mapping or {}), **kwargs}.items():
            if key.isupper():
                self[key] = value
        return True

    def from_object(self, obj):
        """Take the upper-case attributes of *obj*, a module or a class,
        or the object a dotted name such as ``"myapp.settings.Production"``
        names (imported first)."""
        if isinstance(obj, str):
            obj = import_string(obj)
        for key in dir(obj):
            if key.isupper():
                self[key] = getattr(obj, key)

    def from_file(self, filename, load, silent=False):
        """Take the upper-case keys of the mapping that *load* reads from
        the file *filename* (relative to ``root_path``), opened for
        reading text::

            app.config.from_file("config.json", load=json.load)

        With *silent*, a missing file is not an error and returns ``False``.
        """
        filename = os.path.join(self.root_path, filename)
        try:
            with open(filename) as f:
                obj = load(f)
        except OSError as e:
            if silent and e.errno in (errno.ENOENT, errno.EISDIR):
                return False
            e.strerror = f"Unable to load configuration file ({e.strerror})"
            raise
        return self.from_mapping(obj)

    def from_prefixed_env(self, prefix="FLASK", *, loads=json.loads):
        """Take every environment variable named ``FLASK_<KEY>``, without
        the prefix, in sorted order.  Each value is parsed with *loads*
        (JSON by default, so ``FLASK_DEBUG=true`` is ``True``) and stays a
        string where that fails.  A double underscore sets a key of a
        nested dict: ``FLASK_DB__HOST`` sets ``config["DB"]["HOST"]``."""
        prefix = f"{prefix}_"
        for key in sorted(os.environ):
            if not key.startswith(prefix):
                continue
            value = os.environ[key]
            try:
                value = loads(value)
            except Exception:
                pass  # not parseable by loads: keep the string
            key = key[len(prefix) :]
            if "__" not in key:
                self[key] = value
                continue
            current = self
            *parts, tail = key.split("__")
            for part in parts:
                current = current.setdefault(part, {})
            current[tail] = value
        return True

    def get_namespace(self, namespace, lowercase=True, trim_namespace=True):
        """The keys that start with *namespace* (``"IMAGE_STORE_"``, say)
        as a dict, lower-cased and without the namespace by default, ready
        to pass as keyword arguments."""
        rv = {}
        for key, value in self.items():
            if not key.startswith(namespace):
                continue
            name = key[len(namespace) :] if trim_namespace else key
            rv[name.lower() if lowercase else name] = value
        return rv

    def from_pyfile(self, filename, silent=False):
        """Run the Python file *filename* (relative to ``root_path``)
        and take its upper-case names.  With *silent*, a missing file is
        not an error and returns ``False``."""
        filename = os.path.join(self.root_path, filename)
        module = types.ModuleType("config")
        module.__file__ = filename
        try:
            with open(filename, "rb") as config_file:
                exec(compile(config_file.read(), filename, "exec"), module.__dict__)
        except OSError as e:
            if silent and e.errno in (errno.ENOENT, errno.EISDIR, errno.ENOTDIR):
                return False
            e.strerror = f"Unable to load configuration file ({e.strerror})"
            raise
        self.from_object(module)
        return True

    def from_envvar(self, variable_name, silent=False):
        """:meth:`from_pyfile` with the file named by an environment
        variable."""
        filename = os.environ.get(variable_name)
        if not filename:
            if silent:
                return False
            raise RuntimeError(
                f"The environment variable {variable_name!r} is not set and as such"
                " configuration could not be loaded. Set this variable and make it"
                " point to a configuration file"
            )
        return self.from_pyfile(filename, silent=silent)

    def __repr__(self):
        return f"<{type(self).__name__} {dict.__repr__(self)}>"
