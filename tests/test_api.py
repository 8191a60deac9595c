"""The public functions at their boundary: inputs, options, limits and atomic output."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import transcript
from transcript import api, cli, fileio, registry
from transcript.errors import (
    DecodeError,
    LimitError,
    TranscriptError,
    UnknownFormatError,
    WriteError,
)
from transcript.model import Role, Transcript
from transcript.read import ReadOptions

DIALOGUE = "Editor: Hello, how are you today?\n\nGuest: Fine, thank you.\n"
CP1252 = "Editor: Caf\u00e9 \u2019s fine.\n\nGuest: Yes.\n".encode("cp1252")

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and umask")


@pytest.fixture
def dialogue(tmp_path: Path) -> Path:
    path = tmp_path / "interview.txt"
    path.write_text(DIALOGUE, encoding="utf-8")
    return path


def speaker_names(doc: Transcript) -> list[str]:
    return [speaker.name for speaker in doc.speakers]


def role_of(doc: Transcript, name: str) -> Role | None:
    return next(speaker.role for speaker in doc.speakers if speaker.name == name)


class RecordingReader(io.RawIOBase):
    """A binary stream of `size` bytes that records every size `read` is asked for."""

    def __init__(self, size: int) -> None:
        self.remaining = size
        self.asked: list[int] = []
        self.name = "recorded.txt"

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        wanted = self.remaining if size is None or size < 0 else size
        self.asked.append(wanted)
        count = min(wanted, self.remaining)
        self.remaining -= count
        return b"a" * count


# Reading: paths, binary and text file objects ------------------------------------------


def test_load_from_a_path(dialogue: Path) -> None:
    doc = transcript.load(dialogue)
    assert speaker_names(doc) == ["Editor", "Guest"]
    assert transcript.load(str(dialogue)) == doc


def test_load_from_a_binary_file_object(dialogue: Path) -> None:
    with dialogue.open("rb") as handle:
        doc = transcript.load(handle)
    assert speaker_names(doc) == ["Editor", "Guest"]
    assert doc.metadata.encoding == "utf-8"


def test_load_from_a_text_file_object(dialogue: Path) -> None:
    with dialogue.open(encoding="utf-8") as handle:
        doc = transcript.load(handle)
    assert speaker_names(doc) == ["Editor", "Guest"]
    assert transcript.load(io.StringIO(DIALOGUE)) == transcript.parse(DIALOGUE)


def test_load_detects_cp1252_from_a_binary_file_object(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(CP1252)
    with path.open("rb") as handle:
        doc = transcript.load(handle)
    assert doc.turns[0].paragraphs[0].text == "Caf\u00e9 \u2019s fine."
    assert doc.metadata.encoding != "utf-8"


def test_a_text_file_object_that_cannot_decode_is_a_decode_error(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes(CP1252)
    with path.open(encoding="utf-8") as handle, pytest.raises(DecodeError) as caught:
        transcript.load(handle)
    message = str(caught.value)
    assert "utf-8" in message
    assert "'rb'" in message  # tells the caller how to let the library detect the encoding
    assert isinstance(caught.value.__cause__, UnicodeDecodeError)


def test_a_nul_in_the_input_name_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match=r"a\\0b\.txt: .*NUL"):
        transcript.load("a\0b.txt")


def test_something_that_is_neither_a_path_nor_a_file_is_a_decode_error() -> None:
    with pytest.raises(DecodeError, match="path or an open file"):
        transcript.load(b"interview.txt")  # type: ignore[arg-type]


def test_a_closed_file_is_a_decode_error(dialogue: Path) -> None:
    handle = dialogue.open("rb")
    handle.close()
    with pytest.raises(DecodeError, match="cannot read"):
        transcript.load(handle)


def test_a_missing_file_is_a_decode_error(tmp_path: Path) -> None:
    with pytest.raises(DecodeError, match="no such file"):
        transcript.load(tmp_path / "absent.txt")


# max_bytes ------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [-5, 0, 1e3, "1000", True, None])
def test_a_bad_max_bytes_is_a_limit_error(dialogue: Path, limit: Any) -> None:
    with pytest.raises(LimitError, match="max_bytes must be a positive whole number"):
        transcript.load(dialogue, max_bytes=limit)


def test_a_bad_max_bytes_is_refused_before_reading() -> None:
    stream = RecordingReader(10)
    with pytest.raises(LimitError):
        transcript.load(stream, max_bytes=-1)
    assert stream.asked == []


def test_an_oversized_file_is_refused_from_its_size_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(10_000_000)  # 10 MB, sparse
    reads: list[int] = []
    real_open = Path.open

    def recording_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, *args, **kwargs)
        real_read = handle.read

        def read(size: int = -1) -> Any:
            reads.append(size)
            return real_read(size)

        handle.read = read
        return handle

    monkeypatch.setattr(Path, "open", recording_open)
    with pytest.raises(LimitError) as caught:
        transcript.load(big, max_bytes=1000)
    assert "limit of 1,000 bytes" in str(caught.value)
    assert "max_bytes" in str(caught.value)
    assert reads == []


def test_an_oversized_stream_is_read_only_up_to_the_limit() -> None:
    stream = RecordingReader(10_000_000)
    with pytest.raises(LimitError, match="limit of 1,000 bytes"):
        transcript.load(stream, max_bytes=1000)
    assert stream.asked  # it was read ...
    assert max(stream.asked) <= 1001  # ... never asked for more than the limit + 1
    assert sum(stream.asked) <= 1001
    assert stream.remaining >= 10_000_000 - 1001


def test_a_huge_limit_reserves_nothing(dialogue: Path) -> None:
    """`--max-bytes 100000G` used to pre-allocate the limit and die with MemoryError."""
    huge = 100_000 * 1024**3
    assert speaker_names(transcript.load(dialogue, max_bytes=huge)) == ["Editor", "Guest"]
    stream = RecordingReader(3000)
    transcript.load(stream, max_bytes=huge)
    assert stream.remaining == 0
    assert max(stream.asked) <= fileio.CHUNK_SIZE


def test_a_stream_is_read_in_chunks_up_to_its_end() -> None:
    data = (DIALOGUE * 40_000).encode("utf-8")  # several chunks
    assert len(data) > 2 * fileio.CHUNK_SIZE
    content, suffix = fileio.read_input_bytes(io.BytesIO(data), len(data))
    assert content == data
    assert suffix == ""
    with pytest.raises(LimitError):
        fileio.read_input_bytes(io.BytesIO(data), len(data) - 1)


def test_a_file_exactly_at_the_limit_is_read(dialogue: Path) -> None:
    size = dialogue.stat().st_size
    assert transcript.load(dialogue, max_bytes=size).speakers
    with pytest.raises(LimitError):
        transcript.load(dialogue, max_bytes=size - 1)


def test_the_cli_takes_a_huge_max_bytes(
    capsys: pytest.CaptureFixture[str], dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.json"
    assert cli.main([str(dialogue), "-o", str(output), "--max-bytes", "100000G"]) == 0
    assert "internal error" not in capsys.readouterr().err
    assert json.loads(output.read_text(encoding="utf-8"))["speakers"]


# Role and speaker options -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["interviewer", "Interviewer", " INTERVIEWER ", Role.INTERVIEWER])
def test_roles_are_read_case_insensitively(name: Any) -> None:
    doc = transcript.parse(DIALOGUE, roles={"Guest": name})
    assert role_of(doc, "Guest") is Role.INTERVIEWER


def test_an_unknown_role_is_an_error_listing_the_roles() -> None:
    with pytest.raises(UnknownFormatError) as caught:
        transcript.parse("Q: Hi?\nA: Yes.\n", roles={"Q": "asker"})
    assert isinstance(caught.value, TranscriptError)
    assert isinstance(caught.value, ValueError)  # as before, for callers catching ValueError
    assert "'asker'" in str(caught.value)
    assert "interviewer" in str(caught.value)
    assert "narrator" in str(caught.value)


def test_an_unknown_role_in_load_and_read_options(dialogue: Path) -> None:
    with pytest.raises(UnknownFormatError, match="unknown role"):
        transcript.load(dialogue, roles={"Editor": "boss"})
    with pytest.raises(UnknownFormatError, match="unknown role"):
        ReadOptions(roles={"Editor": "boss"})


@pytest.mark.parametrize(
    ("roles", "expected"),
    [
        ({1: "host"}, "label must be a string"),
        ({"Q": 5}, "role for 'Q' must be a string"),
        ({"Q": None}, "choose one of: interviewer"),
        ("Q=host", "must be a mapping"),
        (42, "must be a mapping"),
        ([("Q",)], "must be a mapping"),
    ],
)
def test_malformed_roles_are_errors(roles: Any, expected: str) -> None:
    with pytest.raises(UnknownFormatError, match=expected):
        transcript.parse("Q: Hi?\nA: Yes.\n", roles=roles)


@pytest.mark.parametrize(
    ("speakers", "expected"),
    [({"Q": None}, "name for label 'Q' must be a string"), ({3: "Ann"}, "label must be a string")],
)
def test_malformed_speakers_are_errors(speakers: Any, expected: str) -> None:
    with pytest.raises(UnknownFormatError, match=expected):
        transcript.parse("Q: Hi?\nA: Yes.\n", speakers=speakers)


def test_roles_as_pairs_still_work() -> None:
    doc = transcript.parse(DIALOGUE, roles=(("Guest", "HOST"),))  # type: ignore[arg-type]
    assert role_of(doc, "Guest") is Role.HOST


def test_parse_refuses_a_non_text_document() -> None:
    with pytest.raises(DecodeError, match="as a str"):
        transcript.parse(42)  # type: ignore[arg-type]


# Writing: convert, render --------------------------------------------------------------------


def test_convert_writes_the_file(dialogue: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    doc = transcript.convert(dialogue, output)
    assert transcript.from_json(output.read_bytes()) == doc


def test_a_nul_in_the_output_name_is_a_write_error_before_reading() -> None:
    stream = RecordingReader(100)
    with pytest.raises(WriteError, match=r"o\\0\.json: .*NUL"):
        transcript.convert(stream, "/tmp/o\0.json")
    assert stream.asked == []


def test_atomic_write_refuses_a_nul_in_the_name(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="NUL"):
        fileio.atomic_write_bytes(tmp_path / "o\0.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_a_destination_that_is_not_a_path_is_a_write_error() -> None:
    with pytest.raises(WriteError, match="must be a file path"):
        transcript.convert(io.BytesIO(DIALOGUE.encode()), 5)  # type: ignore[arg-type]


def test_an_unknown_output_suffix_fails_before_reading(tmp_path: Path) -> None:
    stream = RecordingReader(100)
    with pytest.raises(UnknownFormatError, match="output suffix"):
        transcript.convert(stream, tmp_path / "out.xyz")
    with pytest.raises(UnknownFormatError, match="output format"):
        transcript.convert(stream, tmp_path / "out.json", to="xyz")
    assert stream.asked == []
    assert list(tmp_path.iterdir()) == []


def test_render_with_options_the_writer_does_not_take_is_a_write_error() -> None:
    doc = transcript.parse(DIALOGUE)
    with pytest.raises(WriteError, match="takes no options, got dict"):
        transcript.render(doc, "json", options={"indent": 4})
    with pytest.raises(UnknownFormatError, match="output format"):
        transcript.render(doc, "xyz")


def test_convert_with_options_the_writer_does_not_take_writes_nothing(
    dialogue: Path, tmp_path: Path
) -> None:
    with pytest.raises(WriteError, match="takes no options"):
        transcript.convert(dialogue, tmp_path / "out.json", options=[1])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["interview.txt"]


@posix_only
def test_a_new_output_respects_the_umask(dialogue: Path, tmp_path: Path) -> None:
    output = tmp_path / "private.json"
    previous = os.umask(0o077)
    try:
        transcript.convert(dialogue, output)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


@posix_only
def test_a_new_output_under_the_usual_umask_is_readable_by_others(
    dialogue: Path, tmp_path: Path
) -> None:
    output = tmp_path / "shared.json"
    previous = os.umask(0o022)
    try:
        transcript.convert(dialogue, output)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(output.stat().st_mode) == 0o644


@posix_only
def test_an_existing_output_keeps_its_mode(dialogue: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.json"
    output.write_text("old", encoding="utf-8")
    output.chmod(0o640)
    previous = os.umask(0o077)
    try:
        transcript.convert(dialogue, output)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(output.stat().st_mode) == 0o640
    assert output.read_text(encoding="utf-8") != "old"


def test_the_data_is_synced_before_the_rename(
    dialogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, Path.replace

    def fsync(descriptor: int) -> None:
        events.append("fsync")
        real_fsync(descriptor)

    def replace(self: Path, target: Any) -> Path:
        events.append("replace")
        return real_replace(self, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(Path, "replace", replace)
    transcript.convert(dialogue, tmp_path / "out.json")
    assert events[:2] == ["fsync", "replace"]


def test_a_failing_writer_leaves_no_file(
    dialogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(doc: Transcript, options: Any) -> bytes:
        raise RuntimeError("boom")

    monkeypatch.setattr(registry.WriterEntry, "load", lambda self: broken)
    with pytest.raises(TranscriptError, match="boom"):
        transcript.convert(dialogue, tmp_path / "out.json")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["interview.txt"]


@pytest.mark.parametrize("where", ["fsync", "replace"])
def test_a_failure_while_saving_leaves_no_temporary_and_the_old_file(
    dialogue: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    output = tmp_path / "out.json"
    output.write_text("previous contents", encoding="utf-8")

    def fail(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    if where == "fsync":
        monkeypatch.setattr(os, "fsync", fail)
    else:
        monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(WriteError, match=r"out\.json: cannot write: No space left on device"):
        transcript.convert(dialogue, output)
    assert output.read_text(encoding="utf-8") == "previous contents"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["interview.txt", "out.json"]


def test_an_interrupt_while_saving_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupt(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        fileio.atomic_write_bytes(tmp_path / "out.json", b"{}")
    assert list(tmp_path.iterdir()) == []


def test_a_taken_temporary_name_is_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tokens = iter(["taken", "taken", "free"])
    monkeypatch.setattr(fileio, "_random_token", lambda: next(tokens))
    (tmp_path / ".out.json.taken.tmp").write_text("someone else's", encoding="utf-8")
    fileio.atomic_write_bytes(tmp_path / "out.json", b"{}")
    assert (tmp_path / "out.json").read_bytes() == b"{}"
    assert (tmp_path / ".out.json.taken.tmp").read_text(encoding="utf-8") == "someone else's"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".out.json.taken.tmp", "out.json"]


def test_an_unwritable_folder_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="cannot write"):
        fileio.atomic_write_bytes(tmp_path / "missing" / "out.json", b"{}")


def test_writing_over_a_folder_is_a_write_error_and_leaves_no_temporary(tmp_path: Path) -> None:
    (tmp_path / "out.json").mkdir()
    with pytest.raises(WriteError, match="cannot write"):
        fileio.atomic_write_bytes(tmp_path / "out.json", b"{}")
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_api_module_exports_are_the_package_functions() -> None:
    assert transcript.load is api.load
    assert transcript.convert is api.convert


# The CLI's --speakers JSON file ------------------------------------------------------------


def test_a_large_speakers_json_file_is_checked_in_linear_time(tmp_path: Path) -> None:
    """The duplicate-label check counted each key in the whole list: minutes for 1 MiB."""
    labels = {f"L{number}": f"Name {number}" for number in range(40_000)}
    path = tmp_path / "speakers.json"
    path.write_text(json.dumps(labels), encoding="utf-8")
    assert path.stat().st_size < cli.SPEAKERS_FILE_LIMIT
    started = time.perf_counter()
    assert cli.read_speakers_file(str(path)) == labels
    assert time.perf_counter() - started < 5  # linear: ~0.05 s; the quadratic check took minutes


def test_a_label_twice_in_a_speakers_json_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "speakers.json"
    path.write_text('{"JT": "Jane", "AB": "Ann", "JT": "Joe"}', encoding="utf-8")
    with pytest.raises(cli.UsageError, match="label 'JT' given twice"):
        cli.read_speakers_file(str(path))
