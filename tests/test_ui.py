"""The Airflow UI as a person uses it: sign in, find the ingestion DAG and its docs, trigger a run, read a task log.

Airflow runs for real (api-server, scheduler, dag-processor, triggerer, started by `pipeline.ui` as `make ui`
does) on a free port with a private AIRFLOW_HOME and a pipeline database of its own; Playwright drives Debian's
chromium. Screenshots of every step land in test-artifacts/ui/. The REST API is used only to wait for runs and
to know what the UI should show.
"""

from __future__ import annotations

import ast
import contextlib
import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from urllib.parse import quote, unquote

import httpx
import psycopg
import pytest
from psycopg import sql

from pipeline import db, ui
from tests.conftest import ROOT, _with_database

DAG_ID = "wire_ingest"
LOGGED_TASK = "publish_facts"  # returns the counts of the facts the run loaded
REEXTRACT_DAG = "wire_reextract"
ARTIFACTS = ROOT / "test-artifacts" / "ui"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update"]
RUN_TIMEOUT = 420.0  # one ingestion run takes 40-60 s on two quiet cores, several times that when they are shared
# The scheduler creates only the runs the test triggers: no interval run racing the manual one, and no
# source watcher starting wire_ingest_on_change runs beside it.
TEST_OVERRIDES = {"AIRFLOW__SCHEDULER__USE_JOB_SCHEDULE": "False", "PIPELINE_WATCH_SOURCES": "0",
                  "PIPELINE_EXTRACT_CHUNK": "13"}  # the fixtures' documents in two mapped chunks
_T0 = [time.monotonic()]  # reset when Airflow starts: the printed times are the UI test's own


def _chromium() -> str:
    path = "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else shutil.which("chromium")
    if not path:
        reason = "chromium not found (install it: `apt-get install -y chromium`; .ci/run does): browser test skipped"
        print(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="module")
def chromium() -> str:
    return _chromium()


@pytest.fixture(scope="module")
def ui_database(database_url: str) -> Iterator[str]:
    """A database of its own beside the session's, so what the run loads does not depend on other tests."""
    name = f"{psycopg.conninfo.conninfo_to_dict(database_url)['dbname']}_ui"
    admin = _with_database(database_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = _with_database(database_url, name)
    with db.connect(url) as conn:
        db.migrate(conn)
    yield url
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # pytest then ends the session and still tears fixtures down: Airflow stops


@pytest.fixture(scope="module")
def airflow(chromium: str, ui_database: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ui.AirflowUI]:
    """Airflow as `make ui` starts it (admin user, pipeline connection, DAGs unpaused) on a free port."""
    home = tmp_path_factory.mktemp("airflow-ui-home")
    previous = signal.signal(signal.SIGTERM, _terminate)
    _T0[0] = time.monotonic()
    try:
        started = ui.start(ui_database, home=home, overrides=TEST_OVERRIDES)  # stops what it began if it fails
        try:
            ui.wait_ready(started)
            _note(f"Airflow ready at {started.url}")
            yield started
        finally:
            leftovers = ui.stop(started)
            _note("Airflow stopped")
            assert not leftovers, f"Airflow processes survived the shutdown: {leftovers}"
    finally:
        signal.signal(signal.SIGTERM, previous)


@pytest.fixture(scope="module")
def page(chromium: str) -> Iterator:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("*.png"):
        old.unlink()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 900}, reduced_motion="reduce")
            tab = context.new_page()
            tab.set_default_timeout(30_000)
            yield tab
        finally:
            browser.close()


@pytest.fixture(scope="module")
def api(airflow: ui.AirflowUI) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=f"{airflow.url}/api/v2", timeout=60,
                      headers={"Authorization": f"Bearer {ui.api_token(airflow)}"}) as client:
        yield client


def _note(message: str) -> None:
    print(f"{time.monotonic() - _T0[0]:6.1f} s  {message}")


# Dialogs fade in: a screenshot taken mid-animation shows a half-transparent page. Wait (at most 3 s) for
# every finite animation to end; spinners run forever and are left alone.
_SETTLE = """() => Promise.race([
    Promise.all(document.getAnimations()
        .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
        .map(a => a.finished.catch(() => null))),
    new Promise(resolve => setTimeout(resolve, 3000))])"""


def _shot(page, name: str) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    path = ARTIFACTS / f"{name}.png"
    with contextlib.suppress(PlaywrightTimeout):  # panels still loading after 10 s are shown as they are
        page.wait_for_function("() => !document.querySelector('.chakra-skeleton')", timeout=10_000)
    page.evaluate(_SETTLE)
    page.screenshot(path=str(path))
    _note(path.name)  # the elapsed times show which step is slow when one is


def _run_path(dag_id: str, run_id: str) -> str:
    return f"/dags/{dag_id}/dagRuns/{quote(run_id, safe='')}"


def _wait_for_run(api: httpx.Client, airflow: ui.AirflowUI, dag_id: str, run_id: str) -> list[dict]:
    """The run's task instances once it has finished; fails on a failed run or after RUN_TIMEOUT."""
    deadline = time.monotonic() + RUN_TIMEOUT
    state = None
    while time.monotonic() < deadline:
        ui.check_alive(airflow)
        try:
            state = api.get(_run_path(dag_id, run_id)).raise_for_status().json()["state"]
        except httpx.TransportError:  # a busy machine can stall the API server for a moment
            state = None
        if state in ("success", "failed"):
            break
        time.sleep(2)
    listing = api.get(f"{_run_path(dag_id, run_id)}/taskInstances", params={"limit": 1000})
    tasks = listing.raise_for_status().json()["task_instances"]
    summary = sorted((t["task_id"], t["map_index"], t["state"]) for t in tasks)
    assert state == "success", f"{dag_id} run {run_id} ended {state!r}: {summary}; logs under {airflow.home}"
    assert all(t["state"] == "success" for t in tasks), summary
    return tasks


def _sign_in(page, airflow: ui.AirflowUI) -> None:
    from playwright.sync_api import expect

    page.goto(airflow.url)
    expect(page.get_by_text("Sign into Airflow")).to_be_visible()
    page.get_by_label("Username").fill(airflow.username)
    page.get_by_label("Password").fill(airflow.password)
    _shot(page, "01-login")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Welcome")).to_be_visible()
    for component in ("MetaDatabase", "Scheduler", "Triggerer", "Dag Processor"):
        expect(page.get_by_text(component, exact=True)).to_be_visible()
    _shot(page, "02-home")


def _find_dag(page, dag_id: str):
    """From the DAG list, by typing in its search box; return the DAG's link."""
    from playwright.sync_api import expect

    page.get_by_role("link", name="Dags", exact=True).click()
    page.get_by_placeholder(re.compile("Search Dags")).fill(dag_id)
    link = page.get_by_role("link", name=dag_id, exact=True)
    expect(link).to_be_visible()
    return link


def _trigger(page, dag_id: str, shot: str) -> str:
    """Trigger a single run from the DAG page's dialog; return the id of the run the UI then opens."""
    from playwright.sync_api import expect

    page.get_by_role("button", name="Trigger Dag").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(f"Trigger Dag - {dag_id}")).to_be_visible()
    _shot(page, shot)
    dialog.get_by_role("button", name="Trigger", exact=True).click()
    expect(page).to_have_url(re.compile(f"/dags/{dag_id}/runs/[^/]+$"))
    run_id = unquote(page.url.rsplit("/runs/", 1)[1])
    expect(page.get_by_text(run_id).first).to_be_visible()
    return run_id


def _see_run_succeeded(page, tasks: list[dict], shot: str) -> None:
    """Reload the run's page: one row per task instance, each marked success."""
    from playwright.sync_api import expect

    page.reload()
    table = page.get_by_test_id("table-list")
    for task in tasks:
        expect(table.get_by_role("link", name=task["task_id"], exact=True).first).to_be_visible()
    expect(page.get_by_text(f"{len(tasks)} Task Instances", exact=True)).to_be_visible()
    rows = table.locator("tbody tr")  # the first page of them, when there are many
    expect(rows.first).to_be_visible()
    for row in rows.all():
        expect(row).to_contain_text(re.compile("success", re.IGNORECASE))
    _shot(page, shot)


def test_a_person_signs_in_triggers_the_ingestion_and_reads_a_task_log(airflow, api, page, ui_database):
    try:
        _journey(airflow, api, page, ui_database)
    except Exception:
        _shot(page, "failure")  # the page as it was when a step failed
        raise


def _journey(airflow: ui.AirflowUI, api: httpx.Client, page, ui_database: str) -> None:
    from playwright.sync_api import expect

    dag = api.get(f"/dags/{DAG_ID}/details").raise_for_status().json()
    task_ids = [t["task_id"] for t in api.get(f"/dags/{DAG_ID}/tasks").raise_for_status().json()["tasks"]]
    assets = api.get("/assets", params={"dag_ids": DAG_ID}).raise_for_status().json()["assets"]
    produced = [a for a in assets if any(p["dag_id"] == DAG_ID for p in a["producing_tasks"])]

    _sign_in(page, airflow)

    # The DAG in the list, with its tags; then its page, with owner and tasks.
    link = _find_dag(page, DAG_ID)
    for tag in dag["tags"]:
        expect(page.get_by_role("link", name=tag["name"], exact=True).first).to_be_visible()
    _shot(page, "03-dag-list")
    link.click()
    expect(page).to_have_url(re.compile(f"/dags/{DAG_ID}$"))
    for owner in dag["owners"]:
        expect(page.get_by_role("link", name=owner, exact=True)).to_be_visible()
    for task_id in task_ids:
        expect(page.get_by_text(re.compile(rf"^{task_id}( \[ \])?$")).first).to_be_visible()
    expect(page.get_by_text("Failed Runs")).to_be_visible()  # the overview's statistics have loaded
    _shot(page, "04-dag-overview")
    page.get_by_role("button", name=re.compile("^Show Graph")).click()
    graph = page.locator(".react-flow")
    for task_id in task_ids:
        expect(graph.get_by_text(re.compile(rf"^{task_id}( \[\d*\])?$")).first).to_be_visible()
    _shot(page, "04-dag-graph")
    page.get_by_role("button", name=re.compile("^Show Grid")).click()  # the UI remembers the view: back to grid
    expect(page.get_by_text("Failed Runs")).to_be_visible()

    # Its documentation, rendered from doc_md: the first heading shows as a heading, not as markdown.
    first = next(line.strip() for line in dag["doc_md"].splitlines() if line.strip())
    page.get_by_role("button", name="Dag Docs").click()
    docs = page.get_by_role("dialog")
    if first.startswith("#"):
        expect(docs.get_by_role("heading", name=first.lstrip("#").strip())).to_be_visible()
        expect(docs).not_to_contain_text(first)
    else:
        expect(docs).to_contain_text(re.sub(r"[`*_]", "", first)[:40])
    _shot(page, "05-dag-docs")
    page.keyboard.press("Escape")
    expect(docs).to_be_hidden()

    # Trigger a run, wait for it, see every task instance succeeded.
    run_id = _trigger(page, DAG_ID, "06-trigger-dialog")
    _shot(page, "07-run-triggered")
    tasks = _wait_for_run(api, airflow, DAG_ID, run_id)
    assert {t["task_id"] for t in tasks} == set(task_ids)
    _note(f"{DAG_ID} run succeeded")
    _see_run_succeeded(page, tasks, "08-run-succeeded")

    # One task's log, opened from the run's task list, shows what the task returned: the facts it loaded.
    page.get_by_test_id("table-list").get_by_role("link", name=LOGGED_TASK, exact=True).click()
    expect(page.get_by_text("Logs", exact=True)).to_be_visible()
    line = page.get_by_text("Returned value was:")
    expect(line).to_be_visible()
    _shot(page, "09-task-log")
    shown = ast.literal_eval(line.inner_text().split("Returned value was:", 1)[1].strip())
    xcom = api.get(f"{_run_path(DAG_ID, run_id)}/taskInstances/{LOGGED_TASK}/xcomEntries/return_value")
    assert shown == xcom.raise_for_status().json()["value"]
    with psycopg.connect(ui_database) as conn:
        (statements,) = conn.execute("SELECT count(*) FROM statements").fetchone()
    assert shown["statements"] == statements > 0

    # The assets it produces are listed (with the DAGs they schedule).
    page.get_by_role("link", name="Assets", exact=True).click()
    for asset in produced:
        expect(page.get_by_role("link", name=asset["name"], exact=True)).to_be_visible()
    _shot(page, "10-assets")

    # The extraction ran as mapped chunks, each named by the documents it took, all in the nlp pool.
    chunks = [t for t in tasks if t["task_id"] == "extract_chunk"]
    assert chunks and all(t["pool"] == "nlp" for t in chunks)
    page.goto(f"{airflow.url}/dags/{DAG_ID}/runs/{quote(run_id, safe='')}/tasks/extract_chunk/mapped")
    assert len(chunks) == 2
    for chunk in chunks:
        expect(page.get_by_role("link", name=chunk["rendered_map_index"], exact=True)).to_be_visible(timeout=30_000)
    _shot(page, "11-mapped-extraction-chunks")

    # Re-extraction is triggered from a form: extractor version, publication days, sources.
    page.goto(f"{airflow.url}/dags/{REEXTRACT_DAG}")
    page.get_by_role("button", name="Trigger Dag").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text(f"Trigger Dag - {REEXTRACT_DAG}")).to_be_visible()
    form = dialog.get_by_role("region")  # "Run Parameters", rendered from the DAG's Params
    for title in ("Extractor version", "Published from", "Published to", "Sources"):
        expect(form.get_by_role("group").filter(has_text=title).first).to_be_visible(timeout=30_000)
    _shot(page, "12-reextract-trigger-form")
    page.keyboard.press("Escape")


def test_every_airflow_setting_make_ui_passes_is_one_the_installed_airflow_knows():
    from airflow.configuration import conf

    env = ui.airflow_env(ROOT / ".airflow", 8080, "postgresql://postgres@127.0.0.1:5432/wire", "admin",
                         ROOT / ".airflow" / "ui-passwords.json")
    ours = [k for k in env if k.startswith("AIRFLOW__") and env[k] != os.environ.get(k)]
    unknown = []
    for key in ours:
        section, option = key.removeprefix("AIRFLOW__").lower().split("__", 1)
        if option not in conf.configuration_description.get(section, {}).get("options", {}):
            unknown.append(key)
    assert "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE" in ours
    assert unknown == []


@pytest.mark.parametrize("url", ["postgresql://postgres:s3cret@127.0.0.1:5433/wire_x",
                                 "postgresql+psycopg://postgres:s3cret@127.0.0.1:5433/wire_x"])
def test_the_pipeline_connection_names_the_pipeline_database(url):
    from airflow.models.connection import Connection

    conn = Connection(conn_id="pipeline_db", uri=ui.connection_uri(url))
    assert (conn.conn_type, conn.host, conn.port, conn.schema, conn.login, conn.password) == (
        "postgres", "127.0.0.1", 5433, "wire_x", "postgres", "s3cret")
