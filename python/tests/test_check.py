"""Checker.check gives the JSON report's file object, the same data as the CLI's."""

import json
import os
import pickle
import threading

import pytest

import mtqc
from conftest import ROOT

EXAMPLE = ROOT / "tests" / "fixtures" / "bn-news-mt.txt"


def cli_file(cli, *options, text):
    report = cli("--format", "json", *options, "-", stdin=text)
    assert len(report["files"]) == 1
    file = report["files"][0]
    assert file["path"] == "<stdin>"
    file["path"] = "<text>"
    if "relative_path" in file:
        assert file["relative_path"] == "<stdin>"
        file["relative_path"] = "<text>"
    return file


@pytest.mark.parametrize(
    "kwargs, options",
    [
        ({}, []),
        ({"lang": "bn"}, ["--lang", "bn"]),
        ({"packs": ["common", "source-en"]}, ["--packs", "common,source-en"]),
        ({"packs": "common,bn"}, ["--packs", "common,bn"]),
        (
            {"disable": ["bn.duplicated-attribution", "common.mixed-digit-number"]},
            ["--disable", "bn.duplicated-attribution", "--disable", "common.mixed-digit-number"],
        ),
        ({"paragraphs": "blank-line"}, ["--paragraphs", "blank-line"]),
        ({"fail_on": "never", "fail_under": 95}, ["--fail-on", "never", "--fail-under", "95"]),
        ({"fail_on": "minor"}, ["--fail-on", "minor"]),
    ],
)
def test_check_equals_the_cli_json_file_object(cli, kwargs, options):
    text = EXAMPLE.read_text(encoding="utf-8")
    got = mtqc.Checker(**kwargs).check(text)
    assert got == cli_file(cli, *options, text=text)
    # Byte for byte once serialised the same way.
    assert json.dumps(got, ensure_ascii=False) == json.dumps(
        cli_file(cli, *options, text=text), ensure_ascii=False
    )


def test_the_example_has_findings_and_offsets_in_bytes():
    text = EXAMPLE.read_text(encoding="utf-8")
    file = mtqc.Checker(lang="bn").check(text)
    findings = [f for p in file["paragraphs"] for f in p["findings"]]
    assert file["language"] == "bn" and len(findings) > 10
    raw = text.encode("utf-8")
    for f in findings:
        assert raw[f["start"] : f["end"]].decode("utf-8") == f["text"]


def test_check_with_a_project_file(cli, tmp_path):
    config = tmp_path / "mtqc.toml"
    config.write_text(
        'disable = ["bn.duplicated-attribution"]\nallow = ["date"]\n'
        '[severity]\n"bn.spelling-variant" = "major"\n',
        encoding="utf-8",
    )
    text = EXAMPLE.read_text(encoding="utf-8")
    got = mtqc.Checker(config=config).check(text)
    assert got == cli_file(cli, "--config", config, text=text)
    assert not any(
        f["rule"] == "bn.duplicated-attribution" for p in got["paragraphs"] for f in p["findings"]
    )


def test_no_project_file_is_discovered(tmp_path, monkeypatch):
    (tmp_path / "mtqc.toml").write_text('packs = ["common"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = EXAMPLE.read_text(encoding="utf-8")
    rules = {f["rule"] for p in mtqc.Checker().check(text)["paragraphs"] for f in p["findings"]}
    assert any(r.startswith("bn.") for r in rules), "mtqc.toml in the working directory was read"


def test_check_path_and_edge_texts():
    c = mtqc.Checker(lang="bn", threads=1)
    assert c.check("", path="a.txt")["path"] == "a.txt"
    assert c.check("")["paragraphs"] == []
    # A NUL is text in a str (a file with one is binary).
    assert c.check("ক\x00খ")["words"] == 1
    # A lone surrogate has no UTF-8 form.
    with pytest.raises(UnicodeEncodeError):
        c.check("ক\ud800")


def test_threads_and_concurrent_calls():
    assert mtqc.Checker(threads=1).threads == 1
    assert mtqc.Checker(threads=2).threads == 2
    assert mtqc.Checker().threads >= 1
    c = mtqc.Checker(threads=2)
    text = EXAMPLE.read_text(encoding="utf-8")
    expected = c.check(text)
    results, errors = [], []

    def work():
        try:
            for _ in range(5):
                results.append(c.check(text))
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 20 and all(r == expected for r in results)


def test_a_checker_pickles_as_its_options(tmp_path):
    config = tmp_path / "mtqc.toml"
    config.write_text('disable = ["common.doubled-space"]\n', encoding="utf-8")
    c = mtqc.Checker(lang="bn", disable="bn.repeated-word", config=config, threads=1)
    d = pickle.loads(pickle.dumps(c))
    text = EXAMPLE.read_text(encoding="utf-8")
    assert d.check(text) == c.check(text)
    assert d.threads == 1
    assert "lang='bn'" in repr(d)


def test_version():
    assert mtqc.__version__ == "0.1.0"


def test_shared_checker_is_one_per_process_and_options():
    a = mtqc.shared_checker(lang="bn", threads=1)
    assert mtqc.shared_checker(threads=1, lang="bn") is a
    assert mtqc.shared_checker(lang="bn", threads=1, disable=["bn.repeated-word"]) is not a


_FORKED = None


def _check_in_child(text):
    return [f["rule"] for p in _FORKED.check(text)["paragraphs"] for f in p["findings"]]


def test_a_checker_made_before_a_fork_works_in_the_child():
    import multiprocessing

    global _FORKED
    _FORKED = mtqc.Checker(lang="bn", threads=2)
    want = _check_in_child("আামি যাব")  # the parent's pool is running
    # A forked child has none of the parent's threads: the checker starts its own pool there.
    with multiprocessing.get_context("fork").Pool(2) as pool:
        got = pool.map_async(_check_in_child, ["আামি যাব", "আামি যাব"]).get(timeout=120)
    assert got == [want, want] and want == ["bn.sign-on-vowel"]


def test_threads_are_capped_as_the_cli_caps_them(monkeypatch):
    with pytest.warns(mtqc.MtqcWarning, match="threads 100000: more threads than helps"):
        c = mtqc.Checker(threads=100000)
    # The cap: four threads a core, at most 256.
    most = min(4 * (os.cpu_count() or 1), 256)
    assert 1 <= c.threads <= most
    monkeypatch.setenv("RAYON_NUM_THREADS", "100000")
    with pytest.warns(mtqc.MtqcWarning, match="RAYON_NUM_THREADS 100000"):
        c = mtqc.Checker()
    assert 1 <= c.threads <= most
