"""mtqc: a machine-translation quality checker, from Python.

The checking is mtqc's own (the Rust crate, compiled into ``mtqc._mtqc``); this package is a
thin layer over it. Options mean what they mean on the command line, and the results are the
data of the JSON report::

    import mtqc

    checker = mtqc.Checker(lang="bn")
    report = checker.check("তিনি বলেন, “আমরা প্রস্তুত,” তিনি বলেন।")
    for paragraph in report["paragraphs"]:
        for finding in paragraph["findings"]:
            print(finding["rule"], finding["text"], finding["message"])

    table = checker.check_batch(["…", "…"], ids=["u1", "u2"])   # a pyarrow.Table, one row per finding

``check_batch`` needs pyarrow (``pip install pyarrow``); nothing else does.
"""

from __future__ import annotations

import json
import os
import threading
import warnings
from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

from . import _mtqc
from ._errors import InputError, MtqcError, MtqcWarning, RulePackError, UsageError

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__version__: str = _mtqc.__version__

#: ``Checker.check_pair`` and the ``sources`` of ``check_batch`` check a target against its
#: source with the source-aware rules (numbers, placeholders and their order, untranslated
#: units and copied spans, empty targets, length ratios, glossary terms): True in this build.
SOURCE_AWARE: bool = True

__all__ = [
    "Checker",
    "shared_checker",
    "MtqcError",
    "UsageError",
    "RulePackError",
    "InputError",
    "MtqcWarning",
    "SOURCE_AWARE",
    "__version__",
]

PathLike = Union[str, "os.PathLike[str]"]


def _type_name(x: Any) -> str:
    return type(x).__name__


def _str_list(value: Union[str, Iterable[str]], name: str) -> list[str]:
    """A str, or an iterable of str, as a list of str."""
    if isinstance(value, str):
        return [value]
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be a str or a list of str, not {_type_name(value)}") from None
    for i, x in enumerate(items):
        if not isinstance(x, str):
            raise TypeError(f"{name}[{i}] must be str, not {_type_name(x)}")
    return items


def _path_list(value: Union[PathLike, Iterable[PathLike]], name: str) -> list[str]:
    if isinstance(value, (str, os.PathLike)):
        value = [value]
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be a path or a list of paths, not {_type_name(value)}") from None
    out = []
    for i, x in enumerate(items):
        if not isinstance(x, (str, os.PathLike)):
            raise TypeError(f"{name}[{i}] must be a path (str or os.PathLike), not {_type_name(x)}")
        out.append(os.fspath(x))
    return out


def _choice(value: str, name: str) -> str:
    """A str option; its value is the command line's to judge (with the CLI's message)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be str, not {_type_name(value)}")
    return value


class Checker:
    """A checker, built once: the rule packs are loaded and compiled when it is made, and
    every call reuses them. It is thread-safe, and it releases the GIL while it checks.

    Every option means what it means on the ``mtqc check`` command line:

    - ``lang``: the texts' language (``--lang``, a BCP 47 tag such as ``"bn"``), instead of
      detecting it.
    - ``source_lang``: the sources' language (``--source-lang``), for ``check_pair`` and
      ``check_batch(sources=...)``; default English. It picks the source-language data
      (``source-en``) and the length bands.
    - ``packs``: run only these packs (``--packs``), a list of ids or one comma-separated str.
    - ``disable``: rule ids switched off (``--disable``, repeatable).
    - ``rules``: directories of extra rule packs (``--rules``, repeatable).
    - ``config``: a project file ``mtqc.toml`` (``--config``). Without it none is read: the
      library never looks for ``mtqc.toml`` on its own.
    - ``threads``: the size of the checker's own thread pool. None (the default): one thread
      per core, as the CLI (``RAYON_NUM_THREADS`` overrides it); either is capped as the CLI
      caps ``-j``, with a warning. Pass 1 where each process
      already has a core of its own (Spark executors, multiprocessing workers).
    - ``paragraphs``: for ``check``, what a paragraph is: ``"line"`` (default) or
      ``"blank-line"``.
    - ``fail_on``, ``fail_under``: the gate (``--fail-on``, ``--fail-under``), which sets the
      ``pass`` fields.
    - ``glossary``: glossaries whose terms the source-aware rule checks (``--glossary``: TSV
      ``source<TAB>target|target`` or TBX-Basic), a path or a list.

    Errors are ``mtqc.MtqcError`` subclasses with the CLI's messages: ``UsageError`` (an
    unknown rule or pack, a bad value), ``RulePackError`` (a pack or project file that does
    not load), ``InputError``; a wrong type is a ``TypeError``.
    """

    def __init__(
        self,
        lang: Optional[str] = None,
        source_lang: Optional[str] = None,
        packs: Union[str, Iterable[str], None] = None,
        disable: Union[str, Iterable[str], None] = None,
        rules: Union[PathLike, Iterable[PathLike], None] = None,
        config: Optional[PathLike] = None,
        threads: Optional[int] = None,
        *,
        paragraphs: Optional[str] = None,
        fail_on: Optional[str] = None,
        fail_under: Optional[float] = None,
        glossary: Union[PathLike, Iterable[PathLike], None] = None,
    ) -> None:
        if lang is not None and not isinstance(lang, str):
            raise TypeError(f"lang must be str, not {_type_name(lang)}")
        if source_lang is not None:
            if not isinstance(source_lang, str):
                raise TypeError(f"source_lang must be str, not {_type_name(source_lang)}")
        if threads is not None:
            if isinstance(threads, bool) or not isinstance(threads, int):
                raise TypeError(f"threads must be int, not {_type_name(threads)}")
            if threads < 1:
                raise UsageError(f"threads={threads}: must be 1 or more")
        options: list[str] = []
        if source_lang is not None:
            options.append("--source-lang=" + source_lang)
        if packs is not None:
            ids = _str_list(packs, "packs")
            if not ids:
                raise UsageError("packs: an empty list runs no rule (name at least one pack)")
            options.append("--packs=" + ",".join(ids))
        if disable is not None:
            options += ["--disable=" + d for d in _str_list(disable, "disable")]
        rule_dirs = _path_list(rules, "rules") if rules is not None else []
        options += ["--rules=" + d for d in rule_dirs]
        glossaries = _path_list(glossary, "glossary") if glossary is not None else []
        options += ["--glossary=" + g for g in glossaries]
        if config is None:
            options.append("--no-config")
        else:
            if not isinstance(config, (str, os.PathLike)):
                raise TypeError(f"config must be a path (str or os.PathLike), not {_type_name(config)}")
            options.append("--config=" + os.fspath(config))
        if paragraphs is not None:
            options.append("--paragraphs=" + _choice(paragraphs, "paragraphs"))
        if fail_on is not None:
            options.append("--fail-on=" + _choice(fail_on, "fail_on"))
        if fail_under is not None:
            if isinstance(fail_under, bool) or not isinstance(fail_under, (int, float)):
                raise TypeError(f"fail_under must be a number, not {_type_name(fail_under)}")
            options.append(f"--fail-under={float(fail_under)!r}")
        self._core = _mtqc.Core(options, lang, threads)
        for w in self._core.warnings:
            warnings.warn(w, MtqcWarning, stacklevel=2)
        # What it takes to make the same checker in another process (pickling): absolute
        # paths, since the other process may run elsewhere.
        self._args = dict(
            lang=lang,
            source_lang=source_lang,
            packs=packs if packs is None or isinstance(packs, str) else list(packs),
            disable=disable if disable is None or isinstance(disable, str) else list(disable),
            rules=[os.path.abspath(d) for d in rule_dirs] if rules is not None else None,
            config=os.path.abspath(os.fspath(config)) if config is not None else None,
            threads=threads,
            paragraphs=paragraphs,
            fail_on=fail_on,
            fail_under=fail_under,
            glossary=[os.path.abspath(g) for g in glossaries] if glossary is not None else None,
        )

    @property
    def threads(self) -> int:
        """Threads of the checker's pool."""
        return self._core.threads

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self._args.items() if v is not None)
        return f"mtqc.Checker({shown})"

    def __reduce__(self):
        # A checker pickles as the options that make it: the other process compiles the packs
        # itself (rule directories and the project file must exist there too).
        return (_rebuild, (self._args,))

    # -- one text ---------------------------------------------------------------------------

    def check(self, text: str, *, path: str = "<text>") -> dict:
        """Check ``text`` as one document; return the JSON report's file object.

        The dict is what ``mtqc check --format json`` reports for the same text and options
        under ``files[0]`` (``path`` and ``relative_path`` are ``"<text>"``, or ``path`` when
        given: it is what a project file's ``[[path]]`` globs see): ``language``, ``script``,
        ``words``, ``penalty``, ``score``, ``penalty_per_1000_words``, ``pass``,
        ``baselined`` and ``paragraphs``, each with ``index``, ``line``, ``words``,
        ``penalty``, ``score``, ``pass`` and ``findings`` (``rule``, ``kind``, ``severity``,
        ``category``, ``message``, ``line``, ``column``, ``end_line``, ``end_column``,
        ``text``, ``start`` and ``end`` in UTF-8 bytes of ``text``, ``suggestion``,
        ``fingerprint``).
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {_type_name(text)}")
        if not isinstance(path, str):
            raise TypeError(f"path must be str, not {_type_name(path)}")
        return json.loads(self._core.check(text, path))

    def check_pair(self, source: str, target: str) -> dict:
        """Check one bilingual unit: ``target`` against its ``source``, with the source-aware
        findings (numbers, placeholders and their order, an empty target, ...) besides the
        target's own.

        Returns the JSON report's file object (``path`` ``"<pair>"``) with one paragraph, the
        unit: ``id`` (``"1"``), ``source``, ``target``, its scores and findings (offsets in
        ``target``): what ``mtqc check --segments --source SRC TGT --format json`` reports
        for a one-line pair. The target is one segment even with line breaks, as in
        ``check_batch([target], sources=[source])``, which finds the same.
        """
        for name, value in (("source", source), ("target", target)):
            if not isinstance(value, str):
                raise TypeError(f"{name} must be str, not {_type_name(value)}")
        return json.loads(self._core.check_pair(source, target))

    # -- batches ----------------------------------------------------------------------------

    def check_batch(
        self,
        targets: Any,
        sources: Any = None,
        ids: Any = None,
        langs: Any = None,
    ) -> "pyarrow.Table":
        """Check many segments; return a ``pyarrow.Table`` with one row per finding.

        Each target is one segment, as with ``mtqc check --segments``: its own document, one
        paragraph (line breaks inside a target do not split it). ``targets`` is a list (or
        any iterable) of str, or a pyarrow string or large_string array (or chunked array, or
        any Arrow producer through the PyCapsule interface, as a polars Series) without
        nulls. ``sources`` (same length, str or None) makes every row a translation unit
        checked against its source, as ``mtqc check --segments --source SRC TGT`` checks
        line-aligned files (None: a unit without a source); a unit's id, which keys its
        findings' fingerprints, is ``str(ids[i])``, else its 1-based row, as the line number. ``ids`` (same length, any type pyarrow holds) names the segments;
        ``langs`` (same length, str or None) gives each row's language, as ``--lang`` would
        (None: the checker's ``lang``, else detected).

        Columns: ``row`` (the target's index), ``id`` (when ``ids`` is given), ``rule``,
        ``kind``, ``severity``, ``category``, ``message``, ``text`` (the flagged text),
        ``suggestion`` (null when none), ``char_start``/``char_end`` (offsets in characters:
        ``target[char_start:char_end] == text``), ``byte_start``/``byte_end`` (in UTF-8 bytes)
        and ``fingerprint``; rows are in target order, then by position.

        The language and script of the rows of one language are decided over the batch, as
        the CLI decides them over a file: pass ``lang`` (or ``langs``) when batches are small
        or mixed. ``check_batch_scored`` returns the per-segment scores too.
        """
        return self._batch(targets, sources, ids, langs)[0]

    def check_batch_scored(
        self,
        targets: Any,
        sources: Any = None,
        ids: Any = None,
        langs: Any = None,
    ) -> "tuple[pyarrow.Table, pyarrow.Table]":
        """``check_batch``, and a second table with one row per target from the same pass:
        ``row``, ``id`` (when ``ids`` is given), ``language``, ``words``, ``penalty``,
        ``score`` (MQM, 0 to 100), ``pass`` (the gate's verdict on the segment) and
        ``findings`` (how many)."""
        return self._batch(targets, sources, ids, langs)

    def _batch(self, targets: Any, sources: Any, ids: Any, langs: Any) -> "tuple[pyarrow.Table, pyarrow.Table]":
        from . import _arrow

        findings, scores, notes = _arrow.check_batch(self._core, targets, sources, ids, langs)
        for w in notes:
            # Pointing at the caller of check_batch / check_batch_scored.
            warnings.warn(w, MtqcWarning, stacklevel=3)
        return findings, scores


def _rebuild(args: dict) -> Checker:
    return Checker(**args)


_shared: dict = {}
_shared_lock = threading.Lock()


def shared_checker(**options: Any) -> Checker:
    """The process's checker for these options (``Checker``'s keyword arguments), made on the
    first call and returned by every later one: for workers that get one task after another
    (Spark's ``mapInArrow``, Ray Data, multiprocessing), so the packs are compiled once per
    process, not once per task."""
    key = repr(sorted(options.items()))
    with _shared_lock:
        checker = _shared.get(key)
        if checker is None:
            checker = _shared[key] = Checker(**options)
        return checker
