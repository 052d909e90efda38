#!/usr/bin/env python3
"""Load on a running `riskmap serve` process over loopback, from outside it,
so any build (this one or an older one) can be measured the same way.

  serve_load.py PORT PID MODE [CLIENTS] [REQUESTS] [SECONDS] [RUNS]

MODE: explain (random places in the served bounds), tiles (one tile of each
4 x 4 metatile block z12-16 in the bounds, shuffled, then RUNS passes over
those that were 200), slowloris (CLIENTS connections each sending half a
header, then one normal request timed; bounded by SECONDS).
Each client is a thread with one keep-alive connection (reconnecting when the
server closes it). Prints req/s, p50/p99/max, the status counts and the
server's peak RSS (VmHWM of PID). Python's client threads cap the rate at a
few thousand req/s: for the server's ceiling use riskmap_bench_serve.
"""
import http.client, json, math, random, socket, statistics, sys, threading, time


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def load(port, paths, clients, seconds):
    lock = threading.Lock()
    nxt = [0]
    lat, status = [], {}
    deadline = time.monotonic() + seconds

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, st = [], {}
        while time.monotonic() < deadline:
            with lock:
                k = nxt[0]
                nxt[0] += 1
            if k >= len(paths):
                break
            t0 = time.monotonic()
            try:
                conn.request("GET", paths[k])
                r = conn.getresponse()
                r.read()
                code = r.status
                if r.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            except Exception as e:  # refused, reset: count it, connect again
                code = type(e).__name__
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.monotonic() - t0) * 1000)
            st[code] = st.get(code, 0) + 1
        with lock:
            lat.extend(mine)
            for c, n in st.items():
                status[c] = status.get(c, 0) + n

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - t0, sorted(lat), status


def report(what, pid, elapsed, lat, status):
    pct = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] if lat else 0
    print(f"{what:9s} {len(lat):6d} requests in {elapsed:6.2f} s: {len(lat) / elapsed:8.1f} req/s, "
          f"p50 {pct(0.5):8.2f} ms, p99 {pct(0.99):8.2f} ms, max {lat[-1] if lat else 0:8.2f} ms, "
          f"status {status}, server peak RSS {peak_rss_mib(pid):.0f} MiB", flush=True)
    return len(lat) / elapsed


def tile_of(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


def main():
    port, pid, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    clients = int(sys.argv[4]) if len(sys.argv) > 4 else 16
    requests = int(sys.argv[5]) if len(sys.argv) > 5 else 2000
    seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 60
    runs = int(sys.argv[7]) if len(sys.argv) > 7 else 3
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/api/info")
    w, s, e, n = json.loads(c.getresponse().read())["bounds"]
    c.close()
    rng = random.Random(1)
    print(f"{mode}: {clients} clients, server peak RSS at start {peak_rss_mib(pid):.0f} MiB", flush=True)
    if mode == "explain":
        rates = []
        for _ in range(runs):
            paths = [f"/api/explain?lon={rng.uniform(w, e):.6f}&lat={rng.uniform(s, n):.6f}" for _ in range(requests)]
            rates.append(report("explain", pid, *load(port, paths, clients, seconds)))
        print(f"explain req/s min/median/max: {min(rates):.1f} / {statistics.median(rates):.1f} / {max(rates):.1f}")
    elif mode == "tiles":
        cold = []
        for z in range(12, 17):
            x0, y0 = tile_of(w, n, z)
            x1, y1 = tile_of(e, s, z)
            cold += [f"/tiles/{z}/{x}/{y}.png" for y in range(y0 - y0 % 4, y1 + 1, 4) for x in range(x0 - x0 % 4, x1 + 1, 4)]
        rng.shuffle(cold)
        cold = cold[:requests]
        elapsed, lat, status = load(port, cold, clients, seconds)
        report("uncached", pid, elapsed, lat, status)
        rates = []
        for _ in range(runs):
            rates.append(report("cached", pid, *load(port, [rng.choice(cold) for _ in range(requests)], clients, seconds)))
        print(f"cached req/s min/median/max: {min(rates):.1f} / {statistics.median(rates):.1f} / {max(rates):.1f}")
    elif mode == "slowloris":
        socks, t0 = [], time.monotonic()
        for i in range(clients):
            try:
                so = socket.create_connection(("127.0.0.1", port), timeout=5)
                so.sendall(b"GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slo")
                socks.append(so)
            except OSError as ex:
                print(f"connection {i}: {ex}")
                break
        print(f"{len(socks)} half-sent headers open after {time.monotonic() - t0:.2f} s")
        t1 = time.monotonic()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=min(seconds, 30))
            conn.request("GET", "/api/info")
            print(f"a normal client: {conn.getresponse().status} in {time.monotonic() - t1:.2f} s")
        except Exception as ex:
            print(f"a normal client: {type(ex).__name__} {ex} after {time.monotonic() - t1:.2f} s")
        closed, first, last = 0, None, None
        for so in socks:
            so.settimeout(max(0.01, seconds - (time.monotonic() - t0)))
            try:
                gone = so.recv(1) == b""
            except (socket.timeout, ConnectionResetError) as ex:
                gone = isinstance(ex, ConnectionResetError)
            if gone:
                closed += 1
                at = time.monotonic() - t0
                first = at if first is None else first
                last = at
            so.close()
        when = f" (the first seen at {first:.1f} s, the last at {last:.1f} s)" if closed else ""
        print(f"{closed} of {len(socks)} closed by the server within {seconds:.0f} s of opening{when}")


main()
