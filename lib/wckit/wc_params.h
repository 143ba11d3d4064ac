/* wc_params.h — model parameters: names, defaults, range checks, KEY=VAL parsing,
 * parameter files, named presets and the brainmass naming convention.
 *
 * One vocabulary everywhere: "-p wEE=16" on the command line, "## param.wEE 16" in a
 * stream header, "wEE=16" in a preset file and p.wEE in C.  Weights are named w_XY =
 * "to X from Y": wEI is inhibition I->E, wIE is excitation E->I. */
#ifndef WC_PARAMS_H
#define WC_PARAMS_H

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum wc_params_id {
    WC_P_TAU_E, WC_P_TAU_I, WC_P_A_E, WC_P_A_I, WC_P_THETA_E, WC_P_THETA_I,
    WC_P_WEE, WC_P_WEI, WC_P_WIE, WC_P_WII, WC_P_R, WC_P_I_E, WC_P_I_I,
    WC_P_RE0, WC_P_RI0, WC_P_SIGMA_E, WC_P_SIGMA_I, WC_P_NOISE_TAU, WC_P_MU_E, WC_P_MU_I,
    WC_NPARAM
};

/** All parameters of one node; p.wEE and p.v[WC_P_WEE] are the same value. */
typedef union {
    struct {
        double tau_E, tau_I, a_E, a_I, theta_E, theta_I;
        double wEE, wEI, wIE, wII, r, I_E, I_I;
        double rE0, rI0, sigma_E, sigma_I, noise_tau, mu_E, mu_I;
    };
    double v[WC_NPARAM];
} wc_params;

/** How the names wEI and wIE are read: ours (to-from, as wc-model(7), THE NAMING TRAP)
 *  or brainmass's code, where they are swapped. */
enum wc_params_convention { WC_CONV_WC, WC_CONV_BRAINMASS };

/** Fill p with the reference defaults (Wilson & Cowan 1972, as brainmass). */
void wc_params_init(wc_params *p);

/** The bound on an activity: the initial states rE0 and rI0 must be within +-1e6, and a
 *  run stops when a state leaves it (wc_sim.h). */
#define WC_PARAMS_STATE_BOUND 1e6
#define WC_PARAMS_STATE_BOUND_TEXT "1e6"

/** Parameter name in our convention ("wEE"), and a one-line description. */
const char *wc_params_name(int id);
const char *wc_params_help(int id);
/** Its unit ("ms"), or "1" for a dimensionless parameter. */
const char *wc_params_unit(int id);
/** Its allowed range as text: "> 0", ">= 0", "|x| <= 1e6" or "any" (values are always finite). */
const char *wc_params_range(int id);
/** Its default (wc_params_init). */
double wc_params_default(int id);
/** Write every parameter as TSV: a line of column names (name, default, unit, range,
 *  meaning), then one line per parameter in the order of enum wc_param_id.
 *  @return 0, or -1 if out has an error. */
int wc_params_write_table(FILE *out);
/** Id of a name read in convention conv, or -1 if unknown. */
int wc_params_lookup(const char *name, int conv);
/** The name under which parameter id is written in convention conv. */
const char *wc_params_name_in(int id, int conv);
/** Parse "wc" or "brainmass"; -1 if neither. */
int wc_params_convention_parse(const char *s);

/** Check one value against the parameter's range.  @return 0 or -1 (wc_errmsg). */
int wc_params_check(int id, double value);
/** Set parameter id to the number in text (strict parsing, range checked). @return 0/-1. */
int wc_params_set_text(wc_params *p, int id, const char *text);
/** Apply "KEY=VAL[,KEY=VAL...]" in convention conv.  A key "convention" switches the
 *  convention for the rest of the list.  @return 0 or -1 (wc_errmsg names the key). */
int wc_params_parse(wc_params *p, const char *list, int conv);
/** Apply a parameter file: KEY=VAL items separated by newlines or commas, '#' comments,
 *  blank lines; "convention=brainmass" switches for the rest of the file.
 *  @return 0 or -1 (wc_errmsg names file and line). */
int wc_params_load_file(wc_params *p, const char *path, int conv);
/** A parameter table: one parameter set per row of a wc-stream or plain table (path
 *  NULL or "-": stdin) whose columns are parameter names (naming convention conv); each
 *  row starts from base.  At most max_rows rows.  *n gets the rows, *cols (may be NULL)
 *  the bit set of the parameter ids the columns set.  @return the malloc'ed sets, or
 *  NULL with wc_errmsg() set (a column that is no parameter, a value out of range with
 *  its row, no rows, a read error). */
wc_params *wc_params_read_table(const char *path, const wc_params *base, int conv, size_t max_rows, size_t *n,
                                unsigned long *cols);

struct wc_hdr;
/** Write "param.NAME VALUE" lines for every parameter whose bit (1 << id) is not set in
 *  skip (values in shortest exact form), then "unit.NAME UNIT" lines for those of them
 *  that have a unit ("unit.tau_E ms").  @return 0 or -1. */
int wc_params_to_hdr(const wc_params *p, struct wc_hdr *h, unsigned long skip);
/** Read "param.NAME" lines of a header into p (others keep their value).  @return 0/-1. */
int wc_params_from_hdr(wc_params *p, const struct wc_hdr *h);

/** Find a preset: NAME containing '/' is a file path; otherwise NAME.params is looked
 *  up in $WCKIT_PRESETS, next to the executable (../share/presets,
 *  ../share/wckit/presets) and in the installed data directory.
 *  @return a malloc'ed path, or NULL with wc_errmsg listing where it looked. */
char *wc_params_preset_find(const char *name);
/** Print the names of the available presets, one per line with its first comment line. */
void wc_params_presets_list(FILE *out);

#ifdef __cplusplus
}
#endif
#endif
