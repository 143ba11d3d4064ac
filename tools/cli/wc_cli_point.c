/* wc_cli_point.c — the options of a scored network point, shared by wc-explore and
 * wc-fit (wc_cli.h): parsing, checks, loading the data into a wc_explore_cfg, header
 * lines and the text their hashes cover. */
#include "wc_cli.h"
#include "wckit/wc_explore.h"
#include "wckit/wc_grid.h"
#include "wckit/wc_integrate.h"
#include "wckit/wc_matfile.h"
#include "wckit/wc_rng.h"
#include "wckit/wc_num.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void wc_cli_point_init(wc_cli_point *pt, double T)
{
    *pt = (wc_cli_point){.T = T, .dt = 0.1, .every = 1, .tr = 0.72, .bold_scale = 1};
    wc_cli_net_init(&pt->nw);
    pt->nw.conn = "hcp80";
}

int wc_cli_point_option(wc_cli_point *pt, int opt, const char *arg)
{
    switch (opt) {
    case 'T': pt->T = wc_cli_positive("--duration", arg); return 1;
    case WC_OPT_DT: pt->dt = wc_cli_positive("--dt", arg); return 1;
    case WC_OPT_METHOD:
        if ((pt->method = wc_integrate_method_parse(arg)) < 0)
            wc_usage("--method: unknown method '%s' (expeuler, euler, heun, rk4)", arg);
        return 1;
    case WC_OPT_TRANSIENT: pt->transient = wc_cli_nonneg("--transient", arg); return 1;
    case WC_OPT_EVERY: pt->every = wc_cli_count("--every", arg, 1, 1LL << 40); return 1;
    case 's': pt->seed = wc_cli_seed("--seed", arg); return 1;
    case WC_OPT_NOISE_E: wc_cli_model_set(&pt->model, WC_P_SIGMA_E, arg); return 1;
    case WC_OPT_NOISE_I: wc_cli_model_set(&pt->model, WC_P_SIGMA_I, arg); return 1;
    case WC_OPT_NOISE_TAU: wc_cli_model_set(&pt->model, WC_P_NOISE_TAU, arg); return 1;
    case WC_OPT_SIGMA:
        wc_cli_model_set(&pt->model, WC_P_SIGMA_E, arg), wc_cli_model_set(&pt->model, WC_P_SIGMA_I, arg);
        return 1;
    case WC_OPT_BOLD: pt->bold = 1; return 1;
    case WC_OPT_TR: pt->tr = wc_cli_positive("--tr", arg); return 1;
    case WC_OPT_BOLD_SCALE: pt->bold_scale = wc_cli_double("--bold-scale", arg); return 1;
    case WC_OPT_FC_EMP: pt->fc_emp = arg; return 1;
    case WC_OPT_FCD_EMP: pt->fcd_emp = arg; return 1;
    case WC_OPT_WINDOW: pt->window = wc_cli_span_parse("--window", arg); return 1;
    case WC_OPT_STEP: pt->step = wc_cli_span_parse("--step", arg); return 1;
    default: return wc_cli_net_option(&pt->nw, opt, arg) || wc_cli_model_option(&pt->model, opt, arg);
    }
}

void wc_cli_point_args(wc_cli_point *pt)
{
    wc_cli_net_args(&pt->nw);
    if (!(pt->T > pt->transient)) wc_usage("--duration %g is not longer than --transient %g", pt->T, pt->transient);
    wc_cli_steps(pt->T, pt->dt);
    if (pt->bold && pt->tr * 1000 < pt->dt) wc_usage("--tr %g s is shorter than --dt %g ms", pt->tr, pt->dt);
    if (pt->bold && pt->every != 1) wc_usage("--every: BOLD is driven by every step (use --tr for its sampling)");
    if (pt->window.unit && !pt->step.unit) wc_usage("--window needs --step (the distance between window starts)");
    if (pt->step.unit && !pt->window.unit) wc_usage("--step needs --window");
    if (pt->fcd_emp && !pt->window.unit) wc_usage("--fcd-emp needs --window and --step");
    if (!pt->fc_emp && strcmp(pt->nw.conn, "hcp80") == 0) pt->fc_emp = "hcp80:FC";
}

void wc_cli_usage_point(FILE *out, double T)
{
    fprintf(out,
            "Run (as wc-run's):\n"
            "  -T, --duration MS        simulated time of a point [%g]\n"
            "      --dt MS              time step [0.1]\n"
            "      --method M           expeuler, euler, heun (rk2) or rk4 [expeuler]\n"
            "      --transient MS       time left out of the FC (wc-run --skip) [0]\n"
            "      --skip MS            the same\n"
            "      --every K            without --bold: use every K-th step [1]\n"
            "  -s, --seed INT           seed of the run; point i runs with wc_explore_seed(seed, i),\n"
            "                           written in its row [0]\n"
            "      --noise-E SIGMA, --noise-I SIGMA, --noise-tau MS\n"
            "                           OU noise (= -p sigma_E=, sigma_I=, noise_tau=) [off]\n"
            "      --sigma SIGMA        OU noise on E and on I (= --noise-E SIGMA --noise-I SIGMA)\n"
            "Network (wc-model(7) NETWORKS):\n"
            "      --conn FILE          weights C[i][j], any matrix format or a shipped connectome [hcp80]\n",
            T);
    wc_cli_usage_net(out);
    fprintf(out,
            "BOLD (wc-bold(1)):\n"
            "      --bold               score the BOLD signal of the activity, not the activity\n"
            "      --tr S               its sampling interval, seconds [0.72]\n"
            "      --bold-scale X       its input is X times rE [1]\n"
            "Scores (SPAN: ms, or with a unit: 250ms, 60s, 30samples):\n"
            "      --fc-emp FILE        empirical FC: fc_corr [hcp80:FC with --conn hcp80]\n"
            "      --fcd-emp FILE       empirical FCD matrix: fcd_ks (with --window)\n"
            "      --window SPAN        FCD windows of SPAN ...\n"
            "      --step SPAN          ... starting every SPAN\n");
}

static void load_matrix(const char *path, wc_matrix *m, size_t want, const char *opt)
{
    if (wc_matfile_load(path, m) < 0) wc_die("%s: %s: %s", opt, path, wc_errmsg());
    if (want && m->n != want)
        wc_die("%s: %s is %zu x %zu, but the network has %zu nodes", opt, path, m->n, m->n, want);
}

static size_t to_samples(const char *opt, wc_cli_span sp, double sample_ms)
{
    double v = sp.unit == WC_SPAN_SAMPLES ? sp.v : sp.v / sample_ms;
    if (v > 1e15) wc_usage("%s: too long", opt);
    return (size_t)llround(v);
}

void wc_cli_point_load(wc_cli_point *pt)
{
    wc_cli_net_load(&pt->nw, &pt->C, &pt->D, &pt->have_D);
    size_t n = pt->C.n;
    if (pt->fc_emp) load_matrix(pt->fc_emp, &pt->fc_m, n, "--fc-emp"), pt->have_fc = 1;
    if (pt->fcd_emp) {
        load_matrix(pt->fcd_emp, &pt->fcd_m, 0, "--fcd-emp"), pt->have_fcd = 1;
        if (pt->fcd_m.n < 2) wc_die("--fcd-emp: %s: an FCD matrix needs at least 2 windows", pt->fcd_emp);
    }
    wc_params base;
    wc_cli_model_params(&pt->model, &base);
    wc_explore_cfg *c = &pt->cfg;
    *c = (wc_explore_cfg){.C = &pt->C, .D = pt->have_D ? &pt->D : NULL, .net = pt->nw.net, .history = pt->nw.history,
                          .p = base, .method = pt->method, .dt = pt->dt, .T = pt->T, .transient = pt->transient,
                          .every = pt->every, .seed = pt->seed, .bold = pt->bold, .tr = pt->tr,
                          .bold_scale = pt->bold_scale, .fc_emp = pt->have_fc ? pt->fc_m.a : NULL,
                          .fcd_emp = pt->have_fcd ? pt->fcd_m.a : NULL, .fcd_emp_k = pt->fcd_m.n};
    double sample_ms = pt->bold ? pt->tr * 1000 : pt->dt * (double)pt->every;
    if (pt->window.unit) {
        c->window = to_samples("--window", pt->window, sample_ms);
        c->step = to_samples("--step", pt->step, sample_ms);
        if (c->window < 2) wc_usage("--window is %zu samples; at least 2 are needed", c->window);
        if (c->step < 1) wc_usage("--step is 0 samples");
    }
}

void wc_cli_point_hdr(const wc_cli_point *pt, wc_hdr *h)
{
    const wc_explore_cfg *c = &pt->cfg;
    wc_hdr_add(h, "model", "wilson-cowan");
    wc_hdr_add(h, "integrator", "%s", wc_integrate_method_name(c->method));
    wc_hdr_add_num(h, "dt", c->dt);
    wc_hdr_add_num(h, "duration", c->T);
    wc_hdr_add_num(h, "transient", c->transient);
    wc_hdr_add(h, "every", "%lld", c->every);
    wc_hdr_add(h, "seed", "%llu", pt->seed);
    wc_hdr_add(h, "noise.normals", "%s", WC_RNG_NORMALS);
    wc_hdr_add(h, "nodes", "%zu", c->C->n);
    wc_cli_net_hdr(&pt->nw, h);
    if (c->bold) {
        wc_hdr_add(h, "bold", "balloon-windkessel");
        wc_hdr_add_num(h, "tr", c->tr);
        wc_hdr_add_num(h, "bold.scale", c->bold_scale);
    }
    if (pt->fc_emp) wc_hdr_add(h, "fc-emp", "%s", pt->fc_emp);
    if (pt->fcd_emp) wc_hdr_add(h, "fcd-emp", "%s", pt->fcd_emp);
    if (c->window) {
        wc_hdr_add(h, "fcd.window-samples", "%zu", c->window);
        wc_hdr_add(h, "fcd.step-samples", "%zu", c->step);
    }
    wc_cli_model_hdr(&pt->model, h);
}

/* A matrix's contents (0 when absent): so that runs on other files of the same names
 * do not pass for the same. */
static unsigned long long digest(const wc_matrix *m, int have)
{
    return have ? wc_grid_digest(m->a, m->n * m->n) : 0;
}

char *wc_cli_point_text(const wc_cli_point *pt)
{
    size_t cap = 8192;
    char *s = malloc(cap), hist[4096], num[WC_NUM_BUFSZ];
    if (!s) wc_die("out of memory");
    const wc_explore_cfg *c = &pt->cfg;
    wc_net_history_text(&c->history, hist, sizeof hist);
    int len = snprintf(s, cap,
             "explore 1 T=%a dt=%a transient=%a method=%d every=%lld seed=%llu bold=%d tr=%a scale=%a "
             "window=%zu step=%zu conn=%s dist=%s k=%a speed=%a coupling=%d delay=%d self=%d history=%s "
             "fc-emp=%s fcd-emp=%s data=%016llx,%016llx,%016llx,%016llx",
             c->T, c->dt, c->transient, c->method, c->every, pt->seed, c->bold, c->tr, c->bold_scale, c->window,
             c->step, pt->nw.conn, pt->nw.dist ? pt->nw.dist : "", c->net.k, c->net.speed, c->net.coupling,
             c->net.delay, c->net.keep_self, hist, pt->fc_emp ? pt->fc_emp : "", pt->fcd_emp ? pt->fcd_emp : "",
             digest(&pt->C, 1), digest(&pt->D, pt->have_D), digest(&pt->fc_m, pt->have_fc),
             digest(&pt->fcd_m, pt->have_fcd));
    for (int k = 0; k < WC_NPARAM && len < (int)cap; k++) {
        wc_num_fmt(num, c->p.v[k], 0);
        len += snprintf(s + len, cap - (size_t)len, " %s=%s", wc_params_name(k), num);
    }
    return s;
}

void wc_cli_point_free(wc_cli_point *pt)
{
    wc_matrix_free(&pt->C);
    if (pt->have_D) wc_matrix_free(&pt->D);
    if (pt->have_fc) wc_matrix_free(&pt->fc_m);
    if (pt->have_fcd) wc_matrix_free(&pt->fcd_m);
    wc_cli_net_free(&pt->nw);
}
