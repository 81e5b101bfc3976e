"""The commands that read one file and print what archgen makes of it: explain, trace, schema.

Kept beside cli.py, which registers them, so each command module stays short;
like every command each imports its use case only when it runs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from archgen.console import EXIT_FINDINGS, EXIT_OK, invalid_exits_2


@click.command()
@click.argument("file", type=click.Path())
@click.option(
    "--templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="Lay the explanation out with the Jinja2 templates in DIR.",
)
def explain(file: str, templates: Path | None) -> None:
    """Print the Markdown explanation of FILE: why each service, how traffic flows."""
    from archgen.commands.explain import explain as explain_file

    with invalid_exits_2():
        text = explain_file(file, templates)
    click.echo(text, nl=False)


@click.command()
@click.argument("file", type=click.Path())
@click.argument("source")
@click.argument("target")
@click.option("--port", type=click.IntRange(1, 65535), help="Trace tcp on PORT.")
def trace(file: str, source: str, target: str, port: int | None) -> None:
    """Show hop by hop whether SOURCE reaches TARGET in FILE, and how the reply returns.

    Without --port the declared connection's protocol and port are used; when
    none joins them, the declared flow or chain of connections between them,
    hop by hop. Each call outside a VPC is judged by IAM: the caller's role or
    the target's resource policy must admit it. Exit 1 when any hop is blocked.
    """
    from archgen.commands.trace import trace as trace_file
    from archgen.report.trace import format_trace

    with invalid_exits_2():
        journey = trace_file(file, source, target, port)
    click.echo(format_trace(journey), nl=False)
    sys.exit(EXIT_OK if journey.passes else EXIT_FINDINGS)


@click.command()
def schema() -> None:
    """Print the JSON Schema of the architecture format."""
    from archgen.model.schema import schema_text

    click.echo(schema_text(), nl=False)
