#!/usr/bin/env python3
"""Splits ../shared/corpus/tickets/tickets_train.jsonl 80/20 with a fixed shuffle, for comparing Triage with the
peers (text_baselines.py) on the same rows. The file's licence allows evaluation only: nothing trained on it ships.

    python3 tests/tools/split_tickets.py [SOURCE] [OUTDIR]   -> OUTDIR/train.jsonl, OUTDIR/test.jsonl
"""
import os, random, sys

here = os.path.dirname(os.path.abspath(__file__))
source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "corpus", "tickets", "tickets_train.jsonl")
out = sys.argv[2] if len(sys.argv) > 2 else "/tmp/clf"
lines = [l for l in open(source, encoding="utf-8") if l.strip()]
random.Random(20261121).shuffle(lines)
cut = len(lines) * 4 // 5
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "train.jsonl"), "w", encoding="utf-8") as f:
    f.writelines(lines[:cut])
with open(os.path.join(out, "test.jsonl"), "w", encoding="utf-8") as f:
    f.writelines(lines[cut:])
print(f"{cut} train / {len(lines) - cut} test rows in {out}")
