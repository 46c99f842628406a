#!/usr/bin/env python3
"""Held-out error analysis for the topic (and critical) models.

usage: tests/tools/topic_errors.py [--models DIR | --train] [--folds N] [--data DIR] [--eval DIR]
                                   [--errors] [--text] [-- EXTRA TRAIN ARGS]

--train   trains topic.model and critical.model from --data (default models/training) into a
          temporary folder (--seed, default 1 as shipped), with any arguments after `--` passed to both `triage train`
          calls (e.g. -- --subject-weight 0.3). Without --train the models in --models (default
          models/) are scored.
Prints: held-out topic macro-F1 and per-class F1 (from `triage eval`), CV macro-F1 when trained
with --folds > 1, the misclassified held-out ids with true/predicted topic (--errors; --text adds the
subject and the start of the body), and critical recall/precision at the shipped threshold
P(critical) >= 0.4 (probabilities from `triage inspect` on raw messages built from subject + text).

The held-out set is only scored here, never written anywhere: do not train on it.
Needs a Release build: dotnet build src/Triage.Cli -c Release
"""
import argparse, email.header, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TRIAGE = ['dotnet', os.path.join(ROOT, 'src', 'Triage.Cli', 'bin', 'Release', 'net10.0', 'triage.dll')]
THRESHOLD = 0.4


def run(args):
    p = subprocess.run(TRIAGE + args, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f'triage {" ".join(args)} failed:\n{p.stdout}\n{p.stderr}')
    return p.stdout


def train(task, data, out, folds, extra, seed=1):
    text = run(['train', '--task', task, '--data', data, '--out', out, '--seed', str(seed), '--folds', str(folds)] + extra)
    m = re.search(r'CV macro-F1\s*│\s*([0-9.]+)', text)
    return float(m.group(1)) if m else None


def load(folder):
    rows = []
    for f in sorted(os.listdir(folder)):
        if f.endswith('.jsonl'):
            with open(os.path.join(folder, f), encoding='utf-8') as fh:
                rows += [json.loads(line) for line in fh if line.strip()]
    return rows


def per_id_predictions(model, folder):
    """`triage eval --label-field id`: each row's true label is its id, so the confusion row of an id names the prediction."""
    preds = {}
    for f in sorted(os.listdir(folder)):
        if not f.endswith('.jsonl'):
            continue
        d = json.loads(run(['eval', '--model', model, '--data', os.path.join(folder, f), '--label-field', 'id', '--format', 'json']))
        labels, matrix = d['confusion']['labels'], d['confusion']['matrix']
        for i, true in enumerate(labels):
            for j, n in enumerate(matrix[i]):
                if n:
                    preds[true] = labels[j]
    return preds


def raw_message(row):
    subject = email.header.Header(row.get('subject') or '', 'utf-8').encode()
    return ('From: customer@example.com\r\nTo: support@example.com\r\n'
            f'Subject: {subject}\r\nMessage-ID: <{row["id"]}@example.com>\r\nDate: Mon, 2 Mar 2026 09:00:00 +0100\r\n'
            'MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
            + row['text'].replace('\n', '\r\n') + '\r\n')


def critical_scores(models, rows, work):
    path = os.path.join(work, 'raw.jsonl')
    with open(path, 'w', encoding='utf-8') as fh:
        for r in rows:
            fh.write(json.dumps({'id': r['id'], 'raw': raw_message(r)}, ensure_ascii=False) + '\n')
    out = run(['inspect', '--jsonl-in', path, '--models', models])
    return {o['id']: o for o in map(json.loads, out.splitlines())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--models', default=os.path.join(ROOT, 'models'))
    ap.add_argument('--train', action='store_true')
    ap.add_argument('--folds', type=int, default=0)
    ap.add_argument('--seed', type=int, default=1, help='training seed (the shipped models use 1)')
    ap.add_argument('--data', default=os.path.join(ROOT, 'models', 'training'))
    ap.add_argument('--eval', default=os.path.join(ROOT, 'models', 'eval'))
    ap.add_argument('--errors', action='store_true')
    ap.add_argument('--text', action='store_true')
    ap.add_argument('--no-critical', action='store_true')
    ap.add_argument('extra', nargs='*')
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix='triage-topic-')
    models = a.models
    if a.train:
        models = work
        cv = train('topic', a.data, os.path.join(work, 'topic.model'), a.folds, a.extra, a.seed)
        if cv is not None:
            print(f'topic CV macro-F1 ({a.folds}-fold): {cv:.3f}')
        if not a.no_critical:
            train('critical', a.data, os.path.join(work, 'critical.model'), 0, a.extra, a.seed)
    topic = os.path.join(models, 'topic.model')
    d = json.loads(run(['eval', '--model', topic, '--data', a.eval, '--format', 'json']))
    print(f'held-out topic macro-F1 {d["macro_f1"]:.3f}  accuracy {d["accuracy"]:.3f}  log-loss {d["log_loss"]:.3f}')
    print('  ' + '  '.join(f'{k} {v["f1"]:.3f} (P {v["precision"]:.2f} R {v["recall"]:.2f})' for k, v in d['per_class'].items()))
    rows = load(a.eval)
    if a.errors:
        preds = per_id_predictions(topic, a.eval)
        wrong = [r for r in rows if preds.get(r['id']) != r['topic']]
        print(f'{len(wrong)} misclassified:')
        for r in wrong:
            line = f'  {r["id"]:<13} true {r["topic"]:<8} pred {preds.get(r["id"]):<8}'
            if a.text:
                line += f' | {r.get("subject", "")[:40]} | {r["text"][:140]!r}'
            print(line)
    if not a.no_critical and os.path.exists(os.path.join(models, 'critical.model')):
        scored = critical_scores(models, rows, work)
        tp = sum(1 for r in rows if r['critical'] and scored[r['id']]['critical_confidence'] >= THRESHOLD)
        fp = sum(1 for r in rows if not r['critical'] and scored[r['id']]['critical_confidence'] >= THRESHOLD)
        pos = sum(1 for r in rows if r['critical'])
        print(f'held-out critical at P>={THRESHOLD}: recall {tp / pos:.3f} ({tp}/{pos})  precision {tp / max(1, tp + fp):.3f} ({tp}/{tp + fp})')
        if a.errors:
            for r in rows:
                c = scored[r['id']]['critical_confidence']
                if (c >= THRESHOLD) != r['critical']:
                    print(f'  critical {r["id"]:<13} true {str(r["critical"]):<5} P {c:.2f}'
                          + (f' | {r["text"][:120]!r}' if a.text else ''))


if __name__ == '__main__':
    main()
