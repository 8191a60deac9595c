"""The slow path's finders: jsonschema for the items the quick check refused, and the rest.

Also here: the cross-references the schema cannot express (speaker ids
unique, every turn's speaker declared) and the version check, which stands
alone because an unknown version makes every other problem noise.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import SchemaError
from ._json_check import _block_pairs, _diagnostic_follows, _speaker_follows
from ._json_format import _ITEM_DEFS, SCHEMA_RESOURCE, SUPPORTED_VERSIONS, VERSION
from ._json_wording import Problems, _quote, _shorten, _worded

if TYPE_CHECKING:
    import jsonschema


@functools.cache
def schema() -> dict[str, Any]:
    """The shipped transcript/1 JSON Schema, as a dict (read once)."""
    source = resources.files("transcript").joinpath(SCHEMA_RESOURCE)
    loaded: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def validator() -> jsonschema.protocols.Validator:
    """A jsonschema validator for the shipped schema, built once (imports jsonschema lazily)."""
    import jsonschema

    return jsonschema.Draft202012Validator(schema(), format_checker=None)


def _schema_problems(doc: Any) -> Problems:
    """Every jsonschema error, worded, with its path.

    jsonschema is slow (~300 µs a turn), so a big document is not validated
    whole: the top level is validated with its arrays emptied, then only the
    items the quick checks refuse are validated, each against its own
    definition. Items the quick checks pass are valid (the tests hold the
    checks to jsonschema's answers), so no error is missed.
    """
    if type(doc) is not dict:
        return _worded(validator().iter_errors(doc), ())
    arrays = [key for key in _ITEM_DEFS if type(doc.get(key)) is list]
    shell = {**doc, **{key: [] for key in arrays}}
    problems = _worded(validator().iter_errors(shell), ())
    for key in arrays:
        follows, item_validator = _ITEM_FOLLOWS[key], _item_validator(_ITEM_DEFS[key])
        for index, item in enumerate(doc[key]):
            if not _quietly(follows, item):
                problems += _worded(item_validator.iter_errors(item), (key, index))
    return problems


@functools.cache
def _item_validator(definition: str) -> jsonschema.protocols.Validator:
    """A validator for one `$defs` entry, resolving references against the whole schema."""
    return validator().evolve(schema=schema()["$defs"][definition])


_ITEM_FOLLOWS: dict[str, Callable[[Any], bool]] = {
    "speakers": _speaker_follows,
    "blocks": lambda block: _block_pairs(block) >= 0,
    "diagnostics": _diagnostic_follows,
}
"""For each top-level array, the quick check of one item; the items it refuses go to jsonschema."""


def _quietly(check: Callable[[Any], bool], value: Any) -> bool:
    """`check(value)`, an odd shape that makes the quick check raise counting as refused."""
    try:
        return check(value)
    except (TypeError, KeyError, AttributeError):
        return False


def _cross_reference_problems(doc: Any) -> Problems:
    """Speaker ids must be unique and every turn must name one (the schema cannot say so)."""
    if type(doc) is not dict:
        return []
    speakers, blocks = doc.get("speakers"), doc.get("blocks")
    problems: Problems = []
    declared: dict[str, int] = {}
    for index, speaker in enumerate(speakers if type(speakers) is list else ()):
        speaker_id = speaker.get("id") if type(speaker) is dict else None
        if type(speaker_id) is not str:
            continue
        if speaker_id in declared:
            first = f"$.speakers[{declared[speaker_id]}]"
            why = f"speaker id {_quote(speaker_id)} is already used by {first}"
            problems.append((f"$.speakers[{index}].id", why))
        else:
            declared[speaker_id] = index
    for index, block in enumerate(blocks if type(blocks) is list else ()):
        if type(block) is not dict or block.get("type") != "turn":
            continue
        speaker_id = block.get("speaker")
        if type(speaker_id) is str and speaker_id not in declared:
            why = f"speaker {_quote(speaker_id)} is not the id of any speaker in $.speakers"
            problems.append((f"$.blocks[{index}].speaker", why))
    return problems


def _check_version(value: Any) -> None:
    """An unknown version is the one problem worth reporting: the rest would be noise."""
    if not isinstance(value, dict) or value.get("version", VERSION) in SUPPORTED_VERSIONS:
        return
    version = value["version"]
    plain = _is_plain(version)
    shown = _shorten(json.dumps(version, ensure_ascii=False)) if plain else "a value"
    supported = ", ".join(SUPPORTED_VERSIONS)
    why = f"unsupported version {shown}; this library reads {supported}"
    raise SchemaError([("$.version", why)])


def _is_plain(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))
