# SPDX-License-Identifier: GPL-2.0
#
# Splitvisor.  Kbuild (the file next to this one) lists the objects; this
# Makefile picks the kernel to build against:
#   - on an arm64 machine: the running kernel, /lib/modules/$(uname -r)/build
#   - elsewhere: cross-build against Debian bookworm's arm64 headers, which
#     selftests/lab/setup.sh fetches into the lab cache (outside the tree).
#
#   make            build splitvisor.ko
#   make run        the main job: lab setup if needed, build, boot the
#                   emulated server, insmod, launch a guest (README)
#   make shell      the same, then a shell in the emulated server
#   make check      the whole test suite: unit tests + lab tests (README)
#   make check-install  the DKMS package install test in the lab (slow)
#   make fuzz       the long fuzzing run on both hypervisors (slow; FUZZ_IOCTLS,
#                   FUZZ_SEEDS: selftests/fuzz.sh)
#   make bench      the benchmark suite (Documentation/benchmarks.rst)
#   make unit       only the native unit tests
#   make deb        the splitvisor-dkms Debian package (dist/)
#   make clean

ifneq ($(KERNELRELEASE),)
include $(src)/Kbuild
else

HOST_ARCH := $(shell uname -m)
ifeq ($(HOST_ARCH),aarch64)
KDIR ?= /lib/modules/$(shell uname -r)/build
CROSS_COMPILE ?=
else
LAB_KDIR = $(shell bash -c '. selftests/lab/config.sh && lab_kdir')
KDIR ?= $(LAB_KDIR)
CROSS_COMPILE ?= aarch64-linux-gnu-
endif

KMAKE = $(MAKE) -C $(KDIR) M=$(CURDIR) ARCH=arm64 CROSS_COMPILE=$(CROSS_COMPILE)

.PHONY: all modules headers clean run shell check check-install check-long fuzz unit lab bench bench-vhe bench-window deb

all: modules

headers:
ifneq ($(HOST_ARCH),aarch64)
	@bash selftests/lab/setup.sh host kernel
endif

modules: headers
	$(KMAKE) modules

clean:
	$(KMAKE) clean 2>/dev/null || true
	$(MAKE) -C selftests/unit clean
	$(MAKE) -C selftests/tests clean
	$(MAKE) -C selftests/bench clean

unit:
	$(MAKE) -C selftests/unit run

lab:
	bash selftests/lab/setup.sh all

# VHE=1: on -cpu max, the kernel at EL2: splitvisor's VHE mode.
run:
	VHE=$(VHE) bash selftests/main-job.sh

shell:
	VHE=$(VHE) bash selftests/main-job.sh --shell

check:
	bash selftests/run-tests.sh

check-install:
	bash selftests/install-test.sh

# What make check leaves out for time (about an hour): the VHE pass in full
# for both hypervisors, split mode on -cpu max, the upstream selftests on KVM.
check-long:
	bash selftests/check-long.sh

fuzz:
	bash selftests/fuzz.sh

bench:
	bash selftests/bench/run-bench.sh

# The same on -cpu max (sve=off,pauth=off): splitvisor VHE (and fastpath=0),
# splitvisor split mode, KVM VHE and KVM nVHE on one CPU model.
bench-vhe:
	BENCH_CONFIGS="splitvisor-vhe splitvisor-vhe-fp0 splitvisor-vh0 kvm-vhe kvm-nvhe-max" \
	BENCH_PROFILE=0 BENCH_OUT=$${BENCH_OUT:-$(CURDIR)/selftests/logs/bench-vhe} \
	bash selftests/bench/run-bench.sh

# Where io-out's instructions go, per CPU and symbol (benchmarks.rst).
bench-window:
	bash selftests/bench/window.sh $(WINDOW_CONFIGS)

deb:
	bash packaging/build-deb.sh

endif
