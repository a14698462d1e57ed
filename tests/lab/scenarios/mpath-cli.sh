# lab-summary: the mpath command on the real kernel: dry run, create, -ll, no-change rerun, explain, flush; same tables as multipath-tools 0.9.4 in the same boot; /dev/mapper nodes without and with udevd; libdevmapper wrapper smoke test
# lab-timeout: 300
. /lab/vsan.sh
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
ok() { echo "ok: $*"; }
nmaps() { dmsetup ls --target multipath 2>/dev/null | grep -c mpath; }
# the tables without map names, sorted: what both tools must agree on
tables() { dmsetup table --target multipath 2>/dev/null | sed 's/^[^:]*: //' | sort; }

vsan_mpt_config
vsan_scsi_debug 4 4 16 || exit 1
vsan_alua_array arr 2 2 16 || exit 1
vsan_udev_db_all
vsan_paths

echo "== 1. multipath-tools 0.9.4 creates its maps (the reference, same boot)"
multipath -v0 >/dev/null 2>&1
[ "$(nmaps)" -eq 6 ] || bad "multipath created $(nmaps) maps, expected 6"
tables >$OUT/tables-mpt.txt
multipath -F -v0 >/dev/null 2>&1
[ "$(nmaps)" -eq 0 ] || bad "multipath -F left $(nmaps) maps"
rm -f /etc/multipath/bindings /etc/multipath/wwids

echo "== 2. mpath -d: a plan, no change (no udevd: libdevmapper makes the nodes)"
export DM_DISABLE_UDEV=1
t0=$(vsan_now_ms)
mpath -d >$OUT/dry-run.txt 2>&1 || bad "mpath -d failed"
echo "mpath -d: $(($(vsan_now_ms) - t0)) ms"
cat $OUT/dry-run.txt
[ "$(grep -c '^create: ' $OUT/dry-run.txt)" -eq 6 ] || bad "dry run does not plan 6 creates"
[ "$(nmaps)" -eq 0 ] || bad "dry run created maps"
[ ! -e /etc/multipath/bindings ] || bad "dry run wrote the bindings file"

echo "== 3. mpath creates the maps"
t0=$(vsan_now_ms)
mpath >$OUT/create.txt 2>&1 || bad "mpath (create) failed"
echo "mpath create: $(($(vsan_now_ms) - t0)) ms"
[ "$(nmaps)" -eq 6 ] || bad "mpath created $(nmaps) maps, expected 6"
for m in $(dmsetup ls --target multipath | awk '{print $1}'); do
	[ -b /dev/mapper/$m ] || bad "/dev/mapper/$m missing (no udevd)"
done
tables >$OUT/tables-mpath.txt
if diff -u $OUT/tables-mpt.txt $OUT/tables-mpath.txt; then
	ok "the kernel holds the same 6 tables as with multipath-tools 0.9.4"
else
	bad "tables differ from multipath-tools'"
fi
grep -q '^mpatha ' /etc/multipath/bindings || bad "no bindings written"

echo "== 4. mpath -ll"
t0=$(vsan_now_ms)
mpath -ll >$OUT/ll.txt 2>&1 || bad "mpath -ll failed"
echo "mpath -ll: $(($(vsan_now_ms) - t0)) ms"
cat $OUT/ll.txt
[ "$(grep -c ' dm-[0-9]* ' $OUT/ll.txt)" -eq 6 ] || bad "-ll does not show 6 maps"
grep -q 'hwhandler=.1 alua' $OUT/ll.txt || bad "-ll shows no alua handler"
mpath -ll --json >$OUT/ll.json || bad "mpath -ll --json failed"
grep -q '"maps"' $OUT/ll.json || bad "no maps in JSON"

echo "== 5. a no-change rerun changes nothing"
before=$(dmsetup info -c --noheadings -o name,events --target multipath 2>/dev/null | sort)
t0=$(vsan_now_ms)
mpath -v2 >$OUT/rerun.txt 2>&1 || bad "rerun failed"
echo "mpath rerun: $(($(vsan_now_ms) - t0)) ms"
after=$(dmsetup info -c --noheadings -o name,events --target multipath 2>/dev/null | sort)
[ "$before" = "$after" ] && ok "no reload on rerun" || bad "rerun touched maps: [$before] -> [$after]"
grep -q '^create\|^reload' $OUT/rerun.txt && bad "rerun planned changes: $(cat $OUT/rerun.txt)"

echo "== 6. explain and -c"
victim=$(vsan_disks | awk 'NR==1{print $1}')
mpath explain "$victim" || bad "explain $victim"
mpath -c "$victim" || bad "-c $victim: not a multipath path"

echo "== 7. I/O through a map, a path fault, and flush refusing a map in use"
vsan_io_start /dev/mapper/mpatha cli
sleep 2
mpath -f mpatha && bad "flushed a map in use"
vsan_io_stop cli || bad "I/O errors through mpatha"
mpath -F >$OUT/flush.txt 2>&1 || bad "mpath -F failed: $(cat $OUT/flush.txt)"
[ "$(nmaps)" -eq 0 ] || bad "mpath -F left $(nmaps) maps"
for m in mpatha mpathb; do [ -e /dev/mapper/$m ] && bad "/dev/mapper/$m left behind"; done

echo "== 8. with udevd: nodes come from udev"
unset DM_DISABLE_UDEV
vsan_udevd_start || bad "udevd did not start"
mpath >/dev/null 2>&1 || bad "mpath (create, udevd) failed"
udevadm settle -t 20
[ "$(nmaps)" -eq 6 ] || bad "with udevd: $(nmaps) maps"
for m in $(dmsetup ls --target multipath | awk '{print $1}'); do
	[ -b /dev/mapper/$m ] || bad "/dev/mapper/$m missing (udevd)"
done
mpath -F >/dev/null 2>&1 || bad "mpath -F (udevd) failed"
[ "$(nmaps)" -eq 0 ] || bad "mpath -F (udevd) left maps"

echo "== 9. libdevmapper wrapper smoke test (create, messages, rename, remove)"
if [ -x /bin/dm_live_smoke ]; then
	first=$(vsan_disks | awk 'NR==1{print $1}')
	read -r wwid <"/sys/block/$first/device/wwid"
	set -- $(vsan_disks_with_wwid "$wwid" | head -2)
	dm_live_smoke "$(vsan_devt $1)" "$(vsan_devt $2)" || bad "dm_live_smoke with udevd"
	vsan_udevd_stop
	sleep 1
	DM_DISABLE_UDEV=1 dm_live_smoke "$(vsan_devt $1)" "$(vsan_devt $2)" || bad "dm_live_smoke without udevd"
else
	bad "/bin/dm_live_smoke not in the image"
fi
exit $rc
