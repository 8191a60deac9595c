"""The HTML output in a real browser: Debian's chromium, driven by playwright.

Checks that no script runs (the hostile fixtures carry `<script>` as text), the
console stays clean (a CSP violation would show there), and every turn is
visible, on screen and in reading order: on the page in light, dark, phone and
print rendering, and as fragments inside a host page whose CSS tries to hide,
move, reorder and restyle them. Screenshots are saved for a person to look at,
under $TRANSCRIPT_SCREENSHOTS or pytest's temporary folder.

Uses the system chromium (never `playwright install`: nothing is downloaded);
skipped with a reason when chromium or playwright is missing. CI installs both.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import transcript
from html_checks import missing_tool
from transcript import HtmlOptions

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "golden" / "kursk-interview.txt"
MARKUP = DATA / "hostile" / "html-markup.txt"
CHROMIUM = os.environ.get("TRANSCRIPT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE_HOST_CSS = """
* { color: red; background: yellow; font-size: 40px; line-height: 0.2; letter-spacing: 6px; }
div, p, article, section, span, cite, a, time, ul, li, header, h1, h2, h3, bdi {
  display: none !important; }
p, div { position: absolute !important; left: -9999px; top: 0; visibility: hidden !important; }
body p, body div { opacity: 0 !important; transform: scale(0) !important; float: right !important; }
.tx-turn, .turn, .transcript, .speaker { display: none; }
article { column-count: 3; display: flex; flex-direction: column-reverse; }
div { order: -1 !important; direction: rtl; unicode-bidi: bidi-override; }
*::before { content: "HACKED "; } *::after { content: " HACKED"; }
cite { text-transform: uppercase; font-style: italic; }
"""
HOST_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Host</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>{theme_css}</style><style>{hostile_css}</style></head>
<body><p>The host page's own text.</p>
{first}
{second}
</body></html>
"""
CHECK_TURNS = """(root) => {
  const turns = [...document.querySelectorAll(root + ' .tx-turn')];
  return turns.map((el) => {
    const box = el.getBoundingClientRect();
    const label = el.querySelector('cite');
    const style = getComputedStyle(el);
    const text = getComputedStyle(el.querySelector('p'));
    return {id: el.id, top: box.top + window.scrollY, left: box.left, width: box.width,
            height: box.height, visibility: style.visibility, opacity: style.opacity,
            display: style.display, color: text.color, fontSize: text.fontSize,
            label: label ? label.innerText : null, text: el.innerText};
  });
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        missing_tool(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        missing_tool("playwright is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as error:
            missing_tool(f"chromium does not start under playwright: {error}")
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("TRANSCRIPT_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_page(browser: Any, path: Path, width: int = 1100) -> tuple[Any, list[str]]:
    """A fresh page at `path`, collecting console errors and page errors."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else 0)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def assert_turns_visible_in_order(page: Any, root: str, count: int, width: int) -> None:
    turns = page.evaluate(CHECK_TURNS, root)
    assert len(turns) == count
    tops = [turn["top"] for turn in turns]
    assert tops == sorted(tops) and len(set(tops)) == count, "turns out of reading order"
    for turn in turns:
        where = f"{root} #{turn['id']}"
        assert turn["visibility"] == "visible" and turn["opacity"] == "1", where
        assert turn["display"] != "none" and turn["height"] > 10, where
        assert turn["left"] >= 0 and turn["left"] + turn["width"] <= width + 1, where
        assert turn["color"] not in ("rgba(0, 0, 0, 0)", "rgb(255, 0, 0)"), where
        assert turn["label"] and "HACKED" not in turn["text"], where


def assert_no_script_ran(page: Any) -> None:
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.querySelectorAll('script, img, iframe').length") == 0


def test_page_in_light_dark_phone_and_print(browser: Any, shots: Path, tmp_path: Path) -> None:
    doc = transcript.load(REFERENCE)
    for theme in ("magazine", "transcript"):
        path = tmp_path / f"kursk-{theme}.html"
        path.write_text(transcript.to_html(doc, HtmlOptions(theme=theme)), encoding="utf-8")
        for label, width, media, scheme in (
            ("light", 1100, "screen", "light"),
            ("dark", 1100, "screen", "dark"),
            ("phone", 375, "screen", "light"),
            ("print", 800, "print", "light"),
        ):
            page, problems = open_page(browser, path, width)
            page.emulate_media(media=media, color_scheme=scheme)
            assert_turns_visible_in_order(page, ".tx-transcript", 15, width)
            assert_no_script_ran(page)
            page.screenshot(path=str(shots / f"page-{theme}-{label}.png"), full_page=True)
            assert not problems, problems
            page.close()


def test_transcript_theme_puts_times_in_the_margin(
    browser: Any, shots: Path, tmp_path: Path
) -> None:
    doc = transcript.load(REFERENCE)
    turns = iter(range(0, 10_000, 47))
    timed = attrs.evolve(
        doc,
        blocks=tuple(
            attrs.evolve(b, start=float(next(turns))) if isinstance(b, transcript.Turn) else b
            for b in doc.blocks
        ),
    )
    path = tmp_path / "timed.html"
    path.write_text(transcript.to_html(timed, HtmlOptions(theme="transcript")), encoding="utf-8")
    for label, width in (("desktop", 1100), ("phone", 375)):
        page, problems = open_page(browser, path, width)
        assert_turns_visible_in_order(page, ".tx-transcript", 15, width)
        left = page.evaluate(
            "() => [document.querySelector('.tx-start'), document.querySelector('.tx-turn cite')]"
            ".map((e) => e.getBoundingClientRect().left)"
        )
        assert (left[0] < left[1]) == (label == "desktop")  # a margin column, or above on phones
        page.screenshot(path=str(shots / f"page-transcript-timed-{label}.png"), full_page=True)
        assert not problems, problems
        page.close()


def test_dark_mode_changes_the_colours(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "kursk.html"
    path.write_text(transcript.to_html(transcript.load(REFERENCE)), encoding="utf-8")
    page, _ = open_page(browser, path)
    colours = []
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        colours.append(
            page.evaluate(
                "() => getComputedStyle(document.querySelector('article')).backgroundColor"
            )
        )
    assert colours[0] != colours[1]
    page.close()


def test_hostile_text_runs_no_script(browser: Any, tmp_path: Path) -> None:
    path = tmp_path / "markup.html"
    path.write_text(transcript.to_html(transcript.load(MARKUP)), encoding="utf-8")
    page, problems = open_page(browser, path)
    assert_no_script_ran(page)
    assert_turns_visible_in_order(page, ".tx-transcript", 3, 1100)
    body = page.evaluate("() => document.body.innerText")
    assert "<script>window.__pwned = 1</script>" in body
    assert not problems, problems
    page.close()


def test_fragments_survive_a_hostile_host_page(browser: Any, shots: Path, tmp_path: Path) -> None:
    first = transcript.to_html(
        transcript.load(REFERENCE), HtmlOptions(fragment=True, id_prefix="k", inline_css=False)
    )
    second = transcript.to_html(
        transcript.load(MARKUP), HtmlOptions(fragment=True, id_prefix="m", inline_css=False)
    )
    host = HOST_PAGE.format(
        theme_css=transcript.write.html.css(),
        hostile_css=HOSTILE_HOST_CSS,
        first=first,
        second=second,
    )
    path = tmp_path / "host.html"
    path.write_text(host, encoding="utf-8")
    for label, width in (("desktop", 1100), ("phone", 375)):
        page, problems = open_page(browser, path, width)
        assert_turns_visible_in_order(page, "#k", 15, width)
        assert_turns_visible_in_order(page, "#m", 3, width)
        first_bottom = page.evaluate(
            "() => document.querySelector('#k').getBoundingClientRect().bottom"
        )
        second_top = page.evaluate("() => document.querySelector('#m').getBoundingClientRect().top")
        assert first_bottom <= second_top, "fragments out of order"
        assert_no_script_ran(page)
        page.screenshot(path=str(shots / f"fragment-in-hostile-host-{label}.png"), full_page=True)
        assert not problems, problems
        page.close()
