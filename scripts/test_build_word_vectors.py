#!/usr/bin/env python3
"""Tests of scripts/build-word-vectors.py's readers (run by .ci/run with the word-vector
virtual environment's Python, which has numpy):

    python3 -m unittest discover -s scripts -p 'test_*.py'
"""

import contextlib
import importlib.util
import io
import os
import sys
import tempfile
import unittest

_HERE = os.path.dirname(os.path.abspath(__file__))
_SPEC = importlib.util.spec_from_file_location(
    "build_word_vectors", os.path.join(_HERE, "build-word-vectors.py"))
build = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(build)


class ReadWordlistTest(unittest.TestCase):
    def write(self, data):
        handle, path = tempfile.mkstemp(suffix=".dic")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        self.addCleanup(os.remove, path)
        return path

    def read(self, path):
        stderr = io.StringIO()
        with contextlib.redirect_stderr(stderr):
            words = build.read_wordlist(path)
        return words, stderr.getvalue()

    def test_lower_case_cyrillic_base_forms_are_read_and_names_left_out(self):
        path = self.write("4\nгерметик/I\nЧувашия/I\nёлка/L\nhello/A\n".encode("utf-8"))
        words, notes = self.read(path)
        self.assertEqual(words, {"герметик", "елка"})
        self.assertEqual(notes, "")

    def test_a_line_that_is_not_utf8_is_reported_by_line_and_skipped(self):
        path = self.write("3\nинтерфейс/I\n".encode("utf-8") + b"\xff\xfe/I\n"
                          + "шифрование/L\n".encode("utf-8"))
        words, notes = self.read(path)
        self.assertEqual(words, {"интерфейс", "шифрование"})
        self.assertIn(f"{path}:3: skipped", notes)
        self.assertIn(f"{path}: 1 lines skipped", notes)

    def test_a_missing_word_list_is_said_and_adds_nothing(self):
        words, notes = self.read(os.path.join(tempfile.gettempdir(), "no-such-list.dic"))
        self.assertEqual(words, set())
        self.assertIn("no word list", notes)

    def test_an_unreadable_word_list_stops_the_build_naming_it(self):
        directory = tempfile.mkdtemp()
        self.addCleanup(os.rmdir, directory)
        with self.assertRaises(SystemExit) as stop:
            build.read_wordlist(directory)
        self.assertIn(directory, str(stop.exception))

    def test_the_word_list_comes_after_the_corpus_and_the_dictionary_words(self):
        words = build.vocabulary({"sealant": 5}, 3, None, 10, {"герметик", "sealant"})
        self.assertEqual([(w, source) for w, _, source in words],
                         [("sealant", "corpus"), ("герметик", "wordlist")])


if __name__ == "__main__":
    sys.exit(unittest.main())
