# t_lib.sh — libwc as a library: it never exits or prints on its own, its global names
# all carry the wc_ prefix, and the shared library exports exactly the public API.
. "$(dirname "$0")/lib.sh"
a=$WC_BIN/libwc.a so=$WC_BIN/libwc.so
nm -A "$a" 2>/dev/null > nm.txt
check "libwc.a found" test -s nm.txt
# exit/abort end the caller's process; stdout/stderr/printf/puts/perror print on their own
grep -E ' U (exit|_exit|abort|printf|__printf_chk|puts|perror|putchar|stdout|stderr)$' nm.txt | grep -v ':wc_err.o:' > bad.txt
check "no library module but wc_err (the default log handler) exits or prints" test ! -s bad.txt
nm -g --defined-only "$a" 2>/dev/null | awk 'NF == 3 { print $3 }' | grep -v '^wc_' | grep -v '^__odr_asan' > foreign.txt
check "every global name in libwc.a starts with wc_ (sanitizer symbols aside)" test ! -s foreign.txt
grep -hvE '^static inline|^ *(/\*|\*)' "$WC_TOP"/lib/wckit/*.h | grep -o '\bwc_[a-z0-9_]*[ ]*(' | tr -d ' (' | sort -u > declared.txt
nm -D --defined-only "$so" | awk '{ print $3 }' | sort -u > exported.txt
check "libwc.so exports exactly the functions the public headers declare" cmp -s declared.txt exported.txt
check "libwc.so has the soname libwc.so.MAJOR" sh -c "objdump -p '$so' | grep -q 'SONAME *libwc.so.[0-9]'"
# private headers stay private: no public header includes one
check "public headers include only public headers" sh -c "! grep -l '_internal.h' '$WC_TOP'/lib/wckit/*.h"
# libzip (and the libcrypto it brings) is loaded when a zip is read, not at every start
check "the tools do not load libzip or libcrypto at start-up" sh -c "! ldd '$WC_BIN/wc-run' '$WC_BIN/wc-fc' '$WC_BIN/wc-view' | grep -q 'libzip\|libcrypto'"
