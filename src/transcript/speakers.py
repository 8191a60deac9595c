"""Speaker resolution: one speaker per person, however many ways the label is printed.

Readers hand over every label occurrence in order; `resolve` groups the
printed forms (`Dr. Jane Thompson`, `Dr. Thompson`; `MR. SMITH`, `Mr. Smith`;
`Editor (Time.news)`, `Editor`), names each group after its fullest form and
infers roles. Matching goes through dictionaries keyed by name parts (surname,
initials, initial + surname …), never by comparing every name with every
other, so 10,000 speakers cost 10,000 look-ups. A short form that fits two
people is reported, never merged.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import attrs

from .labels import LabelParts, fold, has_cjk, is_role_suffix, mixed_script
from .model import Diagnostic, Role, Severity, Speaker

HONORIFICS = frozenset(
    {
        "dr",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "sir",
        "dame",
        "lord",
        "lady",
        "rev",
        "fr",
        "sen",
        "senator",
        "rep",
        "representative",
        "gov",
        "governor",
        "judge",
        "justice",
        "gen",
        "general",
        "col",
        "colonel",
        "capt",
        "captain",
        "lt",
        "sgt",
        "adm",
        "admiral",
        "hon",
        "m",
        "mme",
        "mlle",
        "herr",
        "frau",
        "sr",
        "sra",
        "don",
        "doña",
        "president",
        "mayor",
        "chairman",
        "chairwoman",
        "chair",
        "secretary",
        "minister",
        "ambassador",
        "commissioner",
        "chief",
    }
)

SAME_TITLE = {
    "senator": "sen",
    "professor": "prof",
    "representative": "rep",
    "governor": "gov",
    "general": "gen",
    "colonel": "col",
    "captain": "capt",
    "admiral": "adm",
}
"""Spellings of one title, so `Senator Grassley` and `Sen. Grassley` do not clash."""

ROLE_WORDS: Mapping[str, Role] = {
    # interviewers and questioners
    "editor": Role.INTERVIEWER,
    "interviewer": Role.INTERVIEWER,
    "reporter": Role.INTERVIEWER,
    "journalist": Role.INTERVIEWER,
    "journaliste": Role.INTERVIEWER,
    "entrevistador": Role.INTERVIEWER,
    "entrevistadora": Role.INTERVIEWER,
    "interviewerin": Role.INTERVIEWER,
    "q": Role.INTERVIEWER,
    "question": Role.INTERVIEWER,
    "frage": Role.INTERVIEWER,
    "pregunta": Role.INTERVIEWER,
    "p": Role.INTERVIEWER,
    "기자": Role.INTERVIEWER,
    "記者": Role.INTERVIEWER,
    "记者": Role.INTERVIEWER,
    "聞き手": Role.INTERVIEWER,
    "問": Role.INTERVIEWER,
    "問い": Role.INTERVIEWER,
    "问": Role.INTERVIEWER,
    "질문": Role.INTERVIEWER,
    # answers
    "a": Role.INTERVIEWEE,
    "answer": Role.INTERVIEWEE,
    "r": Role.INTERVIEWEE,
    "réponse": Role.INTERVIEWEE,
    "respuesta": Role.INTERVIEWEE,
    "antwort": Role.INTERVIEWEE,
    "答": Role.INTERVIEWEE,
    "답": Role.INTERVIEWEE,
    "interviewee": Role.INTERVIEWEE,
    # hosts, guests, moderators
    "host": Role.HOST,
    "co-host": Role.HOST,
    "anchor": Role.HOST,
    "presenter": Role.HOST,
    "guest": Role.GUEST,
    "moderator": Role.MODERATOR,
    "chair": Role.MODERATOR,
    "chairman": Role.MODERATOR,
    "chairwoman": Role.MODERATOR,
    "the chairman": Role.MODERATOR,
    "the chair": Role.MODERATOR,
    "operator": Role.MODERATOR,
    "司会": Role.MODERATOR,
    "사회자": Role.MODERATOR,
    "the court": Role.JUDGE,
    "judge": Role.JUDGE,
    "witness": Role.WITNESS,
    "the witness": Role.WITNESS,
    "narrator": Role.NARRATOR,
    "correspondent": Role.CORRESPONDENT,
    "questioner": Role.QUESTIONER,
}
"""Label words that name a part rather than a person; they stay the speaker's name."""

PLACEHOLDER = re.compile(
    r"(?:unidentified|unknown|unnamed|speaker|participant|voice|audience|caller)\b",
    re.IGNORECASE,
)
"""Tool placeholders (`Speaker 3`, `UNIDENTIFIED FEMALE`): kept as printed, never merged."""


class Occurrence(NamedTuple):
    """One label occurrence as a reader saw it (a tuple: one is made per turn)."""

    parts: LabelParts
    line: int | None
    asks: bool = False
    """The turn under this label asks a question (for role inference)."""


@attrs.frozen
class Resolution:
    """The resolved speakers and, for each occurrence in order, its speaker id."""

    speakers: tuple[Speaker, ...]
    speaker_ids: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


@attrs.define
class _Group:
    """Mutable while resolving; frozen into a `Speaker` at the end."""

    forms: list[str]  # folded keys of the names in this group, first seen first
    printed: list[str]  # printed labels, first seen first, unique
    names: list[str]  # printed name parts, unique
    affiliation: str | None = None
    role_words: list[str] = attrs.field(factory=list)
    turns: int = 0
    asks: int = 0
    forced_name: str | None = None
    first_index: int = 0


def resolve(
    occurrences: Sequence[Occurrence],
    overrides: Iterable[tuple[str, str]] = (),
    role_overrides: Iterable[tuple[str, Role]] = (),
) -> Resolution:
    """Group the label occurrences into speakers (see the module docstring)."""
    diagnostics: list[Diagnostic] = []
    override_of = {fold(label): name for label, name in overrides}
    forced_name_of = {fold(name): name for name in override_of.values()}
    # distinct name forms, in order of first appearance
    first_seen: dict[str, int] = {}
    parts_of: dict[str, LabelParts] = {}
    key_of_occurrence: list[str] = []
    for index, occurrence in enumerate(occurrences):
        parts = occurrence.parts
        key = _key_for(parts, override_of)
        key_of_occurrence.append(key)
        if key not in first_seen:
            first_seen[key] = index
            parts_of[key] = parts
            if mixed_script(parts.name):
                diagnostics.append(
                    Diagnostic(
                        "mixed-script-label",
                        Severity.WARNING,
                        f"label {parts.printed!r} mixes Latin with Cyrillic or Greek letters; "
                        "it is kept apart from look-alike names",
                        occurrence.line,
                    )
                )
            if parts.invisible:
                diagnostics.append(
                    Diagnostic(
                        "label-invisible-characters",
                        Severity.INFO,
                        f"label {parts.printed!r} contains zero-width or bidi control characters; "
                        "they were ignored when matching it",
                        occurrence.line,
                    )
                )

    group_of_key = _group_keys(
        list(first_seen),
        parts_of,
        override_of,
        diagnostics,
        {k: occurrences[i].line for k, i in first_seen.items()},
    )

    groups: dict[str, _Group] = {}
    for index, occurrence in enumerate(occurrences):
        root = group_of_key[key_of_occurrence[index]]
        group = groups.get(root)
        if group is None:
            group = groups[root] = _Group([], [], [], first_index=index)
            group.forced_name = forced_name_of.get(root)
        parts = occurrence.parts
        key = key_of_occurrence[index]
        if key not in group.forms:
            group.forms.append(key)
        if parts.printed not in group.printed:
            group.printed.append(parts.printed)
        if parts.name not in group.names:
            group.names.append(parts.name)
        if group.affiliation is None and parts.affiliation:
            group.affiliation = parts.affiliation
        if parts.role_words and parts.role_words not in group.role_words:
            group.role_words.append(parts.role_words)
        group.turns += 1
        group.asks += occurrence.asks

    ordered = sorted(groups.items(), key=lambda item: item[1].first_index)
    roles = _infer_roles([group for _, group in ordered], role_overrides)
    speakers: list[Speaker] = []
    id_of_root: dict[str, str] = {}
    taken: set[str] = set()
    for (root, group), role in zip(ordered, roles, strict=False):
        name = group.forced_name or _fullest(group.names)
        aliases = tuple(p for p in group.printed if p != name)
        speaker_id = unique_slug(name, taken)
        id_of_root[root] = speaker_id
        speakers.append(Speaker(speaker_id, name, aliases, role, group.affiliation))
    ids = tuple(id_of_root[group_of_key[key]] for key in key_of_occurrence)
    return Resolution(tuple(speakers), ids, tuple(diagnostics))


def _key_for(parts: LabelParts, override_of: Mapping[str, str]) -> str:
    """The folded form a label is grouped under; an override sends it to its target name."""
    if override_of:
        for candidate in (parts.folded_printed, parts.folded_name):
            target = override_of.get(candidate)
            if target is not None:
                return fold(target)
    return parts.folded_name


def _tokens(key: str) -> tuple[str, tuple[str, ...]]:
    """(honorific or '', core name tokens) of a folded name."""
    words = key.split()
    honorific = ""
    while len(words) > 1 and words[0] in HONORIFICS:
        honorific = honorific or SAME_TITLE.get(words[0], words[0])
        words = words[1:]
    return honorific, tuple(words)


def _initials(tokens: tuple[str, ...]) -> str:
    """`kwame ashdown-reyes` → `kar`: the first letter of every name part, across hyphens."""
    return "".join(part[0] for token in tokens for part in token.split("-") if part)


def _variant_keys(honorific: str, core: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Index keys under which a fuller name can be found from its shorter forms."""
    keys: list[tuple[str, ...]] = []
    count = len(core)
    if count >= 2:
        for start in range(count):  # start 0: the same name with another honorific or none
            keys.append(("suffix", *core[start:]))
        if "-" in core[-1]:  # `José Núñez` and `Núñez` for `José Núñez-García`
            trimmed = (*core[:-1], core[-1].split("-", 1)[0])
            keys.extend(("suffix", *trimmed[start:]) for start in range(count))
        keys.append(("initial", core[0][0], *core[1:]))
        keys.append(("first", core[0]))
        keys.append(("initials", _initials(core)))
    if core and has_cjk(core[0]):
        head = core[0]
        # `한 교수` for `한지우 교수`; `박 연구원` for `박서연 책임연구원` (a shorter title
        # that ends the full one: the speaker's rank said without its qualifier)
        titles = [core[1:]]
        if len(core) == 2 and has_cjk(core[1]):
            title = core[1]
            titles.extend((title[start:],) for start in range(1, len(title) - 1))
        for length in range(1, min(len(head), 4)):
            keys.extend(("prefix", head[:length], *rest) for rest in titles)
    return keys


def _lookup_keys(core: tuple[str, ...], capitals: bool) -> list[tuple[str, ...]]:
    """The index keys a shorter form looks itself up under, most specific first.

    Initials are only tried for a label printed in capitals (`JT`, `KAR`):
    `Ed` is a first name, not E. D.
    """
    keys: list[tuple[str, ...]] = [("suffix", *core)]
    if core and has_cjk(core[0]):  # before initials: it also finds shorter-title matches
        keys.append(("prefix", *core))
    if len(core) >= 2 and len(core[0]) == 1:
        keys.append(("initial", core[0], *core[1:]))
    if len(core) == 1:
        keys.append(("first", core[0]))
        if capitals and 2 <= len(core[0]) <= 5 and core[0].isalpha():
            keys.append(("initials", core[0]))
    return keys


def _is_fixed(key: str) -> bool:
    """Role words, placeholders and joint labels are only ever matched exactly."""
    return key in ROLE_WORDS or PLACEHOLDER.match(key) is not None or is_joint(key)


def is_joint(key: str) -> bool:
    """`marnie & dez`, `rosa and tom`: two people speaking together, a speaker of their own.

    A joint label must not be merged into either member (its last word would
    otherwise make it a fuller form of `Dez`), nor take their shorter forms.
    """
    words = key.split()
    return len(words) >= 3 and ("&" in words[1:-1] or "and" in words[1:-1])


def _group_keys(
    keys: list[str],
    parts_of: Mapping[str, LabelParts],
    override_of: Mapping[str, str],
    diagnostics: list[Diagnostic],
    line_of: Mapping[str, int | None],
) -> dict[str, str]:
    """Map each distinct folded name to the folded name of its group's fullest form."""
    forced_targets = {fold(name) for name in override_of.values()}
    # fullest first: more core tokens, then longer
    position = {key: i for i, key in enumerate(keys)}
    order = sorted(keys, key=lambda k: (-len(_tokens(k)[1]), -len(k), position[k]))
    index: dict[tuple[str, ...], set[str]] = {}
    titles_of: dict[str, set[str]] = {}  # root -> honorifics printed with it or its aliases
    root_of: dict[str, str] = {}
    for key in order:
        honorific, core = _tokens(key)
        root = key
        if key not in forced_targets and not _is_fixed(key) and core:
            capitals = parts_of[key].name.isupper()
            for lookup in _lookup_keys(core, capitals):
                found = index.get(lookup)
                if not found:
                    continue
                compatible = {r for r in found if not honorific or titles_of[r] <= {honorific}}
                if len(compatible) == 1:
                    root = next(iter(compatible))
                    if honorific:
                        titles_of[root].add(honorific)
                else:
                    names = ", ".join(sorted(parts_of[r].name for r in compatible or found))
                    why = (
                        f"could be any of {names}"
                        if compatible
                        else f"fits {names}, already printed with another title"
                    )
                    diagnostics.append(
                        Diagnostic(
                            "ambiguous-speaker",
                            Severity.WARNING,
                            f"label {parts_of[key].printed!r} {why}; kept as a speaker of its "
                            "own (use --speaker to say who it is)",
                            line_of.get(key),
                        )
                    )
                break
        root_of[key] = root
        if root == key:
            titles_of[key] = {honorific} if honorific else set()
        if root == key and not _is_fixed(key):
            for variant in _variant_keys(honorific, core):
                index.setdefault(variant, set()).add(key)
    return root_of


def _fullest(names: list[str]) -> str:
    """The fullest printed name: most words, then most characters, then first seen."""
    best = names[0]
    for name in names[1:]:
        if (len(name.split()), len(name)) > (len(best.split()), len(best)):
            best = name
    return best


def _infer_roles(groups: list[_Group], overrides: Iterable[tuple[str, Role]]) -> list[Role]:
    """Roles from overrides, then label words, then who asks the questions."""
    override_of = {fold(label): role for label, role in overrides}
    roles: list[Role] = []
    for group in groups:
        role = Role.UNKNOWN
        for form in (*group.forms, *(fold(p) for p in group.printed)):
            if form in override_of:
                role = override_of[form]
                break
        else:
            role = _role_from_words(group)
        roles.append(role)
    # the speaker who asks most of the questions is the interviewer
    lead = next(
        (i for i, r in enumerate(roles) if r in (Role.INTERVIEWER, Role.HOST, Role.MODERATOR)), None
    )
    if lead is None:
        candidates = [
            (group.asks / group.turns, group.asks, i)
            for i, group in enumerate(groups)
            if roles[i] is Role.UNKNOWN and group.turns >= 2 and not _is_fixed(group.forms[0])
        ]
        if len(candidates) >= 2:
            ratio, asks, best = max(candidates)
            others = max(a for r, a, i in candidates if i != best)
            if ratio >= 0.5 and asks >= 2 and asks > others:
                roles[best] = Role.INTERVIEWER
                lead = best
    if lead is not None:
        partner = {Role.HOST: Role.GUEST, Role.INTERVIEWER: Role.INTERVIEWEE}.get(roles[lead])
        if partner is not None:
            for i, group in enumerate(groups):
                if (
                    roles[i] is Role.UNKNOWN
                    and i != lead
                    and group.turns >= 1
                    and not _is_fixed(group.forms[0])
                    and group.asks * 2 <= group.turns
                ):
                    roles[i] = partner
    return roles


def _role_from_words(group: _Group) -> Role:
    for words in group.role_words:
        folded = fold(words)
        if is_role_suffix(words):
            last = folded.split()[-1]
            return ROLE_WORDS.get(last, ROLE_WORDS.get(folded, Role.UNKNOWN))
    for form in group.forms:
        if form in ROLE_WORDS:
            return ROLE_WORDS[form]
    return Role.UNKNOWN


def unique_slug(name: str, taken: set[str]) -> str:
    """A readable, stable id for `name` (`dr-jane-thompson`, `기자`), unique within `taken`."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    kept: list[str] = []
    previous = ""
    for ch in decomposed:
        if unicodedata.combining(ch) and previous.isascii():
            continue  # drop accents on Latin letters only; kana and Hangul recompose below
        kept.append(ch if ch.isalnum() or unicodedata.category(ch)[0] == "M" else "-")
        previous = ch
    slug = unicodedata.normalize("NFC", "".join(kept))
    slug = "-".join(part for part in slug.split("-") if part)[:48] or "speaker"
    candidate, counter = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{counter}"
        counter += 1
    taken.add(candidate)
    return candidate
