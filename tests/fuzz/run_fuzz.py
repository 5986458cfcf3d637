"""Fuzz lessonkit's page pipeline (decode, front matter, parser, outline, every lint rule) for a
fixed time budget.

    python tests/fuzz/run_fuzz.py --seconds 600            # `make fuzz`
    python tests/fuzz/run_fuzz.py --engine hypothesis       # without atheris installed
    python tests/fuzz/run_fuzz.py --seconds 600 --save-corpus   # keep new coverage in tests/fuzz/corpus

Engines: atheris (coverage-guided libFuzzer; `pip install atheris`) when it is installed, else
hypothesis generating Markdown from tests/fuzz/target.py's grammar plus raw bytes. The target is
target.check(): any exception other than lessonkit's own LessonError, any broken invariant
(lines inside the file, a proper div tree) and any input that takes over --timeout seconds is a
crash. A crash is written to tests/fuzz/crashes/ (replayed by tests/test_robustness_properties.py
as a fixture) and the run exits 1. Seeds and saved interesting inputs are in tests/fuzz/corpus/.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
CRASHES = HERE / "crashes"
DICTIONARY = HERE / "markdown.dict"
KEEP = 200  # at most this many new inputs are saved to the corpus per run
sys.path.insert(0, str(HERE))


def _save_crash(data: bytes, kind: str) -> Path:
    CRASHES.mkdir(exist_ok=True)
    path = CRASHES / f"{kind}-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    path.write_bytes(data)
    return path


# --- atheris ---------------------------------------------------------------------------------

def _atheris_child(argv: list[str]) -> None:
    """Runs in a child process: libFuzzer exits the process when the budget is spent."""
    import atheris

    with atheris.instrument_imports(include=["lessonkit", "markdown_it", "mdit_py_plugins"]):
        import target

    def one(data: bytes) -> None:
        target.check(data)

    atheris.Setup(argv, one)
    atheris.Fuzz()


def run_atheris(seconds: int, timeout: int, work: Path, save_corpus: bool) -> int:
    work.mkdir(parents=True, exist_ok=True)
    CRASHES.mkdir(exist_ok=True)
    flags = [f"-max_total_time={seconds}", f"-timeout={timeout}", "-rss_limit_mb=2048", "-max_len=16384",
             f"-artifact_prefix={CRASHES}/", "-print_final_stats=1", f"-dict={DICTIONARY}"]
    command = [sys.executable, __file__, "--child", *flags, str(work), str(CORPUS)]
    started = time.monotonic()
    code = subprocess.call(command)
    elapsed = time.monotonic() - started
    print(f"run_fuzz: atheris ran {elapsed:.0f} s, exit {code}", flush=True)
    if code == 0 and save_corpus:
        # Keep the inputs (up to 2 KB) that add coverage over the seeds already in tests/fuzz/corpus:
        # merge the seeds first into an empty folder, then the new inputs; copy what the second adds.
        with tempfile.TemporaryDirectory() as base:
            child = [sys.executable, __file__, "--child", "-merge=1", "-max_len=2048"]
            subprocess.call([*child, base, str(CORPUS)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            known = set(os.listdir(base))
            subprocess.call([*child, base, str(work)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            new = sorted(set(os.listdir(base)) - known, key=lambda name: ((Path(base) / name).stat().st_size, name))
            added = 0
            for name in new[:KEEP]:  # the smallest, so that replaying the corpus in the suite stays fast
                data = (Path(base) / name).read_bytes()
                (CORPUS / f"fuzz-{hashlib.sha1(data).hexdigest()[:12]}").write_bytes(data)
                added += 1
            print(f"run_fuzz: saved {added} inputs that add coverage to {CORPUS}", flush=True)
    return 0 if code == 0 else 1


# --- hypothesis ------------------------------------------------------------------------------

class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang("input took longer than the timeout")


def run_hypothesis(seconds: int, timeout: int) -> int:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    import target

    seeds = [path.read_bytes() for path in sorted(CORPUS.glob("*")) if path.is_file()]
    mutated = st.tuples(st.sampled_from(seeds or [b""]), st.integers(0, 4000), st.binary(max_size=40)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1]:])
    inputs = st.one_of(target.fuzz_inputs(), mutated)
    signal.signal(signal.SIGALRM, _alarm)
    deadline = time.monotonic() + seconds
    failure: list[bytes] = []
    examples = 0

    @settings(max_examples=500, deadline=None, database=None, derandomize=False,
              phases=[Phase.generate, Phase.shrink], suppress_health_check=list(HealthCheck))
    @given(inputs)
    def fuzz(data: bytes) -> None:
        nonlocal examples
        examples += 1
        failure[:] = [data]
        signal.alarm(timeout)
        try:
            target.check(data)
        finally:
            signal.alarm(0)

    rounds = 0
    while time.monotonic() < deadline:
        rounds += 1
        try:
            fuzz()
        except BaseException as error:  # noqa: BLE001 - every failure is a finding
            if isinstance(error, KeyboardInterrupt):
                raise
            path = _save_crash(failure[0], "hang" if isinstance(error, Hang) else "crash")
            print(f"run_fuzz: {type(error).__name__}: {error}\nrun_fuzz: minimal input saved to {path}", flush=True)
            return 1
    print(f"run_fuzz: hypothesis ran {seconds} s, {examples} inputs in {rounds} rounds, no crash", flush=True)
    return 0


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        # libFuzzer re-runs argv[0] through the shell for -merge: make it the whole child command.
        command = f"{shlex.quote(sys.executable)} {shlex.quote(str(Path(__file__).resolve()))} --child"
        _atheris_child([command, *sys.argv[2:]])
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=600, help="time budget (default 600)")
    parser.add_argument("--timeout", type=int, default=10, help="seconds one input may take (default 10)")
    parser.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "lessonkit-fuzz-work",
                        help="where atheris keeps the inputs it finds (default: a folder in the temp dir)")
    parser.add_argument("--save-corpus", action="store_true",
                        help="after a clean atheris run, merge inputs that add coverage into tests/fuzz/corpus")
    args = parser.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    print(f"run_fuzz: engine {engine}, {args.seconds} s, corpus {CORPUS}", flush=True)
    if engine == "atheris":
        return run_atheris(args.seconds, args.timeout, args.work, args.save_corpus)
    return run_hypothesis(args.seconds, args.timeout)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
