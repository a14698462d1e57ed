/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <inttypes.h>

#include "persist_print.h"

/* mpathpersist names the obsolete types by number. */
static const char *type_text(uint8_t type, char *buf, size_t size)
{
	const char *name = mp_pr_type_name(type);

	if (name[0] != 'o')
		return name;
	snprintf(buf, size, type < 10 ? "obsolete [%u]" : "obsolete [0x%x]", type);
	return buf;
}

void persist_print_keys(FILE *out, const struct mp_pr_keys *k)
{
	fprintf(out, "  PR generation=0x%" PRIx32 ", ", k->generation);
	if (k->n_keys == 0)
		fprintf(out, "\t0 registered reservation key.\n");
	else if (k->n_keys == 1)
		fprintf(out, "\t1 registered reservation key follows:\n");
	else
		fprintf(out, "\t%zu registered reservation keys follow:\n", k->n_keys);
	for (size_t i = 0; i < k->n_keys; i++)
		fprintf(out, "    0x%" PRIx64 "\n", k->keys[i]);
}

void persist_print_reservation(FILE *out, const struct mp_pr_reservation *r)
{
	char buf[32];

	if (!r->held) {
		fprintf(out, "  PR generation=0x%" PRIx32 ", there is NO reservation held \n",
			r->generation);
		return;
	}
	fprintf(out, "  PR generation=0x%" PRIx32 ", Reservation follows:\n", r->generation);
	fprintf(out, "   Key = 0x%" PRIx64 "\n", r->key);
	if (r->scope == 0)
		fprintf(out, "  scope = LU_SCOPE, type = %s\n", type_text(r->type, buf, sizeof(buf)));
	else
		fprintf(out, "  scope = %u, type = %s\n", r->scope, type_text(r->type, buf, sizeof(buf)));
}

void persist_print_caps(FILE *out, const struct mp_pr_caps *c)
{
	static const struct {
		uint8_t type;
		uint16_t bit;
	} mask[] = {
		{MP_PR_WRITE_EXCLUSIVE_AR, MP_PR_MASK_WR_EX_AR},
		{MP_PR_EXCLUSIVE_ACCESS_RO, MP_PR_MASK_EX_AC_RO},
		{MP_PR_WRITE_EXCLUSIVE_RO, MP_PR_MASK_WR_EX_RO},
		{MP_PR_EXCLUSIVE_ACCESS, MP_PR_MASK_EX_AC},
		{MP_PR_WRITE_EXCLUSIVE, MP_PR_MASK_WR_EX},
		{MP_PR_EXCLUSIVE_ACCESS_AR, MP_PR_MASK_EX_AC_AR},
	};

	fprintf(out, "Report capabilities response:\n");
	fprintf(out, "  Compatible Reservation Handling(CRH): %d\n", c->crh);
	fprintf(out, "  Specify Initiator Ports Capable(SIP_C): %d\n", c->sip_c);
	fprintf(out, "  All Target Ports Capable(ATP_C): %d\n", c->atp_c);
	fprintf(out, "  Persist Through Power Loss Capable(PTPL_C): %d\n", c->ptpl_c);
	fprintf(out, "  Type Mask Valid(TMV): %d\n", c->tmv);
	fprintf(out, "  Allow Commands: %u\n", c->allow_commands);
	fprintf(out, "  Persist Through Power Loss Active(PTPL_A): %d\n", c->ptpl_a);
	if (!c->tmv)
		return;
	fprintf(out, "    Support indicated in Type mask:\n");
	for (size_t i = 0; i < sizeof(mask) / sizeof(mask[0]); i++)
		fprintf(out, "      %s: %d\n", mp_pr_type_name(mask[i].type),
			!!(c->type_mask & mask[i].bit));
}

void persist_print_full_status(FILE *out, const struct mp_pr_full_status *s)
{
	char buf[32], tid[300];

	fprintf(out, "  PR generation=0x%" PRIx32 " \n", s->generation);
	for (size_t i = 0; i < s->n_desc; i++) {
		const struct mp_pr_full_desc *d = &s->desc[i];

		fprintf(out, "   Key = 0x%" PRIx64 "\n", d->key);
		if (d->all_tg_pt) {
			fprintf(out, "      All target ports bit set\n");
		} else {
			fprintf(out, "      All target ports bit clear\n");
			fprintf(out, "      Relative port address: 0x%x\n", d->rel_tgt_port);
		}
		if (d->holder) {
			fprintf(out, "      << Reservation holder >>\n");
			if (d->scope == 0)
				fprintf(out, "      scope: LU_SCOPE, ");
			else
				fprintf(out, "      scope: %u ", d->scope);
			fprintf(out, " type: %s\n", type_text(d->type, buf, sizeof(buf)));
		} else {
			fprintf(out, "      not reservation holder\n");
		}
		mp_pr_tid_format(d, tid, sizeof(tid));
		if (tid[0])
			fprintf(out, "   %s\n", tid);
	}
	if (s->truncated)
		fprintf(out, "  (more descriptors than the allocation length held)\n");
}

void persist_print_hex(FILE *out, const uint8_t *buf, size_t len)
{
	for (size_t off = 0; off < len; off += 16) {
		fprintf(out, " %02zx    ", off);
		for (size_t i = off; i < off + 16 && i < len; i++)
			fprintf(out, " %02x", buf[i]);
		fputc('\n', out);
	}
}
