# lab-summary: boots, loads the SAN modules, gives a verdict: the lab's own overhead
# lab-timeout: 60
. /lab/vsan.sh
t0=$(vsan_now_ms)
vsan_modules || exit 1
echo "kernel $(uname -r), $(nproc) cpus, modules loaded in $(($(vsan_now_ms) - t0)) ms, uptime $(cut -d' ' -f1 /proc/uptime) s"
for b in iocheck mpath-sysfs-capture mpath mpathd multipath multipathd dmsetup sg_inq; do
	command -v $b >/dev/null && echo "  have $b" || echo "  no $b"
done
exit 0
