"""``beside``: flask01's module against the original, object by object.

::

    .. beside:: flask01
       :release: Flask==0.1
       :file: flask.py

       Flask.open_session: D-session-json

The original is never stored in this repository.  The first build
downloads its sdist from the package registry with pip (``pip download
--no-deps --no-binary :all:``) into a cache folder, by default
``_build/beside`` next to ``conf.py`` (the ``companion_beside_cache``
setting); later builds find it there and need no network.  pip checks
the download against the hash the registry's index gives.

Both modules are cut into their top-level statements, and a class into
its head (the ``class`` line and docstring) and the statements of its
body, each named by what it defines (``Flask.run``, ``_request_ctx_stack``,
``(imports)``).  The original is Python 2, which :mod:`ast` cannot read
(``except Exception, e``), so the cutting is done on :mod:`tokenize`'s
logical lines, the same way for both files.  The pieces are paired by
name in the original's order, a piece found in one file only is shown as
such where it stands, and every pair that differs is shown as a unified
diff, ``-`` the original, ``+`` flask01.

The directive's body names, one per line, the register rows
(:doc:`/deviations`) that explain the difference of an object: the page
links them under that object, and a name that is in neither module fails
the build, so the list cannot drift away from the code.
"""

import ast
import difflib
import importlib
import io
import os
import pathlib
import re
import subprocess
import sys
import tarfile
import textwrap
import token
import tokenize
import zipfile

from docutils import nodes
from docutils.parsers.rst import directives
from packaging.utils import canonicalize_name, parse_sdist_filename
from sphinx import addnodes
from sphinx.util.docutils import SphinxDirective

from . import failures


class BesideError(Exception):
    """The original cannot be had, or the directive is wrong."""


# -- the original, from the registry or the cache ---------------------------


def cached_sdist(cache, requirement):
    """The sdist of *requirement* (``Project==version``) in *cache*,
    downloaded with pip when it is not there yet."""
    project, _, version = requirement.partition("==")
    if not version:
        raise BesideError(f"{requirement!r}: write one release, as Project==version")
    cache = pathlib.Path(cache)
    found = _in_cache(cache, project, version)
    if found is None:
        cache.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:"]
        command += ["--disable-pip-version-check", "--quiet", "--dest", str(cache), requirement]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise BesideError(f"pip download {requirement} could not run: {exc}") from None
        found = _in_cache(cache, project, version)
        if done.returncode != 0 or found is None:
            said = " ".join((done.stderr or done.stdout).split())[-400:]
            raise BesideError(
                f"pip download {requirement} into {cache} failed ({said}); once the "
                "sdist is in that folder the build needs no network"
            )
    return found


def _in_cache(cache, project, version):
    if not cache.is_dir():
        return None
    for path in sorted(cache.iterdir()):
        name = path.name
        if name.endswith(".zip"):
            name = name[: -len(".zip")] + ".tar.gz"
        try:
            found_project, found_version = parse_sdist_filename(name)
        except ValueError:
            continue
        if canonicalize_name(found_project) == canonicalize_name(project) and str(
            found_version
        ) == str(version):
            return path
    return None


def read_from_sdist(path, filename):
    """The text of *filename* (a path below the sdist's top folder)."""
    path = pathlib.Path(path)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = {_below_top(n): n for n in archive.namelist()}
            if filename in members:
                return archive.read(members[filename]).decode("utf-8")
    else:
        with tarfile.open(path) as archive:
            for member in archive.getmembers():
                if member.isfile() and _below_top(member.name) == filename:
                    return archive.extractfile(member).read().decode("utf-8")
    raise BesideError(f"{path.name} has no {filename}")


def _below_top(name):
    return name.split("/", 1)[1] if "/" in name else name


# -- cutting a module into named pieces -------------------------------------


class Piece:
    """One statement of a module or a class body: its name, its lines,
    and (for a class) the pieces of its body."""

    def __init__(self, name, lines, start, members=()):
        self.name = name
        self.lines = lines
        self.start = start  # its first row in the file, 1-based
        self.members = list(members)


def _statement_starts(text):
    """``(row, col)`` (row 1-based) of the first token of every logical
    line: where each statement starts, at any depth."""
    starts, at_start = [], True
    skip = {token.NL, token.COMMENT, token.INDENT, token.DEDENT, token.NEWLINE}
    skip |= {token.ENCODING, token.ENDMARKER}
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == token.NEWLINE:
            at_start = True
        elif at_start and tok.type not in skip:
            starts.append(tok.start)
            at_start = False
    return starts


def pieces(text):
    """The top-level pieces of the module *text*, in order."""
    lines = text.splitlines()
    starts = _statement_starts(text)
    return _cut(lines, starts, 0, len(lines) + 1, 0, "")


def _cut(lines, starts, first, stop, col, prefix):
    """The statements that start at column *col* in rows ``[first, stop)``."""
    rows = [r for r, c in starts if first <= r < stop and c == col]
    spans = []
    for i, row in enumerate(rows):
        end = rows[i + 1] if i + 1 < len(rows) else stop
        spans.append([row, end])
    # comments right above a statement (no blank line between) are its own
    for i in range(1, len(spans)):
        row = spans[i][0]
        while row - 1 > spans[i - 1][0] and _is_comment_at(lines[row - 2], col):
            row -= 1
        spans[i - 1][1], spans[i][0] = row, row
    found = []
    pending = None  # the first row of decorators, waiting for what they decorate
    for row, end in spans:
        chunk = lines[row - 1 : end - 1]
        first_code = next(line for line in chunk if not _is_comment_at(line, col)).strip()
        if first_code.startswith("@"):
            pending = row if pending is None else pending
            continue
        start, pending = (row if pending is None else pending), None
        if first_code.startswith(_CLAUSES) and found:
            start = found.pop().start  # the rest of a try or an if
            rest = lines[start - 1 :]
            first_code = next(x for x in rest if x.strip() and not _is_comment_at(x, col)).strip()
        chunk = lines[start - 1 : end - 1]
        while chunk and not chunk[-1].strip():
            chunk.pop()
        name = _name_of(first_code, chunk)
        if name is None and prefix:
            continue  # a class body's ``pass``: part of the class's head
        members = ()
        if name and first_code.startswith("class "):
            members = _class_body(lines, starts, row, end, col, prefix + name + ".")
        found.append(Piece(prefix + (name or first_code[:40]), chunk, start, members))
    return _merge_imports(found, lines)


def _is_comment_at(line, col):
    stripped = line.lstrip()
    return stripped.startswith("#") and len(line) - len(stripped) == col


def _class_body(lines, starts, row, end, col, prefix):
    inner = [(r, c) for r, c in starts if row < r < end and c > col]
    if not inner:
        return []
    body_col = min(c for _, c in inner)
    return _cut(lines, starts, row + 1, end, body_col, prefix)


_CLAUSES = ("except", "else:", "else :", "finally", "elif ")
_DEFINES = re.compile(r"^(?:class|def|async\s+def)\s+(\w+)")
_ASSIGNS = re.compile(r"^([\w.]+(?:\s*,\s*[\w.]+)*)\s*(?::[^=]+)?=(?!=)")
_TRY_BINDS = re.compile(r"^\s+(?:import\s+(\w+)|from\s+\S+\s+import\s+(\w+)|(\w+)\s*=)", re.M)


def _name_of(first_code, chunk):
    if first_code.startswith(("import ", "from ")):
        return "(imports)"
    if first_code.startswith(('"""', "'''", '"', "'", 'r"""', 'u"""')):
        return "(docstring)"
    match = _DEFINES.match(first_code) or _ASSIGNS.match(first_code)
    if match:
        return match[1].replace(" ", "")
    if first_code.startswith("try:"):
        bound = _TRY_BINDS.search("\n".join(chunk))
        if bound:
            return next(g for g in bound.groups() if g)
    if first_code.startswith("if __name__"):
        return "(main)"
    return None


def _merge_imports(found, lines):
    """Import statements next to each other are one piece, ``(imports)``."""
    merged = []
    for piece in found:
        if merged and piece.name.endswith("(imports)") and merged[-1].name == piece.name:
            last = merged[-1]
            last.lines = lines[last.start - 1 : piece.start - 1 + len(piece.lines)]
        else:
            merged.append(piece)
    # a name bound twice (a second import block, a redefinition) gets a number
    seen = {}
    for piece in merged:
        seen[piece.name] = seen.get(piece.name, 0) + 1
        if seen[piece.name] > 1:
            piece.name = f"{piece.name} ({seen[piece.name]})"
    return merged


def head_lines(piece):
    """A class's own lines without its members: the ``class`` line, its
    docstring, what is not a member."""
    rest = [m for m in piece.members if not m.name.endswith("(docstring)")]
    if not rest:
        return piece.lines
    own = piece.lines[: rest[0].start - piece.start]
    while own and not own[-1].strip():
        own.pop()
    return own


# -- pairing ----------------------------------------------------------------


def pair(original, ours):
    """``[(name, original piece or None, our piece or None)]``: the
    original's order, our pieces that the original has not placed after
    the piece of ours that comes before them."""
    by_name = {p.name: p for p in ours}
    original_names = {p.name for p in original}
    rows = []
    placed = set()

    def ours_after(index):
        for piece in ours[index + 1 :]:
            if piece.name in original_names:
                break
            rows.append((piece.name, None, piece))
            placed.add(piece.name)

    ours_after(-1)
    for piece in original:
        mine = by_name.get(piece.name)
        rows.append((piece.name, piece, mine))
        if mine is not None:
            placed.add(mine.name)
            ours_after(ours.index(mine))
    for piece in ours:
        if piece.name not in placed:
            rows.append((piece.name, None, piece))
    return rows


def flatten(rows):
    """The pairs of the module, with a class's members after its head."""
    flat = []
    for name, old, new in rows:
        if old is not None and new is not None and (old.members or new.members):
            flat.append((name, head_lines(old), head_lines(new), "class"))
            flat.extend(flatten(pair(old.members, new.members)))
        else:
            flat.append((name, old and head_lines(old), new and head_lines(new), _kind(old or new)))
    return [row for row in flat if not row[0].endswith("(docstring)") or row[0] == "(docstring)"]


def _kind(piece):
    return "class" if piece.members else "object"


#: what :func:`status` says of a pair whose code is the same but whose
#: docstrings, comments, quotes or line breaks are not
SAME_CODE = "same code; docstring, comments or layout differ"


def status(old, new):
    if old is None:
        return "only in flask01"
    if new is None:
        return "only in the original"
    if [line.rstrip() for line in old] == [line.rstrip() for line in new]:
        return "the same"
    tokens = _code_tokens(old), _code_tokens(new)
    if tokens[0] is not None and tokens[0] == tokens[1]:
        return SAME_CODE
    return "changed"


_LAYOUT = {token.COMMENT, token.NL, token.NEWLINE, token.INDENT, token.DEDENT}
_LAYOUT |= {token.ENDMARKER, token.ENCODING}


def _code_tokens(lines):
    """The tokens of *lines* that make the code: without comments, line
    breaks, indentation and docstrings, each string by its value (so
    that ``'a'`` and ``"a"`` are the same); None if they do not
    tokenize on their own."""
    text = textwrap.dedent("\n".join(lines)) + "\n"
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, SyntaxError):
        return None
    kept = []
    for i, tok in enumerate(tokens):
        if tok.type in _LAYOUT:
            continue
        if tok.type == token.STRING:
            before = tokens[i - 1].type if i else token.NEWLINE
            after = tokens[i + 1].type if i + 1 < len(tokens) else token.NEWLINE
            if before in _LAYOUT and after in (token.NEWLINE, token.ENDMARKER):
                continue  # a string standing alone: a docstring
            try:
                kept.append(repr(ast.literal_eval(tok.string)))
                continue
            except (ValueError, SyntaxError):
                pass
        kept.append(tok.string)
    return kept


# -- the directive ----------------------------------------------------------


def anchor(name):
    return "beside-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "module")


class BesideDirective(SphinxDirective):
    required_arguments = 1  # our module
    has_content = True
    option_spec = {
        "release": directives.unchanged_required,
        "file": directives.unchanged_required,
    }

    def _failure(self, message):
        failures.record(self.env, message)
        return self.error(message)

    def run(self):
        release = self.options.get("release", "Flask==0.1")
        filename = self.options.get("file", "flask.py")
        cache = self.config.companion_beside_cache or os.path.join(
            self.env.app.confdir, "_build", "beside"
        )
        try:
            sdist = cached_sdist(cache, release)
            original_text = read_from_sdist(sdist, filename)
            module = importlib.import_module(self.arguments[0])
            our_path = module.__file__
            ours_text = pathlib.Path(our_path).read_text(encoding="utf-8")
            rows = flatten(pair(pieces(original_text), pieces(ours_text)))
            explained = self._explanations({name for name, *_ in rows})
        except (BesideError, ImportError, OSError, SyntaxError, tokenize.TokenError) as exc:
            raise self._failure(f"beside: {exc}") from None
        self.env.note_dependency(our_path)
        self.env.note_dependency(str(sdist))
        ours_label = _shown_path(module)
        result = [self._summary(rows, explained)]
        for name, old, new, kind in rows:
            result.extend(self._entry(name, old, new, kind, explained, filename, ours_label))
        return result

    def _explanations(self, names):
        explained = {}
        for number, line in enumerate(self.content):
            if not line.strip():
                continue
            name, _, labels = line.partition(":")
            name = name.strip()
            if name not in names or not labels.strip():
                raise BesideError(
                    f"line {number + 1} of the body: {line.strip()!r} names no object of "
                    "either module, or no register row (write NAME: D-row[, D-row])"
                )
            explained[name] = [label.strip() for label in labels.split(",") if label.strip()]
        return explained

    def _summary(self, rows, explained):
        table = nodes.table(classes=["companion-beside-summary"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (40, 25, 35):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        head += _row([self._words(t) for t in ("object", "flask01 against the original", "why")])
        body = nodes.tbody()
        group += body
        for name, old, new, _ in rows:
            link = nodes.reference("", "", internal=True, refid=anchor(name))
            link += nodes.literal(name, name)
            link_cell = nodes.paragraph()
            link_cell += link
            why = nodes.paragraph()
            why += _refs(explained.get(name, ()))
            body += _row([link_cell, self._words(status(old, new)), why])
        return table

    def _words(self, text, node_class=nodes.paragraph):
        """A *node_class* holding *text*, with this directive's place in
        the page as its source: Sphinx offers only such nodes to the
        translations (the Chinese edition's catalog of the page)."""
        node = node_class(text, text)
        node.source, node.line = self.get_source_info()
        return node

    def _entry(self, name, old, new, kind, explained, filename, ours_label):
        state = status(old, new)
        title = nodes.rubric("", "", ids=[anchor(name)], classes=["companion-beside-object"])
        title += nodes.literal(name, name)
        title += nodes.Text(f" — {state}")
        result = [title]
        if name in explained:
            para = nodes.paragraph("", "Explained in the deviation register: ")
            para += _refs(explained[name])
            result.append(para)
        if state == "the same":
            return result
        if state in ("changed", SAME_CODE):
            text = "\n".join(
                difflib.unified_diff(
                    old,
                    new,
                    f"{filename} (original)",
                    ours_label,
                    n=max(len(old), len(new)),
                    lineterm="",
                )
            )
            language = "diff"
        else:
            text = "\n".join(old or new)
            language = "python" if new else "text"  # Python 2 may not highlight
        block = nodes.literal_block(text, text, language=language)
        block["classes"].append("companion-beside-diff")
        if state == SAME_CODE:
            # folded: the code is the same, only its words changed
            fold = folded()
            fold += self._words("the diff: docstring, comments or layout", folded_summary)
            fold += block
            result.append(fold)
        else:
            result.append(block)
        return result


def _shown_path(module):
    """``flask01/__init__.py``: the module's file, from its top package."""
    top = sys.modules[module.__name__.split(".")[0]]
    base = os.path.dirname(top.__file__)
    if os.path.basename(top.__file__) == "__init__.py":
        base = os.path.dirname(base)
    return os.path.relpath(module.__file__, base).replace(os.sep, "/")


def _row(paragraphs):
    row = nodes.row()
    for paragraph in paragraphs:
        entry = nodes.entry()
        entry += paragraph
        row += entry
    return row


class folded(nodes.General, nodes.Element):
    """A part of the page folded away until the reader opens it: HTML's
    ``<details>``, whose first child (a :class:`folded_summary`) is what
    shows while it is closed."""


class folded_summary(nodes.TextElement):
    """The words a :class:`folded` part shows while it is closed."""


def _visit_folded(translator, node):
    translator.body.append("<details>")


def _depart_folded(translator, node):
    translator.body.append("</details>")


def _visit_folded_summary(translator, node):
    translator.body.append("<summary>")


def _depart_folded_summary(translator, node):
    translator.body.append("</summary>")


def _refs(labels):
    holder = nodes.inline()
    for i, label in enumerate(labels):
        if i:
            holder += nodes.Text(", ")
        ref = addnodes.pending_xref(
            "",
            refdomain="std",
            reftype="ref",
            reftarget=label.lower(),
            refexplicit=True,
            refwarn=True,
        )
        ref += nodes.inline(label, label)
        holder += ref
    return holder


def setup(app):
    app.add_config_value("companion_beside_cache", "", "env")
    app.add_node(folded, html=(_visit_folded, _depart_folded))
    app.add_node(folded_summary, html=(_visit_folded_summary, _depart_folded_summary))
    app.add_directive("beside", BesideDirective)
