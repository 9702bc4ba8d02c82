"""Generated output (the benchmark's tables) is never translated: the
text inside a ``companion-generated`` container is marked so before
Sphinx looks for messages (docs/_ext/companion/generated.py)."""

from docutils import nodes
from docutils.core import publish_doctree

from .conftest import companion_module

PAGE = """\
Prose a translator reads.

.. container:: companion-generated

   A figure a program wrote: 1.37

   ========  =====
   stack     ratio
   ========  =====
   flask01   1.37
   ========  =====
"""


def _marked(document):
    with companion_module("generated") as generated:
        generated.KeepGeneratedOutput(document).apply()
    return {
        element.astext(): element.get("translatable", True)
        for element in document.findall(nodes.paragraph)
    }


def test_text_inside_a_generated_container_is_not_translatable():
    marked = _marked(publish_doctree(PAGE))
    assert marked["A figure a program wrote: 1.37"] is False
    assert marked["flask01"] is False
    assert marked["1.37"] is False


def test_text_outside_it_is_left_to_the_translations():
    assert _marked(publish_doctree(PAGE))["Prose a translator reads."] is True
