/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The sd_notify protocol, written out (no libsystemd): one datagram of
 * newline-separated "KEY=VALUE" text to the AF_UNIX socket named by
 * $NOTIFY_SOCKET (a path, or "@name" for the abstract namespace).
 * Unset variable: not under systemd, nothing to do.
 */
#ifndef MPATHD_NOTIFY_H
#define MPATHD_NOTIFY_H

#include <stdint.h>

/* Return: 1 sent, 0 no $NOTIFY_SOCKET, -errno. */
int notify_send(const char *state);
/*
 * Socket activation: the one socket systemd passed (fd 3) when $LISTEN_PID
 * is this process and $LISTEN_FDS is 1; the variables are then removed so
 * children do not take it for theirs. Return: 3, or -1 when none.
 */
int notify_listen_fd(void);
/* Half of $WATCHDOG_USEC (systemd's advice) if it is meant for this pid; 0 when off. */
uint64_t notify_watchdog_interval_usec(void);

#endif
