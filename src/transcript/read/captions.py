"""The reader for WebVTT and SubRip captions (FORMATS.md §4).

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
