"""What every HTML output must hold, checked by parsing it back with a real HTML parser.

Shared by test_html.py, test_html_validator.py and test_html_browser.py.
"""

from __future__ import annotations

import os
import re
from typing import NoReturn

import lxml.html
import pytest
from lxml import etree

ALLOWED_TAGS = frozenset(
    {
        *("html", "head", "meta", "title", "style", "link", "body", "main", "article"),
        *("header", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "li", "div"),
        *("a", "cite", "span", "bdi", "time"),
    }
)
"""Every element the writer makes; anything else in the output came from the input."""
ALLOWED_ATTRIBUTES = frozenset(
    {
        *("class", "id", "lang", "dir", "href", "rel", "charset", "name", "content"),
        *("http-equiv", "datetime", "data-speaker", "data-start", "data-end"),
    }
)
SAFE_HREF = re.compile(r"#[\w-]+|(?:https?://|mailto:)\S+")
CLASS_TOKEN = re.compile(r"tx-[a-z0-9-]+")
ID_TOKEN = re.compile(r"[^\s\"'<>&]+")  # an HTML id: no space; here no markup either


def parse_page(html: str) -> etree._Element:
    return lxml.html.document_fromstring(html)


def parse_fragment(html: str) -> etree._Element:
    return lxml.html.fragment_fromstring(html)


def check_structure(root: etree._Element) -> None:
    """No foreign element or attribute, safe links, classes and ids from our alphabet."""
    for element in root.iter():
        if not isinstance(element.tag, str):  # a comment or processing instruction
            raise AssertionError(f"unexpected node {element!r}")
        assert element.tag in ALLOWED_TAGS, f"unexpected <{element.tag}>"
        for name, value in element.attrib.items():
            assert name in ALLOWED_ATTRIBUTES, f"unexpected attribute {name}={value!r}"
            if name == "href" and element.tag == "a":
                assert SAFE_HREF.fullmatch(value), f"unsafe href {value!r}"
            if name == "class":
                tokens = value.split()
                assert all(CLASS_TOKEN.fullmatch(t) for t in tokens), f"class {value!r}"
            if name in ("id", "data-speaker"):
                assert ID_TOKEN.fullmatch(value), f"{name} {value!r}"


def turn_elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter("div") if "tx-turn" in e.get("class", "").split()]


def visible_text(root: etree._Element) -> str:
    """The text a reader sees, in order: everything but the contents of <style> and <title>."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.tag not in ("style", "title", "head"):
            parts.append(element.text or "")
            for child in element:
                walk(child)
                parts.append(child.tail or "")

    walk(root)
    return "".join(parts)


def missing_tool(reason: str) -> NoReturn:
    """Skip locally; in CI (`CI` set, as .ci/run runs), a missing tool is a failure."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI installs it: see .ci/run)")
    pytest.skip(reason)
