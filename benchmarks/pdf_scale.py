#!/usr/bin/env python3
"""Does `to_pdf` stay linear on the two shapes that break naive PDF writers?

    python benchmarks/pdf_scale.py                 # 1 MB vs 5 MB paragraph, 20k vs 100k turns
    python benchmarks/pdf_scale.py --quick         # 0.2 MB vs 1 MB, 5k vs 20k

- one turn holding a single paragraph of N MB (reportlab's `Paragraph` is
  super-linear in its length; the writer cuts it into ~2 KB pieces);
- N tiny turns (`Q: Yes?` / `A: No.`): per-flowable and per-page overhead.

Each case runs in a fresh process (so peak RSS is its own), builds the document
directly (parsing is not timed) and reports seconds, pages, seconds per unit and
peak memory; the scaling ratio is the per-unit time of the large case over the
small one (1.00 = linear). Stdlib and the project only.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

CHILD = r"""
import gc, json, re, resource, sys, time
import transcript
from transcript import Paragraph, Speaker, Text, Transcript, Turn, Metadata
shape, size = sys.argv[1], int(sys.argv[2])
people = (Speaker("q", "Q"), Speaker("a", "A"))
if shape == "paragraph":
    sentence = "The river rose faster than anyone in the valley could remember. "
    text = (sentence * (size // len(sentence) + 1))[:size]
    blocks = (Turn("a", "A", (Paragraph((Text(text),)),)),)
else:
    blocks = tuple(
        Turn("q", "Q", (Paragraph((Text("Yes?"),)),)) if i % 2 == 0
        else Turn("a", "A", (Paragraph((Text("No."),)),))
        for i in range(size)
    )
doc = Transcript(metadata=Metadata(title="Scale"), speakers=people, blocks=blocks)
gc.collect()
start = time.perf_counter()
data = transcript.to_pdf(doc)
seconds = time.perf_counter() - start
pages = len(re.findall(rb"/Type /Page(?!s)", data))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "bytes": len(data), "pages": pages, "peak_mib": peak}))
"""


def run(shape: str, size: int) -> dict[str, float]:
    env_path = str(REPO / "src")
    command = [sys.executable, "-c", CHILD, shape, str(size)]
    proc = subprocess.run(
        command, capture_output=True, text=True, env={"PYTHONPATH": env_path}, check=False
    )
    if proc.returncode:
        raise SystemExit(f"{shape} {size}: {proc.stderr.strip().splitlines()[-1]}")
    result: dict[str, float] = json.loads(proc.stdout)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    ap.add_argument("--json", type=Path, help="append the results as JSON lines to this file")
    args = ap.parse_args()
    mb = 1_000_000
    cases = (
        [("paragraph", mb // 5, mb), ("turns", 5_000, 20_000)]
        if args.quick
        else [("paragraph", mb, 5 * mb), ("turns", 20_000, 100_000)]
    )
    rows = []
    print(f"{'case':<26}{'seconds':>9}{'pages':>8}{'per unit':>14}{'peak MiB':>10}")
    for shape, small, large in cases:
        unit = "MB" if shape == "paragraph" else "1k turns"
        scale = mb if shape == "paragraph" else 1000
        per = {}
        for size in (small, large):
            result = run(shape, size)
            per[size] = result["seconds"] / (size / scale)
            name = f"{shape} {size / scale:g} {unit}"
            print(
                f"{name:<26}{result['seconds']:>9.2f}{result['pages']:>8.0f}"
                f"{per[size]:>10.3f} s/{'MB' if shape == 'paragraph' else 'kt'}"
                f"{result['peak_mib']:>10.0f}"
            )
            rows.append({"case": shape, "size": size, **result})
        ratio = per[large] / per[small]
        print(f"  scaling {shape}: per-unit time large/small = {ratio:.2f} (1.00 = linear)")
        rows.append({"case": shape, "scaling": ratio})
    if args.json:
        with args.json.open("a", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
