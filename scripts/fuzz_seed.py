#!/usr/bin/env python3
"""Seed a fuzz target's corpus (used by scripts/fuzz.sh).

usage: fuzz_seed.py TARGET CORPUS_DIR [SHARED_DIR]

Seeds come from the repository (rule packs, test fixtures, fuzz/seeds/) and, when SHARED_DIR
exists, from openly licensed data only: TICO-19 (CC0) plain text and TMX target segments, and
the translation files of shared/corpus/formats (see each folder's PROVENANCE.md). Seeds are
named seed-*, so re-seeding overwrites them and never touches what libFuzzer added.
"""

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

# Seeds for check_bytes are kept small, as the inputs grown from them are (-max_len in
# fuzz.sh): checking costs time in proportion to the text.
MAX_SEED = 2048
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def head(data: bytes, limit: int = MAX_SEED) -> bytes:
    """At most `limit` bytes, cut after the last whole line."""
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[: cut + 1] if cut > 0 else data[:limit]


def chunks(data: bytes, limit: int = MAX_SEED):
    """`data` in pieces of at most `limit` bytes, each cut after a whole line."""
    out = []
    while data:
        piece = head(data, limit)
        out.append(piece)
        data = data[len(piece) :]
    return out


def windows(lines, size, count):
    """`count` windows of `size` lines spread evenly over `lines`."""
    if not lines:
        return []
    step = max(1, len(lines) // count)
    return [lines[i : i + size] for i in range(0, len(lines), step)][:count]


def slug(path: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", path).strip("-")


class Seeder:
    def __init__(self, corpus: str):
        self.corpus = corpus
        self.count = 0
        os.makedirs(corpus, exist_ok=True)

    def add(self, name: str, data: bytes):
        if not data:
            return
        with open(os.path.join(self.corpus, "seed-" + slug(name)), "wb") as f:
            f.write(data)
        self.count += 1

    def add_file(self, path: str, name: str = ""):
        with open(path, "rb") as f:
            self.add(name or path, head(f.read(), 1 << 14))


def readme_toml_block(key: str) -> bytes:
    """The README's first ```toml block mentioning `key` (the mtqc.toml example)."""
    try:
        text = open("README.md", encoding="utf-8").read()
    except OSError:
        return b""
    for block in re.findall(r"```toml\n(.*?)```", text, flags=re.S):
        if key in block:
            return block.encode()
    return b""


def tmx_targets(path: str, limit: int):
    """Target-language segments (not English) of a TMX file, at most `limit`."""
    out = []
    try:
        for _, el in ET.iterparse(path):
            if el.tag == "tuv" and el.get(XML_LANG, "en") != "en":
                seg = el.find("seg")
                if seg is not None:
                    out.append("".join(seg.itertext()).strip())
                if len(out) >= limit:
                    break
            if el.tag == "tu":
                el.clear()
    except ET.ParseError:
        pass
    return out


def seed_check_bytes(s: Seeder, shared: str):
    for path in sorted(glob.glob("tests/fixtures/*.txt")):
        with open(path, "rb") as f:
            for n, piece in enumerate(chunks(f.read())):
                s.add(f"{path}-{n}", piece)
    if not shared:
        return
    tico = os.path.join(shared, "corpus/tico19")
    for side in ("bn", "en"):
        path = os.path.join(tico, f"plain/en-bn.{side}.txt")
        if os.path.exists(path):
            lines = open(path, "rb").read().splitlines(keepends=True)
            for n, w in enumerate(windows(lines, 4, 24 if side == "bn" else 6)):
                s.add(f"tico19-{side}-{n:02}", head(b"".join(w)))
    for path in sorted(glob.glob(os.path.join(tico, "tmx/*.tmx"))):
        segs = tmx_targets(path, 600)
        for n, w in enumerate(windows(segs, 4, 4)):
            s.add(f"{os.path.basename(path)}-{n}", head("\n".join(w).encode() + b"\n"))
    formats = os.path.join(shared, "corpus/formats")
    for path in sorted(glob.glob(os.path.join(formats, "**/*"), recursive=True)):
        if os.path.isfile(path) and not path.endswith(".md"):
            with open(path, "rb") as f:
                s.add(os.path.relpath(path, formats), head(f.read()))


# The reader targets: the fixture extensions and shared/corpus/formats folders each one reads.
READERS = {
    "rdr_xliff": ((".xliff", ".xlf"), ("formats/xliff12", "formats/xliff20")),
    "rdr_po": ((".po",), ("formats/po",)),
    "rdr_tmx": ((".tmx",), ()),
    "rdr_jsonl": ((".jsonl",), ()),
    "rdr_tsv": ((".tsv",), ()),
    "rdr_markdown": ((".md",), ()),
}
READER_SEED = 1 << 14


def seed_reader(s: Seeder, target: str, shared: str):
    """Fixtures of the target's format (tests/fixtures/formats/, its fuzz/ crash inputs), the
    shared corpus's files of that format, and TICO-19 made into TMX, JSONL and TSV."""
    exts, folders = READERS[target]
    fixtures = sorted(glob.glob("tests/fixtures/formats/*")) + sorted(
        glob.glob(f"tests/fixtures/formats/fuzz/{target}-*")
    )
    for path in fixtures:
        if path.endswith(exts) or os.path.basename(path).startswith(target + "-"):
            s.add_file(path)
    if target == "rdr_markdown":
        for path in ["README.md"] + sorted(glob.glob("docs/*.md")):
            with open(path, "rb") as f:
                for n, piece in enumerate(chunks(f.read(), 4096)[:4]):
                    s.add(f"{path}-{n}", piece)
    if not shared:
        return
    for folder in folders:
        root = os.path.join(shared, "corpus", folder)
        for path in sorted(glob.glob(os.path.join(root, "**/*"), recursive=True)):
            if os.path.isfile(path) and not path.endswith(".md"):
                with open(path, "rb") as f:
                    s.add(os.path.relpath(path, shared), head(f.read(), READER_SEED))
    tico = os.path.join(shared, "corpus/tico19")
    if target == "rdr_tmx":
        for path in sorted(glob.glob(os.path.join(tico, "tmx/*.tmx"))):
            with open(path, "rb") as f:
                data = head(f.read(), READER_SEED)
            cut = data.rfind(b"</tu>")
            if cut > 0:
                data = data[: cut + len(b"</tu>")] + b"\n</body>\n</tmx>\n"
            s.add(os.path.basename(path), data)
    if target in ("rdr_jsonl", "rdr_tsv"):
        import json

        plain = os.path.join(tico, "plain")
        try:
            cols = [
                open(os.path.join(plain, f"en-bn.{k}.txt"), encoding="utf-8").read().splitlines()
                for k in ("tuid", "en", "bn")
            ]
        except OSError:
            return
        rows = list(zip(*cols))
        for n, w in enumerate(windows(rows, 6, 8)):
            if target == "rdr_jsonl":
                lines = [
                    json.dumps({"id": i, "src": e, "tgt": b}, ensure_ascii=(k % 2 == 1))
                    for k, (i, e, b) in enumerate(w)
                ]
            else:
                lines = ["id\tsrc\ttgt"] + ["\t".join(r) for r in w]
            s.add(f"tico19-{n}", ("\n".join(lines) + "\n").encode())


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    target, corpus = sys.argv[1], sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) == 4 and os.path.isdir(sys.argv[3]) else ""
    s = Seeder(corpus)
    if target == "rule_pack":
        for path in sorted(glob.glob("rules/**/*.toml", recursive=True)):
            s.add_file(path)
        s.add("readme-pack.toml", readme_toml_block("[pack]"))
    elif target == "check_bytes":
        seed_check_bytes(s, shared)
    elif target in READERS:
        seed_reader(s, target, shared)
    elif target == "config":
        for path in sorted(glob.glob("fuzz/seeds/config/*.toml")):
            s.add_file(path)
        s.add("readme-mtqc.toml", readme_toml_block("fail_on"))
    else:
        sys.exit(f"unknown target {target}")
    where = "repo and " + shared if shared else "repo only (no shared corpus)"
    print(f"{target}: {s.count} seeds from the {where}")


if __name__ == "__main__":
    main()
