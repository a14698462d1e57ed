# lab-summary: the seed story: ALUA array with 2 controllers, pull/push each twice under I/O, daemon keeps the map right
# lab-timeout: 420
# Replays shared/seeds/001 (Intel Modular Server, two storage controller
# modules, ALUA): ctrl1 active/optimized, ctrl2 standby, one LUN.
#   pull ctrl2, push ctrl2 (twice); pull ctrl1 (the array fails over: ctrl2's
#   group becomes active/optimized), push ctrl1 (the array fails back) (twice)
# while iocheck writes through the map. A pulled controller is a removed SCSI
# host (its sdX goes away), a pushed one is a new host with a new sdX, as in
# the seed. After every step: the topology, and whether the map converged to the
# expected paths in time.
# The multipath daemon is one variable: LAB_DAEMON (kernel command line
# lab.daemon=..., e.g. `tests/lab/lab run demo --append lab.daemon=mpathd`):
#   mpathd      this project's daemon (/bin/mpathd -d -s; topology and events
#               through its control socket) - the default when it is in the image
#   multipathd  Debian's multipath-tools 0.9.4, the side-by-side reference
. /lab/vsan.sh
if [ -x /bin/mpathd ]; then DAEMON=${LAB_DAEMON:-mpathd}; else DAEMON=${LAB_DAEMON:-multipathd}; fi
echo "daemon: $DAEMON"
STEP_LIMIT=${LAB_STEP_LIMIT:-30}   # seconds a daemon gets to converge after a step
ROUNDS=${LAB_ROUNDS:-2}
export DM_DISABLE_UDEV=1
fail=0

daemon_start() {
	case $DAEMON in
	multipathd)
		vsan_mpt_config
		multipathd -d -s 2>&1 | vsan_prefix 'multipathd: ' &
		;;
	mpathd)
		[ -x /bin/mpathd ] || { echo "LAB_DAEMON=mpathd but /bin/mpathd is not in the image"; exit 77; }
		vsan_mpt_config
		mpathd -d -s 2>&1 | vsan_prefix 'mpathd: ' &
		;;
	*) echo "unknown daemon $DAEMON"; exit 1 ;;
	esac
}

show_topology() {
	case $DAEMON in
	multipathd) timeout 20 multipath -ll 2>&1 | grep -v 'multipathd service is not running' ;;
	mpathd) timeout 20 mpath ctl show topology 2>&1 ;;
	esac
}

map_name() {
	local m
	m=$(dmsetup ls --target multipath 2>/dev/null | awk 'NR==1 && $1 != "No" {print $1}')
	[ -n "$m" ] && echo "$m"
}

# map_paths: "dev_t:state ..." of the map in table order, from dmsetup status
map_paths() {
	dmsetup status "$MAP" 2>/dev/null | awk '{
		for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+:[0-9]+$/) printf "%s:%s ", $i, $(i+1) }'
}

# expect DESCRIPTION DEVT... : the map must contain exactly these paths, all
# active (A), within STEP_LIMIT seconds
expect() {
	local what=$1 t0 want got ok=0
	shift
	want=$(for d in "$@"; do echo "$d:A"; done | sort | tr '\n' ' ')
	t0=$(vsan_now_ms)
	while [ $(($(vsan_now_ms) - t0)) -lt $((STEP_LIMIT * 1000)) ]; do
		got=$(map_paths | tr ' ' '\n' | grep . | sort | tr '\n' ' ')
		[ "$got" = "$want" ] && { ok=1; break; }
		sleep 0.2
	done
	if [ $ok = 1 ]; then
		echo "STEP OK: $what: map has [$want] after $(($(vsan_now_ms) - t0)) ms" | tee -a $OUT/steps.txt
	else
		echo "STEP FAILED: $what: want [$want], map has [$got] after ${STEP_LIMIT}s" | tee -a $OUT/steps.txt
		fail=1
	fi
	echo "dmsetup table: $(dmsetup table "$MAP")"
	echo "dmsetup status: $(dmsetup status "$MAP")"
	show_topology
}

devt_of_ctrl() { # the path of our LUN behind controller N
	local h
	h=$(cat $VSAN_RUN/arrays/ims/host$1)
	vsan_devt "$(vsan__host_disks "$h" | awk '{print $1}')"
}

vsan_modules || exit 1
# INQUIRY as in the seed: the hardware table of multipath-tools knows it.
VSAN_VENDOR=Intel VSAN_PRODUCT=Multi-Flex vsan_alua_array ims 2 1 64 || exit 1
vsan_udevd_start || { echo "udevd did not start"; exit 1; }
vsan_paths
daemon_start
vsan_wait 60 map_name || { echo "no map after 60 s"; exit 1; }
MAP=$(map_name)
echo "map: $MAP"
expect "initial" "$(devt_of_ctrl 1)" "$(devt_of_ctrl 2)"
[ $fail = 0 ] || exit 1

vsan_io_start /dev/mapper/$MAP demo
sleep 2
for r in $(seq 1 $ROUNDS); do
	echo "==== pull ctrl2, round $r"
	vsan_controller_pull ims 2
	expect "ctrl2 pulled ($r)" "$(devt_of_ctrl 1)"
	sleep 2
	echo "==== push ctrl2, round $r"
	vsan_controller_push ims 2
	udevadm settle -t 20
	expect "ctrl2 pushed ($r)" "$(devt_of_ctrl 1)" "$(devt_of_ctrl 2)"
	sleep 2
done
for r in $(seq 1 $ROUNDS); do
	echo "==== pull ctrl1, round $r (array fails over to ctrl2)"
	vsan_controller_pull ims 1
	vsan_alua_state ims ctrl2 ao
	expect "ctrl1 pulled ($r)" "$(devt_of_ctrl 2)"
	sleep 2
	echo "==== push ctrl1, round $r (array fails back to ctrl1)"
	vsan_alua_state ims ctrl1 sb
	vsan_controller_push ims 1
	udevadm settle -t 20
	vsan_alua_state ims ctrl1 ao
	vsan_alua_state ims ctrl2 sb
	expect "ctrl1 pushed ($r)" "$(devt_of_ctrl 1)" "$(devt_of_ctrl 2)"
	sleep 2
done
vsan_io_stop demo || fail=1
grep -q '^IOCHECK .*errors=0 bad_blocks=0' $OUT/iocheck-demo.txt || fail=1
vsan_topology final
if [ "$DAEMON" = mpathd ]; then
	echo "==== mpathd: show events (every path state change, with its reason)"
	timeout 20 mpath ctl show events 2>&1
fi
echo "==== summary ($DAEMON)"
cat $OUT/steps.txt
grep '^IOCHECK' $OUT/iocheck-demo.txt
exit $fail
