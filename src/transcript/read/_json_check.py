"""The transcript/1 schema's rules, checked by hand at the speed of a dict walk.

jsonschema needs ~300 µs a turn; this check of exactly the same rules (type,
key-set, enum and range checks, numbers the model can hold included) walks
the parsed data once and counts the key/value pairs it sees: when the count
equals the text's, no key was given twice either. The tests hold it to jsonschema's
answers on valid and spoiled documents, so the schema file stays the one
specification.
"""

from __future__ import annotations

from typing import Any

from ._json_format import (
    _ANNOTATION_KEYS,
    _ANNOTATION_KINDS,
    _DIAGNOSTIC_KEYS,
    _DOC_KEYS,
    _HEADING_KEYS,
    _ITEM_DEFS,
    _METADATA_KEYS,
    _OPTIONAL_TEXT_KEYS,
    _PROSE_KEYS,
    _PROSE_KINDS,
    _ROLES,
    _SEVERITIES,
    _SPAN_KEYS,
    _SPEAKER_KEYS,
    _TEXT_KEYS,
    _TIMESTAMP_KEYS,
    _TURN_KEYS,
    MAX_INT_DIGITS,
    VERSION,
)

_INT_LIMIT = 10**MAX_INT_DIGITS


def _follows_schema(doc: Any) -> bool:
    """Whether `doc` follows the transcript/1 schema (for tests; reading uses `_pair_count`)."""
    try:
        return _pair_count(doc) >= 0
    except (TypeError, KeyError, AttributeError):
        return False


def _pair_count(doc: Any) -> int:
    """The number of key/value pairs in `doc` if it follows the transcript/1 schema, else -1.

    The same rules as the schema, checked at dict speed: type, key-set, enum
    and range checks. Unusual shapes may raise TypeError or KeyError, which
    the caller counts as "does not follow".
    """
    if not _shell_follows(doc):
        return -1
    speakers, blocks, diagnostics = doc["speakers"], doc["blocks"], doc["diagnostics"]
    if not all(map(_speaker_follows, speakers)) or not all(map(_diagnostic_follows, diagnostics)):
        return -1
    pairs = len(_DOC_KEYS) + len(_METADATA_KEYS)
    pairs += len(_SPEAKER_KEYS) * len(speakers) + len(_DIAGNOSTIC_KEYS) * len(diagnostics)
    for block in blocks:
        block_pairs = _block_pairs(block)
        if block_pairs < 0:
            return -1
        pairs += block_pairs
    return pairs


def _shell_follows(doc: Any) -> bool:
    """The top level and the metadata; `speakers`, `blocks`, `diagnostics` must be arrays."""
    if type(doc) is not dict or doc.keys() != _DOC_KEYS or doc["version"] != VERSION:
        return False
    if any(type(doc[key]) is not list for key in _ITEM_DEFS):
        return False
    metadata = doc["metadata"]
    if type(metadata) is not dict or metadata.keys() != _METADATA_KEYS:
        return False
    for key in _OPTIONAL_TEXT_KEYS:
        if metadata[key] is not None and type(metadata[key]) is not str:
            return False
    if not _strings(metadata["authors"]) or type(metadata["extra"]) is not list:
        return False
    for pair in metadata["extra"]:
        if type(pair) is not list or len(pair) != 2:
            return False
        if type(pair[0]) is not str or type(pair[1]) is not str:
            return False
    return True


def _speaker_follows(speaker: Any) -> bool:
    if type(speaker) is not dict or speaker.keys() != _SPEAKER_KEYS:
        return False
    speaker_id, affiliation = speaker["id"], speaker["affiliation"]
    if type(speaker_id) is not str or not speaker_id or type(speaker["name"]) is not str:
        return False
    if type(speaker["role"]) is not str or speaker["role"] not in _ROLES:
        return False
    if affiliation is not None and type(affiliation) is not str:
        return False
    return _strings(speaker["aliases"])


def _block_pairs(block: Any) -> int:
    """The key/value pairs in a block that follows the schema (spans, inlines too), else -1."""
    if type(block) is not dict:
        return -1
    kind = block.get("type")
    if kind == "turn":
        if block.keys() != _TURN_KEYS or type(block["speaker"]) is not str:
            return -1
        start, end = block["start"], block["end"]
        if (start is not None and not _number(start)) or (end is not None and not _number(end)):
            return -1
        if type(block["label"]) is not str:
            return -1
        inner = _paragraph_pairs(block["paragraphs"])
    elif kind == "prose":
        if block.keys() != _PROSE_KEYS:
            return -1
        if type(block["kind"]) is not str or block["kind"] not in _PROSE_KINDS:
            return -1
        inner = _paragraph_pairs(block["paragraphs"])
    elif kind == "heading":
        if block.keys() != _HEADING_KEYS or type(block["text"]) is not str:
            return -1
        if not _integer(block["level"]) or not 1 <= block["level"] <= 6:
            return -1
        inner = 0
    else:
        return -1
    span = block["span"]
    if inner < 0:
        return -1
    if span is None:
        return len(block) + inner
    if type(span) is not dict or span.keys() != _SPAN_KEYS:
        return -1
    first, last = span["first_line"], span["last_line"]
    if type(first) is int and type(last) is int:  # the usual case, without two calls
        return len(block) + inner + 2 if 0 < first < _INT_LIMIT and 0 < last < _INT_LIMIT else -1
    return len(block) + inner + 2 if _line(first) and _line(last) else -1


def _diagnostic_follows(diagnostic: Any) -> bool:
    if type(diagnostic) is not dict or diagnostic.keys() != _DIAGNOSTIC_KEYS:
        return False
    if type(diagnostic["code"]) is not str or type(diagnostic["message"]) is not str:
        return False
    severity, line = diagnostic["severity"], diagnostic["line"]
    if type(severity) is not str or severity not in _SEVERITIES:
        return False
    return line is None or _line(line)


def _strings(value: Any) -> bool:
    return type(value) is list and all(type(item) is str for item in value)


def _integer(value: Any) -> bool:
    """JSON Schema's "integer": any number without a fractional part (so 3.0 counts)."""
    return type(value) is int or (type(value) is float and value.is_integer())


def _line(value: Any) -> bool:
    """A 1-based line number: an integer from 1 with at most MAX_INT_DIGITS digits."""
    if type(value) is int:
        return bool(0 < value < _INT_LIMIT)
    return type(value) is float and value >= 1 and value.is_integer()


def _number(value: Any) -> bool:
    """A JSON number (never a bool) that the model can hold: finite, at most MAX_INT_DIGITS digits.

    The quick parse lets `1e999` through as infinity and long integers as
    ints; refusing them here sends the document down the slow path, whose
    thorough parse reports them by path.
    """
    if type(value) is float:
        return value - value == 0.0  # false for inf and nan
    return type(value) is int and -_INT_LIMIT < value < _INT_LIMIT


def _paragraph_pairs(paragraphs: Any) -> int:
    """The key/value pairs in paragraphs that follow the schema, else -1."""
    if type(paragraphs) is not list:
        return -1
    pairs = 0
    for paragraph in paragraphs:
        if type(paragraph) is not list:
            return -1
        for node in paragraph:
            if type(node) is not dict:
                return -1
            kind = node.get("type")
            if kind == "text":
                if node.keys() != _TEXT_KEYS or type(node["text"]) is not str:
                    return -1
                pairs += 2
            elif kind == "annotation":
                if node.keys() != _ANNOTATION_KEYS or type(node["printed"]) is not str:
                    return -1
                if type(node["kind"]) is not str or node["kind"] not in _ANNOTATION_KINDS:
                    return -1
                seconds = node["seconds"]
                if seconds is not None and not _number(seconds):
                    return -1
                pairs += 4
            elif kind == "timestamp":
                if node.keys() != _TIMESTAMP_KEYS or type(node["printed"]) is not str:
                    return -1
                if not _number(node["seconds"]):
                    return -1
                pairs += 3
            else:
                return -1
    return pairs
