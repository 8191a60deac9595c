"""Readers: one module per input style, each turning `DecodedText` into a `Transcript`.

Every reader has the same signature, `read(source: DecodedText, options: ReadOptions)
-> Transcript`, never raises on odd text (it reports diagnostics instead) and fills
speakers through the shared resolution in `transcript.speakers`.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ..model import Role


def _pairs(
    value: Mapping[str, str] | tuple[tuple[str, str], ...] | None,
) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), str(val)) for key, val in items)


def _role_pairs(
    value: Mapping[str, Role | str] | tuple[tuple[str, Role | str], ...] | None,
) -> tuple[tuple[str, Role], ...]:
    if value is None:
        return ()
    items = value.items() if isinstance(value, Mapping) else value
    return tuple((str(key), Role(val)) for key, val in items)


@attrs.frozen
class ReadOptions:
    """What a caller may tell a reader instead of letting it guess."""

    speakers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    """Label → speaker name overrides, e.g. `{"JT": "Dr. Jane Thompson"}`; a mapping is accepted."""
    roles: tuple[tuple[str, Role], ...] = attrs.field(default=(), converter=_role_pairs)
    """Label or name → role overrides, e.g. `{"Editor": "interviewer"}`; a mapping is accepted."""
