"""transcript/1 JSON back to the model: refuse anything doubtful before building a thing.

Reading runs in this order, and each step raises only the library's errors:

1. bytes are decoded as UTF-8 (a BOM is allowed), else `DecodeError`;
2. the nesting depth is measured without recursion and refused past
   `MAX_DEPTH` with `LimitError`, so `json` never recurses deeply (the same
   linear scan counts the key/value pairs the text spells out);
3. `json` parses the text; a syntax error is a `ParseError` with its line and
   column;
4. the data is checked against the shipped JSON Schema
   (`transcript/schema/transcript-1.schema.json`), for what `json` accepts but
   the model cannot hold (`NaN`, `Infinity`, `1e999`, integers of more than
   `MAX_INT_DIGITS` digits, lone surrogates, a key given twice, which `json`
   would silently merge), and for the cross-references the schema cannot
   express (speaker ids unique, every turn's speaker declared); every problem
   is reported at once, as `($.path, why)` pairs in one `SchemaError`;
5. only then is the model built, by hand.

Step 4 has two speeds. `jsonschema` needs ~300 µs per turn (3 s for 10,000
turns, a hundred times `json.loads`), and hooks that mark repeated keys and
long numbers while parsing cost a Python call per object or number. So the
quick path parses with a hook for `NaN`/`Infinity` alone, then runs
`_pair_count`: a hand-written check of exactly the schema's rules (numbers in
range included) that runs at the speed of a dict walk and counts the pairs it
sees. When it passes and its count equals the text's, no key was repeated and
the document is valid. Otherwise the slow path runs: a second, thorough parse
marks repeated keys and out-of-range numbers by path, and `jsonschema` finds
and words every other problem, validating only the items the quick check
refused. Tests hold the quick check to jsonschema's answers; the schema file
stays the one specification.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import math
import re
from collections.abc import Callable, Iterator
from importlib import resources
from typing import TYPE_CHECKING, Any

from ..errors import DecodeError, LimitError, ParseError, SchemaError, TranscriptError
from ..model import (
    Annotation,
    AnnotationKind,
    Diagnostic,
    Heading,
    Inline,
    Metadata,
    Paragraph,
    Prose,
    ProseKind,
    Role,
    Severity,
    SourceSpan,
    Speaker,
    Text,
    Timestamp,
    Transcript,
    Turn,
)

if TYPE_CHECKING:
    import jsonschema

    from ..decode import DecodedText
    from . import ReadOptions

VERSION = "transcript/1"
SUPPORTED_VERSIONS = (VERSION,)
"""Versions this module reads (it writes only the newest)."""
MAX_DEPTH = 64
"""The deepest nesting of arrays and objects accepted (a valid document nests 6 deep)."""
MAX_INT_DIGITS = 30
"""The longest integer literal accepted; longer ones are refused before Python converts them."""

SCHEMA_RESOURCE = "schema/transcript-1.schema.json"

Problems = list[tuple[str, str]]


# ---------------------------------------------------------------- entry points


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """The reader entry point for the registry: `loads(source.text)`."""
    del options  # the JSON form says everything itself: nothing to override
    return loads(source.text)


def loads(data: str | bytes) -> Transcript:
    """The document in transcript/1 JSON `data`, checked completely before it is built."""
    text, raw, raw_surrogates = _decode(data)
    pairs_in_text = _scan(raw)
    with _collector_paused():
        value = _parse(text, raw_surrogates)
        _validate(value, text, pairs_in_text)
        return _build(value)


# ---------------------------------------------------------------- 1. decoding


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


# ---------------------------------------------------------------- 2. depth

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


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while the parsed data and the model are built.

    Building allocates a few hundred thousand containers and no cycles; the
    collector would walk the growing heap again and again for nothing (a
    quarter of `from_json`'s time at 10,000 turns). Its previous state is
    restored, and nothing is lost: anything collectable is collected later.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


# ---------------------------------------------------------------- 3. parsing


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
    `_pair_count`'s number checks.
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


# ---------------------------------------------------------------- 4. validation

_ROLES = {role.value: role for role in Role}
_PROSE_KINDS = {kind.value: kind for kind in ProseKind}
_ANNOTATION_KINDS = {kind.value: kind for kind in AnnotationKind}
_SEVERITIES = {severity.value: severity for severity in Severity}

_DOC_KEYS = frozenset(("version", "metadata", "speakers", "blocks", "diagnostics"))
_OPTIONAL_TEXT_KEYS = (
    "title",
    "subtitle",
    "date",
    "language",
    "source",
    "url",
    "description",
    "location",
    "style",
    "encoding",
)
_METADATA_KEYS = frozenset((*_OPTIONAL_TEXT_KEYS, "authors", "extra"))
_SPEAKER_KEYS = frozenset(("id", "name", "aliases", "role", "affiliation"))
_TURN_KEYS = frozenset(("type", "speaker", "label", "paragraphs", "start", "end", "span"))
_PROSE_KEYS = frozenset(("type", "kind", "paragraphs", "span"))
_HEADING_KEYS = frozenset(("type", "text", "level", "span"))
_SPAN_KEYS = frozenset(("first_line", "last_line"))
_TEXT_KEYS = frozenset(("type", "text"))
_ANNOTATION_KEYS = frozenset(("type", "kind", "printed", "seconds"))
_TIMESTAMP_KEYS = frozenset(("type", "seconds", "printed"))
_DIAGNOSTIC_KEYS = frozenset(("code", "severity", "line", "message"))
_INT_LIMIT = 10**MAX_INT_DIGITS


def _validate(value: Any, text: str, pairs_in_text: int) -> None:
    """Raise one SchemaError listing every problem; return quietly when there is none.

    `pairs_in_text` is the number of key/value pairs the text spells out; a
    document that follows the schema (numbers in range included) and holds as
    many pairs gave no key twice.
    """
    try:
        pairs = _pair_count(value)
    except (TypeError, KeyError, AttributeError):
        pairs = -1
    if pairs == pairs_in_text:
        problems = _cross_reference_problems(value)
    else:
        refused = _refusal_problems(text)  # keys given twice, huge numbers
        if refused:
            raise SchemaError(refused)
        _check_version(value)
        collected = [*_schema_problems(value), *_cross_reference_problems(value)]
        problems = sorted(dict.fromkeys(collected), key=lambda problem: _path_key(problem[0]))
        if not problems and pairs < 0:  # the quick check and the schema disagree: never pass
            problems = [("$", "the document does not follow the transcript/1 schema")]
    if problems:
        raise SchemaError(problems)


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


_ITEM_DEFS = {"speakers": "speaker", "blocks": "block", "diagnostics": "diagnostic"}
"""Each top-level array and the schema definition (`$defs`) of its items."""
_ITEM_FOLLOWS: dict[str, Callable[[Any], bool]] = {
    "speakers": _speaker_follows,
    "blocks": lambda block: _block_pairs(block) >= 0,
    "diagnostics": _diagnostic_follows,
}


def _quietly(check: Callable[[Any], bool], value: Any) -> bool:
    try:
        return check(value)
    except (TypeError, KeyError, AttributeError):
        return False


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


# ---------------------------------------------------------------- 5. building


def _seconds(value: float | None) -> float | None:
    return None if value is None else float(value)


def _span(value: dict[str, int] | None) -> SourceSpan | None:
    if value is None:
        return None
    first, last = value["first_line"], value["last_line"]
    if type(first) is int and type(last) is int:
        return SourceSpan(first, last)
    return SourceSpan(int(first), int(last))  # 3.0 is an integer to JSON Schema


def _annotation(node: dict[str, Any]) -> Annotation:
    return Annotation(_ANNOTATION_KINDS[node["kind"]], node["printed"], _seconds(node["seconds"]))


def _timestamp(node: dict[str, Any]) -> Timestamp:
    return Timestamp(float(node["seconds"]), node["printed"])


_INLINE: dict[str, Callable[[dict[str, Any]], Inline]] = {
    "annotation": _annotation,
    "timestamp": _timestamp,
}


def _build_paragraphs(paragraphs: list[list[dict[str, Any]]]) -> tuple[Paragraph, ...]:
    built = []
    for paragraph in paragraphs:
        if len(paragraph) == 1 and paragraph[0]["type"] == "text":  # most paragraphs: one run
            content: tuple[Inline, ...] = (Text(paragraph[0]["text"]),)
        else:
            content = tuple(
                [
                    Text(node["text"]) if node["type"] == "text" else _INLINE[node["type"]](node)
                    for node in paragraph
                ]
            )
        built.append(Paragraph(content))
    return tuple(built)


def _turn(block: dict[str, Any]) -> Turn:
    start, end, span = block["start"], block["end"], block["span"]
    return Turn(
        block["speaker"],
        block["label"],
        _build_paragraphs(block["paragraphs"]),
        None if start is None else float(start),
        None if end is None else float(end),
        None if span is None else _span(span),
    )


def _prose(block: dict[str, Any]) -> Prose:
    return Prose(
        _PROSE_KINDS[block["kind"]], _build_paragraphs(block["paragraphs"]), _span(block["span"])
    )


def _heading(block: dict[str, Any]) -> Heading:
    return Heading(block["text"], int(block["level"]), _span(block["span"]))


_BLOCK: dict[str, Callable[[dict[str, Any]], Turn | Prose | Heading]] = {
    "turn": _turn,
    "prose": _prose,
    "heading": _heading,
}


def _build(doc: dict[str, Any]) -> Transcript:
    """The model of a document that has passed every check (nothing is checked here)."""
    metadata = doc["metadata"]
    block_builders = _BLOCK
    return Transcript(
        metadata=Metadata(
            **{key: metadata[key] for key in _OPTIONAL_TEXT_KEYS},
            authors=tuple(metadata["authors"]),
            extra=tuple((key, value) for key, value in metadata["extra"]),
        ),
        speakers=tuple(
            Speaker(
                speaker["id"],
                speaker["name"],
                tuple(speaker["aliases"]),
                _ROLES[speaker["role"]],
                speaker["affiliation"],
            )
            for speaker in doc["speakers"]
        ),
        blocks=tuple([block_builders[block["type"]](block) for block in doc["blocks"]]),
        diagnostics=tuple(
            Diagnostic(
                diagnostic["code"],
                _SEVERITIES[diagnostic["severity"]],
                diagnostic["message"],
                None if diagnostic["line"] is None else int(diagnostic["line"]),
            )
            for diagnostic in doc["diagnostics"]
        ),
    )
