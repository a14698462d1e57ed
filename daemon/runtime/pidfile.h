/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The pid file, locked with flock() for the daemon's life: a second daemon fails. */
#ifndef MPATHD_PIDFILE_H
#define MPATHD_PIDFILE_H

/* Return: the locked fd (keep it open), -EBUSY when another daemon holds it, -errno. */
int pidfile_acquire(const char *path);
/* Removes the file and closes @fd. */
void pidfile_release(const char *path, int fd);

#endif
