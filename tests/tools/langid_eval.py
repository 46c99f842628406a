#!/usr/bin/env python3
"""Score a Triage language model on WiLI-2018 sentences (evaluation only, never training data).

WiLI (ODbL) stays in ../shared/corpus/langid/wili; this script only writes a temporary JSON Lines
file (/tmp by default) with the fields `text` and `label` that `triage eval` reads, then runs
`triage eval --model M --data FILE --label-field label --format json` and prints accuracy, per-language
recall and the confusion matrix.

Use the *train* split as the development set while iterating, and the *test* split only for the final
figure. The WiLI labels map to ours: swe->sv, nob->nb, nno->nb, dan->da, deu->de, eng->en, fin->fi,
nld->nl (only the ones present in the subset are used).

    python3 tests/tools/langid_eval.py --split train --model /tmp/lang.model
    python3 tests/tools/langid_eval.py --split test --model models/language.model
    python3 tests/tools/langid_eval.py --split nynorsk --model models/language.model

--failures PREDICTOR lists the misclassified sentences using a helper that prints
"label<TAB>prediction<TAB>confidence<TAB>text" per JSONL row (e.g. a small program built outside the repo
on Triage.Classification's ModelFile.Load/Predict); it is optional.
"""

import argparse
import json
import os
import subprocess
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
WILI_DEFAULT = os.path.abspath(os.path.join(REPO, "..", "shared", "corpus", "langid", "wili"))
LABELS = {"swe": "sv", "nob": "nb", "nno": "nb", "dan": "da", "deu": "de", "eng": "en", "fin": "fi", "nld": "nl"}
ORDER = ["sv", "nb", "da", "fi", "nl", "de", "en"]


def build(wili, split, out):
    with open(os.path.join(wili, f"wili_subset_x_{split}.txt"), encoding="utf-8") as fx, \
            open(os.path.join(wili, f"wili_subset_y_{split}.txt"), encoding="utf-8") as fy:
        xs = fx.read().split("\n")
        ys = fy.read().split("\n")
    rows = []
    for x, y in zip(xs, ys):
        y = y.strip()
        if y in LABELS and x.strip():
            rows.append({"text": x.strip(), "label": LABELS[y]})
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return rows


def build_dev(folder, out, files):
    """Our own hand-written dev sentences (tests/tools/langid_dev/<file>.txt, labelled by file; Nynorsk nn.txt is
    labelled nb); never training data."""
    rows = []
    for name in files:
        path = os.path.join(folder, f"{name}.txt")
        if not os.path.exists(path):
            continue
        lab = "nb" if name == "nn" else name
        with open(path, encoding="utf-8") as f:
            rows += [{"text": x.strip(), "label": lab} for x in f if x.strip()]
    with open(out, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--split", choices=["train", "test", "dev", "nynorsk"], default="train",
                    help="WiLI train (dev) or test split, 'dev' = our own short sentences in --dev-dir, "
                         "'nynorsk' = our own Nynorsk sentences there (nn.txt, counted as nb)")
    ap.add_argument("--dev-dir", default=os.path.join(HERE, "langid_dev"))
    ap.add_argument("--wili", default=WILI_DEFAULT)
    ap.add_argument("--out", default=None, help="JSONL to write (default /tmp/wili_<split>.jsonl)")
    ap.add_argument("--triage", default=f"dotnet {REPO}/src/Triage.Cli/bin/Release/net10.0/triage.dll")
    ap.add_argument("--failures", default=None, help="command of a per-row predictor (see the docstring)")
    ap.add_argument("--max-failures", type=int, default=60)
    args = ap.parse_args()

    out = args.out or f"/tmp/wili_{args.split}.jsonl"
    if args.split in ("dev", "nynorsk"):
        rows = build_dev(args.dev_dir, out, ORDER if args.split == "dev" else ["nn"])
    else:
        rows = build(args.wili, args.split, out)
    counts = Counter(r["label"] for r in rows)
    print(f"{out}: {len(rows)} rows " + " ".join(f"{k}={counts[k]}" for k in ORDER if counts[k]))

    cmd = args.triage.split() + ["eval", "--model", args.model, "--data", out, "--label-field", "label", "--format", "json"]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        sys.stderr.write(res.stdout + res.stderr)
        sys.exit(res.returncode)
    ev = json.loads(res.stdout)
    print(f"accuracy {ev['accuracy']:.4f}  macro_f1 {ev.get('macro_f1', 0):.4f}  log_loss {ev.get('log_loss', 0):.4f}")
    per = ev.get("per_class")
    conf = ev.get("confusion")
    if per is not None:
        print("per class:", json.dumps(per, ensure_ascii=False))
    if conf is not None:
        print("confusion:", json.dumps(conf, ensure_ascii=False))

    if args.failures:
        pred = subprocess.run(args.failures.split() + [args.model, out], capture_output=True, text=True, check=True)
        fails = [line.split("\t", 3) for line in pred.stdout.splitlines() if line.split("\t")[0] != line.split("\t")[1]]
        print(f"{len(fails)} failures; pairs:", dict(Counter(f"{f[0]}->{f[1]}" for f in fails).most_common()))
        for f in fails[: args.max_failures]:
            print(f"  {f[0]}->{f[1]} {f[2]}  {f[3][:160]}")


if __name__ == "__main__":
    main()
