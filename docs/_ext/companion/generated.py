"""Generated output stays as it was produced, in every edition.

A page may include text a program wrote (the benchmark's tables and
figures, written by ``nox -s bench`` into ``docs/benchmarks/``).  Its
cells are numbers and names that change with every run, like a trace's:
a translation of them would be stale at the next run.  Inside a
``container`` with the class ``companion-generated``, every text element
is marked not translatable before Sphinx's own transforms look for
messages, so neither the gettext builder extracts them nor a
translation replaces them.
"""

from docutils import nodes
from docutils.transforms import Transform

#: the class of a container whose text is generated output
GENERATED = "companion-generated"


class KeepGeneratedOutput(Transform):
    """Mark the text of every ``companion-generated`` container as not
    translatable.  Sphinx's own translation transform runs at priority
    20; this one runs before it."""

    default_priority = 15

    def apply(self, **kwargs):
        for container in self.document.findall(nodes.container):
            if GENERATED not in container["classes"]:
                continue
            for element in container.findall(nodes.TextElement):
                element["translatable"] = False


def setup(app):
    app.add_transform(KeepGeneratedOutput)
