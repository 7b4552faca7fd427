#!/usr/bin/env python3
"""Declarative sync at scale (issue 16): the `portico` CLI as a process against the admin jar on PostgreSQL.

Recreates the database `bench_declarative`, starts the admin and one gateway of group `default`, a small
in-process upstream, and writes a file of N services x R routes (default 1,000 x 10). Then times each CLI
command as a user runs it (wall time of the whole process: JVM start, reading and linting the file, the
admin's work):

  diff   into the empty group          sync  into the empty group   (then: the gateway serves all of it)
  diff   with nothing changed          sync  with nothing changed
  diff   one route and one version changed, sync of that change    (then: the gateway serves the change)

`diff` is read-only, so it is run `--runs` times and the median is reported; each sync can run only once
per state. "Serving" means a sample of routes (the last route of the last service among them) answers 200
through the gateway; the time from the end of the sync command to that is reported too.

    python3 bench/declarative.py [--services 1000] [--routes 10] [--runs 3] [--out results.json]

Needs the jars (`./mvnw -q -DskipTests package`): admin-webflux, gateway-distro and portico-cli exec jars
(or PORTICO_JARS_DIR pointing at a checkout that has them). Standard library only.
"""

import argparse
import base64
import datetime
import http.client
import http.server
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench  # noqa: E402  (the process helpers of the side-by-side benchmark)

DATABASE = "bench_declarative"
PORTS = {"upstream": 18281, "admin": 18280, "gateway": 18290, "gateway_management": 18291}
SAMPLE = 200


class Upstream(http.server.BaseHTTPRequestHandler):
    """Answers 200 with the request path to every GET: enough to see which route served."""

    protocol_version = "HTTP/1.1"
    # Headers and body in one write, and no Nagle: else every response waits ~40 ms for a delayed ACK.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True

    def do_GET(self):
        body = self.path.encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
                    "-qAt", "-c", sql], check=True)


def services(count, routes, version_of, changed_route=None):
    """`count` services with `routes` routes each; `changed_route` = (service, route) gets a second path."""
    result = []
    for s in range(count):
        name = "svc-%04d" % s
        result.append({"name": name, "version": version_of(s), "labels": {"team": "t%d" % (s % 10)},
                       "path_prefix": "/" + name,
                       "upstream": {"scheme": "http", "nodes": [{"host": "127.0.0.1", "port": PORTS["upstream"],
                                                                 "weight": 100}]},
                       "routes": [{"name": "r%d" % r,
                                   "uris": ["/r%d/*" % r] + (["/changed%d" % r] if changed_route == (s, r) else []),
                                   "methods": ["GET"]} for r in range(routes)]})
    return result


def write_files(path, service_list):
    """The file as a user keeps it (YAML, for the CLI) and as the CLI sends it (JSON, for the server alone)."""
    lines = ["services:"]
    for service in service_list:
        lines += ["  - name: %s" % service["name"], "    version: %s" % service["version"],
                  "    labels: {team: %s}" % service["labels"]["team"], "    path_prefix: %s" % service["path_prefix"],
                  "    upstream:", "      scheme: http", "      nodes:"]
        lines += ["        - {host: %s, port: %d, weight: %d}" % (n["host"], n["port"], n["weight"])
                  for n in service["upstream"]["nodes"]]
        lines.append("    routes:")
        for route in service["routes"]:
            lines += ["      - name: %s" % route["name"],
                      "        uris: [%s]" % ", ".join('"%s"' % u for u in route["uris"]),
                      "        methods: [%s]" % ", ".join(route["methods"])]
    with open(path + ".yaml", "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(path + ".json", "w") as f:
        json.dump({"services": service_list}, f)
    return path + ".yaml", path + ".json"


def server_diff(token, json_path):
    """Seconds the admin takes to answer a diff of the file (no CLI), and the number of changes it plans."""
    with open(json_path, "rb") as f:
        body = f.read()
    conn = http.client.HTTPConnection("127.0.0.1", PORTS["admin"], timeout=600)
    started = time.perf_counter()
    conn.request("POST", "/api/declarative/diff?gateway_group_id=default", body=body,
                 headers={"Content-Type": "application/json", "X-API-KEY": token})
    response = conn.getresponse()
    text = response.read()
    seconds = time.perf_counter() - started
    conn.close()
    if response.status != 200:
        raise RuntimeError("diff -> %d %s" % (response.status, text[:500]))
    return seconds, len(json.loads(text)["changes"])


class Cli:
    """The CLI as a user runs it: its launcher script (with the launcher's JVM options)."""

    def __init__(self, launcher, token, workdir):
        self.launcher = launcher
        self.env = dict(os.environ, PORTICO_SERVER="http://127.0.0.1:%d" % PORTS["admin"], PORTICO_TOKEN=token)
        self.workdir = workdir

    def run(self, *args, expect=(0,)):
        started = time.perf_counter()
        done = subprocess.run([self.launcher] + list(args) + ["--timeout", "600"], env=self.env,
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode not in expect:
            raise RuntimeError("portico %s -> %d\n%s\n%s" % (" ".join(args), done.returncode, done.stdout[-3000:],
                                                            done.stderr[-3000:]))
        return seconds, done.stdout


def serving(conn_port, paths, timeout):
    """Seconds until every path answers 200 through the gateway."""
    started = time.perf_counter()
    deadline = started + timeout
    pending = list(paths)
    conn = None
    while pending:
        if time.perf_counter() > deadline:
            raise RuntimeError("gateway did not serve %d of %d paths within %ds, e.g. %s"
                               % (len(pending), len(paths), timeout, pending[0]))
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", conn_port, timeout=5)
            conn.request("GET", pending[0])
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                pending.pop(0)
            else:
                time.sleep(0.01)
        except (http.client.HTTPException, OSError):
            conn = None
            time.sleep(0.01)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--routes", type=int, default=10)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    jars_dir = os.environ.get("PORTICO_JARS_DIR") or os.path.dirname(HERE)
    jars = {"admin": os.path.join(jars_dir, "admin-webflux/target/admin-webflux-0.1.0-SNAPSHOT-exec.jar"),
            "gateway": os.path.join(jars_dir, "gateway-distro/target/gateway-distro-0.1.0-SNAPSHOT-exec.jar"),
            "cli": os.path.join(jars_dir, "portico-cli/target/portico-cli-0.1.0-SNAPSHOT-exec.jar")}
    absent = [j for j in jars.values() if not os.path.isfile(j)]
    if absent:
        bench.log("missing jars (./mvnw -q -DskipTests package): %s" % ", ".join(absent))
        return 2
    workdir = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                           "portico-declarative-" + datetime.datetime.now().strftime("%Y%m%dT%H%M%S"))
    os.makedirs(workdir)
    bench.log("logs and files: %s" % workdir)
    psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % DATABASE)
    psql("CREATE DATABASE %s" % DATABASE)
    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", PORTS["upstream"]), Upstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    token = "pt_" + base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    os.environ["PORTICO_ADMIN_BOOTSTRAP_TOKEN"] = token
    db = ["--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:5432/" + DATABASE, "--spring.r2dbc.username=postgres",
          "--spring.r2dbc.password=", "--portico.secrets.key=" + base64.b64encode(os.urandom(32)).decode()]
    results = {"date_utc": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
               "services": args.services, "routes_per_service": args.routes, "runs": args.runs,
               "machine": bench.machine(), "steps": {}}
    try:
        admin = bench.start("admin", bench.java_cmd(jars["admin"], "1g", db + [
            "--server.port=%d" % PORTS["admin"],
            "--spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/" + DATABASE, "--spring.flyway.user=postgres",
            "--spring.flyway.password="]), workdir, "0,1")
        bench.wait_http("http://127.0.0.1:%d/actuator/health/readiness" % PORTS["admin"], 180, proc=admin)
        gateway = bench.start("gateway", bench.java_cmd(jars["gateway"], "1g", db + [
            "--server.port=%d" % PORTS["gateway"], "--management.server.port=%d" % PORTS["gateway_management"],
            "--portico.gateway.group=default"]), workdir, "0,1")
        bench.wait_http("http://127.0.0.1:%d/actuator/health/readiness" % PORTS["gateway_management"], 180,
                        proc=gateway)
        cli = Cli(os.path.join(jars_dir, "portico-cli", "portico"), token, workdir)
        first, first_json = write_files(os.path.join(workdir, "services"),
                                        services(args.services, args.routes, lambda s: "1.0.0"))
        results["file_bytes"] = os.path.getsize(first)
        last = args.services - 1
        rng = random.Random(16)
        sample = ["/svc-%04d/r%d/x" % (rng.randrange(args.services), rng.randrange(args.routes))
                  for _ in range(SAMPLE)] + ["/svc-%04d/r%d/x" % (last, args.routes - 1)]

        def diff(step, path, expect):
            times = [cli.run("diff", "-f", path, "--exit-code", expect=expect)[0] for _ in range(args.runs)]
            server = [server_diff(token, path[:-len(".yaml")] + ".json") for _ in range(args.runs)]
            results["steps"][step] = {"seconds": times, "median": statistics.median(times),
                                      "server_seconds": [t for t, _ in server],
                                      "server_median": statistics.median([t for t, _ in server]),
                                      "changes": server[0][1]}
            bench.log("%s: %s (the admin alone: %s; %d changes)" % (
                step, ", ".join("%.2f s" % t for t in times), ", ".join("%.2f s" % t for t, _ in server),
                server[0][1]))

        def sync(step, path, paths=None):
            seconds, out = cli.run("sync", "-f", path)
            results["steps"][step] = {"seconds": [seconds], "median": seconds, "output_tail": out[-300:]}
            line = "%s: %.2f s" % (step, seconds)
            if paths:
                results["steps"][step]["serving_after_s"] = serving(PORTS["gateway"], paths, 300)
                line += ", the gateway serves %d sampled routes %.2f s later" % (
                    len(paths), results["steps"][step]["serving_after_s"])
            bench.log(line)

        diff("diff_empty_group", first, (1,))
        sync("sync_empty_group", first, sample)
        diff("diff_no_change", first, (0,))
        sync("sync_no_change", first)
        changed, _ = write_files(os.path.join(workdir, "changed"),
                                 services(args.services, args.routes, lambda s: "1.0.1" if s == last else "1.0.0",
                                          changed_route=(last, 0)))
        diff("diff_one_change", changed, (1,))
        sync("sync_one_change", changed, ["/svc-%04d/changed0" % last])
    finally:
        bench.stop_all()
        upstream.shutdown()
    if args.out:
        with open(args.out, "w") as f:
            json.dump(results, f, indent=2)
    print(json.dumps({step: round(value["median"], 2) for step, value in results["steps"].items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
