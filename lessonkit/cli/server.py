"""`lessonkit server`: the Language Server, for editors (needs the `server` extra)."""

from __future__ import annotations

import click

from .common import fail


@click.command()
@click.option("--stdio", is_flag=True, help="Talk LSP over stdin and stdout (the default and only transport; "
                                            "accepted because some editors pass it).")
def server(stdio: bool) -> None:
    """Run the Language Server over stdio: diagnostics, fixes, outline, hovers, go to
    definition and completion in any LSP editor. Needs `pip install 'lessonkit[server]'`."""
    try:
        from ..server.protocol import serve
    except ImportError as error:
        missing = (error.name or "").split(".")[0]
        if missing not in ("pygls", "lsprotocol", "cattrs", "attrs"):
            raise
        fail(f"lessonkit server needs pygls and lsprotocol ({missing} is missing): pip install 'lessonkit[server]'")
    serve()
