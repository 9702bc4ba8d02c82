"""How the package is put together: what each version may import of the
other, and what is loaded only when it is needed."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

import flask01
import flask01.modern as modern
from flask01.modern.helpers import get_root_path
from flask01.modern.testing import FlaskClient

PACKAGE = Path(flask01.__file__).parent


def imported_modules(path):
    """The absolute names of the modules *path* imports, relative imports
    resolved against its package."""
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = ".".join(path.relative_to(PACKAGE.parent).parts[:-1])
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("path", sorted((PACKAGE / "modern").glob("*.py")), ids=lambda p: p.name)
def test_modern_imports_nothing_of_flask01_but_the_shared_module(path):
    reached = {
        name
        for name in imported_modules(path)
        if name == "flask01"
        or (name.startswith("flask01.") and not name.startswith("flask01.modern"))
    }
    assert all(name == "flask01._shared" or name.startswith("flask01._shared.") for name in reached)


@pytest.mark.parametrize("name", ["__init__.py", "_werkzeug06.py", "_shared.py"])
def test_the_faithful_modules_import_nothing_of_modern(name):
    assert not any(n.startswith("flask01.modern") for n in imported_modules(PACKAGE / name))


def test_the_testing_module_loads_only_when_a_test_client_is_made():
    script = (
        "import sys, flask01.modern as flask\n"
        "from werkzeug.test import run_wsgi_app, create_environ\n"
        "app = flask.Flask('x')\n"
        "app.route('/')(lambda: 'hi')\n"
        "body, status, headers = run_wsgi_app(app, create_environ('/'), buffered=True)\n"
        "assert body == [b'hi'], body\n"
        "print('flask01.modern.testing' in sys.modules)\n"
        "app.test_client()\n"
        "print('flask01.modern.testing' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-W", "error", "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["False", "True"]


def test_a_test_client_class_of_the_applications_own_is_used(app_modern):
    class Client(FlaskClient):
        pass

    app_modern.test_client_class = Client
    assert type(app_modern.test_client()) is Client


@pytest.fixture
def app_modern(tmp_path):
    return modern.Flask("structure", root_path=str(tmp_path))


def test_modern_request_max_content_length_is_read_only(app_modern):
    app_modern.config["MAX_CONTENT_LENGTH"] = 10
    with app_modern.test_request_context():
        assert modern.request.max_content_length == 10
        with pytest.raises(AttributeError):
            modern.request.max_content_length = 20


def test_copying_a_request_context_leaves_the_request_object_alone(app_modern):
    with app_modern.test_request_context() as ctx:
        before = set(vars(ctx.request))
        ctx.copy()
        assert set(vars(ctx.request)) == before


def test_root_path_of_an_imported_module_is_its_folder():
    assert get_root_path("flask01") == str(PACKAGE)


def test_root_path_of_a_module_not_yet_imported_is_found_without_importing_it(tmp_path):
    (tmp_path / "not_imported_app.py").write_text("raise SystemExit('imported')\n")
    sys.path.insert(0, str(tmp_path))
    try:
        assert get_root_path("not_imported_app") == str(tmp_path)
        assert "not_imported_app" not in sys.modules
    finally:
        sys.path.remove(str(tmp_path))


def test_root_path_of_an_unknown_module_is_the_working_directory():
    assert get_root_path("no_module_has_this_name") == os.getcwd()


def test_root_path_of_a_namespace_package_must_be_given(tmp_path):
    (tmp_path / "a_namespace_package").mkdir()
    sys.path.insert(0, str(tmp_path))
    try:
        with pytest.raises(RuntimeError, match="root_path"):
            get_root_path("a_namespace_package")
    finally:
        sys.path.remove(str(tmp_path))
