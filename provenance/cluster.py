"""Checking on a Dask cluster: workers that load the pipeline and rules once, batches sent out a bounded
number at a time, and their analyses returned as plain records for the client, the only writer, to save.

Nothing else in the package imports Dask: a run on one machine never loads it. The client never loads
the pipeline: it needs only the pipeline's name and version, for the job and the skip key, read from the
installed package's meta.json or, where the pipeline is not installed on the client, asked of a worker.

Notes:
    Dask distributed places the tasks and, when a worker is lost, runs its tasks
    again on another (https://distributed.dask.org/en/stable/resilience.html). A
    task here is a pure function of its batch: a batch run twice gives the same
    records, and only the client writes them, once each, when a result arrives.
"""
from __future__ import annotations

import logging
import re
import tempfile
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Deque, Iterable, Iterator, List, Optional, Sequence, Tuple, TypeVar, Union

from . import __version__
from .engine import Engine
from .errors import AnalysisError, ClusterError, ModelError, ProvenanceError, WorkerRefused
from . import model as models
from .model import load_pipeline, pipeline_meta
from .linking import CHECK, Conventions
from .records import Analysis, Article
from .rules import load_rules

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin, get_worker
except ImportError as exc:  # the optional extra is not installed
    raise ClusterError("--cluster needs Dask distributed; install it with: pip install 'provenance[cluster]'") from exc

PLUGIN = "provenance-engine"  # the name the engine plugin is registered and found under on every worker
LOCAL = re.compile(r"local:(\d+)")  # --cluster local:N, a LocalCluster of N worker processes
CONNECT_TIMEOUT = "20s"
# Dask keeps each stream's last messages under 1 MB for debugging, 1,000 by default: 1,000 batches of
# full-size articles are some 90 MB on the client, and as much again on a scheduler started here.
MESSAGE_LOG = 20
BATCHES_PER_THREAD = 2  # batches in flight for each worker thread: one running, one waiting to start

Plan = TypeVar("Plan")
Result = Union[Analysis, AnalysisError]


@dataclass(frozen=True)
class Job:
    """What every worker needs to analyze as the client would: the pipeline to load, the extra rule files
    (folder by folder, as names and texts), the scope and conventions, and what the result must match."""

    model: str
    model_name: str
    model_version: str
    rules_digest: str
    tool_version: str
    scope: str
    conventions: Conventions = CHECK
    rule_folders: Tuple[Tuple[Tuple[str, str], ...], ...] = ()

    @classmethod
    def of(cls, engine: Engine, rules_dirs: Sequence[Path] = (), model: Optional[str] = None,
           conventions: Conventions = CHECK) -> "Job":
        """The job of `engine`: its pipeline loaded by the name `model` (default: the engine's own), the rule
        files of `rules_dirs`, its scope, and `conventions`, those the engine was built with."""
        folders = tuple(tuple((p.name, p.read_text(encoding="utf-8")) for p in sorted(Path(d).glob("*.yaml")))
                        for d in rules_dirs)
        return cls(model or engine.model_name, engine.model_name, engine.model_version, engine.rules.digest,
                   __version__, engine.scope, conventions, folders)

    def engine(self) -> Engine:
        """Load the pipeline and the rules as the client did.

        Raises:
            WorkerRefused: the pipeline, rules or provenance version here differ from the client's.
            ProvenanceError: the pipeline or a rule file cannot be loaded.
        """
        with tempfile.TemporaryDirectory() as folder:
            dirs = []
            for number, files in enumerate(self.rule_folders):
                # Each folder keeps its files' names: the rules digest is over names and texts.
                dirs.append(Path(folder) / str(number))
                dirs[-1].mkdir()
                for name, text in files:
                    (dirs[-1] / name).write_text(text, encoding="utf-8")
            engine = Engine(load_pipeline(self.model), load_rules(dirs), self.scope, self.conventions)
        self.check(engine)
        return engine

    def check(self, engine: Engine) -> None:
        """Refuse an engine that would not find what the client's finds."""
        found = (f"pipeline {engine.model_name} {engine.model_version}", f"rules digest {engine.rules.digest}",
                 f"provenance {__version__}")
        wanted = (f"pipeline {self.model_name} {self.model_version}", f"rules digest {self.rules_digest}",
                  f"provenance {self.tool_version}")
        for have, want in zip(found, wanted):
            if have != want:
                raise WorkerRefused(f"{have}, not the job's {want}; install the same provenance, pipeline "
                                    "and rules on every worker")


class EnginePlugin(WorkerPlugin):
    """Loads the job's engine once on each worker, when the worker joins, and keeps it for every task."""

    def __init__(self, job: Job):
        self.job = job
        self.engine: Optional[Engine] = None
        self.refusal: Optional[str] = None

    def setup(self, worker) -> None:
        try:
            self.engine = self.job.engine()
        except ProvenanceError as exc:
            self.refusal = f"worker {worker.address}: {exc}"
            raise WorkerRefused(self.refusal, worker.address) from None


def analyze_batch(articles: List[Article]) -> List[Result]:
    """A task: analyze a batch with the engine this worker loaded, each failed article an AnalysisError in its place.

    Raises:
        WorkerRefused: this worker has no engine, or a refused one.
    """
    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN)
    if plugin is None or plugin.engine is None:
        raise WorkerRefused(getattr(plugin, "refusal", None) or f"worker {worker.address}: no provenance engine",
                            worker.address)
    return list(plugin.engine.analyze_many(articles, len(articles) or 1))


def local_workers(address: str) -> Optional[int]:
    """N for `local:N`, None for the address of a running scheduler.

    Raises:
        ClusterError: `local:` without a number of workers from 1 to 64.
    """
    if not address.startswith("local:"):
        return None
    found = LOCAL.fullmatch(address)
    if not found or not 1 <= int(found.group(1)) <= 64:
        raise ClusterError(f"--cluster {address}: give local:N with N worker processes from 1 to 64, "
                           "or a scheduler address such as tcp://10.0.0.5:8786")
    return int(found.group(1))


class Cluster:
    """A Dask client whose workers all hold the job's engine; closes, on leaving a `with`, what it started.

    A worker that joins during the run and is refused is retired from it, and the run goes
    on without it: `note` is called with one line naming the worker and why.
    """

    def __init__(self, client: Client, local: Optional[LocalCluster] = None):
        self.client, self.local = client, local
        self.workers = 0
        self.note: Callable[[str], None] = logging.getLogger(__name__).warning
        self.retired: List[str] = []

    @classmethod
    def open(cls, address: str, engine: Engine, rules_dirs: Sequence[Path] = (), model: Optional[str] = None
             ) -> "Cluster":
        """Join the scheduler at `address`, or start `local:N`, and load the engine on every worker.

        Raises:
            ClusterError: no scheduler answers at `address`.
            WorkerRefused: a worker's pipeline, rules or provenance version differ from the client's.
        """
        cluster = cls.connect(address)
        try:
            cluster.load(engine, rules_dirs, model)
        except BaseException:
            cluster.close()
            raise
        return cluster

    @classmethod
    def connect(cls, address: str) -> "Cluster":
        """Join the scheduler at `address`, or start `local:N`; no engine is loaded yet (`load`).

        Raises:
            ClusterError: no scheduler answers at `address`, or it is not an address.
        """
        count = local_workers(address)
        local = None
        try:
            with dask.config.set({"distributed.admin.low-level-log-length": MESSAGE_LOG}):
                if count:
                    local = LocalCluster(n_workers=count, threads_per_worker=1, processes=True,
                                         dashboard_address=":0", silence_logs=logging.ERROR)
                client = Client(local or address, timeout=CONNECT_TIMEOUT)
        except ValueError as exc:
            raise ClusterError(f"--cluster {address}: not a scheduler address ({exc}); give one such as "
                               "tcp://10.0.0.5:8786, or local:N") from None
        except (OSError, TimeoutError) as exc:
            if local is not None:
                local.close()
            raise ClusterError(f"--cluster {address}: no Dask scheduler answers there ({exc}); start one with "
                               "`dask scheduler`, or use --cluster local:N") from None
        return cls(client, local)

    def load(self, engine: Engine, rules_dirs: Sequence[Path] = (), model: Optional[str] = None) -> None:
        """Load `engine`'s pipeline (by the name `model`) and rules, with the rule files of `rules_dirs`, on every
        worker, and on every worker that joins later.

        Raises:
            WorkerRefused: a worker's pipeline, rules or provenance version differ from the client's.
        """
        self.client.register_plugin(EnginePlugin(Job.of(engine, rules_dirs, model)), name=PLUGIN)
        self.workers = len(self.client.nthreads())

    def pipeline_meta(self, model: Optional[str] = None) -> Tuple[str, str]:
        """The name and version of the pipeline `model` names (default: the first installed default), read
        here from its meta.json when it is installed here, else asked of a worker: the client never loads it.

        Raises:
            ModelError: the pipeline is installed neither here nor on the worker asked.
            ClusterError: it is not installed here and no worker joins within CONNECT_TIMEOUT.
        """
        try:
            return pipeline_meta(model)
        except ModelError as here:
            try:
                self.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            except TimeoutError:
                raise ClusterError(f"{here}; no worker has joined the scheduler to be asked its version instead"
                                   ) from None
        worker = next(iter(self.client.nthreads()))
        try:
            return tuple(self.client.run(models.pipeline_meta, model, workers=[worker])[worker])
        except ModelError as there:
            raise ModelError(f"not installed here, nor on worker {worker}: {there}") from None

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()

    def where(self) -> str:
        """What the progress line says of the workers, as of the last batch sent."""
        return f" on {self.workers} worker{'s' * (self.workers != 1)}"

    def analyze(self, plans: Iterable[Plan], articles_of: Callable[[Plan], List[Article]]
                ) -> Iterator[Tuple[Plan, List[Result]]]:
        """Send each plan's articles out as one task and yield each plan with its results, in input order.

        At most BATCHES_PER_THREAD batches per worker thread are in flight, so the
        client holds a bounded number of batches however long the stream.
        """
        pending: Deque = deque()
        for plan in plans:
            articles = articles_of(plan)
            future = self._submit(articles) if articles else None
            pending.append((plan, articles, future))
            while len(pending) > self._in_flight():
                yield self._result(*pending.popleft())
        while pending:
            yield self._result(*pending.popleft())

    def _in_flight(self) -> int:
        threads = self.client.nthreads()
        self.workers = len(threads)
        return max(BATCHES_PER_THREAD, BATCHES_PER_THREAD * sum(threads.values()))

    def _submit(self, articles: List[Article]):
        return self.client.submit(analyze_batch, articles, pure=False)

    def _result(self, plan: Plan, articles: List[Article], future) -> Tuple[Plan, List[Result]]:
        if future is None:
            return plan, []
        try:
            return plan, future.result()
        except WorkerRefused as refused:  # a worker that joined after the start, with other rules or pipeline
            self._retire(refused)
            return self._result(plan, articles, self._submit(articles))
        except ProvenanceError:
            raise
        except Exception as exc:  # the task failed as a whole: its worker died on it too often, or lost the scheduler
            return plan, self._one_by_one(articles, exc)

    def _retire(self, refused: WorkerRefused) -> None:
        """Close a refused worker and go on without it: its batches run again on the others.

        Raises:
            WorkerRefused: no worker is left to run them.
        """
        if refused.worker not in self.retired:
            self.retired.append(refused.worker)
            self.client.retire_workers([refused.worker], close_workers=True)
            self.note(f"{refused}; retired from this run")
        if not self.client.nthreads():
            raise WorkerRefused(f"{refused}; no other worker is left to run the job") from None

    def _one_by_one(self, articles: List[Article], failure: Exception) -> List[Result]:
        """Run a failed batch's articles one a task, so one article that kills its worker fails alone."""
        if self.client.status != "running":
            raise ClusterError(f"lost the Dask scheduler ({type(failure).__name__}: {failure}); "
                               "run the same command again to resume") from None
        if len(articles) == 1:
            return [AnalysisError(f"{articles[0].path}: analysis failed on the cluster "
                                  f"({type(failure).__name__}: {failure}); please report this with the article")]
        futures = [self._submit([article]) for article in articles]
        results: List[Result] = []
        for article, future in zip(articles, futures):
            results.extend(self._result(None, [article], future)[1])
        return results
