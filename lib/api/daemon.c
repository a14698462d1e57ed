/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mp_daemon_command(): lib/control's client behind the public API. */
#include <errno.h>

#include "control/client.h"
#include "mpath/daemon.h"

MP_EXPORT int mp_daemon_command(const char *socket_name, const char *cmd, int timeout_ms,
				char **ret_reply)
{
	struct mp_control_conn *c;
	int r;

	if (!cmd || !ret_reply)
		return -EINVAL;
	r = mp_control_connect(socket_name, timeout_ms, &c);
	if (r < 0)
		return r;
	r = mp_control_command(c, cmd, ret_reply);
	mp_control_close(c);
	return r;
}
