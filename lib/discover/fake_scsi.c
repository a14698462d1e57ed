/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <string.h>

#include "common/macros.h"
#include "discover/fake_scsi.h"

static const struct mp_fake_scsi_entry *lookup(const struct mp_fake_scsi *f, const char *dev,
					       const struct mp_scsi_io *io)
{
	for (size_t i = 0; i < f->n_entries; i++) {
		const struct mp_fake_scsi_entry *e = &f->entries[i];

		if (e->dev && !streq(e->dev, dev))
			continue;
		if (e->cdb_len > io->cdb_len || memcmp(e->cdb, io->cdb, e->cdb_len) != 0)
			continue;
		return e;
	}
	return NULL;
}

static int fake_execute(void *data, const char *dev, struct mp_scsi_io *io)
{
	/* Fixed-format sense: ILLEGAL REQUEST, ASC 0x20 invalid command operation code. */
	static const uint8_t invalid_opcode[18] = {0x70, 0, 0x05, 0, 0, 0, 0, 10,
						   0,	 0, 0,	  0, 0x20, 0x00};
	struct mp_fake_scsi *f = data;
	const struct mp_fake_scsi_entry *e;

	f->calls++;
	if (f->observe)
		f->observe(f->observe_data, dev, io);
	e = lookup(f, dev, io);
	if (!e) {
		f->unmatched++;
		io->status = MP_SAM_CHECK_CONDITION;
		memcpy(io->sense, invalid_opcode, sizeof(invalid_opcode));
		io->sense_len = sizeof(invalid_opcode);
		return 0;
	}
	if (e->error < 0)
		return e->error;
	io->status = e->status;
	if (e->data && io->buf && !io->data_out) {
		size_t n = e->data_len < io->buf_len ? e->data_len : io->buf_len;

		memcpy(io->buf, e->data, n);
		io->data_len = n;
	}
	if (e->sense) {
		size_t n = e->sense_len < sizeof(io->sense) ? e->sense_len : sizeof(io->sense);

		memcpy(io->sense, e->sense, n);
		io->sense_len = n;
	}
	return 0;
}

const struct mp_scsi_transport mp_fake_scsi_transport = {
	.execute = fake_execute,
};
