/* test_model.c — parameters, model, Jacobian, integrators, Philox, OU noise, clock. */
#include "tap.h"
#include "wckit/wc_clock.h"
#include "wckit/wc_err.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_model.h"
#include "wckit/wc_params.h"
#include "wckit/wc_rng.h"

#include <math.h>
#include <stdint.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static void test_params(void)
{
    wc_params p;
    wc_params_init(&p);
    OK(p.wEE == 12 && p.wEI == 4 && p.wIE == 13 && p.wII == 11, "defaults are Wilson & Cowan 1972 c1..c4");
    OK(p.a_E == 1.2 && p.theta_E == 2.8 && p.a_I == 1 && p.theta_I == 4 && p.tau_E == 1 && p.r == 1, "sigmoid and time defaults");
    OK(p.v[WC_P_WEE] == p.wEE, "union view: v[] and named fields agree");
    OK(wc_params_parse(&p, "wEE=16, I_E=1.25,tau_I = 2", WC_CONV_WC) == 0 && p.wEE == 16 && p.I_E == 1.25 && p.tau_I == 2,
       "KEY=VAL list with blanks");
    OK(wc_params_parse(&p, "tau_E=-1", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "tau_E must be > 0"), "tau_E > 0 enforced: %s", wc_errmsg());
    OK(wc_params_parse(&p, "r=-0.5", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "r must be >= 0"), "r >= 0 enforced");
    OK(wc_params_parse(&p, "wEE=abc", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "bad value for wEE"), "bad number rejected");
    OK(wc_params_parse(&p, "wEE=1x", WC_CONV_WC) < 0, "trailing junk rejected");
    OK(wc_params_parse(&p, "wEE=nan", WC_CONV_WC) < 0, "NaN rejected");
    OK(wc_params_parse(&p, "foo=1", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "unknown parameter 'foo'"), "unknown name rejected");
    OK(wc_params_parse(&p, "wEE", WC_CONV_WC) < 0, "missing '=' rejected");
    OK(strcmp(wc_params_unit(WC_P_TAU_E), "ms") == 0 && strcmp(wc_params_unit(WC_P_NOISE_TAU), "ms") == 0 &&
           strcmp(wc_params_unit(WC_P_WEE), "1") == 0, "units: tau_E and noise_tau in ms, wEE dimensionless");
    OK(strcmp(wc_params_range(WC_P_TAU_I), "> 0") == 0 && strcmp(wc_params_range(WC_P_R), ">= 0") == 0 &&
           strcmp(wc_params_range(WC_P_I_E), "any") == 0 && wc_params_default(WC_P_WIE) == 13, "ranges and defaults");
    OK(wc_params_parse(&p, "rE0=-2e6", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "rE0 must be within +-1e6"),
       "initial states within the bound: %s", wc_errmsg());
    char buf[4096] = "";
    FILE *f = fmemopen(buf, sizeof buf - 1, "w");
    OK(f && wc_params_write_table(f) == 0, "the table writes");
    if (f) fclose(f);
    OK(strncmp(buf, "name\tdefault\tunit\trange\tmeaning\ntau_E\t1\tms\t> 0\t", 43) == 0 && strstr(buf, "\nmu_I\t0\t1\tany\t"),
       "the table: header line, tau_E first, mu_I last");
}

static void test_convention(void)
{
    wc_params a, b;
    wc_params_init(&a);
    wc_params_init(&b);
    /* brainmass's code: wEI is E->I (our wIE), wIE is I->E (our wEI) */
    wc_params_parse(&a, "wEE=10,wEI=12,wIE=8,wII=3", WC_CONV_BRAINMASS);
    wc_params_parse(&b, "wEE=10,wEI=8,wIE=12,wII=3", WC_CONV_WC);
    OK(memcmp(&a, &b, sizeof a) == 0, "brainmass wEI=12,wIE=8 is our wEI=8,wIE=12");
    OK(wc_params_lookup("wEI", WC_CONV_BRAINMASS) == WC_P_WIE && wc_params_lookup("wIE", WC_CONV_BRAINMASS) == WC_P_WEI,
       "lookup brainmass -> wc");
    OK(strcmp(wc_params_name_in(WC_P_WEI, WC_CONV_BRAINMASS), "wIE") == 0 &&
           strcmp(wc_params_name_in(WC_P_WIE, WC_CONV_BRAINMASS), "wEI") == 0,
       "naming wc -> brainmass");
    int round_trip = 1;
    for (int id = 0; id < WC_NPARAM; id++)
        round_trip &= wc_params_lookup(wc_params_name_in(id, WC_CONV_BRAINMASS), WC_CONV_BRAINMASS) == id;
    OK(round_trip, "wc -> brainmass -> wc is the identity for every parameter");
    OK(wc_params_lookup("wEE", WC_CONV_BRAINMASS) == WC_P_WEE, "other names unchanged");
    wc_params_init(&a);
    wc_params_parse(&a, "convention=brainmass,wEI=12", WC_CONV_WC);
    OK(a.wIE == 12 && a.wEI == 4, "convention=brainmass inside a list");
}

/* The test's own preset loading: find it, then read it as a parameter file. */
static int load_preset(wc_params *p, const char *name)
{
    char *path = wc_params_preset_find(name);
    int rc = path ? wc_params_load_file(p, path, WC_CONV_WC) : -1;
    free(path);
    return rc;
}

static void test_files(void)
{
    char dir[] = "/tmp/wctest.XXXXXX", path[256];
    OK(mkdtemp(dir) != NULL, "temp dir");
    snprintf(path, sizeof path, "%s/p.params", dir);
    FILE *f = fopen(path, "w");
    fputs("# a preset\nwEE = 16   # comment\n\nconvention=brainmass\nwEI=21, wIE=16\n", f);
    fclose(f);
    wc_params p;
    wc_params_init(&p);
    OK(wc_params_load_file(&p, path, WC_CONV_WC) == 0 && p.wEE == 16 && p.wIE == 21 && p.wEI == 16,
       "parameter file with comments and a convention switch");
    f = fopen(path, "w");
    fputs("wEE=1\ntau_E=0\n", f);
    fclose(f);
    OK(wc_params_load_file(&p, path, WC_CONV_WC) < 0 && strstr(wc_errmsg(), "line 2"), "file error names the line: %s", wc_errmsg());
    OK(wc_params_load_file(&p, "/nonexistent/x", WC_CONV_WC) < 0 && strstr(wc_errmsg(), "cannot open"), "missing file");
    setenv("WCKIT_PRESETS", WC_TOP "/share/presets", 1);
    wc_params_init(&p);
    OK(load_preset(&p, "wc72") == 0 && p.wEE == 16 && p.wEI == 12 && p.wIE == 15 && p.I_E == 1.25,
       "preset wc72");
    wc_params_init(&p);
    OK(load_preset(&p, "tutorial1") == 0 && p.wEI == 8 && p.wIE == 12 && p.rE0 == 1,
       "preset tutorial1 is read in brainmass naming");
    OK(load_preset(&p, "nosuch") < 0 && strstr(wc_errmsg(), "unknown preset"), "unknown preset");

    /* parameter tables: a set per row, from a base, columns in either convention */
    f = fopen(path, "w");
    fputs("# wEE\tI_E\n10\t1\n12\t2.5\n", f);
    fclose(f);
    wc_params base, *t;
    wc_params_init(&base);
    base.tau_E = 7;
    size_t n = 0;
    unsigned long cols = 0;
    t = wc_params_read_table(path, &base, WC_CONV_WC, 10, &n, &cols);
    OK(t && n == 2 && t[1].wEE == 12 && t[1].I_E == 2.5 && t[0].tau_E == 7, "parameter table: 2 rows over the base");
    OK(cols == (1ul << wc_params_lookup("wEE", WC_CONV_WC) | 1ul << wc_params_lookup("I_E", WC_CONV_WC)),
       "the columns set are reported");
    free(t);
    OK(!wc_params_read_table(path, &base, WC_CONV_WC, 1, &n, NULL) && strstr(wc_errmsg(), "more than 1 rows"),
       "row limit: %s", wc_errmsg());
    f = fopen(path, "w");
    fputs("# wEE\tfoo\n1\t2\n", f);
    fclose(f);
    OK(!wc_params_read_table(path, &base, WC_CONV_WC, 10, &n, NULL) && strstr(wc_errmsg(), "'foo' is not a parameter"),
       "unknown column: %s", wc_errmsg());
    f = fopen(path, "w");
    fputs("# wEE\tI_E\n1\t2\n1\tnan\n", f);
    fclose(f);
    OK(!wc_params_read_table(path, &base, WC_CONV_WC, 10, &n, NULL) && strstr(wc_errmsg(), "row 2"),
       "bad value names its row: %s", wc_errmsg());
    f = fopen(path, "w");
    fputs("# wEE\n", f);
    fclose(f);
    OK(!wc_params_read_table(path, &base, WC_CONV_WC, 10, &n, NULL) && strstr(wc_errmsg(), "no rows"), "no rows");
    unlink(path);
    rmdir(dir);
}

static void test_jacobian(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_params_parse(&p, "r=0.7,tau_I=2,wEE=16,wEI=12,wIE=15,wII=3", WC_CONV_WC);
    double pts[][4] = {{0.1, 0.05, 0.3, -0.2}, {0.4, 0.3, 1.25, 0}, {0.01, 0.2, 2, 0.5}};
    for (int k = 0; k < 3; k++) {
        double J[2][2], x[2] = {pts[k][0], pts[k][1]}, h = 1e-6, err = 0;
        wc_model_jacobian(&p, x[0], x[1], pts[k][2], pts[k][3], J);
        for (int l = 0; l < 2; l++) {
            double xp[2] = {x[0], x[1]}, xm[2] = {x[0], x[1]}, fp[2], fm[2];
            xp[l] += h;
            xm[l] -= h;
            wc_model_rhs(&p, xp[0], xp[1], pts[k][2], pts[k][3], &fp[0], &fp[1]);
            wc_model_rhs(&p, xm[0], xm[1], pts[k][2], pts[k][3], &fm[0], &fm[1]);
            for (int m = 0; m < 2; m++) err = fmax(err, fabs(J[m][l] - (fp[m] - fm[m]) / (2 * h)));
        }
        OK(err < 1e-8, "analytic Jacobian = central differences at point %d (max err %.2g)", k, err);
    }
    OK(fabs(wc_model_sigmoid(0, 1.2, 2.8)) < 1e-17, "F(0) = 0");
}

/* The second and third directional derivatives against central differences of the
 * Jacobian and of the second derivative: they feed the Lyapunov and fold coefficients. */
static void deriv2_fd(const wc_params *p, const double *x, const double *u, const double *v, double h, double out[2])
{
    double Jp[2][2], Jm[2][2];
    wc_model_jacobian(p, x[0] + h * v[0], x[1] + h * v[1], x[2], x[3], Jp);
    wc_model_jacobian(p, x[0] - h * v[0], x[1] - h * v[1], x[2], x[3], Jm);
    for (int m = 0; m < 2; m++) out[m] = ((Jp[m][0] - Jm[m][0]) * u[0] + (Jp[m][1] - Jm[m][1]) * u[1]) / (2 * h);
}

static void deriv3_fd(const wc_params *p, const double *x, const double *u, const double *v, const double *w, double h,
                      double out[2])
{
    double Bp[2], Bm[2];
    wc_model_deriv2(p, x[0] + h * w[0], x[1] + h * w[1], x[2], x[3], u, v, Bp);
    wc_model_deriv2(p, x[0] - h * w[0], x[1] - h * w[1], x[2], x[3], u, v, Bm);
    for (int m = 0; m < 2; m++) out[m] = (Bp[m] - Bm[m]) / (2 * h);
}

/* The second and third directional derivatives against central differences of the
 * Jacobian and of the second derivative, Richardson-extrapolated (error O(h^4)),
 * relative to the derivative's size: they feed the Lyapunov and fold coefficients. */
static void test_higher_derivatives(void)
{
    wc_params p;
    wc_params_init(&p);
    wc_params_parse(&p, "r=0.7,tau_I=2,wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_I=3.7", WC_CONV_WC);
    double pts[][4] = {{0.1, 0.05, 0.3, -0.2}, {0.4, 0.3, 1.25, 0}, {0.01, 0.2, 2, 0.5}};
    double dirs[][2] = {{1, 0}, {0, 1}, {0.6, -0.8}, {-0.3, 0.5}};
    double err2 = 0, err3 = 0, h = 1e-4;
    for (int k = 0; k < 3; k++)
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++) {
                const double *u = dirs[a], *v = dirs[b], *x = pts[k];
                double B[2], f1[2], f2[2];
                wc_model_deriv2(&p, x[0], x[1], x[2], x[3], u, v, B);
                deriv2_fd(&p, x, u, v, h, f1);
                deriv2_fd(&p, x, u, v, h / 2, f2);
                for (int m = 0; m < 2; m++) err2 = fmax(err2, fabs(B[m] - (4 * f2[m] - f1[m]) / 3) / fmax(1, fabs(B[m])));
                for (int c = 0; c < 4; c++) {
                    double C[2];
                    wc_model_deriv3(&p, x[0], x[1], x[2], x[3], u, v, dirs[c], C);
                    deriv3_fd(&p, x, u, v, dirs[c], h, f1);
                    deriv3_fd(&p, x, u, v, dirs[c], h / 2, f2);
                    for (int m = 0; m < 2; m++)
                        err3 = fmax(err3, fabs(C[m] - (4 * f2[m] - f1[m]) / 3) / fmax(1, fabs(C[m])));
                }
            }
    OK(err2 < 1e-7, "second derivative D2f[u,v] = differences of the Jacobian (max rel err %.2g)", err2);
    OK(err3 < 1e-7, "third derivative D3f[u,v,w] = differences of D2f (max rel err %.2g)", err3);
}

static void test_philox(void)
{
    /* Random123 kat_vectors: philox4x32 10, counter[4] key[2] -> output[4] */
    static const uint32_t kat[3][10] = {
        {0, 0, 0, 0, 0, 0, 0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8},
        {0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd},
        {0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, 0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1},
    };
    for (int k = 0; k < 3; k++) {
        uint32_t out[4];
        wc_rng_philox4x32_10(kat[k], kat[k] + 4, out);
        OK(out[0] == kat[k][6] && out[1] == kat[k][7] && out[2] == kat[k][8] && out[3] == kat[k][9],
           "Philox4x32-10 known-answer vector %d", k);
    }
    double s = 0, s2 = 0, z[2], u[2], umin = 1, umax = 0;
    long n = 200000;
    for (long i = 0; i < n; i++) {
        wc_rng_normal2(42, WC_STREAM_OU, 3, (uint64_t)i, z);
        s += z[0] + z[1];
        s2 += z[0] * z[0] + z[1] * z[1];
        wc_rng_uniform2(42, WC_STREAM_OU, 3, (uint64_t)i, u);
        umin = fmin(umin, fmin(u[0], u[1]));
        umax = fmax(umax, fmax(u[0], u[1]));
    }
    double mean = s / (2.0 * n), var = s2 / (2.0 * n) - mean * mean;
    OK(fabs(mean) < 0.01 && fabs(var - 1) < 0.01, "normals: mean %.4f, variance %.4f", mean, var);
    OK(umin > 0 && umax < 1, "uniforms in the open interval (0, 1)");
    double a[2], b[2];
    wc_rng_normal2(1, 0, 0, 0, a);
    wc_rng_normal2(2, 0, 0, 0, b);
    OK(a[0] != b[0], "different seeds differ");
}

static void test_ou(void)
{
    /* stationary sd of x is sigma/sqrt(2) (wc-model(7), NOISE) */
    wc_rng_ou o;
    double sigma = 0.01, dt = 0.1, x = 0, s = 0, s2 = 0;
    wc_rng_ou_init(&o, 0, 10, sigma, dt);
    long n = 2000000, burn = 1000;
    for (long i = 0; i < n + burn; i++) {
        double z[2];
        wc_rng_normal2(7, WC_STREAM_OU, 0, (uint64_t)i, z);
        x = wc_rng_ou_next(&o, x, z[0]);
        if (i >= burn) s += x, s2 += x * x;
    }
    double sd = sqrt(s2 / n - (s / n) * (s / n)), want = sigma / sqrt(2.0);
    OK(fabs(sd / want - 1) < 0.03, "OU stationary sd %.5g within 3%% of sigma/sqrt(2) = %.5g", sd, want);
    OK(fabs(wc_rng_phi(1e-9) - (1 + 0.5e-9)) < 1e-16 && fabs(wc_rng_phi(-0.01) - expm1(-0.01) / -0.01) < 1e-16, "phi(z)");
}

/* The vector draws (wc_rng_normals, wc_rng_ou_step) against the scalar ones. */
static void test_vector_noise(void)
{
    enum { N = 64 };
    double z0[N], z1[N], worst = 0;
    long mismatched = 0;
    for (uint64_t step = 0; step < 2000; step++) {
        wc_rng_normals(99, WC_STREAM_OU, step + ((uint64_t)1 << 33), 0, N, z0, z1);
        for (int i = 0; i < N; i++) {
            double z[2];
            wc_rng_normal2(99, WC_STREAM_OU, (uint32_t)i, step + ((uint64_t)1 << 33), z);
            double d = fmax(fabs(z0[i] - z[0]), fabs(z1[i] - z[1]));
            worst = fmax(worst, d);
            mismatched += d > 4e-15 * fmax(1, fabs(z[0]) + fabs(z[1]));
        }
    }
    OK(mismatched == 0, "vector normals (%s) equal the scalar ones to a few ulp: worst %.2g", wc_integrate_simd_name(), worst);

    /* 64 OU processes over 200000 steps in vector code: stationary sd, and each step
     * equal to wc_rng_ou_next up to one rounding */
    double mu[N], decay[N], kick[N], x[N] = {0}, in[N], s = 0, s2 = 0, off = 0;
    wc_rng_ou o;
    wc_rng_ou_init(&o, 0, 10, 0.01, 0.1);
    for (int i = 0; i < N; i++) mu[i] = o.mu, decay[i] = o.decay, kick[i] = o.kick;
    long steps = 200000, burn = 1000, count = 0;
    for (long n = 0; n < steps; n++) {
        double prev[N];
        memcpy(prev, x, sizeof x);
        memset(in, 0, sizeof in);
        wc_rng_normals(5, WC_STREAM_OU, (uint64_t)n, 0, N, z0, z1);
        wc_rng_ou_step(mu, decay, kick, 0, N, z0, x, in);
        for (int i = 0; i < N; i++) {
            off = fmax(off, fabs(x[i] - wc_rng_ou_next(&o, prev[i], z0[i])) + fabs(in[i] - x[i]));
            if (n >= burn) s += x[i], s2 += x[i] * x[i], count++;
        }
    }
    double sd = sqrt(s2 / count - (s / count) * (s / count)), want = 0.01 / sqrt(2.0);
    OK(fabs(sd / want - 1) < 0.02, "vector OU stationary sd %.5g within 2%% of sigma/sqrt(2) = %.5g", sd, want);
    OK(off < 1e-17, "vector OU step equals wc_rng_ou_next (largest difference %.2g)", off);
}

static void test_clock(void)
{
    wc_clock c;
    wc_clock_init(&c, 0.1);
    OK(wc_clock_t(&c, 1000) == 100.0, "t_1000 at dt 0.1 is exactly 100");
    OK(wc_clock_t(&c, 3) == 0.3, "t_3 at dt 0.1 is the double nearest 0.3 (naive: %.17g)", 3 * 0.1);
    int all = 1;
    char buf[32];
    for (long n = 0; n < 100000; n += 7) {
        snprintf(buf, sizeof buf, "%ld.%ld", n / 10, n % 10);
        all &= wc_clock_t(&c, n) == strtod(buf, NULL);
    }
    OK(all, "every t_n at dt 0.1 equals the decimal time n/10");
    wc_clock_init(&c, 0.025);
    OK(wc_clock_t(&c, 40) == 1.0 && wc_clock_t(&c, 12) == 0.3, "dt 0.025");
    OK(wc_clock_steps(&c, 100) == 4000 && wc_clock_steps(&c, 100.01) == 4001, "steps to reach a time");
    wc_clock_init(&c, 1.0 / 3);
    OK(c.den == 0 && wc_clock_t(&c, 3) == 3 * (1.0 / 3), "non-decimal dt falls back to n*dt");
}

/* The test's own straightforward exponential Euler (wc-model(7), INTEGRATORS), scalar libm. */
static void ref_expeuler(const wc_params *p, double dt, double *rE, double *rI, double IE, double II)
{
    double xE = p->wEE * *rE - p->wEI * *rI + IE, xI = p->wIE * *rE - p->wII * *rI + II;
    double sE = 1 / (1 + exp(-p->a_E * (xE - p->theta_E))), sI = 1 / (1 + exp(-p->a_I * (xI - p->theta_I)));
    double FE = sE - 1 / (1 + exp(p->a_E * p->theta_E)), FI = sI - 1 / (1 + exp(p->a_I * p->theta_I));
    double fE = (-*rE + (1 - p->r * *rE) * FE) / p->tau_E, fI = (-*rI + (1 - p->r * *rI) * FI) / p->tau_I;
    double JE = (-1 - p->r * FE + (1 - p->r * *rE) * p->a_E * sE * (1 - sE) * p->wEE) / p->tau_E;
    double JI = (-1 - p->r * FI - (1 - p->r * *rI) * p->a_I * sI * (1 - sI) * p->wII) / p->tau_I;
    double zE = dt * JE, zI = dt * JI;
    double phE = fabs(zE) <= 1e-8 ? 1 + zE / 2 + zE * zE / 6 : expm1(zE) / zE;
    double phI = fabs(zI) <= 1e-8 ? 1 + zI / 2 + zI * zI / 6 : expm1(zI) / zI;
    *rE += dt * phE * fE;
    *rI += dt * phI * fI;
}

static void test_expeuler_exact(void)
{
    wc_params p[3];
    for (int k = 0; k < 3; k++) wc_params_init(&p[k]);
    wc_params_parse(&p[1], "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7,r=0.5", WC_CONV_WC);
    wc_params_parse(&p[2], "tau_E=2.5,tau_I=5", WC_CONV_WC);
    wc_soa s;
    wc_integrate_init(&s, p, 3);
    double rE[WC_LANES] = {0}, rI[WC_LANES] = {0}, inE[WC_LANES], inI[WC_LANES], qE[3] = {0}, qI[3] = {0}, err = 0;
    double dt = 0.1;
    wc_clock c;
    wc_clock_init(&c, dt);
    for (long n = 0; n < 3000; n++) {
        double t = wc_clock_t(&c, n), pulse = (t > 100 && t < 110) ? 2.0 : 0.0;
        for (int k = 0; k < WC_LANES; k++) inE[k] = 1.25 * (k == 1) + pulse, inI[k] = 0.1 * (k == 2);
        wc_integrate_step(&s, WC_EXPEULER, dt, 0, WC_LANES, rE, rI, inE, inI);
        for (int k = 0; k < 3; k++) {
            ref_expeuler(&p[k], dt, &qE[k], &qI[k], inE[k], inI[k]);
            err = fmax(err, fmax(fabs(rE[k] - qE[k]), fabs(rI[k] - qI[k])));
        }
    }
    OK(err <= 1e-13, "exp-Euler kernel (%s) = straightforward re-computation over 3000 steps (max diff %.2g)", wc_integrate_simd_name(), err);
    OK(rE[0] > 0.3, "the default node switched up after the pulse (rE = %.4f)", rE[0]);
    wc_integrate_free(&s);
    /* large steps: |dt J| > 1/2 takes expm1 instead of the series */
    wc_params_parse(&p[0], "tau_I=0.5", WC_CONV_WC);
    wc_integrate_init(&s, p, 3);
    dt = 0.3;
    err = 0;
    for (int k = 0; k < WC_LANES; k++) rE[k] = rI[k] = 0.2;
    for (int k = 0; k < 3; k++) qE[k] = qI[k] = 0.2;
    for (long n = 0; n < 300; n++) {
        for (int k = 0; k < WC_LANES; k++) inE[k] = 1.0 + 0.5 * (n % 7 == 0), inI[k] = 0.3;
        wc_integrate_step(&s, WC_EXPEULER, dt, 0, WC_LANES, rE, rI, inE, inI);
        for (int k = 0; k < 3; k++) {
            ref_expeuler(&p[k], dt, &qE[k], &qI[k], inE[k], inI[k]);
            err = fmax(err, fmax(fabs(rE[k] - qE[k]), fabs(rI[k] - qI[k])));
        }
    }
    OK(err <= 1e-13, "exp-Euler with |dt J| > 1/2 (expm1 branch) = re-computation (max diff %.2g)", err);
    wc_integrate_free(&s);
}

/* Integrate one oscillating node for T ms; returns rE(T). */
static double integrate(int method, double dt, double T)
{
    wc_params p;
    wc_params_init(&p);
    wc_params_parse(&p, "wEE=16,wEI=12,wIE=15,wII=3,a_E=1.3,theta_E=4,a_I=2,theta_I=3.7", WC_CONV_WC);
    wc_soa s;
    wc_integrate_init(&s, &p, 1);
    double rE[WC_LANES], rI[WC_LANES], inE[WC_LANES], inI[WC_LANES];
    for (int k = 0; k < WC_LANES; k++) rE[k] = 0.1, rI[k] = 0.05, inE[k] = 1.25, inI[k] = 0;
    long n = lround(T / dt);
    for (long k = 0; k < n; k++) wc_integrate_step(&s, method, dt, 0, WC_LANES, rE, rI, inE, inI);
    wc_integrate_free(&s);
    return rE[0];
}

static void test_orders(void)
{
    double T = 4.0, ref = integrate(WC_RK4, 1e-4, T);
    for (int m = 0; m < WC_NMETHOD; m++) {
        /* least-squares slope of log(error) against log(dt) */
        double sx = 0, sy = 0, sxx = 0, sxy = 0, dts[4];
        int n = 4;
        for (int k = 0; k < n; k++) dts[k] = (m == WC_RK4 ? 0.04 : m == WC_HEUN ? 0.01 : 0.004) / (1 << k);
        for (int k = 0; k < n; k++) {
            double x = log(dts[k]), y = log(fabs(integrate(m, dts[k], T) - ref));
            sx += x, sy += y, sxx += x * x, sxy += x * y;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        OK(fabs(slope - wc_integrate_method_order(m)) < 0.25, "%s converges to RK4 with order %.2f (expected %d)", wc_integrate_method_name(m),
           slope, wc_integrate_method_order(m));
    }
}

static void test_rhs_kernel_agree(void)
{
    /* Euler's step is exactly x + dt f: checks the vector RHS against wc_model_rhs */
    wc_params p;
    wc_params_init(&p);
    wc_soa s;
    wc_integrate_init(&s, &p, 1);
    double rE[WC_LANES], rI[WC_LANES], inE[WC_LANES], inI[WC_LANES], fE, fI;
    for (int k = 0; k < WC_LANES; k++) rE[k] = 0.2, rI[k] = 0.1, inE[k] = 0.5, inI[k] = 0;
    wc_model_rhs(&p, 0.2, 0.1, 0.5, 0, &fE, &fI);
    wc_integrate_step(&s, WC_EULER, 0.01, 0, WC_LANES, rE, rI, inE, inI);
    NEAR(rE[0], 0.2 + 0.01 * fE, 1e-15, 0, "vector RHS = wc_model_rhs (E)");
    NEAR(rI[0], 0.1 + 0.01 * fI, 1e-15, 0, "vector RHS = wc_model_rhs (I)");
    wc_integrate_free(&s);
}

int main(void)
{
    test_params();
    test_convention();
    test_files();
    test_jacobian();
    test_higher_derivatives();
    test_philox();
    test_ou();
    test_vector_noise();
    test_clock();
    test_expeuler_exact();
    test_orders();
    test_rhs_kernel_agree();
    return tap_done();
}
