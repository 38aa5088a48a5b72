"""Type stubs of the mtqc package (see __init__.py for the documentation)."""

import os
from typing import Any, Iterable, Literal, Optional, TypedDict, Union

import pyarrow

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

__version__: str
SOURCE_AWARE: bool

_PathLike = Union[str, os.PathLike[str]]

class MtqcError(Exception):
    kind: str

class UsageError(MtqcError, ValueError): ...
class RulePackError(MtqcError): ...
class InputError(MtqcError, ValueError): ...
class MtqcWarning(UserWarning): ...

_Severity = Literal["minor", "major", "critical"]

class _Finding(TypedDict):
    rule: str
    kind: str
    severity: _Severity
    category: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    start: int
    end: int
    suggestion: Optional[str]
    fingerprint: str

_Paragraph = TypedDict(
    "_Paragraph",
    {
        "index": int,
        "line": int,
        "words": int,
        "penalty": float,
        "score": float,
        "pass": bool,
        "findings": list[_Finding],
    },
)

_FileReport = TypedDict(
    "_FileReport",
    {
        "path": str,
        "relative_path": str,
        "language": str,
        "script": Optional[str],
        "words": int,
        "penalty": float,
        "score": float,
        "penalty_per_1000_words": float,
        "pass": bool,
        "paragraphs": list[_Paragraph],
        "baselined": int,
    },
)

class Checker:
    def __init__(
        self,
        lang: Optional[str] = ...,
        source_lang: Optional[str] = ...,
        packs: Union[str, Iterable[str], None] = ...,
        disable: Union[str, Iterable[str], None] = ...,
        rules: Union[_PathLike, Iterable[_PathLike], None] = ...,
        config: Optional[_PathLike] = ...,
        threads: Optional[int] = ...,
        *,
        paragraphs: Optional[Literal["line", "blank-line"]] = ...,
        fail_on: Optional[Literal["minor", "major", "critical", "never"]] = ...,
        fail_under: Optional[float] = ...,
        glossary: Union[_PathLike, Iterable[_PathLike], None] = ...,
    ) -> None: ...
    @property
    def threads(self) -> int: ...
    def check(self, text: str, *, path: str = ...) -> _FileReport: ...
    def check_pair(self, source: str, target: str) -> _FileReport: ...
    def check_batch(
        self,
        targets: Union[Iterable[str], pyarrow.Array, pyarrow.ChunkedArray],
        sources: Union[Iterable[Optional[str]], pyarrow.Array, pyarrow.ChunkedArray, None] = ...,
        ids: Union[Iterable[Any], pyarrow.Array, pyarrow.ChunkedArray, None] = ...,
        langs: Union[Iterable[Optional[str]], pyarrow.Array, pyarrow.ChunkedArray, None] = ...,
    ) -> pyarrow.Table: ...
    def check_batch_scored(
        self,
        targets: Union[Iterable[str], pyarrow.Array, pyarrow.ChunkedArray],
        sources: Union[Iterable[Optional[str]], pyarrow.Array, pyarrow.ChunkedArray, None] = ...,
        ids: Union[Iterable[Any], pyarrow.Array, pyarrow.ChunkedArray, None] = ...,
        langs: Union[Iterable[Optional[str]], pyarrow.Array, pyarrow.ChunkedArray, None] = ...,
    ) -> tuple[pyarrow.Table, pyarrow.Table]: ...

def shared_checker(
    *,
    lang: Optional[str] = ...,
    source_lang: Optional[str] = ...,
    packs: Union[str, Iterable[str], None] = ...,
    disable: Union[str, Iterable[str], None] = ...,
    rules: Union[_PathLike, Iterable[_PathLike], None] = ...,
    config: Optional[_PathLike] = ...,
    threads: Optional[int] = ...,
    paragraphs: Optional[Literal["line", "blank-line"]] = ...,
    fail_on: Optional[Literal["minor", "major", "critical", "never"]] = ...,
    fail_under: Optional[float] = ...,
    glossary: Union[_PathLike, Iterable[_PathLike], None] = ...,
) -> Checker: ...
