/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mpath-sysfs-capture: copy the part of sysfs multipath discovery reads into
 * a directory or archive that can later serve as --sysfs-root (test fixtures,
 * bug reports, the qemu lab).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "capture.h"
#include "capture-sink.h"

#define EXIT_FAILED 1
#define EXIT_USAGE 2

static const char usage[] =
    "usage: mpath-sysfs-capture [--sysfs DIR] [--quiet] OUTPUT\n"
    "Copies what multipath discovery reads from sysfs (default /sys).\n"
    "OUTPUT ending in .tar.gz or .tgz: gzip'd tar (needs gzip or busybox in PATH);\n"
    "ending in .tar: plain tar; anything else: a directory (new or empty).\n";

static int ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a > b && strcmp(s + a - b, suffix) == 0;
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *root = "/sys", *out = NULL;
	struct capture_sink *sink = NULL;
	struct capture_stats st;
	char err[512] = "";
	int quiet = 0, r, rc;
	double t0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage, stdout);
			return EXIT_SUCCESS;
		} else if (strcmp(argv[i], "--quiet") == 0) {
			quiet = 1;
		} else if (strcmp(argv[i], "--sysfs") == 0) {
			if (++i == argc || !*argv[i]) {
				fprintf(stderr, "mpath-sysfs-capture: --sysfs needs a directory\n");
				return EXIT_USAGE;
			}
			root = argv[i];
		} else if (strncmp(argv[i], "--sysfs=", 8) == 0 && argv[i][8]) {
			root = argv[i] + 8;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "mpath-sysfs-capture: unknown option '%s'\n%s", argv[i],
				usage);
			return EXIT_USAGE;
		} else if (!out && *argv[i]) {
			out = argv[i];
		} else {
			fprintf(stderr, "mpath-sysfs-capture: one OUTPUT expected\n%s", usage);
			return EXIT_USAGE;
		}
	}
	if (!out) {
		fprintf(stderr, "mpath-sysfs-capture: OUTPUT missing\n%s", usage);
		return EXIT_USAGE;
	}
	/* A vanished gzip must surface as a write error, not kill us silently. */
	signal(SIGPIPE, SIG_IGN);

	t0 = now_s();
	if (ends_with(out, ".tar.gz") || ends_with(out, ".tgz"))
		r = capture_sink_tar_open(out, 1, &sink, err, sizeof(err));
	else if (ends_with(out, ".tar"))
		r = capture_sink_tar_open(out, 0, &sink, err, sizeof(err));
	else
		r = capture_sink_dir_open(out, &sink, err, sizeof(err));
	if (r < 0) {
		fprintf(stderr, "mpath-sysfs-capture: %s\n", *err ? err : strerror(-r));
		return EXIT_FAILED;
	}
	r = capture_run(root, sink, &st, err, sizeof(err));
	rc = r < 0 ? EXIT_FAILED : EXIT_SUCCESS;
	if (r < 0)
		fprintf(stderr, "mpath-sysfs-capture: %s\n", *err ? err : strerror(-r));
	r = sink->ops->close(sink, r == 0);
	if (r == -ENOENT)
		fprintf(stderr, "mpath-sysfs-capture: gzip not found (install gzip or busybox, "
				"or write .tar)\n");
	else if (r < 0 && rc == EXIT_SUCCESS)
		fprintf(stderr, "mpath-sysfs-capture: writing %s failed: %s\n", out, strerror(-r));
	if (r < 0)
		rc = EXIT_FAILED;
	if (!quiet)
		fprintf(stderr,
			"mpath-sysfs-capture: %s: %zu dirs, %zu files (%zu bytes), %zu links in "
			"%.2f s; skipped %zu denied, %zu unreadable, %zu read errors, %zu too big, "
			"%zu unresolved links\n",
			rc == EXIT_SUCCESS ? out : "FAILED", st.dirs, st.files, st.bytes, st.links,
			now_s() - t0, st.denied, st.unreadable, st.read_errors, st.too_big,
			st.unresolved);
	return rc;
}
