# lab-summary: the configured path_checker runs in mpath -ll and in mpathd (lib/check): with path_checker directio the ALUA array sees reads on every path and no TEST UNIT READY (kernel scsi trace + block stats); with tur, TURs and no reads
# lab-timeout: 240
. /lab/vsan.sh
export DM_DISABLE_UDEV=1
set -u
rc=0
bad() { echo "FAIL: $*"; rc=1; }
ok() { echo "ok: $*"; }

T=/sys/kernel/tracing
trace_on() { echo 0 >$T/tracing_on; echo >$T/trace; echo 1 >$T/events/scsi/scsi_dispatch_cmd_start/enable; echo 1 >$T/tracing_on; }
trace_off() { echo 0 >$T/tracing_on; cat $T/trace >"$OUT/trace-$1.txt"; }
# commands of one opcode name in a saved trace
count() { grep -c "$2" "$OUT/trace-$1.txt"; }
reads_of() { local r; read -r r _ <"/sys/block/$1/stat"; echo "$r"; }
# sum of completed reads on every path of the array
sum_reads() { local s=0 d; for d in $PATHS; do s=$((s + $(reads_of $d))); done; echo $s; }

vsan_mpt_config /lab/conf/checker-directio.conf
vsan_alua_array arr 2 1 16 || exit 1
vsan_paths
# scsi_mod's tracepoints exist once the module is loaded (by the array above)
mount -t tracefs nodev $T 2>/dev/null
[ -e $T/events/scsi/scsi_dispatch_cmd_start/enable ] || { echo "FAIL: no scsi tracepoints in this kernel"; exit 1; }
PATHS=$(vsan_paths | awk '$1 ~ /^sd/ {print $1}' | tr '\n' ' ')
n=$(echo $PATHS | wc -w)
echo "paths: $PATHS"
mpath -v0 || bad "mpath (create) failed"
[ "$(dmsetup ls --target multipath | grep -c mpath)" -eq 1 ] || bad "no map"

echo "== 1. mpath -ll with path_checker directio"
r0=$(sum_reads)
trace_on
mpath -ll >$OUT/ll-directio.txt 2>&1 || bad "mpath -ll failed"
trace_off ll-directio
r1=$(sum_reads)
cat $OUT/ll-directio.txt
turs=$(count ll-directio TEST_UNIT_READY)
reads=$(count ll-directio 'READ_\(10\|16\|6\)')
echo "mpath -ll (directio): $turs TEST UNIT READY, $reads READ commands, block reads +$((r1 - r0)) on $n paths"
[ "$turs" -eq 0 ] || bad "directio: mpath -ll sent $turs TEST UNIT READY"
[ "$((r1 - r0))" -ge "$n" ] || bad "directio: only $((r1 - r0)) reads for $n paths"
# scsi_dh_alua rejects I/O to a standby port before it is dispatched: the read
# completes (with an error) in the block layer, but only active ports show it
[ "$reads" -ge 1 ] || bad "directio: no READ command traced"

echo "== 2. mpathd with path_checker directio (polling_interval 1)"
mpathd -d -s -v 3 >$OUT/mpathd.log 2>&1 &
echo $! >/run/mpathd.test.pid
vsan_wait 20 mpath ctl show daemon >/dev/null || bad "mpathd does not answer"
sleep 2
trace_on
r0=$(sum_reads)
sleep 4
r1=$(sum_reads)
trace_off mpathd-directio
turs=$(count mpathd-directio TEST_UNIT_READY)
echo "mpathd (directio), 4 s: $turs TEST UNIT READY, block reads +$((r1 - r0)) on $n paths"
multipathd show paths format '%d %c %T' | tee $OUT/paths-directio.txt
[ "$turs" -eq 0 ] || bad "directio: mpathd sent $turs TEST UNIT READY"
[ "$((r1 - r0))" -ge "$n" ] || bad "directio: mpathd read only $((r1 - r0)) times on $n paths in 4 s"
[ "$(grep -c 'directio' $OUT/paths-directio.txt)" -eq "$n" ] || bad "show paths does not say directio for each path"
kill "$(cat /run/mpathd.test.pid)"; wait 2>/dev/null

echo "== 3. the same with path_checker tur: TURs, no checker reads"
sed -i 's/path_checker directio/path_checker tur/' /etc/multipath.conf
r0=$(sum_reads)
trace_on
mpath -ll >$OUT/ll-tur.txt 2>&1 || bad "mpath -ll (tur) failed"
trace_off ll-tur
r1=$(sum_reads)
turs=$(count ll-tur TEST_UNIT_READY)
echo "mpath -ll (tur): $turs TEST UNIT READY, block reads +$((r1 - r0))"
[ "$turs" -ge "$n" ] || bad "tur: only $turs TEST UNIT READY for $n paths"
[ "$((r1 - r0))" -eq 0 ] || bad "tur: mpath -ll read $((r1 - r0)) times"

mpath -F -v0
[ $rc -eq 0 ] && ok "configured checker honoured by mpath -ll and mpathd"
exit $rc
