// SPDX-License-Identifier: GPL-2.0
/*
 * A QEMU TCG plugin for the lab's window profile (selftests/bench/window.sh):
 * counts the instructions each emulated CPU executes, per translation block,
 * between a block that starts at start= and the next one that starts at
 * stop= (e.g. a benchmark's two counter reads), summed over every such
 * window, and writes "pc ninsns cpu0 cpu1 cpu2 cpu3" lines to out= when
 * QEMU exits.  Single-threaded TCG (-icount) runs one CPU at a time, so the
 * counts are exact.
 *
 * The few entry points of QEMU's plugin API (include/qemu/qemu-plugin.h,
 * API version 1: QEMU 7.2, Debian bookworm) are declared here, so that no
 * QEMU source is needed to build it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_info_t;
typedef void (*tb_trans_cb)(qemu_plugin_id_t, struct qemu_plugin_tb *);
typedef void (*vcpu_udata_cb)(unsigned int, void *);
typedef void (*udata_cb)(qemu_plugin_id_t, void *);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t, tb_trans_cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *);
void qemu_plugin_register_vcpu_tb_exec_cb(struct qemu_plugin_tb *, vcpu_udata_cb,
					  int flags, void *);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t, udata_cb, void *);

#define EXPORT __attribute__((visibility("default")))
EXPORT int qemu_plugin_version = 1;

#define NCPU 4

struct blk {
	uint64_t pc, n;
	uint64_t cnt[NCPU];
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct blk **blks;
static size_t nblks, cap;
static uint64_t start_pc, stop_pc, windows;
static int on;
static const char *out = "tbwin.txt";

static void tb_exec(unsigned int cpu, void *ud)
{
	struct blk *b = ud;

	if (b->pc == start_pc) {
		on = 1;
	} else if (b->pc == stop_pc) {
		windows += on;
		on = 0;
	} else if (on && cpu < NCPU) {
		b->cnt[cpu]++;
	}
}

static void tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct blk *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->pc = qemu_plugin_tb_vaddr(tb);
	b->n = qemu_plugin_tb_n_insns(tb);
	pthread_mutex_lock(&lock);
	if (nblks == cap) {
		cap = cap ? 2 * cap : 65536;
		blks = realloc(blks, cap * sizeof(*blks));
		if (!blks)
			abort();
	}
	blks[nblks++] = b;
	pthread_mutex_unlock(&lock);
	qemu_plugin_register_vcpu_tb_exec_cb(tb, tb_exec, 0 /* no registers */, b);
}

static void at_exit(qemu_plugin_id_t id, void *p)
{
	FILE *f = fopen(out, "w");
	size_t i;

	if (!f)
		return;
	fprintf(f, "windows %llu\n", (unsigned long long)windows);
	for (i = 0; i < nblks; i++) {
		struct blk *b = blks[i];

		if (b->cnt[0] | b->cnt[1] | b->cnt[2] | b->cnt[3])
			fprintf(f, "%llx %llu %llu %llu %llu %llu\n", (unsigned long long)b->pc,
				(unsigned long long)b->n, (unsigned long long)b->cnt[0],
				(unsigned long long)b->cnt[1], (unsigned long long)b->cnt[2],
				(unsigned long long)b->cnt[3]);
	}
	fclose(f);
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const struct qemu_info_t *info,
			       int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "out=", 4))
			out = strdup(argv[i] + 4);
		else if (!strncmp(argv[i], "start=", 6))
			start_pc = strtoull(argv[i] + 6, NULL, 0);
		else if (!strncmp(argv[i], "stop=", 5))
			stop_pc = strtoull(argv[i] + 5, NULL, 0);
	}
	if (!start_pc || !stop_pc) {
		fprintf(stderr, "tbwin: start= and stop= are needed\n");
		return -1;
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, tb_trans);
	qemu_plugin_register_atexit_cb(id, at_exit, NULL);
	return 0;
}
