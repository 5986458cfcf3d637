"""`lessonkit server`: the Language Server, for editors (needs the `server` extra)."""

from __future__ import annotations

import importlib

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
        if (error.name or "").split(".")[0] not in SERVER_PACKAGES:
            raise
        missing = [name for name in SERVER_PACKAGES if not _importable(name)]
        said = " and ".join(missing) + (" are" if len(missing) > 1 else " is")
        fail(f"lessonkit server needs pygls and lsprotocol ({said} missing): pip install 'lessonkit[server]'")
    serve()


# what the server extra brings: pygls and lsprotocol, and what lsprotocol is built on
SERVER_PACKAGES = ("pygls", "lsprotocol", "cattrs", "attrs")


def _importable(name: str) -> bool:
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True
