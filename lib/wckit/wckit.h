/* wckit.h — libwc, the whole public API in one include (see libwc(3)).  Programs may
 * include the single module headers wckit/wc_*.h instead. */
#ifndef WCKIT_H
#define WCKIT_H

#include "wc_bold.h"
#include "wc_clock.h"
#include "wc_conn.h"
#include "wc_cont.h"
#include "wc_cycle.h"
#include "wc_data.h"
#include "wc_err.h"
#include "wc_explore.h"
#include "wc_fc.h"
#include "wc_fcd.h"
#include "wc_fit.h"
#include "wc_grid.h"
#include "wc_hdr.h"
#include "wc_integrate.h"
#include "wc_limits.h"
#include "wc_matfile.h"
#include "wc_matrix.h"
#include "wc_model.h"
#include "wc_net.h"
#include "wc_netlin.h"
#include "wc_num.h"
#include "wc_params.h"
#include "wc_phase.h"
#include "wc_psd.h"
#include "wc_range.h"
#include "wc_rng.h"
#include "wc_series.h"
#include "wc_settle.h"
#include "wc_sim.h"
#include "wc_stats.h"
#include "wc_stim.h"
#include "wc_stream.h"

#endif
