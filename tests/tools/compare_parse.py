#!/usr/bin/env python3
"""Compare `triage parse` with Python's stdlib parser over every mail in ../shared/corpus/mime.

usage: tests/tools/compare_parse.py [--show FIELD] [--limit N]

Flattens the corpus into a temporary folder, runs `triage parse` (Release build) and
../shared/tools/py_email_adapter.py on it, and counts per field where the two disagree, using
oracle_check.py's canonicalisation. Disagreements are places to look, not failures: in the ones
reviewed so far Triage was right (see the MIME issue's closing note).
"""
import argparse, collections, json, os, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.environ.get('TRIAGE_SHARED', os.path.join(ROOT, '..', 'shared'))
sys.path.insert(0, os.path.join(SHARED, 'tools'))
import oracle_check as oc  # noqa: E402

SKIP = ('.json', '.xml', '.txt', '.md', '.bin', '.out', '.list', '.py', '.yml')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--show', help='print disagreements of this field')
    ap.add_argument('--limit', type=int, default=15)
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix='triage-compare-')
    src = os.path.join(work, 'in')
    os.makedirs(src)
    corpus = os.path.join(SHARED, 'corpus', 'mime')
    for dirpath, _, files in os.walk(corpus):
        for f in files:
            if f.endswith(SKIP) or f.startswith('LICENSE'):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), corpus).replace('/', '__')
            shutil.copy(os.path.join(dirpath, f), os.path.join(src, rel[:-4] if rel.endswith('.eml') else rel) + '.eml')
    triage = os.path.join(ROOT, 'src', 'Triage.Cli', 'bin', 'Release', 'net10.0', 'triage.dll')
    subprocess.run(['dotnet', triage, 'parse', src, '--out', os.path.join(work, 'ours')], check=True, capture_output=True)
    subprocess.run([sys.executable, os.path.join(SHARED, 'tools', 'py_email_adapter.py'), src, os.path.join(work, 'py')], check=True, capture_output=True)
    diff, examples, total = collections.Counter(), collections.defaultdict(list), 0
    for f in sorted(os.listdir(os.path.join(work, 'py'))):
        ours, py = (json.load(open(os.path.join(work, d, f), encoding='utf-8')) for d in ('ours', 'py'))
        total += 1
        pairs = {
            'from': (oc.canon_addr_list(ours.get('from')), oc.canon_addr_list(py.get('from'))),
            'to': (oc.canon_addr_list(ours.get('to')), oc.canon_addr_list(py.get('to'))),
            'cc': (oc.canon_addr_list(ours.get('cc')), oc.canon_addr_list(py.get('cc'))),
            'subject': (oc.ws(ours.get('subject')), oc.ws(py.get('subject'))),
            'date': (oc.canon_date(ours.get('date')), oc.canon_date(py.get('date'))),
            'message_id': (oc.canon_ids(ours.get('message_id')), oc.canon_ids(py.get('message_id'))),
            'in_reply_to': (oc.canon_ids(ours.get('in_reply_to')), oc.canon_ids(py.get('in_reply_to'))),
            'text_body': (oc.ws(ours.get('text_body')), oc.ws(py.get('text_body'))),
            'html_body': (bool(ours.get('html_body')), bool(py.get('html_body'))),
            'attachments': (sorted((oc.ws(x.get('filename')), oc.canon_ct(x.get('content_type'))) for x in ours.get('attachments') or []),
                            sorted((oc.ws(x.get('filename')), oc.canon_ct(x.get('content_type'))) for x in py.get('attachments') or [])),
        }
        for field, (x, y) in pairs.items():
            if x != y:
                diff[field] += 1
                examples[field].append((f, x, y))
    print(f'{total} mails; disagreements with Python per field:')
    for field in ('from', 'to', 'cc', 'subject', 'date', 'message_id', 'in_reply_to', 'text_body', 'html_body', 'attachments'):
        print(f'  {field:12} {diff[field]}')
    for f, x, y in examples.get(a.show, [])[:a.limit]:
        print('---', f)
        print('  triage:', str(x)[:300])
        print('  python:', str(y)[:300])
    shutil.rmtree(work)


if __name__ == '__main__':
    main()
