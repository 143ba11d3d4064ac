/* wc_cli_model.c — the model's options shared by every tool that sets up a node:
 * -x/--preset, -p, --param-file, --convention, --list-presets, --list-params (wc_cli.h). */
#include "wc_cli.h"

#include "wckit/wc_range.h"

#include <stdlib.h>

static void add_action(wc_cli_model *m, int kind, int id, const char *arg)
{
    if (m->nact == (int)(sizeof m->act / sizeof *m->act)) wc_usage("too many parameter options");
    m->act[m->nact++] = (wc_cli_param_action){kind, id, arg};
}

int wc_cli_model_option(wc_cli_model *m, int opt, const char *arg)
{
    switch (opt) {
    case 'x': m->preset = arg; return 1;
    case 'p': add_action(m, WC_SET_LIST, 0, arg); return 1;
    case WC_OPT_PARAM_FILE: add_action(m, WC_SET_FILE, 0, arg); return 1;
    case WC_OPT_CONVENTION:
        if ((m->conv = wc_params_convention_parse(arg)) < 0) wc_usage("--convention: '%s' is not wc or brainmass", arg);
        return 1;
    case WC_OPT_LIST_PRESETS: wc_params_presets_list(stdout); wc_cli_finish(); exit(0);
    case WC_OPT_LIST_PARAMS:
        if (wc_params_write_table(stdout) < 0) wc_die("stdout: %s", wc_errmsg());
        wc_cli_finish();
        exit(0);
    default: return 0;
    }
}

void wc_cli_model_set(wc_cli_model *m, int id, const char *arg) { add_action(m, WC_SET_ONE, id, arg); }

void wc_cli_model_params(const wc_cli_model *m, wc_params *p)
{
    wc_params_init(p);
    if (m->preset) wc_cli_preset(p, m->preset, m->conv);
    for (int k = 0; k < m->nact; k++) {
        const wc_cli_param_action *a = &m->act[k];
        if (a->kind == WC_SET_FILE && wc_params_load_file(p, a->arg, m->conv) < 0) wc_die("%s", wc_errmsg());
        if (a->kind == WC_SET_LIST && wc_params_parse(p, a->arg, m->conv) < 0) wc_usage("%s", wc_errmsg());
        if (a->kind == WC_SET_ONE && wc_params_set_text(p, a->id, a->arg) < 0) wc_usage("%s", wc_errmsg());
    }
}

void wc_cli_usage_model(FILE *out, int with_param_long)
{
    fprintf(out,
            "Model (wc-model(7)):\n"
            "  -x, --preset NAME        parameter preset, applied before -p [none]\n"
            "      --list-presets       list the presets and exit\n"
            "      --list-params        list the parameters (default, unit, range, meaning) as TSV and exit\n"
            "%s set parameters (tau_E a_E theta_E wEE wEI wIE wII r I_E I_I rE0 rI0 ...)\n"
            "      --param-file FILE    read K=V parameters from FILE\n"
            "      --convention C       wc or brainmass (brainmass swaps the names wEI and wIE) [wc]\n",
            with_param_long ? "  -p, --param K=V[,K=V]   " : "  -p K=V[,K=V]            ");
}

void wc_cli_model_hdr(const wc_cli_model *m, wc_hdr *h)
{
    if (m->preset) wc_hdr_add(h, "preset", "%s", m->preset);
}

void wc_cli_range(const char *opt, const char *arg, int accept, wc_range *r)
{
    if (wc_range_parse(arg, accept, r) < 0) wc_usage("%s: %s", opt, wc_errmsg());
}
