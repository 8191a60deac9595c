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

This module holds the entry points and the order of the steps; the steps
live in underscore modules beside it: `_json_syntax` (1–3), `_json_check`
(4, quick), `_json_problems` and `_json_wording` (4, slow, and how problems
read), `_json_build` (5), all spelling the format through `_json_format`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import SchemaError
from ._json_build import _build
from ._json_check import _follows_schema as _follows_schema  # tests/test_json.py uses it here
from ._json_check import _pair_count
from ._json_format import MAX_DEPTH, MAX_INT_DIGITS, SCHEMA_RESOURCE, SUPPORTED_VERSIONS, VERSION
from ._json_problems import (
    _check_version,
    _cross_reference_problems,
    _schema_problems,
    schema,
    validator,
)
from ._json_syntax import _decode, _parse, _refusal_problems, _scan
from ._json_wording import Problems, _path_key
from ._json_wording import _worded as _worded  # tests/test_json.py uses it here

if TYPE_CHECKING:
    from ..decode import DecodedText
    from ..model import Transcript
    from . import ReadOptions

__all__ = [
    "MAX_DEPTH",
    "MAX_INT_DIGITS",
    "SCHEMA_RESOURCE",
    "SUPPORTED_VERSIONS",
    "VERSION",
    "Problems",
    "loads",
    "read",
    "schema",
    "validator",
]


def read(source: DecodedText, options: ReadOptions) -> Transcript:
    """The reader entry point for the registry: `loads(source.text)`."""
    del options  # the JSON form says everything itself: nothing to override
    return loads(source.text)


def loads(data: str | bytes) -> Transcript:
    """The document in transcript/1 JSON `data`, checked completely before it is built.

    No collector pausing here: the API calls every reader inside `_guarded`,
    which pauses the cyclic collector while the data and the model are built.
    """
    text, raw, raw_surrogates = _decode(data)
    pairs_in_text = _scan(raw)
    value = _parse(text, raw_surrogates)
    _validate(value, text, pairs_in_text)
    return _build(value)


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
