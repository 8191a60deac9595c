"""The HTML writer: goldens, semantics, options, hostile input, the CLI flags.

Golden files: tests/data/golden/<name>.html (page) and <name>.fragment.html
(fragment) for each <name>.txt there, written with `inline_css=False` so that a
CSS change does not rewrite every golden (one test checks the default output is
the golden plus exactly the theme's CSS). After an intended change run
`pytest tests/test_html.py --update-goldens` and review the diff.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import transcript
from html_checks import (
    check_structure,
    parse_fragment,
    parse_page,
    turn_elements,
    visible_text,
)
from strategies import transcripts
from transcript import HtmlOptions, OptionError, Theme, TranscriptError, cli
from transcript.model import (
    Annotation,
    AnnotationKind,
    Heading,
    Metadata,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)
from transcript.urlpolicy import safe_link, stylesheet_url
from transcript.write import html as html_writer
from transcript.write import themes

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "golden"
HOSTILE = DATA / "hostile"
INPUTS = sorted(GOLDEN.glob("*.txt"))
REFERENCE = GOLDEN / "kursk-interview.txt"
SHAPES = {
    "page": HtmlOptions(inline_css=False),
    "fragment": HtmlOptions(fragment=True, inline_css=False),
}


def page(doc: Transcript, **options: object) -> str:
    return transcript.to_html(doc, HtmlOptions(**options))  # type: ignore[arg-type]


def two_speaker_doc(**turn_fields: object) -> Transcript:
    speakers = (
        Speaker("jane-doe", "Jane Doe", ("Doe",), Role.INTERVIEWEE, "Acme"),
        Speaker("editor", "Editor", (), Role.INTERVIEWER),
    )
    blocks = (
        Turn("editor", "Editor", (Paragraph((Text("First question?"),)),), **turn_fields),  # type: ignore[arg-type]
        Turn("jane-doe", "Jane Doe (Acme)", (Paragraph((Text("First answer."),)),)),
        Turn("editor", "Editor", (Paragraph((Text("Second question?"),)),)),
        Turn(
            "jane-doe",
            "Doe",
            (Paragraph((Text("Second answer."),)), Paragraph((Text("More."),))),
        ),
    )
    return Transcript(Metadata(title="An interview", language="en"), speakers, blocks)


# Goldens -------------------------------------------------------------------------


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_output_matches_golden_html(source: Path, shape: str, update_goldens: bool) -> None:
    suffix = ".html" if shape == "page" else ".fragment.html"
    expected_path = source.with_name(source.stem + suffix)
    actual = transcript.to_html(transcript.load(source), SHAPES[shape])
    if update_goldens:
        expected_path.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {expected_path.name}")
    assert expected_path.exists(), f"no golden: run pytest {__file__} --update-goldens"
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("theme", list(Theme))
def test_the_default_page_is_the_golden_plus_the_theme_css(theme: Theme) -> None:
    doc = transcript.load(REFERENCE)
    with_css = page(doc, theme=theme)
    css = themes.stylesheet(theme, page=True)
    assert with_css.count("<style>") == 1
    assert f"<style>{css}</style>\n" in with_css
    assert with_css.replace(f"<style>{css}</style>\n", "") == page(
        doc, theme=theme, inline_css=False
    )


# The reference document ---------------------------------------------------------------


def test_reference_page_has_the_head_a_page_needs() -> None:
    root = parse_page(transcript.to_html(transcript.load(REFERENCE)))
    check_structure(root)
    assert root.get("lang") == "en"
    head = root.find("head")
    assert head is not None
    assert head[0].tag == "meta" and head[0].get("charset") == "utf-8"
    assert root.findtext(".//title").startswith("A Deep Dive into North Korean Troops")
    names = {meta.get("name") for meta in head.iter("meta")}
    assert {"viewport", "description", "color-scheme"} <= names
    policy = head.find("meta[@http-equiv='Content-Security-Policy']")
    assert policy is not None and "default-src 'none'" in policy.get("content", "")
    assert "script-src" not in policy.get("content", "")  # so default-src 'none' forbids scripts


def test_reference_page_has_header_participants_prose_then_fifteen_turns_in_order() -> None:
    doc = transcript.load(REFERENCE)
    root = parse_page(transcript.to_html(doc))
    article = root.find(".//main/article")
    assert article is not None and article.get("class") == "tx-transcript tx-theme-magazine"
    header = article[0]
    assert header.tag == "header"
    assert header.findtext("h1").startswith("A Deep Dive")
    participants = header.findall(".//li")
    assert [li.get("data-speaker") for li in participants] == ["editor", "dr-jane-thompson"]
    assert "".join(participants[0].itertext()) == "Editor, interviewer, Time.news"
    assert "".join(participants[1].itertext()) == "Dr. Jane Thompson, interviewee"
    kinds = [child.get("class", "").split()[:2] for child in article[1:]]
    first_turn = next(i for i, k in enumerate(kinds) if k[0] == "tx-turn")
    assert all(k[0] == "tx-prose" for k in kinds[:first_turn])
    assert ["tx-prose", "tx-byline"] in kinds[:first_turn]
    turns = turn_elements(root)
    assert [t.get("id") for t in turns] == [f"t-{n}" for n in range(1, 16)]
    speakers = [t.get("data-speaker") for t in turns]
    assert speakers == ["editor", "dr-jane-thompson"] * 7 + ["editor"]
    for element, turn in zip(turns, doc.turns, strict=True):
        text = "".join(element.itertext())
        assert text.endswith(turn.paragraphs[-1].text)


def test_magazine_names_in_full_on_a_first_turn_then_the_short_form() -> None:
    root = parse_page(transcript.to_html(transcript.load(REFERENCE)))
    labels = [t.findtext("p/a/cite") for t in turn_elements(root)]
    assert labels[:4] == ["Editor", "Dr. Jane Thompson", "Editor", "Dr. Thompson"]
    first, _second = turn_elements(root)[:2]
    assert "tx-first" in first.get("class", "") and "tx-role-interviewer" in first.get("class", "")
    assert "".join(first.find("p/a").itertext()) == "Editor (Time.news):"
    assert "tx-first" not in turn_elements(root)[2].get("class", "")


def test_transcript_theme_names_every_turn_in_full() -> None:
    root = parse_page(page(transcript.load(REFERENCE), theme="transcript"))
    labels = [t.findtext("p/a/cite") for t in turn_elements(root)]
    assert set(labels[1::2]) == {"Dr. Jane Thompson"}
    assert "tx-theme-transcript" in root.find(".//article").get("class", "")


def test_every_turn_label_is_a_permalink_to_the_turn() -> None:
    root = parse_page(transcript.to_html(transcript.load(REFERENCE)))
    for turn in turn_elements(root):
        assert turn.find("p/a").get("href") == "#" + turn.get("id")


def test_scrape_debris_stays_out_of_the_page() -> None:
    text = visible_text(parse_page(transcript.to_html(transcript.load(REFERENCE))))
    assert "rnrn" not in text and "<h3" not in text


# Semantics -------------------------------------------------------------------------


def test_times_become_time_elements_and_data_attributes() -> None:
    doc = two_speaker_doc(start=3725.5, end=3730.0)
    root = parse_page(page(doc))
    first = turn_elements(root)[0]
    assert first.get("data-start") == "3725.5" and first.get("data-end") == "3730"
    time = first.find("time")
    assert time is not None and time.get("datetime") == "PT1H2M5.5S" and time.text == "1:02:05"
    assert "tx-timed" in root.find(".//article").get("class", "")


def test_no_timestamps_leaves_out_the_time_elements_but_keeps_the_data() -> None:
    doc = two_speaker_doc(start=65.0)
    root = parse_page(page(doc, timestamps=False))
    first = turn_elements(root)[0]
    assert first.find("time") is None and first.get("data-start") == "65"
    assert "tx-timed" not in root.find(".//article").get("class", "")


@pytest.mark.parametrize("seconds", [float("nan"), float("inf"), -1.0])
def test_impossible_times_are_left_out(seconds: float) -> None:
    root = parse_page(page(two_speaker_doc(start=seconds, end=seconds)))
    first = turn_elements(root)[0]
    assert first.get("data-start") is None and first.find("time") is None


def test_annotations_and_time_marks_inside_speech() -> None:
    content = (
        Text("Well "),
        Annotation(AnnotationKind.LAUGHTER, "[laughs]"),
        Text(" then "),
        Timestamp(61.0, "[00:01:01]"),
        Text(" on."),
    )
    doc = attrs.evolve(
        two_speaker_doc(),
        blocks=(Turn("editor", "Editor", (Paragraph(content), Paragraph(content))),),
    )
    turn = turn_elements(parse_page(page(doc)))[0]
    for paragraph in turn.findall("p"):
        assert "".join(paragraph.itertext()).endswith("Well [laughs] then [00:01:01] on.")
        span = paragraph.find("span[@class='tx-annotation tx-laughter']")
        assert span is not None and span.text == "[laughs]"
        assert paragraph.find("time").get("datetime") == "PT1M1S"
    without = turn_elements(parse_page(page(doc, timestamps=False)))[0]
    assert "".join(without.find("p").itertext()).endswith("Well [laughs] then  on.")


def test_prose_and_headings_keep_their_order_and_kinds() -> None:
    blocks = (
        Prose(ProseKind.INTRO, (Paragraph((Text("Intro."),)),)),
        Heading("Part one", level=1),
        Prose(ProseKind.BYLINE, (Paragraph((Text("By A. Writer"),)),)),
        Heading("Deep", level=9),
    )
    root = parse_page(page(Transcript(blocks=blocks)))
    article = root.find(".//article")
    tags = [(child.tag, child.get("class")) for child in article]
    assert tags == [
        ("div", "tx-prose tx-intro"),
        ("h2", "tx-heading"),
        ("div", "tx-prose tx-byline"),
        ("h6", "tx-heading"),
    ]
    fragment = parse_fragment(page(Transcript(blocks=blocks), fragment=True, inline_css=False))
    assert [child.tag for child in fragment][1] == "h3"  # the host page owns h1 and h2


def test_id_prefix_prefixes_every_id_and_link() -> None:
    html = page(two_speaker_doc(), id_prefix="a1", fragment=True)
    root = parse_fragment(html)
    assert root.get("id") == "a1"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert ids[1:] and all(i.startswith("a1-") for i in ids[1:])
    assert next(a.get("href") for a in root.iter("a")) == "#a1-t-1"


def test_language_from_the_option_the_metadata_or_a_guess() -> None:
    doc = two_speaker_doc()
    assert parse_page(page(doc)).get("lang") == "en"
    assert parse_page(page(doc, lang="pt-BR")).get("lang") == "pt-BR"
    korean = transcript.load(GOLDEN / "korean-fullwidth.txt")
    assert parse_page(transcript.to_html(korean)).get("lang") == "ko"
    unknown = attrs.evolve(doc, metadata=Metadata(language="not a tag!"))
    assert parse_page(page(unknown)).get("lang") in ("en", "und")


def test_names_and_paragraphs_are_bidi_isolated() -> None:
    root = parse_page(transcript.to_html(transcript.load(HOSTILE / "html-bidi.txt")))
    for turn in turn_elements(root):
        assert all(p.get("dir") == "auto" for p in turn.findall("p"))
        assert turn.find("p/a/cite").get("dir") == "auto"
    for name in root.iter("bdi"):
        assert name.tag == "bdi"


def test_a_turn_whose_speaker_is_not_listed_is_shown_by_its_label() -> None:
    doc = attrs.evolve(
        two_speaker_doc(),
        blocks=(Turn("ghost", "Mystery <Guest>", (Paragraph((Text("Boo."),)),)),),
    )
    turn = turn_elements(parse_page(page(doc)))[0]
    assert turn.get("data-speaker") == "unlisted" and turn.findtext("p/a/cite") == "Mystery <Guest>"


def test_fragment_is_one_article_with_scoped_css_and_no_document_parts() -> None:
    html = page(transcript.load(REFERENCE), fragment=True)
    assert not re.search(r"<(html|head|body|main|meta|title)\b", html)
    root = parse_fragment(html)
    assert root.tag == "article" and root.get("class") == "tx-transcript tx-theme-magazine"
    assert root.get("lang") == "en"
    assert root[0].tag == "style" and root[0].text == themes.stylesheet(Theme.MAGAZINE, page=False)
    assert not parse_fragment(
        page(transcript.load(REFERENCE), fragment=True, inline_css=False)
    ).findall("style")


@pytest.mark.parametrize("theme", list(Theme))
def test_every_css_rule_outside_page_css_is_scoped_under_the_root_class(theme: Theme) -> None:
    css = re.sub(r"/\*.*?\*/", "", themes.stylesheet(theme, page=False), flags=re.S)
    selectors = re.findall(r"([^{};]+)\{", css)
    for group in selectors:
        group = group.strip()
        if group.startswith("@"):
            continue
        for selector in re.split(r",(?![^()]*\))", group):
            assert selector.strip().startswith(".tx-transcript"), selector
    assert "</" not in css


def test_css_comes_from_package_resources_for_every_theme() -> None:
    for theme in Theme:
        css = html_writer.css(theme)
        assert f"tx-theme-{theme.value}" in css and "prefers-color-scheme: dark" in css
        assert "@media print" in css
    assert html_writer.css("magazine", page=True).startswith("/* transcript: the page")


def test_the_writer_is_in_the_registry_for_html_and_htm() -> None:
    from transcript import registry

    entry = registry.writer_for_path("x.HTM")
    assert entry.name == "html" and entry.media_type == "text/html"
    assert transcript.render(two_speaker_doc(), "html").startswith(b"<!DOCTYPE html>")
    assert transcript.render(two_speaker_doc(), "html", HtmlOptions(fragment=True)).startswith(
        b"<article"
    )


# Options --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("theme", "gothic"),
        ("stylesheet", "javascript:alert(1)"),
        ("stylesheet", "java\tscript:alert(1)"),
        ("stylesheet", "data:text/css,body{}"),
        ("stylesheet", "a b.css"),
        ("stylesheet", 12),
        ("id_prefix", "1abc"),
        ("id_prefix", "a b"),
        ("id_prefix", '"><script>'),
        ("lang", "english please"),
        ("lang", "x" * 40),
        ("fragment", "yes"),
        ("legend", 1),
    ],
)
def test_invalid_options_raise_an_option_error_naming_the_option(field: str, value: object) -> None:
    with pytest.raises(OptionError, match=f"^{field}: "):
        HtmlOptions(**{field: value})  # type: ignore[arg-type]


def test_valid_options_are_normalised() -> None:
    options = HtmlOptions(theme="TRANSCRIPT", stylesheet="https://example.com/site.css")
    assert options.theme is Theme.TRANSCRIPT
    assert HtmlOptions(stylesheet="css/site.css").stylesheet == "css/site.css"
    assert (
        HtmlOptions(stylesheet="HTTPS://example.com/x.css").stylesheet
        == "https://example.com/x.css"
    )


def test_render_refuses_options_of_another_writer() -> None:
    with pytest.raises(OptionError):
        transcript.render(two_speaker_doc(), "html", {"fragment": True})


def test_the_stylesheet_is_linked_after_the_theme() -> None:
    root = parse_page(page(two_speaker_doc(), stylesheet="site.css"))
    head = root.find("head")
    assert [child.tag for child in head][-2:] == ["style", "link"]
    assert head[-1].get("href") == "site.css" and head[-1].get("rel") == "stylesheet"


def test_legend_defaults_on_for_pages_and_off_for_fragments() -> None:
    doc = two_speaker_doc()
    assert parse_page(page(doc)).find(".//ul") is not None
    assert parse_page(page(doc, legend=False)).find(".//ul") is None
    assert parse_fragment(page(doc, fragment=True)).find(".//ul") is None
    assert parse_fragment(page(doc, fragment=True, legend=True)).find(".//ul") is not None


# URL policy ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.com/a", "https://example.com/a"),
        ("HTTP://Example.com", "http://Example.com"),
        ("mailto:a@b.c", "mailto:a@b.c"),
        (" https://exa mple.com/\n", "https://example.com/"),
        ("javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("\x00javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("vbscript:x", None),
        ("data:text/html,<script>", None),
        ("//evil.example", None),
        ("/relative/path", None),
        ("https:", None),
        ("mailto:nobody", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_https_and_mailto_become_links(url: str | None, expected: str | None) -> None:
    assert safe_link(url) == expected


def test_stylesheets_may_be_relative_but_never_another_scheme() -> None:
    assert stylesheet_url("../site.css") == "../site.css"
    assert stylesheet_url("//cdn.example/x.css") == "//cdn.example/x.css"
    assert stylesheet_url("file:///etc/passwd") is None
    assert stylesheet_url("a\\b.css") is None


# Hostile input -------------------------------------------------------------------


def hostile_pages() -> list[tuple[str, str]]:
    pages = []
    for path in sorted(HOSTILE.glob("html-*")):
        doc = transcript.load(path)
        for name, options in SHAPES.items():
            pages.append((f"{path.name}-{name}", transcript.to_html(doc, options)))
        pages.append((f"{path.name}-styled", transcript.to_html(doc)))
    return pages


@pytest.mark.parametrize(("name", "html"), hostile_pages(), ids=lambda value: value[:40])
def test_hostile_input_is_shown_as_text_never_markup(name: str, html: str) -> None:
    root = parse_fragment(html) if "fragment" in name else parse_page(html)
    check_structure(root)
    assert "<script" not in html.split("<style>")[0]
    assert not root.findall(".//script") and not root.findall(".//img")
    for style in root.iter("style"):
        assert style.text in {themes.stylesheet(theme, page=p) for theme in Theme for p in (0, 1)}


def test_markup_in_names_titles_and_speech_reads_as_the_same_characters() -> None:
    doc = transcript.load(HOSTILE / "html-markup.txt")
    root = parse_page(transcript.to_html(doc))
    text = visible_text(root)
    assert '<script>alert(1)</script> Evil & "Co" </title><img src=x onerror=alert(2)>' in text
    assert "Hello </p></div><script>window.__pwned = 1</script> <b>bold</b>?" in text
    assert "I&amp;I &lt;not&gt; <style>body{display:none}</style>" in text
    assert root.findtext(".//title") == doc.metadata.title
    assert root.find(".//span[@class='tx-source']").text == "<img src=x onerror=alert(3)>"
    assert len(turn_elements(root)) == 3


def test_a_javascript_url_is_text_not_a_link() -> None:
    root = parse_page(transcript.to_html(transcript.load(HOSTILE / "html-javascript-url.txt")))
    hrefs = [a.get("href") for a in root.iter("a")]
    assert all(href.startswith("#") for href in hrefs)
    assert "javascript:alert(1)" in visible_text(root)
    source = root.find(".//*[@class='tx-source']")
    assert source is not None and source.tag == "span" and source.text == "The Daily Example"


def test_a_safe_url_becomes_the_source_link() -> None:
    doc = Transcript(Metadata(title="T", source="The Paper", url="HTTPS://paper.example/x"))
    link = parse_page(page(doc)).find(".//a[@class='tx-source']")
    assert link is not None and link.get("href") == "https://paper.example/x"
    assert link.text == "The Paper"


def test_nul_controls_and_noncharacters_become_replacement_characters() -> None:
    doc = transcript.load(HOSTILE / "html-controls.json")
    html = page(doc)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]", html)
    root = parse_page(html)
    check_structure(root)
    assert root.findtext(".//title") == "NUL\ufffd in the title\ufffd[2J"
    turns = turn_elements(root)
    assert turns[0].get("data-speaker") == "a-b" and turns[1].get("data-speaker") == "x"
    assert turns[1].findtext("p/a/cite") == "<script>alert(1)</script>"


def test_a_lone_surrogate_is_replaced_not_raised() -> None:
    doc = Transcript(Metadata(title="bad \ud800 title"), blocks=(Heading("x\udfffy"),))
    root = parse_page(page(doc))
    assert root.findtext(".//title") == "bad \ufffd title"


def test_an_unknown_block_class_is_a_write_error() -> None:
    doc = Transcript(blocks=("not a block",))  # type: ignore[arg-type]
    with pytest.raises(TranscriptError, match="does not know the block class str"):
        transcript.to_html(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts())
def test_any_document_becomes_safe_html(doc: Transcript) -> None:
    for options in (HtmlOptions(), HtmlOptions(fragment=True, theme="transcript")):
        html = transcript.to_html(doc, options)
        root = parse_fragment(html) if options.fragment else parse_page(html)
        check_structure(root)
        assert len(turn_elements(root)) == len(doc.turns)


# CLI ----------------------------------------------------------------------------


def test_cli_writes_a_page_from_the_suffix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "k.html"
    assert cli.main(["convert", str(REFERENCE), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == transcript.to_html(transcript.load(REFERENCE))


def test_cli_fragment_theme_prefix_and_flags(tmp_path: Path) -> None:
    out = tmp_path / "k.htm"
    argv = ["convert", str(REFERENCE), "-o", str(out), "--fragment", "--theme", "transcript"]
    argv += ["--id-prefix", "k", "--no-css", "--legend", "--no-timestamps", "--lang", "en-GB"]
    assert cli.main(argv) == 0
    options = HtmlOptions(
        fragment=True,
        theme="transcript",
        id_prefix="k",
        inline_css=False,
        legend=True,
        timestamps=False,
        lang="en-GB",
    )
    assert out.read_text(encoding="utf-8") == transcript.to_html(
        transcript.load(REFERENCE), options
    )


def test_cli_writes_html_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["convert", str(REFERENCE), "-o", "-", "--to", "html", "--fragment"]) == 0
    assert capsys.readouterr().out.startswith('<article class="tx-transcript')


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--stylesheet", "javascript:alert(1)"], "--stylesheet: 'javascript:alert(1)' is not"),
        (["--id-prefix", "9"], "--id-prefix: '9' is not a letter"),
        (["--lang", "?"], "--lang: '?' is not a BCP 47"),
    ],
)
def test_cli_bad_html_flags_are_usage_errors_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    out = tmp_path / "x.html"
    assert cli.main(["convert", str(REFERENCE), "-o", str(out), *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()


def test_cli_html_flags_with_json_output_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["convert", str(REFERENCE), "-o", str(tmp_path / "x.json"), "--fragment"])
    assert status == 2
    assert "--fragment: applies to HTML output only, not json" in capsys.readouterr().err


def test_cli_unknown_theme_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        cli.main(["convert", str(REFERENCE), "-o", str(tmp_path / "x.html"), "--theme", "x"]) == 2
    )
    assert "invalid choice" in capsys.readouterr().err
