// SPDX-License-Identifier: GPL-2.0
/*
 * SV_FAST_DOORBELL at EL2 (hyp/fast-doorbell.c), run natively against the
 * fake backend: which guest writes it posts -- checked against the host
 * path's own rule, virtio/ioeventfd_match.c sv_ioev_match(), over a grid
 * of entries and writes -- the count and the SGI it raises, and every way
 * it leaves the write to the host (a read, no syndrome, another fault, a
 * table being rewritten, a memslot change, no SGI target, the fast path
 * off).  The lab's vm_ioeventfd and the virtio guest run the same code.
 */
#include <stdlib.h>
#include "hyp_fixture.h"
#include "sv_hyp_db.h"
#include "ioeventfd_match.h"

#define DB_KICK		((1ULL << 16) | 0x2 | ((sv_u64)SV_DB_SGI << 24))	/* Aff1 1, Aff0 1 */
#define MMIO		0x10000000ULL
#define ESR_WRITE(sas, rt) (((sv_u64)SV_EC_DABT_LOW << SV_ESR_EC_SHIFT) | SV_ESR_IL | SV_ESR_ISV | \
			    ((sv_u64)(sas) << SV_ESR_SAS_SHIFT) | ((sv_u64)(rt) << SV_ESR_SRT_SHIFT) | \
			    SV_ESR_WNR | 0x05 /* translation fault, level 1 */)

static struct sv_db_table t;
static int bump_at_dmb = -1;		/* the nth DMB of a post (from 1) changes seq */
static int dmbs_seen;

static void bump_seq(int nth)
{
	if (++dmbs_seen == bump_at_dmb)
		t.seq += 2;	/* a host writer came and went */
}

static void entry(unsigned int i, sv_u64 addr, sv_u32 len, int dm, sv_u64 data)
{
	t.e[i] = (struct sv_db_entry){ .addr = addr, .len = len, .data = data,
				       .flags = SV_DB_VALID | (dm ? SV_DB_DATAMATCH : 0) };
	if (t.nr < i + 1)
		t.nr = i + 1;
}

static void setup(void)
{
	fx_setup(SV_VGIC_MODEL_V3, 0);
	memset(&t, 0, sizeof(t));
	fx_vcpu.cfg.fastpath = SV_FAST_DOORBELL;
	fx_vcpu.cfg.doorbells = (sv_u64)(unsigned long)&t;
	fx_vcpu.ctxt.pc = 0x1000;
	fx_hc.db_kick_sgi1r = DB_KICK;
	bump_at_dmb = -1;
	dmbs_seen = 0;
	sv_fake_dmb_hook = bump_seq;
	sv_fake_nr_events = 0;
}

/* The guest writes x<rt> = val, 1 << sas bytes, at ipa; what EL2 says. */
static int write_at(sv_u64 ipa, unsigned int sas, unsigned int rt, sv_u64 val)
{
	fx_vcpu.exit.esr = ESR_WRITE(sas, rt);
	fx_vcpu.exit.far = 0xffff000000000000ULL | (ipa & 0xfff);	/* a guest VA: only its page offset counts */
	fx_vcpu.exit.hpfar = (ipa >> 12) << 4;
	if (rt != 31)
		fx_vcpu.ctxt.regs.x[rt] = val;
	return __sv_fast_doorbell(&fx_vcpu);
}

static int kicks(void)
{
	return fx_sgi1r_writes(DB_KICK);
}

static void test_post(void)
{
	int r;

	setup();
	entry(0, MMIO + 0x200, 4, 0, 0);
	TAP_EQ(write_at(MMIO + 0x200, 2, 5, 0xdeadbeefcafeULL), 1, "post: a 4-byte write at a len-4 entry is posted");
	TAP_CHECK(t.pending[0] == 1 && t.any == 1, "post: its count is 1 and any is set");
	TAP_EQ(kicks(), 1, "post: the doorbell SGI is raised on the doorbell CPU");
	TAP_CHECK(sv_fake_find(0, SV_FAKE_DSB, -1) >= 0 &&
		  sv_fake_find(0, SV_FAKE_DSB, -1) < sv_fake_find(0, SV_FAKE_WR, R(ICC_SGI1R_EL1)),
		  "post: a DSB orders the count before the SGI");
	TAP_CHECK(fx_vcpu.ctxt.pc == 0x1004 && fx_vcpu.fast.doorbell == 1,
		  "post: the guest steps over the store; one post counted");

	sv_fake_nr_events = 0;
	TAP_EQ(write_at(MMIO + 0x200, 2, 5, 1), 1, "post: a second write before the host looked");
	TAP_CHECK(t.pending[0] == 2 && kicks() == 0,
		  "post: ... adds to the count and raises no second SGI (one is on its way)");

	t.pending[0] = 0;	/* the host took them */
	t.any = 0;
	sv_fake_nr_events = 0;
	r = write_at(MMIO + 0x200, 2, 5, 1);
	TAP_CHECK(r == 1 && t.pending[0] == 1 && kicks() == 1 && t.any,
		  "post: after the host took the count, the next write raises the SGI again");

	setup();
	fx_vcpu.ctxt.pstate = SV_PSR_SS;
	entry(0, MMIO, 0, 0, 0);
	r = write_at(MMIO, 3, 7, 1);
	TAP_CHECK(r == 1 && !(fx_vcpu.ctxt.pstate & SV_PSR_SS),
		  "post: stepping over the store clears PSTATE.SS, as the host does");

	setup();
	entry(0, MMIO, 8, 1, 0);
	TAP_EQ(write_at(MMIO, 3, 31, 0), 1, "post: XZR writes 0 (a DATAMATCH 0 entry matches)");

	setup();
	entry(63, MMIO + 0x630, 4, 0, 0);
	r = write_at(MMIO + 0x630, 2, 1, 0);
	TAP_CHECK(r == 1 && t.pending[63] == 1,
		  "post: the last of the 64 entries is looked at");
}

static void test_match_grid(void)
{
	static const sv_u32 lens[] = { 0, 1, 2, 4, 8 };
	static const sv_u64 vals[] = { 0, 1, 0xff, 0x1ff, 0xffff, 0x12345678, 0x8877665544332211ULL,
				       ~0ULL };
	unsigned int el, dm, dv, sas, v, ok = 1, n = 0;
	int r;

	for (el = 0; el < 5; el++) {
		for (dm = 0; dm < 2; dm++) {
			if (dm && !lens[el])
				continue;	/* len 0 with DATAMATCH: assign refuses it */
			for (dv = 0; dv < 8; dv++) {
				struct sv_ioev_key k = {
					.addr = MMIO + 0x40, .len = lens[el], .bus = SV_IOEV_MMIO,
					.wildcard = !dm, .datamatch = dm ? vals[dv] : 0,
				};

				for (sas = 0; sas < 4; sas++) {
					for (v = 0; v < 8; v++) {
						sv_u64 len = 1ULL << sas, data = vals[v];
						int want, got;

						if (len < 8)
							data &= (1ULL << (len * 8)) - 1;
						want = sv_ioev_match(&k, k.addr, len, data);
						setup();
						entry(0, k.addr, k.len, dm, k.datamatch);
						got = write_at(k.addr, sas, 3, vals[v]);
						ok &= got == want && (int)t.pending[0] == want;
						n++;
					}
				}
				if (!dm)
					break;	/* the value does not matter without DATAMATCH */
			}
		}
	}
	TAP_CHECK(ok, "match: EL2 posts exactly the writes sv_ioev_match() signals (%u cases)", n);

	setup();
	entry(0, MMIO + 0x40, 0, 0, 0);
	TAP_EQ(write_at(MMIO + 0x44, 2, 3, 0), 0, "match: only the exact address (not inside a len-0 entry)");
	setup();
	entry(0, MMIO + 0x40, 4, 0, 0);
	t.e[0].flags = 0;
	TAP_EQ(write_at(MMIO + 0x40, 2, 3, 0), 0, "match: an entry without VALID is not looked at");
	setup();
	entry(0, MMIO + 0x40, 4, 0, 0);
	entry(1, MMIO + 0x80, 4, 0, 0);
	r = write_at(MMIO + 0x80, 2, 3, 0);
	TAP_CHECK(r == 1 && t.pending[1] == 1 && !t.pending[0],
		  "match: the count goes to the entry that matched");
	setup();
	entry(0, MMIO + 0x40, 4, 0, 0);
	r = write_at(MMIO + 0x48, 2, 3, 0);
	TAP_CHECK(r == 0 && !t.pending[0] && !t.pending[1] &&
		  fx_vcpu.ctxt.pc == 0x1000, "match: no entry: the host's, nothing posted, PC kept");
}

static void test_host(void)
{
	static const struct { sv_u64 set, clear; const char *what; } esr[] = {
		{ 0, SV_ESR_WNR, "a read" },
		{ 0, SV_ESR_ISV, "no syndrome (ISV 0)" },
		{ 0, SV_ESR_IL, "a 16-bit instruction (IL 0)" },
		{ SV_ESR_S1PTW, 0, "a stage-1 walk" },
		{ SV_ESR_CM, 0, "cache maintenance" },
		{ SV_ESR_EA, 0, "an external abort" },
		{ SV_ESR_FNV, 0, "FAR not valid" },
		{ 0x08, 0x05, "an access flag fault" },
		{ 0x0c, 0x05, "a permission fault" },
	};
	unsigned int i;
	int r;

	for (i = 0; i < sizeof(esr) / sizeof(esr[0]); i++) {
		setup();
		entry(0, MMIO, 4, 0, 0);
		fx_vcpu.exit.esr = (ESR_WRITE(2, 1) | esr[i].set) & ~esr[i].clear;
		fx_vcpu.exit.hpfar = (MMIO >> 12) << 4;
		fx_vcpu.exit.far = 0;
		r = __sv_fast_doorbell(&fx_vcpu);
		TAP_CHECK(r == 0 && !t.pending[0], "host: %s is the host's", esr[i].what);
	}

	setup();
	entry(0, MMIO, 4, 0, 0);
	fx_vcpu.cfg.fastpath = SV_FAST_ALL & ~SV_FAST_DOORBELL;
	TAP_EQ(write_at(MMIO, 2, 1, 0), 0, "host: fastpath= without bit 32");
	setup();
	entry(0, MMIO, 4, 0, 0);
	fx_vcpu.cfg.doorbells = 0;
	TAP_EQ(write_at(MMIO, 2, 1, 0), 0, "host: no table published");
	setup();
	entry(0, MMIO, 4, 0, 0);
	fx_hc.db_kick_sgi1r = 0;
	TAP_EQ(write_at(MMIO, 2, 1, 0), 0, "host: no doorbell CPU for this CPU (alone, or GICv2)");
	setup();
	entry(0, MMIO, 4, 0, 0);
	t.seq = 3;
	TAP_EQ(write_at(MMIO, 2, 1, 0), 0, "host: seq odd (the host is writing the table)");
	setup();
	entry(0, MMIO, 4, 0, 0);
	bump_at_dmb = 2;
	r = write_at(MMIO, 2, 1, 0);
	TAP_CHECK(r == 0 && !t.pending[0], "host: seq changed while EL2 looked: nothing posted");
	setup();
	entry(0, MMIO, 4, 0, 0);
	t.off = 1;
	TAP_EQ(write_at(MMIO, 2, 1, 0), 0, "host: off (a memslot or vGIC frame changed)");
	setup();
	entry(0, MMIO + 0x10, 4, 0, 0);
	t.nr = 0;
	TAP_EQ(write_at(MMIO + 0x10, 2, 1, 0), 0, "host: an entry past nr is not looked at");
	setup();
	entry(0, MMIO + 0x10, 4, 0, 0);
	t.nr = 100000;		/* a host bug: clamped to SV_DB_MAX, nothing past the table read */
	r = write_at(MMIO + 0x10, 2, 1, 0);
	TAP_CHECK(r == 1 && write_at(MMIO + 0x20, 2, 1, 0) == 0 && t.pending[0] == 1,
		  "host: nr is clamped to the table");
}

int main(void)
{
	test_post();
	test_match_grid();
	test_host();
	return tap_done();
}
