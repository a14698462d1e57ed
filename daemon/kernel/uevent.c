/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Uevent parsing and filtering: pure functions, formats described in uevent.h. */
#include <ctype.h>
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/uevent.h"

#define UDEV_MAGIC 0xfeedcafeu
#define UDEV_HDR_MIN 24 /* prefix, magic, header_size, properties_off, properties_len */

static bool parse_uint(const char *s, unsigned long long max, unsigned long long *ret)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v > max)
		return false;
	*ret = v;
	return true;
}

const char *uevent_get(const struct uevent *ev, const char *key)
{
	size_t klen = strlen(key);

	for (unsigned i = 0; i < ev->nenv; i++)
		if (strncmp(ev->env[i], key, klen) == 0 && ev->env[i][klen] == '=')
			return ev->env[i] + klen + 1;
	return NULL;
}

/* Splits buf[start, end) into NUL-terminated KEY=VALUE strings. */
static int split_env(struct uevent *ev, size_t start, size_t end, const char **why)
{
	size_t i = start;

	while (i < end) {
		const char *s = ev->buf + i;
		size_t n = strnlen(s, end - i);

		if (n > 0) {
			const char *eq = memchr(s, '=', n);

			if (!eq || eq == s) {
				*why = "property is not KEY=VALUE";
				return -EBADMSG;
			}
			if (ev->nenv == UEVENT_MAX_ENV) {
				*why = "too many properties";
				return -EBADMSG;
			}
			ev->env[ev->nenv++] = s;
		}
		i += n + 1;
	}
	return 0;
}

int uevent_parse(const void *data, size_t len, struct uevent *ret_ev, const char **ret_why)
{
	struct uevent *ev = ret_ev;
	const char *why = "malformed";
	unsigned long long v;
	size_t start, end;
	int r;

	*ret_why = NULL;
	if (len > UEVENT_BUFFER_SIZE) {
		*ret_why = "message too long";
		return -E2BIG;
	}
	memset(ev, 0, offsetof(struct uevent, buf));
	memset(&ev->len, 0, sizeof(*ev) - offsetof(struct uevent, len));
	memcpy(ev->buf, data, len);
	ev->buf[len] = '\0'; /* the last string may lack its NUL */
	ev->len = len;
	ev->major = ev->minor = -1;

	if (len >= 8 && memcmp(ev->buf, "libudev", 8) == 0) {
		uint32_t magic, off, plen;

		if (len < UDEV_HDR_MIN) {
			*ret_why = "udev header truncated";
			return -EBADMSG;
		}
		memcpy(&magic, ev->buf + 8, 4);
		memcpy(&off, ev->buf + 16, 4);
		memcpy(&plen, ev->buf + 20, 4);
		if (be32toh(magic) != UDEV_MAGIC) {
			*ret_why = "bad udev magic";
			return -EBADMSG;
		}
		if (off < UDEV_HDR_MIN || off > len || plen > len - off) {
			*ret_why = "udev properties out of bounds";
			return -EBADMSG;
		}
		ev->from_udev = true;
		start = off;
		end = off + plen;
	} else {
		size_t n = strnlen(ev->buf, len);

		if (n == 0 || !memchr(ev->buf, '@', n)) {
			*ret_why = "no ACTION@DEVPATH header";
			return -EBADMSG;
		}
		start = n + 1;
		end = len;
	}
	r = split_env(ev, start, end, &why);
	if (r < 0) {
		*ret_why = why;
		return r;
	}
	ev->action = uevent_get(ev, "ACTION");
	ev->devpath = uevent_get(ev, "DEVPATH");
	ev->subsystem = uevent_get(ev, "SUBSYSTEM");
	if (!ev->action || !ev->devpath || !ev->subsystem || !*ev->action || ev->devpath[0] != '/') {
		*ret_why = "ACTION, DEVPATH or SUBSYSTEM missing";
		return -EBADMSG;
	}
	ev->devname = uevent_get(ev, "DEVNAME");
	if (ev->devname && strncmp(ev->devname, "/dev/", 5) == 0)
		ev->devname += 5; /* udev gives the node path, the kernel the name */
	ev->devtype = uevent_get(ev, "DEVTYPE");
	ev->dm_name = uevent_get(ev, "DM_NAME");
	ev->dm_uuid = uevent_get(ev, "DM_UUID");
	ev->dm_action = uevent_get(ev, "DM_ACTION");
	ev->dm_path = uevent_get(ev, "DM_PATH");
	ev->id_serial = uevent_get(ev, "ID_SERIAL");
	if (uevent_get(ev, "MAJOR") || uevent_get(ev, "MINOR")) {
		unsigned long long mi;

		if (!parse_uint(uevent_get(ev, "MAJOR"), 0xfff, &v) ||
		    !parse_uint(uevent_get(ev, "MINOR"), 0xfffff, &mi)) {
			*ret_why = "bad MAJOR/MINOR";
			return -EBADMSG;
		}
		ev->major = (int)v;
		ev->minor = (int)mi;
	}
	if (uevent_get(ev, "SEQNUM")) {
		if (!parse_uint(uevent_get(ev, "SEQNUM"), UINT64_MAX, &v)) {
			*ret_why = "bad SEQNUM";
			return -EBADMSG;
		}
		ev->seqnum = v;
	}
	return 0;
}

/* A kernel block device name the state may use in sysfs paths: it fits
 * mp_path.dev, has no '/' (DEVNAME "sdx/../../etc" would climb out of
 * /sys/block) and only the characters the kernel gives such names. */
static bool kernel_block_name(const char *name)
{
	size_t n = strnlen(name, 32);

	if (n == 0 || n >= 32 || name[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(isalnum((unsigned char)name[i]) || strchr("-_:.", name[i])))
			return false;
	return true;
}

bool uevent_is_relevant(const struct uevent *ev)
{
	const char *name = ev->devname;

	if (!ev->subsystem || strcmp(ev->subsystem, "block") != 0)
		return false;
	if (!name) {
		name = strrchr(ev->devpath, '/');
		name = name ? name + 1 : ev->devpath;
	}
	if (!kernel_block_name(name))
		return false;
	return strncmp(name, "sd", 2) == 0 || strncmp(name, "nvme", 4) == 0 ||
	       strncmp(name, "dm-", 3) == 0;
}

bool uevent_sender_trusted(unsigned group, uint32_t nl_pid, bool have_cred, uint32_t uid)
{
	if (!have_cred || uid != 0)
		return false;
	if (group == 1)
		return nl_pid == 0;
	return group == 2;
}
