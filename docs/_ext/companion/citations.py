"""Claims about upstream, checked against the releases they name.

A sentence that says what Flask, Werkzeug or Jinja did in some release
cites that release, and the build reads the release's own code to see
that the claim holds::

    Flask 0.7 made it a setting
    :upstream:`Flask 0.7 added flask/app.py:Flask.preserve_context_on_exception`.

The role's text is a small sentence of its own:

``<project> <version> [added|removed] <path>[:<name>] [[not] "<text>"]``

*project* and *version*
    a release on the package registry (``Flask 0.7``, ``Jinja2 3.1.0``;
    ``3.1`` and ``3.1.0`` are the same release);
*path*
    a file in that release's sdist, as in the project's repository at
    that tag (``flask.py``, ``src/flask/app.py``);
*name*
    a dotted name in that file: a ``class``, a ``def``, an assignment
    (``x = ...``, ``self.x = ...`` inside the class), looked up block by
    block, so ``Flask.wsgi_app`` is the method of that class;
``"text"``
    a string that must appear in the named object (or the file), compared
    with runs of whitespace made one space; ``not "text"`` must not;
``added``
    the thing is in this release and in no file of the release before
    it (the registry's list of releases says which one that is);
``removed``
    it is in the release before and in no file of this one.

The check passes or the build fails, naming the citation and what was
not found.  The citation is shown as a link to the file at that
release's tag on GitHub, at the line found (for ``removed``, in the
release before, where the thing still was).

Issues and pull requests link to their threads: the roles ``issue`` and
``pull`` take ``flask 5399`` (``werkzeug 3039``, ``jinja 1234``).

Uncited claims fail too: a paragraph that names a release (``Flask
2.2``, ``Werkzeug 0.15``, ``in 0.7``, ``since 2.3``) needs a citation of
that release (or, for ``added`` and ``removed``, of the release after
it) in the same paragraph, and a paragraph that mentions an issue or
pull request by number needs the role that links to it.  Only the
releases this project is built on (:data:`OWN_RELEASES`) may be named
without one, and the few paragraphs in :data:`OWN_PARAGRAPHS` that
record the versions a measurement ran on.  Docstrings shown by autodoc
are not read for claims.

The releases are sdists fetched from the package registry's index (the
one pip reads, PEP 691) into a cache the first time they are cited,
their SHA-256 checked against the index; from then on the build reads
the cache and needs no network.  The cache is the folder in the
``companion_upstream_cache`` setting, else ``$FLASK01_UPSTREAM_CACHE``,
else ``~/.cache/flask01/upstream``.
"""

import functools
import hashlib
import json
import os
import pathlib
import re
import ssl
import tarfile
import urllib.request
import weakref
import zipfile

from docutils import nodes
from packaging.utils import canonicalize_name, parse_sdist_filename
from packaging.version import InvalidVersion, Version
from sphinx import addnodes
from sphinx.util import logging

from . import failures

logger = logging.getLogger(__name__)

#: the projects a citation may name: registry name, GitHub repository
PROJECTS = {
    "flask": ("Flask", "flask"),
    "werkzeug": ("Werkzeug", "werkzeug"),
    "jinja2": ("Jinja2", "jinja"),
    "jinja": ("Jinja2", "jinja"),
    "itsdangerous": ("itsdangerous", "itsdangerous"),
    "markupsafe": ("MarkupSafe", "markupsafe"),
    "click": ("click", "click"),
    "blinker": ("blinker", "blinker"),
}

#: The releases a page may name without a citation, and why.  Nothing
#: else: a claim about any other release is checked against its code.
OWN_RELEASES = {
    ("flask", "0.1"): (
        "the release flask01 rewrites; the chapters read its code object by "
        "object, and the parity runs judge flask01 against it"
    ),
    ("flask", "2.1.3"): (
        "the release flask01.modern follows; its own test suite and the "
        "differential traces judge flask01.modern against it"
    ),
    ("werkzeug", "0.6.2"): "the Werkzeug the original Flask 0.1 runs on in the parity runs",
    ("werkzeug", "0.6"): "the same, by its minor version (Flask 0.1 required Werkzeug 0.6)",
    ("jinja2", "2.5.5"): "the Jinja2 the original Flask 0.1 runs on in the parity runs",
    ("jinja2", "2.5"): "the same, by its minor version",
    ("werkzeug", "2.1.2"): (
        "the Werkzeug Flask 2.1.3 runs with in the differential runs and its "
        "test suite (noxfile.py, FLASK_21)"
    ),
    ("flask", "2.3.3"): "installed by nox -s versions (noxfile.py) for the characterization tests",
    ("werkzeug", "2.3.8"): "the same",
    ("flask", "3.0.3"): "the same",
    ("werkzeug", "3.0.6"): "the same",
}

#: Paragraphs that name releases without making a claim about them, and
#: why: matched by their text (a regular expression, searched).
OWN_PARAGRAPHS = [
    (
        r"^Measured on \d{4}-\d\d-\d\d",
        "the benchmark page's record of the versions installed when it was measured",
    ),
    (
        r"^One complete run, on \d{4}-\d\d-\d\d",
        "the mutation page's record of the versions installed for its run",
    ),
    (
        r"^Flask \d[\d.]*, Werkzeug \d[\d.]* \(newest\)$",
        "the row of the newest releases that nox -s versions installs",
    ),
    # the same two, as the Chinese edition (docs/locale/zh_CN/) words them
    (r"^一次完整运行，\d{4}-\d\d-\d\d", "the mutation page's record, in Chinese"),
    (r"^测量于 \d{4}-\d\d-\d\d", "the mutation and benchmark pages' record, in Chinese"),
    (r"^Flask \d[\d.]*, Werkzeug \d[\d.]*（最新）$", "the newest releases' row, in Chinese"),
    (r"\bissue 13\b", "this project's own issue tracker, not an upstream thread"),
]

#: a library and a version: "Flask 2.2", "Werkzeug 0.15.1", "Jinja2 3.1"
_NAMED = re.compile(
    r"\b(Flask|Werkzeug|Jinja2?|itsdangerous|MarkupSafe|Click|Blinker)(?:'s)?\s+"
    r"(?:version\s+)?(\d+\.\d+(?:\.\d+)?)(?![\d.]*\d)",
    re.IGNORECASE,
)
#: a version after a word that dates something: "in 0.7", "since 2.3"
_BARE = re.compile(
    r"\b(?:in|since|until|before|after|from|to|by|as of|through|version|release)\s+"
    r"(\d+\.\d+(?:\.\d+)?)(?![\d.]*\d)"
    r"(?!\s*(?:%|per\s?cent|s\b|ms\b|seconds?\b|[KMG]i?B\b|x\b|to about\b|of\b))",
    re.IGNORECASE,
)
#: "issue 5399", "pull request 4682", "PR #4682"
_THREAD = re.compile(r"\b(?:issues?|pull requests?|PRs?)\s+#?\d{2,6}\b", re.IGNORECASE)

_CITATION = re.compile(
    r"^(?P<project>[\w-]+)\s+(?P<version>\d[\w.!+-]*)\s+"
    r"(?:(?P<verb>added|removed)\s+)?"
    r"(?P<path>[\w./-]+)(?::(?P<name>[\w.]+))?"
    r'(?:\s+(?P<negated>not\s+)?"(?P<text>.+)")?$'
)


class UpstreamError(Exception):
    """A citation that cannot be checked, or does not hold."""


# -- releases: the registry's index and the cache ---------------------------


class Releases:
    """The sdists of the cited projects, fetched once into *cache*."""

    def __init__(self, cache, index_url):
        self.cache = pathlib.Path(cache).expanduser()
        self.index_url = index_url.rstrip("/") + "/"

    def _index(self, project, refresh=False):
        """The registry's list of sdists of *project*: {version: file}."""
        where = self.cache / canonicalize_name(project) / "index.json"
        if refresh or not where.exists():
            url = f"{self.index_url}{canonicalize_name(project)}/"
            data = json.loads(_get(url, "application/vnd.pypi.simple.v1+json"))
            where.parent.mkdir(parents=True, exist_ok=True)
            where.write_text(json.dumps(data, indent=1, sort_keys=True))
        data = json.loads(where.read_text())
        sdists = {}
        for entry in data["files"]:
            name = entry["filename"]
            if entry.get("yanked") or not name.endswith((".tar.gz", ".zip", ".tar.bz2")):
                continue
            try:
                _, version = parse_sdist_filename(
                    name if name.endswith(".tar.gz") else _as_tgz(name)
                )
            except (ValueError, InvalidVersion):
                continue
            sdists.setdefault(version, entry)
        return sdists

    def release(self, project, version):
        """The registry's exact version for *version* (``3.1`` is 3.1.0).
        A release not in the cached index asks the registry again."""
        wanted = Version(version)
        for refresh in (False, True):
            for known in self._index(project, refresh=refresh):
                if known == wanted:
                    return known
        raise UpstreamError(f"{project} {version} is not a release on the package registry")

    def previous(self, project, version):
        """The release before *version* (pre-releases only before one)."""
        older = [
            v
            for v in self._index(project)
            if v < version and (version.is_prerelease or not v.is_prerelease)
        ]
        if not older:
            raise UpstreamError(f"{project} {version} is its first release: nothing came before")
        return max(older)

    def files(self, project, version):
        """{path inside the sdist, without its top folder: text}."""
        return _read_archive(self._archive(project, version))

    def _archive(self, project, version):
        entry = self._index(project)[version]
        where = self.cache / canonicalize_name(project) / entry["filename"]
        if not where.exists():
            data = _get(entry["url"])
            expected = entry.get("hashes", {}).get("sha256")
            if expected and hashlib.sha256(data).hexdigest() != expected:
                raise UpstreamError(
                    f"{entry['filename']}: the download's SHA-256 is not the index's"
                )
            where.write_bytes(data)
        return where


def _as_tgz(filename):
    for ending in (".zip", ".tar.bz2"):
        if filename.endswith(ending):
            return filename[: -len(ending)] + ".tar.gz"
    return filename


def _get(url, accept=None):
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    cafile = os.environ.get("PIP_CERT") or os.environ.get("SSL_CERT_FILE")
    context = ssl.create_default_context(
        cafile=cafile if cafile and os.path.exists(cafile) else None
    )
    try:
        with urllib.request.urlopen(request, timeout=60, context=context) as response:
            return response.read()
    except OSError as exc:
        raise UpstreamError(
            f"cannot fetch {url} ({exc}); once a release is in the cache the build needs no network"
        ) from None


@functools.cache
def _read_archive(path):
    files = {}
    path = pathlib.Path(path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not info.is_dir():
                    files[_strip_top(info.filename)] = archive.read(info)
    else:
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                if member.isfile():
                    files[_strip_top(member.name)] = archive.extractfile(member).read()
    return {name: data.decode("utf-8", "replace") for name, data in files.items()}


def _strip_top(name):
    return name.split("/", 1)[1] if "/" in name else name


# -- finding a name in a file ----------------------------------------------


def find(text, dotted):
    """The lines ``(first, last)`` (0-based, *last* excluded) of the
    block that defines *dotted* in the code *text*, or None.  Read
    by indentation, not parsed, so Python 2 code works too."""
    lines = text.splitlines()
    start, stop, indent = 0, len(lines), -1
    for part in dotted.split("."):
        found = _find_part(lines, start, stop, indent, part)
        if found is None:
            return None
        start, stop, indent = found
    return start, stop


def _find_part(lines, start, stop, indent, name):
    heading = re.compile(
        rf"^(\s*)(?:(?:async\s+)?def\s+{name}\b|class\s+{name}\b|"
        rf"(?:self\.)?{name}\s*(?::[^=]*)?=(?!=)|(?:[\w.]+\s*,\s*)*{name}\s*(?:,\s*[\w.]+\s*)*=(?!=))"
    )
    best = None
    for number in range(start + (1 if indent >= 0 else 0), stop):
        match = heading.match(lines[number])
        if not match:
            continue
        depth = len(match.group(1).expandtabs())
        if depth <= indent:
            continue
        if best is None or depth < best[2]:
            best = (number, _block_end(lines, number, depth, stop), depth)
    return best


def _block_end(lines, number, depth, stop):
    end = number + 1
    while end < stop:
        line = lines[end]
        # a closing bracket of a multi-line statement belongs to it
        outdented = line.strip() and len(line) - len(line.lstrip()) <= depth
        if outdented and not line.lstrip().startswith((")", "]", "}")):
            break
        end += 1
    return end


def _line_of(lines, first, stop, needle):
    """The line in ``lines[first:stop]`` where *needle* (squeezed) begins."""
    width = len(needle.split()) + 1
    for start in range(first, stop):
        end = min(start + width, stop)
        if needle in _squeezed("\n".join(lines[start:end])):
            while start + 1 < end and needle in _squeezed("\n".join(lines[start + 1 : end])):
                start += 1
            return start
    return first


def _squeezed(text):
    return " ".join(text.split())


# -- checking a citation ---------------------------------------------------


class Citation:
    def __init__(self, text):
        match = _CITATION.match(" ".join(text.split()))
        if not match:
            raise UpstreamError(
                f"cannot read {text!r}: write "
                '"<project> <version> [added|removed] <path>[:<name>] [[not] "<text>"]"'
            )
        key = match["project"].lower()
        if key not in PROJECTS:
            raise UpstreamError(f"{match['project']} is not one of {sorted(set(PROJECTS))}")
        self.key = "jinja2" if key == "jinja" else key
        self.project, self.repository = PROJECTS[key]
        self.version = match["version"]
        self.verb = match["verb"]
        self.path = match["path"]
        self.name = match["name"]
        self.text = match["text"]
        self.negated = bool(match["negated"])
        self.line = None  # 1-based, where found in the cited release

    def what(self):
        what = f"{self.path}:{self.name}" if self.name else self.path
        if self.text:
            what += f" {'without' if self.negated else 'with'} {self.text!r}"
        return what

    def check(self, releases):
        """Raise :class:`UpstreamError` unless the citation holds."""
        version = releases.release(self.project, self.version)
        self.release = str(version)
        files = releases.files(self.project, version)
        if self.verb == "removed":
            if self._anywhere(files):
                raise UpstreamError(f"{self.project} {version} still has {self.what()}")
            before = releases.previous(self.project, version)
            line = self._in_file(releases.files(self.project, before), before)
            if line is None:
                raise UpstreamError(
                    f"{self.project} {before}, the release before {version}, has no "
                    f"{self.what()}: it cannot have been removed in {version}"
                )
            # the link shows the thing where it still was
            self.line, self.linked = line, str(before)
            return
        line = self._in_file(files, version)
        if line is None:
            raise UpstreamError(f"{self.project} {version} has no {self.what()}")
        self.line = line
        if self.verb == "added":
            before = releases.previous(self.project, version)
            if self._anywhere(releases.files(self.project, before)):
                raise UpstreamError(
                    f"{self.project} {before}, the release before {version}, already "
                    f"has {self.what()}: it did not come in {version}"
                )

    def _in_file(self, files, version):
        """The line where the cited thing is in its file, or None."""
        if self.path not in files:
            if self.verb == "removed":
                return None  # the previous release laid its files out otherwise
            near = sorted(p for p in files if p.endswith("/" + self.path.rsplit("/", 1)[-1]))
            hint = f" (it has {', '.join(near)})" if near else ""
            raise UpstreamError(f"{self.project} {version} has no file {self.path}{hint}")
        return self._in_text(files[self.path])

    def _anywhere(self, files):
        """Whether any file of the release has the cited thing: absence
        is only shown when the thing did not simply move."""
        suffix = os.path.splitext(self.path)[1]
        return any(
            self._in_text(text) is not None
            for path, text in files.items()
            if path == self.path or (suffix and path.endswith(suffix))
        )

    def _in_text(self, text):
        lines = text.splitlines()
        first, stop = 0, len(lines)
        if self.name:
            block = find(text, self.name)
            if block is None:
                return None
            first, stop = block
        if self.text:
            found = _squeezed(self.text) in _squeezed("\n".join(lines[first:stop]))
            if found == self.negated:
                return None
            if not self.negated:
                first = _line_of(lines, first, stop, _squeezed(self.text))
        return first + 1

    def url(self):
        tag = getattr(self, "linked", None) or getattr(self, "release", self.version)
        anchor = f"#L{self.line}" if self.line else ""
        return f"https://github.com/pallets/{self.repository}/blob/{tag}/{self.path}{anchor}"


# -- the roles --------------------------------------------------------------


class upstream_citation(nodes.inline):
    """A checked citation: ``key`` (project) and ``version``, and, for
    ``added`` and ``removed``, ``previous``: the release before.  An
    ``inline`` to every builder (Sphinx's translators look a node's
    visitor up along its classes), a ``<span>`` in HTML."""


class thread_citation(nodes.inline):
    """A link to an issue or pull request."""


def _releases(env):
    """The releases of *env*'s build, read from the cache its settings
    name: kept per environment here, not as an attribute of Sphinx's
    environment, so that nothing of it is pickled with the doctrees."""
    config = env.config
    cache = (
        config.companion_upstream_cache
        or os.environ.get("FLASK01_UPSTREAM_CACHE")
        or os.path.join(os.path.expanduser("~"), ".cache", "flask01", "upstream")
    )
    releases = _RELEASES.get(env)
    if releases is None or releases.cache != pathlib.Path(cache).expanduser():
        releases = _RELEASES[env] = Releases(cache, config.companion_upstream_index)
    return releases


#: the :class:`Releases` of each build's environment
_RELEASES = weakref.WeakKeyDictionary()


def upstream_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    node = upstream_citation(rawtext, "", classes=["upstream-citation"])
    try:
        citation = Citation(text)
        releases = _releases(env)
        citation.check(releases)
        node["key"] = citation.key
        node["version"] = citation.release
        if citation.verb:
            node["previous"] = str(releases.previous(citation.project, Version(citation.release)))
    except (UpstreamError, InvalidVersion) as exc:
        message = f"upstream: {' '.join(text.split())}: {exc}"
        failures.record(env, message)
        error = inliner.reporter.error(message, line=lineno)
        problem = inliner.problematic(rawtext, rawtext, error)
        return [problem], [error]
    shown = " ".join(text.split()).replace('"', "\u201c", 1).replace('"', "\u201d", 1)
    reference = nodes.reference("", shown, refuri=citation.url(), internal=False)
    reference["reftitle"] = f"checked against the sdist of {citation.project} {citation.release}"
    node += nodes.Text("[")
    node += reference
    node += nodes.Text("]")
    return [node], []


_THREAD_TEXT = re.compile(r"^(?:(?P<title>.*?)\s*<(?P<target>[^>]+)>|(?P<plain>.+))$", re.S)


def _thread_role(kind, path, words):
    def role(name, rawtext, text, lineno, inliner, options=None, content=None):
        env = inliner.document.settings.env
        match = _THREAD_TEXT.match(text.strip())
        target = " ".join((match["target"] or match["plain"]).split())
        parts = target.split()
        if len(parts) != 2 or parts[0].lower() not in PROJECTS or not parts[1].isdigit():
            message = (
                f"{kind}: cannot read {text!r}: write a project and a number, e.g. 'flask 5399'"
            )
            failures.record(env, message)
            error = inliner.reporter.error(message, line=lineno)
            return [inliner.problematic(rawtext, rawtext, error)], [error]
        project, repository = PROJECTS[parts[0].lower()]
        project = "Jinja" if repository == "jinja" else project
        title = match["title"] or f"{project} {words} {parts[1]}"
        url = f"https://github.com/pallets/{repository}/{path}/{parts[1]}"
        node = thread_citation(rawtext, "", classes=["upstream-thread"])
        node += nodes.reference("", title, refuri=url, internal=False)
        return [node], []

    return role


# -- uncited claims ---------------------------------------------------------


def _own(key, version):
    """Whether a release may be named without a citation.  A bare version
    ("in 0.1") is Flask's, or one of the other pinned releases when it is
    spelled out in full ("since 2.1.2": no Flask 2.1.2 is pinned)."""
    if key is not None:
        return (key, version) in OWN_RELEASES
    full = version.count(".") == 2
    return any(v == version and (k == "flask" or full) for k, v in OWN_RELEASES)


def _claims(paragraph):
    """The releases and threads a paragraph mentions in its own words
    (not in code, not in a citation)."""
    words = []

    def walk(node):
        for child in node.children:
            if isinstance(child, (upstream_citation, thread_citation, nodes.literal)):
                words.append(" ")
            elif isinstance(child, nodes.Text):
                words.append(child.astext())
            elif isinstance(child, nodes.Element) and not isinstance(child, nodes.paragraph):
                walk(child)

    walk(paragraph)
    text = " ".join("".join(words).split())
    releases = []
    for match in _NAMED.finditer(text):
        key = match[1].lower()
        releases.append(("jinja2" if key == "jinja" else key, match[2], match.start()))
    named_at = {m.start(2) for m in _NAMED.finditer(text)}
    for match in _BARE.finditer(text):
        if match.start(1) not in named_at:
            releases.append((None, match[1], match.start()))
    threads = [m[0] for m in _THREAD.finditer(text)]
    return text, releases, threads


def _covers(node, key, version):
    if key is not None and node["key"] != key:
        return False
    cited = [node["version"]] + ([node["previous"]] if node.get("previous") else [])
    return any(c == version or c.startswith(version + ".") for c in cited)


def check_paragraphs(app, doctree):
    env = app.env
    for paragraph in doctree.findall(nodes.paragraph):
        if not _page_text(paragraph):
            continue  # docstrings are checked where a chapter states them
        text, releases, threads = _claims(paragraph)
        if not releases and not threads:
            continue
        if any(re.search(pattern, text) for pattern, _ in OWN_PARAGRAPHS):
            continue
        cited = list(paragraph.findall(upstream_citation))
        for key, version, _ in releases:
            if _own(key, version) or any(_covers(c, key, version) for c in cited):
                continue
            who = f"{PROJECTS[key][0]} " if key else ""
            _uncited(
                env,
                paragraph,
                f"{who}{version} is named with no citation of that release in this "
                f"paragraph: cite it with :upstream: ({_excerpt(text)})",
            )
        if threads and not list(paragraph.findall(thread_citation)):
            _uncited(
                env,
                paragraph,
                f"{threads[0]!r} is mentioned with no :issue: or :pull: link in this "
                f"paragraph ({_excerpt(text)})",
            )


def _excerpt(text, width=90):
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _uncited(env, node, message):
    message = f"upstream: {message}"
    failures.record(env, message)
    logger.error(message, location=node, type="companion", subtype="upstream")


def _page_text(node):
    """Whether *node* is the page's own text: not a docstring that autodoc
    shows (an API entry, a module's docstring), nor a paragraph that a
    directive made from something else (a test's docstring, made into
    the specification page, has no source)."""
    if node.source is None or ":docstring of " in node.source:
        return False
    parent = node.parent
    while parent is not None:
        if isinstance(parent, addnodes.desc_content):
            return False
        parent = parent.parent
    return True


def setup(app):
    app.add_config_value("companion_upstream_cache", "", "env")
    app.add_config_value(
        "companion_upstream_index",
        os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple/"),
        "env",
    )
    app.add_role("upstream", upstream_role)
    app.add_role("issue", _thread_role("issue", "issues", "issue"))
    app.add_role("pull", _thread_role("pull", "pull", "pull request"))
    app.connect("doctree-read", check_paragraphs)
