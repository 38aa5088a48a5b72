"""Tests of the IndicMT yardstick's judging (`indicmt_eval.py`), without mtqc or the corpus.

    python3 -m unittest discover scripts

A finding is judged against the experts' spans as the script's docstring says: a finding in
the target by overlap, a finding about the whole unit (content missing, a number missing) by
the record's spans of the category it names, never by overlapping whatever span the target
holds.
"""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import indicmt_eval as ie  # noqa: E402

TARGET = "स्कीइंगची कल्पना फार जुनी आहे."


def finding(rule, text, message=""):
    return {"rule": rule, "text": text, "message": message}


class Judging(unittest.TestCase):
    def test_an_omission_is_confirmed_by_an_omission_span_only(self):
        x = finding("common.omission-by-length", TARGET)
        whole = (0, len(TARGET))
        # a mistranslation span inside the target overlaps the whole-target finding: not enough
        spans = [((0, 9), {"span_type": "Accuracy_Mistranslation"})]
        self.assertIsNone(ie.judge(x, *whole, spans, TARGET, "mr", {"Accuracy_Mistranslation"}))
        self.assertEqual(ie.judge(x, *whole, spans, TARGET, "mr", {"Accuracy_Omission"}), "confirmed")

    def test_a_number_missing_is_about_the_unit_a_number_changed_is_located(self):
        missing = finding("common.number-mismatch", TARGET, "number missing: source `5000`, target `—`")
        changed = finding("common.number-mismatch", "५०", "number changed: source `5000`, target `५०`")
        self.assertEqual(ie.unit_categories(missing), {"Accuracy_Omission"})
        self.assertIsNone(ie.unit_categories(changed))
        text = "गुहा चित्रे इ.स.पू. ५० पर्यंतची आहेत!"
        at = text.index("५०")
        spans = [((at, at + 2), {"span_type": "Accuracy_Mistranslation"})]
        self.assertEqual(ie.judge(changed, at, at + 2, spans, text, "mr", {"Accuracy_Mistranslation"}),
                         "confirmed")
        self.assertIsNone(ie.judge(changed, at, at + 2, [], text, "mr", set()))

    def test_a_space_before_a_full_stop_is_typography_not_confirmed_by_spans(self):
        text = "രേഖ വായിക്കുന്നത് ."
        at = text.index(" .")
        x = finding("common.space-before-full-stop", " ")
        self.assertEqual(ie.judge(x, at, at + 1, [], text, "ml", set()), "R3")
        # a space between two words is no such thing
        y = finding("common.doubled-space", " ")
        self.assertIsNone(ie.judge(y, 3, 4, [], text, "ml", set()))

    def test_two_sentences_run_together_are_typography_but_an_abbreviation_is_not(self):
        text = "चंद्रमा धूल से बनी है।चन्द्रमा की परत"
        at = text.index("है।")
        x = finding("common.missing-space-after-stop", "है।चन्द्रमा")
        self.assertEqual(ie.judge(x, at, at + 10, [], text, "hi", set()), "R4")
        # a stop followed by a space is no such thing, nor a decimal another rule flagged
        y = finding("common.missing-space-after-stop", "है। चन्द्रमा")
        self.assertIsNone(ie.judge(y, at, at + 11, [], text, "hi", set()))
        z = finding("common.number-mismatch", "३.५")
        self.assertIsNone(ie.judge(z, 0, 3, [], "३.५ लाख", "hi", set()))

    def test_numbers_are_read_in_any_digits_without_grouping(self):
        self.assertEqual(ie.numbers("३,८५० किमी"), {"3850"})
        self.assertEqual(ie.numbers("an area of 3,850 km"), {"3850"})
        self.assertEqual(ie.numbers("no digits"), set())

    def test_a_span_counts_as_a_number_defect_only_with_a_number_the_source_lacks(self):
        full = "क्षेत्रफळ 8,²²० किमी आहे"
        a, b = 0, len(full)
        self.assertIn("number", ie.visible("Accuracy_Mistranslation", full, (a, b), full, "mr",
                                           "an area of 3,850 km²"))
        same = "क्षेत्रफळ ३,८५० किमी आहे"
        self.assertNotIn("number", ie.visible("Accuracy_Mistranslation", same, (0, len(same)), same, "mr",
                                              "an area of 3,850 km²"))
        # translations judged alone: no number signal at all
        self.assertNotIn("number", ie.visible("Accuracy_Mistranslation", full, (a, b), full, "mr", None))


class Brackets(unittest.TestCase):
    def test_an_unpaired_bracket_is_confirmed_by_an_omission_quoting_it_else_typography(self):
        text = "डरें नहीं (सांस्कृतिक मतभेद हों या न हों, यह ठीक नहीं है!"
        at = text.index("(")
        x = finding("common.unpaired-bracket", "(")
        self.assertEqual(ie.judge(x, at, at + 1, [], text, "hi", {"Accuracy_Omission"}, [")"]), "confirmed")
        self.assertEqual(ie.judge(x, at, at + 1, [], text, "hi", set(), ["it"]), "R3")


class ReferenceDefects(unittest.TestCase):
    def test_a_reference_is_excused_only_when_every_finding_flags_its_listed_defect(self):
        own = (0, 1, finding("common.mixed-script-word", "વિસ્તારોમાંT"))
        other = (5, 9, finding("common.repeated-word", "ના ના"))
        self.assertIsNotNone(ie.ref_defect("gu", [own]))
        self.assertIsNone(ie.ref_defect("gu", [own, other]), "a false alarm beside it counts")
        self.assertIsNone(ie.ref_defect("mr", [own]), "listed per language")
        self.assertIsNone(ie.ref_defect("gu", []))


if __name__ == "__main__":
    unittest.main()
