#!/usr/bin/env python3
"""netlin_ref.py — an independent numpy/scipy re-computation of wc_netlin's figures, called
by tests/unit/test_netlin.c (which writes the case file and the library's answers).

The network without delays (wc-model(7), NETWORKS): node i gets c_i added to its E input,
  diffusive: c_i = k sum_{j != i} C_ij (rE_j - rE_i);  additive: c_i = k sum_{j != i} C_ij rE_j
(the diagonal counts when keep_self).  Here the fixed point is found by scipy.optimize.root
(hybr, MINPACK) from the homogeneous start, polished by Newton steps, the Jacobian by central differences of the
right-hand side (step 1e-6) and its eigenvalues by numpy.linalg.eigvals; a threshold
given by the case is found again with scipy.optimize.brentq on the largest real part.

Case file, one item per line ("KEY values..."):
  params tau_E tau_I a_E a_I theta_E theta_I wEE wEI wIE wII r I_E I_I
  net N k coupling(0 diffusive, 1 additive) keep_self
  C <N values>                      (N lines, row i = weights to node i)
  start rE0 rI0
  fixedE <N values> / fixedI <N values>     the library's fixed point
  eig re im                         (2N lines) the library's eigenvalues
  threshold k_lo k_hi k_lib         optional: the library's k where re_max crosses 0
Exit 0 when everything agrees (fixed point 1e-9, eigenvalues 1e-6, threshold 1e-7);
otherwise print what differs and exit 1.
"""
import sys

import numpy as np
from scipy import optimize


def sigmoid(x, a, theta):
    return 1 / (1 + np.exp(-a * (x - theta))) - 1 / (1 + np.exp(a * theta))


def read_case(path):
    case = {"C": [], "eig": []}
    for line in open(path):
        f = line.split()
        if not f:
            continue
        key, vals = f[0], [float(v) for v in f[1:]]
        if key in ("C", "eig"):
            case[key].append(vals)
        else:
            case[key] = vals
    return case


class Net:
    def __init__(self, case):
        (self.tE, self.tI, self.aE, self.aI, self.thE, self.thI, self.wEE, self.wEI, self.wIE, self.wII, self.r,
         self.IE, self.II) = case["params"]
        n, self.k, coupling, keep_self = case["net"]
        self.n, self.diffusive = int(n), coupling == 0
        self.C = np.array(case["C"])
        if not keep_self:
            np.fill_diagonal(self.C, 0)

    def rhs(self, x, k=None):
        k = self.k if k is None else k
        E, I = x[: self.n], x[self.n:]
        c = self.C @ E - (self.C.sum(1) * E if self.diffusive else 0)
        fE = (-E + (1 - self.r * E) * sigmoid(self.wEE * E - self.wEI * I + self.IE + k * c, self.aE, self.thE)) / self.tE
        fI = (-I + (1 - self.r * I) * sigmoid(self.wIE * E - self.wII * I + self.II, self.aI, self.thI)) / self.tI
        return np.concatenate([fE, fI])

    def fixed(self, x0, k=None):
        """MINPACK's hybrid method, then Newton steps on the difference Jacobian to polish."""
        x = optimize.root(lambda y: self.rhs(y, k), x0, method="hybr", options={"xtol": 1e-13}).x
        for _ in range(5):
            if np.abs(self.rhs(x, k)).max() < 1e-12:
                break
            x = x - np.linalg.solve(self.jacobian(x, k), self.rhs(x, k))
        return x if np.abs(self.rhs(x, k)).max() < 1e-11 else None

    def jacobian(self, x, k=None, h=1e-6):
        m = 2 * self.n
        J = np.empty((m, m))
        for b in range(m):
            e = np.zeros(m)
            e[b] = h
            J[:, b] = (self.rhs(x + e, k) - self.rhs(x - e, k)) / (2 * h)
        return J


def main():
    case = read_case(sys.argv[1])
    net = Net(case)
    n = net.n
    x0 = np.concatenate([np.full(n, case["start"][0]), np.full(n, case["start"][1])])
    x = net.fixed(x0)
    bad = []
    lib = np.concatenate([case["fixedE"], case["fixedI"]])
    if x is None:
        bad.append("scipy found no fixed point")
    else:
        d = np.abs(x - lib).max()
        if d > 1e-9:
            bad.append(f"fixed point differs by {d:.3g}")
        ev = np.linalg.eigvals(net.jacobian(x))
        want = np.array([complex(re, im) for re, im in case["eig"]])
        used, worst = np.zeros(len(want), bool), 0.0
        for z in ev:  # greedy match
            dist = np.where(used, np.inf, np.abs(want - z))
            j = int(np.argmin(dist))
            used[j] = True
            worst = max(worst, dist[j])
        if worst > 1e-6:
            bad.append(f"eigenvalues differ by {worst:.3g}")
        print(f"fixed point to {np.abs(x - lib).max():.2g}, eigenvalues to {worst:.2g}, re_max {ev.real.max():.10g}")
    if "threshold" in case:
        lo, hi, klib = case["threshold"]
        xs = {}

        def remax(k):
            xk = net.fixed(xs.get("x", x0), k)
            if xk is None:
                raise RuntimeError(f"no fixed point at k = {k}")
            xs["x"] = xk
            return np.linalg.eigvals(net.jacobian(xk, k)).real.max()

        kc = optimize.brentq(remax, lo, hi, xtol=1e-12)
        if abs(kc - klib) > 1e-7 * max(1, abs(kc)):
            bad.append(f"threshold {kc!r} (scipy) vs {klib!r} (wc_netlin)")
        print(f"threshold: scipy {kc:.10f}, wc_netlin {klib:.10f}")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
