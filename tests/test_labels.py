"""Label grammar: what is a speaker label, what is not, and that no line can make it slow."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import transcript
from transcript.labels import fold, split_label

NOT_LABELS = Path(__file__).parent / "data" / "hostile" / "not-labels.txt"


@pytest.mark.parametrize(
    ("printed", "name", "affiliation"),
    [
        ("Dr. Jane Thompson", "Dr. Jane Thompson", None),
        ("Editor (Time.news)", "Editor", "Time.news"),
        ("MARISOL TATE, HOST", "MARISOL TATE", None),
        ("ANSEL WHITFORD, MAYOR OF HESKETH BAY", "ANSEL WHITFORD", "MAYOR OF HESKETH BAY"),
        ("LI-SAMARAS (on camera)", "LI-SAMARAS", None),
        ("Dev Okafor (Ridgeway Transit)", "Dev Okafor", "Ridgeway Transit"),
        ("Sam Lee (she/her)", "Sam Lee", None),
        ("한지우 교수", "한지우 교수", None),
        ("JT", "JT", None),
        ("Q", "Q", None),
        ("H. Marchetti-Roux", "H. Marchetti-Roux", None),
        ("Mr. O’Neil", "Mr. O’Neil", None),
    ],
)
def test_labels_split_into_name_and_affiliation(
    printed: str, name: str, affiliation: str | None
) -> None:
    parts = split_label(printed)
    assert parts is not None
    assert (parts.printed, parts.name, parts.affiliation) == (printed, name, affiliation)


@pytest.mark.parametrize(
    "printed",
    [
        "it was simple", "Why did it happen?", "Wait!", 'He said "Stop"', "[Chorus]",
        "Name [with brackets]", "((nested (brackets)))", "(unclosed", "closed)",
        "One two three four five six seven", "x" * 61, "", "   ", "1999", "※참고",
    ],
)
def test_non_names_are_refused(printed: str) -> None:
    assert split_label(printed) is None


def test_fold_merges_case_and_dots_but_not_look_alikes() -> None:
    assert fold("MR. SMITH") == fold("Mr. Smith") == fold("Mr Smith")
    assert fold("Е" + "ditor") != fold("Editor")  # Cyrillic Ie
    assert fold("Edi\u200btor") == fold("Editor")


def test_label_like_lines_yield_no_speaker_and_keep_their_text() -> None:
    text = NOT_LABELS.read_text(encoding="utf-8")
    started = time.perf_counter()
    doc = transcript.parse("Editor: Hello.\n" + text)
    elapsed = time.perf_counter() - started
    assert [s.name for s in doc.speakers] == ["Editor"]
    body = "\n".join(doc.iter_text())
    for line in text.splitlines()[:-3]:  # the last are the colon-only and mailto lines
        if len(line) < 1000:
            assert line.strip() in body or line.strip() in str(doc.metadata), line
    assert "x" * 100_000 in body and "A" * 100_000 in body
    # generous deadline: a backtracking label pattern takes far longer on these lines
    assert elapsed < 2.0


@pytest.mark.parametrize(
    "bait",
    [
        "A" * 50_000 + "!",
        ("Aa " * 20_000) + "?",
        "(" * 30_000 + "x",
        "[" * 30_000,
        "Name" + " (x)" * 10_000 + ": text",
        ("Dr. " * 20_000) + ":",
        "a:" * 50_000,
        "\u200b" * 50_000 + "Editor: hi",
        "rn" * 50_000 + "x",
        "<h3 " + "a" * 100_000,
        "&amp;" * 30_000 + "x",
        "By " + "Word " * 30_000,
    ],
    ids=lambda s: f"{s[:12]!r}x{len(s)}",
)
def test_pathological_lines_are_read_in_linear_time(bait: str) -> None:
    started = time.perf_counter()
    doc = transcript.parse("Host: Hi.\n" + bait + "\nGuest: Bye.\n")
    assert time.perf_counter() - started < 2.0
    assert doc.turns[0].label == "Host"


TEXT_READERS = [entry.name for entry in transcript.registry.READERS if not entry.raw]


@pytest.mark.parametrize("style", TEXT_READERS)
def test_no_reader_makes_a_speaker_of_label_like_lines(style: str) -> None:
    """FORMATS.md §0.9 holds in every reader: these lines name nobody and keep their words."""
    text = NOT_LABELS.read_text(encoding="utf-8")
    started = time.perf_counter()
    doc = transcript.parse(text, style=style)
    assert time.perf_counter() - started < 2.0
    assert doc.speakers == ()
    kept = " ".join(
        [*doc.iter_text(), str(doc.metadata), *(d.message for d in doc.diagnostics)]
    ).casefold()
    for word in text.split():  # a key such as `Title:` may become a metadata field name
        assert word.rstrip(":").casefold() in kept, (style, word[:40])


def test_full_width_brackets_and_numbered_characters_are_labels() -> None:
    reading = split_label("佐々木遥（ささき・はるか）")
    assert reading is not None
    assert (reading.name, reading.affiliation) == ("佐々木遥", None)  # a reading, not a firm
    firm = split_label("田中（朝日新聞）")
    assert firm is not None and (firm.name, firm.affiliation) == ("田中", "朝日新聞")
    waiter = split_label("Waiter #2")
    assert waiter is not None and waiter.name == "Waiter #2"
    assert split_label("#hashtag") is None
