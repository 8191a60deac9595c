"""The transcript/1 JSON form: exact shape, lossless round trip, and every way reading refuses."""

from __future__ import annotations

import contextlib
import json
import math
import time
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import transcript
from strategies import transcripts
from transcript.decode import DecodedText
from transcript.errors import (
    DecodeError,
    LimitError,
    ParseError,
    SchemaError,
    TranscriptError,
    WriteError,
)
from transcript.model import (
    Annotation,
    AnnotationKind,
    Diagnostic,
    Heading,
    Metadata,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Severity,
    SourceSpan,
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)
from transcript.read import ReadOptions
from transcript.read import json as json_reader
from transcript.read.json import loads
from transcript.write import json as json_writer
from transcript.write.json import dumps, render

SMALL = Transcript(
    metadata=Metadata(
        title="A Deep Dive",
        date="2024-11-24",
        authors=("A. Reporter",),
        style="plain",
        encoding="utf-8",
        extra=(("Photo", "AP"), ("Photo", "Reuters")),
    ),
    speakers=(
        Speaker("editor", "Editor", ("Editor (Time.news)",), Role.INTERVIEWER, "Time.news"),
        Speaker("dr-jane-thompson", "Dr. Jane Thompson", ("Dr. Thompson",), Role.INTERVIEWEE),
    ),
    blocks=(
        Heading("The interview", 2, SourceSpan(3, 3)),
        Prose(ProseKind.BYLINE, (Paragraph((Text("By A. Reporter"),)),)),
        Turn(
            "editor",
            "Editor (Time.news)",
            (Paragraph((Text("Welcome <b> & “hello”."),)),),
            start=0.0,
            end=4.5,
            span=SourceSpan(5, 5),
        ),
        Turn(
            "dr-jane-thompson",
            "Dr. Thompson",
            (
                Paragraph(
                    (
                        Timestamp(65.0, "[00:01:05]"),
                        Text(" Thanks "),
                        Annotation(AnnotationKind.LAUGHTER, "[laughs]"),
                    )
                ),
                Paragraph((Annotation(AnnotationKind.INAUDIBLE, "[inaudible 00:12:31]", 751.0),)),
            ),
            span=SourceSpan(7, 9),
        ),
    ),
    diagnostics=(Diagnostic("scrape-debris", Severity.WARNING, "dropped 'rnrn'", 4),),
)

SMALL_JSON: dict[str, Any] = {
    "version": "transcript/1",
    "metadata": {
        "title": "A Deep Dive",
        "subtitle": None,
        "date": "2024-11-24",
        "language": None,
        "source": None,
        "url": None,
        "description": None,
        "location": None,
        "style": "plain",
        "encoding": "utf-8",
        "authors": ["A. Reporter"],
        "extra": [["Photo", "AP"], ["Photo", "Reuters"]],
    },
    "speakers": [
        {
            "id": "editor",
            "name": "Editor",
            "aliases": ["Editor (Time.news)"],
            "role": "interviewer",
            "affiliation": "Time.news",
        },
        {
            "id": "dr-jane-thompson",
            "name": "Dr. Jane Thompson",
            "aliases": ["Dr. Thompson"],
            "role": "interviewee",
            "affiliation": None,
        },
    ],
    "blocks": [
        {
            "type": "heading",
            "text": "The interview",
            "level": 2,
            "span": {"first_line": 3, "last_line": 3},
        },
        {
            "type": "prose",
            "kind": "byline",
            "paragraphs": [[{"type": "text", "text": "By A. Reporter"}]],
            "span": None,
        },
        {
            "type": "turn",
            "speaker": "editor",
            "label": "Editor (Time.news)",
            "paragraphs": [[{"type": "text", "text": "Welcome <b> & “hello”."}]],
            "start": 0.0,
            "end": 4.5,
            "span": {"first_line": 5, "last_line": 5},
        },
        {
            "type": "turn",
            "speaker": "dr-jane-thompson",
            "label": "Dr. Thompson",
            "paragraphs": [
                [
                    {"type": "timestamp", "seconds": 65.0, "printed": "[00:01:05]"},
                    {"type": "text", "text": " Thanks "},
                    {
                        "type": "annotation",
                        "kind": "laughter",
                        "printed": "[laughs]",
                        "seconds": None,
                    },
                ],
                [
                    {
                        "type": "annotation",
                        "kind": "inaudible",
                        "printed": "[inaudible 00:12:31]",
                        "seconds": 751.0,
                    }
                ],
            ],
            "start": None,
            "end": None,
            "span": {"first_line": 7, "last_line": 9},
        },
    ],
    "diagnostics": [
        {"code": "scrape-debris", "severity": "warning", "line": 4, "message": "dropped 'rnrn'"}
    ],
}


def small_data() -> dict[str, Any]:
    """A fresh, mutable copy of SMALL_JSON to spoil in a test."""
    copied: dict[str, Any] = json.loads(json.dumps(SMALL_JSON))
    return copied


def problems_of(data: Any) -> tuple[tuple[str, str], ...]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(SchemaError) as caught:
        loads(text)
    return caught.value.problems


def paths_of(data: Any) -> list[str]:
    return [path for path, _ in problems_of(data)]


# ---------------------------------------------------------------- writing


def test_small_document_has_exactly_these_keys_and_values() -> None:
    assert json.loads(dumps(SMALL)) == SMALL_JSON
    assert json.loads(dumps(SMALL, indent=None)) == SMALL_JSON


def test_keys_are_written_in_documented_order() -> None:
    data = json.loads(dumps(SMALL))
    assert list(data) == ["version", "metadata", "speakers", "blocks", "diagnostics"]
    assert list(data["blocks"][2]) == [
        "type",
        "speaker",
        "label",
        "paragraphs",
        "start",
        "end",
        "span",
    ]
    assert list(data["diagnostics"][0]) == ["code", "severity", "line", "message"]


def test_indented_output_puts_each_block_on_its_own_line() -> None:
    lines = dumps(SMALL, indent=2).splitlines()
    assert lines[0] == "{"
    assert lines[1] == '  "version": "transcript/1",'
    block_lines = [line for line in lines if line.startswith('    {"type":')]
    assert len(block_lines) == len(SMALL.blocks)
    assert dumps(SMALL, indent=2).endswith("}\n")


def test_compact_output_is_one_line_without_spaces_between_tokens() -> None:
    text = dumps(SMALL, indent=None)
    assert "\n" not in text
    assert text.startswith('{"version":"transcript/1","metadata":{"title":"A Deep Dive"')


def test_non_ascii_is_written_as_is() -> None:
    assert "“hello”" in dumps(SMALL)


def test_unicode_line_separators_are_escaped() -> None:
    doc = Transcript(blocks=(Heading("one\u2028two\u2029three\x85four"),))
    for indent in (None, 2):
        text = dumps(doc, indent=indent)
        assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
        assert "one\\u2028two\\u2029three\\u0085four" in text
        assert text.splitlines() == text.rstrip("\n").split("\n")
        assert loads(text) == doc


def test_render_is_utf8_of_dumps() -> None:
    assert render(SMALL) == dumps(SMALL).encode("utf-8")
    assert render(SMALL, None) == render(SMALL)


def test_empty_document() -> None:
    empty = Transcript()
    assert json.loads(dumps(empty)) == {
        "version": "transcript/1",
        "metadata": {**dict.fromkeys(SMALL_JSON["metadata"]), "authors": [], "extra": []},
        "speakers": [],
        "blocks": [],
        "diagnostics": [],
    }
    assert loads(dumps(empty)) == empty
    assert loads(dumps(empty, indent=None)) == empty


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_writer_refuses_non_finite_times(bad: float) -> None:
    doc = attrs.evolve(SMALL, blocks=(Turn("editor", "Editor", (), start=bad),))
    with pytest.raises(WriteError, match="finite"):
        dumps(doc)
    with pytest.raises(WriteError):
        render(doc)


def test_writer_refuses_non_finite_inline_seconds() -> None:
    paragraph = Paragraph((Timestamp(math.nan, "[??]"),))
    with pytest.raises(WriteError):
        dumps(Transcript(blocks=(Prose(ProseKind.NOTE, (paragraph,)),)), indent=None)


def test_writer_fails_loudly_on_an_unknown_block_class() -> None:
    @attrs.frozen
    class Chart:
        caption: str

    doc = Transcript(blocks=(Chart("x"),))  # type: ignore[arg-type]  # on purpose
    with pytest.raises(WriteError, match="Chart"):
        dumps(doc)


def test_writer_fails_loudly_on_an_unknown_inline_class() -> None:
    @attrs.frozen
    class Emoji:
        name: str

    paragraph = Paragraph((Emoji("smile"),))  # type: ignore[arg-type]  # on purpose
    with pytest.raises(WriteError, match="Emoji"):
        dumps(Transcript(blocks=(Prose(ProseKind.NOTE, (paragraph,)),)))


def test_writer_does_not_treat_a_subclass_as_its_base() -> None:
    class Loud(Text):
        pass

    with pytest.raises(WriteError, match="Loud"):
        dumps(Transcript(blocks=(Prose(ProseKind.NOTE, (Paragraph((Loud("x"),)),)),)))


def test_render_refuses_a_lone_surrogate_with_a_write_error() -> None:
    doc = Transcript(blocks=(Heading("bad \ud800 text"),))
    with pytest.raises(WriteError, match="surrogate"):
        render(doc)


def test_render_refuses_options() -> None:
    with pytest.raises(WriteError, match="no options"):
        render(SMALL, object())


# ---------------------------------------------------------------- round trip


def count_pairs(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(count_pairs(item) for item in value.values())
    if isinstance(value, list):
        return sum(count_pairs(item) for item in value)
    return 0


def check_round_trip(doc: Transcript) -> None:
    """The written JSON follows the schema (both checks agree) and reads back as `doc`."""
    text = dumps(doc)
    data = json.loads(text)
    assert list(json_reader.validator().iter_errors(data)) == []
    assert json_reader._pair_count(data) == count_pairs(data) == json_reader._scan(text.encode())
    assert loads(text) == doc
    assert loads(dumps(doc, indent=None)) == doc
    assert loads(render(doc)) == doc


@given(transcripts())
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_is_the_identity(doc: Transcript) -> None:
    check_round_trip(doc)


@pytest.mark.slow
@given(transcripts())
@settings(max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
def test_round_trip_is_the_identity_thoroughly(doc: Transcript) -> None:
    check_round_trip(doc)


@given(transcripts(max_blocks=3), st.sampled_from([None, 0, 1, 4]))
@settings(max_examples=30)
def test_round_trip_with_any_indent(doc: Transcript, indent: int | None) -> None:
    text = dumps(doc, indent=indent)
    assert json.loads(text) == json.loads(dumps(doc, indent=None))
    assert loads(text) == doc


def test_round_trip_keeps_float_bits_exactly() -> None:
    times = [0.1, 1 / 3, 5e-324, 1.7976931348623157e308, -0.0, 2.0**53 + 2]
    doc = Transcript(
        blocks=(Prose(ProseKind.NOTE, (Paragraph(tuple(Timestamp(t, "") for t in times)),)),)
    )
    back = loads(dumps(doc))
    nodes = back.blocks[0].paragraphs[0].content  # type: ignore[union-attr]
    read_back = [node.seconds for node in nodes if isinstance(node, Timestamp)]
    assert [t.hex() for t in read_back] == [t.hex() for t in times]


def test_api_pair_and_registry_reader() -> None:
    assert transcript.from_json(transcript.to_json(SMALL)) == SMALL
    assert transcript.from_json(transcript.to_json(SMALL, indent=None).encode()) == SMALL
    assert json_reader.read(DecodedText(dumps(SMALL), None), ReadOptions()) == SMALL


# ---------------------------------------------------------------- the schema file


def test_shipped_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_reader.schema())
    assert json_reader.schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_enums_match_the_model() -> None:
    defs = json_reader.schema()["$defs"]
    assert defs["speaker"]["properties"]["role"]["enum"] == [role.value for role in Role]
    assert defs["prose"]["properties"]["kind"]["enum"] == [kind.value for kind in ProseKind]
    assert defs["annotation"]["properties"]["kind"]["enum"] == [
        kind.value for kind in AnnotationKind
    ]
    assert defs["diagnostic"]["properties"]["severity"]["enum"] == [s.value for s in Severity]


def test_schema_metadata_keys_match_the_model() -> None:
    keys = json_reader.schema()["$defs"]["metadata"]["required"]
    assert sorted(keys) == sorted(field.name for field in attrs.fields(Metadata))


# The quick check must say exactly what jsonschema says, or the fast path is a hole.

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.sampled_from([0, 1, 6, 7, -1, 1.0, 2.5, 0.0, 10**20])
    | st.sampled_from(["", "x", "turn", "prose", "heading", "text", "annotation", "timestamp"])
    | st.sampled_from(["interviewer", "note", "laughter", "warning", "transcript/1", "editor"]),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.sampled_from(["type", "text", "x"]), children, max_size=2)
    ),
    max_leaves=6,
)


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _containers(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _containers(item, (*path, index))
    return found


@st.composite
def spoiled_documents(draw: st.DrawFn) -> Any:
    """A valid document's JSON with one to three values replaced, keys removed or keys added."""
    data = json.loads(dumps(draw(transcripts(max_blocks=4))))
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_containers(data)))
        if not path:
            data = draw(JSON_VALUES)
            continue
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[path[-1]] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra_key", "type", "span"]))] = draw(JSON_VALUES)
        else:
            parent.append(draw(JSON_VALUES))
    return data


def check_spoiled(data: Any) -> None:
    """The quick check answers as jsonschema does, item-by-item validation finds what whole
    validation finds, and reading raises nothing but the library's errors."""
    try:
        quick = json_reader._follows_schema(data)
    except (TypeError, KeyError, AttributeError):
        quick = False
    assert quick == json_reader.validator().is_valid(data)
    whole = json_reader._worded(json_reader.validator().iter_errors(data), ())
    assert sorted(set(json_reader._schema_problems(data))) == sorted(set(whole))
    with contextlib.suppress(TranscriptError):
        loads(json.dumps(data))


@given(spoiled_documents())
@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
def test_quick_check_and_jsonschema_agree_on_spoiled_documents(data: Any) -> None:
    check_spoiled(data)


@pytest.mark.slow
@given(spoiled_documents())
@settings(max_examples=2000, suppress_health_check=[HealthCheck.too_slow])
def test_quick_check_and_jsonschema_agree_on_spoiled_documents_thoroughly(data: Any) -> None:
    check_spoiled(data)


def test_a_big_document_with_one_error_is_reported_quickly() -> None:
    turn = {"type": "turn", "speaker": "editor", "label": "Editor", "start": None, "end": None}
    words = [[{"type": "text", "text": "word " * 25}]]
    data = small_data()
    data["blocks"] = [{**turn, "paragraphs": words, "span": None} for _ in range(5000)]
    data["blocks"][4321]["start"] = "soon"
    started = time.perf_counter()
    assert paths_of(data) == ["$.blocks[4321].start"]
    assert time.perf_counter() - started < 1.0  # validating it whole with jsonschema takes ~1.5 s


# ---------------------------------------------------------------- refusing: text level


def test_invalid_json_is_a_parse_error_with_its_line() -> None:
    with pytest.raises(ParseError) as caught:
        loads('{\n  "version": "transcript/1",\n  metadata: {}\n}')
    assert caught.value.line == 3
    assert "line 3" in str(caught.value)
    assert "column" in str(caught.value)


def test_truncated_json_is_a_parse_error() -> None:
    text = dumps(SMALL)
    with pytest.raises(ParseError):
        loads(text[: len(text) // 2])


@pytest.mark.parametrize("data", ["", "   \n", b"", b"\xef\xbb\xbf"])
def test_empty_input_is_a_parse_error(data: str | bytes) -> None:
    with pytest.raises(ParseError, match="empty"):
        loads(data)


def test_non_utf8_bytes_are_a_decode_error() -> None:
    data = (
        dumps(SMALL).replace("“hello”", "hello").encode("utf-8").replace(b"Welcome", b"W\xe9lcome")
    )
    with pytest.raises(DecodeError, match="not UTF-8"):
        loads(data)
    with pytest.raises(DecodeError):
        loads(dumps(SMALL).encode("utf-16"))


def test_a_byte_order_mark_is_allowed() -> None:
    assert loads(b"\xef\xbb\xbf" + dumps(SMALL).encode()) == SMALL
    assert loads("\ufeff" + dumps(SMALL)) == SMALL


def test_input_of_another_type_is_a_library_error() -> None:
    with pytest.raises(TranscriptError, match="str or bytes"):
        loads(SMALL_JSON)  # type: ignore[arg-type]  # on purpose


# ---------------------------------------------------------------- refusing: depth


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "[" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"version": "transcript/1", "blocks": ' + "[{}," * 50_000 + "]" * 50_000 + "}",
    ],
    ids=["arrays", "unclosed", "objects", "mixed"],
)
def test_deep_nesting_is_a_limit_error_quickly(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(LimitError, match="64"):
        loads(text)
    with pytest.raises(LimitError):
        loads(text.encode())
    assert time.perf_counter() - started < 1.0


def test_depth_64_is_allowed_and_65_is_not() -> None:
    with pytest.raises(SchemaError):  # not a transcript, but not too deep either
        loads("[" * 64 + "]" * 64)
    with pytest.raises(LimitError):
        loads("[" * 65 + "]" * 65)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    tricky = "[" * 1000 + '\\"{{{{ \\\\' + "{" * 1000
    doc = Transcript(blocks=(Heading(tricky),))
    assert loads(dumps(doc)) == doc


def _naive_depth(text: str) -> int:
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


NESTED = st.recursive(
    st.text(alphabet='[]{}"\\ab', max_size=6),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text('[]{"\\', max_size=3), children, max_size=2)
    ),
    max_leaves=100,
)


@given(NESTED)
@settings(max_examples=300)
def test_depth_scan_agrees_with_a_character_by_character_count(value: Any) -> None:
    text = json.dumps(value)
    deepest = _naive_depth(text)
    for extra in (0, 1, 2, 64 - deepest, 65 - deepest):
        if extra < 0:
            continue
        wrapped = "[" * extra + text + "]" * extra
        if deepest + extra > json_reader.MAX_DEPTH:
            with pytest.raises(LimitError):
                json_reader._scan(wrapped.encode())
        else:
            json_reader._scan(wrapped.encode())


# ---------------------------------------------------------------- refusing: values json accepts


def test_duplicate_keys_are_refused_with_their_path() -> None:
    text = dumps(SMALL, indent=None).replace(
        '"label":"Dr. Thompson"', '"label":"Dr. Thompson","label":"X"'
    )
    assert problems_of(text) == (
        ("$.blocks[3]", 'duplicate key "label" (a key may appear once per object)'),
    )


def test_duplicate_top_level_keys_are_refused() -> None:
    text = dumps(SMALL, indent=None)
    text = text[:-1] + ',"speakers":[]}'
    assert paths_of(text) == ["$"]


@pytest.mark.parametrize(
    ("original", "doubled"),
    [
        ('"text":" Thanks "', '"text":" Thanks ","text":" Thanks "'),
        ('"first_line":7', '"first_line":7,"first_line":8'),
        ('"title":"A Deep Dive"', '"title":"A Deep Dive","title":null'),
        ('"role":"interviewer"', '"role":"interviewer","role":"host"'),
        ('"line":4', '"line":4,"line":4'),
    ],
)
def test_duplicate_keys_are_refused_at_every_level(original: str, doubled: str) -> None:
    text = dumps(SMALL, indent=None)
    assert text.count(original) == 1
    ((_, why),) = problems_of(text.replace(original, doubled))
    assert why.startswith("duplicate key")


def test_duplicate_keys_are_reported_even_when_the_schema_also_fails() -> None:
    text = dumps(SMALL, indent=None).replace('"line":4', '"line":"four","line":"four"')
    assert problems_of(text) == (
        ("$.diagnostics[0]", 'duplicate key "line" (a key may appear once per object)'),
    )


def test_whitespace_and_colons_in_text_do_not_upset_the_key_count() -> None:
    data = small_data()
    data["blocks"][2]["paragraphs"][0][0]["text"] = 'Q: "a": {b} [c]: \\": \\'
    spaced = json.dumps(data, indent=3, separators=(" ,\n", " :  "))
    turn = loads(spaced).blocks[2]
    assert isinstance(turn, Turn)
    assert turn.paragraphs[0].text == 'Q: "a": {b} [c]: \\": \\'


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_constants_are_refused(constant: str) -> None:
    text = dumps(SMALL, indent=None).replace('"start":0.0', f'"start":{constant}')
    (problem,) = problems_of(text)
    assert problem[0] == "$.blocks[2].start"
    assert constant.lstrip("-") in problem[1]


def test_a_float_too_large_is_refused() -> None:
    text = dumps(SMALL, indent=None).replace('"end":4.5', '"end":1e999')
    assert paths_of(text) == ["$.blocks[2].end"]


@pytest.mark.parametrize("digits", [31, 5000, 100_000])
def test_huge_integers_are_refused_before_python_converts_them(digits: int) -> None:
    text = dumps(SMALL, indent=None).replace('"line":4', '"line":' + "9" * digits)
    (problem,) = problems_of(text)
    assert problem == (
        "$.diagnostics[0].line",
        f"an integer of {digits} digits (at most 30 are allowed)",
    )


def test_thirty_digit_integers_are_read() -> None:
    text = dumps(SMALL, indent=None).replace('"line":4', '"line":' + "9" * 30)
    assert loads(text).diagnostics[0].line == int("9" * 30)


def test_several_refused_values_are_reported_together() -> None:
    text = (
        dumps(SMALL, indent=None)
        .replace('"start":0.0', '"start":NaN')
        .replace('"line":4', '"line":' + "1" * 40)
    )
    assert paths_of(text) == ["$.blocks[2].start", "$.diagnostics[0].line"]


def test_lone_surrogate_escapes_are_refused() -> None:
    text = dumps(SMALL, indent=None).replace("By A. Reporter", "By \\ud800 Reporter")
    (problem,) = problems_of(text)
    assert problem[0] == "$.blocks[1].paragraphs[0][0].text"
    assert "U+D800" in problem[1]


def test_raw_lone_surrogates_in_a_str_are_refused() -> None:
    text = dumps(SMALL, indent=None).replace("By A. Reporter", "By \udfff Reporter")
    assert paths_of(text) == ["$.blocks[1].paragraphs[0][0].text"]


def test_escaped_surrogate_pairs_are_characters() -> None:
    text = dumps(SMALL, indent=None).replace("By A. Reporter", "By \\ud83d\\ude00")
    assert loads(text).blocks[1].paragraphs[0].text == "By 😀"  # type: ignore[union-attr]


# ---------------------------------------------------------------- refusing: the schema


def test_a_string_where_a_list_belongs_is_refused_with_its_path() -> None:
    data = small_data()
    data["speakers"][0]["aliases"] = "abc"
    assert problems_of(data) == (("$.speakers[0].aliases", "expected array, found a string"),)


def test_missing_keys_are_named() -> None:
    data = small_data()
    del data["speakers"][1]["role"]
    del data["metadata"]["title"]
    assert problems_of(data) == (
        ("$.metadata", "'title' is a required property"),
        ("$.speakers[1]", "'role' is a required property"),
    )


def test_unknown_keys_are_refused() -> None:
    data = small_data()
    data["blocks"][2]["mood"] = "cheerful"
    ((path, why),) = problems_of(data)
    assert path == "$.blocks[2]"
    assert "'mood'" in why


def test_an_unknown_version_names_the_supported_ones() -> None:
    data = small_data()
    data["version"] = "transcript/2"
    data["blocks"] = "not even a list"
    assert problems_of(data) == (
        ("$.version", 'unsupported version "transcript/2"; this library reads transcript/1'),
    )


def test_a_missing_version_is_refused() -> None:
    data = small_data()
    del data["version"]
    assert problems_of(data) == (("$", "'version' is a required property"),)


def test_a_top_level_array_is_refused() -> None:
    assert problems_of("[]") == (("$", "expected object, found an array"),)


def test_a_turn_naming_an_unknown_speaker_is_refused() -> None:
    data = small_data()
    data["blocks"][3]["speaker"] = "dr-thompson"
    assert problems_of(data) == (
        ("$.blocks[3].speaker", 'speaker "dr-thompson" is not the id of any speaker in $.speakers'),
    )


def test_duplicate_speaker_ids_are_refused() -> None:
    data = small_data()
    data["speakers"][1]["id"] = "editor"
    data["blocks"][3]["speaker"] = "editor"
    assert problems_of(data) == (
        ("$.speakers[1].id", 'speaker id "editor" is already used by $.speakers[0]'),
    )


@pytest.mark.parametrize(
    ("where", "value", "path"),
    [
        (("blocks", 2, "start"), True, "$.blocks[2].start"),
        (("blocks", 2, "start"), "0", "$.blocks[2].start"),
        (("blocks", 0, "level"), 7, "$.blocks[0].level"),
        (("blocks", 0, "level"), 1.5, "$.blocks[0].level"),
        (("blocks", 0, "span", "first_line"), 0, "$.blocks[0].span.first_line"),
        (("blocks", 1, "kind"), "sidebar", "$.blocks[1].kind"),
        (("blocks", 1, "type"), "chart", "$.blocks[1].type"),
        (("blocks", 3, "paragraphs", 0, 2, "kind"), "giggle", "$.blocks[3].paragraphs[0][2].kind"),
        (("blocks", 3, "paragraphs", 0, 1), "plain text", "$.blocks[3].paragraphs[0][1]"),
        (("blocks", 3, "paragraphs", 1), "plain text", "$.blocks[3].paragraphs[1]"),
        (("speakers", 0, "role"), "Interviewer", "$.speakers[0].role"),
        (("metadata", "extra", 0), ["Photo"], "$.metadata.extra[0]"),
        (("metadata", "extra", 1), ["a", "b", "c"], "$.metadata.extra[1]"),
        (("metadata", "title"), 1, "$.metadata.title"),
        (("diagnostics", 0, "severity"), "fatal", "$.diagnostics[0].severity"),
    ],
)
def test_wrong_values_are_refused_with_their_path(
    where: tuple[Any, ...], value: Any, path: str
) -> None:
    data = small_data()
    target = data
    for part in where[:-1]:
        target = target[part]
    target[where[-1]] = value
    problems = problems_of(data)
    assert [p for p, _ in problems] == [path], problems


def test_an_empty_speaker_id_is_refused_and_so_are_turns_naming_the_old_one() -> None:
    data = small_data()
    data["speakers"][0]["id"] = ""
    assert paths_of(data) == ["$.speakers[0].id", "$.blocks[2].speaker"]


def test_every_problem_is_collected_in_document_order() -> None:
    data = small_data()
    data["diagnostics"][0]["severity"] = "fatal"
    data["speakers"][0]["aliases"] = "abc"
    data["blocks"][3]["speaker"] = "nobody"
    data["blocks"][2]["paragraphs"][0][0]["text"] = 42
    data["metadata"]["authors"] = [None]
    with pytest.raises(SchemaError) as caught:
        loads(json.dumps(data))
    assert [path for path, _ in caught.value.problems] == [
        "$.metadata.authors[0]",
        "$.speakers[0].aliases",
        "$.blocks[2].paragraphs[0][0].text",
        "$.blocks[3].speaker",
        "$.diagnostics[0].severity",
    ]
    assert str(caught.value) == "$.metadata.authors[0]: expected string, found null (and 4 more)"


def test_messages_do_not_quote_whole_subtrees() -> None:
    data = small_data()
    data["blocks"] = {"oops": ["x" * 10_000]}
    ((path, why),) = problems_of(data)
    assert (path, why) == ("$.blocks", "expected array, found an object")


def test_odd_keys_are_quoted_in_paths() -> None:
    data = small_data()
    data["metadata"]["weird key"] = 1
    data["metadata"]["title"] = 2
    assert paths_of(data) == ["$.metadata", "$.metadata.title"]


# ---------------------------------------------------------------- what is accepted


def test_whole_numbers_are_read_as_the_model_types() -> None:
    data = small_data()
    data["blocks"][2]["start"] = 3
    data["blocks"][0]["level"] = 2.0
    data["blocks"][0]["span"] = {"first_line": 3.0, "last_line": 4}
    doc = loads(json.dumps(data))
    start = doc.blocks[2].start  # type: ignore[union-attr]
    assert type(start) is float and start == 3.0
    assert type(doc.blocks[0].level) is int  # type: ignore[union-attr]
    assert doc.blocks[0].span == SourceSpan(3, 4)


def test_key_order_does_not_matter() -> None:
    data = small_data()
    reordered = {key: data[key] for key in reversed(list(data))}
    reordered["blocks"] = [dict(reversed(list(block.items()))) for block in data["blocks"]]
    assert loads(json.dumps(reordered)) == SMALL


@given(st.binary(max_size=200))
@settings(max_examples=200)
def test_any_bytes_raise_only_library_errors(data: bytes) -> None:
    with contextlib.suppress(TranscriptError):
        loads(data)


@given(st.text(alphabet='[]{}",:0123456789.eE-+ntrufalsNIiy\\ud8"', max_size=60))
@settings(max_examples=300)
def test_json_like_text_raises_only_library_errors(text: str) -> None:
    with contextlib.suppress(TranscriptError):
        loads(text)


def test_schema_error_lists_every_path_in_its_problems() -> None:
    error = SchemaError([("$.a", "x"), ("$.b", "y")])
    assert error.problems == (("$.a", "x"), ("$.b", "y"))


def test_writer_and_reader_versions_agree() -> None:
    assert json_writer.VERSION == json_reader.VERSION == "transcript/1"
    assert json_writer.VERSION in json_reader.SUPPORTED_VERSIONS
