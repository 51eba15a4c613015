#!/usr/bin/env python3
"""Derive measurement data from a corpus of Relaton JSON-lines files (../shared/corpus).

Three commands (the first two deterministic for a given --seed):

  derive-corpus.py scale SOURCE_DIR OUT_DIR --factor N
      Writes one gzipped JSON-lines file per source file into OUT_DIR holding the source records
      and N-1 derived copies of each: a copy keeps the record's organisation, type, stage, dates,
      committee and ICS codes (so the organisation and stage mix stays the same), gets new
      identifiers (the first run of digits of every identifier prefixed with the copy number and
      a 0: `ISO 12405-4:2018` -> `ISO 1012405-4:2018`; an identifier without digits gets ` k`),
      the titles of another record of the same file, each followed by the last part of a third
      record's title in the same language (`Road vehicles -- Safety -- Part 3: Noise`), and the
      abstracts of a fourth. --factor 3 gives about 1.0 million records from the 345,000 of the
      shared corpus, --factor 10 about 3.45 million.

  derive-corpus.py changes SOURCE_DIR OUT_DIR --count N --remove M
      Writes a day's changes: OUT_DIR/changes.jsonl with N records (60 % are records of the
      source under the same identifier with a changed title, 40 % new records with new
      identifiers), and OUT_DIR/removed.txt with M identifiers of the source to remove, for
      `nwip index --update OUT_DIR/changes.jsonl --remove OUT_DIR/removed.txt`.

  derive-corpus.py text DIR [DIR ...]
      Prints, for each corpus folder, its records and the characters of their titles and
      abstracts (what the build analyses), to compare a derived corpus's text with its source's.

Only the Python standard library is used. The source is read twice per file, never held whole.
"""

import argparse
import gzip
import json
import os
import random
import re
import sys

DIGITS = re.compile(r"\d+")


def record_files(source):
    names = sorted(n for n in os.listdir(source) if n.endswith(".jsonl.gz") or n.endswith(".jsonl"))
    if not names:
        sys.exit(f"no .jsonl or .jsonl.gz files in {source}")
    return [os.path.join(source, n) for n in names]


def open_text(path):
    return gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8")


def read_lines(path):
    with open_text(path) as handle:
        for line in handle:
            if line.strip():
                yield line


def new_identifier(identifier, copy):
    """`ISO 12405-4:2018`, copy 3 -> `ISO 3012405-4:2018`; without digits: `ISM Code 3`."""
    if DIGITS.search(identifier):
        return DIGITS.sub(lambda m: f"{copy}0{m.group(0)}", identifier, count=1)
    return f"{identifier} {copy}"


def rename(record, copy):
    for key, field in (("docid", "id"), ("docidentifier", "content")):
        for entry in record.get(key) or []:
            if isinstance(entry, dict) and isinstance(entry.get(field), str):
                entry[field] = new_identifier(entry[field], copy)
    if isinstance(record.get("id"), str):
        record["id"] = f"{record['id']}-x{copy}"
    # Relations point at documents of the source; a derived record relates to nothing.
    record.pop("relation", None)


def languages_of(text):
    language = text.get("language")
    if isinstance(language, list):
        return tuple(language)
    return (language,)


def last_part(title):
    for separator in (" — ", " -- ", " - ", ": "):
        if separator in title:
            return title.rsplit(separator, 1)[1].strip()
    return ""


def is_full_title(text):
    """The title the importer reads: type `main`, or no type (the parts are `title-intro`...)."""
    return isinstance(text, dict) and isinstance(text.get("content"), str) and text.get("type") in (None, "main")


def recombined_titles(titles, extra_titles):
    extra = {}
    for text in extra_titles or []:
        if is_full_title(text):
            extra.setdefault(languages_of(text), last_part(text["content"]))
    result = []
    for text in titles or []:
        if not isinstance(text, dict) or not isinstance(text.get("content"), str):
            continue
        text = dict(text)
        tail = extra.get(languages_of(text))
        if tail and is_full_title(text):
            text["content"] = f"{text['content']} — {tail}"
        result.append(text)
    return result


def scale(args):
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for path in record_files(args.source):
        # Texts of the file, to recombine: titles and abstracts of every record, in order.
        titles, abstracts = [], []
        for line in read_lines(path):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            titles.append(record.get("title"))
            abstracts.append(record.get("abstract"))
        rng = random.Random(f"{args.seed}:{os.path.basename(path)}")
        name = os.path.basename(path)
        if not name.endswith(".gz"):
            name += ".gz"
        target = os.path.join(args.out, name)
        written = 0
        with gzip.open(target, "wt", encoding="utf-8", compresslevel=1) as out:
            for line in read_lines(path):
                out.write(line if line.endswith("\n") else line + "\n")
                written += 1
                try:
                    json.loads(line)
                except json.JSONDecodeError:
                    continue  # the importer reports it once, from the original line
                for copy in range(1, args.factor):
                    record = json.loads(line)
                    rename(record, copy)
                    pick = lambda: rng.randrange(len(titles))  # noqa: E731
                    new_titles = recombined_titles(titles[pick()], titles[pick()])
                    if new_titles:
                        record["title"] = new_titles
                    summary = abstracts[pick()]
                    if summary:
                        record["abstract"] = summary
                    else:
                        record.pop("abstract", None)
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
        total += written
        print(f"{target}: {written} records", file=sys.stderr)
    print(f"{total} records in {args.out}", file=sys.stderr)


def primary_identifier(record):
    for key, field in (("docid", "id"), ("docidentifier", "content")):
        entries = [e for e in record.get(key) or [] if isinstance(e, dict) and isinstance(e.get(field), str)]
        for entry in entries:
            if entry.get("primary"):
                return entry[field]
        if entries:
            return entries[0][field]
    return None


def changes(args):
    os.makedirs(args.out, exist_ok=True)
    rng = random.Random(args.seed)
    # Reservoir-sample count + remove records over every file.
    wanted = args.count + args.remove
    sample = []
    seen = 0
    for path in record_files(args.source):
        for line in read_lines(path):
            seen += 1
            if len(sample) < wanted:
                sample.append(line)
            else:
                slot = rng.randrange(seen)
                if slot < wanted:
                    sample[slot] = line
    rng.shuffle(sample)
    records = []
    for line in sample:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if primary_identifier(record):
            records.append(record)
    changed, removed = records[: args.count], records[args.count : args.count + args.remove]
    replaced = int(len(changed) * 0.6)
    with open(os.path.join(args.out, "changes.jsonl"), "w", encoding="utf-8") as out:
        for number, record in enumerate(changed):
            if number < replaced:
                for text in record.get("title") or []:
                    if isinstance(text, dict) and isinstance(text.get("content"), str):
                        text["content"] += " (revised)"
            else:
                rename(record, 99)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    with open(os.path.join(args.out, "removed.txt"), "w", encoding="utf-8") as out:
        out.write("# identifiers removed from the catalogues today\n")
        for record in removed:
            out.write(primary_identifier(record) + "\n")
    print(
        f"{len(changed)} changes ({replaced} replace a record, {len(changed) - replaced} new) and "
        f"{len(removed)} removals in {args.out}",
        file=sys.stderr,
    )


def text(args):
    for folder in args.dirs:
        records = characters = 0
        for path in record_files(folder):
            for line in read_lines(path):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError:
                    continue
                records += 1
                for key in ("title", "abstract"):
                    texts = record.get(key)
                    if isinstance(texts, list):
                        characters += sum(
                            len(t["content"]) for t in texts if isinstance(t, dict) and isinstance(t.get("content"), str)
                        )
        per_record = characters / records if records else 0.0
        print(f"{folder}: {records} records, {characters} characters of titles and abstracts ({per_record:.1f} a record)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    scaled = commands.add_parser("scale", help="write a corpus FACTOR times the source")
    scaled.add_argument("source")
    scaled.add_argument("out")
    scaled.add_argument("--factor", type=int, default=10, choices=range(1, 10 + 1), metavar="1..10")
    scaled.add_argument("--seed", default="nwip")
    changed = commands.add_parser("changes", help="write a day's changes to the source")
    changed.add_argument("source")
    changed.add_argument("out")
    changed.add_argument("--count", type=int, default=1000)
    changed.add_argument("--remove", type=int, default=100)
    changed.add_argument("--seed", default="nwip")
    texts = commands.add_parser("text", help="count the records and the characters of their titles and abstracts")
    texts.add_argument("dirs", nargs="+")
    args = parser.parse_args()
    {"scale": scale, "changes": changes, "text": text}[args.command](args)


if __name__ == "__main__":
    main()
