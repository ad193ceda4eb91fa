#!/usr/bin/env python3
"""Drives the official accsyn Python client (the reference) for the bench; prints timings as JSON.

Usage: ACCSYN_PY_SRC=/path/to/accsyn-python-api python3 driver.py '<json task>'
The client is imported from ACCSYN_PY_SRC (its `source/` folder, or the folder holding `accsyn_api`).
The task names the scenario and the server:
  {"scenario": "small" | "concurrent" | "large" | "create",
   "host": "127.0.0.1", "port": 1234, "tls": true, "calls": 100, "threads": 8, "tasks": 100000,
   "query": "transfer WHERE code=..."}
With "tls": true the client runs as in production (hostname + port, HTTPS without verification);
with "tls": false it talks plain HTTP through its `accsyn` proxy setting (same URLs, no TLS).
"""
import json
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor


def import_client():
    src = os.environ.get("ACCSYN_PY_SRC")
    if not src:
        raise SystemExit("ACCSYN_PY_SRC is not set: point it at a checkout of accsyn-python-api")
    for candidate in (os.path.join(src, "source"), src):
        if os.path.isdir(os.path.join(candidate, "accsyn_api")):
            sys.path.insert(0, candidate)
            break
    else:
        raise SystemExit(f"no accsyn_api package under {src} (nor its source/ folder)")
    import accsyn_api  # noqa: E402

    return accsyn_api


def cpu_ms():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return (usage.ru_utime + usage.ru_stime) * 1000


def main():
    task = json.loads(sys.argv[1])
    os.environ.pop("AS_DEV", None)  # production mode: hostname + port, HTTPS
    for key in ("ACCSYN_PROXY", "ACCSYN_CREDENTIALS_PATH"):
        os.environ.pop(key, None)
    accsyn_api = import_client()
    started = time.perf_counter()
    session = accsyn_api.Session(
        workspace="bench",
        username="bench@accsyn.test",
        api_key="bench-api-key-0123456789",
        hostname=task["host"],
        port=task["port"],
        proxy=None if task.get("tls", True) else f"{task['host']}:{task['port']}",
    )
    login_ms = (time.perf_counter() - started) * 1000
    scenario = task["scenario"]
    query = task.get("query", "transfer WHERE code=bench-small")
    times = []
    tasks = make_tasks(task["tasks"]) if scenario == "create" else None
    cpu_before = cpu_ms()
    wall_start = time.perf_counter()
    if scenario == "small":
        for _ in range(task["calls"]):
            start = time.perf_counter()
            found = session.find_one(query)
            times.append((time.perf_counter() - start) * 1000)
            assert found and found["code"] == "transfer-000042", "find_one answers the small transfer"
    elif scenario == "concurrent":
        with ThreadPoolExecutor(max_workers=task["threads"]) as pool:
            answers = list(pool.map(lambda _: session.find_one(query), range(task["calls"])))
        assert all(a and a["code"] == "transfer-000042" for a in answers), "every call answered"
    elif scenario == "large":
        start = time.perf_counter()
        listing = session.find(query)
        times.append((time.perf_counter() - start) * 1000)
        assert len(listing) == task["count"], f"find answered {len(listing)} entities"
    elif scenario == "create":
        start = time.perf_counter()
        created = session.create("transfer", {"tasks": tasks})
        times.append((time.perf_counter() - start) * 1000)
        assert created, "create answered"
    else:
        raise SystemExit(f"unknown scenario {scenario}")
    wall_ms = (time.perf_counter() - wall_start) * 1000
    print(json.dumps({
        "scenario": scenario,
        "times": times,
        "wallMs": wall_ms,
        "cpuMs": cpu_ms() - cpu_before,
        "loginMs": login_ms,
        "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "python": sys.version.split()[0],
        "client": getattr(accsyn_api, "__version__", "?"),
    }))


def make_tasks(count):
    """The bench's create data (same as bench/lib/fixtures.mjs createTasks)."""
    tasks = []
    for i in range(count):
        shot = f"sh{i % 500:04d}"
        frame = 1001 + (i % 200)
        tasks.append({
            "source": f"share=projects/feature/shots/{shot}/comp/v003/{shot}_comp_v003.{frame}.exr",
            "destination": f"site=london/incoming/{shot}/{shot}_comp_v003.{frame}.exr",
        })
    return tasks


if __name__ == "__main__":
    main()
