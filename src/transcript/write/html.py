"""The model to HTML: an lxml element tree, built through the element API and serialised once.

No input text is ever parsed as HTML or pasted into a string of markup: names,
titles and speech go in as `.text`, `.tail` or attribute values, which lxml
escapes; classes and ids come from enums, counters and slugs; the only `<style>`
holds the package's own CSS. So a speaker called `<script>` is shown as those
eight characters. Two shapes come out (see docs/html.md):

- a whole page (default): doctype, `<head>` with charset, viewport, title,
  description and a Content-Security-Policy that forbids scripts, then
  `<main><article class="tx-transcript">`;
- a fragment (`fragment=True`): the `<article class="tx-transcript">` alone, its
  CSS scoped under that class, to embed in a host page.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from ..errors import OptionError, WriteError
from ..model import Role, Transcript
from ..urlpolicy import safe_link
from . import themes
from ._html_blocks import ROLE_CLASS, BodyWriter, Element, SubElement, Voice
from ._html_text import clean, language, speaker_slugs
from .html_options import HtmlOptions, Theme

DOCTYPE = "<!DOCTYPE html>"
ROOT_CLASS = "tx-transcript"
"""The one class a host page needs to know: every rule of the CSS sits under it."""
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self' 'unsafe-inline' http: https:; "
    "img-src 'self' http: https: data:; font-src 'self' http: https: data:; "
    "base-uri 'none'; form-action 'none'"
)
"""The page needs no script, so it allows none; styles only from itself and the linked sheet."""
DESCRIPTION_CHARS = 300
FALLBACK_TITLE = "Transcript"


def render(doc: Transcript, options: HtmlOptions | None = None) -> bytes:
    """The writer entry point for the registry: the page or fragment as UTF-8 bytes."""
    return _serialise(doc, options, "utf-8")  # type: ignore[return-value]


def dumps(doc: Transcript, options: HtmlOptions | None = None) -> str:
    """The page or fragment as a `str` (serialised straight to text, not through bytes)."""
    return _serialise(doc, options, "unicode")  # type: ignore[return-value]


def _serialise(doc: Transcript, options: HtmlOptions | None, encoding: str) -> bytes | str:
    if options is None:
        options = HtmlOptions()
    elif not isinstance(options, HtmlOptions):
        raise OptionError(
            "options", f"the HTML writer takes HtmlOptions, got {type(options).__name__}"
        )
    root = build(doc, options)
    root.tail = "\n"  # the final newline, written by tostring with the root's tail
    try:
        if options.fragment:
            return etree.tostring(root, method="html", encoding=encoding)
        return etree.tostring(root, method="html", encoding=encoding, doctype=DOCTYPE)
    except (ValueError, etree.LxmlError) as error:  # every string was cleaned: a bug if seen
        raise WriteError(f"cannot serialise the HTML: {error}") from error


def css(theme: Theme | str = Theme.MAGAZINE, *, page: bool = False) -> str:
    """The CSS a host page needs for fragments written with `inline_css=False`."""
    return themes.stylesheet(HtmlOptions(theme=theme).theme, page=page)


def build(doc: Transcript, options: HtmlOptions) -> Element:
    """The element tree: `<html>` for a page, the `<article>` itself for a fragment."""
    article_attributes = {"class": f"{ROOT_CLASS} tx-theme-{options.theme.value}"}
    if options.id_prefix:
        article_attributes["id"] = options.id_prefix
    if options.fragment:
        article = etree.Element("article", article_attributes)
        article.text = "\n"
        if options.inline_css:
            style = SubElement(article, "style")
            style.text = themes.stylesheet(options.theme, page=False)
            style.tail = "\n"
        if options.stylesheet:
            link = SubElement(article, "link", {"rel": "stylesheet", "href": options.stylesheet})
            link.tail = "\n"
        _fill(article, doc, options, heading_base=3)
        lang = language(doc, options.lang)  # after the body: every block is known to be one
        if lang:
            article.set("lang", lang)
        return article
    html = etree.Element("html")
    _head(SubElement(html, "head"), doc, options)
    body = SubElement(html, "body")
    body.text = "\n"
    main = SubElement(body, "main")
    main.tail = "\n"
    article = SubElement(main, "article", article_attributes)
    article.text = "\n"
    _fill(article, doc, options, heading_base=2)
    html.set("lang", language(doc, options.lang) or "und")
    return html


def _head(head: Element, doc: Transcript, options: HtmlOptions) -> None:
    head.text = "\n"
    for attributes in (
        {"charset": "utf-8"},
        {"name": "viewport", "content": "width=device-width, initial-scale=1"},
        {"http-equiv": "Content-Security-Policy", "content": CONTENT_SECURITY_POLICY},
        {"name": "color-scheme", "content": "light dark"},
    ):
        SubElement(head, "meta", attributes).tail = "\n"
    title = SubElement(head, "title")
    title.text = clean(_title(doc))
    title.tail = "\n"
    description = _description(doc)
    if description:
        SubElement(head, "meta", {"name": "description", "content": description}).tail = "\n"
    if options.inline_css:
        style = SubElement(head, "style")
        style.text = themes.stylesheet(options.theme, page=True)
        style.tail = "\n"
    if options.stylesheet:
        SubElement(head, "link", {"rel": "stylesheet", "href": options.stylesheet}).tail = "\n"


def _fill(article: Element, doc: Transcript, options: HtmlOptions, heading_base: int) -> None:
    voices = _voices(doc)
    _header(article, doc, options, voices, heading_base - 1)
    body = BodyWriter(options, voices, heading_base)
    body.write(article, doc.blocks)
    if body.timed:
        article.set("class", f"{article.get('class')} tx-timed")


def _voices(doc: Transcript) -> dict[str, Voice]:
    slugs = speaker_slugs(doc)
    voices: dict[str, Voice] = {}
    for speaker in doc.speakers:
        if speaker.id in voices:
            continue
        role = speaker.role if isinstance(speaker.role, Role) else Role.UNKNOWN
        name = clean(speaker.name).strip() or clean(speaker.id) or "?"
        affiliation = clean(speaker.affiliation).strip() if speaker.affiliation else None
        voices[speaker.id] = Voice(slugs[speaker.id], name, affiliation or None, role)
    return voices


def _header(
    article: Element, doc: Transcript, options: HtmlOptions, voices: dict[str, Voice], level: int
) -> None:
    """Title, subtitle, the dateline (date, source, location), authors and the participants."""
    metadata = doc.metadata
    legend = options.show_legend and bool(voices)
    if not (metadata.title or metadata.subtitle or _dateline(doc) or metadata.authors or legend):
        return
    header = SubElement(article, "header", {"class": "tx-header"})
    header.tail = "\n"
    if metadata.title:
        SubElement(header, f"h{level}", {"class": "tx-title", "dir": "auto"}).text = clean(
            metadata.title
        )
    if metadata.subtitle:
        SubElement(header, "p", {"class": "tx-subtitle", "dir": "auto"}).text = clean(
            metadata.subtitle
        )
    _dateline_element(header, doc)
    if metadata.authors:
        byline = SubElement(header, "p", {"class": "tx-authors", "dir": "auto"})
        byline.text = clean(", ".join(metadata.authors))
    if legend:
        _participants(header, voices.values(), options)


def _dateline(doc: Transcript) -> bool:
    metadata = doc.metadata
    return bool(metadata.date or metadata.source or metadata.url or metadata.location)


def _dateline_element(header: Element, doc: Transcript) -> None:
    """`date · source · location`, the source a link when its URL passes the URL policy."""
    if not _dateline(doc):
        return
    metadata = doc.metadata
    line = SubElement(header, "p", {"class": "tx-dateline"})
    last: Element | None = None
    parts: list[tuple[str, str, str | None]] = []
    if metadata.date:
        parts.append(("tx-date", clean(metadata.date), None))
    url = safe_link(metadata.url)
    if metadata.source or metadata.url:
        label = clean(metadata.source or metadata.url or "")
        parts.append(("tx-source", label, url))
    if metadata.location:
        parts.append(("tx-location", clean(metadata.location), None))
    for index, (css_class, text, href) in enumerate(parts):
        if index:
            separator = " · "
            if last is None:
                line.text = (line.text or "") + separator
            else:
                last.tail = separator
        if href:
            last = SubElement(line, "a", {"class": css_class, "href": href, "dir": "auto"})
        else:
            last = SubElement(line, "span", {"class": css_class, "dir": "auto"})
        last.text = text


def _participants(header: Element, voices: Iterable[Voice], options: HtmlOptions) -> None:
    prefix = f"{options.id_prefix}-" if options.id_prefix else ""
    listing = SubElement(header, "ul", {"class": "tx-participants"})
    for voice in voices:
        item = SubElement(
            listing,
            "li",
            {
                "class": f"tx-participant {ROLE_CLASS[voice.role]}",
                "id": f"{prefix}p-{voice.slug}",
                "data-speaker": voice.slug,
            },
        )
        name = SubElement(item, "bdi", {"class": "tx-name"})
        name.text = voice.name
        last = name
        if voice.role is not Role.UNKNOWN:
            last.tail = ", "
            last = SubElement(item, "span", {"class": "tx-role"})
            last.text = voice.role.value
        if voice.affiliation:
            last.tail = ", "
            last = SubElement(item, "bdi", {"class": "tx-affiliation"})
            last.text = voice.affiliation


def _title(doc: Transcript) -> str:
    title = (doc.metadata.title or "").strip()
    return title or FALLBACK_TITLE


def _description(doc: Transcript) -> str:
    """The document's description, else its subtitle, else the start of its first prose."""
    metadata = doc.metadata
    text = metadata.description or metadata.subtitle
    if not text:
        names = [speaker.name for speaker in doc.speakers[:4]]
        text = f"{_title(doc)}: {', '.join(names)}" if names else ""
    text = " ".join(clean(text).split())
    if len(text) > DESCRIPTION_CHARS:
        text = text[: DESCRIPTION_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return text
