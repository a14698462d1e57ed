#!/bin/sh
# Runs in the Debian VM (lab-run.service, after multi-user.target) from the
# read-only "labrun" disk mounted on /lab: sources /lab/scenario.sh and calls
# its function phase<N> (lab.phase=N on the kernel command line), prints
# "LAB-VERDICT: PASS|FAIL <scenario> phase<N>", writes $OUT as a tar onto
# the output disk (/dev/vdc) and powers off at once.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/lab/bin
export LANG=C LC_ALL=C

param() {
	for w in $(cat /proc/cmdline); do
		case $w in "$1="*) echo "${w#*=}"; return 0 ;; esac
	done
	return 1
}
SCENARIO=$(param lab.scenario || echo none)
PHASE=$(param lab.phase || echo 1)
TIMEOUT=$(param lab.timeout || echo 600)
[ "$SCENARIO" = shell ] && exit 0
export OUT=/run/lab-out
mkdir -p "$OUT"

say() { echo "[lab $(cut -d' ' -f1 /proc/uptime)] $*"; }
# The host watches the console for these requests (tests/lab/debian).
host() { echo "LAB-HOST: $*"; }
now_ms() { awk '{printf "%d\n", $1 * 1000}' /proc/uptime; }
wait_for() { # SECONDS COMMAND...: poll every 0.25 s
	t=$1
	shift
	end=$(($(now_ms) + t * 1000))
	while [ "$(now_ms)" -lt "$end" ]; do
		"$@" >/dev/null 2>&1 && return 0
		sleep 0.25
	done
	return 1
}

finish() {
	verdict=$1
	journalctl -b --no-pager >"$OUT/journal.txt" 2>/dev/null
	# An initramfs rebuilt in this boot (a package's hook) is what the next
	# boot must use: the host boots kernel and initrd from outside the disk.
	initrd=/boot/initrd.img-$(uname -r)
	booted=$(($(date +%s) - $(cut -d. -f1 /proc/uptime)))
	if [ -f "$initrd" ] && [ "$(stat -c %Y "$initrd")" -gt "$booted" ]; then
		mkdir -p "$OUT/boot"
		cp "$initrd" "$OUT/boot/initrd.img"
		echo "lab: initramfs rebuilt in this boot; the next boot uses it"
	fi
	echo "LAB-VERDICT: $verdict $SCENARIO phase$PHASE"
	tar -cf /dev/vdc -C "$OUT" . 2>/dev/null || echo "lab: writing the output disk failed"
	sync
	echo "LAB-END"
	systemctl poweroff -ff
}

# lab.timeout is the budget of the whole boot (the host kills qemu 60 s
# after it): what the boot used is gone, so the watchdog gets the rest.
left=$((TIMEOUT - $(cut -d. -f1 /proc/uptime) - 10))
[ "$left" -gt 30 ] || left=30
( sleep "$left"; echo "lab: guest timeout (${TIMEOUT}s boot budget)"; ps axf | tail -n 30; finish FAIL ) &

. /lab/scenario.sh
rc=0
# Kept in $OUT and streamed to the console as it happens, so that a phase
# that hangs still shows how far it got.
"phase$PHASE" >"$OUT/phase$PHASE.log" 2>&1 &
phase_pid=$!
tail -n +1 -f "$OUT/phase$PHASE.log" &
tail_pid=$!
wait $phase_pid || rc=$?
sleep 1
kill $tail_pid 2>/dev/null
if [ $rc = 0 ]; then finish PASS; else finish FAIL; fi
