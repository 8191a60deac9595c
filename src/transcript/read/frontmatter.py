"""Front matter: the `---` (YAML) or `+++` (TOML) block at the top of a Markdown page.

Static-site generators (Hugo, Jekyll, Eleventy) and many transcript exports
open with a block of `key: value` lines. Readers need its title, date and
authors, and must not read its keys as speaker labels. A YAML library would
be overkill and a risk on untrusted input, so this module reads the small,
common subset by hand, in one bounded pass:

- `key: value` (YAML) and `key = value` (TOML), values plain, "double-quoted"
  (with backslash escapes) or 'single-quoted' (with '' for a quote);
- flow lists `[a, "b"]` and block lists (`key:` then `- item` lines), joined
  with ", ";
- folded `>` and literal `|` blocks, and plain values continued on indented
  lines, joined with spaces (folding is what a reader of metadata wants);
- nested mappings flattened to `parent.key`;
- Markdown backslash escapes (`Asada\\_Minoru`) undone in values;
- comments (`# …` lines) and TOML tables (`[params]`) skipped.

`split_front_matter(lines)` returns the pairs and the index of the first body
line; `apply_front_matter(builder, pairs)` files them into a document's
metadata. Anything it does not understand is kept as a pair, never lost.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..labels import fold
from ..model import Role
from ..speakers import HONORIFICS
from .build import DocumentBuilder, DraftTurn

MAX_FRONT_MATTER_LINES = 200
"""A front-matter block longer than this is not front matter (a `---` rule, then prose)."""

MAX_KEY_CHARS = 60

YAML_FENCE = "---"
TOML_FENCE = "+++"
YAML_END = frozenset({"---", "..."})

_YAML_KEY = re.compile(r"([A-Za-z_][\w .-]{0,59}?)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
"""`key: value` or `key:` (value on the following lines); a key is a short identifier."""
_TOML_KEY = re.compile(r"([A-Za-z_][\w.-]{0,59}|\"[^\"]{1,60}\")[ \t]*=[ \t]*(.*)$")
_LIST_ITEM = re.compile(r"-(?:[ \t]+(.*)|[ \t]*)$")
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash before ASCII punctuation, as Markdown (and HTML-to-Markdown tools) write it."""

_DOUBLE_QUOTE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    '"': '"',
    "\\": "\\",
    "/": "/",
    "0": "",
    " ": " ",
    "_": "\u00a0",
}


def split_front_matter(lines: Sequence[str]) -> tuple[list[tuple[str, str]], int]:
    """The `(key, value)` pairs of a front-matter block at the top, and the first body line.

    `lines` are the document's lines without line ends. Leading blank lines
    are allowed. Without a well-formed block (an opening fence and a closing
    one within `MAX_FRONT_MATTER_LINES`), returns `([], 0)`: nothing consumed.
    """
    start = 0
    while start < len(lines) and start < MAX_FRONT_MATTER_LINES and not lines[start].strip():
        start += 1
    if start >= len(lines):
        return [], 0
    fence = lines[start].strip()
    if fence not in (YAML_FENCE, TOML_FENCE):
        return [], 0
    ends = YAML_END if fence == YAML_FENCE else frozenset({TOML_FENCE})
    limit = min(len(lines), start + 1 + MAX_FRONT_MATTER_LINES)
    for end in range(start + 1, limit):
        if lines[end].strip() in ends:
            break
    else:
        return [], 0
    body = lines[start + 1 : end]
    if body and not _looks_like_keys(body, fence):
        return [], 0
    pairs = _read_toml(body) if fence == TOML_FENCE else _read_yaml(body)
    return pairs, end + 1


def _looks_like_keys(body: Sequence[str], fence: str) -> bool:
    """The first meaningful line is a key: otherwise `---` was a rule above prose."""
    pattern = _TOML_KEY if fence == TOML_FENCE else _YAML_KEY
    for line in body:
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if fence == TOML_FENCE and text.startswith("["):
            return True
        return pattern.match(text) is not None
    return True


def _read_yaml(body: Sequence[str]) -> list[tuple[str, str]]:
    """The YAML subset described in the module docstring, one pass, no backtracking."""
    pairs: list[tuple[str, str]] = []
    parents: list[tuple[int, str]] = []  # (indent, key) of open mappings
    key: str | None = None  # the key whose value is still being read
    key_indent = 0
    pieces: list[str] = []
    literal = False
    items: list[str] = []

    def flush() -> None:
        nonlocal key, pieces, items, literal
        if key is not None:
            if items:
                pairs.append((key, ", ".join(items)))
            elif pieces:
                joiner = "\n" if literal else " "
                pairs.append((key, _value(joiner.join(pieces))))
            else:
                pairs.append((key, ""))
        key, pieces, items, literal = None, [], [], False

    for raw in body:
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            if literal and key is not None and pieces:
                pieces.append("")
            continue
        indent = len(raw) - len(raw.lstrip(" \t"))
        item = _LIST_ITEM.match(stripped)
        if key is not None and indent > key_indent and not item:
            match = _YAML_KEY.match(stripped)
            if match and not pieces and not items:
                # `key:` with nothing after it, then an indented key: a nested mapping.
                parents.append((key_indent, key))
                key = None
            else:
                pieces.append(stripped)
                continue
        if item and key is not None and indent >= key_indent and not pieces:
            items.append(_value(item.group(1) or ""))
            continue
        flush()
        while parents and parents[-1][0] >= indent:
            parents.pop()
        match = _YAML_KEY.match(stripped)
        if match is None:
            pairs.append((_prefix(parents, "line"), _unescape(stripped)))
            continue
        name = _prefix(parents, match.group(1).strip())
        value = (match.group(2) or "").strip()
        if value in (">", "|", ">-", "|-", ">+", "|+"):
            key, key_indent, literal = name, indent, value.startswith("|")
        elif value:
            key, key_indent = name, indent
            pieces = [value]
            if value[0] in "\"'" and _closed(value):
                flush()
        else:
            key, key_indent = name, indent
    flush()
    return pairs


def _read_toml(body: Sequence[str]) -> list[tuple[str, str]]:
    """`key = value` lines; `[table]` headers prefix the keys that follow."""
    pairs: list[tuple[str, str]] = []
    table = ""
    for raw in body:
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("[") and text.endswith("]") and "=" not in text:
            table = text.strip("[] ")[:MAX_KEY_CHARS]
            continue
        match = _TOML_KEY.match(text)
        if match is None:
            pairs.append(((table + "." if table else "") + "line", _unescape(text)))
            continue
        name = match.group(1).strip('"')
        pairs.append(((table + "." if table else "") + name, _value(match.group(2).strip())))
    return pairs


def _prefix(parents: list[tuple[int, str]], key: str) -> str:
    return ".".join([*(name for _, name in parents), key])


def _closed(value: str) -> bool:
    """A quoted scalar that ends on its own line."""
    quote = value[0]
    if len(value) < 2 or not value.endswith(quote):
        return False
    if quote == '"':
        backslashes = len(value[:-1]) - len(value[:-1].rstrip("\\"))
        return backslashes % 2 == 0
    return True


def _value(text: str) -> str:
    """A scalar or flow list as text: quotes removed, escapes undone, lists joined."""
    text = text.strip()
    if len(text) >= 2 and text[0] == "[" and text[-1] == "]":
        return ", ".join(_value(part) for part in _split_flow(text[1:-1]) if part.strip())
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        return _double_quoted(text[1:-1])
    if len(text) >= 2 and text[0] == "'" and text[-1] == "'":
        return text[1:-1].replace("''", "'")
    return _unescape(text)


def _split_flow(text: str) -> list[str]:
    """Split a flow list on commas outside quotes (one pass)."""
    parts: list[str] = []
    current: list[str] = []
    quote = ""
    for ch in text:
        if quote:
            current.append(ch)
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
            current.append(ch)
        elif ch == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _double_quoted(text: str) -> str:
    """Undo the backslash escapes of a double-quoted YAML/TOML string (unknown ones kept)."""
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        ch = text[index]
        if ch == "\\" and index + 1 < len(text):
            following = text[index + 1]
            out.append(_DOUBLE_QUOTE_ESCAPES.get(following, following))
            index += 2
        else:
            out.append(ch)
            index += 1
    return "".join(out)


def _unescape(text: str) -> str:
    """Markdown backslash escapes off (`\\_` → `_`, `\\[` → `[`)."""
    return _MARKDOWN_ESCAPE.sub(r"\1", text) if "\\" in text else text


# -- filing the pairs into a document ----------------------------------------------------

FIELD_OF_KEY: dict[str, str] = {
    "title": "title",
    "name": "title",
    "episode_title": "title",
    "subtitle": "subtitle",
    "date": "date",
    "published": "date",
    "pubdate": "date",
    "publishdate": "date",
    "date_published": "date",
    "recorded": "date",
    "interview_date": "date",
    "author": "authors",
    "authors": "authors",
    "by": "authors",
    "byline": "authors",
    "description": "description",
    "summary": "description",
    "excerpt": "description",
    "abstract": "description",
    "lang": "language",
    "language": "language",
    "locale": "language",
    "url": "url",
    "link": "url",
    "permalink": "url",
    "canonical_url": "url",
    "source": "source",
    "show": "source",
    "podcast": "source",
    "publisher": "source",
    "location": "location",
    "place": "location",
}
"""Front-matter keys (case-folded, `-` as `_`) and the metadata field each fills."""


def metadata_field(key: str) -> str:
    """The metadata field a front-matter or cover-block key fills; `extra` when none."""
    folded = key.strip().casefold().replace("-", "_").replace(" ", "_")
    return FIELD_OF_KEY.get(folded, "extra")


def apply_front_matter(doc: DocumentBuilder, pairs: Sequence[tuple[str, str]]) -> None:
    """File front-matter pairs into the document's metadata; unknown keys go to `extra`."""
    for key, value in pairs:
        field = metadata_field(key)
        if not value:
            doc.set("extra", value, key)
        elif field == "authors":
            doc.authors.extend(name.strip() for name in value.split(",") if name.strip())
        else:
            doc.set(field, value, key)


# -- people that metadata names, and the labels they speak under -------------------------

PERSON_ROLE_KEYS: dict[str, Role] = {
    "host": Role.HOST,
    "hosts": Role.HOST,
    "co-host": Role.HOST,
    "cohost": Role.HOST,
    "co_host": Role.HOST,
    "guest": Role.GUEST,
    "guests": Role.GUEST,
    "interviewer": Role.INTERVIEWER,
    "interviewers": Role.INTERVIEWER,
    "interviewed by": Role.INTERVIEWER,
    "interviewee": Role.INTERVIEWEE,
    "narrator": Role.INTERVIEWEE,
    "moderator": Role.MODERATOR,
}
"""Metadata keys that say which part the people they name play (folded)."""

_PERSON_SEPARATORS = re.compile(r"\s(?:and|with|&)\s|;|/|\|")


def people_in(value: str) -> list[str]:
    """`Dr. Tova Lindgren, maritime historian` → [`Dr. Tova Lindgren`]; `A and B` → [A, B].

    A comma starts a description (`, maritime historian`) unless what follows
    is itself a capitalised name of two words or more (`Ann Lee, Bo Chen`).
    """
    names: list[str] = []
    for chunk in _PERSON_SEPARATORS.split(value[:400]):
        pieces = [piece.strip(" .\t") for piece in chunk.split(",")]
        for index, piece in enumerate(pieces):
            words = piece.split()
            if not words:
                continue
            if index and not (len(words) >= 2 and all(w[:1].isupper() for w in words)):
                break  # a description after the name, not another name
            names.append(piece)
    return names


def name_tokens(name: str) -> tuple[str, ...]:
    """A person's name as folded words, honorifics off (`Dr. Tova Lindgren` → tova, lindgren)."""
    words = fold(name).split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return tuple(words)


def declare_roles(doc: DocumentBuilder, people: Sequence[tuple[str, Role]]) -> None:
    """Give the labels of people that a cover block or host line names their roles.

    Only roles: a cover block never renames a label. A label matches a person
    when its words are the person's name (honorifics aside), or, when that
    finds nobody, when its one word is the person's first or last name and
    no other named person shares it.
    """
    if not people:
        return
    labels: dict[tuple[str, ...], str] = {}
    names: set[str] = set()  # each name's words once: a name recurs in thousands of turns
    for item in doc.items:
        if isinstance(item, DraftTurn) and item.parts.name not in names:
            names.add(item.parts.name)
            labels.setdefault(name_tokens(item.parts.name), item.parts.printed)
    wanted = [(name_tokens(name), role) for name, role in people]
    for tokens, role in wanted:
        if not tokens:
            continue
        printed = labels.get(tokens)
        if printed is None:
            printed = _single_word_label(tokens, labels, wanted)
        if printed is not None:
            doc.declared_roles.append((printed, role))


def _single_word_label(
    tokens: tuple[str, ...],
    labels: dict[tuple[str, ...], str],
    wanted: Sequence[tuple[tuple[str, ...], Role]],
) -> str | None:
    for word in (tokens[-1], tokens[0]):
        shared = sum(word in other for other, _ in wanted)
        if shared == 1 and (word,) in labels:
            return labels[(word,)]
    return None
