"""The Podcasting 2.0 reader: JSON segments and <cite>/<time>/<p> HTML, routing, hostile input."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transcript
from doc_views import codes, names, text_of
from transcript import Prose, TranscriptError
from transcript.cli import main
from transcript.errors import LimitError, ParseError, SchemaError
from transcript.read import podcast
from transcript.read.detect import Head

DATA = Path(__file__).parent / "data" / "podcast"

INTERVIEW = """\
Host: Welcome back to the programme.
Guest: Thanks for having me.
Host: Let's start with the budget: what happened?
Guest: Frankly, nobody expected the shortfall.
"""


def segments(*items: dict[str, object]) -> str:
    return json.dumps({"version": "1.0.0", "segments": list(items)})


# ---------------------------------------------------------------- JSON


def test_json_segments_of_one_speaker_join_into_one_turn() -> None:
    doc = transcript.load(DATA / "episode.json")
    assert doc.metadata.style == "podcast-json"
    assert names(doc) == ["Marisol Tate", "Dev Okafor", "Marisol Tate", "Dev Okafor"]
    first, second = doc.turns[:2]
    assert [p.text for p in first.paragraphs] == [
        "Welcome back to Harbour Lights. Today we talk about tides."
    ]
    assert (first.start, first.end) == (0.5, 6.0)
    # a segment without a speaker continues the turn before it
    assert text_of(second) == "Thanks for having me, Marisol. It's good to be here."
    assert (second.start, second.end) == (6.4, 12.1)
    assert ("version", "1.0.0") in doc.metadata.extra


def test_json_leading_speakerless_segment_is_prose_and_extras_are_noted() -> None:
    doc = transcript.load(DATA / "compact.json")
    assert isinstance(doc.blocks[0], Prose)
    assert doc.blocks[0].paragraphs[0].text == "Recorded live at the Ridgeway library."
    assert names(doc) == ["Host", "Guest", "Host", "Guest"]
    guest = doc.speakers[1]
    assert guest.affiliation == "Ridgeway Transit"
    assert text_of(doc.turns[0]) == "Caf\u00e9 talk, episode nine."  # escaped e + U+0301, NFC
    ignored = [d for d in doc.diagnostics if d.code == "fields-ignored"]
    assert len(ignored) == 1 and "confidence" in ignored[0].message
    assert "language" in ignored[0].message


def test_json_body_control_characters_are_removed_with_a_diagnostic() -> None:
    doc = transcript.parse(segments({"speaker": "Ana", "body": "Hi\u0007 there\u0000."}))
    assert text_of(doc.turns[0]) == "Hi there."
    assert sum("$.segments[0].body" in d.message for d in doc.diagnostics) >= 2


@pytest.mark.parametrize(
    ("segment", "path"),
    [
        ({"speaker": 3, "body": "x"}, "$.segments[0].speaker"),
        ({"speaker": "A", "body": ["x"]}, "$.segments[0].body"),
        ({"speaker": "A"}, "$.segments[0].body"),
        ({"speaker": "A", "body": "x", "startTime": "0:01"}, "$.segments[0].startTime"),
        ({"speaker": "A", "body": "x", "endTime": -1}, "$.segments[0].endTime"),
        ({"speaker": "A", "body": "x", "endTime": True}, "$.segments[0].endTime"),
    ],
)
def test_json_wrong_types_name_their_path(segment: dict[str, object], path: str) -> None:
    with pytest.raises(SchemaError) as caught:
        transcript.parse(segments(segment))
    assert caught.value.problems[0][0] == path


def test_json_refuses_what_the_transcript_json_reader_refuses() -> None:
    deep = '{"segments": [' + "[" * 5000 + "]" * 5000 + "]}"
    with pytest.raises(LimitError):
        transcript.parse(deep)
    with pytest.raises(SchemaError):
        transcript.parse('{"segments": [{"speaker": "A", "body": "x", "startTime": NaN}]}')
    with pytest.raises(SchemaError):
        transcript.parse('{"segments": [{"speaker": "A", "body": "x", "body": "y"}]}')
    with pytest.raises(SchemaError):
        transcript.parse('{"segments": [{"speaker": "A", "body": "x", "endTime": 1e999}]}')
    with pytest.raises(ParseError):
        transcript.parse('{"segments": [{"speaker": "A", "body": "x"}')
    with pytest.raises(SchemaError):
        transcript.parse('{"segments": {"speaker": "A"}}')


# ---------------------------------------------------------------- routing


def test_routing_json_file_and_string_reach_this_reader(tmp_path: Path) -> None:
    text = (DATA / "episode.json").read_text(encoding="utf-8")
    assert transcript.parse(text).metadata.style == "podcast-json"
    assert transcript.load(DATA / "episode.json").metadata.style == "podcast-json"
    assert transcript.parse(text, "podcast").metadata.style == "podcast-json"
    assert transcript.parse(text, "podcast-json").metadata.style == "podcast-json"


def test_routing_transcript_json_still_reaches_its_own_reader(tmp_path: Path) -> None:
    doc = transcript.load(DATA / "episode.json")
    own = tmp_path / "own.json"
    own.write_text(transcript.to_json(doc), encoding="utf-8")
    again = transcript.load(own)
    assert again == doc  # read losslessly by the transcript/1 reader, style kept
    assert transcript.parse(transcript.to_json(doc)) == doc
    with pytest.raises(SchemaError):  # a .json that is neither: the transcript/1 reader refuses
        transcript.load(_write(tmp_path / "other.json", '{"turns": []}'))


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_detection_is_ours_only_for_our_documents() -> None:
    assert podcast.fit(Head.of('{"version": "1.0.0", "segments": []}')).fits
    assert podcast.fit(Head.of("<cite>Ana:</cite><p>Hi</p>")).fits
    assert not podcast.fit(Head.of(INTERVIEW)).fits
    assert not podcast.fit(Head.of('Host: the "segments" of the show\nGuest: <cite>x</cite>')).fits
    assert not podcast.fit(Head.of('{"version": "transcript/1", "segments": []}')).fits
    assert transcript.parse(INTERVIEW).metadata.style != "podcast-html"


def test_cli_converts_podcast_json_to_html(tmp_path: Path) -> None:
    output = tmp_path / "ep.html"
    assert main(["convert", str(DATA / "episode.json"), "-o", str(output)]) == 0
    page = output.read_text(encoding="utf-8")
    assert "Marisol Tate" in page and "every boat schedule" in page


# ---------------------------------------------------------------- HTML


def test_html_cites_times_and_paragraphs() -> None:
    doc = transcript.load(DATA / "episode.html")
    assert doc.metadata.style == "podcast-html"
    assert names(doc) == ["Marisol Tate", "Dev Okafor", "Marisol Tate", "Dev Okafor"]
    assert [t.start for t in doc.turns] == [0.0, 6.0, 3723.0, 3729.0]
    assert [t.end for t in doc.turns] == [6.0, 3723.0, 3729.0, None]  # the next turn's start
    assert [p.text for p in doc.turns[0].paragraphs] == [
        "Welcome back to Harbour Lights.",
        "Today we talk about tides.",
    ]
    assert text_of(doc.turns[1]) == "Thanks for having me, Marisol. It\u2019s good to be here."


def test_html_page_without_times_keeps_text_only() -> None:
    doc = transcript.load(DATA / "page.html")
    assert doc.metadata.style == "podcast-html"
    assert doc.metadata.title == "Night Buses, episode 9"
    assert isinstance(doc.blocks[0], Prose)
    assert names(doc) == ["Host", "Guest", "Host"]
    assert all(t.start is None for t in doc.turns)
    assert text_of(doc.turns[0]) == "What changed on the night buses?"
    assert [p.text for p in doc.turns[1].paragraphs] == [
        "We added two routes.",
        "And the timetable is online now.",
    ]
    everything = transcript.to_json(doc)
    assert "alert" not in everything and "javascript" not in everything
    assert "tracking" not in everything and "font-weight" not in everything
    assert "markup-dropped" in codes(doc)


def test_html_script_is_never_kept_as_markup() -> None:
    hostile = (
        "<cite>Ana:</cite><p>Hello <script>alert('x')</script><b>there</b> "
        '<a href="javascript:alert(1)">link</a><img src=x onerror="alert(2)"></p>'
    )
    doc = transcript.parse(hostile)
    assert text_of(doc.turns[0]) == "Hello there link"
    page = transcript.to_html(doc)
    assert "alert" not in page and "javascript:" not in page and "onerror" not in page


def test_html_time_before_cite_and_loose_text_are_kept() -> None:
    doc = transcript.parse(
        "<div>Intro words\n<time>0:05</time><cite>Ana:</cite>Loose speech\n"
        "<p>Then a paragraph.</p><time>later</time></div>"
    )
    assert isinstance(doc.blocks[0], Prose)
    assert doc.turns[0].start == 5.0
    assert [p.text for p in doc.turns[0].paragraphs] == ["Loose speech", "Then a paragraph."]
    assert "time-unread" in codes(doc)


def test_hostile_lines_do_not_crash() -> None:
    long_line = "<cite>Ana:</cite><p>" + "word " * 20_000 + "</p>"
    assert len(transcript.parse(long_line).turns) == 1
    nested = "<cite>Ana:</cite>" + "<div>" * 3000 + "deep" + "</div>" * 3000
    with pytest.raises(LimitError):  # libxml2 stops at 256 levels: refused, not cut short
        transcript.parse(nested)
    shallow = "<cite>Ana:</cite>" + "<div>" * 100 + "deep" + "</div>" * 100
    assert text_of(transcript.parse(shallow).turns[0]) == "deep"
    brackets = segments({"speaker": "A", "body": "[" * 100_000})
    assert len(transcript.parse(brackets).turns) == 1


def test_nothing_lost_in_json() -> None:
    doc = transcript.load(DATA / "episode.json")
    data = json.loads((DATA / "episode.json").read_text(encoding="utf-8"))
    kept = " ".join(text_of(t) for t in doc.turns)
    for segment in data["segments"]:
        assert segment["body"] in kept


# ---------------------------------------------------------------- never raises

SEGMENT = st.fixed_dictionaries(
    {},
    optional={
        "speaker": st.one_of(st.text(max_size=12), st.none(), st.integers()),
        "startTime": st.one_of(st.floats(allow_nan=False), st.integers(), st.text(max_size=3)),
        "endTime": st.floats(allow_nan=False, allow_infinity=False),
        "body": st.one_of(st.text(max_size=30), st.integers()),
    },
)


@settings(max_examples=50, deadline=None)
@given(st.lists(SEGMENT, max_size=8))
def test_any_segments_read_or_raise_only_transcript_errors(items: list[dict[str, object]]) -> None:
    with contextlib.suppress(TranscriptError):
        transcript.parse(json.dumps({"segments": items}))


HTML_PIECES = st.sampled_from(
    ["<cite>", "</cite>", "<time>", "</time>", "<p>", "</p>", "<script>", ":", "0:01", "<b>", "&"]
)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(HTML_PIECES, st.text(max_size=8)), max_size=40))
def test_any_html_reads_or_raises_only_transcript_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptError):
        transcript.parse("<cite>A:</cite>" + "".join(pieces), "podcast-html")


def test_html_pasted_into_a_text_file_is_detected_by_its_cites() -> None:
    doc = transcript.load(DATA / "pasted.txt")
    assert doc.metadata.style == "podcast-html"
    assert isinstance(doc.blocks[0], Prose)
    assert names(doc) == ["Wren Castellano", "Abe Lindqvist", "Wren Castellano"]
    assert [t.start for t in doc.turns] == [4.0, 9.0, 75.0]
    assert len(doc.turns[1].paragraphs) == 2


def test_html_entities_from_outside_are_never_resolved() -> None:
    page = '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><cite>A:</cite><p>&x;</p>'
    doc = transcript.parse(page)
    assert "root:" not in transcript.to_json(doc)


def test_html_unknown_tags_are_named_on_their_line() -> None:
    doc = transcript.parse("<cite>Ana:</cite>\n<p>Hi</p>\n<v Jane>\n<p>Bye</p>", "podcast-html")
    dropped = [d for d in doc.diagnostics if d.code == "markup-dropped"]
    assert [d.line for d in dropped] == [3]
    assert "<v jane>" in dropped[0].message  # the HTML parser lower-cases names
