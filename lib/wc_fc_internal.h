/* wc_fc_internal.h — what wc_fc and wc_fcd share (private to libwc). */
#ifndef WC_FC_INTERNAL_H
#define WC_FC_INTERNAL_H

/** Is a channel of this variance and mean constant?  (Variance at most 1e-300, or a
 *  standard deviation within rounding of the mean, 4 * 2^-52 * |mean|.) */
int wc_fc_is_constant(double var, double mean);

#endif
