"""Shared pytest options."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None)
"""CI's property runs draw the same examples every time: a fixed budget that is the same
run after run, so a red build names a real regression, not a new random draw. Locally
(no CI variable) hypothesis explores fresh examples and remembers failures."""
if os.environ.get("CI"):
    settings.load_profile("ci")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite tests/data/golden/*.json from the current output (review the diff!)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))
