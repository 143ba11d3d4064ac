#!/usr/bin/env python3
"""net_numpy.py — the delay-coupled Wilson–Cowan network (wc-model(7), EQUATIONS,
INTEGRATORS, NOISE and NETWORKS) as a user would write it in numpy: the benchmark
baseline for `wc-run --conn`.

One ring buffer per source node (N x L, L = max lag + 1, filled with Uniform[lo, hi)
pseudo-history), one fancy-index gather of the delayed rE per step, diffusive or additive
coupling on E, OU noise on E and I (exponential Euler, wc-model(7), NOISE, new values added to
the inputs of the same step), exponential Euler for the nodes (Jacobi), rE recorded every
step.  Default parameters of wc-model(7), PARAMETERS; ceil delays (or round).

run(...) returns the recorded rE, (steps + 1) x N, row 0 = the initial state.
"""
import numpy as np

P = dict(tau_E=1.0, tau_I=1.0, a_E=1.2, a_I=1.0, theta_E=2.8, theta_I=4.0,
         wEE=12.0, wEI=4.0, wIE=13.0, wII=11.0, r=1.0, I_E=0.0, I_I=0.0)


def lags(D, speed, dt, delay="ceil"):
    D = np.array(D, dtype=np.float64)
    np.fill_diagonal(D, 0.0)
    x = (D / speed) / dt
    return (np.ceil(x) if delay == "ceil" else np.rint(x)).astype(np.int64)


def run(C, D, speed=2.0, k=1.0, dt=0.1, steps=60000, sigma_E=0.0, sigma_I=0.0,
        noise_tau=10.0, coupling="diffusive", delay="ceil", history=(0.0, 0.05),
        seed=0, params=None):
    """history: (lo, hi) for i.i.d. uniform pseudo-history, or an L x N array (oldest first)."""
    p = dict(P)
    p.update(params or {})
    rng = np.random.default_rng(seed)
    C = np.array(C, dtype=np.float64)
    np.fill_diagonal(C, 0.0)
    N = C.shape[0]
    S = lags(D, speed, dt, delay) if D is not None else np.zeros((N, N), dtype=np.int64)
    L = int(S.max()) + 1
    # ring[j, slot]; slot ptr - 1 holds the newest value; start: oldest first, H[0] last
    if isinstance(history, tuple):
        ring = rng.uniform(history[0], history[1], (N, L))
    else:
        ring = np.array(history, dtype=np.float64)[-L:].T.copy()
    src = np.broadcast_to(np.arange(N)[None, :], (N, N))
    rowsum = C.sum(axis=1)
    aE, aI, thE, thI, r = p["a_E"], p["a_I"], p["theta_E"], p["theta_I"], p["r"]
    wEE, wEI, wIE, wII = p["wEE"], p["wEI"], p["wIE"], p["wII"]
    tE, tI = p["tau_E"], p["tau_I"]
    FE0 = 1 / (1 + np.exp(aE * thE))
    FI0 = 1 / (1 + np.exp(aI * thI))
    zo = -dt / noise_tau
    ou_decay = dt * (np.expm1(zo) / zo) / noise_tau
    ou_kick = np.sqrt(dt) / np.sqrt(noise_tau)
    rE = np.zeros(N)
    rI = np.zeros(N)
    xE = np.zeros(N)
    xI = np.zeros(N)
    out = np.empty((steps + 1, N))
    out[0] = rE
    ptr = 0
    noisy = sigma_E != 0.0 or sigma_I != 0.0
    for n in range(steps):
        delayed = ring[src, (ptr - 1 - S) % L]
        if coupling == "diffusive":
            c = k * ((C * delayed).sum(axis=1) - rowsum * rE)
        else:
            c = k * (C * delayed).sum(axis=1)
        IE = p["I_E"] + c
        II = p["I_I"]
        if noisy:
            xE = xE - ou_decay * xE + sigma_E * ou_kick * rng.standard_normal(N)
            xI = xI - ou_decay * xI + sigma_I * ou_kick * rng.standard_normal(N)
            IE = IE + xE
            II = II + xI
        sE = 1 / (1 + np.exp(-aE * (wEE * rE - wEI * rI + IE - thE)))
        sI = 1 / (1 + np.exp(-aI * (wIE * rE - wII * rI + II - thI)))
        FE = sE - FE0
        FI = sI - FI0
        fE = (-rE + (1 - r * rE) * FE) / tE
        fI = (-rI + (1 - r * rI) * FI) / tI
        zE = dt * (-1 - r * FE + (1 - r * rE) * aE * sE * (1 - sE) * wEE) / tE
        zI = dt * (-1 - r * FI - (1 - r * rI) * aI * sI * (1 - sI) * wII) / tI
        rE = rE + dt * (np.expm1(zE) / zE) * fE
        rI = rI + dt * (np.expm1(zI) / zI) * fI
        ring[:, ptr] = rE
        ptr = (ptr + 1) % L
        out[n + 1] = rE
    return out


if __name__ == "__main__":
    import sys
    import time
    C = np.loadtxt(sys.argv[1])
    D = np.loadtxt(sys.argv[2])
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 6000
    t0 = time.perf_counter()
    run(C, D, steps=steps, sigma_E=0.01, sigma_I=0.01)
    print(f"{steps} steps: {time.perf_counter() - t0:.3f} s")
