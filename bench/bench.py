#!/usr/bin/env python3
"""Portico side-by-side benchmark driver (called by bench/run.sh; standard library only).

Starts nginx as the 1 KB upstream and as a keep-alive reverse proxy, plain Spring Cloud Gateway and
Portico (admin + one gateway on the PostgreSQL database `bench`), pins the system under test to CPU 0
and wrk + upstream (+ admin) to CPU 1, and measures throughput, latency at a paced load,
throughput as routes grow, publish-to-serving latency and memory. Writes one JSON file of raw runs.
"""

import argparse
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

PORTS = {"upstream": 18081, "nginx": 18082, "scg": 18083, "admin": 18180, "portico": 18090}
SUT_CPU = "0"
LOAD_CPU = "1"
BODY_BYTES = 1024
CONNECTIONS = 32
PACE_DELAY_MS = 4

PROCS = []
JVMS = ("plain_scg", "portico")
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


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, seconds, connections=CONNECTIONS, script=None, env=None):
    argv = ["taskset", "-c", LOAD_CPU, "wrk", "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency",
            "--timeout", "5s"]
    if script:
        argv += ["-s", os.path.join(HERE, "lua", script)]
    argv.append(url)
    full_env = dict(os.environ)
    full_env.update(env or {})
    out = subprocess.run(argv, capture_output=True, text=True, env=full_env, timeout=seconds + 60).stdout
    result = {"rps": float(WRK_RPS.search(out).group(1)), "requests": int(WRK_REQS.search(out).group(1)),
              "non_2xx": int(WRK_NON2XX.search(out).group(1)) if WRK_NON2XX.search(out) else 0,
              "socket_errors": WRK_SOCK.search(out).group(1).strip() if WRK_SOCK.search(out) else None,
              "latency_ms": {"p" + p: to_ms(v, u) for p, v, u in WRK_LAT.findall(out)},
              "loadavg": loadavg()}
    m = WRK_MAX.search(out)
    result["latency_ms"]["max"] = to_ms(m.group(1), m.group(2)) if m else None
    return result


def summary(runs, key):
    values = [key(r) for r in runs]
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def measure(label, url, cfg, script=None, env=None, connections=CONNECTIONS, warmup=None):
    warmup = cfg["warmup"] if warmup is None else warmup
    log("%s: warm-up %ds" % (label, warmup))
    wrk(url, warmup, connections, script, env)
    runs = []
    for i in range(cfg["runs"]):
        runs.append(wrk(url, cfg["duration"], connections, script, env))
        log("%s: run %d: %.0f req/s, p99 %.2f ms" % (label, i + 1, runs[-1]["rps"], runs[-1]["latency_ms"]["p99"]))
    return {"url": url, "connections": connections, "script": script, "warmup_s": warmup, "runs": runs,
            "rps": summary(runs, lambda r: r["rps"]),
            "p50_ms": summary(runs, lambda r: r["latency_ms"]["p50"]),
            "p99_ms": summary(runs, lambda r: r["latency_ms"]["p99"])}


# ---------------------------------------------------------------- admin API

class Admin:
    def __init__(self, port):
        self.port = port

    def call(self, method, path, body=None, content_type="application/json"):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        data = body if isinstance(body, (bytes, type(None))) else json.dumps(body).encode()
        conn.request(method, path, body=data, headers={"Content-Type": content_type} if data else {})
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

    def publish_latency(self, samples, batch=1):
        """Admin's 2xx for a publish (commit) to the gateway's first 200 on the new path, in ms."""
        result = []
        for _ in range(samples):
            name = self.next_name("pl" if batch == 1 else "batch")
            paths = ["/%s/r%d" % (name, i) for i in range(batch)]
            self.admin.template(name, paths)
            t_request = time.perf_counter()
            self.admin.publish([name])
            t_commit = time.perf_counter()
            t_served = self.poller.until_200(paths[-1], 120)
            self.routes += batch
            self.seeded_paths.extend(paths)
            result.append({"serve_ms": (t_served - t_commit) * 1000, "publish_request_ms": (t_commit - t_request) * 1000})
        values = [r["serve_ms"] for r in result]
        return {"routes_before": self.routes - batch * samples, "batch": batch, "samples": result,
                "p50_ms": percentile(values, 50), "p95_ms": percentile(values, 95), "max_ms": max(values)}


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


def swap_under_load(portico, url, seconds, publishes):
    """wrk at the usual load while `publishes` single-route publishes swap the route table."""
    proc = subprocess.Popen(["taskset", "-c", LOAD_CPU, "wrk", "-t1", "-c%d" % CONNECTIONS, "-d%ds" % seconds,
                             "--latency", url], stdout=subprocess.PIPE, text=True)
    time.sleep(1)
    swaps = portico.publish_latency(publishes)
    out = proc.communicate(timeout=seconds + 60)[0]
    m = WRK_MAX.search(out)
    return {"publishes": publishes, "seconds": seconds, "rps": float(WRK_RPS.search(out).group(1)),
            "p99_ms": {p: to_ms(v, u) for p, v, u in WRK_LAT.findall(out)}.get("99"),
            "max_ms": to_ms(m.group(1), m.group(2)) if m else None, "publish": swaps}


# ---------------------------------------------------------------- main

def machine():
    def sh(cmd):
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    return {"nproc": int(sh("nproc")), "cpu_model": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
            "kernel": sh("uname -r"), "jdk": sh("java -version 2>&1 | head -1"),
            "wrk": sh("wrk -v 2>&1 | head -1"), "nginx": sh("nginx -v 2>&1"),
            "postgresql": sh("psql -h 127.0.0.1 -U postgres -d postgres -Atc 'show server_version'"),
            "memory_mb": int(int(sh("grep MemTotal /proc/meminfo | awk '{print $2}'")) / 1024)}


def on_term(signum, frame):
    raise KeyboardInterrupt("signal %d" % signum)


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
    # A fresh JVM needs far longer than nginx before the JIT has compiled the request path: on a
    # contended core plain SCG went from ~600 to ~2,700 requests/s over its first 20 s of load.
    cfg = {"warmup": 2 if quick else 10, "jvm_warmup": 15 if quick else 30, "duration": 3 if quick else 10, "runs": 2 if quick else 3,
           "publish_samples": 5 if quick else 20, "batch_samples": 2 if quick else 5}
    scales = [int(x) for x in (args.scales or "1000,10000").split(",")]
    memory_scales = [int(x) for x in (args.memory_scales or "0,1000,10000,50000").split(",")]
    jars = {"admin": os.path.join(ROOT, "admin-webflux/target/admin-webflux-0.1.0-SNAPSHOT-exec.jar"),
            "gateway": os.path.join(ROOT, "gateway-distro/target/gateway-distro-0.1.0-SNAPSHOT-exec.jar"),
            "scg": os.path.join(HERE, "plain-scg/target/bench-plain-scg-0.1.0-SNAPSHOT-exec.jar")}
    wd = args.workdir
    os.makedirs(wd, exist_ok=True)
    results = {"date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "quick": quick,
               "config": dict(cfg, connections=CONNECTIONS, threads=1, body_bytes=BODY_BYTES,
                              sut_cpu=SUT_CPU, load_cpu=LOAD_CPU, pace_delay_ms=PACE_DELAY_MS, ports=PORTS,
                              scales=scales, memory_scales=memory_scales),
               "jvm_options": JVM_OPTS, "machine": machine(), "loadavg_start": loadavg(), "throughput": {}, "paced": {}, "scale": {},
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
              "--spring.r2dbc.password="]
        admin_proc = start("admin", java_cmd(jars["admin"], "1g", db + [
            "--server.port=%d" % PORTS["admin"], "--spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/bench",
            "--spring.flyway.user=postgres", "--spring.flyway.password="]), wd, LOAD_CPU)
        wait_http("http://127.0.0.1:%d/actuator/health/readiness" % PORTS["admin"], 180, proc=admin_proc)
        gateway = start("portico-gateway", java_cmd(jars["gateway"], "2g", db + [
            "--server.port=%d" % PORTS["portico"], "--portico.gateway.group=default"]), wd, SUT_CPU)
        wait_http("http://127.0.0.1:%d/actuator/health/readiness" % PORTS["portico"], 180, proc=gateway)
        wait_http("http://127.0.0.1:%d/bench/x" % PORTS["scg"], 180, proc=scg)
        wait_http("http://127.0.0.1:%d/bench/x" % PORTS["upstream"], 30)
        wait_http("http://127.0.0.1:%d/bench/x" % PORTS["nginx"], 30)

        admin = Admin(PORTS["admin"])
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
            results["throughput"][name] = measure(name, "http://127.0.0.1:%d/bench/x" % port, cfg,
                                                  warmup=cfg["jvm_warmup"] if name in JVMS else cfg["warmup"])
            save()

        # Paced load: the same offered rate on every system, 50 % of Portico's peak (see docs).
        rate = 0.5 * results["throughput"]["portico"]["rps"]["median"]
        connections = max(1, int(math.ceil(rate * (PACE_DELAY_MS + 0.3) / 1000.0)))
        results["paced_target_rps"] = rate
        for name, port in systems:
            results["paced"][name] = measure("paced " + name, "http://127.0.0.1:%d/bench/x" % port, cfg,
                                             script="paced.lua", env={"BENCH_DELAY_MS": str(PACE_DELAY_MS)},
                                             connections=connections)
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
                    results["batch_publish"].append(portico.publish_latency(cfg["batch_samples"], batch=1000))
                    log("batch of 1,000 at %d routes: p50 %.1f p95 %.1f max %.1f ms" % tuple(
                        [results["batch_publish"][-1][k] for k in ("routes_before", "p50_ms", "p95_ms", "max_ms")]))
                    results["swap_under_load"] = swap_under_load(
                        portico, "http://127.0.0.1:%d/bench/x" % PORTS["portico"], cfg["duration"] + 5, 3)
                    log("swap under load: %s" % {k: v for k, v in results["swap_under_load"].items() if k != "publish"})
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
