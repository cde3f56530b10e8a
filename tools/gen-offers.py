#!/usr/bin/env python3
"""gen-offers.py -- add a generated offer log to an existing uplift database.

For `uplift report scripts` (issue 5): every variant gets OFFERS offers
shown (one outcome-0 row each) and, for each, one answer row 30 seconds
later: accepted (outcome 1) with the variant's true take RATE, else
declined (outcome 2, a reason 1-5).  The variants take turns, offer by
offer, so they share the same days, customers and items.  Everything comes
from one random.Random(SEED): the same arguments write the same rows.

    python3 tools/gen-offers.py DB --variant 'bundle/*/A:0.20' \\
        --variant 'bundle/*/B:0.30' --offers 2000 --seed 1

The kind of each offer (upgrade, bundle, refill, seasonal) is the first
part of its variant id.  Offers fall between 09:00 and 19:00 on DAYS days
from START (default 2026-01-05 and 28).  Items and customers are drawn
from the database (a walk-in when it has no customers).  --training N adds
N more shown-and-accepted offers per variant marked as training, which the
report must never count.  All rows go in in one BEGIN IMMEDIATE
transaction; a summary line per variant (the counts drawn) goes to stdout.
Standard library only.
"""

import argparse
import datetime as dt
import os
import random
import sqlite3
import sys

APPLICATION_ID = 0x55504C46      # "UPLF", model/store.h
KINDS = {"upgrade": 0, "bundle": 1, "refill": 2, "seasonal": 3}
EPOCH = dt.date(1970, 1, 1)
OPEN_S, CLOSE_S = 9 * 3600, 19 * 3600
ANSWER_AFTER = 30                # seconds between the offer and its answer


def die(msg):
    print("gen-offers: " + msg, file=sys.stderr)
    sys.exit(1)


def variant_arg(text):
    vid, sep, rate = text.rpartition(":")
    if not sep or not vid:
        raise argparse.ArgumentTypeError("expected ID:RATE, like bundle/*/A:0.20")
    try:
        r = float(rate)
    except ValueError:
        raise argparse.ArgumentTypeError("the rate of %s is not a number" % vid)
    if not 0 <= r <= 1:
        raise argparse.ArgumentTypeError("the rate of %s is not in 0..1" % vid)
    kind = vid.split("/", 1)[0]
    if kind not in KINDS:
        raise argparse.ArgumentTypeError(
            "%s: a variant id starts with one of %s" % (vid, ", ".join(KINDS)))
    return vid, r


def date_arg(text):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a date YYYY-MM-DD: %s" % text)


def main():
    ap = argparse.ArgumentParser(
        description="add a generated offer log to an uplift database")
    ap.add_argument("db", help="an existing uplift database")
    ap.add_argument("--variant", type=variant_arg, action="append",
                    required=True, metavar="ID:RATE",
                    help="a variant and its true take rate (repeatable)")
    ap.add_argument("--offers", type=int, required=True, metavar="N",
                    help="offers shown per variant")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=date_arg, default=dt.date(2026, 1, 5),
                    metavar="YYYY-MM-DD")
    ap.add_argument("--days", type=int, default=28)
    ap.add_argument("--training", type=int, default=0, metavar="N",
                    help="training offers per variant (never counted)")
    a = ap.parse_args()
    if a.offers < 0 or a.offers > 10_000_000:
        die("--offers is 0 to 10000000")
    if a.days < 1 or a.training < 0:
        die("--days is 1 or more, --training 0 or more")
    ids = [v for v, _ in a.variant]
    if len(set(ids)) != len(ids):
        die("a variant is named twice")
    if not os.path.isfile(a.db):
        die("%s: no such database (make it with uplift import)" % a.db)

    con = sqlite3.connect(a.db, isolation_level=None, timeout=5)
    try:
        if con.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            die("%s: not an uplift database" % a.db)
        con.execute("PRAGMA foreign_keys = ON")
        items = [r[0] for r in con.execute("SELECT id FROM item ORDER BY id")]
        custs = [r[0] for r in con.execute("SELECT id FROM customer ORDER BY id")]
    except sqlite3.DatabaseError as e:
        die("%s: %s" % (a.db, e))
    if not items:
        die("%s: no items; import a catalogue first" % a.db)

    rng = random.Random(a.seed)
    day0 = (a.start - EPOCH).days
    rows = []
    tally = {v: [0, 0, 0] for v in ids}     # shown, accepted, declined

    def offer(vid, rate, training):
        at = (day0 + rng.randrange(a.days)) * 86400 + \
            rng.randrange(OPEN_S, CLOSE_S)
        cust = rng.choice(custs) if custs else None
        item = rng.choice(items)
        diff = rng.randrange(100, 2001)
        kind = KINDS[vid.split("/", 1)[0]]
        accepted = rng.random() < rate
        reason = None if accepted else rng.randrange(1, 6)
        rows.append((at, cust, item, kind, diff, 0, None, vid, training))
        rows.append((at + ANSWER_AFTER, cust, item, kind, diff,
                     1 if accepted else 2, reason, vid, training))
        if not training:
            t = tally[vid]
            t[0] += 1
            t[1 if accepted else 2] += 1

    for _ in range(a.offers):
        for vid, rate in a.variant:
            offer(vid, rate, 0)
    for _ in range(a.training):
        for vid, _rate in a.variant:
            offer(vid, 1.0, 1)

    try:
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "INSERT INTO offer(at, clerk_id, counter, customer_id, item_id,"
            " kind, price_diff, outcome, reason, variant, training)"
            " VALUES (?, NULL, 'gen', ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("COMMIT")
    except sqlite3.DatabaseError as e:
        die("%s: %s; nothing was added" % (a.db, e))
    finally:
        con.close()
    for vid, rate in a.variant:
        s, acc, dec = tally[vid]
        print("%s: %d shown, %d accepted, %d declined (true take %.2f)"
              % (vid, s, acc, dec, rate))
    if a.training:
        print("%d training offers per variant" % a.training)


if __name__ == "__main__":
    main()
