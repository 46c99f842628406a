#!/usr/bin/env python3
"""Checks models/eval2/support_eval2_<lang>.jsonl and prints counts."""
import json, re, sys, itertools
from pathlib import Path

LANGS = ["sv", "nb", "da", "fi", "nl", "de", "en"]
KEYS = ["id", "lang", "subject", "text", "topic", "critical", "multi_question", "questions"]
TOPICS = ["billing", "order", "bug", "other"]
here = Path(__file__).resolve().parent
errors, ids, texts = [], set(), []
rows = []
for lang in LANGS:
    for n, line in enumerate((here / f"support_eval2_{lang}.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        where = f"{lang}:{n}"
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: bad JSON {e}"); continue
        if list(o) != KEYS: errors.append(f"{where}: keys {list(o)}")
        if not re.fullmatch(rf"eval2-{lang}-\d{{3}}", o.get("id", "")): errors.append(f"{where}: id {o.get('id')}")
        if o["id"] in ids: errors.append(f"{where}: duplicate id {o['id']}")
        ids.add(o["id"])
        if o["lang"] != lang: errors.append(f"{where}: lang {o['lang']}")
        if not isinstance(o["subject"], str): errors.append(f"{where}: subject")
        if not isinstance(o["text"], str) or not o["text"].strip(): errors.append(f"{where}: text")
        if o["topic"] not in TOPICS: errors.append(f"{where}: topic {o['topic']}")
        if not isinstance(o["critical"], bool) or not isinstance(o["multi_question"], bool): errors.append(f"{where}: bool")
        qs = o["questions"]
        if not isinstance(qs, list) or not all(isinstance(q, str) and q.strip() for q in qs): errors.append(f"{where}: questions")
        elif o["multi_question"] and len(qs) < 2: errors.append(f"{where}: multi with {len(qs)} questions")
        elif not o["multi_question"] and len(qs) > 1: errors.append(f"{where}: single with {len(qs)} questions")
        rows.append(o)

def words(t): return set(re.findall(r"\w+", t.lower()))
ws = [(o["id"], words(o["text"])) for o in rows]
worst = max(((len(a & b) / len(a | b), i, j) for (i, a), (j, b) in itertools.combinations(ws, 2)))
if worst[0] > 0.6: errors.append(f"near-duplicate {worst}")

print(f"{'lang':5}{'mails':>6}{'billing':>8}{'order':>6}{'bug':>5}{'other':>6}{'crit':>5}{'multi':>6}{'noQ':>5}")
tot = [0] * 8
for lang in LANGS + ["total"]:
    rs = rows if lang == "total" else [o for o in rows if o["lang"] == lang]
    c = [len(rs)] + [sum(o["topic"] == t for o in rs) for t in TOPICS] + \
        [sum(o["critical"] for o in rs), sum(o["multi_question"] for o in rs), sum(not o["questions"] for o in rs)]
    print(f"{lang:5}" + "".join(f"{v:>{w}}" for v, w in zip(c, [6, 8, 6, 5, 6, 5, 6, 5])))
crit_by_topic = {t: sum(o["critical"] and o["topic"] == t for o in rows) for t in TOPICS}
print("critical by topic:", crit_by_topic)
print(f"max word-set Jaccard between two texts: {worst[0]:.2f} ({worst[1]} / {worst[2]})")
if errors:
    print("\n".join(errors)); sys.exit(1)
print("OK")
