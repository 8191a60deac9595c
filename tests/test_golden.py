"""Whole-document golden files: the complete JSON for each input in tests/data/golden/.

A failure means the output changed. If the change is intended, run
`pytest tests/test_golden.py --update-goldens` and review the diff of the .json files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import transcript

GOLDEN = Path(__file__).parent / "data" / "golden"
INPUTS = sorted(GOLDEN.glob("*.txt"))


@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_output_matches_golden_json(source: Path, update_goldens: bool) -> None:
    expected_path = source.with_suffix(".json")
    actual = transcript.to_json(transcript.load(source))
    if update_goldens:
        expected_path.write_text(actual, encoding="utf-8")
        pytest.skip(f"rewrote {expected_path.name}")
    assert expected_path.exists(), (
        f"no golden for {source.name}: run pytest tests/test_golden.py --update-goldens"
    )
    assert actual == expected_path.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", INPUTS, ids=[p.stem for p in INPUTS])
def test_golden_json_reads_back_to_the_same_document(source: Path) -> None:
    doc = transcript.load(source)
    assert transcript.from_json(expected_text(source)) == doc


def expected_text(source: Path) -> str:
    return source.with_suffix(".json").read_text(encoding="utf-8")
