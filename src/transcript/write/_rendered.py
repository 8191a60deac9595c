"""What a writer hands back when it has something to say besides the bytes."""

from __future__ import annotations

import attrs

from ..model import Diagnostic


@attrs.frozen
class Rendered:
    """A writer's output and its diagnostics (e.g. characters no bundled font can draw).

    Writers whose output is lossless (JSON) have none; the registry wraps their
    bare `render` bytes in a `Rendered` with an empty tuple.
    """

    data: bytes
    """The output file's bytes."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """What the writer replaced or left out, with the input line where it was."""
