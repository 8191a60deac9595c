"""Detection asks a reader's `fit` only when the reader's signal is in the document.

A signal is a necessary condition, declared in the registry so that a document
imports and runs only the readers that could fit it. If a signal were too narrow
a style would silently stop being detected, so these tests ask every gated
reader's `fit` on every sample we have (the corpus, the generality cases, the
hostile corpus, golden inputs), on shuffled and thinned versions of them, and on
hypothesis-made mixtures of their lines: whenever the signal is absent, the fit
must be NO_FIT.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcript import parse
from transcript.read.detect import Head
from transcript.registry import READERS, ReaderEntry, detect_reader

DATA = Path(__file__).parent / "data"
HOSTILE = Path(__file__).parent / "hostile"
SUFFIXES = {".txt", ".md", ".vtt", ".srt", ".cha", ".text", ".markdown", ".fountain"}
GATED = [entry for entry in READERS if entry.signal is not None and not entry.raw]


def _samples() -> dict[str, str]:
    samples: dict[str, str] = {}
    for folder in (DATA, HOSTILE):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and path.stat().st_size < 2_000_000:
                text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
                samples[str(path.relative_to(folder.parent))] = text
    return samples


SAMPLES = _samples()


def _variants(text: str, seed: int) -> list[str]:
    """The text, its lines shuffled, every third line, and its second half (a later head)."""
    lines = text.split("\n")
    shuffled = lines[:]
    random.Random(seed).shuffle(shuffled)
    return [text, "\n".join(shuffled), "\n".join(lines[::3]), "\n".join(lines[len(lines) // 2 :])]


def _check_gate(entry: ReaderEntry, text: str, suffix: str = "") -> None:
    head = Head.of(text, suffix)
    if entry.may_fit(head.text, head.suffix):
        return
    fit = entry.load_fit()(head)
    assert not fit.fits, f"{entry.name} fits ({fit.reason}) without its signal {entry.signal!r}"


def test_there_are_samples_of_every_gated_style() -> None:
    assert len(SAMPLES) > 60
    detected = {detect_reader(text).entry.name for text in SAMPLES.values()}
    assert {entry.name for entry in GATED} <= detected


@pytest.mark.parametrize("entry", GATED, ids=lambda entry: entry.name)
def test_no_reader_fits_without_its_signal(entry: ReaderEntry) -> None:
    for seed, (name, text) in enumerate(SAMPLES.items()):
        for variant in _variants(text, seed):
            _check_gate(entry, variant)
            _check_gate(entry, variant, Path(name).suffix)


LINES = sorted({line for text in SAMPLES.values() for line in text.split("\n")[:400]})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), min_size=1, max_size=60), st.sampled_from(GATED))
def test_no_mixture_of_sample_lines_fits_a_reader_without_its_signal(
    lines: list[str], entry: ReaderEntry
) -> None:
    _check_gate(entry, "\n".join(lines))


def test_a_plain_interview_asks_only_readers_without_a_signal() -> None:
    text = "Editor: Welcome.\n\nDr. Jane Thompson: Thank you.\n\nEditor: Why now?\n"
    head = Head.of(text)
    asked = {entry.name for entry in READERS if not entry.raw and entry.may_fit(head.text, "")}
    assert not asked & {"vtt", "srt", "chat", "exports", "hansard", "markdown", "earnings"}
    assert parse(text).metadata.style == "news-article-interview"


def test_a_reader_s_own_suffix_asks_it_even_without_the_signal() -> None:
    vtt = next(entry for entry in READERS if entry.name == "vtt")
    assert not vtt.may_fit("00:00:01.000 --> 00:00:02.000\nHello", ".txt")
    assert vtt.may_fit("00:00:01.000 --> 00:00:02.000\nHello", ".vtt")
