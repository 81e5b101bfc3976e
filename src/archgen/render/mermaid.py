"""`<name>.mmd`: the Mermaid flowchart of an architecture, for Markdown hosts to draw inline.

Made from the scene alone (no graphviz): GitHub, GitLab and MkDocs lay a
flowchart out themselves. The stamp, a Mermaid comment, goes at the end.
"""

from __future__ import annotations

from archgen.layout.drawing import Drawing
from archgen.layout.mermaid import mermaid_source
from archgen.render.base import Artifact


def render_mermaid(drawing: Drawing) -> Artifact:
    """Return the flowchart of the drawing's scene as `<name>.mmd`."""
    return Artifact(f"{drawing.name}.mmd", mermaid_source(drawing.scene).encode("utf-8"))
