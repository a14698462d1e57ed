/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Validators for values with an inner syntax. The kernel rejects a whole
 * table when an argument count is wrong, so we catch such mistakes here,
 * where we can still name the file and line.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/macros.h"
#include "config/config.h"
#include "config/keywords.h"

int mp_parse_long(const char *s, long *ret)
{
	char *end;
	long v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	*ret = v;
	return 0;
}

int mp_parse_bool(const char *s, bool *ret)
{
	static const char *const yes[] = {"yes", "on", "1"};
	static const char *const no[] = {"no", "off", "0"};

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (streq(s, yes[i])) {
			*ret = true;
			return 0;
		}
		if (streq(s, no[i])) {
			*ret = false;
			return 0;
		}
	}
	return -EINVAL;
}

/* Splits at blanks into at most max words; returns the count, or max + 1 if there are more. */
static size_t split_words(const char *value, char words[][64], size_t max)
{
	size_t n = 0;
	const char *p = value;

	for (;;) {
		size_t len;

		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			return n;
		len = strcspn(p, " \t");
		if (n == max)
			return max + 1;
		snprintf(words[n], 64, "%.*s", (int)(len < 63 ? len : 63), p);
		n++;
		p += len;
	}
}

/* "<count> <arg>...": the count must equal the number of arguments that follow. */
static int check_counted_list(const char *what, char words[][64], size_t n, char *why,
			      size_t why_size)
{
	long count;

	if (n == 0 || mp_parse_long(words[0], &count) < 0) {
		snprintf(why, why_size, "%s must start with the number of arguments", what);
		return -EINVAL;
	}
	if (count < 0 || (size_t)count != n - 1) {
		snprintf(why, why_size, "%s announces %ld argument(s) but has %zu", what, count,
			 n - 1);
		return -EINVAL;
	}
	return 0;
}

#define MAX_WORDS 32

int mp_validate_features(const char *value, char *why, size_t why_size)
{
	char words[MAX_WORDS][64];
	size_t n = split_words(value, words, MAX_WORDS);

	if (n > MAX_WORDS) {
		snprintf(why, why_size, "too many features");
		return -EINVAL;
	}
	return check_counted_list("features", words, n, why, why_size);
}

int mp_validate_hardware_handler(const char *value, char *why, size_t why_size)
{
	static const char *const handlers[] = {"emc", "rdac", "hp_sw", "alua", "ana"};
	char words[MAX_WORDS][64];
	size_t n = split_words(value, words, MAX_WORDS);
	int r;

	if (n > MAX_WORDS) {
		snprintf(why, why_size, "too many words");
		return -EINVAL;
	}
	r = check_counted_list("hardware_handler", words, n, why, why_size);
	if (r < 0 || n == 1)
		return r;
	for (size_t i = 0; i < ARRAY_SIZE(handlers); i++)
		if (streq(words[1], handlers[i]))
			return 0;
	snprintf(why, why_size, "unknown hardware handler \"%s\" (emc, rdac, hp_sw, alua, ana)",
		 words[1]);
	return -EINVAL;
}

int mp_validate_path_selector(const char *value, char *why, size_t why_size)
{
	static const char *const selectors[] = {"round-robin", "queue-length", "service-time",
						"historical-service-time", "io-affinity"};
	char words[MAX_WORDS][64];
	size_t n = split_words(value, words, MAX_WORDS);
	bool known = false;

	if (n == 0 || n > MAX_WORDS) {
		snprintf(why, why_size, "expected \"<selector> <#args> [args]\"");
		return -EINVAL;
	}
	for (size_t i = 0; i < ARRAY_SIZE(selectors); i++)
		known |= streq(words[0], selectors[i]);
	if (!known) {
		snprintf(why, why_size,
			 "unknown path selector \"%s\" (round-robin, queue-length, service-time, "
			 "historical-service-time, io-affinity)",
			 words[0]);
		return -EINVAL;
	}
	/* a bare name is what older configs wrote; the kernel gets "<name> 0" */
	if (n == 1)
		return 0;
	return check_counted_list("path_selector arguments", words + 1, n - 1, why, why_size);
}

/* "file", or up to 8 bytes in hex ("0x" optional), optionally followed by ":aptpl". */
int mp_reservation_key_parse(const char *value, struct mp_reservation_key *ret)
{
	struct mp_reservation_key k = {0};
	const char *p = value;
	size_t digits;

	if (streq(value, "file")) {
		k.from_file = true;
		*ret = k;
		return 0;
	}
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	digits = strspn(p, "0123456789abcdefABCDEF");
	if (digits == 0 || digits > 16 || (p[digits] && !streq(p + digits, ":aptpl")))
		return -EINVAL;
	for (size_t i = 0; i < digits; i++) {
		int c = p[i] | 0x20;

		k.key = k.key << 4 | (uint64_t)(c <= '9' ? c - '0' : c - 'a' + 10);
	}
	k.aptpl = p[digits] != '\0';
	*ret = k;
	return 0;
}

int mp_validate_reservation_key(const char *value, char *why, size_t why_size)
{
	struct mp_reservation_key k;

	if (mp_reservation_key_parse(value, &k) < 0) {
		snprintf(why, why_size, "expected \"file\" or a hex key of up to 8 bytes, "
					"optionally followed by \":aptpl\"");
		return -EINVAL;
	}
	return 0;
}

/* "type:ATTR type:ATTR ..." */
int mp_validate_uid_attrs(const char *value, char *why, size_t why_size)
{
	char words[MAX_WORDS][64];
	size_t n = split_words(value, words, MAX_WORDS);

	if (n > MAX_WORDS) {
		snprintf(why, why_size, "too many entries");
		return -EINVAL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *colon = strchr(words[i], ':');

		if (!colon || colon == words[i] || !colon[1]) {
			snprintf(why, why_size, "\"%s\" is not of the form type:ATTR", words[i]);
			return -EINVAL;
		}
	}
	return 0;
}

/*
 * glibc compiles a counted repetition by copying the repeated tree, so
 * "(a{50}){50}" or "a++++..." grow exponentially, and a back reference makes
 * matching backtrack. A config file must not be able to hang the daemon, so
 * we estimate the compiled size (atoms, times their repetition counts) and
 * refuse patterns above a budget no real vendor/product/devnode rule nears.
 */
#define MAX_REGEX_LENGTH 1024
#define MAX_REGEX_WEIGHT 4096
#define MAX_REGEX_GROUPS 32

static unsigned long saturating_mul(unsigned long a, unsigned long b)
{
	return b && a > MAX_REGEX_WEIGHT / b ? MAX_REGEX_WEIGHT + 1 : a * b;
}

/* Skips a bracket expression starting at p ('['); returns the position after its ']'. */
static const char *skip_bracket(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (p[0] == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *end = strchr(p + 2, p[1]);

			p = end && end[1] == ']' ? end + 2 : p + 1;
		} else {
			p++;
		}
	}
	return *p ? p + 1 : p;
}

/* Reads "{n}", "{n,}" or "{n,m}" at p; returns the largest count, or 0 if p is no interval. */
static unsigned long interval_count(const char *p, const char **ret_end)
{
	char *end;
	unsigned long n, m;

	if (p[1] < '0' || p[1] > '9')
		return 0;
	n = strtoul(p + 1, &end, 10);
	m = n;
	if (*end == ',') {
		m = end[1] >= '0' && end[1] <= '9' ? strtoul(end + 1, &end, 10) : (end++, n + 1);
		if (*end != '}')
			return 0;
	}
	if (*end != '}')
		return 0;
	*ret_end = end + 1;
	return (n > m ? n : m) + 1;
}

static int check_regex_cost(const char *value, char *why, size_t why_size)
{
	unsigned long sum[MAX_REGEX_GROUPS + 1] = {0}, last[MAX_REGEX_GROUPS + 1] = {0};
	size_t depth = 0;
	const char *p = value;

	if (strlen(value) > MAX_REGEX_LENGTH) {
		snprintf(why, why_size, "regular expression longer than %d characters",
			 MAX_REGEX_LENGTH);
		return -EINVAL;
	}
	while (*p) {
		unsigned long factor = 0, atom = 1;
		const char *next = p + 1;

		switch (*p) {
		case '\\':
			if (p[1] >= '1' && p[1] <= '9') {
				snprintf(why, why_size, "back references are not supported");
				return -EINVAL;
			}
			next = p[1] ? p + 2 : p + 1;
			break;
		case '[':
			next = skip_bracket(p);
			break;
		case '(':
			if (depth == MAX_REGEX_GROUPS) {
				snprintf(why, why_size, "more than %d nested groups",
					 MAX_REGEX_GROUPS);
				return -EINVAL;
			}
			depth++;
			sum[depth] = last[depth] = 0;
			p = next;
			continue;
		case ')':
			if (depth == 0)
				break; /* an unmatched ')' is an ordinary character in ERE */
			atom = sum[depth] ? sum[depth] : 1;
			depth--;
			break;
		case '*':
		case '?':
			factor = 1;
			break;
		case '+':
			factor = 2;
			break;
		case '{':
			factor = interval_count(p, &next);
			if (!factor)
				next = p + 1;
			break;
		case '|':
			last[depth] = 0;
			p = next;
			continue;
		default:
			break;
		}
		if (factor) {
			unsigned long grown = saturating_mul(last[depth] ? last[depth] : 1, factor);

			sum[depth] = sum[depth] - last[depth] + grown;
			last[depth] = grown;
		} else {
			sum[depth] += atom;
			last[depth] = atom;
		}
		if (sum[depth] > MAX_REGEX_WEIGHT) {
			snprintf(why, why_size, "regular expression too complex (repetitions)");
			return -EINVAL;
		}
		p = next;
	}
	return 0;
}

int mp_validate_regex(const char *value, char *why, size_t why_size)
{
	regex_t re;
	int r = check_regex_cost(value, why, why_size);

	if (r < 0)
		return r;
	r = regcomp(&re, value, REG_EXTENDED | REG_NOSUB);

	if (r != 0) {
		char msg[128];

		regerror(r, &re, msg, sizeof(msg));
		snprintf(why, why_size, "invalid regular expression: %s", msg);
		return -EINVAL;
	}
	regfree(&re);
	return 0;
}

/* An octal permission mode, at most 0777 (mode of the map's device node). */
int mp_validate_mode(const char *value, char *why, size_t why_size)
{
	char *end;
	unsigned long m;

	errno = 0;
	m = strtoul(value, &end, 8);
	if (!value[0] || *end || errno || m > 0777 || value[0] == '-') {
		snprintf(why, why_size, "expected an octal mode up to 0777");
		return -EINVAL;
	}
	return 0;
}
