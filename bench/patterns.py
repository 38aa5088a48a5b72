#!/usr/bin/env python3
"""Print, as JSON, the regexes of the `pattern` rules that run on a document of one language:
the rules of every pack under rules/ whose pack.toml lists that language or `*`. ripgrep runs
them in the benchmark as the bound on regex work. Reads the same TOML files mtqc embeds."""

import argparse
import json
import sys
import tomllib
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default="rules", help="the rule pack folder (default: rules)")
    ap.add_argument("--lang", default="bn")
    args = ap.parse_args()

    packs, rules = [], []
    for pack_toml in sorted(Path(args.rules).glob("*/pack.toml")):
        with open(pack_toml, "rb") as f:
            pack = tomllib.load(f)["pack"]
        if not ({"*", args.lang} & set(pack.get("languages", []))):
            continue
        packs.append(pack["id"])
        for path in sorted(pack_toml.parent.glob("*.toml")):
            if path.name == "pack.toml":
                continue
            with open(path, "rb") as f:
                doc = tomllib.load(f)
            for rule in doc.get("rule", []):
                if rule.get("kind") == "pattern":
                    rules.append({"id": f"{pack['id']}.{rule['id']}", "file": str(path),
                                  "regex": rule["regex"]})
    if not rules:
        sys.exit(f"no pattern rules for language {args.lang!r} under {args.rules}")
    json.dump({"language": args.lang, "packs": packs, "rules": rules,
               "regexes": [r["regex"] for r in rules]}, sys.stdout, ensure_ascii=False, indent=2)
    print()


if __name__ == "__main__":
    main()
