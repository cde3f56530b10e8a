#!/usr/bin/env python3
"""till-replay.py — play a CSV of orders into uplift as a shop's till would.

An example adapter for `uplift --follow` (uplift(1), FOLLOWING THE TILL):
each order of the CSV becomes the events a till sends while ringing it up,
one JSON object a line:

    {"event":"customer","id":"17850"}        (id null: a walk-in)
    {"event":"add","sku":"85123A","qty":6}   a line of the order
    {"event":"remove","sku":"85123A","qty":2} a line with a negative quantity
    {"event":"finish","order":"536365"}      the order's own number

Orders are read in the file's order; a cancellation (an Online Retail
invoice starting with C) is no sale at a till and is skipped.  Two CSV
formats are read, told apart by their header:

    Online Retail   InvoiceNo,StockCode,Description,Quantity,InvoiceDate,
                    UnitPrice,CustomerID,Country
    uplift          order,date,customer,sku,quantity,unit_price

usage:
    till-replay.py [options] CSV FIFO       write into a FIFO (mkfifo)
    till-replay.py [options] CSV -          write to standard output
    till-replay.py [options] --listen SOCKET CSV
                                            be the till's side of a Unix-
                                            domain socket: wait for uplift
                                            --follow SOCKET to connect, send
                                            the events, and print the lines
                                            uplift sends back (accepted
                                            suggestions) on standard output
options:
    --pause SECONDS   wait between two events (default 0)
    --rate N          at most N events a second (for load tests)
    --orders N        only the first N orders
    --no-finish       leave the last order open (no finish event)
    --linger SECONDS  with --listen: keep the connection this long after
                      the last event, reading what uplift sends (default 2)

Exit status 0, or 1 (a message on standard error) when the CSV cannot be
read or the FIFO or socket cannot be opened.  A FIFO is opened blocking:
the script waits until uplift reads it.
"""
import csv
import json
import os
import socket
import sys
import time

FORMATS = {
    "online-retail": ("InvoiceNo", "StockCode", "Quantity", "CustomerID"),
    "uplift": ("order", "sku", "quantity", "customer"),
}


def die(msg):
    sys.stderr.write("till-replay: %s\n" % msg)
    sys.exit(1)


def orders(path):
    """The orders of the CSV: (number, customer or None, [(sku, qty)])."""
    try:
        f = open(path, newline="", encoding="utf-8-sig")
    except OSError as e:
        die("%s: %s" % (path, e.strerror))
    with f:
        rows = csv.DictReader(f)
        cols = None
        for name, c in FORMATS.items():
            if rows.fieldnames and all(k in rows.fieldnames for k in c):
                cols = c
                break
        if cols is None:
            die("%s: not an Online Retail or uplift orders CSV" % path)
        num_k, sku_k, qty_k, cust_k = cols
        cur = None
        for r in rows:
            num = (r.get(num_k) or "").strip()
            if not num or num.startswith("C"):
                continue
            try:
                qty = int(float(r.get(qty_k) or "1"))
            except ValueError:
                die("%s: line %d: quantity %r" % (path, rows.line_num,
                                                  r.get(qty_k)))
            cust = (r.get(cust_k) or "").strip()
            if cust.endswith(".0"):        # 17850.0 from a spreadsheet
                cust = cust[:-2]
            if cur is None or cur[0] != num:
                if cur is not None:
                    yield cur
                cur = (num, cust or None, [])
            if qty != 0:
                cur[2].append(((r.get(sku_k) or "").strip(), qty))
        if cur is not None:
            yield cur


def events(path, limit, finish_last):
    """The events of the orders, as JSON lines."""
    todo = list(orders(path))
    if limit is not None:
        todo = todo[:limit]
    for n, (num, cust, lines) in enumerate(todo):
        yield {"event": "customer", "id": cust}
        for sku, qty in lines:
            if qty > 0:
                yield {"event": "add", "sku": sku, "qty": qty}
            else:
                yield {"event": "remove", "sku": sku, "qty": -qty}
        if finish_last or n < len(todo) - 1:
            yield {"event": "finish", "order": num}


def play(out, evs, pause, rate):
    step = max(pause, 1.0 / rate if rate else 0.0)
    start = time.monotonic()
    for i, ev in enumerate(evs):
        if step:
            wait = start + i * step - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        out(json.dumps(ev, separators=(",", ":")) + "\n")


def listen(path, evs, pause, rate, linger):
    if os.path.exists(path):
        os.unlink(path)
    srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        srv.bind(path)
    except OSError as e:
        die("%s: %s" % (path, e.strerror))
    srv.listen(1)
    conn, _ = srv.accept()
    got = b""

    def send(line):
        conn.sendall(line.encode())

    play(send, evs, pause, rate)
    conn.settimeout(0.1)
    end = time.monotonic() + linger
    while time.monotonic() < end:
        try:
            b = conn.recv(4096)
        except socket.timeout:
            continue
        if not b:
            break
        got += b
        while b"\n" in got:
            line, got = got.split(b"\n", 1)
            sys.stdout.write(line.decode() + "\n")
            sys.stdout.flush()
    conn.close()
    srv.close()
    os.unlink(path)


def main(argv):
    pause, rate, limit, finish, sock, linger = 0.0, 0.0, None, True, None, 2.0
    args = []
    i = 0
    try:
        while i < len(argv):
            a = argv[i]
            if a == "--pause":
                pause = float(argv[i + 1]); i += 1
            elif a == "--rate":
                rate = float(argv[i + 1]); i += 1
            elif a == "--orders":
                limit = int(argv[i + 1]); i += 1
            elif a == "--no-finish":
                finish = False
            elif a == "--listen":
                sock = argv[i + 1]; i += 1
            elif a == "--linger":
                linger = float(argv[i + 1]); i += 1
            elif a in ("-h", "--help"):
                sys.stdout.write(__doc__)
                return 0
            elif a.startswith("--"):
                die("unknown option %s" % a)
            else:
                args.append(a)
            i += 1
    except (IndexError, ValueError):
        die("%s wants a value" % argv[i])
    if len(args) != (1 if sock else 2):
        die("usage: till-replay.py [options] CSV FIFO|- "
            "or --listen SOCKET CSV")
    evs = events(args[0], limit, finish)
    if sock:
        listen(sock, evs, pause, rate, linger)
        return 0
    if args[1] == "-":
        def out(line):
            sys.stdout.write(line)
            sys.stdout.flush()
        play(out, evs, pause, rate)
        return 0
    try:
        f = open(args[1], "w", buffering=1)
    except OSError as e:
        die("%s: %s" % (args[1], e.strerror))
    with f:
        def out(line):
            f.write(line)
            f.flush()
        try:
            play(out, evs, pause, rate)
        except BrokenPipeError:
            die("%s: uplift stopped reading" % args[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
