/* wc_cli_runs.c — the options of tools that run a grid of trajectories until they
 * settle, and the one sharding contract (wc_cli.h). */
#include "wc_cli.h"

#include "wckit/wc_clock.h"
#include "wckit/wc_integrate.h"

#include <stdlib.h>
#include <unistd.h>

void wc_cli_runs_init(wc_cli_runs *r)
{
    *r = (wc_cli_runs){0};
    wc_settle_opts_init(&r->settle);
}

int wc_cli_runs_option(wc_cli_runs *r, int opt, const char *arg)
{
    wc_settle_opts *s = &r->settle;
    switch (opt) {
    case 'T': s->observe = wc_cli_positive("--duration", arg); return 1;
    case WC_OPT_TRANSIENT: s->transient = wc_cli_nonneg("--transient", arg); return 1;
    case WC_OPT_DT: s->dt = wc_cli_positive("--dt", arg); return 1;
    case WC_OPT_METHOD:
        if ((s->method = wc_integrate_method_parse(arg)) < 0)
            wc_usage("--method: unknown method '%s' (expeuler, euler, heun, rk4)", arg);
        return 1;
    case WC_OPT_TOL: s->tol = wc_cli_positive("--tol", arg); return 1;
    case WC_OPT_NO_STOP: s->early_stop = 0; return 1;
    case 't': r->threads = wc_cli_count("--threads", arg, 1, 256); return 1;
    case WC_OPT_SHARD:
        if (wc_shard_parse(arg, &r->shard) < 0) wc_usage("--shard: %s", wc_errmsg());
        r->sharded = 1;
        return 1;
    case WC_OPT_COUNT: r->count = 1; return 1;
    case WC_OPT_HASH: r->hash = 1; return 1;
    case WC_OPT_MERGE: r->merge = 1; return 1;
    case WC_OPT_FORCE: r->force = 1; return 1;
    default: return 0;
    }
}

void wc_cli_usage_runs(FILE *out)
{
    wc_settle_opts d;
    wc_settle_opts_init(&d);
    fprintf(out,
            "Runs (a start stops once settled on a fixed point; others run the transient, then are\n"
            "observed for -T):\n"
            "  -T, --duration MS        observed time after the transient [%g]\n"
            "      --transient MS       time before observing [%g]\n"
            "      --dt MS              time step [%g]\n"
            "      --method M           expeuler, euler, heun or rk4 [%s]\n"
            "      --tol F              settled on a fixed point when |drE/dt|, |drI/dt| < F (1/ms) [%g]\n"
            "      --no-early-stop      run every trajectory the whole time\n"
            "  -t, --threads N          worker threads (output does not depend on it) [auto]\n",
            d.observe, d.transient, d.dt, wc_integrate_method_name(d.method), d.tol);
    wc_cli_usage_shards(out);
}

void wc_cli_usage_shards(FILE *out)
{
    fprintf(out,
            "Shards (wckit(7)):\n"
            "      --shard K/N          only part K of N of the grid (0 <= K < N)\n"
            "      --count              print the number of grid points and exit\n"
            "      --hash               print the grid hash the output would carry and exit\n"
            "      --merge              merge the parts named as arguments into one output\n"
            "      --force              allow grids of more than 1e7 points\n");
}

void wc_cli_runs_args(const wc_cli_runs *r, int argc, char **argv, int first)
{
    if (r->merge && first >= argc) wc_usage("--merge needs the parts as arguments");
    if (!r->merge && first < argc) wc_usage("unexpected argument '%s' (parts are merged with --merge)", argv[first]);
    /* the runs' steps, refused here as wc-run refuses them (a usage error), not by wc_settle_run */
    const wc_settle_opts *s = &r->settle;
    wc_clock clk;
    wc_clock_init(&clk, s->dt);
    long long nt = wc_clock_steps(&clk, s->transient), no = wc_clock_steps(&clk, s->observe);
    if ((double)nt + (double)no >= WC_CLOCK_MAX_STEPS)
        wc_usage("--transient %g + --duration %g at --dt %g is more than 2^53 steps", s->transient, s->observe, s->dt);
    if (no < 2) wc_usage("--duration %g at --dt %g is less than 2 steps", s->observe, s->dt);
}

void wc_cli_runs_block(const wc_cli_runs *r, const wc_grid *g, const char *what, long long *begin, long long *end)
{
    if (g->npoints > WC_GRID_CAP && !r->force)
        wc_usage("the grid has %lld %s, more than %lld: shard it, or say --force", g->npoints, what, WC_GRID_CAP);
    *begin = 0, *end = g->npoints;
    if (r->sharded) wc_shard_range(&r->shard, g->npoints, begin, end);
}

void wc_cli_runs_settle(const wc_cli_runs *r, size_t n, wc_cli_progress *prog, wc_settle_opts *so)
{
    *so = r->settle;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    so->threads = r->threads ? (int)r->threads : n < 256 || cpus < 2 ? 1 : cpus > 8 ? 8 : (int)cpus;
    so->progress = prog ? wc_cli_progress_show : NULL;
    so->ctx = prog;
}

void wc_cli_runs_hdr(const wc_cli_runs *r, wc_hdr *h)
{
    const wc_settle_opts *s = &r->settle;
    wc_hdr_add(h, "integrator", "%s", wc_integrate_method_name(s->method));
    wc_hdr_add_num(h, "dt", s->dt);
    wc_hdr_add_num(h, "transient", s->transient);
    wc_hdr_add_num(h, "duration", s->observe);
    wc_hdr_add_num(h, "tol", s->tol);
    wc_hdr_add(h, "early-stop", "%s", s->early_stop ? "yes" : "no");
}

void wc_cli_runs_merge_and_exit(const wc_cli_runs *r, const wc_cli *c, int argc, char **argv, int first)
{
    if (!r->merge) return;
    wc_cli_merge(c, argv + first, (size_t)(argc - first));
    wc_cli_finish();
    exit(0);
}

void wc_cli_runs_count_and_exit(const wc_cli_runs *r, long long m)
{
    if (!r->count) return;
    printf("%lld\n", m);
    wc_cli_finish();
    exit(0);
}

void wc_cli_runs_hash_and_exit(const wc_cli_runs *r, uint64_t hash)
{
    if (!r->hash) return;
    printf("%016llx\n", (unsigned long long)hash);
    wc_cli_finish();
    exit(0);
}
