"""Batches in and out of Arrow. Targets reach the Rust core as a list of str or as the buffers
of a pyarrow string array; results come back as Arrow buffers built in Rust (offsets, data,
validity), which ``pyarrow.Array.from_buffers`` wraps without copying."""

from __future__ import annotations

from typing import Any, Optional

try:
    import pyarrow as pa
except ImportError:  # pragma: no cover - exercised only without pyarrow
    raise ImportError(
        "mtqc.Checker.check_batch needs pyarrow: pip install pyarrow (or pip install 'mtqc[arrow]')"
    ) from None

FINDINGS = [
    ("row", pa.int64()),
    ("rule", pa.string()),
    ("kind", pa.string()),
    ("severity", pa.string()),
    ("category", pa.string()),
    ("message", pa.string()),
    ("text", pa.string()),
    ("suggestion", pa.string()),
    ("char_start", pa.int64()),
    ("char_end", pa.int64()),
    ("byte_start", pa.int64()),
    ("byte_end", pa.int64()),
    ("fingerprint", pa.string()),
]
SCORES = [
    ("row", pa.int64()),
    ("language", pa.string()),
    ("words", pa.int64()),
    ("penalty", pa.float64()),
    ("score", pa.float64()),
    ("pass", pa.bool_()),
    ("findings", pa.int64()),
]


def _type_name(x: Any) -> str:
    return type(x).__name__


def _one_array(x: Any) -> "pa.Array":
    if isinstance(x, pa.ChunkedArray):
        return x.combine_chunks() if x.num_chunks != 1 else x.chunk(0)
    return x


def _string_array(arr: "pa.Array", name: str) -> "pa.Array":
    t = arr.type
    if pa.types.is_dictionary(t) or getattr(pa.types, "is_string_view", lambda _: False)(t):
        arr = arr.cast(pa.large_string() if pa.types.is_large_string(getattr(t, "value_type", t)) else pa.string())
        t = arr.type
    if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
        raise TypeError(f"{name} must hold strings, not {t}")
    if arr.null_count:
        first = arr.is_null().index(True).as_py()
        raise ValueError(
            f"{name} has {arr.null_count} nulls (the first at row {first}): "
            "fill them (pyarrow.compute.fill_null) or drop them"
        )
    return arr


def _targets(targets: Any) -> Any:
    """A pyarrow string array, or a list."""
    if isinstance(targets, (str, bytes)):
        raise TypeError(f"targets must be a list of str, not one {_type_name(targets)}")
    if isinstance(targets, (list, tuple)):
        return targets
    if not isinstance(targets, (pa.Array, pa.ChunkedArray)):
        # Other Arrow producers (polars, pandas' Arrow-backed columns, nanoarrow...) through
        # the Arrow PyCapsule interface.
        if hasattr(targets, "__arrow_c_stream__"):
            targets = pa.chunked_array(targets)
        elif hasattr(targets, "__arrow_c_array__"):
            targets = pa.array(targets)
    if isinstance(targets, (pa.Array, pa.ChunkedArray)):
        return _string_array(_one_array(targets), "targets")
    try:
        return list(targets)
    except TypeError:
        raise TypeError(f"targets must be a list of str, not {_type_name(targets)}") from None


def _run(core: Any, targets: Any, sources: Optional[list], unit_ids: Optional[list], langs: Optional[list]) -> dict:
    if isinstance(targets, pa.Array):
        _, offsets, data = targets.buffers()
        return core.check_batch_arrow(
            offsets.to_pybytes(),
            data.to_pybytes() if data is not None else b"",
            pa.types.is_large_string(targets.type),
            targets.offset,
            len(targets),
            langs,
            sources,
            unit_ids,
        )
    return core.check_batch_list(targets, langs, sources, unit_ids)


def _optional_strs(values: Any, name: str, one: str) -> Optional[list]:
    """A list of str or None, one per target."""
    if values is None:
        return None
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{name} must be a list (one per target), not one {_type_name(values)}{one}")
    if not isinstance(values, (pa.Array, pa.ChunkedArray)) and (
        hasattr(values, "__arrow_c_stream__") or hasattr(values, "__arrow_c_array__")
    ):
        values = pa.chunked_array(values) if hasattr(values, "__arrow_c_stream__") else pa.array(values)
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        t = values.type
        if pa.types.is_dictionary(t):
            t = t.value_type
        if not (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t)):
            raise TypeError(f"{name} must hold strings, not {values.type}")
        return values.to_pylist()
    try:
        values = list(values)
    except TypeError:
        raise TypeError(f"{name} must be a list of str or None, not {_type_name(values)}") from None
    for i, x in enumerate(values):
        if x is not None and not isinstance(x, str):
            raise TypeError(f"{name}[{i}] must be str or None, not {_type_name(x)}")
    return values


def _ids(ids: Any, n: int) -> Optional["pa.Array"]:
    if ids is None:
        return None
    if isinstance(ids, (str, bytes)):
        raise TypeError(f"ids must be a list (one id per target), not one {_type_name(ids)}")
    if isinstance(ids, (pa.Array, pa.ChunkedArray)):
        arr = _one_array(ids)
    else:
        try:
            arr = pa.array(ids if isinstance(ids, (list, tuple)) else list(ids))
        except TypeError:
            raise TypeError(f"ids must be a list, not {_type_name(ids)}") from None
    if len(arr) != n:
        raise ValueError(f"ids has {len(arr)} entries for {n} targets")
    return arr


def _array(spec: tuple, n: int) -> "pa.Array":
    kind = spec[0]
    if kind == "string":
        _, offsets, data, valid, nulls, large = spec
        return pa.Array.from_buffers(
            pa.large_string() if large else pa.string(),
            n,
            [pa.py_buffer(valid) if valid is not None else None, pa.py_buffer(offsets), pa.py_buffer(data)],
            null_count=nulls,
        )
    t = {"int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}[kind]
    return pa.Array.from_buffers(t, n, [None, pa.py_buffer(spec[1])], null_count=0)


def _table(columns: dict, fields: list, n: int, ids: Optional["pa.Array"], per_finding: bool) -> "pa.Table":
    names, arrays = [], []
    for name, _ in fields:
        names.append(name)
        arrays.append(_array(columns[name], n))
        if name == "row" and ids is not None:
            names.append("id")
            arrays.append(ids.take(arrays[0]) if per_finding else ids)
    return pa.Table.from_arrays(arrays, names=names)


def check_batch(core: Any, targets: Any, sources: Any, ids: Any, langs: Any) -> "tuple[pa.Table, pa.Table, list]":
    targets = _targets(targets)
    langs = _optional_strs(langs, "langs", ": use Checker(lang=...)")
    sources = _optional_strs(sources, "sources", "")
    for name, values in (("langs", langs), ("sources", sources)):
        if values is not None and len(values) != len(targets):
            raise ValueError(f"{name} has {len(values)} entries for {len(targets)} targets")
    ids = _ids(ids, len(targets))
    # With sources, the rows are units and the ids their ids (fingerprints are keyed by them).
    unit_ids = None
    if sources is not None and ids is not None:
        unit_ids = [None if x is None else str(x) for x in ids.to_pylist()]
    out = _run(core, targets, sources, unit_ids, langs)
    findings = _table(out["findings"], FINDINGS, out["found"], ids, True)
    scores = _table(out["scores"], SCORES, out["rows"], ids, False)
    return findings, scores, out["warnings"]
