#!/usr/bin/env python3
"""Scores the shipped models through `triage inspect` (the path agents' tickets take) on a held-out folder of
support mails (models/eval, models/eval2): topic macro-F1, critical precision/recall, multi-question F1, language.

    python3 tests/tools/heldout_score.py [FOLDER ...] [--triage "dotnet src/Triage.Cli/bin/Release/net10.0/triage.dll"]
"""
import argparse, glob, json, os, shlex, subprocess, sys, tempfile
from collections import Counter

ap = argparse.ArgumentParser()
ap.add_argument("folders", nargs="*", default=["models/eval", "models/eval2"])
ap.add_argument("--triage", default="dotnet src/Triage.Cli/bin/Release/net10.0/triage.dll")
ap.add_argument("--models", default="models")
args = ap.parse_args()

rows = []
for folder in args.folders:
    for path in sorted(glob.glob(os.path.join(folder, "*.jsonl"))):
        rows += [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
    for r in rows:
        raw = (f"From: customer@example.com\r\nTo: support@example.com\r\nSubject: {r.get('subject') or ''}\r\n"
               "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + r["text"].replace("\n", "\r\n"))
        f.write(json.dumps({"id": r["id"], "raw": raw}, ensure_ascii=False) + "\n")
    path = f.name
out = subprocess.run(shlex.split(args.triage) + ["inspect", "--jsonl-in", path, "--format", "jsonl", "--models", args.models],
                     capture_output=True, text=True, check=True).stdout
os.unlink(path)
got = {o["id"]: o for o in map(json.loads, out.splitlines())}


def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


labels = sorted({r["topic"] for r in rows})
per = {}
for label in labels:
    tp = sum(1 for r in rows if r["topic"] == label and got[r["id"]]["topic"] == label)
    fp = sum(1 for r in rows if r["topic"] != label and got[r["id"]]["topic"] == label)
    fn = sum(1 for r in rows if r["topic"] == label and got[r["id"]]["topic"] != label)
    per[label] = f1(tp, fp, fn)[2]
print(f"{len(rows)} mails from {', '.join(args.folders)}")
print(f"topic     macro-F1 {sum(per.values()) / len(per):.3f}  " + "  ".join(f"{k} {v:.3f}" for k, v in per.items()))
for key, name in (("critical", "critical"), ("multi_question", "multi-q")):
    tp = sum(1 for r in rows if r[key] and got[r["id"]][key])
    fp = sum(1 for r in rows if not r[key] and got[r["id"]][key])
    fn = sum(1 for r in rows if r[key] and not got[r["id"]][key])
    p, r_, f = f1(tp, fp, fn)
    print(f"{name:9s} precision {p:.3f}  recall {r_:.3f}  F1 {f:.3f}  ({tp + fn} positive)")
lang = sum(1 for r in rows if got[r["id"]]["language"] == r["lang"])
print(f"language  accuracy {lang / len(rows):.3f}  errors: {Counter((r['lang'], got[r['id']]['language']) for r in rows if got[r['id']]['language'] != r['lang']).most_common(5)}")
