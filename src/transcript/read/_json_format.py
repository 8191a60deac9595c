"""What transcript/1 is made of: its version, the reader's limits, key sets, enum lookups.

One leaf module that the reader's steps share, so the quick check, the
problem wording and the builder spell the format the same way. The shipped
JSON Schema (`SCHEMA_RESOURCE`) stays the one specification; these are the
names the hand-written code checks and builds with.
"""

from __future__ import annotations

from ..model import AnnotationKind, ProseKind, Role, Severity

VERSION = "transcript/1"
SUPPORTED_VERSIONS = (VERSION,)
"""Versions this module reads (it writes only the newest)."""
MAX_DEPTH = 64
"""The deepest nesting of arrays and objects accepted (a valid document nests 6 deep)."""
MAX_INT_DIGITS = 30
"""The longest integer literal accepted; longer ones are refused before Python converts them."""

SCHEMA_RESOURCE = "schema/transcript-1.schema.json"

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
_ITEM_DEFS = {"speakers": "speaker", "blocks": "block", "diagnostics": "diagnostic"}
"""Each top-level array and the schema definition (`$defs`) of its items."""
