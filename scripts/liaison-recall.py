#!/usr/bin/env python3
"""Measure nwip's intergovernmental liaison advice on an evaluation set of proposals.

What: every query of an evaluation file (../shared/eval format, `query` and `relevant`) is
checked with `nwip check --format json --limit 300`. For a query whose relevant document is an
intergovernmental body's text (the organisation of the record nwip finds for it, or the prefix of
its first relevant identifier, in the registry's intergovernmental kinds listed below), it counts
whether the report names that document's committee among its intergovernmental liaisons (a
liaison of the top-level committee counts for a record of one of its subcommittees). For every
other query, it counts the intergovernmental liaisons the report names anyway.

Usage:
  scripts/liaison-recall.py ../shared/eval/paraphrase.jsonl [--nwip target/release/nwip]
      [--index nwip-index] [--verbose]

Prints, for example:
  intergovernmental documents: 18, their committee named: 12; other queries: 132, intergovernmental liaisons named: 32
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

# Organisations whose records are intergovernmental texts in the shared corpus
# (nwip_corpus::registry kind Intergovernmental).
INTERGOVERNMENTAL = ("ITU-T", "ITU-R", "OIML", "Codex", "IMO", "IALA", "IHO", "BIPM")


def check(nwip, index, query):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as proposal:
        json.dump(query, proposal, ensure_ascii=False)
    try:
        out = subprocess.run(
            [nwip, "--index", index, "check", proposal.name, "--format", "json", "--limit", "300"],
            capture_output=True, text=True, check=True,
        ).stdout
    finally:
        os.unlink(proposal.name)
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set")
    parser.add_argument("--nwip", default="target/release/nwip")
    parser.add_argument("--index", default=os.environ.get("NWIP_INDEX", "nwip-index"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    documents = named = others = other_liaisons = 0
    with open(args.set, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            query = json.loads(line)
            report = check(args.nwip, args.index, query["query"])
            liaisons = [l for l in report["liaisons"] if l.get("kind") == "intergovernmental"]
            relevant = set(query["relevant"])
            found = next(
                (o for o in report["overlaps"]
                 if relevant & ({o["record"]["id"]}
                                | {m["id"] for m in (o.get("document") or {}).get("members", [])})),
                None,
            )
            org = found["record"]["org"] if found else None
            if org in INTERGOVERNMENTAL or query["relevant"][0].startswith(INTERGOVERNMENTAL):
                documents += 1
                committee = ((found or {}).get("record", {}).get("committee") or {}).get("id")
                hit = found is not None and any(
                    (committee and l.get("committee")
                     and (committee == l["committee"] or committee.startswith(l["committee"] + "/")))
                    or (committee is None and l["org"] == org)
                    for l in liaisons
                )
                named += hit
                if args.verbose:
                    print(f"{number}: {query['relevant'][0]} ({committee}):",
                          "named" if hit else "not named",
                          [l.get("committee") or l["org"] for l in liaisons], file=sys.stderr)
            else:
                others += 1
                other_liaisons += len(liaisons)
    print(f"intergovernmental documents: {documents}, their committee named: {named}; "
          f"other queries: {others}, intergovernmental liaisons named: {other_liaisons}")


if __name__ == "__main__":
    main()
