"""The reader for depositions, trials and Supreme Court arguments (FORMATS.md §2.1–2.3).

Being written: reads as plain text until then.
"""

from __future__ import annotations

from ..decode import DecodedText
from ..model import Transcript
from . import ReadOptions
from .detect import NO_FIT, Fit, Head


def fit(head: Head) -> Fit:
    return NO_FIT


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    from .plain import read as read_plain

    return read_plain(source, options)
