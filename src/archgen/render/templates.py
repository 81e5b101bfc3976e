"""Where the explanation's templates are, without loading Jinja2 to find out."""

from __future__ import annotations

from pathlib import Path

from archgen.errors import RenderError

_HERE = Path(__file__).resolve().parent
TEMPLATE = "explanation.md.j2"


def template_dir() -> Path:
    """Wheel: archgen/templates (force-included). Checkout or editable install: templates/."""
    for root in (_HERE.parent / "templates", _HERE.parents[2] / "templates"):
        if (root / TEMPLATE).is_file():
            return root
    raise RenderError("templates are missing: this archgen install is incomplete")
