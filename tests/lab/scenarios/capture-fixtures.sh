# lab-summary: builds a dozen SAN topologies and captures each with mpath-sysfs-capture into /out/<name>.tar.gz
# lab-timeout: 600
# Refresh the committed fixtures with
#     tests/lab/lab run capture-fixtures --build build --keep-output tests/fixtures
# Every fixture NAME gets NAME.tar.gz (the sysfs capture) and NAME.txt (what the
# VM saw: paths with H:C:T:L, dev_t, ALUA state, the kernel's wwid, the
# ID_SERIAL Debian's udev would give, vendor/model; the dm tables if any).
# Describe new fixtures in tests/fixtures/README.md.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
CAPTURE=/bin/mpath-sysfs-capture
ONLY=${LAB_ONLY:-}          # lab.only=name1+name2 to capture a subset
rc=0
count=0

if [ ! -x $CAPTURE ]; then
	# Fallback so fixtures can still be produced: a plain tar of the sysfs parts
	# multipath discovery reads. Unlike the real tool it cannot copy sysfs
	# attributes larger than their stat size (sysfs reports 4096), so it is
	# only a stop-gap.
	echo "WARNING: $CAPTURE missing, using the tar fallback"
	CAPTURE=capture_fallback
fi
capture_fallback() {
	local out=$1 tmp=/tmp/capfb d
	rm -rf $tmp; mkdir -p $tmp
	for d in /sys/block /sys/class/scsi_host /sys/class/scsi_device /sys/class/scsi_disk \
		/sys/class/fc_host /sys/class/fc_remote_ports /sys/class/iscsi_session /sys/class/nvme; do
		[ -e $d ] && tar -cf - $d 2>/dev/null | tar -xf - -C $tmp 2>/dev/null
	done
	tar -czf "$out" -C $tmp .
}

failed() { echo "FAILED to build $1"; rc=1; vsan_reset >/dev/null; }

want() { [ -z "$ONLY" ] && return 0; case "+$ONLY+" in *"+$1+"*) return 0 ;; esac; return 1; }

describe() { # NAME "text": the sidecar file
	local f=$OUT/$1.txt d
	{
		echo "# fixture $1: $2"
		echo "# kernel $(uname -r); captured by tests/lab/scenarios/capture-fixtures.sh"
		echo "# name  H:C:T:L  dev_t  state  access_state  device/wwid"
		vsan_paths
		echo "# udev ID_SERIAL (Debian's 55-scsi-sg3_id.rules order), vendor, model"
		for d in $(vsan_disks | awk '{print $1}'); do
			vsan_udev_env "$d" | awk -v d="$d" -F= '
				$1 == "ID_SERIAL" {s = $2} $1 == "SCSI_VENDOR" {v = $2} $1 == "SCSI_MODEL" {m = $2}
				END {printf "  %-5s %-40s %s %s\n", d, (s == "" ? "(none)" : s), v, m}'
		done
		for d in /sys/class/nvme/nvme*; do
			[ -e "$d" ] || continue
			echo "# nvme controller ${d##*/}: transport $(cat $d/transport) address $(cat $d/address) state $(cat $d/state) model $(cat $d/model)"
		done
		for d in /sys/block/nvme*; do
			[ -e "$d" ] || continue
			echo "  ${d##*/} $(cat $d/dev) wwid $(cat $d/wwid 2>/dev/null || cat $d/device/wwid 2>/dev/null)"
		done
		if dmsetup table 2>/dev/null | grep -q multipath; then
			echo "# dmsetup table"
			dmsetup table | sed 's/^/  /'
			echo "# dmsetup status"
			dmsetup status | sed 's/^/  /'
			echo "# dm devices: name dev_t"
			dmsetup ls | sed 's/^/  /'
		fi
	} >"$f"
}

snap() { # NAME "text": capture what exists now, then tear it down
	local t0=$(vsan_now_ms)
	describe "$1" "$2"
	if $CAPTURE "$OUT/$1.tar.gz" >/tmp/capture.log 2>&1; then
		count=$((count + 1))
		echo "captured $1 ($(wc -c <"$OUT/$1.tar.gz") bytes, $(($(vsan_now_ms) - t0)) ms): $2"
	else
		echo "capture of $1 FAILED:"; cat /tmp/capture.log; rc=1
	fi
	vsan_reset >/dev/null
}

mpt_maps() { # create maps with Debian's multipath-tools (they go into the capture)
	vsan_mpt_config
	vsan_udev_db_all
	timeout 120 multipath -v1 >/dev/null 2>&1
	dmsetup ls --target multipath | sed 's/^/  map: /'
}

if want sdebug-1path; then
	vsan_scsi_debug 1 1 && snap sdebug-1path "scsi_debug, 1 LUN, 1 path (host0: active/optimized)" || failed sdebug-1path
fi
if want sdebug-2paths; then
	vsan_scsi_debug 1 2 && snap sdebug-2paths "scsi_debug, 1 LUN x 2 paths (A/O, A/NO)" || failed sdebug-2paths
fi
if want sdebug-4paths; then
	vsan_scsi_debug 1 4 && snap sdebug-4paths "scsi_debug, 1 LUN x 4 paths (A/O, A/NO, standby, A/O)" || failed sdebug-4paths
fi
if want sdebug-8paths; then
	vsan_scsi_debug 1 8 && snap sdebug-8paths "scsi_debug, 1 LUN x 8 paths (ALUA state = host_no % 3)" || failed sdebug-8paths
fi
if want sdebug-8luns-4paths; then
	vsan_scsi_debug 8 4 && snap sdebug-8luns-4paths "scsi_debug, 8 LUNs x 4 paths" || failed sdebug-8luns-4paths
fi
if want sdebug-4luns-2paths-maps; then
	vsan_scsi_debug 4 2 && mpt_maps &&
		snap sdebug-4luns-2paths-maps "scsi_debug, 4 LUNs x 2 paths, with the dm maps Debian's multipath-tools 0.9.4 made (user_friendly_names)" ||
		failed sdebug-4luns-2paths-maps
fi
if want lio-alua-ao-standby; then
	vsan_alua_array lio 2 2 &&
		snap lio-alua-ao-standby "LIO/tcm_loop, 2 controllers (ctrl1 A/O, ctrl2 standby), 2 LUNs; one SCSI host per controller" ||
		failed lio-alua-ao-standby
fi
if want lio-alua-ao-anonopt; then
	VSAN_STATES="ao an" vsan_alua_array lio 2 2 &&
		snap lio-alua-ao-anonopt "LIO/tcm_loop, 2 controllers (ctrl1 A/O, ctrl2 A/NO), 2 LUNs" ||
		failed lio-alua-ao-anonopt
fi
if want lio-alua-4ctrl-mixed-states; then
	VSAN_STATES="ao an sb un" vsan_alua_array lio 4 1 &&
		snap lio-alua-4ctrl-mixed-states "LIO/tcm_loop, 4 controllers (A/O, A/NO, standby, unavailable), 1 LUN" ||
		failed lio-alua-4ctrl-mixed-states
fi
if want lio-alua-maps; then
	VSAN_VENDOR=Intel VSAN_PRODUCT=Multi-Flex vsan_alua_array ims 2 1 64 && mpt_maps &&
		snap lio-alua-maps "LIO/tcm_loop as 'Intel Multi-Flex' (the seed's array), 2 controllers A/O + standby, 1 LUN, with multipath-tools' dm map" ||
		failed lio-alua-maps
fi
if want mixed-vendors; then
	# scsi_debug as a Hitachi, LIO arrays as an IBM SVC and a Pure FlashArray
	vsan_scsi_debug 2 2 16 inq_vendor=HITACHI inq_product=OPEN-V &&
		VSAN_VENDOR=IBM VSAN_PRODUCT=2145 vsan_alua_array svc 2 1 &&
		VSAN_VENDOR=PURE VSAN_PRODUCT=FlashArray VSAN_STATES="ao ao" vsan_alua_array pure 2 1 &&
		snap mixed-vendors "HITACHI OPEN-V (scsi_debug 2x2) + IBM 2145 (LIO 2 ctrl A/O+standby, 1 LUN) + PURE FlashArray (LIO 2 ctrl both A/O, 1 LUN)" ||
		failed mixed-vendors
fi
if want blacklisted-lunz; then
	# DGC LUNZ (an EMC CLARiiON/VNX LUN Z) is in multipath-tools' built-in blacklist
	vsan_scsi_debug 1 2 16 inq_vendor=DGC inq_product=LUNZ &&
		snap blacklisted-lunz "scsi_debug posing as DGC LUNZ (blacklisted by default), 1 LUN x 2 paths" ||
		failed blacklisted-lunz
fi
if want no-vpd; then
	# SCSI-2 devices: the kernel does not read VPD pages, so there is no
	# device/wwid, vpd_pg80 or vpd_pg83 in sysfs; WWIDs must come from SG_IO.
	vsan_scsi_debug 1 2 16 scsi_level=2 &&
		snap no-vpd "scsi_debug with scsi_level=2 (SCSI-2): no VPD pages in sysfs, no device/wwid; 1 LUN x 2 paths" ||
		failed no-vpd
fi
if want local-disk-plus-array; then
	vsan_scsi_debug 1 1 16 inq_vendor=ATA inq_product=LOCALDISK &&
		vsan_alua_array lio 2 2 &&
		snap local-disk-plus-array "a single-path local disk (scsi_debug 'ATA LOCALDISK', 1 path) next to a LIO array (2 ctrl A/O+standby, 2 LUNs)" ||
		failed local-disk-plus-array
fi
if want nvme-tcp-2paths && [ "${LAB_NVME:-1}" = 1 ]; then
	if vsan_nvme_tcp 2 2>&1; then
		snap nvme-tcp-2paths "NVMe over TCP loopback (nvmet-tcp), 1 namespace, 2 controllers (native NVMe multipath)" ||
		failed nvme-tcp-2paths
	else
		echo "nvme fixture skipped"
	fi
fi

echo "captured $count fixtures"
ls -la $OUT
[ $count -ge 10 ] || [ -n "$ONLY" ] || rc=1
exit $rc
