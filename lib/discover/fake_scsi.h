/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A scripted SCSI transport for tests and fuzzing: each command is answered
 * by the first table entry whose device and CDB prefix match. Unmatched
 * commands get CHECK CONDITION, ILLEGAL REQUEST / INVALID COMMAND OPERATION
 * CODE, as a device would answer a command it does not know.
 */
#ifndef MPATH_DISCOVER_FAKE_SCSI_H
#define MPATH_DISCOVER_FAKE_SCSI_H

#include <stddef.h>
#include <stdint.h>

#include "discover/transport.h"

struct mp_fake_scsi_entry {
	const char *dev;          /* NULL matches every device */
	const uint8_t *cdb;       /* prefix compared with the command */
	size_t cdb_len;
	const uint8_t *data;      /* data-in answer, cut to the allocation */
	size_t data_len;
	uint8_t status;           /* SAM status */
	const uint8_t *sense;
	size_t sense_len;
	int error;                /* < 0: execute() returns this instead (-ETIMEDOUT, -ENOLINK) */
};

/* The transport's data: the table and a call counter the test can check. */
struct mp_fake_scsi {
	const struct mp_fake_scsi_entry *entries;
	size_t n_entries;
	unsigned int calls;
	unsigned int unmatched;
	/* Optional: sees every command before it is answered (a test records the
	 * order of commands and their data-out parameter lists with it). */
	void (*observe)(void *observe_data, const char *dev, const struct mp_scsi_io *io);
	void *observe_data;
};

extern const struct mp_scsi_transport mp_fake_scsi_transport;

#endif
