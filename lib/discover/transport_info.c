/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Which fabric a SCSI path runs over, read from where the kernel put the
 * scsi_device: an FC remote port (rport-H:B-R), an iSCSI session (sessionN)
 * or a SAS end device (end_device-H:...) sits between the host and the
 * target in the device path; the matching class directory holds the names.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "discover/discover_internal.h"
#include "discover/sysfs.h"

const char *mp_scsi_protocol_name(enum mp_transport_kind t)
{
	switch (t) {
	case MP_TRANSPORT_FC:
		return "scsi:fcp";
	case MP_TRANSPORT_ISCSI:
		return "scsi:iscsi";
	case MP_TRANSPORT_SAS:
		return "scsi:sas";
	case MP_TRANSPORT_NVME:
		return "nvme:unspec";
	case MP_TRANSPORT_OTHER:
		return "scsi:unspec";
	case MP_TRANSPORT_UNKNOWN:
		break;
	}
	return "undef";
}

static bool is_session(const char *comp, size_t len)
{
	if (len <= 7 || strncmp(comp, "session", 7) != 0)
		return false;
	for (size_t i = 7; i < len; i++)
		if (comp[i] < '0' || comp[i] > '9')
			return false;
	return true;
}

static void class_attr(const struct mp_ctx *ctx, const char *cls, const char *obj,
		       const char *attr, char *buf, size_t size, struct mp_diags *diags)
{
	char rel[PATH_MAX];

	snprintf(rel, sizeof(rel), "class/%s/%s/%s", cls, obj, attr);
	if (mp_discover_attr(ctx, rel, buf, size, diags) == -ENOENT)
		mp_diag_file(diags, MP_DIAG_WARNING, ctx, rel, "missing transport attribute");
}

enum mp_transport_kind mp_scsi_transport_object(const char *devpath, char *buf, size_t size)
{
	char fc[128] = "", iscsi[128] = "", sas[128] = "";
	const char *c = devpath;

	/* Keep the component nearest the device: expanders nest end devices. */
	while (*c) {
		const char *e = strchr(c, '/');
		size_t len = e ? (size_t)(e - c) : strlen(c);

		if (len < sizeof(fc)) {
			if (len > 6 && !strncmp(c, "rport-", 6))
				snprintf(fc, sizeof(fc), "%.*s", (int)len, c);
			else if (is_session(c, len))
				snprintf(iscsi, sizeof(iscsi), "%.*s", (int)len, c);
			else if (len > 11 && !strncmp(c, "end_device-", 11))
				snprintf(sas, sizeof(sas), "%.*s", (int)len, c);
		}
		c += len;
		while (*c == '/')
			c++;
	}
	if (size)
		buf[0] = '\0';
	if (*fc) {
		snprintf(buf, size, "%s", fc);
		return MP_TRANSPORT_FC;
	}
	if (*iscsi) {
		snprintf(buf, size, "%s", iscsi);
		return MP_TRANSPORT_ISCSI;
	}
	if (*sas) {
		snprintf(buf, size, "%s", sas);
		return MP_TRANSPORT_SAS;
	}
	return MP_TRANSPORT_OTHER;
}

void mp_discover_scsi_transport(const struct mp_ctx *ctx, const char *scsi_devpath,
				struct mp_path *p, struct mp_diags *diags)
{
	char obj[128];

	p->transport = mp_scsi_transport_object(scsi_devpath, obj, sizeof(obj));
	switch (p->transport) {
	case MP_TRANSPORT_FC:
		class_attr(ctx, "fc_remote_ports", obj, "node_name", p->tgt_node_name,
			   sizeof(p->tgt_node_name), diags);
		class_attr(ctx, "fc_remote_ports", obj, "port_name", p->tgt_port_name,
			   sizeof(p->tgt_port_name), diags);
		break;
	case MP_TRANSPORT_ISCSI:
		class_attr(ctx, "iscsi_session", obj, "targetname", p->tgt_node_name,
			   sizeof(p->tgt_node_name), diags);
		class_attr(ctx, "iscsi_session", obj, "tpgt", p->tgt_port_name,
			   sizeof(p->tgt_port_name), diags);
		break;
	case MP_TRANSPORT_SAS:
		class_attr(ctx, "sas_device", obj, "sas_address", p->tgt_node_name,
			   sizeof(p->tgt_node_name), diags);
		break;
	default:
		break;
	}
	snprintf(p->protocol, sizeof(p->protocol), "%s", mp_scsi_protocol_name(p->transport));
}
