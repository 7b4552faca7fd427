#!/usr/bin/env python3
"""Portico side-by-side benchmark driver (called by bench/run.sh; standard library only).

Starts nginx as the 1 KB upstream and as a keep-alive reverse proxy, plain Spring Cloud Gateway and
Portico (admin + one gateway on the PostgreSQL database `bench`), pins the system under test to CPU 0
and wrk + upstream (+ admin + this driver) to CPU 1, and measures throughput (including 404s at one
route), latency at a paced load, throughput as routes grow, publish-to-serving latency, route-table swaps
under a paced load and memory. Writes one JSON file of raw runs.

Warm-up. A JVM pinned to one core needs 100-150 s of load before its throughput stops climbing (the JIT),
so a fixed warm-up measures the JIT, not the gateway. Every full-load measurement (`measure(...,
warmup="stable")`: the 1-route throughput of every system, the 1-route 404s, each scale point after the
routes grew) therefore first runs wrk windows of `warmup_window` seconds (full 10 s, quick 3 s) until the
last 3 windows are within +-7 % of their median, or until `warmup_cap` seconds (full 300 s, quick 45 s),
when the measurement is recorded with `"stable": false`. The windows' req/s are kept in the results as
`warmup_windows`. Already-warm systems settle in 3 windows, so this costs little for nginx. Paced
measurements (`warmup="fixed"`) only get the short fixed warm-up (`warmup` seconds): their req/s is set by
the pacing, so it cannot show whether the JIT has settled, and they run after the full-load ones.

Route-table swaps under load (`swap_under_load`): at the paced load (50 % of Portico's peak), two windows
of equal length on `/bench/x` with about 10,000 routes present: a control window without publishes, then
a window with one single-route publish per second. `lua/slow.lua` counts the requests slower than 10 ms in
each; the verdict is the difference.

Jars come from the repository root, or from PORTICO_JARS_DIR (a checkout with built */target jars).
"""

import argparse
import base64
import datetime
import http.client
import json
import math
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PORTS = {"upstream": 18081, "nginx": 18082, "scg": 18083, "admin": 18180, "portico": 18090, "portico_management": 18091}
SUT_CPU = "0"
LOAD_CPU = "1"
BODY_BYTES = 1024
CONNECTIONS = 32
PACE_DELAY_MS = 4
STABLE_WINDOWS = 3
STABLE_TOLERANCE = 0.07
SLOW_MS = 10

PROCS = []
JVM_OPTS = ["-Xms256m", "-XX:+UseG1GC"]


def log(message):
    print("[bench %s] %s" % (time.strftime("%H:%M:%S"), message), flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


# ---------------------------------------------------------------- processes

def start(name, argv, workdir, cpu):
    out = open(os.path.join(workdir, name + ".log"), "w")
    proc = subprocess.Popen(["taskset", "-c", cpu] + argv, stdout=out, stderr=subprocess.STDOUT,
                            start_new_session=True)
    PROCS.append((name, proc))
    log("started %s (pid %d, cpu %s)" % (name, proc.pid, cpu))
    return proc


def stop_all():
    for name, proc in reversed(PROCS):
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.time() + 20
    for name, proc in reversed(PROCS):
        try:
            proc.wait(max(0.1, deadline - time.time()))
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    PROCS.clear()


def wait_http(url, timeout, expect=200, proc=None):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError("process for %s exited with %s" % (url, proc.returncode))
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == expect:
                    return
        except (urllib.error.URLError, ConnectionError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError("%s did not answer %d within %ds" % (url, expect, timeout))


def nginx_conf(workdir):
    body = ("x" * (BODY_BYTES - 1)) + "\n"
    common = """
worker_processes 1;
pid {wd}/nginx-{name}.pid;
error_log {wd}/nginx-{name}-error.log warn;
events {{ worker_connections 4096; }}
http {{
    access_log off;
    keepalive_requests 1000000;
    keepalive_timeout 120s;
    client_body_temp_path {wd}/tmp-{name};
    proxy_temp_path {wd}/tmp-{name};
    fastcgi_temp_path {wd}/tmp-{name};
    uwsgi_temp_path {wd}/tmp-{name};
    scgi_temp_path {wd}/tmp-{name};
{server}
}}
"""
    upstream = """    server {{
        listen 127.0.0.1:{port};
        default_type text/plain;
        location / {{ return 200 "{body}"; }}
    }}""".format(port=PORTS["upstream"], body=body.replace("\n", "\\n"))
    proxy = """    upstream backend {{
        server 127.0.0.1:{up};
        keepalive 64;
        keepalive_requests 1000000;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://backend;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}""".format(up=PORTS["upstream"], port=PORTS["nginx"])
    paths = {}
    for name, server in (("upstream", upstream), ("proxy", proxy)):
        os.makedirs(os.path.join(workdir, "tmp-" + name), exist_ok=True)
        path = os.path.join(workdir, "nginx-%s.conf" % name)
        with open(path, "w") as f:
            f.write(common.format(wd=workdir, name=name, server=server))
        paths[name] = path
    return paths


def java_cmd(jar, heap, args):
    return ["java"] + JVM_OPTS + ["-Xmx" + heap, "-jar", jar] + args


# ---------------------------------------------------------------- wrk

WRK_LAT = re.compile(r"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
WRK_MAX = re.compile(r"^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s)", re.M)
WRK_NON2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
WRK_REQS = re.compile(r"(\d+) requests in")
WRK_SOCK = re.compile(r"Socket errors: (.*)")
# Printed by lua/slow.lua's done().
WRK_SLOW = re.compile(r"^SLOW_OVER_[\d.]+MS (\d+)$", re.M)
WRK_SLOW_CORRECTED = re.compile(r"^SLOW_OVER_[\d.]+MS_CORRECTED (\d+)$", re.M)
WRK_SLOW_KV = re.compile(r"^(TOTAL|TIMEOUTS|MAX_US) (\d+)$", re.M)


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk_start(url, seconds, connections=CONNECTIONS, script=None, env=None):
    argv = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency",
            "--timeout", "5s"]
    if script:
        argv += ["-s", os.path.join(HERE, "lua", script)]
    argv.append(url)
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["BENCH_CONNECTIONS"] = str(connections)
    return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=full_env)


def wrk_finish(proc, seconds):
    out, err = proc.communicate(timeout=seconds + 60)
    if not WRK_RPS.search(out) or not WRK_REQS.search(out):
        raise RuntimeError("wrk failed (exit %s): %s %s" % (proc.returncode, out[-1000:], err[-1000:]))
    result = {"rps": float(WRK_RPS.search(out).group(1)), "requests": int(WRK_REQS.search(out).group(1)),
              "non_2xx": int(WRK_NON2XX.search(out).group(1)) if WRK_NON2XX.search(out) else 0,
              "socket_errors": WRK_SOCK.search(out).group(1).strip() if WRK_SOCK.search(out) else None,
              "latency_ms": {"p" + p: to_ms(v, u) for p, v, u in WRK_LAT.findall(out)},
              "loadavg": loadavg()}
    m = WRK_MAX.search(out)
    result["latency_ms"]["max"] = to_ms(m.group(1), m.group(2)) if m else None
    if WRK_SLOW.search(out):
        kv = {k: int(v) for k, v in WRK_SLOW_KV.findall(out)}
        result["slow"] = {"threshold_ms": SLOW_MS, "count": int(WRK_SLOW.search(out).group(1)),
                          "corrected": int(WRK_SLOW_CORRECTED.search(out).group(1)),
                          "timeouts": kv["TIMEOUTS"], "max_us": kv["MAX_US"]}
    return result


def wrk(url, seconds, connections=CONNECTIONS, script=None, env=None):
    return wrk_finish(wrk_start(url, seconds, connections, script, env), seconds)


def summary(runs, key):
    values = [key(r) for r in runs]
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def is_stable(windows):
    """True when the last STABLE_WINDOWS windows are all within STABLE_TOLERANCE of their median."""
    if len(windows) < STABLE_WINDOWS:
        return False
    last = windows[-STABLE_WINDOWS:]
    middle = statistics.median(last)
    return middle > 0 and all(abs(x - middle) <= STABLE_TOLERANCE * middle for x in last)


def warm_until_stable(label, url, cfg, script, env, connections):
    window, cap = cfg["warmup_window"], cfg["warmup_cap"]
    windows = []
    while True:
        windows.append(wrk(url, window, connections, script, env)["rps"])
        log("%s: warm-up window %d: %.0f req/s" % (label, len(windows), windows[-1]))
        if is_stable(windows):
            return windows, True
        if len(windows) * window >= cap:
            log("%s: NOT stable after %d s, measuring anyway" % (label, len(windows) * window))
            return windows, False


def measure(label, url, cfg, script=None, env=None, connections=CONNECTIONS, warmup="stable"):
    """Warm-up (until stable, or the short fixed one), then cfg["runs"] runs of cfg["duration"] seconds."""
    if warmup == "stable":
        windows, stable = warm_until_stable(label, url, cfg, script, env, connections)
        window = cfg["warmup_window"]
    else:
        log("%s: warm-up %ds" % (label, cfg["warmup"]))
        windows, stable, window = [wrk(url, cfg["warmup"], connections, script, env)["rps"]], None, cfg["warmup"]
    runs = []
    for i in range(cfg["runs"]):
        runs.append(wrk(url, cfg["duration"], connections, script, env))
        log("%s: run %d: %.0f req/s, p99 %.2f ms" % (label, i + 1, runs[-1]["rps"], runs[-1]["latency_ms"]["p99"]))
    return {"url": url, "connections": connections, "script": script,
            "warmup": "until_stable" if warmup == "stable" else "fixed", "warmup_window_s": window,
            "warmup_windows": windows, "stable": stable, "warmup_s": window * len(windows), "runs": runs,
            "rps": summary(runs, lambda r: r["rps"]),
            "p50_ms": summary(runs, lambda r: r["latency_ms"]["p50"]),
            "p99_ms": summary(runs, lambda r: r["latency_ms"]["p99"])}


# ---------------------------------------------------------------- admin API

class Admin:
    def __init__(self, port, token):
        self.port = port
        self.token = token

    def call(self, method, path, body=None, content_type="application/json"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        headers = {"X-API-KEY": self.token}
        if data:
            headers["Content-Type"] = content_type
        conn.request(method, path, body=data, headers=headers)
        response = conn.getresponse()
        text = response.read().decode()
        conn.close()
        if response.status >= 300:
            raise RuntimeError("%s %s -> %d %s" % (method, path, response.status, text[:500]))
        return json.loads(text) if text else None

    def template(self, name, paths):
        """A template with one GET route per path (import of a generated OpenAPI document)."""
        doc = {"openapi": "3.0.3", "info": {"title": name, "version": "1.0.0"}, "paths": {
            p: {"get": {"operationId": "r%d" % i, "responses": {"200": {"description": "ok"}}}}
            for i, p in enumerate(paths)}}
        self.call("POST", "/api/services/template/import?id=%s&name=%s" % (name, name), json.dumps(doc).encode())

    def route_template(self, name, path):
        """A template with one GET route on `path` (which may end with `/*`) through the template API."""
        self.call("POST", "/api/services/template", {"id": name, "name": name, "type": "http",
                                                     "upstream_scheme": "http"})
        self.call("POST", "/api/services/template/%s/routes" % name, {"name": name, "paths": [path],
                                                                       "methods": ["GET"]})

    def publish(self, names, version="1.0.0"):
        upstream = {"nodes": [{"host": "127.0.0.1", "port": PORTS["upstream"], "weight": 100}]}
        self.call("POST", "/api/services/publish", {"gateway_group_id": "default", "services": [
            {"template_id": n, "version": version, "upstream": upstream} for n in names]})


class Poller:
    """Polls one path on the gateway over a keep-alive connection until it answers 200."""

    def __init__(self, port):
        self.port = port
        self.conn = None

    def status(self, path):
        for _ in range(2):
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                response.read()
                return response.status
            except (http.client.HTTPException, OSError):
                self.conn = None
        return -1

    def until_200(self, path, timeout):
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.status(path) == 200:
                return time.perf_counter()
            time.sleep(0.001)
        raise RuntimeError("gateway did not serve %s within %ds" % (path, timeout))


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100.0 * len(ordered)) - 1))]


# ---------------------------------------------------------------- Portico steps

class Portico:
    def __init__(self, admin, poller, workdir):
        self.admin = admin
        self.poller = poller
        self.workdir = workdir
        self.routes = 0
        self.seeded_paths = []
        self.seq = 0

    def next_name(self, prefix):
        self.seq += 1
        return "%s-%d" % (prefix, self.seq)

    def grow_to(self, target, chunk=1000):
        """Publishes generated templates (up to `chunk` routes each, 10 per publish) until `target` routes."""
        if self.routes >= target:
            return
        started = time.perf_counter()
        pending = []
        while self.routes + sum(len(p) for _, p in pending) < target:
            name = self.next_name("seed")
            count = min(chunk, target - self.routes - sum(len(p) for _, p in pending))
            paths = ["/%s/r%d" % (name, i) for i in range(count)]
            self.admin.template(name, paths)
            pending.append((name, paths))
            if len(pending) == 10:
                self._publish_pending(pending)
                pending = []
        if pending:
            self._publish_pending(pending)
        log("now %d routes published (grew in %.1f s)" % (self.routes, time.perf_counter() - started))

    def _publish_pending(self, pending):
        self.admin.publish([name for name, _ in pending])
        for _, paths in pending:
            self.seeded_paths.extend(paths)
            self.routes += len(paths)
        self.poller.until_200(pending[-1][1][-1], 300)

    def write_paths(self):
        path = os.path.join(self.workdir, "paths-existing.txt")
        with open(path, "w") as f:
            f.write("\n".join(self.seeded_paths or ["/bench/x"]) + "\n")
        missing = os.path.join(self.workdir, "paths-missing.txt")
        with open(missing, "w") as f:
            f.write("\n".join("/missing-%d/r%d" % (random.randrange(1000), i) for i in range(1000)) + "\n")
        return path, missing

    def new_template(self, prefix, batch=1):
        """Creates (does not publish) a template of `batch` new routes; returns its name and paths."""
        name = self.next_name(prefix)
        paths = ["/%s/r%d" % (name, i) for i in range(batch)]
        self.admin.template(name, paths)
        return name, paths

    def publish_one(self, name, paths):
        """Publishes one template; admin's 2xx (the commit) to the gateway's first 200 on its last path."""
        t_request = time.perf_counter()
        self.admin.publish([name])
        t_commit = time.perf_counter()
        t_served = self.poller.until_200(paths[-1], 120)
        self.routes += len(paths)
        self.seeded_paths.extend(paths)
        return {"serve_ms": (t_served - t_commit) * 1000, "publish_request_ms": (t_commit - t_request) * 1000}

    def publish_latency(self, samples, batch=1):
        """`samples` publishes of one new template of `batch` routes each, one after the other, in ms."""
        routes_before = self.routes
        result = [self.publish_one(*self.new_template("pl" if batch == 1 else "batch", batch)) for _ in range(samples)]
        return publish_summary(result, batch, routes_before)


def publish_summary(samples, batch, routes_before):
    values = [r["serve_ms"] for r in samples]
    return {"routes_before": routes_before, "batch": batch, "samples": samples,
            "p50_ms": percentile(values, 50) if values else None, "p95_ms": percentile(values, 95) if values else None,
            "max_ms": max(values) if values else None}


def memory(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=120)
    time.sleep(1)
    out = subprocess.run(["jstat", "-gc", str(pid)], capture_output=True, text=True, timeout=60).stdout.split("\n")
    head, values = out[0].split(), out[1].split()
    gc = dict(zip(head, values))
    used_kb = sum(float(gc[k]) for k in ("S0U", "S1U", "EU", "OU") if k in gc)
    with open("/proc/%d/status" % pid) as f:
        rss_kb = int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
    return {"heap_after_gc_mb": used_kb / 1024, "rss_mb": rss_kb / 1024}


def swap_window(run):
    slow = run["slow"]
    return {"requests": run["requests"], "rps": run["rps"], "non_2xx": run["non_2xx"],
            "socket_errors": run["socket_errors"], "p50_ms": run["latency_ms"].get("p50"),
            "p99_ms": run["latency_ms"].get("p99"), "max_ms": run["latency_ms"]["max"],
            "slow": slow["count"] + slow["timeouts"], "timeouts": slow["timeouts"], "slow_corrected": slow["corrected"]}


def swap_under_load(portico, url, connections, seconds, warmup):
    """Requests slower than SLOW_MS at the paced load: a window without publishes, then one with a
    single-route publish per second (each waits until the gateway serves it), same length and load."""
    env = {"BENCH_DELAY_MS": str(PACE_DELAY_MS), "BENCH_SLOW_MS": str(SLOW_MS)}
    # Created before both windows, so that the swap window adds only the publishes themselves.
    templates = [portico.new_template("swap") for _ in range(seconds)]
    log("swap under load: warm-up %ds, then 2 x %ds at %d paced connections" % (warmup, seconds, connections))
    wrk(url, warmup, connections, "slow.lua", env)
    routes = portico.routes
    control = wrk(url, seconds, connections, "slow.lua", env)
    proc = wrk_start(url, seconds, connections, "slow.lua", env)
    started = time.perf_counter()
    samples = []
    slot = started + 0.5
    for name, paths in templates:
        if slot > started + seconds - 1.0:  # each publish and its swap inside the window
            break
        time.sleep(max(0.0, slot - time.perf_counter()))
        samples.append(portico.publish_one(name, paths))
        slot = max(slot + 1.0, time.perf_counter())
    swaps = wrk_finish(proc, seconds)
    result = {"routes": routes, "url": url, "connections": connections, "pace_delay_ms": PACE_DELAY_MS,
              "seconds": seconds, "threshold_ms": SLOW_MS, "control": swap_window(control),
              "swaps": dict(swap_window(swaps), publishes=len(samples),
                            publish=publish_summary(samples, 1, routes))}
    result["added_slow"] = result["swaps"]["slow"] - result["control"]["slow"]
    return result


# ---------------------------------------------------------------- main

def machine():
    def sh(cmd):
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    return {"nproc": os.cpu_count(), "cpu_model": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
            "kernel": sh("uname -r"), "jdk": sh("java -version 2>&1 | head -1"),
            "wrk": sh("wrk -v 2>&1 | head -1"), "nginx": sh("nginx -v 2>&1"),
            "postgresql": sh("psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version'"),
            "memory_mb": int(int(sh("grep MemTotal /proc/meminfo | awk '{print $2}'")) / 1024)}


def on_term(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


def wait_for_quiet(limit_s=180):
    """Waits (at most limit_s) for the 1-minute load average to fall below a quarter of the CPUs: a build that
    has just finished still weighs on it, and the start load is what the report judges contention by."""
    deadline = time.time() + limit_s
    quiet = os.cpu_count() / 4.0
    while loadavg()[0] > quiet and time.time() < deadline:
        log("waiting for a quiet machine: load average %.2f > %.2f" % (loadavg()[0], quiet))
        time.sleep(15)


def main():
    signal.signal(signal.SIGTERM, on_term)
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--scales", default=None, help="route counts for throughput, e.g. 1000,10000")
    parser.add_argument("--memory-scales", default=None, help="route counts for memory, e.g. 0,1000,10000,50000")
    args = parser.parse_args()
    quick = args.quick
    # warmup: the short fixed warm-up (paced measurements, the swap windows); warmup_window/warmup_cap:
    # warm-up until stable (see the module docstring).
    cfg = {"warmup": 2 if quick else 10, "warmup_window": 3 if quick else 10, "warmup_cap": 45 if quick else 300,
           "stable_windows": STABLE_WINDOWS, "stable_tolerance": STABLE_TOLERANCE,
           "duration": 3 if quick else 10, "runs": 2 if quick else 3,
           "publish_samples": 5 if quick else 20, "batch_samples": 2 if quick else 5,
           "swap_window": 8 if quick else 20, "slow_ms": SLOW_MS}
    scales = [int(x) for x in (args.scales or "1000,10000").split(",")]
    memory_scales = [int(x) for x in (args.memory_scales or "0,1000,10000,50000").split(",")]
    jars_dir = os.environ.get("PORTICO_JARS_DIR") or ROOT
    jars = {"admin": os.path.join(jars_dir, "admin-webflux/target/admin-webflux-0.1.0-SNAPSHOT-exec.jar"),
            "gateway": os.path.join(jars_dir, "gateway-distro/target/gateway-distro-0.1.0-SNAPSHOT-exec.jar"),
            "scg": os.path.join(jars_dir, "bench/plain-scg/target/bench-plain-scg-0.1.0-SNAPSHOT-exec.jar")}
    absent = [j for j in jars.values() if not os.path.isfile(j)]
    if absent:
        log("missing jars (build them, or set PORTICO_JARS_DIR): %s" % ", ".join(absent))
        return 2
    # The driver polls the gateway during publishes: keep it off the core of the system under test.
    os.sched_setaffinity(0, {int(LOAD_CPU)})
    wd = args.workdir
    os.makedirs(wd, exist_ok=True)
    wait_for_quiet()
    results = {"date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "quick": quick,
               "config": dict(cfg, connections=CONNECTIONS, threads=1, body_bytes=BODY_BYTES,
                              sut_cpu=SUT_CPU, load_cpu=LOAD_CPU, pace_delay_ms=PACE_DELAY_MS, ports=PORTS,
                              scales=scales, memory_scales=memory_scales),
               "jars_dir": jars_dir, "jvm_options": JVM_OPTS, "machine": machine(), "loadavg_start": loadavg(), "throughput": {}, "paced": {}, "scale": {},
               "publish_to_serving": [], "batch_publish": [], "memory": [], "swap_under_load": None}

    def save():
        results["loadavg_end"] = loadavg()
        with open(args.out, "w") as f:
            json.dump(results, f, indent=2)

    try:
        conf = nginx_conf(wd)
        start("nginx-upstream", ["nginx", "-c", conf["upstream"], "-g", "daemon off;"], wd, LOAD_CPU)
        start("nginx-proxy", ["nginx", "-c", conf["proxy"], "-g", "daemon off;"], wd, SUT_CPU)
        scg = start("plain-scg", java_cmd(jars["scg"], "1g", ["--server.port=%d" % PORTS["scg"],
                    "--bench.upstream=http://127.0.0.1:%d" % PORTS["upstream"]]), wd, SUT_CPU)
        db = ["--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:5432/bench", "--spring.r2dbc.username=postgres",
              "--spring.r2dbc.password=",
              # Secrets at rest: the admin refuses to start without a key (the bench stores no secret).
              "--portico.secrets.key=" + base64.b64encode(os.urandom(32)).decode("ascii")]
        # The admin API needs a token (admin security): the bootstrap super admin's, as an operator sets it.
        os.environ["PORTICO_ADMIN_BOOTSTRAP_TOKEN"] = "pt_" + base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
        admin_proc = start("admin", java_cmd(jars["admin"], "1g", db + [
            "--server.port=%d" % PORTS["admin"], "--spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/bench",
            "--spring.flyway.user=postgres", "--spring.flyway.password="]), wd, LOAD_CPU)
        wait_http("http://127.0.0.1:%d/actuator/health/readiness" % PORTS["admin"], 180, proc=admin_proc)
        gateway = start("portico-gateway", java_cmd(jars["gateway"], "2g", db + [
            "--server.port=%d" % PORTS["portico"], "--management.server.port=%d" % PORTS["portico_management"],
            "--portico.gateway.group=default"]), wd, SUT_CPU)
        wait_http("http://127.0.0.1:%d/actuator/health/readiness" % PORTS["portico_management"], 180, proc=gateway)
        wait_http("http://127.0.0.1:%d/bench/x" % PORTS["scg"], 180, proc=scg)
        wait_http("http://127.0.0.1:%d/bench/x" % PORTS["upstream"], 30)
        wait_http("http://127.0.0.1:%d/bench/x" % PORTS["nginx"], 30)

        admin = Admin(PORTS["admin"], os.environ["PORTICO_ADMIN_BOOTSTRAP_TOKEN"])
        poller = Poller(PORTS["portico"])
        portico = Portico(admin, poller, wd)
        pid = gateway.pid
        if 0 in memory_scales:
            time.sleep(2)
            results["memory"].append(dict(routes=0, **memory(pid)))
            log("memory at 0 routes: %s" % results["memory"][-1])

        # One route: /bench/* on Portico, Path=/bench/** on plain SCG.
        admin.route_template("bench", "/bench/*")
        admin.publish(["bench"])
        poller.until_200("/bench/x", 60)
        portico.routes = 1

        systems = [("direct", PORTS["upstream"]), ("nginx", PORTS["nginx"]), ("plain_scg", PORTS["scg"]),
                   ("portico", PORTS["portico"])]
        for name, port in systems:
            results["throughput"][name] = measure(name, "http://127.0.0.1:%d/bench/x" % port, cfg)
            save()

        # 404s at one route: the baseline of the missing-path target at N routes.
        existing, missing = portico.write_paths()
        results["throughput"]["missing_1"] = {}
        for name, port in (("plain_scg", PORTS["scg"]), ("portico", PORTS["portico"])):
            results["throughput"]["missing_1"][name] = measure("%s 1 missing" % name, "http://127.0.0.1:%d" % port,
                                                               cfg, script="paths.lua", env={"BENCH_PATHS": missing})
            save()

        # Paced load: the same offered rate on every system, 50 % of Portico's peak (see docs).
        rate = 0.5 * results["throughput"]["portico"]["rps"]["median"]
        connections = max(1, int(math.ceil(rate * (PACE_DELAY_MS + 0.3) / 1000.0)))
        results["paced_target_rps"] = rate
        results["paced_connections"] = connections
        for name, port in systems:
            results["paced"][name] = measure("paced " + name, "http://127.0.0.1:%d/bench/x" % port, cfg,
                                             script="paced.lua", env={"BENCH_DELAY_MS": str(PACE_DELAY_MS)},
                                             connections=connections, warmup="fixed")
            save()

        results["publish_to_serving"].append(portico.publish_latency(cfg["publish_samples"]))
        log("publish-to-serving at %d routes: %s" % (results["publish_to_serving"][-1]["routes_before"],
                                                   {k: round(v, 1) for k, v in results["publish_to_serving"][-1].items() if k.endswith("_ms")}))
        save()

        scale_points = sorted(set(scales) | set(s for s in memory_scales if s > 0))
        for target in scale_points:
            portico.grow_to(target)
            if target in memory_scales:
                results["memory"].append(dict(routes=portico.routes, **memory(pid)))
                log("memory at %d routes: %s" % (portico.routes, results["memory"][-1]))
            if target in scales:
                existing, missing = portico.write_paths()
                entry = {"routes": portico.routes}
                entry["random"] = measure("portico %d random" % target, "http://127.0.0.1:%d" % PORTS["portico"],
                                          cfg, script="paths.lua", env={"BENCH_PATHS": existing})
                entry["missing"] = measure("portico %d missing" % target, "http://127.0.0.1:%d" % PORTS["portico"],
                                           cfg, script="paths.lua", env={"BENCH_PATHS": missing})
                entry["first"] = measure("portico %d /bench/x" % target,
                                         "http://127.0.0.1:%d/bench/x" % PORTS["portico"], cfg)
                results["scale"][str(target)] = entry
                results["publish_to_serving"].append(portico.publish_latency(cfg["publish_samples"]))
                log("publish-to-serving at %d routes: p50 %.1f p95 %.1f max %.1f ms" % tuple(
                    [results["publish_to_serving"][-1][k] for k in ("routes_before", "p50_ms", "p95_ms", "max_ms")]))
                if target == max(scales):
                    save()
                    s = swap_under_load(portico, "http://127.0.0.1:%d/bench/x" % PORTS["portico"], connections,
                                        cfg["swap_window"], cfg["warmup"])
                    results["swap_under_load"] = s
                    log("swap under load at %d routes, %d publishes: slower than %d ms: %d with swaps, %d without "
                        "(max %.1f vs %.1f ms)" % (s["routes"], s["swaps"]["publishes"], SLOW_MS, s["swaps"]["slow"],
                                                   s["control"]["slow"], s["swaps"]["max_ms"], s["control"]["max_ms"]))
                    save()
                    results["batch_publish"].append(portico.publish_latency(cfg["batch_samples"], batch=1000))
                    log("batch of 1,000 at %d routes: p50 %.1f p95 %.1f max %.1f ms" % tuple(
                        [results["batch_publish"][-1][k] for k in ("routes_before", "p50_ms", "p95_ms", "max_ms")]))
            save()
        results["complete"] = True
    except (Exception, KeyboardInterrupt) as e:  # keep what was measured
        results["error"] = repr(e)
        log("FAILED: %r" % e)
    finally:
        save()
        stop_all()
    return 0 if results.get("complete") else 1


if __name__ == "__main__":
    sys.exit(main())
