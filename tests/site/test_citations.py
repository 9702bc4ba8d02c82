"""Claims about upstream are checked against the release they cite
(docs/_ext/companion/citations.py), on scratch projects whose releases
are two tiny fake sdists of "Flask" in a cache made here: the build is
pointed at an index nobody listens on, so it shows too that a warm cache
needs no network."""

import io
import json
import tarfile

import pytest

#: the fake releases: version -> {path: text}; 9.1 added ``Flask.run``
#: and a ``debug`` check, and removed ``Flask.old``
RELEASES = {
    "9.0": {
        "src/flask/app.py": (
            "class Flask(object):\n"
            "    def __init__(self):\n"
            "        self.debug = False\n"
            "\n"
            "    def old(self):\n"
            "        return 1\n"
        ),
    },
    "9.1": {
        "src/flask/app.py": (
            "class Flask(object):\n"
            "    def __init__(self):\n"
            "        self.debug = False\n"
            "\n"
            "    def run(self):\n"
            "        if self.debug:\n"
            "            pass\n"
        ),
    },
}


@pytest.fixture
def cited(scratch):
    """The scratch project with its upstream cache filled."""
    cache = scratch.folder / "upstream-cache"
    folder = cache / "flask"
    folder.mkdir(parents=True)
    files = []
    for version, contents in RELEASES.items():
        name = f"Flask-{version}.tar.gz"
        with tarfile.open(folder / name, "w:gz") as archive:
            for path, text in contents.items():
                data = text.encode()
                info = tarfile.TarInfo(f"Flask-{version}/{path}")
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        files.append({"filename": name, "url": f"http://127.0.0.1:9/{name}", "hashes": {}})
    (folder / "index.json").write_text(json.dumps({"files": files}))
    with open(scratch.folder / "docs" / "conf.py", "a") as conf:
        conf.write(f"companion_upstream_cache = {str(cache)!r}\n")
        conf.write('companion_upstream_index = "http://127.0.0.1:9/simple/"\n')
    return scratch


def _page(scratch, paragraph):
    scratch.page(f"Claims\n======\n\n{paragraph}\n")
    return scratch.build()


def test_a_claim_that_holds_builds_and_links_to_the_release(cited):
    result = _page(
        cited,
        "Flask 9.1 added ``run`` "
        ":upstream:`Flask 9.1 added src/flask/app.py:Flask.run`, which checks "
        ':upstream:`Flask 9.1 src/flask/app.py:Flask.run "if self.debug:"`.',
    )
    assert result.returncode == 0, result.stderr
    html = (cited.folder / "out" / "index.html").read_text()
    assert "https://github.com/pallets/flask/blob/9.1/src/flask/app.py#L5" in html


def test_a_removal_that_holds_builds(cited):
    result = _page(
        cited, "Flask 9.1 removed it :upstream:`Flask 9.1 removed src/flask/app.py:Flask.old`."
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("paragraph", "error"),
    [
        pytest.param(
            "Flask 9.0 had it :upstream:`Flask 9.0 src/flask/app.py:Flask.run`.",
            "Flask 9.0 has no src/flask/app.py:Flask.run",
            id="a-name-that-is-not-in-the-release",
        ),
        pytest.param(
            "Flask 9.1 added it :upstream:`Flask 9.1 added src/flask/app.py:Flask.__init__`.",
            "the release before 9.1, already has",
            id="added-in-the-wrong-release",
        ),
        pytest.param(
            ':upstream:`Flask 9.0 src/flask/app.py:Flask.old "return 2"`',
            "has no src/flask/app.py:Flask.old with 'return 2'",
            id="a-string-that-is-not-there",
        ),
        pytest.param(
            "Flask 9.1 added ``run``.",
            "Flask 9.1 is named with no citation of that release in this paragraph",
            id="an-uncited-version-claim",
        ),
        pytest.param(
            "In 9.1 ``old`` went away :upstream:`Flask 9.0 src/flask/app.py:Flask.old`.",
            "9.1 is named with no citation",
            id="a-citation-of-another-release-does-not-cover-a-claim",
        ),
    ],
)
def test_a_claim_the_release_does_not_bear_out_fails(cited, paragraph, error):
    result = _page(cited, paragraph)
    assert result.returncode != 0
    assert error in result.stderr


def test_this_projects_own_releases_need_no_citation(cited):
    result = _page(cited, "Flask 0.1 and Flask 2.1.3 are the releases this project rewrites.")
    assert result.returncode == 0, result.stderr


def test_an_issue_needs_its_link(cited):
    result = _page(cited, "The report (Flask issue 5399) came first.")
    assert result.returncode != 0
    assert "'issue 5399' is mentioned with no :issue: or :pull: link" in result.stderr
    result = _page(
        cited, "The report (:issue:`flask 5399`) came first; :pull:`flask 4682` fixed it."
    )
    assert result.returncode == 0, result.stderr
    html = (cited.folder / "out" / "index.html").read_text()
    assert "https://github.com/pallets/flask/issues/5399" in html
    assert "https://github.com/pallets/flask/pull/4682" in html


def test_a_release_that_is_not_cached_and_cannot_be_fetched_fails(cited):
    result = _page(cited, ":upstream:`Flask 9.2 src/flask/app.py:Flask`")
    assert result.returncode != 0
    assert "cannot fetch http://127.0.0.1:9/simple/flask/" in result.stderr
