#!/usr/bin/env python3
"""Time `transcript` beside the shared performance floors and print same-run ratios.

    python benchmarks/bench.py                          # 1k and 10k turns, 5 rounds
    python benchmarks/bench.py --quick                  # 1k only, 3 rounds: a smoke test
    python benchmarks/bench.py --turns 10000 50000 --json bench.jsonl

Absolute times move with the machine and the hour, so the only figures worth
comparing are ratios to an anchor measured in the same run on the same input.
When the perf kit (../shared/perf beside the checkout, or --perf DIR) is
present, its workload generator writes the input files and its floor scripts
run in fresh processes, alternating round by round with the project (A/B), so
drift in machine speed hits both sides alike. Without the kit a built-in
generator of the same shape is used and only the project's own figures are
printed. Stdlib and the project only; see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_PERF = REPO.parent / "shared" / "perf"
DEFAULT_DATA = Path(tempfile.gettempdir()) / "transcript-perf"  # the kit's own default folder
PROCESS_TIMEOUT = 600.0  # seconds for one whole-process run before it is killed
RSS_UNIT = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes vs KiB


# --------------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    """A ratio target from BASELINES.md section 4 (project / anchor, lower is better)."""

    realistic: float
    ceiling: float


TARGETS = {
    "parse": Target(4.0, 8.0),
    "to_json": Target(2.5, 4.0),
    "from_json": Target(3.0, 5.0),
    "cli_json": Target(2.0, 3.0),
    "to_html": Target(2.0, 3.0),
    "cli_html": Target(2.0, 3.0),
    "cli_peak": Target(2.0, 3.0),
    "scaling": Target(1.25, 1.5),
    "to_pdf": Target(1.3, 1.6),
    "cli_pdf": Target(1.3, 1.6),
}

# Floor stage names exactly as floor_parse.py / floor_json.py report them.
FINDITER = "parse.finditer"
MODEL_ATTRS = "model.attrs"
DICTS_DUMPS = "json.dicts+dumps (from attrs)"
LOADS = "json.loads"
BUILD_TOSTRING = "html.build+tostring"  # floor_html.py: lxml tree + lxml.html.tostring
PLATYPUS_TTF = "pdf.platypus ttf"

# The PDF floors run with the package's own DejaVu files, so both sides embed the same font.
FONTS = REPO / "src" / "transcript" / "write" / "fonts"
FLOOR_TTF = (FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf")


# --------------------------------------------------------------------------- workload


@dataclass(frozen=True)
class Workload:
    """One input file and the counts a reader's result can be checked against."""

    turns: int
    path: Path
    nbytes: int
    paragraphs: int


def kit_workloads(perf: Path, data: Path, sizes: Sequence[int]) -> list[Workload]:
    """The floors' own files, generated once by the kit with its defaults (seed, speakers)."""
    missing = [n for n in sizes if not _kit_meta(data, n).exists()]
    if missing:
        print(f"generating {missing} with {perf / 'gen_workload.py'} ...", file=sys.stderr)
        command = [sys.executable, str(perf / "gen_workload.py"), "--out", str(data), "--turns"]
        subprocess.run([*command, *map(str, missing)], check=True, stdout=subprocess.DEVNULL)
    return [_kit_workload(data, n) for n in sizes]


def _kit_meta(data: Path, n: int) -> Path:
    return data / f"interview-{n}.meta.json"


def _kit_workload(data: Path, n: int) -> Workload:
    meta = json.loads(_kit_meta(data, n).read_text(encoding="utf-8"))
    path = data / f"interview-{n}.txt"
    return Workload(meta["turns"], path, path.stat().st_size, meta["paragraphs"])


BUILTIN_SPEAKERS = (
    ("Editor (Time.news)", ("Editor", "Editor", "Editor")),
    ("Dr. Jane Thompson", ("Dr. Thompson", "Dr. Thompson", "Thompson")),
    ("José Núñez-García", ("Núñez-García", "Núñez-García", "José Núñez")),
)
BUILTIN_WORDS = (
    *("the", "river", "rose", "faster", "than", "anyone", "in", "valley", "could"),
    *("remember", "archive", "Kraków", "station", "master", "bread", "queues"),
    *("winter", "trains", "council", "naïve", "café", "Zürich", "“quiet", "years”"),
    *("—", "…", "letters", "from", "front", "refugee", "harbour", "census", "records"),
    *("nobody", "expected", "Saint-Étienne", "mayor", "strike", "shipyard"),
    *("families", "who", "stayed", "радио", "감사합니다"),
)
BUILTIN_ANNOTATIONS = (" [laughs]", " [inaudible]", " (crosstalk)")


def builtin_workloads(data: Path, sizes: Sequence[int]) -> list[Workload]:
    """Stand-in files when the kit is absent: same shape, NOT the floors' words or sizes.

    They are named builtin-N.txt so they can never be mistaken for the kit's files.
    """
    data.mkdir(parents=True, exist_ok=True)
    works = []
    for n in sizes:
        text, paragraphs = builtin_text(n)
        path = data / f"builtin-{n}.txt"
        path.write_text(text, encoding="utf-8")
        works.append(Workload(n, path, path.stat().st_size, paragraphs))
    return works


def builtin_text(n: int, seed: int = 20241124) -> tuple[str, int]:
    """A title, an intro and n "Name: text" turns; returns the text and its paragraph count.

    No colon is ever generated inside speech, so every label match is a real turn.
    """
    rng = random.Random(seed + n)
    parts = ["Rivers, Rails and Rye Bread — An Interview", _builtin_paragraph(rng, 3)]
    seen: set[int] = set()
    paragraphs = 0
    for i in range(n):
        who = 0 if i % 2 == 0 else rng.choice((1, 1, 2))
        full, variants = BUILTIN_SPEAKERS[who]
        label = rng.choice((full, *variants)) if who in seen else full
        seen.add(who)
        count = rng.choice((2, 2, 3)) if who and rng.random() < 0.1 else 1
        sentences = 1 if who == 0 else rng.randint(1, 5)
        paras = [_builtin_paragraph(rng, sentences) for _ in range(count)]
        parts.append(f"{label}: {paras[0]}")
        parts.extend(paras[1:])
        paragraphs += count
    return "\n\n".join(parts) + "\n", paragraphs


def _builtin_paragraph(rng: random.Random, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choices(BUILTIN_WORDS, k=rng.randint(6, 18))
        out.append(words[0].capitalize() + " " + " ".join(words[1:]) + ".")
    if len(out) > 1 and rng.random() < 0.03:
        out[0] += rng.choice(BUILTIN_ANNOTATIONS)
    return " ".join(out)


# --------------------------------------------------------------------------- samples


@dataclass
class Series:
    """The samples of one figure at one size; `error` says why it could not be measured."""

    group: str
    name: str
    work: Workload
    times: list[float] = field(default_factory=list)
    peaks_mib: list[float] = field(default_factory=list)
    error: str | None = None
    stand_in: bool = False
    """Measured on the bench's stand-in document, not on parse()'s: no verdict is given."""

    @property
    def ok(self) -> bool:
        return self.error is None and bool(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def record(self) -> dict[str, Any]:
        """The machine-readable form written by --json (floor rows use the same keys)."""
        row: dict[str, Any] = {"kind": "figure", "group": self.group, "stage": self.name}
        row.update(turns=self.work.turns, input_bytes=self.work.nbytes, runs=len(self.times))
        if self.error:
            row["error"] = self.error
        if self.stand_in:
            row["stand_in_doc"] = True
        if self.ok:
            med = self.median
            row.update(median_s=med, min_s=min(self.times), max_s=max(self.times))
            row.update(MB_per_s=self.work.nbytes / 1e6 / med, turns_per_s=self.work.turns / med)
        if self.peaks_mib:
            row["peak_mib"] = statistics.median(self.peaks_mib)
        return row


def describe(error: BaseException) -> str:
    """One line for an exception, so a stub or a crash reads as a figure, not a traceback."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first}"[:160]


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else "(no message)"


def timed(call: Callable[[], object]) -> tuple[float, object]:
    """Seconds taken by one call (perf_counter); the result is returned, not freed, inside.

    A full collection first, untimed, so one stage's garbage and GC counters are not
    billed to the next stage measured in the same round (the GC stays on while timing).
    """
    gc.collect()
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


# --------------------------------------------------------------------------- project


def import_project() -> tuple[Any | None, str]:
    """`transcript` as installed, else from this checkout's src/; the text says which."""
    try:
        import transcript
    except ModuleNotFoundError as error:
        if error.name != "transcript":
            return None, f"import transcript failed: {describe(error)}"
        sys.path.insert(0, str(REPO / "src"))
        try:
            import transcript
        except Exception as error:
            return None, f"import transcript failed: {describe(error)}"
    except Exception as error:
        return None, f"import transcript failed: {describe(error)}"
    version = getattr(transcript, "__version__", "?")
    return transcript, f"transcript {version} from {Path(transcript.__file__).parent}"


LABEL = re.compile(r"^([^\s:]+(?: [^\s:]+){0,5}):[ \t]+", re.MULTILINE)


def stand_in_doc(tx: Any, text: str) -> Any:
    """A plain Transcript built by the bench, so the JSON figures exist while parse() does not.

    Only labels and paragraphs, no aliases or annotations: its JSON figures are marked.
    """
    matches = list(LABEL.finditer(text))
    ends = [m.start() for m in matches[1:]] + [len(text)]
    ids: dict[str, str] = {}
    turns = []
    for match, end in zip(matches, ends, strict=True):
        label = match.group(1)
        speaker = ids.setdefault(label, f"s{len(ids) + 1}")
        body = text[match.end() : end].strip().split("\n\n")
        paragraphs = tuple(tx.Paragraph((tx.Text(p),)) for p in body)
        turns.append(tx.Turn(speaker=speaker, label=label, paragraphs=paragraphs))
    speakers = tuple(tx.Speaker(id=i, name=label) for label, i in ids.items())
    return tx.Transcript(speakers=speakers, blocks=tuple(turns))


def count_turns(doc: Any) -> tuple[int, int]:
    turns = doc.turns
    return len(turns), sum(len(t.paragraphs) for t in turns)


class ProjectStages:
    """parse(), to_json(), from_json() on one workload, warmed up once, one call per round."""

    def __init__(self, tx: Any, work: Workload, pdf: bool = True) -> None:
        self.tx = tx
        self.work = work
        self.pdf = pdf
        self.text = work.path.read_bytes().decode("utf-8")  # reading is not part of parse()
        self.notes: list[str] = []
        self.series = {
            "parse": Series("project", "parse()", work),
            "to_json": Series("project", "to_json(doc, indent=None)", work),
            "to_json_default": Series("project", "to_json(doc)  [default indent=2]", work),
            "from_json": Series("project", "from_json(compact)", work),
            "to_html": Series("project", "to_html(doc)", work),
        }
        if pdf:
            self.series["to_pdf"] = Series("project", "to_pdf(doc)", work)
        self.use_parsed = False
        self.doc: Any = None
        self._warm_up()

    def _call(self, key: str, call: Callable[[], object], time_it: bool) -> Any:
        """Run one stage if it still works; record its time or its error."""
        series = self.series[key]
        if series.error:
            return None
        try:
            seconds, result = timed(call)
        except Exception as error:
            series.error = describe(error)
            return None
        if time_it:
            series.times.append(seconds)
        return result

    def _warm_up(self) -> None:
        doc = self._call("parse", lambda: self.tx.parse(self.text), time_it=False)
        if doc is not None:
            self.use_parsed = self._check(doc)
        if self.use_parsed:
            self.doc = doc
        else:
            self._use_stand_in()
        self._writers(time_it=False, check_round_trip=True)

    def _check(self, doc: Any) -> bool:
        """Compare parse()'s counts with the generator's; only a document with turns is used."""
        try:
            turns, paragraphs = count_turns(doc)
        except Exception as error:
            self.notes.append(f"cannot count parse()'s turns: {describe(error)}")
            return False
        expected = (self.work.turns, self.work.paragraphs)
        if (turns, paragraphs) != expected:
            self.notes.append(
                f"WARNING parse() found {turns} turns / {paragraphs} paragraphs, "
                f"the generator wrote {expected[0]} / {expected[1]}"
            )
        return turns > 0

    def _use_stand_in(self) -> None:
        try:
            self.doc = stand_in_doc(self.tx, self.text)
        except Exception as error:
            for key in ("to_json", "to_json_default", "from_json", "to_html"):
                self.series[key].error = f"no document (parse unusable, {describe(error)})"
            return
        self.notes.append(
            "JSON figures use a stand-in document built by the bench (parse() unusable): "
            "labels and paragraphs only, not comparable with a real parse"
        )
        for key in ("to_json", "to_json_default", "from_json", "to_html"):
            self.series[key].name += " *stand-in doc"
            self.series[key].stand_in = True

    def _writers(self, time_it: bool, check_round_trip: bool = False) -> None:
        doc = self.doc
        self._call("to_html", lambda: self.tx.to_html(doc), time_it)
        if self.pdf:
            self._call("to_pdf", lambda: self.tx.to_pdf(doc), time_it)
        compact = self._call("to_json", lambda: self.tx.to_json(doc, indent=None), time_it)
        self._call("to_json_default", lambda: self.tx.to_json(doc), time_it)
        if compact is None:
            if not self.series["from_json"].error:
                self.series["from_json"].error = "no input: to_json(doc, indent=None) failed"
            return
        back = self._call("from_json", lambda: self.tx.from_json(compact), time_it)
        if check_round_trip and back is not None and back != doc:
            self.notes.append("WARNING from_json(to_json(doc)) != doc")

    def sample(self) -> None:
        """One timed call of each stage; parse()'s fresh result feeds the writers.

        The previous document is dropped before parse() runs, as the floors drop
        theirs, so a large live heap does not slow parse()'s garbage collection.
        """
        if self.use_parsed:
            self.doc = None
            self.doc = self._call("parse", lambda: self.tx.parse(self.text), time_it=True)
            if self.doc is None:
                return
        else:
            self._call("parse", lambda: self.tx.parse(self.text), time_it=True)
        self._writers(time_it=True)


def import_failed(work: Workload, message: str) -> dict[str, Series]:
    """Rows that say why no project figure exists, so the table still shows what is missing."""
    names = {"parse": "parse()", "to_json": "to_json()", "from_json": "from_json()"}
    return {key: Series("project", name, work, error=message) for key, name in names.items()}


# --------------------------------------------------------------------------- anchors


class Anchors:
    """The kit's in-process floors, one fresh process per round so they alternate with the project.

    Each floor run is `--repeat 1`: its own untimed warm-up, then one timed call.
    """

    def __init__(self, perf: Path, data: Path, work: Workload, pdf: bool = True) -> None:
        self.perf = perf
        self.data = data
        self.work = work
        self.pdf = pdf
        self.series = {
            name: Series("anchor", name, work)
            for name in (FINDITER, MODEL_ATTRS, DICTS_DUMPS, LOADS, BUILD_TOSTRING)
        }
        if pdf:
            self.series[PLATYPUS_TTF] = Series("anchor", PLATYPUS_TTF, work)
        self.series["from_json_anchor"] = Series(
            "anchor", "json.loads + (model.attrs - finditer)", work
        )

    def _floor(self, script: str, *extra: str) -> dict[str, float]:
        """Run one floor script and return {stage: seconds} from its own --json output."""
        handle, out = tempfile.mkstemp(prefix="bench-floor-", suffix=".jsonl")
        os.close(handle)
        command = [sys.executable, str(self.perf / script), "--data", str(self.data)]
        command += ["--turns", str(self.work.turns), "--repeat", "1", "--min-runs", "1"]
        command += ["--json", out, *extra]
        try:
            proc = subprocess.run(command, capture_output=True, text=True, check=False)
            if proc.returncode:
                raise RuntimeError(f"{script} exit {proc.returncode}: {last_line(proc.stderr)}")
            lines = Path(out).read_text(encoding="utf-8").splitlines()
        finally:
            Path(out).unlink(missing_ok=True)
        rows = [json.loads(line) for line in lines if line.strip()]
        return {row["stage"]: row["median_s"] for row in rows}

    def sample(self) -> None:
        """One round: floor_parse.py, floor_json.py and floor_html.py once each; a failure
        stops the anchors."""
        if any(s.error for s in self.series.values()):
            return
        try:
            seconds = self._floor("floor_parse.py", "--stages", FINDITER, MODEL_ATTRS)
            seconds.update(self._floor("floor_json.py"))
            seconds.update(self._floor("floor_html.py"))
            if self.pdf:
                regular, bold = map(str, FLOOR_TTF)
                seconds.update(
                    self._floor(
                        "floor_pdf.py",
                        "--stages",
                        "platypus-ttf",
                        "--ttf",
                        regular,
                        "--ttf-bold",
                        bold,
                    )
                )
            for name in (FINDITER, MODEL_ATTRS, DICTS_DUMPS, LOADS, BUILD_TOSTRING):
                self.series[name].times.append(seconds[name])
            if self.pdf:
                self.series[PLATYPUS_TTF].times.append(seconds[PLATYPUS_TTF])
        except (RuntimeError, KeyError, ValueError, OSError) as error:
            for series in self.series.values():
                series.error = describe(error)

    def finish(self) -> None:
        """Derive the from_json() anchor: json.loads per round + the cost of building objects.

        The object cost, model.attrs - parse.finditer, is taken from the medians over all
        rounds: a difference of two single samples is too noisy (it can even go negative).
        """
        loads, model, finditer = (self.series[n] for n in (LOADS, MODEL_ATTRS, FINDITER))
        derived = self.series["from_json_anchor"]
        if not (loads.ok and model.ok and finditer.ok):
            derived.error = loads.error or model.error or finditer.error or "no samples"
            return
        build = model.median - finditer.median
        if build <= 0:
            derived.error = "model.attrs <= parse.finditer in this run: too noisy to derive"
            return
        derived.times = [t + build for t in loads.times]


# --------------------------------------------------------------------------- whole process


@dataclass(frozen=True)
class ProcessRun:
    """One whole-process run: seconds, peak MiB, exit status and what it wrote to stderr."""

    wall: float
    peak_mib: float
    returncode: int
    stderr: str


def run_process(command: Sequence[str]) -> ProcessRun:
    """Wall time from spawn to reap and the child's peak RSS, from os.wait4's rusage.

    The same measurement as BASELINES.md section 1; stdout is discarded.
    """
    with tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        killer = threading.Timer(PROCESS_TIMEOUT, os.killpg, (proc.pid, signal.SIGKILL))
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    return ProcessRun(wall, usage.ru_maxrss / RSS_UNIT, proc.returncode, message)


def cli_env() -> dict[str, str]:
    """The child sees the same `transcript` as this process (src/ added only if we added it)."""
    env = dict(os.environ)
    src = str(REPO / "src")
    if sys.path and sys.path[0] == src:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    return env


SPAWN_FLAG = "--spawn-runs"  # internal: this file as a small launcher, see spawn_runs()


def spawn_runs(commands: dict[str, list[str]], runs: int) -> dict[str, dict[str, Any]]:
    """Warm up each command once, then run them alternately (A B A B ...).

    Runs inside a fresh launcher process, never inside the bench itself: a child's
    peak RSS as the kernel reports it is at least its parent's at spawn time, so
    spawning from a process that holds 50k parsed turns would report the bench's
    memory instead of the command's.
    """
    results: dict[str, dict[str, Any]] = {
        key: {"walls": [], "peaks_mib": [], "error": None} for key in commands
    }
    for key, command in commands.items():
        first = run_process(command)
        if first.returncode:
            results[key]["error"] = f"exit {first.returncode}: {last_line(first.stderr)}"
    for _ in range(runs):
        for key, command in commands.items():
            result = results[key]
            if result["error"]:
                continue
            run = run_process(command)
            if run.returncode:
                result["error"] = f"exit {run.returncode}: {last_line(run.stderr)}"
                continue
            result["walls"].append(run.wall)
            result["peaks_mib"].append(run.peak_mib)
    return results


def spawn_main() -> int:
    """The launcher's side: a JSON spec on stdin, the results as JSON on stdout."""
    spec = json.load(sys.stdin)
    json.dump(spawn_runs(spec["commands"], spec["runs"]), sys.stdout)
    return 0


def compile_package() -> None:
    """Write the package's bytecode before any whole-process run, as `pip install` does.

    An editable checkout compiles each module on first import and caches it in
    `__pycache__`, unless PYTHONDONTWRITEBYTECODE is set (as on some CI images and
    sandboxes): then every run recompiles the whole package (~80 ms), a cost no
    installed copy has and the floors, whose libraries are installed, never pay.
    """
    import compileall

    import transcript

    compileall.compile_dir(Path(transcript.__file__).parent, quiet=1)


def measure_cli(
    work: Workload,
    runs: int,
    perf: Path | None,
    env: dict[str, str],
    outdir: Path,
    pdf: bool = True,
) -> dict[str, Series]:
    """`python -m transcript convert X.txt -o out.json|.html|.pdf` against floor_cli.py
    json|html|pdf-ttf (PDF with the package's DejaVu files), all alternating A B C … A B C …."""
    project_out = outdir / f"transcript-{work.turns}.json"
    html_out = outdir / f"transcript-{work.turns}.html"
    project_cmd = [sys.executable, "-m", "transcript", "convert", str(work.path)]
    commands = {
        "cli": [*project_cmd, "-o", str(project_out)],
        "cli_html": [*project_cmd, "-o", str(html_out)],
    }
    series = {
        "cli": Series("cli", "python -m transcript convert -> .json", work),
        "cli_html": Series("cli", "python -m transcript convert -> .html", work),
    }
    if perf is not None:
        for kind, key in (("json", "floor_cli"), ("html", "floor_cli_html")):
            floor_out = outdir / f"floor-{work.turns}.{kind}"
            floor_cmd = [sys.executable, str(perf / "floor_cli.py"), kind, str(work.path)]
            commands[key] = [*floor_cmd, str(floor_out)]
            series[key] = Series("anchor", f"floor_cli.py {kind}", work)
    if pdf:
        pdf_out = outdir / f"transcript-{work.turns}.pdf"
        commands["cli_pdf"] = [*project_cmd, "-o", str(pdf_out)]
        series["cli_pdf"] = Series("cli", "python -m transcript convert -> .pdf", work)
        if perf is not None:
            floor_pdf = [sys.executable, str(perf / "floor_cli.py"), "pdf-ttf", str(work.path)]
            commands["floor_cli_pdf"] = [*floor_pdf, str(outdir / f"floor-{work.turns}.pdf")]
            series["floor_cli_pdf"] = Series("anchor", "floor_cli.py pdf-ttf", work)
            env = {**env, "FLOOR_TTF": str(FLOOR_TTF[0]), "FLOOR_TTF_BOLD": str(FLOOR_TTF[1])}
    project_out.unlink(missing_ok=True)
    html_out.unlink(missing_ok=True)
    compile_package()
    spec = json.dumps({"commands": commands, "runs": runs})
    launcher = [sys.executable, str(Path(__file__).resolve()), SPAWN_FLAG]
    proc = subprocess.run(launcher, input=spec, capture_output=True, text=True, env=env)
    if proc.returncode:
        for item in series.values():
            item.error = f"launcher failed: {last_line(proc.stderr)}"
        return series
    for key, result in json.loads(proc.stdout).items():
        series[key].times = result["walls"]
        series[key].peaks_mib = result["peaks_mib"]
        series[key].error = result["error"]
    for key, out in (("cli", project_out), ("cli_html", html_out)):
        if series[key].ok and not out.exists():
            series[key].error = f"exit 0 but {out.name} was not written"
    return series


# --------------------------------------------------------------------------- ratios


@dataclass(frozen=True)
class Ratio:
    """project / anchor; `values` holds one ratio per A/B round (or one, for scaling)."""

    name: str
    turns: int
    values: tuple[float, ...] = ()
    target: Target | None = None
    error: str | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def verdict(self) -> str:
        if self.error or not self.values:
            return "n/a"
        if self.target is None:
            return "info"
        if self.median <= self.target.realistic:
            return "PASS"
        return "FAIL" if self.median <= self.target.ceiling else "FAIL (over ceiling)"

    def record(self) -> dict[str, Any]:
        row: dict[str, Any] = {"kind": "ratio", "ratio": self.name, "turns": self.turns}
        if self.values:
            row.update(median=self.median, min=min(self.values), max=max(self.values))
        if self.target:
            row.update(target=self.target.realistic, ceiling=self.target.ceiling)
        row.update(verdict=self.verdict, rounds=len(self.values))
        if self.error:
            row["error"] = self.error
        return row


def paired(name: str, a: Series | None, b: Series | None, target: Target) -> Ratio:
    """Median of per-round ratios: a round's drift cancels because A and B ran back to back."""
    turns = (a or b).work.turns if (a or b) else 0
    for side in (a, b):
        if side is None:
            return Ratio(name, turns, target=target, error="not measured")
        if not side.ok:
            return Ratio(name, turns, target=target, error=f"{side.name}: {side.error}")
    assert a is not None and b is not None
    if len(a.times) != len(b.times):
        return Ratio(name, turns, target=target, error="unequal number of rounds")
    values = tuple(x / y for x, y in zip(a.times, b.times, strict=True))
    if a.stand_in:
        return Ratio(name + " *stand-in doc", turns, values)
    return Ratio(name, turns, values, target)


def peak_ratio(cli: Series | None, floor: Series | None) -> Ratio | None:
    """Peak memory is a 50k-turn target (BASELINES section 4); smaller sizes are start-up."""
    if cli is None or cli.work.turns < 50_000:
        return None
    name = "CLI json peak RSS / floor_cli json"
    if floor is None or not cli.peaks_mib or len(cli.peaks_mib) != len(floor.peaks_mib):
        return Ratio(name, cli.work.turns, target=TARGETS["cli_peak"], error="not measured")
    values = tuple(a / b for a, b in zip(cli.peaks_mib, floor.peaks_mib, strict=True))
    return Ratio(name, cli.work.turns, values, TARGETS["cli_peak"])


def size_ratios(figures: dict[str, Series]) -> list[Ratio]:
    """The section-4 ratios that one size gives: each project figure over its anchor."""
    get = figures.get
    ratios = [
        paired("parse / model.attrs", get("parse"), get(MODEL_ATTRS), TARGETS["parse"]),
        paired("to_json / json.dicts+dumps", get("to_json"), get(DICTS_DUMPS), TARGETS["to_json"]),
        paired(
            "from_json / json.loads + (model.attrs - finditer)",
            get("from_json"),
            get("from_json_anchor"),
            TARGETS["from_json"],
        ),
        paired(
            "CLI json / floor_cli json (wall)", get("cli"), get("floor_cli"), TARGETS["cli_json"]
        ),
        paired(
            "to_html / html.build+tostring", get("to_html"), get(BUILD_TOSTRING), TARGETS["to_html"]
        ),
        paired(
            "CLI html / floor_cli html (wall)",
            get("cli_html"),
            get("floor_cli_html"),
            TARGETS["cli_html"],
        ),
    ]
    if "to_pdf" in figures:
        ratios += [
            paired(
                "to_pdf / pdf.platypus ttf", get("to_pdf"), get(PLATYPUS_TTF), TARGETS["to_pdf"]
            ),
            paired(
                "CLI pdf / floor_cli pdf-ttf (wall)",
                get("cli_pdf"),
                get("floor_cli_pdf"),
                TARGETS["cli_pdf"],
            ),
        ]
    peak = peak_ratio(get("cli"), get("floor_cli"))
    return [*ratios, peak] if peak else ratios


def scaling_ratios(by_size: dict[int, dict[str, Series]]) -> list[Ratio]:
    """Per-turn time at the largest size over per-turn time at 10k (1.00 = linear)."""
    largest = max(by_size)
    if 10_000 not in by_size or largest <= 10_000:
        return [
            Ratio("scaling parse() per turn (largest / 10k)", largest, error="add a size above 10k")
        ]
    out = []
    for key, name, target in (
        ("parse", "scaling parse() per turn", TARGETS["scaling"]),
        (MODEL_ATTRS, "scaling model.attrs per turn (floor)", None),
        ("to_json", "scaling to_json() per turn", None),
        ("from_json", "scaling from_json() per turn", None),
        ("to_html", "scaling to_html() per turn", None),
        (BUILD_TOSTRING, "scaling html.build+tostring per turn (floor)", None),
    ):
        big, base = by_size[largest].get(key), by_size[10_000].get(key)
        label = f"{name} ({largest // 1000}k / 10k)"
        if big is None or base is None or not (big.ok and base.ok):
            out.append(Ratio(label, largest, target=target, error="not measured"))
            continue
        value = (big.median / largest) / (base.median / 10_000)
        out.append(Ratio(label, largest, (value,), target))
    return out


# --------------------------------------------------------------------------- report


def format_series(series: Series) -> str:
    head = f"  {series.group:<8}{series.name:<48}"
    if not series.ok:
        return head + f"unavailable: {series.error or 'no samples'}"
    med, times = series.median, series.times
    work = series.work
    line = f"{med:>9.4f}  [{min(times):.4f}-{max(times):.4f}]"
    line += f" {work.turns / med:>11,.0f} {work.nbytes / 1e6 / med:>8.2f}  n={len(times)}"
    if series.peaks_mib:
        line += f"  peak {statistics.median(series.peaks_mib):.1f} MiB"
    return head + line


def print_size(work: Workload, figures: dict[str, Series], notes: list[str], rounds: int) -> None:
    print(f"\n== {work.turns:,} turns  ({work.nbytes:,} bytes, {work.path.name}) ==")
    columns = f"{'median s':>9}  {'[min-max]':<15}{'turns/s':>12} {'MB/s':>8}"
    print(f"  {'':<8}{'figure':<48}{columns}")
    for series in figures.values():
        print(format_series(series))
    for note in notes:
        print(f"  note: {note}")
    print(f"  (in-process: median of {rounds} rounds after a warm-up; cli: wall clock per process)")
    sys.stdout.flush()  # keep the table in order with the progress lines on stderr


def print_ratios(ratios: list[Ratio]) -> None:
    print("\n== ratios: project / anchor measured in this run (median of paired rounds) ==")
    print(f"  {'ratio':<60}{'turns':>7} {'median':>7}  {'[min-max]':<13} {'target':>7} {'verdict'}")
    for r in ratios:
        target = f"<={r.target.realistic:g}" if r.target else ""
        if r.values:
            spread = f"[{min(r.values):.2f}-{max(r.values):.2f}]" if len(r.values) > 1 else ""
            line = f"{r.median:>7.2f}  {spread:<13} {target:>7} {r.verdict}"
        else:
            line = f"{'-':>7}  {'':<13} {target:>7} n/a: {r.error}"
        print(f"  {r.name:<60}{r.turns:>7} {line}")


def git_revision() -> str:
    def git(*args: str) -> str:
        proc = subprocess.run(
            ["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False
        )
        return proc.stdout.strip() if proc.returncode == 0 else ""

    head = git("rev-parse", "--short", "HEAD")
    return (head + "+dirty" if git("status", "--porcelain") else head) or "unknown"


def append_json(path: Path, header: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """One JSON object per line; every line carries the run id so runs can be told apart."""
    with path.open("a", encoding="utf-8") as out:
        for row in [header, *rows]:
            out.write(json.dumps({"run": header["run"], **row}, ensure_ascii=False) + "\n")


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--turns", type=int, nargs="+", help="sizes (default: 1000 10000)")
    ap.add_argument("--repeat", type=int, help="A/B rounds per size, in-process (default 5)")
    ap.add_argument("--cli-runs", type=int, help="whole-process runs per side (default 5)")
    ap.add_argument("--quick", action="store_true", help="1000 turns, 3 rounds: a smoke test")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="workload folder (%(default)s)")
    ap.add_argument("--perf", type=Path, help=f"perf kit folder (default {DEFAULT_PERF} if there)")
    ap.add_argument("--no-anchors", action="store_true", help="project figures only: run no floor")
    ap.add_argument("--no-cli", action="store_true", help="skip the whole-process figures")
    ap.add_argument("--no-pdf", action="store_true", help="skip to_pdf() and the PDF floors")
    ap.add_argument("--json", type=Path, help="append machine-readable results to this file")
    args = ap.parse_args(argv)
    quick = args.quick
    args.turns = args.turns or ([1000] if quick else [1000, 10000])
    args.repeat = args.repeat or (3 if quick else 5)
    args.cli_runs = args.cli_runs or (3 if quick else 5)
    if args.perf is not None and not (args.perf / "gen_workload.py").exists():
        ap.error(f"--perf {args.perf}: no gen_workload.py there")
    if args.perf is None and (DEFAULT_PERF / "gen_workload.py").exists():
        args.perf = DEFAULT_PERF
    args.anchors = args.perf is not None and not args.no_anchors
    return args


def measure_size(
    work: Workload, tx: Any, tx_info: str, args: argparse.Namespace, outdir: Path
) -> tuple[dict[str, Series], list[str]]:
    """All figures for one size: project and floors alternate round by round, then the CLI."""
    pdf = not args.no_pdf
    project = ProjectStages(tx, work, pdf) if tx is not None else None
    anchors = Anchors(args.perf, args.data, work, pdf) if args.anchors else None
    print(f"measuring {work.turns:,} turns: {args.repeat} A/B rounds ...", file=sys.stderr)
    for _ in range(args.repeat):
        if project:
            project.sample()
        if anchors:
            anchors.sample()
    if anchors:
        anchors.finish()
    figures = dict(project.series) if project else import_failed(work, tx_info)
    if anchors:
        figures.update(anchors.series)
    if not args.no_cli:
        cli_perf = args.perf if args.anchors else None
        figures.update(measure_cli(work, args.cli_runs, cli_perf, cli_env(), outdir, pdf))
    return figures, project.notes if project else []


def main(argv: Sequence[str] | None = None) -> int:
    if (sys.argv[1:] if argv is None else list(argv)) == [SPAWN_FLAG]:
        return spawn_main()
    args = parse_args(argv)
    if args.perf is not None:
        works = kit_workloads(args.perf, args.data, args.turns)
        source = f"perf kit {args.perf}: the floors' own files, comparable with BASELINES.md"
    else:
        works = builtin_workloads(args.data, args.turns)
        source = "BUILT-IN generator (no perf kit): NOT comparable with the floors; no ratios"
    tx, tx_info = import_project()
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    header = {
        "kind": "run",
        "run": stamp,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "git": git_revision(),
        "project": tx_info,
        "workload": source,
        "data": str(args.data),
        "repeat": args.repeat,
        "cli_runs": args.cli_runs,
    }
    print(f"transcript bench  {stamp}  CPython {header['python']}  {header['platform']}")
    print(f"checkout {REPO} @ {header['git']};  {tx_info}")
    print(f"workload: {source}\n          {args.data}", flush=True)
    by_size: dict[int, dict[str, Series]] = {}
    ratios: list[Ratio] = []
    with tempfile.TemporaryDirectory(prefix="transcript-bench-") as outdir:
        for work in works:
            figures, notes = measure_size(work, tx, tx_info, args, Path(outdir))
            print_size(work, figures, notes, args.repeat)
            by_size[work.turns] = figures
            ratios += size_ratios(figures) if args.anchors else []
    if args.anchors:
        ratios += scaling_ratios(by_size)
    if ratios:
        print_ratios(ratios)
    print("\nOnly same-run ratios are comparable across days; absolute seconds are not.")
    if args.json:
        rows = [s.record() for figures in by_size.values() for s in figures.values()]
        append_json(args.json, header, rows + [r.record() for r in ratios])
        print(f"appended {1 + len(rows) + len(ratios)} lines to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
