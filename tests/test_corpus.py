"""Every corpus case reads exactly as its human gold answer says."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import transcript
from transcript import Transcript

CORPUS = Path(__file__).parent / "data" / "corpus"
GENERALITY = Path(__file__).parent / "data" / "generality"
"""Unseen cases a reviewer wrote to check the readers are general (same format as the corpus)."""
CASES = sorted(p for p in CORPUS.iterdir() if (p / "gold.json").exists()) + sorted(
    p for p in GENERALITY.iterdir() if (p / "gold.json").exists()
)
IDS = [f"generality/{c.name}" if c.parent == GENERALITY else c.name for c in CASES]


def flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def read_case(case: Path) -> tuple[Transcript, dict[str, object]]:
    source = next(case.glob("input.*"))
    gold = json.loads((case / "gold.json").read_text(encoding="utf-8"))
    return transcript.load(source), gold


@pytest.fixture(params=CASES, ids=IDS)
def case(request: pytest.FixtureRequest) -> tuple[Transcript, dict[str, object]]:
    return read_case(request.param)


def test_speakers_are_the_gold_speakers_in_order(case: tuple[Transcript, dict]) -> None:
    doc, gold = case
    assert [s.name for s in doc.speakers] == gold["speakers"]


def test_every_printed_variant_is_an_alias_of_its_speaker(case: tuple[Transcript, dict]) -> None:
    doc, gold = case
    aliases = {alias: s.name for s in doc.speakers for alias in s.aliases}
    assert aliases == gold["aliases"]


def test_each_turn_has_the_gold_speaker(case: tuple[Transcript, dict]) -> None:
    doc, gold = case
    names = {s.id: s.name for s in doc.speakers}
    assert len(doc.turns) == gold["turns"]
    assert [names[t.speaker] for t in doc.turns] == gold["turn_speakers"]


def test_first_and_last_turn_text(case: tuple[Transcript, dict]) -> None:
    doc, gold = case
    first = flat(" ".join(p.text for p in doc.turns[0].paragraphs))
    last = flat(" ".join(p.text for p in doc.turns[-1].paragraphs))
    assert first.startswith(flat(gold["first_turn_starts"]))
    assert last.endswith(flat(gold["last_turn_ends"]))


def test_title(case: tuple[Transcript, dict]) -> None:
    doc, gold = case
    if gold["title"] is None:
        pytest.skip("the text states no title")
    assert doc.metadata.title is not None
    assert flat(doc.metadata.title) == flat(gold["title"])


def test_no_speaker_is_made_from_a_non_label(case: tuple[Transcript, dict]) -> None:
    doc, _ = case
    speaking = {t.speaker for t in doc.turns}
    assert {s.id for s in doc.speakers} == speaking


REAL_CASE_STYLES = {
    "kursk-interview": "news-article-interview",
    "a5-whitehouse-gaggle-psaki-2021-02-19": "press-briefing",
    "a7-otter-nbc-democratic-debate-2016": "otter-export",
    "b5-oralhistory-ethw-asada": "oral-history",
}
"""The real cases' gold `format` describes the source; these are the styles they are in."""


@pytest.mark.parametrize("case_dir", CASES, ids=IDS)
def test_detection_names_the_style(case_dir: Path) -> None:
    source = next(case_dir.glob("input.*"))
    gold = json.loads((case_dir / "gold.json").read_text(encoding="utf-8"))
    expected = REAL_CASE_STYLES.get(case_dir.name) or gold["format"].split(":")[0]
    doc = transcript.load(source)
    assert doc.metadata.style == expected
    detected = [d.message for d in doc.diagnostics if d.code == "style-detected"]
    assert detected and detected[0].startswith(f"read as {expected}:")
