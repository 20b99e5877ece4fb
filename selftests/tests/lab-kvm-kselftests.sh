# SPDX-License-Identifier: GPL-2.0
# The upstream KVM selftests on the in-kernel KVM (make check-long): the
# baseline column of make check's side-by-side table, which make check
# itself no longer runs for time.
. /lab/lab-common.sh
stamp kselftests
KSELFTEST_EXCLUDE="arch_timer" KSELFTEST_RETRY_HUNG=1 sh /lab/lab-kselftests.sh
stamp end
exit $FAILED
