# lab-summary: benchmark (report, not a test): multipathd 0.9.4 vs mpathd on scsi_debug 256x4: start-to-idle, RSS, threads, CPU per 1000 checks, reconfigure, aio-nr with directio -> /out
# lab-timeout: 1500
# Same boot, same topology, same multipath.conf (polling_interval = max_polling_interval
# = lab.bench_interval, default 2 s, so both check every path at a fixed rate), one
# daemon after the other (lab.bench_order=mpt,mpathd). Knobs: lab.bench_luns=256,
# lab.bench_paths=4, lab.bench_t=120 (tur window, s), lab.bench_d=30 (directio window, s).
# Per daemon:
#   A. checker tur, no maps exist: start (`multipathd -d -s` / `mpathd -d -s`),
#      start-to-maps (all LUNs have a map, polled with dmsetup) and start-to-idle
#      (also every path has a checker verdict: `multipathd show paths format "%d %T"`,
#      the 0.9.4 client, for both daemons); RSS/HWM/threads then; a T-second window
#      with nobody talking to the daemon: CPU (utime+stime of /proc/PID/stat, all
#      threads), threads sampled every 0.5 s (min/max), SCSI commands sent to the
#      paths by opcode (tracefs hist trigger on scsi:scsi_dispatch_cmd_start, so
#      TEST UNIT READY = tur checks, counted by the kernel for both daemons), mpathd's
#      own checks_total; RSS/HWM at the end; then `reconfigure` (no config change)
#      timed: mpathd answers when done; multipathd answers at once and is polled
#      with `show daemon` until it leaves "configure"; then SIGTERM, time to exit.
#   B. checker directio, maps exist: start again (adopts the maps), start-to-idle,
#      /proc/sys/fs/aio-nr (kernel AIO events reserved), threads, RSS, a D-second
#      CPU window, stop.
#   Then all maps are removed so the next daemon starts from the same state.
# Results: daemon-results.txt (KEY VALUE lines, KEY = <daemon>.<phase>.<metric>),
# logs and samples under <daemon>/.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
LUNS=${LAB_BENCH_LUNS:-256}
NPATHS=${LAB_BENCH_PATHS:-4}
P=$((LUNS * NPATHS))
T=${LAB_BENCH_T:-120}
D=${LAB_BENCH_D:-30}
I=${LAB_BENCH_INTERVAL:-2}
ORDER=$(echo "${LAB_BENCH_ORDER:-mpt,mpathd}" | tr , ' ')
CONF=/etc/multipath.conf
TR=/sys/kernel/tracing
RES=$OUT/daemon-results.txt
rc=0
bad() { echo "BENCH-PROBLEM: $*"; echo "$*" >>$OUT/problems.txt; rc=1; }
put() { echo "$1 $2" >>$RES; echo "  $1 = $2"; } # put KEY VALUE

write_conf() { # write_conf CHECKER
	cat >$CONF <<CONF
# bench: the same file for multipathd 0.9.4 and mpathd
defaults {
	find_multipaths no
	user_friendly_names yes
	retrigger_tries 0
	verbosity 2
	polling_interval $I
	max_polling_interval $I
	path_checker $1
	detect_checker no
	uxsock_timeout 60000
}
CONF
}

nmaps() { dmsetup ls --target multipath 2>/dev/null | grep -vc 'No devices'; }

# status PID: sets RSS HWM THR (kB, kB, count) with builtins only
status() {
	local k v
	RSS=- HWM=- THR=-
	while read -r k v _; do
		case $k in VmRSS:) RSS=$v ;; VmHWM:) HWM=$v ;; Threads:) THR=$v ;; esac
	done </proc/$1/status
}
# ticks PID: utime+stime of all threads, in USER_HZ (100/s) ticks
ticks() {
	local line
	read -r line </proc/$1/stat
	set -- ${line##*") "}
	echo $((${12} + ${13}))
}

# SCSI commands per opcode, counted by the kernel (hist trigger); "opcode count" lines
trace_setup() {
	mount -t tracefs tracefs $TR 2>/dev/null
	if echo 'hist:keys=opcode:size=256' >$TR/events/scsi/scsi_dispatch_cmd_start/trigger 2>/dev/null; then
		TRACE=1
	else
		TRACE=0
		bad "tracefs hist trigger unavailable: SCSI commands not counted"
	fi
}
trace_snap() { # trace_snap FILE
	if [ "$TRACE" = 1 ]; then
		awk '/^\{ opcode:/ { gsub(/[{}]/, ""); print $2, $4 }' $TR/events/scsi/scsi_dispatch_cmd_start/hist >"$1"
	else
		: >"$1"
	fi
}
trace_delta() { # trace_delta BEFORE AFTER OPCODE
	awk -v op="$3" 'NR == FNR { b[$1] = $2; next } $1 == op { d = $2 - b[$1] } END { print d + 0 }' "$1" "$2"
}
trace_total() { # all opcodes
	awk 'NR == FNR { b[$1] = $2; next } { d += $2 - b[$1] } END { print d + 0 }' "$1" "$2"
}

checks_total() { # mpathd's own counter (sum over results), - for multipathd
	case $1 in
	mpathd) mpath ctl show metrics 2>/dev/null | awk '/^mpathd_checks_total/ { s += $2 } END { print s + 0 }' ;;
	*) echo - ;;
	esac
}

start_daemon() { # start_daemon TOOL LOG: sets PID
	case $1 in
	mpt) multipathd -d -s >"$2" 2>&1 & ;;
	mpathd) mpathd -d -s >"$2" 2>&1 & ;;
	esac
	PID=$!
}

checked() { # every path has a checker verdict
	local n
	n=$(timeout 60 multipathd show paths format '%d %T' 2>/dev/null | grep -cE '(ready|ghost|faulty|shaky) *$')
	[ "$n" -ge $P ]
}
all_maps() { [ "$(nmaps)" -ge $LUNS ]; }

# wait_idle TOOL PHASE T0: start-to-maps and start-to-idle
wait_idle() {
	local tool=$1 ph=$2 t0=$3
	vsan_wait 600 all_maps || bad "$tool $ph: $(nmaps) maps after 600 s"
	put $tool.$ph.start_to_maps_ms $(($(vsan_now_ms) - t0))
	vsan_wait 300 checked || bad "$tool $ph: not every path checked after 300 s"
	put $tool.$ph.start_to_idle_ms $(($(vsan_now_ms) - t0))
	[ -d /proc/$PID ] || bad "$tool $ph: daemon died (see log)"
}

# window TOOL PHASE SECONDS: CPU, threads, SCSI commands, counted checks
window() {
	local tool=$1 ph=$2 secs=$3 dir=$OUT/$1 c0 c1 k0 k1 t0 t1 end tmin=99999 tmax=0 now
	k0=$(checks_total $tool)
	trace_snap $dir/$ph.hist0
	c0=$(ticks $PID)
	t0=$(vsan_now_ms)
	end=$((t0 + secs * 1000))
	now=$t0
	while [ $now -lt $end ]; do
		[ -d /proc/$PID ] || { bad "$tool $ph: daemon died during the window"; return; }
		status $PID
		[ "$THR" -lt $tmin ] && tmin=$THR
		[ "$THR" -gt $tmax ] && tmax=$THR
		echo "$((now - t0)) $RSS $THR" >>$dir/$ph.samples
		usleep 500000
		now=$(vsan_now_ms)
	done
	c1=$(ticks $PID)
	t1=$(vsan_now_ms)
	trace_snap $dir/$ph.hist1
	k1=$(checks_total $tool)
	put $tool.$ph.window_ms $((t1 - t0))
	put $tool.$ph.cpu_ticks $((c1 - c0))
	put $tool.$ph.threads_min $tmin
	put $tool.$ph.threads_max $tmax
	put $tool.$ph.checks_expected $((P * (t1 - t0) / (I * 1000)))
	[ "$k0" != - ] && put $tool.$ph.checks_counted $((k1 - k0))
	put $tool.$ph.scsi_tur $(trace_delta $dir/$ph.hist0 $dir/$ph.hist1 0)
	put $tool.$ph.scsi_read10 $(trace_delta $dir/$ph.hist0 $dir/$ph.hist1 40)
	put $tool.$ph.scsi_rtpg $(trace_delta $dir/$ph.hist0 $dir/$ph.hist1 163)
	put $tool.$ph.scsi_inquiry $(trace_delta $dir/$ph.hist0 $dir/$ph.hist1 18)
	put $tool.$ph.scsi_all $(trace_total $dir/$ph.hist0 $dir/$ph.hist1)
	paste $dir/$ph.hist0 $dir/$ph.hist1 >$dir/$ph.hist 2>/dev/null
}

sample() { # sample TOOL PHASE WHEN
	status $PID
	put $1.$2.rss_kb_$3 $RSS
	put $1.$2.hwm_kb_$3 $HWM
	put $1.$2.threads_$3 $THR
}

reconfigure() { # reconfigure TOOL: time until the daemon is done
	local tool=$1 t0 seen=0 st deadline
	t0=$(vsan_now_ms)
	case $tool in
	mpathd)
		timeout 600 mpath ctl reconfigure >$OUT/$tool/reconfigure.out 2>&1 || bad "$tool: reconfigure failed"
		;;
	mpt)
		timeout 60 multipathd reconfigure >$OUT/$tool/reconfigure.out 2>&1 || bad "$tool: reconfigure failed"
		put $tool.A.reconfigure_answer_ms $(($(vsan_now_ms) - t0))
		# configure() runs under the paths lock, which `show maps` needs: it blocks
		# until the reconfiguration is over ("show daemon" does not block).
		deadline=$((t0 + 600000))
		while [ "$(vsan_now_ms)" -lt $deadline ]; do
			timeout 600 multipathd show maps >/dev/null 2>&1
			st=$(timeout 60 multipathd show daemon 2>/dev/null)
			echo "$(($(vsan_now_ms) - t0)) $st" >>$OUT/$tool/reconfigure.poll
			case $st in *configure*) seen=1 ;; *) break ;; esac
		done
		put $tool.A.reconfigure_seen_configure $seen
		;;
	esac
	put $tool.A.reconfigure_ms $(($(vsan_now_ms) - t0))
	vsan_wait 300 all_maps || bad "$tool: $(nmaps) maps after reconfigure"
}

stop_daemon() { # stop_daemon TOOL PHASE
	local t0
	t0=$(vsan_now_ms)
	kill -TERM $PID
	vsan_wait 120 eval "[ ! -d /proc/$PID ]" || { bad "$1 $2: still running 120 s after SIGTERM"; kill -KILL $PID; }
	wait $PID 2>/dev/null
	put $1.$2.stop_ms $(($(vsan_now_ms) - t0))
}

checker_names() { # what the daemon says each path's checker is
	timeout 60 multipathd show paths format '%c' 2>/dev/null | awk 'NR > 1 { n[$1]++ } END { for (c in n) printf "%s:%d ", c, n[c] }'
}

# ------------------------------------------------------------------ the run
{
	echo "kernel $(uname -r)"
	echo "cpus $(grep -c ^processor /proc/cpuinfo)"
	grep MemTotal /proc/meminfo
	echo "luns $LUNS paths_per_lun $NPATHS paths $P interval $I T $T D $D order $ORDER"
	ls -l /bin/mpath /bin/mpathd 2>&1
} | tee $OUT/env.txt
put paths $P
put interval_s $I
put user_hz 100

t0=$(vsan_now_ms)
vsan_scsi_debug "$LUNS" "$NPATHS" 8 || exit 1
echo "topology ready in $(($(vsan_now_ms) - t0)) ms"
# udev database for multipathd: once per LUN, copied to its paths (see bench-cli.sh)
t0=$(vsan_now_ms)
rm -rf /run/udev/data /run/bench/env
mkdir -p /run/udev/data /run/bench/env /etc/multipath
reps=""
for d in $(vsan_disks | awk '{print $1}'); do
	set -- /sys/block/$d/device/scsi_device/*
	h=${1##*/}
	[ -e /run/bench/env/${h##*:}.rep ] && continue
	echo $d >/run/bench/env/${h##*:}.rep
	reps="$reps ${h##*:}:$d"
done
envs() { for x in "$@"; do vsan_udev_env "${x#*:}" >/run/bench/env/${x%%:*}; done; }
envs $(echo $reps | tr ' ' '\n' | awk 'NR % 2 == 0') &
envs $(echo $reps | tr ' ' '\n' | awk 'NR % 2 == 1')
wait
now=$(($(vsan_now_ms) * 1000))
for d in $(vsan_disks | awk '{print $1}'); do
	set -- /sys/block/$d/device/scsi_device/*
	h=${1##*/}
	read -r devt </sys/block/$d/dev
	{
		echo "I:$now"
		while IFS= read -r l; do echo "E:$l"; done </run/bench/env/${h##*:}
	} >/run/udev/data/b$devt
done
echo "udev db for $(ls /run/udev/data | wc -l) disks in $(($(vsan_now_ms) - t0)) ms"
trace_setup
put aio_nr_before $(cat /proc/sys/fs/aio-nr)

for tool in $ORDER; do
	echo "==== $tool"
	mkdir -p $OUT/$tool
	dmsetup remove_all -f >/dev/null 2>&1
	rm -f /etc/multipath/bindings /etc/multipath/wwids
	[ "$(nmaps)" = 0 ] || bad "$tool: maps left before start"

	# A: tur, from no maps
	write_conf tur
	cp $CONF $OUT/$tool/multipath-A.conf
	put $tool.A.aio_nr_before $(cat /proc/sys/fs/aio-nr)
	t0=$(vsan_now_ms)
	start_daemon $tool $OUT/$tool/A.log
	wait_idle $tool A $t0
	put $tool.A.checkers "$(checker_names)"
	sample $tool A start
	put $tool.A.aio_nr $(cat /proc/sys/fs/aio-nr)
	window $tool A $T
	sample $tool A end
	[ $tool = mpathd ] && mpath ctl show metrics >$OUT/$tool/metrics-A.txt 2>&1
	reconfigure $tool
	sample $tool A reconf
	stop_daemon $tool A
	[ "$(nmaps)" -ge $LUNS ] || bad "$tool: maps gone after stop"

	# B: directio, maps exist (adopted)
	write_conf directio
	cp $CONF $OUT/$tool/multipath-B.conf
	put $tool.B.aio_nr_before $(cat /proc/sys/fs/aio-nr)
	t0=$(vsan_now_ms)
	start_daemon $tool $OUT/$tool/B.log
	wait_idle $tool B $t0
	put $tool.B.checkers "$(checker_names)"
	sample $tool B start
	put $tool.B.aio_nr $(cat /proc/sys/fs/aio-nr)
	window $tool B $D
	sample $tool B end
	put $tool.B.aio_nr_end $(cat /proc/sys/fs/aio-nr)
	[ $tool = mpathd ] && mpath ctl show metrics >$OUT/$tool/metrics-B.txt 2>&1
	stop_daemon $tool B
	put $tool.B.aio_nr_after_exit $(cat /proc/sys/fs/aio-nr)
	tail -n 20 $OUT/$tool/A.log | sed "s/^/  $tool A log: /"
	tail -n 5 $OUT/$tool/B.log | sed "s/^/  $tool B log: /"
done
dmsetup remove_all -f >/dev/null 2>&1
echo "==== results"
cat $RES
exit $rc
