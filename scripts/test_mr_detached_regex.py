"""The pack holds the regex that scripts/mr_detached_regex.py builds (python3 -m unittest)."""
import os
import sys
import tomllib
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mr_detached_regex  # noqa: E402


class PackHoldsTheBuiltRegex(unittest.TestCase):
    def test_the_pack_s_regex_is_the_built_one(self):
        with open(mr_detached_regex.PACK, "rb") as f:
            rules = tomllib.load(f)["rule"]
        rule = next(r for r in rules if r["id"] == "detached-postposition")
        self.assertEqual(rule["regex"], mr_detached_regex.regex(),
                         "rules/mr/punctuation.toml differs from scripts/mr_detached_regex.py: "
                         "run `python3 scripts/mr_detached_regex.py --write`")

    def test_every_listed_oblique_is_once_in_its_list_and_ends_as_the_list_says(self):
        for words, ending in ((mr_detached_regex.OBLIQUES_A.split(), "ा"), (mr_detached_regex.OBLIQUES_I.split(), "ी")):
            self.assertEqual(len(words), len(set(words)))
            self.assertTrue(all(w.endswith(ending) for w in words), ending)


if __name__ == "__main__":
    unittest.main()
