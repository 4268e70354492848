"""What the benchmark scripts (eval/bench.py, encoder_bench.py, store_bench.py) measure with:
latency summaries and this process's memory."""

import resource
from pathlib import Path

import numpy as np


def latency(values_ms, digits: int = 2) -> dict:
    """{"p50", "p95", "n"} of timings in milliseconds (linear-interpolated percentiles)."""
    if not values_ms:
        return {"p50": 0.0, "p95": 0.0, "n": 0}
    arr = np.asarray(values_ms, dtype=np.float64)
    return {"p50": round(float(np.percentile(arr, 50)), digits), "p95": round(float(np.percentile(arr, 95)), digits),
            "n": len(values_ms)}


def _status_mb(field: str) -> float | None:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return None


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it does not carry over the
    peak of the parent that forked it)."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """This process's resident memory now."""
    return _status_mb("VmRSS") or 0.0
