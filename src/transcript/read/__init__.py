"""Readers: one module per input style, each turning `DecodedText` into a `Transcript`.

Every reader has the same signature, `read(source: DecodedText, options: ReadOptions)
-> Transcript`, never raises on odd text (it reports diagnostics instead) and fills
speakers through the shared resolution in `transcript.speakers`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..errors import UnknownFormatError
from ..model import Role

_ROLE_NAMES = tuple(role.value for role in Role)


def _option_error(kind: str, name: str, valid: Iterable[str], message: str) -> UnknownFormatError:
    """An `UnknownFormatError` (so also a `ValueError`) with a message fitted to the option."""
    error = UnknownFormatError(kind, name, tuple(valid))
    error.args = (message,)
    return error


def _items(value: Any, option: str, example: str) -> tuple[tuple[Any, Any], ...]:
    """The (key, value) pairs of a mapping or of an iterable of pairs; an error otherwise."""
    try:
        items = value.items() if isinstance(value, Mapping) else value
        pairs = tuple(items)
        if all(isinstance(pair, (tuple, list)) and len(pair) == 2 for pair in pairs):
            return tuple((pair[0], pair[1]) for pair in pairs)
    except Exception:  # not iterable, or a mapping that fails while read: reported below
        pass
    raise _option_error(
        option,
        type(value).__name__,
        (),
        f"{option} must be a mapping such as {example}, got {type(value).__name__}",
    )


def _label(key: Any, option: str) -> str:
    if not isinstance(key, str):
        raise _option_error(
            option,
            repr(key),
            (),
            f"{option}: every label must be a string, got {key!r} ({type(key).__name__})",
        )
    return key


def _pairs(
    value: Mapping[str, str] | tuple[tuple[str, str], ...] | None,
) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    pairs = []
    for key, name in _items(value, "speakers", '{"JT": "Dr. Jane Thompson"}'):
        label = _label(key, "speakers")
        if not isinstance(name, str):
            raise _option_error(
                "speakers",
                repr(name),
                (),
                f"speakers: the name for label {label!r} must be a string, "
                f"got {name!r} ({type(name).__name__})",
            )
        pairs.append((label, name))
    return tuple(pairs)


def _role(label: str, value: Any) -> Role:
    """`value` as a Role: a Role, or its name in any case with spaces around it."""
    if isinstance(value, Role):
        return value
    if not isinstance(value, str):
        raise _option_error(
            "role",
            repr(value),
            _ROLE_NAMES,
            f"roles: the role for {label!r} must be a string, got {value!r} "
            f"({type(value).__name__}); choose one of: {', '.join(_ROLE_NAMES)}",
        )
    name = value.strip().casefold()
    if name not in _ROLE_NAMES:
        raise UnknownFormatError("role", value, _ROLE_NAMES)
    return Role(name)


def _role_pairs(
    value: Mapping[str, Role | str] | tuple[tuple[str, Role | str], ...] | None,
) -> tuple[tuple[str, Role], ...]:
    if value is None:
        return ()
    pairs = _items(value, "roles", '{"Editor": "interviewer"}')
    return tuple((_label(key, "roles"), _role(key, role)) for key, role in pairs)


@attrs.frozen
class ReadOptions:
    """What a caller may tell a reader instead of letting it guess."""

    speakers: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)
    """Label → speaker name overrides, e.g. `{"JT": "Dr. Jane Thompson"}`; a mapping is accepted."""
    roles: tuple[tuple[str, Role], ...] = attrs.field(default=(), converter=_role_pairs)
    """Label or name → role overrides, e.g. `{"Editor": "interviewer"}`; a mapping is accepted.

    Role names are read case-insensitively (`"Interviewer"` is `Role.INTERVIEWER`); an
    unknown role, or a label or role that is not a string, raises `UnknownFormatError`
    (a `TranscriptError` and a `ValueError`) naming the valid roles."""
