"""The CSS of the HTML writer, one file per concern, shipped beside this module.

`base.css` (the shield against host-page CSS, colours, measure, wrapping),
then the theme's own file, then `print.css`; a whole page puts `page.css`
(the body around the article) first. Every rule except those in `page.css` sits
under `.tx-transcript`, so a fragment's CSS cannot reach the host page.

The files are package data (pyproject's `package-data`) in this folder and are
read from beside `__file__`, once per process: `importlib.resources` would cost
every HTML run ~3 ms of imports (tempfile, zipfile, its readers) for a handful
of small text files.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ...errors import WriteError
from ..html_options import Theme

FOLDER = Path(__file__).parent


@functools.cache
def stylesheet(theme: Theme, *, page: bool) -> str:
    """The CSS for `theme`, with the page rules when `page` is true."""
    names = ["page.css"] if page else []
    names += ["base.css", f"{theme.value}.css", "print.css"]
    try:
        text = "".join((FOLDER / name).read_text(encoding="utf-8") for name in names)
    except OSError as error:
        raise WriteError(f"the {theme.value} theme's CSS is missing: {error}") from error
    if "</" in text:  # raw text inside <style>: this would end the element
        raise WriteError(f"the {theme.value} theme's CSS holds '</', which would end <style>")
    return text
