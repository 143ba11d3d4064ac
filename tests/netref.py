#!/usr/bin/env python3
"""netref.py — an independent, deliberately plain numpy (float64) re-computation of a
delay-coupled Wilson–Cowan network (wc-model(7), EQUATIONS, INTEGRATORS and NETWORKS), used by tests/t_net_ref.sh
to check `wc-run --conn`.  Noise-free; exponential Euler (default) or forward Euler.

Semantics (those of the wc-run network interface):
  * C[i][j] is the weight to i from j; the diagonal is zeroed unless --self.
  * tau_ij = D[i][j] / v ms (diagonal 0); the lag in steps is computed literally from
    tau / dt:  ceil -> ceil(tau/dt);  round -> rint(tau/dt) (halves to even);
    linear -> s0 = floor(tau/dt), f = tau/dt - s0, value = (1-f) H[n-s0] + f H[n-s0-1].
    Without D all lags are 0.
  * History H_j[m]: m <= 0 is pseudo-history (given; the initial state is never
    written), H_j[m] = rE_j(t_m) for m >= 1.  Step n (t_n -> t_{n+1}) reads H_j[n - s_ij].
  * diffusive: c_i = k sum_j C_ij (H_j[n - s_ij] - rE_i(t_n));
    additive:  c_i = k sum_j C_ij  H_j[n - s_ij].
    c_i is added to node i's E input; every node is then stepped with inputs held.
  * A history file holds R rows x N columns (oldest first, '#' lines are comments); the
    last row is H[0], the one before H[-1], ...

Usage:
  netref.py --conn C.tsv [--dist D.tsv] [--speed 2] [-k 1] [--coupling diffusive]
            [--delay ceil] [--history H.tsv | const:X] [--self] [--steps 1000] [--dt 0.1]
            [--method expeuler|euler] [-p K=V[,K=V]] [-o out.npy]
Writes a .npy array of (steps + 1) rows: t, rE0..rE{N-1}, rI0..rI{N-1} (row 0 is the
initial state at t = 0), to -o or to stdout.

With --compare OUT.tsv [--tol X], netref instead reads a wc-run TSV (t, rE0.., rI0..;
or t, rE0.. only) and compares it with the re-computation: exit 0 when the shape
agrees, t agrees to 1e-9 and every state value to X (default 1e-12); otherwise it
prints the largest difference and the first differing step and node on stderr and
exits 1.

Importable: load_matrix, lags, history_len, simulate, single_node, compare.
"""
import argparse
import sys

import numpy as np

DEFAULTS = dict(tau_E=1.0, tau_I=1.0, a_E=1.2, a_I=1.0, theta_E=2.8, theta_I=4.0,
                wEE=12.0, wEI=4.0, wIE=13.0, wII=11.0, r=1.0, I_E=0.0, I_I=0.0,
                rE0=0.0, rI0=0.0)


def load_matrix(path):
    """A whitespace-separated numeric table; lines starting with '#' are comments."""
    return np.loadtxt(path, comments="#", ndmin=2, dtype=np.float64)


def lags(D, speed, dt, delay="ceil", n=None):
    """Per-edge lags.  Returns (s0, s1, f): the value read at step n is
    (1 - f) H[n - s0] + f H[n - s1].  For ceil/round f = 0 and s1 = s0."""
    if D is None:
        z = np.zeros((n, n), dtype=np.int64)
        return z, z.copy(), np.zeros((n, n))
    D = np.array(D, dtype=np.float64)
    np.fill_diagonal(D, 0.0)
    tau = D / speed               # ms
    x = tau / dt                  # steps, computed literally as tau / dt
    if delay == "ceil":
        s = np.ceil(x).astype(np.int64)
        return s, s.copy(), np.zeros_like(x)
    if delay == "round":
        s = np.rint(x).astype(np.int64)   # round half to even (numpy.around)
        return s, s.copy(), np.zeros_like(x)
    if delay == "linear":
        s0 = np.floor(x).astype(np.int64)
        f = x - s0
        # with f == 0 the older sample has weight 0: read the same sample twice so that
        # no slot beyond the required history is touched
        s1 = s0 + (f > 0)
        return s0, s1, f
    raise ValueError(f"unknown delay mode {delay!r}")


def history_len(D, speed, dt, delay="ceil", C=None, self_conn=False):
    """L = max lag + 1 rows of pseudo-history (for linear: max ceil(tau/dt) + 1).  If C is
    given only edges with a nonzero weight count; otherwise every off-diagonal pair."""
    if D is None:
        return 1
    s0, s1, _ = lags(D, speed, dt, delay)
    s = np.maximum(s0, s1)
    mask = np.ones(s.shape, dtype=bool)
    if C is not None:
        mask = np.asarray(C) != 0
    if not self_conn:
        np.fill_diagonal(mask, False)
    return int(s[mask].max()) + 1 if mask.any() else 1


def _phi(z):
    small = np.abs(z) <= 1e-8
    zs = np.where(small, 1.0, z)
    return np.where(small, 1 + z / 2 + z * z / 6, np.expm1(zs) / zs)


def _rhs(rE, rI, IE, II, p):
    """f_E, f_I, J_E, J_I of wc-model(7), EQUATIONS and INTEGRATORS (inputs IE, II include the coupling)."""
    aE, aI, thE, thI, r = p["a_E"], p["a_I"], p["theta_E"], p["theta_I"], p["r"]
    sE = 1 / (1 + np.exp(-aE * (p["wEE"] * rE - p["wEI"] * rI + IE - thE)))
    sI = 1 / (1 + np.exp(-aI * (p["wIE"] * rE - p["wII"] * rI + II - thI)))
    FE = sE - 1 / (1 + np.exp(aE * thE))
    FI = sI - 1 / (1 + np.exp(aI * thI))
    fE = (-rE + (1 - r * rE) * FE) / p["tau_E"]
    fI = (-rI + (1 - r * rI) * FI) / p["tau_I"]
    JE = (-1 - r * FE + (1 - r * rE) * aE * sE * (1 - sE) * p["wEE"]) / p["tau_E"]
    JI = (-1 - r * FI - (1 - r * rI) * aI * sI * (1 - sI) * p["wII"]) / p["tau_I"]
    return fE, fI, JE, JI


def simulate(C, D=None, speed=2.0, k=1.0, coupling="diffusive", delay="ceil",
             history=0.0, steps=1000, dt=0.1, params=None, self_conn=False,
             method="expeuler"):
    """Run the network; returns (t, rE, rI) with rE, rI of shape (steps + 1, N).

    history: a scalar (const:X) or an R x N array, oldest row first, last row = H[0]."""
    p = dict(DEFAULTS)
    p.update(params or {})
    C = np.array(C, dtype=np.float64)
    N = C.shape[0]
    if C.shape != (N, N):
        raise ValueError("C must be square")
    if not self_conn:
        np.fill_diagonal(C, 0.0)
    s0, s1, f = lags(D, speed, dt, delay, n=N)
    need = int(np.maximum(s0, s1).max()) + 1
    if np.isscalar(history):
        hist = np.full((need, N), float(history))
    else:
        hist = np.array(history, dtype=np.float64)
        if hist.ndim == 1:
            hist = hist.reshape(-1, N)
        if hist.shape[1] != N:
            raise ValueError(f"history has {hist.shape[1]} columns, want {N}")
        if hist.shape[0] < need:
            raise ValueError(f"history has {hist.shape[0]} rows, need {need}")
    R = hist.shape[0]
    # H[:, R - 1 + m] = H_j[m] for m = -(R-1) .. steps
    H = np.empty((N, R + steps), dtype=np.float64)
    H[:, :R] = hist.T
    H[:, R:] = np.nan        # filled as the run goes; reading ahead would show as NaN
    rE = np.full(N, p["rE0"], dtype=np.float64)
    rI = np.full(N, p["rI0"], dtype=np.float64)
    outE = np.empty((steps + 1, N))
    outI = np.empty((steps + 1, N))
    outE[0], outI[0] = rE, rI
    rows = np.arange(N)[None, :]          # source index j along axis 1
    for n in range(steps):
        a = H[rows, R - 1 + n - s0]        # a[i, j] = H_j[n - s0_ij]
        b = H[rows, R - 1 + n - s1]
        delayed = (1 - f) * a + f * b if delay == "linear" else a
        if coupling == "diffusive":
            c = k * np.sum(C * (delayed - rE[:, None]), axis=1)
        elif coupling == "additive":
            c = k * np.sum(C * delayed, axis=1)
        else:
            raise ValueError(f"unknown coupling {coupling!r}")
        IE = p["I_E"] + c
        II = p["I_I"]
        fE, fI, JE, JI = _rhs(rE, rI, IE, II, p)
        if method == "expeuler":
            rE, rI = rE + dt * _phi(dt * JE) * fE, rI + dt * _phi(dt * JI) * fI
        elif method == "euler":
            rE, rI = rE + dt * fE, rI + dt * fI
        else:
            raise ValueError(f"unknown method {method!r}")
        H[:, R + n] = rE                   # H_j[n + 1] = rE_j(t_{n+1})
        outE[n + 1], outI[n + 1] = rE, rI
    t = np.arange(steps + 1) * dt
    return t, outE, outI


def single_node(steps=1000, dt=0.1, params=None, method="expeuler"):
    """One uncoupled node (a 1-node network with C = 0)."""
    t, rE, rI = simulate(np.zeros((1, 1)), None, 1.0, 0.0, "additive", "ceil", 0.0, steps, dt,
                         params, False, method)
    return t, rE[:, 0], rI[:, 0]


def read_tsv(path):
    """A wc-stream TSV: '#' lines are header/comments, the rest tab-separated numbers."""
    rows = [l.rstrip("\n").split("\t") for l in open(path) if l.strip() and not l.startswith("#")]
    return np.array(rows, dtype=np.float64)


def compare(out, t, rE, rI, tol=1e-12, label=""):
    """Compare a wc-run result (rows: t, rE.., [rI..]) with the reference; returns None
    when it matches, else a description of the first and largest differences."""
    steps1, N = rE.shape
    ref = np.column_stack([t, rE, rI])
    if out.ndim != 2 or out.shape[0] != steps1 or out.shape[1] not in (1 + N, 1 + 2 * N):
        return f"{label}shape {out.shape}, want ({steps1}, {1 + 2 * N}) or ({steps1}, {1 + N})"
    ref = ref[:, :out.shape[1]]
    dt_err = np.max(np.abs(out[:, 0] - ref[:, 0]))
    if not dt_err <= 1e-9:
        n = int(np.argmax(~(np.abs(out[:, 0] - ref[:, 0]) <= 1e-9)))
        return f"{label}t column differs: row {n} has t = {out[n, 0]!r}, want {ref[n, 0]!r}"
    d = np.abs(out[:, 1:] - ref[:, 1:])
    bad = ~(d <= tol)                       # NaN counts as bad
    if not bad.any():
        return None

    def where(row, col):
        var = "rE" if col < N else "rI"
        return (f"row {row} (after step {row - 1}, t = {ref[row, 0]:.10g}), "
                f"{var}{col % N}: wc-run {out[row, col + 1]!r}, netref {ref[row, col + 1]!r}")
    first = np.argwhere(bad)[0]
    dd = np.where(np.isnan(d), np.inf, d)
    worst = np.unravel_index(np.argmax(dd), d.shape)
    nbad_rows = int(bad.any(axis=1).sum())
    nbad_nodes = int(bad.any(axis=0).sum())
    return (f"{label}max |diff| = {dd[worst]:.3g} > {tol:g} at {where(*worst)}; "
            f"first |diff| > tol at {where(*first)}; {nbad_rows} rows, {nbad_nodes} columns differ")


def parse_params(items):
    p = {}
    for item in items or []:
        for kv in item.split(","):
            if not kv.strip():
                continue
            key, val = kv.split("=", 1)
            key = key.strip()
            if key not in DEFAULTS:
                raise SystemExit(f"netref.py: unknown parameter {key!r}")
            p[key] = float(val)
    return p


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--conn", required=True)
    ap.add_argument("--dist")
    ap.add_argument("--speed", type=float, default=2.0)
    ap.add_argument("-k", type=float, default=1.0)
    ap.add_argument("--coupling", choices=["diffusive", "additive"], default="diffusive")
    ap.add_argument("--delay", choices=["ceil", "round", "linear"], default="ceil")
    ap.add_argument("--history", default="const:0",
                    help="const:X or a file of R x N rows (oldest first)")
    ap.add_argument("--self", dest="self_conn", action="store_true")
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--dt", type=float, default=0.1)
    ap.add_argument("--method", choices=["expeuler", "euler"], default="expeuler")
    ap.add_argument("-p", "--param", action="append")
    ap.add_argument("-o", "--output")
    ap.add_argument("--compare", metavar="OUT.tsv")
    ap.add_argument("--tol", type=float, default=1e-12)
    a = ap.parse_args(argv)
    C = load_matrix(a.conn)
    D = load_matrix(a.dist) if a.dist else None
    if a.history.startswith("const:"):
        hist = float(a.history[6:])
    else:
        hist = load_matrix(a.history)
    t, rE, rI = simulate(C, D, a.speed, a.k, a.coupling, a.delay, hist, a.steps, a.dt,
                         parse_params(a.param), a.self_conn, a.method)
    if a.compare:
        msg = compare(read_tsv(a.compare), t, rE, rI, a.tol)
        if msg:
            print(msg, file=sys.stderr)
            return 1
        return 0
    out = np.column_stack([t, rE, rI])
    if a.output:
        np.save(a.output, out)
    else:
        np.save(sys.stdout.buffer, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
