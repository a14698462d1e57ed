#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# iocheck end to end on a regular file: a clean run passes, a byte flipped
# between the run and a --verify-only pass is caught, bad arguments exit 2.
# Usage: iocheck-cli.sh PATH/TO/iocheck
set -u
IOCHECK=$1
T=$(mktemp -d "${TMPDIR:-/tmp}/iocheck-cli.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# expect RC CMD...: run, keep stdout/stderr in $T/out and $T/err, check the exit code.
expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	[ "$rc" = "$want" ] || { cat "$T/out" "$T/err" >&2; fail "exit $rc, wanted $want: $*"; }
}
field() { sed -n "s/^IOCHECK .*$1=\([0-9]*\).*/\1/p" "$T/out"; }

# tmpfs has no O_DIRECT, hence --no-direct; the file is created short on purpose.
: >"$T/disk"
expect 0 "$IOCHECK" --dev "$T/disk" --no-direct --blocks 64 --ops 2000 --quiet \
	--state "$T/state" --report "$T/report"
grep -Eq '^IOCHECK ops=[0-9]+ errors=0 bad_blocks=0 uncertain=0 max_stall_ms=[0-9]+$' "$T/out" ||
	fail "final line: $(cat "$T/out")"
[ "$(field ops)" -ge 2000 ] || fail "ops $(field ops)"
grep -qx 'result=pass' "$T/report" || fail "report: $(cat "$T/report")"
grep -qx 'bad_blocks=0' "$T/report" || fail "report bad_blocks"
[ "$(stat -c %s "$T/disk")" = $((64 * 4096)) ] || fail "file not grown to 64 blocks"
[ -s "$T/err" ] && fail "--quiet printed: $(cat "$T/err")"

# The saved state verifies cleanly on its own...
expect 0 "$IOCHECK" --dev "$T/disk" --no-direct --verify-only --state "$T/state" --quiet
[ "$(field ops)" = 64 ] || fail "verify-only read $(field ops) blocks, wanted 64"

# ...and catches one flipped byte in the payload of block 5.
printf '\377' | dd of="$T/disk" bs=1 seek=$((5 * 4096 + 1000)) conv=notrunc 2>/dev/null
expect 1 "$IOCHECK" --dev "$T/disk" --no-direct --verify-only --state "$T/state"
[ "$(field bad_blocks)" -ge 1 ] || fail "corruption not reported: $(cat "$T/out")"
grep -q 'BAD block 5 ' "$T/err" || fail "no detail for block 5: $(cat "$T/err")"

# A block copied over another (misdirected write) is caught too.
dd if="$T/disk" of="$T/disk" bs=4096 skip=1 seek=2 count=1 conv=notrunc 2>/dev/null
expect 1 "$IOCHECK" --dev "$T/disk" --no-direct --verify-only --state "$T/state"
grep -q 'BAD block 2 .*misdirected' "$T/err" || fail "misdirected write: $(cat "$T/err")"

# Timed run with progress lines.
expect 0 "$IOCHECK" --dev "$T/disk" --no-direct --seconds 2 --blocks 16
grep -q '^iocheck: t=1s ops=[0-9]* errors=0 max_stall_ms=[0-9]*$' "$T/err" ||
	fail "no progress line: $(cat "$T/err")"

# SIGTERM with --seconds 0 ends the run, which still verifies and reports.
"$IOCHECK" --dev "$T/disk" --no-direct --seconds 0 --blocks 16 --quiet >"$T/out" 2>&1 &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" = 0 ] || fail "SIGTERM run exit $rc: $(cat "$T/out")"
grep -q '^IOCHECK ops=' "$T/out" || fail "no final line after SIGTERM"

# Usage and setup errors: exit 2 with a message, no final line.
expect 2 "$IOCHECK"
grep -q 'dev PATH is required' "$T/err" || fail "missing --dev message"
expect 2 "$IOCHECK" --dev "$T/disk" --block-size 1000
grep -q 'power of two' "$T/err" || fail "block size message"
expect 2 "$IOCHECK" --dev "$T/disk" --seconds abc
expect 2 "$IOCHECK" --dev "$T/disk" --frobnicate
expect 2 "$IOCHECK" --dev "$T/disk" --verify-only
expect 2 "$IOCHECK" --dev "$T/nonexistent" --no-direct
grep -q 'cannot open' "$T/err" || fail "missing device message"
[ -e "$T/nonexistent" ] && fail "created the missing device"
: >"$T/empty"
expect 2 "$IOCHECK" --dev "$T/empty" --no-direct
grep -q 'give --blocks' "$T/err" || fail "empty file message"
expect 2 "$IOCHECK" --dev "$T" --no-direct --blocks 4
printf 'garbage\n' >"$T/badstate"
expect 2 "$IOCHECK" --dev "$T/disk" --no-direct --verify-only --state "$T/badstate"
grep -q 'malformed state file' "$T/err" || fail "bad state message"
expect 0 "$IOCHECK" --help
grep -q '^usage: iocheck' "$T/out" || fail "help"
echo "ok"
