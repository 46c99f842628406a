#!/usr/bin/env python3
"""Fetch every mail of a mailbox with Python's imaplib (BODY.PEEK[] in batches) and print the throughput.

The peer for Triage.Imap's fetch throughput: same server, same mails, same batch size.

    imap_fetch_py.py --host 127.0.0.1 --port 10143 --user user1 --password pw-1 [--mailbox INBOX]
                     [--batch 100] [--passes 5] [--tls] [--cafile ca.crt]

Prints one line per pass and a closing line with the median: mails/s and MB/s (MB = 10^6 bytes of message data).
"""
import argparse
import imaplib
import ssl
import statistics
import time


def fetch_all(conn, uids, batch):
    mails = 0
    size = 0
    for start in range(0, len(uids), batch):
        chunk = b",".join(uids[start:start + batch])
        status, data = conn.uid("FETCH", chunk, "(UID BODY.PEEK[])")
        if status != "OK":
            raise RuntimeError(f"UID FETCH failed: {data!r}")
        for item in data:
            # imaplib returns (header, literal) tuples for responses with a literal, bare bytes otherwise.
            if isinstance(item, tuple):
                mails += 1
                size += len(item[1])
    return mails, size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=143)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--mailbox", default="INBOX")
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--tls", action="store_true", help="implicit TLS (port 993 style)")
    parser.add_argument("--cafile", help="CA certificate to trust for --tls")
    args = parser.parse_args()

    if args.tls:
        context = ssl.create_default_context(cafile=args.cafile)
        conn = imaplib.IMAP4_SSL(args.host, args.port, ssl_context=context)
    else:
        conn = imaplib.IMAP4(args.host, args.port)
    conn.login(args.user, args.password)
    conn.select(args.mailbox, readonly=True)
    status, data = conn.uid("SEARCH", None, "ALL")
    if status != "OK":
        raise RuntimeError(f"UID SEARCH failed: {data!r}")
    uids = data[0].split()

    fetch_all(conn, uids, args.batch)  # warm-up
    rates = []
    for n in range(args.passes):
        started = time.perf_counter()
        mails, size = fetch_all(conn, uids, args.batch)
        elapsed = time.perf_counter() - started
        rates.append((mails / elapsed, size / elapsed / 1e6))
        print(f"pass {n + 1}: {mails} mails, {size} bytes in {elapsed:.3f} s")
    conn.logout()
    mails_per_s = statistics.median(rate[0] for rate in rates)
    mb_per_s = statistics.median(rate[1] for rate in rates)
    print(f"imaplib: {mails_per_s:.0f} mails/s, {mb_per_s:.1f} MB/s (median of {args.passes})")


if __name__ == "__main__":
    main()
