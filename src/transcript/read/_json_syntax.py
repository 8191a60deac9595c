"""From input to Python data: decode, measure the nesting, parse, refuse what cannot be held.

Each step raises only the library's errors. Decoding takes `str` or UTF-8
bytes (a BOM is allowed). A linear scan refuses nesting past `MAX_DEPTH`
before `json` could recurse, and counts the key/value pairs the text spells
out. The parse then marks the values `json` accepts but the model cannot
hold (`NaN`, `Infinity`, `1e999`, integers past `MAX_INT_DIGITS` digits,
keys given twice, lone surrogates) and reports them all by path.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from typing import Any

from ..errors import DecodeError, LimitError, ParseError, SchemaError, TranscriptError
from ._json_format import MAX_DEPTH, MAX_INT_DIGITS
from ._json_wording import Problems, _path, _shorten

# ---------------------------------------------------------------- decoding


def _decode(data: str | bytes) -> tuple[str, bytes, bool]:
    """The text, its UTF-8 bytes when at hand, and whether it holds raw lone surrogates.

    Bytes are decoded strictly, so they never hold surrogates; a `str` may.
    """
    raw: bytes | None = None
    if isinstance(data, str):
        text = data[1:] if data.startswith("\ufeff") else data
    elif isinstance(data, (bytes, bytearray, memoryview)):
        raw = bytes(data)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise DecodeError(
                f"JSON input is not UTF-8: byte 0x{error.object[error.start]:02x} at offset "
                f"{error.start} cannot be decoded"
            ) from None
    else:
        raise TranscriptError(f"JSON input must be str or bytes, not {type(data).__name__}")
    if not text or text.isspace():
        raise ParseError("the JSON input is empty", line=1)
    raw_surrogates = False
    if raw is None:
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            raw, raw_surrogates = text.encode("utf-8", "surrogatepass"), True
    return text, raw, raw_surrogates


# ---------------------------------------------------------------- depth and pairs

_STRUCTURE_ONLY = bytes(c for c in range(256) if c not in b'"[]{}:')
_OPEN_CLOSE = bytes.maketrans(b"{}", b"[]")


def _scan(raw: bytes) -> int:
    """Refuse nesting deeper than MAX_DEPTH, and count the key/value pairs; no recursion.

    Escaped backslashes and quotes go first, then everything but quotes,
    brackets and colons, so what is left is the structure outside strings
    plus the quoted groups still holding brackets or colons; those groups are
    cut out. The colons left separate keys from values. Each pass of
    `replace("[]", "")` then peels exactly one level off every innermost pair
    of brackets; at most MAX_DEPTH + 1 passes run, each in C.
    """
    if b"\\" in raw:
        raw = raw.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = raw.translate(None, _STRUCTURE_ONLY).replace(b'""', b"")
    if b'"' in skeleton:
        skeleton = b"".join(skeleton.split(b'"')[::2])
    pairs = skeleton.count(b":")
    skeleton = skeleton.translate(_OPEN_CLOSE, b":")
    depth = 0
    while skeleton and depth <= MAX_DEPTH:
        peeled = skeleton.replace(b"[]", b"")
        if len(peeled) == len(skeleton):  # unbalanced: "]]…[[" is left; count what stays open
            depth += skeleton.count(b"[")
            break
        skeleton = peeled
        depth += 1
    if depth > MAX_DEPTH:
        raise LimitError(
            f"JSON input nests arrays and objects more than {MAX_DEPTH} deep; "
            "a transcript/1 document nests 6 deep"
        )
    return pairs


# ---------------------------------------------------------------- parsing


class _Refused:
    """A value `json` read that the model cannot hold; it stands in until reported."""

    __slots__ = ("why",)

    def __init__(self, why: str) -> None:
        self.why = why


class _DuplicateKeys(dict[str, Any]):
    """An object that names a key twice (`json` alone would keep the last silently)."""

    duplicates: tuple[str, ...] = ()


def _decoder(refusals: list[str], *, thorough: bool = False) -> json.JSONDecoder:
    """A decoder whose hooks mark doubtful values and count them in `refusals`.

    The quick decoder marks only `NaN` and `Infinity`, a hook that costs
    nothing on other input. The thorough one also marks keys given twice,
    integers of more than MAX_INT_DIGITS digits and floats too large to hold;
    those hooks cost a Python call per object or number (a third of
    `json.loads` more), so it runs only when the quick checks fail. On the
    quick path the same values are caught by comparing key counts and by
    `_json_check._pair_count`'s number checks.
    """

    def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj
        counts: dict[str, int] = {}
        for key, _ in pairs:
            counts[key] = counts.get(key, 0) + 1
        marked = _DuplicateKeys(obj)
        marked.duplicates = tuple(key for key, count in counts.items() if count > 1)
        refusals.append("duplicate key")
        return marked

    def constant(name: str) -> _Refused:
        refusals.append(name)
        return _Refused(f"{name} is not a number this format allows (times are finite)")

    def integer(literal: str) -> int | _Refused:
        if len(literal) > MAX_INT_DIGITS and len(literal.lstrip("-")) > MAX_INT_DIGITS:
            refusals.append("integer")
            digits = len(literal.lstrip("-"))
            return _Refused(f"an integer of {digits} digits (at most {MAX_INT_DIGITS} are allowed)")
        return int(literal)

    def real(literal: str) -> float | _Refused:
        value = float(literal)
        if math.isinf(value):
            refusals.append("float")
            return _Refused(f"{_shorten(literal)} is too large for a floating-point number")
        return value

    if not thorough:
        return json.JSONDecoder(parse_constant=constant)
    return json.JSONDecoder(
        object_pairs_hook=pairs_hook, parse_constant=constant, parse_int=integer, parse_float=real
    )


def _refusal_problems(text: str, *, check_strings: bool = False) -> Problems:
    """Parse again with every hook: what it marks, by path (the slow path only)."""
    refusals: list[str] = []
    value = _decoder(refusals, thorough=True).decode(text)
    return list(_refusals(value, check_strings=check_strings)) if refusals or check_strings else []


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _parse(text: str, raw_surrogates: bool) -> Any:
    refusals: list[str] = []
    try:
        value = _decoder(refusals).decode(text)
    except json.JSONDecodeError as error:
        raise ParseError(
            f"not valid JSON: {error.msg} (column {error.colno})", error.lineno
        ) from None
    except RecursionError:  # unreachable after _scan; kept so it can never leak
        raise LimitError(f"JSON input nests more than {MAX_DEPTH} deep") from None
    except ValueError:  # an integer past Python's conversion limit (4,300 digits)
        problems = _refusal_problems(text) or [("$", "a number too large to read")]
        raise SchemaError(problems) from None
    surrogates = raw_surrogates or _SURROGATE_ESCAPE.search(text) is not None
    if refusals:  # report every refused value at once, not only those the quick hooks see
        raise SchemaError(_refusal_problems(text, check_strings=surrogates))
    if surrogates:
        problems = list(_refusals(value, check_strings=True))
        if problems:
            raise SchemaError(problems)
    return value


def _refusals(value: Any, *, check_strings: bool) -> Iterator[tuple[str, str]]:
    """Every marked value and (when asked) every string holding a lone surrogate, by path."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, _Refused):
            yield _path(path), item.why
        elif isinstance(item, dict):
            if isinstance(item, _DuplicateKeys):
                names = ", ".join(json.dumps(key, ensure_ascii=False) for key in item.duplicates)
                yield _path(path), f"duplicate key {names} (a key may appear once per object)"
            for key in reversed(item):
                if check_strings and _SURROGATE.search(key):
                    yield _path(path), f"key {_shorten(ascii(key))} holds a lone surrogate"
                stack.append(((*path, key), item[key]))
        elif isinstance(item, list):
            stack.extend(((*path, index), item[index]) for index in reversed(range(len(item))))
        elif check_strings and isinstance(item, str) and (found := _SURROGATE.search(item)):
            char = f"U+{ord(found.group()):04X}"
            yield _path(path), f"a lone surrogate ({char}) is not a Unicode character"
