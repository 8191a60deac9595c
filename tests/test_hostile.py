"""Hostile and broken input, end to end: `tests/hostile/README.md`'s table is the specification.

Every file in `tests/hostile/` (and the big ones a fixture generates) goes through
the API (`load`, the JSON round trip, the HTML and PDF writers) and through the
`transcript` command in a subprocess (`convert` to each format, `inspect`,
`inspect --json`). The contract checked for each: the outcome the table states,
only `TranscriptError` subclasses, one stderr line and exit 1 on failure, no
traceback, no output file left behind, no network connection, no canary folder,
HTML made only of what the writer makes, the words in the PDF's text layer,
terminal-safe `inspect`, every word kept or diagnosed, and deadlines.

The in-process API checks and the cheap CLI commands run in the quick tier; the
subprocess runs of every command and the generated big files are `slow` (CI).
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

import pytest

import transcript
from html_checks import check_structure, parse_fragment, parse_page
from test_properties import CAPTION_TAG, document_text
from transcript import HtmlOptions, PdfOptions, TranscriptError
from transcript.cli import main
from transcript.decode import decode
from transcript.errors import LimitError
from transcript.fileio import CHUNK_SIZE, MAX_INPUT_BYTES
from transcript.labels import fold
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
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)
from transcript.read.lines import METADATA_KEYS
from transcript.registry import READERS

HERE = Path(__file__).parent
HOSTILE = HERE / "hostile"
README = HOSTILE / "README.md"
GOLDEN = HERE / "data" / "golden"

CANARY = "hostile-canary-cve-2023-33733"
"""The only thing the CVE-2023-33733 payload in the corpus would do if evaluated: make this
folder in the working directory (a test's temporary folder)."""
SMALL = 1_000_000
PARSE_DEADLINE = 2.0
"""Seconds to read a file under SMALL bytes, however hostile."""
LINEAR = 2.5
"""Twice the input may take at most this many times as long."""
UNSAFE_ON_A_TERMINAL = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
UNSAFE_SCHEME = re.compile(r"\s*(?:javascript|vbscript|data|file)\s*:", re.IGNORECASE)
HTML_SHAPES = (HtmlOptions(), HtmlOptions(fragment=True))
CLI_FORMATS = ("json", "html", "pdf")


# The table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One row of the README table."""

    name: str
    generated: bool
    style: str | None = None
    speakers: int = 0
    turns: int = 0
    error: str | None = None
    fragment: str = ""
    encoding: str | None = None
    """From a note `encoding reported as X` after the outcome, when the row has one."""


_ROW = re.compile(r"^\| `(?P<name>[^`]+)` \| (?P<threat>.+) \| (?P<outcome>.+) \|$")
_READS = re.compile(
    r"^reads as `(?P<style>[\w-]+)`: (?P<speakers>\d+) speakers?, (?P<turns>\d+) turns?"
)
_ENCODING = re.compile(r"encoding reported as (?P<encoding>[\w-]+)")
_FAILS = re.compile(r"^fails with `(?P<error>\w+)`: `(?P<fragment>[^`]+)`")


def read_table() -> dict[str, Expected]:
    table: dict[str, Expected] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        row = _ROW.match(line)
        if row is None:
            continue
        name, outcome = row["name"], row["outcome"]
        generated = row["threat"].startswith("*generated*")
        reads, fails = _READS.match(outcome), _FAILS.match(outcome)
        assert name not in table, f"{name} has two rows"
        if reads:
            encoding = _ENCODING.search(outcome)
            table[name] = Expected(
                name,
                generated,
                reads["style"],
                int(reads["speakers"]),
                int(reads["turns"]),
                encoding=encoding["encoding"] if encoding else None,
            )
        elif fails:
            table[name] = Expected(
                name, generated, error=fails["error"], fragment=fails["fragment"]
            )
        else:
            raise AssertionError(f"README row for {name}: cannot read the outcome {outcome!r}")
    return table


TABLE = read_table()


def cases(*, only_committed: bool = False) -> list[Any]:
    return [
        pytest.param(name, id=name, marks=[pytest.mark.slow] if expected.generated else [])
        for name, expected in TABLE.items()
        if not (only_committed and expected.generated)
    ]


# The generated files ---------------------------------------------------------------------

_SYLLABLES = ("ka", "lo", "mi", "ra", "te", "su", "no", "vi", "de", "ba")
_SENTENCE = "lorem ipsum dolor sit amet, consectetur adipiscing elit. "


def _pseudo_name(number: int) -> str:
    """A distinct capitalised two-syllable word for each number below 100."""
    return (_SYLLABLES[number % 10] + _SYLLABLES[number // 10 % 10]).capitalize()


def big_single_line(scale: float) -> str:
    return "Host: " + _SENTENCE * int(5_000_000 * scale / len(_SENTENCE)) + "\nGuest: Ok.\n"


def many_turns(scale: float) -> str:
    return "".join(
        f"{'Guest' if i % 2 else 'Host'}: turn {i}.\n" for i in range(int(100_000 * scale))
    )


def many_speakers(scale: float) -> str:
    return "".join(
        f"{_pseudo_name(i)} {_pseudo_name(i // 100)}ski: Hello from number {i}.\n"
        for i in range(int(10_000 * scale))
    )


def long_word(scale: float) -> str:
    return "Host: a word " + "x" * int(20_000 * scale) + " ends here.\n\nGuest: Ok.\n"


GENERATORS: dict[str, Callable[[float], str]] = {
    "big-single-line.txt": big_single_line,
    "many-turns.txt": many_turns,
    "many-speakers.txt": many_speakers,
    "long-word.txt": long_word,
}


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-generated")
    for name, make in GENERATORS.items():
        (folder / name).write_text(make(1.0), encoding="utf-8")
    return folder


def locate(name: str, request: pytest.FixtureRequest) -> Path:
    if TABLE[name].generated:
        folder: Path = request.getfixturevalue("generated")
        return folder / name
    return HOSTILE / name


# Guards ------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, ...]]]:
    """Every way to open a connection records the attempt and fails."""
    attempts: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(args)
        raise OSError("a hostile-input test tried to use the network")

    for owner, attribute in (
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ):
        monkeypatch.setattr(owner, attribute, refuse)
    yield attempts
    assert attempts == [], "a network connection was attempted"


SUBPROCESS_GUARD = """\
import os, runpy, socket, sys

def refuse(*args, **kwargs):
    sys.stderr.write("NETWORK CONNECTION ATTEMPTED\\n")
    sys.stderr.flush()
    os._exit(97)

socket.socket.connect = socket.socket.connect_ex = refuse
socket.create_connection = socket.getaddrinfo = refuse
sys.argv = ["transcript", *sys.argv[1:]]
runpy.run_module("transcript", run_name="__main__", alter_sys=True)
"""
"""`python -c` this, then the command's arguments: the real `python -m transcript`, with any
network connection ending the process with status 97 and saying so on stderr."""


def no_canary(folder: Path) -> None:
    assert not any(path.name == CANARY for path in folder.rglob("*")), "the payload ran"


# Checks ------------------------------------------------------------------------------


def check_failure(error: TranscriptError, expected: Expected) -> None:
    assert type(error).__name__ == expected.error, f"{type(error).__name__}: {error}"
    assert expected.fragment in str(error)
    assert "\n" not in str(error)


def check_reading(doc: Transcript, expected: Expected) -> None:
    assert (doc.metadata.style or "json", len(doc.speakers), len(doc.turns)) == (
        expected.style,
        expected.speakers,
        expected.turns,
    )
    if expected.encoding is not None:
        assert doc.metadata.encoding == expected.encoding


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def shown_text(doc: Transcript, *, labels: bool = True) -> str:
    """The text a writer must show: title, headings, paragraphs, and each turn's label
    (the PDF) or its speaker's name (HTML, which names the speaker in every turn)."""
    names = {speaker.id: speaker.name for speaker in doc.speakers}
    parts = [doc.metadata.title or ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(block.text)
            continue
        if isinstance(block, Turn):
            parts.append(block.label if labels else names[block.speaker])
        for paragraph in block.paragraphs:
            for node in paragraph.content:
                parts.append(node.text if isinstance(node, Text) else node.printed)
    return "\n".join(parts)


def html_vocabulary(html: str, fragment: bool) -> tuple[set[str], set[tuple[str, str]]]:
    root = parse_fragment(html) if fragment else parse_page(html)
    tags: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    for element in root.iter():
        assert isinstance(element.tag, str), f"a comment or processing instruction: {element!r}"
        tags.add(element.tag)
        attributes |= {(element.tag, name) for name in element.attrib}
    return tags, attributes


BENIGN = Transcript(
    metadata=Metadata(
        title="A benign interview",
        subtitle="Every node kind",
        date="2024-01-02",
        language="en",
        source="The Paper",
        url="https://paper.example/interview",
        authors=("Jane Doe",),
        location="Paris",
        description="A document that uses every part of the model.",
        extra=(("Photo", "Ana Ruiz"),),
    ),
    speakers=(
        Speaker("host", "Jane Doe", ("Doe",), Role.INTERVIEWER, "The Paper"),
        Speaker("guest", "Ken Ito", (), Role.GUEST, None),
    ),
    blocks=(
        Prose(ProseKind.INTRO, (Paragraph((Text("An introduction."),)),)),
        *(Heading(f"Part {level}", level) for level in range(1, 7)),
        Turn(
            "host",
            "Jane Doe",
            (Paragraph((Timestamp(5.0, "[00:05]"), Text("How did it start? "))),),
            start=5.0,
            end=9.0,
        ),
        Turn(
            "guest",
            "Ken Ito",
            (Paragraph((Text("Slowly "), Annotation(AnnotationKind.LAUGHTER, "[laughs]"))),),
        ),
        Prose(ProseKind.NARRATION, (Paragraph((Text("(END)"),)),)),
        Prose(ProseKind.BYLINE, (Paragraph((Text("By Jane Doe"),)),)),
    ),
    diagnostics=(Diagnostic("note", transcript.Severity.INFO, "a benign note", 1),),
)


@pytest.fixture(scope="session")
def benign_html() -> tuple[set[str], set[tuple[str, str]]]:
    """The elements and (element, attribute) pairs the HTML writer makes for benign documents."""
    docs = [BENIGN, *(transcript.load(path) for path in sorted(GOLDEN.glob("*.txt")))]
    tags: set[str] = set()
    attributes: set[tuple[str, str]] = set()
    for doc, options in product(docs, HTML_SHAPES):
        more_tags, more_attributes = html_vocabulary(
            transcript.to_html(doc, options), options.fragment
        )
        tags |= more_tags
        attributes |= more_attributes
    return tags, attributes


def check_html(doc: Transcript, benign: tuple[set[str], set[tuple[str, str]]]) -> None:
    for options in HTML_SHAPES:
        html = transcript.to_html(doc, options)
        tags, attributes = html_vocabulary(html, options.fragment)
        assert tags <= benign[0], f"elements from the input: {tags - benign[0]}"
        assert attributes <= benign[1], f"attributes from the input: {attributes - benign[1]}"
        root = parse_fragment(html) if options.fragment else parse_page(html)
        check_structure(root)
        for element in root.iter():
            for name, value in element.attrib.items():
                assert not UNSAFE_SCHEME.match(value), f"{element.tag} {name}={value!r}"
        if not options.fragment:
            for style in root.iter("style"):
                style.text = ""
            shown = words(
                " ".join(root.itertext())
            )  # one text node's words never run into the next
            missing = words(shown_text(doc, labels=False)) - shown
            assert not missing, f"words not shown as text: {sorted(missing)[:10]}"


_POINT = re.compile(r"^U\+([0-9A-F]{4,6}) ")


def pdf_text(data: bytes, folder: Path) -> str:
    """The text inside the body frame of every page: running header and footer cropped off."""
    settings = PdfOptions()
    width, height = settings.page_size.points
    margin = int(settings.margin_mm * 72 / 25.4)
    crop = ["-x", "0", "-y", str(margin), "-W", str(int(width) + 1)]
    crop += ["-H", str(int(height) - 2 * margin + 1)]
    path = folder / "hostile-check.pdf"
    path.write_bytes(data)
    try:
        command = ["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"]
        done = subprocess.run(command, capture_output=True, check=True)
    finally:
        path.unlink()
    return done.stdout.decode("utf-8")


def check_pdf(doc: Transcript, folder: Path) -> None:
    told: list[Diagnostic] = []
    data = transcript.to_pdf(doc, report=told.append)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if shutil.which("pdftotext") is None:
        return  # the PDF is made; test_pdf.py says, skipping, that its text cannot be read back
    missing = {
        chr(int(match[1], 16)) for d in told if (match := _POINT.match(d.message)) is not None
    }
    text = pdf_text(data, folder)
    printed, flat = words(text), squeeze(text)
    for word in words(shown_text(doc)):
        if missing.intersection(word) or word in printed:
            continue
        # broken across lines (a long word, kana and Han): whole once the spaces are gone
        assert squeeze(word) in flat, f"{word[:60]!r} is not in the PDF's text"


CAPTION_STRUCTURE = re.compile(r"WEBVTT|-?\d+|[\d:.,]+ *-->.*")
"""Caption syntax the model keeps as structure (cue times as the turns' start and end)."""
CAPTION_STYLES = ("srt-sdh", "srt-chevron", "webvtt-voice", "zoom-vtt")


def check_nothing_lost(path: Path, doc: Transcript) -> None:
    """Every word of the input is in the document, or on a line a diagnostic names."""
    if path.suffix == ".json":
        return  # the library's own format: the JSON round trip is the identity
    clean = decode(path.read_bytes()).text
    kept = words(document_text(doc))
    diagnosed = {d.line for d in doc.diagnostics if d.line}
    captions = doc.metadata.style in CAPTION_STYLES
    for number, line in enumerate(clean.split("\n"), 1):
        if number in diagnosed or (captions and CAPTION_STRUCTURE.fullmatch(line.strip())):
            continue
        if captions:
            line = html.unescape(CAPTION_TAG.sub(" ", line))
        lost = {w for w in words(line) - kept if fold(w) not in METADATA_KEYS}
        assert not lost, f"line {number}: {sorted(lost)[:10]} lost without a diagnostic"


def timed_load(path: Path) -> tuple[Transcript | None, TranscriptError | None, float]:
    started = time.perf_counter()
    try:
        doc, error = transcript.load(path), None
    except TranscriptError as refused:
        doc, error = None, refused
    return doc, error, time.perf_counter() - started


# The table and the folder agree -----------------------------------------------------------


def test_every_file_has_a_row_and_every_row_a_file() -> None:
    on_disk = {path.name for path in HOSTILE.iterdir() if path.name != "README.md"}
    committed = {name for name, expected in TABLE.items() if not expected.generated}
    assert on_disk == committed
    assert {name for name, expected in TABLE.items() if expected.generated} == set(GENERATORS)


def test_the_cve_payload_could_only_make_the_canary() -> None:
    """The payload is harmless by construction: its one effect would be `os.mkdir(CANARY)`."""
    for name in ("cve-2023-33733.txt", "cve-2023-33733.json"):
        text = (HOSTILE / name).read_text(encoding="utf-8")
        calls = set(re.findall(r"\['os'\]\.(\w+)\(", text.replace("\\'", "'")))
        assert calls == {"mkdir"}
        assert f"mkdir('{CANARY}')" in text.replace("\\'", "'")
        for risky in ("system", "popen", "remove", "unlink", "rmdir", "exec(", "/tmp", "open("):
            assert risky not in text


# The API --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", cases())
def test_the_api_keeps_the_contract(
    name: str,
    request: pytest.FixtureRequest,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_network: list[tuple[Any, ...]],
    benign_html: tuple[set[str], set[tuple[str, str]]],
) -> None:
    expected = TABLE[name]
    path = locate(name, request)
    monkeypatch.chdir(tmp_path)  # where the canary would appear
    doc, error, seconds = timed_load(path)
    if path.stat().st_size < SMALL:
        assert seconds <= PARSE_DEADLINE, f"{seconds:.2f} s to read {name}"
    if expected.error is not None:
        assert error is not None, f"{name} was read, but the table says it fails"
        check_failure(error, expected)
    else:
        assert doc is not None, f"{name}: {error}"
        check_reading(doc, expected)
        assert transcript.from_json(transcript.to_json(doc)) == doc
        check_html(doc, benign_html)
        check_pdf(doc, tmp_path)
    no_canary(tmp_path)
    assert no_network == []


LOSES_TEXT: dict[str, str] = {}
"""Files on which a reader loses text silently: a bug in a module this test does not own."""


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            id=name,
            marks=[
                *([pytest.mark.slow] if expected.generated else []),
                *(
                    [pytest.mark.xfail(strict=True, reason=LOSES_TEXT[name])]
                    if name in LOSES_TEXT
                    else []
                ),
            ],
        )
        for name, expected in TABLE.items()
        if expected.error is None
    ],
)
def test_no_word_is_lost_without_a_diagnostic(name: str, request: pytest.FixtureRequest) -> None:
    path = locate(name, request)
    check_nothing_lost(path, transcript.load(path))


def test_a_broken_webvtt_signature_is_not_dropped_silently() -> None:
    doc = transcript.parse("WEBVTT0\n\n00:00:01.000 --> 00:00:02.000\nHi\n", style="vtt")
    assert "WEBVTT0" in document_text(doc) or any(d.line == 1 for d in doc.diagnostics)


def test_every_reader_forced_on_the_redos_bait_keeps_its_deadline() -> None:
    text = (HOSTILE / "redos-bait.txt").read_text(encoding="utf-8")
    for entry in READERS:
        if entry.raw:
            continue
        started = time.perf_counter()
        with contextlib.suppress(TranscriptError):
            transcript.parse(text, style=entry.name)
        seconds = time.perf_counter() - started
        assert seconds <= PARSE_DEADLINE, f"the {entry.name} reader took {seconds:.2f} s"


# The command line ---------------------------------------------------------------------------


def commands(path: Path, out: Path) -> dict[str, list[str]]:
    runs = {
        f"convert-{fmt}": ["convert", str(path), "-o", str(out / f"out.{fmt}")]
        for fmt in CLI_FORMATS
    }
    runs["inspect"] = ["inspect", str(path)]
    runs["inspect-json"] = ["inspect", str(path), "--json"]
    return runs


def check_command(
    label: str, expected: Expected, path: Path, status: int, out: str, err: str, folder: Path
) -> None:
    where = f"{expected.name} {label}"
    assert "Traceback" not in err and "Traceback" not in out, where
    assert "NETWORK CONNECTION ATTEMPTED" not in err, where
    if expected.error is not None:
        assert status == 1, f"{where}: exit {status}, {err!r}"
        lines = err.splitlines()
        assert len(lines) == 1, f"{where}: {err!r}"
        assert lines[0].startswith(f"transcript: {path}: ") or lines[0].startswith(
            f"transcript: {path} "
        ), f"{where}: the message does not start with the file: {lines[0]!r}"
        assert expected.fragment in lines[0], where
        assert list(folder.iterdir()) == [], f"{where}: output left behind"
        return
    assert status == 0, f"{where}: exit {status}, {err!r}"
    assert all(line.startswith("transcript: warning: ") for line in err.splitlines()), where
    if label.startswith("convert-"):
        fmt = label.removeprefix("convert-")
        assert [p.name for p in folder.iterdir()] == [f"out.{fmt}"], where  # no temporary left
        assert (folder / f"out.{fmt}").stat().st_size > 0
        return
    unsafe = {c for c in out if c != "\n" and unicodedata.category(c) in UNSAFE_ON_A_TERMINAL}
    assert not unsafe, f"{where}: raw {sorted(map(hex, map(ord, unsafe)))} on the terminal"
    if label == "inspect-json":
        report = json.loads(out)
        assert len(report["speakers"]) == expected.speakers, where
        assert report["blocks"]["turns"] == expected.turns, where


QUICK_COMMANDS = ("convert-json", "inspect", "inspect-json")
"""Run in-process for every committed file in the quick tier (the writers' own runs are above)."""


@pytest.mark.parametrize("name", cases(only_committed=True))
def test_the_command_keeps_the_contract_in_process(
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    no_network: list[tuple[Any, ...]],
) -> None:
    expected = TABLE[name]
    path = HOSTILE / name
    monkeypatch.chdir(tmp_path)
    for label in QUICK_COMMANDS:
        folder = tmp_path / label
        folder.mkdir()
        status = main(commands(path, folder)[label])
        out, err = capsys.readouterr()
        check_command(label, expected, path, status, out, err, folder)
    no_canary(tmp_path)


def run_commands(
    path: Path, tmp_path: Path, labels: list[str]
) -> dict[str, tuple[int, str, str, Path]]:
    """The commands on `path`, each a real `python -m transcript` process, two at a time."""
    results: dict[str, tuple[int, str, str, Path]] = {}
    for pair in (labels[i : i + 2] for i in range(0, len(labels), 2)):
        running = []
        for label in pair:
            folder = tmp_path / label
            folder.mkdir()
            process = subprocess.Popen(
                [sys.executable, "-c", SUBPROCESS_GUARD, *commands(path, folder)[label]],
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            )
            running.append((label, process, folder))
        for label, process, folder in running:
            out, err = process.communicate(timeout=300)
            results[label] = (process.returncode, out.decode(), err.decode(), folder)
    return results


GENERATED_COMMANDS = ["convert-json", "convert-html", "inspect", "inspect-json"]
"""The big generated files skip `convert-pdf` in a subprocess: the API test writes their PDF
(100,000 turns are 3,000 pages, 20 s), and the command's PDF path is the small files' one."""


@pytest.mark.slow
@pytest.mark.parametrize("name", [pytest.param(name, id=name) for name in TABLE])
def test_the_command_keeps_the_contract_in_a_subprocess(
    name: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    expected = TABLE[name]
    path = locate(name, request)
    labels = GENERATED_COMMANDS if expected.generated else list(commands(path, tmp_path))
    for label, (status, out, err, folder) in run_commands(path, tmp_path, labels).items():
        check_command(label, expected, path, status, out, err, folder)
    no_canary(tmp_path)


def test_a_subprocess_failure_is_one_line_and_the_payload_stays_inert(tmp_path: Path) -> None:
    """The quick tier's real processes: a refused file, and the CVE payload to PDF."""
    for name, label in (("image-named.txt", "convert-pdf"), ("cve-2023-33733.json", "convert-pdf")):
        path = HOSTILE / name
        folder = tmp_path / name
        folder.mkdir()
        done = subprocess.run(
            [sys.executable, "-c", SUBPROCESS_GUARD, *commands(path, folder)[label]],
            cwd=tmp_path,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=120,
        )
        check_command(label, TABLE[name], path, done.returncode, "", done.stderr.decode(), folder)
    no_canary(tmp_path)


# Terminal safety ------------------------------------------------------------------------------

TERMINAL_TRAPS = {
    "\x1b[2J": "\\x1b[2J",  # clear screen
    "\x1b]0;owned\x07": "\\x1b]0;owned\\x07",  # set the window title
    "\u202e": "\\u202e",  # RIGHT-TO-LEFT OVERRIDE
    "\u2066": "\\u2066",  # LEFT-TO-RIGHT ISOLATE
    "\x00": "\\x00",  # NUL (JSON input can hold it)
    "\x9b": "\\x9b",  # C1 CSI
    "\u2028": "\\u2028",  # LINE SEPARATOR
    "\u200b": "\\u200b",  # ZERO WIDTH SPACE
}


def trap_document() -> Transcript:
    traps = "".join(TERMINAL_TRAPS)
    return Transcript(
        metadata=Metadata(
            title=f"Title {traps}", source=f"Source {traps}", extra=(("Key" + traps, traps),)
        ),
        speakers=(Speaker("a", f"Name {traps}", (f"Alias {traps}",), Role.HOST, f"Org {traps}"),),
        blocks=(Turn("a", "A", (Paragraph((Text("Hello."),)),)),),
        diagnostics=(Diagnostic("code", transcript.Severity.WARNING, f"message {traps}", 1),),
    )


def test_inspect_escapes_controls_and_bidi_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / f"name{''.join(TERMINAL_TRAPS)[:4]}.json".replace("\x00", "")
    path.write_text(transcript.to_json(trap_document()), encoding="utf-8")
    for extra in ([], ["--json"]):
        done = subprocess.run(
            [sys.executable, "-m", "transcript", "inspect", str(path), *extra],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        out = done.stdout.decode("utf-8")
        for raw in TERMINAL_TRAPS:
            assert raw not in out
        if extra:
            report = json.loads(out)  # escaped for the terminal, exact once parsed
            assert report["speakers"][0]["name"] == f"Name {''.join(TERMINAL_TRAPS)}"
        else:
            for shown in TERMINAL_TRAPS.values():
                assert shown in out, shown
        unsafe = {c for c in out if c != "\n" and unicodedata.category(c) in UNSAFE_ON_A_TERMINAL}
        assert not unsafe


# Limits -----------------------------------------------------------------------------------


def test_a_huge_file_is_refused_from_its_size_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_INPUT_BYTES * 16)  # 1 GiB, sparse: reading it would take seconds
    started = time.perf_counter()
    with pytest.raises(LimitError, match="larger than the input limit of 67,108,864 bytes"):
        transcript.load(path)
    assert time.perf_counter() - started < 1.0


class EndlessStream:
    """A stream that never ends, counting what was asked of it."""

    def __init__(self) -> None:
        self.given = 0

    def read(self, size: int = -1) -> bytes:
        assert size > 0, "asked to read everything"
        self.given += size
        return b"a" * size


def test_an_endless_stream_is_refused_after_the_limit() -> None:
    stream = EndlessStream()
    with pytest.raises(LimitError, match="max-bytes"):
        transcript.load(stream, max_bytes=3 * CHUNK_SIZE)
    assert stream.given <= 3 * CHUNK_SIZE + 1


def test_the_limit_can_be_raised_and_lowered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = HOSTILE / "redos-bait.txt"  # 600 KB
    assert main(["inspect", str(path), "--max-bytes", "100K"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "larger than the input limit of 102,400 bytes" in err
    assert main(["inspect", str(path), "--max-bytes", "1M"]) == 0
    with pytest.raises(LimitError):
        transcript.load(path, max_bytes=100_000)
    assert transcript.load(path, max_bytes=1_000_000).turns


# Growth ---------------------------------------------------------------------------------


def best_of(runs: int, function: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return min(times)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(GENERATORS))
def test_reading_grows_linearly(name: str) -> None:
    half, full = (GENERATORS[name](scale) for scale in (0.5, 1.0))
    small = best_of(2, lambda: transcript.parse(half))
    large = best_of(2, lambda: transcript.parse(full))
    assert large <= LINEAR * small + 0.05, f"{small:.3f} s, then {large:.3f} s for twice the input"


@pytest.mark.slow
@pytest.mark.parametrize("text", ["spaced", "unbroken"])
def test_a_giant_paragraph_becomes_pdf_in_linear_time(text: str) -> None:
    def doc(size: int) -> Transcript:
        body = (_SENTENCE * (size // len(_SENTENCE))) if text == "spaced" else "x" * size
        return Transcript(
            speakers=(Speaker("a", "A"),), blocks=(Turn("a", "A", (Paragraph((Text(body),)),)),)
        )

    small_doc, large_doc = doc(500_000), doc(1_000_000)
    small = best_of(1, lambda: transcript.to_pdf(small_doc))
    large = best_of(1, lambda: transcript.to_pdf(large_doc))
    assert large <= LINEAR * small + 0.1, f"{small:.2f} s, then {large:.2f} s for twice the text"
