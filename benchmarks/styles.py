#!/usr/bin/env python3
"""Time reading every input style beside the `model.attrs` floor, in the same process and run.

    python benchmarks/styles.py                     # 1k and 10k turns, 5 rounds
    python benchmarks/styles.py --turns 1000 10000 50000 --rounds 3
    python benchmarks/styles.py --styles otter-export zoom-vtt

The perf kit's workload (../shared/perf, or --perf DIR) gives the words: its
`.txt` interview at N turns is split into (speaker, paragraphs) turns and
written out again in each style's syntax (cue timings, Q./A., bold labels,
CHAT tiers …), so every style carries the same speech. Each round times the
kit's `model.attrs` floor on the `.txt` file and then `transcript.parse` (auto
detection included) on every style, alternating, so drift in machine speed
hits both sides alike. Printed per style: median seconds, the ratio to the
floor (target ≤ 4 at 10k turns) and per-turn growth from the smallest to the
largest size (linear ≈ 1.0). Without the kit nothing can be compared: the
script says so and exits 2.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PERF = REPO.parent / "shared" / "perf"
TARGET = 4.0
Turns = list[tuple[str, list[str]]]


def clock(seconds: float, sep: str = ".") -> str:
    whole = int(seconds)
    millis = int((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{whole % 60:02d}{sep}{millis:03d}"


def short_clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def surname(name: str) -> str:
    """The last word of a label, its parenthesis taken off: `Editor (Time.news)` → `Time.news`."""
    return name.replace("(", "").replace(")", "").split()[-1]


def code_of(name: str) -> str:
    letters = [c for c in name.upper() if c.isalpha()]
    return "".join(letters[:3]).ljust(3, "X")


# --------------------------------------------------------------------------- styles
# Each writer turns the same (speaker, paragraphs) list into one style's syntax.
# Speakers are written with their first printed label; times advance 7 s per turn.


def as_plain(turns: Turns) -> str:
    return "\n\n".join(f"{name}: " + "\n\n".join(paras) for name, paras in turns) + "\n"


def as_markdown(turns: Turns) -> str:
    body = "\n\n".join(f"**{name}:** " + "\n\n".join(paras) for name, paras in turns)
    return "# An interview\n\n" + body + "\n"


def as_webvtt(turns: Turns) -> str:
    cues = [
        f"{clock(i * 7)} --> {clock(i * 7 + 6)}\n<v {name}>{' '.join(paras)}</v>"
        for i, (name, paras) in enumerate(turns)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def as_zoom(turns: Turns) -> str:
    cues = [
        f"{i + 1}\n{clock(i * 7)} --> {clock(i * 7 + 6)}\n{name}: {' '.join(paras)}"
        for i, (name, paras) in enumerate(turns)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


def as_srt(turns: Turns) -> str:
    cues = [
        f"{i + 1}\n{clock(i * 7, ',')} --> {clock(i * 7 + 6, ',')}\n"
        f"{name.upper()}: {' '.join(paras)}"
        for i, (name, paras) in enumerate(turns)
    ]
    return "\n\n".join(cues) + "\n"


def as_otter(turns: Turns) -> str:
    return (
        "\n\n".join(
            f"{name}  {short_clock(i * 7)}\n" + "\n".join(paras)
            for i, (name, paras) in enumerate(turns)
        )
        + "\n"
    )


def as_rev(turns: Turns) -> str:
    return (
        "\n\n".join(
            f"{name} ({clock(i * 7)[:8]}):\n" + "\n".join(paras)
            for i, (name, paras) in enumerate(turns)
        )
        + "\n"
    )


def as_bracket(turns: Turns) -> str:
    return (
        "\n".join(
            f"[{clock(i * 7)[:8]}] {name}: {' '.join(paras)}"
            for i, (name, paras) in enumerate(turns)
        )
        + "\n"
    )


def as_chat(turns: Turns) -> str:
    names = list(dict.fromkeys(name for name, _ in turns))
    codes = {name: code_of(name) + str(k) for k, name in enumerate(names)}
    participants = ", ".join(f"{codes[n]} {n.replace(' ', '_')} Participant" for n in names)
    lines = ["@UTF8", "@Begin", "@Languages:\teng", f"@Participants:\t{participants}"]
    lines += [f"*{codes[name]}:\t{' '.join(paras)}" for name, paras in turns]
    return "\n".join([*lines, "@End"]) + "\n"


def as_deposition(turns: Turns) -> str:
    lines = ["JANE ROE, having been first duly sworn, testified as follows:", "", "BY MR. DOE:"]
    for i, (_, paras) in enumerate(turns):
        lines.append(f"     {'Q' if i % 2 == 0 else 'A'}.   {' '.join(paras)}")
    return "\n".join(lines) + "\n"


def as_hearing(turns: Turns) -> str:
    """Older GPO printing, one line per paragraph: `Mr. SMITH.` with the surname in capitals."""
    paragraphs = [f"    Mr. {surname(name).upper()}. {' '.join(paras)}" for name, paras in turns]
    return "[From the U.S. Government Publishing Office]\n\n" + "\n\n".join(paragraphs) + "\n"


# --------------------------------------------------------------------------- styles: courts,
# hearings, parliament, briefings and calls (the testimony, hearing, hansard, briefing and
# earnings readers). Each is one writer; `printed_as` maps a workload label to how the style
# prints that speaker, from the label's words alone.

COURT_WIDTH = 56
"""Characters of speech on a numbered transcript line (after the margin and tab stop)."""
LINES_PER_PAGE = 25
GPO_WIDTH = 66
GPO_INDENT = 4


def wrapped(text: str, width: int, first: int = 0) -> list[str]:
    """`text` broken at spaces into lines of `width` (the first line `first` shorter)."""
    lines: list[str] = []
    line = ""
    limit = width - first
    for word in text.split():
        if line and len(line) + 1 + len(word) > limit:
            lines.append(line)
            line, limit = word, width
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line]


def paginated(body: list[str], header: Callable[[int], list[str]], footer: list[str]) -> str:
    """Numbered pages of 25 lines (`" 1   text"`), each between its header and footer."""
    out: list[str] = []
    for page, start in enumerate(range(0, len(body), LINES_PER_PAGE), 1):
        out += header(page)
        out += [f"{n:2d}{text}" for n, text in enumerate(body[start : start + LINES_PER_PAGE], 1)]
        out += footer
    return "\n".join(out) + "\n"


def court_turn(label: str, paras: list[str]) -> list[str]:
    """A colloquy turn at the tab stop, wrapped to the margin; later paragraphs at the tab stop."""
    lines: list[str] = []
    for k, para in enumerate(paras):
        lead = f"{label}:  " if k == 0 else ""
        first, *rest = wrapped(para, COURT_WIDTH, len(lead))
        lines.append(f"              {lead}{first}")
        lines += [f"   {line}" for line in rest]
    return lines


def as_scotus(turns: Turns) -> str:
    """A Supreme Court argument: the Court's running header, numbered lines, `JUSTICE X:`."""

    def printed_as(name: str) -> str:
        if name.startswith("Editor"):
            return "CHIEF JUSTICE EDITOR" if "(" in name else "JUSTICE EDITOR"
        return f"MR. {surname(name).upper()}"

    body = ["                        P R O C E E D I N G S"]
    body += ["                                                 (10:04 a.m.)"]
    counsel = next(surname(name) for name, _ in turns if not name.startswith("Editor"))
    body += [f"               ORAL ARGUMENT OF {counsel.upper()}"]
    body += ["                   ON BEHALF OF THE PETITIONER"]
    for name, paras in turns:
        body += court_turn(printed_as(name), paras)

    def header(page: int) -> list[str]:
        return ["                    Official - Subject to Final Review", f"{page:>65}"]

    return paginated(body, header, ["                        Marlowe Reporting Company", ""])


def as_trial(turns: Turns) -> str:
    """A PACER trial transcript: filing stamp, numbered lines, `Q.`/`A.` at the margin.

    The interviewer asks (`Q.`), the others answer (`A.`); the interviewer's
    variant with an affiliation is the judge (`THE COURT:`) at the tab stop.
    """
    body: list[str] = []
    for name, paras in turns:
        if "(" in name:
            body += court_turn("THE COURT", paras)
            continue
        letter = "Q" if name.startswith("Editor") else "A"
        for k, para in enumerate(paras):
            lead = f"{letter}.  " if k == 0 else "           "
            first, *rest = wrapped(para, COURT_WIDTH + 10, len(lead))
            body.append(f"   {lead}{first}")
            body += [f"   {line}" for line in rest]
    pages = (len(body) + LINES_PER_PAGE - 1) // LINES_PER_PAGE

    def header(page: int) -> list[str]:
        return [
            f"Case 1:26-cr-00391-LMV   Document 214   Filed 02/18/27   Page {page} of {pages}",
            f"{page:>68}",
            "",
        ]

    return paginated(body, header, [""])


def as_hearing_mixed(turns: Turns) -> str:
    """Later GPO printing: `Mr. Thompson.` in mixed case, paragraphs wrapped to column 0."""

    def printed_as(name: str) -> str:
        return "The Chairman" if "(" in name else f"Mr. {surname(name)}"

    lines = [
        "[Senate Hearing 118-402]",
        "[From the U.S. Government Publishing Office]",
        "                  OVERSIGHT OF RURAL BROADBAND MAPPING",
        "                                HEARING",
        "                             APRIL 9, 2024",
        "",
    ]
    for name, paras in turns:
        for k, para in enumerate(paras):
            text = f"{printed_as(name)}. {para}" if k == 0 else para
            first, *rest = wrapped(text, GPO_WIDTH, GPO_INDENT)
            lines += [f"    {first}", *rest]
    return "\n".join(lines) + "\n"


CONSTITUENCIES = ("Arlesford and Crane", "Hesketh North", "Wexcombe", "Tilbury East")
PARTIES = ("LD", "Lab", "Con", "SNP")
HANSARD_HEADINGS = ("Harbour Infrastructure Fund", "Fishing Quotas", "Rural Bus Services")


def as_hansard(turns: Turns) -> str:
    """Westminster Hansard: `Name (Constituency) (Party):` at a member's first turn, `Name:`
    after, an `Office (Name):` minister, margin times and subject headings."""
    lines = [
        "House of Commons",
        "Wednesday 9 June 2027",
        "The House met at half-past Eleven o’clock",
        "Prayers",
        "[Mr Speaker in the Chair]",
        "",
        "Oral Answers to Questions",
        "",
    ]
    seen: set[str] = set()
    minister = next(name for name, _ in turns if not name.startswith("Editor"))
    for i, (name, paras) in enumerate(turns):
        if i % 100 == 0:
            lines += [HANSARD_HEADINGS[i // 100 % len(HANSARD_HEADINGS)], ""]
        if i % 25 == 0:
            lines += [f"{12 + i // 600 % 10}.{i // 25 % 60:02d} pm", ""]
        printed = name.replace(".", "")
        if name == minister:
            office = "The Minister for Coastal Communities"
            printed = f"{office} ({printed})" if name not in seen else office
        elif name not in seen and "(" not in name:
            k = len(seen)
            printed += f" ({CONSTITUENCIES[k % 4]}) ({PARTIES[k % 4]})"
        seen.add(name)
        lines += [f"{printed}: {paras[0]}", ""]
        for para in paras[1:]:
            lines += [para, ""]
    return "\n".join(lines) + "\n"


def as_briefing(turns: Turns) -> str:
    """A White House briefing: release header, `Q    ` reporters, `MS. NAME:` briefers, END."""
    lines = [
        "THE WHITE HOUSE",
        "Office of the Press Secretary",
        "FOR IMMEDIATE RELEASE",
        "June 11, 2027",
        "",
        "PRESS BRIEFING BY PRESS SECRETARY DANA KOVACS",
        "",
        "James S. Brady Press Briefing Room",
        "",
        "1:14 P.M. EDT",
        "",
    ]
    for name, paras in turns:
        lead = "Q    " if name.startswith("Editor") else f"MS. {surname(name).upper()}:  "
        lines += [lead + paras[0], ""]
        for para in paras[1:]:
            lines += [para, ""]
    lines += ["END                1:52 P.M. EDT"]
    return "\n".join(lines) + "\n"


EXECUTIVE_TITLES = ("Chief Executive Officer", "Chief Financial Officer", "Vice President")


def as_earnings(turns: Turns) -> str:
    """An earnings call (Motley Fool layout): `Name -- Title` rosters, then each turn's
    speaker alone on a line; the interviewer's affiliated variant is the Operator."""

    def printed_as(name: str) -> str:
        return "Operator" if "(" in name else name

    names = list(dict.fromkeys(printed_as(name) for name, _ in turns))
    analysts = [name for name in names if name.startswith("Editor")]
    executives = [name for name in names if name != "Operator" and name not in analysts]
    lines = ["Corvane Robotics (CRVN) Q3 2027 Earnings Call Transcript", "", "Nov 4, 2027", ""]
    lines += ["Call participants:", ""]
    lines += [f"{n} -- {EXECUTIVE_TITLES[k % 3]}" for k, n in enumerate(executives)]
    lines += [f"{n} -- Halcyon Securities -- Analyst" for n in analysts]
    lines += ["", "Prepared Remarks:", ""]
    for name, paras in turns:
        lines += [printed_as(name), ""]
        for para in paras:
            lines += [para, ""]
    return "\n".join(lines) + "\n"


STYLES: dict[str, Callable[[Turns], str]] = {
    "news-article-interview": as_plain,
    "markdown-bold-interview": as_markdown,
    "webvtt-voice": as_webvtt,
    "zoom-vtt": as_zoom,
    "srt-sdh": as_srt,
    "otter-export": as_otter,
    "rev-export": as_rev,
    "bracket-timestamp": as_bracket,
    "chat-cha": as_chat,
    "deposition-qa": as_deposition,
    "hearing-gpo-caps": as_hearing,
    "hearing-gpo-mixed": as_hearing_mixed,
    "trial-qa-unnamed": as_trial,
    "scotus-argument": as_scotus,
    "hansard": as_hansard,
    "press-briefing": as_briefing,
    "earnings-call": as_earnings,
}


# --------------------------------------------------------------------------- measuring


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def timed(call: Callable[[], object]) -> float:
    gc.collect()
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    del result
    return seconds


def measure(perf: Path, data: Path, n: int, styles: Sequence[str], rounds: int) -> dict[str, float]:
    import transcript

    sys.path.insert(0, str(perf))
    floor = load_module(perf / "floor_parse.py", "floor_parse")
    perfutil = sys.modules["perfutil"]
    txt = perfutil.paths(str(data), n)["txt"]
    raw = Path(txt).read_text(encoding="utf-8")
    turns = [(label, body.strip().split("\n\n")) for label, body in perfutil.split_turns(raw)]
    texts = {style: STYLES[style](turns) for style in styles}
    expected = len(turns)
    for style, text in texts.items():  # warm-up, and a check that the style reads whole
        found = len(transcript.parse(text).turns)
        if found != expected:
            print(f"  note: {style} read {found} turns of {expected}")
    floor.model_attrs(txt)
    samples: dict[str, list[float]] = {"model.attrs": [], **{s: [] for s in styles}}
    for _ in range(rounds):
        samples["model.attrs"].append(timed(lambda: floor.model_attrs(txt)))
        for style, text in texts.items():
            samples[style].append(timed(lambda text=text: transcript.parse(text)))
    return {name: statistics.median(values) for name, values in samples.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--perf", type=Path, default=DEFAULT_PERF)
    parser.add_argument("--styles", nargs="+", choices=sorted(STYLES), default=list(STYLES))
    args = parser.parse_args(argv)
    if not (args.perf / "floor_parse.py").exists():
        print(f"no perf kit at {args.perf}: nothing to compare against", file=sys.stderr)
        return 2
    data = Path(tempfile.gettempdir()) / "transcript-perf"
    subprocess.run(
        [
            sys.executable,
            str(args.perf / "gen_workload.py"),
            "--out",
            str(data),
            "--turns",
            *map(str, args.turns),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    results = {n: measure(args.perf, data, n, args.styles, args.rounds) for n in args.turns}
    sizes = sorted(results)
    print(f"{'style':26}" + "".join(f"{n:>10} s {'ratio':>6}" for n in sizes) + "  per-turn growth")
    floor_line = f"{'model.attrs (floor)':26}"
    for n in sizes:
        floor_line += f"{results[n]['model.attrs']:>12.4f} {'':>6}"
    print(floor_line)
    worst = 0.0
    for style in args.styles:
        line = f"{style:26}"
        for n in sizes:
            ratio = results[n][style] / results[n]["model.attrs"]
            worst = max(worst, ratio) if n >= 10000 else worst
            line += f"{results[n][style]:>12.4f} {ratio:>6.2f}"
        small, large = sizes[0], sizes[-1]
        growth = (results[large][style] / large) / (results[small][style] / small)
        print(line + f"  {growth:.2f}")
    print(f"worst ratio at >=10k turns: {worst:.2f} (target <= {TARGET:g})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
