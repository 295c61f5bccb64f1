#!/usr/bin/env python3
"""Extracts the SQL the app ran for each benchmarked request from a PostgreSQL log.

bench/run.sh starts a second app instance whose sessions log every statement with its
parameters (log_min_duration_statement = 0) and, before each request, logs a marker
statement `SELECT 'nxg-bench:<name>'`. This script reads the log written since then and,
for every marker, takes the statements the app executed that read `profile_search`
(the search's page and count queries), with their parameter values.

    sql_from_log.py LOG OFFSET OUTDIR

For each marker <name> it writes, into OUTDIR:
    <name>.pgbench      the statements with $n replaced by pgbench variables :<s>p<n>
    <name>.defs         one `-D` definition per line: <s>p<n>=<value>
    <name>.explain.sql  EXPLAIN (ANALYZE, BUFFERS) of each statement, values inlined
"""
import os
import re
import sys

PREFIX = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[\d+\] ")
MARKER = re.compile(r"statement: SELECT 'nxg-bench:([a-z0-9_-]+)'")
EXECUTE = re.compile(r"duration: [\d.]+ ms\s+execute [^:]*: (.*)", re.S)
PARAMS = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')")


def entries(text):
    """Log entries (a prefixed line plus its continuation lines)."""
    current = None
    for line in text.splitlines():
        if PREFIX.match(line):
            if current is not None:
                yield current
            current = PREFIX.sub("", line, count=1)
        elif current is not None:
            current += "\n" + line
    if current is not None:
        yield current


def main():
    log, offset, outdir = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(log, "rb") as f:
        f.seek(offset)
        text = f.read().decode("utf-8", "replace")
    found = {}
    name = None
    pending = None
    for entry in entries(text):
        m = MARKER.search(entry)
        if m:
            name = m.group(1)
            found.setdefault(name, [])
            pending = None
            continue
        m = EXECUTE.search(entry)
        if m and name is not None:
            pending = m.group(1).strip()
            if "profile_search" in pending:
                found[name].append([pending, {}])
            else:
                pending = None
            continue
        if entry.startswith("DETAIL:") and "parameters:" in entry.lower() and pending is not None:
            found[name][-1][1] = {int(n): v for n, v in PARAMS.findall(entry)}
            pending = None
    for name, statements in found.items():
        if not statements:
            continue
        script, defs, explain = [], [], []
        for i, (sql, params) in enumerate(statements):
            var = chr(ord("a") + i)
            templ, inlined = sql, sql
            # $12 before $1.
            for n in sorted(params, reverse=True):
                value = params[n]
                templ = templ.replace(f"${n}", f":{var}p{n}")
                inlined = inlined.replace(f"${n}", value)
                if value != "NULL":
                    defs.append(f"{var}p{n}={value[1:-1].replace(chr(39) * 2, chr(39))}")
            script.append(" ".join(templ.split()) + ";")
            explain.append("EXPLAIN (ANALYZE, BUFFERS) " + inlined + ";")
        base = os.path.join(outdir, name)
        with open(base + ".pgbench", "w") as f:
            f.write("\n".join(script) + "\n")
        with open(base + ".defs", "w") as f:
            f.write("\n".join(defs) + "\n")
        with open(base + ".explain.sql", "w") as f:
            f.write("\n".join(explain) + "\n")
        print(f"{name}: {len(statements)} statements")


if __name__ == "__main__":
    main()
