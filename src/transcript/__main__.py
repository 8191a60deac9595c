"""`python -m transcript` is the `transcript` command."""

from .cli import run

run()
