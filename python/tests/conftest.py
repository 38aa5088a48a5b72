"""Shared fixtures: the repository, the CLI built from it (``target/release/mtqc``, or
``MTQC_BIN``), and a runner that returns its JSON report."""

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = Path(os.environ.get("MTQC_SHARED", ROOT.parent / "shared"))
TICO_BN = SHARED / "corpus" / "tico19" / "plain" / "en-bn.bn.txt"


def cli_binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    path = Path(os.environ.get("MTQC_BIN", target / "release" / "mtqc"))
    if not path.exists():
        pytest.fail(f"{path} not found: build the CLI first (cargo build --release) or set MTQC_BIN")
    return path


@pytest.fixture(scope="session")
def mtqc_bin() -> Path:
    return cli_binary()


@pytest.fixture(scope="session")
def cli(mtqc_bin):
    """Run ``mtqc check`` with ``--no-config`` (unless a config is named) and return the parsed
    JSON report; ``stdin`` is fed to ``-``."""

    def run(*args, stdin=None, expect_ok=True):
        argv = [str(mtqc_bin), "check", *map(str, args)]
        if not any(str(a).startswith("--config") for a in args):
            argv.append("--no-config")
        p = subprocess.run(argv, input=stdin, capture_output=True, text=stdin is not None or None)
        if expect_ok:
            assert p.returncode in (0, 1), p.stderr
            out = p.stdout if isinstance(p.stdout, str) else p.stdout.decode("utf-8")
            return json.loads(out)
        return p

    return run


def cli_error(mtqc_bin, *args) -> str:
    """The message of the CLI's error for these options (stderr without `mtqc: error: `)."""
    p = subprocess.run(
        [str(mtqc_bin), "check", *args, "-"], input="x\n", capture_output=True, text=True
    )
    assert p.returncode == 2, (p.returncode, p.stderr)
    return p.stderr.strip().removeprefix("mtqc: error: ")
