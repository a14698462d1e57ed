# lab-summary: SCSI-3 persistent reservations with mpath persist on a LIO LUN: two "nodes" (two sets of I_T nexuses), register on every path, A reserves (type 5), B preempts A: A's writes fail with RESERVATION CONFLICT, B's succeed and verify
# lab-timeout: 300
# One LIO ramdisk LUN behind four tcm_loop target ports; each port has its own
# initiator WWN, so each path is its own I_T nexus and holds its own
# registration. Paths 1+2 are "node A" (map nodeA), paths 3+4 "node B" (map
# nodeB): two hosts sharing one LUN, each with a two-path map. mpathd does not
# run; the maps are made with dmsetup. Each node's key comes from its
# multipaths entry (reservation_key), as on a real cluster. LIO's configfs
# (pr/res_pr_*) shows the target's side independently of mpath's answers.
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
ok() { echo "ok: $*"; }
KA=aaaa0001 KB=bbbb0002 KC=cccc0003
persist() { mpath persist "$@"; }

VSAN_STATES="ao ao ao ao" vsan_alua_array pr 4 1 16 || exit 1
# LIO writes its APTPL metadata below dbroot/pr on every PR OUT, APTPL or not, and
# answers NOT READY 08/00 (after doing the command) when it cannot: give it the directory.
mkdir -p "$(cat /sys/kernel/config/target/dbroot 2>/dev/null || echo /etc/target)/pr" /var/target/pr
path_of() { vsan__host_disks "$(cat /run/vsan/arrays/pr/host$1)" | awk '{print $1}'; }
A1=$(path_of 1) A2=$(path_of 2) B1=$(path_of 3) B2=$(path_of 4)
echo "node A: $A1 $A2   node B: $B1 $B2"
size=$(vsan_size_sectors "$A1")
mkmap() { # NAME PATH PATH: uuid mpath-NAME, so the "wwid" is NAME
	dmsetup create "$1" -u "mpath-$1" \
		--table "0 $size multipath 0 0 1 1 round-robin 0 2 1 $(vsan_devt "$2") 1 $(vsan_devt "$3") 1" &&
		{ [ -b /dev/mapper/$1 ] || dmsetup mknodes "$1"; }
}
mkmap nodeA "$A1" "$A2" || exit 1
mkmap nodeB "$B1" "$B2" || exit 1
dmsetup info -c -o name,uuid
mkdir -p /etc/multipath
cat >/etc/multipath.conf <<CONF
multipaths {
	multipath {
		wwid nodeA
		reservation_key 0x$KA
	}
	multipath {
		wwid nodeB
		reservation_key 0x$KB
	}
	multipath {
		wwid probe
		reservation_key 0x$KC
	}
}
CONF
PR=$(ls -d /sys/kernel/config/target/core/rd_mcp_*/pr_l0)/pr
lio() { echo "  LIO $1: $(tr '\n' ' ' <"$PR/$1")"; }

echo "== 1. no registrations yet"
persist --in --read-keys -d /dev/mapper/nodeA | tee $OUT/keys-0.txt
grep -q "0 registered reservation key" $OUT/keys-0.txt || bad "keys before registering"
persist --in --report-capabilities -d /dev/mapper/nodeA | tee $OUT/caps.txt
grep -q "Write Exclusive, registrants only: 1" $OUT/caps.txt || bad "capabilities lack type 5"

echo "== 2a. a registration that conflicts on one path is rolled back on the others"
# "probe" is a one-path map over node A's first path (dm lets maps share a disk):
# it registers another key on that nexus, so node A's REGISTER from no key
# conflicts there and succeeds on the second path, which must be unregistered again.
mkmap1() { dmsetup create probe -u mpath-probe --table "0 $size multipath 0 0 1 1 round-robin 0 1 1 $(vsan_devt "$A1") 1" &&
	{ [ -b /dev/mapper/probe ] || dmsetup mknodes probe; }; }
mkmap1 || bad "probe map"
persist --out --register --param-sark=$KC -d /dev/mapper/probe || bad "probe register (rc $?)"
persist --out --register --param-sark=$KA -v 2 -d /dev/mapper/nodeA >$OUT/rollback.txt 2>&1
st=$?
cat $OUT/rollback.txt
[ $st -eq 11 ] || bad "conflicting register: exit $st, expected 11"
grep -q "$A2: REGISTER: ok, rolled back" $OUT/rollback.txt || bad "$A2 not rolled back"
persist --in --read-keys -d /dev/mapper/nodeB | tee $OUT/keys-rollback.txt
grep -q "1 registered reservation key follows" $OUT/keys-rollback.txt || bad "rollback left keys"
grep -q "0x$KC" $OUT/keys-rollback.txt || bad "probe's key gone"
persist --out --register --param-rk=$KC --param-sark=0 -d /dev/mapper/probe || bad "probe unregister (rc $?)"
dmsetup remove probe || bad "remove probe"

echo "== 2. each node registers its key through every path of its map"
persist --out --register --param-sark=$KA -v 2 -d /dev/mapper/nodeA || bad "register A (rc $?)"
persist --out --register --param-sark=$KB -v 2 -d /dev/mapper/nodeB || bad "register B (rc $?)"
persist --in --read-keys -d /dev/mapper/nodeB | tee $OUT/keys-1.txt
[ "$(grep -c "0x$KA" $OUT/keys-1.txt)" -eq 2 ] || bad "A's key not on 2 nexuses"
[ "$(grep -c "0x$KB" $OUT/keys-1.txt)" -eq 2 ] || bad "B's key not on 2 nexuses"
grep -q "4 registered reservation keys follow" $OUT/keys-1.txt || bad "not 4 registrations"
lio res_pr_registered_i_pts
persist --in --read-full-status -d /dev/mapper/nodeA | tee $OUT/full-1.txt
[ "$(grep -c "Key = 0x" $OUT/full-1.txt)" -eq 4 ] || bad "full status: not 4 descriptors"

echo "== 3. a key that is not the map's is refused before anything is sent (mpathpersist's rule)"
persist --out --reserve --prout-type=5 --param-rk=1234 -d /dev/mapper/nodeA
st=$?
[ $st -eq 1 ] || bad "foreign key: exit $st, expected 1"

echo "== 4. node A reserves: Write Exclusive, registrants only"
persist --out --reserve --prout-type=5 --param-rk=$KA -d /dev/mapper/nodeA || bad "reserve A (rc $?)"
persist --in --read-reservation -d /dev/mapper/nodeB | tee $OUT/resv-1.txt
grep -q "Key = 0x$KA" $OUT/resv-1.txt || bad "reservation not held by A"
grep -q "type = Write Exclusive, registrants only" $OUT/resv-1.txt || bad "reservation type"
lio res_pr_holder_tg_port
lio res_pr_type

echo "== 5. B writes (iocheck, blocks 0..2047) while A also writes (its own range)"
iocheck --dev /dev/mapper/nodeB --seconds 0 --blocks 2048 --state $OUT/iocheck-B.state \
	--report $OUT/iocheck-B.report >$OUT/iocheck-B.txt 2>&1 &
iopid=$!
sleep 2
dd if=/dev/zero of=/dev/mapper/nodeA bs=4096 seek=3000 count=16 oflag=direct conv=notrunc 2>$OUT/ddA-1.txt &&
	ok "A writes while registered" || bad "A could not write while registered: $(cat $OUT/ddA-1.txt)"

echo "== 6. node B preempts A (PREEMPT; run as mpathpersist)"
# fence_mpath sends PREEMPT AND ABORT; on this kernel's LIO + tcm_loop that hung the
# target's workers (blocked > 120 s) with B's I/O in flight, so the lab preempts
# without the abort. Same effect on registrations and the reservation.
dmesg -c >/dev/null 2>&1
ln -sf /bin/mpath /tmp/mpathpersist
/tmp/mpathpersist -o --preempt --prout-type=5 --param-rk=$KB --param-sark=$KA -d /dev/mapper/nodeB ||
	bad "preempt (rc $?)"
persist --in --read-keys -d /dev/mapper/nodeB | tee $OUT/keys-2.txt
grep -q "0x$KA" $OUT/keys-2.txt && bad "A's key survived the preempt"
[ "$(grep -c "0x$KB" $OUT/keys-2.txt)" -eq 2 ] || bad "B's registrations lost"
persist --in --read-reservation -d /dev/mapper/nodeA | tee $OUT/resv-2.txt
grep -q "Key = 0x$KB" $OUT/resv-2.txt || bad "B does not hold the reservation"
lio res_pr_registered_i_pts

echo "== 7. A is fenced: its writes fail with RESERVATION CONFLICT, its reserve too"
if dd if=/dev/zero of=/dev/mapper/nodeA bs=4096 seek=3000 count=16 oflag=direct conv=notrunc 2>$OUT/ddA-2.txt; then
	bad "A could still write after the preempt"
else
	ok "A's write failed: $(head -1 $OUT/ddA-2.txt)"
fi
dmesg | grep -i "reservation conflict" | tail -3 | tee $OUT/dmesg-conflict.txt
[ -s $OUT/dmesg-conflict.txt ] || bad "the kernel saw no reservation conflict"
persist --out --reserve --prout-type=5 --param-rk=$KA -d /dev/mapper/nodeA >$OUT/reserve-A2.txt
st=$?
cat $OUT/reserve-A2.txt
[ $st -eq 11 ] || bad "A's reserve after the preempt: exit $st, expected 11 (reservation conflict)"
grep -q "Reservation Conflict" $OUT/reserve-A2.txt || bad "no 'Reservation Conflict' line"
# reads stay allowed for everybody under type 5
dd if=/dev/mapper/nodeA of=/dev/null bs=4096 count=16 iflag=direct 2>/dev/null || bad "A cannot read"

echo "== 8. B's writes went on; everything it wrote verifies"
sleep 2
kill -TERM $iopid
wait $iopid
st=$?
tail -3 $OUT/iocheck-B.txt
[ $st -eq 0 ] || bad "iocheck on B: exit $st"
grep -E '^(ops|errors|bad_blocks)=' $OUT/iocheck-B.report | tr '\n' ' '
echo
iocheck --dev /dev/mapper/nodeB --verify-only --state $OUT/iocheck-B.state \
	--report $OUT/iocheck-B-verify.report >$OUT/iocheck-B-verify.txt 2>&1 ||
	bad "B's data does not verify: $(tail -2 $OUT/iocheck-B-verify.txt)"
grep -E '^(blocks|bad_blocks|errors)=' $OUT/iocheck-B-verify.report | tr '\n' ' '
echo

echo "== 9. B releases; A registers again; B clears every registration"
persist --out --release --prout-type=5 --param-rk=$KB -d /dev/mapper/nodeB || bad "release (rc $?)"
persist --in --read-reservation -d /dev/mapper/nodeB | grep -q "NO reservation" || bad "still reserved"
persist --out --register --param-sark=$KA -d /dev/mapper/nodeA || bad "A re-register (rc $?)"
persist --out --clear --param-rk=$KB -d /dev/mapper/nodeB || bad "clear (rc $?)"
persist --in --read-keys -d /dev/mapper/nodeA | tee $OUT/keys-3.txt
grep -q "0 registered reservation key" $OUT/keys-3.txt || bad "keys left after CLEAR"
exit $rc
