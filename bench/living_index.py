#!/usr/bin/env python3
"""living_index.py N [--seed S] [--concurrency C]: issue 15's figures for a load through the running site.

On the peers' N-record corpus (../shared/bench-peers, the same file bench/compare.sh uses), in one run:
  1. the command-line load without labels (`Search.Indexer load`), records/s;
  2. a fresh site (samples loaded and labelled at first start, as a newcomer gets it), search p50/p99 idle
     (tests/LoadGenerator, distinct queries, in windows of --window seconds: with --rate R, R requests/s on a fixed
     schedule, as visitors arrive, at most C in flight; without it, C connections each sending as fast as answers come);
  3. the same corpus uploaded at /admin/loads as the demo operator (streamed, multipart), loaded and labelled
     by the site's load job: records/s, and search p50/p99 in windows while the load runs;
  4. time from the end of the upload until the corpus's first and last records are searchable with their
     labels (value index present on /api/v1/patents/{number}).
Prints one JSON object with every figure and the ratios the issue asks for (site load / CLI load >= 0.8,
p99 during the load / p99 idle <= 2). Needs the Release build (`dotnet build Marketplace.sln -c Release`).
"""
import argparse
import base64
import csv
import hashlib
import hmac
import html as html_lib
import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPERATOR = "operator@demo.patent-marketplace.local"
PASSWORD = "Demo-Passw0rd!"
TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def log(*a):
    print("==", *a, file=sys.stderr, flush=True)


def totp(key, at=None):
    secret = base64.b32decode(key)
    counter = int((at or time.time()) // 30)
    digest = hmac.new(secret, struct.pack(">Q", counter), hashlib.sha1).digest()
    o = digest[-1] & 0x0F
    return "%06d" % ((struct.unpack(">I", digest[o:o + 4])[0] & 0x7FFFFFFF) % 1_000_000)


def corpus_for(n, seed):
    peers = os.environ.get("BENCH_PEERS", os.path.join(REPO, "..", "shared", "bench-peers"))
    cache = os.environ.get("PEERS_CACHE", os.path.join(os.environ.get("TMPDIR", "/tmp"), "bench-peers-cache"))
    os.makedirs(cache, exist_ok=True)
    corpus = os.path.join(cache, f"corpus-{n}-s{seed}.csv")
    if not os.path.exists(corpus) or os.path.getsize(corpus) == 0:
        log(f"corpus N={n} seed={seed}")
        subprocess.run([sys.executable, os.path.join(peers, "make_corpus.py"), str(n), corpus + ".tmp", "--seed", str(seed)], check=True)
        os.replace(corpus + ".tmp", corpus)
    return corpus


def first_and_last_numbers(corpus):
    with open(corpus, encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        col = next(i for i, h in enumerate(header) if "公开" in h and "号" in h)
        first = last = None
        for row in rows:
            if first is None:
                first = row[col]
            last = row[col]
    return first, last


def cli_load(corpus, work):
    dll = os.path.join(REPO, "Search.Indexer", "bin", "Release", "net10.0", "Search.Indexer.dll")
    out = subprocess.run(["dotnet", dll, "load", corpus, "--index", os.path.join(work, "cli-index"), "--quarantine", os.path.join(work, "cli-quarantine"),
                          "--manifest", os.path.join(work, "cli-manifest.json"), "--json"], check=True, capture_output=True, text=True)
    report = json.loads(out.stdout)
    return {"records": report["loaded"], "seconds": report["seconds"], "records_per_s": round(report["loaded"] / report["seconds"])}


class Site:
    def __init__(self, work, port):
        self.url = f"http://127.0.0.1:{port}"
        self.data = os.path.join(work, "site")
        env = dict(os.environ, PATENT_DATA_DIR=self.data, ASPNETCORE_ENVIRONMENT="Development", ASPNETCORE_URLS=self.url,
                   RateLimits__SearchPerMinute="10000000", RateLimits__SignInPerMinute="10000",
                   Loads__MaxUploadBytes=str(64 << 30), Logging__LogLevel__Default="Warning")
        dll = os.path.join(REPO, "Marketplace.Web", "bin", "Release", "net10.0", "Marketplace.Web.dll")
        self.log = open(os.path.join(work, "site.log"), "w")
        self.process = subprocess.Popen(["dotnet", dll], cwd=os.path.join(REPO, "Marketplace.Web"), env=env, stdout=self.log, stderr=subprocess.STDOUT)
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
        self.jar = jar

    def wait_ready(self, timeout=900):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"the site stopped (exit {self.process.returncode}); see site.log")
            try:
                with urllib.request.urlopen(self.url + "/readyz", timeout=5) as r:
                    if r.status == 200:
                        return
            except Exception:
                pass
            time.sleep(1)
        raise SystemExit("the site was not ready in time")

    def get(self, path):
        with self.opener.open(self.url + path, timeout=60) as r:
            return r.status, r.read().decode("utf-8"), r.headers

    def post_form(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            with self.opener.open(urllib.request.Request(self.url + path, data=data), timeout=60) as r:
                return r.status, r.headers.get("Location")
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Location")

    def form_fields(self, html, form_id):
        form = re.search(r'<form[^>]*id="%s".*?</form>' % form_id, html, re.S).group(0)
        fields = {}
        for tag in re.findall(r"<input\b[^>]*>", form):
            attrs = dict(re.findall(r'([\w-]+)="([^"]*)"', tag))
            if attrs.get("type") == "hidden" and "name" in attrs:
                fields[attrs["name"]] = html_lib.unescape(attrs.get("value", ""))
        return fields

    def sign_in_operator(self):
        _, html, _ = self.get("/account/login")
        fields = self.form_fields(html, "login-form")
        fields.update({"Input.Email": OPERATOR, "Input.Password": PASSWORD})
        status, location = self.post_form("/account/login", fields)
        if status != 302 or not location.startswith("/account/login-2fa"):
            raise SystemExit(f"sign-in answered {status} {location}")
        _, html, _ = self.get(location)
        fields = self.form_fields(html, "code-form")
        fields["Input.Code"] = totp(TOTP_KEY)
        status, location = self.post_form(location, fields)
        if status != 302 or location.startswith("/account"):
            raise SystemExit(f"the authenticator code answered {status} {location}")

    def upload(self, path):
        _, html, _ = self.get("/admin/loads")
        token = self.form_fields(html, "upload-form")["__RequestVerificationToken"]
        boundary = "----bench" + hashlib.sha1(os.urandom(8)).hexdigest()
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
                "Content-Type: application/octet-stream\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        size = len(head) + os.path.getsize(path) + len(tail)
        parsed = urllib.parse.urlparse(self.url)
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=3600)
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.jar)
        conn.putrequest("POST", "/admin/loads/upload")
        conn.putheader("Content-Type", f"multipart/form-data; boundary={boundary}")
        conn.putheader("Content-Length", str(size))
        conn.putheader("Cookie", cookies)
        conn.endheaders()
        conn.send(head)
        with open(path, "rb") as f:
            while chunk := f.read(1 << 20):
                conn.send(chunk)
        conn.send(tail)
        answer = conn.getresponse()
        location = answer.getheader("Location") or ""
        answer.read()
        conn.close()
        m = re.match(r"^/admin/loads/([0-9a-f-]{36})$", location)
        if answer.status != 302 or not m:
            raise SystemExit(f"the upload answered {answer.status} {location}")
        return m.group(1)

    def job(self, job_id):
        db = sqlite3.connect(f"file:{os.path.join(self.data, 'marketplace.db')}?mode=ro", uri=True, timeout=30)
        try:
            db.row_factory = sqlite3.Row
            row = db.execute("select * from LoadJobs where lower(Id) = ?", (job_id.lower(),)).fetchone()
            return dict(row) if row else None
        finally:
            db.close()

    def labelled(self, number):
        try:
            with urllib.request.urlopen(self.url + "/api/v1/patents/" + urllib.parse.quote(number), timeout=30) as r:
                doc = json.loads(r.read())
                return "valueIndex" in (doc.get("scores") or {})
        except urllib.error.HTTPError:
            return False

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


_load_generator_built = False


def search_window(url, seconds, concurrency, rate=None, warmup=None):
    global _load_generator_built
    dll = os.path.join(REPO, "tests", "LoadGenerator", "bin", "Release", "net10.0", "LoadGenerator.dll")
    if not _load_generator_built:
        # Not in Marketplace.sln: a solution build leaves it as it was, so build it (incrementally) once per run.
        subprocess.run(["dotnet", "build", os.path.join(REPO, "tests", "LoadGenerator"), "-c", "Release", "--nologo", "-v", "quiet"], check=True, stdout=subprocess.DEVNULL)
        _load_generator_built = True
    out = subprocess.run(["dotnet", dll, "--url", url, "--target", "search", "--mix", "distinct", "--concurrency", str(concurrency),
                          "--duration", str(seconds)] + (["--rate", str(rate)] if rate else []) + (["--warmup", str(warmup)] if warmup is not None else []), capture_output=True, text=True).stdout
    figures = {}
    for key, pattern in (("requests_per_s", r"\(([0-9.,]+) requests/s\)"), ("p50", r"p50 ([0-9.]+) ms"), ("p99", r"p99 ([0-9.]+) ms"), ("errors", r"errors\s+([0-9,]+)")):
        m = re.search(pattern, out)
        if m:
            figures[key] = float(m.group(1).replace(",", ""))
    if "p99" not in figures:
        raise SystemExit("LoadGenerator printed no p99:\n" + out)
    return figures


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--concurrency", type=int, default=8)
    p.add_argument("--rate", type=float, help="searches per second, open loop (default: closed loop, as fast as C connections go)")
    p.add_argument("--window", type=int, default=20, help="seconds per search measurement window")
    p.add_argument("--port", type=int, default=5431)
    p.add_argument("--work", help="working folder (default: a temporary one, removed at the end)")
    a = p.parse_args()
    corpus = corpus_for(a.n, a.seed)
    first, last = first_and_last_numbers(corpus)
    work = a.work or tempfile.mkdtemp(prefix="living-index-")
    os.makedirs(work, exist_ok=True)
    result = {"records": a.n, "seed": a.seed, "corpus_mb": round(os.path.getsize(corpus) / 1048576, 1), "concurrency": a.concurrency, "rate": a.rate}
    try:
        log("command-line load without labels")
        result["cli"] = cli_load(corpus, work)
        shutil.rmtree(os.path.join(work, "cli-index"), ignore_errors=True)
        log("fresh site (samples loaded and labelled at first start)")
        site = Site(work, a.port)
        try:
            t = time.time()
            site.wait_ready()
            result["site_ready_s"] = round(time.time() - t, 1)
            log("search idle")
            result["idle"] = search_window(site.url, a.window, a.concurrency, a.rate)
            site.sign_in_operator()
            log("upload")
            t_upload = time.time()
            job_id = site.upload(corpus)
            t_uploaded = time.time()
            result["upload_s"] = round(t_uploaded - t_upload, 1)
            windows, first_at, last_at = [], None, None
            while True:
                job = site.job(job_id)
                state = job["State"] if job else None
                if first_at is None and site.labelled(first):
                    first_at = time.time()
                if state in ("Done", "Failed", "Cancelled", 2, 3, 4):
                    break
                windows.append(search_window(site.url, a.window, a.concurrency, a.rate, warmup=0))
                log(f"load {job and job['Added']} added, {job and job['RecordsPerSecond']:.0f} rec/s; search p99 {windows[-1]['p99']} ms")
            while not site.labelled(last):
                time.sleep(0.5)
            last_at = time.time()
            if first_at is None:
                first_at = last_at
            job = site.job(job_id)
            result["site_load"] = {k: job[k] for k in ("State", "Added", "Merged", "Unchanged", "Quarantined", "RecordsPerSecond", "StartedAt", "FinishedAt", "Error")}
            result["upload_to_first_labelled_s"] = round(first_at - t_uploaded, 1)
            result["upload_to_all_labelled_s"] = round(last_at - t_uploaded, 1)
            result["during_load"] = {"windows": len(windows),
                                     "p99_median": statistics.median(w["p99"] for w in windows) if windows else None,
                                     "p99_max": max((w["p99"] for w in windows), default=None),
                                     "p50_median": statistics.median(w["p50"] for w in windows) if windows else None,
                                     "errors": sum(w.get("errors", 0) for w in windows)}
        finally:
            site.stop()
        rps = result["site_load"]["RecordsPerSecond"]
        result["ratio_site_load_to_cli"] = round(rps / result["cli"]["records_per_s"], 2)
        if result["during_load"]["p99_median"] is not None:
            result["ratio_p99_during_load_to_idle"] = round(result["during_load"]["p99_median"] / result["idle"]["p99"], 2)
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
