"""Bad input raises clear exceptions: TypeError for wrong types, mtqc.MtqcError subclasses
with the CLI's messages for wrong values."""

import pyarrow as pa
import pytest

import mtqc
from conftest import cli_error


@pytest.mark.parametrize(
    "kwargs, options, cls",
    [
        ({"disable": ["bn.no-such-rule"]}, ["--disable", "bn.no-such-rule"], mtqc.UsageError),
        ({"packs": ["common", "nope"]}, ["--packs", "common,nope"], mtqc.UsageError),
        ({"fail_on": "sometimes"}, ["--fail-on", "sometimes"], mtqc.UsageError),
        ({"fail_under": 150}, ["--fail-under", "150"], mtqc.UsageError),
        ({"paragraphs": "pages"}, ["--paragraphs", "pages"], mtqc.UsageError),
    ],
)
def test_unknown_values_raise_the_cli_message(mtqc_bin, kwargs, options, cls):
    with pytest.raises(cls) as e:
        mtqc.Checker(**kwargs)
    message = cli_error(mtqc_bin, "--no-config", *options)
    # clap's own messages lose the `error: ` and the pointer to --help, nothing else.
    message = message.removeprefix("error: ").split("\n\nFor more information")[0].strip()
    assert str(e.value) == message
    assert isinstance(e.value, mtqc.MtqcError) and e.value.kind == "usage"
    assert isinstance(e.value, ValueError)


def test_unknown_rule_message():
    with pytest.raises(mtqc.UsageError, match=r"^unknown rule `x\.y` \(see `mtqc rules list`\)$"):
        mtqc.Checker(disable="x.y")


def test_project_file_errors(mtqc_bin, tmp_path):
    bad = tmp_path / "mtqc.toml"
    bad.write_text('language = "bn"\ncolour = "red"\n', encoding="utf-8")
    with pytest.raises(mtqc.RulePackError) as e:
        mtqc.Checker(config=bad)
    assert str(e.value) == cli_error(mtqc_bin, "--config", str(bad))
    assert "mtqc.toml:2:1" in str(e.value) and e.value.kind == "rule-pack"
    missing = tmp_path / "none.toml"
    with pytest.raises(mtqc.MtqcError) as e:
        mtqc.Checker(config=missing)
    assert str(e.value) == cli_error(mtqc_bin, "--config", str(missing))


def test_rule_pack_errors(mtqc_bin, tmp_path):
    pack = tmp_path / "qa"
    pack.mkdir()
    (pack / "pack.toml").write_text('id = "qa"\nversion = 1\n', encoding="utf-8")
    with pytest.raises(mtqc.MtqcError) as e:
        mtqc.Checker(rules=[pack])
    assert str(e.value) == cli_error(mtqc_bin, "--no-config", "--rules", str(pack))
    with pytest.raises(mtqc.MtqcError) as e:
        mtqc.Checker(rules=tmp_path / "absent")
    assert str(e.value) == cli_error(mtqc_bin, "--no-config", "--rules", str(tmp_path / "absent"))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"lang": 5}, "lang must be str, not int"),
        ({"packs": ["common", 3]}, r"packs\[1\] must be str, not int"),
        ({"packs": 3}, "packs must be a str or a list of str, not int"),
        ({"disable": [None]}, r"disable\[0\] must be str, not NoneType"),
        ({"rules": [1]}, r"rules\[0\] must be a path"),
        ({"config": 1}, "config must be a path"),
        ({"threads": "2"}, "threads must be int, not str"),
        ({"threads": True}, "threads must be int, not bool"),
        ({"fail_under": "95"}, "fail_under must be a number, not str"),
        ({"fail_on": 1}, "fail_on must be str, not int"),
    ],
)
def test_wrong_option_types_raise_type_error(kwargs, message):
    with pytest.raises(TypeError, match=message):
        mtqc.Checker(**kwargs)


def test_wrong_option_values_in_python():
    with pytest.raises(mtqc.UsageError, match="threads=0: must be 1 or more"):
        mtqc.Checker(threads=0)
    with pytest.raises(mtqc.UsageError, match="empty list"):
        mtqc.Checker(packs=[])


@pytest.fixture(scope="module")
def checker():
    return mtqc.Checker(lang="bn", threads=1)


def test_non_str_texts_raise_type_error(checker):
    with pytest.raises(TypeError, match="text must be str, not bytes"):
        checker.check("ক".encode())
    with pytest.raises(TypeError, match="text must be str, not NoneType"):
        checker.check(None)
    with pytest.raises(TypeError, match=r"targets\[1\] must be str, not int"):
        checker.check_batch(["ক", 2])
    with pytest.raises(TypeError, match=r"targets\[0\] must be str, not NoneType"):
        checker.check_batch((None,))
    with pytest.raises(TypeError, match="targets must be a list of str, not one str"):
        checker.check_batch("কখগ")
    with pytest.raises(TypeError, match="targets must be a list of str, not int"):
        checker.check_batch(5)
    with pytest.raises(TypeError, match="targets must hold strings, not int64"):
        checker.check_batch(pa.array([1, 2]))
    with pytest.raises(TypeError, match=r"langs\[1\] must be str or None, not int"):
        checker.check_batch(["ক", "খ"], langs=["bn", 3])
    with pytest.raises(TypeError, match="langs must be a list"):
        checker.check_batch(["ক"], langs="bn")


def test_bad_batch_values(checker):
    with pytest.raises(ValueError, match="targets has 1 nulls \\(the first at row 1\\)"):
        checker.check_batch(pa.array(["ক", None, "খ"]))
    with pytest.raises(ValueError, match="ids has 1 entries for 2 targets"):
        checker.check_batch(["ক", "খ"], ids=["a"])
    with pytest.raises(ValueError, match="langs has 3 entries for 2 targets"):
        checker.check_batch(["ক", "খ"], langs=["bn", "bn", "bn"])


def test_invalid_utf8_in_an_arrow_array(checker):
    bad = pa.Array.from_buffers(
        pa.string(), 2, [None, pa.py_buffer(bytes([0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0])), pa.py_buffer(b"a\xff\xfe")]
    )
    with pytest.raises(mtqc.InputError, match=r"targets\[1\]: invalid UTF-8"):
        checker.check_batch(bad)


def test_source_language_and_pairs_take_str(checker):
    with pytest.raises(TypeError, match="source_lang must be str, not int"):
        mtqc.Checker(source_lang=1)
    with pytest.raises(TypeError, match="source must be str, not int"):
        checker.check_pair(1, "x")
    with pytest.raises(TypeError, match="target must be str, not NoneType"):
        checker.check_pair("x", None)
    with pytest.raises(TypeError, match=r"sources\[1\] must be str or None, not int"):
        checker.check_batch(["ক", "খ"], sources=["a", 2])
    with pytest.raises(TypeError, match="sources must be a list"):
        checker.check_batch(["ক"], sources="a")
    with pytest.raises(ValueError, match="sources has 1 entries for 2 targets"):
        checker.check_batch(["ক", "খ"], sources=["a"])
    with pytest.raises(TypeError, match="sources must hold strings, not int64"):
        checker.check_batch(["ক"], sources=pa.array([1]))


def test_language_tags_are_the_command_line_s(mtqc_bin):
    with pytest.raises(mtqc.UsageError) as e:
        mtqc.Checker(lang="english")
    assert str(e.value) == cli_error(mtqc_bin, "--no-config", "--lang", "english")
    c = mtqc.Checker(threads=1)
    with pytest.raises(mtqc.UsageError) as e:
        c.check_batch(["ক"], langs=["xx"])
    assert str(e.value) == cli_error(mtqc_bin, "--no-config", "--lang", "xx")
    # A tag with a region is its language.
    f, s = c.check_batch_scored(["আামি যাব"], langs=["bn-BD"])
    assert s.column("language").to_pylist() == ["bn"] and f.num_rows == 1


def test_the_cli_s_warnings_are_python_warnings():
    # A real language without a pack runs the common rules, with the CLI's warning, pointing
    # at the caller's line.
    with pytest.warns(mtqc.MtqcWarning, match="no language pack for `yo`") as w:
        mtqc.Checker(lang="yo", threads=1)
    assert w[0].filename == __file__
    # In a batch, when a language is first named (the checker keeps what it made for it).
    c = mtqc.Checker(threads=1)
    for call, lang in ((c.check_batch, "sd"), (c.check_batch_scored, "ps")):
        with pytest.warns(mtqc.MtqcWarning, match=f"no language pack for `{lang}`") as w:
            call(["سلام"], langs=[lang])
        assert w[0].filename == __file__
