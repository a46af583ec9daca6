"""The command line, ``expandit-policy``: the only code that reads argv, files and standard input
and writes to standard output and standard error; a thin shell over the layers below."""

from ._main import main as main

__all__ = ["main"]
