"""The one exception family the library raises.

Every failure a caller can cause (bad bytes, bad JSON, an unknown format name,
an unwritable path) is a `TranscriptError`, so embedding code needs one
`except` clause. Library exceptions (lxml's, reportlab's, json's) are wrapped
at the boundary where they occur and never leak.
"""

from __future__ import annotations

from collections.abc import Sequence


class TranscriptError(Exception):
    """Base class: something about the input, the options or the output is wrong."""


class DecodeError(TranscriptError):
    """The input bytes are not text (binary, empty, or undecodable)."""


class ParseError(TranscriptError):
    """The input is text but cannot be read as the requested style."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


class SchemaError(TranscriptError):
    """JSON input does not follow the transcript schema; `problems` lists every `($.path, why)`."""

    def __init__(self, problems: Sequence[tuple[str, str]]) -> None:
        self.problems = tuple(problems)
        first_path, first_why = self.problems[0] if self.problems else ("$", "invalid")
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(f"{first_path}: {first_why}{more}")


class LimitError(TranscriptError):
    """The input exceeds a documented size or depth limit."""


class WriteError(TranscriptError):
    """The output could not be produced or saved."""


class OptionError(TranscriptError, ValueError):
    """A writer option with a value the writer refuses (a theme it lacks, an unsafe URL)."""

    def __init__(self, option: str, detail: str) -> None:
        self.option = option
        self.detail = detail
        super().__init__(f"{option}: {detail}")


class UnknownFormatError(TranscriptError, ValueError):
    """A reader or writer name (or file suffix) that the registry does not know."""

    def __init__(self, kind: str, name: str, valid: Sequence[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = tuple(valid)
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(self.valid)}")
