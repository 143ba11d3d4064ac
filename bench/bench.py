#!/usr/bin/env python3
"""wckit benchmarks: each target is a ratio against a baseline timed in this same run.

1. 1600 independent nodes x 15000 steps (a 40x40 grid of initial conditions), exp-Euler:
   wc-run vs the same loop vectorised in numpy, as a user would write it.  Target >= 15x.
2. One node x 10^6 steps: ns per step and MB/s for TSV and binary output to /dev/null.
   Target: binary >= 300 MB/s.
Prints one line per measurement and a summary; exits 1 if a target is missed.
"""
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

WC_BIN = os.environ.get("WC_BIN", os.path.join(os.path.dirname(__file__), "..", "build"))
WC_RUN = os.path.join(WC_BIN, "wc-run")
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
    """Exponential Euler (model.md section 2) on arrays, default parameters."""
    tau_E = tau_I = 1.0
    a_E, a_I, th_E, th_I = 1.2, 1.0, 2.8, 4.0
    wEE, wEI, wIE, wII, r = 12.0, 4.0, 13.0, 11.0, 1.0
    FE0 = 1 / (1 + np.exp(a_E * th_E))
    FI0 = 1 / (1 + np.exp(a_I * th_I))
    rE = rE.copy()
    rI = rI.copy()
    for _ in range(steps):
        sE = 1 / (1 + np.exp(-a_E * (wEE * rE - wEI * rI - th_E)))
        sI = 1 / (1 + np.exp(-a_I * (wIE * rE - wII * rI - th_I)))
        FE = sE - FE0
        FI = sI - FI0
        fE = (-rE + (1 - r * rE) * FE) / tau_E
        fI = (-rI + (1 - r * rI) * FI) / tau_I
        JE = (-1 - r * FE + (1 - r * rE) * a_E * sE * (1 - sE) * wEE) / tau_E
        JI = (-1 - r * FI - (1 - r * rI) * a_I * sI * (1 - sI) * wII) / tau_I
        zE = dt * JE
        zI = dt * JI
        rE = rE + dt * (np.expm1(zE) / zE) * fE
        rI = rI + dt * (np.expm1(zI) / zI) * fI
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
    report("binary output rate (whole run, MB/s)", mb_bin, "MB/s", ">= 300", mb_bin >= 300)
    fmt = max(t_tsv - t_sim, 1e-9)
    report("TSV formatting rate (TSV run minus simulation, MB/s)", len(tsv) / fmt / 1e6, "MB/s")
    report("TSV formatting: ns per number", 1e9 * fmt / (rows * cols), "ns")


def main():
    print(f"wckit bench: {subprocess.run([WC_RUN, '--version'], capture_output=True, text=True).stdout.splitlines()[1]}, "
          f"numpy {np.__version__}, {os.cpu_count()} cpus")
    with tempfile.TemporaryDirectory() as tmp:
        bench_grid(tmp)
    bench_single()
    print("all targets met" if not failures else "targets missed: " + ", ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
