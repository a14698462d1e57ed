# lab-summary: benchmark (report, not a test): multipath-tools 0.9.4 vs mpath CLI on scsi_debug 64x4 and 256x4: create, -ll, no-change rerun, flush; tables compared -> /out
# lab-timeout: 1500
# Same boot, same topology, same multipath.conf, no daemon running. For each
# size (lab.bench_sizes=64,256; lab.bench_paths=4) and each tool, in the order
# lab.bench_order=mpt,mpath:
#   create   `multipath`          / `mpath --config C --state-dir S`   (all maps created)
#   ll       `multipath -ll`      / `mpath -ll ...`                    (checks every path)
#   rerun    `multipath`          / `mpath ...`                        (nothing to change)
#   flush    `multipath -F`       / `mpath -F ...`
# Results in $OUT:
#   cli-results.txt   one line per step: size tool step wall_ms rc user_s sys_s maxrss_kb maps
#   <LUNS>x<PATHS>/<tool>/STEP.out        what the command printed
#   <LUNS>x<PATHS>/<tool>/table.txt       `dmsetup table` after create, map names replaced by dm uuids
#   <LUNS>x<PATHS>/<tool>/names.txt       uuid -> map name
#   <LUNS>x<PATHS>/table.diff             diff of the two tables (empty: identical)
# Wall times come from /proc/uptime (10 ms resolution); user/sys/maxrss from
# busybox `time`. Verdict: PASS when every step ran (exit 0) and created all maps;
# a tool failing is reported, not hidden.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
SIZES=$(echo "${LAB_BENCH_SIZES:-64,256}" | tr , ' ')
NPATHS=${LAB_BENCH_PATHS:-4}
ORDER=$(echo "${LAB_BENCH_ORDER:-mpt,mpath}" | tr , ' ')
CONF=/etc/multipath.conf
MPATH_STATE=/run/bench/mpath-state
rc=0
bad() { echo "BENCH-PROBLEM: $*"; echo "$*" >>$OUT/problems.txt; rc=1; }

mkdir -p /etc/multipath $MPATH_STATE
cat >$CONF <<CONF
# bench: the same file for multipath-tools 0.9.4 and mpath
defaults {
	find_multipaths no
	user_friendly_names yes
	retrigger_tries 0
	verbosity 2
}
CONF
cp $CONF $OUT/multipath.conf
{
	echo "kernel $(uname -r)"
	echo "cpus $(grep -c ^processor /proc/cpuinfo)"
	grep MemTotal /proc/meminfo
	multipath -h 2>&1 | sed -n 1p
	ls -l /bin/mpath /bin/mpathd 2>&1
} >$OUT/env.txt

nmaps() { dmsetup ls --target multipath 2>/dev/null | grep -vc 'No devices'; }

# tool_cmd TOOL STEP: the command line of a step
tool_cmd() {
	case $1.$2 in
	mpt.create | mpt.rerun) echo "multipath" ;;
	mpt.ll) echo "multipath -ll" ;;
	mpt.flush) echo "multipath -F" ;;
	mpath.create | mpath.rerun) echo "mpath --config $CONF --state-dir $MPATH_STATE" ;;
	mpath.ll) echo "mpath -ll --config $CONF --state-dir $MPATH_STATE" ;;
	mpath.flush) echo "mpath -F --config $CONF --state-dir $MPATH_STATE" ;;
	esac
}

# step SIZE TOOL STEP: runs and times one step
step() {
	local size=$1 tool=$2 name=$3 dir t0 t1 r ru cmd
	dir=$OUT/$size/$tool
	cmd=$(tool_cmd "$tool" "$name")
	t0=$(vsan_now_ms)
	time -f '%U %S %M' -o $dir/$name.rusage timeout 900 $cmd >$dir/$name.out 2>&1
	r=$?
	t1=$(vsan_now_ms)
	ru=$(tail -n 1 $dir/$name.rusage)
	echo "$size $tool $name $((t1 - t0)) $r $ru $(nmaps)" >>$OUT/cli-results.txt
	echo "$size $tool $name: $((t1 - t0)) ms (exit $r; user/sys/maxrss_kb $ru; $(nmaps) maps)  [$cmd]"
	[ $r = 0 ] || bad "$size $tool $name: exit $r ($(tail -n 3 $dir/$name.out | tr '\n' ' '))"
}

# table_by_uuid DIR: dmsetup table with the map names replaced by the dm uuids
table_by_uuid() {
	dmsetup info -c --noheadings -o name,uuid --separator ' ' 2>/dev/null | sort >$1/names.raw
	awk '{print $2, $1}' $1/names.raw | sort >$1/names.txt
	dmsetup table 2>/dev/null | awk 'NR == FNR { u[$1 ":"] = $2; next }
		{ n = $1; $1 = ($1 in u) ? u[$1] ":" : $1; print }' $1/names.raw - | sort >$1/table.txt
	rm -f $1/names.raw
	dmsetup status 2>/dev/null | sort >$1/status.txt
}

clean_state() {
	dmsetup remove_all -f >/dev/null 2>&1
	rm -f /etc/multipath/bindings /etc/multipath/wwids $MPATH_STATE/*
	for f in /dev/mapper/*; do [ "${f##*/}" = control ] || rm -f "$f"; done
}

# udev database for multipath-tools (it ignores devices without one). vsan_udev_db_all
# runs sg_inq three times per disk (~0.3 s per disk under TCG: 5 min for 1024 disks),
# so the properties are computed with vsan_udev_env once per LUN (first path, two LUNs
# at a time) and copied to the LUN's other paths. Only the per-port properties
# (SCSI_IDENT_PORT_*, ID_TARGET_PORT) are then those of the first path; multipath-tools
# uses ID_SERIAL/ID_WWN (uid_attribute, blacklist_exceptions property) and reads the
# ports itself from sysfs.
udev_db_fast() {
	local d hctl lun reps="" now l devt n=0
	rm -rf /run/udev/data /run/bench/env
	mkdir -p /run/udev/data /run/bench/env
	for d in $(vsan_disks | awk '{print $1}'); do
		set -- /sys/block/$d/device/scsi_device/*
		hctl=${1##*/}
		lun=${hctl##*:}
		[ -e /run/bench/env/$lun.rep ] && continue
		echo "$d" >/run/bench/env/$lun.rep
		reps="$reps $lun:$d"
	done
	envs() { local x; for x in "$@"; do vsan_udev_env "${x#*:}" >/run/bench/env/${x%%:*}; done; }
	envs $(echo $reps | tr ' ' '\n' | awk 'NR % 2 == 0') &
	envs $(echo $reps | tr ' ' '\n' | awk 'NR % 2 == 1')
	wait
	now=$(($(vsan_now_ms) * 1000))
	for d in $(vsan_disks | awk '{print $1}'); do
		set -- /sys/block/$d/device/scsi_device/*
		hctl=${1##*/}
		lun=${hctl##*:}
		read -r devt </sys/block/$d/dev
		{
			echo "I:$now"
			while IFS= read -r l; do echo "E:$l"; done </run/bench/env/$lun
		} >/run/udev/data/b$devt
		n=$((n + 1))
	done
	if [ "${LAB_BENCH_VALIDATE_DB:-0}" = 1 ]; then # the shortcut vs the full per-disk way
		for d in $(vsan_disks | awk '{print $1}'); do
			read -r devt </sys/block/$d/dev
			vsan_udev_env $d | grep -E '^(ID_SERIAL|ID_WWN)=' | sed 's/^/E:/' >/tmp/full
			grep -E '^E:(ID_SERIAL|ID_WWN)=' /run/udev/data/b$devt | cmp -s - /tmp/full ||
				bad "udev db shortcut differs for $d"
		done
		echo "udev db shortcut validated on $n disks"
	fi
}

for luns in $SIZES; do
	size=${luns}x$NPATHS
	echo "==== $size"
	t0=$(vsan_now_ms)
	vsan_scsi_debug "$luns" "$NPATHS" 8 || { bad "$size: scsi_debug did not come up"; continue; }
	echo "$size: topology ready in $(($(vsan_now_ms) - t0)) ms"
	t0=$(vsan_now_ms)
	udev_db_fast
	echo "$size: udev db for $(ls /run/udev/data | wc -l) disks in $(($(vsan_now_ms) - t0)) ms"
	clean_state
	for tool in $ORDER; do
		mkdir -p $OUT/$size/$tool
		step $size $tool create
		[ "$(nmaps)" = "$luns" ] || bad "$size $tool: $(nmaps) maps after create, expected $luns"
		table_by_uuid $OUT/$size/$tool
		step $size $tool ll
		step $size $tool rerun
		mkdir -p $OUT/$size/$tool.rerun
		table_by_uuid $OUT/$size/$tool.rerun
		cmp -s $OUT/$size/$tool/table.txt $OUT/$size/$tool.rerun/table.txt ||
			bad "$size $tool: the no-change rerun changed the tables"
		step $size $tool flush
		[ "$(nmaps)" = 0 ] || bad "$size $tool: $(nmaps) maps left after flush"
		cp /etc/multipath/bindings $OUT/$size/$tool/bindings.mpt 2>/dev/null
		cp $MPATH_STATE/bindings $OUT/$size/$tool/bindings.mpath 2>/dev/null
		clean_state
	done
	set -- $ORDER
	if [ -f $OUT/$size/$1/table.txt ] && [ -f $OUT/$size/$2/table.txt ]; then
		diff $OUT/$size/$1/table.txt $OUT/$size/$2/table.txt >$OUT/$size/table.diff
		echo "$size: tables $1 vs $2: $(grep -c '^[<>]' $OUT/$size/table.diff) differing lines"
		head -n 6 $OUT/$size/table.diff
		diff $OUT/$size/$1/names.txt $OUT/$size/$2/names.txt >$OUT/$size/names.diff
		echo "$size: names $1 vs $2: $(grep -c '^[<>]' $OUT/$size/names.diff) differing lines"
	fi
	modprobe -r scsi_debug 2>/dev/null
	[ -d /sys/module/scsi_debug ] && bad "$size: scsi_debug did not unload"
	rm -rf /run/udev/data
done
echo "==== results (size tool step wall_ms rc user_s sys_s maxrss_kb maps)"
cat $OUT/cli-results.txt
exit $rc
