"""The `transcript` command, called in-process through `cli.main` (two tests use a subprocess)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import transcript
from transcript import api, cli, registry, report
from transcript.model import (
    Diagnostic,
    Metadata,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Severity,
    Speaker,
    Text,
    Transcript,
    Turn,
)

DIALOGUE = "Editor: Hello, how are you today?\n\nGuest: Fine, thank you.\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
ESC_NAME = "\x1b[2J\u202eEvil\x07"


@pytest.fixture
def dialogue(tmp_path: Path) -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(DIALOGUE, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def one_line(err: str) -> str:
    """The single stderr line of a failure, checked to be the only one and no traceback."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("transcript: ")
    return lines[0]


def names(data: dict[str, Any]) -> list[str]:
    return [speaker["name"] for speaker in data["speakers"]]


def crafted() -> Transcript:
    """A document built by hand, so report tests do not depend on a reader's choices."""
    return Transcript(
        metadata=Metadata(
            title="A Deep Dive",
            authors=("Ann Writer",),
            style="plain",
            encoding="utf-8",
            extra=(("Photo", "Ben Shooter"),),
        ),
        speakers=(
            Speaker("editor", "Editor", role=Role.INTERVIEWER, affiliation="Time.news"),
            Speaker("evil", ESC_NAME, aliases=("E\u2066vil",)),
        ),
        blocks=(
            Prose(ProseKind.INTRO, (Paragraph((Text("An article."),)),)),
            Turn("editor", "Editor", (Paragraph((Text("One two three."),)),)),
            Turn("evil", "Evil", (Paragraph((Text("Four five."),)),)),
            Turn("editor", "Editor", (Paragraph((Text("Six."),)),)),
        ),
        diagnostics=(
            Diagnostic("scrape-debris", Severity.WARNING, "dropped 'rnrn'", line=9),
            Diagnostic("label-rejected", Severity.INFO, "'Title' read as metadata", line=2),
            Diagnostic("odd-\u202ecode", Severity.ERROR, "bad \x1b[31mthing", line=None),
        ),
    )


@pytest.fixture
def crafted_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "load", lambda *args, **kwargs: crafted())


# --version and the subprocess checks --------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"transcript {transcript.__version__}\n", "")


def test_python_m_transcript_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "transcript", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout == "transcript 0.1.0\n"


def test_bad_input_in_a_subprocess_gives_one_line_and_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "transcript", "convert", "missing.txt", "-o", "out.json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "missing.txt" in one_line(result.stderr)
    assert result.stdout == ""
    assert not (tmp_path / "out.json").exists()


# convert ----------------------------------------------------------------------------


def test_convert_writes_json_chosen_by_suffix(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.json"
    assert run(capsys, "convert", str(dialogue), "-o", str(output)) == (0, "", "")
    data = json.loads(output.read_text(encoding="utf-8"))
    assert names(data) == ["Editor", "Guest"]
    assert [block["type"] for block in data["blocks"]] == ["turn", "turn"]


def test_convert_is_the_default_command(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.json"
    assert run(capsys, str(dialogue), "-o", str(output))[0] == 0
    assert names(json.loads(output.read_bytes())) == ["Editor", "Guest"]


def test_to_overrides_the_suffix(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.data"
    assert run(capsys, "convert", str(dialogue), "-o", str(output), "--to", "json")[0] == 0
    assert names(json.loads(output.read_bytes())) == ["Editor", "Guest"]


def test_stdin_to_stdout(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DIALOGUE.encode())))
    status, out, err = run(capsys, "convert", "-", "-o", "-")
    assert (status, err) == (0, "")
    assert names(json.loads(out)) == ["Editor", "Guest"]


def test_stdout_with_explicit_format(capsys: pytest.CaptureFixture[str], dialogue: Path) -> None:
    status, out, _ = run(capsys, "convert", str(dialogue), "-o", "-", "--to", "json")
    assert status == 0
    assert names(json.loads(out)) == ["Editor", "Guest"]


def test_json_output_reads_back_unchanged(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run(capsys, "convert", str(dialogue), "-o", str(first))[0] == 0
    assert run(capsys, "convert", str(first), "-o", str(second))[0] == 0
    assert json.loads(second.read_bytes()) == json.loads(first.read_bytes())
    status, out, _ = run(capsys, "inspect", str(first), "--json")
    assert status == 0
    assert [speaker["name"] for speaker in json.loads(out)["speakers"]] == ["Editor", "Guest"]


def test_output_is_required(capsys: pytest.CaptureFixture[str], dialogue: Path) -> None:
    status, _, err = run(capsys, "convert", str(dialogue))
    assert status == 2
    assert "-o" in err


def test_no_arguments_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys)[0] == 2


def test_unknown_to_lists_the_valid_formats(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "convert", str(dialogue), "-o", str(tmp_path / "o"), "--to", "docx"
    )
    assert status == 2
    assert "docx" in err
    for name in registry.writer_names():
        assert name in err


def test_unknown_from_lists_the_valid_styles(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    status, _, err = run(
        capsys, "convert", str(dialogue), "-o", str(tmp_path / "o.json"), "--from", "xx"
    )
    assert status == 2
    for name in registry.reader_names():
        assert name in err


def test_unknown_suffix_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.xyz"
    status, _, err = run(capsys, "convert", str(dialogue), "-o", str(output))
    assert status == 2
    line = one_line(err)
    assert ".xyz" in line
    assert ".json" in line
    assert not output.exists()


def test_missing_input_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "nope.txt"
    status, out, err = run(capsys, "convert", str(missing), "-o", str(tmp_path / "out.json"))
    assert (status, out) == (1, "")
    assert "nope.txt" in one_line(err)
    assert not (tmp_path / "out.json").exists()


def test_binary_input_is_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(PNG)
    status, _, err = run(capsys, "convert", str(image), "-o", str(tmp_path / "out.json"))
    assert status == 1
    line = one_line(err)
    assert "photo.txt" in line
    assert "internal error" not in line
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"], ids=["empty", "whitespace"])
def test_empty_input_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    status, _, err = run(capsys, "convert", str(empty), "-o", str(tmp_path / "out.json"))
    assert status == 1
    line = one_line(err)
    assert "empty.txt" in line
    assert "internal error" not in line
    assert not (tmp_path / "out.json").exists()


def test_failure_leaves_an_existing_output_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    image = tmp_path / "photo.txt"
    image.write_bytes(PNG)
    output = tmp_path / "out.json"
    output.write_text("previous contents", encoding="utf-8")
    before = sorted(path.name for path in tmp_path.iterdir())
    assert run(capsys, "convert", str(image), "-o", str(output))[0] == 1
    assert output.read_text(encoding="utf-8") == "previous contents"
    assert sorted(path.name for path in tmp_path.iterdir()) == before  # no temporary left


def test_input_over_max_bytes_is_refused(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.json"
    status, _, err = run(capsys, "convert", str(dialogue), "-o", str(output), "--max-bytes", "10")
    assert status == 1
    assert "limit" in one_line(err)
    assert not output.exists()


@pytest.mark.parametrize("value", ["0", "-5", "lots", "10X"])
def test_bad_max_bytes_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], dialogue: Path, value: str
) -> None:
    assert run(capsys, "convert", str(dialogue), "-o", "-", "--max-bytes", value)[0] == 2


def test_unknown_encoding_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], dialogue: Path
) -> None:
    status, _, err = run(capsys, "convert", str(dialogue), "-o", "-", "--encoding", "klingon-8")
    assert status == 2
    assert "klingon-8" in err


def test_error_messages_escape_control_characters(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "bad\x1b[31mname.txt"
    status, _, err = run(capsys, "convert", str(missing), "-o", str(tmp_path / "o.json"))
    assert status == 1
    assert "\x1b" not in err
    assert "\\x1b" in one_line(err)


# --speaker, --speakers, --role ---------------------------------------------------------


def test_speaker_option_renames_a_speaker(
    capsys: pytest.CaptureFixture[str], dialogue: Path
) -> None:
    status, out, _ = run(
        capsys, "convert", str(dialogue), "-o", "-", "--speaker", "Guest=Dr. Jane Thompson"
    )
    assert status == 0
    assert "Dr. Jane Thompson" in names(json.loads(out))


def test_speakers_file_of_lines(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "speakers.txt"
    mapping.write_text("# who is who\n\nGuest = Dr. Jane Thompson\r\n", encoding="utf-8")
    status, out, _ = run(capsys, "convert", str(dialogue), "-o", "-", "--speakers", str(mapping))
    assert status == 0
    assert "Dr. Jane Thompson" in names(json.loads(out))


def test_speakers_file_in_json(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "speakers.json"
    mapping.write_text('{"Guest": "Dr. Jane Thompson"}', encoding="utf-8")
    status, out, _ = run(capsys, "convert", str(dialogue), "-o", "-", "--speakers", str(mapping))
    assert status == 0
    assert "Dr. Jane Thompson" in names(json.loads(out))


def test_speaker_option_wins_over_the_file(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    mapping = tmp_path / "speakers.txt"
    mapping.write_text("Guest = Someone Else\n", encoding="utf-8")
    argv = ["convert", str(dialogue), "-o", "-", "--speakers", str(mapping)]
    status, out, _ = run(capsys, *argv, "--speaker", "Guest=Dr. Jane Thompson")
    assert status == 0
    assert "Dr. Jane Thompson" in names(json.loads(out))
    assert "Someone Else" not in names(json.loads(out))


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("speakers.txt", "# fine\nGuest = Jane\nno equals sign here\n", "speakers.txt:3"),
        ("speakers.txt", "Guest = \n", "speakers.txt:1"),
        ("speakers.txt", "Guest = A\nGuest = B\n", "speakers.txt:2"),
        ("speakers.json", '{"Guest": 3}', "speakers.json"),
        ("speakers.json", '["Guest"]', "speakers.json"),
        ("speakers.json", '{"Guest": "A",\n "Guest": "B"}', "speakers.json"),
        ("speakers.json", '{"Guest": "A",\n oops}', "speakers.json:2"),
    ],
)
def test_malformed_speakers_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
    dialogue: Path,
    tmp_path: Path,
    name: str,
    content: str,
    where: str,
) -> None:
    mapping = tmp_path / name
    mapping.write_text(content, encoding="utf-8")
    status, out, err = run(capsys, "convert", str(dialogue), "-o", "-", "--speakers", str(mapping))
    assert (status, out) == (2, "")
    assert where in one_line(err)


def test_missing_speakers_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "who.txt"
    status, _, err = run(capsys, "convert", str(dialogue), "-o", "-", "--speakers", str(missing))
    assert status == 2
    assert "who.txt" in one_line(err)


@pytest.mark.parametrize("value", ["Guest", "=Jane", "Guest="])
def test_malformed_speaker_option_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], dialogue: Path, value: str
) -> None:
    status, _, err = run(capsys, "convert", str(dialogue), "-o", "-", "--speaker", value)
    assert status == 2
    assert "LABEL=NAME" in err


def test_role_option_sets_the_role(capsys: pytest.CaptureFixture[str], dialogue: Path) -> None:
    status, out, _ = run(
        capsys, "convert", str(dialogue), "-o", "-", "--role", "Editor=Interviewer"
    )
    assert status == 0
    roles = {speaker["name"]: speaker["role"] for speaker in json.loads(out)["speakers"]}
    assert roles["Editor"] == "interviewer"


def test_unknown_role_is_a_usage_error_listing_the_roles(
    capsys: pytest.CaptureFixture[str], dialogue: Path
) -> None:
    status, _, err = run(capsys, "convert", str(dialogue), "-o", "-", "--role", "Editor=boss")
    assert status == 2
    assert "boss" in err
    for role in Role:
        assert role.value in err


# inspect -----------------------------------------------------------------------------


def test_inspect_reports_speakers_and_counts(
    capsys: pytest.CaptureFixture[str], dialogue: Path
) -> None:
    status, out, err = run(capsys, "inspect", str(dialogue))
    assert (status, err) == (0, "")
    assert "interview.txt" in out
    assert "Editor" in out
    assert "Guest" in out
    assert "Speakers: 2" in out


@pytest.mark.usefixtures("crafted_load")
def test_inspect_shows_metadata_speakers_blocks_and_diagnostics(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "inspect", "doc.txt")
    assert status == 0
    assert "A Deep Dive" in out
    assert "Ann Writer" in out
    assert "Photo" in out
    editor = next(line for line in out.splitlines() if line.strip().startswith("editor"))
    assert editor.split()[-4:] == ["interviewer", "Time.news", "2", "4"]  # turns, words
    assert "(intro 1)" in out
    assert "scrape-debris" in out
    assert "dropped 'rnrn'" in out
    lines = [
        line for line in out.splitlines() if "label-rejected" in line or "scrape-debris" in line
    ]
    assert "label-rejected" in lines[0]  # line 2 before line 9


@pytest.mark.usefixtures("crafted_load")
def test_inspect_escapes_control_and_bidi_characters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "inspect", "doc.txt")
    assert status == 0
    for raw in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert raw not in out
    assert "\\x1b[2J" in out
    assert "\\u202e" in out


@pytest.mark.usefixtures("crafted_load")
def test_inspect_json_parses_and_keeps_the_facts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "inspect", "doc.txt", "--json")
    assert status == 0
    for raw in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert raw not in out
    data = json.loads(out)
    assert data["file"] == "doc.txt"
    assert data["style"] == "plain"
    assert data["metadata"]["title"] == "A Deep Dive"
    assert data["speakers"][1]["name"] == ESC_NAME  # escaped on screen, exact once parsed
    assert data["speakers"][0]["turns"] == 2
    assert data["blocks"]["prose_by_kind"] == {"intro": 1}
    assert [item["line"] for item in data["diagnostics"]] == [None, 2, 9]


def test_inspect_json_of_a_real_input(capsys: pytest.CaptureFixture[str], dialogue: Path) -> None:
    status, out, _ = run(capsys, "inspect", str(dialogue), "--json")
    assert status == 0
    data = json.loads(out)
    assert [speaker["name"] for speaker in data["speakers"]] == ["Editor", "Guest"]
    assert data["blocks"]["turns"] == 2
    assert data["encoding"]


def test_inspect_missing_file_is_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = run(capsys, "inspect", str(tmp_path / "gone.txt"))
    assert (status, out) == (1, "")
    assert "gone.txt" in one_line(err)


# error mapping -------------------------------------------------------------------------


def test_keyboard_interrupt_exits_130(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> Transcript:
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "load", interrupted)
    assert run(capsys, "inspect", "doc.txt")[0] == 130


def test_an_unexpected_exception_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> Transcript:
        raise RuntimeError("surprise")

    monkeypatch.setattr(api, "load", broken)
    status, _, err = run(capsys, "inspect", "doc.txt")
    assert status == 1
    assert "internal error" in one_line(err)


@pytest.mark.usefixtures("crafted_load")
def test_broken_pipe_on_stdout_exits_quietly(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["inspect", "doc.txt"]) == 0
    assert capsys.readouterr().err == ""


# escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b[31m", "\\x1b[31m"),
        ("\x9b", "\\x9b"),
        ("\x7f", "\\x7f"),
        ("\x00", "\\x00"),
        ("a\tb\nc", "a\\tb\\nc"),
        ("\u202e", "\\u202e"),
        ("\u202a\u202b\u202c\u202d", "\\u202a\\u202b\\u202c\\u202d"),
        ("\u2066\u2067\u2068\u2069", "\\u2066\\u2067\\u2068\\u2069"),
        ("\u200e\u200f\u061c", "\\u200e\\u200f\\u061c"),
        ("\u200b\ufeff", "\\u200b\\ufeff"),
        ("\u2028", "\\u2028"),
        ("\U000e0041", "\\U000e0041"),
    ],
)
def test_escape_terminal_escapes_unsafe_characters(raw: str, shown: str) -> None:
    assert report.escape_terminal(raw) == shown


@pytest.mark.parametrize("text", ["Dr. Jane Thompson", "Дмитрий", "김정은", "مرحبا", "café"])
def test_escape_terminal_keeps_ordinary_text(text: str) -> None:
    assert report.escape_terminal(text) == text
