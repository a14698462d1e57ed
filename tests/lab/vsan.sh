# vsan.sh: a virtual SAN for the lab VM (busybox sh). Source it from a scenario:
#     . /lab/vsan.sh
# Two kinds of arrays:
#   scsi_debug        every host sees the same LUNs (vpd_use_hostno=0); ALUA state
#                     fixed per host (host_no % 3: A/O, A/NO, standby)
#   LIO + tcm_loop    ramdisk backstores, one tcm_loop target port (= one SCSI host
#                     on the initiator side) per controller, ALUA target port groups
#                     whose states can be changed at will (implicit ALUA)
# State of what was built lives under /run/vsan.
# Functions return non-zero on failure and print "vsan: ..." lines.

VSAN_RUN=/run/vsan
VSAN_CFG=/sys/kernel/config
VSAN_SDEBUG=/sys/bus/pseudo/drivers/scsi_debug
mkdir -p $VSAN_RUN

vsan_log() { echo "vsan: $*"; }
vsan_prefix() { local l; while IFS= read -r l; do echo "$1$l"; done; } # unbuffered
vsan_die() { echo "vsan: FATAL: $*"; exit 1; }

vsan_now_ms() { # milliseconds since boot
	local up
	read -r up _ </proc/uptime
	echo $((${up%.*} * 1000 + 10#${up#*.}0))
}

# vsan_wait SECONDS CMD...: polls CMD every 0.1 s until it succeeds.
vsan_wait() {
	local deadline=$(($(vsan_now_ms) + $1 * 1000))
	shift
	while ! "$@" 2>/dev/null; do
		[ "$(vsan_now_ms)" -ge $deadline ] && return 1
		sleep 0.1
	done
	return 0
}

# ----------------------------------------------------------------- modules
VSAN_MODULES_BASE="sd_mod sg scsi_dh_alua scsi_dh_rdac scsi_dh_emc dm-mod dm-multipath dm-round-robin dm-service-time dm-queue-length"
vsan_modules() { # vsan_modules [extra modules...]: the initiator side
	local m
	for m in $VSAN_MODULES_BASE "$@"; do
		modprobe "$m" || { vsan_log "modprobe $m failed"; return 1; }
	done
	[ -e /dev/mapper/control ] || { mkdir -p /dev/mapper; dmsetup mknodes >/dev/null 2>&1; }
	return 0
}

# ----------------------------------------------------------------- paths
# All SCSI disks: "sdX H:C:T:L" lines sorted by H:C:T:L.
vsan_disks() {
	local d
	for d in /sys/block/sd*/device/scsi_device/*; do
		[ -e "$d" ] || continue
		d=${d#/sys/block/}
		echo "${d##*/} ${d%%/*}"
	done | sort -t: -k1,1n -k2,2n -k3,3n -k4,4n | awk '{print $2, $1}'
}

vsan_devt() { local v; read -r v <"/sys/block/$1/dev" && echo "$v"; } # sdX -> maj:min
vsan_hctl() { set -- /sys/block/$1/device/scsi_device/*; echo "${1##*/}"; }
vsan_host_of() { local h; h=$(vsan_hctl "$1"); echo "${h%%:*}"; }
vsan_access_state() { local v=-; read -r v <"/sys/block/$1/device/access_state" 2>/dev/null; echo "$v"; }
vsan_size_sectors() { local v; read -r v <"/sys/block/$1/size" && echo "$v"; }

# Disks whose kernel WWID (device/wwid) equals $1.
vsan_disks_with_wwid() {
	local d w
	for d in $(vsan_disks | awk '{print $1}'); do
		w=
		read -r w <"/sys/block/$d/device/wwid" 2>/dev/null
		[ "$w" = "$1" ] && echo "$d"
	done
}

# ----------------------------------------------------------------- scsi_debug
# vsan_scsi_debug LUNS PATHS [SIZE_MB] [extra module params...]
vsan_scsi_debug() {
	local luns=$1 paths=$2 size=${3:-16} t0
	shift 2
	[ $# -gt 0 ] && shift
	vsan_modules || return 1
	t0=$(vsan_now_ms)
	modprobe scsi_debug dev_size_mb="$size" max_luns="$luns" num_tgts=1 add_host="$paths" \
		vpd_use_hostno=0 delay=0 "$@" || return 1
	echo "$luns $paths" >$VSAN_RUN/scsi_debug
	vsan_wait 30 vsan__sdebug_count_is $((luns * paths)) ||
		{ vsan_log "scsi_debug: expected $((luns * paths)) disks, have $(vsan__sdebug_count)"; return 1; }
	# access_state reads active/optimized for ~2 s before the first RTPG completes.
	local left=$((3000 - ($(vsan_now_ms) - t0)))
	[ $left -gt 0 ] && usleep $((left * 1000))
	vsan_log "scsi_debug: $luns LUNs x $paths paths ready in $(($(vsan_now_ms) - t0)) ms"
}

vsan__sdebug_count() { # disks on scsi_debug hosts with a known size
	local n=0 d h pn sz
	for d in /sys/block/sd*/device/scsi_device/*; do
		[ -e "$d" ] || continue
		h=${d##*/}
		pn=
		read -r pn </sys/class/scsi_host/host${h%%:*}/proc_name
		[ "$pn" = scsi_debug ] || continue
		d=${d#/sys/block/}
		sz=0
		read -r sz </sys/block/${d%%/*}/size
		[ "$sz" != 0 ] && n=$((n + 1))
	done
	echo $n
}
vsan__sdebug_count_is() { [ "$(vsan__sdebug_count)" -ge "$1" ]; }

# ----------------------------------------------------------------- LIO + tcm_loop
vsan__lio_modules() {
	vsan_modules || return 1
	modprobe configfs && modprobe target_core_mod && modprobe target_core_file &&
		modprobe tcm_loop || return 1
	grep -q " $VSAN_CFG configfs" /proc/mounts || mount -t configfs configfs $VSAN_CFG
	[ -d $VSAN_CFG/target/loopback ] || mkdir $VSAN_CFG/target/loopback
}

# ALUA state names <-> LIO numbers
vsan__alua_num() {
	case $1 in
	0 | ao | active | active/optimized | optimized) echo 0 ;;
	1 | an | anonopt | active/non-optimized | nonoptimized) echo 1 ;;
	2 | sb | standby) echo 2 ;;
	3 | un | unavailable) echo 3 ;;
	14 | of | offline) echo 14 ;;
	15 | tr | transitioning) echo 15 ;;
	*) return 1 ;;
	esac
}

# vsan_alua_array NAME CONTROLLERS LUNS [SIZE_MB]
# Environment knobs (optional):
#   VSAN_VENDOR / VSAN_PRODUCT   INQUIRY vendor and product (default LIO-ORG / <backstore>)
#   VSAN_STATES                  initial state per controller, e.g. "ao sb" (default: first
#                                controller A/O, the others standby)
#   VSAN_BACKSTORE               rd_mcp (default) or fileio (file on tmpfs)
# Controller c (1-based) is ALUA group "ctrl<c>" (tg_pt_gp_id c) and one tcm_loop port.
vsan_alua_array() {
	local name=$1 ctrls=$2 luns=$3 size=${4:-16} l c bs dev t0
	t0=$(vsan_now_ms)
	vsan__lio_modules || return 1
	local aid
	aid=$(($(ls $VSAN_RUN/arrays 2>/dev/null | wc -l) + 1))
	mkdir -p $VSAN_RUN/arrays/$name
	echo "$ctrls $luns $aid" >$VSAN_RUN/arrays/$name/conf
	bs=${VSAN_BACKSTORE:-rd_mcp}
	local hba=$VSAN_CFG/target/core/${bs}_$aid
	mkdir -p $hba
	echo $hba >$VSAN_RUN/arrays/$name/hba
	for l in $(seq 0 $((luns - 1))); do
		dev=$hba/${name}_l$l
		mkdir $dev || return 1
		if [ "$bs" = fileio ]; then
			mkdir -p /run/vsan/files
			echo "fd_dev_name=/run/vsan/files/${name}_l$l,fd_dev_size=$((size * 1048576))" >$dev/control
		else
			echo "rd_pages=$((size * 256))" >$dev/control
		fi
		# LIO derives the NAA WWID (6001405 + 25 hex digits) from the hex digits
		# of the unit serial: keep it all hex and unique, like LIO's own UUIDs.
		echo "$(vsan__serial "$name" "$aid" "$l")" >$dev/wwn/vpd_unit_serial
		[ -n "${VSAN_VENDOR:-}" ] && echo "$VSAN_VENDOR" >$dev/wwn/vendor_id
		[ -n "${VSAN_PRODUCT:-}" ] && echo "$VSAN_PRODUCT" >$dev/wwn/product_id
		echo 1 >$dev/enable || return 1
		# The virtual array serves O_DIRECT without a write cache.
		echo 0 >$dev/attrib/emulate_write_cache 2>/dev/null
		for c in $(seq 1 "$ctrls"); do
			mkdir $dev/alua/ctrl$c
			echo $c >$dev/alua/ctrl$c/tg_pt_gp_id
			echo 1 >$dev/alua/ctrl$c/alua_access_type # implicit
			echo 0 >$dev/alua/ctrl$c/implicit_trans_secs 2>/dev/null
			local st
			st=$(echo "${VSAN_STATES:-}" | awk -v c="$c" '{print $c}')
			[ -n "$st" ] || { [ "$c" = 1 ] && st=ao || st=sb; }
			echo "$(vsan__alua_num "$st")" >$dev/alua/ctrl$c/alua_access_state
		done
	done
	for c in $(seq 1 "$ctrls"); do
		vsan_controller_push "$name" "$c" || return 1
	done
	vsan_log "array $name: $ctrls controllers x $luns LUNs ready in $(($(vsan_now_ms) - t0)) ms"
}

vsan__serial() { # NAME AID LUN -> a UUID-like all-hex serial
	local h
	h=$(echo "$1" | md5sum | cut -c1-8)
	printf '%s-%04x-4%03x-a000-%012x\n' "$h" "$2" "$3" "$(($2 * 65536 + $3))"
}
vsan__port_wwn() { printf 'naa.50014050%04x%04x' "$1" "$2"; }       # array id, ctrl
vsan__init_wwn() { printf 'naa.50014051%04x%04x' "$1" "$2"; }

# vsan_controller_push ARRAY CTRL: (re)attach the controller's target port; new
# SCSI host, new sdX names, the LUNs' groups as they are in the array.
vsan_controller_push() {
	local name=$1 c=$2 ctrls luns aid hba l port tpg host before
	read -r ctrls luns aid <$VSAN_RUN/arrays/$name/conf
	hba=$(cat $VSAN_RUN/arrays/$name/hba)
	port=$VSAN_CFG/target/loopback/$(vsan__port_wwn "$aid" "$c")
	tpg=$port/tpgt_1
	[ -d $tpg/lun ] && [ -n "$(ls $tpg/lun)" ] && { vsan_log "$name ctrl$c already attached"; return 0; }
	before=$(echo /sys/class/scsi_host/host*)
	mkdir -p $tpg
	echo "$(vsan__init_wwn "$aid" "$c")" >$tpg/nexus || return 1
	host=""
	for h in /sys/class/scsi_host/host*; do # the nexus created exactly one new host
		case " $before " in *" $h "*) ;; *) host=${h##*/host} ;; esac
	done
	[ -n "$host" ] || { vsan_log "no SCSI host appeared for $name ctrl$c"; return 1; }
	echo "$host" >$VSAN_RUN/arrays/$name/host$c
	for l in $(seq 0 $((luns - 1))); do
		mkdir $tpg/lun/lun_$l
		ln -s $hba/${name}_l$l $tpg/lun/lun_$l/${name}_l$l || return 1
		echo ctrl$c >$tpg/lun/lun_$l/alua_tg_pt_gp
	done
	# Wait for the disks and let the initiator read the port group it is in.
	for l in $(seq 0 $((luns - 1))); do
		vsan_wait 20 vsan__have_disk "$host:0:1:$l" || { vsan_log "no disk $host:0:1:$l"; return 1; }
		echo 1 >/sys/class/scsi_device/$host:0:1:$l/device/rescan
	done
	vsan_log "$name ctrl$c attached as host$host: $(vsan__host_disks "$host")"
}

# The disk exists (its size may be 0 behind an unavailable/offline port group).
vsan__have_disk() { set -- /sys/class/scsi_device/$1/device/block/*; [ -e "$1" ]; }
vsan__host_disks() {
	local d
	for d in /sys/class/scsi_device/$1:*/device/block/*; do [ -e "$d" ] && printf '%s ' "${d##*/}"; done
}

# vsan_controller_pull ARRAY CTRL [remove|unavailable|offline]
#   remove       (default) the port goes away: LUNs unlinked, nexus dropped, the
#                SCSI host and its sdX disappear (a pulled controller module)
#   unavailable  the port stays, its ALUA group turns unavailable
#   offline      the port stays, transport_status offline (I/O fails with transport errors)
vsan_controller_pull() {
	local name=$1 c=$2 mode=${3:-remove} ctrls luns aid tpg l host
	read -r ctrls luns aid <$VSAN_RUN/arrays/$name/conf
	tpg=$VSAN_CFG/target/loopback/$(vsan__port_wwn "$aid" "$c")/tpgt_1
	case $mode in
	unavailable) vsan_alua_state "$name" "ctrl$c" unavailable; return ;;
	offline) echo offline >$tpg/transport_status; return ;;
	online) echo online >$tpg/transport_status; return ;;
	esac
	host=$(cat $VSAN_RUN/arrays/$name/host$c 2>/dev/null)
	for l in $(seq 0 $((luns - 1))); do
		rm -f $tpg/lun/lun_$l/${name}_l$l
		rmdir $tpg/lun/lun_$l 2>/dev/null
	done
	echo NULL >$tpg/nexus 2>/dev/null
	rmdir $tpg $(dirname $tpg) 2>/dev/null
	vsan_log "$name ctrl$c pulled (host$host gone)"
}

# vsan_alua_state ARRAY GROUP STATE: GROUP is ctrl<N> or N; STATE ao|an|sb|un|of|tr
vsan_alua_state() {
	local name=$1 g=$2 st l ctrls luns aid hba
	case $g in [0-9]*) g=ctrl$g ;; esac
	st=$(vsan__alua_num "$3") || { vsan_log "bad ALUA state $3"; return 1; }
	read -r ctrls luns aid <$VSAN_RUN/arrays/$name/conf
	hba=$(cat $VSAN_RUN/arrays/$name/hba)
	for l in $(seq 0 $((luns - 1))); do
		echo "$st" >$hba/${name}_l$l/alua/$g/alua_access_state || return 1
	done
	vsan_log "$name $g -> $3"
}

# ----------------------------------------------------------------- NVMe over TCP
# vsan_nvme_tcp PORTS: one nvmet subsystem with one namespace (a brd ramdisk),
# exported on PORTS TCP ports of 127.0.0.1 and connected once per port, so the
# host sees one namespace through PORTS controllers (native NVMe multipath).
vsan_nvme_tcp() {
	local ports=${1:-2} nqn=nqn.2014-08.org.lab:vsan-nvme1 host=nqn.2014-08.org.lab:host1 p s
	modprobe brd rd_nr=1 rd_size=16384 && modprobe nvmet && modprobe nvmet-tcp &&
		modprobe nvme-tcp || return 1
	ip link set lo up
	grep -q " $VSAN_CFG configfs" /proc/mounts || mount -t configfs configfs $VSAN_CFG
	s=$VSAN_CFG/nvmet/subsystems/$nqn
	mkdir -p $s/namespaces/1
	echo 1 >$s/attr_allow_any_host
	echo /dev/ram0 >$s/namespaces/1/device_path
	# fixed identities so captures are reproducible (nvmet picks random ones)
	echo 6c616276-7361-4e00-8000-000000000001 >$s/namespaces/1/device_uuid 2>/dev/null
	echo 6c616276-7361-4e00-8000-000000000001 >$s/namespaces/1/device_nguid 2>/dev/null
	echo 6c6162767361 >$s/attr_serial 2>/dev/null
	echo 1 >$s/namespaces/1/enable || return 1
	for p in $(seq 1 "$ports"); do
		mkdir -p $VSAN_CFG/nvmet/ports/$p
		echo tcp >$VSAN_CFG/nvmet/ports/$p/addr_trtype
		echo ipv4 >$VSAN_CFG/nvmet/ports/$p/addr_adrfam
		echo 127.0.0.1 >$VSAN_CFG/nvmet/ports/$p/addr_traddr
		echo $((4419 + p)) >$VSAN_CFG/nvmet/ports/$p/addr_trsvcid
		ln -s $s $VSAN_CFG/nvmet/ports/$p/subsystems/$nqn || return 1
		echo "transport=tcp,traddr=127.0.0.1,trsvcid=$((4419 + p)),nqn=$nqn,hostnqn=$host" >/dev/nvme-fabrics || return 1
	done
	vsan_wait 20 test -e /sys/block/nvme0n1 || vsan_wait 5 ls -d /sys/block/nvme*n1 || return 1
	echo nvme >$VSAN_RUN/nvme
	vsan_log "nvme: $(ls /sys/class/nvme | tr '\n' ' ')-> $(ls /sys/block | grep nvme | tr '\n' ' ')"
}

vsan__nvme_reset() {
	local c s p
	for c in /sys/class/nvme/nvme*; do [ -e $c/delete_controller ] && echo 1 >$c/delete_controller; done
	for p in $VSAN_CFG/nvmet/ports/*; do
		[ -d "$p" ] || continue
		rm -f $p/subsystems/* 2>/dev/null
		rmdir $p
	done
	for s in $VSAN_CFG/nvmet/subsystems/*; do
		[ -d "$s" ] || continue
		echo 0 >$s/namespaces/1/enable 2>/dev/null
		rmdir $s/namespaces/* 2>/dev/null
		rmdir $s
	done
}

# ----------------------------------------------------------------- faults on paths
vsan_path_offline() { echo offline >/sys/block/$1/device/state && vsan_log "$1 offline"; }
vsan_path_online() { echo running >/sys/block/$1/device/state && vsan_log "$1 running"; }
vsan_path_delete() { echo 1 >/sys/block/$1/device/delete && vsan_log "$1 deleted"; }
vsan_rescan_all() {
	local h
	for h in /sys/class/scsi_host/host*; do echo '- - -' >$h/scan 2>/dev/null; done
	vsan_log "rescanned all hosts"
}

# scsi_debug "controllers": one host = one path of every LUN.
vsan_sdebug_host_remove() { echo -1 >$VSAN_SDEBUG/add_host && vsan_log "scsi_debug: newest host removed"; }
vsan_sdebug_host_add() { echo 1 >$VSAN_SDEBUG/add_host && vsan_log "scsi_debug: host added"; }

# vsan_io_errors on [N]|off: scsi_debug answers every Nth command (default 50)
# with a MEDIUM ERROR (opts=2): the error reaches the reader, the path stays up.
vsan_io_errors() {
	case $1 in
	on) echo "${2:-50}" >$VSAN_SDEBUG/every_nth && echo 2 >$VSAN_SDEBUG/opts ;;
	off) echo 0 >$VSAN_SDEBUG/opts && echo 0 >$VSAN_SDEBUG/every_nth ;;
	*) return 1 ;;
	esac
	vsan_log "scsi_debug io errors $*"
}

# vsan_latency MS: every scsi_debug command completes after MS milliseconds (0: off).
vsan_latency() {
	if [ "$1" -lt 1000 ]; then
		echo 0 >$VSAN_SDEBUG/delay
		echo $(($1 * 1000000)) >$VSAN_SDEBUG/ndelay
	else
		echo 0 >$VSAN_SDEBUG/ndelay
		echo $(($1 / 4)) >$VSAN_SDEBUG/delay # jiffies, HZ=250
	fi
	vsan_log "scsi_debug latency ${1} ms"
}

# ----------------------------------------------------------------- udev database
# multipath-tools only looks at devices libudev reports as initialised, i.e.
# with /run/udev/data/b<maj>:<min>. Without udevd we write these files with the
# properties Debian's udev would set. The identifiers come from the same program
# Debian's rule 55-scsi-sg3_id.rules (sg3-utils-udev) runs: sg_inq --export on
# the sysfs copies of INQUIRY and VPD pages 0x80/0x83; ID_SERIAL then follows
# that rule file's order: NAA registered extended, NAA registered, NAA extended,
# EUI-64, SCSI name, T10 vendor id, NAA local, vendor specific, unit serial.
vsan_udev_env() { # prints KEY=VALUE lines for sdX
	local dev=$1 sys
	sys=/sys/block/$dev/device
	{
		sg_inq --export --inhex=$sys/inquiry --raw 2>/dev/null
		[ -e $sys/vpd_pg80 ] && sg_inq --export --inhex=$sys/vpd_pg80 --raw 2>/dev/null
		[ -e $sys/vpd_pg83 ] && sg_inq --export --inhex=$sys/vpd_pg83 --raw 2>/dev/null
	} | awk -F= '
		/^[A-Z_0-9]+=/ { k = $1; v = substr($0, length($1) + 2); e[k] = v; order[++n] = k }
		END {
			for (i = 1; i <= n; i++) if (!(order[i] in seen)) { seen[order[i]] = 1; print order[i] "=" e[order[i]] }
			print "ID_SCSI=1"; print "ID_SCSI_INQUIRY=1"
			if ("SCSI_VENDOR" in e) print "ID_VENDOR=" e["SCSI_VENDOR"]
			if ("SCSI_VENDOR_ENC" in e) print "ID_VENDOR_ENC=" e["SCSI_VENDOR_ENC"]
			if ("SCSI_MODEL" in e) print "ID_MODEL=" e["SCSI_MODEL"]
			if ("SCSI_MODEL_ENC" in e) print "ID_MODEL_ENC=" e["SCSI_MODEL_ENC"]
			if ("SCSI_REVISION" in e) print "ID_REVISION=" e["SCSI_REVISION"]
			if ("SCSI_TYPE" in e) print "ID_TYPE=" e["SCSI_TYPE"]
			if ("SCSI_IDENT_PORT_TARGET_PORT_GROUP" in e) { t = e["SCSI_IDENT_PORT_TARGET_PORT_GROUP"]; sub(/^0x/, "", t); print "ID_TARGET_PORT=" t }
			w = ""
			split("SCSI_IDENT_LUN_NAA_REGEXT SCSI_IDENT_LUN_NAA_REG SCSI_IDENT_LUN_NAA_EXT SCSI_IDENT_LUN_NAA_LOCAL", wk, " ")
			for (i = 1; i <= 4; i++) if (w == "" && (wk[i] in e)) w = "0x" e[wk[i]]
			if (w != "") { print "ID_WWN_WITH_EXTENSION=" w; print "ID_WWN=" substr(w, 1, 18) }
			split("NAA_REGEXT:3 NAA_REG:3 NAA_EXT:3 EUI64:2 NAME:8 T10:1 NAA_LOCAL:3", sk, " ")
			s = ""
			for (i = 1; i <= 7 && s == ""; i++) {
				split(sk[i], kv, ":"); k = "SCSI_IDENT_LUN_" kv[1]
				if (k in e) { s = kv[2] e[k]; ss = e[k] }
			}
			if (s == "" && ("SCSI_IDENT_LUN_VENDOR" in e)) { s = "0" e["SCSI_VENDOR"] "_" e["SCSI_MODEL"] "_" e["SCSI_IDENT_LUN_VENDOR"]; ss = e["SCSI_IDENT_LUN_VENDOR"] }
			if (s == "" && ("SCSI_IDENT_SERIAL" in e)) { s = "S" e["SCSI_VENDOR"] "_" e["SCSI_MODEL"] "_" e["SCSI_IDENT_SERIAL"]; ss = e["SCSI_IDENT_SERIAL"] }
			if (s != "") { print "ID_BUS=scsi"; print "ID_SERIAL=" s; print "ID_SERIAL_SHORT=" ss }
			if ("SCSI_IDENT_SERIAL" in e) print "ID_SCSI_SERIAL=" e["SCSI_IDENT_SERIAL"]
		}'
	echo "DEVTYPE=disk"
	echo "SUBSYSTEM=block"
}

vsan_udev_db_write() { # vsan_udev_db_write sdX...
	local dev f
	mkdir -p /run/udev/data
	for dev in "$@"; do
		f=/run/udev/data/b$(vsan_devt "$dev")
		{
			echo "I:$(($(vsan_now_ms) * 1000))"
			vsan_udev_env "$dev" | sed 's/^/E:/'
		} >"$f.tmp" && mv "$f.tmp" "$f"
	done
}
vsan_udev_db_all() { # all sd disks (and drop entries of disks gone)
	local f
	for f in /run/udev/data/b8:* /run/udev/data/b65:*; do
		[ -e "$f" ] || continue
		[ -e "/sys/dev/block/${f#/run/udev/data/b}" ] || rm -f "$f"
	done
	vsan_udev_db_write $(vsan_disks | awk '{print $1}')
}
vsan_serial() { vsan_udev_env "$1" | sed -n 's/^ID_SERIAL=//p'; }

# Real udevd (Debian's systemd-udevd 252): writes the database itself and lets
# multipathd see hot-plug events. Slower with many disks.
vsan_udevd_start() {
	[ -e /run/udev/control ] && return 0
	mkdir -p /run/udev
	/lib/systemd/systemd-udevd --daemon --resolve-names=never || return 1
	udevadm trigger --action=add --subsystem-match=block --subsystem-match=scsi >/dev/null 2>&1
	udevadm settle -t 60
	vsan_log "udevd running"
}
vsan_udevd_stop() { udevadm control --exit 2>/dev/null; }

# ----------------------------------------------------------------- multipath-tools
# vsan_mpt_config [FILE]: installs the lab's multipath.conf (vsan_reset removes it)
vsan_mpt_config() {
	mkdir -p /etc/multipath
	cp "${1:-/lab/conf/multipath.conf}" /etc/multipath.conf
}

# ----------------------------------------------------------------- dm helpers
# vsan_dm_create NAME "TABLE": creates a map without udev and its /dev/mapper node.
vsan_dm_create() {
	DM_DISABLE_UDEV=1 dmsetup create "$1" --table "$2" || return 1
	[ -b /dev/mapper/$1 ] || dmsetup mknodes "$1"
}

# ----------------------------------------------------------------- topology
vsan_paths() { # one line per SCSI disk: name H:C:T:L dev_t state access_state wwid
	# Builtins only (no forks): TCG makes every fork cost milliseconds.
	local d hctl devt state acc wwid
	for d in $(vsan_disks | awk '{print $1}'); do
		set -- /sys/block/$d/device/scsi_device/*
		hctl=${1##*/}
		read -r devt </sys/block/$d/dev
		read -r state </sys/block/$d/device/state
		acc=-
		[ -e /sys/block/$d/device/access_state ] && read -r acc </sys/block/$d/device/access_state
		wwid=-
		[ -e /sys/block/$d/device/wwid ] && read -r wwid </sys/block/$d/device/wwid
		printf '  %-5s %-10s %-6s %-8s %-22s %s\n' "$d" "$hctl" "$devt" "$state" "$acc" "$wwid"
	done
}

vsan_topology() {
	echo "---- topology $(date +%T) ${1:-}"
	echo "paths:"
	vsan_paths
	echo "dmsetup table:"
	dmsetup table 2>&1 | sed 's/^/  /'
	echo "dmsetup status:"
	dmsetup status 2>&1 | sed 's/^/  /'
	if command -v multipath >/dev/null && [ -e /etc/multipath.conf ]; then
		echo "multipath -ll:"
		DM_DISABLE_UDEV=1 timeout 30 multipath -ll 2>&1 | sed 's/^/  /'
	fi
	echo "----"
}

# ----------------------------------------------------------------- I/O load
# vsan_io_start DEV [NAME] [extra iocheck args]: iocheck in the background until
# vsan_io_stop; its output goes to $OUT/iocheck-NAME.txt and the console.
# Without /bin/iocheck (not built yet) a dd write/read-back loop stands in, and
# vsan_io_stop says so.
vsan_io_start() {
	local dev=$1 name=${2:-io}
	shift 2 2>/dev/null || shift $#
	local log=${OUT:-/tmp}/iocheck-$name.txt
	if [ -x /bin/iocheck ]; then
		iocheck --dev "$dev" --seconds 0 --report ${OUT:-/tmp}/iocheck-$name.report "$@" >"$log" 2>&1 &
	else
		vsan_log "WARNING: /bin/iocheck missing, dd fallback (no integrity stamps)"
		(
			i=0 errs=0
			trap 'echo "IOCHECK ops=$i errors=$errs bad_blocks=0 max_stall_ms=-1 (dd fallback)"; exit $errs' TERM
			while :; do
				dd if=/dev/urandom of=/tmp/.blk bs=4096 count=16 2>/dev/null
				if dd if=/tmp/.blk of="$dev" bs=4096 seek=$((i % 256 * 16)) count=16 oflag=direct conv=notrunc 2>/dev/null &&
					dd if="$dev" of=/tmp/.rd bs=4096 skip=$((i % 256 * 16)) count=16 iflag=direct 2>/dev/null &&
					cmp -s /tmp/.blk /tmp/.rd; then :; else errs=$((errs + 1)); fi
				i=$((i + 1))
			done
		) >"$log" 2>&1 &
	fi
	echo $! >$VSAN_RUN/io-$name.pid
	vsan_log "I/O load $name on $dev (pid $!)"
}

# vsan_io_stop [NAME]: stops the load, prints the IOCHECK line, returns its verdict.
vsan_io_stop() {
	local name=${1:-io} pid rc
	pid=$(cat $VSAN_RUN/io-$name.pid 2>/dev/null) || { vsan_log "no I/O load $name"; return 1; }
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	rc=$?
	sed 's/^/  iocheck: /' ${OUT:-/tmp}/iocheck-$name.txt | tail -n 15
	vsan_log "I/O load $name exit $rc"
	rm -f $VSAN_RUN/io-$name.pid
	return $rc
}

# ----------------------------------------------------------------- reset
vsan_reset() {
	local p f c
	for p in multipathd mpathd iocheck systemd-udevd; do killall -q $p 2>/dev/null; done
	sleep 0.2
	DM_DISABLE_UDEV=1 dmsetup remove_all -f >/dev/null 2>&1
	if [ -d $VSAN_CFG/target/loopback ]; then
		for f in $VSAN_CFG/target/loopback/naa.*/tpgt_*/lun/lun_*/*; do [ -L "$f" ] && rm -f "$f"; done
		for f in $VSAN_CFG/target/loopback/naa.*/tpgt_*/lun/lun_*; do [ -d "$f" ] && rmdir "$f"; done
		for f in $VSAN_CFG/target/loopback/naa.*/tpgt_*; do
			[ -d "$f" ] || continue
			echo NULL >$f/nexus 2>/dev/null
			rmdir "$f"
		done
		for f in $VSAN_CFG/target/loopback/naa.*; do [ -d "$f" ] && rmdir "$f"; done
		for f in $VSAN_CFG/target/core/*/*/alua/*; do
			case ${f##*/} in default_tg_pt_gp) ;; *) [ -d "$f" ] && rmdir "$f" ;; esac
		done
		for f in $VSAN_CFG/target/core/*/*; do [ -d "$f/alua" ] && rmdir "$f"; done
		for f in $VSAN_CFG/target/core/*; do [ -d "$f" ] && rmdir "$f" 2>/dev/null; done
	fi
	[ -e $VSAN_RUN/nvme ] && vsan__nvme_reset
	modprobe -r scsi_debug 2>/dev/null
	rm -rf $VSAN_RUN /run/udev/data /run/vsan /etc/multipath.conf /etc/multipath
	mkdir -p $VSAN_RUN
	for f in /dev/mapper/*; do [ "${f##*/}" = control ] || rm -f "$f"; done
	vsan_log "reset done"
}
