"""Where a build's reading and encoding run: in this process (the default), or as Ray tasks
spread over a Ray cluster (`assistant index --ray auto|ADDRESS`).

    auto      start a local Ray on this machine (or join the one $RAY_ADDRESS names)
    ADDRESS   join a running cluster: "HOST:6379" from a cluster node, "ray://HOST:10001" from outside

Every task is a plain function of plain data (file bytes in, chunks out; texts in, vectors out),
so a worker needs only this package installed; results come back to the build, which saves
them to its checkpoint as they arrive, in whatever order the tasks finish, and writes the
index itself. A worker loads Kiwi and the encoder once and keeps them for its next tasks.
"""

import os
from collections.abc import Callable, Iterable, Iterator

from .errors import AssistantError

# what a worker must see as the build does (the encoder runtime it forces, the cache of the
# runtime measured on this machine, offline model loading)
PASSED_ENV = ("ASSISTANT_E5_RUNTIME", "ASSISTANT_CACHE_DIR", "ASSISTANT_ALLOW_DOWNLOAD", "HF_HUB_OFFLINE",
              "TRANSFORMERS_OFFLINE")


class LocalWorkers:
    """Run each task here, one after another, in order."""

    name = "local"

    def run(self, fn: Callable, jobs: Iterable[tuple]) -> Iterator[tuple[int, object]]:
        for i, args in enumerate(jobs):
            yield i, fn(*args)


class RayWorkers:
    """Run the tasks as Ray tasks, one CPU each; results are yielded as they finish."""

    name = "ray"

    def __init__(self, address: str = "auto"):
        try:
            import ray
        except ImportError as exc:
            raise AssistantError('--ray needs the scale extra: pip install -e ".[scale]"') from exc
        self.ray = ray
        if not ray.is_initialized():
            env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
            try:
                ray.init(address=None if address == "auto" else address, include_dashboard=False,
                         log_to_driver=False, configure_logging=False, runtime_env={"env_vars": env})
            except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError... for a bad address
                raise AssistantError(f"cannot start or join Ray at {address!r} ({exc}); "
                                     "use --ray auto for a local one, or HOST:6379 / ray://HOST:10001") from exc
        self.cpus = int(ray.cluster_resources().get("CPU", 1))
        self._remote: dict[Callable, object] = {}

    def run(self, fn: Callable, jobs: Iterable[tuple]) -> Iterator[tuple[int, object]]:
        remote = self._remote.setdefault(fn, self.ray.remote(num_cpus=1, max_retries=2)(fn))
        pending = {remote.remote(*args): i for i, args in enumerate(jobs)}
        while pending:
            done, _ = self.ray.wait(list(pending), num_returns=1)
            for ref in done:
                yield pending.pop(ref), self.ray.get(ref)


def workers(ray: str | None):
    """LocalWorkers when `ray` is None, else RayWorkers on that address."""
    return LocalWorkers() if ray is None else RayWorkers(ray)
