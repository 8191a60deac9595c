"""How every problem is written down: a `($.path, why)` pair, worded for a person.

Paths read like `$.blocks[3].paragraphs[0][1].seconds` and sort in the order
the writer writes keys, so a long `SchemaError` lists problems the way the
document reads. jsonschema's own messages quote whole subtrees; `_describe`
rewords the common ones, and every shown value is shortened.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._json_format import _OPTIONAL_TEXT_KEYS

if TYPE_CHECKING:
    import jsonschema

Problems = list[tuple[str, str]]
"""Problems found, each as `($.path, why)`; `SchemaError` carries them."""


def _worded(
    errors: Iterator[jsonschema.ValidationError], prefix: tuple[str | int, ...]
) -> Problems:
    return [(_path((*prefix, *error.absolute_path)), _describe(error)) for error in errors]


_JSON_TYPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "a boolean"),
    (str, "a string"),
    ((int, float), "a number"),
    (list, "an array"),
    (dict, "an object"),
)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    for cls, name in _JSON_TYPES:
        if isinstance(value, cls):
            return name
    return type(value).__name__


def _describe(error: jsonschema.ValidationError) -> str:
    """jsonschema's message, reworded where it would quote a whole subtree."""
    keyword, found = error.validator, error.instance
    expected: Any = error.validator_value
    if keyword == "type":
        wanted = " or ".join([expected] if isinstance(expected, str) else expected)
        return f"expected {wanted}, found {_json_type(found)}"
    if keyword == "enum":
        choices = ", ".join(json.dumps(choice) for choice in expected)
        return f"expected one of {choices}; found {_show(found)}"
    if keyword == "const":
        return f"expected {json.dumps(expected)}; found {_show(found)}"
    return _shorten(error.message)


def _show(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return _json_type(value)
    return _shorten(json.dumps(value, ensure_ascii=False))


def _shorten(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quote(text: str) -> str:
    return _shorten(json.dumps(text, ensure_ascii=False))


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _path(parts: Any) -> str:
    """`$.speakers[0].aliases` for ("speakers", 0, "aliases")."""
    out = ["$"]
    for part in parts:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENTIFIER.match(part):
            out.append(f".{part}")
        else:
            out.append(f"[{json.dumps(part, ensure_ascii=False)}]")
    return "".join(out)


_PATH_PART = re.compile(r"\[(\d+)\]|\.([A-Za-z_][A-Za-z0-9_]*)|\[(\"(?:[^\"\\]|\\.)*\")\]")
_KEY_RANK = {
    key: rank
    for rank, key in enumerate(
        dict.fromkeys(
            (
                "version",
                "metadata",
                *_OPTIONAL_TEXT_KEYS,
                "authors",
                "extra",
                "speakers",
                "id",
                "name",
                "aliases",
                "role",
                "affiliation",
                "blocks",
                "type",
                "speaker",
                "kind",
                "label",
                "text",
                "level",
                "paragraphs",
                "printed",
                "seconds",
                "start",
                "end",
                "span",
                "first_line",
                "last_line",
                "diagnostics",
                "code",
                "severity",
                "line",
                "message",
            )
        )
    )
}


def _path_key(path: str) -> tuple[tuple[int, int, str], ...]:
    """A sort key putting paths in the order the writer writes them ([2] before [10])."""
    key: list[tuple[int, int, str]] = []
    for match in _PATH_PART.finditer(path):
        index, name, quoted = match.groups()
        if index is not None:
            key.append((0, int(index), ""))
        else:
            name = name or quoted
            key.append((1, _KEY_RANK.get(name, len(_KEY_RANK)), name))
    return tuple(key)
