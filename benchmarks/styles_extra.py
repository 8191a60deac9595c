#!/usr/bin/env python3
"""Time the oral-history, play and TV-script readers the way `styles.py` times the others.

    python benchmarks/styles_extra.py                       # the three styles, 1k and 10k turns
    python benchmarks/styles_extra.py --turns 10000 --rounds 3
    python benchmarks/styles_extra.py --styles oral-history tv-script news-article-interview

Each writer below turns the perf kit's (speaker, paragraphs) turns into one
more style's syntax, carrying the same speech; `styles.py`'s machinery does the
rest (the check that every turn is read, the alternating rounds, the ratio to
the `model.attrs` floor in the same run). The styles are added to
`styles.STYLES`, so any of the original ones can be timed beside them.

- `oral-history`: a title and a cover block (`INTERVIEWEE: …`), each label
  alone on its line with the speech below it, and a running header with a
  page number (`…    Page 3 of 250`) every few turns, as PDFs print them;
- `play-verse`: a cast list in capitals, `ACT I. SCENE I.`, `Enter …`
  directions, abbreviated speech prefixes (`Tho.`) at a two-space indent, the
  speech as verse lines four spaces in, and now and then a direction set far
  right;
- `tv-script`: an episode title, `[Scene: …]` directions between turns,
  `Name: text` labels and `(parentheticals)` opening some speeches.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import styles  # the sibling module, found through the line above
from styles import Turns

PAGE_EVERY = 24
"""Turns between two running headers of the oral history (a printed page, roughly)."""
DIRECTION_EVERY = 20
"""Turns between two stage directions of the play and the script."""
VERSE_CHARS = 56
"""How long a verse line of the play grows before the next one starts."""


def character_of(label: str) -> str:
    """The person behind a printed label: `Dr. Jane Thompson`, `Thompson` → `Thompson`.

    The workload prints each speaker in several ways; the last name (without
    an affiliation in brackets, and up to its hyphen) keys them together.
    """
    words = label.split("(")[0].split()
    return words[-1].split("-")[0] if words else label


def characters(turns: Turns) -> dict[str, str]:
    """Each label's character name: the longest last word printed for that person."""
    longest: dict[str, str] = {}
    for label, _ in turns:
        key = character_of(label)
        last = label.split("(")[0].split()[-1]
        if len(last) > len(longest.get(key, "")):
            longest[key] = last
    return {label: longest[character_of(label)] for label, _ in turns}


def as_oral_history(turns: Turns) -> str:
    names = list(dict.fromkeys(label for label, _ in turns))
    pages = len(turns) // PAGE_EVERY + 1
    lines = [
        "RIVERS, RAILS AND RYE BREAD ORAL HISTORY PROJECT",
        "Valley Historical Society, Local History Room",
        "",
        f"INTERVIEWEE: {names[1] if len(names) > 1 else names[0]}",
        f"INTERVIEWER: {names[0]}",
        "DATE: March 3, 2024",
        "PLACE: Valley Historical Society, Reading Room",
        "TRANSCRIBER: A. Reyes",
        "",
    ]
    for index, (label, paras) in enumerate(turns):
        if index and index % PAGE_EVERY == 0:
            page = index // PAGE_EVERY + 1
            lines += [f"Valley Oral History    Interview 7    Page {page} of {pages}", ""]
        lines.append(f"{label}:")
        for para in paras:
            lines += [para, ""]
    return "\n".join(lines)


def as_play(turns: Turns) -> str:
    cast = characters(turns)
    people = list(dict.fromkeys(cast.values()))
    lines = ["RIVERS, RAILS AND RYE BREAD", "", "DRAMATIS PERSONAE", ""]
    lines += [f"  {person.upper()}, a witness of the long winter." for person in people]
    lines += ["", "ACT I. SCENE I.", "A radio studio in the valley.", ""]
    lines.append(f"Enter {', '.join(people[:-1])} and {people[-1]}.")
    lines.append("")
    for index, (label, paras) in enumerate(turns):
        if index and index % DIRECTION_EVERY == 0:
            lines.append(" " * 50 + f"Enter {cast[label]}.")
        verse = _verse(" ".join(paras))
        lines.append(f"  {cast[label][:3]}. {verse[0]}")
        lines += [f"    {line}" for line in verse[1:]]
    lines.append(" " * 50 + "Exeunt.")
    return "\n".join(lines) + "\n"


def _verse(text: str) -> list[str]:
    """Speech broken into verse lines of about `VERSE_CHARS` characters, at spaces."""
    lines: list[str] = []
    current: list[str] = []
    width = 0
    for word in text.split():
        if current and width + len(word) > VERSE_CHARS:
            lines.append(" ".join(current))
            current, width = [], 0
        current.append(word)
        width += len(word) + 1
    if current:
        lines.append(" ".join(current))
    return lines or [""]


PARENTHETICALS = ("(quietly)", "(leaning in)", "(after a pause)", "(to the camera)")


def as_tv_script(turns: Turns) -> str:
    cast = characters(turns)
    lines = [
        'Rivers and Rails - 1x07 "The Long Winter"',
        "",
        "[Scene: A radio studio in the valley, winter. The red light is on.]",
        "",
    ]
    for index, (label, paras) in enumerate(turns):
        if index and index % DIRECTION_EVERY == 0:
            lines += [f"[{cast[label]} pours a cup of tea and looks out of the window.]", ""]
        cue = f"{PARENTHETICALS[index % 4]} " if index % 7 == 3 else ""
        lines += [f"{label}: {cue}{paras[0]}", ""]
        for para in paras[1:]:
            lines += [para, ""]
    return "\n".join(lines)


EXTRA_STYLES: dict[str, Callable[[Turns], str]] = {
    "oral-history": as_oral_history,
    "play-verse": as_play,
    "tv-script": as_tv_script,
}
styles.STYLES.update(EXTRA_STYLES)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if "--styles" not in args:
        args += ["--styles", *EXTRA_STYLES]
    return styles.main(args)


if __name__ == "__main__":
    sys.exit(main())
