#!/usr/bin/env python3
"""settle_numpy.py — the reference's brute-force dynamics in numpy, vectorised over the
points as a user would write them: the benchmark baselines for wc_settle (wc-sweep,
wc-basin).

run(rE, rI, steps, I_E=0, wEE=12, dt=0.1, track=False): exponential Euler (wc-model(7),
INTEGRATORS) on arrays of states, I_E and wEE scalars or arrays (one per point), the other
parameters the defaults of wc-model(7), PARAMETERS.  Returns the final rE, rI and, with
track, the min and max of rE over the states after each step (the reference's bifurcation
diagram records these over a run from rest).
"""
import numpy as np

P = dict(tau_E=1.0, tau_I=1.0, a_E=1.2, a_I=1.0, theta_E=2.8, theta_I=4.0,
         wEI=4.0, wIE=13.0, wII=11.0, r=1.0)


def run(rE, rI, steps, I_E=0.0, wEE=12.0, dt=0.1, track=False):
    a_E, a_I, th_E, th_I = P["a_E"], P["a_I"], P["theta_E"], P["theta_I"]
    wEI, wIE, wII, r = P["wEI"], P["wIE"], P["wII"], P["r"]
    tau_E, tau_I = P["tau_E"], P["tau_I"]
    FE0 = 1 / (1 + np.exp(a_E * th_E))
    FI0 = 1 / (1 + np.exp(a_I * th_I))
    rE = np.array(rE, dtype=np.float64)
    rI = np.array(rI, dtype=np.float64)
    lo = np.full_like(rE, np.inf)
    hi = np.full_like(rE, -np.inf)
    for _ in range(steps):
        sE = 1 / (1 + np.exp(-a_E * (wEE * rE - wEI * rI + I_E - th_E)))
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
        if track:
            np.minimum(lo, rE, out=lo)
            np.maximum(hi, rE, out=hi)
    return (rE, rI, lo, hi) if track else (rE, rI)
